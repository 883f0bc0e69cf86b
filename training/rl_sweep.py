"""Downstream RL in the embedded world: GRPO from three starts (the base model, a small-N long-CoT SFT
adapter, a large-N one), several seeds each; curves against RL step with error bars.

Usage:
    python -m training.rl_sweep --recipe classroom          # the one shipped in assets/rl/classroom
    python -m training.rl_sweep --recipe smoke               # seconds
    python -m training.rl_sweep --recipe classroom --seeds 0 --grpo.steps 10

The paper's finding to compare with: GRPO from an 8k long-CoT SFT checkpoint stays below GRPO from
the original model; from a 128k checkpoint it climbs faster and higher, and RL shortens responses.
What ships is what was measured: rl.json holds every run's curve and the command; with eval_records, `paired`
holds each start's change against its own step 0 at every evaluated step (paired.png draws it).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from training.core import paths
from training.core.config import build_config, cli_line, parse_config
from training.core.evalfolder import EvalFolder
from training.core.pool import run_jobs
from training.core.rundir import RunDir, State
from training.grpo import GRPOConfig, kl_to_start
from training.grpo import main as grpo_main
from training.lab.figures import RL_METRICS, rl_figure, rl_paired_figure, save_figure
from training.task.analysis import MIN_DETECTABLE_SE, mean_sd, paired_change

RECIPES = paths.RECIPES / "tiny" / "rl"
SET_BY_THE_SWEEP = ("model", "world", "init_adapter", "seed", "run_dir")


@dataclass
class RLSweepConfig:
    """A GRPO sweep over starts and seeds (defaults < --recipe NAME (training/recipes/tiny/rl) < --flags)."""

    recipe: str = "classroom"       # the recipe this sweep came from (names the output folder)
    world: str = "classroom"        # world preset of the problems
    model: str = "tiny"
    start_labels: list[str] = field(default_factory=lambda: ["base", "small-N SFT", "large-N SFT"])
    start_adapters: list[str] = field(default_factory=lambda: ["", "", ""])  # "" = the base model itself
    seeds: list[int] = field(default_factory=lambda: [0, 1, 2])
    grpo: dict = field(default_factory=dict)  # training.grpo settings of every run (steps, lr, group_size, ...)
    jobs: int = 2                   # worker processes
    threads_per_job: int = 1
    out_dir: str = ""               # default: $VALLEY_HOME/results/rl-<recipe>

    def __post_init__(self):
        if len(self.start_labels) != len(self.start_adapters):
            raise ValueError("start_labels and start_adapters must have the same length")
        clash = sorted(set(self.grpo) & set(SET_BY_THE_SWEEP))
        if clash:
            raise ValueError(f"grpo: {clash} are set by the sweep itself; use the sweep's own keys")
        run = self.run_config("", self.seeds[0], "")  # validates `grpo`, keeps its values typed
        self.grpo = {k: getattr(run, k) for k in self.grpo}

    def run_config(self, adapter: str, seed: int, run_dir: str) -> GRPOConfig:
        """The GRPO config of one run: the recipe's `grpo` settings plus the start and the seed."""
        return build_config(GRPOConfig, {**self.grpo, "model": self.model, "world": self.world,
                                         "init_adapter": str(paths.REPO / adapter) if adapter else "",
                                         "seed": seed, "run_dir": run_dir})


def _job(p: dict) -> dict:
    m = grpo_main(GRPOConfig(**p["grpo"]))
    return _result(p["start"], p["grpo"]["seed"], p["grpo"]["run_dir"], m)


