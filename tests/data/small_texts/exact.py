"""Exact evaluation of this set's label expressions: real_texts/exact.py plus two named quantities.

A label side is Python syntax with numbers, + - * / ** and brackets (see ../real_texts/exact.py), and
here also lcm(a, b) and gcd(a, b) of integers ("the least common multiple of 18 and 10" is written
lcm(18, 10)). A named call is replaced by its value before the expression is evaluated with
fractions.Fraction, so nothing relies on mental or floating-point arithmetic. The rules for right and
wrong are those of real_texts/exact.py ("=" exact, or a decimal rounded at the places shown; "≈" at
the precision shown).

    python exact.py texts.jsonl     # re-check every stored value; exits 1 on a mismatch
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
from fractions import Fraction
from pathlib import Path

_spec = importlib.util.spec_from_file_location("real_exact", Path(__file__).resolve().parent.parent / "real_texts" / "exact.py")
_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_real)
num_str = _real.num_str

_CALL = re.compile(r"\b(lcm|gcd)\(\s*(\d+)\s*,\s*(\d+)\s*\)")


def _expand(expr: str) -> str:
    def one(m):
        a, b = int(m.group(2)), int(m.group(3))
        return str(math.lcm(a, b) if m.group(1) == "lcm" else math.gcd(a, b))
    return _CALL.sub(one, expr)


def value(expr: str) -> Fraction:
    return _real.value(_expand(expr))


def judge(lhs: str, rhs: str, sign: str) -> tuple[Fraction, Fraction, bool]:
    """(true value, claimed value, correct) of a labelled claim; sign is "=" or "≈"."""
    return _real.judge(_expand(lhs), _expand(rhs), sign)


def check_file(path: str) -> list[str]:
    bad = []
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        for i, c in enumerate(rec["claims"]):
            if not c["checkable"]:
                continue
            true, claimed, ok = judge(c["lhs"], c["rhs"], "≈" if "approx" in c["notation"] else "=")
            if (num_str(true), num_str(claimed), ok) != (c["true"], c["claimed"], c["correct"]):
                bad.append(f"{rec['id']} claim {i}: {c['span']!r}")
    return bad


if __name__ == "__main__":
    problems = check_file(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent / "texts.jsonl"))
    print("\n".join(problems) or "every label agrees with exact evaluation")
    sys.exit(1 if problems else 0)
