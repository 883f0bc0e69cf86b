"""The training loop shared by pretraining and SFT (full or LoRA), with telemetry and a clean stop.

It is a plain PyTorch loop on purpose: learners can read every step.

    1. forward (under bf16 autocast where the machine runs bf16 fast: training.core.precision; the
       weights stay fp32), loss on the answer tokens only (a LoRA model on a CPU: the same arithmetic in
       fewer operations, training.core.decoder.LoRAStep)
    2. backward, clip the gradient norm
    3. AdamW step (fused where torch has it) with a warmup + cosine learning-rate schedule (the
       paper's: warmup ratio 0.05)
    4. every `log_every` steps append a line to progress.jsonl: step, loss, lr, tokens/s, ETA
    5. stop early, cleanly, on SIGTERM/SIGINT or when the run's STOP file appears

`benchmarks` compare it with transformers.Trainer on the same model and data (training/bench.py).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import torch

from training.core.decoder import LoRAStep
from training.core.rundir import RunDir, State, StopFlag, progress_record


def lr_at(step: int, total: int, peak: float, warmup_ratio: float, min_ratio: float = 0.0) -> float:
    """Linear warmup to `peak` over warmup_ratio*total steps, then cosine down to min_ratio*peak."""
    warm = max(1, int(round(warmup_ratio * total)))
    if step < warm:
        return peak * (step + 1) / warm
    progress = (step - warm) / max(1, total - warm)
    return peak * (min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


@dataclass
class LoopResult:
    status: State        # State.COMPLETED | State.STOPPED
    steps: int
    total_steps: int
    tokens: int          # non-padding tokens processed
    seconds: float
    last_loss: float
    stop_reason: str = ""

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def train(
    model,
    batches: Iterator[dict],
    total_steps: int,
    lr: float,
    warmup_ratio: float = 0.05,
    weight_decay: float = 0.0,
    grad_clip: float = 1.0,
    bf16: bool = False,
    log_every: int = 10,
    run: RunDir | None = None,
    stop: StopFlag | None = None,
    on_log: Callable[[dict], None] | None = None,
    epoch_of_step: Callable[[int], float] | None = None,
    grad_accum: int = 1,
    start_step: int = 0,
    optimizer_state: dict | None = None,
    checkpoint_every: int = 0,
    on_checkpoint: Callable[[int, torch.optim.Optimizer, int], None] | None = None,
    lean: bool = True,
) -> LoopResult:
    """Run optimizer steps start_step..total_steps over `batches` (each step consumes grad_accum batches).

    bf16: run the forward pass under bf16 autocast (resolve it with training.core.precision first).
    Resuming: pass the step reached and the optimizer's saved state_dict (the caller restores the weights
    and skips the batches already seen); every `checkpoint_every` steps, and when the run stops early,
    `on_checkpoint(steps_done, optimizer, tokens_this_call)` is called so the caller can save both.
    lean: compute the loss of a LoRA model with training.core.decoder.LoRAStep where it applies (the same arithmetic
    in fewer operations); False: always through the model's own forward (the previous implementation)."""
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("the model has no trainable parameters")
    decay = [p for p in params if p.ndim >= 2]
    no_decay = [p for p in params if p.ndim < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.95), fused=True)
    if optimizer_state is not None:
        opt.load_state_dict(optimizer_state)
    model.train()
    device = next(model.parameters()).device
    step_fn = LoRAStep.of(model, bf16) if lean else None
    t0 = time.perf_counter()
    tokens = 0
    window_losses, window_tokens, window_t = [], 0, t0  # each step's micro-batch losses, read at the next log
    last_losses: list[torch.Tensor] = []
    status, step = State.COMPLETED, start_step
    for step in range(start_step, total_steps):
        if stop is not None and stop:
            status = State.STOPPED
            if on_checkpoint and step > start_step:
                on_checkpoint(step, opt, tokens)
            break
        cur_lr = lr_at(step, total_steps, lr, warmup_ratio)
        for g in opt.param_groups:
            g["lr"] = cur_lr
        last_losses = []
        for _ in range(grad_accum):
            host = next(batches)
            mask = host["attention_mask"]
            # Counted on the host before the batch moves: nothing here waits for the device.
            # Right padding (what encode.collate makes) needs no mask in a causal model: a real token never
            # sees the pads that follow it, and pads carry no loss. Without one, attention takes its
            # faster causal path (~8% of a step on the embedded model).
            right_padded = bool((mask[:, :-1] >= mask[:, 1:]).all())
            n_tok = int(mask.sum())
            batch = {k: v.to(device, non_blocking=True) for k, v in host.items()}
            if step_fn is not None and right_padded:
                loss = step_fn.loss(batch["input_ids"], batch["labels"])
            else:
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                    loss = model(input_ids=batch["input_ids"], labels=batch["labels"],
                                 attention_mask=None if right_padded else batch["attention_mask"]).loss
            (loss / grad_accum).backward()
            last_losses.append(loss.detach())  # read (.item(), a wait for the device) only when logged
            tokens += n_tok
            window_tokens += n_tok
        if grad_clip:
            torch.nn.utils.clip_grad_norm_(params, grad_clip)
        opt.step()
        opt.zero_grad(set_to_none=True)
        window_losses.append(last_losses)
        done = step + 1
        if done % log_every == 0 or done == total_steps:
            now = time.perf_counter()
            mean_loss = sum(step_loss(ls, grad_accum) for ls in window_losses) / len(window_losses)
            rec = progress_record(done, total_steps, mean_loss, cur_lr, window_tokens,
                                  now - window_t, now - t0, epoch_of_step(done) if epoch_of_step else None,
                                  start_step=start_step)
            if run is not None:
                run.append_progress(rec)
            if on_log:
                on_log(rec)
            window_losses, window_tokens, window_t = [], 0, now
        if on_checkpoint and checkpoint_every and done % checkpoint_every == 0 and done < total_steps:
            on_checkpoint(done, opt, tokens)
    else:
        step = total_steps
    steps_done = step if status == State.STOPPED else total_steps
    last_loss = step_loss(last_losses, grad_accum) if last_losses else float("nan")
    return LoopResult(status, steps_done, total_steps, tokens, time.perf_counter() - t0, last_loss,
                      stop.reason if stop is not None else "")


def step_loss(micro_losses: list[torch.Tensor], grad_accum: int) -> float:
    """One optimizer step's loss: the mean of its micro-batches' losses."""
    return sum(loss.item() / grad_accum for loss in micro_losses)


def cycle_epochs(make_epoch: Callable[[int], list[dict]]) -> Iterator[dict]:
    """Endless batches: epoch 0, epoch 1, ... each built by make_epoch(epoch)."""
    epoch = 0
    while True:
        yield from make_epoch(epoch)
        epoch += 1
