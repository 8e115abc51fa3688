"""Enroll a learner in a course; a full course offers the waiting list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from frontdesk.roster import actions as roster_actions
from frontdesk.roster.courses import CourseSummary
from frontdesk.roster.enrollment import EnrollResult
from frontdesk.vocab import FeeTier
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.kit.widgets import Banner, money


class EnrollDialog(FormDialog[int, EnrollResult]):
    def __init__(self, parent: QWidget | None, context: DeskContext, learner_id: int) -> None:
        self.context = context
        self.learner_id = learner_id
        super().__init__(parent, self._enroll)
        self.learner = context.act(roster_actions.get_learner, learner_id)
        self.courses: list[CourseSummary] = context.act(roster_actions.course_summaries)
        self.learner_label = QLabel()
        self.course_box = QComboBox()
        self.course_box.setEditable(True)  # type to filter the long list
        self.course_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.course_box.setMinimumWidth(460)
        self.seats_label = QLabel()
        self.add_row(self.learner_label)
        self.add_row(self.course_box)
        self.add_row(self.seats_label)
        self.course_box.currentIndexChanged.connect(self.on_course_box_current_index_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Enroll in a course"))
        self.set_labels(*(self.tr("Learner"), self.tr("Course"), self.tr("Seats")))
        self.learner_label.setText(f"{self.learner.name} · {self.learner.code}")
        current = self.course_box.currentIndex()
        self.course_box.blockSignals(True)
        self.course_box.clear()
        for course in self.courses:
            fee = self.tr("free") if course.fee_tier is FeeTier.FREE else self.tr("inclusive")
            self.course_box.addItem(f"{course.code}  {course.title}  ({fee})", course.id)
        self.course_box.setCurrentIndex(max(0, current))
        self.course_box.blockSignals(False)
        self.on_course_box_current_index_changed(self.course_box.currentIndex())

    def chosen(self) -> CourseSummary | None:
        index = self.course_box.currentIndex()
        return self.courses[index] if 0 <= index < len(self.courses) else None

    @Slot(int)
    def on_course_box_current_index_changed(self, _index: int) -> None:
        course = self.chosen()
        if course is None:
            self.seats_label.setText(self.tr("No courses yet: add one on the Courses page."))
            return
        price = (
            ""
            if course.fee_tier is FeeTier.FREE
            else "  " + self.tr("market price {price}").format(price=money(course.market_price_fen))
        )
        if course.seats_free:
            text = self.tr("{free} of {capacity} seats free").format(
                free=course.seats_free, capacity=course.capacity
            )
        else:
            text = self.tr("Full: the learner goes on the waiting list ({n} waiting)").format(
                n=course.waiting
            )
        self.seats_label.setText(text + price)

    def value(self) -> int:
        course = self.chosen()
        return course.id if course else 0

    def _enroll(self, course_id: int) -> EnrollResult:
        ctx = self.context
        ratio = ctx.settings().inclusive_ratio_pct
        return ctx.act(roster_actions.enroll, self.learner_id, course_id, ratio, ctx.now()
                       )

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: DeskContext, learner_id: int
    ) -> EnrollResult | None:
        return cls.run(cls(parent, context, learner_id))


def announce_enrollment(banner: Banner, result: EnrollResult) -> None:
    """Say where an enrollment landed: a seat, or a place on the waiting list."""
    if result.waitlist_position is not None:
        banner.warn(QCoreApplication.translate(
            "Enrollment", "The course is full: on the waiting list at place {n}.").format(
                n=result.waitlist_position))
    else:
        banner.ok(QCoreApplication.translate("Enrollment", "Enrolled."))
