"""A class on one shared machine (issue 33): students reach the app at the address it prints, each group that
presses "Assign me an N" gets its own run at once, and an identical Start joins the run already waiting or training
instead of training it twice."""

import time
from types import SimpleNamespace

from app.network import lan_addresses, start_banner, student_urls
from app.registry import RunManager
from app.tab_valley import CLASS_LADDER, assign
from training.sft import SFTConfig


def test_the_app_names_the_addresses_students_open():
    assert student_urls("0.0.0.0", 7860, ["192.168.1.20", "10.0.0.5"]) == ["http://192.168.1.20:7860/",
                                                                         "http://10.0.0.5:7860/"]
    assert student_urls("127.0.0.1", 7860, ["192.168.1.20"]) == []  # loopback: no student can open it
    banner = start_banner("0.0.0.0", 7861, ["192.168.1.20"])
    assert "http://192.168.1.20:7861/" in banner and "http://127.0.0.1:7861/" in banner
    assert "--host 0.0.0.0" in start_banner("127.0.0.1", 7860)  # the default says how to share it
    found = lan_addresses()
    assert all(not a.startswith("127.") and not a.startswith("169.254.") for a in found)


def class_cfg(n=125, seed=0, **kw):
    return SFTConfig(n=n, seed=seed, **kw)


def test_groups_pressing_assign_one_after_another_get_distinct_runs(tmp_path):
    rm = RunManager(max_concurrent=0, root=tmp_path / "runs")  # nothing trains: runs stay in line
    ctx = SimpleNamespace(runs=rm, class_window_s=1e9, class_groups=1, eval_n=200)
    got = [assign(ctx, f"group-{i}")[:2] for i in range(8)]
    assert len(set(got)) == 8, got  # nobody has pressed Start yet, and still no two groups share a run
    assert {n for n, _ in got} == set(CLASS_LADDER)  # every rung is covered before any gets a second seed
    assert assign(ctx, "group-0")[:2] == got[0]  # pressing again keeps what the group was handed
    n, seed = got[0]
    rm.submit("group-0", class_cfg(n, seed))  # the rung becomes a run: it still counts once
    assert sum(rm.coverage(CLASS_LADDER).values()) == 8
    rm.shutdown()


def test_an_identical_start_joins_the_waiting_run_and_trains_on_its_own_if_that_one_stops(tmp_path):
    rm = RunManager(max_concurrent=0, root=tmp_path / "runs")
    a = rm.submit("alice", class_cfg())
    b = rm.submit("bob", class_cfg())
    assert rm.job("bob", b).follows == a and rm._queue == [a]  # one run in line, not two
    assert rm.state("bob", b).state == "queued" and rm.position("bob", b) == 1
    assert rm.state("bob", b).reused_from == a
    other = rm.submit("carol", class_cfg(seed=1))
    assert rm.job("carol", other).follows is None  # another seed is another run
    rm.stop("alice", a)  # the leader stopped before it started: bob's run now waits on its own
    rm.pump()
    assert rm.job("bob", b).follows is None and b in rm._queue
    rm.shutdown()


def test_an_identical_start_while_it_trains_gets_the_results_without_training(tiny_base, tmp_path):
    rm = RunManager(max_concurrent=1, root=tmp_path / "runs")
    small = dict(model=str(tiny_base), world="tiny", n=8, epochs=1, batch_size=4, precision="fp32", log_every=1,
                 eval_n=4, eval_max_new_tokens=32)
    a = rm.submit("alice", SFTConfig(**small))
    b = rm.submit("bob", SFTConfig(**small))
    assert rm.job("bob", b).follows == a
    stamp = rm.class_stamp()
    deadline = time.time() + 300
    while time.time() < deadline and not rm.state("bob", b).done:
        time.sleep(0.5)
    st = rm.state("bob", b)
    assert st.state == "completed" and st.evaluation, st
    job = rm.job("bob", b)
    assert job.reused_from == a and job.proc is None  # one training for both
    assert job.run.weights() is not None and job.run.path != rm.job("alice", a).run.path  # bob's own copy
    deadline = time.time() + 60  # the run's end (its process exits a moment after its result) tells every page
    while rm.class_stamp() == stamp and time.time() < deadline:
        time.sleep(0.2)
    assert rm.class_stamp() > stamp
    rm.shutdown()


