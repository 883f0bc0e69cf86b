"""Supervised fine-tuning on long (or short) chain-of-thought: LoRA or full, tiny model or hub model.

Usage:
    # the app's default: a LoRA adapter on the embedded model, 250 long-CoT examples (~1 minute)
    python -m training.sft --config training/recipes/tiny/sft/classroom.yaml
    # change one variable at a time
    python -m training.sft --config training/recipes/tiny/sft/classroom.yaml --n 1000 --style short
    # full fine-tuning of a hub model on your own chat-messages JSONL
    python -m training.sft --model Qwen/Qwen2.5-0.5B-Instruct --data my.jsonl --n 8000 --method full
    # seconds-long smoke run
    python -m training.sft --config training/recipes/tiny/sft/smoke.yaml

Each run writes a run directory:
    config.yaml      the resolved config            cmd.txt       the command line
    progress.jsonl   one line per logging step       status.json   running/completed/stopped/failed
    metrics.json     the summary (and evaluation)    adapter/ or model/   the weights
SIGTERM, SIGINT or a file named STOP in the run directory ends the run cleanly: the weights trained
so far are saved and the run is marked partial. It also leaves a checkpoint (checkpoint/: the trainable
weights, the optimizer, the step): the same command run again resumes there and ends with the weights of a
run that never stopped. With --checkpoint_every K a kill -9 loses at most K steps.

The schedule follows the paper (its Table 2): AdamW, cosine, warmup ratio 0.05, and more epochs for
smaller data: 4/4/4/3/3/2 epochs for 8k/16k/32k/64k/128k/220k examples. For the world we map the
paper's data sizes down by WORLD_SCALE (1/32: 8k -> 250, 128k -> 4k) and keep its epochs per rung.
The paper also grows the batch with N (8 ... 128) so that every size gets ~1,000 optimizer steps per
epoch. We keep its smallest batch, 8, at every N instead: the cost of a run is its tokens either way,
and at equal tokens the tiny model learned the long format far better from more, smaller steps
(training/LOG.md, 2026-11-26: loss 0.51 with batch 8 vs 0.76 with batch 31 at N=1,000). Set
batch_size 0 to scale the batch the paper's way (N / steps_per_epoch, clamped to [4, 128]).
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterator

import torch

from training.core import checkpoint, paths, precision
from training.core.config import parse_config
from training.core.encode import batches, encode_all, encode_chat
from training.core.evaluation import GREEDY, decoding_entry, decodings, evaluate_decodings
from training.core.generate import generate
from training.core.hf_trainer import train_with_trainer
from training.core.loop import LoopResult, cycle_epochs, train
from training.core.models import (
    default_lr,
    describe,
    load_model,
    lora_targets,
    resolve,
    save_weights,
    unseen_format_tokens,
)
from training.core.rundir import RunDir, State, StopFlag, is_main_process, open_run
from training.core.sources import WORLD_STYLES, load_pairs
from training.task.correction import correct
from training.task.traces import LongKnobs
from training.task.world import problems

# The paper's Table 2: (examples, epochs, batch size).
PAPER_SCHEDULE = [(8_000, 4, 8), (16_000, 4, 16), (32_000, 4, 32), (64_000, 3, 64), (128_000, 3, 128),
                  (220_000, 2, 128)]
WORLD_SCALE = 1 / 32  # world examples per paper example, for the schedule lookup
# Config fields that may differ between the pieces of one resumed run (everything else must match).
RESUMABLE_CHANGES = {"threads", "log_every", "checkpoint_every", "eval_n", "eval_max_new_tokens", "eval_precision",
                     "eval_samples", "eval_temperature", "run_dir", "device", "lean"}


@dataclass
class SFTConfig:
    """Fine-tune a model on N chain-of-thought examples (defaults < --config YAML < --flags)."""

    # what to train
    model: str = "tiny"            # 'tiny' (embedded), a local folder, or a hub id
    data: str = "world"            # 'world', 'openr1', or a chat-messages .jsonl/.parquet file
    world: str = "classroom"       # world preset (data=world): classroom | paper | tiny
    style: str = "long"            # world trace style: long | short | mixed | padded | answer
    n: int = 250                   # amount of data: the first N of one seeded permutation
    data_seed: int = 0
    # long-CoT knobs (data=world, style long/mixed)
    check_rate: float = 0.4
    slip_rate: float = 0.12
    catch_rate: float = 1.0
    false_alarm_rate: float = 0.12
    verbosity: float = 0.7
    # how
    method: str = "lora"           # lora | full
    lora_r: int = 16               # LoRA rank
    lora_alpha: int = 32           # LoRA scale alpha (the update is scaled by alpha / r)
    lora_dropout: float = 0.0
    target_modules: list[str] = field(default_factory=list)  # empty = every linear layer of the family
    epochs: float = 0              # 0 = the paper's epochs for this data size
    batch_size: int = 8            # the paper's batch at its smallest size (8k); 0 = N / steps_per_epoch
    steps_per_epoch: int = 32      # used only when batch_size is 0 (the paper's ~1,000 per epoch, scaled by 1/32)
    max_steps: int = 0             # 0 = epochs x steps per epoch; else exactly this many optimizer steps
                                   # (the data-vs-steps sweep: the same steps at every N)
    # ways out of the valley, at the same N (the long-CoT data of N problems stays the target)
    curriculum: str = ""           # "" | short-to-long: the first curriculum_split of the steps on short traces
    curriculum_split: float = 0.5  # of the same N problems, the rest on their long traces
    correction_rounds: int = 0     # on-policy correction: after correction_start of the steps on long traces,
    correction_start: float = 0.5  # this many rounds of: sample the student's own traces of the N problems,
    correction_temperature: float = 0.7  # keep each up to its first wrong step, let the world write the right
                                   # continuation (training.task.correction), train on it (loss on it only)
    correction_keep_error: bool = False  # keep the student's own wrong step in the context, the world's
                                   # continuation catching it first ("Wait, let me check that ... Actually ...")
    lr: float = 0                  # 0 = the method's default for the model (training.core.models.default_lr)
    warmup_ratio: float = 0.05
    weight_decay: float = 0.0
    grad_clip: float = 1.0
    max_len: int = 1024            # longer examples are dropped and counted, never truncated
    precision: str = "auto"        # auto | fp32 | bf16: auto = bf16 where this machine runs it fast (measured)
    gradient_checkpointing: bool = False
    trainer: str = "auto"          # loop (ours: CPU, one GPU) | hf (transformers.Trainer: accelerate, DeepSpeed,
                                   # FSDP, many GPUs) | auto = hf when launched on several processes
    per_device_batch_size: int = 1  # hf trainer: batch per GPU; accumulation makes up the global batch_size
    micro_batch_size: int = 0      # our loop: split each batch into micro-batches of this size (0 = no split;
                                   # it must divide the batch): the same step, faster on some CPUs
    device: str = "auto"           # auto | cpu | cuda
    lean: bool = True              # a LoRA model on a CPU: the lean training step and sampler (training.core.decoder:
                                   # the same arithmetic in fewer operations); false: the model's own forward throughout
                                   # (the previous implementation, which training/bench.py compares)
    seed: int = 0
    threads: int = 0
    log_every: int = 2
    checkpoint_every: int = 0      # also checkpoint every K optimizer steps (0: only when stopped); our loop only
    # where
    run_dir: str = ""              # default: $VALLEY_HOME/runs/sft-<time>
    # evaluate when done (0 = no): greedy on eval_n test problems of `world` (eval/), and where eval_samples > 0
    # also avg@eval_samples at eval_temperature, top-p 0.95 (the paper's sampling: eval/avg<k>/)
    eval_n: int = 0
    eval_samples: int = 0
    eval_temperature: float = 0.6
    eval_max_new_tokens: int = 512  # the classroom world's longest long trace is 447 tokens
    eval_precision: str = "auto"   # auto | fp32 | bf16 of the generation weights (auto: bf16 on a GPU, fp32 on a CPU)

    def __post_init__(self):
        if self.method not in ("lora", "full"):
            raise ValueError(f"method must be 'lora' or 'full', got {self.method!r}")
        if self.style not in WORLD_STYLES:
            raise ValueError(f"unknown style {self.style!r}; choose from {list(WORLD_STYLES)}")
        if self.n < 1:
            raise ValueError(f"n must be at least 1, got {self.n}")
        if self.n > 1_000_000:
            raise ValueError(f"n={self.n} is absurd for this engine (at most 1,000,000)")
        if self.lr < 0 or self.lr > 0.1:
            raise ValueError(f"learning rate must be in (0, 0.1] (or 0 for the default), got {self.lr}")
        if self.epochs < 0 or self.epochs > 100:
            raise ValueError(f"epochs must be in (0, 100] (or 0 for the paper's), got {self.epochs}")
        if self.lora_r < 1 or self.lora_r > 1024:
            raise ValueError(f"lora_r must be in [1, 1024], got {self.lora_r}")
        if self.batch_size < 0 or self.steps_per_epoch < 1 or self.max_len < 16:
            raise ValueError("batch_size >= 0, steps_per_epoch >= 1 and max_len >= 16 required")
        if self.max_steps < 0 or self.max_steps > 1_000_000:
            raise ValueError(f"max_steps must be in [0, 1,000,000] (0 = from the epochs), got {self.max_steps}")
        if self.curriculum not in ("", "short-to-long"):
            raise ValueError(f"curriculum must be '' or 'short-to-long', got {self.curriculum!r}")
        if not 0 < self.curriculum_split < 1 or not 0 <= self.correction_start < 1:
            raise ValueError("curriculum_split must be in (0, 1) and correction_start in [0, 1)")
        if not 0 <= self.correction_rounds <= 20 or self.correction_temperature < 0:
            raise ValueError("correction_rounds must be in [0, 20] and correction_temperature >= 0")
        if (self.curriculum or self.correction_rounds) and (self.data != "world" or self.style != "long"):
            raise ValueError("the curriculum and on-policy correction train toward the world's long traces: "
                             "use data=world and style=long")
        if not 0 <= self.eval_samples <= 64 or not 0 < self.eval_temperature <= 2:
            raise ValueError("eval_samples must be in [0, 64] and eval_temperature in (0, 2]")
        if self.trainer not in ("auto", "loop", "hf"):
            raise ValueError(f"trainer must be auto, loop or hf, got {self.trainer!r}")
        precision.check(self.precision)
        precision.check(self.eval_precision)
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device must be auto, cpu or cuda, got {self.device!r}")

    def knobs(self) -> LongKnobs:
        return LongKnobs(self.check_rate, self.slip_rate, self.catch_rate, self.false_alarm_rate,
                         self.verbosity)


def paper_epochs(n_paper: float) -> int:
    """Epochs of the paper's Table 2 for a data size (the nearest rung at or above it)."""
    for size, epochs, _ in PAPER_SCHEDULE:
        if n_paper <= size * 1.25:
            return epochs
    return PAPER_SCHEDULE[-1][1]