def _result(start: str, seed: int, run_dir: str, m: dict) -> dict:
    """One run's row of rl.json: its curve, and the share of its groups that taught anything (a group whose
    answers are all right or all wrong has zero advantages: no learning signal)."""
    steps = [r for r in RunDir(run_dir).read_progress() if "useful_groups" in r]
    useful = sum(r["useful_groups"] for r in steps) / len(steps) if steps else None
    late = steps[-max(1, len(steps) // 10):]  # the KL to the start near the end: did the policy move at all?
    kl_late = sum(r["kl"] for r in late) / len(late) if late else None
    return {"start": start, "seed": seed, "run_dir": paths.portable(run_dir), "curve": m["curve"], "status": m["status"],
            "seconds": m["seconds"], "useful_groups": useful, "kl_late": kl_late}


def _correct_by_problem(run_dir: str, step: int) -> list[float] | None:
    """0/1 per test problem at one evaluation of a run (kept when the run had eval_records), else None."""
    return EvalFolder(Path(paths.concrete(run_dir)) / f"eval-step{step}").correct_by_problem() or None


def paired(results: list[dict], labels: list[str]) -> dict:
    """Per start, each evaluated step against step 0, problem by problem: every seed is scored on the same test
    problems, so the change of each problem (averaged over seeds) is the unit. At each step (the list `steps`, step 0
    first): the accuracy, the change's mean, its 95% confidence interval and the smallest change this design detects
    with 80% power (2.8 standard errors), beside the KL to the start, the answers' length and their reflective share
    (means over seeds of the runs' curves). The last step's change also sits at the top level (as before the steps
    were listed), with the mean KL over the last tenth of the steps. Starts whose runs kept no per-problem records
    are left out."""
    out = {}
    for label in labels:
        rs = [r for r in results if r["start"] == label and r["curve"]]
        steps = sorted(set.intersection(*({c["step"] for c in r["curve"]} for r in rs))) if rs else []
        rows = [row for row in (paired_at(rs, s) for s in steps) if row]
        if len(rows) < 2 or rows[0]["step"] != 0:
            continue
        last = rows[-1]
        kls = [r.get("kl_late") for r in rs if r.get("kl_late") is not None]
        out[label] = {**{k: last[k] for k in ("step", "problems", "seeds", "change", "se", "ci95", "min_detectable")},
                      "start_accuracy": rows[0]["accuracy"], "end_accuracy": last["accuracy"],
                      "kl_late": sum(kls) / len(kls) if kls else None, "steps": rows}
    return out


def paired_at(rs: list[dict], step: int) -> dict | None:
    """One start's runs at one evaluated step, paired with step 0 on the problems both kept (None without records)."""
    per_seed = [(_correct_by_problem(r["run_dir"], 0), _correct_by_problem(r["run_dir"], step)) for r in rs]
    per_seed = [(a, b) for a, b in per_seed if a and b and len(a) == len(b)]
    if not per_seed:
        return None
    n = min(len(a) for a, _ in per_seed)
    before, after = ([sum(pair[k][i] for pair in per_seed) / len(per_seed) for i in range(n)] for k in (0, 1))
    ch = paired_change(before, after)
    row = {"step": step, "problems": n, "seeds": len(per_seed), "accuracy": sum(after) / n,
           "change": ch["change"], "se": ch["se"], "ci95": ch["ci95"], "min_detectable": MIN_DETECTABLE_SE * ch["se"]}
    points = [{**c, "kl": _kl(r, c)} for r in rs for c in r["curve"] if c["step"] == step]
    for key in ("kl", "mean_tokens", "reflection_ratio"):
        vals = [c[key] for c in points if c.get(key) is not None]
        row[key] = sum(vals) / len(vals) if vals else None
    return row


def _kl(run: dict, point: dict) -> float | None:
    """The KL to the start at an evaluation: the curve's own (training.grpo writes it), else from the run's steps
    (runs written before the curve carried it), else None."""
    if point.get("kl") is not None:
        return point["kl"]
    return kl_to_start(RunDir(paths.concrete(run["run_dir"])), point["step"])


def aggregate(results: list[dict], labels: list[str]) -> dict:
    """Per start, per evaluated step: mean and sd over seeds of each metric."""
    table = {}
    for label in labels:
        rs = [r for r in results if r["start"] == label]
        steps = sorted({c["step"] for r in rs for c in r["curve"]})
        rows = []
        for s in steps:
            pts = [c for r in rs for c in r["curve"] if c["step"] == s]
            row = {"step": s, "seeds": len(pts)}
            for k in RL_METRICS:
                vals = [p[k] for p in pts if p.get(k) is not None]
                row[f"{k}_mean"], row[f"{k}_sd"] = mean_sd(vals) if vals else (None, 0.0)
            rows.append(row)
        useful = [r["useful_groups"] for r in rs if r.get("useful_groups") is not None]
        if rows and useful:
            rows[-1]["useful_groups_mean"] = sum(useful) / len(useful)  # over the whole run, on its last row
        table[label] = rows
    return table


def main(cfg: RLSweepConfig) -> dict:
    out = Path(cfg.out_dir) if cfg.out_dir else paths.results_dir() / f"rl-{cfg.recipe}"
    out.mkdir(parents=True, exist_ok=True)
    command = (f"python -m training.rl_sweep --recipe {cfg.recipe}"
               + cli_line("x", cfg, base=parse([f"--recipe={cfg.recipe}"]))[len("python -m x"):])
    t0 = time.perf_counter()
    payloads, results = [], []
    for label, adapter in zip(cfg.start_labels, cfg.start_adapters):
        for seed in cfg.seeds:
            run_dir = out / "runs" / f"{label.replace(' ', '_')}-s{seed}"
            grpo = cfg.run_config(adapter, seed, str(run_dir))
            done = RunDir(run_dir).read_metrics()
            if done and done["status"] == State.COMPLETED and done["steps"] == grpo.steps:
                results.append(_result(label, seed, str(run_dir), done))
            else:
                payloads.append({"start": label, "grpo": asdict(grpo)})
    print(f"[rl] {command}\n[rl] {len(results)} runs reused, {len(payloads)} to run", flush=True)
    results += run_jobs(_job, payloads, cfg.jobs, cfg.threads_per_job,
                        lambda r, k, n: print(f"[rl] {k}/{n} {r['start']} seed {r['seed']}: accuracy "
                                              f"{r['curve'][0]['accuracy']:.3f} -> {r['curve'][-1]['accuracy']:.3f} "
                                              f"({time.perf_counter() - t0:.0f}s)"
                                              + ("" if r["status"] == State.COMPLETED else
                                                 f" [{r['status'].upper()}: rerun the sweep to resume it]"),
                                              flush=True))
    results.sort(key=lambda r: (cfg.start_labels.index(r["start"]), r["seed"]))
    result = {"name": cfg.recipe, "command": command,
              "created": time.strftime("%Y-%m-%d %H:%M:%S"), "wall_seconds": round(time.perf_counter() - t0, 1),
              "run_seconds": round(sum(r["seconds"] or 0 for r in results), 1),  # reused runs included
              "config": asdict(cfg), "runs": results, "table": aggregate(results, cfg.start_labels),
              "paired": paired(results, cfg.start_labels)}
    (out / "rl.json").write_text(json.dumps(result, indent=1) + "\n")
    save_figure(rl_figure(result), out / "rl.png")
    if result["paired"]:
        save_figure(rl_paired_figure(result), out / "paired.png")
    print(f"[rl] done in {result['wall_seconds']:.0f}s -> {out / 'rl.json'}", flush=True)
    return result


def parse(argv: list[str]) -> RLSweepConfig:
    return parse_config(RLSweepConfig, argv, __doc__, recipes=RECIPES, default_recipe="classroom")


if __name__ == "__main__":
    main(parse(sys.argv[1:]))
