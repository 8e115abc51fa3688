"""The reports page: the funder report, attendance, who is at risk, no-shows, follow-up.

Each tab is one of the core's reports (:mod:`frontdesk.reports.funder`,
:mod:`~frontdesk.reports.attendance_grid`, :mod:`~frontdesk.reports.at_risk`,
:mod:`~frontdesk.roster.no_shows`, :mod:`~frontdesk.reports.followup`), read
when the tab is shown; the files are the same documents the command line
writes. An administrator also finds the no-show and standby rules here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout

from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.staff.roles import Action
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.page import Page
from ui.kit.widgets import Banner
from ui.reports.attendance import AttendanceTab
from ui.reports.common import ReportTab
from ui.reports.followup import FollowupTab
from ui.reports.funder import FunderTab
from ui.reports.lists import AtRiskTab, NoShowsTab


class ReportsPage(Page):
    icon_name = "reports"
    TITLE = QT_TRANSLATE_NOOP("Page", "Reports")

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.banner = Banner()
        self.funder = FunderTab(context)
        self.attendance = AttendanceTab(context)
        self.at_risk = AtRiskTab(context)
        self.no_shows = NoShowsTab(context)
        self.followup = FollowupTab(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("report_tabs")
        for tab in self.all_tabs:
            self.tabs.addTab(tab, "")
            tab.message.connect(self.on_tab_message)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.rules_button = QPushButton(icon("settings"), "")
        self.rules_button.setObjectName("rules_button")
        self.rules_button.clicked.connect(self.on_rules_button_clicked)
        self.rules_button.setVisible(context.may(Action.SETTINGS))
        self.tabs.setCornerWidget(self.rules_button, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    @property
    def all_tabs(self) -> tuple[ReportTab, ...]:
        return (self.funder, self.attendance, self.at_risk, self.no_shows, self.followup)

    def retranslate_ui(self) -> None:
        for index, text in enumerate((self.tr("Funder report"), self.tr("Attendance"),
                                      self.tr("At risk"), self.tr("No-shows"),
                                      self.tr("Follow-up calls"))):
            self.tabs.setTabText(index, text)
        self.rules_button.setText(self.tr("No-show and standby rules…"))
        for tab in self.all_tabs:
            tab.retranslate_ui()

    def activate(self) -> None:
        """Other desks check in and record calls too: the tab shown is read again."""
        self.on_tabs_current_changed(self.tabs.currentIndex())

    def settings_changed(self) -> None:
        tz = self.context.settings().tz()
        for tab in self.all_tabs:
            tab.tz = tz
        self.activate()

    def show_tab(self, tab: ReportTab) -> None:
        self.tabs.setCurrentWidget(tab)
        tab.activate()

    @Slot(int)
    def on_tabs_current_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, ReportTab):
            tab.activate()

    @Slot(str, str)
    def on_tab_message(self, kind: str, text: str) -> None:
        {"ok": self.banner.ok, "warn": self.banner.warn}.get(kind, self.banner.error)(text)

    @Slot()
    def on_rules_button_clicked(self) -> None:
        from ui.courses.attendance_rules_dialog import AttendanceRulesDialog

        if AttendanceRulesDialog.ask(self, self.context) is not None:
            self.banner.ok(self.tr("The rules are saved."))
            self.activate()


__all__ = ["ReportsPage"]

