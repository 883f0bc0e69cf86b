"""The teaching kit's files: each lesson (lessons/<nn>_<slug>/lesson.md, or its lesson.src.md) is YAML front
matter (title, duration, tab, objectives, commands) and a markdown body; the kit's documents (glossary,
worksheet, answer key) sit beside them. The one parser of both, for the app's Lessons tab, the facts
(lesson durations) and the kit's builder (training.lessons).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from training.core import paths

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass
class Lesson:
    path: Path
    meta: dict
    body: str

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.path.parent.name

    @property
    def minutes(self) -> int:
        """The duration in minutes ('50', '50 min' or 50), 0 when the lesson gives none."""
        m = re.match(r"\s*(\d+)", str(self.meta.get("duration", "")))
        return int(m.group(1)) if m else 0


TEACHER_SECTION = re.compile(r"^(#{2,6}) (Instructor notes|Answers?|For the teacher)\b.*$", re.M | re.I)


def teacher_only(lesson: Lesson) -> bool:
    """Lessons for the teacher alone (front matter `audience: teacher`, or the instructor guide)."""
    return str(lesson.meta.get("audience", "")).lower() == "teacher" or "instructor" in lesson.path.parent.name


def student_view(body: str) -> str:
    """A lesson body without its teacher sections ("## Instructor notes" and the like, up to the next heading of
    the same or a higher level): what a student sees in the app unless the teacher's key unlocks the rest."""
    out, skip_level = [], 0
    for line in body.splitlines(keepends=True):
        heading = re.match(r"^(#{1,6}) ", line)
        if heading and skip_level and len(heading.group(1)) <= skip_level:
            skip_level = 0
        m = TEACHER_SECTION.match(line.rstrip("\n"))
        if m:
            skip_level = len(m.group(1))
            continue
        if not skip_level:
            out.append(line)
    return "".join(out)


def split_front_matter(text: str) -> tuple[dict, str, str]:
    """(meta, front matter block as written, body). Raises ValueError on front matter that is not a mapping."""
    m = FRONT.match(text)
    if not m:
        return {}, "", text
    meta = yaml.safe_load(m.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping")
    return meta, m.group(0), text[m.end():]


def parse_lesson(path: Path) -> Lesson:
    """Split YAML front matter from the markdown body. Raises ValueError on bad front matter."""
    path = Path(path)
    try:
        meta, _, body = split_front_matter(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None
    return Lesson(path, meta, body)


def list_lessons(root: Path | None = None, name: str = "lesson.md") -> list[Lesson]:
    """Every lesson, in order (name='lesson.src.md' reads the sources instead of the built files)."""
    root = Path(root) if root else paths.LESSONS
    return [parse_lesson(p) for p in sorted(root.glob(f"*/{name}"))]


DOCUMENTS = [("Glossary: the words the lessons use", "glossary.md", "all"),
             ("Worksheet: print one per student", "worksheet.md", "all"),
             ("Answer key (for teachers)", "answer_key.md", "teacher"),
             ("A 15-minute demo (for teachers)", "demo_15min.md", "teacher"),
             ("A 3-hour workshop (for teachers)", "workshop_3h.md", "teacher"),
             ("Homework answers (for teachers)", "teacher/homework_answers.md", "teacher")]


def list_documents(root: Path | None = None, teacher: bool = True) -> list[tuple[str, str]]:
    """(title, file name) of the kit's documents beside the lessons; the teachers' ones only when `teacher`."""
    root = Path(root) if root else paths.LESSONS
    return [(title, name) for title, name, who in DOCUMENTS
            if (root / name).exists() and (teacher or who == "all")]
