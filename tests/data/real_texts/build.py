"""Merge the texts with the hand labels (labels.py) into texts.jsonl, computing every claim's values exactly.

    python build.py --pool pool.json     # first build: texts come from the fetched sources
    python build.py                      # rebuild from the texts already in texts.jsonl

Every "=", "≈" and "\\approx" in a text must carry exactly one label, and each label's span must be
found in the text around its sign.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from exact import judge, num_str  # noqa: E402

SIGN = re.compile(r"(?<![<>!=])=(?![=>])|≈|\\approx")


def load_labels() -> dict:
    spec = importlib.util.spec_from_file_location("labels", HERE / "labels.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.LABELS


def build_record(meta: dict, lab: dict) -> dict:
    text = meta["text"]
    signs = list(SIGN.finditer(text))
    seen = [c[0] for c in lab["claims"]]
    if sorted(seen) != list(range(len(signs))):
        raise SystemExit(f"{meta['id']}: labels cover signs {sorted(seen)}, text has {len(signs)}")
    claims = []
    for k, span, lhs, rhs, tags in sorted(lab["claims"], key=lambda c: c[0]):
        sign = signs[k]
        # the span occurrence that contains this sign
        start = None
        for m in re.finditer(re.escape(span), text):
            if m.start() <= sign.start() < m.end():
                start = m.start()
                break
        if start is None:
            raise SystemExit(f"{meta['id']} sign {k}: span {span!r} not found around {text[sign.start()-40:sign.end()+40]!r}")
        c = dict(span=span, start=start, end=start + len(span), sign_at=sign.start(), sign=sign.group(),
                 checkable=lhs is not None)
        if lhs is None:
            c.update(notation=[tags])
        else:
            true, claimed, ok = judge(lhs, rhs, "=" if sign.group() == "=" else "≈")
            c.update(notation=tags.split(), lhs=lhs, rhs=rhs, claimed=num_str(claimed), true=num_str(true), correct=ok)
        claims.append(c)
    first = next((i for i, c in enumerate(claims) if c["checkable"] and not c["correct"]), None)
    if "first_error" in lab and lab["first_error"] != first:
        raise SystemExit(f"{meta['id']}: first error by hand {lab['first_error']} != by labels {first}")
    rec = {k: meta[k] for k in ("id", "source", "locator", "model", "task")}
    rec.update(split=lab.get("split", "dev"), text=text, answer=lab["answer"], first_error=first, claims=claims)
    if lab.get("note"):
        rec["note"] = lab["note"]
    return rec


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pool", help="json list of {id, source, locator, model, task, text} (first build)")
    ap.add_argument("--out", default=str(HERE / "texts.jsonl"))
    args = ap.parse_args(argv)
    labels = load_labels()
    if args.pool:
        metas = {p["id"]: p for p in json.load(open(args.pool, encoding="utf-8"))}
    else:
        metas = {r["id"]: r for r in map(json.loads, open(args.out, encoding="utf-8"))}
    recs = [build_record(metas[i], lab) for i, lab in labels.items()]
    with open(args.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n = sum(len(r["claims"]) for r in recs)
    chk = sum(c["checkable"] for r in recs for c in r["claims"])
    wrong = sum(c["checkable"] and not c["correct"] for r in recs for c in r["claims"])
    print(f"{len(recs)} texts, {n} signs, {chk} checkable claims, {wrong} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
