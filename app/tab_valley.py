"""Tab 1, Valley Lab: fine-tune live, watch the loss, see where the run lands on the valley curve."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr
import pandas as pd

from app.context import AppContext, session_of
from app.widgets import precision_note, progress_bar, run_view
from training import engine
from training.figures import valley_figure

INTRO = """
### Fine-tune a small model on long chain-of-thought, and watch what happens
Pick how many **long chain-of-thought examples** (N) the model learns from, press **Start**, and follow the
loss. When training ends, the app tests the model on arithmetic problems it has never seen and adds a
point to the valley plot below. Few examples usually make the model *worse*; many can bring it back.
Change one thing at a time.
"""

MODEL_CHOICES = [("tiny: the embedded 2.7M-parameter model (runs here, offline)", "tiny")] + [
    (f"{m} (needs its weights)", m) for m in engine.list_models()[1:]]
DATA_CHOICES = [("Built-in arithmetic world", "world"), ("OpenR1-Math-220k (needs the Hugging Face Hub)", "openr1"),
                ("Upload a chat-messages JSONL", "upload")]


@dataclass
class ValleyTab:
    model: gr.Dropdown
    data: gr.Radio
    upload: gr.File
    n: gr.Slider
    style: gr.Radio
    method: gr.Radio
    rank: gr.Slider
    alpha: gr.Slider
    epochs: gr.Number
    lr: gr.Number
    seed: gr.Number
    start: gr.Button
    stop: gr.Button
    show_cmd: gr.Button
    command: gr.Code
    status: gr.Markdown
    bar: gr.HTML
    loss: gr.LinePlot
    valley: gr.Plot
    table: gr.Dataframe
    current: gr.State


def make_config(model, data, upload, n, style, method, rank, alpha, epochs, lr, seed, eval_n: int = 200,
                eval_max_new_tokens: int = 512):
    """UI values -> the run's config (engine.sft_config), or gr.Error with a message a student can act on."""
    path = None
    if data == "upload" and upload:
        path = upload if isinstance(upload, str) else getattr(upload, "name", str(upload))
    try:
        return engine.sft_config(model, data, path, n, style, method, rank, alpha, epochs, lr, seed,
                                 eval_n=eval_n, eval_max_new_tokens=eval_max_new_tokens)
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
    ev = st.metrics.get("eval") or {}
    return (f"**Done.** Accuracy **{ev.get('accuracy', 0):.1%}** (± {ev.get('accuracy_se', 0):.1%}), mean response "
            f"**{ev.get('mean_tokens', 0):.0f} tokens**, reflective responses {ev.get('reflection_ratio', 0):.0%}. "
            f"Trained {st.metrics['steps']} steps in {st.metrics['train_seconds']:.0f} s{precision_note(st.metrics)}. "
            f"Your run is the star on the plot.")


def status_view(ctx: AppContext, session: str, run_id: str | None):
    """(status markdown, bar html, loss dataframe, done?) for the session's current run."""
    if not run_id:
        return "No run yet: press **Start**.", progress_bar(0, ""), None, False
    st = ctx.runs.state(session, run_id)
    loss = pd.DataFrame([{"step": p["step"], "loss": p["loss"]} for p in st.progress]) if st.progress else None
    md, bar = run_view(st, ctx.runs.position(session, run_id), starting="Loading the model and building the data...",
                       running=_running, completed=_completed,
                       stopped="Stopped. The adapter trained so far was saved and marked partial (not evaluated).",
                       evaluating=f"Training done. Now testing the fine-tuned model on {ctx.eval_n} unseen problems...")
    return md, bar, (None if st.state == "queued" else loss), st.done


def runs_table(ctx: AppContext, session: str) -> pd.DataFrame:
    rows = []
    for rid in ctx.runs.runs_of(session):
        cfg = ctx.runs.config(session, rid)
        st = ctx.runs.state(session, rid)
        ev = (st.metrics or {}).get("eval") or {}
        rows.append({"run": rid, "model": cfg.model, "N": cfg.n, "style": cfg.style, "status": st.state,
                     "accuracy": round(ev["accuracy"], 3) if "accuracy" in ev else None,
                     "mean tokens": round(ev["mean_tokens"]) if "mean_tokens" in ev else None})
    return pd.DataFrame(rows, columns=["run", "model", "N", "style", "status", "accuracy", "mean tokens"])


