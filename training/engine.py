"""The engine: the one narrow API between the app and models, training and evaluation.

The app never reaches into trainer internals. It calls:

    list_models()                              names offered in the model picker
    ModelCache().get(source, adapter)          a model (+ optional LoRA adapter), cached and shared
    stream(loaded, prompt, ...)                text as it is generated, token by token
    sft_config(...) / grpo_config(...)         a run's config from what the user chose (ValueError if unusable)
    schedule(cfg)                              the epochs, batch, learning rate and steps that config will use
    start_run(cfg, run_dir, module)            write config.yaml, launch `python -m <module>` as a subprocess
    poll(run_dir, proc) -> RunState            status, progress lines, metrics (from files: a reload costs nothing)
    stop(run_dir, proc)                        ask a run to stop cleanly (STOP file, then SIGTERM)
    command_for(cfg, module)                   the equivalent command line (the app shows it: it teaches)

Training always runs in a subprocess of the same command users run: a crash, an OOM or a kill never
takes the app down, and the run directory (training.core.runs) is the whole truth about a run.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from training.core import paths, runs
from training.core.config import build_config, cli_line, load_yaml
from training.core.encode import chat_prompt
from training.core.generate import eos_ids, pick_next
from training.core.models import PAPER_MODELS, check_source, load_model
from training.core.openr1 import available as openr1_available
from training.core.sources import read_chat_file
from training.grpo import GRPOConfig
from training.sft import SFTConfig, resolve_schedule

SFT, GRPO = "training.sft", "training.grpo"   # the commands the app launches
RunState = runs.RunState
GRPO_RECIPE = paths.RECIPES / "tiny" / "grpo" / "classroom.yaml"  # the app's RL runs, as the shipped sweep


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
        key = (source, adapter or "")
        with self._lock:
            if key in self._items:
                item = self._items.pop(key)
                self._items[key] = item  # most recently used last
                return item
        model, tok = load_model(source, adapter=adapter or None)
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

    tok, model = loaded.tokenizer, loaded.model
    ids = tok(chat_prompt(tok, prompt), add_special_tokens=False, return_tensors="pt")["input_ids"]
    stops = set(eos_ids(model, tok))
    gen = torch.Generator().manual_seed(seed)
    out: list[int] = []
    with loaded.lock, torch.no_grad():
        cache = DynamicCache(config=model.config)
        logits = model(input_ids=ids, past_key_values=cache, use_cache=True).logits[:, -1, :]
        for i in range(max_new_tokens):
            t = int(pick_next(logits, temperature, top_p, gen)[0])
            if t in stops:
                yield tok.decode(out, skip_special_tokens=True), True
                return
            out.append(t)
            if (i + 1) % chunk == 0:
                yield tok.decode(out, skip_special_tokens=True), False
            logits = model(input_ids=torch.tensor([[t]]), past_key_values=cache, use_cache=True).logits[:, -1, :]
    yield tok.decode(out, skip_special_tokens=True), True


# ----------------------------------------------------------------------------------------------
# Configs from what a user chose (every problem is a ValueError with a message a student can act on)
# ----------------------------------------------------------------------------------------------
def sft_config(model: str = "tiny", data: str = "world", upload: str | None = None, n: int = 250,
               style: str = "long", method: str = "lora", lora_r: int = 16, lora_alpha: int = 32,
               epochs: float = 0, lr: float = 6e-3, seed: int = 0, eval_n: int = 200,
               eval_max_new_tokens: int = 512) -> SFTConfig:
    """The SFT config of an app run: the model and the data are checked before anything starts."""
    model = (model or "").strip() or "tiny"
    check_source(model)  # ModelLoadError (a ValueError's sibling: RuntimeError) says why
    if n is None or not 1 <= int(n) <= 100_000:
        raise ValueError(f"N must be between 1 and 100,000 examples, got {n}")
    if lr is None or not 0 < float(lr) <= 0.1:
        raise ValueError(f"the learning rate must be above 0 and at most 0.1 (try 0.006 for LoRA on the tiny "
                         f"model), got {lr}")
    if epochs is None or not 0 <= float(epochs) <= 50:
        raise ValueError(f"epochs must be between 0 (the paper's schedule) and 50, got {epochs}")
    source = data
    if data == "upload":
        if not upload:
            raise ValueError("choose a JSONL file to upload, or pick the built-in world data")
        rows = read_chat_file(upload)  # DataError (a ValueError) names the line and what is wrong
        if int(n) > len(rows):
            raise ValueError(f"N={int(n)} but the file has only {len(rows)} examples")
        source = str(upload)
    elif data == "openr1":
        ok, why = openr1_available()
        if not ok:
            raise ValueError(why)
    return SFTConfig(model=model, data=source, style=style, n=int(n), method=method, lora_r=int(lora_r),
                     lora_alpha=int(lora_alpha), epochs=float(epochs), lr=float(lr), seed=int(seed or 0),
                     eval_n=eval_n, eval_max_new_tokens=eval_max_new_tokens, log_every=2)


def schedule(cfg: SFTConfig, is_tiny: bool = True) -> dict:
    """What a config will do: epochs, batch size, learning rate, and about how many optimizer steps."""
    s = resolve_schedule(cfg, is_tiny)
    return {**s, "steps": max(1, cfg.n // s["batch_size"]) * s["epochs"]}


def grpo_config(init_adapter: str = "", steps: int = 20, seed: int = 0) -> GRPOConfig:
    """GRPO as the shipped RL sweep runs it (its recipe), from a start, for `steps` steps."""
    return build_config(GRPOConfig, {**load_yaml(GRPO_RECIPE), "init_adapter": init_adapter or "",
                                     "steps": int(steps), "seed": int(seed or 0),
                                     "eval_every": max(1, int(steps) // 4)})


# ----------------------------------------------------------------------------------------------
# Runs (subprocesses of the CLI)
# ----------------------------------------------------------------------------------------------
@dataclass
class RunHandle:
    run_dir: Path
    proc: subprocess.Popen | None


def command_for(cfg, module: str = SFT) -> str:
    return cli_line(module, cfg)


def start_run(cfg, run_dir: Path | None = None, env: dict | None = None, module: str = SFT) -> RunHandle:
    """Write the run's config and launch `python -m <module> --config <run_dir>/config.yaml`
    (training.sft or training.grpo: both write the same run-directory files)."""
    run_dir = Path(run_dir) if run_dir else runs.new_run_dir("run")
    return RunHandle(run_dir, runs.launch(module, cfg, run_dir, env))


def poll(run_dir: Path, proc: subprocess.Popen | None = None) -> RunState:
    return runs.poll(run_dir, proc)


def stop(run_dir: Path, proc: subprocess.Popen | None = None) -> None:
    runs.stop(run_dir, proc)
