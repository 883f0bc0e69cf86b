"""The quoted numbers and findings come from results: verdicts follow the data (a recovery is said only when
measured), placeholders fill from the shipped results, and an unknown placeholder is an error."""

import pytest

from training.lab import facts, results

PAPER = {"world_scale": 1 / 32, "relative_accuracy": {
    "Gemma-3-1B-it (math avg)": [{"n": 8000, "relative": 0.25}, {"n": 220000, "relative": 0.625}],
    "Qwen2.5-0.5B-Instruct (math avg)": [{"n": 220000, "relative": 0.786}]}}


def valley(long_accs: dict[int, float], base=0.745, se=0.031) -> dict:
    table = [{"style": "base", "n": 0, "seeds": 1, "accuracy_mean": base, "accuracy_se": se, "mean_tokens_mean": 55}]
    table += [{"style": "long", "n": n, "seeds": 3, "accuracy_mean": a, "accuracy_sd": 0.01, "accuracy_se": 0.006,
               "mean_tokens_mean": 300, "hazard_fit_mean": 0.2, "reflection_ratio_mean": 0.9}
              for n, a in long_accs.items()]
    return {"table": table, "eval": {"n": 200, "max_new_tokens": 512}, "world": "classroom"}


def test_no_recovery_is_said_plainly_and_compared_with_the_paper_in_numbers():
    v = facts.valley_verdict(valley({125: 0.01, 250: 0.013, 4000: 0.29, 6875: 0.25, 16000: 0.45}), PAPER)
    assert v.startswith("Long CoT never climbs back") and "N = 16,000" in v and "45.0%" in v and "74.5%" in v
    # the rungs this lab's 1/32 convention places on the paper's sizes, with the shares of the base kept
    assert "N = 250 (8k by this lab's 1/32 convention) it keeps 1.7% of its base accuracy, far below" in v
    assert "Gemma-3-1B-it 25%" in v
    assert "N = 6,875 (220k" in v and "keeps 34%" in v and "63%" in v and "79%" in v and "did not recover" in v
    assert "beyond the paper's largest data size, 220k" in v  # 16,000 = 512k: nothing in the paper compares
    assert "saw the same" not in v


def test_a_sweep_on_real_data_is_not_mapped_by_the_world_convention():
    v = valley({8000: 0.1})
    del v["world"]
    assert "convention" not in facts.valley_verdict(v, PAPER)


def test_ranges_and_floors_are_computed_not_picked():
    table = [{"style": "base", "n": 0, "seeds": 1, "accuracy_mean": 0.745, "accuracy_se": 0.031, "mean_tokens_mean": 55}]
    for style, accs in (("short", {125: 0.467, 250: 0.518, 500: 0.603, 1000: 0.635}),
                        ("mixed", {125: 0.369, 250: 0.468, 500: 0.505, 1000: 0.537}),
                        ("long", {125: 0.007, 250: 0.013, 500: 0.002, 1000: 0.018, 2000: 0.057, 4000: 0.26})):
        table += [{"style": style, "n": n, "seeds": 3, "accuracy_mean": a, "accuracy_sd": 0.02, "accuracy_se": 0.012,
                   "mean_tokens_mean": 55} for n, a in accs.items()]
    f = facts.valley_facts({"table": table, "eval": {"n": 200, "max_new_tokens": 512}}, PAPER)
    assert (f["valley.gap.short_mixed.min"], f["valley.gap.short_mixed.max"]) == ("5.0", "9.8")
    assert f["valley.gap.short_mixed.min_n"] == "250"
    # a flat floor over the first rungs (differences of a few problems), not one "lowest point"
    assert (f["valley.long.floor.first_n"], f["valley.long.floor.last_n"]) == ("125", "1,000")
    assert f["valley.short.125.drop"] == "27.8" and f["valley.long.250.kept"] == "1.7%"


