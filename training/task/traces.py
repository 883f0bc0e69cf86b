"""Trace writers: how a solution to a world problem is written down.

Each writer is a pure function of (problem, seed, knobs): the same inputs always give the same text.

- answer-only:  "The answer is \\boxed{31}."
- short CoT:    one gold step per line, then the answer (what our base model is trained on; it plays
                the part of the paper's instruct model).
- long CoT:     a DeepSeek-R1-style `<think>` block that restates the problem, plans, computes, stops to
                check ("Wait, let me double-check ..."), recomputes some steps by another route (the
                inverse operation), sometimes slips and catches the slip, sometimes doubts a correct
                step and re-verifies it, goes over the steps again, and ends with \\boxed{answer}.
- padded:       as long as long CoT but with no reflection: it only restates the running expression.
                A control that separates "longer" from "reflective".

The long-CoT knobs (LongKnobs) set how often each move happens. At the defaults a long trace is
about 4-5x the tokens of the short trace of the same problem (tests/test_traces.py checks >= 3x).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, fields

from training.task.world import Problem, Step, apply_op, expression_states, fmt_right

STYLES = ("answer", "short", "long", "padded")


@dataclass(frozen=True)
class LongKnobs:
    check_rate: float = 0.4        # after a correct step: verify it by the inverse operation
    slip_rate: float = 0.12        # write a wrong result first, then check and fix it
    catch_rate: float = 1.0        # share of slips that get caught (1.0 = every trace ends correct)
    false_alarm_rate: float = 0.12  # doubt a correct step ("Hmm, wait..."), recompute, keep it
    verbosity: float = 0.7         # chance of each optional sentence (plan, running expression, recap)

    def __post_init__(self):
        for f in fields(self):
            v = getattr(self, f.name)
            if not 0.0 <= v <= 1.0:
                raise ValueError(f"{f.name} must be in [0, 1], got {v}")

    def to_dict(self) -> dict:
        return asdict(self)


def answer_line(answer: int) -> str:
    return f"The answer is \\boxed{{{answer}}}."


def write_trace(problem: Problem, style: str = "short", seed: int = 0,
                knobs: LongKnobs | None = None) -> str:
    """The assistant's text for `problem` in `style`. Pure: same arguments, same text."""
    if style == "answer":
        return answer_line(problem.answer)
    if style == "short":
        return "\n".join(s.text() for s in problem.steps) + "\n" + answer_line(problem.answer)
    if style == "long":
        return _write_long(problem, random.Random(f"long:{problem.expr}:{seed}"), knobs or LongKnobs())
    if style == "padded":
        return _write_padded(problem)
    raise ValueError(f"unknown style {style!r}; choose from {list(STYLES)}")


# ----------------------------------------------------------------------------------------------
# Long CoT
# ----------------------------------------------------------------------------------------------
OPENINGS = [
    "Okay, so I need to compute {e}.",
    "Alright, let me work out {e}.",
    "Okay, let me figure out {e} step by step.",
    "Let me see. I have to compute {e}.",
]
PLANS = [
    "First the parentheses, then multiplication and division from left to right, "
    "then addition and subtraction from left to right.",
    "I should do the brackets first, then times and divide, then plus and minus, left to right.",
]
LEADS_FIRST = ["First, ", "Let me start with ", "Start with "]
LEADS = ["Next, ", "Now ", "Then ", "", "So now "]
STATE_LINES = ["Now the expression is {s}.", "So now we have {s}.", "That leaves {s}."]
CHECK_LEADS = ["Let me check: ", "Let me double-check that: ", "Check: ", "Let me verify: "]
CHECK_OK = [" Yes.", " Yes, that's right.", " Good.", " Correct."]
DOUBTS = ["Hmm, wait, is that right?", "Wait, let me recheck that.", "Hmm, let me check again."]
DOUBT_OK = ["No, it is right: {c}.", "It was right: {c}.", "Okay, so {c} is correct."]
SLIP_NOTICE = ["Wait, let me check that.", "Wait, that doesn't look right.", "Hmm, wait."]
FIX = ["Actually {c}.", "I made a mistake. Actually {c}.", "Oops. Actually {c}."]
RECAPS = ["Let me go over the steps again: ", "Let me check again by going over the steps: "]
CLOSINGS = ["So the answer is {a}.", "So the final answer is {a}."]


def _pick(rng: random.Random, options: list[str]) -> str:
    return options[rng.randrange(len(options))]


