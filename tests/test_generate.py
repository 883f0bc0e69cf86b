"""Generation: our KV-cache loop matches transformers' generate(), for every family and for the shipped model."""

import pytest

from training.core.generate import generate, generate_hf
from training.core.models import load_model
from training.task.world import problems

PROMPTS = [p.prompt for p in problems("classroom", "test", 12)]


@pytest.mark.parametrize("family", ["qwen2", "llama", "gemma3"])
def test_greedy_matches_hf_generate(family_models, family):
    model, tok = load_model(family_models[family])
    ours = generate(model, tok, PROMPTS, max_new_tokens=24, batch_size=5)
    ref = generate_hf(model, tok, PROMPTS, max_new_tokens=24, batch_size=5)
    assert [g.text for g in ours] == [g.text for g in ref]
    assert all(g.finish in ("stop", "length") for g in ours)


def test_shipped_model_rows_finish_at_different_times_and_still_match():
    model, tok = load_model("tiny")
    ours = generate(model, tok, PROMPTS, max_new_tokens=160, batch_size=12)
    ref = generate_hf(model, tok, PROMPTS, max_new_tokens=160, batch_size=12)
    assert [g.text for g in ours] == [g.text for g in ref]
    assert len({g.n_tokens for g in ours}) > 3  # rows really did finish at different steps
    assert all(g.finish == "stop" for g in ours)


def test_sampling_is_reproducible_per_seed_and_varies_across_seeds():
    model, tok = load_model("tiny")
    a = generate(model, tok, PROMPTS[:6], max_new_tokens=96, temperature=0.6, top_p=0.95, n=3, seed=1)
    b = generate(model, tok, PROMPTS[:6], max_new_tokens=96, temperature=0.6, top_p=0.95, n=3, seed=1)
    c = generate(model, tok, PROMPTS[:6], max_new_tokens=96, temperature=1.5, top_p=1.0, n=3, seed=2)
    assert [g.text for g in a] == [g.text for g in b]
    assert [g.text for g in a] != [g.text for g in c]
    assert [g.sample for g in a[:3]] == [0, 1, 2] and a[0].prompt == a[2].prompt == PROMPTS[0]


def test_bad_sampling_settings():
    model, tok = load_model("tiny")
    with pytest.raises(ValueError, match="top_p"):
        generate(model, tok, PROMPTS[:1], top_p=0)
    with pytest.raises(ValueError, match="greedy"):
        generate(model, tok, PROMPTS[:1], n=2)


def test_lean_decoder_grows_its_cache_drops_rows_and_samples_like_the_general_path(monkeypatch):
    """The lean path (training.core.decoder) against transformers' forward, on the shipped model: a cache
    that must grow many times, rows finishing at different steps, and sampling (it draws for live rows
    only, in the same order, so the same seed gives the same samples)."""
    import torch

    from training.core import decoder
    from training.core import generate as G

    model, tok = load_model("tiny")
    assert decoder.supports(model)
    stops, pad = G.eos_ids(model, tok), tok.pad_token_id
    ids = [tok(G.chat_prompt(tok, p), add_special_tokens=False)["input_ids"] for p in PROMPTS]
    small = decoder.Decoder.__init__
    monkeypatch.setattr(decoder.Decoder, "__init__", lambda self, m, capacity=256: small(self, m, capacity=3))
    for temperature in (0.0, 0.8):
        fast = G._decode_fast(model, ids, pad, stops, 120, temperature, 0.95, torch.Generator().manual_seed(5))
        slow = G._decode_general(model, ids, pad, stops, 120, temperature, 0.95, torch.Generator().manual_seed(5))
        assert fast == slow
    assert len({len(toks) for toks, _ in fast}) > 3  # rows really finished at different steps


def _nucleus_probs(logits, temperature, top_p):
    """The reference: the whole vocabulary sorted, the nucleus kept and renormalised (what the sampler must draw)."""
    import torch

    probs = torch.softmax(logits / temperature, dim=-1)
    sorted_p, idx = probs.sort(descending=True)
    keep = sorted_p.cumsum(-1) - sorted_p < top_p
    out = torch.zeros_like(probs).scatter(-1, idx, sorted_p * keep)
    return out / out.sum(-1, keepdim=True)


@pytest.mark.parametrize("candidates", [64, 3])
def test_sampler_draws_the_nucleus_in_proportion(monkeypatch, candidates):
    """The sampler's draws follow the nucleus' renormalised probabilities and never leave it, whether a row's nucleus
    lies inside the sorted candidates or reaches past them (3 candidates: the first row takes the whole-vocabulary
    path, the second does not)."""
    import torch

    from training.core import generate as G

    monkeypatch.setattr(G, "NUCLEUS_CANDIDATES", candidates)
    logits = torch.tensor([[2.0, 1.0, 0.5, 0.0, -1.0, -3.0], [0.0, 3.0, -2.0, 2.5, 0.1, 1.0]])
    want = _nucleus_probs(logits, 0.6, 0.95)
    draws = G.pick_next(logits.repeat(20000, 1), 0.6, 0.95, torch.Generator().manual_seed(0)).view(20000, 2)
    for row in range(2):
        seen = torch.bincount(draws[:, row], minlength=6) / 20000
        assert torch.all(seen[want[row] == 0] == 0)                 # nothing outside the nucleus
        assert torch.allclose(seen, want[row], atol=0.015)          # in proportion (std. error < 0.004)
    assert (want > 0).sum(-1).tolist() == [3, 2]                    # the nucleus really cut some tokens off


def test_sampler_is_reproducible_per_seed_on_a_large_vocabulary():
    import torch

    from training.core.generate import pick_next

    logits = torch.randn(32, 5000, generator=torch.Generator().manual_seed(1)) * 6
    a = pick_next(logits, 0.6, 0.95, torch.Generator().manual_seed(7))
    b = pick_next(logits, 0.6, 0.95, torch.Generator().manual_seed(7))
    c = pick_next(logits, 0.6, 0.95, torch.Generator().manual_seed(8))
    assert torch.equal(a, b) and not torch.equal(a, c)
    assert bool((_nucleus_probs(logits, 0.6, 0.95).gather(-1, a[:, None]) > 0).all())


def test_inverse_cdf_never_draws_a_zero_probability_token():
    """Rounding can put u x total at the total itself: the draw stays on the last token with probability."""
    import torch

    from training.core.generate import inverse_cdf

    p = torch.tensor([[0.5, 0.3, 0.2, 0.0, 0.0], [0.0, 0.7, 0.0, 0.3, 0.0]])
    just_below_one = torch.nextafter(torch.tensor(1.0, dtype=torch.float64), torch.tensor(0.0, dtype=torch.float64))
    assert inverse_cdf(p, torch.full((2, 1), 1.0, dtype=torch.float64)).tolist() == [2, 3]
    assert inverse_cdf(p, just_below_one.repeat(2, 1)).tolist() == [2, 3]
    assert inverse_cdf(p, torch.zeros(2, 1, dtype=torch.float64)).tolist() == [0, 1]
