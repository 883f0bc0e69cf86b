"""The lessons' own figures, drawn from the world and from the shipped sweeps (never hand-made).

    python -m training.lesson_figures                  # into $VALLEY_HOME/lesson-figures (a scratch folder)
    python -m training.lesson_figures --out /tmp/f     # anywhere else
    python -m training.lesson_figures --ship           # into lessons/figures: the figures the lessons show

- trace_lengths.png   tokens of short, long and padded traces of the same 300 problems (lesson 1)
- horizon.png         (1-e)^n for the measured per-step error rates, with the 50% horizons (lesson 2)
- equal_axes.png      the valley against examples and against training tokens (= compute, lesson 3)
- reflection_pays.png k*(h'*(1-c)+d) against h for every N of the sweep (lesson 4)
- styles.png          long, short and mixed CoT at each N (lesson 5)

Every series is told apart by its line style, marker or hatching as well as its colour (a grey print reads).
facts.json keeps the numbers behind the figures and, under "figures", each figure's look as drawn: its number of
panels and the line style, marker or hatching of every legend entry, for these figures and for the shipped sweep's
figures the lessons show (assets/valley/<sweep>/valley.png, survival.png, outcomes.png; assets/rl/<sweep>/rl.png).
`python -m training.lessons --check` holds every alt text and caption to it ("Three panels", "short (dashed)").
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

from matplotlib.ticker import NullLocator

from training.core import paths
from training.core.models import load_tokenizer
from training.core.sweeprows import BASE, TableRow, base_row, run_rows, series_rows, table_rows
from training.lab import results
from training.lab.figures import PALETTE, STYLE_COLORS, STYLE_LINES, STYLE_MARKERS, plt, save_figure
from training.task.analysis import horizon, reflection_pays
from training.task.traces import write_trace
from training.task.world import problems

VALLEY = results.sweep().root / "valley.json"
HATCHES = {"short": "", "mixed": "//", "long": ".."}
# names a caption may use for a line style, a hatching or a marker
LINE_NAMES = {"-": "solid", "solid": "solid", "--": "dashed", "dashed": "dashed", ":": "dotted", "dotted": "dotted",
              "-.": "dash-dot", "dashdot": "dash-dot", "None": "none", "": "none", " ": "none"}
HATCH_NAMES = {"": "plain", None: "plain", "//": "hatched", "/": "hatched", "\\\\": "hatched", "..": "dotted",
               ".": "dotted", "xx": "crossed", "x": "crossed"}


def _plain_log_axis(ax, values: list[float], axis: str = "x") -> None:
    """A log axis labelled with the values themselves (125, 250, ... not 10^2-style ticks)."""
    getattr(ax, f"set_{axis}scale")("log")
    getattr(ax, f"set_{axis}ticks")(values, [f"{v:,.0f}" if v >= 1 else f"{v:g}" for v in values])
    getattr(ax, f"{axis}axis").set_minor_locator(NullLocator())


def _err(r: TableRow) -> float:
    """Error bar of a table row: the lab's one convention, the combined standard error of the seeds' spread and the
    test problems' sampling (training.task.analysis.combined_se, as the sweep's table records it)."""
    return r.accuracy_se or 0.0


# -- what a figure looks like, read back from the drawn figure --------------------------------------------------
def _line_name(ls) -> str:
    if isinstance(ls, tuple):  # a dash pattern: (offset, (on, off, ...)), as patches report their style
        dashes = ls[1] or ()
        if not dashes:
            return "solid"
        return "dash-dot" if len(dashes) >= 4 else "dotted" if dashes[0] < dashes[1] else "dashed"
    return LINE_NAMES.get(str(ls), str(ls))


def handle_look(h) -> dict:
    """The line style / hatching / marker of one legend entry's artist."""
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer, ErrorbarContainer
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if isinstance(h, ErrorbarContainer):
        h = h.lines[0]
    if isinstance(h, BarContainer):
        h = h.patches[0]
    if isinstance(h, Line2D):
        marker = h.get_marker()
        return {"line": _line_name(h.get_linestyle()),
                "marker": None if marker in (None, "None", "", " ") else str(marker)}
    if isinstance(h, Patch):
        if h.get_fill():
            return {"hatch": HATCH_NAMES.get(h.get_hatch(), str(h.get_hatch()))}
        return {"line": _line_name(h.get_linestyle())}
    if isinstance(h, PathCollection):
        return {"line": "none", "marker": "markers"}
    return {}


