"""The claim reader is built in layers: each module imports only the ones below it, and each imports
alone (in a fresh interpreter, without the package's __init__ pulling the rest in)."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TASK = ROOT / "training" / "task"
# module -> the claim modules it may import (the layers below it)
BELOW = {
    "claim_tokens": set(),
    "claim_values": {"claim_tokens"},
    "claim_symbols": {"claim_tokens", "claim_values"},
    "claim_words": {"claim_tokens", "claim_values"},
    "claims": {"claim_tokens", "claim_values", "claim_symbols", "claim_words"},
}


def _project_imports(module: str) -> set[str]:
    tree = ast.parse((TASK / f"{module}.py").read_text())
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    names |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    return {n.rsplit(".", 1)[1] for n in names if n.startswith("training.")}


@pytest.mark.parametrize("module", sorted(BELOW))
def test_each_layer_imports_only_the_layers_below(module):
    assert _project_imports(module) <= BELOW[module]


# Load one module with empty stand-ins for the packages above it, so that training/task/__init__.py
# (which imports the whole checker) does not run: what gets loaded is what the module itself needs.
_ALONE = """
import importlib, json, sys, types
for name, path in (("training", "training"), ("training.task", "training/task")):
    pkg = types.ModuleType(name)
    pkg.__path__ = [path]
    sys.modules[name] = pkg
importlib.import_module("training.task." + sys.argv[1])
print(json.dumps(sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("training.task."))))
"""


@pytest.mark.parametrize("module", sorted(BELOW))
def test_each_layer_imports_alone(module):
    out = subprocess.run([sys.executable, "-c", _ALONE, module], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert set(json.loads(out)) == BELOW[module] | {module}
