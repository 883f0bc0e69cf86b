"""Precision chosen by measurement: auto follows the probe (monkeypatched here), explicit settings win,
the probe is cached per machine, and a run records what it used and why."""

import json

import pytest

from training.core import precision


def fake_probe(fp32_s, bf16_s):
    return lambda shape, reps=3: {"fp32_s": fp32_s, "bf16_s": bf16_s, "capability": "TEST", "threads": 2,
                                  "shape": list(shape)}


def test_auto_picks_fp32_when_bf16_is_slower(monkeypatch):
    monkeypatch.setattr(precision, "probe_cpu", fake_probe(0.001, 0.02))  # emulated bf16: 20x slower
    p = precision.resolve("auto", "cpu")
    assert p.name == "fp32" and not p.bf16
    assert "20.0x the time of fp32" in p.reason and p.probe["bf16_s"] == 0.02


def test_auto_picks_bf16_when_bf16_is_faster(monkeypatch):
    monkeypatch.setattr(precision, "probe_cpu", fake_probe(0.002, 0.001))
    p = precision.resolve("auto", "cpu")
    assert p.name == "bf16" and "2.0x faster" in p.reason


def test_a_small_gain_is_not_enough(monkeypatch):
    monkeypatch.setattr(precision, "probe_cpu", fake_probe(0.0010, 0.00095))  # 5% faster: below the margin
    assert precision.resolve("auto", "cpu").name == "fp32"


def test_explicit_settings_win(monkeypatch):
    def no_probe(*a, **k):
        raise AssertionError("an explicit precision must not probe")

    monkeypatch.setattr(precision, "probe_cpu", no_probe)
    assert precision.resolve("bf16", "cpu").name == "bf16"
    assert precision.resolve("fp32", "cuda").name == "fp32"
    assert precision.resolve_generation("bf16", "cpu").name == "bf16"
    assert precision.resolve_generation("auto", "cpu").name == "fp32"
    with pytest.raises(ValueError, match="precision must be one of"):
        precision.resolve("fp16", "cpu")


def test_the_real_probe_is_cached_per_machine(tmp_path, monkeypatch):
    monkeypatch.setenv("VALLEY_HOME", str(tmp_path))
    first = precision.probe_cpu((64, 32, 48), reps=1)
    assert first["fp32_s"] > 0 and first["bf16_s"] > 0
    cached = json.loads((tmp_path / "cache" / "precision.json").read_text())
    assert list(cached.values()) == [first]
    assert precision.probe_cpu((64, 32, 48)) == first  # read back, not measured again


def test_a_run_records_the_precision_it_used_and_why(tiny_base, tmp_path, monkeypatch):
    from training.sft import SFTConfig, main

    monkeypatch.setattr(precision, "probe_cpu", fake_probe(0.001, 0.05))
    m = main(SFTConfig(model=str(tiny_base), world="tiny", n=8, epochs=1, batch_size=4, eval_n=2,
                       eval_max_new_tokens=8, run_dir=str(tmp_path / "run")))
    saved = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert saved["precision"]["name"] == "fp32" and "50.0x the time" in saved["precision"]["reason"]
    assert saved["eval"]["precision"]["name"] == "fp32" and saved["eval"]["precision"]["reason"]
    assert m["precision"] == saved["precision"]


def test_a_bf16_pick_that_crashes_the_model_falls_back_to_fp32(monkeypatch, tiny_base):
    """The matmul probe can say bf16 while the model's own step fails under it (seen: attention on an AMX CPU
    forced to AVX2). One real step decides; the reason is recorded."""
    import torch

    from training.core import precision
    from training.core.models import load_model

    monkeypatch.setattr(precision, "probe_cpu", lambda shape: {"fp32_s": 1.0, "bf16_s": 0.5, "capability": "AVX512",
                                                              "threads": 2})
    model, _ = load_model(str(tiny_base))
    ok = precision.resolve("auto", "cpu", model=model)
    assert ok.name == "bf16" and "training step of the model ran" in ok.reason
    assert all(p.grad is None for p in model.parameters())  # the check trains nothing

    def broken(*a, **k):
        raise RuntimeError("pack_vnni2 is only supported when avx512 is supported")
    monkeypatch.setattr(torch.nn.functional, "scaled_dot_product_attention", broken)
    monkeypatch.setattr(model.config, "_attn_implementation", "sdpa", raising=False)
    bad = precision.resolve("auto", "cpu", model=model)
    assert bad.name == "fp32" and "pack_vnni2" in bad.reason and bad.probe["model_step"]
