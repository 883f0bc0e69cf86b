"""Hand labels for texts.jsonl: every "=", "≈" and "\\approx" of every text, in order of appearance.

Each entry of a text's `claims` is one sign, by its index k among the text's signs:

    (k, span, lhs, rhs, notation)   arithmetic: the claim as written, its two sides in Python syntax
                                    (evaluated exactly by exact.py) and its notation tags
    (k, span, None, None, kind)     not arithmetic: algebra (a variable), definition (a side in
                                    words: "Jane's Age = 30 - 3"), function (sqrt, pi, floor,
                                    factorial, LCM), other (HTML attributes, "answer_nr1 = 51", ...)

Notation tags: plain, latex, units (currency and unit words), words (other words or bracketed
labels between the numbers), text (\\text{} annotations), percent, frac (\\frac and friends),
implicit (2(3+4), (a)(b)), exponent, mixed (1\\frac{2}{3}), approx (≈ at the precision shown),
escaped (markdown "\\*"), colon (":" for division), spaces (thousands written "400 000").

`answer` is the final answer the text states (None when it states none); `split` is "dev" for texts
seen while the checker was written, "heldout1" for texts labelled after it was committed (scored,
then used to fix it) and "heldout2" for texts labelled after those fixes (scored once).
"""

LABELS: dict = {}
L = LABELS


def H(answer, claims, note=None, split="heldout1"):
    """A held-out text: chosen and labelled after the checker was written (see README)."""
    d = dict(answer=answer, claims=claims, split=split)
    if note:
        d["note"] = note
    return d



# Meta-Llama-3-8B (base), GSM8K test, "explain" prompt.  (k, span, lhs, rhs, tags)  or  (k, span, None, None, kind)
L["llama3-gsm8k-0000"] = dict(answer="18", claims=[
    (0, r"16 - 3 - 4 = 9", "16-3-4", "9", "plain"),
    (1, r"$2 \times 9 = $18", "2*9", "18", "latex units"),
])
L["llama3-gsm8k-0010"] = dict(answer="366", claims=[
    (0, r"3*60=180", "3*60", "180", "plain"),
    (1, r"180*0.7=126", "180*0.7", "126", "plain"),
    (2, r"60+180+126=366", "60+180+126", "366", "plain"),
])
L["llama3-gsm8k-0021"] = dict(answer="29", claims=[
    (0, r"$x = 23 + y$", None, None, "algebra"),
    (1, r"$y = 6 + x$", None, None, "algebra"),
    (2, r"$x = 23 + 6 + x$", None, None, "algebra"),
    (3, r"$x = 29$", None, None, "algebra"),
])
L["llama3-gsm8k-0025"] = dict(answer="2.5", claims=[
    (0, r"$12 + 5 * $3 + 4 * $1.50 + x * $8.50 = $50", None, None, "algebra"),
    (1, r"x = (50 - 12 - 5 * 3 - 4 * 1.5) / 8.5", None, None, "algebra"),
    (2, r"(50 - 12 - 5 * 3 - 4 * 1.5) / 8.5 = 2.5", "(50-12-5*3-4*1.5)/8.5", "2.5", "plain"),
])
L["llama3-gsm8k-0030"] = dict(answer="92.5", claims=[
    (0, r"x/y = 7/11", None, None, "algebra"),
    (1, r"x = 7y/11", None, None, "algebra"),
    (2, r"x + y = 162", None, None, "algebra"),
    (3, r"7y/11 + y = 162", None, None, "algebra"),
    (4, r"y = 11(162 - 7)/18", None, None, "algebra"),
    (5, r"11(162 - 7)/18 = 165/2", "11*(162-7)/18", "165/2", "implicit"),
    (6, r"165/2 + 10 = 185/2", "165/2+10", "185/2", "plain"),
    (7, r"185/2 = 92.5", "185/2", "92.5", "plain"),
])
L["llama3-gsm8k-0034"] = dict(answer="23", claims=[
    (0, r"$x = y - 2$", None, None, "algebra"),
    (1, r"$y = \frac{z}{2} + 5$", None, None, "algebra"),
    (2, r"$z = 40$", None, None, "algebra"),
    (3, r"$y = \frac{40}{2} + 5", None, None, "algebra"),
    (4, r"\frac{40}{2} + 5 = 25", "40/2+5", "25", "latex frac"),
    (5, r"$x = 25 - 2", None, None, "algebra"),
    (6, r"25 - 2 = 23", "25-2", "23", "plain"),
])
L["llama3-gsm8k-0040"] = dict(answer="8", claims=[
    (0, r"x = 4y", None, None, "algebra"),
    (1, r"y = 2z", None, None, "algebra"),
    (2, r"z = 1", None, None, "algebra"),
    (3, r"x = 4(2(1))", None, None, "algebra"),
    (4, r"4(2(1)) = 8", "4*(2*(1))", "8", "implicit"),
])
L["llama3-gsm8k-0049"] = dict(answer="75", claims=[
    (0, r"15 * 8 - 3/4 * 15 * 8 = 120 - 45", "15*8-3/4*15*8", "120-45", "plain"),
    (1, r"120 - 45 = 75", "120-45", "75", "plain"),
])
L["llama3-gsm8k-0053"] = dict(answer="0", claims=[
    (0, r"$60*6 + $40*4 = $480", "60*6+40*4", "480", "units"),
    (1, r"$40*12 = $480", "40*12", "480", "units"),
])
L["llama3-gsm8k-0058"] = dict(answer="57", claims=[
    (0, r"$40.00 + 25% of $40.00 + $3.00 + $4.00 = $40.00 + $10.00 + $3.00 + $4.00", "40+25/100*40+3+4", "40+10+3+4", "units percent words"),
    (1, r"$40.00 + $10.00 + $3.00 + $4.00 = $57.00", "40+10+3+4", "57", "units"),
])
L["llama3-gsm8k-0061"] = dict(answer="1430", claims=[
    (0, r"$500 + $800 + 10% of $1300 = $500 + $800 + $130", "500+800+10/100*1300", "500+800+130", "units percent words"),
    (1, r"$500 + $800 + $130 = $1430", "500+800+130", "1430", "units"),
])
L["llama3-gsm8k-0073"] = dict(answer="765", claims=[
    (0, r"$150 * 5 = $750", "150*5", "750", "units"),
    (1, r"2% of $750 = $15", "2/100*750", "15", "units percent words"),
    (2, r"$750 + $15 * 3 = $765", "750+15*3", "765", "units"),
])
L["llama3-gsm8k-0075"] = dict(answer="8", claims=[
    (0, r"16/2 = 8", "16/2", "8", "plain"),
    (1, r"8/2 = 4", "8/2", "4", "plain"),
    (2, r"4/2 = 2", "4/2", "2", "plain"),
    (3, r"(16 + 8 + 4 + 2)/4 = 8", "(16+8+4+2)/4", "8", "plain"),
])
L["llama3-gsm8k-0105"] = dict(answer="20", claims=[
    (0, r"x = 5", None, None, "algebra"),
    (1, r"3x = 3(5)", None, None, "algebra"),
    (2, r"3(5) = 15", "3*(5)", "15", "implicit"),
    (3, r"5 + 15 = 20", "5+15", "20", "plain"),
])
L["llama3-gsm8k-0106"] = dict(answer="36", claims=[
    (0, r"3 * (5 - 2) * (6 - 2) * (4 - 2) = 3 * 3 * 4 * 2", "3*(5-2)*(6-2)*(4-2)", "3*3*4*2", "plain"),
    (1, r"3 * 3 * 4 * 2 = 36", "3*3*4*2", "36", "plain"),
])
L["llama3-gsm8k-0137"] = dict(answer="17.50", claims=[
    (0, r"$7.50 + $1.50 + $1.00 = $10.00", "7.50+1.50+1.00", "10.00", "units"),
    (1, r"$10.00 + $2.00 = $12.00", "10.00+2.00", "12.00", "units"),
    (2, r"$12.00 + $5.00 = $17.50", "12.00+5.00", "17.50", "units"),
])
L["llama3-gsm8k-0146"] = dict(answer="2125", claims=[
    (0, r"500 + 3*500 + 1/4*500 = 500 + 1500 + 125", "500+3*500+1/4*500", "500+1500+125", "plain"),
    (1, r"500 + 1500 + 125 = 2125", "500+1500+125", "2125", "plain"),
])


