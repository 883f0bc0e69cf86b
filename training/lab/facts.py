"""The numbers and findings the app, the lessons and the README quote, computed from the shipped results.

Nothing here is typed in: every value comes from assets/ (the valley sweep, its ablations, the RL sweep, the
lessons' figure facts), so a regenerated sweep changes every quote at once and none can drift.

    facts = load()                                   # {"valley.base.accuracy": "74.5%", ...}
    render("The base scores {{valley.base.accuracy}}.", facts)
    valley_verdict(valley)                           # what the top of the ladder does, in plain words
    rl_verdict(rl)                                   # what GRPO did from each start, in plain words

`python -m training.lab.facts` prints every key with its value (the names a lesson source may use).
"""

from __future__ import annotations

import functools
import json
import math
import re
import sys
from collections import Counter

from training.core import paths
from training.core.models import TINY_LR
from training.core.sweeprows import (
    BASE,
    RunRow,
    TableRow,
    base_row,
    run_rows,
    series_rows,
    series_slug,
    table_rows,
    way_of,
)
from training.lab import kit, results
from training.task import check, checker_score, parse_expression, reflection_count
from training.task.analysis import horizon
from training.task.traces import write_trace

PLACEHOLDER = re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}")
# the paper's GRPO budget (its text: about 100 steps of 1,024 prompts x 8 rollouts), for the RL verdict
PAPER_RL = {"steps": 100, "prompts": 1024, "group": 8}
# lesson 1's worked problem and the seed of the long trace the world writes for it (a choice, not a measurement)
LESSON1_PROBLEM, LESSON1_SEED = "7*3+12-8/4", 4
# the world this lab's N x 32 convention was set for: only its sweeps are placed on the paper's data axis
# the instructor guide's printed fallback for 8 groups on one 2-core CPU: (group, N, style, seed), N <= 500
CPU_PLAN = [(1, 125, "long", 0), (2, 125, "long", 1), (3, 250, "long", 0), (4, 250, "long", 1),
            (5, 500, "long", 0), (6, 500, "long", 1), (7, 125, "short", 0), (8, 250, "short", 0)]


def pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{100 * x:.{digits}f}%"


def points(x: float) -> str:
    """A change in points with its sign (+3.2, -0.4)."""
    return f"{100 * x:+.1f}"


