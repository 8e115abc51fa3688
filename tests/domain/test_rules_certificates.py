"""Certificate rules at the edges where a wrong version would go unnoticed.

Each test is a case a school would describe. The evening school here is built
so that no id coincides with another: last term's learners were added first
(every learner id is larger than any enrollment id), and one learner sits on
two courses. A rule that looked something up under the wrong id would find
someone else's record, or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from frontdesk.certificates.completion import (
    COURSE_FINISHED,
    COURSE_REOPENED,
    course_progress,
    finished_marks,
    mark_finished,
    reopen,
)
from frontdesk.certificates.eligibility import (
    EXCEPTION_CLEARED,
    EXCEPTION_GRANTED,
    CertificateInfo,
    EligibilityRow,
    EligibilityState,
    Reason,
    ReasonCode,
    clean_reason,
    clear_exception,
    eligibility,
    grant_exception,
)
from frontdesk.certificates.selection import (
    earned_count,
    issuable,
    needs_new_serial,
    rows_to_print,
)
from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import (
    Attendance,
    AuditEvent,
    Certificate,
    Course,
    Enrollment,
    Learner,
    Lesson,
)
from frontdesk.vocab import AttendanceStatus, CheckInMethod, EnrollmentStatus, FeeTier, StaffRole

ADMIN = Actor(desk="前台1", staff_id=None, role=StaffRole.ADMIN)
P = AttendanceStatus.PRESENT


@dataclass
class Evening:
    """An evening school whose learner ids are never enrollment ids."""

    store: Store
    now: dt.datetime
    learners: dict[str, int] = field(default_factory=dict)
    lessons: dict[int, list[int]] = field(default_factory=dict)  # course -> lessons, by start

    def people(self, *names: str) -> None:
        with self.store.write() as s:
            for name in names:
                phone = f"1380000{len(self.learners):04d}"
                self.learners[name] = add_learner(
                    s, LearnerInput(name=name.rstrip("²"), phone=phone), ADMIN, self.now).id

    def course(self, title: str, weeks: list[int], *, threshold: int = 80,
               tier: FeeTier = FeeTier.FREE) -> int:
        """A course with a two-hour lesson each of ``weeks`` (negative: before now)."""
        with self.store.write() as s:
            course = add_course(s, CourseInput(
                title, tier, capacity=40, completion_threshold_pct=threshold,
                market_price_fen=100_000 if tier is FeeTier.INCLUSIVE else 0), ADMIN, self.now)
            self.lessons[course.id] = []
            for week in weeks:
                starts = self.now + dt.timedelta(days=7 * week, hours=-1)
                self.lessons[course.id].append(add_lesson(
                    s, course.id, starts, starts + dt.timedelta(hours=2), ADMIN, self.now).id)
        return course.id

    def enroll(self, course_id: int, *names: str) -> dict[str, int]:
        with self.store.write() as s:
            return {n: enroll(s, self.learners[n], course_id, 30, ADMIN, self.now).enrollment_id
                    for n in names}

    def attend(self, name: str, lesson_ids: list[int]) -> None:
        with self.store.write() as s:
            for lesson_id in lesson_ids:
                s.add(Attendance(lesson_id=lesson_id, learner_id=self.learners[name],
                                 enrollment_id=None, status=P, method=CheckInMethod.DESK,
                                 at=self.now, recorded_at=self.now, desk="前台1"))

    def rows(self, course_id: int, at: dt.datetime | None = None) -> list[EligibilityRow]:
        with self.store.read() as s:
            return eligibility(s, course_id, at or self.now)

    def by_name(self, course_id: int, at: dt.datetime | None = None) -> dict[str, EligibilityRow]:
        return {r.learner_name: r for r in self.rows(course_id, at)}


@pytest.fixture
def evening(store: Store, now: dt.datetime) -> Evening:
    school = Evening(store, now)
    school.people(*(f"往届学员{i}" for i in range(20)))
    return school


def _certificate(store: Store, enrollment_id: int, serial: str, issued_at: dt.datetime, *,
                 exception: str | None = None, revoked_at: dt.datetime | None = None) -> int:
    with store.write() as s:
        c = Certificate(enrollment_id=enrollment_id, serial=serial, issued_at=issued_at,
                        print_count=1, exception_reason=exception, revoked_at=revoked_at,
                        learner_name="王芳", course_title="AI+图片设计（周二班）")
        s.add(c)
        s.flush()
        return c.id


# Eligibility --------------------------------------------------------------------------


def test_after_the_first_evening_everyone_is_on_track(evening: Evening) -> None:
    """One lesson held of five planned: 王芳 came, 李强 did not but can still
    attend the four left, which is exactly the four he needs."""
    evening.people("王芳", "李强")
    course = evening.course("AI+短视频", [-1, 1, 2, 3, 4])
    evening.enroll(course, "王芳", "李强")
    evening.attend("王芳", evening.lessons[course][:1])
    rows = evening.by_name(course)
    wang, li = rows["王芳"], rows["李强"]
    assert [(r.code, r.values) for r in wang.reasons] == [
        (ReasonCode.IN_PROGRESS, {"attended": 1, "held": 1, "planned": 5, "needs": 4})]
    assert [(r.code, r.values) for r in li.reasons] == [
        (ReasonCode.IN_PROGRESS, {"attended": 0, "held": 1, "planned": 5, "needs": 4})]
    assert not wang.eligible and wang.early and not wang.course_complete
    # Before the first lesson nothing is held at all.
    before = evening.by_name(course, evening.now - dt.timedelta(days=8))
    assert [r.code for r in before["王芳"].reasons] == [ReasonCode.NO_LESSONS_HELD]


def test_one_lesson_missed_too_many_is_out_of_reach(evening: Evening) -> None:
    """Two held of five, needs four: missing both leaves only three to come."""
    evening.people("李强", "赵敏")
    course = evening.course("AI+短视频", [-2, -1, 1, 2, 3])
    evening.enroll(course, "李强", "赵敏")
    evening.attend("赵敏", evening.lessons[course][:1])
    rows = evening.by_name(course)
    assert [r.code for r in rows["赵敏"].reasons] == [ReasonCode.IN_PROGRESS]
    assert [r.code for r in rows["李强"].reasons] == [ReasonCode.OUT_OF_REACH]


def test_a_lesson_starting_right_now_is_held(evening: Evening) -> None:
    evening.people("王芳")
    course = evening.course("办公软件", [-1, 0])
    evening.enroll(course, "王芳")
    starts = evening.lessons[course][1]
    with evening.store.read() as s:
        at = s.get(Lesson, starts).starts_at  # type: ignore[union-attr]
    evening.attend("王芳", evening.lessons[course])  # scanned in as the lesson starts
    now_row = evening.by_name(course, at)["王芳"]
    assert (now_row.held, now_row.attended) == (2, 2)
    earlier = evening.by_name(course, at - dt.timedelta(seconds=1))["王芳"]
    assert (earlier.held, earlier.attended) == (1, 1)


def test_learners_of_one_name_come_in_name_then_enrollment_order(evening: Evening) -> None:
    """张伟, 章伟 and 张玮 all read zhangwei: the list sorts them by the written
    name, and two learners both called 张伟 in the order they enrolled."""
    evening.people("张伟", "章伟", "张伟²")
    course = evening.course("AI+图片设计", [-2, -1])
    first = evening.enroll(course, "章伟")
    second = evening.enroll(course, "张伟²")  # the later 张伟 enrolled first
    third = evening.enroll(course, "张伟")
    rows = evening.rows(course)
    assert [(r.learner_name, r.enrollment_id) for r in rows] == [
        ("张伟", second["张伟²"]), ("张伟", third["张伟"]), ("章伟", first["章伟"])]


def test_a_certificate_row_shows_what_was_printed(evening: Evening) -> None:
    """The desk sees the certificate as issued: when, and the course title printed on it."""
    evening.people("王芳")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "王芳")["王芳"]
    issued = evening.now - dt.timedelta(hours=3)
    _certificate(evening.store, eid, "SB-2026-0042", issued)
    info = evening.by_name(course)["王芳"].certificate
    assert info is not None
    assert (info.serial, info.issued_at, info.print_count, info.learner_name,
            info.course_title) == ("SB-2026-0042", issued, 1, "王芳", "AI+图片设计（周二班）")


def test_a_row_names_the_learner_and_their_card(evening: Evening) -> None:
    """The desk finds the learner from a row: their own id and card code, on
    each of their two courses."""
    evening.people("李强", "王芳")
    office = evening.course("办公软件", [-3, -2])
    design = evening.course("AI+图片设计", [-2, -1])
    evening.enroll(office, "李强")
    evening.enroll(design, "王芳", "李强")
    with evening.store.read() as s:
        codes = {n: s.get(Learner, i).code for n, i in evening.learners.items()}  # type: ignore[union-attr]
    for course in (office, design):
        for row in evening.rows(course):
            assert row.learner_id == evening.learners[row.learner_name]
            assert row.learner_code == codes[row.learner_name]
    assert len(set(codes.values())) == len(codes)


def test_a_live_certificate_shows_the_reason_it_was_issued_with(evening: Evening) -> None:
    """Its record is what counts while it is live, whatever the trail says."""
    evening.people("王芳")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "王芳")["王芳"]
    _certificate(evening.store, eid, "SB-2026-0007", evening.now, exception="病假，已补课")
    row = evening.by_name(course)["王芳"]
    assert row.exception_reason == "病假，已补课" and row.state == EligibilityState.ISSUED


def test_revoked_twice_the_desk_sees_the_latest(evening: Evening) -> None:
    """Printed with a wrong name, revoked; printed again with a wrong date, revoked:
    the row shows the second revocation, and then the live replacement."""
    evening.people("王芳")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "王芳")["王芳"]
    _certificate(evening.store, eid, "SB-2026-0001", evening.now, revoked_at=evening.now)
    _certificate(evening.store, eid, "SB-2026-0002", evening.now, revoked_at=evening.now)
    info = evening.by_name(course)["王芳"].certificate
    assert info is not None and (info.serial, info.revoked) == ("SB-2026-0002", True)
    _certificate(evening.store, eid, "SB-2026-0003", evening.now)
    info = evening.by_name(course)["王芳"].certificate
    assert info is not None and (info.serial, info.revoked) == ("SB-2026-0003", False)



def test_a_live_certificate_is_shown_over_any_revoked_one(evening: Evening) -> None:
    """The live certificate is the one that counts, even when a revoked record
    was filed after it (a record carried over from another desk's store)."""
    evening.people("王芳", "李强")
    course = evening.course("AI+图片设计", [-2, -1])
    ids = evening.enroll(course, "王芳", "李强")
    _certificate(evening.store, ids["王芳"], "SB-2026-0011", evening.now)
    _certificate(evening.store, ids["李强"], "SB-2026-0012", evening.now, revoked_at=evening.now)
    _certificate(evening.store, ids["王芳"], "SB-2026-0010", evening.now, revoked_at=evening.now)
    rows = evening.by_name(course)
    assert rows["王芳"].certificate is not None and rows["李强"].certificate is not None
    assert (rows["王芳"].certificate.serial, rows["王芳"].state) == ("SB-2026-0011",
                                                                   EligibilityState.ISSUED)
    assert (rows["李强"].certificate.serial, rows["李强"].state) == ("SB-2026-0012",
                                                                   EligibilityState.REVOKED)


def test_an_exception_granted_cleared_and_granted_again_stands(evening: Evening) -> None:
    evening.people("李强")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "李强")["李强"]
    with evening.store.write() as s:
        grant_exception(s, eid, "搬家", ADMIN, evening.now)
        clear_exception(s, eid, ADMIN, evening.now)
    assert evening.by_name(course)["李强"].exception_reason is None
    with evening.store.write() as s:
        grant_exception(s, eid, "搬家前提前完成", ADMIN, evening.now)
    row = evening.by_name(course)["李强"]
    assert row.exception_reason == "搬家前提前完成" and row.eligible