# Qwen/Qwen2.5-Math-1.5B (base, r1_zero prompt), GSM8K test.
L["qm-gsm8k-0106"] = dict(answer="18", claims=[
    (0, r"multiply.  = 20", None, None, "other"),
    (1, r"3x2x1 = 6", "3*2*1", "6", "plain"),
    (2, r"(3 x 6) = 18", "3*6", "18", "plain"),
    (3, r"\frac{3 \cdot ( 8\cdot 5 \cdot 4 )}{6 \cdot 5 \cdot 7} = 18", "3*(8*5*4)/(6*5*7)", "18", "latex frac"),
])
L["qm-gsm8k-0112"] = dict(answer="12", claims=[
    (0, r"Teacher’s lesson per day = 2 Teacher’s lesson per day * 4 (4 teachers)", None, None, "definition"),
    (1, r"2 Teacher’s lesson per day * 4 (4 teachers) = 8", "2*4", "8", "units words"),
    (2, r"Teacher’s lesson per day = 3 Teacher’s lesson per day * 4 (4 teachers)", None, None, "definition"),
    (3, r"3 Teacher’s lesson per day * 4 (4 teachers) = 12", "3*4", "12", "units words"),
    (4, r"3 times/lesson * 8 lessons/day = 24", "3*8", "24", "units"),
])
L["qm-gsm8k-0113"] = dict(answer="25", claims=[
    (0, r"2 × 15 = 30", "2*15", "30", "plain"),
    (1, r"30 – 5 = 25", "30-5", "25", "plain"),
])
L["qm-gsm8k-0116"] = dict(answer="63", claims=[
    (0, r"Amount of sugar = (Total amount of sugar / (sugar ratio + water ratio)) * sugar ratio", None, None, "definition"),
    (1, r"(120 / (7+13)) * 7 = 63", "(120/(7+13))*7", "63", "plain"),
])
L["qm-gsm8k-0120"] = dict(answer="240", claims=[
    (0, r"2 pads of paper a week * 30 sheets per pad = 60", "2*30", "60", "units words"),
    (1, r"60 sheets per week * 4 weeks per month = 240", "60*4", "240", "units words"),
])
L["qm-gsm8k-0121"] = dict(answer="27", claims=[
    (0, r"5 apples + 8 oranges = 13", "5+8", "13", "units"),
    (1, r"2 * 5 apples = 10", "2*5", "10", "units"),
    (2, r"8 oranges / 2 = 4", "8/2", "4", "units"),
    (3, r"10 apples + 4 oranges = 14", "10+4", "14", "units"),
    (4, r"13 fruits + 14 fruits = 27", "13+14", "27", "units"),
])
L["qm-gsm8k-0123"] = dict(answer="50", claims=[
    (0, r"10 \text{ miles/hour} \times 3 \text{ hours} = 30", "10*3", "30", "latex text units"),
    (1, r"10 \text{ miles/hour} \times 3 \text{ hours} = 30", "10*3", "30", "latex text units"),
])
L["qm-gsm8k-0126"] = dict(answer="82", claims=[
    (0, r"x=38", None, None, "algebra"),
    (1, r"X+Y=38+(x+6)", None, None, "algebra"),
    (2, r"38+(x+6)=38+(38+6)", None, None, "algebra"),
    (3, r"38+(38+6)=82", "38+(38+6)", "82", "plain"),
])
L["qm-gsm8k-0140"] = dict(answer="20", claims=[
    (0, r"20 - 12 - 4 = 4", "20-12-4", "4", "plain"),
    (1, r"(4 / 20) * 100 = 20%", "(4/20)*100", "20", "percent"),
])
L["qm-gsm8k-0151"] = dict(answer="2.4", claims=[
    (0, r"Number of tires one kids = 2×1 for bicycle", None, None, "definition"),
    (1, r"So the number of total feet = 2×5+3×3+1×1", None, None, "definition"),
    (2, r"2×5+3×3+1×1=20", "2*5+3*3+1*1", "20", "plain"),
    (3, r"Price per inch=12 cents", None, None, "definition"),
    (4, r"12/100=0.12", "12/100", "0.12", "plain"),
    (5, r"we got = 20×0.12", None, None, "definition"),
    (6, r"20×0.12=2.4", "20*0.12", "2.4", "plain"),
])
L["qm-gsm8k-0157"] = dict(answer="1200", claims=[
    (0, r"15 * 2 = 30", "15*2", "30", "plain"),
    (1, r"1 * 2 = 2", "1*2", "2", "plain"),
    (2, r"2 * 2 = 4", "2*2", "4", "plain"),
    (3, r"2 + 4 = 6", "2+4", "6", "plain"),
    (4, r"6 - 30 = 12", "6-30", "12", "plain"),
    (5, r"12 * 100 = 1200", "12*100", "1200", "plain"),
])
L["qm-gsm8k-0160"] = dict(answer="16", claims=[
    (0, r"17 + 7 = 24", "17+7", "24", "plain"),
    (1, r"24 * (2/3) = 16", "24*(2/3)", "16", "plain"),
])
L["qm-gsm8k-0166"] = dict(answer="5", claims=[
    (0, r"15 flans * 3 eggs/flan = 45", "15*3", "45", "units"),
    (1, r"45 eggs / 9 eggs/time = 5", "45/9", "5", "units"),
])
L["qm-gsm8k-0173"] = dict(answer="16500", claims=[
    (0, r"Lowest minimum = $200/month for student loans", None, None, "definition"),
    (1, r"$200/month for student loans + $200/month for credit card + $500/month for mortgage = $900/month", "200+200+500", "900", "units words"),
    (2, r"$200/month * 1.5 = $300/month", "200*1.5", "300", "units"),
    (3, r"$200/month * 1.5 = $300/month", "200*1.5", "300", "units"),
    (4, r"$500/month * 1.5 = $750/month", "500*1.5", "750", "units"),
])
L["qm-gsm8k-0176"] = dict(answer="100", claims=[
    (0, r"240 - 80 = 160", "240-80", "160", "plain"),
    (1, r"160 - 60 = 100", "160-60", "100", "plain"),
    (2, r"$6.00 + 50% of $6.00 = $6.00 + $3.00", "6+50/100*6", "6+3", "units percent words"),
    (3, r"$6.00 + $3.00 = $9.00", "6+3", "9", "units"),
])
L["qm-gsm8k-0180"] = dict(answer="20", claims=[
    (0, r"1 - 3/4 = 1/4", "1-3/4", "1/4", "plain"),
    (1, r"80/4 = 20", "80/4", "20", "plain"),
])
L["qm-gsm8k-0191"] = dict(answer="5", claims=[
    (0, r"10 \times 3.5 = 35", "10*3.5", "35", "latex"),
    (1, r"35 \div 7 = 5", "35/7", "5", "latex"),
])
L["qm-gsm8k-0198"] = dict(answer="320", claims=[
    (0, r"3 * 20 = 60", "3*20", "60", "plain"),
    (1, r"60 - 20 = 40", "60-20", "40", "plain"),
    (2, r"2 * (60 + 40) = 2 * 100", "2*(60+40)", "2*100", "plain"),
    (3, r"2 * 100 = 200", "2*100", "200", "plain"),
    (4, r"20 + 60 + 40 + 200 = 320", "20+60+40+200", "320", "plain"),
])
L["qm-gsm8k-0201"] = dict(answer="14701000", claims=[
    (0, r"73 * 40 * 52 = 14,696,000", "73*40*52", "14696000", "plain"),
    (1, r"$5000 + $14,696,000 = $14,701,000", "5000+14696000", "14701000", "units"),
])
L["qm-gsm8k-0292"] = dict(answer="1460", claims=[
    (0, r"($10/10 + $5/5) / 2 = ($1 + $1) / 2", "(10/10+5/5)/2", "(1+1)/2", "units"),
    (1, r"($1 + $1) / 2 = $2 / 2", "(1+1)/2", "2/2", "units"),
    (2, r"$2 / 2 = $1", "2/2", "1", "units"),
    (3, r"13 hours * 120 minutes/hour * $1/minute ≈ \$1520", "13*120*1", "1520", "units approx"),
    (4, r"$1520 – $60 = $1460", "1520-60", "1460", "units"),
])
L["qm-gsm8k-0577"] = dict(answer="62.857", claims=[
    (0, r"(50 + 50 + 0 + 120 + 120 + 20 + 90) / 7 = 440 / 7", "(50+50+0+120+120+20+90)/7", "440/7", "plain"),
    (1, r"440 / 7 ≈ 62.857", "440/7", "62.857", "approx"),
])
L["qm-gsm8k-0981"] = dict(answer="7", claims=[
    (0, r"$3 \times 4 = 12", "3*4", "12", "latex"),
    (1, r"\frac{12}{2} = 6", "12/2", "6", "latex frac"),
    (2, r"$3 + 12 + 6 = 21", "3+12+6", "21", "latex"),
    (3, r"\frac{21}{3} \approx 7", "21/3", "7", "latex frac approx"),
])
L["qm-gsm8k-1040"] = dict(answer="567", claims=[
    (0, r"425/5 + 17 = 97 + 17", "425/5+17", "97+17", "plain"),
    (1, r"97 + 17 = 114", "97+17", "114", "plain"),
    (2, r"2/5 of the Tuesday letters + 5 = 2/5 × 114 + 5", None, None, "definition"),
    (3, r"2/5 × 114 + 5 = 22.8 + 5", "2/5*114+5", "22.8+5", "plain"),
    (4, r"22.8 + 5 = 27.8", "22.8+5", "27.8", "plain"),
    (5, r"27.8 ≈ 28", "27.8", "28", "approx"),
    (6, r"425 + 114 + 28 = 567", "425+114+28", "567", "plain"),
])


