"""Full-scale GRPO through TRL's GRPOTrainer (vLLM generation), the paper's Table 3 settings.

Usage:
    # Qwen2.5-1.5B-Instruct from its 8k long-CoT SFT checkpoint, on 8 GPUs
    accelerate launch --config_file training/recipes/accelerate/zero2.yaml -m training.grpo_trl \\
        --config training/recipes/qwen2.5-1.5b-instruct/grpo/sft-8k.yaml
    # CPU smoke (tiny random model, no vLLM, two steps)
    python -m training.grpo_trl --model tiny --data world:tiny --steps 2 --prompts_per_step 2 \\
        --num_generations 2 --max_completion_length 16 --use_vllm false --run_dir /tmp/g

The paper (verl): 1,024 prompts x 8 rollouts per step, rollouts up to 8,192 tokens, mini-batch 256
prompts (so 4 optimizer updates per rollout step), temperature 1.0, KL coefficient 1e-4, LR 5e-7,
about 100 steps, reward 1 if the final answer is right else 0. In TRL terms one optimizer step takes
mini_batch x num_generations completions, and `steps_per_generation` = prompts_per_step / mini_batch
of them share one round of generation; TRL counts optimizer steps, so steps x 4 of them.
Data: ~8k MATH problems (SimpleRL-Zoo: levels 1-4 for 0.5B, 3-5 for the larger models).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass

import torch

from training.core import paths
from training.core.config import parse_config
from training.core.models import load_model
from training.math_eval import MATH_PROMPT, grade_math
from training.task.checker import extract_answer, parse_number
from training.task.world import problems


@dataclass
class TRLGRPOConfig:
    """GRPO with TRL (defaults are the paper's Table 3; < --config YAML < --flags)."""

    model: str = "Qwen/Qwen2.5-1.5B-Instruct"  # or an SFT checkpoint folder
    data: str = "hkust-nlp/SimpleRL-Zoo-Data"   # a hub id, a local .jsonl ({"problem","answer"}), or world:<preset>
    data_config: str = "simplelr_qwen_level3to5"
    steps: int = 100                # rollout steps, as the paper counts them
    prompts_per_step: int = 1024
    num_generations: int = 8
    mini_batch: int = 256           # prompts per optimizer update
    max_prompt_length: int = 1024
    max_completion_length: int = 8192
    temperature: float = 1.0
    beta: float = 1e-4              # KL coefficient
    lr: float = 5e-7
    per_device_batch_size: int = 8  # completions per GPU per micro-step
    use_vllm: bool = True
    vllm_mode: str = "colocate"
    vllm_gpu_memory_utilization: float = 0.4
    precision: str = "bf16"        # fp32 | bf16 (the paper's GPUs run bf16; on a CPU fp32 is used)
    gradient_checkpointing: bool = True
    seed: int = 0
    run_dir: str = ""
    log_every: int = 1

    def __post_init__(self):
        if self.prompts_per_step % self.mini_batch:
            raise ValueError("prompts_per_step must be a multiple of mini_batch")


def load_prompts(cfg: TRLGRPOConfig):
    """A datasets.Dataset with 'prompt' (chat messages) and 'answer' columns."""
    from datasets import Dataset, load_dataset

    if cfg.data.startswith("world:"):
        n = cfg.steps * cfg.prompts_per_step
        rows = [{"problem": p.prompt, "answer": str(p.answer)} for p in problems(cfg.data.split(":", 1)[1], "rl-train", n)]
    elif cfg.data.endswith(".jsonl"):
        rows = [json.loads(line) for line in open(cfg.data) if line.strip()]
    else:
        ds = load_dataset(cfg.data, cfg.data_config, split="train")
        rows = [{"problem": r.get("problem") or r.get("question"), "answer": str(r["answer"])} for r in ds]
    world = cfg.data.startswith("world:")
    return Dataset.from_list([{"prompt": [{"role": "user", "content": r["problem"] if world
                                           else MATH_PROMPT.format(problem=r["problem"])}],
                               "answer": r["answer"]} for r in rows])


def correctness_reward(completions, answer, **_) -> list[float]:
    """The paper's reward: 1 if the final answer is right, else 0. Integers compare exactly (world);
    anything else goes through math-verify (gold first, timeouts off: this may run off the main thread)."""
    out = []
    for comp, gold in zip(completions, answer):
        text = comp[0]["content"] if isinstance(comp, list) else comp
        g = parse_number(gold)
        if g is not None:
            out.append(1.0 if extract_answer(text)[1] == g else 0.0)
        else:
            out.append(1.0 if grade_math(gold, text) else 0.0)
    return out


def main(cfg: TRLGRPOConfig) -> dict:
    from trl import GRPOConfig, GRPOTrainer

    world = int(os.environ.get("WORLD_SIZE", "1"))
    run_dir = paths.expand(cfg.run_dir) or str(paths.runs_dir() / "grpo-trl")
    completions_per_update = cfg.mini_batch * cfg.num_generations
    accum = max(1, completions_per_update // (cfg.per_device_batch_size * world))
    model, tok = load_model(cfg.model)
    args = GRPOConfig(
        output_dir=run_dir, max_steps=cfg.steps * (cfg.prompts_per_step // cfg.mini_batch),
        per_device_train_batch_size=cfg.per_device_batch_size, gradient_accumulation_steps=accum,
        steps_per_generation=cfg.prompts_per_step // cfg.mini_batch * accum,
        num_generations=cfg.num_generations, max_completion_length=cfg.max_completion_length,
        temperature=cfg.temperature, beta=cfg.beta, learning_rate=cfg.lr, lr_scheduler_type="constant",
        use_vllm=cfg.use_vllm, vllm_mode=cfg.vllm_mode, vllm_gpu_memory_utilization=cfg.vllm_gpu_memory_utilization,
        bf16=cfg.precision == "bf16" and _cuda(), gradient_checkpointing=cfg.gradient_checkpointing and _cuda(),
        logging_steps=cfg.log_every, save_strategy="no", report_to=[], seed=cfg.seed,
        use_cpu=not _cuda(), disable_tqdm=True,
    )
    trainer = GRPOTrainer(model=model, reward_funcs=[correctness_reward], args=args,
                          train_dataset=load_prompts(cfg), processing_class=tok)
    trainer.train()
    trainer.save_model(os.path.join(run_dir, "model"))
    if trainer.is_world_process_zero():
        tok.save_pretrained(os.path.join(run_dir, "model"))
    return {"run_dir": run_dir, "steps": trainer.state.global_step, "log": trainer.state.log_history,
            "config": asdict(cfg)}


def _cuda() -> bool:
    return torch.cuda.is_available()


if __name__ == "__main__":
    main(parse_config(TRLGRPOConfig, sys.argv[1:], description=__doc__))
