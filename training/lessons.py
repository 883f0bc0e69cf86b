"""Build the teaching kit from its sources: every measured number filled in from the shipped results.

    python -m training.lessons            # lessons/*/lesson.md, the worksheet and the answer key, from their sources
    python -m training.lessons --check    # exit 1 if a built file is not what its source and the results give
    python -m training.lessons --pdf      # also lessons/worksheet.pdf (Chromium prints it; none: a clear error)

A source (`lesson.src.md`, `worksheet.src.md`, `answer_key.src.md`) writes a measured number as a placeholder,
`{{valley.long.250.accuracy}}`, and `python -m training.lab.facts` lists them all. The built files are what a
teacher reads (on GitHub, in the app, on paper), and a test checks they are up to date, so a regenerated sweep
changes every quote at once and no number can drift from the results.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from training.core import paths
from training.lab import facts as facts_
from training.lab.kit import split_front_matter

NOTE = "<!-- Built from {src} by `python -m training.lessons`: edit the source, not this file. -->\n"
PRINT_CSS = """body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.45; font-size: 12pt; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; } h2 { page-break-after: avoid; margin-top: 1.4em; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 4px 8px; }
.answer { border-bottom: 1px solid #999; height: 2.2em; } code { font-size: 10.5pt; }
@page { margin: 18mm; }"""


def sources(root: Path | None = None) -> list[tuple[Path, Path]]:
    """(source, built file) pairs of the kit."""
    root = Path(root) if root else paths.LESSONS
    pairs = [(src, src.with_name("lesson.md")) for src in sorted(root.glob("*/lesson.src.md"))]
    for name in ("worksheet", "answer_key"):
        src = root / f"{name}.src.md"
        if src.exists():
            pairs.append((src, root / f"{name}.md"))
    return pairs


def build_text(src: Path, facts: dict[str, str]) -> str:
    """The built text of one source: placeholders filled, a note that says where it comes from."""
    text = facts_.render(src.read_text(encoding="utf-8"), facts)
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


def to_html(markdown_text: str, title: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown_text)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title><style>{PRINT_CSS}</style>"
            f"</head><body>{body}</body></html>")


def pdf(markdown_path: Path, out: Path) -> Path:
    """Print a Markdown file to PDF with headless Chromium (Debian's package; CI installs it)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("the PDF needs Chromium (apt-get install chromium); the Markdown prints well too")
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_text(to_html(markdown_path.read_text(encoding="utf-8"), markdown_path.stem), encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                        html.as_uri()], check=True, capture_output=True, timeout=120)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a built file is out of date")
    ap.add_argument("--pdf", action="store_true", help="also print lessons/worksheet.pdf")
    a = ap.parse_args(argv)
    stale = build(check=a.check)
    for p in stale:
        print(f"{'out of date' if a.check else 'built'}: {p.relative_to(paths.REPO)}")
    if a.check:
        return 1 if stale else 0
    print(f"{len(sources())} files from their sources, {len(stale)} changed")
    if a.pdf:
        out = pdf(paths.LESSONS / "worksheet.md", paths.LESSONS / "worksheet.pdf")
        print(f"printed {out.relative_to(paths.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