def test_lesson_one_and_the_records_are_counted_from_the_world_and_the_shipped_answers():
    f = facts.load()
    assert f["lesson1.long.statements"] == "11" and f["lesson1.long.checks"] == "2"
    assert f["lesson1.long.reflection_words"] == "1" and f["lesson1.short.statements"] == "4"
    assert "\\boxed{31}" in f["lesson1.short.trace"] and "<think>" in f["lesson1.long.trace"]
    assert f["records.long-n250-s0.copy"] == "250" and f["records.long-n250-s0.compute"] == "24"
    assert f["records.long-n250-s0.extra"] == "905" and f["records.base.copy"] == "37"
    assert f["records.base.first50.accuracy"] == f["rl.base.start"]  # why the RL tab's base is higher


def test_a_measured_recovery_is_said():
    v = facts.valley_verdict(valley({125: 0.01, 4000: 0.29, 16000: 0.73}))
    assert v.startswith("Long CoT climbs back") and "N = 16,000" in v


def test_rl_verdict_says_what_moved_and_never_calls_a_fall_a_gain():
    rows = lambda a, z: [{"step": 0, "accuracy_mean": a, "accuracy_sd": 0.02}, {"step": 10, "accuracy_mean": z,
                                                                                "accuracy_sd": 0.02}]
    rl = {"config": {"seeds": [0, 1, 2], "grpo": {"steps": 10, "prompts_per_step": 4, "group_size": 6}},
          "table": {"base": rows(0.82, 0.81), "large-N SFT": rows(0.34, 0.32)}}
    assert "improved no start beyond noise" in facts.rl_verdict(rl) and "did not appear" in facts.rl_verdict(rl)
    assert "inconclusive, not a refutation" in facts.rl_verdict(rl) and "a change had to exceed" in facts.rl_verdict(rl)
    assert "shortens the long-CoT starts' responses" in facts.rl_verdict(rl)
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


def test_another_world_is_never_set_against_the_papers_models():
    """The N x 32 convention was set for the classroom world: a one-step world's sweep gets no '8k', no share of
    the paper's models (the SmolLM2 line once said it 'keeps 313% of its base ... above the paper's models')."""
    v = valley({250: 0.83})
    v["world"] = "single"
    text = facts.valley_verdict(v, PAPER)
    assert "convention" not in text and "paper" not in text and "8k" not in text
    assert results.world_scale(v, PAPER) is None and results.world_scale(valley({250: 0.1}), PAPER) == 1 / 32


def test_a_base_measured_unlike_its_runs_is_said_so_and_no_share_of_it_is_computed():
    v = valley({16: 0.67, 250: 0.83})
    v["base"] = {"world": "single", "n": 200}
    v["runs"] = [{"summary": {"world": "single", "n": 100}}]
    assert facts.base_mismatch(v) == "the base on 200 test problems, the runs on 100"
    v["runs"] = [{"summary": {"world": "classroom", "n": 200, "prompt": "world"}}]
    v["base"]["prompt"] = "boxed"
    why = facts.base_mismatch(v)
    assert "single world, the runs in classroom" in why and "boxed prompt" in why
    v["runs"] = [{"summary": {"world": "single", "n": 200}}]
    del v["base"]["prompt"]
    assert facts.base_mismatch(v) is None
    # a ladder far below a base measured on other problems: no share of it ("(73% of it)"), the reason instead
    low = valley({250: 0.01, 16000: 0.4})
    low["base"], low["runs"] = {"world": "classroom", "n": 200}, [{"summary": {"world": "classroom", "n": 100}}]
    text = facts.valley_verdict(low, PAPER)
    assert "Unpaired: the base on 200 test problems, the runs on 100." in text and "of it)" not in text
    assert "keeps" not in text  # nor the paper comparison, which divides by the base


def test_at_the_base_counts_the_runs_own_error_too():
    """A one-seed rung 6 points under the base with a wide error of its own is within twice the standard error of
    the difference; with the base's error alone (2 x 3.1 = 6.2) a rung 6.5 points under would not be."""
    v = valley({250: 0.68})
    v["table"][1]["accuracy_se"] = 0.033
    assert facts.valley_verdict(v, PAPER).startswith("At every measured N")
    v["table"][1]["accuracy_se"] = 0.0
    assert facts.valley_verdict(valley({250: 0.68}, se=0.031), PAPER).startswith("Long CoT never climbs back")


