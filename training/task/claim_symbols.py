"""Claim reading, layer 3: the scans. At each sign ("=", "≈", "is", "which is"), scan_left() and
scan_right() walk outwards over a grammar of alternating operands and operators, and Side evaluates
what they span.

An annotation is stepped over only where it sits between an operand and an operator ("5 apples + 8
oranges"); a variable in operand position rejects the whole claim ("3T/2 - 5 = 70" is never read as
"2 - 5 = 70"). A side that names something other than its value ("the denominator of 6/2, which is
2", "27*11 modulo 10") is not read. Imports only the layers below (claim_tokens, claim_values).
"""

from __future__ import annotations

from training.task.claim_tokens import CLAUSE_WORDS, Kind, SignKind, Tok, bracket_pairs, spells
from training.task.claim_values import Parser

# Words that may open the right side of "=" and make the claim approximate ("= about 5").
_APPROX_WORDS = {"about", "approximately", "approx", "roughly", "around"}
# Words that go on with an operation the scan does not read ("multiplied with 2.5%", "divided evenly"):
# a side they follow is cut short.
_CUT_SHORT = {"multiplied", "divided"}
# Signs in words that may follow a comma: "300 times 234, which is 70,200"; "16/8, or 2".
_AFTER_COMMA = (SignKind.COMMA, SignKind.POINTER, SignKind.EQUIV)
_MAX_ANNOTATION = 6  # tokens in one run of annotations ("pads of paper a week")


# Words that only stress a sign in words: "8/2 is just 2", "3 * 4 is indeed 12", "is actually 12".
_STRESS = {"just", "simply", "exactly", "indeed", "actually", "precisely", "really", "also"}
# Words that join a sign in words to the clause before it: "6 by 2 and we get 12", "6 by 2, so we get 12".
_CONNECTORS = {"and", "so", "then"}
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

