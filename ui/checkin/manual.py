"""Checking in by hand: the learner who forgot the card, found by name,
pinyin, phone digits or card code, checked in (or excused) with one key."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from frontdesk.roster import actions as roster_actions
from frontdesk.roster.search import LearnerRow
from ui.kit.context import DeskContext
from ui.kit.learner_model import LearnerTableModel
from ui.kit.tables import read_only_table

RESULTS_PAGE = 30
TYPING_PAUSE_MS = 350  # a pause in typing a name shows who matches so far


class ManualLookup(QWidget):
    """The name box (input method on: Chinese names) and what it found."""

    check_in_requested = Signal(int)  # learner id
    excuse_requested = Signal(int)  # learner id
    nothing_found = Signal(str)  # the query
    something_found = Signal()  # a search found someone: an old "nobody" is stale

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name_search")
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.returnPressed.connect(self.on_name_edit_return_pressed)
        # Found as you type, as in the roster's search (Enter moves to the list).
        self.typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.on_typing_timeout)
        self.name_edit.textEdited.connect(self.typing.start)
        self.results = LearnerTableModel(self._fetch, page=RESULTS_PAGE)
        self.results_view = read_only_table(self.results, "manual_results")
        self.results_view.activated.connect(self.on_check_in_clicked)
        self.results_label = QLabel()
        self.check_in_button = QPushButton()
        self.check_in_button.clicked.connect(self.on_check_in_clicked)
        self.excuse_button = QPushButton()
        self.excuse_button.clicked.connect(self.on_excuse_clicked)
        self._init_layout()
        self.retranslate_ui()

    def _init_layout(self) -> None:
        self.results_box = QWidget()
        box = QVBoxLayout(self.results_box)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.results_label, 1)
        row.addWidget(self.check_in_button)
        row.addWidget(self.excuse_button)
        box.addLayout(row)
        box.addWidget(self.results_view, 1)
        self.results_box.hide()
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addWidget(self.name_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.results_box, 1)

    def retranslate_ui(self) -> None:
        self.name_label.setText(self.tr("Forgot the card? Find by name:"))
        self.name_edit.setPlaceholderText(self.tr("name (Chinese), pinyin or phone digits"))
        self.check_in_button.setText(self.tr("Check in (Enter)"))
        self.excuse_button.setText(self.tr("Excused…"))
        self.results.retranslate()

    def _fetch(self, query: str, after_id: int, limit: int) -> list[LearnerRow]:
        return self.context.act(roster_actions.search_learners, query, after_id=after_id,
                                limit=limit)

    def show_search(self, query: str, *, focus: bool = True) -> int:
        """Show who matches ``query``; the first is selected for Enter (and the
        list takes the focus unless the clerk is still typing)."""
        self.typing.stop()
        self.results.set_query(query)
        n = self.results.rowCount()
        self.results_box.show()
        more = "+" if self.results.canFetchMore() else ""
        self.results_label.setText(self.tr("{n}{more} found for “{query}”: choose and press "
                                           "Enter").format(n=n, more=more, query=query))
        if n:
            self.results_view.selectRow(0)
            if focus:
                self.results_view.setFocus()
            self.something_found.emit()
        else:
            self.nothing_found.emit(query)
        return n

    def done(self) -> None:
        self.results_box.hide()
        self.name_edit.clear()

    def chosen_learner(self) -> int | None:
        rows = self.results_view.selectionModel().selectedRows()
        return self.results.row_at(rows[0].row()).id if rows else None

    @Slot()
    def on_typing_timeout(self) -> None:
        text = self.name_edit.text().strip()
        if len(text) >= 2:
            self.show_search(text, focus=False)

    @Slot()
    def on_name_edit_return_pressed(self) -> None:
        text = self.name_edit.text().strip()
        if text:
            self.show_search(text)

    @Slot()
    def on_check_in_clicked(self) -> None:
        learner_id = self.chosen_learner()
        if learner_id is not None:
            self.check_in_requested.emit(learner_id)

    @Slot()
    def on_excuse_clicked(self) -> None:
        learner_id = self.chosen_learner()
        if learner_id is not None:
            self.excuse_requested.emit(learner_id)
