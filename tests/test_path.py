"""The path through the valley's machinery, at a size that runs in seconds: sweeps with arms (the ways out), the
data-vs-steps settings, the retabled error bars, the paired RL summary and the tighter re-evaluation."""

import json

from training.task.analysis import combined_se


def test_a_sweep_runs_named_arms_next_to_styles(tmp_path):
    from training.core.config import build_config, load_yaml
    from training.valley import RECIPES, ValleyConfig, main

    smoke = load_yaml(RECIPES / "smoke.yaml")
    cfg = build_config(ValleyConfig, {**smoke, "ladder": [8], "styles": ["long", "mixed-1:4", "curriculum"],
                                      "arms": {"curriculum": {"style": "long", "curriculum": "short-to-long"}},
                                      "out_dir": str(tmp_path / "v"), "export_to": str(tmp_path / "shipped"),
                                      "keep_records_for": [8], "keep_series": ["long", "curriculum"],
                                      "sft": {**smoke["sft"], "max_steps": 2, "eval_n": 3, "eval_max_new_tokens": 24}})
    res = main(cfg)
    series = {r["style"] for r in res["table"]}
    assert {"base", "long", "mixed-1:4", "curriculum"} <= series
    cur = next(r for r in res["runs"] if r["style"] == "curriculum")
    assert [p["data"] for p in cur["train"]["phases"]] == ["short traces", "long traces"]
    assert all(r["train"]["steps"] == 2 for r in res["runs"])  # max_steps: the same steps for every series
    assert res["model"]["name"] == "tiny" and res["model"]["parameters"] > 1e6
    assert (tmp_path / "v" / "runs" / "mixed-1to4-n8-s0").is_dir()
    # every arm is paired with plain long CoT on the same problems (same N, same seed); long CoT itself is not
    runs = {r["style"]: r for r in res["runs"]}
    assert "vs_long" not in runs["long"]
    for arm in ("mixed-1:4", "curriculum"):
        vl = runs[arm]["vs_long"]
        assert vl["problems"] == 3
        assert abs(vl["change"] - (runs[arm]["summary"]["accuracy"] - runs["long"]["summary"]["accuracy"])) < 1e-9
        row = next(r for r in res["table"] if r["style"] == arm)
        assert row["vs_long"]["change"] == vl["change"] and "recovered" not in row["vs_long"]
    # the export ships the records and adapter of each kept series, not of the others
    shipped = tmp_path / "shipped"
    assert sorted(p.name for p in (shipped / "records").glob("*.jsonl")) == [
        "base.jsonl", "curriculum-n8-s0.jsonl", "long-n8-s0.jsonl"]
    assert sorted(p.name for p in (shipped / "adapters").iterdir()) == ["curriculum-n8", "long-n8"]


def test_an_arm_is_through_the_long_format_or_around_it_by_its_answers_length():
    from training.core.sweeprows import AROUND_BELOW, TableRow, way_of

    base = TableRow("base", 0, 1, {"mean_tokens_mean": 50.0})
    row = lambda tokens: TableRow("arm", 250, 1, {"mean_tokens_mean": tokens})  # noqa: E731
    assert way_of(row(AROUND_BELOW * 50), base) == "through"
    assert way_of(row(AROUND_BELOW * 50 - 1), base) == "around"
    assert way_of(row(300.0), TableRow("base", 0, 1, {})) == "around"  # no base length: never called a way through


def test_the_ways_out_figure_hatches_the_short_arms_and_notes_their_paired_change():
    from training.core.sweeprows import base_row, table_rows, way_of
    from training.lab import results
    from training.lab.figures import arms_figure

    entries = {label: results.sweep(name).valley for name, label in results.WAYS_SWEEPS.items()}
    ax = arms_figure(entries).axes[0]
    bars = [p for p in ax.patches if p.get_height() > 0 and p.get_width() < 0.5]
    rows = [r for v in entries.values() for r in table_rows(v)[1:]]
    assert len(bars) == len(rows)
    heights = sorted(round(b.get_height(), 6) for b in bars)
    assert heights == sorted(round(r.accuracy, 6) for r in rows)
    around = {round(r.accuracy, 6) for v in entries.values() for r in table_rows(v)[1:]
              if way_of(r, base_row(v)) == "around"}
    assert around and {round(b.get_height(), 6) for b in bars if b.get_hatch()} == around
    notes = " ".join(t.get_text() for t in ax.texts)
    for r in rows:
        if r.vs_long:
            assert f"{100 * r.vs_long['change']:+.0f} pts" in notes
    assert len([t for t in ax.get_xticklabels() if t.get_text()]) == sum(
        len({r.n for r in table_rows(v)[1:]}) for v in entries.values())


