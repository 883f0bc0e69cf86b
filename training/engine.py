"""The engine: the one narrow API between the app and models, training and evaluation.

The app never reaches into trainer internals. It calls:

    list_models()                          names offered in the model picker
    load(source, adapter) -> Loaded        a model (+ optional LoRA adapter), cached and shared
    stream(loaded, prompt, ...)            text as it is generated, token by token
    start_run(cfg, run_dir) -> RunHandle   write config.yaml, launch `python -m training.sft` as a subprocess
    poll(run_dir) -> RunState              status, progress lines, metrics (from files: a reload costs nothing)
    stop(run_dir)                          ask a run to stop cleanly (STOP file, then SIGTERM)
    command_for(cfg)                       the equivalent command line (the app shows it: it teaches)

Training always runs in a subprocess of the same CLI users run (peers.md): a crash, an OOM or a
kill never takes the app down, and the run directory is the whole truth about a run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from training import paths
from training.models import PAPER_MODELS


def list_models() -> list[str]:
    return ["tiny"] + PAPER_MODELS


# ----------------------------------------------------------------------------------------------
# Models for generation (shared, cached, one generation at a time per model)
# ----------------------------------------------------------------------------------------------
@dataclass
class Loaded:
    source: str
    adapter: str
    model: object
    tokenizer: object
    lock: threading.Lock = field(default_factory=threading.Lock)


class ModelCache:
    """Loaded models keyed by (source, adapter), evicted least-recently-used beyond `capacity`.

    PEFT's adapter toggling and a model's KV cache are not thread-safe: each Loaded carries a lock
    that generation holds, so two users share a model by taking turns, never by interleaving.
    """

    def __init__(self, capacity: int = 6):
        self.capacity = capacity
        self._items: dict[tuple[str, str], Loaded] = {}
        self._lock = threading.Lock()

    def get(self, source: str, adapter: str = "") -> Loaded:
        from training.models import load_model

        key = (source, adapter or "")
        with self._lock:
            if key in self._items:
                item = self._items.pop(key)
                self._items[key] = item  # most recently used last
                return item
        model, tok = load_model(source)
        if adapter:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, adapter).eval()
        item = Loaded(source, adapter or "", model, tok)
        with self._lock:
            self._items[key] = item
            while len(self._items) > self.capacity:
                self._items.pop(next(iter(self._items)))
        return item


def stream(loaded: Loaded, prompt: str, temperature: float = 0.0, top_p: float = 0.95,
           max_new_tokens: int = 512, seed: int = 0, chunk: int = 4) -> Iterator[tuple[str, bool]]:
    """Yield (text so far, finished) every `chunk` tokens while generating one answer."""
    import torch
    from transformers import DynamicCache

    from training.data import chat_prompt
    from training.generate import _pick_next, eos_ids

    tok, model = loaded.tokenizer, loaded.model
    ids = tok(chat_prompt(tok, prompt), add_special_tokens=False, return_tensors="pt")["input_ids"]
    stops = set(eos_ids(model, tok))
    gen = torch.Generator().manual_seed(seed)
    out: list[int] = []
    with loaded.lock, torch.no_grad():
        cache = DynamicCache(config=model.config)
        logits = model(input_ids=ids, past_key_values=cache, use_cache=True).logits[:, -1, :]
        for i in range(max_new_tokens):
            t = int(_pick_next(logits, temperature, top_p, gen)[0])
            if t in stops:
                yield tok.decode(out, skip_special_tokens=True), True
                return
            out.append(t)
            if (i + 1) % chunk == 0:
                yield tok.decode(out, skip_special_tokens=True), False
            logits = model(input_ids=torch.tensor([[t]]), past_key_values=cache, use_cache=True).logits[:, -1, :]
    yield tok.decode(out, skip_special_tokens=True), True


# ----------------------------------------------------------------------------------------------
# Runs (subprocesses of the CLI)
# ----------------------------------------------------------------------------------------------
@dataclass
class RunHandle:
    run_dir: Path
    proc: subprocess.Popen | None


@dataclass
class RunState:
    run_dir: Path
    state: str                      # queued | starting | running | evaluating | completed | stopped | failed
    progress: list[dict]            # progress.jsonl lines
    info: dict                      # status.json
    metrics: dict | None            # metrics.json (when done)
    error: str = ""

    @property
    def done(self) -> bool:
        return self.state in ("completed", "stopped", "failed")

    @property
    def fraction(self) -> float:
        if self.state == "completed":
            return 1.0
        if not self.progress:
            return 0.0
        last = self.progress[-1]
        return last["step"] / max(1, last["total_steps"])

    @property
    def eta_s(self) -> float | None:
        return self.progress[-1].get("eta_s") if self.progress else None


def command_for(cfg, module: str = "training.sft") -> str:
    from training.config import cli_line

    return cli_line(module, cfg)


def start_run(cfg, run_dir: Path | None = None, env: dict | None = None, module: str = "training.sft") -> RunHandle:
    """Write the run's config and launch `python -m <module> --config <run_dir>/config.yaml`
    (training.sft or training.grpo: both write the same run-directory files)."""
    from training.config import to_yaml

    run_dir = Path(run_dir) if run_dir else paths.runs_dir() / f"run-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    run_dir.mkdir(parents=True, exist_ok=True)
    cfg.run_dir = str(run_dir)
    (run_dir / "config.yaml").write_text(to_yaml(cfg))
    log = open(run_dir / "log.txt", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "--config", str(run_dir / "config.yaml")],
        cwd=str(paths.REPO), stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        start_new_session=True,  # a Ctrl-C in the app's terminal does not kill the run
    )
    log.close()
    (run_dir / "pid").write_text(str(proc.pid))
    return RunHandle(run_dir, proc)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def poll(run_dir: Path, proc: subprocess.Popen | None = None) -> RunState:
    """The run's state from its directory (and, if we launched it, whether the process died)."""
    run_dir = Path(run_dir)
    info = _read_json(run_dir / "status.json") or {}
    progress = []
    p = run_dir / "progress.jsonl"
    if p.exists():
        for line in p.read_text().splitlines():
            try:
                progress.append(json.loads(line))
            except ValueError:
                pass  # a line being written right now
    metrics = _read_json(run_dir / "metrics.json")
    state = info.get("state", "starting" if (run_dir / "config.yaml").exists() else "queued")
    error = info.get("error", "")
    if proc is not None and proc.poll() is not None and state not in ("completed", "stopped", "failed"):
        if (run_dir / "STOP").exists():
            # stopped on request before its signal handler was installed (still loading): nothing to save
            return RunState(run_dir, "stopped", progress, info, metrics, "stopped before training began")
        # the process is gone without saying it finished: killed (OOM, kill -9) or crashed early
        state = "failed"
        tail = (run_dir / "log.txt").read_text()[-2000:] if (run_dir / "log.txt").exists() else ""
        error = error or f"the training process exited with code {proc.returncode} before finishing\n{tail}"
    return RunState(run_dir, state, progress, info, metrics, error)


def stop(run_dir: Path, proc: subprocess.Popen | None = None) -> None:
    """Ask the run to stop: it saves what it has (a partial adapter) and marks itself stopped."""
    run_dir = Path(run_dir)
    (run_dir / "STOP").write_text("stop requested\n")
    pid = proc.pid if proc is not None else None
    if pid is None and (run_dir / "pid").exists():
        pid = int((run_dir / "pid").read_text())
    if pid:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
