"""Claim extraction: find every arithmetic claim ("a op b = c") in any text and evaluate it exactly.

This is the reading half of the step checker (training/task/checker.py judges what is read here).
It reads the world's traces ("77 + 4758 = 4885") and real model prose or LaTeX alike:

    3 dozen donuts x $68 per dozen = $204          words and currency between the numbers
    10 \\text{ miles/hour} \\times 3 \\text{ hours} = 30     LaTeX with \\text{} annotations
    400 (monkeys) + 800 (gorillas) = 1200           labels in brackets
    25% of $40 = $10,  180 - 30% = 126,  5\\% \\times 140 = 7
    \\frac{3(x-2)+4}{x-2}  (algebra: not read)      \\frac{4}{-2-2} = -1   (read)
    2(4*125) = 1000,  (50)(2) = 100,  2^{10} = 1024,  3**2 = 9,  1\\frac{2}{3} = 5/3
    440 / 7 ≈ 62.857   (judged at the precision shown)

and claims made in words, as small models and R1-style traces write them (see claim_words):

    300 times 234, which is 70,200           20 times 234, giving me 4,680     3 by 234, resulting in 702
    thirty-six minus eight leaves twenty-six  3 doubled is 6   twice 6 is 12    Half of 12 is 6
    the product of 12 and 3. This is 16      (the result in the next sentence)
    subtract 8 from 24 to get 48             17 subtracted from 83 is 66        45 added to 38 is 83
    We can rewrite 6/3 as 3/4                5/6 is the same as 20/24          16/8, or 2   (equivalences)
    The least common multiple of 18 and 10 is 18      the reciprocal of 2/5 is 5/2      17 squared is 289
    add 10 to that result, which gives us 15          When I add these together, I get 75,582
    multiply 2 by 3 and add 4, which gives 10         the sum of 6 (the third term) and 3 (the first), which is 9
    11 is the result of that subtraction     The factorial of 4 is 24     add 44 twice, that is 88
    the denominator of 6/2, which is 2   2 divided by 19 leaves a remainder of 2   (not arithmetic: not read)

How a claim is read, in layers (each module imports only those above it in this list):
  1. claim_tokens: the text becomes tokens (Kind) - numbers (with currency, thousands separators,
     percent), operators (+ - * / ^ x \\times \\cdot \\div "plus" "times" ...), brackets, \\frac, the
     signs "=", "≈", "\\approx" (and the words "is", "equals"...), annotations (unit words, \\text{},
     bracketed labels) and everything else. Letters that stand for numbers ("x", "3T", "f(2)",
     "\\pi", "\\sqrt") are variables: a claim that touches one is algebra, not arithmetic
     ("200 - 20 = 3x" is never read as "200 - 20 = 3"). Number words become numbers and result
     phrases become signs.
  2. claim_values: a side is evaluated exactly with fractions, and a claim judged at the precision
     it shows ("=" exact, except 100/3 = 33.33; "≈" and "about" rounded).
  3. claim_words: an operation in words becomes one number token that keeps its operations ("the
     product of 12 and 3" counts as 12 * 3); claim_symbols: at each sign, the scans walk outwards
     over a grammar of alternating operands and operators.
  4. here: a claim needs an operator on its left ("31 + 77 = 108"), or - written the other way
     round - a bare number on its left and an expression on its right ("242 = 2 * 11 * 11").

Signs whose sides cannot both be read are counted too (equals_counts), so a caller can say how much
of a text was checkable at all (TraceCheck.coverage): every "=", "≈" and "\\approx", and every sign in
words that looks like a claim (numbers on both sides, an operation on one: _claim_shaped), read or not.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import Enum
from fractions import Fraction

from training.task.claim_symbols import (
    CUT,
    REJECT,
    Side,
    Stream,
    binary_operands,
    counted_before,
    left_end,
    opaque_before,
    opaque_when,
    scan_left,
    scan_right,
    skip_transparent,
)
from training.task.claim_tokens import CLAUSE_WORDS, Kind, SignKind, Tok, is_comparison, spells
from training.task.claim_values import Parser, judge
from training.task.claim_words import resolve_reference, stated_result, tokenize

# The public names: the checker and the answer reader import these from here.
__all__ = ["Claim", "equals_counts", "extract_claims", "judge", "num_str", "parse_number", "tokenize"]


# ----------------------------------------------------------------------------------------------
# Claims
# ----------------------------------------------------------------------------------------------
class Unread(Enum):
    """Why a sign gave no claim."""

    NOT_ARITHMETIC = "not arithmetic"  # algebra, a function, words as operands, a remainder, a label
    UNREADABLE = "unreadable"          # a notation or phrasing the reader does not know: maybe arithmetic
    INTRODUCTION = "introduction"      # a sign in words that leads into an equation ("which gives us 8 + 2 = 10"):
                                       # the claim is the equation's, read at its "="


@dataclass
class Claim:
    start: int              # character span of the whole claim "a op b = c"
    end: int
    expression: str         # the computed side as written, e.g. "77 + 4758"
    claimed: Fraction       # what the text says it equals
    true_value: Fraction    # what it equals
    correct: bool
    n_ops: int              # operators in the computed side
    operands: tuple = ()    # (a, op, b) for a simple binary claim, else ()
    role: str = "step"      # step | check | recheck | revision
    revises: int | None = None   # for a revision/recheck: index of the claim it revisits
    revised_by: int | None = None  # index of the last later claim that revisits this one
    checks: int | None = None     # for a check by the inverse ("Let me check: 3 * 5 = 15"): the step it checks
    doubted: bool = False   # the model doubted this step right after writing it
    token_start: int | None = None
    approx: bool = False    # claimed with ≈ / "about": judged at the precision shown
    sign_at: int | None = None  # character offset of the claim's "=" (or ≈, or the verb of a sign in words)

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
            d[k] = num_str(d[k])
        d["operands"] = [(num_str(x) if not isinstance(x, str) else x) for x in self.operands]
        return d


def num_str(v) -> str | int | float:
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return v


def _is_sign(t: Tok) -> bool:
    """An "=", "≈" or "\\approx" written as a symbol (word signs do not count towards coverage)."""
    return t.kind == Kind.EQ and not t.word_eq


def _bare_number_before(st: Stream, i: int) -> bool:
    """Does the number at i begin a clause, so "242 = 2 * 11 * 11" can be read backwards?

    It must follow a boundary (line start, punctuation, a math delimiter, a list bullet), a clause
    word ("... is 20000 = 15000 + 5000") or another sign: an "=" in a chain ("6*18 = 102 = 2*18*3" claims
    2*18*3 = 102 too) or a sign in words that announces the equation ("resulting in 8 = 16 + 1"); not a
    label ("Step 2 = ...") or a variable.
    """
    if st.s[i].kind != Kind.NUM or st.s[i].pct:
        return False
    p = st.s[i - 1] if i > 0 else None
    if p is not None and p.kind == Kind.OP and p.op == "-" and not st.s[i].glued:  # "- **4** = ..."
        before = st.s[i - 2] if i > 1 else None
        return before is None or before.kind in (Kind.NL, Kind.STOP, Kind.DELIM)
    if p is None or p.kind in (Kind.NL, Kind.STOP, Kind.DELIM, Kind.EQ):
        return True
    if p.kind in (Kind.WORD, Kind.TEXT):
        words = re.findall(r"[A-Za-z]+", p.text[p.text.find("{") + 1:] if p.kind == Kind.TEXT else p.text)
        return bool(words) and words[-1].lower() in CLAUSE_WORDS
    return False


def _crossed(st: Stream, a, i: int) -> bool:
    """Does a pointer sign's left side lie in the sentence before it ("... 12 and 3. This is 16")?"""
    return isinstance(a, int) and any(t.kind == Kind.STOP and t.text == "." for t in st.s[a:i])


