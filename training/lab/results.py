"""The one reader of shipped results: everything under assets/ that a sweep, the RL sweep or a
measurement wrote, for the app, the facts, the figures and the lessons.

    sweep("classroom")          a valley sweep: valley.json, ablations.json, its adapters and records
    sweep().runs, .table        its valley.json rows (training.core.sweeprows: RunRow, TableRow)
    sweeps()                    the names of every shipped valley sweep (assets/valley/<name>/valley.json)
    rl("classroom")             the RL sweep: rl.json and the folder of its SFT starts (rl(POWERED_RL): the
                                powered one, paired against each start's step 0 on 1,000 problems)
    paper_reference()           the paper's stated numbers (assets/paper_reference.json)
    timings()                   the default run's measured timings (assets/timings.json)
    lesson_figure_facts()       the numbers behind the lessons' own figures (lessons/figures/facts.json)
    world_scale(valley, paper)  the toy's N x 32 convention on the paper's axis (None for a real model's sweep)

A missing file reads as None: the app and the lessons say what is missing instead of failing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from training.core import paths, real_slms
from training.core.sweeprows import BASE, RunRow, TableRow, run_rows, table_rows

VALLEY_ROOT = paths.ASSETS / "valley"
RL_ROOT = paths.ASSETS / "rl"
DEFAULT_SWEEP = "classroom"
SCALE_WORLD = "classroom"  # the one world whose ladder is placed on the paper's N axis (world_scale)
# the path through the valley: the tiny-model sizes (smallest first, each its own sweep), the designs of the
# data-or-steps question (sweep name: how its steps grow with N) and the climb (more training at the top of the
# ladder), as the app's figures and the facts both name them. paper-shape is a too-few-updates control: its batch
# grows as N/32, so every N gets about 100 updates and none learns the long format.
SIZE_SWEEPS = ("size-pico", "size-nano", DEFAULT_SWEEP)
STEP_DESIGNS = {DEFAULT_SWEEP: "batch 8 (steps grow with N)", "steps-fixed": "1,500 optimizer steps at every N",
                "paper-shape": "batch N/32, ~100 updates at every N (a too-few-updates control)"}
CLIMB_SWEEP = "climb"
POWERED_RL = "cpu-powered"  # the RL sweep paired on 1,000 problems at every evaluation (assets/rl/cpu-powered)
WAYS_SWEEPS = {"ways-out": "pilot, N = 250", "ways-out-4k": "N = 4,000"}  # the ways out, each arm at one N
PAIRED_SWEEPS = {"steps-fixed": "1,500 steps", CLIMB_SWEEP: "the climb (8,000+ steps)", "size-nano": "nano (0.85M)",
                 "size-pico": "pico (0.28M)"}  # the sweeps paired against their base on the same 1,000 problems


def millions(n: int) -> str:
    """A parameter count in millions as the lab writes it: two decimals under a million ("0.85M"), else one."""
    return f"{n / 1e6:.{2 if n < 1e6 else 1}f}M"


def read(path: Path) -> dict | None:
    """A shipped JSON file, or None when it is not there."""
    path = Path(path)
    return json.loads(path.read_text()) if path.exists() else None


@dataclass
class Sweep:
    """One shipped valley sweep (assets/valley/<name>)."""

    name: str
    root: Path
    valley: dict | None = None
    ablations: dict | None = None
    adapters: dict[str, Path] = field(default_factory=dict)   # RunName.rung (long-n250) -> adapter folder
    records: dict[str, Path] = field(default_factory=dict)    # "base" or RunName.folder (long-n250-s0) -> records.jsonl

    @property
    def model(self) -> str:
        """The model the sweep fine-tuned ('tiny' for sweeps written before valley.json named it)."""
        m = (self.valley or {}).get("model", "tiny")
        return m["name"] if isinstance(m, dict) else m

    @property
    def model_info(self) -> dict:
        m = (self.valley or {}).get("model", "tiny")
        return m if isinstance(m, dict) else {"name": m}

    @property
    def size_label(self) -> str:
        """The model's size in words ("0.85M"), or the sweep's name where its valley.json does not say."""
        n = self.model_info.get("parameters")
        return millions(n) if n else self.name

    @property
    def runs(self) -> list[RunRow]:
        """valley.json's runs ([] when there is no valley.json)."""
        return run_rows(self.valley) if self.valley else []

    @property
    def table(self) -> list[TableRow]:
        """valley.json's table, the base first ([] when there is no valley.json)."""
        return table_rows(self.valley) if self.valley else []

    def figure(self, name: str) -> Path:
        return self.root / name

    def origin(self, stem: str) -> dict:
        """Which weights and which prompt wrote a shipped records file (records/<stem>.jsonl): the sweep's model and
        its weights, the run's LoRA adapter (none for the base), and the prompt (the base's better one; a run is
        tested with the world's, as it was trained)."""
        base = stem == BASE
        return {"model": self.model, "weights": self.model_info.get("weights", ""),
                "adapter": "" if base else f"the LoRA adapter of {stem}",
                "prompt": ((self.valley or {}).get("base") or {}).get("prompt", "world") if base else "world"}


