"""Benchmarks of this machine, printed as ratios against a baseline run in the same process.

    python -m training.bench                  # everything (about 15 minutes on 2 idle cores)
    python -m training.bench --only generate  # machine | profile | train | trainer | generate | sampler | threads |
                                              # default | slm | slms | slm_eval
    python -m training.bench --quick          # smaller, for a smoke check (a few minutes)

The last line, `targets`, gathers issue 31's ratios from the benches that ran: the default run against its compute
floor, the tiny model's and SmolLM2's LoRA training as shares of the peak, the correction sampler against the previous
implementation, and whether the outputs stayed the same.

1. machine: the CPU capability (torch.backends.cpu.get_cpu_capability()), the measured fp32 and bf16
   matrix-product peaks, and the precision `auto` picks here (training.core.precision), with why;
   profile: where a step of the default run goes (training.core.loop on the app's default LoRA run): the padding
   share of its batches, each kind of operation's share of a step (torch.profiler), the phases of a step (forward,
   backward, optimizer, the host's work between steps), and generation's cost per decode step at several batch sizes;
2. train: our SFT loop (LoRA as the default run builds it, the app's default data and batch) in that precision:
   tokens/s, and that as a fraction of the same precision's peak by the LoRA rule (4 x parameters FLOPs per trained
   token, see slm), against the previous implementation (the model's own forward: lean=False) in alternating rounds.
   A fraction above 1 means the measurement is broken: it is reported as such, never as a number;
3. trainer: our loop against plain transformers.Trainer, same model, data, batch, steps and precision;
4. generate: the 200 classroom test problems, greedy, with the shipped N=250 adapter merged (long,
   uneven answers, as in the default run): our batched decoder against the previous implementation
   (transformers' forward with its cache, dropping finished rows), transformers' own batched
   generate(), and one generate() call per problem; with the share of identical outputs;
5. threads: torch threads 1 vs 2 for training (on 2 shared cores this is not obvious);
   sampler: the on-policy correction sampler (training.sft.corrected_examples: a LoRA model mid-run, the shipped N=250
   adapter unmerged, sampling its 250 training problems at T=0.7, top-p 0.95) against the previous implementation
   (the PEFT model through transformers' forward), with the share of identical samples;
6. default: the app's default run (`python -m training.sft --config training/recipes/tiny/sft/classroom.yaml`)
   as a subprocess, from start to metrics.json: wall time, setup, training, generation; against its compute floor
   (4 x parameters x trained tokens at the training precision's peak + 2 x parameters x generated tokens at the fp32
   peak, generation's precision on a CPU) and against the previous implementation (--lean false), alternating;
7. slm: the real SLM, SmolLM2-135M-Instruct (when it is on this machine: training.fetch_model), LoRA r16 on
   every linear layer over its `single`-world long traces at several micro-batch sizes, and batched greedy
   generation; each as a fraction of the measured peak of the precision it used (at the best micro-batch also with
   the previous implementation, alternating). FLOPs per token: a LoRA step
   does the forward (2 x parameters) and the input gradients of the backward (2 x parameters) but no weight
   gradients of the frozen base (the adapters' own are ~4% of that): 4 x parameters; generation 2 x parameters.
   The parameters counted are the base model's (an adapter's own products are extra work on top of the floor).
9. slms: every real small model on this machine (SmolLM2-135M-Instruct, Gemma-3-270M), one after the other in
   this process, LoRA r16 on every linear layer in micro-batches of 4 over the same world's long traces (each
   model's own tokens): training tokens/s, each model's against the first's (a ratio measured under the same
   load), its tokens per example (long, short) and its batched greedy generation; with the CPU capability and the
   load average (a busy machine slows both: the ratio is what carries over).
10. slm_eval: the real SLM's evaluation as a finished run's is done (SmolLM2 with the shipped long-n64 LoRA adapter,
   merged into a copy on the lean decoder), on addmul test problems: greedy and avg@4 at T=0.6, top-p 0.95 (one pass,
   the 4 samples of a problem as rows of the same batches) at several batch sizes, the sampled ones against the
   previous sampler (the whole vocabulary sorted, torch.multinomial) in alternating rounds, and a decode step split
   into the model's work and the sampler's; with the CPU capability and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Callable

import torch

from training.core import paths, precision
from training.core.encode import batches, collate, encode_all
from training.core.generate import _decode_general, generate, generate_hf
from training.core.hf_trainer import length_grouping
from training.core.loop import cycle_epochs, train
from training.core.models import LORA_TARGETS, load_model, unseen_format_tokens
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
    """The embedded model with the LoRA adapter the default run trains (training.sft: r16 on every projection, and the
    two format tokens' rows)."""
    from peft import LoraConfig, get_peft_model

    model, tok = load_model("tiny")
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS["qwen2"],
                                             task_type="CAUSAL_LM",
                                             trainable_token_indices=unseen_format_tokens(tok) or None))
    return model, tok