# ----------------------------------------------------------------------------------------------
# The token stream a scan walks on
# ----------------------------------------------------------------------------------------------
class Stream:
    """The significant tokens of a text with bracket and \\frac structure precomputed."""

    def __init__(self, toks: list[Tok]):
        self.s = [t for t in toks if t.kind != Kind.WS]
        n = len(self.s)
        self.match = bracket_pairs(self.s)
        # \frac{..}{..}: where each one ends, and which \frac a closing brace ends
        self.frac_end: dict[int, int] = {}
        self.frac_start: dict[int, int] = {}
        for i, t in enumerate(self.s):
            if t.kind == Kind.FRAC and i + 1 < n and self.s[i + 1].kind == Kind.LP and i + 1 in self.match:
                a_end = self.match[i + 1]
                if a_end + 1 < n and self.s[a_end + 1].kind == Kind.LP and a_end + 1 in self.match:
                    e = self.match[a_end + 1]
                    self.frac_end[i], self.frac_start[e] = e, i
        self.label: set[int] = set()  # opening index of each bracketed label such as "(monkeys)"
        for i, t in enumerate(self.s):
            if t.kind == Kind.LP and i in self.match and t.text in "([":
                inner = self.s[i + 1:self.match[i]]
                if inner and any(x.kind in (Kind.WORD, Kind.TEXT) for x in inner) and \
                        not any(x.kind in (Kind.OP, Kind.VAR, Kind.FUNC, Kind.EQ, Kind.FRAC) for x in inner):
                    self.label.add(i)

    def is_annotation_at(self, i: int) -> bool:
        t = self.s[i]
        if t.kind == Kind.TEXT:
            return True
        if t.kind == Kind.WORD:  # "the" opens a noun phrase of its own: "14 The answer is 155" is no "14 = 155"
            return t.text.lower() not in CLAUSE_WORDS and t.text.lower() != "the"
        return False

    def annotation_run_left(self, i: int) -> int | None:
        """Step left over annotations ending at i; the index just before them, or None."""
        count = 0
        while i >= 0 and count <= _MAX_ANNOTATION:
            t = self.s[i]
            if t.kind == Kind.RP and i in self.match and self.match[i] in self.label:
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
        return t.kind == Kind.WORD and t.text.lower() == "of" and i > 0 and self.fraction_before(i - 1)

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
        return self.s[i].kind == Kind.RP and i in self.match and self.match[i] in self.label

    def operand_end(self, i: int) -> bool:
        """Can token i end an operand (scanning leftwards from an operator)?"""
        t = self.s[i]
        return t.kind == Kind.NUM or (t.kind == Kind.RP and not self.is_label_close(i))

    def operand_start(self, i: int) -> bool:
        t = self.s[i]
        return t.kind in (Kind.NUM, Kind.FRAC) or (t.kind == Kind.LP and i not in self.label) or \
            (t.kind == Kind.OP and t.op == "-")

    def fraction_before(self, i: int) -> bool:
        """Is the operand ending at i a fraction or a percent ("1/4 of", "25% of", "\\frac12 of")?"""
        t = self.s[i]
        if t.kind == Kind.NUM and (t.pct or t.value.denominator != 1 and "/" in t.literal):
            return True
        if t.kind == Kind.RP and i in self.frac_start:
            return True
        return (t.kind == Kind.NUM and i >= 2 and self.s[i - 1].kind == Kind.OP and self.s[i - 1].op == "/"
                and self.s[i - 1].glued and t.glued and self.s[i - 2].kind == Kind.NUM)

    def implicit_product(self, left: int, right: int) -> bool:
        """"2(3+4)", "(a)(b)", "\\frac{15}{2}(105+196)": an operand followed by an opening bracket."""
        a, b = self.s[left], self.s[right]
        # only round or square brackets: "}{" inside \frac is not a product
        if b.kind != Kind.LP or right in self.label or b.text[-1:] not in "([":
            return False
        if a.kind == Kind.NUM and not a.pct:
            return b.glued
        return a.kind == Kind.RP and not self.is_label_close(left) and \
            self.s[self.match.get(left, left)].kind == Kind.LP

    def is_call(self, open_i: int) -> bool:
        """Is the bracket at open_i the argument of a function ("f(2)", "\\sqrt{9}")?"""
        if open_i == 0:
            return False
        p = self.s[open_i - 1]
        if p.kind == Kind.FUNC:
            return True
        if p.kind == Kind.TEXT and self.s[open_i].glued:  # \text{LCM}(9, 11)
            return True
        return p.kind in (Kind.VAR, Kind.WORD) and self.s[open_i].glued


REJECT = "reject"  # a side that is not arithmetic (algebra, a function, words as operands): the claim is dropped
CUT = "cut"        # a side cut short by a symbol or word the scan does not read: the claim is not read


def left_end(st: Stream, i_eq: int) -> int | None:
    """Index of the last token of the left side of the sign at i_eq: the token before it, or, for a sign in
    words, the one before the bracket, comma or connector that joins it to its left side ("multiplying 2 by 1
    (which gives us 2)", "300 times 234, which is 70,200", "6 by 2, and so we get 12" - not "34, so that's 34
    minus 23": a pointer may point at more than the number before it - and across a full stop
    for a pointer: "the product of 12 and 3. This is 16"). None for "a or b" without a comma (a choice, not a
    second form)."""
    s = st.s
    j = i_eq - 1
    eq = s[i_eq]
    if not eq.word_eq or j < 0:
        return j
    if eq.sign_kind in (SignKind.COMMA, SignKind.POINTER):
        k = j
        while k > 0 and i_eq - k <= 2 and s[k].kind == Kind.WORD and s[k].text.lower() in _CONNECTORS:
            k -= 1
        if eq.sign_kind == SignKind.COMMA or (k < j and s[k].kind == Kind.NUM and s[k].verbal and s[k].ops):
            j = k  # "6 by 2 and we get 12"; a pointer after an operation in words: "multiply 4 by 1 and that gives 4"
    k = j
    while eq.sign_kind == SignKind.POINTER and k > 0 and s[k].kind == Kind.NL:
        k -= 1
    if s[k].kind == Kind.STOP and s[k].text == ".":
        j = k  # "... to get 80.\n\nThis is the same as 2 * 4": a pointer after a sentence and a paragraph break
    if s[j].kind == Kind.LP and j not in st.label:
        return j - 1
    named = j > 0 and s[j - 1].kind == Kind.NUM and s[j - 1].verbal and s[j - 1].ops  # "adding 6 and 7, gives 13"
    if s[j].kind == Kind.STOP and s[j].text == "," and (eq.sign_kind in _AFTER_COMMA or named):
        return j - 1
    if s[j].kind == Kind.STOP and s[j].text == "." and eq.sign_kind == SignKind.POINTER:
        return j - 1
    return None if eq.sign == "or" else j


