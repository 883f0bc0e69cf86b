"""The step checker on how small models talk: claims in words, a result in the next sentence, equivalences,
named quantities, number words, references to earlier results; algebra and other non-arithmetic left
unread (and counted by coverage); and the hand-labelled small-model set with its ProcessBench-style score.

The set and how it was made and labelled: tests/data/small_texts/README.md. Its figures:
python -m training.checker_report --set small.
"""

import importlib.util
import json
from fractions import Fraction
from pathlib import Path

import pytest

from training.checker_report import main as report_main
from training.task.checker import check, extract_claims
from training.task.checker_score import SMALL, TARGETS_SMALL, evaluate, load, targets
from training.task.claims import equals_counts

SMALL_DIR = Path(__file__).parent / "data" / "small_texts"


def read(text: str) -> list[tuple[str, Fraction, Fraction, bool]]:
    """(claim as written, true value, claimed value, correct) for every claim in a text."""
    return [(text[c.start:c.end], c.true_value, c.claimed, c.correct) for c in extract_claims(text)]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"small_{name}", SMALL_DIR / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ----------------------------------------------------------------------------------------------
# The labelled set
# ----------------------------------------------------------------------------------------------
def test_small_set_is_sized_split_and_exactly_labelled():
    recs = load(SMALL)
    assert len(recs) >= 60
    claims = [c for r in recs for c in r["claims"] if c["checkable"]]
    assert len(claims) >= 300
    assert sum("words" in c["notation"] for c in claims) >= 100
    assert any(not c["correct"] for c in claims)
    splits = {s: [r for r in recs if r["split"] == s] for s in ("dev", "heldout")}
    assert len(splits["dev"]) + len(splits["heldout"]) == len(recs) and min(map(len, splits.values())) >= 30
    models = {r["model"] for r in recs}
    assert {"HuggingFaceTB/SmolLM2-135M-Instruct", "hand-written (R1 style)"} <= models
    assert any(m.startswith("assets/tiny-base fine-tuned") for m in models)
    assert _module("exact").check_file(str(SMALL)) == []  # every stored value agrees with exact evaluation


def test_small_set_rebuilds_from_its_labels_and_sources():
    """texts.jsonl is exactly what build.py makes from labels.py, the generations, the tiny model's records
    and the hand-written texts (every "=" labelled once, every span found at its sign)."""
    build = _module("build")
    labels, metas = build._load("labels").LABELS, build.sources()
    stored = {r["id"]: r for r in load(SMALL)}
    assert list(stored) == list(labels)
    for rid, lab in labels.items():
        assert build.build_record(rid, metas[rid], lab) == stored[rid], rid


def test_dev_texts_meet_the_targets():
    res = evaluate(load(SMALL, "dev"))
    missed = {name: value for name, (value, ok) in targets(res, TARGETS_SMALL).items() if not ok}
    assert not missed, missed


def test_held_out_texts_keep_their_first_score():
    """The held-out texts were labelled before the code and scored once after it (README): recall in words
    95/96, overall 178/179, 1 false alarm in 179 claims, the first error on the right claim in 26 of the 27
    texts with one and no error named in the 10 without. The checker must not fall below that first score
    (the false alarm it showed, "3/4 divided by 2/5 is 3/4 times 5/2", was fixed afterwards)."""
    res = evaluate(load(SMALL, "heldout"))
    assert res["texts"] == 37 and res["claims"] == 179
    assert res["recall"]["words"] >= 95 / 96 and res["recall_all"] >= 178 / 179
    assert res["false_alarms"] <= 1
    pb = res["processbench"]
    assert pb["error_accuracy"] >= 26 / 27 and pb["correct_accuracy"] == 1.0
    assert targets(res, TARGETS_SMALL) and all(ok for _, ok in targets(res, TARGETS_SMALL).values())


def test_processbench_style_score():
    """Accuracy on texts with an error (the first wrong claim named), on texts without (none named), and
    their F1, on three small records built here."""
    def rec(rid, text, labels):
        signs = [text.index(sign) for sign in (lab[0] for lab in labels)]
        claims = [dict(span=lab[0], sign_at=at, sign_end=at + len(lab[0]), sign=lab[0], checkable=True,
                       notation=["words"], claimed=lab[1], true=lab[2], correct=lab[1] == lab[2])
                  for lab, at in zip(labels, signs)]
        first = next((i for i, c in enumerate(claims) if not c["correct"]), None)
        return dict(id=rid, text=text, claims=claims, first_error=first, answer=None)

    records = [
        rec("a", "3 times 4 is 12, and 12 plus 1 gives 14.", [("is", "12", "12"), ("gives", "14", "13")]),
        rec("b", "5 plus 5 makes 10.", [("makes", "10", "10")]),
        # the checker cannot know that "it" is wrong here, so it names no error: wrong on this text
        rec("c", "Half of 9 is 4.5, so it is 5.", [("is", "4.5", "4.5"), ("it is", "5", "9/2")]),
    ]
    pb = evaluate(records)["processbench"]
    assert (pb["texts_with_error"], pb["texts_without"]) == (2, 1)
    assert pb["error_accuracy"] == 0.5 and pb["correct_accuracy"] == 1.0
    assert pb["f1"] == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_report_scores_the_small_set(capsys):
    assert report_main(["--set", "small", "--split", "dev", "--strict"]) == 0
    out = capsys.readouterr().out
    assert "ProcessBench-style" in out and "recall words" in out
    assert report_main(["--split", "heldout1"]) == 0  # the real-model set stays the default
    assert "first-error accuracy" in capsys.readouterr().out


