"""Generate the SmolLM2-135M-Instruct texts of this set (greedy and sampled, seeded) into generations.jsonl.

    VALLEY_MODELS=/path/to/models python tests/data/small_texts/generate.py

The model is HuggingFaceTB/SmolLM2-135M-Instruct, loaded through training.core.models.load_model
(converted locally; nothing is downloaded here). Prompts are the world's test problems, which have a
known gold answer. Greedy decoding is deterministic; the sampled texts use temperature 0.7 with a fixed
seed, so the same torch build reproduces them. build.py takes the labelled texts from this file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

# (preset, split, how many problems, temperature, seed, batch)
PLAN = [
    ("single", "test", 40, 0.0, 0),
    ("tiny", "test", 40, 0.0, 0),
    ("classroom", "test", 20, 0.0, 0),
    ("tiny", "test", 20, 0.7, 1),
]
MAX_NEW_TOKENS = 200


def main() -> int:
    import torch

    from training.core.generate import generate
    from training.core.models import load_model
    from training.task.world import problems

    torch.set_num_threads(2)
    model, tok = load_model("SmolLM2-135M-Instruct")
    out = []
    for preset, split, n, temperature, seed in PLAN:
        ps = problems(preset, split, n)
        gens = generate(model, tok, [p.prompt for p in ps], max_new_tokens=MAX_NEW_TOKENS,
                        temperature=temperature, top_p=1.0, seed=seed, batch_size=32)
        tag = "greedy" if temperature == 0 else f"t{temperature}"
        for p, g in zip(ps, gens):
            out.append(dict(id=f"smol-{preset}-{tag}-{p.index:03d}", model="HuggingFaceTB/SmolLM2-135M-Instruct",
                            preset=preset, split=split, index=p.index, expr=p.expr, gold=p.answer,
                            prompt=p.prompt, temperature=temperature, seed=seed,
                            max_new_tokens=MAX_NEW_TOKENS, text=g.text, finish=g.finish, n_tokens=g.n_tokens))
        print(f"{preset} {tag}: {len(gens)} texts", flush=True)
    with open(HERE / "generations.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