# deepseek-ai/DeepSeek-R1-Distill-Llama-8B, GSM8K test (unsteered generations).
L["r1llama-gsm8k-072"] = dict(answer="71", claims=[
    (0, r"\text{Amount given} = \frac{1}{2} \times 100", None, None, "definition"),
    (1, r"\frac{1}{2} \times 100 = \$50", "1/2*100", "50", "latex frac units"),
    (2, r"\text{Ali's total} = \$21 + \$50", None, None, "definition"),
    (3, r"\$21 + \$50 = \$71", "21+50", "71", "latex units"),
])
L["r1llama-gsm8k-087"] = dict(answer="32", claims=[
    (0, r"30 - 3 = 27", "30-3", "27", "plain"),
    (1, r"27 + 5 = 32", "27+5", "32", "plain"),
    (2, r"Jane's Age = Quinn's Age - 3", None, None, "definition"),
    (3, r"Jane's Age = 30 - 3", None, None, "definition"),
    (4, r"30 - 3 = 27", "30-3", "27", "plain"),
    (5, r"Trent's Age = Jane's Age + 5", None, None, "definition"),
    (6, r"Trent's Age = 27 + 5", None, None, "definition"),
    (7, r"27 + 5 = 32", "27+5", "32", "plain"),
])
L["r1llama-gsm8k-028"] = dict(answer="30", claims=[
    (0, r"3 + 3 = 6", "3+3", "6", "plain"),
    (1, r"6 miles/day * 5 days = 30", "6*5", "30", "units"),
    (2, r"\text{Total daily distance} = 3 \text{ miles} + 3 \text{ miles}", None, None, "definition"),
    (3, r"3 \text{ miles} + 3 \text{ miles} = 6", "3+3", "6", "latex text units"),
    (4, r"\text{Total weekly distance} = 6 \text{ miles/day} \times 5 \text{ days}", None, None, "definition"),
    (5, r"6 \text{ miles/day} \times 5 \text{ days} = 30", "6*5", "30", "latex text units"),
])
L["r1llama-gsm8k-041"] = dict(answer="133", claims=[
    (0, r"\text{Discount} = 5\% \times 140", None, None, "definition"),
    (1, r"5\% \times 140 = 0.05 \times 140", "5/100*140", "0.05*140", "latex percent"),
    (2, r"0.05 \times 140 = \$7", "0.05*140", "7", "latex units"),
    (3, r"\text{Final Price} = 140 - 7", None, None, "definition"),
    (4, r"140 - 7 = \$133", "140-7", "133", "units"),
])
L["r1llama-gsm8k-032"] = dict(answer="4", claims=[
    (0, r"9 - 5 = 4", "9-5", "4", "plain"),
    (1, r"Corey's age = James's age + 1", None, None, "definition"),
    (2, r"Corey = 10 + 1", None, None, "definition"),
    (3, r"10 + 1 = **11", "10+1", "11", "plain"),
    (4, r"Amy's age = Corey's age - 2", None, None, "definition"),
    (5, r"Amy = 11 - 2", None, None, "definition"),
    (6, r"11 - 2 = **9", "11-2", "9", "plain"),
    (7, r"Jackson's age = Amy's age - 5", None, None, "definition"),
    (8, r"Jackson = 9 - 5", None, None, "definition"),
    (9, r"9 - 5 = **4", "9-5", "4", "plain"),
])
L["r1llama-gsm8k-088"] = dict(answer="60", claims=[
    (0, r"5 \text{ kg/liter} \times 4 \text{ liters} = 20", "5*4", "20", "latex text units"),
    (1, r"20 \text{ kg} \times \$3/\text{kg} = \$60", "20*3", "60", "latex text units"),
])
L["r1llama-gsm8k-085"] = dict(answer="10.83", claims=[
    (0, r"2 \times \$5 + \$1 = \$10 + \$1", "2*5+1", "10+1", "latex units"),
    (1, r"\$10 + \$1 = \$11", "10+1", "11", "latex units"),
    (2, r"1.5 \times \$11 = \$16.50", "1.5*11", "16.50", "latex units"),
    (3, r"\$5 \, (\text{First Race}) + \$11 \, (\text{Second Race}) + \$16.50 \, (\text{Third Race}) = \$32.50",
     "5+11+16.50", "32.50", "latex units text words"),
    (4, r"\frac{\$32.50}{3 \, \text{Races}} \approx \$10.83", "32.50/3", "10.83", "latex frac units text approx"),
])
L["r1llama-gsm8k-066"] = dict(answer="15", claims=[
    (0, r"10\ \text{hours} - 2\ \text{hours} = 8", "10-2", "8", "latex text units"),
    (1, r"8\ \text{hours (work)} + 1\ \text{hour (dog walking)} = 9", "8+1", "9", "latex text units words"),
    (2, r"24\ \text{hours} - 9\ \text{hours} = 15", "24-9", "15", "latex text units"),
])
L["r1llama-gsm8k-080"] = dict(answer="11", claims=[
    (0, r"8 \text{ children/row} \times 7 \text{ rows} = 56", "8*7", "56", "latex text units"),
    (1, r"\frac{56 \text{ children}}{5 \text{ schools}} = 11.2", "56/5", "11.2", "latex frac text units"),
])
L["r1llama-gsm8k-064"] = dict(answer="2", claims=[
    (0, r"\$3 - (\$3 \times \frac{1}{2}) = \$2.50", "3-(3*(1/2))", "2.50", "latex frac units"),
    (1, r"\$3 + \$2.50 = **\$5.50", "3+2.50", "5.50", "latex units"),
    (2, r"4 × \$0.25 = **\$1.00", "4*0.25", "1.00", "latex units"),
    (3, r"\$5.50 + \$1.50 + \$1.00 = **\$8.00", "5.50+1.50+1.00", "8.00", "latex units"),
    (4, r"\$10 - \$8.00 = **\$2.00", "10-8.00", "2.00", "latex units"),
])
L["r1llama-gsm8k-024"] = dict(answer="2", claims=[
    (0, r"$30 + $30 = $60", "30+30", "60", "units"),
    (1, r"$64 - $60 = $4", "64-60", "4", "units"),
    (2, r"$4 ÷ 2 = $2", "4/2", "2", "units"),
    (3, r"Total cost of four pizzas = \$64", None, None, "definition"),
    (4, r"Cost of two pizzas = \$30 each", None, None, "definition"),
    (5, r"Cost of each of the other two pizzas = \( x \) dollars", None, None, "algebra"),
    (6, r"2 \times 30 = 60", "2*30", "60", "latex"),
    (7, r"64 - 60 = 4", "64-60", "4", "plain"),
    (8, r"\frac{4}{2} = 2", "4/2", "2", "latex frac"),
])
L["r1llama-gsm8k-035"] = dict(answer="1596", claims=[
    (0, r"140 \, \text{dollars/month} \times 6 \, \text{months} = 840", "140*6", "840", "latex text units"),
    (1, r"0.10 \times 140 = 14", "0.10*140", "14", "latex"),
    (2, r"140 \, \text{dollars} - 14 \, \text{dollars} = 126", "140-14", "126", "latex text units"),
    (3, r"126 \, \text{dollars/month} \times 6 \, \text{months} = 756", "126*6", "756", "latex text units"),
    (4, r"840 \, \text{dollars} + 756 \, \text{dollars} = 1,\!596", "840+756", "1596", "latex text units"),
])
L["r1llama-gsm8k-070"] = dict(answer="20", claims=[
    (0, r"\text{Discount} = 25\% \times \$40", None, None, "definition"),
    (1, r"25\% \times \$40 = 0.25 \times \$40", "25/100*40", "0.25*40", "latex percent units"),
    (2, r"0.25 \times \$40 = \$10", "0.25*40", "10", "latex units"),
    (3, r"\text{Sale Price} = \$40 - \$10", None, None, "definition"),
    (4, r"\$40 - \$10 = \$30", "40-10", "30", "latex units"),
    (5, r"\text{Money Left} = \$50 - \$30", None, None, "definition"),
    (6, r"\$50 - \$30 = \$20", "50-30", "20", "latex units"),
])
L["r1llama-gsm8k-083"] = dict(answer="42", claims=[
    (0, r"Anthony's Savings = Eva's Savings + \$10.00", None, None, "definition"),
    (1, r"\$20.00 + \$10.00 = \$30.00", "20.00+10.00", "30.00", "latex units"),
    (2, r"40% of Anthony's Savings = 0.40 × \$30.00", None, None, "definition"),
    (3, r"0.40 × \$30.00 = \$12.00", "0.40*30.00", "12.00", "latex units"),
    (4, r"Roy's Savings = Anthony's Savings + 40% of Anthony's Savings", None, None, "definition"),
    (5, r"\$30.00 + \$12.00 = \$42.00", "30.00+12.00", "42.00", "latex units"),
])
L["r1llama-gsm8k-021"] = dict(answer="520", claims=[
    (0, r"\text{Savings} = 0.20 \times 400", None, None, "definition"),
    (1, r"0.20 \times 400 = \$80", "0.20*400", "80", "latex units"),
    (2, r"\text{Materials Cost} = 400 - 80", None, None, "definition"),
    (3, r"400 - 80 = \$320", "400-80", "320", "units"),
    (4, r"\text{Labor Cost} = 20 \times 10", None, None, "definition"),
    (5, r"20 \times 10 = \$200", "20*10", "200", "latex units"),
    (6, r"\text{Total Cost} = \text{Materials Cost} + \text{Labor Cost}", None, None, "definition"),
    (7, r"\text{Materials Cost} + \text{Labor Cost} = 320 + 200", None, None, "definition"),
    (8, r"320 + 200 = \$520", "320+200", "520", "units"),
])


