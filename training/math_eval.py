"""The paper's evaluation on real models: AIME24, AMC23, MATH500 and the synthetic arithmetic benchmark.

Usage:
    # one model (or a fine-tuned folder) on every benchmark, vLLM, the paper's sampling
    python -m training.math_eval --model Qwen/Qwen2.5-1.5B-Instruct --out '$VALLEY_HOME/results/qwen1.5b-base'
    # data parallel over 8 GPUs (one vLLM engine per GPU, problems sharded)
    python -m training.math_eval --model ... --dp 8
    # CPU smoke: local benchmark files, the HF backend, a tiny model
    python -m training.math_eval --model tiny --benchmarks arith,math500 --local_dir tests/data/bench \\
        --backend hf --samples 1 --temperature 0 --max_new_tokens 64 --n 4 --out /tmp/me

Sampling as in the paper: temperature 0.6, top-p 0.95, up to 16,384 new tokens; k = 8 samples per
problem for AIME24 and AMC23, 4 for MATH500 and the arithmetic benchmark; metric avg@k.

Grading uses math-verify the way its authors intend: `verify(gold, prediction)` with the gold first,
only the text after `</think>` graded when there is one, and the library's SIGALRM timeouts switched
off (they fail off the main thread); a problem whose gold answer does not parse is skipped and
counted, not scored wrong. The arithmetic benchmark is graded exactly (integers) by the step checker.

Per benchmark: records.jsonl (the same record schema as training.evaluate, so the app and
training.task.analysis read both) and summary.json; plus results.json with the headline (the mean of the
three math benchmarks), as in the paper.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from training.core import paths
from training.core.evalfolder import EvalFolder
from training.core.evaluation import make_backend
from training.core.generate import Generation
from training.task.analysis import summarize
from training.task.checker import check, reflection_count
from training.task.scoring import categorize, score_generation
from training.task.world import parse_expression, problems

MATH_PROMPT = "{problem}\nPlease reason step by step, and put your final answer within \\boxed{{}}."


@dataclass(frozen=True)
class Benchmark:
    name: str
    hub: str
    split: str
    k: int
    problem_keys: tuple = ("problem", "question", "prompt")
    answer_keys: tuple = ("answer", "final_answer", "solution")


BENCHMARKS = {
    "aime24": Benchmark("aime24", "HuggingFaceH4/aime_2024", "train", 8),
    "amc23": Benchmark("amc23", "math-ai/amc23", "test", 8),
    "math500": Benchmark("math500", "HuggingFaceH4/MATH-500", "test", 4),
    "arith": Benchmark("arith", "world:paper", "test", 4),
}
HEADLINE = ("aime24", "amc23", "math500")


def load_benchmark(name: str, local_dir: str | None = None, n: int | None = None) -> list[dict]:
    """[{"id", "problem", "answer"}] from a local <name>.jsonl, the world, or the Hub."""
    if name not in BENCHMARKS:
        raise ValueError(f"unknown benchmark {name!r}; choose from {sorted(BENCHMARKS)}")
    b = BENCHMARKS[name]
    if name == "arith":
        rows = [{"id": p.index, "problem": p.prompt, "answer": str(p.answer), "expr": p.expr}
                for p in problems("paper", "test")]
    elif local_dir:
        path = Path(local_dir) / f"{name}.jsonl"
        raw = [json.loads(l) for l in path.read_text().splitlines() if l.strip()]
        rows = [_row(b, i, r) for i, r in enumerate(raw)]
    else:
        from datasets import load_dataset

        rows = [_row(b, i, r) for i, r in enumerate(load_dataset(b.hub, split=b.split))]
    return rows[:n] if n else rows


def _row(b: Benchmark, i: int, r: dict) -> dict:
    prob = next((r[k] for k in b.problem_keys if k in r), None)
    ans = next((r[k] for k in b.answer_keys if k in r), None)
    if prob is None or ans is None:
        raise ValueError(f"{b.name} row {i}: expected one of {b.problem_keys} and {b.answer_keys}, got {list(r)}")
    return {"id": i, "problem": str(prob), "answer": str(ans)}


def grade_math(gold: str, completion: str) -> bool | None:
    """math-verify, gold first; None when the gold answer itself does not parse (skip, not wrong)."""
    from math_verify import parse, verify

    g = parse(gold if "$" in gold or "\\boxed" in gold else f"${gold}$", parsing_timeout=None)
    if not g:
        return None
    tail = completion.rsplit("</think>", 1)[-1][-4000:]  # the graded text: after the thinking, bounded
    pred = parse(tail, parsing_timeout=None)
    return bool(pred) and verify(g, pred, timeout_seconds=None)


def score_rows(name: str, rows: list[dict], gens, k: int) -> tuple[list[dict], int]:
    """Records in training.evaluate's schema; returns (records, problems skipped for unparseable gold)."""
    records, skipped = [], 0
    for j, row in enumerate(rows):
        samples = gens[j * k:(j + 1) * k]
        if name == "arith":
            p = parse_expression(row["expr"])
            for g in samples:
                r = score_generation(p, g)
                r["problem_index"] = row["id"]
                records.append(r)
            continue
        verdicts = [grade_math(row["answer"], g.text) for g in samples]
        if any(v is None for v in verdicts):
            skipped += 1
            continue
        for g, ok in zip(samples, verdicts):
            rec = check(g.text)
            rec.answer_correct = ok
            cat = categorize(g.finish, rec, g.text)
            records.append({"expr": f"{name}#{row['id']}", "problem_index": row["id"], "gold": row["answer"],
                            "n_ops": 0, "sample": g.sample, "completion": g.text, "n_tokens": g.n_tokens,
                            "finish": g.finish, "category": cat, "correct": cat == "correct",
                            "reflections": reflection_count(g.text), "has_think": "</think>" in g.text,
                            "check": rec.to_dict()})
    return records, skipped


