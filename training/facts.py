"""The numbers and findings the app, the lessons and the README quote, computed from the shipped results.

Nothing here is typed in: every value comes from assets/ (the valley sweep, its ablations, the RL sweep, the
lessons' figure facts), so a regenerated sweep changes every quote at once and none can drift.

    facts = load()                                   # {"valley.base.accuracy": "74.5%", ...}
    render("The base scores {{valley.base.accuracy}}.", facts)
    valley_verdict(valley)                           # what the top of the ladder does, in plain words
    rl_verdict(rl)                                   # what GRPO did from each start, in plain words

`python -m training.facts` prints every key with its value (the names a lesson source may use).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from training.core import paths

VALLEY = paths.ASSETS / "valley" / "classroom" / "valley.json"
ABLATIONS = paths.ASSETS / "valley" / "classroom" / "ablations.json"
RL = paths.ASSETS / "rl" / "classroom" / "rl.json"
LESSON_FACTS = paths.LESSONS / "figures" / "facts.json"
PLACEHOLDER = re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}")
# the paper's stated numbers the verdicts cite (its text; assets/paper_reference.json has them all)
PAPER_NO_RECOVERY = "Qwen2.5-0.5B (14% base, 11% after 220k) and Gemma-3-1B (24% base, 15% after 220k)"


def pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{100 * x:.{digits}f}%"


def read_result(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def _rows(valley: dict, style: str) -> list[dict]:
    return sorted((r for r in valley["table"] if r["style"] == style), key=lambda r: r["n"])


def valley_facts(valley: dict) -> dict[str, str]:
    base = valley["table"][0]
    out = {"valley.base.accuracy": pct(base["accuracy_mean"]), "valley.base.accuracy_se": pct(base["accuracy_se"]),
           "valley.base.tokens": f"{base['mean_tokens_mean']:.0f}", "valley.eval.n": str(valley["eval"]["n"]),
           "valley.eval.max_new_tokens": str(valley["eval"]["max_new_tokens"])}
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
            if r.get("train_seconds_mean") is not None:
                out[f"{k}.train_seconds"] = f"{r['train_seconds_mean']:,.0f}"
        best = max(rows, key=lambda r: r["accuracy_mean"])
        low = min(rows, key=lambda r: r["accuracy_mean"])
        out[f"valley.{style}.best.n"], out[f"valley.{style}.best.accuracy"] = f"{best['n']:,}", pct(best["accuracy_mean"])
        out[f"valley.{style}.lowest.n"], out[f"valley.{style}.lowest.accuracy"] = f"{low['n']:,}", pct(low["accuracy_mean"])
        out[f"valley.{style}.top.n"], out[f"valley.{style}.top.accuracy"] = f"{rows[-1]['n']:,}", pct(rows[-1]["accuracy_mean"])
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
    for label, rows in rl["table"].items():
        k = "rl." + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        out[f"{k}.start"], out[f"{k}.end"] = pct(rows[0]["accuracy_mean"]), pct(rows[-1]["accuracy_mean"])
        out[f"{k}.end_sd"] = pct(rows[-1]["accuracy_sd"])
    out["rl.verdict"] = rl_verdict(rl)
    return out


def rl_verdict(rl: dict) -> str:
    """What GRPO did from each start, against the seed noise, and whether the paper's finding appeared."""
    cfg = rl["config"]
    g = cfg.get("grpo", cfg)
    parts, moved = [], []
    for label, rows in rl["table"].items():
        a, z = rows[0]["accuracy_mean"], rows[-1]["accuracy_mean"]
        noise = 2 * max(rows[-1]["accuracy_sd"] or 0.0, rows[0]["accuracy_sd"] or 0.0, 0.01)
        parts.append(f"{label} {pct(a)} -> {pct(z)}")
        moved.append((label, z - a, abs(z - a) > noise))
    budget = (f"{g['steps']} GRPO steps of {g['prompts_per_step']} problems x {g['group_size']} answers, "
              f"{len(cfg['seeds'])} seeds")
    if not any(m for _, _, m in moved):
        return (f"At this budget ({budget}) GRPO moved no start beyond seed noise: " + "; ".join(parts) + ". "
                "So the paper's finding (a start fine-tuned on a lot of long CoT gains more from RL and ends "
                "highest, and RL shortens responses) did not appear here; the paper ran about 100 steps of "
                "1,024 problems x 8 answers.")
    gains = sorted(moved, key=lambda m: -m[1])
    return (f"At this budget ({budget}): " + "; ".join(parts) + f". The largest gain is from the {gains[0][0]} "
            f"start ({100 * gains[0][1]:+.1f} points).")


def ablation_facts(abl: dict) -> dict[str, str]:
    out = {}
    for row in abl["rows"]:
        k = f"ablation.{row['ablation']}.{row['n']}"
        for m in ("accuracy", "truncated", "loop", "step_error", "catch_rate"):
            if row.get(m) is not None:
                out[f"{k}.{m}"] = pct(row[m]) if m != "step_error" else f"{row[m]:.2f}"
    return out


def load() -> dict[str, str]:
    facts: dict[str, str] = {}
    for path, fn in ((VALLEY, valley_facts), (RL, rl_facts), (ABLATIONS, ablation_facts)):
        data = read_result(path)
        if data is not None:
            facts.update(fn(data))
    lesson = read_result(LESSON_FACTS)
    if lesson:
        for style, tokens in lesson.get("trace_lengths", {}).items():
            facts[f"traces.{style}.tokens"] = f"{tokens:.0f}"
    return facts


def render(text: str, facts: dict[str, str]) -> str:
    """Fill every {{key}}; an unknown key is an error, never an empty hole."""
    def fill(m):
        if m.group(1) not in facts:
            raise KeyError(f"unknown fact {m.group(1)!r} (python -m training.facts lists them)")
        return facts[m.group(1)]
    return PLACEHOLDER.sub(fill, text)


def main(argv=None) -> dict:
    facts = load()
    for k, v in facts.items():
        print(f"{k} = {v}")
    return facts


if __name__ == "__main__":
    main(sys.argv[1:])
