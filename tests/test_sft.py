"""The SFT engine on tiny models: LoRA moves only the adapter, full moves everything, runs are recorded."""

import json
import os
import shlex
import signal
import subprocess
import sys
import time

import pytest
import torch
from safetensors.torch import load_file

from training.core.config import build_config, cli_line, parse_config
from training.core.models import LORA_TARGETS
from training.sft import SFTConfig, main, paper_epochs, resolve_schedule


def cfg(tiny_base, tmp_path, **kw):
    base = dict(model=str(tiny_base), world="tiny", n=16, epochs=2, batch_size=4, log_every=1,
                run_dir=str(tmp_path / "run"), precision="fp32")
    base.update(kw)
    return SFTConfig(**base)


def test_lora_moves_the_adapter_and_not_the_base(tiny_base, tmp_path):
    before = load_file(str(tiny_base / "model.safetensors"))
    m = main(cfg(tiny_base, tmp_path, method="lora", lora_r=4))
    run = tmp_path / "run"
    assert m["status"] == "completed" and not m["partial"] and m["device"] == "cpu"  # where it trained
    assert m["steps"] == m["total_steps"] == 8
    adapter = load_file(str(run / "adapter" / "adapter_model.safetensors"))
    a_keys = [k for k in adapter if "lora_A" in k]
    b_keys = [k for k in adapter if "lora_B" in k]
    assert a_keys and b_keys
    # LoRA B starts at zero: after training every B moved
    assert all(adapter[k].abs().sum() > 0 for k in b_keys)
    # every target module of the family got an adapter
    targets = {k.split(".")[-3] for k in a_keys}
    assert targets == set(LORA_TARGETS["qwen2"])
    # the base weights on disk and in a fresh load are bit-identical
    assert all(torch.equal(before[k], v) for k, v in load_file(str(tiny_base / "model.safetensors")).items())
    # the run directory is complete
    for f in ("config.yaml", "cmd.txt", "progress.jsonl", "metrics.json", "status.json"):
        assert (run / f).exists(), f
    lines = [json.loads(l) for l in (run / "progress.jsonl").read_text().splitlines()]
    assert [l["step"] for l in lines] == list(range(1, 9))
    assert json.loads((run / "status.json").read_text())["state"] == "completed"
    assert (run / "cmd.txt").read_text().startswith("python -m training.sft")


def test_peft_model_keeps_base_frozen_in_memory(tiny_base, tmp_path):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    main(cfg(tiny_base, tmp_path, method="lora", lora_r=4))
    base = AutoModelForCausalLM.from_pretrained(tiny_base)
    tuned = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_base), tmp_path / "run" / "adapter")
    x = torch.tensor([[5, 6, 7, 8]])
    with torch.no_grad():
        assert not torch.allclose(base(x).logits, tuned(x).logits)
        with tuned.disable_adapter():
            assert torch.allclose(base(x).logits, tuned(x).logits)


def test_full_finetune_moves_every_weight(tiny_base, tmp_path):
    from transformers import AutoModelForCausalLM

    main(cfg(tiny_base, tmp_path, method="full", lr=1e-3))
    before = AutoModelForCausalLM.from_pretrained(tiny_base).state_dict()
    after = AutoModelForCausalLM.from_pretrained(tmp_path / "run" / "model").state_dict()
    for k, v in before.items():
        assert not torch.equal(v, after[k]), k


@pytest.mark.parametrize("family", ["qwen2", "llama", "gemma3"])
def test_each_family_trains_with_its_template(family_models, family, tmp_path):
    m = main(SFTConfig(model=str(family_models[family]), world="tiny", n=8, epochs=1, batch_size=4,
                       lora_r=2, run_dir=str(tmp_path / family), precision="fp32"))
    assert m["status"] == "completed" and m["examples"] == 8
    cfgj = json.loads((tmp_path / family / "adapter" / "adapter_config.json").read_text())
    assert set(cfgj["target_modules"]) == set(LORA_TARGETS["qwen2"])


def test_subsets_are_nested():
    from training.core.sources import load_pairs

    small, big = load_pairs("world", 10, world="tiny"), load_pairs("world", 40, world="tiny")
    assert big[:10] == small


def test_paper_schedule_scaled():
    assert paper_epochs(8_000) == 4 and paper_epochs(64_000) == 3 and paper_epochs(220_000) == 2
    s = resolve_schedule(SFTConfig(n=250), is_tiny=True)   # 250 world examples ~ the paper's 8k
    assert s["epochs"] == 4 and s["batch_size"] == 8
    s = resolve_schedule(SFTConfig(n=4000), is_tiny=True)  # ~128k: the paper's epochs, our fixed batch
    assert s["epochs"] == 3 and s["batch_size"] == 8
    s = resolve_schedule(SFTConfig(n=4000, batch_size=0), is_tiny=True)  # the paper's growing batch
    assert s["batch_size"] == 125


