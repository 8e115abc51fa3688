"""The role matrix, proved at the domain layer: every action, every role, the real calls.

Each case calls a real domain operation on a small school of its own (a
copy of one template) as a staff member of each role. Who may do what is
written out here by hand from issue 6, not read from ``roles``: desk
(check-in, roster, payments), cashier (also refunds, waivers, cash-up),
admin (also courses, staff, settings, exceptions, exports of personal data).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.certificates.completion import mark_finished
from frontdesk.certificates.eligibility import clear_exception, grant_exception
from frontdesk.certificates.issue import issue_certificates, record_print, revoke
from frontdesk.checkin.scan import Outcome, check_in_learner
from frontdesk.checkin.tokens import reissue_card
from frontdesk.errors import DomainError
from frontdesk.fees.cashup import close_day
from frontdesk.fees.ledger import Reason, ReasonCode, adjust, refund, take_payment, waive
from frontdesk.privacy.personal_data import (
    anonymise_learner,
    apply_retention,
    audit_export,
    set_followup_consent,
)
from frontdesk.roster.courses import (
    CourseInput,
    WeeklyPattern,
    add_course,
    add_lesson,
    generate_lessons,
    update_course,
    update_lesson,
)
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.export import export_roster
from frontdesk.roster.importer import commit_import, preview_import
from frontdesk.roster.learners import (
    InstructorInput,
    LearnerInput,
    add_instructor,
    add_learner,
    update_instructor,
    update_learner,
)
from frontdesk.settings import load_settings, update_settings
from frontdesk.staff import roles
from frontdesk.staff.accounts import (
    add_staff,
    create_first_admin,
    disable_staff,
    enable_staff,
    reset_password,
    set_role,
)
from frontdesk.staff.actor import Actor
from frontdesk.staff.audit_view import AuditFilter, export_audit
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import AuditEvent, Learner, LedgerEntry
from frontdesk.vocab import FeeTier, StaffRole
from tests.conftest import FIXED_NOW

NOW = FIXED_NOW  # Tuesday 19:05 in Shenzhen
SETUP = Actor(desk="前台1")  # before and while the school is set up
DESK, CASHIER, ADMIN = StaffRole.DESK, StaffRole.CASHIER, StaffRole.ADMIN
EVERYONE = (DESK, CASHIER, ADMIN)
MONEY = (CASHIER, ADMIN)
ADMINS = (ADMIN,)
PASSWORD = "correct horse"


@dataclass(frozen=True)
class World:
    """Ids of the small school every case starts from."""

    course_id: int  # inclusive, four lessons held before NOW
    free_course_id: int  # free, a lesson on now
    lesson_id: int
    instructor_id: int
    staff: dict[StaffRole, int]  # one account per role
    spare_staff_id: int  # a desk account to reset, disable, promote
    disabled_staff_id: int
    certified: int  # enrollment with an exception and an issued certificate
    certificate_id: int
    excepted: int  # enrollment with an exception, no certificate yet
    paid: int  # enrollment with a ¥100 cash payment today
    payment_id: int
    owing: int  # enrollment owing the whole fee
    walk_in: int  # learner on no course
    regular: int  # learner enrolled on the free course (checks in tonight)
    regular_enrollment: int


def _build(store: Store) -> World:
    with store.write() as s:
        boss = create_first_admin(s, "boss", "周校长", PASSWORD, NOW - dt.timedelta(days=60))
        admin = boss.actor("前台1")
        ids = {ADMIN: boss.staff_id}
        for role, name in ((CASHIER, "cash"), (DESK, "desk")):
            ids[role] = add_staff(s, name, name, role, PASSWORD, admin, NOW).id
        spare = add_staff(s, "spare", "小新", DESK, PASSWORD, admin, NOW).id
        gone = add_staff(s, "gone", "老王", DESK, PASSWORD, admin, NOW).id
        disable_staff(s, gone, admin, NOW)
        teacher = add_instructor(s, InstructorInput("陈教授"), SETUP, NOW).id
        course = add_course(s, CourseInput("AI+图片设计", FeeTier.INCLUSIVE, capacity=30,
                                           market_price_fen=100_000, code="C0001"), SETUP, NOW)
        free = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=30, code="C0002"),
                          SETUP, NOW)
        lessons = [add_lesson(s, course.id, NOW - dt.timedelta(weeks=w, minutes=5),
                              NOW - dt.timedelta(weeks=w) + dt.timedelta(hours=2), SETUP, NOW).id
                   for w in (4, 3, 2, 1)]
        add_lesson(s, free.id, NOW - dt.timedelta(minutes=5), NOW + dt.timedelta(hours=2),
                   SETUP, NOW)
        people = [add_learner(s, LearnerInput(name, phone), SETUP, NOW - dt.timedelta(weeks=6)).id
                  for name, phone in (("王喆", "13812345678"), ("李娜", "13912345678"),
                                      ("张伟", "13712345678"), ("刘洋", "13612345678"),
                                      ("陈静", "13512345678"), ("赵敏", "13412345678"))]
        places = [enroll(s, p, course.id, 30, SETUP, NOW - dt.timedelta(weeks=5)).enrollment_id
                  for p in people[:4]]
        regular = enroll(s, people[5], free.id, 30, SETUP, NOW).enrollment_id
        for enrollment_id in places[:2]:
            grant_exception(s, enrollment_id, "病假补课", SETUP, NOW)
        [certificate] = issue_certificates(s, course.id, [places[0]], SETUP, NOW)
        payment = take_payment(s, places[2], 10_000, "cash", SETUP, NOW)
    return World(course.id, free.id, lessons[0], teacher, ids, spare, gone, places[0],
                 certificate.certificate_id, places[1], places[2], payment.entry_id, places[3],
                 people[4], people[5], regular)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory,
             template_path: Path) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("roles") / "school.sqlite3"
    shutil.copyfile(template_path, path)
    store = open_store(path)
    world = _build(store)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path, world


@pytest.fixture
def school(template: tuple[Path, World], tmp_path: Path) -> Iterator[tuple[Store, World]]:
    shutil.copyfile(template[0], tmp_path / "school.sqlite3")
    store = open_store(tmp_path / "school.sqlite3")
    yield store, template[1]
    store.dispose()


@dataclass(frozen=True)
class Ctx:
    world: World
    actor: Actor
    folder: Path


Call = Callable[[Session, Ctx], Any]
Case = tuple[str, roles.Action, tuple[StaffRole, ...], Call]

REASON = Reason(ReasonCode.OTHER, "测试")
PATTERN = WeeklyPattern(dt.date(2027, 1, 5), frozenset({1}), dt.time(19), dt.time(21), weeks=2)
SIGNUP = "姓名,手机号码,报名课程\n新学员,13311112222,C0002\n"


def _import(s: Session, c: Ctx) -> Any:
    path = c.folder / "报名表.csv"
    path.write_text(SIGNUP, encoding="utf-8")
    preview = preview_import(s, path)
    return commit_import(s, preview, preview.accepted_rows, c.actor, NOW, 30)


def _settings(s: Session, c: Ctx) -> Any:
    return update_settings(s, replace(load_settings(s), name="水贝社区夜校"), c.actor, NOW)


def _check_in(s: Session, c: Ctx) -> Any:
    result = check_in_learner(s, c.world.regular, NOW, c.actor)
    assert result.outcome in (Outcome.CHECKED_IN, Outcome.LATE)
    return result


def _course(title: str) -> CourseInput:
    return CourseInput(title, FeeTier.FREE, capacity=20)


CASES: list[Case] = [
    # desk: everyone
    ("check in", roles.Action.CHECK_IN, EVERYONE, _check_in),
    ("add a learner", roles.Action.LEARNER_EDIT, EVERYONE,
     lambda s, c: add_learner(s, LearnerInput("新学员", "13300001111"), c.actor, NOW)),
    ("edit a learner", roles.Action.LEARNER_EDIT, EVERYONE,
     lambda s, c: update_learner(s, c.world.walk_in, LearnerInput("陈静", "13500000000"),
                                 c.actor, NOW)),
    ("replace a card", roles.Action.LEARNER_EDIT, EVERYONE,
     lambda s, c: reissue_card(s, c.world.walk_in, c.actor, NOW)),
    ("enroll", roles.Action.ENROLLMENT_EDIT, EVERYONE,
     lambda s, c: enroll(s, c.world.walk_in, c.world.course_id, 30, c.actor, NOW)),
    ("withdraw", roles.Action.ENROLLMENT_EDIT, EVERYONE,
     lambda s, c: withdraw(s, c.world.owing, c.actor, NOW)),
    ("take a payment", roles.Action.PAYMENT, EVERYONE,
     lambda s, c: take_payment(s, c.world.owing, 5_000, "cash", c.actor, NOW)),
    ("issue a certificate", roles.Action.CERTIFICATE_ISSUE, EVERYONE,
     lambda s, c: issue_certificates(s, c.world.course_id, [c.world.excepted], c.actor, NOW)),
    ("print a certificate", roles.Action.CERTIFICATE_ISSUE, EVERYONE,
     lambda s, c: record_print(s, [c.world.certificate_id], c.actor, NOW)),
    ("record consent", roles.Action.CONSENT, EVERYONE,
     lambda s, c: set_followup_consent(s, c.world.walk_in, True, c.actor, NOW)),
    ("export with masked phones", roles.Action.EXPORT_MASKED, EVERYONE,
     lambda s, c: export_roster(s, c.folder / "名单.xlsx", full_phone=False, actor=c.actor)),
    ("record a masked export", roles.Action.EXPORT_MASKED, EVERYONE,
     lambda s, c: audit_export(s, c.actor, NOW, "roster", 6, False)),
    # cashier
    ("refund", roles.Action.REFUND, MONEY,
     lambda s, c: refund(s, c.world.payment_id, 5_000, REASON, c.actor, NOW)),
    ("waive", roles.Action.WAIVER, MONEY,
     lambda s, c: waive(s, c.world.owing, 5_000, REASON, c.actor, NOW)),
    ("correct an entry", roles.Action.ADJUSTMENT, MONEY,
     lambda s, c: adjust(s, c.world.payment_id, 1_000, REASON, c.actor, NOW)),
    ("close the day", roles.Action.CASHUP, MONEY,
     lambda s, c: close_day(s, dt.date(2026, 12, 1), None, 10_000, "", c.actor, NOW)),
    # admin
    ("add a course", roles.Action.COURSE_EDIT, ADMINS,
     lambda s, c: add_course(s, _course("新媒体运营"), c.actor, NOW)),
    ("edit a course", roles.Action.COURSE_EDIT, ADMINS,
     lambda s, c: update_course(s, c.world.free_course_id, _course("办公软件"), c.actor, NOW)),
    ("add a lesson", roles.Action.COURSE_EDIT, ADMINS,
     lambda s, c: add_lesson(s, c.world.course_id, NOW + dt.timedelta(days=7),
                             NOW + dt.timedelta(days=7, hours=2), c.actor, NOW)),
    ("move a lesson", roles.Action.COURSE_EDIT, ADMINS,
     lambda s, c: update_lesson(s, c.world.lesson_id, NOW - dt.timedelta(weeks=4, hours=1),
                                NOW - dt.timedelta(weeks=4) + dt.timedelta(hours=1), c.actor,
                                NOW)),
    ("make a timetable", roles.Action.COURSE_EDIT, ADMINS,
     lambda s, c: generate_lessons(s, c.world.course_id, PATTERN,
                                   load_settings(s).tz(), c.actor, NOW)),
    ("add an instructor", roles.Action.INSTRUCTOR_EDIT, ADMINS,
     lambda s, c: add_instructor(s, InstructorInput("李工程师"), c.actor, NOW)),
    ("edit an instructor", roles.Action.INSTRUCTOR_EDIT, ADMINS,
     lambda s, c: update_instructor(s, c.world.instructor_id, InstructorInput("陈老师"),
                                    c.actor, NOW)),
    ("import learners", roles.Action.IMPORT, ADMINS, _import),
    ("change settings", roles.Action.SETTINGS, ADMINS, _settings),
    ("add staff", roles.Action.STAFF, ADMINS,
     lambda s, c: add_staff(s, "newbie", "新人", DESK, PASSWORD, c.actor, NOW)),
    ("reset a password", roles.Action.STAFF, ADMINS,
     lambda s, c: reset_password(s, c.world.spare_staff_id, "new secret 1", c.actor, NOW)),
    ("disable staff", roles.Action.STAFF, ADMINS,
     lambda s, c: disable_staff(s, c.world.spare_staff_id, c.actor, NOW)),
    ("enable staff", roles.Action.STAFF, ADMINS,
     lambda s, c: enable_staff(s, c.world.disabled_staff_id, c.actor, NOW)),
    ("change a role", roles.Action.STAFF, ADMINS,
     lambda s, c: set_role(s, c.world.spare_staff_id, CASHIER, c.actor, NOW)),
    ("grant a certificate exception", roles.Action.CERTIFICATE_EXCEPTION, ADMINS,
     lambda s, c: grant_exception(s, c.world.owing, "工伤", c.actor, NOW)),
    ("withdraw an exception", roles.Action.CERTIFICATE_EXCEPTION, ADMINS,
     lambda s, c: clear_exception(s, c.world.excepted, c.actor, NOW)),
    ("revoke a certificate", roles.Action.CERTIFICATE_REVOKE, ADMINS,
     lambda s, c: revoke(s, c.world.certificate_id, "发错了", c.actor, NOW)),
    ("mark a course finished", roles.Action.COURSE_FINISH, ADMINS,
     lambda s, c: mark_finished(s, c.world.free_course_id, c.actor, NOW)),
    ("export full phones", roles.Action.EXPORT_FULL, ADMINS,
     lambda s, c: export_roster(s, c.folder / "名单.xlsx", full_phone=True, actor=c.actor)),
    ("record a full-phone export", roles.Action.EXPORT_FULL, ADMINS,
     lambda s, c: audit_export(s, c.actor, NOW, "roster", 6, True)),
    ("export the audit trail", roles.Action.AUDIT_VIEW, ADMINS,
     lambda s, c: export_audit(s, c.folder / "审计.xlsx", AuditFilter(), c.actor)),
    ("anonymise a learner", roles.Action.ANONYMISE, ADMINS,
     lambda s, c: anonymise_learner(s, c.world.walk_in, c.actor, NOW)),
    ("apply retention", roles.Action.RETENTION, ADMINS,
     lambda s, c: apply_retention(s, 1, c.actor, NOW + dt.timedelta(days=800))),
]


def _footprint(store: Store) -> tuple[int, int, int, list[str]]:
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
                s.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
                s.scalar(select(func.count()).select_from(Learner)) or 0,
                sorted(s.scalars(select(Learner.name))))


@pytest.mark.parametrize("role", EVERYONE, ids=str)
@pytest.mark.parametrize(("what", "action", "who", "call"), CASES, ids=[c[0] for c in CASES])
def test_each_action_is_refused_in_the_domain_for_each_role_without_it(
    school: tuple[Store, World], tmp_path: Path, role: StaffRole, what: str,
    action: roles.Action, who: tuple[StaffRole, ...], call: Call,
) -> None:
    store, world = school
    ctx = Ctx(world, Actor(desk="前台1", staff_id=world.staff[role], role=role), tmp_path)
    assert roles.allowed(role, action) is (role in who), "the matrix differs from issue 6"
    before = _footprint(store)
    if role in who:
        with store.write() as s:
            call(s, ctx)  # done, not refused
        return
    with pytest.raises(DomainError) as refused, store.write() as s:
        call(s, ctx)
    assert refused.value.code == "role_forbidden"
    assert refused.value.details == {"action": action.value, "role": role.value,
                                     "needed": roles.least_role(action).value}
    assert _footprint(store) == before  # nothing written
    assert not any(tmp_path.glob("*.xlsx"))  # and no file


def test_before_any_staff_account_everything_is_allowed() -> None:
    assert roles.allowed_actions(None) == frozenset(roles.Action)
    assert roles.allowed_actions(ADMIN) == frozenset(roles.Action)


def test_every_action_above_the_desk_is_proved_by_a_case() -> None:
    proved = {action for _what, action, _who, _call in CASES}
    # Late entries for old lessons are refused with their own words (how many
    # days a desk may go back): tests/domain/test_late_entry.py proves it.
    proved.add(roles.Action.LATE_ENTRY_OLD)
    guarded = {a for a in roles.Action if roles.least_role(a) is not DESK}
    assert guarded <= proved


def test_the_roles_are_nested() -> None:
    desk, cashier, admin = (roles.allowed_actions(r) for r in EVERYONE)
    assert desk < cashier < admin
    assert cashier - desk == {roles.Action.REFUND, roles.Action.WAIVER,
                              roles.Action.ADJUSTMENT, roles.Action.CASHUP}


def test_an_unknown_action_is_a_programming_mistake() -> None:
    with pytest.raises(ValueError):
        roles.require(Actor(role=DESK), "ledger.steal")
