"""Honest time on a slow or busy machine (issue 33): the test after training shows its answers as they land and
about how long the rest take; RL and real-SLM runs say their time before Start."""

import json
import time
from types import SimpleNamespace

from app.widgets import evaluating_view
from training.core.rundir import RunDir, RunState, State


def test_the_test_shows_answers_done_of_all_and_an_eta():
    now = time.time()
    st = RunState(".", State.EVALUATING, [], {"eval_done": 50, "eval_total": 200, "eval_began": now - 100}, None)
    md, bar = evaluating_view(st, "Training done.", now)
    assert "50 of 200" in md and "5 min" in md  # 100 s for 50 answers: 300 s for the other 150
    assert "width:25.0%" in bar and "50/200" in bar
    early = RunState(".", State.EVALUATING, [], {"eval_done": 2, "eval_total": 200, "eval_began": now - 5}, None)
    assert "too few answers" in evaluating_view(early, "x", now)[0]
    assert evaluating_view(RunState(".", State.EVALUATING, [], {}, None), "Testing...")[0] == "Testing..."


def test_answers_are_reported_as_they_end_inside_one_batch():
    from training.core.generate import generate
    from training.core.models import load_model
    from training.task.world import problems

    model, tok = load_model("tiny")
    seen = []
    prompts = [p.prompt for p in problems("classroom", "test", 8)]
    generate(model, tok, prompts, max_new_tokens=400, batch_size=8, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (8, 8)
    assert any(0 < d < 8 for d, _ in seen), seen  # one batch, and still answers landed one by one


def test_the_run_writes_its_test_progress_to_its_status(tmp_path):
    from training.sft import eval_progress

    run = RunDir(tmp_path)
    write = eval_progress(run, {"total_steps": 3}, every_s=0.0)
    write(5, 20)
    info = json.loads(run.status.read_text())
    assert info["state"] == "evaluating" and (info["eval_done"], info["eval_total"]) == (5, 20)
    assert info["total_steps"] == 3 and info["eval_began"] <= time.time()


def test_rl_says_its_time_before_start_and_the_teacher_can_keep_heavy_runs_off_the_queue(tmp_path):
    import gradio as gr
    import pytest

    from app.main import build_app
    from app.tab_rl import rl_time_text
    from training.lab import engine

    real_slm = engine.REAL_SLMS[0]

    demo = build_app(eval_n=6, runs_root=tmp_path / "runs", class_runs_only=True)
    ctx = demo.ctx
    runs = ctx.shipped.rl.result["runs"]
    steps = ctx.shipped.rl.result["config"]["grpo"]["steps"]
    base = [r["seconds"] for r in runs if r["start"] == "base"]
    text = rl_time_text(ctx, None, "base", steps)  # no run here yet: the shipped sweep's own time per step
    assert f"about **{sum(base) / len(base):.0f} s**" in text and "shipped sweep" in text, text
    fn = {f.api_name: f.fn for f in demo.fns.values()}
    student = SimpleNamespace(session_hash="s1", headers={}, client=None)
    with pytest.raises(gr.Error, match="keeps RL runs off"):
        fn["start_rl"]("base", 5, 0, None, student)
    with pytest.raises(gr.Error, match="keeps runs of"):
        fn["start_run"](real_slm, "world", None, 64, "long", "lora", 16, 32, 0, 1e-4, 0, True, 40, None, student)
    assert ctx.runs.runs_of("session-s1") == [] and ctx.runs.runs_of("session-s1", "training.grpo") == []
    ctx.runs.shutdown()


def test_the_class_plan_follows_its_stated_rule(monkeypatch, capsys):
    from training import classplan
    from training.lab import engine

    assert classplan.choose(60, groups=8, slots=1, window_s=1200).name == classplan.LIVE     # 8 min of 20
    assert classplan.choose(150, groups=8, slots=1, window_s=1200).name == classplan.LIVE    # exactly 20 min
    assert classplan.choose(151, groups=8, slots=1, window_s=1200).name == classplan.DEMO
    assert classplan.choose(600, groups=8, slots=1, window_s=1200).name == classplan.DEMO    # half the window
    assert classplan.choose(601, groups=8, slots=1, window_s=1200).name == classplan.SHIPPED
    assert classplan.choose(151, groups=8, slots=2, window_s=1200).name == classplan.LIVE    # two slots
    # the command: a measured speed in, the estimate of one class run and the plan out
    slow = engine.Speed("tiny", train_tok_s=400.0, at=0.0, gen_tok_s=300.0, setup_s=20.0)
    monkeypatch.setattr(classplan, "measure", lambda *a: slow)
    plan = classplan.main(["--groups", "8"])
    expected = engine.estimate(engine.SFTConfig(n=125, eval_n=200), {"tiny": slow}).seconds
    assert abs(plan.run_s - expected) < 1e-6
    assert plan.name == classplan.choose(expected, 8, 1, 1200).name
    assert f"Plan: {plan.name}." in capsys.readouterr().out
