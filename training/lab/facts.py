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
import re
import sys

from training.lab import kit, results
from training.task import checker_score
from training.task.analysis import horizon

PLACEHOLDER = re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}")
# the paper's stated numbers the verdicts cite (its text; assets/paper_reference.json has them all)
PAPER_NO_RECOVERY = "Qwen2.5-0.5B (14% base, 11% after 220k) and Gemma-3-1B (24% base, 15% after 220k)"


def pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{100 * x:.{digits}f}%"


def _rows(valley: dict, style: str) -> list[dict]:
    return sorted((r for r in valley["table"] if r["style"] == style), key=lambda r: r["n"])


def valley_facts(valley: dict) -> dict[str, str]:
    base = valley["table"][0]
    out = {"valley.base.accuracy": pct(base["accuracy_mean"]), "valley.base.accuracy_se": pct(base["accuracy_se"]),
           "valley.base.tokens": f"{base['mean_tokens_mean']:.0f}", "valley.eval.n": str(valley["eval"]["n"]),
           "valley.eval.max_new_tokens": str(valley["eval"]["max_new_tokens"]),
           "valley.base.claim_error": pct(base.get("claim_error_rate_mean")),
           "valley.base.step_error": f"{base['hazard_fit_mean']:.3f}" if base.get("hazard_fit_mean") else "n/a"}
    for style in ("long", "short", "mixed"):
        rows = _rows(valley, style)
        if not rows:
            continue
        out[f"valley.{style}.ladder"] = ", ".join(f"{r['n']:,}" for r in rows)
        for r in rows:
            k = f"valley.{style}.{r['n']}"
            out[f"{k}.accuracy"] = pct(r["accuracy_mean"])
            out[f"{k}.sd"] = pct(r.get("accuracy_sd") or 0.0)
            out[f"{k}.se"] = pct(r.get("accuracy_se"))
            out[f"{k}.seeds"] = str(r["seeds"])
            out[f"{k}.tokens"] = f"{r['mean_tokens_mean']:.0f}"
            out[f"{k}.reflective"] = pct(r.get("reflection_ratio_mean"), 0)
            out[f"{k}.step_error"] = f"{r['hazard_fit_mean']:.2f}" if r.get("hazard_fit_mean") is not None else "n/a"
            out[f"{k}.claim_error"] = pct(r.get("claim_error_rate_mean"))
            out[f"{k}.catch_rate"] = pct(r.get("catch_rate_mean"), 0)
            if r.get("train_seconds_mean") is not None:
                out[f"{k}.train_seconds"] = f"{r['train_seconds_mean']:,.0f}"
        best = max(rows, key=lambda r: r["accuracy_mean"])
        low = min(rows, key=lambda r: r["accuracy_mean"])
        out[f"valley.{style}.best.n"], out[f"valley.{style}.best.accuracy"] = f"{best['n']:,}", pct(best["accuracy_mean"])
        out[f"valley.{style}.lowest.n"], out[f"valley.{style}.lowest.accuracy"] = f"{low['n']:,}", pct(low["accuracy_mean"])
        out[f"valley.{style}.top.n"], out[f"valley.{style}.top.accuracy"] = f"{rows[-1]['n']:,}", pct(rows[-1]["accuracy_mean"])
    if base.get("hazard_fit_mean"):
        out["valley.base.horizon"] = f"{horizon(base['hazard_fit_mean']):.1f}"
    hazard = ((valley.get("base") or {}).get("survival") or {}).get("hazard") or []
    for i, h in enumerate(hazard[:8], start=1):
        out[f"valley.base.hazard{i}"] = f"{h:.3f}"
    by_ops = (valley.get("base") or {}).get("by_ops") or {}
    for n, acc, fit in zip(by_ops.get("n_ops", []), by_ops.get("accuracy", []), by_ops.get("fit", [])):
        out[f"valley.base.ops{n}.accuracy"], out[f"valley.base.ops{n}.fit"] = pct(acc, 0), pct(fit, 0)
    short = {r["n"]: r["accuracy_mean"] for r in _rows(valley, "short")}
    for r in _rows(valley, "mixed"):  # how far mixed data sits below short data, in points
        if r["n"] in short:
            out[f"valley.gap.short_mixed.{r['n']}"] = f"{100 * (short[r['n']] - r['accuracy_mean']):.1f}"
    out["valley.verdict"] = valley_verdict(valley)
    return out