# ----------------------------------------------------------------------------------------------
# Claims in words
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("So first, 300 times 234, which is 70,200.", ("300 times 234, which is 70,200", 70200, 70200, True)),
    ("Then 20 times 234, giving me 4,680.", ("20 times 234, giving me 4,680", 4680, 4680, True)),
    ("And 3 by 234, resulting in 712.", ("3 by 234, resulting in 712", 702, 712, False)),
    ("3 plus 3 should be 6.", ("3 plus 3 should be 6", 6, 6, True)),
    ("6 - 3 would be 2.", ("6 - 3 would be 2", 3, 2, False)),
    ("Then 4,000 plus 1,114, we get 5,114.", ("4,000 plus 1,114, we get 5,114", 5114, 5114, True)),
    ("So 56 plus 21, I get 76.", ("56 plus 21, I get 76", 77, 76, False)),
    ("2,240 plus 168 equals 2,408.", ("2,240 plus 168 equals 2,408", 2408, 2408, True)),
    ("2 times 1.50, that's $3.", ("2 times 1.50, that's $3", 3, 3, True)),
    ("$12 plus $3 plus $25 comes to $40.", ("$12 plus $3 plus $25 comes to $40", 40, 40, True)),
    ("$40 minus $5 leaves $36.", ("$40 minus $5 leaves $36", 35, 36, False)),
    ("$35 plus $2.80, which totals $37.80.", ("$35 plus $2.80, which totals $37.80", Fraction(189, 5),
                                              Fraction(189, 5), True)),
    ("30 plus 1 results in 31.", ("30 plus 1 results in 31", 31, 31, True)),
    ("sixty-three plus nineteen makes eighty-two", ("sixty-three plus nineteen makes eighty-two", 82, 82, True)),
    ("372 divided by 12 gives us 31.", ("372 divided by 12 gives us 31", 31, 31, True)),
    ("11 multiplied by 9 is 99.", ("11 multiplied by 9 is 99", 99, 99, True)),
    ("45 added to 38 is 83.", ("45 added to 38 is 83", 83, 83, True)),
    ("Then 17 subtracted from 83 is 64.", ("17 subtracted from 83 is 64", 66, 64, False)),
    ("The sum of 60 and 25 is 95.", ("The sum of 60 and 25 is 95", 85, 95, False)),
    ("the difference of 85 and 40 is 45", ("the difference of 85 and 40 is 45", 45, 45, True)),
    ("Finally, the quotient of 45 and 5 is 8.", ("the quotient of 45 and 5 is 8", 9, 8, False)),
    ("The product of 15 and 4 is 60.", ("The product of 15 and 4 is 60", 60, 60, True)),
    ("Half of 12 is 6.", ("Half of 12 is 6", 6, 6, True)),
    ("Also twice 6 is 12.", ("twice 6 is 12", 12, 12, True)),
    ("3 doubled is 6.", ("3 doubled is 6", 6, 6, True)),
    ("Double eighty-two is 164.", ("Double eighty-two is 164", 164, 164, True)),
    ("And 2 squared is 8.", ("2 squared is 8", 4, 8, False)),
    ("We can multiply 6 by 2 to get 12.", ("multiply 6 by 2 to get 12", 12, 12, True)),
    ("then we subtract 8 from 24 to get 48.", ("subtract 8 from 24 to get 48", 16, 48, False)),
    ("we add 4 to 24 to get 6.", ("add 4 to 24 to get 6", 28, 6, False)),
    ("2 to the power of 3 is 8.", ("2 to the power of 3 is 8", 8, 8, True)),
    ("257 divided by 3 is about 85.67.", ("257 divided by 3 is about 85.67", Fraction(257, 3),
                                          Fraction(8567, 100), True)),
])
def test_claims_in_words(text, expected):
    assert read(text) == [expected]


