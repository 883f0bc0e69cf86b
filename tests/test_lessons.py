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

from app.tab_lessons import to_served_markdown
from training.core import paths
from training.lab.engine import list_lessons

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
from training import lessons as kit_builder  # noqa: E402

SOURCES = [src for src, _ in kit_builder.sources()]


def test_every_built_file_is_what_its_source_and_the_shipped_results_give():
    assert kit_builder.build(check=True) == [], "run `python -m training.lessons` after changing a source or the results"


def test_the_kit_passes_its_own_checks():
    assert kit_builder.lint() == []


def test_the_sources_include_every_format():
    names = {str(src.relative_to(paths.LESSONS)) for src in SOURCES}
    assert {"worksheet.src.md", "answer_key.src.md", "glossary.src.md", "demo_15min.src.md", "workshop_3h.src.md",
            "teacher/homework_answers.src.md"} <= names


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: str(p.relative_to(paths.LESSONS)))
def test_sources_quote_measured_numbers_only_through_placeholders(src):
    text = re.sub(r"\{\{[^}]+\}\}", "", src.read_text())
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # commands and example traces
    typed = re.findall(r"\b\d+\.\d+ ?%", text)
    assert not typed, f"{src}: measured percentages typed in ({typed}); use {{{{fact}}}} placeholders"


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: str(p.relative_to(paths.LESSONS)))
def test_sources_cite_nothing_outside_the_repository(src):
    text = src.read_text()
    for bad in ("../shared", "shared/reference", "review_", "paper.md"):
        assert bad not in text, f"{src}: cites {bad!r}, a file outside the repository"


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


# -- what --check catches, each shown failing on a bad example ------------------------------------------------
FACTS = {"a": "9.8", "b": "9.8", "c": "5.0"}
LOOK = {"panels": 3, "legend": {"short (dashed): mean 55 tokens": {"line": "dashed"},
                                "long CoT SFT (mean ± sd, 3 seeds)": {"line": "solid", "marker": "o"},
                                "base model (N=0)": {"line": "dashed"}, "mixed CoT": {"hatch": "hatched"}}}


def test_check_catches_a_range_whose_two_ends_are_the_same_placeholder():
    assert "same placeholder" in kit_builder.check_ranges("from {{a}} to {{a}} points", FACTS)[0]
    assert "same placeholder" in kit_builder.check_ranges("{{a}}-{{a}}", FACTS)[0]


def test_check_catches_a_range_of_one_value():
    assert "one value" in kit_builder.check_ranges("score {{a}} to\n  {{b}} points below", FACTS)[0]
    assert kit_builder.check_ranges("score {{c}} to {{b}} points below", FACTS) == []
    assert kit_builder.check_ranges("{{a}} and {{b}} are two gaps", FACTS) == []  # a list, not a range


def test_check_catches_a_wrong_panel_count():
    bad = kit_builder.check_figure("v.png", "Two panels against N: accuracy and length", "", LOOK)
    assert any("'Two panels', the figure has 3" in p for p in bad)
    bad = kit_builder.check_figure("v.png", "Accuracy and length against N on a log scale", "", LOOK)
    assert any("does not say so" in p for p in bad)
    caption = "*Figure 1. Four panels: accuracy, length, reflection.*"
    assert any("caption" in p for p in kit_builder.check_figure("v.png", "Three panels of the valley", caption, LOOK))
    assert kit_builder.check_figure("v.png", "Three panels against N: accuracy, length, the paper", "", LOOK) == []
    one = {"panels": 1, "legend": {}}
    assert kit_builder.check_figure("h.png", "Two panels of histograms of answer lengths", "", one)


