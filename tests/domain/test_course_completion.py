"""Certificates only when the course is complete: the rule, the refusals, the exceptions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from frontdesk.certificates.completion import course_progress, mark_finished, reopen
from frontdesk.certificates.eligibility import EligibilityState, ReasonCode, grant_exception
from frontdesk.certificates.issue import certificate_contents, issue_certificates, revoke
from frontdesk.errors import DomainError
from frontdesk.messages import describe
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Lesson
from tests.domain.test_eligibility import ADMIN, DESK, School

HALF_WAY = {"held": 9, "upcoming": 7}  # C0001 as found: 9 of its 16 lessons held


@pytest.fixture
def running(store: Store, now: dt.datetime) -> School:
    school = School(store, now).course(**HALF_WAY)
    school.learner("张伟", attended=8)  # on track: 8 of 9, can reach 13 of 16
    school.learner("李娜", attended=9)
    school.learner("赵敏", attended=2)  # 2 + 7 left < 13: out of reach
    return school


def test_half_way_every_row_says_where_it_stands_and_none_is_eligible(running: School) -> None:
    rows = running.rows()
    assert not any(r.eligible for r in rows.values())
    assert {r.state for r in rows.values()} == {EligibilityState.NOT_YET}
    zhang = rows["张伟"]
    assert (zhang.held, zhang.planned, zhang.needs, zhang.course_complete) == (9, 16, 13, False)
    (reason,) = zhang.reasons
    assert reason.code == ReasonCode.IN_PROGRESS
    assert reason.values == {"attended": 8, "held": 9, "planned": 16, "needs": 13}
    assert describe(reason.message_key, reason.message_values(), "en") == \
        "On track: 8 of 9 so far, 16 planned; needs 13."
    assert describe(reason.message_key, reason.message_values(), "zh_CN") == \
        "进行中：已到 8/9 次（共 16 次），需 13 次。"
    assert rows["赵敏"].reasons[0].code == ReasonCode.OUT_OF_REACH


def test_half_way_issuing_is_refused_with_the_reason(running: School) -> None:
    with pytest.raises(DomainError) as err, running.store.write() as s:
        issue_certificates(s, running.course_id, None, ADMIN, running.now)
    assert err.value.code == "certificate_course_running"
    assert err.value.details == {"held": 9, "planned": 16}
    with pytest.raises(DomainError) as err, running.store.write() as s:
        issue_certificates(s, running.course_id, [running.enrollments["李娜"]], ADMIN,
                           running.now)
    assert err.value.code == "certificate_learner_running"
    assert err.value.details == {"learner_name": "李娜", "attended": 9, "held": 9,
                                 "planned": 16, "needs": 13}


def test_cancelled_lessons_are_not_planned_and_not_held(running: School) -> None:
    with running.store.write() as s:
        future = s.get(Lesson, running.lessons[-1])
        past = s.get(Lesson, running.lessons[0])
        assert future is not None and past is not None
        future.cancelled = past.cancelled = True
    row = running.rows()["张伟"]
    assert (row.held, row.planned, row.needs) == (8, 14, 12)


def test_a_finished_course_issues_to_those_who_earned_one(running: School) -> None:
    after = running.now + dt.timedelta(days=60)  # every lesson is over
    with running.store.read() as s:
        assert course_progress(s, running.course_id, after).complete
    rows = running.rows(after)
    assert rows["张伟"].needs == 13 and rows["张伟"].reasons[0].code == "attendance_short"
    with running.store.write() as s:
        issued = issue_certificates(s, running.course_id, None, ADMIN, after)
    assert issued == []  # no one attended 13 of 16 in this made-up class
    finished = School(running.store, running.now).course(held=16, title="AI+营销获客")
    finished.learner("王芳", attended=13)
    finished.learner("刘洋", attended=12)
    with running.store.write() as s:
        issued = issue_certificates(s, finished.course_id, None, ADMIN, running.now)
    assert [c.learner_name for c in issued] == ["王芳"]


def test_only_an_admins_exception_issues_before_the_end(running: School) -> None:
    eid = running.enrollments["张伟"]
    with pytest.raises(DomainError) as err, running.store.write() as s:
        grant_exception(s, eid, "提前结业：调往东莞工作", DESK, running.now)
    assert err.value.code == "role_forbidden"
    with running.store.write() as s:
        grant_exception(s, eid, "提前结业：调往东莞工作", ADMIN, running.now)
        (issued,) = issue_certificates(s, running.course_id, [eid], ADMIN, running.now)
    row = running.rows()["张伟"]
    assert row.state == EligibilityState.ISSUED and row.early
    assert row.exception_reason == "提前结业：调往东莞工作"
    assert issued.exception_reason == "提前结业：调往东莞工作"
    with running.store.write() as s:
        (content,) = certificate_contents(s, [issued.certificate_id])
    # The study period printed ends the day it is issued, not on a lesson a month away.
    assert content.end_date == content.issued_on == dt.date(2026, 12, 1)


def test_an_admin_marks_a_course_finished_and_it_is_audited(running: School) -> None:
    with pytest.raises(DomainError) as err, running.store.write() as s:
        mark_finished(s, running.course_id, DESK, running.now)
    assert err.value.code == "role_forbidden"
    with running.store.write() as s:
        mark_finished(s, running.course_id, ADMIN, running.now)
    rows = running.rows()
    # Judged over the 9 lessons held: 80% is 8.
    assert rows["张伟"].eligible and rows["张伟"].needs == 8 and rows["张伟"].course_complete
    assert not rows["赵敏"].eligible and rows["赵敏"].reasons[0].code == "attendance_short"
    with running.store.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "course.finished")).all()
    assert len(events) == 1 and events[0].entity_id == running.course_id
    with pytest.raises(DomainError) as err, running.store.write() as s:
        mark_finished(s, running.course_id, ADMIN, running.now)
    assert err.value.code == "course_already_finished"
    with running.store.write() as s:
        (issued, _) = issue_certificates(s, running.course_id, None, ADMIN, running.now)
    with pytest.raises(DomainError) as err, running.store.write() as s:
        reopen(s, running.course_id, ADMIN, running.now)
    assert err.value.code == "course_reopen_certificates_issued"
    with running.store.write() as s:
        revoke(s, issued.certificate_id, "结课标记有误", ADMIN, running.now)
    with running.store.write() as s:
        revoke(s, _.certificate_id, "结课标记有误", ADMIN, running.now)
        reopen(s, running.course_id, ADMIN, running.now)
    assert not running.rows()["张伟"].eligible


def test_a_course_that_held_nothing_cannot_be_marked_finished(store: Store,
                                                             now: dt.datetime) -> None:
    school = School(store, now).course(held=0, upcoming=4)
    with pytest.raises(DomainError) as err, store.write() as s:
        mark_finished(s, school.course_id, ADMIN, now)
    assert err.value.code == "course_finish_nothing_held"


def test_funder_completion_agrees_with_the_certificates_issued(store: Store,
                                                               now: dt.datetime) -> None:
    import zoneinfo

    from frontdesk.reports.funder import funder_report
    from frontdesk.reports.queries import DateRange

    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    term = DateRange(dt.date(2026, 9, 1), dt.date(2026, 12, 31))
    over = School(store, now).course(held=8, title="AI+图片设计")
    for name in ("张伟", "李娜"):
        over.learner(name, attended=8)
    short = over.learner("赵敏", attended=3)
    running = School(store, now).course(**HALF_WAY)  # the course of the finding
    for name in ("王芳", "刘洋"):
        running.learner(name, attended=9)

    def report():  # type: ignore[no-untyped-def]
        with store.read() as s:
            found = funder_report(s, term, now, tz)
        return found, {c.course_id: (c.enrollments, c.completed, c.certificates)
                       for c in found.completion}

    with store.write() as s:
        grant_exception(s, short, "外出学习，已补课", ADMIN, now)
        issue_certificates(s, over.course_id, None, ADMIN, now)
        with pytest.raises(DomainError):  # half-way: nothing issued, nothing reported
            issue_certificates(s, running.course_id, None, ADMIN, now)
    found, completion = report()
    assert completion == {over.course_id: (3, 3, 3)}
    assert found.totals.certificates == 3 == found.completed
    # An admin marks the running course finished: it joins the completion figures.
    with store.write() as s:
        mark_finished(s, running.course_id, ADMIN, now)
        issue_certificates(s, running.course_id, None, ADMIN, now)
    found, completion = report()
    assert completion[running.course_id] == (2, 2, 2)
    assert found.totals.certificates == 5 == found.completed == \
        sum(c.certificates for c in found.completion)
