"""Turn any set of evaluation outputs into the valley table and figures the app displays.

    python -m training.import_results --manifest study.yaml --out '$VALLEY_HOME/results/valley-qwen1.5b'

The manifest names the base evaluation and one evaluation per (style, N, seed):

    name: qwen2.5-1.5b-instruct
    benchmark: math500          # for training.math_eval outputs: which benchmark's summary to read
    base: $VALLEY_HOME/results/qwen1.5b-base
    runs:
      - {style: long, n: 8000, seed: 0, path: $VALLEY_HOME/results/qwen1.5b-sft-8k}
      - {style: long, n: 128000, seed: 0, path: $VALLEY_HOME/results/qwen1.5b-sft-128k}

A path may be a training.evaluate output (summary.json inside), a training.math_eval output
(<benchmark>/summary.json inside) or a summary.json itself. The output is valley.json in the same
schema training.valley writes, plus its figures, so the app can show a real model's valley.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from training.core import paths
from training.core.evalfolder import EvalFolder
from training.core.sweeprows import RunName, RunRow, runs_and_table, slim
from training.lab.figures import save_valley_figures


def find_summary(path: str, benchmark: str | None) -> dict:
    p = Path(paths.expand(path))
    if p.suffix == ".json" and p.exists():
        return json.loads(p.read_text())
    for folder in [p] + ([p / benchmark] if benchmark else []):
        summary = EvalFolder(folder).read_summary()
        if summary is not None:
            return summary
    raise FileNotFoundError(f"no summary.json for {path!r}" + (f" (benchmark {benchmark})" if benchmark else ""))


def manifest_row(entry: dict, benchmark: str | None) -> RunRow:
    """One run of the manifest as a row of valley.json (an import records no device)."""
    name = RunName(entry.get("style", "long"), int(entry["n"]), int(entry.get("seed", 0)))
    train = {"train_seconds": entry.get("train_seconds"), "tokens": entry.get("tokens")}
    return RunRow(name, entry["path"], train, find_summary(entry["path"], benchmark))


def build(manifest: dict) -> dict:
    bench = manifest.get("benchmark")
    base = find_summary(manifest["base"], bench)
    rows = sorted((manifest_row(r, bench) for r in manifest.get("runs", [])), key=lambda r: r.name)
    return {"name": manifest.get("name", "imported"), "command": "python -m training.import_results",
            "created": time.strftime("%Y-%m-%d %H:%M:%S"), "model": manifest.get("model", manifest.get("name")),
            "world": bench or manifest.get("world", ""),
            "eval": {"n": base.get("n"), "decoding": f"T={base.get('temperature')}", "benchmark": bench},
            "base": slim(base), **runs_and_table(rows, base)}


def main(argv=None) -> dict:
    import yaml

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    manifest = yaml.safe_load(Path(a.manifest).read_text())
    result = build(manifest)
    out = Path(paths.expand(a.out))
    out.mkdir(parents=True, exist_ok=True)
    (out / "valley.json").write_text(json.dumps(result, indent=1) + "\n")
    save_valley_figures(result, out)
    print(f"[import] {len(result['runs'])} runs -> {out / 'valley.json'}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