def figure_look(fig) -> dict:
    """{"panels": number of plotting areas, "legend": {entry text: look}} of a drawn figure."""
    axes = [a for a in fig.axes if a.get_visible() and a.get_label() != "<colorbar>"]
    legend: dict[str, dict] = {}
    for ax in axes:
        handles, labels = ax.get_legend_handles_labels()
        for h, label in zip(handles, labels):
            if not label.startswith("_"):
                legend.setdefault(label, handle_look(h))
    return {"panels": len(axes), "legend": legend}


def look_names(look: dict) -> dict[str, set[str]]:
    """{series name: the style words it may be called by} of a recorded look: the name is the legend text's first
    word ("short: mean 55 tokens" -> short, "from base" -> base, "base model (N=0)" -> base)."""
    out: dict[str, set[str]] = {}
    for text, lk in (look.get("legend") or {}).items():
        m = re.match(r"(?:from |the )?([\w.\-']+)", text.strip())
        if not m:
            continue
        words = {v for k, v in lk.items() if k in ("line", "hatch") and v and v != "none"}
        out.setdefault(m.group(1).lower(), set()).update(words)
    return out


# -- the lessons' figures ---------------------------------------------------------------------------------------
def trace_lengths(out: Path) -> tuple[dict, dict]:
    tok = load_tokenizer("tiny")
    ps = problems("classroom", "train", 300)
    lens = {s: [len(tok(write_trace(p, s, seed=p.index))["input_ids"]) for p in ps] for s in ("short", "long", "padded")}
    fig, ax = plt.subplots(figsize=(7, 3.8))
    for s, xs in lens.items():
        ax.hist(xs, bins=40, histtype="step", lw=2.2 if s == "long" else 1.6, ls=STYLE_LINES[s], color=STYLE_COLORS[s],
                label=f"{s} ({_line_name(STYLE_LINES[s])}): mean {statistics.mean(xs):.0f} tokens")
    ax.set_xlabel("tokens in the answer")
    ax.set_ylabel("problems")
    ax.set_title("The same 300 problems, three ways of writing the solution")
    ax.legend()
    look = figure_look(fig)
    save_figure(fig, out / "trace_lengths.png")
    return {s: statistics.mean(xs) for s, xs in lens.items()}, look


def horizon_fig(valley: dict, out: Path) -> tuple[dict, dict]:
    curves = {"base model": valley["base"]["hazard_fit"]}
    longs = series_rows(valley, "long")
    if longs:
        bottom = min(longs, key=lambda r: r.accuracy)
        curves[f"long CoT, N={bottom.n:,}"] = bottom.mean("hazard_fit")
        curves[f"long CoT, N={longs[-1].n:,}"] = longs[-1].mean("hazard_fit")
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ns = list(range(0, 41))
    for i, (label, e) in enumerate(curves.items()):
        h = horizon(e)
        ls, marker = ["-", "--", "-."][i % 3], "os^"[i % 3]
        ax.plot(ns, [(1 - e) ** n for n in ns], color=PALETTE[i], ls=ls, marker=marker, markevery=5, lw=2,
                label=f"{label} ({_line_name(ls)}): e = {e:.3f}, 50% horizon {h:.1f} steps")
        if h < 40:
            ax.axvline(h, color=PALETTE[i], ls=":", alpha=0.7)
            ax.plot([h], [0.5], marker=marker, ms=9, color=PALETTE[i], mfc="white", ls="none")
    ax.axhline(0.5, color="black", lw=0.8, ls="--")
    ax.set_xlabel("steps n")
    ax.set_ylabel("P(all n steps right) = (1-e)^n")
    ax.set_ylim(0, 1.02)
    ax.set_title("The same per-step error rate, compounded (e: mean over seeds)")
    ax.legend(fontsize=8)
    look = figure_look(fig)
    save_figure(fig, out / "horizon.png")
    return {k: {"e": v, "horizon_50": horizon(v)} for k, v in curves.items()}, look


