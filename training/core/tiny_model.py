"""The embedded tiny model: a real Qwen2ForCausalLM with a tokenizer built here, offline.

It is saved with save_pretrained() and loaded with AutoTokenizer / AutoModelForCausalLM, so every
later piece of code (SFT, evaluation, the app) treats it exactly like a Hugging Face hub model.

Tokenizer: byte-level BPE trained on the world's own traces (so "Wait", " check", " answer" become
single tokens), with every digit its own token (numbers are read and written digit by digit, which
is what lets a small transformer learn arithmetic), a pad token distinct from EOS (so EOS is
trained), and a chat template with <think>.
"""

from __future__ import annotations

import json
from pathlib import Path

from training.task.traces import STYLES, write_trace
from training.task.world import PRESETS, problems

PAD = "<|endoftext|>"
IM_START = "<|im_start|>"
IM_END = "<|im_end|>"  # the end-of-turn token: EOS for generation
THINK, END_THINK = "<think>", "</think>"
SPECIAL_TOKENS = [PAD, IM_START, IM_END]

# Qwen2.5-style turns. `thinking=true` opens the assistant turn with <think> (same mode at training
# and inference: the trace text itself starts with <think> for long CoT, so by default we add nothing).
CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}"
    "{{- '<|im_start|>assistant\n' }}"
    "{%- if thinking is defined and thinking %}{{- '<think>\n' }}{%- endif %}"
    "{%- endif %}"
)

# Qwen2's own pre-tokenizer pattern: digits one at a time, words with their leading space or
# punctuation, runs of punctuation, newlines. We use it verbatim because transformers loads any
# folder whose config says qwen2 with Qwen2Tokenizer, which re-installs this pattern whatever the
# tokenizer.json says (seen with transformers 5.19): with the same pattern, both load paths split text identically
# (tests/test_tiny_model.py checks it).
SPLIT_PATTERN = (r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}"""
                 r"""| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""")

# Model sizes (Qwen2 shapes). Parameter counts include the tied embedding (vocab ~ 512).
SIZES = {
    # the size ladder below the shipped micro (training/LOG.md, 2026-12-05): ~0.3M, heads of 32
    "pico": dict(hidden_size=64, intermediate_size=256, num_hidden_layers=4, num_attention_heads=2,
                 num_key_value_heads=1),
    "nano": dict(hidden_size=128, intermediate_size=384, num_hidden_layers=4, num_attention_heads=4,
                 num_key_value_heads=2),
    "micro": dict(hidden_size=192, intermediate_size=576, num_hidden_layers=6, num_attention_heads=6,
                  num_key_value_heads=2),
    "small": dict(hidden_size=256, intermediate_size=768, num_hidden_layers=8, num_attention_heads=8,
                  num_key_value_heads=4),
    # the size ladder above the shipped micro (training/LOG.md, 2026-12-03): head_dim 64 (vLLM's CPU attention
    # takes 32, 64, 80, ...), wide and shallow, which runs faster per parameter on a CPU than deep and narrow
    "medium": dict(hidden_size=384, intermediate_size=1024, num_hidden_layers=6, num_attention_heads=6,
                   num_key_value_heads=2),
    "large": dict(hidden_size=512, intermediate_size=1536, num_hidden_layers=8, num_attention_heads=8,
                  num_key_value_heads=2),
    # for unit tests: builds and trains in well under a second
    "test": dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                 num_key_value_heads=1),
}


def tokenizer_corpus(n_per_preset: int = 400) -> list[str]:
    """Texts the BPE is trained on: prompts and traces of every style, from every preset."""
    texts = []
    for name in PRESETS:
        for p in problems(name, "train", n_per_preset):
            texts.append(p.prompt)
            for style in STYLES:
                texts.append(write_trace(p, style, seed=p.index))
    return texts


def build_tokenizer(vocab_size: int = 512, corpus: list[str] | None = None):
    """Train the byte-level BPE and wrap it as a transformers fast tokenizer."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()  # as Qwen2Tokenizer sets it on load
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(SPLIT_PATTERN), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        min_frequency=20,
        show_progress=False,
    )
    tok.train_from_iterator(corpus if corpus is not None else tokenizer_corpus(), trainer=trainer)
    # <think> and </think> are single tokens but not "special": decoding keeps them in the text.
    tok.add_tokens([AddedToken(t, special=False, normalized=False) for t in (THINK, END_THINK)])
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token=IM_END,
        pad_token=PAD,
        padding_side="left",  # generation pads on the left; training code sets right itself
        model_max_length=4096,
    )
    fast.chat_template = CHAT_TEMPLATE
    return fast


def build_model(tokenizer, size: str = "micro", max_positions: int = 2048, seed: int = 0):
    """A freshly initialised Qwen2ForCausalLM sized for the tokenizer."""
    import torch
    from transformers import GenerationConfig, Qwen2Config, Qwen2ForCausalLM

    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose from {sorted(SIZES)}")
    cfg = Qwen2Config(
        vocab_size=len(tokenizer),
        max_position_embeddings=max_positions,
        tie_word_embeddings=True,
        rope_theta=10000.0,
        bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids(IM_END),
        pad_token_id=tokenizer.pad_token_id,
        **SIZES[size],
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(cfg)
    model.generation_config = GenerationConfig(
        eos_token_id=cfg.eos_token_id, pad_token_id=cfg.pad_token_id, do_sample=False,
        max_new_tokens=1024,
    )
    return model


def save_tiny(model, tokenizer, out_dir: str | Path, metrics: dict | None = None) -> Path:
    """save_pretrained both, pin the tokenizer class, align generation_config's EOS."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.generation_config.eos_token_id = tokenizer.convert_tokens_to_ids(IM_END)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    # transformers loads a qwen2 folder with Qwen2Tokenizer whatever we write here; say so
    # honestly (our vocabulary, merges and special tokens are kept; the split pattern is Qwen2's).
    tc_path = out / "tokenizer_config.json"
    tc = json.loads(tc_path.read_text())
    tc["tokenizer_class"] = "Qwen2Tokenizer"
    tc_path.write_text(json.dumps(tc, indent=2) + "\n")
    if metrics is not None:
        (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return out


def n_params(model) -> int:
    return sum(p.numel() for p in model.parameters())
