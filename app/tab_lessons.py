"""Tab 5, Lessons: renders whatever lessons/<nn>_<slug>/lesson.md holds, front matter as a header."""

from __future__ import annotations

import base64
import mimetypes
import re

import gradio as gr

from app.context import is_teacher
from app.tab import Tab
from training.core import paths
from training.lab import engine

IMAGE_ROOTS = (paths.LESSONS, paths.ASSETS)  # where a lesson's figures may come from


def inline_image(path) -> str | None:
    """An image of the kit as a data: URL (the page then names no server path, and no file route has to serve the
    lessons folder, where the teachers' documents live); None for anything that is not an image under
    IMAGE_ROOTS."""
    p = path.resolve()
    kind = mimetypes.guess_type(p.name)[0] or ""
    if not kind.startswith("image/") or not p.is_file() or \
            not any(p.is_relative_to(root.resolve()) for root in IMAGE_ROOTS):
        return None
    return f"data:{kind};base64,{base64.b64encode(p.read_bytes()).decode()}"


def to_served_markdown(lesson: engine.Lesson) -> str:
    """Image links relative to the lesson folder become data: URLs (inline_image); links to the kit's other
    documents (the glossary, the worksheet) point to this tab's list, where they are."""
    def fix(m):
        target = m.group(2)
        if re.match(r"^[a-z]+:", target) or target.startswith("/"):
            return m.group(0)
        url = inline_image(lesson.path.parent / target)
        return f"![{m.group(1)}]({url})" if url else f"*(figure missing: {m.group(1)[:80]})*"
    body = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", fix, lesson.body)
    return re.sub(r"(?<!!)\[([^\]]+)\]\((?:\.\./)*[\w./-]+\.md\)", r"**\1** (in the list above)", body)


def header(lesson: engine.Lesson) -> str:
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




def lesson_choices(teacher: bool) -> list[tuple[str, str]]:
    """(title, name inside lessons/) of what this reader may open: students get the lessons and the documents for
    everyone; the teacher's key adds the instructor guide and the answer key."""
    lessons = [le for le in engine.list_lessons() if teacher or not engine.teacher_only(le)]
    documents = engine.list_documents(teacher=teacher)
    return [(le.title, str(le.path.relative_to(paths.LESSONS))) for le in lessons] + documents


def build_lessons_tab(ctx=None) -> Tab:
    with gr.Tab("Lessons", id="lessons"):
        choices = lesson_choices(False)
        if not choices:
            gr.Markdown("No lessons yet: they live in `lessons/<nn>_<slug>/lesson.md`.")
        # values are names inside lessons/ (never server paths: a refused value's error message lists the choices)
        with gr.Row():
            pick = gr.Dropdown(choices, value=choices[0][1] if choices else None, scale=4,
                               label="Lesson (start with the first)")
            key = gr.Textbox(label="Teacher key (shows the instructor guide, answer key and notes)", type="password",
                             max_length=200, scale=2)
        body = gr.Markdown(render(choices[0][1]) if choices else "")
        teacher = gr.State(False)  # this page unlocked the teachers' pages (server-side: the key itself is not kept)

    def on_key(k, current):
        t = ctx is not None and is_teacher(ctx, k)
        if k and not t:
            raise gr.Error("that is not the teacher key this app was started with" if ctx and ctx.teacher_key else
                           "this app was started without a teacher key (python -m app --teacher-key KEY)")
        new = lesson_choices(t)
        keep = current if current in {v for _, v in new} else (new[0][1] if new else None)
        return gr.update(choices=new, value=keep), render(keep, t), t, ""

    pick.change(render, [pick, teacher], body, api_name="lesson")
    # The key is an input of this event only, and the event is not public: Gradio's run history (kept in the
    # browser's localStorage, shown on its "Runs" page) records the inputs of public events, so a key typed here
    # was readable by anyone at that computer afterwards. The box is emptied once the key is taken.
    key.submit(on_key, [key, pick], [pick, body, teacher, key], api_name="teacher_key",
               api_visibility="undocumented")
    return Tab()


def render(path: str | None, teacher: bool = False) -> str:
    if not path:
        return ""
    p = (paths.LESSONS / path).resolve()
    kit = {paths.LESSONS.resolve(), *(d.resolve() for d in paths.LESSONS.glob("*/"))}
    if p.suffix != ".md" or p.parent not in kit:  # the API takes any string: only the kit's own pages
        raise gr.Error("that is not a lesson of this kit")
    allowed = {(paths.LESSONS / v).resolve() for _, v in lesson_choices(teacher)}
    if p not in allowed:
        raise gr.Error("that page is for teachers: enter the teacher key")
    lesson = engine.parse_lesson(p)
    body = to_served_markdown(lesson)
    return header(lesson) + "\n\n" + (body if teacher else engine.student_view(body))
