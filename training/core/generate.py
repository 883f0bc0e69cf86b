"""Batched generation with a KV cache on CPU (transformers), the way evaluation and the app use it.

    gens = generate(model, tokenizer, prompts, max_new_tokens=512)                 # greedy
    gens = generate(model, tokenizer, prompts, temperature=0.6, top_p=0.95, n=4)   # avg@4 sampling

Each result says how it ended: "stop" (the model emitted its end-of-turn token) or "length" (it
hit the max-new-tokens cap: a truncated answer, counted as such by evaluation).

Why batches: one forward pass over 64 sequences costs little more than over one on a CPU for a
model this small, so batching is 15-30x faster than calling generate() per problem
(training/bench.py measures it).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

import torch

from training.core import decoder
from training.core.encode import chat_prompt


@dataclass
class Generation:
    prompt: str
    text: str
    n_tokens: int
    finish: str  # "stop" | "length"
    sample: int = 0  # which of the n samples of this prompt


def eos_ids(model, tokenizer) -> list[int]:
    """Every token that ends a turn: generation_config's EOS (int or list) and the tokenizer's."""
    ids = model.generation_config.eos_token_id
    ids = list(ids) if isinstance(ids, (list, tuple)) else ([ids] if ids is not None else [])
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in ids:
        ids.append(tokenizer.eos_token_id)
    return ids


@torch.no_grad()
def generate(
    model,
    tokenizer,
    prompts: list[str],
    max_new_tokens: int = 512,
    temperature: float = 0.0,
    top_p: float = 1.0,
    n: int = 1,
    seed: int = 0,
    batch_size: int = 64,
    thinking: bool = False,
    progress: Callable[[int, int], None] | None = None,
    lean: bool = True,
) -> list[Generation]:
    """Generate for every prompt (n samples each when sampling). Order: prompt-major, sample-minor.
    progress(done, total): answers finished so far, called as answers end inside a batch too (a batch of 200 long
    answers takes minutes on a CPU: the page shows them land).
    lean: decode a LoRA (PEFT) model through a merged copy on the lean path (lean_model); False: the model as it
    is (an unmerged adapter through transformers' forward, the previous implementation)."""
    if temperature < 0 or not 0 < top_p <= 1:
        raise ValueError("temperature must be >= 0 and top_p in (0, 1]")
    if temperature == 0 and n > 1:
        raise ValueError("greedy decoding gives the same answer n times; sample (temperature > 0) for n > 1")
    model.eval()
    if lean:
        model = lean_model(model)
    stop_ids = eos_ids(model, tokenizer)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stop_ids[0]
    texts = [chat_prompt(tokenizer, p, thinking=thinking) for p in prompts]
    enc = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]
    jobs = [(i, s) for i in range(len(prompts)) for s in range(n)]
    order = sorted(range(len(jobs)), key=lambda j: len(enc[jobs[j][0]]))  # similar lengths together
    out: list[Generation | None] = [None] * len(jobs)
    gen = torch.Generator().manual_seed(seed)
    done = 0
    for b in range(0, len(order), batch_size):
        chunk = order[b:b + batch_size]
        ended = (lambda k, before=done: progress(before + k, len(jobs))) if progress else None
        results = decode_batch(model, [enc[jobs[j][0]] for j in chunk], pad_id, stop_ids, max_new_tokens,
                               temperature, top_p, gen, ended)
        for j, (new, finish) in zip(chunk, results):
            i, s = jobs[j]
            out[j] = Generation(prompts[i], tokenizer.decode(new, skip_special_tokens=True),
                                len(new) + (finish == "stop"), finish, s)
        done += len(chunk)
        if progress:
            progress(done, len(jobs))
    return out  # type: ignore[return-value]


def lean_model(model):
    """The model to decode with: `model` itself, or for a LoRA (PEFT) model that the lean decoder cannot run as it
    is, a copy with the adapter folded into its weights (W + scale * B @ A, PEFT's own merge), which it can. The
    model itself is left as it is (a training run goes on training its adapter). Folding costs one copy of the
    weights and changes the arithmetic only by rounding: greedy answers stay those of the unmerged model
    (tests/test_generate.py, training/bench.py)."""
    if decoder.supports(model) or not _active_lora(model):
        return model
    merged = copy.deepcopy(model).merge_and_unload().eval()
    return merged if decoder.supports(merged) else model


def _active_lora(model) -> bool:
    """A PEFT model whose adapters are all LoRA (or trainable tokens) and switched on."""
    configs = getattr(model, "peft_config", None)
    if not configs or not hasattr(model, "merge_and_unload"):
        return False
    if any(getattr(c, "peft_type", None) != "LORA" for c in configs.values()):  # PeftType is a str enum
        return False
    return not any(getattr(m, "disable_adapters", False) for m in model.modules() if hasattr(m, "base_layer"))


