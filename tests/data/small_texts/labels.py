"""Hand labels for texts.jsonl: every arithmetic claim of every text, in words or in symbols, in order.

Each entry of a text's `claims` is one claim, by its sign, written with the sign marked by « »:

    (span, lhs, rhs, tags)        checkable: the claim as written, its two sides in Python syntax
                                  (evaluated exactly by exact.py; lcm(a, b) and gcd(a, b) allowed)
                                  and its tags
    (span, None, None, kind)      not checkable (kinds below)

What is labelled: every "=", "≈" and "\\approx" (as in ../real_texts), and every statement in words
that joins two sides with a result word or phrase ("is", "which is", "gives us", "to get", "leaves",
", or", "is the same as", "rewrite a as b", ...) where both sides hold a number (digits or number
words) and at least one side holds an operation (symbols, words, or a named quantity such as "the
least common multiple of 18 and 10"). A result in the next sentence ("the product of 12 and 3. This
is 16") is one claim. "lhs" is the computed side; for an equivalence (two expressions) the side
written first, unless it is a bare number ("48 is 12 times 4": lhs 12*4).

Tags: symbols (only "=" and operator symbols) or words (a word sign or an operation in words: the
claims in words the targets count), and numwords (number words), next (the result in the next
sentence), equiv (two expressions), named (lcm, gcd, reciprocal, squared, half, double, twice), refer
(an operand is an earlier result: "these", "that result"), units, percent, fraction, approx.

Kinds of not checkable: function (remainder, modulo, numerator, denominator: not arithmetic the
checker evaluates), definition (a side is a description: "3 hours would be 3 times 60"), reference
(a side points at something with no value in the text: "the result of 8 divided by itself"),
algebra (a variable).

"difference between a and b" is read as the distance |a - b| (how the phrase is used); "the
difference of a and b" and "a minus b" as a - b.

`split`: "dev" (read while the code was written) or "heldout" (scored once, after it; README).
"""

LABELS: dict = {}
L = LABELS


def T(split, answer, claims, note=None):
    d = dict(split=split, answer=answer, claims=claims)
    if note:
        d["note"] = note
    return d


D, H = "dev", "heldout"

