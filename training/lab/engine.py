"""The engine: the one narrow API between the app and training (models, runs, shipped results, figures, lessons).

The app imports nothing else from training but training.task (what reads a trace) and training.core.paths (where
files live). It uses exactly these names (tests/test_app.py holds this list against app/):

    models     list_models REAL_SLMS describe model_family model_note ModelCache stream prompt_note evaluation_origin
    configs    sft_config grpo_config SFTConfig schedule world_for eval_n_for default_n check_number check_seed MAX_SEED
    runs       SFT GRPO start_run poll stop mark_abandoned config_from command_for RunDir RunState State
    times      Speed measured_speed Estimate estimate remaining_seconds eval_left
    results    sweep sweeps sizes rl paper_reference Sweep RLSweep DEFAULT_SWEEP STEP_DESIGNS
               PAIRED_SWEEPS POWERED_RL WAYS_SWEEPS
    facts      valley_verdict valley_verdict_short rl_verdict rl_verdict_short path_summary rl_powered_rows
               rl_start_verdicts rl_underpowered
    figures    valley_figure sweeps_figure arms_figure paired_figure rl_figure rl_paired_figure survival_figure
               first_error_figure length_figure outcomes_figure survival_playground
    lessons    Lesson list_lessons list_documents parse_lesson student_view teacher_only

How the main ones fit:

    ModelCache().get(source, adapter)          a model (+ optional LoRA adapter), cached and shared
    stream(loaded, prompt, ...)                text as it is generated, token by token
    sft_config(...) / grpo_config(...)         a run's config from what the user chose (ValueError if unusable)
    schedule(cfg)                              the epochs, batch, learning rate and steps that config will use
    start_run(cfg, run_dir, module)            write config.yaml, launch `python -m <module>` as a subprocess
    poll(run_dir, proc) -> RunState            status, progress lines, metrics (from files: a reload costs nothing)
    stop(run_dir, proc)                        ask a run to stop cleanly (STOP file, then SIGTERM)
    command_for(cfg, module)                   the equivalent command line (the app shows it: it teaches)
    estimate(cfg, speeds)                      how long a fine-tune takes here, from the speed runs measured here
    RunDir, State                              a run's files and its states (training.core.rundir)

The results, facts, figures and lessons names are those of training.lab.results, .facts, .figures and .kit,
handed on unchanged (their docstrings say more).

Training always runs in a subprocess of the same command users run: a crash, an OOM or a kill never
takes the app down, and the run directory (training.core.rundir) is the whole truth about a run.
"""

from __future__ import annotations

import math
import re
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import torch
from transformers import DynamicCache

from training.core import paths, real_slms
from training.core.config import build_config, cli_line, load_yaml
from training.core.encode import chat_prompt
from training.core.generate import eos_ids, pick_next
from training.core.models import PAPER_MODELS, REAL_SLMS, TINY_ALIASES, TINY_LR, check_source, describe, load_model
from training.core.openr1 import available as openr1_available
from training.core.rundir import RunDir, RunState, State
from training.core.sources import count_chat_file
from training.grpo import GRPOConfig
from training.lab.facts import (
    path_summary,
    rl_powered_rows,
    rl_start_verdicts,
    rl_underpowered,
    rl_verdict,
    rl_verdict_short,
    valley_verdict,
    valley_verdict_short,
)
from training.lab.figures import (
    arms_figure,
    first_error_figure,
    length_figure,
    outcomes_figure,
    paired_figure,
    rl_figure,
    rl_paired_figure,
    survival_figure,
    survival_playground,
    sweeps_figure,
    valley_figure,
)
from training.lab.kit import Lesson, list_documents, list_lessons, parse_lesson, student_view, teacher_only
from training.lab.results import (
    DEFAULT_SWEEP,
    PAIRED_SWEEPS,
    POWERED_RL,
    STEP_DESIGNS,
    WAYS_SWEEPS,
    RLSweep,
    Sweep,
    paper_reference,
    rl,
    sizes,
    sweep,
    sweeps,
)
from training.sft import SFTConfig, resolve_schedule