def pick_next(logits: torch.Tensor, temperature: float, top_p: float, gen: torch.Generator) -> torch.Tensor:
    """Greedy, or nucleus sampling: keep the smallest set of the most likely tokens whose probability reaches top_p
    (the most likely token is always kept), and draw one of them in proportion to its probability.

    The draw takes one uniform number per row from the seeded CPU generator (the same samples on any device) and
    picks the token where the running sum of the nucleus' probabilities, most likely token first, passes that share
    of their total. Only the NUCLEUS_CANDIDATES most likely tokens of a row are sorted (a row whose nucleus reaches
    past them is sorted whole). The previous scheme sorted the whole vocabulary and drew through torch.multinomial,
    which spends one exponential random number on every token of the vocabulary: on SmolLM2's 49,152 tokens the sort
    and the draws cost about as much as a decode step's matrix products, or more (training/LOG.md, 2026-12-05;
    training/bench.py --only slm_eval). The distribution is the same; the samples of a seed are not those of the
    previous scheme (results sampled before 2026-12-05 are not reproduced bit for bit). Greedy is untouched."""
    if temperature == 0:
        return logits.argmax(-1)
    u = torch.rand(logits.shape[0], 1, generator=gen, dtype=torch.float64).to(logits.device)
    probs = torch.softmax(logits.float() / temperature, dim=-1)
    if top_p >= 1:
        return inverse_cdf(probs, u)
    top, idx = probs.topk(min(NUCLEUS_CANDIDATES, probs.shape[-1]), dim=-1)
    top, inside = nucleus_cut(top, top_p)
    tok = idx.gather(-1, inverse_cdf(top, u)[:, None]).squeeze(-1)
    if not bool(inside.all()):
        rest = (~inside).nonzero().squeeze(-1)
        whole, whole_idx = probs[rest].sort(dim=-1, descending=True)
        tok[rest] = whole_idx.gather(-1, inverse_cdf(nucleus_cut(whole, top_p)[0], u[rest])[:, None]).squeeze(-1)
    return tok


NUCLEUS_CANDIDATES = 64  # the most likely tokens pick_next sorts; a row whose nucleus is wider is sorted whole


