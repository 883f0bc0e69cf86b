"""The one owner of artifact paths. Nothing else builds paths from the working directory.

VALLEY_HOME (default: <repo>/.valley) holds everything runs write: run directories, results,
caches. Shipped, checked-in artifacts live under <repo>/assets.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
TINY_BASE = ASSETS / "tiny-base"          # the embedded default model
RECIPES = REPO / "training" / "recipes"
LESSONS = REPO / "lessons"


def home() -> Path:
    return Path(os.environ.get("VALLEY_HOME", REPO / ".valley")).resolve()


def runs_dir() -> Path:
    return home() / "runs"


def results_dir() -> Path:
    return home() / "results"


def expand(p: str) -> str:
    """Recipes write $VALLEY_HOME/...; this makes such a path concrete (and expands ~)."""
    if not p:
        return p
    return os.path.expanduser(p.replace("$VALLEY_HOME", str(home())).replace("${VALLEY_HOME}", str(home())))