SFT, GRPO = "training.sft", "training.grpo"   # the commands the app launches
# what the app may use: the docstring's table, group by group (tests/test_app.py checks the three agree)
__all__ = ["list_models", "REAL_SLMS", "describe", "model_family", "model_note", "ModelCache", "stream", "prompt_note",
           "evaluation_origin",
           "sft_config", "grpo_config", "SFTConfig", "schedule", "world_for", "eval_n_for", "default_n", "check_number",
           "check_seed", "MAX_SEED",
           "SFT", "GRPO", "start_run", "poll", "stop", "mark_abandoned", "config_from", "command_for", "RunDir",
           "RunState", "State",
           "Speed", "measured_speed", "Estimate", "estimate", "remaining_seconds", "eval_left",
           "sweep", "sweeps", "sizes", "rl", "paper_reference", "Sweep", "RLSweep", "DEFAULT_SWEEP",
           "STEP_DESIGNS", "PAIRED_SWEEPS", "POWERED_RL", "WAYS_SWEEPS",
           "valley_verdict", "valley_verdict_short", "rl_verdict", "rl_verdict_short", "path_summary",
           "rl_powered_rows", "rl_start_verdicts", "rl_underpowered",
           "valley_figure", "sweeps_figure", "arms_figure", "paired_figure", "rl_figure", "rl_paired_figure",
           "survival_figure",
           "first_error_figure", "length_figure", "outcomes_figure", "survival_playground",
           "Lesson", "list_lessons", "list_documents", "parse_lesson", "student_view", "teacher_only"]
GRPO_RECIPE = paths.RECIPES / "tiny" / "grpo" / "classroom.yaml"  # the app's RL runs, as the shipped sweep


def list_models() -> list[str]:
    return ["tiny"] + REAL_SLMS + PAPER_MODELS


def model_family(model: str) -> str:
    """A real small model's family, size and kind ("the Gemma 3 (Google) family, 268M parameters, a base model (not
    instruction-tuned)"): sizes compare across families only as such; "" for any other model."""
    slm = real_slms.find(model)
    return f"the {slm.family} family, {slm.about}" if slm else ""


def model_note(model: str) -> str:
    """A real small model in one line: its family, size and kind, the weights it runs (once fetched), where they
    came from, and its licence with the licence's address; "" for any other model."""
    slm = real_slms.find(model)
    if slm is None:
        return ""
    info = describe(slm.name)
    if "source" in info:
        weights = f"{info['weights']}, from {info['source']}"
    else:
        weights = (f"not on this machine yet: its first use fetches {slm.download_mb} MB ({slm.weights}, or the "
                   f"original weights where the Hugging Face Hub answers)")
    return (f"{slm.name}: {model_family(model)}. Weights: {weights}. "
            f"Licence: {slm.license} ({slm.license_url}).")


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

    Loads happen one at a time: transformers builds a model on the "meta" device first, and two
    loads at once in one process can see each other's half-built weights ("Cannot copy out of meta
    tensor": seen with 4 sessions pressing Generate on a fresh app). A caller that finds the model
    being loaded waits for that load instead of starting its own.

    PEFT's adapter toggling and a model's KV cache are not thread-safe: each Loaded carries a lock
    that generation holds, so two users share a model by taking turns, never by interleaving.
    """

    def __init__(self, capacity: int = 6):
        self.capacity = capacity
        self._items: dict[tuple[str, str], Loaded] = {}
        self._lock = threading.Lock()       # guards _items
        self._loading = threading.Lock()    # one load at a time

    def _cached(self, key) -> Loaded | None:
        with self._lock:
            item = self._items.pop(key, None)
            if item is not None:
                self._items[key] = item  # most recently used last
            return item

    def get(self, source: str, adapter: str = "") -> Loaded:
        key = (source, adapter or "")
        item = self._cached(key)
        if item is not None:
            return item
        with self._loading:
            item = self._cached(key)  # loaded by the caller we waited for
            if item is not None:
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


# which prompt a text answered, in words (training.task.world.PROMPTS)
PROMPT_NOTES = {"world": "asked with the world's prompt (as in training)",
                "boxed": "asked with the world's prompt and the format line 'Put your final answer within \\boxed{}.'"}


def prompt_note(prompt: str) -> str:
    return PROMPT_NOTES.get(prompt, f"asked with the prompt {prompt!r}")


def evaluation_origin(records: str | Path) -> str:
    """Which weights (model and adapter) and which prompt wrote an evaluation's texts, in words: a shipped sweep's
    records file (assets/valley/<sweep>/records/<run>.jsonl) or a run's eval/records.jsonl. Never a server path."""
    p = Path(records)
    if p.parent.name == "records":
        o = sweep(p.parent.parent.name).origin(p.stem)
    else:
        run = RunDir(p.parent.parent)
        cfg = (run.read_metrics() or {}).get("config") or {}
        o = {"model": cfg.get("model", "tiny"), "weights": describe(cfg.get("model", "tiny")).get("weights", ""),
             "adapter": "its LoRA adapter" if cfg.get("method", "lora") == "lora" else "",
             "prompt": (run.evaluation.read_summary() or {}).get("prompt", "world")}
        if cfg.get("method") == "full":
            o["weights"] = "every weight fine-tuned by this run"
    model = paths.portable(o["model"]) + (f" ({o['weights']})" if o["weights"] and o["model"] != "tiny" else "")
    weights = f"{model} + {o['adapter']}" if o["adapter"] else f"{model}, base weights only"
    return f"{weights}; {prompt_note(o['prompt'])}"


