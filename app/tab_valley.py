"""Tab 1, Valley Lab: fine-tune live, watch the loss, see where the run lands on the valley curve."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr
import pandas as pd

from app.context import AppContext, is_teacher, owner_of
from app.registry import Busy, RemovedRun
from app.tab import Tab
from app.widgets import ACTIVE_POLL_S, IDLE_POLL_S, duration, own_runs, precision_note, progress_bar, run_view, stop_run
from training.lab import engine
from training.lab.engine import State

INTRO = """
### Fine-tune a small model on long chain-of-thought, and watch what happens
**First:** choose N, how many **long chain-of-thought examples** the model learns from (or press **Assign me an
N**: the app hands out the class's least-covered rung that this machine trains in time, with its own seed),
write down your **prediction**, then press **Start** and follow the loss. When training ends, the app tests the
model on problems it has never seen and adds your run to the valley plot below, next to the precomputed sweep and
your class's runs. Change one thing at a time.
"""
CLASS_LADDER = [125, 250, 500, 1000, 2000, 4000]  # the rungs a class fills in together (long CoT)
MODEL_CHOICES = ([("tiny: the embedded 2.7M-parameter model (runs here, offline)", "tiny")]
                 + [(f"{m}: a real small language model, {engine.model_family(m)} (its first use fetches and converts "
                     f"it; trains on 1-operation problems; minutes per run on a CPU)", m) for m in engine.REAL_SLMS]
                 + [(f"{m} (needs its weights from the Hugging Face Hub)", m) for m in engine.list_models()
                    if m != "tiny" and m not in engine.REAL_SLMS])
DATA_CHOICES = [("Built-in arithmetic world", "world"), ("OpenR1-Math-220k (needs the Hugging Face Hub)", "openr1"),
                ("Upload a chat-messages JSONL", "upload")]


def sweep_choices() -> list[tuple[str, str]]:
    """The shipped valley sweeps, each named by its model (and size)."""
    out = []
    for name in engine.sweeps():
        info = engine.sweep(name).model_info
        size = f", {info['parameters'] / 1e6:.1f}M parameters" if info.get("parameters") else ""
        out.append((f"{name}: {info.get('name', 'tiny')}{size}", name))
    return out


def read_prediction(guess) -> float | None:
    """A typed prediction in % as a share (0..1); None when the box was left empty (gr.Error for anything else)."""
    text = str(guess if guess is not None else "").strip().rstrip("%").strip()
    if not text:
        return None
    try:
        return engine.check_number(text, "your prediction", 0, 100, " (a percentage)") / 100
    except ValueError as e:
        raise gr.Error(str(e)) from None


def make_config(ctx: AppContext, model, data, upload, n, style, method, rank, alpha, epochs, lr, seed):
    """UI values -> the run's config (engine.sft_config), or gr.Error with a message a student can act on."""
    path = None
    if data == "upload" and upload:
        path = upload if isinstance(upload, str) else getattr(upload, "name", str(upload))
    try:
        return engine.sft_config(model=model, data=data, upload=path, n=n, style=style, method=method, lora_r=rank,
                                 lora_alpha=alpha, epochs=epochs, lr=lr, seed=seed, eval_n=ctx.eval_n,
                                 eval_max_new_tokens=ctx.eval_max_new_tokens,
                                 allow_local_models=ctx.allow_local_models, forbidden=ctx.runs.root,
                                 max_upload_mb=ctx.max_upload_mb)
    except ValueError as e:
        prefix = "that file can't be used: " if data == "upload" and path else ""
        raise gr.Error(prefix + str(e)) from None


def default_lr(model: str) -> float:
    """The learning rate the form shows for a model: the engine's default for LoRA on it."""
    return engine.schedule(engine.SFTConfig(model=model, n=250), model == "tiny")["lr"]


def schedule_text(ctx: AppContext, model, n, style, epochs, lr) -> str:
    try:
        model = (model or "tiny").strip()
        cfg = engine.SFTConfig(model=model, world=engine.world_for(model), n=int(n), style=style,
                               epochs=float(epochs or 0), lr=float(lr or 0),
                               eval_n=engine.eval_n_for(model, ctx.eval_n))
        s = engine.schedule(cfg, model == "tiny")
    except (ValueError, TypeError):
        return ""
    note = engine.model_note(model)
    return ((f"{note}\n\n" if note else "") + f"Schedule for N={int(n)} ({n_axis(model, int(n))}): "
            f"**{s['epochs']:g} epochs**, batch {s['batch_size']}, about **{s['steps']:.0f} optimizer steps**, cosine "
            f"learning rate with 5% warmup. {time_text(ctx, cfg)}")


def n_axis(model: str, n: int) -> str:
    """Where N sits on the paper's axis: the embedded toy's world N stands for 32 times as many of the paper's
    examples (this lab's convention for a 2.7M model); a real model's N is its own, unscaled."""
    if model != "tiny":
        return "this model's own N: no scaling"
    return (f"the paper's {n * 32:,} by this lab's 1/32 convention for the toy" if n * 32 <= 220_000 else
            f"N x 32 = {n * 32:,}, beyond the paper's largest set, 220k")


def time_text(ctx: AppContext, cfg) -> str:
    """How long a run of `cfg` would take here, what that rests on, and the wait before it would start."""
    if ctx.class_runs_only and cfg.model != "tiny":
        return "The teacher keeps runs of this model off this class's shared machine: train the embedded model."
    est = ctx.runs.estimate(cfg)
    if est is None:
        return "No time estimate for this model yet: this machine has not measured a run of it."
    start_in = ctx.runs.start_in()
    wait = (f" The runs in line now would keep it waiting about **{duration(start_in)}** first." if start_in else
            " Runs are in line now, with no estimate yet: it would wait for them." if start_in is None else "")
    return (f"It takes about **{duration(est.seconds)}** here (training and the test on {cfg.eval_n} problems; from "
            f"{est.basis}).{wait}")


def _running(st) -> tuple[str, float, str]:
    last = st.progress[-1] if st.progress else None
    if last is None:
        return "Training...", 0.0, "training"
    return (f"Training: step {last['step']} of {last['total_steps']}, loss {last['loss']:.3f}, "
            f"{last['tokens_per_s']:.0f} tokens/s, about {duration(last['eta_s'])} left, then the test.", st.fraction,
            f"step {last['step']}/{last['total_steps']}, ETA {duration(last['eta_s'])}")


def base_accuracy(ctx: AppContext, model: str) -> float | None:
    """The base model's accuracy on the same test (from the shipped sweep of that model)."""
    for name in engine.sweeps():
        sw = engine.sweep(name)
        if sw.valley and sw.model == model and sw.valley["table"]:
            return sw.valley["table"][0]["accuracy_mean"]
    return None


def _completed(ctx: AppContext):
    def view(st) -> str:
        ev = st.evaluation
        model = (st.metrics.get("config") or {}).get("model", "tiny")
        b = base_accuracy(ctx, model)
        vs = f" (the model before fine-tuning: **{b:.1%}**)" if b is not None else ""
        if st.reused_from:
            return (f"**Done (reused).** Someone in this app ran exactly this configuration and shares it, so you "
                    f"got your own copy of its results (no second training): accuracy "
                    f"**{ev.get('accuracy', 0):.1%}**{vs}, mean response **{ev.get('mean_tokens', 0):.0f} tokens**. "
                    f"Change the seed to train your own.")
        return (f"**Done.** Accuracy **{ev.get('accuracy', 0):.1%}** (± {ev.get('accuracy_se', 0):.1%}){vs}, mean "
                f"response **{ev.get('mean_tokens', 0):.0f} tokens**, reflective responses "
                f"{ev.get('reflection_ratio', 0):.0%}. Trained {st.metrics['steps']} steps in "
                f"{st.metrics['train_seconds']:.0f} s{precision_note(st.metrics)}. Your run is the star on the plot.")
    return view


def status_view(ctx: AppContext, owner: str, run_id: str | None):
    """(status markdown, bar html, loss dataframe, state, run id to follow) for the owner's current run."""
    if not run_id:
        return "No run yet: press **Start**.", progress_bar(0, ""), None, "", None
    try:
        st = ctx.runs.state(owner, run_id)
    except RemovedRun as e:  # said in the status line (never an error each second); Start follows a new run
        return f"**{e}**", progress_bar(0, "removed"), None, "", None
    except KeyError:
        return "No run yet: press **Start**.", progress_bar(0, ""), None, "", None
    loss = pd.DataFrame([{"step": p["step"], "loss": p["loss"]} for p in st.progress if "loss" in p]) \
        if st.progress else None
    md, bar = run_view(st, ctx.runs.wait(owner, run_id), starting="Loading the model and building the data...",
                       running=_running, completed=_completed(ctx),
                       stopped="Stopped. The adapter trained so far was saved and marked partial (not evaluated).",
                       evaluating=f"Training done. Now testing the fine-tuned model on {ctx.eval_n} unseen problems...")
    if st.reused_from and not st.done:
        md = ("**Joined:** someone in this class started exactly this configuration a moment before you, so your "
              "run follows theirs (one training for both) and gets its own copy of the results when it lands. "
              "Change the seed to train your own.\n\n" + md)
    return md, bar, (None if st.state == State.QUEUED else loss), st.state, run_id


RUN_COLUMNS = ["run", "model", "N", "style", "method", "seed", "prediction", "status", "accuracy", "mean tokens"]


def runs_table(ctx: AppContext, owner: str) -> pd.DataFrame:
    rows = []
    for rid, st, cfg in own_runs(ctx.runs, owner):
        ev = st.evaluation
        pred = ctx.runs.job(owner, rid).prediction
        rows.append({"run": rid, "model": cfg.model, "N": cfg.n, "style": cfg.style, "method": cfg.method,
                     "seed": cfg.seed, "prediction": None if pred is None else f"{pred:.0%}",
                     "status": st.state + ((" (reused)" if st.done else " (joined)") if st.reused_from else ""),
                     "accuracy": round(ev["accuracy"], 3) if "accuracy" in ev else None,
                     "mean tokens": round(ev["mean_tokens"]) if "mean_tokens" in ev else None})
    return pd.DataFrame(rows, columns=RUN_COLUMNS)


def valley_plot(ctx: AppContext, owner: str | None, sweep: str = engine.DEFAULT_SWEEP):
    """The chosen shipped sweep, this class's runs of the class recipe (small marks; other settings apart) and
    this owner's runs of the same model (stars, with their predictions)."""
    sw = engine.sweep(sweep)
    if sw.valley is None:
        return None
    mine = []
    for rid, st, cfg in own_runs(ctx.runs, owner):
        ev = st.evaluation
        if st.state == State.COMPLETED and ev and cfg.model == sw.model:
            mine.append({"n": cfg.n, "accuracy": ev["accuracy"], "mean_tokens": ev["mean_tokens"],
                         "label": f"your run: {cfg.style} N={cfg.n}",
                         "prediction": ctx.runs.job(owner, rid).prediction})
    klass = [p for p in ctx.runs.class_results() if p["model"] == sw.model] if sw.name == engine.DEFAULT_SWEEP else []
    return engine.valley_figure(sw.valley, extra_points=mine, class_points=klass, paper_ref=ctx.shipped.paper_ref)


def sweep_verdict(valley: dict) -> str:
    """The students' one sentence on a shipped sweep (the teachers' full reading, with its comparisons against the
    paper's models for classroom-world sweeps only, is on the About tab)."""
    return engine.valley_verdict_short(valley) + " *(The full reading, for teachers: the About tab.)*"


def path_figures() -> list[tuple[str, object]]:
    """(heading, figure) for the path through the valley, from whichever shipped sweeps exist: the size effect
    (every size, each against its own base), data or steps, and the ways out at the same N."""
    out = []
    sizes = engine.sizes()
    if len(sizes) > 1:
        out.append(("The size effect: each model size against its own base",
                    engine.sweeps_figure(sizes, "Long CoT by model size (relative to each base)", relative=True)))
    designs = {}
    for name, label in engine.STEP_DESIGNS.items():
        v = engine.sweep(name).valley
        if v:
            designs[label] = v
    if len(designs) > 1:
        out.append(("Data or steps? The same N, trained three ways",
                    engine.sweeps_figure(designs, "Long CoT: data or steps?")))
    paired = {label: v for name, label in engine.PAIRED_SWEEPS.items() if (v := engine.sweep(name).valley)}
    if paired:
        out.append(("Against the base, problem by problem: does any rung climb back?",
                    engine.paired_figure(paired, "Change against the base on the same 1,000 problems")))
    ways = {label: v for name, label in engine.WAYS_SWEEPS.items() if (v := engine.sweep(name).valley)}
    if ways:
        out.append(("Ways out of the valley at the same N: which go through the long format, which around it",
                    engine.arms_figure(ways)))
    return out


def assign(ctx: AppContext, owner: str) -> tuple[int, int, str]:
    """(N, seed, explanation): the class's least-covered rung among those this machine trains within the class's
    window (measured run times: on 2 CPU cores the big rungs would keep the queue busy past the lesson), and a
    seed no other group at that rung has, held for this owner at once (RunManager.reserve), so groups pressing one
    after another before anyone starts still get distinct runs."""
    speeds = ctx.runs.speeds()
    budget = ctx.class_window_s * max(1, ctx.runs.max_concurrent) / max(1, ctx.class_groups)
    fits = [n for n in CLASS_LADDER
            if getattr(ctx.runs.estimate(engine.SFTConfig(n=n, eval_n=ctx.eval_n), speeds), "seconds", 0) <= budget]
    fits = fits or CLASS_LADDER[:1]
    n, seed = ctx.runs.reserve(owner, fits, CLASS_LADDER)
    counts = ctx.runs.coverage(CLASS_LADDER)
    where = ", ".join(f"N={k:,}: {v}" for k, v in counts.items() if k in fits)
    left = [k for k in CLASS_LADDER if k not in fits]
    note = (f" Larger rungs ({', '.join(f'{k:,}' for k in left)}) take too long on this machine for a class; the "
            f"plot shows them from the precomputed sweep." if left else "")
    return n, seed, (f"You got **N = {n:,}, seed {seed}**, the class's least-covered rung, held for you (runs and "
                     f"groups assigned so far: {where}).{note} Write your prediction, then press **Start**.")


@dataclass
class Form:
    """The left column: what a run is (its settings), and the buttons that act on it."""

    model: gr.Dropdown
    data: gr.Radio
    upload: gr.File
    n: gr.Slider
    assign: gr.Button
    assigned: gr.Markdown
    style: gr.Radio
    prediction: gr.Slider
    schedule: gr.Markdown
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

    @property
    def settings(self) -> list:
        """The inputs make_config takes, in its order."""
        return [self.model, self.data, self.upload, self.n, self.style, self.method, self.rank, self.alpha,
                self.epochs, self.lr, self.seed]


@dataclass
class RunPanel:
    """The right column: the followed run's status, progress, loss curve and download."""

    status: gr.Markdown
    bar: gr.HTML
    loss: gr.LinePlot
    download: gr.Button
    download_file: gr.File


@dataclass
class ValleyPanel:
    """Below: the valley plot, which sweep it shows, the share choice, the verdict, this browser's runs."""

    sweep: gr.Dropdown
    share: gr.Checkbox
    valley: gr.Plot
    verdict: gr.Markdown
    table: gr.Dataframe


@dataclass
class TeacherPanel:
    class_name: gr.Textbox
    teacher_key: gr.Textbox
    new_class: gr.Button
    class_msg: gr.Markdown


def build_valley_tab(ctx: AppContext) -> Tab:
    with gr.Tab("Valley Lab", id="valley"):
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=2):
                form = form_column(ctx)
            with gr.Column(scale=3):
                run = run_column()
        plot = valley_section(ctx)
        teacher = teacher_section(ctx)
        current = gr.State(None)
        shown = gr.State(None)   # the run whose finish the plot and table last showed
        timer = gr.Timer(ACTIVE_POLL_S)  # on_tick slows it to IDLE_POLL_S while this student has nothing running
        # Every component must be created inside the Tab: one created after it lands in gr.Tabs itself,
        # and the browser then draws it as an extra tab (the tab strip relabelled itself on every click).
    wire_form(ctx, form, plot)
    wire_runs(ctx, form, run, plot, current, shown, timer)
    wire_plot(ctx, plot)
    wire_teacher(ctx, teacher)

    def on_load(sweep_, browser_id, request: gr.Request):
        return valley_plot(ctx, owner_of(browser_id, request), sweep_)  # with this browser's own runs as stars

    # when the page loads: `restore` at once (the run to follow, the share choice; the first tick then lists the
    # runs), `on_load` after it (slower: the plot). Neither writes what a button writes too, so a quick first click
    # is never undone.
    return Tab(restore=((ctx.runs.latest, current), (ctx.runs.sharing, plot.share)),
               on_load=(on_load, [plot.sweep, ctx.browser], [plot.valley]))


