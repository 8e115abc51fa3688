"""A course's learner × lesson grid as a table: P / L / E / A, each in its colour."""

from __future__ import annotations

import zoneinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.reports.attendance_grid import CourseGrid, GridRow, LateEntryNote, LessonState
from frontdesk.vocab import EnrollmentStatus
from ui.kit.terms import status_text
from ui.reports.words import MARK_COLOURS, late_reason_text, mark_text

Index = QModelIndex | QPersistentModelIndex
FIXED = 3  # name, card code, status; then one column per lesson; then attended, needed
_STATES = {LessonState.UPCOMING: QT_TRANSLATE_NOOP("Reports", "to come"),
           LessonState.OPEN: QT_TRANSLATE_NOOP("Reports", "not closed yet"),
           LessonState.CLOSED: QT_TRANSLATE_NOOP("Reports", "closed"),
           LessonState.CANCELLED: QT_TRANSLATE_NOOP("Reports", "cancelled")}


translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


class GridModel(QAbstractTableModel):
    def __init__(self, tz: zoneinfo.ZoneInfo) -> None:
        super().__init__()
        self.tz = tz
        self.grid: CourseGrid | None = None

    def set_grid(self, grid: CourseGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    @property
    def lessons(self) -> int:
        return len(self.grid.lessons) if self.grid else 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else FIXED + self.lessons + 2

    def _status(self, row: GridRow) -> str:
        if row.status is None:
            return translate("Reports", "standby")
        return status_text(row.status)

    def _text(self, row: GridRow, column: int) -> Any:
        if column == 0:
            return row.learner_name
        if column == 1:
            return row.learner_code
        if column == 2:
            return self._status(row)
        if column < FIXED + self.lessons:
            mark = row.marks[column - FIXED]
            late = self.grid is not None and self.grid.late_entry(row.learner_id, column - FIXED)
            # A cell entered after its lesson wears a star: the legend and
            # the tooltip say when, by whom and why.
            return (mark.value + ("*" if late else "")) if mark else ""
        seated = row.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
        if column == FIXED + self.lessons:
            return row.attended
        return row.needs if seated else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or not index.isValid():
            return None
        row, column = self.grid.rows[index.row()], index.column()
        lesson_column = FIXED <= column < FIXED + self.lessons
        mark = row.marks[column - FIXED] if lesson_column else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and mark is not None:
            return QBrush(QColor(MARK_COLOURS[mark]))
        if role == Qt.ItemDataRole.ToolTipRole and mark is not None:
            note = self.grid.late_entry(row.learner_id, column - FIXED)
            return mark_text(mark) if note is None else "\n".join(
                (mark_text(mark), self._late_text(note)))
        if (role == Qt.ItemDataRole.FontRole and lesson_column and mark is not None
                and self.grid.late_entry(row.learner_id, column - FIXED) is not None):
            font = QFont()
            font.setItalic(True)
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIXED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status not in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, None):
                return QBrush(QColor("#888888"))
            if column == FIXED + self.lessons and row.status is not None and not row.on_track:
                return QBrush(QColor("#a12a1d"))
        return None

    def _late_text(self, note: LateEntryNote) -> str:
        who = " ".join(part for part in (note.staff_name, note.desk) if part)
        return translate("Reports", "Late entry, written {when} by {who}: {reason}").format(
            when=f"{note.recorded_at.astimezone(self.tz):%Y-%m-%d %H:%M}", who=who or "—",
            reason=late_reason_text(note.reason))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.grid is None:
            return None
        lesson_column = FIXED <= section < FIXED + self.lessons
        if role == Qt.ItemDataRole.DisplayRole:
            if lesson_column:
                return f"{self.grid.lessons[section - FIXED].starts_at.astimezone(self.tz):%m/%d}"
            names = [translate("Reports", "Name"), translate("Reports", "Card code"),
                     translate("Reports", "Status"), translate("Reports", "Attended"),
                     translate("Reports", "Needed")]
            return names[section] if section < FIXED else names[section - self.lessons]
        if role == Qt.ItemDataRole.ToolTipRole and lesson_column:
            lesson = self.grid.lessons[section - FIXED]
            return (f"{lesson.starts_at.astimezone(self.tz):%Y-%m-%d %H:%M} {lesson.topic} "
                    f"({_tr(str(_STATES[lesson.state]))})")
        return None

    def retranslate(self) -> None:
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)


__all__ = ["FIXED", "GridModel"]
