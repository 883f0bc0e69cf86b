"""The embedded model's tokenizer and shapes: digits split, the chat template, both load paths alike, save/load."""

import json

import torch

from training.core.tiny_model import IM_END, PAD, build_model, save_tiny
from training.task.traces import write_trace
from training.task.world import problems


def test_tokenizer_round_trip_and_digits(tokenizer):
    texts = [write_trace(p, s, seed=1) for p in problems("classroom", "test", 20) for s in ("short", "long")]
    texts += ["Wait!!  12,345 x\n\n  foo", "\\frac{93}{3} = 31 ✓ ünïcödé", "   \t\n"]
    for t in texts:
        ids = tokenizer(t)["input_ids"]
        assert tokenizer.decode(ids) == t
    # every digit is a token of its own
    ids = tokenizer("4758")["input_ids"]
    assert [tokenizer.decode([i]) for i in ids] == ["4", "7", "5", "8"]
    # reflection words are single tokens
    for w in ("Wait", " check", " answer"):
        assert len(tokenizer(w)["input_ids"]) == 1, w


def test_special_tokens_and_chat_template(tokenizer):
    assert tokenizer.pad_token == PAD and tokenizer.eos_token == IM_END
    assert tokenizer.pad_token_id != tokenizer.eos_token_id
    msgs = [{"role": "user", "content": "Compute 1+2"}]
    plain = tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)
    think = tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True, thinking=True)
    assert plain == "<|im_start|>user\nCompute 1+2<|im_end|>\n<|im_start|>assistant\n"
    assert think == plain + "<think>\n"
    ids = tokenizer("<think>\nx</think>")["input_ids"]
    assert tokenizer.convert_ids_to_tokens(ids)[0] == "<think>"
    assert "<think>" in tokenizer.decode(ids, skip_special_tokens=True)


def test_save_load_round_trip(tokenizer, tmp_path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = build_model(tokenizer, "test")
    save_tiny(model, tokenizer, tmp_path, {"note": "x"})
    tok2 = AutoTokenizer.from_pretrained(tmp_path)
    model2 = AutoModelForCausalLM.from_pretrained(tmp_path)
    text = write_trace(problems("classroom", "test", 1)[0], "long")
    assert tok2(text)["input_ids"] == tokenizer(text)["input_ids"]
    assert tok2.pad_token_id == tokenizer.pad_token_id
    x = torch.tensor([tokenizer(text)["input_ids"]])
    assert torch.equal(model(x).logits, model2(x).logits)
    assert model2.generation_config.eos_token_id == tokenizer.convert_tokens_to_ids(IM_END)
    assert type(model2).__name__ == "Qwen2ForCausalLM"
    assert json.loads((tmp_path / "metrics.json").read_text()) == {"note": "x"}