def _reads_backwards(st: Stream, a: int, i: int, eq: Tok, left: Side) -> bool:
    """May "number SIGN expression" be read as "expression = number"?

    Symbols: "242 = 2 * 11 * 11", the number alone at the start of a clause. Words: "323 is 300
    plus 20 plus 3" (the same, with "is" or "equals"), "2, which is the difference of 7 and 5" (a
    number, then a comma sign), "rewrite 18 as 4*2*3" (two forms of one number), "the answer 28 is 9*4" (a
    number its noun calls a result). "3 hours would be
    3 times 60" is not read: a unit between the number and the sign makes it a description.
    """
    if left.literal is None or left.literal.ops:
        return False
    if not eq.word_eq:
        return not eq.approx and a == i - 1 and _bare_number_before(st, a)
    if eq.sign_kind == SignKind.EQUIV:
        return True
    if eq.sign_kind == SignKind.COMMA:
        return a == i - 2 and st.s[i - 1].kind == Kind.STOP and st.s[i - 1].text == ","
    if eq.sign in ("is", "equals", "is equal to"):
        return a == i - 1 and (_bare_number_before(st, a) or spells(st.s, a - 1, "|".join(_RESULT_NOUNS)))
    return False


# Nouns that name the number after them as a result: "the answer 28 is the value of 9*4".
_RESULT_NOUNS = {"answer", "result", "total", "value", "sum", "product", "difference", "quotient"}