def _base_params(model) -> int:
    """The frozen base model's parameters: what the FLOP rules count (an adapter's own work is extra)."""
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    return frozen or sum(p.numel() for p in model.parameters())


def _default_examples(tok, n: int = 250) -> list[dict]:
    return encode_all(tok, world_pairs(n, "long", "classroom", 0), 1024).examples


def _batches(tok, steps: int, batch: int):
    examples = _default_examples(tok, max(steps * batch, 250))
    return cycle_epochs(lambda e: batches(examples, batch, e, tok.pad_token_id))


def _fraction(achieved: float, peak: float) -> float | str:
    f = achieved / peak
    return round(f, 3) if f <= 1 else f"BROKEN MEASUREMENT: {f:.2f} of the peak (achieved above the peak)"


def _alternating(variants: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Each variant's median over `rounds` rounds run in turn (A B A B ...): load on a shared machine slows both."""
    seen: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, run in variants.items():
            seen[name].append(run())
    return {name: statistics.median(values) for name, values in seen.items()}


def _training_precision(batch: int) -> bool:
    return precision.resolve("auto", "cpu", (batch * 288, 192, 576)).bf16


# torch.profiler operation names -> the kind of work (a name containing the key); everything else is element-wise
# work (norms, rotary, activations, residual adds, the loss) and bookkeeping (views, zeros, concatenations)
OP_KINDS = {"matrix products": ("aten::mm", "aten::addmm", "aten::bmm"), "attention": ("flash_attention",),
            "casts between fp32 and bf16": ("aten::copy_", "aten::_to_copy"), "optimizer": ("adamw", "_foreach")}


def _op_kind(name: str) -> str:
    for kind, keys in OP_KINDS.items():
        if any(k in name for k in keys):
            return kind
    return "element-wise and other"


def _op_shares(model, it, steps: int, bf16: bool, lean: bool) -> dict:
    """One profiled stretch of the loop: each kind of operation's share of the wall time, the top operations, and
    the time spent outside any operation (Python and the loop's own bookkeeping)."""
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU]) as prof:
        t = time.perf_counter()
        train(model, it, steps, 1e-3, bf16=bf16, log_every=10**9, lean=lean)
        wall = time.perf_counter() - t
    ops = [(e.key, e.self_cpu_time_total / 1e6) for e in prof.key_averages()]
    kinds: dict[str, float] = {}
    for name, sec in ops:
        kinds[_op_kind(name)] = kinds.get(_op_kind(name), 0.0) + sec
    kinds["outside any operation"] = max(0.0, wall - sum(sec for _, sec in ops))
    top = sorted(ops, key=lambda o: -o[1])[:8]
    return {"step_s": wall / steps, "shares": {k: round(v / wall, 3) for k, v in kinds.items()},
            "top_ops": {name: round(sec / wall, 3) for name, sec in top}}


def _step_phases(model, it, steps: int, bf16: bool) -> dict:
    """Seconds per step in each phase of the loop's step, timed around the same calls (training.core.loop.train)."""
    from training.core.decoder import LoRAStep

    lean = LoRAStep.of(model, bf16)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-4, betas=(0.9, 0.95), fused=True)
    phases = dict.fromkeys(("between steps (next batch, host checks)", "forward", "backward",
                            "clip and optimizer"), 0.0)
    names = list(phases)
    for _ in range(steps):
        marks = [time.perf_counter()]
        b = next(it)
        _ = bool((b["attention_mask"][:, :-1] >= b["attention_mask"][:, 1:]).all()), int(b["attention_mask"].sum())
        marks.append(time.perf_counter())
        if lean:
            loss = lean.loss(b["input_ids"], b["labels"])
        else:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                loss = model(input_ids=b["input_ids"], labels=b["labels"]).loss
        marks.append(time.perf_counter())
        loss.backward()
        marks.append(time.perf_counter())
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        marks.append(time.perf_counter())
        for name, a, z in zip(names, marks, marks[1:]):
            phases[name] += (z - a) / steps
    return {name: round(sec, 4) for name, sec in phases.items()}


