"""Prepare SFT data once: correct traces, a length filter under the target tokenizer, nested subsets.

Usage:
    # the paper's data for the Qwen2.5 family (needs the Hub): 8k ... 220k subsets + report
    python -m training.prepare_data --source openr1 --tokenizer Qwen/Qwen2.5-1.5B-Instruct \\
        --out '$VALLEY_HOME/data/openr1/qwen2.5'
    # rows in OpenR1's schema from a local file (what the CPU smoke pipeline uses)
    python -m training.prepare_data --source openr1-file:rows.jsonl --tokenizer tiny --sizes 8,16 --out /tmp/d
    # just the token-length report of any chat-messages file under any tokenizer
    python -m training.prepare_data --source my.jsonl --tokenizer tiny --report_only --out /tmp/report

Writes <out>/openr1-<size>.jsonl (chat messages; subset k is the first k of one seeded permutation,
so each is a prefix of the next), <out>/report.json (rows, rows without a correct trace, traces
dropped as too long, percentiles) and <out>/lengths.png (the histogram, with the cut-off marked).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from training.core import paths
from training.core.models import load_tokenizer
from training.core.openr1 import load_openr1_pairs, rows_to_pairs
from training.core.sources import read_chat_file
from training.lab.figures import plt, save_figure

SIZES = {"8k": 8_000, "16k": 16_000, "32k": 32_000, "64k": 64_000, "128k": 128_000, "220k": 220_000}


def parse_sizes(text: str) -> dict[str, int]:
    out = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if part.endswith("k"):
            out[part] = SIZES.get(part) or int(float(part[:-1]) * 1000)
        else:
            out[part] = int(part)
    return out


def load_source(source: str, seed: int) -> tuple[list[tuple[str, str]], dict]:
    """(pairs, report) from 'openr1', 'openr1-file:<path>' (rows in OpenR1's schema) or a chat file."""
    if source == "openr1":
        rep: dict = {}
        return load_openr1_pairs(seed=seed, report=rep), rep
    if source.startswith("openr1-file:"):
        path = Path(source.split(":", 1)[1])
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        return rows_to_pairs(rows, seed)
    pairs = read_chat_file(source)
    return pairs, {"rows": len(pairs), "no_correct_trace": 0}


def token_lengths(pairs, tokenizer) -> list[int]:
    return [len(tokenizer(t, add_special_tokens=False)["input_ids"]) for _, t in pairs]


def length_report(lengths: list[int], max_tokens: int) -> dict:
    s = sorted(lengths)
    if not s:
        return {"count": 0}
    q = lambda f: s[min(len(s) - 1, int(f * len(s)))]  # noqa: E731
    return {"count": len(s), "mean": sum(s) / len(s), "p50": q(0.5), "p90": q(0.9), "p99": q(0.99),
            "max": s[-1], "over_max": sum(1 for x in s if x > max_tokens), "max_tokens": max_tokens}


def histogram_png(lengths: list[int], max_tokens: int, path: Path, title: str) -> None:
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.hist(lengths, bins=60, color="#2563eb")
    ax.axvline(max_tokens, color="#dc2626", ls="--", label=f"cut-off {max_tokens:,} tokens")
    ax.set_xlabel("trace length (tokens)")
    ax.set_ylabel("traces")
    ax.set_title(title)
    ax.legend()
    save_figure(fig, path, dpi=100)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", required=True)
    ap.add_argument("--tokenizer", required=True, help="'tiny', a folder or a hub id")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="8k,16k,32k,64k,128k,220k")
    ap.add_argument("--max_tokens", type=int, default=16384)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--report_only", action="store_true")
    a = ap.parse_args(argv)
    out = Path(paths.expand(a.out))
    out.mkdir(parents=True, exist_ok=True)
    tok = load_tokenizer(a.tokenizer)
    pairs, rep = load_source(a.source, a.seed)
    lengths = token_lengths(pairs, tok)
    rep.update({"source": a.source, "tokenizer": a.tokenizer, "lengths": length_report(lengths, a.max_tokens)})
    histogram_png(lengths, a.max_tokens, out / "lengths.png", f"{a.source} under {a.tokenizer}")
    if not a.report_only:
        kept = [p for p, n in zip(pairs, lengths) if n <= a.max_tokens]
        rep["dropped_too_long"] = len(pairs) - len(kept)
        rep["kept"] = len(kept)
        order = list(range(len(kept)))
        random.Random(f"subset:{a.seed}").shuffle(order)
        rep["subsets"] = {}
        for name, n in parse_sizes(a.sizes).items():
            take = order[:min(n, len(kept))]
            path = out / f"openr1-{name}.jsonl"
            with open(path, "w") as f:
                for i in take:
                    prob, trace = kept[i]
                    f.write(json.dumps({"messages": [{"role": "user", "content": prob},
                                                     {"role": "assistant", "content": trace}]}) + "\n")
            rep["subsets"][name] = {"requested": n, "written": len(take), "file": str(path)}
    (out / "report.json").write_text(json.dumps(rep, indent=2) + "\n")
    print(json.dumps(rep, indent=2))
    return rep


if __name__ == "__main__":
    main(sys.argv[1:])
