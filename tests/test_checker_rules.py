"""Reading rules that must hold on text the labelled sets do not hold (issue 32, part 2): each text here was
written for its test, and none of them is in an evaluation set."""

from fractions import Fraction

import pytest

from training.task.checker import check
from training.task.claims import equals_counts, extract_claims
from training.task.marks import claim_marks, coverage_note, render_ansi


def _read(text: str) -> list[tuple[str, Fraction, bool]]:
    """(claim as written, claimed value, right?) for every claim read."""
    return [(text[c.start:c.end], c.claimed, c.correct) for c in extract_claims(text)]


# ---------------------------------------------------------------------------------------------------------
# The two false-alarm kinds seen on real model text
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("product", ["$5,000 x 2.5%", "$5,000 × 2.5%", "$5,000 ⋅ 2.5%", "$5,000 ∙ 2.5%",
                                     "$5,000 \\times 2.5\\%", "$5,000 * 0.025", "$5,000 multiplied with 2.5%",
                                     "$5,000 ⁎ 2.5%"])
def test_percent_of_then_which_is_a_product_is_no_false_alarm(product):
    text = f"The shop earns 2.5% of $5,000 as profit on the sale, which is {product}."
    claims = _read(text)
    assert all(ok for _, _, ok in claims), claims  # never "2.5% of $5,000 = 5000"
    assert all(claimed != 5000 for _, claimed, _ in claims)


def test_percent_of_then_which_is_a_product_is_read_where_the_product_is_plain():
    claims = _read("The shop earns 2.5% of $5,000 as profit, which is $5,000 ⋅ 2.5%.")
    assert [(claimed, ok) for _, claimed, ok in claims] == [(125, True)]


def test_algebra_lines_with_a_number_glued_to_a_letter_are_not_arithmetic():
    text = "3x + 20 = 200\n200 - 20 = 3x\n180 = 3x\nx = 60"
    assert _read(text) == []  # "200 - 20 = 3x" is never "200 - 20 = 3" (x read as a times sign)
    assert _read("So 7y\n14 = 2") == []
    assert _read("4 x\n5 = 20") == []  # a times sign does not reach over a line break


# ---------------------------------------------------------------------------------------------------------
# Percent phrases and "out of": read where their value is unambiguous, left unread otherwise
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,claimed,ok", [
    ("12/16 = 75%", Fraction(3, 4), True),             # the percent as a share
    ("(4 / 20) * 100 = 20%", 20, True),                 # the percent as the unit of a result in percent
    ("3/5 = 60%", Fraction(3, 5), True),
    ("So 0.6, or 60%.", Fraction(3, 5), True),
    ("12/16 = 70%", Fraction(7, 10), False),           # wrong in both readings: shown in the nearer one
    ("(4 / 20) * 100 = 25%", 25, False),
    ("Then 25 percent of 40 is 10.", 10, True),
    ("Then 25 percent of 40 = 12.", 12, False),
    ("12 out of 16 is 75%.", Fraction(3, 4), True),
    ("That is 30 out of 120 = 25%.", Fraction(1, 4), True),
    ("So 75%, which is 12 out of 16.", Fraction(3, 4), True),
    ("12 out of 16 is 70%.", Fraction(7, 10), False),
    ("12 out of 16 = 3/4", Fraction(3, 4), True),
])
def test_percent_and_out_of(text, claimed, ok):
    claims = _read(text)
    assert len(claims) == 1 and claims[0][1:] == (claimed, ok), claims


@pytest.mark.parametrize("text", ["3 out of 4 students passed the test.", "12 out of 16 is 4.",
                                  "What percent of 80 is 20?", "12 out of 16 were left, and 3 out of 4 is most."])
def test_out_of_and_percent_phrases_without_a_plain_value_are_not_read(text):
    assert _read(text) == []


# ---------------------------------------------------------------------------------------------------------
# References to earlier results ("it", "these")
# ---------------------------------------------------------------------------------------------------------
def test_it_right_after_a_claim_is_that_claim():
    assert _read("5 + 3 = 8. Multiply it by 2 to get 18.")[1][1:] == (18, False)


def test_it_with_other_numbers_in_between_is_read_only_where_it_fits():
    # "it" may be 8, or 12 (8 apples and 4 more): right with 8 is read, wrong with 8 is not judged
    assert _read("5 + 3 = 8. She buys 4 more apples. Multiply it by 2 to get 16.")[1][1:] == (16, True)
    text = "5 + 3 = 8. She buys 4 more apples. Multiply it by 2 to get 24."
    assert len(_read(text)) == 1
    counts = equals_counts(text)
    assert counts["words_total"] == 1 and counts["words_checked"] == 0  # counted as not checked


def test_these_without_a_clear_run_is_not_read_but_counted():
    text = "5 + 3 = 8. Then 8 x 2 = 16. Adding these, we get 24."
    assert len(_read(text)) == 2  # 8 and 16 are no run of one operation, nor a list
    counts = equals_counts(text)
    assert counts["words_total"] == 1 and counts["words_checked"] == 0


def test_these_after_a_list_of_claims_is_their_sum():
    claims = _read("5 + 3 = 8 and 2 + 2 = 4. Adding these gives 13.")
    assert claims[-1][1:] == (13, False)


# ---------------------------------------------------------------------------------------------------------
# Statements it cannot read: shown as "?", and the first error is then not checked (never guessed)
# ---------------------------------------------------------------------------------------------------------
def _marked(text: str):
    rec = check(text)
    return rec, [(text[s:e], mark) for s, e, mark in claim_marks(rec)]


def test_an_unread_claim_before_a_wrong_one_makes_the_first_error_not_checked():
    text = "First 21 +3) * 2 = 50 apples. Then 50 + 4 = 55."
    rec, marks = _marked(text)
    assert marks == [("21 +3) * 2 = 50", "unchecked"), ("50 + 4 = 55", "wrong")]  # never "first error"
    assert rec.not_checked and rec.first_error == 0
    assert "the first error is not checked" in coverage_note(rec)
    assert "[?]" in render_ansi(text, rec, color=False) and "55 [!]" in render_ansi(text, rec, color=False)


def test_an_unread_reference_before_a_wrong_claim_is_shown_as_not_checked():
    text = "5 + 3 = 8. She buys 4 more apples. Multiply it by 2 to get 24. Then 24 + 1 = 26."
    rec, marks = _marked(text)
    assert ("Multiply it by 2 to get 24", "unchecked") in marks and ("24 + 1 = 26", "wrong") in marks
    assert rec.not_checked


def test_an_operation_in_words_with_its_result_later_is_not_checked_where_it_is_not_read():
    text = "We combine 12 and 15, which gives us 28. Then 28 + 2 = 31."
    rec, marks = _marked(text)
    assert marks == [("combine 12 and 15, which gives us 28", "unchecked"), ("28 + 2 = 31", "wrong")]
    assert rec.not_checked


def test_an_unread_claim_in_a_text_with_no_wrong_claim_is_not_checked_rather_than_right():
    rec, marks = _marked("We pay ($3 x 4 = $12) - $2 = $10 in all, and 10 + 5 = 15.")
    assert ("unchecked" in {m for _, m in marks}) and rec.first_error is None and rec.not_checked
    assert "not checked" in coverage_note(rec)