def test_number_words_as_operands_and_results():
    assert read("So first, three times twelve is thirty-six.") == [
        ("three times twelve is thirty-six", 36, 36, True)]
    assert read("Okay, a hundred minus thirty-seven equals sixty-three.")[0][1:] == (63, 63, True)
    assert read("one hundred and five minus five is a hundred")[0][1:] == (100, 100, True)
    assert read("Then thirty-six minus eight leaves twenty-six.")[0][1:] == (28, 26, False)
    assert read("164 divided by four is 41.")[0][1:] == (41, 41, True)
    # a number word as a label next to "=" is not an operand
    assert read("Six packets with 8 crayons each minus four packets = two packets of 16 crayons") == []


def test_result_in_the_next_sentence():
    [(span, true, claimed, ok)] = read("First, we need to find the product of 12 and 3. This is 16.")
    assert (span, true, claimed, ok) == ("the product of 12 and 3. This is 16", 36, 16, False)
    assert read("We need the sum of 5 and 7. That is 12.")[0][1:] == (12, 12, True)
    # a sentence that already has its result is not reread by the next one
    assert read("1 + 3 + 1 = 5. That gives 5,124.") == [("1 + 3 + 1 = 5", 5, 5, True)]
    assert read("Yes, that's right. That leaves 6*4*8.") == []


def test_equivalences():
    assert read("We can rewrite 6/3 as 3/4, which is the reciprocal of 3.") == [
        ("6/3 as 3/4", 2, Fraction(3, 4), False),
        ("3/4, which is the reciprocal of 3", Fraction(3, 4), Fraction(1, 3), False)]
    assert read("48 times 25 is 12 times 100")[0][1:] == (1200, 1200, True)
    assert read("43 times 56 is the same as 43 times 50 plus 43 times 6.")[0][3] is True
    assert read("5/6 is the same as 20/24")[0][3] is True
    assert read("Now 15/8 plus 1/8 is 16/8, or 2.") == [
        ("15/8 plus 1/8 is 16/8", 2, 2, True), ("16/8, or 2", 2, 2, True)]
    assert read("12 out of 16 is 75%, or 0.75.")[-1] == ("75%, or 0.75", Fraction(3, 4), Fraction(3, 4), True)
    assert read("3 + 3 would be 4 + 2")[0][1:] == (6, 6, True)
    assert read("We can rewrite 18 as 4*2*3, which is equivalent to 18*4*3.") == [
        ("18 as 4*2*3", 24, 18, False), ("4*2*3, which is equivalent to 18*4*3", 24, 216, False)]
    assert read("1*3/3/1 can be rewritten as 1*3/3*1")[0][3] is True
    # two bare numbers are no equivalence: units make it a conversion
    assert read("There are 210 minutes, or 12,600 seconds.") == []


def test_numbers_read_backwards():
    assert read("323 is 300 plus 20 plus 3.") == [("323 is 300 plus 20 plus 3", 323, 323, True)]
    assert read("so 48 is 12 times 4.")[0][1:] == (48, 48, True)
    assert read("The result of 7-5 is 2, which is the difference between 7 and 5.") == [
        ("7-5 is 2", 2, 2, True), ("2, which is the difference between 7 and 5", 2, 2, True)]
    assert read("we add 3*8*3 = 24*3 = 72, which is the result of 3 times 24*3.")[-1][1:] == (216, 72, False)
    # a unit between the number and the sign: a description, not a computation
    assert read("so 3 hours would be 3 times 60, which is 180 minutes.") == [
        ("3 times 60, which is 180", 180, 180, True)]


def test_named_quantities():
    assert read("The least common multiple of 18 and 10 is 18.") == [
        ("The least common multiple of 18 and 10 is 18", 90, 18, False)]
    assert read("we can use the LCM of 18 and 10, which is 90.")[0][1:] == (90, 90, True)
    assert read("LCM(9, 8) = 9 * 8 = 64")[:2] == [("LCM(9, 8) = 9 * 8", 72, 72, True), ("9 * 8 = 64", 72, 64, False)]
    assert read("The greatest common divisor of 29 and 24 is 1")[0][1:] == (1, 1, True)
    assert read("The reciprocal of 2/5 is 5/2.")[0][1:] == (Fraction(5, 2), Fraction(5, 2), True)
    assert read("17 squared is 17 times 17")[0][1:] == (289, 289, True)
    assert read("the difference between 1 and 2, which is 1")[0][1:] == (1, 1, True)  # a distance
    assert read("The difference between 6 and 9 is 6 - 9")[0][3] is True  # ... or a - b, as written


