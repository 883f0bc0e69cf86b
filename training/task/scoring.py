"""Score completions of world problems: one record per sample, and accuracy with its standard error.

This is the part of evaluation that both pretraining (its metrics.json) and `training.evaluate`
share: generate, check each completion with the step checker, categorise it.
"""

from __future__ import annotations

import math
from collections import Counter

from training.task.checker import check, reflection_count

CATEGORIES = ("correct", "wrong", "no answer", "truncated", "loop")


def repetition_score(text: str, n: int = 20) -> float:
    """Share of repeated character n-grams in the last 600 characters (1.0 = one phrase forever)."""
    tail = text[-600:]
    grams = [tail[i:i + n] for i in range(0, max(0, len(tail) - n), 5)]
    if len(grams) < 10:
        return 0.0
    return 1.0 - len(set(grams)) / len(grams)


def categorize(finish: str, rec, text: str) -> str:
    """correct / wrong / no answer / truncated / loop (truncated and loop win over wrong)."""
    if rec.answer_correct and finish == "stop":
        return "correct"
    if finish == "length":
        return "loop" if repetition_score(text) > 0.5 else "truncated"
    if rec.answer is None:
        return "no answer"
    return "correct" if rec.answer_correct else "wrong"


def score_generation(problem, gen, tokenizer=None) -> dict:
    """The per-sample record: completion, length, finish, checker record, keywords, category."""
    rec = check(gen.text, problem=problem, tokenizer=tokenizer)
    category = categorize(gen.finish, rec, gen.text)
    return {
        "expr": problem.expr,
        "gold": problem.answer,
        "n_ops": problem.n_ops,
        "sample": gen.sample,
        "completion": gen.text,
        "n_tokens": gen.n_tokens,
        "finish": gen.finish,
        "category": category,
        "correct": category == "correct",
        "reflections": reflection_count(gen.text),
        "has_think": "</think>" in gen.text,
        "check": rec.to_dict(),
    }


def accuracy(records: list[dict]) -> tuple[float, float]:
    """Mean accuracy over all samples (avg@k when k samples per problem) and its standard error.

    The SE treats problems as the unit: per-problem mean accuracy, then the SE of that mean.
    """
    if not records:
        return 0.0, 0.0
    by_problem: dict[str, list[float]] = {}
    for r in records:
        by_problem.setdefault(r["expr"] + f"#{r.get('problem_index', '')}", []).append(float(r["correct"]))
    means = [sum(v) / len(v) for v in by_problem.values()]
    m = sum(means) / len(means)
    if len(means) < 2:
        return m, 0.0
    var = sum((x - m) ** 2 for x in means) / (len(means) - 1)
    return m, math.sqrt(var / len(means))


def category_counts(records: list[dict]) -> dict:
    c = Counter(r["category"] for r in records)
    return {k: c.get(k, 0) for k in CATEGORIES}