# ------------------------------------------------------------------------------------------------
# R1-style verbal arithmetic, hand-written (handwritten.py)
# ------------------------------------------------------------------------------------------------
L["r1style-00"] = T(D, "75,582", [
    ("323 «is» 300 plus 20 plus 3", "300+20+3", "323", "words"),
    ("300 times 234, «which is» 70,200", "300*234", "70200", "words"),
    ("20 times 234, «giving me» 4,680", "20*234", "4680", "words"),
    ("3 by 234, «resulting in» 702", "3*234", "702", "words"),
    ("When I add these together, «I get» 75,582", "70200+4680+702", "75582", "words refer"),
    ("70,200 plus 4,680 «is» 74,880", "70200+4680", "74880", "words"),
    ("74,880 plus 702 «is» 75,582", "74880+702", "75582", "words"),
])
L["r1style-01"] = T(H, "1,200", [
    ("25 times 4 «is» 100", "25*4", "100", "words"),
    ("48 «is» 12 times 4", "12*4", "48", "words"),
    ("48 times 25 «is» 12 times 100", "48*25", "12*100", "words equiv"),
    ("12 times 100, «which is» 1,200", "12*100", "1200", "words"),
    ("50 times 25 «is» 1,250", "50*25", "1250", "words"),
    ("2 times 25, «which is» 50", "2*25", "50", "words"),
    ("1,250 minus 50 «gives» 1,200", "1250-50", "1200", "words"),
])
L["r1style-02"] = T(H, "289", [
    ("17 squared «is» 17 times 17", "17**2", "17*17", "words equiv named"),
    ("17 times 10 «is» 170", "17*10", "170", "words"),
    ("17 times 7 «is» 109", "17*7", "109", "words"),
    ("170 plus 109 «is» 279", "170+109", "279", "words"),
    ("17 times 7 «is» 119", "17*7", "119", "words"),
    ("170 plus 119 «is» 289", "170+119", "289", "words"),
    ("17 squared «is» 289", "17**2", "289", "words named"),
])
L["r1style-03"] = T(H, "210", [
    ("3 hours «would be» 3 times 60", None, None, "definition"),
    ("3 times 60, «which is» 180", "3*60", "180", "words"),
    ("180 plus 30 «should be» 210", "180+30", "210", "words"),
    ("200 times 60 «is» 12,000", "200*60", "12000", "words"),
    ("10 times 60 «is» 600", "10*60", "600", "words"),
    ("12,000 plus 600 «comes to» 12,600", "12000+600", "12600", "words"),
])
L["r1style-04"] = T(D, "28", [
    ("three times twelve «is» thirty-six", "3*12", "36", "words numwords"),
    ("thirty-six minus eight «leaves» twenty-six", "36-8", "26", "words numwords"),
    ("thirty-six minus eight «is» twenty-eight", "36-8", "28", "words numwords"),
])
L["r1style-05"] = T(D, "12", [
    ("3 plus 3 «should be» 6", "3+3", "6", "words"),
    ("3 + 3 «would be» 4 + 2", "3+3", "4+2", "words equiv"),
    ("6 - 3 «should be» 3", "6-3", "3", "words"),
    ("3 doubled «is» 6", "3*2", "6", "words named"),
    ("twice 6 «is» 12", "2*6", "12", "words named"),
    ("Half of 12 «is» 6", "12/2", "6", "words named"),
])
L["r1style-06"] = T(H, "85.67", [
    ("87 plus 92 «is» 179", "87+92", "179", "words"),
    ("179 plus 78 «is» 247", "179+78", "247", "words"),
    ("247 divided by 3 «is» 82.33", "247/3", "82.33", "words"),
    ("179 + 78 «=» 257", "179+78", "257", "symbols"),
    ("257 divided by 3 «is about» 85.67", "257/3", "85.67", "words approx"),
])
L["r1style-07"] = T(D, "2,408", [
    ("56 multiplied by 40 «is» 2,240", "56*40", "2240", "words"),
    ("56 multiplied by 3 «is» 168", "56*3", "168", "words"),
    ("2,240 plus 168 «equals» 2,408", "2240+168", "2408", "words"),
    ("43 times 56 «is the same as» 43 times 50 plus 43 times 6", "43*56", "43*50+43*6", "words equiv"),
    ("43 times 50 «is» 2,150", "43*50", "2150", "words"),
    ("43 times 6 «is» 258", "43*6", "258", "words"),
    ("2,150 plus 258 «gives» 2,408", "2150+258", "2408", "words"),
])
L["r1style-08"] = T(H, "8", [
    ("The product of 15 and 4 «is» 60", "15*4", "60", "words"),
    ("the sum of 60 and 25 «is» 85", "60+25", "85", "words"),
    ("the difference of 85 and 40 «is» 45", "85-40", "45", "words"),
    ("the quotient of 45 and 5 «is» 8", "45/5", "8", "words"),
])
L["r1style-09"] = T(D, "$37.80", [
    ("3 notebooks at $4 each «is» 3 times $4", None, None, "definition"),
    ("3 times $4, «which is» $12", "3*4", "12", "words units"),
    ("2 times 1.50, «that's» $3", "2*1.50", "3", "words units"),
    ("$12 plus $3 plus $25 «comes to» $40", "12+3+25", "40", "words units"),
    ("$40 minus $5 «leaves» $35", "40-5", "35", "words units"),
    ("8% of $35 «is» $2.80", "8/100*35", "2.80", "words units percent"),
    ("$35 plus $2.80, «which totals» $37.80", "35+2.80", "37.80", "words units"),
])
L["r1style-10"] = T(H, "5,124", [
    ("1,000 plus 3,000 «is» 4,000", "1000+3000", "4000", "words"),
    ("200 plus 800 «is» 1,000", "200+800", "1000", "words"),
    ("45 plus 79 «is» 114", "45+79", "114", "words"),
    ("245 plus 879 «is» 1,114", "245+879", "1114", "words"),
    ("4,000 plus 1,114, «we get» 5,114", "4000+1114", "5114", "words"),
    ("5 + 9 «=» 14", "5+9", "14", "symbols"),
    ("4 + 7 + 1 «=» 12", "4+7+1", "12", "symbols"),
    ("2 + 8 + 1 «=» 11", "2+8+1", "11", "symbols"),
    ("1 + 3 + 1 «=» 5", "1+3+1", "5", "symbols"),
    ("1,245 + 3,879 «=» 5,124", "1245+3879", "5124", "symbols"),
    ("45 plus 79 «is» 124", "45+79", "124", "words"),
])
L["r1style-11"] = T(D, "31", [
    ("12 times 30 «is» 360", "12*30", "360", "words"),
    ("372 minus 360 «is» 12", "372-360", "12", "words"),
    ("30 plus 1 «results in» 31", "30+1", "31", "words"),
    ("372 divided by 12 «gives us» 31", "372/12", "31", "words"),
    ("31 times 12 «=» 372", "31*12", "372", "words"),
])
L["r1style-12"] = T(H, "90", [
    ("45 added to 38 «is» 83", "38+45", "83", "words"),
    ("17 subtracted from 83 «is» 66", "83-17", "66", "words"),
    ("66 divided by 6 «is» 11", "66/6", "11", "words"),
    ("11 multiplied by 9 «is» 99", "11*9", "99", "words"),
    ("99 minus 9 «is» 80", "99-9", "80", "words"),
    ("99 minus 9 «is» 90", "99-9", "90", "words"),
])
L["r1style-13"] = T(H, "29/24", [
    ("The least common multiple of 6 and 8 «is» 24", "lcm(6,8)", "24", "words named"),
    ("5/6 «is the same as» 20/24", "5/6", "20/24", "words equiv fraction"),
    ("3/8 «is the same as» 9/24", "3/8", "9/24", "words equiv fraction"),
    ("20/24 plus 9/24 «is» 29/24", "20/24+9/24", "29/24", "words fraction"),
    ("The greatest common divisor of 29 and 24 «is» 1", "gcd(29,24)", "1", "words named"),
    ("5/6 + 3/8 «=» 29/24", "5/6+3/8", "29/24", "symbols fraction"),
])
L["r1style-14"] = T(D, "4/45", [
    ("The least common multiple of 18 and 10 «is» 18", "lcm(18,10)", "18", "words named"),
    ("The least common multiple of 18 and 10 «is» 90", "lcm(18,10)", "90", "words named"),
    ("7/18 «is» 35/90", "7/18", "35/90", "words equiv fraction"),
    ("3/10 «is» 27/90", "3/10", "27/90", "words equiv fraction"),
    ("35/90 minus 27/90 «equals» 8/90", "35/90-27/90", "8/90", "words fraction"),
    ("8/90, «which is» 4/45", "8/90", "4/45", "words equiv fraction"),
])
L["r1style-15"] = T(D, "41", [
    ("a hundred minus thirty-seven «equals» sixty-three", "100-37", "63", "words numwords"),
    ("sixty-three plus nineteen «makes» eighty-two", "63+19", "82", "words numwords"),
    ("Double eighty-two «is» 164", "2*82", "164", "words numwords named"),
    ("164 divided by four «is» 41", "164/4", "41", "words numwords"),
])
L["r1style-16"] = T(H, "8", [
    ("The reciprocal of 2/5 «is» 5/2", "1/(2/5)", "5/2", "words named fraction"),
    ("3/4 divided by 2/5 «is» 3/4 times 5/2", "(3/4)/(2/5)", "3/4*5/2", "words equiv fraction"),
    ("3/4 times 5/2, «which is» 15/8", "3/4*5/2", "15/8", "words fraction"),
    ("15/8 «is» 1.875", "15/8", "1.875", "words equiv fraction"),
    ("1.875 times 8 «gives» 15", "1.875*8", "15", "words"),
    ("15/8 plus 1/8 «is» 16/8", "15/8+1/8", "16/8", "words fraction"),
    ("16/8«, or» 2", "16/8", "2", "words equiv fraction"),
    ("2 squared «is» 8", "2**2", "8", "words named"),
])
L["r1style-17"] = T(D, "68", [
    ("10% of 80 «is» 8", "10/100*80", "8", "words percent"),
    ("5% of 80 «is» half of 8", "5/100*80", "8/2", "words equiv percent named"),
    ("half of 8, «which is» 4", "8/2", "4", "words named"),
    ("15% of 80 «is» 8 plus 4", "15/100*80", "8+4", "words equiv percent"),
    ("8 plus 4, «giving us» 12", "8+4", "12", "words"),
    ("80 minus 12 «is» 68", "80-12", "68", "words"),
])
L["r1style-18"] = T(H, "68", [
    ("7 times 8 «should be» 56", "7*8", "56", "words"),
    ("7 times 3 «is» 21", "7*3", "21", "words"),
    ("56 plus 21, «I get» 77", "56+21", "77", "words"),
    ("subtracting 9 from 77, «that should be» 66", "77-9", "66", "words"),
    ("77 minus 9 «is» 68", "77-9", "68", "words"),
    ("77 minus 9 «is» 68", "77-9", "68", "words"),
])
L["r1style-19"] = T(D, "225", [
    ("360 divided by 4, «which is» 90", "360/4", "90", "words"),
    ("90 times 2 «is» 180", "90*2", "180", "words"),
    ("90 times 0.5 «is» 45", "90*0.5", "45", "words"),
    ("180 plus 45 «is» 225", "180+45", "225", "words"),
])
L["r1style-20"] = T(D, "12", [
    ("the product of 14 and 6. «This is» 74", "14*6", "74", "words next"),
    ("10 times 6 «is» 60", "10*6", "60", "words"),
    ("4 times 6 «is» 24", "4*6", "24", "words"),
    ("60 plus 24 «is» 84", "60+24", "84", "words"),
    ("the product of 14 and 6 «is» 84", "14*6", "84", "words"),
    ("84 divided by 7 «is» 12", "84/7", "12", "words"),
])
L["r1style-21"] = T(H, "1", [
    ("rewrite 0.75 «as» 3/4", "0.75", "3/4", "words equiv fraction"),
    ("3/4 times 16 «is» 12", "3/4*16", "12", "words fraction"),
    ("12 out of 16 «is» 75%", "12/16", "75/100", "words percent"),
    ("75%«, or» 0.75", "75/100", "0.75", "words equiv percent"),
    ("2/8 «is the same as» 1/4", "2/8", "1/4", "words equiv fraction"),
    ("1/4«, or» 0.25", "1/4", "0.25", "words equiv fraction"),
    ("0.75 plus 0.25 «is» 1", "0.75+0.25", "1", "words"),
])

