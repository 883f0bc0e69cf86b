"""Training runs for a whole class at once: a queue with a concurrency limit, ownership by browser, a
registry on disk that outlives the app, reuse of identical runs, the class's shared results, a disk cap.
The app creates one RunManager and hands it to the tabs (no module-level state).

- submit() queues a run (the config dataclass validates it); a config identical to a finished run
  (model, data, N, style, method, LoRA shape, seed, lr, epochs, evaluation) reuses that run's results
  at once, labelled as reused;
- at most `max_concurrent` training subprocesses run at a time; the rest wait in order and can see
  their position;
- an owner (a browser, whatever its tabs and reloads; or one API client) sees and stops only its own
  runs;
- every run is written to disk (entry.json beside the run's own files): a restarted app lists the
  finished runs, re-queues the waiting ones and marks the ones whose process is gone; when the app
  exits it stops its training processes, and a process whose app died stops itself (StopFlag);
- finished runs beyond the disk cap are deleted oldest first (never a running or queued one).
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import shutil
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from training.core import paths
from training.lab import engine
from training.lab.engine import RunDir, State

# what makes two fine-tunes the same experiment (everything that changes the trained model or its score)
SAME_RUN_KEYS = ("model", "data", "world", "style", "n", "data_seed", "method", "lora_r", "lora_alpha", "epochs",
                 "batch_size", "lr", "seed", "precision", "eval_n", "eval_max_new_tokens")


@dataclass
class Job:
    run_id: str
    owner: str
    cfg: object                      # the run's config (training.sft.SFTConfig or training.grpo.GRPOConfig)
    run_dir: Path
    module: str = engine.SFT
    submitted: float = field(default_factory=time.time)
    proc: subprocess.Popen | None = None
    pid: int | None = None           # a process this app did not start (found running after a restart)
    started: float | None = None
    stopped_before_start: bool = False
    share: bool = True               # shown, anonymously, on the class's valley plot
    reused_from: str | None = None   # the finished run whose results this one reuses

    @property
    def run(self) -> RunDir:
        return RunDir(self.run_dir)

    @property
    def source_dir(self) -> Path:
        """Where the run's files are: its own folder, or the folder of the run it reuses."""
        return self.run_dir.parent / self.reused_from if self.reused_from else self.run_dir

    def alive(self) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        return self.pid is not None and _pid_runs(self.pid, self.run_dir)


def _pid_runs(pid: int, run_dir: Path) -> bool:
    """Is process `pid` still this run's training process (not a recycled pid)?"""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return str(run_dir) in cmd


def same_run_key(job: Job) -> tuple | None:
    """The identity of an SFT experiment, or None where results cannot be shared (an uploaded file)."""
    if job.module != engine.SFT or job.cfg.data not in ("world", "openr1"):
        return None
    return tuple(getattr(job.cfg, k) for k in SAME_RUN_KEYS)