def test_the_class_plot_redraws_when_any_class_run_lands_and_idle_pages_poll_slowly(tmp_path):
    """The projector follows no run of its own: its plot redraws when the class changes (a run ended anywhere),
    and a page with nothing running asks for news every IDLE_POLL_S, not every second."""
    from matplotlib.figure import Figure

    from app.main import build_app
    from app.tab_valley import ACTIVE_POLL_S, IDLE_POLL_S

    demo = build_app(eval_n=6, runs_root=tmp_path / "runs", max_runs=1)
    tick = next(f.fn for f in demo.fns.values() if f.api_name == "poll_run")
    projector = SimpleNamespace(session_hash="projector", headers={}, client=None)
    first = tick(None, None, "classroom", None, projector)
    assert first[-1].value == IDLE_POLL_S  # nothing of its own waits or trains
    again = tick(None, first[5], "classroom", None, projector)
    assert not isinstance(again[3], Figure)  # nothing changed: the plot is not redrawn (nor sent)
    demo.ctx.runs._class_changed()  # what a student's finished run does
    landed = tick(None, again[5], "classroom", None, projector)
    assert isinstance(landed[3], Figure)
    assert ACTIVE_POLL_S < IDLE_POLL_S
    assert demo._queue.sleep_when_free >= 0.05  # Gradio's own idle loop looked for work every millisecond
    demo.ctx.runs.shutdown()


def test_no_file_route_reaches_the_teachers_documents_and_no_page_names_a_server_path(tmp_path):
    """Gradio served the whole lessons/ folder: /gradio_api/file=<repo>/lessons/answer_key.md returned the key
    without the teacher key, and every lesson image URL showed the folder's absolute path."""
    import socket

    import httpx

    from app.main import build_app, launch_kwargs
    from app.tab_lessons import render
    from training.core import paths

    demo = build_app(eval_n=6, runs_root=tmp_path / "runs")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **launch_kwargs())
    try:
        teachers = [paths.LESSONS / "answer_key.md", paths.LESSONS / "08_instructor_guide" / "lesson.md",
                    *sorted((paths.LESSONS / "teacher").glob("*.md"))]
        assert len(teachers) >= 3 and all(p.exists() for p in teachers)
        for p in teachers + [paths.LESSONS / "figures" / "horizon.png"]:
            for url in (f"/gradio_api/file={p}", f"/gradio_api/file={p.relative_to(paths.REPO)}"):
                r = httpx.get(f"http://127.0.0.1:{port}{url}", timeout=60)
                assert r.status_code >= 400 and "Answer" not in r.text, (url, r.status_code)
        shipped = paths.ASSETS / "valley" / "classroom" / "valley.png"  # the shipped figures stay served
        assert httpx.get(f"http://127.0.0.1:{port}/gradio_api/file={shipped}", timeout=60).status_code == 200
        page = render("02_error_accumulation/lesson.md")
        assert "data:image/png;base64," in page and str(paths.REPO) not in page
    finally:
        demo.close()
        demo.ctx.runs.shutdown()


def test_an_idle_app_does_not_poll_its_queue(tmp_path):
    """The pump thread looked at the waiting line every second, run or no run: now it sleeps until a run ends."""
    class Counting(RunManager):
        calls = 0

        def pump(self):
            Counting.calls += 1
            super().pump()

    rm = Counting(max_concurrent=1, root=tmp_path / "runs", pump_every_s=0.2)
    time.sleep(2.0)
    assert Counting.calls == 1, Counting.calls  # the one at start (it re-queues what waited before a restart)
    rm.shutdown()


def test_an_untouched_prediction_is_no_prediction():
    import gradio as gr
    import pytest

    from app.tab_valley import read_prediction

    assert read_prediction("") is None and read_prediction(None) is None and read_prediction("  ") is None
    assert read_prediction("30") == 0.3 and read_prediction("42.5 %") == 0.425 and read_prediction(50) == 0.5
    for bad in ("abc", "150", "-1", "nan"):
        with pytest.raises(gr.Error, match="your prediction"):
            read_prediction(bad)
