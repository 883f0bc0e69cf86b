"""Both real small models in the app, on tiny stand-ins (VALLEY_MODELS holding a tiny ChatML model under SmolLM2's
name and the tiny Gemma3 under Gemma's, each with the provenance.json the registry writes): Side by Side streams
each, base and + adapter, and every pane says which weights and which prompt; Error Anatomy says which weights and
prompt wrote each evaluation; the measured speed bench runs both in one process; a real model's Valley Lab default
fits about 5 minutes by the engine's own estimate, on the model's own N axis."""

import json
import shutil

import pytest

from training.core import real_slms
from training.lab import engine
from training.task import parse_expression

STAND_IN = {real_slms.SMOLLM2.name: "qwen2", real_slms.GEMMA3.name: "gemma3"}  # SmolLM2 speaks ChatML, as Qwen2


@pytest.fixture
def stand_ins(family_models, tmp_path, monkeypatch):
    models = tmp_path / "models"
    for slm in real_slms.ALL:
        shutil.copytree(family_models[STAND_IN[slm.name]], models / slm.name)
        (models / slm.name / real_slms.PROVENANCE).write_text(json.dumps(
            {"name": slm.name, "weights": slm.weights, "source": "a tiny random stand-in (test)",
             "license": slm.license, "license_url": slm.license_url}))
    monkeypatch.setenv("VALLEY_MODELS", str(models))
    return models


def lora_adapter(model_name: str, out):
    """A LoRA adapter of a model, saved as a run saves one (random, untrained: what matters is that it loads)."""
    from peft import LoraConfig, get_peft_model

    from training.core.models import load_model, lora_targets

    model, _ = load_model(model_name)
    get_peft_model(model, LoraConfig(r=2, lora_alpha=4, target_modules=lora_targets(model),
                                     task_type="CAUSAL_LM")).save_pretrained(out)
    return out


def test_side_by_side_runs_both_real_models_and_each_pane_says_its_weights_and_prompt(stand_ins, tmp_path):
    from app.tab_compare import PROMPT_CHOICES, weights_line

    assert [v for _, v in PROMPT_CHOICES] == ["world", "boxed"]
    problem = parse_expression("3+4*2").asked("boxed")
    assert problem.prompt.endswith("Put your final answer within \\boxed{}.")
    cache = engine.ModelCache()
    for slm in real_slms.ALL:
        adapter = str(lora_adapter(slm.name, tmp_path / f"{slm.name}-adapter"))
        for source_adapter in ("", adapter):
            loaded = cache.get(slm.name, source_adapter)
            final = [t for t, done in engine.stream(loaded, problem.prompt, max_new_tokens=6) if done]
            assert len(final) == 1 and isinstance(final[0], str)
        base_line, tuned_line = weights_line(slm.name, "", prompt="boxed"), weights_line(slm.name, adapter)
        assert base_line.startswith(f"runs {slm.name} ({slm.weights}): base weights only, no adapter")
        assert "\\boxed{}" in base_line and f"Licence: {slm.license}." in base_line
        assert f"+ the LoRA adapter {slm.name}-adapter" in tuned_line and "the world's prompt (as in training)" in tuned_line
    note = engine.model_note("Gemma-3-270M")
    assert "Gemma 3 (Google) family" in note and "base model" in note and "Gemma Terms of Use" in note
    assert "https://ai.google.dev/gemma/terms" in note and "tiny random stand-in" in note


def test_error_anatomy_says_which_weights_and_prompt_wrote_each_evaluation(stand_ins, tmp_path):
    """Each real model's base, evaluated here with the boxed prompt as a run's eval/ (the stand-ins write noise:
    what is tested is that the pane names the right weights and prompt), next to the shipped SmolLM2 records."""
    from app.tab_anatomy import analysis, drill_html
    from training.core.evaluation import evaluate_model
    from training.core.models import load_model
    from training.core.rundir import RunDir
    from training.lab import results

    sources = []
    for slm in real_slms.ALL:
        run = RunDir(tmp_path / "runs" / slm.name)
        run.path.mkdir(parents=True)
        run.write_metrics({"config": {"model": slm.name, "method": "lora"}})
        model, tok = load_model(slm.name)
        evaluate_model(model, tok, "single", 2, max_new_tokens=6, out_dir=run.eval, prompt="boxed")
        sources.append((f"your run: {slm.name}", str(run.records)))
    shipped = results.sweep("smollm2")
    sources += [("shipped: SmolLM2 base", str(shipped.records["base"])),
                ("shipped: SmolLM2 long-n64-s0", str(shipped.records["long-n64-s0"]))]
    table, *_figures, worst, drill = analysis(sources)
    origins = list(table["weights and prompt"])
    for slm, origin in zip(real_slms.ALL, origins):
        assert origin.startswith(f"{slm.name} ({slm.weights}) + its LoRA adapter")
        assert origin.endswith("the format line 'Put your final answer within \\boxed{}.'")
    base_prompt = shipped.valley["base"].get("prompt", "world")  # a sweep from before the prompts: the world's
    assert origins[2] == (f"SmolLM2-135M-Instruct ({shipped.model_info['weights']}), base weights only; "
                          f"{engine.prompt_note(base_prompt)}")
    assert origins[3].endswith("+ the LoRA adapter of long-n64-s0; asked with the world's prompt (as in training)")
    assert "written by SmolLM2-135M-Instruct" in drill_html(worst[0][1], drill)


def test_the_speed_bench_measures_every_real_model_in_one_process(stand_ins):
    from training.bench import bench_slms

    out = bench_slms(1, n_gen=2, max_new=4)
    assert out["cpu_capability"] and len(out["load_average_before"]) == 3
    first, second = (out["models"][slm.name] for slm in real_slms.ALL)
    assert first["train_speed_vs_first"] == 1.0
    assert second["train_speed_vs_first"] == pytest.approx(second["train_tokens_per_s"] / first["train_tokens_per_s"])
    for m in (first, second):
        assert m["train_tokens_per_s"] > 0 and m["gen_tokens_per_s"] > 0
        assert m["example_tokens"]["long"] > m["example_tokens"]["short"] > 0


@pytest.mark.parametrize("model", [m for m in engine.REAL_SLMS if m in engine.REFERENCE_RATES])
def test_a_real_models_default_run_fits_about_five_minutes_on_its_own_n_axis(model):
    """The Valley Lab default of each real model with a measured speed, estimated from the project's measured speeds
    (2 CPU cores), is 4-6 minutes with its test; its N is its own (no toy 1/32 scaling: N = 2,000 keeps the paper's
    epochs for its smallest sets, where the toy's 2,000 stands for 64k and gets 3)."""
    cfg = engine.sft_config(model=model, n=engine.default_n(model))
    est = engine.estimate(cfg)
    assert est is not None and "the project's measured figure" in est.basis
    assert 4 * 60 <= est.seconds <= 6 * 60, est
    assert engine.schedule(engine.sft_config(model=model, n=2000), False)["epochs"] == 4
    assert engine.schedule(engine.sft_config(model="tiny", n=2000))["epochs"] == 3


def test_a_real_models_sweep_is_not_placed_on_the_papers_axis_by_the_toys_convention():
    from training.lab import results

    slm = results.sweep("smollm2").valley
    assert results.world_scale(slm, results.paper_reference()) is None
    assert results.world_scale(results.sweep("classroom").valley, results.paper_reference()) == 1 / 32
    assert "convention" not in engine.valley_verdict(slm, results.paper_reference())
