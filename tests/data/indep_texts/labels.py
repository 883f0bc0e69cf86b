"""Hand labels for this set: every arithmetic claim of every text, in words or in symbols, in order.

Written by reading each text, apart from the step checker's rules (its code was not read, nor run on
these texts, while labelling). The format is ../small_texts/labels.py's, whose build turns it into
records: each entry of a text's claims is one claim, by its sign, written with the sign marked by « »:

    (span, lhs, rhs, tags)        checkable: the claim as written, its two sides in Python syntax
                                  (evaluated exactly; lcm(a, b) and gcd(a, b) allowed) and its tags
    (span, None, None, kind)      claim-shaped but not checkable (kinds below)

E("7 + 6 = 13") is a claim in symbols written as it stands: the span is the string, the sign its first
"=", the two sides the text on either side (thousands commas dropped, × and ÷ as * and /).

What is labelled: every "=", "≈" and "\\approx", and every statement in words that joins two sides with
a result word or phrase ("is", "which is", "gives", "to get", "equals", ", or", ...) where both sides
hold a number (digits or number words) and at least one side holds an operation (symbols, words, or a
named quantity such as "the sum of 3 and 4"). A result in the next sentence is one claim. Not claims:
a restatement of what is left to compute ("That leaves 4*9+17", "Now the expression is 3+7"), a final
answer on its own ("The answer is 13", "\\boxed{13}"), a problem restated ("compute 7+6").

Tags, as in ../small_texts: symbols (only "=" and operator symbols) or words (a word sign or an
operation in words: the claims in words), and numwords, next, equiv, named, refer, units, percent,
fraction, approx.

Kinds of not checkable: function (remainder, modulo, numerator, denominator), definition (a side is a
description), reference (a side points at something with no value in the text), algebra (a variable),
other (a sign that is no claim: a stray "=" between words), unclear (claim-shaped, but where a side starts or what it holds cannot be told from the text: an
operand glued to a stray token or to the expression before it, "2/2+12 / 2 = 6"; a side cut off).

A claim is judged as arithmetic as written, whatever the problem asked: "6 - 90 = -84" is right even
where 6 - 90 was the wrong step to take.
"""

LABELS: dict = {}
L = LABELS


def T(answer, claims, note=None):
    d = dict(answer=answer, claims=claims)
    if note:
        d["note"] = note
    return d


def E(span, tags="symbols", lhs=None, rhs=None):
    """A claim "left = right" written as it stands in the text (its first "=" is the sign)."""
    left, right = span.split("=", 1)

    def side(s):
        return s.strip().replace(",", "").replace("×", "*").replace("÷", "/")
    return (f"{left}«=»{right}", lhs or side(left), rhs or side(right), tags)


def S(*spans):
    """Several plain claims in symbols, in order."""
    return [E(s) for s in spans]


def U(marked, kind="unclear"):
    """A claim-shaped statement that cannot be evaluated (kind says why)."""
    return (marked, None, None, kind)


# ------------------------------------------------------------------------------------------------
# The tiny model (assets/tiny-base), sampled on classroom test problems
# ------------------------------------------------------------------------------------------------
L["tiny-base-t0.7-100"] = T("0", S("16 / 4 = 4", "4 / 2 = 2", "18 / 9 = 2", "2 - 2 = 0"))
L["tiny-base-t0.7-101"] = T("198", S("8 / 2 = 4", "15 - 4 = 11", "18 * 11 = 198"))
L["tiny-base-t0.7-102"] = T("-76", S("16 - 19 = -3", "-3 * 16 = -48", "-48 - 15 = -63", "-63 - 13 = -76"))
L["tiny-base-t0.7-103"] = T("14", S("1 - 6 = -5", "-5 + 14 = 9", "9 + 5 = 14"))
L["tiny-base-t0.7-104"] = T("-81", S("10 / 2 = 5", "5 * 9 = 45", "45 * 2 = 90", "6 - 90 = -84", "-84 - 5 = -89",
                                    "-89 + 8 = -81"))
L["tiny-base-t1.0-105"] = T("-12", S("5 * 13 = 65", "65 / 13 = 5", "3 - 20 = -17", "-17 + 5 = -12"))
L["tiny-base-t1.0-106"] = T("207", S("17 * 13 = 221", "221 + 6 = 227", "227 - 20 = 207"))
L["tiny-base-t1.0-107"] = T("-10", S("12 / 2 = 6", "6 * 13 = 78", "78 / 13 = 6", "6 - 16 = -10"))
L["tiny-base-t1.0-108"] = T("-41", S("5 * 17 = 85", "20 / 4 = 5", "5 / 5 = 1", "20 + 15 = 35", "35 - 85 = -40",
                                    "-40 - 1 = -41"))
L["tiny-base-t1.0-109"] = T("152", S("13 * 13 = 169", "169 / 13 = 13", "13 * 12 = 156", "156 - 4 = 152"))

# the tiny model's long-CoT fine-tune on 250 traces (assets/valley/classroom/adapters/long-n250)
L["tiny-n250-t0.7-110"] = T("-10", S("2 * 11 = 22", "22 / 11 = 2", "2 * 11 = 22", "22 - 16 = 6", "6 - 16 = -10"))
L["tiny-n250-t0.7-111"] = T("155", S("11 * 12 = 152", "11 * 5 = 555", "55 * 5 = 225", "555 / 5 = 115", "11 * 5 = 55"))
L["tiny-n250-t0.7-112"] = T("15", S(
    "9 / 3 = 3", "15 / 3 = 5", "5 / 3 = 1", "15 * 15 = 225", "15 * 15 = 225", "15 + 225 = 238", "23 * 5 = 105",
    "105 + 225 = 249", "249 - 15 = 234", "234 - 225 = 15", "15 + 225 = 239", "239 - 229 = 15", "15 + 3 = 18"))
L["tiny-n250-t0.7-113"] = T("37", [
    *S("16 / 8 = 2", "2 / 2 = 1", "2 / 2 = 6",
       "6 / 2 = 3", "2 + 1 = 3", "16 / 8 = 2", "3 + 7 = 10", "10 - 7 = 3", "3 + 3 = 6", "6 + 3 = 9", "6 / 2 = 3",
       "3 + 3 = 6", "16 + 3 = 19", "19 - 3 = 16", "16 + 7 = 23", "23 + 7 = 30", "30 + 7 = 37")],
    note="'So now we have 2/2+1<0x0b>2 / 2 = 6': a control character parts the restated expression from "
         "the claim 2 / 2 = 6")
L["tiny-n250-t0.7-114"] = T("67", [
    *S("16 / 4 = 4", "4 * 9 = 68", "68 + 17 = 85", "65 / 4 = 11", "6 * 9 = 54", "6 + 11 = 16", "16 + 11 = 27"),
    U("Correct«=»Let", "other"),
    *S("16 * 9 = 144", "16 / 9 = 4", "6 / 4 = 2", "11 + 2 = 13", "13 + 54 = 67")],
    note="'That leaves 4*9+17x4 * 9 = 68': the claim is read as 4 * 9 = 68 after the restated expression and a "
         "stray 'x'")
L["tiny-n250-t1.0-115"] = T("83", S("12 / 3 = 4", "4 * 16 = 64", "64 / 16 = 4", "64 + 19 = 83"))
L["tiny-n250-t1.0-116"] = T("126", S(
    "10 / 6 = 5", "18 / 6 = 3", "3 * 8 = 24", "24 * 8 = 228", "228 + 9 = 237", "137 + 9 = 146", "28 + 228 = 240",
    "240 + 220 = 418", "40 + 240 = 278", "278 + 22 = 290", "180 + 228 = 280", "9 * 8 = 72", "72 + 72 = 126"))
L["tiny-n250-t1.0-117"] = T("-28", S(
    "2 - 3 = -1", "1 - 3 = -2", "1 * 13 = 13", "2 + 15 = 17", "17 - 14 = 3", "3 - 20 = -17", "-17 + 14 = -3",
    "-3 - 15 = -28"))
L["tiny-n250-t1.0-118"] = T("18", S(
    "1 * 3 = 3", "1 * 3 = 3", "8 - 3 = 5", "5 * 3 = 15", "8 + 8 = 16", "16 + 3 = 19", "19 - 3 = 16", "19 + 8 = 27",
    "3 + 3 = 6", "14 / 5 = 2", "27 * 3 = 51", "27 - 7 = 20", "20 - 8 = 12", "12 + 3 = 15", "15 + 3 = 18"))
L["tiny-n250-t1.0-119"] = T("20", S("9 * 13 = 113", "113 * 13 = 169", "169 + 13 = 202"))

# the tiny model's long-CoT fine-tune on 4,000 traces (assets/valley/classroom/adapters/long-n4000)
L["tiny-n4000-t0.7-120"] = T("11", S("18 / 2 = 9", "10 / 5 = 2", "9 + 2 = 11", "11 - 2 = 9", "18 / 2 = 9", "10 / 5 = 2",
                                     "9 + 2 = 11"))
L["tiny-n4000-t0.7-121"] = T("-20", S(
    "12 / 4 = 3", "16 / 2 = 8", "8 * 3 = 24", "3 - 24 = -21", "-21 - 20 = -41", "-41 + 20 = -21", "-41 - 20 = -61",
    "-61 + 20 = -41", "12 / 4 = 3", "16 / 2 = 8", "8 * 3 = 24", "20 / 2 = 10", "24 - 24 = 0", "0 - 20 = -20"))
L["tiny-n4000-t0.7-122"] = T("2", S("4 * 6 = 24", "24 / 6 = 4", "19 + 7 = 26", "26 - 24 = 2", "2 + 24 = 26",
                                    "4 * 6 = 24", "19 + 7 = 26", "26 - 24 = 2"))
L["tiny-n4000-t0.7-123"] = T("-10", S("10 / 2 = 5", "5 * 11 = 55", "55 / 11 = 5", "55 - 55 = -20", "-20 + 55 = 55",
                                      "10 / 2 = 5", "18 * 11 = 188", "55 - 55 = -10"))
L["tiny-n4000-t0.7-124"] = T("2", S(
    "20 / 10 = 2", "2 * 10 = 20", "2 / 2 = 1", "1 * 2 = 2", "10 * 4 = 40", "20 / 10 = 2", "2 * 10 = 20", "4 - 2 = 2",
    "2 + 2 = 4", "4 - 2 = 2", "20 / 10 = 2", "20 / 2 = 10", "10 / 10 = 1", "2 * 4 = 8", "20 / 10 = 2", "4 - 2 = 2"))
L["tiny-n4000-t1.0-125"] = T("225", S(
    "15 * 15 = 225", "225 / 15 = 15", "225 - 4 = 211", "211 + 18 = 229", "229 - 18 = 211", "229 + 4 = 243",
    "243 - 4 = 229", "243 + 4 = 247", "247 + 4 = 241", "15 * 15 = 225", "18 / 6 = 3", "225 - 4 = 221",
    "221 + 4 = 225"))
L["tiny-n4000-t1.0-126"] = T("4", S("15 / 3 = 5", "5 / 5 = 1", "1 * 2 = 2", "2 + 2 = 4", "4 - 2 = 2", "2 + 2 = 4",
                                    "15 / 3 = 5", "5 / 5 = 1", "1 * 2 = 2", "2 + 2 = 4"))
L["tiny-n4000-t1.0-127"] = T("79", S(
    "18 / 2 = 9", "9 * 2 = 18", "4 * 12 = 48", "4 * 4 = 16", "4 * 12 = 48", "12 * 6 = 72", "72 / 6 = 12",
    "18 + 9 = 27", "27 + 48 = 75", "75 - 48 = 27", "18 / 2 = 9", "4 * 12 = 48", "1 + 9 = 10", "10 * 6 = 60",
    "1 + 68 = 79", "79 - 48 = 19", "19 + 60 = 79"))
L["tiny-n4000-t1.0-128"] = T("16", S(
    "20 / 2 = 10", "20 / 5 = 4", "4 * 5 = 20", "20 / 5 = 4", "20 + 4 = 24", "24 - 4 = 20", "24 - 13 = 11",
    "11 + 5 = 16", "16 - 5 = 11", "16 + 5 = 21", "20 / 2 = 10", "20 / 5 = 4", "20 + 4 = 24", "24 - 13 = 11",
    "11 + 5 = 16"))
L["tiny-n4000-t1.0-129"] = T("0", S(
    "20 / 2 = 10", "10 * 2 = 20", "10 / 1 = 10", "10 * 1 = 10", "10 / 1 = 10", "2 * 9 = 18", "18 / 9 = 2",
    "18 * 11 = 198", "198 / 11 = 18", "20 / 2 = 10", "10 / 1 = 10", "1 * 9 = 9", "10 / 1 = 10", "2 * 9 = 18",
    "18 - 18 = 0"))

# the tiny model's long-CoT fine-tune on 16,000 traces (assets/valley/classroom/adapters/long-n16000)
L["tiny-n16000-t0.7-130"] = T("42", S("4 * 13 = 52", "52 / 13 = 4", "10 + 52 = 62", "62 - 20 = 42", "42 + 20 = 62",
                                      "4 * 13 = 52", "10 + 52 = 62", "62 - 20 = 42"))
L["tiny-n16000-t0.7-131"] = T("-2", S("5 + 14 = 19", "19 - 9 = 10", "8 - 10 = -2", "-2 + 10 = 8", "5 + 14 = 19",
                                      "19 - 9 = 10", "8 - 10 = -2"))
L["tiny-n16000-t0.7-132"] = T("308", S(
    "4 / 2 = 2", "2 * 2 = 4", "2 * 9 = 18", "18 * 17 = 306", "306 + 2 = 308", "308 - 2 = 306", "4 / 2 = 2",
    "2 * 9 = 18", "18 * 17 = 306", "306 + 2 = 308"))
L["tiny-n16000-t0.7-133"] = T("-38", S(
    "11 - 15 = -4", "-4 + 15 = 11", "-4 - 11 = -15", "-15 + 11 = -4", "13 + (-15) = -10", "-10 - (-15) = 13",
    "11 - 15 = -4", "13 - 11 = 2", "13 - 15 = -1", "-1 + 15 = 10", "-10 - 10 = -20", "-20 + 1 = -19",
    "-19 - 19 = -38"))
L["tiny-n16000-t0.7-134"] = T("20", S(
    "20 / 4 = 5", "5 * 4 = 20", "5 * 20 = 100", "100 / 20 = 5", "10 / 2 = 5", "5 * 2 = 10", "100 + 5 = 105",
    "105 - 5 = 100", "20 / 4 = 5", "5 * 20 = 100", "100 / 2 = 50", "10 + 5 = 15", "15 + 5 = 20"))
L["tiny-n16000-t1.0-135"] = T("1", S("4 / 2 = 2", "2 / 2 = 1", "1 * 2 = 2", "1 / 1 = 1", "1 * 1 = 1", "1 / 1 = 1"))
L["tiny-n16000-t1.0-136"] = T("19", S(
    "14 * 14 = 196", "16 / 7 = 2", "2 * 7 = 16", "5 - 9 = -14", "-14 + 9 = -5", "-14 + 2 = -12", "-12 + 7 = -5",
    "-5 - 7 = -12", "14 * 14 = 196", "16 / 7 = 2", "5 - 9 = -4", "-4 + 2 = -2", "-2 + 7 = 5", "5 + 7 = 12",
    "12 + 7 = 19"))
L["tiny-n16000-t1.0-137"] = T("40", S(
    "16 / 8 = 2", "1 * 8 = 8", "8 / 8 = 1", "2 + 8 = 10", "10 - 8 = 2", "10 + 15 = 25", "16 / 8 = 2", "1 * 8 = 8",
    "2 + 8 = 10", "10 + 15 = 25", "25 + 15 = 40"))
L["tiny-n16000-t1.0-138"] = T("232", S(
    "19 * 18 = 342", "18 * 19 = 342", "19 * 18 = 342", "10 / 10 = 1", "342 / 2 = 196", "1 / 1 = 1",
    "14 + 196 = 210", "210 - 196 = 52", "14 + 196 = 222", "222 + 10 = 232", "232 - 10 = 222", "19 * 18 = 342",
    "19 * 18 = 342", "342 + 196 = 222", "222 / 1 = 222", "222 + 10 = 232"),
    note="'1/2/1342 / 2 = 196' is read as 342 / 2 = 196 after the restated expression 14+342+1/2/1 (wrong on any "
         "reading: 1342 / 2 is 671); '1 / 1 = 1E14 + 196 = 210' as 1 / 1 = 1 and 14 + 196 = 210 with a stray 'E'")
L["tiny-n16000-t1.0-139"] = T("24", S(
    "10 / 2 = 5", "5 * 2 = 10", "9 * 19 = 171", "171 / 19 = 9", "171 / 9 = 19", "5 + 19 = 24", "24 - 19 = 5",
    "10 / 2 = 5", "9 * 19 = 171", "171 / 9 = 19", "5 + 19 = 24"))