# Qwen/Qwen2.5-Math-1.5B and -1.5B-Instruct (r1_zero prompt), MATH-500; DeepSeek-R1-Distill-Qwen-1.5B, reasoning prompts.
L["qm-math500-0008"] = dict(answer=r"3\sqrt{13}", claims=[
    (0, r"d = \sqrt{(x_2 - x_1)^2 + (y_2 - y_1)^2}", None, None, "algebra"),
    (1, r"(x_1, y_1) = (2, -6)", None, None, "algebra"),
    (2, r"(x_2, y_2) = (-4, 3)", None, None, "algebra"),
    (3, r"d = \sqrt{((-4) - 2)^2 + (3 - (-6))^2}", None, None, "algebra"),
    (4, r"\sqrt{((-4) - 2)^2 + (3 - (-6))^2} = \sqrt{(-6)^2 + 9^2}", None, None, "function"),
    (5, r"\sqrt{(-6)^2 + 9^2} = \sqrt{36 + 81}", None, None, "function"),
    (6, r"\sqrt{36 + 81} = \sqrt{117}", None, None, "function"),
    (7, r"\sqrt{117} = \sqrt{9 \cdot 13}", None, None, "function"),
    (8, r"\sqrt{9 \cdot 13} = 3\sqrt{13}", None, None, "function"),
])
L["qm-math500-0031"] = dict(answer=r"11\sqrt{2}", claims=[
    (0, r"242 = 2 * 11 * 11", "2*11*11", "242", "plain"),
    (1, r"\sqrt{242} = \sqrt{2 * 11 * 11}", None, None, "function"),
    (2, r"\sqrt{2 * 11 * 11} = \sqrt{121 * 2}", None, None, "function"),
    (3, r"\sqrt{121 * 2} = 11\sqrt{2}", None, None, "function"),
])
L["qm-math500-0042"] = dict(answer="4", claims=[
    (0, r"a = -1", None, None, "algebra"),
    (1, r"b = 5", None, None, "algebra"),
    (2, r"a + b = -1 + 5", None, None, "algebra"),
    (3, r"-1 + 5 = 4", "-1+5", "4", "latex"),
])
L["qm-math500-0044"] = dict(answer="1.12", claims=[
    (0, r"\frac{1}{2} + \frac{1}{2} = 1", "1/2+1/2", "1", "latex frac"),
    (1, r"c = \sqrt{a^2 + b^2}", None, None, "algebra"),
    (2, r"a = \frac{3}{4}", None, None, "algebra"),
    (3, r"b = 1", None, None, "algebra"),
    (4, r"c = \boxed{1.12}", None, None, "algebra"),
])
L["qm-math500-0054"] = dict(answer="0.15", claims=[
    (0, r"5/20 = 0.25", "5/20", "0.25", "plain"),
    (1, r"20 / 20 = 1", "20/20", "1", "plain"),
    (2, r"0.25 * 1 = 0.25", "0.25*1", "0.25", "plain"),
])
L["qm-math500-0059"] = dict(answer="9", claims=[
    (0, r"N = sum of light column - sum of the main diagonal", None, None, "definition"),
    (1, r"=28+21-50", None, None, "definition"),
    (2, "28+21-50\n  =9", "28+21-50", "9", "plain"),
])
L["qm-math500-0084"] = dict(answer="-6", claims=[
    (0, r"12=3\cdot4", "3*4", "12", "latex"),
    (1, r"26=5\cdot4+3a", None, None, "algebra"),
    (2, r"-8=5\cdot b + a\cdot4-2\cdot3", None, None, "algebra"),
    (3, r"-16=5\cdot(-2)+a\cdot b", None, None, "algebra"),
    (4, r"6=a\cdot(-2)", None, None, "algebra"),
    (5, r"a=2", None, None, "algebra"),
    (6, r"b=-8", None, None, "algebra"),
    (7, r"a+b=-6", None, None, "algebra"),
])
L["qm-math500-0113"] = dict(answer="90", claims=[
    (0, r"a^2 - b^2 = (a + b)(a - b)", None, None, "algebra"),
    (1, r"(26 + 24)(26 - 24) - 10 = (50)(2) - 10", "(26+24)*(26-24)-10", "(50)*(2)-10", "implicit"),
    (2, r"(50)(2) - 10 = 90", "(50)*(2)-10", "90", "implicit"),
])
L["qm-math500-0144"] = dict(answer="(15,-29)", claims=[
    (0, r"$t=2$", None, None, "algebra"),
    (1, r"x=2^3+7", None, None, "algebra"),
    (2, r"2^3+7=8+7", "2**3+7", "8+7", "exponent"),
    (3, r"8+7=15", "8+7", "15", "plain"),
    (4, r"y=-3*2^2-6*2-5", None, None, "algebra"),
    (5, r"-3*2^2-6*2-5=-12-12-5", "-3*2**2-6*2-5", "-12-12-5", "exponent"),
    (6, r"-12-12-5=-29", "-12-12-5", "-29", "plain"),
    (7, r"$t = 2", None, None, "algebra"),
])
L["qm-math500-0158"] = dict(answer="2955", claims=[
    (0, r"a_n = a_1 + (n-1)d", None, None, "algebra"),
    (1, r"a_n = 196", None, None, "algebra"),
    (2, r"a_1 = 105", None, None, "algebra"),
    (3, r"d = 7", None, None, "algebra"),
    (4, r"n = 15", None, None, "algebra"),
    (5, r"S_n = \frac{n}{2}(a_1 + a_n)", None, None, "algebra"),
    (6, r"S_n = \frac{15}{2}(105 + 196)", None, None, "algebra"),
    (7, r"\frac{15}{2}(105 + 196) = 2955", "15/2*(105+196)", "2955", "latex frac implicit"),
])
L["qm-math500-0167"] = dict(answer="65", claims=[
    (0, r"$V = \frac{1}{3}Bh$", None, None, "algebra"),
    (1, r"$V = \frac{1}{3} \times 30 \times 6.5", None, None, "algebra"),
    (2, r"\frac{1}{3} \times 30 \times 6.5 = 65", "1/3*30*6.5", "65", "latex frac"),
])
L["qm-math500-0182"] = dict(answer="1856", claims=[
    (0, r"(1\frac{2}{3} / \frac{2}{3}) \times 834 = 5/3 \times 834", "((1+2/3)/(2/3))*834", "5/3*834", "latex frac mixed"),
    (1, r"5/3 \times 834 = \frac{4170}{3}", "5/3*834", "4170/3", "latex frac"),
    (2, r"\frac{4170}{3} = 1856", "4170/3", "1856", "latex frac"),
])
L["qm-math500-0342"] = dict(answer="2", claims=[
    (0, r"\frac{7}{4} = 1.75", "7/4", "1.75", "latex frac"),
    (1, r"\frac{7}{3} \approx 2.33", "7/3", "2.33", "latex frac approx"),
    (2, r"$x=2$", None, None, "algebra"),
])
L["qmi-math500-0002"] = dict(answer=r"\frac{14}{3}", claims=[
    (0, r"f(x) = \frac{3x-2}{x-2}", None, None, "algebra"),
    (1, r"3x-2 = 3(x-2) + 4", None, None, "algebra"),
    (2, r"f(x) = \frac{3(x-2) + 4}{x-2}", None, None, "algebra"),
    (3, r"\frac{3(x-2) + 4}{x-2} = 3 + \frac{4}{x-2}", None, None, "algebra"),
    (4, r"x = -2", None, None, "algebra"),
    (5, r"x = -1", None, None, "algebra"),
    (6, r"x = 0", None, None, "algebra"),
    (7, r"x = -2", None, None, "algebra"),
    (8, r"f(-2) = 3 + \frac{4}{-2-2}", None, None, "algebra"),
    (9, r"3 + \frac{4}{-2-2} = 3 + \frac{4}{-4}", "3+4/(-2-2)", "3+4/(-4)", "latex frac"),
    (10, r"3 + \frac{4}{-4} = 3 - 1", "3+4/(-4)", "3-1", "latex frac"),
    (11, r"3 - 1 = 2", "3-1", "2", "latex"),
    (12, r"x = -1", None, None, "algebra"),
    (13, r"f(-1) = 3 + \frac{4}{-1-2}", None, None, "algebra"),
    (14, r"3 + \frac{4}{-1-2} = 3 + \frac{4}{-3}", "3+4/(-1-2)", "3+4/(-3)", "latex frac"),
    (15, r"3 + \frac{4}{-3} = 3 - \frac{4}{3}", "3+4/(-3)", "3-4/3", "latex frac"),
    (16, r"3 - \frac{4}{3} = \frac{9}{3} - \frac{4}{3}", "3-4/3", "9/3-4/3", "latex frac"),
    (17, r"\frac{9}{3} - \frac{4}{3} = \frac{5}{3}", "9/3-4/3", "5/3", "latex frac"),
    (18, r"x = 0", None, None, "algebra"),
    (19, r"f(0) = 3 + \frac{4}{0-2}", None, None, "algebra"),
    (20, r"3 + \frac{4}{0-2} = 3 + \frac{4}{-2}", "3+4/(0-2)", "3+4/(-2)", "latex frac"),
    (21, r"3 + \frac{4}{-2} = 3 - 2", "3+4/(-2)", "3-2", "latex frac"),
    (22, r"3 - 2 = 1", "3-2", "1", "latex"),
    (23, r"f(-2) + f(-1) + f(0) = 2 + \frac{5}{3} + 1", None, None, "algebra"),
    (24, r"2 + \frac{5}{3} + 1 = 3 + \frac{5}{3}", "2+5/3+1", "3+5/3", "latex frac"),
    (25, r"3 + \frac{5}{3} = \frac{9}{3} + \frac{5}{3}", "3+5/3", "9/3+5/3", "latex frac"),
    (26, r"\frac{9}{3} + \frac{5}{3} = \frac{14}{3}", "9/3+5/3", "14/3", "latex frac"),
    (27, r"\text{Population density} = \frac{\text{Total population}}{\text{Area}}", None, None, "definition"),
    (28, r"\text{Population density} = \frac{12,000 \text{ people}}{24 \text{ square kilometers}}", None, None, "definition"),
    (29, r"\text{Population density} = 500 \text{ people per square kilometer}", None, None, "definition"),
])
L["qmi-math500-0415"] = dict(answer="9", claims=[
    (0, r"129 \div 11 \approx 11.727", "129/11", "11.727", "latex approx"),
    (1, r"129 - 11 \times 11 = 129 - 121", "129-11*11", "129-121", "latex"),
    (2, r"129 - 121 = 8", "129-121", "8", "plain"),
    (3, r"96 \div 11 \approx 8.727", "96/11", "8.727", "latex approx"),
    (4, r"96 - 11 \times 8 = 96 - 88", "96-11*8", "96-88", "latex"),
    (5, r"96 - 88 = 8", "96-88", "8", "plain"),
    (6, r"8^{34} = 8^{3 \times 10 + 4}", "8**34", "8**(3*10+4)", "latex exponent"),
    (7, r"8^{3 \times 10 + 4} = (8^{10})^3 \times 8^4", "8**(3*10+4)", "(8**10)**3*8**4", "latex exponent"),
    (8, r"8^{38} = 8^{3 \times 10 + 8}", "8**38", "8**(3*10+8)", "latex exponent"),
    (9, r"8^{3 \times 10 + 8} = (8^{10})^3 \times 8^8", "8**(3*10+8)", "(8**10)**3*8**8", "latex exponent"),
    (10, r"8^2 = 64", "8**2", "64", "exponent"),
    (11, r"8^4 = (8^2)^2", "8**4", "(8**2)**2", "exponent"),
    (12, r"(8^2)^2 = 9^2", "(8**2)**2", "9**2", "exponent"),
    (13, r"9^2 = 81", "9**2", "81", "exponent"),
    (14, r"8^8 = (8^4)^2", "8**8", "(8**4)**2", "exponent"),
    (15, r"(8^4)^2 = 4^2", "(8**4)**2", "4**2", "exponent"),
    (16, r"4^2 = 16", "4**2", "16", "exponent"),
])
L["qmi-math500-0461"] = dict(answer="12", claims=[
    (0, r"f(n) = \begin{cases}", None, None, "algebra"),
    (1, r"\frac{\pi}{3} \approx 1.047", None, None, "function"),
    (2, r"f\left(\frac{\pi}{3}\right) = \left\lceil \frac{\pi}{3} \right\rceil", None, None, "function"),
    (3, r"\left\lceil \frac{\pi}{3} \right\rceil = \left\lceil 1.047 \right\rceil", None, None, "function"),
    (4, r"\left\lceil 1.047 \right\rceil = 2", None, None, "function"),
    (5, r"\sqrt{45} \approx 6.708", None, None, "function"),
    (6, r"f(\sqrt{45}) = \left\lfloor \sqrt{45} \right\rfloor", None, None, "function"),
    (7, r"\left\lfloor \sqrt{45} \right\rfloor = \left\lfloor 6.708 \right\rfloor", None, None, "function"),
    (8, r"\left\lfloor 6.708 \right\rfloor = 6", None, None, "function"),
    (9, r"8^{2/3} = (2^3)^{2/3}", "8**(2/3)", "(2**3)**(2/3)", "latex exponent"),
    (10, r"(2^3)^{2/3} = 2^2", "(2**3)**(2/3)", "2**2", "latex exponent"),
    (11, r"2^2 = 4", "2**2", "4", "exponent"),
    (12, r"8^{2/3} = 4", "8**(2/3)", "4", "latex exponent"),
    (13, r"f(8^{2/3}) = \left\lfloor 4 \right\rfloor", None, None, "function"),
    (14, r"\left\lfloor 4 \right\rfloor = 4", None, None, "function"),
    (15, r"f\left(\frac{\pi}{3}\right) + f(\sqrt{45}) + f(8^{2/3}) = 2 + 6 + 4", None, None, "function"),
    (16, r"2 + 6 + 4 = 12", "2+6+4", "12", "plain"),
])
L["r1q15-reason-04"] = dict(answer="49, 50, 51", claims=[
    (0, r"x + (x + 1) + (x + 2) = 150", None, None, "algebra"),
    (1, r"3x + 3 = 150", None, None, "algebra"),
    (2, r"3x = 147", None, None, "algebra"),
    (3, r"x = 49", None, None, "algebra"),
    (4, r"x + (x + 1) + (x + 2) = 150", None, None, "algebra"),
    (5, r"3x + 3 = 150", None, None, "algebra"),
    (6, r"3x = 147", None, None, "algebra"),
    (7, r"x = 49", None, None, "algebra"),
    (8, r"x = 49", None, None, "algebra"),
    (9, r"49 + 50 + 51 = 150", "49+50+51", "150", "plain"),
])
L["r1q15-reason-13"] = dict(answer="990", claims=[
    (0, r"\text{LCM}(9, 11) = 9 \times 11", None, None, "function"),
    (1, r"9 \times 11 = 99", "9*11", "99", "latex"),
    (2, r"\frac{999}{99} = 10 \text{ with a remainder of } 9", None, None, "other"),
    (3, r"99 \times 10 = 990", "99*10", "990", "latex"),
])
L["r1q15-reason-21"] = dict(answer="21", claims=[
    (0, r"3 - 1 = 2", "3-1", "2", "latex"),
    (1, r"6 - 3 = 3", "6-3", "3", "latex"),
    (2, r"10 - 6 = 4", "10-6", "4", "latex"),
    (3, r"15 - 10 = 5", "15-10", "5", "latex"),
    (4, r"15 + 6 = 21", "15+6", "21", "latex"),
])
L["r1q15-reason-45"] = dict(answer="64", claims=[
    (0, r"2 × 2 = 4", "2*2", "4", "plain"),
    (1, r"4 × 2 = 8", "4*2", "8", "plain"),
    (2, r"8 × 2 = 16", "8*2", "16", "plain"),
    (3, r"16 × 2 = 32", "16*2", "32", "plain"),
    (4, r"32 × 2 = 64", "32*2", "64", "latex"),
])
L["r1q15-reason-47"] = dict(answer=None, note="cut off by the generation's token limit: no final answer", claims=[
    (0, r"50 - 47 = 3 \quad (\text{Both 47 and 3 are prime numbers", "50-47", "3", "latex text words"),
    (1, r"50 - 43 = 7 \quad (\text{Both 43 and 7 are prime numbers", "50-43", "7", "latex text words"),
    (2, r"50 - 37 = 13 \quad (\text{Both 37 and 13 are prime numbers", "50-37", "13", "latex text words"),
    (3, r"50 - 29 = 21 \quad (\text{21 is not a prime number.})", "50-29", "21", "latex text words"),
    (4, r"50 - 23 = 27 \quad (\text{27 is not a prime number.})", "50-23", "27", "latex text words"),
    (5, r"50 - 19 = 31 \quad (\text{Both 19 and 31 are prime numbers", "50-19", "31", "latex text words"),
    (6, r"50 - 17 = 33 \quad (\text{33 is not a prime number.})", "50-17", "33", "latex text words"),
    (7, r"50 - 13 = 37 \quad (\text{Both 13 and 37 are prime numbers", "50-13", "37", "latex text words"),
    (8, r"50 - 11 = 39 \quad (\text{39 is not a prime number.})", "50-11", "39", "latex text words"),
    (9, r"50 - 7 = 43 \quad (\text{Both 7 and 4", "50-7", "43", "latex text words"),
])
L["r1q15-reason-32"] = dict(answer=None, note="cut off inside the thinking by the generation's token limit", claims=[
    (0, r"C(n, k) = n! / (k!(n - k)!)", None, None, "algebra"),
    (1, r"C(52, 3) = 52! / (3! * (52 - 3)!)", None, None, "function"),
    (2, r"52! / (3! * (52 - 3)!) = (52 * 51 * 50) / (3 * 2 * 1)", None, None, "function"),
    (3, r"(52 * 51 * 50) / (3 * 2 * 1) = (52 * 51 * 50) / 6", "(52*51*50)/(3*2*1)", "(52*51*50)/6", "plain"),
    (4, r"52 * 51 = 2652", "52*51", "2652", "plain"),
    (5, r"2652 * 50 = 132600", "2652*50", "132600", "plain"),
    (6, r"132600 / 6 = 22100", "132600/6", "22100", "plain"),
    (7, r"C(13, 2) = 13! / (2! * (13 - 2)!)", None, None, "function"),
    (8, r"13! / (2! * (13 - 2)!) = (13 * 12) / (2 * 1)", None, None, "function"),
    (9, r"(13 * 12) / (2 * 1) = 78", "(13*12)/(2*1)", "78", "plain"),
    (10, r"70*39 = 2730", "70*39", "2730", "plain"),
    (11, r"8*39 = 312", "8*39", "312", "plain"),
    (12, r"2730 + 312 = 3042", "2730+312", "3042", "plain"),
    (13, r"3042 ÷ 2 = 1521", "3042/2", "1521", "plain"),
    (14, r"22100 ÷ 2 = 11050", "22100/2", "11050", "plain"),
    (15, r"11050 ÷ 2 = 5525", "11050/2", "5525", "plain"),
    (16, r"5525 ÷ 5 = 1105", "5525/5", "1105", "plain"),
    (17, r"1105 ÷ 5 = 221", "1105/5", "221", "plain"),
    (18, r"11050 = 2 * 5^2 * 13 * 17", "2*5**2*13*17", "11050", "exponent"),
])


