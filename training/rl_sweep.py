"""Downstream RL in the embedded world: GRPO from three starts (the base model, a small-N long-CoT SFT
adapter, a large-N one), several seeds each; curves against RL step with error bars.

Usage:
    python -m training.rl_sweep --preset classroom          # the one shipped in assets/rl/classroom
    python -m training.rl_sweep --preset smoke               # seconds
    python -m training.rl_sweep --preset classroom --seeds 0 --steps 10

The paper's finding to compare with: GRPO from an 8k long-CoT SFT checkpoint stays below GRPO from
the original model; from a 128k checkpoint it climbs faster and higher, and RL shortens responses.
What ships is what was measured: rl.json holds every run's curve and the command.
"""

from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

METRICS = ("accuracy", "mean_tokens", "reflection_ratio", "claim_error_rate")


@dataclass
class RLSweepConfig:
    """A GRPO sweep over starts and seeds (defaults < recipes/tiny/rl/<preset>.yaml < --flags)."""

    preset: str = "classroom"
    world: str = "classroom"
    model: str = "tiny"
    start_labels: list[str] = field(default_factory=lambda: ["base", "small-N SFT", "large-N SFT"])
    start_adapters: list[str] = field(default_factory=lambda: ["", "", ""])  # "" = the base model itself
    seeds: list[int] = field(default_factory=lambda: [0, 1, 2])
    steps: int = 30
    prompts_per_step: int = 8
    group_size: int = 8
    max_new_tokens: int = 512
    lr: float = 1e-4
    kl_coef: float = 1e-3
    eval_every: int = 10
    eval_n: int = 100
    jobs: int = 2
    threads_per_job: int = 1
    out_dir: str = ""

    def __post_init__(self):
        if len(self.start_labels) != len(self.start_adapters):
            raise ValueError("start_labels and start_adapters must have the same length")


def _job(p: dict) -> dict:
    from training.grpo import GRPOConfig, main

    m = main(GRPOConfig(**p["grpo"]))
    return {"start": p["start"], "seed": p["grpo"]["seed"], "run_dir": p["grpo"]["run_dir"], "curve": m["curve"],
            "status": m["status"], "seconds": m["seconds"]}


def aggregate(runs: list[dict], labels: list[str]) -> dict:
    """Per start, per evaluated step: mean and sd over seeds of each metric."""
    table = {}
    for label in labels:
        rs = [r for r in runs if r["start"] == label]
        steps = sorted({c["step"] for r in rs for c in r["curve"]})
        rows = []
        for s in steps:
            pts = [c for r in rs for c in r["curve"] if c["step"] == s]
            row = {"step": s, "seeds": len(pts)}
            for k in METRICS:
                vals = [p[k] for p in pts if p.get(k) is not None]
                m = sum(vals) / len(vals) if vals else None
                sd = math.sqrt(sum((v - m) ** 2 for v in vals) / (len(vals) - 1)) if len(vals) > 1 else 0.0
                row[f"{k}_mean"], row[f"{k}_sd"] = m, sd
            rows.append(row)
        table[label] = rows
    return table


def rl_figure(result: dict):
    from training.figures import PALETTE, plt

    fig, axes = plt.subplots(1, 4, figsize=(18, 3.9))
    titles = {"accuracy": "accuracy (greedy, held-out)", "mean_tokens": "mean response length (tokens)",
              "reflection_ratio": "reflective responses", "claim_error_rate": "per-claim error rate"}
    for i, (label, rows) in enumerate(result["table"].items()):
        for ax, k in zip(axes, METRICS):
            xs = [r["step"] for r in rows if r[f"{k}_mean"] is not None]
            ys = [r[f"{k}_mean"] for r in rows if r[f"{k}_mean"] is not None]
            err = [r[f"{k}_sd"] for r in rows if r[f"{k}_mean"] is not None]
            ax.errorbar(xs, ys, yerr=err, marker="o", capsize=3, color=PALETTE[(i + 1) % len(PALETTE)],
                        label=f"from {label}")
    for ax, k in zip(axes, METRICS):
        ax.set_title(titles[k])
        ax.set_xlabel("GRPO step")
        ax.grid(alpha=0.3)
    axes[0].set_ylim(0, 1)
    axes[0].legend(fontsize=8)
    fig.suptitle(f"GRPO from three starts ({result['config']['world']} world; mean ± sd over "
                 f"{len(result['config']['seeds'])} seeds)", fontsize=10)
    fig.tight_layout()
    return fig


def main(cfg: RLSweepConfig) -> dict:
    from training import paths
    from training.figures import plt
    from training.pool import run_jobs

    out = Path(cfg.out_dir) if cfg.out_dir else paths.results_dir() / f"rl-{cfg.preset}"
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    payloads, runs = [], []
    for label, adapter in zip(cfg.start_labels, cfg.start_adapters):
        for seed in cfg.seeds:
            run_dir = out / "runs" / f"{label.replace(' ', '_')}-s{seed}"
            grpo = dict(model=cfg.model, init_adapter=str(paths.REPO / adapter) if adapter else "", preset=cfg.world,
                        steps=cfg.steps, prompts_per_step=cfg.prompts_per_step, group_size=cfg.group_size,
                        max_new_tokens=cfg.max_new_tokens, lr=cfg.lr, kl_coef=cfg.kl_coef,
                        eval_every=cfg.eval_every, eval_n=cfg.eval_n, seed=seed, run_dir=str(run_dir))
            m = run_dir / "metrics.json"
            done = json.loads(m.read_text()) if m.exists() else None
            if done and done["status"] == "completed" and done["steps"] == cfg.steps:
                runs.append({"start": label, "seed": seed, "run_dir": str(run_dir), "curve": done["curve"],
                             "status": "completed", "seconds": done["seconds"]})
            else:
                payloads.append({"start": label, "grpo": grpo})
    print(f"[rl] {len(runs)} runs reused, {len(payloads)} to run", flush=True)
    runs += run_jobs(_job, payloads, cfg.jobs, cfg.threads_per_job,
                     lambda r, k, n: print(f"[rl] {k}/{n} {r['start']} seed {r['seed']}: accuracy "
                                           f"{r['curve'][0]['accuracy']:.3f} -> {r['curve'][-1]['accuracy']:.3f} "
                                           f"({time.perf_counter() - t0:.0f}s)"
                                           + ("" if r["status"] == "completed" else
                                              f" [{r['status'].upper()}: rerun the sweep to resume it]"),
                                           flush=True))
    runs.sort(key=lambda r: (cfg.start_labels.index(r["start"]), r["seed"]))
    result = {"name": cfg.preset, "command": f"python -m training.rl_sweep --preset {cfg.preset}",
              "created": time.strftime("%Y-%m-%d %H:%M:%S"), "wall_seconds": round(time.perf_counter() - t0, 1),
              "config": asdict(cfg), "runs": runs, "table": aggregate(runs, cfg.start_labels)}
    (out / "rl.json").write_text(json.dumps(result, indent=1) + "\n")
    fig = rl_figure(result)
    fig.savefig(out / "rl.png", dpi=110)
    plt.close(fig)
    print(f"[rl] done in {result['wall_seconds']:.0f}s -> {out / 'rl.json'}", flush=True)
    return result


def parse(argv: list[str]) -> RLSweepConfig:
    from training import paths
    from training.config import parse_preset

    return parse_preset(RLSweepConfig, paths.RECIPES / "tiny" / "rl", argv, __doc__)


if __name__ == "__main__":
    main(parse(sys.argv[1:]))
