"""build_app(): the Blocks with every tab, the shared context, the queue.

    from app.main import build_app, launch_kwargs
    build_app().launch(server_name="127.0.0.1", server_port=7860, **launch_kwargs())
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import gradio as gr
import torch

from app.context import BROWSER_ID, AppContext, Shipped, new_browser_id, owner_of
from app.registry import RunManager, downloads_root
from app.tab_about import build_about_tab
from app.tab_anatomy import build_anatomy_tab
from app.tab_compare import build_compare_tab
from app.tab_lessons import build_lessons_tab
from app.tab_rl import build_rl_tab
from app.tab_valley import build_valley_tab
from training.core import paths
from training.lab import engine

TITLE = "Through the Valley Lab"
# the tabs, in order: each builder takes the AppContext and returns an app.tab.Tab
TABS = [build_valley_tab, build_compare_tab, build_anatomy_tab, build_rl_tab, build_lessons_tab, build_about_tab]
CSS = """
.trace details summary { cursor: pointer; color: #6b7280; }
.gradio-container { max-width: 1400px !important; }
"""

# Soft, with every text dark enough to read: WCAG AA asks 4.5:1 for text. The theme's defaults measured about 3:1
# for labels and hints against their chips, and 3.68:1 for white on its primary blue (blue-500: Start, Generate,
# Analyze, Start RL, selected chips) and for the selected tab's blue on white; blue-700 gives 6.7:1.
THEME = gr.themes.Soft(primary_hue="blue").set(
    block_label_text_color="#1e3a8a", block_title_text_color="#1e3a8a", block_info_text_color="#374151",
    body_text_color_subdued="#4b5563", checkbox_label_text_color="#1f2937", color_accent="*primary_700",
    button_primary_background_fill="*primary_700", button_primary_background_fill_hover="*primary_800",
    checkbox_label_background_fill_selected="*primary_700")

HEADER = """
# Through the Valley Lab
Small language models fine-tuned on *a little* long chain-of-thought data get **worse**; in the paper, enough data
brings most of them back. This lab lets you train one, watch it fall into the valley, see how far out of it more
data takes a tiny model, and see exactly where its mistakes enter.
"""


MAX_UPLOAD_MB = 20.0


def default_max_runs() -> int:
    """Training runs at once: 8 on a GPU (one H100 ran 8 fine-tunes of the embedded model at 9.5 steps/s
    each against 11.7 alone, training/LOG.md), 1 on a CPU (a run already uses every core)."""
    return 8 if torch.cuda.is_available() else 1


def build_app(max_runs: int = 0, disk_cap_mb: float = 0.0, eval_n: int = 200, eval_max_new_tokens: int = 512,
              allow_local_models: bool = False, max_upload_mb: float = MAX_UPLOAD_MB, class_name: str = "",
              teacher_key: str = "", keep_hours: float = 3.0, runs_root: Path | None = None,
              class_window_min: float = 20.0, class_groups: int = 8, class_runs_only: bool = False) -> gr.Blocks:
    """max_runs: training runs at once (0 = default_max_runs()); allow_local_models: let users type a
    folder of this server as their model (never the app's own runs folder); disk_cap_mb: 0 = a share of the
    free disk; class_name: start (or go on with) this class; teacher_key: unlocks "Start a new class" and the
    teachers' documents (without one, nobody sees them in the app); keep_hours: runs finished this recently are
    never removed for disk space; class_window_min and class_groups: "Assign me an N" hands out only rungs that
    class_groups groups can train one after another on this machine's slots within class_window_min minutes;
    class_runs_only: only fine-tunes of the embedded model reach the shared queue (no RL, no real SLM)."""
    # Resolve transformers' lazy imports once, here: the first `from transformers import AutoConfig` racing in
    # several request threads at once fails with ImportError (seen with 10 concurrent sessions).
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer  # noqa: F401

    runs = RunManager(max_concurrent=max_runs or default_max_runs(), disk_cap_mb=disk_cap_mb, root=runs_root,
                      keep_hours=keep_hours, class_name=class_name)
    ctx = AppContext(runs, engine.ModelCache(), Shipped.load(), eval_n=eval_n, eval_max_new_tokens=eval_max_new_tokens,
                     allow_local_models=allow_local_models, max_upload_mb=max_upload_mb, teacher_key=teacher_key,
                     class_window_s=class_window_min * 60, class_groups=class_groups, class_runs_only=class_runs_only)
    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(HEADER)
        # This browser's id lives in its local storage, so a reload or a second tab sees the same runs. Each
        # page copies it into a State when it loads: handlers read it there, server-side, so it is not an
        # API parameter (an API client has none: its runs belong to its session).
        # The stored id is encrypted with a secret that lives with VALLEY_HOME: a restarted app reads the ids its
        # browsers stored before (a fresh secret per launch made every student's runs vanish from view).
        stored = gr.BrowserState(None, storage_key="valley-lab-browser", secret=browser_secret())
        ctx.browser = gr.State(None)
        with gr.Tabs():
            tabs = [build(ctx) for build in TABS]
        # first the id (a new one on a first visit), then each tab restores this browser's state (app.tab.Tab)
        restores = [r for t in tabs for r in t.restore]

        def restore(stored_id, request: gr.Request):
            """The browser's id and, for each tab, the run to follow: at once, before any button is pressed."""
            browser_id = ensure_browser_id(stored_id)
            owner = owner_of(browser_id, request)
            return (browser_id, browser_id, *[fn(owner) for fn, _ in restores])

        loaded = demo.load(restore, stored, [stored, ctx.browser, *[c for _, c in restores]], show_progress="hidden",
                           queue=False)
        for tab in tabs:
            if tab.on_load:
                fn, inputs, outputs = tab.on_load
                loaded = loaded.then(fn, inputs, outputs, show_progress="hidden")
    # run zips are served from their folder as they are: Gradio would otherwise keep a copy of each in its cache,
    # outside the disk cap, until the app stops
    gr.set_static_paths([runs.downloads])
    demo.queue(default_concurrency_limit=4, max_size=128)
    quiet_queue(demo)
    demo.ctx = ctx  # for tests and scripts; tabs get it as an argument
    return demo


def quiet_queue(demo: gr.Blocks) -> None:
    """Gradio's queue looks for work every 1 ms and for progress to send every 10 ms while idle: CPU the class's runs
    need (the idle app with no page open, 6% of a core on a loaded 2-core machine; with this and the registry's
    sleeping pump, 0.4%: training/LOG.md, 2026-12-05). It looks every 50 ms and 100 ms instead (Gradio's own values
    on Windows): an event waits at most 50 ms longer to start."""
    demo._queue.sleep_when_free = 0.05
    demo._queue.progress_update_sleep_when_free = 0.1


def browser_secret() -> str:
    """The secret the browsers' stored ids are encrypted with: created once per VALLEY_HOME (file mode 600)."""
    path = paths.home() / "app" / "browser-secret"
    try:
        return path.read_text().strip()
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        return path.read_text().strip()


def ensure_browser_id(stored) -> str:
    """The browser's id: the one in its storage, or a new one on its first visit."""
    return stored if isinstance(stored, str) and BROWSER_ID.match(stored) else new_browser_id()


def launch_kwargs(max_upload_mb: float = MAX_UPLOAD_MB) -> dict:
    """What launch() needs beyond host/port: served folders, theme, css, the upload cap. The lessons folder is
    never served (it holds the answer key and the teachers' notes, for the teacher key only): lesson figures travel
    inside the page (app.tab_lessons.inline_image)."""
    downloads_root().mkdir(parents=True, exist_ok=True)
    return {"allowed_paths": [str(paths.ASSETS), str(downloads_root())], "css": CSS,
            "theme": THEME, "show_error": True,
            "max_file_size": f"{max_upload_mb:g}mb"}