# More Qwen/Qwen2.5-Math-1.5B GSM8K texts: implicit multiplication, algebra next to arithmetic, labels in brackets.
L["qm-gsm8k-0212"] = dict(answer="5", claims=[
    (0, r"P = 2l + 2w", None, None, "algebra"),
    (1, r"2l + 2w = 2(1.5) + 2(6)", None, None, "algebra"),
    (2, r"2(1.5) + 2(6) = 3 + 12", "2*(1.5)+2*(6)", "3+12", "implicit"),
    (3, r"3 + 12 = 15", "3+12", "15", "plain"),
    (4, r"t = P/v", None, None, "algebra"),
    (5, r"P/v = 15 mi / 3 mi/hr", None, None, "algebra"),
    (6, r"15 mi / 3 mi/hr = 5", "15/3", "5", "units"),
    (7, r"1:00 P.M. + 2 hours = 3:00 P.M.", None, None, "other"),
])
L["qm-gsm8k-0244"] = dict(answer="18", claims=[
    (0, r"24-5-2(5)=24-5-10", "24-5-2*(5)", "24-5-10", "implicit"),
    (1, r"24-5-10=9", "24-5-10", "9", "plain"),
    (2, r"27-9=18", "27-9", "18", "plain"),
])
L["qm-gsm8k-0367"] = dict(answer="19", claims=[
    (0, r"x = 3", None, None, "algebra"),
    (1, r"4x - 5 = 4(3) - 5", None, None, "algebra"),
    (2, r"4(3) - 5 = 12 - 5", "4*(3)-5", "12-5", "implicit"),
    (3, r"12 - 5 = 7", "12-5", "7", "latex"),
    (4, r"3(4x - 5) = 3(7)", None, None, "algebra"),
    (5, r"3(7) = 21", "3*(7)", "21", "implicit"),
    (6, r"3 + 7 + 21 + y = 50", None, None, "algebra"),
    (7, r"31 + y = 50", None, None, "algebra"),
    (8, r"y = 50 - 31", None, None, "algebra"),
    (9, r"50 - 31 = 19", "50-31", "19", "latex"),
])
L["qm-gsm8k-0443"] = dict(answer="59", claims=[
    (0, r"40 minutes (swim) + 80 minutes (bike) + 50 minutes (run) = 170", "40+80+50", "170", "units words"),
    (1, r"170 + 10 = 180", "170+10", "180", "plain"),
    (2, r"40 minutes * 0.9 = 36", "40*0.9", "36", "units"),
    (3, r"80 minutes + 5 minutes = 85", "80+5", "85", "units"),
    (4, r"36 minutes (swim) + 85 minutes (bike) + \( t \) (run) = 180", None, None, "algebra"),
    (5, r"t = 180 - 36 - 85", None, None, "algebra"),
    (6, r"180 - 36 - 85 = 59", "180-36-85", "59", "latex"),
])
L["qm-gsm8k-0597"] = dict(answer="72", claims=[
    (0, r"x=identity of the smallest angle", None, None, "algebra"),
    (1, r"2x+x+3x=180", None, None, "algebra"),
    (2, r"6x=180", None, None, "algebra"),
    (3, r"2(30)+x+3(30)=180", None, None, "algebra"),
    (4, r"120+x+90=183", None, None, "algebra"),
])
L["qm-gsm8k-0778"] = dict(answer="38", claims=[
    (0, r"(6)(2) = $12.00", "(6)*(2)", "12.00", "implicit units"),
    (1, r"(8)(1) = $8.00", "(8)*(1)", "8.00", "implicit units"),
    (2, r"(6)(3) = $18.00", "(6)*(3)", "18.00", "implicit units"),
    (3, r"$12.00 + $8.00 + $18.00 = $38.00", "12.00+8.00+18.00", "38.00", "units"),
])
L["qm-gsm8k-0921"] = dict(answer="6", claims=[
    (0, r"( a + a ) &times; ? = 24", None, None, "other"),
    (1, r"4a = 24", None, None, "algebra"),
    (2, r"a = 6", None, None, "algebra"),
    (3, r"A = s^2", None, None, "algebra"),
    (4, r"dA/dt = 2s(ds/dt)", None, None, "algebra"),
    (5, r"s = 24 cm", None, None, "algebra"),
    (6, r"ds/dt = 2 cm/s", None, None, "algebra"),
    (7, r"dA/dt = 2(24)(2)", None, None, "algebra"),
    (8, r"2(24)(2) = 96", "2*(24)*(2)", "96", "implicit"),
])
L["qm-gsm8k-1023"] = dict(answer="71", claims=[
    (0, r"7(5 + 4 + 2) = 71", "7*(5+4+2)", "71", "implicit"),
])
L["qm-gsm8k-1079"] = dict(answer="60", claims=[
    (0, r"$1500(75\%)=1125", "1500*(75/100)", "1125", "latex implicit percent"),
    (1, r"\frac{120}{100}\cdot 1125=\$1350", "120/100*1125", "1350", "latex frac units"),
    (2, r"$0.6*100=60\%", "0.6*100", "60", "percent"),
])
L["qm-gsm8k-1019"] = dict(answer="88", claims=[
    (0, r"100-(24+15)=51", "100-(24+15)", "51", "plain"),
    (1, r"answer_nr1 = 51", None, None, "other"),
    (2, r"2(15)+7 = 37", "2*(15)+7", "37", "implicit"),
    (3, r"answer_nr2 = 37", None, None, "other"),
    (4, r"51+37=88", "51+37", "88", "plain"),
    (5, r"answer_nr3 = 88", None, None, "other"),
])
L["qm-gsm8k-0664"] = dict(answer=None, note="the <answer> block argues with itself and states no final number", claims=[
    (0, r"8/1.5 = $5.333", "8/1.5", "5.333", "plain"),
    (1, r"$6 \cdot 5.333 = 32", "6*5.333", "32", "latex"),
    (2, r"$(4)(2)=8", "(4)*(2)", "8", "latex implicit"),
])


# First held-out texts: chosen and labelled after the checker was committed; its first score on them is in
# the README, and the misses it showed were then fixed.
L["llama3-gsm8k-0027"] = H("16", [
    (0, r"60/15 = 4", "60/15", "4", "plain"),
    (1, r"4*4 = 16", "4*4", "16", "plain")])
L["llama3-gsm8k-0059"] = H("187", [
    (0, r"6 x 20 = 120", "6*20", "120", "plain"),
    (1, r"67 + 120 = 187", "67+120", "187", "plain")])
L["llama3-gsm8k-0115"] = H("0", [
    (0, r"$10 + 5 * 16 = $90", "10+5*16", "90", "units"),
    (1, r"$10 + 5 * 16 = $90", "10+5*16", "90", "units"),
    (2, r"$90 - $90 = $0", "90-90", "0", "units")])
L["llama3-gsm8k-0129"] = H("600000", [
    (0, r"500*24=12000", "500*24", "12000", "plain"),
    (1, r"12000*150=$1800000", "12000*150", "1800000", "units"),
    (2, r"12000*200=$2400000", "12000*200", "2400000", "units"),
    (3, r"$2400000-$1800000=$600000", "2400000-1800000", "600000", "units")])
L["llama3-gsm8k-0138"] = H("105", [
    (0, r"5 * 8 = 40", "5*8", "40", "plain"),
    (1, r"75 - 40 = 35", "75-40", "35", "plain"),
    (2, r"5 * 6 = 30", "5*6", "30", "plain"),
    (3, r"100 - 30 = 70", "100-30", "70", "plain"),
    (4, r"35 + 70 = 105", "35+70", "105", "plain")])
L["qm-gsm8k-0156"] = H("1400", [
    (0, r"200 * 2 = 400", "200*2", "400", "plain"),
    (1, r"400 * 2 = 800", "400*2", "800", "plain"),
    (2, r"100 * 2 = 200", "100*2", "200", "plain"),
    (3, r"400 (monkeys) + 800 (gorillas) + 200 (baboons) = 1400", "400+800+200", "1400", "words")])
