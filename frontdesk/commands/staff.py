"""Staff, audit and privacy commands: accounts, the audit trail, anonymising, retention.

Thin callers of frontdesk.staff.accounts / audit_view / privacy, acting as
the staff member signed in with ``--user`` (see :mod:`frontdesk.cli`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from frontdesk.cli import QT_TRANSLATE_NOOP, CliRun, Output, now_utc, subcommand
from frontdesk.errors import DomainError
from frontdesk.vocab import StaffRole

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from frontdesk.staff.audit_view import AuditFilter

ROLES = [r.value for r in StaffRole]
ROLE_WORDS = {StaffRole.DESK: QT_TRANSLATE_NOOP("CLI", "desk"),
              StaffRole.CASHIER: QT_TRANSLATE_NOOP("CLI", "cashier"),
              StaffRole.ADMIN: QT_TRANSLATE_NOOP("CLI", "admin")}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(out: Output, rows: Sequence[Sequence[str]]) -> None:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:-1])]
        out.line("  ".join([*cells, row[-1]]).rstrip())


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


# frontdesk staff ... ----------------------------------------------------------

def _configure_staff(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add an account (the first one must be an admin)")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the name shown on screen and receipts")
    add.add_argument("--role", choices=ROLES, required=True)
    sub.add_parser("list", help="list the accounts")
    reset = sub.add_parser("reset", help="set a new password (also lifts a lock-out)")
    reset.add_argument("username")
    for name, text in (("disable", "stop an account from signing in"),
                       ("enable", "let a disabled account sign in again")):
        sub.add_parser(name, help=text).add_argument("username")


def _new_password(run: CliRun) -> str:
    """The new account's password: the next line of standard input, or asked twice."""
    first = run.read_password(QT_TRANSLATE_NOOP("CLI", "New password: "))
    if run.args.password_stdin:
        return first
    second = run.read_password(QT_TRANSLATE_NOOP("CLI", "The same password again: "))
    if first != second:
        raise DomainError("password_mismatch")
    return first


@subcommand("staff", "staff accounts: add, list, reset, disable, enable", _configure_staff)
def cmd_staff(run: CliRun) -> int:
    if run.args.staff_command == "list":
        return _list_staff(run)
    if run.args.staff_command == "add":
        return _add_staff(run)
    return _change_staff(run)


def _add_staff(run: CliRun) -> int:
    from frontdesk.staff.accounts import add_staff, create_first_admin, staff_exist

    args, out = run.args, run.out
    with run.store().read() as session:
        first = not staff_exist(session)
    if first and args.role != StaffRole.ADMIN.value:
        raise DomainError("first_admin_required")
    actor = None if first else run.actor()  # signs in (the first admin has nobody to)
    password = _new_password(run)  # before the store is locked for writing
    with run.store().write() as session:
        if actor is not None:
            add_staff(session, args.username, args.name, args.role, password, actor, now_utc())
        else:
            create_first_admin(session, args.username, args.name, password, now_utc(),
                               desk=run.desk)
    out.say(QT_TRANSLATE_NOOP("CLI", "Added {username} ({role})."), username=args.username,
            role=out.t(ROLE_WORDS[StaffRole(args.role)]))
    return 0


def _list_staff(run: CliRun) -> int:
    from frontdesk.settings import load_settings
    from frontdesk.staff import roles
    from frontdesk.staff.accounts import list_staff

    out = run.out
    actor = run.actor()
    with run.store().read() as session:
        roles.require(actor, roles.Action.STAFF)
        accounts = list_staff(session)
        tz = load_settings(session).tz()
    if not accounts:
        out.say(QT_TRANSLATE_NOOP("CLI", "No staff accounts yet: add the first admin with "
                                         "frontdesk staff add NAME --name … --role admin."))
        return 0
    now = now_utc()
    rows = [[out.t(QT_TRANSLATE_NOOP("CLI", "User")), out.t(QT_TRANSLATE_NOOP("CLI", "Name")),
             out.t(QT_TRANSLATE_NOOP("CLI", "Role")), out.t(QT_TRANSLATE_NOOP("CLI", "State"))]]
    for a in accounts:
        if a.disabled:
            state = out.t(QT_TRANSLATE_NOOP("CLI", "disabled"))
        elif a.locked(now) and a.locked_until is not None:
            state = out.t(QT_TRANSLATE_NOOP("CLI", "locked until {time}"),
                          time=a.locked_until.astimezone(tz).strftime("%H:%M"))
        else:
            state = out.t(QT_TRANSLATE_NOOP("CLI", "active"))
        rows.append([a.username, a.display_name, out.t(ROLE_WORDS[a.role]), state])
    _print_table(out, rows)
    return 0


def _change_staff(run: CliRun) -> int:
    from frontdesk.staff import accounts as staff

    args, out = run.args, run.out
    actor = run.actor()
    password = _new_password(run) if args.staff_command == "reset" else ""
    with run.store().write() as session:
        found = staff.staff_by_username(session, args.username)
        if found is None:
            raise DomainError("staff_not_found", username=args.username)
        if args.staff_command == "reset":
            staff.reset_password(session, found.id, password, actor, now_utc())
        elif args.staff_command == "disable":
            staff.disable_staff(session, found.id, actor, now_utc())
        else:
            staff.enable_staff(session, found.id, actor, now_utc())
    done = {"reset": QT_TRANSLATE_NOOP("CLI", "The password of {username} was changed."),
            "disable": QT_TRANSLATE_NOOP("CLI", "{username} can no longer sign in."),
            "enable": QT_TRANSLATE_NOOP("CLI", "{username} can sign in again.")}
    out.say(done[args.staff_command], username=found.username)
    return 0