def scan_left(st: Stream, i_eq: int):
    """Start index (in st.s) of the expression ending just before the sign at i_eq.

    Returns an int, None (nothing readable there), REJECT (the side is not arithmetic: a variable, a
    function, words as an operand) or CUT (an unknown symbol before it: the side may go on).
    """
    s = st.s
    j = left_end(st, i_eq)
    if j is None:
        return None
    if j >= 0 and s[j].kind == Kind.NL:
        # a line that starts with "=" continues the expression of the line above
        j -= 1
    while j >= 0 and s[j].kind == Kind.DELIM:  # "$45\times20$= ..."
        j -= 1
    start = None
    need = True
    last_op = None
    while j >= 0:
        t = s[j]
        if need:
            if t.kind == Kind.NUM:
                start, need = j, False
                j -= 1
            elif t.kind == Kind.RP and not st.is_label_close(j) and j in st.match:
                if j in st.frac_start:
                    start = st.frac_start[j]
                else:
                    if st.is_call(st.match[j]):
                        return REJECT
                    start = st.match[j]
                need = False
                j = start - 1
            elif st.is_annotation_at(j) or st.is_label_close(j):
                k = st.annotation_run_left(j)
                if k is not None and k >= 0 and st.operand_end(k):
                    j = k
                    continue
                break
            elif t.kind in (Kind.VAR, Kind.FUNC):
                return REJECT
            else:
                break
        else:
            if t.kind == Kind.OP:
                last_op, need = j, True
                j -= 1
            elif t.kind == Kind.WORD and t.text.lower() == "of" and j > 0 and st.fraction_before(j - 1):
                last_op, need = j, True
                j -= 1
            elif st.implicit_product(j, start):
                last_op, need = None, True
            elif t.kind in (Kind.VAR, Kind.FUNC) and t.glued and s[start].glued:
                return REJECT
            else:
                break
    if start is None:
        return None
    if j >= 0 and s[j].kind == Kind.ODD or _ratio_at(s, start - 2):
        return CUT  # an unknown symbol right before the expression: it may be an operator; "3:4:9 = 9": a ratio
    if j > 0 and s[j].kind == Kind.LP and st.match.get(j, i_eq) >= i_eq and s[j - 1].kind == Kind.OP:
        return CUT  # "(3*4)/(2*3 = 6)": the side is the start of a bracket that an operator before it divides
    if need and last_op is not None:
        # The expression begins with an operator. It is a unary minus ("so -20 * 3 = -60"), a
        # list bullet ("- 2 × 2 = 4"), or the tail of something unreadable ("Jane's age + 3 = ...",
        # "x + 5 = 7"), which makes the whole claim unreadable.
        op = s[last_op]
        before = s[last_op - 1] if last_op > 0 else None
        if before is not None and before.kind in (Kind.VAR, Kind.FUNC):
            return REJECT
        if op.op == "-" and s[start].glued:
            return last_op  # unary minus
        if before is None or before.kind in (Kind.NL, Kind.STOP, Kind.EQ, Kind.DELIM):
            return start  # a bullet or a dash before the expression
        if before.kind in (Kind.RP, Kind.LP):
            return CUT  # "21 +3) * 2 = 54": a bracket the scan cannot pair
        return REJECT
    return start


