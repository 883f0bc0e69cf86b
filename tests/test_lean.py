"""The lean paths stay the model's own arithmetic: the LoRA training step (loss and gradients as PEFT's forward under
autocast) and generation from a LoRA model through a merged copy (PEFT's greedy answers)."""

import contextlib

import pytest
import torch

from training.core.decoder import LoRAStep
from training.core.encode import batches, encode_all
from training.core.models import load_model, lora_targets, unseen_format_tokens
from training.core.sources import world_pairs


def _lora(source, **kw):
    from peft import LoraConfig, get_peft_model

    model, tok = load_model(source)
    kw.setdefault("target_modules", lora_targets(model))
    cfg = LoraConfig(r=4, lora_alpha=8, task_type="CAUSAL_LM", trainable_token_indices=unseen_format_tokens(tok) or None,
                     **kw)
    model = get_peft_model(model, cfg)
    torch.manual_seed(1)
    for p in model.parameters():  # an adapter that has learned something (B and the token rows are 0 when new)
        if p.requires_grad:
            p.data.add_(torch.randn_like(p) * 0.05)
    return model, tok


def _loss_and_grads(model, loss_fn):
    params = [p for p in model.parameters() if p.requires_grad]
    for p in params:
        p.grad = None
    loss = loss_fn()
    loss.backward()
    return loss.item(), [p.grad.clone() for p in params]


@contextlib.contextmanager
def fp32_attention():
    """torch's scaled_dot_product_attention computed in fp32 (inputs upcast, output cast back) while in the block."""
    real = torch.nn.functional.scaled_dot_product_attention

    def fp32(q, k, v, *args, **kw):
        with torch.autocast("cpu", enabled=False):  # (autocast would cast the inputs back to bf16)
            return real(q.float(), k.float(), v.float(), *args, **kw).to(q.dtype)

    torch.nn.functional.scaled_dot_product_attention = fp32
    try:
        yield
    finally:
        torch.nn.functional.scaled_dot_product_attention = real


@pytest.mark.parametrize("family", ["qwen2", "llama"])
@pytest.mark.parametrize("bf16", [False, True])
def test_lean_lora_step_is_the_models_own_loss_and_gradients(family_models, tiny_base, family, bf16):
    source = tiny_base if family == "qwen2" else family_models[family]  # qwen2: biases and trainable token rows
    model, tok = _lora(source)
    step = LoRAStep.of(model, bf16)
    assert step is not None
    batch = batches(encode_all(tok, world_pairs(6, "long", "tiny", 0), 1024).examples, 6, 0, tok.pad_token_id)[0]

    def reference():  # the model's own forward under autocast, its attention in fp32 as the lean step runs it
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16), fp32_attention():
            return model(input_ids=batch["input_ids"], labels=batch["labels"]).loss

    ref_loss, ref_grads = _loss_and_grads(model, reference)
    loss, grads = _loss_and_grads(model, lambda: step.loss(batch["input_ids"], batch["labels"]))
    assert loss == pytest.approx(ref_loss, rel=1e-6)
    if bf16:  # with the model's bf16 attention it differs, by attention's rounding only
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            bf16_loss = model(input_ids=batch["input_ids"], labels=batch["labels"]).loss.item()
        assert bf16_loss != loss and bf16_loss == pytest.approx(loss, rel=1e-2)
    tol = 2e-2 if bf16 else 1e-4  # bf16: rounding of the same products in a different order
    for g, r in zip(grads, ref_grads):
        assert (g - r).norm() <= tol * r.norm() + 1e-9
    if tok.convert_tokens_to_ids("<think>") != tok.unk_token_id and family == "qwen2":
        assert any("trainable_tokens" in n for n, p in model.named_parameters() if p.requires_grad)


def test_lean_lora_step_declines_what_it_does_not_compute(tiny_base):
    model, _ = load_model(tiny_base)
    assert LoRAStep.of(model, False) is None                                 # no adapter: full fine-tuning
    assert LoRAStep.of(_lora(tiny_base, lora_dropout=0.1)[0], False) is None  # dropout on the adapter's input
    assert LoRAStep.of(_lora(tiny_base, target_modules=["q_proj"])[0], False) is None  # projections without one
    checkpointed, _ = _lora(tiny_base)
    checkpointed.gradient_checkpointing_enable()
    assert LoRAStep.of(checkpointed, False) is None
    assert LoRAStep.of(_lora(tiny_base)[0], False) is not None


def test_the_loop_trains_the_same_with_and_without_the_lean_step(tiny_base):
    """Four steps of the loop with the lean step and with the model's forward: the same losses, nearly the same
    adapter."""
    from training.core.loop import cycle_epochs, train

    results = {}
    for lean in (True, False):
        model, tok = _lora(tiny_base)
        examples = encode_all(tok, world_pairs(16, "long", "tiny", 0), 1024).examples
        it = cycle_epochs(lambda e: batches(examples, 4, e, tok.pad_token_id))
        res = train(model, it, 4, 1e-2, log_every=1, lean=lean)
        weights = torch.cat([p.detach().flatten() for p in model.parameters() if p.requires_grad])
        results[lean] = (res.last_loss, weights)
    assert results[True][0] == pytest.approx(results[False][0], rel=1e-4)
    assert torch.allclose(results[True][1], results[False][1], atol=1e-5)


def test_a_lora_model_generates_through_a_merged_copy_with_its_own_greedy_answers(tiny_base):
    from training.core import decoder
    from training.core import generate as G
    from training.task.world import problems

    model, tok = _lora(tiny_base)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    lean = G.lean_model(model)
    assert lean is not model and decoder.supports(lean) and not decoder.supports(model)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())  # the model itself is untouched
    prompts = [p.prompt for p in problems("tiny", "test", 8)]
    reference = G.generate(model, tok, prompts, max_new_tokens=40, batch_size=8, lean=False)  # transformers' forward
    ours = G.generate(model, tok, prompts, max_new_tokens=40, batch_size=8)
    assert [g.text for g in ours] == [g.text for g in reference]
    with model.disable_adapter():  # switched off: no merged copy (it would switch the adapter back on)
        assert G.lean_model(model) is model
