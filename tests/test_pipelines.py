"""Full-scale scripts, tested on what a CPU can run: recipe contracts, data preparation, per-family
templates, rewards, and the smoke twin of the paper pipeline end to end."""

import json
import os
import subprocess
import sys

import pytest

from training.core import paths
from training.core.config import build_config, load_yaml
from training.grpo_trl import TRLGRPOConfig, correctness_reward
from training.sft import PAPER_SCHEDULE, SFTConfig

RECIPES = paths.RECIPES
PAPER_MODELS = ["qwen2.5-0.5b-instruct", "qwen2.5-1.5b-instruct", "qwen2.5-3b-instruct", "llama-3.2-1b-instruct",
                "llama-3.2-3b-instruct", "gemma-3-1b-it"]


@pytest.mark.parametrize("model", PAPER_MODELS)
def test_sft_recipes_follow_table_2(model):
    rows = {f"{n // 1000}k": (n, ep, bs) for n, ep, bs in PAPER_SCHEDULE}
    for size, (n, ep, bs) in rows.items():
        full = build_config(SFTConfig, load_yaml(RECIPES / model / "sft" / f"{size}.yaml"))
        assert (full.n, full.epochs, full.batch_size, full.lr, full.max_len) == (n, ep, bs, 5e-5, 16384)
        assert full.method == "full" and full.precision == "bf16" and full.gradient_checkpointing and full.trainer == "hf"
        lora = build_config(SFTConfig, load_yaml(RECIPES / model / "sft" / f"lora-{size}.yaml"))
        assert lora.method == "lora" and (lora.n, lora.epochs, lora.batch_size) == (n, ep, bs)


def test_every_recipe_parses_into_its_config():
    from training.grpo import GRPOConfig
    from training.pretrain import PretrainConfig
    from training.rl_sweep import RLSweepConfig
    from training.valley import ValleyConfig

    kinds = {"sft": SFTConfig, "grpo": TRLGRPOConfig}
    tiny = {"pretrain": PretrainConfig, "sft": SFTConfig, "valley": ValleyConfig, "grpo": GRPOConfig,
            "rl": RLSweepConfig}
    n = 0
    for path in RECIPES.rglob("*.yaml"):
        rel = path.relative_to(RECIPES).parts
        if rel[0] == "accelerate":
            continue
        cls = tiny[rel[1]] if rel[0] == "tiny" else kinds[rel[1]]
        build_config(cls, load_yaml(path))
        n += 1
    assert n >= 72 + 9


def test_grpo_recipes_follow_table_3():
    for m in PAPER_MODELS[:3]:
        for start in ("base", "sft-8k", "sft-128k"):
            c = build_config(TRLGRPOConfig, load_yaml(RECIPES / m / "grpo" / f"{start}.yaml"))
            assert (c.prompts_per_step, c.num_generations, c.mini_batch, c.max_completion_length) == (1024, 8, 256, 8192)
            assert (c.temperature, c.beta, c.lr, c.steps) == (1.0, 1e-4, 5e-7, 100)


def test_accelerate_and_deepspeed_configs_load():
    from accelerate.commands.config.config_args import load_config_from_file

    stages = {}
    for f in sorted((RECIPES / "accelerate").glob("*.yaml")):
        c = load_config_from_file(str(f))
        stages[f.stem] = (str(c.distributed_type), (c.deepspeed_config or {}).get("zero_stage"))
    assert stages["ddp"][0].endswith("MULTI_GPU") and stages["fsdp"][0].endswith("FSDP")
    assert stages["zero2"][1] == 2 and stages["zero3"][1] == 3 and stages["multinode-zero3"][1] == 3


def test_openr1_keeps_one_correct_complete_trace():
    from training.core.openr1 import rows_to_pairs, world_rows

    rows = world_rows(30)
    pairs, rep = rows_to_pairs(rows, seed=0)
    assert rep == {"rows": 30, "no_correct_trace": 0}
    from training.task.checker import check

    for (prob, trace), row in zip(pairs, rows):
        assert "</think>" in trace  # the incomplete one is never chosen
        assert check(trace, gold=int(row["answer"])).answer_correct  # nor the wrong one
    rows[0]["correctness_math_verify"] = [False] * 3
    assert rows_to_pairs(rows, 0)[1]["no_correct_trace"] == 1


