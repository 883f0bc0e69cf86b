"""Tab 4, Through RL: GRPO from different SFT starts, live, next to the precomputed three-start sweep (underpowered)
and, once it has run, the powered sweep paired on 1,000 test problems."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from app.context import AppContext, owner_of
from app.registry import Busy, RemovedRun
from app.tab import Tab
from app.widgets import IDLE_POLL_S, as_choices, duration, own_runs, precision_note, progress_bar, run_view, stop_run
from training.lab import engine
from training.lab.engine import State

INTRO = """
### After the valley: reinforcement learning (GRPO) from different starting points
The paper's third finding: RL that starts from a model fine-tuned on **a little** long-CoT data (8k examples)
stays *below* RL from the original model, while a start fine-tuned on **a lot** (128k) climbs faster and
higher, and RL makes the long-CoT starts' responses shorter. Here GRPO samples several answers to each problem, rewards the right
ones (1) over the wrong ones (0), and nudges the model toward its better answers. **First:** look at the
precomputed plot below; then pick a start (the base model, a shipped adapter or one of your fine-tunes) and
press **Start RL**.
"""




def start_options(ctx: AppContext, owner: str | None) -> dict[str, tuple[str, str, str]]:
    """{key: (label, adapter folder or "" for the base, model)}. The keys ("base", "shipped:<folder>", "run:<id>")
    are what the page sees: never a server path. A start of the real SLM trains on its own world."""
    out = {"base": ("the base model (no SFT)", "", "tiny")}
    out |= {f"shipped:{path.name}": (f"{label} (shipped)", str(path), "tiny")
            for label, path in ctx.shipped.adapters.items()}
    for rid, st, cfg in own_runs(ctx.runs, owner):
        kind, folder = st.weights or ("", None)
        if st.state == State.COMPLETED and kind == "adapter":
            out[f"run:{rid}"] = (f"your SFT run {rid}: {cfg.model} {cfg.style} N={cfg.n}", str(folder), cfg.model)
    return out


RL_POLL_S = 2.0  # while this student's RL run waits or trains (IDLE_POLL_S otherwise, as the Valley Lab)
CLASS_RUNS_ONLY = ("The teacher keeps RL runs off this class's shared machine (they hold its one training slot "
                   "for minutes): the precomputed plot above shows what they do.")


def machine_factor(ctx: AppContext) -> float:
    """How much longer a run takes on this machine now than on the project's (2 idle cores): a class fine-tune's
    estimate at this machine's measured speeds over the same at the project's figures (1 before any run here)."""
    cfg = engine.SFTConfig(n=250, eval_n=ctx.eval_n)
    here, ref = ctx.runs.estimate(cfg), engine.estimate(cfg, {})
    return here.train_s / ref.train_s if here and ref else 1.0


def rl_time_text(ctx: AppContext, owner: str | None, key: str | None, steps) -> str:
    """About how long an RL run of `steps` GRPO steps from this start takes here, and what that rests on: this
    machine's newest finished RL run from the same kind of start, else (the embedded model) the shipped sweep's runs
    (one core each on the project's machine) scaled by this machine's measured speed."""
    options = start_options(ctx, owner)
    if (key or "base") not in options:
        return ""
    _, adapter, model = options[key or "base"]
    from_adapter = bool(adapter)
    try:
        steps = int(steps)
    except (TypeError, ValueError):
        return ""
    per = ctx.runs.rl_seconds_per_step(from_adapter)
    basis = "this machine's latest RL run from such a start"
    runs = (ctx.shipped.rl.result or {}).get("runs") or []
    shipped = [r["seconds"] for r in runs if (r["start"] != "base") == from_adapter and r.get("seconds")]
    if per is None and shipped and model == "tiny":
        sweep_steps = ctx.shipped.rl.result["config"]["grpo"]["steps"]
        factor = machine_factor(ctx)
        per = sum(shipped) / len(shipped) / sweep_steps * factor
        basis = f"the shipped sweep's runs from such a start, at this machine's measured speed ({factor:.2g}x)"
    if per is None:
        return "No time estimate for RL from this start yet: nothing like it has finished on this machine."
    return (f"An RL run of {steps} steps from this start takes about **{duration(per * steps)}** here ({basis}); "
            f"it holds the class's training slot meanwhile.")


def shipped_figure(ctx: AppContext):
    return engine.rl_figure(ctx.shipped.rl.result) if ctx.shipped.rl.result else None


POWERED_NOT_RUN = ("*The powered RL sweep (each start paired against its own step 0 on 1,000 test problems) has not "
                   "run yet.*")


def powered_view(ctx: AppContext) -> tuple[object | None, pd.DataFrame | None, str]:
    """The powered RL sweep beside the older one: its figure (each start's change against its step 0, with the band
    of changes too small to detect), its table and one verdict per start; (None, None, one line) before it has run."""
    rl = ctx.shipped.rl_powered.result if ctx.shipped.rl_powered else None
    if not rl:
        return None, None, POWERED_NOT_RUN
    if not rl.get("paired"):
        return None, None, "*The powered RL sweep kept no per-problem records: it has no paired change to show.*"
    if not engine.rl_powered_rows(rl):
        return None, None, ("*The powered RL sweep was exported before every step was paired: its command, run "
                            "again, re-exports it from its finished runs.*")
    verdicts = "\n".join(f"- {v}" for v in engine.rl_start_verdicts(rl))
    return engine.rl_paired_figure(rl), pd.DataFrame(engine.rl_powered_rows(rl)), verdicts


def _running(st) -> tuple[str, float, str]:
    rows = [p for p in st.progress if "reward" in p]
    if not rows:
        return "Measuring the starting accuracy...", 0.0, "evaluating the start"
    last = rows[-1]
    return (f"GRPO step {last['step']}/{last['total_steps']}: reward {last['reward']:.2f}, "
            f"{last['mean_tokens']:.0f} tokens per answer, about {last['eta_s']:.0f} s left.",
            last["step"] / last["total_steps"], f"step {last['step']}/{last['total_steps']}")


def _completed(st) -> str:
    c = st.metrics["curve"]
    return (f"**Done.** Held-out accuracy {c[0]['accuracy']:.1%} at the start, **{c[-1]['accuracy']:.1%}** after "
            f"{st.metrics['steps']} GRPO steps{precision_note(st.metrics)}; mean length {c[0]['mean_tokens']:.0f} -> {c[-1]['mean_tokens']:.0f} tokens.")


def rl_status(ctx: AppContext, owner: str, run_id: str | None):
    if not run_id:
        return "No RL run yet.", progress_bar(0, ""), None
    try:
        st = ctx.runs.state(owner, run_id)
    except RemovedRun as e:
        return f"**{e}**", progress_bar(0, "removed"), None
    except KeyError:
        return "No RL run yet.", progress_bar(0, ""), None
    df = pd.DataFrame([{"step": p["step"], "value": p["reward"], "series": "reward (training batch)"}
                       for p in st.progress if "reward" in p] +
                      [{"step": p["step"], "value": p["eval"]["accuracy"], "series": "accuracy (held-out)"}
                       for p in st.progress if "eval" in p]) if st.progress else None
    md, bar = run_view(st, ctx.runs.wait(owner, run_id),
                       starting="Loading the model and measuring where it starts...", running=_running,
                       completed=_completed, stopped="Stopped; the weights so far were saved.")
    return md, bar, (None if st.state == State.QUEUED else df)


def build_rl_tab(ctx: AppContext) -> Tab:
    with gr.Tab("Through RL", id="rl"):
        gr.Markdown(INTRO)
        gr.Markdown("#### Precomputed, underpowered: GRPO from three starts on the embedded model "
                    "(mean ± sd over seeds)")
        gr.Plot(shipped_figure(ctx))
        if ctx.shipped.rl.result:
            gr.Markdown("**What the precomputed sweep shows:** " + engine.rl_verdict_short(ctx.shipped.rl.result)
                        + " *(The full reading, for teachers: the About tab.)*\n\n"
                        + engine.rl_underpowered(ctx.shipped.rl.result))
        gr.Markdown("#### Powered: GRPO on two CPU cores, each start against its own step 0, problem by problem")
        figure, table, verdicts = powered_view(ctx)
        if figure is not None:
            gr.Plot(figure)
            gr.Dataframe(table, interactive=False, wrap=True)
        gr.Markdown(verdicts)
        gr.Markdown("#### Run it yourself")
        with gr.Row():
            start_from = gr.Dropdown(as_choices(start_options(ctx, None)), value="base", label="Start from", scale=3)
            refresh = gr.Button("Refresh (add my SFT runs)", scale=1)
            steps = gr.Slider(2, 60, value=20, step=1, label="GRPO steps")
            seed = gr.Number(value=0, precision=0, minimum=0, maximum=engine.MAX_SEED, label="Seed")
        timing = gr.Markdown(rl_time_text(ctx, None, "base", 20))
        with gr.Row():
            start = gr.Button("Start RL", variant="primary")
            stop = gr.Button("Stop", variant="stop")
        status = gr.Markdown("No RL run yet.")
        bar = gr.HTML(progress_bar(0, ""))
        reward = gr.LinePlot(None, x="step", y="value", color="series", title="Reward and held-out accuracy",
                             height=280)
        current = gr.State(None)
        timer = gr.Timer(RL_POLL_S)  # on_tick slows it to IDLE_POLL_S while this student has no RL run going

    def on_refresh(value, browser_id, request: gr.Request):
        choices = as_choices(start_options(ctx, owner_of(browser_id, request)))
        return gr.update(choices=choices, value=value if value in {c[1] for c in choices} else "base")

    def on_start(key, n_steps, seed_, browser_id, request: gr.Request):
        owner = owner_of(browser_id, request)
        if ctx.class_runs_only:
            raise gr.Error(CLASS_RUNS_ONLY)
        options = start_options(ctx, owner)
        if (key or "base") not in options:
            raise gr.Error("that starting point is not one of yours or the shipped ones; press Refresh")
        try:
            _, adapter, model = options[key or "base"]
            cfg = engine.grpo_config(init_adapter=adapter, steps=n_steps, seed=seed_, model=model)
        except ValueError as e:
            raise gr.Error(str(e)) from None
        try:  # one RL run at a time per student: a second click queued a second run the page could not stop
            run_id = ctx.runs.submit(owner, cfg, module=engine.GRPO, exclusive=True)
        except Busy as e:
            raise gr.Error(str(e)) from None
        return (run_id, f"Queued. The equivalent command:\n\n`{engine.command_for(cfg, engine.GRPO)}`",
                gr.update(interactive=False), gr.Timer(RL_POLL_S))

    def on_stop(run_id, browser_id, request: gr.Request):  # gr.Request reaches only a named parameter
        return stop_run(ctx, run_id, browser_id, request, "RL run")

    def on_tick(run_id, browser_id, request: gr.Request):
        """The run's status; Start RL only while no RL run of this student waits or trains."""
        owner = owner_of(browser_id, request)
        md, b, df = rl_status(ctx, owner, run_id)
        busy = ctx.runs.busy(owner, engine.GRPO)
        return md, b, df, gr.update(interactive=not busy), gr.Timer(RL_POLL_S if busy else IDLE_POLL_S)

    def on_timing(key, n_steps, browser_id, request: gr.Request):
        return CLASS_RUNS_ONLY if ctx.class_runs_only else \
            rl_time_text(ctx, owner_of(browser_id, request), key, n_steps)

    for c in (start_from, steps):
        c.change(on_timing, [start_from, steps, ctx.browser], timing, show_progress="hidden")
    refresh.click(on_refresh, [start_from, ctx.browser], start_from, api_name="refresh_rl_starts")
    start.click(on_start, [start_from, steps, seed, ctx.browser], [current, status, start, timer], api_name="start_rl")
    stop.click(on_stop, [current, ctx.browser], status, api_name="stop_rl")
    timer.tick(on_tick, [current, ctx.browser], [status, bar, reward, start, timer], api_name="poll_rl",
               show_progress="hidden")

    def on_load(value, browser_id, request: gr.Request):
        return on_refresh(value, browser_id, request)

    def latest(owner: str):
        return ctx.runs.latest(owner, engine.GRPO)

    return Tab(restore=((latest, current),), on_load=(on_load, [start_from, ctx.browser], [start_from]))
