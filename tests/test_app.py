"""The app through gradio_client, with real work: train, stop, train again, compare, analyze, bad input.

One app is launched for the module (offline, small evaluations so CI stays fast); each test uses its
own Client, i.e. its own session.
"""

import json
import socket
import time

import pytest
from gradio_client import Client, handle_file

from training.core import paths
from training.task.world import WORKED_EXAMPLE


# the Valley Lab inputs, in order: model, data, upload, n, style, method, rank, alpha, epochs, lr, seed, share,
# prediction (then the browser id, which an API client leaves out: its runs belong to its session; the current run
# is a gr.State, kept per session on the server, not part of the API)
def start_args(n=16, style="long", model="tiny", data="world", upload=None, lr=2e-3, epochs=1, seed=0, share=True,
               prediction=50):
    return [model, data, upload, n, style, "lora", 4, 8, epochs, lr, seed, share, prediction]


def start(c, **kw):
    """Start a run; its id is the newest row of the session's runs table that the call returns."""
    # (Start, a button, and the run followed, a State, have no API value; _pace is the poll's interval)
    status, _bar, _loss, table, _zip, _pace = c.predict(*start_args(**kw), api_name="/start_run")
    return table["data"][-1][0], status


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    import os

    os.environ["VALLEY_HOME"] = str(tmp_path_factory.mktemp("app-home"))
    from app.main import build_app, launch_kwargs

    demo = build_app(max_runs=1, eval_n=6, eval_max_new_tokens=96)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **launch_kwargs())
    yield f"http://127.0.0.1:{port}/", demo
    demo.close()


def client(app_url):
    return Client(app_url[0], verbose=False)