def test_prepare_data_nested_subsets_and_exact_length_filter(tmp_path, tokenizer):
    from training.core.openr1 import rows_to_pairs, world_rows
    from training.prepare_data import main

    rows_path = tmp_path / "rows.jsonl"
    rows_path.write_text("".join(json.dumps(r) + "\n" for r in world_rows(40)))
    tok_dir = tmp_path / "tok"
    tokenizer.save_pretrained(tok_dir)
    pairs, _ = rows_to_pairs([json.loads(l) for l in rows_path.read_text().splitlines()], 0)
    lengths = [len(tokenizer(t, add_special_tokens=False)["input_ids"]) for _, t in pairs]
    cut = sorted(lengths)[30]  # a cut-off that drops the longest ~9 traces
    rep = main(["--source", f"openr1-file:{rows_path}", "--tokenizer", str(tok_dir), "--sizes", "10,20",
                "--max_tokens", str(cut), "--out", str(tmp_path / "out")])
    assert rep["dropped_too_long"] == sum(1 for n in lengths if n > cut)
    small = (tmp_path / "out" / "openr1-10.jsonl").read_text().splitlines()
    big = (tmp_path / "out" / "openr1-20.jsonl").read_text().splitlines()
    assert big[:10] == small and len(big) == 20
    for line in big:
        t = json.loads(line)["messages"][1]["content"]
        assert len(tokenizer(t, add_special_tokens=False)["input_ids"]) <= cut
    assert (tmp_path / "out" / "lengths.png").stat().st_size > 0
    again = main(["--source", f"openr1-file:{rows_path}", "--tokenizer", str(tok_dir), "--sizes", "10",
                  "--max_tokens", str(cut), "--out", str(tmp_path / "again")])
    assert (tmp_path / "again" / "openr1-10.jsonl").read_text().splitlines() == small  # deterministic
    assert again["kept"] == rep["kept"]


@pytest.mark.parametrize("family,end", [("qwen2", "<|im_end|>"), ("llama", "<|eot_id|>"), ("gemma3", "<end_of_turn>")])
def test_chat_template_renders_and_round_trips(family_models, family, end):
    from training.core.encode import IGNORE, encode_chat
    from training.core.models import load_tokenizer

    tok = load_tokenizer(family_models[family])
    msgs = [{"role": "user", "content": "Compute 7*3"}, {"role": "assistant", "content": "7 * 3 = 21"}]
    text = tok.apply_chat_template(msgs, tokenize=False)
    ids = tok(text, add_special_tokens=False)["input_ids"]
    assert tok.decode(ids) == text
    assert end in text and tok.eos_token == end
    e = encode_chat(tok, "Compute 7*3", "7 * 3 = 21")
    assert tok.decode([t for t, l in zip(e["input_ids"], e["labels"]) if l != IGNORE]) == "7 * 3 = 21" + end


def test_rewards_on_known_answers():
    comps = [[{"content": "<think>..</think> so \\boxed{31}"}], [{"content": "\\boxed{32}"}],
             [{"content": "the answer is \\boxed{\\frac{1}{2}}"}], [{"content": "\\boxed{0.5}"}], [{"content": "no idea"}]]
    golds = ["31", "31", "0.5", "\\frac{1}{2}", "4"]
    assert correctness_reward(comps, golds) == [1.0, 0.0, 1.0, 1.0, 0.0]


def test_math_eval_smoke_with_local_benchmarks(tiny_base, tmp_path):
    from training.math_eval import grade_math, main

    assert grade_math("\\frac{5}{6}", "so \\boxed{5/6}") is True
    assert grade_math("4", "<think>maybe 4</think> the answer is \\boxed{5}") is False
    assert grade_math("", "\\boxed{1}") is None  # unparseable gold: skipped, not wrong
    res = main(["--model", str(tiny_base), "--benchmarks", "math500,amc23,aime24,arith", "--local_dir",
                str(paths.REPO / "tests" / "data" / "bench"), "--n", "2", "--backend", "hf", "--samples", "1",
                "--temperature", "0", "--max_new_tokens", "16", "--out", str(tmp_path / "me")])
    assert set(res["benchmarks"]) == {"math500", "amc23", "aime24", "arith"}
    assert res["headline"] is not None
    rec = json.loads((tmp_path / "me" / "math500" / "records.jsonl").read_text().splitlines()[0])
    assert {"completion", "n_tokens", "finish", "check", "reflections", "category"} <= set(rec)


def test_smoke_pipeline_end_to_end(tmp_path):
    env = {**os.environ, "VALLEY_HOME": str(tmp_path / "smoke"), "PYTHON": sys.executable}
    out = subprocess.run(["bash", str(paths.REPO / "training" / "pipelines" / "smoke.sh")], env=env, capture_output=True,
                         text=True, timeout=1200)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    valley = json.loads((tmp_path / "smoke" / "results" / "valley" / "valley.json").read_text())
    assert [r["n"] for r in valley["table"]] == [0, 16, 32]
    for fam in ("qwen2", "llama", "gemma3"):
        m = json.loads((tmp_path / "smoke" / "runs" / f"{fam}-sft-32" / "metrics.json").read_text())
        assert m["status"] == "completed"
        gc = json.loads((tmp_path / "smoke" / "runs" / f"{fam}-sft-32" / "model" / "generation_config.json").read_text())
        eos = gc["eos_token_id"] if isinstance(gc["eos_token_id"], list) else [gc["eos_token_id"]]
        assert eos  # generation stops at the family's end-of-turn token
    assert (tmp_path / "smoke" / "runs" / "qwen2-grpo" / "model" / "config.json").exists()
