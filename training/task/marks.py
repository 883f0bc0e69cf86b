"""Step marks: every claim of a trace marked by what it did, for terminals and for the app.

    right        ✓  green   a correct step before anything went wrong
    first_error  ✗  red     where the trace first went wrong (and stayed wrong)
    wrong        !  red     a wrong claim that may not be the first error: an unchecked statement comes
                            before it (or, with gold steps, a wrong claim that is not a step of the plan)
    after_error  ·  grey    a step computed after the first error
    retracted    ↺  amber   a claim the model took back ("wait ... actually")
    check        ≟  blue    a verification ("let me check: 33 - 21 = 12"), or the same computation redone
    unchecked    ?  violet  a statement that looks like a claim but that the checker could not read

Every mark carries its symbol in the text (a reader who cannot tell the colours apart, or a printout,
loses nothing), and checks and retractions keep their own mark after the first error too.
"""

from __future__ import annotations

import html

from training.task.checker import TraceCheck
from training.task.claims import Claim, num_str

COLORS = {"right": "#15803d", "first_error": "#dc2626", "wrong": "#b91c1c",  # each >= 4.5:1 on white (WCAG AA)
          "after_error": "#6b7280", "retracted": "#b45309", "check": "#2563eb", "unchecked": "#7c3aed"}
ANSI = {"right": "\033[32m", "first_error": "\033[1;31m", "wrong": "\033[31m", "after_error": "\033[90m",
        "retracted": "\033[33m", "check": "\033[34m", "unchecked": "\033[35m"}
SYMBOL = {"right": "✓", "first_error": "✗", "wrong": "!", "after_error": "·", "retracted": "↺", "check": "≟",
          "unchecked": "?"}
LEGEND = {"right": "right", "first_error": "first error", "wrong": "wrong, maybe not the first",
          "after_error": "after the first error", "retracted": "retracted", "check": "check",
          "unchecked": "not checked"}


def first_error_claim(rec: TraceCheck) -> int | None:
    """The claim where the trace first went wrong for good.

    With gold alignment: the first committed step that is not ok. Without: the first wrong claim
    that was not taken back.
    """
    if rec.steps:
        for m in rec.steps:
            if m.claim is not None and not m.ok:
                return m.claim
        return None
    for i in rec.wrong_claims:
        c = rec.claims[i]
        if c.role == "check":
            continue
        if c.revised_by is not None and rec.claims[c.revised_by].claimed != c.claimed:
            continue
        return i
    return None


def _claim_mark(rec: TraceCheck, i: int, first: int | None, unsure: bool, committed: set[int]) -> str:
    c = rec.claims[i]
    if i == first:
        return "wrong" if unsure else "first_error"
    if c.revised_by is not None and rec.claims[c.revised_by].claimed != c.claimed:
        return "retracted"
    if c.role == "check" or (c.role == "recheck" and i not in committed):
        return "check"  # a recheck the gold plan does not need as a step ("2*3 + 2*3" needs it twice)
    if first is not None and i > first:
        return "after_error"
    return "right" if c.correct else "wrong"


def claim_marks(rec: TraceCheck) -> list[tuple[int, int, str]]:
    """(start, end, mark) for every claim and every unchecked statement, in text order, not overlapping.

    The first wrong claim is the first error only when no unchecked statement comes before it: else the
    first error may lie in that statement, and the wrong claim is marked "wrong" (never a guess)."""
    first = first_error_claim(rec)
    unsure = first is not None and any(s < rec.claims[first].start for s, _ in rec.unchecked)
    committed = {m.claim for m in rec.steps if m.claim is not None}
    marks = [(c.start, c.end, _claim_mark(rec, i, first, unsure, committed)) for i, c in enumerate(rec.claims)]
    out: list[tuple[int, int, str]] = []
    for s, e, mark in sorted(marks + [(s, e, "unchecked") for s, e in rec.unchecked]):
        s = max(s, out[-1][1]) if out else s  # an unread sign inside a read claim's span keeps the claim's mark
        if s < e:
            out.append((s, e, mark))
    return out


