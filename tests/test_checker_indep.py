"""The independent labelled set (tests/data/indep_texts/): it loads, every label sits on the text it names,
every value agrees with exact evaluation, texts.jsonl is what its build makes from the labels, and the
dev / held-out split is disjoint, covers every text and halves every source. The report prints its
table by source.

How the set was sampled and labelled: tests/data/indep_texts/README.md. Its figures:
python -m training.checker_report --set indep.
"""

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

from training.checker_report import main as report_main
from training.task.checker_score import INDEP, by_group, in_split, load

INDEP_DIR = Path(__file__).parent / "data" / "indep_texts"
SIGN = re.compile(r"(?<![<>!=])=(?![=>])|≈|\\approx")


def _module(folder: Path, name: str):
    spec = importlib.util.spec_from_file_location(f"{folder.name}_{name}", folder / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_indep_set_loads_with_its_sources_and_sizes():
    recs = load(INDEP)
    assert len(recs) == 420  # README: the plan's 420 texts (200 in rounds 1-2, 130 in round 3, 90 in round 4)
    assert len({r["id"] for r in recs}) == len(recs)
    groups = Counter(r["group"] for r in recs)
    assert {"tiny model (base)", "tiny model + adapters", "SmolLM2 + long-CoT adapters"} <= set(groups)
    assert {f"SmolLM2 base, {k} op{'s' if k > 1 else ''}" for k in (1, 2, 3)} <= set(groups)
    assert groups["SmolLM2 base, 1 op, boxed prompt"] == 40 and groups["tiny model + climb adapter"] == 10
    assert groups["SmolLM2 base, addmul"] == 40 and groups["SmolLM2 base, addmul, boxed prompt"] == 20
    assert groups["Gemma-3-270M base, 1 op"] == groups["Gemma-3-270M base, 2 ops"] == 10
    assert groups["tiny model + ways-out adapters"] == 10
    claims = [c for r in recs for c in r["claims"] if c["checkable"]]
    assert sum("words" in c["notation"] for c in claims) >= 100
    assert any(not c["correct"] for c in claims) and any(c["correct"] for c in claims)
    assert any(not c["checkable"] for r in recs for c in r["claims"])
    assert _module(INDEP_DIR.parent / "small_texts", "exact").check_file(str(INDEP)) == []


def test_every_label_sits_on_its_span_and_every_sign_is_labelled_once():
    for r in load(INDEP):
        text, last = r["text"], -1
        for c in r["claims"]:
            assert text[c["start"]:c["end"]] == c["span"], (r["id"], c["span"])
            assert c["start"] <= c["sign_at"] < c["sign_end"] <= c["end"]
            assert text[c["sign_at"]:c["sign_end"]] == c["sign"]
            assert c["sign_at"] > last  # in the order of the text
            last = c["sign_at"]
        symbols = [c["sign_at"] for c in r["claims"] if c["sign"] in ("=", "≈", "\\approx")]
        assert symbols == [m.start() for m in SIGN.finditer(text)], r["id"]
        wrong = [i for i, c in enumerate(r["claims"]) if c["checkable"] and not c["correct"]]
        assert r["first_error"] == (wrong[0] if wrong else None)


def test_no_text_is_held_by_another_set():
    others = set()
    for name in ("small_texts/texts.jsonl", "small_texts/generations.jsonl", "real_texts/texts.jsonl"):
        others |= {json.loads(line)["text"] for line in open(INDEP_DIR.parent / name, encoding="utf-8")}
    texts = [r["text"] for r in load(INDEP)]
    assert not others & set(texts) and len(set(texts)) == len(texts)


def test_texts_rebuild_from_labels_generations_and_split():
    build = _module(INDEP_DIR, "build")
    labels = _module(INDEP_DIR, "labels").LABELS
    metas, _ = build.sources()
    stored = {r["id"]: r for r in load(INDEP)}
    assert set(stored) == set(metas) <= set(labels)
    for rid, meta in metas.items():
        assert stored[rid]["text"] == meta["text"] and stored[rid]["group"] == meta["group"]


def test_split_is_disjoint_covers_every_text_and_halves_every_source():
    split = json.loads((INDEP_DIR / "split.json").read_text(encoding="utf-8"))
    dev, held = set(split["dev"]), set(split["heldout"])
    recs = load(INDEP)
    assert not dev & held and dev | held == {r["id"] for r in recs}
    assert split["draws"] and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["date"]) for d in split["draws"])
    assert set().union(*(d["dev"] for d in split["draws"])) == dev  # every text drawn once
    assert set().union(*(d["heldout"] for d in split["draws"])) == held
    for r in recs:
        assert r["split"] == ("dev" if r["id"] in dev else "heldout")  # the half as drawn, kept for good
    for stratum in {r["stratum"] for r in recs}:
        n = Counter(r["split"] for r in recs if r["stratum"] == stratum)
        assert abs(n["dev"] - n["heldout"]) <= len(split["draws"]), stratum  # at most one extra per draw


