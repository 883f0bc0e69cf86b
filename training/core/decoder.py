"""A lean decode step for Qwen2- and Llama-architecture models: the fast path of training.core.generate.

transformers' forward pass is written for every use at once; in a decode loop of one new token for
a few hundred rows on a CPU most of its time goes to bookkeeping, not arithmetic (measured on the
embedded model, 200 rows: scaled-dot-product attention with a full mask 31%, copying the growing
KV cache and expanding its grouped heads 32%, the matrix products themselves 20%). This path runs
the model's own modules (its norms, projections, MLP, rotary tables and weights) and changes only
how attention reads its keys and values:

    - the KV cache is preallocated (and doubled when full), written in place, never concatenated;
    - a single query attends with the query heads of each KV head as rows of one attention call, so
      the K/V heads are read once and never repeated: q (B, kv_heads, group, head_dim) against
      K, V (B, kv_heads, t, head_dim);
    - left padding is an additive bias of -inf on the padded key columns;
    - rows that finished are dropped from the cache in batches (when a fifth of the rows are done),
      not one copy per finished row;
    - only the last position goes through the final norm and the output layer.

Greedy outputs match transformers' generate() (tests/test_generate.py checks it on every family
this path serves; training/bench.py on the 200 classroom test problems). Anything else (Gemma-3's
norms and sliding windows, a PEFT model with an unmerged adapter) takes the general path.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

SUPPORTED = ("Qwen2ForCausalLM", "LlamaForCausalLM")


def supports(model) -> bool:
    """A plain (not PEFT-wrapped) Qwen2/Llama model with full attention in every layer, on a CPU.

    On a GPU transformers' own forward is kept: there the per-step cost is kernel launches, not the
    bookkeeping this path removes, and the one measurement on an H100 (200 answers, bf16) ran at
    1,952 tokens/s against 15,545 for transformers' forward in fp32 the day before (training/LOG.md)."""
    if type(model).__name__ not in SUPPORTED or next(model.parameters()).device.type != "cpu":
        return False
    cfg = model.config
    if getattr(cfg, "use_sliding_window", False):
        return False
    return all(t == "full_attention" for t in (getattr(cfg, "layer_types", None) or ["full_attention"]))


def _norm(module, x):
    """The model's RMSNorm: as one fused op in float32 (the same formula), else the module itself."""
    if x.dtype == torch.float32:
        return F.rms_norm(x, (x.shape[-1],), module.weight, module.variance_epsilon)
    return module(x)


def _rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def _rotary(x, cos, sin):
    """transformers' apply_rotary_pos_emb for one tensor; cos, sin: (B, S, head_dim)."""
    cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
    return (x * cos) + (_rotate_half(x) * sin)


