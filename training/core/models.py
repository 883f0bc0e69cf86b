"""Load a model and its tokenizer from one name: the embedded tiny model, a local folder or a hub id.

    model, tok = load_model("tiny")                            # assets/tiny-base, offline
    model, tok = load_model("/path/to/folder")                 # anything saved with save_pretrained
    model, tok = load_model("Qwen/Qwen2.5-0.5B-Instruct")      # the hub (where it is reachable)
    model, tok = load_model("tiny", adapter="run/adapter")       # + a LoRA adapter (a PeftModel)
    model, tok = load_model("tiny", adapter="run/adapter", merge=True)  # ... folded into the weights

The same code path serves all three, so whatever works on the tiny model works on a real one.
A name that cannot be loaded raises ModelLoadError with a message a person can act on.

The other side of a model's life lives here too: which layers LoRA adapts (LORA_TARGETS), how fast each
method fine-tunes it by default (default_lr), which new tokens it must train (unseen_format_tokens), and how
trained weights are saved (save_weights).
"""

from __future__ import annotations

from pathlib import Path

from training.core import paths, real_slms

# The paper's small models (all instruct variants), offered by the app.
PAPER_MODELS = [
    "Qwen/Qwen2.5-0.5B-Instruct",
    "Qwen/Qwen2.5-1.5B-Instruct",
    "Qwen/Qwen2.5-3B-Instruct",
    "meta-llama/Llama-3.2-1B-Instruct",
    "meta-llama/Llama-3.2-3B-Instruct",
    "google/gemma-3-1b-it",
]
TINY_ALIASES = ("tiny", "tiny-base", "embedded", "")
# Real small language models a fresh machine can get without the Hub (fetched and converted on first use):
# SmolLM2-135M-Instruct and Gemma-3-270M (training.core.real_slms).
REAL_SLMS = [slm.name for slm in real_slms.ALL]

# LoRA target modules by model family (config.model_type): every linear layer of the block.
_BLOCK_LINEARS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
LORA_TARGETS = {"qwen2": _BLOCK_LINEARS, "llama": _BLOCK_LINEARS, "gemma3_text": _BLOCK_LINEARS,
                "gemma3": _BLOCK_LINEARS}

# The default learning rate of each fine-tuning method (training.sft's `lr: 0`), defined here once: for the
# embedded tiny model (its pilots, training/LOG.md: LoRA at 6e-3 learned the long format better than at 2e-3 at
# equal steps) and the usual rates for hub models; LORA_LR: the LoRA rate a pilot chose for one model
# (SmolLM2-135M-Instruct at the hub default 1e-4 never picked up the long format at N=64: no <think>, no
# reflection; at 1e-3 it did).
TINY_LR = {"lora": 6e-3, "full": 3e-4}
HUB_LR = {"lora": 1e-4, "full": 5e-5}
LORA_LR = {"SmolLM2-135M-Instruct": 1e-3}


def default_lr(model: str, method: str, tiny: bool) -> float:
    """The learning rate a fine-tune of `model` with `method` (lora | full) uses unless told otherwise."""
    if tiny:
        return TINY_LR[method]
    return LORA_LR.get(model, HUB_LR["lora"]) if method == "lora" else HUB_LR["full"]


class ModelLoadError(ValueError):
    """A model name, folder or adapter that cannot be loaded here; the message says why and what to do."""


def resolve(source: str | Path | None) -> str:
    """'tiny' -> the embedded model's folder; a real SLM ('SmolLM2-135M-Instruct', 'Gemma-3-270M', or its hub id) ->
    its converted folder (fetched and converted on first use, training.core.real_slms); a portable path ('assets/tiny-base', '$VALLEY_HOME/...',
    as shipped adapters and results record them) -> this machine's folder; anything else unchanged."""
    if source is None or str(source).strip() in TINY_ALIASES:
        return str(paths.TINY_BASE)
    slm = real_slms.find(source)
    if slm is not None:
        try:
            return str(slm.ensure())
        except real_slms.FetchError as e:
            raise ModelLoadError(str(e)) from None
    return paths.concrete(str(source).strip())


def describe(source: str | Path | None) -> dict:
    """What a model name stands for, for every result to record: its name, and for a converted model which
    weights it runs ("4-bit GGUF (Q4_1), dequantized to fp32" or "original weights"), where they came from, and
    its licence."""
    src = str(source or "tiny").strip() or "tiny"
    if src in TINY_ALIASES:
        return {"name": "tiny", "weights": "the embedded model (assets/tiny-base)"}
    slm = real_slms.find(src)
    if slm is not None:
        return real_slms.describe_folder(slm.folder()) or {"name": slm.name, "weights": "not fetched yet",
                                                           "license": slm.license}
    info = real_slms.describe_folder(paths.concrete(src)) if Path(paths.concrete(src)).is_dir() else None
    return info or {"name": paths.portable(src)}


def check_source(source: str | Path | None) -> str:
    """Fail fast, with a clear message, if `source` cannot be a model here (no weights are loaded).

    Returns the resolved name. Used by the app before it launches a run."""
    from transformers import AutoConfig

    src = resolve(source)
    try:
        AutoConfig.from_pretrained(src)
    except Exception as e:  # noqa: BLE001
        raise ModelLoadError(_explain(src, e)) from e
    return src


def is_gemma3(config) -> bool:
    return getattr(config, "model_type", "").startswith("gemma3")