# ----------------------------------------------------------------------------------------------
# Configs from what a user chose (every problem is a ValueError with a message a student can act on)
# ----------------------------------------------------------------------------------------------
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
MAX_SEED = 2**32 - 1
HUB_CHECK_TIMEOUT_S = 8.0
MAX_MODEL_ID = 200   # longer than any Hugging Face id (96 characters per part)
SMOLLM2, GEMMA3 = REAL_SLMS
# the world each model learns and is tested on: the real SLMs' bases score well above 0 only on one-operation
# problems (training/LOG.md; both on the same world, so the two families compare); the tiny models were
# pretrained on the classroom world
WORLD_OF = {SMOLLM2: "single", GEMMA3: "single"}
# The real SLMs' runs in the app: micro-batches of 4 (faster per token on a CPU, the same steps: training/LOG.md), a
# test of a few dozen problems, and a default N on each model's own axis, chosen so that a run's estimate from the
# measured speeds below is about 5 minutes on 2 CPU cores (tests/test_slm_panes.py holds it there): SmolLM2's N = 64
# (~298 s), Gemma-3-270M's N = 48 (~315 s: it trains at 0.57x SmolLM2's tokens/s, with fewer tokens per example)
MICRO_BATCH_OF = {SMOLLM2: 4, GEMMA3: 4}
EVAL_N_OF = {SMOLLM2: 40, GEMMA3: 30}
DEFAULT_N_OF = {"tiny": 250, SMOLLM2: 64, GEMMA3: 48}


def world_for(model: str) -> str:
    return WORLD_OF.get(model, "classroom")


def default_n(model: str) -> int | None:
    """The N the Valley Lab form proposes for a model (DEFAULT_N_OF), None for a model without one."""
    return DEFAULT_N_OF.get(model)


def eval_n_for(model: str, eval_n: int) -> int:
    """The test size of a run of `model`: the app's, capped where a model is slow to test (EVAL_N_OF)."""
    return min(eval_n, EVAL_N_OF.get(model, eval_n))


