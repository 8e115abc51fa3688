"""The audit trail page (admins): who did what, at which desk, when; filtered and exported.

Filters: a date range (in the school's zone), a staff member, a learner
(picked by search) and an action or a family of actions. The table is a
paged model (``ui.staff.audit_model``), so a trail of years opens at once. The
export writes every matching event to .xlsx and records the export.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
)

from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.privacy import actions as privacy_actions
from frontdesk.roster import actions as roster_actions
from frontdesk.staff import actions as staff_actions
from frontdesk.staff import roles
from frontdesk.staff.audit_view import AuditFilter
from frontdesk.vocab import StaffRole
from ui.kit import export
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.learner_picker import LearnerPicker
from ui.kit.page import Page
from ui.kit.widgets import Banner
from ui.kit.words import describe
from ui.kit.worker import Report, run_with_progress
from ui.staff.audit_model import FAMILIES, AuditModel, action_text, change_text

DEFAULT_DAYS = 30

class AuditPage(Page):
    icon_name = "audit"
    TITLE = QT_TRANSLATE_NOOP("Page", "Audit trail")

    @classmethod
    def allowed(cls, role: StaffRole | None) -> bool:
        return roles.allowed(role, roles.Action.AUDIT_VIEW)

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.tz = context.settings().tz()
        self.learner_id: int | None = None
        self.learner_name = ""
        self.staff_choices: list[tuple[str, int]] = []  # (shown as, id), read by refresh
        self.action_names: list[str] = []
        self._init_filters()
        self._init_table()
        self._init_layout()
        self.retranslate_ui()
        self.refresh()

    def _init_filters(self) -> None:
        today = self.context.now().astimezone(self.tz).date()
        self.from_edit = self._date_edit("from_date", today - dt.timedelta(days=DEFAULT_DAYS - 1))
        self.to_edit = self._date_edit("to_date", today)
        self.staff_box = QComboBox()
        self.staff_box.setObjectName("staff_filter")
        self.staff_box.setMinimumWidth(140)
        self.action_box = QComboBox()
        self.action_box.setObjectName("action_filter")
        self.action_box.setMinimumWidth(220)
        for box in (self.staff_box, self.action_box):
            box.currentIndexChanged.connect(self.on_filter_changed)
        self.learner_button = QPushButton(icon("search"), "")
        self.learner_button.setObjectName("learner_filter")
        self.learner_button.clicked.connect(self.on_learner_button_clicked)
        self.clear_learner_button = QToolButton()
        self.clear_learner_button.setText("×")
        self.clear_learner_button.clicked.connect(self.on_clear_learner_clicked)
        self.export_button = QPushButton(icon("export"), "")
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.staff_label, self.action_label = QLabel(), QLabel()

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self.on_filter_changed)
        return edit

    def _init_table(self) -> None:
        self.model = AuditModel(self.context, self.tz)
        self.table = QTableView()
        self.table.setObjectName("audit")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 90, 70, 190, 170)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("audit_detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.banner = Banner()

    def _init_layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit,
                       self.staff_label, self.staff_box, self.action_label, self.action_box,
                       self.learner_button, self.clear_learner_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.count_label)

    def retranslate_ui(self) -> None:
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.staff_label.setText(self.tr("Staff"))
        self.action_label.setText(self.tr("Action"))
        self.export_button.setText(self.tr("Export…"))
        self.clear_learner_button.setToolTip(self.tr("Any learner"))
        self._show_learner()
        self._fill_boxes()
        self.model.retranslate()
        self._update_count()

    # -- filters -------------------------------------------------------------------

    def _read_boxes(self) -> None:
        """Read the staff and the actions the audit holds now."""
        self.staff_choices = [(f"{s.display_name} ({s.username})", s.id)
                              for s in self.context.act(staff_actions.list_staff)]
        self.action_names = list(self.context.act(staff_actions.audit_actions))

    def _fill_boxes(self) -> None:
        """List what ``_read_boxes`` read, keeping the choice (a language change
        relabels without reading)."""
        staff, actions = self.staff_choices, self.action_names
        self._refill(self.staff_box, [(self.tr("Everyone"), None), *staff])
        families = [(QCoreApplication.translate("AuditPage", str(text)), prefix)
                    for prefix, text in FAMILIES]
        self._refill(self.action_box, [(self.tr("All actions"), None), *families]
                     + [(action_text(a), a) for a in actions])
        self.action_box.insertSeparator(1 + len(families))

    @staticmethod
    def _refill(box: QComboBox, items: list[tuple[str, Any]]) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        since = self._start_of(self.from_edit.date())
        until = self._start_of(self.to_edit.date().addDays(1))
        staff = self.staff_box.currentData()
        action = self.action_box.currentData()
        return AuditFilter(since=since, until=until,
                           staff_id=int(staff) if staff is not None else None,
                           learner_id=self.learner_id, action_prefix=action or None)

    def _start_of(self, day: QDate) -> dt.datetime:
        local = dt.datetime(day.year(), day.month(), day.day(), tzinfo=self.tz)
        return local.astimezone(dt.UTC)

    def _show_learner(self) -> None:
        self.learner_button.setText(self.learner_name or self.tr("Any learner…"))
        self.clear_learner_button.setVisible(self.learner_id is not None)

    def choose_learner(self, learner_id: int | None) -> None:
        self.learner_id = learner_id
        self.learner_name = ""
        if learner_id is not None:
            learner = self.context.act(roster_actions.get_learner, learner_id)
            self.learner_name = f"{learner.name} ({learner.code})"
        self._show_learner()
        self.refresh_rows()

    # -- data ----------------------------------------------------------------------

    def refresh(self) -> None:
        self._read_boxes()
        self._fill_boxes()
        self.refresh_rows()

    def refresh_rows(self) -> None:
        self.model.set_filter(self.current_filter())
        self.detail_label.clear()
        self._update_count()

    def _update_count(self) -> None:
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("{n}{more} events, newest first").format(
            n=self.model.rowCount(), more=more))

    def activate(self) -> None:
        self.refresh()

    def settings_changed(self) -> None:
        self.tz = self.model.tz = self.context.settings().tz()
        self.refresh()

    # -- slots ---------------------------------------------------------------------

    @Slot()
    def on_filter_changed(self) -> None:
        self.refresh_rows()

    @Slot()
    def on_learner_button_clicked(self) -> None:
        learner_id = LearnerPicker.ask(self, self.context, self.tr("Events of one learner"))
        if learner_id is not None:
            self.choose_learner(learner_id)

    @Slot()
    def on_clear_learner_clicked(self) -> None:
        self.choose_learner(None)

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail_label.clear()
            return
        row = self.model.rows[rows[0].row()]
        self.detail_label.setText(self.tr("{action} ({code}) · {changes}").format(
            action=action_text(row.action), code=row.action, changes=change_text(row) or "—"))

    @Slot()
    def on_export_button_clicked(self) -> None:
        path = export.choose_xlsx_path(self, self.tr("audit-trail.xlsx"))
        if path is None:
            return
        ok, message = export_audit(self, self.context, path, self.current_filter())
        (self.banner.ok if ok else self.banner.error)(message)


def export_audit(parent: AuditPage, context: DeskContext, path: Path,
                 where: AuditFilter) -> tuple[bool, str]:
    """Write the matching events off the GUI thread, then record the export."""
    def work(_report: Report) -> int:
        return context.act(staff_actions.export_audit, path, where)

    label = QCoreApplication.translate("AuditPage", "Exporting…")
    outcome = run_with_progress(parent, label, None, work)
    if isinstance(outcome.error, DomainError):
        return False, describe(outcome.error)
    if outcome.error is not None:
        raise outcome.error
    # Old before/after values can hold full phone numbers: recorded as such.
    context.act(privacy_actions.record_export, context.now(), "audit", outcome.result, True,
                file_name=path.name)
    text = QCoreApplication.translate("AuditPage", "Exported {n} events to {path}.")
    return True, text.format(n=outcome.result, path=path)