L["qm-gsm8k-0165"] = H("77", [
    (0, r"€1090 + €157 + €74 + €102 = €1423", "1090+157+74+102", "1423", "units"),
    (1, r"€1500 - €1423 = €77", "1500-1423", "77", "units")])
L["qm-gsm8k-0185"] = H("30", [
    (0, r"20/2 = 10", "20/2", "10", "plain"),
    (1, r"20 (her mom) + 10 (Jenna) = 30", "20+10", "30", "words")])
L["qm-gsm8k-0215"] = H("44", [
    (0, r"$320 + $32 = $352", "320+32", "352", "units"),
    (1, r"$352 / $8 = 44", "352/8", "44", "units")])
L["qm-gsm8k-0218"] = H("48", [
    (0, r"21 x 3 = 63", "21*3", "63", "plain"),
    (1, r"21 + 3 = 27", "21+3", "27", "plain"),
    (2, r"21 +3) * 2 = 54", "(21+3)*2", "54", "plain"),
    (3, r"]= (63 + 27 +54) : 3", None, None, "other"),
    (4, "(63 + 27 +54) : 3 \n= 144: 3", "(63+27+54)/3", "144/3", "colon")])
L["qm-gsm8k-0223"] = H("20000", [
    (0, r"$15000 + \frac{1}{3} * 15000 = 20000", "15000+1/3*15000", "20000", "latex frac"),
    (1, r"a = 15000", None, None, "algebra"),
    (2, r"a = maybe\, a", None, None, "algebra"),
    (3, r"20000 = 15000 + \frac{1}{3} * 15000", "15000+1/3*15000", "20000", "latex frac"),
    (4, r"\frac{1}{3} * 15000 = 5000.3", "1/3*15000", "5000.3", "latex frac"),
    (5, r"a = 20000", None, None, "algebra"),
    (6, r"20000 =& \text{the Additional advertising cost}", None, None, "definition")])
L["qm-gsm8k-0224"] = H("180", [
    (0, r"3*30=\$90", "3*30", "90", "units"),
    (1, r"18*5= \$90", "18*5", "90", "units"),
    (2, r"\$90.+ \$90= \$180", "90+90", "180", "units")])
L["qm-gsm8k-0226"] = H("40", [
    (0, r"P = number of water cards / total number of cards", None, None, "definition"),
    (1, r"P = 40 / 90", None, None, "algebra")])
L["qm-gsm8k-0229"] = H("3", [
    (0, r"0.30 \times 120 = 36", "0.30*120", "36", "latex"),
    (1, r"\dfrac 34 \times \left ( 120 - 36 \right ) = 81", "3/4*(120-36)", "81", "latex frac"),
    (2, r"Number of watermelons that were not ready to be harvested = 120 - 36 - 81", None, None, "definition"),
    (3, r"120 - 36 - 81 = 3", "120-36-81", "3", "plain"),
    (4, r'fill="none"', None, None, "other")])
L["qm-gsm8k-0237"] = H("90", [
    (0, r"Total amount = (Allowance + Extra) x 3", None, None, "definition"),
    (1, r"the total amount Johnny had after a year = ($20 + $10) x 3", None, None, "definition"),
    (2, r"($20 + $10) x 3 = $30 x 3", "(20+10)*3", "30*3", "units"),
    (3, r"$30 x 3 = $90", "30*3", "90", "units")])
L["qm-gsm8k-0239"] = H("280", [
    (0, r"30% of 1000 = 0.3 * 1000", "30/100*1000", "0.3*1000", "percent words"),
    (1, r"0.3 * 1000 = 300", "0.3*1000", "300", "plain"),
    (2, r"1000 - 300 = 700", "1000-300", "700", "plain"),
    (3, r"3/5 of 700 = 0.6 * 700", "3/5*700", "0.6*700", "words"),
    (4, r"0.6 * 700 = 420", "0.6*700", "420", "plain"),
    (5, r"700 - 420 = 280", "700-420", "280", "plain")])
L["qm-gsm8k-0246"] = H("27000", [
    (0, r"answer before discount = 250 · 6 · 4 · 5", None, None, "definition"),
    (1, r"250 · 6 · 4 · 5 = 30,000", "250*6*4*5", "30000", "text"),
    (2, r"0.9·30,000=\boxed{27,000}", "0.9*30000", "27000", "latex")])
L["qm-gsm8k-0257"] = H("5600", [
    (0, r"20 * 400 = 8,000", "20*400", "8000", "plain"),
    (1, r"100% - 30% = 70%", "100/100-30/100", "70/100", "percent"),
    (2, r"8,000 * 70% = 5600", "8000*70/100", "5600", "percent")])
L["qm-gsm8k-0258"] = H("6", [
    (0, r"8 * $0.50 = $4.00", "8*0.50", "4.00", "units"),
    (1, r"$4.00 (for the books) + $2.00 (flat fee) = $6.00", "4.00+2.00", "6.00", "units words")])
L["qm-gsm8k-0266"] = H("368000", [
    (0, r"$F = 0.03P + 0.05P", None, None, "algebra"),
    (1, r"0.03P + 0.05P = 0.08P", None, None, "algebra"),
    (2, r"$P = 400 000", None, None, "algebra"),
    (3, r"$F = 0.08 × 400 000", None, None, "algebra"),
    (4, r"0.08 × 400 000 = 32 000", "0.08*400000", "32000", "spaces"),
    (5, r'size="100"', None, None, "other"),
    (6, r'width="680"', None, None, "other")])
L["qm-gsm8k-0268"] = H(None, [
    (0, r"50 ads \* $5/const/m^2=\$250", "50*5", "250", "units escaped"),
    (1, r"15 ads \* $75/const/m^2=\$1125", "15*75", "1125", "units escaped")],
    note="the completion stops at <end think>: no final answer")
L["qm-gsm8k-0271"] = H("20", [
    (0, r"So, total number of bedrooms in them = {3*2", None, None, "definition"),
    (1, r"3*2 = 6", "3*2", "6", "plain"),
    (2, r"So, total number of windows = { 2*6", None, None, "definition"),
    (3, r"2*6 = 12", "2*6", "12", "plain"),
    (4, r"So, total number of windows =  ( 12 + (4*2)", None, None, "definition"),
    (5, r"( 12 + (4*2) =  20", "12+(4*2)", "20", "plain")])
L["qm-gsm8k-0275"] = H("138", [
    (0, r"$2 \times 54 = 108", "2*54", "108", "latex"),
    (1, r"$\frac{1}{3} \times 108 = 36", "1/3*108", "36", "latex frac"),
    (2, r"$54 + 6 = 60", "54+6", "60", "latex"),
    (3, r"$\frac{4}{5} \times 60 = 48", "4/5*60", "48", "latex frac"),
    (4, r"$36 + 48 + 54 = 138", "36+48+54", "138", "latex")])
L["qm-gsm8k-0282"] = H("585", [
    (0, r"12 coaches x 2 = 24", "12*2", "24", "units"),
    (1, r"12 + 3 + 24 = 39", "12+3+24", "39", "plain"),
    (2, r"39 x 15 = $585", "39*15", "585", "units")])
L["qm-gsm8k-0290"] = H("85", [
    (0, r"Izzy = Alz - 5", None, None, "algebra"),
    (1, r"Isozy = 10(I + Alz)", None, None, "algebra"),
    (2, r"Isozy = 10(I + 22)", None, None, "algebra"),
    (3, r"10(I + 22) = 85", None, None, "algebra"),
    (4, r"I+22 = 85÷10", None, None, "algebra"),
    (5, r"I = 8.5", None, None, "algebra")])
L["qm-gsm8k-0302"] = H("15", [
    (0, r"$25 + $10 = $35", "25+10", "35", "units"),
    (1, r"50 - (50 \div 2 + 10) = 50 - 35", "50-(50/2+10)", "50-35", "latex"),
    (2, r"50 - 35 = 15", "50-35", "15", "latex")])
L["qm-gsm8k-0303"] = H("900", [
    (0, r"$2\times45=90", "2*45", "90", "latex"),
    (1, r"$250-(90+50)=110", "250-(90+50)", "110", "latex"),
    (2, r"earned this year =$45\times20", None, None, "definition"),
    (3, r"$45\times20$= $\$$900", "45*20", "900", "latex units")])
L["qm-gsm8k-0306"] = H("10", [
    (0, r"60 \* 2/3 = 40", "60*2/3", "40", "escaped"),
    (1, r"60 - 40 = 20", "60-40", "20", "plain"),
    (2, r"20 / 2 = 10", "20/2", "10", "plain")])
L["qm-gsm8k-0308"] = H("27.5", [
    (0, r"$13 x 2 = $26", "13*2", "26", "units"),
    (1, r"$0.5 x 4 = $2", "0.5*4", "2", "units"),
    (2, r"$2) - $0.5 = $1.5", "2-0.5", "1.5", "units"),
    (3, r"$26 + $1.5 = $27.5", "26+1.5", "27.5", "units")])
L["qm-gsm8k-0317"] = H("60", [
    (0, r"V = l * w * h", None, None, "algebra"),
    (1, r"l = 6 feet", None, None, "algebra"),
    (2, r"w = 4 feet", None, None, "algebra"),
    (3, r"h = 5 feet", None, None, "algebra"),
    (4, r"V = 6 * 4 * 5", None, None, "algebra"),
    (5, r"V = 120 cubic feet", None, None, "algebra"),
    (6, r"12 cubic feet * $.1 = $.12", "12*0.1", "0.12", "units")])
L["r1llama-gsm8k-002"] = H("2", [
    (0, r"16 \text{ guests} \times 3 \text{ halves/guest} = 48", "16*3", "48", "latex text units"),
    (1, r"\frac{48 \text{ halves}}{2 \text{ halves/egg}} = 24", "48/2", "24", "latex frac text units"),
    (2, r"\frac{24 \text{ eggs}}{12 \text{ eggs/dozen}} = 2", "24/12", "2", "latex frac text units")])
L["r1llama-gsm8k-018"] = H("2", [
    (0, r"5 \text{ liters/cow/day} \times 3 \text{ cows} = 15", "5*3", "15", "latex text units"),
    (1, r"25 \text{ liters} - 15 \text{ liters} = 10", "25-15", "10", "latex text units"),
    (2, r"\frac{10 \text{ liters}}{5 \text{ liters/cow}} = 2", "10/5", "2", "latex frac text units")])
L["r1llama-gsm8k-034"] = H("34", [
    (0, r"\frac{2}{3} \times 6 = 4", "2/3*6", "4", "latex frac"),
    (1, r"8 \text{ birds/group} \times 3 \text{ groups} = 24", "8*3", "24", "latex text units"),
    (2, r"6 \text{ (ground)} + 4 \text{ (overhead)} + 24 \text{ (feeding)} = 34", "6+4+24", "34", "latex text words")])
