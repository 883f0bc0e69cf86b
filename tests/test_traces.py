"""Trace writers: every style states the gold steps, long traces are long and reflective, slips are caught."""

import statistics

import pytest

from training.task.checker import check, reflection_count
from training.task.traces import LongKnobs, write_trace
from training.task.world import WORKED_EXAMPLE, parse_expression, problems

PROBS = problems("classroom", "train", 200)


def test_writers_are_pure():
    p = PROBS[3]
    for style in ("answer", "short", "long", "padded"):
        assert write_trace(p, style, seed=5) == write_trace(p, style, seed=5)
    variants = {write_trace(p, "long", seed=s) for s in range(10)}
    assert len(variants) > 5


def test_every_step_of_a_short_trace_is_right_and_in_gold_order():
    for p in PROBS:
        text = write_trace(p, "short")
        rec = check(text, problem=p)
        assert [c.correct for c in rec.claims] == [True] * p.n_ops
        assert [(c.operands[0], c.operands[1], c.operands[2], c.claimed) for c in rec.claims] == \
               [(s.a, s.op, s.b, s.result) for s in p.steps]
        assert rec.answer_correct and rec.process_correct


def test_long_trace_slips_are_caught_and_fixed():
    knobs = LongKnobs(slip_rate=0.5)
    slips = 0
    for p in PROBS:
        text = write_trace(p, "long", seed=p.index, knobs=knobs)
        rec = check(text, problem=p)
        assert text.startswith("<think>\n") and "</think>" in text
        assert rec.answer_correct
        wrong_steps = [i for i in rec.wrong_claims if rec.claims[i].role == "step"]
        slips += len(wrong_steps)
        assert rec.outcomes["caught"] == len(wrong_steps)
        assert rec.outcomes["missed"] == 0
    assert slips > 100  # the knob really planted slips


def test_uncaught_slips_make_the_trace_wrong():
    knobs = LongKnobs(slip_rate=1.0, catch_rate=0.0)
    wrong = 0
    for p in PROBS[:50]:
        rec = check(write_trace(p, "long", seed=1, knobs=knobs), problem=p)
        wrong += not rec.answer_correct
        assert rec.outcomes["caught"] == 0
        assert rec.outcomes["missed"] >= 1
    assert wrong >= 45


def test_long_traces_are_at_least_three_times_longer(tokenizer):
    ratios = []
    for p in PROBS:
        short = len(tokenizer(write_trace(p, "short"))["input_ids"])
        long = len(tokenizer(write_trace(p, "long", seed=p.index))["input_ids"])
        ratios.append(long / short)
    assert statistics.mean(ratios) >= 3.0


def test_long_traces_read_like_r1():
    text = write_trace(parse_expression(WORKED_EXAMPLE), "long", seed=0,
                       knobs=LongKnobs(slip_rate=0.3, false_alarm_rate=0.5))
    low = text.lower()
    assert "wait" in low and "check" in low and "so " in low
    assert text.rstrip().endswith("\\boxed{6606}.")
    total = sum(reflection_count(write_trace(p, "long", seed=p.index)) for p in PROBS)
    assert total > len(PROBS) * 0.5
    assert sum(reflection_count(write_trace(p, "short")) for p in PROBS) == 0


def test_padded_control_is_long_without_reflection(tokenizer):
    for p in PROBS[:20]:
        text = write_trace(p, "padded")
        assert reflection_count(text) == 0 and "wait" not in text.lower()
        assert check(text, problem=p).process_correct


def test_bad_knobs_and_styles():
    with pytest.raises(ValueError, match="slip_rate"):
        LongKnobs(slip_rate=1.5)
    with pytest.raises(ValueError, match="unknown style"):
        write_trace(PROBS[0], "medium")
