"""The fees page: find a learner, take a payment, refund, waive; who still
owes; the daily cash-up.

The usual path is a few keystrokes: type a name, pinyin or phone digits (or
scan the learner card into the same box) and press Enter; the first course
still owing is selected with its balance in the amount field; Enter takes
the payment and the receipt is saved and offered to the printer at once.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.routing import ScanKind, is_scanned_code, is_whole_card, route
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.search import LearnerRow
from ui.fees.cashup_panel import CashUpPanel
from ui.fees.learner import ERROR_STYLE, LearnerFeesPanel
from ui.fees.outstanding import OutstandingPanel
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.learner_model import LearnerTableModel
from ui.kit.page import Page
from ui.kit.widgets import Banner
from ui.kit.words import describe

SEARCH_DELAY_MS = 150  # also the pause that ends a scan sent without Enter
RESULTS_PAGE = 50


class FeesPage(Page):
    icon_name = "fees"
    keeps_scans = True
    TITLE = QT_TRANSLATE_NOOP("Page", "Fees")

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        # Read once (made on first use, hence a write): every scan needs it.
        self.secret = context.act(checkin_actions.desk_settings).secret
        self.banner = Banner()
        self._init_search()
        self.learner_panel = LearnerFeesPanel(context)
        self.learner_panel.message.connect(self.on_panel_message)
        self.outstanding = OutstandingPanel(context)
        self.outstanding.message.connect(self.on_panel_message)
        self.outstanding.learner_chosen.connect(self.show_learner)
        self.cashup = CashUpPanel(context)
        self.cashup.message.connect(self.on_panel_message)
        self._init_layout()
        self.retranslate_ui()

    def _init_search(self) -> None:
        self.search_edit = QLineEdit()  # the input method stays on: Chinese names
        self.search_edit.setObjectName("fees_search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(self.on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self.on_search_edit_return_pressed)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.on_search_timer_timeout)
        self.search_error = QLabel()
        self.search_error.setObjectName("search_error")
        self.search_error.setWordWrap(True)
        self.search_error.setStyleSheet(ERROR_STYLE)
        self.search_error.hide()
        self.results = LearnerTableModel(self._fetch, page=RESULTS_PAGE)
        self.results_view = QTableView()
        self.results_view.setObjectName("fees_results")
        self.results_view.setModel(self.results)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.verticalHeader().hide()
        self.results_view.horizontalHeader().setStretchLastSection(True)
        for column in (3, 4):  # gender, occupation: not needed to take money
            self.results_view.setColumnHidden(column, True)
        self.results_view.setColumnWidth(0, 80)
        self.results_view.selectionModel().selectionChanged.connect(
            self.on_results_selection_changed)
        self.results_view.activated.connect(self.on_results_view_activated)

    def _init_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.search_error)
        left_layout.addWidget(self.results_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.learner_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 900])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("fees_tabs")
        self.tabs.addTab(splitter, icon("fees"), "")
        self.tabs.addTab(self.outstanding, "")
        self.tabs.addTab(self.cashup, "")
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.learner_tab = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(
            self.tr("Name, pinyin, phone digits, or scan the learner card"))
        self.tabs.setTabText(0, self.tr("Take payment"))
        self.tabs.setTabText(1, self.tr("Outstanding"))
        self.tabs.setTabText(2, self.tr("Daily cash-up"))
        self.results.retranslate()
        self.learner_panel.retranslate_ui()
        self.outstanding.retranslate_ui()
        self.cashup.retranslate_ui()

    # -- the page's life -----------------------------------------------------------

    def activate(self) -> None:
        """Other desks take money too: show what the store holds now."""
        self.on_tabs_current_changed(self.tabs.currentIndex())

    def settings_changed(self) -> None:
        self.secret = self.context.act(checkin_actions.desk_settings).secret
        self.retranslate_ui()

    @Slot(int)
    def on_tabs_current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.learner_tab:
            self.learner_panel.reload()
            self.search_edit.setFocus()
        elif widget is self.outstanding:
            self.outstanding.reload()
        elif widget is self.cashup:
            self.cashup.refresh()

    @Slot(str, str)
    def on_panel_message(self, kind: str, text: str) -> None:
        {"ok": self.banner.ok, "warn": self.banner.warn, "error": self.banner.error}[kind](text)

    # -- finding the learner -----------------------------------------------------

    def _fetch(self, query: str, after_id: int, limit: int) -> list[LearnerRow]:
        return self.context.act(roster_actions.search_learners, query, after_id=after_id,
                                limit=limit)

    @Slot(str)
    def on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def on_search_timer_timeout(self) -> None:
        text = self.search_edit.text()
        if is_scanned_code(text):
            # A scanner that sends no Enter: a whole card's worth is a scan.
            if is_whole_card(text):
                self.take_scan(text)
            return
        self.search_error.hide()
        self.results.set_query(text)

    @Slot()
    def on_search_edit_return_pressed(self) -> None:
        self.search_timer.stop()
        text = self.search_edit.text()
        if is_scanned_code(text):
            self.take_scan(text)
            return
        self.search_error.hide()
        if self.results.query != text:
            self.results.set_query(text)
        if self.results.rowCount() == 1:
            self.results_view.selectRow(0)
            self.learner_panel.show_learner(self.results.row_at(0).id, focus_payment=True)
        elif self.results.rowCount():
            self.results_view.selectRow(0)
            self.results_view.setFocus()
        else:
            self.search_error.setText(self.tr("Nobody matches “{query}”.").format(query=text))
            self.search_error.show()

    def answer_scan(self, text: str) -> bool:
        """A learner card scanned anywhere on this page opens that learner's fees."""
        if route(text) is not ScanKind.CARD:
            return False
        self.tabs.setCurrentWidget(self.learner_tab)
        self.take_scan(text)
        return True

    def take_scan(self, text: str) -> None:
        """A learner card scanned into the search box."""
        self.search_timer.stop()
        try:
            learner_id = self.context.act(roster_actions.learner_for_card, text, secret=self.secret)
        except DomainError as error:
            self.search_edit.clear()
            self.search_error.setText(describe(error))
            self.search_error.show()
            return
        self.show_learner(learner_id)

    @Slot(QItemSelection, QItemSelection)
    def on_results_selection_changed(self, *_args: object) -> None:
        rows = self.results_view.selectionModel().selectedRows()
        if rows:
            learner_id = self.results.row_at(rows[0].row()).id
            if learner_id != self.learner_panel.learner_id:
                self.learner_panel.show_learner(learner_id)

    @Slot(QModelIndex)
    def on_results_view_activated(self, index: QModelIndex) -> None:
        self.learner_panel.show_learner(self.results.row_at(index.row()).id, focus_payment=True)

    @Slot(int)
    def show_learner(self, learner_id: int) -> None:
        """Show this learner's fees, ready to take a payment (e.g. from check-in)."""
        self.tabs.setCurrentWidget(self.learner_tab)
        self.search_error.hide()
        try:
            code = self.context.act(roster_actions.get_learner, learner_id).code
        except DomainError as error:
            self.banner.error(describe(error))
            return
        self.search_timer.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.setText(code)
        self.search_edit.blockSignals(False)
        self.results.set_query(code)
        self.learner_panel.show_learner(learner_id, focus_payment=True)
        row = self.results.row_of(learner_id)
        if row is not None:
            self.results_view.selectRow(row)

