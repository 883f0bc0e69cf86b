"""The quoted numbers and findings come from results: verdicts follow the data (a recovery is said only when
measured), placeholders fill from the shipped results, and an unknown placeholder is an error."""

import pytest

from training.lab import facts


def valley(long_accs: dict[int, float], base=0.745, se=0.031) -> dict:
    table = [{"style": "base", "n": 0, "seeds": 1, "accuracy_mean": base, "accuracy_se": se, "mean_tokens_mean": 55}]
    table += [{"style": "long", "n": n, "seeds": 3, "accuracy_mean": a, "accuracy_sd": 0.01, "accuracy_se": 0.006,
               "mean_tokens_mean": 300, "hazard_fit_mean": 0.2, "reflection_ratio_mean": 0.9}
              for n, a in long_accs.items()]
    return {"table": table, "eval": {"n": 200, "max_new_tokens": 512}}


def test_no_recovery_is_said_plainly_and_tied_to_the_paper():
    v = facts.valley_verdict(valley({125: 0.01, 4000: 0.29, 16000: 0.45}))
    assert v.startswith("Long CoT never climbs back") and "N = 16,000" in v and "45.0%" in v and "74.5%" in v
    assert "did not recover even with 220k" in v


def test_a_measured_recovery_is_said():
    v = facts.valley_verdict(valley({125: 0.01, 4000: 0.29, 16000: 0.73}))
    assert v.startswith("Long CoT climbs back") and "N = 16,000" in v


def test_rl_verdict_says_what_moved_and_never_calls_a_fall_a_gain():
    rows = lambda a, z: [{"step": 0, "accuracy_mean": a, "accuracy_sd": 0.02}, {"step": 10, "accuracy_mean": z,
                                                                                "accuracy_sd": 0.02}]
    rl = {"config": {"seeds": [0, 1, 2], "grpo": {"steps": 10, "prompts_per_step": 4, "group_size": 6}},
          "table": {"base": rows(0.82, 0.81), "large-N SFT": rows(0.34, 0.32)}}
    assert "improved no start beyond noise" in facts.rl_verdict(rl) and "did not appear" in facts.rl_verdict(rl)
    rl["table"]["large-N SFT"] = rows(0.34, 0.60)
    assert "largest gain is from the large-N SFT start" in facts.rl_verdict(rl) and "as in the paper" in facts.rl_verdict(rl)
    # a fall beyond noise is never called a gain
    rl["table"] = {"base": rows(0.82, 0.70), "large-N SFT": rows(0.34, 0.33)}
    v = facts.rl_verdict(rl)
    assert "improved no start" in v and "the base start fell (-12.0 points)" in v and "gain is" not in v
    rl["table"]["base"] = rows(0.50, 0.70)
    assert "not the large-N start" in facts.rl_verdict(rl)
    # with a 50-problem evaluation, 6 points from 0.50 is within the sampling error (2 x 7.1 points)
    rl["config"]["grpo"]["eval_n"] = 50
    rl["table"]["base"] = rows(0.50, 0.56)
    assert "improved no start" in facts.rl_verdict(rl) and "evaluated on 50 problems" in facts.rl_verdict(rl)


def test_render_fills_from_the_shipped_results_and_refuses_unknown_keys():
    f = facts.load()
    assert facts.render("base {{valley.base.accuracy}}", f) == f"base {f['valley.base.accuracy']}"
    assert f["valley.base.accuracy"].endswith("%")
    with pytest.raises(KeyError, match="unknown fact"):
        facts.render("{{valley.no.such.key}}", f)