@pytest.mark.parametrize("text", [
    "3x + 20 = 200\n200 - 20 = 3x\nSo 180 / 3 = 70.",          # algebra: read, and not arithmetic
    "The denominator of 6/2, which is 2. Then 3 + 4 = 8.",      # not the value of 6/2: not arithmetic
    "f(2) = 4 + 1 = 5, so 5 * 2 = 11.",                          # a function
    "The next term after 5 is 6, so 6 + 1 = 8.",                 # two bare numbers: no computation
    "There are 5 boxes, which gives us 10 chances. So 2 + 2 = 5.",  # no operation named
    "The sum of 15 is 6. So 2 + 2 = 5.",                          # one number: no operation on two operands
])
def test_what_is_not_arithmetic_does_not_hide_the_first_error(text):
    rec, marks = _marked(text)
    assert not rec.not_checked and rec.unchecked == []
    assert [m for _, m in marks].count("first_error") == 1


# ---------------------------------------------------------------------------------------------------------
# Bytes no writer wrote: a sampled token that is only part of a character, control characters
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("junk", ["\ufffd", "\x16", "\x0c", "\x02", "\ufffd\ufffd"])
def test_decoding_debris_breaks_the_text_like_a_line_break(junk):
    # the claim after the debris is read from where the debris ends, glued or not
    assert _read(f"So we have 7+4*2{junk}4 * 2 = 8. Then 7 + 8 = 16.") == [("4 * 2 = 8", 8, True),
                                                                             ("7 + 8 = 16", 16, False)]
    assert _read(f"That leaves 6+3ab{junk} 6 + 3 = 9") == [("6 + 3 = 9", 9, True)]
    assert _read(f"First 12 / 4 = 3{junk}s right") == [("12 / 4 = 3", 3, True)]
    rec = check(f"Now 7+4*2{junk}4 * 2 = 8. Then 7 + 8 = 16.")
    assert not rec.not_checked and rec.claims[rec.first_error].claimed == 16


def test_tabs_and_carriage_returns_stay_layout():
    assert _read("3 +\t4 = 7\r\n2 * 5 = 11") == [("3 +\t4 = 7", 7, True), ("2 * 5 = 11", 11, False)]


# ---------------------------------------------------------------------------------------------------------
# Signs in words that lead into an equation; a bare number after a sign, then its expression
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,claims", [
    # the words announce the equation: its "=" holds the claim, and the words are neither read nor unread
    ("We put them together, which gives us 5 + 4 = 9.", [("5 + 4 = 9", 9, True)]),
    ("5 + 1 = 6 and 3 + 1 = 4. Adding these together, we get 6 + 4 = 11.",
     [("5 + 1 = 6", 6, True), ("3 + 1 = 4", 4, True), ("6 + 4 = 11", 11, False)]),
    # a left side written out is a claim of its own: "A, which is B = C" says A = B and B = C
    ("So 7*3 - 1, which is 21 - 1 = 20.", [("7*3 - 1, which is 21 - 1", 20, True), ("21 - 1 = 20", 20, True)]),
])
def test_a_sign_in_words_before_an_equation(text, claims):
    assert _read(text) == claims
    rec = check(text)
    assert rec.unchecked == [] and not rec.not_checked


@pytest.mark.parametrize("text,claims", [
    ("We add 2 to both sides, resulting in 9 = 4 + 2.", [("9 = 4 + 2", 9, False)]),
    ("So we get 12 = 3 * 4.", [("12 = 3 * 4", 12, True)]),
    ("Then 5*4 = 20 = 2*2*5 = 4*6.", [("5*4 = 20", 20, True), ("20 = 2*2*5", 20, True),
                                      ("2*2*5 = 4*6", 24, False)]),
    ("Then 5*4 = 21 = 3*7.", [("5*4 = 21", 21, False), ("21 = 3*7", 21, True)]),
])
def test_a_bare_number_after_a_sign_reads_backwards(text, claims):
    assert _read(text) == claims


# ---------------------------------------------------------------------------------------------------------
# More ways to say "is": signs, stresses, colons and connectors around a sign in words
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,claimed,ok", [
    ("To get it, multiply 7 by 3, which gives you 21.", 21, True),
    ("Now multiply 5 with 4, which gives us 20.", 20, True),      # "multiply a with b"
    ("First multiply 6 and 3 to get 17.", 17, False),             # "multiply a and b"
    ("So 12/4 is just 3.", 3, True),                              # a word that only stresses the sign
    ("So 3 * 5 is indeed 16.", 16, False),
    ("Wait, 7 * 8 is actually 54.", 54, False),
    ("Dividing 9 by 3 gives us: 3.", 3, True),                    # a colon after the sign
    ("Multiply 6 by 2 and we get 12.", 12, True),                 # a connector before the sign
    ("We take 6 by 2, and so we get 13.", 13, False),
    ("So 15/5 simplifies to 3.", 3, True),
    ("The fraction 12/8, which can be simplified to 3/2.", Fraction(3, 2), True),
    ("And 18/4 reduces to 4.", 4, False),
    ("We multiply 6 by 2 and find that it's 12.", 12, True),
    ("Then 9 - 4, and we find that it is 6.", 6, False),
    ("First we need the sum of 6 and 2. This is equivalent to 6 * 2.", 12, False),  # a pointer points back
])
def test_more_ways_to_say_is(text, claimed, ok):
    claims = _read(text)
    assert [c[1:] for c in claims] == [(claimed, ok)], claims


def test_multiply_a_and_b_by_c_is_not_a_times_b():
    assert not any(span.startswith("Multiply 3 and 4") for span, _, _ in _read("Multiply 3 and 4 by 2 to get 12."))


@pytest.mark.parametrize("text", [
    "He is 34 now, so that's 34 minus 23, which equals 11.",   # a pointer after a connector points at more
    "Multiplying by 7 gives 7 * 1/4 < x < 7 * 1/3, which simplifies to 7/4 < x < 7/3.",  # inequalities
])
def test_what_a_sign_in_words_does_not_claim_is_neither_read_wrong_nor_unchecked(text):
    rec = check(text)
    assert all(c.correct for c in rec.claims) and rec.unchecked == [] and not rec.not_checked


def test_the_sign_of_a_pointer_is_its_verb():
    text = "So 6 times 3, which is 18."
    (c,) = extract_claims(text)
    assert text[c.sign_at:].startswith("is 18")


# ---------------------------------------------------------------------------------------------------------
# Where a side ends: a remainder, a noun phrase, an opened bracket
# ---------------------------------------------------------------------------------------------------------
def test_a_remainder_makes_a_division_not_arithmetic_but_leaves_a_sum_a_claim():
    assert _read("So 999/99 = 10 with a remainder of 9.") == []
    assert _read("Dividing 17 by 5 is 3 remainder 2.") == []
    assert _read("Then (2-5+3) - 2 - 5 + 3 = 3 remainder.") == [("(2-5+3) - 2 - 5 + 3 = 3", 3, False)]


def test_the_opens_a_noun_phrase_not_a_unit():
    assert _read("That leaves 40+1140+12The answer is 140.") == []  # never "40+1140+12 = 140"
    assert _read("So 5 apples + 3 apples is 8 apples.") == [("5 apples + 3 apples is 8", 8, True)]


def test_a_side_inside_a_bracket_an_operator_opens_is_cut_short():
    rec = check("So (3*4)/(2*3 = 3*(2*16)), and 2 + 2 = 4.")
    assert [rec.claims[k].expression for k in range(len(rec.claims))] == ["2 + 2"]
    assert rec.not_checked  # the statement it could not read is shown, not guessed
    assert _read("We pay (3 + 4 = 7) dollars.") == [("3 + 4 = 7", 7, True)]  # a bracket around a claim


