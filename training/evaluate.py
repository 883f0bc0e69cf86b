"""Evaluate a model (and optionally a LoRA adapter) on the arithmetic world, with full error analysis.

Usage:
    # the embedded base model, greedy, 200 classroom problems
    python -m training.evaluate --model tiny --n 200
    # a fine-tuned adapter, the paper's sampling (avg@4 at T=0.6, top-p 0.95)
    python -m training.evaluate --adapter .valley/runs/sft-.../adapter --samples 4 --temperature 0.6
    # the paper's benchmark on a real model through vLLM (GPU)
    python -m training.evaluate --model Qwen/Qwen2.5-1.5B-Instruct --world paper --samples 4 \\
        --temperature 0.6 --max_new_tokens 16384 --backend vllm

Writes <out_dir>/records.jsonl (one line per sample: completion, token count, finish reason, the step
checker's record, reflection keywords, category) and <out_dir>/summary.json (training.task.analysis).

Backends: "hf" (batched transformers generate with a KV cache; CPU or GPU) and "vllm" (chosen by
"auto" when vLLM imports and a GPU is present; LoRA through LoRARequest). Both return the same
Generation objects, so everything after generation is shared.
"""

from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from training.core import paths
from training.core.config import parse_config
from training.core.evaluation import make_backend, run_eval
from training.task.world import PROMPTS, problems


@dataclass
class EvalConfig:
    """Evaluate a model on world problems (defaults < --config YAML < --flags)."""

    model: str = "tiny"           # 'tiny', a folder, or a hub id
    adapter: str = ""             # a LoRA adapter folder to apply on top of `model`
    world: str = "classroom"      # world preset of the test problems: classroom | paper | tiny
    n: int = 200                  # test problems
    prompt: str = "world"         # world (the paper's prompt, as in training) | boxed (+ where to put the answer)
    samples: int = 1              # k samples per problem (avg@k); 1 with temperature 0 = greedy
    temperature: float = 0.0
    top_p: float = 0.95
    max_new_tokens: int = 1024
    batch_size: int = 64
    backend: str = "auto"         # auto | hf | vllm
    precision: str = "auto"       # auto | fp32 | bf16 of the weights: auto = bf16 on a GPU that has it, else fp32
    seed: int = 0
    thinking: bool = False        # open the assistant turn with <think> (same as training!)
    out_dir: str = ""             # default: $VALLEY_HOME/results/eval-<time>

    def __post_init__(self):
        if self.backend not in ("auto", "hf", "vllm"):
            raise ValueError(f"backend must be auto, hf or vllm, got {self.backend!r}")
        if self.samples < 1 or self.n < 1:
            raise ValueError("n and samples must be >= 1")
        if self.prompt not in PROMPTS:
            raise ValueError(f"prompt must be one of {list(PROMPTS)}, got {self.prompt!r}")
        if self.temperature == 0 and self.samples > 1:
            raise ValueError("samples > 1 needs temperature > 0 (greedy gives one answer)")


def main(cfg: EvalConfig) -> dict:
    out = Path(cfg.out_dir) if cfg.out_dir else paths.results_dir() / f"eval-{time.strftime('%Y%m%d-%H%M%S')}"
    backend = make_backend(cfg.model, cfg.adapter, cfg.backend, cfg.precision, cfg.batch_size)
    probs = [p.asked(cfg.prompt) for p in problems(cfg.world, "test", cfg.n)]
    res = run_eval(backend, probs, cfg.samples, cfg.temperature, cfg.top_p, cfg.max_new_tokens,
                   cfg.seed, cfg.thinking, out_dir=out,
                   progress=lambda d, t: print(f"[eval] {d}/{t} generated", flush=True),
                   meta={"world": cfg.world, "prompt": cfg.prompt, "model": cfg.model, "adapter": cfg.adapter,
                         "config": asdict(cfg)})
    s = res["summary"]
    print(f"[eval] accuracy {s['accuracy']:.3f} ± {s['accuracy_se']:.3f}, mean length "
          f"{s['mean_tokens']:.0f} tokens, reflection ratio {s['reflection_ratio']:.2f}, "
          f"step error rate {s['step_error_rate']:.3f} -> {out}", flush=True)
    return s


if __name__ == "__main__":
    main(parse_config(EvalConfig, sys.argv[1:], description=__doc__))