# frontdesk audit ----------------------------------------------------------------

def _configure_audit(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="since", type=_day, metavar="DATE",
                   help="from this day on (YYYY-MM-DD, the school's calendar)")
    p.add_argument("--to", dest="until", type=_day, metavar="DATE",
                   help="up to and including this day")
    p.add_argument("--staff", metavar="USER", help="only what this account did")
    p.add_argument("--learner", metavar="CODE", help="only events about this learner")
    p.add_argument("--action", metavar="PREFIX", help="only these actions, e.g. ledger. or staff.")
    p.add_argument("--limit", type=int, default=50, help="how many to print (default 50)")
    p.add_argument("--out", metavar="FILE.xlsx", help="write every matching event to a workbook")


@subcommand("audit", "show or export the audit trail", _configure_audit)
def cmd_audit(run: CliRun) -> int:
    from frontdesk.privacy.personal_data import audit_export
    from frontdesk.settings import load_settings
    from frontdesk.staff import roles
    from frontdesk.staff.audit_view import audit_events, export_audit

    args, out = run.args, run.out
    store, actor = run.store(), run.actor()
    with store.read() as session:
        roles.require(actor, roles.Action.AUDIT_VIEW)
        tz = load_settings(session).tz()
        where = _where(session, args, tz)
        if args.out:
            count = export_audit(session, args.out, where, actor)
        else:
            rows = audit_events(session, since=where.since, until=where.until,
                                staff_id=where.staff_id, learner_id=where.learner_id,
                                action_prefix=where.action_prefix,
                                limit=max(1, min(args.limit, 1000)))
    if args.out:
        with store.write() as session:
            audit_export(session, actor, now_utc(), "audit", count, True,
                         file_name=str(args.out))
    if args.out:
        out.say(QT_TRANSLATE_NOOP("CLI", "Wrote {count} events to {path}."), count=count,
                path=args.out)
        return 0
    for row in rows:
        when = row.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
        detail = json.dumps(row.after, ensure_ascii=False) if row.after else ""
        out.line("  ".join(part for part in (when, row.staff_name or "-", row.desk or "-",
                                             row.action, row.learner_code, detail) if part))
    if not rows:
        out.say(QT_TRANSLATE_NOOP("CLI", "No events match."))
    return 0


def _start_of(day: dt.date | None, tz: dt.tzinfo) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)


def _where(session: Session, args: argparse.Namespace, tz: dt.tzinfo) -> AuditFilter:
    """The filters typed, as the audit view takes them (names looked up)."""
    from frontdesk.roster.learners import learner_by_code
    from frontdesk.staff.accounts import staff_by_username
    from frontdesk.staff.audit_view import AuditFilter

    staff_id = learner_id = None
    if args.staff:
        found = staff_by_username(session, args.staff)
        if found is None:
            raise DomainError("staff_not_found", username=args.staff)
        staff_id = found.id
    if args.learner:
        learner = learner_by_code(session, args.learner)
        if learner is None:
            raise DomainError("learner_not_found", code=args.learner)
        learner_id = learner.id
    until = args.until + dt.timedelta(days=1) if args.until else None
    return AuditFilter(_start_of(args.since, tz), _start_of(until, tz), staff_id, learner_id,
                       args.action)


# frontdesk anonymise / retention ------------------------------------------------

def _configure_anonymise(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learner", required=True, metavar="CODE",
                   help="the learner's card code, e.g. L7K2Q9A")


@subcommand("anonymise", "erase a learner's personal data at their request",
            _configure_anonymise)
def cmd_anonymise(run: CliRun) -> int:
    from frontdesk.privacy.personal_data import anonymise_learner
    from frontdesk.roster.learners import learner_by_code

    args, out = run.args, run.out
    actor = run.actor()
    with run.store().write() as session:
        learner = learner_by_code(session, args.learner)
        if learner is None:
            raise DomainError("learner_not_found", code=args.learner)
        done = anonymise_learner(session, learner.id, actor, now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "Learner {code} was anonymised; the roster now shows "
                                     "“{name}”. Payments and attendance are kept."),
            code=done.code, name=done.name)
    return 0


def _configure_retention(p: argparse.ArgumentParser) -> None:
    p.add_argument("--years", type=int, required=True,
                   help="anonymise learners with no activity for this many years")
    p.add_argument("--apply", action="store_true",
                   help="anonymise them (without it, only list who would be)")


@subcommand("retention", "list, then anonymise, learners inactive for N years",
            _configure_retention)
def cmd_retention(run: CliRun) -> int:
    from frontdesk.privacy.personal_data import apply_retention, retention_preview
    from frontdesk.settings import load_settings
    from frontdesk.staff import roles

    args, out = run.args, run.out
    store, actor = run.store(), run.actor()
    if args.apply:
        with store.write() as session:
            count = apply_retention(session, args.years, actor, now_utc())
        out.say(QT_TRANSLATE_NOOP("CLI", "Anonymised {count} learners."), count=count)
        return 0
    with store.read() as session:
        roles.require(actor, roles.Action.RETENTION)
        candidates = retention_preview(session, args.years, now_utc())
        tz = load_settings(session).tz()
    if candidates:
        header = [out.t(QT_TRANSLATE_NOOP("CLI", "Code")), out.t(QT_TRANSLATE_NOOP("CLI", "Name")),
                  out.t(QT_TRANSLATE_NOOP("CLI", "Last activity"))]
        _print_table(out, [header, *([c.code, c.name, c.last_activity_at.astimezone(tz).date()
                                 .isoformat()] for c in candidates)])
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} learners have had no activity for {years} years. "
                                     "Nothing was changed; run again with --apply to "
                                     "anonymise them."), count=len(candidates), years=args.years)
    return 0
