"""The app keeps every student's work through restarts, caps and double clicks, and bad input gets plain words
(issue: the app keeps every student's work). One test per failure a tester found; the browser test clicks through
the restart and double-click paths in Chromium."""

import json
import os
import re
import stat
import time
from pathlib import Path

import pytest

from app.registry import RemovedRun, RunManager, is_class_recipe
from training.lab import engine
from training.sft import SFTConfig


def cfg(tiny_base, **kw):
    return SFTConfig(**{"model": str(tiny_base), "world": "tiny", "n": 8, "epochs": 1, "batch_size": 4,
                        "precision": "fp32", "log_every": 1, "eval_n": 4, "eval_max_new_tokens": 32, **kw})


def wait(rm, owner, run_id, states, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        st = rm.state(owner, run_id)
        if st.state in states:
            return st
        time.sleep(0.3)
    raise AssertionError(f"{run_id} still {rm.state(owner, run_id).state}")


# 1. a restart keeps the browsers' ids: the secret lives with VALLEY_HOME
def test_the_browser_secret_is_created_once_with_mode_600(tmp_path, monkeypatch):
    from app.main import browser_secret

    monkeypatch.setenv("VALLEY_HOME", str(tmp_path / "home"))
    first = browser_secret()
    f = tmp_path / "home" / "app" / "browser-secret"
    assert len(first) >= 32 and stat.S_IMODE(f.stat().st_mode) == 0o600
    assert browser_secret() == first  # a restarted app reads the same secret


def test_a_restarted_registry_lists_every_run_and_restarts_the_queue(tiny_base, tmp_path):
    root = tmp_path / "runs"
    rm = RunManager(max_concurrent=1, root=root)
    a = rm.submit("alice", cfg(tiny_base))
    wait(rm, "alice", a, {"completed"})
    rm.shutdown()
    rm2 = RunManager(max_concurrent=1, root=root)
    assert rm2.runs_of("alice") == [a] and rm2.state("alice", a).state == "completed"
    rm2.shutdown()


# 2. the disk cap never deletes a run a page follows, and says when an old one went
def test_the_cap_keeps_recent_runs_and_tells_the_owner_of_a_removed_one(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs", disk_cap_mb=0.001, keep_hours=3)
    a = rm.submit("alice", cfg(tiny_base))
    wait(rm, "alice", a, {"completed"})
    assert rm.cleanup() == []  # over the cap, but finished a moment ago: the class is still at work
    while rm.job("alice", a).alive():  # the process exits a moment after it writes its result
        time.sleep(0.2)
    old = time.time() - 5 * 3600
    for f in (rm.job("alice", a).run.status, rm.job("alice", a).run.entry):
        os.utime(f, (old, old))
    assert rm.cleanup() == [a]
    with pytest.raises(RemovedRun, match="removed to free disk space"):
        rm.state("alice", a)
    assert rm.removed_of("alice") == [a]
    with pytest.raises(KeyError, match="no run"):  # another owner learns nothing
        rm.state("bob", a)
    rm.shutdown()


def test_the_default_cap_is_sized_from_the_free_disk(tmp_path):
    rm = RunManager(root=tmp_path / "runs")
    assert 400 <= rm.disk_cap_mb <= 20_000
    rm.shutdown()


# 4. reuse only shared runs, and the second student owns a copy
def test_reuse_respects_the_opt_out_and_gives_a_copy(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    private = rm.submit("alice", cfg(tiny_base, seed=5), share=False)
    wait(rm, "alice", private, {"completed"})
    b = rm.submit("bob", cfg(tiny_base, seed=5))
    assert rm.job("bob", b).reused_from is None  # alice opted out: bob trains his own
    wait(rm, "bob", b, {"completed"})
    c = rm.submit("carol", cfg(tiny_base, seed=5))  # bob shares: carol gets a copy at once
    job = rm.job("carol", c)
    assert job.reused_from == b and rm.state("carol", c).state == "completed"
    assert job.run.weights() is not None and job.run.path != rm.job("bob", b).run.path
    z = rm.download("carol", c)
    assert c in z.name
    rm.shutdown()


# 5. the class plot and "Assign me an N" count only the class recipe
def test_only_the_class_recipe_counts_for_the_class(tiny_base, tmp_path):
    assert is_class_recipe(SFTConfig(n=250))
    assert not is_class_recipe(SFTConfig(n=250, lr=1e-300 + 1e-9))
    assert not is_class_recipe(SFTConfig(n=250, method="full"))
    assert not is_class_recipe(SFTConfig(n=250, data="my.jsonl"))
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    odd = rm.submit("mallory", cfg(tiny_base, lr=1e-6))
    wait(rm, "mallory", odd, {"completed"})
    assert [p["recipe"] for p in rm.class_results()] == ["other"]
    assert rm.coverage([8]) == {8: 0}
    rm.new_class("Tuesday")
    assert rm.class_results() == [] and rm.klass["name"] == "Tuesday"
    assert rm.runs_of("mallory") == [odd]  # a new class leaves every student's runs with them
    rm.shutdown()


# 6. the waiting line moves by itself
def test_a_freed_slot_starts_the_next_run_without_anyone_polling(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs", pump_every_s=0.3)
    a = rm.submit("alice", cfg(tiny_base))
    b = rm.submit("bob", cfg(tiny_base, seed=1))  # another experiment: an identical one would join a
    deadline = time.time() + 180
    while time.time() < deadline and rm._jobs[b].proc is None:  # nobody calls state(): only the pump thread
        time.sleep(0.3)
    assert rm._jobs[b].proc is not None, "the queued run never started"
    wait(rm, "alice", a, {"completed"})
    wait(rm, "bob", b, {"completed"})
    rm.shutdown()


# 7-8. Start waits for one's own run; Stop and Download after the end say what happened
def test_busy_stop_after_done_and_a_failed_run_downloads_its_log(tiny_base, tmp_path):
    import zipfile

    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", cfg(tiny_base))
    assert rm.busy("alice") and not rm.busy("bob")
    wait(rm, "alice", a, {"completed"})
    assert not rm.busy("alice")
    assert "already finished" in rm.stop("alice", a)
    bad = rm.submit("alice", cfg(tiny_base, model=str(tmp_path / "no-such-model")))
    st = wait(rm, "alice", bad, {"failed"})
    assert "does not exist" in st.error or "could not load" in st.error
    assert "already failed" in rm.stop("alice", bad)
    z = rm.download("alice", bad)
    assert "failed" in z.name and {"log.txt", "error.txt"} & set(zipfile.ZipFile(z).namelist())
    rm.shutdown()


# 9. clear errors, never raw ones
@pytest.mark.parametrize("model,msg", [
    ("x" * 10_000, "not a model name: 10,000 characters"),
    ("Qwen/Qwen2.5\x00-0.5B", "characters no model name has"),
])
def test_absurd_model_names(model, msg):
    with pytest.raises(ValueError, match=msg) as e:
        engine.sft_config(model=model)
    assert len(str(e.value)) < 300


@pytest.mark.parametrize("field", ["n", "lr", "epochs", "seed", "lora_r", "lora_alpha"])
def test_nan_and_infinity_never_reach_torch(field):
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="must be"):
            engine.sft_config(**{field: bad})
    with pytest.raises(ValueError, match="must be"):
        engine.grpo_config(steps=float("nan"))


def test_a_jsonl_nested_100000_deep_is_refused_in_words(tmp_path):
    from training.core.sources import DataError, count_chat_file

    f = tmp_path / "deep.jsonl"
    f.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(DataError, match="nested too deeply"):
        count_chat_file(f)


def test_openr1_offline_answers_within_the_hub_timeout(monkeypatch):
    import training.lab.engine as eng

    def hangs():
        time.sleep(60)
        return True, ""
    monkeypatch.setattr(eng, "openr1_available", hangs)
    monkeypatch.setattr(eng, "HUB_CHECK_TIMEOUT_S", 0.5)
    t = time.perf_counter()
    with pytest.raises(ValueError, match="cannot be reached within"):
        engine.sft_config(data="openr1")
    assert time.perf_counter() - t < 5


def test_error_anatomy_escapes_the_models_own_text(tmp_path):
    import app.tab_anatomy as ta
    from app.tab_anatomy import load_records  # noqa: F401 - the module the drill-down lives in

    rec = {"expr": "1+2", "gold": 3, "completion": "<script>alert(1)</script> 1 + 2 = 3",
           "check": {"answer_text": "<img src=x onerror=alert(1)>", "outcomes": {}}, "category": "<b>x</b>",
           "n_tokens": 5}
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps(rec) + "\n")
    html = ta.drill_html(0, str(f))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_downloads_are_served_from_valley_home_anywhere(tmp_path, monkeypatch):
    """A VALLEY_HOME outside the working directory and /tmp (a Space's persistent volume): its downloads folder
    is one of the paths Gradio may serve, and nothing else of it is."""
    home = Path.home() / f".valley-test-{os.getpid()}"
    monkeypatch.setenv("VALLEY_HOME", str(home))
    try:
        from app.main import launch_kwargs
        from app.registry import downloads_root

        allowed = launch_kwargs()["allowed_paths"]
        assert str(downloads_root()) in allowed and str(home) not in allowed
        assert str(home / "runs") not in allowed
    finally:
        import shutil

        shutil.rmtree(home, ignore_errors=True)


def test_the_base_pane_runs_the_base_even_after_the_adapter_loaded():
    """Side by Side's panes come from one model cache: a pane keyed (tiny, no adapter) must generate what the base
    model alone generates, even when the adapter of the same base was loaded first (a peer product's compare ran
    the adapter in its base pane). The adapter pane must differ on this problem, or the test could not fail."""
    from app.tab_compare import weights_line
    from training.core.generate import generate
    from training.core.models import load_model
    from training.lab import results

    adapter = str(results.sweep().adapters["long-n250"])
    problem = "18/6/3*10/5"
    prompt = f"Compute the answer to this arithmetic expression: {problem}"
    cache = engine.ModelCache()
    tuned_text = [t for t, done in engine.stream(cache.get("tiny", adapter), prompt, max_new_tokens=160) if done][-1]
    base_text = [t for t, done in engine.stream(cache.get("tiny", ""), prompt, max_new_tokens=160) if done][-1]
    model, tok = load_model("tiny")
    alone = generate(model, tok, [prompt], max_new_tokens=160)[0].text
    merged, tok2 = load_model("tiny", adapter=adapter, merge=True)
    tuned_alone = generate(merged, tok2, [prompt], max_new_tokens=160)[0].text
    assert base_text == alone, "the base pane did not run the base model"
    assert tuned_text == tuned_alone and tuned_text != base_text
    assert "base weights only, no adapter" in weights_line("tiny", "")
    assert "LoRA adapter long-n250" in weights_line("tiny", adapter)


def test_no_timer_writes_the_state_a_button_writes():
    # a once-a-second poll still in flight when Start is pressed used to write the old run id back into the page's
    # State: the page then followed the previous run (or none) while the new run trained unseen (CI's browser
    # tests waited 120 s for "Training: step"). Polls may refresh what is shown, never what a click decided.
    import gradio as gr

    from app.main import build_app

    demo = build_app(eval_n=6)
    fns = list(demo.fns.values())
    polled = {id(o) for f in fns if f.api_name in ("poll_run", "poll_rl") for o in f.outputs if isinstance(o, gr.State)}
    clicked = {id(o) for f in fns if f.api_name not in ("poll_run", "poll_rl") for o in f.outputs}
    assert any(f.api_name == "poll_run" for f in fns) and any(f.api_name == "start_run" for f in fns)
    assert not polled & clicked, "a poll writes a State that a button also writes"


# ---------------------------------------------------------------------------------------------------------------------
# The app keeps secrets and runs straight (the issue after a probe in Chromium, gradio_client and raw HTTP): the
# registry's part. The page's part (the teacher key, the opt-out, RL's Start, contrast, waits) is in test_browser.py.

def finished_run(rm, owner, tiny_base, hours_ago: float, **kw) -> str:
    """A finished, evaluated run of `owner` that finished `hours_ago` hours ago (its status and entry aged)."""
    r = rm.submit(owner, cfg(tiny_base, **kw))
    wait(rm, owner, r, {"completed"})
    while rm.job(owner, r).alive():
        time.sleep(0.2)
    old = time.time() - hours_ago * 3600
    for f in (rm.job(owner, r).run.status, rm.job(owner, r).run.entry):
        os.utime(f, (old, old))
    return r


def test_a_reused_copy_survives_the_start_that_made_it_and_tombstones_tell_the_true_age(tiny_base, tmp_path):
    """The copy a Start makes of an old finished twin is as new as that Start (it kept the twin's file times, so the
    disk cap deleted it at once), and a tombstone says how long before its removal a run finished (it said
    499010 h: the time was read after the folder was gone, as 0)."""
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs", disk_cap_mb=1e9, keep_hours=3)
    a = finished_run(rm, "alice", tiny_base, hours_ago=5, seed=7)
    rm.disk_cap_mb = 0.001
    b = rm.submit("bob", cfg(tiny_base, seed=7))   # the same experiment: a copy at once, then the cap's cleanup
    st = rm.state("bob", b)                        # (RemovedRun here before)
    assert st.state == "completed" and st.reused_from == a
    assert rm.job("bob", b).run.weights() is not None
    with pytest.raises(RemovedRun, match=r"finished 5 h before"):  # the original was old: it went, and says when
        rm.state("alice", a)
    rm.shutdown()


def test_a_removed_run_is_still_the_one_followed_after_a_reload_or_a_restart(tiny_base, tmp_path):
    """After a reload (or a restarted app) the page follows the owner's latest run: a removed one stays that run,
    so the page says it was removed instead of "No run yet"."""
    root = tmp_path / "runs"
    rm = RunManager(max_concurrent=1, root=root, keep_hours=3)
    a = finished_run(rm, "alice", tiny_base, hours_ago=5)
    rm.disk_cap_mb = 0.001
    assert rm.cleanup() == [a]
    assert rm.latest("alice") == a and rm.latest("bob") is None
    rm.shutdown()
    again = RunManager(max_concurrent=1, root=root, keep_hours=3)
    assert again.latest("alice") == a
    with pytest.raises(RemovedRun, match="removed to free disk space: it finished 5 h before"):
        again.state("alice", a)
    again.shutdown()


def test_downloads_keep_one_zip_per_run_count_in_the_cap_and_go_away(tiny_base, tmp_path):
    """Every click on Download wrote another zip that nothing removed, outside the disk cap: now a run has one zip
    (a new click replaces it), the zips count in the cap, and a zip older than the download window is removed."""
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs", downloads=tmp_path / "downloads")
    a = rm.submit("alice", cfg(tiny_base))
    wait(rm, "alice", a, {"completed"})
    zips = [rm.download("alice", a) for _ in range(3)]
    on_disk = list((tmp_path / "downloads").rglob("*.zip"))
    assert on_disk == [zips[-1]] and zips[-1].exists()
    assert rm.disk_used_mb() >= (zips[-1].stat().st_size + sum(
        f.stat().st_size for f in rm.job("alice", a).run.path.rglob("*") if f.is_file())) / 1e6
    old = time.time() - 2 * rm.download_keep_s
    os.utime(zips[-1].parent, (old, old))
    rm.cleanup()
    assert not list((tmp_path / "downloads").rglob("*.zip"))
    rm.shutdown()


def test_a_non_ascii_teacher_key_is_compared_not_raised():
    from app.context import AppContext, is_teacher

    ctx = AppContext(runs=None, models=None, shipped=None, teacher_key="clé-sécrète")
    assert is_teacher(ctx, "clé-sécrète") and is_teacher(ctx, " clé-sécrète ")
    assert not is_teacher(ctx, "clé") and not is_teacher(ctx, "naïve") and not is_teacher(ctx, "ascii")
    assert not is_teacher(AppContext(runs=None, models=None, shipped=None), "clé")  # no key configured: nobody


def fake_finished_run(root: Path, run_id: str, cfg_: SFTConfig, metrics: dict, age_s: float = 60) -> None:
    """A finished fine-tune on disk as the app's registry keeps it (entry, status, metrics): what a restarted app
    reads, without spending minutes of CPU to make it."""
    import dataclasses

    d = root / run_id
    d.mkdir(parents=True)
    cfg_.run_dir = str(d)
    when = time.time() - age_s
    (d / "entry.json").write_text(json.dumps({"run_id": run_id, "owner": "alice", "module": engine.SFT,
                                              "submitted": when, "config": dataclasses.asdict(cfg_)}))
    (d / "status.json").write_text(json.dumps({"state": "completed", "time": when}))
    (d / "metrics.json").write_text(json.dumps({"status": "completed", "config": dataclasses.asdict(cfg_), **metrics}))


def test_estimates_come_from_this_machines_measured_speed_for_every_model(tmp_path):
    """A SmolLM2 N=16 run took 45 min on a busy machine (3-4 training tokens/s) while the page said "about 2 min"
    (the project's idle-machine figure: only the tiny model's estimate used what this app measured). Now each
    model's estimate uses this machine's newest measured speed with it, else its figure scaled by how this
    machine's newest measured model compares with its own figure."""
    slm = "SmolLM2-135M-Instruct"
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    planned = engine.sft_config(model=slm, n=16)
    idle = rm.estimate(planned)
    assert idle is not None and "no run has measured this machine yet" in idle.basis
    rm.shutdown()
    fake_finished_run(tmp_path / "runs", "120000-aaaaaa", SFTConfig(n=250, eval_n=200),
                      {"tokens_per_s": 94.0, "mean_example_tokens": 283, "setup_s": 4.0, "steps": 124,
                       "eval": {"accuracy": 0.5, "mean_tokens": 300, "generated_tokens_per_s": 100.0}})
    busy = RunManager(max_concurrent=1, root=tmp_path / "runs")  # the tiny model trained at 2% of its figure here
    scaled = busy.estimate(planned)
    assert "measured by its latest tiny run" in scaled.basis
    assert scaled.seconds > 30 * idle.seconds and scaled.seconds > 20 * 60
    busy.shutdown()
    fake_finished_run(tmp_path / "runs", "130000-bbbbbb", engine.sft_config(model=slm, n=16),
                      {"tokens_per_s": 3.5, "mean_example_tokens": 137, "setup_s": 40.0, "steps": 8,
                       "eval": {"accuracy": 0.5, "mean_tokens": 150, "generated_tokens_per_s": 50.0}}, age_s=30)
    own = RunManager(max_concurrent=1, root=tmp_path / "runs")
    est = own.estimate(planned)
    assert f"speed with {slm}, measured by its latest run here" in est.basis
    # 8 steps x 8 examples x 137 tokens at 3.5 tokens/s, its test's answers x 178 tokens at 50 tokens/s, 40 s of setup
    assert est.train_s == pytest.approx(8 * 8 * 137 / 3.5) and est.setup_s == 40.0
    assert est.eval_s == pytest.approx(planned.eval_n * 137 * 1.3 / 50.0)
    assert 40 * 60 < est.seconds < 50 * 60
    own.shutdown()


def test_a_queued_run_says_how_long_it_has_waited_and_will_wait(tiny_base, tmp_path):
    """A second student's run waited at "position 1" with no estimate: now its wait says the time in line so far,
    about how long until it starts (the running run's own ETA) and how long it then takes."""
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", cfg(tiny_base, epochs=40, n=32, eval_n=0))
    b = rm.submit("bob", SFTConfig(n=16, eval_n=4, eval_max_new_tokens=32))  # the class model: it has an estimate
    wait(rm, "alice", a, {"running"})
    deadline = time.time() + 120
    while not rm.state("alice", a).progress and time.time() < deadline:
        time.sleep(0.5)
    w = rm.wait("bob", b)
    assert w.position == 1 and w.waited_s > 0
    assert w.start_in_s is not None and w.start_in_s > 0 and w.takes_s is not None and w.takes_s > 0
    assert rm.wait("alice", a) is None  # started: no wait
    from app.widgets import queued_text
    assert re.search(r"position \*\*1\*\*, waiting \d+ (s|min) so far\. It should start in about \*\*\d+ (s|min)\*\*, "
                     r"then take about \*\*\d+ (s|min)\*\*", queued_text(w)), queued_text(w)
    rm.stop("bob", b)
    rm.stop("alice", a)
    wait(rm, "alice", a, {"stopped"})
    rm.shutdown()


def test_one_run_of_a_kind_per_owner_and_the_share_choice_outlives_a_restart(tmp_path):
    """Two Starts a moment apart queued two runs (Through RL had no check): with `exclusive` the second is refused
    where the run is queued. The choice not to share is kept for the owner, across a restart, for their page."""
    from app.registry import Busy

    root = tmp_path / "runs"
    rm = RunManager(max_concurrent=0, root=root)  # no slot: runs stay in line, nothing trains
    rm.submit("alice", engine.grpo_config(steps=2), module=engine.GRPO, exclusive=True)
    with pytest.raises(Busy, match="still waiting or training"):
        rm.submit("alice", engine.grpo_config(steps=2), module=engine.GRPO, exclusive=True)
    rm.submit("alice", SFTConfig(n=8), exclusive=True)  # another kind: allowed
    rm.submit("bob", engine.grpo_config(steps=2), module=engine.GRPO, exclusive=True)  # another owner: allowed
    assert rm.sharing("alice") and rm.sharing("bob")
    rm.set_share("alice", False)
    rm.shutdown()
    again = RunManager(max_concurrent=0, root=root)
    assert not again.sharing("alice") and again.sharing("bob")
    assert all(not again.job("alice", r).share for r in again.runs_of("alice"))
    again.shutdown()
