"""Solve and check a few problems with the embedded model, printing each trace with its step marks.

    python -m training.demo                         # 5 classroom test problems, greedy
    python -m training.demo --n 3 --world tiny
    python -m training.demo --problem "93/3+77+(12-32)-11+61*78+44*39+55"
    python -m training.demo --model /path/to/model --temperature 0.6
"""

from __future__ import annotations

import argparse
import sys

from training.core.generate import generate
from training.core.models import ModelLoadError, load_model
from training.task.checker import check
from training.task.marks import LEGEND, SYMBOL, coverage_note, render_ansi
from training.task.world import parse_expression, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="tiny", help="'tiny' (embedded), a folder or a hub id")
    ap.add_argument("--world", default="classroom", help="world preset: classroom | paper | tiny")
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--problem", default=None, help="an expression of your own")
    ap.add_argument("--temperature", type=float, default=0.0)
    ap.add_argument("--max_new_tokens", type=int, default=512)
    ap.add_argument("--no-color", action="store_true")
    args = ap.parse_args(argv)

    try:
        probs = [parse_expression(args.problem)] if args.problem else problems(args.world, "test", args.n)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        model, tok = load_model(args.model)
    except ModelLoadError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    color = not args.no_color and sys.stdout.isatty()
    gens = generate(model, tok, [p.prompt for p in probs], max_new_tokens=args.max_new_tokens,
                    temperature=args.temperature)
    print("marks: " + ", ".join(f"[{SYMBOL[k]}] {v}" for k, v in LEGEND.items()) + "\n")
    right = 0
    for p, g in zip(probs, gens):
        rec = check(g.text, problem=p)
        right += bool(rec.answer_correct)
        verdict = "RIGHT" if rec.answer_correct else "WRONG"
        print(f"=== {p.expr} = {p.answer}   ({p.n_ops} operations)")
        print(render_ansi(g.text, rec, color=color))
        wrong = len(rec.wrong_claims)
        print(f"--- {verdict}: answer {rec.answer_text}, {len(rec.claims)} claims, {wrong} wrong, "
              f"{coverage_note(rec)}, {g.n_tokens} tokens, finish={g.finish}\n")
    print(f"{right}/{len(probs)} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
