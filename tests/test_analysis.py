"""Error-accumulation analysis on hand-made records whose answers we know."""

import math

from training.core.generate import Generation
from training.task.analysis import constant_hazard_fit, horizon, kaplan_meier, reflection_pays, step_events, summarize
from training.task.scoring import accuracy, score_generation
from training.task.world import parse_expression

P = parse_expression("7*3+12-8/4")  # 7*3=21, 8/4=2, 21+12=33, 33-2=31
GOOD = "7 * 3 = 21\n8 / 4 = 2\n21 + 12 = 33\n33 - 2 = 31\nThe answer is \\boxed{31}."
BAD_AT_3 = "7 * 3 = 21\n8 / 4 = 2\n21 + 12 = 34\n34 - 2 = 32\nThe answer is \\boxed{32}."
BAD_AT_1 = "7 * 3 = 24\n8 / 4 = 2\n24 + 12 = 36\n36 - 2 = 34\nThe answer is \\boxed{34}."


def rec(text, finish="stop", idx=0):
    r = score_generation(P, Generation(P.prompt, text, len(text) // 4, finish))
    r["problem_index"] = idx
    return r


def test_kaplan_meier_with_censoring():
    # 4 traces: error at step 1, error at step 3, clean after 4 steps, clean after 2 (censored)
    ev = [(1, True), (3, True), (4, False), (2, False)]
    km = kaplan_meier(ev)
    assert km["at_risk"] == [4, 3, 2, 1]
    assert km["hazard"] == [0.25, 0.0, 0.5, 0.0]
    assert math.isclose(km["survival"][-1], 0.75 * 0.5)
    # a naive estimate that counted the censored trace as a success would say 2/4 survive to step 3
    assert km["survival"][2] < 0.5


def test_constant_hazard_and_horizon():
    assert constant_hazard_fit([(1, True), (3, True), (4, False), (2, False)]) == 2 / 10
    assert math.isclose(horizon(0.1, 0.5), math.log(0.5) / math.log(0.9))
    assert horizon(0.0) == math.inf


def test_step_events_from_checked_records():
    recs = [rec(GOOD), rec(BAD_AT_3), rec(BAD_AT_1)]
    assert step_events(recs) == [(4, False), (3, True), (1, True)]


def test_summary_numbers():
    recs = [rec(GOOD, idx=0), rec(BAD_AT_3, idx=1), rec(BAD_AT_1, idx=2), rec("7 * 3 = 21 and so on", "length", 3)]
    s = summarize(recs)
    assert math.isclose(s["accuracy"], 0.25)
    assert s["categories"] == {"correct": 1, "wrong": 2, "no answer": 0, "truncated": 1, "loop": 0}
    assert s["first_error"]["step"] == [1, 3] and s["first_error"]["count"] == [1, 1]
    # claims: 4 + 4 + 4 + 1 = 13, wrong: 1 + 1 = 2 (a wrong sum in each bad trace; the rest follow)
    assert math.isclose(s["claim_error_rate"], 2 / 13)
    assert s["reflection_ratio"] == 0


def test_accuracy_standard_error_over_problems():
    recs = [rec(GOOD, idx=0), rec(GOOD, idx=0), rec(BAD_AT_1, idx=1), rec(GOOD, idx=1)]
    m, se = accuracy(recs)
    assert m == 0.75
    assert math.isclose(se, math.sqrt(((1 - 0.75) ** 2 + (0.5 - 0.75) ** 2) / 1 / 2))


def test_categories():
    assert rec(GOOD, "length")["category"] in ("truncated", "loop")
    looped = rec("Wait, let me check. " * 40, "length")
    assert looped["category"] == "loop"
    assert rec("I do not know")["category"] == "no answer"


def test_reflection_pays_inequality():
    base = {"n": 100, "mean_tokens": 50, "outcomes": {"caught": 0, "changed_wrong": 0, "missed": 10, "false_fix": 0}}
    # 4x longer, catches half of its errors, no false fixes, same raw error rate per token
    tuned = {"n": 100, "mean_tokens": 200, "outcomes": {"caught": 20, "changed_wrong": 0, "missed": 20, "false_fix": 0}}
    r = reflection_pays(base, tuned)
    assert math.isclose(r["h"], 10 / 5000) and math.isclose(r["k"], 4) and math.isclose(r["c"], 0.5)
    assert not r["pays"]  # 4 * (h * 0.5) = 2h > h
    tuned["outcomes"] = {"caught": 38, "changed_wrong": 0, "missed": 2, "false_fix": 0}
    assert reflection_pays(base, tuned)["pays"]  # catching 95% makes the longer trace worth it
