"""Call lists: who is at risk of missing the certificate, and who did not come.

Phones are whole only for a role allowed to export them (an admin);
everyone else sees 138****5678, as the privacy rules say. The domain masks
them: the window only asks for what the role may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from frontdesk.privacy import actions as privacy_actions
from frontdesk.privacy import personal_data as privacy
from frontdesk.reports import actions as report_actions
from frontdesk.reports.at_risk import AtRiskRow, Risk
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.no_shows import AttendanceRules, NoShowRow
from frontdesk.staff.roles import Action
from ui.kit.context import DeskContext
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.reports.common import (
    ReportTab,
    choose_xlsx,
    course_box,
    date_edit,
    day_of,
    fill_courses,
    set_day,
)
from ui.reports.words import risk_text

NO_SHOW_DAYS = 90  # the list looks this far back unless the desk says otherwise


@dataclass(frozen=True)
class CallRow:
    """One learner to call: every course where they can still just make it."""

    learner_id: int
    learner_code: str
    learner_name: str
    phone: str
    courses: str
    spare: int  # the fewest lessons they may still miss, over those courses


def who_to_call(rows: list[AtRiskRow]) -> list[CallRow]:
    """One line per learner who can still reach the threshold (a call can help),
    the fewest lessons to spare first."""
    people: dict[int, list[AtRiskRow]] = {}
    for row in rows:
        if row.risk is Risk.ONLY_JUST:
            people.setdefault(row.learner_id, []).append(row)
    calls = [CallRow(mine[0].learner_id, mine[0].learner_code, mine[0].learner_name,
                     mine[0].phone, "、".join(r.course_title for r in mine),
                     min(r.spare for r in mine)) for mine in people.values()]
    calls.sort(key=lambda c: (c.spare, c.learner_name, c.learner_id))
    return calls


class AtRiskTab(ReportTab):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.rows: list[AtRiskRow] = []
        self.course_box = course_box("risk_course")
        self.course_box.activated.connect(self.refresh)
        self.slack_spin = QSpinBox()
        self.slack_spin.setObjectName("risk_slack")
        self.slack_spin.setRange(0, 5)
        self.slack_spin.setValue(1)
        self.slack_spin.valueChanged.connect(self.refresh)
        self.view_box = QComboBox()
        self.view_box.setObjectName("risk_view")
        self.view_box.currentIndexChanged.connect(self._show)
        self.export_button = QPushButton()
        self.export_button.setObjectName("risk_export")
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self._init_models()
        self.note = QLabel()
        self.note.setObjectName("risk_note")
        self.note.setWordWrap(True)
        self.slack_label = QLabel()
        top = QHBoxLayout()
        for widget in (self.course_box, self.slack_label, self.slack_spin, self.view_box):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.call_view, 1)
        self.retranslate_ui()

    def _init_models(self) -> None:
        self.list_model: RowsModel[AtRiskRow] = RowsModel([
            Column(lambda: self.tr("Situation"), lambda r: risk_text(r.risk)),
            Column(lambda: self.tr("Course"), lambda r: f"{r.course_code} {r.course_title}"),
            Column(lambda: self.tr("Card code"), lambda r: r.learner_code),
            Column(lambda: self.tr("Name"), lambda r: r.learner_name),
            Column(lambda: self.tr("Mobile"), lambda r: r.phone),
            Column(lambda: self.tr("Attended / held"), lambda r: f"{r.attended} / {r.held}",
                   True),
            Column(lambda: self.tr("Lessons left"), lambda r: r.remaining, True),
            Column(lambda: self.tr("Needed"), lambda r: r.needs, True),
            Column(lambda: self.tr("May still miss"), self._spare_text, True),
        ], tint=lambda r: "#a12a1d" if r.risk is Risk.CANNOT_REACH else "#8a5300")
        self.list_view = read_only_table(self.list_model, "risk_list")
        for column, width in ((0, 90), (1, 220), (2, 80), (3, 100), (4, 110)):
            self.list_view.setColumnWidth(column, width)
        self.call_model: RowsModel[CallRow] = RowsModel([
            Column(lambda: self.tr("Card code"), lambda c: c.learner_code),
            Column(lambda: self.tr("Name"), lambda c: c.learner_name),
            Column(lambda: self.tr("Mobile"), lambda c: c.phone),
            Column(lambda: self.tr("May still miss"), lambda c: c.spare, True),
            Column(lambda: self.tr("Courses"), lambda c: c.courses),
        ])
        self.call_view = read_only_table(self.call_model, "risk_calls")
        for column, width in ((0, 80), (1, 110), (2, 120), (3, 100)):
            self.call_view.setColumnWidth(column, width)
        self.call_view.hide()

    def _spare_text(self, row: AtRiskRow) -> str:
        if row.spare >= 0:
            return str(row.spare)
        return self.tr("short by {n}").format(n=-row.spare)

    def retranslate_ui(self) -> None:
        self.slack_label.setText(self.tr("Only just: at most"))
        self.slack_spin.setSuffix(self.tr(" lessons to spare"))
        index = max(0, self.view_box.currentIndex())
        self.view_box.blockSignals(True)
        self.view_box.clear()
        self.view_box.addItems([self.tr("Everyone at risk"), self.tr("Who to call")])
        self.view_box.setCurrentIndex(index)
        self.view_box.blockSignals(False)
        self.export_button.setText(self.tr("Save Excel…"))
        self.list_model.retranslate()
        self.call_model.retranslate()
        if self.course_box.count():
            self.course_box.setItemText(0, self.tr("Every running course"))
        self._show()

    def activate(self) -> None:
        fill_courses(self.course_box, self.context, first=self.tr("Every running course"))
        self.refresh()

    @property
    def full_phone(self) -> bool:
        return self.context.may(Action.EXPORT_FULL)

    @Slot()
    def refresh(self) -> None:
        course_id = self.course_box.currentData()
        self.rows = self.context.act(report_actions.at_risk_list, self.context.now(),
                                     course_id=course_id,
                                      slack=self.slack_spin.value(), full_phone=self.full_phone)
        self._show()

    @Slot()
    def _show(self) -> None:
        calling = self.view_box.currentIndex() == 1
        self.list_model.set_rows(self.rows)
        self.call_model.set_rows(who_to_call(self.rows))
        self.list_view.setVisible(not calling)
        self.call_view.setVisible(calling)
        cannot = sum(1 for r in self.rows if r.risk is Risk.CANNOT_REACH)
        if calling:
            self.note.setText(self.tr("{n} learners can still earn the certificate if they come "
                                      "to the lessons left: one call each.").format(
                n=len(self.call_model.rows)))
        else:
            self.note.setText(self.tr("{n} places at risk: {cannot} can no longer reach the "
                                      "certificate, {just} only just.").format(
                n=len(self.rows), cannot=cannot, just=len(self.rows) - cannot))
        self.export_button.setEnabled(bool(self.rows) and self.context.may(Action.EXPORT_MASKED))

    @Slot()
    def on_export_button_clicked(self) -> None:
        from frontdesk.documents.report_xlsx import write_at_risk_xlsx

        path = choose_xlsx(self, self.tr("at-risk") + ".xlsx")
        if path is None:
            return
        ctx, rows, full = self.context, list(self.rows), self.full_phone
        try:
            privacy.check_export(ctx.actor, full_phone=full)
            write_at_risk_xlsx(rows, path)
            # A list of phone numbers left the store: the audit trail says so.
            ctx.act(privacy_actions.record_export, ctx.now(), "at_risk", len(rows), full,
                    file_name=path.name)
        except Exception as error:
            self.refused(error)
            return
        self.message.emit("ok", self.tr("Saved: {path}").format(path=path))


class NoShowsTab(ReportTab):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.rules: AttendanceRules | None = None  # read by refresh with the list
        self.since_edit = date_edit("no_show_since")
        self.since_edit.dateChanged.connect(self.refresh)
        self.min_spin = QSpinBox()
        self.min_spin.setObjectName("no_show_min")
        self.min_spin.setRange(1, 50)
        self.min_spin.valueChanged.connect(self.refresh)
        self.since_label, self.min_label, self.note = QLabel(), QLabel(), QLabel()
        self.note.setWordWrap(True)
        self.model: RowsModel[NoShowRow] = RowsModel([
            Column(lambda: self.tr("Card code"), lambda r: r.learner_code),
            Column(lambda: self.tr("Name"), lambda r: r.learner_name),
            Column(lambda: self.tr("Mobile"), lambda r: r.phone),
            Column(lambda: self.tr("No-shows"), lambda r: r.no_shows, True),
            Column(lambda: self.tr("Free courses"), lambda r: r.courses, True),
            Column(lambda: self.tr("Last missed"),
                   lambda r: f"{r.last_missed_at.astimezone(self.tz):%Y-%m-%d %H:%M}"),
        ])
        self.view = read_only_table(self.model, "no_shows")
        for column, width in ((0, 80), (1, 110), (2, 110), (3, 80), (4, 80)):
            self.view.setColumnWidth(column, width)
        top = QHBoxLayout()
        for widget in (self.since_label, self.since_edit, self.min_label, self.min_spin):
            top.addWidget(widget)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self._started = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.since_label.setText(self.tr("Lessons of free courses since"))
        self.min_label.setText(self.tr("at least"))
        self.min_spin.setSuffix(self.tr(" no-shows"))
        self.model.retranslate()
        self._show_note()

    def activate(self) -> None:
        if not self._started:
            self._started = True
            today = self.context.now().astimezone(self.tz).date()
            self.since_edit.blockSignals(True)
            set_day(self.since_edit, today - dt.timedelta(days=NO_SHOW_DAYS))
            self.since_edit.blockSignals(False)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if not self._started:
            return
        since = dt.datetime.combine(day_of(self.since_edit), dt.time(), tzinfo=self.tz)
        self.model.set_rows(self.context.act(report_actions.no_show_list, since.astimezone(dt.UTC),
                                             min_count=self.min_spin.value(),
            full_phone=self.context.may(Action.EXPORT_FULL)))
        self.rules = self.context.act(roster_actions.attendance_rules)
        self._show_note()

    def _show_note(self) -> None:
        """Say what ``refresh`` read (a language change relabels without reading)."""
        rules = self.rules
        if rules is None:
            return
        self.note.setText(self.tr(
            "{n} learners took a free seat and did not come (excused lessons are not "
            "no-shows). With {repeat} or more no-shows in {days} days a learner is a repeat "
            "no-show: courses that say so put them last on their waiting list.").format(
            n=len(self.model.rows), repeat=rules.repeat_no_shows,
            days=rules.no_show_window_days))


__all__ = ["AtRiskTab", "CallRow", "NoShowsTab", "who_to_call"]
