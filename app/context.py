"""What every tab shares: the run manager, the model cache, the shipped results. Built once per app
by build_app() and passed to each tab builder; nothing here lives at module level."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from app.registry import RunManager
from training.lab import engine

SLM_SWEEP = "smollm2"  # assets/valley/smollm2: the real SLM's valley
WAYS_SWEEP = "ways-out-4k"  # its arms' records (Error Anatomy) and adapters (Side by Side) ship beside the ladder's


@dataclass
class Shipped:
    """The precomputed results the tabs show (read through the engine, from training.lab.results): the valley sweep's table,
    its adapters and per-sample records, the RL sweeps, the paper's stated numbers."""

    sweep: engine.Sweep
    rl: engine.RLSweep
    paper_ref: dict | None = None
    adapters: dict[str, Path] = field(default_factory=dict)   # label -> adapter folder
    records: dict[str, Path] = field(default_factory=dict)    # label -> records.jsonl
    slm_adapters: dict[str, Path] = field(default_factory=dict)  # the real SLM's shipped adapters: name -> folder
    slm_sweep: engine.Sweep | None = None                    # the real SLM's shipped valley (assets/valley/smollm2)
    rl_powered: engine.RLSweep | None = None                 # the RL sweep paired on 1,000 problems, once it has run

    @property
    def valley(self) -> dict | None:
        return self.sweep.valley

    @classmethod
    def load(cls, name: str = engine.DEFAULT_SWEEP) -> "Shipped":
        sweep, slm, ways = engine.sweep(name), engine.sweep(SLM_SWEEP), engine.sweep(WAYS_SWEEP)
        records = {f"shipped: {k}": v for k, v in sweep.records.items()}
        records |= {f"shipped: ways out {k}": v for k, v in ways.records.items() if k != "base"}
        records |= {f"shipped: SmolLM2 {k}": v for k, v in slm.records.items()}
        adapters = {f"shipped: {k}": v for k, v in sweep.adapters.items()}
        adapters |= {f"shipped: ways out {k}": v for k, v in ways.adapters.items()}
        return cls(sweep, engine.rl(name), engine.paper_reference(), adapters, records, dict(slm.adapters),
                   slm if slm.valley else None, engine.rl(engine.POWERED_RL))


@dataclass
class AppContext:
    runs: RunManager
    models: engine.ModelCache
    shipped: Shipped
    eval_n: int = 200               # test problems each finished run is evaluated on
    eval_max_new_tokens: int = 512
    allow_local_models: bool = False  # may users type a folder on this server as their model?
    max_upload_mb: float = 20.0
    teacher_key: str = ""             # unlocks the teachers' controls and documents (empty: nobody sees them)
    class_window_s: float = 1200.0    # "Assign me an N": the class's training window ...
    class_groups: int = 8             # ... shared by this many groups
    class_runs_only: bool = False     # the teacher keeps RL and real-SLM runs off the shared queue
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


def is_teacher(ctx: AppContext, key: str | None) -> bool:
    """Does `key` unlock the teachers' controls? Never without a key configured; compared in constant time, as
    UTF-8 bytes (hmac refuses a str with a non-ASCII character: a key like "clé" raised TypeError)."""
    import hmac

    if not ctx.teacher_key or not isinstance(key, str):
        return False
    return hmac.compare_digest(key.strip().encode(), ctx.teacher_key.encode())
