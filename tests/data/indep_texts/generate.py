"""Sample this set's model texts (seeded) into generations.jsonl: SmolLM2-135M-Instruct and its shipped
adapters on world problems with 1, 2 and 3 operations, and the tiny model and its shipped adapters on
classroom problems.

    VALLEY_MODELS=/path/to/models python tests/data/indep_texts/generate.py [id prefix ...]

With id prefixes (e.g. `tiny`), only the plan's lines with a source whose prefix starts with one of them
are sampled; each line's texts replace those texts in generations.jsonl as soon as they are done, the
others are kept.

Every text is sampled (nucleus, top-p 0.95) with a fixed seed through the project's own generation code
(training.core.generate.generate) from the world's own prompts (Problem.prompt), so the same torch build
reproduces it. SmolLM2-135M-Instruct is loaded through training.core.models.load_model (converted
locally; nothing is downloaded). Each record says where it came from: model, adapter, temperature,
top-p, seed, preset, split and index of the problem, its expression and gold answer.

Problems: the `single` preset's test problems 40-79 (one operation; 0-39 are in ../small_texts) and
100-139 (for the adapters, whose evaluation used 0-99); problems of the `tiny` preset (operands 1-9)
drawn on a split of their own, "indep", that no other set or run uses, kept by their number of
operations (2 or 3); the `classroom` test problems 100-139 for the tiny model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

SMOL = "SmolLM2-135M-Instruct"
SMOL_ADAPTERS = "assets/valley/smollm2/adapters"
TINY_ADAPTERS = "assets/valley/classroom/adapters"
TOP_P = 0.95
INDEP_SPLIT = "indep"

# Each line of the plan is one call of generate(), all its prompts in one batch:
# (model, adapter or None, problem sources, temperature, seed, max new tokens), where a problem source is
# (id prefix, preset, split, first index, count, number of operations or None for any).
# Torch threads: the tiny model's lines ran with 2, SmolLM2's with 1 (two threads crawled on a shared,
# busy 2-core machine); a thread count can change the last bits of a sum and so a sampled token, so each
# line is rerun with its own.
THREADS = {"tiny": 2, SMOL: 1}


def _base(t: float, seed: int, single_from: int, indep_from: int):
    """SmolLM2's base at temperature t: 20 problems with 1, 2 and 3 operations each, in one batch."""
    return (SMOL, None, [(f"smol-1op-t{t}", "single", "test", single_from, 20, None),
                         (f"smol-2op-t{t}", "tiny", INDEP_SPLIT, indep_from, 20, 2),
                         (f"smol-3op-t{t}", "tiny", INDEP_SPLIT, indep_from, 20, 3)], t, seed, 256)


def _tiny(run: str | None, t: float, seed: int, first: int):
    adapter = f"{TINY_ADAPTERS}/{run}" if run else None
    return ("tiny", adapter, [(f"tiny-{(run or 'base').replace('long-', '')}-t{t}", "classroom", "test", first, 5,
                               None)], t, seed, 512)


PLAN = [
    _base(0.7, 101, 40, 0),
    _base(1.0, 102, 60, 20),
    (SMOL, f"{SMOL_ADAPTERS}/long-n64", [("smol-n64-t0.7", "single", "test", 100, 20, None)], 0.7, 201, 256),
    (SMOL, f"{SMOL_ADAPTERS}/long-n250", [("smol-n250-t0.7", "single", "test", 120, 20, None)], 0.7, 202, 256),
    _tiny(None, 0.7, 301, 100), _tiny(None, 1.0, 302, 105),
    _tiny("long-n250", 0.7, 303, 110), _tiny("long-n250", 1.0, 304, 115),
    _tiny("long-n4000", 0.7, 305, 120), _tiny("long-n4000", 1.0, 306, 125),
    _tiny("long-n16000", 0.7, 307, 130), _tiny("long-n16000", 1.0, 308, 135),
]


def pick_problems(preset: str, split: str, first: int, count: int, n_ops: int | None):
    """`count` problems from index `first` on; with n_ops, the first..first+count-th of those with n_ops operations."""
    from training.task.world import make_problem

    if n_ops is None:
        return [make_problem(preset, split, i) for i in range(first, first + count)]
    out, i, seen = [], 0, 0
    while len(out) < count:
        p = make_problem(preset, split, i)
        i += 1
        if p.n_ops == n_ops:
            if seen >= first:
                out.append(p)
            seen += 1
    return out


def save(texts: dict[str, dict]) -> None:
    """Write generations.jsonl: every text, in the plan's order."""
    order = [src[0] for line in PLAN for src in line[2]]
    with open(HERE / "generations.jsonl", "w", encoding="utf-8") as f:
        for prefix in order:
            for rid in sorted(k for k in texts if k.rsplit("-", 1)[0] == prefix):
                f.write(json.dumps(texts[rid], ensure_ascii=False) + "\n")


def saved() -> dict[str, dict]:
    """The texts generations.jsonl holds now, by id."""
    path = HERE / "generations.jsonl"
    return {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))} if path.exists() else {}


def run_line(model, tok, line, threads: int) -> dict[str, dict]:
    """Sample one plan line: {id: record}."""
    from training.core.generate import generate

    model_name, adapter, sources, temperature, seed, max_new = line
    tagged = [(src[0], p) for src in sources for p in pick_problems(*src[1:])]
    gens = generate(model, tok, [p.prompt for _, p in tagged], max_new_tokens=max_new, temperature=temperature,
                    top_p=TOP_P, seed=seed, batch_size=len(tagged))
    out = {}
    for (prefix, p), g in zip(tagged, gens):
        out[f"{prefix}-{p.index:03d}"] = dict(
            id=f"{prefix}-{p.index:03d}",
            model="HuggingFaceTB/SmolLM2-135M-Instruct" if model_name == SMOL else "assets/tiny-base",
            adapter=adapter, preset=p.preset, split=p.split, index=p.index, n_ops=p.n_ops, expr=p.expr,
            gold=p.answer, prompt=p.prompt, temperature=temperature, top_p=TOP_P, seed=seed, max_new_tokens=max_new,
            threads=threads, text=g.text, finish=g.finish, n_tokens=g.n_tokens)
    return out


def main(argv: list[str]) -> int:
    import torch

    from training.core.models import load_model

    for line in PLAN:
        model_name, adapter, sources = line[:3]
        if argv and not any(src[0].startswith(a) for src in sources for a in argv):
            continue
        threads = THREADS[model_name]
        torch.set_num_threads(threads)
        model, tok = load_model(model_name, adapter=str(ROOT / adapter) if adapter else None, merge=True)
        texts = run_line(model, tok, line, threads)
        save({**saved(), **texts})
        print(f"{', '.join(src[0] for src in sources)}: {len(texts)} texts", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