# ------------------------------------------------------------------------------------------------
# The tiny model (assets/tiny-base) and its long-CoT fine-tunes on world problems (gold known)
# ------------------------------------------------------------------------------------------------
def S(*eqs):
    """Plain "a op b = c" lines: (span, lhs, rhs) with the "=" marked from the span itself."""
    out = []
    for span, lhs, rhs in eqs:
        left, right = span.split(" = ", 1)
        out.append((f"{left} «=» {right}", lhs, rhs, "symbols"))
    return out


L["tiny-base-001"] = T(D, "8", S(
    ("8 / 4 = 2", "8/4", "2"), ("20 / 4 = 5", "20/4", "5"), ("5 * 8 = 40", "5*8", "40"),
    ("40 / 4 = 10", "40/4", "10"), ("10 - 2 = 8", "10-2", "8")))
L["tiny-base-002"] = T(D, "-381", S(
    ("6 / 3 = 2", "6/3", "2"), ("10 / 2 = 5", "10/2", "5"), ("19 * 19 = 361", "19*19", "361"),
    ("2 - 5 = -3", "2-5", "-3"), ("-3 - 361 = -368", "-3-361", "-368"), ("-368 - 13 = -381", "-368-13", "-381")))
L["tiny-base-016"] = T(D, "11", S(
    ("6 / 2 = 3", "6/2", "3"), ("18 - 3 = 15", "18-3", "15"), ("15 + 6 = 21", "15+6", "21"),
    ("21 - 10 = 11", "21-10", "11")))