def sentence(text: str) -> str:
    """text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def half_up(x: float, digits: int = 0) -> str:
    """A percentage rounded half up (0.625 -> 63%, as a reader rounds; Python's format rounds half to even)."""
    q = 10 ** digits
    return f"{math.floor(100 * x * q + 0.5) / q:.{digits}f}%"


def kept(x: float) -> str:
    """A share of the base's accuracy: one decimal below 10% (1.8%), whole percent above (34%)."""
    return half_up(x, 1 if x < 0.095 else 0)


def sci(x: float) -> str:
    """A small rate as people write it: 6e-3, 2.5e-4 (Python's format says 6e-03)."""
    mantissa, exponent = f"{x:e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def paper_n(n: float) -> str:
    """A paper-scale data size as the paper writes it: 8k, 128k, 220k, 512k."""
    return f"{n / 1000:,.0f}k" if n >= 1000 else f"{n:,.0f}"


def base_mismatch(valley: dict) -> str | None:
    """Why a run's score cannot be divided by (or set against) its sweep's base score, or None when it can: the base
    was measured in another world, with another prompt, or on other test problems than the runs."""
    base = valley.get("base") or {}
    runs = [r["summary"] for r in valley.get("runs") or [] if r.get("summary")]
    if not base or not runs:
        return None
    out = []
    worlds = {s.get("world") for s in runs} - {None}
    if base.get("world") and worlds and worlds != {base["world"]}:
        out.append(f"the base in the {base['world']} world, the runs in {', '.join(sorted(worlds))}")
    prompts = {s.get("prompt") or "world" for s in runs}
    if prompts != {base.get("prompt") or "world"}:
        out.append(f"the base asked with the {base.get('prompt') or 'world'} prompt, the runs with the "
                   f"{', '.join(sorted(prompts))} one")
    ns = {s.get("n") for s in runs} - {None}
    if base.get("n") and ns and ns != {base["n"]}:
        out.append(f"the base on {base['n']:,} test problems, the runs on {', '.join(f'{n:,}' for n in sorted(ns))}")
    return "; ".join(out) or None


def _run_mean(runs: list[RunRow], get) -> float | None:
    """The mean over a rung's evaluated runs of get(run) (None where a run lacks it)."""
    xs = [get(r) for r in runs if r.summary]
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def _thin(survival: dict, at_least: int = 10) -> tuple[int, int] | None:
    """(the first step at which fewer than `at_least` answers are still at risk, the most at risk from there on),
    or None: the hazard's late points rest on that few answers."""
    steps, risk = survival.get("step") or [], survival.get("at_risk") or []
    for i, (s, r) in enumerate(zip(steps, risk)):
        if r < at_least:
            return s, max(risk[i:])
    return None


def floor(rows: list[TableRow], eval_n: int) -> list[TableRow]:
    """The leading rungs of a ladder that sit on the floor: within two standard errors (binomial, one evaluation
    of eval_n problems) of the lowest rung; differences there are a few problems out of eval_n."""
    low = min(rows, key=lambda r: r.accuracy)
    out = []
    for r in rows:
        p, q = r.accuracy, low.accuracy
        se = math.sqrt((p * (1 - p) + q * (1 - q)) / eval_n)
        if abs(p - q) > 2 * se:
            if out and r.n > low.n:
                break
            out = []  # a rung above the floor before the floor starts
            continue
        out.append(r)
    return out


def valley_facts(valley: dict, paper: dict | None = None) -> dict[str, str]:
    """The shipped sweep's numbers: its base, the sampling error of one score, every rung of each trace style, the
    training tokens of long against short CoT, the base's hazard, how far mixed data sits below short, the verdict."""
    out = base_facts(valley)
    out.update(sampling_facts(valley["eval"]["n"]))
    scale = results.world_scale(valley, paper)
    if scale:
        out["valley.scale.inverse"] = f"{1 / scale:.0f}"
    for style in ("long", "short", "mixed"):
        out.update(style_facts(valley, style, scale))
    out.update(train_token_facts(valley))
    out.update(base_hazard_facts(valley))
    out.update(gap_facts(valley))
    out["valley.verdict"] = valley_verdict(valley, paper)  # the teachers' paragraph
    out["valley.verdict.short"] = valley_verdict_short(valley)  # the students' sentence
    return out


def base_facts(valley: dict) -> dict[str, str]:
    """The base model (N = 0): its accuracy and length, its errors per claim and per step, its statements per trace."""
    base, vb = base_row(valley), valley.get("base") or {}
    e = base.mean("hazard_fit")
    out = {"valley.base.accuracy": pct(base.accuracy), "valley.base.accuracy_se": pct(base.accuracy_se),
           "valley.base.tokens": f"{base.mean('mean_tokens'):.0f}", "valley.eval.n": str(valley["eval"]["n"]),
           "valley.eval.max_new_tokens": str(valley["eval"]["max_new_tokens"]),
           "valley.base.claim_error": pct(base.mean("claim_error_rate")),
           "valley.base.step_error": f"{e:.3f}" if e else "n/a"}
    if vb.get("claims_per_trace") is not None:
        out["valley.base.claims_per_trace"] = f"{vb['claims_per_trace']:.1f}"
        out["valley.base.wrong_claims_per_trace"] = f"{vb['claims_per_trace'] * vb['claim_error_rate']:.2f}"
    if vb.get("steps_per_trace") is not None:
        out["valley.base.steps_per_trace"] = f"{vb['steps_per_trace']:.1f}"
    return out


def sampling_facts(eval_n: int) -> dict[str, str]:
    """The sampling error of one score on eval_n problems at 50% (the largest), and of a difference of two."""
    se50 = math.sqrt(0.25 / eval_n)
    return {"stats.se50": f"{100 * se50:.1f}", "stats.diff_se50": f"{100 * se50 * math.sqrt(2):.1f}",
            "stats.diff_2se50": f"{200 * se50 * math.sqrt(2):.0f}"}


def style_facts(valley: dict, style: str, scale: float | None) -> dict[str, str]:
    """One trace style's ladder: every rung, its best, lowest and top rungs, and its floor."""
    rows = series_rows(valley, style)
    if not rows:
        return {}
    out = {f"valley.{style}.ladder": ", ".join(f"{r.n:,}" for r in rows)}
    ex = [r.train["mean_example_tokens"] for r in run_rows(valley, style) if r.train.get("mean_example_tokens")]
    if ex:
        out[f"valley.{style}.example_tokens"] = f"{sum(ex) / len(ex):.0f}"
    b, vb = base_row(valley).accuracy, valley.get("base") or {}
    for r in rows:
        out.update(rung_facts(f"valley.{style}.{r.n}", r, b, scale))
        out.update(rung_run_facts(f"valley.{style}.{r.n}", run_rows(valley, style, r.n), r, vb))
    best, low = max(rows, key=lambda r: r.accuracy), min(rows, key=lambda r: r.accuracy)
    for what, r in (("best", best), ("lowest", low), ("top", rows[-1])):
        out[f"valley.{style}.{what}.n"], out[f"valley.{style}.{what}.accuracy"] = f"{r.n:,}", pct(r.accuracy)
    out.update(floor_facts(f"valley.{style}.floor", floor(rows, valley["eval"]["n"]), valley["eval"]["n"]))
    return out


def rung_facts(k: str, r: TableRow, b: float, scale: float | None) -> dict[str, str]:
    """One rung's table row: its accuracy (sd, se, seeds), length, reflection, errors, and its distance from the
    base (points below it, share of it kept)."""
    e = r.mean("hazard_fit")
    out = {f"{k}.accuracy": pct(r.accuracy), f"{k}.sd": pct(r.sd("accuracy") or 0.0), f"{k}.se": pct(r.accuracy_se),
           f"{k}.seeds": str(r.seeds), f"{k}.tokens": f"{r.mean('mean_tokens'):.0f}",
           f"{k}.reflective": pct(r.mean("reflection_ratio"), 0),
           f"{k}.step_error": f"{e:.2f}" if e is not None else "n/a"}
    if e:
        out[f"{k}.horizon"] = f"{horizon(e):.1f}"
    out.update({f"{k}.claim_error": pct(r.mean("claim_error_rate")), f"{k}.catch_rate": pct(r.mean("catch_rate"), 0),
                f"{k}.drop": f"{100 * (b - r.accuracy):.1f}",  # points below the base
                f"{k}.kept": kept(r.accuracy / b)})           # share of the base's accuracy
    if scale:
        out[f"{k}.paper_n"] = paper_n(r.n / scale)
    if r.mean("train_seconds") is not None:
        out[f"{k}.train_seconds"] = f"{r.mean('train_seconds'):,.0f}"
    return out


def schedule_facts(k: str, runs: list[RunRow]) -> dict[str, str]:
    """A rung's optimizer steps and epochs, from its first run that trained ({} when none did)."""
    run = next((x for x in runs if x.train), None)
    if not run:
        return {}
    return {f"{k}.steps": f"{run.train['steps']:,}", f"{k}.epochs": f"{float(run.train['epochs']):g}"}


def rung_run_facts(k: str, runs: list[RunRow], r: TableRow, vb: dict) -> dict[str, str]:
    """One rung from its runs: steps and epochs, final loss, claims per trace against the base's (vb: the base's
    summary), and seed 0's step error and horizon, with where its hazard rests on few answers."""
    out = {}
    out.update(schedule_facts(k, runs))
    loss = _run_mean(runs, lambda x: x.train.get("final_loss"))
    if loss is not None:
        out[f"{k}.final_loss"] = f"{loss:.3f}"
    claims = _run_mean(runs, lambda x: x.summary.get("claims_per_trace"))
    wrong = _run_mean(runs, lambda x: x.summary.get("claims_per_trace", 0) * (x.summary.get("claim_error_rate") or 0))
    if claims is not None and vb.get("claims_per_trace"):
        out[f"{k}.claims_per_trace"] = f"{claims:.1f}"
        out[f"{k}.claims_factor"] = f"{claims / vb['claims_per_trace']:.1f}"
        out[f"{k}.wrong_claims_per_trace"] = f"{wrong:.2f}"
        if r.mean("claim_error_rate") and vb.get("claim_error_rate"):
            out[f"{k}.claim_error_factor"] = f"{r.mean('claim_error_rate') / vb['claim_error_rate']:.1f}"
    seed0 = next((x for x in runs if x.seed in (0, "0") and x.summary), None)
    if seed0 and seed0.summary.get("hazard_fit"):
        e0 = seed0.summary["hazard_fit"]
        out[f"{k}.s0.step_error"], out[f"{k}.s0.horizon"] = f"{e0:.3f}", f"{horizon(e0):.1f}"
        thin = _thin(seed0.summary.get("survival") or {})
        if thin:
            out[f"{k}.s0.thin_step"], out[f"{k}.s0.thin_max"] = str(thin[0]), str(thin[1])
    return out


def floor_facts(k: str, fl: list[TableRow], eval_n: int) -> dict[str, str]:
    """A flat floor (more than one rung on it, not one lowest point): where it starts and ends, its range."""
    if len(fl) <= 1:
        return {}
    accs = [r.accuracy for r in fl]
    return {f"{k}.first_n": f"{fl[0].n:,}", f"{k}.last_n": f"{fl[-1].n:,}", f"{k}.lo": pct(min(accs)),
            f"{k}.hi": pct(max(accs)), f"{k}.mean": pct(sum(accs) / len(accs), 0),
            f"{k}.problems": str(round((max(accs) - min(accs)) * eval_n))}


def train_token_facts(valley: dict) -> dict[str, str]:
    """Training tokens per run, long against short at the same N (the token axis of lesson 3's figure)."""
    tok = {(r.series, r.n): r.mean("tokens") for r in table_rows(valley)}
    ratios = [tok[("long", n)] / tok[("short", n)] for s, n in tok
              if s == "long" and tok.get(("long", n)) and tok.get(("short", n))]
    return {"valley.train_tokens.long_over_short": f"{sum(ratios) / len(ratios):.1f}"} if ratios else {}


def base_hazard_facts(valley: dict) -> dict[str, str]:
    """The base's per-step error e and its horizons, its hazard and answers at risk step by step, and its accuracy
    by the number of operations against the (1-e)^n fit."""
    out = {}
    e = base_row(valley).mean("hazard_fit")
    if e:
        out["valley.base.horizon"] = f"{horizon(e):.1f}"
        out["valley.base.horizon90"], out["valley.base.horizon25"] = f"{horizon(e, 0.9):.2f}", f"{horizon(e, 0.25):.1f}"
        out["valley.base.p10"] = f"{(1 - e) ** 10:.2f}"  # all 10 steps right
    vb = valley.get("base") or {}
    surv = vb.get("survival") or {}
    for i, h in enumerate((surv.get("hazard") or [])[:8], start=1):
        out[f"valley.base.hazard{i}"] = f"{h:.3f}"
    for i, r in enumerate((surv.get("at_risk") or [])[:8], start=1):
        out[f"valley.base.at_risk{i}"] = str(r)
    by_ops = vb.get("by_ops") or {}
    for n, acc, fit in zip(by_ops.get("n_ops", []), by_ops.get("accuracy", []), by_ops.get("fit", [])):
        out[f"valley.base.ops{n}.accuracy"], out[f"valley.base.ops{n}.fit"] = pct(acc, 0), pct(fit, 0)
    return out


def gap_facts(valley: dict) -> dict[str, str]:
    """How far mixed data sits below short data at each N, in points and in standard errors."""
    out = {}
    short = {r.n: r for r in series_rows(valley, "short")}
    gaps = []
    for r in series_rows(valley, "mixed"):
        if r.n in short:
            s_ = short[r.n]
            gap = 100 * (s_.accuracy - r.accuracy)
            gaps.append((gap, r.n))
            out[f"valley.gap.short_mixed.{r.n}"] = f"{gap:.1f}"
            se = 100 * math.hypot(s_.accuracy_se or 0.0, r.accuracy_se or 0.0)
            if se:
                out[f"valley.gap.short_mixed.{r.n}.z"] = f"{gap / se:.1f}"  # the gap in standard errors
    if gaps:
        (lo, lo_n), (hi, hi_n) = min(gaps), max(gaps)
        out.update({"valley.gap.short_mixed.min": f"{lo:.1f}", "valley.gap.short_mixed.max": f"{hi:.1f}",
                    "valley.gap.short_mixed.min_n": f"{lo_n:,}", "valley.gap.short_mixed.max_n": f"{hi_n:,}",
                    "valley.gap.short_mixed.first_n": f"{min(n for _, n in gaps):,}",
                    "valley.gap.short_mixed.last_n": f"{max(n for _, n in gaps):,}"})
    return out


def paper_points(paper: dict | None) -> dict[float, list[tuple[str, float]]]:
    """The paper's stated accuracies relative to each model's own base, by data size: {8000: [(model, 0.25)]}."""
    out: dict[float, list[tuple[str, float]]] = {}
    for model, pts in ((paper or {}).get("relative_accuracy") or {}).items():
        for p in pts:
            out.setdefault(p["n"], []).append((model.replace(" (math avg)", ""), p["relative"]))
    return out


def paper_comparison(valley: dict, paper: dict | None) -> str:
    """The tiny valley against the paper's stated numbers, rung by rung where this lab's convention places a rung
    on one of the paper's data sizes, and where the ladder goes beyond the paper's range."""
    scale = results.world_scale(valley, paper)
    pts = paper_points(paper)
    rows = series_rows(valley, "long")
    b = base_row(valley).accuracy
    if not scale or not pts or not rows or not b:
        return ""
    parts = []
    largest = max(pts)
    for r in rows:
        at = sorted(pts.get(round(r.n / scale)) or [], key=lambda m: m[1])
        if not at:
            continue
        share, size = r.accuracy / b, paper_n(r.n / scale)
        lo, hi = at[0][1], at[-1][1]
        where = "far below" if share < lo / 2 else "below" if share < lo else "within" if share <= hi else "above"
        if len(at) > 2 and where in ("far below", "below"):
            cited = f"the lowest the paper states at {size} ({at[0][0]}, {half_up(lo)})"
        else:
            stated = ", ".join(f"{m} {half_up(rel)}" for m, rel in at)
            gone = " that did not recover" if r.n / scale == largest and hi < 1 else ""
            cited = f"the paper's {'model' if len(at) == 1 else 'models'}{gone} at {size} ({stated})"
        cited = ("the range of " + cited) if where == "within" else cited
        parts.append(f"at N = {r.n:,} ({size} by this lab's 1/{1 / scale:.0f} convention) it keeps "
                     f"{kept(share)} of its base accuracy, {where} {cited}")
    beyond = [r for r in rows if r.n / scale > largest]
    text = ""
    if parts:
        text = "Against the paper's stated numbers (accuracy as a share of each model's own base): " + "; ".join(parts) + "."
    if beyond:
        ns = ", ".join(f"{r.n:,}" for r in beyond)
        scaled = ", ".join(paper_n(r.n / scale) for r in beyond)
        text += (f" N = {ns} ({scaled} by the same convention) is beyond the paper's largest data size, "
                 f"{paper_n(largest)}: nothing in the paper compares with it.")
    return text.strip()


def _at_base(r: TableRow, base: TableRow) -> bool:
    """Whether a rung's score is within twice the standard error of its difference from the base (the base's and
    the rung's own errors combined; with one seed the rung's is problem sampling only)."""
    se = math.hypot(base.accuracy_se or 0.0, r.accuracy_se or 0.0)
    return r.accuracy >= base.accuracy - 2 * se


def _below_short(valley: dict, rows: list[TableRow]) -> bool:
    """Whether long CoT scores below short CoT at every N both were measured at (False when none was)."""
    short = {r.n: r.accuracy for r in series_rows(valley, "short")}
    pairs = [(r.accuracy, short[r.n]) for r in rows if r.n in short]
    return bool(pairs) and all(a < b for a, b in pairs)


def valley_verdict(valley: dict, paper: dict | None = None) -> str:
    """What long CoT does at the top of the measured ladder, against the base, in plain words (the teachers'
    version; valley_verdict_short is the students' sentence); then, for a classroom-world sweep, the same rungs
    against the paper's stated numbers (this lab's N x 32 convention). A base measured unlike the runs (another
    world, prompt or problem set) is said to be so, and no share of it is computed."""
    if paper is None:
        paper = results.paper_reference()
    base = base_row(valley)
    rows = series_rows(valley, "long")
    if not rows:
        return "No long-CoT runs were measured."
    top, best = rows[-1], max(rows, key=lambda r: r.accuracy)
    b = base.accuracy
    seeds = f"{top.seeds} seed{'s' if top.seeds != 1 else ''}"
    mismatch = base_mismatch(valley)
    unpaired = f" Unpaired: {mismatch}." if mismatch else ""
    compare = "" if mismatch else paper_comparison(valley, paper)
    tail = unpaired + (" " + compare if compare else "")
    at = "\"at\": within twice the standard error of the difference"
    if all(_at_base(r, base) for r in rows):
        short = (" Short CoT at the same N scores higher at every rung, so long CoT still costs accuracy."
                 if _below_short(valley, rows) else "")
        return (f"At every measured N ({rows[0].n:,} to {top.n:,}, {seeds} at the top) long CoT scores at or "
                f"above the base model's {pct(b)} ({at}); at N = {top.n:,} it reaches {pct(top.accuracy)}."
                + short + tail)
    if _at_base(best, base):
        return (f"Long CoT climbs back out of the valley here: at N = {best.n:,} it reaches "
                f"{pct(best.accuracy)}, at the base model's {pct(b)} or above it ({at})." + tail)
    rising = top.accuracy > rows[0].accuracy + 0.05
    share = "" if mismatch else f" ({kept(top.accuracy / b)} of it)"
    return (f"Long CoT never climbs back to the base model here. At the top of the measured ladder, "
            f"N = {top.n:,} ({seeds}), it reaches {pct(top.accuracy)} against the base's {pct(b)}{share}"
            + (f"; its best rung is N = {best.n:,} at {pct(best.accuracy)}" if best is not top else "")
            + (". It is climbing, but not back out of the valley." if rising else ".") + tail)


def valley_verdict_short(valley: dict) -> str:
    """The students' one sentence: where long CoT falls to and where it ends, against the base (the same rule as
    valley_verdict, none of its comparisons)."""
    base = base_row(valley)
    rows = series_rows(valley, "long")
    if not rows:
        return "No long-CoT runs were measured."
    top, best = rows[-1], max(rows, key=lambda r: r.accuracy)
    low = min(rows, key=lambda r: r.accuracy)
    if base_mismatch(valley):
        return (f"Long CoT reaches {pct(top.accuracy)} at N = {top.n:,} (lowest {pct(low.accuracy)} at N = "
                f"{low.n:,}); the base was measured unlike these runs, so no fall from it is claimed.")
    if all(_at_base(r, base) for r in rows):
        short = ", but below short CoT at every N" if _below_short(valley, rows) else ""
        return f"Long CoT never scores below the base model's {pct(base.accuracy)} here{short}."
    fall = f"Long CoT falls from the base model's {pct(base.accuracy)} to {pct(low.accuracy)} (N = {low.n:,})"
    if _at_base(best, base):
        return f"{fall} and climbs back to {pct(best.accuracy)} at N = {best.n:,}."
    return f"{fall} and reaches only {pct(top.accuracy)} at N = {top.n:,}: it does not climb back."


def rl_noise(rows: list[dict], eval_n: int) -> float:
    """The smallest change of a start's accuracy the RL sweep could tell from noise: twice the larger of the spread
    over seeds and the sampling error of one evaluation on eval_n problems (every seed of a start is evaluated on the
    same problems at step 0, so its sd there is 0), at least 2 points."""
    a = rows[0]["accuracy_mean"]
    sampling = (a * (1 - a) / eval_n) ** 0.5 if eval_n else 0.0
    return 2 * max(rows[-1]["accuracy_sd"] or 0.0, rows[0]["accuracy_sd"] or 0.0, sampling, 0.01)


def rl_facts(rl: dict) -> dict[str, str]:
    cfg = rl["config"]
    g = cfg.get("grpo", cfg)
    out = {"rl.steps": str(g["steps"]), "rl.seeds": str(len(cfg["seeds"])),
           "rl.eval_n": str(g.get("eval_n") or ""), "rl.lr": f"{g['lr']:g}" if g.get("lr") else "n/a",
           "rl.answers_per_run": f"{g['steps'] * g['prompts_per_step'] * g['group_size']:,}",
           "rl.answers_per_step": f"{g['prompts_per_step'] * g['group_size']:,}",
           "rl.prompts_per_step": str(g["prompts_per_step"]), "rl.group_size": str(g["group_size"]),
           "rl.paper_answers": f"{PAPER_RL['steps'] * PAPER_RL['prompts'] * PAPER_RL['group']:,}",
           "rl.paper_answers_per_step": f"{PAPER_RL['prompts'] * PAPER_RL['group']:,}"}
    if rl.get("run_seconds"):  # the runs' own time, shared by the sweep's workers
        out["rl.minutes"] = f"{rl['run_seconds'] / max(1, cfg.get('jobs', 1)) / 60:.0f}"
    roles = ["base", "small", "large"] if len(rl["table"]) == 3 else [str(i) for i in range(len(rl["table"]))]
    for role, (label, rows) in zip(roles, rl["table"].items()):
        k = f"rl.{role}"  # by position: the base model, the small-N start, the large-N start
        out[f"{k}.label"] = label
        out[f"{k}.start"], out[f"{k}.end"] = pct(rows[0]["accuracy_mean"]), pct(rows[-1]["accuracy_mean"])
        out[f"{k}.end_sd"] = pct(rows[-1]["accuracy_sd"])
        out[f"{k}.tokens_start"] = f"{rows[0]['mean_tokens_mean']:.0f}"
        out[f"{k}.tokens_end"] = f"{rows[-1]['mean_tokens_mean']:.0f}"
        out[f"{k}.noise"] = f"{100 * rl_noise(rows, g.get('eval_n') or 0):.1f}"  # points
        if rows[-1].get("useful_groups_mean") is not None:
            out[f"{k}.useful_groups"] = pct(rows[-1]["useful_groups_mean"], 0)
    out["rl.verdict"] = rl_verdict(rl)  # the teachers' paragraph
    out["rl.verdict.short"] = rl_verdict_short(rl)  # the students' sentence
    return out


def rl_moves(rl: dict) -> tuple[list[str], list[tuple[str, float]], list[tuple[str, float]], list[str]]:
    """Each start's move under GRPO: ("label a -> z" texts, the gains beyond noise, the falls beyond noise, each
    start's noise in points)."""
    eval_n = (rl["config"].get("grpo", rl["config"])).get("eval_n") or 0
    parts, gains, falls, noises = [], [], [], []
    for label, rows in rl["table"].items():
        a, z = rows[0]["accuracy_mean"], rows[-1]["accuracy_mean"]
        noise = rl_noise(rows, eval_n)
        noises.append(f"{100 * noise:.1f}")
        parts.append(f"{label} {pct(a)} -> {pct(z)}")
        if z - a > noise:
            gains.append((label, z - a))
        elif a - z > noise:
            falls.append((label, z - a))
    return parts, gains, falls, noises


def rl_verdict_short(rl: dict) -> str:
    """The students' one sentence on the RL sweep (rl_verdict is the teachers' paragraph)."""
    parts, gains, falls, _ = rl_moves(rl)
    if not gains:
        fell = "; the " + " and ".join(label for label, _ in falls) + " start fell" if falls else ""
        return (f"At this small budget GRPO moved no start up beyond noise ({'; '.join(parts)}){fell}: "
                "inconclusive, not a test of the paper's finding.")
    best = max(gains, key=lambda m: m[1])
    return f"GRPO's largest gain beyond noise was from the {best[0]} start ({100 * best[1]:+.1f} points)."


def rl_verdict(rl: dict) -> str:
    """What GRPO did from each start, against the noise it could detect, and whether the paper's finding appeared
    (the last start is the large-N one: it should gain the most)."""
    cfg = rl["config"]
    g = cfg.get("grpo", cfg)
    eval_n = g.get("eval_n") or 0
    parts, gains, falls, noises = rl_moves(rl)
    budget = (f"{g['steps']} GRPO steps of {g['prompts_per_step']} problems x {g['group_size']} answers, "
              f"{len(cfg['seeds'])} seeds" + (f", evaluated on {eval_n} problems" if eval_n else ""))
    detect = (f" (to count, a change had to exceed {' / '.join(noises)} points: twice the larger of the spread over "
              f"seeds and the sampling error of the evaluation)")
    fell = ("" if not falls else " Beyond noise, " + " and ".join(
        f"the {label} start fell ({100 * d:+.1f} points)" for label, d in falls) + ".")
    ours = g["steps"] * g["prompts_per_step"] * g["group_size"]
    theirs = PAPER_RL["steps"] * PAPER_RL["prompts"] * PAPER_RL["group"]
    if not gains:
        return (f"At this budget ({budget}) GRPO improved no start beyond noise{detect}: " + "; ".join(parts) + "."
                + fell + " So the paper's finding (a start fine-tuned on a lot of long CoT gains more from RL and "
                "ends highest, and RL shortens the long-CoT starts' responses) did not appear here. That is "
                f"inconclusive, not a refutation: the paper sampled about {theirs:,} answers ({PAPER_RL['steps']} steps "
                f"of {PAPER_RL['prompts']:,} problems x {PAPER_RL['group']}), this sweep {ours:,} per run.")
    best = max(gains, key=lambda m: m[1])
    large = list(rl["table"])[-1]
    return (f"At this budget ({budget}){detect}: " + "; ".join(parts) + f". The largest gain is from the {best[0]} "
            f"start ({100 * best[1]:+.1f} points)" + (", as in the paper." if best[0] == large else
                                                        ", not the large-N start the paper saw gain most.") + fell)


def ablation_facts(abl: dict) -> dict[str, str]:
    out = {}
    for row in abl["rows"]:
        k = f"ablation.{row['ablation']}.{row['n']}"
        for m in ("accuracy", "truncated", "loop", "step_error", "catch_rate"):
            if row.get(m) is not None:
                out[f"{k}.{m}"] = pct(row[m]) if m != "step_error" else f"{row[m]:.2f}"
        if row.get("seeds") is not None:
            out[f"{k}.seeds"] = str(row["seeds"])
        if row.get("device"):
            out[f"{k}.device"] = {"gpu": "GPU", "cuda": "GPU", "cpu": "CPU"}.get(row["device"], row["device"])
        if row.get("max_new_tokens"):
            out[f"{k}.max_new_tokens"] = f"{row['max_new_tokens']:,}"
    return out


def pays_facts(rows: list[dict]) -> dict[str, str]:
    """The 'does reflection pay?' inequality per N (means over seeds, and each seed: the app's Error Anatomy shows
    the shipped seed-0 evaluations): k, h', c, d, k(h'(1-c)+d) and h."""
    out: dict[str, str] = {}
    if not rows:
        return out
    out["pays.h"] = f"{rows[0]['h']:.4f}"
    out["pays.runs"], out["pays.paid"] = str(len(rows)), str(sum(r["pays"] for r in rows))

    def put(k: str, m: dict) -> None:
        out.update({f"{k}.k": f"{m['k']:.1f}", f"{k}.h_tuned": f"{m['h_tuned']:.4f}", f"{k}.c": pct(m["c"]),
                    f"{k}.c_share": f"{m['c']:.3f}", f"{k}.d": f"{m['d']:.4f}", f"{k}.lhs": f"{m['lhs']:.3f}",
                    f"{k}.ratio": f"{m['lhs'] / rows[0]['h']:.0f}"})
    for n in sorted({r["n"] for r in rows}):
        rs = [r for r in rows if r["n"] == n]
        put(f"pays.{n}", {k: sum(r[k] for r in rs) / len(rs) for k in ("k", "h_tuned", "c", "d", "lhs")})
        for r in rs:
            put(f"pays.{n}.s{r['seed']}", r)
    return out


def records_facts(sweep: results.Sweep, first: int = 50) -> dict[str, str]:
    """Counts from the shipped graded answers (records/<run>.jsonl): the checker's step kinds (ok, compute, copy,
    repeated, skipped, extra), the accuracy, and the accuracy on the first `first` test problems (the RL sweep
    evaluates on those)."""
    out: dict[str, str] = {}
    for stem, path in sweep.records.items():
        recs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        if not recs:
            continue
        kinds = Counter(s["kind"] for r in recs for s in (r.get("check") or {}).get("steps") or [])
        for kind in ("ok", "compute", "copy", "repeated", "skipped", "extra"):
            out[f"records.{stem}.{kind}"] = f"{kinds.get(kind, 0):,}"
        out[f"records.{stem}.answers"] = str(len(recs))
        out[f"records.{stem}.accuracy"] = pct(sum(r["correct"] for r in recs) / len(recs))
        head = [r for r in recs if r.get("problem_index", 10 ** 9) < first]
        if head:
            out[f"records.{stem}.first{first}.accuracy"] = pct(sum(r["correct"] for r in head) / len(head))
            out[f"records.{stem}.first{first}.ops"] = f"{sum(r['n_ops'] for r in head) / len(head):.2f}"
            out[f"records.{stem}.ops"] = f"{sum(r['n_ops'] for r in recs) / len(recs):.2f}"
    return out


def lesson1_facts() -> dict[str, str]:
    """Lesson 1's two traces of one problem, written by the world (training.task.traces.write_trace), and what the
    step checker counts in each: statements by role, the paper's reflection keywords, slips caught."""
    p = parse_expression(LESSON1_PROBLEM)
    out = {"lesson1.problem": LESSON1_PROBLEM, "lesson1.seed": str(LESSON1_SEED), "lesson1.answer": str(p.answer)}
    for style in ("short", "long"):
        text = write_trace(p, style, seed=LESSON1_SEED)
        rec = check(text, problem=p)
        roles = Counter(c.role for c in rec.claims)
        k = f"lesson1.{style}"
        out.update({f"{k}.trace": text, f"{k}.statements": str(len(rec.claims)), f"{k}.steps": str(roles["step"]),
                    f"{k}.checks": str(roles["check"]), f"{k}.rechecks": str(roles["recheck"]),
                    f"{k}.revisions": str(roles["revision"]), f"{k}.reflection_words": str(reflection_count(text)),
                    f"{k}.slips": str(len(rec.wrong_claims)), f"{k}.caught": str(rec.outcomes.get("caught", 0)),
                    f"{k}.slip_text": "; ".join(f"{rec.claims[i].expression} = {rec.claims[i].claimed}"
                                                for i in rec.wrong_claims) or "none",
                    # new computations: steps and revisions, less the slips that were taken back
                    f"{k}.new": str(roles["step"] + roles["revision"] - len([
                        i for i in rec.wrong_claims if rec.claims[i].revised_by is not None]))})
    return out


def time_facts(timings: dict, valley: dict | None) -> dict[str, str]:
    """The measured default run, and estimates for every rung on the same CPU: training time in proportion to the
    training tokens of the measured run (long CoT, N = 250), plus the rest of its wall time (setup, loading, testing;
    a short-CoT test is faster, its answers being shorter, so the estimate is an upper bound there)."""
    cpu, gpu = timings["cpu_avx2"], timings["gpu_h100"]
    slow = timings["cpu_avx2_slow_laptop_estimate"]["wall_s"] / cpu["wall_s"]
    out = {"time.cpu.wall": f"{cpu['wall_s']:.0f}", "time.cpu.train": f"{cpu['train_s']:.0f}",
           "time.cpu.generation": f"{cpu['generation_s']:.0f}",
           "time.cpu.slow_wall": f"{timings['cpu_avx2_slow_laptop_estimate']['wall_s']:.0f}",
           "time.cpu.slow_factor": f"{slow:.2f}",
           "time.gpu.train": f"{gpu['train_s']:.0f}", "time.gpu.generation": f"{gpu['generation_s']:.0f}",
           "time.gpu.n4000_train": f"{gpu['n4000_train_s']:.0f}", "time.gpu.runs_at_once": str(gpu["runs_at_once"])}
    tok = {(r.series, r.n): r.mean("tokens") for r in (table_rows(valley) if valley else [])}
    ref = tok.get(("long", 250))
    if not ref:
        return out

    def est(style: str, n: int) -> float | None:
        t = tok.get((style, n))
        # everything but training (setup, loading, testing) as measured, plus training in proportion to the tokens
        return None if not t else cpu["wall_s"] - cpu["train_s"] + cpu["train_s"] * t / ref
    for (style, n) in tok:
        if style != "base" and n <= 4000 and est(style, n):
            out[f"time.cpu.est.{style}.{n}"] = f"{est(style, n):,.0f}"
            out[f"time.cpu.est_slow.{style}.{n}"] = f"{est(style, n) * slow:,.0f}"
    plan = [(g, n, s, seed, est(s, n)) for g, n, s, seed in CPU_PLAN if est(s, n)]
    if len(plan) == len(CPU_PLAN):
        out["guide.cpu_plan.table"] = "\n".join(
            ["| group | N | style | seed | about (s, 2 idle cores) | about (s, a slower laptop) |",
             "|---|---|---|---|---|---|"]
            + [f"| {g} | {n:,} | {s} | {seed} | {t:,.0f} | {t * slow:,.0f} |" for g, n, s, seed, t in plan])
        total = sum(t for *_, t in plan)
        out["guide.cpu_plan.minutes"] = f"{total / 60:.0f}"
        out["guide.cpu_plan.slow_minutes"] = f"{total * slow / 60:.0f}"
        out["guide.cpu_plan.groups"] = str(len(plan))
    return out


def model_facts(valley: dict | None) -> dict[str, str]:
    """The embedded base model (assets/tiny-base): size, pretraining, the weight file the Space must carry."""
    out: dict[str, str] = {}
    m = results.read(paths.ASSETS / "tiny-base" / "metrics.json")
    if m:
        out.update({"base.parameters": f"{m['parameters'] / 1e6:.1f}M", "base.pretrain_tokens": f"{m['tokens_seen'] / 1e6:.1f}M",
                    "base.pretrain_loss": f"{m['final_loss']:.3f}"})
        if m.get("accuracy_avg4") is not None:
            out["base.avg4.accuracy"] = pct(m["accuracy_avg4"])
        for r in (table_rows(valley) if valley else []):
            if r.series != BASE and r.mean("tokens"):
                out[f"valley.{r.series}.{r.n}.tokens_per_param"] = f"{r.mean('tokens') / m['parameters']:.2f}"
    out["base.lora_lr"] = sci(TINY_LR["lora"])  # the default learning rate of LoRA on it
    adapters = sorted(results.sweep().root.glob("adapters/*/adapter_model.safetensors"))
    if adapters:
        out["deploy.adapter_mb"] = f"{adapters[0].stat().st_size / 1e6:.1f}"
    weights = paths.ASSETS / "tiny-base" / "model.safetensors"
    if weights.exists():
        out["deploy.weights_mb"] = f"{weights.stat().st_size / 1e6:.1f}"
    return out


def paper_facts(paper: dict | None) -> dict[str, str]:
    """The paper's stated accuracies relative to each model's own base (assets/paper_reference.json):
    paper.<model>.<size>.kept, e.g. paper.gemma-3-1b.8k.kept = 25%."""
    out: dict[str, str] = {}
    for model, pts in ((paper or {}).get("relative_accuracy") or {}).items():
        slug = model.split(" (")[0].lower().removesuffix("-instruct").removesuffix("-it")
        if "(arithmetic)" in model:
            slug += "-arith"
        for p in pts:
            out[f"paper.{slug}.{paper_n(p['n'])}.kept"] = half_up(p["relative"])
    pts = paper_points(paper)
    if pts:
        out["paper.largest_n"] = paper_n(max(pts))
    return out


@functools.lru_cache(maxsize=1)
def checker_facts() -> dict[str, str]:
    """The step checker against the hand-labelled real model texts (tests/data/real_texts), as it reads them now
    (about a second). A one-time held-out score cannot be recomputed once the texts informed a fix: those stay
    in training/LOG.md."""
    res = checker_score.evaluate(checker_score.load())
    return {"checker.texts": str(res["texts"]), "checker.recall": pct(res["recall_all"], 0),
            "checker.caught": str(res["caught"]), "checker.wrong": str(res["wrong_claims"]),
            "checker.false_alarms": str(res["false_alarms"]), "checker.coverage": pct(res["coverage_checker"], 0),
            "checker.false_alarms.said": {0: "no false alarm", 1: "1 false alarm"}.get(
                res["false_alarms"], f"{res['false_alarms']} false alarms")}


def heldout_facts() -> dict[str, str]:
    """Each one-time scoring of the independent set's held-out texts (split.json's `spent` records, in order:
    checker.heldout1, checker.heldout2, ...): how many texts, recall overall and in words, false alarms per 100
    claims, earliest-error F1, as scored that day (a spent draw cannot be scored held out again), and the
    issue's targets for them (checker.target.*)."""
    path = checker_score.INDEP.parent / "split.json"
    if not path.exists():
        return {}
    split = json.loads(path.read_text(encoding="utf-8"))
    held = {d["seed"]: len(d["heldout"]) for d in split.get("draws", [])}
    t = checker_score.TARGETS_INDEP
    out = {"checker.target.words": pct(t["recall words"], 0), "checker.target.recall": pct(t["recall all"], 0),
           "checker.target.false_alarms": f"{t['false alarms per 100 claims']:.1f}",
           "checker.target.f1": pct(t["earliest-error F1"], 0), "checker.heldout.count": str(len(split.get("spent", [])))}
    for i, rec in enumerate(split.get("spent", []), 1):
        f, k = rec["figures"], f"checker.heldout{i}"
        out.update({f"{k}.texts": str(sum(held.get(seed, 0) for seed in rec["seeds"])), f"{k}.date": rec["date"],
                    f"{k}.recall": pct(f["recall all"]), f"{k}.words": pct(f["recall words"]),
                    f"{k}.false_alarms": f"{f['false alarms per 100 claims']:.2f}",
                    f"{k}.f1": pct(f["earliest-error F1"])})
    return out


# The path through the valley's shipped sweeps (assets/valley/<name>) and the short names their facts carry.
PATH_SWEEPS = {"size-nano": "size.nano", "size-pico": "size.pico", "size-medium": "size.medium",
               "steps-fixed": "steps.fixed", "paper-shape": "steps.paper", "climb": "climb", "ways-out": "ways",
               "ways-out-4k": "ways4k", "smollm2": "slm"}


def interval_facts(key: str, change: dict) -> dict[str, str]:
    """A paired change (change, ci95) as facts in signed points: key, key_lo, key_hi."""
    lo, hi = change["ci95"]
    return {key: points(change["change"]), f"{key}_lo": points(lo), f"{key}_hi": points(hi)}


def change_facts(k: str, r: TableRow, b: float) -> dict[str, str]:
    """A rung's paired change against the base on the same problems (valley.json's vs_base): the change and its 95%
    interval in points, whether it climbs back by the rule declared before the runs (the interval lies above -3
    points), and the share of the base it keeps with that share's standard error (from the paired change)."""
    vb = r.vs_base
    if not vb:
        return {}
    out = {**interval_facts(f"{k}.change", vb), f"{k}.change_problems": f"{vb['problems']:,}",
           f"{k}.recovered": "climbs back" if vb.get("recovered") else "does not climb back"}
    if b:
        out[f"{k}.kept_se"] = pct(vb["se"] / b)
    return out


def sweep_facts(prefix: str, valley: dict) -> dict[str, str]:
    """Every cell of a sweep's table as facts: <prefix>.base.accuracy, <prefix>.<series>.<N>.accuracy (.se, .seeds,
    .tokens, .kept: the share of the base's accuracy, .step_error, .catch), the model's size, and .not_run: the runs its
    recipe plans that the sweep lacks."""
    base, *rows = table_rows(valley)
    b = base.accuracy or 0
    info = valley.get("model") if isinstance(valley.get("model"), dict) else {"name": valley.get("model")}
    out = {f"{prefix}.base.accuracy": pct(b), f"{prefix}.base.se": pct(base.accuracy_se),
           f"{prefix}.base.tokens": f"{base.mean('mean_tokens') or 0:.0f}", f"{prefix}.eval.n": f"{valley['eval']['n']:,}",
           f"{prefix}.model": str(info.get("name")), f"{prefix}.missing": str(len(valley.get("missing") or [])),
           f"{prefix}.not_run": str(len(valley.get("missing_from_recipe") or []))}  # planned by its recipe
    if info.get("parameters"):
        out[f"{prefix}.params"] = results.millions(info["parameters"])
    if info.get("weights"):
        out[f"{prefix}.weights"] = str(info["weights"])
    if valley.get("base", {}).get("n"):
        out[f"{prefix}.base.n"] = str(valley["base"]["n"])
    for r in rows:
        k = f"{prefix}.{series_slug(r.series)}.{r.n}"  # mixed-1:4 -> mixed-1to4 (as its run folders)
        out.update(way_facts(k, r, base))
        out.update({f"{k}.accuracy": pct(r.accuracy), f"{k}.se": pct(r.accuracy_se),
                    f"{k}.step_error": pct(r.mean("step_error_rate") or 0), f"{k}.catch": pct(r.mean("catch_rate") or 0),
                    f"{k}.seeds": str(r.seeds), f"{k}.tokens": f"{r.mean('mean_tokens') or 0:.0f}",
                    f"{k}.kept": kept(r.accuracy / b) if b else "n/a"})
        out.update(change_facts(k, r, b))
        out.update(vs_long_facts(k, r))
        out.update(schedule_facts(k, run_rows(valley, r.series, r.n)))
    return out


def vs_long_facts(k: str, r: TableRow) -> dict[str, str]:
    """An arm's paired change against plain long CoT at its N and seeds (valley.json's vs_long), in points with
    its 95% interval, and whether the interval leaves 0 ("better than", "worse than", "no different from")."""
    vl = r.vs_long
    if not vl:
        return {}
    lo, hi = vl["ci95"]
    said = "better than" if lo > 0 else "worse than" if hi < 0 else "no different from"
    return {**interval_facts(f"{k}.vs_long", vl), f"{k}.vs_long_said": said}


def way_facts(k: str, r: TableRow, base: TableRow) -> dict[str, str]:
    """Whether an arm went through the long format or around it (way_of: its answers' measured length against the
    base's), and its reflective share."""
    return {f"{k}.way": "through the long format" if way_of(r, base) == "through" else
            "around the long format, with short answers", f"{k}.reflective": pct(r.mean("reflection_ratio") or 0, 0)}


def ways_lines(micro: dict | None) -> list[str]:
    """The ways-out sweeps, one line per sweep and N: each arm's score with its answers' length, reflective share,
    its paired change against plain long CoT where it has one, and which way it went (way_of: through the long
    format, or around it with short answers), then the short-CoT control at that N from the ladder."""
    lines = []
    short = {r.n: r for r in (series_rows(micro, "short") if micro else [])}
    for name, label in results.WAYS_SWEEPS.items():
        ways = results.sweep(name).valley
        if not ways:
            continue
        base, *rows = table_rows(ways)
        for n in sorted({r.n for r in rows}):
            cells = []
            for r in (r for r in rows if r.n == n):
                f = {**vs_long_facts("r", r), **way_facts("r", r, base)}
                paired = (f", {f['r.vs_long']} points [{f['r.vs_long_lo']}, {f['r.vs_long_hi']}] against long CoT"
                          if "r.vs_long" in f else "")
                cells.append(f"{r.series} {pct(r.accuracy)} (± {pct(r.accuracy_se)}{paired}; "
                             f"{r.mean('mean_tokens') or 0:.0f}-token answers, {f['r.reflective']} reflective: "
                             f"{f['r.way']})")
            seeds = sorted({r.seeds for r in rows if r.n == n})
            control = (f"; the short-CoT control at this N scores {pct(short[n].accuracy)} (the ladder, "
                       f"{short[n].seeds} seeds)" if n in short else "")
            lines.append(f"- **Ways out, {label}** ({'/'.join(map(str, seeds))} seed{'s' if seeds != [1] else ''}, "
                         f"{ways['eval']['n']:,} test problems, base {pct(base.accuracy)}): " + "; ".join(cells)
                         + control + ".")
    return lines


def climb_line(sweep: results.Sweep) -> str:
    """The climb in one line: each arm (N x epochs, steps), its paired change against the base with its 95% interval,
    and whether it climbs back by the rule declared before the runs."""
    climb = sweep.valley
    b = base_row(climb).accuracy or 0
    cells = []
    for r in table_rows(climb)[1:]:
        f = {**change_facts("r", r, b), **schedule_facts("r", run_rows(climb, r.series, r.n))}
        shape = f"N = {r.n:,} x {f['r.epochs']} epochs ({f['r.steps']} steps)" if "r.steps" in f else f"N = {r.n:,}"
        seeds = f"{r.seeds} seed{'s' if r.seeds != 1 else ''}"
        change = (f", {f['r.change']} points [{f['r.change_lo']}, {f['r.change_hi']}], {f['r.recovered']}"
                  if "r.change" in f else "")
        cells.append(f"{shape}: {pct(r.accuracy)} ({seeds}){change}")
    one = all(r.seeds == 1 for r in table_rows(climb)[1:])
    return (f"- **The climb** (the {sweep.size_label} model, every arm on the same "
            f"{climb['eval']['n']:,} test problems as its base, {pct(b)}, paired"
            f"{'; one seed: the interval covers test problems only' if one else ''}): " + "; ".join(cells)
            + ". A rung climbs back when its paired 95% interval lies above -3 points (declared before the runs).")


def kept_share(v: dict, n: int) -> tuple[float, float, bool, int] | None:
    """Long CoT's share of its own base kept at N = n, its standard error, whether it is paired and the rung's seeds:
    from the rung's paired change on the same problems (1 + change / base) where the sweep has one, else from the two
    accuracies (the run's standard error over the base). None where the sweep has no such rung."""
    b = base_row(v).accuracy
    r = next((x for x in series_rows(v, "long") if x.n == n), None)
    if not (r and b):
        return None
    if r.vs_base:
        return 1 + r.vs_base["change"] / b, r.vs_base["se"] / b, True, r.seeds
    return r.accuracy / b, (r.accuracy_se or 0) / b, False, r.seeds


def size_pairs(sizes: dict[str, dict]) -> tuple[int, dict, list[tuple[str, str, float, float]]] | None:
    """The size ladder at the largest N every size reached: (that N, each size's kept_share, and for each pair of
    neighbouring sizes (smaller, larger, the larger's kept share minus the smaller's, twice the standard error of that
    difference)). None with fewer than two sizes or no common N. sizes: {size label: valley.json}, smallest first."""
    common = set.intersection(*({r.n for r in series_rows(v, "long")} for v in sizes.values())) if sizes else set()
    if len(sizes) < 2 or not common:
        return None
    n = max(common)
    kept = {label: kept_share(v, n) for label, v in sizes.items()}
    labels = list(sizes)
    pairs = [(small, large, kept[large][0] - kept[small][0], 2 * math.hypot(kept[large][1], kept[small][1]))
             for small, large in zip(labels, labels[1:])]
    return n, kept, pairs


def size_verdict(sizes: dict[str, dict]) -> str:
    """What the size ladder shows at the largest N every size reached: each size's kept share of its own base, and
    for each pair of neighbouring sizes whether they separate (the difference of their kept shares beyond twice its
    standard error, the rule declared before the runs). sizes: {size label: valley.json}, smallest first."""
    measured = size_pairs(sizes)
    if not measured:
        return ""
    n, kept, pairs = measured
    cells = [f"the {label} model keeps {pct(k)} (± {pct(se)}{'' if paired else ', unpaired'}, {seeds} seeds)"
             for label, (k, se, paired, seeds) in kept.items()]
    said = [f"the {large} keeps {100 * abs(d):.1f} points {'more' if d > 0 else 'less'} than the {small} "
            f"(twice the standard error of the difference: {100 * bar:.1f})" if abs(d) > bar else
            f"the {small} and the {large} do not separate ({100 * abs(d):.1f} points apart, against {100 * bar:.1f})"
            for small, large, d, bar in pairs]
    return (f"At N = {n:,} long-CoT examples, each against its own base: " + "; ".join(cells) + ". "
            + sentence("; ".join(said)) + ".")


def size_ordering(sizes: dict[str, dict]) -> str:
    """Whether the size ladder shows the paper's ordering ("larger models recover sooner"), pair by pair of
    neighbouring sizes by the same rule as size_verdict: where every larger size keeps more, where some pairs do
    not separate, where a larger one keeps less."""
    measured = size_pairs(sizes)
    if not measured:
        return ""
    _, _, pairs = measured
    up = [f"the {large} over the {small}" for small, large, d, bar in pairs if d > bar]
    flat = [f"the {small} and the {large}" for small, large, d, bar in pairs if abs(d) <= bar]
    down = [f"the {large} keeps less than the {small}" for small, large, d, bar in pairs if d < -bar]
    if len(up) == len(pairs):
        return (f"Each larger size keeps more of its base than the next smaller one: the paper's ordering (larger "
                f"models recover sooner), across {len(sizes)} sizes of one toy family.")
    parts = [f"the paper's ordering (larger models recover sooner) shows for {' and '.join(up)}"] if up else []
    parts += [f"{' and '.join(flat)} do not separate at this N"] if flat else []
    parts += [f"against the paper's ordering, {' and '.join(down)}"] if down else []
    return sentence("; ".join(parts)) + "."


def path_summary() -> str:
    """What the shipped path sweeps measured, in plain words (each with its seeds; a difference inside twice the
    combined standard error is called no difference)."""
    lines = []
    for name in results.SIZE_SWEEPS:
        sw = results.sweep(name)
        if sw.valley and name != results.DEFAULT_SWEEP:
            lines.append(f"- **The {sw.size_label} model:** " + valley_verdict(sw.valley, None))
    sizes = size_verdict(results.sizes())
    if sizes:
        lines.append("- **The size effect:** " + sizes)
    micro = results.sweep().valley
    for name, what in results.STEP_DESIGNS.items():
        if name == results.DEFAULT_SWEEP:
            continue
        v = results.sweep(name).valley
        if not (v and micro):
            continue
        cells = []
        for r in series_rows(v, "long"):
            ship = next((m for m in series_rows(micro, "long") if m.n == r.n), None)
            if ship:
                cells.append(f"N = {r.n:,}: {pct(r.accuracy)} against {pct(ship.accuracy)} "
                             f"({r.seeds} seed{'s' if r.seeds != 1 else ''})")
        ns = (v["eval"]["n"], micro["eval"]["n"])
        on = "" if ns[0] == ns[1] else f"; {ns[0]:,} test problems against the ladder's {ns[1]:,}"
        if cells:
            lines.append(f"- **Data or steps, {what}** (against the shipped ladder, batch 8{on}): "
                         + "; ".join(cells) + ".")
    climb = results.sweep(results.CLIMB_SWEEP)
    if climb.valley:
        lines.append(climb_line(climb))
    lines += ways_lines(micro)
    slm = results.sweep("smollm2").valley
    if slm:
        lines.append(f"- **The real SLM, SmolLM2-135M-Instruct** ({slm['model'].get('weights', '')}, on one-operation "
                     f"problems): " + valley_verdict(slm, None))
    if not lines:
        return ""
    return "**What the path sweeps measured:**\n" + "\n".join(lines)


def fact_sweeps() -> dict[str, dict]:
    """For each prefix of the sweep facts ("valley", "slm", "steps.fixed", ...): the world its runs were measured in
    and why its base cannot be set against its runs (base_mismatch; None when it can). `training.lessons --check`
    reads it to catch a share of a base measured unlike the runs, and a comparison with the paper's models outside
    the world its convention was set for."""
    out = {}
    for name, prefix in {results.DEFAULT_SWEEP: "valley", **PATH_SWEEPS}.items():
        v = results.sweep(name).valley
        if v is not None:
            out[prefix] = {"world": v.get("world"), "mismatch": base_mismatch(v)}
    return out


def load() -> dict[str, str]:
    facts: dict[str, str] = {}
    if checker_score.DATA.exists():  # the labelled texts live with the tests
        facts.update(checker_facts())
    facts.update(heldout_facts())
    sweep = results.sweep()
    paper = results.paper_reference()
    facts.update(paper_facts(paper))
    if sweep.valley is not None:
        facts.update(valley_facts(sweep.valley, paper))
    for name, prefix in PATH_SWEEPS.items():
        v = results.sweep(name).valley
        if v is not None:
            facts.update(sweep_facts(prefix, v))
    sizes = results.sizes()  # (each call reads every size's valley.json)
    verdict = size_verdict(sizes)
    if verdict:
        facts["size.verdict"] = verdict
        facts["size.ordering"] = size_ordering(sizes)
        facts["size.count"] = str(len(sizes))
    rl = results.rl().result
    if rl is not None:
        facts.update(rl_facts(rl))
    powered = results.rl(results.POWERED_RL).result
    if powered is not None:
        facts.update(rl_powered_facts(powered))
    if sweep.ablations is not None:
        facts.update(ablation_facts(sweep.ablations))
    eval_n = ((rl or {}).get("config", {}).get("grpo") or {}).get("eval_n") or 50
    facts.update(records_facts(sweep, eval_n))
    facts.update(lesson1_facts())
    facts.update(model_facts(sweep.valley))
    timings = results.timings()
    if timings:
        facts.update(time_facts(timings, sweep.valley))
    lessons = [le for le in kit.list_lessons(name="lesson.src.md") if le.path.parent.name[:2] in ("01", "02", "03",
                                                                                                 "04", "05", "06", "07")]
    facts["lessons.total_minutes"] = str(sum(le.minutes for le in lessons))  # the lessons, not the guide
    lesson = results.lesson_figure_facts()
    if lesson:
        lengths = lesson.get("trace_lengths", {})
        for style, tokens in lengths.items():
            facts[f"traces.{style}.tokens"] = f"{tokens:.0f}"
        if lengths.get("short"):
            facts["traces.long_over_short"] = f"{lengths['long'] / lengths['short']:.1f}"
            facts["traces.padded_over_long"] = pct(lengths["padded"] / lengths["long"], 0)
        facts.update(pays_facts(lesson.get("reflection_pays") or []))
    return facts


def render(text: str, facts: dict[str, str]) -> str:
    """Fill every {{key}}; an unknown key is an error, never an empty hole."""
    def fill(m):
        if m.group(1) not in facts:
            raise KeyError(f"unknown fact {m.group(1)!r} (python -m training.lab.facts lists them)")
        return facts[m.group(1)]
    return PLACEHOLDER.sub(fill, text)


def main(argv=None) -> dict:
    facts = load()
    for k, v in facts.items():
        print(f"{k} = {v}" if "\n" not in v else f"{k} = (multi-line)\n    " + v.replace("\n", "\n    "))
    return facts


# -- the powered RL sweep (assets/rl/cpu-powered): each start against its own step 0, problem by problem -------------
def start_slug(label: str) -> str:
    """A start's label as a fact's key writes it: "long N=16000" -> long-n16000, "base" -> base."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("=", "")).strip("-")


def tokens_text(tokens: float | None) -> str:
    """A mean answer length in whole tokens ("n/a" where it was not measured)."""
    return "n/a" if tokens is None else f"{tokens:.0f}"


def kl_text(kl: float | None) -> str:
    """A KL to the start as people write a small number (0 before any update, 5.2e-3 after)."""
    return "n/a" if kl is None else "0" if kl == 0 else sci(float(f"{kl:.2g}"))


def start_verdict(label: str, p: dict) -> str:
    """One start's change at its last evaluated step (rl.json's `paired`): "moved" only if the 95% interval excludes
    0, else no change at the power the design had (its smallest detectable change beside it)."""
    lo, hi = p["ci95"]
    if lo > 0 or hi < 0:
        return (f"from {label}, moved by {points(p['change'])} points [{points(lo)}, {points(hi)}] in "
                f"{p['step']} steps")
    return (f"from {label}, no change detected at this power in {p['step']} steps (min detectable "
            f"{100 * p['min_detectable']:.1f} points)")


def rl_powered_verdict(rl: dict) -> str:
    """The powered sweep in one sentence: the design, then each start's verdict (start_verdict)."""
    g, paired = rl["config"]["grpo"], rl.get("paired") or {}
    if not paired:
        return "The powered RL sweep kept no per-problem records, so no start's change can be paired."
    first = next(iter(paired.values()))
    seeds = min(p["seeds"] for p in paired.values())
    return (f"GRPO at {g['steps']} steps of {g['prompts_per_step']} problems x {g['group_size']} answers, "
            f"{seeds} seed{'s' if seeds != 1 else ''} per start, each start against its own step 0 on the same "
            f"{first['problems']:,} test problems: " + "; ".join(start_verdict(k, p) for k, p in paired.items()) + ".")


