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

How a claim is read:
  1. tokenize(): the text becomes tokens - numbers (with currency, thousands separators, percent),
     operators (+ - * / ^ x \\times \\cdot \\div "plus" "times" ...), brackets, \\frac, the signs
     "=", "≈", "\\approx" (and the words "is", "equals"...), annotations (unit words, \\text{},
     bracketed labels) and everything else. Letters that stand for numbers ("x", "3T", "f(2)",
     "\\pi", "\\sqrt") are variables: a claim that touches one is algebra, not arithmetic.
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
of a text was checkable at all (TraceCheck.coverage).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from fractions import Fraction

# ----------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------
_OP_MAP = {"\\times": "*", "\\cdot": "*", "\\ast": "*", "\\div": "/", "−": "-", "–": "-", "×": "*",
           "·": "*", "÷": "/", "x": "*", "X": "*", "plus": "+", "minus": "-", "times": "*",
           "**": "^"}
# Word "equals" signs. "is" is the risky one, so a word sign reads only a single number after it.
_WORD_EQ = {"equals": "=", "is equal to": "=", "is": "=", "gives": "=", "makes": "=",
            "is approximately": "≈", "is about": "≈", "is roughly": "≈", "approximately equals": "≈"}
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
  | (?P<wordop>\bmultiplied\s+by\b|\bdivided\s+by\b|\bis\s+equal\s+to\b|\bis\s+(?:approximately|about|roughly)\b
               |\bapproximately\s+equals\b)
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


def tokenize(text: str) -> list[Tok]:
    """The text as tokens. Kinds:

    num      a number (currency, thousands separators and % folded in; mixed numbers merged)
    op       + - * / ^ (and their LaTeX, unicode and word spellings)
    lp, rp   brackets of any shape, including \\left( and \\right)
    frac     \\frac, \\dfrac, \\tfrac (followed by two brace groups)
    eq       = (and word signs "is", "equals"); approx signs ≈ \\approx
    word     an English word: a possible unit or annotation
    text     \\text{...} and friends: an annotation
    var      a letter that stands for a number, or a number glued to one ("3T", "x_1")
    func     a function or constant: \\sqrt, \\pi, \\log, f(...) markers, n!, ...
    nl       a line break (also LaTeX \\\\ and <br>)
    delim    a math delimiter ($, \\(, \\), \\[, \\]): ends an expression, may touch "="
    stop     punctuation, relations, tags: they end an expression
    odd      any other symbol: ends an expression, and drops a side it cuts short
    ws       whitespace and layout
    """
    toks = _raw_tokens(text, 0)
    _merge(toks)
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
        if key.startswith("multiplied"):
            t.kind, t.op = "op", "*"
        elif key.startswith("divided"):
            t.kind, t.op = "op", "/"
        else:
            t.kind, t.word_eq, t.approx = "eq", True, _WORD_EQ[key] == "≈"
    elif k == "eq":
        pass
    elif k == "approx":
        t.kind, t.approx = "eq", True
    elif k == "word":
        low = s.lower()
        if low in ("plus", "minus", "times"):
            t.kind, t.op = "op", _OP_MAP[low]
        elif low in ("equals", "is", "gives", "makes"):
            t.kind, t.word_eq = "eq", True
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


def _scan_right(st: _Stream, i_eq: int, single: bool):
    """End index (in st.s) of the expression starting just after the sign at i_eq, and whether
    the right side was announced as approximate ("= about 5"). None or _REJECT as _scan_left."""
    s = st.s
    n = len(s)
    j = i_eq + 1
    while j < n and s[j].kind == "delim":  # "= $\$$900"
        j += 1
    approx = False
    if j < n and s[j].kind == "word" and s[j].text.lower() in _APPROX_WORDS and not single:
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
            if single:
                if t.kind == "op":
                    return None, approx  # "120% of 1125 is \frac{120}{100} \cdot 1125": an expression
                break
            if t.kind == "op":
                need = True
                j += 1
            elif t.kind == "word" and t.text.lower() == "of" and st.fraction_before(end):
                need = True
                j += 1
            elif st.implicit_product(end, j):
                need = True
            elif t.kind in ("var", "func") and t.glued:
                return _REJECT, approx
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
    return end, approx


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


def extract_claims(text: str, counts: dict | None = None) -> list[Claim]:
    """Every "expression = value" in the text, in order of appearance.

    If `counts` is given it is filled with equals_total (signs "=", "≈", "\\approx" in the text)
    and equals_checked (those whose two sides were read and evaluated).
    """
    toks = tokenize(text if isinstance(text, str) else "")
    st = _Stream(toks)
    claims: list[Claim] = []
    total = checked = 0
    for i, eq in enumerate(st.s):
        if eq.kind != "eq":
            continue
        sign = _is_sign(eq)
        total += sign
        claim = _read_claim(text, st, i, eq)
        if claim is not None:
            claims.append(claim)
            checked += sign
    if counts is not None:
        counts.update(equals_total=total, equals_checked=checked)
    return claims


def _read_claim(text: str, st: _Stream, i: int, eq: Tok) -> Claim | None:
    a = _scan_left(st, i)
    b, approx_word = _scan_right(st, i, single=eq.word_eq)
    if a is None or b is None or a == _REJECT or b == _REJECT:
        return None
    left, right = _Side(st, a, i - 1), _Side(st, i + 1, b)
    if left.value is None or right.value is None:
        return None
    approx = eq.approx or approx_word
    reversed_ = False
    if left.n_ops == 0 and approx and right.n_ops == 0:
        pass  # "27.8 ≈ 28": a rounding, judged at the precision shown
    elif left.n_ops == 0:
        # "242 = 2 * 11 * 11": a bare number, then the expression it equals
        if right.n_ops == 0 or eq.word_eq or approx or not _bare_number_before(st, a) or a != i - 1:
            return None
        left, right, reversed_ = right, left, True
    after = text[st.s[b].end:st.s[b].end + 40].lower()
    if "remainder" in after:  # "999/99 = 10 with a remainder of 9": a division with remainder
        return None
    claimed = right.value
    if right.has_pct and not left.has_pct and right.literal is not None:
        claimed = right.literal.value  # "(4 / 20) * 100 = 20%": the % is the result's unit
    ok = judge(left.value, claimed, right.literal, approx)
    lo, hi = (left, right) if not reversed_ else (right, left)
    start = lo.first.start
    end = hi.last.end
    expr_text = text[left.first.start:left.last.end]
    return Claim(start, end, expr_text, claimed, left.value, ok, left.n_ops,
                 _binary_operands(left), approx=approx, sign_at=eq.start)


def equals_counts(text: str) -> dict:
    """{"equals_total": .., "equals_checked": ..} for a text (see extract_claims)."""
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
