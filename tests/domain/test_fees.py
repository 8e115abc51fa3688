"""Payments, refunds, waivers and corrections, as the fees window makes them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError

from frontdesk.errors import DomainError
from frontdesk.fees import ledger as fees
from frontdesk.fees.cashup import close_day
from frontdesk.fees.ledger import Reason, ReasonCode, adjust, refund, take_payment, waive
from frontdesk.fees.view import (
    charging_courses,
    enrollment_fees,
    find_enrollment,
    learner_fees,
    outstanding,
    receipt_data,
    reprint_receipt,
)
from frontdesk.messages import MESSAGES
from frontdesk.money import parse_amount
from frontdesk.roster.enrollment import withdraw
from frontdesk.staff.actor import Actor
from frontdesk.store.models import AuditEvent, Course, LedgerEntry
from frontdesk.vocab import FeeTier, LedgerKind, PaymentMethod, StaffRole
from tests.domain.fees_fixtures import FEE, MARKET, footprint, make_school

CASH, WECHAT, ALIPAY = PaymentMethod.CASH, PaymentMethod.WECHAT, PaymentMethod.ALIPAY
WITHDRAWN = Reason(ReasonCode.WITHDRAWN)
UNEMPLOYED = Reason(ReasonCode.UNEMPLOYED, "失业登记证")


def _pay(store, enrollment_id, amount, actor, now, method=CASH, reference=None):
    with store.write() as s:
        return take_payment(s, enrollment_id, amount, method, actor, now, reference=reference)


def _refused(store, code, action):
    """Run ``action(session)``; it must be refused with ``code`` and write nothing."""
    before = footprint(store)
    with pytest.raises(DomainError) as err, store.write() as s:
        action(s)
    assert err.value.code == code
    assert footprint(store) == before
    return err.value


def test_a_payment_gets_a_receipt_number_and_lowers_the_balance(store, actor, now):
    school = make_school(store, actor, now)
    result = _pay(store, school.enrollment_ids[0], 10_000, actor, now)
    assert result.receipt_no == "SB2026-000001"
    assert result.business_date == dt.date(2026, 12, 1)
    assert result.balance.balance_fen == FEE - 10_000
    second = _pay(store, school.enrollment_ids[1], FEE, actor, now, WECHAT, "4200 0000 01")
    assert second.receipt_no == "SB2026-000002" and second.balance.settled
    with store.read() as s:
        entry = s.get(LedgerEntry, second.entry_id)
        assert (entry.method, entry.reference, entry.desk) == (WECHAT, "4200000001", "前台1")
        assert s.scalar(select(AuditEvent.action).where(
            AuditEvent.entity == "ledger_entry", AuditEvent.entity_id == second.entry_id)
        ) == "ledger.payment"


def test_the_receipt_prefix_comes_from_settings_and_the_year_from_the_local_date(store, actor):
    from frontdesk.settings import SchoolSettings, save_settings

    new_year_utc = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 Jan in Shenzhen
    school = make_school(store, actor, new_year_utc)
    with store.write() as s:
        save_settings(s, SchoolSettings(receipt_prefix="GY"))
    result = _pay(store, school.enrollment_ids[0], 100, actor, new_year_utc)
    assert result.receipt_no == "GY2027-000001"
    assert result.business_date == dt.date(2027, 1, 1)


@pytest.mark.parametrize(("typed", "fen"), [
    ("300", 30_000), ("３００", 30_000), ("¥300", 30_000), ("￥1,200.00", 120_000),
    ("２９９．５", 29_950), ("0.01", 1),
])
def test_typed_amounts_that_are_accepted(typed, fen):
    assert parse_amount(typed) == fen


@pytest.mark.parametrize(("typed", "code"), [
    ("-5", "amount_negative"), ("－５", "amount_negative"), ("0", "amount_zero"),
    ("0.00", "amount_zero"), ("1.001", "amount_too_many_decimals"), ("abc", "amount_not_a_number"),
    ("", "amount_not_a_number"),
])
def test_typed_amounts_that_are_refused(typed, code):
    with pytest.raises(DomainError) as err:
        parse_amount(typed)
    assert err.value.code == code


@pytest.mark.parametrize(("amount", "code"), [
    (-500, "amount_negative"), (0, "amount_zero"), (FEE + 1, "amount_over_balance"),
    (300.0, "amount_not_a_number"),
])
def test_bad_payment_amounts_write_nothing(store, actor, now, amount, code):
    school = make_school(store, actor, now)
    _refused(store, code, lambda s: take_payment(
        s, school.enrollment_ids[0], amount, CASH, actor, now))
    assert code in MESSAGES


def test_over_balance_names_the_balance(store, actor, now):
    school = make_school(store, actor, now)
    _pay(store, school.enrollment_ids[0], 20_000, actor, now)
    error = _refused(store, "amount_over_balance", lambda s: take_payment(
        s, school.enrollment_ids[0], 10_001, CASH, actor, now))
    assert error.details["balance_fen"] == 10_000 and error.details["balance"] == "¥100.00"
    _pay(store, school.enrollment_ids[0], 10_000, actor, now)  # exactly the balance is fine


def test_a_free_course_takes_no_payment(store, actor, now):
    school = make_school(store, actor, now)
    _refused(store, "amount_over_balance", lambda s: take_payment(
        s, school.free_enrollment_id, 100, CASH, actor, now))


def test_wallet_payments_need_a_reference(store, actor, now):
    school = make_school(store, actor, now)
    for blank in (None, "", "  "):
        _refused(store, "reference_required", lambda s, b=blank: take_payment(
            s, school.enrollment_ids[0], 100, WECHAT, actor, now, reference=b))
    _refused(store, "reference_too_long", lambda s: take_payment(
        s, school.enrollment_ids[0], 100, ALIPAY, actor, now, reference="9" * 65))


def test_a_duplicate_wallet_reference_is_refused(store, actor, now):
    school = make_school(store, actor, now)
    first = _pay(store, school.enrollment_ids[0], 100, actor, now, WECHAT, "4200001234")
    # The same reference typed with full-width digits and spaces is the same payment.
    error = _refused(store, "duplicate_reference", lambda s: take_payment(
        s, school.enrollment_ids[1], 100, WECHAT, actor, now, reference="４２００ ００１２３４"))
    assert error.details["receipt_no"] == first.receipt_no
    # Another method's reference space is its own.
    _pay(store, school.enrollment_ids[1], 100, actor, now, ALIPAY, "4200001234")


def test_the_unique_index_catches_a_duplicate_the_check_missed(store, actor, now, monkeypatch):
    """Two desks on PostgreSQL can both pass the look-up; the index decides."""
    school = make_school(store, actor, now)
    _pay(store, school.enrollment_ids[0], 100, actor, now, WECHAT, "4200009999")
    monkeypatch.setattr(fees, "_duplicate_reference", lambda *_a: None)
    _refused(store, "duplicate_reference", lambda s: take_payment(
        s, school.enrollment_ids[1], 100, WECHAT, actor, now, reference="4200009999"))
    # The refused attempt took no receipt number.
    assert _pay(store, school.enrollment_ids[1], 100, actor, now).receipt_no == "SB2026-000002"


def test_a_closed_day_takes_no_entries_at_that_desk(store, actor, now):
    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], 10_000, actor, now)
    with store.write() as s:
        close_day(s, dt.date(2026, 12, 1), "前台1", 10_000, "", actor, now)
    later = now + dt.timedelta(minutes=20)
    error = _refused(store, "day_closed", lambda s: take_payment(
        s, school.enrollment_ids[0], 100, CASH, actor, later))
    assert error.details == {"business_date": "2026-12-01", "desk": "前台1"}
    _refused(store, "day_closed", lambda s: refund(s, paid.entry_id, 100, WITHDRAWN, actor, later))
    _refused(store, "day_closed", lambda s: waive(
        s, school.enrollment_ids[1], 100, UNEMPLOYED, actor, later))
    # Another desk's drawer is still open; tomorrow is a new day.
    _pay(store, school.enrollment_ids[1], 100, Actor(desk="前台2"), later)
    _pay(store, school.enrollment_ids[0], 100, actor, now + dt.timedelta(days=1))


def test_a_withdrawn_enrollment_takes_no_payment_but_can_be_refunded(store, actor, now):
    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], FEE, actor, now)
    with store.write() as s:
        withdraw(s, school.enrollment_ids[0], actor, now)
    _refused(store, "enrollment_withdrawn", lambda s: take_payment(
        s, school.enrollment_ids[0], 100, CASH, actor, now))
    with store.write() as s:
        result = refund(s, paid.entry_id, FEE, WITHDRAWN, actor, now)
    assert result.balance.balance_fen == FEE and result.method is CASH
    with store.read() as s:
        assert not [r for r in outstanding(s) if r.enrollment_id == school.enrollment_ids[0]]


def test_refunds_never_exceed_what_was_paid_on_that_payment(store, actor, now):
    school = make_school(store, actor, now)
    first = _pay(store, school.enrollment_ids[0], 10_000, actor, now, WECHAT, "4200000001")
    _pay(store, school.enrollment_ids[0], 20_000, actor, now)
    error = _refused(store, "refund_over_paid", lambda s: refund(
        s, first.entry_id, 10_001, WITHDRAWN, actor, now))
    assert error.details["available_fen"] == 10_000
    with store.write() as s:
        part = refund(s, first.entry_id, 6_000, WITHDRAWN, actor, now)
    assert part.method is WECHAT and part.balance.balance_fen == 6_000
    _refused(store, "refund_over_paid", lambda s: refund(
        s, first.entry_id, 4_001, WITHDRAWN, actor, now))
    with store.write() as s:
        refund(s, first.entry_id, 4_000, Reason(ReasonCode.OTHER, "学员要求"), actor, now)
    with store.read() as s:
        [fees_row] = [f for f in learner_fees(s, school.learner_ids[0]) if f.fee_due_fen]
    assert (fees_row.payments_fen, fees_row.refunded_fen, fees_row.paid_fen) == (30_000, 10_000,
                                                                               20_000)
    assert fees_row.balance_fen == 10_000
    assert [e.refundable_fen for e in fees_row.entries if e.kind is LedgerKind.PAYMENT] == [
        0, 20_000]


def test_only_a_payment_can_be_refunded(store, actor, now):
    school = make_school(store, actor, now)
    with store.write() as s:
        waiver = waive(s, school.enrollment_ids[0], 100, UNEMPLOYED, actor, now)
    _refused(store, "not_a_payment", lambda s: refund(s, waiver.entry_id, 100, WITHDRAWN, actor,
                                                      now))
    _refused(store, "entry_not_found", lambda s: refund(s, 999, 100, WITHDRAWN, actor, now))


@pytest.mark.parametrize(("reason", "code"), [
    (None, "reason_required"),
    (Reason(ReasonCode.OTHER, "   "), "reason_note_required"),
    (Reason(ReasonCode.UNEMPLOYED), "reason_not_allowed"),  # not a reason to refund
    (Reason(ReasonCode.OTHER, "很长" * 120), "reason_too_long"),
])
def test_a_refund_needs_a_fitting_reason(store, actor, now, reason, code):
    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], 100, actor, now)
    _refused(store, code, lambda s: refund(s, paid.entry_id, 100, reason, actor, now))


def test_reasons_typed_on_the_command_line():
    assert Reason.parse("unemployed") == Reason(ReasonCode.UNEMPLOYED)
    assert Reason.parse("withdrawn: 工作调动") == Reason(ReasonCode.WITHDRAWN, "工作调动")
    assert Reason.parse("学员要求：退一半") == Reason(ReasonCode.OTHER, "学员要求：退一半")
    with pytest.raises(DomainError, match="reason_required"):
        Reason.parse("  ")


@pytest.mark.parametrize(("role", "allowed"), [
    (None, True), (StaffRole.CASHIER, True), (StaffRole.ADMIN, True), (StaffRole.DESK, False),
])
def test_refunds_and_waivers_need_a_cashier_once_roles_exist(store, actor, now, role, allowed):
    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], 200, actor, now)
    who = Actor(desk="前台1", staff_id=None, role=role)
    actions = [lambda s: refund(s, paid.entry_id, 100, WITHDRAWN, who, now),
               lambda s: waive(s, school.enrollment_ids[1], 100, UNEMPLOYED, who, now),
               lambda s: adjust(s, paid.entry_id, -100, Reason(ReasonCode.WRONG_AMOUNT), who,
                                now)]
    for action in actions:
        if allowed:
            with store.write() as s:
                action(s)
        else:
            _refused(store, "role_forbidden", action)
    # Anyone at the desk may take a payment.
    _pay(store, school.enrollment_ids[2], 100, who, now)


def test_a_waiver_forgives_at_most_the_balance(store, actor, now):
    school = make_school(store, actor, now)
    _pay(store, school.enrollment_ids[0], 10_000, actor, now)
    _refused(store, "amount_over_balance", lambda s: waive(
        s, school.enrollment_ids[0], 20_001, UNEMPLOYED, actor, now))
    with store.write() as s:
        result = waive(s, school.enrollment_ids[0], 20_000, UNEMPLOYED, actor, now)
    assert result.balance.settled and result.method is None and result.receipt_no is None
    with store.read() as s:
        [row] = [f for f in learner_fees(s, school.learner_ids[0]) if f.fee_due_fen]
        assert row.waived_fen == 20_000
        assert row.entries[-1].reason == UNEMPLOYED
        assert school.enrollment_ids[0] not in {r.enrollment_id for r in outstanding(s)}


def test_a_closed_day_is_corrected_by_an_entry_dated_today(store, actor, now):
    school = make_school(store, actor, now)
    # Keyed ¥300 in cash, but the learner handed over ¥200; the day was closed.
    paid = _pay(store, school.enrollment_ids[0], FEE, actor, now)
    with store.write() as s:
        close_day(s, dt.date(2026, 12, 1), None, 20_000, "少收100元，次日更正", actor, now)
    tomorrow = now + dt.timedelta(days=1)
    wrong = Reason(ReasonCode.WRONG_AMOUNT, "实收200元")
    _refused(store, "adjustment_out_of_range", lambda s: adjust(
        s, paid.entry_id, -FEE - 1, wrong, actor, tomorrow))
    _refused(store, "adjustment_out_of_range", lambda s: adjust(
        s, paid.entry_id, 1, wrong, actor, tomorrow))  # balance is already zero
    with store.write() as s:
        fixed = adjust(s, paid.entry_id, -10_000, wrong, actor, tomorrow)
    assert fixed.business_date == dt.date(2026, 12, 2) and fixed.balance.balance_fen == 10_000
    with store.read() as s:
        entry = s.get(LedgerEntry, fixed.entry_id)
        assert (entry.kind, entry.corrects_id, entry.amount_fen) == (
            LedgerKind.ADJUSTMENT, paid.entry_id, -10_000)
        [row] = [f for f in learner_fees(s, school.learner_ids[0]) if f.fee_due_fen]
    # The corrected payment can only give back what was really paid.
    assert row.entries[0].refundable_fen == 20_000
    _refused(store, "refund_over_paid", lambda s: refund(
        s, paid.entry_id, 20_001, WITHDRAWN, actor, tomorrow))


def test_a_correction_cannot_undo_more_than_its_entry_holds(store, actor, now):
    school = make_school(store, actor, now)
    first = _pay(store, school.enrollment_ids[0], 100, actor, now)
    second = _pay(store, school.enrollment_ids[0], 100, actor, now)
    wrong = Reason(ReasonCode.WRONG_AMOUNT)
    error = _refused(store, "adjustment_out_of_range", lambda s: adjust(
        s, first.entry_id, -101, wrong, actor, now))
    assert error.details["min_fen"] == -100
    with store.write() as s:
        waiver = waive(s, school.enrollment_ids[0], 500, UNEMPLOYED, actor, now)
    _refused(store, "adjustment_out_of_range", lambda s: adjust(
        s, waiver.entry_id, -501, wrong, actor, now))
    with store.write() as s:
        adjust(s, first.entry_id, -100, wrong, actor, now)
    # Only the second payment is left to refund.
    _refused(store, "refund_over_paid", lambda s: refund(s, first.entry_id, 1, WITHDRAWN, actor,
                                                         now))
    with store.write() as s:
        result = refund(s, second.entry_id, 100, WITHDRAWN, actor, now)
    assert result.balance.balance_fen == FEE - 500


def test_money_put_on_the_wrong_course_moves_to_another_of_the_same_learner(store, actor, now):
    from frontdesk.roster.courses import CourseInput, add_course
    from frontdesk.roster.enrollment import enroll

    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], FEE, actor, now)
    with store.write() as s:
        other = add_course(s, CourseInput("AI+珠宝设计", FeeTier.INCLUSIVE, 30,
                                          market_price_fen=MARKET), actor, now)
        right = enroll(s, school.learner_ids[0], other.id, 30, actor, now).enrollment_id
        moved = Reason(ReasonCode.WRONG_COURSE)
        adjust(s, paid.entry_id, -FEE, moved, actor, now)
        result = adjust(s, paid.entry_id, FEE, moved, actor, now, enrollment_id=right)
    assert result.balance.settled
    _refused(store, "enrollment_mismatch", lambda s: adjust(
        s, paid.entry_id, 100, moved, actor, now, enrollment_id=school.enrollment_ids[1]))


def test_the_fee_stays_as_it_was_when_enrolled(store, actor, now):
    school = make_school(store, actor, now)
    with store.write() as s:
        s.get(Course, school.inclusive_id).market_price_fen = 200_000
    with store.read() as s:
        [row] = [f for f in learner_fees(s, school.learner_ids[0]) if f.fee_due_fen]
    assert (row.market_price_fen, row.fee_due_fen, row.subsidy_fen) == (MARKET, FEE, 70_000)


def test_a_learners_fees_in_two_queries(store, actor, now):
    school = make_school(store, actor, now)
    _pay(store, school.enrollment_ids[0], 10_000, actor, now)
    statements = []
    with store.read() as s:
        s.connection()  # the BEGIN is not the view's
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(store.engine, "before_cursor_execute", listener)
        try:
            rows = learner_fees(s, school.learner_ids[0])
        finally:
            event.remove(store.engine, "before_cursor_execute", listener)
    assert len(statements) <= 2
    assert [(r.course_title, r.fee_due_fen, r.paid_fen, r.balance_fen) for r in rows] == [
        ("AI+图片设计", FEE, 10_000, 20_000), ("办公软件应用", 0, 0, 0)]
    assert rows[0].entries[0].receipt_no == "SB2026-000001"


def test_outstanding_lists_who_to_call(store, actor, now):
    school = make_school(store, actor, now)
    _pay(store, school.enrollment_ids[0], FEE, actor, now)
    _pay(store, school.enrollment_ids[1], 10_000, actor, now)
    with store.read() as s:
        rows = outstanding(s)
        by_course = outstanding(s, school.inclusive_id)
        none_on_free = outstanding(s, school.free_id)
    assert [(r.learner_name, r.phone, r.balance_fen) for r in rows] == [
        ("阿依古丽·买买提", "13712345678", FEE), ("李娜", "13912345678", 20_000)]
    assert by_course == rows and none_on_free == []


def test_who_owes_can_be_narrowed_to_the_courses_that_charged(store, actor, now):
    school = make_school(store, actor, now)
    with store.read() as s:
        assert [c.id for c in charging_courses(s)] == [school.inclusive_id]
    with store.write() as s:  # made free after people were charged: still listed
        s.get(Course, school.inclusive_id).fee_tier = FeeTier.FREE
    with store.read() as s:
        listed = charging_courses(s)
        assert [c.id for c in listed] == [school.inclusive_id]
        assert listed[0].title == s.get(Course, school.inclusive_id).title
        assert outstanding(s, listed[0].id)  # and who owes on it is still there to call


def test_find_enrollment_by_card_and_course_code(store, actor, now):
    school = make_school(store, actor, now)
    with store.read() as s:
        assert find_enrollment(s, school.learner_codes[0].lower(), "c0001") == \
            school.enrollment_ids[0]
        with pytest.raises(DomainError, match="learner_not_found"):
            find_enrollment(s, "NOPE123", "C0001")
        with pytest.raises(DomainError, match="course_not_found"):
            find_enrollment(s, school.learner_codes[0], "C9999")


def test_receipt_data_and_an_audited_reprint(store, actor, now):
    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], 10_000, actor, now, WECHAT, "4200000007")
    _pay(store, school.enrollment_ids[0], 5_000, actor, now)
    with store.write() as s:
        refund(s, paid.entry_id, 2_000, WITHDRAWN, actor, now)
        data = receipt_data(s, paid.entry_id)
        again = reprint_receipt(s, paid.entry_id, actor, now)
        audited = s.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "receipt.reprint")).all()
    # As of the payment, not of today.
    assert (data.paid_to_date_fen, data.balance_after_fen, data.copy) == (10_000, 20_000, False)
    assert (data.subsidy_fen, data.at_local.hour, data.learner_name) == (70_000, 19, "王喆")
    assert again.copy and again.refunded_since_fen == 2_000 and audited == ["receipt.reprint"]
    with store.read() as s, pytest.raises(DomainError, match="not_a_payment"):
        receipt_data(s, paid.entry_id + 2)


def test_enrollment_fees_refreshes_one_row(store, actor, now):
    school = make_school(store, actor, now)
    _pay(store, school.enrollment_ids[1], 100, actor, now)
    with store.read() as s:
        row = enrollment_fees(s, school.enrollment_ids[1])
        assert (row.learner_id, row.balance_fen, row.owing) == (school.learner_ids[1],
                                                                 FEE - 100, True)
        with pytest.raises(DomainError, match="enrollment_not_found"):
            enrollment_fees(s, 999)


def test_the_store_refuses_to_edit_or_delete_a_ledger_row(store, actor, now):
    school = make_school(store, actor, now)
    paid = _pay(store, school.enrollment_ids[0], 10_000, actor, now)
    for sql in ("UPDATE ledger_entry SET amount_fen = 1 WHERE id = :id",
                "DELETE FROM ledger_entry WHERE id = :id"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(sql), {"id": paid.entry_id})
    with pytest.raises(DBAPIError, match="append-only"), store.write() as s:
        s.get(LedgerEntry, paid.entry_id).amount_fen = 1
    with store.read() as s:
        assert s.get(LedgerEntry, paid.entry_id).amount_fen == 10_000


def test_every_fees_code_has_words():
    codes = ["amount_over_balance", "method_unknown", "reference_required", "reference_too_long",
             "duplicate_reference", "day_closed", "role_forbidden", "reason_required",
             "reason_not_allowed", "reason_note_required", "reason_too_long", "entry_not_found",
             "not_a_payment", "refund_over_paid", "enrollment_withdrawn", "enrollment_mismatch",
             "adjustment_out_of_range", "date_in_future", "cashup_note_required", "note_too_long"]
    assert [c for c in codes if c not in MESSAGES] == []


@pytest.mark.parametrize(
    ("typed", "fen"), [("0", 0), ("0.00", 0), ("１２０", 12_000), ("¥35.5", 3_550)])
def test_counted_cash_may_be_zero(typed, fen):
    from frontdesk.money import parse_counted_cash

    assert parse_counted_cash(typed) == fen


def test_counted_cash_is_still_an_amount():
    from frontdesk.money import parse_counted_cash

    with pytest.raises(DomainError, match="amount_negative"):
        parse_counted_cash("-5")