def test_the_combined_error_bar_keeps_the_problems_sampling_error():
    # three identical seeds: no seed spread, but 200 problems still leave a binomial error
    assert abs(combined_se([0.5, 0.5, 0.5], 200) - (0.25 / 200) ** 0.5) < 1e-12
    assert combined_se([0.4, 0.5, 0.6], 200) > combined_se([0.5, 0.5, 0.5], 200)
    # more problems shrink it; more seeds alone do not remove the problems' part
    assert combined_se([0.5] * 30, 200) == combined_se([0.5] * 3, 200)


def test_the_shipped_table_uses_the_combined_error_bar():
    from training.lab import results

    v = results.sweep().valley
    row = next(r for r in v["table"] if r["style"] == "long" and r["n"] == 16000)
    accs = [r["summary"]["accuracy"] for r in v["runs"] if r["style"] == "long" and r["n"] == 16000]
    assert abs(row["accuracy_se"] - combined_se(accs, 200)) < 1e-9
    assert "combined" in v["error_bars"]


def test_powered_rl_reports_a_paired_change_with_its_interval(tmp_path):
    from training.rl_sweep import main, parse

    res = main(parse(["--recipe", "smoke", "--out_dir", str(tmp_path / "rl"), "--seeds", "0,1",
                      "--grpo.eval_records", "true", "--grpo.shuffle", "true"]))
    assert res["paired"], "no paired summary"
    for label, p in res["paired"].items():
        assert p["problems"] > 0 and p["seeds"] == 2
        lo, hi = p["ci95"]
        assert lo <= p["change"] <= hi and p["min_detectable"] >= 0 and 0 <= p["end_accuracy"] <= 1
        assert p["kl_late"] is None or p["kl_late"] >= 0


def test_reevaluation_pairs_every_adapter_with_the_base(tmp_path):
    from training.reevaluate import ReevalConfig, main

    res = main(ReevalConfig(n=4, samples=2, max_new_tokens=24, out_dir=str(tmp_path / "r")))
    rows = res["results"]
    assert "base" in rows and len(rows) >= 2
    for name, row in rows.items():
        assert "greedy" in row and any(k.startswith("avg@2") for k in row)
        if name != "base":
            ch = row["greedy"]["vs_base"]
            assert ch["problems"] == 4 and ch["ci95"][0] <= ch["change"] <= ch["ci95"][1]
    assert json.loads((tmp_path / "r" / "reeval.json").read_text())["sweep"] == "classroom"


def test_a_signal_stops_the_whole_sweep_not_only_its_run(tmp_path, monkeypatch):
    # Ctrl+C (or SIGTERM) during a one-worker sweep: sft saves the run as stopped; the sweep must stop there
    # instead of going on to the next run, and must not count the stopped run as finished
    import pytest

    from training import valley
    from training.core.config import build_config, load_yaml

    calls = []

    def stopped_run(cfg):
        calls.append(cfg.n)
        return {"status": "stopped", "stop_reason": "SIGINT", "steps": 1}

    monkeypatch.setattr(valley, "sft_main", stopped_run)
    smoke = load_yaml(valley.RECIPES / "smoke.yaml")
    cfg = build_config(valley.ValleyConfig, {**smoke, "ladder": [8, 16], "styles": ["long"], "seeds": [0],
                                             "jobs": 1, "out_dir": str(tmp_path / "v"),
                                             "sft": {**smoke["sft"], "eval_n": 3, "eval_max_new_tokens": 24}})
    with pytest.raises(valley.SweepStopped, match="SIGINT"):
        valley.main(cfg)
    assert len(calls) == 1, "the sweep went on after a run was stopped by a signal"
    assert not (tmp_path / "v" / "valley.json").exists()


