"""OpenR1-Math-220k: the paper's SFT data, through `datasets` (where the Hub is reachable).

The paper keeps one *correct* trace per problem (math-verify), drops traces over 16,384 tokens, and
takes nested subsets (8k, 16k, ... 220k). We do the same, with the choice of trace seeded:

    pairs = load_openr1_pairs(seed=0)                       # (problem, trace) for every usable problem
    pairs = load_openr1_pairs(tokenizer=tok, max_tokens=16384)   # with the length filter (and a report)

Rows carry `generations` (2-4 R1 traces), `correctness_math_verify` and `is_reasoning_complete`
(lists aligned with the generations).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from training.task.traces import LongKnobs, write_trace
from training.task.world import problems

DATASET = "open-r1/OpenR1-Math-220k"
CONFIGS = ("default", "extended", "all")


def available(config: str = "default") -> tuple[bool, str]:
    """(True, "") if the dataset can be opened here, else (False, why)."""
    try:
        from datasets import load_dataset_builder

        load_dataset_builder(DATASET, config)
        return True, ""
    except Exception as e:  # noqa: BLE001 - any failure means "not here"
        return False, (f"{DATASET} cannot be reached from here ({type(e).__name__}): the Hugging Face Hub is "
                       f"offline or blocked. Use the built-in world data or upload a JSONL file.")


def pick_trace(row: dict, rng: random.Random) -> str | None:
    """One correct and complete generation of a row, chosen with rng; None if there is none."""
    gens = row.get("generations") or []
    ok = row.get("correctness_math_verify") or [False] * len(gens)
    complete = row.get("is_reasoning_complete") or [True] * len(gens)
    good = [g for g, c, d in zip(gens, ok, complete) if c and d and isinstance(g, str) and g.strip()]
    return rng.choice(good) if good else None


def rows_to_pairs(rows, seed: int = 0) -> tuple[list[tuple[str, str]], dict]:
    """(problem, trace) pairs and a report of how many rows had no usable trace."""
    pairs, no_trace = [], 0
    for i, row in enumerate(rows):
        trace = pick_trace(row, random.Random(f"openr1:{seed}:{i}"))
        if trace is None:
            no_trace += 1
            continue
        pairs.append((row["problem"], trace))
    return pairs, {"rows": len(pairs) + no_trace, "no_correct_trace": no_trace}


def length_filter(pairs: list[tuple[str, str]], tokenizer, max_tokens: int = 16384):
    """Drop traces longer than max_tokens under `tokenizer` (never truncate). Returns (kept, dropped)."""
    kept, dropped = [], 0
    for p, t in pairs:
        if len(tokenizer(t, add_special_tokens=False)["input_ids"]) > max_tokens:
            dropped += 1
        else:
            kept.append((p, t))
    return kept, dropped


def load_openr1_pairs(seed: int = 0, config: str = "default", tokenizer=None, max_tokens: int = 16384,
                      report: dict | None = None) -> list[tuple[str, str]]:
    from datasets import load_dataset

    if config not in CONFIGS:
        raise ValueError(f"unknown OpenR1 config {config!r}; choose from {list(CONFIGS)}")
    ds = load_dataset(DATASET, config, split="train")
    pairs, rep = rows_to_pairs(ds, seed)
    if tokenizer is not None:
        pairs, rep["dropped_too_long"] = length_filter(pairs, tokenizer, max_tokens)
    if report is not None:
        report.update(rep)
    return pairs


def world_rows(n: int, world: str = "tiny", seed: int = 0) -> list[dict]:
    """Rows in OpenR1's schema built from the world, offline: for smoke runs and tests.

    Each row has three generations: a correct long trace, a wrong one (an uncaught slip), and a
    correct but incomplete one (no </think>), flagged as OpenR1 flags them, in a seeded order."""
    rows = []
    for p in problems(world, "openr1-smoke", n):
        gens = [(write_trace(p, "long", seed=seed), True, True),
                (write_trace(p, "long", seed=seed + 1, knobs=LongKnobs(slip_rate=1.0, catch_rate=0.0)), False, True),
                (write_trace(p, "long", seed=seed + 2).split("</think>")[0], True, False)]
        random.Random(f"rows:{seed}:{p.index}").shuffle(gens)
        rows.append({"problem": p.prompt, "answer": str(p.answer), "generations": [g[0] for g in gens],
                     "correctness_math_verify": [g[1] for g in gens], "is_reasoning_complete": [g[2] for g in gens]})
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Write OpenR1-schema rows built from the world (offline smoke data).")
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--world", default="tiny")
    a = ap.parse_args()
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w") as f:
        for row in world_rows(a.n, a.world):
            f.write(json.dumps(row) + "\n")
    print(f"{a.n} rows -> {a.out}")
