"""GRPO pieces and the loop: advantages, KL, a learnable toy task, stop and resume."""

import json

import pytest
import torch

from training.grpo import GRPOConfig, group_advantages, grpo_loss, kl_k3, main, reward, token_logprobs
from training.task.world import parse_expression


def test_advantages_are_zero_mean_per_group():
    r = [1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1]
    adv = group_advantages(r, 4)
    for g in range(0, 12, 4):
        assert abs(sum(adv[g:g + 4])) < 1e-9
    assert adv[4:8] == [0.0] * 4  # all right: nothing to learn from this group
    assert adv[0] > 0 > adv[1]


def test_kl_is_zero_for_identical_policies_and_positive_otherwise():
    lp = torch.log(torch.tensor([[0.2, 0.5, 0.9]]))
    assert torch.allclose(kl_k3(lp, lp), torch.zeros_like(lp))
    assert (kl_k3(lp, lp - 0.3) > 0).all()
    loss, kl = grpo_loss(lp, lp, torch.zeros(1), torch.ones_like(lp), kl_coef=1.0)
    assert float(kl) == 0 and float(loss) == 0


def test_reward_is_binary_correctness():
    p = parse_expression("7*3+12-8/4")
    assert reward(p, "... so \\boxed{31}") == 1.0
    assert reward(p, "7 * 3 = 21 ... \\boxed{32}") == 0.0
    assert reward(p, "") == 0.0


def test_policy_gradient_learns_a_toy_task(tokenizer):
    """Reward = the first answer token is '7'. The GRPO loss must raise its probability."""
    from training.core.tiny_model import build_model

    torch.manual_seed(0)
    model = build_model(tokenizer, "test")
    opt = torch.optim.AdamW(model.parameters(), lr=3e-2)
    prompt = tokenizer("<|im_start|>user\nSay a digit<|im_end|>\n<|im_start|>assistant\n")["input_ids"]
    target = tokenizer("7")["input_ids"][0]
    ids_p = torch.tensor([prompt])

    def p_target():
        with torch.no_grad():
            return torch.softmax(model(ids_p).logits[0, -1], -1)[target].item()

    before = p_target()
    gen = torch.Generator().manual_seed(0)
    for _ in range(30):
        with torch.no_grad():
            probs = torch.softmax(model(ids_p).logits[0, -1], -1)
            toks = torch.multinomial(probs, 16, replacement=True, generator=gen)
        toks[0] = target  # make sure each group has a success to learn from
        rewards = [1.0 if int(t) == target else 0.0 for t in toks]
        adv = torch.tensor(group_advantages(rewards, 16))
        ids = torch.cat([ids_p.repeat(16, 1), toks[:, None]], 1)
        mask = torch.ones_like(ids)
        logp = token_logprobs(model, ids, mask, len(prompt))
        loss, _ = grpo_loss(logp, logp.detach(), adv, torch.ones_like(logp), kl_coef=0.0)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert p_target() > max(0.5, 5 * before)


def test_loop_runs_stops_and_resumes(tmp_path):
    cfg = dict(world="tiny", steps=2, prompts_per_step=2, group_size=2, max_new_tokens=48, eval_every=0, eval_n=4,
               run_dir=str(tmp_path / "g"))
    m = main(GRPOConfig(**cfg))
    assert m["status"] == "completed" and m["steps"] == 2
    lines = [json.loads(l) for l in (tmp_path / "g" / "progress.jsonl").read_text().splitlines()]
    assert [l["step"] for l in lines if "reward" in l] == [1, 2]
    assert 0 <= lines[1]["reward"] <= 1 and lines[1]["kl"] >= 0
    # resume: continue the same run to 4 steps; steps 1-2 are not redone
    m2 = main(GRPOConfig(**{**cfg, "steps": 4}))
    lines = [json.loads(l) for l in (tmp_path / "g" / "progress.jsonl").read_text().splitlines()]
    assert [l["step"] for l in lines if "reward" in l] == [1, 2, 3, 4]
    assert m2["curve"][-1]["step"] == 4
    assert m2["curve"][0]["step"] == 0, "a resumed run must keep the evaluations made before the stop"
    # stop: a STOP file ends it cleanly before more steps
    (tmp_path / "g" / "STOP").write_text("stop")
    m3 = main(GRPOConfig(**{**cfg, "steps": 8}))
    assert m3["status"] == "stopped" and m3["steps"] == 4


def test_a_killed_run_resumes_from_its_last_state_and_ends_where_an_unbroken_one_does(tmp_path, monkeypatch):
    """A kill in the middle of step 3 (no clean stop) leaves the state saved after step 2 (checkpoint_every 2); the
    same command resumes there, with the same rollouts, and ends with the weights of a run that never stopped."""
    from safetensors.torch import load_file

    import training.grpo as grpo

    cfg = dict(world="tiny", steps=4, prompts_per_step=2, group_size=2, max_new_tokens=24, eval_every=0, eval_n=2,
               checkpoint_every=2, precision="fp32")
    main(GRPOConfig(**cfg, run_dir=str(tmp_path / "whole")))
    real_loss, calls = grpo.grpo_loss, []

    def killed_in_step_three(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt("killed")
        return real_loss(*args, **kwargs)

    monkeypatch.setattr(grpo, "grpo_loss", killed_in_step_three)
    with pytest.raises(KeyboardInterrupt):
        main(GRPOConfig(**cfg, run_dir=str(tmp_path / "pieces")))
    monkeypatch.setattr(grpo, "grpo_loss", real_loss)
    assert torch.load(tmp_path / "pieces" / "state.pt", weights_only=False)["step"] == 2
    m = main(GRPOConfig(**cfg, run_dir=str(tmp_path / "pieces")))
    assert m["status"] == "completed" and m["steps"] == 4
    lines = [json.loads(l) for l in (tmp_path / "pieces" / "progress.jsonl").read_text().splitlines()]
    assert [l["step"] for l in lines if "reward" in l] == [1, 2, 3, 4]
    a = load_file(str(tmp_path / "whole" / "model" / "model.safetensors"))
    b = load_file(str(tmp_path / "pieces" / "model" / "model.safetensors"))
    assert all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)


def test_bad_grpo_settings():
    with pytest.raises(ValueError, match="group_size"):
        GRPOConfig(group_size=1)
    with pytest.raises(ValueError, match="lr"):
        GRPOConfig(lr=0)


def test_rl_from_an_sft_adapter_trains_the_merged_weights(tmp_path):
    """The SFT starts of the RL sweep: the adapter is merged in, then every weight is trainable and
    gets a gradient (peft leaves merged base weights frozen: backward used to fail)."""
    import torch
    from peft import LoraConfig, get_peft_model

    from training.core.models import load_model

    base, _ = load_model("tiny")
    n_params = len(list(base.parameters()))
    lora = get_peft_model(base, LoraConfig(r=2, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    lora.save_pretrained(tmp_path / "adapter")
    m = main(GRPOConfig(world="tiny", init_adapter=str(tmp_path / "adapter"), steps=2, prompts_per_step=2,
                        group_size=4, max_new_tokens=32, eval_every=0, eval_n=4, run_dir=str(tmp_path / "g")))
    assert m["status"] == "completed" and m["steps"] == 2
    st = torch.load(tmp_path / "g" / "state.pt", weights_only=False)
    # AdamW keeps state only for parameters that received a gradient: all of them
    assert len(st["opt"]["state"]) == n_params
