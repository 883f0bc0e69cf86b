"""Tab 2, Side by Side: the same problem, the same sampling, the base model and fine-tuned adapters,
streamed together, every arithmetic claim marked by the step checker."""

from __future__ import annotations

import html
import json
from pathlib import Path

import gradio as gr
import spaces

from app.context import AppContext, owner_of
from app.tab import Tab
from app.widgets import as_choices, own_runs
from training.lab import engine
from training.task import (
    WORKED_EXAMPLE,
    check,
    coverage_note,
    legend_html,
    parse_expression,
    problems,
    reflection_count,
    render_html,
)

REAL_SLM = engine.REAL_SLMS[0]  # the real SLM whose sweep ships (assets/valley/smollm2)
INTRO = """
### Same problem, same sampling: before and after fine-tuning
**First:** keep the problem it opens on (the base model gets it right; the model fine-tuned on 250 long-CoT
examples does not), or pick or type another; tick two models (the base and a fine-tuned one are ticked for you) and press **Generate side by side**. Every `a op b = c` the model writes is checked:
""" + legend_html() + """. Click **thinking** to fold a long trace. Each pane says which weights wrote it and
which prompt it answered: the world's (as the fine-tuned models were trained) or the world's with a format line
that says where the answer goes (a base model never fine-tuned on the world is measured fairly only when told).
"""
PROMPT_CHOICES = [("the world's prompt (as in training)", "world"),
                  ("the world's prompt + 'Put your final answer within \\boxed{}.'", "boxed")]




def opening_problem(ctx: AppContext) -> str | None:
    """The problem Side by Side opens on: the first classroom test problem where, in the shipped records, the base
    model is right and the long-CoT N=250 adapter goes wrong with a first error the checker marks (and finishes
    within the token limit), so a first look shows the valley on one problem. None when the records are missing."""
    base, tuned = ctx.shipped.records.get("shipped: base"), ctx.shipped.records.get("shipped: long-n250-s0")
    if not (base and tuned):
        return None
    b = [json.loads(line) for line in base.read_text().splitlines() if line.strip()]
    t = [json.loads(line) for line in tuned.read_text().splitlines() if line.strip()]
    for rb, rt in zip(b, t):
        if (rb["correct"] and not rt["correct"] and rt["finish"] == "stop"
                and rt["check"].get("first_step_error") is not None):
            return rb["expr"]
    return None


def problem_choices(opening: str | None = None) -> list[tuple[str, str]]:
    out = []
    if opening:
        out.append((f"classroom: {opening} (the base gets it right, the N=250 long-CoT model does not)", opening))
    out += [(f"classroom #{p.index}: {p.expr}", p.expr) for p in problems("classroom", "test", 12) if p.expr != opening]
    out += [(f"single (the real SLMs' world) #{p.index}: {p.expr}", p.expr) for p in problems("single", "test", 6)]
    out += [(f"harder than the world the tiny model learned: the paper's worked example, {WORKED_EXAMPLE}",
             WORKED_EXAMPLE)]
    out += [(f"harder than the world the tiny model learned: paper benchmark #{p.index}: {p.expr}", p.expr)
            for p in problems("paper", "test", 4)]
    return out


