"""Finding learners fast at 100,000: by name, pinyin, initials, phone or code.

Each kind of query is an indexed look-up: on SQLite, one or two characters
(the most learners, or for two Chinese characters often none) are a range of
the ``learner_key`` table in id order; longer ones a range over a column's
index (a prefix search that works for Chinese too) or FTS5 trigram for
names. On PostgreSQL, ranges over the columns and LIKE for a name. Results are
plain rows, a page at a time, in id order, never a table of ORM objects.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
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
            name: str) -> ColumnElement[bool]:
    # A range instead of LIKE so the index serves it in any collation.
    return and_(column >= bindparam(f"{name}_lo"), column < bindparam(f"{name}_hi"))


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# What each kind of branch looks up: a column range, a short key, or the name.
_RANGES: dict[str, InstrumentedAttribute[str] | InstrumentedAttribute[str | None]] = {
    "phone": Learner.phone, "tail": Learner.phone_tail, "pinyin": Learner.pinyin,
    "initials": Learner.initials, "code": Learner.code, "name": Learner.name,
}


def _shape(dialect: str, q: str) -> tuple[tuple[str, ...], dict[str, object]]:
    """The branches a query takes and the values they are bound to."""
    values: dict[str, object] = {}
    if dialect == "sqlite" and len(q) <= SHORT_KEY:
        # One or two characters on SQLite: ranges of ``learner_key`` (migration
        # 0005), each already in id order, so a page costs the same whether a
        # thousand learners match or none. The same matches as the column
        # ranges and the name's LIKE below.
        kinds: list[str] = []
        if _DIGITS.match(q):
            kinds += ["t", "r"]
            values |= {"key_t": "t" + q, "key_r": "r" + q[::-1]}
        if _LETTERS.match(q):
            kinds += ["p", "i"]
            values |= {"key_p": "p" + q, "key_i": "i" + q}
        if not q.isascii():
            kinds.append("n")
            values["key_n"] = "n" + q
        return tuple(f"key_{k}" for k in kinds), values

    def prefix(kind: str, value: str) -> str:
        values[f"{kind}_lo"], values[f"{kind}_hi"] = value, value + _UPPER_BOUND
        return kind

    branches: list[str] = []
    if _DIGITS.match(q):
        branches += [prefix("phone", q), prefix("tail", q[::-1])]
    if _LETTERS.match(q):
        branches += [prefix("pinyin", q), prefix("initials", q)]
    if _ALNUM.match(q) and len(q) >= 4:
        branches.append(prefix("code", q.upper()))
    if not q.isascii():
        branches.append(prefix("name", q))
        if dialect == "sqlite" and len(q) >= 3:
            branches.append("fts")
            values["phrase"] = '"' + q.replace('"', '""') + '"'
        else:
            branches.append("like")
            values["pattern"] = f"%{_escape_like(q)}%"
    return tuple(branches), values


def _branch(dialect: str, kind: str) -> Select[int]:
    after, limit = bindparam("after", type_=Integer), bindparam("limit", type_=Integer)
    if kind.startswith("key_"):
        key = literal_column("learner_key.key", String)
        learner_id = literal_column("learner_key.learner_id", Integer)
        return (select(learner_id.label("id")).select_from(text("learner_key"))
                .where(key == bindparam(kind), learner_id > after)
                .order_by(learner_id).limit(limit))
    if kind == "fts":
        return (
            select(literal_column("rowid").label("id"))
            .select_from(text("learner_fts"))
            .where(text("learner_fts MATCH :phrase"), literal_column("rowid") > after)
            .order_by(literal_column("rowid"))
            .limit(limit)
        )
    if kind == "like":
        return (select(Learner.id).where(Learner.name.like(bindparam("pattern"), escape="\\"),
                                         Learner.id > after)
                .order_by(Learner.id).limit(limit))
    # On SQLite, "ORDER BY id LIMIT n" tempts the planner into walking the whole
    # table in id order, testing each row: fast when many match, ~30 ms at
    # 100,000 learners when few do. "+id" keeps the index range on the
    # searched column and sorts only the matches.
    order = literal_column("+learner.id") if dialect == "sqlite" else Learner.id
    return (select(Learner.id).where(_prefix(_RANGES[kind], kind), Learner.id > after)
            .order_by(order).limit(limit))


@functools.lru_cache(maxsize=64)
def _statement(dialect: str, shape: tuple[str, ...]
               ) -> Select[int, str, str, str | None, str, str]:
    """The SELECT for a shape of query, built once: building one costs more
    than running it (its columns and cache key are worked out each time)."""
    base = select(*_COLUMNS).where(Learner.anonymised_at.is_(None))
    if not shape:
        return (base.where(Learner.id > bindparam("after")).order_by(Learner.id)
                .limit(bindparam("limit")))
    # SQLite takes ORDER BY/LIMIT inside a UNION only from a sub-select.
    wrapped = [select(_branch(dialect, kind).subquery().c.id) for kind in shape]
    matched = union(*wrapped).subquery() if len(wrapped) > 1 else wrapped[0].subquery()
    return (base.where(Learner.id.in_(select(matched.c.id))).order_by(Learner.id)
            .limit(bindparam("limit")))


def _prepared(raw_query: str, dialect: str, after_id: int, limit: int
              ) -> tuple[Select[int, str, str, str | None, str, str], dict[str, object]] | None:
    q = normalise_query(raw_query)
    if not q:
        return _statement(dialect, ()), {"after": after_id, "limit": limit}
    shape, values = _shape(dialect, q)
    if not shape:
        return None
    return _statement(dialect, shape), values | {"after": after_id, "limit": limit}


def search_query(
    raw_query: str, dialect: str, *, after_id: int = 0, limit: int = PAGE
) -> Select[int, str, str, str | None, str, str] | None:
    """The SELECT behind :func:`search_learners`, its values bound (None:
    nothing can match)."""
    prepared = _prepared(raw_query, dialect, after_id, limit)
    if prepared is None:
        return None
    statement, values = prepared
    return statement.params(values)


def search_learners(
    session: Session, raw_query: str, *, after_id: int = 0, limit: int = PAGE
) -> list[LearnerRow]:
    """One page of learners matching what was typed; empty query = everyone.

    Page on with ``after_id`` = the last id of the previous page.
    """
    prepared = _prepared(raw_query, session.get_bind().dialect.name, after_id, limit)
    if prepared is None:
        return []
    statement, values = prepared
    # Core, not the ORM: plain rows, no unit of work to consult.
    return [LearnerRow(*row) for row in session.connection().execute(statement, values).all()]


def count_learners(session: Session) -> int:
    return session.scalar(select(func.count()).where(Learner.anonymised_at.is_(None))) or 0


__all__ = ["PAGE", "LearnerRow", "count_learners", "normalise_query", "search_learners"]
