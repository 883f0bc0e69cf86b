"""Figures of the valley study, drawn from results data (never from hard-coded numbers).

Every function takes summaries/results as written by training.task.analysis / training.valley and
returns a matplotlib Figure; save_valley_figures() writes the PNGs of a sweep.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from training.core.sweeprows import AROUND_BELOW, BASE, base_row, run_rows, series_rows, table_rows, way_of  # noqa: E402
from training.lab import results  # noqa: E402
from training.task.analysis import RECOVERY_MARGIN, horizon  # noqa: E402

STYLE_COLORS = {"long": "#dc2626", "short": "#2563eb", "mixed": "#7c3aed", "padded": "#6b7280"}
STYLE_MARKERS = {"long": "o", "short": "s", "mixed": "^", "padded": "D"}  # shapes and lines besides colour
STYLE_LINES = {"long": "-", "short": "--", "mixed": ":", "padded": "-."}
PALETTE = ["#111827", "#dc2626", "#2563eb", "#16a34a", "#d97706", "#7c3aed"]
RL_METRICS = ("accuracy", "mean_tokens", "reflection_ratio", "claim_error_rate")
LEGEND_PT = 9  # every legend: the survival and RL legends were 8 pt, too small to read on a projected page


def save_figure(fig, path: Path, dpi: int = 110) -> Path:
    """Lay out, write the PNG, free the figure (pyplot keeps every open figure alive)."""
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return Path(path)


def series_look(name: str, i: int) -> tuple[str, str, str]:
    """(colour, marker, line style) of a plotted series: the fixed ones of the trace styles, then distinct
    combinations for arms (curriculum, correction, ...), so that no two series differ by colour alone."""
    if name in STYLE_COLORS:
        return STYLE_COLORS[name], STYLE_MARKERS[name], STYLE_LINES[name]
    extra = ["#16a34a", "#d97706", "#0891b2", "#be185d", "#4b5563"]
    return extra[i % len(extra)], "vDP<>"[i % 5], ["-.", ":", "--", "-", (0, (3, 1, 1, 1))][i % 5]


def plain_log_x(ax, ticks: list[float] | None = None) -> None:
    """A log x axis labelled with plain numbers (1,000 not 10^3). Besides reading better, it keeps matplotlib's
    mathtext parser out of drawing: that parser is not thread-safe, and the app draws figures for several
    users at once (a load test saw "ParseException" from two plots drawn together)."""
    ax.set_xscale("log")
    if ticks:
        ax.set_xticks(ticks, [f"{t:,.0f}" for t in ticks])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.minorticks_off()


def valley_figure(result: dict, extra_points: list[dict] | None = None, paper_ref: dict | None = None,
                  class_points: list[dict] | None = None):
    """Accuracy and mean response length against N (log x); the base as a horizontal line.

    extra_points: [{"n", "accuracy", "mean_tokens", "label"}] (e.g. the app's own runs), drawn as stars.
    class_points: [{"n", "accuracy", "mean_tokens", "style"}] (a class's runs), marks by style drawn above every
    line (white-filled, so a mark on the shipped line's marker still shows); with any, the legends go below the
    panels (out of the floor's corner), and class runs under 10% get a panel of their own beside the accuracy: the
    floor, 0-10%, enlarged, where they separate.
    paper_ref: assets/paper_reference.json; its relative numbers are drawn on a panel after the others.
    """
    floor = any(p["accuracy"] < FLOOR and p.get("recipe", "class") == "class" for p in class_points or [])
    widths = [1.0] + [0.75] * floor + [1.0] + [1.0] * bool(paper_ref)
    fig, panels = plt.subplots(1, len(widths), figsize=(5.6 * sum(widths), 6.2 if class_points else 4.8),
                               gridspec_kw={"width_ratios": widths})
    axes = [panels[0], panels[1 + floor], *panels[2 + floor:]]
    base, table = base_row(result), table_rows(result)
    known = [s for s in ("long", "short", "mixed", "padded") if series_rows(result, s)]
    styles = known + sorted({r.series for r in table} - set(known) - {BASE})
    for ax, key, label in ((axes[0], "accuracy", "accuracy (greedy)"),
                           (axes[1], "mean_tokens", "mean response length (tokens)")):
        b = base.mean(key)
        ax.axhline(b, color="black", lw=1.5, ls="--", label=f"base model (N=0): {b:.2f}" if key == "accuracy"
                   else f"base model: {b:.0f}")
        if key == "accuracy" and base.accuracy_se:
            ax.axhspan(b - base.accuracy_se, b + base.accuracy_se, color="black", alpha=0.08)
        for style in styles:
            rows = series_rows(result, style)
            xs = [r.n for r in rows]
            ys = [r.mean(key) for r in rows]
            # accuracy: ± the combined standard error (seeds and test problems); length: ± the sd over seeds
            err = [(r.accuracy_se if key == "accuracy" else r.sd(key)) or 0 for r in rows]
            seeds = sorted({r.seeds for r in rows})
            seeds_txt = f"{seeds[0]}" if len(seeds) == 1 else f"{seeds[0]}-{seeds[-1]}"
            what = ("1 seed, ± se" if seeds == [1] else f"mean ± se, {seeds_txt} seeds") if key == "accuracy" else \
                ("1 seed" if seeds == [1] else f"mean ± sd, {seeds_txt} seeds")
            color, marker, line = series_look(style, styles.index(style))
            name = f"{style} CoT SFT" if style in STYLE_COLORS else style
            ax.errorbar(xs, ys, yerr=err, marker=marker, ls=line, capsize=3, color=color, label=f"{name} ({what})")
        class_marks(ax, key, class_points or [])
        guesses = [p for p in class_points or [] if p.get("prediction") is not None and p.get("recipe", "class") == "class"]
        if key == "accuracy" and guesses:  # what the class predicted before its runs, next to what they did
            ax.scatter([p["n"] for p in guesses], [p["prediction"] for p in guesses], marker="d", s=26,
                       facecolors="none", edgecolors="#374151", zorder=4, label=f"class predictions ({len(guesses)})")
        other = [p for p in class_points or [] if p.get("recipe", "class") != "class"]
        if other:
            ax.scatter([p["n"] for p in other], [p[key] for p in other], marker="x", s=24, color="#6b7280",
                       zorder=4, label=f"class runs, other settings ({len(other)})")
        for i, p in enumerate(extra_points or []):
            # a star with a black rim above every line (a plain star hid on the red long-CoT curve)
            ax.scatter([p["n"]], [p[key]], marker="*", s=320, color="#f59e0b", edgecolors="black", linewidths=1.2,
                       zorder=10, label=p.get("label", "your run") if i < 4 else None)
            if key == "accuracy" and p.get("prediction") is not None:
                ax.scatter([p["n"]], [p["prediction"]], marker="D", s=70, facecolors="none", edgecolors="black",
                           linewidths=1.2, zorder=9, label="your prediction" if i == 0 else None)
                ax.plot([p["n"], p["n"]], [p["prediction"], p[key]], color="black", lw=0.8, ls=":", zorder=8)
        plain_log_x(ax, sorted({r.n for r in table if r.n > 0}))
        ax.set_xlabel("N fine-tuning examples (log scale)")
        ax.set_ylabel(label)
        if key == "accuracy":
            ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
        if class_points:  # below the panel: the class's runs sit on the floor, where "best" put the legend
            ax.legend(fontsize=LEGEND_PT, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
        else:
            ax.legend(fontsize=LEGEND_PT, loc="best")
    if floor:
        floor_panel(panels[1], result, class_points, extra_points or [])
    axes[0].set_title(f"The valley: {result.get('world', '')} world, {result['eval']['n']} test problems")
    axes[1].set_title("Responses grow after long-CoT SFT")
    if paper_ref:
        paper_panel(axes[-1], paper_ref, result)
    fig.tight_layout()
    return fig


FLOOR = 0.10  # class runs below this accuracy get a panel of the floor


def class_marks(ax, key: str, class_points: list[dict], legend: bool = True) -> None:
    """A class's runs of the class recipe, one mark shape and colour per style, white-filled and above every line
    (zorder 7): hollow marks under the shipped line's own markers, on the floor, could not be seen."""
    for style in ("long", "short", "mixed", "padded"):
        pts = [p for p in class_points if p["style"] == style and p.get("recipe", "class") == "class"]
        if pts:
            ax.scatter([p["n"] for p in pts], [p[key] for p in pts], marker=STYLE_MARKERS[style], s=46,
                       facecolors="white", edgecolors=STYLE_COLORS[style], linewidths=1.6, zorder=7,
                       label=f"class runs, {style} ({len(pts)})" if legend else None)


def floor_panel(ax, result: dict, class_points: list[dict], extra_points: list[dict]) -> None:
    """The accuracy panel's floor (0 to FLOOR), enlarged: the shipped long-CoT line, the class's runs and the
    reader's own (stars), which on the full scale sit on top of each other at the bottom."""
    rows = series_rows(result, "long")
    if rows:
        ax.errorbar([r.n for r in rows], [r.accuracy for r in rows], yerr=[r.accuracy_se or 0 for r in rows],
                    marker=STYLE_MARKERS["long"], ls=STYLE_LINES["long"], capsize=3, color=STYLE_COLORS["long"],
                    label="long CoT SFT (shipped)")
    class_marks(ax, "accuracy", class_points)
    mine = [p for p in extra_points if p["accuracy"] < FLOOR]
    if mine:
        ax.scatter([p["n"] for p in mine], [p["accuracy"] for p in mine], marker="*", s=240, color="#f59e0b",
                   edgecolors="black", linewidths=1.2, zorder=10, label="your runs")
    plain_log_x(ax, sorted({r.n for r in table_rows(result) if r.n > 0})[::2])  # a narrow panel: every other N
    ax.set_ylim(0, FLOOR)
    ax.set_xlabel("N fine-tuning examples (log scale)")
    ax.set_ylabel("accuracy (greedy), 0-10% only")
    ax.set_title(f"The floor, 0-{FLOOR:.0%}, enlarged")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=LEGEND_PT, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1)


def paper_panel(ax, ref: dict, result: dict | None = None):
    """The paper's *stated* numbers, relative to each model's own base (marked as such)."""
    for i, (model, pts) in enumerate(ref["relative_accuracy"].items()):
        xs = [p["n"] for p in pts]
        ys = [p["relative"] for p in pts]
        lk = look(i + 1)  # each model its own marker and colour; no line: two stated points are not a measured path
        ax.plot(xs, ys, marker=lk["marker"], ls="", ms=8, color=lk["color"], label=model)
    if result:
        rows = series_rows(result, "long")
        b = base_row(result).accuracy
        scale = results.world_scale(result, ref)
        if rows and b and scale:
            ax.plot([r.n / scale for r in rows], [r.accuracy / b for r in rows], marker="*", ms=9,
                    color="black", lw=2, label=f"this lab's model (world N x {1 / scale:.0f}, a convention)")
    ax.axhline(1.0, color="black", ls="--", lw=1)
    plain_log_x(ax)
    ax.set_xlabel("N long-CoT examples (paper scale)")
    ax.set_ylabel("accuracy / base accuracy")
    ax.set_title("Paper's stated numbers (text, not plots)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=LEGEND_PT)


# Each compared evaluation gets a colour, a line style, a marker and a hatch, so that none is told apart by colour
# alone (and colour-blind readers, or a grey printout, can still follow them).
LINES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
MIN_AT_RISK = 10   # hazard points resting on fewer traces are drawn hollow and labelled with their count


def look(i: int) -> dict:
    return {"color": PALETTE[i % len(PALETTE)], "ls": LINES[i % len(LINES)], "marker": MARKERS[i % len(MARKERS)],
            "hatch": HATCHES[i % len(HATCHES)]}


def survival_figure(curves: dict[str, dict]):
    """Kaplan-Meier survival with the (1-e)^n fit, and the per-step hazard, for each labelled summary."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, 4.6))
    for i, (label, s) in enumerate(curves.items()):
        sv = s["survival"]
        if not sv["step"]:
            continue
        lk = look(i)
        e = s["hazard_fit"]
        a1.step([0] + sv["step"], [1.0] + sv["survival"], where="post", color=lk["color"], ls=lk["ls"], lw=1.8,
                label=f"{label} (e={e:.3f}, 50% horizon {horizon(e):.1f} steps)")
        xs = list(range(0, max(sv["step"]) + 1))
        a1.plot(xs, [(1 - e) ** x for x in xs], ls="", marker=lk["marker"], ms=4, color=lk["color"], alpha=0.7)
        risk = sv.get("at_risk") or [MIN_AT_RISK] * len(sv["step"])
        solid = [(x, h) for x, h, r in zip(sv["step"], sv["hazard"], risk) if r >= MIN_AT_RISK]
        a2.plot([x for x, _ in solid], [h for _, h in solid], marker=lk["marker"], ls=lk["ls"], color=lk["color"],
                label=label)
        for x, h, r in zip(sv["step"], sv["hazard"], risk):
            if r < MIN_AT_RISK:  # few traces left at this step: a point of little weight, said so
                a2.plot([x], [h], marker=lk["marker"], color=lk["color"], mfc="none", ls="")
                a2.annotate(f"{r}", (x, h), textcoords="offset points", xytext=(3, 3), fontsize=8, color=lk["color"])
    a1.set_xlabel("step")
    a1.set_ylabel("share of traces still error-free")
    a1.set_title("Survival (Kaplan-Meier); markers: (1-e)^n")
    a1.set_ylim(0, 1.02)
    a2.set_xlabel("step")
    a2.set_ylabel("hazard: P(first error at this step | none before)")
    a2.set_title(f"Hazard by step (hollow + count: < {MIN_AT_RISK} traces left)")
    a1.grid(alpha=0.3)
    a1.legend(fontsize=LEGEND_PT, loc="upper right")
    a2.grid(alpha=0.3)
    a2.legend(fontsize=LEGEND_PT, loc="upper left")
    fig.tight_layout()
    return fig


def first_error_figure(curves: dict[str, dict]):
    fig, ax = plt.subplots(figsize=(6, 4))
    width = 0.8 / max(1, len(curves))
    for i, (label, s) in enumerate(curves.items()):
        h = s["first_error"]
        total = sum(h["count"]) + h["clean"]
        lk = look(i)
        ax.bar([x + i * width for x in h["step"]], [c / max(total, 1) for c in h["count"]], width=width,
               color=lk["color"], hatch=lk["hatch"], edgecolor="white" if not lk["hatch"] else "#f9fafb",
               label=f"{label} ({h['clean'] / max(total, 1):.0%} clean)")
    ax.set_xlabel("step of the first error")
    ax.set_ylabel("share of traces")
    ax.set_title("Where the first error enters")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=LEGEND_PT)
    fig.tight_layout()
    return fig


def length_figure(curves: dict[str, dict]):
    fig, ax = plt.subplots(figsize=(6, 4))
    for i, (label, s) in enumerate(curves.items()):
        b = s["by_length"]
        mids = [(lo + hi) / 2 for lo, hi in zip(b["lo"], b["hi"])]
        lk = look(i)
        ax.plot(mids, b["accuracy"], marker=lk["marker"], ls=lk["ls"], color=lk["color"], label=label)
    ax.set_xlabel("response length (tokens, bin middle)")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1.02)
    ax.set_title("Accuracy by response length")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=LEGEND_PT)
    fig.tight_layout()
    return fig


def outcomes_figure(curves: dict[str, dict]):
    """Reflection outcomes (caught / missed / false alarm / false fix) and answer categories."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
    keys = ["caught", "changed_wrong", "missed", "verified_wrong", "false_alarm", "false_fix"]
    cats = ["correct", "wrong", "no answer", "truncated", "loop"]
    width = 0.8 / max(1, len(curves))
    for i, (label, s) in enumerate(curves.items()):
        lk = look(i)
        bar = dict(width=width, color=lk["color"], hatch=lk["hatch"], edgecolor="#f9fafb", label=label)
        a1.bar([k + i * width for k in range(len(keys))], [s["outcomes"][k] / s["n"] for k in keys], **bar)
        a2.bar([k + i * width for k in range(len(cats))], [s["categories"][k] / s["n"] for k in cats], **bar)
    a1.set_xticks([k + 0.4 - width / 2 for k in range(len(keys))],
                  ["caught", "changed,\nstill wrong", "missed", "missed after\na check", "false alarm",
                   "false fix"], fontsize=9)
    a1.set_ylabel("per trace")
    a1.set_title("What reflection did")
    a2.set_xticks([k + 0.4 - width / 2 for k in range(len(cats))], cats, fontsize=9)
    a2.set_ylabel("share of samples")
    a2.set_title("How answers ended")
    for a in (a1, a2):
        a.grid(alpha=0.3, axis="y")
        a.legend(fontsize=LEGEND_PT)
    fig.tight_layout()
    return fig


def curves_for(result: dict) -> dict[str, dict]:
    """Base, the bottom of the long-CoT valley and the largest long N (seed 0 of each)."""
    curves = {"base (N=0)": result["base"]}
    longs = series_rows(result, "long")
    if not longs:
        return curves
    bottom = min(longs, key=lambda r: r.accuracy)
    top = longs[-1]
    for tag, row in (("in the valley", bottom), ("largest N", top)):
        run = next((r for r in run_rows(result, "long", row.n) if r.summary), None)
        if run:
            curves[f"long N={row.n} ({tag}, seed {run.seed})"] = run.summary
    return curves


def save_valley_figures(result: dict, out: Path, paper_ref_path: Path | None = None) -> list[Path]:
    out = Path(out)
    ref = results.read(paper_ref_path) if paper_ref_path else results.paper_reference()
    curves = curves_for(result)
    figs = {
        "valley.png": valley_figure(result, paper_ref=ref),
        "survival.png": survival_figure(curves),
        "first_error.png": first_error_figure(curves),
        "accuracy_by_length.png": length_figure(curves),
        "outcomes.png": outcomes_figure(curves),
    }
    return [save_figure(fig, out / name) for name, fig in figs.items()]


def rl_figure(result: dict):
    """GRPO from several starts: accuracy, length, reflection and claim errors against the RL step."""
    fig, axes = plt.subplots(1, 4, figsize=(18, 3.9))
    titles = {"accuracy": "accuracy (greedy, held-out)", "mean_tokens": "mean response length (tokens)",
              "reflection_ratio": "reflective responses", "claim_error_rate": "per-claim error rate"}
    eval_n = (result["config"].get("grpo") or {}).get("eval_n") or 50
    for i, (label, rows) in enumerate(result["table"].items()):
        for ax, k in zip(axes, RL_METRICS):
            xs = [r["step"] for r in rows if r[f"{k}_mean"] is not None]
            ys = [r[f"{k}_mean"] for r in rows if r[f"{k}_mean"] is not None]
            # accuracy: ± the combined standard error (seeds and the test problems); the others: ± the sd over seeds
            err = [((r["accuracy_sd"] ** 2 / max(1, r["seeds"]) + r["accuracy_mean"] * (1 - r["accuracy_mean"])
                     / eval_n) ** 0.5) if k == "accuracy" else r[f"{k}_sd"] for r in rows if r[f"{k}_mean"] is not None]
            ax.errorbar(xs, ys, yerr=err, marker="osD^v"[i % 5], ls=("-", "--", ":", "-.")[i % 4], capsize=3,
                        color=PALETTE[(i + 1) % len(PALETTE)], label=f"from {label}")  # not colour alone
    for ax, k in zip(axes, RL_METRICS):
        ax.set_title(titles[k])
        ax.set_xlabel("GRPO step")
        ax.grid(alpha=0.3)
    axes[0].set_ylim(0, 1)
    axes[0].legend(fontsize=LEGEND_PT, loc="center right", bbox_to_anchor=(1.0, 0.35))
    fig.suptitle(f"GRPO from three starts ({result['config']['world']} world; mean over {len(result['config']['seeds'])} "
                 f"seeds; accuracy ± the standard error of seeds and its {eval_n} test problems, the others ± sd)",
                 fontsize=10)
    fig.tight_layout()
    return fig


def rl_paired_figure(result: dict):
    """A paired RL sweep (rl.json's `paired` steps): one panel per start, its change against its own step 0 on the
    same test problems at every evaluated step, with 95% intervals, and the band of changes too small for the design
    to detect (± its smallest detectable change, 2.8 standard errors, at each step)."""
    paired = {label: p for label, p in (result.get("paired") or {}).items() if p.get("steps")}
    fig, axes = plt.subplots(1, max(1, len(paired)), figsize=(5.2 * max(1, len(paired)), 4.2), sharey=True,
                             squeeze=False)
    for i, (ax, (label, p)) in enumerate(zip(axes[0], paired.items())):
        rows = p["steps"]
        xs = [r["step"] for r in rows]
        ys = [100 * r["change"] for r in rows]
        mde = [100 * r["min_detectable"] for r in rows]
        ax.fill_between(xs, [-m for m in mde], mde, color="#9ca3af", alpha=0.3,
                        label="too small to detect (± 2.8 se, 80% power)")
        ax.axhline(0, color="black", lw=1)
        ax.errorbar(xs, ys, yerr=[[y - 100 * r["ci95"][0] for y, r in zip(ys, rows)],
                                  [100 * r["ci95"][1] - y for y, r in zip(ys, rows)]],
                    marker="osD^v"[i % 5], ls="-", capsize=4, color=PALETTE[(i + 1) % len(PALETTE)],
                    label="change, 95% CI")
        ax.set_title(f"from {label} (step 0: {rows[0]['accuracy']:.1%})", fontsize=10)
        ax.set_xlabel("GRPO step")
        ax.set_xticks(xs)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=LEGEND_PT, loc="upper left")
    axes[0][0].set_ylabel("change against step 0 (points)")
    if paired:
        first = next(iter(paired.values()))
        fig.suptitle(f"GRPO, each start against its own step 0 on the same {first['problems']:,} test problems "
                     f"(paired, {first['seeds']} seeds averaged per problem)", fontsize=10)
    fig.tight_layout()
    return fig


def survival_playground(e: float, n: int, k: float, c: float, measured: list[dict]):
    """The (1-e)^n model to play with: left, the chance that n steps are all right when each fails with chance e,
    with the measured runs (accuracy against their steps per answer); right, a long answer k times longer whose
    checks catch a share c of its errors, against the short one, as c varies, with the break-even c* and the
    measured runs' (catch rate, accuracy). measured: [{"label", "steps", "accuracy", "catch_rate"}]."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, 4.4))
    xs = list(range(0, max(n, 12) + 1))
    a1.plot(xs, [(1 - e) ** x for x in xs], color="black", lw=2, label=f"(1-e)^n, e = {e:.3f}")
    a1.plot([n], [(1 - e) ** n], marker="o", ms=9, color="black")
    a1.annotate(f"n = {n}: {(1 - e) ** n:.0%}", (n, (1 - e) ** n), textcoords="offset points", xytext=(6, 6))
    for i, m in enumerate(measured):
        lk = look(i + 1)
        a1.plot([m["steps"]], [m["accuracy"]], marker=lk["marker"], ls="", ms=8, color=lk["color"], label=m["label"])
    a1.set_xlabel("n: steps per answer")
    a1.set_ylabel("chance every step is right")
    a1.set_ylim(0, 1.02)
    a1.set_title("If every step fails with chance e")
    cs = [i / 100 for i in range(101)]
    short = (1 - e) ** n
    long_ = [(1 - e * (1 - ci)) ** (k * n) for ci in cs]
    a2.plot(cs, long_, color="#dc2626", lw=2, ls="-", label=f"long: k = {k:g}x the steps (a step ratio), checks catch c")
    a2.axhline(short, color="#2563eb", ls="--", lw=2, label=f"short: n = {n} steps, {short:.0%}")
    # break-even: (1 - e(1-c))^k = 1 - e  ->  c* = 1 - (1 - (1-e)^(1/k)) / e
    c_star = 1 - (1 - (1 - e) ** (1 / k)) / e if e > 0 and k > 0 else None
    if c_star is not None and 0 <= c_star <= 1:
        a2.axvline(c_star, color="black", ls=":", lw=1.2)
        a2.annotate(f"break-even c* = {c_star:.0%}", (c_star, 0.05), textcoords="offset points", xytext=(4, 0))
    a2.plot([c], [(1 - e * (1 - c)) ** (k * n)], marker="o", ms=9, color="#dc2626")
    for i, m in enumerate(measured):
        if m.get("catch_rate") is not None:
            lk = look(i + 1)
            a2.plot([m["catch_rate"]], [m["accuracy"]], marker=lk["marker"], ls="", ms=8, color=lk["color"])
    a2.set_xlabel("c: share of its own errors a long answer catches")
    a2.set_ylabel("chance the answer is right")
    a2.set_ylim(0, 1.02)
    a2.set_title("When does the longer answer win?")
    for a in (a1, a2):
        a.grid(alpha=0.3)
        a.legend(fontsize=LEGEND_PT, loc="upper right")
    fig.tight_layout()
    return fig


def sweeps_figure(entries: dict[str, dict], title: str, style: str = "long", relative: bool = False):
    """Several sweeps' `style` curves on one axis (model sizes, data-or-steps designs), each with its own base as
    a line of its colour; relative=True divides every point by its own base. entries: {label: valley.json}."""
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    bases = {label: base_row(v).accuracy for label, v in entries.items()}
    for i, (label, v) in enumerate(entries.items()):
        lk = look(i)
        rows = series_rows(v, style)
        base = bases[label]
        div = base if relative and base else 1.0
        if rows:
            seeds = sorted({r.seeds for r in rows})
            ax.errorbar([r.n for r in rows], [r.accuracy / div for r in rows],
                        yerr=[(r.accuracy_se or 0) / div for r in rows], marker=lk["marker"], ls=lk["ls"],
                        color=lk["color"], capsize=3, label=f"{label} ({'-'.join(map(str, seeds))} seeds)")
            runs = [x for x in run_rows(v, style) if x.summary and x.summary.get("accuracy") is not None]
            if runs:  # every seed as a small point beside the mean: how far apart the seeds land
                ax.scatter([x.n for x in runs], [x.summary["accuracy"] / div for x in runs], s=12,
                           color=lk["color"], alpha=0.45, marker=lk["marker"], zorder=1)
        if not relative and all(abs(base - earlier) > 1e-9 for earlier in list(bases.values())[:i]):
            ax.axhline(base, color=lk["color"], ls=":", lw=1.2, label=f"base {base:.0%}" + ("" if i == 0 and len(
                {round(b, 6) for b in bases.values()}) == 1 else f" ({label})"))
    if relative:
        ax.axhline(1.0, color="black", ls="--", lw=1, label="each model's own base")
    ns = sorted({r.n for v in entries.values() for r in table_rows(v) if r.n > 0})
    plain_log_x(ax, ns)
    ax.set_xlabel("N long-CoT examples (log scale)")
    ax.set_ylabel("accuracy / own base" if relative else "accuracy (greedy)")
    ax.set_ylim(0, None if relative else 1.0)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=LEGEND_PT)
    fig.tight_layout()
    return fig


def arms_figure(entries: dict[str, dict]):
    """The ways out, each arm beside plain long CoT at the same N: one group of bars per (sweep, N), each bar an
    arm's accuracy (± its combined s.e.) with its answers' length and, where paired, its change against long CoT on
    the same problems; hatched bars answer short (way_of: around the long format, not through it); each group's
    base as a dashed line over it. entries: {label: valley.json}."""
    from matplotlib.patches import Patch

    groups = [(label, n, v) for label, v in entries.items() for n in sorted({r.n for r in table_rows(v) if r.n > 0})]
    arms = list(dict.fromkeys(["long"] + [r.series for _, _, v in groups for r in table_rows(v)[1:]]))
    fig, ax = plt.subplots(figsize=(max(7.5, 3.2 * len(groups) + 1.5), 5.4))
    width = 0.84 / max(1, max(len([r for r in table_rows(v) if r.n == n]) for _, n, v in groups))
    handles = {}
    for g, (label, n, v) in enumerate(groups):
        base = base_row(v)
        rows = [r for a in arms for r in series_rows(v, a) if r.n == n]
        for k, r in enumerate(rows):
            x = g + (k - (len(rows) - 1) / 2) * width
            color = series_look(r.series, arms.index(r.series))[0]
            ax.bar(x, r.accuracy, width=width * 0.9, yerr=r.accuracy_se or 0, capsize=3, color=color,
                   hatch="//" if way_of(r, base) == "around" else None, edgecolor="#f9fafb")
            handles.setdefault(r.series, Patch(color=color, label=r.series))
            note = f"{r.accuracy:.0%}\n{r.mean('mean_tokens') or 0:.0f} tok\n{r.seeds} seed{'s' if r.seeds != 1 else ''}"
            if r.vs_long:
                note += f"\n{100 * r.vs_long['change']:+.0f} pts\nvs long"
            ax.text(x, r.accuracy + (r.accuracy_se or 0) + 0.015, note, ha="center", va="bottom", fontsize=7)
        span = (len(rows) / 2) * width
        ax.hlines(base.accuracy, g - span, g + span, colors="black", linestyles="--", lw=1.5)
        ax.text(g - span, base.accuracy - 0.01, f"base {base.accuracy:.0%}", ha="left", va="top", fontsize=8)
    legend = [handles[a] for a in arms if a in handles]
    legend.append(Patch(facecolor="white", edgecolor="#374151", hatch="//",
                        label=f"hatched: short answers (under {AROUND_BELOW:g}x the base's): around the long format"))
    ax.set_xticks(range(len(groups)), [f"{label}\n({v['eval']['n']:,} test problems)" for label, _, v in groups])
    ax.set_xlim(-0.6, len(groups) - 0.4)
    ax.set_ylabel("accuracy (greedy)")
    ax.set_ylim(0, 1.15)
    ax.set_title("Ways out of the valley: each arm at the same N as plain long CoT")
    ax.grid(alpha=0.3, axis="y")
    ax.legend(handles=legend, fontsize=LEGEND_PT, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    fig.tight_layout()
    return fig


def paired_figure(entries: dict[str, dict], title: str = "Against the base, problem by problem"):
    """Each sweep's rungs as their change against their own base on the same test problems (valley.json's paired
    `vs_base`, pooled over seeds), with 95% intervals; the band just under 0 is the recovery margin declared before
    the runs (a rung "climbs back" when its whole interval lies above it). entries: {label: valley.json}; rows
    without a paired change (sweeps scored before pairing) are left out, and the legend says how many seeds."""
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    i = 0
    for label, v in entries.items():
        for series in dict.fromkeys(r.series for r in table_rows(v) if r.series != BASE):
            rows = [r for r in series_rows(v, series) if r.vs_base]
            if not rows:
                continue
            lk = look(i)
            i += 1
            ys = [100 * r.vs_base["change"] for r in rows]
            lo = [y - 100 * r.vs_base["ci95"][0] for y, r in zip(ys, rows)]
            hi = [100 * r.vs_base["ci95"][1] - y for y, r in zip(ys, rows)]
            seeds = sorted({r.vs_base.get("seeds", 1) for r in rows})
            said = "1 seed: problems only" if seeds == [1] else f"{'-'.join(map(str, seeds))} seeds"
            name = label if series == "long" else f"{label}, {series}"
            ax.errorbar([r.n for r in rows], ys, yerr=[lo, hi], marker=lk["marker"], ls=lk["ls"], color=lk["color"],
                        capsize=3, label=f"{name} ({said})")
    ax.axhline(0, color="black", lw=1.2, label="the base (each sweep's own)")
    ax.axhspan(-100 * RECOVERY_MARGIN, 0, color="#16a34a", alpha=0.15,
               label=f"climbs back: interval above -{100 * RECOVERY_MARGIN:.0f} points")
    ns = sorted({r.n for v in entries.values() for r in table_rows(v) if r.n > 0})
    plain_log_x(ax, ns)
    ax.set_xlabel("N long-CoT examples (log scale)")
    ax.set_ylabel("change against the base (points, 95% CI)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=LEGEND_PT, loc="best")  # wherever it hides the fewest points
    fig.tight_layout()
    return fig
