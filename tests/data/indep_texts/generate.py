"""Sample this set's model texts (seeded) into generations.jsonl: SmolLM2-135M-Instruct and its shipped
adapters on world problems with 1, 2 and 3 operations, and the tiny model and its shipped adapters on
classroom problems.

    VALLEY_MODELS=/path/to/models python tests/data/indep_texts/generate.py [id prefix ...]

With id prefixes (e.g. `tiny`), only the plan's lines with a source whose prefix starts with one of them
are sampled; each line's texts replace those texts in generations.jsonl as soon as they are done, the
others are kept.

Every text is sampled (nucleus, top-p 0.95) with a fixed seed per line of the plan through the project's own generation code
(training.core.generate.generate) from the world's own prompts (Problem.prompt), so the same torch build
reproduces it. SmolLM2-135M-Instruct is loaded through training.core.models.load_model (converted
locally; nothing is downloaded). Each record says where it came from: model, adapter, temperature,
top-p, seed, preset, split and index of the problem, its expression and gold answer.

Problems: the `single` preset's test problems 40-79 (one operation; 0-39 are in ../small_texts) and
100-139 (for the adapters, whose evaluation used 0-99); problems of the `tiny` preset (operands 1-9)
drawn on a split of their own, "indep", that no other set or run uses, kept by their number of
operations (2 or 3); the `classroom` test problems 100-139 for the tiny model. Round 3 (ROUND3) adds
`single` 160-199 asked with the "boxed" prompt, `addmul` test problems 300-339 of its distinct list, the
next `indep` problems, and the climb's adapter on `classroom` 140-149. Round 4 (ROUND4) adds the next `indep`
problems, `addmul` 340-359, Gemma-3-270M (base) on `single` 200-209 and `indep` two-operation problems, and the
ways-out adapters of the tiny model on `classroom` 150-159.

Rounds 1-3 were sampled with the nucleus sampler as it was before 2026-12-05 (it sorted the whole vocabulary);
today's sorts only the 64 most likely tokens (a wider nucleus is sorted whole) and draws with one uniform number
per row (the same distribution), so it does not reproduce their texts bit for bit. A line already in generations.jsonl is never sampled again, and
its records are written back unchanged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

SMOL = "SmolLM2-135M-Instruct"
GEMMA = "Gemma-3-270M"
MODEL_IDS = {SMOL: "HuggingFaceTB/SmolLM2-135M-Instruct", GEMMA: "google/gemma-3-270m (Q4_K_M GGUF, dequantized)",
             "tiny": "assets/tiny-base"}
SMOL_ADAPTERS = "assets/valley/smollm2/adapters"
TINY_ADAPTERS = "assets/valley/classroom/adapters"
TOP_P = 0.95
INDEP_SPLIT = "indep"

# Each line of the plan is one call of generate() (one batch), saved as soon as it is done; a line whose
# texts are all in generations.jsonl is skipped, so a stopped run resumes where it stopped:
# (id prefix, model, adapter or None, problems, temperature, seed, max new tokens), where problems is
# (preset, split, first index, count, number of operations or None for any).
# Torch threads: the tiny model's lines ran with 2, SmolLM2's with 1 (two threads crawled on a shared,
# busy 2-core machine); a thread count can change the last bits of a sum and so a sampled token, so each
# line is rerun with its own.
THREADS = {"tiny": 2, SMOL: 1, GEMMA: 1}
CHUNK = 10  # SmolLM2's problems per line: small batches land sooner on a busy machine
SMOL_SOURCES = [  # (id prefix, adapter, problems of 20, temperature, seed)
    ("smol-1op-t0.7", None, ("single", "test", 40, None), 0.7, 101),
    ("smol-2op-t0.7", None, ("tiny", INDEP_SPLIT, 0, 2), 0.7, 103),
    ("smol-3op-t0.7", None, ("tiny", INDEP_SPLIT, 0, 3), 0.7, 105),
    ("smol-1op-t1.0", None, ("single", "test", 60, None), 1.0, 102),
    ("smol-2op-t1.0", None, ("tiny", INDEP_SPLIT, 20, 2), 1.0, 104),
    ("smol-3op-t1.0", None, ("tiny", INDEP_SPLIT, 20, 3), 1.0, 106),
    ("smol-n64-t0.7", f"{SMOL_ADAPTERS}/long-n64", ("single", "test", 100, None), 0.7, 201),
    ("smol-n250-t0.7", f"{SMOL_ADAPTERS}/long-n250", ("single", "test", 120, None), 0.7, 202),
]


def _smol_lines():
    """Every SmolLM2 source in two lines of 10 problems (seed*10 + 1, + 2); first halves of all sources first."""
    for half in range(20 // CHUNK):
        for prefix, adapter, (preset, split, first, n_ops), t, seed in SMOL_SOURCES:
            yield (prefix, SMOL, adapter, (preset, split, first + half * CHUNK, CHUNK, n_ops), t, seed * 10 + half + 1,
                   200)


def _tiny(run: str | None, t: float, seed: int, first: int):
    adapter = f"{TINY_ADAPTERS}/{run}" if run else None
    return (f"tiny-{(run or 'base').replace('long-', '')}-t{t}", "tiny", adapter, ("classroom", "test", first, 5, None),
            t, seed, 512)

CLIMB_ADAPTER = "assets/valley/climb/adapters/long-n32000"
# Round 3 (its own seeds, all new problems; the lines above are unchanged): SmolLM2's base with the format line
# ("boxed", PROMPTS) on `single` test problems 160-199; on `addmul` (the real SLM's world with steps) test problems
# 300-339 of its distinct list (its sweep evaluates the first 300), 20 with the world's prompt and 20 with the
# format line; the next 20 problems of each number of operations on the `indep` split; and the tiny model with the
# climb's N=32,000 adapter on classroom test problems 140-149. Problems: (preset, split, first, count, n_ops, prompt).
ROUND3 = [
    ("smol-1op-boxed-t0.7", SMOL, None, ("single", "test", 160, CHUNK, None, "boxed"), 0.7, 4011, 200),
    ("smol-1op-boxed-t0.7", SMOL, None, ("single", "test", 170, CHUNK, None, "boxed"), 0.7, 4012, 200),
    ("smol-1op-boxed-t1.0", SMOL, None, ("single", "test", 180, CHUNK, None, "boxed"), 1.0, 4021, 200),
    ("smol-1op-boxed-t1.0", SMOL, None, ("single", "test", 190, CHUNK, None, "boxed"), 1.0, 4022, 200),
    ("smol-addmul-t0.7", SMOL, None, ("addmul", "test", 300, CHUNK, None, "world"), 0.7, 4031, 200),
    ("smol-addmul-t0.7", SMOL, None, ("addmul", "test", 310, CHUNK, None, "world"), 0.7, 4032, 200),
    ("smol-addmul-boxed-t1.0", SMOL, None, ("addmul", "test", 320, CHUNK, None, "boxed"), 1.0, 4041, 200),
    ("smol-addmul-boxed-t1.0", SMOL, None, ("addmul", "test", 330, CHUNK, None, "boxed"), 1.0, 4042, 200),
    ("smol-2op-r3-t0.7", SMOL, None, ("tiny", INDEP_SPLIT, 40, CHUNK, 2, "world"), 0.7, 4051, 200),
    ("smol-2op-r3-t1.0", SMOL, None, ("tiny", INDEP_SPLIT, 50, CHUNK, 2, "world"), 1.0, 4061, 200),
    ("smol-3op-r3-t0.7", SMOL, None, ("tiny", INDEP_SPLIT, 40, CHUNK, 3, "world"), 0.7, 4071, 200),
    ("smol-3op-r3-t1.0", SMOL, None, ("tiny", INDEP_SPLIT, 50, CHUNK, 3, "world"), 1.0, 4081, 200),
    ("tiny-climb-n32000-t1.0", "tiny", CLIMB_ADAPTER, ("classroom", "test", 140, CHUNK, None, "world"), 1.0, 409, 512),
]

WAYS_OUT = "assets/valley/ways-out-4k/adapters"
# Round 4 (its own seeds, all new problems; the lines above are unchanged): SmolLM2's base on the next 20 `indep`
# problems of each number of operations (60-79 of each) and on `addmul` test problems 340-359 of its distinct list,
# all with the world's prompt; Gemma-3-270M (base, a real model no earlier round sampled) on `single` test problems
# 200-209 and the `indep` two-operation problems 80-89; and the tiny model with the ways-out adapters (keep the
# error, correct it; N=4,000) on classroom test problems 150-154 and 155-159.
ROUND4 = [
    ("smol-2op-r4-t0.7", SMOL, None, ("tiny", INDEP_SPLIT, 60, CHUNK, 2, "world"), 0.7, 5011, 200),
    ("smol-2op-r4-t1.0", SMOL, None, ("tiny", INDEP_SPLIT, 70, CHUNK, 2, "world"), 1.0, 5021, 200),
    ("smol-3op-r4-t0.7", SMOL, None, ("tiny", INDEP_SPLIT, 60, CHUNK, 3, "world"), 0.7, 5031, 200),
    ("smol-3op-r4-t1.0", SMOL, None, ("tiny", INDEP_SPLIT, 70, CHUNK, 3, "world"), 1.0, 5041, 200),
    ("smol-addmul-r4-t0.7", SMOL, None, ("addmul", "test", 340, CHUNK, None, "world"), 0.7, 5051, 200),
    ("smol-addmul-r4-t1.0", SMOL, None, ("addmul", "test", 350, CHUNK, None, "world"), 1.0, 5061, 200),
    ("gemma-1op-t0.7", GEMMA, None, ("single", "test", 200, CHUNK, None, "world"), 0.7, 5071, 200),
    ("gemma-2op-t0.7", GEMMA, None, ("tiny", INDEP_SPLIT, 80, CHUNK, 2, "world"), 0.7, 5081, 200),
    ("tiny-keep-error-n4000-t1.0", "tiny", f"{WAYS_OUT}/keep-error-n4000", ("classroom", "test", 150, 5, None, "world"),
     1.0, 5091, 512),
    ("tiny-correction-n4000-t1.0", "tiny", f"{WAYS_OUT}/correction-n4000", ("classroom", "test", 155, 5, None, "world"),
     1.0, 5101, 512),
]


PLAN = [
    _tiny(None, 0.7, 301, 100), _tiny(None, 1.0, 302, 105),
    _tiny("long-n250", 0.7, 303, 110), _tiny("long-n250", 1.0, 304, 115),
    _tiny("long-n4000", 0.7, 305, 120), _tiny("long-n4000", 1.0, 306, 125),
    _tiny("long-n16000", 0.7, 307, 130), _tiny("long-n16000", 1.0, 308, 135),
    *_smol_lines(),
    *ROUND3,
    *ROUND4,
]


def pick_problems(preset: str, split: str, first: int, count: int, n_ops: int | None, prompt: str = "world"):
    """`count` problems from index `first` on, asked with `prompt` (PROMPTS); with n_ops, the first..first+count-th
    of those with n_ops operations; in a preset whose problems are distinct, the first..first+count-th of the
    split's distinct list (training.task.world.problems: the list its sweeps evaluate from the start)."""
    from training.task.world import get_preset, make_problem, problems

    if get_preset(preset).distinct:
        return [p.asked(prompt) for p in problems(preset, split, first + count)[first:]]
    if n_ops is None:
        return [make_problem(preset, split, i).asked(prompt) for i in range(first, first + count)]
    out, i, seen = [], 0, 0
    while len(out) < count:
        p = make_problem(preset, split, i)
        i += 1
        if p.n_ops == n_ops:
            if seen >= first:
                out.append(p.asked(prompt))
            seen += 1
    return out