L["tiny-n250-006"] = T(D, "88", S(
    ("16 / 2 = 8", "16/2", "8"), ("8 * 14 = 112", "8*14", "112"), ("16 / 2 = 8", "16/2", "8"),
    ("8 * 1 = 8", "8*1", "8"), ("8 * 11 = 88", "8*11", "88"), ("88 * 1 = 88", "88*1", "88"),
    ("88 / 11 = 8", "88/11", "8")))
L["tiny-n250-009"] = T(H, "38", S(
    ("20 / 5 = 4", "20/5", "4"), ("4 * 5 = 20", "4*5", "20"), ("20 + 18 = 38", "20+18", "38"),
    ("38 - 9 = 29", "38-9", "29")))
L["tiny-n250-016"] = T(H, "18", S(
    ("6 / 2 = 3", "6/2", "3"), ("3 * 2 = 6", "3*2", "6"), ("18 / 2 = 9", "18/2", "9"),
    ("18 - 6 = 12", "18-6", "12"), ("12 + 6 = 18", "12+6", "18"), ("18 - 10 = 8", "18-10", "8")))
L["tiny-n250-020"] = T(H, "14", S(
    ("15 / 2 = 7", "15/2", "7"), ("7 * 2 = 14", "7*2", "14"), ("11 + 15 = 26", "11+15", "26"),
    ("15 / 2 = 7", "15/2", "7"), ("7 + 7 = 14", "7+7", "14"), ("14 - 14 = 0", "14-14", "0"),
    ("14 + 14 = 28", "14+14", "28")))