def model_options(ctx: AppContext, owner: str | None) -> dict[str, tuple[str, str, str]]:
    """{key: (label, model source, adapter folder)} for the base model, the shipped adapters and the owner's runs:
    a LoRA run as its base + adapter, a fully fine-tuned run as its own model folder. The keys ("base",
    "shipped:long-n250", "run:<id>") are what the page sees: never a server path."""
    options = {"base": ("base: the embedded tiny model", "tiny", "")}
    for label, path in ctx.shipped.adapters.items():
        options[f"shipped:{path.name}"] = (label, "tiny", str(path))
    for slm in engine.REAL_SLMS:  # each real SLM's base (its first use fetches and converts it: a minute or more)
        options[f"base:{slm}"] = (f"base: {slm} ({engine.model_family(slm)}; its first use fetches and converts it, "
                                  f"a minute or more)", slm, "")
    for name, path in ctx.shipped.slm_adapters.items():
        options[f"shipped-slm:{name}"] = (f"shipped: {REAL_SLM} {name}", REAL_SLM, str(path))
    for rid, st, cfg in own_runs(ctx.runs, owner):
        if st.state not in (engine.State.COMPLETED, engine.State.STOPPED) or st.weights is None:
            continue
        tag = " (partial)" if st.state == engine.State.STOPPED else ""
        model = "" if cfg.model == "tiny" else f"{cfg.model} "
        label = f"your run {rid}: {model}{cfg.style} N={cfg.n}, {cfg.method}{tag}"
        kind, folder = st.weights
        # a LoRA run loads as its base + the adapter; a fully fine-tuned run is a model folder of its own
        options[f"run:{rid}"] = (label, cfg.model, str(folder)) if kind == "adapter" else (label, str(folder), "")
    return options


def weights_line(source: str, adapter: str, own_model: bool = False, prompt: str = "world") -> str:
    """Which weights a pane runs and which prompt it answers, in words: the base model alone, or the base plus a
    LoRA adapter (a peer product shipped a compare whose base pane silently ran the adapter; here every pane says
    what it runs), and a real model's licence. Never a server path."""
    asked = engine.prompt_note(prompt)
    if own_model:
        return f"runs your fully fine-tuned model (every weight trained; no adapter); {asked}"
    info = engine.describe(source)
    what = info["name"] + (f" ({info['weights']})" if info.get("weights") and info["name"] != "tiny" else "")
    licence = f" Licence: {info['license']}." if info.get("license") else ""
    if adapter:
        return f"runs {what} + the LoRA adapter {Path(adapter).name}; {asked}.{licence}"
    return f"runs {what}: base weights only, no adapter; {asked}.{licence}"


def panel(title: str, text: str, problem, done: bool, runs: str = "") -> str:
    rec = check(text, problem=problem)
    n_tok = len(text.split())
    foot = ""
    if done:
        verdict = ("<b style='color:#15803d'>right</b>" if rec.answer_correct else
                   "<b style='color:#dc2626'>wrong</b>" if rec.answer is not None else "<b>no answer</b>")
        foot = (f"<div style='margin-top:6px;font-size:13px'>final answer {html.escape(str(rec.answer_text))} "
                f"({verdict}; gold {problem.answer}) &middot; {len(rec.claims)} claims, {len(rec.wrong_claims)} wrong "
                f"&middot; {coverage_note(rec)} &middot; {reflection_count(text)} reflection keywords &middot; "
                f"~{n_tok} words</div>")
    return (f"<div class='pane' style='flex:1;min-width:280px;max-width:100%;border:1px solid #e5e7eb;"
            f"border-radius:8px;padding:8px;overflow-wrap:anywhere;white-space:normal'>"
            f"<div style='font-weight:700;margin-bottom:2px'>{html.escape(title)}{'' if done else ' ...'}</div>"
            f"<div style='font-size:12px;color:#374151;margin-bottom:4px'>{html.escape(runs)}</div>"
            f"<div style='white-space:pre-wrap;overflow-wrap:anywhere'>{render_html(text, rec)}</div>{foot}</div>")


def sampling_settings(temperature, top_p, max_new_tokens, seed) -> dict:
    """The sampling fields as engine.stream takes them, each checked (the API takes any number: NaN, infinity or
    a billion tokens must never reach the model). ValueError says which field and what it takes."""
    return {"temperature": engine.check_number(temperature, "the temperature", 0, 2),
            "top_p": engine.check_number(top_p, "top-p", 0.01, 1),
            "max_new_tokens": int(engine.check_number(max_new_tokens, "max new tokens", 1, 4096, whole=True)),
            "seed": engine.check_seed(seed or 0)}


