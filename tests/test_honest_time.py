"""Honest time on a slow or busy machine (issue 33): the test after training shows its answers as they land and
about how long the rest take; RL and real-SLM runs say their time before Start."""

import json
import time

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
