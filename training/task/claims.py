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

and claims made in words, as small models and R1-style traces write them (see "Claims in words"):

    300 times 234, which is 70,200           20 times 234, giving me 4,680     3 by 234, resulting in 702
    thirty-six minus eight leaves twenty-six  3 doubled is 6   twice 6 is 12    Half of 12 is 6
    the product of 12 and 3. This is 16      (the result in the next sentence)
    subtract 8 from 24 to get 48             17 subtracted from 83 is 66        45 added to 38 is 83
    We can rewrite 6/3 as 3/4                5/6 is the same as 20/24          16/8, or 2   (equivalences)
    The least common multiple of 18 and 10 is 18      the reciprocal of 2/5 is 5/2      17 squared is 289
    add 10 to that result, which gives us 15          When I add these together, I get 75,582
    the denominator of 6/2, which is 2   2 divided by 19 leaves a remainder of 2   (not arithmetic: not read)

How a claim is read:
  1. tokenize(): the text becomes tokens - numbers (with currency, thousands separators, percent),
     operators (+ - * / ^ x \\times \\cdot \\div "plus" "times" ...), brackets, \\frac, the signs
     "=", "≈", "\\approx" (and the words "is", "equals"...), annotations (unit words, \\text{},
     bracketed labels) and everything else. Letters that stand for numbers ("x", "3T", "f(2)",
     "\\pi", "\\sqrt") are variables: a claim that touches one is algebra, not arithmetic
     ("200 - 20 = 3x" is never read as "200 - 20 = 3"). Number words become numbers, result
     phrases become signs, and an operation in words becomes one number token that keeps its
     operations ("the product of 12 and 3" counts as 12 * 3): _number_words() and _verbal().
  2. At each sign, _scan_left() and _scan_right() walk outwards over a grammar of alternating
     operands and operators. An annotation is stepped over only where it sits between an operand
     and an operator ("5 apples + 8 oranges"); a variable in operand position rejects the whole
     claim ("3T/2 - 5 = 70" is never read as "2 - 5 = 70").
  3. Both sides are evaluated exactly with fractions. A claim needs an operator on its left
     ("31 + 77 = 108"), or - written the other way round - a bare number on its left and an
     expression on its right ("242 = 2 * 11 * 11").
  4. Right or wrong: "=" claims must be exact, except that a decimal written to d places is right
     when the true value needs more places and rounds to it (100/3 = 33.33). Approximate claims
     ("≈", "about") are right when the true value rounds to the claimed one at the precision shown.

Signs whose sides cannot both be read are counted too (equals_counts), so a caller can say how much
of a text was checkable at all (TraceCheck.coverage): every "=", "≈" and "\\approx", and every sign in
words that looks like a claim (numbers on both sides, an operation on one: _claim_shaped), read or not.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from fractions import Fraction

# ----------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------
_OP_MAP = {"\\times": "*", "\\cdot": "*", "\\ast": "*", "\\div": "/", "−": "-", "–": "-", "×": "*",
           "·": "*", "÷": "/", "x": "*", "X": "*", "plus": "+", "minus": "-", "times": "*",
           "**": "^"}
# Signs written in words ("is", "which is", "giving me", "we get", "should be", "this is", ", or") are
# read by the phrase group of the tokenizer; _sign_kind() says how each one joins its two sides.
# Words that may open the right side of "=" and make the claim approximate ("= about 5").
_APPROX_WORDS = {"about", "approximately", "approx", "roughly", "around"}
# Words that end an annotation run: they start a new clause, so the numbers on either side of
# them do not belong to one expression ("5 apples and 3 + 2 = 5" is not "5 + 3 + 2").
_CLAUSE_WORDS = {"is", "are", "was", "were", "be", "been", "so", "then", "therefore", "thus", "hence",
                 "which", "that", "equals", "equal", "gives", "makes", "get", "gets", "got", "has",
                 "have", "had", "and", "or", "but", "if", "when", "because", "since", "we", "i",
                 "you", "he", "she", "it", "they", "this", "these", "those", "not", "let", "where"}
# Letters written straight after a number that are units, not variables: "60m", "20kg", "5th".
_GLUED_UNITS = {"m", "g", "s", "h", "k", "cm", "mm", "km", "kg", "mg", "lb", "lbs", "oz", "ft", "in",
                "mi", "hr", "hrs", "am", "pm", "th", "st", "nd", "rd", "ml", "gb", "mb", "kb", "min",
                "sec", "mph", "kph", "yd", "yds"}
# LaTeX commands that are only layout.
_LATEX_SPACE = {"quad", "qquad", "displaystyle", "textstyle", "boxed", "big", "Big", "bigl", "bigr",
                "Bigl", "Bigr", "left", "right", "mathrel", "hspace", "phantom", "cancel", "bf",
                "underline", "overline", "color"}
# LaTeX relations: they end an expression like a full stop does.
_LATEX_REL = {"le", "leq", "ge", "geq", "ne", "neq", "equiv", "lt", "gt", "sim", "Rightarrow",
              "implies", "iff", "to", "rightarrow", "Leftrightarrow", "mapsto", "pmod", "mod",
              "bmod", "in", "subset", "cup", "cap", "therefore", "because", "leqslant", "geqslant"}
_MAX_ANNOTATION = 6  # tokens in one run of annotations ("pads of paper a week")

