"""Why the valley is this deep: one change at a time against the shipped setting, at N = 250 and 4,000.

    python -m training.ablations                                  # read the finished ablation runs, print the table
    python -m training.ablations --export assets/valley/classroom/ablations.json

The ablations are valley sweeps of their own (training/recipes/tiny/valley/ablation-*.yaml: no slips in the
long traces, learning rate 2e-3, full fine-tuning, the evaluation limit at 1,024 new tokens; two seeds each),
run with `python -m training.valley --recipe ablation-<name> --out_dir $VALLEY_HOME/results/ablation-<name>-<device>`.
training/pipelines/gpu_valley.sh ran them on a GPU (STAGE=rungs for N = 4,000, STAGE=ablations for N = 250), each with
its own baseline (the shipped setting on the same GPU), and the evaluation limit by re-evaluating that baseline's
adapters with 1,024 new tokens. Without GPU runs, the N = 250 baseline is the classroom sweep's own runs.

Per ablation and N: accuracy (mean and sd over seeds), the shares of answers cut at the token limit
(truncated) and looping, the per-step error rate e of the (1-e)^n fit, and the share of wrong steps caught.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from training.core import paths
from training.core.evalfolder import EvalFolder
from training.core.models import TINY_LR
from training.core.rundir import RunDir, State
from training.core.sweeprows import RunName
from training.lab.facts import pct, sci

ABLATIONS = {
    "shipped": f"the shipped setting (LoRA r=16, lr {sci(TINY_LR['lora'])}, slips 0.12, eval limit 512)",
    "no-slips": "long traces without deliberate slips (slip_rate 0)",
    "lr-2e-3": "learning rate 2e-3 at the same steps",
    "full-ft": "full fine-tuning instead of LoRA",
    "eval-1024": "evaluation limit 1,024 new tokens",
}


def long_runs(folder: Path, n: int, seeds: tuple[int, ...] | None = None) -> list[Path]:
    """The long-CoT run folders at N in `folder` (of the given seeds, or all), in name order."""
    names = {d: RunName.parse(d.name) for d in sorted(folder.iterdir())} if folder.is_dir() else {}
    return [d for d, name in names.items() if name and name.series == "long" and name.n == n
            and (seeds is None or name.seed in seeds)]


def _evals(runs: Path, n: int, seeds: tuple[int, ...] | None = None) -> list[dict]:
    """The evaluation summaries of the finished long-CoT runs at N in a sweep's runs folder."""
    found = []
    for run in long_runs(runs, n, seeds):
        m = RunDir(run).read_metrics()
        if m and m.get("status") == State.COMPLETED and m.get("eval"):
            found.append(m["eval"])
    return found


def summaries(results: Path, ablation: str, n: int) -> tuple[list[dict], str]:
    """The evaluation summaries of one ablation at one N, and the device they ran on (gpu wins: it ran all
    of N = 4,000 against its own baseline)."""
    for device in ("gpu", "cpu"):
        sweep = results / f"ablation-{ablation}-{device}"
        found = _evals(sweep / "runs", n)
        found += [s for s in (EvalFolder(d).read_summary() for d in long_runs(sweep, n)) if s is not None]
        if found:
            return found, device
    if ablation == "shipped":  # without ablation runs, the classroom sweep's own runs are the baseline
        return _evals(results / "valley-classroom" / "runs", n, seeds=(0, 1)), "cpu"
    return [], ""


def row(ablation: str, n: int, found: list[dict], device: str) -> dict:
    def mean(key):
        vals = [s[key] for s in found if s.get(key) is not None]
        return statistics.fmean(vals) if vals else None

    share = lambda cat: statistics.fmean(s["categories"].get(cat, 0) / s["n"] for s in found)  # noqa: E731
    accs = [s["accuracy"] for s in found]
    return {"ablation": ablation, "what": ABLATIONS[ablation], "n": n, "seeds": len(found), "device": device,
            "accuracy": statistics.fmean(accs), "accuracy_sd": statistics.stdev(accs) if len(accs) > 1 else 0.0,
            "truncated": share("truncated"), "loop": share("loop"), "mean_tokens": mean("mean_tokens"),
            "step_error": mean("hazard_fit"), "catch_rate": mean("catch_rate"),
            "max_new_tokens": found[0].get("max_new_tokens")}


def collect(results: Path, ladder=(250, 4000)) -> list[dict]:
    rows = []
    for n in ladder:
        for ablation in ABLATIONS:
            found, device = summaries(results, ablation, n)
            if found:
                rows.append(row(ablation, n, found, device))
    return rows


def table(rows: list[dict]) -> str:
    out = ["| N | ablation | seeds | device | accuracy (± sd) | truncated | loop | tokens | step error e | caught |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['what']} | {r['seeds']} | {r['device']} | {pct(r['accuracy'])} ± "
                   f"{pct(r['accuracy_sd'])} | {pct(r['truncated'])} | {pct(r['loop'])} | {r['mean_tokens']:.0f} | "
                   f"{r['step_error']:.3f} | {pct(r['catch_rate'])} |")
    return "\n".join(out)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default=str(paths.results_dir()), help="where the ablation sweeps wrote")
    ap.add_argument("--export", default="", help="write the table as JSON here (the app and lessons read it)")
    a = ap.parse_args(argv)
    rows = collect(Path(a.results))
    result = {"created": time.strftime("%Y-%m-%d %H:%M:%S"), "command": "python -m training.ablations",
              "rows": rows}
    print(table(rows))
    if a.export:
        Path(a.export).write_text(json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