def resolve_schedule(cfg: SFTConfig, is_tiny: bool) -> dict:
    """Fill the 0 = auto fields: epochs, batch size, learning rate. A toy model's world N is placed on the paper's
    axis by WORLD_SCALE; a real model's N is its own (the 1/32 stands for the toy's size, not for theirs)."""
    n_paper = cfg.n / WORLD_SCALE if cfg.data == "world" and is_tiny else cfg.n
    epochs = cfg.epochs or paper_epochs(n_paper)
    batch = cfg.batch_size or int(min(128, max(4, round(cfg.n / cfg.steps_per_epoch))))
    batch = min(batch, cfg.n)
    lr = cfg.lr or default_lr(cfg.model, cfg.method, is_tiny)
    return {"epochs": epochs, "batch_size": batch, "lr": lr}


def micro_batches(cfg: SFTConfig, batch_size: int) -> tuple[int, int]:
    """(micro-batch size, micro-batches per optimizer step): the batch split into equal parts whose gradients add
    up (the same step, in smaller pieces: on a CPU a 135M model trained ~45% faster per token in micro-batches of
    4 than of 8, training/LOG.md)."""
    m = cfg.micro_batch_size
    if 0 < m < batch_size and batch_size % m == 0:
        return m, batch_size // m
    return batch_size, 1