def scan_right(st: Stream, i_eq: int):
    """End index (in st.s) of the expression starting just after the sign at i_eq, and whether
    the right side was announced as approximate ("= about 5"). None, REJECT or CUT as scan_left."""
    s = st.s
    n = len(s)
    j = i_eq + 1
    while j < n and s[j].kind == Kind.DELIM:  # "= $\$$900"
        j += 1
    words = s[i_eq].word_eq
    if words:
        j = skip_transparent(s, j)  # "which is the result of 3 times 24*3"
    approx = False
    if j < n and s[j].kind == Kind.WORD and s[j].text.lower() in _APPROX_WORDS and not words:
        approx = True
        j += 1
    end = None
    need = True
    while j < n:
        t = s[j]
        if need:
            if t.kind == Kind.NUM:
                end, need = j, False
                j += 1
            elif t.kind == Kind.LP and j in st.match and j not in st.label:
                end, need = st.match[j], False
                j = end + 1
            elif t.kind == Kind.FRAC and j in st.frac_end:
                end, need = st.frac_end[j], False
                j = end + 1
            elif t.kind == Kind.OP and t.op in "+-" and (end is None or s[j - 1].kind == Kind.OP):
                j += 1  # a sign: "= -20"
            elif t.kind in (Kind.VAR, Kind.FUNC):
                return REJECT, approx
            else:
                break
        else:
            if t.kind == Kind.OP:
                need = True
                j += 1
            elif t.kind == Kind.WORD and t.text.lower() == "of" and st.fraction_before(end):
                need = True
                j += 1
            elif st.implicit_product(end, j):
                need = True
            elif t.kind in (Kind.VAR, Kind.FUNC) and (t.glued or t.kind == Kind.VAR and t.text.lower() not in ("a", "i")
                                                and not (j + 1 < n and s[j + 1].kind == Kind.EQ)):
                return REJECT, approx  # "= 3x", "= 3 x", "= 3\,x": the side is algebra ("= 1 x = 2": a new one)
            elif st.is_annotation_at(j) or j in st.label:
                k = st.annotation_run_right(j)
                if k is not None and k + 1 < n and s[k].kind == Kind.OP and st.operand_start(k + 1):
                    j = k
                    continue
                break
            else:
                break
    if end is None:
        return None, approx
    if need and j < n and s[j].kind in (Kind.VAR, Kind.FUNC):
        return REJECT, approx
    if j < n and (s[j].kind == Kind.ODD or s[j].kind == Kind.WORD and s[j].text.lower() in _CUT_SHORT) or \
            _ratio_at(s, end):
        # "which is $5,000 ⁎ 2.5%", "which is $5,000 multiplied with 2.5%": the expression goes on in a
        # symbol or a word the scan does not read, so the number before it is not the whole side; "3/4, or 9:3:4":
        # the number opens a ratio
        return CUT, approx
    if words and (need or (j < n and s[j].kind == Kind.WORD and s[j].text.lower() in _OPAQUE)):
        # "4, which is the result of 8 divided by itself" (an operator with no number after it);
        # "3*9 is equivalent to 27*11 modulo 10" (the number is an argument of something else)
        return REJECT, approx
    return end, approx


def _ratio_at(s: list[Tok], j: int) -> bool:
    """Is the colon at j+1 glued between two numbers ("9:3:4", "10:30"), a ratio or a time that a colon
    division (claim_tokens) did not take? A side that touches one is a part of it."""
    return 0 <= j and j + 2 < len(s) and s[j].kind == Kind.NUM and s[j + 1].kind == Kind.STOP and \
        s[j + 1].text == ":" and s[j + 1].glued and s[j + 2].kind == Kind.NUM and s[j + 2].glued