def test_check_catches_line_styles_the_figure_does_not_draw():
    caption = "*Figure 1. The same problems written short (solid) or long and reflective (dashed).*"
    bad = kit_builder.check_figure("t.png", "Three panels of answer lengths for the same problems", caption, LOOK)
    assert any("'short' solid" in p for p in bad) and any("'long' dashed" in p for p in bad)
    good = "*Figure 1. The same problems written short (dashed) or long and reflective (solid); mixed (hatched).*"
    assert kit_builder.check_figure("t.png", "Three panels of answer lengths for the same problems", good, LOOK) == []
    alt = "Three panels: the long-CoT line (dotted) falls from the base model's dashed line"
    assert any("'long' dotted" in p for p in kit_builder.check_figure("t.png", alt, "", LOOK))


def test_check_catches_a_figure_with_no_recorded_look():
    assert "no recorded look" in kit_builder.check_figure("new.png", "One panel of something new and unknown", "",
                                                          None)[0]


def test_check_reports_a_bad_source():
    src = paths.LESSONS / "99_example" / "lesson.src.md"  # never written: lint_text reads the text it is given
    text = ("Gaps of {{valley.gap.short_mixed.125}} to {{valley.gap.short_mixed.125}} points.\n\n"
            "![Two panels against N: accuracy and answer length, long CoT dashed](../../assets/valley/classroom/valley.png)\n\n"
            "*Figure 1. The valley: long CoT (dashed).*\n")
    from training.lab import facts, results
    looks = results.lesson_figure_facts()["figures"]
    problems = kit_builder.lint_text(src, text, facts.load(), looks)
    assert any("same placeholder" in p for p in problems)
    assert any("Two panels" in p for p in problems)
    assert any("'long' dashed" in p for p in problems)


def test_the_recorded_figure_looks_are_those_the_code_draws(tmp_path):
    """lessons/figures/facts.json's looks (what --check holds captions to) match the figures drawn now: the lessons'
    own figures and the shipped sweep's. A changed figure needs `python -m training.lesson_figures --ship`."""
    from training import lesson_figures
    from training.lab import results

    shipped = results.lesson_figure_facts()["figures"]
    drawn = lesson_figures.main(["--out", str(tmp_path)])["figures"]
    assert set(drawn) == set(shipped)
    for name in drawn:
        assert drawn[name]["panels"] == shipped[name]["panels"], name
        assert lesson_figures.look_names(drawn[name]) == lesson_figures.look_names(shipped[name]), name


# -- the worksheet on paper, the answer key, the homework ----------------------------------------------------
def test_the_worksheet_prints_boxes_whole_tables_and_lesson_ones_traces(tmp_path):
    from training.lab import facts

    text = (paths.LESSONS / "worksheet.md").read_text()
    assert not re.search(r"^\s*_{3,}\s*$", text, re.M), "a line of underscores prints as a rule, not a box"
    f = facts.load()
    assert f["lesson1.short.trace"] in text and f["lesson1.long.trace"] in text
    for name in ("h:", "k: a **token** ratio", "h':", "c:", "d:"):
        assert name in text
    html = kit_builder.to_html(text, "worksheet")
    assert html.count('class="answer"') >= 4 and "<table>" in html and "{{" not in html
    assert "break-inside: avoid" in html and "size: A4" in html
    assert "size: letter" in kit_builder.to_html(text, "worksheet", paper="letter")
    assert "{{" not in (paths.LESSONS / "answer_key.md").read_text()
    assert kit_builder.pdf_is_current(paths.LESSONS / "worksheet.md", paths.LESSONS / "worksheet.pdf"), \
        "run `python -m training.lessons --pdf`: the shipped PDF was printed from another worksheet.md"
    if shutil.which("chromium"):
        stale = tmp_path / "stale.md"
        stale.write_text(text)
        kit_builder.pdf(stale, tmp_path / "stale.pdf")
        assert kit_builder.pdf_is_current(stale, tmp_path / "stale.pdf")
        stale.write_text(text + "\nOne more line.\n")
        assert not kit_builder.pdf_is_current(stale, tmp_path / "stale.pdf")
        pdf = kit_builder.pdf(paths.LESSONS / "worksheet.md", tmp_path / "w.pdf")
        assert pdf.read_bytes()[:4] == b"%PDF"
        box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
        assert box and abs(float(box.group(1)) - 595) < 2 and abs(float(box.group(2)) - 842) < 2  # A4 in points
        letter = kit_builder.pdf(paths.LESSONS / "worksheet.md", tmp_path / "l.pdf", paper="letter")
        box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", letter.read_bytes())
        assert box and abs(float(box.group(1)) - 612) < 2 and abs(float(box.group(2)) - 792) < 2