def split_batch(batch: dict, size: int) -> list[dict]:
    """A padded batch cut into pieces of `size` rows, each trimmed to its own longest row (same examples, same
    step: the micro-batches of one optimizer step are the rows of its batch)."""
    out = []
    for i in range(0, batch["input_ids"].shape[0], size):
        part = {k: v[i:i + size] for k, v in batch.items()}
        n = int(part["attention_mask"].sum(1).max())
        out.append({k: v[:, :n] for k, v in part.items()})
    return out


def training_batches(cfg: SFTConfig, model, tok, examples: list[dict], batch_size: int, total_steps: int,
                     info: dict, keep: Path | None = None) -> Iterator[dict]:
    """The batches of a run, one per optimizer step, in phases:
    - plain: the N examples, epoch after epoch (a new shuffle each epoch);
    - curriculum short-to-long: the short traces of the N problems for the first part of the steps, then their
      long traces;
    - on-policy correction: long traces first, then each round rebuilds the examples from the student's own
      samples of the N problems, corrected by the world (sampled from the model as it is at that moment).
    `info` gets each phase's numbers (the run's metrics record them). Each correction round's examples are kept
    in the folder `keep` (the run's checkpoint), so a resumed run replays the rounds it had already sampled."""
    pad = tok.pad_token_id
    micro, accum = micro_batches(cfg, batch_size)

    def epochs_of(exs: list[dict], salt: int) -> Iterator[dict]:
        full = cycle_epochs(lambda e: batches(exs, batch_size, cfg.seed * 1000 + e + salt, pad))
        return (part for b in full for part in split_batch(b, micro)) if accum > 1 else full

    def steps_of(it: Iterator[dict], steps: int) -> Iterator[dict]:  # one optimizer step: `accum` micro-batches
        return islice(it, steps * accum)

    if cfg.curriculum == "short-to-long":
        first = max(1, round(cfg.curriculum_split * total_steps))
        short = encode_all(tok, load_pairs("world", cfg.n, "short", cfg.world, cfg.data_seed), cfg.max_len).examples
        info["phases"] = [{"data": "short traces", "steps": first}, {"data": "long traces", "steps": total_steps - first}]
        yield from steps_of(epochs_of(short, 0), first)
        yield from epochs_of(examples, 500)
        return
    if cfg.correction_rounds:
        first = round(cfg.correction_start * total_steps)
        per_round = max(1, (total_steps - first) // cfg.correction_rounds)
        info["phases"] = [{"data": "long traces", "steps": first}]
        yield from steps_of(epochs_of(examples, 0), first)
        for r in range(cfg.correction_rounds):
            steps = per_round if r < cfg.correction_rounds - 1 else total_steps - first - per_round * r
            corrected, stats = kept_round(keep, r, lambda: corrected_examples(cfg, model, tok, r))
            info["phases"].append({"data": f"correction round {r + 1}", "steps": steps, **stats})
            print(f"[sft] correction round {r + 1}: {json.dumps(stats)}", flush=True)
            yield from steps_of(epochs_of(corrected, 100 * (r + 1)), steps)
        return
    yield from epochs_of(examples, 0)


def kept_round(keep: Path | None, round_: int, make) -> tuple[list[dict], dict]:
    """A correction round's examples and numbers: read back from `keep` if this run sampled them before it
    stopped, else made now (and kept there)."""
    path = keep / f"correction-round-{round_ + 1}.json" if keep else None
    if path is not None and path.exists():
        saved = json.loads(path.read_text())
        return saved["examples"], saved["stats"]
    examples, stats = make()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"examples": examples, "stats": stats}))
    return examples, stats


