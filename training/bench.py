"""Benchmarks of this machine, printed as ratios against a baseline run in the same process.

    python -m training.bench                  # everything (about 6 minutes on 2 cores)
    python -m training.bench --only generate  # machine | train | trainer | generate | threads | default | slm | slms
    python -m training.bench --quick          # smaller, for a smoke check (about a minute)

1. machine: the CPU capability (torch.backends.cpu.get_cpu_capability()), the measured fp32 and bf16
   matrix-product peaks, and the precision `auto` picks here (training.core.precision), with why;
2. train: our SFT loop (LoRA, the app's default data and batch) in that precision: tokens/s, and that
   as a fraction of the same precision's peak (6 x parameters FLOPs per trained token). A fraction
   above 1 means the measurement is broken: it is reported as such, never as a number;
3. trainer: our loop against plain transformers.Trainer, same model, data, batch, steps and precision;
4. generate: the 200 classroom test problems, greedy, with the shipped N=250 adapter merged (long,
   uneven answers, as in the default run): our batched decoder against the previous implementation
   (transformers' forward with its cache, dropping finished rows), transformers' own batched
   generate(), and one generate() call per problem; with the share of identical outputs;
5. threads: torch threads 1 vs 2 for training (on 2 shared cores this is not obvious);
6. default: the app's default run (`python -m training.sft --config training/recipes/tiny/sft/classroom.yaml`)
   as a subprocess, from start to metrics.json: wall time, setup, training, generation;
7. slm: the real SLM, SmolLM2-135M-Instruct (when it is on this machine: training.fetch_model), LoRA r16 on
   every linear layer over its `single`-world long traces at several micro-batch sizes, and batched greedy
   generation; each as a fraction of the measured peak of the precision it used. FLOPs per token: a LoRA step
   does the forward (2 x parameters) and the input gradients of the backward (2 x parameters) but no weight
   gradients of the frozen base (the adapters' own are ~4% of that): 4 x parameters; generation 2 x parameters.
   (The `train` figure counts 6 x parameters, the full fine-tuning rule, as it always has: for its LoRA run that
   overstates its fraction by about 1.5x.)
8. slms: every real small model on this machine (SmolLM2-135M-Instruct, Gemma-3-270M), one after the other in
   this process, LoRA r16 on every linear layer in micro-batches of 4 over the same world's long traces (each
   model's own tokens): training tokens/s, each model's against the first's (a ratio measured under the same
   load), its tokens per example (long, short) and its batched greedy generation; with the CPU capability and the
   load average (a busy machine slows both: the ratio is what carries over).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import torch

from training.core import paths, precision
from training.core.encode import batches, collate, encode_all
from training.core.generate import _decode_general, generate, generate_hf
from training.core.hf_trainer import length_grouping
from training.core.loop import cycle_epochs, train
from training.core.models import LORA_TARGETS, load_model
from training.core.sources import world_pairs
from training.task.world import problems

SHIPPED_ADAPTER = paths.ASSETS / "valley" / "classroom" / "adapters" / "long-n250"
DEFAULT_RECIPE = paths.RECIPES / "tiny" / "sft" / "classroom.yaml"


def matmul_peak(bf16: bool, size: int = 1024, seconds: float = 1.0) -> float:
    """Measured FLOP/s of a size x size matrix product: fp32, or fp32 inputs under bf16 autocast (how
    training runs bf16). Emulated bf16 is ~100x slower, so the repetitions follow a time budget."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        a @ b
        reps, t = 0, time.perf_counter()
        while time.perf_counter() - t < seconds or reps < 2:
            a @ b
            reps += 1
    return 2 * size ** 3 * reps / (time.perf_counter() - t)


def bench_machine(_quick: bool) -> dict:
    prec = precision.resolve("auto", "cpu", (8 * 288, 192, 576))  # the default run's batch through the MLP
    fp32, bf16 = matmul_peak(False), matmul_peak(True, seconds=0.5)
    return {"cpu_capability": torch.backends.cpu.get_cpu_capability(), "cpu": precision._cpu_name(),
            "threads": torch.get_num_threads(), "torch": torch.__version__,
            "matmul_peak_fp32_gflops": fp32 / 1e9, "matmul_peak_bf16_autocast_gflops": bf16 / 1e9,
            "auto_precision": prec.name, "auto_reason": prec.reason}