# ----------------------------------------------------------------------------------------------
# Time estimates: from the speed this machine measured (a run's own files), else the project's figures
# ----------------------------------------------------------------------------------------------
# The project's measured speeds (2 idle cores, AVX2, fp32; training/LOG.md): what an estimate starts from before this
# machine has measured anything, and what a measured speed of one model is compared with to scale another's.
# Gemma-3-270M was measured beside SmolLM2 in one process on another CPU (AVX512, 2 cores; `python -m training.bench
# --only slms`, training/LOG.md 2026-12-05): 0.573x SmolLM2's training tokens/s and 0.596x its generation; its figures
# here are SmolLM2's times those ratios (the ratio is what carries over from one CPU to another).
REFERENCE_RATES = {"tiny": {"train_tok_s": 4_700, "gen_tok_s": 5_000},
                   REAL_SLMS[0]: {"train_tok_s": 155, "gen_tok_s": 115},
                   REAL_SLMS[1]: {"train_tok_s": 89, "gen_tok_s": 69}}
# mean tokens per training example by (model, world, style); a model not listed uses its own measured runs'
EXAMPLE_TOKENS = {("tiny", "classroom"): {"long": 283, "short": 92, "mixed": 178},
                  (REAL_SLMS[0], "single"): {"long": 137, "short": 62, "mixed": 98},
                  (REAL_SLMS[1], "single"): {"long": 112, "short": 40}}  # Gemma's tokenizer (the same bench)
SETUP_S = 10.0  # loading a model and building its data, before a run has measured it
GPU_SPEEDUP = 6.0  # the H100 trained the embedded model ~6x faster than 2 CPU cores (training/LOG.md)


@dataclass(frozen=True)
class Speed:
    """What one run measured on this machine: training tokens per second (its latest progress line while it
    trains, its whole training once finished), generation tokens per second in its test, its setup seconds, its
    tokens per training example, and when."""

    model: str
    train_tok_s: float
    at: float
    gen_tok_s: float | None = None
    setup_s: float | None = None
    example_tokens: dict = field(default_factory=dict)   # (world, style) -> mean tokens per example


def measured_speed(run_dir: Path) -> Speed | None:
    """The speed a fine-tune measured, from its files (None before its first progress line)."""
    run = RunDir(run_dir)
    m = run.read_metrics()
    cfg = (m or {}).get("config") or {}
    if m and m.get("tokens_per_s") and cfg:
        ev = m.get("eval") or {}
        per_example = m.get("mean_example_tokens")
        tokens = {(cfg.get("world"), cfg.get("style")): per_example} if per_example else {}
        return Speed(cfg.get("model", "tiny"), m["tokens_per_s"], run.metrics.stat().st_mtime,
                     ev.get("generated_tokens_per_s"), m.get("setup_s"), tokens)
    last = next((p for p in reversed(run.read_progress()) if p.get("tokens_per_s")), None)
    if last is None:
        return None
    info = run.read_status()
    model = info.get("model") or _config_model(run)
    return Speed(model, last["tokens_per_s"], last.get("time", 0.0), setup_s=info.get("setup_s"))


def _config_model(run: RunDir) -> str:
    try:
        return str(load_yaml(run.config).get("model", "tiny"))
    except (OSError, ValueError):
        return "tiny"


@dataclass(frozen=True)
class Estimate:
    """About how long a fine-tune takes here, in its parts, and what the figure rests on (said on the page)."""

    setup_s: float
    train_s: float
    eval_s: float
    basis: str

    @property
    def seconds(self) -> float:
        return self.setup_s + self.train_s + self.eval_s


