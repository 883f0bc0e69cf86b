"""A run on disk: the one owner of its file names, its states, and how it is written, read and stopped.

Every training command (training.sft, training.grpo, training.pretrain, and the transformers.Trainer path
inside sft) opens its run with `open_run`, and the app reads runs only through RunDir (by way of
training.lab.engine), so both sides agree on every name. A run directory is the whole truth about a run:
a page reload, an app restart or a second terminal costs nothing.

    with open_run(cfg.run_dir, cfg, "training.sft", prefix="sft") as run:   # config.yaml, cmd.txt, starting
        run.write_status(State.RUNNING, total_steps=124)                  # status.json
        run.append_progress(progress_record(...))                         # one line of progress.jsonl
        run.write_metrics(metrics)                                        # metrics.json, the summary
    # an exception inside the block marks the run failed, with its reason and error.txt, and is re-raised

    state = RunDir(path).poll(proc)      # a RunState, from the files (and whether the process died)
    RunDir(path).request_stop(proc)      # STOP file, then SIGTERM
    RunDir(path).weights()               # ("adapter", folder) or ("model", folder): what to load

The files (RunDir's attributes):
    config      config.yaml      the resolved config       command   cmd.txt         the command line
    status      status.json      what the run does now     progress  progress.jsonl  one line per logging step
    metrics     metrics.json     the summary               log       log.txt         what the process printed
    pid         pid              the process id            stop_file STOP            asks the run to stop
    partial     PARTIAL          stopped early             error     error.txt       the traceback of a failure
    entry       entry.json       the app's registry entry (owner, sharing) beside the run's own files
    resume_state state.pt        what a GRPO run continues from
    checkpoint   checkpoint/     what a stopped pretraining or SFT run continues from (training.core.checkpoint)
    eval         eval/           records.jsonl and summary.json (training.core.evalfolder)
    adapter/ or model/           the weights; a pretrained base keeps the model's own files (config.json,
                                 model.safetensors, the tokenizer) in the run's folder, a model folder itself
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import traceback
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Iterator

from training.core import paths
from training.core.config import cli_line, to_yaml
from training.core.evalfolder import EvalFolder


class State(StrEnum):
    """What a run is doing, in the order a run goes through the states (a str: it is written as is)."""

    QUEUED = "queued"            # waiting for a training slot (the app's queue)
    STARTING = "starting"        # loading the model, building the data
    RUNNING = "running"          # training
    EVALUATING = "evaluating"    # testing the trained model
    COMPLETED = "completed"
    STOPPED = "stopped"          # ended early on request: the weights so far are saved, marked partial
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (State.COMPLETED, State.STOPPED, State.FAILED)


def is_main_process() -> bool:
    """Rank 0 of a multi-process (accelerate/DeepSpeed) run, or the only process."""
    return int(os.environ.get("RANK", "0")) == 0


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


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


@dataclass
class RunState:
    run_dir: Path
    state: State
    progress: list[dict]            # progress.jsonl lines
    info: dict                      # status.json
    metrics: dict | None            # metrics.json (when done)
    error: str = ""
    reused_from: str | None = None  # the finished run whose results this one reuses (the app sets it)

    @property
    def done(self) -> bool:
        return self.state.finished

    @property
    def fraction(self) -> float:
        if self.state == State.COMPLETED:
            return 1.0
        steps = [p for p in self.progress if "total_steps" in p]
        if not steps:
            return 0.0
        return steps[-1]["step"] / max(1, steps[-1]["total_steps"])

    @property
    def eta_s(self) -> float | None:
        return self.progress[-1].get("eta_s") if self.progress else None

    @property
    def evaluation(self) -> dict:
        """The evaluation summary of a finished run ({} when it has none)."""
        return (self.metrics or {}).get("eval") or {}

    @property
    def weights(self) -> tuple[str, Path] | None:
        return RunDir(self.run_dir).weights()


class RunDir:
    """One run's folder: its file paths and everything that reads or writes them."""

    def __init__(self, path: str | Path):
        self.path = p = Path(path)
        self.config, self.command = p / "config.yaml", p / "cmd.txt"
        self.status, self.progress, self.metrics = p / "status.json", p / "progress.jsonl", p / "metrics.json"
        self.log, self.pid, self.stop_file = p / "log.txt", p / "pid", p / "STOP"
        self.partial, self.error, self.entry = p / "PARTIAL", p / "error.txt", p / "entry.json"
        self.adapter, self.model, self.eval = p / "adapter", p / "model", p / "eval"
        self.evaluation = EvalFolder(self.eval)     # its records.jsonl and summary.json
        self.records, self.summary = self.evaluation.records, self.evaluation.summary
        self.resume_state = p / "state.pt"   # GRPO: weights, optimizer, step and RNG to continue from
        self.checkpoint = p / "checkpoint"   # pretraining and SFT: the same (training.core.checkpoint)

    def __repr__(self) -> str:
        return f"RunDir({str(self.path)!r})"

    def __fspath__(self) -> str:
        return str(self.path)

    @property
    def name(self) -> str:
        return self.path.name

    @classmethod
    def new(cls, prefix: str = "sft") -> "RunDir":
        """A fresh folder under $VALLEY_HOME/runs: <prefix>-<time>-<pid>."""
        d = paths.runs_dir() / f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        d.mkdir(parents=True, exist_ok=True)
        return cls(d)

    # -- the weights -----------------------------------------------------------------------------
    def weights_dir(self, method: str) -> Path:
        """Where a run of this method saves its weights: adapter/ for LoRA, model/ for every weight, and the run's
        own folder for a pretrained base model (`pretrain`): that folder is a model folder itself, so that
        `--model <run>` and `--init <run>` load it, as they load the shipped assets/tiny-base and assets/tiny-nano
        (written the same way)."""
        return {"lora": self.adapter, "pretrain": self.path}.get(method, self.model)

    def weights(self) -> tuple[str, Path] | None:
        """("adapter", folder) for a LoRA adapter (load it on its base), ("model", folder) for a whole model (in
        model/, or the run's folder itself for a pretrained base), None before any weights were saved."""
        if (self.adapter / "adapter_config.json").exists():
            return "adapter", self.adapter
        for folder in (self.model, self.path):
            if (folder / "config.json").exists():
                return "model", folder
        return None

    # -- writing (the training side) -------------------------------------------------------------
    def write_config(self, cfg, module: str) -> None:
        """config.yaml (the resolved config) and cmd.txt (the command that reproduces it)."""
        if is_main_process():
            self.config.write_text(to_yaml(cfg))
            self.command.write_text(cli_line(module, cfg) + "\n")

    def write_status(self, state: State, **extra) -> None:
        """status.json: what the run is doing now (the app polls it), replaced atomically."""
        if not is_main_process():
            return
        tmp = self.path / (self.status.name + ".tmp")
        tmp.write_text(json.dumps({"state": str(state), "pid": os.getpid(), "time": time.time(), **extra}))
        tmp.replace(self.status)

    def append_progress(self, rec: dict) -> None:
        with open(self.progress, "a") as f:
            f.write(json.dumps(rec) + "\n")

    def write_metrics(self, metrics: dict) -> None:
        self.metrics.write_text(json.dumps(metrics, indent=2) + "\n")

    def mark_partial(self, why: str) -> None:
        if is_main_process():
            self.partial.write_text(why + "\n")

    def fail(self, exc: BaseException) -> None:
        """Record a failure: the traceback in error.txt, the reason in status.json."""
        if is_main_process():
            self.error.write_text("".join(traceback.format_exception(exc)))
        self.write_status(State.FAILED, error=f"{type(exc).__name__}: {exc}")

    def mark_abandoned(self, message: str) -> None:
        """A run whose process is gone without finishing (its app stopped): say so in its status."""
        self.write_status(State.FAILED, error=message)

    # -- reading -----------------------------------------------------------------------------------
    def read_status(self) -> dict:
        return read_json(self.status) or {}

    def read_metrics(self) -> dict | None:
        return read_json(self.metrics)

    def read_progress(self) -> list[dict]:
        out = []
        if self.progress.exists():
            for line in self.progress.read_text().splitlines():
                try:
                    out.append(json.loads(line))
                except ValueError:
                    pass  # a line being written right now
        return out

    def read_pid(self) -> int | None:
        try:
            return int(self.pid.read_text())
        except (OSError, ValueError):
            return None

    def log_tail(self, chars: int = 2000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop_requested(self) -> bool:
        return self.stop_file.exists()

    def launched(self) -> bool:
        """Did a process start for this run (the app writes pid when it launches one)?"""
        return self.pid.exists()

    def poll(self, proc: subprocess.Popen | None = None, pid: int | None = None) -> RunState:
        """The run's state from its files (and, if we launched it or know its pid, whether the process died)."""
        info = self.read_status()
        progress, metrics = self.read_progress(), self.read_metrics()
        state = State(info.get("state", State.STARTING if self.config.exists() else State.QUEUED))
        error = info.get("error", "")
        gone = (proc is not None and proc.poll() is not None) or (proc is None and pid is not None and not _alive(pid))
        if gone and not state.finished:
            if self.stop_requested():
                # stopped on request before its signal handler was installed (still loading): nothing to save
                return RunState(self.path, State.STOPPED, progress, info, metrics, "stopped before training began")
            # the process is gone without saying it finished: killed (OOM, kill -9) or crashed early
            state = State.FAILED
            code = f" with code {proc.returncode}" if proc is not None else ""
            error = error or f"the training process exited{code} before finishing\n{self.log_tail()}"
        return RunState(self.path, state, progress, info, metrics, error)

    # -- launching and stopping (the app's side, through training.lab.engine) ---------------------
    def launch(self, module: str, cfg, env: dict | None = None, nice: int = 0) -> subprocess.Popen:
        """Write the run's config and start `python -m <module> --config <run>/config.yaml`.

        nice: a lower CPU priority for the run (the app uses it so that its pages stay responsive while a
        run uses every core)."""
        self.path.mkdir(parents=True, exist_ok=True)
        cfg.run_dir = str(self.path)
        self.config.write_text(to_yaml(cfg))
        with open(self.log, "w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", module, "--config", str(self.config)],
                cwd=str(paths.REPO), stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
                start_new_session=True,  # a Ctrl-C in the app's terminal does not kill the run
                preexec_fn=(lambda: os.nice(nice)) if nice else None,
            )
        self.pid.write_text(str(proc.pid))
        return proc

    def request_stop(self, proc: subprocess.Popen | None = None, why: str = "stop requested") -> None:
        """Ask the run to stop: it saves what it has (the weights so far) and marks itself stopped."""
        self.stop_file.write_text(why + "\n")
        pid = proc.pid if proc is not None else self.read_pid()
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def zip(self, out: Path, name: str | None = None) -> Path:
        """The run as a zip: the weights (an adapter loads with peft), the evaluation, metrics, config, command,
        progress; the log too when the run failed (then there are no weights to take home)."""
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for sub in (self.adapter, self.model, self.eval):
                for f in sorted(sub.rglob("*")) if sub.exists() else []:
                    if f.is_file():
                        z.write(f, f"{sub.name}/{f.relative_to(sub)}")
            extra = (self.error, self.log) if self.weights() is None else ()
            for f in (self.metrics, self.config, self.command, self.progress, *extra):
                if f.exists():
                    z.write(f, f.name)
        return out


@contextmanager
def open_run(path: str | Path | None, cfg, module: str, prefix: str, folder_key: str = "run_dir") -> Iterator[RunDir]:
    """Open a training run: its folder (a new one under $VALLEY_HOME/runs when `path` is empty, written into the
    config's `folder_key` field), config.yaml, cmd.txt and status `starting`. Any exception inside the block, a crash
    or a Ctrl-C, marks the run failed with its reason (status.json) and traceback (error.txt), and goes on up."""
    run = RunDir(paths.expand(str(path))) if path else RunDir.new(prefix)
    run.path.mkdir(parents=True, exist_ok=True)
    if hasattr(cfg, folder_key):
        setattr(cfg, folder_key, str(run.path))
    run.write_config(cfg, module)
    run.write_status(State.STARTING)
    try:
        yield run
    except BaseException as e:
        run.fail(e)
        raise


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
    def for_run(cls, run: RunDir | Path) -> "StopFlag":
        run = run if isinstance(run, RunDir) else RunDir(run)
        parent = os.environ.get("VALLEY_PARENT_PID")  # set by the app for the runs it launches
        return cls(run.stop_file, parent_pid=int(parent) if parent else None)

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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