# ---------------------------------------------------------------------------------------------------------
# An operation described in words over two operands, its result announced later in the sentence
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,claimed,ok", [
    ("We add the values of 12 and 15, which gives us 28.", 28, False),
    ("Add together 4 and 5 to get 9.", 9, True),
    ("Add up 4 and 5 to get 9.", 9, True),
    ("Add both 3 and 4 to get 7.", 7, True),
    ("Multiply the numbers 4 and 5 to get 20.", 20, True),
    ("Multiply the two numbers 4 and 5 to get 21.", 21, False),
    ("Subtracting 2 from 8 leaves us with 6.", 6, True),
    ("Subtracting 2 from 8, we are left with 5.", 5, False),
    ("We add 8 to 2 and get 10.", 10, True),
    ("When we add 8 and 2, the result is 10.", 10, True),
    ("When we multiply 3 by 4, the product is 13.", 13, False),
    # sixth round: broad English phrasings of one operation and its result, each group one rule
    # a result verb after a modal is a sign
    ("Then multiply 4 by 10, which will yield 41.", 41, False),
    ("Add 2 and 3, which should give you 5.", 5, True),
    ("Adding 6 and 2 will result in 8.", 8, True),
    ("So 9 - 3 would equal 6.", 6, True),
    ("Dividing 12 by 4 could produce 4.", 4, False),
    ("Then 7 * 2 may come to 14.", 14, True),
    # an article before a verbs operands is stepped over
    ("We start by adding the 8 and 5, which gives us 11.", 11, False),
    ("Multiply the 3 by 4 to get 12.", 12, True),
    ("Subtract the 2 from 9 to get 7.", 7, True),
    # a noun that names the expression after the sign is stepped over
    ("So 5/1 is the answer to the equation 5 divided by 1.", 5, True),
    ("So 9 is the value of the expression 2*4.", 9, False),
    ("We find that 7 is the result of the operation 2 + 5.", 7, True),
    # a number its noun calls a result is read backwards
    ("So, the answer 35 is the value of 5*7.", 35, True),
    ("The result 13 is 3*4.", 13, False),
    ("The total 15 is 7 + 8.", 15, True),
    # two forms of a number in any passive verb of form
    ("Here 17 is treated as 5 + 4 + 6.", 17, False),
    ("So 12 is written as 3*4.", 12, True),
    ("Then 8 can be seen as 2*4.", 8, True),
    ("Each 10 may be regarded as 2 * 5.", 10, True),
    ("And 9 is viewed as 3 + 3.", 9, False),
    # a total of after the sign is stepped over
    ("Then, 6 + 2 gives us a total of 8.", 8, True),
    ("So 3 * 4 gives a result of 14.", 14, False),
    ("So 11 is a sum of 5 and 6.", 11, True),
    ("So 7 - 2, which is a value of 4.", 4, False),
    # a list that adds up to is a sum
    ("So 6 and 7 add up to 13.", 13, True),
    ("The numbers 2, 4 and 5 add up to 10.", 10, False),
    ("Together 8 and 1 adds up to 9.", 9, True),
    ("So 2*3 and 4 add up to 10.", 10, True),
    # equals to multiplied with and obtained by
    ("So 5 * 3 equals to 15.", 15, True),
    ("Then 6 multiplied with 2 gives 13.", 13, False),
    ("Here 20 is obtained by multiplying 4 and 5.", 20, True),
    ("So 9 can be obtained from 3 + 5.", 9, False),
    # them after two numbers joined by and are those numbers
    ("We have 4 and 6, and we add them together, resulting in 10.", 10, True),
    ("The numbers are 7 and 2. Adding them gives 8.", 8, False),
    ("Take 5 and 3 and multiply them to get 15.", 15, True),
    # an operation in the passive is read
    ("When 15 is divided by 3, we get 5.", 5, True),
    ("When 2 is multiplied by 7, the result is 15.", 15, False),
    ("When 6 is added to 5, we get 11.", 11, True),
    ("If 3 is subtracted from 10, we get 7.", 7, True),
    # a noun that names the number after the sign is stepped over
    ("So 5*4 gives the answer 20.", 20, True),
    ("Then 5*4 gives the result 21.", 21, False),
    ("We get 5 + 2, which is the number 7.", 7, True),
])
def test_an_operation_in_words_and_its_result_later(text, claimed, ok):
    assert [c[1:] for c in _read(text)] == [(claimed, ok)]


@pytest.mark.parametrize("text", ["The answer is 10.", "We compute 8 + 2. The answer is 10.",
                                  "8 + 2 = 10. The answer is 10."])
def test_the_answer_is_after_a_full_stop_claims_nothing_new(text):
    rec = check(text)
    assert all(c.sign_at < text.index("The answer") for c in rec.claims) and rec.unchecked == []


# ---------------------------------------------------------------------------------------------------------
# A colon between two operands inside an equation divides
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,claimed,ok", [
    ("Then 144 : 3 = 48.", 48, True),
    ("So (63 + 27 + 54) : 3 = 49", 49, False),
    ("The average = (20 + 40) : 3 \n= 60: 3\nSo", 20, True),   # "= 60: 3" follows the sign at once
    ("The ratio is 3:4 = 0.75", Fraction(3, 4), True),
])
def test_a_colon_inside_an_equation_divides(text, claimed, ok):
    assert [c[1:] for c in _read(text)] == [(claimed, ok)]


@pytest.mark.parametrize("text,claims", [
    ("Step 1: 3 + 4 = 7", [("3 + 4 = 7", 7, True)]),              # a label, then the claim
    ("At 10:30 we had 5 + 2 = 7", [("5 + 2 = 7", 7, True)]),
    ("Step 2: 3 = 3", []),
    ("First 2*5 = 10: 7*3 = 21.", [("2*5 = 10", 10, True), ("7*3 = 21", 21, True)]),  # a result, then the next claim
    ("We get 6 + 1 = 7: 8 - 2 = 6", [("6 + 1 = 7", 7, True), ("8 - 2 = 6", 6, True)]),
])
def test_a_colon_that_labels_does_not_divide(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text,claims", [
    ("So 8 - 3 = 5qzr -2 + 7 = 5", [("8 - 3 = 5", 5, True), ("-2 + 7 = 5", 5, True)]),
    ("Next 10 / 2 = 5ohLet -5 - 1 = -6", [("10 / 2 = 5", 5, True), ("-5 - 1 = -6", -6, True)]),
    ("It is 6 km + 4 km = 10 km", [("6 km + 4 km = 10", 10, True)]),
    ("It is 6km + 4km = 10km", [("6km + 4km = 10", 10, True)]),     # a unit glued to its number
])
def test_letters_glued_to_a_number_that_no_unit_spells_break_the_line(text, claims):
    """Sampled text's debris ("-4yhat -4 - 5") is no unit to step over: "5qzr -2" is not "5 - 2"."""
    assert _read(text) == claims


@pytest.mark.parametrize("text, claimed, ok", [
    ("First add up the prices: the sum of 3 and 5 and 7, which is 15.", 15, True),
    ("The product of 2 and 3 and 4 is 20.", 20, False),
    ("They carry the total of 4, 6 and 1 and 2, so 13 in all.", None, None),  # a list that mixes its separators
    ("You can square 7, which gives you 49.", 49, True),
    ("Cube 2 and you get 6.", 6, False),
    ("Start by adding the two numbers, 6 and 3, which gives us 10.", 10, False),
    ("Add the numbers themselves, 2 and 9, which is 11.", 11, True),
    ("Simplify by dividing the numerator (12) by the denominator (4), which gives us: 3.", 3, True),
    ("Multiply 6 by 2 and that would give you 14.", 14, False),
    ("Divide 9 by 3 and that gives 3.", 3, True),
])
def test_more_operations_in_words(text, claimed, ok):
    claims = _read(text)
    if claimed is None:
        assert all(c[2] for c in claims), claims  # never a wrong reading
    else:
        assert [(v, right) for _, v, right in claims] == [(claimed, ok)], claims