def estimate(cfg: SFTConfig, speeds: dict[str, Speed] | None = None, gpu: bool = False) -> Estimate | None:
    """About how long a fine-tune and its test take on this machine: optimizer steps x examples per step x tokens
    per example at the training speed, plus setup and the test's answers at the generation speed.

    The speeds are, first, this machine's newest measurement of the same model (`speeds`: model -> Speed, which a
    run in progress keeps current, so a busy machine shows as one); else the project's figure for that model scaled
    by how this machine's newest measured model compares with its own figure; else the project's figure (on a GPU,
    GPU_SPEEDUP times faster). None for a model with neither a measurement nor a figure."""
    speeds = speeds or {}
    rate = _rates(cfg.model, speeds, gpu)
    if rate is None:
        return None
    tokens = (EXAMPLE_TOKENS.get((cfg.model, cfg.world), {}).get(cfg.style)
              or next((sp.example_tokens.get((cfg.world, cfg.style)) for sp in speeds.values()
                       if sp.model == cfg.model and sp.example_tokens.get((cfg.world, cfg.style))), None))
    if tokens is None:
        return None
    sched = schedule(cfg, cfg.model == "tiny")
    steps = cfg.max_steps or sched["steps"]
    answer_tokens = tokens * 1.3 if cfg.style == "long" else tokens  # fine-tuned long answers run a bit longer
    return Estimate(rate["setup_s"], steps * sched["batch_size"] * tokens / rate["train_tok_s"],
                    cfg.eval_n * answer_tokens / rate["gen_tok_s"], rate["basis"])


def _rates(model: str, speeds: dict[str, Speed], gpu: bool) -> dict | None:
    """Training and generation tokens per second for `model` on this machine, and the words for where they
    come from (see estimate)."""
    own, ref = speeds.get(model), REFERENCE_RATES.get(model)
    if own is not None:
        gen = own.gen_tok_s or (ref["gen_tok_s"] * own.train_tok_s / ref["train_tok_s"] if ref else own.train_tok_s)
        return {"train_tok_s": own.train_tok_s, "gen_tok_s": gen, "setup_s": own.setup_s or SETUP_S,
                "basis": f"this machine's speed with {model}, measured by its latest run here"}
    if ref is None:
        return None
    scalable = [sp for sp in speeds.values() if sp.model in REFERENCE_RATES]
    if scalable:
        newest = max(scalable, key=lambda sp: sp.at)
        factor = newest.train_tok_s / REFERENCE_RATES[newest.model]["train_tok_s"]
        return {"train_tok_s": ref["train_tok_s"] * factor, "gen_tok_s": ref["gen_tok_s"] * factor,
                "setup_s": SETUP_S, "basis": f"this machine's speed now, measured by its latest {newest.model} run "
                                             f"({factor:.2g}x the project's figure), applied to {model}"}
    speedup = GPU_SPEEDUP if gpu else 1.0
    return {"train_tok_s": ref["train_tok_s"] * speedup, "gen_tok_s": ref["gen_tok_s"], "setup_s": SETUP_S,
            "basis": "the project's measured figure" + (" for a GPU" if gpu else " on 2 idle CPU cores")
                     + ": no run has measured this machine yet"}


def remaining_seconds(st: RunState, est: Estimate | None, started: float | None, now: float) -> float | None:
    """About how long a run that has started still takes: its own ETA while it trains (the trainer measures it)
    plus its test; else its estimate less the time it has run. None where neither is known."""
    eval_s = est.eval_s if est else 0.0
    last = next((p for p in reversed(st.progress) if p.get("eta_s") is not None), None)
    if st.state == State.RUNNING and last is not None:
        return max(0.0, last["eta_s"] - (now - last.get("time", now))) + eval_s
    if st.state == State.EVALUATING and eval_left(st, now) is not None:
        return eval_left(st, now)
    if est is None:
        return None
    if st.state == State.EVALUATING:
        return max(0.0, eval_s - (now - st.info.get("eval_began", st.info.get("time", now))))
    return max(0.0, est.seconds - (now - (started or now)))


def eval_left(st: RunState, now: float) -> float | None:
    """About how many seconds a run's test still takes, from the answers it has finished (status.json's eval_done
    of eval_total since eval_began): the time so far per answer, times the answers left. None before a twentieth
    of them is done (too few to go by). Answers of one batch finish shortest first, so the figure is rough: the page
    says so."""
    done, total, began = (st.info.get(k) for k in ("eval_done", "eval_total", "eval_began"))
    if not total or not began or not done or done < total / 20:
        return None
    return (now - began) * (total - done) / done


