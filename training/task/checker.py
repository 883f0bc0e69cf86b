"""The step checker: find every arithmetic claim in a completion and say which ones are wrong.

It reads any text: the world's traces, the tiny model's output, or a real model's prose or LaTeX
("77 + 4758 = 4885", "61 \\times 78 = 4758", "93/3 = 31", "\\frac{93}{3} = 31", "5 plus 3 is 8").

    from training.task.checker import check
    rec = check(completion, gold=6606)
    rec.first_error          # index into rec.claims of the first wrong claim, or None
    rec.claims[i].true_value # what the claim should have said
    rec.answer, rec.answer_correct

For world problems, `check(text, problem=p)` also aligns the committed steps with the gold steps and
labels each error: "compute" (wrong result), "copy" (a wrong operand, e.g. an earlier result
mis-copied), "repeated" (a step done again as if new) or "skipped" (a gold step never done).

How a claim is read:
  1. The text is cut into tokens: numbers, operators (+ - * / x \\times \\div \\cdot ...), brackets,
     \\frac{a}{b}, "=" (or "is"/"equals"), and everything else.
  2. At each "=", the left side is the longest run of arithmetic tokens just before it, with at
     least one operator; the right side is the run just after it. Both are evaluated exactly
     (fractions), so "33 - 2 = 31" and "93/3 + 77 = 31 + 77" are both checkable.
  3. Each claim gets a role from its context: "step" (a new computation), "check" (in a sentence
     that says check/verify, or an inverse of an earlier claim), "recheck" (the same computation
     again, same value, after a reflection cue) or "revision" (the same computation with a new
     value: the model changed its mind).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from fractions import Fraction

from training.task.world import apply_op

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
# Tokens
# ----------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(
    r"""
    (?P<frac>\\[dt]?frac\s*\{\s*(?P<fn>-?\s*\d+)\s*\}\s*\{\s*(?P<fd>-?\s*\d+)\s*\})
  | (?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)
  | (?P<op>\\times|\\cdot|\\div|[+\-−*×·/÷]|(?<=[\d\s])x(?=\s*\d)
        |\bplus\b|\bminus\b|\btimes\b|\bmultiplied\s+by\b|\bdivided\s+by\b)
  | (?P<lp>\\left\s*\(|\()
  | (?P<rp>\\right\s*\)|\))
  | (?P<eq>=|\bequals\b|\bis\s+equal\s+to\b|\bis\b|\bgives\b|\bmakes\b)
  | (?P<ws>(?:\s|\$|\\[,;!\ ]|\\quad)+)
  | (?P<other>[A-Za-z]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OP_MAP = {"\\times": "*", "\\cdot": "*", "\\div": "/", "−": "-", "×": "*", "·": "*", "÷": "/",
           "x": "*", "plus": "+", "minus": "-", "times": "*"}


@dataclass
class Tok:
    kind: str  # num | op | lp | rp | eq | ws | other
    text: str
    start: int
    end: int
    value: Fraction | None = None
    op: str = ""
    word_eq: bool = False  # "is"/"equals" rather than "="
    frac: tuple | None = None  # (numerator, denominator) of a \\frac token


def tokenize(text: str) -> list[Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        kind = next(k for k in ("frac", "num", "op", "lp", "rp", "eq", "ws", "other")
                    if m.group(k) is not None)
        t = Tok(kind, m.group(0), m.start(), m.end())
        if kind == "frac":
            # \frac{93}{3} is a division written as one token: it counts as an operator.
            n, d = int(m.group("fn").replace(" ", "")), int(m.group("fd").replace(" ", ""))
            t.kind = "num"
            t.frac = (Fraction(n), Fraction(d))
            t.value = Fraction(n, d) if d != 0 else None
            if t.value is None:
                t.kind = "other"
        elif kind == "num":
            t.value = Fraction(t.text.replace(",", ""))
        elif kind == "op":
            key = re.sub(r"\s+", " ", t.text.strip().lower())
            t.op = _OP_MAP.get(key, key)
            if key.startswith("multiplied"):
                t.op = "*"
            elif key.startswith("divided"):
                t.op = "/"
        elif kind == "eq":
            t.word_eq = t.text != "="
        toks.append(t)
    return toks


# ----------------------------------------------------------------------------------------------
# Expressions over tokens
# ----------------------------------------------------------------------------------------------
class _Parse:
    """Recursive descent over [num|op|lp|rp] tokens (whitespace removed). Unary minus allowed."""

    def __init__(self, toks: list[Tok]):
        self.t = toks
        self.i = 0
        self.n_ops = 0
        self.leaves: list[Fraction] = []

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def expr(self) -> Fraction:
        v = self.term()
        while (p := self.peek()) is not None and p.kind == "op" and p.op in "+-":
            self.i += 1
            self.n_ops += 1
            r = self.term()
            v = v + r if p.op == "+" else v - r
        return v

    def term(self) -> Fraction:
        v = self.unary()
        while (p := self.peek()) is not None and p.kind == "op" and p.op in "*/":
            self.i += 1
            self.n_ops += 1
            r = self.unary()
            if p.op == "*":
                v = v * r
            else:
                if r == 0:
                    raise ZeroDivisionError
                v = v / r
        return v

    def unary(self) -> Fraction:
        p = self.peek()
        if p is not None and p.kind == "op" and p.op == "-":
            self.i += 1
            return -self.unary()
        return self.atom()

    def atom(self) -> Fraction:
        p = self.peek()
        if p is None:
            raise ValueError("unexpected end")
        if p.kind == "num":
            self.i += 1
            if p.frac is not None:
                self.n_ops += 1
                self.leaves.extend(p.frac)
            else:
                self.leaves.append(p.value)
            return p.value
        if p.kind == "lp":
            self.i += 1
            v = self.expr()
            q = self.peek()
            if q is None or q.kind != "rp":
                raise ValueError("missing )")
            self.i += 1
            return v
        raise ValueError(f"unexpected {p.text!r}")


def _evaluate(toks: list[Tok]) -> tuple[Fraction, int, list[Fraction]] | None:
    """(value, number of binary operators, leaf numbers) or None if not a whole expression."""
    p = _Parse(toks)
    try:
        v = p.expr()
    except (ValueError, ZeroDivisionError):
        return None
    if p.i != len(toks):
        return None
    return v, p.n_ops, p.leaves


_MATH = ("num", "op", "lp", "rp")


# ----------------------------------------------------------------------------------------------
# Claims
# ----------------------------------------------------------------------------------------------
@dataclass
class Claim:
    start: int              # character span of the whole claim "a op b = c"
    end: int
    expression: str         # the left side as written, e.g. "77 + 4758"
    claimed: Fraction       # what the text says it equals
    true_value: Fraction    # what it equals
    correct: bool
    n_ops: int              # operators on the left side
    operands: tuple = ()    # (a, op, b) for a simple binary claim, else ()
    role: str = "step"      # step | check | recheck | revision
    revises: int | None = None   # for a revision/recheck: index of the claim it revisits
    revised_by: int | None = None  # index of the last later claim that revisits this one
    doubted: bool = False   # the model doubted this step right after writing it
    token_start: int | None = None

    @property
    def key(self) -> tuple | None:
        """Order-free identity of a binary computation: 12 + 21 and 21 + 12 are the same."""
        if not self.operands:
            return None
        a, op, b = self.operands
        return (op, *sorted((a, b))) if op in "+*" else (a, op, b)

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("claimed", "true_value"):
            d[k] = _num_str(d[k])
        d["operands"] = [(_num_str(x) if not isinstance(x, str) else x) for x in self.operands]
        return d


def _num_str(v) -> str | int | float:
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return v


def extract_claims(text: str) -> list[Claim]:
    """Every "expression = value" in the text, in order of appearance."""
    toks = tokenize(text)
    for t in toks:  # a line break ends an expression: "16 / 8 = 2\n-9 + 2 = -7" is two claims
        if t.kind == "ws" and "\n" in t.text:
            t.kind = "nl"
    # Indices of non-whitespace tokens, so the scan can step over spaces.
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    claims: list[Claim] = []
    for si, ti in enumerate(sig):
        eq = toks[ti]
        if eq.kind != "eq":
            continue
        # --- left side: the longest run of math tokens just before "=" ---
        j = si - 1
        while j >= 0 and toks[sig[j]].kind in _MATH:
            j -= 1
        left = [toks[sig[k]] for k in range(j + 1, si)]
        # --- right side: a run of math tokens just after "=" ---
        k = si + 1
        while k < len(sig) and toks[sig[k]].kind in _MATH:
            k += 1
        right = [toks[sig[m]] for m in range(si + 1, k)]
        lv = _longest_valid_suffix(left)
        rv = _longest_valid_prefix(right, stop_at_op=eq.word_eq)
        if lv is None or rv is None:
            continue
        (lval, lops, lleaves, ltoks), (rval, _, _, rtoks) = lv, rv
        if lops == 0:
            continue  # "x = 5" or "the answer is 5": not an arithmetic claim
        operands = _binary_operands(ltoks) if lops == 1 else ()
        start, end = ltoks[0].start, rtoks[-1].end
        claims.append(Claim(start, end, text[ltoks[0].start:ltoks[-1].end], rval, lval,
                            lval == rval, lops, operands))
    return claims


def _binary_operands(toks: list[Tok]) -> tuple:
    """(a, op, b) for a claim with one binary operator: '-20 * 3', '108 + (-20)', '\\frac{93}{3}'."""
    depth = 0
    for i, t in enumerate(toks):
        depth += {"lp": 1, "rp": -1}.get(t.kind, 0)
        unary = i == 0 or toks[i - 1].kind in ("op", "lp")
        if t.kind == "op" and depth == 0 and not unary:
            a, b = _evaluate(toks[:i]), _evaluate(toks[i + 1:])
            if a is not None and b is not None:
                return (a[0], t.op, b[0])
    if len(toks) == 1 and toks[0].frac is not None:  # \\frac{93}{3}
        return (toks[0].frac[0], "/", toks[0].frac[1])
    return ()


def _longest_valid_suffix(left: list[Tok]):
    """The longest well-formed expression that ends at the '=' (drops stray leading tokens)."""
    for s in range(len(left)):
        part = left[s:]
        if part and part[0].kind == "op" and part[0].op != "-":
            continue
        r = _evaluate(part)
        if r is not None:
            return (*r, part)
    return None


def _longest_valid_prefix(right: list[Tok], stop_at_op: bool):
    """The value after '=': a number, '(-20)', or an expression ('31 + 77' in a chain)."""
    ends = range(len(right), 0, -1)
    if stop_at_op:  # "5 plus 3 is 8, so ..." : after a word '=' take just the number
        ends = range(min(len(right), 3), 0, -1)
    for e in ends:
        part = right[:e]
        r = _evaluate(part)
        if r is not None:
            return (*r, part)
    return None


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
    - check:    a claim right after a check cue ("Let me check: 33 - 21 = 12");
    - step:     everything else.
    A recheck right after its own step, after a doubt cue ("Hmm, wait, is that right?"), marks the
    step as doubted: a false alarm if the step was right.
    """
    retractions: list[Retraction] = []
    last_by_key: dict[tuple, int] = {}
    last_step = None  # index of the most recent step-role claim
    for i, c in enumerate(claims):
        gap = text[claims[i - 1].end if i else 0:c.start]
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
# Final answer
# ----------------------------------------------------------------------------------------------
_ANSWER_IS = re.compile(r"answer\s*(?:is|:|=)\s*:?\s*\$?\s*(\(?-?[\d,./]+\)?)", re.IGNORECASE)
_LAST_NUM = re.compile(r"-?\d{1,3}(?:,\d{3})+(?!\d)|-?\d+(?:\.\d+)?")


def _boxed_contents(text: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"\\boxed\s*\{", text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth == 0:
            out.append((m.start(), text[m.end():i - 1]))
    return out


def parse_number(s: str) -> Fraction | None:
    """'6606', '-20', '6,606', '(-20)', '\\frac{93}{3}', '93/3', '$31$' -> a Fraction, else None."""
    s = s.strip().strip("$").strip().rstrip(".")
    toks = [t for t in tokenize(s) if t.kind != "ws"]
    if not toks or any(t.kind not in _MATH for t in toks):
        return None
    r = _evaluate(toks)
    return r[0] if r is not None else None


def extract_answer(text: str) -> tuple[str | None, Fraction | None]:
    """The final answer: the last \\boxed{}, else the last 'the answer is X', else the last number.

    If the text has a </think>, what follows it is searched first (a reflective trace mentions many
    candidate answers while thinking); the thinking is searched only if nothing is found there.
    """
    tail = text.rsplit("</think>", 1)[-1]
    for part in dict.fromkeys([tail, text]):  # tail first, then everything (once if the same)
        boxed = _boxed_contents(part)
        if boxed:
            return boxed[-1][1], parse_number(boxed[-1][1])
        found = _ANSWER_IS.findall(part)
        if found:
            return found[-1], parse_number(found[-1])
    for part in dict.fromkeys([tail, text]):
        nums = _LAST_NUM.findall(part)
        if nums:
            return nums[-1], parse_number(nums[-1])
    return None, None


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
            "answer": _num_str(self.answer) if self.answer is not None else None,
            "gold": _num_str(self.gold) if self.gold is not None else None,
            "answer_correct": self.answer_correct,
            "steps": [asdict(m) for m in self.steps],
            "first_step_error": self.first_step_error,
            "process_correct": self.process_correct if self.steps else None,
            "outcomes": self.outcomes,
        }


def check(text: str, gold=None, problem=None, tokenizer=None) -> TraceCheck:
    """Check a completion. `gold` is the expected final answer (taken from `problem` if given).

    Garbage in gives an empty record, never an exception.
    """
    text = text if isinstance(text, str) else ""
    rec = TraceCheck()
    rec.claims = extract_claims(text)
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
        rec.gold = gold if isinstance(gold, Fraction) else parse_number(str(gold))
        rec.answer_correct = rec.answer is not None and rec.gold is not None and rec.answer == rec.gold
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
