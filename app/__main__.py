"""python -m app [--port 7860] [--host 127.0.0.1] [--max-runs N] [--allow-local-models] [--max-upload-mb 20]
                 [--class-name NAME] [--teacher-key KEY] [--keep-hours 3] [--disk-cap-mb MB]
                 [--class-runs-only]

A class on one shared machine: `python -m app --host 0.0.0.0` serves every device on the school network and prints
the addresses students open (this machine's own IPv4 addresses, app.network)."""

import argparse
import os

for k, v in {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1",
             "TOKENIZERS_PARALLELISM": "false"}.items():
    os.environ.setdefault(k, v)


def main():
    ap = argparse.ArgumentParser(description="Through the Valley Lab")
    ap.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                    help="the address to serve on: 0.0.0.0 lets students' devices on the same network reach the "
                         "app (the start line prints the addresses to give them); default this machine only")
    ap.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", 7860)))
    ap.add_argument("--max-runs", type=int, default=0,
                    help="training runs at the same time, the rest queue (default: 8 on a GPU, 1 on a CPU)")
    ap.add_argument("--allow-local-models", action="store_true",
                    help="let users type a folder of this server as their model (off: hub ids and the embedded model)")
    ap.add_argument("--max-upload-mb", type=float, default=20.0, help="the largest training file a user may upload")
    ap.add_argument("--class-name", default=os.environ.get("VALLEY_CLASS", ""),
                    help="start a class of this name (its plot and rungs start empty); default: go on with the last")
    ap.add_argument("--teacher-key", default=os.environ.get("VALLEY_TEACHER_KEY", ""),
                    help="a key that unlocks 'Start a new class' and the teachers' documents (answer key, instructor "
                         "notes); without one, nobody sees them in the app (env VALLEY_TEACHER_KEY)")
    ap.add_argument("--keep-hours", type=float, default=3.0,
                    help="runs finished this recently are never removed to free disk space")
    ap.add_argument("--disk-cap-mb", type=float, default=0.0,
                    help="the app's runs folder beyond which old runs are removed (default: a fifth of the free disk)")
    ap.add_argument("--class-window-min", type=float, default=20.0,
                    help="'Assign me an N' hands out only rungs the class can train within this many minutes")
    ap.add_argument("--class-runs-only", action="store_true", default=bool(os.environ.get("VALLEY_CLASS_RUNS_ONLY")),
                    help="keep RL (GRPO) and real-SLM runs off the shared queue: on a CPU each holds the one training "
                         "slot for many minutes (env VALLEY_CLASS_RUNS_ONLY=1)")
    a = ap.parse_args()
    from app.main import build_app, launch_kwargs
    from app.network import start_banner

    demo = build_app(max_runs=a.max_runs, allow_local_models=a.allow_local_models, max_upload_mb=a.max_upload_mb,
                     class_name=a.class_name, teacher_key=a.teacher_key, keep_hours=a.keep_hours,
                     disk_cap_mb=a.disk_cap_mb, class_window_min=a.class_window_min,
                     class_runs_only=a.class_runs_only)
    try:
        # quiet: Gradio's own line names 0.0.0.0, which no student can open; the banner names the LAN addresses
        demo.launch(server_name=a.host, server_port=a.port, prevent_thread_lock=True, quiet=True,
                    **launch_kwargs(a.max_upload_mb))
        print(start_banner(a.host, a.port), flush=True)
        demo.block_thread()
    finally:
        demo.ctx.runs.shutdown()  # no training process outlives the app


if __name__ == "__main__":
    main()