def with_timeout(fn, seconds: float, on_timeout):
    """fn() in a worker thread; `on_timeout` if it has not answered within `seconds` (a blocked network call
    must not hold a student's page)."""
    result: dict = {}

    def run():
        try:
            result["value"] = fn()
        except Exception as e:  # noqa: BLE001 - passed on below
            result["error"] = e

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        return on_timeout
    if "error" in result:
        raise result["error"]
    return result["value"]


def check_model(model: str | None, allow_local: bool = False, forbidden: Path | None = None) -> str:
    """The model a user typed, if the app may use it: 'tiny' (the embedded model), a Hugging Face id
    (checked against the Hub or its local cache within a few seconds), or, only when the app was
    started to allow it, a local folder (never one under `forbidden`: other users' runs). The errors
    never say whether a path exists on the server."""
    if model is not None and not isinstance(model, str):
        raise ValueError("the model must be a name")
    model = (model or "").strip() or "tiny"
    if len(model) > MAX_MODEL_ID:
        raise ValueError(f"that is not a model name: {len(model):,} characters (a Hugging Face id has at most "
                         f"{MAX_MODEL_ID})")
    if any(ord(ch) < 32 or ch in '\\"<>|*?' for ch in model):
        raise ValueError("that is not a model name: it holds characters no model name has")
    if model in TINY_ALIASES:
        return "tiny"
    if model in REAL_SLMS:  # fetched and converted on its first use (training.core.smollm2), by the run itself
        return model
    local = model.startswith(("/", ".", "~")) or not HUB_ID.match(model)
    if local:
        folder = Path(model).expanduser().resolve()
        if not allow_local or (forbidden is not None and folder.is_relative_to(Path(forbidden).resolve())):
            raise ValueError("that model is not one this app offers: pick one from the list, or type a Hugging "
                             "Face id like Qwen/Qwen2.5-0.5B-Instruct")
    try:
        found = with_timeout(lambda: check_source(model), HUB_CHECK_TIMEOUT_S, on_timeout=None)
    except Exception as e:  # noqa: BLE001 - said in words below
        if local:  # the loader's message would say whether the folder exists
            raise ValueError("that folder does not hold a model this app can load") from None
        raise ValueError(str(e)) from None
    if found is None:
        raise ValueError(f"could not check {model!r} within {HUB_CHECK_TIMEOUT_S:.0f} s: the Hugging Face Hub "
                         f"does not answer from here (offline?) and the model is not in the local cache")
    return model


def check_number(value, name: str, lo: float, hi: float, hint: str = "", whole: bool = False) -> float:
    """A number from a form field: finite, in [lo, hi] (NaN and infinity never reach torch)."""
    kind = "a whole number" if whole else "a number"
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be {kind} from {lo:g} to {hi:,g}, got {value!r}") from None
    if not math.isfinite(v) or not lo <= v <= hi or (whole and not v.is_integer()):
        raise ValueError(f"{name} must be {kind} from {lo:g} to {hi:,g}{hint}, got {value}")
    return v


def check_seed(seed) -> int:
    return int(check_number(seed, "the seed", 0, MAX_SEED, whole=True))