def equal_axes(valley: dict, out: Path) -> dict:
    base = base_row(valley).accuracy
    # no seconds axis: the sweep's runs trained on different machines (a CPU, a GPU), and for one model the
    # training compute is proportional to its tokens (about 6 x parameters x tokens FLOPs)
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.9))
    for ax, (x_of, label) in zip(axes, ((lambda r: r.n, "N examples"), (lambda r: r.mean("tokens"), "training tokens"))):
        for style in ("long", "short", "mixed"):
            rows = [r for r in series_rows(valley, style) if x_of(r)]
            if rows:
                ax.errorbar([x_of(r) for r in rows], [r.accuracy for r in rows], yerr=[_err(r) for r in rows],
                            marker=STYLE_MARKERS[style], ls=STYLE_LINES[style], capsize=3, color=STYLE_COLORS[style],
                            label=f"{style} CoT ({_line_name(STYLE_LINES[style])})")
        ax.axhline(base, color="black", ls="--", label="base model (dashed)")
        ax.set_xscale("log")
        ax.set_xlabel(label + " (log scale)")
        ax.set_ylabel("accuracy")
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
        ax.set_title(f"at equal {label}")
    _plain_log_axis(axes[0], sorted({r.n for r in table_rows(valley) if r.n}))
    axes[0].tick_params(axis="x", labelrotation=45)
    axes[0].legend(fontsize=8)
    look = figure_look(fig)
    save_figure(fig, out / "equal_axes.png")
    return look


def reflection_pays_fig(valley: dict, out: Path) -> tuple[list[dict], dict | None]:
    rows = []
    for r in run_rows(valley, "long"):
        if r.summary:
            rows.append({"n": r.n, "seed": r.seed, **reflection_pays(valley["base"], r.summary)})
    if not rows:
        return rows, None
    fig, ax = plt.subplots(figsize=(7.5, 4))
    ax.scatter([r["n"] for r in rows], [r["lhs"] for r in rows], color=STYLE_COLORS["long"], marker="o",
               label="k (h'(1-c) + d): the fine-tuned model's uncaught wrong claims, per base-length of text")
    ax.axhline(rows[0]["h"], color="black", ls="--", label="h (dashed): the base model's wrong claims per token")
    _plain_log_axis(ax, sorted({r["n"] for r in rows}))
    lo, hi = min([r["lhs"] for r in rows] + [rows[0]["h"]]), max(r["lhs"] for r in rows)
    _plain_log_axis(ax, [v for v in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5) if lo / 2 <= v <= hi * 2],
                    axis="y")
    ax.set_ylim(lo / 1.6, hi * 4)  # room above the dots for the legend
    ax.set_xlabel("N long-CoT examples (log scale; one dot per seed)")
    ax.set_ylabel("wrong arithmetic claims per token (log scale)")
    ax.set_title("Does reflection pay? Only below the dashed line")
    ax.legend(fontsize=8, loc="upper right")
    look = figure_look(fig)
    save_figure(fig, out / "reflection_pays.png")
    return rows, look


