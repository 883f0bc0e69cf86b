"""The one reader of shipped results: everything under assets/ that a sweep, the RL sweep or a
measurement wrote, for the app, the facts, the figures and the lessons.

    sweep("classroom")          a valley sweep: valley.json, ablations.json, its adapters and records
    sweep().runs, .table        its valley.json rows (training.core.sweeprows: RunRow, TableRow)
    sweeps()                    the names of every shipped valley sweep (assets/valley/<name>/valley.json)
    rl("classroom")             the RL sweep: rl.json and the folder of its SFT starts
    paper_reference()           the paper's stated numbers (assets/paper_reference.json)
    timings()                   the default run's measured timings (assets/timings.json)
    lesson_figure_facts()       the numbers behind the lessons' own figures (lessons/figures/facts.json)

A missing file reads as None: the app and the lessons say what is missing instead of failing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from training.core import paths
from training.core.sweeprows import RunRow, TableRow, run_rows, table_rows

VALLEY_ROOT = paths.ASSETS / "valley"
RL_ROOT = paths.ASSETS / "rl"
DEFAULT_SWEEP = "classroom"
# the path through the valley: the tiny-model sizes (smallest first, each its own sweep) and the designs of the
# data-or-steps question (sweep name: how its steps grow with N), as the app's figures and the facts both name them
SIZE_SWEEPS = ("size-nano", DEFAULT_SWEEP, "size-medium")
STEP_DESIGNS = {DEFAULT_SWEEP: "batch 8 (steps grow with N)", "steps-fixed": "1,500 optimizer steps at every N",
                "paper-shape": "batch N/32, ~100 updates at every N (a too-few-updates control)"}


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
        return f"{n / 1e6:.{2 if n < 1e6 else 1}f}M" if n else self.name

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


def paper_reference() -> dict | None:
    return read(paths.ASSETS / "paper_reference.json")


def timings() -> dict | None:
    return read(paths.ASSETS / "timings.json")


def lesson_figure_facts() -> dict | None:
    return read(paths.LESSONS / "figures" / "facts.json")