def rl_powered_facts(rl: dict) -> dict[str, str]:
    """Every evaluated step of the powered sweep as facts: rl.powered.<start>.<step>.accuracy, .change, .change_lo,
    .change_hi (points against the start's step 0, 95% interval), .min_detectable (points), .kl, .tokens,
    .reflective, .seeds, .problems; rl.powered.<start>.label and rl.powered.verdict."""
    out = {"rl.powered.verdict": rl_powered_verdict(rl)}
    for label, p in (rl.get("paired") or {}).items():
        slug = start_slug(label)
        out[f"rl.powered.{slug}.label"] = label
        for row in p.get("steps") or []:
            k = f"rl.powered.{slug}.{row['step']}"
            out.update({f"{k}.accuracy": pct(row["accuracy"]), **interval_facts(f"{k}.change", row),
                        f"{k}.min_detectable": f"{100 * row['min_detectable']:.1f}", f"{k}.kl": kl_text(row["kl"]),
                        f"{k}.tokens": tokens_text(row["mean_tokens"]),
                        f"{k}.reflective": pct(row["reflection_ratio"], 0), f"{k}.seeds": str(row["seeds"]),
                        f"{k}.problems": f"{row['problems']:,}"})
    return out


def rl_powered_rows(rl: dict) -> list[dict[str, str]]:
    """The powered sweep as a table: one row per start and evaluated step (start, step, accuracy, change [95% CI],
    min detectable, KL, tokens, reflective), step 0 being each start's own reference."""
    rows = []
    for label, p in (rl.get("paired") or {}).items():
        for row in p.get("steps") or []:
            lo, hi = row["ci95"]
            rows.append({"start": label, "step": str(row["step"]), "accuracy": pct(row["accuracy"]),
                         "change [95% CI]": "reference" if row["step"] == 0 else
                         f"{points(row['change'])} [{points(lo)}, {points(hi)}]",
                         "min detectable": "" if row["step"] == 0 else f"{100 * row['min_detectable']:.1f}",
                         "KL": kl_text(row["kl"]),
                         "tokens": tokens_text(row["mean_tokens"]),
                         "reflective": pct(row["reflection_ratio"], 0)})
    return rows


