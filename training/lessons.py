"""Build the teaching kit from its sources: every measured number filled in from the shipped results.

    python -m training.lessons                  # every lessons/**/*.src.md -> its .md (lessons, worksheet, key, ...)
    python -m training.lessons --check          # exit 1 if a built file is stale or a source fails a check below
    python -m training.lessons --pdf            # also lessons/worksheet.pdf, A4 (Chromium prints it; none: an error)
    python -m training.lessons --pdf --paper letter

A source (`lesson.src.md`, `worksheet.src.md`, `answer_key.src.md`, `demo_15min.src.md`, ...) writes a measured
number as a placeholder, `{{valley.long.250.accuracy}}`, and `python -m training.lab.facts` lists them all. The built
files are what a teacher reads (on GitHub, in the app, on paper), and a test checks they are up to date, so a
regenerated sweep changes every quote at once and no number can drift from the results.

A line `[[box 3]]` in a source is an answer box three lines high on paper (a bordered box in the PDF; a `____`
line would print as a horizontal rule); an empty table cell prints as a cell tall enough to write in (a shorter one
in a table of many rows, a grid to mark); every `## ` section prints whole on one page.

`--check` also catches what a program can of the sentences around the numbers:
- a range whose two ends are the same placeholder, or two placeholders with the same value ("9.8 to 9.8 points");
- a figure whose alt text or caption gives the wrong number of panels ("Two panels" for three), or none for a
  figure of several panels: each figure's panels are recorded as drawn (lessons/figures/facts.json, "figures",
  written by `python -m training.lesson_figures --ship`, for the lessons' figures and the shipped sweep's);
- a caption or alt text that calls a series by the wrong line style, hatching ("short (solid)" where the figure
  draws short dashed): checked against the same record of every legend entry's look;
- a figure with no recorded look;
- a lessons/worksheet.pdf printed from another version of worksheet.md (its title names its source);
- a ratio against a base measured unlike the runs (another world, prompt or set of test problems:
  training.lab.facts.base_mismatch): a share kept or points dropped of such a sweep (`{{slm.long.250.kept}}`), or a
  sentence that sets such a base against a run with "keeps", "of its base", "times";
- a comparison with the paper's models outside the classroom world (the only world this lab's N x 32 convention
  places on the paper's axis): one sentence that quotes a sweep of another world (or names the real SLM) and the
  paper's models or numbers, unless it says the two are not comparable ("not like-for-like", "no evidence").
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from training.core import paths
from training.lab import facts as facts_
from training.lab import results
from training.lab.facts import PLACEHOLDER
from training.lab.kit import split_front_matter

NOTE = "<!-- Built from {src} by `python -m training.lessons`: edit the source, not this file. -->\n"
PAPER = {"a4": "A4", "letter": "letter"}
PRINT_CSS = """body { font-family: Georgia, serif; max-width: 46em; margin: 0 auto; line-height: 1.35; font-size: 10.5pt; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; } h1 { font-size: 18pt; margin-top: 0; }
h2 { font-size: 13.5pt; margin: 1.1em 0 0.4em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; margin: 0.4em 0; break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
td, th { border: 1px solid #555; padding: 4px 8px; vertical-align: top; }
td:empty { height: 2.3em; min-width: 4.5em; }
tbody tr:nth-last-child(n+3) td:empty, tbody tr:nth-last-child(n+3) ~ tr td:empty { height: 1.35em; }
section { break-inside: avoid; page-break-inside: avoid; }
.answer { border: 1.2px solid #333; border-radius: 3px; margin: 0.3em 0 0.9em; break-inside: avoid; page-break-inside: avoid; }
pre { font-size: 8.5pt; line-height: 1.25; white-space: pre-wrap; border: 1px solid #bbb; padding: 6px 8px;
      break-inside: avoid; page-break-inside: avoid; }
code { font-size: 10pt; } p, li { orphans: 3; widows: 3; }
@page { size: %(size)s; margin: 12mm 15mm; }"""
BOX = re.compile(r"^\[\[box (\d+(?:\.\d+)?)\]\][ \t]*$", re.M)
BOX_LINE_EM = 1.9


# -- sources and building ---------------------------------------------------------------------------------------
def sources(root: Path | None = None) -> list[tuple[Path, Path]]:
    """(source, built file) pairs of the kit: every `*.src.md` under lessons/, the lessons first."""
    root = Path(root) if root else paths.LESSONS
    srcs = sorted(root.rglob("*.src.md"), key=lambda p: (p.name != "lesson.src.md", str(p.relative_to(root))))
    return [(src, src.with_name(src.name.removesuffix(".src.md") + ".md")) for src in srcs]


def boxes(text: str) -> str:
    """`[[box 3]]` lines -> bordered answer boxes of that many writing lines (HTML; Markdown passes it through)."""
    return BOX.sub(lambda m: f'<div class="answer" style="height: {float(m.group(1)) * BOX_LINE_EM:.1f}em"></div>', text)


def build_text(src: Path, facts: dict[str, str]) -> str:
    """The built text of one source: placeholders filled, answer boxes drawn, a note that says where it comes from."""
    text = boxes(facts_.render(src.read_text(encoding="utf-8"), facts))
    note = NOTE.format(src=src.name)
    _, front, body = split_front_matter(text)  # the note goes after the front matter (training.lab.kit)
    return front + note + body


def build(root: Path | None = None, check: bool = False) -> list[Path]:
    """Write (or with check=True only compare) every built file; returns those that were out of date."""
    facts = facts_.load()
    stale = []
    for src, out in sources(root):
        text = build_text(src, facts)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            stale.append(out)
            if not check:
                out.write_text(text, encoding="utf-8")
    return stale


# -- checks of the sentences around the numbers ----------------------------------------------------------------
RANGE = re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}\s*%?\s*(?:to|-|–|—)\s*\{\{\s*([\w.\-]+)\s*\}\}")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
PANELS = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:panels|plots|plotting areas)\b", re.I)
STYLE_WORDS = ("dash-dot", "dashed", "dotted", "solid", "plain", "hatched", "crossed")
STYLE = re.compile(r"(?<![\w-])(" + "|".join(STYLE_WORDS) + r")(?![\w-])", re.I)


def check_ranges(text: str, facts: dict[str, str]) -> list[str]:
    """A range `{{a}} to {{b}}` whose two ends are the same placeholder, or the same value (a min and a max that
    were not computed as such)."""
    out = []
    for m in RANGE.finditer(text):
        a, b = m.group(1), m.group(2)
        if a == b:
            out.append(f"a range whose two ends are the same placeholder: {m.group(0)!r}")
        elif a in facts and b in facts and facts[a] == facts[b]:
            out.append(f"a range of one value: {m.group(0)!r} reads {facts[a]} to {facts[b]} (compute a min and max)")
    return out


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(*\"`])")
RATIO_WORDS = re.compile(r"\bkeeps?\b|\bkept\b|of (?:its|the) base|\btimes\b|\bshare\b", re.I)
PAPER_MODELS = re.compile(r"\{\{\s*paper\.|\bthe paper's (?:models?|numbers|Qwen|Gemma|Llama)|\bQwen2\.5|\bLlama-3|"
                          r"\bGemma-3-1B", re.I)
OTHER_WORLD_MODELS = re.compile(r"\bSmolLM2|\breal (?:SLM|small language model)", re.I)
NOT_COMPARABLE = re.compile(r"not (?:a )?like-for-like|no evidence|not comparable|cannot be compared", re.I)


def sentences(text: str) -> list[str]:
    """The sentences of a source, a paragraph's lines joined (placeholders stay whole: they hold no spaces)."""
    out = []
    for para in re.split(r"\n\s*\n", text):
        out += [s_ for s_ in SENTENCE_END.split(" ".join(line.strip() for line in para.splitlines())) if s_.strip()]
    return out


def _sweep_of(key: str, sweeps: dict[str, dict]) -> str | None:
    """The sweep prefix a fact key belongs to (the longest that matches: "steps.fixed" before "steps")."""
    hits = [p for p in sweeps if key.startswith(p + ".")]
    return max(hits, key=len) if hits else None


def check_ratios(text: str, sweeps: dict[str, dict]) -> list[str]:
    """A share of, or a drop from, a base measured unlike the runs it is set against (sweeps: fact_sweeps())."""
    out = []
    for sentence in sentences(text):
        keys = [m.group(1) for m in PLACEHOLDER.finditer(sentence)]
        for key in keys:
            sweep = _sweep_of(key, sweeps)
            why = sweep and sweeps[sweep]["mismatch"]
            if not why:
                continue
            if key.endswith((".kept", ".drop")):
                out.append(f"{{{{{key}}}}} is a ratio against a base measured unlike its runs ({why})")
            elif key == f"{sweep}.base.accuracy" and RATIO_WORDS.search(sentence) and any(
                    k != key and _sweep_of(k, sweeps) == sweep for k in keys):
                out.append(f"sets {sweep}'s runs against its base, measured unlike them ({why}): {sentence[:120]!r}")
    return out


def check_paper_worlds(text: str, sweeps: dict[str, dict]) -> list[str]:
    """A sentence that compares a sweep outside the classroom world (or the real SLM) with the paper's models."""
    out = []
    for sentence in sentences(text):
        other = [k for k in (m.group(1) for m in PLACEHOLDER.finditer(sentence))
                 if (sw := _sweep_of(k, sweeps)) and sweeps[sw]["world"] != results.SCALE_WORLD]
        if (other or OTHER_WORLD_MODELS.search(sentence)) and PAPER_MODELS.search(sentence) \
                and not NOT_COMPARABLE.search(sentence):
            out.append(f"compares a model outside the classroom world with the paper's models: {sentence[:140]!r}")
    return out


def figure_texts(body: str) -> list[tuple[str, str, str]]:
    """(image target, alt text, caption) of every figure: the caption is the paragraph after the image that
    starts with *Figure."""
    out = []
    lines = body.splitlines()
    for i, line in enumerate(lines):
        m = IMAGE.search(line)
        if not m:
            continue
        caption, j = [], i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and lines[j].lstrip().startswith("*Figure"):
            while j < len(lines) and lines[j].strip():
                caption.append(lines[j].strip())
                j += 1
        out.append((m.group(2), m.group(1), " ".join(caption)))
    return out


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r";|,\s|\.(?:\s|$)", text) if c.strip()]


def check_styles(text: str, names: dict[str, set[str]]) -> list[str]:
    """Every line-style or hatching word of `text` against the series it describes: the series name nearest to
    it in the same clause (names: {series: its style words}, from the figure's recorded legend)."""
    out = []
    for clause in _clauses(text):
        found = [(m.start(), m.end(), name) for name in names
                 for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?!\w)", clause, re.I)]
        if not found:
            continue
        for sm in STYLE.finditer(clause):
            word = sm.group(1).lower()
            near = min(found, key=lambda f: (min(abs(sm.start() - f[1]), abs(f[0] - sm.end())), f[0] > sm.start()))
            if names[near[2]] and word not in names[near[2]]:
                out.append(f"calls {near[2]!r} {word} in {clause.strip()!r}, but the figure draws it "
                           f"{' / '.join(sorted(names[near[2]]))}")
    return out


def check_figure(target: str, alt: str, caption: str, look: dict | None) -> list[str]:
    """One figure's alt text and caption against its recorded look: the number of panels, the styles."""
    from training.lesson_figures import look_names

    if look is None:
        return [f"{target}: no recorded look (run `python -m training.lesson_figures --ship`)"]
    out = []
    panels = look["panels"]
    for what, text in (("alt text", alt), ("caption", caption)):
        for m in PANELS.finditer(text):
            n = m.group(1).lower()
            said = int(n) if n.isdigit() else NUMBERS[n]
            if said != panels:
                out.append(f"{target}: the {what} says {m.group(0)!r}, the figure has {panels}")
        for problem in check_styles(text, look_names(look)):
            out.append(f"{target}: the {what} {problem}")
    if panels > 1 and not PANELS.search(alt):
        out.append(f"{target}: the figure has {panels} panels, and the alt text does not say so")
    return out


def lint_text(src: Path, text: str, facts: dict[str, str], looks: dict[str, dict],
              sweeps: dict[str, dict] | None = None) -> list[str]:
    """Every check of one source's text (before its placeholders are filled); sweeps: fact_sweeps(), read when
    not given."""
    try:
        name = str(src.relative_to(paths.LESSONS))
    except ValueError:
        name = src.name
    sweeps = facts_.fact_sweeps() if sweeps is None else sweeps
    problems = [f"{name}: {p}" for p in
                check_ranges(text, facts) + check_ratios(text, sweeps) + check_paper_worlds(text, sweeps)]
    body = split_front_matter(facts_.render(text, facts))[2]
    for target, alt, caption in figure_texts(body):
        if target.startswith(("http://", "https://")):
            continue
        try:
            rel = str((src.parent / target).resolve().relative_to(paths.REPO.resolve()))
        except ValueError:
            rel = target
        problems += [f"{name}: {p}" for p in check_figure(rel, alt, caption, looks.get(rel))]
    return problems


def lint(root: Path | None = None) -> list[str]:
    """The checks above over every source of the kit; an empty list when all pass."""
    facts = facts_.load()
    looks = (results.lesson_figure_facts() or {}).get("figures") or {}
    sweeps = facts_.fact_sweeps()
    return [p for src, _ in sources(root)
            for p in lint_text(src, src.read_text(encoding="utf-8"), facts, looks, sweeps)]


# -- printing ---------------------------------------------------------------------------------------------------
def to_html(markdown_text: str, title: str, paper: str = "a4") -> str:
    from markdown_it import MarkdownIt

    _, _, body = split_front_matter(markdown_text)
    html = keep_sections(MarkdownIt("commonmark").enable("table").render(boxes(body)))
    css = PRINT_CSS % {"size": PAPER[paper]}
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title><style>{css}</style>"
            f"</head><body>{html}</body></html>")