def test_references_to_earlier_results():
    assert read("the sum of 15 and 10, which is 15. Then, we add 10 to that result, which gives us 15.") == [
        ("the sum of 15 and 10, which is 15", 25, 15, False),
        ("add 10 to that result, which gives us 15", 25, 15, False)]
    assert read("multiplying 2 by 1 (which gives us 2) and then adding 3 (which gives us 6).")[1][1:] == (5, 6, False)
    text = ("So first, 300 times 234, which is 70,200. Then 20 times 234, giving me 4,680. And 3 by 234, "
            "resulting in 702. When I add these together, I get 75,582.")
    assert read(text)[-1] == ("add these together, I get 75,582", 75582, 75582, True)
    assert read("4 * 5 = 20\n3 * 2 = 6\n\nAdding these results in 27.")[-1][1:] == (26, 27, False)
    # a reference with nothing plain before it is not guessed
    assert read("Now add 1 to this result to get 7.") == []
    assert read("Add 5 to the result of 5 + 3*1/3.") == []


# ----------------------------------------------------------------------------------------------
# What is not arithmetic stays unread, and coverage shows it
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "200 - 20 = 3x",                 # once read as 200 - 20 = 3 (the variable glued to the number)
    "So 200 - 20 = 3x, and x = 60.",
    "200 - 20 = 3 x",
    "200 - 20 = 3\\,x",
    "we need to first find the denominator of 6/2, which is 2.",
    "2 divided by 19 leaves a remainder of 2.",
    "27*11 modulo 10, which is 2*11",
    "The numerator of 18/6/3 is 18/6/3",
    "The division of 8 by 2 is 4, which is the result of 8 divided by itself.".split(", ")[1],
    "3 notebooks at $4 each is 3 times $4",
    "So 3.5 hours is 210 minutes.",
    "Multiplying this fraction by 10/5 gives us 18/5.",
    "find the difference between the given expression and 20/5, which is 21.",
    "the remainder of 3*6 is 9, which is the remainder of 3*6 when divided by 10",
    "we can use the formula for the sum of a product of numbers modulo 100, which is 4*5",
])
def test_not_arithmetic_is_not_read(text):
    assert extract_claims(text) == []


def test_coverage_counts_claims_in_words_read_and_not_read():
    text = ("We need the denominator of 6/2, which is 2. Now we multiply 6 by 2 to get 12, and then divide 12 "
            "by 2 to get 6. 2 + 2 = 4.")
    rec = check(text)
    assert [text[c.start:c.end] for c in rec.claims] == [
        "multiply 6 by 2 to get 12", "divide 12 by 2 to get 6", "2 + 2 = 4"]
    assert (rec.equals_total, rec.equals_checked, rec.words_total, rec.words_checked) == (1, 1, 3, 2)
    assert rec.coverage == pytest.approx(3 / 4)
    d = rec.to_dict()
    assert (d["words_total"], d["words_checked"], d["coverage"]) == (3, 2, 0.75)
    assert equals_counts("5 plus 3 is 8")["words_checked"] == 1
    assert check("The quotient is 18 and the remainder is 4.").coverage is None  # no claim-shaped sign


def test_a_fraction_after_divided_by_is_one_number():
    # the held-out false alarm: read as ((3/4)/2)/5 = 3/40 before the fix
    assert read("So 3/4 divided by 2/5 is 3/4 times 5/2.")[0][1:] == (Fraction(15, 8), Fraction(15, 8), True)
    assert read("6 divided by 2/3 = 9")[0][3] is True
    assert read("8 divided by 2/4/2 = 8")[0][1] == Fraction(1, 2)  # a chain of divisions stays a chain


def test_claims_in_words_take_part_in_roles_and_the_first_error():
    text = ("We need the product of 14 and 6. This is 74. Hmm, that seems off. 10 times 6 is 60, 4 times 6 is "
            "24, so 60 plus 24 is 84. So the product of 14 and 6 is 84, not 74.")
    rec = check(text, gold=84)
    assert rec.first_error == 0 and rec.claims[0].operands == (14, "*", 6)
    assert rec.claims[-1].role == "revision" and rec.claims[-1].revises == 0
    assert rec.caught == [True] and rec.outcomes["caught"] == 1
    assert rec.answer_correct is True


def test_small_model_texts_from_the_set_read_as_labelled():
    """Two SmolLM2 texts quoted by the issue, read end to end."""
    recs = {r["id"]: r for r in load(SMALL)}
    text = recs["smol-classroom-greedy-002"]["text"]
    got = [(text[c.start:c.end], c.correct) for c in extract_claims(text)]
    assert got == [("6/3 as 3/4", False), ("3/4, which is the reciprocal of 3", False),
                   ("multiply 3/4 by 19 to get 19", False)]
    text = recs["smol-classroom-greedy-000"]["text"]
    rec = check(text)
    assert text[rec.claims[rec.first_error].start:rec.claims[rec.first_error].end] == \
        "Multiplying this fraction by 10/5 gives us 18/5"
    assert [text[c.start:c.end] for c in rec.claims if not c.correct][-1] == \
        "The least common multiple of 18 and 10 is 18"
    assert json.dumps(rec.to_dict())  # serialisable, as the app stores it