def sft_config(*, model: str = "tiny", data: str = "world", upload: str | None = None, n: int = 250,
               style: str = "long", method: str = "lora", lora_r: int = 16, lora_alpha: int = 32,
               epochs: float = 0, lr: float = TINY_LR["lora"], seed: int = 0, eval_n: int = 200, world: str = "",
               eval_max_new_tokens: int = 512, allow_local_models: bool = False, forbidden: Path | None = None,
               max_upload_mb: float = 20.0) -> SFTConfig:
    """The SFT config of an app run: the model and the data are checked before anything starts."""
    model = check_model(model, allow_local_models, forbidden)
    seed = check_seed(seed)
    n = check_number(n, "N", 1, 100_000, " examples", whole=True)
    lr = check_number(lr, "the learning rate", 1e-9, 0.1, f" (try {TINY_LR['lora']:g} for LoRA on the tiny model)")
    epochs = check_number(epochs, "epochs", 0, 50, " (0 = the paper's schedule)")
    lora_r = check_number(lora_r, "the LoRA rank", 1, 1024, whole=True)
    lora_alpha = check_number(lora_alpha, "LoRA alpha", 1, 4096, whole=True)
    source = data
    if data == "upload":
        if not upload:
            raise ValueError("choose a JSONL file to upload, or pick the built-in world data")
        size_mb = Path(upload).stat().st_size / 1e6
        if size_mb > max_upload_mb:
            raise ValueError(f"the file is {size_mb:.1f} MB; this app takes files up to {max_upload_mb:g} MB")
        rows = count_chat_file(upload)  # DataError (a ValueError) names the line and what is wrong
        if int(n) > rows:
            raise ValueError(f"N={int(n)} but the file has only {rows} examples")
        source = str(upload)
    elif data == "openr1":
        ok, why = with_timeout(openr1_available, HUB_CHECK_TIMEOUT_S,
                               (False, f"OpenR1-Math-220k cannot be reached within {HUB_CHECK_TIMEOUT_S:.0f} s: the "
                                       f"Hugging Face Hub does not answer from here (offline?). Use the built-in "
                                       f"world data or upload a JSONL file."))
        if not ok:
            raise ValueError(why)
    world = world or world_for(model)
    eval_n = eval_n_for(model, eval_n)
    return SFTConfig(model=model, data=source, world=world, style=style, n=int(n), method=method, lora_r=int(lora_r),
                     micro_batch_size=MICRO_BATCH_OF.get(model, 0),
                     lora_alpha=int(lora_alpha), epochs=float(epochs), lr=float(lr), seed=seed,
                     eval_n=eval_n, eval_max_new_tokens=eval_max_new_tokens, log_every=2)


def schedule(cfg: SFTConfig, is_tiny: bool = True) -> dict:
    """What a config will do: epochs, batch size, learning rate, and about how many optimizer steps."""
    s = resolve_schedule(cfg, is_tiny)
    return {**s, "steps": max(1, cfg.n // s["batch_size"]) * s["epochs"]}


def grpo_config(*, init_adapter: str = "", steps: int = 20, seed: int = 0, model: str = "tiny") -> GRPOConfig:
    """GRPO as the shipped RL sweep runs it (its recipe), from a start (a model and an adapter of it), for `steps`
    steps, on that model's world."""
    steps = int(check_number(steps, "GRPO steps", 1, 1000, whole=True))
    return build_config(GRPOConfig, {**load_yaml(GRPO_RECIPE), "init_adapter": init_adapter or "", "model": model,
                                     "world": world_for(model), "steps": steps, "seed": check_seed(seed or 0),
                                     "eval_every": max(1, steps // 4)})


# ----------------------------------------------------------------------------------------------
# Runs (subprocesses of the CLI)
# ----------------------------------------------------------------------------------------------
@dataclass
class RunHandle:
    run_dir: Path
    proc: subprocess.Popen | None


def command_for(cfg, module: str = SFT) -> str:
    return cli_line(module, cfg)


def start_run(cfg, run_dir: Path | None = None, env: dict | None = None, module: str = SFT,
              nice: int = 0) -> RunHandle:
    """Write the run's config and launch `python -m <module> --config <run_dir>/config.yaml`
    (training.sft or training.grpo: both write the same run-directory files)."""
    run = RunDir(run_dir) if run_dir else RunDir.new("run")
    return RunHandle(run.path, run.launch(module, cfg, env, nice))


def poll(run_dir: Path, proc: subprocess.Popen | None = None, pid: int | None = None) -> RunState:
    return RunDir(run_dir).poll(proc, pid)


def mark_abandoned(run_dir: Path, message: str) -> None:
    RunDir(run_dir).mark_abandoned(message)


def config_from(module: str, values: dict):
    """A run's config from its saved values (the app's registry on disk)."""
    cls = {SFT: SFTConfig, GRPO: GRPOConfig}[module]
    return build_config(cls, values)


def stop(run_dir: Path, proc: subprocess.Popen | None = None) -> None:
    RunDir(run_dir).request_stop(proc)