def corrected_examples(cfg: SFTConfig, model, tok, round_: int) -> tuple[list[dict], dict]:
    """The N problems as the student writes them now (sampled), each cut at its first wrong step and continued
    by the world (training.task.correction); encoded with the loss on the world's continuation only."""
    probs = problems(cfg.world, "train", cfg.n)
    was_training = model.training
    gens = generate(model, tok, [p.prompt for p in probs], max_new_tokens=cfg.eval_max_new_tokens,
                    temperature=cfg.correction_temperature, top_p=0.95, seed=cfg.seed * 1000 + round_,
                    lean=cfg.lean)
    if was_training:
        model.train()
    out, kinds = [], {}
    for p, g in zip(probs, gens):
        c = correct(p, g.text, seed=cfg.data_seed * 1_000_003 + p.index, knobs=cfg.knobs(),
                    keep_error=cfg.correction_keep_error)
        kinds[c.first_error or "clean"] = kinds.get(c.first_error or "clean", 0) + 1
        e = encode_chat(tok, p.prompt, c.continuation, context=c.prefix)
        if len(e["input_ids"]) <= cfg.max_len:
            out.append(e)
    stats = {"samples": len(gens), "kept": len(out), "clean": kinds.pop("clean", 0), "first_errors": kinds,
             "mean_sample_tokens": round(sum(g.n_tokens for g in gens) / max(1, len(gens)), 1)}
    return out, stats


