"""The daily cash-up (日结): what came in and went out, and closing the day.

A day is closed per desk (each drawer is counted on its own) or for the
whole school (desk ''), which covers every desk not closed on its own. Once
closed, the ledger refuses new entries for that business date at that desk;
later corrections are new entries dated on their own day that point at what
they correct. Expected cash is cash payments less cash refunds: a drawer's
float (备用金) is not in the ledger, so staff count the drawer without it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.fees.ledger import Reason, receipt_counter_name
from frontdesk.fees.ledger import business_date as day_of
from frontdesk.money import format_fen
from frontdesk.settings import load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.counters import bump_counter
from frontdesk.store.models import CashUp, Course, Enrollment, Learner, LedgerEntry, Staff
from frontdesk.vocab import LedgerKind, PaymentMethod

MAX_NOTE = 500


@dataclass(frozen=True, slots=True)
class CashUpLine:
    entry_id: int
    at: dt.datetime
    kind: LedgerKind
    amount_fen: int  # as stored: positive, except a signed adjustment
    method: PaymentMethod | None
    reference: str | None
    receipt_no: str | None
    reverses_id: int | None
    corrects_id: int | None
    reverses_receipt_no: str | None  # the payment a refund gives back
    reason: Reason | None
    learner_code: str
    learner_name: str
    course_code: str
    course_title: str
    desk: str
    staff_id: int | None
    staff_name: str

    @property
    def drawer_fen(self) -> int:
        """What this entry moved in money: + in, − out, 0 for waivers and corrections."""
        if self.kind is LedgerKind.PAYMENT:
            return self.amount_fen
        if self.kind is LedgerKind.REFUND:
            return -self.amount_fen
        return 0


@dataclass(frozen=True, slots=True)
class MethodTotal:
    method: PaymentMethod
    payments: int  # how many
    payments_fen: int
    refunds: int
    refunds_fen: int

    @property
    def net_fen(self) -> int:
        return self.payments_fen - self.refunds_fen


@dataclass(frozen=True, slots=True)
class StaffTotal:
    """One desk and staff member's evening."""

    desk: str
    staff_id: int | None
    staff_name: str
    methods: tuple[MethodTotal, ...]  # every method, in PaymentMethod order
    waived_fen: int
    adjusted_fen: int
    entries: int

    @property
    def net_fen(self) -> int:
        return sum(m.net_fen for m in self.methods)

    def method(self, method: PaymentMethod) -> MethodTotal:
        return next(m for m in self.methods if m.method is method)


@dataclass(frozen=True, slots=True)
class Closing:
    """A recorded cash-up: expected against counted cash."""

    cashup_id: int
    business_date: dt.date
    desk: str  # '' = the whole school
    expected_cash_fen: int
    counted_cash_fen: int
    note: str
    closed_at: dt.datetime
    staff_id: int | None
    staff_name: str

    @property
    def difference_fen(self) -> int:
        """Counted less expected: negative when the drawer is short."""
        return self.counted_cash_fen - self.expected_cash_fen


