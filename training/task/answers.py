"""Final answers: find the answer a completion states, read its value, and compare it with the gold.

    extract_answer("... so the total is \\boxed{\\$1,596}.")   -> ("\\$1,596", Fraction(1596))
    extract_answer("\\boxed{10:00 \\text{ am}}")              -> ("10:00 \\text{ am}", None)
    answers_equal("\\frac{14}{3}", Fraction(14, 3), "14/3")  -> True

Where the answer is looked for, in order:
  1. Only the text before a new conversation turn ("\\nUser:", "<|im_start|>", ...): small models
     often go on to invent and answer another question.
  2. Inside the first <answer>...</answer> block if there is one (it ends at its end tag or at
     the first blank line); then after the last </think> (a reflective trace tries many
     candidates while thinking); then the whole text.
  3. A \\boxed{} (with text, units, commas, fractions and LaTeX inside). When several boxes follow
     each other closely the last one counts ("\\boxed{12} ... \\boxed{-7}" is a correction); a box
     far after the first group is chatter after the answer and is ignored.
  4. A statement: "the answer is 12", "Answer: 12", "#### 12" (the last one); a comma after the number ends it
     ("the answer is 12, which is ..." is 12; "1,200" keeps its thousands separator).
  5. Otherwise the last sentence that has a number: the number after its last "=" or after
     "is/are/was/equals...", else its last number that is not a qualifier after "in/per/for/
     each/from/to..." ("24 movies in 4 weeks" gives 24, not 4). Nothing after an answer
     statement is ever read: steps 3-4 come first.

Equivalence: numbers compare exactly; anything else ("3\\sqrt{13}", "(3, \\frac{\\pi}{2})") goes to
math-verify when it is installed (it is imported lazily, and run without its SIGALRM timeouts,
which fail off the main thread), else to a normalised string comparison.
"""

from __future__ import annotations

import logging
import re
from fractions import Fraction

from training.task.claims import parse_number

# A new turn in a conversation: what follows is not this completion's answer.
_TURN_RE = re.compile(r"\n\s*(?:User|Human|Question)\s*:|<\|im_start\|>|<\|endoftext\|>|<｜end▁of▁sentence｜>"
                      r"|<\|eot_id\|>|<\|end_of_text\|>")
_ANSWER_IS = re.compile(
    r"(?:answer\s*(?:is|:|=)|####)\s*:?\s*(?:\\\(|\$)?\s*(?P<ans>(?:\\?\$\s?)?\(?-?\d+(?:,\d{3})*(?:\.\d+)?(?:\s*/\s*\d+)?\)?\s*(?:\\?%)?)",
    re.IGNORECASE)
_NUMBER = re.compile(r"(?:\\?\$\s?)?-?\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?!\d)|(?:\\?\$\s?)?-?\d+(?:\.\d+)?(?:/\d+(?![\d.]))?")
_RESULT_WORD = re.compile(r"(?:=|≈|\\approx|\b(?:is|are|was|were|be|equals|makes|gives|totals?)\b)\s*"
                          r"(?:about\s+|approximately\s+|roughly\s+|\*\*)?(?=(?:\\\(|\\\[|\$)?\s*(?:\\?\$\s?)?-?[\d\\])",
                          re.IGNORECASE)
# A number after one of these qualifies the result instead of being it ("24 movies in 4 weeks").
_QUALIFIER = re.compile(r"\b(?:in|per|for|every|each|over|after|within|by|from|to|at|on|during|than|"
                        r"until|before)\s+$", re.IGNORECASE)
_BOX_GAP = 300  # characters between two boxes of one answer


