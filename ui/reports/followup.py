"""Outcome follow-up (就业/创业回访): who is due a call, and what came of it.

The list is :func:`frontdesk.reports.followup.followups_due`: learners who
agreed to be called, some weeks after their course ended, until a call
reaches them. Recording a call is one domain call, which refuses a learner
who did not agree (the refusal is shown in the dialog, in words).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from frontdesk.reports import actions as report_actions
from frontdesk.reports.followup import (
    MAX_NOTE,
    FollowupDue,
    FollowupResult,
)
from frontdesk.roster import actions as roster_actions
from frontdesk.staff.roles import Action
from frontdesk.vocab import EnrollmentStatus, OutcomeKind
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.kit.learner_picker import LearnerPicker
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.reports.common import ReportTab
from ui.reports.words import outcome_text


@dataclass(frozen=True)
class Call:
    learner_id: int
    course_id: int | None
    kind: OutcomeKind
    note: str


class RecordCallDialog(FormDialog[Call, FollowupResult]):
    """What came of a call to one learner (about one course, or none)."""

    def __init__(self, parent: QWidget | None, context: DeskContext, learner_id: int,
                 course_id: int | None) -> None:
        ctx = context
        super().__init__(parent, lambda c: ctx.act(report_actions.record_followup, c.learner_id,
                                                   c.course_id, c.kind, c.note, ctx.now()))
        self.learner_id = learner_id
        learner = context.act(roster_actions.get_learner, learner_id)
        self.who = QLabel(f"{learner.name}（{learner.code}）")
        self.course_box = QComboBox()
        self.course_box.setObjectName("call_course")
        self.course_box.addItem(self.tr("No particular course"), None)
        for row in context.act(roster_actions.learner_enrollments, learner_id):
            if row.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED):
                self.course_box.addItem(f"{row.course_code} {row.course_title}", row.course_id)
        self.course_box.setCurrentIndex(max(0, self.course_box.findData(course_id)))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("call_kind")
        for kind in OutcomeKind:
            self.kind_box.addItem(outcome_text(kind), kind.value)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE)
        for widget in (self.who, self.course_box, self.kind_box, self.note_edit):
            self.add_row(widget)
        self.set_labels(self.tr("Learner"), self.tr("Course"), self.tr("Outcome"),
                        self.tr("Note"))
        self.setWindowTitle(self.tr("Record a follow-up call"))
        self.resize(460, 220)

    def value(self) -> Call:
        course = self.course_box.currentData()
        return Call(self.learner_id, int(course) if course is not None else None,
                    OutcomeKind(self.kind_box.currentData()), self.note_edit.text())

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, learner_id: int,
            course_id: int | None) -> FollowupResult | None:
        return cls.run(cls(parent, context, learner_id, course_id))


class FollowupTab(ReportTab):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.weeks_spin, self.window_spin = QSpinBox(), QSpinBox()
        self.weeks_spin.setObjectName("followup_weeks")
        self.weeks_spin.setRange(0, 104)
        self.weeks_spin.setValue(12)
        self.window_spin.setRange(1, 104)
        self.window_spin.setValue(8)
        for spin in (self.weeks_spin, self.window_spin):
            spin.valueChanged.connect(self.refresh)
        self.weeks_label, self.window_label, self.note = QLabel(), QLabel(), QLabel()
        self.note.setWordWrap(True)
        self.record_button, self.other_button = QPushButton(), QPushButton()
        self.record_button.setObjectName("followup_record")
        self.record_button.clicked.connect(self.on_record_button_clicked)
        self.other_button.clicked.connect(self.on_other_button_clicked)
        self.model: RowsModel[FollowupDue] = RowsModel([
            Column(lambda: self.tr("Course"), lambda d: f"{d.course_code} {d.course_title}"),
            Column(lambda: self.tr("Course ended"),
                   lambda d: f"{d.course_ended_at.astimezone(self.tz):%Y-%m-%d}"),
            Column(lambda: self.tr("Card code"), lambda d: d.learner_code),
            Column(lambda: self.tr("Name"), lambda d: d.learner_name),
            Column(lambda: self.tr("Mobile"), lambda d: d.phone),
            Column(lambda: self.tr("Calls not answered"), lambda d: d.attempts or "", True),
            Column(lambda: self.tr("Last tried"), lambda d: (
                f"{d.last_attempt_at.astimezone(self.tz):%Y-%m-%d}" if d.last_attempt_at
                else "")),
        ])
        self.view = read_only_table(self.model, "followups")
        for column, width in ((0, 220), (1, 90), (2, 80), (3, 100), (4, 110), (5, 90)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self.on_view_double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._init_layout()
        self._started = False
        self.retranslate_ui()

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.weeks_label, self.weeks_spin, self.window_label, self.window_spin):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.record_button)
        top.addWidget(self.other_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    def retranslate_ui(self) -> None:
        self.weeks_label.setText(self.tr("Call learners"))
        self.weeks_spin.setSuffix(self.tr(" weeks after their course ended"))
        self.window_label.setText(self.tr("for courses that ended within"))
        self.window_spin.setSuffix(self.tr(" weeks before that"))
        self.record_button.setText(self.tr("Record the call…"))
        self.other_button.setText(self.tr("Another learner…"))
        self.model.retranslate()
        self._show_note()

    def activate(self) -> None:
        self._started = True
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if not self._started:
            return
        self.model.set_rows(self.context.act(report_actions.followups_due, self.context.now(),
                                             self.weeks_spin.value(),
            window_weeks=self.window_spin.value(),
            full_phone=self.context.may(Action.EXPORT_FULL)))
        self._show_note()
        self._update_buttons()

    def _show_note(self) -> None:
        self.note.setText(self.tr(
            "{n} calls due. Only learners who agreed to follow-up calls are listed; a learner "
            "leaves the list once a call reaches them (a call not answered keeps them on it)."
        ).format(n=len(self.model.rows)))

    def _update_buttons(self) -> None:
        allowed = self.context.may(Action.FOLLOWUP)
        self.record_button.setEnabled(allowed and self.chosen() is not None)
        self.other_button.setEnabled(allowed)

    def chosen(self) -> FollowupDue | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @Slot(QModelIndex)
    def on_view_double_clicked(self, _index: QModelIndex) -> None:
        self.on_record_button_clicked()

    @Slot()
    def on_record_button_clicked(self) -> None:
        due = self.chosen()
        if due is not None and self.context.may(Action.FOLLOWUP):
            self._record(due.learner_id, due.course_id)

    @Slot()
    def on_other_button_clicked(self) -> None:
        learner_id = LearnerPicker.ask(self, self.context, self.tr("Who was called?"))
        if learner_id is not None:
            self._record(learner_id, None)

    def _record(self, learner_id: int, course_id: int | None) -> None:
        result = RecordCallDialog.ask(self, self.context, learner_id, course_id)
        if result is None:
            return
        self.message.emit("ok", self.tr("Call recorded: {outcome}.").format(
            outcome=outcome_text(result.kind)))
        self.refresh()


__all__ = ["Call", "FollowupTab", "RecordCallDialog"]
