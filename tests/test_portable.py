"""Shipped artefacts work on any machine: no path of the machine that made them, adapters that load with plain
peft from a copy of the repo in another folder, provenance paths relative to the repo or $VALLEY_HOME."""

import json
import os
import re
import shutil

import pytest

from training.core import paths

MACHINE_PATH = re.compile(r'"(/(?:work|tmp|root|home|Users|mnt|data)/[^"]*)"')


def shipped_files():
    return [f for f in sorted(paths.ASSETS.rglob("*")) if f.suffix in (".json", ".yaml", ".md")
            and "checkpoint" not in f.parts]


def test_no_shipped_file_names_a_machine_path():
    offenders = {str(f.relative_to(paths.REPO)): MACHINE_PATH.findall(f.read_text())[:2]
                 for f in shipped_files() if MACHINE_PATH.search(f.read_text())}
    assert not offenders, offenders


def test_an_exported_valley_names_its_folder_without_the_machine_path(tmp_path):
    from training.valley import portable_export
    text = json.dumps({"command": f"x --export_to {tmp_path}/steps --collect_only True", "config": {"export_to": f"{tmp_path}/steps"}})
    out = json.loads(portable_export(text, tmp_path / "steps"))
    assert out["command"] == "x --export_to $EXPORT/steps --collect_only True" and out["config"]["export_to"] == "$EXPORT/steps"
    inside = paths.REPO / "assets" / "valley" / "steps"
    assert json.loads(portable_export(json.dumps({"e": str(inside)}), inside))["e"] == "assets/valley/steps"


def test_portable_and_concrete_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("VALLEY_HOME", str(tmp_path / "home"))
    run = tmp_path / "home" / "runs" / "sft-1"
    assert paths.portable(run) == "$VALLEY_HOME/runs/sft-1"
    assert paths.concrete("$VALLEY_HOME/runs/sft-1") == str(run.resolve())
    assert paths.portable(paths.TINY_BASE) == "assets/tiny-base"
    assert paths.concrete("assets/tiny-base") in (str(paths.TINY_BASE), "assets/tiny-base")
    assert paths.portable("Qwen/Qwen2.5-0.5B-Instruct") == "Qwen/Qwen2.5-0.5B-Instruct"
    assert paths.portable("/elsewhere/model") == "/elsewhere/model"


def test_shipped_adapter_loads_with_plain_peft_from_a_copy_of_the_repo(tmp_path, monkeypatch):
    """What a student does with a downloaded copy: cd into it and load the adapter by its folder alone."""
    peft = pytest.importorskip("peft")
    adapter = next(iter(sorted((paths.ASSETS / "valley" / "classroom" / "adapters").glob("*"))))
    copy = tmp_path / "somewhere-else" / "through-the-valley"
    for rel in ("assets/tiny-base", adapter.relative_to(paths.REPO).as_posix()):
        shutil.copytree(paths.REPO / rel, copy / rel)
    base = json.loads((adapter / "adapter_config.json").read_text())["base_model_name_or_path"]
    assert base == "assets/tiny-base"
    monkeypatch.chdir(copy)
    model = peft.AutoPeftModelForCausalLM.from_pretrained(adapter.relative_to(paths.REPO).as_posix())
    assert os.path.samefile(model.peft_config["default"].base_model_name_or_path, copy / "assets" / "tiny-base") \
        or model.peft_config["default"].base_model_name_or_path == "assets/tiny-base"
    assert sum(p.numel() for n, p in model.named_parameters() if "lora_" in n) > 0


def test_new_adapters_name_a_portable_base(tmp_path, tiny_base, monkeypatch):
    """save_weights writes a base that travels: a folder inside VALLEY_HOME as $VALLEY_HOME/..., loaded back
    by load_model on this machine."""
    from peft import LoraConfig, get_peft_model

    from training.core.models import load_model, save_weights

    home = tmp_path / "home"
    monkeypatch.setenv("VALLEY_HOME", str(home))
    base_dir = home / "bases" / "b"
    shutil.copytree(tiny_base, base_dir)
    model, tok = load_model(str(base_dir))
    lora = get_peft_model(model, LoraConfig(r=2, target_modules=["q_proj"]))
    save_weights(lora, tok, tmp_path / "adapter", "lora")
    cfg = json.loads((tmp_path / "adapter" / "adapter_config.json").read_text())
    assert cfg["base_model_name_or_path"] == "$VALLEY_HOME/bases/b"
    again, _ = load_model(cfg["base_model_name_or_path"], adapter=tmp_path / "adapter")
    assert again.peft_config["default"].r == 2