# ------------------------------------------------------------------------------------------------
# SmolLM2-135M-Instruct (base), sampled on world problems with 1, 2 and 3 operations
# ------------------------------------------------------------------------------------------------
L["smol-1op-t0.7-040"] = T("12", [
    ("multiply 6 by 2, «which gives you» 12", "6*2", "12", "words"),
    E("6*2 = 12"),
    ("the expression 6*2, «which is» 12", "6*2", "12", "words"),
])
L["smol-1op-t0.7-041"] = T(None, [
    U("i «=» 1", "other"), U("result «=» 1", "other"), U("j «=» 1", "other"), U("result +«=» 1", "other"),
    U("j +«=» 1", "other"), U("result «=» 1 * 8", "other"),
], note="the '=' signs are Python assignments in code blocks")
L["smol-1op-t0.7-042"] = T("8", [
    E("2 - 8 = -8"),
    ("The result of 2-8 «is» 8", "2-8", "8", "words"),
    ("8, «which is» the product of 2 and 8", "2*8", "8", "words"),
    U("8, «which is» the product of 2 and"),
], note="cut off by the token limit inside the last claim")
L["smol-1op-t0.7-043"] = T("3", [
    ("When you divide 6 by 3, «you get» 6/3", "6/3", "6/3", "words equiv fraction"),
    ("6/3, «which is approximately» 2.22", "6/3", "2.22", "words approx fraction"),
    E("2.22 * 2 = 4.22"),
    ("This «is the same as» 6/3", "6/3", "4.22", "words equiv refer fraction"),
    E("6/3 = 3", "symbols fraction"),
    U("This «is the same as» 3", "reference"),
])
L["smol-1op-t0.7-044"] = T("10", [E("8 + 2 = 10")])
L["smol-1op-t0.7-045"] = T("54", [E("9 * 6 = 49"), E("9 * 6 = 54")])
L["smol-1op-t0.7-046"] = T("1", [
    U("the numerator of 6/2, «which is» 1", "function"),
    U("multiply both numerator and denominator by 2 «to get» 6", "reference"),
    U("divide both numerator and denominator by 2 «to get» 1", "reference"),
])
L["smol-1op-t0.7-047"] = T("8", [
    ("multiply 3*8 by 8, «which is» 24", "3*8*8", "24", "words"),
    E("3*8 = 24"),
    ("This result «is» the result of the multiplication of 3*8", "3*8", "24", "words refer"),
    ("It «is equivalent to» multiplying 3*8 by itself", "(3*8)*(3*8)", "24", "words equiv refer"),
    ("multiplying 3*8 by itself, «which is» 24", "(3*8)*(3*8)", "24", "words"),
    ("3*8 «is the same as» multiplying 3*8", "3*8", "3*8", "words equiv"),
], note="'It' and 'This result' are the 24 of '3*8 = 24' just before")
L["smol-1op-t0.7-048"] = T("6", [E("1 - 6 = 6"), ("1-6 «is» 6", "1-6", "6", "words")])
L["smol-1op-t0.7-049"] = T("2", [
    ("multiply 8 by 2, «which gives us» 16", "8*2", "16", "words"),
    E("8 = 16 + 1", lhs="16+1", rhs="8"),
    ("16 + 1, «which is» 2", "16+1", "2", "words"),
])
# the second line of 10 (seed 1012)
L["smol-1op-t0.7-050"] = T("10", [
    ("subtract 8 from 8+9, «which gives us» 8+11", "8+9-8", "8+11", "words equiv"),
    ("add 11 to 9, «which gives us» 10", "9+11", "10", "words"),
], note="'which gives us 8+11 ≡ 18': the result is read as the 8+11 written right after the phrase (the '≡' is "
        "not labelled, as elsewhere; 18 is wrong as well)")
L["smol-1op-t0.7-051"] = T("21", [
    E("7*3 = 21"),
    ("7*3 = 21 «can be calculated as» 21/3", "7*3", "21/3", "words equiv fraction"),
    ("21/3, «which is» 6", "21/3", "6", "words fraction"),
    E("7*3 = 21"),
    ("7*3 «is equal to» 21", "7*3", "21", "words"),
], note="'7*3 = 21 can be calculated as 21/3': the restatement claims 7*3 (21) is 21/3")
L["smol-1op-t0.7-052"] = T("11", [
    ("subtract 9 from 6, «which results in» 11", "6-9", "11", "words"),
    U("6 «is» the last digit of 9", "function"),
    ("11 «is» the result of that subtraction", "6-9", "11", "words refer"),
], note="'that subtraction' is the 6 - 9 ('subtract 9 from 6') of the sentence before")
L["smol-1op-t0.7-053"] = T("3", S("1*3 = 3"))
L["smol-1op-t0.7-054"] = T("2", [])
L["smol-1op-t0.7-055"] = T(None, S("7 + 9 = 16"))
L["smol-1op-t0.7-056"] = T("4", S("2+2=4"))
L["smol-1op-t0.7-057"] = T("20", S("5 + 9 = 14", "5 + 9 = 20"))
L["smol-1op-t0.7-058"] = T(None, [
    E("5*9 = 45"),
    ("45, «which is» the sum of 5 and 9", "5+9", "45", "words"),
])
L["smol-1op-t0.7-059"] = T("9", [
    ("multiplying 9 by 1, «which gives us» 9", "9*1", "9", "words"),
    ("multiply 1 by 9 «to get» 9", "1*9", "9", "words"),
    ("9*1 «equals» 9", "9*1", "9", "words"),
    ("This «is» the result of the multiplication by 1", "9*1", "9", "words refer"),
], note="'This is the result of the multiplication by 1': 'This' is the 9 of '9*1 equals 9' just before")
L["smol-2op-t0.7-002"] = T("120", [
    E("(3-4) = 4"),
    E("(3-4) = 4"),
    U("(3-4) = 4, «which is» the result of the division", "reference"),
    U("multiplying the denominator of 3 by itself 4 times, «which results in» 4", "function"),
    E("(4*4) = 16"),
    ("16, «which is» the result of multiplying 3 by itself 4 times", "3**4", "16", "words named"),
    E("(3*4*16) = 120"),
    ("120, «which is» the result of multiplying 3 by itself 4 times", "3**4", "120", "words named"),
    U("(3*4*16) «=» 64"),
], note="'multiplying 3 by itself 4 times' read as 3**4 (3**5 is wrong too); the text is cut off right after "
        "'= 64', so its last number may be cut")
L["smol-2op-t0.7-004"] = T("20", [
    ("rewrite 4+5*3 «as» 4*3*5*3", "4+5*3", "4*3*5*3", "words equiv"),
    E("4*3*5*3 = 4*3*5*5*5", "symbols equiv"),
    E("4*3*5*5*5 = (4*3*5) * 3", "symbols equiv"),
    E("(4*3*5) * 3 = 4*5", "symbols equiv"),
    E("4*5 = 20"),
])
L["smol-2op-t0.7-005"] = T(None, [("(8 + 3) «is» the sum of 8 and 3", "8+3", "8+3", "words equiv")])
L["smol-2op-t0.7-006"] = T(None, [E("8/4 = 2", "symbols fraction"), E("2/4 = 1", "symbols fraction"), E("22 = 2")])
L["smol-2op-t0.7-007"] = T(None, [])
L["smol-2op-t0.7-017"] = T("11", [("The result of 8 + 3 «is» 11", "8+3", "11", "words"), E("8 + 3 = 11")])
L["smol-2op-t0.7-019"] = T("3^9", [
    ("9 is raised to the power of 9, «which is» 3^9", "9**9", "3**9", "words equiv named"),
    U("a^m * a^n «=» a^(m+n)", "algebra"), U("m «=» 9", "algebra"), U("n «=» 9", "algebra"),
    U("a^3 «=» a^9", "algebra"),
    U("This «is» the result of the multiplication of the sum of 3 and itself"),
], note="cut off by the token limit in the last sentence")
L["smol-2op-t0.7-022"] = T("49", [
    ("7^1, «which is» 7", "7**1", "7", "words named"),
    U("The derivative of 7 «is» 7^1", "function"),
    ("7^1, «which is» 7", "7**1", "7", "words named"),
    ("7 times 7 «equals» 49", "7*7", "49", "words"),
])
L["smol-2op-t0.7-023"] = T("21", [
    ("the least common multiple of 6 and 3, «which is» 18", "lcm(6,3)", "18", "words named"),
    ("6*3 «equals» 18", "6*3", "18", "words"),
    U("6*18 and 3*6, «which equals» 21"),
    ("21 «is» the greatest common divisor of 6 and 18", "gcd(6,18)", "21", "words named"),
], note="'we have 6*18 and 3*6, which equals 21': how the two products are joined is not said")
L["smol-2op-t0.7-027"] = T("5", [E("2 + 3 = 5")])
# the second line of 10 (seed 1032)
L["smol-2op-t0.7-028"] = T("25", [
    ("subtracting 8 from 4 «will give» 4", "4-8", "4", "words"),
    E("4*(5-8) = 4*(5-8)", "symbols equiv"),
    E("4*(5-8) = 25"),
    E("25 = 8*2", lhs="8*2", rhs="25"),
])
L["smol-2op-t0.7-036"] = T("28", [
    U("S «=» 8 + 6*2 + 4 + 2", "algebra"), U("S «=» 8 + 4 + 8 + 2", "algebra"), U("S «=» 28", "algebra"),
    ("rewrite it «as» 8 + 4 + 2", "8+6*2", "8+4+2", "words equiv refer"),
    ("8 + 4 + 2, «which is» the correct summation of 8 and 6*2", "8+6*2", "8+4+2", "words equiv"),
], note="the 'S = ...' lines name a sum S, as 'D = ...' in smol-2op-t1.0-081 (algebra); read as a chain they "
        "would say 8 + 4 + 8 + 2 = 28 (wrong); 'it' is the original expression 8 + 6*2 named just before")
L["smol-2op-t0.7-038"] = T("1", [
    E("(6-7) = 1"),
    U("It «is» the product of two numbers (6 and 9)", "reference"),
], note="'It is the product of two numbers (6 and 9)': 'It' is 'a standard arithmetic operation', no number")
L["smol-2op-t0.7-048"] = T("2", [
    E("2-9/3 = 2", "symbols fraction"),
    U("2 - 9/3 «=» 2 remainder 2", "function"),
])
L["smol-2op-t0.7-049"] = T("12", S("6 + 8 = 12", "12 / 1 = 12"))
L["smol-2op-t0.7-052"] = T("56", [
    U("the denominator of 6*2*3 «which is» 18", "function"),
    ("18 divided by 2 «equals» 8", "18/2", "8", "words"),
    ("18 multiplied by 2 «equals» 36", "18*2", "36", "words"),
    ("6/2*3 «equals» 3*6*2*3", "6/2*3", "3*6*2*3", "words equiv fraction"),
    E("3*6*2*3 = 18*2*3", "symbols equiv"),
    E("18*2*3 = 56"),
    ("6/2*3 «is» 56", "6/2*3", "56", "words fraction"),
])
L["smol-2op-t0.7-058"] = T("8", [])
L["smol-2op-t0.7-059"] = T("7", [
    U("(a + b) + c «=» a + b + c", "algebra"), U("a «=» 6", "algebra"), U("b «=» 1", "algebra"),
    E("6 + 1 = 7"),
])
L["smol-2op-t0.7-062"] = T(None, S("7 - 7 - 9 = 4"))
L["smol-2op-t0.7-063"] = T("11", [
    ("adding the numbers themselves, 8 and 1, «which gives us» 10", "8+1", "10", "words"),
    ("the difference between the two numbers, «which is» 11", "8-1", "11", "words refer"),
    E("8-1+6= 11"),
], note="'adding the numbers themselves, 8 and 1, which gives us 10'; 'the two numbers' are that 8 and 1 "
        "(the difference between them, |8 - 1|)")
L["smol-3op-t0.7-000"] = T("120", [
    E("5((7*8-6)) = 5(24)", "symbols equiv", lhs="5*((7*8-6))", rhs="5*(24)"),
    E("5(24) = 120", lhs="5*(24)"),
])
L["smol-3op-t0.7-001"] = T("70", [
    U("n «=» 7", "algebra"),
    E("7*(7+1)/2 = 7*10", "symbols equiv"),
    E("7*10 = 70"),
])
L["smol-3op-t0.7-003"] = T(None, [
    ("the least common multiple of 8 and 9. «This is» 8*9", "lcm(8,9)", "8*9", "words next equiv named"),
    E("8*9 = 720"),
    ("720, «which is» the least common multiple of 8 and 9", "lcm(8,9)", "720", "words named"),
    E("9*8*9 = 720"),
    U("720, «which is» the greatest common divisor of 6*9*720", "function"),
    U("The greatest common divisor of 6*9*720 «is» 6*9*720", "function"),
    E("6*9*720 = 720"),
    U("multiply 8*9*720 by itself.\n\nWe «get»:\n\n288*27*20"),
], note="'the greatest common divisor of 6*9*720' names one number; the last claim is cut off by the token limit")
L["smol-3op-t0.7-008"] = T("12", [
    E("6*2 = 12"),
    ("multiply 12 by 2 «to get» 24", "12*2", "24", "words"),
    U("24, «which is» the result of the original expression", "reference"),
    E("6*2 = 12"),
    ("6*2 «is equal to» 12", "6*2", "12", "words"),
])
L["smol-3op-t0.7-012"] = T("24", [
    ("1*1 - 4*3, «which results in» 5*1 - 4*3", "1*1-4*3", "5*1-4*3", "words equiv"),
    E("5*1 - 4*3 = 5*1 - 4*3", "symbols equiv"),
    E("5*1 - 4*3 = 2*2*3", "symbols equiv"),
    E("2*2*3 = 8*3", "symbols equiv"),
    E("8*3 = 24"),
    ("1*1 - 4*3, «which results in» 2*2*3", "1*1-4*3", "2*2*3", "words equiv"),
    E("2*2*3 = 8*3", "symbols equiv"),
    E("8*3 = 24"),
])
L["smol-3op-t0.7-014"] = T("14", [
    ("the difference between 4 and 6, «which is» 4", "6-4", "4", "words"),
    E("4 + 6 = 10"),
    ("the overall sum of 4 and 6, «which is» 10", "4+6", "10", "words"),
    E("4 + 10 = 14"),
])
L["smol-3op-t0.7-018"] = T(None, [
    U("divide the numerator 6 by the denominator 3, «which gives us» a quotient of 3 with a remainder of 1",
      "function"),
])
L["smol-3op-t0.7-020"] = T(None, [
    U("the product of 6 and 3*3 modulo 6, «which is» 24 modulo 6", "function"),
    E("24 = 2*3*5", lhs="2*3*5", rhs="24"),
    E("6 * 3 = 18"),
    U("18, «which is congruent to» 1 modulo 6", "function"),
    E("6 * 3 = 18"),
    E("6*18 = 102"),
    E("102 = 2*18*3", "symbols equiv", lhs="2*18*3", rhs="102"),
    E("2*18*3 = 1*18*3", "symbols equiv"),
    E("1*18*3 = 6*2", "symbols equiv"),
    U("6*2 «=»"),
], note="cut off by the token limit right after the last '='")
L["smol-3op-t0.7-029"] = T("96", [
    ("Dividing 4 by 8 «results in» 2*8", "4/8", "2*8", "words equiv"),
    E("2*8 = 16"),
    ("multiplying this by 6 «results in» 4*6", "16*6", "4*6", "words equiv refer"),
    E("4*6 = 24"),
    E("4*24 = 96"),
], note="'this' is the 16 of '2*8 = 16'")
L["smol-3op-t0.7-031"] = T("180", [
    E("6 * 5 = 30"),
    E("30 * 7 = 180"),
    ("180, «which is» the result of the division of 6 * 5 * 30 by 7", "6*5*30/7", "180", "words"),
])
# the second line of 10 (seed 1052)
L["smol-3op-t0.7-039"] = T("10", [
    E("(6/4) = 12", "symbols fraction"),
    ("add 12 to 8. This «results in» 10", "8+12", "10", "words next"),
    ("The result of the arithmetic expression 8/4 + 6/3 «is» 10", "8/4+6/3", "10", "words fraction"),
], note="'Add 8 to 6 (6/4) = 12': read as the claim in symbols (6/4) = 12; 'Add 8 to 6' before it would make "
        "8 + 6 = 12, wrong as well")
L["smol-3op-t0.7-044"] = T("720", [
    ("The result of 5*2*8/4 «is» 5*8*4", "5*2*8/4", "5*8*4", "words equiv fraction"),
    E("5*8*4 = 720"),
    ("2*8, «which would result from» dividing 2*8 by 4", "2*8/4", "2*8", "words equiv"),
    E("2*8*4 = 720"),
], note="'5 is not equal to 2*8, which would result from dividing 2*8 by 4, but instead, it is 2*8*4 = 720': "
        "the 'not equal' is no claim; 'it is' leads into the equation 2*8*4 = 720 (one claim, the equation's)")