def test_the_answer_key_answers_every_worksheet_section():
    key = (paths.LESSONS / "answer_key.md").read_text()
    sheet = (paths.LESSONS / "worksheet.md").read_text()
    sections = re.findall(r"^## (\d)\.", sheet, re.M)
    assert sections == [str(i) for i in range(1, 8)]
    for i in sections:
        assert re.search(rf"^{i}\. \*\*", key, re.M), f"the answer key has no item {i}"
    assert "Lesson 2, exercise 3" in key


def test_the_homework_notebook_is_valid_and_its_code_compiles():
    import json

    path = paths.LESSONS / "homework" / "valley_homework.ipynb"
    nb = json.loads(path.read_text())
    assert nb["nbformat"] == 4 and isinstance(nb["nbformat_minor"], int) and isinstance(nb["metadata"], dict)
    kinds = [c["cell_type"] for c in nb["cells"]]
    assert "code" in kinds and "markdown" in kinds
    for c in nb["cells"]:
        assert c["cell_type"] in ("code", "markdown") and isinstance(c["source"], (list, str))
        if c["cell_type"] == "code":
            assert c["outputs"] == [] and "execution_count" in c
            compile("".join(c["source"]), f"{path.name} cell", "exec")
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "training.sft" in code and "training/recipes/tiny/sft/classroom.yaml" in code and "check(" in code


def test_the_homework_answers_are_kept_out_of_the_students_folder():
    assert (paths.LESSONS / "teacher" / "homework_answers.md").exists()
    for p in (paths.LESSONS / "homework").rglob("*"):
        assert "answer" not in p.name.lower(), p


# -- what --check catches in the sentences: a base measured unlike the runs, the paper outside its world ------
SWEEPS = {"valley": {"world": "classroom", "mismatch": None},
          "slm": {"world": "single", "mismatch": "the base on 200 test problems, the runs on 100"},
          "steps.fixed": {"world": "classroom", "mismatch": None}}


def test_check_catches_a_ratio_against_a_base_measured_unlike_its_runs():
    bad = kit_builder.check_ratios("At N = 250 it keeps {{slm.long.250.kept}} of its base.", SWEEPS)
    assert bad and "200 test problems" in bad[0]
    bad = kit_builder.check_ratios("It scores {{slm.long.250.accuracy}}, three\ntimes its base "
                                   "({{slm.base.accuracy}}).", SWEEPS)
    assert bad and "sets slm's runs against its base" in bad[0]
    # the same sentences about a sweep whose base was measured like its runs pass
    assert kit_builder.check_ratios("At N = 250 it keeps {{valley.long.250.kept}} of its base.", SWEEPS) == []
    assert kit_builder.check_ratios("{{steps.fixed.long.250.drop}} points below.", SWEEPS) == []
    # quoting the base alone, or a run alone, is no ratio
    assert kit_builder.check_ratios("Its base scores {{slm.base.accuracy}}. It keeps the format.", SWEEPS) == []