def rl_start_verdicts(rl: dict) -> list[str]:
    """Each start's verdict as a sentence of its own (start_verdict), for a list."""
    return [sentence(start_verdict(label, p)) + "." for label, p in (rl.get("paired") or {}).items()]


def rl_min_detectable(rl: dict) -> dict[str, float]:
    """The smallest change (a share) each start of an unpaired RL sweep could detect with 80% power: 2.8 standard
    errors, the standard error being the one its verdict measures noise by (rl_noise: the larger of the spread over
    seeds and one evaluation's sampling error on its eval_n problems)."""
    from training.task.analysis import MIN_DETECTABLE_SE

    eval_n = (rl["config"].get("grpo") or rl["config"]).get("eval_n") or 0
    return {label: MIN_DETECTABLE_SE * rl_noise(rows, eval_n) / 2 for label, rows in rl["table"].items()}


def rl_underpowered(rl: dict) -> str:
    """The older sweep's power in one line: its design and the smallest change it could detect per start."""
    g, mde = rl["config"].get("grpo") or rl["config"], rl_min_detectable(rl)
    return (f"Underpowered: {g['steps']} steps of {g['prompts_per_step']} problems x {g['group_size']} answers, "
            f"{len(rl['config']['seeds'])} seeds, evaluated on {g.get('eval_n') or '?'} problems without pairing; "
            "the smallest change it could detect (80% power) was "
            + ", ".join(f"{100 * v:.0f} points from {label}" for label, v in mde.items()) + ".")


if __name__ == "__main__":
    main(sys.argv[1:])
