"""A store made by an earlier release opens in this one with everything intact.

``tests/fixtures/release-0.1.0.sqlite3.gz`` is the demo school as release
0.1.0 left it (three staff accounts, 24 certificates issued); the JSON beside
it holds what that release counted. Every schema change must keep this test
green: the app upgrades the store on open (after a backup), and every
learner, payment, check-in, certificate and account is still there.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.store import SCHEMA_HEAD
from frontdesk.store.check import check_store
from frontdesk.store.engine import open_store
from frontdesk.store.models import (
    Attendance,
    AuditEvent,
    AuditPersonal,
    Certificate,
    Enrollment,
    Learner,
    LedgerEntry,
    Staff,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASES = sorted(FIXTURES.glob("release-*.sqlite3.gz"))
# The evening the 0.1.0 demo school was made for (its lessons run on past it).
AT_0_1_0 = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)


@pytest.fixture(params=RELEASES, ids=lambda p: p.name.split(".sqlite3")[0])
def old_store(request, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    source: Path = request.param
    target = tmp_path / "school.sqlite3"
    with gzip.open(source) as packed, target.open("wb") as out:
        shutil.copyfileobj(packed, out)
    facts = json.loads(source.with_name(source.name.replace(".sqlite3.gz", ".json"))
                       .read_text(encoding="utf-8"))
    return target, facts


def test_older_audit_events_give_their_personal_values_up_for_erasure(tmp_path: Path):
    """An 0001 store whose audit events name a learner: the upgrade sets the values apart."""
    import sqlite3

    from frontdesk.store.migrate import downgrade_to
    from frontdesk.store.models import AuditPersonal

    path = tmp_path / "old.sqlite3"
    store = open_store(path)
    downgrade_to(store.engine, "0001")
    store.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO audit_event (at, desk, action, entity, entity_id, learner_id, "
                    "\"before\", \"after\") VALUES ('2026-11-01 10:00:00.000000', '前台1', "
                    "'learner.edit', 'learner', 1, 1, '{\"name\": \"王芳\", \"phone\": "
                    "\"13800138000\"}', '{\"name\": \"王芳\", \"phone\": \"13900139000\"}')")
    store = open_store(path)
    try:
        assert check_store(store) == []
        with store.read() as s:
            event = s.scalars(select(AuditEvent)).one()
            assert "138" not in (event.before or "") and '"phone": "*"' in (event.after or "")
            assert s.scalar(select(func.count()).select_from(AuditPersonal)) == 1
    finally:
        store.dispose()


def count_rows(s, model, *non_null):  # type: ignore[no-untyped-def]
    query = select(func.count()).select_from(model)
    for column in non_null:
        query = query.where(column.isnot(None))
    return s.scalar(query)


def test_a_store_from_an_earlier_release_upgrades_with_its_data(old_store):
    path, facts = old_store
    store = open_store(path)
    try:
        with store.read() as s:
            version = s.connection().exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar_one()
            assert version == SCHEMA_HEAD
            count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
            assert count(Learner) == facts["learners"]
            assert count(Enrollment) == facts["enrollments"]
            assert count(Attendance) == facts["attendance"]
            assert count(LedgerEntry) == facts["ledger_entries"]
            assert s.scalar(select(func.sum(LedgerEntry.amount_fen))) == facts["ledger_sum_fen"]
            assert count(Certificate) == facts["certificates"]
            assert sorted(s.scalars(select(Staff.username))) == facts["staff"]
        # The rows the old release wrote are chained, and the chains verify.
        assert check_store(store) == []
        with store.read() as s:
            assert s.scalar(select(func.count()).where(LedgerEntry.row_hash.is_(None))) == 0
            assert count_rows(s, AuditEvent, AuditEvent.row_hash) == facts["audit_events"]
            chained = " ".join(f"{e.before} {e.after}" for e in s.scalars(select(AuditEvent)))
            assert not re.search(r"1\d{10}", chained)
    finally:
        store.dispose()
    if facts["alembic_version"] != SCHEMA_HEAD:
        # the upgrade kept a copy of the store as the old release left it
        assert list(path.parent.glob("school.before-upgrade-*.sqlite3"))


def test_the_upgrade_cleans_stored_names_and_audits_each(old_store):
    """Names stored with invisible characters before names were cleaned are
    cleaned by the upgrade, one audit event each; clean names are untouched;
    a refused certificate scan keeps only its fingerprint."""
    import sqlite3

    from frontdesk.store.models import AuditEvent, Instructor, ScanLog

    path, _facts = old_store
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE learner SET name = '吴\u00ad六' WHERE id = 816")
        conn.execute("UPDATE learner SET name = 'Anna\u200b\x1b[31m Kowalska' WHERE id = 967")
        conn.execute("UPDATE instructor SET name = '林\u202e振华' WHERE id = 1")
        conn.execute("UPDATE staff SET display_name = '李\x07前台' WHERE id = 2")
        conn.execute("INSERT INTO scan_log (at, desk, raw, outcome, learner_id) "
                     "VALUES ('2026-12-01 11:00:00', 'd1', 'C1AAAAJOHNDOE', 'certificate', NULL)")
        kept = conn.execute("SELECT name FROM learner WHERE id = 1281").fetchone()[0]
    store = open_store(path)
    try:
        with store.read() as s:
            assert s.get(Learner, 816).name == "吴六"
            assert s.get(Learner, 816).pinyin == "wuliu"
            assert s.get(Learner, 967).name == "Anna[31m Kowalska"
            assert s.get(Learner, 1281).name == kept
            assert s.get(Instructor, 1).name == "林振华"
            assert s.get(Staff, 2).display_name == "李前台"
            events = s.scalars(select(AuditEvent).where(
                AuditEvent.action.like("%.name_cleaned")).order_by(AuditEvent.id)).all()
            assert [(e.action, e.entity_id) for e in events] == [
                ("learner.name_cleaned", 816), ("learner.name_cleaned", 967),
                ("instructor.name_cleaned", 1), ("staff.name_cleaned", 2)]
            # the names are personal values: kept apart from the chained event
            assert json.loads(events[0].before) == {"name": "*"}
            apart = json.loads(s.get(AuditPersonal, events[0].personal_digest).data)
            assert apart["before"] == {"name": "吴\u00ad六"}
            assert apart["after"]["name"] == "吴六"
            assert events[0].learner_id == 816 and events[0].at.tzinfo is not None
            raw = s.scalars(select(ScanLog.raw)).one()
            assert "JOHNDOE" not in raw and raw.startswith("C1…#") and raw.endswith("/13")
            assert s.scalars(select(Attendance.late_entry_reason)).first() is None
    finally:
        store.dispose()


def test_the_upgrade_gives_every_learner_short_search_keys(old_store):
    """One or two characters typed find the learners the release stored, as
    the column look-ups and the name's LIKE did before the keys existed."""
    import frontdesk.roster.search as search

    path, _facts = old_store
    store = open_store(path)
    try:
        with store.read() as s:
            names = s.execute(select(Learner.name, Learner.phone)
                              .where(Learner.anonymised_at.is_(None)).limit(40)).all()
            queries = {"w", "zh", "13", "78"} | {name[-2:] for name, _ in names} | {
                name[:1] for name, _ in names} | {phone[-2:] for _, phone in names if phone}
            for query in sorted(queries):
                keyed = search.search_learners(s, query, limit=50)
                search.SHORT_KEY = 0
                try:
                    before = search.search_learners(s, query, limit=50)
                finally:
                    search.SHORT_KEY = 2
                assert keyed == before, query
            assert search.search_learners(s, names[0].name[-2:])
    finally:
        store.dispose()


