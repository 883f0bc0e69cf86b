"""The lessons' own figures, drawn from the world and from the shipped sweeps (never hand-made).

    python -m training.lesson_figures                  # writes lessons/figures/*.png
    python -m training.lesson_figures --out /tmp/f     # anywhere else

- trace_lengths.png   tokens of short, long and padded traces of the same 300 problems (lesson 1)
- horizon.png         (1-e)^n for the measured per-step error rates, with the 50% horizons (lesson 2)
- equal_axes.png      the valley against examples, training tokens and training seconds (lesson 3)
- reflection_pays.png k*(h'*(1-c)+d) against h for every N of the sweep (lesson 4)
- styles.png          long, short and mixed CoT at each N (lesson 5)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from training.core import paths
from training.core.models import load_tokenizer
from training.figures import PALETTE, STYLE_COLORS, plt, save_figure
from training.task.analysis import horizon, reflection_pays
from training.task.traces import write_trace
from training.task.world import problems

VALLEY = paths.ASSETS / "valley" / "classroom" / "valley.json"


def trace_lengths(out: Path) -> dict:
    tok = load_tokenizer("tiny")
    ps = problems("classroom", "train", 300)
    lens = {s: [len(tok(write_trace(p, s, seed=p.index))["input_ids"]) for p in ps] for s in ("short", "long", "padded")}
    fig, ax = plt.subplots(figsize=(7, 3.8))
    for i, (s, xs) in enumerate(lens.items()):
        ax.hist(xs, bins=40, alpha=0.6, color=STYLE_COLORS.get(s, PALETTE[i]),
                label=f"{s}: mean {statistics.mean(xs):.0f} tokens")
    ax.set_xlabel("tokens in the answer")
    ax.set_ylabel("problems")
    ax.set_title("The same 300 problems, three ways of writing the solution")
    ax.legend()
    save_figure(fig, out / "trace_lengths.png")
    return {s: statistics.mean(xs) for s, xs in lens.items()}


def horizon_fig(valley: dict, out: Path) -> dict:
    curves = {"base model": valley["base"]["hazard_fit"]}
    longs = [r for r in valley["table"] if r["style"] == "long"]
    if longs:
        bottom = min(longs, key=lambda r: r["accuracy_mean"])
        curves[f"long CoT, N={bottom['n']}"] = bottom["hazard_fit_mean"]
        curves[f"long CoT, N={longs[-1]['n']}"] = longs[-1]["hazard_fit_mean"]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ns = list(range(0, 41))
    for i, (label, e) in enumerate(curves.items()):
        h = horizon(e)
        ax.plot(ns, [(1 - e) ** n for n in ns], color=PALETTE[i], label=f"{label}: e={e:.3f}, 50% horizon {h:.1f} steps")
        if h < 40:
            ax.axvline(h, color=PALETTE[i], ls=":", alpha=0.7)
    ax.axhline(0.5, color="black", lw=0.8, ls="--")
    ax.set_xlabel("steps n")
    ax.set_ylabel("P(all n steps right) = (1-e)^n")
    ax.set_ylim(0, 1.02)
    ax.set_title("The same per-step error rate, compounded")
    ax.legend(fontsize=8)
    save_figure(fig, out / "horizon.png")
    return {k: {"e": v, "horizon_50": horizon(v)} for k, v in curves.items()}


def equal_axes(valley: dict, out: Path) -> None:
    base = valley["table"][0]["accuracy_mean"]
    fig, axes = plt.subplots(1, 3, figsize=(15, 3.8))
    for ax, (key, label) in zip(axes, (("n", "N examples"), ("tokens_mean", "training tokens"),
                                       ("train_seconds_mean", "training seconds (2 CPU cores)"))):
        for style in ("long", "short", "mixed"):
            rows = [r for r in valley["table"] if r["style"] == style]
            if rows:
                ax.errorbar([r[key] for r in rows], [r["accuracy_mean"] for r in rows],
                            yerr=[r.get("accuracy_sd", 0) for r in rows], marker="o", capsize=3,
                            color=STYLE_COLORS[style], label=f"{style} CoT")
        ax.axhline(base, color="black", ls="--", label="base model")
        ax.set_xscale("log")
        ax.set_xlabel(label + " (log)")
        ax.set_ylabel("accuracy")
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
        ax.set_title(f"at equal {label.split(' (')[0]}")
    axes[0].legend(fontsize=8)
    save_figure(fig, out / "equal_axes.png")


def reflection_pays_fig(valley: dict, out: Path) -> list[dict]:
    rows = []
    for r in valley["runs"]:
        if r["style"] == "long" and r["summary"]:
            rp = reflection_pays(valley["base"], r["summary"])
            rows.append({"n": r["n"], "seed": r["seed"], **rp})
    if not rows:
        return rows
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.scatter([r["n"] for r in rows], [r["lhs"] for r in rows], color=STYLE_COLORS["long"],
               label="k (h'(1-c) + d): uncaught errors per base-length of text")
    ax.axhline(rows[0]["h"], color="black", ls="--", label="h: the base model's errors per token")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("N long-CoT examples (log)")
    ax.set_ylabel("errors per token (log)")
    ax.set_title("Does reflection pay? Below the dashed line it does")
    ax.legend(fontsize=8)
    save_figure(fig, out / "reflection_pays.png")
    return rows


def styles_fig(valley: dict, out: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ns = sorted({r["n"] for r in valley["table"] if r["style"] != "base"})
    styles = [s for s in ("short", "mixed", "long") if any(r["style"] == s for r in valley["table"])]
    w = 0.8 / max(1, len(styles))
    for i, s in enumerate(styles):
        rows = {r["n"]: r for r in valley["table"] if r["style"] == s}
        ax.bar([k + i * w for k in range(len(ns))], [rows[n]["accuracy_mean"] if n in rows else 0 for n in ns],
               width=w, yerr=[rows[n].get("accuracy_sd", 0) if n in rows else 0 for n in ns],
               color=STYLE_COLORS[s], label=f"{s} CoT", capsize=2)
    ax.axhline(valley["table"][0]["accuracy_mean"], color="black", ls="--", label="base model")
    ax.set_xticks([k + 0.4 - w / 2 for k in range(len(ns))], [str(n) for n in ns])
    ax.set_xlabel("N examples")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.set_title("Short, long or mixed chain of thought at each data size")
    ax.legend(fontsize=8)
    save_figure(fig, out / "styles.png")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(paths.LESSONS / "figures"))
    ap.add_argument("--valley", default=str(VALLEY))
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    facts = {"trace_lengths": trace_lengths(out)}
    vpath = Path(a.valley)
    if vpath.exists():
        valley = json.loads(vpath.read_text())
        facts["horizon"] = horizon_fig(valley, out)
        equal_axes(valley, out)
        facts["reflection_pays"] = reflection_pays_fig(valley, out)
        styles_fig(valley, out)
    (out / "facts.json").write_text(json.dumps(facts, indent=1) + "\n")
    print(json.dumps(facts, indent=1)[:2000])
    return facts


if __name__ == "__main__":
    main(sys.argv[1:])
