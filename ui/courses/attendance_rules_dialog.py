"""The no-show and standby rules (an administrator's): the school's, or a course's own.

One dialog over :class:`frontdesk.roster.no_shows.AttendanceRules`: choose
the school or a course, change the values, save (one domain call, which
checks the ranges and the role). A course that has rules of its own can go
back to following the school's.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QSpinBox, QWidget

from frontdesk.errors import DomainError
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.no_shows import (
    AttendanceRules,
)
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.reports.common import fill_courses


@dataclass(frozen=True)
class RulesChoice:
    course_id: int | None  # None: the school's
    rules: AttendanceRules


class AttendanceRulesDialog(FormDialog[RulesChoice, AttendanceRules]):
    def __init__(self, parent: QWidget | None, context: DeskContext,
                 course_id: int | None = None) -> None:
        ctx = context
        super().__init__(parent, lambda c: ctx.act(roster_actions.save_attendance_rules, c.rules,
                                                   ctx.now(), course_id=c.course_id))
        self.context = context
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("rules_scope")
        self.scope_box.setMinimumWidth(320)
        fill_courses(self.scope_box, context, first=self.tr("The whole school (default)"))
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(course_id)))
        self.scope_box.currentIndexChanged.connect(self.on_scope_box_current_index_changed)
        self.standby_spin = QSpinBox()
        self.standby_spin.setObjectName("rules_standby")
        self.standby_spin.setRange(0, 180)
        self.demote_box = QCheckBox()
        self.demote_box.setObjectName("rules_demote")
        self.repeat_spin = QSpinBox()
        self.repeat_spin.setRange(1, 50)
        self.window_spin = QSpinBox()
        self.window_spin.setRange(1, 730)
        for widget in (self.scope_box, self.standby_spin, self.demote_box, self.repeat_spin,
                       self.window_spin):
            self.add_row(widget)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555555;")
        self.extra_area.addWidget(self.help)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.on_clear_button_clicked)
        self.extra_area.addWidget(self.clear_button)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("No-show and standby rules"))
        self.set_labels(self.tr("Rules of"), self.tr("Standby opens"),
                        self.tr("Waiting list"), self.tr("Repeat no-show"),
                        self.tr("Counting no-shows over"))
        self.standby_spin.setSpecialValueText(self.tr("off"))
        self.standby_spin.setSuffix(self.tr(" minutes after a full lesson starts"))
        self.demote_box.setText(self.tr("Repeat no-shows go to the end of the waiting list"))
        self.repeat_spin.setSuffix(self.tr(" no-shows on free courses"))
        self.window_spin.setSuffix(self.tr(" days"))
        self.clear_button.setText(self.tr("This course follows the school's rules again"))
        self.help.setText(self.tr(
            "A no-show is a lesson of a free course someone was enrolled on and missed without "
            "being excused. Standby offers the seats of enrolled learners who have not arrived "
            "to waiting learners at the desk, for that lesson only."))

    def course_id(self) -> int | None:
        value = self.scope_box.currentData()
        return int(value) if value is not None else None

    def load(self) -> None:
        rules = self.context.act(roster_actions.attendance_rules, self.course_id())
        self.standby_spin.setValue(rules.standby_after_min)
        self.demote_box.setChecked(rules.demote_no_shows)
        self.repeat_spin.setValue(rules.repeat_no_shows)
        self.window_spin.setValue(rules.no_show_window_days)
        self.clear_button.setVisible(self.course_id() is not None)

    def value(self) -> RulesChoice:
        return RulesChoice(self.course_id(), AttendanceRules(
            standby_after_min=self.standby_spin.value(),
            demote_no_shows=self.demote_box.isChecked(),
            repeat_no_shows=self.repeat_spin.value(),
            no_show_window_days=self.window_spin.value()))

    @Slot(int)
    def on_scope_box_current_index_changed(self, _index: int) -> None:
        self.error_label.hide()
        self.load()

    @Slot()
    def on_clear_button_clicked(self) -> None:
        course_id = self.course_id()
        if course_id is None:
            return
        ctx = self.context
        try:
            self.result_value = ctx.act(roster_actions.clear_course_rules, course_id, ctx.now())
        except DomainError as error:
            self.show_error(error)
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext,
            course_id: int | None = None) -> AttendanceRules | None:
        return cls.run(cls(parent, context, course_id))


__all__ = ["AttendanceRulesDialog", "RulesChoice"]
