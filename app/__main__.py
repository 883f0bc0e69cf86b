"""python -m app [--port 7860] [--host 127.0.0.1] [--max-runs N] [--allow-local-models] [--max-upload-mb 20]"""

import argparse
import os

for k, v in {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1",
             "TOKENIZERS_PARALLELISM": "false"}.items():
    os.environ.setdefault(k, v)


def main():
    ap = argparse.ArgumentParser(description="Through the Valley Lab")
    ap.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", 7860)))
    ap.add_argument("--max-runs", type=int, default=0,
                    help="training runs at the same time, the rest queue (default: 8 on a GPU, 1 on a CPU)")
    ap.add_argument("--allow-local-models", action="store_true",
                    help="let users type a folder of this server as their model (off: hub ids and the embedded model)")
    ap.add_argument("--max-upload-mb", type=float, default=20.0, help="the largest training file a user may upload")
    a = ap.parse_args()
    from app.main import build_app, launch_kwargs

    demo = build_app(max_runs=a.max_runs, allow_local_models=a.allow_local_models, max_upload_mb=a.max_upload_mb)
    try:
        demo.launch(server_name=a.host, server_port=a.port, **launch_kwargs(a.max_upload_mb))
    finally:
        demo.ctx.runs.shutdown()  # no training process outlives the app


if __name__ == "__main__":
    main()