_TOKEN_RE = re.compile(
    r"""
    (?P<nl>\n|\\\\(?![A-Za-z])|<br\s*/?>)
  | (?P<tag></?[A-Za-z_][^<>\n]{0,40}>)
  | (?P<text>\\(?:text|textbf|textit|textrm|mathrm|mathbf|mathit|mbox|operatorname)\s*\{[^{}]*\})
  | (?P<fracdigits>\\[dt]?frac\s*(?P<fd1>\d)(?P<fd2>\d))
  | (?P<frac>\\[dt]?frac(?![A-Za-z]))
  | (?P<deg>\^\s*\{?\s*\\circ\s*\}?|°)
  | (?P<approx>\\approx(?![A-Za-z])|≈|\\simeq(?![A-Za-z])|≃)
  | (?P<pct>\\%|%)
  | (?P<num>(?:(?:\\\$|\$|€|£)\s?)?(?:\d{1,3}(?:(?:,|\{,\}|,\\!|\\,|[ \u00a0\u2009\u202f])\d{3})+(?!\d)
                |\d+(?:\.\d+)?|(?<![\d.])\.\d+))
  | (?P<currency>\\\$)
  | (?P<lp>\\left\s*(?:\(|\[|\\\{)|\\\{|[(\[{])
  | (?P<rp>\\right\s*(?:\)|\]|\\\})|\\\}|[)\]}])
  | (?P<delim>\\\(|\\\)|\\\[|\\\]|\$)
  | (?P<space>\\[,;:!>\ ]|&(?:nbsp;)?)
  | (?P<cmd>\\[A-Za-z]+)
  | (?P<rel><=|>=|==|!=|=>|<|>|≠|≤|≥|→|⇒)
  | (?P<eq>=)
  | (?P<dstar>\*\*)
  | (?P<escstar>\\\*)
  | (?P<xop>(?<=[\d\s)}])[xX](?=\s*(?:\\?\$\s?)?\d))
  | (?P<sup>[²³])
  | (?P<op>[+\-−–*×·/÷^])
  | (?P<phrase>(?i:\b(?:which\s+|that\s+|this\s+)?(?:is\s+(?:equal|equivalent)\s+to|is\s+the\s+same\s+as
               |is\s+(?:approximately|about|roughly|around)|approximately\s+equals|equals|gives(?:\s+(?:us|me))?
               |makes|totals|comes\s+to|results\s+in|leaves|(?:should|would|will|must)\s+be|is)\b
               |\b(?:giving(?:\s+(?:us|me))?|resulting\s+in|(?:we|i|you)\s+get|to\s+get|that['’]s|that\s+is|this\s+is
               |it\s+is|can\s+be\s+(?:re)?written\s+as|can\s+be\s+expressed\s+as|result\s+in)\b))
  | (?P<wordop>\bmultiplied\s+by\b|\bdivided\s+by\b|\b(?:raised\s+)?to\s+the\s+power\s+of\b)
  | (?P<word>[A-Za-z]{2,}(?:-[A-Za-z]{2,})+(?:/[A-Za-z]+)*|[A-Za-z](?:[A-Za-z'’]*[A-Za-z])?(?:/[A-Za-z]+)*)
  | (?P<bang>!)
  | (?P<ws>[ \t\r\f\v]+)
  | (?P<punct>\.\.\.|…|[.,;:?"“”|_#~`@])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Tok:
    kind: str                # see tokenize()
    text: str
    start: int
    end: int
    value: Fraction | None = None
    op: str = ""             # for kind "op": + - * / ^
    pct: bool = False        # a number written with %
    word_eq: bool = False    # an "=" written as a word
    approx: bool = False     # a sign that claims only approximate equality
    glued: bool = False      # no whitespace between this token and the previous one
    decimals: int | None = None  # digits after the point, as written (for precision)
    literal: str = ""        # the number as written, without currency or separators
    sign: str = ""           # a sign written in words, normalised ("which is", "giving me", "or")
    sign_kind: str = ""      # its kind: plain, comma, pointer, equiv (see _sign_kind)
    ops: int = 0             # operations folded into a number token ("the product of 12 and 3")
    operands: tuple = ()     # (a, op, b) of such a token when both operands are plain numbers
    verbal: bool = False     # a number written in words, or an operation read from words
    ref: tuple = ()          # an operation on an earlier result ("add 4 to that result"): see _resolve
    alts: tuple = ()         # other values the words may mean ("the difference between 6 and 9": -3 too)


def tokenize(text: str) -> list[Tok]:
    """The text as tokens. Kinds:

    num      a number (currency, thousands separators and % folded in; mixed numbers merged; number
             words; an operation in words, with its operations in Tok.ops)
    op       + - * / ^ (and their LaTeX, unicode and word spellings: "times", "by", "divided by")
    lp, rp   brackets of any shape, including \\left( and \\right)
    frac     \\frac, \\dfrac, \\tfrac (followed by two brace groups)
    eq       = (and signs in words: "is", "which is", "giving me", "to get", ", or"); ≈ \\approx
    word     an English word: a possible unit or annotation
    text     \\text{...} and friends: an annotation
    var      a letter that stands for a number, or a number glued to one ("3T", "x_1")
    func     a function or constant: \\sqrt, \\pi, \\log, f(...) markers, n!, ...
    ref      an operation on an earlier result ("add 4 to that result"), a number once resolved
    nl       a line break (also LaTeX \\\\ and <br>)
    delim    a math delimiter ($, \\(, \\), \\[, \\]): ends an expression, may touch "="
    stop     punctuation, relations, tags: they end an expression
    odd      any other symbol: ends an expression, and drops a side it cuts short
    ws       whitespace and layout
    """
    toks = _raw_tokens(text, 0)
    _merge(toks)
    _verbal(toks)
    _fraction_divisors(toks)
    return toks


def _raw_tokens(text: str, offset: int) -> list[Tok]:
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind in ("fd1", "fd2"):  # inner groups of fracdigits
            kind = "fracdigits"
        body = m.group(0)
        if kind == "text" and re.search(r"=|≈", body):
            # "\text{answer = 250 · 6 · 4 · 5 = 30,000}": maths written inside \text is still maths
            open_ = body.index("{") + 1
            toks.append(Tok("ws", body[:open_], offset + m.start(), offset + m.start() + open_))
            toks.extend(_raw_tokens(body[open_:-1], offset + m.start() + open_))
            toks.append(Tok("ws", "}", offset + m.end() - 1, offset + m.end()))
            continue
        t = Tok(kind, body, offset + m.start(), offset + m.end())
        _classify(t, m)
        toks.append(t)
    return toks


def _classify(t: Tok, m: re.Match) -> None:
    """Turn a regex match into a token kind with its value."""
    k, s = t.kind, t.text
    if k == "num":
        digits = re.sub(r"[^\d.]", "", s.replace("{,}", "").replace(",\\!", "").replace("\\,", ""))
        t.literal = digits
        t.value = Fraction(digits)
        t.decimals = len(digits.split(".")[1]) if "." in digits else 0
    elif k == "fracdigits":  # \frac12 is one half
        t.kind, t.value = "num", Fraction(int(m.group("fd1")), int(m.group("fd2")))
        t.literal = f"{m.group('fd1')}/{m.group('fd2')}"
    elif k in ("op", "xop", "dstar", "sup", "escstar"):
        t.kind = "op"
        t.op = "*" if k == "escstar" else (_OP_MAP.get(s, s) if k != "sup" else "^")
    elif k == "wordop":
        key = re.sub(r"\s+", " ", s.lower())
        t.kind, t.op = "op", "*" if key.startswith("multiplied") else "/" if key.startswith("divided") else "^"
    elif k == "phrase":
        key = re.sub(r"\s+", " ", s.lower()).replace("’", "'")
        t.kind, t.word_eq, t.sign = "eq", True, key
        t.approx = any(w in key for w in ("approximately", "about", "roughly", "around"))
        t.sign_kind = _sign_kind(key)
    elif k == "eq":
        pass
    elif k == "approx":
        t.kind, t.approx = "eq", True
    elif k == "word":
        low = s.lower()
        if low in ("plus", "minus", "times"):
            t.kind, t.op = "op", _OP_MAP[low]
        elif low in ("equals", "is", "gives", "makes"):
            t.kind, t.word_eq, t.sign, t.sign_kind = "eq", True, low, "plain"
        elif len(s) == 1:
            t.kind = "letter"  # variable or article: decided from its neighbours in _merge()
    elif k == "cmd":
        name = s[1:]
        if name in _LATEX_SPACE:
            t.kind = "ws"
        elif name in _LATEX_REL:
            t.kind = "stop"
        elif name in ("times", "cdot", "div", "ast"):
            t.kind, t.op = "op", _OP_MAP["\\" + name]
        else:  # \sqrt \pi \log \sin \lfloor \binom \ldots ...: not plain arithmetic
            t.kind = "func"
    elif k == "deg":
        t.kind = "text"
    elif k in ("space", "ws"):
        t.kind = "ws"
    elif k == "currency":
        t.kind = "ws"  # a \$ with no number after it
    elif k in ("punct", "rel", "tag"):
        t.kind = "stop"
    elif k == "delim":
        t.kind = "delim"  # $ \( \) \[ \]: end an expression, but may sit right next to "="
    elif k == "other":
        t.kind = "odd"  # an unknown symbol: the scan stops, and a side it cuts short is dropped
    elif k == "bang":
        t.kind = "bang"


def _sig(toks: list[Tok], i: int, step: int) -> int | None:
    """Index of the next non-whitespace token from i (exclusive) in direction step, or None."""
    i += step
    while 0 <= i < len(toks):
        if toks[i].kind != "ws":
            return i
        i += step
    return None


def _merge(toks: list[Tok]) -> None:
    """Second pass: fold percent signs into numbers, merge mixed numbers, tell variables from
    articles and units, and decide what "**", "!" and "/" mean from their neighbours."""
    _reglue(toks)
    n = len(toks)
    for i, t in enumerate(toks):
        nxt = _sig(toks, i, 1)
        prv = _sig(toks, i, -1)
        if t.kind == "pct" and prv is not None and toks[prv].kind == "num" and i - prv <= 2:
            toks[prv].pct = True
            toks[prv].end = t.end
            t.kind = "ws"
        elif t.kind == "pct":
            t.kind = "stop"
        elif t.kind == "op" and t.text == "**":
            # "3**2" is a power; "**11 years**" is bold markdown
            left_ok = prv is not None and toks[prv].kind in ("num", "rp") and i - prv <= 2
            right_ok = nxt is not None and toks[nxt].kind in ("num", "lp") and nxt - i <= 2
            if not (left_ok and right_ok):
                t.kind = "ws"
        elif t.kind == "bang":
            # n! is a factorial (not arithmetic we evaluate); otherwise punctuation
            t.kind = "func" if t.glued and prv is not None and toks[prv].kind in ("num", "rp") else "stop"
    # "3 $\times$ 2": math delimiters around a lone operator are layout
    for i, t in enumerate(toks):
        if t.kind == "delim":
            prv, nxt = _sig(toks, i, -1), _sig(toks, i, 1)
            if prv is not None and nxt is not None:
                a, b = toks[prv].kind, toks[nxt].kind
                if (a in ("num", "rp") and b == "op") or (a == "op" and b in ("num", "lp", "frac")):
                    t.kind = "ws"
    # unicode superscripts: "3²" is 3 ^ 2 (an operator token followed by its exponent)
    with_sup: list[Tok] = []
    for t in toks:
        with_sup.append(t)
        if t.kind == "op" and t.text in ("²", "³"):
            e = 2 if t.text == "²" else 3
            with_sup.append(Tok("num", "", t.end, t.end, value=Fraction(e), glued=True, decimals=0,
                                literal=str(e)))
    toks[:] = with_sup
    n = len(toks)
    # mixed numbers: 1\frac{2}{3} (glued) and "3 1/2" (proper fraction, small denominator)
    for i in range(n):
        t = toks[i]
        if t.kind != "num" or t.pct or t.value is None or t.value.denominator != 1:
            continue
        j = i + 1
        if j < n and toks[j].kind == "frac" and toks[j].glued:
            parts = _frac_literal(toks, j)
            if parts and 0 < parts[0] < parts[1]:
                end_i = parts[2]
                t.value = t.value + Fraction(parts[0], parts[1])
                t.end, t.literal = toks[end_i].end, ""
                for k in range(j, end_i + 1):
                    toks[k].kind = "ws"
        elif (j + 3 < n and toks[j].kind == "ws" and toks[j].text == " " and toks[j + 1].kind == "num"
              and toks[j + 2].kind == "op" and toks[j + 2].op == "/" and toks[j + 2].glued
              and toks[j + 3].kind == "num" and toks[j + 3].glued):
            a, b = toks[j + 1].value, toks[j + 3].value
            after = toks[j + 4] if j + 4 < n else None
            if (a.denominator == b.denominator == 1 and 0 < a < b <= 16 and not toks[j + 1].pct
                    and not (after is not None and after.glued and after.kind in ("op", "num"))):
                t.value = t.value + a / b
                t.end, t.literal = toks[j + 3].end, ""
                for k in range(j, j + 4):
                    toks[k].kind = "ws"
    _number_words(toks)  # "thirty-six", "a hundred": before "a" is told from a variable
    # letters: variables or words, units glued to numbers, "/kg" unit tails, x_1 subscripts
    for i in range(n):
        t = toks[i]
        if t.kind not in ("word", "letter"):
            continue
        prv = _sig(toks, i, -1)
        nxt = _sig(toks, i, 1)
        p = toks[prv] if prv is not None else None
        q = toks[nxt] if nxt is not None else None
        glued_after_num = t.glued and p is not None and p.kind in ("num", "rp")
        # f(2), C(52, 3), x_1: a letter directly followed by a bracket or a subscript
        followed_by_call = q is not None and q.glued and (q.kind == "lp" or (q.kind == "stop" and q.text == "_"))
        if glued_after_num:
            low = t.text.lower()
            if p.kind == "num" and (low in _GLUED_UNITS or len(low) >= 3) and not followed_by_call \
                    and not (q is not None and q.glued and q.kind == "op" and q.op == "^"):
                t.kind = "word"  # "60m", "20kg", "5th": a unit
            else:
                t.kind = "var"  # "3x", "7y", "3T", "2s(": a term with a variable
                if p.kind == "num":
                    p.kind = "var"
        elif followed_by_call:
            t.kind = "var" if t.kind == "letter" else "func"  # f(2), C(52, 3), x_1
        elif t.kind == "letter":
            math_near = {"num", "op", "eq", "lp", "rp", "frac", "var", "func", "stop", "delim"}
            near = [x for x in (p, q) if x is not None]
            # an article ("a week") sits between words; a variable sits next to maths or a delimiter
            if any(x.kind in math_near and not (x.kind == "stop" and x.text in ".,;:?") for x in near) \
                    or not near:
                t.kind = "var"
            else:
                t.kind = "word"
    # "/" between a quantity and a unit is "per": "$3/\text{kg}", "6 miles/day" (the latter is
    # already one word token). "x/y" stays a division (single letters are variables).
    for i in range(n):
        t = toks[i]
        if t.kind == "op" and t.op == "/" and t.glued and i + 1 < n:
            q = toks[i + 1]
            prv = _sig(toks, i, -1)
            if q.glued and (q.kind == "text" or (q.kind == "word" and len(q.text) > 1)) \
                    and prv is not None and toks[prv].kind in ("num", "word", "text"):
                t.kind = "text"
                q.kind = "text"
    # a unit with a power: "cm^2", "m^2/s" (the power belongs to the unit, not to the number)
    for i in range(n):
        t = toks[i]
        if t.kind == "op" and t.op == "^" and t.glued and i > 0 and toks[i - 1].kind in ("word", "var", "text"):
            unit_kind = "var" if toks[i - 1].kind == "var" else "text"
            t.kind = unit_kind
            j = i + 1
            if j < n and toks[j].kind in ("num", "lp"):
                end = _match_bracket(toks, j) if toks[j].kind == "lp" else j
                for k in range(j, (end if end is not None else j) + 1):
                    toks[k].kind = unit_kind
    _reglue(toks)


def _reglue(toks: list[Tok]) -> None:
    """Recompute `glued` once layout tokens ("**" bold, \\boxed, merged parts) are known."""
    for i, t in enumerate(toks):
        p = toks[i - 1] if i else None
        t.glued = p is not None and p.kind != "ws" and p.end == t.start


def _match_bracket(toks: list[Tok], i: int) -> int | None:
    """Index of the bracket closing the one at i (any shape), or None."""
    depth = 0
    for j in range(i, len(toks)):
        k = toks[j].kind
        if k == "lp":
            depth += 1
        elif k == "rp":
            depth -= 1
            if depth == 0:
                return j
        elif k == "nl" and depth:
            return None
    return None


def _group_after(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """(opening, closing index) of the bracket group that follows token i, if one does."""
    a = _sig(toks, i, 1)
    if a is None or toks[a].kind != "lp":
        return None
    end = _match_bracket(toks, a)
    return None if end is None else (a, end)


def _frac_literal(toks: list[Tok], i: int) -> tuple[int, int, int] | None:
    """(numerator, denominator, last index) for \\frac{2}{3} written with plain integers."""
    num = _group_after(toks, i)
    den = _group_after(toks, num[1]) if num else None
    if den is None:
        return None
    inner_a = [t for t in toks[num[0] + 1:num[1]] if t.kind != "ws"]
    inner_b = [t for t in toks[den[0] + 1:den[1]] if t.kind != "ws"]
    if len(inner_a) == len(inner_b) == 1 and inner_a[0].kind == inner_b[0].kind == "num":
        x, y = inner_a[0].value, inner_b[0].value
        if x.denominator == y.denominator == 1 and not inner_a[0].pct and not inner_b[0].pct:
            return int(x), int(y), den[1]
    return None


# ----------------------------------------------------------------------------------------------
# Claims in words
# ----------------------------------------------------------------------------------------------
# Small models and long R1-style traces say most of their arithmetic in words: "300 times 234,
# which is 70,200", "the product of 12 and 3. This is 16", "subtract 8 from 24 to get 48", "3
# doubled is 6", "thirty-six minus eight leaves twenty-six". The reader turns such words into the
# same tokens symbols give, so one grammar (the scans below) reads both:
#   - number words become numbers ("thirty-six", "a hundred", "one hundred and five");
#   - result words and phrases become signs (the tokenizer's phrase group, kinds from _sign_kind);
#   - an operation in words becomes one number token that remembers its operations and operands
#     ("the product of 12 and 3" is a token worth 36 with ops=1 and operands (12, "*", 3)), so
#     "The product of 12 and 3 is 16" reads exactly like "12 * 3 = 16".
# What is not arithmetic stays unread rather than guessed: "the denominator of 6/2, which is 2",
# "2 divided by 19 leaves a remainder of 2", "27*11 modulo 10, which is 2*11" (see _OPAQUE).

def _sign_kind(key: str) -> str:
    """How a sign in words joins its sides.

    plain    "is", "equals", "gives", "to get", "should be": the left side ends at the sign
    comma    "which is", "giving me", "we get", "resulting in": may follow a comma ("300 times
             234, which is 70,200"), and "2, which is the difference of 7 and 5" reads backwards
    pointer  "this is", "that's", "it is": as comma, and also across a full stop ("the product of
             12 and 3. This is 16": the sentence before names the computation)
    equiv    "is the same as", "is equivalent to", "can be written as", "rewrite a as b", "a, or b":
             two forms of one number, either of which may be a bare number ("75%, or 0.75")
    """
    if any(w in key for w in ("same as", "equivalent to", "written as", "expressed as")) or key in ("or", "as"):
        return "equiv"
    if key.startswith(("this ", "that ", "it ")) or key == "that's":
        return "pointer"
    if key.startswith(("which ", "giving", "resulting")) or key.endswith(" get") and key != "to get":
        return "comma"
    return "plain"


_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                      "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10 ** 6}


def _number_word(w: str) -> int | None:
    """The value of one number word: 'seven', 'forty', 'thirty-six' (None for anything else)."""
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    a, _, b = w.partition("-")
    if a in _TENS and b in _UNITS and 0 < _UNITS[b] < 10:
        return _TENS[a] + _UNITS[b]
    return None


def _number_words(toks: list[Tok]) -> None:
    """Runs of number words become one number: "a hundred", "one hundred and five", "twenty-six".

    "one" stays a word where it is a pronoun ("the one", "one of them", "one more 12")."""
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    k = 0
    while k < len(sig):
        t = toks[sig[k]]
        low = t.text.lower()
        if t.kind not in ("word", "letter") or not (_number_word(low) is not None or
                                                     (low == "a" and k + 1 < len(sig) and
                                                      toks[sig[k + 1]].text.lower() in _SCALES)):
            k += 1
            continue
        total = current = 0
        last = None  # the kind of the last word read: unit, tens, scale
        j = k
        while j < len(sig):
            w = toks[sig[j]].text.lower() if toks[sig[j]].kind in ("word", "letter") else ""
            v = _number_word(w)
            if w == "a" and j == k:
                current, last = 1, "unit"
            elif v is not None and last in (None, "scale") or (v is not None and v < 10 and last == "tens"
                                                                and "-" not in w):
                current += v
                last = "tens" if 20 <= v and v % 10 == 0 else "unit"
            elif w in _SCALES and last in ("unit", "tens"):
                if _SCALES[w] == 100:
                    current *= 100
                else:
                    total, current = total + current * _SCALES[w], 0
                last = "scale"
            elif w == "and" and last == "scale" and j + 1 < len(sig) and \
                    _number_word(toks[sig[j + 1]].text.lower()) is not None:
                pass
            else:
                break
            j += 1
        first, end = toks[sig[k]], toks[sig[j - 1]]
        before = toks[sig[k - 1]].text.lower() if k else ""
        after = toks[sig[j]].text.lower() if j < len(sig) else ""
        if j - k == 1 and first.text.lower() == "one" and (before in ("the", "this", "that", "each", "which", "no")
                                                            or after in ("of", "more", "another", "by")):
            k += 1
            continue
        value = total + current
        first.kind, first.value, first.literal, first.decimals, first.verbal = "num", Fraction(value), str(value), 0, True
        first.end = end.end
        for q in sig[k + 1:j]:
            toks[q].kind = "ws"
        k = j


# Nouns whose "of" hands its argument on unchanged: "the result of 9-3 is 1" claims 9-3 = 1.
_TRANSPARENT = {"result", "value", "answer", "outcome", "total", "sum", "product", "difference", "quotient",
                "operation", "expression", "computation", "calculation", "evaluation", "subtraction", "addition",
                "multiplication", "division"}
# Words that make the number next to them something other than its value: "the denominator of 6/2,
# which is 2" is true and "6/2 = 2" is not; "27*11 modulo 10" is not 27*11. A side touching one is
# not read.
_OPAQUE = {"numerator", "denominator", "remainder", "remainders", "root", "roots", "logarithm", "log",
           "factorial", "modulo", "mod", "digit", "digits", "factor", "factors", "multiple", "multiples",
           "divisor", "divisors", "power", "powers", "exponent", "base", "inverse", "floor", "ceiling", "average",
           "mean", "median", "percent", "percentage", "congruent", "square", "cube", "reciprocal", "log10", "ln"}
# Words that can start or carry an operation in words; a text with none of them skips _verbal().
_VERBAL_WORDS = {"sum", "total", "product", "difference", "quotient", "addition", "subtraction", "multiplication",
                 "division", "reciprocal", "square", "cube", "half", "twice", "double", "doubling", "triple",
                 "doubled", "halved", "tripled", "squared", "cubed", "subtracted", "added", "taken", "multiply",
                 "multiplying", "divide", "dividing", "add", "adding", "subtract", "subtracting", "by", "least",
                 "lowest", "smallest", "greatest", "highest", "largest", "lcm", "gcd", "gcf", "hcf", "rewrite",
                 "write", "express", "rewriting", "convert", "or"}


def _words(s: list[Tok], i: int, *words: str) -> bool:
    """Do the tokens from s[i] spell these words (each an alternative set separated by '|')?"""
    for k, alts in enumerate(words):
        j = i + k
        if j >= len(s) or s[j].kind not in ("word", "letter", "func", "var") or \
                s[j].text.lower() not in alts.split("|"):
            return False
    return True


def _sig_match(s: list[Tok]) -> dict[int, int]:
    match: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(s):
        if t.kind == "lp":
            stack.append(i)
        elif t.kind == "rp" and stack:
            j = stack.pop()
            match[i], match[j] = j, i
        elif t.kind == "nl":
            stack.clear()
    return match


def _expr_at(s: list[Tok], match: dict[int, int], i: int) -> tuple[int, Fraction, int] | None:
    """The arithmetic expression that starts at s[i] (numbers, operators, brackets): (index just
    after it, its value, its operations), or None. It stops at the first word ("and", "by", "to"),
    so "the sum of 5*16 and 2*6" has the operands 5*16 and 2*6."""
    j, need, end = i, True, None
    while j < len(s):
        t = s[j]
        if need:
            if t.kind == "op" and t.op in "+-" and (j == i or s[j - 1].kind == "op"):
                j += 1
                continue
            if t.kind == "num":
                j += 1
            elif t.kind == "lp" and j in match and t.text[-1:] in "([":
                j = match[j] + 1
            else:
                break
            need, end = False, j
        elif t.kind == "op" and t.op in "+-*/^" and j + 1 < len(s):
            need = True
            j += 1
        else:
            break
    if end is None or (end < len(s) and s[end].kind in ("var", "func") and s[end].glued):
        return None
    items = [t for t in s[i:end] if t.kind not in ("word", "text")]
    try:
        p = _Parser(items)
        v = p.expr()
        if p.i != len(items):
            return None
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return end, v, p.n_ops


def _operand_list(s, match, i, seps: str):
    """Operands "E1 and E2" or "E1, E2(,) and E3" from s[i] (seps: the words that may stand for
    "and"): ([(start, end, value, ops), ...], the index after them), or None."""
    out = []
    j = i
    last = False  # the separator before the last operand has been read
    while True:
        e = _expr_at(s, match, j)
        if e is None:
            return None
        out.append((j, e[0], e[1], e[2]))
        j = e[0]
        if last:
            break
        comma = j < len(s) and s[j].kind == "stop" and s[j].text == ","
        if comma and _words(s, j + 1, seps):
            j, last = j + 2, True  # "87, 92, and 78"
        elif comma and j + 1 < len(s) and s[j + 1].kind == "num" and len(out) < 6:
            j += 1  # "87, 92 and 78"
        elif _words(s, j, seps):
            j, last = j + 1, True
        else:
            break
    return (out, j) if last and len(out) >= 2 else None


def _group(s: list[Tok], a: int, b: int, value: Fraction, ops: int, parts=None, op: str = "") -> Tok:
    """One number token for the operation in words s[a..b-1]."""
    operands = ()
    if parts is not None and len(parts) == 2 and op and all(p[3] == 0 and p[1] - p[0] == 1 for p in parts):
        operands = (parts[0][2], op, parts[1][2])
    return Tok("num", " ".join(t.text for t in s[a:b]), s[a].start, s[b - 1].end, value=value, decimals=None,
               literal="", ops=max(ops, 1), operands=operands, verbal=True, glued=s[a].glued)


def _combine(op: str, values: list[Fraction]) -> Fraction:
    v = values[0]
    for x in values[1:]:
        if op == "+":
            v += x
        elif op == "*":
            v *= x
        elif op == "-":
            v -= x
        elif x == 0:
            raise ZeroDivisionError
        else:
            v /= x
    return v


def _verbal_at(s: list[Tok], match: dict[int, int], i: int):
    """The operation in words that starts at s[i], as (start, end, group token), or None."""
    t = s[i]
    if t.kind not in ("word", "letter", "func", "var", "num", "rp"):
        return None
    w = t.text.lower()
    start = i - 1 if i and s[i - 1].kind in ("word", "letter") and s[i - 1].text.lower() in ("the", "a") else i

    def finish(j, value, ops, parts=None, op=""):
        return start, j, _group(s, start, j, value, ops, parts, op)

    # "the sum/product/difference/quotient of a and b", "the difference between a and b",
    # "the addition of a to b", "the division of a by b", "the subtraction of a from b"
    nouns = {"sum": ("+", "and"), "total": ("+", "and"), "product": ("*", "and"), "difference": ("-", "and"),
             "quotient": ("/", "and"), "addition": ("+", "to|and"), "multiplication": ("*", "and|by"),
             "division": ("/", "by|and"), "subtraction": ("-", "from|and")}
    if w in nouns and (_words(s, i + 1, "of") or (w == "difference" and _words(s, i + 1, "between"))):
        op, seps = nouns[w]
        got = _operand_list(s, match, i + 2, seps)
        if got is None:
            return None
        parts, j = got
        if op in "-/" and len(parts) != 2:
            return None
        values = [p[2] for p in parts]
        if _words(s, parts[0][1], "from"):
            values.reverse()  # "the subtraction of 3 from 10" is 10 - 3
        alts = ()
        if w == "difference" and _words(s, i + 1, "between"):
            # "the difference between 6 and 9" is their distance, 3; "6 - 9" is read as right too
            alts = (values[0] - values[1],)
            values.sort(reverse=True)
        try:
            v = _combine(op, values)
        except ZeroDivisionError:
            return None
        got = finish(j, v, sum(p[3] for p in parts) + len(parts) - 1, parts, op)
        got[2].alts = alts
        return got
    # "the reciprocal of a", "half of a", "the square of a", "the cube of a"
    single = {"reciprocal": lambda x: 1 / x, "half": lambda x: x / 2, "square": lambda x: x * x,
              "cube": lambda x: x ** 3}
    if w in single and _words(s, i + 1, "of"):
        e = _expr_at(s, match, i + 2)
        if e is None:
            return None
        try:
            return finish(e[0], single[w](e[1]), e[2] + 1)
        except ZeroDivisionError:
            return None
    # "the least common multiple of a and b", "the LCM of a and b", "LCM(a, b)", "the greatest common
    # divisor (GCD) of a and b"
    name = None
    j = i
    if _words(s, i, "least|lowest|smallest", "common", "multiple"):
        name, j = "lcm", i + 3
    elif _words(s, i, "greatest|highest|largest", "common", "divisor|factor"):
        name, j = "gcd", i + 3
    elif w in ("lcm", "gcd", "gcf", "hcf"):
        name, j = ("lcm" if w == "lcm" else "gcd"), i + 1
    if name:
        if j < len(s) and s[j].kind == "lp" and j in match and _words(s, j + 1, "lcm|gcd|gcf|hcf") \
                and match[j] == j + 2:
            j += 3  # "(LCM)"
        if _words(s, j, "of"):
            got = _operand_list(s, match, j + 1, "and")
            if got is None or len(got[0]) != 2:
                return None
            parts, end = got
        elif j < len(s) and s[j].kind == "lp" and j in match and s[j].glued:
            inner = s[j + 1:match[j]]
            commas = [k for k, x in enumerate(inner) if x.kind == "stop" and x.text == ","]
            if len(commas) != 1:
                return None
            a = _expr_at(inner, {}, 0)
            b = _expr_at(inner, {}, commas[0] + 1)
            if a is None or b is None or a[0] != commas[0] or b[0] != len(inner):
                return None
            parts, end = [(0, 1, a[1], a[2]), (0, 1, b[1], b[2])], match[j] + 1
        else:
            return None
        x, y = parts[0][2], parts[1][2]
        if x.denominator != 1 or y.denominator != 1 or x <= 0 or y <= 0:
            return None
        v = math.lcm(int(x), int(y)) if name == "lcm" else math.gcd(int(x), int(y))
        return finish(end, Fraction(v), 1 + parts[0][3] + parts[1][3])
    # "twice a", "double a", "triple a"
    if w in ("twice", "double", "doubling", "triple") and i + 1 < len(s) and s[i + 1].kind in ("num", "lp"):
        e = _expr_at(s, match, i + 1)
        if e is None:
            return None
        return finish(e[0], e[1] * (3 if w == "triple" else 2), e[2] + 1)
    got = _reference_at(s, match, i)
    if got is not None:
        return got
    # "multiply a by b", "dividing a by b", "add a to b", "add a and b", "subtract a from b"
    verbs = {"multiply": ("*", "by"), "multiplying": ("*", "by"), "divide": ("/", "by"), "dividing": ("/", "by"),
             "add": ("+", "to|and"), "adding": ("+", "to|and"), "subtract": ("-", "from"),
             "subtracting": ("-", "from")}
    if w in verbs and i + 1 < len(s) and s[i + 1].kind in ("num", "lp"):
        op, seps = verbs[w]
        a = _expr_at(s, match, i + 1)
        if a is None or not _words(s, a[0], seps):
            return None
        b = _expr_at(s, match, a[0] + 1)
        if b is None:
            return None
        sep = s[a[0]].text.lower()
        x, y = a[1], b[1]
        if sep in ("from", "to"):
            x, y = y, x  # "subtract 8 from 24" is 24 - 8; "add 4 to 24" is 24 + 4
        try:
            v = _combine(op, [x, y])
        except ZeroDivisionError:
            return None
        parts = [(i + 1, a[0], a[1], a[2]), (a[0] + 1, b[0], b[1], b[2])]
        if sep in ("from", "to"):
            parts.reverse()
        start = i  # the verb starts the operation
        return finish(b[0], v, a[2] + b[2] + 1, parts, op)
    # postfix: "3 doubled", "17 squared", "5 cubed", "8 halved"; "17 subtracted from 83"
    if t.kind in ("num", "rp") and i + 1 < len(s):
        a0 = match.get(i, i) if t.kind == "rp" else i
        if t.kind == "rp" and a0 == i:
            return None
        nxt = s[i + 1].text.lower() if s[i + 1].kind in ("word", "letter") else ""
        post = {"doubled": lambda x: 2 * x, "squared": lambda x: x * x, "cubed": lambda x: x ** 3,
                "halved": lambda x: x / 2, "tripled": lambda x: 3 * x}
        base = _expr_at(s, match, a0)
        if base is None or base[0] != i + 1:
            return None
        if nxt in post and not (i + 2 < len(s) and s[i + 2].kind == "op"):
            return a0, i + 2, _group(s, a0, i + 2, post[nxt](base[1]), base[2] + 1)
        if _words(s, i + 1, "subtracted|taken", "from") or _words(s, i + 1, "taken", "away", "from"):
            k = i + 3 if _words(s, i + 1, "subtracted|taken", "from") else i + 4
            b = _expr_at(s, match, k)
            if b is None:
                return None
            parts = [(k, b[0], b[1], b[2]), (a0, i + 1, base[1], base[2])]
            return a0, b[0], _group(s, a0, b[0], b[1] - base[1], base[2] + b[2] + 1, parts, "-")
    return None


# Words before "a by b" that make "by" an amount rather than a product ("increase 5 by 3").
_BY_VERBS = {"increase", "increased", "increases", "decrease", "decreased", "decreases", "reduce", "reduced",
             "raise", "raised", "lower", "lowered", "grow", "grows", "grew", "round", "rounded", "divide", "divided",
             "multiply", "multiplied", "divisible", "up", "down", "more", "less", "off", "go", "goes", "went"}


# An earlier result named instead of written: "this result", "that number", "it".
_REF_NOUNS = {"result", "number", "value", "fraction", "answer", "sum", "product", "total", "amount"}
_RUN_NOUNS = _REF_NOUNS | {"numbers", "results", "values", "fractions", "products", "sums", "terms", "parts",
                           "amounts", "together", "up"}


def _reference(s: list[Tok], i: int) -> int | None:
    """Index after "it" / "this result" / "that number" / "the result" at s[i], or None."""
    if _words(s, i, "it"):
        return i + 1
    if _words(s, i, "this|that|the", "|".join(_REF_NOUNS)):
        return i + 2
    return None


def _ref_group(s: list[Tok], a: int, b: int, kind: str, op: str, n: Fraction | None = None) -> tuple:
    g = Tok("ref", " ".join(t.text for t in s[a:b]), s[a].start, s[b - 1].end, value=None, decimals=None,
            literal="", ops=1, verbal=True, glued=s[a].glued, ref=(kind, op, n))
    return a, b, g


def _reference_at(s: list[Tok], match: dict[int, int], i: int):
    """Operations on earlier results, resolved against the claims before them (_resolve):

    "add 1 to this result", "subtract 5 from it", "multiplying this fraction by 10/5": the result of
    the claim just before; "... (which gives us 2) and then adding 3 (which gives us 6)": an operation
    with one operand and a result right after it continues from the claim just before, in the same
    sentence; "When I add these together", "add these numbers together", "Adding these fractions":
    the run of claims just before (see _resolve).
    """
    w = s[i].text.lower() if s[i].kind in ("word", "letter") else ""
    ops = {"add": "+", "adding": "+", "subtract": "-", "subtracting": "-", "multiply": "*", "multiplying": "*",
           "divide": "/", "dividing": "/", "sum": "+", "summing": "+"}
    if w not in ops:
        return None
    op = ops[w]
    # the run: "add these (numbers) (together)", "adding them up"
    if _words(s, i + 1, "these|them|those|all") and op in "+*":
        j = i + 2
        while j < len(s) and j - i <= 4 and _words(s, j, "|".join(_RUN_NOUNS)):
            j += 1
        return _ref_group(s, i, j, "run", op)
    if op in "+-":  # "add 4 to that result", "subtract 5 from it"
        a = _expr_at(s, match, i + 1)
        if a is None:
            return None
        if _words(s, a[0], "to" if op == "+" else "from"):
            end = _reference(s, a[0] + 1)
            return _ref_group(s, i, end, "last", op, a[1]) if end is not None else None
        # "adding 3 (which gives us 6)": one operand, then at once a result
        nxt = a[0] + (1 if a[0] < len(s) and s[a[0]].kind == "lp" else 0)
        if nxt < len(s) and s[nxt].kind == "eq" and s[nxt].word_eq:
            return _ref_group(s, i, a[0], "near", op, a[1])
        return None
    # "multiplying this fraction by 10/5", "divide it by 2", "multiply by 3 (to get 12)"
    end = _reference(s, i + 1)
    if end is not None and _words(s, end, "by"):
        b = _expr_at(s, match, end + 1)
        return _ref_group(s, i, b[0], "last", op, b[1]) if b is not None else None
    if _words(s, i + 1, "by"):
        b = _expr_at(s, match, i + 2)
        if b is None:
            return None
        nxt = b[0] + (1 if b[0] < len(s) and s[b[0]].kind == "lp" else 0)
        if nxt < len(s) and s[nxt].kind == "eq" and s[nxt].word_eq:
            return _ref_group(s, i, b[0], "near", op, b[1])
    return None


def _resolve(text: str, t: Tok, claims: list) -> None:
    """Give a reference token (see _reference_at) its value from the claims read before it, or make it
    an unreadable word when its referent is not plain from the text (never a guess).

    last   the claim just before, at most 200 characters back ("add 10 to that result")
    near   the same, and in the same sentence ("multiply 3 by 2 (to get 6) and then add 4 (to get 10)")
    run    the claims just before: those of one operation in a row ("300 times 234 ... 20 times 234
           ... 3 by 234 ... When I add these together"), else a list of claims with only commas, "and"
           and line breaks between them ("7 - 2 = 3\n2 + 3 = 5\n9 - 3 = 6\n\nAdding these ...").
           A sum that some run of the claims just before does give is read as right.
    """
    kind, op, n = t.ref
    before = [c for c in claims if c.end <= t.start]
    t.kind = "word"
    if not before:
        return
    last = before[-1]
    gap = text[last.end:t.start]
    if kind in ("last", "near"):
        if len(gap) > 200 or (kind == "near" and re.search(r"[.!?](?:\s|$)|\n", gap)):
            return
        try:
            v = _combine(op, [last.claimed, n])
        except ZeroDivisionError:
            return
        t.kind, t.value, t.operands = "num", v, (last.claimed, op, n)
        return
    near = [c for c in before if t.start - c.end <= 400]
    if len(near) < 2:
        return
    same = 1  # the run of one operation that ends with the last claim
    while same < len(near) and near[-same - 1].operands and last.operands and \
            near[-same - 1].operands[1] == last.operands[1]:
        same += 1
    listed = 1  # the run of claims with only separators between them
    while listed < len(near) and re.fullmatch(r"[\s,;]*(?:and\s*)?", text[near[-listed - 1].end:near[-listed].start]):
        listed += 1
    size = same if same >= 2 else listed
    if size < 2:
        return
    t.kind, t.value = "num", _combine(op, [c.claimed for c in near[-size:]])
    t.ref = (kind, op, tuple(_combine(op, [c.claimed for c in near[-k:]]) for k in range(2, len(near) + 1)))


def _fraction_divisors(toks: list[Tok]) -> None:
    """"3/4 divided by 2/5" divides by the fraction 2/5: a fraction written a/b right after "divided by"
    is one number (in symbols "3/4 / 2/5" would be ((3/4)/2)/5, which nobody means in words)."""
    s = [t for t in toks if t.kind != "ws"]
    merged = []
    for i in range(len(s) - 3):
        d, a, slash, b = s[i:i + 4]
        if not (d.kind == "op" and d.op == "/" and d.text.lower().startswith("divided") and a.kind == "num"
                and slash.kind == "op" and slash.op == "/" and slash.glued and b.kind == "num" and b.glued
                and not a.ops and not b.ops and not a.pct and not b.pct):
            continue
        after = s[i + 4] if i + 4 < len(s) else None
        if after is not None and after.glued and after.kind in ("op", "num"):
            continue  # "divided by 2/5/3", "divided by 2/5^2": not a plain fraction
        if b.value == 0:
            continue
        g = Tok("num", _joined(a, slash, b), a.start, b.end, value=a.value / b.value, decimals=None,
                literal="", ops=1, operands=(a.value, "/", b.value), glued=a.glued)
        merged.append((a, slash, b, g))
    if merged:
        gone = {id(t) for m in merged for t in m[:3]}
        out = [t for t in toks if id(t) not in gone]
        toks[:] = sorted(out + [m[3] for m in merged], key=lambda t: t.start)
        _reglue(toks)


def _joined(*ts: Tok) -> str:
    return "".join(t.text for t in ts)


def _infix_words(s: list[Tok]) -> None:
    """"3 by 234" and "45 added to 38" between two operands are operators (* and +)."""
    for i in range(1, len(s) - 1):
        t = s[i]
        if t.kind != "word":
            continue
        low = t.text.lower()
        prev_ok = s[i - 1].kind in ("num", "rp")
        verb = i > 1 and s[i - 2].kind == "word" and s[i - 2].text.lower() in _BY_VERBS
        if low == "by" and prev_ok and s[i + 1].kind in ("num", "lp") and not verb:
            t.kind, t.op = "op", "*"
        elif low == "added" and prev_ok and _words(s, i + 1, "to") and i + 2 < len(s) and \
                s[i + 2].kind in ("num", "lp"):
            t.kind, t.op = "op", "+"
            s[i + 1].kind = "ws"


def _equiv_words(s: list[Tok], match: dict[int, int]) -> None:
    """Signs that are only signs in context: "rewrite a as b" and "a, or b"."""
    for i, t in enumerate(s):
        if t.kind != "word":
            continue
        low = t.text.lower()
        if low in ("rewrite", "write", "express", "convert", "rewriting") and i + 1 < len(s):
            e = _expr_at(s, match, i + 1)
            if e is not None and e[0] < len(s) and _words(s, e[0], "as|to") and e[0] + 1 < len(s) and \
                    s[e[0] + 1].kind in ("num", "lp", "op"):
                q = s[e[0]]
                q.kind, q.word_eq, q.sign, q.sign_kind = "eq", True, "as", "equiv"
        elif low == "or" and i and s[i - 1].kind == "stop" and s[i - 1].text == "," and i + 1 < len(s) and \
                s[i + 1].kind in ("num", "lp"):
            t.kind, t.word_eq, t.sign, t.sign_kind = "eq", True, "or", "equiv"


def _verbal(toks: list[Tok]) -> None:
    """Read operations written in words into number tokens (see the section comment above)."""
    if not any(t.kind in ("word", "letter", "func", "var") and t.text.lower() in _VERBAL_WORDS for t in toks):
        return
    s = [t for t in toks if t.kind != "ws"]
    match = _sig_match(s)
    i = len(s) - 1
    groups: list[Tok] = []
    while i >= 0:  # right to left: "twice the sum of 3 and 4" reads the sum first
        got = _verbal_at(s, match, i)
        if got is None:
            i -= 1
            continue
        a, b, g = got
        for t in s[a:b]:
            t.kind = "ws"
        groups.append(g)
        s[a:b] = [g]
        match = _sig_match(s)
        i = a - 1
    _infix_words(s)
    _equiv_words(s, _sig_match(s))
    if groups:
        # the tokens a group replaced (now layout) lie inside its span: drop them, keep the order
        spans = [(g.start, g.end) for g in groups]
        keep = [t for t in toks if not (t.kind == "ws" and any(a <= t.start and t.end <= b for a, b in spans))]
        toks[:] = sorted(keep + groups, key=lambda t: t.start)
        _reglue(toks)


# ----------------------------------------------------------------------------------------------
# The token stream a scan walks on
# ----------------------------------------------------------------------------------------------
class _Stream:
    """The significant tokens of a text with bracket and \\frac structure precomputed."""

    def __init__(self, toks: list[Tok]):
        self.toks = toks
        self.s = [t for t in toks if t.kind != "ws"]
        n = len(self.s)
        self.match: dict[int, int] = {}
        stack: list[int] = []
        for i, t in enumerate(self.s):
            if t.kind == "lp":
                stack.append(i)
            elif t.kind == "rp" and stack:
                j = stack.pop()
                self.match[i], self.match[j] = j, i
            elif t.kind == "nl":
                stack.clear()  # brackets do not span lines
        # \frac{..}{..}: where each one ends, and which \frac a closing brace ends
        self.frac_end: dict[int, int] = {}
        self.frac_start: dict[int, int] = {}
        for i, t in enumerate(self.s):
            if t.kind == "frac" and i + 1 < n and self.s[i + 1].kind == "lp" and i + 1 in self.match:
                a_end = self.match[i + 1]
                if a_end + 1 < n and self.s[a_end + 1].kind == "lp" and a_end + 1 in self.match:
                    e = self.match[a_end + 1]
                    self.frac_end[i], self.frac_start[e] = e, i
        self.label: set[int] = set()  # opening index of each bracketed label such as "(monkeys)"
        for i, t in enumerate(self.s):
            if t.kind == "lp" and i in self.match and t.text in "([":
                inner = self.s[i + 1:self.match[i]]
                if inner and any(x.kind in ("word", "text") for x in inner) and \
                        not any(x.kind in ("op", "var", "func", "eq", "frac") for x in inner):
                    self.label.add(i)

    def is_annotation_at(self, i: int) -> bool:
        t = self.s[i]
        if t.kind == "text":
            return True
        if t.kind == "word":
            return t.text.lower() not in _CLAUSE_WORDS
        return False

    def annotation_run_left(self, i: int) -> int | None:
        """Step left over annotations ending at i; the index just before them, or None."""
        count = 0
        while i >= 0 and count <= _MAX_ANNOTATION:
            t = self.s[i]
            if t.kind == "rp" and i in self.match and self.match[i] in self.label:
                i = self.match[i] - 1
            elif self.is_annotation_at(i) and not self.of_operator_at(i):
                i -= 1
            else:
                return i
            count += 1
        return None

    def of_operator_at(self, i: int) -> bool:
        """Is "of" at i a multiplication ("25% of $40", "1/4 of 6000")? Not "pads of paper"."""
        t = self.s[i]
        return t.kind == "word" and t.text.lower() == "of" and i > 0 and self.fraction_before(i - 1)

    def annotation_run_right(self, i: int) -> int | None:
        count = 0
        n = len(self.s)
        while i < n and count <= _MAX_ANNOTATION:
            if i in self.label:
                i = self.match[i] + 1
            elif self.is_annotation_at(i) and not self.of_operator_at(i):
                i += 1
            else:
                return i
            count += 1
        return None

    def is_label_close(self, i: int) -> bool:
        return self.s[i].kind == "rp" and i in self.match and self.match[i] in self.label

    def operand_end(self, i: int) -> bool:
        """Can token i end an operand (scanning leftwards from an operator)?"""
        t = self.s[i]
        return t.kind == "num" or (t.kind == "rp" and not self.is_label_close(i))

    def operand_start(self, i: int) -> bool:
        t = self.s[i]
        return t.kind in ("num", "frac") or (t.kind == "lp" and i not in self.label) or \
            (t.kind == "op" and t.op == "-")

    def fraction_before(self, i: int) -> bool:
        """Is the operand ending at i a fraction or a percent ("1/4 of", "25% of", "\\frac12 of")?"""
        t = self.s[i]
        if t.kind == "num" and (t.pct or t.value.denominator != 1 and "/" in t.literal):
            return True
        if t.kind == "rp" and i in self.frac_start:
            return True
        return (t.kind == "num" and i >= 2 and self.s[i - 1].kind == "op" and self.s[i - 1].op == "/"
                and self.s[i - 1].glued and t.glued and self.s[i - 2].kind == "num")

    def implicit_product(self, left: int, right: int) -> bool:
        """"2(3+4)", "(a)(b)", "\\frac{15}{2}(105+196)": an operand followed by an opening bracket."""
        a, b = self.s[left], self.s[right]
        # only round or square brackets: "}{" inside \frac is not a product
        if b.kind != "lp" or right in self.label or b.text[-1:] not in "([":
            return False
        if a.kind == "num" and not a.pct:
            return b.glued
        return a.kind == "rp" and not self.is_label_close(left) and \
            self.s[self.match.get(left, left)].kind == "lp"

    def is_call(self, open_i: int) -> bool:
        """Is the bracket at open_i the argument of a function ("f(2)", "\\sqrt{9}")?"""
        if open_i == 0:
            return False
        p = self.s[open_i - 1]
        if p.kind == "func":
            return True
        if p.kind == "text" and self.s[open_i].glued:  # \text{LCM}(9, 11)
            return True
        return p.kind in ("var", "word") and self.s[open_i].glued


_REJECT = "reject"  # a side that touches algebra: the whole claim is dropped


def _scan_left(st: _Stream, i_eq: int):
    """Start index (in st.s) of the expression ending just before the sign at i_eq.

    Returns an int, None (nothing readable there) or _REJECT (the side involves a variable).
    """
    s = st.s
    j = i_eq - 1
    eq = s[i_eq]
    if eq.word_eq and j >= 0:
        if s[j].kind == "lp" and j not in st.label:
            j -= 1  # "multiplying 2 by 1 (which gives us 2)"
        elif s[j].kind == "stop" and s[j].text == "," and eq.sign_kind in ("comma", "pointer", "equiv"):
            j -= 1  # "300 times 234, which is 70,200"; "16/8, or 2"
        elif s[j].kind == "stop" and s[j].text == "." and eq.sign_kind == "pointer":
            j -= 1  # "the product of 12 and 3. This is 16": the computation is the sentence before
        elif eq.sign == "or":
            return None  # "a or b" without its comma is a choice, not a second form
    if j >= 0 and s[j].kind == "nl":
        # a line that starts with "=" continues the expression of the line above
        j -= 1
    while j >= 0 and s[j].kind == "delim":  # "$45\times20$= ..."
        j -= 1
    start = None
    need = True
    last_op = None
    while j >= 0:
        t = s[j]
        if need:
            if t.kind == "num":
                start, need = j, False
                j -= 1
            elif t.kind == "rp" and not st.is_label_close(j) and j in st.match:
                if j in st.frac_start:
                    start = st.frac_start[j]
                else:
                    if st.is_call(st.match[j]):
                        return _REJECT
                    start = st.match[j]
                need = False
                j = start - 1
            elif st.is_annotation_at(j) or st.is_label_close(j):
                k = st.annotation_run_left(j)
                if k is not None and k >= 0 and st.operand_end(k):
                    j = k
                    continue
                break
            elif t.kind in ("var", "func"):
                return _REJECT
            else:
                break
        else:
            if t.kind == "op":
                last_op, need = j, True
                j -= 1
            elif t.kind == "word" and t.text.lower() == "of" and j > 0 and st.fraction_before(j - 1):
                last_op, need = j, True
                j -= 1
            elif st.implicit_product(j, start):
                last_op, need = None, True
            elif t.kind in ("var", "func") and t.glued and s[start].glued:
                return _REJECT
            else:
                break
    if start is None:
        return None
    if j >= 0 and s[j].kind == "odd":
        return _REJECT  # an unknown symbol right before the expression: it may be an operator
    if need and last_op is not None:
        # The expression begins with an operator. It is a unary minus ("so -20 * 3 = -60"), a
        # list bullet ("- 2 × 2 = 4"), or the tail of something unreadable ("Jane's age + 3 = ...",
        # "x + 5 = 7"), which makes the whole claim unreadable.
        op = s[last_op]
        before = s[last_op - 1] if last_op > 0 else None
        if before is not None and before.kind in ("var", "func"):
            return _REJECT
        if op.op == "-" and s[start].glued:
            return last_op  # unary minus
        if before is None or before.kind in ("nl", "stop", "eq", "delim"):
            return start  # a bullet or a dash before the expression
        return _REJECT
    return start


def _scan_right(st: _Stream, i_eq: int):
    """End index (in st.s) of the expression starting just after the sign at i_eq, and whether
    the right side was announced as approximate ("= about 5"). None or _REJECT as _scan_left."""
    s = st.s
    n = len(s)
    j = i_eq + 1
    while j < n and s[j].kind == "delim":  # "= $\$$900"
        j += 1
    words = s[i_eq].word_eq
    if words:
        j = _skip_transparent(s, j)  # "which is the result of 3 times 24*3"
    approx = False
    if j < n and s[j].kind == "word" and s[j].text.lower() in _APPROX_WORDS and not words:
        approx = True
        j += 1
    end = None
    need = True
    while j < n:
        t = s[j]
        if need:
            if t.kind == "num":
                end, need = j, False
                j += 1
            elif t.kind == "lp" and j in st.match and j not in st.label:
                end, need = st.match[j], False
                j = end + 1
            elif t.kind == "frac" and j in st.frac_end:
                end, need = st.frac_end[j], False
                j = end + 1
            elif t.kind == "op" and t.op in "+-" and (end is None or s[j - 1].kind == "op"):
                j += 1  # a sign: "= -20"
            elif t.kind in ("var", "func"):
                return _REJECT, approx
            else:
                break
        else:
            if t.kind == "op":
                need = True
                j += 1
            elif t.kind == "word" and t.text.lower() == "of" and st.fraction_before(end):
                need = True
                j += 1
            elif st.implicit_product(end, j):
                need = True
            elif t.kind in ("var", "func") and (t.glued or t.kind == "var" and t.text.lower() not in ("a", "i")
                                                and not (j + 1 < n and s[j + 1].kind == "eq")):
                return _REJECT, approx  # "= 3x", "= 3 x", "= 3\,x": the side is algebra ("= 1 x = 2": a new one)
            elif st.is_annotation_at(j) or j in st.label:
                k = st.annotation_run_right(j)
                if k is not None and k + 1 < n and s[k].kind == "op" and st.operand_start(k + 1):
                    j = k
                    continue
                break
            else:
                break
    if end is None:
        return None, approx
    if need and j < n and s[j].kind in ("var", "func"):
        return _REJECT, approx
    if words and (need or (j < n and s[j].kind == "word" and s[j].text.lower() in _OPAQUE)):
        # "4, which is the result of 8 divided by itself" (an operator with no number after it);
        # "3*9 is equivalent to 27*11 modulo 10" (the number is an argument of something else)
        return _REJECT, approx
    return end, approx


def _skip_transparent(s: list[Tok], j: int) -> int:
    """Step over "the result of", "the answer to", "the result of the previous operation of"."""
    while j < len(s) and s[j].kind in ("word", "letter") and s[j].text.lower() == "the":
        k = j + 1
        while k < len(s) and k - j <= 3 and s[k].kind == "word" and s[k].text.lower() not in _TRANSPARENT:
            k += 1
        if k + 1 < len(s) and _words(s, k, "|".join(_TRANSPARENT), "of|to"):
            j = k + 2
        else:
            break
    return j


def _opaque_before(st: _Stream, a: int) -> bool:
    """Is the side starting at a the argument of something that is not its value? ("the
    denominator of 6/2", "27*11 modulo 10")"""
    s = st.s
    if a == 0:
        return False
    p = s[a - 1]
    low = p.text.lower() if p.kind == "word" else ""
    if low in _OPAQUE or (low in ("by", "from", "into", "than", "per") and not s[a].verbal):
        return True  # "modulo 10, which is"; "multiplying this fraction by 10/5 gives us 18/5"
    if low == "of":  # "the result of 9-3 is 1" is read; "the numerator of 18/6/3 is 18/6/3" is not
        return not (a >= 2 and s[a - 2].kind == "word" and s[a - 2].text.lower() in _TRANSPARENT)
    if low == "and":  # "the difference between the given expression and 20/5, which is 21": an operand
        for k in range(a - 2, max(-1, a - 10), -1):  # of an operation in words that was not read
            if s[k].kind in ("eq", "nl") or (s[k].kind == "stop" and s[k].text in ".;:"):
                break
            if s[k].kind == "word" and s[k].text.lower() in ("between", "sum", "product", "difference", "quotient"):
                return True
    return False


# ----------------------------------------------------------------------------------------------
# Evaluating a side
# ----------------------------------------------------------------------------------------------
class _Side:
    """A side of a claim, cleaned of annotations and evaluated."""

    def __init__(self, st: _Stream, a: int, b: int):
        self.items: list[Tok] = []
        while b > a and st.s[b].kind == "nl":  # "28+21-50\n  =9": the line break before "="
            b -= 1
        self.first, self.last = st.s[a], st.s[b]
        i = a
        while i <= b:
            t = st.s[i]
            if i in st.label:  # "(monkeys)": drop the whole label
                i = st.match[i] + 1
                continue
            of_op = t.kind == "word" and t.text.lower() == "of" and i > a and st.fraction_before(i - 1)
            if t.kind in ("word", "text", "nl", "delim") and not of_op:
                i += 1
                continue
            if self.items and st.implicit_product(i - 1, i) and self.items[-1].kind in ("num", "rp"):
                self.items.append(Tok("op", "", t.start, t.start, op="*"))
            if t.kind == "word":  # "of" after a percent or a fraction
                t = Tok("op", t.text, t.start, t.end, op="*")
            self.items.append(t)
            i += 1
        self.value = None
        self.n_ops = 0
        self.has_pct = False
        try:
            p = _Parser(self.items)
            v = p.expr()
            if p.i == len(self.items):
                self.value, self.n_ops, self.has_pct = v, p.n_ops, p.has_pct
                self.parser = p
        except (ValueError, ZeroDivisionError, OverflowError):
            pass

    @property
    def literal(self) -> Tok | None:
        """The number token this side consists of ("-20" too), if it is a single number."""
        nums = [t for t in self.items if t.kind == "num"]
        if len(nums) == 1 and self.n_ops == 0:
            return nums[0]
        return None


class _Parser:
    """Recursive descent over cleaned tokens: + - * / ^, unary minus, brackets, \\frac, percent.

    Percent: p% is p/100, and "a + p%" / "a - p%" mean a * (1 + p/100) / a * (1 - p/100).
    """

    def __init__(self, toks: list[Tok]):
        self.t = toks
        self.i = 0
        self.n_ops = 0
        self.has_pct = False
        self.leaves: list[Fraction] = []
        self.top_ops: list[tuple[int, str]] = []  # (token index, op) of binary ops at depth 0
        self.depth = 0

    def peek(self) -> Tok | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def expr(self) -> Fraction:
        v, bare_pct = self.term()
        while (p := self.peek()) is not None and p.kind == "op" and p.op in "+-":
            self._binary(p)
            r, r_pct = self.term()
            if r_pct and not bare_pct:  # 180 - 30% = 126
                v = v * (1 + r) if p.op == "+" else v * (1 - r)
            else:
                v = v + r if p.op == "+" else v - r  # 100% - 30% = 70%: percents of one whole
            bare_pct = bare_pct and r_pct
        return v

    def term(self) -> tuple[Fraction, bool]:
        v, bare_pct = self.unary()
        while (p := self.peek()) is not None and p.kind == "op" and p.op in "*/":
            self._binary(p)
            r, _ = self.unary()
            if p.op == "*":
                v = v * r
            else:
                if r == 0:
                    raise ZeroDivisionError
                v = v / r
            bare_pct = False
        return v, bare_pct

    def _binary(self, p: Tok) -> None:
        if self.depth == 0:
            self.top_ops.append((self.i, p.op))
        self.i += 1
        self.n_ops += 1

    def unary(self) -> tuple[Fraction, bool]:
        p = self.peek()
        if p is not None and p.kind == "op" and p.op in "+-":
            self.i += 1
            v, bare_pct = self.unary()
            return (-v if p.op == "-" else v), bare_pct
        return self.power()

    def power(self) -> tuple[Fraction, bool]:
        base, bare_pct = self.atom()
        p = self.peek()
        if p is not None and p.kind == "op" and p.op == "^":
            self._binary(p)
            exp, _ = self.unary()
            return _pow(base, exp), False
        return base, bare_pct

    def atom(self) -> tuple[Fraction, bool]:
        p = self.peek()
        if p is None:
            raise ValueError("unexpected end")
        if p.kind == "num":
            self.i += 1
            self.n_ops += p.ops  # an operation in words folded into one token
            self.leaves.append(p.value)
            if p.pct:
                self.has_pct = True
                return p.value / 100, True
            return p.value, False
        if p.kind == "lp":
            self.i += 1
            self.depth += 1
            v = self.expr()
            self.depth -= 1
            q = self.peek()
            if q is None or q.kind != "rp":
                raise ValueError("missing )")
            self.i += 1
            return v, False
        if p.kind == "frac":
            self.i += 1
            if self.depth == 0:
                self.top_ops.append((self.i - 1, "/"))
            self.n_ops += 1
            a, _ = self.atom()
            b, _ = self.atom()
            if b == 0:
                raise ZeroDivisionError
            return a / b, False
        raise ValueError(f"unexpected {p.text!r}")


def _pow(base: Fraction, exp: Fraction) -> Fraction:
    """base ** exp exactly: integer powers, and rational powers whose roots are exact (8^{2/3})."""
    if abs(exp) > 512 or (base != 0 and abs(exp) * max(1, abs(base.numerator).bit_length()) > 20000):
        raise OverflowError("power too large")
    if exp.denominator == 1:
        if base == 0 and exp < 0:
            raise ZeroDivisionError
        return base ** int(exp)
    root = _exact_root(base, exp.denominator)
    if root is None:
        raise ValueError("irrational power")
    return root ** exp.numerator


def _exact_root(a: Fraction, n: int) -> Fraction | None:
    if a < 0 or n > 64:
        return None

    def iroot(x: int) -> int | None:
        lo, hi = 0, 1 << (x.bit_length() // n + 1)
        while lo <= hi:
            mid = (lo + hi) // 2
            p = mid ** n
            if p == x:
                return mid
            lo, hi = (mid + 1, hi) if p < x else (lo, mid - 1)
        return None

    p, q = iroot(a.numerator), iroot(a.denominator)
    return Fraction(p, q) if p is not None and q is not None else None


# ----------------------------------------------------------------------------------------------
# Claims
# ----------------------------------------------------------------------------------------------
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
    doubted: bool = False   # the model doubted this step right after writing it
    token_start: int | None = None
    approx: bool = False    # claimed with ≈ / "about": judged at the precision shown
    sign_at: int | None = None  # character offset of the claim's "=" (or ≈, or word)

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


def judge(true: Fraction, claimed: Fraction, literal: Tok | None, approx: bool) -> bool:
    """Is a claim right? Exact, or at the precision shown (see the module docstring)."""
    if true == claimed:
        return True
    if literal is None or literal.pct or not literal.literal:
        return False
    d = literal.decimals or 0
    if not approx:
        if d == 0:
            return False
        needs_more = (true * 10 ** d).denominator != 1
        return needs_more and abs(true - claimed) <= Fraction(1, 2 * 10 ** d)
    if d:
        tol = Fraction(1, 2 * 10 ** d)
    else:
        digits = literal.literal.split(".")[0]
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        tol = Fraction(10 ** zeros, 2)
    return abs(true - claimed) <= tol


def _binary_operands(side: _Side) -> tuple:
    """(a, op, b) for a side with exactly one binary operator: '-20 * 3', '108 + (-20)', '\\frac{93}{3}'."""
    if len(side.items) == 1 and side.items[0].operands:
        return side.items[0].operands  # "the product of 12 and 3"
    p = getattr(side, "parser", None)
    if p is None or side.n_ops != 1 or len(p.top_ops) != 1:
        return ()
    k, op = p.top_ops[0]
    items = side.items
    if op == "/" and items[k].kind == "frac":
        try:
            pa = _Parser(items[k + 1:])
            va, _ = pa.atom()
            vb, _ = pa.atom()
            return (va, "/", vb)
        except (ValueError, ZeroDivisionError):
            return ()
    try:
        left, right = _Parser(items[:k]), _Parser(items[k + 1:])
        va, vb = left.expr(), right.expr()
        if left.i == k and right.i == len(items) - k - 1 and not side.has_pct:
            return (va, op, vb)
    except (ValueError, ZeroDivisionError, OverflowError):
        pass
    return ()


def _is_sign(t: Tok) -> bool:
    """An "=", "≈" or "\\approx" written as a symbol (word signs do not count towards coverage)."""
    return t.kind == "eq" and not t.word_eq


def _bare_number_before(st: _Stream, i: int) -> bool:
    """Does the number at i begin a clause, so "242 = 2 * 11 * 11" can be read backwards?

    It must follow a boundary (line start, punctuation, a math delimiter, a list bullet) or a
    clause word ("... is 20000 = 15000 + 5000"), not a label ("Step 2 = ...") or a variable.
    """
    if st.s[i].kind != "num" or st.s[i].pct:
        return False
    p = st.s[i - 1] if i > 0 else None
    if p is not None and p.kind == "op" and p.op == "-" and not st.s[i].glued:  # "- **4** = ..."
        before = st.s[i - 2] if i > 1 else None
        return before is None or before.kind in ("nl", "stop", "delim")
    if p is None or p.kind in ("nl", "stop", "delim"):
        return True
    if p.kind in ("word", "text"):
        words = re.findall(r"[A-Za-z]+", p.text[p.text.find("{") + 1:] if p.kind == "text" else p.text)
        return bool(words) and words[-1].lower() in _CLAUSE_WORDS
    return False


def _crossed(st: _Stream, a: int, i: int) -> bool:
    """Does a pointer sign's left side lie in the sentence before it ("... 12 and 3. This is 16")?"""
    return any(t.kind == "stop" and t.text == "." for t in st.s[a:i])


def _reads_backwards(st: _Stream, a: int, i: int, eq: Tok, left: _Side) -> bool:
    """May "number SIGN expression" be read as "expression = number"?

    Symbols: "242 = 2 * 11 * 11", the number alone at the start of a clause. Words: "323 is 300
    plus 20 plus 3" (the same, with "is" or "equals"), "2, which is the difference of 7 and 5" (a
    number, then a comma sign), "rewrite 18 as 4*2*3" (two forms of one number). "3 hours would be
    3 times 60" is not read: a unit between the number and the sign makes it a description.
    """
    if left.literal is None or left.literal.ops:
        return False
    if not eq.word_eq:
        return not eq.approx and a == i - 1 and _bare_number_before(st, a)
    if eq.sign_kind == "equiv":
        return True
    if eq.sign_kind == "comma":
        return a == i - 2 and st.s[i - 1].kind == "stop" and st.s[i - 1].text == ","
    if eq.sign in ("is", "equals", "is equal to"):
        return a == i - 1 and _bare_number_before(st, a)
    return False


def extract_claims(text: str, counts: dict | None = None) -> list[Claim]:
    """Every "expression = value" in the text, in order of appearance.

    If `counts` is given it is filled with equals_total (signs "=", "≈", "\\approx" in the text)
    and equals_checked (those whose two sides were read and evaluated), and words_total (signs in
    words that look like claims, see _claim_shaped) and words_checked (those read).
    """
    text = text if isinstance(text, str) else ""
    toks = tokenize(text)
    st = _Stream(toks)
    claims: list[Claim] = []
    total = checked = words_total = words_checked = 0
    refs = [k for k, t in enumerate(st.s) if t.ref]
    r = 0
    for i, eq in enumerate(st.s):
        if eq.kind != "eq":
            continue
        while r < len(refs) and refs[r] < i:  # "add 4 to that result": the claims before it are read
            _resolve(text, st.s[refs[r]], claims)
            r += 1
        sign = _is_sign(eq)
        total += sign
        claim = _read_claim(text, st, i, eq)
        if claim is not None:
            claims.append(claim)
            checked += sign
        if eq.word_eq and (claim is not None or _claim_shaped(st, i)):
            words_total += 1
            words_checked += claim is not None
    if counts is not None:
        counts.update(equals_total=total, equals_checked=checked, words_total=words_total,
                      words_checked=words_checked)
    return claims


def _claim_shaped(st: _Stream, i: int) -> bool:
    """Does a sign in words look like a claim the checker did not read? A number (or an operation)
    right before it and right after it, and an operation on one side within the sentence ("the
    denominator of 6/2, which is 2", "4, which is the result of 8 divided by itself"). These count
    against coverage, so what was not read stays visible."""
    s = st.s
    a = i - 1
    if a >= 0 and (s[a].kind == "lp" or (s[a].kind == "stop" and s[a].text in ",.")):
        a -= 1
    b = _skip_transparent(s, i + 1)
    if a < 0 or b >= len(s) or s[a].kind not in ("num", "rp", "ref") or \
            s[b].kind not in ("num", "lp", "ref", "frac") and not (s[b].kind == "op" and s[b].op == "-"):
        return False

    def has_op(k: int, step: int) -> bool:
        for _ in range(12):
            if not 0 <= k < len(s):
                return False
            t = s[k]
            if t.kind in ("nl", "eq") or (t.kind == "stop" and t.text in ".;:?!"):
                return False
            if t.kind in ("op", "frac", "ref") or (t.kind == "num" and t.ops > 0):
                return True
            k += step
        return False

    if s[i].sign_kind == "pointer" and s[i - 1].kind == "stop" and s[i - 1].text == ".":
        return has_op(a, -1)  # "... 12 and 3. This is 16": the sentence before must hold the operation
    return has_op(a, -1) or has_op(b, 1)


def _read_claim(text: str, st: _Stream, i: int, eq: Tok) -> Claim | None:
    a = _scan_left(st, i)
    b, approx_word = _scan_right(st, i)
    if a is None or b is None or a == _REJECT or b == _REJECT:
        return None
    le = i - 1
    if eq.word_eq and st.s[le].kind in ("lp", "stop"):
        le -= 1  # the comma, bracket or full stop the scan stepped over
    left, right = _Side(st, a, le), _Side(st, i + 1, b)
    if left.value is None or right.value is None:
        return None
    if not eq.word_eq and any(t.kind == "num" and t.verbal and t.literal for t in left.items + right.items):
        return None  # number words around "=" are labels, not operands ("... four packets = two packets")
    approx = eq.approx or approx_word
    reversed_ = False
    if eq.word_eq and (_opaque_before(st, a) or _crossed(st, a, i) and left.n_ops == 0):
        return None
    if left.n_ops == 0 and approx and right.n_ops == 0:
        pass  # "27.8 ≈ 28": a rounding, judged at the precision shown
    elif left.n_ops == 0 and right.n_ops == 0:
        # two bare numbers are no computation, except two forms of one number: "75%, or 0.75"
        if not (eq.sign_kind == "equiv" and left.has_pct != right.has_pct):
            return None
    elif left.n_ops == 0:
        # "242 = 2 * 11 * 11": a bare number, then the expression it equals
        if not _reads_backwards(st, a, i, eq, left):
            return None
        left, right, reversed_ = right, left, True
    after = text[st.s[b].end:st.s[b].end + 40].lower()
    if re.match(r"[\s,(]*(?:\\text\s*\{\s*)?(?:with\s+)?(?:a\s+|the\s+)?(?:remainder|r\s*\d)", after):
        # "999/99 = 10 with a remainder of 9": a division with remainder
        return None
    claimed = right.value
    if right.has_pct and not left.has_pct and right.literal is not None:
        claimed = right.literal.value  # "(4 / 20) * 100 = 20%": the % is the result's unit
    ok = judge(left.value, claimed, right.literal, approx)
    ref = left.items[0].ref if len(left.items) == 1 else ()
    if not ok and ref and ref[0] == "run" and claimed in ref[2]:
        ok, left.value = True, claimed  # "add these together": some run of the claims before does give it
    if not ok and len(left.items) == 1 and claimed in left.items[0].alts or \
            len(right.items) == 1 and left.value in right.items[0].alts:
        ok, claimed = True, left.value  # "the difference between 6 and 9 is 6 - 9"
    lo, hi = (left, right) if not reversed_ else (right, left)
    start = lo.first.start
    end = hi.last.end
    expr_text = text[left.first.start:left.last.end]
    return Claim(start, end, expr_text, claimed, left.value, ok, left.n_ops,
                 _binary_operands(left), approx=approx, sign_at=eq.start)


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
    toks = [t for t in tokenize(s) if t.kind not in ("ws",)]
    toks = [t for t in toks if t.kind != "delim"]
    # drop trailing/leading annotations: "30 \text{ miles}", "\$60", "12 dollars"
    core = [t for t in toks if t.kind not in ("text", "word")]
    if not core or any(t.kind not in ("num", "op", "lp", "rp", "frac") for t in core):
        return None
    if len(core) != len(toks) and sum(t.kind == "num" for t in core) != 1 and \
            not any(t.kind == "frac" for t in core):
        return None
    for t in core:
        t.pct = False  # "8\%" is the number 8 here
    try:
        p = _Parser(core)
        v = p.expr()
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return v if p.i == len(core) else None