def test_an_exception_cleared_at_two_desks_at_once_is_simply_cleared(evening: Evening) -> None:
    """On a shared server two admins may clear the same exception in the same
    moment: the trail then holds two clearings, and the list still opens."""
    evening.people("李强")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "李强")["李强"]
    with evening.store.write() as s:
        grant_exception(s, eid, "搬家", ADMIN, evening.now)
        clear_exception(s, eid, ADMIN, evening.now)
        # The other desk's clearing, checked before this one was written:
        audit.record(s, ADMIN, EXCEPTION_CLEARED, evening.now, entity="enrollment",
                     entity_id=eid, learner_id=evening.learners["李强"])
    row = evening.by_name(course)["李强"]
    assert row.exception_reason is None and not row.eligible


def test_a_missing_reason_is_refused(evening: Evening) -> None:
    for nothing in (None, "", "   "):
        with pytest.raises(DomainError) as refused:
            clean_reason(nothing)  # type: ignore[arg-type]
        assert refused.value.code == "certificate_reason_required"


def test_a_learner_on_the_waiting_list_gets_no_exception(evening: Evening) -> None:
    evening.people("王芳")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "王芳")["王芳"]
    with evening.store.write() as s:
        s.get(Enrollment, eid).status = EnrollmentStatus.WAITLISTED  # type: ignore[union-attr]
    with pytest.raises(DomainError) as refused, evening.store.write() as s:
        grant_exception(s, eid, "提前完成", ADMIN, evening.now)
    assert refused.value.code == "certificate_exception_waitlisted"


