"""The arithmetic world: seeded problems with step-level truth.

Every problem is a pure function of (preset, split, index): the same triple always gives the same
expression, the same gold steps and the same answer, on any machine. That makes data subsets nested
("the first N training problems") and evaluation sets fixed.

    from training.task.world import get_preset, problems
    p = problems("classroom", "test", 5)[0]
    p.prompt            # 'Compute the answer to this arithmetic expression: 7*3+12-8/4'
    p.steps             # (Step(a=7, op='*', b=3, result=21, ...), ...)
    p.answer            # 31

The gold order of operations is the one a careful person writes down (and the paper's worked
example follows): first every parenthesised group (recursively, in order of appearance), then every
multiplication/division chain left to right, then the additions and subtractions left to right.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from fractions import Fraction

PROMPT_PREFIX = "Compute the answer to this arithmetic expression: "
# The prompts a model can be tested with. "world" is the paper's synthetic-benchmark prompt, the one every
# fine-tuning example uses. "boxed" adds one sentence that says where the answer goes, as the paper's math
# harness (and the Qwen2.5-Math evaluation it follows) tells every model: a base that was never fine-tuned on the
# world's format is measured fairly only with it (training/LOG.md, 2026-12-05).
PROMPTS = {"world": "", "boxed": "\nPut your final answer within \\boxed{}."}
OPS = ("+", "-", "*", "/")


# ----------------------------------------------------------------------------------------------
# Presets
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Preset:
    """How problems are drawn. `max_abs` bounds every intermediate value (None = unbounded)."""

    name: str
    min_ops: int
    max_ops: int
    lo: int
    hi: int
    ops: tuple[str, ...] = OPS
    paren_rate: float = 0.25  # chance that an operand slot becomes a parenthesised group
    max_abs: int | None = None
    n_test: int = 200
    description: str = ""
    distinct: bool = False    # every problem of a split a new expression (a small world would otherwise repeat)

    def __post_init__(self):
        if not 1 <= self.min_ops <= self.max_ops:
            raise ValueError(f"need 1 <= min_ops <= max_ops, got {self.min_ops}..{self.max_ops}")
        if not 1 <= self.lo <= self.hi:
            raise ValueError(f"need 1 <= lo <= hi, got {self.lo}..{self.hi}")
        bad = [o for o in self.ops if o not in OPS]
        if bad or not self.ops:
            raise ValueError(f"ops must be a non-empty subset of {OPS}, got {self.ops}")


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        # The paper's synthetic benchmark: 400 expressions, 5-15 operations, operands 1-100.
        Preset("paper", 5, 15, 1, 100, n_test=400, description="the paper's benchmark (400 problems)"),
        # The classroom default: small enough for a ~2M-parameter model trained on a 2-core CPU.
        # Chosen by measurement, see training/LOG.md (2026-11-26).
        Preset("classroom", 3, 6, 1, 20, max_abs=999, n_test=200,
               description="3-6 operations, operands 1-20, intermediates within +-999"),
        # One operation, operands 1-9: the world of SmolLM2-135M-Instruct, the real SLM, whose base scores
        # 28% here greedy (64 problems) against 15-17% at 1-2 operations and 12% on `tiny` (training/LOG.md).
        Preset("single", 1, 1, 1, 9, max_abs=99, n_test=200,
               description="1 operation, operands 1-9 (the real SLM's first world)"),
        # 2-3 operations, + and x, operands 1-5, no expression twice: the real SLM's world with steps. Chosen by a
        # pilot of its base before any fine-tuning (training/LOG.md, 2026-12-05): of eleven 1-3 operation worlds it
        # is the one with steps where the base, told where to put the answer, scores within 20-60% (21.9% on 64).
        Preset("addmul", 2, 3, 1, 5, ops=("+", "*"), max_abs=99, n_test=600, distinct=True,
               description="2-3 operations (+, x), operands 1-5, every expression once (the real SLM's world with steps)"),
        # A very small world for unit tests and second-long smoke runs.
        Preset("tiny", 1, 3, 1, 9, max_abs=99, n_test=50, description="1-3 operations, operands 1-9"),
    ]
}


def get_preset(name: str | Preset) -> Preset:
    if isinstance(name, Preset):
        return name
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose from {sorted(PRESETS)}") from None


# ----------------------------------------------------------------------------------------------
# Expression trees
# ----------------------------------------------------------------------------------------------
@dataclass
class Num:
    value: int


@dataclass
class Group:
    """A parenthesised sub-expression."""

    inner: "Sum"


@dataclass
class Chain:
    """factor (op factor)*  with op in {*, /}: one multiplicative term."""

    factors: list  # list[Num | Group]
    ops: list[str] = field(default_factory=list)


@dataclass
class Sum:
    """term (op term)*  with op in {+, -}."""

    terms: list[Chain]
    ops: list[str] = field(default_factory=list)


def render(node) -> str:
    """Compact rendering, as in the paper's prompt: 93/3+77+(12-32)-11+61*78+44*39+55."""
    if isinstance(node, Num):
        return str(node.value)
    if isinstance(node, Group):
        return "(" + render(node.inner) + ")"
    if isinstance(node, Chain):
        out = render(node.factors[0])
        for op, f in zip(node.ops, node.factors[1:]):
            out += op + render(f)
        return out
    out = render(node.terms[0])
    for op, t in zip(node.ops, node.terms[1:]):
        out += op + render(t)
    return out


