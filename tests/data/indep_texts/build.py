"""Merge this set's model texts (generations.jsonl) with their hand labels (labels.py) and the split
(split.json) into texts.jsonl, computing every value exactly.

    python build.py

Labels are written as in ../small_texts (that set's build.py turns them into records, and is reused
here): a claim's span marks its sign with « », its two sides are Python syntax evaluated exactly, and
every "=", "≈" and "\\approx" of a text must carry exactly one label. Texts that also appear in
../small_texts or ../real_texts, or twice here, are left out (build says how many).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
BOXED = "Put your final answer within \\boxed{}."  # the format line of the world's "boxed" prompt


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def group_of(g: dict) -> str:
    """The source a text is counted under in the per-source table."""
    if g["model"] == "assets/tiny-base":
        for folder, name in (("/climb/", "climb adapter"), ("/ways-out-4k/", "ways-out adapters")):
            if g["adapter"] and folder in g["adapter"]:
                return f"tiny model + {name}"
        return "tiny model + adapters" if g["adapter"] else "tiny model (base)"
    if g["adapter"]:
        return "SmolLM2 + long-CoT adapters"
    world = "addmul" if g["preset"] == "addmul" else f"{g['n_ops']} op{'s' if g['n_ops'] > 1 else ''}"
    model = "Gemma-3-270M" if g["model"].startswith("google/gemma-3-270m") else "SmolLM2"
    return f"{model} base, {world}" + (", boxed prompt" if g["prompt"].endswith(BOXED) else "")


def stratum_of(rid: str) -> str:
    """The sampling plan's line a text came from (its id without the problem number): the split's strata."""
    return rid.rsplit("-", 1)[0]


def known_texts() -> set[str]:
    """Texts the other labelled sets already hold."""
    out = set()
    for name in ("small_texts/texts.jsonl", "small_texts/generations.jsonl", "real_texts/texts.jsonl"):
        out |= {json.loads(line)["text"] for line in open(DATA / name, encoding="utf-8") if line.strip()}
    return out


def sources() -> tuple[dict[str, dict], list[str]]:
    """(id -> {text, model, task, source, locator, gold, group}, ids left out as already held elsewhere)."""
    seen, out, dropped = known_texts(), {}, []
    for line in open(HERE / "generations.jsonl", encoding="utf-8"):
        g = json.loads(line)
        if g["text"] in seen:
            dropped.append(g["id"])
            continue
        seen.add(g["text"])
        model = g["model"] + (f" + {g['adapter'].rsplit('/', 1)[-1]} adapter ({g['adapter']})" if g["adapter"] else "")
        out[g["id"]] = dict(
            text=g["text"], model=model, task=f"world {g['preset']} {g['split']}: {g['expr']}",
            source="tests/data/indep_texts/generations.jsonl (generate.py)",
            locator=f"{g['preset']} {g['split']} problem {g['index']}, temperature {g['temperature']} "
                    f"top-p {g['top_p']} seed {g['seed']}",
            gold=g["gold"], group=group_of(g), stratum=stratum_of(g["id"]))
    return out, dropped


def halves(split: dict) -> dict[str, dict]:
    """id -> {split: its half as drawn ("dev" or "heldout"), draw: the draw's seed, spent: whether the draw's
    held-out half was scored already (split.json's "spent" records), so that it may now be read as dev}."""
    spent = {seed for record in split.get("spent", []) for seed in record["seeds"]}
    return {rid: dict(split=name, draw=d["seed"], spent=d["seed"] in spent)
            for d in split.get("draws", []) for name in ("dev", "heldout") for rid in d[name]}


def counts_table(recs: list[dict]) -> str:
    """Per source (and all): texts, claims, claims in words, wrong claims, texts with an error, unevaluable
    statements; the README's table."""
    rows = ["| source | texts | claims | in words | wrong | texts with an error | not checkable |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    groups: dict[str, list[dict]] = {}
    for r in recs:
        groups.setdefault(r["group"], []).append(r)
    for name, rs in [*groups.items(), ("all", recs)]:
        chk = [c for r in rs for c in r["claims"] if c["checkable"]]
        rows.append(f"| {name} | {len(rs)} | {len(chk)} | {sum('words' in c['notation'] for c in chk)} | "
                    f"{sum(not c['correct'] for c in chk)} | {sum(r['first_error'] is not None for r in rs)} | "
                    f"{sum(not c['checkable'] for r in rs for c in r['claims'])} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    build_record = _load(DATA / "small_texts" / "build.py", "small_build").build_record
    labels = _load(HERE / "labels.py", "indep_labels").LABELS
    split = json.load(open(HERE / "split.json", encoding="utf-8")) if (HERE / "split.json").exists() else None
    half = halves(split or {})
    metas, dropped = sources()
    missing = sorted(set(metas) - set(labels))
    if missing:
        raise SystemExit(f"{len(missing)} texts carry no label: {missing[:5]} ...")
    recs = []
    for rid, meta in metas.items():
        drawn = half.get(rid, dict(split="unsplit"))
        rec = build_record(rid, meta, dict(labels[rid], split=drawn["split"]))
        rec.update(group=meta["group"], stratum=meta["stratum"], **{k: v for k, v in drawn.items() if k != "split"})
        recs.append(rec)
    with open(HERE / "texts.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    chk = [c for r in recs for c in r["claims"] if c["checkable"]]
    print(f"{len(recs)} texts ({len(dropped)} left out as held elsewhere or repeated), "
          f"{sum(len(r['claims']) for r in recs)} labels, {len(chk)} checkable claims "
          f"({sum('words' in c['notation'] for c in chk)} in words, {sum(not c['correct'] for c in chk)} wrong)")
    print(counts_table(recs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