def test_a_new_exception_reason_is_written_onto_the_live_certificate(evening: Evening) -> None:
    """王芳 (also on the office course) holds a certificate issued on an
    exception; the admin rewords the reason: the certificate's record follows.
    Her revoked older certificate and her other course are left alone."""
    evening.people("王芳")
    office = evening.course("办公软件", [-3, -2])
    design = evening.course("AI+图片设计", [-2, -1])
    evening.enroll(office, "王芳")
    eid = evening.enroll(design, "王芳")["王芳"]
    old = _certificate(evening.store, eid, "SB-2026-0001", evening.now, exception="病假",
                       revoked_at=evening.now)
    live = _certificate(evening.store, eid, "SB-2026-0002", evening.now, exception="病假")
    with evening.store.write() as s:
        grant_exception(s, eid, "病假，已补课", ADMIN, evening.now)
    with evening.store.read() as s:
        assert s.get(Certificate, live).exception_reason == "病假，已补课"  # type: ignore[union-attr]
        assert s.get(Certificate, old).exception_reason == "病假"  # type: ignore[union-attr]
    assert evening.by_name(design)["王芳"].exception_reason == "病假，已补课"
    assert evening.by_name(office)["王芳"].exception_reason is None


def test_exceptions_are_in_the_learners_history(evening: Evening) -> None:
    """Granting and clearing an exception are on the trail under the learner,
    not under whoever has the enrollment's number as a learner id."""
    evening.people("李强")
    course = evening.course("AI+图片设计", [-2, -1])
    eid = evening.enroll(course, "李强")["李强"]
    with evening.store.write() as s:
        grant_exception(s, eid, "搬家前提前完成", ADMIN, evening.now)
        clear_exception(s, eid, ADMIN, evening.now)
    with evening.store.read() as s:
        trail = s.execute(select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.learner_id)
                          .where(AuditEvent.action.in_((EXCEPTION_GRANTED, EXCEPTION_CLEARED)))
                          .order_by(AuditEvent.id)).all()
    assert [tuple(t) for t in trail] == [(EXCEPTION_GRANTED, eid, evening.learners["李强"]),
                                         (EXCEPTION_CLEARED, eid, evening.learners["李强"])]
    assert eid != evening.learners["李强"]