# ----------------------------------------------------------------------------------------------
# Gold solution
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One gold computation a op b = result.

    a_src / b_src say where each operand comes from: -1 for a number written in the expression,
    otherwise the index of the earlier step whose result it is. The checker uses them to tell a
    compute error (wrong result) from a copy error (a wrong operand carried from an earlier result).
    """

    a: int
    op: str
    b: int
    result: int
    a_src: int = -1
    b_src: int = -1

    def text(self) -> str:
        return f"{fmt_left(self.a)} {self.op} {fmt_right(self.b)} = {self.result}"


def fmt_left(v: int) -> str:
    return str(v)


def fmt_right(v: int) -> str:
    """A negative right operand is written in parentheses: 108 + (-20) = 88."""
    return f"({v})" if v < 0 else str(v)


def apply_op(a, op: str, b):
    """Exact arithmetic on ints/Fractions; raises ZeroDivisionError on /0."""
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return Fraction(a) / Fraction(b)
    raise ValueError(f"unknown operator {op!r}")


def solve(node) -> tuple[int, list[Step]]:
    """Evaluate in the gold order and return (value, steps). Raises ValueError if not integral."""
    steps: list[Step] = []
    value, src = _solve(node, steps)
    return value, steps


def _solve(node, steps) -> tuple[int, int]:
    """Returns (value, src) where src is the step index that produced the value, or -1."""
    if isinstance(node, Num):
        return node.value, -1
    if isinstance(node, Group):
        return _solve(node.inner, steps)
    if isinstance(node, Chain):  # only reached for a bare chain; Sum handles phases itself
        return _solve(Sum([node]), steps)
    # 1. every parenthesised group, in order of appearance
    vals: list[list[tuple[int, int]]] = []
    for term in node.terms:
        vals.append([_solve(f.inner, steps) if isinstance(f, Group) else (f.value, -1)
                     for f in term.factors])
    # 2. every multiplicative chain, left to right
    term_vals: list[tuple[int, int]] = []
    for term, fv in zip(node.terms, vals):
        acc, acc_src = fv[0]
        for op, (b, b_src) in zip(term.ops, fv[1:]):
            r = apply_op(acc, op, b)
            if r != int(r):
                raise ValueError(f"inexact division {acc}/{b}")
            steps.append(Step(acc, op, b, int(r), acc_src, b_src))
            acc, acc_src = int(r), len(steps) - 1
        term_vals.append((acc, acc_src))
    # 3. the additive chain, left to right
    acc, acc_src = term_vals[0]
    for op, (b, b_src) in zip(node.ops, term_vals[1:]):
        steps.append(Step(acc, op, b, apply_op(acc, op, b), acc_src, b_src))
        acc, acc_src = steps[-1].result, len(steps) - 1
    return acc, acc_src


# ----------------------------------------------------------------------------------------------
# Problems
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    expr: str
    answer: int
    steps: tuple[Step, ...]
    preset: str = "custom"
    split: str = "custom"
    index: int = -1
    instruction: str = ""  # a sentence after the expression (PROMPTS): the base's format instruction

    @property
    def prompt(self) -> str:
        return PROMPT_PREFIX + self.expr + self.instruction

    def asked(self, prompt: str) -> "Problem":
        """The same problem asked with one of PROMPTS ("world" or "boxed")."""
        if prompt not in PROMPTS:
            raise ValueError(f"unknown prompt {prompt!r}; choose from {list(PROMPTS)}")
        return replace(self, instruction=PROMPTS[prompt])

    @property
    def n_ops(self) -> int:
        return len(self.steps)

    def to_dict(self) -> dict:
        return {"expr": self.expr, "answer": self.answer, "preset": self.preset,
                "split": self.split, "index": self.index}


def _rng(*parts) -> random.Random:
    # str seeds are hashed with SHA-512 by random.Random: stable across runs and platforms.
    return random.Random(":".join(str(p) for p in parts))


def _count_ops(node) -> int:
    if isinstance(node, Num):
        return 0
    if isinstance(node, Group):
        return _count_ops(node.inner)
    if isinstance(node, Chain):
        return len(node.ops) + sum(_count_ops(f) for f in node.factors)
    return len(node.ops) + sum(_count_ops(t) for t in node.terms)


def _draw_sum(rng: random.Random, preset: Preset, n_ops: int, allow_groups: bool) -> Sum:
    """Draw a Sum with exactly n_ops operators; divisions are made exact as the chain is built."""
    # Decide which of the n_ops operators go into parenthesised groups (each group holds 1-2).
    group_sizes: list[int] = []
    budget = n_ops
    if allow_groups:
        while budget >= 2 and rng.random() < preset.paren_rate:
            size = 1 if budget < 3 else rng.choice((1, 2))
            group_sizes.append(size)
            budget -= size
    top_ops = [rng.choice(preset.ops) for _ in range(budget)]
    # The top level has budget operators, so budget+1 operand slots; groups fill some slots.
    n_slots = budget + 1
    group_slots = set(rng.sample(range(n_slots), min(len(group_sizes), n_slots)))
    group_sizes = group_sizes[: len(group_slots)]
    slots: list = []
    gi = 0
    for i in range(n_slots):
        if i in group_slots:
            slots.append(Group(_draw_sum(rng, preset, group_sizes[gi], allow_groups=False)))
            gi += 1
        else:
            slots.append(None)  # a number, chosen below so that divisions are exact
    # Split the flat sequence into multiplicative chains joined by + / -.
    terms: list[Chain] = [Chain([slots[0]])]
    add_ops: list[str] = []
    for op, slot in zip(top_ops, slots[1:]):
        if op in "+-":
            add_ops.append(op)
            terms.append(Chain([slot]))
        else:
            terms[-1].factors.append(slot)
            terms[-1].ops.append(op)
    for term in terms:
        _fill_chain(rng, preset, term)
    return Sum(terms, add_ops)


def _fill_chain(rng: random.Random, preset: Preset, chain: Chain) -> None:
    """Choose numbers for the empty slots of a chain so that every division is exact.

    Divisors are drawn among the divisors of the value so far, preferring 2..hi and a quotient other
    than 1 (otherwise the world fills up with 'x / x = 1'). A group that would not divide exactly
    turns its '/' into '*'.
    """
    lo, hi = preset.lo, preset.hi
    f, ops = chain.factors, chain.ops
    if f[0] is None:
        if len(f) > 1 and ops[0] == "/" and f[1] is None:
            # a / d with both plain numbers: draw the pair (a, d) with a = k*d, k >= 2 where possible.
            pairs = [(k * d, d) for d in range(max(lo, 2), hi + 1)
                     for k in range(2, hi // d + 1) if k * d >= lo]
            if pairs:
                f[0], f[1] = (Num(v) for v in rng.choice(pairs))
        if f[0] is None:
            f[0] = Num(rng.randint(lo, hi))
    for i in range(1, len(f)):
        if ops[i - 1] != "/":
            if f[i] is None:
                f[i] = Num(rng.randint(lo, hi))
            continue
        acc = _chain_prefix_value(chain, i)
        if isinstance(f[i], Group):
            d = _value(f[i])
            if d == 0 or acc % d != 0:
                ops[i - 1] = "*"
            continue
        if f[i] is not None:
            continue
        divisors = [d for d in range(max(lo, 2), hi + 1) if acc % d == 0]
        proper = [d for d in divisors if d != abs(acc)]
        choice = proper or divisors or ([1] if lo <= 1 else [])
        if choice:
            f[i] = Num(rng.choice(choice))
        else:  # no divisor in range: make it a multiplication instead
            ops[i - 1] = "*"
            f[i] = Num(rng.randint(lo, hi))


def _value(node) -> int:
    v, _ = solve(node if isinstance(node, Sum) else Sum([Chain([node])]))
    return v


def _chain_prefix_value(chain: Chain, upto: int) -> int | None:
    acc = Fraction(_value(chain.factors[0]))
    for op, fac in zip(chain.ops[: upto - 1], chain.factors[1:upto]):
        acc = apply_op(acc, op, Fraction(_value(fac)))
    return int(acc) if acc.denominator == 1 else None


def make_problem(preset: str | Preset, split: str, index: int, max_tries: int = 200) -> Problem:
    """The problem at (preset, split, index): deterministic, independent of every other index."""
    pr = get_preset(preset)
    rng = _rng(pr.name, split, index)
    for _ in range(max_tries):
        n_ops = rng.randint(pr.min_ops, pr.max_ops)
        tree = _draw_sum(rng, pr, n_ops, allow_groups=True)
        try:
            answer, steps = solve(tree)
        except (ValueError, ZeroDivisionError):
            continue
        if len(steps) != n_ops:
            continue
        if pr.max_abs is not None and any(abs(s.result) > pr.max_abs for s in steps):
            continue
        return Problem(render(tree), answer, tuple(steps), pr.name, split, index)
    raise RuntimeError(f"could not draw a problem for {pr.name}/{split}/{index}")


def problems(preset: str | Preset, split: str, n: int | None = None, start: int = 0) -> list[Problem]:
    """n problems of a split. The test split defaults to the preset's n_test problems.

    The train split never contains an expression of the test split.
    """
    pr = get_preset(preset)
    if split == "test":
        n = pr.n_test if n is None else n
        if not pr.distinct:
            return [make_problem(pr, "test", i) for i in range(start, start + n)]
    if n is None:
        raise ValueError("give n for a split other than 'test'")
    seen = {p.expr for p in problems(pr, "test")} if split == "train" else set()
    out: list[Problem] = []
    i = start
    while len(out) < n:
        p = make_problem(pr, split, i)
        i += 1
        if i - start > 50 * n + 1000:
            raise RuntimeError(f"{pr.name} has too few distinct {split} expressions for {n} problems")
        if p.expr not in seen:
            out.append(p)
            if pr.distinct:
                seen.add(p.expr)
    return out


# ----------------------------------------------------------------------------------------------
# Parsing a typed-in expression (the app's "type your own problem", the paper's worked example)
# ----------------------------------------------------------------------------------------------
_TOKEN_CHARS = set("0123456789+-*/() ")
# Limits for typed-in expressions (anyone can type into the app): long enough for the paper's problems
# (its longest has 15 operations), short enough that no input can tie up the server.
MAX_CHARS, MAX_DEPTH, MAX_DIGITS, MAX_OPS = 300, 8, 12, 40


def parse_expression(expr: str) -> Problem:
    """Parse '93/3+77+(12-32)-11+61*78+44*39+55' into a Problem with gold steps.

    Accepts 'x' and the unicode signs for multiplication and division. Raises ValueError with a
    clear message on anything else (unary minus, empty input, inexact division, an expression too
    long, too deeply nested, with too many operations or too large a number...).
    """
    tree = _parse(expr)
    try:
        answer, steps = solve(tree)
    except ZeroDivisionError:
        raise ValueError("the expression divides by zero") from None
    # solve() raises ValueError itself for an inexact division
    return Problem(render(tree), answer, tuple(steps))


def _parse(expr: str) -> Sum:
    s = (expr or "").strip()
    if s.startswith(PROMPT_PREFIX):
        s = s[len(PROMPT_PREFIX):]
    s = s.replace("×", "*").replace("x", "*").replace("X", "*").replace("÷", "/").replace(" ", "")
    if not s:
        raise ValueError("the expression is empty")
    if len(s) > MAX_CHARS:
        raise ValueError(f"the expression is too long ({len(s)} characters; at most {MAX_CHARS})")
    bad = sorted(set(s) - _TOKEN_CHARS)
    if bad:
        raise ValueError(f"unexpected character(s) {''.join(bad)!r}; use digits, + - * / and ( )")
    pos = 0

    def peek():
        return s[pos] if pos < len(s) else ""

    def parse_sum(depth):
        nonlocal pos
        terms, ops = [parse_chain(depth)], []
        while peek() in ("+", "-") and peek():
            ops.append(s[pos])
            pos += 1
            terms.append(parse_chain(depth))
        return Sum(terms, ops)

    def parse_chain(depth):
        nonlocal pos
        factors, ops = [parse_factor(depth)], []
        while peek() in ("*", "/") and peek():
            ops.append(s[pos])
            pos += 1
            factors.append(parse_factor(depth))
        return Chain(factors, ops)

    def parse_factor(depth):
        nonlocal pos
        if peek() == "(":
            if depth >= MAX_DEPTH:
                raise ValueError(f"the brackets are nested too deeply (at most {MAX_DEPTH} levels)")
            pos += 1
            inner = parse_sum(depth + 1)
            if peek() != ")":
                raise ValueError(f"missing ')' at position {pos}")
            pos += 1
            return Group(inner)
        start = pos
        while peek().isdigit():
            pos += 1
        if start == pos:
            raise ValueError(f"expected a number at position {pos} of {s!r}")
        if pos - start > MAX_DIGITS:
            raise ValueError(f"a number is too large ({pos - start} digits; at most {MAX_DIGITS})")
        return Num(int(s[start:pos]))

    tree = parse_sum(0)
    if pos != len(s):
        raise ValueError(f"unexpected {s[pos]!r} at position {pos} of {s!r}")
    if _count_ops(tree) == 0:
        raise ValueError("the expression has no operation to compute")
    if _count_ops(tree) > MAX_OPS:
        raise ValueError(f"the expression has too many operations ({_count_ops(tree)}; at most {MAX_OPS})")
    return tree


def expression_states(expr: str) -> list[str]:
    """The expression as it reads after each gold step (len = number of steps).

    '7*3+12-8/4' -> ['21+12-8/4', '21+12-2', '33-2', '31']. A fully computed group becomes its
    value, in parentheses when negative: 12-(3-5) -> '12-(-2)'.
    """
    tree = _parse(expr)
    out: list[str] = []
    _reduce(tree, lambda: out.append(_render_state(tree)))
    return out


def _reduce(node: Sum, on_step) -> None:
    """Mutate `node` one gold step at a time (same order as solve()), calling on_step after each."""
    for term in node.terms:
        for i, f in enumerate(term.factors):
            if isinstance(f, Group):
                _reduce(f.inner, on_step)
                term.factors[i] = Num(f.inner.terms[0].factors[0].value)
                # the group's last step already reported; its rendering only loses the brackets
    for term in node.terms:
        while term.ops:
            a, b = term.factors[0].value, term.factors[1].value
            term.factors[:2] = [Num(int(apply_op(a, term.ops.pop(0), b)))]
            on_step()
    while node.ops:
        a, b = node.terms[0].factors[0].value, node.terms[1].factors[0].value
        node.terms[:2] = [Chain([Num(int(apply_op(a, node.ops.pop(0), b)))])]
        on_step()


def _render_state(node) -> str:
    if isinstance(node, Num):
        return str(node.value)
    if isinstance(node, Group):
        return "(" + _render_state(node.inner) + ")"
    parts = node.factors if isinstance(node, Chain) else node.terms
    out = _render_state(parts[0])
    for op, p in zip(node.ops, parts[1:]):
        s = _render_state(p)
        out += op + (f"({s})" if s.startswith("-") else s)
    return out


WORKED_EXAMPLE = "93/3+77+(12-32)-11+61*78+44*39+55"  # the paper's worked example, = 6606
