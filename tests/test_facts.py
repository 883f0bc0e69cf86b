"""The quoted numbers and findings come from results: verdicts follow the data (a recovery is said only when
measured), placeholders fill from the shipped results, and an unknown placeholder is an error."""

import pytest

from training import facts


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


def test_rl_verdict_says_when_nothing_moved():
    rows = lambda a, z: [{"step": 0, "accuracy_mean": a, "accuracy_sd": 0.02}, {"step": 10, "accuracy_mean": z,
                                                                                "accuracy_sd": 0.02}]
    rl = {"config": {"seeds": [0, 1, 2], "grpo": {"steps": 10, "prompts_per_step": 4, "group_size": 6}},
          "table": {"base": rows(0.82, 0.81), "large-N SFT": rows(0.34, 0.32)}}
    assert "moved no start beyond seed noise" in facts.rl_verdict(rl) and "did not appear" in facts.rl_verdict(rl)
    rl["table"]["large-N SFT"] = rows(0.34, 0.60)
    assert "largest gain is from the large-N SFT start" in facts.rl_verdict(rl)


def test_render_fills_from_the_shipped_results_and_refuses_unknown_keys():
    f = facts.load()
    assert facts.render("base {{valley.base.accuracy}}", f) == f"base {f['valley.base.accuracy']}"
    assert f["valley.base.accuracy"].endswith("%")
    with pytest.raises(KeyError, match="unknown fact"):
        facts.render("{{valley.no.such.key}}", f)
