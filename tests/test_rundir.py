"""One owner of a run on disk: RunDir's files and states, and open_run, which every trainer uses, so a crash
anywhere records `failed` with its reason."""

import json
from dataclasses import dataclass

import pytest

from training.core import paths
from training.core.rundir import RunDir, State, open_run


@dataclass
class Cfg:
    run_dir: str = ""
    lr: float = 0.1


def test_open_run_writes_config_and_a_crash_records_failed(tmp_path):
    cfg = Cfg(str(tmp_path / "r"))
    with pytest.raises(ZeroDivisionError):
        with open_run(cfg.run_dir, cfg, "training.sft", prefix="sft") as run:
            assert run.read_status()["state"] == State.STARTING
            assert run.command.read_text().startswith("python -m training.sft")
            1 / 0
    st = RunDir(tmp_path / "r").poll()
    assert st.state == State.FAILED and st.done and "ZeroDivisionError" in st.error
    assert "Traceback" in RunDir(tmp_path / "r").error.read_text()


def test_state_is_a_string_that_knows_when_it_is_finished():
    assert State.COMPLETED == "completed" and json.dumps({"s": State.STOPPED}) == '{"s": "stopped"}'
    assert [s.finished for s in State] == [False, False, False, False, True, True, True]


def test_weights_say_what_to_load(tmp_path):
    run = RunDir(tmp_path)
    assert run.weights() is None
    (run.path / "config.json").write_text("{}")  # a pretrained base: the model's own files at the run's root
    assert run.weights() == ("model", run.path) == ("model", run.weights_dir("pretrain"))
    run.model.mkdir()
    (run.model / "config.json").write_text("{}")
    assert run.weights() == ("model", run.model)
    run.adapter.mkdir()
    (run.adapter / "adapter_config.json").write_text("{}")
    assert run.weights() == ("adapter", run.adapter)
    for shipped in (paths.TINY_BASE, paths.ASSETS / "tiny-nano"):  # the shipped bases, as they always were
        assert RunDir(shipped).weights() == ("model", shipped)


@pytest.mark.parametrize("command", ["grpo", "pretrain"])
def test_grpo_and_pretrain_record_a_crash_as_failed(tmp_path, command, monkeypatch):
    """GRPO used to leave no failed status when it crashed, and pretraining had no status file at all."""
    if command == "grpo":
        import training.grpo as mod

        cfg = mod.GRPOConfig(world="tiny", steps=1, prompts_per_step=2, group_size=2, run_dir=str(tmp_path / "r"))
        monkeypatch.setattr(mod, "load_model", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("out of memory")))
    else:
        import training.pretrain as mod

        cfg = mod.PretrainConfig(world="tiny", size="test", steps=2, out_dir=str(tmp_path / "r"))
        monkeypatch.setattr(mod, "build_model", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("out of memory")))
    with pytest.raises(RuntimeError):
        mod.main(cfg)
    st = RunDir(tmp_path / "r").poll()
    assert st.state == State.FAILED and "out of memory" in st.error


def test_zip_holds_the_weights_and_the_log_only_when_there_are_none(tmp_path):
    import zipfile

    run = RunDir(tmp_path / "r")
    run.path.mkdir()
    run.log.write_text("Traceback ...")
    run.metrics.write_text("{}")
    names = zipfile.ZipFile(run.zip(tmp_path / "a.zip")).namelist()
    assert "log.txt" in names and "metrics.json" in names
    run.adapter.mkdir()
    (run.adapter / "adapter_config.json").write_text("{}")
    names = zipfile.ZipFile(run.zip(tmp_path / "b.zip")).namelist()
    assert "adapter/adapter_config.json" in names and "log.txt" not in names
