"""Which precision this machine can actually run fast: bf16 autocast or plain fp32, chosen by measurement.

    prec = resolve("auto", "cpu", shape=(2048, 192, 576))   # Precision(name="fp32", reason="...")
    with prec.autocast("cpu"): ...                           # bf16 autocast, or nothing

bf16 halves the bytes of every activation, and on CPUs with bf16 instructions (AVX-512 BF16, AMX) or a
recent GPU its matrix products are faster than fp32. On CPUs without them (AVX2 only: many laptops and
cloud machines) bf16 is emulated, and a bf16 matrix product runs 100x slower than fp32 (measured: 0.9
against 183 GFLOP/s on a 2-core AVX2 machine). So `auto` never assumes:

- on CUDA: bf16 where the GPU supports it, fp32 otherwise;
- on a CPU: a short probe times one matrix product of the model's own shape in fp32 and under bf16
  autocast, forward and backward; bf16 is used only if it is at least 10% faster. The result is cached
  per machine (CPU model, capability, torch version, threads, shape) under $VALLEY_HOME/cache, so only the
  first run on a machine pays for the probe (well under a second).

Explicit "fp32" or "bf16" always wins. Every run records the precision it used and why (metrics.json).
"""

from __future__ import annotations

import contextlib
import json
import platform
import time
from dataclasses import asdict, dataclass, field

import torch

from training.core import paths

CHOICES = ("auto", "fp32", "bf16")
MARGIN = 0.9   # bf16 must take at most 90% of fp32's time to be chosen


@dataclass
class Precision:
    name: str                      # "fp32" | "bf16": what the run uses
    reason: str                    # why, in words
    requested: str = "auto"
    probe: dict = field(default_factory=dict)  # the measurement behind an automatic choice on a CPU

    @property
    def bf16(self) -> bool:
        return self.name == "bf16"

    def autocast(self, device_type: str):
        """bf16 autocast when chosen (weights stay fp32), else a no-op context."""
        if not self.bf16:
            return contextlib.nullcontext()
        return torch.autocast(device_type, dtype=torch.bfloat16)

    def to_dict(self) -> dict:
        return asdict(self)


def resolve_generation(requested: str, device: str) -> Precision:
    """The precision of the weights generation runs with: `requested` if explicit; else bf16 on a GPU that
    supports it and fp32 on a CPU. On a CPU no probe decides: decoding a few hundred rows is bound by
    memory traffic and per-step overhead, not by matrix products, and bf16 weights were no faster even
    on a CPU with bf16 instructions (10.8 s against 10.7 s for 200 answers, training/LOG.md) while they
    change greedy answers."""
    check(requested)
    if requested != "auto":
        return Precision(requested, f"asked for {requested}", requested)
    if str(device).startswith("cuda") and torch.cuda.is_bf16_supported():
        return Precision("bf16", f"the GPU ({torch.cuda.get_device_name(0)}) supports bf16")
    where = "a GPU without bf16" if str(device).startswith("cuda") else "a CPU"
    return Precision("fp32", f"generation on {where} runs fp32 (bf16 decoding was no faster on CPUs, and it "
                             f"changes greedy answers)")


def dtype_of(prec: Precision) -> torch.dtype:
    return torch.bfloat16 if prec.bf16 else torch.float32


def check(requested: str) -> str:
    if requested not in CHOICES:
        raise ValueError(f"precision must be one of {list(CHOICES)}, got {requested!r}")
    return requested