def load_tokenizer(source: str | Path | None):
    from transformers import AutoTokenizer

    src = resolve(source)
    try:
        return AutoTokenizer.from_pretrained(src)
    except Exception as e:  # noqa: BLE001 - turned into one clear message
        raise ModelLoadError(_explain(src, e)) from e


def load_model(source: str | Path | None = "tiny", adapter: str | Path | None = None, merge: bool = False,
               dtype: str = "float32", device: str = "cpu"):
    """(model, tokenizer), model in eval mode on `device`.

    adapter: a LoRA adapter folder applied on top (a PeftModel); merge=True folds it into the
    weights (a plain model again, ~30% faster to generate with, and trainable as a whole)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    src = resolve(source)
    try:
        config = AutoConfig.from_pretrained(src)
        kwargs = {"dtype": getattr(torch, dtype)}
        if is_gemma3(config):
            kwargs["attn_implementation"] = "eager"  # Gemma-3 trains and runs best with eager attention
        model = AutoModelForCausalLM.from_pretrained(src, **kwargs)
    except Exception as e:  # noqa: BLE001
        raise ModelLoadError(_explain(src, e)) from e
    tokenizer = load_tokenizer(src)
    if tokenizer.pad_token_id is None:
        # Never pad with EOS: EOS must stay a trained, meaningful token.
        tokenizer.add_special_tokens({"pad_token": "<|pad|>"})
        model.resize_token_embeddings(len(tokenizer))
    if adapter:
        from peft import PeftModel

        try:
            model = PeftModel.from_pretrained(model, str(adapter))
        except Exception as e:  # noqa: BLE001
            raise ModelLoadError(f"could not load the adapter {str(adapter)!r}: {type(e).__name__}: {e}") from e
        if merge:
            model = model.merge_and_unload()
    model.to(device).eval()
    return model, tokenizer


def lora_targets(model, override: list[str] | None = None) -> list[str]:
    """The modules a LoRA adapter wraps: `override` if given, else every linear layer of the family."""
    if override:
        return list(override)
    mt = getattr(model.config, "model_type", "")
    if mt not in LORA_TARGETS:
        raise ValueError(f"no default LoRA targets for model type {mt!r}; set target_modules")
    return LORA_TARGETS[mt]


def unseen_format_tokens(tokenizer) -> list[int]:
    """<think> / </think> when they are single tokens of their own (our tiny tokenizer).

    The base model never wrote them, so their embeddings are untrained; a LoRA adapter alone cannot
    change embeddings, so these two rows are trained too (PEFT's trainable tokens), as one does for
    any token new to a model. Real models spell <think> with ordinary tokens: nothing to add.
    """
    ids = []
    for t in ("<think>", "</think>"):
        enc = tokenizer(t, add_special_tokens=False)["input_ids"]
        if len(enc) == 1 and enc[0] != tokenizer.unk_token_id:
            ids.append(enc[0])
    return ids


def save_weights(model, tokenizer, out: Path, method: str) -> None:
    """The adapter (method "lora"), or the full model with its tokenizer and an EOS-aligned
    generation config (method "full"). method "tokenizer-and-eos": the weights are already saved
    (by Trainer.save_model, which gathers sharded weights), add the rest."""
    if method != "tokenizer-and-eos":
        model.save_pretrained(out)
    if method == "lora":
        portable_base(out)
        return
    tokenizer.save_pretrained(out)
    # generation must stop at the end-of-turn token the model was trained to emit: a model that never
    # sees EOS in its loss, or a generation config that stops on another token, rambles on forever
    eos = model.generation_config.eos_token_id
    eos = list(eos) if isinstance(eos, (list, tuple)) else ([eos] if eos is not None else [])
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in eos:
        model.generation_config.eos_token_id = [tokenizer.eos_token_id] + eos
        model.generation_config.save_pretrained(out)


def portable_base(adapter: Path) -> None:
    """Make an adapter name its base so that it loads on any machine: the embedded model as 'assets/tiny-base'
    (relative to the repo, where plain peft finds it from the repo's root), a converted real SLM's folder as
    its hub id (plain peft fetches the original weights; load_model uses this machine's converted copy), a run's
    folder as '$VALLEY_HOME/...' (resolved by load_model), a hub id as it is."""
    import json

    cfg_path = Path(adapter) / "adapter_config.json"
    cfg = json.loads(cfg_path.read_text())
    base = cfg.get("base_model_name_or_path") or ""
    slm = real_slms.by_folder(base) if base else None
    name = slm.hub_id if slm else paths.portable(base)
    if base and name != base:
        cfg["base_model_name_or_path"] = name
        cfg_path.write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n")
        card = Path(adapter) / "README.md"  # peft's model card names the base too
        if card.exists():
            card.write_text(card.read_text().replace(base, name))


def _explain(src: str, e: Exception) -> str:
    p = Path(src)
    if p.is_absolute() or src.startswith((".", "~")) or p.exists():
        if not p.exists():
            return f"model folder {src!r} does not exist"
        return f"could not load a model from folder {src!r}: {type(e).__name__}: {e}"
    if "/" not in src:
        return (f"unknown model {src!r}: give 'tiny' (the embedded model), a local folder, "
                f"or a Hugging Face id like 'Qwen/Qwen2.5-0.5B-Instruct'")
    return (f"could not load {src!r} from the Hugging Face Hub ({type(e).__name__}). The weights are "
            f"not in the local cache and the Hub is not reachable from here (offline?), or the id "
            f"is wrong or gated. Download it where you have access, or pass a local folder.")
