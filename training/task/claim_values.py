"""Claim reading, layer 2: exact values. A side of a claim, cleaned of annotations, is evaluated with
fractions (Parser), and a claimed value is judged against the true one at the precision it shows (judge).
Imports only the tokens (claim_tokens).
"""

from __future__ import annotations

from fractions import Fraction

from training.task.claim_tokens import Kind, Tok


class Parser:
    """Recursive descent over cleaned tokens: + - * / ^, unary minus, brackets, \\frac, percent.

    Percent: p% is p/100, and "a + p%" / "a - p%" mean a * (1 + p/100) / a * (1 - p/100).
    """

    def __init__(self, toks: list[Tok]):
        self.t = toks
        self.i = 0
        self.n_ops = 0
        self.has_pct = False
        self.top_ops: list[tuple[int, str]] = []  # (token index, op) of binary ops at depth 0
        self.depth = 0

    def peek(self) -> Tok | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def expr(self) -> Fraction:
        v, bare_pct = self.term()
        while (p := self.peek()) is not None and p.kind == Kind.OP and p.op in "+-":
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
        while (p := self.peek()) is not None and p.kind == Kind.OP and p.op in "*/":
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
        if p is not None and p.kind == Kind.OP and p.op in "+-":
            self.i += 1
            v, bare_pct = self.unary()
            return (-v if p.op == "-" else v), bare_pct
        return self.power()

    def power(self) -> tuple[Fraction, bool]:
        base, bare_pct = self.atom()
        p = self.peek()
        if p is not None and p.kind == Kind.OP and p.op == "^":
            self._binary(p)
            exp, _ = self.unary()
            return _pow(base, exp), False
        return base, bare_pct

    def atom(self) -> tuple[Fraction, bool]:
        p = self.peek()
        if p is None:
            raise ValueError("unexpected end")
        if p.kind == Kind.NUM:
            self.i += 1
            self.n_ops += p.ops  # an operation in words folded into one token
            if p.pct:
                self.has_pct = True
                return p.value / 100, True
            return p.value, False
        if p.kind == Kind.LP:
            self.i += 1
            self.depth += 1
            v = self.expr()
            self.depth -= 1
            q = self.peek()
            if q is None or q.kind != Kind.RP:
                raise ValueError("missing )")
            self.i += 1
            return v, False
        if p.kind == Kind.FRAC:
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



def judge(true: Fraction, claimed: Fraction, literal: Tok | None, approx: bool) -> bool:
    """Is a claim right? `literal` is the claimed number as written (None when it is not one number).

    "=" claims must be exact, except that a decimal written to d places is right when the true value
    needs more places and rounds to it (100/3 = 33.33). Approximate claims ("≈", "about") are right
    when the true value rounds to the claimed one at the precision shown (440 / 7 ≈ 62.857, ≈ 60).
    """
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

