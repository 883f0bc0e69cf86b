"""R1-style verbal arithmetic, written by hand for this set (not model output).

They imitate how DeepSeek-R1 and its distilled small models talk through arithmetic in long traces
("300 times 234, which is 70,200", "20 times 234, giving me 4,680", "3 doubled is 6", "When I add
these together, I get 75,582"), with deliberate slips in some of them and sentences that look like
claims but are not arithmetic (unit conversions, descriptions). They were written before the code
that reads them. build.py copies them into texts.jsonl with model "hand-written (R1 style)".
"""

TEXTS = {
    "r1style-00": (
        "Okay, so I need to multiply 234 by 323. Let me break it down. 323 is 300 plus 20 plus 3. "
        "So first, 300 times 234, which is 70,200. Then 20 times 234, giving me 4,680. And 3 by 234, "
        "resulting in 702. When I add these together, I get 75,582. Let me double-check: 70,200 plus "
        "4,680 is 74,880, and 74,880 plus 702 is 75,582. Yes, that seems right. So the answer is 75,582."
    ),
    "r1style-01": (
        "Alright, let's see. The problem asks for 48 times 25. Hmm, 48 times 25... I know 25 times 4 is "
        "100, so 48 is 12 times 4. That means 48 times 25 is 12 times 100, which is 1,200. Let me verify "
        "another way: 50 times 25 is 1,250, minus 2 times 25, which is 50, so 1,250 minus 50 gives 1,200. "
        "Yes, 1,200."
    ),
    "r1style-02": (
        "Let me compute 17 squared. 17 squared is 17 times 17. 17 times 10 is 170, and 17 times 7 is 109. "
        "So 170 plus 109 is 279. Wait, let me recheck 17 times 7. 17 times 7 is 119, not 109. So 170 plus "
        "119 is 289. So 17 squared is 289."
    ),
    "r1style-03": (
        "<think>\nOkay, so the question is how many minutes are in 3.5 hours. An hour has 60 minutes, so 3 "
        "hours would be 3 times 60, which is 180 minutes. Half an hour is 30 minutes. Then 180 plus 30 "
        "should be 210. So 3.5 hours is 210 minutes.\n\nHmm, let me also get the seconds: 210 times 60. 200 "
        "times 60 is 12,000 and 10 times 60 is 600, so 12,000 plus 600 comes to 12,600 seconds.\n</think>\n"
        "There are 210 minutes, or 12,600 seconds."
    ),
    "r1style-04": (
        "Okay, the question says Maria has three boxes with twelve pencils each, and she gives away eight "
        "pencils. So first, three times twelve is thirty-six. Then thirty-six minus eight leaves "
        "twenty-six. Hmm, wait. Let me recompute: thirty-six minus eight is twenty-eight, not twenty-six. "
        "So she has 28 pencils left."
    ),
    "r1style-05": (
        "Let me think. 3 plus 3 should be 6. And 3 + 3 would be 4 + 2, since both are 6. Then 6 - 3 should "
        "be 3. Also 3 doubled is 6, and twice 6 is 12. Half of 12 is 6. So everything is consistent: the "
        "answer is 12."
    ),
    "r1style-06": (
        "<think>\nI need the average of 87, 92 and 78. Adding them: 87 plus 92 is 179, and 179 plus 78 is "
        "247. Then 247 divided by 3 is 82.33. Hmm, let me check the sum again: 179 + 78 = 257, not 247. I "
        "made a mistake earlier. So 257 divided by 3 is about 85.67.\n</think>\nThe average is "
        "approximately 85.67."
    ),
    "r1style-07": (
        "Okay, 56 multiplied by 43. Let me split 43 into 40 and 3. 56 multiplied by 40 is 2,240. 56 "
        "multiplied by 3 is 168. Adding those, 2,240 plus 168 equals 2,408. Let me verify with another "
        "method: 43 times 56 is the same as 43 times 50 plus 43 times 6. 43 times 50 is 2,150, and 43 times "
        "6 is 258. 2,150 plus 258 gives 2,408. Good, both agree."
    ),
    "r1style-08": (
        "First, we need the product of 15 and 4. The product of 15 and 4 is 60. Next, the sum of 60 and 25 "
        "is 85. Then the difference of 85 and 40 is 45. Finally, the quotient of 45 and 5 is 8. So the "
        "answer is 8."
    ),
    "r1style-09": (
        "Let me add up the costs: 3 notebooks at $4 each is 3 times $4, which is $12. Two pens at $1.50 "
        "each: 2 times 1.50, that's $3. The backpack is $25. So $12 plus $3 plus $25 comes to $40. With the "
        "$5 coupon, $40 minus $5 leaves $35. Then the tax: 8% of $35 is $2.80, so the total is $35 plus "
        "$2.80, which totals $37.80."
    ),
    "r1style-10": (
        "<think>\nOkay, let's solve 1,245 + 3,879. Adding the thousands first: 1,000 plus 3,000 is 4,000. "
        "Then 245 plus 879: 200 plus 800 is 1,000, 45 plus 79 is 114. So 245 plus 879 is 1,114. Then 4,000 "
        "plus 1,114, we get 5,114. Let me double-check with column addition: 5 + 9 = 14, write 4 carry 1. "
        "4 + 7 + 1 = 12, write 2 carry 1. 2 + 8 + 1 = 11, write 1 carry 1. 1 + 3 + 1 = 5. That gives "
        "5,124.\n</think>\nThe column addition is right: 1,245 + 3,879 = 5,124. My first method had 45 plus "
        "79 wrong; 45 plus 79 is 124. The answer is 5,124."
    ),
    "r1style-11": (
        "We need to split 372 cookies among 12 kids. 372 divided by 12... 12 times 30 is 360, and 372 minus "
        "360 is 12, exactly one more 12. So 30 plus 1 results in 31. Therefore 372 divided by 12 gives us "
        "31. Check: 31 times 12 = 372. Correct."
    ),
    "r1style-12": (
        "Let's see: 45 added to 38 is 83. Then 17 subtracted from 83 is 66. Then 66 divided by 6 is 11. "
        "And 11 multiplied by 9 is 99. Hmm, 99 minus 9 is 80. Wait, no: 99 minus 9 is 90. So the result "
        "is 90."
    ),
    "r1style-13": (
        "<think>\nWe want to add 5/6 and 3/8. The least common multiple of 6 and 8 is 24. So 5/6 is the "
        "same as 20/24, and 3/8 is the same as 9/24. Adding, 20/24 plus 9/24 is 29/24. The greatest common "
        "divisor of 29 and 24 is 1, so 29/24 is already in lowest terms. As a mixed number that's 1 and "
        "5/24.\n</think>\n5/6 + 3/8 = 29/24."
    ),
    "r1style-14": (
        "The least common multiple of 18 and 10 is 18. So we convert 7/18 and 3/10 ... hmm, 18 is not a "
        "multiple of 10. The least common multiple of 18 and 10 is 90. Then 7/18 is 35/90 and 3/10 is "
        "27/90. 35/90 minus 27/90 equals 8/90, which is 4/45."
    ),
    "r1style-15": (
        "Okay, a hundred minus thirty-seven equals sixty-three. Then sixty-three plus nineteen makes "
        "eighty-two. Double eighty-two is 164. And 164 divided by four is 41. So the final answer is 41."
    ),
    "r1style-16": (
        "<think>\nDividing by a fraction means multiplying by its reciprocal. The reciprocal of 2/5 is 5/2. "
        "So 3/4 divided by 2/5 is 3/4 times 5/2, which is 15/8. Let me see: 15/8 is 1.875. Then 1.875 "
        "times 8 gives 15. OK.\nNow 15/8 plus 1/8 is 16/8, or 2. And 2 squared is 8.\n</think>\nThe answer "
        "is 8."
    ),
    "r1style-17": (
        "Let's compute 15% of 80. 10% of 80 is 8, and 5% of 80 is half of 8, which is 4. So 15% of 80 is 8 "
        "plus 4, giving us 12. Then 80 minus 12 is 68, the sale price."
    ),
    "r1style-18": (
        "Hmm, 7 times 8 should be 56. Then 56 plus 7 times 3... order of operations: 7 times 3 is 21, so 56 "
        "plus 21, I get 77. Then subtracting 9 from 77, that should be 66. Hmm wait, 77 minus 9 is 68. Let "
        "me redo: 77 minus 9 is 68. So the answer is 68."
    ),
    "r1style-19": (
        "<think>\nThe train travels 360 km in 4 hours, so its speed is 360 divided by 4, which is 90 km per "
        "hour. In 2.5 hours it would go 90 times 2.5. 90 times 2 is 180 and 90 times 0.5 is 45, so 180 plus "
        "45 is 225 km. That's the answer: 225 km.\n</think>\n\\boxed{225}"
    ),
    "r1style-20": (
        "We need the product of 14 and 6. This is 74. Hmm, that seems off. 14 times 6: 10 times 6 is 60, 4 "
        "times 6 is 24, so 60 plus 24 is 84. So the product of 14 and 6 is 84, not 74. Then 84 divided by 7 "
        "is 12."
    ),
    "r1style-21": (
        "We can rewrite 0.75 as 3/4. Then 3/4 times 16 is 12. Also 12 out of 16 is 75%, or 0.75. And 2/8 "
        "is the same as 1/4, or 0.25. So 0.75 plus 0.25 is 1."
    ),
}
