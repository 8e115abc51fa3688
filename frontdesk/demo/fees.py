"""Believable money for the demo school: a term of payments and waivers.

Bulk rows go in through Core inserts with the rules the ledger applies one
at a time: amounts never above the fee, wallet references unique, receipt
numbers gap-free per year in time order (the counters are set to match),
waivers with a reason, and every past evening closed by a cash-up whose
count matches (one drawer was ¥10 short, with a note). Tonight stays open.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from frontdesk.demo.bulk import bulk_insert
from frontdesk.fees.ledger import (
    Reason,
    ReasonCode,
    format_receipt_no,
    receipt_counter_name,
)
from frontdesk.settings import SchoolSettings
from frontdesk.store import chain
from frontdesk.store.counters import bump_counter
from frontdesk.store.models import CashUp, Enrollment, Learner, LedgerEntry
from frontdesk.vocab import EnrollmentStatus, LedgerKind, PaymentMethod

DESKS = ("前台1", "前台2")
METHOD_WEIGHTS = {PaymentMethod.WECHAT: 50, PaymentMethod.ALIPAY: 20, PaymentMethod.CASH: 20,
                  PaymentMethod.UNIONPAY: 7, PaymentMethod.BANK: 3}
UNEMPLOYED = "待业"


@dataclass
class _Planned:
    enrollment_id: int
    learner_id: int
    kind: LedgerKind
    amount_fen: int
    at: dt.datetime
    desk: str
    method: PaymentMethod | None = None
    reason: str = ""


def _reference(rng: random.Random, method: PaymentMethod, used: set[str]) -> str | None:
    if method is PaymentMethod.CASH:
        return None
    length = {PaymentMethod.WECHAT: 28, PaymentMethod.ALIPAY: 28}.get(method, 16)
    head = {PaymentMethod.WECHAT: "4200", PaymentMethod.ALIPAY: "2026"}.get(method, "")
    while True:
        ref = head + "".join(rng.choice("0123456789") for _ in range(length - len(head)))
        if ref not in used:
            used.add(ref)
            return ref


def _in_the_evening(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """``moment`` if the desk is open then (18:00–22:00), else a moment of the evening before."""
    local = moment.astimezone(tz)
    if 18 <= local.hour < 22:
        return moment.astimezone(dt.UTC)
    evening = local.date() - dt.timedelta(days=1 if local.hour < 18 else 0)
    start = dt.datetime.combine(evening, dt.time(18, 0), tzinfo=tz)
    return (start + dt.timedelta(minutes=local.minute * 3)).astimezone(dt.UTC)


def _when(rng: random.Random, enrolled: dt.datetime, now: dt.datetime, tz: object,
          today: dt.date) -> dt.datetime:
    """An evening moment after enrolling: mostly past days, some tonight."""
    from zoneinfo import ZoneInfo

    assert isinstance(tz, ZoneInfo)
    if rng.random() < 0.02:  # tonight's, at the desk in the evening hours
        return _in_the_evening(now - dt.timedelta(minutes=rng.randint(1, 90)), tz)
    first = enrolled.astimezone(tz).date()
    span = max(0, (today - first).days - 1)
    day = first + dt.timedelta(days=rng.randint(0, min(span, 30)))
    local = dt.datetime.combine(day, dt.time(18, 0), tzinfo=tz)
    return (local + dt.timedelta(minutes=rng.randint(0, 210))).astimezone(dt.UTC)


def _plan(session: Session, rng: random.Random, now: dt.datetime,
          settings: SchoolSettings) -> list[_Planned]:
    rows = session.execute(
        select(Enrollment.id, Enrollment.learner_id, Enrollment.fee_due_fen,
               Enrollment.enrolled_at, Learner.occupation)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .where(Enrollment.fee_due_fen > 0, Enrollment.status == EnrollmentStatus.ENROLLED)
        .order_by(Enrollment.id)
    ).all()
    tz, today = settings.tz(), now.astimezone(settings.tz()).date()
    methods, weights = list(METHOD_WEIGHTS), list(METHOD_WEIGHTS.values())
    plan: list[_Planned] = []
    for eid, lid, fee, enrolled, occupation in rows:
        at = _when(rng, enrolled or now, now, tz, today)
        desk = rng.choice(DESKS)
        waived = 0
        if occupation.startswith(UNEMPLOYED) and rng.random() < 0.6:
            waived = fee if rng.random() < 0.5 else fee // 2
            reason = Reason(ReasonCode.UNEMPLOYED, "失业登记证已核验").stored()
            plan.append(_Planned(eid, lid, LedgerKind.WAIVER, waived, at, desk, reason=reason))
        roll = rng.random()
        if waived == fee or roll < 0.2:
            continue  # not paid yet: on the outstanding list
        amount = fee - waived if roll > 0.35 else (fee - waived) // 2
        method = rng.choices(methods, weights)[0]
        plan.append(_Planned(eid, lid, LedgerKind.PAYMENT, amount, at, desk, method))
    _cash_tonight(plan, now, tz)
    plan.sort(key=lambda p: p.at)
    return plan


def _cash_tonight(plan: list[_Planned], now: dt.datetime, tz: ZoneInfo) -> None:
    """Each desk took some cash tonight, so tonight's cash-up has a drawer to count."""
    payments = [p for p in plan if p.kind is LedgerKind.PAYMENT]
    tonight = [p for p in payments if p.at > now - dt.timedelta(hours=2)]
    for n, desk in enumerate(DESKS):
        if any(p.desk == desk and p.method is PaymentMethod.CASH for p in tonight):
            continue
        spare = next((p for p in tonight if p.method is not PaymentMethod.CASH), None) or \
            next((p for p in reversed(payments) if p not in tonight), None)
        if spare is None:
            return
        spare.desk, spare.method = desk, PaymentMethod.CASH
        if spare not in tonight:
            spare.at = _in_the_evening(now - dt.timedelta(minutes=20 + 15 * n), tz)
            tonight.append(spare)


