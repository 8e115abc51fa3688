"""Who has earned a certificate: the one rule, at its edges."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from frontdesk.certificates.eligibility import (
    EligibilityRow,
    EligibilityState,
    clear_exception,
    eligibility,
    grant_exception,
    required_lessons,
)
from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Attendance, LedgerEntry, Lesson
from frontdesk.vocab import (
    AttendanceStatus,
    CheckInMethod,
    FeeTier,
    LedgerKind,
    PaymentMethod,
    StaffRole,
)

ADMIN = Actor(desk="前台1", staff_id=None, role=StaffRole.ADMIN)
DESK = Actor(desk="前台1", staff_id=None, role=StaffRole.DESK)


@dataclass
class School:
    """A hand-countable course: lessons held weekly before ``now``, learners enrolled."""

    store: Store
    now: dt.datetime
    course_id: int = 0
    lessons: list[int] = field(default_factory=list)
    enrollments: dict[str, int] = field(default_factory=dict)  # learner name -> enrollment
    learners: dict[str, int] = field(default_factory=dict)

    def course(self, *, held: int = 8, upcoming: int = 0, tier: FeeTier = FeeTier.FREE,
               threshold: int = 80, excused_counts: bool = False,
               title: str = "AI+短视频拍摄与剪辑") -> School:
        with self.store.write() as s:
            course = add_course(s, CourseInput(
                title=title, fee_tier=tier, capacity=600,
                market_price_fen=100_000 if tier is FeeTier.INCLUSIVE else 0,
                instructor_id=None, total_hours=2 * (held + upcoming),
                completion_threshold_pct=threshold, excused_counts=excused_counts,
                start_date=dt.date(2026, 10, 1), end_date=dt.date(2026, 12, 31)), ADMIN, self.now)
            self.course_id = course.id
            for week in range(-held, upcoming):
                starts = self.now + dt.timedelta(days=7 * week + (0 if week < 0 else 1))
                lesson = add_lesson(s, course.id, starts, starts + dt.timedelta(hours=2),
                                    ADMIN, self.now)
                self.lessons.append(lesson.id)
        return self

    def learner(self, name: str, *, attended: int = 0, late: int = 0, excused: int = 0) -> int:
        """Enroll ``name`` with attendance on the first lessons held."""
        with self.store.write() as s:
            learner = add_learner(s, LearnerInput(name=name), ADMIN, self.now)
            result = enroll(s, learner.id, self.course_id, 30, ADMIN, self.now)
            statuses = ([AttendanceStatus.PRESENT] * attended + [AttendanceStatus.LATE] * late
                        + [AttendanceStatus.EXCUSED] * excused)
            for lesson_id, status in zip(self.lessons, statuses, strict=False):
                s.add(Attendance(lesson_id=lesson_id, learner_id=learner.id,
                                 enrollment_id=None, status=status, method=CheckInMethod.DESK,
                                 at=self.now, recorded_at=self.now, desk="前台1"))
            self.learners[name] = learner.id
            self.enrollments[name] = result.enrollment_id
        return result.enrollment_id

    def ledger(self, name: str, kind: LedgerKind, amount_fen: int) -> None:
        with self.store.write() as s:
            s.add(LedgerEntry(
                learner_id=self.learners[name], enrollment_id=self.enrollments[name], kind=kind,
                amount_fen=amount_fen, method=PaymentMethod.CASH if kind is LedgerKind.PAYMENT
                else None, reason="", at=self.now, business_date=self.now.date(), desk="前台1"))

    def rows(self, at: dt.datetime | None = None) -> dict[str, EligibilityRow]:
        with self.store.read() as s:
            return {r.learner_name: r for r in eligibility(s, self.course_id, at or self.now)}


@pytest.fixture
def school(store: Store, now: dt.datetime) -> School:
    return School(store, now)


@pytest.mark.parametrize(("held", "pct", "needs"), [
    (8, 80, 7), (10, 80, 8), (7, 80, 6), (5, 80, 4), (0, 80, 0), (3, 100, 3), (1, 1, 1), (9, 50, 5),
])
def test_required_lessons_round_up(held: int, pct: int, needs: int) -> None:
    assert required_lessons(held, pct) == needs


def test_exactly_at_threshold_is_eligible_and_one_short_is_not(school: School) -> None:
    school.course(held=8)
    school.learner("张伟", attended=7)
    school.learner("李娜", attended=6)
    rows = school.rows()
    assert rows["张伟"].eligible and rows["张伟"].reasons == ()
    assert rows["张伟"].state == EligibilityState.ELIGIBLE
    short = rows["李娜"]
    assert not short.eligible and short.state == EligibilityState.NOT_YET
    assert [(r.code, r.values) for r in short.reasons] == [
        ("attendance_short", {"attended": 6, "held": 8, "needs": 7})]


def test_late_counts_as_attended_and_voided_rows_do_not(school: School, now: dt.datetime) -> None:
    school.course(held=8)
    school.learner("王芳", attended=4, late=3)
    school.learner("赵敏", attended=7)
    with school.store.write() as s:
        row = s.query(Attendance).filter_by(learner_id=school.learners["赵敏"]).first()
        assert row is not None
        row.voided_at = now
        row.void_reason = "scanned by mistake"
    rows = school.rows()
    assert rows["王芳"].attended == 7 and rows["王芳"].eligible
    assert rows["赵敏"].attended == 6 and not rows["赵敏"].eligible


def test_only_lessons_held_so_far_and_not_cancelled_count(school: School,
                                                         now: dt.datetime) -> None:
    school.course(held=8)  # weekly, the last one held 7 days ago: the course is over
    school.learner("刘洋", attended=6)
    assert school.rows()["刘洋"].held == 8
    with school.store.write() as s:
        lesson = s.get(Lesson, school.lessons[6])  # the one held 14 days ago
        assert lesson is not None
        lesson.cancelled = True
    row = school.rows()["刘洋"]
    assert (row.held, row.needs, row.attended, row.eligible) == (7, 6, 6, True)
    # A lesson counts as held from the minute it starts.
    assert school.rows(now - dt.timedelta(days=7))["刘洋"].held == 7
    assert school.rows(now - dt.timedelta(days=7, minutes=1))["刘洋"].held == 6


def test_excused_counts_only_when_the_course_says_so(store: Store, now: dt.datetime) -> None:
    strict = School(store, now).course(held=8, excused_counts=False, title="办公软件应用")
    strict.learner("陈静", attended=5, excused=2)
    lenient = School(store, now).course(held=8, excused_counts=True, title="新媒体运营")
    lenient.learner("陈静", attended=5, excused=2)
    no = strict.rows()["陈静"]
    yes = lenient.rows()["陈静"]
    assert (no.attended, no.excused, no.eligible) == (5, 2, False)
    assert (yes.attended, yes.excused, yes.eligible) == (7, 2, True)


def test_fee_due_until_paid_or_waived(school: School) -> None:
    school.course(held=8, tier=FeeTier.INCLUSIVE)  # ¥1000 at 30%: ¥300 due
    school.learner("黄磊", attended=8)
    school.learner("周杰", attended=8)
    school.learner("吴娟", attended=8)
    school.ledger("周杰", LedgerKind.PAYMENT, 10_000)
    school.ledger("吴娟", LedgerKind.WAIVER, 30_000)
    rows = school.rows()
    assert [(r.code, r.values) for r in rows["黄磊"].reasons] == [
        ("fee_due", {"balance_fen": 30_000})]
    assert rows["黄磊"].reasons[0].message_values()["amount"] == "¥300.00"
    assert rows["周杰"].reasons[0].values == {"balance_fen": 20_000}
    assert rows["吴娟"].eligible and rows["吴娟"].balance_fen == 0


def test_both_reasons_are_given(school: School) -> None:
    school.course(held=8, tier=FeeTier.INCLUSIVE)
    school.learner("孙强", attended=5)
    assert [r.code for r in school.rows()["孙强"].reasons] == ["attendance_short", "fee_due"]


def test_withdrawn_is_listed_but_never_eligible(school: School, now: dt.datetime) -> None:
    school.course(held=8)
    eid = school.learner("马丽", attended=8)
    with school.store.write() as s:
        withdraw(s, eid, ADMIN, now)
    row = school.rows()["马丽"]
    assert [r.code for r in row.reasons] == ["withdrawn"] and not row.eligible


def test_waiting_list_is_not_listed(school: School, now: dt.datetime) -> None:
    school.course(held=8)
    school.learner("朱玉", attended=8)
    with school.store.write() as s:
        from frontdesk.store.models import Enrollment
        from frontdesk.vocab import EnrollmentStatus

        enrollment = s.get(Enrollment, school.enrollments["朱玉"])
        assert enrollment is not None
        enrollment.status = EnrollmentStatus.WAITLISTED
    assert "朱玉" not in school.rows()


def test_no_lesson_held_yet(school: School) -> None:
    school.course(held=0, upcoming=3)
    school.learner("胡杰")
    assert [r.code for r in school.rows()["胡杰"].reasons] == ["no_lessons_held"]


def test_admin_exception_makes_eligible_and_keeps_the_reasons(school: School,
                                                             now: dt.datetime) -> None:
    school.course(held=8, tier=FeeTier.INCLUSIVE)
    eid = school.learner("郭涛", attended=5)
    with school.store.write() as s:
        grant_exception(s, eid, "  住院两周，  补课已完成 ", ADMIN, now)
    row = school.rows()["郭涛"]
    assert row.eligible and row.exception_reason == "住院两周， 补课已完成"
    assert [r.code for r in row.reasons] == ["attendance_short", "fee_due"]
    with school.store.write() as s:
        clear_exception(s, eid, ADMIN, now)
    assert not school.rows()["郭涛"].eligible


def test_exception_refusals(school: School, now: dt.datetime) -> None:
    school.course(held=8)
    eid = school.learner("何敏", attended=2)
    gone = school.learner("林平", attended=2)
    with school.store.write() as s:
        withdraw(s, gone, ADMIN, now)
    cases = [
        (DESK, eid, "reason", "role_forbidden"),
        (ADMIN, eid, "   ", "certificate_reason_required"),
        (ADMIN, eid, "长" * 201, "certificate_reason_too_long"),
        (ADMIN, gone, "reason", "certificate_exception_withdrawn"),
        (ADMIN, 9999, "reason", "enrollment_not_found"),
    ]
    for actor, enrollment_id, reason, code in cases:
        with pytest.raises(DomainError) as err, school.store.write() as s:
            grant_exception(s, enrollment_id, reason, actor, now)
        assert err.value.code == code
    assert not school.rows()["何敏"].eligible  # nothing was written
    with pytest.raises(DomainError) as err, school.store.write() as s:
        clear_exception(s, eid, ADMIN, now)
    assert err.value.code == "certificate_no_exception"


def test_a_desk_without_staff_sign_in_may_grant(school: School, now: dt.datetime) -> None:
    school.course(held=8)
    eid = school.learner("宋佳", attended=1)
    with school.store.write() as s:
        grant_exception(s, eid, "转班，原班出勤已核实", Actor(desk="前台1"), now)
    assert school.rows()["宋佳"].eligible


def test_rows_come_in_pinyin_order(school: School) -> None:
    school.course(held=2)
    for name in ("赵六", "阿依古丽·买买提", "Żaneta Nowak", "李四", "张三"):
        school.learner(name, attended=2)
    names = list(school.rows())
    assert names.index("李四") < names.index("张三") < names.index("赵六")
    assert len(names) == 5