def extract_claims(text: str, counts: dict | None = None) -> list[Claim]:
    """Every "expression = value" in the text, in order of appearance.

    If `counts` is given it is filled with equals_total (signs "=", "≈", "\\approx" in the text)
    and equals_checked (those whose two sides were read and evaluated), words_total (signs in
    words that look like claims, see _claim_shaped) and words_checked (those read), and unchecked:
    the character spans of the signs not read that look like arithmetic claims (_unchecked_span).
    """
    text = text if isinstance(text, str) else ""
    toks = tokenize(text)
    st = Stream(toks)
    claims: list[Claim] = []
    total = checked = words_total = words_checked = 0
    unchecked: list[tuple[int, int]] = []
    refs = [k for k, t in enumerate(st.s) if t.ref]
    r = 0
    for i, eq in enumerate(st.s):
        if eq.kind != Kind.EQ:
            continue
        # "add 4 to that result": the claims before it are read; "11 is the result of that subtraction": a named
        # operation right after the sign, too
        while r < len(refs) and (refs[r] < i or refs[r] == i + 1 and st.s[refs[r]].ref[0] == "named"):
            resolve_reference(text, st.s[refs[r]], claims, stated_result(st.s, refs[r]))
            r += 1
        sign = _is_sign(eq)
        total += sign
        claim = _read_claim(text, st, i, eq, claims[-1] if claims else None)
        read = isinstance(claim, Claim)
        if read:
            claims.append(claim)
            checked += sign
        elif claim == Unread.UNREADABLE and (span := _unchecked_span(st, i)) is not None:
            unchecked.append(span)
        if eq.word_eq and claim != Unread.INTRODUCTION and (read or _claim_shaped(st, i)):
            words_total += 1
            words_checked += read
    if counts is not None:
        counts.update(equals_total=total, equals_checked=checked, words_total=words_total,
                      words_checked=words_checked, unchecked=unchecked)
    return claims


def _operands_around(st: Stream, i: int) -> tuple[int, int] | None:
    """(a, b): the tokens that end the left side and start the right side of the sign at i, when both
    are operands (a number, a bracket, an operation in words); else None. A comma or full stop before
    a sign in words, and a line break or math delimiter around a sign in symbols, are stepped over."""
    s = st.s
    a = left_end(st, i)
    if a is None:
        return None
    if a >= 0 and (s[a].kind == Kind.LP or (s[a].kind == Kind.STOP and s[a].text in ",.")):
        a -= 1
    b = skip_transparent(s, i + 1)
    if not s[i].word_eq:
        while a >= 0 and s[a].kind in (Kind.NL, Kind.DELIM):
            a -= 1
        while b < len(s) and s[b].kind == Kind.DELIM:
            b += 1
    if a < 0 or b >= len(s) or s[a].kind not in (Kind.NUM, Kind.RP, Kind.REF) or \
            s[b].kind not in (Kind.NUM, Kind.LP, Kind.REF, Kind.FRAC) and not (s[b].kind == Kind.OP and s[b].op == "-"):
        return None
    return a, b