@pytest.mark.parametrize("text", ["The square 9 feet on a side is 4 rooms.", "We had 5 and 3, and that is 4 of them.",
                                  "Multiply this by 3."])
def test_what_these_operation_rules_do_not_read(text):
    assert _read(text) == []  # a noun "the square", a pointer after a list, a reference without a result


def test_this_points_at_the_result_just_before():
    text = "We add 4 to 3, which gives us 7, and then subtract 2 from this, which gives us 4."
    assert _read(text)[-1] == ("subtract 2 from this, which gives us 4", 4, False)  # 7 - 2 is 5


@pytest.mark.parametrize("text, claims", [
    ("First multiply 6 by itself, which gives 36.", [("multiply 6 by itself, which gives 36", 36, True)]),
    ("The multiplication of 2+1 by itself is 6.", [("The multiplication of 2+1 by itself is 6", 6, False)]),
    ("So 4*5 is calculated by taking the product of 4 and 5.",
     [("4*5 is calculated by taking the product of 4 and 5", 20, True)]),
    ("Here 12 can be calculated as 36/4.", [("12 can be calculated as 36/4", 12, False)]),
    ("We get 3*2, which would result from dividing 12 by 2.",
     [("3*2, which would result from dividing 12 by 2", 6, True)]),
    ("That is 9 + 5, which is the correct sum of 7 and 7.", [("9 + 5, which is the correct sum of 7 and 7", 14, True)]),
    ("The summation of 4 and 2*3 is 11.", [("The summation of 4 and 2*3 is 11", 11, False)]),
    ("the result of 2+5, denoted by 8, is used next", [("2+5, denoted by 8", 8, False)]),
    ("The product of 3 and 4, denoted as 12, comes next.", [("The product of 3 and 4, denoted as 12", 12, True)]),
    ("Subtract 9 from 8+9, which gives us 8+1 ≡ 9 here.",  # the congruence ends the side
     [("Subtract 9 from 8+9, which gives us 8+1", 9, False)]),
])
def test_signs_in_words_that_compute_or_name(text, claims):
    assert [(span, v, ok) for span, v, ok in _read(text)][-len(claims):] == claims


@pytest.mark.parametrize("text", ["The sum, denoted by S, is what we want.", "So 3 + 4 ≡ 7 (mod 5).",
                                  "Multiplying by itself is squaring."])
def test_names_and_congruences_are_not_claims(text):
    assert _read(text) == []


def test_a_bare_number_before_a_sign_that_leads_into_an_equation_is_not_its_left_side():
    text = "Take 7 from both 4 and 7, which results in 4+4-7 = 11 as the answer."
    assert _read(text) == [("4+4-7 = 11", 11, False)]  # never "7 = 4+4-7"
    assert check(text).unchecked == []
    same = "So 8 divided by 4 is 2, which is the same as 8 - 4 = 2."  # a sign that says the two are one: a claim
    assert ("2, which is the same as 8 - 4", 2, False) in _read(same)


def test_rewrite_it_as_is_shown_not_checked_and_the_later_wrong_claim_is_not_the_first_error():
    text = "The expression is 5 + 3*2. We can rewrite it as 5 + 3 + 2, which is the sum of 5 and 3*2."
    rec, marks = _marked(text)
    assert marks[0] == ("it as 5 + 3 + 2", "unchecked")  # which expression "it" is, the text does not say
    assert [m for _, m in marks] == ["unchecked", "wrong"] and rec.not_checked  # never "first error"
    assert text[rec.claims[rec.first_error].start:rec.claims[rec.first_error].end] == \
        "5 + 3 + 2, which is the sum of 5 and 3*2"
    assert _read("So 12 - 5 = 7. Rewrite 7 as 3 + 4.")[-1] == ("7 as 3 + 4", 7, True)  # a number, not "it"


@pytest.mark.parametrize("text, claims", [
    ("So 2 + 5 = 7. Wait, is that right? 7 = 8. No.", [("2 + 5 = 7", 7, True), ("7 = 8", 8, False)]),
    ("3 + 4 = 7\n7 = 7\n", [("3 + 4 = 7", 7, True), ("7 = 7", 7, True)]),
    ("Step 1: 5 = 5.", []),                       # a heading before it: a label, not a sentence of its own
    ("So 4 = 6 apples.", []),                     # words around it
    ("Total is 5, so 5 = 5.", []),
])
def test_two_numbers_and_an_equals_sign_as_a_sentence_of_their_own_are_a_claim(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text, last", [
    ("Multiply 3 by 4 to get 12. The sum of the two numbers is 7.", ("The sum of the two numbers is 7", 7, True)),
    ("Add 6 and 2, which gives 8. The quotient of them is 4.", ("The quotient of them is 4", 4, False)),
    ("We add together 9 and 4, which gives 13. The difference between the two numbers is 5.",
     ("The difference between the two numbers is 5", 5, True)),
])
def test_the_two_numbers_are_the_operands_of_the_operation_just_before(text, last):
    assert _read(text)[-1] == last


@pytest.mark.parametrize("text", ["Multiply 3 by 4 to get 12. Then 5 more. The sum of the two numbers is 7.",
                                  "The sum of these numbers is 7."])
def test_the_two_numbers_with_other_numbers_between_or_nothing_before_are_not_checked(text):
    rec = check(text)
    assert [text[s:e] for s, e in rec.unchecked] == ["The sum of " + text.split("The sum of ")[1].rstrip(".")]
    assert all(c.correct for c in rec.claims)  # never a guess at which two


# ---------------------------------------------------------------------------------------------------------
# Operations in words: an operand with itself, and a verb over a list of operands
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, claimed, ok", [
    ("Next we add 7 to itself, which is 15.", 15, False),
    ("Subtracting 9 from itself leaves us with 0.", 0, True),
    ("Dividing 13 by itself gives 1.", 1, True),
    ("We multiply 6 by itself and get 36.", 36, True),
    ("Multiplying 2 by itself 3 times gives us 8.", 8, True),    # 2^3 ...
    ("Multiplying 2 by itself 3 times gives us 16.", 8, True),   # ... or 2^4: the words allow both (shown as 2^3)
    ("Multiplying 2 by itself 3 times gives us 6.", 6, False),
])
def test_an_operand_combined_with_itself(text, claimed, ok):
    assert [c[1:] for c in _read(text)] == [(claimed, ok)]


@pytest.mark.parametrize("text", ["Add 4 to itself 2 times to get 12.", "Divide 0 by itself, which is 1."])
def test_an_operand_with_itself_that_the_words_leave_open_is_not_read(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, claimed, ok", [
    ("Adding 2, 6 and 9 together, we get 17.", 17, True),
    ("First add 11 and 5 together, which gives 15.", 15, False),
    ("Then multiply 2, 5 and 3 to get 30.", 30, True),
    ("Add up 1, 2 and 3, which is 6.", 6, True),
])
def test_a_verb_over_a_list_of_operands(text, claimed, ok):
    assert [c[1:] for c in _read(text)] == [(claimed, ok)]


