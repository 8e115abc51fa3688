"""The reports' hand-counted school (tests/domain/report_fixtures.py) for GUI tests.

Built once per test session, copied for each test that uses it, so a test
may write (record a call, save the rules) without touching the others.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontdesk.store.engine import Store, open_store
from tests.conftest import FIXED_NOW
from tests.domain.report_fixtures import School, build_school
from tests.ui.arrange import ArrangingDesk


def _built(template: Path, target: Path, *, calls: bool) -> School:
    shutil.copyfile(template, target)
    store = open_store(target)
    school = build_school(store, calls=calls)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return school


@pytest.fixture(scope="session")
def school_template(template_path: Path, tmp_path_factory: pytest.TempPathFactory
                    ) -> tuple[Path, School]:
    path = tmp_path_factory.mktemp("school") / "school.sqlite3"
    return path, _built(template_path, path, calls=True)


@pytest.fixture(scope="session")
def school_without_calls_template(template_path: Path,
                                  tmp_path_factory: pytest.TempPathFactory
                                  ) -> tuple[Path, School]:
    path = tmp_path_factory.mktemp("school") / "school-no-calls.sqlite3"
    return path, _built(template_path, path, calls=False)


def _desk(template: Path, tmp_path: Path) -> Iterator[ArrangingDesk]:
    target = tmp_path / "school.sqlite3"
    shutil.copyfile(template, target)
    store: Store = open_store(target)
    yield ArrangingDesk(store, desk="前台1", clock=lambda: FIXED_NOW)
    store.dispose()


@pytest.fixture
def school_desk(school_template: tuple[Path, School], tmp_path: Path
                ) -> Iterator[ArrangingDesk]:
    """A desk on the hand-counted school (with its follow-up calls)."""
    yield from _desk(school_template[0], tmp_path)


@pytest.fixture
def school(school_template: tuple[Path, School]) -> School:
    return school_template[1]
