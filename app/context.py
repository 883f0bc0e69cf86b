"""What every tab shares: the run manager, the model cache, the shipped results. Built once per app
by build_app() and passed to each tab builder; nothing here lives at module level."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from app.runs import RunManager
from training import engine
from training.core import paths

SHIPPED = paths.ASSETS / "valley" / "classroom"


@dataclass
class Shipped:
    """The precomputed sweep in assets/: its table, summaries, some per-sample records, adapters."""

    root: Path = SHIPPED
    valley: dict | None = None
    paper_ref: dict | None = None
    adapters: dict[str, Path] = field(default_factory=dict)   # label -> adapter folder
    records: dict[str, Path] = field(default_factory=dict)    # label -> records.jsonl

    @classmethod
    def load(cls, root: Path = SHIPPED) -> "Shipped":
        s = cls(root)
        if (root / "valley.json").exists():
            s.valley = json.loads((root / "valley.json").read_text())
        ref = paths.ASSETS / "paper_reference.json"
        if ref.exists():
            s.paper_ref = json.loads(ref.read_text())
        for d in sorted((root / "adapters").glob("*")) if (root / "adapters").exists() else []:
            if (d / "adapter_config.json").exists():
                s.adapters[f"shipped: {d.name}"] = d
        for f in sorted((root / "records").glob("*.jsonl")) if (root / "records").exists() else []:
            s.records[f"shipped: {f.stem}"] = f
        return s


@dataclass
class AppContext:
    runs: RunManager
    models: engine.ModelCache
    shipped: Shipped
    eval_n: int = 200               # test problems each finished run is evaluated on
    eval_max_new_tokens: int = 512


def session_of(request: gr.Request | None) -> str:
    """The key that owns runs: Gradio's per-connection session hash (each browser tab, each client)."""
    if request is None or not getattr(request, "session_hash", None):
        return "local"
    return request.session_hash