def valley_verdict(valley: dict) -> str:
    """What long CoT does at the top of the measured ladder, against the base, in plain words."""
    base = valley["table"][0]
    rows = _rows(valley, "long")
    if not rows:
        return "No long-CoT runs were measured."
    top, best = rows[-1], max(rows, key=lambda r: r["accuracy_mean"])
    b, margin = base["accuracy_mean"], 2 * (base.get("accuracy_se") or 0.0)
    seeds = f"{top['seeds']} seed{'s' if top['seeds'] != 1 else ''}"
    if best["accuracy_mean"] >= b - margin:
        return (f"Long CoT climbs back out of the valley here: at N = {best['n']:,} it reaches "
                f"{pct(best['accuracy_mean'])}, within the base model's {pct(b)} (± {pct(base.get('accuracy_se'))}) "
                f"or above it.")
    rising = top["accuracy_mean"] > rows[0]["accuracy_mean"] + 0.05
    return (f"Long CoT never climbs back to the base model here. At the top of the measured ladder, "
            f"N = {top['n']:,} ({seeds}), it reaches {pct(top['accuracy_mean'])} against the base's {pct(b)}"
            + (f"; its best rung is N = {best['n']:,} at {pct(best['accuracy_mean'])}" if best is not top else "")
            + (". It is climbing, but not back out of the valley. " if rising else ". ")
            + f"The paper saw the same for its smallest models: {PAPER_NO_RECOVERY} did not recover even with "
              f"220k examples.")


def rl_facts(rl: dict) -> dict[str, str]:
    out = {"rl.steps": str(rl["config"]["grpo"]["steps"] if "grpo" in rl["config"] else rl["config"]["steps"]),
           "rl.seeds": str(len(rl["config"]["seeds"]))}
    if rl.get("run_seconds"):  # the runs' own time, shared by the sweep's workers
        out["rl.minutes"] = f"{rl['run_seconds'] / max(1, rl['config'].get('jobs', 1)) / 60:.0f}"
    roles = ["base", "small", "large"] if len(rl["table"]) == 3 else [str(i) for i in range(len(rl["table"]))]
    for role, (label, rows) in zip(roles, rl["table"].items()):
        k = f"rl.{role}"  # by position: the base model, the small-N start, the large-N start
        out[f"{k}.label"] = label
        out[f"{k}.start"], out[f"{k}.end"] = pct(rows[0]["accuracy_mean"]), pct(rows[-1]["accuracy_mean"])
        out[f"{k}.end_sd"] = pct(rows[-1]["accuracy_sd"])
        out[f"{k}.tokens_start"] = f"{rows[0]['mean_tokens_mean']:.0f}"
        out[f"{k}.tokens_end"] = f"{rows[-1]['mean_tokens_mean']:.0f}"
        if rows[-1].get("useful_groups_mean") is not None:
            out[f"{k}.useful_groups"] = pct(rows[-1]["useful_groups_mean"], 0)
    out["rl.verdict"] = rl_verdict(rl)
    return out


def rl_verdict(rl: dict) -> str:
    """What GRPO did from each start, against the seed noise, and whether the paper's finding appeared (the
    last start is the large-N one: it should gain the most)."""
    cfg = rl["config"]
    g = cfg.get("grpo", cfg)
    parts, gains, falls = [], [], []
    eval_n = g.get("eval_n") or 0
    for label, rows in rl["table"].items():
        a, z = rows[0]["accuracy_mean"], rows[-1]["accuracy_mean"]
        # the spread over seeds, or the sampling error of one evaluation on eval_n problems (every seed of a
        # start is evaluated on the same problems at step 0, so its sd there is 0), whichever is larger
        sampling = (a * (1 - a) / eval_n) ** 0.5 if eval_n else 0.0
        noise = 2 * max(rows[-1]["accuracy_sd"] or 0.0, rows[0]["accuracy_sd"] or 0.0, sampling, 0.01)
        parts.append(f"{label} {pct(a)} -> {pct(z)}")
        if z - a > noise:
            gains.append((label, z - a))
        elif a - z > noise:
            falls.append((label, z - a))
    budget = (f"{g['steps']} GRPO steps of {g['prompts_per_step']} problems x {g['group_size']} answers, "
              f"{len(cfg['seeds'])} seeds" + (f", evaluated on {eval_n} problems" if eval_n else ""))
    fell = ("" if not falls else " Beyond noise, " + " and ".join(
        f"the {label} start fell ({100 * d:+.1f} points)" for label, d in falls) + ".")
    if not gains:
        return (f"At this budget ({budget}) GRPO improved no start beyond noise: " + "; ".join(parts) + "."
                + fell + " So the paper's finding (a start fine-tuned on a lot of long CoT gains more from RL and "
                "ends highest, and RL shortens responses) did not appear here; the paper ran about 100 steps of "
                "1,024 problems x 8 answers.")
    best = max(gains, key=lambda m: m[1])
    large = list(rl["table"])[-1]
    return (f"At this budget ({budget}): " + "; ".join(parts) + f". The largest gain is from the {best[0]} "
            f"start ({100 * best[1]:+.1f} points)" + (", as in the paper." if best[0] == large else
                                                        ", not the large-N start the paper saw gain most.") + fell)


