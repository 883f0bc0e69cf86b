"""SFT through transformers.Trainer, for GPUs and clusters: the same data, labels and schedule as our
loop, with accelerate, DeepSpeed (ZeRO-2/3) and FSDP doing the distribution.

    accelerate launch --config_file training/recipes/accelerate/zero3.yaml -m training.sft \\
        --config training/recipes/qwen2.5-1.5b-instruct/sft/8k.yaml

`batch_size` in a recipe is the *global* batch, as in the paper's Table 2; each GPU takes
`per_device_batch_size` sequences and gradient accumulation makes up the rest:
    accumulation = batch_size / (per_device_batch_size x number of processes)
The run directory gets the same progress.jsonl lines as our loop, and a STOP file or SIGTERM stops
training cleanly (a callback sets `should_training_stop`).
"""

from __future__ import annotations

import inspect
import os
import time
from pathlib import Path

import torch

from training.core.encode import collate
from training.core.loop import LoopResult
from training.core.models import save_weights
from training.core.rundir import RunDir, State, is_main_process, progress_record


def length_grouping() -> dict:
    """TrainingArguments that batch similar lengths together: `train_sampling_strategy` in recent
    transformers 5 releases, `group_by_length` before it."""
    from transformers import TrainingArguments

    params = inspect.signature(TrainingArguments.__init__).parameters
    if "train_sampling_strategy" in params:
        return {"train_sampling_strategy": "group_by_length"}
    return {"group_by_length": True}


def train_with_trainer(model, tokenizer, examples: list[dict], cfg, sched: dict, batch_size: int,
                       run: RunDir, stop, on_log, weights_dir: Path, bf16: bool = False) -> LoopResult:
    """Train and save (Trainer.save_model gathers ZeRO-3/FSDP shards; only the main process writes)."""
    from transformers import Trainer

    n_procs = int(os.environ.get("WORLD_SIZE", "1"))
    per_device = max(1, cfg.per_device_batch_size)
    accum = max(1, round(batch_size / (per_device * n_procs)))
    steps_per_epoch = max(1, len(examples) // (per_device * n_procs * accum))
    total_steps = max(1, round(sched["epochs"] * steps_per_epoch))
    state = {"t0": time.perf_counter(), "tokens": 0, "window_tokens": 0, "window_t": time.perf_counter(),
             "last_loss": float("nan"), "stopped": False}

    def collator(feats):
        batch = collate(feats, tokenizer.pad_token_id)
        n = int(batch["attention_mask"].sum())
        state["tokens"] += n * n_procs  # every process sees a batch of about this size
        state["window_tokens"] += n * n_procs
        return batch

    args = training_arguments(cfg, run, sched["lr"], per_device, accum, total_steps, bf16)
    trainer = Trainer(model=model, args=args, train_dataset=Examples(examples), data_collator=collator,
                      callbacks=[telemetry(state, run, stop, on_log)])
    trainer.train()
    trainer.save_model(str(weights_dir))
    if trainer.is_world_process_zero() and cfg.method == "full":
        save_weights(trainer.model, tokenizer, weights_dir, "tokenizer-and-eos")
    trainer.accelerator.wait_for_everyone()
    seconds = time.perf_counter() - state["t0"]
    steps = trainer.state.global_step
    return LoopResult(State.STOPPED if state["stopped"] else State.COMPLETED, steps, total_steps, state["tokens"],
                      seconds, state["last_loss"], stop.reason if state["stopped"] else "")


class Examples(torch.utils.data.Dataset):
    """The encoded examples as the Trainer's dataset."""

    def __init__(self, examples: list[dict]):
        self.examples = examples

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, i):
        return self.examples[i]


def training_arguments(cfg, run: RunDir, lr: float, per_device: int, accum: int, total_steps: int, bf16: bool):
    """The Trainer's settings: our loop's schedule (cosine, warmup, AdamW betas, clipping) and logging, no saving
    of its own (the run saves its weights), lengths grouped, on the GPU when there is one."""
    from transformers import TrainingArguments

    cuda = torch.cuda.is_available()
    return TrainingArguments(
        output_dir=str(run.path / "trainer"),
        per_device_train_batch_size=per_device,
        gradient_accumulation_steps=accum,
        max_steps=total_steps,
        learning_rate=lr,
        lr_scheduler_type="cosine",
        warmup_steps=int(round(cfg.warmup_ratio * total_steps)),  # an int: transformers 5 dropped warmup_ratio
        weight_decay=cfg.weight_decay,
        max_grad_norm=cfg.grad_clip,
        adam_beta1=0.9, adam_beta2=0.95,
        bf16=bf16 and cuda,
        gradient_checkpointing=cfg.gradient_checkpointing,
        logging_steps=cfg.log_every,
        save_strategy="no",
        report_to=[],
        seed=cfg.seed,
        **length_grouping(),
        remove_unused_columns=False,
        dataloader_num_workers=0,
        ddp_find_unused_parameters=False,
        use_cpu=not cuda,
        disable_tqdm=True,
    )


def telemetry(state: dict, run: RunDir, stop, on_log):
    """A callback that ends training cleanly after a step when `stop` is set (STOP file or signal), and writes our
    loop's progress lines (loss, lr, tokens/s, ETA; the main process only)."""
    from transformers import TrainerCallback

    class Telemetry(TrainerCallback):
        def on_step_end(self, args, st, control, **kw):
            if stop:
                state["stopped"] = True
                control.should_training_stop = True
            return control

        def on_log(self, args, st, control, logs=None, **kw):
            if not is_main_process() or not logs or "loss" not in logs:
                return
            now = time.perf_counter()
            rec = progress_record(st.global_step, st.max_steps, float(logs["loss"]),
                                  float(logs.get("learning_rate", 0.0)), state["window_tokens"],
                                  now - state["window_t"], now - state["t0"], st.epoch or 0)
            state["last_loss"] = rec["loss"]
            state["window_tokens"], state["window_t"] = 0, now
            run.append_progress(rec)
            on_log(rec)

    return Telemetry()
