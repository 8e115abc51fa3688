"""What a learner owes on an enrollment, from the append-only ledger.

Every ledger amount is positive; the kind gives its direction. A payment and
a waiver lower the balance, a refund raises it again. An adjustment is the
one signed kind: positive lowers the balance (a credit), negative raises it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from frontdesk.store.models import Enrollment, LedgerEntry
from frontdesk.vocab import LedgerKind


@dataclass(frozen=True)
class Balance:
    fee_due_fen: int
    paid_fen: int  # payments less refunds
    refunded_fen: int
    waived_fen: int
    adjusted_fen: int

    @property
    def balance_fen(self) -> int:
        return self.fee_due_fen - self.paid_fen - self.waived_fen - self.adjusted_fen

    @property
    def settled(self) -> bool:
        return self.balance_fen <= 0


def _sum(kind: LedgerKind) -> ColumnElement[int]:
    return func.coalesce(
        func.sum(case((LedgerEntry.kind == kind, LedgerEntry.amount_fen), else_=0)), 0
    )


@functools.cache
def _balances_query() -> Select[int, int, int, int, int, int]:
    # Built once: the fees window and every ledger write ask for a balance,
    # and building this statement costs more than running it.
    return (
        select(
            Enrollment.id,
            Enrollment.fee_due_fen,
            _sum(LedgerKind.PAYMENT),
            _sum(LedgerKind.REFUND),
            _sum(LedgerKind.WAIVER),
            _sum(LedgerKind.ADJUSTMENT),
        )
        .outerjoin(LedgerEntry, LedgerEntry.enrollment_id == Enrollment.id)
        .where(Enrollment.id.in_(bindparam("ids", expanding=True)))
        .group_by(Enrollment.id, Enrollment.fee_due_fen)
    )


def balances(session: Session, enrollment_ids: list[int]) -> dict[int, Balance]:
    """Balances of several enrollments in one query."""
    if not enrollment_ids:
        return {}
    # Plain columns, no ORM entities: run it as Core, on the session's connection.
    rows = session.connection().execute(_balances_query(), {"ids": list(enrollment_ids)})
    return {
        eid: Balance(due, paid - refunded, refunded, waived, adjusted)
        for eid, due, paid, refunded, waived, adjusted in rows
    }


def balance(session: Session, enrollment_id: int) -> Balance:
    return balances(session, [enrollment_id])[enrollment_id]


def after(before: Balance, kind: LedgerKind, amount_fen: int) -> Balance:
    """The balance once one more entry of ``kind`` is added (no query)."""
    if kind is LedgerKind.PAYMENT:
        return replace(before, paid_fen=before.paid_fen + amount_fen)
    if kind is LedgerKind.REFUND:
        return replace(before, paid_fen=before.paid_fen - amount_fen,
                       refunded_fen=before.refunded_fen + amount_fen)
    if kind is LedgerKind.WAIVER:
        return replace(before, waived_fen=before.waived_fen + amount_fen)
    return replace(before, adjusted_fen=before.adjusted_fen + amount_fen)