L["tiny-n4000-003"] = T(H, "324", S(
    ("18 / 3 = 6", "18/3", "6"), ("6 * 3 = 18", "6*3", "18"), ("6 * 8 = 48", "6*8", "48"),
    ("48 / 8 = 6", "48/8", "6"), ("48 * 8 = 324", "48*8", "324"), ("324 / 8 = 48", "324/8", "48"),
    ("18 / 3 = 6", "18/3", "6"), ("6 * 8 = 48", "6*8", "48"), ("48 * 8 = 324", "48*8", "324")))
L["tiny-n4000-011"] = T(D, "105", S(
    ("20 * 5 = 100", "20*5", "100"), ("100 / 5 = 20", "100/5", "20"), ("100 - 19 = 91", "100-19", "91"),
    ("91 + 19 = 100", "91+19", "100"), ("91 + 14 = 105", "91+14", "105"), ("105 - 14 = 91", "105-14", "91"),
    ("20 * 5 = 100", "20*5", "100"), ("100 - 19 = 91", "100-19", "91"), ("91 + 14 = 105", "91+14", "105")))
L["tiny-n4000-021"] = T(D, "355", S(
    ("17 * 15 = 255", "17*15", "255"), ("255 / 15 = 17", "255/15", "17"), ("255 / 5 = 55", "255/5", "55"),
    ("55 * 5 = 255", "55*5", "255"), ("555 * 7 = 335", "555*7", "335"), ("335 / 7 = 55", "335/7", "55"),
    ("17 * 15 = 255", "17*15", "255"), ("255 / 5 = 55", "255/5", "55"), ("55 * 7 = 355", "55*7", "355")))
L["tiny-n16000-016"] = T(H, "2", S(
    ("6 / 2 = 3", "6/2", "3"), ("3 * 2 = 6", "3*2", "6"), ("18 + 3 = 21", "18+3", "21"),
    ("21 - 3 = 18", "21-3", "18"), ("18 - 6 = 12", "18-6", "12"), ("12 + 6 = 18", "12+6", "18"),
    ("12 - 10 = 2", "12-10", "2"), ("2 + 10 = 12", "2+10", "12"), ("6 / 2 = 3", "6/2", "3"),
    ("18 + 3 = 21", "18+3", "21"), ("18 - 6 = 12", "18-6", "12"), ("12 - 10 = 2", "12-10", "2")))
L["tiny-n16000-039"] = T(H, "122", S(
    ("2 * 13 = 26", "2*13", "26"), ("26 / 13 = 2", "26/13", "2"), ("26 * 8 = 128", "26*8", "128"),
    ("128 / 8 = 26", "128/8", "26"), ("128 - 6 = 122", "128-6", "122"), ("122 + 6 = 128", "122+6", "128"),
    ("2 * 13 = 26", "2*13", "26"), ("26 * 8 = 128", "26*8", "128"), ("128 - 6 = 122", "128-6", "122")))

