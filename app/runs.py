"""Training runs for many users at once: a queue with a concurrency limit, per-session ownership,
and a disk cap. The app creates one RunManager and hands it to the tabs (no module-level state).

- submit() validates nothing itself (the config dataclass does) and queues the run;
- at most `max_concurrent` training subprocesses run at a time; the rest wait in order and can see
  their position;
- a session sees and stops only its own runs;
- finished runs beyond the disk cap are deleted oldest first (never a running or queued one).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from training import engine
from training.core import paths


@dataclass
class Job:
    run_id: str
    session: str
    cfg: object                      # the run's config (training.sft.SFTConfig or training.grpo.GRPOConfig)
    run_dir: Path
    module: str = engine.SFT
    submitted: float = field(default_factory=time.time)
    proc: subprocess.Popen | None = None
    started: float | None = None
    stopped_before_start: bool = False


class RunManager:
    def __init__(self, max_concurrent: int = 1, disk_cap_mb: float = 400.0, root: Path | None = None):
        self.max_concurrent = max_concurrent
        self.disk_cap_mb = disk_cap_mb
        self.root = Path(root) if root else paths.runs_dir() / "app"
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._queue: list[str] = []

    # -- submitting and starting ------------------------------------------------------------
    def submit(self, session: str, cfg, module: str = engine.SFT) -> str:
        run_id = time.strftime("%H%M%S-") + uuid.uuid4().hex[:6]
        run_dir = self.root / run_id
        run_dir.mkdir(parents=True)
        cfg.run_dir = str(run_dir)
        with self._lock:
            self._jobs[run_id] = Job(run_id, session, cfg, run_dir, module)
            self._queue.append(run_id)
        self.pump()
        self.cleanup()
        return run_id

    def pump(self) -> None:
        """Start queued runs while there is a free slot."""
        with self._lock:
            while self._queue and self._n_active() < self.max_concurrent:
                job = self._jobs[self._queue.pop(0)]
                job.proc = engine.start_run(job.cfg, job.run_dir, module=job.module).proc
                job.started = time.time()

    def _n_active(self) -> int:
        return sum(1 for j in self._jobs.values() if j.proc is not None and j.proc.poll() is None)

    # -- what a session may see and do ------------------------------------------------------
    def _own(self, session: str, run_id: str) -> Job:
        job = self._jobs.get(run_id)
        if job is None or job.session != session:
            raise KeyError(f"no run {run_id!r} in this session")
        return job

    def runs_of(self, session: str, module: str = engine.SFT) -> list[str]:
        with self._lock:
            return [r for r, j in self._jobs.items() if j.session == session and j.module == module]

    def position(self, session: str, run_id: str) -> int | None:
        """1-based place in the waiting line, None once started."""
        with self._lock:
            self._own(session, run_id)
            return self._queue.index(run_id) + 1 if run_id in self._queue else None

    def state(self, session: str, run_id: str) -> engine.RunState:
        self.pump()
        with self._lock:
            job = self._own(session, run_id)
            if job.stopped_before_start:
                return engine.RunState(job.run_dir, "stopped", [], {}, None, "stopped while waiting")
            if job.proc is None:
                return engine.RunState(job.run_dir, "queued", [], {}, None)
        return engine.poll(job.run_dir, job.proc)

    def stop(self, session: str, run_id: str) -> None:
        with self._lock:
            job = self._own(session, run_id)
            if run_id in self._queue:
                self._queue.remove(run_id)
                job.stopped_before_start = True
                return
        engine.stop(job.run_dir, job.proc)

    def config(self, session: str, run_id: str):
        with self._lock:
            return self._own(session, run_id).cfg

    # -- disk ----------------------------------------------------------------------------------
    def cleanup(self) -> list[str]:
        """Delete the oldest finished runs while the runs folder is over the cap."""
        removed = []
        with self._lock:
            busy = {r for r, j in self._jobs.items() if r in self._queue or (j.proc is not None and j.proc.poll() is None)}
            dirs = sorted((d for d in self.root.iterdir() if d.is_dir() and d.name not in busy),
                          key=lambda d: d.stat().st_mtime)
            total = _size_mb(self.root)
            for d in dirs:
                if total <= self.disk_cap_mb:
                    break
                size = _size_mb(d)
                shutil.rmtree(d, ignore_errors=True)
                total -= size
                removed.append(d.name)
                job = self._jobs.pop(d.name, None)
                del job
        return removed


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
