"""Load a model and its tokenizer from one name: the embedded tiny model, a local folder or a hub id.

    model, tok = load_model("tiny")                            # assets/tiny-base, offline
    model, tok = load_model("/path/to/folder")                 # anything saved with save_pretrained
    model, tok = load_model("Qwen/Qwen2.5-0.5B-Instruct")      # the hub (where it is reachable)

The same code path serves all three, so whatever works on the tiny model works on a real one.
A name that cannot be loaded raises ModelLoadError with a message a person can act on.
"""

from __future__ import annotations

from pathlib import Path

from training import paths

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


class ModelLoadError(RuntimeError):
    pass


def resolve(source: str | Path | None) -> str:
    """'tiny' -> the embedded model's folder; anything else unchanged."""
    if source is None or str(source).strip() in TINY_ALIASES:
        return str(paths.TINY_BASE)
    return str(source).strip()


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


def load_model(source: str | Path | None = "tiny", dtype: str = "float32", device: str = "cpu"):
    """(model, tokenizer), model in eval mode on `device`."""
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
    model.to(device).eval()
    return model, tokenizer


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
