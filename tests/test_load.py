"""A class at once (app.load_test): concurrent sessions on a freshly started app compare models, analyze,
train and poll; every session gets its own run and nothing fails. The short form runs in CI; the whole
class (30 sessions) with `-m slow` (training/LOG.md has its figures)."""

import pytest

from app import load_test


def check(summary: dict, sessions: int) -> None:
    assert summary["errors"] == {}, summary["errors"]
    assert summary["ok"] == sessions and summary["distinct_runs"] == sessions
    for call in ("compare", "analyze", "start_run", "poll_run"):
        assert summary[call]["n"] >= sessions


def test_a_few_sessions_at_once():
    check(load_test.main(["--sessions", "6", "--max-runs", "2", "--timeout", "600"]), 6)


@pytest.mark.slow
def test_a_whole_class_at_once():
    check(load_test.main(["--sessions", "30", "--max-runs", "2", "--timeout", "1800"]), 30)