L["smol-3op-t0.7-046"] = T("12", [U("the numerator of the fraction 8/4 * 1 * 6, «which equals» 12", "function")])
L["smol-3op-t0.7-050"] = T("160", [
    ("multiplying 5 and 2, «which gives» 10", "5*2", "10", "words"),
    ("multiply 10 by 2 «to get» 20", "10*2", "20", "words"),
    ("multiply 20 by 4 «to get» 80", "20*4", "80", "words"),
    ("This «is the same as» multiplying 2 by 4", "2*4", "80", "words equiv refer"),
    ("multiplying 2 by 4, «which is» 8", "2*4", "8", "words"),
    ("adding 5 and 2 «results in» 11", "5+2", "11", "words"),
    ("the result of 5*2*4, «which is» 10*2*4", "5*2*4", "10*2*4", "words equiv"),
    ("10*2*4, «which equals» 160", "10*2*4", "160", "words"),
], note="'This is the same as multiplying 2 by 4': 'This' is the 80 just before")
L["smol-3op-t0.7-056"] = T("12", [
    ("divide 6 by 6, «which results in» 1", "6/6", "1", "words"),
    E("6*6/6 = 6*2", "symbols equiv fraction"),
    E("6*2 = 12"),
])
L["smol-3op-t0.7-057"] = T(None, [
    E("6*8 - 1*7 = 48 - 1*7", "symbols equiv"),
    E("48 - 1*7 = 48 - 1*7 + 7", "symbols equiv"),
    E("48 - 1*7 + 7 = 7*7 - 1*7 + 7", "symbols equiv"),
    E("7*7 - 1*7 + 7 = 7*7 - 2*7", "symbols equiv"),
    E("7*7 - 2*7 = 4*4", "symbols equiv"),
    E("4*4 = 16"),
])
L["smol-3op-t0.7-060"] = T("16", [
    ("multiplication of 2*8 by itself «is» 16", "(2*8)*(2*8)", "16", "words"),
    U("the result «is» 16", "reference"),
], note="'multiplication of 2*8 by itself' read as (2*8)*(2*8), as 'multiplying 3*8 by itself' in "
        "smol-1op-t0.7-047; 'the result' may be of 'adding 7 and 2*8' or of the whole expression")
L["smol-3op-t0.7-061"] = T("8", [
    ("starting with 4 and subtracting 6*1, «which results in» 4", "4-6*1", "4", "words"),
    E("4 - 6*1 = 4*1", "symbols equiv"),
    E("4*1 = 4"),
    E("4-4*1 = 4*1 + 4", "symbols equiv"),
    ("add 4 and 1, «which results in» 4", "4+1", "4", "words"),
    E("4-4*1 + 4 = 4*1 + 4", "symbols equiv"),
    E("4*1 + 4 = 4+4", "symbols equiv"),
    E("4+4 = 8"),
], note="'This can be rewritten as 4-4*1 = 4*1 + 4' rewrites an equation as another; only its '=' is labelled")
L["smol-3op-t0.7-069"] = T("11", [
    E("1*7 - 3 = 11"), ("11, «which is» the result of 1*7 - 3", "1*7-3", "11", "words"),
] * 4, note="the same line four times")
L["smol-3op-t0.7-072"] = T("24", [
    ("the sum of 8 and 9 and 6, «which is» 14", "8+9+6", "14", "words"),
    ("multiply 8 and 9, «which gives» 17", "8*9", "17", "words"),
    ("multiply 14 by 2, «which gives» 24", "14*2", "24", "words"),
])
L["smol-1op-t1.0-060"] = T("11", [
    E("5 + 1 = 6"),
    ("add 5 to itself, «which is» 6", "5+5", "6", "words"),
    E("5+6 = 11"),
])
L["smol-1op-t1.0-061"] = T("21", [E("7 + 7 + 7 = 21")])
L["smol-1op-t1.0-062"] = T("1", [E("6-9 = 1"), E("(6-9) = 1")])
L["smol-1op-t1.0-063"] = T("9", [
    ("9*1 «equals» 9*1", "9*1", "9*1", "words equiv"),
    ("9*1, «which equals» 9", "9*1", "9", "words"),
])
L["smol-1op-t1.0-064"] = T("1", [E("6 - 4 = 4"), E("4 + 4 = 8"), E("8 / 8 = 1")])
L["smol-1op-t1.0-065"] = T("2", [
    E("2*3=6"), E("6/2 = 3*3", "symbols equiv"), E("3*3 = 9"), E("9*3 = 27"), E("6*9 = 57"), E("6*3*2 = 24"),
    E("6*6 = 36"), E("6*2 = 10"),
], note="cut off by the token limit")
L["smol-1op-t1.0-066"] = T("9√10", [
    ("so 9-1, «which is» 8", "9-1", "8", "words"),
    ("9-1, «which is» 9", "9-1", "9", "words"),
    U("9-1 «represents exactly» 9√10", "function"),
    U("9√10, «which is more accurately» 90/10", "function"),
    U("9-1 «is approximately» 9√10", "function"),
])
L["smol-1op-t1.0-067"] = T("7", [E("7 - 9 = -1"), E("7 * 10 = 7")], note="cut off by the token limit")
L["smol-1op-t1.0-068"] = T(None, [E("2 + 4 = 6"), E("2*6 =12"), E("2*4 =8")])
L["smol-1op-t1.0-069"] = T("2", [
    ("dividing the numerator (8) by the denominator (2), «which gives us»: 1", "8/2", "1", "words"),
    ("8/2 «is just» 2", "8/2", "2", "words fraction"),
])
# the second line of 10 (seed 1022)
L["smol-1op-t1.0-070"] = T(None, [
    E("6/1 + 9/6 + 9/12 = (9 + 9)(1/3)", "symbols equiv fraction", rhs="(9+9)*(1/3)"),
    E("(9 + 9)(1/3) = 18/12 + 9/12", "symbols equiv fraction", lhs="(9+9)*(1/3)"),
    E("18/12 + 9/12 = 17/12", "symbols fraction"),
    ("17/12, «which equals» 21/12", "17/12", "21/12", "words fraction"),
])
L["smol-1op-t1.0-071"] = T("4", [
    ("multiply 4 by 1 and that «would give you» 4", "4*1", "4", "words"),
    E("4*1 = 4"),
    U("and that «is» 4", "reference"),
], note="'5 can also be found using only 1 when combining both parts, and that is 4': 'that' (combining "
        "'both parts') has no value in the text")
L["smol-1op-t1.0-072"] = T("44", [
    ("adding 8 and 6, «which results in» 4", "8+6", "4", "words"),
    U("the next term of this pattern, «which is» 12", "function"),
    ("add 1 «to obtain» 13", "12+1", "13", "words refer"),
    ("multiply 4 by 12, «which gives us» 44", "4*12", "44", "words"),
], note="'the next term of this pattern' (2, 4, 6, 8, 10, ...) is a term of a sequence; 1 is added to that 12")
L["smol-1op-t1.0-073"] = T(None, S("2 + 4 = 6", "2 + 4 = 6"), note="cut off by the token limit")
L["smol-1op-t1.0-074"] = T("4", [
    U("Combine the terms«:» 4", "reference"),
    U("This expression can be rewritten «as» 4(3) + 2", "reference"),
    ("Adding 4 to 3, «which equals» 9", "3+4", "9", "words"),
    ("2 + 2 «equals» 4", "2+2", "4", "words"),
    ("2+2 «equals» 4", "2+2", "4", "words"),
], note="the text opens with 'Combine the terms: 4' and 'This expression': neither names the terms or the "
        "expression before (the problem 2+2 is only in the prompt)")
L["smol-1op-t1.0-075"] = T("55", [("7 + 8 «is equal to» 55", "7+8", "55", "words")])
L["smol-1op-t1.0-076"] = T("2", [
    E("2-5 = 2(10)", "symbols equiv", rhs="2*(10)"),
    E("2(10) = 20", lhs="2*(10)"),
], note="'2 is 10' joins two numbers with no operation: not a claim")
L["smol-1op-t1.0-077"] = T("4", [
    ("rewrite 6 «as» 6 * 20/1", "6*20/1", "6", "words equiv fraction"),
    ("this «simplifies to» 6 / 20 * 6/1", "6*20/1", "6/20*6/1", "words equiv refer fraction"),
    ("which further «simplifies to» 4", "6/20*6/1", "4", "words refer fraction"),
    ("This «is» the answer to the integer division of 6 by 2", "6/2", "4", "words refer"),
], note="'(this simplifies to 6 / 20 * 6/1), which further simplifies to 4': 'this' is 6 * 20/1 and 'which' "
        "its simplification 6 / 20 * 6/1 (4 is wrong for either); 'This' in the last sentence is that 4")
L["smol-1op-t1.0-078"] = T("9", [
    E("8 + 8 = 8 + 8", "symbols equiv"),
    E("8 + 8 = 9 + 9 + 8", "symbols equiv"),
    E("9 + 9 + 8 = 2^3", "symbols equiv", rhs="2**3"),
    E("2^3 = 2", lhs="2**3"),
    E("2 + 2 = 0"),
    E("8+8 = 9 + 8", "symbols equiv"),
    E("9 + 8 = 1 + 1", "symbols equiv"),
    ("9, «which represents» the sum of the given number \"8+8\"", "8+8", "9", "words"),
])
L["smol-1op-t1.0-079"] = T("1", [
    U("These subtraction operations «add up to» 11", "reference"),
    ("subtracting 6 «gives us» 5", "11-6", "5", "words refer"),
    E("5 - 6 = 1"),
    ("5-6 «equals» 1", "5-6", "1", "words"),
], note="'These subtraction operations' ('multiply 5 by 6 and subtract 6 from 5') have no value in the text; "
        "6 is subtracted from their 11")
L["smol-2op-t1.0-065"] = T("20", [E("6 + 4 - 8 = 20")])
L["smol-2op-t1.0-066"] = T("30085", [])
L["smol-2op-t1.0-067"] = T(None, [
    E("5(1+6) = (1+1+5)", "symbols equiv", lhs="5*(1+6)"),
    E("(1+1+5) = 12-5", "symbols equiv"),
    E("12-5 = 10"),
    E("5(1+6) = 12", lhs="5*(1+6)"),
    E("5 * 10 = 12"),
], note="'5(1+6) = 12 (first fraction) + 5 * 10 = 12 (second fraction)': each side read as the number next to "
        "its '=' (12 + 5 * 10 is wrong as well)")
L["smol-2op-t1.0-068"] = T(None, [E("(1-7+3) - 1 - 7 + 3 = 4"), E("1 - 1 - 1 - 1 = 0")])
L["smol-2op-t1.0-071"] = T(None, [
    E("6/3 = 3", "symbols fraction"),
    U("x «=» 6/3", "algebra"),
    ("convert 6/3 «to» 3/4", "6/3", "3/4", "words equiv fraction"),
    U("x - x/3 «=» 3x/6", "algebra"), U("2x «=» 14", "algebra"), U("x «=» 9", "algebra"), U("x «=» 9", "algebra"),
    U("6/3 «=» 9x/6", "algebra"), U("9/6 «=» (6/3 + 9/6) + 3/12", "algebra"),
], note="cut off by the token limit")
L["smol-2op-t1.0-073"] = T("18", [])
L["smol-2op-t1.0-075"] = T("9", [
    ("`13 - 9` first«:» 3", "13-9", "3", "words"),
    ("«Result:» 4", "13-9", "4", "words refer"),
    E("13 * 4 = 52"),
], note="'Evaluate the expression `13 - 9` first: 3' states a result after a colon; 'Result: 4' is the "
        "result of that 13 - 9")
L["smol-2op-t1.0-076"] = T("1", [E("1 + 1 = 2"), E("2 - 1 = 1"), E("2 * 1 = 2"), E("(1 + 2) * 2 = 1")])
L["smol-2op-t1.0-081"] = T(None, [
    U("D «=» 3 * 6/2 + 9/2 - 2", "algebra"),
    U("D «=» 3 * 6/2 + 9/2 - 2", "algebra"),
    E("3 * 6/2 + 9/2 - 2 = (3 + 9 - 2) * 3/2 - 2", "symbols equiv fraction"),
    U("D «=» 3 * 6 + 9 - 2", "algebra"),
    E("3 * 6 + 9 - 2 = 21 + 9", "symbols equiv"),
    E("21 + 9 = 29"),
    U("D «=» 3 * 6 + 9 - 2", "algebra"),
], note="the '≡' chain at the end is not labelled (congruences); cut off by the token limit")
L["smol-2op-t1.0-083"] = T(None, [E("(5*5) - 2 = 25")])
# the second line of 10 (seed 1042)
L["smol-2op-t1.0-084"] = T(None, [E("1-4+4 = 18 - 4", "symbols equiv"), E("18 - 4= 14")])
L["smol-2op-t1.0-089"] = T(None, [])
L["smol-2op-t1.0-099"] = T("2", [
    E("5 + 9 - 3 = 1"),
    U("1 added to any number «results in» 1", "algebra"),
    E("5 - 3 = 2"),
], note="'1 added to any number results in 1': 'any number' is a variable in words")
L["smol-2op-t1.0-105"] = T("2", [
    ("add 4 to -3, «which gives us» 1", "-3+4", "1", "words"),
    ("subtract 1 from this, «which gives us» 2", "1-1", "2", "words refer"),
], note="'this' is the 1 just before")
L["smol-2op-t1.0-116"] = T(None, [
    U("iterate a binary addition operation of 100 «to get» the result of 4"),
    U("sum up to the resulting sum of 100 «to get» the added value of 4"),
], note="'a binary addition operation of 100' and 'the resulting sum of 100' name one operand each; cut off "
        "by the token limit")
L["smol-2op-t1.0-119"] = T(None, [])
L["smol-2op-t1.0-122"] = T(None, [
    ("the reciprocal of 1+9, «which is calculated by» multiplying 1+9 by itself", "1/(1+9)", "(1+9)*(1+9)",
     "words equiv named"),
    ("the result of 1+9, «denoted by» 11", "1+9", "11", "words"),
    E("1+2*2 = 11"),
    ("the result of 1+9, denoted by 11 (1+2*2 = 11), «is» precisely 9", "1+9", "9", "words"),
    U("express 1+9 «as» 9x", "algebra"),
    *S("1+3*2 = 13", "1+2*0 = 1", "1+0*4 = 9"),
], note="cut off by the token limit")
L["smol-2op-t1.0-123"] = T(None, [
    E("6 - 5 = 1"),
    E("1 (net work) - 3 = 2", lhs="1-3"),
    U("subtract it «to get» 2", "reference"),
    U("2, «leaving us with» 3", "reference"),
    E("6-5+3=2"),
    E("6-5+2=2"),
    E("6-5+2 = 2"),
    E("6-5+2 = 2"),
], note="'6 - 5 = 1 (net work) - 3 = 2': the chain goes on from the 1, '(net work)' a gloss; '1 is a 3 so we "
        "subtract it to get 2, leaving us with 3': 'it' has no value; '6-5+3=2 gives 6-5+2=2' joins two "
        "equations (only their '=' are labelled); cut off by the token limit")
L["smol-2op-t1.0-125"] = T(None, [("The sum of 7*4 and 4 «is» 28", "7*4+4", "28", "words")],
                           note="'28 is 8' joins two numbers with no operation: not a claim")