@pytest.mark.parametrize("text", ["Multiply 5 and 6 by 3 to get 33.", "Divide 8, 10 by 2 to get 9."])
def test_a_list_before_by_is_not_a_product_of_its_last_operand(text):
    assert _read(text) == []  # each is multiplied (5*3 and 6*3): never "6 by 3 = 33"


# ---------------------------------------------------------------------------------------------------------
# False alarms: a running sum, a list before "which", a name of what is not a value
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, claims", [
    ("Adding up: 12 + 5 = 17 + 3 = 20", [("12 + 5 = 17 + 3", 17, True), ("17 + 3 = 20", 20, True)]),
    ("Then 30 - 6 = 24 - 4 (the fee) = 20.", [("30 - 6 = 24 - 4", 24, True), ("24 - 4 (the fee) = 20", 20, True)]),
    ("Then 30 - 6 = 23 - 4 = 19.", [("30 - 6 = 23 - 4", 19, False), ("23 - 4 = 19", 19, True)]),
    ("So 10/2 = 5*2", [("10/2 = 5*2", 10, False)]),           # a product on the right: still two equal sides
    ("So 4 + 4 = 8 + 1 + 1", [("4 + 4 = 8 + 1 + 1", 10, False)]),
])
def test_a_right_side_that_goes_on_from_the_left_sides_value_is_a_running_sum(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text", ["We now hold 5*4 and 2*7, which equals 34.", "Keep 9, 2+3 and 4*4, which is 16."])
def test_the_last_of_a_list_before_which_is_not_read(text):
    rec = check(text)
    assert rec.claims == [] and len(rec.unchecked) == 1  # which of them "which" is, the text does not say


@pytest.mark.parametrize("text", ["We take the denominator of the fraction 12/3 * 2, which equals 3.",
                                  "The remainder of the number 17/5 is 2."])
def test_what_names_a_part_of_a_side_is_not_its_value_across_a_noun(text):
    assert _read(text) == []


def test_the_result_of_a_named_expression_is_its_value():
    assert _read("The result of the expression 7*3 is 22.") == [("7*3 is 22", 22, False)]


# ---------------------------------------------------------------------------------------------------------
# References: a restatement of the result just before, and one operation on it
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, last", [
    ("First 3 * 5 = 15. This is the same as 10 + 5.", ("15. This is the same as 10 + 5", 15, True)),
    ("First 3 * 5 = 15. It is equivalent to 3 + 5.", ("15. It is equivalent to 3 + 5", 15, False)),
    ("We add 6 and 6 to get 12.\n\nThis is the same as multiplying 6 by 3.",
     ("12.\n\nThis is the same as multiplying 6 by 3", 12, False)),
    ("First 3 * 5 = 16. This is the same as 2 * 2.", ("16. This is the same as 2 * 2", 16, False)),  # wrong both ways
])
def test_this_is_the_same_as_restates_the_result_just_before(text, last):
    assert _read(text)[-1] == last


@pytest.mark.parametrize("text", ["First 3 * 5 = 16. This is the same as 10 + 6.",   # its result ...
                                  "First 3 * 5 = 16. This is the same as 10 + 5."])  # ... or its expression
def test_a_restatement_of_a_wrong_result_is_not_checked_where_its_two_readings_disagree(text):
    rec = check(text)
    assert len(rec.claims) == 1 and len(rec.unchecked) == 1


@pytest.mark.parametrize("text", ["So 4 * 2 = 8. That leaves 8 + 3.", "So 4 * 2 = 8. This is 8."])
def test_what_is_left_or_a_bare_number_is_no_restatement(text):
    rec = check(text)
    assert len(rec.claims) == 1 and rec.unchecked == []


def test_a_restatement_of_a_number_no_claim_gave_is_not_read():
    assert _read("We had 12.\n\nThis is the same as 3 * 4.") == []  # 12 is no result here


@pytest.mark.parametrize("text, last", [
    ("So 6 + 1 = 7. Double it to get 14.", ("Double it to get 14", 14, True)),
    ("So 6 + 1 = 7. Squaring this result gives 48.", ("Squaring this result gives 48", 48, False)),
    ("So 6 + 2 = 8, and halving that number gives 4.", ("halving that number gives 4", 4, True)),
    ("Now 2 * 9 = 18, and multiplying this by 2 gives 36.", ("multiplying this by 2 gives 36", 36, True)),
])
def test_one_operation_on_the_result_just_before(text, last):
    assert _read(text)[-1] == last


# ---------------------------------------------------------------------------------------------------------
# More words that announce a result
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, claimed, ok", [
    ("Taking 9 and 2 and adding them to obtain 11 is easy: add 9 and 2 to obtain 11.", 11, True),
    ("Dividing 42 by 6 yields 7.", 7, True),
    ("The product of 4 and 4 produces 15.", 15, False),
    ("So the sum of 10 and 20 comes out to 30.", 30, True),
    ("The difference between 9 and 5 amounts to 3.", 3, False),
    ("We subtract 3 from 12, yielding 9.", 9, True),
    ("Adding 5 and 8, we obtain 13.", 13, True),
    ("So 9 - 2 = 7, and multiplying by 3 provides 21.", 21, True),
    ("Dividing 30 by 6, providing 6.", 6, False),
])
def test_more_words_that_announce_a_result(text, claimed, ok):
    assert [c[1:] for c in _read(text)][-1] == (claimed, ok)


@pytest.mark.parametrize("text", ["The orchard produces 40 apples a week.", "Each share yields 5% a year.",
                                  "The shop provides 12 boxes."])
def test_result_words_without_an_operation_claim_nothing(text):
    rec = check(text)
    assert rec.claims == [] and rec.unchecked == []


# ---------------------------------------------------------------------------------------------------------
# A list of equations, a verb that names its operand's own operation, debris between two numbers
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, claims", [
    ("Say 9/3 = 3, 4/2 = 2, 15 = 5.", [("9/3 = 3", 3, True), ("4/2 = 2", 2, True), ("15 = 5", 5, False)]),
    ("Then 7 - 2 = 5, 5 = 5, so", [("7 - 2 = 5", 5, True), ("5 = 5", 5, True)]),
    ("Rows: row 1 = 4, 2 = 6.", []),      # the first is a label, so the second is one too
    ("So 3 * 3 = 9, 9 = 9 chairs.", [("3 * 3 = 9", 9, True)]),  # words after it: no bare equality
])
def test_a_bare_equality_next_in_a_list_of_claims(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text, claimed, ok", [
    ("That is 20, which is the same as multiplying 4*5.", 20, True),
    ("We get 11, which is the same as adding 2+3+5.", 11, False),
    ("Subtracting 10-4 leaves 6.", 6, True),
    ("Adding 6+1 and 2 gives 9.", 9, True),   # two operands: the sum of 6+1 and 2
])
def test_a_verb_that_names_the_operation_of_its_one_operand(text, claimed, ok):
    assert [c[1:] for c in _read(text)] == [(claimed, ok)]


def test_a_verb_whose_operand_holds_another_operation_is_not_that_operand():
    assert _read("So 14 is the same as multiplying 2+5.") == []  # "multiplying 2+5" by what?


@pytest.mark.parametrize("text, claims", [
    ("Now 12/4ab3 + 5 = 8. Next", [("3 + 5 = 8", 8, True)]),
    ("then 7q16 - 9 = 7.", [("16 - 9 = 7", 7, True)]),
    ("So 2e3 + 1 = 2001", []),          # "e" between digits may be an exponent: not read
    ("Then 2x3 = 6", [("2x3 = 6", 6, True)]),
])
def test_letters_glued_between_two_numbers_break_the_text(text, claims):
    assert _read(text) == claims


