"""Shared fixtures: a migrated template store copied per test, a fixed clock.

Qt runs offscreen and user folders point into a temporary directory, so
tests never touch a real desk's store or settings.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_SANDBOX = Path(tempfile.mkdtemp(prefix="frontdesk-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["XDG_RUNTIME_DIR"] = str(_SANDBOX / "runtime")
os.environ.pop("FRONTDESK_DB", None)
(_SANDBOX / "runtime").mkdir(mode=0o700)

import pytest  # noqa: E402

from frontdesk.staff.actor import Actor  # noqa: E402
from frontdesk.store.engine import Store, open_store  # noqa: E402

# 2026-12-01 is a Tuesday; 19:05 in Shenzhen.
FIXED_NOW = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)


def _copy_store(template: Path, target: Path) -> Store:
    shutil.copyfile(template, target)
    return open_store(target)


@pytest.fixture(scope="session")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    store = open_store(path)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture(scope="session")
def demo_template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from frontdesk.demo.school import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    store = open_store(path)
    build_demo(store, learners=300, now=FIXED_NOW, seed=7)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture
def store(template_path: Path, tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store of this test's own."""
    s = _copy_store(template_path, tmp_path / "store.sqlite3")
    yield s
    s.dispose()


@pytest.fixture
def demo_store(demo_template_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A small demo school (300 learners) of this test's own."""
    s = _copy_store(demo_template_path, tmp_path / "demo.sqlite3")
    yield s
    s.dispose()


@pytest.fixture
def pg_admin_url() -> str:
    """The superuser URL of the throwaway PostgreSQL server .ci/run starts."""
    url = os.environ.get("FRONTDESK_TEST_PG_URL")
    if not url:
        pytest.skip("FRONTDESK_TEST_PG_URL is not set")
    return url


@pytest.fixture
def pg_store(pg_admin_url: str) -> Iterator[Store]:
    """An empty, migrated store in a fresh database of this test's own on the
    server FRONTDESK_TEST_PG_URL points at; dropped afterwards."""
    import secrets

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"frontdesk_test_{secrets.token_hex(4)}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        s = open_store(url)
        try:
            yield s
        finally:
            s.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def now() -> dt.datetime:
    return FIXED_NOW


@pytest.fixture
def actor() -> Actor:
    return Actor(desk="前台1")
