"""The arithmetic world: presets, exact divisions, bounded values, seeded problems, the expression parser."""

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from training.task.world import (
    PRESETS,
    PROMPT_PREFIX,
    WORKED_EXAMPLE,
    Preset,
    expression_states,
    make_problem,
    parse_expression,
    problems,
)


def independent_value(expr: str) -> Fraction:
    """Evaluate with Python's own parser and precedence, every number an exact Fraction."""
    return eval(re.sub(r"\d+", lambda m: f"Fraction({m.group(0)})", expr), {"Fraction": Fraction})


def test_same_index_same_problem_and_indices_independent():
    a = make_problem("classroom", "train", 17)
    b = make_problem("classroom", "train", 17)
    assert a == b
    # problem i does not depend on how many problems were drawn before it
    assert problems("classroom", "train", 30)[17] == problems("classroom", "train", 18)[17]
    assert len({p.expr for p in problems("classroom", "train", 50)}) > 45


def test_seeds_and_splits_differ():
    assert make_problem("classroom", "train", 0) != make_problem("classroom", "test", 0)
    assert make_problem("classroom", "pretrain-s0", 3) != make_problem("classroom", "pretrain-s1", 3)


def test_paper_preset_matches_the_paper():
    ps = problems("paper", "test")
    assert len(ps) == 400
    assert all(5 <= p.n_ops <= 15 for p in ps)
    assert {s.op for p in ps for s in p.steps} == {"+", "-", "*", "/"}
    assert any("(" in p.expr for p in ps)
    for p in ps:
        assert p.prompt == PROMPT_PREFIX + p.expr
        assert all(1 <= int(n) <= 100 for n in re.findall(r"\d+", p.expr))


def test_train_split_never_contains_a_test_problem():
    test = {p.expr for p in problems("tiny", "test")}
    train = problems("tiny", "train", 2000)
    assert not test & {p.expr for p in train}
    assert len(train) == 2000


@settings(max_examples=60, deadline=None)
@given(min_ops=st.integers(1, 6), extra=st.integers(0, 5), lo=st.integers(1, 10),
       span=st.integers(0, 60), index=st.integers(0, 10_000), paren=st.floats(0, 0.9))
def test_gold_is_exact_and_matches_an_independent_evaluation(min_ops, extra, lo, span, index, paren):
    preset = Preset("prop", min_ops, min_ops + extra, lo, lo + span, paren_rate=paren)
    p = make_problem(preset, "test", index)
    assert min_ops <= p.n_ops <= min_ops + extra
    assert independent_value(p.expr) == p.answer
    for s in p.steps:
        assert isinstance(s.result, int)
        if s.op == "/":
            assert s.b != 0 and s.a % s.b == 0
        # each operand is a written number or the result of an earlier step
        for v, src in ((s.a, s.a_src), (s.b, s.b_src)):
            if src >= 0:
                assert p.steps[src].result == v
            else:
                assert lo <= v <= lo + span
    assert p.steps[-1].result == p.answer


def test_worked_example():
    p = parse_expression(WORKED_EXAMPLE)
    assert p.answer == 6606
    assert len(p.steps) == 10
    texts = [s.text() for s in p.steps]
    assert "77 + 4758 = 4835" in texts and "108 + (-20) = 88" in texts
    assert expression_states(WORKED_EXAMPLE)[-1] == "6606"


def test_expression_states_track_each_step():
    assert expression_states("7*3+12-8/4") == ["21+12-8/4", "21+12-2", "33-2", "31"]
    for p in problems("classroom", "test", 50):
        states = expression_states(p.expr)
        assert len(states) == p.n_ops
        assert [independent_value(s) for s in states] == [p.answer] * p.n_ops


@pytest.mark.parametrize("bad,msg", [("", "empty"), ("2+", "expected a number"), ("7", "no operation"),
                                     ("3/0", "divides by zero"), ("7/2", "inexact"), ("2+a", "unexpected"),
                                     ("(2+3", "missing")])
def test_parse_errors_are_clear(bad, msg):
    with pytest.raises(ValueError, match=msg):
        parse_expression(bad)


def test_parse_accepts_prompt_and_unicode_signs():
    p = parse_expression(PROMPT_PREFIX + "6 × 7 ÷ 2")
    assert p.answer == 21 and p.expr == "6*7/2"


def test_unknown_preset():
    with pytest.raises(ValueError, match="choose from"):
        problems("nope", "test", 1)
    assert set(PRESETS) >= {"paper", "classroom", "tiny"}


def test_the_real_slms_world_with_steps_has_enough_distinct_problems():
    """addmul (2-3 operations, + and x, operands 1-5) is small enough to repeat itself: drawn `distinct`, its 600
    test problems are 600 expressions, its first 1,000 training problems 1,000 more, none of them a test one."""
    from training.task.world import problems

    test, train = problems("addmul", "test"), problems("addmul", "train", 1000)
    assert len({p.expr for p in test}) == 600 and len({p.expr for p in train}) == 1000
    assert not {p.expr for p in test} & {p.expr for p in train}
    assert {p.n_ops for p in test} == {2, 3} and all(set(p.expr) <= set("0123456789+*()") for p in test)