def main(cfg: SFTConfig) -> dict:
    """Train, save, (optionally) evaluate. Returns metrics.json's content."""
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not cfg.run_dir:
        raise ValueError("a multi-process run needs an explicit run_dir (every process must share it)")
    cfg.data = paths.expand(cfg.data)
    with open_run(cfg.run_dir, cfg, "training.sft", prefix="sft") as run:
        return _run(cfg, run)


def _run(cfg: SFTConfig, run: RunDir) -> dict:
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    t0 = time.perf_counter()
    use_hf = cfg.trainer == "hf" or (cfg.trainer == "auto" and int(os.environ.get("WORLD_SIZE", "1")) > 1)
    if use_hf and (cfg.curriculum or cfg.correction_rounds):
        raise ValueError("the curriculum and on-policy correction run in our loop (trainer: loop), not in "
                         "transformers.Trainer")
    device = ("cuda" if torch.cuda.is_available() else "cpu") if cfg.device == "auto" else cfg.device
    model, tok = load_model(cfg.model, device="cpu" if use_hf else device)
    is_tiny = Path(resolve(cfg.model)) == paths.TINY_BASE or model.num_parameters() < 50_000_000
    sched = resolve_schedule(cfg, is_tiny)

    # 1. data: N examples, encoded with the model's own chat template; too-long ones dropped
    enc = encode_all(tok, load_pairs(cfg.data, cfg.n, cfg.style, cfg.world, cfg.data_seed, cfg.knobs()), cfg.max_len)
    if not enc.examples:
        raise ValueError(f"every example is longer than max_len={cfg.max_len} tokens")
    info = data_plan(cfg, enc, sched)

    # 2. model: LoRA adapter on a frozen base, or every weight
    model = trainable_model(cfg, model, tok)
    train_device = "cuda" if use_hf and torch.cuda.is_available() else device
    prec = precision.resolve(cfg.precision, train_device,
                             precision.model_shape(model, info["batch_size"] * round(info["mean_example_tokens"])),
                             model=model)
    info.update({"trainable_params": sum(p.numel() for p in model.parameters() if p.requires_grad),
                 "total_params": sum(p.numel() for p in model.parameters()), "device": train_device,
                 "precision": prec.to_dict(), "setup_s": round(time.perf_counter() - t0, 2)})
    start = resume(cfg, run, model, info, use_hf)
    print(f"[sft] {json.dumps(info)}", flush=True)
    run.write_status(State.RUNNING, **info)

    # 3. train
    stop = StopFlag.for_run(run)
    try:
        if use_hf:
            res = train_with_trainer(model, tok, enc.examples, cfg, sched, info["batch_size"], run, stop,
                                     print_progress, run.weights_dir(cfg.method), bf16=prec.bf16)
        else:
            res = train_from(start, cfg, run, model, tok, enc.examples, info, prec.bf16, stop)
    finally:
        stop.restore()

    # 4. save (partial when stopped); the hf trainer saved already (gathering shards)
    model.eval()
    if not use_hf:
        save_weights(model, tok, run.weights_dir(cfg.method), cfg.method)
    metrics = run_metrics(cfg, run, res, info)
    # 5. evaluate (in the same process: the model is already loaded), and record how the run ended
    if not is_main_process():
        return metrics
    return evaluate_and_close(cfg, run, model, tok, res, info, metrics)