def styles_fig(valley: dict, out: Path) -> dict:
    """Accuracy by style at each N: only the runs that were made, each bar with its error bar."""
    fig, ax = plt.subplots(figsize=(7.5, 4))
    table = table_rows(valley)
    ns = sorted({r.n for r in table if r.series != BASE})
    styles = [s for s in ("short", "mixed", "long") if any(r.series == s for r in table)]
    w = 0.8 / max(1, len(styles))
    for i, s in enumerate(styles):
        rows = {r.n: r for r in table if r.series == s}
        made = [k for k, n in enumerate(ns) if n in rows]  # no bar where no run was made (it would read as 0%)
        ax.bar([k + i * w for k in made], [rows[ns[k]].accuracy for k in made], width=w,
               yerr=[_err(rows[ns[k]]) for k in made], color=STYLE_COLORS[s], hatch=HATCHES[s], edgecolor="white",
               label=f"{s} CoT ({HATCH_NAMES[HATCHES[s]]})", capsize=2)
    ax.axhline(table[0].accuracy, color="black", ls="--", label="base model (dashed)")
    ax.set_xticks([k + 0.4 - w / 2 for k in range(len(ns))], [f"{n:,}" for n in ns])
    ax.set_xlabel("N examples (error bars: sd over seeds; one seed: the sampling error)")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.set_title("Short, long or mixed chain of thought at each data size")
    ax.legend(fontsize=8)
    look = figure_look(fig)
    save_figure(fig, out / "styles.png")
    return look


def shipped_looks(valley: dict | None, rl: dict | None, sweep: str = results.DEFAULT_SWEEP) -> dict[str, dict]:
    """The look of the shipped sweep's figures the lessons show, drawn again in memory from the same data and code
    (training.lab.figures) that drew the PNGs; nothing is written."""
    from training.lab import figures

    out: dict[str, dict] = {}
    vroot = paths.ASSETS.relative_to(paths.REPO) / "valley" / sweep
    if valley is not None:
        curves = figures.curves_for(valley)
        for name, fig in (("valley.png", figures.valley_figure(valley, paper_ref=results.paper_reference())),
                          ("survival.png", figures.survival_figure(curves)),
                          ("outcomes.png", figures.outcomes_figure(curves))):
            out[str(vroot / name)] = figure_look(fig)
            plt.close(fig)
    if rl is not None:
        fig = figures.rl_figure(rl)
        out[str(paths.ASSETS.relative_to(paths.REPO) / "rl" / sweep / "rl.png")] = figure_look(fig)
        plt.close(fig)
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="", help="where to write (default: $VALLEY_HOME/lesson-figures)")
    ap.add_argument("--ship", action="store_true", help="write into lessons/figures (replaces the shipped figures)")
    ap.add_argument("--valley", default=str(VALLEY))
    a = ap.parse_args(argv)
    out = Path(a.out) if a.out else paths.LESSONS / "figures" if a.ship else paths.home() / "lesson-figures"
    out.mkdir(parents=True, exist_ok=True)
    here = str(paths.LESSONS.relative_to(paths.REPO) / "figures")
    lengths, look = trace_lengths(out)
    facts = {"trace_lengths": lengths}
    looks = {f"{here}/trace_lengths.png": look}
    valley = results.read(Path(a.valley))
    if valley is not None:
        facts["horizon"], looks[f"{here}/horizon.png"] = horizon_fig(valley, out)
        looks[f"{here}/equal_axes.png"] = equal_axes(valley, out)
        facts["reflection_pays"], look = reflection_pays_fig(valley, out)
        if look:
            looks[f"{here}/reflection_pays.png"] = look
        looks[f"{here}/styles.png"] = styles_fig(valley, out)
    if Path(a.valley).resolve() == VALLEY.resolve():  # the shipped sweep: its own figures' looks too
        looks.update(shipped_looks(valley, results.rl().result))
    facts["figures"] = looks
    (out / "facts.json").write_text(json.dumps(facts, indent=1) + "\n")
    print(f"{len(list(out.glob('*.png')))} figures in {out}")
    print(f"- answer length of the same problems: short {lengths['short']:.0f}, long {lengths['long']:.0f}, "
          f"padded {lengths['padded']:.0f} tokens")
    for label, h in facts.get("horizon", {}).items():
        print(f"- {label}: step error e = {h['e']:.3f}, 50% horizon {h['horizon_50']:.1f} steps")
    pays = facts.get("reflection_pays") or []
    if pays:
        print(f"- reflection paid in {sum(r['pays'] for r in pays)} of {len(pays)} long-CoT runs")
    return facts


if __name__ == "__main__":
    main(sys.argv[1:])