def _lora():
    from peft import LoraConfig, get_peft_model

    model, tok = load_model("tiny")
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS["qwen2"],
                                             task_type="CAUSAL_LM"))
    return model, tok


def _batches(tok, steps: int, batch: int):
    examples = encode_all(tok, world_pairs(max(steps * batch, 250), "long", "classroom", 0), 1024).examples
    return cycle_epochs(lambda e: batches(examples, batch, e, tok.pad_token_id))


def _fraction(achieved: float, peak: float) -> float | str:
    f = achieved / peak
    return round(f, 3) if f <= 1 else f"BROKEN MEASUREMENT: {f:.2f} of the peak (achieved above the peak)"


def bench_train(steps: int, batch: int, bf16: bool | None = None) -> dict:
    """Our loop in the precision `auto` picks: tokens/s and the fraction of that precision's peak."""
    if bf16 is None:
        bf16 = precision.resolve("auto", "cpu", (batch * 288, 192, 576)).bf16
    model, tok = _lora()
    it = _batches(tok, steps, batch)
    train(model, it, 2, 1e-3, bf16=bf16, log_every=10**9)  # warm-up
    res = train(model, it, steps, 1e-3, bf16=bf16, log_every=10**9)
    n_params = sum(p.numel() for p in model.parameters())
    peak = matmul_peak(bf16, seconds=0.5)
    flops = 6 * n_params * res.tokens_per_s
    return {"precision": "bf16" if bf16 else "fp32", "tokens_per_s": res.tokens_per_s, "params": n_params,
            "threads": torch.get_num_threads(), "achieved_gflops": flops / 1e9, "peak_gflops": peak / 1e9,
            "fraction_of_peak": _fraction(flops, peak)}


def bench_trainer(steps: int, batch: int) -> dict:
    """Our loop vs transformers.Trainer: same LoRA model, examples, batch, steps and precision."""
    from transformers import Trainer, TrainingArguments

    bf16 = precision.resolve("auto", "cpu", (batch * 288, 192, 576)).bf16
    model, tok = _lora()
    it = _batches(tok, steps, batch)
    train(model, it, 2, 1e-3, bf16=bf16, log_every=10**9)
    ours = train(model, it, steps, 1e-3, bf16=bf16, log_every=10**9)

    model2, _ = _lora()
    ex = encode_all(tok, world_pairs(max(steps * batch, 250), "long", "classroom", 0), 1024).examples
    args = TrainingArguments(output_dir=str(paths.home() / "bench-trainer"), per_device_train_batch_size=batch,
                             max_steps=steps + 2, learning_rate=1e-3, lr_scheduler_type="cosine",
                             warmup_steps=max(1, round(0.05 * (steps + 2))), logging_steps=10**9,
                             save_strategy="no", report_to=[], bf16=bf16, use_cpu=True, dataloader_num_workers=0,
                             disable_tqdm=True, remove_unused_columns=False, **length_grouping())

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
    return {"precision": "bf16" if bf16 else "fp32", "ours_tokens_per_s": ours.tokens_per_s,
            "trainer_tokens_per_s": hf_tok_s, "ratio_ours_over_trainer": ours.tokens_per_s / hf_tok_s}


