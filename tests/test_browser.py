"""A real browser on the real page: Playwright driving Debian's Chromium (installed by .ci/run via apt).

It opens the app, starts a run, waits until the loss plot has drawn points, and saves a screenshot
(to $VALLEY_SCREENSHOTS or the test's tmp dir) so a person can look at what a student sees.
"""

import os
import re
import shutil
import socket
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_page_trains_and_draws_the_loss(tmp_path):
    from playwright.sync_api import sync_playwright

    os.environ["VALLEY_HOME"] = str(tmp_path / "home")
    from app.main import build_app, launch_kwargs

    demo = build_app(eval_n=6, eval_max_new_tokens=96)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **launch_kwargs())
    shots = Path(os.environ.get("VALLEY_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1300})
            page.goto(f"http://127.0.0.1:{port}/", wait_until="load")  # never "networkidle": the page polls every second
            page.get_by_text("Through the Valley Lab").first.wait_for(timeout=60_000)
            page.screenshot(path=str(shots / "valley_lab_start.png"), full_page=True)
            # a short run: N = 40 examples, the rest as pre-filled
            n_box = page.get_by_label("N: number of chain-of-thought examples").first
            n_box.fill("40")
            n_box.press("Enter")
            page.get_by_role("button", name="Start").click()
            page.get_by_text("Training: step").first.wait_for(timeout=120_000)
            # the loss plot has drawn marks (Vega renders into a canvas or svg)
            page.wait_for_function(
                "() => [...document.querySelectorAll('.vega-embed canvas, .vega-embed svg')].length > 0",
                timeout=60_000)
            page.screenshot(path=str(shots / "valley_lab_training.png"), full_page=True)
            # exact "Done." (get_by_text is case-insensitive: "Training done." must not count)
            page.get_by_text(re.compile(r"^Done\.$")).first.wait_for(timeout=300_000)
            page.screenshot(path=str(shots / "valley_lab_done.png"), full_page=True)
            browser.close()
    finally:
        demo.close()
    assert (shots / "valley_lab_training.png").stat().st_size > 10_000
