"""Contract test for the teaching kit: every lesson parses, points at things that exist, and every
command it shows runs (its smoke variant, in CI)."""

import os
import re
import shlex
import shutil
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


# -- the kit is built from its sources: numbers from the results, figures described, a worksheet ----------
SOURCES = sorted(paths.LESSONS.glob("*/lesson.src.md")) + [paths.LESSONS / "worksheet.src.md",
                                                              paths.LESSONS / "answer_key.src.md"]


def test_every_built_file_is_what_its_source_and_the_shipped_results_give():
    from training import lessons

    assert lessons.build(check=True) == [], "run `python -m training.lessons` after changing a source or the results"


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: p.parent.name + "/" + p.name)
def test_sources_quote_measured_numbers_only_through_placeholders(src):
    text = re.sub(r"\{\{[^}]+\}\}", "", src.read_text())
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # commands and example traces
    typed = re.findall(r"\b\d+\.\d+ ?%", text)
    assert not typed, f"{src}: measured percentages typed in ({typed}); use {{{{fact}}}} placeholders"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.path.parent.name)
def test_figures_have_alt_text_and_a_caption_and_the_glossary_is_linked(lesson):
    assert "](../glossary.md)" in lesson.body
    lines = lesson.body.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"!\[([^\]]*)\]\(([^)\s]+)\)", line.strip())
        if m:
            assert len(m.group(1).split()) >= 8, f"{lesson.path}: the alt text of {m.group(2)} is too short"
            caption = next((l for l in lines[i + 1:] if l.strip()), "")
            assert caption.startswith("*Figure"), f"{lesson.path}: {m.group(2)} has no caption line"


def test_the_worksheet_and_the_answer_key_build(tmp_path):
    from training import lessons

    html = lessons.to_html((paths.LESSONS / "worksheet.md").read_text(), "worksheet")
    assert "<table>" in html and "Predict first" in html and "{{" not in html
    assert "{{" not in (paths.LESSONS / "answer_key.md").read_text()
    if shutil.which("chromium"):
        pdf = lessons.pdf(paths.LESSONS / "worksheet.md", tmp_path / "w.pdf")
        assert pdf.read_bytes()[:4] == b"%PDF"
