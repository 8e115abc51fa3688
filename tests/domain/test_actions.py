"""The action seam: who acts is checked against the store, once, for every job."""

from __future__ import annotations

import importlib

import pytest

from frontdesk.actions import actions_of
from frontdesk.errors import DomainError
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.learners import LearnerInput
from frontdesk.staff import actions as staff_actions
from frontdesk.staff.actor import Actor
from frontdesk.staff.roles import Action, least_role
from frontdesk.vocab import StaffRole

JOBS = ("checkin", "fees", "certificates", "roster", "reports", "staff", "privacy", "store")


@pytest.fixture
def accounts(store, now):
    admin = staff_actions.create_first_admin(store, "wang", "王校长", "Admin-pass-2026", now,
                                             desk="前台1")
    boss = admin.actor("前台1")
    desk = staff_actions.add_staff(store, boss, "li", "李前台", StaffRole.DESK, "Desk-pass-2026",
                                   now)
    return boss, Actor(desk="前台1", staff_id=desk.id, role=StaffRole.DESK, name="李前台")


def test_every_job_offers_its_actions_each_with_a_permission_from_the_matrix():
    for job in JOBS:
        module = importlib.import_module(f"frontdesk.{job}.actions")
        found = actions_of(module)
        assert found or job == "store", job
        for name, act in found.items():
            permission = act.permission
            assert permission is None or isinstance(permission, Action), (job, name)
            if permission is not None:
                least_role(permission)  # every permission is in the matrix


def test_a_school_without_accounts_works_as_before(store, actor, now):
    added = roster_actions.add_learner(store, actor, LearnerInput("阿依古丽·买买提", "13800138000"),
                                       now=now)
    assert roster_actions.get_learner(store, actor, added.id).name == "阿依古丽·买买提"


def test_once_accounts_exist_nobody_unsigned_may_act(store, actor, now, accounts):
    with pytest.raises(DomainError) as refused:
        roster_actions.add_learner(store, actor, LearnerInput("张三", "13800138001"), now=now)
    assert refused.value.code == "sign_in_required"
    with pytest.raises(DomainError, match="sign_in_required"):
        roster_actions.count_learners(store, actor)


def test_the_role_is_read_from_the_store_not_from_the_caller(store, now, accounts):
    boss, desk = accounts
    claims_admin = Actor(desk="前台1", staff_id=desk.staff_id, role=StaffRole.ADMIN)
    with pytest.raises(DomainError) as refused:
        staff_actions.list_staff(store, claims_admin)
    assert refused.value.code == "role_forbidden"
    assert [row.username for row in staff_actions.list_staff(store, boss)] == ["li", "wang"]


def test_a_disabled_account_acts_no_more(store, now, accounts):
    boss, desk = accounts
    staff_actions.disable_staff(store, boss, desk.staff_id, now)
    with pytest.raises(DomainError, match="account_disabled"):
        roster_actions.count_learners(store, desk)


def test_one_look_up_by_code_folds_what_was_typed_and_never_finds_the_anonymised(
        store, actor, now):
    from frontdesk.privacy import actions as privacy_actions
    from frontdesk.roster.courses import CourseInput
    from frontdesk.vocab import FeeTier

    added = roster_actions.add_learner(store, actor, LearnerInput("吴六", "13800138002"), now=now)
    course = roster_actions.add_course(store, actor, CourseInput("AI+营销获客", FeeTier.FREE, 30,
                                                                 code="C0007"), now=now)
    wide = "".join(chr(ord(c) + 0xFEE0) for c in added.code.lower())  # ｋｔ３… typed with an IME on
    assert roster_actions.learner_by_code(store, actor, f" {wide} ").id == added.id
    assert roster_actions.course_by_code(store, actor, "ｃ０００７").id == course.id
    privacy_actions.anonymise(store, actor, added.id, now=now)
    assert roster_actions.learner_by_code(store, actor, added.code) is None