# Which certificates a batch prints ----------------------------------------------------

NOW = dt.datetime(2026, 12, 4, 13, 0, tzinfo=dt.UTC)
SHORT = Reason(ReasonCode.ATTENDANCE_SHORT, {"attended": 3, "held": 5, "needs": 4})
OWES = Reason(ReasonCode.FEE_DUE, {"balance_fen": 1})
RUNNING = Reason(ReasonCode.IN_PROGRESS, {"attended": 2, "held": 2, "planned": 5, "needs": 4})
LEFT = Reason(ReasonCode.WITHDRAWN)


def _card(serial: str, *, revoked: bool = False) -> CertificateInfo:
    return CertificateInfo(900 + int(serial[-1]), serial, NOW, 1,
                           NOW if revoked else None, "姓名写错" if revoked else None, None)


def _row(name: str, enrollment_id: int, *reasons: Reason, exception: str | None = None,
         certificate: CertificateInfo | None = None, complete: bool = True,
         status: EnrollmentStatus = EnrollmentStatus.ENROLLED) -> EligibilityRow:
    """A learner's row; learner ids are 100 more than the enrollment's, codes made up."""
    held = 5 if complete else 2
    return EligibilityRow(enrollment_id, enrollment_id + 100, f"MRPS{enrollment_id:03d}", name,
                          status, 4, 0, held, 4, 1 if OWES in reasons else 0, reasons,
                          exception, certificate, 5, complete)


