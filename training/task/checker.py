"""The step checker: find every arithmetic claim in a completion and say which ones are wrong.

It reads any text: the world's traces, the tiny model's output, or a real model's prose or LaTeX
("77 + 4758 = 4885", "61 \\times 78 = 4758", "\\frac{93}{3} = 31", "5 plus 3 is 8",
"3 dozen x $68 per dozen = $204", "10 \\text{ miles/hour} \\times 3 \\text{ hours} = 30",
"25% of $40 = $10", "2(4*125) = 1000", "440 / 7 ≈ 62.857"), and claims made in words, as small models
and long R1-style traces write them ("300 times 234, which is 70,200", "the product of 12 and 3. This is
16", "subtract 8 from 24 to get 48", "We can rewrite 6/3 as 3/4", "The least common multiple of 18 and 10
is 18", "thirty-six minus eight leaves twenty-six").

    from training.task.checker import check
    rec = check(completion, gold=6606)
    rec.first_error          # index into rec.claims of the first wrong claim, or None
    rec.claims[i].true_value # what the claim should have said
    rec.answer, rec.answer_correct
    rec.coverage             # share of the claims ("=" signs and claims in words) that could be read

For world problems, `check(text, problem=p)` also aligns the committed steps with the gold steps and
labels each error: "compute" (wrong result), "copy" (a wrong operand, e.g. an earlier result
mis-copied), "repeated" (a step done again as if new) or "skipped" (a gold step never done).

The work is split in three:
  claims.py   reads the claims: tokens, the two sides of each "=", exact evaluation, and what is
              not arithmetic at all (a side with a variable - "3T/2 - 5 = 70" - is algebra), in
              layers (claim_tokens, claim_values, claim_symbols, claim_words, claims);
  answers.py  finds the final answer (\\boxed{}, "the answer is", or the last stated result) and
              compares it with the gold (exactly, or with math-verify for non-numeric answers);
  here        what the claims mean together. Each claim gets a role from its context: "step" (a
              new computation), "check" (in a sentence that says check/verify, or an inverse of an
              earlier claim), "recheck" (the same computation again, same value, after a reflection
              cue) or "revision" (the same computation with a new value: the model changed its
              mind). From the roles come the first error, retractions and reflection outcomes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction

from training.task.answers import answers_equal, extract_answer
from training.task.claims import Claim, extract_claims, num_str, parse_number
from training.task.world import apply_op

# Re-exported: callers import these from the checker.
__all__ = ["REFLECTION_KEYWORDS", "Claim", "Retraction", "StepMark", "TraceCheck", "align_steps",
           "assign_roles", "check", "extract_answer", "extract_claims", "final_value", "is_reflective",
           "parse_number", "reflection_count", "reflection_outcomes"]

# The paper's reflection keywords ("wait" is deliberately not one of them).
REFLECTION_KEYWORDS = (
    "recheck", "rethink", "reassess", "reevaluate", "re-evaluate", "reevaluation", "reexamine",
    "re-examine", "reconsider", "reanalyze", "doublecheck", "check again", "think again",
    "verify again", "go over the steps",
)
# Words that open a verification (a claim in such a sentence is a check, not a new step).
CHECK_CUES = ("check", "verify", "verif", "confirm", "make sure", "recheck", "double-check",
              "is that right", "is this right", "look right", "wait", "hmm")
# Words that signal the model doubts something it wrote.
# Words of doubt about what was just written (a false alarm when the step was right).
DOUBT_CUES = ("wait", "hmm", "is that right", "is this right", "not sure", "mistake", "wrong")
RETRACT_CUES = ("wait", "actually", "mistake", "oops", "wrong", "instead", "correction", "not ")

# ----------------------------------------------------------------------------------------------
# Roles, retractions, reflection outcomes
# ----------------------------------------------------------------------------------------------
@dataclass
class Retraction:
    claim: int         # the claim taken back
    revision: int      # the claim that replaces it
    cue: str           # the word that announced it ("wait", "actually", ...), "" if none
    fixed: bool        # the revision is correct


def _first_cue(segment: str, cues) -> str:
    seg = segment.lower()
    hits = [(seg.find(c), c) for c in cues if c in seg]
    return min(hits)[1].strip() if hits else ""


def _is_inverse(c: Claim, prev: Claim) -> bool:
    """c undoes prev: (a+b=r) is checked by r-b=a or r-a=b, (a*b=r) by r/b=a, etc."""
    if not c.operands or not prev.operands:
        return False
    a, op, b = prev.operands
    x, op2, y = c.operands
    inv = {"+": "-", "-": "+", "*": "/", "/": "*"}[op]
    if op2 != inv or x != prev.claimed:
        return False
    return y in (a, b)


def assign_roles(text: str, claims: list[Claim]) -> list[Retraction]:
    """Give each claim its role and link revisits to what they revisit. Returns retractions.

    - revision: the same computation as an earlier claim with a different value;
    - recheck:  the same computation again with the same value (a check, a recap, or, as in
      2*3 + 2*3, a step the plan needs twice: align_steps() tells these apart);
    - check:    a claim right after a check cue ("Let me check: 33 - 21 = 12"). One that undoes the step
      just before it ("10 / 5 = 3. Let me check: 3 * 5 = 15") checks that step (Claim.checks), even
      when an earlier claim computed the same thing ("3 * 5 = 155"): a check of another step is not a
      revision of that earlier claim;
    - step:     everything else.
    A recheck right after its own step, after a doubt cue ("Hmm, wait, is that right?"), marks the
    step as doubted: a false alarm if the step was right.
    """
    retractions: list[Retraction] = []
    last_by_key: dict[tuple, int] = {}
    last_step = None  # index of the most recent step-role claim
    for i, c in enumerate(claims):
        gap = text[claims[i - 1].end if i else 0:c.start]
        if last_step is not None and _first_cue(gap, CHECK_CUES) and _is_inverse(c, claims[last_step]):
            c.role, c.checks = "check", last_step
            continue
        prev_i = last_by_key.get(c.key) if c.key is not None else None
        if prev_i is not None:
            between = text[claims[prev_i].end:c.start]
            if c.claimed != claims[prev_i].claimed:
                c.role, c.revises = "revision", prev_i
                cue = _first_cue(between, RETRACT_CUES)
                retractions.append(Retraction(prev_i, i, cue, c.correct))
            else:
                c.role, c.revises = "recheck", prev_i
            if c.role != "step":
                root = _root_index(claims, prev_i)
                claims[root].revised_by = i
                if root == last_step and _first_cue(between, DOUBT_CUES):
                    claims[root].doubted = True
        if c.role == "step" and _first_cue(gap, CHECK_CUES):
            c.role = "check"
        if c.role == "step":
            last_step = i
        if c.key is not None and c.role in ("step", "revision", "recheck"):
            last_by_key[c.key] = i
    return retractions


def final_value(claims: list[Claim], i: int) -> Fraction:
    """The value the trace ends up committing to for claim i (after its revisions)."""
    c = claims[i]
    return claims[c.revised_by].claimed if c.revised_by is not None else c.claimed


# ----------------------------------------------------------------------------------------------
# Alignment with gold steps (world problems)
# ----------------------------------------------------------------------------------------------
@dataclass
class StepMark:
    claim: int | None   # index into claims (None for a skipped gold step)
    gold: int | None    # index of the gold step it carries out (None if it matches none)
    ok: bool
    kind: str           # ok | compute | copy | repeated | skipped | extra


def align_steps(claims: list[Claim], problem) -> list[StepMark]:
    """Walk the committed steps (role "step", with their final revised value) against the gold plan.

    The expected operands of gold step k are the numbers written in the expression, or, for an
    operand that is an earlier result, the value *this trace* committed for that earlier step:
    using your own earlier (wrong) result is propagation, not a new error. Any ready gold step may
    come next (independent steps can be done in any order).
    """
    gold = problem.steps
    done: dict[int, Fraction] = {}  # gold index -> value the trace committed
    consumed: set = set()
    marks: list[StepMark] = []

    def expected(k: int, which: str):
        s = gold[k]
        src = s.a_src if which == "a" else s.b_src
        gv = s.a if which == "a" else s.b
        return {gv} | ({done[src]} if src >= 0 and src in done else set())

    def ready(k: int) -> bool:
        s = gold[k]
        return k not in done and all(src < 0 or src in done for src in (s.a_src, s.b_src))

    def matches(c: Claim, k: int) -> int:
        """2 = both operands as expected, 1 = one of them, 0 = neither (same operator required).

        Additions and subtractions compare in sum form, so "108 - 20" carries out "108 + (-20)".
        """
        a, op, b = c.operands
        s = gold[k]
        ea, eb = expected(k, "a"), expected(k, "b")
        if op in "+-" and s.op in "+-":
            b = b if op == "+" else -b
            eb = eb if s.op == "+" else {-x for x in eb}
            op = "+"
        elif op != s.op:
            return 0
        best = (a in ea) + (b in eb)
        if op in "+*":
            best = max(best, (b in ea) + (a in eb))
        return best

    aligned: set[int] = set()
    for i, c in enumerate(claims):
        if not c.operands or c.role not in ("step", "recheck"):
            continue
        cands = [k for k in range(len(gold)) if ready(k)]
        full = [k for k in cands if matches(c, k) == 2]
        if c.role == "recheck":
            # "2*3 + 2*3": the second 2*3 repeats an equal computation that the plan needs again.
            # A recheck counts as a step only then: its first occurrence was aligned and a ready
            # gold step still needs exactly this computation.
            if not (full and _root_index(claims, i) in aligned):
                continue
        value = final_value(claims, i)
        aligned.add(i)
        if full:
            k = full[0]
            a, op, b = c.operands
            try:
                truth = apply_op(Fraction(a), op, Fraction(b))
            except ZeroDivisionError:
                truth = None
            ok = truth is not None and value == truth
            marks.append(StepMark(i, k, ok, "ok" if ok else "compute"))
            done[k] = value
            consumed.update((gold[k].a_src, gold[k].b_src))
            continue
        if any(matches(c, k) == 2 for k in done) or _uses_consumed(c, gold, done):
            marks.append(StepMark(i, None, False, "repeated"))
            continue
        part = [k for k in cands if matches(c, k) == 1]
        if part:
            k = part[0]
            marks.append(StepMark(i, k, False, "copy"))
            done[k] = value
            continue
        marks.append(StepMark(i, None, c.correct, "extra"))
    for k in range(len(gold)):
        if k not in done:
            marks.append(StepMark(None, k, False, "skipped"))
    return marks


def _uses_consumed(c: Claim, gold, done: dict) -> bool:
    """A step whose operand is a number already used up by a finished step: 33 + 21 after 12+21=33."""
    a, op, b = c.operands
    results = set(done.values())
    used = {gold[k].b for k in done if gold[k].b_src < 0} | {gold[k].a for k in done if gold[k].a_src < 0}
    return (a in results and b in used) or (b in results and a in used)


# ----------------------------------------------------------------------------------------------
# The per-trace record
# ----------------------------------------------------------------------------------------------
@dataclass
class TraceCheck:
    claims: list[Claim] = field(default_factory=list)
    first_error: int | None = None           # index of the first wrong claim
    first_error_char: int | None = None
    first_error_token: int | None = None     # token position (with a tokenizer)
    retractions: list[Retraction] = field(default_factory=list)
    caught: list[bool] = field(default_factory=list)  # per wrong claim (in order): later revised?
    answer_text: str | None = None
    answer: Fraction | None = None
    gold: Fraction | None = None
    answer_correct: bool | None = None
    steps: list[StepMark] = field(default_factory=list)  # alignment (world problems only)
    outcomes: dict = field(default_factory=dict)
    equals_total: int = 0      # "=", "≈" and "\\approx" signs in the text
    equals_checked: int = 0    # ... of which both sides were read and evaluated
    words_total: int = 0       # claims in words: signs such as "is", "which is", "giving me" with numbers
                               # on both sides and an operation on one (claims.extract_claims)
    words_checked: int = 0     # ... of which both sides were read and evaluated
    unchecked: list[tuple[int, int]] = field(default_factory=list)  # character spans of the statements that
                               # look like claims but could not be read (claims.extract_claims)

    @property
    def coverage(self) -> float | None:
        """Share of the claims the checker could evaluate, "=" signs and claims in words together (None
        for a text without any).

        A low coverage says the verdicts cover little of the text: a trace full of algebra, notation or
        phrasing the checker cannot read ("2 divided by 19 leaves a remainder of 2", "the denominator of
        6/2, which is 2") may have errors that no claim shows.
        """
        total = self.equals_total + self.words_total
        return (self.equals_checked + self.words_checked) / total if total else None

    @property
    def not_checked(self) -> bool:
        """True when the checker cannot name the first error, nor say there is none: a statement it could
        not read (self.unchecked) comes before the first wrong claim, or, with no wrong claim, anywhere.
        The first wrong claim it did read is then a wrong claim, not known to be the first."""
        if not self.unchecked:
            return False
        return self.first_error is None or self.unchecked[0][0] < self.claims[self.first_error].start

    @property
    def wrong_claims(self) -> list[int]:
        return [i for i, c in enumerate(self.claims) if not c.correct]

    @property
    def first_step_error(self) -> int | None:
        """Position (0-based, among committed steps) of the first process error, None if clean."""
        committed = [m for m in self.steps if m.claim is not None]
        for pos, m in enumerate(committed):
            if not m.ok:
                return pos
        return None

    @property
    def n_committed(self) -> int:
        return sum(1 for m in self.steps if m.claim is not None)

    @property
    def process_correct(self) -> bool:
        """No wrong committed step, no skipped step (needs alignment)."""
        return bool(self.steps) and all(m.ok for m in self.steps)

    def to_dict(self) -> dict:
        return {
            "claims": [c.to_dict() for c in self.claims],
            "first_error": self.first_error,
            "first_error_char": self.first_error_char,
            "first_error_token": self.first_error_token,
            "retractions": [asdict(r) for r in self.retractions],
            "caught": self.caught,
            "answer_text": self.answer_text,
            "answer": num_str(self.answer) if self.answer is not None else None,
            "gold": num_str(self.gold) if self.gold is not None else None,
            "answer_correct": self.answer_correct,
            "steps": [asdict(m) for m in self.steps],
            "first_step_error": self.first_step_error,
            "process_correct": self.process_correct if self.steps else None,
            "outcomes": self.outcomes,
            "equals_total": self.equals_total,
            "equals_checked": self.equals_checked,
            "words_total": self.words_total,
            "words_checked": self.words_checked,
            "unchecked": [list(span) for span in self.unchecked],
            "coverage": self.coverage,
            "not_checked": self.not_checked,
        }


def check(text: str, gold=None, problem=None, tokenizer=None) -> TraceCheck:
    """Check a completion. `gold` is the expected final answer (taken from `problem` if given).

    Garbage in gives an empty record, never an exception.
    """
    text = text if isinstance(text, str) else ""
    rec = TraceCheck()
    counts: dict = {}
    rec.claims = extract_claims(text, counts)
    rec.equals_total, rec.equals_checked = counts["equals_total"], counts["equals_checked"]
    rec.words_total, rec.words_checked = counts["words_total"], counts["words_checked"]
    rec.unchecked = counts["unchecked"]
    rec.retractions = assign_roles(text, rec.claims)
    wrong = rec.wrong_claims
    if wrong:
        rec.first_error = wrong[0]
        rec.first_error_char = rec.claims[wrong[0]].start
        if tokenizer is not None:
            rec.first_error_token = len(tokenizer(text[: rec.first_error_char],
                                                  add_special_tokens=False)["input_ids"])
    rec.caught = [rec.claims[i].revised_by is not None
                  and final_value(rec.claims, i) != rec.claims[i].claimed for i in wrong]
    if problem is not None:
        gold = problem.answer if gold is None else gold
        rec.steps = align_steps(rec.claims, problem)
    rec.answer_text, rec.answer = extract_answer(text)
    if gold is not None:
        gold_value = gold if isinstance(gold, Fraction) else parse_number(str(gold))
        rec.gold = gold_value if gold_value is not None else str(gold)
        rec.answer_correct = answers_equal(rec.answer_text, rec.answer, rec.gold)
    rec.outcomes = reflection_outcomes(text, rec.claims)
    return rec


def reflection_outcomes(text: str, claims: list[Claim]) -> dict:
    """What the trace's reflection did, counted over computations (step claims):

    - caught: a wrong step that was later revised to the right value
    - changed_wrong: a wrong step revised to another wrong value
    - missed: a wrong step never revised (verified_wrong: ... and even re-checked/approved)
    - false_alarm: a correct step that was doubted (re-checked after a doubt cue)
    - false_fix: a correct step revised to a wrong value (the harmful false alarm)
    """
    out = dict(caught=0, changed_wrong=0, missed=0, verified_wrong=0, false_alarm=0, false_fix=0,
               checks=sum(c.role == "check" for c in claims))
    for i, c in enumerate(claims):
        if c.role != "step":
            continue
        fv = final_value(claims, i)
        if not c.correct:
            if fv == c.true_value:
                out["caught"] += 1
            elif fv != c.claimed:
                out["changed_wrong"] += 1
            else:
                out["missed"] += 1
                if c.revised_by is not None or _approved_by_check(c, claims, i):
                    out["verified_wrong"] += 1
        elif fv != c.claimed:
            out["false_fix"] += 1
        elif c.doubted:
            out["false_alarm"] += 1
    return out


def _root_index(claims: list[Claim], j: int) -> int:
    while claims[j].revises is not None:
        j = claims[j].revises
    return j


def _approved_by_check(c: Claim, claims: list[Claim], i: int) -> bool:
    """A check right after a wrong step that starts from the wrong value (and so "confirms" it)."""
    return any(claims[j].role == "check" and _is_inverse(claims[j], c)
               for j in range(i + 1, min(i + 3, len(claims))))


def reflection_count(text: str) -> int:
    """Occurrences of the paper's reflection keywords."""
    low = text.lower()
    return sum(low.count(k) for k in REFLECTION_KEYWORDS)


def is_reflective(text: str) -> bool:
    return reflection_count(text) > 0
