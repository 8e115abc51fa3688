"""Check-in at the desk: every outcome, the corrections, and two desks racing."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import event, select

from frontdesk.checkin import scan as checkin_module
from frontdesk.checkin.attendance import (
    close_ended_lessons,
    close_lesson,
    mark_excused,
    record_paper_checkins,
    undo_last,
    void_attendance,
)
from frontdesk.checkin.scan import (
    CheckInContext,
    Outcome,
    check_in,
    check_in_learner,
    enroll_and_check_in,
    fingerprint,
)
from frontdesk.checkin.tokens import TokenProblem, reissue_card
from frontdesk.checkin.tonight import (
    LessonSummary,
    lesson_roll,
    recent_scans,
    signin_sheet,
    tonight,
)
from frontdesk.errors import DomainError
from frontdesk.roster.learners import get_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import open_store
from frontdesk.store.models import Attendance, Enrollment, LedgerEntry, ScanLog, Staff
from frontdesk.vocab import (
    AttendanceStatus,
    CheckInMethod,
    EnrollmentStatus,
    LedgerKind,
    PaymentMethod,
    StaffRole,
)
from tests.domain.checkin_fixtures import (
    DESK,
    FEE,
    SHENZHEN,
    Evening,
    counts,
    live_rows,
    local,
    make_evening,
    scan,
)


@pytest.fixture
def evening(store, now) -> Evening:
    return make_evening(store, now)


def _refused_wrote_only_a_log(before: dict[str, int], after: dict[str, int]) -> bool:
    return after == {**before, "scan_log": before["scan_log"] + 1}


# The scan path ---------------------------------------------------------------------


def test_scan_checks_in_to_the_open_lesson_with_everything_the_window_shows(store, evening):
    result = scan(store, evening.token("王芳"), local(19, 5))
    assert result.outcome is Outcome.CHECKED_IN
    assert (result.learner_name, result.learner_code) == ("王芳", evening.codes["王芳"])
    assert result.lesson is not None
    assert (result.lesson.course_title, result.lesson.room) == ("AI+营销获客", "A101")
    assert result.lesson.starts_at == local(19)
    assert result.status is AttendanceStatus.PRESENT and result.at == local(19, 5)
    [row] = live_rows(store, evening.learners["王芳"])
    assert (row.id, row.lesson_id, row.status) == (result.attendance_id, evening.lessons["A"],
                                                   AttendanceStatus.PRESENT)
    assert (row.desk, row.method, row.at, row.staff_id) == ("前台1", CheckInMethod.SCANNER,
                                                            local(19, 5), None)


def test_staff_and_desk_are_recorded(store, evening, now):
    with store.write() as s:
        staff = Staff(username="xiaoli", display_name="小李", role=StaffRole.DESK,
                      password_hash="-", created_at=now)
        s.add(staff)
        s.flush()
        staff_id = staff.id
    result = scan(store, evening.token("王芳"), local(19, 5), Actor(desk="东门", staff_id=staff_id))
    with store.read() as s:
        row = s.get(Attendance, result.attendance_id)
        assert row is not None and (row.desk, row.staff_id) == ("东门", staff_id)


@pytest.mark.parametrize(("minute", "outcome", "late_by"), [
    (10, Outcome.CHECKED_IN, 0), (11, Outcome.LATE, 11), (45, Outcome.LATE, 45)])
def test_late_after_the_grace(store, evening, minute, outcome, late_by):
    result = scan(store, evening.token("王芳"), local(19, minute))
    assert result.outcome is outcome
    assert result.minutes_late == late_by
    expected = AttendanceStatus.LATE if late_by else AttendanceStatus.PRESENT
    assert live_rows(store, evening.learners["王芳"])[0].status is expected


def test_check_in_opens_45_minutes_before_the_start(store, evening):
    early = scan(store, evening.token("王芳"), local(18, 14))
    assert early.outcome is Outcome.NO_LESSON_NOW
    assert early.lesson is not None and early.lesson.lesson_id == evening.lessons["A"]
    assert scan(store, evening.token("王芳"), local(18, 15)).outcome is Outcome.CHECKED_IN


def test_a_scanned_card_survives_case_full_width_and_whitespace(store, evening):
    token = evening.token("王芳")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in token.lower())
    result = scan(store, f"\u3000 {full_width}\r\n", local(19, 1))
    assert result.outcome is Outcome.CHECKED_IN
    assert result.scan == token


def test_second_scan_is_already_checked_in_with_the_first_time(store, evening):
    first = scan(store, evening.token("王芳"), local(19, 2))
    before = counts(store)
    again = scan(store, evening.token("王芳"), local(19, 3))
    assert again.outcome is Outcome.ALREADY_CHECKED_IN
    assert (again.at, again.attendance_id) == (local(19, 2), first.attendance_id)
    assert not again.refused  # the learner is in
    assert _refused_wrote_only_a_log(before, counts(store))


def test_no_lesson_now_names_the_next_one(store, evening):
    result = scan(store, evening.token("王芳"), local(21, 1))
    assert result.outcome is Outcome.NO_LESSON_NOW and result.refused
    assert result.lesson is not None
    assert (result.lesson.lesson_id, result.lesson.course_title) == (
        evening.lessons["A_next"], "AI+营销获客")
    assert result.lesson.starts_at == local(19, day=8)


def test_waitlisted_without_a_seat(store, evening):
    before = counts(store)
    result = scan(store, evening.token("刘敏"), local(19, 35))
    assert result.outcome is Outcome.WAITLISTED
    assert result.lesson is not None and result.lesson.course_title == "新媒体运营"
    assert (result.can_enroll_now, result.waitlist_position) == (False, 1)
    assert _refused_wrote_only_a_log(before, counts(store))
    with pytest.raises(DomainError) as err, store.write() as s:
        enroll_and_check_in(s, evening.learners["刘敏"], evening.lessons["C"], local(19, 36), DESK)
    assert err.value.code == "no_free_seat"
    assert counts(store) == {**before, "scan_log": before["scan_log"] + 1}


def test_waitlisted_with_a_seat_can_enroll_and_check_in(store, evening):
    result = scan(store, evening.token("赵涛"), local(19, 5))
    assert result.outcome is Outcome.WAITLISTED and result.can_enroll_now
    assert result.lesson is not None
    with store.write() as s:
        done = enroll_and_check_in(s, result.learner_id, result.lesson.lesson_id, local(19, 6),
                                   DESK)
    assert done.outcome is Outcome.CHECKED_IN
    with store.read() as s:
        enrollment = s.scalars(select(Enrollment).where(
            Enrollment.learner_id == evening.learners["赵涛"])).one()
        assert enrollment.status is EnrollmentStatus.ENROLLED
    assert scan(store, evening.token("赵涛"), local(19, 7)).outcome is Outcome.ALREADY_CHECKED_IN


def test_enroll_and_check_in_needs_a_waitlisted_learner(store, evening):
    with pytest.raises(DomainError) as err, store.write() as s:
        enroll_and_check_in(s, evening.learners["王芳"], evening.lessons["A"], local(19, 6), DESK)
    assert err.value.code == "not_waitlisted"


def test_fee_due_is_checked_in_all_the_same(store, evening):
    result = scan(store, evening.token("张伟"), local(19, 20))
    assert result.outcome is Outcome.FEE_DUE and result.recorded
    assert result.balance_fen == FEE
    assert result.status is AttendanceStatus.LATE  # the window can say both
    assert len(live_rows(store, evening.learners["张伟"])) == 1


def test_paid_learner_is_plainly_checked_in(store, evening, now):
    with store.write() as s:
        enrollment = s.scalars(select(Enrollment).where(
            Enrollment.learner_id == evening.learners["张伟"])).one()
        s.add(LedgerEntry(learner_id=enrollment.learner_id, enrollment_id=enrollment.id,
                          kind=LedgerKind.PAYMENT, amount_fen=FEE, method=PaymentMethod.CASH,
                          at=now, business_date=now.date(), desk="前台1"))
    result = scan(store, evening.token("张伟"), local(19, 2))
    assert (result.outcome, result.balance_fen) == (Outcome.CHECKED_IN, 0)


def test_what_is_owed_is_read_as_the_ledger_says(store, evening, now):
    """Read with the open lessons, the amount owed is the fees' own balance:
    payments, a refund, a waiver and a signed correction all count."""
    from frontdesk.fees.balances import balance

    with store.write() as s:
        enrollment = s.scalars(select(Enrollment).where(
            Enrollment.learner_id == evening.learners["张伟"])).one()
        for kind, amount, method in (
                (LedgerKind.PAYMENT, 12_000, PaymentMethod.CASH),
                (LedgerKind.PAYMENT, 3_000, PaymentMethod.WECHAT),
                (LedgerKind.REFUND, 2_000, PaymentMethod.CASH),
                (LedgerKind.WAIVER, 5_000, None),
                (LedgerKind.ADJUSTMENT, -700, None)):
            s.add(LedgerEntry(learner_id=enrollment.learner_id, enrollment_id=enrollment.id,
                              kind=kind, amount_fen=amount, method=method, at=now,
                              business_date=now.date(), desk="前台1"))
        s.flush()
        owed = balance(s, enrollment.id).balance_fen
    assert owed == FEE - 12_000 - 3_000 + 2_000 - 5_000 + 700
    result = scan(store, evening.token("张伟"), local(19, 2))
    assert (result.outcome, result.balance_fen) == (Outcome.FEE_DUE, owed)


def test_two_lessons_at_once_ask_which(store, evening):
    before = counts(store)
    asked = scan(store, evening.token("李强"), local(19, 1))
    assert asked.outcome is Outcome.CHOOSE_LESSON
    assert {c.course_title for c in asked.candidates} == {"AI+营销获客", "AI+图片设计"}
    assert _refused_wrote_only_a_log(before, counts(store))
    chosen = scan(store, evening.token("李强"), local(19, 2), choose_lesson_id=evening.lessons["B"])
    assert chosen.outcome is Outcome.FEE_DUE
    assert chosen.lesson is not None and chosen.lesson.course_title == "AI+图片设计"
    # A repeat scan does not put them in the other room at the same time.
    again = scan(store, evening.token("李强"), local(19, 3))
    assert again.outcome is Outcome.ALREADY_CHECKED_IN
    assert again.lesson is not None and again.lesson.lesson_id == evening.lessons["B"]


def test_staying_on_for_the_evening_lesson_after_an_afternoon_one(store, evening):
    afternoon = scan(store, evening.token("孙艳"), local(14, 0))
    assert afternoon.lesson is not None and afternoon.lesson.course_title == "办公软件应用"
    evening_lesson = scan(store, evening.token("孙艳"), local(18, 20))  # both open now
    assert evening_lesson.outcome is Outcome.CHECKED_IN
    assert evening_lesson.lesson is not None
    assert evening_lesson.lesson.course_title == "AI+营销获客"


def test_pinned_desk_takes_its_own_lesson_without_asking(store, evening):
    result = scan(store, evening.token("李强"), local(19, 1), desk_lesson_id=evening.lessons["A"])
    assert result.outcome is Outcome.CHECKED_IN
    assert result.lesson is not None and result.lesson.lesson_id == evening.lessons["A"]


def test_pinned_desk_sends_a_learner_of_another_course_on(store, evening):
    before = counts(store)
    result = scan(store, evening.token("陈静"), local(19, 5), desk_lesson_id=evening.lessons["A"])
    assert result.outcome is Outcome.OTHER_COURSE_TONIGHT
    assert result.lesson is not None
    assert (result.lesson.course_title, result.lesson.room) == ("新媒体运营", "C303")
    assert _refused_wrote_only_a_log(before, counts(store))
    later = scan(store, evening.token("陈静"), local(18, 0), desk_lesson_id=evening.lessons["A"])
    assert later.outcome is Outcome.OTHER_COURSE_TONIGHT  # not open yet, but tonight


def test_card_replaced_names_the_date_and_the_new_card_works(store, evening, now):
    with store.write() as s:
        done = reissue_card(s, evening.learners["王芳"], DESK, local(10, 0))
    assert done.card_version == 2 and done.token == evening.token("王芳", 2)
    before = counts(store)
    old = scan(store, evening.token("王芳"), local(19, 1))
    assert old.outcome is Outcome.CARD_REPLACED
    assert old.replaced_on == dt.date(2026, 12, 1) and old.replaced_at == local(10, 0)
    assert old.card_version == 1
    assert _refused_wrote_only_a_log(before, counts(store))
    assert scan(store, done.token, local(19, 2)).outcome is Outcome.CHECKED_IN
    with store.read() as s:
        assert get_learner(s, evening.learners["王芳"]).card_version == 2


def test_a_new_card_secret_replaces_every_card(store, evening, now):
    from frontdesk.checkin.tokens import learner_card, rotate_card_secret
    from frontdesk.settings import school_secret
    from frontdesk.store.models import AuditEvent
    from frontdesk.vocab import StaffRole

    with pytest.raises(DomainError) as refused, store.write() as s:
        rotate_card_secret(s, Actor(desk="前台1", role=StaffRole.DESK), local(10, 0))
    assert refused.value.code == "role_forbidden"
    admin = Actor(desk="前台1", role=StaffRole.ADMIN)
    with store.write() as s:
        assert rotate_card_secret(s, admin, local(10, 0)) == len(evening.learners)
        new_secret = school_secret(s)
        new_card = learner_card(s, new_secret, evening.learners["王芳"])
        actions = list(s.scalars(select(AuditEvent.action)))
    assert new_secret != evening.secret and "cards.rotate_secret" in actions
    old = scan(store, evening.token("王芳"), local(19, 1))
    assert old.outcome is Outcome.CARD_REPLACED and old.replaced_at == local(10, 0)
    assert scan(store, new_card.token, local(19, 2)).outcome is Outcome.CHECKED_IN
    # a card forged with neither secret is still not ours
    from frontdesk.checkin.tokens import make_token

    forged = scan(store, make_token(b"x" * 32, evening.codes["李强"], 2), local(19, 3))
    assert forged.outcome is Outcome.NOT_OUR_CODE


@pytest.mark.parametrize(("text", "problem"), [
    ("hello", TokenProblem.FOREIGN),
    ("https://weixin.qq.com/x", TokenProblem.FOREIGN),
    ("", TokenProblem.EMPTY),
    ("F1ABC", TokenProblem.MALFORMED),
    ("F2" + "A" * 25, TokenProblem.UNSUPPORTED),
])
def test_not_our_code(store, evening, text, problem):
    before = counts(store)
    result = scan(store, text, local(19, 1))
    assert (result.outcome, result.problem) == (Outcome.NOT_OUR_CODE, problem)
    assert result.learner_id is None
    assert _refused_wrote_only_a_log(before, counts(store))


def test_forged_and_foreign_school_tokens_are_refused(store, evening):
    from frontdesk.checkin.tokens import make_token

    genuine = evening.token("王芳")
    forged = genuine[:-1] + ("2" if genuine[-1] != "2" else "3")
    other_school = make_token(b"another school's secret", evening.codes["王芳"], 1)
    for text in (forged, other_school):
        result = scan(store, text, local(19, 1))
        assert (result.outcome, result.problem) == (Outcome.NOT_OUR_CODE,
                                                    TokenProblem.BAD_SIGNATURE)
    assert live_rows(store, evening.learners["王芳"]) == []


def test_unknown_learner_is_a_genuine_card_the_store_does_not_know(store, evening):
    from frontdesk.checkin.tokens import make_token

    result = scan(store, make_token(evening.secret, "ZZZZZZZ", 1), local(19, 1))
    assert (result.outcome, result.learner_code) == (Outcome.UNKNOWN_LEARNER, "ZZZZZZZ")
    newer = scan(store, evening.token("王芳", 5), local(19, 1))
    assert newer.outcome is Outcome.UNKNOWN_LEARNER


def test_anonymised_learner_is_unknown(store, evening, now):
    with store.write() as s:
        get_learner(s, evening.learners["王芳"]).anonymised_at = now
    assert scan(store, evening.token("王芳"), local(19, 1)).outcome is Outcome.UNKNOWN_LEARNER


def test_certificate_code_is_handed_on(store, evening):
    result = scan(store, " c1abcdef234567 ", local(19, 1))
    assert (result.outcome, result.scan) == (Outcome.CERTIFICATE, "C1ABCDEF234567")
    assert result.refused


def test_refused_scans_are_logged_with_what_was_read_and_why(store, evening):
    scan(store, "hello\x00world" + "x" * 300, local(19, 1))
    scan(store, evening.token("刘敏"), local(19, 40))
    with store.read() as s:
        logs = s.scalars(select(ScanLog).order_by(ScanLog.id)).all()
    assert [log.outcome for log in logs] == ["not_our_code:foreign", "waitlisted"]
    # A foreign code is kept as its fingerprint only: it may carry personal data.
    assert logs[0].raw == fingerprint(evening.secret, "hello\x00world" + "x" * 300)
    assert "hello" not in logs[0].raw and logs[0].raw.endswith("/311")
    assert (logs[1].learner_id, logs[1].desk, logs[1].at) == (
        evening.learners["刘敏"], "前台1", local(19, 40))


def test_a_context_loaded_once_serves_many_scans(store, evening):
    with store.write() as s:
        context = CheckInContext.load(s)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.write() as s:
            result = check_in(s, evening.token("王芳"), local(19, 1), DESK, context=context)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert result.outcome is Outcome.CHECKED_IN
    work = [q for q in statements if not q.startswith("BEGIN")]
    # one look-up (the learner, their open lessons, what they owe), the
    # insert, the audit chain's turn with its tip (SQLite), the audit row;
    # no savepoint: the insert itself steps aside for another desk's row
    assert len(work) == 4, work
    assert not any(q.startswith(("SAVEPOINT", "RELEASE")) for q in work)
    assert not any("setting" in q for q in statements)


# Manual check-in --------------------------------------------------------------------


def test_manual_check_in_shares_the_rules_and_records_the_method(store, evening):
    with store.write() as s:
        result = check_in_learner(s, evening.learners["王芳"], local(19, 12), DESK)
    assert (result.outcome, result.method) == (Outcome.LATE, CheckInMethod.MANUAL)
    assert live_rows(store, evening.learners["王芳"])[0].method is CheckInMethod.MANUAL
    with store.write() as s:
        asked = check_in_learner(s, evening.learners["李强"], local(19, 1), DESK)
        assert asked.outcome is Outcome.CHOOSE_LESSON
        chosen = check_in_learner(s, evening.learners["李强"], local(19, 1), DESK,
                                  lesson_id=evening.lessons["A"])
    assert chosen.outcome is Outcome.CHECKED_IN


def test_manual_refusal_is_logged_too(store, evening):
    before = counts(store)
    with store.write() as s:
        result = check_in_learner(s, evening.learners["王芳"], local(22, 0), DESK)
        missing = check_in_learner(s, 999_999, local(19, 0), DESK)
    assert result.outcome is Outcome.NO_LESSON_NOW
    assert missing.outcome is Outcome.UNKNOWN_LEARNER
    assert counts(store) == {**before, "scan_log": before["scan_log"] + 2}


# Excused, absent, voids, undo, paper -------------------------------------------------


def test_excused_beforehand_then_arrives_anyway(store, evening):
    with store.write() as s:
        excused = mark_excused(s, evening.learners["王芳"], evening.lessons["A"], DESK,
                               local(12, 0), "加班")
    with pytest.raises(DomainError) as err, store.write() as s:
        mark_excused(s, evening.learners["王芳"], evening.lessons["A"], DESK, local(12, 1))
    assert err.value.code == "already_excused"
    result = scan(store, evening.token("王芳"), local(19, 20))
    assert result.outcome is Outcome.LATE
    [row] = live_rows(store, evening.learners["王芳"])
    assert row.status is AttendanceStatus.LATE
    with store.read() as s:
        old = s.get(Attendance, excused)
        assert old is not None and old.void_reason == "arrived"


def test_excuse_is_refused_for_someone_already_in_or_not_on_the_course(store, evening):
    scan(store, evening.token("王芳"), local(19, 1))
    for name, code in (("王芳", "already_checked_in"), ("张伟", "not_enrolled")):
        with pytest.raises(DomainError) as err, store.write() as s:
            mark_excused(s, evening.learners[name], evening.lessons["A"], DESK, local(19, 2))
        assert err.value.code == code


def test_closing_a_lesson_marks_the_missing_absent_once(store, evening):
    scan(store, evening.token("王芳"), local(19, 1))
    with store.write() as s:
        mark_excused(s, evening.learners["孙艳"], evening.lessons["A"], DESK, local(12, 0))
    with pytest.raises(DomainError) as err, store.write() as s:
        close_lesson(s, evening.lessons["A"], DESK, local(20, 59))
    assert err.value.code == "lesson_not_over"
    with store.write() as s:
        closed = close_lesson(s, evening.lessons["A"], DESK, local(21, 0))
    assert (closed.absent, closed.first_close) == (1, True)  # 李强 only
    with store.read() as s:
        roll = {r.name: r.status for r in lesson_roll(s, evening.lessons["A"])}
    assert roll == {"王芳": AttendanceStatus.PRESENT, "孙艳": AttendanceStatus.EXCUSED,
                    "李强": AttendanceStatus.ABSENT}
    with store.write() as s:
        again = close_lesson(s, evening.lessons["A"], DESK, local(21, 5))
    assert (again.absent, again.first_close) == (0, False)


def test_the_timer_closes_every_lesson_that_ended(store, evening):
    with store.write() as s:
        closed = close_ended_lessons(s, DESK, local(21, 10))
    assert {c.lesson_id for c in closed} == {evening.lessons[k] for k in "ABDE"}
    with store.write() as s:
        assert close_ended_lessons(s, DESK, local(21, 11)) == []
        assert [c.lesson_id for c in close_ended_lessons(s, DESK, local(21, 40))] == [
            evening.lessons["C"]]


def test_void_keeps_the_row_and_frees_the_learner_to_check_in(store, evening):
    first = scan(store, evening.token("王芳"), local(19, 1))
    assert first.attendance_id is not None
    for reason, code in (("  ", "void_reason_required"),):
        with pytest.raises(DomainError) as err, store.write() as s:
            void_attendance(s, first.attendance_id, reason, DESK, local(19, 2))
        assert err.value.code == code
    with store.write() as s:
        voided = void_attendance(s, first.attendance_id, "scanned the wrong card", DESK,
                                 local(19, 2))
    assert (voided.learner_name, voided.status) == ("王芳", AttendanceStatus.PRESENT)
    with pytest.raises(DomainError) as err, store.write() as s:
        void_attendance(s, first.attendance_id, "again", DESK, local(19, 3))
    assert err.value.code == "attendance_already_voided"
    with store.read() as s:
        row = s.get(Attendance, first.attendance_id)
        assert row is not None
        assert (row.voided_at, row.void_reason) == (local(19, 2), "scanned the wrong card")
    assert scan(store, evening.token("王芳"), local(19, 4)).outcome is Outcome.CHECKED_IN


def test_undo_voids_this_desks_last_check_in_within_two_minutes(store, evening):
    other_desk = Actor(desk="东门")
    scan(store, evening.token("王芳"), local(19, 1))
    scan(store, evening.token("陈静"), local(19, 2), other_desk)
    with store.write() as s:
        undone = undo_last(s, DESK, local(19, 2, ))
    assert undone.learner_name == "王芳"
    assert live_rows(store, evening.learners["陈静"]) != []
    with pytest.raises(DomainError) as err, store.write() as s:
        undo_last(s, DESK, local(19, 2))
    assert err.value.code == "nothing_to_undo"
    with pytest.raises(DomainError) as err, store.write() as s:
        undo_last(s, other_desk, local(19, 5))  # too late
    assert err.value.code == "nothing_to_undo"


def test_paper_sheet_entered_afterwards_with_real_times(store, evening):
    with store.write() as s:
        close_lesson(s, evening.lessons["A"], DESK, local(21, 0))  # all absent
        result = record_paper_checkins(
            s, evening.lessons["A"],
            [(evening.learners["王芳"], local(18, 55)), (evening.learners["李强"], local(19, 25))],
            DESK, local(21, 30))
    assert len(result.recorded) == 2 and result.already == []
    with store.read() as s:
        rows = {r.name: (r.status, r.at, r.method) for r in lesson_roll(s, evening.lessons["A"])}
    assert rows["王芳"] == (AttendanceStatus.PRESENT, local(18, 55), CheckInMethod.PAPER)
    assert rows["李强"] == (AttendanceStatus.LATE, local(19, 25), CheckInMethod.PAPER)
    assert rows["孙艳"][0] is AttendanceStatus.ABSENT


def test_paper_leaves_a_scanned_learner_as_they_were(store, evening):
    scanned = scan(store, evening.token("王芳"), local(19, 1))
    with store.write() as s:
        result = record_paper_checkins(
            s, evening.lessons["A"],
            [(evening.learners["王芳"], local(19, 30)), (evening.learners["王芳"], local(19, 31))],
            DESK, local(21, 30))
    assert (result.recorded, result.already) == ([], [evening.learners["王芳"]])
    [row] = live_rows(store, evening.learners["王芳"])
    assert (row.id, row.method) == (scanned.attendance_id, CheckInMethod.SCANNER)


@pytest.mark.parametrize(("who", "when", "code"), [
    ("张伟", (19, 0), "not_enrolled"),
    ("王芳", (21, 31), "paper_time_in_future"),
    ("王芳", (17, 0), "paper_time_outside_lesson"),
])
def test_a_wrong_line_refuses_the_whole_paper_sheet(store, evening, who, when, code):
    before = counts(store)
    with pytest.raises(DomainError) as err, store.write() as s:
        record_paper_checkins(
            s, evening.lessons["A"],
            [(evening.learners["孙艳"], local(19, 0)), (evening.learners[who], local(*when))],
            DESK, local(21, 30))
    assert err.value.code == code
    assert counts(store) == before


# The panel ----------------------------------------------------------------------------


def test_tonight_counts_every_lesson_in_three_queries(store, evening):
    scan(store, evening.token("王芳"), local(19, 1))
    scan(store, evening.token("孙艳"), local(19, 30))
    scan(store, evening.token("陈静"), local(19, 31))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.read() as s:
            lessons = tonight(s, local(19, 35), SHENZHEN)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    # the lessons, the seats on their courses, their rows: however many lessons
    assert len([q for q in statements if q.startswith("SELECT")]) == 3
    by_course = {x.course_title: x for x in lessons}
    assert set(by_course) == {"AI+营销获客", "AI+图片设计", "新媒体运营", "AI+珠宝设计",
                              "办公软件应用"}  # not next week's
    a = by_course["AI+营销获客"]
    assert (a.present, a.late, a.enrolled, a.capacity, a.room) == (1, 1, 3, 5, "A101")
    c = by_course["新媒体运营"]
    assert (c.present, c.enrolled, c.waitlisted, c.capacity) == (1, 1, 1, 1)
    assert a.is_open(local(19, 35), dt.timedelta(minutes=45))
    assert not by_course["办公软件应用"].is_open(local(19, 35), dt.timedelta(minutes=45))


def test_a_lesson_counts_a_check_in_from_its_answer_as_a_re_read_would(store, evening):
    def day(at: dt.datetime) -> dict[int, LessonSummary]:
        with store.read() as s:
            return {x.lesson_id: x for x in tonight(s, at, SHENZHEN)}

    shown = day(local(19, 0))
    for text, at in ((evening.token("王芳"), local(19, 1)), (evening.token("孙艳"), local(19, 30)),
                     (evening.token("王芳"), local(19, 31)), ("nonsense", local(19, 32)),
                     (evening.token("吴军"), local(19, 33))):
        result = scan(store, text, at)
        shown = {lid: x.counting(result) for lid, x in shown.items()}
    assert shown == day(local(19, 35))
    a = shown[evening.lessons["A"]]
    assert (a.present, a.late) == (1, 1)  # 王芳 on time, 孙艳 late, 王芳 again: already
    assert shown[evening.lessons["D"]].late == 1


def test_recent_scans_mix_check_ins_and_refusals_newest_first(store, evening):
    ok = scan(store, evening.token("王芳"), local(19, 1))
    scan(store, "nonsense", local(19, 2))
    scan(store, evening.token("陈静"), local(19, 35), Actor(desk="东门"))
    with store.write() as s:
        void_attendance(s, ok.attendance_id or 0, "wrong card", DESK, local(19, 3))
    with store.read() as s:
        recent = recent_scans(s, "前台1", 10)
    assert [(r.outcome, r.learner_name, r.voided) for r in recent] == [
        (Outcome.NOT_OUR_CODE, "", False), (Outcome.CHECKED_IN, "王芳", True)]
    assert recent[0].raw == fingerprint(evening.secret, "nonsense")
    assert recent[0].problem is TokenProblem.FOREIGN
    assert recent[1].course_title == "AI+营销获客"


def test_sign_in_sheet_lists_the_seated_with_excuses(store, evening):
    with store.write() as s:
        mark_excused(s, evening.learners["孙艳"], evening.lessons["A"], DESK, local(12, 0))
    with store.read() as s:
        sheet = signin_sheet(s, evening.lessons["A"], SHENZHEN)
    assert sheet.course_title == "AI+营销获客" and sheet.room == "A101"
    assert sheet.starts_local.hour == 19 and sheet.starts_local.tzinfo is not None
    assert sorted(r.name for r in sheet.rows) == sorted(["王芳", "李强", "孙艳"])
    assert {r.name: r.status for r in sheet.rows}["孙艳"] is AttendanceStatus.EXCUSED


# Races ----------------------------------------------------------------------------------


def test_two_desks_scanning_the_same_learner_record_one_check_in(store, evening):
    path = store.sqlite_path
    assert path is not None
    desks = [open_store(path), open_store(path)]
    start = threading.Barrier(2)
    outcomes: list[Outcome] = []

    def desk(index: int) -> None:
        start.wait()
        with desks[index].write() as s:
            result = check_in(s, evening.token("王芳"), local(19, 1), Actor(desk=f"门{index}"))
        outcomes.append(result.outcome)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.dispose()
    assert sorted(outcomes) == sorted([Outcome.CHECKED_IN, Outcome.ALREADY_CHECKED_IN])
    assert len(live_rows(store, evening.learners["王芳"])) == 1


def test_a_lost_race_at_the_insert_is_already_checked_in(store, evening, monkeypatch):
    """The store's unique index decides when the look-up missed the other desk's row."""
    from frontdesk.store.models import AuditEvent

    first = scan(store, evening.token("王芳"), local(19, 1))
    real = checkin_module.arrival
    looked: list[int] = []

    def stale(*args, **kw):  # type: ignore[no-untyped-def]
        holder, found = real(*args, **kw)
        for o in found:  # as if read before the other desk committed
            o.live_id = o.live_status = o.live_at = None
        looked.append(len(found))
        return holder, found

    monkeypatch.setattr(checkin_module, "arrival", stale)
    with store.write() as s:
        result = check_in(s, evening.token("王芳"), local(19, 2), DESK)
        assert looked == [1]  # the stale look-up was the one used
        assert result.outcome is Outcome.ALREADY_CHECKED_IN
        assert (result.attendance_id, result.at) == (first.attendance_id, local(19, 1))
        s.execute(select(1))  # the transaction is still usable
    assert len(live_rows(store, evening.learners["王芳"])) == 1
    with store.read() as s:  # the lost attempt wrote no audit event either
        assert len(s.scalars(select(AuditEvent).where(
            AuditEvent.action == "attendance.checkin")).all()) == 1



def test_a_check_in_is_in_the_audit_trail(store, evening):
    from frontdesk.store.models import AuditEvent

    result = scan(store, evening.token("王芳"), local(19, 5))
    with store.read() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "attendance.checkin")).all()
    assert [(e.entity_id, e.learner_id, e.desk) for e in events] == [
        (result.attendance_id, evening.learners["王芳"], DESK.desk)]