def _decode_step_costs(batch_sizes: tuple[int, ...], steps: int = 32) -> dict:
    """Seconds per decode step of the lean decoder (training.core.decoder) at several batch sizes, on the shipped
    N=250 model merged: the cost of one token for each row, and how much of it does not shrink with the batch."""
    from training.core import decoder
    from training.core.generate import chat_prompt, left_pad

    model, tok = load_model("tiny", adapter=SHIPPED_ADAPTER, merge=True)
    prompts = [tok(chat_prompt(tok, p.prompt), add_special_tokens=False)["input_ids"]
               for p in problems("classroom", "test", max(batch_sizes))]
    out = {}
    with torch.no_grad():
        for b in batch_sizes:
            ids, mask = left_pad(prompts[:b], tok.pad_token_id, "cpu")
            dec = decoder.Decoder(model, capacity=steps + 1)
            logits = dec.prefill(ids, mask)
            t = time.perf_counter()
            for _ in range(steps):
                logits = dec.step(logits.argmax(-1))
            step_s = (time.perf_counter() - t) / steps
            out[f"batch_{b}"] = {"ms_per_step": round(step_s * 1e3, 3), "us_per_token": round(step_s / b * 1e6, 1)}
    return out


def bench_profile(quick: bool) -> dict:
    """Where the default run's time goes: padding, the kinds of operations in a step, its phases, decode costs."""
    bf16 = _training_precision(8)
    model, tok = _lora()
    examples = _default_examples(tok, 16 if quick else 250)
    epoch_batches = [b for e in range(4) for b in batches(examples, 8, e, tok.pad_token_id)]  # the run's 4 epochs
    computed = sum(b["input_ids"].numel() for b in epoch_batches)
    real = sum(int(b["attention_mask"].sum()) for b in epoch_batches)
    it = cycle_epochs(lambda e: batches(examples, 8, e, tok.pad_token_id))
    steps = 2 if quick else 6
    train(model, it, 2, 1e-3, bf16=bf16, log_every=10**9)  # warm-up
    phases = _step_phases(model, it, steps, bf16)
    return {"precision": "bf16" if bf16 else "fp32", "padding_share": round(1 - real / computed, 4),
            "step_ops_ours": _op_shares(model, it, steps, bf16, lean=True),
            "step_ops_previous": _op_shares(model, it, steps, bf16, lean=False),
            "step_phases_s": phases,
            "decode_step": _decode_step_costs((1, 16) if quick else (1, 16, 64, 200))}


def bench_train(steps: int, batch: int, rounds: int = 3) -> dict:
    """Our loop in the precision `auto` picks, the lean LoRA step against the model's own forward (the previous
    implementation), alternating: tokens/s, and each as a fraction of the precision's peak by the LoRA rule."""
    bf16 = _training_precision(batch)
    model, tok = _lora()
    it = _batches(tok, steps, batch)
    train(model, it, 2, 1e-3, bf16=bf16, log_every=10**9)  # warm-up

    def tokens_per_s(lean: bool) -> float:
        return train(model, it, steps, 1e-3, bf16=bf16, log_every=10**9, lean=lean).tokens_per_s

    speed = _alternating({"ours": lambda: tokens_per_s(True), "previous": lambda: tokens_per_s(False)}, rounds)
    n_params = _base_params(model)
    peak = matmul_peak(bf16, seconds=0.5)
    return {"precision": "bf16" if bf16 else "fp32", "tokens_per_s": speed["ours"],
            "previous_tokens_per_s": speed["previous"], "ratio_over_previous": speed["ours"] / speed["previous"],
            "params": n_params, "threads": torch.get_num_threads(), "peak_gflops": peak / 1e9,
            "fraction_of_peak": _fraction(4 * n_params * speed["ours"], peak),
            "previous_fraction_of_peak": _fraction(4 * n_params * speed["previous"], peak),
            "loss_max_relative_difference": _lean_loss_difference(model, tok, bf16)}