def test_the_students_sentence_is_one_short_sentence_that_agrees_with_the_long_verdict():
    for accs, start in (({125: 0.01, 500: 0.002, 16000: 0.545}, "Long CoT falls from the base model's 74.5% to 0.2%"),
                        ({125: 0.01, 4000: 0.29, 16000: 0.73}, "Long CoT falls"),
                        ({16: 0.8, 250: 0.83}, "Long CoT never scores below")):
        short = facts.valley_verdict_short(valley(accs))
        assert short.startswith(start) and short.count(". ") == 0 and len(short.split()) <= 30, short
        assert "paper" not in short and "convention" not in short
    assert "does not climb back" in facts.valley_verdict_short(valley({125: 0.01, 16000: 0.545}))
    assert "climbs back to 73.0%" in facts.valley_verdict_short(valley({125: 0.01, 16000: 0.73}))
    f = facts.load()
    assert len(f["valley.verdict.short"].split()) <= 30 < len(f["valley.verdict"].split())
    assert len(f["rl.verdict.short"].split()) < len(f["rl.verdict"].split())


def test_the_students_sentence_claims_no_fall_from_a_base_measured_unlike_the_runs():
    micro = facts.valley_verdict_short(results.sweep("classroom").valley)
    assert micro.startswith("Long CoT falls from the base model's") and "does not climb back" in micro
    slm = results.sweep("smollm2").valley
    assert facts.base_mismatch(slm)  # its base on 200 problems, its runs on 100
    said = facts.valley_verdict_short(slm)
    assert "no fall from it is claimed" in said and "falls from" not in said


def _climb(change: float, ci: tuple[float, float], recovered: bool) -> dict:
    v = valley({32000: 0.761 + change}, base=0.761, se=0.013)
    v["eval"]["n"] = 1000
    v["table"][1].update(seeds=1, vs_base={"change": change, "se": 0.012, "ci95": list(ci), "seeds": 1,
                                           "problems": 1000, "recovered": recovered})
    v["runs"] = [{"style": "long", "n": 32000, "seed": 0, "train": {"steps": 8000, "epochs": 2.0}, "summary": {}}]
    return v


def test_the_climb_is_told_by_its_paired_interval_against_the_rule_declared_before_it():
    f = facts.sweep_facts("climb", _climb(-0.061, (-0.085, -0.037), False))
    assert (f["climb.long.32000.change"], f["climb.long.32000.change_lo"], f["climb.long.32000.change_hi"]) == (
        "-6.1", "-8.5", "-3.7")
    assert f["climb.long.32000.recovered"] == "does not climb back" and f["climb.eval.n"] == "1,000"
    assert (f["climb.long.32000.steps"], f["climb.long.32000.epochs"]) == ("8,000", "2")
    assert f["climb.long.32000.kept_se"] == "1.6%"  # 0.012 of the base's 0.761
    up = facts.sweep_facts("climb", _climb(-0.01, (-0.029, 0.009), True))
    assert up["climb.long.32000.recovered"] == "climbs back" and up["climb.long.32000.change"] == "-1.0"
    line = facts.climb_line(results.Sweep("climb", results.VALLEY_ROOT / "climb", _climb(-0.061, (-0.085, -0.037), False)))
    assert "N = 32,000 x 2 epochs (8,000 steps): 70.0% (1 seed)" in line
    assert "-6.1 points [-8.5, -3.7], does not climb back" in line and "one seed" in line


def _size(base: float, acc16k: float, se: float, paired: bool) -> dict:
    v = valley({250: 0.02, 16000: acc16k}, base=base)
    if paired:
        v["table"][2]["vs_base"] = {"change": acc16k - base, "se": se, "ci95": [0, 0], "seeds": 3, "problems": 1000}
    else:
        v["table"][2]["accuracy_se"] = se
    return v