def test_each_method_has_one_default_learning_rate():
    from training.core.models import HUB_LR, LORA_LR, TINY_LR

    def lr(**kw) -> float:
        return resolve_schedule(SFTConfig(n=250, **kw), is_tiny=kw.get("model", "tiny") == "tiny")["lr"]

    assert lr() == TINY_LR["lora"] == 6e-3 and lr(method="full") == TINY_LR["full"]
    assert lr(model="Qwen/Qwen2.5-0.5B-Instruct") == HUB_LR["lora"]
    assert lr(model="Qwen/Qwen2.5-0.5B-Instruct", method="full") == HUB_LR["full"]
    assert lr(model="SmolLM2-135M-Instruct") == LORA_LR["SmolLM2-135M-Instruct"] != HUB_LR["lora"]
    assert lr(lr=2e-3) == 2e-3  # a learning rate given is kept


def test_config_rejects_unknown_keys_and_absurd_values(tmp_path):
    with pytest.raises(ValueError, match="unknown config key"):
        build_config(SFTConfig, {"learning_rate": 1e-4})
    with pytest.raises(ValueError, match="learning rate"):
        SFTConfig(lr=5.0)
    with pytest.raises(ValueError, match="at least 1"):
        SFTConfig(n=0)
    y = tmp_path / "r.yaml"
    y.write_text("n: 100\nstyle: short\n")
    c = parse_config(SFTConfig, ["--config", str(y), "--n", "200"])
    assert c.n == 200 and c.style == "short"  # CLI beats YAML beats defaults


def test_a_recorded_command_parses_back_to_its_config():
    from training.rl_sweep import RLSweepConfig

    cfg = build_config(RLSweepConfig, {"start_labels": ["base", "large"], "start_adapters": ["", "a/b"],
                                       "seeds": [0, 2]})
    argv = shlex.split(cli_line("training.rl_sweep", cfg))[3:]
    back = parse_config(RLSweepConfig, argv)
    assert back.start_adapters == ["", "a/b"] and back.start_labels == ["base", "large"] and back.seeds == [0, 2]
    assert build_config(RLSweepConfig, {"seeds": "1, 3,"}).seeds == [1, 3]  # numbers: stray commas ignored


