"""Reading the ledger: a learner's fees, who still owes, and receipts.

Balances follow frontdesk.fees.balances: every amount is positive and the
kind gives its direction, except an adjustment, which is signed (positive
credits the learner). ``paid_fen`` is payments less refunds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.fees.balances import Balance
from frontdesk.fees.ledger import Reason, place_refusal
from frontdesk.roster.courses import course_id_by_code
from frontdesk.roster.learners import learner_id_by_code
from frontdesk.settings import load_settings
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Course, Enrollment, Learner, LedgerEntry, Staff
from frontdesk.vocab import OWING, SEATED, EnrollmentStatus, FeeTier, LedgerKind, PaymentMethod


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One ledger entry as the fees window lists it."""

    id: int
    enrollment_id: int
    kind: LedgerKind
    amount_fen: int
    method: PaymentMethod | None
    reference: str | None
    receipt_no: str | None
    reverses_id: int | None
    corrects_id: int | None
    reason: Reason | None
    at: dt.datetime
    business_date: dt.date
    desk: str
    staff_id: int | None
    staff_name: str
    refundable_fen: int  # payments only: what a refund may still give back


@dataclass(frozen=True, slots=True)
class EnrollmentFees:
    enrollment_id: int
    learner_id: int
    course_id: int
    course_code: str
    course_title: str
    fee_tier: FeeTier
    status: EnrollmentStatus
    market_price_fen: int
    fee_due_fen: int
    payments_fen: int  # all payments, before refunds
    refunded_fen: int
    waived_fen: int
    adjusted_fen: int
    entries: tuple[LedgerLine, ...]

    @property
    def paid_fen(self) -> int:
        """Payments less refunds: what the learner has actually given."""
        return self.payments_fen - self.refunded_fen

    @property
    def balance(self) -> Balance:
        return Balance(self.fee_due_fen, self.paid_fen, self.refunded_fen, self.waived_fen,
                       self.adjusted_fen)

    @property
    def balance_fen(self) -> int:
        return self.balance.balance_fen

    @property
    def subsidy_fen(self) -> int:
        """The public subsidy on a seat taken: market price less the fee (none
        without a price, and none on a waiting-list or withdrawn place), as the
        funder report counts it."""
        if self.status not in SEATED:
            return 0
        return max(0, self.market_price_fen - self.fee_due_fen)

    @property
    def fee_due_now_fen(self) -> int:
        """The fee due now: nothing until the place is a seat (a wait-listed
        learner owes nothing) or once it is given up."""
        return self.fee_due_fen if self.status in OWING else 0

    @property
    def owed_fen(self) -> int:
        """What is still to pay now: a seat's balance; on any other place
        nothing (a credit, from a payment made before, still shows)."""
        return self.balance_fen if self.status in OWING else min(0, self.balance_fen)

    @property
    def refusal(self) -> str | None:
        """Why this place takes no payment or waiver (the ledger's own refusal code)."""
        return place_refusal(self.status)

    @property
    def owing(self) -> bool:
        """Whether a payment or a waiver is taken on this place now."""
        return self.refusal is None and self.balance_fen > 0


def _totals(lines: list[LedgerLine]) -> tuple[int, int, int, int]:
    sums = dict.fromkeys(LedgerKind, 0)
    for line in lines:
        sums[line.kind] += line.amount_fen
    return (sums[LedgerKind.PAYMENT], sums[LedgerKind.REFUND], sums[LedgerKind.WAIVER],
            sums[LedgerKind.ADJUSTMENT])


def _refundable(rows: list[LedgerEntry]) -> dict[int, int]:
    """Per payment: amount - refunds of it + corrections (on its own
    enrollment) of it or of its refunds; as fees.refundable_fen counts."""
    left = {e.id: e.amount_fen for e in rows if e.kind is LedgerKind.PAYMENT}
    home = {e.id: e.enrollment_id for e in rows if e.kind is LedgerKind.PAYMENT}
    refund_of = {e.id: e.reverses_id for e in rows if e.kind is LedgerKind.REFUND}
    for e in rows:
        if e.kind is LedgerKind.REFUND and e.reverses_id in left:
            left[e.reverses_id] -= e.amount_fen
        elif e.kind is LedgerKind.ADJUSTMENT and e.corrects_id is not None:
            target = refund_of.get(e.corrects_id, e.corrects_id)
            if target in left and home[target] == e.enrollment_id:
                left[target] += e.amount_fen
    return {k: max(0, v) for k, v in left.items()}


