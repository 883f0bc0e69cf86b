"""Tab 3, Error Anatomy: where errors enter and how they pile up, for the runs you pick."""

from __future__ import annotations

import html
import json
from pathlib import Path

import gradio as gr
import pandas as pd

from app.context import AppContext, owner_of
from app.tab import Tab
from app.widgets import as_choices, own_runs
from training.lab import engine
from training.task import check, coverage_note, horizon, legend_html, parse_expression, render_html, summarize
from training.task.analysis import reflection_pays

INTRO = """
### Error anatomy: where the first mistake enters, and what happens next
**First:** read the plots below (the base model against the shipped fine-tunes); then tick other evaluations, your
own runs among them (press **Refresh list** after a run finishes), and press **Analyze**.

- **Survival** (a Kaplan-Meier curve): the share of answers still without any mistake after each step. Answers stop
  at different lengths; one that ends (or is cut off) before step *i* simply leaves the count there ("censored"),
  it is not counted as right or wrong. If every step failed with the same small chance *e*, the curve would follow
  the markers of (1-e)<sup>n</sup>.
- **Hazard**: the chance that the *first* mistake happens at this step, given none before. It says where errors
  start, not whether they snowball (it only looks at answers that are still clean), and the late steps rest on
  few answers: the plot prints how many are left at each step.
- **Catch rate (c)**: the share of wrong steps the model later takes back and fixes.
- **h, k, h', c, d**: the worksheet's "does reflection pay?" numbers: h = wrong arithmetic claims per answer token of
  the base model, k = how many times longer the answers are than the base's, h' = wrong claims per token of this
  model, d = right steps "fixed" into wrong ones per token. The long answers win only if k(h'(1-c)+d) < h.
"""
METRIC_COLUMNS = ["run", "weights and prompt", "accuracy", "mean tokens", "reflective", "step error e",
                  "50% horizon (steps)", "catch rate", "process-correct", "checked '=' (coverage)", "h", "k", "h'",
                  "c", "d", "k(h'(1-c)+d)", "pays (< h)?"]


def record_options(ctx: AppContext, owner: str | None) -> dict[str, tuple[str, str]]:
    """{key: (label, path to records.jsonl)} for the shipped evaluations and the owner's evaluated runs. The keys
    ("shipped:<records name>", "run:<id>") are what the page sees: never a server path."""
    out = {"shipped:" + label.removeprefix("shipped: ").replace(" ", "-"): (label, str(path))
           for label, path in ctx.shipped.records.items()}
    for rid, st, cfg in own_runs(ctx.runs, owner):
        rec = engine.RunDir(st.run_dir).records
        if rec.exists():
            model = "" if cfg.model == "tiny" else f"{cfg.model} "
            out[f"run:{rid}"] = (f"your run {rid}: {model}{cfg.style} N={cfg.n}, {cfg.method}", str(rec))
    return out


def base_for(options: dict[str, tuple[str, str]], keys: list[str]) -> tuple[str, str] | None:
    """The base evaluation the worksheet's h, k, h', c, d compare against: the shipped base of the ticked runs'
    model (SmolLM2's where a SmolLM2 evaluation is ticked), else the embedded model's; None where a ticked run's
    model has no shipped base (a Gemma run: its numbers are shown without h, k, h', c, d)."""
    labels = [options[k][0] for k in keys]
    if any("SmolLM2" in label for label in labels):
        return options.get("shipped:SmolLM2-base")
    if any(slm in label for label in labels for slm in engine.REAL_SLMS):
        return None
    return options.get("shipped:base")


