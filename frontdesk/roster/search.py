"""Finding learners fast at 100,000: by name, pinyin, initials, phone or code.

Each kind of query is an indexed look-up: on SQLite, one or two characters
(the most learners, or for two Chinese characters often none) are a range of
the ``learner_key`` table in id order; longer ones a range over a column's
index (a prefix search that works for Chinese too) or FTS5 trigram for
names. On PostgreSQL, ranges over the columns and LIKE for a name. Results are
plain rows, a page at a time, in id order, never a table of ORM objects.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    func,
    literal_column,
    select,
    text,
    union,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from frontdesk.store.models import Learner

PAGE = 200
_LETTERS = re.compile(r"^[a-z]+$")
_ALNUM = re.compile(r"^[a-z0-9]+$")
_DIGITS = re.compile(r"^\d+$")
_UPPER_BOUND = "\U0010ffff"
SHORT_KEY = 2  # keystrokes this short use the learner_key table on SQLite


@dataclass(frozen=True, slots=True)
class LearnerRow:
    id: int
    code: str
    name: str
    phone: str | None
    gender: str
    occupation: str


_COLUMNS = (Learner.id, Learner.code, Learner.name, Learner.phone, Learner.gender,
            Learner.occupation)


def normalise_query(raw: str) -> str:
    """Full-width letters and digits folded, spaces dropped, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or "")).lower()


def _prefix(column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
            value: str) -> ColumnElement[bool]:
    # A range instead of LIKE so the index serves it in any collation.
    return and_(column >= value, column < value + _UPPER_BOUND)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _branches(dialect: str, q: str, after: int, limit: int) -> list[Select[int]]:
    # On SQLite, "ORDER BY id LIMIT n" tempts the planner into walking the whole
    # table in id order, testing each row: fast when many match, ~30 ms at
    # 100,000 learners when few do. "+id" keeps the index range on the
    # searched column and sorts only the matches.
    order = literal_column("+learner.id") if dialect == "sqlite" else Learner.id

    def ids(*where: object) -> Select[int]:
        return (select(Learner.id).where(*where, Learner.id > after)  # type: ignore[arg-type]
                .order_by(order).limit(limit))

    if dialect == "sqlite" and len(q) <= SHORT_KEY:
        return _short_branches(q, after, limit)
    branches: list[Select[int]] = []
    if _DIGITS.match(q):
        branches.append(ids(_prefix(Learner.phone, q)))
        branches.append(ids(_prefix(Learner.phone_tail, q[::-1])))
    if _LETTERS.match(q):
        branches.append(ids(_prefix(Learner.pinyin, q)))
        branches.append(ids(_prefix(Learner.initials, q)))
    if _ALNUM.match(q) and len(q) >= 4:
        branches.append(ids(_prefix(Learner.code, q.upper())))
    if not q.isascii():
        branches.append(ids(_prefix(Learner.name, q)))
        branches.append(_name_contains(dialect, q, after, limit))
    return branches


def _short_branches(q: str, after: int, limit: int) -> list[Select[int]]:
    """One or two characters on SQLite: ranges of ``learner_key`` (migration
    0006), each already in id order, so a page costs the same whether a
    thousand learners match or none. The same matches as the column ranges
    and the name's LIKE below."""
    kinds: list[str] = []
    if _DIGITS.match(q):
        kinds += ["t", "r"]
        q_for = {"t": q, "r": q[::-1]}
    else:
        q_for = {}
    if _LETTERS.match(q):
        kinds += ["p", "i"]
    if not q.isascii():
        kinds.append("n")
    key = literal_column("learner_key.key", String)
    learner_id = literal_column("learner_key.learner_id", Integer)
    return [
        select(learner_id.label("id")).select_from(text("learner_key"))
        .where(key == kind + q_for.get(kind, q), learner_id > after)
        .order_by(learner_id).limit(limit)
        for kind in kinds
    ]


def _name_contains(dialect: str, q: str, after: int, limit: int) -> Select[int]:
    if dialect == "sqlite" and len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        return (
            select(literal_column("rowid").label("id"))
            .select_from(text("learner_fts"))
            .where(text("learner_fts MATCH :phrase").bindparams(phrase=phrase),
                   literal_column("rowid") > after)
            .order_by(literal_column("rowid"))
            .limit(limit)
        )
    pattern = f"%{_escape_like(q)}%"
    return (select(Learner.id).where(Learner.name.like(pattern, escape="\\"), Learner.id > after)
            .order_by(Learner.id).limit(limit))


def search_query(
    raw_query: str, dialect: str, *, after_id: int = 0, limit: int = PAGE
) -> Select[int, str, str, str | None, str, str] | None:
    """The SELECT behind :func:`search_learners` (None: nothing can match)."""
    q = normalise_query(raw_query)
    base = select(*_COLUMNS).where(Learner.anonymised_at.is_(None))
    if not q:
        return base.where(Learner.id > after_id).order_by(Learner.id).limit(limit)
    branches = _branches(dialect, q, after_id, limit)
    if not branches:
        return None
    # SQLite takes ORDER BY/LIMIT inside a UNION only from a sub-select.
    wrapped = [select(b.subquery().c.id) for b in branches]
    matched = union(*wrapped).subquery() if len(wrapped) > 1 else wrapped[0].subquery()
    return base.where(Learner.id.in_(select(matched.c.id))).order_by(Learner.id).limit(limit)


def search_learners(
    session: Session, raw_query: str, *, after_id: int = 0, limit: int = PAGE
) -> list[LearnerRow]:
    """One page of learners matching what was typed; empty query = everyone.

    Page on with ``after_id`` = the last id of the previous page.
    """
    query = search_query(raw_query, session.get_bind().dialect.name, after_id=after_id,
                         limit=limit)
    if query is None:
        return []
    return [LearnerRow(*row) for row in session.execute(query).all()]


def count_learners(session: Session) -> int:
    return session.scalar(select(func.count()).where(Learner.anonymised_at.is_(None))) or 0


__all__ = ["PAGE", "LearnerRow", "count_learners", "normalise_query", "search_learners"]