def form_column(ctx: AppContext) -> Form:
    tiny_lr = default_lr("tiny")
    model = gr.Dropdown(MODEL_CHOICES, value="tiny", allow_custom_value=True, label="Model (or type a Hugging Face id)")
    data = gr.Radio(DATA_CHOICES, value="world", label="Training data")
    upload = gr.File(label=f"Your JSONL: one {{\"messages\": [...]}} per line, at most {ctx.max_upload_mb:g} MB",
                     file_types=[".jsonl"], visible=False)
    n = gr.Slider(8, 16000, value=250, step=1, label="N: number of chain-of-thought examples")
    assign_btn = gr.Button("Assign me an N (the class's least-covered rung this machine trains in time)", size="sm")
    assigned = gr.Markdown("")
    style = gr.Radio([("long (reflective, R1 style)", "long"), ("short (one step per line)", "short"),
                      ("mixed (half and half)", "mixed")], value="long", label="Chain-of-thought style")
    # empty until the student types one: a slider's 50% (and a number box's 0) was recorded as every untouched
    # group's "prediction"
    prediction = gr.Textbox("", max_length=8, placeholder="e.g. 30", label="Your prediction before you start: the "
                            "fine-tuned model's accuracy, in % (0 to 100; left empty, none is recorded)")
    schedule = gr.Markdown(schedule_text(ctx, "tiny", 250, "long", 0, tiny_lr))
    with gr.Accordion("Advanced: LoRA and schedule", open=False):
        method = gr.Radio([("LoRA adapter", "lora"), ("full fine-tuning", "full")], value="lora", label="Method")
        rank = gr.Slider(1, 64, value=16, step=1, label="LoRA rank r")
        alpha = gr.Slider(1, 128, value=32, step=1, label="LoRA alpha")
        epochs = gr.Number(value=0, label="Epochs (0 = the paper's for this N)")
        lr = gr.Number(value=tiny_lr, label="Learning rate (the engine's default for LoRA on this model)")
        seed = gr.Number(value=0, precision=0, minimum=0, maximum=engine.MAX_SEED, label="Seed (0 to 4,294,967,295)")
    with gr.Row():
        start = gr.Button("Start", variant="primary")
        stop = gr.Button("Stop", variant="stop")
        show_cmd = gr.Button("Show command")
    command = gr.Code(label="The same run from a terminal", language="shell", visible=False)
    return Form(model, data, upload, n, assign_btn, assigned, style, prediction, schedule, method, rank, alpha, epochs,
                lr, seed, start, stop, show_cmd, command)