# ---------------------------------------------------------------------------------------------------------
# The result of an operation in words, said in the next sentence or after a comma
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, claimed, ok", [
    ("First we need to divide 45 by 5. The result is 9.", 9, True),
    ("Then we add 17 and 8. The result will be 26.", 26, False),
    ("Multiply 7 by 6 and the result is 42.", 42, True),
    ("Adding the two numbers together, 4 and 9, gives 13.", 13, True),
    ("Multiplying 3 and 5, gives 14.", 14, False),
])
def test_the_result_of_an_operation_in_words_said_later(text, claimed, ok):
    assert [c[1:] for c in _read(text)] == [(claimed, ok)]


@pytest.mark.parametrize("text", ["So 9 * 2 = 18. The result is 18.", "The result is 18.",
                                  "We have 40 pencils. The result is 40 happy pupils."])
def test_the_result_is_after_a_bare_number_claims_nothing_new(text):
    rec = check(text)
    assert len(rec.claims) == text.count("=") and rec.unchecked == []


@pytest.mark.parametrize("text, last", [
    ("Then 6 * 7 = 42.\n\nThis result is the product of 6 and 7.", ("42.\n\nThis result is the product of 6 and 7", 42,
                                                                   True)),
    ("Then 6 * 7 = 42. That value is equal to 5 * 8.", ("42. That value is equal to 5 * 8", 42, False)),
])
def test_this_result_is_restates_the_result_just_before(text, last):
    assert _read(text)[-1] == last
    claim = extract_claims(text)[-1]
    assert text[claim.sign_at:].startswith("is")  # the verb is the sign, "This result" its left side


@pytest.mark.parametrize("text", ["We have 12 eggs. This number is 3 * 4.", "So 6 * 7 = 42. This result is 42."])
def test_this_result_is_without_a_result_before_or_an_operation_after_claims_nothing_new(text):
    rec = check(text)
    assert len(rec.claims) == text.count("=") and rec.unchecked == []


@pytest.mark.parametrize("text, claims", [
    ("To solve it, we calculate 9*1 as 9.", [("9*1 as 9", 9, True)]),
    ("We compute 3 + 4 as 8, so the answer is 8.", [("3 + 4 as 8", 8, False)]),
    ("We evaluate 12/4 as 3.", [("12/4 as 3", 3, True)]),
    ("Let us calculate 2*3 as follows: 2*3 = 6.", [("2*3 = 6", 6, True)]),  # "as" before a word is no sign
    ("We calculate 5 as the first term and 3*2 = 6.", [("3*2 = 6", 6, True)]),
])
def test_calculate_an_expression_as_a_number_is_a_claim(text, claims):
    assert _read(text) == claims


def test_calculate_it_as_a_number_is_shown_not_checked():
    rec = check("The expression is 4 + 5. We calculate it as 10.")
    assert rec.claims == [] and rec.unchecked  # which expression "it" is, the text does not say


@pytest.mark.parametrize("text, claims", [
    # an operation in words before an equation in symbols: the words do not say what they apply to
    ("That will be 2 units multiplied by 2 * 2 = 4 units.", [("2 units multiplied by 2 * 2 = 4", 4, True)]),
    ("So 3 multiplied by 2 * 2 = 12.", [("3 multiplied by 2 * 2 = 12", 12, True)]),
    ("Then 5 divided by 10 / 2 = 1.", [("5 divided by 10 / 2 = 1", 1, True)]),  # 5 / (10 / 2)
    ("Then 5 divided by 10 / 2 = 7.", [("5 divided by 10 / 2 = 7", 7, False)]),  # wrong in every reading
    ("So 3 multiplied by 4 = 13.", [("3 multiplied by 4 = 13", 13, False)]),  # no symbols after the words
    ("So 3 * 2 * 2 = 4.", [("3 * 2 * 2 = 4", 4, False)]),  # no words: one reading
])
def test_an_operation_in_words_before_an_equation_is_right_in_either_reading(text, claims):
    assert _read(text) == claims


# ---------------------------------------------------------------------------------------------------------
# Issue 32, fifth round: readings found on the independent set's development half (sentences written here)
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, last", [
    # the result a sign states, though what it states is no arithmetic the checker reads
    ("The last digit of the row, which is 7, and then add 2 to get 9.", ("add 2 to get 9", 9, True)),
    ("Halving both sides results in 5, and then multiplying this by 3 gives 16.",
     ("multiplying this by 3 gives 16", 16, False)),
    ("Take the middle value, which is 10, then subtract 4 from it, which gives us 6.",
     ("subtract 4 from it, which gives us 6", 6, True)),
    # a result stated after the last claim is nearer than that claim
    ("So 2 + 2 = 4. The next term is 8, and adding 1 gives 9.", ("adding 1 gives 9", 9, True)),
])
def test_an_operation_on_the_result_a_sign_states_just_before(text, last):
    assert _read(text)[-1] == last


@pytest.mark.parametrize("text", [
    "The row holds 7 and 3. Add 2 to it to get 9.",        # no sign states either number: which one?
    "The next term is 8 + 1, and adding 1 gives 10.",       # 8 goes on into an expression: no stated result
    "The next term is 8, and with 5 more, adding 1 gives 6.",  # another number between: which one?
])
def test_an_operation_on_a_number_no_sign_states_last_is_not_read_from_it(text):
    rec = check(text)
    assert rec.claims == [] and len(rec.unchecked) == 1  # shown as not checked, never guessed


@pytest.mark.parametrize("text, claims", [
    ("First multiply 4 by 5 and add 3, which gives 23.", [("multiply 4 by 5 and add 3, which gives 23", 23, True)]),
    ("So we compute 6 times 2 and subtracting 4, which results in 9.",
     [("6 times 2 and subtracting 4, which results in 9", 9, False)]),
    ("Subtract 2 from 9 and then divide by 7 to get 1.", [("Subtract 2 from 9 and then divide by 7 to get 1", 1, True)]),
    ("We start by taking 6 and multiplying it by 3, which is 18.", [("6 and multiplying it by 3, which is 18", 18, True)]),
    ("We do it by dividing 8 by 2 and adding the result of 3 times 2. This results in 9.",
     [("dividing 8 by 2 and adding the result of 3 times 2. This results in 9", 9, False)]),
])
def test_an_operation_joined_with_and_goes_on_from_the_result_before_it(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text", [
    "Then 2 + 3 and multiply by 4, which gives 20.",   # (2 + 3) * 4 or 2 + 3 * 4: the words do not say
    "Take the previous value of 7 and subtracting 2, which gives us 6.",  # 7 is the argument of a word
])
def test_an_operation_after_and_whose_start_is_unclear_is_not_read(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, claims", [
    ("We multiply 5 by 2, then add 3, which gives 13.", [("multiply 5 by 2, then add 3, which gives 13", 13, True)]),
    ("Divide 12 by 4, and then subtract 1 to get 3.", [("Divide 12 by 4, and then subtract 1 to get 3", 3, False)]),
    ("Add 1 and 2 and then multiply the result by 5, which gives 15.",
     [("Add 1 and 2 and then multiply the result by 5, which gives 15", 15, True)]),
])
def test_steps_joined_with_a_comma_and_then_go_on_from_the_result_before(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text, claims", [
    ("The product of 2 and 5 is 10 and adding 4 gives 14.",
     [("The product of 2 and 5 is 10", 10, True), ("adding 4 gives 14", 14, True)]),
    ("So 3 * 3 = 9, and adding 2 gives 11.", [("3 * 3 = 9", 9, True), ("adding 2 gives 11", 11, True)]),
])
def test_a_result_after_a_sign_is_no_operand_of_the_step_after_and(text, claims):
    assert _read(text) == claims  # never "is 10 + 4" (10 = 14, a false alarm)


