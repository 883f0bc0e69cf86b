"""Sample this set's model texts (seeded) into generations.jsonl: SmolLM2-135M-Instruct and its shipped
adapters on world problems with 1, 2 and 3 operations, and the tiny model and its shipped adapters on
classroom problems.

    VALLEY_MODELS=/path/to/models python tests/data/indep_texts/generate.py [id prefix ...]

With id prefixes (e.g. `tiny`), only the plan's lines whose prefix starts with one of them are sampled;
each line's texts replace that line's texts in generations.jsonl as soon as they are done, the others
are kept.

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

# (id prefix, model, adapter or None, problem source, temperature, seed, max new tokens)
# problem source: (preset, split, first index, count, number of operations or None for any)
PLAN = [
    ("smol-1op-t0.7", SMOL, None, ("single", "test", 40, 20, None), 0.7, 101, 256),
    ("smol-1op-t1.0", SMOL, None, ("single", "test", 60, 20, None), 1.0, 102, 256),
    ("smol-2op-t0.7", SMOL, None, ("tiny", INDEP_SPLIT, 0, 20, 2), 0.7, 103, 256),
    ("smol-2op-t1.0", SMOL, None, ("tiny", INDEP_SPLIT, 20, 20, 2), 1.0, 104, 256),
    ("smol-3op-t0.7", SMOL, None, ("tiny", INDEP_SPLIT, 0, 20, 3), 0.7, 105, 256),
    ("smol-3op-t1.0", SMOL, None, ("tiny", INDEP_SPLIT, 20, 20, 3), 1.0, 106, 256),
    ("smol-n64-t0.7", SMOL, f"{SMOL_ADAPTERS}/long-n64", ("single", "test", 100, 20, None), 0.7, 201, 256),
    ("smol-n250-t0.7", SMOL, f"{SMOL_ADAPTERS}/long-n250", ("single", "test", 120, 20, None), 0.7, 202, 256),
    ("tiny-base-t0.7", "tiny", None, ("classroom", "test", 100, 5, None), 0.7, 301, 512),
    ("tiny-base-t1.0", "tiny", None, ("classroom", "test", 105, 5, None), 1.0, 302, 512),
    ("tiny-n250-t0.7", "tiny", f"{TINY_ADAPTERS}/long-n250", ("classroom", "test", 110, 5, None), 0.7, 303, 512),
    ("tiny-n250-t1.0", "tiny", f"{TINY_ADAPTERS}/long-n250", ("classroom", "test", 115, 5, None), 1.0, 304, 512),
    ("tiny-n4000-t0.7", "tiny", f"{TINY_ADAPTERS}/long-n4000", ("classroom", "test", 120, 5, None), 0.7, 305, 512),
    ("tiny-n4000-t1.0", "tiny", f"{TINY_ADAPTERS}/long-n4000", ("classroom", "test", 125, 5, None), 1.0, 306, 512),
    ("tiny-n16000-t0.7", "tiny", f"{TINY_ADAPTERS}/long-n16000", ("classroom", "test", 130, 5, None), 0.7, 307, 512),
    ("tiny-n16000-t1.0", "tiny", f"{TINY_ADAPTERS}/long-n16000", ("classroom", "test", 135, 5, None), 1.0, 308, 512),
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


def save(texts: dict[str, list[dict]]) -> None:
    """Write generations.jsonl: the texts of every plan line, in the plan's order."""
    with open(HERE / "generations.jsonl", "w", encoding="utf-8") as f:
        for prefix, *_ in PLAN:
            for r in texts.get(prefix, []):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


def saved() -> dict[str, list[dict]]:
    """The texts generations.jsonl holds now, by plan line."""
    out: dict[str, list[dict]] = {}
    path = HERE / "generations.jsonl"
    for line in open(path, encoding="utf-8") if path.exists() else []:
        r = json.loads(line)
        out.setdefault(r["id"].rsplit("-", 1)[0], []).append(r)
    return out


def main(argv: list[str]) -> int:
    import torch

    from training.core.generate import generate
    from training.core.models import load_model

    torch.set_num_threads(2)
    loaded = {}
    for prefix, model_name, adapter, source, temperature, seed, max_new in PLAN:
        if argv and not any(prefix.startswith(a) for a in argv):
            continue
        key = (model_name, adapter)
        if key not in loaded:
            loaded.clear()  # one model in memory at a time
            loaded[key] = load_model(model_name, adapter=str(ROOT / adapter) if adapter else None, merge=True)
        model, tok = loaded[key]
        ps = pick_problems(*source)
        gens = generate(model, tok, [p.prompt for p in ps], max_new_tokens=max_new, temperature=temperature,
                        top_p=TOP_P, seed=seed, batch_size=20)
        out = []
        for p, g in zip(ps, gens):
            out.append(dict(id=f"{prefix}-{p.index:03d}",
                            model="HuggingFaceTB/SmolLM2-135M-Instruct" if model_name == SMOL else "assets/tiny-base",
                            adapter=adapter, preset=p.preset, split=p.split, index=p.index, n_ops=p.n_ops,
                            expr=p.expr, gold=p.answer, prompt=p.prompt, temperature=temperature, top_p=TOP_P,
                            seed=seed, max_new_tokens=max_new, text=g.text, finish=g.finish, n_tokens=g.n_tokens))
        save({**saved(), prefix: out})
        print(f"{prefix}: {len(gens)} texts", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