def _boxed_contents(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of every \\boxed{...} / \\fbox{...}, with nested braces."""
    out = []
    for m in re.finditer(r"\\(?:boxed|fbox)\s*\{", text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth == 0:
            out.append((m.start(), i, text[m.end():i - 1]))
    return out


_ANSWER_OPEN = re.compile(r"<\s*answer\s*>", re.IGNORECASE)
_ANSWER_CLOSE = re.compile(r"<\s*/\s*answer\s*>|<\s*end\s*_?\s*answer\s*>", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n\s*\n")
_TAG = re.compile(r"</?(?!answer\b|think\b)[A-Za-z][^<>\n]{0,60}>")


def answer_regions(text: str) -> list[str]:
    """Where to look for the final answer, best first (steps 1-2 of the module docstring)."""
    m = _TURN_RE.search(text)
    if m and m.start() > 0:
        text = text[:m.start()]
    regions = []
    a = _ANSWER_OPEN.search(text)
    if a:  # the first <answer> block, up to its end tag (or, without one, the first blank line)
        b = _ANSWER_CLOSE.search(text, a.end()) or _BLANK_LINE.search(text, a.end())
        regions.append(text[a.end():b.start() if b else len(text)])
    tail = text.rsplit("</think>", 1)[-1]
    if tail.strip():
        regions.append(tail)
    regions.append(text)
    return [r for r in dict.fromkeys(regions) if r.strip()]


def _first_box_group(boxes: list[tuple[int, int, str]]) -> str:
    last = boxes[0]
    for box in boxes[1:]:
        if box[0] - last[1] > _BOX_GAP:
            break
        last = box
    return last[2]


# What a stated result looks like: inline maths, or the text up to the end of the clause.
_CHUNK = re.compile(r"\s*(?:\\\(|\\\[|\$(?!\d))\s*(?P<math>.+?)\s*(?:\\\)|\\\]|\$)"
                    r"|\s*(?P<plain>[^;\n]*?)\s*(?:,\s|;|\.(?:\s|$)|\\\)|\\\]|(?<!\\)\$(?!\d)|$)")
# After a number, these make the answer an expression ("11\sqrt{2}", "2^{10}", "3\pi").
_MATH_TAIL = re.compile(r"\s*(?:\\(?!text|mathrm|,|;|!|\$|\)|\])[A-Za-z]+|\^|\{)|[A-Za-z](?![A-Za-z])")


def _stated_at(s: str, pos: int) -> tuple[str, Fraction | None] | None:
    """The result written at s[pos:]: a number with its units, or a LaTeX expression."""
    m = _CHUNK.match(s, pos)
    chunk = (m.group("math") if m and m.group("math") is not None else (m.group("plain") if m else "")) or ""
    chunk = chunk.strip().rstrip(".")
    value = parse_number(chunk)
    if value is not None:
        return chunk, value
    lead = _NUMBER.match(chunk)
    if lead is None:
        # "\frac{\pi}{2}", "(3, \frac{\pi}{2})": an answer that is not a number
        return (chunk, None) if chunk.startswith(("\\", "(")) and "\\" in chunk else None
    if _MATH_TAIL.match(chunk, lead.end()):
        return chunk, None  # "11\sqrt{2}"
    return lead.group(0), parse_number(lead.group(0))


def _last_sentence_answer(region: str) -> tuple[str, Fraction | None] | None:
    """The result stated by the last sentence that has a number (step 5 of the docstring)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\n*#(\\$])|\n+", region) if _NUMBER.search(s)]
    if not sentences:
        return None
    s = sentences[-1]
    results = list(_RESULT_WORD.finditer(s))
    if results:
        found = _stated_at(s, results[-1].end())
        if found:
            return found
    numbers = list(_NUMBER.finditer(s))
    plain = [m for m in numbers if not _QUALIFIER.search(s[:m.start()])]
    ans = (plain or numbers)[-1].group(0)
    return ans, parse_number(ans)


def extract_answer(text: str) -> tuple[str | None, Fraction | None]:
    """The final answer as (text as written, its value or None when it is not a number)."""
    if not isinstance(text, str) or not text:
        return None, None
    for region in answer_regions(text):
        region = _TAG.sub(" ", region)  # <u>, <br>, <h3>: markup, not text
        boxes = _boxed_contents(region)
        if boxes:
            ans = _first_box_group(boxes).strip()
            return ans, parse_number(ans)
        found = list(_ANSWER_IS.finditer(region))
        if found:
            m = found[-1]
            clause = re.match(r"[^\n;]*?(?=\.(?:\s|$)|\n|;|$)", region[m.start("ans"):]).group(0)
            if "=" in clause:  # "the correct answer is 35 + 70 = 105"
                stated = _stated_at(clause, clause.rindex("=") + 1)
                if stated is not None:
                    return stated[0].strip(), stated[1]
            ans = m.group("ans").strip()
            return ans, parse_number(ans)
        stated = _last_sentence_answer(region)
        if stated is not None:
            return stated[0].strip(), stated[1]
    return None, None


def _normalise(s: str) -> str:
    s = re.sub(r"\\(?:text|mathrm|textbf)\s*\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\[,;:! ]|\\left|\\right|\$|\\\$|\s+", "", s)
    return s.lower().rstrip(".")


def answers_equal(answer_text: str | None, value: Fraction | None, gold) -> bool:
    """Does a stated answer match the gold answer (a number, or a LaTeX/plain string)?"""
    if answer_text is None and value is None:
        return False
    gold_value = gold if isinstance(gold, Fraction) else (
        Fraction(gold) if isinstance(gold, int) else parse_number(str(gold)))
    if value is not None and gold_value is not None:
        return value == gold_value
    if answer_text is None:
        return False
    verdict = _math_verify(str(gold), answer_text)
    if verdict is not None:
        return verdict
    return _normalise(answer_text) == _normalise(str(gold))


def _math_verify(gold: str, answer: str) -> bool | None:
    """math-verify's symbolic equivalence, or None when the package is not installed."""
    try:
        import math_verify  # heavy (sympy): only imported when a non-numeric answer needs it
    except ImportError:
        return None
    # We pass no timeouts on purpose (math-verify's use SIGALRM, which fails off the main thread);
    # its one-time warning about that is expected, so it is silenced.
    logging.getLogger("math_verify").setLevel(logging.ERROR)
    try:
        g = math_verify.parse(f"\\boxed{{{gold}}}", parsing_timeout=None)
        a = math_verify.parse(f"\\boxed{{{answer}}}", parsing_timeout=None)
        if not g or not a:
            return None
        return bool(math_verify.verify(g, a, timeout_seconds=None))
    except Exception:  # a parser failure on odd LaTeX is "no verdict", not a crash
        return None