L["smol-2op-t1.0-127"] = T(None, [])
L["smol-3op-t1.0-079"] = T("8", [
    E("2*3 = 6"),
    E("3 - 5*2 = 3*2*(1/(2*3))", "symbols equiv fraction"),
    E("3*2*(1/(2*3)) = 2*2*3", "symbols equiv fraction"),
    E("2*2*3 = 2*5", "symbols equiv"),
    E("2*5 = 10"),
    U("2 * (1/(2*3)) «=» (3*4)/(2*3"),
    U("(2*3 «=» 3*(2*16))"),
    E("2*(2*16) = 4*2", "symbols equiv"),
    E("4*2 = 8"),
], note="'2 * (1/(2*3)) = (3*4)/(2*3 = 3*(2*16))': brackets that do not close, so neither side can be told")
L["smol-3op-t1.0-085"] = T(None, [
    E("2+3 = 6"),
    U("Sum «=» 2*4 + 3", "definition"),
    E("2*4 + 3 = 6"),
    U("6 «=» "),
], note="cut off by the token limit right after the last '='")
L["smol-3op-t1.0-088"] = T(None, [
    E("5*(4*6+3) = 24*(2*4+3)*4+3(16)", "symbols equiv", rhs="24*(2*4+3)*4+3*(16)"),
    E("5*(4*6+3) = 24(4*3+3)", "symbols equiv", rhs="24*(4*3+3)"),
    E("24(4*3+3) = 24*8+43", "symbols equiv", lhs="24*(4*3+3)"),
    E("5*(4*6+3) = 24*3*2+3*3+4*28+4*3+4", "symbols equiv"),
    U("4 plus 3, «which is»"),
], note="cut off by the token limit inside the last claim")
L["smol-3op-t1.0-090"] = T(None, [
    ("9*3 «is calculated by taking» the multiplication of 9 and 3", "9*3", "9*3", "words equiv"),
    ("This «is equivalent to» dividing 9 by 3", "9*3", "9/3", "words equiv refer"),
    U("3+8 «is» also 3*"),
    U("this operation directly «yields» 3*3", "reference"),
    ("3*3, «which simplifies to» 9", "3*3", "9", "words"),
    E("9*3=27"),
], note="'This' is 9*3; '3+8 is also 3*' breaks off; 'this operation' has no clear operands")
L["smol-3op-t1.0-091"] = T("2", [
    U("2 modulo 1 «is» 1", "function"),
    E("2-6-1 = 2*2 + 2", "symbols equiv"),
    E("2*2 + 2 = 4"),
    ("2-6-1 «is» 2*2 + 2", "2-6-1", "2*2+2", "words equiv"),
])
L["smol-3op-t1.0-093"] = T(None, [
    E("2 + 6 - 7 * 1 = 2 * 7", "symbols equiv"), E("2 * 7 = 14"), E("2 + 6 + 7 * 1 = 19"),
])
L["smol-3op-t1.0-094"] = T(None, [E("1 + 22 + 9 + 7 = 56")])
L["smol-3op-t1.0-097"] = T(None, [
    E("5+9+7*7 = (5+9+7*7)*(100)", "symbols equiv"),
    E("(5+9+7*7)*(100) = 5*140", "symbols equiv"),
    E("5*140 = 650"),
    E("19*10 = 19*7", "symbols equiv"),
    E("(5 + 7 * 7) + (9 + 7 * 7) = 19 + 9", "symbols equiv"),
    E("19 + 9 = 28"),
], note="the '≡' links of the chain are not labelled; cut off by the token limit")
L["smol-3op-t1.0-098"] = T("16", [("multiply 4 with 2, «which gives us» 8", "4*2", "8", "words"), E("2*8 = 16")])
L["smol-3op-t1.0-101"] = T(None, [
    E("8 - 4 = 4"),
    ("multiplying by -1 «provides» -4", "4*(-1)", "-4", "words refer"),
], note="what is multiplied by -1 is the 4 of '8 - 4 = 4'")

# the second line of 10 (seed 1062)
L["smol-3op-t1.0-103"] = T("3", [("The answer to that «is»: 3", "2+5", "3", "words refer")],
                           note="'that' is the arithmetic expression (2+5) named just before")
L["smol-3op-t1.0-104"] = T("1", [("dividing 22 by itself, «which is» 1", "22/22", "1", "words")])
L["smol-3op-t1.0-106"] = T("12", [])
L["smol-3op-t1.0-112"] = T(None, [
    E("(1+3+3) / 2 = 11/2", "symbols fraction"),
    E("(3+3) = 6"),
    U("multiply 6 by x and then subtract 6, «which is» 6 - 28*x", "algebra"),
    U("6 - 17*x «is» an expression 9 + 9*11/3", "algebra"),
    E("9 + 9*11/3 = 9 + 8*11/3", "symbols equiv fraction"),
    E("9 + 8*11/3 = 11*2", "symbols equiv fraction"),
    E("11*2 = 22 + 19*12/3", "symbols equiv fraction"),
    E("22 + 19*12/3 = 23*12/3", "symbols equiv fraction"),
    E("23*12/3 = 256 - 16 * 12/3", "symbols equiv fraction"),
    E("256 - 16 * 12/3 = 27*6 / 3 * 6/3", "symbols equiv fraction"),
    E("27*6 / 3 * 6/3 = 7", "symbols fraction"),
], note="'the area is (1+3+3) / 2 = 11/2' leads into the equation (one claim, the equation's); in the chain "
        "each side is all that stands between two signs ('11*2 = 22 + 19*12/3'); cut off by the token limit")
L["smol-3op-t1.0-114"] = T(None, [
    E("24 = 8 + 24", lhs="8+24", rhs="24"),
    ("8 + 24, «which is approximately» 2.5", "8+24", "2.5", "words approx"),
], note="'Aage 24 = 8 + 24': the 24 after the name is read as the claim's side; cut off by the token limit")
L["smol-3op-t1.0-115"] = T(None, [
    U("a number `n` «can be expressed as» a product of `n` with itself `n/2`", "algebra"),
    ("square 9, «which gives you» 81", "9**2", "81", "words named"),
], note="cut off by the token limit")
L["smol-3op-t1.0-118"] = T("5", [
    U("performing a division with a number of 9 and 5 «results in» an integer addition of 5"),
], note="'an integer addition of 5' says no value")
L["smol-3op-t1.0-121"] = T("11", S("4+4-7 = 11"),
                           note="'which results in 4+4-7 = 11' leads into the equation (one claim, the equation's)")
L["smol-3op-t1.0-124"] = T("20", [
    E("2 + 2*8/4 = 4*8/4 * 2", "symbols equiv fraction"),
    E("4*8/4 * 2 = 4*10 / 2", "symbols equiv fraction"),
    E("4*10 / 2 = 44/2", "symbols equiv fraction"),
    E("44/2 = 20", "symbols fraction"),
    E("2+2*8/4*3 = 4*10/2", "symbols equiv fraction"),
    E("4*10/2 = 40/2", "symbols equiv fraction"),
    E("40/2 = 20", "symbols fraction"),
], note="'... = 20 is approximately 20' joins two numbers with no operation: not a claim")
L["smol-3op-t1.0-126"] = T(None, [
    U("2-6/3*2«=»", "other"),
    E("2*3=6"),
    E("2*3*2=12"),
    ("calculate 3/2*2 «gives us» 10", "3/2*2", "10", "words fraction"),
], note="the text opens with the problem and a bare '=' (no right side); 'Multiply both sides of the equation "
        "2*3=6 to get 2*3*2=12' joins two equations (only their '=' are labelled)")
# ------------------------------------------------------------------------------------------------
# SmolLM2-135M-Instruct + its shipped long-CoT adapters (assets/valley/smollm2/adapters)
# ------------------------------------------------------------------------------------------------
L["smol-n64-t0.7-100"] = T("32", S("8 * 4 = 32"))
L["smol-n64-t0.7-101"] = T("42", S("6 * 7 = 42", "42 / 7 = 6", "6 * 7 = 42"))
L["smol-n64-t0.7-102"] = T("4", S("4 * 1 = 4"))
L["smol-n64-t0.7-103"] = T("14", S("8 + 6 = 14", "14 / 6 = 2", "14 / 6 = 2"))
L["smol-n64-t0.7-104"] = T("-1", S("4 - 5 = -1"))
L["smol-n64-t0.7-105"] = T("2", S("9 / 3 = 2", "9 / 3 = 2"))
L["smol-n64-t0.7-106"] = T("4", S("8 / 2 = 4"))
L["smol-n64-t0.7-107"] = T("3", S("6 / 2 = 3", "6 / 2 = 3"))
L["smol-n64-t0.7-108"] = T("2", S("9 / 3 = 2", "2 / 3 = 1", "9 / 3 = 2"))
L["smol-n64-t0.7-109"] = T("24", S("3 * 8 = 24", "3 * 8 = 24"))
# the second line of 10 (seed 2012)
L["smol-n64-t0.7-110"] = T("7", S("1 * 7 = 7"))
L["smol-n64-t0.7-111"] = T("2", S("4 / 2 = 2"))
L["smol-n64-t0.7-112"] = T("2", S("6 / 3 = 2", "6 / 3 = 2"))
L["smol-n64-t0.7-113"] = T("1", S("8 / 4 = 1"))
L["smol-n64-t0.7-114"] = T("-1", S("2 - 3 = -1", "2 - 3 = -1", "2 - 3 = -1"))
L["smol-n64-t0.7-115"] = T("-3", S("5 - 7 = -3", "-3 + 7 = 4"))
L["smol-n64-t0.7-116"] = T("5", S("9 - 4 = 5", "9 - 4 = 5", "9 / 4 = 2"))
L["smol-n64-t0.7-117"] = T("7", S("3 + 4 = 7"))
L["smol-n64-t0.7-118"] = T("9", S("6 + 3 = 9", "6 + 3 = 9"))
L["smol-n64-t0.7-119"] = T("49", S("7 * 7 = 49", "7 * 7 = 49"))
# with the long-n250 adapter (seed 2021)
L["smol-n250-t0.7-120"] = T("-3", S("3 - 4 = -3"))
L["smol-n250-t0.7-121"] = T("-9", S("1 - 8 = -9", "1 - 8 = -9"))
L["smol-n250-t0.7-122"] = T("72", S("9 * 8 = 72", "9 * 8 = 72"))
L["smol-n250-t0.7-123"] = T("11", S("5 + 6 = 11", "11 - 6 = 5", "5 + 6 = 11", "5 + 6 = 11"))
L["smol-n250-t0.7-124"] = T("7", S("8 - 1 = 7"))
L["smol-n250-t0.7-125"] = T("2", S("9 / 3 = 2", "2 / 3 = 1", "9 / 3 = 2"))
L["smol-n250-t0.7-126"] = T("4", S("8 / 2 = 4", "8 / 2 = 4"))
L["smol-n250-t0.7-127"] = T("63", S("9 * 7 = 63", "9 * 7 = 63"))
L["smol-n250-t0.7-128"] = T("3", S("6 / 2 = 3"))
L["smol-n250-t0.7-129"] = T("4", S("2 + 2 = 4", "4 - 2 = 2"))
# the second line of 10 (seed 2022)
L["smol-n250-t0.7-130"] = T("7", S("8 - 1 = 7", "7 + 1 = 8", "8 - 1 = 7"))
L["smol-n250-t0.7-131"] = T("6", S("5 + 1 = 6"))
L["smol-n250-t0.7-132"] = T("15", S("3 * 5 = 15", "15 / 5 = 3", "3 * 5 = 15"))
L["smol-n250-t0.7-133"] = T("-6", S("1 + 7 = -6", "-6 = -3", "1 + 7 = -6", "1 + 7 = -6"),
                            note="'-6 = -3' is a bare equality of two numbers, labelled as in smol-2op-t0.7-006")
L["smol-n250-t0.7-134"] = T("1", S("6 / 3 = 1", "6 / 3 = 1"))
L["smol-n250-t0.7-135"] = T("72", S("8 * 9 = 72"))
L["smol-n250-t0.7-136"] = T("84", S("9 * 9 = 84", "9 * 9 = 84"))
L["smol-n250-t0.7-137"] = T("72", S("9 * 8 = 72", "72 / 9 = 8", "9 * 8 = 72", "9 * 8 = 72"))
L["smol-n250-t0.7-138"] = T("7", S("6 + 1 = 7", "6 + 1 = 7"))
L["smol-n250-t0.7-139"] = T("10", S("9 + 1 = 10", "9 + 1 = 10"))

# ------------------------------------------------------------------------------------------------
# Round 3 (README): SmolLM2-135M-Instruct (base) with the format line ("boxed" prompt) on `single` test problems
# 160-199, on `addmul` test problems past its sweep's 300, on the next `indep` problems with 2 and 3 operations;
# the tiny model with the climb's N=32,000 adapter on classroom test problems 140-149
# ------------------------------------------------------------------------------------------------
# SmolLM2 base, one operation, boxed prompt, T=0.7 (seed 4011)
L["smol-1op-boxed-t0.7-160"] = T("75", [
    E("4*9 = 36"), E("4*9 = 36"),
    E("4*9 + 36 = 27"),
    E("4*9 + 36 = 27*3", "symbols equiv"),
    E("27*3 = 75"),
    ("the answer to the arithmetic expression 4*9 «is» 75", "4*9", "75", "words"),
], note="'4*9 = 36, which gives us 4*9 = 36' and '4*9 + 36 = 27, which is 4*9 + 36 = 27*3 = 75': the phrases "
        "join two equations, so only their '=' are labelled; in the chain each side is what stands between two "
        "signs")
L["smol-1op-boxed-t0.7-161"] = T("8", S("4*2 = 8", "4*2 = 8"))
L["smol-1op-boxed-t0.7-162"] = T(None, S("3 + 3 = 6"))
L["smol-1op-boxed-t0.7-163"] = T("1", [
    ("4 * 2 «equals» 8", "4*2", "8", "words"),
    U("we can multiply it by 1 «to get» 1", "reference"),
], note="'4 remainder 1, we can multiply it by 1 to get 1': 'it' (the remainder of 4 by 2, stated as 1 with no "
        "result word) has no value the text gives as a claim")
L["smol-1op-boxed-t0.7-164"] = T("32", S("7 + 9 = 16", "16 * 2 = 32"))
L["smol-1op-boxed-t0.7-165"] = T(None, [("1-5 «is» 1 less than 5", "1-5", "5-1", "words")],
                                 note="'1-5 is a composite number' has no number on its right: not a claim")
L["smol-1op-boxed-t0.7-166"] = T("4", S("8 - 4 = 4"))
L["smol-1op-boxed-t0.7-167"] = T("2", [
    ("the least common multiple of 2 and 4, «which is» 4", "lcm(2,4)", "4", "words named"),
    ("multiply both the numerator and denominator of 4/2 by 2, «which gives us» 4/2", "(4*2)/(2*2)", "4/2",
     "words equiv fraction"),
    U("divide both the numerator and denominator of 4 by 2, «which gives us» 2", "function"),
    E("4 × 2 = 8"),
    ("8, «which is» the result of the division of 4 by 2", "4/2", "8", "words"),
], note="multiplying both parts of 4/2 by 2 gives 8/4, claimed as 4/2 (equal in value); 4 has no numerator and "
        "denominator written, so the next one is not checkable")
L["smol-1op-boxed-t0.7-168"] = T(None, [U("Multiply the numerator and denominator by 4 «to get» 8", "reference")],
                                 note="cut off by the token limit; the lone '1' on the first line is no concluding "
                                      "statement; no fraction is named for 'the numerator and denominator'")
L["smol-1op-boxed-t0.7-169"] = T("27", [E("9/3 = 27", "symbols fraction")])
# the second line of 10 (seed 4012)
L["smol-1op-boxed-t0.7-170"] = T("11", S("2-1 = 11"))
L["smol-1op-boxed-t0.7-171"] = T("6/3", [
    ("6 «is equal to» 3/4", "3/4", "6", "words fraction"),
    ("rewrite 6/3 «as» 3/4", "6/3", "3/4", "words equiv fraction"),
    E("6 * 3/4 = 18/16", "symbols fraction"),
])
L["smol-1op-boxed-t0.7-172"] = T("6", S("1 + 5 = 6"))
L["smol-1op-boxed-t0.7-173"] = T(None, [
    U("The number of hours that make up 9, «which is» 3", "definition"),
    ("the ratio of 9/3, «which is» 3/4", "9/3", "3/4", "words fraction"),
    ("multiply 9 by 3, «which gives you» 33", "9*3", "33", "words"),
    ("multiply 3 by 4 «to get» 12", "3*4", "12", "words"),
    U("9/3 «is» the fraction of 3:4"),
], note="'3/4, or 9:3:4' and '3:4, or 9:3:12' join ratios, not numbers: no claim; what number 'the fraction of "
        "3:4' is cannot be told; the text ends with no concluding answer")
L["smol-1op-boxed-t0.7-174"] = T("18", [
    E("6 * 3 = 18"),
    ("the answer to the arithmetic expression 6/3 «is» 18", "6/3", "18", "words fraction"),
], note="'multiply both the numerator and denominator by 3. This gives us 6 * 3 = 18': the result phrase's right "
        "side is the equation, one claim (the equation's)")
L["smol-1op-boxed-t0.7-175"] = T("15", [("adding 9 to 6, «which equals» 15", "6+9", "15", "words")])
L["smol-1op-boxed-t0.7-176"] = T("6/2", [
    ("6/2 «is» the answer to the equation 6 divided by 2", "6/2", "6/2", "words equiv fraction")])
L["smol-1op-boxed-t0.7-177"] = T("2", [], note="'2 is 2, and 1 is 1' joins numbers with no operation: no claim")
L["smol-1op-boxed-t0.7-178"] = T("9", [
    ("calculate 9*1. This «is» 9", "9*1", "9", "words next"),
    ("calculate 9*1 «as» 9", "9*1", "9", "words"),
    E("9*1 = 9"),
], note="'9, which is 10 in both base 10 and base 10' joins two numbers with no operation: no claim")
L["smol-1op-boxed-t0.7-179"] = T("18", [
    ("multiplying 2 by 9 and adding the result of 2 times 9. This «results in» 18", "2*9+2*9", "18", "words next"),
    ("18, «which is» the answer to 2*9", "2*9", "18", "words"),
    E("2*9 = 18"),
])
# SmolLM2 base, one operation, boxed prompt, T=1.0 (seed 4021)
L["smol-1op-boxed-t1.0-180"] = T("13", [E("3 * 6 = 18"), U("answer «=» 18 - 3", "algebra"), E("18 - 3 = 13")],
                                 note="'so answer = 18 - 3 = 13': 'answer' names the value, as a line naming a sum")