@pytest.fixture
def desk_list() -> list[EligibilityRow]:
    """A finished class as the certificates window lists it, in pinyin order."""
    return [
        _row("陈静", 11),  # earned, nothing printed yet
        _row("李强", 12, SHORT, exception="搬家前提前完成"),  # earned by an exception
        _row("孙艳", 13, certificate=_card("SB-2026-0001")),  # holds a live certificate
        _row("王芳", 14, certificate=_card("SB-2026-0002", revoked=True)),  # revoked, earned
        _row("吴军", 15, SHORT, certificate=_card("SB-2026-0003", revoked=True)),  # revoked, short
        _row("赵敏", 16, OWES),  # owes one fen
        _row("周杰", 17, LEFT, exception="提前完成", status=EnrollmentStatus.WITHDRAWN),
        _row("朱琳", 18, OWES, certificate=_card("SB-2026-0004")),  # printed, then a refund
    ]


def test_what_the_window_offers_to_print(desk_list: list[EligibilityRow]) -> None:
    offered = {r.learner_name: (issuable(r), needs_new_serial(r)) for r in desk_list}
    assert offered == {
        "陈静": (True, True), "李强": (True, True), "孙艳": (True, False),
        "王芳": (True, True), "吴军": (False, True), "赵敏": (False, True),
        "周杰": (False, True), "朱琳": (True, False)}
    # Earned: the two who may be issued one, and the two who hold a live one.
    assert earned_count(desk_list) == 4


def test_a_class_batch_prints_the_earned_and_leaves_revocations_alone(
        desk_list: list[EligibilityRow]) -> None:
    assert [r.learner_name for r in rows_to_print(desk_list, None)] == [
        "陈静", "李强", "孙艳", "朱琳"]


def test_chosen_learners_come_in_list_order_and_a_reprint_needs_no_new_rule(
        desk_list: list[EligibilityRow]) -> None:
    """朱琳's live certificate is printed again although she owes a fen since a
    refund: a reprint issues nothing. 王芳's revoked one is replaced when chosen."""
    chosen = rows_to_print(desk_list, [18, 14, 11])
    assert [r.learner_name for r in chosen] == ["陈静", "王芳", "朱琳"]