def run_column() -> RunPanel:
    status = gr.Markdown("No run yet: press **Start**.", elem_id="valley-status")
    bar = gr.HTML(progress_bar(0, ""))
    loss = gr.LinePlot(None, x="step", y="loss", title="Training loss (lower = fits the examples better)", height=280)
    with gr.Row():
        download = gr.Button("Download my run (adapter, records, metrics; the log of a failed run)", size="sm")
        download_file = gr.File(label="Your run as a zip", visible=False, interactive=False)
    return RunPanel(status, bar, loss, download, download_file)


def valley_section(ctx: AppContext) -> ValleyPanel:
    gr.Markdown("### The valley: accuracy after fine-tuning on N examples\n"
                "Lines: a precomputed sweep shipped with the app (mean over seeds ± the standard error of seeds and "
                "test problems together; pick which one in the list below: each sweep that ships with this app). "
                "Dashed: the model before fine-tuning. "
                "Small marks: your class's runs of the class recipe (other settings: grey crosses). Stars: your "
                "runs, with your prediction as a hollow diamond. Right panel: the paper's stated numbers.")
    with gr.Row():
        sweep = gr.Dropdown(sweep_choices(), value=engine.DEFAULT_SWEEP, label="Precomputed sweep shown", scale=3)
        share = gr.Checkbox(value=True, label="Add my finished runs to the class plot (anonymous: only N, style "
                                              "and accuracy are shown)", scale=2)
    valley = gr.Plot(valley_plot(ctx, None), elem_id="valley-plot")
    verdict = gr.Markdown(("**At the top of the ladder (the shipped sweep):** " +
                           sweep_verdict(ctx.shipped.valley)) if ctx.shipped.valley is not None else "")
    figs = path_figures()
    if figs:
        with gr.Accordion("The path through the valley: what the shipped sweeps show (precomputed)",
                          open=False):
            for heading, fig in figs:
                gr.Markdown(f"#### {heading}")
                gr.Plot(fig)
            gr.Markdown(engine.path_summary())
    table = gr.Dataframe(pd.DataFrame(columns=RUN_COLUMNS), label="Your runs (this browser's; they stay "
                         "after a reload or a restart)", interactive=False)
    return ValleyPanel(sweep, share, valley, verdict, table)