L["smol-1op-boxed-t1.0-181"] = T("17", S("1 + 6 = 7"))
L["smol-1op-boxed-t1.0-182"] = T(None, [
    ("multiply 4 by 10, «which will yield» 41", "4*10", "41", "words"),
    E("4 + 9 + 10 = 41"),
])
L["smol-1op-boxed-t1.0-183"] = T("14", [], note="'There are 7 in the sum of 7 + 7' has no result word: no claim")
L["smol-1op-boxed-t1.0-184"] = T("10", [
    U("find the product of 2*5 with 10 on the left-hand side, «which gives you» 10*25"),
    E("5*5=25"),
    E("2*5 = 10"),
], note="how 10 joins the product of 2*5 'on the left-hand side' cannot be told; 'the final answer to the "
        "arithmetic expression is 2*5 = 10' leads into the equation (one claim, the equation's)")
L["smol-1op-boxed-t1.0-185"] = T("28", [
    E("9 * 4 = 28"),
    ("answer 28 «is» the value of 9*4", "9*4", "28", "words"),
], note="the '≡' line is not labelled, as elsewhere")
L["smol-1op-boxed-t1.0-186"] = T("8", [
    ("add 5 and 3 «to get» 8", "5+3", "8", "words"),
    U("nautical_miles_to_output «=» 5 + 3", "other"),
    U("input_output «=» sum_of_nautical_miles", "other"),
], note="the '=' signs are Python assignments in a code block")
L["smol-1op-boxed-t1.0-187"] = T("11", S("8 - 3 = 11", "11 * (2 + 1) = 12", "8 - 3 = 11"))
L["smol-1op-boxed-t1.0-188"] = T(None, [
    ("8*4 «equals» 32", "8*4", "32", "words"),
    U("32, «which is» the product of a number and -3", "reference"),
])
L["smol-1op-boxed-t1.0-189"] = T(None, S("1 + 3 = 4"), note="'The answer is stored in a box' gives no answer")
# the second line of 10 (seed 4022)
L["smol-1op-boxed-t1.0-190"] = T("5", [])
L["smol-1op-boxed-t1.0-191"] = T("2", [
    E("2-2 = 4"),
    U("adding these two values together will «give us» a remainder of 2", "function"),
], note="'Since 2 is 2 and 4 is 2' joins numbers with no operation: no claim")
L["smol-1op-boxed-t1.0-192"] = T(None, S("9 - 9 = 0"))
L["smol-1op-boxed-t1.0-193"] = T("15", [
    ("the sum of 6 (third term) and 3 (first term), «which is» 9", "6+3", "9", "words"),
    E("6 + 9 = 15"),
], note="'The answer is 15, which is the result of the given arithmetic expression' names no expression: the "
        "final answer, no claim")
L["smol-1op-boxed-t1.0-194"] = T("44", [
    E("4 x 10 = 4", lhs="4*10"),
    ("add 44 twice, «that is» 180", "44+44", "180", "words"),
], note="the text states 'the result is 44' and later speaks of 'the answer of 180'; its answer is read as the "
        "stated result")
L["smol-1op-boxed-t1.0-195"] = T("3", [])
L["smol-1op-boxed-t1.0-196"] = T("16/8", [
    U("we can express it «as» 2/2", "reference"),
    U("2x «=» 8", "algebra"),
    U("the whole value of the fraction «is» 8", "reference"),
    U("the fraction of the integer part of 2/4 «as» 4/8", "function"),
    U("2x/2 «=» 8/4", "algebra"),
    ("8/4 «results in» a whole number, such as 24", "8/4", "24", "words fraction"),
], note="cut off by the token limit; 'it' and 'the fraction' stand for 8/4, '8cm' or 2x/2, which cannot be told; "
        "'8/4 results in a whole number, such as 24' read as claiming 24")
L["smol-1op-boxed-t1.0-197"] = T("11", [E("7 + 4\n= 11")])
L["smol-1op-boxed-t1.0-198"] = T(None, [])
L["smol-1op-boxed-t1.0-199"] = T(None, [])
# SmolLM2 base on `addmul` (2-3 operations, + and x, operands 1-5), the world's prompt, T=0.7 (seed 4031)
L["smol-addmul-t0.7-313"] = T(None, [
    ("multiply 1*2*3 by itself, «which is» 8*10*2*3", "(1*2*3)*(1*2*3)", "8*10*2*3", "words equiv"),
    E("8*10*2*3 = 8*10*2*3", "symbols equiv"),
    E("8*10*2*3 = 240"),
    E("1*2*3 = 1*2*3*3", "symbols equiv"),
    E("1*2*3*3 = 8*10*2*3", "symbols equiv"),
    E("8*10*2*3 = 240"),
], note="'multiply 1*2*3 by itself, which is 8*10*2*3 = ...': the phrase joins a named operation to the "
        "equation's left side, a claim of its own (as 'The result of 5*2*8/4 is 5*8*4 = 720' in the first round); "
        "the text gives no concluding answer")
L["smol-addmul-t0.7-314"] = T("6.67", [
    U("This arithmetic expression «is approximately» 6.67", "reference"),
    E("2 = 2 + 2", lhs="2+2", rhs="2"),
    E("2 = 3"),
    E("2 + 2 + 3 = 6.67"),
], note="'This arithmetic expression' names no expression (the problem is only in the prompt)")
L["smol-addmul-t0.7-315"] = T(None, [U("initial_fib«=»0", "other"), U("initial_fib«=»0", "other")],
                              note="cut off by the token limit; the '=' signs are Python default arguments")
L["smol-addmul-t0.7-316"] = T(None, [])
L["smol-addmul-t0.7-317"] = T("27", [
    E("2*3 + 3*5 = 12 + 30", "symbols equiv"), E("12 + 30 = 32"),
    E("5*5 + 5*3 = 15 + 30", "symbols equiv"), E("15 + 30 = 45"),
    E("32 + 45 = 97"),
    E("2*3 + 5*3 = 9*3", "symbols equiv"), E("9*3 = 27"),
])
L["smol-addmul-t0.7-318"] = T("5", [("we have 3 and 2, and we add them together, «resulting in» 5", "3+2", "5",
                                     "words refer")])
L["smol-addmul-t0.7-319"] = T("240", [
    E("2 * 5 * 4 = 120"),
    ("120, «which is» the result of the addition of 5 + 5 * 4", "5+5*4", "120", "words"),
    E("2 * 120 = 240"),
], note="'This results in 2 * 5 * 4 = 120' and 'This results in 2 * 120 = 240': each result phrase leads into "
        "its equation (one claim, the equation's)")
L["smol-addmul-t0.7-320"] = T("15", [("3 times 3 and adding 5, «which results in» 15", "3*3+5", "15", "words")])
L["smol-addmul-t0.7-321"] = T("12", S("3 + 3 = 6", "6 * 3 = 18", "3 + 6 + 4 = 12"))
L["smol-addmul-t0.7-322"] = T("15", [])
# the second line of 10 (seed 4032)
L["smol-addmul-t0.7-323"] = T("75", [
    ("the first term is 5 and the last term is 4, so we multiply them together «to get» 15", "5*4", "15",
     "words refer"),
    E("5*15 = 75"),
])
L["smol-addmul-t0.7-324"] = T("120", [
    U("This arithmetic expression «is equal to» 4*(3*4*5)", "reference"),
    ("4*(3*4*5), «which equals» 120", "4*(3*4*5)", "120", "words"),
], note="'This arithmetic expression' names no expression (the problem is only in the prompt)")
L["smol-addmul-t0.7-326"] = T("8", [("the product of 4 and 1, «which is» 4", "4*1", "4", "words"), E("4*2 = 8")])
L["smol-addmul-t0.7-327"] = T("12", S("4 + 2 + 4 = 12"))
L["smol-addmul-t0.7-328"] = T("8", [("the multiplications of the given values of 3, 2, and 2, «which yields» 8",
                                     "3*2*2", "8", "words")])
L["smol-addmul-t0.7-329"] = T("6", [("multiply 3*1 by 2, «which gives» 3*2", "3*1*2", "3*2", "words equiv")])
L["smol-addmul-t0.7-330"] = T("1", [
    U("the remainder of 1+5+2+1 when divided by 5.\n\nThis remainder «is» 0", "function"),
    E("1+5+2+1 = 2*0 + 3*5", "symbols equiv"),
    E("2*0 + 3*5 = 1*5", "symbols equiv"),
    E("1*5 = 10"),
])
L["smol-addmul-t0.7-331"] = T("15", [
    ("2 + 3 + 4 + 5, «which represents» the sum of the sequence of consecutive integers from 1 to 5", "2+3+4+5",
     "1+2+3+4+5", "words named"),
    U("n/2 * (first term + last term) «=» n * ((first term + last term) / 2)", "algebra"),
    U("n «=» 5", "algebra"),
    U("n * ((first term + last term) / 2) «=» 3.5", "algebra"),
    E("2 + 3 + 4 + 5 = 15"),
])
L["smol-addmul-t0.7-332"] = T(None, [E("1*1*5*3 = 5*2*6", "symbols equiv"), E("5*2*6 = 150")],
                              note="'There is no answer to this arithmetic expression'")
L["smol-addmul-t0.7-333"] = T("20", S("5 * 4 + 4 = 20"))
# SmolLM2 base on `addmul`, boxed prompt, T=1.0 (seed 4041)
L["smol-addmul-boxed-t1.0-334"] = T("12", [
    ("multiply 4 by 2 «which gives» 8", "4*2", "8", "words"),
    ("add 4 and 2 «which gives» 6", "4+2", "6", "words"),
    ("add 6 and 4, «which results in» 10", "6+4", "10", "words"),
    ("4*1+2*2 «equals» 4*3", "4*1+2*2", "4*3", "words equiv"),
    E("4*3=12"),
])
L["smol-addmul-boxed-t1.0-335"] = T(None, S("4 + 5 = 9"))
L["smol-addmul-boxed-t1.0-336"] = T(None, [])
L["smol-addmul-boxed-t1.0-338"] = T(None, [], note="cut off by the token limit; no arithmetic claim")
L["smol-addmul-boxed-t1.0-339"] = T(None, [
    ("add 1 to 5 «to get» 1*5", "5+1", "1*5", "words equiv"),
    E("1*5 = 1*5", "symbols equiv"),
    E("1*5 = 10"),
    U("x «=» 1", "algebra"),
    E("1+4+5 = 15"),
], note="'substitute x = 1 into the expression and get 1+4+5 = 15': 'get' leads into the equation (one claim, "
        "the equation's)")
L["smol-addmul-boxed-t1.0-340"] = T("11", [
    ("Computing 4 + 3 * 1 «yields» 4 * 1", "4+3*1", "4*1", "words equiv"),
    E("4 * 1 = 4"),
    E("4 + 3 = 7"),
    E("4 + 7 = 11"),
], note="'Adding 3 to this result results in 4 + 3 = 7' leads into the equation (one claim, the equation's)")
L["smol-addmul-boxed-t1.0-341"] = T(None, [
    ("The factorial of 4 «is» 2 \\cdot 3 \\cdot 5", "4*3*2*1", "2*3*5", "words equiv named"),
    ("2 \\cdot 3 \\cdot 5 «which results in» 6", "2*3*5", "6", "words"),
    ("(4*3*5) «which gives» 24", "4*3*5", "24", "words"),
], note="the factorial of 4 is written out as 4*3*2*1; the text ends with no answer")
L["smol-addmul-boxed-t1.0-343"] = T(None, [
    U("an integer which, when doubled, «will yield» 1", "algebra"),
    U("when quadrupled, «will yield» 2", "algebra"),
], note="cut off by the token limit; 'an integer' is an unknown")
L["smol-addmul-boxed-t1.0-344"] = T(None, S("4 + 2 + 5 = 14"))
# the second line of 10 (seed 4042)
L["smol-addmul-boxed-t1.0-345"] = T("2", [
    E("2 x 2 = 2", lhs="2*2"),
    U("an equality («=») check", "other"),
    E("2+5=8"),
], note="'adding 2 to itself four times.' has no result; 'take the result 15 out of one odd one being 13' says "
        "no operation on its numbers")
L["smol-addmul-boxed-t1.0-346"] = T("18", [
    ("The given expression 2+3+5+3 «equals» 18", "2+3+5+3", "18", "words"),
    E("2+3+5+3=18"),
])
L["smol-addmul-boxed-t1.0-347"] = T(None, [
    E("2*(2*4*5) = 100"),
    U("2 units of 2 units of 2 * 2 units «=» 20"),
    U("adding the 2 times 2 multiplication by 4 «will be» 2 units multiplied by 2 * 2"),
    E("2 * 2 = 4"),
    U("the division of the product by 4 still «leaves us with» 8", "reference"),
    E("2+4+8 = 20"),
    E("2+4+8 = 8"),
    U("division of 4 into 2 «which was» 2+4"),
], note="cut off by the token limit; the 'units' sentences do not say how their numbers are joined; 'division of "
        "4 into 2' may be 4/2 or 2/4")
L["smol-addmul-boxed-t1.0-348"] = T("5", [
    U("The remainder when 1*1*5 is divided by 3 «is» 2", "function"),
    ("1*2*5 «which is» 10*5", "1*2*5", "10*5", "words equiv"),
    ("5x10 «is» 50", "5*10", "50", "words"),
    E("1*1*5=5"),
], note="cut off by the token limit")
L["smol-addmul-boxed-t1.0-349"] = T(None, [
    ("2*2+2 «is equivalent to» 4", "2*2+2", "4", "words"),
    ("Dividing the operation between 2+2 «is» 4", "2+2", "4", "words"),
], note="'Dividing the operation between 2+2 is 4' read as the claim 2+2 is 4")
L["smol-addmul-boxed-t1.0-350"] = T("13", [])
L["smol-addmul-boxed-t1.0-351"] = T(None, [E("+1*1+1 = +2")],
                                    note="'Add 1 to both sides of the equation, give +1*1+1 = +2': 'give' leads "
                                         "into the equation (one claim, the equation's)")
L["smol-addmul-boxed-t1.0-352"] = T("11", S("3 + 1 + 2 * 4 = 11"))
L["smol-addmul-boxed-t1.0-353"] = T("12xy", [
    E("2+4 = 6"),
    U("2+4*6 «=» 2(5x)", "algebra"),
    U("2+4*3 «=» 12xy", "algebra"),
    U("2+4*3 «=» 12xy", "algebra"),
    U("2+4*3 «=» 12x + 2x", "algebra"),
    U("2+4*4 «=» 8x", "algebra"),
])
L["smol-addmul-boxed-t1.0-354"] = T(None, S("1+2 = 3"))
L["smol-addmul-boxed-t1.0-356"] = T(None, [], note="'equal to 2(10)' has no number on its left: no claim")
# SmolLM2 base, 2 operations (`tiny` preset, `indep` split: the next 20 after the first rounds' 40), T=0.7 (seed 4051)
L["smol-2op-r3-t0.7-129"] = T("2", [("the sum of 1 and 3 «is» 2", "1+3", "2", "words")])
L["smol-2op-r3-t0.7-135"] = T(None, [
    E("1+3*7 = 24"),
    ("This «is» the sum of 1 + 3*7", "1+3*7", "24", "words refer"),
    ("the sum of 1 + 3*7, «which is equal to» 24", "1+3*7", "24", "words"),
], note="'This' is the 24 of '1+3*7 = 24' just before")
L["smol-2op-r3-t0.7-145"] = T("21", [
    ("6/2, «which is» 2", "6/2", "2", "words fraction"),
    ("1 + 5, «which is» 15", "1+5", "15", "words"),
], note="'add 6 to 6/2, which is 2, and then multiply it by 1 + 5, which is 15': each 'which is' read on the "
        "term just before it (read on the whole step, 6 + 6/2 = 9 and 2 * (1 + 5) = 12, both are wrong as well)")
L["smol-2op-r3-t0.7-146"] = T("8", [
    E("(4*2)/2 = 8/2", "symbols equiv fraction"),
    E("8/2 = 4", "symbols fraction"),
    E("4*2 = 8"),
], note="'The given expression is (4*2)/2 = ...' leads into the equation; 'n is 2' names a number: no claim")
L["smol-2op-r3-t0.7-147"] = T("8", [U("adding them both together, «which results in» 8", "reference")],
                              note="'them' are 'the numerator of 8 by 2' and 'the denominator of 2 by 2', whose "
                                   "values the text does not give")
