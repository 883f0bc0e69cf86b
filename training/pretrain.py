"""Train the embedded tiny base model from scratch, on the CPU, on short-CoT traces.

This model plays the part of the paper's instruct model: it solves the world's problems step by
step, one computation per line, with no reflection. Long-CoT fine-tuning (training.sft) starts here.

Usage:
    # the shipped model, assets/tiny-base (about 60 minutes on 2 cores)
    python -m training.pretrain --config training/recipes/tiny/pretrain/classroom.yaml
    # the size ladder (same recipe, other shapes); run the same command again to resume after a stop
    python -m training.pretrain --config training/recipes/tiny/pretrain/medium.yaml
    # a seconds-long smoke run
    python -m training.pretrain --world tiny --size test --steps 30 --eval_n 10 --out_dir /tmp/tiny-base

The run's folder (out_dir, a training.core.rundir run like every command's: config.yaml, cmd.txt, status.json,
progress.jsonl, metrics.json, checkpoint/ while it can resume) is also the model's folder: config.json,
model.safetensors and the tokenizer sit beside those files, so `--model <out_dir>` loads it (the shipped
assets/tiny-base and assets/tiny-nano, written before runs kept config.yaml, have pretrain_config.yaml instead).
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import asdict, dataclass
from typing import Iterator

import torch

from training.core import checkpoint, precision
from training.core.config import cli_line, parse_config
from training.core.encode import collate, encode_chat
from training.core.generate import generate
from training.core.loop import LoopResult, train
from training.core.models import load_model
from training.core.rundir import RunDir, State, StopFlag, open_run
from training.core.tiny_model import SIZES, build_model, build_tokenizer, n_params, save_tiny
from training.task.scoring import accuracy, score_generation
from training.task.traces import AUX_TASKS, write_aux, write_trace
from training.task.world import get_preset, make_problem, problems


@dataclass
class PretrainConfig:
    """Pretraining of the tiny base model (defaults < --config YAML < --flags)."""

    world: str = "classroom"       # world preset the problems come from
    size: str = "micro"            # model shape, see training.core.tiny_model.SIZES
    out_dir: str = ""              # default: $VALLEY_HOME/runs/pretrain-<time>
    steps: int = 4000              # optimizer steps
    batch_size: int = 64           # examples per step (each one a fresh problem)
    lr: float = 2e-3               # peak learning rate (a from-scratch tiny model takes a high one)
    warmup_ratio: float = 0.02
    weight_decay: float = 0.1
    answer_only_frac: float = 0.0  # share of examples written answer-only instead of short CoT
    aux_frac: float = 0.2          # share of instruction tasks (check / next step / recap): the words
                                   # and skills of a reflective trace, never on the main prompt
    init: str = ""                 # continue from this checkpoint instead of a fresh model
    vocab_size: int = 512
    max_len: int = 256             # longer examples are dropped (and counted), never truncated
    seed: int = 0
    precision: str = "auto"        # auto | fp32 | bf16: auto = bf16 where this machine runs it fast (measured)
    threads: int = 0               # torch threads; 0 = torch's default
    log_every: int = 50
    eval_every: int = 0            # greedy accuracy on 100 test problems every k steps (0 = off)
    eval_n: int = 200              # test problems for the final metrics
    eval_samples: int = 4          # k for avg@k at T=0.6, top-p 0.95
    max_new_tokens: int = 256
    checkpoint_every: int = 100    # save weights + optimizer every k steps to <out_dir>/checkpoint (0 = never);
                                   # the same command resumes from there after a stop or a crash

    def __post_init__(self):
        get_preset(self.world)
        if self.size not in SIZES:
            raise ValueError(f"unknown size {self.size!r}; choose from {sorted(SIZES)}")
        if self.steps < 1 or self.batch_size < 1:
            raise ValueError("steps and batch_size must be >= 1")
        if not 0 < self.lr < 1:
            raise ValueError(f"lr must be in (0, 1), got {self.lr}")
        if not 0 <= self.answer_only_frac <= 1 or not 0 <= self.aux_frac < 1:
            raise ValueError("answer_only_frac must be in [0, 1] and aux_frac in [0, 1)")


def example_stream(cfg: PretrainConfig, tokenizer):
    """Endless encoded examples from problem i of split 'pretrain-s<seed>': the main task (short CoT,
    or answer-only) or, with probability aux_frac, an instruction task (training.task.traces.write_aux)."""
    test = {p.expr for p in problems(cfg.world, "test")}
    rng = random.Random(f"pretrain-style:{cfg.seed}")
    i = 0
    while True:
        p = make_problem(cfg.world, f"pretrain-s{cfg.seed}", i)
        i += 1
        if p.expr in test:
            continue
        u = rng.random()
        if u < cfg.aux_frac:
            prompt, completion = write_aux(p, AUX_TASKS[int(u / cfg.aux_frac * len(AUX_TASKS))], seed=i)
        else:
            style = "answer" if rng.random() < cfg.answer_only_frac else "short"
            prompt, completion = p.prompt, write_trace(p, style, seed=i)
        e = encode_chat(tokenizer, prompt, completion)
        if len(e["input_ids"]) <= cfg.max_len:
            yield e


def evaluate_base(model, tokenizer, world: str, n: int, samples: int, max_new_tokens: int,
                  seed: int = 0) -> dict:
    """Greedy accuracy and avg@k (T=0.6, top-p 0.95) on the world preset's held-out test problems."""
    probs = problems(world, "test", n)
    out = {}
    greedy = generate(model, tokenizer, [p.prompt for p in probs], max_new_tokens=max_new_tokens)
    recs = [score_generation(p, g) for p, g in zip(probs, greedy)]
    out["accuracy_greedy"], out["accuracy_greedy_se"] = accuracy(recs)
    out["mean_tokens_greedy"] = sum(r["n_tokens"] for r in recs) / len(recs)
    if samples:
        sampled = generate(model, tokenizer, [p.prompt for p in probs], max_new_tokens=max_new_tokens,
                           temperature=0.6, top_p=0.95, n=samples, seed=seed)
        srecs = [score_generation(probs[k // samples], g) for k, g in enumerate(sampled)]
        out[f"accuracy_avg{samples}"], out[f"accuracy_avg{samples}_se"] = accuracy(srecs)
    out["eval_problems"] = n
    return out


# Config fields that may change between the pieces of one resumed run (everything else must match).
RESUMABLE_CHANGES = {"out_dir", "threads", "log_every", "eval_every", "eval_n", "eval_samples",
                     "max_new_tokens", "checkpoint_every", "precision"}


def main(cfg: PretrainConfig) -> dict:
    with open_run(cfg.out_dir, cfg, "training.pretrain", prefix="pretrain", folder_key="out_dir") as run:
        return _run(cfg, run)


def _run(cfg: PretrainConfig, run: RunDir) -> dict:
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    run.stop_file.unlink(missing_ok=True)  # a STOP left by the piece before: running the command again resumes
    print(f"[pretrain] {cli_line('training.pretrain', cfg)}\n[pretrain] writing to {run.path}", flush=True)
    # 1. the model: a fresh one of the chosen shape (or the checkpoint `init`), continued where a stopped run was
    model, tokenizer = load_model(cfg.init) if cfg.init else fresh_model(cfg)
    start = resume(run, cfg, model)
    evals = start.saved.get("evals", [])  # greedy accuracy during training (eval_every), every piece's
    prec = precision.resolve(cfg.precision, "cpu", precision.model_shape(model, cfg.batch_size * 64), model=model)
    print(f"[pretrain] {cfg.size}: {n_params(model):,} parameters, vocab {len(tokenizer)}; {prec.name}: "
          f"{prec.reason}", flush=True)
    # 2. train on an endless stream of fresh problems
    res = train_from(start, evals, cfg, run, model, tokenizer, prec)
    if res.status == State.STOPPED and cfg.checkpoint_every and res.steps > start.step:
        print(f"[pretrain] stopped at step {res.steps} of {cfg.steps}; run the same command to resume", flush=True)
        run.write_status(State.STOPPED, steps=res.steps, total_steps=cfg.steps, resumable=True)
        return {"status": State.STOPPED, "steps": res.steps, "checkpoint": str(run.checkpoint)}
    # 3. test it, save it with its metrics
    return finish(res, start, evals, cfg, run, model, tokenizer, prec)


def fresh_model(cfg: PretrainConfig):
    tokenizer = build_tokenizer(cfg.vocab_size)
    return build_model(tokenizer, cfg.size, seed=cfg.seed), tokenizer


def resume(run: RunDir, cfg: PretrainConfig, model) -> checkpoint.Start:
    """The run's checkpoint put back into the model, if there is one (its progress lines after it dropped);
    else a fresh start (an old progress.jsonl removed)."""
    start = checkpoint.start(run, cfg, RESUMABLE_CHANGES)
    if not start.resumed:
        run.progress.unlink(missing_ok=True)
        return start
    model.load_state_dict(start.saved["model"])
    checkpoint.trim_progress(run, start.step)
    print(f"[pretrain] resuming from step {start.step} of {cfg.steps} ({run.checkpoint})", flush=True)
    return start


def length_grouped_batches(cfg: PretrainConfig, tokenizer) -> Iterator[dict]:
    """Draw 16 batches' worth of examples, group them by length, shuffle the batches.

    Examples of similar length share a batch, so little compute goes to padding (~20% faster
    than random batches here)."""
    stream, pad = example_stream(cfg, tokenizer), tokenizer.pad_token_id
    rng = random.Random(f"pretrain-batches:{cfg.seed}")
    while True:
        pool = sorted((next(stream) for _ in range(16 * cfg.batch_size)), key=lambda e: len(e["input_ids"]))
        group = [pool[i:i + cfg.batch_size] for i in range(0, len(pool), cfg.batch_size)]
        rng.shuffle(group)
        for g in group:
            yield collate(g, pad)


def train_from(start: checkpoint.Start, evals: list[dict], cfg: PretrainConfig, run: RunDir, model, tokenizer,
               prec) -> LoopResult:
    """Train from `start` to cfg.steps (or a stop): log, evaluate every eval_every steps (into `evals`), checkpoint
    every checkpoint_every steps. The result counts the whole run's tokens and training seconds, every piece's."""
    batch_iter = length_grouped_batches(cfg, tokenizer)
    for _ in range(start.step):  # the same data order as an uninterrupted run (~3.5 s per 100 steps)
        next(batch_iter)
    t0 = time.perf_counter()  # training time counts from here (each piece of a resumed run adds its own)

    def on_log(rec):
        print(f"[pretrain] step {rec['step']}/{rec['total_steps']} loss {rec['loss']:.4f} "
              f"{rec['tokens_per_s']:.0f} tok/s eta {rec['eta_s']:.0f}s", flush=True)
        if cfg.eval_every and rec["step"] % cfg.eval_every == 0 and rec["step"] < cfg.steps:
            m = evaluate_base(model, tokenizer, cfg.world, 100, 0, cfg.max_new_tokens)
            model.train()
            evals.append({"step": rec["step"], **m})
            run.append_progress({"eval": evals[-1]})
            print(f"[pretrain] eval at step {rec['step']}: greedy {m['accuracy_greedy']:.3f}", flush=True)

    def on_checkpoint(step, opt, tokens):
        checkpoint.save(run, cfg, model=model.state_dict(), optimizer=opt.state_dict(), step=step,
                        tokens=start.tokens + tokens, train_seconds=start.seconds + time.perf_counter() - t0,
                        evals=evals, resumed_at=start.resumed_at)
        print(f"[pretrain] checkpoint at step {step} ({run.checkpoint})", flush=True)

    stop = StopFlag.for_run(run)
    run.write_status(State.RUNNING, total_steps=cfg.steps, start_step=start.step)
    try:
        res = train(model, batch_iter, cfg.steps, cfg.lr, cfg.warmup_ratio, cfg.weight_decay,
                    bf16=prec.bf16, log_every=cfg.log_every, run=run, stop=stop,
                    on_log=on_log, start_step=start.step, optimizer_state=start.optimizer,
                    checkpoint_every=cfg.checkpoint_every, on_checkpoint=on_checkpoint)
    finally:
        stop.restore()
    res.tokens += start.tokens
    res.seconds = start.seconds + time.perf_counter() - t0
    return res


def finish(res: LoopResult, start: checkpoint.Start, evals: list[dict], cfg: PretrainConfig, run: RunDir, model,
           tokenizer, prec) -> dict:
    """Evaluate the trained model (greedy and avg@k), then save it in the run's folder (a model folder itself:
    RunDir.weights_dir("pretrain")) with its metrics."""
    print(f"[pretrain] {res.status} after {res.steps} steps, {res.tokens:,} tokens, "
          f"{res.tokens_per_s:.0f} tok/s; evaluating...", flush=True)
    t1 = time.perf_counter()
    run.write_status(State.EVALUATING, steps=res.steps, total_steps=cfg.steps)
    metrics = evaluate_base(model, tokenizer, cfg.world, cfg.eval_n, cfg.eval_samples,
                            cfg.max_new_tokens, seed=cfg.seed)
    metrics.update({
        "world": cfg.world,
        "size": cfg.size,
        "parameters": n_params(model),
        "tokens_seen": res.tokens,
        "steps": res.steps,
        "status": res.status,
        "train_seconds": round(res.seconds, 1),
        "train_tokens_per_s": round(res.tokens / max(res.seconds, 1e-9), 1),
        "resumed_at": start.resumed_at,
        "eval_seconds": round(time.perf_counter() - t1, 1),
        "final_loss": res.last_loss,
        "threads": torch.get_num_threads(),
        "precision": prec.to_dict(),
        "torch": torch.__version__,
        "command": cli_line("training.pretrain", cfg),
        "config": asdict(cfg),
        "evals_during_training": evals,
    })
    save_tiny(model, tokenizer, run.weights_dir("pretrain"))
    run.write_metrics(metrics)
    checkpoint.clear(run)  # the finished weights replace it
    run.write_status(res.status, steps=res.steps, total_steps=cfg.steps)
    print(json.dumps({k: v for k, v in metrics.items() if k not in ("config", "evals_during_training")},
                     indent=2), flush=True)
    return metrics


if __name__ == "__main__":
    main(parse_config(PretrainConfig, sys.argv[1:], description=__doc__))