def ablation_facts(abl: dict) -> dict[str, str]:
    out = {}
    for row in abl["rows"]:
        k = f"ablation.{row['ablation']}.{row['n']}"
        for m in ("accuracy", "truncated", "loop", "step_error", "catch_rate"):
            if row.get(m) is not None:
                out[f"{k}.{m}"] = pct(row[m]) if m != "step_error" else f"{row[m]:.2f}"
    return out


def pays_facts(rows: list[dict]) -> dict[str, str]:
    """The 'does reflection pay?' inequality per N (means over seeds): k, h', c, d, k(h'(1-c)+d) and h."""
    out: dict[str, str] = {}
    if not rows:
        return out
    out["pays.h"] = f"{rows[0]['h']:.4f}"
    out["pays.runs"], out["pays.paid"] = str(len(rows)), str(sum(r["pays"] for r in rows))
    for n in sorted({r["n"] for r in rows}):
        rs = [r for r in rows if r["n"] == n]
        m = {k: sum(r[k] for r in rs) / len(rs) for k in ("k", "h_tuned", "c", "d", "lhs")}
        k = f"pays.{n}"
        out.update({f"{k}.k": f"{m['k']:.1f}", f"{k}.h_tuned": f"{m['h_tuned']:.4f}", f"{k}.c": pct(m["c"]),
                    f"{k}.d": f"{m['d']:.4f}", f"{k}.lhs": f"{m['lhs']:.3f}", f"{k}.ratio": f"{m['lhs'] / rows[0]['h']:.0f}"})
    return out


@functools.lru_cache(maxsize=1)
def checker_facts() -> dict[str, str]:
    """The step checker against the hand-labelled real model texts (tests/data/real_texts), as it reads them now
    (about a second). A one-time held-out score cannot be recomputed once the texts informed a fix: those stay
    in training/LOG.md."""
    res = checker_score.evaluate(checker_score.load())
    return {"checker.texts": str(res["texts"]), "checker.recall": pct(res["recall_all"], 0),
            "checker.caught": str(res["caught"]), "checker.wrong": str(res["wrong_claims"]),
            "checker.false_alarms": str(res["false_alarms"]), "checker.coverage": pct(res["coverage_checker"], 0)}


def load() -> dict[str, str]:
    facts: dict[str, str] = {}
    if checker_score.DATA.exists():  # the labelled texts live with the tests
        facts.update(checker_facts())
    sweep = results.sweep()
    for data, fn in ((sweep.valley, valley_facts), (results.rl().result, rl_facts), (sweep.ablations, ablation_facts)):
        if data is not None:
            facts.update(fn(data))
    timings = results.timings()
    if timings:
        cpu, gpu = timings["cpu_avx2"], timings["gpu_h100"]
        facts.update({"time.cpu.wall": f"{cpu['wall_s']:.0f}", "time.cpu.train": f"{cpu['train_s']:.0f}",
                      "time.cpu.generation": f"{cpu['generation_s']:.0f}",
                      "time.cpu.slow_wall": f"{timings['cpu_avx2_slow_laptop_estimate']['wall_s']:.0f}",
                      "time.gpu.train": f"{gpu['train_s']:.0f}", "time.gpu.generation": f"{gpu['generation_s']:.0f}",
                      "time.gpu.n4000_train": f"{gpu['n4000_train_s']:.0f}", "time.gpu.runs_at_once": str(gpu['runs_at_once'])})
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
        print(f"{k} = {v}")
    return facts


if __name__ == "__main__":
    main(sys.argv[1:])
