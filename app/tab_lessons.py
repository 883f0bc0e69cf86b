"""Tab 5, Lessons: renders whatever lessons/<nn>_<slug>/lesson.md holds, front matter as a header."""

from __future__ import annotations

import re

import gradio as gr

from app.tab import Tab
from training.core import paths
from training.lab.kit import Lesson, list_documents, list_lessons, parse_lesson


def to_served_markdown(lesson: Lesson) -> str:
    """Image links relative to the lesson folder become URLs Gradio serves (allowed_paths); links to the kit's
    other documents (the glossary, the worksheet) point to this tab's list, where they are."""
    def fix(m):
        target = m.group(2)
        if re.match(r"^[a-z]+://", target) or target.startswith("/gradio_api/"):
            return m.group(0)
        return f"![{m.group(1)}](/gradio_api/file={(lesson.path.parent / target).resolve()})"
    body = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", fix, lesson.body)
    return re.sub(r"(?<!!)\[([^\]]+)\]\((?:\.\./)*[\w./-]+\.md\)", r"**\1** (in the list above)", body)


def header(lesson: Lesson) -> str:
    m = lesson.meta
    if not m:  # a document of the kit (the glossary, the worksheet): it has its own title
        return ""
    bits = []
    if m.get("duration"):
        bits.append(f"**Duration:** {m['duration']}")
    if m.get("tab"):
        bits.append(f"**App tab:** {m['tab']}")
    if "needs_gpu" in m:
        bits.append("**Needs a GPU:** " + ("yes" if m["needs_gpu"] else "no"))
    objectives = m.get("objectives") or []
    obj = "\n".join(f"- {o}" for o in objectives)
    return f"# {lesson.title}\n" + " &middot; ".join(bits) + (f"\n\n**Objectives**\n{obj}" if obj else "")




def build_lessons_tab(ctx=None) -> Tab:
    lessons = list_lessons()
    with gr.Tab("Lessons", id="lessons"):
        if not lessons:
            gr.Markdown("No lessons yet: they live in `lessons/<nn>_<slug>/lesson.md`.")
        # values are names inside lessons/ (never server paths: a refused value's error message lists the choices)
        choices = [(l.title, str(l.path.relative_to(paths.LESSONS))) for l in lessons] + list_documents()
        pick = gr.Dropdown(choices, value=choices[0][1] if choices else None,
                           label="Lesson (start with the first; the instructor guide is for teachers)")
        body = gr.Markdown(render(choices[0][1]) if choices else "")

    pick.change(render, pick, body, api_name="lesson")
    return Tab()


def render(path: str | None) -> str:
    if not path:
        return ""
    p = (paths.LESSONS / path).resolve()
    kit = {paths.LESSONS.resolve(), *(d.resolve() for d in paths.LESSONS.glob("*/"))}
    if p.suffix != ".md" or p.parent not in kit:  # the API takes any string: only the kit's own pages
        raise gr.Error("that is not a lesson of this kit")
    lesson = parse_lesson(p)
    return header(lesson) + "\n\n" + to_served_markdown(lesson)