def valley_plot(ctx: AppContext, session: str):
    points = []
    for rid in ctx.runs.runs_of(session):
        st = ctx.runs.state(session, rid)
        ev = (st.metrics or {}).get("eval")
        if st.state == "completed" and ev:
            cfg = ctx.runs.config(session, rid)
            points.append({"n": cfg.n, "accuracy": ev["accuracy"], "mean_tokens": ev["mean_tokens"],
                           "label": f"your run: {cfg.style} N={cfg.n}"})
    if ctx.shipped.valley is None:
        return None
    return valley_figure(ctx.shipped.valley, extra_points=points, paper_ref=ctx.shipped.paper_ref)


def build_valley_tab(ctx: AppContext) -> ValleyTab:
    with gr.Tab("Valley Lab", id="valley"):
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=2):
                model = gr.Dropdown(MODEL_CHOICES, value="tiny", allow_custom_value=True,
                                    label="Model (or type a Hugging Face id / a local folder)")
                data = gr.Radio(DATA_CHOICES, value="world", label="Training data")
                upload = gr.File(label="Your JSONL: one {\"messages\": [...]} per line", file_types=[".jsonl"],
                                 visible=False)
                n = gr.Slider(8, 8000, value=250, step=1, label="N: number of chain-of-thought examples")
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
                    seed = gr.Number(value=0, precision=0, label="Seed")
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
        gr.Markdown("### The valley: accuracy after fine-tuning on N examples\n"
                    "Lines: the precomputed sweep shipped with the app (mean ± sd over seeds). Dashed: the model "
                    "before fine-tuning. Stars: your runs. Right panel: the paper's stated numbers, marked as such.")
        valley = gr.Plot(valley_plot(ctx, "none"))
        table = gr.Dataframe(label="Your runs", interactive=False)
        current = gr.State(None)
        timer = gr.Timer(1.0)

    tab = ValleyTab(model, data, upload, n, style, method, rank, alpha, epochs, lr, seed, start, stop, show_cmd,
                    command, status, bar, loss, valley, table, current)
    inputs = [model, data, upload, n, style, method, rank, alpha, epochs, lr, seed]

    data.change(lambda d: gr.update(visible=d == "upload"), data, upload)
    for c in (n, style, epochs, lr):
        c.change(schedule_text, [n, style, epochs, lr], schedule)

    def on_start(model, data, upload, n, style, method, rank, alpha, epochs, lr, seed, _current,
                 request: gr.Request):
        # Explicit parameters, not *args: Gradio injects gr.Request only into named parameters.
        cfg = make_config(model, data, upload, n, style, method, rank, alpha, epochs, lr, seed,
                          eval_n=ctx.eval_n, eval_max_new_tokens=ctx.eval_max_new_tokens)
        session = session_of(request)
        run_id = ctx.runs.submit(session, cfg)
        md, b, _, _ = status_view(ctx, session, run_id)
        return run_id, md, b, None, runs_table(ctx, session)

    def on_stop(run_id, request: gr.Request):
        if not run_id:
            raise gr.Error("there is no run to stop")
        ctx.runs.stop(session_of(request), run_id)
        return "Stopping: saving what was trained so far..."

    def on_show(*args):
        cfg = make_config(*args, eval_n=ctx.eval_n, eval_max_new_tokens=ctx.eval_max_new_tokens)
        return gr.update(value=engine.command_for(cfg), visible=True)

    def on_tick(run_id, shown, request: gr.Request):
        session = session_of(request)
        md, b, df, done = status_view(ctx, session, run_id)
        if done and shown != run_id:  # the run just finished: redraw the valley and the table once
            return md, b, df, valley_plot(ctx, session), runs_table(ctx, session), run_id
        return md, b, df, gr.skip(), gr.skip(), shown

    shown = gr.State(None)
    start.click(on_start, inputs + [current], [current, status, bar, loss, table], api_name="start_run")
    stop.click(on_stop, current, status, api_name="stop_run")
    show_cmd.click(on_show, inputs, command, api_name="show_command")
    timer.tick(on_tick, [current, shown], [status, bar, loss, valley, table, shown], api_name="poll_run",
               show_progress="hidden")
    return tab
