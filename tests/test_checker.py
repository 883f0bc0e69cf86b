"""The step checker on hand-written traces: claims, the first error, retractions, reflection outcomes,
answers, and the world's own traces read back as process-correct."""

from fractions import Fraction

import pytest

from training.task.checker import check, extract_answer, extract_claims
from training.task.traces import write_trace
from training.task.world import WORKED_EXAMPLE, parse_expression, problems

WORKED_8K = """<think>
Okay, let me compute 93/3+77+(12-32)-11+61*78+44*39+55.
93/3 = 31. Then 31 + 77 = 108. 12 - 32 = -20, so 108 + (-20) = 88. 88 - 11 = 77.
61 \\times 78 = 4758. 77 + 4758 = 4885. 44 \\times 39 = 1716. 4885 + 1716 = 6601. Hmm, 6601 + 55 = 6656?
Wait, let me double-check 77 + 4758 = 4885. Yes. So 4885 + 1716 = 6601.
</think>
The answer is \\boxed{6601}."""


def test_worked_example_first_error_and_final_answer():
    p = parse_expression(WORKED_EXAMPLE)
    rec = check(WORKED_8K, problem=p)
    first = rec.claims[rec.first_error]
    assert first.expression == "77 + 4758"
    assert first.claimed == 4885 and first.true_value == 4835
    assert WORKED_8K[first.start:first.end] == "77 + 4758 = 4885"
    assert rec.answer == 6601 and rec.answer_correct is False
    # the re-verification repeated the wrong sum and did not catch it
    assert rec.outcomes["missed"] >= 1 and rec.outcomes["caught"] == 0
    assert rec.outcomes["verified_wrong"] >= 1
    assert rec.caught[0] is False


def test_natural_language_and_latex():
    text = ("First, $\\frac{93}{3} = 31$. Next 61 \\times 78 = 4758 and 93/3 = 31. "
            "Then 5 plus 3 is 8, 20 divided by 4 equals 5, 6 x 7 = 42, 4,835 + 1,716 = 6,551, "
            "and 2 \\cdot 3 = 7.")
    claims = extract_claims(text)
    got = [(str(c.claimed), c.correct) for c in claims]
    assert got == [("31", True), ("4758", True), ("31", True), ("8", True), ("5", True), ("42", True),
                   ("6551", True), ("7", False)]
    assert claims[0].operands == (93, "/", 3)
    assert claims[-1].true_value == 6


def test_negative_operands_and_lines():
    claims = extract_claims("12 - 32 = -20\n108 + (-20) = 88\n-20 * 3 = -60\n16 / 8 = 2\n-9 + 2 = -7")
    assert [c.operands for c in claims] == [(12, "-", 32), (108, "+", -20), (-20, "*", 3),
                                            (16, "/", 8), (-9, "+", 2)]
    assert all(c.correct for c in claims)


def short_with(p, k, new_line):
    lines = write_trace(p, "short").split("\n")
    lines[k] = new_line
    return "\n".join(lines)


def test_planted_compute_error_is_flagged_at_its_index():
    p = parse_expression("7*3+12-8/4")  # 7*3=21, 8/4=2, 21+12=33, 33-2=31
    rec = check(short_with(p, 2, "21 + 12 = 34"), problem=p)
    assert rec.first_error == 2
    assert [m.kind for m in rec.steps] == ["ok", "ok", "compute", "ok"]
    assert rec.first_step_error == 2


def test_planted_copy_error():
    p = parse_expression("7*3+12-8/4")
    # 21 + 12 = 33 is right, but the next step carries 38 instead of 33
    rec = check(short_with(p, 3, "38 - 2 = 36"), problem=p)
    assert rec.first_error is None  # every claim is arithmetically right...
    assert [m.kind for m in rec.steps] == ["ok", "ok", "ok", "copy"]  # ...but the process is not
    assert not rec.process_correct and rec.first_step_error == 3


def test_using_your_own_wrong_result_is_propagation_not_a_new_error():
    p = parse_expression("7*3+12-8/4")
    text = "7 * 3 = 21\n8 / 4 = 2\n21 + 12 = 34\n34 - 2 = 32\nThe answer is \\boxed{32}."
    rec = check(text, problem=p)
    assert [m.kind for m in rec.steps] == ["ok", "ok", "compute", "ok"]


