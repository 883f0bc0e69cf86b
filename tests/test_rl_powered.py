"""The powered RL sweep (issue 29): each start paired against its own step 0 at every evaluated step, the KL, length
and reflective share beside it, and how the app and the facts tell it. Fabricated run folders (no training) hold
the numbers to exact values; one seconds-long smoke sweep checks the real runs carry what the pairing reads."""

import json
import random
from types import SimpleNamespace

import pytest

PROBLEMS, STEPS, SEEDS = 1000, (0, 50, 100), (0, 1)


def fake_run(root, start: str, seed: int, correct: dict[int, list[int]], curve_extra: dict[int, dict]) -> dict:
    """A finished GRPO run's folder as training.grpo writes it with eval_records (eval-step<k>/records.jsonl, one
    record per test problem) and its row of rl.json (training.rl_sweep._result)."""
    run_dir = root / "runs" / f"{start.replace(' ', '_')}-s{seed}"
    for step, marks in correct.items():
        (run_dir / f"eval-step{step}").mkdir(parents=True)
        (run_dir / f"eval-step{step}" / "records.jsonl").write_text(
            "".join(json.dumps({"i": i, "correct": c}) + "\n" for i, c in enumerate(marks)))
    curve = [{"step": s, "accuracy": sum(m) / len(m), "accuracy_se": 0.01, "claim_error_rate": 0.05,
              **curve_extra[s]} for s, m in correct.items()]
    return {"start": start, "seed": seed, "run_dir": str(run_dir), "curve": curve, "status": "completed",
            "seconds": 100.0, "useful_groups": 0.5, "kl_late": curve_extra[max(correct)].get("kl")}


def flipped(marks: list[int], up: int, down: int, rng: random.Random) -> list[int]:
    """`marks` with `up` wrong answers made right and `down` right answers made wrong, picked at random."""
    out = list(marks)
    for i in rng.sample([i for i, c in enumerate(out) if not c], up):
        out[i] = 1
    for i in rng.sample([i for i, c in enumerate(marks) if c], down):
        out[i] = 0
    return out


def powered_sweep(root) -> dict:
    """A realistic cpu-powered rl.json: the base does not move (as many answers turn wrong as right), the long-CoT
    start gains about 8 points by step 100 (and 4 by step 50), with shorter answers and fewer reflective ones."""
    from training.rl_sweep import aggregate, paired

    labels = ["base", "long N=16000"]
    rng = random.Random(29)
    start = {"base": [int(rng.random() < 0.76) for _ in range(PROBLEMS)],
             "long N=16000": [int(rng.random() < 0.50) for _ in range(PROBLEMS)]}
    moves = {"base": {50: (40, 40), 100: (60, 60)}, "long N=16000": {50: (90, 50), 100: (140, 60)}}
    runs = []
    for label in labels:
        for seed in SEEDS:
            correct = {0: start[label], **{s: flipped(start[label], *moves[label][s], rng) for s in (50, 100)}}
            tokens = {"base": [55, 55, 56], "long N=16000": [320, 300, 280]}[label]
            reflective = {"base": [0.0, 0.0, 0.0], "long N=16000": [0.6, 0.5, 0.4]}[label]
            extra = {s: {"kl": [0.0, 0.002 + 0.001 * seed, 0.004 + 0.001 * seed][k], "mean_tokens": tokens[k] + seed,
                         "reflection_ratio": reflective[k]} for k, s in enumerate(STEPS)}
            runs.append(fake_run(root, label, seed, correct, extra))
    grpo = {"steps": 100, "prompts_per_step": 16, "group_size": 8, "max_new_tokens": 512, "lr": 1e-4,
            "kl_coef": 1e-4, "eval_every": 50, "eval_n": PROBLEMS}
    return {"name": "cpu-powered", "command": "python -m training.rl_sweep --recipe cpu-powered",
            "config": {"recipe": "cpu-powered", "world": "classroom", "model": "tiny", "start_labels": labels,
                       "start_adapters": ["", "assets/rl/classroom/starts/long-n16000"], "seeds": list(SEEDS),
                       "grpo": grpo, "jobs": 2, "threads_per_job": 1},
            "runs": runs, "table": aggregate(runs, labels), "paired": paired(runs, labels)}


@pytest.fixture
def sweep(tmp_path):
    return powered_sweep(tmp_path)


