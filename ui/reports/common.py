"""What the reports page's tabs share: tables, dates, course choice, saving files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QWidget,
)

from frontdesk.documents.fonts import MissingGlyphs
from frontdesk.errors import DomainError
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.courses import CourseSummary
from frontdesk.store.engine import StoreError
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.widgets import day_of
from ui.kit.words import describe


class ReportTab(QWidget):
    """A tab of the reports page; says how things went through ``message``."""

    message = Signal(str, str)  # kind (ok, warn, error), sentence

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.tz = context.settings().tz()

    def retranslate_ui(self) -> None:
        """Set every visible text again."""

    def activate(self) -> None:
        """The tab was brought to the front."""

    def refused(self, error: Exception) -> None:
        """Say why a domain call, the store or the disk refused."""
        if isinstance(error, (DomainError, StoreError)):
            self.message.emit("error", describe(error))
        elif isinstance(error, MissingGlyphs):
            self.message.emit("error", QCoreApplication.translate(
                "Reports", "The report cannot be drawn: no bundled font has {characters}.")
                .format(characters=error.characters))
        elif isinstance(error, OSError):
            self.message.emit("error", QCoreApplication.translate(
                "Reports", "The file could not be written: {reason}").format(
                reason=error.strerror or error))
        else:
            raise error


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def set_day(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def course_box(name: str) -> QComboBox:
    """A course chooser the desk can type into (code or part of the title)."""
    box = QComboBox()
    box.setObjectName(name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumWidth(320)
    completer = box.completer()
    assert completer is not None  # an editable box has one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return box


def fill_courses(box: QComboBox, context: DeskContext, *,
                 first: str | None = None,
                 keep: Callable[[CourseSummary], bool] | None = None) -> None:
    """Every course (by code) in ``box``; ``first`` adds an "all courses" item (data None)."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    if first is not None:
        box.addItem(first, None)
    for course in context.act(roster_actions.course_summaries):
        if keep is None or keep(course):
            box.addItem(f"{course.code} {course.title}", course.id)
    box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
    box.blockSignals(False)


def choose_xlsx(parent: QWidget, suggested: str) -> Path | None:
    title = QCoreApplication.translate("Reports", "Save as Excel")
    kinds = QCoreApplication.translate("Reports", "Excel workbooks (*.xlsx)")
    return printing.choose_save_path(parent, title, suggested, kinds, ".xlsx")


def file_safe(text: str) -> str:
    """``text`` as part of a file name (Chinese kept, separators dropped)."""
    kept = "".join(ch if ch.isalnum() or ch in "-_+" else "-" for ch in text)
    return kept.strip("-") or "report"


__all__ = ["ReportTab", "choose_xlsx", "course_box", "date_edit", "day_of", "file_safe",
           "fill_courses", "set_day"]
