"""Claim reading, layer 3: what is written in words.

Small models and long R1-style traces say most of their arithmetic in words: "300 times 234, which is
70,200", "the product of 12 and 3. This is 16", "subtract 8 from 24 to get 48", "3 doubled is 6",
"thirty-six minus eight leaves twenty-six". Such words become the same tokens symbols give, so one
grammar (the scans of claim_symbols) reads both:
  - number words become numbers ("thirty-six", "a hundred", "one hundred and five"), and result words
    and phrases become signs with a SignKind: both in the lexer (claim_tokens);
  - an operation in words becomes one number token that remembers its operations and operands ("the
    product of 12 and 3" is a token worth 36 with ops=1 and operands (12, "*", 3)), so "The product of
    12 and 3 is 16" reads exactly like "12 * 3 = 16" (tokenize);
  - an operation on an earlier result ("add 4 to that result", "add these together", "the result of that
    subtraction") becomes a reference, given its value from the claims or stated results before it
    (resolve_reference) or left unread;
  - steps joined with "and (then)" go on from the result before them where a result sign follows ("multiply 2
    by 3 and add 4, which gives 10" is one operation in words, (2 * 3) + 4: _continued_operations).
What is not arithmetic stays unread rather than guessed: "the denominator of 6/2, which is 2", "2
divided by 19 leaves a remainder of 2", "27*11 modulo 10, which is 2*11" (claim_symbols' opaque words).
Imports only the layers below (claim_tokens, claim_values).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from training.task.claim_tokens import Kind, SignKind, Tok, bracket_pairs, lex, reglue, spells
from training.task.claim_values import Parser

# Words that can start or carry an operation in words; a text with none of them skips _read_operations().
_VERBAL_WORDS = {"sum", "summation", "total", "product", "factorial", "inverse", "multiplications", "additions", "difference", "quotient", "addition", "subtraction",
                 "multiplication", "division", "reciprocal", "square", "squaring", "cube", "cubing", "half", "twice",
                 "double", "doubling", "triple", "tripling", "halve", "halving",
                 "doubled", "halved", "tripled", "squared", "cubed", "subtracted", "added", "taken", "multiply",
                 "multiplying", "divide", "dividing", "add", "adding", "subtract", "subtracting", "by", "least",
                 "lowest", "smallest", "greatest", "highest", "largest", "lcm", "gcd", "gcf", "hcf", "rewrite",
                 "write", "express", "rewriting", "convert", "or", "out", "calculate",
                 "compute", "evaluate"}


def tokenize(text: str) -> list[Tok]:
    """The text as tokens (see Kind), with what is written in words read: number words, signs in words,
    operations in words folded into number tokens, references to earlier results marked (Kind.REF)."""
    toks = lex(text)
    _read_operations(toks)
    _fraction_divisors(toks)
    return toks


def _expr_at(s: list[Tok], match: dict[int, int], i: int) -> tuple[int, Fraction, int] | None:
    """The arithmetic expression that starts at s[i] (numbers, operators, brackets): (index just
    after it, its value, its operations), or None. It stops at the first word ("and", "by", "to"),
    so "the sum of 5*16 and 2*6" has the operands 5*16 and 2*6."""
    j, need, end = i, True, None
    while j < len(s):
        t = s[j]
        if need:
            if t.kind == Kind.OP and t.op in "+-" and (j == i or s[j - 1].kind == Kind.OP):
                j += 1
                continue
            if t.kind == Kind.NUM:
                j += 1
            elif t.kind == Kind.LP and j in match and t.text[-1:] in "([":
                j = match[j] + 1
            else:
                break
            need, end = False, j
        elif t.kind == Kind.OP and t.op in "+-*/^" and j + 1 < len(s):
            need = True
            j += 1
        else:
            break
    if end is None or (end < len(s) and s[end].kind in (Kind.VAR, Kind.FUNC) and s[end].glued):
        return None
    items = [t for t in s[i:end] if t.kind not in (Kind.WORD, Kind.TEXT)]
    try:
        p = Parser(items)
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
        j = _after_note(s, match, e[0])
        if last and _and_again(s, out[-1][0], j) and len(out) < 6:
            j += 1  # "the sum of 8 and 9 and 6": one more operand
            continue
        if last:
            break
        comma = j < len(s) and s[j].kind == Kind.STOP and s[j].text == ","
        if comma and spells(s, j + 1, seps):
            j, last = j + 2, True  # "87, 92, and 78"
        elif comma and j + 1 < len(s) and s[j + 1].kind == Kind.NUM and len(out) < 6:
            j += 1  # "87, 92 and 78"
        elif spells(s, j, seps):
            j, last = j + 1, True
        else:
            break
    return (out, j) if last and len(out) >= 2 else None


def _after_note(s: list[Tok], match: dict[int, int], j: int) -> int:
    """Index after a note in brackets at s[j] that only names the operand before it, in words ("the sum of 6
    (the third term) and 3 (the first term)"); j where there is none."""
    if j < len(s) and s[j].kind == Kind.LP and s[j].text == "(" and j in match:
        inner = s[j + 1:match[j]]
        if 0 < len(inner) <= 4 and all(t.kind in (Kind.WORD, Kind.LETTER) for t in inner):
            return match[j] + 1
    return j


def _pair_reference(s: list[Tok], j: int) -> int | None:
    """Index after "the two numbers", "these two numbers", "both numbers", "them" at s[j] (the operands of an
    operation named just before: "the difference between the two numbers"), or None."""
    if spells(s, j, "them") or spells(s, j, "both", "numbers|values"):
        return j + 1 + spells(s, j, "both")
    two = j + 1 < len(s) and s[j + 1].kind == Kind.NUM and s[j + 1].verbal and s[j + 1].value == 2
    if spells(s, j, "the|these|those") and two and spells(s, j + 2, "numbers|values"):
        return j + 3
    return j + 2 if spells(s, j, "these|those", "numbers|values") else None


def _and_again(s: list[Tok], a: int, b: int) -> bool:
    """The operand s[a..b-1] came after "and" and another "and" and a number follow it ("8 and 9 and 6")."""
    return spells(s, a - 1, "and") and spells(s, b, "and") and b + 1 < len(s) and s[b + 1].kind == Kind.NUM


def _group(s: list[Tok], a: int, b: int, value: Fraction, ops: int, parts=None, op: str = "", alts=()) -> Tok:
    """One number token for the operation in words s[a..b-1] (alts: other values its words may mean)."""
    operands = ()
    if parts is not None and len(parts) == 2 and op and all(p[3] == 0 and p[1] - p[0] == 1 for p in parts):
        operands = (parts[0][2], op, parts[1][2])
    g = Tok(Kind.NUM, " ".join(t.text for t in s[a:b]), s[a].start, s[b - 1].end, value=value, decimals=None,
            literal="", ops=max(ops, 1), operands=operands, verbal=True, glued=s[a].glued)
    g.alts = tuple(alts)
    return g


def _combine(op: str, values: list[Fraction]) -> Fraction:
    v = values[0]
    for x in values[1:]:
        if op == "+":
            v += x
        elif op == "*":
            v *= x
        elif op == "-":
            v -= x
        elif op == "^":
            v **= int(x)
        elif x == 0:
            raise ZeroDivisionError
        else:
            v /= x
    return v


# "the sum/product/difference/quotient of a and b", "the difference between a and b", "the addition of
# a to b", "the division of a by b", "the subtraction of a from b": the operator, and the words that
# may separate the operands
_NOUNS = {"sum": ("+", "and"), "summation": ("+", "and"), "total": ("+", "and"), "product": ("*", "and"),
          "difference": ("-", "and"), "quotient": ("/", "and"), "addition": ("+", "to|and"),
          "multiplication": ("*", "and|by"), "division": ("/", "by|and"), "subtraction": ("-", "from|and"),
          "multiplications": ("*", "and"), "additions": ("+", "and")}  # "perform the multiplications of 3, 2 and 2"
# what may stand between "the" and the noun of an operation: "which is the correct sum of 8 and 6"
_ADJECTIVES = "correct|right|actual|exact|final|whole"
# "the reciprocal of a", "half of a", "the square of a", "the cube of a"
_OF_ONE = {"reciprocal": lambda x: 1 / x, "half": lambda x: x / 2, "square": lambda x: x * x,
           "cube": lambda x: x ** 3, "factorial": lambda x: _factorial(x)}
# "the additive inverse of a", "the multiplicative inverse of a" ("the inverse of a" says neither: not read)
_INVERSES = {"additive": lambda x: -x, "multiplicative": lambda x: 1 / x}


def _factorial(x: Fraction) -> Fraction | None:
    """x! for a whole number up to 20; None (not read) otherwise."""
    return Fraction(math.factorial(int(x))) if x.denominator == 1 and 0 <= x <= 20 else None
# one operand right after the word: "twice 4", "double 3", "square 9" (a verb: never "the square 9"), "cube 2"
_ONE_OPERAND = {"twice": lambda x: 2 * x, "double": lambda x: 2 * x, "doubling": lambda x: 2 * x,
                "triple": lambda x: 3 * x, "square": lambda x: x * x, "squaring": lambda x: x * x,
                "cube": lambda x: x ** 3, "cubing": lambda x: x ** 3}
# "multiply a by b", "multiply a with b", "dividing a by b", "add a to b", "add a and b", "subtract a from b"
_VERBS = {"multiply": ("*", "by|with|and"), "multiplying": ("*", "by|with|and"), "divide": ("/", "by"),
          "dividing": ("/", "by"),
          "add": ("+", "to|and"), "adding": ("+", "to|and"), "subtract": ("-", "from"),
          "subtracting": ("-", "from")}
# postfix: "3 doubled", "17 squared", "5 cubed", "8 halved"
_POSTFIX = {"doubled": lambda x: 2 * x, "squared": lambda x: x * x, "cubed": lambda x: x ** 3,
            "halved": lambda x: x / 2, "tripled": lambda x: 3 * x}


def _verbal_at(s: list[Tok], match: dict[int, int], i: int):
    """The operation in words that starts at s[i], as (start, end, group token), or None."""
    t = s[i]
    if t.kind == Kind.OP and t.text[:1].isalpha():
        return _reference_operated(s, match, i)
    if t.kind == Kind.EQ and re.fullmatch(r"adds?\s+up\s+to", t.text, re.IGNORECASE):
        return _list_adding_up(s, match, i)
    if t.kind not in (Kind.WORD, Kind.LETTER, Kind.FUNC, Kind.VAR, Kind.NUM, Kind.RP):
        return None
    w = t.text.lower()
    start = i - 1 if i and s[i - 1].kind in (Kind.WORD, Kind.LETTER) and s[i - 1].text.lower() in ("the", "a") else i
    if start == i and spells(s, i - 1, _ADJECTIVES) and spells(s, i - 2, "the"):
        start = i - 2  # "the correct sum of 8 and 6"
    if w in _NOUNS and (spells(s, i + 1, "of") or (w == "difference" and spells(s, i + 1, "between"))):
        return _noun_operation(s, match, i, start)
    if w == "inverse" and spells(s, i - 1, "|".join(_INVERSES)) and spells(s, i + 1, "of"):
        kind = s[i - 1].text.lower()
        return _of_one(s, match, i - 2 if spells(s, i - 2, "the|an") else i - 1, i + 2, _INVERSES[kind])
    if w in _OF_ONE and spells(s, i + 1, "of"):
        return _of_one(s, match, start, i + 2, _OF_ONE[w])
    name, j = _common_name(s, i)
    if name:
        return _lcm_gcd(s, match, start, name, j)
    if w in _ONE_OPERAND and (w not in _OF_ONE or start == i) and i + 1 < len(s) \
            and s[i + 1].kind in (Kind.NUM, Kind.LP):
        e = _expr_at(s, match, i + 1)
        if e is None:
            return None
        return start, e[0], _group(s, start, e[0], _ONE_OPERAND[w](e[1]), e[2] + 1)
    got = _reference_at(s, match, i)
    if got is not None:
        return got
    if w == "result" and spells(s, i - 1, "the") and spells(s, i + 1, "of", "that|this", "|".join(_NAMED_OPS)):
        return _ref_group(s, i - 1, i + 4, "named", _NAMED_OPS[s[i + 3].text.lower()])
    first = _first_operand(s, i + 1)
    if w in _VERBS and first < len(s) and s[first].kind in (Kind.NUM, Kind.LP):
        return _verb_operation(s, match, i)
    if t.kind == Kind.NUM and spells(s, i + 1, "out", "of"):
        return _out_of(s, i)
    if t.kind in (Kind.NUM, Kind.RP) and i + 1 < len(s):
        return _postfix_operation(s, match, i)
    return None


def _list_adding_up(s: list[Tok], match: dict[int, int], i: int):
    """"4 and 5 add up to 9", "3, 4 and 5 add up to 12": the operands listed right before "add up to" are a sum,
    from the first that opens the clause, not the operands of an operation in words ("the sum of 8 and 9 adds up
    to 17" reads that sum)."""
    for k in range(max(0, i - 16), i):
        got = _operand_list(s, match, k, "and")
        opens = k == 0 or s[k - 1].kind not in (Kind.NUM, Kind.OP, Kind.RP, Kind.LP, Kind.FRAC) and \
            not spells(s, k - 1, "and|of|between|" + "|".join(_VERBS)) and \
            not (s[k - 1].kind == Kind.STOP and s[k - 1].text == ",")
        if got is not None and got[1] == i and opens:
            parts = got[0]
            values = [p[2] for p in parts]
            return k, i, _group(s, k, i, sum(values), sum(p[3] for p in parts) + len(parts) - 1, parts, "+")
    return None


def _of_one(s: list[Tok], match: dict[int, int], start: int, j: int, f):
    """"the reciprocal of a", "the factorial of a", "the additive inverse of a": f of the operand at s[j] (f gives
    None, or divides by zero, where it has no value)."""
    e = _expr_at(s, match, j)
    try:
        v = f(e[1]) if e is not None else None
    except ZeroDivisionError:
        return None
    return (start, e[0], _group(s, start, e[0], v, e[2] + 1)) if v is not None else None


def _noun_operation(s: list[Tok], match: dict[int, int], i: int, start: int):
    """"the sum of a, b and c", "the difference between a and b", "the subtraction of a from b"."""
    w = s[i].text.lower()
    op, seps = _NOUNS[w]
    end = _pair_reference(s, i + 2)
    if end is not None:
        return _ref_group(s, start, end, "pair", op)
    if op == "*":
        got = _by_itself(s, match, i + 2)
        if got is not None:
            return start, got[0], _group(s, start, got[0], got[1], got[2], alts=got[3])
    got = _operand_list(s, match, _first_operand(s, i + 2), seps)
    if got is None:
        return None
    parts, j = got
    if op in "-/" and len(parts) != 2:
        return None
    values = [p[2] for p in parts]
    if spells(s, parts[0][1], "from"):
        values.reverse()  # "the subtraction of 3 from 10" is 10 - 3
    alts = ()
    if w == "difference" and spells(s, i + 1, "between"):
        # "the difference between 6 and 9" is their distance, 3; "6 - 9" is read as right too
        alts = (values[0] - values[1],)
        values.sort(reverse=True)
    try:
        v = _combine(op, values)
    except ZeroDivisionError:
        return None
    if not alts and not spells(s, parts[0][1], "from"):
        alts = _open_last_operand(s, parts, op, values)
    g = _group(s, start, j, v, sum(p[3] for p in parts) + len(parts) - 1, parts, op)
    g.alts = alts
    return start, j, g


def _open_last_operand(s: list[Tok], parts: list, op: str, values: list[Fraction]) -> tuple:
    """The other value of "the product of 3 and 4 plus 5" (or "+ 5", or "the sum of 3 and 4 times 5"): the words do
    not say whether the last operand is 4 plus 5 (27) or the operation ends at 4, and 5 is added to it (17); both
    are read as right. () where the last operand is one number, in brackets, or a product or quotient in symbols
    ("the sum of 5*16 and 2*6": 2*6 binds)."""
    a, b = parts[-1][0], parts[-1][1]
    if parts[-1][3] == 0 or s[a].kind != Kind.NUM or s[a + 1].kind != Kind.OP:
        return ()
    if s[a + 1].op not in "+-" and not s[a + 1].text[:1].isalpha():
        return ()
    try:
        head = Tok(Kind.NUM, "", s[a].start, s[a].end, value=_combine(op, values[:-1] + [s[a].value]), decimals=None)
        p = Parser([head] + [t for t in s[a + 1:b] if t.kind not in (Kind.WORD, Kind.TEXT)])
        return (p.expr(),)
    except (ValueError, ZeroDivisionError, OverflowError):
        return ()


def _common_name(s: list[Tok], i: int) -> tuple[str | None, int]:
    """("lcm" or "gcd", the index after the name) for "the least common multiple", "the greatest common
    divisor", "LCM", "GCF" at s[i]; (None, i) otherwise."""
    if spells(s, i, "least|lowest|smallest", "common", "multiple"):
        return "lcm", i + 3
    if spells(s, i, "greatest|highest|largest", "common", "divisor|factor"):
        return "gcd", i + 3
    w = s[i].text.lower()
    if w in ("lcm", "gcd", "gcf", "hcf"):
        return ("lcm" if w == "lcm" else "gcd"), i + 1
    return None, i


def _lcm_gcd(s: list[Tok], match: dict[int, int], start: int, name: str, j: int):
    """"the least common multiple of a and b", "the LCM of a and b", "LCM(a, b)", "the greatest common
    divisor (GCD) of a and b" (the name ends just before s[j])."""
    if j < len(s) and s[j].kind == Kind.LP and j in match and spells(s, j + 1, "lcm|gcd|gcf|hcf") \
            and match[j] == j + 2:
        j += 3  # "(LCM)"
    if spells(s, j, "of"):
        got = _operand_list(s, match, j + 1, "and")
        if got is None or len(got[0]) != 2:
            return None
        parts, end = got
    elif j < len(s) and s[j].kind == Kind.LP and j in match and s[j].glued:
        inner = s[j + 1:match[j]]
        commas = [k for k, x in enumerate(inner) if x.kind == Kind.STOP and x.text == ","]
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
    return start, end, _group(s, start, end, Fraction(v), 1 + parts[0][3] + parts[1][3])


def _first_operand(s: list[Tok], j: int) -> int:
    """Where the operands of a verb start, after words that only say what they are: "add together 4 and 5",
    "add up 4 and 5", "add both 4 and 5", "add the values of 12 and 15", "multiply the two numbers 4 and 5",
    "add the 4 and 5"."""
    if spells(s, j, "together|up|both"):
        j += 1
    if _named_value(s, j) != j:
        return _named_value(s, j)  # "dividing the numerator (8) by ..."
    if not spells(s, j, "the"):
        return j
    if j + 1 < len(s) and s[j + 1].kind == Kind.NUM and not s[j + 1].verbal:
        return j + 1  # "adding the 8 and 5": an article before the operands
    k = j + 1 + spells(s, j + 1, "given")  # "the given values of 3, 2 and 2"
    if k < len(s) and s[k].kind == Kind.NUM and s[k].verbal and not s[k].ops:
        k += 1  # "the two numbers"
    if not spells(s, k, "values|numbers|integers|terms|fractions"):
        return j
    if spells(s, k + 1, "of"):
        return k + 2
    k += 2 if spells(s, k + 1, "themselves|together") else 1
    return k + 1 if k < len(s) and s[k].kind == Kind.STOP and s[k].text in ",:" else k  # "the two numbers, 8 and 1"


def _named_value(s: list[Tok], j: int) -> int:
    """Where the value starts of an operand named with its value in brackets at s[j] ("the numerator (8)",
    "the first number (12)"); j where s[j] is no such name."""
    k = j + 1 + spells(s, j + 1, "first|second|other")
    named = spells(s, j, "the") and spells(s, k, "numerator|denominator|number|value|divisor|dividend|result")
    bracketed = k + 3 < len(s) and s[k + 1].kind == Kind.LP and s[k + 2].kind == Kind.NUM and s[k + 3].kind == Kind.RP
    return k + 1 if named and bracketed else j


# "multiply a by itself", "add a to itself", "divide a by itself", "subtract a from itself"
_ITSELF = {"*": "by|with", "/": "by", "+": "to", "-": "from"}


def _by_itself(s: list[Tok], match: dict[int, int], j: int, op: str = "*") -> tuple[int, Fraction, int, tuple] | None:
    """An operand combined with itself from s[j] ("multiplying 1+9 by itself", "add 5 to itself", "dividing 22
    by itself", "the multiplication of 2*8 by itself"): (index after "itself", the value, operations, other
    readings), or None. "multiplying 3 by itself 4 times" is 3^4, or 3^5 (both are read as right). "add 44 twice"
    is 44 + 44 (not "add 44 twice to 10")."""
    a = _expr_at(s, match, j)
    if a is not None and op == "+" and spells(s, a[0], "twice") and not spells(s, a[0] + 1, "to"):
        return a[0] + 1, 2 * a[1], 2 * a[2] + 1, ()
    if a is None or not spells(s, a[0], _ITSELF[op], "itself"):
        return None
    k = a[0] + 2
    if k + 1 < len(s) and s[k].kind == Kind.NUM and s[k + 1].text.lower() in ("times", "time"):
        n = s[k].value
        if op != "*" or s[k].ops or n.denominator != 1 or not 1 < n <= 20 or a[1] == 0:
            return None
        return k + 2, a[1] ** int(n), a[2] + 1, (a[1] ** int(n + 1),)
    try:
        return k, _combine(op, [a[1], a[1]]), 2 * a[2] + 1, ()
    except ZeroDivisionError:
        return None


def _verb_list(s: list[Tok], match: dict[int, int], i: int, first: int):
    """"add 3, 4 and 5", "adding 3 and 4 together", "multiply 2, 3 and 4": a verb of a sum or a product over a
    list of operands ("together" or "up" may close it), or None ("multiply 3 and 4 by 2" is two operations)."""
    op = _VERBS[s[i].text.lower()][0]
    got = _operand_list(s, match, first, "and") if op in "+*" else None
    if got is None or spells(s, got[1], "by|with|to|from"):
        return None
    parts, j = got
    j += spells(s, j, "together|up")
    values = [p[2] for p in parts]
    alts = _open_last_operand(s, parts, op, values)  # "add 3 and 4 times 5": (3 + 4) * 5 as well
    return i, j, _group(s, i, j, _combine(op, values), sum(p[3] for p in parts) + len(parts) - 1, parts, op, alts)


def _only_op(s: list[Tok], match: dict[int, int], a: int, b: int, op: str) -> bool:
    """Is op the only operator of the expression s[a..b-1] outside its brackets ("3*8", "2*(1+3)" for "*")?"""
    ops, j = [], a
    while j < b:
        if s[j].kind == Kind.LP and j in match:
            j = match[j] + 1
            continue
        if s[j].kind == Kind.OP and not (j == a or s[j - 1].kind == Kind.OP):  # not a sign: "-3"
            ops.append(s[j].op)
        j += 1
    return bool(ops) and set(ops) == {op}


def _verb_operation(s: list[Tok], match: dict[int, int], i: int):
    """"multiply a by b", "multiply a with b", "dividing a by b", "add a to b", "add a and b", "subtract a from b"."""
    op, seps = _VERBS[s[i].text.lower()]
    first = _first_operand(s, i + 1)
    got = _by_itself(s, match, first, op)
    if got is not None:
        return i, got[0], _group(s, i, got[0], got[1], got[2], alts=got[3])
    listed = _verb_list(s, match, i, first)
    if listed is not None:
        return listed
    a = _expr_at(s, match, first)
    if a is not None and not spells(s, a[0], seps) and _only_op(s, match, first, a[0], op):
        return i, a[0], _group(s, i, a[0], a[1], a[2])  # "multiplying 3*8": the verb names the expression's own
    if a is None or not spells(s, a[0], seps):
        return None
    second = _named_value(s, a[0] + 1)
    b = _expr_at(s, match, second)
    sep = s[a[0]].text.lower()
    if b is None or sep == "and" and spells(s, b[0], "by|with|to|from"):
        return None  # "multiply 3 and 4 by 2": two operations, not 3 * 4
    x, y = a[1], b[1]
    if sep in ("from", "to"):
        x, y = y, x  # "subtract 8 from 24" is 24 - 8; "add 4 to 24" is 24 + 4
    try:
        v = _combine(op, [x, y])
    except ZeroDivisionError:
        return None
    parts = [(first, a[0], a[1], a[2]), (second, b[0], b[1], b[2])]
    if sep in ("from", "to"):
        parts.reverse()
    alts = _open_last_operand(s, parts, op, [x, y]) if sep not in ("from", "to") else ()  # "multiply 3 by 4 plus 5"
    return i, b[0], _group(s, i, b[0], v, a[2] + b[2] + 1, parts, op, alts)  # the verb starts the operation


def _out_of(s: list[Tok], i: int):
    """"12 out of 16 is 75%": a share, read as 12/16 only where the other side of its sign is a share too
    (a percent, a fraction, or a number between 0 and 1): "3 out of 4 students passed" is no computation,
    and "12 out of 16 is 4" says something else."""
    a, b = s[i], s[i + 3] if i + 3 < len(s) else None
    if b is None or b.kind != Kind.NUM or a.pct or b.pct or a.ops or b.ops or not b.value:
        return None
    if not (_share_after(s, i + 4) or _share_before(s, i - 1)):
        return None
    parts = [(i, i + 1, a.value, 0), (i + 3, i + 4, b.value, 0)]
    return i, i + 4, _group(s, i, i + 4, a.value / b.value, 1, parts, "/")


def _is_share(s: list[Tok], k: int) -> bool:
    """Is s[k] a percent, a fraction a/b, or a number between 0 and 1?"""
    t = s[k]
    if t.kind != Kind.NUM or t.ops:
        return False
    fraction = k + 2 < len(s) and s[k + 1].kind == Kind.OP and s[k + 1].op == "/" and s[k + 1].glued \
        and s[k + 2].kind == Kind.NUM and s[k + 2].glued
    return t.pct or fraction or 0 < t.value < 1


def _share_after(s: list[Tok], k: int) -> bool:
    """Does a sign at s[k] (after an optional comma) lead to a share ("... is 75%", "..., which is 3/4")?"""
    if k < len(s) and s[k].kind == Kind.STOP and s[k].text == ",":
        k += 1
    if k >= len(s) or s[k].kind != Kind.EQ:
        return False
    k += 1
    while k < len(s) and s[k].kind == Kind.DELIM:
        k += 1
    return k < len(s) and _is_share(s, k)


def _share_before(s: list[Tok], k: int) -> bool:
    """Does a share lead to the sign at s[k] ("75%, which is ...", "0.75 = ...")?"""
    if k < 1 or s[k].kind != Kind.EQ:
        return False
    k -= 1
    if s[k].kind == Kind.STOP and s[k].text == ",":
        k -= 1
    return k >= 0 and _is_share(s, k) and not (k >= 2 and s[k - 1].kind == Kind.OP and s[k - 1].op == "/")


def _postfix_operation(s: list[Tok], match: dict[int, int], i: int):
    """"3 doubled", "17 squared", "5 cubed", "8 halved"; "17 subtracted from 83", "3 taken away from 10"
    (the operand ends at s[i])."""
    t = s[i]
    a0 = match.get(i, i) if t.kind == Kind.RP else i
    if t.kind == Kind.RP and a0 == i:
        return None
    nxt = s[i + 1].text.lower() if s[i + 1].kind in (Kind.WORD, Kind.LETTER) else ""
    base = _expr_at(s, match, a0)
    if base is None or base[0] != i + 1:
        return None
    if nxt in _POSTFIX and not (i + 2 < len(s) and s[i + 2].kind == Kind.OP):
        return a0, i + 2, _group(s, a0, i + 2, _POSTFIX[nxt](base[1]), base[2] + 1)
    if spells(s, i + 1, "subtracted|taken", "from") or spells(s, i + 1, "taken", "away", "from"):
        k = i + 3 if spells(s, i + 1, "subtracted|taken", "from") else i + 4
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


# "the result of that subtraction": the operation just before, named
_NAMED_OPS = {"addition": "+", "subtraction": "-", "multiplication": "*", "division": "/"}


# one operation on an earlier result, named by one word: "double it", "halve that number", "square this result"
_OF_IT = {w: (op, Fraction(n)) for words, op, n in (("double doubling doubled", "*", 2), ("triple tripling", "*", 3),
                                                    ("halve halving", "/", 2), ("square squaring", "^", 2),
                                                    ("cube cubing", "^", 3)) for w in words.split()}


def _reference(s: list[Tok], i: int) -> int | None:
    """Index after "it" / "this" / "this result" / "that number" / "the result" at s[i], or None."""
    if spells(s, i, "it"):
        return i + 1
    if spells(s, i, "this|that") and (i + 1 == len(s) or s[i + 1].kind in (Kind.STOP, Kind.EQ, Kind.LP)
                                      or spells(s, i + 1, "by")):
        return i + 1  # "subtract 1 from this, which gives us 2", "multiplying this by 6"
    if spells(s, i, "this|that|the", "|".join(_REF_NOUNS)):
        return i + 2
    return None


def _reference_operated(s: list[Tok], match: dict[int, int], i: int):
    """"The total multiplied by 2 gives 14", "this result divided by 7 is 1", "that multiplied by 3": an earlier
    result named before an operator in words (s[i]), resolved as "multiply it by 2" is (see _reference_at)."""
    words = s[i].text.lower()
    if not words.startswith(("multiplied", "divided")):
        return None
    if spells(s, i - 1, "it|this|that"):
        start = i - 1
    elif i >= 2 and spells(s, i - 2, "this|that|the", "|".join(_REF_NOUNS)):
        start = i - 2
    else:
        return None
    b = _expr_at(s, match, i + 1)
    op = "*" if words.startswith("multiplied") else "/"
    return _ref_group(s, start, b[0], "last", op, b[1]) if b is not None else None


def _pointer_sign(s: list[Tok], k: int) -> bool:
    """Is s[k] a sign in words that starts with the pronoun it points with ("this gives", "that is", "it makes")?"""
    return k < len(s) and s[k].kind == Kind.EQ and s[k].word_eq and s[k].text.split()[0].lower() in ("this", "that",
                                                                                                     "it")


def _ref_group(s: list[Tok], a: int, b: int, kind: str, op: str, n: Fraction | None = None) -> tuple:
    g = Tok(Kind.REF, " ".join(t.text for t in s[a:b]), s[a].start, s[b - 1].end, value=None, decimals=None,
            literal="", ops=1, verbal=True, glued=s[a].glued, ref=(kind, op, n))
    return a, b, g


def _reference_at(s: list[Tok], match: dict[int, int], i: int):
    """Operations on earlier results, resolved against the claims before them (resolve_reference):

    "add 1 to this result", "subtract 5 from it", "multiplying this fraction by 10/5": the result of
    the claim just before; "... (which gives us 2) and then adding 3 (which gives us 6)": an operation
    with one operand and a result right after it continues from the claim just before, in the same
    sentence; "When I add these together", "add these numbers together", "Adding these fractions":
    the run of claims just before (see resolve_reference).
    """
    w = s[i].text.lower() if s[i].kind in (Kind.WORD, Kind.LETTER) else ""
    ops = {"add": "+", "adding": "+", "subtract": "-", "subtracting": "-", "multiply": "*", "multiplying": "*",
           "divide": "/", "dividing": "/", "sum": "+", "summing": "+"}
    if w in _OF_IT:  # "double it to get 16", "squaring this result gives 81"
        end = _reference(s, i + 1)
        return _ref_group(s, i, end, "last", *_OF_IT[w]) if end is not None else None
    if w not in ops:
        return None
    op = ops[w]
    # the run: "add these (numbers) (together)", "adding them up"
    if spells(s, i + 1, "these|them|those|all") and op in "+*":
        j = i + 2
        while j < len(s) and j - i <= 4 and spells(s, j, "|".join(_RUN_NOUNS)):
            j += 1
        return _ref_group(s, i, j, "run", op)
    if op in "+-":  # "add 4 to that result", "subtract 5 from it"
        a = _expr_at(s, match, i + 1)
        if a is None:
            return None
        if spells(s, a[0], "to" if op == "+" else "from"):
            end = _reference(s, a[0] + 1)
            if end is None and _pointer_sign(s, a[0] + 1):
                end = a[0] + 1  # "Adding 5 to this gives 12": "this gives" is the sign, and "this" its referent
            return _ref_group(s, i, end, "last", op, a[1]) if end is not None else None
        # "adding 3 (which gives us 6)": one operand, then at once a result ("subtracting 10-4 gives 6" is 10-4)
        nxt = a[0] + (1 if a[0] < len(s) and s[a[0]].kind == Kind.LP else 0)
        if nxt < len(s) and s[nxt].kind == Kind.EQ and s[nxt].word_eq and not _only_op(s, match, i + 1, a[0], op):
            return _ref_group(s, i, a[0], "near", op, a[1])
        return None
    # "multiplying this fraction by 10/5", "divide it by 2", "multiply by 3 (to get 12)"
    end = _reference(s, i + 1)
    if end is not None and spells(s, end, "by"):
        b = _expr_at(s, match, end + 1)
        return _ref_group(s, i, b[0], "last", op, b[1]) if b is not None else None
    if spells(s, i + 1, "by"):
        b = _expr_at(s, match, i + 2)
        if b is None:
            return None
        nxt = b[0] + (1 if b[0] < len(s) and s[b[0]].kind == Kind.LP else 0)
        if nxt < len(s) and s[nxt].kind == Kind.EQ and s[nxt].word_eq:
            return _ref_group(s, i, b[0], "near", op, b[1])
    return None


def stated_result(s: list[Tok], k: int) -> tuple[Fraction, int] | None:
    """The last result the text states before s[k], where no other number stands between: (its value, where it
    ends). A result is one number right after a sign ("the next term, which is 12, and then add 1 ...",
    "Dividing both sides by 2 results in 1, and then multiplying this by 4 ..."), whether or not the claim
    it ends was read; a number that goes on into an expression ("which gives us 8 + 2") is none."""
    j = k - 1
    while j >= 0 and s[j].kind != Kind.NUM:
        j -= 1
    if j < 1 or s[j].ops or s[j].pct or j + 1 < len(s) and s[j + 1].kind in (Kind.OP, Kind.NUM, Kind.FRAC):
        return None
    before = j - 1 - (s[j - 1].kind == Kind.STOP and s[j - 1].text == ":")
    return (s[j].value, s[j].end) if before >= 0 and s[before].kind == Kind.EQ else None


def resolve_reference(text: str, t: Tok, claims: list, stated: tuple[Fraction, int] | None = None) -> None:
    """Give a reference token (see _reference_at) its value from the claims read before it, or leave it
    unread (a Kind.REF without a value: the claim it is in is not read, and shows as not checked) when
    its referent is not plain from the text (never a guess).

    last   the claim just before, at most 200 characters back ("add 10 to that result"), or the result a
           sign states after it with no number between (stated: see stated_result; "the next term, which
           is 12, and then add 1 to obtain 13" adds 1 to 12, though "the next term" is no arithmetic). With
           other numbers between that claim and the reference ("5 + 3 = 8. She buys 4 more. Double it ...")
           "it" may mean one of them: the claim is read only where this referent makes it right
           (Tok.ref becomes ("unsure", ...)), and is left unread otherwise
    near   the same, and in the same sentence ("multiply 3 by 2 (to get 6) and then add 4 (to get 10)")
    pair   the two operands of the claim just before ("the difference between the two numbers"), see
           _resolve_pair
    named  the operation of the claim just before, named ("11 is the result of that subtraction"), see
           _resolve_named
    run    two numbers the text pairs with "and" after the last claim, in the sentence or the one before on
           the same line, with no other number near ("We have 3 and 2, and we add them together"); else
           the claims just before: those of one operation in a row ("300 times 234 ... 20 times 234
           ... 3 by 234 ... When I add these together"), else a list of claims with only commas, "and"
           and line breaks between them ("7 - 2 = 3\n2 + 3 = 5\n9 - 3 = 6\n\nAdding these ...").
           A sum that some run of the claims just before does give is read as right.
    """
    kind, op, n = t.ref
    before = [c for c in claims if c.end <= t.start]
    pair = _stated_pair(text, before[-1].end if before else 0, t.start) if kind == "run" else None
    if pair is not None:  # "We have 3 and 2, and we add them together"
        t.kind, t.value, t.operands = Kind.NUM, _combine(op, list(pair)), (pair[0], op, pair[1])
        t.ref = (kind, op, (t.value,))
        return
    if kind in ("last", "near") and stated is not None and (not before or stated[1] > before[-1].end):
        _resolve_last(text, t, kind, stated[0], stated[1], sentences=2)
        return
    if not before or kind == "unread":
        return
    last = before[-1]
    gap = text[last.end:t.start]
    if kind == "pair":
        _resolve_pair(t, op, last, gap)
        return
    if kind == "named":
        _resolve_named(t, op, [c for c in before if t.start - c.end <= 400], gap)
        return
    if kind in ("last", "near"):
        _resolve_last(text, t, kind, last.claimed, last.end)
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
    t.kind, t.value = Kind.NUM, _combine(op, [c.claimed for c in near[-size:]])
    t.ref = (kind, op, tuple(_combine(op, [c.claimed for c in near[-k:]]) for k in range(2, len(near) + 1)))


_NUMBER = r"(?<![\w./*+^-])(?<!\d,)\d+(?:\.\d+)?(?![\w/*+^-]|[.,]\d)"


def _stated_pair(text: str, start: int, end: int) -> tuple[Fraction, Fraction] | None:
    """The two numbers of "A and B" that the text states between start and end, in the sentence that ends at end or
    the one before, on one line; None where any other number, an operator or a line break lies between them and
    end (then "them" may mean something else)."""
    gap = text[start:end]
    gap = gap[gap.rfind("\n") + 1:]
    sentences = re.split(r"(?<=[.!?])\s+", gap)
    tail = " ".join(sentences[-2:])
    if re.search(r"[=+*/^%]", tail):
        return None
    numbers = list(re.finditer(_NUMBER, tail))
    m = re.search(rf"({_NUMBER})\s*,?\s+and\s+({_NUMBER})", tail)
    if len(numbers) != 2 or m is None:
        return None
    return Fraction(m.group(1)), Fraction(m.group(2))


def _resolve_last(text: str, t: Tok, kind: str, value: Fraction, end: int, sentences: int = 1) -> None:
    """An operation on the result `value` that ends at `end` (see resolve_reference: last, near). A "near" one
    must lie in the same sentence as that result, or (sentences=2: a result stated with no number after it) in
    the next one on the same line ("The prior value of 4 is 2. Then, we subtract 1 to get 1")."""
    _, op, n = t.ref
    gap = text[end:t.start]
    ends = len(re.findall(r"[.!?](?:\s|$)", gap))
    if len(gap) > 200 or (kind == "near" and (ends >= sentences or "\n" in gap)):
        return
    try:
        v = _combine(op, [value, n])
    except ZeroDivisionError:
        return
    t.kind, t.value, t.operands = Kind.NUM, v, (value, op, n)
    if re.search(r"\d", gap):
        t.ref = ("unsure", op, n)


def _resolve_named(t: Tok, op: str, near: list, gap: str) -> None:
    """"11 is the result of that subtraction" after "subtract 9 from 6, which results in 11": the value of the
    operation the claim just before computes (6 - 9), where that claim is the operation named, no other claim
    near before it is one (which one "that" is, the text would not say) and no other operation of that kind is
    written between (in symbols or in words)."""
    words = {"+": r"add|plus|sum", "-": r"subtract|minus|difference", "*": r"multipl|times|product",
             "/": r"divid|quotient"}[op]
    other = re.search(rf"[{re.escape(op)}]|\b(?:{words})", gap, re.IGNORECASE)
    same = [c for c in near if c.operands and c.operands[1] == op]
    last = near[-1] if near else None
    if last is None or same != [last] or len(gap) > 200 or other:
        return
    t.kind, t.value, t.operands = Kind.NUM, last.true_value, last.operands


def _resolve_pair(t: Tok, op: str, last, gap: str) -> None:
    """"the difference between the two numbers" after "adding 8 and 1, which gives us 10": the two operands of
    the claim just before (8 - 1; and 1 - 8, their distance being the same, is read as right too). Left unread
    where that claim has no two operands, is far, or other numbers stand between (which two, the text does not
    say)."""
    if not last.operands or len(gap) > 200 or re.search(r"\d", gap):
        return
    x, _, y = last.operands
    values = sorted([x, y], reverse=True) if op == "-" else [x, y]
    try:
        value, alts = _combine(op, values), (_combine(op, [x, y]), _combine(op, [y, x]))
    except ZeroDivisionError:
        return
    t.kind, t.value, t.operands, t.alts = Kind.NUM, value, (values[0], op, values[1]), alts


def _fraction_divisors(toks: list[Tok]) -> None:
    """"3/4 divided by 2/5" divides by the fraction 2/5: a fraction written a/b right after "divided by"
    is one number (in symbols "3/4 / 2/5" would be ((3/4)/2)/5, which nobody means in words)."""
    s = [t for t in toks if t.kind != Kind.WS]
    merged = []
    for i in range(len(s) - 3):
        d, a, slash, b = s[i:i + 4]
        if not (d.kind == Kind.OP and d.op == "/" and d.text.lower().startswith("divided") and a.kind == Kind.NUM
                and slash.kind == Kind.OP and slash.op == "/" and slash.glued and b.kind == Kind.NUM and b.glued
                and not a.ops and not b.ops and not a.pct and not b.pct):
            continue
        after = s[i + 4] if i + 4 < len(s) else None
        if after is not None and after.glued and after.kind in (Kind.OP, Kind.NUM):
            continue  # "divided by 2/5/3", "divided by 2/5^2": not a plain fraction
        if b.value == 0:
            continue
        g = Tok(Kind.NUM, _joined(a, slash, b), a.start, b.end, value=a.value / b.value, decimals=None,
                literal="", ops=1, operands=(a.value, "/", b.value), glued=a.glued)
        merged.append((a, slash, b, g))
    if merged:
        gone = {id(t) for m in merged for t in m[:3]}
        out = [t for t in toks if id(t) not in gone]
        toks[:] = sorted(out + [m[3] for m in merged], key=lambda t: t.start)
        reglue(toks)


def _joined(*ts: Tok) -> str:
    return "".join(t.text for t in ts)


def _infix_words(s: list[Tok]) -> None:
    """"3 by 234" and "45 added to 38" between two operands are operators (* and +)."""
    for i in range(1, len(s) - 1):
        t = s[i]
        if t.kind != Kind.WORD:
            continue
        low = t.text.lower()
        prev_ok = s[i - 1].kind in (Kind.NUM, Kind.RP)
        verb = i > 1 and s[i - 2].kind == Kind.WORD and s[i - 2].text.lower() in _BY_VERBS
        # "multiply 3 and 4 by 2": the last of a list, each of them multiplied, not a product 4 by 2
        verb = verb or i > 2 and (spells(s, i - 2, "and") or s[i - 2].text == ",") and s[i - 3].kind == Kind.NUM
        if low == "by" and prev_ok and s[i + 1].kind in (Kind.NUM, Kind.LP) and not verb:
            t.kind, t.op = Kind.OP, "*"
        elif low == "added" and prev_ok and spells(s, i + 1, "to") and i + 2 < len(s) and \
                s[i + 2].kind in (Kind.NUM, Kind.LP):
            t.kind, t.op = Kind.OP, "+"
            s[i + 1].kind = Kind.WS


def _ref_group_in_place(s: list[Tok], k: int) -> None:
    """Make s[k] ("it") a reference without a value that resolve_reference never gives one, and s[k + 1] ("as")
    the sign after it: the claim is claim-shaped, shown as not checked, never guessed."""
    s[k].kind, s[k].value, s[k].ops, s[k].verbal, s[k].ref = Kind.REF, None, 1, True, ("unread", "", None)
    q = s[k + 1]
    q.kind, q.word_eq, q.sign, q.sign_kind = Kind.EQ, True, "as", SignKind.EQUIV


# Verbs that join two forms of one value with "as": "rewrite 18 as 4*2*3", "calculate 9*1 as 9".
_AS_VERBS = {"rewrite", "write", "express", "convert", "rewriting", "calculate", "compute", "evaluate"}


def _equiv_words(s: list[Tok], match: dict[int, int]) -> None:
    """Signs that are only signs in context: "rewrite a as b", "calculate 9*1 as 9" (a result, said like a
    rewriting) and "a, or b"."""
    for i, t in enumerate(s):
        if t.kind != Kind.WORD:
            continue
        low = t.text.lower()
        if low in _AS_VERBS and i + 1 < len(s):
            if spells(s, i + 1, "it|this|that", "as") and i + 3 < len(s) and s[i + 3].kind in (Kind.NUM, Kind.LP):
                # "rewrite it as 8 + 4 + 2": which earlier expression "it" is, the text does not say
                _ref_group_in_place(s, i + 1)
            e = _expr_at(s, match, i + 1)
            if e is not None and e[0] < len(s) and spells(s, e[0], "as|to") and e[0] + 1 < len(s) and \
                    s[e[0] + 1].kind in (Kind.NUM, Kind.LP, Kind.OP):
                q = s[e[0]]
                q.kind, q.word_eq, q.sign, q.sign_kind = Kind.EQ, True, "as", SignKind.EQUIV
        elif low == "or" and i and s[i - 1].kind == Kind.STOP and s[i - 1].text == "," and i + 1 < len(s) and \
                s[i + 1].kind in (Kind.NUM, Kind.LP):
            t.kind, t.word_eq, t.sign, t.sign_kind = Kind.EQ, True, "or", SignKind.EQUIV


# verbs that go on from the result before them: "multiply 2 by 3 and add 4", "3 times 3 and adding 5"
_THEN_VERBS = {"add": "+", "adding": "+", "subtract": "-", "subtracting": "-", "multiply": "*", "multiplying": "*",
               "divide": "/", "dividing": "/"}


def _continuation(s: list[Tok], match: dict[int, int], j: int) -> tuple[str, Fraction, int, int] | None:
    """The operation that goes on from a result, at s[j] after "and (then)": "add 4", "adding the result of
    2 times 9", "multiply by 5", "multiplying it by 7" (already a reference token, see _reference_at): (its
    operator, its operand's value and operations, the index after it), or None."""
    t = s[j] if j < len(s) else None
    if t is None or t.kind not in (Kind.WORD, Kind.REF) or t.text.split()[0].lower() not in _THEN_VERBS:
        return None
    op = _THEN_VERBS[t.text.split()[0].lower()]
    if t.kind == Kind.REF:
        kind, ref_op, n = t.ref
        return (op, n, 0, j + 1) if kind in ("near", "last") and ref_op == op and n is not None else None
    k = j + 1
    if op in "*/":
        k += spells(s, k, "it|this|that")
        if not spells(s, k, "by"):
            return None
        k += 1
    elif spells(s, k, "the", "result", "of"):
        k += 3  # "and adding the result of 2 times 9"
    e = _expr_at(s, match, k)
    return (op, e[1], e[2], e[0]) if e is not None else None


def _announced(s: list[Tok], k: int) -> bool:
    """Does a result sign follow at s[k] ("..., which gives 10", "... to obtain 65", "... . This results in 18")?"""
    if k < len(s) and s[k].kind == Kind.EQ:
        return True
    stop = k < len(s) and s[k].kind == Kind.STOP and s[k].text in ",."
    nxt = s[k + 1] if k + 1 < len(s) else None
    return stop and nxt is not None and nxt.kind == Kind.EQ and (s[k].text == "," or nxt.sign_kind == SignKind.POINTER)


def _left_operand(s: list[Tok], match: dict[int, int], k: int, op: str) -> tuple[int, Fraction, int] | None:
    """What an operation after "and" at s[k] goes on from: the operand just before "and" (a number or an operation
    in words), or an expression in symbols that ends there when the operation is a sum or difference ("3 times 3
    and adding 5" is 3*3 + 5; "2 + 3 and multiply by 4" may mean either grouping: not read). (Its start, value,
    operations), or None. A number that is the argument of a word ("the previous value of 2 and subtracting 1")
    is not a result, and one right after a sign is the result of that sign's claim ("2 * 3 = 6 and adding 4
    gives 10" goes on from it as a reference: see _reference_at)."""
    a = k - 1
    if a < 0 or s[a].kind != Kind.NUM or s[a].pct:
        return None
    if a > 0 and s[a - 1].kind == Kind.OP:
        if op not in "+-":
            return None
        while a >= 2 and s[a - 1].kind == Kind.OP and s[a - 2].kind in (Kind.NUM, Kind.RP):
            a = match.get(a - 2, a - 2) if s[a - 2].kind == Kind.RP else a - 2
    elif not s[a].ops and spells(s, a - 1, "of|by|from|to|than|per|into"):
        return None
    if a > 0 and s[a - 1].kind == Kind.EQ:
        return None
    e = _expr_at(s, match, a)
    return (a, e[1], e[2]) if e is not None and e[0] == k else None


def _step_joiner(s: list[Tok], k: int) -> int | None:
    """Index after the words at s[k] that join a step to the one before: "and", "and then", ", then", ", and
    (then)"; None where there are none."""
    j = k + 1 if s[k].kind == Kind.STOP and s[k].text == "," else k
    if spells(s, j, "and"):
        return j + 1 + spells(s, j + 1, "then")
    return j + 1 if j > k and spells(s, j, "then") else None


def _continued_operations(s: list[Tok], groups: list[Tok]) -> None:
    """"multiply 2 by 3 and add 4, which gives 10", "Add 7 to 6 and multiply by 5 to obtain 65", "taking 4 and
    multiplying it by 7, which is 28", "3 times 3 and adding 5, which results in 14": an operation joined with
    "and (then)" to the one before it goes on from its result, where a result sign follows at once. The two become
    one number token (and the tokens they fold, groups of their own, leave `groups`). ", then" and ", and (then)"
    join them as well ("multiply 2 by 3, then add 4, which gives 10")."""
    k = 1
    while k < len(s):
        j = _step_joiner(s, k)
        if j is None:
            k += 1
            continue
        match = bracket_pairs(s)
        cont = _continuation(s, match, j)
        left = _left_operand(s, match, k, cont[0]) if cont is not None else None
        if left is None or not _announced(s, cont[3]):
            k += 1
            continue
        (a, x, x_ops), (op, y, y_ops, end) = left, cont
        try:
            value = _combine(op, [x, y])
        except ZeroDivisionError:
            k += 1
            continue
        g = _group(s, a, end, value, x_ops + y_ops + 1)
        for t in s[a:end]:
            if any(t is h for h in groups):
                groups.remove(t)
            t.kind = Kind.WS
        s[a:end] = [g]
        groups.append(g)
        k = a + 1


def _read_operations(toks: list[Tok]) -> None:
    """Read operations written in words into number tokens (see the module docstring)."""
    wordlike = (Kind.WORD, Kind.LETTER, Kind.FUNC, Kind.VAR)
    if not any(t.kind in wordlike and t.text.lower() in _VERBAL_WORDS or
               t.kind == Kind.OP and t.text.lower().startswith(("multiplied", "divided")) or
               t.kind == Kind.EQ and t.text.lower().startswith("add") for t in toks):
        return
    s = [t for t in toks if t.kind != Kind.WS]
    match = bracket_pairs(s)
    i = len(s) - 1
    groups: list[Tok] = []
    while i >= 0:  # right to left: "twice the sum of 3 and 4" reads the sum first
        got = _verbal_at(s, match, i)
        if got is None:
            i -= 1
            continue
        a, b, g = got
        for t in s[a:b]:
            t.kind = Kind.WS
        groups.append(g)
        s[a:b] = [g]
        match = bracket_pairs(s)
        i = a - 1
    _infix_words(s)
    _continued_operations(s, groups)
    _equiv_words(s, bracket_pairs(s))
    if groups:
        # the tokens a group replaced (now layout) lie inside its span: drop them, keep the order
        spans = [(g.start, g.end) for g in groups]
        keep = [t for t in toks if not (t.kind == Kind.WS and any(a <= t.start and t.end <= b for a, b in spans))]
        toks[:] = sorted(keep + groups, key=lambda t: t.start)
        reglue(toks)