L["r1llama-gsm8k-069"] = H("4", [
    (0, r"\text{Total cupcakes} = \text{Number of jars} \times \text{Cupcakes per jar}", None, None, "definition"),
    (1, r"\text{Number of jars} \times \text{Cupcakes per jar} = 6 \times 8", None, None, "definition"),
    (2, r"6 \times 8 = 48", "6*8", "48", "latex"),
    (3, r"\text{Number of pans} = \frac{\text{Total cupcakes}}{\text{Cupcakes per pan}}", None, None, "definition"),
    (4, r"\frac{\text{Total cupcakes}}{\text{Cupcakes per pan}} = \frac{48}{12}", None, None, "definition"),
    (5, r"\frac{48}{12} = 4", "48/12", "4", "latex frac")])
L["r1llama-gsm8k-095"] = H("3", [
    (0, r"\text{Total weight} = \text{Number of flagstones} \times \text{Weight per flagstone}", None, None, "definition"),
    (1, r"\text{Total weight} = 80 \times 75", None, None, "definition"),
    (2, r"80 \times 75 = 6000", "80*75", "6000", "latex"),
    (3, r"\text{Number of trucks} = \frac{\text{Total weight}}{\text{Truck capacity}}", None, None, "definition"),
    (4, r"\frac{\text{Total weight}}{\text{Truck capacity}} = \frac{6000}{2000}", None, None, "definition"),
    (5, r"\frac{6000}{2000} = 3", "6000/2000", "3", "latex frac")])
L["r1q14-reason-21"] = H("21", [
    (0, r"3 - 1 = 2", "3-1", "2", "plain"),
    (1, r"6 - 3 = 3", "6-3", "3", "plain"),
    (2, r"10 - 6 = 4", "10-6", "4", "plain"),
    (3, r"15 - 10 = 5", "15-10", "5", "plain"),
    (4, r"15 + 6 = 21", "15+6", "21", "plain"),
    (5, r"3 - 1 = 2", "3-1", "2", "plain"),
    (6, r"6 - 3 = 3", "6-3", "3", "plain"),
    (7, r"10 - 6 = 4", "10-6", "4", "plain"),
    (8, r"15 - 10 = 5", "15-10", "5", "plain"),
    (9, r"15 + 6 = 21", "15+6", "21", "plain")])
L["r1q14-reason-45"] = H("64", [
    (0, r"4 = 2 × 2", "2*2", "4", "plain"),
    (1, r"8 = 4 × 2", "4*2", "8", "plain"),
    (2, r"16 = 8 × 2", "8*2", "16", "plain"),
    (3, r"32 = 16 × 2", "16*2", "32", "plain"),
    (4, r"**4** = **2** × 2", "2*2", "4", "plain"),
    (5, r"**8** = **4** × 2", "4*2", "8", "plain"),
    (6, r"**16** = **8** × 2", "8*2", "16", "plain"),
    (7, r"**32** = **16** × 2", "16*2", "32", "plain"),
    (8, r"Next term = **32** × 2", None, None, "definition"),
    (9, r"**32** × 2 = **64", "32*2", "64", "plain")])
L["qm-math500-0165"] = H("1/3", [
    (0, r"8 + 10 + 6 = 24", "8+10+6", "24", "plain"),
    (1, r"8 - 2 = 6", "8-2", "6", "plain"),
    (2, r"10 - 2 = 8", "10-2", "8", "plain"),
    (3, r"6 - 2 = 4", "6-2", "4", "plain"),
    (4, r"6 + 8 + 4 = 18", "6+8+4", "18", "plain"),
    (5, r"8 - 2 = 6", "8-2", "6", "plain")])
L["qm-math500-0183"] = H("13", [
    (0, r"\sqrt{2}+\frac{\sqrt{2}}{2} = \frac{3\sqrt{2}}{2}", None, None, "function"),
    (1, r"\sqrt{3} + \sqrt{\frac{1}{3}} = \frac{4\sqrt{3}}{3}", None, None, "function"),
    (2, r"$a = 3", None, None, "algebra"),
    (3, r"$b = 4", None, None, "algebra"),
    (4, r"${a+b+c} = 3+4+6", None, None, "algebra"),
    (5, r"3+4+6 = 13", "3+4+6", "13", "latex")])


# Second held-out texts: chosen and labelled after the fixes from the first held-out run; scored once.
def H2(answer, claims, note=None):
    return H(answer, claims, note, split="heldout2")


L["r1llama-gsm8k-006"] = H2("44", [
    (0, r"\text{Total Years Vacationing} = 34 - 23", None, None, "definition"),
    (1, r"34 - 23 = 11", "34-23", "11", "latex"),
    (2, r"\text{Total Shirts} = \text{Years Vacationing} \times \text{Vacations per Year}", None, None, "definition"),
    (3, r"\text{Years Vacationing} \times \text{Vacations per Year} = 11 \times 4", None, None, "definition"),
    (4, r"11 \times 4 = 44", "11*4", "44", "latex")])
L["r1llama-gsm8k-015"] = H2("142", [
    (0, r"5 \text{ plants} \times 22 \text{ tomatoes/plant} = 110", "5*22", "110", "latex text units"),
    (1, r"8 \text{ plants} \times 4 \text{ eggplants/plant} = 32", "8*4", "32", "latex text units"),
    (2, r"110 \text{ tomatoes} + 32 \text{ eggplants} = 142", "110+32", "142", "latex text units")])
L["r1llama-gsm8k-025"] = H2("840", [
    (0, r"\text{Total Political and Weather Articles} = 20 \, \text{articles/day} \times 28 \, \text{days}", None, None, "definition"),
    (1, r"20 \, \text{articles/day} \times 28 \, \text{days} = 560", "20*28", "560", "latex text units"),
    (2, r"\text{Total Business Articles} = 10 \, \text{articles/day} \times 28 \, \text{days}", None, None, "definition"),
    (3, r"10 \, \text{articles/day} \times 28 \, \text{days} = 280", "10*28", "280", "latex text units"),
    (4, r"\text{Total Articles} = \text{Political and Weather Articles} + \text{Business Articles}", None, None, "definition"),
    (5, r"\text{Political and Weather Articles} + \text{Business Articles} = 560 + 280", None, None, "definition"),
    (6, r"560 + 280 = 840", "560+280", "840", "latex")])
L["r1llama-gsm8k-027"] = H2("1260", [
    (0, r"30 \text{ cycles/day} \times 5 \text{ tasks/cycle} = 150", "30*5", "150", "latex text units"),
    (1, r"150 \text{ tasks/day} \times \$1.20/\text{task} = \$180", "150*1.20", "180", "latex text units"),
    (2, r"\$180/\text{day} \times 7 \text{ days} = \$1,\!260", "180*7", "1260", "latex text units")])
L["r1llama-gsm8k-043"] = H2("45", [
    (0, r"$200 + $75 = $275", "200+75", "275", "units"),
    (1, r"$80 + $275 = $355", "80+275", "355", "units"),
    (2, r"10 \text{ dollars/hour} \times 20 \text{ hours} = \$200", "10*20", "200", "latex text units"),
    (3, r"5 \text{ dollars/hour} \times 15 \text{ hours} = \$75", "5*15", "75", "latex text units"),
    (4, r"\$200 + \$75 = \$275", "200+75", "275", "latex units"),
    (5, r"\$80 \text{ (savings)} + \$275 \text{ (earnings)} = \$355", "80+275", "355", "latex text units words"),
    (6, r"\$400 - \$355 = \$45", "400-355", "45", "latex units")])
L["r1llama-gsm8k-045"] = H2("33", [
    (0, r"\text{Zeke's team} = \text{Carlton's team} + 7", None, None, "definition"),
    (1, r"\text{Carlton's team} + 7 = 13 + 7", None, None, "definition"),
    (2, r"13 + 7 = 20", "13+7", "20", "latex"),
    (3, r"\text{Total players} = \text{Zeke's team} + \text{Carlton's team}", None, None, "definition"),
    (4, r"\text{Zeke's team} + \text{Carlton's team} = 20 + 13", None, None, "definition"),
    (5, r"20 + 13 = 33", "20+13", "33", "latex")])
L["r1q15-reason-10"] = H2("5/14", [
    (0, r"P(\text{First red}) = \frac{5}{8}", None, None, "function"),
    (1, r"P(\text{Second red}) = \frac{4}{7}", None, None, "function"),
    (2, r"P(\text{Two reds}) = P(\text{First red}) \times P(\text{Second red})", None, None, "function"),
    (3, r"P(\text{First red}) \times P(\text{Second red}) = \frac{5}{8} \times \frac{4}{7}", None, None, "function"),
    (4, r"\frac{5}{8} \times \frac{4}{7} = \frac{20}{56}", "5/8*(4/7)", "20/56", "latex frac"),
    (5, r"\frac{20}{56} = \frac{5}{14}", "20/56", "5/14", "latex frac")])
L["r1q15-reason-25"] = H2("1/8", [
    (0, r"\text{Probability of rolling an even number on one die} = \frac{3}{6}", None, None, "definition"),
    (1, r"\frac{3}{6} = \frac{1}{2}", "3/6", "1/2", "latex frac"),
    (2, r"\text{Probability of all three dice being even} = \left(\frac{1}{2}\right) \times \left(\frac{1}{2}\right)", None, None, "definition"),
    (3, r"\left(\frac{1}{2}\right) \times \left(\frac{1}{2}\right) \times \left(\frac{1}{2}\right) = \left(\frac{1}{2}\right)^3",
     "(1/2)*(1/2)*(1/2)", "(1/2)**3", "latex frac exponent"),
    (4, r"\left(\frac{1}{2}\right)^3 = \frac{1}{8}", "(1/2)**3", "1/8", "latex frac exponent")])
L["r1q15-reason-41"] = H2("220/22100", [
    (0, r"\binom{52}{3} = \frac{52!}{3!(52-3)!}", None, None, "function"),
    (1, r"\frac{52!}{3!(52-3)!} = 22,\!100", None, None, "function"),
    (2, r"\binom{12}{3} = \frac{12!}{3!(12-3)!}", None, None, "function"),
    (3, r"\frac{12!}{3!(12-3)!} = 220", None, None, "function"),
    (4, r"P = \frac{\text{Number of Favorable Outcomes}}{\text{Total Number of Possible Outcomes}}", None, None, "definition"),
    (5, r"\frac{\text{Number of Favorable Outcomes}}{\text{Total Number of Possible Outcomes}} = \frac{220}{22,\!100}", None, None, "definition"),
    (6, r"\frac{220}{22,\!100} \approx 0.00995", "220/22100", "0.00995", "latex frac approx"),
    (7, r"P \approx 0.995\%", None, None, "algebra")])
L["r1l8-reason-04"] = H2("49, 50, 51", [
    (0, r"n + (n + 1) + (n + 2) = 3n + 3", None, None, "algebra"),
    (1, r"3n + 3 = 150", None, None, "algebra"),
    (2, r"3n = 147", None, None, "algebra"),
    (3, r"n = 49", None, None, "algebra"),
    (4, r"n + (n + 1) + (n + 2) = 3n + 3", None, None, "algebra"),
    (5, r"3n + 3 = 150", None, None, "algebra"),
    (6, r"3n = 150 - 3", None, None, "algebra"),
    (7, r"3n = 147", None, None, "algebra"),
    (8, r"n = \frac{147}{3}", None, None, "algebra"),
    (9, r"n = 49", None, None, "algebra")])
