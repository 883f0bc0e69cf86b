"""Benchmarks, printed as ratios against a baseline run in the same process.

    python -m training.bench                  # everything (about 4 minutes on 2 cores)
    python -m training.bench --only train     # train | trainer | generate | threads
    python -m training.bench --quick          # smaller, for a smoke check

1. training: our SFT loop's tokens/s on the embedded model, and that as a fraction of this
   machine's measured matmul peak (6 x parameters FLOPs per trained token);
2. our loop against plain transformers.Trainer on the same model, data, batch and steps;
3. batched generation (our KV-cache loop that drops finished rows, and transformers' generate() on
   the same batches) against calling generate() once per problem;
4. torch threads 1 vs 2 for training (on 2 shared cores this is not obvious).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from training.core import paths
from training.core.encode import batches, collate, encode_all
from training.core.generate import generate, generate_hf
from training.core.hf_trainer import length_grouping
from training.core.loop import cycle_epochs, train
from training.core.models import LORA_TARGETS, load_model
from training.core.sources import world_pairs
from training.task.world import problems


def matmul_peak(dtype_name: str = "float32", size: int = 1024, reps: int = 20) -> float:
    """Measured GEMM throughput in FLOP/s."""
    import torch

    dtype = getattr(torch, dtype_name)
    a, b = torch.randn(size, size, dtype=dtype), torch.randn(size, size, dtype=dtype)
    for _ in range(3):
        a @ b
    t = time.perf_counter()
    for _ in range(reps):
        a @ b
    return 2 * size ** 3 * reps / (time.perf_counter() - t)


def _sft_data(tok, n: int, seed: int = 0):
    return encode_all(tok, world_pairs(n, "long", "classroom", seed), 1024).examples


def _fresh_lora():
    from peft import LoraConfig, get_peft_model

    model, tok = load_model("tiny")
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS["qwen2"],
                                             task_type="CAUSAL_LM"))
    return model, tok


def bench_train(steps: int, batch: int) -> dict:
    """Our loop: tokens/s and share of the matmul peak."""
    import torch

    model, tok = _fresh_lora()
    ex = _sft_data(tok, steps * batch)
    it = cycle_epochs(lambda e: batches(ex, batch, e, tok.pad_token_id))
    train(model, it, 2, 1e-3, bf16=True, log_every=10**9)  # warm-up
    res = train(model, it, steps, 1e-3, bf16=True, log_every=10**9)
    n_params = sum(p.numel() for p in model.parameters())
    peak_fp32, peak_bf16 = matmul_peak("float32"), matmul_peak("bfloat16")
    flops = 6 * n_params * res.tokens_per_s
    return {"tokens_per_s": res.tokens_per_s, "params": n_params, "threads": torch.get_num_threads(),
            "matmul_peak_fp32_gflops": peak_fp32 / 1e9, "matmul_peak_bf16_gflops": peak_bf16 / 1e9,
            "achieved_gflops": flops / 1e9, "fraction_of_bf16_peak": flops / peak_bf16,
            "fraction_of_fp32_peak": flops / peak_fp32}


def bench_trainer(steps: int, batch: int) -> dict:
    """Our loop vs transformers.Trainer, same LoRA model, same examples, batch and steps."""
    import torch
    from transformers import Trainer, TrainingArguments

    model, tok = _fresh_lora()
    ex = _sft_data(tok, steps * batch)
    it = cycle_epochs(lambda e: batches(ex, batch, e, tok.pad_token_id))
    train(model, it, 2, 1e-3, bf16=True, log_every=10**9)
    ours = train(model, it, steps, 1e-3, bf16=True, log_every=10**9)

    model2, _ = _fresh_lora()
    args = TrainingArguments(output_dir=str(paths.home() / "bench-trainer"), per_device_train_batch_size=batch,
                             max_steps=steps + 2, learning_rate=1e-3, lr_scheduler_type="cosine",
                             warmup_steps=max(1, round(0.05 * (steps + 2))), logging_steps=10**9, save_strategy="no", report_to=[],
                             bf16=True, use_cpu=not torch.cuda.is_available(), dataloader_num_workers=0,
                             disable_tqdm=True,
                             remove_unused_columns=False, **length_grouping())

    class DS(torch.utils.data.Dataset):
        def __len__(self):
            return len(ex)

        def __getitem__(self, i):
            return ex[i]

    trainer = Trainer(model=model2, args=args, train_dataset=DS(),
                      data_collator=lambda feats: collate(feats, tok.pad_token_id))
    t = time.perf_counter()
    trainer.train()
    hf_s = time.perf_counter() - t
    # the tokens it saw: the same count per step on average (same data, same batch size)
    hf_tok_s = ours.tokens / ours.steps * (steps + 2) / hf_s
    return {"ours_tokens_per_s": ours.tokens_per_s, "trainer_tokens_per_s": hf_tok_s,
            "ratio_ours_over_trainer": ours.tokens_per_s / hf_tok_s}


def bench_generate(n_problems: int, max_new_tokens: int) -> dict:
    """Batched generation vs one generate() call per problem, on the fine-tuned-like long outputs."""
    model, tok = load_model("tiny")
    prompts = [p.prompt for p in problems("classroom", "test", n_problems)]
    t = time.perf_counter()
    ours = generate(model, tok, prompts, max_new_tokens=max_new_tokens, batch_size=64)
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    hf_batched = generate_hf(model, tok, prompts, max_new_tokens=max_new_tokens, batch_size=64)
    t_hf_batched = time.perf_counter() - t
    k = max(4, n_problems // 8)  # per-example generate() is slow: time a subset and scale
    t = time.perf_counter()
    single = generate_hf(model, tok, prompts[:k], max_new_tokens=max_new_tokens, batch_size=1)
    t_single = (time.perf_counter() - t) * n_problems / k
    same = sum(a.text == b.text for a, b in zip(ours, hf_batched)) / len(ours)
    same_single = sum(a.text == b.text for a, b in zip(ours[:k], single)) / k
    toks = sum(g.n_tokens for g in ours)
    return {"problems": n_problems, "generated_tokens": toks, "ours_s": t_ours, "hf_batched_s": t_hf_batched,
            "per_example_s_estimated": t_single, "ours_tokens_per_s": toks / t_ours,
            "ratio_ours_over_per_example": t_single / t_ours, "ratio_hf_batched_over_per_example":
            t_single / t_hf_batched, "ratio_ours_over_hf_batched": t_hf_batched / t_ours,
            "identical_to_hf_batched": same, "identical_to_per_example": same_single}


def bench_threads(steps: int, batch: int) -> dict:
    import torch

    out = {}
    for n in (1, 2):
        torch.set_num_threads(n)
        out[f"threads_{n}_tokens_per_s"] = bench_train(steps, batch)["tokens_per_s"]
    out["ratio_2_over_1"] = out["threads_2_tokens_per_s"] / out["threads_1_tokens_per_s"]
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["train", "trainer", "generate", "threads"], default=None)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    steps, batch = (6, 4) if a.quick else (30, 8)
    n_gen, max_new = (16, 64) if a.quick else (128, 512)
    results = {}
    todo = [a.only] if a.only else ["train", "trainer", "generate", "threads"]
    for name in todo:
        t = time.perf_counter()
        if name == "train":
            results[name] = bench_train(steps, batch)
        elif name == "trainer":
            results[name] = bench_trainer(steps, batch)
        elif name == "generate":
            results[name] = bench_generate(n_gen, max_new)
        else:
            results[name] = bench_threads(steps, batch)
        results[name]["bench_seconds"] = round(time.perf_counter() - t, 1)
        print(f"[bench] {name}: " + json.dumps({k: (round(v, 3) if isinstance(v, float) else v)
                                                 for k, v in results[name].items()}), flush=True)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
