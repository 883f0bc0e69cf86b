"""Draw this set's dev / held-out split: half of each source's texts, at random (seeded), once per text.

    python split.py            # draws the texts that have no half yet and records the draw in split.json

Strata are the sources (generate.py's id prefixes: one model, adapter, temperature and problem kind
each), so every source is split in half; where a stratum has an odd number of new texts, the extra one
goes to dev and held-out in turn. A text's half, once drawn, never changes: texts sampled later (the
plan resumes) get their halves in a later draw, recorded with its own date. split.json keeps the seed,
every draw (date, ids of each half) and the union of the halves.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 32  # the number
sys.path.insert(0, str(HERE))
from build import sources  # noqa: E402


def draw(ids_by_stratum: dict[str, list[str]], seed: int) -> dict[str, list[str]]:
    """{"dev": ids, "heldout": ids}: each stratum shuffled by random.Random(seed), half to each side."""
    rng = random.Random(seed)
    halves: dict[str, list[str]] = {"dev": [], "heldout": []}
    odd = 0
    for stratum in sorted(ids_by_stratum):
        ids = sorted(ids_by_stratum[stratum])
        rng.shuffle(ids)
        k = len(ids) // 2 + (len(ids) % 2 and odd % 2 == 0)
        odd += len(ids) % 2
        halves["dev"] += ids[:k]
        halves["heldout"] += ids[k:]
    return {name: sorted(v) for name, v in halves.items()}


def main(argv: list[str]) -> int:
    out = HERE / "split.json"
    record = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"seed": SEED, "draws": []}
    done = set(record.get("dev", [])) | set(record.get("heldout", []))
    metas, _ = sources()
    strata: dict[str, list[str]] = {}
    for rid, meta in metas.items():
        if rid not in done:
            strata.setdefault(meta["stratum"], []).append(rid)
    if not strata:
        print("every text has its half already")
        return 0
    seed = record["seed"] + len(record["draws"])  # a later draw gets a seed of its own
    halves = draw(strata, seed)
    record["draws"].append({"date": datetime.date.today().isoformat(), "seed": seed, **halves})
    for name in ("dev", "heldout"):
        record[name] = sorted(set(record.get(name, [])) | set(halves[name]))
    record["method"] = ("python split.py: random.Random(seed) shuffles each source's new texts, half to dev "
                        "and half to heldout; a text's half never changes")
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"drawn {len(halves['dev'])} dev, {len(halves['heldout'])} heldout; "
          f"in all {len(record['dev'])} dev, {len(record['heldout'])} heldout")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