L["r1l8-reason-45"] = H2("64", [
    (0, r"2 = 2^1", "2**1", "2", "exponent"),
    (1, r"4 = 2^2", "2**2", "4", "exponent"),
    (2, r"8 = 2^3", "2**3", "8", "exponent"),
    (3, r"16 = 2^4", "2**4", "16", "exponent"),
    (4, r"32 = 2^5", "2**5", "32", "exponent"),
    (5, r"**2** = \(2^1", "2**1", "2", "latex exponent"),
    (6, r"**4** = \(2^2", "2**2", "4", "latex exponent"),
    (7, r"**8** = \(2^3", "2**3", "8", "latex exponent"),
    (8, r"**16** = \(2^4", "2**4", "16", "latex exponent"),
    (9, r"**32** = \(2^5", "2**5", "32", "latex exponent"),
    (10, r"2^6 = 64", "2**6", "64", "latex exponent")])
L["qm-gsm8k-0333"] = H2("0", [
    (0, r"$1,350 (advance payment) + $350 * 6 (monthly installments) = $3,150", "1350+350*6", "3150", "units words"),
    (1, r"$1,100 (advance payment) + $250 * 9 (monthly installments) = $3,150", "1100+250*9", "3150", "units words"),
    (2, r"$3,150 (Furniture United) - $3,150 (Cozy Homes) = $0", "3150-3150", "0", "units words")])
L["qm-gsm8k-0334"] = H2("-3", [
    (0, r"8 + 10 + 1 + 5 = 24", "8+10+1+5", "24", "plain"),
    (1, r"12 - 24 = -12", "12-24", "-12", "plain"),
    (2, r"-12 / 4 = -3", "-12/4", "-3", "plain")])
L["qm-gsm8k-0336"] = H2("72", [
    (0, r"8 shares * $8/share = $64", "8*8", "64", "units"),
    (1, r"$8 * 1.5 = $12", "8*1.5", "12", "units"),
    (2, r"8 shares * $12/share = $96", "8*12", "96", "units"),
    (3, r"$12 * 0.75 = $9", "12*0.75", "9", "units"),
    (4, r"8 shares * $9/share = $72", "8*9", "72", "units")])
L["qm-gsm8k-0337"] = H2("4", [
    (0, r"x = 2", None, None, "algebra"),
    (1, r"3x = 3 $\times$ 2", None, None, "algebra"),
    (2, r"3 $\times$ 2 = 6", "3*2", "6", "latex"),
    (3, r"$1/2 x = 1/2 \times 2", None, None, "algebra"),
    (4, r"1/2 \times 2 = 1", "1/2*2", "1", "latex"),
    (5, r"x = 2$", None, None, "algebra")])
L["qm-gsm8k-0342"] = H2("2319", [
    (0, r"24 + 48 + 16 + 4 trials = 96", "24+48+16+4", "96", "units"),
    (1, r"24 * 96 = 2304", "24*96", "2304", "plain"),
    (2, r"2304 + 15 = 2319", "2304+15", "2319", "plain")])
L["qm-gsm8k-0349"] = H2("1320", [
    (0, r"4 times 12 = 48", "4*12", "48", "words"),
    (1, r"$25 times 48 = $1200", "25*48", "1200", "units words"),
    (2, r"$20 times 1 = $20", "20*1", "20", "units words"),
    (3, r"$100 times 1 = $100", "100*1", "100", "units words"),
    (4, r"$1200 + $20 + $100 = $1320", "1200+20+100", "1320", "units")])
L["qm-gsm8k-0374"] = H2("60", [
    (0, r"15 sheep x 1 kg + 15 sheep x 2 kg = 30 kg + 30 kg", "15*1+15*2", "30+30", "units"),
    (1, r"30 kg + 30 kg = 60", "30+30", "60", "units")])
L["qm-gsm8k-0376"] = H2("20", [
    (0, r"the number of pupils liking the blue colour = 1/2 of 40", None, None, "definition"),
    (1, r"1/2 of 40 = 1/2 * 40", "1/2*40", "1/2*40", "words"),
    (2, r"1/2 * 40 students = 20", "1/2*40", "20", "units")])
L["qm-gsm8k-0379"] = H2("21", [
    (0, r"23+42 = 65", "23+42", "65", "plain"),
    (1, r"the cookies’re remain = 65-44", None, None, "definition"),
    (2, r"The cookies’re remain = 65-44", None, None, "definition"),
    (3, r"65-44 = 21", "65-44", "21", "plain")])
L["qm-gsm8k-0384"] = H2("64", [
    (0, r"1 - 3/5 = 2/5", "1-3/5", "2/5", "plain"),
    (1, r"(2/5) * x = 12.8", None, None, "algebra"),
    (2, r"x = 12.8 / (2/5)", None, None, "algebra"),
    (3, r"12.8 / (2/5) = 32", "12.8/(2/5)", "32", "plain")])
L["qm-gsm8k-0393"] = H2("96", [
    (0, r"4 + 4/2 + 90 = 4 + 2 + 90", "4+4/2+90", "4+2+90", "latex"),
    (1, r"4 + 2 + 90 = 96", "4+2+90", "96", "latex")])
L["qm-gsm8k-0395"] = H2("14", [
    (0, r"20 (cards made by Erica) + 2 * 15 (cards from her dad) = 50", "20+2*15", "50", "words"),
    (1, r"50 (total cards) - 24 (cards passed out to classmates) - 5 (cards passed out to family) - 17 (cards received from family friends) = 14",
     "50-24-5-17", "14", "words")])
L["qm-gsm8k-0403"] = H2("216", [
    (0, r"Energy = Power x Time", None, None, "definition"),
    (1, r"900 watts x 8 hours = 7200", "900*8", "7200", "units"),
    (2, r"7200 watt-hours / 1000 = 7.2", "7200/1000", "7.2", "units"),
    (3, r"7.2 kilowatt-hours/day x 30 days = 216", "7.2*30", "216", "units")])
L["qm-gsm8k-0404"] = H2("26", [
    (0, r"2*17 = 34", "2*17", "34", "plain"),
    (1, r"17 + 17 + 36 + 18 = 104", "17+17+36+18", "104", "plain"),
    (2, r"104 / 4 = 26", "104/4", "26", "plain")])
L["qm-gsm8k-0407"] = H2("14000", [
    (0, r"10,000 + 2000 = 20,000", "10000+2000", "20000", "plain"),
    (1, r"5000 + 1000 + S = 20000", None, None, "algebra"),
    (2, r"5000 + 1000 + S = 20000", None, None, "algebra"),
    (3, r"S = 20000 - 6000", None, None, "algebra"),
    (4, r"S = 14000", None, None, "algebra")])
L["qm-gsm8k-0430"] = H2("132", [
    (0, r"\text{total\_cost} = 120 + 20 + 5 \times 5", None, None, "definition"),
    (1, r"120 + 20 + 5 \times 5 = 120 + 20 + 25", "120+20+5*5", "120+20+25", "latex"),
    (2, r"120 + 20 + 25 = 165", "120+20+25", "165", "latex"),
    (3, r"\text{discounted\_total} = 165 \times 0.8", None, None, "definition"),
    (4, r"165 \times 0.8 = 132", "165*0.8", "132", "latex")])
L["qm-gsm8k-0440"] = H2("98", [
    (0, r"3 yards * 3 feet/yard = 9", "3*3", "9", "units"),
    (1, r"length * width = area", None, None, "definition"),
    (2, r"360 square feet / 9 feet = 40", "360/9", "40", "units"),
    (3, r"2 * (length + width) = perimeter", None, None, "definition"),
    (4, r"2 * (9 feet + 40 feet) = 98", "2*(9+40)", "98", "units")])
L["qm-gsm8k-0442"] = H2("61", [
    (0, r"\Big( \Big(40+3\times5\Big) + \Big(30\times\frac2{10}\Big) \Big)=40+15+6", "(40+3*5)+(30*(2/10))", "40+15+6",
     "latex frac"),
    (1, r"40+15+6=61", "40+15+6", "61", "latex")])
L["qm-gsm8k-0449"] = H2("96", [
    (0, r"Six packets with 8 crayons each minus four packets = two packets of color 16 crayons each", None, None, "definition"),
    (1, r"32 +16×4 = 32+64", "32+16*4", "32+64", "plain"),
    (2, r"32+64 = 96", "32+64", "96", "plain")])
L["llama3-gsm8k-0302"] = H2("15", [
    (0, r"$x = \frac{1}{2} \times 50", None, None, "algebra"),
    (1, r"\frac{1}{2} \times 50 = 25", "1/2*50", "25", "latex frac"),
    (2, r"$y = 10", None, None, "algebra"),
    (3, r"$x + y = 25 + 10", None, None, "algebra"),
    (4, r"25 + 10 = 35", "25+10", "35", "latex"),
    (5, r"$50 - 35 = 15", "50-35", "15", "latex")])
L["llama3-gsm8k-0317"] = H2("12.00", [
    (0, r"6*4*5=120", "6*4*5", "120", "plain"),
    (1, r"120*$.1=$12.00", "120*0.1", "12.00", "units")])
L["llama3-gsm8k-0345"] = H2("350", [
    (0, r"40*4 + 50*3 = 200 + 150", "40*4+50*3", "200+150", "plain"),
    (1, r"200 + 150 = 350", "200+150", "350", "plain")])
L["llama3-gsm8k-0352"] = H2("21", [
    (0, r"$x + $y + $z = $36", None, None, "algebra"),
    (1, r"$y = $11", None, None, "algebra"),
    (2, r"$z = $4", None, None, "algebra"),
    (3, r"$x = $36 - $11 - $4", None, None, "algebra"),
    (4, r"$36 - $11 - $4 = $21", "36-11-4", "21", "units")])
L["llama3-gsm8k-0363"] = H2("3.57", [
    (0, r"200 + 10 + 240 = 450", "200+10+240", "450", "plain"),
    (1, r"200/70 + 10/70 + 240/80 = 3.57", "200/70+10/70+240/80", "3.57", "plain")])
L["llama3-gsm8k-0392"] = H2("-30", [
    (0, r"$10 + 0.8*10 + 0.8*10 = $30", "10+0.8*10+0.8*10", "30", "units"),
    (1, r"$30 - $60 = -$30", "30-60", "-30", "units")])
L["llama3-gsm8k-0395"] = H2("21", [
    (0, r"20 + 2 * 15 - 24 - 5 + 17 = 20 + 30 - 24 - 5 + 17", "20+2*15-24-5+17", "20+30-24-5+17", "plain"),
    (1, r"20 + 30 - 24 - 5 + 17 = 20 + 30 - 29", "20+30-24-5+17", "20+30-29", "plain"),
    (2, r"20 + 30 - 29 = 21", "20+30-29", "21", "plain")])
L["llama3-gsm8k-0401"] = H2("14400", [
    (0, r"4*6*12=288", "4*6*12", "288", "plain"),
    (1, r"$50*288=$14,400", "50*288", "14400", "units")])