def _sentence(s: list[Tok], k: int, step: int) -> list[Tok]:
    """Up to 12 tokens from s[k] in direction step, up to the end of the sentence, a line or another sign."""
    out = []
    while 0 <= k < len(s) and len(out) < 12:
        t = s[k]
        if t.kind in (Kind.NL, Kind.EQ) or (t.kind == Kind.STOP and t.text in ".;:?!"):
            break
        out.append(t)
        k += step
    return out


def _has_op(toks: list[Tok]) -> bool:
    return any(t.kind in (Kind.OP, Kind.FRAC, Kind.REF) or (t.kind == Kind.NUM and t.ops > 0) for t in toks)


def _claim_shaped(st: Stream, i: int) -> bool:
    """Does a sign look like a claim the checker did not read? A number (or an operation) right before
    it and right after it, and an operation on one side within the sentence ("the denominator of 6/2,
    which is 2", "4, which is the result of 8 divided by itself"). Signs in words that do count against
    coverage, so what was not read stays visible."""
    ends = _operands_around(st, i)
    if ends is None:
        return False
    a, b = ends
    if st.s[i].sign_kind == SignKind.POINTER and st.s[i - 1].kind == Kind.STOP and st.s[i - 1].text == ".":
        # "... 12 and 3. This is 16": the sentence before holds it; "... = 5. This is the same as 2 + 2": the
        # result of an equation, restated
        restates = _says_same(st.s[i]) and st.s[a - 1].kind == Kind.EQ
        return _has_op(_sentence(st.s, a, -1)) or restates and _has_op(_sentence(st.s, b, 1))
    return _has_op(_sentence(st.s, a, -1)) or _has_op(_sentence(st.s, b, 1))


def _unchecked_span(st: Stream, i: int) -> tuple[int, int] | None:
    """The characters of the statement at a sign the reader could not read (Unread.UNREADABLE), when it
    looks like an arithmetic claim: numbers right before and after the sign, and an operation among the
    numbers next to it ("21 +3) * 2 = 54", "Adding these, we get 24") or, for a sign in words, an operation
    named in words in its sentence ("we add the values of 12 and 15, which gives us 28"); no operand left
    out, and no variable or function in its sentence (that is algebra, not an unread claim)."""
    ends = _operands_around(st, i)
    if ends is None:
        return None
    a, b = ends
    before, after = _sentence(st.s, a, -1), _sentence(st.s, b, 1)
    if any(t.kind in (Kind.VAR, Kind.FUNC) for t in before + after):
        return None
    left, right = _math_run(before)[::-1], _math_run(after)
    if left[0].kind in (Kind.OP, Kind.RP) or right[-1].kind == Kind.LP or \
            not all(any(t.kind in (Kind.NUM, Kind.REF) for t in side) for side in (left, right)):
        return None  # "\\text{Carlton's team} + 7 = 13 + 7", "(last term) / 2 = 78": words are an operand
    if _claim_shaped(st, i) and _has_op(left + right):
        return left[0].start, right[-1].end
    named = [t for t in before if t.kind == Kind.WORD and t.text.lower() in _OPERATION_WORDS]
    operands = [t for t in before if t.kind in (Kind.NUM, Kind.REF)]
    if st.s[i].word_eq and named and (len(operands) >= 2 or any(t.kind == Kind.REF for t in operands)):
        return named[-1].start, right[-1].end  # the operation, its operands, and the result in words
    return None


# Words that name an operation whose operands and result a sentence may give in words.
_OPERATION_WORDS = {"add", "adding", "added", "sum", "subtract", "subtracting", "subtracted", "difference",
                    "multiply", "multiplying", "multiplied", "product", "divide", "dividing", "divided", "quotient",
                    "combine", "combining", "total"}


def _math_run(toks: list[Tok]) -> list[Tok]:
    """The numbers, operators and brackets at the start of toks."""
    math = (Kind.NUM, Kind.OP, Kind.LP, Kind.RP, Kind.FRAC, Kind.REF)
    return toks[:next((k for k, t in enumerate(toks) if t.kind not in math), len(toks))]


