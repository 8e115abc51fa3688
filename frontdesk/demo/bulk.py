"""Bulk rows for the demo school, straight through the driver.

A school of a million learners has millions of attendance rows. Sent as ORM
bulk inserts, each row's values went through the ORM and the column types
one by one; here they are converted once per distinct value (a demo school
repeats its times and words endlessly) and handed to the driver whole:
``executemany`` on SQLite, ``COPY`` on PostgreSQL, inside the caller's
transaction. Values are converted by the columns' own types, so the store
reads them exactly as if the ORM had written them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def bulk_insert(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts by column name) into ``model``'s table."""
    if not rows:
        return
    table: Table = model.__table__
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name not in ("sqlite", "postgresql"):
        conn.execute(insert(table), list(rows))
        return
    names = [c.name for c in table.columns if c.name in rows[0] or _has_scalar_default(c)]
    converters = [_converter(table.columns[n], dialect) for n in names]
    defaults = {n: _default(table.columns[n]) for n in names if n not in rows[0]}
    values = [tuple(convert(row[n] if n in row else defaults[n])
                    for n, convert in zip(names, converters, strict=True)) for row in rows]
    driver = conn.connection.driver_connection
    assert driver is not None
    columns = ", ".join(names)
    if dialect.name == "sqlite":
        # in the transaction SQLAlchemy began on this very connection
        driver.cursor().executemany(
            f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join('?' * len(names))})",
            values)
        return
    with driver.cursor() as cursor, cursor.copy(
            f"COPY {table.name} ({columns}) FROM STDIN") as copy:
        for value in values:
            copy.write_row(value)


def _default(column: Any) -> Any:
    return column.default.arg


def _has_scalar_default(column: Any) -> bool:
    return column.default is not None and bool(column.default.is_scalar)


def _converter(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """The column type's conversion for the driver, remembered per value."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return _same
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = converted = process(value)
            return converted
        except TypeError:  # unhashable: convert each time
            return process(value)

    return convert


def _same(value: Any) -> Any:
    return value


__all__ = ["bulk_insert"]
