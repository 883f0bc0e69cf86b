"""Drive many concurrent sessions through gradio_client and report latencies; check no run was lost or mixed.

    python -m app.load_test                      # launches its own app, 10 sessions
    python -m app.load_test --url http://127.0.0.1:7860/ --sessions 10 --timeout 600

Each session: starts a short fine-tune (its own seed), polls it like the page does until it is done,
generates once on the Side by Side tab, then checks that its table lists exactly its own run and that
the run's config is the one it asked for. Prints p50/p95/max latency per call type and a verdict.
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time

from app.main import build_app, launch_kwargs


def session(url: str, k: int, timeout: float, out: dict) -> None:
    from gradio_client import Client

    lat: dict[str, list[float]] = {"start_run": [], "poll_run": [], "compare": []}
    rec = {"session": k, "ok": False, "error": "", "latency": lat}
    out[k] = rec
    try:
        c = Client(url, verbose=False)
        t = time.perf_counter()
        _, _, _, started = c.predict("tiny", "world", None, 8, "long", "lora", 4, 8, 1, 2e-3, 1000 + k,
                                     api_name="/start_run")
        lat["start_run"].append(time.perf_counter() - t)
        run_id = started["data"][-1][0]  # the session's newest run (the run id itself is server-side state)
        rec["run_id"] = run_id
        deadline = time.time() + timeout
        table = None
        while time.time() < deadline:
            t = time.perf_counter()
            status, _, _, _, table_upd = c.predict(api_name="/poll_run")
            lat["poll_run"].append(time.perf_counter() - t)
            if isinstance(table_upd, dict) and table_upd.get("data"):
                table = table_upd
            if "Done" in status or "failed" in status:
                rec["final_status"] = status.split("\n")[0][:120]
                break
            time.sleep(1.0)
        else:
            rec["error"] = "timed out"
            return
        t = time.perf_counter()
        c.predict(None, "7*3+12-8/4", ["tiny|"], 0.0, 0.95, 64, 0, api_name="/compare")  # a typed problem
        lat["compare"].append(time.perf_counter() - t)
        rows = table["data"] if table else []
        ids = [r[0] for r in rows]
        rec["table_runs"] = ids
        rec["ok"] = "Done" in rec.get("final_status", "") and ids == [run_id]
        if not rec["ok"]:
            rec["error"] = f"expected exactly [{run_id}] in the table, got {ids}; status {rec.get('final_status')}"
    except Exception as e:  # noqa: BLE001 - reported per session
        rec["error"] = f"{type(e).__name__}: {e}"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=None, help="an app already running; default: launch one here")
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--max-runs", type=int, default=1)
    a = ap.parse_args(argv)
    demo = None
    url = a.url
    if url is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        demo = build_app(max_runs=a.max_runs, eval_n=6, eval_max_new_tokens=96)
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                    **launch_kwargs())
        url = f"http://127.0.0.1:{port}/"
    results: dict = {}
    t0 = time.perf_counter()
    threads = [threading.Thread(target=session, args=(url, k, a.timeout, results)) for k in range(a.sessions)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(a.timeout + 120)
    wall = time.perf_counter() - t0
    if demo is not None:
        demo.close()
    summary = {"sessions": a.sessions, "ok": sum(r["ok"] for r in results.values()), "wall_s": round(wall, 1)}
    for call in ("start_run", "poll_run", "compare"):
        xs = [x for r in results.values() for x in r["latency"][call]]
        summary[call] = {"n": len(xs), "p50_s": round(pct(xs, 0.5), 3), "p95_s": round(pct(xs, 0.95), 3),
                         "max_s": round(max(xs), 3) if xs else None}
    run_ids = [r.get("run_id") for r in results.values()]
    summary["distinct_runs"] = len(set(run_ids))
    summary["errors"] = {k: r["error"] for k, r in results.items() if r["error"]}
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