def _leads_into_equation(st: Stream, b) -> bool:
    """Does the right side of a sign in words, ending at b, go on into an "=" ("adding them together, which
    gives us 8 + 2 = 10"; "resulting in 8 = 16 + 1")? Unless its left side is written out (_written_out), the
    words announce that equation, and the claim is the equation's."""
    return isinstance(b, int) and b + 1 < len(st.s) and _is_sign(st.s[b + 1])


def _written_out(st: Stream, a, i: int) -> bool:
    """Is the left side of the sign at i, starting at a, arithmetic with a plain value ("13*15 - 10, which is
    13*15 - 10 = 185" and "add 1 to this result to get 6*1 = 6" claim both), rather than words or a run of
    earlier results ("adding them together", "adding these": which results, the equation after it says)? A bare
    number is not, unless the sign says it is the same ("2, which is the same as 8 - 4 = 2"): it is what the
    equation after it computes, or a word's operand."""
    if not isinstance(a, int):
        return False
    if _is_bare_number(st.s[a:i]) and st.s[i].sign_kind != SignKind.EQUIV:
        return False  # "7 can be taken from 4 and 7, which results in 4+4-7 = 11": the words announce it
    return not any(t.kind == Kind.REF or t.ref[:1] in (("run",), ("unsure",)) for t in st.s[a:i])


def _is_bare_number(toks: list[Tok]) -> bool:
    """A side that is one plain number, with no operation (the comma of a sign in words may follow it)."""
    nums = [t for t in toks if t.kind != Kind.STOP]
    return len(nums) == 1 and nums[0].kind == Kind.NUM and not nums[0].ops


def _read_claim(text: str, st: Stream, i: int, eq: Tok, last: Claim | None = None) -> Claim | Unread:
    """The claim at the sign st.s[i] (last: the claim read just before it), or why there is none."""
    a = scan_left(st, i)
    b, approx_word = scan_right(st, i)
    leads = eq.word_eq and _leads_into_equation(st, b)
    if leads and not _written_out(st, a, i):
        return Unread.INTRODUCTION
    if a == REJECT or b == REJECT:
        return Unread.NOT_ARITHMETIC
    if a is None or b is None or a == CUT or b == CUT:
        return Unread.UNREADABLE
    if eq.word_eq and (a > 0 and is_comparison(st.s[a - 1]) or b + 1 < len(st.s) and is_comparison(st.s[b + 1])):
        return Unread.NOT_ARITHMETIC  # "7/4 < x < 7/3, which simplifies to 1.75 < x": sides of inequalities
    right_start = skip_transparent(st.s, i + 1) if eq.word_eq else i + 1  # "gives us: 3"
    left, right = Side(st, a, left_end(st, i)), Side(st, right_start, b)
    if left.value is None or right.value is None:
        return Unread.UNREADABLE
    if not eq.word_eq and any(t.kind == Kind.NUM and t.verbal and t.literal for t in left.items + right.items):
        return Unread.NOT_ARITHMETIC  # number words around "=" are labels ("... four packets = two packets")
    approx = eq.approx or approx_word
    reversed_ = False
    if eq.word_eq and opaque_before(st, a) or opaque_when(st, a):
        return Unread.NOT_ARITHMETIC  # "the denominator of 6/2, which is 2", "the remainder when 5 is divided by 3"
    if counted_before(st, a):
        return Unread.UNREADABLE  # "2 bags of 3 + 4 = 7": the bags may multiply the sum
    restated = _restatement(st, a, i, right, last) if left.n_ops == 0 else None
    if restated is False or eq.word_eq and _crossed(st, a, i) and left.n_ops == 0 and not restated:
        return Unread.UNREADABLE
    if eq.sign_kind == SignKind.COMMA and _last_of_a_list(st, a) or not _names_its_operation(eq, left):
        return Unread.UNREADABLE
    if left.n_ops == 0 and approx and right.n_ops == 0:
        pass  # "27.8 ≈ 28": a rounding, judged at the precision shown
    elif left.n_ops == 0 and right.n_ops == 0:
        # two bare numbers are no computation, except two forms of one number: "75%, or 0.75"
        if not (eq.sign_kind == SignKind.EQUIV and left.has_pct != right.has_pct or _bare_sentence(st, a, b, eq, last)):
            return Unread.UNREADABLE
    elif left.n_ops == 0:
        # "242 = 2 * 11 * 11": a bare number, then the expression it equals
        if not (restated or _reads_backwards(st, a, i, eq, left)):
            return Unread.UNREADABLE
        left, right, reversed_ = right, left, True
    after = text[st.s[b].end:st.s[b].end + 40].lower()
    if re.match(r"[\s,(]*(?:\\text\s*\{\s*)?(?:with\s+)?(?:a\s+|the\s+)?(?:remainder|r\s*\d)", after) and \
            _divides(left.items):
        # "999/99 = 10 with a remainder of 9": a division with remainder ("(1-7+3) - 1 = 4 remainder" holds none)
        return Unread.NOT_ARITHMETIC
    verdict = _verdict(left, right, approx, running=not eq.word_eq and not reversed_)
    if verdict is None:
        return Unread.UNREADABLE
    ok, claimed = verdict
    ok = ok or not eq.word_eq and not reversed_ and _grouping_unsaid(st, a, left_end(st, i), right, approx)
    if leads and not ok and _crossed(st, a, i):
        # "... the reciprocal of 9*7. This is 9*7 = 54": "this" may be the sentence before or the equation after;
        # only where the sentence before is right does either reading say so
        return Unread.INTRODUCTION
    lo, hi = (left, right) if not reversed_ else (right, left)
    start = lo.first.start
    end = hi.last.end
    expr_text = text[left.first.start:left.last.end]
    return Claim(start, end, expr_text, claimed, left.value, ok, left.n_ops,
                 binary_operands(left), approx=approx, sign_at=_verb_at(eq))