def skip_transparent(s: list[Tok], j: int) -> int:
    """Step over what may open the right side of a sign in words without changing it: a colon ("which gives
    us: 1"), a word that only stresses the sign ("is just 2", "is indeed 12"), and "the result of", "the answer
    to", "the result of the previous operation of", a noun that names the expression after it ("the answer to
    the equation 6 / 2"), "a total of", "a sum of", and a noun that names the number after it ("gives the answer
    12")."""
    if j < len(s) and s[j].kind == Kind.STOP and s[j].text == ":":
        j += 1
    while j < len(s) and s[j].kind == Kind.WORD and s[j].text.lower() in _STRESS:
        j += 1
    while j < len(s) and s[j].kind in (Kind.WORD, Kind.LETTER) and s[j].text.lower() == "the":
        k = j + 1
        while k < len(s) and k - j <= 3 and s[k].kind == Kind.WORD and s[k].text.lower() not in _TRANSPARENT:
            k += 1
        if k + 1 < len(s) and spells(s, k, "|".join(_TRANSPARENT), "of|to"):
            j = k + 2
        else:
            break
    if spells(s, j, "the|this", "expression|equation|calculation|computation|problem|operation"):
        j += 2  # "is the answer to the equation 6 divided by 2": the noun names what follows
    elif spells(s, j, "a|an") and j + 1 < len(s) and s[j + 1].kind == Kind.NUM and s[j + 1].ops:
        j += 1  # "is a sum of 4 and 5"
    elif spells(s, j, "a|an", "|".join(_TRANSPARENT), "of"):
        j += 3  # "gives us a total of 9"
    elif spells(s, j, "the|a", "answer|result|value|total|number") and j + 2 < len(s) and s[j + 2].kind == Kind.NUM:
        j += 2  # "gives the answer 12"
    return j


def opaque_before(st: Stream, a: int) -> bool:
    """Is the side starting at a the argument of something that is not its value? ("the
    denominator of 6/2", "27*11 modulo 10")"""
    s = st.s
    if a == 0:
        return False
    p = s[a - 1]
    low = p.text.lower() if p.kind == Kind.WORD else ""
    if low in _OPAQUE or (low in ("by", "from", "into", "than", "per") and not s[a].verbal):
        return True  # "modulo 10, which is"; "multiplying this fraction by 10/5 gives us 18/5"
    k = _of_before(s, a)
    if k is not None:  # "the result of 9-3 is 1" is read; "the numerator of (the fraction) 18/6/3 is 18/6/3" is not
        return not (k >= 1 and s[k - 1].kind == Kind.WORD and s[k - 1].text.lower() in _TRANSPARENT)
    if low == "and":  # "the difference between the given expression and 20/5, which is 21": an operand
        for k in range(a - 2, max(-1, a - 10), -1):  # of an operation in words that was not read
            if s[k].kind in (Kind.EQ, Kind.NL) or (s[k].kind == Kind.STOP and s[k].text in ".;:"):
                break
            if s[k].kind == Kind.WORD and s[k].text.lower() in ("between", "sum", "product", "difference", "quotient"):
                return True
    return False


def opaque_when(st: Stream, a: int) -> bool:
    """Does "the remainder when" (or another opaque noun) stand before the side starting at a? "The remainder when
    5 is divided by 3 is 2" does not claim 5 / 3 = 2."""
    s = st.s
    return a >= 2 and spells(s, a - 1, "when|if") and s[a - 2].kind == Kind.WORD and s[a - 2].text.lower() in _OPAQUE


def counted_before(st: Stream, a: int) -> bool:
    """Does a count of things and "of" stand right before the side starting at a ("3 boxes of 2 + 4 pens = 18")?
    The count may multiply the side, or the side may say what is in each: which, the text does not say."""
    s = st.s
    k = a - 1
    if k < 2 or not (s[k].kind == Kind.WORD and s[k].text.lower() == "of"):
        return False
    k -= 1
    while k > 0 and a - k <= 4 and st.is_annotation_at(k):
        k -= 1
    return k < a - 2 and s[k].kind == Kind.NUM and not s[k].verbal