def test_the_upgrade_counts_each_enrollments_attendance(old_store):
    """Every enrollment of the old store comes out of the upgrade with its
    lessons came to and excused from counted, as a recount finds them, and
    the at-risk list reads the same from the counts as from the rows."""
    from frontdesk.reports.at_risk import at_risk
    from frontdesk.store.attendance_counts import stale_counts
    from tests.domain.test_at_risk_counts import recounted_at_risk

    path, facts = old_store
    store = open_store(path)
    try:
        with store.read() as s:
            assert stale_counts(s) == []
            arrived, excused = s.execute(select(func.sum(Enrollment.arrived_count),
                                                func.sum(Enrollment.excused_count))).one()
            live = s.scalar(select(func.count()).select_from(Attendance).where(
                Attendance.voided_at.is_(None), Attendance.status.in_(("present", "late"))))
            assert 0 < arrived <= live <= facts["attendance"]
            assert excused > 0
            counted = s.scalar(select(func.count()).select_from(Enrollment).where(
                Enrollment.arrived_count > 0))
            assert counted > facts["enrollments"] // 2
            for at in (AT_0_1_0, AT_0_1_0 - dt.timedelta(days=20)):
                assert at_risk(s, at) == recounted_at_risk(s, at)
    finally:
        store.dispose()