def sweep(name: str = DEFAULT_SWEEP) -> Sweep:
    root = VALLEY_ROOT / name
    s = Sweep(name, root, read(root / "valley.json"), read(root / "ablations.json"))
    for d in sorted((root / "adapters").glob("*")) if (root / "adapters").exists() else []:
        if (d / "adapter_config.json").exists():
            s.adapters[d.name] = d
    for f in sorted((root / "records").glob("*.jsonl")) if (root / "records").exists() else []:
        s.records[f.stem] = f
    return s


def sweeps() -> list[str]:
    """Every shipped valley sweep, the default first."""
    names = sorted(p.parent.name for p in VALLEY_ROOT.glob("*/valley.json"))
    return sorted(names, key=lambda n: (n != DEFAULT_SWEEP, n))


@dataclass
class RLSweep:
    name: str
    root: Path
    result: dict | None

    @property
    def starts(self) -> dict[str, Path]:
        """The SFT starts shipped with the sweep: folder name -> adapter folder."""
        d = self.root / "starts"
        return {p.name: p for p in sorted(d.glob("*")) if (p / "adapter_config.json").exists()} if d.exists() else {}


def rl(name: str = DEFAULT_SWEEP) -> RLSweep:
    root = RL_ROOT / name
    return RLSweep(name, root, read(root / "rl.json"))


def sizes() -> dict[str, dict]:
    """The size ladder's shipped sweeps, smallest first: {size label ("0.85M"): valley.json}."""
    return {sw.size_label: sw.valley for sw in map(sweep, SIZE_SWEEPS) if sw.valley}


def paper_reference() -> dict | None:
    return read(paths.ASSETS / "paper_reference.json")


def timings() -> dict | None:
    return read(paths.ASSETS / "timings.json")


def lesson_figure_facts() -> dict | None:
    return read(paths.LESSONS / "figures" / "facts.json")


def world_scale(valley: dict, paper: dict | None) -> float | None:
    """This lab's convention for placing a toy model's sweep on the paper's N axis (N x 32), or None where it means
    nothing: it was set for the classroom world's ladder (assets/paper_reference.json, world_scale_note), so not for
    another world (a one-step world has no long solutions to accumulate errors in), a sweep on real data (its N are
    the paper's own), nor a real small model's sweep (the 1/32 stands for the embedded toy's size against the
    paper's models, not for SmolLM2's or Gemma's)."""
    model = valley.get("model") or ""
    if valley.get("world") != SCALE_WORLD or real_slms.find(model.get("name") if isinstance(model, dict) else model):
        return None
    return (paper or {}).get("world_scale", 1 / 32)