# ------------------------------------------------------------------------------------------------
# SmolLM2-135M-Instruct on world problems (generations.jsonl; gold known)
# ------------------------------------------------------------------------------------------------
L["smol-single-greedy-000"] = T(D, "13", [
    ("7 + 6 «=» 13", "7+6", "13", "symbols"),
    ("the addition of 1 to 7 «is equivalent to» 13", "7+1", "13", "words"),
    ("13, «which is» the result of the previous operation of 7 + 6", "7+6", "13", "words"),
])
L["smol-single-greedy-001"] = T(D, "2", [
    ("5 - 8 «=» 2", "5-8", "2", "symbols"),
])
L["smol-single-greedy-002"] = T(H, "24", [
    ("4*6 «=» 24", "4*6", "24", "symbols"),
])
L["smol-single-greedy-003"] = T(D, "1", [
    ("modulo 100, «which is» 4*5", None, None, "reference"),
    ("4*5 «=» 20", "4*5", "20", "symbols"),
    ("4*5 «=» 20", "4*5", "20", "symbols"),
    ("20 «is» the remainder when 4*5 is divided by 10", None, None, "function"),
    ("rewrite 20 «as» 2*10 + 1", "2*10+1", "20", "words equiv"),
    ("2*10 + 1, «which gives us» 2*10 + 1", "2*10+1", "2*10+1", "words equiv"),
    ("2*10 + 1 «=» 21", "2*10+1", "21", "symbols"),
])
L["smol-single-greedy-004"] = T(D, "6", [
    ("the denominator of 6/2, «which is» 2", None, None, "function"),
    ("multiply 6 by 2 «to get» 12", "6*2", "12", "words"),
    ("divide 12 by 2 «to get» 6", "12/2", "6", "words"),
])
L["smol-single-greedy-005"] = T(D, "1", [
    ("The result of 9-3 «is» 1", "9-3", "1", "words"),
    ("the answer to the arithmetic expression 9-3 «is» 1", "9-3", "1", "words"),
])
L["smol-single-greedy-007"] = T(H, "6", [
    ("multiply 6 by 1, «which gives us» 6", "6*1", "6", "words"),
    ("add 1 to this result «to get» 6*1", "6+1", "6*1", "words equiv refer"),
    ("6*1 «=» 6", "6*1", "6", "symbols"),
])
L["smol-single-greedy-012"] = T(D, "14", [
    ("8 + 6 «=» 14", "8+6", "14", "symbols"),
    ("14 - 14 «=» 0", "14-14", "0", "symbols"),
    ("14 + 0 «=» 14", "14+0", "14", "symbols"),
])
L["smol-single-greedy-017"] = T(H, "36", [
    ("Multiplication of 6 and 8 «is» 6*8", "6*8", "6*8", "words equiv"),
    ("6*8 «=» 56", "6*8", "56", "symbols"),
    ("add 6*8 to 6*8 «to get» 6*6", "6*8+6*8", "6*6", "words equiv"),
    ("6*6 «=» 36", "6*6", "36", "symbols"),
    ("6*6 «=» 36", "6*6", "36", "symbols"),
    ("6*8 «is equal to» 36", "6*8", "36", "words"),
])
L["smol-single-greedy-020"] = T(D, "1", [
    ("(3-5) / 5 «=» 1", "(3-5)/5", "1", "symbols"),
    ("3-5 «is equal to» 1", "3-5", "1", "words"),
])
L["smol-single-greedy-023"] = T(D, "2", [
    ("The result of 7-5 «is» 2", "7-5", "2", "words"),
    ("2, «which is» the difference between 7 and 5", "7-5", "2", "words"),
    ("7 - 5 «=» 2", "7-5", "2", "symbols"),
    ("2, «which is» the result of the operation of 7 - 5", "7-5", "2", "words"),
])
L["smol-single-greedy-030"] = T(H, "1/4", [
    ("The division of 8 by 2 «is» 4", "8/2", "4", "words"),
    ("4, «which is» the result of 8 divided by itself", None, None, "reference"),
    ("the reciprocal of 4 «is» 1/4", "1/4", "1/4", "words named fraction"),
])
L["smol-single-greedy-034"] = T(D, "22", [
    ("3*9 «is equivalent to» 27*11", "3*9", "27*11", "words equiv"),
    ("27*11, «which is» 332", "27*11", "332", "words"),
    ("3*9 «=» 27*11", "3*9", "27*11", "symbols equiv"),
    ("27*11, «which is» 27*11 modulo 10", None, None, "function"),
    ("27*11 modulo 10, «which is» 2*11", None, None, "function"),
    ("2*11 «=» 22", "2*11", "22", "symbols"),
    ("the result of 3*9 «is» 27*11", "3*9", "27*11", "words equiv"),
    ("27*11, «which is» 27*11 modulo 10", None, None, "function"),
    ("3*9 «is equivalent to» 27*11 modulo 10", None, None, "function"),
    ("27*11 modulo 10, «which is» 2*11", None, None, "function"),
    ("2*11 «=» 22", "2*11", "22", "symbols"),
])
L["smol-single-greedy-037"] = T(H, "2", [
    ("1 - 6 «=» 2", "1-6", "2", "symbols"),
])
L["smol-tiny-greedy-000"] = T(D, "1", [
    ("2 divided by 19 «leaves» a remainder of 2", None, None, "function"),
    ("2 divided by 19 «leaves» a remainder of 2", None, None, "function"),
    ("2 divided by 19 «leaves» a remainder of 1", None, None, "function"),
])
L["smol-tiny-greedy-005"] = T(D, "2.225", [
    ("9 - 9 «=» 0", "9-9", "0", "symbols"),
    ("9 + 8 «=» 17", "9+8", "17", "symbols"),
    ("17 ÷ 9 «=» 1.125", "17/9", "1.125", "symbols"),
    ("1 * 1.125 «=» 1.175", "1*1.125", "1.175", "symbols"),
    ("1 + 1.175 «=» 2.225", "1+1.175", "2.225", "symbols"),
])
L["smol-tiny-greedy-007"] = T(H, "5", [
    ("2*1 «=» 2", "2*1", "2", "symbols"),
    ("2+3 «=» 5", "2+3", "5", "symbols"),
])
L["smol-tiny-greedy-009"] = T(D, "15", [
    ("4*3 «=» 12", "4*3", "12", "symbols"),
    ("4*3 + 3 «=» 12 + 3", "4*3+3", "12+3", "symbols equiv"),
    ("12 + 3 «=» 15", "12+3", "15", "symbols"),
])
L["smol-tiny-greedy-011"] = T(H, "60", [
    ("the least common multiple of 6 and 3, «which is» 12", "lcm(6,3)", "12", "words named"),
    ("multiply 12 by 5 «to get» 60", "12*5", "60", "words"),
])
L["smol-tiny-greedy-012"] = T(H, "2", [
    ("the difference between 1 and 2, «which is» 1", "2-1", "1", "words"),
    ("subtract 2 from 1, «which gives us» 1", "1-2", "1", "words"),
    ("add 1 to 1, «which gives us» 2", "1+1", "2", "words"),
])
L["smol-tiny-greedy-014"] = T(H, "6", [
    ("4 + 7 «=» 11", "4+7", "11", "symbols"),
    ("11 - 4 «=» 6", "11-4", "6", "symbols"),
    ("4-7 «is equal to» 6", "4-7", "6", "words"),
])
L["smol-tiny-greedy-018"] = T(H, "6", [
    ("the difference of 6 and 4, «which is» 6", "6-4", "6", "words"),
    ("multiply 6 by 4 «to get» 24", "6*4", "24", "words"),
    ("add 4 to 24 «to get» 6", "24+4", "6", "words"),
])
L["smol-tiny-greedy-020"] = T(H, "48", [
    ("4*6 «=» 24", "4*6", "24", "symbols"),
    ("subtract 8 from 24 «to get» 48", "24-8", "48", "words"),
])
L["smol-tiny-greedy-037"] = T(D, "652", [
    ("3*8*3 «=» 24*3", "3*8*3", "24*3", "symbols equiv"),
    ("24*3 «=» 72", "24*3", "72", "symbols"),
    ("72, «which is» the result of 3 times 24*3", "3*24*3", "72", "words"),
    ("9*3 «=» 27", "9*3", "27", "symbols"),
    ("27, «which is» the result of 3 times 27*3", "3*27*3", "27", "words"),
    ("27*27 «=» 652", "27*27", "652", "symbols"),
])
L["smol-classroom-greedy-000"] = T(D, "18/6/3", [
    ("The numerator of 18/6/3 «is» 18/6/3", None, None, "function"),
    ("18/6/3, «which is» 18/6/3", "18/6/3", "18/6/3", "words equiv fraction"),
    ("Multiplying this fraction by 10/5 «gives us» 18/5", "18/6/3*(10/5)", "18/5", "words refer fraction"),
    ("the denominator of 18/6/3, «which is» 10/5", None, None, "function"),
    ("the LCM of 18 and 10, «which is» 18", "lcm(18,10)", "18", "words named"),
    ("The least common multiple of 18 and 10 «is» 18", "lcm(18,10)", "18", "words named"),
])
L["smol-classroom-greedy-001"] = T(H, "40", [
    ("The denominator of 20/5-(8/4) «is» 20/5", None, None, "function"),
    ("multiply 20/5 by 20/5 «to get» 40/20", "(20/5)*(20/5)", "40/20", "words fraction"),
])
L["smol-classroom-greedy-002"] = T(D, "19", [
    ("rewrite 6/3 «as» 3/4", "6/3", "3/4", "words equiv fraction"),
    ("3/4, «which is» the reciprocal of 3", "3/4", "1/3", "words equiv named fraction"),
    ("multiply 3/4 by 19 «to get» 19", "3/4*19", "19", "words fraction"),
])
L["smol-classroom-greedy-003"] = T(D, "4", [
    ("rewrite 18 «as» 4*2*3", "4*2*3", "18", "words equiv"),
    ("4*2*3, «which is equivalent to» 18*4*3", "4*2*3", "18*4*3", "words equiv"),
])
L["smol-classroom-greedy-005"] = T(H, "138", [
    ("The sum of 5*16 «is» 80", "5*16", "80", "words"),
    ("the sum of 2*6 «is» 12", "2*6", "12", "words"),
    ("80 + 12 «=» 192", "80+12", "192", "symbols"),
    ("subtracting 12 from 192, «which gives us» 192 - 12", "192-12", "192-12", "words equiv"),
    ("192 - 12 «=» 138", "192-12", "138", "symbols"),
])
L["smol-classroom-greedy-007"] = T(H, "1600", [
    ("Multiply 15 by 15/5/3, «which is» 15*15*15", "15*(15/5/3)", "15*15*15", "words equiv fraction"),
    ("15*15*15 «=» 1500", "15*15*15", "1500", "symbols"),
    ("1500 + 10 «=» 1500 + 10", "1500+10", "1500+10", "symbols equiv"),
    ("1500 + 10 «=» 1600", "1500+10", "1600", "symbols"),
])
L["smol-classroom-greedy-008"] = T(H, "21", [
    ("17*13/13*19/19 - 17 + 12 «=» 21", "17*13/13*19/19-17+12", "21", "symbols"),
])
L["smol-classroom-greedy-010"] = T(H, "14", [
    ("13*15 - 10, «which is» 13*15 - 10", "13*15-10", "13*15-10", "words equiv"),
    ("13*15 - 10 «=» 175", "13*15-10", "175", "symbols"),
    ("175 - 13 «=» 14", "175-13", "14", "symbols"),
])
L["smol-classroom-greedy-015"] = T(H, "150", [
    ("the sum of 15 and 10, «which is» 15", "15+10", "15", "words"),
    ("add 10 to that result, «which gives us» 15", "15+10", "15", "words refer"),
    ("the product of 15 and 10, «which is» 10", "15*10", "10", "words"),
    ("15*10 «=» 150", "15*10", "150", "symbols"),
])
L["smol-classroom-greedy-016"] = T(D, "0", [
    ("rewrite 18+6 «as» 18*2 + 6*2", "18+6", "18*2+6*2", "words equiv"),
    ("18*2 + 6*2 «=» 40*2", "18*2+6*2", "40*2", "symbols equiv"),
    ("40*2 «=» 80", "40*2", "80", "symbols"),
])
L["smol-tiny-t0.7-004"] = T(H, "11", [
    ("7 - 2 «=» 3", "7-2", "3", "symbols"),
    ("2 + 3 «=» 5", "2+3", "5", "symbols"),
    ("9 - 3 «=» 6", "9-3", "6", "symbols"),
    ("Adding these fractions «results in» 11", "3+5+6", "11", "words refer"),
])
L["smol-tiny-t0.7-005"] = T(H, "64", [
    ("LCM(9, 8) «=» 9 * 8", "lcm(9,8)", "9*8", "symbols equiv named"),
    ("9 * 8 «=» 64", "9*8", "64", "symbols"),
    ("The least common multiple of 9 and 8 «is» 64", "lcm(9,8)", "64", "words named"),
])
L["smol-tiny-t0.7-007"] = T(D, "10", [
    ("multiplying 2 by 1 («which gives us» 2", "2*1", "2", "words"),
    ("adding 3 («which gives us» 6", "2+3", "6", "words refer"),
])
L["smol-tiny-t0.7-008"] = T(H, "99", [
    ("1*9 «=» 9", "1*9", "9", "symbols"),
    ("9*11 «=» 99", "9*11", "99", "symbols"),
    ("99, «which is» the product of 1 and 11", "1*11", "99", "words"),
    ("99, «which is» the sum of 1 and 11", "1+11", "99", "words"),
    ("1*9 «=» 9", "1*9", "9", "symbols"),
    ("1*11 «=» 9", "1*11", "9", "symbols"),
    ("add these numbers together «to get» 17", "9+9", "17", "words refer"),
])
L["smol-tiny-t0.7-011"] = T(D, "75", [
    ("(6/3)*5, «which is equal to» 15/25", "(6/3)*5", "15/25", "words equiv fraction"),
    ("15*5 «=» 75", "15*5", "75", "symbols"),
])
L["smol-tiny-t0.7-018"] = T(D, "10", [
    ("dividing 6 by 2, «which results in» 3", "6/2", "3", "words"),
    ("multiply 3 by 2 («to get» 6", "3*2", "6", "words"),
    ("add 4 («to get» 10", "6+4", "10", "words refer"),
])
