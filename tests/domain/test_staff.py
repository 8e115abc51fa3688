"""Staff accounts: the first admin, passwords, lock-out, sign-in events, and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pytest
from sqlalchemy import select

from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.staff.accounts import (
    LOCK_FOR,
    SignedIn,
    add_staff,
    change_own_password,
    create_first_admin,
    disable_staff,
    list_staff,
    reset_password,
    set_role,
    sign_in,
    sign_out,
    staff_exist,
)
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Staff
from frontdesk.vocab import StaffRole

PASSWORD = "水贝夜校2026!"
CLI = Actor(desk="CLI")


def _admin(store: Store, now: dt.datetime) -> SignedIn:
    with store.write() as s:
        return create_first_admin(s, "Boss", "周校长", PASSWORD, now, desk="前台1")


def _sign_in(store: Store, username: str, password: str, now: dt.datetime) -> SignedIn:
    """As the sign-in window does: commit the attempt, then raise a refusal."""
    with store.write() as s:
        attempt = sign_in(s, username, password, "前台1", now)
    return attempt.result()


def _refused(store: Store, username: str, password: str, now: dt.datetime) -> DomainError:
    with pytest.raises(DomainError) as err:
        _sign_in(store, username, password, now)
    return err.value


def _events(store: Store, action: str) -> list[AuditEvent]:
    with store.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)))


def _add(store: Store, admin: SignedIn, username: str, role: StaffRole,
         now: dt.datetime) -> int:
    with store.write() as s:
        return add_staff(s, username, username, role, PASSWORD, admin.actor("前台1"), now).id


def test_the_first_admin_is_made_once(store: Store, now: dt.datetime) -> None:
    with store.read() as s:
        assert not staff_exist(s)
    with pytest.raises(DomainError, match="first_admin_required"), store.write() as s:
        add_staff(s, "desk1", "小王", StaffRole.DESK, PASSWORD, CLI, now)
    admin = _admin(store, now)
    assert (admin.role, admin.name, admin.username) == (StaffRole.ADMIN, "周校长", "boss")
    with pytest.raises(DomainError, match="staff_exist"), store.write() as s:
        create_first_admin(s, "intruder", "某人", PASSWORD, now)
    with store.read() as s:
        assert [(a.username, a.role) for a in list_staff(s)] == [("boss", StaffRole.ADMIN)]
    [event] = _events(store, "staff.add")
    assert (event.staff_id, event.desk) == (admin.staff_id, "前台1")
    assert json.loads(event.after or "") == {"username": "boss", "role": "admin",
                                             "first_admin": True}


def test_passwords_are_salted_argon2id_hashes(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    _add(store, admin, "cash", StaffRole.CASHIER, now)
    with store.read() as s:
        hashes = list(s.scalars(select(Staff.password_hash)))
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    assert len(set(hashes)) == 2  # same password, different salt


@pytest.mark.parametrize(("password", "code"), [
    ("1234567", "password_too_short"), ("", "password_too_short"),
    ("x" * 257, "password_too_long"),
])
def test_password_rules(store: Store, now: dt.datetime, password: str, code: str) -> None:
    with pytest.raises(DomainError) as err, store.write() as s:
        create_first_admin(s, "boss", "周校长", password, now)
    assert err.value.code == code
    with store.read() as s:
        assert not staff_exist(s)  # nothing written


def test_user_names_are_folded_and_unique(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    for name, code in (("BOSS", "username_taken"), ("   ", "username_required"),
                       ("zhang san", "username_invalid"), ("x" * 33, "username_too_long")):
        with pytest.raises(DomainError) as err, store.write() as s:
            add_staff(s, name, "某人", StaffRole.DESK, PASSWORD, admin.actor("前台1"), now)
        assert err.value.code == code
    with pytest.raises(DomainError, match="role_unknown"), store.write() as s:
        add_staff(s, "li", "李", "boss", PASSWORD, admin.actor("前台1"), now)
    # A Chinese input method left in full-width mode types the same name and password.
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in PASSWORD)
    assert _sign_in(store, "ＢＯＳＳ", full_width, now).username == "boss"


def test_sign_in_says_who_and_writes_an_event(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    _add(store, admin, "cash", StaffRole.CASHIER, now)
    signed = _sign_in(store, " Cash ", PASSWORD, now)
    assert (signed.role, signed.name) == (StaffRole.CASHIER, "cash")
    assert signed.actor("前台2") == Actor("前台2", signed.staff_id, StaffRole.CASHIER, "cash")
    [event] = _events(store, "staff.sign_in")
    assert (event.staff_id, event.desk, event.at) == (signed.staff_id, "前台1", now)
    with store.write() as s:
        sign_out(s, signed.actor("前台1"), now)
    assert [e.staff_id for e in _events(store, "staff.sign_out")] == [signed.staff_id]


def test_a_failed_sign_in_is_recorded_although_refused(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    unknown = _refused(store, "nobody", PASSWORD, now)
    wrong = _refused(store, "boss", "not the password", now)
    # The same answer: the box does not tell who works here.
    assert unknown.code == wrong.code == "wrong_password"
    assert unknown.details == wrong.details == {}
    failed = _events(store, "staff.sign_in_failed")
    assert [(e.staff_id, json.loads(e.after or "")) for e in failed] == [
        (None, {"username": "nobody", "reason": "wrong_password"}),
        (admin.staff_id, {"username": "boss", "reason": "wrong_password"})]


def test_five_wrong_passwords_lock_the_account_for_15_minutes(
    store: Store, now: dt.datetime
) -> None:
    _admin(store, now)
    for _ in range(4):
        _refused(store, "boss", "guess-guess", now)
    _sign_in(store, "boss", PASSWORD, now)  # a good sign-in starts the count again
    for _ in range(5):
        assert _refused(store, "boss", "guess-guess", now).code == "wrong_password"
    locked = _refused(store, "boss", PASSWORD, now + dt.timedelta(minutes=14))
    assert locked.code == "account_locked"
    assert locked.details == {"until": now + LOCK_FOR, "until_time": "19:20"}
    assert _sign_in(store, "boss", PASSWORD, now + LOCK_FOR).username == "boss"
    reasons = [json.loads(e.after or "")["reason"] for e in _events(store, "staff.sign_in_failed")]
    assert reasons == ["wrong_password"] * 9 + ["account_locked"]


def test_an_admin_reset_lifts_the_lock(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    desk = _add(store, admin, "desk1", StaffRole.DESK, now)
    for _ in range(5):
        _refused(store, "desk1", "guess-guess", now)
    with store.write() as s:
        reset_password(s, desk, "新密码-12345", admin.actor("前台1"), now)
    assert _refused(store, "desk1", PASSWORD, now).code == "wrong_password"
    assert _sign_in(store, "desk1", "新密码-12345", now).staff_id == desk
    [event] = _events(store, "staff.reset_password")
    assert (event.staff_id, event.entity_id) == (admin.staff_id, desk)


def test_a_disabled_account_cannot_sign_in(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    desk = _add(store, admin, "desk1", StaffRole.DESK, now)
    with store.write() as s:
        disable_staff(s, desk, admin.actor("前台1"), now)
    assert _refused(store, "desk1", PASSWORD, now).code == "account_disabled"
    # Only someone with the password learns the account is disabled.
    assert _refused(store, "desk1", "guess-guess", now).code == "wrong_password"
    with pytest.raises(DomainError, match="staff_already_disabled"), store.write() as s:
        disable_staff(s, desk, admin.actor("前台1"), now)


def test_the_school_always_keeps_an_admin(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    me = admin.actor("前台1")
    for change in (lambda s: disable_staff(s, admin.staff_id, me, now),
                   lambda s: set_role(s, admin.staff_id, StaffRole.DESK, me, now)):
        with pytest.raises(DomainError, match="cannot_change_self"), store.write() as s:
            change(s)
    for change in (lambda s: disable_staff(s, admin.staff_id, CLI, now),
                   lambda s: set_role(s, admin.staff_id, StaffRole.DESK, CLI, now)):
        with pytest.raises(DomainError, match="last_admin"), store.write() as s:
            change(s)
    second = _add(store, admin, "vice", StaffRole.ADMIN, now)
    with store.write() as s:
        assert set_role(s, admin.staff_id, StaffRole.CASHIER, CLI, now).role is StaffRole.CASHIER
    assert _sign_in(store, "boss", PASSWORD, now).role is StaffRole.CASHIER
    assert _sign_in(store, "vice", PASSWORD, now).staff_id == second


def test_change_own_password_needs_the_old_one(store: Store, now: dt.datetime) -> None:
    admin = _admin(store, now)
    me = admin.actor("前台1")
    with pytest.raises(DomainError, match="wrong_password"), store.write() as s:
        change_own_password(s, me, "not it at all", "another-secret", now)
    with pytest.raises(DomainError, match="not_signed_in"), store.write() as s:
        change_own_password(s, CLI, PASSWORD, "another-secret", now)
    with store.write() as s:
        change_own_password(s, me, PASSWORD, "another-secret", now)
    assert _sign_in(store, "boss", "another-secret", now).staff_id == admin.staff_id
    assert len(_events(store, "staff.change_password")) == 1


def test_a_weaker_old_hash_is_upgraded_at_sign_in(store: Store, now: dt.datetime) -> None:
    from argon2 import PasswordHasher

    admin = _admin(store, now)
    with store.write() as s:
        staff = s.get(Staff, admin.staff_id)
        assert staff is not None
        staff.password_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    _sign_in(store, "boss", PASSWORD, now)
    with store.read() as s:
        assert "m=19456,t=2,p=1" in (s.scalar(select(Staff.password_hash)) or "")


def test_argon2_is_not_imported_to_start() -> None:
    code = "import sys, frontdesk.staff.accounts; print('argon2' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


# The command line --------------------------------------------------------------

def _db(store: Store) -> str:
    assert store.sqlite_path is not None
    return str(store.sqlite_path)


def _run(store: Store, *args: str, stdin: str = "",
         monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--db", _db(store), "--lang", "en", *args])


def test_cli_staff_add_list_reset_disable(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*args: str, stdin: str = "") -> int:
        return _run(store, *args, stdin=stdin, monkeypatch=monkeypatch)

    assert run("staff", "add", "desk1", "--name", "小王", "--role", "desk",
               "--password-stdin", stdin="secret-123\n") == 2
    assert "Create the first admin account first." in capsys.readouterr().err
    assert run("staff", "add", "boss", "--name", "周校长", "--role", "admin",
               "--password-stdin", stdin="secret-123\n") == 0
    boss = ("--user", "boss", "--password-stdin")
    assert run("staff", "add", "desk1", "--name", "小王", "--role", "desk",
               "--password-stdin", stdin="secret-123\n") == 2
    assert "This school has staff accounts: sign in with --user NAME" in capsys.readouterr().err
    assert run("staff", "add", "desk1", "--name", "小王", "--role", "desk", *boss,
               stdin="secret-123\nshort\n") == 2
    assert "at least 8 characters" in capsys.readouterr().err
    assert run("staff", "add", "desk1", "--name", "小王", "--role", "desk", *boss,
               stdin="secret-123\nsecret-456\n") == 0
    assert run("staff", "disable", "desk1", *boss, stdin="secret-123\n") == 0
    assert run("staff", "reset", "boss", *boss, stdin="secret-123\nsecret-789\n") == 0
    capsys.readouterr()
    assert run("staff", "list", *boss, stdin="secret-789\n") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["boss", "周校长", "admin", "active"]
    assert lines[2].split() == ["desk1", "小王", "desk", "disabled"]
    assert run("staff", "disable", "nobody", *boss, stdin="secret-789\n") == 2
    assert "That staff account does not exist." in capsys.readouterr().err
    assert _sign_in(store, "boss", "secret-789", dt.datetime.now(dt.UTC)).name == "周校长"