def resolve(requested: str, device: str, shape: tuple[int, int, int] = (2048, 192, 576), model=None) -> Precision:
    """The precision a run uses: `requested` if explicit, else chosen for `device` (by measurement on a CPU).

    shape: (tokens, in_features, out_features) of a typical matrix product of the run (a batch of
    tokens through the model's widest layer).
    model: when given and the probe picks bf16 on a CPU, one real forward and backward step of this model runs
    under bf16 autocast before the choice stands; if it fails, the run uses fp32 and says why. (A matrix
    product can be fast in bf16 while the model's attention has no bf16 kernel for this CPU: seen with
    ATEN_CPU_CAPABILITY=avx2 on an AMX CPU, "pack_vnni2 is only supported when avx512 is supported".)"""
    check(requested)
    device = "cuda" if str(device).startswith("cuda") else "cpu"
    if requested != "auto":
        return Precision(requested, f"asked for {requested}", requested)
    if device == "cuda":
        if torch.cuda.is_bf16_supported():
            return Precision("bf16", f"the GPU ({torch.cuda.get_device_name(0)}) supports bf16")
        return Precision("fp32", f"the GPU ({torch.cuda.get_device_name(0)}) has no bf16 support")
    probe = probe_cpu(shape)
    ratio = probe["bf16_s"] / probe["fp32_s"]
    where = f"{probe['capability']} CPU, {probe['threads']} threads"
    if ratio <= MARGIN:
        failure = model_step_fails(model) if model is not None else None
        if failure:
            return Precision("fp32", f"bf16 autocast measured {1 / ratio:.1f}x faster than fp32 here ({where}), but "
                                     f"one training step of the model failed under it ({failure}): fp32",
                             probe={**probe, "model_step": failure})
        return Precision("bf16", f"bf16 autocast measured {1 / ratio:.1f}x faster than fp32 here ({where})"
                         + (", and one training step of the model ran under it" if model is not None else ""),
                         probe=probe)
    return Precision("fp32", f"bf16 autocast measured {ratio:.1f}x the time of fp32 here ({where}): no fast "
                             f"bf16 on this CPU", probe=probe)


def model_step_fails(model) -> str | None:
    """Run one forward and backward pass of `model` on a few tokens under bf16 autocast on the CPU; the
    error in words if it fails, None if it ran. Gradients are cleared afterwards: nothing is trained."""
    try:
        vocab = getattr(model.config, "vocab_size", 100)
        ids = torch.randint(0, min(vocab, 100), (2, 16))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = model(input_ids=ids, labels=ids)
        out.loss.backward()
    except Exception as e:  # noqa: BLE001 - any failure means bf16 is not usable for this model here
        return f"{type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}"
    finally:
        model.zero_grad(set_to_none=True)
    return None


def model_shape(model, tokens: int) -> tuple[int, int, int]:
    """(tokens, hidden, intermediate): the probe's matrix product for a model and a batch of tokens."""
    cfg = getattr(model, "config", None)
    hidden = getattr(cfg, "hidden_size", 192)
    return tokens, hidden, getattr(cfg, "intermediate_size", None) or 4 * hidden


def probe_cpu(shape: tuple[int, int, int], reps: int = 3) -> dict:
    """Seconds for one forward+backward of F.linear at `shape`, fp32 and bf16 autocast (cached per machine)."""
    threads = torch.get_num_threads()
    capability = torch.backends.cpu.get_cpu_capability()
    key = f"{_cpu_name()}|{capability}|torch {torch.__version__}|{threads} threads|{shape}"
    cache = paths.home() / "cache" / "precision.json"
    try:
        known = json.loads(cache.read_text())
    except (OSError, ValueError):
        known = {}
    if key in known:
        return known[key]
    tokens, d_in, d_out = shape
    tokens = min(tokens, 256)  # emulated bf16 is slow: a short probe still tells 100x from 1.2x
    x = torch.randn(tokens, d_in, requires_grad=True)
    w = torch.randn(d_out, d_in, requires_grad=True)

    def timed(bf16: bool) -> float:
        best = float("inf")
        for _ in range(reps + 1):  # the first is a warm-up
            t = time.perf_counter()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                y = torch.nn.functional.linear(x, w)
            y.float().sum().backward()
            best = min(best, time.perf_counter() - t)
        return best

    result = {"fp32_s": timed(False), "bf16_s": timed(True), "shape": [tokens, d_in, d_out],
              "capability": capability, "threads": threads, "torch": torch.__version__, "cpu": _cpu_name(),
              "measured": time.strftime("%Y-%m-%d %H:%M:%S")}
    known[key] = result
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(known, indent=1))
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home: measure again next time
    return result


def _cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