def build_compare_tab(ctx: AppContext) -> Tab:
    with gr.Tab("Side by Side", id="compare"):
        gr.Markdown(INTRO)
        with gr.Row():
            opening = opening_problem(ctx)
            probs = problem_choices(opening)
            problem = gr.Dropdown(probs, value=probs[0][1], label="Problem", scale=3)
            custom = gr.Textbox(label="...or type an expression", placeholder="e.g. 12*3-8/4+5", scale=2)
        with gr.Row():
            choices = as_choices(model_options(ctx, None))
            first = ["base"] + (["shipped:long-n250"] if "shipped:long-n250" in {k for _, k in choices} else [])
            models = gr.CheckboxGroup(choices, value=first, label="Models to compare", scale=4)
            refresh = gr.Button("Refresh list (add my runs)", scale=1)
        with gr.Row():
            temperature = gr.Slider(0, 1.5, value=0.0, step=0.05, label="Temperature (0 = greedy)")
            top_p = gr.Slider(0.05, 1.0, value=0.95, step=0.05, label="top-p")
            max_new = gr.Slider(32, 2048, value=768, step=32, label="Max new tokens")
            seed = gr.Number(value=0, precision=0, minimum=0, maximum=engine.MAX_SEED, label="Seed")
        prompt = gr.Radio(PROMPT_CHOICES, value="world", label="Prompt (every pane answers the same one)")
        go = gr.Button("Generate side by side", variant="primary")
        out = gr.HTML()

    def on_refresh(selected, browser_id, request: gr.Request):
        choices = as_choices(model_options(ctx, owner_of(browser_id, request)))
        keep = [v for v in (selected or []) if v in {c[1] for c in choices}]
        return gr.update(choices=choices, value=keep)

    @spaces.GPU(duration=120)  # ZeroGPU on Spaces; a no-op anywhere else
    def on_generate(prob, typed, chosen, temp, top_p_, max_new_, seed_, prompt_, browser_id, request: gr.Request):
        expr = (typed or "").strip() or (prob or "").strip()
        if not expr:
            raise gr.Error("choose a problem or type an expression")
        try:
            p = parse_expression(expr).asked(prompt_ or "world")
        except ValueError as e:
            raise gr.Error(f"that expression or prompt can't be used: {e}") from None
        if not chosen:
            raise gr.Error("tick at least one model")
        try:
            sampling = sampling_settings(temp, top_p_, max_new_, seed_)
        except ValueError as e:
            raise gr.Error(str(e)) from None
        options = model_options(ctx, owner_of(browser_id, request))
        if any(v not in options for v in chosen):  # only the base, the shipped adapters and this browser's runs
            raise gr.Error("one of the chosen models is not available to you; press Refresh")
        streams = []
        for value in chosen:
            label, source, adapter = options[value]
            try:
                loaded = ctx.models.get(source, adapter)
            except Exception as e:  # noqa: BLE001 - shown to the user, the app keeps serving
                raise gr.Error(f"could not load {label}: {e}") from None
            streams.append([label, engine.stream(loaded, p.prompt, **sampling), "", False,
                            weights_line(source, adapter, value.startswith("run:") and not adapter, prompt_ or "world")])
        # Interleave: one chunk from each model in turn, so they advance together.
        while not all(s[3] for s in streams):
            for s in streams:
                if not s[3]:
                    s[2], s[3] = next(s[1], (s[2], True))
            yield ("<div style='display:flex;gap:10px;flex-wrap:wrap'>"
                   + "".join(panel(t, txt, p, d, runs) for t, _, txt, d, runs in streams) + "</div>")

    refresh.click(on_refresh, [models, ctx.browser], models, api_name="refresh_models")
    go.click(on_generate, [problem, custom, models, temperature, top_p, max_new, seed, prompt, ctx.browser], out,
             api_name="compare", concurrency_id="compute", concurrency_limit=2)
    def on_load(selected, browser_id, request: gr.Request):
        return on_refresh(selected, browser_id, request)

    return Tab(on_load=(on_load, [models, ctx.browser], [models]))
