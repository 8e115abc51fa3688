"""Taking money: payments, refunds, waivers (减免) and corrections.

Every movement is a new, append-only ledger entry dated on the school's
business date (its local calendar day); nothing is edited or deleted. Each
write first locks the year's receipt counter row, so on a shared PostgreSQL
store the ledger writes of all desks take turns: the balance checked is the
balance written against, a receipt number is never handed out twice or
skipped, and a day being closed cannot slip between a check and an insert.
On SQLite the write transaction (BEGIN IMMEDIATE) already serialises them.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.fees.balances import Balance, after, balance
from frontdesk.money import format_fen
from frontdesk.roster.enrollment import get_enrollment
from frontdesk.settings import SchoolSettings, load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.counters import bump_counter
from frontdesk.store.models import CashUp, Enrollment, LedgerEntry
from frontdesk.vocab import OWING, EnrollmentStatus, LedgerKind, PaymentMethod

MAX_REFERENCE = 64
MAX_REASON = 200


class ReasonCode(enum.StrEnum):
    """Why money went back or was forgiven; the UI shows a label per code."""

    WITHDRAWN = "withdrawn"  # 学员退课
    COURSE_CANCELLED = "course_cancelled"  # 课程取消
    DUPLICATE = "duplicate"  # 重复缴费
    WRONG_AMOUNT = "wrong_amount"  # 金额录错
    WRONG_COURSE = "wrong_course"  # 记错课程
    UNEMPLOYED = "unemployed"  # 待业/失业
    HARDSHIP = "hardship"  # 生活困难
    DISABILITY = "disability"  # 残疾人
    SENIOR = "senior"  # 老年人
    OTHER = "other"  # 其他 (needs a note)


REASONS: dict[LedgerKind, tuple[ReasonCode, ...]] = {
    LedgerKind.REFUND: (ReasonCode.WITHDRAWN, ReasonCode.COURSE_CANCELLED,
                        ReasonCode.DUPLICATE, ReasonCode.WRONG_AMOUNT, ReasonCode.OTHER),
    LedgerKind.WAIVER: (ReasonCode.UNEMPLOYED, ReasonCode.HARDSHIP, ReasonCode.DISABILITY,
                        ReasonCode.SENIOR, ReasonCode.OTHER),
    LedgerKind.ADJUSTMENT: (ReasonCode.WRONG_AMOUNT, ReasonCode.WRONG_COURSE,
                            ReasonCode.DUPLICATE, ReasonCode.OTHER),
}
"""The reason codes offered for each kind of entry, in the order to show them."""


@dataclass(frozen=True)
class Reason:
    """A reason code and the staff's own words (required for ``other``)."""

    code: ReasonCode
    note: str = ""

    def stored(self) -> str:
        return f"{self.code.value}: {self.note}" if self.note else self.code.value

    @classmethod
    def from_stored(cls, text: str) -> Reason | None:
        """The reason kept on a ledger entry ('' for a payment gives None)."""
        if not text:
            return None
        head, _, note = text.partition(":")
        try:
            return cls(ReasonCode(head.strip()), note.strip())
        except ValueError:
            return cls(ReasonCode.OTHER, text)

    @classmethod
    def parse(cls, raw: str) -> Reason:
        """What someone typed: a code ("unemployed"), "code: words", or just words."""
        parsed = cls.from_stored((raw or "").strip())
        if parsed is None:
            raise DomainError("reason_required")
        return parsed


@dataclass(frozen=True)
class LedgerResult:
    """What a ledger write did; ``balance`` is the enrollment's after it."""

    entry_id: int
    kind: LedgerKind
    learner_id: int
    enrollment_id: int
    amount_fen: int
    method: PaymentMethod | None
    receipt_no: str | None
    business_date: dt.date
    balance: Balance


def business_date(settings: SchoolSettings, now: dt.datetime) -> dt.date:
    """The school's calendar day at ``now`` (an evening class ends before midnight)."""
    return now.astimezone(settings.tz()).date()


def receipt_counter_name(year: int) -> str:
    return f"receipt:{year}"


def format_receipt_no(prefix: str, year: int, number: int) -> str:
    return f"{prefix}{year}-{number:06d}"


_CLOSED = (select(CashUp.id)
           .where(CashUp.business_date == bindparam("day"),
                  CashUp.desk.in_(bindparam("desks", expanding=True)))
           .limit(1))


def is_day_closed(session: Session, day: dt.date, desk: str) -> bool:
    """Whether ``desk``'s drawer (or the whole school, desk '') is closed for ``day``."""
    found = session.connection().execute(_CLOSED, {"day": day, "desks": [desk, ""]}).first()
    return found is not None


