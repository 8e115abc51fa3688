"""The rules at the edges where a wrong version would go unnoticed.

Each test is a case a school would describe. The school here is built so that
no id coincides with another: learners are added before any enrollment, one
learner sits on two courses, another on a course that is not the one judged.
A rule that looked a balance or an exception up under the learner's id
instead of the enrollment's would find someone else's (or nothing).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from frontdesk.certificates.completion import mark_finished
from frontdesk.certificates.eligibility import (
    MAX_REASON,
    EligibilityState,
    ReasonCode,
    clean_reason,
    counted,
    eligibility,
    grant_exception,
)
from frontdesk.checkin.tokens import (
    MAX_CARD_VERSION,
    CardReissue,
    TokenProblem,
    cards_for_course,
    cards_for_learners,
    learner_card,
    make_token,
    parse_token,
    reissue_card,
)
from frontdesk.errors import DomainError
from frontdesk.fees.balances import Balance, balance
from frontdesk.fees.ledger import Reason, adjust, refund, take_payment, waive
from frontdesk.fees.ledger import ReasonCode as Why
from frontdesk.money import fee_for, format_fen, parse_amount, parse_amount_or_zero
from frontdesk.privacy.personal_data import anonymise_learner
from frontdesk.roster.courses import CourseInput, add_course, add_lesson, get_course
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.settings import school_secret
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Attendance, AuditEvent, Enrollment, Learner, Lesson
from frontdesk.vocab import (
    AttendanceStatus,
    CheckInMethod,
    EnrollmentStatus,
    FeeTier,
    LedgerKind,
    StaffRole,
)

ADMIN = Actor(desk="前台1", staff_id=None, role=StaffRole.ADMIN)
FEE = 30_000  # ¥1,000 market price at 30%
P, L, E = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED


@dataclass
class Term:
    """Two courses that ran on the same Tuesday evenings.

    图片设计 (¥300): five lessons held, one cancelled, one still to come when
    the admin marked it finished (street office cut it short): needs 4 of 5.
    办公软件 (free, excused counts): five lessons held.
    """

    design: int
    office: int
    design_lessons: list[int]  # held, oldest first
    cancelled: int
    future: int
    office_lessons: list[int]
    learners: dict[str, int]
    design_enrollments: dict[str, int]
    office_enrollments: dict[str, int]


def _attend(s, learner_id: int, lessons: list[int], statuses: list[AttendanceStatus],  # type: ignore[no-untyped-def]
            now: dt.datetime) -> None:
    for lesson_id, status in zip(lessons, statuses, strict=False):
        s.add(Attendance(lesson_id=lesson_id, learner_id=learner_id, enrollment_id=None,
                         status=status, method=CheckInMethod.DESK, at=now, recorded_at=now,
                         desk="前台1"))


@pytest.fixture
def term(store: Store, now: dt.datetime) -> Term:
    names = ["张伟", "王芳", "李强", "赵敏", "陈静", "吴军", "孙艳"]
    with store.write() as s:
        # Last term's learners came first: this term's learner ids are all
        # larger than any enrollment id, so the two can never be confused.
        for i in range(20):
            add_learner(s, LearnerInput(name=f"往届学员{i}"), ADMIN, now)
        learners = {n: add_learner(s, LearnerInput(name=n), ADMIN, now).id for n in names}
        design = add_course(s, CourseInput("AI+图片设计", FeeTier.INCLUSIVE, capacity=30,
                                           market_price_fen=100_000, code="D101"), ADMIN, now)
        office = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=30,
                                           excused_counts=True, code="O202"), ADMIN, now)

        def lesson(course_id: int, week: int, hour: int) -> int:
            starts = now + dt.timedelta(days=7 * week, hours=hour)
            return add_lesson(s, course_id, starts, starts + dt.timedelta(hours=2),
                              ADMIN, now).id

        design_lessons = [lesson(design.id, w, -3) for w in range(-5, 0)]
        cancelled = lesson(design.id, -6, -3)
        future = lesson(design.id, 1, 0)
        office_lessons = [lesson(office.id, w, -5) for w in range(-5, 0)]
        s.get(Lesson, cancelled).cancelled = True  # type: ignore[union-attr]
        # The office course's learners enrolled first: no enrollment id
        # of the design course equals its learner's id.
        office_enrollments = {n: enroll(s, learners[n], office.id, 30, ADMIN, now).enrollment_id
                              for n in ("张伟", "李强")}
        design_enrollments = {n: enroll(s, learners[n], design.id, 30, ADMIN, now).enrollment_id
                              for n in ("王芳", "李强", "赵敏", "陈静", "吴军", "孙艳")}
        mark_finished(s, design.id, ADMIN, now)
    t = Term(design.id, office.id, design_lessons, cancelled, future, office_lessons,
             learners, design_enrollments, office_enrollments)
    every_enrollment = {*design_enrollments.values(), *office_enrollments.values()}
    assert not every_enrollment & set(learners.values())
    return t


def _rows(store: Store, course_id: int, now: dt.datetime) -> dict[str, object]:
    with store.read() as s:
        return {r.learner_name: r for r in eligibility(s, course_id, now)}


def test_each_learner_is_judged_on_their_own_enrollment(store: Store, now: dt.datetime,
                                                        term: Term) -> None:
    """王芳 paid and came: certificate. 赵敏 came late every week and still
    owes one fen: no certificate until that fen is paid. 李强 came to the
    office course every week but only three times to design: short, and only
    an exception (on his design enrollment) lets him through."""
    with store.write() as s:
        _attend(s, term.learners["王芳"], term.design_lessons, [P, P, P, P], now)
        _attend(s, term.learners["赵敏"], term.design_lessons, [L, L, L, L], now)
        _attend(s, term.learners["李强"], term.office_lessons, [P] * 5, now)
        # Present at the cancelled lesson and (wrongly, early) at the one to come:
        _attend(s, term.learners["李强"], [term.cancelled, term.future], [P, P], now)
        _attend(s, term.learners["李强"], term.design_lessons, [P, P, P], now)
        take_payment(s, term.design_enrollments["王芳"], FEE, "cash", ADMIN, now)
        take_payment(s, term.design_enrollments["赵敏"], FEE - 1, "cash", ADMIN, now)
        take_payment(s, term.design_enrollments["李强"], FEE, "cash", ADMIN, now)
    rows = _rows(store, term.design, now)
    wang, zhao, li, wu = rows["王芳"], rows["赵敏"], rows["李强"], rows["吴军"]
    assert (wang.held, wang.needs, wang.attended, wang.reasons) == (5, 4, 4, ())  # type: ignore[attr-defined]
    assert wang.state == EligibilityState.ELIGIBLE  # type: ignore[attr-defined]
    assert zhao.attended == 4  # type: ignore[attr-defined]
    assert [(r.code, r.values) for r in zhao.reasons] == [  # type: ignore[attr-defined]
        (ReasonCode.FEE_DUE, {"balance_fen": 1})]
    assert zhao.reasons[0].message_values()["amount"] == "¥0.01"  # type: ignore[attr-defined]
    assert not zhao.eligible  # type: ignore[attr-defined]
    assert li.attended == 3  # type: ignore[attr-defined]
    assert [(r.code, r.values) for r in li.reasons] == [  # type: ignore[attr-defined]
        (ReasonCode.ATTENDANCE_SHORT, {"attended": 3, "held": 5, "needs": 4})]
    # Nobody came and nobody paid: nothing counted, the whole fee owed.
    assert wu.attended == 0 and wu.excused == 0  # type: ignore[attr-defined]
    assert [(r.code, r.values) for r in wu.reasons] == [  # type: ignore[attr-defined]
        (ReasonCode.ATTENDANCE_SHORT, {"attended": 0, "held": 5, "needs": 4}),
        (ReasonCode.FEE_DUE, {"balance_fen": FEE})]

    with store.write() as s:
        grant_exception(s, term.design_enrollments["李强"], "搬家前提前完成", ADMIN, now)
    rows = _rows(store, term.design, now)
    assert rows["李强"].eligible and rows["李强"].exception_reason == "搬家前提前完成"  # type: ignore[attr-defined]
    assert rows["李强"].state == EligibilityState.ELIGIBLE  # type: ignore[attr-defined]
    assert not any(rows[n].exception_reason for n in rows if n != "李强")  # type: ignore[attr-defined]
    # His office course knows nothing of that exception.
    office = _rows(store, term.office, now)
    assert office["李强"].exception_reason is None  # type: ignore[attr-defined]


def test_attendance_counts_only_where_the_course_says(store: Store, now: dt.datetime,
                                                     term: Term) -> None:
    """On the office course excused absences count; someone who came every
    week and was never excused has exactly the five lessons held."""
    with store.write() as s:
        _attend(s, term.learners["张伟"], term.office_lessons, [P] * 5, now)
        _attend(s, term.learners["李强"], term.office_lessons, [L, L, E, E], now)
    office = _rows(store, term.office, now)
    assert office["张伟"].attended == 5 and office["张伟"].excused == 0  # type: ignore[attr-defined]
    assert office["李强"].attended == 4 and office["李强"].excused == 2  # type: ignore[attr-defined]
    with store.read() as s:
        course = get_course(s, term.office)
        assert counted({}, course) == 0
        assert counted({E: 2}, course) == 2
        design = get_course(s, term.design)
        assert counted({E: 2}, design) == 0
        assert counted({L: 1}, design) == 1


def test_withdrawn_with_an_old_exception_gets_no_certificate(store: Store, now: dt.datetime,
                                                            term: Term) -> None:
    with store.write() as s:
        _attend(s, term.learners["陈静"], term.design_lessons, [P] * 5, now)
        take_payment(s, term.design_enrollments["陈静"], FEE, "cash", ADMIN, now)
        grant_exception(s, term.design_enrollments["陈静"], "提前完成", ADMIN, now)
    assert _rows(store, term.design, now)["陈静"].eligible  # type: ignore[attr-defined]
    with store.write() as s:
        withdraw(s, term.design_enrollments["陈静"], ADMIN, now)
    row = _rows(store, term.design, now)["陈静"]
    assert row.exception_reason == "提前完成"  # type: ignore[attr-defined]
    assert [r.code for r in row.reasons] == [ReasonCode.WITHDRAWN]  # type: ignore[attr-defined]
    assert not row.eligible and row.state == EligibilityState.NOT_YET  # type: ignore[attr-defined]


def test_completed_enrollments_stay_on_the_list(store: Store, now: dt.datetime,
                                                term: Term) -> None:
    with store.write() as s:
        _attend(s, term.learners["孙艳"], term.design_lessons, [P] * 5, now)
        take_payment(s, term.design_enrollments["孙艳"], FEE, "cash", ADMIN, now)
        s.get(Enrollment, term.design_enrollments["孙艳"]).status = EnrollmentStatus.COMPLETED  # type: ignore[union-attr]
    row = _rows(store, term.design, now)["孙艳"]
    assert row.status is EnrollmentStatus.COMPLETED and row.eligible  # type: ignore[attr-defined]


def test_a_reason_of_exactly_200_characters(store: Store, now: dt.datetime) -> None:
    assert MAX_REASON == 200
    assert clean_reason("理" * 200) == "理" * 200
    with pytest.raises(DomainError) as refused:
        clean_reason("理" * 201)
    assert refused.value.code == "certificate_reason_too_long"
    assert refused.value.details == {"max": 200}


# Money ---------------------------------------------------------------------


@pytest.mark.parametrize(("market_fen", "pct", "fee"), [
    (99_900, 30, 30_000),  # ¥999 at 30% is ¥299.70: ¥300
    (100_500, 30, 30_200),  # ¥1,005 at 30% is exactly ¥301.50: half up, ¥302
    (100_498, 30, 30_100),  # ¥1,004.98 at 30% is ¥301.494: ¥301
    (104_999, 1, 1_000),  # ¥1,049.99 at 1% is ¥10.4999: ¥10
    (105_000, 1, 1_100),  # ¥1,050 at 1% is exactly ¥10.50: ¥11
    (99_999_999_999, 30, 30_000_000_000),  # ¥999,999,999.99 at 30%
    (100_000, 100, 100_000),
    (100_000, 0, 0),
])
def test_inclusive_fee_rounds_half_up_to_whole_yuan(market_fen: int, pct: int, fee: int) -> None:
    assert fee_for(FeeTier.INCLUSIVE, market_fen, pct) == fee


def test_free_course_costs_nothing_whatever_its_price() -> None:
    assert fee_for(FeeTier.FREE, 100_000, 30) == 0


@pytest.mark.parametrize(("fen", "shown"), [
    (0, "¥0.00"), (1, "¥0.01"), (-1, "-¥0.01"), (-1_250, "-¥12.50"), (99, "¥0.99"),
    (100, "¥1.00"), (123_456_789, "¥1,234,567.89"),
])
def test_amounts_as_printed(fen: int, shown: str) -> None:
    assert format_fen(fen) == shown
    assert format_fen(fen, symbol="") == shown.replace("¥", "")


@pytest.mark.parametrize(("typed", "fen"), [
    ("999999999", 99_999_999_900), ("999,999,999.99", 99_999_999_999),
    ("0000000001", 100), ("1.5", 150), ("1.05", 105), ("¥ 12 ", 1_200), (" 12 元", 1_200),
    ("¥12元", 1_200), ("0.01", 1),
])
def test_amount_pattern_limits(typed: str, fen: int) -> None:
    assert parse_amount(typed) == fen


@pytest.mark.parametrize(("typed", "code", "suggestion"), [
    ("1000000000", "amount_too_large", None),
    ("1,000,000,000", "amount_too_large", None),
    ("300.", "amount_did_you_mean", "300"),
    (".5", "amount_did_you_mean", "0.50"),
    ("7,50", "amount_did_you_mean", "7.50"),
    ("1 250", "amount_did_you_mean", "1,250"),
    ("1.250,50", "amount_did_you_mean", "1,250.50"),
    ("12,50,000", "amount_did_you_mean", "1,250,000"),
    ("1 000 000 000", "amount_bad_separator", None),
    ("1.999", "amount_too_many_decimals", None),
    ("-5", "amount_negative", None),
    ("−5", "amount_negative", None),
    ("0", "amount_zero", None),
    ("0.00", "amount_zero", None),
    ("", "amount_not_a_number", None),
    ("abc", "amount_not_a_number", None),
    ("١٢", "amount_did_you_mean", "12"),
    ("١٢x", "amount_foreign_digits", None),
    ("12X", "amount_not_a_number", None),
])
def test_amount_refusals_say_what_was_typed(typed: str, code: str,
                                            suggestion: str | None) -> None:
    with pytest.raises(DomainError) as refused:
        parse_amount(typed)
    assert refused.value.code == code
    assert refused.value.details["value"] == typed
    assert refused.value.details.get("suggestion") == suggestion


def test_an_empty_drawer_counts_as_zero() -> None:
    assert parse_amount_or_zero("0") == 0
    assert parse_amount_or_zero("¥0.00") == 0


# Balances and corrections ----------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_balance_query() -> None:
    """Build the (cached) balance query afresh in each test, so a mutation
    run sees every test here that depends on how it is built."""
    from frontdesk.fees import balances as module

    module._balances_query.cache_clear()


def test_one_fen_owed_is_not_settled() -> None:
    owes = Balance(fee_due_fen=FEE, paid_fen=FEE - 1, refunded_fen=0, waived_fen=0,
                   adjusted_fen=0)
    assert owes.balance_fen == 1 and not owes.settled
    square = Balance(FEE, FEE - 100, 0, 60, 40)
    assert square.balance_fen == 0 and square.settled
    credit = Balance(FEE, FEE, 0, 0, 1)
    assert credit.balance_fen == -1 and credit.settled


@pytest.fixture
def paid_up(store: Store, now: dt.datetime, term: Term) -> tuple[int, int]:
    """王芳 paid her ¥300 for the design course: (enrollment, payment entry)."""
    eid = term.design_enrollments["王芳"]
    with store.write() as s:
        payment = take_payment(s, eid, FEE, "cash", ADMIN, now)
    return eid, payment.entry_id


@contextmanager
def _refused(code: str) -> Iterator[Any]:
    """Refused with exactly this code."""
    with pytest.raises(DomainError) as caught:
        yield caught
    assert caught.value.code == code


def test_a_refund_made_in_error_is_corrected_back_once(store: Store, now: dt.datetime,
                                                       paid_up: tuple[int, int]) -> None:
    """¥100 refunded by mistake: a +¥100 correction takes it back, once."""
    eid, payment = paid_up
    with store.write() as s:
        back = refund(s, payment, 10_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        assert back.balance.balance_fen == 10_000
        with _refused("adjustment_out_of_range") as too_much:
            adjust(s, back.entry_id, 10_001, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        assert too_much.value.details["max_fen"] == 10_000
        assert back.balance == balance(s, eid) == Balance(FEE, FEE - 10_000, 10_000, 0, 0)
        fixed = adjust(s, back.entry_id, 10_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        assert fixed.balance.balance_fen == 0
        assert fixed.balance == balance(s, eid) == Balance(FEE, FEE - 10_000, 10_000, 0, 10_000)
    with store.write() as s, _refused("adjustment_out_of_range") as again:
        # The balance is back to zero and the refund is fully undone.
        adjust(s, back.entry_id, 5_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
    assert again.value.details["max_fen"] == 0


def test_a_refund_corrected_back_cannot_be_corrected_again(
        store: Store, now: dt.datetime, paid_up: tuple[int, int]) -> None:
    """Refund ¥100 twice (¥200 back), correct the first +¥100: the first
    refund is used up even though the balance would allow another ¥100."""
    _eid, payment = paid_up
    with store.write() as s:
        first = refund(s, payment, 10_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        refund(s, payment, 10_000, Reason(Why.WITHDRAWN), ADMIN, now)
        adjust(s, first.entry_id, 10_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        assert balance(s, paid_up[0]).balance_fen == 10_000
        with _refused("adjustment_out_of_range") as refused:
            adjust(s, first.entry_id, 5_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
    assert refused.value.details["max_fen"] == 0


def test_a_waiver_corrected_away_cannot_be_corrected_again(store: Store, now: dt.datetime,
                                                           term: Term) -> None:
    """Waive ¥100, correct −¥100 (it was not meant), then −¥50 again: refused."""
    eid = term.design_enrollments["吴军"]
    with store.write() as s:
        waived = waive(s, eid, 10_000, Reason(Why.UNEMPLOYED), ADMIN, now)
        assert waived.balance.balance_fen == FEE - 10_000
        with _refused("adjustment_out_of_range") as too_far:
            adjust(s, waived.entry_id, -10_001, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        assert too_far.value.details["min_fen"] == -10_000
        assert waived.balance == balance(s, eid) == Balance(FEE, 0, 0, 10_000, 0)
        undone = adjust(s, waived.entry_id, -10_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
        assert undone.balance.balance_fen == FEE
        assert undone.balance == balance(s, eid) == Balance(FEE, 0, 0, 10_000, -10_000)
        assert undone.kind is LedgerKind.ADJUSTMENT
        with _refused("adjustment_out_of_range") as again:
            adjust(s, waived.entry_id, -5_000, Reason(Why.WRONG_AMOUNT), ADMIN, now)
    assert (again.value.details["min_fen"], again.value.details["max_fen"]) == (0, FEE)


@pytest.mark.parametrize(("note_len", "ok"), [(193, True), (194, False)])
def test_a_ledger_reason_of_exactly_200_characters(store: Store, now: dt.datetime, term: Term,
                                                   note_len: int, ok: bool) -> None:
    reason = Reason(Why.OTHER, "因" * note_len)  # "other: " + note: 7 + 193 = 200
    eid = term.design_enrollments["吴军"]
    with store.write() as s:
        if ok:
            assert len(reason.stored()) == 200
            assert waive(s, eid, 100, reason, ADMIN, now).balance.balance_fen == FEE - 100
        else:
            with _refused("reason_too_long") as refused:
                waive(s, eid, 100, reason, ADMIN, now)
            assert refused.value.details == {"max": 200}


# Cards ---------------------------------------------------------------------


def test_a_bare_family_prefix_is_a_newer_card_not_a_stranger(store: Store) -> None:
    with store.read() as s:
        secret = school_secret(s)
    assert parse_token(secret, "F2") is TokenProblem.UNSUPPORTED
    assert parse_token(secret, "f9") is TokenProblem.UNSUPPORTED
    assert parse_token(secret, "F") is TokenProblem.FOREIGN
    assert parse_token(secret, "F1") is TokenProblem.MALFORMED
    assert parse_token(secret, "C1") is TokenProblem.CERTIFICATE


def test_reissue_stops_at_the_last_card_version(store: Store, now: dt.datetime,
                                                term: Term) -> None:
    lid = term.learners["王芳"]
    with store.write() as s:
        s.get(Learner, lid).card_version = MAX_CARD_VERSION - 1  # type: ignore[union-attr]
        last = reissue_card(s, lid, ADMIN, now)
        code = s.get(Learner, lid).code  # type: ignore[union-attr]
        assert last == CardReissue(lid, code, "王芳", MAX_CARD_VERSION, now,
                                   make_token(school_secret(s), code, MAX_CARD_VERSION))
        trail = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "learner.card_reissue")).all()
        assert [(e.entity, e.entity_id, e.learner_id) for e in trail] == [("learner", lid, lid)]
        assert json.loads(trail[0].before or "") == {"card_version": MAX_CARD_VERSION - 1}
        assert json.loads(trail[0].after or "") == {"card_version": MAX_CARD_VERSION}
        with _refused("card_version_exhausted") as refused:
            reissue_card(s, lid, ADMIN, now)
        assert refused.value.details == {"learner_name": "王芳"}
        parsed = parse_token(school_secret(s), last.token)
    assert not isinstance(parsed, TokenProblem)
    assert (parsed.code, parsed.card_version) == (last.code, MAX_CARD_VERSION)


def test_anonymised_learner_gets_no_card(store: Store, now: dt.datetime, term: Term) -> None:
    """赵敏 asked to be forgotten: no new card, no card in a sheet, no card alone."""
    lid = term.learners["赵敏"]
    with store.write() as s:
        s.get(Enrollment, term.design_enrollments["赵敏"]).status = (  # type: ignore[union-attr]
            EnrollmentStatus.COMPLETED)
        anonymise_learner(s, lid, ADMIN, now)
    with store.write() as s:
        with _refused("learner_not_found") as refused:
            reissue_card(s, lid, ADMIN, now)
        assert refused.value.details == {"learner_id": lid}
        secret = school_secret(s)
        assert cards_for_learners(s, secret, [lid]) == []
        with _refused("learner_not_found"):
            learner_card(s, secret, lid)
        names = [c.name for c in cards_for_course(s, secret, term.design)]
        assert names and lid not in [c.learner_id for c in cards_for_course(s, secret,
                                                                              term.design)]


def test_card_of_a_learner_with_no_current_course(store: Store, now: dt.datetime,
                                                  term: Term) -> None:
    """王芳 is only on the design course; 李强 on two; 吴军 withdrew from his
    only one: his card prints no course."""
    with store.write() as s:
        withdraw(s, term.design_enrollments["吴军"], ADMIN, now)
    with store.read() as s:
        secret = school_secret(s)
        ids = [term.learners[n] for n in ("吴军", "李强", "王芳", "吴军")]
        cards = cards_for_learners(s, secret, ids)
        codes = {n: s.scalar(select(Learner.code).where(Learner.id == term.learners[n]))
                 for n in ("吴军", "李强", "王芳")}
    assert [c.name for c in cards] == ["吴军", "李强", "王芳"]
    assert [c.course_titles for c in cards] == [(), ("办公软件应用", "AI+图片设计"),
                                                ("AI+图片设计",)]
    assert [c.code for c in cards] == [codes["吴军"], codes["李强"], codes["王芳"]]
    for card in cards:
        parsed = parse_token(secret, card.token)
        assert not isinstance(parsed, TokenProblem)
        assert (parsed.code, parsed.card_version) == (card.code, 1)


def test_a_course_sheet_of_cards_in_name_order(store: Store, now: dt.datetime,
                                               term: Term) -> None:
    """The sheet for 图片设计 comes in pinyin order, 李墙 (joined later) before
    李强 as the names sort; everyone's card carries their own id, code, version
    and token; 赵敏, forgotten at her request, is not on it."""
    with store.write() as s:
        late = add_learner(s, LearnerInput(name="李墙"), ADMIN, now).id
        enroll(s, late, term.design, 30, ADMIN, now)
        s.get(Enrollment, term.design_enrollments["赵敏"]).status = (  # type: ignore[union-attr]
            EnrollmentStatus.COMPLETED)
        anonymise_learner(s, term.learners["赵敏"], ADMIN, now)
        s.get(Learner, term.learners["王芳"]).card_version = 3  # type: ignore[union-attr]
    with store.read() as s:
        secret = school_secret(s)
        cards = cards_for_course(s, secret, term.design)
        alone = learner_card(s, secret, term.learners["王芳"])
        with _refused("course_not_found") as no_course:
            cards_for_course(s, secret, 99_999)
        with _refused("learner_not_found") as no_learner:
            learner_card(s, secret, 99_999)
        codes = {lid: code for lid, code in s.execute(select(Learner.id, Learner.code))}
    ids = {**term.learners, "李墙": late}
    assert [c.name for c in cards] == ["陈静", "李墙", "李强", "孙艳", "王芳", "吴军"]
    for card in cards:
        assert card.learner_id == ids[card.name]
        assert card.code == codes[card.learner_id]
        assert card.course_titles == ("AI+图片设计",)
        assert card.card_version == (3 if card.name == "王芳" else 1)
        assert card.token == make_token(secret, card.code, card.card_version)
    assert alone == next(c for c in cards if c.name == "王芳")
    assert no_course.value.details == {"course_id": 99_999}
    assert no_learner.value.details == {"learner_id": 99_999}


def test_scans_too_long_to_be_a_card(store: Store) -> None:
    """A scanner left running, or a paste of a whole document: not looked at."""
    with store.read() as s:
        secret = school_secret(s)
    token = make_token(secret, "MRPS729", 1)
    assert parse_token(secret, " " * 20 + token) == parse_token(secret, token)
    assert parse_token(secret, " " * 500 + token) is TokenProblem.MALFORMED
    assert parse_token(secret, "F1" + "A" * 300) is TokenProblem.RUN_TOGETHER
    assert parse_token(secret, "F2" + "A" * 254) is TokenProblem.UNSUPPORTED
    assert parse_token(secret, "F2" + "A" * 255) is TokenProblem.FOREIGN
    with pytest.raises(ValueError, match="not a learner code"):
        make_token(secret, "MRPS72", 1)
    with pytest.raises(ValueError, match="card version out of range"):
        make_token(secret, "MRPS729", MAX_CARD_VERSION + 1)
