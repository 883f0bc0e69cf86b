"""Step marks that tell the truth: on the app's opening problem, and on short traces written for each rule."""

import json
import re
from pathlib import Path

from training.task.checker import check
from training.task.marks import SYMBOL, claim_marks, render_ansi, render_html
from training.task.world import parse_expression

ROOT = Path(__file__).resolve().parents[1]
OPENING = "18/6/3*10/5"  # the problem Side by Side opens on (app/tab_compare.py, opening_problem)


def _marks(text: str, rec) -> dict[str, list[str]]:
    """{claim text: [its marks, in order]}."""
    out: dict[str, list[str]] = {}
    for s, e, mark in claim_marks(rec):
        out.setdefault(text[s:e], []).append(mark)
    return out


def _opening_trace() -> str:
    path = ROOT / "assets/valley/classroom/records/long-n250-s0.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return next(r["completion"] for r in rows if r["expr"] == OPENING)


def test_opening_problem_check_of_another_step_is_not_a_retraction():
    text = _opening_trace()
    assert "3 * 5 = 155" in text and "10 / 5 = 3. Let me check: 3 * 5 = 15" in text
    rec = check(text, problem=parse_expression(OPENING))
    by_text = {text[c.start:c.end]: i for i, c in enumerate(rec.claims)}
    wrong = by_text["3 * 5 = 155"]
    step = by_text["10 / 5 = 3"]
    inverse = next(i for i, c in enumerate(rec.claims) if text[c.start:c.end] == "3 * 5 = 15" and i > step)
    assert rec.claims[inverse].role == "check" and rec.claims[inverse].checks == step
    assert rec.claims[wrong].revised_by is None  # never taken back ...
    assert rec.retractions == [] and not any(rec.caught) and rec.outcomes["caught"] == 0  # ... nor counted caught
    marks = _marks(text, rec)
    assert marks["3 * 5 = 155"] == ["first_error"]
    assert marks["10 / 5 = 3"] == ["after_error"]
    assert marks["3 * 5 = 15"] == ["check", "check"]  # both checks after the error keep their own mark
    assert sum(m == "first_error" for ms in marks.values() for m in ms) == 1
    assert "retracted" not in {m for ms in marks.values() for m in ms}


def test_opening_problem_every_mark_carries_its_symbol_in_the_text():
    text = _opening_trace()
    rec = check(text, problem=parse_expression(OPENING))
    page = render_html(text, rec)
    spans = re.findall(r'<span class="mark mark-(\w+)"[^>]*>([^<]*)<span class="mark-symbol"> (.)</span></span>',
                       page)
    assert len(spans) == len(rec.claims) > 0
    assert all(SYMBOL[mark] == symbol for mark, _, symbol in spans)
    assert ("first_error", "3 * 5 = 155", "✗") in spans
    assert len(set(SYMBOL.values())) == len(SYMBOL)  # no two marks share a symbol
    plain = render_ansi(text, rec, color=False)
    assert "3 * 5 = 155 [✗]" in plain and "3 * 5 = 15 [≟]" in plain
    assert "3 * 5 = 155 ✗" in render_ansi(text, rec, color=True)  # the symbol with the colour, not instead of it
    # the check after the error says what it shows, though the model wrote "Yes, that's right"
    assert 'title="check of 10 / 5 = 3: it gives 15, not 10, so that step is wrong"' in page


def test_a_wrong_check_says_what_it_checks_and_what_is_wrong():
    text = "78 / 13 = 6. Let me check: 6 * 13 = 88. Yes."
    rec = check(text)
    assert rec.claims[1].role == "check" and rec.claims[1].checks == 0
    page = render_html(text, rec)
    assert 'title="check of 78 / 13 = 6: 6 * 13 is 78, not 88"' in page


def test_a_retraction_after_the_first_error_stays_visible():
    text = "3 * 5 = 155. 10 / 5 = 3. Wait, 10 / 5 = 2. Let me check: 2 * 5 = 10. 7 + 1 = 8."
    rec = check(text)
    marks = _marks(text, rec)
    assert marks["3 * 5 = 155"] == ["first_error"]
    assert marks["10 / 5 = 3"] == ["retracted"]
    assert marks["2 * 5 = 10"] == ["check"]
    assert marks["7 + 1 = 8"] == ["after_error"]


def test_a_check_cue_before_the_same_computation_is_still_a_revision():
    # not the inverse of the step before it: the same computation with a new value, taken back and fixed
    text = "3 * 5 = 155. Let me check: 3 * 5 = 15. So 15 + 1 = 16."
    rec = check(text)
    assert rec.claims[1].role == "revision" and rec.claims[0].revised_by == 1
    assert rec.caught == [True]
    assert _marks(text, rec)["3 * 5 = 155"] == ["retracted"]


def test_error_anatomy_shows_an_unplaced_first_error_apart_from_a_placed_one(tmp_path):
    """The drill-down of Error Anatomy (a SmolLM2-style answer, written for this test): where a statement the
    checker could not read comes before the first wrong claim, the list and the marks say "not checked" (?) and
    the wrong claim is "!", never the first error (✗); with nothing unread before it, the first error is ✗."""
    import app.tab_anatomy as ta

    texts = ["To find the answer, we combine 12 and 15, which gives us 28. Then 28 + 2 = 31.",
             "To find the answer, we add 12 and 15, which gives us 27. Then 27 + 2 = 30."]
    rows = []
    for completion in texts:
        rec = check(completion, problem=parse_expression("12+15+2"))
        rows.append({"expr": "12+15+2", "gold": 29, "completion": completion, "check": rec.to_dict(),
                     "category": "wrong", "correct": False, "n_tokens": 30})
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    labels = dict((i, label) for label, i in ta.worst_traces(rows))
    assert "first error not checked (?)" in labels[0] and "first error at step 2" in labels[1]
    unplaced, placed = ta.drill_html(0, str(path)), ta.drill_html(1, str(path))
    assert "mark-unchecked" in unplaced and "mark-wrong" in unplaced and "mark-first_error" not in unplaced
    assert f"{SYMBOL['unchecked']}</span>" in unplaced and "the first error is not checked" in unplaced
    assert "mark-first_error" in placed and "mark-unchecked" not in placed
