"""The courses page and its dialogs as an administrator uses them: a course
made and edited, lessons added and generated, an instructor, the no-show
rules, a learner enrolled and withdrawn; each read back from the store."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from frontdesk.store.models import Course, Enrollment, Instructor, Lesson
from frontdesk.vocab import EnrollmentStatus
from tests.ui.arrange import ArrangingDesk
from ui.courses.attendance_rules_dialog import AttendanceRulesDialog
from ui.courses.dialogs import CourseDialog, LessonDialog, PatternDialog
from ui.courses.instructors import InstructorDialog
from ui.courses.page import CoursesPage
from ui.kit import widgets
from ui.kit.learner_picker import LearnerPicker


def _ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def _count(desk: ArrangingDesk, model: type, *where: object) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


@pytest.fixture
def page(qtbot, desk):
    page = CoursesPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.activate()
    return page


def test_a_course_is_made_then_edited_through_its_dialog(qtbot, desk):
    made = CourseDialog(None, desk)
    qtbot.addWidget(made)
    made.title_edit.setText("AI+短视频拍摄与剪辑（夏季班）")  # typed through an input method
    _ok(qtbot, made)
    assert made.error_label.isHidden(), made.error_label.text()
    course_id = made.result_value
    with desk.store.read() as s:
        assert s.get(Course, course_id).title == "AI+短视频拍摄与剪辑（夏季班）"

    edited = CourseDialog(None, desk, course_id)
    qtbot.addWidget(edited)
    assert edited.title_edit.text() == "AI+短视频拍摄与剪辑（夏季班）"  # read through its action
    edited.capacity_spin.setValue(12)
    _ok(qtbot, edited)
    assert edited.result_value == course_id
    with desk.store.read() as s:
        assert s.get(Course, course_id).capacity == 12


def test_lessons_are_added_and_generated(qtbot, desk, page):
    course = page.all_courses[0]
    before = _count(desk, Lesson, Lesson.course_id == course.id)
    one = LessonDialog(None, desk, course.id)
    qtbot.addWidget(one)
    one.date_edit.setDate(QDate(2027, 1, 5))
    one.start_edit.setTime(QTime(19, 0))
    one.end_edit.setTime(QTime(21, 0))
    _ok(qtbot, one)
    assert one.error_label.isHidden(), one.error_label.text()
    with desk.store.read() as s:
        lesson = s.get(Lesson, one.result_value)
        local = lesson.starts_at.astimezone(desk.settings().tz())
    assert (local.date(), local.time()) == (dt.date(2027, 1, 5), dt.time(19, 0))

    weekly = PatternDialog(None, desk, course.id)
    qtbot.addWidget(weekly)
    weekly.first_edit.setDate(QDate(2027, 2, 1))
    weekly.weeks_spin.setValue(2)
    for box in weekly.day_boxes:
        box.setChecked(False)
    weekly.day_boxes[0].setChecked(True)
    _ok(qtbot, weekly)
    assert weekly.error_label.isHidden(), weekly.error_label.text()
    assert weekly.result_value == 2
    assert _count(desk, Lesson, Lesson.course_id == course.id) == before + 3


def test_an_instructor_is_added(qtbot, desk):
    dialog = InstructorDialog(None, desk)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("林教授")  # typed through an input method
    _ok(qtbot, dialog)
    with desk.store.read() as s:
        assert s.get(Instructor, dialog.result_value).name == "林教授"


def test_the_school_no_show_rules_are_saved_and_a_course_s_cleared(qtbot, desk, page):
    dialog = AttendanceRulesDialog(None, desk)
    qtbot.addWidget(dialog)
    _ok(qtbot, dialog)
    assert dialog.error_label.isHidden(), dialog.error_label.text()
    assert dialog.result_value is not None


def test_a_learner_is_enrolled_and_withdrawn_from_the_page(qtbot, desk, page, monkeypatch):
    course = next(c for c in page.all_courses if c.seated < c.capacity)
    row = next(i for i, c in enumerate(page.course_model.rows) if c.id == course.id)
    page.course_view.selectRow(row)
    with desk.store.read() as s:
        on_it = set(s.scalars(select(Enrollment.learner_id)
                              .where(Enrollment.course_id == course.id)))
        learner_id = next(i for i in range(1, 500) if i not in on_it)
    monkeypatch.setattr(LearnerPicker, "ask", classmethod(lambda cls, *a: learner_id))
    page.on_enroll_clicked()
    assert page.banner.kind == "ok", page.banner.text()
    with desk.store.read() as s:
        status = s.scalar(select(Enrollment.status).where(
            Enrollment.course_id == course.id, Enrollment.learner_id == learner_id))
    assert status is EnrollmentStatus.ENROLLED
    listed = next(i for i, r in enumerate(page.class_model.rows) if r.learner_id == learner_id)
    page.class_view.selectRow(listed)
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    page.on_withdraw_clicked()
    assert page.banner.kind == "ok", page.banner.text()
    with desk.store.read() as s:
        status = s.scalar(select(Enrollment.status).where(
            Enrollment.course_id == course.id, Enrollment.learner_id == learner_id))
    assert status is EnrollmentStatus.WITHDRAWN