def teacher_section(ctx: AppContext) -> TeacherPanel:
    with gr.Accordion(f"For the teacher (class: {ctx.runs.klass['name']})", open=False):
        gr.Markdown("**Start a new class**: the class plot and *Assign me an N* start empty; every student keeps "
                    "their own runs. Needs the teacher key the app was started with (`--teacher-key`).")
        with gr.Row():
            class_name = gr.Textbox(label="New class name", max_length=60, scale=2)
            teacher_key = gr.Textbox(label="Teacher key", type="password", max_length=200, scale=2)
            new_class = gr.Button("Start a new class", scale=1)
        class_msg = gr.Markdown("")
    return TeacherPanel(class_name, teacher_key, new_class, class_msg)


def wire_form(ctx: AppContext, form: Form, plot: ValleyPanel) -> None:
    """The form's own events: the upload box, the schedule line, a model's defaults, Assign me an N, the command."""
    form.data.change(lambda d: gr.update(visible=d == "upload"), form.data, form.upload)

    def on_schedule(model_, n_, style_, epochs_, lr_):
        return schedule_text(ctx, model_, n_, style_, epochs_, lr_)
    shown_by = [form.model, form.n, form.style, form.epochs, form.lr]
    for i, c in enumerate(shown_by):
        c.change(on_schedule, shown_by, form.schedule, api_name="schedule_text" if i == 0 else False)

    def on_model(m):
        """A model's own defaults: its learning rate, its N (a real model's fits about 5 minutes here), and its
        sweep on the plot."""
        if engine.default_n(m) is None:
            return gr.skip(), gr.skip(), gr.skip()
        own = [name for _, name in sweep_choices() if engine.sweep(name).model == m]
        return default_lr(m), engine.default_n(m), (own[0] if own else gr.skip())
    form.model.change(on_model, form.model, [form.lr, form.n, plot.sweep])

    def on_assign(browser_id, request: gr.Request):
        return assign(ctx, owner_of(browser_id, request))
    # n.change redraws the schedule
    form.assign.click(on_assign, ctx.browser, [form.n, form.seed, form.assigned], api_name="assign_n")

    def on_show(*args):
        return gr.update(value=engine.command_for(make_config(ctx, *args)), visible=True)
    form.show_cmd.click(on_show, form.settings, form.command, api_name="show_command")