# "Add 5 and 7. The sum is 12.": the noun of a pointer sign, and the operation it names
_POINTER_NOUNS = {"sum": "+", "product": "*", "difference": "-", "quotient": "/"}


def _names_its_operation(eq: Tok, left: Side) -> bool:
    """Does a pointer that names an operation ("The sum is", "the product will be") point at that operation (the
    left side a sum of two operands, and so on)? Any other sign does."""
    m = re.match(r"the\s+(\w+)\s", eq.sign)
    if not m or m.group(1) not in _POINTER_NOUNS:
        return True
    operands = binary_operands(left)
    return bool(operands) and operands[1] == _POINTER_NOUNS[m.group(1)]


def _grouping_unsaid(st: Stream, a: int, e: int, right: Side, approx: bool) -> bool:
    """Is "A multiplied by B * C = R" right in a reading its words leave open? An operation in words whose right
    operand is an expression in symbols does not say what it applies to: all of it, "A * (B * C)", or none, the
    equation B * C = R after words ("2 units multiplied by 2 * 2 = 4 units"). Right in either reading, it is right."""
    words = [k for k in range(a + 1, e) if st.s[k].kind == Kind.OP and st.s[k].text[:1].isalpha()]
    if not words:
        return False
    tail, head = Side(st, words[-1] + 1, e), Side(st, a, words[-1] - 1)
    if tail.value is None or tail.n_ops == 0:
        return False
    readings = [tail.value]
    if head.value is not None and st.s[words[-1]].op in "*/" and (tail.value or st.s[words[-1]].op == "*"):
        readings.append(head.value * tail.value if st.s[words[-1]].op == "*" else head.value / tail.value)
    return any(judge(v, right.value, right.literal, approx) for v in readings)