def test_check_catches_a_comparison_with_the_papers_models_outside_the_classroom_world():
    planted = ("SmolLM2 keeps most of its base at N = 250 ({{slm.long.250.accuracy}}), above the paper's models "
               "at 8k.")
    assert kit_builder.check_paper_worlds(planted, SWEEPS)
    planted = "Its long CoT ({{slm.long.32.accuracy}}) falls less than Gemma-3-1B's ({{paper.gemma-3-1b.8k.kept}})."
    assert kit_builder.check_paper_worlds(planted, SWEEPS)
    assert kit_builder.check_paper_worlds("The real SLM recovers sooner than Qwen2.5-0.5B.", SWEEPS)
    # the classroom world may be set against the paper (its convention), and a stated non-comparison passes
    ok = "The tiny model keeps {{valley.long.250.kept}}, far below the paper's models at 8k."
    assert kit_builder.check_paper_worlds(ok, SWEEPS) == []
    ok = "SmolLM2 against Qwen2.5-0.5B is not a like-for-like comparison."
    assert kit_builder.check_paper_worlds(ok, SWEEPS) == []
    # one sentence each: the SLM in one sentence and the paper in the next pass
    ok = "SmolLM2 scores {{slm.long.250.accuracy}}. The paper's models at 8k keep far less."
    assert kit_builder.check_paper_worlds(ok, SWEEPS) == []


def test_check_reports_a_planted_sentence_through_lint_with_the_shipped_sweeps():
    src = paths.LESSONS / "99_example" / "lesson.src.md"
    text = "SmolLM2 keeps {{slm.long.250.kept}} of its base, above the paper's models at 8k.\n"
    from training.lab import facts, results
    problems = kit_builder.lint_text(src, text, facts.load(), results.lesson_figure_facts()["figures"])
    assert any("ratio against a base measured unlike its runs" in p for p in problems)
    assert any("outside the classroom world" in p for p in problems)


def test_every_worksheet_section_prints_whole_with_its_boxes(tmp_path):
    """Each `## ` section is kept on one page (section 6's question with its box, section 3's grid with its
    instructions): in the HTML every answer box sits inside a kept section; printed (where Chromium and poppler's
    pdftotext are installed), each section's heading and its last line of text land on the same page."""
    text = (paths.LESSONS / "worksheet.md").read_text()
    html = kit_builder.to_html(text, "worksheet")
    sections = re.findall(r"<section>(.*?)</section>", html, re.S)
    assert len(sections) == 7 and all(s.startswith("<h2>") for s in sections)
    assert sum(s.count('class="answer"') for s in sections) == html.count('class="answer"')
    assert "section { break-inside: avoid" in html
    if not (shutil.which("chromium") and shutil.which("pdftotext")):
        pytest.skip("printing needs Chromium and pdftotext (apt-get install chromium poppler-utils)")
    pdf = kit_builder.pdf(paths.LESSONS / "worksheet.md", tmp_path / "w.pdf")
    pages = [" ".join(p.split()) for p in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                            text=True, check=True).stdout.split("\f")]
    assert len([p for p in pages if p.strip()]) <= 4
    for body in re.split(r"^## ", text, flags=re.M)[1:]:
        lines = [ln.strip(" *|") for ln in body.splitlines() if ln.strip() and not ln.startswith(("<", "```"))]
        first, last = lines[0][:30], " ".join(re.sub(r"[*`]", "", lines[-1]).split())[:25]
        on = [i for i, p in enumerate(pages) if first in p]
        assert on and last in pages[on[0]], f"section {first!r}: its last line {last!r} is on another page"


def test_the_homework_runs_under_valley_home_and_its_key_quotes_the_n_it_prints():
    import json

    nb = json.loads((paths.LESSONS / "homework" / "valley_homework.ipynb").read_text())
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    text = "".join("".join(c["source"]) for c in nb["cells"])
    assert "paths.runs_dir()" in code and '".valley"' not in code  # $VALLEY_HOME, through its one owner
    assert "pip install jupyter" in text  # Jupyter is not in requirements.txt
    ns = set(re.findall(r"run_rung\((\d+),", code))
    assert len(ns) == 1, ns
    n = ns.pop()
    src = (paths.LESSONS / "teacher" / "homework_answers.src.md").read_text()
    quoted = set(re.findall(r"N = ([\d,]+)", src)) | set(re.findall(r"valley\.(?:long|short)\.(\d+)\.", src))
    assert quoted - {"0"} == {n}, f"the notebook runs N = {n}; its key quotes N = {sorted(quoted)}"  # 0: the base