class RunManager:
    def __init__(self, max_concurrent: int = 1, disk_cap_mb: float = 400.0, root: Path | None = None):
        self.max_concurrent = max_concurrent
        self.disk_cap_mb = disk_cap_mb
        self.root = Path(root) if root else paths.runs_dir() / "app"
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._queue: list[str] = []
        self._load()
        atexit.register(self.shutdown)

    # -- the registry on disk ---------------------------------------------------------------
    def _save(self, job: Job) -> None:
        entry = {"run_id": job.run_id, "owner": job.owner, "module": job.module, "submitted": job.submitted,
                 "share": job.share, "reused_from": job.reused_from, "config": dataclasses.asdict(job.cfg)}
        tmp = job.run.entry.with_suffix(".tmp")
        tmp.write_text(json.dumps(entry, indent=1))
        tmp.replace(job.run.entry)

    def _load(self) -> None:
        """Rebuild the registry from disk: finished runs as they are, waiting runs back in the queue,
        runs whose process is gone marked (they cannot resume), live ones followed by their pid."""
        entries = []
        for d in self.root.iterdir():
            try:
                entries.append((d, json.loads(RunDir(d).entry.read_text())))
            except (OSError, ValueError):
                continue
        for d, e in sorted(entries, key=lambda x: x[1]["submitted"]):
            try:
                cfg = engine.config_from(e["module"], e["config"])
            except (ValueError, KeyError, TypeError):
                continue  # written by an incompatible version: leave it on disk, do not list it
            job = Job(e["run_id"], e["owner"], cfg, d, e["module"], e["submitted"], share=e.get("share", True),
                      reused_from=e.get("reused_from"))
            self._jobs[job.run_id] = job
            if job.reused_from:
                continue
            run = job.run
            if run.stop_requested() and not run.status.exists():
                job.stopped_before_start = True
                continue
            st = run.poll()
            if st.state == State.QUEUED and not run.launched():
                self._queue.append(job.run_id)
            elif not st.done:
                pid = run.read_pid() or st.info.get("pid")
                if pid and _pid_runs(pid, d):
                    job.pid, job.started = pid, job.submitted
                else:
                    engine.mark_abandoned(d, "the app stopped while this run was in progress; start it again")
        self.pump()

    def shutdown(self) -> None:
        """Stop every training process this app runs (each saves what it trained, marked partial)."""
        with self._lock:
            live = [j for j in self._jobs.values() if j.alive()]
            for j in live:
                engine.stop(j.run_dir, j.proc)
        deadline = time.time() + 20
        for j in live:
            while j.alive() and time.time() < deadline:
                time.sleep(0.2)
            if j.proc is not None and j.proc.poll() is None:
                j.proc.kill()

    # -- submitting and starting ------------------------------------------------------------
    def submit(self, owner: str, cfg, module: str = engine.SFT, share: bool = True) -> str:
        run_id = time.strftime("%H%M%S-") + uuid.uuid4().hex[:6]
        run_dir = self.root / run_id
        run_dir.mkdir(parents=True)
        cfg.run_dir = str(run_dir)
        job = Job(run_id, owner, cfg, run_dir, module, share=share)
        with self._lock:
            source = self._finished_twin(job)
            if source is not None:
                job.reused_from = source.run_id
            self._jobs[run_id] = job
            self._save(job)
            if source is None:
                self._queue.append(run_id)
        self.pump()
        self.cleanup()
        return run_id

    def _finished_twin(self, job: Job) -> Job | None:
        key = same_run_key(job)
        if key is None:
            return None
        for other in self._jobs.values():
            if other.reused_from is None and same_run_key(other) == key:
                st = engine.poll(other.run_dir, other.proc)
                if st.state == State.COMPLETED and st.evaluation:
                    return other
        return None

    def pump(self) -> None:
        """Start queued runs while there is a free slot."""
        with self._lock:
            while self._queue and self._n_active() < self.max_concurrent:
                job = self._jobs[self._queue.pop(0)]
                # a lower CPU priority than the app: pages stay responsive while a run uses every core
                job.proc = engine.start_run(job.cfg, job.run_dir, module=job.module,
                                            env={"VALLEY_PARENT_PID": str(os.getpid())}, nice=5).proc
                job.started = time.time()

    def _n_active(self) -> int:
        return sum(1 for j in self._jobs.values() if j.alive())

    # -- what an owner may see and do -------------------------------------------------------
    def _own(self, owner: str, run_id: str) -> Job:
        job = self._jobs.get(run_id)
        if job is None or job.owner != owner:
            raise KeyError(f"no run {run_id!r} of yours")
        return job

    def runs_of(self, owner: str, module: str = engine.SFT) -> list[str]:
        with self._lock:
            return [r for r, j in self._jobs.items() if j.owner == owner and j.module == module]

    def position(self, owner: str, run_id: str) -> int | None:
        """1-based place in the waiting line, None once started."""
        with self._lock:
            self._own(owner, run_id)
            return self._queue.index(run_id) + 1 if run_id in self._queue else None

    def state(self, owner: str, run_id: str) -> engine.RunState:
        self.pump()
        with self._lock:
            job = self._own(owner, run_id)
            if job.stopped_before_start:
                return engine.RunState(job.run_dir, State.STOPPED, [], {}, None, "stopped while waiting")
            if job.proc is None and job.pid is None and not job.reused_from and run_id in self._queue:
                return engine.RunState(job.run_dir, State.QUEUED, [], {}, None)
        st = engine.poll(job.source_dir, job.proc, pid=job.pid)
        if job.reused_from:
            st.reused_from = job.reused_from
        return st

    def stop(self, owner: str, run_id: str) -> str:
        """Ask a run to stop; returns what happened, in words."""
        with self._lock:
            job = self._own(owner, run_id)
            if run_id in self._queue:
                self._queue.remove(run_id)
                job.stopped_before_start = True
                job.run.stop_file.write_text("stopped while waiting\n")
                return "Stopped before it started."
            if job.reused_from or not job.alive():
                return "This run has already finished: there is nothing to stop."
        engine.stop(job.run_dir, job.proc)
        return "Stopping: saving what was trained so far..."

    def config(self, owner: str, run_id: str):
        with self._lock:
            return self._own(owner, run_id).cfg

    def run_dir(self, owner: str, run_id: str) -> Path:
        """The folder with the run's files (for a reused run, the original's)."""
        with self._lock:
            return self._own(owner, run_id).source_dir

    def set_share(self, owner: str, share: bool) -> None:
        with self._lock:
            for job in self._jobs.values():
                if job.owner == owner and job.share != share:
                    job.share = share
                    self._save(job)

    # -- the class ----------------------------------------------------------------------------
    def class_results(self) -> list[dict]:
        """Every finished, evaluated fine-tune of this app whose owner shares it (reuses count once)."""
        out = []
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.module == engine.SFT and j.share and not j.reused_from]
        for j in jobs:
            st = engine.poll(j.run_dir, j.proc, pid=j.pid)
            ev = st.evaluation
            if st.state == State.COMPLETED and ev:
                out.append({"n": j.cfg.n, "style": j.cfg.style, "model": j.cfg.model, "accuracy": ev["accuracy"],
                            "mean_tokens": ev["mean_tokens"]})
        return out

    def coverage(self, ladder: list[int], style: str = "long", model: str = "tiny") -> dict[int, int]:
        """How many of the class's runs (finished, running or waiting) sit at each rung of `ladder`."""
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.module == engine.SFT and not j.reused_from
                    and not j.stopped_before_start and j.cfg.style == style and j.cfg.model == model]
        counts = {n: 0 for n in ladder}
        for j in jobs:
            if j.cfg.n in counts and engine.poll(j.run_dir, j.proc, pid=j.pid).state not in (State.FAILED, State.STOPPED):
                counts[j.cfg.n] += 1
        return counts

    # -- take it home -------------------------------------------------------------------------
    def download(self, owner: str, run_id: str) -> Path:
        """A zip of the run: the adapter (loads with peft) or the full model, records, metrics, config."""
        job = self._own(owner, run_id)
        src = RunDir(job.source_dir)
        if not src.metrics.exists():
            raise ValueError("this run has not finished yet: there is nothing to download")
        return src.zip(job.run_dir / f"valley-run-{run_id}.zip")

    # -- disk ----------------------------------------------------------------------------------
    def cleanup(self) -> list[str]:
        """Delete the oldest finished runs while the runs folder is over the cap."""
        removed = []
        with self._lock:
            busy = {r for r, j in self._jobs.items() if r in self._queue or j.alive()}
            busy |= {j.reused_from for j in self._jobs.values() if j.reused_from}  # still referenced
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
                self._jobs.pop(d.name, None)
        return removed


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