def keep_sections(html: str) -> str:
    """Each `## ` section in a <section> that the printer keeps on one page (a question stays with its answer box,
    a grid with its instructions); what comes before the first one stays as it is. A table of many rows gets
    shorter empty cells (a grid to mark, not lines to write on)."""
    head, *parts = re.split(r"(?=<h2>)", html)
    return head + "".join(f"<section>{part}</section>" for part in parts)


def source_tag(markdown_text: str) -> str:
    """What a printed PDF carries in its title to say which Markdown it was printed from."""
    return "source " + hashlib.sha256(markdown_text.encode("utf-8")).hexdigest()[:16]


def pdf_is_current(markdown_path: Path, pdf_path: Path) -> bool:
    """Whether pdf_path was printed (by pdf() below) from markdown_path as it is now."""
    if not pdf_path.exists():
        return False
    m = re.search(rb"/Title \(([^)]*)\)", pdf_path.read_bytes())
    return bool(m) and source_tag(markdown_path.read_text(encoding="utf-8")) in m.group(1).decode("latin-1")


def pdf(markdown_path: Path, out: Path, paper: str = "a4") -> Path:
    """Print a Markdown file to PDF (A4, or letter) with headless Chromium (Debian's package; CI installs it). The
    PDF's title names the source it was printed from, so `--check` can tell a stale print."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("the PDF needs Chromium (apt-get install chromium); the Markdown prints well too")
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        text = markdown_path.read_text(encoding="utf-8")
        html.write_text(to_html(text, f"{markdown_path.stem} ({source_tag(text)})", paper), encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                        html.as_uri()], check=True, capture_output=True, timeout=120)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a built file is out of date "
                                                         "or a source fails a check")
    ap.add_argument("--pdf", action="store_true", help="also print lessons/worksheet.pdf")
    ap.add_argument("--paper", choices=sorted(PAPER), default="a4", help="the PDF's paper size (default a4)")
    a = ap.parse_args(argv)
    stale = build(check=a.check)
    for p in stale:
        print(f"{'out of date' if a.check else 'built'}: {p.relative_to(paths.REPO)}")
    problems = lint()
    worksheet = paths.LESSONS / "worksheet.md"
    if a.check and (paths.LESSONS / "worksheet.pdf").exists() and not pdf_is_current(worksheet, paths.LESSONS / "worksheet.pdf"):
        problems.append("lessons/worksheet.pdf is not the print of the current worksheet.md "
                        "(python -m training.lessons --pdf)")
    for p in problems:
        print(f"check: {p}")
    if a.check:
        return 1 if stale or problems else 0
    print(f"{len(sources())} files from their sources, {len(stale)} changed")
    if a.pdf:
        out = pdf(paths.LESSONS / "worksheet.md", paths.LESSONS / "worksheet.pdf", a.paper)
        print(f"printed {out.relative_to(paths.REPO)} ({PAPER[a.paper]})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
