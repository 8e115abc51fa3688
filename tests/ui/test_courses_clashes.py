"""The courses page warns when a lesson puts a room or an instructor in two places."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from frontdesk.store.models import Course, Lesson
from ui.courses.page import CoursesPage


def test_a_lesson_added_into_a_busy_room_is_warned_with_the_clash(qtbot, desk, monkeypatch):
    now = desk.now()
    with desk.store.read() as s:
        busy = s.scalars(select(Lesson).where(~Lesson.cancelled, Lesson.starts_at > now)
                         .order_by(Lesson.starts_at)).first()
        assert busy is not None
        other = s.scalars(select(Course).where(Course.id != busy.course_id)).first()
        assert other is not None
        busy_room, busy_start, other_id, other_code = (busy.room, busy.starts_at, other.id,
                                                       other.code)
    page = CoursesPage(desk)
    qtbot.addWidget(page)
    page.show()
    page.select_course(other_id)

    def add_into_the_busy_room(*_args: object) -> int:
        with desk.store.write() as s:
            s.execute(select(Course).where(Course.id == other_id)).scalar_one().instructor_id = None
            lesson = Lesson(course_id=other_id, starts_at=busy_start,
                            ends_at=busy_start + dt.timedelta(hours=1), room=busy_room, topic="",
                            cancelled=False)
            s.add(lesson)
            s.flush()
            return lesson.id

    monkeypatch.setattr("ui.courses.page.LessonDialog.ask", add_into_the_busy_room)
    page.on_add_lesson_clicked()
    assert page.banner.isVisible() and page.banner.kind == "warn"
    assert f"教室 {busy_room}" in page.banner.text() and other_code in page.banner.text()
