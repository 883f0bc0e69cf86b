"""Error-accumulation analysis: from per-sample records to the numbers and curves we teach.

All functions are pure: records in (as written by training.evaluate), numbers out.

The model behind the curves: if each step goes wrong independently with probability e, a trace of
n steps is all right with probability (1-e)^n, and the longest trace that still succeeds with
probability s has ln(s) / ln(1-e) steps (the horizon). A per-step hazard that *rises* with the step
index says only that later steps fail more often among the traces still right so far: it does not say why (later
steps may be harder, or fewer traces may remain), and it cannot show errors feeding on earlier errors, since the
hazard counts only traces with no mistake yet.

Survival is Kaplan-Meier: traces have different numbers of steps, so a trace that ends cleanly
after 4 steps tells us nothing about step 5 (it is censored there, not counted as a success).
"""

from __future__ import annotations

import math
from collections import Counter

from training.task.checker import REFLECTION_KEYWORDS  # noqa: F401  (re-exported for the app)
from training.task.scoring import accuracy, category_counts

OUTCOME_KEYS = ("caught", "changed_wrong", "missed", "verified_wrong", "false_alarm", "false_fix", "checks")


def step_events(records: list[dict]) -> list[tuple[int, bool]]:
    """(duration, event) per trace: the 1-based step of the first process error, or the number of
    committed steps with event=False (censored) for a clean trace or one cut off by the token cap."""
    out = []
    for r in records:
        c = r["check"]
        committed = sum(1 for m in c["steps"] if m["claim"] is not None)
        fe = c["first_step_error"]
        skipped = any(m["kind"] == "skipped" for m in c["steps"])
        if fe is not None:
            out.append((fe + 1, True))
        elif r.get("finish") == "length":
            if committed:  # cut off by the token cap: censored, it might still have finished well
                out.append((committed, False))
        elif skipped:
            # a clean prefix, then the trace ended without doing every step: an error at the next step
            out.append((committed + 1, True))
        elif committed:
            out.append((committed, False))
    return out


def kaplan_meier(events: list[tuple[int, bool]]) -> dict:
    """Survival S(i) and hazard h(i) for i = 1..max, with at-risk counts."""
    if not events:
        return {"step": [], "survival": [], "hazard": [], "at_risk": [], "events": []}
    horizon = max(d for d, _ in events)
    steps, surv, haz, risk, evs = [], [], [], [], []
    s = 1.0
    for i in range(1, horizon + 1):
        n_i = sum(1 for d, _ in events if d >= i)
        d_i = sum(1 for d, e in events if d == i and e)
        if n_i == 0:
            break
        h = d_i / n_i
        s *= 1 - h
        steps.append(i)
        surv.append(s)
        haz.append(h)
        risk.append(n_i)
        evs.append(d_i)
    return {"step": steps, "survival": surv, "hazard": haz, "at_risk": risk, "events": evs}


def constant_hazard_fit(events: list[tuple[int, bool]]) -> float:
    """MLE of a constant per-step error rate e: events / steps at risk (exposure)."""
    exposure = sum(d for d, _ in events)
    n_events = sum(1 for _, e in events if e)
    return n_events / exposure if exposure else 0.0


def horizon(e: float, s: float = 0.5) -> float:
    """The number of steps at which (1-e)^n falls to s."""
    if e <= 0:
        return math.inf
    if e >= 1:
        return 0.0
    return math.log(s) / math.log(1 - e)


def first_error_histogram(records: list[dict]) -> dict:
    """How many traces first went wrong at step 1, 2, ... ('clean' = never)."""
    hist = Counter()
    for d, e in step_events(records):
        hist[d if e else "clean"] += 1
    keys = sorted(k for k in hist if k != "clean")
    return {"step": keys, "count": [hist[k] for k in keys], "clean": hist.get("clean", 0)}


