"""A training run's checkpoint: what a stopped or killed run continues from, for pretraining and SFT alike.

A run that checkpoints (`checkpoint_every` steps, and whenever it stops on request) keeps in
<run>/checkpoint/state.pt its trainable weights, the optimizer, the step reached and its counters. Running
the same command again finds it, restores them, replays the data to the same batch, and ends with the
same weights as a run that never stopped. A kill -9 loses at most the steps since the last checkpoint.

    state = checkpoint.load(run, cfg, may_change={"threads", ...})   # None on a fresh run
    start = checkpoint.start(run, cfg, may_change)                    # the same as a Start (step 0 when fresh)
    checkpoint.save(run, cfg, weights=..., optimizer=opt.state_dict(), step=k, ...)
    checkpoint.trim_progress(run, k)   # the progress lines logged after step k are logged again
    checkpoint.clear(run)              # the run finished: nothing left to resume
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from training.core.rundir import RunDir


def _file(run: RunDir) -> Path:
    return run.checkpoint / "state.pt"


def load(run: RunDir, cfg, may_change: set[str]) -> dict | None:
    """The run's last checkpoint, if there is one; a clear error if it was written under other settings
    (only the fields in `may_change`, such as threads or logging, may differ between the pieces of a run)."""
    import torch

    path = _file(run)
    if not path.exists():
        return None
    state = torch.load(path, map_location="cpu", weights_only=False)
    saved = state.get("config") or {}
    changed = {k for k, v in asdict(cfg).items() if k not in may_change and k in saved and saved[k] != v}
    if changed:
        raise ValueError(f"{path} was written by a run with other settings ({', '.join(sorted(changed))}); "
                         f"use another run folder, or delete {path.parent} to start over")
    return state


@dataclass
class Start:
    """Where this piece of a run starts: step 0, or the step its checkpoint reached, with what the pieces before
    it counted (tokens, training seconds), its optimizer's state and the rest it saved (weights, evaluations)."""

    step: int = 0
    tokens: int = 0
    seconds: float = 0.0
    resumed_at: list[int] = field(default_factory=list)  # the step each piece after the first started at
    optimizer: dict | None = None
    saved: dict = field(default_factory=dict)            # the whole checkpoint ({} on a fresh run)

    @property
    def resumed(self) -> bool:
        return bool(self.saved)


def start(run: RunDir, cfg, may_change: set[str]) -> Start:
    """The run's checkpoint (load) as a Start; a fresh Start when there is none."""
    saved = load(run, cfg, may_change)
    if saved is None:
        return Start()
    return Start(saved["step"], saved["tokens"], saved["train_seconds"], saved.get("resumed_at", []) + [saved["step"]],
                 saved["optimizer"], saved)


def save(run: RunDir, cfg, **state) -> None:
    """Write the checkpoint atomically (a kill in the middle of writing keeps the previous one)."""
    import torch

    run.checkpoint.mkdir(parents=True, exist_ok=True)
    tmp = run.checkpoint / "state.pt.tmp"
    torch.save({**state, "config": asdict(cfg)}, tmp)
    tmp.replace(_file(run))


def clear(run: RunDir) -> None:
    shutil.rmtree(run.checkpoint, ignore_errors=True)


def trim_progress(run: RunDir, step: int) -> None:
    """Drop the progress lines logged after `step` (the resumed run logs those steps again)."""
    if not run.progress.exists():
        return
    keep = []
    for line in run.progress.read_text().splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue  # a line cut by the kill
        if rec.get("step", 0) <= step and (rec.get("eval") or {}).get("step", 0) <= step:
            keep.append(line)
    run.progress.write_text("".join(ln + "\n" for ln in keep))


def trainable_state(model) -> dict:
    """The weights a run trains (a LoRA adapter's, or every weight of a full fine-tune), by name."""
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def restore_trainable(model, weights: dict) -> None:
    """Put the saved trainable weights back; a checkpoint of another model shape is refused."""
    import torch

    params = dict(model.named_parameters())
    trainable = {n for n, p in params.items() if p.requires_grad}
    if set(weights) != trainable:
        raise ValueError(f"the checkpoint holds other trainable weights than this model "
                         f"({len(set(weights) ^ trainable)} names differ)")
    with torch.no_grad():
        for n, w in weights.items():
            params[n].copy_(w)