def data_plan(cfg: SFTConfig, enc, sched: dict) -> dict:
    """The run's numbers from its encoded data and schedule: examples and tokens, the batch, the steps per epoch
    and in all, the learning rate (the run's metrics and status record them)."""
    batch_size = min(sched["batch_size"], len(enc.examples))
    steps_per_epoch = max(1, len(enc.examples) // batch_size)
    total_steps = cfg.max_steps or max(1, round(sched["epochs"] * steps_per_epoch))
    return {"examples": len(enc.examples), "dropped_too_long": enc.dropped, "train_tokens": enc.n_tokens,
            "mean_example_tokens": enc.n_tokens / len(enc.examples), "epochs": sched["epochs"],
            "batch_size": batch_size, "steps_per_epoch": steps_per_epoch, "total_steps": total_steps,
            "epochs_seen": round(total_steps / steps_per_epoch, 3), "lr": sched["lr"]}


def trainable_model(cfg: SFTConfig, model, tok):
    """LoRA: an adapter on every linear layer of the block (and the format's new tokens), the base frozen; full:
    the model as it is, every weight trained. Gradient checkpointing where asked (memory for compute)."""
    if cfg.method == "lora":
        from peft import LoraConfig, get_peft_model

        lcfg = LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                          target_modules=lora_targets(model, cfg.target_modules), task_type="CAUSAL_LM",
                          trainable_token_indices=unseen_format_tokens(tok) or None)
        model = get_peft_model(model, lcfg)
    if cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable()
        if cfg.method == "lora":
            model.enable_input_require_grads()
    return model


def resume(cfg: SFTConfig, run: RunDir, model, info: dict, use_hf: bool) -> checkpoint.Start:
    """A checkpoint of this run (it stopped, or was killed) put back into the model, to continue from it (our
    loop; the hf trainer restarts); else step 0, the old progress lines removed."""
    start = checkpoint.Start() if use_hf else checkpoint.start(run, cfg, RESUMABLE_CHANGES)
    if not start.resumed:
        run.progress.unlink(missing_ok=True)
        return start
    checkpoint.restore_trainable(model, start.saved["weights"])
    checkpoint.trim_progress(run, start.step)
    run.stop_file.unlink(missing_ok=True)  # the STOP that ended the piece before: running again resumes
    info["resumed_at"] = start.resumed_at
    print(f"[sft] resuming from step {start.step} of {info['total_steps']} ({run.checkpoint})", flush=True)
    return start


def print_progress(rec: dict) -> None:
    print(f"[sft] step {rec['step']}/{rec['total_steps']} loss {rec['loss']:.4f} "
          f"{rec['tokens_per_s']:.0f} tok/s eta {rec['eta_s']:.0f}s", flush=True)