def test_sizes_are_ordered_only_where_their_kept_shares_separate_by_the_declared_rule():
    # kept at 16,000: 0.20 / 0.50 = 40% (se 2%), 0.40 / 0.60 = 67% (se 2%), 0.55 / 0.75 = 73% (se 4%, unpaired)
    sizes = {"0.28M": _size(0.50, 0.20, 0.01, True), "0.85M": _size(0.60, 0.40, 0.012, True),
             "2.7M": _size(0.75, 0.55, 0.03, False)}
    v = facts.size_verdict(sizes)
    assert v.startswith("At N = 16,000 long-CoT examples")
    assert "the 0.28M model keeps 40.0% (± 2.0%, 3 seeds)" in v and "the 2.7M model keeps 73.3%" in v
    assert "unpaired" in v.split("the 2.7M")[1] and "unpaired" not in v.split("the 2.7M")[0]
    assert "The 0.85M keeps 26.7 points more than the 0.28M" in v          # 26.7 > 2 x hypot(2.0, 2.0) = 5.7
    assert "the 0.85M and the 2.7M do not separate (6.7 points apart, against 8.9)" in v  # 2 x hypot(2.0, 4.0)
    assert facts.size_verdict({"0.28M": sizes["0.28M"]}) == ""  # one size: nothing to compare


def test_an_arm_against_long_cot_is_called_better_or_worse_only_where_its_interval_leaves_zero():
    v = valley({4000: 0.30})
    arms = {"correction": (-0.162, [-0.19, -0.134], 350), "keep-error": (0.01, [-0.02, 0.04], 370),
            "mixed-1:4": (0.407, [0.375, 0.439], 55)}
    for arm, (change, ci, tokens) in arms.items():
        v["table"].append({"style": arm, "n": 4000, "seeds": 1, "accuracy_mean": 0.3 + change, "accuracy_se": 0.01,
                           "mean_tokens_mean": tokens, "reflection_ratio_mean": 0.0 if tokens < 100 else 0.8,
                           "vs_long": {"change": change, "se": 0.014, "ci95": ci, "seeds": 1, "problems": 1000}})
    f = facts.sweep_facts("w", v)
    assert (f["w.correction.4000.vs_long"], f["w.correction.4000.vs_long_lo"]) == ("-16.2", "-19.0")
    assert f["w.correction.4000.vs_long_said"] == "worse than"
    assert f["w.keep-error.4000.vs_long_said"] == "no different from"
    assert f["w.mixed-1to4.4000.vs_long_said"] == "better than"
    assert f["w.mixed-1to4.4000.way"].startswith("around") and f["w.correction.4000.way"].startswith("through")
    assert "w.long.4000.vs_long" not in f and f["w.long.4000.way"].startswith("through")


def test_the_papers_size_ordering_is_said_only_pair_by_pair_where_the_rule_separates_them():
    small, mid = _size(0.50, 0.20, 0.01, True), _size(0.60, 0.40, 0.012, True)  # kept 40% and 67%: separate
    assert facts.size_ordering({"0.28M": small, "0.85M": mid}).startswith("Each larger size keeps more")
    close = _size(0.75, 0.55, 0.03, False)  # 73%, unpaired: 6.7 points from the 0.85M, inside 8.9
    mixed = facts.size_ordering({"0.28M": small, "0.85M": mid, "2.7M": close})
    assert mixed == ("The paper's ordering (larger models recover sooner) shows for the 0.85M over the 0.28M; the 0.85M "
                     "and the 2.7M do not separate at this N.")
    reversed_ = facts.size_ordering({"0.28M": mid, "0.85M": small})  # the larger keeps less
    assert reversed_ == "Against the paper's ordering, the 0.85M keeps less than the 0.28M."
    assert "shows for" not in reversed_ and facts.size_ordering({"0.28M": small}) == ""


def test_each_one_time_held_out_scoring_of_the_checker_is_quoted_as_recorded():
    import json

    from training.task import checker_score

    split = json.loads((checker_score.INDEP.parent / "split.json").read_text(encoding="utf-8"))
    f = facts.heldout_facts()
    assert f["checker.heldout.count"] == str(len(split["spent"])) and split["spent"]
    for i, rec in enumerate(split["spent"], 1):
        assert f[f"checker.heldout{i}.words"] == facts.pct(rec["figures"]["recall words"])
        held = sum(len(d["heldout"]) for d in split["draws"] if d["seed"] in rec["seeds"])
        assert f[f"checker.heldout{i}.texts"] == str(held) and held > 0
    assert f["checker.target.words"] == "90%"