def nucleus_cut(sorted_p: torch.Tensor, top_p: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Probabilities in descending order (rows, k) with the tokens past each row's nucleus set to zero, and whether
    each row's nucleus ended inside these k (False: it may reach past them)."""
    keep = sorted_p.cumsum(-1) - sorted_p < top_p
    return sorted_p * keep, ~keep[:, -1]


def inverse_cdf(p: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """The position in each row of p (rows, k; non-negative, not all zero) where the running sum first passes u
    (rows, 1; in [0, 1)) times the row's total: a draw in proportion to p. Never a zero-probability position."""
    c = p.double().cumsum(-1)
    pos = torch.searchsorted(c, u * c[:, -1:], right=True).squeeze(-1)
    last = p.shape[-1] - 1 - (p > 0).flip(-1).int().argmax(-1)  # rounding can put u * total at the total itself
    return torch.minimum(pos, last)


def left_pad(prompts_ids: list[list[int]], pad_id: int, device) -> tuple[torch.Tensor, torch.Tensor]:
    """Prompts of different lengths as one left-padded batch (ids, mask): every row ends at the last column."""
    width = max(len(p) for p in prompts_ids)
    ids = torch.full((len(prompts_ids), width), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for r, p in enumerate(prompts_ids):
        ids[r, width - len(p):] = torch.tensor(p)
        mask[r, width - len(p):] = 1
    return ids.to(device), mask.to(device)


@torch.no_grad()
def decode_batch(model, prompts_ids: list[list[int]], pad_id: int, stop_ids: list[int], max_new_tokens: int,
                 temperature: float, top_p: float, gen: torch.Generator,
                 ended: Callable[[int], None] | None = None) -> list[tuple[list[int], str]]:
    """One left-padded batch through a KV-cached decode loop that drops rows as they finish; ended(k), if given,
    hears how many rows of the batch have finished each time more do.

    transformers' generate() keeps finished rows in the batch until the longest one ends; with long
    chain-of-thought outputs of very different lengths, dropping them saves a large share of the
    work (training/bench.py measures both). Qwen2/Llama models take the lean path of
    training.core.decoder; every other model goes through its own forward with transformers' cache.
    """
    if decoder.supports(model):
        return _decode_fast(model, prompts_ids, pad_id, stop_ids, max_new_tokens, temperature, top_p, gen, ended)
    return _decode_general(model, prompts_ids, pad_id, stop_ids, max_new_tokens, temperature, top_p, gen, ended)


def _decode_fast(model, prompts_ids, pad_id, stop_ids, max_new_tokens, temperature, top_p, gen, ended_cb=None):
    device = next(model.parameters()).device
    ids, mask = left_pad(prompts_ids, pad_id, device)
    n = len(prompts_ids)
    stop = torch.tensor(stop_ids, device=device)
    dec = decoder.Decoder(model, capacity=min(max_new_tokens, 256))
    logits = dec.prefill(ids, mask)
    rows = torch.arange(n, device=device)            # original row of each batch row
    live = torch.ones(n, dtype=torch.bool, device=device)
    out = torch.full((n, max_new_tokens), pad_id, dtype=torch.long, device=device)
    length = torch.full((n,), max_new_tokens, dtype=torch.long, device=device)
    stopped = torch.zeros(n, dtype=torch.bool, device=device)
    for step in range(max_new_tokens):
        idx = live.nonzero().squeeze(1)               # live rows of the current batch
        tok = pick_next(logits[idx], temperature, top_p, gen)  # draws only for live rows, as the general path
        ended = torch.isin(tok, stop)
        out[rows[idx], step] = tok
        length[rows[idx[ended]]] = step
        stopped[rows[idx[ended]]] = True
        live[idx[ended]] = False
        n_live = int(live.sum())
        if ended_cb and bool(ended.any()):
            ended_cb(n - n_live)
        if n_live == 0:
            break
        full = torch.full((live.shape[0],), pad_id, dtype=torch.long, device=device)
        full[idx] = tok
        if n_live <= 0.8 * live.shape[0]:             # drop finished rows once a fifth of the batch is done
            keep = live.nonzero().squeeze(1)
            dec.keep(keep)
            rows, full, live = rows[keep], full[keep], live[keep]
        logits = dec.step(full)
    lengths, finished = length.tolist(), stopped.tolist()
    out = out.tolist()
    return [(out[r][:lengths[r]], "stop" if finished[r] else "length") for r in range(n)]


def _decode_general(model, prompts_ids, pad_id, stop_ids, max_new_tokens, temperature, top_p, gen, ended_cb=None):
    from transformers import DynamicCache

    device = next(model.parameters()).device
    ids, mask = left_pad(prompts_ids, pad_id, device)
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    cache = DynamicCache(config=model.config)
    stop = torch.tensor(stop_ids, device=device)
    alive = list(range(len(prompts_ids)))           # original row of each live row
    outs: list[list[int]] = [[] for _ in prompts_ids]
    finish = ["length"] * len(prompts_ids)
    logits = model(input_ids=ids, attention_mask=mask, position_ids=pos, past_key_values=cache,
                   use_cache=True).logits[:, -1, :]
    next_pos = pos[:, -1] + 1
    for _ in range(max_new_tokens):
        tok = pick_next(logits, temperature, top_p, gen)
        ended = torch.isin(tok, stop)
        tok_list, ended_list = tok.tolist(), ended.tolist()
        for r, (t, e) in enumerate(zip(tok_list, ended_list)):
            if e:
                finish[alive[r]] = "stop"
            else:
                outs[alive[r]].append(t)
        if ended_cb and any(ended_list):
            ended_cb(sum(f == "stop" for f in finish))
        if all(ended_list):
            break
        if any(ended_list):  # drop finished rows from the batch and the cache
            keep = torch.tensor([r for r, e in enumerate(ended_list) if not e], device=device)
            cache.batch_select_indices(keep)
            tok, mask, next_pos = tok[keep], mask[keep], next_pos[keep]
            alive = [alive[r] for r in keep.tolist()]
        mask = torch.cat([mask, torch.ones_like(mask[:, :1])], dim=-1)
        logits = model(input_ids=tok[:, None], attention_mask=mask, position_ids=next_pos[:, None],
                       past_key_values=cache, use_cache=True).logits[:, -1, :]
        next_pos = next_pos + 1
    return [(outs[r], finish[r]) for r in range(len(prompts_ids))]


@torch.no_grad()
def generate_hf(model, tokenizer, prompts: list[str], max_new_tokens: int = 512, batch_size: int = 64,
                thinking: bool = False) -> list[Generation]:
    """Greedy generation through transformers' own generate(): the reference our loop must match."""
    stop_ids = eos_ids(model, tokenizer)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stop_ids[0]
    out = []
    for b in range(0, len(prompts), batch_size):
        chunk = prompts[b:b + batch_size]
        enc = tokenizer([chat_prompt(tokenizer, p, thinking=thinking) for p in chunk], return_tensors="pt",
                        padding=True, add_special_tokens=False, padding_side="left")
        seqs = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False, eos_token_id=stop_ids,
                              pad_token_id=pad_id)
        for r, p in enumerate(chunk):
            new = seqs[r, enc["input_ids"].shape[1]:].tolist()
            finish = "length"
            for k, t in enumerate(new):
                if t in stop_ids:
                    new, finish = new[:k], "stop"
                    break
            out.append(Generation(p, tokenizer.decode(new, skip_special_tokens=True),
                                  len(new) + (finish == "stop"), finish))
    return out