def test_an_operation_after_and_with_no_result_after_it_is_left_alone():
    # the steps of a plan, each with its result: "and then add 4" goes on from the bracketed result
    assert _read("Multiply 3 by 2 (to get 6) and then add 4 (to get 10).") == [
        ("Multiply 3 by 2 (to get 6", 6, True), ("add 4 (to get 10", 10, True)]


@pytest.mark.parametrize("text, claims", [
    ("So we take the sum of 5 (the first term) and 4 (the last term), which is 9.",
     [("the sum of 5 (the first term) and 4 (the last term), which is 9", 9, True)]),
    ("The product of 3 (width) and 7 (length) is 20.", [("The product of 3 (width) and 7 (length) is 20", 20, False)]),
])
def test_a_note_in_brackets_after_an_operand_names_it(text, claims):
    assert _read(text) == claims


def test_a_bracket_with_a_number_after_an_operand_is_no_note():
    assert _read("The sum of 5 (or 6) and 4 is 9.") == []


@pytest.mark.parametrize("text, claims", [
    ("The factorial of 5 is 2 * 3 * 4 * 5.", [("The factorial of 5 is 2 * 3 * 4 * 5", 120, True)]),
    ("The factorial of 3 is 9, so", [("The factorial of 3 is 9", 9, False)]),
    ("We take the additive inverse of 6, which is -6.", [("the additive inverse of 6, which is -6", -6, True)]),
    ("The multiplicative inverse of 5 is 0.5.", [("The multiplicative inverse of 5 is 0.5", Fraction(1, 2), False)]),
])
def test_a_factorial_and_an_inverse_named_in_words(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text", ["The inverse of 4 is 6.",          # additive or multiplicative: not said
                                  "The factorial of 2.5 is 3.",       # no factorial of a fraction here
                                  "The factorial of 40 is 9."])       # too large to be what a step means
def test_an_inverse_that_does_not_say_which_or_a_factorial_with_no_value_is_not_read(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, claims", [
    ("We add 15 twice, that is 30.", [("add 15 twice, that is 30", 30, True)]),
    ("Adding 7 twice gives 15.", [("Adding 7 twice gives 15", 15, False)]),
])
def test_add_a_number_twice_is_its_double(text, claims):
    assert _read(text) == claims


def test_add_a_number_twice_to_another_is_not_its_double():
    assert all(claimed != 12 for _, claimed, _ in _read("Add 6 twice to 10, which gives 12."))


@pytest.mark.parametrize("text, claims", [
    ("We perform the multiplications of the given values of 2, 3, and 4, which yields 24.",
     [("the multiplications of the given values of 2, 3, and 4, which yields 24", 24, True)]),
    ("So the sum of the given numbers of 6 and 7 is 12.", [("the sum of the given numbers of 6 and 7 is 12", 12, False)]),
    ("Add the given values of 2 and 9, which gives 11.", [("Add the given values of 2 and 9, which gives 11", 11, True)]),
])
def test_operands_named_as_the_given_values_of(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text, claims, verb", [
    ("So 8 can only be represented as 16/4.", [("8 can only be represented as 16/4", 8, False)], "represented"),
    ("Then 3*4 can also be written as 2*6.", [("3*4 can also be written as 2*6", 12, True)], "written"),
    ("Here 10 can be expressed as 5 + 5.", [("10 can be expressed as 5 + 5", 10, True)], "expressed"),
])
def test_can_be_written_represented_or_expressed_as_is_an_equivalence(text, claims, verb):
    assert _read(text) == claims
    assert text[extract_claims(text)[0].sign_at:].startswith(verb)  # the sign's verb, after "can (only) be"


@pytest.mark.parametrize("text, claims", [
    ('The expression "8 - 2*3" can be written as 8 - 5.', [('8 - 2*3" can be written as 8 - 5', 3, False)]),
    ("Evaluate `4 + 4` first, which gives 8.", [("4 + 4` first, which gives 8", 8, True)]),
])
def test_quotes_around_an_expression_are_layout(text, claims):
    assert _read(text) == claims


def test_quotes_around_words_or_an_equation_stay_punctuation():
    assert _read('He wrote "7 + 1 = 9" on the board.') == [("7 + 1 = 9", 9, False)]
    assert _read('The word "sum" is 3 letters.') == []


@pytest.mark.parametrize("text, claims, verb", [
    ("We get 7 * 3, which further simplifies to 21.", [("7 * 3, which further simplifies to 21", 21, True)],
     "simplifies"),
    ("So 10 - 4, which then gives 5.", [("10 - 4, which then gives 5", 5, False)], "gives"),
    ("Now 2 + 5 + 6 adds up to 13.", [("2 + 5 + 6 adds up to 13", 13, True)], "adds"),
    ("The sum of 8 and 9 adds up to 18.", [("The sum of 8 and 9 adds up to 18", 18, False)], "adds"),
])
def test_an_adverb_after_which_and_adds_up_to_announce_a_result(text, claims, verb):
    assert _read(text) == claims
    assert text[extract_claims(text)[0].sign_at:].startswith(verb)


def test_numbers_that_add_up_to_a_number_claim_nothing_but_a_list_that_adds_up_is_a_sum():
    rec = check("Find two numbers that add up to 50: 3 and 48 add up to 51.")
    # "two numbers that add up to 50" claims nothing; "50: 3" after a sign in words is no division; the list is a sum
    assert [(c.claimed, c.correct) for c in rec.claims] == [(51, True)] and rec.unchecked == []


@pytest.mark.parametrize("text, last", [
    ("The middle term is 6. Then, we subtract 2 to get 4.", ("subtract 2 to get 4", 4, True)),
    ("These steps add up to 15, and dividing by 3 gives 6.", ("dividing by 3 gives 6", 6, False)),
])
def test_one_operand_and_a_result_go_on_from_a_result_stated_in_the_sentence_before(text, last):
    assert _read(text)[-1] == last


@pytest.mark.parametrize("text", ["The middle term is 6. We like it. Then, we subtract 2 to get 4.",  # two back
                                  "The middle term is 6.\nSubtracting 2 gives 4."])  # another line
def test_one_operand_and_a_result_far_from_a_stated_result_is_not_read(text):
    rec = check(text)
    assert rec.claims == [] and rec.unchecked


@pytest.mark.parametrize("text, last", [
    ("We add 7 to 5, which gives 13. Thus 13 is the result of that addition.",
     ("13 is the result of that addition", 13, False)),
    ("Then divide 18 by 3 to get 6, and 6 is the result of this division.", ("6 is the result of this division", 6, True)),
])
def test_the_result_of_that_operation_is_the_operation_just_before(text, last):
    assert _read(text)[-1] == last


@pytest.mark.parametrize("text", [
    "We multiply 4 by 5, which gives 20, and 3 times 2 is 6. So 20 is the result of that multiplication.",  # which?
    "We multiply 4 by 5, which gives 20. So 20 is the result of that subtraction.",  # no subtraction before
])
def test_the_result_of_that_operation_with_no_single_such_operation_before_is_not_checked(text):
    rec = check(text)
    assert all("result of" not in text[c.start:c.end] for c in rec.claims) and rec.unchecked