def bench_generate(n_problems: int, max_new_tokens: int) -> dict:
    """Ours vs the previous implementation vs transformers batched vs per-example, greedy, same problems."""
    import training.core.generate as G

    model, tok = load_model("tiny", adapter=SHIPPED_ADAPTER, merge=True)
    prompts = [p.prompt for p in problems("classroom", "test", n_problems)]

    def timed(fn):
        t = time.perf_counter()
        out = fn()
        return out, time.perf_counter() - t

    ours, t_ours = timed(lambda: generate(model, tok, prompts, max_new_tokens=max_new_tokens, batch_size=200))
    fast = G.decode_batch
    G.decode_batch = _decode_general  # the previous implementation, through the same generate()
    try:
        prev, t_prev = timed(lambda: generate(model, tok, prompts, max_new_tokens=max_new_tokens, batch_size=200))
    finally:
        G.decode_batch = fast
    hf, t_hf = timed(lambda: generate_hf(model, tok, prompts, max_new_tokens=max_new_tokens, batch_size=200))
    k = max(4, n_problems // 20)  # per-example generate() is slow: time a subset and scale
    single, t_single = timed(lambda: generate_hf(model, tok, prompts[:k], max_new_tokens=max_new_tokens,
                                                 batch_size=1))
    t_single *= n_problems / k
    toks = sum(g.n_tokens for g in ours)

    def same(a, b):
        return sum(x.text == y.text and x.finish == y.finish for x, y in zip(a, b)) / len(b)

    return {"problems": n_problems, "max_new_tokens": max_new_tokens, "generated_tokens": toks,
            "ours_tokens_per_s": toks / t_ours, "previous_tokens_per_s": toks / t_prev,
            "hf_batched_tokens_per_s": toks / t_hf, "per_example_tokens_per_s_estimated": toks / t_single,
            "ratio_ours_over_previous": t_prev / t_ours, "ratio_ours_over_hf_batched": t_hf / t_ours,
            "ratio_ours_over_per_example": t_single / t_ours,
            "fraction_of_fp32_peak": _fraction(2 * sum(p.numel() for p in model.parameters()) * toks / t_ours,
                                               matmul_peak(False, seconds=0.5)),
            "identical_to_previous": same(ours, prev), "identical_to_hf_batched": same(ours, hf),
            "identical_to_per_example": same(ours[:k], single)}


def bench_threads(steps: int, batch: int) -> dict:
    out = {}
    before = torch.get_num_threads()
    for n in (1, 2):
        torch.set_num_threads(n)
        out[f"threads_{n}_tokens_per_s"] = bench_train(steps, batch)["tokens_per_s"]
    torch.set_num_threads(before)
    out["ratio_2_over_1"] = out["threads_2_tokens_per_s"] / out["threads_1_tokens_per_s"]
    return out


def bench_default(quick: bool) -> dict:
    """The app's default run as a user starts it: a new process, from start to metrics.json."""
    run_dir = paths.home() / "bench-default"
    extra = ["--n", "16", "--eval_n", "20"] if quick else []
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "training.sft", "--config", str(DEFAULT_RECIPE), "--run_dir", str(run_dir),
                    "--log_every", "50", *extra], check=True, cwd=str(paths.REPO), stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    m = json.loads((run_dir / "metrics.json").read_text())
    ev = m.get("eval") or {}
    return {"wall_s": wall, "setup_s": m["setup_s"], "train_s": m["train_seconds"],
            "generation_s": ev.get("generation_seconds"), "startup_and_saving_s":
            wall - m["setup_s"] - m["train_seconds"] - (ev.get("generation_seconds") or 0),
            "train_tokens_per_s": m["tokens_per_s"], "generated_tokens_per_s": ev.get("generated_tokens_per_s"),
            "precision": m["precision"]["name"], "accuracy": ev.get("accuracy"), "n": m["config"]["n"]}


def bench_slm(steps: int, batches_: tuple[int, ...], n_gen: int, max_new: int) -> dict:
    """SmolLM2-135M-Instruct: LoRA training at several micro-batch sizes and batched generation, against the peak."""
    from peft import LoraConfig, get_peft_model

    from training.core import smollm2

    if not smollm2.ready():
        return {"skipped": f"{smollm2.NAME} is not on this machine (python -m training.fetch_model {smollm2.NAME})"}
    model, tok = load_model(smollm2.NAME)
    n_params = sum(p.numel() for p in model.parameters())
    prec = precision.resolve("auto", "cpu", precision.model_shape(model, 8 * 137), model=model)
    lora = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS["llama"],
                                            task_type="CAUSAL_LM"))
    examples = encode_all(tok, world_pairs(256, "long", "single", 0), 1024).examples
    peak = matmul_peak(prec.bf16, seconds=0.5)
    out = {"model": smollm2.NAME, "params": n_params, "precision": prec.name, "why": prec.reason,
           "threads": torch.get_num_threads(), "peak_gflops": peak / 1e9, "train": {}}
    for b in batches_:
        it = cycle_epochs(lambda e, b=b: batches(examples, b, e, tok.pad_token_id))
        train(lora, it, 1, 1e-4, bf16=prec.bf16, log_every=10**9)  # warm-up
        res = train(lora, it, steps, 1e-4, bf16=prec.bf16, log_every=10**9)
        flops = 4 * n_params * res.tokens_per_s
        out["train"][f"batch_{b}"] = {"tokens_per_s": res.tokens_per_s, "achieved_gflops": flops / 1e9,
                                      "fraction_of_peak": _fraction(flops, peak)}
    best = max(out["train"].values(), key=lambda r: r["tokens_per_s"])
    out["train_best_tokens_per_s"], out["train_best_fraction"] = best["tokens_per_s"], best["fraction_of_peak"]
    merged = lora.merge_and_unload()
    prompts = [p.prompt for p in problems("single", "test", n_gen)]
    for b in (16, n_gen):
        t = time.perf_counter()
        gens = generate(merged, tok, prompts, max_new_tokens=max_new, batch_size=b)
        dt = time.perf_counter() - t
        toks = sum(g.n_tokens for g in gens)
        out[f"generate_batch_{b}"] = {"tokens_per_s": toks / dt, "fraction_of_fp32_peak":
                                      _fraction(2 * n_params * toks / dt, matmul_peak(False, seconds=0.5))}
    return out