def test_help_is_instant():
    out = subprocess.run([sys.executable, "-m", "training.sft", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "--lora_r" in out.stdout and "Usage" in out.stdout


def test_sigterm_saves_a_partial_adapter(tiny_base, tmp_path):
    run = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "training.sft", "--model", str(tiny_base), "--world", "tiny",
                             "--n", "64", "--epochs", "50", "--batch_size", "4", "--log_every", "1",
                             "--precision", "fp32", "--run_dir", str(run)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        p = run / "progress.jsonl"
        if p.exists() and len(p.read_text().splitlines()) >= 3:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    m = json.loads((run / "metrics.json").read_text())
    assert m["status"] == "stopped" and m["partial"] and m["stop_reason"] == "SIGTERM"
    assert 3 <= m["steps"] < m["total_steps"]
    assert (run / "PARTIAL").exists() and (run / "adapter" / "adapter_model.safetensors").exists()
    assert json.loads((run / "status.json").read_text())["state"] == "stopped"


def _sleep_job(p):
    import time

    time.sleep(p["s"])
    return p


def test_sweep_workers_die_with_a_killed_sweep(tmp_path):
    """kill -9 on a sweep's main process must not leave workers training on as orphans."""
    import signal
    import subprocess
    import sys
    import time

    code = ("import os, sys; sys.path.insert(0, %r)\n"
            "from tests.test_sft import _sleep_job\n"
            "from training.core.pool import run_jobs\n"
            "if __name__ == '__main__':\n"
            "    run_jobs(_sleep_job, [{'s': 60}] * 4, 2, 1)\n") % str(os.getcwd())
    script = tmp_path / "sweep.py"
    script.write_text(code)
    proc = subprocess.Popen([sys.executable, str(script)], cwd=os.getcwd())
    deadline = time.time() + 60
    kids = []
    while time.time() < deadline and len(kids) < 2:
        time.sleep(0.5)
        out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        kids = [int(k) for k in out]
    assert kids, "the sweep started no workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 20
    alive = kids
    while time.time() < deadline and alive:
        time.sleep(0.5)
        alive = [k for k in kids if os.path.exists(f"/proc/{k}") and
                 "Z" not in open(f"/proc/{k}/stat").read().split()[2]]
    assert not alive, f"orphaned workers still running: {alive}"


def test_max_steps_fixes_the_optimizer_steps_whatever_n(tiny_base, tmp_path):
    """The data-vs-steps sweep: the same number of optimizer steps at every N."""
    from training.sft import SFTConfig, main

    for n in (8, 24):
        m = main(SFTConfig(model=str(tiny_base), world="tiny", n=n, batch_size=4, max_steps=6, log_every=3,
                           run_dir=str(tmp_path / f"n{n}")))
        assert m["steps"] == 6 and m["total_steps"] == 6
        assert m["epochs_seen"] == round(6 / (n // 4), 3)


def test_mixed_one_to_four_is_mostly_short():
    from training.core.sources import long_share, world_pairs

    assert long_share("mixed-1:4") == 0.2 and long_share("mixed") == 0.5 and long_share("long") is None
    pairs = world_pairs(400, "mixed-1:4", "tiny")
    share = sum(c.startswith("<think>") for _, c in pairs) / len(pairs)
    assert 0.13 < share < 0.27
    half = {p for p, c in world_pairs(400, "mixed", "tiny") if c.startswith("<think>")}
    assert {p for p, c in pairs if c.startswith("<think>")} <= half  # nested: long at 1:4 is long at 1:1


def test_curriculum_trains_short_then_long(tiny_base, tmp_path):
    from training.sft import SFTConfig, main

    m = main(SFTConfig(model=str(tiny_base), world="tiny", n=16, batch_size=4, max_steps=8, curriculum="short-to-long",
                       log_every=4, run_dir=str(tmp_path / "c")))
    assert [ph["steps"] for ph in m["phases"]] == [4, 4]
    assert [ph["data"] for ph in m["phases"]] == ["short traces", "long traces"]


def test_on_policy_correction_samples_the_student_and_trains_on_the_world_continuation(tiny_base, tmp_path):
    import pytest

    from training.sft import SFTConfig, main

    m = main(SFTConfig(model=str(tiny_base), world="tiny", n=8, batch_size=4, max_steps=6, correction_rounds=2,
                       eval_max_new_tokens=48, log_every=2, run_dir=str(tmp_path / "o")))
    rounds = [ph for ph in m["phases"] if ph["data"].startswith("correction")]
    assert len(rounds) == 2 and all(r["samples"] == 8 for r in rounds)
    # an untrained model's samples are wrong: most are cut and continued by the world
    assert sum(sum(r["first_errors"].values()) for r in rounds) >= 8
    assert sum(ph["steps"] for ph in m["phases"]) == 6
    with pytest.raises(ValueError, match="long traces"):
        SFTConfig(style="short", correction_rounds=1)


def test_context_is_seen_but_not_trained(tokenizer):
    from training.core.encode import IGNORE, encode_chat

    plain = encode_chat(tokenizer, "Compute: 1+2", "1 + 2 = 3.\nThe answer is \\boxed{3}.")
    ctx = encode_chat(tokenizer, "Compute: 1+2", "The answer is \\boxed{3}.", context="1 + 2 = 3.\n")
    assert ctx["input_ids"] == plain["input_ids"]
    trained = [i for i, lab in enumerate(ctx["labels"]) if lab != IGNORE]
    text = tokenizer.decode([ctx["input_ids"][i] for i in trained])
    assert "boxed{3}" in text and "1 + 2 = 3" not in text


def test_micro_batches_make_the_same_steps(tiny_base, tmp_path):
    """A batch of 8 in micro-batches of 4: the same optimizer steps over the same tokens, and (up to how each
    micro-batch weighs its tokens) the same update."""
    import torch
    from safetensors.torch import load_file

    from training.sft import SFTConfig, main

    runs = {}
    for micro in (0, 4):
        runs[micro] = main(SFTConfig(model=str(tiny_base), world="tiny", n=32, batch_size=8, micro_batch_size=micro,
                                     epochs=2, log_every=4, run_dir=str(tmp_path / f"m{micro}")))
    assert runs[0]["steps"] == runs[4]["steps"] == 8 and runs[0]["tokens"] == runs[4]["tokens"]
    a = load_file(tmp_path / "m0" / "adapter" / "adapter_model.safetensors")
    b = load_file(tmp_path / "m4" / "adapter" / "adapter_model.safetensors")
    va = torch.cat([a[k].flatten() for k in sorted(a) if "lora_B" in k])
    vb = torch.cat([b[k].flatten() for k in sorted(b) if "lora_B" in k])
    assert torch.nn.functional.cosine_similarity(va, vb, dim=0) > 0.95


@pytest.mark.parametrize("how", ["stopped", "killed"])
def test_sft_resumes_exactly_where_it_stopped(tiny_base, tmp_path, interrupt_sft, how):
    """A run stopped at step 6 (STOP: it checkpoints there), or killed at step 6 after its checkpoint at step 4,
    and started again with the same command ends with the weights of a run that never stopped: the checkpoint
    holds the adapter and the optimizer, and the batches are replayed to the same position."""
    common = dict(method="lora", lora_r=4, max_steps=12, checkpoint_every=4, log_every=1)
    whole = main(cfg(tiny_base, tmp_path, run_dir=str(tmp_path / "whole"), **common))
    assert not (tmp_path / "whole" / "checkpoint").exists()  # a finished run keeps no checkpoint

    pieces = tmp_path / "pieces"

    def kill(run):
        raise KeyboardInterrupt("killed")  # no clean stop: only the step-4 checkpoint survives

    interrupt_sft(6, kill if how == "killed" else interrupt_sft.stop)
    if how == "killed":
        with pytest.raises(KeyboardInterrupt):
            main(cfg(tiny_base, tmp_path, run_dir=str(pieces), **common))
    else:
        first = main(cfg(tiny_base, tmp_path, run_dir=str(pieces), **common))
        assert first["status"] == "stopped" and first["steps"] == 6
        assert json.loads((pieces / "status.json").read_text())["resumable"] is True
    interrupt_sft.undo()
    saved = torch.load(pieces / "checkpoint" / "state.pt", weights_only=False)
    assert saved["step"] == (6 if how == "stopped" else 4)

    resumed = main(cfg(tiny_base, tmp_path, run_dir=str(pieces), **common))
    assert resumed["status"] == "completed" and resumed["resumed_at"] == [saved["step"]]
    assert resumed["steps"] == 12 and resumed["tokens"] == whole["tokens"]
    assert not (pieces / "checkpoint").exists()
    assert_same_adapter(tmp_path / "whole", pieces)
    steps = [json.loads(l)["step"] for l in (pieces / "progress.jsonl").read_text().splitlines()]
    assert steps == list(range(1, 13))  # the steps after the checkpoint are logged once, not twice

    # a checkpoint written under other settings is refused, not silently mixed in
    (pieces / "checkpoint").mkdir()
    torch.save({"config": {**cfg(tiny_base, tmp_path, **common).__dict__, "lr": 1e-4}},
               pieces / "checkpoint" / "state.pt")
    with pytest.raises(ValueError, match=r"other settings \(lr\)"):
        main(cfg(tiny_base, tmp_path, run_dir=str(pieces), **common))


def test_a_correction_run_resumes_with_the_rounds_it_sampled(tiny_base, tmp_path, interrupt_sft, monkeypatch):
    """On-policy correction samples the student's own traces mid-run: a resumed run reads the rounds it had
    sampled back from its checkpoint instead of sampling again from other weights, and ends where an unbroken
    run ends."""
    import training.sft as sft

    common = dict(method="lora", lora_r=4, n=8, max_steps=8, batch_size=4, checkpoint_every=2,
                  correction_rounds=2, correction_start=0.25, eval_max_new_tokens=24)
    whole = main(cfg(tiny_base, tmp_path, run_dir=str(tmp_path / "whole"), **common))
    pieces = tmp_path / "pieces"
    interrupt_sft(6, interrupt_sft.stop)
    main(cfg(tiny_base, tmp_path, run_dir=str(pieces), **common))
    interrupt_sft.undo()
    assert (pieces / "checkpoint" / "correction-round-2.json").exists()
    calls = []
    monkeypatch.setattr(sft, "corrected_examples", lambda *a: calls.append(a) or ([], {}))
    resumed = main(cfg(tiny_base, tmp_path, run_dir=str(pieces), **common))
    assert calls == []  # both rounds came back from the checkpoint
    assert resumed["phases"] == whole["phases"]
    assert_same_adapter(tmp_path / "whole", pieces)


def assert_same_adapter(a_run, b_run):
    a = load_file(str(a_run / "adapter" / "adapter_model.safetensors"))
    b = load_file(str(b_run / "adapter" / "adapter_model.safetensors"))
    assert a.keys() == b.keys() and all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)