@pytest.mark.parametrize("text, claims", [
    ("So the answer is 12, which represents the sum of 5 and 6.", [("12, which represents the sum of 5 and 6", 12, False)]),
    ("We get 3 * 5, which represents 15.", [("3 * 5, which represents 15", 15, True)]),
    ("Take the numerator 2, which represents a part of 2, 3 and 4.", []),  # no value on its right
])
def test_which_represents_announces_a_result(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text, last", [
    ("We add 2 and 6, which gives 8. Adding 3 to this gives 11.", ("Adding 3 to this gives 11", 11, True)),
    ("So 9 - 4 = 5, and subtracting 1 from that gives 3.", ("subtracting 1 from that gives 3", 3, False)),
])
def test_add_to_this_before_a_sign_that_starts_with_this(text, last):
    assert _read(text)[-1] == last


@pytest.mark.parametrize("text, last", [
    ("We add 2 and 6, which gives 8. The total multiplied by 3 gives 24.",
     ("The total multiplied by 3 gives 24", 24, True)),
    ("So 5 + 5 = 10, and that divided by 2 is 4.", ("that divided by 2 is 4", 4, False)),
    ("So 5 + 5 = 10, and this result multiplied by 2 equals 20.", ("this result multiplied by 2 equals 20", 20, True)),
])
def test_an_earlier_result_before_multiplied_by_or_divided_by(text, last):
    assert _read(text)[-1] == last


def test_an_earlier_result_divided_by_zero_is_shown_not_checked():
    rec = check("So 5 + 5 = 10, and it divided by 0 is 1.")
    assert len(rec.claims) == 1 and rec.unchecked


@pytest.mark.parametrize("text, claims", [
    ("Add 8 and 9. The sum is 17.", [("Add 8 and 9. The sum is 17", 17, True)]),
    ("We multiply 6 by 3. The product is 16.", [("multiply 6 by 3. The product is 16", 16, False)]),
    ("Then 20 / 4. The quotient will be 5.", [("20 / 4. The quotient will be 5", 5, True)]),
])
def test_the_sum_is_after_the_sentence_that_adds(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text", ["We multiply 6 by 3. The sum is 9.",       # no sum before
                                  "Add 2, 3 and 4. The sum is 9."])          # not one operation of two operands
def test_the_sum_is_after_another_operation_is_not_checked(text):
    rec = check(text)
    assert rec.claims == [] and rec.unchecked


def test_the_sum_is_after_no_operation_claims_nothing():
    rec = check("We have 12 apples. The sum is 12.")
    assert rec.claims == [] and rec.unchecked == []


@pytest.mark.parametrize("text, ok", [
    ("The product of 2 and 3 plus 4 is 10.", True),    # (2 * 3) + 4: the operation may end at 3
    ("The product of 2 and 3 plus 4 is 14.", True),    # 2 * (3 + 4)
    ("The product of 2 and 3 + 4 is 12.", False),      # wrong in both readings
    ("The sum of 2 and 3 times 4 is 20.", True),       # (2 + 3) * 4
    ("The sum of 2 and 3*4 is 20.", False),            # in symbols 3*4 binds: 2 + 12 only
])
def test_an_operation_in_words_whose_last_operand_goes_on_is_right_in_either_grouping(text, ok):
    assert [c[2] for c in _read(text)] == [ok]


@pytest.mark.parametrize("text, ok", [
    ("Multiply 2 by 3 plus 4, which gives 10.", True),  # (2 * 3) + 4
    ("Multiply 2 by 3 plus 4, which gives 14.", True),  # 2 * (3 + 4)
    ("Multiply 2 by 3 plus 4, which gives 11.", False),
    ("Add 2 and 3 times 4 to get 20.", True),           # (2 + 3) * 4
    ("Multiply 2 by 3*4 to get 10.", False),            # 3*4 binds
])
def test_a_verb_whose_last_operand_goes_on_is_right_in_either_grouping(text, ok):
    assert [c[2] for c in _read(text)] == [ok]


# ---------------------------------------------------------------------------------------------------------
# Where a statement has two readings that disagree, it stays unchecked (issue 32, sixth round)
# ---------------------------------------------------------------------------------------------------------
def test_a_number_glued_to_a_ratio_is_not_read_as_itself():
    text = "The share of 8/2, which is 4/5, or 8:2:5."  # "or 8" would claim 4/5 = 8
    assert all(claimed != 8 for _, claimed, _ in _read(text))
    assert _read("We add 6 + 3, or 9:00 in all.") == []


@pytest.mark.parametrize("text", ["She packs 3 boxes of 2 + 4 pens = 18 pens.",
                                  "So 4 crates of 5 * 2 apples = 10 apples."])
def test_a_count_of_things_before_the_side_leaves_it_unread(text):
    """"3 boxes of 2 + 4 pens": the count may multiply the sum or not; the claim says either 6 or 18."""
    assert _read(text) == []


def test_a_share_of_a_sum_is_still_read():
    assert [c[1:] for c in _read("The profit of $30 - $10 = $20 a day.")] == [(20, True)]
    assert [c[1:] for c in _read("Take 25% of 40 = 10.")] == [(10, True)]


@pytest.mark.parametrize("text,claims", [
    # "this" may be the sentence before (the reciprocal of 8) or the equation after: wrong in one reading, unread
    ("We need the reciprocal of 4*2. This is 4*2 = 8.", [("4*2 = 8", 8, True)]),
    # right in the sentence-before reading too: read
    ("We need the sum of 4 and 5. This is 4+5 = 9.",
     [("the sum of 4 and 5. This is 4+5", 9, True), ("4+5 = 9", 9, True)]),
])
def test_a_pointer_after_a_full_stop_that_opens_an_equation_is_read_only_where_right(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text,claims", [
    ("9 - 7 = 2. This is the result of subtracting 7 from 9.",
     [("9 - 7 = 2", 2, True), ("2. This is the result of subtracting 7 from 9", 2, True)]),
    ("5 + 5 = 10. This is the sum of 2 + 4*2.", [("5 + 5 = 10", 10, True), ("10. This is the sum of 2 + 4*2", 10, True)]),
    ("5 + 5 = 10. It is the product of 2 and 6.",
     [("5 + 5 = 10", 10, True), ("10. It is the product of 2 and 6", 10, False)]),
    # wrong before: "this" may be its result (11, right) or its expression (10, wrong): unread
    ("5 + 5 = 11. This is the sum of 5 and 6.", [("5 + 5 = 11", 11, False)]),
])
def test_this_is_the_result_of_restates_the_claim_before(text, claims):
    assert _read(text) == claims


@pytest.mark.parametrize("text", [
    "Step 2 is 3*4.", "Box 7 is 3 + 5.",                 # a label before a number is no result
    "So 12 is a multiple of 3.",                          # "a multiple of" is not its value
    "Here 6 adds up to 8.",                               # one number adds up to nothing
    "We multiply 3*8, so the answer is 8.",               # the answer at the end may be another number than
    "We get 2*2 + 2, and the answer is 2.",               # the operation before it
    "We have 4 and 6 and 1. Adding them gives 11.",       # "them": three numbers, which two?
    "He has 4 apples and 6 pears, 10 in all. Adding them gives 10.",  # another number between
    "Take 4 and 6.\nAdding them gives 10.",               # a line break between
    "The remainder when 7 is divided by 4 is 3.",         # a remainder, not a quotient
    "The remainder when 7 / 4 = 3.",
])
def test_near_misses_of_those_phrasings_claim_nothing(text):
    assert extract_claims(text) == []
