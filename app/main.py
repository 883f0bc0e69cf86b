"""build_app(): the Blocks with every tab, the shared context, the queue.

    from app.main import build_app, launch_kwargs
    build_app().launch(server_name="127.0.0.1", server_port=7860, **launch_kwargs())
"""

from __future__ import annotations

import gradio as gr

from app.context import AppContext, Shipped
from app.runs import RunManager
from app.tab_about import build_about_tab
from app.tab_anatomy import build_anatomy_tab
from app.tab_compare import build_compare_tab
from app.tab_lessons import build_lessons_tab
from app.tab_rl import build_rl_tab
from app.tab_valley import build_valley_tab
from training import engine
from training.core import paths

TITLE = "Through the Valley Lab"
CSS = """
.trace details summary { cursor: pointer; color: #6b7280; }
.gradio-container { max-width: 1400px !important; }
"""

HEADER = """
# Through the Valley Lab
Small language models fine-tuned on *a little* long chain-of-thought data get **worse** before they get better.
This lab lets you train one, watch it fall into the valley, and see exactly where its mistakes enter.
"""


def build_app(max_runs: int = 1, disk_cap_mb: float = 400.0, eval_n: int = 200,
              eval_max_new_tokens: int = 512) -> gr.Blocks:
    # Resolve transformers' lazy imports once, here: the first `from transformers import AutoConfig` racing in
    # several request threads at once fails with ImportError (seen with 10 concurrent sessions).
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer  # noqa: F401

    ctx = AppContext(RunManager(max_concurrent=max_runs, disk_cap_mb=disk_cap_mb), engine.ModelCache(),
                     Shipped.load(), eval_n=eval_n, eval_max_new_tokens=eval_max_new_tokens)
    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(HEADER)
        with gr.Tabs():
            build_valley_tab(ctx)
            build_compare_tab(ctx)
            build_anatomy_tab(ctx)
            build_rl_tab(ctx)
            build_lessons_tab()
            build_about_tab()
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.ctx = ctx  # for tests and scripts; tabs get it as an argument
    return demo


def launch_kwargs() -> dict:
    """What launch() needs beyond host/port: served folders, theme, css, no telemetry."""
    return {"allowed_paths": [str(paths.ASSETS), str(paths.LESSONS)], "css": CSS,
            "theme": gr.themes.Soft(primary_hue="blue"), "show_error": True}
