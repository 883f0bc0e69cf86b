"""python -m app [--port 7860] [--host 127.0.0.1] [--max-runs 1]"""

import argparse
import os

for k, v in {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1",
             "TOKENIZERS_PARALLELISM": "false"}.items():
    os.environ.setdefault(k, v)


def main():
    ap = argparse.ArgumentParser(description="Through the Valley Lab")
    ap.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", 7860)))
    ap.add_argument("--max-runs", type=int, default=1, help="training runs at the same time (the rest queue)")
    a = ap.parse_args()
    from app.main import build_app, launch_kwargs

    demo = build_app(max_runs=a.max_runs)
    demo.launch(server_name=a.host, server_port=a.port, **launch_kwargs())


if __name__ == "__main__":
    main()
