"""Claim reading, layer 1: the tokens. A text becomes a list of Tok, each of one Kind.

The lexer (lex) reads numbers (with currency, thousands separators, percent, mixed numbers and number
words), operators in symbols and in words ("times", "multiplied by"), brackets, \\frac, signs ("=",
"≈", "is", "which is", "giving me") and annotations, and tells a variable ("3x", "f(2)") from an
article ("a week") or a unit ("60m") by its neighbours. Operations written in words ("the product of
12 and 3") are folded in by the layer above (claim_words); the scans that read claims from these tokens
sit above that (claim_symbols, claims).

    training/task/claim_tokens.py    Kind, Tok, lex: this layer, imports nothing of the project
    training/task/claim_values.py    exact evaluation of a cleaned expression; the precision rule
    training/task/claim_symbols.py   the scans: the two sides of a sign, read over symbols
    training/task/claim_words.py     operations, numbers and references written in words
    training/task/claims.py          the claims of a text: the public API
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction


class Kind(Enum):
    """What a token is."""

    NUM = "num"        # a number (currency, thousands separators and % folded in; mixed numbers merged; number
                       # words; an operation in words, with its operations in Tok.ops)
    OP = "op"          # + - * / ^ (and their LaTeX, unicode and word spellings: "times", "by", "divided by")
    LP = "lp"          # an opening bracket of any shape, including \left(
    RP = "rp"          # a closing bracket of any shape, including \right)
    FRAC = "frac"      # \frac, \dfrac, \tfrac (followed by two brace groups)
    EQ = "eq"          # = (and signs in words: "is", "which is", "giving me", "to get", ", or"); ≈ \approx
    WORD = "word"      # an English word: a possible unit or annotation
    TEXT = "text"      # \text{...} and friends: an annotation
    VAR = "var"        # a letter that stands for a number, or a number glued to one ("3T", "x_1")
    FUNC = "func"      # a function or constant: \sqrt, \pi, \log, f(...) markers, n!, ...
    REF = "ref"        # an operation on an earlier result ("add 4 to that result"), a number once resolved
    NL = "nl"          # a line break (also LaTeX \\ and <br>)
    DELIM = "delim"    # a math delimiter ($, \(, \), \[, \]): ends an expression, may touch "="
    STOP = "stop"      # punctuation, relations, tags: they end an expression
    ODD = "odd"        # any other symbol: ends an expression, and drops a side it cuts short
    WS = "ws"          # whitespace and layout
    # only while lexing (lex() turns them into the kinds above):
    LETTER = "letter"  # a single letter: a variable or an article, decided from its neighbours
    PCT = "pct"        # a percent sign: folded into the number before it
    BANG = "bang"      # "!": a factorial after a number, else punctuation


class SignKind(Enum):
    """How a sign in words joins its two sides."""

    PLAIN = "plain"      # "is", "equals", "gives", "to get", "should be": the left side ends at the sign
    COMMA = "comma"      # "which is", "giving me", "we get", "resulting in", "find that it's", "we are left with",
                         # ", the result is" (the comma is part of it): may follow a comma
                         # ("300 times 234, which is 70,200") and a connector ("6 by 2 and we get 12"), and "2,
                         # which is the difference of 7 and 5" reads backwards
    POINTER = "pointer"  # "this is", "that's", "it's", "this is equivalent to": as comma, and also across a full
                         # stop ("the product of 12 and 3. This is 16": the sentence before names the computation)
    EQUIV = "equiv"      # "is the same as", "is equivalent to", "can be written as", "rewrite a as b", "a, or
                         # b": two forms of one number, either of which may be a bare number ("75%, or 0.75")


# ----------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------
_OP_MAP = {"\\times": "*", "\\cdot": "*", "\\ast": "*", "\\div": "/", "−": "-", "–": "-", "×": "*",
           "·": "*", "⋅": "*", "∙": "*", "÷": "/", "x": "*", "X": "*", "plus": "+", "minus": "-", "times": "*",
           "**": "^"}
# Signs written in words ("is", "which is", "giving me", "we get", "should be", "this is", ", or") are
# read by the phrase group of the lexer; _sign_kind() says how each one joins its two sides.
# Words that end an annotation run: they start a new clause, so the numbers on either side of
# them do not belong to one expression ("5 apples and 3 + 2 = 5" is not "5 + 3 + 2").
CLAUSE_WORDS = {"is", "are", "was", "were", "be", "been", "so", "then", "therefore", "thus", "hence",
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

_TOKEN_RE = re.compile(
    r"""
    (?P<nl>\n|\\\\(?![A-Za-z])|<br\s*/?>)
  | (?P<junk>[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f])
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
  | (?P<rel><=|>=|==|!=|=>|<|>|≠|≤|≥|→|⇒|≡)
  | (?P<eq>=)
  | (?P<dstar>\*\*)
  | (?P<escstar>\\\*)
  | (?P<xop>(?<=[\d\s)}])[xX](?=[ \t]*(?:\\?\$\s?)?\d))
  | (?P<sup>[²³])
  | (?P<op>[+\-−–*×·⋅∙/÷^])
  | (?P<passive>(?i:\b(?:is|are|was|were|gets)\s+(?=(?:multiplied|divided)\s+(?:by|with)\b|added\s+to\b
                                                        |subtracted\s+from\b)))
  | (?P<phrase>(?i:\b(?:(?:which|that|this|it)\s+(?:(?:further|then|finally|now|also|simply)\s+)?)?
               (?:is\s+(?:equal|equivalent)\s+to|is\s+the\s+same\s+as|adds?\s+up\s+to
               |is\s+(?:approximately|about|roughly|around)|approximately\s+equals|equals(?:\s+to)?|gives(?:\s+(?:us|me|you))?
               |makes|totals|comes\s+(?:out\s+)?to|amounts\s+to|yields|produces|provides|results\s+in
               |leaves(?:\s+(?:us|you|me))?\s+with|leaves
               |(?:should|would|will|must)\s+be
               |(?:will|would|should|could|can|may|might|must)\s+(?:give|yield|produce|provide|make|equal|total
                 |result\s+in|amount\s+to|come\s+(?:out\s+)?to)(?:\s+(?:us|me|you))?
               |(?:simplifies|reduces)\s+to
               |(?:is|are|can\s+(?:only\s+|also\s+)?be|may\s+be)\s+(?:(?:re)?written|expressed|represented|treated|seen
                 |viewed|regarded)\s+as
               |(?:is|can\s+be)\s+(?:calculated|computed|found|obtained)\s+(?:as|by(?:\s+taking)?)
               |(?:would\s+|will\s+)?results?\s+from|(?:is|are|can\s+be)\s+obtained\s+(?:by|from)|(?:is\s+)?denoted\s+(?:by|as)
               |(?:can\s+be\s+|is\s+)?(?:simplified|reduced)\s+to|is)\b
               |(?<![A-Za-z][ \t])\b(?:this|that)\s+(?:result|value|number)\s+(?:is\s+(?:equal|equivalent)\s+to
                                                                    |is\s+the\s+same\s+as|is)\b
               |\b(?:giving(?:\s+(?:us|me|you))?|resulting\s+in|yielding|producing|providing|(?:we|i|you)\s+(?:get|obtain)
               |which\s+represents
               |to\s+(?:get|obtain)|that['’]s|that\s+is|the\s+(?:result|sum|product|difference|quotient)\s+(?:is|will\s+be)
               |this\s+is|it\s+is|it['’]s|can\s+(?:only\s+|also\s+)?be\s+(?:(?:re)?written|expressed|represented)\s+as
               |result\s+in
               |(?:we\s+|i\s+|you\s+)?(?:find|found|see)\s+that\s+(?:it['’]s|it\s+is|this\s+is)
               |(?:we|you|i)\s+(?:are|am|were|was)\s+left\s+with|(?:we|you)['’]re\s+left\s+with
               |and\s+(?:then\s+)?get)\b
               |,[ \t]*the\s+(?:result|answer|sum|product|difference|quotient|total)\s+(?:is|will\s+be|would\s+be)\b))
  | (?P<wordop>\bmultiplied\s+(?:by|with)\b|\bdivided\s+by\b|\b(?:raised\s+)?to\s+the\s+power\s+of\b)
  | (?P<word>[A-Za-z]{2,}(?:-[A-Za-z]{2,})+(?:/[A-Za-z]+)*|[A-Za-z](?:[A-Za-z'’]*[A-Za-z])?(?:/[A-Za-z]+)*)
  | (?P<bang>!)
  | (?P<ws>[ \t\r]+)
  | (?P<punct>\.\.\.|…|[.,;:?"“”|_#~`@])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Tok:
    kind: Kind
    text: str
    start: int
    end: int
    value: Fraction | None = None
    op: str = ""             # for Kind.OP: + - * / ^
    pct: bool = False        # a number written with %
    word_eq: bool = False    # an "=" written as a word
    approx: bool = False     # a sign that claims only approximate equality
    glued: bool = False      # no whitespace between this token and the previous one
    decimals: int | None = None  # digits after the point, as written (for precision)
    literal: str = ""        # the number as written, without currency or separators
    sign: str = ""           # a sign written in words, normalised ("which is", "giving me", "or")
    sign_kind: SignKind | None = None  # how it joins its sides (see SignKind)
    ops: int = 0             # operations folded into a number token ("the product of 12 and 3")
    operands: tuple = ()     # (a, op, b) of such a token when both operands are plain numbers
    verbal: bool = False     # a number written in words, or an operation read from words
    ref: tuple = ()          # an operation on an earlier result ("add 4 to that result"): see resolve_reference
    alts: tuple = ()         # other values the words may mean ("the difference between 6 and 9": -3 too)


def lex(text: str) -> list[Tok]:
    """The text as tokens of the kinds in Kind: numbers, operators, brackets, signs, words, variables.
    Operations in words are still words here (claim_words.read_words folds them in)."""
    toks = _raw_tokens(text, 0)
    _merge(toks)
    return toks


# Regex groups whose kind needs no further reading (the others are read in _classify).
_GROUP_KIND = {"nl": Kind.NL, "junk": Kind.NL, "text": Kind.TEXT, "frac": Kind.FRAC, "pct": Kind.PCT, "lp": Kind.LP,
               "rp": Kind.RP, "eq": Kind.EQ, "deg": Kind.TEXT, "space": Kind.WS, "ws": Kind.WS, "currency": Kind.WS,
               "punct": Kind.STOP, "rel": Kind.STOP, "tag": Kind.STOP, "delim": Kind.DELIM, "other": Kind.ODD,
               "bang": Kind.BANG, "passive": Kind.WS}
# passive: "is" before "divided by", "added to" ("When 12 is divided by 3, we get 4") is no sign but part of the
# operation, read as "12 divided by 3";
# junk: bytes no writer wrote - U+FFFD (a sampled token that is only part of a character, which the decoder
# cannot turn into one) and control characters other than tab, line feed and carriage return (a form feed in
# "64\x0cs right" is no layout) - break the text like a line break: "That leaves 9+2h\ufffd 9 + 2
# = 11" and "15*5\ufffd15 / 3 = 5" hold the claims 9 + 2 = 11 and 15 / 3 = 5;
# deg: "^\circ" is an annotation; currency: a \$ with no number after it; delim: $ \( \) \[ \] end an
# expression, but may sit right next to "="; other: an unknown symbol (the scan stops, and a side it
# cuts short is dropped)


def _raw_tokens(text: str, offset: int) -> list[Tok]:
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        group = m.lastgroup
        if group in ("fd1", "fd2"):  # inner groups of fracdigits
            group = "fracdigits"
        body = m.group(0)
        if group == "text" and re.search(r"=|≈", body):
            # "\text{answer = 250 · 6 · 4 · 5 = 30,000}": maths written inside \text is still maths
            open_ = body.index("{") + 1
            toks.append(Tok(Kind.WS, body[:open_], offset + m.start(), offset + m.start() + open_))
            toks.extend(_raw_tokens(body[open_:-1], offset + m.start() + open_))
            toks.append(Tok(Kind.WS, "}", offset + m.end() - 1, offset + m.end()))
            continue
        t = Tok(_GROUP_KIND.get(group, Kind.WORD), body, offset + m.start(), offset + m.end())
        _classify(t, group, m)
        toks.append(t)
    return toks


def _classify(t: Tok, group: str, m: re.Match) -> None:
    """Give a token read by the regex group `group` its kind and value, where the group alone does not."""
    s = t.text
    if group == "num":
        digits = re.sub(r"[^\d.]", "", s.replace("{,}", "").replace(",\\!", "").replace("\\,", ""))
        t.kind, t.literal = Kind.NUM, digits
        t.value = Fraction(digits)
        t.decimals = len(digits.split(".")[1]) if "." in digits else 0
    elif group == "fracdigits":  # \frac12 is one half
        t.kind, t.value = Kind.NUM, Fraction(int(m.group("fd1")), int(m.group("fd2")))
        t.literal = f"{m.group('fd1')}/{m.group('fd2')}"
    elif group in ("op", "xop", "dstar", "sup", "escstar"):
        t.kind = Kind.OP
        t.op = "*" if group == "escstar" else (_OP_MAP.get(s, s) if group != "sup" else "^")
    elif group == "wordop":
        key = re.sub(r"\s+", " ", s.lower())
        t.kind, t.op = Kind.OP, "*" if key.startswith("multiplied") else "/" if key.startswith("divided") else "^"
    elif group == "phrase":
        key = re.sub(r"\s+", " ", s.lower()).replace("’", "'")
        t.kind, t.word_eq, t.sign = Kind.EQ, True, key
        t.approx = any(w in key for w in ("approximately", "about", "roughly", "around"))
        t.sign_kind = _sign_kind(key)
    elif group == "approx":
        t.kind, t.approx = Kind.EQ, True
    elif group == "word":
        low = s.lower()
        if low in ("plus", "minus", "times"):
            t.kind, t.op = Kind.OP, _OP_MAP[low]
        elif low in ("equals", "is", "gives", "makes"):
            t.kind, t.word_eq, t.sign, t.sign_kind = Kind.EQ, True, low, SignKind.PLAIN
        elif len(s) == 1:
            t.kind = Kind.LETTER  # variable or article: decided from its neighbours in _merge()
    elif group == "cmd":
        name = s[1:]
        if name in _LATEX_SPACE:
            t.kind = Kind.WS
        elif name in _LATEX_REL:
            t.kind = Kind.STOP
        elif name in ("times", "cdot", "div", "ast"):
            t.kind, t.op = Kind.OP, _OP_MAP["\\" + name]
        else:  # \sqrt \pi \log \sin \lfloor \binom \ldots ...: not plain arithmetic
            t.kind = Kind.FUNC


def _sig(toks: list[Tok], i: int, step: int) -> int | None:
    """Index of the next non-whitespace token from i (exclusive) in direction step, or None."""
    i += step
    while 0 <= i < len(toks):
        if toks[i].kind != Kind.WS:
            return i
        i += step
    return None


def _merge(toks: list[Tok]) -> None:
    """Second pass: fold percent signs into numbers, merge mixed numbers, tell variables from
    articles and units, and decide what "**", "!" and "/" mean from their neighbours."""
    reglue(toks)
    _percent_power_bang(toks)
    _delimiters_as_layout(toks)
    _quoted_math(toks)
    _superscripts(toks)
    _mixed_numbers(toks)
    _number_words(toks)  # "thirty-six", "a hundred": before "a" is told from a variable
    _letters(toks)
    _per_units(toks)
    _unit_powers(toks)
    _colon_divisions(toks)
    reglue(toks)


def _percent_power_bang(toks: list[Tok]) -> None:
    """"25 %" and "25 percent" are one number; "3**2" is a power and "**bold**" layout; "n!" a factorial."""
    for i, t in enumerate(toks):
        nxt = _sig(toks, i, 1)
        prv = _sig(toks, i, -1)
        if t.kind == Kind.WORD and t.text.lower() == "percent" and prv is not None and toks[prv].kind == Kind.NUM \
                and not toks[prv].pct and i - prv <= 2:
            t.kind = Kind.PCT
        if t.kind == Kind.PCT and prv is not None and toks[prv].kind == Kind.NUM and i - prv <= 2:
            toks[prv].pct = True
            toks[prv].end = t.end
            t.kind = Kind.WS
        elif t.kind == Kind.PCT:
            t.kind = Kind.STOP
        elif t.kind == Kind.OP and t.text == "**":
            # "3**2" is a power; "**11 years**" is bold markdown
            left_ok = prv is not None and toks[prv].kind in (Kind.NUM, Kind.RP) and i - prv <= 2
            right_ok = nxt is not None and toks[nxt].kind in (Kind.NUM, Kind.LP) and nxt - i <= 2
            if not (left_ok and right_ok):
                t.kind = Kind.WS
        elif t.kind == Kind.BANG:
            # n! is a factorial (not arithmetic we evaluate); otherwise punctuation
            t.kind = Kind.FUNC if t.glued and prv is not None and toks[prv].kind in (Kind.NUM, Kind.RP) else Kind.STOP


def _delimiters_as_layout(toks: list[Tok]) -> None:
    """"3 $\\times$ 2": math delimiters around a lone operator are layout."""
    for i, t in enumerate(toks):
        if t.kind == Kind.DELIM:
            prv, nxt = _sig(toks, i, -1), _sig(toks, i, 1)
            if prv is not None and nxt is not None:
                a, b = toks[prv].kind, toks[nxt].kind
                if (a in (Kind.NUM, Kind.RP) and b == Kind.OP) or \
                        (a == Kind.OP and b in (Kind.NUM, Kind.LP, Kind.FRAC)):
                    t.kind = Kind.WS


_QUOTES = {'"': '"', "“": "”", "`": "`"}


def _quoted_math(toks: list[Tok]) -> None:
    """Quotes around an expression are layout: 'The expression "9 + 6/3 - 6" can be written as ...' reads the
    expression as written (quotes around anything else, an equation included, stay punctuation)."""
    for i, t in enumerate(toks):
        if t.kind != Kind.STOP or t.text not in _QUOTES:
            continue
        j = i + 1
        while j < len(toks) and toks[j].kind in (Kind.NUM, Kind.OP, Kind.LP, Kind.RP, Kind.WS):
            j += 1
        inner = [x.kind for x in toks[i + 1:j]]
        if j < len(toks) and toks[j].text == _QUOTES[t.text] and Kind.NUM in inner and Kind.OP in inner:
            t.kind = toks[j].kind = Kind.WS


def _superscripts(toks: list[Tok]) -> None:
    """Unicode superscripts: "3²" is 3 ^ 2 (an operator token followed by its exponent)."""
    with_sup: list[Tok] = []
    for t in toks:
        with_sup.append(t)
        if t.kind == Kind.OP and t.text in ("²", "³"):
            e = 2 if t.text == "²" else 3
            with_sup.append(Tok(Kind.NUM, "", t.end, t.end, value=Fraction(e), glued=True, decimals=0,
                                literal=str(e)))
    toks[:] = with_sup


def _mixed_numbers(toks: list[Tok]) -> None:
    """Mixed numbers: 1\\frac{2}{3} (glued) and "3 1/2" (a proper fraction, small denominator)."""
    n = len(toks)
    for i in range(n):
        t = toks[i]
        if t.kind != Kind.NUM or t.pct or t.value is None or t.value.denominator != 1:
            continue
        j = i + 1
        if j < n and toks[j].kind == Kind.FRAC and toks[j].glued:
            parts = _frac_literal(toks, j)
            if parts and 0 < parts[0] < parts[1]:
                end_i = parts[2]
                t.value = t.value + Fraction(parts[0], parts[1])
                t.end, t.literal = toks[end_i].end, ""
                for k in range(j, end_i + 1):
                    toks[k].kind = Kind.WS
        elif (j + 3 < n and toks[j].kind == Kind.WS and toks[j].text == " " and toks[j + 1].kind == Kind.NUM
              and toks[j + 2].kind == Kind.OP and toks[j + 2].op == "/" and toks[j + 2].glued
              and toks[j + 3].kind == Kind.NUM and toks[j + 3].glued):
            a, b = toks[j + 1].value, toks[j + 3].value
            after = toks[j + 4] if j + 4 < n else None
            if (a.denominator == b.denominator == 1 and 0 < a < b <= 16 and not toks[j + 1].pct
                    and not (after is not None and after.glued and after.kind in (Kind.OP, Kind.NUM))):
                t.value = t.value + a / b
                t.end, t.literal = toks[j + 3].end, ""
                for k in range(j, j + 4):
                    toks[k].kind = Kind.WS


def _letters(toks: list[Tok]) -> None:
    """Letters: variables or words, units glued to numbers, x_1 subscripts, f(2) calls."""
    n = len(toks)
    for i in range(n):
        t = toks[i]
        if t.kind not in (Kind.WORD, Kind.LETTER):
            continue
        prv = _sig(toks, i, -1)
        nxt = _sig(toks, i, 1)
        p = toks[prv] if prv is not None else None
        q = toks[nxt] if nxt is not None else None
        glued_after_num = t.glued and p is not None and p.kind in (Kind.NUM, Kind.RP)
        # f(2), C(52, 3), x_1: a letter directly followed by a bracket or a subscript
        followed_by_call = q is not None and q.glued and (q.kind == Kind.LP or (q.kind == Kind.STOP and q.text == "_"))
        if glued_after_num and p.kind == Kind.NUM and q is not None and q.kind == Kind.NUM and q.glued \
                and t.text not in ("e", "E"):
            t.kind = Kind.NL  # "4ic3 - 24", "4j229": letters glued between two numbers are debris, a break
        elif glued_after_num:
            low = t.text.lower()
            if p.kind == Kind.NUM and len(low) >= 3 and low not in _GLUED_UNITS:
                t.kind = Kind.NL  # "-4yhat -4", "12-1ALet": a run of letters no unit spells is debris, a break
            elif p.kind == Kind.NUM and low in _GLUED_UNITS and not followed_by_call \
                    and not (q is not None and q.glued and q.kind == Kind.OP and q.op == "^"):
                t.kind = Kind.WORD  # "60m", "20kg", "5th": a unit
            else:
                t.kind = Kind.VAR  # "3x", "7y", "3T", "2s(": a term with a variable
                if p.kind == Kind.NUM:
                    p.kind = Kind.VAR
        elif followed_by_call:
            t.kind = Kind.VAR if t.kind == Kind.LETTER else Kind.FUNC  # f(2), C(52, 3), x_1
        elif t.kind == Kind.LETTER:
            math_near = {Kind.NUM, Kind.OP, Kind.EQ, Kind.LP, Kind.RP, Kind.FRAC, Kind.VAR, Kind.FUNC, Kind.STOP,
                         Kind.DELIM}
            near = [x for x in (p, q) if x is not None]
            # an article ("a week") sits between words; a variable sits next to maths or a delimiter
            if any(x.kind in math_near and not (x.kind == Kind.STOP and x.text in ".,;:?") for x in near) \
                    or not near:
                t.kind = Kind.VAR
            else:
                t.kind = Kind.WORD


def _per_units(toks: list[Tok]) -> None:
    """"/" between a quantity and a unit is "per": "$3/\\text{kg}", "6 miles/day" (the latter is
    already one word token). "x/y" stays a division (single letters are variables)."""
    n = len(toks)
    for i in range(n):
        t = toks[i]
        if t.kind == Kind.OP and t.op == "/" and t.glued and i + 1 < n:
            q = toks[i + 1]
            prv = _sig(toks, i, -1)
            if q.glued and (q.kind == Kind.TEXT or (q.kind == Kind.WORD and len(q.text) > 1)) \
                    and prv is not None and toks[prv].kind in (Kind.NUM, Kind.WORD, Kind.TEXT):
                t.kind = Kind.TEXT
                q.kind = Kind.TEXT


def _unit_powers(toks: list[Tok]) -> None:
    """A unit with a power: "cm^2", "m^2/s" (the power belongs to the unit, not to the number)."""
    n = len(toks)
    for i in range(n):
        t = toks[i]
        if t.kind == Kind.OP and t.op == "^" and t.glued and i > 0 and \
                toks[i - 1].kind in (Kind.WORD, Kind.VAR, Kind.TEXT):
            unit_kind = Kind.VAR if toks[i - 1].kind == Kind.VAR else Kind.TEXT
            t.kind = unit_kind
            j = i + 1
            if j < n and toks[j].kind in (Kind.NUM, Kind.LP):
                end = _match_bracket(toks, j) if toks[j].kind == Kind.LP else j
                for k in range(j, (end if end is not None else j) + 1):
                    toks[k].kind = unit_kind


def _colon_divisions(toks: list[Tok]) -> None:
    """A colon between two operands inside an equation is a division, as many countries write it: "144 : 3 =
    48", "(63 + 27 + 54) : 3", "= 144: 3". It must have the same spacing on both sides with an "=" after it in
    its line (or at the start of the next), or follow the "=" at once with no "=" after it ("= 4: 9*4 = 36" ends
    one claim and opens the next); "Step 1: 3 + 4 = 7" is a label, and so is "add up to 50: 3 and 47"."""
    sig = [i for i, t in enumerate(toks) if t.kind != Kind.WS]
    for k in range(1, len(sig) - 1):
        t, p, q = toks[sig[k]], toks[sig[k - 1]], toks[sig[k + 1]]
        operands = p.kind in (Kind.NUM, Kind.RP) and q.kind in (Kind.NUM, Kind.LP)
        if not (t.kind == Kind.STOP and t.text == ":" and operands):
            continue
        spaced = sig[k] - sig[k - 1] > 1, sig[k + 1] - sig[k] > 1
        after_sign = k >= 2 and p.kind == Kind.NUM and toks[sig[k - 2]].kind == Kind.EQ and not toks[sig[k - 2]].word_eq
        follows = _sign_follows(toks, sig, k + 1)
        # "= 144: 3" divides; "= 4: 9*4 = 36" ends a claim and opens the next, as "Step 2: 3 + 4 = 7" does
        if spaced[0] == spaced[1] and (after_sign or follows) or after_sign and not follows:
            t.kind, t.op = Kind.OP, "/"


def _sign_follows(toks: list[Tok], sig: list[int], k: int) -> bool:
    """Does an "=" follow toks[sig[k]] over operands and operators only, within its line or at the start of
    the next?"""
    breaks = 0
    for i in sig[k:]:
        t = toks[i]
        if t.kind == Kind.EQ:
            return True
        if t.kind == Kind.NL:
            breaks += 1
            if breaks > 1:
                return False
        elif t.kind not in (Kind.NUM, Kind.OP, Kind.LP, Kind.RP) and not (t.kind == Kind.STOP and t.text == ":"):
            return False
    return False


def reglue(toks: list[Tok]) -> None:
    """Recompute `glued` once layout tokens ("**" bold, \\boxed, merged parts) are known."""
    for i, t in enumerate(toks):
        p = toks[i - 1] if i else None
        t.glued = p is not None and p.kind != Kind.WS and p.end == t.start


def _match_bracket(toks: list[Tok], i: int) -> int | None:
    """Index of the bracket closing the one at i (any shape), or None."""
    depth = 0
    for j in range(i, len(toks)):
        k = toks[j].kind
        if k == Kind.LP:
            depth += 1
        elif k == Kind.RP:
            depth -= 1
            if depth == 0:
                return j
        elif k == Kind.NL and depth:
            return None
    return None


def _group_after(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """(opening, closing index) of the bracket group that follows token i, if one does."""
    a = _sig(toks, i, 1)
    if a is None or toks[a].kind != Kind.LP:
        return None
    end = _match_bracket(toks, a)
    return None if end is None else (a, end)


def _frac_literal(toks: list[Tok], i: int) -> tuple[int, int, int] | None:
    """(numerator, denominator, last index) for \\frac{2}{3} written with plain integers."""
    num = _group_after(toks, i)
    den = _group_after(toks, num[1]) if num else None
    if den is None:
        return None
    inner_a = [t for t in toks[num[0] + 1:num[1]] if t.kind != Kind.WS]
    inner_b = [t for t in toks[den[0] + 1:den[1]] if t.kind != Kind.WS]
    if len(inner_a) == len(inner_b) == 1 and inner_a[0].kind == inner_b[0].kind == Kind.NUM:
        x, y = inner_a[0].value, inner_b[0].value
        if x.denominator == y.denominator == 1 and not inner_a[0].pct and not inner_b[0].pct:
            return int(x), int(y), den[1]
    return None


# ----------------------------------------------------------------------------------------------
# Signs and numbers in words
# ----------------------------------------------------------------------------------------------
# signs in words that say two forms are one (SignKind.EQUIV)
_EQUIV_PHRASES = ("same as", "equivalent to", "written as", "expressed as", "represented as", "treated as", "seen as",
                  "viewed as", "regarded as", "calculated as",
                  "calculated by",
                  "computed as", "computed by", "obtained by", "obtained from", "result from", "results from", "denoted")


def _sign_kind(key: str) -> SignKind:
    """How a sign in words (normalised, lower case) joins its sides: see SignKind. A sign that starts by pointing
    back ("this is the same as") points back, whatever it says next."""
    if key.startswith(("this ", "that ", "it ", "the result ", "the sum ", "the product ", "the difference ",
                       "the quotient ")) or key in ("that's", "it's"):
        return SignKind.POINTER
    if any(w in key for w in _EQUIV_PHRASES) or key in ("or", "as"):
        return SignKind.EQUIV
    if key.startswith(("which ", "giving", "resulting", "yielding", "producing", "providing", ",", "we ", "you ",
                       "i ", "we'", "you'")) or \
            key.endswith(" get") and key != "to get" or " that " in key:
        return SignKind.COMMA
    return SignKind.PLAIN


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
    sig = [i for i, t in enumerate(toks) if t.kind != Kind.WS]
    k = 0
    while k < len(sig):
        t = toks[sig[k]]
        low = t.text.lower()
        if t.kind not in (Kind.WORD, Kind.LETTER) or not (_number_word(low) is not None or
                                                     (low == "a" and k + 1 < len(sig) and
                                                      toks[sig[k + 1]].text.lower() in _SCALES)):
            k += 1
            continue
        total = current = 0
        last = None  # the kind of the last word read: unit, tens, scale
        j = k
        while j < len(sig):
            w = toks[sig[j]].text.lower() if toks[sig[j]].kind in (Kind.WORD, Kind.LETTER) else ""
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
        first.kind, first.value, first.literal = Kind.NUM, Fraction(value), str(value)
        first.decimals, first.verbal = 0, True
        first.end = end.end
        for q in sig[k + 1:j]:
            toks[q].kind = Kind.WS
        k = j


# ----------------------------------------------------------------------------------------------
# Helpers for the layers above
# ----------------------------------------------------------------------------------------------
_COMPARISONS = {"<", ">", "<=", ">=", "≤", "≥", "≠", "!=", "\\le", "\\leq", "\\ge", "\\geq", "\\lt", "\\gt",
                "\\ne", "\\neq", "\\leqslant", "\\geqslant"}


def is_comparison(t: Tok) -> bool:
    """Is t a comparison sign ("<", "\\le", "≥", "≠")?"""
    return t.kind == Kind.STOP and t.text in _COMPARISONS


def spells(s: list[Tok], i: int, *words: str) -> bool:
    """Do the tokens from s[i] spell these words (each an alternative set separated by '|')?"""
    for k, alts in enumerate(words):
        j = i + k
        if j >= len(s) or s[j].kind not in (Kind.WORD, Kind.LETTER, Kind.FUNC, Kind.VAR) or \
                s[j].text.lower() not in alts.split("|"):
            return False
    return True


def bracket_pairs(s: list[Tok]) -> dict[int, int]:
    """Index of each bracket's partner, both ways (brackets do not span lines)."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(s):
        if t.kind == Kind.LP:
            stack.append(i)
        elif t.kind == Kind.RP and stack:
            j = stack.pop()
            match[i], match[j] = j, i
        elif t.kind == Kind.NL:
            stack.clear()
    return match