def _open_day(session: Session, now: dt.datetime, actor: Actor) -> tuple[SchoolSettings, dt.date]:
    """Lock the ledger, then refuse a day whose cash-up is done ("day_closed")."""
    settings = load_settings(session)
    day = business_date(settings, now)
    bump_counter(session, receipt_counter_name(day.year), 0)
    if is_day_closed(session, day, actor.desk):
        raise DomainError("day_closed", business_date=day.isoformat(), desk=actor.desk)
    return settings, day


def check_amount(amount_fen: int) -> int:
    """A positive whole number of fen (refuses floats outright)."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise DomainError("amount_not_a_number", value=str(amount_fen))
    if amount_fen < 0:
        raise DomainError("amount_negative", value=amount_fen)
    if amount_fen == 0:
        raise DomainError("amount_zero", value=amount_fen)
    return amount_fen


def _check_method(method: PaymentMethod | str) -> PaymentMethod:
    try:
        return PaymentMethod(method)
    except ValueError:
        raise DomainError("method_unknown", value=str(method)) from None


def clean_reference(raw: str | None) -> str | None:
    """A transaction reference as stored: full-width folded, spaces dropped."""
    if raw is None:
        return None
    text = "".join(unicodedata.normalize("NFKC", raw).split())
    if len(text) > MAX_REFERENCE:
        raise DomainError("reference_too_long", max=MAX_REFERENCE)
    return text or None


def _check_reason(reason: Reason | None, kind: LedgerKind) -> Reason:
    if reason is None:
        raise DomainError("reason_required")
    note = " ".join(reason.note.split())
    if reason.code not in REASONS[kind]:
        raise DomainError("reason_not_allowed", reason=reason.code.value, kind=kind.value)
    if reason.code is ReasonCode.OTHER and not note:
        raise DomainError("reason_note_required")
    clean = Reason(reason.code, note)
    if len(clean.stored()) > MAX_REASON:
        raise DomainError("reason_too_long", max=MAX_REASON)
    return clean


def _entry(session: Session, entry_id: int) -> LedgerEntry:
    found = session.get(LedgerEntry, entry_id)
    if found is None:
        raise DomainError("entry_not_found", entry_id=entry_id)
    return found


_SAME_REFERENCE = (select(LedgerEntry.id, LedgerEntry.receipt_no)
                   .where(LedgerEntry.method == bindparam("method"),
                          LedgerEntry.reference == bindparam("reference"))
                   .limit(1))


def _duplicate_reference(session: Session, method: PaymentMethod, reference: str) -> None:
    earlier = session.connection().execute(
        _SAME_REFERENCE, {"method": method, "reference": reference}).first()
    if earlier is not None:
        raise DomainError("duplicate_reference", method=method.value, reference=reference,
                          entry_id=earlier[0], receipt_no=earlier[1] or "")


def _insert(session: Session, entry: LedgerEntry) -> None:
    # The partial unique index decides a race between two desks on PostgreSQL;
    # the savepoint turns its refusal into a clean DomainError.
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError as exc:
        if "reference" in str(exc.orig):
            raise DomainError("duplicate_reference", method=str(entry.method),
                              reference=entry.reference, entry_id=None, receipt_no="") from exc
        raise


def _record(session: Session, actor: Actor, now: dt.datetime, entry: LedgerEntry,
            bal: Balance) -> LedgerResult:
    audit.record(session, actor, f"ledger.{entry.kind.value}", now, entity="ledger_entry",
                 entity_id=entry.id, learner_id=entry.learner_id,
                 after={"enrollment_id": entry.enrollment_id, "amount_fen": entry.amount_fen,
                        "method": entry.method, "reference": entry.reference,
                        "receipt_no": entry.receipt_no, "reason": entry.reason,
                        "reverses_id": entry.reverses_id, "corrects_id": entry.corrects_id,
                        "balance_fen": bal.balance_fen})
    return LedgerResult(entry.id, entry.kind, entry.learner_id, entry.enrollment_id,
                        entry.amount_fen, entry.method, entry.receipt_no, entry.business_date,
                        bal)


def _new_entry(enrollment: Enrollment, kind: LedgerKind, amount_fen: int, day: dt.date,
               actor: Actor, now: dt.datetime, **more: object) -> LedgerEntry:
    return LedgerEntry(learner_id=enrollment.learner_id, enrollment_id=enrollment.id, kind=kind,
                       amount_fen=amount_fen, at=now, business_date=day, desk=actor.desk,
                       staff_id=actor.staff_id, **more)


def place_refusal(status: EnrollmentStatus) -> str | None:
    """Why a place of this status takes no payment or waiver (a refusal code),
    None when it does: a withdrawn place owes nothing more, and a wait-listed
    learner owes nothing until a seat is theirs."""
    if status is EnrollmentStatus.WITHDRAWN:
        return "enrollment_withdrawn"
    if status not in OWING:
        return "enrollment_waitlisted"
    return None


def _against_balance(
    session: Session, enrollment_id: int, amount_fen: int, actor: Actor, now: dt.datetime
) -> tuple[Enrollment, SchoolSettings, dt.date, Balance]:
    """What a payment or a waiver stands on: a seated enrollment on an open
    day, and an amount no larger than what is still owed."""
    enrollment = get_enrollment(session, enrollment_id)
    settings, day = _open_day(session, now, actor)
    refusal = place_refusal(enrollment.status)
    if refusal is not None:
        raise DomainError(refusal, enrollment_id=enrollment_id)
    before = balance(session, enrollment_id)
    if amount_fen > before.balance_fen:
        raise DomainError("amount_over_balance", amount_fen=amount_fen,
                          balance_fen=before.balance_fen, balance=format_fen(before.balance_fen))
    return enrollment, settings, day, before


def take_payment(
    session: Session, enrollment_id: int, amount_fen: int, method: PaymentMethod | str,
    actor: Actor, now: dt.datetime, *, reference: str | None = None,
) -> LedgerResult:
    """Record a payment towards an enrollment and give it the next receipt number.

    Refuses a zero or negative amount, more than the balance
    ("amount_over_balance"), a withdrawn enrollment, a non-cash method without
    a transaction reference ("reference_required"), a reference already used
    with the same method ("duplicate_reference") and a closed day ("day_closed").
    """
    check_amount(amount_fen)
    method = _check_method(method)
    ref = clean_reference(reference)
    if ref is None and method is not PaymentMethod.CASH:
        raise DomainError("reference_required", method=method.value)
    enrollment, settings, day, before = _against_balance(
        session, enrollment_id, amount_fen, actor, now)
    if ref is not None:
        _duplicate_reference(session, method, ref)
    number = bump_counter(session, receipt_counter_name(day.year))
    entry = _new_entry(enrollment, LedgerKind.PAYMENT, amount_fen, day, actor, now,
                       method=method, reference=ref,
                       receipt_no=format_receipt_no(settings.receipt_prefix, day.year, number))
    _insert(session, entry)
    return _record(session, actor, now, entry, after(before, LedgerKind.PAYMENT, amount_fen))


def _sum_amounts(session: Session, *where: ColumnElement[bool]) -> int:
    return int(session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0)).where(*where)) or 0)


def refundable_fen(session: Session, payment_id: int) -> int:
    """What is left to refund on a payment: its amount, less refunds of it,
    plus corrections (on its own enrollment) of it and of those refunds."""
    payment = session.get(LedgerEntry, payment_id)
    if payment is None or payment.kind is not LedgerKind.PAYMENT:
        return 0
    refund_ids = select(LedgerEntry.id).where(LedgerEntry.reverses_id == payment_id,
                                              LedgerEntry.kind == LedgerKind.REFUND)
    refunded = _sum_amounts(session, LedgerEntry.id.in_(refund_ids))
    corrected = _sum_amounts(
        session, LedgerEntry.kind == LedgerKind.ADJUSTMENT,
        LedgerEntry.enrollment_id == payment.enrollment_id,
        (LedgerEntry.corrects_id == payment_id) | LedgerEntry.corrects_id.in_(refund_ids))
    return max(0, payment.amount_fen - refunded + corrected)


def _correctable_fen(session: Session, entry: LedgerEntry, amount_fen: int) -> int | None:
    """How far a correction of ``entry`` may go in the direction of
    ``amount_fen`` without undoing more than the entry holds (None: no
    limit of its own, only the balance's)."""
    own = _sum_amounts(session, LedgerEntry.kind == LedgerKind.ADJUSTMENT,
                       LedgerEntry.corrects_id == entry.id,
                       LedgerEntry.enrollment_id == entry.enrollment_id)
    if amount_fen < 0 and entry.kind is LedgerKind.PAYMENT:
        return refundable_fen(session, entry.id)
    if amount_fen < 0 and entry.kind is LedgerKind.REFUND and entry.reverses_id is not None:
        return refundable_fen(session, entry.reverses_id)
    if amount_fen < 0 and entry.kind is LedgerKind.WAIVER:
        return max(0, entry.amount_fen + own)
    if amount_fen > 0 and entry.kind is LedgerKind.REFUND:
        return max(0, entry.amount_fen - own)
    return None


def refund(
    session: Session, payment_entry_id: int, amount_fen: int, reason: Reason, actor: Actor,
    now: dt.datetime, *, method: PaymentMethod | str | None = None, reference: str | None = None,
) -> LedgerResult:
    """Give back part or all of one payment, by its method unless ``method`` says.

    Never more than that payment's paid-and-not-yet-refunded amount
    ("refund_over_paid"); needs a reason and, once staff roles exist, a
    cashier or admin. Dated today, whatever day the payment was.
    """
    check_amount(amount_fen)
    roles.require(actor, roles.Action.REFUND)
    clean = _check_reason(reason, LedgerKind.REFUND)
    ref = clean_reference(reference)
    payment = _entry(session, payment_entry_id)
    if payment.kind is not LedgerKind.PAYMENT:
        raise DomainError("not_a_payment", entry_id=payment_entry_id, kind=payment.kind.value)
    way = _check_method(method) if method is not None else payment.method
    _settings, day = _open_day(session, now, actor)
    enrollment = get_enrollment(session, payment.enrollment_id)
    before = balance(session, enrollment.id)
    # Never more than this payment has left, nor than the enrollment holds
    # (the balance may not climb above the fee).
    available = min(refundable_fen(session, payment.id),
                    before.fee_due_fen - before.balance_fen)
    if amount_fen > available:
        raise DomainError("refund_over_paid", amount_fen=amount_fen, available_fen=available,
                          available=format_fen(available), receipt_no=payment.receipt_no or "")
    if ref is not None and way is not None:
        _duplicate_reference(session, way, ref)
    entry = _new_entry(enrollment, LedgerKind.REFUND, amount_fen, day, actor, now, method=way,
                       reference=ref, reverses_id=payment.id, reason=clean.stored())
    _insert(session, entry)
    return _record(session, actor, now, entry, after(before, LedgerKind.REFUND, amount_fen))


def waive(
    session: Session, enrollment_id: int, amount_fen: int, reason: Reason, actor: Actor,
    now: dt.datetime,
) -> LedgerResult:
    """Forgive part or all of what is owed (减免), never more than the balance.

    Needs a reason (e.g. ``unemployed``) and, once staff roles exist, a cashier
    or admin. No money moves, so a waiver is not in the cash drawer.
    """
    check_amount(amount_fen)
    roles.require(actor, roles.Action.WAIVER)
    clean = _check_reason(reason, LedgerKind.WAIVER)
    enrollment, _settings, day, before = _against_balance(
        session, enrollment_id, amount_fen, actor, now)
    entry = _new_entry(enrollment, LedgerKind.WAIVER, amount_fen, day, actor, now,
                       reason=clean.stored())
    _insert(session, entry)
    return _record(session, actor, now, entry, after(before, LedgerKind.WAIVER, amount_fen))


def adjust(
    session: Session, corrects_id: int, amount_fen: int, reason: Reason, actor: Actor,
    now: dt.datetime, *, enrollment_id: int | None = None,
) -> LedgerResult:
    """Correct an earlier entry, e.g. one on a day already closed.

    A new entry dated today points at what it corrects. ``amount_fen`` is
    signed: positive credits the learner (lowers the balance), negative
    raises it again. It goes on the corrected entry's enrollment, or on
    another enrollment of the same learner (money recorded on the wrong
    course). The balance must stay between zero and the fee, and a
    correction cannot undo more than the corrected entry still holds
    ("adjustment_out_of_range"). No money moves through the drawer.
    """
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise DomainError("amount_not_a_number", value=str(amount_fen))
    if amount_fen == 0:
        raise DomainError("amount_zero", value=0)
    roles.require(actor, roles.Action.ADJUSTMENT)
    clean = _check_reason(reason, LedgerKind.ADJUSTMENT)
    corrected = _entry(session, corrects_id)
    enrollment = get_enrollment(session, enrollment_id or corrected.enrollment_id)
    if enrollment.learner_id != corrected.learner_id:
        raise DomainError("enrollment_mismatch", enrollment_id=enrollment.id)
    _settings, day = _open_day(session, now, actor)
    before = balance(session, enrollment.id)
    low, high = before.balance_fen - before.fee_due_fen, before.balance_fen
    own = _correctable_fen(session, corrected, amount_fen)
    if own is not None:
        low, high = (max(low, -own), high) if amount_fen < 0 else (low, min(high, own))
    if not low <= amount_fen <= high:
        raise DomainError("adjustment_out_of_range", amount_fen=amount_fen, min_fen=low,
                          max_fen=high, min=format_fen(low), max=format_fen(high))
    entry = _new_entry(enrollment, LedgerKind.ADJUSTMENT, amount_fen, day, actor, now,
                       corrects_id=corrected.id, reason=clean.stored())
    _insert(session, entry)
    return _record(session, actor, now, entry, after(before, LedgerKind.ADJUSTMENT, amount_fen))
