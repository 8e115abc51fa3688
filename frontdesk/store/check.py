"""Checking a whole store for tampering and damage (``frontdesk verify-store``).

Each check returns :class:`Problem` values naming the table and row, never
sentences. The hash chains stop at their first broken link: every row after
one that was removed or changed is suspect, and the first is what an
auditor needs to see.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from frontdesk.store import chain
from frontdesk.store.engine import Store
from frontdesk.store.models import (
    AuditEvent,
    AuditPersonal,
    Base,
    CashUp,
    Certificate,
    Counter,
    LedgerEntry,
    Setting,
)
from frontdesk.vocab import LedgerKind, PaymentMethod

_GUARDS = {
    "sqlite": ("{t}_no_update", "{t}_no_delete", "{t}_no_replace"),
    "postgresql": ("{t}_append_only", "{t}_no_truncate"),
}
_NUMBERED = re.compile(r"^(?P<head>.*?)(?P<year>\d{4})-(?P<number>\d+)$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the store: ``code`` says what, the rest where."""

    code: str
    table: str = ""
    row_id: int | None = None
    detail: str = ""


def check_store(store: Store) -> list[Problem]:
    """Every check, in one read transaction; an empty list means all is well."""
    with store.engine.connect() as conn:
        problems: list[Problem] = []
        for table in chain.CONTENT:  # the first broken link first: it says the most
            problems.extend(check_chain(conn, table))
        problems.extend(_personal_values(conn))
        problems.extend(_engine_checks(conn))
        problems.extend(_numbering(conn, "ledger_entry", LedgerEntry.receipt_no, "receipt"))
        problems.extend(_numbering(conn, "certificate", Certificate.serial, "certificate"))
        problems.extend(_cash_ups(conn))
        conn.rollback()
    return problems


def check_chain(conn: Connection, table_name: str) -> list[Problem]:
    """The first broken link of ``table_name``'s chain, and rows missing at its end."""
    table = Base.metadata.tables[table_name]
    columns = [table.c.id, table.c.prev_hash, table.c.row_hash,
               *(table.c[name] for name in chain.CONTENT[table_name])]
    rows = conn.execution_options(yield_per=2000).execute(select(*columns).order_by(table.c.id))
    try:
        broken, count = _first_broken_link(table_name, rows.mappings())
    finally:
        rows.close()
    if broken is not None:
        return [broken]
    counted = conn.execute(select(Counter.value).where(
        Counter.name == chain.counter_name(table_name))).scalar() or 0
    if counted > count:
        return [Problem("chain_rows_missing", table_name, None, f"{count}/{counted}")]
    return []


def _first_broken_link(
    table_name: str, rows: Iterable[RowMapping]
) -> tuple[Problem | None, int]:
    prev, count = chain.GENESIS, 0
    for row in rows:
        count += 1
        if row["row_hash"] is None:
            return Problem("chain_unsealed", table_name, row["id"]), count
        if row["prev_hash"] != prev:
            return Problem("chain_link_broken", table_name, row["id"]), count
        if chain.row_hash(table_name, prev, row) != row["row_hash"]:
            return Problem("chain_row_changed", table_name, row["id"]), count
        prev = row["row_hash"]
    return None, count


def _personal_values(conn: Connection) -> Iterator[Problem]:
    """Personal values set apart from audit events are still the ones the chain covers."""
    import hashlib

    rows = conn.execute(select(AuditPersonal.digest, AuditPersonal.data))
    for digest, data in rows:
        if hashlib.sha256(data.encode("utf-8")).hexdigest() != digest:
            event = conn.execute(select(AuditEvent.id).where(
                AuditEvent.personal_digest == digest)).scalar()
            yield Problem("chain_row_changed", "audit_event", event)
            return


