"""The roster page: find a learner as you type, add and edit, enroll, import, export."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.privacy import actions as privacy_actions
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.search import LearnerRow
from frontdesk.staff.roles import Action
from ui.kit import widgets
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.learner_model import LearnerTableModel
from ui.kit.page import Page
from ui.kit.tables import read_only_table
from ui.kit.widgets import Banner
from ui.kit.words import describe
from ui.roster.cards import RosterCardsButton
from ui.roster.enroll_dialog import EnrollDialog, announce_enrollment
from ui.roster.learner_dialog import LearnerDialog
from ui.roster.learner_enrollments import LearnerEnrollmentsPanel

SEARCH_DELAY_MS = 120


class RosterPage(Page):
    icon_name = "roster"
    TITLE = QT_TRANSLATE_NOOP("Page", "Roster")
    learner_changed = Signal(int)

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self._init_search()
        self._init_table()
        self._init_buttons()
        self._init_layout()
        self.retranslate_ui()
        self.model.set_query("")

    def _init_search(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.on_search_timer_timeout)
        self.search_edit.textChanged.connect(self.on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self.on_search_timer_timeout)

    def _fetch(self, query: str, after_id: int, limit: int) -> list[LearnerRow]:
        return self.context.act(roster_actions.search_learners, query, after_id=after_id,
                                limit=limit)

    def _init_table(self) -> None:
        self.model = LearnerTableModel(self._fetch)
        self.table = read_only_table(self.model, "learners", multi=True)
        self.table.verticalHeader().setDefaultSectionSize(28)
        for column, width in enumerate((100, 180, 130, 60)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.enrollments = LearnerEnrollmentsPanel(self.context)
        self.enrollments.changed.connect(self.on_enrollments_changed)

    def _init_buttons(self) -> None:
        self.add_button = QPushButton(icon("add"), "")
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.edit_button = QPushButton(icon("edit"), "")
        self.edit_button.clicked.connect(self.on_edit_button_clicked)
        self.enroll_button = QPushButton(icon("enroll"), "")
        self.enroll_button.clicked.connect(self.on_enroll_button_clicked)
        self.import_button = QPushButton(icon("import"), "")
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.export_button = QPushButton(icon("export"), "")
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.anonymise_button = QPushButton()
        self.anonymise_button.setObjectName("anonymise")
        self.anonymise_button.clicked.connect(self.on_anonymise_button_clicked)
        # The domain refuses these to other roles; the page does not offer them.
        for button, action in ((self.import_button, Action.IMPORT),
                               (self.anonymise_button, Action.ANONYMISE)):
            if not self.context.may(action):
                button.hide()
        self.banner = Banner()
        self.cards_button = RosterCardsButton(self.context, self.selected_ids, self.banner)
        self.count_label = QLabel()
        self._update_buttons()

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        for button in (
            self.add_button,
            self.edit_button,
            self.enroll_button,
            self.cards_button,
            self.import_button,
            self.export_button,
            self.anonymise_button,
        ):
            top.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.enrollments)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(
            self.tr("Search: name, pinyin (wz / wangzhe), mobile digits or card code")
        )
        self.add_button.setText(self.tr("New learner"))
        self.edit_button.setText(self.tr("Edit"))
        self.enroll_button.setText(self.tr("Enroll…"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self.anonymise_button.setText(self.tr("Anonymise…"))
        self.enrollments.retranslate_ui()
        self.model.retranslate()
        self._update_count()

    # -- state ---------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row).id for row in rows]

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def select_learner(self, learner_id: int) -> None:
        row = self.model.row_of(learner_id)
        if row is None:
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self.model.set_query("")
            while (row := self.model.row_of(learner_id)) is None and self.model.canFetchMore():
                self.model.fetchMore()
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        one = self.current_id() is not None
        self.edit_button.setEnabled(one)
        self.enroll_button.setEnabled(one)
        self.anonymise_button.setEnabled(one)
        self.cards_button.update_enabled()

    def _update_count(self) -> None:
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(
            self.tr("{n}{more} learners shown").format(n=self.model.rowCount(), more=more)
        )

    def find_field(self) -> QWidget | None:
        return self.search_edit

    def activate(self) -> None:
        self.model.reload()
        self._update_count()

    # -- slots ---------------------------------------------------------------

    @Slot(str)
    def on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def on_search_timer_timeout(self) -> None:
        self.search_timer.stop()
        self.model.set_query(self.search_edit.text())
        self._update_count()
        self._update_buttons()
        self.enrollments.show_learner(None)

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
        self.enrollments.show_learner(self.current_id())

    @Slot()
    def on_add_button_clicked(self) -> None:
        learner_id = LearnerDialog.ask(self, self.context)
        if learner_id is not None:
            self.select_learner(learner_id)
            self.learner_changed.emit(learner_id)

    @Slot()
    def on_edit_button_clicked(self) -> None:
        learner_id = self.current_id()
        if learner_id is None:
            return
        result = LearnerDialog.ask(self, self.context, learner_id)
        if result is not None:
            self.model.reload()
            self.select_learner(result)
            self.learner_changed.emit(result)

    def on_table_double_clicked(self, _index: object) -> None:
        self.on_edit_button_clicked()

    @Slot()
    def on_enroll_button_clicked(self) -> None:
        learner_id = self.current_id()
        if learner_id is None:
            return
        result = EnrollDialog.ask(self, self.context, learner_id)
        if result is None:
            return
        self.enrollments.show_learner(learner_id)
        announce_enrollment(self.banner, result)

    @Slot(str, str)
    def on_enrollments_changed(self, kind: str, message: str) -> None:
        (self.banner.error if kind == "error" else self.banner.ok)(message)

    @Slot()
    def on_import_button_clicked(self) -> None:
        from ui.roster.import_dialog import ImportDialog

        result = ImportDialog.ask(self, self.context)
        if result is not None:
            self.model.reload()
            self._update_count()
            self.banner.ok(result)

    @Slot()
    def on_export_button_clicked(self) -> None:
        from ui.kit.export import export_roster_interactively

        result = export_roster_interactively(self, self.context, course_id=None)
        if result is not None:
            succeeded, message = result
            (self.banner.ok if succeeded else self.banner.error)(message)

    @Slot()
    def on_anonymise_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if self.current_id() is None or not rows:
            return
        learner = self.model.row_at(rows[0].row())
        if not widgets.confirm(self, self.tr("Anonymise a learner"), self.tr(
                "Erase the personal data of {name} ({code}) at their request? Name, phone and "
                "notes are erased for good; attendance, payments and certificates stay for the "
                "accounts. This cannot be undone.").format(name=learner.name, code=learner.code)):
            return
        ctx = self.context
        try:
            done = ctx.act(privacy_actions.anonymise, learner.id, ctx.now())
        except DomainError as error:
            self.banner.error(describe(error))
            return
        self.model.reload()
        self._update_count()
        self._update_buttons()
        self.enrollments.show_learner(None)
        self.banner.ok(self.tr("{name} is anonymised: the records now say {anonymous}.").format(
            name=learner.name, anonymous=done.name))
        self.learner_changed.emit(learner.id)