@pytest.mark.parametrize(("enrollment_id", "code", "details"), [
    (16, "certificate_not_eligible", {"learner_name": "赵敏", "reasons": "fee_due"}),
    (15, "certificate_not_eligible", {"learner_name": "吴军",
                                      "reasons": "attendance_short"}),
    (17, "certificate_not_eligible", {"learner_name": "周杰", "reasons": "withdrawn"}),
    (99, "enrollment_not_found", {"enrollment_id": 99}),
    (115, "enrollment_not_found", {"enrollment_id": 115}),  # 吴军's learner id
])
def test_one_chosen_learner_who_cannot_have_one_refuses_the_batch(
        desk_list: list[EligibilityRow], enrollment_id: int, code: str,
        details: dict[str, object]) -> None:
    with pytest.raises(DomainError) as refused:
        rows_to_print(desk_list, [11, enrollment_id, 13])
    assert (refused.value.code, refused.value.details) == (code, details)


def test_every_reason_is_named_in_the_refusal() -> None:
    row = _row("赵敏", 16, SHORT, OWES)
    with pytest.raises(DomainError) as refused:
        rows_to_print([row], [16])
    assert refused.value.details == {"learner_name": "赵敏",
                                     "reasons": "attendance_short, fee_due"}


def test_a_running_course_says_how_far_it_is() -> None:
    """Nobody may have one before the end; a chosen learner hears where they stand."""
    rows = [_row("陈静", 11, RUNNING, complete=False), _row("李强", 12, RUNNING, complete=False)]
    with pytest.raises(DomainError) as refused:
        rows_to_print(rows, None)
    assert (refused.value.code, refused.value.details) == (
        "certificate_course_running", {"held": 2, "planned": 5})
    with pytest.raises(DomainError) as refused:
        rows_to_print(rows, [12])
    assert (refused.value.code, refused.value.details) == (
        "certificate_learner_running",
        {"learner_name": "李强", "attended": 2, "held": 2, "planned": 5, "needs": 4})
    # A class of one is refused the same way.
    alone = [_row("孙艳", 13, RUNNING, complete=False)]
    with pytest.raises(DomainError) as refused:
        rows_to_print(alone, None)
    assert (refused.value.code, refused.value.details) == (
        "certificate_course_running", {"held": 2, "planned": 5})
    # Withdrawn while it runs: not "still running" but not eligible, with both reasons.
    left = _row("周杰", 17, LEFT, RUNNING, complete=False, status=EnrollmentStatus.WITHDRAWN)
    with pytest.raises(DomainError) as refused:
        rows_to_print([left], [17])
    assert (refused.value.code, refused.value.details) == (
        "certificate_not_eligible", {"learner_name": "周杰", "reasons": "withdrawn, in_progress"})


def test_a_running_course_prints_the_early_exceptions_only() -> None:
    rows = [_row("陈静", 11, RUNNING, complete=False),
            _row("李强", 12, RUNNING, exception="出国留学", complete=False)]
    assert [r.learner_name for r in rows_to_print(rows, None)] == ["李强"]
    # A course with nobody on it prints nothing and has nothing to refuse.
    assert rows_to_print([], None) == []
    # A finished course where nobody earned one: nothing to print, no refusal.
    assert rows_to_print([_row("陈静", 11, SHORT)], None) == []


# Is the course complete? --------------------------------------------------------------


def test_a_course_is_complete_the_moment_its_last_lesson_ends(evening: Evening) -> None:
    """The last lesson (the cancelled one after it does not count) ends at 21:00:
    at 20:59:59 the course still runs, at 21:00 certificates may be issued."""
    evening.people("王芳")
    course = evening.course("AI+图片设计", [-2, -1, 0, 1])
    evening.enroll(course, "王芳")
    last, cancelled = evening.lessons[course][2], evening.lessons[course][3]
    with evening.store.write() as s:
        s.get(Lesson, cancelled).cancelled = True  # type: ignore[union-attr]
        ends = s.get(Lesson, last).ends_at  # type: ignore[union-attr]
    with evening.store.read() as s:
        before = course_progress(s, course, ends - dt.timedelta(seconds=1))
        at_end = course_progress(s, course, ends)
    assert (before.planned, before.held, before.remaining) == (3, 3, 0)
    assert not before.over and not before.complete
    assert at_end.over and at_end.complete and at_end.last_ends_at == ends
    assert evening.by_name(course, ends)["王芳"].course_complete