def _engine_checks(conn: Connection) -> Iterator[Problem]:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
        if result != ["ok"]:
            yield Problem("integrity", detail="; ".join(result[:3]))
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            yield Problem("foreign_key", table, rowid, parent)
        present = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    elif dialect == "postgresql":
        present = {r[0] for r in conn.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"))}
    else:
        return
    for table in chain.CONTENT:
        for pattern in _GUARDS[dialect]:
            if pattern.format(t=table) not in present:
                yield Problem("guard_missing", table, None, pattern.format(t=table))


def _numbering(conn: Connection, table: str, column: Any, counter: str) -> Iterator[Problem]:
    """Numbers of each year run 1, 2, 3… up to the year's counter, none twice."""
    by_year: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for number in conn.execute(select(column).where(column.isnot(None))).scalars():
        found = _NUMBERED.match(number)
        if found is None:
            yield Problem("number_unreadable", table, None, number)
            continue
        by_year[int(found["year"])].append((int(found["number"]), number))
    counters = dict(conn.execute(select(Counter.name, Counter.value).where(
        Counter.name.like(f"{counter}:%"))).all())
    years = set(by_year) | {int(n.split(":")[1]) for n in counters if n.split(":")[1].isdigit()}
    for year in sorted(years):
        numbers = sorted(by_year.get(year, []))
        top = counters.get(f"{counter}:{year}", 0)
        expected = 1
        for value, shown in numbers:
            if value < expected:
                yield Problem("number_repeated", table, None, shown)
            elif value > expected:
                yield Problem("number_missing", table, None, f"{year}:{expected}")
                break
            expected = value + 1
        else:
            if top >= expected:
                yield Problem("number_missing", table, None, f"{year}:{expected}")


def _cash_ups(conn: Connection) -> Iterator[Problem]:
    """Each closed day's expected cash is still what its entries add up to."""
    cash: dict[tuple[dt.date, str], int] = defaultdict(int)
    rows = conn.execute(select(LedgerEntry.business_date, LedgerEntry.desk, LedgerEntry.kind,
                               LedgerEntry.amount_fen)
                        .where(LedgerEntry.method == PaymentMethod.CASH,
                               LedgerEntry.kind.in_((LedgerKind.PAYMENT, LedgerKind.REFUND))))
    for day, desk, kind, amount in rows:
        signed = amount if kind is LedgerKind.PAYMENT else -amount
        cash[(day, desk)] += signed
        cash[(day, "")] += signed
    for closing in conn.execute(select(CashUp.id, CashUp.business_date, CashUp.desk,
                                       CashUp.expected_cash_fen)):
        if cash.get((closing.business_date, closing.desk), 0) != closing.expected_cash_fen:
            yield Problem("cash_up_mismatch", "cash_up", closing.id,
                          closing.business_date.isoformat())


def safe_check_store(store: Store) -> list[Problem]:
    """:func:`check_store`, with a store too damaged to read as a problem of its own."""
    try:
        return check_store(store)
    except DBAPIError as exc:
        return [Problem("integrity", detail=str(exc.orig)[:200])]




FAILURE_SETTING = "store_check_failure"


@dataclass(frozen=True)
class CheckFailure:
    """A failed check that no administrator has looked at yet."""

    at: dt.datetime
    problems: tuple[Problem, ...]


def check_and_remember(store: Store, now: dt.datetime) -> list[Problem]:
    """Check the store; a failure is kept (in ``setting``) until an administrator
    acknowledges it, so the dashboard warns every desk meanwhile. A clean
    check never clears a failure nobody has looked at."""
    problems = safe_check_store(store)
    if problems and not any(p.code == "integrity" for p in problems):
        # (a damaged file is not written to: its words reach the person directly)
        data = {"at": now.isoformat(), "problems": [
            [p.code, p.table, p.row_id, p.detail] for p in problems[:50]]}
        try:
            with store.write() as session:
                session.merge(Setting(key=FAILURE_SETTING, value=json.dumps(data)))
        except DBAPIError:
            pass  # a store too damaged to write to: the caller still hears the problems
    return problems


def pending_failure(session: Session) -> CheckFailure | None:
    """The failed check awaiting an administrator, or None."""
    row = session.get(Setting, FAILURE_SETTING)
    if row is None:
        return None
    data = json.loads(row.value)
    return CheckFailure(dt.datetime.fromisoformat(data["at"]),
                        tuple(Problem(*p) for p in data["problems"]))


def forget_failure(session: Session) -> CheckFailure | None:
    """Remove the pending failure (the caller audits who looked at it)."""
    failure = pending_failure(session)
    if failure is not None:
        session.execute(delete(Setting).where(Setting.key == FAILURE_SETTING))
    return failure