def _lean_loss_difference(model, tok, bf16: bool, n_batches: int = 4) -> float:
    """The largest relative difference between the lean step's loss and the model's own, on the same batches."""
    from training.core.decoder import LoRAStep

    step = LoRAStep.of(model, bf16)
    worst = 0.0
    with torch.no_grad():
        for b in batches(_default_examples(tok), 8, 0, tok.pad_token_id)[:n_batches]:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                ref = model(input_ids=b["input_ids"], labels=b["labels"]).loss.item()
            worst = max(worst, abs(step.loss(b["input_ids"], b["labels"]).item() - ref) / abs(ref))
    return worst


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

    return {"problems": n_problems, "max_new_tokens": max_new_tokens, "generated_tokens": toks,
            "ours_tokens_per_s": toks / t_ours, "previous_tokens_per_s": toks / t_prev,
            "hf_batched_tokens_per_s": toks / t_hf, "per_example_tokens_per_s_estimated": toks / t_single,
            "ratio_ours_over_previous": t_prev / t_ours, "ratio_ours_over_hf_batched": t_hf / t_ours,
            "ratio_ours_over_per_example": t_single / t_ours,
            "fraction_of_fp32_peak": _fraction(2 * sum(p.numel() for p in model.parameters()) * toks / t_ours,
                                               matmul_peak(False, seconds=0.5)),
            "identical_to_previous": _same(ours, prev), "identical_to_hf_batched": _same(ours, hf),
            "identical_to_per_example": _same(ours[:k], single)}


def bench_sampler(n_problems: int, max_new_tokens: int, rounds: int = 1) -> dict:
    """The on-policy correction sampler (what training.sft.corrected_examples runs: a LoRA model mid-run, sampling
    the run's training problems in batches of 64) through a merged copy on the lean decoder against the previous
    implementation (the PEFT model through transformers' forward), on the shipped N=250 adapter left unmerged."""
    model, tok = load_model("tiny", adapter=SHIPPED_ADAPTER)
    prompts = [p.prompt for p in problems("classroom", "train", n_problems)]
    outputs: dict[str, list] = {}

    def tokens_per_s(name: str, lean: bool) -> float:
        t = time.perf_counter()
        outputs[name] = generate(model, tok, prompts, max_new_tokens=max_new_tokens, temperature=0.7, top_p=0.95,
                                 seed=0, batch_size=64, lean=lean)
        return sum(g.n_tokens for g in outputs[name]) / (time.perf_counter() - t)

    speed = _alternating({"ours": lambda: tokens_per_s("ours", True),
                          "previous": lambda: tokens_per_s("previous", False)}, rounds)
    return {"problems": n_problems, "max_new_tokens": max_new_tokens, "batch": 64,
            "tokens_per_s": speed["ours"], "previous_tokens_per_s": speed["previous"],
            "ratio_over_previous": speed["ours"] / speed["previous"],
            "identical_samples": _same(outputs["ours"], outputs["previous"]),
            "mean_tokens": {k: sum(g.n_tokens for g in v) / len(v) for k, v in outputs.items()}}


def _same(a: list, b: list) -> float:
    """The share of generations with the same text and ending."""
    return sum(x.text == y.text and x.finish == y.finish for x, y in zip(a, b)) / len(b)


def bench_threads(steps: int, batch: int) -> dict:
    out = {}
    before = torch.get_num_threads()
    bf16 = _training_precision(batch)
    for n in (1, 2):
        torch.set_num_threads(n)
        model, tok = _lora()
        it = _batches(tok, steps, batch)
        train(model, it, 2, 1e-3, bf16=bf16, log_every=10**9)  # warm-up
        out[f"threads_{n}_tokens_per_s"] = train(model, it, steps, 1e-3, bf16=bf16, log_every=10**9).tokens_per_s
    torch.set_num_threads(before)
    out["ratio_2_over_1"] = out["threads_2_tokens_per_s"] / out["threads_1_tokens_per_s"]
    return out


