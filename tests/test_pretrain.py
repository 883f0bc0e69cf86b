"""Training tests on a tiny model: parameters move, loss falls, telemetry and stop work."""

import json

import torch
import yaml

from training.core.encode import IGNORE, batches, collate, encode_all, encode_chat
from training.core.loop import StopFlag, cycle_epochs, lr_at, train
from training.core.rundir import RunDir, State
from training.core.tiny_model import build_model
from training.task.traces import write_trace
from training.task.world import problems


def test_labels_cover_the_answer_and_eos_only(tokenizer):
    p = problems("tiny", "test", 1)[0]
    completion = write_trace(p, "short")
    e = encode_chat(tokenizer, p.prompt, completion)
    labelled = [t for t, l in zip(e["input_ids"], e["labels"]) if l != IGNORE]
    assert tokenizer.decode(labelled) == completion + "<|im_end|>"
    assert labelled[-1] == tokenizer.eos_token_id
    # the prompt is never a target
    n_prompt = e["labels"].index(next(l for l in e["labels"] if l != IGNORE))
    assert "Compute the answer" in tokenizer.decode(e["input_ids"][:n_prompt])


def test_long_examples_are_dropped_not_truncated(tokenizer):
    ps = problems("classroom", "test", 20)
    pairs = [(p.prompt, write_trace(p, "long", seed=1)) for p in ps]
    enc = encode_all(tokenizer, pairs, max_len=200)
    assert enc.dropped > 0 and len(enc.examples) + enc.dropped == 20
    assert all(len(e["input_ids"]) <= 200 for e in enc.examples)


def test_lr_schedule():
    assert lr_at(0, 100, 1.0, 0.1) == 0.1
    assert abs(lr_at(9, 100, 1.0, 0.1) - 1.0) < 1e-9
    assert lr_at(99, 100, 1.0, 0.1) < 0.01
    assert lr_at(50, 100, 1.0, 0.1) < lr_at(20, 100, 1.0, 0.1)


def _data(tokenizer, n=64):
    ps = problems("tiny", "train", n)
    return encode_all(tokenizer, [(p.prompt, write_trace(p, "short")) for p in ps], 256).examples


def test_training_moves_every_parameter_and_lowers_the_loss(tokenizer, tmp_path):
    torch.manual_seed(0)
    model = build_model(tokenizer, "test")
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    ex = _data(tokenizer)
    it = cycle_epochs(lambda e: batches(ex, 16, e, tokenizer.pad_token_id))
    first = collate(ex[:16], tokenizer.pad_token_id)
    with torch.no_grad():
        loss0 = model(**first).loss.item()
    res = train(model, it, 40, 3e-3, bf16=False, log_every=10, run=RunDir(tmp_path))
    with torch.no_grad():
        loss1 = model(**first).loss.item()
    assert res.status == "completed" and res.steps == 40
    assert loss1 < loss0 * 0.8
    for n, p in model.named_parameters():
        assert not torch.equal(p, before[n]), f"{n} did not move"
    lines = [json.loads(l) for l in RunDir(tmp_path).progress.read_text().splitlines()]
    assert [l["step"] for l in lines] == [10, 20, 30, 40]
    assert {"loss", "lr", "tokens_per_s", "eta_s"} <= set(lines[0])
    assert lines[-1]["eta_s"] == 0


def test_stop_file_ends_training_cleanly(tokenizer, tmp_path):
    model = build_model(tokenizer, "test")
    ex = _data(tokenizer, 32)
    stop_file = tmp_path / "STOP"
    it = cycle_epochs(lambda e: batches(ex, 8, e, tokenizer.pad_token_id))
    stop = StopFlag(stop_file, install_signals=False)

    def on_log(rec):
        if rec["step"] == 5:
            stop_file.write_text("stop")

    res = train(model, it, 1000, 1e-3, bf16=False, log_every=5, stop=stop, on_log=on_log)
    assert res.status == "stopped" and res.steps == 5 and res.stop_reason == "stop file"


def test_pretrain_main_smoke(tmp_path):
    from transformers import AutoModelForCausalLM

    from training.pretrain import PretrainConfig, main

    m = main(PretrainConfig(world="tiny", size="test", steps=6, batch_size=8, log_every=3, eval_n=4,
                            eval_samples=2, max_new_tokens=16, out_dir=str(tmp_path / "base")))
    assert m["steps"] == 6 and m["tokens_seen"] > 0 and 0 <= m["accuracy_greedy"] <= 1
    assert "accuracy_avg2" in m and m["command"].startswith("python -m training.pretrain")
    assert AutoModelForCausalLM.from_pretrained(tmp_path / "base").num_parameters() == m["parameters"]
    # written through RunDir like every run: one config (with its folder), the metrics, the model at the root
    run = RunDir(tmp_path / "base")
    assert yaml.safe_load(run.config.read_text())["out_dir"] == str(run.path)
    assert not (run.path / "pretrain_config.yaml").exists() and run.weights() == ("model", run.path)
    assert run.read_metrics() == json.loads(json.dumps(m)) and run.poll().state == State.COMPLETED


def test_pretrain_resumes_exactly_where_it_stopped(tmp_path):
    """A run stopped mid-way and run again ends with the same weights as one that never stopped: the
    checkpoint holds the weights and the optimizer, and the data stream is replayed to the same batch."""
    import torch
    from safetensors.torch import load_file

    from training.pretrain import PretrainConfig, main

    common = dict(world="tiny", size="test", steps=12, batch_size=4, log_every=2, eval_n=2, eval_samples=0,
                  max_new_tokens=8, checkpoint_every=4)
    whole = main(PretrainConfig(**common, out_dir=str(tmp_path / "whole")))

    pieces = tmp_path / "pieces"
    pieces.mkdir()
    import training.pretrain as pt

    real_train = pt.train

    def stop_after_six(*args, **kwargs):
        stop = kwargs["stop"]
        original = kwargs["on_log"]

        def on_log(rec):
            original(rec)
            if rec["step"] == 6:
                (pieces / "STOP").write_text("stop")
        kwargs["on_log"] = on_log
        return real_train(*args, **kwargs) if stop is not None else None

    pt.train = stop_after_six
    try:
        first = main(PretrainConfig(**common, out_dir=str(pieces)))
    finally:
        pt.train = real_train
    assert first["status"] == "stopped" and first["steps"] == 6
    assert (pieces / "checkpoint" / "state.pt").exists() and not (pieces / "model.safetensors").exists()
    (pieces / "STOP").unlink()
    resumed = main(PretrainConfig(**common, out_dir=str(pieces)))
    assert resumed["resumed_at"] == [6] and resumed["tokens_seen"] == whole["tokens_seen"]
    assert not (pieces / "checkpoint").exists()
    a, b = load_file(tmp_path / "whole" / "model.safetensors"), load_file(pieces / "model.safetensors")
    assert all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)
    # a checkpoint written under other settings is refused, not silently mixed in
    (pieces / "checkpoint").mkdir()
    torch.save({"config": {**PretrainConfig(**common).__dict__, "lr": 1e-4}}, pieces / "checkpoint" / "state.pt")
    try:
        main(PretrainConfig(**common, out_dir=str(pieces)))
        raise AssertionError("a foreign checkpoint was accepted")
    except ValueError as e:
        assert "other settings (lr)" in str(e)