@dataclass(frozen=True, slots=True)
class CashUpReport:
    school_name: str
    timezone: str  # the school's zone, for showing entry times
    business_date: dt.date
    desk: str | None  # None = every desk
    entries: tuple[CashUpLine, ...]
    methods: tuple[MethodTotal, ...]  # every method, in PaymentMethod order
    by_staff: tuple[StaffTotal, ...]
    closings: tuple[Closing, ...]  # those that cover this report's desk(s)

    def _sum(self, kind: LedgerKind) -> int:
        return sum(e.amount_fen for e in self.entries if e.kind is kind)

    @property
    def payments_fen(self) -> int:
        return self._sum(LedgerKind.PAYMENT)

    @property
    def refunds_fen(self) -> int:
        return self._sum(LedgerKind.REFUND)

    @property
    def waived_fen(self) -> int:
        return self._sum(LedgerKind.WAIVER)

    @property
    def adjusted_fen(self) -> int:
        return self._sum(LedgerKind.ADJUSTMENT)

    @property
    def net_fen(self) -> int:
        return self.payments_fen - self.refunds_fen

    @property
    def expected_cash_fen(self) -> int:
        return self.method(PaymentMethod.CASH).net_fen

    @property
    def refunds(self) -> tuple[CashUpLine, ...]:
        return tuple(e for e in self.entries if e.kind is LedgerKind.REFUND)

    @property
    def waivers(self) -> tuple[CashUpLine, ...]:
        return tuple(e for e in self.entries if e.kind is LedgerKind.WAIVER)

    @property
    def adjustments(self) -> tuple[CashUpLine, ...]:
        return tuple(e for e in self.entries if e.kind is LedgerKind.ADJUSTMENT)

    @property
    def closed(self) -> bool:
        """This desk's drawer is closed; for every desk, each one that took
        entries is (or the whole school was closed at once)."""
        desks = {c.desk for c in self.closings}
        if "" in desks:
            return True
        if self.desk is not None:
            return self.desk in desks
        return bool(desks) and {e.desk for e in self.entries} <= desks

    @property
    def counted_cash_fen(self) -> int | None:
        return sum(c.counted_cash_fen for c in self.closings) if self.closings else None

    @property
    def difference_fen(self) -> int | None:
        return sum(c.difference_fen for c in self.closings) if self.closings else None

    def method(self, method: PaymentMethod) -> MethodTotal:
        return next(m for m in self.methods if m.method is method)

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _method_totals(lines: list[CashUpLine]) -> tuple[MethodTotal, ...]:
    counts: dict[tuple[PaymentMethod, LedgerKind], list[int]] = defaultdict(lambda: [0, 0])
    for e in lines:
        if e.method is not None and e.kind in (LedgerKind.PAYMENT, LedgerKind.REFUND):
            cell = counts[(e.method, e.kind)]
            cell[0] += 1
            cell[1] += e.amount_fen
    return tuple(
        MethodTotal(m, *counts.get((m, LedgerKind.PAYMENT), [0, 0]),
                    *counts.get((m, LedgerKind.REFUND), [0, 0]))
        for m in PaymentMethod
    )


def _staff_totals(lines: list[CashUpLine]) -> tuple[StaffTotal, ...]:
    groups: dict[tuple[str, int | None], list[CashUpLine]] = defaultdict(list)
    for e in lines:
        groups[(e.desk, e.staff_id)].append(e)
    return tuple(
        StaffTotal(desk, staff_id, group[0].staff_name, _method_totals(group),
                   sum(e.amount_fen for e in group if e.kind is LedgerKind.WAIVER),
                   sum(e.amount_fen for e in group if e.kind is LedgerKind.ADJUSTMENT),
                   len(group))
        for (desk, staff_id), group in sorted(groups.items(), key=lambda kv: (kv[0][0],
                                                                              kv[0][1] or 0))
    )


def _day_lines(session: Session, day: dt.date, desk: str | None) -> list[CashUpLine]:
    query = (
        select(LedgerEntry, Learner.code, Learner.name, Course.code, Course.title,
               Staff.display_name)
        .join(Learner, Learner.id == LedgerEntry.learner_id)
        .join(Enrollment, Enrollment.id == LedgerEntry.enrollment_id)
        .join(Course, Course.id == Enrollment.course_id)
        .outerjoin(Staff, Staff.id == LedgerEntry.staff_id)
        .where(LedgerEntry.business_date == day)
        .order_by(LedgerEntry.at, LedgerEntry.id)
    )
    if desk is not None:
        query = query.where(LedgerEntry.desk == desk)
    rows = session.execute(query).all()
    reversed_ids = {e.reverses_id for e, *_ in rows if e.reverses_id is not None}
    receipts = dict(session.execute(
        select(LedgerEntry.id, LedgerEntry.receipt_no).where(LedgerEntry.id.in_(reversed_ids))
    ).all()) if reversed_ids else {}
    return [
        CashUpLine(e.id, e.at, e.kind, e.amount_fen, e.method, e.reference, e.receipt_no,
                   e.reverses_id, e.corrects_id, receipts.get(e.reverses_id or 0),
                   Reason.from_stored(e.reason), l_code, l_name, c_code, c_title, e.desk,
                   e.staff_id, staff or "")
        for e, l_code, l_name, c_code, c_title, staff in rows
    ]


def closings(session: Session, day: dt.date) -> list[Closing]:
    """Every cash-up recorded for ``day``, whole-school last."""
    rows = session.execute(
        select(CashUp, Staff.display_name).outerjoin(Staff, Staff.id == CashUp.staff_id)
        .where(CashUp.business_date == day).order_by(CashUp.desk == "", CashUp.desk)
    ).all()
    return [Closing(c.id, c.business_date, c.desk, c.expected_cash_fen, c.counted_cash_fen,
                    c.note, c.closed_at, c.staff_id, name or "") for c, name in rows]