def test_every_evaluated_step_is_paired_with_step_0_problem_by_problem(sweep):
    from training.task.analysis import paired_change

    base, long = sweep["paired"]["base"], sweep["paired"]["long N=16000"]
    assert [r["step"] for r in long["steps"]] == list(STEPS)
    # the change of each problem averaged over the seeds, then paired: recomputed here from the runs' own records
    runs = [r for r in sweep["runs"] if r["start"] == "long N=16000"]
    marks = {s: [[json.loads(line)["correct"] for line in open(f"{r['run_dir']}/eval-step{s}/records.jsonl")]
                 for r in runs] for s in STEPS}
    mean = {s: [sum(seed[i] for seed in marks[s]) / len(runs) for i in range(PROBLEMS)] for s in STEPS}
    for row in long["steps"]:
        want = paired_change(mean[0], mean[row["step"]])
        assert row["change"] == pytest.approx(want["change"]) and row["ci95"] == pytest.approx(want["ci95"])
        assert row["min_detectable"] == pytest.approx(2.8 * want["se"])
        assert row["accuracy"] == pytest.approx(sum(mean[row["step"]]) / PROBLEMS)
        assert (row["problems"], row["seeds"]) == (PROBLEMS, 2)
    assert long["steps"][0]["change"] == 0 and long["steps"][0]["min_detectable"] == 0  # step 0 is the reference
    # 140 up, 60 down per seed at step 100: +8 points, its interval above 0; the base's flips cancel
    assert long["steps"][-1]["change"] == pytest.approx(0.08) and long["steps"][-1]["ci95"][0] > 0
    assert base["steps"][-1]["change"] == pytest.approx(0.0) and base["steps"][-1]["ci95"][0] < 0
    # the KL, length and reflective share are the seeds' means at that step
    assert long["steps"][1]["kl"] == pytest.approx(0.0025) and long["steps"][2]["mean_tokens"] == pytest.approx(280.5)
    assert long["steps"][2]["reflection_ratio"] == pytest.approx(0.4)
    # the old readers' keys: the last step at the top level
    assert long["step"] == 100 and long["change"] == long["steps"][-1]["change"]
    assert long["start_accuracy"] == long["steps"][0]["accuracy"] and long["end_accuracy"] == long["steps"][-1]["accuracy"]


def test_a_start_without_records_is_left_out_and_a_missing_kl_comes_from_the_runs_steps(tmp_path):
    from training.rl_sweep import paired

    run = fake_run(tmp_path, "base", 0, {0: [1, 0, 1, 1], 10: [1, 1, 1, 1]},
                   {0: {"mean_tokens": 50}, 10: {"mean_tokens": 48}})  # a run written before the curve had its KL
    (tmp_path / "runs" / "base-s0" / "progress.jsonl").write_text(
        "".join(json.dumps({"step": s, "kl": 0.001 * s}) + "\n" for s in range(1, 11)))
    bare = {**run, "start": "other", "run_dir": str(tmp_path / "nowhere")}
    out = paired([run, bare], ["base", "other"])
    assert list(out) == ["base"]
    kls = [r["kl"] for r in out["base"]["steps"]]
    assert kls == [0.0, pytest.approx(0.010)]  # step 10: the mean over the last tenth of its steps (step 10 alone)
    assert out["base"]["change"] == pytest.approx(0.25)


def test_the_verdict_says_moved_only_when_the_interval_excludes_0(sweep):
    from training.lab import facts

    lines = facts.rl_start_verdicts(sweep)
    long = sweep["paired"]["long N=16000"]
    lo, hi = long["ci95"]
    assert lines[1] == f"From long N=16000, moved by +8.0 points [{100 * lo:+.1f}, {100 * hi:+.1f}] in 100 steps."
    base_mde = 100 * sweep["paired"]["base"]["min_detectable"]
    assert lines[0] == (f"From base, no change detected at this power in 100 steps (min detectable {base_mde:.1f} "
                        "points).")
    assert "moved" not in lines[0]
    # a fall beyond noise is a move too, never a gain
    fell = {**sweep, "paired": {"x": {**long, "change": -0.05, "ci95": [-0.08, -0.02]}}}
    assert facts.rl_start_verdicts(fell) == ["From x, moved by -5.0 points [-8.0, -2.0] in 100 steps."]


def test_the_facts_carry_every_start_and_step(sweep):
    from training.lab import facts

    f = facts.rl_powered_facts(sweep)
    long = sweep["paired"]["long N=16000"]["steps"][2]
    k = "rl.powered.long-n16000.100"
    assert f[f"{k}.accuracy"] == f"{100 * long['accuracy']:.1f}%" and f[f"{k}.change"] == "+8.0"
    assert f[f"{k}.change_lo"] == f"{100 * long['ci95'][0]:+.1f}" and f[f"{k}.change_hi"] == f"{100 * long['ci95'][1]:+.1f}"
    assert f[f"{k}.min_detectable"] == f"{100 * long['min_detectable']:.1f}"
    assert (f[f"{k}.kl"], f[f"{k}.tokens"], f[f"{k}.reflective"]) == ("4.5e-3", "280", "40%")
    assert (f[f"{k}.seeds"], f[f"{k}.problems"]) == ("2", "1,000")
    assert f["rl.powered.base.0.kl"] == "0" and f["rl.powered.base.0.change"] == "+0.0"
    assert {key.split(".")[3] for key in f if key.startswith("rl.powered.base.")} == {"label", "0", "50", "100"}
    verdict = f["rl.powered.verdict"]
    assert verdict.endswith(".") and ". " not in verdict  # one sentence
    assert "100 steps of 16 problems x 8 answers, 2 seeds" in verdict and "1,000 test problems" in verdict
    assert "from base, no change detected" in verdict and "from long N=16000, moved by +8.0 points" in verdict