def save(texts: dict[str, dict]) -> None:
    """Write generations.jsonl: every text, by source in the plan's order, then by problem."""
    order = list(dict.fromkeys(line[0] for line in PLAN))
    with open(HERE / "generations.jsonl", "w", encoding="utf-8") as f:
        for prefix in order:
            for rid in sorted(k for k in texts if k.rsplit("-", 1)[0] == prefix):
                f.write(json.dumps(texts[rid], ensure_ascii=False) + "\n")


def saved() -> dict[str, dict]:
    """The texts generations.jsonl holds now, by id."""
    path = HERE / "generations.jsonl"
    return {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))} if path.exists() else {}


def run_line(model, tok, line, problems, threads: int) -> dict[str, dict]:
    """Sample one plan line: {id: record}."""
    from training.core.generate import generate

    prefix, model_name, adapter, _, temperature, seed, max_new = line
    gens = generate(model, tok, [p.prompt for p in problems], max_new_tokens=max_new, temperature=temperature,
                    top_p=TOP_P, seed=seed, batch_size=len(problems))
    return {f"{prefix}-{p.index:03d}": dict(
        id=f"{prefix}-{p.index:03d}",
        model=MODEL_IDS[model_name],
        adapter=adapter, preset=p.preset, split=p.split, index=p.index, n_ops=p.n_ops, expr=p.expr, gold=p.answer,
        prompt=p.prompt, temperature=temperature, top_p=TOP_P, seed=seed, max_new_tokens=max_new, threads=threads,
        text=g.text, finish=g.finish, n_tokens=g.n_tokens) for p, g in zip(problems, gens)}


def main(argv: list[str]) -> int:
    import torch

    from training.core.models import load_model

    loaded: dict = {}
    for line in PLAN:
        prefix, model_name, adapter, problems_spec = line[:4]
        problems = pick_problems(*problems_spec)
        if argv and not any(prefix.startswith(a) for a in argv):
            continue
        if all(f"{prefix}-{p.index:03d}" in saved() for p in problems):
            continue  # sampled already
        threads = THREADS[model_name]
        torch.set_num_threads(threads)
        if (model_name, adapter) not in loaded:
            loaded.clear()  # one model in memory at a time
            loaded[(model_name, adapter)] = load_model(model_name, adapter=str(ROOT / adapter) if adapter else None,
                                                       merge=True)
        texts = run_line(*loaded[(model_name, adapter)], line, problems, threads)
        save({**saved(), **texts})
        print(f"{prefix} (seed {line[5]}): {len(texts)} texts", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
