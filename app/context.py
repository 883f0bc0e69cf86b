"""What every tab shares: the run manager, the model cache, the shipped results. Built once per app
by build_app() and passed to each tab builder; nothing here lives at module level."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from app.registry import RunManager
from training.lab import engine, results


@dataclass
class Shipped:
    """The precomputed results the tabs show (read through training.lab.results): the valley sweep's table,
    its adapters and per-sample records, the RL sweep, the paper's stated numbers."""

    sweep: results.Sweep
    rl: results.RLSweep
    paper_ref: dict | None = None
    adapters: dict[str, Path] = field(default_factory=dict)   # label -> adapter folder
    records: dict[str, Path] = field(default_factory=dict)    # label -> records.jsonl

    @property
    def valley(self) -> dict | None:
        return self.sweep.valley

    @classmethod
    def load(cls, name: str = results.DEFAULT_SWEEP) -> "Shipped":
        sweep = results.sweep(name)
        return cls(sweep, results.rl(name), results.paper_reference(),
                   {f"shipped: {k}": v for k, v in sweep.adapters.items()},
                   {f"shipped: {k}": v for k, v in sweep.records.items()})


@dataclass
class AppContext:
    runs: RunManager
    models: engine.ModelCache
    shipped: Shipped
    eval_n: int = 200               # test problems each finished run is evaluated on
    eval_max_new_tokens: int = 512
    allow_local_models: bool = False  # may users type a folder on this server as their model?
    max_upload_mb: float = 20.0
    browser: gr.State | None = None  # this page's copy of its browser's id (build_app sets it up)


BROWSER_ID = re.compile(r"^[0-9a-f]{32}$")


def new_browser_id() -> str:
    return uuid.uuid4().hex


def owner_of(browser_id: str | None, request: gr.Request | None) -> str:
    """Who owns runs: the browser (its id lives in the browser's storage, so a reload or a second tab sees
    the same runs); for a client without one (the API, gradio_client), its connection's session."""
    if isinstance(browser_id, str) and BROWSER_ID.match(browser_id):
        return "browser-" + browser_id
    if request is None or not getattr(request, "session_hash", None):
        return "local"
    return "session-" + request.session_hash