def wait_state(c, want: set[str], timeout=240):
    """Poll like the page's timer does, until the status text shows one of the wanted states."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        out = c.predict("classroom", api_name="/poll_run")
        text = out[0]
        for w in want:
            if w in text:
                return out
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {want}; last status: {text}")


def test_train_stop_then_train_to_completion(app_url):
    c = client(app_url)
    run_id, status = start(c, n=64, epochs=20)
    assert run_id
    wait_state(c, {"Training: step"})
    c.predict(api_name="/stop_run")
    out = wait_state(c, {"Stopped"})
    demo = app_url[1]
    runs = demo.ctx.runs
    session = runs._jobs[run_id].owner
    st = runs.state(session, run_id)
    assert st.state == "stopped" and (st.run_dir / "PARTIAL").exists()

    run2, _ = start(c, n=16, epochs=1)
    out = wait_state(c, {"Done", "failed"})
    assert "Done" in out[0], out[0]
    table = out[4]
    rows = table["data"] if isinstance(table, dict) else table
    assert any(run2 in str(r) for r in rows)
    st2 = runs.state(session, run2)
    assert st2.metrics["status"] == "completed" and st2.metrics["eval"]["n"] == 6
    # the loss curve the page draws has one point per logged step
    assert len(st2.progress) >= 1


def test_compare_base_and_adapter(app_url):
    c = client(app_url)
    start(c, n=8, epochs=1)
    wait_state(c, {"Done"})
    choices = c.predict([], api_name="/refresh_models")
    values = [v for _, v in choices["choices"]] if isinstance(choices, dict) else None
    values = values or [ch[1] for ch in app_url[1].ctx.runs and []]
    mine = [v for v in values if v.startswith("run:")]
    assert mine and all("/" not in v for v in values), values  # keys, never server paths
    html = c.predict(WORKED_EXAMPLE, "", ["base", mine[0]], 0.0, 0.95, 64, 0, "world", api_name="/compare")
    assert html.count("font-weight:700") >= 2  # one panel per model
    assert "gold 6606" in html


def test_analyze_renders(app_url):
    c = client(app_url)
    start(c, n=8, epochs=1)
    wait_state(c, {"Done"})
    choices = c.predict([], api_name="/refresh_evals")
    paths = [v for _, v in choices["choices"]]
    assert paths
    out = c.predict(paths[:1], api_name="/analyze")
    table = out[0]
    assert table["data"][0][1] is not None  # accuracy
    assert all(o is not None for o in out[1:5])  # four plots


@pytest.mark.parametrize("args,msg", [
    (start_args(lr=0), "learning rate"),
    (start_args(lr=5.0), "learning rate"),
    (start_args(model="nobody/no-such-model"), "could not load"),
    (start_args(model="no-such-model"), "not one this app offers"),
    (start_args(n=0), "less than minimum value 8"),  # the slider's own bound check, a clear gr.Error
])
def test_bad_settings_give_clear_errors_and_the_app_keeps_serving(app_url, args, msg):
    c = client(app_url)
    with pytest.raises(Exception, match=msg):
        c.predict(*args, api_name="/start_run")
    assert "Schedule" in c.predict("tiny", 250, "long", 0, 2e-3, api_name="/schedule_text")


def test_bad_uploads(app_url, tmp_path):
    c = client(app_url)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": [{"role": "user", "content": "hi"}\n')
    with pytest.raises(Exception, match="not valid JSON"):
        c.predict(*start_args(data="upload", upload=handle_file(str(bad))), api_name="/start_run")
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps({"messages": [{"role": "user", "content": f"Compute {i}+1"},
                                                       {"role": "assistant", "content": f"{i} + 1 = {i + 1}"}]})
                              for i in range(5)))
    with pytest.raises(Exception, match="only 5 examples"):
        c.predict(*start_args(n=50, data="upload", upload=handle_file(str(good))), api_name="/start_run")


def test_empty_problem(app_url):
    c = client(app_url)
    with pytest.raises(Exception, match="choose a problem"):
        c.predict(None, "", ["base"], 0.0, 0.95, 32, 0, "world", api_name="/compare")  # nothing picked, nothing typed
    with pytest.raises(Exception, match="can't be used"):
        c.predict(None, "2+", ["base"], 0.0, 0.95, 32, 0, "world", api_name="/compare")


def test_sessions_are_isolated_and_queue_positions_shown(app_url):
    a, b = client(app_url), client(app_url)
    ra, _ = start(a, n=64, epochs=30)
    rb, status_b = start(b, n=8, epochs=1, seed=11)  # a seed no other test uses: trained, not reused
    # one training slot: b waits behind a and is told its position
    assert "Waiting in line" in status_b or "Training" in status_b or "Loading" in status_b
    runs = app_url[1].ctx.runs
    sa = runs._jobs[ra].owner
    sb = runs._jobs[rb].owner
    assert sa != sb
    assert ra in runs.runs_of(sa) and ra not in runs.runs_of(sb)
    with pytest.raises(KeyError):
        runs.stop(sb, ra)  # b cannot stop a's run
    a.predict(api_name="/stop_run")
    wait_state(a, {"Stopped"})
    out = wait_state(b, {"Done", "failed"})
    assert "Done" in out[0]


def test_every_child_of_the_tab_strip_is_a_tab(app_url):
    """A component created after a `with gr.Tab` block lands in gr.Tabs itself, and the browser draws it as an
    extra tab that takes the next tab's label (the Valley Lab once did this with a gr.State)."""
    import gradio as gr

    demo = app_url[1]
    strips = [b for b in demo.blocks.values() if isinstance(b, gr.Tabs)]
    assert strips
    for tabs in strips:
        assert tabs.children and all(isinstance(c, gr.Tab) for c in tabs.children), \
            [type(c).__name__ for c in tabs.children]


def test_the_anatomy_summary_keeps_each_runs_name_in_view(app_url):
    """h, k, h', c, d sit at the right end of a wide table: scrolling to them must not hide which run a row is."""
    import gradio as gr

    tables = [b for b in app_url[1].blocks.values() if isinstance(b, gr.Dataframe) and b.label == "Summary"]
    assert tables and all(t.pinned_columns == 1 and t.value["headers"][0] == "run" for t in tables)


