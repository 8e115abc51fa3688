"""Outcome follow-up calls, as the desk records them, and what the reports count.

The school is tests/domain/report_fixtures.py's: C1 ended on Monday 23
November at 21:00; A, B, D and E consented to calls, C did not.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from frontdesk.errors import DomainError
from frontdesk.reports.followup import (
    OutcomeCounts,
    followups_due,
    learner_followups,
    outcome_counts,
    record_followup,
)
from frontdesk.reports.term import DateRange, term_figures
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Outcome
from frontdesk.vocab import OutcomeKind
from tests.domain.report_fixtures import ACTOR, FIXED_NOW, TZ, School, build_school, local

NOVEMBER = DateRange(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture
def school(store: Store) -> School:
    return build_school(store, calls=False)


def _rows(store: Store) -> tuple[int, int]:
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(Outcome)) or 0,
                s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.mark.parametrize(("who", "course", "kind", "note", "code"), [
    ("c", "c1", OutcomeKind.JOB, "", "followup_no_consent"),
    ("a", "c3", OutcomeKind.JOB, "", "followup_not_enrolled"),
    ("a", "c1", "hired", "", "followup_kind_unknown"),
    ("a", "c1", OutcomeKind.JOB, "长" * 501, "followup_note_too_long"),
])
def test_refused_calls_write_nothing(store: Store, school: School, who: str, course: str,
                                     kind: str, note: str, code: str) -> None:
    before = _rows(store)
    with pytest.raises(DomainError) as refused, store.write() as s:
        record_followup(s, getattr(school, who), getattr(school, course), kind, note, ACTOR,
                        FIXED_NOW)
    assert refused.value.code == code
    assert _rows(store) == before


def test_a_call_is_recorded_and_audited(store: Store, school: School) -> None:
    outcomes, events = _rows(store)
    with store.write() as s:
        result = record_followup(s, school.a, school.c1, "business", "  开了 工作室 ", ACTOR,
                                 FIXED_NOW)
    assert result.kind is OutcomeKind.BUSINESS
    assert _rows(store) == (outcomes + 1, events + 1)
    with store.read() as s:
        (call,) = learner_followups(s, school.a)
        action = s.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1))
    assert (call.course_title, call.note, call.recorded_at) == ("AI+图片设计", "开了 工作室",
                                                                FIXED_NOW)
    assert action == "outcome.record"


def test_who_is_due_a_call(store: Store, school: School) -> None:
    with store.read() as s:
        due = followups_due(s, FIXED_NOW, weeks_after=1)
        not_yet = followups_due(s, FIXED_NOW, weeks_after=2)
    # C did not consent; D withdrew; C2 has not ended.
    assert [(d.learner_name, d.course_code, d.phone, d.attempts) for d in due] == [
        ("李娜", "C1", "139****5678", 0), ("王喆", "C1", "138****5678", 0)]
    assert due[0].course_ended_at == local(11, 23, 21)
    assert due[0].due_at == local(11, 30, 21)
    assert not_yet == []


def test_an_unanswered_call_keeps_them_on_the_list(store: Store, school: School) -> None:
    with store.write() as s:
        record_followup(s, school.a, school.c1, OutcomeKind.UNREACHABLE, "", ACTOR,
                        local(11, 30, 10))
        record_followup(s, school.b, school.c1, OutcomeKind.STUDY, "读夜大", ACTOR,
                        local(11, 30, 11))
    with store.read() as s:
        due = followups_due(s, FIXED_NOW, weeks_after=1, full_phone=True)
    assert [(d.learner_name, d.phone, d.attempts, d.last_attempt_at) for d in due] == [
        ("王喆", "13812345678", 1, local(11, 30, 10))]


def test_a_call_before_the_course_ended_does_not_count(store: Store, school: School) -> None:
    with store.write() as s:
        record_followup(s, school.b, school.c1, OutcomeKind.JOB, "", ACTOR, local(11, 20, 10))
    with store.read() as s:
        names = [d.learner_name for d in followups_due(s, FIXED_NOW, weeks_after=1)]
    assert names == ["李娜", "王喆"]


def test_outcomes_count_each_learner_by_their_latest_call(store: Store,
                                                         school: School) -> None:
    calls = ((school.a, OutcomeKind.UNREACHABLE, local(11, 27, 10)),
             (school.a, OutcomeKind.JOB, local(11, 29, 10)),
             (school.b, OutcomeKind.NO_CHANGE, local(11, 28, 10)),
             (school.e, OutcomeKind.BUSINESS, local(12, 1, 10)))
    for who, kind, when in calls:
        with store.write() as s:
            record_followup(s, who, None, kind, "", ACTOR, when)
    start, end = NOVEMBER.bounds(TZ)
    with store.read() as s:
        november = outcome_counts(s, start, end)
        board = term_figures(s, NOVEMBER, FIXED_NOW, TZ).totals.outcomes
    assert november == OutcomeCounts(job=1, no_change=1) == board
    assert (november.learners, november.reached, november.job_or_business) == (2, 2, 1)