def _lines(session: Session, where: object) -> list[LedgerLine]:
    rows = session.execute(
        select(LedgerEntry, Staff.display_name)
        .outerjoin(Staff, Staff.id == LedgerEntry.staff_id)
        .where(where)  # type: ignore[arg-type]
        .order_by(LedgerEntry.id)
    ).all()
    left = _refundable([e for e, _ in rows])
    return [
        LedgerLine(e.id, e.enrollment_id, e.kind, e.amount_fen, e.method, e.reference,
                   e.receipt_no, e.reverses_id, e.corrects_id, Reason.from_stored(e.reason),
                   e.at, e.business_date, e.desk, e.staff_id, name or "", left.get(e.id, 0))
        for e, name in rows
    ]


def learner_fees(session: Session, learner_id: int) -> list[EnrollmentFees]:
    """Every enrollment of a learner with its fee, payments, refunds, waivers,
    balance and entries, oldest enrollment first (two queries)."""
    enrollments = session.execute(
        select(Enrollment, Course.code, Course.title, Course.fee_tier)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.learner_id == learner_id)
        .order_by(Enrollment.created_at, Enrollment.id)
    ).all()
    if not enrollments:
        return []
    by_enrollment: dict[int, list[LedgerLine]] = defaultdict(list)
    for line in _lines(session, LedgerEntry.learner_id == learner_id):
        by_enrollment[line.enrollment_id].append(line)
    result = []
    for e, code, title, tier in enrollments:
        lines = by_enrollment.get(e.id, [])
        paid, refunded, waived, adjusted = _totals(lines)
        # A refund may also never lift the balance above the fee.
        held = paid - refunded + waived + adjusted
        lines = [replace(x, refundable_fen=min(x.refundable_fen, max(0, held))) for x in lines]
        result.append(EnrollmentFees(
            e.id, e.learner_id, e.course_id, code, title, tier, e.status, e.market_price_fen,
            e.fee_due_fen, paid, refunded, waived, adjusted, tuple(lines)))
    return result


def enrollment_fees(session: Session, enrollment_id: int) -> EnrollmentFees:
    """One enrollment's fees (e.g. to refresh a row after a payment)."""
    learner_id = session.scalar(select(Enrollment.learner_id)
                                .where(Enrollment.id == enrollment_id))
    if learner_id is None:
        raise DomainError("enrollment_not_found", enrollment_id=enrollment_id)
    return next(f for f in learner_fees(session, learner_id) if f.enrollment_id == enrollment_id)


def find_enrollment(session: Session, learner_code: str, course_code: str) -> int:
    """The enrollment of the learner with card code ``learner_code`` on the
    course ``course_code`` (both case-insensitive), for the command line."""
    learner_id = learner_id_by_code(session, learner_code)
    course_id = course_id_by_code(session, course_code)
    enrollment_id = session.scalar(select(Enrollment.id).where(
        Enrollment.learner_id == learner_id, Enrollment.course_id == course_id))
    if enrollment_id is None:
        raise DomainError("enrollment_not_found", learner_code=learner_code,
                          course_code=course_code)
    return enrollment_id


@dataclass(frozen=True, slots=True)
class OutstandingRow:
    """Someone who still owes on a course, and how to reach them."""

    enrollment_id: int
    learner_id: int
    learner_code: str
    learner_name: str
    phone: str | None
    course_id: int
    course_code: str
    course_title: str
    fee_due_fen: int
    paid_fen: int  # payments less refunds
    waived_fen: int
    adjusted_fen: int
    balance_fen: int
    enrolled_at: dt.datetime | None


def _signed_sum() -> ColumnElement[int]:
    signed = case(
        (LedgerEntry.kind == LedgerKind.PAYMENT, LedgerEntry.amount_fen),
        (LedgerEntry.kind == LedgerKind.REFUND, -LedgerEntry.amount_fen),
        else_=0,
    )
    return func.coalesce(func.sum(signed), 0)


def _kind_sum(kind: LedgerKind) -> ColumnElement[int]:
    return func.coalesce(
        func.sum(case((LedgerEntry.kind == kind, LedgerEntry.amount_fen), else_=0)), 0)


@dataclass(frozen=True, slots=True)
class ChargingCourse:
    """A course "who still owes" can be narrowed to."""

    id: int
    code: str
    title: str


def charging_courses(session: Session) -> list[ChargingCourse]:
    """The courses someone can owe on, by code: the inclusive ones, and any other
    course where an enrollment was charged (a course made free after people paid)."""
    charged = select(Enrollment.id).where(Enrollment.course_id == Course.id,
                                          Enrollment.fee_due_fen > 0).exists()
    rows = session.execute(
        select(Course.id, Course.code, Course.title)
        .where((Course.fee_tier == FeeTier.INCLUSIVE) | charged)
        .order_by(Course.code))
    return [ChargingCourse(*row) for row in rows]


