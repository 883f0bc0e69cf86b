"""An evaluation on disk: the one owner of its two files, for every command that writes or reads one.

    ev = EvalFolder(out_dir)
    ev.write(records, summary)      # records.jsonl (one line per sample) and summary.json
    ev.read_summary()               # dict, or None when there is none
    ev.read_records()               # list of dicts ([] when there are none)
    ev.correct_by_problem(k)        # the share of right answers per problem (k samples each)
    ev.copy_to(other)               # the same evaluation in another folder

Written by training.core.evaluation (training.evaluate, the SFT runs' eval/, the sweeps' base/), training.math_eval
(<out>/<benchmark>/) and training.grpo (<run>/eval-step<k>/); read by the sweeps (training.valley, training.rl_sweep,
training.reevaluate, training.ablations) and training.import_results. The per-sample record is
training.task.scoring.score_generation's; the summary is training.task.analysis.summarize's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

RECORDS, SUMMARY = "records.jsonl", "summary.json"


class EvalFolder:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.records, self.summary = self.path / RECORDS, self.path / SUMMARY

    def __repr__(self) -> str:
        return f"EvalFolder({str(self.path)!r})"

    @property
    def done(self) -> bool:
        """Has this evaluation finished (its summary is written last)?"""
        return self.summary.exists()

    def write(self, records: list[dict], summary: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.records, "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        self.write_summary(summary)

    def write_summary(self, summary: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        self.summary.write_text(json.dumps(summary, indent=2) + "\n")

    def read_summary(self) -> dict | None:
        try:
            return json.loads(self.summary.read_text())
        except (OSError, ValueError):
            return None

    def read_records(self) -> list[dict]:
        return read_records(self.records) if self.records.exists() else []

    def correct_by_problem(self, samples: int = 1) -> list[float]:
        """The share of right answers per problem (records are problem-major, `samples` per problem)."""
        from training.task.analysis import per_problem

        return per_problem(self.read_records(), samples)

    def copy_to(self, dest: str | Path) -> "EvalFolder":
        other = EvalFolder(dest)
        other.path.mkdir(parents=True, exist_ok=True)
        for f in (self.records, self.summary):
            if f.exists():
                shutil.copy2(f, other.path / f.name)
        return other


def read_records(path: str | Path) -> list[dict]:
    """The lines of a records.jsonl (a shipped one too: assets/valley/<sweep>/records/<run>.jsonl)."""
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