def add_demo_payments(session: Session, rng: random.Random, now: dt.datetime,
                      settings: SchoolSettings) -> int:
    """Fill the demo school's ledger and close its past evenings; returns the
    number of ledger entries. Call inside build_demo's transaction, after the
    enrollments (needs an empty ledger)."""
    plan = _plan(session, rng, now, settings)
    tz, used = settings.tz(), set[str]()
    numbers: dict[int, int] = defaultdict(int)
    rows: list[dict[str, object]] = []
    cash: dict[tuple[dt.date, str], int] = defaultdict(int)
    days: set[tuple[dt.date, str]] = set()
    for item in plan:
        day = item.at.astimezone(tz).date()
        row = {"learner_id": item.learner_id, "enrollment_id": item.enrollment_id,
               "kind": item.kind, "amount_fen": item.amount_fen, "method": item.method,
               "reference": None, "receipt_no": None, "reverses_id": None,
               "corrects_id": None, "reason": item.reason, "at": item.at, "business_date": day,
               "desk": item.desk, "staff_id": None}
        if item.kind is LedgerKind.PAYMENT and item.method is not None:
            numbers[day.year] += 1
            row["receipt_no"] = format_receipt_no(settings.receipt_prefix, day.year,
                                                  numbers[day.year])
            row["reference"] = _reference(rng, item.method, used)
            if item.method is PaymentMethod.CASH:
                cash[(day, item.desk)] += item.amount_fen
        rows.append(row)
        days.add((day, item.desk))
    session.flush()
    chain.seal(session.connection(), "ledger_entry", rows)
    for start in range(0, len(rows), 5000):
        bulk_insert(session, LedgerEntry, rows[start:start + 5000])
    for year, count in numbers.items():
        bump_counter(session, receipt_counter_name(year), count)
    _close_past_days(session, rng, now, settings, days, cash)
    return len(rows)


def _close_past_days(session: Session, rng: random.Random, now: dt.datetime,
                     settings: SchoolSettings, days: set[tuple[dt.date, str]],
                     cash: dict[tuple[dt.date, str], int]) -> None:
    today = now.astimezone(settings.tz()).date()
    past = sorted(d for d in days if d[0] < today)
    short = rng.choice(past) if past else None
    rows = []
    for day, desk in past:
        expected = cash.get((day, desk), 0)
        counted = expected - 1000 if (day, desk) == short and expected >= 1000 else expected
        local_close = dt.datetime.combine(day, dt.time(21, 40), tzinfo=settings.tz())
        rows.append({"business_date": day, "desk": desk, "expected_cash_fen": expected,
                     "counted_cash_fen": counted, "closed_at": local_close.astimezone(dt.UTC),
                     "note": "找零差错，已登记" if counted != expected else "", "staff_id": None})
    if rows:
        session.execute(insert(CashUp), rows)
