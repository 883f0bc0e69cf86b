"""Exact evaluation of the hand-labelled claim expressions (Python syntax, no variables).

Each labelled claim has `lhs` and `rhs`, written by hand from the text in Python syntax: numbers
(integers or decimals), + - * / ** and brackets; "25% of $40" is written "25/100*40". They are
evaluated here with fractions.Fraction, so a label never relies on mental or floating-point
arithmetic.

Whether a claim is right (the same rule the checker documents):
  "="  the two sides are equal; or the claimed value is a decimal with d >= 1 digits after the
       point and the true value, which needs more digits, rounds to it (33.33 for 100/3);
  "≈"  the true value rounds to the claimed one at the precision shown: d decimals give a
       tolerance of half a unit in the last place (3.14 -> 0.005); an integer ending in k zeros
       gives half of 10^k (28 -> 0.5, 1520 -> 5).

    python exact.py texts.jsonl     # re-check every label in the file; exits 1 on a mismatch
"""

from __future__ import annotations

import ast
import json
import re
import sys
from fractions import Fraction


def value(expr: str) -> Fraction:
    """The exact value of a label expression such as '(50-12-5*3-4*1.5)/8.5' or '2**10'."""
    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            # Go through the source text so 0.1 is exactly 1/10, not the nearest float.
            return Fraction(ast.get_source_segment(expr, node))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = ev(node.left), ev(node.right)
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            if isinstance(node.op, ast.Div):
                return a / b
            if isinstance(node.op, ast.Pow):
                if b.denominator != 1:
                    root = _exact_root(a, b.denominator)
                    if root is None:
                        raise ValueError(f"irrational power in {expr!r}")
                    return root ** b.numerator
                return a ** int(b)
        raise ValueError(f"unsupported syntax in label expression {expr!r}")
    return ev(ast.parse(expr.strip(), mode="eval"))


def _exact_root(a: Fraction, n: int) -> Fraction | None:
    def iroot(x: int) -> int | None:
        r = round(x ** (1.0 / n))
        for c in (r - 1, r, r + 1):
            if c >= 0 and c ** n == x:
                return c
        return None
    if a < 0:
        return None
    p, q = iroot(a.numerator), iroot(a.denominator)
    return Fraction(p, q) if p is not None and q is not None else None


def shown_decimals(literal: str) -> int | None:
    """Digits after the decimal point of a plain number literal, None for anything else."""
    m = re.fullmatch(r"\s*-?\d+(?:\.(\d+))?\s*", literal)
    if not m:
        return None
    return len(m.group(1) or "")


def tolerance(literal: str) -> Fraction | None:
    """Half a unit in the last shown place: 3.14 -> 1/200, 28 -> 1/2, 1520 -> 5."""
    d = shown_decimals(literal)
    if d is None:
        return None
    if d:
        return Fraction(1, 2 * 10 ** d)
    digits = literal.strip().lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Fraction(10 ** zeros, 2)


def judge(lhs: str, rhs: str, sign: str) -> tuple[Fraction, Fraction, bool]:
    """(true value, claimed value, correct) of a labelled claim."""
    true, claimed = value(lhs), value(rhs)
    if true == claimed:
        return true, claimed, True
    if sign == "=":
        d = shown_decimals(rhs)
        if d:  # a decimal written to d places: right if the true value needs more and rounds to it
            needs_more = (true * 10 ** d).denominator != 1
            return true, claimed, needs_more and abs(true - claimed) <= Fraction(1, 2 * 10 ** d)
        return true, claimed, False
    tol = tolerance(rhs)
    return true, claimed, tol is not None and abs(true - claimed) <= tol


def num_str(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def check_file(path: str) -> list[str]:
    """Mismatches between each labelled claim's stored true/claimed/correct and exact evaluation."""
    bad = []
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        for i, c in enumerate(rec["claims"]):
            if not c["checkable"]:
                continue
            true, claimed, ok = judge(c["lhs"], c["rhs"], c["sign"])
            if (num_str(true), num_str(claimed), ok) != (c["true"], c["claimed"], c["correct"]):
                bad.append(f"{rec['id']} claim {i}: {c['span']!r}")
    return bad


if __name__ == "__main__":
    problems = check_file(sys.argv[1] if len(sys.argv) > 1 else "texts.jsonl")
    print("\n".join(problems) or "every label agrees with exact evaluation")
    sys.exit(1 if problems else 0)