L["smol-2op-r3-t0.7-150"] = T("8", [
    E("8*2 = 16"), E("2*4 = 8"), E("2*4 = 8"),
    ("The expression 8*2-4 is a standard arithmetic expression that can be «simplified to» 8*2 - 4", "8*2-4",
     "8*2-4", "words equiv"),
    E("8*2 - 4 = 8*2 - 4", "symbols equiv"),
    E("8*2 - 4 = 2*2", "symbols equiv"),
    E("2*2 = 4*2", "symbols equiv"),
    E("4*2 = 4*4", "symbols equiv"),
    E("4*4 = 16*2", "symbols equiv"),
    E("16*2 = 2*2", "symbols equiv"),
    E("4*2 = 8"),
])
L["smol-2op-r3-t0.7-151"] = T("20", [
    U("multiply both numerator and denominator by 2, «which results in» 10", "reference"),
    E("(8/2)*10 = 10 * 2", "symbols equiv fraction"),
    E("10 * 2 = 20"),
    ("the reciprocal of 10, «which is» 1/2", "1/10", "1/2", "words named fraction"),
    ("20 «is equal to» 12/2", "12/2", "20", "words fraction"),
], note="no fraction is named for 'both numerator and denominator'")
L["smol-2op-r3-t0.7-152"] = T("32", [
    E("(8*2)-9 = (24-2)*8", "symbols equiv"),
    E("(24-2)*8 = 24-2*8", "symbols equiv"),
    E("24-2*8 = 4*8", "symbols equiv"),
    E("4*8 = 30"),
    E("4*8 = 32"),
])
L["smol-2op-r3-t0.7-153"] = T("64", [
    E("3*2 = 6*3", "symbols equiv"), E("6*3 = 18"),
    E("2*3 = 6*4", "symbols equiv"), E("6*4 = 12"),
    E("3*4 = 12"),
    E("3*2*3 = 6*12", "symbols equiv"), E("6*12 = 64"),
    ("3*2*3 «is equal to» 64", "3*2*3", "64", "words"),
])
L["smol-2op-r3-t0.7-155"] = T("2", [
    ("adding the 8 and 5, «which gives us» 11", "8+5", "11", "words"),
    E("11 - 8 = 2"),
], note="'This can be expressed as 11 - 8 = 2' leads into the equation (one claim, the equation's)")
# SmolLM2 base, 2 operations, T=1.0 (seed 4061)
L["smol-2op-r3-t1.0-157"] = T("2", [
    U("the numerator of 4, «which is» 4", "function"),
    ("subtract 1 from that, «which gives us» 2", "4-1", "2", "words refer"),
    U("the previous value of 2 «is equal to» 4", "function"),
    U("the prior value of 4 «is» 2", "function"),
    ("we subtract 1 «to get» 2", "2-1", "2", "words refer"),
    U("taking the previous value of 2 and subtracting 1, «which gives us» 2", "function"),
], note="'that' is the 4 just before; 'subtract 1 to get 2' subtracts from the 'prior value' 2 just before; "
        "'previous value' and 'prior value' are no arithmetic")
L["smol-2op-r3-t1.0-159"] = T("19", [
    E("5 + 4 + 6 = 19"),
    ("19 «is treated as» 5 + 4 + 6", "5+4+6", "19", "words equiv"),
], note="'19 equals 19' joins numbers with no operation: no claim")
L["smol-2op-r3-t1.0-160"] = T(None, [
    E("6 - 5 = 7"), E("7 + 7 = 18"),
    ("Add 7 to 6 and multiply by 5 «to obtain» 6-1", "(6+7)*5", "6-1", "words equiv"),
    E("6-1 = 7"), E("6-1 = 7"),
    U("7, «which is» the last integer of 6", "function"),
])
L["smol-2op-r3-t1.0-161"] = T(None, [E("((3 + 2) - 7) = 3 + 14 - 7", "symbols equiv"), E("3 + 14 - 7 = -4")])
L["smol-2op-r3-t1.0-164"] = T(None, [
    E("(2*2) - 2*1 = 4"),
    ("4, «which is» the least common multiple of 2 and 1", "lcm(2,1)", "4", "words named"),
    ("1*2*2 «is» 2*2*2", "1*2*2", "2*2*2", "words equiv"),
], note="cut off by the token limit ('For example, 1*2, which')")
L["smol-2op-r3-t1.0-166"] = T(None, [])
L["smol-2op-r3-t1.0-167"] = T("7", [])
L["smol-2op-r3-t1.0-170"] = T("4", [
    ("subtracting 1 from 7, «which yields» 7", "7-1", "7", "words"),
    ("the additive inverse of 1, «which is» 2", "-1", "2", "words named"),
    ("7-1+2 «equals» 1+2", "7-1+2", "1+2", "words equiv"),
    E("1+2 = 3"), E("1+2 = 3"), E("1+2 = 3"),
    E("7-1+2= 4"),
], note="'which gives us the answer: 7-1+2= 4' leads into the equation (one claim, the equation's)")
L["smol-2op-r3-t1.0-171"] = T(None, [U("we just add the fractions «to get» 1", "reference")],
                              note="cut off by the token limit; no fractions are named")
L["smol-2op-r3-t1.0-180"] = T(None, [
    E("1 = 3"),
    ("6 can only be «represented as» 6/3", "6/3", "6", "words fraction"),
    ("the reciprocal of 6 in an algebraic context, «which is» 3/6", "1/6", "3/6", "words named fraction"),
    U("we can simplify to give the result «as» 1/3", "reference"),
    ("1/3, «which is» 6/3", "1/3", "6/3", "words equiv fraction"),
], note="cut off by the token limit; 'the result' of 'multiplying mixed numbers by 6/3' has no value in the text")
# SmolLM2 base, 3 operations (`tiny` preset, `indep` split: the next 20 after the first rounds' 40), T=0.7 (seed 4071)
L["smol-3op-r3-t0.7-132"] = T(None, S("1 + 2 + 3 + 4 + 5 = 16"), note="cut off by the token limit")
L["smol-3op-r3-t0.7-133"] = T("240", [
    E("7-2*8 = 2*8 + 2*10", "symbols equiv"),
    E("2*8 + 2*10 = 34"),
    ("multiply 34 by 8, «which is» 240", "34*8", "240", "words"),
])
L["smol-3op-r3-t0.7-134"] = T("1", [
    E("9*7 = 54"),
    ("54, «which is» the reciprocal of 9", "1/9", "54", "words named fraction"),
    ("divide 9*7 by 9*7 «to get» 1", "(9*7)/(9*7)", "1", "words"),
], note="'This is 9*7 = 54' leads into the equation (one claim, the equation's)")
L["smol-3op-r3-t0.7-136"] = T(None, [
    U("The inverse of 4 «is» 6", "function"),
    E("4*6 = 24"), E("24*6 = 144"),
    ("multiply 144 by 6. This «gives us» 680", "144*6", "680", "words next"),
    ("680, «which is» the result of 4*6", "4*6", "680", "words"),
    ("taking 4 and multiplying it by 7, «which is» 28", "4*7", "28", "words"),
    E("4*7 = 28"), E("28*6 = 144"),
], note="cut off by the token limit; 'the inverse of 4' may be 1/4 or -4")
L["smol-3op-r3-t0.7-137"] = T("25", [
    E("5(5*12) - 2(5*12) = 5*5 + 2*5", "symbols equiv", lhs="5*(5*12) - 2*(5*12)"),
    E("5*5 + 2*5 = 25"),
])
L["smol-3op-r3-t0.7-138"] = T("6", [
    E("(5+4/2)*2 = (5+4/2)*(2+4/2)", "symbols equiv fraction"),
    E("(5+4/2)*(2+4/2) = 11+4", "symbols equiv fraction"),
    E("11+4=15"),
    E("(5+4+2)/2 * (5+4+4)/2 = 25/4", "symbols equiv fraction"),
    E("25/4 = 6", "symbols fraction"),
], note="'multiplying both sides of the equation by (5+4/2) to get (5+4/2)*2 = ...' leads into the equation (one "
        "claim, the equation's)")
L["smol-3op-r3-t0.7-140"] = T("16", [
    E("9*4 = 36"), E("9*1 = 9"), E("4*1 = 4"), E("9*4 = 36"),
    E("9*4 - 4*1 = 4*4 - 4", "symbols equiv"),
    E("4*4 - 4 = 16"),
])
L["smol-3op-r3-t0.7-141"] = T(None, [
    E("8 + 8/2 = 16 + 8/2", "symbols equiv fraction"),
    E("16 + 8/2 = 18 + 8/2", "symbols equiv fraction"),
    E("18 + 8/2 = 26", "symbols fraction"),
    E("26 = 2*27 + 2", lhs="2*27+2", rhs="26"),
    E("2*27 + 2 = 2*27", "symbols equiv"),
    E("2*27 = 6*2", "symbols equiv"),
    E("6*2 = 12"),
    E("8 + 8/4 = 16 + 8/4", "symbols equiv fraction"),
    E("16 + 8/4 = 20", "symbols fraction"),
    E("20 = 2*2*4", lhs="2*2*4", rhs="20"),
    E("2*2*4 = 4*2", "symbols equiv"),
    E("4*2 = 8"),
    E("12 = 2*2", lhs="2*2", rhs="12"),
    U("2*2 «=»"),
], note="cut off by the token limit right after the last '='")
L["smol-3op-r3-t0.7-143"] = T(None, [E("(3+3) = 6"), E("6 + 6 + 6 = 12")], note="cut off by the token limit")
L["smol-3op-r3-t0.7-148"] = T("32", [
    U("add the numerators, «which yields» 9", "reference"),
    E("9 * (6 - 8) = 4 * 8", "symbols equiv"),
    E("4 * 8 = 32"),
], note="'The given arithmetic expression is 9 + 6 - 8' restates the problem (wrongly): no claim; no fractions "
        "are named for 'the numerators'")
# SmolLM2 base, 3 operations, T=1.0 (seed 4081)
L["smol-3op-r3-t1.0-149"] = T("6", [
    ("four times 3 «is» 12", "4*3", "12", "words numwords"),
    U("Dividing both sides by 2 «results in» 1", "reference"),
    ("multiplying this by 4 «gives» 4", "1*4", "4", "words refer"),
    E("(4 × 1) × (3/2) = (4 × 3) × 1/2", "symbols equiv fraction"),
    E("(4 × 3) × 1/2 = 12", "symbols fraction"),
    E("4+4=6"),
], note="'and six is 6' joins numbers with no operation: no claim; 'this' is the 1 just before; 'the final "
        "result gives us the actual answer 4+4=6' leads into the equation (one claim, the equation's) and gives "
        "the text's last answer, after 'The answer is 4'")
L["smol-3op-r3-t1.0-162"] = T(None, [])
L["smol-3op-r3-t1.0-163"] = T(None, [])
L["smol-3op-r3-t1.0-168"] = T(None, [], note="'the result of addition, which is 15' names no numbers: no claim")
L["smol-3op-r3-t1.0-169"] = T(None, [("8 in addition to 4-7-7*8 «=» 23", "8+(4-7-7*8)", "23", "words")],
                              note="the left side is all that stands before the sign, '8 in addition to 4-7-7*8' "
                                   "(read as 4-7-7*8 alone it is wrong as well)")
L["smol-3op-r3-t1.0-172"] = T(None, [
    ("The expression \"9 + 6/3 - 6\" can be «written as» 9 + (6/3) + 3 + 6", "9+6/3-6", "9+(6/3)+3+6",
     "words equiv fraction"),
    ("9 + (6/3) + 3 + 6 «as» 9 + 6 + 2 + 3", "9+(6/3)+3+6", "9+6+2+3", "words equiv fraction"),
    U("the denominator of 381, «which is» 9", "function"),
])
L["smol-3op-r3-t1.0-175"] = T(None, [])
L["smol-3op-r3-t1.0-176"] = T(None, [E("9/3 = 3", "symbols fraction")])
L["smol-3op-r3-t1.0-177"] = T("70", [("multiply 7 by 1 - 1 «to get» 7", "7*(1-1)", "7", "words")],
                              note="'multiply 7 by 1 - 1' read as 7*(1-1) (as 7*1-1 it is wrong as well)")
L["smol-3op-r3-t1.0-181"] = T(None, [], note="the '≡' line is not labelled, as elsewhere")
# the tiny model with the climb's N=32,000 adapter (assets/valley/climb/adapters/long-n32000), T=1.0 (seed 409)
L["tiny-climb-n32000-t1.0-140"] = T("7", S(
    "18 / 6 = 3", "2 / 3 = 2", "20 / 5 = 4", "4 * 5 = 20", "20 / 5 = 4", "14 - 3 = 11", "11 - 4 = 7", "18 / 6 = 3",
    "20 / 3 = 4", "14 - 3 = 11", "11 - 4 = 7"),
    note="'14-3/3-20/5<0x1c>2 / 3 = 2': a control character parts the restated expression from the claim 2 / 3 = 2")
L["tiny-climb-n32000-t1.0-141"] = T("-111", [
    *S("10 / 2 = 5", "5 * 2 = 10", "13 + 5 = 18", "18 - 5 = 13", "14 - 17 = -3", "18 - (-3) = 12",
       "12 + (-3) = 18"),
    U("12 - (-3) «=» 12-1"),
    *S("10 / 2 = 5", "13 - 5 = 8", "10 + 2 = 12", "12 - 17 = -5", "18 - (-3) = 12", "12 - (-1) = 111", "10 / 2 = 5",
       "-13 - 5 = -38", "-3 - 3 = -3", "-3 - 2 = -5", "18 - (-3) = 12", "12 - (-1) = 111", "-111 + 5 = -106",
       "-106 - 5 = -111")],
    note="'12 - (-3) = 12-1ALet me check': whether the right side is 12 or 12-1 cannot be told (a stray 'A' is "
         "glued to it; either is wrong)")
L["tiny-climb-n32000-t1.0-142"] = T("-17", S(
    "18 - 20 = -2", "-2 + 20 = 18", "20 / 4 = -5", "-5 * 4 = -20", "20 / 4 = 5", "-20 / 5 = -4", "-4 - 5 = -19",
    "-19 + 5 = -14", "-4 - 5 = -9", "18 - 20 = -2", "20 / 4 = 5", "5 / 5 = 1", "-20 - 5 = -25", "-25 - 5 = -30",
    "-30 + 6 = -14", "18 - 20 = -2", "-20 / 4 = -5", "-5 / 5 = -1", "-1 - 5 = -6", "-6 - 5 = -11", "-11 - 6 = -17"),
    note="'(-20)-20/4/5</+20 / 4 = -5': the claim is read as 20 / 4 = -5 after the stray '</+' (wrong as +20 / 4 "
         "too)")
L["tiny-climb-n32000-t1.0-143"] = T("82", S(
    "5 * 17 = 85", "85 / 17 = 5", "13 * 19 = 247", "247 / 19 = 13", "13 / 13 = 1", "1 * 13 = 13", "85 - 1 = 84",
    "94 - 13 = 83", "83 + 13 = 94", "83 - 1 = 82", "82 + 1 = 83", "83 - 1 = 82"),
    note="'Hm94 - 13 = 83': the operand is read after the stray 'Hm'; '85-13*19/19/13<?>13 * 19 = 247' after a "
         "byte token")
L["tiny-climb-n32000-t1.0-144"] = T("-5", S(
    "17 * 3 = 51", "51 / 17 = 3", "20 * 3 = 60", "60 - 18 = 42", "17 * 3 = 51", "51 / 17 = 3", "20 * 3 = 60",
    "60 - 18 = 42", "17 * 3 = 51", "51 / 17 = 3", "20 * 3 = 60", "60 - 18 = 42", "4 - 9 = -5"))
L["tiny-climb-n32000-t1.0-145"] = T(None, S("12 * 13 = 156"), note="the text stops after one step, with no answer")
L["tiny-climb-n32000-t1.0-146"] = T("-26", S(
    "1 * 3 = 3", "11 - 3 = 8", "8 + 3 = 11", "8 - 6 = 2", "2 + 6 = 8", "2 - 18 = -16", "1 * 3 = 3", "11 - 3 = 8",
    "8 - 6 = 2", "2 - 18 = -16", "-16 - 18 = -26"),
    note="'The8 - 6 = 2': the operand is read after the stray 'The'")
L["tiny-climb-n32000-t1.0-147"] = T("-35", S(
    "11 * 8 = 88", "20 - 3 = 17", "17 + 3 = 20", "17 + 15 = 32", "32 - 15 = 17", "32 + 1 = 33", "33 - 1 = 32",
    "33 - 88 = -35", "11 * 8 = 88", "20 - 3 = 17", "17 + 15 = 32", "32 + 1 = 33", "33 - 88 = -35"),
    note="'edtart20 - 3 = 17': the operand is read after the stray 'edtart'")
L["tiny-climb-n32000-t1.0-148"] = T("-48", S(
    "7 * 9 = 63", "9 * 7 = 63", "7 * 9 = 63", "7 + 9 = 16", "16 - 9 = 7", "7 + 9 = 16", "16 - 2 = 14", "14 + 2 = 16",
    "16 - 2 = 14", "14 + 1 = 15", "15 - 1 = 14", "15 - 63 = -48", "7 * 9 = 63", "7 + 9 = 16", "16 - 2 = 14",
    "14 + 1 = 15", "15 - 63 = -48"),
    note="'fy7 + 9 = 16' and '</15 - 63 = -48': the operands are read after the stray tokens")
