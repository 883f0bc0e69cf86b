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