def test_identical_runs_are_reused_and_the_class_fills_in(app_url):
    a, b = client(app_url), client(app_url)
    start(a, n=8, epochs=1, seed=21)
    wait_state(a, {"Done"})
    rb, status = start(b, n=8, epochs=1, seed=21)        # another student, the same configuration
    assert "reused" in status, status
    assert "reused" in wait_state(b, {"Done"})[0]
    # the class view: the least-covered rung of the class ladder is handed out
    n, seed, text = a.predict(api_name="/assign_n")
    assert n == 125 and "least-covered" in text and seed == 0
    # a finished run: stop says so, and nothing is signalled
    assert "already finished" in b.predict(api_name="/stop_run")


def test_a_finished_run_downloads_as_a_zip_that_peft_loads(app_url, tmp_path):
    import zipfile

    from peft import PeftModel

    from training.core.models import load_model

    c = client(app_url)
    with pytest.raises(Exception, match="start a run first"):
        c.predict(api_name="/download_run")
    start(c, n=8, epochs=1, seed=31)
    wait_state(c, {"Done"})
    path = c.predict(api_name="/download_run")
    path = path["value"] if isinstance(path, dict) else path
    zipfile.ZipFile(path).extractall(tmp_path / "run")
    assert (tmp_path / "run" / "eval" / "records.jsonl").exists() and (tmp_path / "run" / "metrics.json").exists()
    model, _ = load_model("tiny")
    assert isinstance(PeftModel.from_pretrained(model, tmp_path / "run" / "adapter"), PeftModel)


@pytest.mark.parametrize("args,msg", [
    (start_args(seed=10**30), "maximum value 4294967295|seed must be a whole number"),
    (start_args(model="/etc"), "not one this app offers"),
    (start_args(model="../../.valley/runs/app"), "not one this app offers"),
])
def test_hostile_settings(app_url, args, msg):
    with pytest.raises(Exception, match=msg):
        client(app_url).predict(*args, api_name="/start_run")


@pytest.mark.parametrize("expr,msg", [
    ("(" * 40 + "1+2" + ")" * 40, "nested too deeply"),
    ("9" * 4500 + "+1", "too long"),
    ("123456789012345+1", "too large"),
])
def test_hostile_expressions_get_plain_words(app_url, expr, msg):
    with pytest.raises(Exception, match=msg):
        client(app_url).predict(None, expr, ["base"], 0.0, 0.95, 32, 0, "world", api_name="/compare")


def raw_call(app_url, api_name: str, body: str) -> str:
    """One call through Gradio's raw HTTP API (what gradio_client refuses to send: NaN, Infinity), its event
    stream as text."""
    import httpx

    url = app_url[0] + "gradio_api/call/" + api_name
    event = httpx.post(url, content=body, headers={"content-type": "application/json"}, timeout=60).json()["event_id"]
    return httpx.get(f"{url}/{event}", timeout=300).text


@pytest.mark.parametrize("temperature,top_p,max_new,msg", [
    ("NaN", "0.95", "32", "the temperature must be a number"),
    ("0", "NaN", "32", "top-p must be a number"),
    ("0", "0.95", "NaN", "max new tokens must be a whole number"),
])
def test_nan_in_side_by_side_gets_plain_words(app_url, temperature, top_p, max_new, msg):
    """Side by Side's fields through the raw API: a NaN temperature ran the model and failed inside torch, NaN max
    tokens said "cannot convert float NaN to integer", NaN top-p generated. Each is refused before any model loads."""
    out = raw_call(app_url, "compare", f'{{"data": [null, "1+2", ["base"], {temperature}, {top_p}, {max_new}, 0, "world"]}}')
    assert "event: error" in out and msg in out, out[-600:]


def test_the_lessons_tab_serves_only_the_kit(app_url):
    c = client(app_url)
    for path in ("/etc/passwd", "../../README.md", str(app_url[1].ctx.runs.root / "x" / "entry.json")):
        with pytest.raises(Exception, match="not in the list of choices|not a lesson of this kit") as e:
            c.predict(path, api_name="/lesson")
        assert str(paths.REPO) not in str(e.value)  # the refusal names no server path
    assert "Hook" in c.predict("03_the_valley/lesson.md", api_name="/lesson")
    from app.tab_lessons import render
    with pytest.raises(Exception, match="not a lesson of this kit"):  # the function itself, past the dropdown
        render("../../README.md")