def _title(rec: TraceCheck, c: Claim | None, mark: str) -> str:
    """The hover text of a mark: its name, for a wrong claim the value it should have had, for a check by
    the inverse the step it checks."""
    title = LEGEND[mark]
    if c is None or mark == "unchecked":
        return title
    if c.checks is not None and mark == "check":
        step = rec.claims[c.checks]
        title = f"check of {step.expression} = {num_str(step.claimed)}"
        a, _, b = step.operands
        undone = a if c.operands[2] == b else b  # 10 / 5 = 3 is checked by 3 * 5, which must give 10 back
        if c.correct and c.claimed != undone:
            return f"{title}: it gives {num_str(c.claimed)}, not {num_str(undone)}, so that step is wrong"
    if not c.correct:
        title += f": {c.expression} is {num_str(c.true_value)}, not {num_str(c.claimed)}"
    return title


def render_ansi(text: str, rec: TraceCheck, color: bool = True) -> str:
    """The trace with each claim followed by its symbol (and coloured, with `color`)."""
    out, pos = [], 0
    for s, e, mark in claim_marks(rec):
        out.append(text[pos:s])
        if color:
            out.append(f"{ANSI[mark]}{text[s:e]} {SYMBOL[mark]}\033[0m")
        else:
            out.append(f"{text[s:e]} [{SYMBOL[mark]}]")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def render_html(text: str, rec: TraceCheck, collapse_think: bool = True) -> str:
    """The trace as HTML, each claim coloured and followed by its symbol; the <think> block in a
    collapsible <details>."""
    parts, pos = [], 0
    by_start = {c.start: c for c in rec.claims}
    for s, e, mark in claim_marks(rec):
        parts.append(html.escape(text[pos:s]))
        underline = "text-decoration:underline;" if mark == "first_error" else ""
        parts.append(f'<span class="mark mark-{mark}" title="{html.escape(_title(rec, by_start.get(s), mark))}" '
                     f'style="color:{COLORS[mark]};font-weight:600;{underline}">{html.escape(text[s:e])}'
                     f'<span class="mark-symbol"> {SYMBOL[mark]}</span></span>')
        pos = e
    parts.append(html.escape(text[pos:]))
    body = "".join(parts)
    if collapse_think and "&lt;think&gt;" in body and "&lt;/think&gt;" in body:
        head, rest = body.split("&lt;think&gt;", 1)
        think, tail = rest.split("&lt;/think&gt;", 1)
        body = (f"{head}<details open><summary>thinking</summary>"
                f"<div class='think'>{think}</div></details>{tail}")
    return f'<div class="trace" style="white-space:pre-wrap;font-family:monospace">{body}</div>'


def legend_html() -> str:
    return " ".join(f'<span style="color:{COLORS[k]};font-weight:600">{SYMBOL[k]} {v}</span>'
                    for k, v in LEGEND.items())


def coverage_note(rec: TraceCheck) -> str:
    """How much of a trace the step checker could read: where this is low, "no red mark" is no proof of
    no error (algebra, prose and notations it cannot evaluate carry no marks at all). Where a statement it
    could not read comes first, it says so: the first error is then not checked, never guessed."""
    words_total = getattr(rec, "words_total", 0)
    if not rec.equals_total and not words_total:
        return "no '=' to check"
    warn = " (low: no red mark is no proof of no error)" if rec.coverage < 0.8 else ""
    if not words_total:
        note = f"checked {rec.equals_checked} of {rec.equals_total} '=' ({rec.coverage:.0%}){warn}"
    else:
        note = (f"checked {rec.equals_checked} of {rec.equals_total} '=' and {rec.words_checked} of {words_total} "
                f"claims in words ({rec.coverage:.0%}){warn}")
    if rec.not_checked and rec.first_error is not None:
        note += "; the first error is not checked: a statement it could not read (?) comes before the first wrong one"
    elif rec.not_checked:
        note += f"; not checked: {len(rec.unchecked)} statement(s) it could not read (?), no wrong claim in the rest"
    return note
