"""Learner cards at their edges: what a sheet of cards carries, a new card
secret, and a scanner that runs two cards together.

The evening (tests.domain.checkin_fixtures): 新媒体运营 has one place, taken by
陈静, with 刘敏 waiting; eight learners in all.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from frontdesk.checkin.tokens import (
    TOKEN_LENGTH,
    ParsedToken,
    TokenProblem,
    class_cards,
    learner_cards,
    make_token,
    parse_token,
    rotate_card_secret,
)
from frontdesk.settings import load_settings, retired_card_secrets, save_settings, school_secret
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Learner
from frontdesk.vocab import StaffRole
from tests.domain.checkin_fixtures import Evening, local, make_evening

ADMIN = Actor(desk="前台1", role=StaffRole.ADMIN)
SCHOOL = "福田区总工会AI夜校"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def school(request: pytest.FixtureRequest) -> Store:
    """The evening's store: one SQLite file, or a PostgreSQL database (which
    refuses some SQL that SQLite lets through)."""
    found: Store = request.getfixturevalue("store" if request.param == "sqlite" else "pg_store")
    return found


@pytest.fixture
def evening(school: Store, now) -> Evening:  # type: ignore[no-untyped-def]
    evening = make_evening(school, now)
    with school.write() as s:
        save_settings(s, dataclasses.replace(load_settings(s), name=SCHOOL))
    return evening


def _reads_as(secret: bytes, token: str) -> tuple[str, int] | TokenProblem:
    parsed = parse_token(secret, token)
    return (parsed.code, parsed.card_version) if isinstance(parsed, ParsedToken) else parsed


def test_a_sheet_of_chosen_cards_carries_the_schools_name(school: Store,
                                                          evening: Evening) -> None:
    """Cards printed for 孙艳 and 王芳, in the order chosen: each with the school's
    name, the learner's current courses, and a code the desk reads as theirs."""
    chosen = [evening.learners["孙艳"], evening.learners["王芳"]]
    with school.read() as s:
        sheet = learner_cards(s, chosen)
    assert sheet.school == SCHOOL
    assert [(c.name, c.course_titles) for c in sheet.cards] == [
        ("孙艳", ("AI+营销获客", "办公软件应用")), ("王芳", ("AI+营销获客",))]
    assert [_reads_as(evening.secret, c.token) for c in sheet.cards] == [
        (evening.codes["孙艳"], 1), (evening.codes["王芳"], 1)]


def test_a_class_sheet_takes_the_waiting_list_only_when_asked(school: Store,
                                                              evening: Evening) -> None:
    course = evening.courses["C"]
    with school.read() as s:
        seated = class_cards(s, course)
        everyone = class_cards(s, course, include_waitlisted=True)
    assert (seated.school, everyone.school) == (SCHOOL, SCHOOL)
    assert [c.name for c in seated.cards] == ["陈静"]
    assert [c.name for c in everyone.cards] == ["陈静", "刘敏"]  # by pinyin: chen, liu
    assert {c.course_titles for c in everyone.cards} == {("新媒体运营",)}
    assert [_reads_as(evening.secret, c.token) for c in everyone.cards] == [
        (evening.codes["陈静"], 1), (evening.codes["刘敏"], 1)]


def test_a_new_card_secret_moves_every_card_on_by_one(school: Store, evening: Evening) -> None:
    """After a leak the administrator makes a new card secret: a fresh 32-byte
    secret, the old one kept to tell old cards apart, every card one version
    on (so one reprint each), and the trail says how many."""
    with school.write() as s:
        old = school_secret(s)
        reissued = rotate_card_secret(s, ADMIN, local(10))
        new = school_secret(s)
        retired = retired_card_secrets(s)
        versions = set(s.scalars(select(Learner.card_version)))
        [event] = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "cards.rotate_secret")).all()
    assert reissued == len(evening.learners) == 8
    assert len(new) == 32 and new != old and retired == (old,)
    assert versions == {2}
    assert (event.entity, event.entity_id, event.desk) == ("setting", None, "前台1")
    assert json.loads(event.after or "null") == {"cards_reissued": 8}
    with school.read() as s:
        [card] = learner_cards(s, [evening.learners["王芳"]]).cards
    assert _reads_as(new, card.token) == (evening.codes["王芳"], 2)


FIRST = make_token(bytes(range(32)), "ABCDEFG", 1)
SECOND = make_token(bytes(range(32)), "HJKMNPQ", 1)


@pytest.mark.parametrize(("scanned", "problem"), [
    (FIRST + SECOND, TokenProblem.RUN_TOGETHER),  # no Enter between two cards
    (FIRST[:-1] + SECOND, TokenProblem.RUN_TOGETHER),  # and the first lost a character
    (FIRST[:-2] + SECOND, TokenProblem.MALFORMED),  # two lost: not taken for two cards
    (FIRST[:-1] + SECOND[:-1], TokenProblem.MALFORMED),  # each lost one: not two whole cards
    (FIRST[:-2] + SECOND + "A", TokenProblem.MALFORMED),  # as long, the second card too early
])
def test_two_cards_read_as_one_scan(scanned: str, problem: TokenProblem) -> None:
    """The desk says "two cards at once, scan one at a time" only when a second
    card starts where the first ends, or one character before it (a character
    lost); anything else is an unreadable card."""
    assert len(FIRST) == len(SECOND) == TOKEN_LENGTH
    assert parse_token(bytes(range(32)), scanned) is problem