def test_an_oversized_upload_is_refused_with_its_size(app_url, tmp_path):
    big = tmp_path / "big.jsonl"
    line = json.dumps({"messages": [{"role": "user", "content": "x" * 1000}, {"role": "assistant", "content": "y"}]})
    big.write_text("\n".join([line] * 21_000))  # ~21 MB, over the 20 MB cap
    with pytest.raises(Exception, match="MB|too large|size"):
        client(app_url).predict(*start_args(data="upload", upload=handle_file(str(big))), api_name="/start_run")


def test_choice_lists_name_no_server_path_and_forged_paths_are_refused(app_url):
    c = client(app_url)
    lists = {"compare": c.predict([], api_name="/refresh_models")["choices"],
             "evals": c.predict([], api_name="/refresh_evals")["choices"],
             "rl": c.predict("base", api_name="/refresh_rl_starts")["choices"]}
    for name, choices in lists.items():
        assert choices, name
        for _label, key in choices:
            assert "/" not in key and str(paths.REPO) not in key, (name, key)
        assert len({key for _, key in choices}) == len(choices), (name, choices)  # one key per choice
    # every shipped evaluation is offered (their keys must not collide)
    assert len(lists["evals"]) >= len(app_url[1].ctx.shipped.records) >= 3
    runs_root = str(app_url[1].ctx.runs.root)
    forged = str(paths.REPO / "assets" / "adapters" / "long-n250")
    with pytest.raises(Exception, match="not available to you|not in the list of choices"):
        c.predict(WORKED_EXAMPLE, "", [f"tiny|{forged}"], 0.0, 0.95, 8, 0, "world", api_name="/compare")
    with pytest.raises(Exception, match="not one of yours|not in the list of choices"):
        c.predict([runs_root + "/x/eval/records.jsonl"], api_name="/analyze")
    with pytest.raises(Exception, match="not one of yours|not in the list of choices"):
        c.predict(forged, 2, 0, api_name="/start_rl")


def test_every_legend_of_the_figures_the_app_draws_is_readable():
    """The survival and RL figures' legends were 8 pt (the rest 9): every legend text is at least 9 pt now."""
    from app.context import Shipped
    from app.tab_anatomy import analysis
    from training.lab.figures import rl_figure

    shipped = Shipped.load()
    figures = [*analysis(list(shipped.records.items())[:3])[1:5], rl_figure(shipped.rl.result)]
    sizes = [t.get_fontsize() for fig in figures for ax in fig.axes if ax.get_legend()
             for t in ax.get_legend().get_texts()]
    assert sizes and min(sizes) >= 9, sorted(set(sizes))



def test_the_app_reaches_training_only_through_the_engine_and_its_docstring_lists_what_it_uses():
    """app/ imports from training only training.lab.engine, training.task and training.core.paths; the names it
    takes from the engine are exactly its docstring's table and its __all__ (the docstring listed 10 while the app
    used 24, and the app imported figures, facts, results, kit and core.models besides)."""
    import ast
    import re

    from training.lab import engine

    used, strays = set(), []
    for f in sorted((paths.REPO / "app").glob("*.py")):
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "engine":
                used.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("training"):
                names = [a.name for a in node.names]
                if node.module == "training.lab.engine":
                    used |= set(names)
                elif not (node.module == "training.lab" and names == ["engine"] or node.module == "training.core"
                          and names == ["paths"] or re.match(r"^training\.task(\.|$)", node.module)):
                    strays.append(f"{f.name}: from {node.module} import {', '.join(names)}")
            elif isinstance(node, ast.Import):
                strays += [f"{f.name}: import {a.name}" for a in node.names if a.name.startswith("training")]
    assert not strays, strays
    table = engine.__doc__.split("It uses exactly these names")[1].split(":", 1)[1].split("\n\n")[1]
    listed = [w for line in table.splitlines() for w in line.split()[0 if line.startswith(" " * 8) else 1:]]
    assert len(listed) == len(set(listed)), "a name listed twice"
    assert set(listed) == set(engine.__all__), set(listed) ^ set(engine.__all__)
    assert used == set(listed), {"used, not listed": used - set(listed), "listed, not used": set(listed) - used}
