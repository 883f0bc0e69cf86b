"""Through the Valley Lab: the Gradio app. `python -m app` serves it on 127.0.0.1:7860."""