def _default_run(extra: list[str], lean: bool) -> dict:
    """The app's default run as a user starts it: a new process, from start to metrics.json."""
    run_dir = paths.home() / f"bench-default-{'ours' if lean else 'previous'}"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "training.sft", "--config", str(DEFAULT_RECIPE), "--run_dir", str(run_dir),
                    "--log_every", "50", "--lean", str(lean).lower(), *extra], check=True, cwd=str(paths.REPO),
                   stdout=subprocess.DEVNULL)
    m = json.loads((run_dir / "metrics.json").read_text())
    return {"wall_s": time.perf_counter() - t, "metrics": m}


def bench_default(quick: bool, rounds: int = 2) -> dict:
    """The default run (ours and the previous implementation, alternating) and its compute floor on this machine:
    4 x base parameters x trained tokens at the training precision's peak + 2 x base parameters x generated tokens at
    the fp32 peak (generation's precision on a CPU)."""
    extra = ["--n", "16", "--eval_n", "20"] if quick else []
    runs: dict[str, dict] = {}

    def wall(name: str, lean: bool) -> float:
        runs[name] = _default_run(extra, lean)
        return runs[name]["wall_s"]

    walls = _alternating({"ours": lambda: wall("ours", True), "previous": lambda: wall("previous", False)}, rounds)
    m = runs["ours"]["metrics"]
    ev = m.get("eval") or {}
    bf16 = m["precision"]["name"] == "bf16"
    train_peak, fp32_peak = matmul_peak(bf16), matmul_peak(False)
    params = m["total_params"] - m["trainable_params"] if m["config"]["method"] == "lora" else m["total_params"]
    generated = ev.get("n", 0) * ev.get("mean_tokens", 0)
    floor = 4 * params * m["tokens"] / train_peak + 2 * params * generated / fp32_peak
    prev = runs["previous"]["metrics"]
    return {"wall_s": walls["ours"], "previous_wall_s": walls["previous"],
            "ratio_previous_over_ours": walls["previous"] / walls["ours"],
            "floor_s": floor, "over_floor": walls["ours"] / floor, "setup_s": m["setup_s"],
            "train_s": m["train_seconds"], "generation_s": ev.get("generation_seconds"),
            "startup_and_saving_s": runs["ours"]["wall_s"] - m["setup_s"] - m["train_seconds"]
            - (ev.get("generation_seconds") or 0),
            "train_tokens": m["tokens"], "generated_tokens": generated, "base_params": params,
            "train_peak_gflops": train_peak / 1e9, "fp32_peak_gflops": fp32_peak / 1e9,
            "train_tokens_per_s": m["tokens_per_s"], "generated_tokens_per_s": ev.get("generated_tokens_per_s"),
            "train_fraction_of_peak": _fraction(4 * params * m["tokens_per_s"], train_peak),
            "precision": m["precision"]["name"], "accuracy": ev.get("accuracy"),
            "previous_accuracy": (prev.get("eval") or {}).get("accuracy"), "final_loss": m["final_loss"],
            "previous_final_loss": prev["final_loss"], "n": m["config"]["n"]}


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
    its = {b: cycle_epochs(lambda e, b=b: batches(examples, b, e, tok.pad_token_id)) for b in batches_}

    def tokens_per_s(b: int, lean: bool = True) -> float:
        return train(lora, its[b], steps, 1e-4, bf16=prec.bf16, log_every=10**9, lean=lean).tokens_per_s

    for b in batches_:
        train(lora, its[b], 1, 1e-4, bf16=prec.bf16, log_every=10**9)  # warm-up
        speed = tokens_per_s(b)
        flops = 4 * n_params * speed
        out["train"][f"batch_{b}"] = {"tokens_per_s": speed, "achieved_gflops": flops / 1e9,
                                      "fraction_of_peak": _fraction(flops, peak)}
    best_b = max(batches_, key=lambda b: out["train"][f"batch_{b}"]["tokens_per_s"])
    speed = _alternating({"ours": lambda: tokens_per_s(best_b), "previous": lambda: tokens_per_s(best_b, False)}, 2)
    out.update({"train_best_batch": best_b, "train_best_tokens_per_s": speed["ours"],
                "train_best_fraction": _fraction(4 * n_params * speed["ours"], peak),
                "previous_tokens_per_s": speed["previous"],
                "previous_fraction": _fraction(4 * n_params * speed["previous"], peak),
                "ratio_over_previous": speed["ours"] / speed["previous"]})
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