def run_shard(args, rows_by_bench: dict[str, list[dict]]) -> dict[str, list]:
    """Generate every benchmark's samples with one backend (one process, one GPU or the CPU)."""
    backend = make_backend(args.model, args.adapter, args.backend, args.precision, args.batch_size)
    out = {}
    for name, rows in rows_by_bench.items():
        k = args.samples or BENCHMARKS[name].k
        prompts = [r["problem"] if name == "arith" else MATH_PROMPT.format(problem=r["problem"]) for r in rows]
        out[name] = backend.generate(prompts, n=k, temperature=args.temperature, top_p=args.top_p,
                                     max_new_tokens=args.max_new_tokens, seed=args.seed)
    return out


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--adapter", default="")
    ap.add_argument("--benchmarks", default="aime24,amc23,math500,arith")
    ap.add_argument("--local_dir", default=None, help="read <name>.jsonl benchmark files from here")
    ap.add_argument("--n", type=int, default=None, help="first n problems of each (smoke runs)")
    ap.add_argument("--samples", type=int, default=0, help="k per problem; 0 = the paper's (8/8/4/4)")
    ap.add_argument("--temperature", type=float, default=0.6)
    ap.add_argument("--top_p", type=float, default=0.95)
    ap.add_argument("--max_new_tokens", type=int, default=16384)
    ap.add_argument("--backend", default="auto", choices=["auto", "hf", "vllm"])
    ap.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16"],
                    help="of the weights: auto = bf16 on a GPU that has it, else fp32")
    ap.add_argument("--batch_size", type=int, default=64)
    ap.add_argument("--dp", type=int, default=1, help="data parallel: one engine per GPU")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--shard", default=None, help=argparse.SUPPRESS)  # "i/n": internal, for --dp workers
    args = ap.parse_args(argv)
    if args.temperature == 0 and args.samples != 1:
        ap.error("temperature 0 (greedy) needs --samples 1")
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    out = Path(paths.expand(args.out))
    out.mkdir(parents=True, exist_ok=True)
    names = [b.strip() for b in args.benchmarks.split(",") if b.strip()]
    rows = {name: load_benchmark(name, args.local_dir, args.n) for name in names}

    if args.shard:  # a data-parallel worker: generate its slice, write the raw generations, exit
        i, n = (int(x) for x in args.shard.split("/"))
        gens = run_shard(args, {name: r[i::n] for name, r in rows.items()})
        (out / f"shard{i}.json").write_text(json.dumps({k: [g.__dict__ for g in v] for k, v in gens.items()}))
        return {}

    t0 = time.perf_counter()
    gens = run_data_parallel(args, argv, rows, out) if args.dp > 1 else run_shard(args, rows)
    results = {"model": args.model, "adapter": args.adapter, "temperature": args.temperature, "top_p": args.top_p,
               "max_new_tokens": args.max_new_tokens, "generation_seconds": round(time.perf_counter() - t0, 1),
               "benchmarks": {name: score_benchmark(args, name, rows[name], gens[name], out) for name in names}}
    heads = [results["benchmarks"][b]["accuracy"] for b in HEADLINE if b in results["benchmarks"]]
    results["headline"] = sum(heads) / len(heads) if len(heads) == len(HEADLINE) else None
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return results


def run_data_parallel(args, argv, rows: dict[str, list[dict]], out: Path) -> dict[str, list]:
    """One worker process per GPU, each generating every dp-th problem (--shard i/dp); their generations put back
    in the problems' order."""
    procs = []
    for i in range(args.dp):
        env = {**os.environ, "CUDA_VISIBLE_DEVICES": str(i)}
        procs.append(subprocess.Popen([sys.executable, "-m", "training.math_eval", *(argv or sys.argv[1:]),
                                       "--shard", f"{i}/{args.dp}"], env=env))
    if any(p.wait() != 0 for p in procs):
        raise RuntimeError("a data-parallel worker failed; see its output above")
    shards = [json.loads((out / f"shard{i}.json").read_text()) for i in range(args.dp)]
    gens = {}
    for name in rows:
        k = args.samples or BENCHMARKS[name].k
        per_row = [[Generation(**g) for g in s[name]] for s in shards]
        # reassemble the round-robin split: row j came from shard j % dp, position j // dp
        ordered = []
        for j in range(len(rows[name])):
            chunk = per_row[j % args.dp]
            pos = j // args.dp
            ordered += chunk[pos * k:(pos + 1) * k]
        gens[name] = ordered
    return gens


def score_benchmark(args, name: str, rows: list[dict], gens: list, out: Path) -> dict:
    """Grade one benchmark's samples, write its records and summary (<out>/<name>/), and return its headline
    numbers for results.json."""
    k = args.samples or BENCHMARKS[name].k
    records, skipped = score_rows(name, rows, gens, k)
    summary = summarize(records)
    summary.update({"benchmark": name, "k": k, "skipped_unparseable_gold": skipped, "problems": len(rows)})
    EvalFolder(out / name).write(records, summary)
    print(f"[math_eval] {name}: avg@{k} {summary.get('accuracy', 0):.3f}, mean length "
          f"{summary.get('mean_tokens', 0):.0f}, reflective {summary.get('reflection_ratio', 0):.2f}", flush=True)
    return {key: summary.get(key) for key in ("accuracy", "accuracy_se", "mean_tokens", "reflection_ratio",
                                              "token_efficiency", "claim_error_rate", "k", "problems",
                                              "skipped_unparseable_gold", "n")}


if __name__ == "__main__":
    main(sys.argv[1:])