def load_records(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def pays_columns(base: dict | None, s: dict) -> dict:
    """The worksheet's h, k, h', c, d against `base` (the same model before fine-tuning); blank without one."""
    if base is None:
        return {}
    r = reflection_pays(base, s)
    return {"h": round(r["h"], 4), "k": round(r["k"], 1), "h'": round(r["h_tuned"], 4), "c": round(r["c"], 3),
            "d": round(r["d"], 4), "k(h'(1-c)+d)": round(r["lhs"], 4), "pays (< h)?": "yes" if r["pays"] else "no"}


def metrics_row(label: str, s: dict, base: dict | None = None, origin: str = "") -> dict:
    return {**_metrics_row(label, s), "weights and prompt": origin, **pays_columns(base, s)}


def _metrics_row(label: str, s: dict) -> dict:
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
    return [(f"#{i}: {r['expr']} = {r['gold']} ({r['category']}, {_first_error_words(r['check'])}, "
             f"{r['n_tokens']} tokens)", i) for i, r in bad[:k]]


def _first_error_words(c: dict) -> str:
    """Where the first error is, as the list says it: a statement the checker could not read before the first
    wrong claim (not_checked) leaves it unplaced, never guessed."""
    if c.get("not_checked"):
        return "first error not checked (?)"
    return f"first error at step {'-' if c['first_step_error'] is None else c['first_step_error'] + 1}"


def drill_source(sources: list[tuple[str, str]]) -> tuple[str, str]:
    """The evaluation whose worst traces the drill-down lists: the last one ticked that is not a base model
    (your own run, when you ticked one), else the first."""
    tuned = [s for s in sources if not s[0].rstrip().endswith("base")]  # "shipped: base", "shipped: SmolLM2 base"
    return tuned[-1] if tuned else sources[0]


def analysis(sources: list[tuple[str, str]], base: tuple[str, str] | None = None) -> tuple:
    """Everything the tab draws for the evaluations `sources` ((label, records path) pairs): the summary table
    (h, k, h', c, d against `base`, the model before fine-tuning), four figures, the worst traces of the run
    drill_source picks, and that run's records path."""
    curves, rows = {}, []
    base_summary = summarize(load_records(base[1])) if base else None
    for label, path in sources:
        s = summarize(load_records(path))
        curves[label] = s
        rows.append(metrics_row(label, s, base_summary if base and path != base[1] else None,
                                engine.evaluation_origin(path)))
    drill = drill_source(sources)
    figures = (engine.survival_figure(curves), engine.first_error_figure(curves), engine.length_figure(curves),
               engine.outcomes_figure(curves))
    return (pd.DataFrame(rows, columns=METRIC_COLUMNS), *figures, worst_traces(load_records(drill[1])), drill[1])


def drill_html(i, path: str | None) -> str:
    """One trace of an evaluation with its step marks (everything in it comes from a model's own text or a records
    file: escaped, never raw HTML)."""
    if i is None or path is None:
        return ""
    r = load_records(path)[int(i)]
    rec = check(r["completion"], problem=parse_expression(r["expr"]))
    kinds = ", ".join(f"{k}: {v}" for k, v in r["check"]["outcomes"].items() if v)
    esc = html.escape
    return (f"<div style='font-size:12px;color:#374151'>written by {esc(engine.evaluation_origin(path))}</div>"
            f"<div><b>{esc(str(r['expr']))} = {esc(str(r['gold']))}</b> &middot; answer "
            f"{esc(str(r['check']['answer_text']))} &middot; {esc(str(r['category']))} &middot; "
            f"{int(r['n_tokens'])} tokens &middot; {esc(kinds) or 'no reflection events'} &middot; "
            f"{esc(coverage_note(rec))}</div><div style='white-space:pre-wrap;overflow-wrap:anywhere'>"
            + render_html(r["completion"], rec) + "</div>")


def measured_points(ctx: AppContext) -> list[dict]:
    """The shipped sweep's base and long-CoT runs (seed 0) as (steps per answer, accuracy, catch rate) points."""
    v = ctx.shipped.valley
    if not v:
        return []
    pts = [{"label": "base", "steps": v["base"].get("steps_per_trace") or 0, "accuracy": v["base"]["accuracy"],
            "catch_rate": None}]
    for r in v["runs"]:
        sm = r.get("summary") or {}
        if r["style"] == "long" and r["seed"] == 0 and sm and r["n"] in (250, 4000, 16000):
            pts.append({"label": f"long N={r['n']:,}", "steps": sm.get("steps_per_trace") or 0,
                        "accuracy": sm["accuracy"], "catch_rate": sm.get("catch_rate")})
    return pts


def build_anatomy_tab(ctx: AppContext) -> Tab:
    options = record_options(ctx, None)
    default = [k for k in options if "SmolLM2" not in k][:3]
    base = options.get("shipped:base")
    # drawn when the app starts (once, for every visitor): the tab is never a page of empty frames
    first = analysis([options[k] for k in default], base) if default else None
    with gr.Tab("Error Anatomy", id="anatomy"):
        gr.Markdown(INTRO)
        with gr.Row():
            runs = gr.CheckboxGroup(as_choices(options), value=default, label="Evaluations", scale=4)
            refresh = gr.Button("Refresh list (add my runs)", scale=1)
        analyze = gr.Button("Analyze", variant="primary")
        metrics = gr.Dataframe(first[0] if first else pd.DataFrame(columns=METRIC_COLUMNS), label="Summary",
                               interactive=False, pinned_columns=1, wrap=True)  # the run's name stays in view
        survival = gr.Plot(first[1] if first else None, label="Survival and hazard", show_label=False)
        with gr.Row():
            first_error = gr.Plot(first[2] if first else None, label="First error", show_label=False)
            by_length = gr.Plot(first[3] if first else None, label="Accuracy by length", show_label=False)
        outcomes = gr.Plot(first[4] if first else None, label="Reflection outcomes and answer categories",
                           show_label=False)
        gr.Markdown("### Drill down: the worst traces of the last evaluation you ticked that is not a base model\n"
                    + legend_html())
        worst = gr.Dropdown(first[5] if first else [], value=None, label="Trace (pick one to read it with its marks)",
                            interactive=True)
        trace = gr.HTML()
        with gr.Accordion("Play with (1-e)^n: move e, n, k and c and see when a longer answer wins", open=False):
            gr.Markdown("If each step fails with chance **e**, all **n** steps are right with chance (1-e)<sup>n</sup>. "
                        "A long answer takes **k** times the steps and its checks catch a share **c** of its own "
                        "errors. The marks are this lab's measured runs (the shipped sweep, seed 0).")
            with gr.Row():
                e_s = gr.Slider(0.0, 0.5, value=0.07, step=0.005, label="e: chance a step fails")
                n_s = gr.Slider(1, 20, value=4, step=1, label="n: steps of the short answer")
                k_s = gr.Slider(1, 10, value=6, step=0.5, label="k: how many times as many steps the long answer "
                                "takes (a ratio of steps, not of tokens)")
                c_s = gr.Slider(0.0, 1.0, value=0.05, step=0.01, label="c: share of errors its checks catch")
            play = gr.Plot(engine.survival_playground(0.07, 4, 6.0, 0.05, measured_points(ctx)))
        first_path = gr.State(first[6] if first else None)  # server-side: never sent to the page

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
        base_ = base_for(options_, keys)
        table, *figs, worst_, drill = analysis(sources_, base_)
        return (table, *figs, gr.update(choices=worst_, value=None), drill, "")

    def on_pick(i, path):
        return drill_html(i, path)

    def on_play(e, n, k, c):
        e, n, k, c = (engine.check_number(v, name, lo, hi) for v, name, lo, hi in
                      ((e, "e", 0, 0.5), (n, "n", 1, 20), (k, "k", 1, 10), (c, "c", 0, 1)))
        return engine.survival_playground(e, int(n), k, c, measured_points(ctx))
    # .change, not .release: a number typed into a slider's box never "releases" (the plot did not redraw);
    # always_last: a drag sends many changes, only the newest is drawn
    for sl in (e_s, n_s, k_s, c_s):
        sl.change(on_play, [e_s, n_s, k_s, c_s], play, api_name="playground" if sl is e_s else False,
                  trigger_mode="always_last", show_progress="hidden")

    refresh.click(on_refresh, [runs, ctx.browser], runs, api_name="refresh_evals")
    analyze.click(on_analyze, [runs, ctx.browser], [metrics, survival, first_error, by_length, outcomes, worst, first_path, trace],
                  api_name="analyze")
    worst.change(on_pick, [worst, first_path], trace, api_name="show_trace")
    return Tab(on_load=(on_refresh, [runs, ctx.browser], [runs]))  # add this browser's evaluated runs