def _draw_halves(split: dict, spent: bool) -> tuple[set, set]:
    """(dev ids, held-out ids) of the draws that are spent (or not)."""
    seeds = {seed for record in split["spent"] for seed in record["seeds"]}
    draws = [d for d in split["draws"] if (d["seed"] in seeds) == spent]
    return set().union(*(d["dev"] for d in draws)), set().union(*(d["heldout"] for d in draws))


def test_spent_draws_are_read_as_dev_and_only_fresh_held_out_texts_are_scored_as_heldout():
    """Draws 1-3 (seeds 32-34) were scored once and are spent: their held-out texts may now be read, so
    `--split dev` holds them and `--split heldout` holds only the held-out texts of draws not spent (none until a
    new draw is labelled: the report then says a new draw is needed instead of scoring nothing)."""
    from training.checker_report import main

    split = json.loads((INDEP_DIR / "split.json").read_text(encoding="utf-8"))
    assert {32, 33, 34} <= {seed for record in split["spent"] for seed in record["seeds"]}
    spent_dev, spent_held = _draw_halves(split, spent=True)
    fresh_dev, fresh_held = _draw_halves(split, spent=False)
    assert spent_held
    if not fresh_held:
        assert main(["--set", "indep", "--split", "heldout"]) == 2
    dev, heldout = {r["id"] for r in load(INDEP, "dev")}, {r["id"] for r in load(INDEP, "heldout")}
    assert heldout == fresh_held
    assert dev == spent_dev | spent_held | fresh_dev
    assert not spent_held & heldout and not fresh_held & dev
    assert dev | heldout == {r["id"] for r in load(INDEP)}
    for r in load(INDEP):
        assert r["spent"] == (r["id"] in spent_dev | spent_held), r["id"]


def test_in_split_reads_a_spent_draws_held_out_text_as_dev():
    spent_held = {"split": "heldout", "spent": True}
    fresh_held = {"split": "heldout", "spent": False}
    assert in_split(spent_held, "dev") and not in_split(spent_held, "heldout")
    assert in_split(fresh_held, "heldout") and not in_split(fresh_held, "dev")
    assert in_split({"split": "dev", "spent": True}, "dev") and in_split(spent_held, "all")
    assert in_split({"split": "heldout2"}, "heldout")  # the real set's held-out halves, by prefix


def test_split_draw_is_seeded_and_stratified():
    draw = _module(INDEP_DIR, "split").draw
    strata = {"a": [f"a-{i}" for i in range(5)], "b": [f"b-{i}" for i in range(5)], "c": ["c-0", "c-1"]}
    one, two = draw(strata, 1), draw(strata, 1)
    assert one == two and draw(strata, 2) != one
    assert sorted(one["dev"] + one["heldout"]) == sorted(sum(strata.values(), []))
    assert len(one["dev"]) == len(one["heldout"]) == 6  # the odd strata's extra text goes to each half in turn


def test_report_prints_a_row_per_source(capsys):
    """On the dev half: the held-out half is scored once, when the rules are done (README)."""
    recs = load(INDEP, "dev")
    groups = by_group(recs)
    assert sum(g["texts"] for g in groups.values()) == len(recs)
    assert report_main(["--set", "indep", "--split", "dev"]) == 0
    out = capsys.readouterr().out
    table = out.split("by source:")[1].splitlines()
    assert table[1].split()[0] == "source"
    for name, res in groups.items():
        row = next(line for line in table if line.startswith(name))
        assert f"{res['claims']} ({res['wrong_claims']})" in row
    assert next(line for line in table if line.startswith("all")).split()[1] == str(len(recs))