class Decoder:
    """Decode state for one batch: the cache, the padding bias, each row's next position.

        dec = Decoder(model)
        logits = dec.prefill(ids, mask)        # (B, vocab) for the next token of each row
        logits = dec.step(next_tokens)         # one token per row, (B, vocab) again
        dec.keep(rows)                         # drop the other rows (indices into the current batch)
    """

    def __init__(self, model, capacity: int = 256):
        self.model = model
        self.inner = model.model
        cfg = model.config
        self.n_heads = cfg.num_attention_heads
        self.n_kv = cfg.num_key_value_heads
        self.head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        self.group = self.n_heads // self.n_kv
        self.scale = self.head_dim ** -0.5
        self.extra = capacity
        self.device = next(model.parameters()).device
        self.dtype = self.inner.embed_tokens.weight.dtype
        # one matrix product where transformers does three (q, k, v) and two (gate, up): same weights, stacked
        self.qkv, self.gate_up = [], []
        for layer in self.inner.layers:
            a, m = layer.self_attn, layer.mlp
            bias = None
            if a.q_proj.bias is not None:
                bias = torch.cat([a.q_proj.bias, a.k_proj.bias, a.v_proj.bias])
            self.qkv.append((torch.cat([a.q_proj.weight, a.k_proj.weight, a.v_proj.weight]), bias))
            self.gate_up.append(torch.cat([m.gate_proj.weight, m.up_proj.weight]))
        self.q_dim, self.kv_dim = self.n_heads * self.head_dim, self.n_kv * self.head_dim

    # -- the cache --------------------------------------------------------------------------
    def _alloc(self, batch: int, cap: int):
        shape = (batch, self.n_kv, cap, self.head_dim)
        return [(torch.zeros(shape, dtype=self.dtype, device=self.device),
                 torch.zeros(shape, dtype=self.dtype, device=self.device)) for _ in self.inner.layers]

    def _grow(self):
        cap = self.cache[0][0].shape[2]
        new = self._alloc(self.cache[0][0].shape[0], cap * 2)
        for (k, v), (nk, nv) in zip(self.cache, new):
            nk[:, :, :cap], nv[:, :, :cap] = k, v
        self.cache = new
        bias = torch.full((self.bias.shape[0], cap * 2), float("-inf"), dtype=self.dtype, device=self.device)
        bias[:, :cap] = self.bias
        self.bias = bias

    def _rope(self, pos: torch.Tensor):
        """cos, sin at positions pos (B, S) from the model's own rotary module (any rope scaling)."""
        need = int(pos.max()) + 1
        if self._table_len < need:
            n = max(need, 2 * self._table_len)
            probe = torch.zeros(1, 1, self.head_dim, dtype=self.dtype, device=self.device)
            self._cos, self._sin = self.inner.rotary_emb(probe, torch.arange(n, device=self.device)[None])
            self._table_len = n
        return self._cos[0][pos], self._sin[0][pos]

    # -- the forward passes ---------------------------------------------------------------------
    @torch.no_grad()
    def prefill(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The left-padded prompts (B, S) and their mask: fill the cache, return the next-token logits."""
        B, S = ids.shape
        self._table_len = 0
        self.cache = self._alloc(B, S + self.extra)
        self.bias = torch.full((B, S + self.extra), float("-inf"), dtype=self.dtype, device=self.device)
        self.bias[:, :S] = torch.where(mask.bool(), 0.0, float("-inf"))
        self.t = S
        pos = (mask.cumsum(-1) - 1).clamp(min=0)
        self.next_pos = pos[:, -1] + 1
        cos, sin = self._rope(pos)
        # every query sees the valid keys up to itself, and itself (a padded query must see something)
        causal = torch.ones(S, S, dtype=torch.bool, device=self.device).tril()
        allowed = (causal[None] & mask.bool()[:, None, :]) | torch.eye(S, dtype=torch.bool, device=self.device)[None]
        h = self.inner.embed_tokens(ids)
        for layer, (K, V) in zip(self.inner.layers, self.cache):
            attn = layer.self_attn
            x = layer.input_layernorm(h)
            q = _rotary(attn.q_proj(x).view(B, S, self.n_heads, self.head_dim).transpose(1, 2), cos, sin)
            k = _rotary(attn.k_proj(x).view(B, S, self.n_kv, self.head_dim).transpose(1, 2), cos, sin)
            v = attn.v_proj(x).view(B, S, self.n_kv, self.head_dim).transpose(1, 2)
            K[:, :, :S], V[:, :, :S] = k, v
            o = F.scaled_dot_product_attention(q, k.repeat_interleave(self.group, 1), v.repeat_interleave(self.group, 1),
                                               attn_mask=allowed[:, None], scale=self.scale)
            h = h + attn.o_proj(o.transpose(1, 2).reshape(B, S, -1))
            h = h + layer.mlp(layer.post_attention_layernorm(h))
        return self.model.lm_head(self.inner.norm(h[:, -1]))

    @torch.no_grad()
    def step(self, tokens: torch.Tensor) -> torch.Tensor:
        """One new token per row (B,): write its keys and values, return the next-token logits (B, vocab)."""
        B = tokens.shape[0]
        if self.t == self.cache[0][0].shape[2]:
            self._grow()
        t = self.t
        self.bias[:, t] = 0.0
        cos, sin = self._rope(self.next_pos[:, None])
        bias = self.bias[:, None, None, : t + 1]
        h = self.inner.embed_tokens(tokens[:, None])
        qk_dim = self.q_dim + self.kv_dim
        for layer, (K, V), (w_qkv, b_qkv), w_gu in zip(self.inner.layers, self.cache, self.qkv, self.gate_up):
            attn, mlp = layer.self_attn, layer.mlp
            qkv = F.linear(_norm(layer.input_layernorm, h), w_qkv, b_qkv)
            # rotate the query and key heads together: (B, 1, heads + kv_heads, d) -> (B, heads + kv_heads, 1, d)
            qk = _rotary(qkv[..., :qk_dim].view(B, 1, self.n_heads + self.n_kv, self.head_dim).transpose(1, 2), cos, sin)
            K[:, :, t] = qk[:, self.n_heads:, 0]
            V[:, :, t] = qkv[..., qk_dim:].view(B, self.n_kv, self.head_dim)
            # grouped heads: the `group` query heads of each KV head attend as `group` query rows,
            # (B, kv, group, d) against (B, kv, t+1, d): the K/V heads are read once, never repeated
            o = F.scaled_dot_product_attention(qk[:, : self.n_heads].reshape(B, self.n_kv, self.group, self.head_dim),
                                               K[:, :, : t + 1], V[:, :, : t + 1], attn_mask=bias, scale=self.scale)
            h = h + attn.o_proj(o.reshape(B, 1, -1))
            gate, up = F.linear(_norm(layer.post_attention_layernorm, h), w_gu).chunk(2, dim=-1)
            h = h + mlp.down_proj(mlp.act_fn(gate) * up)
        self.t += 1
        self.next_pos = self.next_pos + 1
        return self.model.lm_head(_norm(self.inner.norm, h[:, -1]))

    def keep(self, rows: torch.Tensor) -> None:
        """Keep only these rows (indices into the current batch), in this order."""
        self.cache = [(K.index_select(0, rows), V.index_select(0, rows)) for K, V in self.cache]
        self.bias = self.bias.index_select(0, rows)
        self.next_pos = self.next_pos.index_select(0, rows)


# -- a LoRA training step -------------------------------------------------------------------------
def _lora_parts(module) -> tuple | None:
    """(frozen linear, A, B, scale) of a PEFT LoRA linear with one active, plain adapter (no dropout, no DoRA)."""
    names = getattr(module, "active_adapters", None)
    if not hasattr(module, "lora_A") or not names or len(names) != 1 or module.disable_adapters or module.merged:
        return None
    name = names[0]
    if name in getattr(module, "lora_variant", {}) or not isinstance(module.lora_dropout[name], torch.nn.Identity):
        return None
    return module.base_layer, module.lora_A[name].weight, module.lora_B[name].weight, module.scaling[name]


def _token_rows(module):
    """The weight of an embedding or output layer: plain, or with PEFT's trainable token rows swapped in (the
    same index_copy its forward does, so the gradient reaches those rows). None for any other wrapper."""
    if isinstance(module, (torch.nn.Embedding, torch.nn.Linear)):
        return lambda: module.weight
    adapter = getattr(module, "token_adapter", None)
    if adapter is None or adapter.disable_adapters or adapter.merged:
        return None
    return lambda: adapter.get_merged_weights(adapter.active_adapters)


class LoRAStep:
    """The training loss of a PEFT LoRA model of a Qwen2/Llama base on a CPU: the arithmetic of its own forward pass
    under autocast (training.core.loop), in fewer operations. Used by the training loop where it applies.

        step = LoRAStep.of(model, bf16=True)       # None where it does not apply (the loop uses model(...))
        loss = step.loss(input_ids, labels)       # as model(input_ids=..., labels=...).loss, right-padded batches

    In a step of the embedded model much of the time goes to bookkeeping around small matrix products (training/LOG.md,
    2026-12-05: the products 23%, copies and casts between fp32 and bf16 9%, element-wise products 13%), because PEFT
    runs every adapted layer as three products and casts its input twice. Here (1.03-1.12x the model's forward):
        - the frozen weights are stacked (q/k/v, gate/up) and cast to bf16 once, not at every call;
        - the adapters' A matrices of a stack are one product; their B products and scales are PEFT's;
        - query and key heads are rotated together; attention takes grouped heads as they are;
        - attention runs in fp32 under bf16 too (the CPU flash kernel's bf16 backward takes twice its fp32 one: a
          whole step 1.15-1.19x faster on an AVX-512 CPU, training/LOG.md 2026-12-05).
    Every other value is computed as in the model's forward (the same roundings: the loss agrees to 1e-6 relative with
    the model's forward under autocast whose attention runs in fp32; gradients agree to rounding, tests/test_lean.py)."""

    def __init__(self, model, bf16: bool, layers: list[dict]):
        self.model, self.bf16, self.layers = model, bf16, layers
        self.dtype = torch.bfloat16 if bf16 else torch.float32
        base = model.base_model.model
        self.inner, cfg = base.model, base.config
        self.n_heads, self.n_kv = cfg.num_attention_heads, cfg.num_key_value_heads
        self.head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        self.embed_weight = _token_rows(self.inner.embed_tokens)
        self.head_weight = _token_rows(base.lm_head)
        embed = self.inner.embed_tokens
        self.padding_idx = getattr(getattr(embed, "token_adapter", embed), "base_layer", embed).padding_idx

    @classmethod
    def of(cls, model, bf16: bool) -> LoRAStep | None:
        """The lean step for `model`, or None unless it is a PEFT model whose every attention and MLP projection has
        one plain LoRA adapter, on a Qwen2/Llama base with full attention, on a CPU, without gradient checkpointing."""
        base = getattr(getattr(model, "base_model", None), "model", None)
        if base is None or not hasattr(model, "peft_config") or not supports(base):
            return None
        cfg = base.config
        if (getattr(cfg, "hidden_act", "silu") != "silu" or getattr(base, "is_gradient_checkpointing", False)
                or getattr(cfg, "attention_dropout", 0.0)):
            return None
        if _token_rows(base.model.embed_tokens) is None or _token_rows(base.lm_head) is None:
            return None
        layers = []
        for layer in base.model.layers:
            a, m = layer.self_attn, layer.mlp
            parts = [_lora_parts(x) for x in (a.q_proj, a.k_proj, a.v_proj, a.o_proj, m.gate_proj, m.up_proj,
                                              m.down_proj)]
            if any(p is None for p in parts):
                return None
            if any(p[0].bias is not None for p in parts[3:]):
                return None
            layers.append({"layer": layer, "qkv": parts[:3], "o": parts[3:4], "gate_up": parts[4:6],
                           "down": parts[6:]})
        step = cls(model, bf16, layers)
        for spec in layers:  # the frozen weights, stacked and cast once (autocast casts them at every call)
            for key in ("qkv", "o", "gate_up", "down"):
                linears = [p[0] for p in spec[key]]
                bias = torch.cat([x.bias for x in linears]) if linears[0].bias is not None else None
                spec[key + "_w"] = torch.cat([x.weight.detach() for x in linears]).to(step.dtype)
                spec[key + "_b"] = bias.detach().to(step.dtype) if bias is not None else None
        return step

    def _adapted(self, x, spec: dict, key: str) -> torch.Tensor:
        """x through the stacked frozen linears of spec[key] plus each one's adapter: W x + b + scale * B (A x).

        x is cast to the compute dtype once for the frozen product and once for the adapters, as autocast does for
        PEFT's two calls: the gradient of an fp32 input then adds the two paths in fp32, as there."""
        parts = spec[key]
        out = F.linear(x.to(self.dtype), spec[key + "_w"], spec[key + "_b"])
        a = F.linear(x.to(self.dtype), torch.cat([p[1] for p in parts]).to(self.dtype))
        ranks = [p[1].shape[0] for p in parts]
        lora = [F.linear(ak, p[2].to(self.dtype)) * p[3] for ak, p in zip(a.split(ranks, dim=-1), parts)]
        return out + (lora[0] if len(lora) == 1 else torch.cat(lora, dim=-1))

    def loss(self, input_ids: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """Mean cross-entropy of the next token over the labelled positions (labels -100 are ignored), for a
        right-padded batch (no attention mask: causal attention never sees the pads after a token)."""
        B, S = input_ids.shape
        nq, nkv, d = self.n_heads, self.n_kv, self.head_dim
        h = F.embedding(input_ids, self.embed_weight(), self.padding_idx)                        # (B, S, hidden)
        cos, sin = self.inner.rotary_emb(h, torch.arange(S, device=h.device)[None])            # (1, S, d)
        for spec in self.layers:
            layer = spec["layer"]
            qkv = self._adapted(_norm(layer.input_layernorm, h), spec, "qkv")                  # (B, S, (nq+2nkv) d)
            qk = _rotary(qkv[..., : (nq + nkv) * d].view(B, S, nq + nkv, d).transpose(1, 2), cos, sin)
            v = qkv[..., (nq + nkv) * d:].view(B, S, nkv, d).transpose(1, 2)
            # attention in fp32 even under bf16: the CPU flash kernel's bf16 backward is the slowest piece of a step
            # (2x its fp32 backward), and fp32 is the more precise (training/LOG.md, 2026-12-05)
            o = F.scaled_dot_product_attention(qk[:, :nq].float(), qk[:, nq:].float(), v.float(), is_causal=True,
                                               enable_gqa=True, scale=layer.self_attn.scaling).to(self.dtype)
            h = h + self._adapted(o.transpose(1, 2).reshape(B, S, nq * d), spec, "o")
            gate, up = self._adapted(_norm(layer.post_attention_layernorm, h), spec, "gate_up").chunk(2, dim=-1)
            h = h + self._adapted(F.silu(gate) * up, spec, "down")
        x = _norm(self.inner.norm, h)
        logits = F.linear(x.to(self.dtype), self.head_weight().to(self.dtype)).float()
        shifted = F.pad(labels, (0, 1), value=-100)[..., 1:]
        return F.cross_entropy(logits.view(-1, logits.shape[-1]), shifted.reshape(-1), ignore_index=-100)