def _verdict(left: Side, right: Side, approx: bool, running: bool) -> tuple[bool, Fraction] | None:
    """(right?, the value claimed) for "left = right", where any plain reading of the text makes it right; None
    where it is right only in a reading the text does not make plain (an "it" that may be another number)."""
    claimed = right.value
    ok = judge(left.value, claimed, right.literal, approx)
    if right.has_pct and not left.has_pct and right.literal is not None and not ok:
        # "x = p%" says x = p/100 ("12/16 = 75%") or that p is x in percent ("(4 / 20) * 100 = 20%"):
        # right when either reading is; wrong in both, it is shown in the nearer one
        as_unit = right.literal.value
        ok = judge(left.value, as_unit, right.literal, approx)
        if ok or abs(as_unit - left.value) < abs(claimed - left.value):
            claimed = as_unit
    if not ok and running and _running_total(left, right, approx):
        ok, claimed = True, right.items[0].value  # "19 + 9 = 28 + 7": 28, and then 7 more
    ref = left.items[0].ref if len(left.items) == 1 else ()
    if not ok and ref and ref[0] == "run" and claimed in ref[2]:
        ok, left.value = True, claimed  # "add these together": some run of the claims before does give it
    if not ok and ref and ref[0] == "unsure":
        return None  # "5 + 3 = 8. She buys 4 more. Double it to get 24": "it" may be 12, not 8
    if not ok and len(left.items) == 1 and claimed in left.items[0].alts or \
            len(right.items) == 1 and left.value in right.items[0].alts:
        ok, claimed = True, left.value  # "the difference between 6 and 9 is 6 - 9"
    return ok, claimed


def _says_same(eq: Tok) -> bool:
    """Is the sign a pointer that says its two sides are the same ("This is the same as", "It is equal to"), or
    one that names the result it points at ("This result is", "That value is")?"""
    same = r"same\s+as|equivalent\s+to|equal\s+to|^(?:this|that)\s+(?:result|value|number)\b"
    return eq.sign_kind == SignKind.POINTER and bool(re.search(same, eq.text, re.IGNORECASE))


def _names_the_result(st: Stream, i: int) -> bool:
    """Is the sign at i a pointer that calls what it points at the result of what follows ("This is the result of
    subtracting 2 from 6", "It is the sum of 1 + 3*7")? Then it restates the claim just before, as "the same as"
    does."""
    eq, s = st.s[i], st.s
    named = spells(s, i + 1, "the") and skip_transparent(s, i + 1) > i + 1 or \
        i + 1 < len(s) and s[i + 1].kind == Kind.NUM and s[i + 1].ops and s[i + 1].text.lower().startswith("the ")
    return eq.sign_kind == SignKind.POINTER and eq.text.split()[0].lower() in ("this", "it", "that") and named


def _restatement(st: Stream, a: int, i: int, right: Side, last: Claim | None) -> bool | None:
    """Does a pointer that says "the same" restate the result of the claim just before ("2 * 4 = 8. This is the
    same as 10 - 2", "It is equivalent to 3 + 5")? Its left side, starting at a, is then that claim's result, and
    its right side holds an operation: True where the claim before is right. Where it is wrong, "this" may be
    its result or its expression: False (not read) where the two readings give different verdicts, True where
    the restatement is wrong either way. None: no restatement ("= 152. That leaves 51 + 5" says what is left)."""
    if not (_says_same(st.s[i]) or _names_the_result(st, i)) or last is None or last.end != st.s[a].end or \
            right.n_ops == 0:
        return None
    return last.correct or right.value not in (last.claimed, last.true_value)


def _running_total(left: Side, right: Side, approx: bool) -> bool:
    """Does the right side go on from the left side's value, as a running sum ("19 + 9 = 28 + 7 = 35", "6 - 5 =
    1 - 3")? It is that value, plus or minus one more number. Read so, the claim is its first number; read as
    two equal sides, it would say the number added is nothing, which no writer means. Products and longer
    sides are left as equivalences ("6/2 = 3*3" claims 3 = 9)."""
    items = right.items
    if left.n_ops == 0 or len(items) != 3 or items[0].kind != Kind.NUM or items[0].ops or items[0].pct:
        return False
    plain = items[2].kind == Kind.NUM and not items[2].ops
    return items[1].kind == Kind.OP and items[1].op in "+-" and plain and judge(left.value, items[0].value, items[0],
                                                                               approx)


def _last_of_a_list(st: Stream, a: int) -> bool:
    """Is the left side of a comma sign, starting at a, the last of a list ("6*18 and 3*6, which equals 21")?
    Then what "which" stands for, the last one or all of them, the text does not say."""
    s = st.s
    joined = a > 1 and (spells(s, a - 1, "and") or s[a - 1].kind == Kind.STOP and s[a - 1].text == ",")
    return joined and s[a - 2].kind in (Kind.NUM, Kind.RP)