BENCHES = ("machine", "profile", "train", "trainer", "generate", "sampler", "threads", "default", "slm", "slms",
           "slm_eval")
# issue 31's targets: (bench, figure, how it passes)
TARGETS = {"default_over_floor": ("default", "over_floor", lambda v: v <= 2.0),
           "tiny_lora_fraction_of_peak": ("train", "fraction_of_peak", lambda v: v >= 0.6),
           "slm_lora_fraction_of_peak": ("slm", "train_best_fraction", lambda v: v >= 0.6),
           "sampler_over_previous": ("sampler", "ratio_over_previous", lambda v: v >= 10),
           "greedy_answers_identical": ("generate", "identical_to_previous", lambda v: v == 1.0),
           "lean_step_loss_difference": ("train", "loss_max_relative_difference", lambda v: v < 1e-5)}


def targets(results: dict) -> dict:
    """Each target's figure from the benches that ran, and whether it is met (a broken figure never is)."""
    out = {}
    for name, (bench, key, met) in TARGETS.items():
        value = (results.get(bench) or {}).get(key)
        if value is not None:
            out[name] = {"value": value, "met": isinstance(value, (int, float)) and bool(met(value))}
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


SMOLLM2_ADAPTER = paths.ASSETS / "valley" / "smollm2" / "adapters" / "long-n64"


def previous_pick_next(logits: torch.Tensor, temperature: float, top_p: float, gen: torch.Generator) -> torch.Tensor:
    """The sampler before 2026-12-05 (slm_eval's baseline): the whole vocabulary sorted, then torch.multinomial."""
    if temperature == 0:
        return logits.argmax(-1)
    probs = torch.softmax(logits.float() / temperature, dim=-1)
    if top_p < 1:
        sorted_p, idx = probs.sort(dim=-1, descending=True)
        keep = sorted_p.cumsum(-1) - sorted_p < top_p
        probs = torch.zeros_like(probs).scatter(-1, idx, sorted_p * keep)
    return torch.multinomial(probs.cpu(), 1, generator=gen).squeeze(-1).to(logits.device)