def test_the_facts_load_the_powered_sweep_when_it_exists(sweep, tmp_path, monkeypatch):
    from training.core import paths
    from training.lab import facts, results

    root = tmp_path / "rl"
    (root / "cpu-powered").mkdir(parents=True)
    (root / "classroom").symlink_to(paths.ASSETS / "rl" / "classroom")
    monkeypatch.setattr(results, "RL_ROOT", root)
    assert not any(k.startswith("rl.powered.") for k in facts.load())
    (root / "cpu-powered" / "rl.json").write_text(json.dumps(sweep))
    f = facts.load()
    assert f["rl.powered.long-n16000.100.change"] == "+8.0" and f["rl.verdict"]  # the older sweep's facts stay


def test_the_older_sweep_is_labelled_underpowered_with_what_it_could_detect():
    from training.lab import facts, results

    old = results.rl().result
    text = facts.rl_underpowered(old)
    g = old["config"]["grpo"]
    assert text.startswith("Underpowered:") and f"evaluated on {g['eval_n']} problems" in text
    mde = facts.rl_min_detectable(old)
    for label, rows in old["table"].items():  # 2.8 standard errors, the error its own verdict counts noise by
        a = rows[0]["accuracy_mean"]
        se = max(rows[-1]["accuracy_sd"], (a * (1 - a) / g["eval_n"]) ** 0.5, 0.01)
        assert mde[label] == pytest.approx(2.8 * se)
        assert f"{100 * mde[label]:.0f} points from {label}" in text
    assert min(mde.values()) > 0.05  # a 50-problem sweep could not see a change of a few points


def test_the_tab_shows_the_powered_sweep_beside_the_older_one(sweep, tmp_path):
    from app.tab_rl import POWERED_NOT_RUN, powered_view
    from training.lab import engine

    def ctx(result):
        return SimpleNamespace(shipped=SimpleNamespace(rl_powered=engine.RLSweep("cpu-powered", tmp_path, result)))

    assert powered_view(ctx(None)) == (None, None, POWERED_NOT_RUN)  # not run yet: one line, nothing breaks
    assert "\n" not in POWERED_NOT_RUN and "not run yet" in POWERED_NOT_RUN
    figure, table, text = powered_view(ctx(sweep))
    assert list(table.columns) == ["start", "step", "accuracy", "change [95% CI]", "min detectable", "KL", "tokens",
                                   "reflective"]
    assert len(table) == 6 and list(table["step"]) == ["0", "50", "100"] * 2
    last = table.iloc[-1]
    assert last["start"] == "long N=16000" and last["change [95% CI]"].startswith("+8.0 [")
    assert table.iloc[0]["change [95% CI]"] == "reference"
    assert text.splitlines() == [f"- {v}" for v in engine.rl_start_verdicts(sweep)]
    panels = [ax for ax in figure.axes if ax.get_title()]
    assert [ax.get_title().split(" (")[0] for ax in panels] == ["from base", "from long N=16000"]
    band = panels[1].collections[0].get_paths()[0].vertices  # ± the min detectable change at each step
    mde = max(100 * r["min_detectable"] for r in sweep["paired"]["long N=16000"]["steps"])
    assert band[:, 1].max() == pytest.approx(mde) and band[:, 1].min() == pytest.approx(-mde)
    for lacking in ({}, {k: {q: v for q, v in p.items() if q != "steps"} for k, p in sweep["paired"].items()}):
        figure, table, text = powered_view(ctx({**sweep, "paired": lacking}))  # no records; exported before the steps
        assert (figure, table) == (None, None) and text.startswith("*The powered RL sweep")


def test_a_real_smoke_sweep_pairs_every_evaluation_with_its_kl_length_and_reflection(tmp_path):
    """Seconds: two GRPO steps from two starts, evaluated after each step with their records kept."""
    from training.rl_sweep import main, parse

    res = main(parse(["--recipe", "smoke", "--out_dir", str(tmp_path / "rl"), "--grpo.eval_every", "1",
                      "--grpo.eval_records", "true"]))
    for run in res["runs"]:
        assert [c["step"] for c in run["curve"]] == [0, 1, 2] and run["curve"][0]["kl"] == 0.0
        assert all(c["kl"] is not None and c["kl"] >= 0 and "mean_tokens" in c and "reflection_ratio" in c
                   for c in run["curve"])
        progress = [json.loads(line) for line in open(f"{run['run_dir']}/progress.jsonl") if '"kl"' in line]
        at_2 = [p["kl"] for p in progress if p["step"] == 2 and "reward" in p]
        assert run["curve"][2]["kl"] == pytest.approx(at_2[0])  # the last tenth of 2 steps: step 2 alone
    for p in res["paired"].values():
        assert [r["step"] for r in p["steps"]] == [0, 1, 2]
        assert all(r["mean_tokens"] is not None and r["reflection_ratio"] is not None for r in p["steps"])
        assert p["steps"][0]["change"] == 0 and p["problems"] == 4
    assert (tmp_path / "rl" / "paired.png").exists()
