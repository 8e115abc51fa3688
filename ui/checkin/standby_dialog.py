"""Standby seats (候补补位): the rules first, then the free seats and who may take one.

Opened from the check-in page for the lesson the desk is pinned to (or one
chosen here). The rules are the domain's own words
(:data:`frontdesk.checkin.standby.STANDBY_RULES`), shown before anything can
be done; then the seats on offer, the enrolled learners who have not
arrived, and the waiting learners (those at the desk first). Seating one is
one click and one domain call, which re-checks everything and may refuse.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.standby import (
    STANDBY_RULES,
    NotArrived,
    StandbyCandidate,
    StandbyOffer,
    StandbySeat,
    StandbyState,
)
from frontdesk.errors import DomainError
from frontdesk.store.engine import StoreError
from ui.kit.context import DeskContext
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.widgets import Banner
from ui.kit.words import describe


def rules_text(minutes: int) -> list[str]:
    """The standby rules in the desk's language, ``{minutes}`` filled in."""
    shown = str(minutes) if minutes > 0 else "—"
    return [QCoreApplication.translate("Standby", rule).replace("{minutes}", shown)
            for rule in STANDBY_RULES]


class StandbyDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: DeskContext,
                 lesson_id: int | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tz = context.settings().tz()
        self.offer: StandbyOffer | None = None
        self.seated: list[StandbySeat] = []
        self.resize(760, 560)
        self.banner = Banner()
        self.lesson_box = QComboBox()
        self.lesson_box.setObjectName("standby_lesson")
        self.lesson_box.setMinimumWidth(360)
        self._init_rules_page()
        self._init_seats_page()
        self._init_layout()
        self._fill_lessons(lesson_id)
        self.lesson_box.currentIndexChanged.connect(self.on_lesson_box_current_index_changed)
        self.retranslate_ui()
        self.refresh()

    # -- building --------------------------------------------------------------

    def _init_rules_page(self) -> None:
        self.rules_intro = QLabel()
        self.rules_label = QLabel()
        self.rules_label.setObjectName("standby_rules")
        self.rules_label.setWordWrap(True)
        self.rules_label.setStyleSheet("background:#fff8e6; padding:10px; font-size:11pt;")
        self.rules_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.read_button = QPushButton()
        self.read_button.setObjectName("standby_rules_read")
        self.read_button.setDefault(True)
        self.read_button.clicked.connect(self.on_read_button_clicked)
        self.rules_page = QWidget()
        layout = QVBoxLayout(self.rules_page)
        layout.addWidget(self.rules_intro)
        layout.addWidget(self.rules_label, 1)
        layout.addWidget(self.read_button)

    def _init_seats_page(self) -> None:
        self.state_label = QLabel()
        self.state_label.setObjectName("standby_state")
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.missing_model: RowsModel[NotArrived] = RowsModel([
            Column(lambda: self.tr("Card code"), lambda r: r.learner_code),
            Column(lambda: self.tr("Name"), lambda r: r.learner_name),
            Column(lambda: self.tr("Excused"), lambda r: self.tr("yes") if r.excused else ""),
        ])
        self.candidate_model: RowsModel[StandbyCandidate] = RowsModel([
            Column(lambda: self.tr("Waiting #"), lambda c: c.waitlist_position, True),
            Column(lambda: self.tr("Card code"), lambda c: c.learner_code),
            Column(lambda: self.tr("Name"), lambda c: c.learner_name),
            Column(lambda: self.tr("At the desk"), self._at_desk_text),
            Column(lambda: self.tr("Repeat no-show"),
                   lambda c: self.tr("yes") if c.repeat_no_show else ""),
        ], tint=lambda c: "#12612f" if c.at_desk else None)
        self.missing_view = read_only_table(self.missing_model, "standby_not_arrived")
        self.candidate_view = read_only_table(self.candidate_model, "standby_candidates")
        for view, widths in ((self.missing_view, (90, 110)),
                             (self.candidate_view, (70, 90, 110, 80))):
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)
        self.candidate_view.doubleClicked.connect(self.on_candidate_view_double_clicked)
        self.candidate_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.missing_label, self.candidate_label = QLabel(), QLabel()
        self.seat_button = QPushButton()
        self.seat_button.setObjectName("standby_seat")
        self.seat_button.clicked.connect(self.on_seat_button_clicked)
        self.rules_again = QPushButton()
        self.rules_again.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.seats_page = QWidget()
        layout = QVBoxLayout(self.seats_page)
        layout.addWidget(self.state_label)
        lists = QHBoxLayout()
        for label, view, stretch in ((self.missing_label, self.missing_view, 2),
                                     (self.candidate_label, self.candidate_view, 3)):
            box = QVBoxLayout()
            box.addWidget(label)
            box.addWidget(view, 1)
            lists.addLayout(box, stretch)
        layout.addLayout(lists, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rules_again)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.seat_button)
        layout.addLayout(buttons)

    def _init_layout(self) -> None:
        self.pages = QStackedWidget()
        self.pages.addWidget(self.rules_page)
        self.pages.addWidget(self.seats_page)
        top = QHBoxLayout()
        self.lesson_label = QLabel()
        top.addWidget(self.lesson_label)
        top.addWidget(self.lesson_box, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(close)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Standby seats"))
        self.lesson_label.setText(self.tr("Lesson:"))
        self.rules_intro.setText(self.tr("<b>Before using standby, read the rules with the "
                                         "learners waiting at the desk:</b>"))
        self.read_button.setText(self.tr("I have read the rules: show the free seats"))
        self.seat_button.setText(self.tr("Seat the selected learner"))
        self.rules_again.setText(self.tr("The rules"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.missing_model.retranslate()
        self.candidate_model.retranslate()
        self._show_offer()

    # -- the lesson ----------------------------------------------------------------

    def _fill_lessons(self, lesson_id: int | None) -> None:
        lessons = self.context.act(checkin_actions.tonight_lessons, self.context.now(), self.tz)
        for lesson in lessons:
            if not lesson.cancelled:
                self.lesson_box.addItem(
                    f"{lesson.starts_at.astimezone(self.tz):%H:%M} {lesson.course_title}",
                    lesson.lesson_id)
        index = self.lesson_box.findData(lesson_id) if lesson_id is not None else -1
        self.lesson_box.setCurrentIndex(max(0, index))

    def lesson_id(self) -> int | None:
        value = self.lesson_box.currentData()
        return int(value) if value is not None else None

    @Slot(int)
    def on_lesson_box_current_index_changed(self, _index: int) -> None:
        self.pages.setCurrentIndex(0)  # another course, perhaps other minutes: rules again
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        lesson_id = self.lesson_id()
        try:
            self.offer = (None if lesson_id is None else
                          self.context.act(checkin_actions.standby_offer, lesson_id,
                                           self.context.now()))
        except (DomainError, StoreError) as error:
            self.offer = None
            self.banner.error(describe(error))
        self._show_offer()

    # -- showing -------------------------------------------------------------------

    def _at_desk_text(self, c: StandbyCandidate) -> str:
        return f"{c.at_desk_at.astimezone(self.tz):%H:%M}" if c.at_desk_at else ""

    def state_text(self, offer: StandbyOffer) -> str:
        opens = f"{offer.opens_at.astimezone(self.tz):%H:%M}" if offer.opens_at else ""
        texts = {
            StandbyState.OFF: self.tr("This course does not use standby (an administrator can "
                                      "turn it on in the no-show and standby rules)."),
            StandbyState.CANCELLED: self.tr("This lesson is cancelled."),
            StandbyState.NOT_FULL: self.tr("The course is not full: enrol from the waiting "
                                           "list instead."),
            StandbyState.TOO_EARLY: self.tr("Standby opens at {time}.").format(time=opens),
            StandbyState.OPEN: self.tr("{free} seats on offer now (capacity {capacity}, "
                                       "{arrived} enrolled learners here, {standby} standby "
                                       "learners seated).").format(
                free=offer.free_seats, capacity=offer.capacity, arrived=offer.arrived,
                standby=offer.standby_seated),
            StandbyState.OVER: self.tr("This lesson is over."),
        }
        return texts[offer.state]

    def _show_offer(self) -> None:
        offer = self.offer
        self.rules_label.setText("<ol>" + "".join(
            f"<li style='margin-bottom:6px'>{rule}</li>"
            for rule in rules_text(offer.after_min if offer else 0)) + "</ol>")
        self.read_button.setEnabled(offer is not None)
        self.state_label.setText(self.state_text(offer) if offer else
                                 self.tr("No lesson tonight."))
        colour = "#12612f" if offer is not None and offer.can_seat else "#8a5300"
        self.state_label.setStyleSheet(f"font-size: 13pt; font-weight: bold; color: {colour};")
        self.missing_model.set_rows(offer.not_arrived if offer else ())
        self.candidate_model.set_rows(offer.candidates if offer else ())
        self.missing_label.setText(self.tr("Enrolled, not here yet ({n}): their seats are free "
                                           "tonight").format(n=len(self.missing_model.rows)))
        self.candidate_label.setText(self.tr("On the waiting list ({n}): at the desk first")
                                     .format(n=len(self.candidate_model.rows)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        offer = self.offer
        self.seat_button.setEnabled(offer is not None and offer.can_seat
                                    and self.chosen() is not None)

    def chosen(self) -> StandbyCandidate | None:
        rows = self.candidate_view.selectionModel().selectedRows()
        return self.candidate_model.rows[rows[0].row()] if rows else None

    # -- acting --------------------------------------------------------------------

    @Slot()
    def on_read_button_clicked(self) -> None:
        self.pages.setCurrentIndex(1)
        self.refresh()

    @Slot(QModelIndex)
    def on_candidate_view_double_clicked(self, _index: QModelIndex) -> None:
        self.on_seat_button_clicked()

    @Slot()
    def on_seat_button_clicked(self) -> None:
        candidate, lesson_id = self.chosen(), self.lesson_id()
        if candidate is None or lesson_id is None:
            return
        ctx = self.context
        try:
            seat = ctx.act(checkin_actions.seat_standby, lesson_id, candidate.learner_id, ctx.now())
        except (DomainError, StoreError) as error:
            self.banner.error(describe(error))
        else:
            self.seated.append(seat)
            self.banner.ok(self.tr("{name} is seated for this lesson: {left} seats left.")
                           .format(name=seat.learner_name, left=seat.free_seats_left))
        self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext,
            lesson_id: int | None = None) -> list[StandbySeat]:
        """Open the dialog; returns the seats given while it was open."""
        dialog = cls(parent, context, lesson_id)
        dialog.exec()
        seated = list(dialog.seated)
        dialog.deleteLater()
        return seated


__all__ = ["StandbyDialog", "rules_text"]
