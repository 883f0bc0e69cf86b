"""Hugging Face Spaces entry point (README front matter: app_file: space.py).

Spaces sets GRADIO_SERVER_NAME/PORT; on ZeroGPU hardware the Side by Side generation runs under
spaces.GPU (a no-op everywhere else). Training runs stay on the CPU in subprocesses.
"""

import os

for k, v in {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1"}.items():
    os.environ.setdefault(k, v)

from app.main import build_app, launch_kwargs  # noqa: E402

# Settings come from the Space's variables and secrets: VALLEY_MAX_RUNS (0: 8 on a GPU, 1 on a CPU), VALLEY_CLASS (a
# class name), VALLEY_TEACHER_KEY (a secret that unlocks the teacher's controls and documents).
demo = build_app(max_runs=int(os.environ.get("VALLEY_MAX_RUNS", 0)), class_name=os.environ.get("VALLEY_CLASS", ""),
                 teacher_key=os.environ.get("VALLEY_TEACHER_KEY", ""))

if __name__ == "__main__":
    demo.launch(**launch_kwargs())