def test_skipped_and_repeated_steps():
    p = parse_expression("7*3+12-8/4")
    skipped = "7 * 3 = 21\n21 + 12 = 33\n33 - 8 = 25\nThe answer is \\boxed{25}."
    kinds = [m.kind for m in check(skipped, problem=p).steps]
    assert "skipped" in kinds and kinds.count("ok") == 2
    repeated = "7 * 3 = 21\n8 / 4 = 2\n21 + 12 = 33\n33 + 12 = 45\n45 - 2 = 43"
    kinds = [m.kind for m in check(repeated, problem=p).steps]
    assert "repeated" in kinds


def test_retraction_wait_actually():
    text = "31 + 77 = 110. Wait, let me check: 110 - 77 = 33, not 31. Actually 31 + 77 = 108."
    rec = check(text)
    assert len(rec.retractions) == 1
    r = rec.retractions[0]
    assert (r.claim, r.revision, r.fixed) == (0, 2, True) and r.cue == "wait"
    assert rec.claims[1].role == "check"
    assert rec.caught == [True] and rec.outcomes["caught"] == 1


def test_false_fix_and_false_alarm():
    fix = "6 * 7 = 42. Hmm, wait, that seems wrong. Actually 6 * 7 = 48."
    assert check(fix).outcomes["false_fix"] == 1
    alarm = "6 * 7 = 42. Hmm, wait, is that right? 42 / 7 = 6. Yes: 6 * 7 = 42."
    out = check(alarm).outcomes
    assert out["false_alarm"] == 1 and out["false_fix"] == 0


def test_two_equal_computations_both_count():
    p = parse_expression("2*3+2*3")
    rec = check(write_trace(p, "short"), problem=p)
    assert rec.process_correct


@pytest.mark.parametrize("text,expected", [
    ("so \\boxed{12} ... \\boxed{-7}", -7),
    ("The answer is 41.", 41),
    ("<think>the answer is 3. wait, actually 5</think>\nFinal: \\boxed{5}", 5),
    ("<think>maybe 3</think>\nThe answer is 6,606.", 6606),
    ("blah 3 then 17", 17),
    ("\\boxed{\\frac{93}{3}}", 31),
])
def test_final_answer_extraction(text, expected):
    assert extract_answer(text)[1] == Fraction(expected)


@pytest.mark.parametrize("garbage", ["", "====", "\\boxed{", "((((1+", "= = 3 + = 4", "\x00\xff" * 50,
                                     None, "1/0 = 5", "\\frac{1}{0} = 2"])
def test_garbage_gives_an_empty_record_not_a_crash(garbage):
    rec = check(garbage, gold=3)
    assert rec.first_error is None or rec.claims
    assert rec.to_dict()["answer_correct"] in (False, None, True)


def test_token_position_of_first_error(tokenizer):
    text = "7 * 3 = 21\n21 + 12 = 34"
    rec = check(text, tokenizer=tokenizer)
    assert rec.first_error == 1
    assert rec.first_error_token == len(tokenizer("7 * 3 = 21\n")["input_ids"])


def test_world_traces_align_cleanly_at_scale():
    """Every writer's trace of 300 classroom problems reads as process-correct."""
    bad = 0
    for p in problems("classroom", "train", 300):
        for style in ("short", "long", "padded"):
            rec = check(write_trace(p, style, seed=p.index), problem=p)
            bad += not (rec.answer_correct and rec.process_correct)
    assert bad <= 2  # rare degenerate problems repeat a computation with a slip (see checker doc)


@pytest.mark.slow
def test_the_world_self_check_on_9000_traces():
    """Every trace the world's writers produce (short, long, padded; 1,000 problems of each preset) reads
    as process-correct with the right answer, except a handful of long traces of degenerate problems that
    repeat one computation and slip on the repeat (the slip reads as a revision: training/LOG.md)."""
    bad, answers_wrong, slips, caught = [], 0, 0, 0
    for preset in ("classroom", "paper", "tiny"):
        for p in problems(preset, "train", 1000):
            for style in ("short", "long", "padded"):
                rec = check(write_trace(p, style, seed=p.index), problem=p)
                answers_wrong += not rec.answer_correct
                if not rec.process_correct:
                    bad.append((preset, style, p.expr))
                slips += len(rec.wrong_claims)
                caught += sum(rec.caught)
    assert answers_wrong == 0
    assert len(bad) <= 6 and all(style == "long" for _, style, _ in bad), bad
    assert slips > 1000 and caught >= 0.99 * slips
