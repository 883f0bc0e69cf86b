"""Draw this set's dev / held-out split once: half of each source's texts, at random (seeded).

    python split.py            # writes split.json; refuses if it exists (the split is drawn once)

Strata are the sampling plan's lines (generate.py: one model, adapter, temperature and problem kind
each), so every source is split in half; where a stratum has an odd number of texts, the extra one
goes to dev and held-out in turn. split.json records the seed, the date and the ids of each half.
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
    if out.exists():
        raise SystemExit("split.json exists: the split is drawn once (README)")
    metas, _ = sources()
    strata: dict[str, list[str]] = {}
    for rid, meta in metas.items():
        strata.setdefault(meta["stratum"], []).append(rid)
    halves = draw(strata, SEED)
    record = {"seed": SEED, "date": datetime.date.today().isoformat(),
              "method": "python split.py: random.Random(seed) shuffles each stratum (generate.py's plan line), "
                        "half to dev and half to heldout",
              **halves}
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"dev {len(halves['dev'])}, heldout {len(halves['heldout'])} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
