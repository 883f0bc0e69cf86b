"""On-policy correction with the world as an exact teacher: keep a student's own trace up to its first
wrong step, and let the world write the right continuation from there.

The valley may come from training only on perfect text: a student that never sees its own mistakes in its
context never learns what to do after one. This builds the training example that tests it:

    ex = correct(problem, student_text, seed)
    # ex.prefix:        the student's own words, up to the sentence where its first process error begins
    # ex.continuation:  the world's long trace from the first gold step not yet done correctly
    # ex.first_error:   the StepMark kind of that error (compute, copy, skipped, extra, ...), or None

A trace with no process error gives prefix "" and the world's whole long trace (a plain example), so every
problem still yields one example. Training puts the loss on the continuation only (the prefix is context).

Two ways to continue after the student's first error:
- cut (the default): the prefix ends where the sentence of the first wrong claim begins, so the student's own
  mistake never enters the context; this tests learning from one's own *correct* prefixes.
- keep_error=True: the prefix keeps the sentence with the student's own wrong claim, and the world's
  continuation starts by catching it the way the world's long traces catch their own slips ("Wait, let me check
  that. 155 / 5 = 31, not 3. Actually 3 * 5 = 15.") before going on from the next step. This tests learning
  from one's own *mistakes*: what to do after one.
"""

from __future__ import annotations

from dataclasses import dataclass

from training.task.checker import check
from training.task.traces import LongKnobs, catch_text, write_long_from, write_trace
from training.task.world import Problem


@dataclass(frozen=True)
class Corrected:
    prefix: str          # the student's own text (context, no loss)
    continuation: str    # the world's text from the first step the student got wrong (the loss)
    done: int            # gold steps the student had done right before its first error
    first_error: str | None  # kind of the first process error, None for a clean trace

    @property
    def text(self) -> str:
        return self.prefix + self.continuation


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence containing `pos` begins (after the previous '. ' or newline)."""
    return max(text.rfind(". ", 0, pos) + 2 if text.rfind(". ", 0, pos) >= 0 else 0, text.rfind("\n", 0, pos) + 1)


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence containing `pos` ends (just after its '.', or at the line's end)."""
    stops = [i for i in (text.find(". ", pos), text.find(".\n", pos), text.find("\n", pos)) if i >= 0]
    if not stops:
        return len(text)
    end = min(stops)
    return end + 1 if text[end] == "." else end


def correct(problem: Problem, student_text: str, seed: int = 0, knobs: LongKnobs | None = None,
            keep_error: bool = False) -> Corrected:
    rec = check(student_text, problem=problem)
    marks = rec.steps
    # the good prefix: gold steps 0, 1, 2, ... done right and in order (the world's writer goes in this order)
    done = 0
    while done < len(marks) and marks[done].ok and marks[done].gold == done:
        done += 1
    if done == len(marks) == len(problem.steps) and rec.answer_correct:
        return Corrected("", write_trace(problem, "long", seed=seed, knobs=knobs), len(problem.steps), None)
    bad = done if done < len(marks) else None
    # cut where the first wrong claim's sentence starts; for a skipped step (no claim of its own), after the
    # last good claim's sentence; with no good claim at all, after the opening line
    claim = marks[bad].claim if bad is not None else None
    good_claims = [m.claim for m in marks[:done] if m.claim is not None]
    if claim is not None:
        cut = _sentence_start(student_text, rec.claims[claim].start)
    elif good_claims:
        last = rec.claims[max(good_claims)]
        nxt = student_text.find(". ", last.end)
        cut = nxt + 2 if nxt >= 0 else last.end
    else:
        first_line = student_text.find("\n", student_text.find("<think>") + 8 if "<think>" in student_text else 0)
        cut = first_line + 1 if first_line >= 0 else 0
    kind = ("order" if marks[bad].ok else marks[bad].kind) if bad is not None else "answer"
    if keep_error and claim is not None and done < len(problem.steps):
        # keep the wrong claim's sentence; the world catches it and goes on from the next gold step
        wrong = rec.claims[claim]
        kept = student_text[:_sentence_end(student_text, wrong.end)]
        if "</think>" not in kept:
            step = problem.steps[done]
            ops = tuple(wrong.operands or ())
            same_step = ops == (step.a, step.op, step.b) or (step.op in "+*" and ops == (step.b, step.op, step.a))
            catch = catch_text(step, wrong.claimed if same_step else None, seed=seed)
            rest = write_long_from(problem, done + 1, seed=seed, knobs=knobs)
            return Corrected(kept + " ", catch + "\n" + rest, done, kind)
    prefix = student_text[:cut]
    if "</think>" in prefix:  # the student had finished thinking: correct from the last line of thought
        prefix = prefix[:prefix.index("</think>")]
    if prefix and not prefix.endswith(("\n", " ")):
        prefix += "\n"
    return Corrected(prefix, write_long_from(problem, done, seed=seed, knobs=knobs), done, kind)