def test_a_course_with_no_lessons_yet_is_not_complete(evening: Evening) -> None:
    evening.people("王芳")
    course = evening.course("AI+图片设计", [])
    evening.enroll(course, "王芳")
    with evening.store.read() as s:
        progress = course_progress(s, course, evening.now)
    assert (progress.planned, progress.held, progress.last_ends_at) == (0, 0, None)
    assert not progress.over and not progress.complete
    row = evening.by_name(course)["王芳"]
    assert (row.planned, row.held, row.needs, row.course_complete) == (0, 0, 0, False)
    assert [r.code for r in row.reasons] == [ReasonCode.NO_LESSONS_HELD]


def test_only_the_courses_own_lessons_are_planned(evening: Evening) -> None:
    """李强 is on both courses; the office course's lessons say nothing of design's."""
    evening.people("李强")
    office = evening.course("办公软件", [-3, -2, -1, 1, 2, 3])
    design = evening.course("AI+图片设计", [-2, -1, 1])
    evening.enroll(office, "李强")
    evening.enroll(design, "李强")
    with evening.store.read() as s:
        progress = course_progress(s, design, evening.now)
    assert (progress.course_id, progress.at) == (design, evening.now)
    assert (progress.planned, progress.held, progress.remaining) == (3, 2, 1)


def test_finished_reopened_and_finished_again_is_finished(evening: Evening) -> None:
    """The admin marks the course finished, takes it back, then marks it again:
    the latest mark stands, with its own time. The other course is not marked."""
    evening.people("李强")
    office = evening.course("办公软件", [-3, -2, 1])
    design = evening.course("AI+图片设计", [-2, -1, 1, 2])
    first, later = evening.now - dt.timedelta(hours=2), evening.now - dt.timedelta(hours=1)
    with evening.store.write() as s:
        mark_finished(s, design, ADMIN, first)
        reopen(s, design, ADMIN, first)
        mark_finished(s, design, ADMIN, later)
    with evening.store.read() as s:
        assert finished_marks(s, [design, office]) == {design: later}
        assert finished_marks(s, [office]) == {}  # asked of the office course alone
        assert finished_marks(s, []) == {}
        progress = course_progress(s, design, evening.now)
        assert progress.complete and not progress.over and progress.finished_at == later
        trail = s.execute(select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.after)
                          .where(AuditEvent.action.in_((COURSE_FINISHED, COURSE_REOPENED)))
                          .order_by(AuditEvent.id)).all()
    assert [(a, e) for a, e, _ in trail] == [
        (COURSE_FINISHED, design), (COURSE_REOPENED, design), (COURSE_FINISHED, design)]
    assert json.loads(trail[0][2]) == {"held": 2, "planned": 4}
    assert evening.by_name(design) == {}  # nobody enrolled on design
    evening.enroll(design, "李强")
    assert evening.by_name(design)["李强"].course_complete


@pytest.mark.parametrize(("weeks", "code"), [
    ([1, 2], "course_finish_nothing_held"),  # not one lesson held yet
    ([-2, -1], "course_already_finished"),  # its last lesson is over
])
def test_marking_finished_is_refused(evening: Evening, weeks: list[int], code: str) -> None:
    course = evening.course("AI+图片设计", weeks)
    with pytest.raises(DomainError) as refused, evening.store.write() as s:
        mark_finished(s, course, ADMIN, evening.now)
    assert (refused.value.code, refused.value.details) == (code, {"course": _code(evening, course)})
    with evening.store.read() as s:
        assert finished_marks(s, [course]) == {}


def test_marking_finished_after_one_lesson_held(evening: Evening) -> None:
    course = evening.course("AI+图片设计", [-1, 1, 2])
    with evening.store.write() as s:
        mark_finished(s, course, ADMIN, evening.now)
        assert course_progress(s, course, evening.now).complete