def cashup_report(session: Session, business_date: dt.date,
                  desk: str | None = None) -> CashUpReport:
    """The day's money for one desk, or every desk when ``desk`` is None:
    totals per method and per desk and staff, every entry (refunds, waivers
    and corrections with their reasons), expected cash, and any closing."""
    lines = _day_lines(session, business_date, desk)
    recorded = closings(session, business_date)
    relevant = tuple(c for c in recorded if desk is None or c.desk in (desk, ""))
    settings = load_settings(session)
    return CashUpReport(settings.name, settings.timezone, business_date, desk, tuple(lines),
                        _method_totals(lines), _staff_totals(lines), relevant)


@dataclass(frozen=True, slots=True)
class DeskDay:
    desk: str
    entries: int
    closed: bool


def desks_for_day(session: Session, business_date: dt.date) -> list[DeskDay]:
    """The desks that took entries on a day, and whether each is closed."""
    lines = _day_lines(session, business_date, None)
    closed = {c.desk for c in closings(session, business_date)}
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        counts[line.desk] += 1
    for desk in closed - {""}:
        counts.setdefault(desk, 0)
    return [DeskDay(d, n, d in closed or "" in closed) for d, n in sorted(counts.items())]


def close_day(
    session: Session, business_date: dt.date, desk: str | None, counted_cash_fen: int,
    note: str, actor: Actor, now: dt.datetime,
) -> Closing:
    """Record the counted cash against the expected and close the day.

    ``desk`` None (or '') closes the whole school: every desk not closed on
    its own. Refuses a day already closed ("day_closed"), a day still to come
    ("date_in_future"), a negative count, and a difference without a note
    ("cashup_note_required"). Afterwards the day takes no new entries.
    """
    roles.require(actor, roles.Action.CASHUP)
    if isinstance(counted_cash_fen, bool) or not isinstance(counted_cash_fen, int):
        raise DomainError("amount_not_a_number", value=str(counted_cash_fen))
    if counted_cash_fen < 0:
        raise DomainError("amount_negative", value=counted_cash_fen)
    clean_note = " ".join((note or "").split())
    if len(clean_note) > MAX_NOTE:
        raise DomainError("note_too_long", max=MAX_NOTE)
    settings = load_settings(session)
    if business_date > day_of(settings, now):
        raise DomainError("date_in_future", business_date=business_date.isoformat())
    # The same lock the ledger writes take: no entry slips in mid-count.
    bump_counter(session, receipt_counter_name(business_date.year), 0)
    which = desk or ""
    expected = _expected_cash(session, business_date, which)
    if expected is None:
        raise DomainError("day_closed", business_date=business_date.isoformat(), desk=which)
    if counted_cash_fen != expected and not clean_note:
        raise DomainError("cashup_note_required", difference_fen=counted_cash_fen - expected,
                          difference=format_fen(counted_cash_fen - expected))
    row = CashUp(business_date=business_date, desk=which, expected_cash_fen=expected,
                 counted_cash_fen=counted_cash_fen, note=clean_note, closed_at=now,
                 staff_id=actor.staff_id)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError as exc:  # another desk closed it a moment ago
        raise DomainError("day_closed", business_date=business_date.isoformat(),
                          desk=which) from exc
    audit.record(session, actor, "cashup.close", now, entity="cash_up", entity_id=row.id,
                 after={"business_date": business_date.isoformat(), "desk": which,
                        "expected_cash_fen": expected, "counted_cash_fen": counted_cash_fen,
                        "difference_fen": counted_cash_fen - expected, "note": clean_note})
    return Closing(row.id, business_date, which, expected, counted_cash_fen, clean_note, now,
                   actor.staff_id, actor.name)


def _expected_cash(session: Session, day: dt.date, desk: str) -> int | None:
    """Cash expected in the drawer(s) being closed; None if already closed."""
    closed = {c.desk for c in closings(session, day)}
    if "" in closed or desk in closed:
        return None
    lines = _day_lines(session, day, desk or None)
    return sum(line.drawer_fen for line in lines
               if line.method is PaymentMethod.CASH and line.desk not in closed)