def _step_split(model, tok, prompts: list[str], batch: int, steps: int = 4) -> dict:
    """Seconds of one decode step at `batch` rows (the merged model on the lean decoder, a few tokens into the
    answers) against one draw of the next tokens at T=0.6, top-p 0.95 by the sampler and by the previous one."""
    from training.core import decoder
    from training.core.generate import chat_prompt, left_pad, pick_next

    ids = [tok(chat_prompt(tok, p), add_special_tokens=False)["input_ids"] for p in prompts]
    ids = (ids * (batch // len(ids) + 1))[:batch]
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        dec = decoder.Decoder(model, capacity=2 * steps + 2)
        logits = dec.prefill(*left_pad(ids, tok.pad_token_id, "cpu"))
        timed = {"decode_step": lambda: dec.step(logits.argmax(-1)),
                 "sampler": lambda: pick_next(logits, 0.6, 0.95, gen),
                 "previous_sampler": lambda: previous_pick_next(logits, 0.6, 0.95, gen)}
        secs = _alternating({name: lambda f=f: _seconds(f) for name, f in timed.items()}, steps)
    return {"ms": {k: round(v * 1e3, 1) for k, v in secs.items()},
            "sampler_over_step": secs["sampler"] / secs["decode_step"],
            "previous_sampler_over_step": secs["previous_sampler"] / secs["decode_step"]}


def _seconds(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_slm_eval(n_problems: int, batch_sizes: tuple[int, ...], max_new: int, rounds: int = 1) -> dict:
    """The real SLM's evaluation as a finished run's is done (training.sft -> evaluate_decodings -> evaluate_model:
    SmolLM2-135M-Instruct with a LoRA adapter, unmerged, generating through a merged copy on the lean decoder; the
    sampled avg@4 as one pass whose batches hold the 4 samples of each problem as rows), on `n_problems` addmul test
    problems: greedy and avg@4 at T=0.6, top-p 0.95 at each batch size, tokens/s (the sampled ones against the
    previous sampler, alternating), and a decode step split into the model's work and the sampler's. The machine may
    be shared: the ratios measured in turn carry over, the absolute speeds do not."""
    from training.core import generate as G
    from training.core import smollm2
    from training.core.evaluation import evaluate_model

    if not smollm2.ready():
        return {"skipped": f"{smollm2.NAME} is not on this machine (python -m training.fetch_model {smollm2.NAME})"}
    model, tok = load_model(smollm2.NAME, adapter=SMOLLM2_ADAPTER)
    out = {"cpu_capability": torch.backends.cpu.get_cpu_capability(), "threads": torch.get_num_threads(),
           "load_average_before": os.getloadavg(), "world": "addmul", "problems": n_problems,
           "max_new_tokens": max_new, "adapter": paths.portable(SMOLLM2_ADAPTER), "batches": {}}

    def tokens_per_s(b: int, samples: int, sampler=None) -> tuple[float, list]:
        fast, G.pick_next = G.pick_next, sampler or G.pick_next
        try:
            res = evaluate_model(model, tok, "addmul", n_problems, samples=samples, temperature=0.6 if samples > 1 else 0,
                                 max_new_tokens=max_new, batch_size=b)
        finally:
            G.pick_next = fast
        return res["summary"]["generated_tokens_per_s"], [r["completion"] for r in res["records"]]

    greedy_texts = {}
    for b in batch_sizes:
        speed, greedy_texts[b] = tokens_per_s(b, 1)
        sampled = _alternating({"ours": lambda b=b: tokens_per_s(b, 4)[0],
                                "previous": lambda b=b: tokens_per_s(b, 4, previous_pick_next)[0]}, rounds)
        out["batches"][f"batch_{b}"] = {"greedy_tokens_per_s": speed, "avg4_tokens_per_s": sampled["ours"],
                                        "avg4_previous_tokens_per_s": sampled["previous"],
                                        "avg4_over_previous": sampled["ours"] / sampled["previous"]}
    first = batch_sizes[0]
    for b in batch_sizes:
        row = out["batches"][f"batch_{b}"]
        row["greedy_over_first_batch"] = row["greedy_tokens_per_s"] / out["batches"][f"batch_{first}"]["greedy_tokens_per_s"]
        row["greedy_identical_to_first_batch"] = sum(x == y for x, y in zip(greedy_texts[b], greedy_texts[first])) / len(greedy_texts[first])
    merged = G.lean_model(model)
    prompts = [p.prompt for p in problems("addmul", "test", n_problems)]
    out["decode_step"] = {f"batch_{b}": _step_split(merged, tok, prompts, b) for b in batch_sizes}
    out["load_average_after"] = os.getloadavg()
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=BENCHES, default=None)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    steps, batch = (6, 4) if a.quick else (30, 8)
    n_gen, max_new = (16, 64) if a.quick else (200, 512)
    runs = {"machine": lambda: bench_machine(a.quick), "profile": lambda: bench_profile(a.quick),
            "train": lambda: bench_train(steps, batch, 1 if a.quick else 3),
            "trainer": lambda: bench_trainer(steps, batch), "generate": lambda: bench_generate(n_gen, max_new),
            "sampler": lambda: bench_sampler(16 if a.quick else 250, max_new),
            "threads": lambda: bench_threads(steps, batch), "default": lambda: bench_default(a.quick, 1 if a.quick else 2),
            "slm": lambda: bench_slm(2 if a.quick else 6, (4, 8) if a.quick else (4, 8, 16), 8 if a.quick else 64,
                                     32 if a.quick else 160),
            "slms": lambda: bench_slms(2 if a.quick else 4),
            "slm_eval": lambda: bench_slm_eval(8 if a.quick else 64, (8, 32) if a.quick else (16, 64, 128, 256),
                                               48 if a.quick else 256)}
    results = {}
    for name in [a.only] if a.only else list(runs):
        t, load = time.perf_counter(), os.getloadavg()[0]
        results[name] = runs[name]()
        results[name]["bench_seconds"] = round(time.perf_counter() - t, 1)
        results[name]["load_1min"] = [round(load, 2), round(os.getloadavg()[0], 2)]  # before, after: a busy machine
        print(f"[bench] {name}: " + json.dumps(_rounded(results[name])), flush=True)
    results["targets"] = targets(results)
    print("[bench] targets: " + json.dumps(_rounded(results["targets"])), flush=True)
    return results


def _rounded(value):
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


if __name__ == "__main__":
    main(sys.argv[1:])
