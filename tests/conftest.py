"""Shared fixtures: everything offline, artifacts under a temporary VALLEY_HOME."""

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest.ini runs two workers: one math thread each (and in the runs they launch), set before torch loads, so
    # two workers on two cores never oversubscribe them (measured: a 5 s decoder test took 112 s with 2 x 2 threads)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def _valley_home(tmp_path, monkeypatch):
    monkeypatch.setenv("VALLEY_HOME", str(tmp_path / "valley"))


@pytest.fixture(scope="session")
def tokenizer():
    """The world tokenizer, built once per test session (~3 s)."""
    from training.core.tiny_model import build_tokenizer

    return build_tokenizer()


@pytest.fixture(scope="session")
def tiny_base(tokenizer, tmp_path_factory):
    """A test-size (35k-parameter) random model with the world tokenizer, saved like the real one."""
    from training.core.tiny_model import build_model, save_tiny

    out = tmp_path_factory.mktemp("tiny-base")
    save_tiny(build_model(tokenizer, "test"), tokenizer, out)
    return out


@pytest.fixture(scope="session")
def family_models(tmp_path_factory):
    """Tiny random Qwen2, Llama and Gemma3 models with their families' templates (built offline)."""
    from training.core.tiny_hf import build_all

    return build_all(tmp_path_factory.mktemp("tiny-hf"))


@pytest.fixture
def interrupt_sft(monkeypatch):
    """interrupt_sft(step, action): make training.sft's training loop call action(run) right after it logs `step`
    (interrupt_sft.stop writes the run's STOP file; raise to simulate a kill); interrupt_sft.undo() puts the real
    loop back."""
    import training.sft as sft

    real_train = sft.train

    def install(step, action):
        def interrupted(*args, **kwargs):
            original, run = kwargs["on_log"], kwargs["run"]

            def on_log(rec):
                original(rec)
                if rec["step"] == step:
                    action(run)
            kwargs["on_log"] = on_log
            return real_train(*args, **kwargs)
        monkeypatch.setattr(sft, "train", interrupted)

    install.undo = lambda: monkeypatch.setattr(sft, "train", real_train)
    install.stop = lambda run: run.stop_file.write_text("stop")  # the action of the app's Stop button
    return install


@pytest.fixture
def real_slm_or_skip():
    """real_slm_or_skip(entry, require_env): the converted folder of a real SLM, or a skip (see _real_slm_or_skip)."""
    return _real_slm_or_skip


def _real_slm_or_skip(entry, require_env: str):
    """The converted folder of a real SLM (training.core.real_slms: SMOLLM2, GEMMA3). Where `require_env` is set
    to 1 (CI sets VALLEY_REQUIRE_SMOLLM2 after fetching it), a missing model fails the test; elsewhere the test is
    skipped with the command that fetches it."""
    from training.core import paths

    if entry.ready():
        return entry.folder()
    if os.environ.get(require_env) == "1":
        raise AssertionError(f"{entry.name} is not in {paths.models_dir()}: python -m training.fetch_model {entry.name}")
    pytest.skip(f"{entry.name} not fetched here: python -m training.fetch_model {entry.name}")