def wire_runs(ctx: AppContext, form: Form, run: RunPanel, plot: ValleyPanel, current: gr.State, shown: gr.State,
              timer: gr.Timer) -> None:
    """Start, Stop, the once-a-second poll and Download: the run this page follows."""
    browser = ctx.browser

    def on_start(model, data, upload, n, style, method, rank, alpha, epochs, lr, seed, share_, guess, browser_id,
                 request: gr.Request):
        # Explicit parameters, not *args: Gradio injects gr.Request only into named parameters.
        owner = owner_of(browser_id, request)
        cfg = make_config(ctx, model, data, upload, n, style, method, rank, alpha, epochs, lr, seed)
        if ctx.class_runs_only and cfg.model != "tiny":
            raise gr.Error(f"The teacher keeps runs of {cfg.model} off this class's shared machine (on a CPU one holds "
                           f"the training slot for many minutes): train the embedded model, or look at its "
                           f"precomputed sweep on the plot.")
        pred = read_prediction(guess)
        try:  # one run at a time per student (a double click, a second tab), checked where the run is queued
            run_id = ctx.runs.submit(owner, cfg, share=bool(share_), prediction=pred, exclusive=True)
        except Busy as e:
            raise gr.Error(str(e)) from None
        md, b, _, state, _ = status_view(ctx, owner, run_id)
        return (run_id, md, b, None, runs_table(ctx, owner), gr.update(visible=False),
                gr.update(interactive=State(state).finished if state else True), gr.Timer(ACTIVE_POLL_S))

    def on_stop(run_id, browser_id, request: gr.Request):  # gr.Request reaches only a named parameter
        return stop_run(ctx, run_id, browser_id, request)

    def on_tick(run_id, shown_, sweep_, browser_id, request: gr.Request):
        """The run's status every second while this student's run waits or trains, every IDLE_POLL_S otherwise
        (thirty open pages poll the app, most with nothing to show); the table when the run changes state (and on
        the page's first tick); the valley plot when the run finishes or any class run lands (the projector's class
        plot fills in by itself); Start only while no run of this student waits or trains. It never writes the run
        being followed: a tick still in flight when Start is pressed would put the old run back (the page then
        followed the previous run, or none, while the new one trained unseen)."""
        owner = owner_of(browser_id, request)
        md, b, df, state, follow = status_view(ctx, owner, run_id)
        busy = ctx.runs.busy(owner)
        start_ok, pace = gr.update(interactive=not busy), gr.Timer(ACTIVE_POLL_S if busy else IDLE_POLL_S)
        mark, klass = f"{follow}:{state}", f"class:{ctx.runs.class_stamp()}"
        old_mark, _, old_klass = (shown_ or "").partition("|")
        if (mark, klass) == (old_mark, old_klass):
            return md, b, df, gr.skip(), gr.skip(), shown_, start_ok, pace
        finished = mark != old_mark and state and State(state).finished
        valley = valley_plot(ctx, owner, sweep_) if finished or klass != old_klass and old_klass else gr.skip()
        table = runs_table(ctx, owner) if mark != old_mark else gr.skip()
        return md, b, df, valley, table, f"{mark}|{klass}", start_ok, pace

    def on_download(run_id, browser_id, request: gr.Request):
        if not run_id:
            raise gr.Error("start a run first: there is nothing to download yet")
        try:
            path = ctx.runs.download(owner_of(browser_id, request), run_id)
        except (ValueError, KeyError) as e:
            raise gr.Error(str(e)) from None
        return gr.update(value=str(path), visible=True)

    form.start.click(on_start, form.settings + [plot.share, form.prediction, browser],
                     [current, run.status, run.bar, run.loss, plot.table, run.download_file, form.start, timer],
                     api_name="start_run").then(None, js="() => document.getElementById('valley-status')"
                                                         "?.scrollIntoView({behavior: 'smooth', block: 'center'})")
    form.stop.click(on_stop, [current, browser], run.status, api_name="stop_run")
    run.download.click(on_download, [current, browser], run.download_file, api_name="download_run")
    timer.tick(on_tick, [current, shown, plot.sweep, browser],
               [run.status, run.bar, run.loss, plot.valley, plot.table, shown, form.start, timer],
               api_name="poll_run", show_progress="hidden")


