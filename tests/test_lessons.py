"""Contract test for the teaching kit: every lesson parses, points at things that exist, and every
command it shows runs (its smoke variant, in CI)."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from app.tab_lessons import list_lessons, to_served_markdown
from training.core import paths

TABS = {"Valley Lab", "Side by Side", "Error Anatomy", "Through RL", "Lessons", "About"}
SECTIONS = ("## Hook", "## Predict first", "## Steps", "## What you should see", "## Exercises", "## Instructor notes")
LESSONS = list_lessons()


def test_there_are_at_least_eight_lessons_in_order():
    names = [l.path.parent.name for l in LESSONS]
    assert len(names) >= 8
    assert names == sorted(names) and all(re.match(r"^\d\d_[a-z0-9_]+$", n) for n in names)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.path.parent.name)
def test_front_matter_and_sections(lesson):
    m = lesson.meta
    assert isinstance(m.get("title"), str) and m["title"]
    assert isinstance(m.get("objectives"), list) and m["objectives"]
    assert isinstance(m.get("duration"), str) and re.search(r"\d+ ?min", m["duration"])
    assert isinstance(m.get("needs_gpu"), bool)
    tabs = m["tab"] if isinstance(m["tab"], list) else [m["tab"]]
    assert set(tabs) <= TABS, tabs
    if not lesson.path.parent.name.startswith("08"):
        for s in SECTIONS:
            assert s in lesson.body, f"{lesson.path}: missing {s}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.path.parent.name)
def test_figures_exist_and_are_served(lesson):
    for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", lesson.body):
        assert (lesson.path.parent / target).resolve().exists(), f"{lesson.path}: {target} is missing"
    served = to_served_markdown(lesson)
    for url in re.findall(r"\]\((/gradio_api/file=[^)]+)\)", served):
        assert url.split("=", 1)[1].startswith((str(paths.ASSETS), str(paths.LESSONS)))


COMMANDS = [(l.path.parent.name, c) for l in LESSONS for c in l.meta.get("commands", [])]


def test_every_lesson_but_the_guide_shows_commands():
    for l in LESSONS:
        assert l.meta.get("commands") or l.path.parent.name.startswith("08"), l.path


@pytest.mark.parametrize("lesson,cmd", COMMANDS, ids=[f"{n}:{c['run'][:40]}" for n, c in COMMANDS])
def test_each_command_is_in_the_text_and_its_smoke_variant_runs(lesson, cmd, tmp_path):
    body = next(l.body for l in LESSONS if l.path.parent.name == lesson)
    assert cmd["run"] in body, f"{lesson}: the command {cmd['run']!r} is not shown in the lesson"
    smoke = cmd["smoke"].replace("$TMP", str(tmp_path))
    argv = shlex.split(smoke)
    if argv[0] == "python":
        argv[0] = sys.executable
    # `python` inside `bash -c "..."` must be this interpreter too (CI activates the venv; a local run may not)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = subprocess.run(argv, cwd=paths.REPO, capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, f"{smoke}\n{out.stdout[-1500:]}\n{out.stderr[-1500:]}"