def inverse_check(step: Step, value: int) -> tuple[str, int, int] | None:
    """A claim that recomputes an operand from `value` by the inverse operation.

    Returns (claim text, recovered operand, the operand it should equal), or None when no exact
    inverse exists (a product that neither factor divides). For a + b = v the claim is
    "v - b = x": x equals a exactly when v is right, so the check carries information (a model
    cannot fake it by copying, unlike re-stating the same sum).
    """
    a, op, b = step.a, step.op, step.b
    if op == "+":
        return f"{value} - {fmt_right(b)} = {value - b}", value - b, a
    if op == "-":
        return f"{value} + {fmt_right(b)} = {value + b}", value + b, a
    if op == "/":
        return f"{value} * {fmt_right(b)} = {value * b}", value * b, a
    if op == "*" and b != 0 and value % b == 0:
        return f"{value} / {fmt_right(b)} = {value // b}", value // b, a
    if op == "*" and a != 0 and value % a == 0:
        return f"{value} / {fmt_right(a)} = {value // a}", value // a, b
    return None


def _recompute_other_route(step: Step) -> str:
    """A second route to a product when the inverse is not exact: b * a, the other order."""
    return f"{step.b} * {fmt_right(step.a)} = {step.result}" if step.b >= 0 else step.text()


def _check_text(step: Step) -> str:
    """The verification of a correct step: the inverse operation, else the other order."""
    chk = inverse_check(step, step.result)
    return chk[0] if chk is not None else _recompute_other_route(step)


def slip_value(rng: random.Random, true: int) -> int:
    """A plausible slip: off by one, by two, or by ten (a carry error)."""
    delta = rng.choice([-10, -2, -1, 1, 2, 10])
    return true + delta


def _claim(step: Step, value: int) -> str:
    return step.text().rsplit("=", 1)[0] + f"= {value}"


def write_long_from(problem: Problem, done: int, seed: int = 0, knobs: LongKnobs | None = None) -> str:
    """The rest of a long trace after its first `done` gold steps: steps done..end in the long style (checks,
    doubts, slips caught), the recap and the answer. What the world, as an exact teacher, writes after a
    student's own correct prefix (training.task.correction)."""
    k = knobs or LongKnobs()
    rng = random.Random(f"long-from:{problem.expr}:{done}:{seed}")
    body = _write_long(problem, rng, LongKnobs(k.check_rate, k.slip_rate, 1.0, k.false_alarm_rate, k.verbosity),
                       start=done)
    return body[len("<think>\n"):]


def catch_text(step: Step, wrong, seed: int = 0) -> str:
    """The world catching a wrong claim about `step`, as its long traces catch their own slips: notice, check the
    wrong value by the inverse operation where one exists, fix. `wrong` is the claimed value when the claim was
    about this step's own operands; None when it was some other computation (then: notice and fix)."""
    rng = random.Random(f"catch:{step.text()}:{wrong}:{seed}")
    par = [_pick(rng, SLIP_NOTICE)]
    if wrong is not None and wrong == int(wrong):
        chk = inverse_check(step, int(wrong))
        par.append(f"{chk[0]}, not {chk[2]}." if chk is not None else f"{_recompute_other_route(step)}, not {int(wrong)}.")
    par.append(_pick(rng, FIX).format(c=step.text()))
    return " ".join(par)


def _write_long(problem: Problem, rng: random.Random, k: LongKnobs, start: int = 0) -> str:
    e = problem.expr
    states = expression_states(e)
    lines = [_pick(rng, OPENINGS).format(e=e)] if start == 0 else []
    if start == 0 and rng.random() < k.verbosity:
        lines.append(_pick(rng, PLANS))
    carried_slip = None  # (step index, wrong value) of a slip that was not caught
    values: list[int] = [s.result for s in problem.steps[:start]]  # the value this trace commits for each step
    for i, step in enumerate(problem.steps):
        if i < start:
            continue
        # An uncaught slip changes the operands of later steps that use it (the trace stays
        # self-consistent, and wrong). Only happens when catch_rate < 1.
        if carried_slip is not None:
            step = _rebase(step, values)
        lead = _pick(rng, LEADS_FIRST if i == 0 else LEADS)
        par = []
        if rng.random() < k.slip_rate:
            wrong = slip_value(rng, step.result)
            par.append(lead + _claim(step, wrong) + ".")
            if rng.random() < k.catch_rate:
                chk = inverse_check(step, wrong)
                par.append(_pick(rng, SLIP_NOTICE))
                if chk is not None:
                    par.append(f"{chk[0]}, not {chk[2]}.")
                else:  # no exact inverse: recompute the product in the other order
                    par.append(f"{_recompute_other_route(step)}, not {wrong}.")
                par.append(_pick(rng, FIX).format(c=step.text()))
                values.append(step.result)
            else:
                values.append(wrong)
                carried_slip = (i, wrong)
        else:
            par.append(lead + step.text() + ".")
            values.append(step.result)
            if rng.random() < k.check_rate:
                par.append(_pick(rng, CHECK_LEADS) + _check_text(step) + "." + _pick(rng, CHECK_OK))
            elif rng.random() < k.false_alarm_rate:
                chk = _check_text(step)
                par.append(_pick(rng, DOUBTS) + " " + chk + ". "
                           + _pick(rng, DOUBT_OK).format(c=step.text()))
        if i < len(problem.steps) - 1 and carried_slip is None and rng.random() < k.verbosity:
            par.append(_pick(rng, STATE_LINES).format(s=states[i]))
        lines.append(" ".join(par))
    final = values[-1]
    if rng.random() < k.verbosity:
        recap = ", ".join(_claim(s if carried_slip is None else _rebase(s, values), v)
                          for s, v in zip(problem.steps, values))
        lines.append(_pick(rng, RECAPS) + recap + ".")
    lines.append(_pick(rng, CLOSINGS).format(a=final))
    return "<think>\n" + "\n".join(lines) + "\n</think>\n" + answer_line(final)