def test_reopening_is_refused_while_certificates_rest_on_the_mark(evening: Evening) -> None:
    """A certificate issued on the mark (even in the same second) keeps the course
    finished; a revoked one, one issued on an exception, one issued before the
    mark and one on another course do not."""
    evening.people("王芳", "李强", "赵敏", "陈静")
    design = evening.course("AI+图片设计", [-2, -1, 1, 2])
    office = evening.course("办公软件", [-3, -2])
    marked = evening.now - dt.timedelta(hours=1)
    with evening.store.write() as s:
        mark_finished(s, design, ADMIN, marked)
    ids = evening.enroll(design, "王芳", "李强", "赵敏", "陈静")
    other = evening.enroll(office, "王芳")["王芳"]
    _certificate(evening.store, ids["李强"], "SB-2026-0001", marked, revoked_at=evening.now)
    _certificate(evening.store, ids["赵敏"], "SB-2026-0002", marked, exception="出国")
    _certificate(evening.store, ids["陈静"], "SB-2026-0003", marked - dt.timedelta(seconds=1))
    _certificate(evening.store, other, "SB-2026-0004", marked)
    with evening.store.write() as s:
        reopen(s, design, ADMIN, evening.now)
        mark_finished(s, design, ADMIN, marked)
    _certificate(evening.store, ids["王芳"], "SB-2026-0005", marked)
    with pytest.raises(DomainError) as refused, evening.store.write() as s:
        reopen(s, design, ADMIN, evening.now)
    assert refused.value.code == "course_reopen_certificates_issued"
    assert refused.value.details == {"course": _code(evening, design), "count": 1}


def test_a_course_reopened_at_two_desks_at_once_is_simply_reopened(evening: Evening) -> None:
    """Two admins take back the same mark in the same moment: two reopenings on
    the trail, and the course runs on."""
    evening.people("王芳")
    design = evening.course("AI+图片设计", [-2, -1, 1])
    evening.enroll(design, "王芳")
    with evening.store.write() as s:
        mark_finished(s, design, ADMIN, evening.now)
        reopen(s, design, ADMIN, evening.now)
        audit.record(s, ADMIN, COURSE_REOPENED, evening.now, entity="course", entity_id=design)
    with evening.store.read() as s:
        assert finished_marks(s, [design]) == {}
    assert not evening.by_name(design)["王芳"].course_complete


def test_reopening_a_course_never_marked_is_refused(evening: Evening) -> None:
    design = evening.course("AI+图片设计", [-2, -1, 1])
    with pytest.raises(DomainError) as refused, evening.store.write() as s:
        reopen(s, design, ADMIN, evening.now)
    assert (refused.value.code, refused.value.details) == (
        "course_not_marked_finished", {"course": _code(evening, design)})


def _code(evening: Evening, course_id: int) -> str:
    with evening.store.read() as s:
        return s.get(Course, course_id).code  # type: ignore[union-attr]


def test_only_an_admin_marks_reopens_and_excepts(evening: Evening) -> None:
    """A desk clerk can do none of it, whatever the course's state; nothing is recorded."""
    desk = Actor(desk="前台2", staff_id=None, role=StaffRole.DESK)
    evening.people("李强")
    course = evening.course("AI+图片设计", [-2, -1, 1])
    eid = evening.enroll(course, "李强")["李强"]
    with evening.store.write() as s:
        mark_finished(s, course, ADMIN, evening.now)
        grant_exception(s, eid, "搬家", ADMIN, evening.now)
    attempts = [
        (lambda s: mark_finished(s, course, desk, evening.now), "course.finish"),
        (lambda s: reopen(s, course, desk, evening.now), "course.finish"),
        (lambda s: grant_exception(s, eid, "搬家", desk, evening.now), "certificate.exception"),
        (lambda s: clear_exception(s, eid, desk, evening.now), "certificate.exception"),
    ]
    for attempt, action in attempts:
        with pytest.raises(DomainError) as refused, evening.store.write() as s:
            attempt(s)
        assert (refused.value.code, refused.value.details["action"]) == ("role_forbidden",
                                                                         action)
    with evening.store.read() as s:
        assert s.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.desk == "前台2")) == 0
