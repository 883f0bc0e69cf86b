"""UI pieces every tab shares: the progress bar and the view of a run in any state.

One ladder of run states (queued, starting, running, evaluating, completed, stopped, failed) serves
the Valley Lab's fine-tunes and the Through RL tab's GRPO runs; each tab supplies only the words
that differ.
"""

from __future__ import annotations

import html
import time
from typing import Callable

import gradio as gr

from app.context import owner_of
from training.lab import engine
from training.lab.engine import State

ACTIVE_POLL_S, IDLE_POLL_S = 1.0, 5.0  # how often a page asks for news: while its student's run waits or trains; else


def progress_bar(fraction: float, label: str) -> str:
    pct = max(0.0, min(1.0, fraction)) * 100
    return (f'<div style="border:1px solid #d1d5db;border-radius:6px;height:22px;position:relative">'
            f'<div style="background:#2563eb;width:{pct:.1f}%;height:100%;border-radius:6px"></div>'
            f'<div style="position:absolute;top:1px;width:100%;text-align:center;font-size:13px">'
            f'{html.escape(label)}</div></div>')


def as_choices(options: dict[str, tuple]) -> list[tuple[str, str]]:
    """(label, key) pairs for a dropdown or checkbox list of `options` {key: (label, ...)}: the page sees the
    keys, never the server paths they stand for."""
    return [(value[0], key) for key, value in options.items()]


def own_runs(runs, owner: str | None):
    """(run id, state, config) of each run `owner` started (none without an owner); `runs` is the RunManager."""
    for rid in runs.runs_of(owner) if owner else []:
        yield rid, runs.state(owner, rid), runs.config(owner, rid)


def stop_run(ctx, run_id: str | None, browser_id, request, what: str = "run") -> str:
    """Stop's handler in every tab: ask this owner's run to stop; what happened, in words (gr.Error for no run, or
    one that is not theirs)."""
    if not run_id:
        raise gr.Error(f"there is no {what} to stop")
    try:
        return ctx.runs.stop(owner_of(browser_id, request), run_id)
    except KeyError as e:
        raise gr.Error(str(e)) from None


def precision_note(metrics: dict) -> str:
    """' in fp32 (why)': the precision a run trained in, as the run recorded it."""
    p = metrics.get("precision") or {}
    return f" in **{p['name']}** ({p['reason']})" if p.get("name") else ""


def duration(seconds: float) -> str:
    """'40 s', '7 min', '1 h 05 min': a time as a student reads it."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds // 3600:.0f} h {seconds % 3600 / 60:02.0f} min"


def queued_text(wait) -> str:
    """A queued run's line (wait: app.registry.Wait): its place, the time it has waited, and about how long until
    it starts and then takes, at this machine's measured speed."""
    start = (f" It should start in about **{duration(wait.start_in_s)}**" if wait.start_in_s is not None else
             " It starts when a slot frees up (the runs ahead of it have no estimate yet)")
    takes = f", then take about **{duration(wait.takes_s)}**." if wait.takes_s else "."
    return (f"Waiting in line: position **{wait.position}**, waiting {duration(wait.waited_s)} so far." + start
            + (takes if wait.start_in_s is not None else "."))


def evaluating_view(st: engine.RunState, evaluating: str, now: float | None = None) -> tuple[str, str]:
    """(status markdown, bar) while a run tests its model: the answers done of all, and about how long the rest
    take (engine.eval_left, from the answers so far); `evaluating` alone before the run reports any."""
    done, total = st.info.get("eval_done"), st.info.get("eval_total")
    if not total:
        return evaluating, progress_bar(1.0, "testing")
    left = engine.eval_left(st, now or time.time())
    eta = (f", about **{duration(left)}** left (from the answers so far; the longest answers finish last)"
           if left is not None else ", too few answers yet to say how long the rest take")
    return (f"Training done. Testing the model on problems it has never seen: **{done} of {total}** answers "
            f"finished{eta}.", progress_bar(done / total, f"testing: {done}/{total} answers"
                                            + (f", ETA {duration(left)}" if left is not None else "")))


def run_view(st: engine.RunState, wait, *, starting: str,
             running: Callable[[engine.RunState], tuple[str, float, str]],
             completed: Callable[[engine.RunState], str], stopped: str,
             evaluating: str = "Training done. Now testing the model on problems it has never seen...") -> tuple[str, str]:
    """(status markdown, progress-bar HTML) for a run in any state.

    wait: app.registry.Wait for a queued run; running(st) -> (markdown, fraction, bar label);
    completed(st) -> markdown."""
    if st.state == State.QUEUED:
        return (queued_text(wait) if wait else "Waiting in line.",
                progress_bar(0, f"queued, position {wait.position}" if wait else "queued"))
    if st.state == State.STARTING:
        return starting, progress_bar(0, "starting")
    if st.state == State.RUNNING:
        md, fraction, label = running(st)
        return md, progress_bar(fraction, label)
    if st.state == State.EVALUATING:
        return evaluating_view(st, evaluating)
    if st.state == State.COMPLETED and st.metrics:
        return completed(st), progress_bar(1.0, "done")
    if st.state == State.STOPPED:  # a run stopped in line or while loading trained nothing: no weights to speak of
        return (stopped if st.progress else "Stopped before training began: nothing was trained.",
                progress_bar(st.fraction, "stopped"))
    msg = st.error.splitlines()[0] if st.error else "the run failed"
    return f"**The run failed:** {html.escape(msg)}", progress_bar(0, "failed")
