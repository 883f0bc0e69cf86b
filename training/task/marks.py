"""Step marks: colour every claim of a trace by what it did, for terminals and for the app.

    right        green   a correct step before anything went wrong
    first_error  red     where the trace first went wrong (and stayed wrong)
    after_error  grey    everything computed after that point
    retracted    amber   a claim the model took back ("wait ... actually")
    check        blue    a verification ("let me check: 33 - 21 = 12")
"""

from __future__ import annotations

import html

from training.task.checker import TraceCheck

COLORS = {"right": "#15803d", "first_error": "#dc2626", "after_error": "#6b7280",  # each >= 4.5:1 on white (WCAG AA)
          "retracted": "#b45309", "check": "#2563eb"}
ANSI = {"right": "\033[32m", "first_error": "\033[1;31m", "after_error": "\033[90m",
        "retracted": "\033[33m", "check": "\033[34m"}
SYMBOL = {"right": "✓", "first_error": "✗", "after_error": "·", "retracted": "↺", "check": "?"}
LEGEND = {"right": "right", "first_error": "first error", "after_error": "after the first error",
          "retracted": "retracted", "check": "check"}


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


def claim_marks(rec: TraceCheck) -> list[tuple[int, int, str]]:
    """(start, end, mark) for every claim, in text order."""
    first = first_error_claim(rec)
    out = []
    for i, c in enumerate(rec.claims):
        revised_away = c.revised_by is not None and rec.claims[c.revised_by].claimed != c.claimed
        if revised_away:
            mark = "retracted"
        elif first is not None and i == first:
            mark = "first_error"
        elif first is not None and i > first:
            mark = "after_error"
        elif c.role == "check":
            mark = "check"
        else:
            mark = "right" if c.correct else "first_error"
        out.append((c.start, c.end, mark))
    return out


def render_ansi(text: str, rec: TraceCheck, color: bool = True) -> str:
    """The trace with each claim coloured (or, without colour, followed by its symbol)."""
    out, pos = [], 0
    for s, e, mark in claim_marks(rec):
        out.append(text[pos:s])
        if color:
            out.append(f"{ANSI[mark]}{text[s:e]}\033[0m")
        else:
            out.append(f"{text[s:e]} [{SYMBOL[mark]}]")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def render_html(text: str, rec: TraceCheck, collapse_think: bool = True) -> str:
    """The trace as HTML with coloured claims; the <think> block in a collapsible <details>."""
    parts, pos = [], 0
    for s, e, mark in claim_marks(rec):
        parts.append(html.escape(text[pos:s]))
        title = LEGEND[mark]
        parts.append(f'<span class="mark-{mark}" title="{title}" style="color:{COLORS[mark]};'
                     f'font-weight:600">{html.escape(text[s:e])}</span>')
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
    no error (algebra, prose and notations it cannot evaluate carry no marks at all)."""
    words_total = getattr(rec, "words_total", 0)
    if not rec.equals_total and not words_total:
        return "no '=' to check"
    warn = " (low: no red mark is no proof of no error)" if rec.coverage < 0.8 else ""
    if not words_total:
        return f"checked {rec.equals_checked} of {rec.equals_total} '=' ({rec.coverage:.0%}){warn}"
    return (f"checked {rec.equals_checked} of {rec.equals_total} '=' and {rec.words_checked} of {words_total} "
            f"claims in words ({rec.coverage:.0%}){warn}")
