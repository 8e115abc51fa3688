"""The dashboard's "tonight": lessons filling as learners arrive, fees taken
today and the waiting lists (from :func:`frontdesk.reports.dashboard.tonight_summary`)."""

from __future__ import annotations

import zoneinfo
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.checkin.tonight import LessonSummary
from frontdesk.reports.dashboard import Tonight, WaitingCourse
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.terms import method_text
from ui.kit.widgets import money

FILL_COLUMN = 4


class FillDelegate(QStyledItemDelegate):
    """A bar: here (dark), enrolled (light) against the capacity (the whole cell)."""

    def __init__(self, model: RowsModel[LessonSummary]) -> None:
        super().__init__()
        self.model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        lesson = self.model.rows[index.row()]
        area = option.rect.adjusted(4, 6, -4, -6)
        painter.save()
        painter.fillRect(area, QColor("#eeeeee"))
        capacity = max(lesson.capacity, lesson.enrolled, 1)
        for count, colour in ((lesson.enrolled, "#aed6f1"), (lesson.checked_in, "#27ae60")):
            width = round(area.width() * min(count, capacity) / capacity)
            painter.fillRect(QRect(area.left(), area.top(), width, area.height()), QColor(colour))
        painter.restore()


def _view(model: RowsModel[Any], name: str) -> QTableView:
    view = read_only_table(model, name, select_rows=False)
    view.setMinimumHeight(170)
    return view


class TonightPanel(QWidget):
    def __init__(self, tz: zoneinfo.ZoneInfo) -> None:
        super().__init__()
        self.tz = tz
        self.tonight: Tonight | None = None
        self.heading = QLabel()
        self.heading.setObjectName("tonight_heading")
        self.here_label = QLabel()
        self.here_label.setObjectName("tonight_here")
        self.here_label.setStyleSheet("font-size: 14pt; font-weight: bold; color: #12612f;")
        self.fees_label = QLabel()
        self.fees_label.setObjectName("tonight_fees")
        self.fees_label.setWordWrap(True)
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("tonight_waiting")
        self._init_tables()
        self._init_layout()

    def _init_tables(self) -> None:
        def when(s: LessonSummary) -> str:
            return f"{s.starts_at.astimezone(self.tz):%H:%M}–{s.ends_at.astimezone(self.tz):%H:%M}"

        self.lessons_model: RowsModel[LessonSummary] = RowsModel([
            Column(lambda: self.tr("Time"), when),
            Column(lambda: self.tr("Course"), lambda s: s.course_title),
            Column(lambda: self.tr("Room"), lambda s: s.room),
            Column(lambda: self.tr("Here / enrolled / seats"),
                   lambda s: f"{s.checked_in} / {s.enrolled} / {s.capacity}", True),
            Column(lambda: self.tr("Filling"), lambda s: ""),
            Column(lambda: self.tr("Late"), lambda s: s.late or "", True),
            Column(lambda: self.tr("Waiting"), lambda s: s.waitlisted or "", True),
        ], tint=lambda s: "#888888" if s.cancelled or s.closed else None)
        self.lessons_view = _view(self.lessons_model, "tonight_lessons")
        self.fill = FillDelegate(self.lessons_model)
        self.lessons_view.setItemDelegateForColumn(FILL_COLUMN, self.fill)
        for column, width in ((0, 96), (1, 190), (2, 60), (3, 150), (4, 110), (5, 44)):
            self.lessons_view.setColumnWidth(column, width)
        self.waiting_model: RowsModel[WaitingCourse] = RowsModel([
            Column(lambda: self.tr("Code"), lambda w: w.code),
            Column(lambda: self.tr("Course"), lambda w: w.title),
            Column(lambda: self.tr("Seats taken"), lambda w: f"{w.seated} / {w.capacity}", True),
            Column(lambda: self.tr("Free seats"), lambda w: w.free_seats or "", True),
            Column(lambda: self.tr("Waiting"), lambda w: w.waitlisted, True),
        ], tint=lambda w: "#12612f" if w.free_seats else None)
        self.waiting_view = _view(self.waiting_model, "tonight_waiting_lists")
        for column, width in ((0, 60), (1, 190), (2, 80), (3, 70)):
            self.waiting_view.setColumnWidth(column, width)

    def _init_layout(self) -> None:
        headline = QHBoxLayout()
        headline.addWidget(self.heading)
        headline.addWidget(self.here_label)
        headline.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.fees_label)
        left.addWidget(self.lessons_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.waiting_label)
        right.addWidget(self.waiting_view, 1)
        tables = QHBoxLayout()
        tables.addLayout(left, 3)
        tables.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(headline)
        layout.addLayout(tables, 1)

    def retranslate_ui(self) -> None:
        self.lessons_model.retranslate()
        self.waiting_model.retranslate()
        if self.tonight is not None:
            self.show_tonight(self.tonight)

    def show_tonight(self, tonight: Tonight) -> None:
        self.tonight = tonight
        local = tonight.at.astimezone(self.tz)
        day = QLocale().toString(QDate(local.year, local.month, local.day),
                                 QLocale.FormatType.LongFormat)
        self.heading.setText(self.tr("<b>Tonight</b>, {day} {time}").format(
            day=day, time=f"{local:%H:%M}"))
        held = [lesson for lesson in tonight.lessons if not lesson.cancelled]
        self.here_label.setText(self.tr("{present} here of {enrolled} enrolled in {lessons} "
                                        "lessons").format(present=tonight.present,
                                                          enrolled=tonight.enrolled,
                                                          lessons=len(held)))
        self.fees_label.setText(self.fees_text(tonight))
        people = sum(w.waitlisted for w in tonight.waiting)
        self.waiting_label.setText(self.tr("<b>Waiting lists</b>: {learners} learners on "
                                           "{courses} courses").format(
            learners=people, courses=len(tonight.waiting)))
        self.lessons_model.set_rows(tonight.lessons)
        self.waiting_model.set_rows(tonight.waiting)

    def fees_text(self, tonight: Tonight) -> str:
        fees = tonight.fees
        methods = [f"{method_text(m.method)} {money(m.net_fen)}" for m in fees.methods
                   if m.payments or m.refunds]
        text = self.tr("<b>Fees taken today</b>: {net} ({entries} entries)").format(
            net=money(fees.net_fen), entries=fees.entries)
        if methods:
            text += " · " + " · ".join(methods)
        if fees.refunds_fen:
            text += " · " + self.tr("refunds {amount}").format(amount=money(fees.refunds_fen))
        if fees.waived_fen:
            text += " · " + self.tr("waived {amount}").format(amount=money(fees.waived_fen))
        return text


__all__ = ["TonightPanel"]
