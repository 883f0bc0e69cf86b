"""Evaluation and the valley sweep on tiny models: records, metrics, figures, resumability."""

import json
import subprocess
import sys

import pytest

from training.core.evaluation import HFBackend, make_backend, run_eval, vllm_available
from training.evaluate import EvalConfig
from training.evaluate import main as eval_main
from training.task.world import problems


def test_records_and_summary_schema(tiny_base, tmp_path):
    from training.core.models import load_model

    model, tok = load_model(tiny_base)
    res = run_eval(HFBackend(model, tok, batch_size=4), problems("tiny", "test", 6), samples=2, temperature=0.6,
                   max_new_tokens=24, out_dir=tmp_path)
    recs = [json.loads(l) for l in (tmp_path / "records.jsonl").read_text().splitlines()]
    assert len(recs) == 12 and [r["problem_index"] for r in recs[:4]] == [0, 0, 1, 1]
    for r in recs:
        assert {"completion", "n_tokens", "finish", "check", "reflections", "category"} <= set(r)
        assert r["category"] in ("correct", "wrong", "no answer", "truncated", "loop")
        assert r["finish"] in ("stop", "length") and r["n_tokens"] <= 25
    s = json.loads((tmp_path / "summary.json").read_text())
    for k in ("accuracy", "accuracy_se", "mean_tokens", "reflection_ratio", "token_efficiency", "claim_error_rate",
              "survival", "first_error", "by_length", "by_ops", "outcomes", "hazard_fit", "categories"):
        assert k in s, k
    assert s["n"] == 12 and s["samples"] == 2 and s == res["summary"]


def test_eval_cli_main(tiny_base, tmp_path):
    s = eval_main(EvalConfig(model=str(tiny_base), world="tiny", n=4, max_new_tokens=16, backend="hf",
                             out_dir=str(tmp_path / "e")))
    assert s["n"] == 4 and (tmp_path / "e" / "records.jsonl").exists()
    with pytest.raises(ValueError, match="temperature"):
        EvalConfig(samples=4, temperature=0)


def test_vllm_backend_is_never_faked():
    if not vllm_available():
        with pytest.raises(RuntimeError, match="vLLM"):
            make_backend("tiny", backend="vllm")
    else:
        pytest.skip("vLLM is installed here: covered by tests/test_vllm.py")


def test_valley_smoke_sweep(tmp_path):
    from training.valley import main, parse

    cfg = parse(["--recipe", "smoke", "--out_dir", str(tmp_path / "v"), "--base_prompts", "world,boxed"])
    result = main(cfg)
    # the base was asked both ways; the better prompt is the base every run is measured against
    prompts = result["base"]["prompts"]
    assert set(prompts) == {"world", "boxed"}
    assert result["base"]["accuracy"] == max(s["accuracy"] for s in prompts.values())
    assert result["base"]["prompt"] in prompts
    assert [r["style"] for r in result["table"]] == ["base", "long", "long", "short", "short"]
    assert {r["n"] for r in result["table"][1:]} == {8, 16}
    for f in ("valley.json", "valley.png", "survival.png", "first_error.png", "accuracy_by_length.png", "outcomes.png"):
        assert (tmp_path / "v" / f).stat().st_size > 0, f
    # every run is paired against the base on the same problems, and each row pools its seeds' changes
    base_acc = result["base"]["accuracy"]
    for r in result["runs"]:
        assert r["vs_base"]["problems"] == 6
        assert abs(r["vs_base"]["change"] - (r["summary"]["accuracy"] - base_acc)) < 1e-9
    for row in result["table"][1:]:
        assert row["vs_base"]["seeds"] == 1 and isinstance(row["vs_base"]["recovered"], bool)
    # a second call reuses every finished run (resumable) and gives the same table
    again = main(cfg)
    assert again["table"] == result["table"]


def test_a_sweep_records_greedy_and_sampled_side_by_side_with_loops_and_cutoffs(tmp_path):
    """With sft.eval_samples the base and every run are also scored with the paper's sampling (avg@k at T=0.6) on
    the same problems: each run's row and each rung of the table carry both, the sampled change paired against the
    base's sampled answers, and every rung says what share of its answers looped or were cut off."""
    from training.core.evalfolder import EvalFolder
    from training.valley import main, parse

    out = tmp_path / "v"
    result = main(parse(["--recipe", "smoke", "--out_dir", str(out), "--styles", "long", "--sft.eval_samples", "2",
                         "--sft.eval_max_new_tokens", "24"]))
    assert result["eval"]["sampled"]["label"] == "avg@2 T=0.6"
    base = result["base"]["sampled"]
    assert base["decoding"] == "avg@2 T=0.6" and base["samples"] == 2
    assert EvalFolder(out / "base" / "avg2").read_summary()["n"] == 12  # 6 problems x 2 samples
    for r in result["runs"]:
        s = r["sampled"]
        on_disk = EvalFolder(out / "runs" / f"long-n{r['n']}-s0" / "eval" / "avg2").read_summary()
        assert s["accuracy"] == on_disk["accuracy"] and on_disk["temperature"] == 0.6 and s["problems"] == 6
        assert abs(s["vs_base"]["change"] - (s["accuracy"] - base["accuracy"])) < 1e-9
        assert r["summary"]["samples"] == 1  # the greedy summary stays the run's summary
    base_row, *rungs = result["table"]
    assert base_row["sampled_accuracy_mean"] == base["accuracy"]
    for row in rungs:
        run = next(r for r in result["runs"] if r["n"] == row["n"])
        assert row["sampled_accuracy_mean"] == run["sampled"]["accuracy"]
        assert row["sampled_vs_base"]["change"] == run["sampled"]["vs_base"]["change"]
        cats = run["summary"]["categories"]
        assert row["loop_share_mean"] == cats["loop"] / 6 and row["cutoff_share_mean"] == cats["truncated"] / 6
        assert abs(row["loop_share_mean"] + row["cutoff_share_mean"] - run["summary"]["finish_length"]) < 1e-9
        assert row["sampled_loop_share_mean"] == run["sampled"]["loop_share"]


def test_a_sweep_resumes_a_stopped_run_from_its_checkpoint(tmp_path, interrupt_sft):
    """A run of the sweep stopped mid-way (here by its STOP file at step 2) is not reused as finished: the same
    command continues it from its checkpoint, and its row says where it resumed."""
    from training.valley import main, parse

    out = tmp_path / "v"
    cfg = parse(["--recipe", "smoke", "--out_dir", str(out), "--ladder", "16", "--styles", "long",
                 "--sft.log_every", "1"])
    interrupt_sft(2, interrupt_sft.stop)
    first = main(cfg)
    assert first["missing"] == ["long-n16-s0"] and first["runs"][0]["train"]["status"] == "stopped"
    assert (out / "runs" / "long-n16-s0" / "checkpoint" / "state.pt").exists()
    interrupt_sft.undo()
    second = main(cfg)
    row = second["runs"][0]
    assert second["missing"] == [] and row["train"]["status"] == "completed" and row["train"]["resumed_at"] == [2]


@pytest.mark.parametrize("module", ["training.sft", "training.evaluate", "training.pretrain", "training.demo",
                                    "training.bench", "training.prepare_data", "training.math_eval",
                                    "training.core.tiny_hf", "app.load_test"])
def test_every_cli_has_help(module):
    out = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert "usage" in out.stdout.lower()