def by_bins(records: list[dict], key, n_bins: int = 5) -> dict:
    """Accuracy in quantile bins of key(record) (e.g. response length)."""
    vals = sorted((key(r), r["correct"]) for r in records)
    if not vals:
        return {"lo": [], "hi": [], "accuracy": [], "count": []}
    n_bins = max(1, min(n_bins, len(vals)))
    out = {"lo": [], "hi": [], "accuracy": [], "count": []}
    for b in range(n_bins):
        part = vals[b * len(vals) // n_bins:(b + 1) * len(vals) // n_bins]
        if not part:
            continue
        out["lo"].append(part[0][0])
        out["hi"].append(part[-1][0])
        out["accuracy"].append(sum(c for _, c in part) / len(part))
        out["count"].append(len(part))
    return out


def accuracy_by_ops(records: list[dict], e: float) -> dict:
    """Accuracy against the number of operations, next to the (1-e)^n prediction."""
    groups: dict[int, list[bool]] = {}
    for r in records:
        groups.setdefault(r["n_ops"], []).append(r["correct"])
    ns = sorted(groups)
    return {"n_ops": ns, "accuracy": [sum(groups[n]) / len(groups[n]) for n in ns],
            "count": [len(groups[n]) for n in ns], "fit": [(1 - e) ** n for n in ns]}


def summarize(records: list[dict]) -> dict:
    """Every metric of the valley study for one evaluation."""
    n = len(records)
    if not n:
        return {"n": 0}
    acc, se = accuracy(records)
    mean_len = sum(r["n_tokens"] for r in records) / n
    claims = [c for r in records for c in r["check"]["claims"]]
    steps = [m for r in records for m in r["check"]["steps"] if m["claim"] is not None]
    events = step_events(records)
    e = constant_hazard_fit(events)
    outcomes = {k: sum(r["check"]["outcomes"].get(k, 0) for r in records) for k in OUTCOME_KEYS}
    wrong_steps = outcomes["caught"] + outcomes["changed_wrong"] + outcomes["missed"]
    process_ok = [r["check"]["process_correct"] for r in records if r["check"]["process_correct"] is not None]
    return {
        "n": n,
        "accuracy": acc,
        "accuracy_se": se,
        "mean_tokens": mean_len,
        "mean_tokens_correct": _mean([r["n_tokens"] for r in records if r["correct"]]),
        "mean_tokens_wrong": _mean([r["n_tokens"] for r in records if not r["correct"]]),
        "token_efficiency": acc / mean_len if mean_len else 0.0,
        "reflection_ratio": sum(r["reflections"] > 0 for r in records) / n,
        "mean_reflections": sum(r["reflections"] for r in records) / n,
        "think_ratio": sum(r["has_think"] for r in records) / n,
        "claims_per_trace": len(claims) / n,
        "claim_error_rate": sum(not c["correct"] for c in claims) / len(claims) if claims else 0.0,
        # the share of "=" signs the checker could evaluate (records written before it counted them: None)
        "coverage": _mean([r["check"]["coverage"] for r in records if r["check"].get("coverage") is not None]),
        "steps_per_trace": len(steps) / n,
        "step_error_rate": sum(not m["ok"] for m in steps) / len(steps) if steps else 0.0,
        "process_accuracy": sum(process_ok) / len(process_ok) if process_ok else None,
        "lucky_answers": sum(r["correct"] and r["check"]["process_correct"] is False for r in records) / n,
        "error_kinds": dict(Counter(m["kind"] for r in records for m in r["check"]["steps"] if m["kind"] != "ok")),
        "hazard_fit": e,
        "horizon_50": horizon(e, 0.5),
        "survival": kaplan_meier(events),
        "first_error": first_error_histogram(records),
        "by_length": by_bins(records, lambda r: r["n_tokens"]),
        "by_ops": accuracy_by_ops(records, e),
        "outcomes": outcomes,
        "catch_rate": outcomes["caught"] / wrong_steps if wrong_steps else None,
        "categories": category_counts(records),
        "finish_length": sum(r["finish"] == "length" for r in records) / n,
        **loop_cutoff(category_counts(records), n),
    }


def loop_cutoff(categories: dict, n: int) -> dict:
    """The shares of answers that looped (cut off by the token cap while repeating themselves) and that were cut off
    without looping, of all `n` samples of an evaluation (from its category counts)."""
    return {"loop_share": categories.get("loop", 0) / max(1, n), "cutoff_share": categories.get("truncated", 0) / max(1, n)}


def reflection_pays(base: dict, tuned: dict) -> dict:
    """The inequality k*(h'*(1-c) + d) < h with measured values (a back-of-envelope model of error
    accumulation: a reflective trace wins only if its extra length costs fewer errors than its checks remove).

    A base trace of L tokens holds h*L wrong steps (h: the base model's wrong steps per token).
    The tuned trace is k times longer; it makes h' wrong steps per token, catches a share c of
    them, and "fixes" right steps into wrong ones at d per token. Its uncaught errors per base
    length are k*(h'*(1-c) + d): reflection pays only when that is below h.
    """
    def raw_wrong(s):
        o = s["outcomes"]
        return o["caught"] + o["changed_wrong"] + o["missed"]

    base_tokens = base["n"] * base["mean_tokens"]
    tuned_tokens = tuned["n"] * tuned["mean_tokens"]
    h = raw_wrong(base) / max(base_tokens, 1e-9)
    h2 = raw_wrong(tuned) / max(tuned_tokens, 1e-9)
    c = tuned["outcomes"]["caught"] / raw_wrong(tuned) if raw_wrong(tuned) else 0.0
    d = tuned["outcomes"]["false_fix"] / max(tuned_tokens, 1e-9)
    k = tuned["mean_tokens"] / max(base["mean_tokens"], 1e-9)
    lhs = k * (h2 * (1 - c) + d)
    return {"h": h, "h_tuned": h2, "k": k, "c": c, "d": d, "lhs": lhs, "pays": lhs < h}


def _mean(xs):
    return sum(xs) / len(xs) if xs else None


def combined_se(values: list[float], n_problems: int) -> float:
    """The lab's one error bar for a mean accuracy over seeds: seed-to-seed spread (sd^2 / seeds) and the sampling
    error of the test problems (p(1-p) / problems) together. Every seed is scored on the same problems, so the
    second part does not shrink with more seeds; with one seed it is the binomial standard error alone."""
    m, sd = mean_sd(values)
    return (sd ** 2 / len(values) + m * (1 - m) / max(1, n_problems)) ** 0.5


def mean_sd(values: list[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (0.0 for a single value): aggregation over seeds."""
    m = sum(values) / len(values)
    if len(values) < 2:
        return m, 0.0
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


# -- changes against the base, problem by problem ------------------------------------------------------
RECOVERY_MARGIN = 0.03  # a run "climbs back" when its paired 95% interval against the base lies above -3 points
                        # on 1,000 test problems (declared before the climb's runs, training/LOG.md 2026-12-05)
MIN_DETECTABLE_SE = 2.8  # the smallest change a design detects with 80% power (5% two-sided): 2.8 standard errors


def per_problem(records: list[dict], samples: int = 1) -> list[float]:
    """The share of right answers per problem (records are problem-major, `samples` per problem)."""
    k = max(1, samples)
    return [sum(r["correct"] for r in records[i:i + k]) / k for i in range(0, len(records), k)]


def paired_change(base: list[float], other: list[float]) -> dict:
    """The mean per-problem change from `base` to `other` (0/1, or a share of samples) with its 95% interval:
    the two were scored on the same problems, so the problems' own difficulty cancels out."""
    n = min(len(base), len(other))
    d = [other[i] - base[i] for i in range(n)]
    mean = sum(d) / n
    se = (sum((x - mean) ** 2 for x in d) / max(1, n - 1) / n) ** 0.5
    return {"change": mean, "se": se, "ci95": [mean - 1.96 * se, mean + 1.96 * se], "problems": n}


def pooled_change(changes: list[dict]) -> dict:
    """Paired changes of several seeds (each against the same base on the same problems) as one: their mean, and a
    standard error that adds the seeds' spread (sd^2 / seeds) to the problems' sampling (the mean of the seeds'
    squared paired errors: the seeds share the problems, so that part does not shrink with more seeds, the
    convention of combined_se). With one seed it is that seed's paired interval: problem sampling only."""
    values = [c["change"] for c in changes]
    m, sd = mean_sd(values)
    sampling = sum(c["se"] ** 2 for c in changes) / len(changes)
    se = (sd ** 2 / len(changes) + sampling) ** 0.5
    return {"change": m, "se": se, "ci95": [m - 1.96 * se, m + 1.96 * se], "seeds": len(changes),
            "problems": min(c["problems"] for c in changes), "recovered": m - 1.96 * se > -RECOVERY_MARGIN}

