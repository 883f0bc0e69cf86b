"""The app's run manager: a queue with a concurrency limit, per-session ownership, a disk cap, crashes."""

import os
import time

import pytest

from app.runs import RunManager
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
    c = rm.submit("bob", cfg(tiny_base))
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
    assert sorted(p.name for p in root.iterdir()) == ["old2", "old3"]