def wire_plot(ctx: AppContext, plot: ValleyPanel) -> None:
    """The share choice and the sweep shown."""
    def on_share(share_, sweep_, browser_id, request: gr.Request):
        owner = owner_of(browser_id, request)
        ctx.runs.set_share(owner, bool(share_))
        return valley_plot(ctx, owner, sweep_)

    def on_sweep(sweep_, browser_id, request: gr.Request):
        if sweep_ not in engine.sweeps():
            raise gr.Error("that is not one of the shipped sweeps")
        v = engine.sweep(sweep_).valley
        verdict_ = (f"**At the top of the ladder ({sweep_}):** " + sweep_verdict(v)) if v else ""
        return valley_plot(ctx, owner_of(browser_id, request), sweep_), verdict_

    # .input, not .change: only the student's own click changes what the server keeps (restore writes the box)
    plot.share.input(on_share, [plot.share, plot.sweep, ctx.browser], plot.valley, api_name="share_runs")
    plot.sweep.change(on_sweep, [plot.sweep, ctx.browser], [plot.valley, plot.verdict], api_name="show_sweep")


def wire_teacher(ctx: AppContext, teacher: TeacherPanel) -> None:
    def on_new_class(name, key):
        if not is_teacher(ctx, key):
            raise gr.Error("that is not the teacher key this app was started with" if ctx.teacher_key else
                           "this app was started without a teacher key (python -m app --teacher-key KEY)")
        k = ctx.runs.new_class(name)
        return f"New class **{k['name']}** started: the class plot and the rungs start empty.", ""

    # not public: Gradio's run history (the browser's localStorage) records public events' inputs, the key too
    teacher.new_class.click(on_new_class, [teacher.class_name, teacher.teacher_key],
                            [teacher.class_msg, teacher.teacher_key], api_name="new_class",
                            api_visibility="undocumented")
