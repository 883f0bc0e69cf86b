"""The ablation table reads the finished runs of each ablation sweep: the GPU sweep wins over the CPU one,
unfinished runs are left out, and without ablation runs the classroom sweep's seeds 0-1 are the baseline."""

import json

from training import ablations


def summary(acc: float, truncated: int = 0) -> dict:
    return {"accuracy": acc, "n": 10, "categories": {"truncated": truncated}, "mean_tokens": 300.0,
            "hazard_fit": 0.2, "catch_rate": 0.05, "max_new_tokens": 512}


def write_run(sweep, name: str, acc: float, status: str = "completed", truncated: int = 0):
    run = sweep / "runs" / name
    run.mkdir(parents=True)
    (run / "metrics.json").write_text(json.dumps({"status": status, "eval": summary(acc, truncated)}))


def test_gpu_wins_unfinished_runs_are_left_out_and_the_classroom_sweep_is_the_fallback(tmp_path):
    write_run(tmp_path / "ablation-no-slips-gpu", "long-n250-s0", 0.2, truncated=5)
    write_run(tmp_path / "ablation-no-slips-gpu", "long-n250-s1", 0.4, truncated=0)
    write_run(tmp_path / "ablation-no-slips-gpu", "long-n250-s2", 0.9, status="stopped")
    write_run(tmp_path / "ablation-no-slips-cpu", "long-n250-s0", 0.7)
    for seed, acc in ((0, 0.1), (1, 0.3), (2, 0.9)):
        write_run(tmp_path / "valley-classroom", f"long-n250-s{seed}", acc)
    rows = {r["ablation"]: r for r in ablations.collect(tmp_path, ladder=(250,))}
    assert set(rows) == {"no-slips", "shipped"}
    assert rows["no-slips"]["device"] == "gpu" and rows["no-slips"]["seeds"] == 2
    assert abs(rows["no-slips"]["accuracy"] - 0.3) < 1e-9 and abs(rows["no-slips"]["truncated"] - 0.25) < 1e-9
    assert rows["shipped"]["seeds"] == 2 and abs(rows["shipped"]["accuracy"] - 0.2) < 1e-9  # seeds 0 and 1 only
