"""Tighter evaluation of a shipped sweep: its base and its shipped adapters on many more test problems, greedy and
with the paper's sampling, and every change against the base paired problem by problem.

Usage:
    python -m training.reevaluate --sweep classroom                    # 1,000 problems, greedy and avg@4 at T=0.6
    python -m training.reevaluate --sweep classroom --samples 0        # greedy only
    python -m training.reevaluate --sweep classroom --ship             # also writes assets/valley/<sweep>/reeval.json

Why: a 200-problem score has a sampling error of 3-3.5 points, so most rung-to-rung differences of the valley
are inside noise; the world draws as many fresh test problems as one wants (the first 200 are the sweep's own).
The paper scores avg@k at temperature 0.6 (top-p 0.95): its numbers are means over samples, not greedy answers.

The one error-bar convention of the lab (training.task.analysis.combined_se): the mean over seeds of a score,
plus or minus the combined standard error of seed-to-seed spread and of the test problems' sampling (the seeds
share one problem set, so that part does not shrink with more seeds).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from training.core import paths
from training.core.config import cli_line, parse_config
from training.core.evaluation import decoding_entry, decodings, evaluate_decodings
from training.core.models import load_model
from training.core.sweeprows import BASE
from training.lab import results
from training.task.analysis import paired_change


@dataclass
class ReevalConfig:
    """Re-evaluate a shipped sweep's base and adapters (defaults < --config YAML < --flags)."""

    sweep: str = "classroom"        # assets/valley/<sweep>
    n: int = 1000                   # test problems (the first 200 are the sweep's own)
    samples: int = 4                # k of avg@k at `temperature` (0 = greedy only)
    temperature: float = 0.6        # the paper's sampling
    top_p: float = 0.95
    max_new_tokens: int = 512       # the sweep's own limit
    batch_size: int = 100
    threads: int = 0
    out_dir: str = ""               # default: $VALLEY_HOME/results/reeval-<sweep>
    ship: bool = False              # write assets/valley/<sweep>/reeval.json

    def __post_init__(self):
        if self.n < 1 or self.samples < 0:
            raise ValueError("n must be >= 1 and samples >= 0")


def main(cfg: ReevalConfig) -> dict:
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    sweep = results.sweep(cfg.sweep)
    if sweep.valley is None:
        raise ValueError(f"no shipped sweep {cfg.sweep!r}; choose from {results.sweeps()}")
    out = Path(paths.expand(cfg.out_dir)) if cfg.out_dir else paths.results_dir() / f"reeval-{cfg.sweep}"
    out.mkdir(parents=True, exist_ok=True)
    command = cli_line("training.reevaluate", cfg)
    model_name = sweep.model_info.get("source") or sweep.model
    targets = {BASE: ""} | {name: str(path) for name, path in sweep.adapters.items()}  # adapters by RunName.rung
    t0 = time.perf_counter()
    rows, base_correct = {}, {}
    for name, adapter in targets.items():
        model, tok = load_model(model_name, adapter=adapter or None, merge=bool(adapter))
        row = {"adapter": paths.portable(adapter) if adapter else ""}
        modes = decodings(cfg.samples, cfg.temperature, cfg.top_p)
        done = evaluate_decodings(model, tok, sweep.valley["world"], cfg.n, modes, out / name,
                                  max_new_tokens=cfg.max_new_tokens, batch_size=cfg.batch_size)
        for mode, ev in done.items():
            summary, correct = ev.read_summary(), ev.correct_by_problem(mode.samples)
            entry = {**decoding_entry(summary, mode), "problems": len(correct)}
            if name == BASE:
                base_correct[mode] = correct
            else:
                entry["vs_base"] = paired_change(base_correct[mode], correct)
            row[mode.label] = entry
            print(f"[reeval] {name} {mode.label}: {summary['accuracy']:.3f} ± {summary['accuracy_se']:.3f} "
                  f"({time.perf_counter() - t0:.0f}s)", flush=True)
        rows[name] = row
    result = {"sweep": cfg.sweep, "model": sweep.model_info, "world": sweep.valley["world"], "command": command,
              "created": time.strftime("%Y-%m-%d %H:%M:%S"), "wall_seconds": round(time.perf_counter() - t0, 1),
              "config": asdict(cfg), "results": rows,
              "note": f"the first {sweep.valley['eval']['n']} test problems are the sweep's own; the rest are fresh"}
    (out / "reeval.json").write_text(json.dumps(result, indent=1) + "\n")
    if cfg.ship:
        (sweep.root / "reeval.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"[reeval] done in {result['wall_seconds']:.0f}s -> {out / 'reeval.json'}", flush=True)
    return result


if __name__ == "__main__":
    main(parse_config(ReevalConfig, sys.argv[1:], description=__doc__))