L["tiny-climb-n32000-t1.0-149"] = T(None, S(
    "13 - 12 = 1", "1 + 12 = 13", "13 - 12 = 1", "1 + 11 = 12", "12 - 11 = 1", "12 + 1 = 13", "13 + 11 = 24",
    "13 - 12 = 1", "1 + 11 = 12", "12 + 1 = 13", "13 + 11 = 24", "24 + 11 = 35", "13 - 12 = 1", "1 + 11 = 12",
    "12 + 1 = 13", "13 + 11 = 24", "24 + 11 = 35", "35 + 11 = 46", "46 - 11 = 35", "13 + 11 = 24", "12 + 1 = 13",
    "13 + 1 = 14", "14 + 11 = 25", "25 + 1 = 36", "36 - 11 = 35", "35 + 11 = 46", "13 + 1 = 14", "12 + 1 = 13",
    "13 + 1 = 14"), note="cut off by the token limit")

# ------------------------------------------------------------------------------------------------
# Round 4 (labelled by a fourth labeller, apart from the rules, before the checker ran on any of these texts)
# ------------------------------------------------------------------------------------------------
# SmolLM2 base, 2 operations (`indep` split: the next 20 after round 3's), T=0.7 (seed 5011)
L["smol-2op-r4-t0.7-183"] = T("16", [
    ("2*4 «equals» 8", "2*4", "8", "words"),
    ("4*2 «equals» 8", "4*2", "8", "words"),
])
L["smol-2op-r4-t0.7-185"] = T("45", [
    ("the product of 5 and 1, «which equals» 5", "5*1", "5", "words"),
    E("5*3 = 15*3", "symbols equiv"),
    E("15*3 = 45"),
], note="'we add 5 to both sides of the equation to get 5*3 = 15*3' leads into the equation (one claim, the "
        "equation's)")
L["smol-2op-r4-t0.7-191"] = T("1", [
    U("multiply it by 8, «which gives us» 8", "reference"),
    U("multiply it by 8, «which gives us» 45", "reference"),
    ("we multiply 45 by 8 «to get» 320", "45*8", "320", "words"),
    ("we add 5 «to get» 375", "320+5", "375", "words refer"),
    U("divide the top of the number by 375, «which gives us» 1", "reference"),
    ("8 + 5 «equals» 13", "8+5", "13", "words"),
    ("8 + 5 «equals» 11", "8+5", "11", "words"),
], note="'the top of the denominator', 'the bottom of the numerator' and 'the top of the number' have no value in "
        "the text; 'add 5 to get 375' adds to the 320 just before")
L["smol-2op-r4-t0.7-195"] = T("310", [E("7*5 + 7*5 + 7*5 = 310")],
                              note="'The sum of this sequence is 7*5 + ... = 310' leads into the equation (one "
                                   "claim, the equation's; 'this sequence', 'the sequence 7-6-5', has no one sum "
                                   "the text gives); its result is the answer")
L["smol-2op-r4-t0.7-199"] = T(None, [
    U("multiplying both the numerator and denominator by 4 «to get» 2 times the fractions", "reference"),
    ("we multiply 2 * 2/4 by 1/2, «which results in» 2/4", "(2*2/4)*(1/2)", "2/4", "words fraction"),
], note="the fractions 3/4 and 1/6 are the text's own; 'both the numerator and denominator' name no one fraction")
L["smol-2op-r4-t0.7-207"] = T("1/3", [
    E("9*3/3 = 27/9", "symbols equiv fraction"),
    ("the reciprocal of 27/9, «which is» 1/3", "9/27", "1/3", "words named fraction"),
])
L["smol-2op-r4-t0.7-211"] = T(None, [
    E("2 * (9 * 5) = 2 * 50", "symbols equiv"),
    E("2 * 50 = 100"),
    E("2 * 5 = 10"),
], note="'it is often denoted as 2 * 5 = 10' leads into the equation (one claim, the equation's); the text ends "
        "on equations")
L["smol-2op-r4-t0.7-215"] = T("6", [
    ("the product of 1 and 6, «which is» 6", "1*6", "6", "words"),
    ("multiply 6 by itself, «which gives us» 6", "6*6", "6", "words named"),
    E("1*6 = 6"),
])
L["smol-2op-r4-t0.7-218"] = T("27", [
    E("9/3 = 2", "symbols fraction"),
    ("9 multiplied by 3 «is» 27", "9*3", "27", "words"),
    ("27, «which is equivalent to» 9 * 2", "9*2", "27", "words"),
])
L["smol-2op-r4-t0.7-220"] = T(None, [
    U("the sum of the first 3 terms, «which is» 9+(8+5)", "definition"),
    U("The sum of the first 3 terms «is» 9+(8+5)", "definition"),
    ("this «is equal to» 9(9+5)", "9+(8+5)", "9*(9+5)", "words equiv refer"),
    E("9(9+5) = 85", lhs="9*(9+5)"),
    U("the sum of the first 3 terms, «which is» 9+(8+5)", "definition"),
    U("n «=» 3", "algebra"),
], note="cut off by the token limit; 'this' is the 9+(8+5) just before; 'the sum of the first 3 terms' of an "
        "'arithmetic progression' is a description")
# SmolLM2 base, 2 operations, T=1.0 (seed 5021)
L["smol-2op-r4-t1.0-223"] = T("41", [
    ("add the 8 and 4. This «results in» 12", "8+4", "12", "words next"),
    ("find 4 + 4. To achieve this result, it «is» 4 times 8", "4+4", "4*8", "words equiv refer"),
    ("4 times 8, and then «simplify to» 16", "4*8", "16", "words"),
    ("16 can be added to the original 4 «to get» 40", "16+4", "40", "words"),
    ("added to 8 «gives» 41", "40+8", "41", "words refer"),
], note="'To achieve this result, it is 4 times 8' read as 4 + 4 being 4 times 8; 'added to 8 gives 41' adds 8 "
        "to the 40 just before")
L["smol-2op-r4-t1.0-228"] = T("14", [E("8 - 9*2 = 8 + 2", "symbols equiv"), E("8 + 2 = 14")])
L["smol-2op-r4-t1.0-235"] = T(None, [
    E("((4/2)*7) = (24/7)", "symbols equiv fraction"),
    E("(24/7) = 4 * 7/2", "symbols equiv fraction"),
    E("4 * 7/2 = 4*2", "symbols equiv fraction"),
    E("4*2 = 8"),
    E("(24/2) = 12/4", "symbols equiv fraction"),
    E("(28/4) = 37/2", "symbols equiv fraction"),
], note="'the product of numbers that do not share a common factor, which is 4 and 2' names two numbers: no claim")
L["smol-2op-r4-t1.0-236"] = T(None, [U("x «is» the product of 5 and 2", "algebra")],
                              note="'3 and the number itself is simplified to 3' joins a number and a reference "
                                   "with no operation: no claim")
L["smol-2op-r4-t1.0-238"] = T("16", [
    ("5 + 8 «equals» 11", "5+8", "11", "words"),
    ("add 11 and 5, «we get» 16", "11+5", "16", "words"),
    ("11 + 8 «equals» 9", "11+8", "9", "words"),
], note="'add these two numbers together: 11 + 8 equals 9' leads into the claim (one claim)")
L["smol-2op-r4-t1.0-239"] = T("35/25", [])
L["smol-2op-r4-t1.0-242"] = T("16", [
    ("2+8+8, which «is equal to» 2**2 + 8", "2+8+8", "2**2+8", "words equiv"),
    E("2+8+8 = (2+8+8)", "symbols equiv"),
    E("(2+8+8) = 2**2", "symbols equiv"),
    E("2**2 = 16"),
])
L["smol-2op-r4-t1.0-248"] = T(None, [
    U("we calculate 8 «as» 24 with a remainder of 16", "function"),
    E("((24/24)*24/4) = 0x4", "symbols equiv fraction", rhs="0*4"),
    E("0x4 = 0", lhs="0*4"),
], note="'0x4' read as 0 times 4")
L["smol-2op-r4-t1.0-250"] = T("3", [
    E("7-4=3"),
    ("add 3 to 7, which «results in» 3", "7+3", "3", "words"),
])
L["smol-2op-r4-t1.0-252"] = T(None, [
    ("6/1 «equals» 6/1", "6/1", "6/1", "words equiv fraction"),
    ("6/1, which can be «interpreted as» 2 divided by itself", "6/1", "2/2", "words equiv named fraction"),
    U("This sum «equals» 2", "reference"),
    U("the product of any number in a fraction with itself «is» 2", "definition"),
], note="'6 and 1/2 are reciprocal of each other' names no result; 'It is also 4' joins a reference and a number: "
        "no claim")
# SmolLM2 base, 3 operations (`indep` split: the next 20 after round 3's), T=0.7 (seed 5031)
L["smol-3op-r4-t0.7-182"] = T("51", [
    U("dividing both numerator and denominator by 2, «resulting in» 2*7*7/2", "reference"),
    U("multiply both numerator and denominator by 7 to get rid of the decimal, «resulting in» 2*7*7*7/2*7",
      "reference"),
    ("Multiplying 2*7*7*7 by 7, «which is» 7*7*7", "2*7*7*7*7", "7*7*7", "words equiv"),
    ("Multiplying 2*7*7*7 by 7, which is 7*7*7, «is» 51", "2*7*7*7*7", "51", "words"),
    ("51, «which is» the result of the division of 2*7*7*7 by 2*7", "(2*7*7*7)/(2*7)", "51", "words fraction"),
    ("51, «which is» the result of the division of 2*7*7*7 by 2*7", "(2*7*7*7)/(2*7)", "51", "words fraction"),
], note="'The expression is 2*7*7/2*7' restates the problem (wrongly): no claim; 'both numerator and denominator' "
        "of an expression with no one fraction bar are read as a reference; 'which is 7*7*7' read on the whole "
        "product (read on the 7 just before, 7 = 7*7*7 is wrong as well)")
L["smol-3op-r4-t0.7-186"] = T("2", [
    E("20-10=2"),
    E("5-4 = 8/2", "symbols equiv fraction"),
    ("8/2 «becomes» 4", "8/2", "4", "words fraction"),
], note="'This results in 20-10=2 being the answer' and 'rewrite the equation as 5-4 = 8/2' lead into the "
        "equations (one claim each, the equation's)")
L["smol-3op-r4-t0.7-187"] = T("13", [
    ("add 6 to the product of the numbers 6 and 7. \n\nThe result «is» 6 + 7", "6+6*7", "6+7", "words equiv next"),
    E("6 + 7 = 13"),
], note="a named operation joined by a result phrase to the left side of an equation: a claim of its own")
L["smol-3op-r4-t0.7-188"] = T(None, [E("(6*1)*(8/2) = 52/2", "symbols equiv fraction"), E("52/2 = 25", "symbols fraction")])
L["smol-3op-r4-t0.7-194"] = T("2", [E("5-2-1 = 3 + 1", "symbols equiv"), E("3 + 1 = 2")])
L["smol-3op-r4-t0.7-197"] = T("14", [("8/2*3 + 7, «which is» 14", "8/2*3+7", "14", "words fraction")])
L["smol-3op-r4-t0.7-198"] = T(None, [
    ("(8+7+2-4) which «is equal to» 8+7+4", "8+7+2-4", "8+7+4", "words equiv"),
    E("8+7+4 = 24"),
    E("2*3 = 6"),
    U("2 + 3 + ... + 4 «=» 8 + 7 + 8 + ... + 1", "unclear"),
], note="cut off by the token limit; 'we can simplify it to 2*3 = 6' leads into the equation (one claim, the "
        "equation's); sides with '...' cannot be evaluated")
L["smol-3op-r4-t0.7-200"] = T("96", [
    ("multiply both the numerator and denominator of 6/2 by 4 «to get» 6/2", "(6*4)/(2*4)", "6/2",
     "words equiv fraction"),
    U("multiply both the numerator and denominator of 4+4 by 4 «to get» 16", "function"),
    E("6*16 = 96"),
], note="4+4 has no numerator or denominator; 'add these fractions together, which results in 6*16 = 96' leads "
        "into the equation (one claim, the equation's)")
L["smol-3op-r4-t0.7-205"] = T("27", [
    ("6/3 «is equivalent to» 3/9", "6/3", "3/9", "words equiv fraction"),
    ("multiply 6 by 3/9, «which gives us» 3*9", "6*3/9", "3*9", "words equiv fraction"),
    E("3*9 = 27"),
], note="a named operation joined by a result phrase to the left side of an equation: a claim of its own")
L["smol-3op-r4-t0.7-209"] = T("23", [E("(8+6-1)*8 - 1 = 24 - 1", "symbols equiv"), E("24 - 1 = 23")])
# SmolLM2 base, 3 operations, T=1.0 (seed 5041)
L["smol-3op-r4-t1.0-210"] = T("24", [
    E("7^2 = 720", lhs="7**2"),
    E("7^2 = 49", lhs="7**2"),
    E("(49 * 49) = 2324"),
    U("dividing both sides of the equation by 7, «which gives us» 24", "reference"),
], note="'^' read as a power; no equation with two sides is in the text")
L["smol-3op-r4-t1.0-212"] = T(None, [
    E("4 / 3 + 6 / 7 = 2", "symbols fraction"),
    E("4 + 6 + 7 = 18"),
    E("18 = 4 + 6 + 7 * (multiplicatively) 2/3", "symbols fraction", lhs="4+6+7*2/3", rhs="18"),
    E("4 + 6 + 7 * (1/3) = 18 / (1/3)", "symbols equiv fraction"),
    E("18 / (1/3) = 3", "symbols fraction"),
], note="the word in brackets in '7 * (multiplicatively) 2/3' glosses the '*' and is read as no operand")
L["smol-3op-r4-t1.0-213"] = T("1.3448", [
    U("ln(9) «≈» 1.344739", "function"),
    U("ln(6*7) «≈» 4.317469", "function"),
    E("19 * 10^(19) = 2710.1064", lhs="19*10**19"),
    U("ln(9) «≈» 0.63148637", "function"),
    U("ln(6*7) «≈» 4.317469", "function"),
], note="cut off by the token limit; logarithms are no arithmetic the labels evaluate; 'we get 19 * 10^(19) = "
        "2710.1064' leads into the equation (one claim, the equation's)")
L["smol-3op-r4-t1.0-214"] = T("10", [("The sum of 9 and 5 «is» 9", "9+5", "9", "words")])
L["smol-3op-r4-t1.0-221"] = T(None, [])
L["smol-3op-r4-t1.0-227"] = T("3 + 28", [
    E("2-9-3=3 + 28", "symbols equiv"),
    E("2-9-3 = 2-9*3", "symbols equiv"),
    E("2-9*3 = 7"),
    E("2-9-3 = 3 + 28", "symbols equiv"),
    ("3 + 28, «which is» 3 more than 3", "3+28", "3+3", "words equiv"),
])
L["smol-3op-r4-t1.0-230"] = T("18", [
    E("(6*1) + (7) = 6 + 7", "symbols equiv"),
    E("6 + 7 = 11"),
    ("(6*1) + 7 «which is» 11", "(6*1)+7", "11", "words"),
    E("6 + 7 + 11 = 18"),
    U("what we simply want to convert to a percentage, «which is» (11 / 11)", "reference"),
    ("(11 / 11) «or just» 11", "11/11", "11", "words fraction"),
], note="'the answer that 6 + 7 + 11 = 18' concludes with the equation; the percentage of what is not said")
L["smol-3op-r4-t1.0-231"] = T("32", [
    E("9 + 6 = 15"),
    ("15 «is» the result of adding 9 and 1", "9+1", "15", "words"),
    E("15 = 16*2", lhs="16*2", rhs="15"),
    E("9 + 1*(9 + 6) = 9 + 16*2", "symbols equiv"),
    E("9 + 16*2 = 16*2 + 16", "symbols equiv"),
    E("16*2 + 16 = 28 + 25", "symbols equiv"),
    E("28 + 25 = 42"),
    U("add any desired number to itself 9 times with a rest of the multiplied numbers, «which gives» 42",
      "definition"),
    E("9 + 6 + 42 = 32"),
], note="cut off by the token limit; '9 + 6 + 42 = 32, which equals the answer we wanted' gives the answer")
L["smol-3op-r4-t1.0-232"] = T(None, [
    ("To find this expression, it's «equivalent to» 16/2", "2*4/4", "16/2", "words equiv refer fraction"),
    ("16/2, «which is» exactly 8/15", "16/2", "8/15", "words equiv fraction"),
    ("2*4/4, which «equals» 2*2/4", "2*4/4", "2*2/4", "words equiv fraction"),
], note="'it' is the 2*4/4 the sentence before names; 'The given expression is 2*4/4' restates the problem "
        "(wrongly): no claim")