def bench_slms(steps: int, world: str = "single", n_gen: int = 16, max_new: int = 64) -> dict:
    """Every real SLM here, in turn: LoRA training speed (micro-batches of 4), tokens per example, generation speed;
    the training speeds as ratios to the first model's."""
    import os

    from peft import LoraConfig, get_peft_model

    from training.core import real_slms
    from training.core.models import lora_targets

    out = {"cpu_capability": torch.backends.cpu.get_cpu_capability(), "threads": torch.get_num_threads(),
           "load_average_before": os.getloadavg(), "world": world, "models": {}}
    for slm in real_slms.ALL:
        if not slm.ready():
            out["models"][slm.name] = {"skipped": f"not on this machine (python -m training.fetch_model {slm.name})"}
            continue
        model, tok = load_model(slm.name)
        n_params = sum(p.numel() for p in model.parameters())
        lora = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=lora_targets(model),
                                                task_type="CAUSAL_LM"))
        per_style = {style: encode_all(tok, world_pairs(64, style, world, 0), 1024).examples for style in ("long", "short")}
        examples = per_style["long"]
        it = cycle_epochs(lambda e: batches(examples, 4, e, tok.pad_token_id))
        train(lora, it, 1, 1e-4, log_every=10**9)  # warm-up
        res = train(lora, it, steps, 1e-4, log_every=10**9)
        merged = lora.merge_and_unload()
        t = time.perf_counter()
        gens = generate(merged, tok, [p.prompt for p in problems(world, "test", n_gen)], max_new_tokens=max_new,
                        batch_size=n_gen)
        gen_s = time.perf_counter() - t
        out["models"][slm.name] = {
            "params": n_params, "train_tokens_per_s": res.tokens_per_s, "steps": steps,
            "example_tokens": {st: sum(len(e["input_ids"]) for e in ex) / len(ex) for st, ex in per_style.items()},
            "gen_tokens_per_s": sum(g.n_tokens for g in gens) / gen_s}
        del model, lora, merged
    measured = [m for m in out["models"].values() if "train_tokens_per_s" in m]
    for m in measured:
        m["train_speed_vs_first"] = m["train_tokens_per_s"] / measured[0]["train_tokens_per_s"]
    out["load_average_after"] = os.getloadavg()
    return out


BENCHES = ("machine", "train", "trainer", "generate", "threads", "default", "slm", "slms")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=BENCHES, default=None)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    steps, batch = (6, 4) if a.quick else (30, 8)
    n_gen, max_new = (16, 64) if a.quick else (200, 512)
    runs = {"machine": lambda: bench_machine(a.quick), "train": lambda: bench_train(steps, batch),
            "trainer": lambda: bench_trainer(steps, batch), "generate": lambda: bench_generate(n_gen, max_new),
            "threads": lambda: bench_threads(steps, batch), "default": lambda: bench_default(a.quick),
            "slm": lambda: bench_slm(2 if a.quick else 6, (4, 8) if a.quick else (4, 8, 16), 8 if a.quick else 64,
                                     32 if a.quick else 160),
            "slms": lambda: bench_slms(2 if a.quick else 4)}
    results = {}
    for name in [a.only] if a.only else list(runs):
        t = time.perf_counter()
        results[name] = runs[name]()
        results[name]["bench_seconds"] = round(time.perf_counter() - t, 1)
        print(f"[bench] {name}: " + json.dumps({k: (round(v, 3) if isinstance(v, float) else v)
                                                 for k, v in results[name].items()}), flush=True)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
