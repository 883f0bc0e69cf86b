"""A class at once: many concurrent sessions through gradio_client; latencies, queue waits, nothing lost or mixed.

    python -m app.load_test                      # launches its own app (its own runs folder), 30 sessions
    python -m app.load_test --sessions 6         # the short form CI runs (tests/test_load.py)
    python -m app.load_test --url http://127.0.0.1:7860/ --sessions 30 --timeout 1200

Each session does what a student does, all sessions at once on a freshly started app (so the first model
loads race, as they do when a class opens the page together):
  1. Side by Side: generate once on the base model and a shipped adapter (a typed problem);
  2. Error Anatomy: analyze a shipped evaluation;
  3. Valley Lab: start a short fine-tune of its own (its own seed: no run is reused), poll it like the
     page's timer does until it is done, and record how long it waited for a training slot;
  4. check that its runs table lists exactly its own run, with the config it asked for.
Prints p50 / p95 / max latency per call, the queue waits, the errors (a verdict: zero expected).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

SHIPPED_ADAPTER_CHOICE = "shipped: long-n250"


def session(url: str, k: int, timeout: float, out: dict, start_barrier: threading.Barrier) -> None:
    from gradio_client import Client

    lat: dict[str, list[float]] = {"compare": [], "analyze": [], "start_run": [], "poll_run": []}
    rec = {"session": k, "ok": False, "error": "", "latency": lat, "queue_wait_s": None}
    out[k] = rec
    try:
        c = Client(url, verbose=False, httpx_kwargs={"timeout": 120})  # a loaded 2-core machine answers slowly
        start_barrier.wait(timeout=120)  # every session starts together
        # 1. Side by Side (concurrent first loads of the same models)
        choices = c.predict([], api_name="/refresh_models")
        values = [v for _, v in choices["choices"]]
        pair = ["base"] + [v for v in values if "long-n250" in v][:1]
        t = time.perf_counter()
        html = c.predict(None, "7*3+12-8/4", pair, 0.0, 0.95, 48, 0, "world", api_name="/compare")
        lat["compare"].append(time.perf_counter() - t)
        if "gold 31" not in html:
            raise AssertionError("Side by Side did not finish its panels")
        # 2. Error Anatomy
        evals = [v for _, v in c.predict([], api_name="/refresh_evals")["choices"]]
        t = time.perf_counter()
        table = c.predict(evals[:1], api_name="/analyze")[0]
        lat["analyze"].append(time.perf_counter() - t)
        if not table["data"]:
            raise AssertionError("Error Anatomy returned an empty summary")
        # 3. a fine-tune of its own
        t = time.perf_counter()
        out = c.predict("tiny", "world", None, 8, "long", "lora", 4, 8, 1, 2e-3, 1000 + k, True, 50,
                        api_name="/start_run")  # ..., seed, share, prediction
        lat["start_run"].append(time.perf_counter() - t)
        run_id = out[3]["data"][-1][0]  # status, bar, loss, runs table, zip, the poll's pace
        rec["run_id"] = run_id
        t_start, t_left_queue = time.time(), None
        deadline = time.time() + timeout
        table = None
        while time.time() < deadline:
            t = time.perf_counter()
            status, _bar, _loss, _plot, table_upd, _pace = c.predict("classroom", api_name="/poll_run")
            lat["poll_run"].append(time.perf_counter() - t)
            if isinstance(table_upd, dict) and table_upd.get("data"):
                table = table_upd
            if t_left_queue is None and "Waiting in line" not in status:
                t_left_queue = time.time()
            if "Done" in status or "failed" in status:
                rec["final_status"] = status.split("\n")[0][:120]
                break
            time.sleep(1.0)
        else:
            rec["error"] = "timed out"
            return
        rec["queue_wait_s"] = round((t_left_queue or time.time()) - t_start, 1)
        # 4. its own run, and only that
        rows = table["data"] if table else []
        ids = [r[0] for r in rows]
        rec["table_runs"] = ids
        seed_ok = all(r[5] == 1000 + k for r in rows)
        rec["ok"] = "Done" in rec.get("final_status", "") and ids == [run_id] and seed_ok
        if not rec["ok"]:
            rec["error"] = (f"expected exactly [{run_id}] (seed {1000 + k}) in the table, got {ids}; "
                            f"status {rec.get('final_status')}")
    except Exception as e:  # noqa: BLE001 - reported per session
        rec["error"] = f"{type(e).__name__}: {e}"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=None, help="an app already running; default: launch one here")
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds a session may wait for its run")
    ap.add_argument("--max-runs", type=int, default=1, help="training runs at once in the launched app")
    a = ap.parse_args(argv)
    demo = None
    url = a.url
    if url is None:
        from app.main import build_app, launch_kwargs

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # its own runs folder: the test's runs never land on a class's plot or queue
        scratch = tempfile.mkdtemp(prefix="valley-load-test-")
        demo = build_app(max_runs=a.max_runs, eval_n=6, eval_max_new_tokens=96, runs_root=Path(scratch) / "runs")
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                    **launch_kwargs())
        url = f"http://127.0.0.1:{port}/"
    results: dict = {}
    barrier = threading.Barrier(a.sessions)
    t0 = time.perf_counter()
    threads = [threading.Thread(target=session, args=(url, k, a.timeout, results, barrier))
               for k in range(a.sessions)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(a.timeout + 300)
    wall = time.perf_counter() - t0
    if demo is not None:
        demo.close()
        demo.ctx.runs.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    summary = {"sessions": a.sessions, "ok": sum(r["ok"] for r in results.values()), "wall_s": round(wall, 1),
               "max_runs": a.max_runs}
    for call in ("compare", "analyze", "start_run", "poll_run"):
        xs = [x for r in results.values() for x in r["latency"][call]]
        summary[call] = {"n": len(xs), "p50_s": round(pct(xs, 0.5), 3), "p95_s": round(pct(xs, 0.95), 3),
                         "max_s": round(max(xs), 3) if xs else None}
    waits = [r["queue_wait_s"] for r in results.values() if r["queue_wait_s"] is not None]
    summary["queue_wait_s"] = {"p50": pct(waits, 0.5), "p95": pct(waits, 0.95), "max": max(waits) if waits else None}
    summary["distinct_runs"] = len({r.get("run_id") for r in results.values() if r.get("run_id")})
    summary["errors"] = {k: r["error"] for k, r in results.items() if r["error"]}
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
