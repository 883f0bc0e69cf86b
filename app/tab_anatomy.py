"""Tab 3, Error Anatomy: where errors enter and how they pile up, for the runs you pick."""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import pandas as pd

from app.context import AppContext, owner_of
from app.tab import Tab
from app.widgets import as_choices, own_runs
from training.lab import engine
from training.lab.figures import first_error_figure, length_figure, outcomes_figure, survival_figure
from training.task import check, coverage_note, horizon, legend_html, parse_expression, render_html, summarize

INTRO = """
### Error anatomy: where the first mistake enters, and what happens next
**Survival**: the share of traces still without any mistake after each step. If every step fails with the same
small chance *e*, it follows the dashed curve (1-e)<sup>n</sup>. **Hazard**: the chance that the first mistake
happens at this step, given none before; if it *rises*, mistakes snowball. **First:** read the plots below (the
base model against the shipped fine-tunes); then tick other evaluations, your own runs among them (press
**Refresh list** after a run finishes), and press **Analyze**.
"""
METRIC_COLUMNS = ["run", "accuracy", "mean tokens", "reflective", "step error e", "50% horizon (steps)",
                  "catch rate", "process-correct", "checked '=' (coverage)"]




def record_options(ctx: AppContext, owner: str | None) -> dict[str, tuple[str, str]]:
    """{key: (label, path to records.jsonl)} for the shipped evaluations and the owner's evaluated runs. The keys
    ("shipped:<records name>", "run:<id>") are what the page sees: never a server path."""
    out = {f"shipped:{Path(path).stem}": (label, str(path)) for label, path in ctx.shipped.records.items()}
    for rid, st, cfg in own_runs(ctx.runs, owner):
        rec = engine.RunDir(st.run_dir).records
        if rec.exists():
            out[f"run:{rid}"] = (f"your run {rid}: {cfg.style} N={cfg.n}, {cfg.method}", str(rec))
    return out


def load_records(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def metrics_row(label: str, s: dict) -> dict:
    return {"run": label, "accuracy": round(s["accuracy"], 3), "mean tokens": round(s["mean_tokens"]),
            "reflective": round(s["reflection_ratio"], 2), "step error e": round(s["hazard_fit"], 4),
            "50% horizon (steps)": round(horizon(s["hazard_fit"]), 1) if s["hazard_fit"] else None,
            "catch rate": None if s["catch_rate"] is None else round(s["catch_rate"], 2),
            "process-correct": None if s["process_accuracy"] is None else round(s["process_accuracy"], 3),
            "checked '=' (coverage)": None if s.get("coverage") is None else f"{s['coverage']:.0%}"}


def worst_traces(records: list[dict], k: int = 25) -> list[tuple[str, int]]:
    """Wrong answers, earliest first error first (then longest): the most instructive failures."""
    bad = [(i, r) for i, r in enumerate(records) if not r["correct"]]
    def key(ir):
        fe = ir[1]["check"]["first_step_error"]
        return (fe if fe is not None else 999, -ir[1]["n_tokens"])
    bad.sort(key=key)
    return [(f"#{i}: {r['expr']} = {r['gold']} ({r['category']}, first error at step "
             f"{'-' if r['check']['first_step_error'] is None else r['check']['first_step_error'] + 1}, "
             f"{r['n_tokens']} tokens)", i) for i, r in bad[:k]]


def analysis(sources: list[tuple[str, str]]) -> tuple:
    """Everything the tab draws for the evaluations `sources` ((label, records path) pairs): the summary table,
    four figures, the worst traces of the first one."""
    curves, rows = {}, []
    for label, path in sources:
        s = summarize(load_records(path))
        curves[label] = s
        rows.append(metrics_row(label, s))
    recs = load_records(sources[0][1])
    return (pd.DataFrame(rows, columns=METRIC_COLUMNS), survival_figure(curves), first_error_figure(curves),
            length_figure(curves), outcomes_figure(curves), worst_traces(recs))


def build_anatomy_tab(ctx: AppContext) -> Tab:
    options = record_options(ctx, None)
    default = list(options)[:3]
    # drawn when the app starts (once, for every visitor): the tab is never a page of empty frames
    first = analysis([options[k] for k in default]) if default else None
    with gr.Tab("Error Anatomy", id="anatomy"):
        gr.Markdown(INTRO)
        with gr.Row():
            runs = gr.CheckboxGroup(as_choices(options), value=default, label="Evaluations", scale=4)
            refresh = gr.Button("Refresh list (add my runs)", scale=1)
        analyze = gr.Button("Analyze", variant="primary")
        metrics = gr.Dataframe(first[0] if first else pd.DataFrame(columns=METRIC_COLUMNS), label="Summary",
                               interactive=False)
        survival = gr.Plot(first[1] if first else None, label="Survival and hazard", show_label=False)
        with gr.Row():
            first_error = gr.Plot(first[2] if first else None, label="First error", show_label=False)
            by_length = gr.Plot(first[3] if first else None, label="Accuracy by length", show_label=False)
        outcomes = gr.Plot(first[4] if first else None, label="Reflection outcomes and answer categories",
                           show_label=False)
        gr.Markdown("### Drill down: the worst traces of the first selected evaluation\n" + legend_html())
        worst = gr.Dropdown(first[5] if first else [], value=None, label="Trace (pick one to read it with its marks)",
                            interactive=True)
        trace = gr.HTML()
        first_path = gr.State(options[default[0]][1] if default else None)  # server-side: never sent to the page

    def on_refresh(selected, browser_id, request: gr.Request):
        choices = as_choices(record_options(ctx, owner_of(browser_id, request)))
        return gr.update(choices=choices, value=[v for v in (selected or []) if v in {c[1] for c in choices}])

    def on_analyze(keys, browser_id, request: gr.Request):
        if not keys:
            raise gr.Error("tick at least one evaluation")
        options_ = record_options(ctx, owner_of(browser_id, request))
        if any(k not in options_ for k in keys):
            raise gr.Error("that evaluation is not one of yours or the shipped ones; press Refresh")
        sources_ = [options_[k] for k in keys]
        table, *figs, worst_ = analysis(sources_)
        return (table, *figs, gr.update(choices=worst_, value=None), sources_[0][1], "")

    def on_pick(i, path):
        if i is None or path is None:
            return ""
        r = load_records(path)[int(i)]

        rec = check(r["completion"], problem=parse_expression(r["expr"]))
        kinds = ", ".join(f"{k}: {v}" for k, v in r["check"]["outcomes"].items() if v)
        return (f"<div><b>{r['expr']} = {r['gold']}</b> &middot; answer {r['check']['answer_text']} &middot; "
                f"{r['category']} &middot; {r['n_tokens']} tokens &middot; {kinds or 'no reflection events'} "
                f"&middot; {coverage_note(rec)}</div>" + render_html(r["completion"], rec))

    refresh.click(on_refresh, [runs, ctx.browser], runs, api_name="refresh_evals")
    analyze.click(on_analyze, [runs, ctx.browser], [metrics, survival, first_error, by_length, outcomes, worst, first_path, trace],
                  api_name="analyze")
    worst.change(on_pick, [worst, first_path], trace, api_name="show_trace")
    return Tab(on_load=(on_refresh, [runs, ctx.browser], [runs]))  # add this browser's evaluated runs