def train_from(start: checkpoint.Start, cfg: SFTConfig, run: RunDir, model, tok, examples: list[dict], info: dict,
               bf16: bool, stop: StopFlag) -> LoopResult:
    """Our loop from `start`: the batches the pieces before trained on are drawn again and skipped (the same data
    order), a checkpoint is saved every checkpoint_every steps and at a stop, and the result counts every piece."""
    accum = micro_batches(cfg, info["batch_size"])[1]
    it = training_batches(cfg, model, tok, examples, info["batch_size"], info["total_steps"], info, keep=run.checkpoint)
    for _ in range(start.step * accum):
        next(it)
    t_train, logged = time.perf_counter(), {}

    def on_log(rec):
        logged["loss"] = rec["loss"]
        print_progress(rec)

    def on_checkpoint(step, opt, tokens):
        checkpoint.save(run, cfg, weights=checkpoint.trainable_state(model), optimizer=opt.state_dict(), step=step,
                        tokens=start.tokens + tokens, last_loss=logged.get("loss"),
                        train_seconds=start.seconds + time.perf_counter() - t_train, resumed_at=start.resumed_at)

    res = train(model, it, info["total_steps"], info["lr"], cfg.warmup_ratio, cfg.weight_decay, cfg.grad_clip,
                bf16=bf16, log_every=cfg.log_every, run=run, stop=stop, on_log=on_log,
                epoch_of_step=lambda s: s / info["steps_per_epoch"], grad_accum=accum, start_step=start.step,
                optimizer_state=start.optimizer, checkpoint_every=cfg.checkpoint_every, on_checkpoint=on_checkpoint,
                lean=cfg.lean)
    if start.resumed:  # the whole run's counts, over all its pieces
        res.tokens += start.tokens
        res.seconds += start.seconds
        if res.steps == start.step and start.saved["last_loss"] is not None:
            res.last_loss = start.saved["last_loss"]
    return res


def run_metrics(cfg: SFTConfig, run: RunDir, res: LoopResult, info: dict) -> dict:
    """metrics.json's content before the evaluation; a stopped run is marked partial (its weights so far saved)."""
    partial = res.status == State.STOPPED
    if partial:
        run.mark_partial(f"stopped by {res.stop_reason} at step {res.steps}/{info['total_steps']}")
    return {"status": res.status, "partial": partial, "stop_reason": res.stop_reason,
            "steps": res.steps, "tokens": res.tokens, "train_seconds": round(res.seconds, 2),
            "tokens_per_s": round(res.tokens_per_s, 1), "final_loss": res.last_loss,
            "weights": run.weights_dir(cfg.method).name, "model_info": describe(cfg.model), **info,
            "config": asdict(cfg)}


def eval_progress(run: RunDir, info: dict, every_s: float = 2.0):
    """progress(done, total) for the test: the answers finished so far and when the test began, in status.json
    (at most every `every_s` seconds, and the last answer), so the page shows the test's progress and its ETA."""
    began, last = time.time(), 0.0

    def write(done: int, total: int) -> None:
        nonlocal last
        if time.time() - last >= every_s or done == total:
            last = time.time()
            run.write_status(State.EVALUATING, **info, eval_done=done, eval_total=total, eval_began=began)
    return write


def evaluate_and_close(cfg: SFTConfig, run: RunDir, model, tok, res: LoopResult, info: dict, metrics: dict) -> dict:
    """Evaluate a finished run on eval_n test problems (not a partial one), write metrics.json, clear the checkpoint
    of a finished run, and write its final status."""
    partial = metrics["partial"]
    if cfg.eval_n and not partial:
        run.write_status(State.EVALUATING, **info)
        if cfg.method == "lora":  # the adapter is saved: fold it into the weights, generation is ~30% faster
            model = model.merge_and_unload()
        modes = decodings(cfg.eval_samples, cfg.eval_temperature)
        done = evaluate_decodings(model, tok, cfg.world, cfg.eval_n, modes, run.eval, first=run.eval, reuse=False,
                                  max_new_tokens=cfg.eval_max_new_tokens, batch_size=200,
                                  precision=cfg.eval_precision, progress=eval_progress(run, info))
        metrics["eval"] = done[GREEDY].read_summary()
        if cfg.eval_samples:
            metrics["eval_sampled"] = decoding_entry(done[modes[1]].read_summary(), modes[1])
    run.write_metrics(metrics)
    if not partial:
        checkpoint.clear(run)  # finished: the weights and metrics replace it
    run.write_status(res.status, partial=partial, steps=res.steps, total_steps=info["total_steps"],
                     resumable=partial and run.checkpoint.exists())
    print(f"[sft] {res.status}: {res.steps}/{info['total_steps']} steps in {res.seconds:.1f}s "
          f"({res.tokens_per_s:.0f} tok/s) -> {run.weights_dir(cfg.method)}", flush=True)
    return metrics


if __name__ == "__main__":
    main(parse_config(SFTConfig, sys.argv[1:], description=__doc__))
