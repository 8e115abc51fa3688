"""A school whose PostgreSQL database was made under the C locale (encoding
SQL_ASCII, what ``initdb`` gives when no locale is set) still keeps every
Chinese name as text: FrontDesk talks UTF-8 to the server whatever the
database's own encoding."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import open_store
from frontdesk.store.models import Learner

NOW = dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)
NAMES = ["王小明", "𠮷野家", "欧阳娜娜"]  # 𠮷 is outside the BMP


def test_a_sql_ascii_database_keeps_chinese_names_as_text(pg_admin_url: str) -> None:
    name = f"frontdesk_ascii_{secrets.token_hex(4)}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT",
                          connect_args={"client_encoding": "utf8"})
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'SQL_ASCII' "
                          "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"))
    try:
        store = open_store(make_url(pg_admin_url).set(database=name)
                           .render_as_string(hide_password=False))
        try:
            with store.write() as s:
                for i, learner in enumerate(NAMES):
                    add_learner(s, LearnerInput(learner, f"1380000{i:04d}"),
                                Actor(desk="前台1"), NOW)
            with store.read() as s:
                names = s.scalars(select(Learner.name).order_by(Learner.id)).all()
            assert names == NAMES
        finally:
            store.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