def _rebase(step: Step, values: list[int]) -> Step:
    """The step as this trace computes it, with operands taken from the trace's own values."""
    a = values[step.a_src] if step.a_src >= 0 else step.a
    b = values[step.b_src] if step.b_src >= 0 else step.b
    r = apply_op(a, step.op, b)
    r = int(r) if r == int(r) else r  # an inexact division after a slip stays a fraction
    return Step(a, step.op, b, r, step.a_src, step.b_src)


# ----------------------------------------------------------------------------------------------
# Padded control
# ----------------------------------------------------------------------------------------------
def _write_padded(problem: Problem) -> str:
    """As long as a long trace, no reflection: each step, then the running expression twice."""
    states = expression_states(problem.expr)
    lines = [f"I need to compute {problem.expr}."]
    for step, state in zip(problem.steps, states):
        lines.append(f"{step.text()}. The expression is now {state}. So we have {state}.")
    lines.append(f"So the answer is {problem.answer}.")
    return "<think>\n" + "\n".join(lines) + "\n</think>\n" + answer_line(problem.answer)


# ----------------------------------------------------------------------------------------------
# Instruction tasks for the base model
# ----------------------------------------------------------------------------------------------
# The paper fine-tunes *instruct* models: they already speak the language of a reflective trace
# ("wait", "let me check", "now the expression is") and can verify a step when asked; long-CoT SFT
# teaches them to do all of it unprompted, at length, inside <think>. Our base model is trained from
# scratch, so it learns those component skills here, each behind its own prompt, while its answer to
# the main prompt stays a short CoT. (Without them, long-CoT SFT first has to teach English: measured
# in training/LOG.md, 2026-11-26.)
AUX_TASKS = ("check", "step", "recap")
CHECK_PROMPT = "Check this step: "
STEP_PROMPT = "Do the next step of: "
RECAP_PROMPT = "List the steps for: "


def write_aux(problem: Problem, kind: str, seed: int = 0) -> tuple[str, str]:
    """(prompt, completion) of one instruction task built from `problem`."""
    rng = random.Random(f"aux:{kind}:{problem.expr}:{seed}")
    steps = problem.steps
    if kind == "check":
        step = steps[rng.randrange(len(steps))]
        if rng.random() < 0.5:  # a wrong step: notice, check by the inverse, fix
            wrong = slip_value(rng, step.result)
            chk = inverse_check(step, wrong)
            proof = f"{chk[0]}, not {chk[2]}." if chk else f"{_recompute_other_route(step)}, not {wrong}."
            return (CHECK_PROMPT + _claim(step, wrong),
                    f"{_pick(rng, SLIP_NOTICE)} {proof} {_pick(rng, FIX).format(c=step.text())}")
        if rng.random() < 0.5:
            return (CHECK_PROMPT + step.text(), _pick(rng, CHECK_LEADS) + _check_text(step) + "."
                    + _pick(rng, CHECK_OK))
        return (CHECK_PROMPT + step.text(), _pick(rng, DOUBTS) + " " + _check_text(step) + ". "
                + _pick(rng, DOUBT_OK).format(c=step.text()))
    if kind == "step":
        states = [problem.expr] + expression_states(problem.expr)
        k = rng.randrange(len(steps))
        parts = [_pick(rng, OPENINGS).format(e=states[k])]
        if rng.random() < 0.5:
            parts.append(_pick(rng, PLANS))
        parts.append(_pick(rng, LEADS_FIRST) + steps[k].text() + ".")
        parts.append(_pick(rng, STATE_LINES).format(s=states[k + 1]))
        return STEP_PROMPT + states[k], " ".join(parts)
    if kind == "recap":
        recap = ", ".join(s.text() for s in steps)
        return (RECAP_PROMPT + problem.expr,
                _pick(rng, RECAPS) + recap + ". " + _pick(rng, CLOSINGS).format(a=problem.answer))
    raise ValueError(f"unknown task {kind!r}; choose from {list(AUX_TASKS)}")