def _of_before(s: list[Tok], a: int) -> int | None:
    """Where "of" stands before the side starting at a: right before it ("the numerator of 8/4"), or before a
    noun phrase that names it ("the numerator of the fraction 8/4", "the result of the expression 9-3"); None
    where there is none."""
    k = a - 1
    while k > 0 and a - k <= 3 and s[k].kind == Kind.WORD and s[k].text.lower() != "of":
        k -= 1
    named = k == a - 1 or k + 1 < a and s[k + 1].text.lower() in ("the", "a", "an", "this", "that")
    return k if k >= 0 and named and s[k].kind == Kind.WORD and s[k].text.lower() == "of" else None


# ----------------------------------------------------------------------------------------------
# Evaluating a side
# ----------------------------------------------------------------------------------------------
class Side:
    """A side of a claim, cleaned of annotations and evaluated."""

    def __init__(self, st: Stream, a: int, b: int):
        self.items: list[Tok] = []
        while b > a and st.s[b].kind == Kind.NL:  # "28+21-50\n  =9": the line break before "="
            b -= 1
        self.first, self.last = st.s[a], st.s[b]
        i = a
        while i <= b:
            t = st.s[i]
            if i in st.label:  # "(monkeys)": drop the whole label
                i = st.match[i] + 1
                continue
            of_op = t.kind == Kind.WORD and t.text.lower() == "of" and i > a and st.fraction_before(i - 1)
            if t.kind in (Kind.WORD, Kind.TEXT, Kind.NL, Kind.DELIM) and not of_op:
                i += 1
                continue
            if self.items and st.implicit_product(i - 1, i) and self.items[-1].kind in (Kind.NUM, Kind.RP):
                self.items.append(Tok(Kind.OP, "", t.start, t.start, op="*"))
            if t.kind == Kind.WORD:  # "of" after a percent or a fraction
                t = Tok(Kind.OP, t.text, t.start, t.end, op="*")
            self.items.append(t)
            i += 1
        self.value = None
        self.n_ops = 0
        self.has_pct = False
        try:
            p = Parser(self.items)
            v = p.expr()
            if p.i == len(self.items):
                self.value, self.n_ops, self.has_pct = v, p.n_ops, p.has_pct
                self.parser = p
        except (ValueError, ZeroDivisionError, OverflowError):
            pass

    @property
    def literal(self) -> Tok | None:
        """The number token this side consists of ("-20" too), if it is a single number."""
        nums = [t for t in self.items if t.kind == Kind.NUM]
        if len(nums) == 1 and self.n_ops == 0:
            return nums[0]
        return None




def binary_operands(side: Side) -> tuple:
    """(a, op, b) for a side with exactly one binary operator: '-20 * 3', '108 + (-20)', '\\frac{93}{3}'."""
    if len(side.items) == 1 and side.items[0].operands:
        return side.items[0].operands  # "the product of 12 and 3"
    p = getattr(side, "parser", None)
    if p is None or side.n_ops != 1 or len(p.top_ops) != 1:
        return ()
    k, op = p.top_ops[0]
    items = side.items
    if op == "/" and items[k].kind == Kind.FRAC:
        try:
            pa = Parser(items[k + 1:])
            va, _ = pa.atom()
            vb, _ = pa.atom()
            return (va, "/", vb)
        except (ValueError, ZeroDivisionError):
            return ()
    try:
        left, right = Parser(items[:k]), Parser(items[k + 1:])
        va, vb = left.expr(), right.expr()
        if left.i == k and right.i == len(items) - k - 1 and not side.has_pct:
            return (va, op, vb)
    except (ValueError, ZeroDivisionError, OverflowError):
        pass
    return ()

