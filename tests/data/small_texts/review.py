"""Second labelling pass: list every place in a text that *might* be a claim in words and carries no label.

    python review.py [id ...]

Purely lexical (a result word or phrase with a digit or a number word within 60 characters on both
sides), independent of the checker: it only shows the labeller where to look again. Each hit was
read by hand in the second pass and either labelled or left out as not a claim (README).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULT = re.compile(r"\b(?:is|are|was|equals?|gives?|giving|get|gets|makes?|results? in|resulting in|should be|"
                    r"would be|that's|totals?|leaves|comes to|or|as)\b", re.IGNORECASE)
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b", re.IGNORECASE)


def main(argv: list[str]) -> int:
    for line in open(HERE / "texts.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if argv and r["id"] not in argv:
            continue
        text = r["text"]
        signed = [(c["sign_at"], c["sign_end"]) for c in r["claims"]]
        for m in RESULT.finditer(text):
            if any(a <= m.start() < b + 1 for a, b in signed):
                continue
            before, after = text[max(0, m.start() - 60):m.start()], text[m.end():m.end() + 60]
            sentence_before = re.split(r"[.!?\n]\s", before)[-1]
            sentence_after = re.split(r"[.!?\n]\s", after)[0]
            if NUMBER.search(sentence_before) and NUMBER.search(sentence_after):
                print(f"{r['id']}: ...{sentence_before}[{m.group(0)}]{sentence_after}...")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