def outstanding(session: Session, course_id: int | None = None) -> list[OutstandingRow]:
    """Seated learners with a balance left, for one course or the whole school,
    by course code and then by name (pinyin), with their phone to call."""
    paid, waived, adjusted = _signed_sum(), _kind_sum(LedgerKind.WAIVER), \
        _kind_sum(LedgerKind.ADJUSTMENT)
    left = Enrollment.fee_due_fen - paid - waived - adjusted
    query = (
        select(Enrollment.id, Learner.id, Learner.code, Learner.name, Learner.phone, Course.id,
               Course.code, Course.title, Enrollment.fee_due_fen, paid, waived, adjusted, left,
               Enrollment.enrolled_at)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .join(Course, Course.id == Enrollment.course_id)
        .outerjoin(LedgerEntry, LedgerEntry.enrollment_id == Enrollment.id)
        .where(Enrollment.fee_due_fen > 0, Enrollment.status.in_(OWING),
               Learner.anonymised_at.is_(None))
        .group_by(Enrollment.id, Learner.id, Course.id)
        .having(left > 0)
        .order_by(Course.code, Learner.pinyin, Learner.id)
    )
    if course_id is not None:
        query = query.where(Enrollment.course_id == course_id)
    rows: list[tuple[Any, ...]] = [tuple(r) for r in session.execute(query)]
    return [OutstandingRow(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything a printed receipt shows; amounts in fen, times local."""

    school_name: str
    school_address: str
    school_phone: str
    receipt_no: str
    entry_id: int
    business_date: dt.date
    at_local: dt.datetime
    learner_code: str
    learner_name: str
    course_code: str
    course_title: str
    fee_tier: FeeTier
    market_price_fen: int
    fee_due_fen: int
    amount_fen: int
    paid_to_date_fen: int  # payments less refunds up to and including this one
    balance_after_fen: int
    refunded_since_fen: int  # refunds of this payment made later (shown on a reprint)
    method: PaymentMethod
    reference: str | None
    staff_name: str
    desk: str
    copy: bool

    @property
    def subsidy_fen(self) -> int:
        return max(0, self.market_price_fen - self.fee_due_fen)


def receipt_data(session: Session, entry_id: int, *, copy: bool = False) -> ReceiptData:
    """What the receipt of payment ``entry_id`` shows, as of that payment."""
    row = session.execute(
        select(LedgerEntry, Enrollment, Learner.code, Learner.name, Course.code, Course.title,
               Course.fee_tier, Staff.display_name)
        .join(Enrollment, Enrollment.id == LedgerEntry.enrollment_id)
        .join(Learner, Learner.id == LedgerEntry.learner_id)
        .join(Course, Course.id == Enrollment.course_id)
        .outerjoin(Staff, Staff.id == LedgerEntry.staff_id)
        .where(LedgerEntry.id == entry_id)
    ).first()
    if row is None:
        raise DomainError("entry_not_found", entry_id=entry_id)
    entry, enrollment, l_code, l_name, c_code, c_title, tier, staff = row
    if entry.kind is not LedgerKind.PAYMENT or entry.method is None or not entry.receipt_no:
        raise DomainError("not_a_payment", entry_id=entry_id, kind=entry.kind.value)
    lines = _lines(session, LedgerEntry.enrollment_id == entry.enrollment_id)
    upto = [x for x in lines if x.id <= entry.id]
    payments, refunds, waived, adjusted = _totals(upto)
    refunded_since = sum(x.amount_fen for x in lines
                         if x.kind is LedgerKind.REFUND and x.reverses_id == entry.id)
    settings = load_settings(session)
    return ReceiptData(
        settings.name, settings.address, settings.phone, entry.receipt_no, entry.id,
        entry.business_date, entry.at.astimezone(settings.tz()), l_code, l_name, c_code,
        c_title, tier, enrollment.market_price_fen, enrollment.fee_due_fen, entry.amount_fen,
        payments - refunds, enrollment.fee_due_fen - (payments - refunds) - waived - adjusted,
        refunded_since, entry.method, entry.reference, staff or "", entry.desk, copy)


def reprint_receipt(session: Session, entry_id: int, actor: Actor,
                    now: dt.datetime) -> ReceiptData:
    """A receipt printed again: marked 副本/COPY, and the reprint is audited."""
    data = receipt_data(session, entry_id, copy=True)
    audit.record(session, actor, "receipt.reprint", now, entity="ledger_entry",
                 entity_id=entry_id, after={"receipt_no": data.receipt_no})
    return data
