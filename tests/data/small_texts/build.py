"""Merge this set's texts with their hand labels (labels.py) into texts.jsonl, computing every value exactly.

    python build.py

Texts come from three places (see README.md): generations.jsonl (SmolLM2-135M-Instruct, made by
generate.py), the tiny model's fine-tuned runs shipped in assets/valley/classroom/records/, and
handwritten.py (R1-style verbal arithmetic written by hand).

A label's span marks its sign with « »: "300 times 234, «which is» 70,200". Spans are found in the
text in order (each sign after the previous one). Every "=", "≈" and "\\approx" of a text must carry
exactly one label; claims in words carry one label each too, but no program can list them, so their
completeness rests on the two labelling passes (README).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
RECORDS = ROOT / "assets" / "valley" / "classroom" / "records"
sys.path.insert(0, str(HERE))
from exact import judge, num_str  # noqa: E402

SIGN = re.compile(r"(?<![<>!=])=(?![=>])|≈|\\approx")
MARK = re.compile(r"«([^«»]+)»")
TINY_RUNS = {"base": "base", "n250": "long-n250-s0", "n4000": "long-n4000-s0", "n16000": "long-n16000-s0"}


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sources() -> dict[str, dict]:
    """id -> {text, model, task, source, locator, gold} for every text this set can use."""
    out = {}
    for i, text in _load("handwritten").TEXTS.items():
        out[i] = dict(text=text, model="hand-written (R1 style)", task="verbal arithmetic",
                      source="tests/data/small_texts/handwritten.py", locator=i, gold=None)
    for line in open(HERE / "generations.jsonl", encoding="utf-8"):
        g = json.loads(line)
        out[g["id"]] = dict(text=g["text"], model=g["model"], task=f"world {g['preset']} {g['split']}: {g['expr']}",
                            source="tests/data/small_texts/generations.jsonl (generate.py)",
                            locator=f"{g['preset']} {g['split']} problem {g['index']}, "
                                    f"{'greedy' if g['temperature'] == 0 else 'temperature %s seed %s' % (g['temperature'], g['seed'])}",
                            gold=g["gold"])
    for short, run in TINY_RUNS.items():
        for k, line in enumerate(open(RECORDS / f"{run}.jsonl", encoding="utf-8")):
            r = json.loads(line)
            out[f"tiny-{short}-{k:03d}"] = dict(
                text=r["completion"], model=f"assets/tiny-base fine-tuned ({run})" if run != "base" else "assets/tiny-base",
                task=f"world classroom test: {r['expr']}", source=f"assets/valley/classroom/records/{run}.jsonl",
                locator=f"line {k + 1}, field completion", gold=r["gold"])
    return out


def build_record(rid: str, meta: dict, lab: dict) -> dict:
    text = meta["text"]
    claims = []
    last_sign = -1
    for entry in lab["claims"]:
        marked, lhs, rhs, tags = entry
        m = MARK.search(marked)
        if m is None:
            raise SystemExit(f"{rid}: no «sign» in {marked!r}")
        span = MARK.sub(lambda x: x.group(1), marked)
        offset = m.start()  # where the sign starts inside the plain span
        start = None
        for occ in re.finditer(re.escape(span), text):
            if occ.start() + offset > last_sign:
                start = occ.start()
                break
        if start is None:
            raise SystemExit(f"{rid}: span {span!r} not found after character {last_sign}")
        sign_at = start + offset
        sign = m.group(1)
        last_sign = sign_at
        c = dict(span=span, start=start, end=start + len(span), sign_at=sign_at, sign_end=sign_at + len(sign),
                 sign=sign, checkable=lhs is not None)
        if lhs is None:
            c.update(notation=[tags])
        else:
            tag_list = tags.split()
            true, claimed, ok = judge(lhs, rhs, "≈" if "approx" in tag_list else "=")
            c.update(notation=tag_list, lhs=lhs, rhs=rhs, claimed=num_str(claimed), true=num_str(true), correct=ok)
        claims.append(c)
    signs = [s.start() for s in SIGN.finditer(text)]
    covered = [c["sign_at"] for c in claims if c["sign"] in ("=", "≈", "\\approx")]
    if sorted(covered) != signs:
        missing = [text[max(0, s - 30):s + 10] for s in signs if s not in covered]
        raise SystemExit(f"{rid}: '=' signs not labelled exactly once: {missing}")
    first = next((i for i, c in enumerate(claims) if c["checkable"] and not c["correct"]), None)
    rec = {"id": rid, **{k: meta[k] for k in ("source", "locator", "model", "task")}}
    rec.update(split=lab["split"], text=text, gold=meta["gold"], answer=lab["answer"], first_error=first,
               claims=claims)
    if lab.get("note"):
        rec["note"] = lab["note"]
    return rec


def main(argv=None) -> int:
    labels = _load("labels").LABELS
    metas = sources()
    recs = [build_record(i, metas[i], lab) for i, lab in labels.items()]
    with open(HERE / "texts.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    chk = [c for r in recs for c in r["claims"] if c["checkable"]]
    words = sum("words" in c["notation"] for c in chk)
    wrong = sum(not c["correct"] for c in chk)
    held = [r for r in recs if r["split"] == "heldout"]
    print(f"{len(recs)} texts ({len(held)} held out), {sum(len(r['claims']) for r in recs)} labels, "
          f"{len(chk)} checkable claims ({words} in words, {wrong} wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