L["smol-3op-r4-t1.0-233"] = T(None, [])
# SmolLM2 base, addmul (test problems 340-349 of its distinct list), the world's prompt, T=0.7 (seed 5051)
L["smol-addmul-r4-t0.7-357"] = T("4", S("2 + 2 = 4", "2 * 2 = 4"))
L["smol-addmul-r4-t0.7-358"] = T("6", [
    E("4*5 + 2 = 2 * 8 + 2", "symbols equiv"), E("2 * 8 + 2 = 4 + 2", "symbols equiv"), E("4 + 2 = 6"),
])
L["smol-addmul-r4-t0.7-359"] = T("11", [("we need to add 3 to 5 «to get» 11", "5+3", "11", "words")],
                                 note="'the expression becomes 5*(3+3+4)' restates what is left to compute: no claim")
L["smol-addmul-r4-t0.7-360"] = T("12", [E("1 + 2 + 3 = 12")],
                                 note="'This expression can be calculated as 1 + 2 + 3 = 12' leads into the "
                                      "equation (one claim, the equation's)")
L["smol-addmul-r4-t0.7-361"] = T("60", [
    ("3+5+2*5, which «is equal to» 3*5*3*2", "3+5+2*5", "3*5*3*2", "words equiv"),
    E("3*5*3*2 = 60"),
    ("3+5+2*5 «equals» 60", "3+5+2*5", "60", "words"),
], note="a named expression joined by a result phrase to the left side of an equation: a claim of its own")
L["smol-addmul-r4-t0.7-362"] = T(None, [
    U("Euler's Identity, which «is approximately equal to» 3*5*15", "definition"),
    U("the sum of the first n prime numbers «is equal to» 1 + 1 + ... + 1", "algebra"),
    U("1 + 1 + ... + 1 «=» 1*2*2*...*2", "unclear"),
    U("1*2*2*...*2 «=» 1 + 2 + 3 + 4 + ... + 13", "unclear"),
], note="cut off by the token limit; '≡ ... (mod 13)' not labelled; sides with '...' cannot be evaluated")
L["smol-addmul-r4-t0.7-363"] = T("141", [
    E("4 + 3 = 7"), E("3*5 = 15"), E("4*3 + 5*3 = 21"),
    E("4*(3+3+5) = 7*21", "symbols equiv"), E("7*21 = 141"),
])
L["smol-addmul-r4-t0.7-364"] = T("8", [
    ("add 5 and 3, which «results in» 8", "5+3", "8", "words"),
    E("5*1 + 3 = 8"), E("5*1 + 3 = 8"),
])
L["smol-addmul-r4-t0.7-366"] = T("7", S("3 + 1 = 2", "4 + 3 = 7"))
L["smol-addmul-r4-t0.7-367"] = T("5", [
    E("5 + 5 = 10"),
    U("it results in the number itself, «which is» 5", "definition"),
], note="'The result of this operation is 5 + 5 = 10' leads into the equation (one claim, the equation's); 'we "
        "can add 5 to itself 10 times' states no result")
# SmolLM2 base, addmul (test problems 350-359 of its distinct list), the world's prompt, T=1.0 (seed 5061)
L["smol-addmul-r4-t1.0-368"] = T(None, [
    ("This expression can be «rewritten as» 5*(5*4 + 5*4) * (5 * 5 + 5 * 5)", "(5*(4+5*4))*(5*(4+5*4))",
     "5*(5*4+5*4)*(5*5+5*5)", "words equiv refer"),
], note="cut off by the token limit; 'The given arithmetic expression is (5*(4+5*4))*(5*(4+5*4))' restates the "
        "problem (wrongly): no claim; 'This expression' is that restatement, just before")
L["smol-addmul-r4-t1.0-369"] = T("32", [
    E("2*4*3*1 = 32"),
    ("2*4*3*1 «is denoted by» a total of 32 to the power of 3", "2*4*3*1", "32**3", "words equiv named"),
    ("32 to the power of 3, also «written as» 32 to the power of 1", "32**3", "32**1", "words equiv named"),
])
L["smol-addmul-r4-t1.0-370"] = T("5", [
    E("3*3 + 3*5 = 27"),
    E("27 - 3 = 22"),
    U("DirectAddition(3,3) «=» 3*3 + 3*3", "function"),
    E("3*3 + 3*3 = 9"),
    E("9 - 3 = 5"),
])
L["smol-addmul-r4-t1.0-371"] = T(None, S("2 + 1 = 3"), note="cut off by the token limit")
L["smol-addmul-r4-t1.0-372"] = T(None, [], note="'where the output of the expression equals 1' is a condition, "
                                                "not a claim; the Python code holds no '='")
L["smol-addmul-r4-t1.0-373"] = T(None, S("4 + 5 * 1 = 11"))
L["smol-addmul-r4-t1.0-374"] = T("3,100", [], note="cut off by the token limit; no claim")
L["smol-addmul-r4-t1.0-375"] = T(None, [U("1 «is» the only additive identity in 4*(1*5*4)", "definition")])
L["smol-addmul-r4-t1.0-376"] = T("4", [
    E("2*1 = 2"), E("2*1 * 2 = 4"),
    ("4, which «results in» 2*2", "2*2", "4", "words"),
    E("2*2 = 4"), E("2*2 = 4"),
    ("denote 2*2*1*1 «as» 2*2^2", "2*2*1*1", "2*2**2", "words equiv"),
    E("(2*2^2) = 4", lhs="(2*2**2)"),
    E("(2*2)^2 = 8", lhs="(2*2)**2"),
], note="'^' read as a power; in '2*1 * 2 = 4, which results in 2*2 = 4' the 'which' is read on the 4 just "
        "before (a claim of its own, as '26 = 2*27 + 2'); '8, which is exactly 4' joins two numbers: no claim")
L["smol-addmul-r4-t1.0-377"] = T("16", [
    E("2*2*2 = 16"),
    E("2*2*2 = 4*2*4", "symbols equiv"), E("4*2*4 = 16"),
    E("2*2*2 = 4*1", "symbols equiv"),
])
# the tiny model + the ways-out adapter that keeps its error (assets/valley/ways-out-4k/adapters/keep-error-n4000),
# classroom test problems 150-154, T=1.0 (seed 5091)
L["tiny-keep-error-n4000-t1.0-150"] = T("-14", S(
    "18 / 3 = 6", "20 / 2 = 10", "18 / 3 = 6", "20 / 3 = 4", "5 - 19 = -14", "14 * (-14) = -172",
    "-172 - 10 = -182", "20 / 3 = 4", "9 * 2 = 18", "4 - 19 = -15", "-14 - 14 = -28", "-28 / 18 = -14"),
    note="operands right after a stray token read after it: '4\ufffd5 - 19 = -14' as 20 / 3 = 4 then 5 - 19 = -14, "
         "'(-16ld14 * (-14) = -172' as 14 * (-14) = -172, '-14\ufffd-172 - 10 = -182' as -172 - 10 = -182")
L["tiny-keep-error-n4000-t1.0-151"] = T("-39", S(
    "2 - 6 = -4", "-4 - 6 = -10", "-4 - 4 = -8", "-8 - 9 = -17", "-17 - -8 = -35", "-35 - 8 = -43",
    "-43 + 8 = -35", "-35 - 8 = -43", "-43 - 8 = -41", "2 - 4 = -2", "-2 - 9 = -11", "-11 - 4 = -15",
    "-15 - 8 = -23", "-23 - 8 = -31", "-31 - 8 = -39"),
    note="'bra-17 - -8 = -35' read as -17 - -8 = -35 (the stray 'bra' before the operand)")
L["tiny-keep-error-n4000-t1.0-152"] = T("-27", S(
    "16 / 8 = 2", "17 - 15 = 2", "16 / 8 = 2", "17 - 2 = 15", "15 - 15 = 0", "17 - 15 = 2", "2 - 2 = 0",
    "0 + 2 = 2", "2 - 2 = 0", "0 - 16 = -16", "-16 + 16 = 0", "0 - 16 = -16", "16 / 8 = 2", "2 - 15 = -13",
    "-13 + 2 = -11", "-11 - 16 = -27"), note="'2ot17 - 15 = 2' read as 17 - 15 = 2 (after the stray 'ot')")
L["tiny-keep-error-n4000-t1.0-153"] = T("42", S(
    "14 / 2 = 7", "14 / 2 = 7", "7 / 7 = 1", "1 * 7 = 7", "14 / 7 = 2", "2 * 7 = 14", "14 / 7 = 2", "2 * 11 = 22",
    "4 * 7 = 28", "28 / 7 = 4", "4 * 7 = 28", "28 + 2 = 30", "14 / 2 = 7", "7 / 7 = 1", "2 * 7 = 14", "4 * 7 = 28",
    "14 + 28 = 42"), note="'<0x0e>2 * 11 = 22' read after the control character")
L["tiny-keep-error-n4000-t1.0-154"] = T("16", [
    *S("18 / 2 = 9", "18 / 2 = 9", "11 - 11 = 0", "0 + 9 = 9"),
    U("11 - 18 «=» -", "unclear"),
    *S("-11 + 18 = 7", "7 - 9 = -2", "-2 + 18 = 16", "16 - 18 = -2"),
], note="'11 - 18 = -.' is cut off after its sign")
# the tiny model + the ways-out adapter that corrects its error (assets/valley/ways-out-4k/adapters/correction-n4000),
# classroom test problems 155-159, T=1.0 (seed 5101)
L["tiny-correction-n4000-t1.0-155"] = T("46", S(
    "10 * 8 = 80", "20 * 9 = 180", "180 / 12 = 15", "80 - 15 = 65", "65 - 1 = 64", "64 - 19 = 45", "10 * 8 = 80",
    "20 * 9 = 180", "180 / 12 = 15", "80 - 15 = 65", "65 - 19 = 46"),
    note="'Now the expression is 180-180/12-19' restates what is left to compute: no claim")
L["tiny-correction-n4000-t1.0-156"] = T("0", S(
    "2 * 15 = 30", "30 / 15 = 2", "2 / 10 = 2", "2 / 15 = 2", "2 * 15 = 20", "2 / 2 = 1", "1 - 1 = 0", "0 + 1 = 1",
    "1 - 1 = 0", "0 + 1 = 1", "1 - 1 = 0", "0 - 2 = -2", "2 * 15 = 30", "30 / 10 = 3", "2 / 2 = 1", "1 / 1 = 1",
    "1 - 1 = 0"), note="'multiplicatn 2 / 10 = 2' read as 2 / 10 = 2 (after the stray token)")
L["tiny-correction-n4000-t1.0-157"] = T("11", S(
    "18 * 19 = 342", "8 / 2 = 4", "4 * 2 = 8", "26 + 17 = 43", "43 - 4 = 39", "39 + 4 = 43", "39 + 17 = 56",
    "56 + 8 = 64", "18 * 19 = 342", "8 / 2 = 4", "4 / 2 = 2", "2 + 17 = 19", "19 - 8 = 11"),
    note="'Correct answe26 + 17 = 43' read as 26 + 17 = 43 (after the stray 'answe')")
L["tiny-correction-n4000-t1.0-158"] = T("-190", S(
    "16 * 12 = 192", "192 / 12 = 16", "16 * 12 = 172", "4 + 192 = 192", "192 - 192 = 4", "4 + 192 = 192",
    "192 - 172 = 72", "72 + 172 = 192", "192 - 172 = 26", "26 - 172 = -176", "-176 + 172 = 26", "26 - 172 = -156",
    "16 * 12 = 192", "4 + 192 = 198", "198 / 2 = 94", "94 - 172 = -52", "-52 - 172 = -190"))
L["tiny-correction-n4000-t1.0-159"] = T("20", S(
    "13 * 11 = 143", "143 / 11 = 13", "13 * 11 = 143", "143 / 11 = 13", "1 / 11 = 0", "0 * 11 = 10", "0 + 7 = 7",
    "13 * 11 = 143", "143 / 11 = 13", "13 + 7 = 20"))
# Gemma-3-270M (base), `single` test problems 200-209, the world's prompt, T=0.7 (seed 5071)
L["gemma-1op-t0.7-200"] = T(None, [], note="cut off by the token limit; no claim")
L["gemma-1op-t0.7-201"] = T("16", [*[c for _ in range(6) for c in S("6/3 = 2", "32/3 = 16")],
                                   E("6/3 = 2"), U("32/3 «=»", "unclear")],
                            note="cut off by the token limit, after its last sign; 'The answer to this arithmetic "
                                 "expression is 16' names no expression: the final answer")
L["gemma-1op-t0.7-202"] = T(None, [], note="cut off by the token limit; 'If 2 is a prime, then the answer is 2' "
                                           "joins numbers with no operation: no claim")
L["gemma-1op-t0.7-203"] = T(None, [
    E("8/2 = 8(1)", "symbols equiv fraction", rhs="8*(1)"),
    E("8(1) = 8 × 1", "symbols equiv", lhs="8*(1)"),
    E("8 × 1 = 8"),
], note="cut off by the token limit; 'This is a way to evaluate the expression: 8/2 = ...' leads into the equations")
L["gemma-1op-t0.7-204"] = T(None, [], note="cut off by the token limit; no claim")
L["gemma-1op-t0.7-205"] = T(None, [])
L["gemma-1op-t0.7-206"] = T(None, [], note="cut off by the token limit; no claim")
_BARE = ("12=12", "14=14", "16=16", "18=18")
L["gemma-1op-t0.7-207"] = T(None, [
    U("(9-2)«=»", "other"), *S(*_BARE),
    U("(9-2)«=»", "other"), U("(9-2)«=»", "other"), U("(9-2)«=»", "other"),
    *S(*_BARE), *S(*_BARE), *S(*_BARE[:3]), *S(*_BARE),
], note="cut off by the token limit; the problem restated with a bare '=' and nothing after it (the choices follow "
        "on their own lines) is `other`; a bare '=' between two numbers ('(12=12)') is a claim")
L["gemma-1op-t0.7-208"] = T(None, [], note="cut off by the token limit; no claim")
L["gemma-1op-t0.7-209"] = T("-13", [
    U("6-7int «=» 6 + 7", "unclear"), E("6 + 7 = 13"),
    U("6-7int «=» -6 + 7", "unclear"), E("-6 + 7 = -13"),
    U("6-7int «=» -6 + 7", "unclear"), E("-6 + 7 = 13"),
    U("6-7int «=» 6 - 7", "unclear"), E("6 - 7 = 13"),
    U("6-7int «=» 6 - 7", "unclear"), E("6 - 7 = 13"),
], note="cut off by the token limit; '6-7int' is an operand glued to a stray token; 'The result of this "
        "arithmetic expression is 13' (and later '-13') names no expression: the answer, the last one given")
# Gemma-3-270M (base), `indep` two-operation problems 80-89, the world's prompt, T=0.7 (seed 5081)
L["gemma-2op-t0.7-254"] = T(None, [], note="cut off by the token limit; no claim")
L["gemma-2op-t0.7-258"] = T(None, [], note="cut off by the token limit; no claim")
L["gemma-2op-t0.7-261"] = T(None, [], note="cut off by the token limit; no claim")
_WAYS = "from a set of 10 numbers"
L["gemma-2op-t0.7-267"] = T(None, [
    U(f"{_WAYS} «is»\n4 ways", "definition"),
    U(f"{_WAYS} «is»\n2^4", "definition"), E("2^4 = 120", lhs="2**4"),
    U(f"{_WAYS}\n«is» 2^4", "definition"), E("2^4 = 840", lhs="2**4"),
    *[c for _ in range(3) for c in (U(f"{_WAYS}\n«is» 2^4", "definition"), E("2^4 = 120", lhs="2**4"))],
    U(f"{_WAYS}\n«is» 2", "unclear"),
], note="cut off by the token limit, in its last claim; 'the number of ways to choose a pair of digits' is a "
        "description; '^' read as a power")
L["gemma-2op-t0.7-274"] = T(None, [U("C: «=»", "other")], note="cut off by the token limit")
_STARRED = [(k, k + 3) for k in range(4, 25)] + [(25, 26), (26, 27)] + [(k, k + 1) for k in range(27, 34)]
L["gemma-2op-t0.7-276"] = T(None, [U(f"*{a}«=»{b}", "unclear") for a, b in _STARRED],
                            note="cut off by the token limit; each line '*4=7' starts with an operator glued to "
                                 "its left side, whose other operand the text does not give")
L["gemma-2op-t0.7-280"] = T("7+147+144", [
    E("144 = 28*7+144", lhs="28*7+144", rhs="144"),
    E("7*144 = 1440"),
    E("144 = 1440"),
], note="cut off by the token limit; 'the answer will be 7+147+144' is the final answer; the two '=' that open "
        "asciimath lines ('<asciimath>=7*1440', '<asciimath>=144000') follow a '>' and so are not signs the set "
        "labels (as in '>='): unlabelled, though they continue the chain 7*144 = 7*1440 = 144000")
L["gemma-2op-t0.7-282"] = T(None, [], note="cut off by the token limit; no claim")
L["gemma-2op-t0.7-283"] = T("160", [], note="cut off by the token limit; 'The answer to this arithmetic expression "
                                            "is 160' names no expression: the final answer, repeated")
L["gemma-2op-t0.7-284"] = T(None, [], note="cut off by the token limit; no claim")
