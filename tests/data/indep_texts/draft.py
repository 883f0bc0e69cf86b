"""Labelling aid: print texts with a lexical draft of their "=" lines, to be read and corrected by hand.

    python draft.py [id prefix ...]

Purely lexical and independent of the checker: for every "=", "≈" or "\\approx" it shows the run of
numbers and operator symbols just before it and the number just after it, as a draft `E(...)` entry of
labels.py. The draft is never taken as a label: every entry was read against the text, and claims in
words (which the draft does not list) were found by reading (README).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIGN = re.compile(r"(?<![<>!=])=(?![=>])|≈|\\approx")
NUM = r"-?\d+(?:,\d{3})*(?:\.\d+)?"
LEFT = re.compile(rf"(?:\(?{NUM}\)?\s*[-+*/×÷x]\s*)*\(?{NUM}\)?$")
RIGHT = re.compile(rf"^\s*{NUM}")


def visible(text: str) -> str:
    """Control characters (sampled byte tokens) shown as <0xNN>, so a claim glued to one is seen."""
    return "".join(f"<0x{ord(ch):02x}>" if ord(ch) < 32 and ch != "\n" else ch for ch in text)


def draft(text: str) -> list[str]:
    out = []
    for m in SIGN.finditer(text):
        left = LEFT.search(text[max(0, m.start() - 60):m.start()].rstrip())
        right = RIGHT.match(text[m.end():m.end() + 30])
        lhs = left.group(0).strip() if left else "?"
        rhs = right.group(0).strip().rstrip(".,") if right else "?"
        out.append(f"{lhs} {m.group(0)} {rhs}")
    return out


def main(argv: list[str]) -> int:
    for line in open(HERE / "generations.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if argv and not any(r["id"].startswith(a) for a in argv):
            continue
        print(f"===== {r['id']}  {r['expr']} = {r['gold']}  ({r['finish']}, {r['n_tokens']} tokens)")
        print(visible(r["text"]))
        print("----- draft: " + ", ".join(repr(d) for d in draft(r["text"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
