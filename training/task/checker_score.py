"""The step checker scored against hand-labelled text: recall by notation, false alarms, catch rate, first
errors, answers (what `python -m training.checker_report` prints, and the facts the lessons quote).

The labelled texts live with the tests (tests/data/real_texts/texts.jsonl; its README says how they were
labelled). A claim the checker reads is matched to a label by its sign.
"""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

from training.task.answers import answers_equal
from training.task.checker import check

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "real_texts" / "texts.jsonl"
TARGETS = {"recall plain": 0.95, "recall latex": 0.95, "recall units": 0.80, "recall words": 0.80,
           "false alarms per 100 claims": 1.0, "first-error accuracy": 0.90}


def load(path: Path = DATA, split: str = "all") -> list[dict]:
    recs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return [r for r in recs if split == "all" or r.get("split", "dev").startswith(split)]


def _frac(s: str) -> Fraction:
    return Fraction(s)


def evaluate(records: list[dict]) -> dict:
    """Compare the checker with the labels; returns every figure the report prints."""
    tagged, read = Counter(), Counter()
    n_claims = n_wrong = caught = agree = n_read = 0
    false_alarms: list[dict] = []
    spurious: list[dict] = []     # non-arithmetic signs the checker read (right or wrong)
    misses: list[dict] = []       # labelled arithmetic it did not read
    uncaught: list[dict] = []     # labelled wrong claims it did not mark wrong
    first_ok = 0
    first_bad: list[dict] = []
    answers_ok = answers_n = 0
    answers_bad: list[dict] = []
    cov_checker, cov_labels = [], []
    notation_counts = Counter()
    signs = 0
    for r in records:
        text = r["text"]
        rec = check(text)
        by_sign = {c.sign_at: i for i, c in enumerate(rec.claims)}
        labelled_signs = set()
        signs += len(r["claims"])
        for lab in r["claims"]:
            labelled_signs.add(lab["sign_at"])
            i = by_sign.get(lab["sign_at"])
            c = rec.claims[i] if i is not None else None
            if not lab["checkable"]:
                if c is not None:
                    spurious.append({"id": r["id"], "span": lab["span"], "read": text[c.start:c.end],
                                     "marked_wrong": not c.correct})
                    if not c.correct:
                        false_alarms.append({"id": r["id"], "span": lab["span"], "why": "not arithmetic",
                                             "read": text[c.start:c.end]})
                continue
            n_claims += 1
            for tag in lab["notation"]:
                tagged[tag] += 1
                notation_counts[tag] += 1
            if not lab["correct"]:
                n_wrong += 1
            if c is None:
                misses.append({"id": r["id"], "span": lab["span"], "notation": lab["notation"]})
                if not lab["correct"]:
                    uncaught.append({"id": r["id"], "span": lab["span"], "why": "not read"})
                continue
            n_read += 1
            for tag in lab["notation"]:
                read[tag] += 1
            agree += (c.true_value == _frac(lab["true"]) and c.claimed == _frac(lab["claimed"]))
            if not lab["correct"]:
                if not c.correct:
                    caught += 1
                else:
                    uncaught.append({"id": r["id"], "span": lab["span"], "why": "marked right"})
            elif not c.correct:
                false_alarms.append({"id": r["id"], "span": lab["span"], "why": "right claim marked wrong",
                                     "read": text[c.start:c.end]})
        for c in rec.claims:  # claims at word signs ("is", "equals"): not labelled
            if c.sign_at not in labelled_signs and not c.correct:
                false_alarms.append({"id": r["id"], "span": text[c.start:c.end], "why": "unlabelled sign"})
        # first error: the checker's first wrong claim sits at the labelled first error's sign
        fe = r["first_error"]
        want = r["claims"][fe]["sign_at"] if fe is not None else None
        got = rec.claims[rec.first_error].sign_at if rec.first_error is not None else None
        if want == got:
            first_ok += 1
        else:
            first_bad.append({"id": r["id"], "labelled": r["claims"][fe]["span"] if fe is not None else None,
                              "checker": text[rec.claims[rec.first_error].start:rec.claims[rec.first_error].end]
                              if rec.first_error is not None else None})
        if r.get("answer") is not None:
            answers_n += 1
            if answers_equal(rec.answer_text, rec.answer, r["answer"]):
                answers_ok += 1
            else:
                answers_bad.append({"id": r["id"], "labelled": r["answer"], "checker": rec.answer_text})
        if rec.coverage is not None:
            cov_checker.append(rec.coverage)
            cov_labels.append(sum(x["checkable"] for x in r["claims"]) / len(r["claims"]))
    recall = {tag: read[tag] / tagged[tag] for tag in sorted(tagged)}
    return {
        "texts": len(records), "signs": signs, "claims": n_claims, "wrong_claims": n_wrong,
        "notation_counts": dict(sorted(notation_counts.items())),
        "recall": recall, "recall_all": n_read / n_claims if n_claims else None,
        "reading_agreement": agree / n_read if n_read else None,
        "false_alarms": len(false_alarms),
        "false_alarms_per_100": 100 * len(false_alarms) / n_claims if n_claims else None,
        "spurious_reads": len(spurious),
        "catch_rate": caught / n_wrong if n_wrong else None, "caught": caught,
        "first_error_accuracy": first_ok / len(records) if records else None,
        "answer_accuracy": answers_ok / answers_n if answers_n else None, "answers": answers_n,
        "coverage_checker": sum(cov_checker) / len(cov_checker) if cov_checker else None,
        "coverage_labels": sum(cov_labels) / len(cov_labels) if cov_labels else None,
        "details": {"false_alarms": false_alarms, "spurious_reads": spurious, "misses": misses,
                    "uncaught": uncaught, "first_error_wrong": first_bad, "answers_wrong": answers_bad},
    }


def targets(res: dict) -> dict[str, tuple[float, bool]]:
    """{target: (value, met)} for the issue's targets."""
    out = {}
    for name, bound in TARGETS.items():
        if name.startswith("recall "):
            v = res["recall"].get(name.split()[1])
            out[name] = (v, v is not None and v >= bound)
        elif name.startswith("false alarms"):
            v = res["false_alarms_per_100"]
            out[name] = (v, v is not None and v <= bound)
        else:
            v = res["first_error_accuracy"]
            out[name] = (v, v is not None and v >= bound)
    return out