def _bare_sentence(st: Stream, a: int, b: int, eq: Tok, last: Claim | None) -> bool:
    """Two numbers and "=" that make a sentence of their own ("Hmm, wait, is that right? -6 = -3. Oops."), or the
    next of a list of claims (last: the claim just before, ending at the comma: "For example, 8/4 = 2, 2/4 = 1,
    7 = 2."): a claim that they are equal, not a label or a step heading. Only with "=" and nothing else in the
    sentence, and no variable next to it (a line of algebra: "7y" then "14 = 2")."""
    s = st.s
    def _ends(k: int) -> bool:
        return k < 0 or k >= len(s) or s[k].kind == Kind.NL or s[k].kind == Kind.STOP and s[k].text in ".?!"
    def _comma(k: int) -> bool:
        return 0 <= k < len(s) and s[k].kind == Kind.STOP and s[k].text == ","
    listed = _comma(a - 1) and last is not None and last.end == s[a - 2].end and (_ends(b + 1) or _comma(b + 1))
    algebra = any(x.kind in (Kind.VAR, Kind.FUNC) for x in s[max(0, a - 8):b + 9])  # "So 7y\n14 = 2"
    return not eq.word_eq and eq.text == "=" and (listed or _ends(a - 1) and _ends(b + 1)) and not algebra


def _divides(items: list[Tok]) -> bool:
    """Does a side hold a division (in symbols, as \\frac, or in words)?"""
    return any(t.kind == Kind.FRAC or t.kind == Kind.OP and t.op == "/" or
               t.operands and t.operands[1] == "/" for t in items)


def _verb_at(eq: Tok) -> int:
    """Where a sign's verb starts: "is" in "This is equivalent to", "which is", "that is", "this result is" (the
    pronoun points at the left side, and an adverb after it: "which further simplifies to"), ", the result is" and
    "the result is"; "written" in "can (only) be written as" (and "expressed", "represented"); the sign's start
    otherwise."""
    m = re.match(r"(?:which|that|this|it)\s+(?:(?:result|value|number)\s+)?(?:(?:further|then|finally|now|also|simply)\s+)?"
                 r"|,\s*the\s+\w+\s+|the\s+(?:result|sum|product|difference|quotient)\s+"
                 r"|can\s+(?:only\s+|also\s+)?be\s+(?=(?:re)?written|expressed|represented)", eq.text,
                 re.IGNORECASE) if eq.word_eq else None
    return eq.start + (m.end() if m else 0)


def equals_counts(text: str) -> dict:
    """{"equals_total", "equals_checked", "words_total", "words_checked"} for a text (see extract_claims)."""
    counts: dict = {}
    extract_claims(text, counts)
    return counts


def parse_number(s: str) -> Fraction | None:
    """'6606', '-20', '6,606', '(-20)', '\\frac{93}{3}', '93/3', '$31$', '30 \\text{ miles}' -> a Fraction.

    Units, currency and \\text{} annotations around a single quantity are ignored; a percent is
    read as its number ("8\\%" -> 8). Anything else (words, variables, several numbers) gives None.
    """
    s = (s or "").strip().strip("$").strip().rstrip(".").strip()
    toks = [t for t in tokenize(s) if t.kind not in (Kind.WS,)]
    toks = [t for t in toks if t.kind != Kind.DELIM]
    # drop trailing/leading annotations: "30 \text{ miles}", "\$60", "12 dollars"
    core = [t for t in toks if t.kind not in (Kind.TEXT, Kind.WORD)]
    if not core or any(t.kind not in (Kind.NUM, Kind.OP, Kind.LP, Kind.RP, Kind.FRAC) for t in core):
        return None
    if len(core) != len(toks) and sum(t.kind == Kind.NUM for t in core) != 1 and \
            not any(t.kind == Kind.FRAC for t in core):
        return None
    for t in core:
        t.pct = False  # "8\%" is the number 8 here
    try:
        p = Parser(core)
        v = p.expr()
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return v if p.i == len(core) else None