def test_a_sweep_adds_rungs_to_an_earlier_sweep_without_rerunning_it(tmp_path, monkeypatch):
    # a fresh machine has the shipped valley.json but none of its run folders: --reuse_from takes its runs and its
    # base as measured and runs only the new rungs; a sweep with other run settings is refused
    import pytest

    from training import valley
    from training.core.config import build_config, load_yaml

    smoke = load_yaml(valley.RECIPES / "smoke.yaml")
    settings = {**smoke, "styles": ["long"], "seeds": [0], "jobs": 1,
                "sft": {**smoke["sft"], "max_steps": 2, "eval_n": 3, "eval_max_new_tokens": 24}}
    first = valley.main(build_config(valley.ValleyConfig, {**settings, "ladder": [8], "out_dir": str(tmp_path / "a"),
                                                           "export_to": str(tmp_path / "shipped")}))
    trained = []
    real = valley.sft_main
    monkeypatch.setattr(valley, "sft_main", lambda cfg: trained.append(cfg.n) or real(cfg))
    monkeypatch.setattr(valley, "_base_eval", lambda *a: pytest.fail("the base was evaluated again"))
    more = valley.main(build_config(valley.ValleyConfig, {
        **settings, "ladder": [8, 16], "out_dir": str(tmp_path / "b"),
        "reuse_from": str(tmp_path / "shipped" / "valley.json")}))
    assert trained == [16]
    assert {(r["n"], r["seed"]) for r in more["runs"]} == {(8, 0), (16, 0)} and not more["missing"]
    old8 = next(r for r in first["runs"] if r["n"] == 8)
    assert next(r for r in more["runs"] if r["n"] == 8)["summary"] == json.loads(json.dumps(valley.slim(old8["summary"])))
    assert more["base"]["accuracy"] == first["base"]["accuracy"]
    # a sweep with arms takes the plain runs of one without, never a run of a style it defines otherwise
    arms = {"long": {"style": "long", "epochs": 9}, "twice": {"style": "long", "epochs": 2}}
    assert valley._reused_sweep(build_config(valley.ValleyConfig, {
        **settings, "arms": {"twice": arms["twice"]}, "reuse_from": str(tmp_path / "shipped" / "valley.json")}),
        tmp_path / "d")
    assert not valley._reused_sweep(build_config(valley.ValleyConfig, {
        **settings, "arms": {"long": arms["long"]}, "reuse_from": str(tmp_path / "shipped" / "valley.json")}),
        tmp_path / "e")
    with pytest.raises(ValueError, match="lora_r"):
        valley.main(build_config(valley.ValleyConfig, {
            **settings, "sft": {**settings["sft"], "lora_r": 8}, "ladder": [8, 16], "out_dir": str(tmp_path / "c"),
            "reuse_from": str(tmp_path / "shipped" / "valley.json")}))


def test_the_paired_figure_draws_each_rungs_change_and_the_recovery_band():
    from training.lab import results
    from training.lab.figures import paired_figure

    v = results.sweep("steps-fixed").valley
    rungs = [r for r in v["table"] if r.get("vs_base")]
    one_seed = json.loads(json.dumps(v))  # the same sweep with one rung left unpaired (a sweep scored before pairing)
    del next(r for r in one_seed["table"] if r["n"] == 250)["vs_base"]
    fig = paired_figure({"steps-fixed": v, "older": one_seed})
    ax = fig.axes[0]
    lines = [c.lines[0] for c in ax.containers]  # each errorbar's data line (its caps and bars are apart)
    drawn = sorted(sorted(zip(line.get_xdata(), line.get_ydata())) for line in lines)
    want = sorted(p for p in [[(r["n"], 100 * r["vs_base"]["change"]) for r in rungs],
                              [(r["n"], 100 * r["vs_base"]["change"]) for r in rungs if r["n"] != 250]])
    assert [[(x, round(y, 6)) for x, y in d] for d in drawn] == [[(x, round(y, 6)) for x, y in d] for d in want]
    band = [p for p in ax.patches if abs(p.get_y() + 3) < 1e-9 or abs(p.get_y()) < 1e-9]
    assert band, "the recovery margin (-3 points to 0) is shaded"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("3 seeds" in t or "2-3 seeds" in t for t in labels) and any("climbs back" in t for t in labels)
