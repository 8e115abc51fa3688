"""What a learner owes on an enrollment, from the append-only ledger.

Every ledger amount is positive; the kind gives its direction. A payment and
a waiver lower the balance, a refund raises it again. An adjustment is the
one signed kind: positive lowers the balance (a credit), negative raises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from frontdesk.store.models import Enrollment, LedgerEntry, LedgerKind


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


def _sum(kind: LedgerKind):  # type: ignore[no-untyped-def]
    return func.coalesce(
        func.sum(case((LedgerEntry.kind == kind, LedgerEntry.amount_fen), else_=0)), 0
    )


def balances(session: Session, enrollment_ids: list[int]) -> dict[int, Balance]:
    """Balances of several enrollments in one query."""
    if not enrollment_ids:
        return {}
    rows = session.execute(
        select(
            Enrollment.id,
            Enrollment.fee_due_fen,
            _sum(LedgerKind.PAYMENT),
            _sum(LedgerKind.REFUND),
            _sum(LedgerKind.WAIVER),
            _sum(LedgerKind.ADJUSTMENT),
        )
        .outerjoin(LedgerEntry, LedgerEntry.enrollment_id == Enrollment.id)
        .where(Enrollment.id.in_(enrollment_ids))
        .group_by(Enrollment.id, Enrollment.fee_due_fen)
    )
    return {
        eid: Balance(due, paid - refunded, refunded, waived, adjusted)
        for eid, due, paid, refunded, waived, adjusted in rows
    }


def balance(session: Session, enrollment_id: int) -> Balance:
    return balances(session, [enrollment_id])[enrollment_id]
