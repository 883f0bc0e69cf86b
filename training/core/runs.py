"""The run directory: the one owner of its file names, its states, and how it is written, read and stopped.

Every training command (training.sft, training.grpo, training.pretrain, the transformers.Trainer path)
writes its run through these functions, and the app reads runs through them (by way of
training.engine), so both sides agree on every name. A run directory is the whole truth about a run:
a page reload, an app restart or a second terminal costs nothing.

    run_dir = new_run_dir("sft")                      # $VALLEY_HOME/runs/sft-<time>-<pid>
    write_config(run_dir, cfg, "training.sft")        # config.yaml + cmd.txt
    write_status(run_dir, RUNNING, total_steps=124)   # status.json (only the main process writes)
    append_progress(run_dir, progress_record(...))    # one line of progress.jsonl
    write_metrics(run_dir, metrics)                   # metrics.json, the run's summary
    state = poll(run_dir, proc)                       # RunState, from the files
    stop(run_dir)                                     # STOP file, then SIGTERM

The files:
    config.yaml      the resolved config            cmd.txt        the equivalent command line
    status.json      what the run is doing now      progress.jsonl one line per logging step
    metrics.json     the summary (and evaluation)   log.txt        what the process printed (app runs)
    pid              the process id (app runs)      STOP           written to ask the run to stop
    PARTIAL          the run was stopped early      error.txt      the traceback of a failed run
    adapter/ or model/   the weights               eval/          records.jsonl and summary.json
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from training.core import paths
from training.core.config import cli_line, to_yaml

# file names
CONFIG, COMMAND, STATUS, PROGRESS, METRICS = "config.yaml", "cmd.txt", "status.json", "progress.jsonl", "metrics.json"
LOG, PID, STOP_FILE, PARTIAL, ERROR = "log.txt", "pid", "STOP", "PARTIAL", "error.txt"
ADAPTER, MODEL, EVAL = "adapter", "model", "eval"

# states, in the order a run goes through them
QUEUED, STARTING, RUNNING, EVALUATING = "queued", "starting", "running", "evaluating"
COMPLETED, STOPPED, FAILED = "completed", "stopped", "failed"
FINISHED = (COMPLETED, STOPPED, FAILED)


# ----------------------------------------------------------------------------------------------
# Writing (the training side)
# ----------------------------------------------------------------------------------------------
def new_run_dir(prefix: str = "sft") -> Path:
    d = paths.runs_dir() / f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def is_main_process() -> bool:
    """Rank 0 of a multi-process (accelerate/DeepSpeed) run, or the only process."""
    return int(os.environ.get("RANK", "0")) == 0


def write_config(run_dir: Path, cfg, module: str) -> None:
    """config.yaml (the resolved config) and cmd.txt (the command that reproduces it)."""
    if is_main_process():
        (run_dir / CONFIG).write_text(to_yaml(cfg))
        (run_dir / COMMAND).write_text(cli_line(module, cfg) + "\n")


def write_status(run_dir: Path, state: str, **extra) -> None:
    """status.json: what the run is doing now (the app polls it), replaced atomically."""
    if not is_main_process():
        return
    tmp = run_dir / (STATUS + ".tmp")
    tmp.write_text(json.dumps({"state": state, "pid": os.getpid(), "time": time.time(), **extra}))
    tmp.replace(run_dir / STATUS)


def append_progress(path: Path, rec: dict) -> None:
    """One line of progress.jsonl. `path` is the run directory or the progress file itself."""
    path = Path(path)
    if path.is_dir():
        path = path / PROGRESS
    with open(path, "a") as f:
        f.write(json.dumps(rec) + "\n")


def progress_record(step: int, total_steps: int, loss: float, lr: float, window_tokens: int,
                    window_seconds: float, elapsed_s: float, epoch: float | None = None,
                    start_step: int = 0) -> dict:
    """The progress line every trainer writes: the loss curve, the speed and the ETA the app shows.

    elapsed_s counts from start_step (a resumed run's first step this time)."""
    return {
        "step": step,
        "total_steps": total_steps,
        "epoch": None if epoch is None else round(epoch, 3),
        "loss": round(loss, 5),
        "lr": lr,
        "tokens_per_s": round(window_tokens / max(window_seconds, 1e-9), 1),
        "elapsed_s": round(elapsed_s, 2),
        "eta_s": round(elapsed_s / max(step - start_step, 1) * (total_steps - step), 1),
        "time": time.time(),
    }


def write_metrics(run_dir: Path, metrics: dict) -> None:
    (run_dir / METRICS).write_text(json.dumps(metrics, indent=2) + "\n")


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


def read_metrics(run_dir: Path) -> dict | None:
    return read_json(Path(run_dir) / METRICS)


def read_progress(run_dir: Path) -> list[dict]:
    out = []
    p = Path(run_dir) / PROGRESS
    if p.exists():
        for line in p.read_text().splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                pass  # a line being written right now
    return out


class StopFlag:
    """Set by SIGTERM/SIGINT (when installed in the main thread), by the run's STOP file on disk, or,
    for a run the app launched, by the app's exit (even a kill -9: the run's parent process changes).

    Trainers check it between steps (`if stop: ...`) and end cleanly: the weights so far are saved."""

    def __init__(self, stop_file: Path | None = None, install_signals: bool = True, parent_pid: int | None = None):
        self.stop_file = Path(stop_file) if stop_file else None
        self.parent_pid = parent_pid
        self.reason = ""
        self._previous = {}
        if install_signals:
            try:
                for sig in (signal.SIGTERM, signal.SIGINT):
                    self._previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not in the main thread (e.g. a test runner thread): file only
                self._previous = {}

    @classmethod
    def for_run(cls, run_dir: Path) -> "StopFlag":
        parent = os.environ.get("VALLEY_PARENT_PID")  # set by the app for the runs it launches
        return cls(Path(run_dir) / STOP_FILE, parent_pid=int(parent) if parent else None)

    def _handle(self, signum, frame):
        self.reason = signal.Signals(signum).name

    def __bool__(self) -> bool:
        if not self.reason and self.stop_file is not None and self.stop_file.exists():
            self.reason = "stop file"
        if not self.reason and self.parent_pid is not None and os.getppid() != self.parent_pid:
            self.reason = "the app that started this run exited"
        return bool(self.reason)

    def restore(self):
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous = {}


# ----------------------------------------------------------------------------------------------
# Launching, reading and stopping (the app's side, through training.engine)
# ----------------------------------------------------------------------------------------------
def launch(module: str, cfg, run_dir: Path, env: dict | None = None, nice: int = 0) -> subprocess.Popen:
    """Write the run's config and start `python -m <module> --config <run_dir>/config.yaml`.

    nice: a lower CPU priority for the run (the app uses it so that its pages stay responsive while a
    run uses every core)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    cfg.run_dir = str(run_dir)
    (run_dir / CONFIG).write_text(to_yaml(cfg))
    with open(run_dir / LOG, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", module, "--config", str(run_dir / CONFIG)],
            cwd=str(paths.REPO), stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            start_new_session=True,  # a Ctrl-C in the app's terminal does not kill the run
            preexec_fn=(lambda: os.nice(nice)) if nice else None,
        )
    (run_dir / PID).write_text(str(proc.pid))
    return proc


@dataclass
class RunState:
    run_dir: Path
    state: str                      # queued | starting | running | evaluating | completed | stopped | failed
    progress: list[dict]            # progress.jsonl lines
    info: dict                      # status.json
    metrics: dict | None            # metrics.json (when done)
    error: str = ""
    reused_from: str | None = None  # the finished run whose results this one reuses (the app sets it)

    @property
    def done(self) -> bool:
        return self.state in FINISHED

    @property
    def fraction(self) -> float:
        if self.state == COMPLETED:
            return 1.0
        steps = [p for p in self.progress if "total_steps" in p]
        if not steps:
            return 0.0
        return steps[-1]["step"] / max(1, steps[-1]["total_steps"])

    @property
    def eta_s(self) -> float | None:
        return self.progress[-1].get("eta_s") if self.progress else None


def poll(run_dir: Path, proc: subprocess.Popen | None = None, pid: int | None = None) -> RunState:
    """The run's state from its directory (and, if we launched it or know its pid, whether the
    process died)."""
    run_dir = Path(run_dir)
    info = read_json(run_dir / STATUS) or {}
    progress = read_progress(run_dir)
    metrics = read_metrics(run_dir)
    state = info.get("state", STARTING if (run_dir / CONFIG).exists() else QUEUED)
    error = info.get("error", "")
    gone = (proc is not None and proc.poll() is not None) or (proc is None and pid is not None and not _alive(pid))
    if gone and state not in FINISHED:
        if (run_dir / STOP_FILE).exists():
            # stopped on request before its signal handler was installed (still loading): nothing to save
            return RunState(run_dir, STOPPED, progress, info, metrics, "stopped before training began")
        # the process is gone without saying it finished: killed (OOM, kill -9) or crashed early
        state = FAILED
        tail = (run_dir / LOG).read_text()[-2000:] if (run_dir / LOG).exists() else ""
        code = f" with code {proc.returncode}" if proc is not None else ""
        error = error or f"the training process exited{code} before finishing\n{tail}"
    return RunState(run_dir, state, progress, info, metrics, error)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_abandoned(run_dir: Path, message: str) -> None:
    """A run whose process is gone without finishing (its app stopped): say so in its status."""
    write_status(Path(run_dir), FAILED, error=message)


def stop(run_dir: Path, proc: subprocess.Popen | None = None) -> None:
    """Ask the run to stop: it saves what it has (the weights so far) and marks itself stopped."""
    run_dir = Path(run_dir)
    (run_dir / STOP_FILE).write_text("stop requested\n")
    pid = proc.pid if proc is not None else None
    if pid is None and (run_dir / PID).exists():
        pid = int((run_dir / PID).read_text())
    if pid:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
