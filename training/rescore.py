"""Score a shipped sweep's records again with today's answer reader and step checker (no generation).

Usage:
    python -m training.rescore --sweep smollm2            # print what would change
    python -m training.rescore --sweep smollm2 --write    # rewrite the records, valley.json and its figures
    python -m training.rescore --sweep classroom --write --records_only   # the records files only

A shipped records file keeps each completion exactly as the model wrote it, so when the reading of answers or
claims improves (a fixed answer reader, a checker that reads more), the same completions can be scored again.
The records files are rewritten with the new scores; in valley.json the base's summary and the rows whose
records ship are replaced (each says `rescored` and when); the table is recomputed from the rows and the
figures redrawn. Rows whose records were not shipped keep the scores they were written with: where most of a
rung's seeds were not shipped (the tiny model's sweeps), --records_only rewrites the records alone, so what the app
reads from them (Error Anatomy) agrees with the marks it draws, and valley.json keeps one checker per table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from training.core.evalfolder import read_records
from training.core.generate import Generation
from training.lab import results
from training.task.analysis import summarize
from training.task.scoring import score_generation
from training.task.world import parse_expression

SUMMARY_FIELDS_KEPT = ("backend", "samples", "temperature", "top_p", "max_new_tokens", "seed", "generation_seconds",
                       "generated_tokens_per_s", "precision", "cpu_capability", "world", "prompt", "prompts")


def rescore_records(records: list[dict]) -> list[dict]:
    """The same completions scored again: the checker's record, the answer, the category."""
    out = []
    for r in records:
        problem = parse_expression(r["expr"])
        if problem.answer != r["gold"]:
            raise ValueError(f"{r['expr']}: the world's answer is {problem.answer}, the record says {r['gold']}")
        gen = Generation("", r["completion"], r["n_tokens"], r["finish"], r.get("sample", 0))
        out.append({**r, **score_generation(problem, gen)})
    return out


def rescored_summary(old: dict | None, records: list[dict]) -> dict:
    kept = {k: (old or {})[k] for k in SUMMARY_FIELDS_KEPT if k in (old or {})}
    return {**summarize(records), **kept, "rescored": time.strftime("%Y-%m-%d")}


def main(argv: list[str] | None = None) -> dict:
    from training.lab.figures import save_valley_figures
    from training.valley import aggregate, slim

    ap = argparse.ArgumentParser(prog="python -m training.rescore", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sweep", required=True, help=f"a shipped sweep: {', '.join(results.sweeps())}")
    ap.add_argument("--write", action="store_true", help="rewrite the records, valley.json and the figures")
    ap.add_argument("--records_only", action="store_true", help="with --write: the records files, not valley.json")
    a = ap.parse_args(argv)
    sweep = results.sweep(a.sweep)
    if sweep.valley is None:
        raise SystemExit(f"no shipped sweep {a.sweep!r}; choose from {results.sweeps()}")
    valley = sweep.valley
    changes = {}
    for stem, path in sorted(sweep.records.items()):
        old = read_records(path)
        new = rescore_records(old)
        before, after = sum(r["correct"] for r in old), sum(r["correct"] for r in new)
        changes[stem] = {"records": len(new), "right_before": before, "right_after": after}
        print(f"[rescore] {stem}: {before} -> {after} right of {len(new)}", flush=True)
        if not a.write:
            continue
        Path(path).write_text("".join(json.dumps(r) + "\n" for r in new))
        if a.records_only:
            continue
        if stem == "base":
            valley["base"] = slim(rescored_summary(valley["base"], new))
        for row in valley["runs"]:
            if f"{row['style'].replace(':', 'to')}-n{row['n']}-s{row['seed']}" == stem:
                row["summary"] = slim(rescored_summary(row["summary"], new))
    if a.write and not a.records_only:
        valley["table"] = aggregate(valley["runs"], valley["base"])
        (sweep.root / "valley.json").write_text(json.dumps(valley, indent=1) + "\n")
        save_valley_figures(valley, sweep.root)
        print(f"[rescore] wrote {sweep.root / 'valley.json'} and its figures", flush=True)
    return changes


if __name__ == "__main__":
    main(sys.argv[1:])
