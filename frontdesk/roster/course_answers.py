"""Reading a sign-up form's course answer as the courses it names.

People write course titles as they please: full- or half-width brackets,
spaces, a title without its class ("AI+营销获客" when the school runs
"AI+营销获客（一班）" and "（二班）"), several courses in one multiple-choice
answer ("AI+营销获客┋AI+珠宝设计" from 问卷星, commas or semicolons from
others). An answer that could be two classes is asked about, never guessed:
the clerk's choice for that answer (``choices``) settles it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.roster.signup_sheets import Problem
from frontdesk.store.models import Course


@dataclass(frozen=True)
class CourseRef:
    id: int
    code: str
    title: str


@dataclass(frozen=True)
class CourseAnswer:
    """What one answer reads as: its courses, and the problems of its parts."""

    courses: tuple[CourseRef, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class CourseQuestion:
    """A part of an answer that needs the clerk: unknown, or one of several classes."""

    text: str
    candidates: tuple[CourseRef, ...]  # empty: no course looks like it


_SEPARATORS = "┋|;；,，、\n\r"
_OPEN, _CLOSE = "([{【《〔", ")]}】》〕"
_IGNORED = re.compile(r"[\s()\[\]{}【】《》〔〕\-_·—]")
_CLASS_SUFFIX = re.compile(r".{0,6}[班期]")


def course_key(text: str) -> str:
    """A title as compared: full-/half-width, brackets, spaces and case aside."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


def split_answer(text: str) -> list[str]:
    """The parts of a multiple-choice answer; a separator inside brackets
    ("办公软件应用（Word、Excel）") does not split."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in unicodedata.normalize("NFKC", text):
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        if ch in _SEPARATORS and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


class CourseIndex:
    """The school's courses by code and title, and the clerk's choices."""

    def __init__(self, courses: Iterable[CourseRef],
                 choices: Mapping[str, CourseRef] | None = None) -> None:
        self.courses = list(courses)
        self._exact: dict[str, CourseRef] = {}
        for ref in self.courses:
            self._exact.setdefault(course_key(ref.title), ref)
        for ref in self.courses:  # a code wins over a title that reads the same
            self._exact[course_key(ref.code)] = ref
        self.choices = {course_key(text): ref for text, ref in (choices or {}).items()}
        self._answers: dict[str, CourseAnswer] = {}
        self.questions: dict[str, CourseQuestion] = {}  # by key, in the order met

    @classmethod
    def of_store(cls, session: Session, choices: Mapping[str, str] | None = None) -> CourseIndex:
        """Every course of the store; ``choices`` maps an answer to a course code or title."""
        index = cls(CourseRef(i, code, title) for i, code, title in session.execute(
            select(Course.id, Course.code, Course.title).order_by(Course.id)))
        resolved: dict[str, CourseRef] = {}
        for text, wanted in (choices or {}).items():
            found = index.exact(wanted)
            if found is None:
                from frontdesk.errors import DomainError

                raise DomainError("course_not_found", value=wanted)
            resolved[text] = found
        index.choices = {course_key(text): ref for text, ref in resolved.items()}
        return index

    def exact(self, text: str) -> CourseRef | None:
        return self._exact.get(course_key(text))

    def read(self, text: str) -> CourseAnswer:
        """The courses an answer names (each once), with a problem per part not understood."""
        if text not in self._answers:
            self._answers[text] = self._read(text)
        return self._answers[text]

    def _read(self, text: str) -> CourseAnswer:
        whole = self.choices.get(course_key(text)) or self._exact.get(course_key(text))
        if whole is not None:
            return CourseAnswer((whole,), ())
        parts = [(p, self._part(p)) for p in split_answer(text)]
        found: dict[int, CourseRef] = {}
        problems: list[Problem] = []
        for _text, (ref, problem) in parts:
            if ref is not None:
                found.setdefault(ref.id, ref)
            if problem is not None:
                problems.append(problem)
        return CourseAnswer(tuple(found.values()), tuple(problems))

    def _part(self, text: str) -> tuple[CourseRef | None, Problem | None]:
        key = course_key(text)
        chosen = self.choices.get(key) or self._exact.get(key)
        if chosen is not None:
            return chosen, None
        classes = tuple(ref for ref in self.courses if self._is_class_of(ref, key))
        if len(classes) == 1:
            return classes[0], Problem("course_read_as", {
                "value": text.strip(), "course_title": classes[0].title})
        self.questions.setdefault(key, CourseQuestion(text.strip(), classes))
        if classes:
            return None, Problem("course_ambiguous", {
                "value": text.strip(), "choices": "、".join(c.title for c in classes)})
        return None, Problem("unknown_course", {"value": text.strip()})

    @staticmethod
    def _is_class_of(ref: CourseRef, key: str) -> bool:
        title = course_key(ref.title)
        return (bool(key) and title.startswith(key)
                and _CLASS_SUFFIX.fullmatch(title[len(key):]) is not None)
