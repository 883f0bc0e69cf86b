"""Tab 1, Valley Lab: fine-tune live, watch the loss, see where the run lands on the valley curve."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from app.context import AppContext, owner_of
from app.tab import Tab
from app.widgets import own_runs, precision_note, progress_bar, run_view
from training.lab import engine, facts
from training.lab.engine import State
from training.lab.figures import valley_figure

INTRO = """
### Fine-tune a small model on long chain-of-thought, and watch what happens
**First:** choose N, how many **long chain-of-thought examples** the model learns from (or press **Assign me an
N** to fill the class's least-covered rung), then press **Start** and follow the loss. When training ends,
the app tests the model on arithmetic problems it has never seen and adds your run to the valley plot below,
next to the precomputed sweep and your class's runs. Change one thing at a time.
"""
CLASS_LADDER = [125, 250, 500, 1000, 2000, 4000]  # the rungs a class fills in together (long CoT)

MODEL_CHOICES = [("tiny: the embedded 2.7M-parameter model (runs here, offline)", "tiny")] + [
    (f"{m} (needs its weights)", m) for m in engine.list_models()[1:]]
DATA_CHOICES = [("Built-in arithmetic world", "world"), ("OpenR1-Math-220k (needs the Hugging Face Hub)", "openr1"),
                ("Upload a chat-messages JSONL", "upload")]




def make_config(ctx: AppContext, model, data, upload, n, style, method, rank, alpha, epochs, lr, seed):
    """UI values -> the run's config (engine.sft_config), or gr.Error with a message a student can act on."""
    path = None
    if data == "upload" and upload:
        path = upload if isinstance(upload, str) else getattr(upload, "name", str(upload))
    try:
        return engine.sft_config(model=model, data=data, upload=path, n=n, style=style, method=method, lora_r=rank,
                                 lora_alpha=alpha, epochs=epochs, lr=lr, seed=seed, eval_n=ctx.eval_n, eval_max_new_tokens=ctx.eval_max_new_tokens,
                                 allow_local_models=ctx.allow_local_models, forbidden=ctx.runs.root,
                                 max_upload_mb=ctx.max_upload_mb)
    except ValueError as e:
        prefix = "that file can't be used: " if data == "upload" and path else ""
        raise gr.Error(prefix + str(e)) from None


def schedule_text(n, style, epochs, lr) -> str:
    try:
        s = engine.schedule(engine.SFTConfig(n=int(n), style=style, epochs=float(epochs or 0), lr=float(lr or 0)))
    except (ValueError, TypeError):
        return ""
    return (f"Schedule for N={int(n)} (the paper's {int(n) * 32:,} scaled by 1/32): **{s['epochs']:g} epochs**, "
            f"batch {s['batch_size']}, about **{s['steps']:.0f} optimizer steps**, cosine learning rate with 5% warmup.")


def _running(st) -> tuple[str, float, str]:
    last = st.progress[-1] if st.progress else None
    if last is None:
        return "Training...", 0.0, "training"
    return (f"Training: step {last['step']} of {last['total_steps']}, loss {last['loss']:.3f}, "
            f"{last['tokens_per_s']:.0f} tokens/s, about {last['eta_s']:.0f} s left.", st.fraction,
            f"step {last['step']}/{last['total_steps']}, ETA {last['eta_s']:.0f} s")


def _completed(st) -> str:
    ev = st.evaluation
    if st.reused_from:
        return (f"**Done (reused).** Someone in this app already ran exactly this configuration (run "
                f"{st.reused_from}), so its results are yours at once: accuracy **{ev.get('accuracy', 0):.1%}** "
                f"(± {ev.get('accuracy_se', 0):.1%}), mean response **{ev.get('mean_tokens', 0):.0f} tokens**. "
                f"Change the seed to train your own.")
    return (f"**Done.** Accuracy **{ev.get('accuracy', 0):.1%}** (± {ev.get('accuracy_se', 0):.1%}), mean response "
            f"**{ev.get('mean_tokens', 0):.0f} tokens**, reflective responses {ev.get('reflection_ratio', 0):.0%}. "
            f"Trained {st.metrics['steps']} steps in {st.metrics['train_seconds']:.0f} s{precision_note(st.metrics)}. "
            f"Your run is the star on the plot.")


def status_view(ctx: AppContext, session: str, run_id: str | None):
    """(status markdown, bar html, loss dataframe, state) for the owner's current run ("" when none)."""
    if not run_id:
        return "No run yet: press **Start**.", progress_bar(0, ""), None, ""
    st = ctx.runs.state(session, run_id)
    loss = pd.DataFrame([{"step": p["step"], "loss": p["loss"]} for p in st.progress]) if st.progress else None
    md, bar = run_view(st, ctx.runs.position(session, run_id), starting="Loading the model and building the data...",
                       running=_running, completed=_completed,
                       stopped="Stopped. The adapter trained so far was saved and marked partial (not evaluated).",
                       evaluating=f"Training done. Now testing the fine-tuned model on {ctx.eval_n} unseen problems...")
    return md, bar, (None if st.state == State.QUEUED else loss), st.state


def runs_table(ctx: AppContext, owner: str) -> pd.DataFrame:
    rows = []
    for rid, st, cfg in own_runs(ctx.runs, owner):
        ev = st.evaluation
        rows.append({"run": rid, "model": cfg.model, "N": cfg.n, "style": cfg.style, "method": cfg.method,
                     "seed": cfg.seed, "status": st.state + (" (reused)" if st.reused_from else ""),
                     "accuracy": round(ev["accuracy"], 3) if "accuracy" in ev else None,
                     "mean tokens": round(ev["mean_tokens"]) if "mean_tokens" in ev else None})
    return pd.DataFrame(rows, columns=RUN_COLUMNS)


RUN_COLUMNS = ["run", "model", "N", "style", "method", "seed", "status", "accuracy", "mean tokens"]


def valley_plot(ctx: AppContext, owner: str | None):
    """The shipped sweep, the class's runs (small marks) and this owner's runs (stars)."""
    if ctx.shipped.valley is None:
        return None
    mine = []
    for _rid, st, cfg in own_runs(ctx.runs, owner):
        ev = st.evaluation
        if st.state == State.COMPLETED and ev:
            mine.append({"n": cfg.n, "accuracy": ev["accuracy"], "mean_tokens": ev["mean_tokens"],
                         "label": f"your run: {cfg.style} N={cfg.n}"})
    model = ctx.shipped.sweep.model
    klass = [p for p in ctx.runs.class_results() if p["model"] == model]
    return valley_figure(ctx.shipped.valley, extra_points=mine, class_points=klass, paper_ref=ctx.shipped.paper_ref)


def assign_text(counts: dict[int, int], n: int) -> str:
    where = ", ".join(f"N={k:,}: {v}" for k, v in counts.items())
    return (f"You got **N = {n:,}**, the class's least-covered rung (long CoT runs so far, finished or under "
            f"way: {where}). Press **Start**.")


def build_valley_tab(ctx: AppContext) -> Tab:
    browser = ctx.browser
    with gr.Tab("Valley Lab", id="valley"):
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=2):
                model = gr.Dropdown(MODEL_CHOICES, value="tiny", allow_custom_value=True,
                                    label="Model (or type a Hugging Face id)")
                data = gr.Radio(DATA_CHOICES, value="world", label="Training data")
                upload = gr.File(label=f"Your JSONL: one {{\"messages\": [...]}} per line, at most "
                                       f"{ctx.max_upload_mb:g} MB", file_types=[".jsonl"], visible=False)
                n = gr.Slider(8, 8000, value=250, step=1, label="N: number of chain-of-thought examples")
                assign = gr.Button("Assign me an N (the class's least-covered rung)", size="sm")
                assigned = gr.Markdown("")
                style = gr.Radio([("long (reflective, R1 style)", "long"), ("short (one step per line)", "short"),
                                  ("mixed (half and half)", "mixed")], value="long", label="Chain-of-thought style")
                schedule = gr.Markdown(schedule_text(250, "long", 0, 6e-3))
                with gr.Accordion("Advanced: LoRA and schedule", open=False):
                    method = gr.Radio([("LoRA adapter", "lora"), ("full fine-tuning", "full")], value="lora",
                                      label="Method")
                    rank = gr.Slider(1, 64, value=16, step=1, label="LoRA rank r")
                    alpha = gr.Slider(1, 128, value=32, step=1, label="LoRA alpha")
                    epochs = gr.Number(value=0, label="Epochs (0 = the paper's for this N)")
                    lr = gr.Number(value=6e-3, label="Learning rate (the engine's default for LoRA on the tiny model)")
                    seed = gr.Number(value=0, precision=0, minimum=0, maximum=engine.MAX_SEED,
                                     label="Seed (0 to 4,294,967,295)")
                with gr.Row():
                    start = gr.Button("Start", variant="primary")
                    stop = gr.Button("Stop", variant="stop")
                    show_cmd = gr.Button("Show command")
                command = gr.Code(label="The same run from a terminal", language="shell", visible=False)
            with gr.Column(scale=3):
                status = gr.Markdown("No run yet: press **Start**.")
                bar = gr.HTML(progress_bar(0, ""))
                loss = gr.LinePlot(None, x="step", y="loss", title="Training loss (lower = fits the examples better)",
                                   height=280)
                with gr.Row():
                    download = gr.Button("Download my run (adapter, records, metrics)", size="sm")
                    download_file = gr.File(label="Your run as a zip", visible=False, interactive=False)
        gr.Markdown("### The valley: accuracy after fine-tuning on N examples\n"
                    "Lines: the precomputed sweep shipped with the app (mean ± sd over seeds). Dashed: the model "
                    "before fine-tuning. Small marks: your class's runs (every run finished in this app whose owner "
                    "shares it). Stars: your runs. Right panel: the paper's stated numbers, marked as such.")
        share = gr.Checkbox(value=True, label="Add my finished runs to the class plot (anonymous: only N, style "
                                              "and accuracy are shown)")
        valley = gr.Plot(valley_plot(ctx, None))
        if ctx.shipped.valley is not None:
            gr.Markdown("**At the top of the ladder (the shipped sweep):** " + facts.valley_verdict(ctx.shipped.valley))
        table = gr.Dataframe(pd.DataFrame(columns=RUN_COLUMNS), label="Your runs (this browser's; they stay "
                             "after a reload)", interactive=False)
        current = gr.State(None)
        shown = gr.State(None)   # the run whose finish the plot and table last showed
        timer = gr.Timer(1.0)
        # Every component must be created inside the Tab: one created after it lands in gr.Tabs itself,
        # and the browser then draws it as an extra tab (the tab strip relabelled itself on every click).

    inputs = [model, data, upload, n, style, method, rank, alpha, epochs, lr, seed]

    data.change(lambda d: gr.update(visible=d == "upload"), data, upload)
    for c in (n, style, epochs, lr):
        c.change(schedule_text, [n, style, epochs, lr], schedule)

    def on_start(model, data, upload, n, style, method, rank, alpha, epochs, lr, seed, share_, browser_id,
                 request: gr.Request):
        # Explicit parameters, not *args: Gradio injects gr.Request only into named parameters.
        cfg = make_config(ctx, model, data, upload, n, style, method, rank, alpha, epochs, lr, seed)
        owner = owner_of(browser_id, request)
        run_id = ctx.runs.submit(owner, cfg, share=bool(share_))
        md, b, _, _ = status_view(ctx, owner, run_id)
        return run_id, md, b, None, runs_table(ctx, owner), gr.update(visible=False)

    def on_stop(run_id, browser_id, request: gr.Request):
        if not run_id:
            raise gr.Error("there is no run to stop")
        return ctx.runs.stop(owner_of(browser_id, request), run_id)

    def on_show(*args):
        return gr.update(value=engine.command_for(make_config(ctx, *args)), visible=True)

    def on_tick(run_id, shown, browser_id, request: gr.Request):
        """The run's status every second; the table when the run changes state (and on the page's first tick),
        the valley plot when it finishes."""
        owner = owner_of(browser_id, request)
        md, b, df, state = status_view(ctx, owner, run_id)
        mark = f"{run_id}:{state}"
        if mark == shown:
            return md, b, df, gr.skip(), gr.skip(), shown
        plot = valley_plot(ctx, owner) if state and State(state).finished else gr.skip()
        return md, b, df, plot, runs_table(ctx, owner), mark

    def on_assign():
        counts = ctx.runs.coverage(CLASS_LADDER)
        n_ = min(CLASS_LADDER, key=lambda k: (counts[k], k))
        return n_, assign_text(counts, n_)

    def on_share(share_, browser_id, request: gr.Request):
        owner = owner_of(browser_id, request)
        ctx.runs.set_share(owner, bool(share_))
        return valley_plot(ctx, owner)

    def on_download(run_id, browser_id, request: gr.Request):
        if not run_id:
            raise gr.Error("start a run first: there is nothing to download yet")
        try:
            path = ctx.runs.download(owner_of(browser_id, request), run_id)
        except ValueError as e:
            raise gr.Error(str(e)) from None
        return gr.update(value=str(path), visible=True)

    def latest(owner: str):
        """After a reload (or in a second tab): the run to follow, this browser's latest."""
        mine = ctx.runs.runs_of(owner)
        return mine[-1] if mine else None

    def on_load(browser_id, request: gr.Request):
        return valley_plot(ctx, owner_of(browser_id, request))  # with this browser's own runs as stars

    start.click(on_start, inputs + [share, browser], [current, status, bar, loss, table, download_file],
                api_name="start_run")
    stop.click(on_stop, [current, browser], status, api_name="stop_run")
    show_cmd.click(on_show, inputs, command, api_name="show_command")
    assign.click(on_assign, None, [n, assigned], api_name="assign_n")  # n.change redraws the schedule
    share.change(on_share, [share, browser], valley, api_name="share_runs")
    download.click(on_download, [current, browser], download_file, api_name="download_run")
    timer.tick(on_tick, [current, shown, browser], [status, bar, loss, valley, table, shown], api_name="poll_run",
               show_progress="hidden")
    # when the page loads: `restore` at once (the run to follow; the first tick then lists the runs), `on_load`
    # after it (slower: the plot). Neither writes what a button writes too, so a quick first click is never undone.
    return Tab(restore=(latest, current), on_load=(on_load, [browser], [valley]))
