"""The app's run manager: a queue with a concurrency limit, per-session ownership, a disk cap, crashes."""

import os
import time

import pytest

from app.registry import RunManager
from training.sft import SFTConfig


def cfg(tiny_base, **kw):
    return SFTConfig(**{"model": str(tiny_base), "world": "tiny", "n": 8, "epochs": 1, "batch_size": 4,
                        "precision": "fp32", "log_every": 1, **kw})


def wait(rm, s, r, states, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        st = rm.state(s, r)
        if st.state in states:
            return st
        time.sleep(0.3)
    raise AssertionError(f"{r} still {rm.state(s, r).state}")


def test_queue_limit_and_positions(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", cfg(tiny_base, epochs=40, n=32))
    b = rm.submit("bob", cfg(tiny_base))
    c = rm.submit("bob", cfg(tiny_base, seed=1))  # another experiment (an identical one joins b: test_classroom.py)
    assert rm.position("alice", a) is None            # running
    assert (rm.position("bob", b), rm.position("bob", c)) == (1, 2)
    assert rm.state("bob", b).state == "queued"
    rm.stop("alice", a)
    wait(rm, "alice", a, {"stopped"})
    assert wait(rm, "bob", b, {"completed"}).metrics["status"] == "completed"
    assert wait(rm, "bob", c, {"completed"})


def test_sessions_only_see_and_stop_their_own(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", cfg(tiny_base, epochs=40, n=32))
    assert rm.runs_of("alice") == [a] and rm.runs_of("bob") == []
    for call in (lambda: rm.stop("bob", a), lambda: rm.state("bob", a), lambda: rm.position("bob", a)):
        with pytest.raises(KeyError):
            call()
    rm.stop("alice", a)
    wait(rm, "alice", a, {"stopped"})


def test_stopping_a_queued_run_never_starts_it(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", cfg(tiny_base, epochs=40, n=32))
    b = rm.submit("alice", cfg(tiny_base))
    rm.stop("alice", b)
    assert rm.state("alice", b).state == "stopped"
    rm.stop("alice", a)
    wait(rm, "alice", a, {"stopped"})
    time.sleep(1)
    assert not (rm._jobs[b].run_dir / "status.json").exists()


def test_a_killed_run_is_reported_failed_and_the_manager_goes_on(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", cfg(tiny_base, epochs=40, n=32))
    wait(rm, "alice", a, {"running"})
    os.kill(rm._jobs[a].proc.pid, 9)  # like the OOM killer: no chance to clean up
    st = wait(rm, "alice", a, {"failed"})
    assert "exited" in st.error
    b = rm.submit("alice", cfg(tiny_base))
    assert wait(rm, "alice", b, {"completed"})


def test_a_crashing_run_says_why(tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    a = rm.submit("alice", SFTConfig(model=str(tmp_path / "missing-model"), world="tiny", n=8))
    st = wait(rm, "alice", a, {"failed"})
    assert "does not exist" in st.error


def test_disk_cap_removes_oldest_finished_runs(tmp_path):
    root = tmp_path / "runs"
    rm = RunManager(max_concurrent=1, disk_cap_mb=1.0, root=root)
    for i in range(4):
        d = root / f"old{i}"
        d.mkdir()
        (d / "blob").write_bytes(b"x" * 400_000)
        os.utime(d, (time.time() - 100 + i, time.time() - 100 + i))
    removed = rm.cleanup()
    assert removed == ["old0", "old1"]
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == ["old2", "old3"]


def test_the_registry_survives_a_restart(tiny_base, tmp_path):
    """A new RunManager on the same folder (the app restarted) lists the finished runs, puts the waiting
    ones back in line, and marks a run whose process is gone instead of showing it running forever."""
    root = tmp_path / "runs"
    rm = RunManager(max_concurrent=1, root=root)
    done = rm.submit("alice", cfg(tiny_base))
    wait(rm, "alice", done, {"completed"})
    busy = rm.submit("alice", cfg(tiny_base, epochs=40, n=32))
    waiting = rm.submit("bob", cfg(tiny_base, seed=3))
    wait(rm, "alice", busy, {"running"})
    rm._jobs[busy].proc.kill()                    # the app dies with its run: nothing saved, nothing said
    rm._jobs[busy].proc.wait()
    rm._queue.clear()                             # ... and this instance is gone
    again = RunManager(max_concurrent=1, root=root)
    assert again.runs_of("alice") == [done, busy] and again.runs_of("bob") == [waiting]
    assert again.state("alice", done).state == "completed"
    st = again.state("alice", busy)
    assert st.state == "failed" and "app stopped" in st.error
    assert wait(again, "bob", waiting, {"completed"})  # re-queued and run
    again.shutdown()


def test_an_identical_finished_run_is_reused_at_once(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    ev = dict(eval_n=2, eval_max_new_tokens=8)       # only evaluated runs are reused
    first = rm.submit("alice", cfg(tiny_base, **ev))
    wait(rm, "alice", first, {"completed"})
    twin = rm.submit("bob", cfg(tiny_base, **ev))        # the same experiment, another owner
    other = rm.submit("bob", cfg(tiny_base, seed=1, **ev))  # a different seed is a different experiment
    st = rm.state("bob", twin)
    assert st.state == "completed" and st.reused_from == first
    assert st.metrics["eval"] == rm.state("alice", first).metrics["eval"]
    assert rm.state("bob", other).reused_from is None
    assert rm.stop("bob", twin).startswith("This run has already finished")
    wait(rm, "bob", other, {"completed"})
    # the class sees each experiment once, and only what its owners share
    assert len(rm.class_results()) == 2
    rm.set_share("alice", False)
    assert len(rm.class_results()) == 1
    assert rm.coverage([8, 16]) == {8: 0, 16: 0}  # a test model on the tiny world is not the class recipe
    klass = rm.submit("carol", SFTConfig(n=8, eval_n=2, eval_max_new_tokens=8, log_every=1))  # the class recipe
    assert rm.coverage([8, 16]) == {8: 1, 16: 0}  # waiting or running counts: the rung is taken
    wait(rm, "carol", klass, {"completed"})
    assert [p["recipe"] for p in rm.class_results()].count("class") == 1


def test_a_download_holds_an_adapter_that_loads_with_peft(tiny_base, tmp_path):
    import zipfile

    from peft import PeftModel

    from training.core.models import load_model

    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    r = rm.submit("alice", cfg(tiny_base, eval_n=2, eval_max_new_tokens=8))
    with pytest.raises(ValueError, match="not finished"):
        rm.download("alice", r)
    wait(rm, "alice", r, {"completed"})
    z = rm.download("alice", r)
    names = zipfile.ZipFile(z).namelist()
    assert {"metrics.json", "config.yaml", "eval/records.jsonl", "adapter/adapter_config.json"} <= set(names)
    zipfile.ZipFile(z).extractall(tmp_path / "home")
    model, _ = load_model(tiny_base)
    assert isinstance(PeftModel.from_pretrained(model, tmp_path / "home" / "adapter"), PeftModel)
    with pytest.raises(KeyError):
        rm.download("bob", r)


def test_a_run_stops_itself_when_its_app_dies(tmp_path):
    from training.core.rundir import StopFlag

    flag = StopFlag(tmp_path / "STOP", install_signals=False, parent_pid=os.getppid())
    assert not flag
    orphan = StopFlag(tmp_path / "STOP", install_signals=False, parent_pid=os.getppid() + 10**6)
    assert orphan and "exited" in orphan.reason


def test_seeds_and_model_names_are_checked_before_anything_runs(tmp_path):
    from training.lab import engine

    assert engine.check_seed(0) == 0 and engine.check_seed(2**32 - 1) == 2**32 - 1
    for bad in (10**30, -1, 1.5, None):
        with pytest.raises(ValueError, match="seed must be a whole number"):
            engine.check_seed(bad)
    assert engine.check_model("tiny") == "tiny"
    (tmp_path / "secret").mkdir()
    for folder in ("/etc", str(tmp_path / "secret"), str(tmp_path / "missing")):
        with pytest.raises(ValueError, match="not one this app offers") as e:
            engine.check_model(folder)
        assert "exist" not in str(e.value)  # never says whether a server path exists
    with pytest.raises(ValueError, match="not one this app offers"):  # other users' runs, even when allowed
        engine.check_model(str(tmp_path / "runs" / "x"), allow_local=True, forbidden=tmp_path / "runs")
