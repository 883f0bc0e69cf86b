"""The final-answer reader on real answers: what the real SLM's base writes must be scored as it is meant."""

from fractions import Fraction

import pytest

from training.task.answers import extract_answer

# SmolLM2-135M-Instruct's own words (assets/valley/smollm2/records/base.jsonl, the world prompt, greedy): the comma
# after the stated answer used to be read as part of it ("8,"), which scored these right answers as no answer
REAL = [
    ("In this context, the answer is 8, which is the result of adding 4 and 4. This is ", 8),
    ("In this context, the answer is 12, which is the result of adding 4 and 8.", 12),
    ("In this context, the answer is 10, which is the result of adding 4 and 6.", 10),
]


@pytest.mark.parametrize("text,value", REAL)
def test_a_comma_after_the_stated_answer_ends_it(text, value):
    assert extract_answer(text) == (str(value), Fraction(value))


@pytest.mark.parametrize("text,answer", [
    ("The answer is 1,200, which is the total.", "1,200"),   # the thousands separator stays
    ("So the answer is -7, not 7.", "-7"),
    ("The answer is 3/4, in lowest terms.", "3/4"),
    ("The answer is 2,50 apples", "2"),                      # not a thousands group: the number ends at the comma
])
def test_trailing_punctuation_is_not_part_of_the_number(text, answer):
    assert extract_answer(text)[0] == answer


def test_rescoring_a_shipped_record_reads_its_completion_again():
    """training.rescore scores the completions a sweep shipped again (no generation): a record scored by the old
    reader ('12,' read as no answer) comes out right, and everything but the scores is kept."""
    from training.core.evalfolder import read_records
    from training.rescore import rescore_records

    rec = next(r for r in read_records("assets/valley/smollm2/records/base.jsonl") if r["expr"] == "4+8")
    stale = {**rec, "correct": False, "category": "no answer", "problem_index": 7}
    (fresh,) = rescore_records([stale])
    assert fresh["correct"] is True and fresh["category"] == "correct"
    assert fresh["completion"] == rec["completion"] and fresh["problem_index"] == 7
