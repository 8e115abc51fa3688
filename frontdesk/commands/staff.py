"""Staff, audit and privacy commands: accounts, the audit trail, anonymising, retention.

Thin callers of :mod:`frontdesk.staff.actions` and
:mod:`frontdesk.privacy.actions`, acting as the staff member signed in with
``--user`` (see :mod:`frontdesk.cli`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from frontdesk.commands.base import CliRun, Output, now_utc, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.privacy import actions as privacy
from frontdesk.staff import actions as staff
from frontdesk.vocab import StaffRole

if TYPE_CHECKING:
    from frontdesk.staff.accounts import StaffRow
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
    from frontdesk.messages import describe
    from frontdesk.text import clean_name_reporting

    args, out, store = run.args, run.out, run.store()
    first = not staff.staff_exist(store)
    if first and args.role != StaffRole.ADMIN.value:
        raise DomainError("first_admin_required")
    if not first:  # signed in, an administrator, and the name is free: then the password
        from frontdesk.staff.accounts import clean_username

        taken = {row.username for row in staff.list_staff(store, run.actor())}
        if clean_username(args.username) in taken:
            raise DomainError("username_taken", username=clean_username(args.username))
    actor = None if first else run.actor()
    password = _new_password(run)
    if actor is not None:
        staff.add_staff(store, actor, args.username, args.name, args.role, password, now_utc())
    else:
        staff.create_first_admin(store, args.username, args.name, password, now_utc(),
                                 desk=run.desk)
    out.say(QT_TRANSLATE_NOOP("CLI", "Added {username} ({role})."), username=args.username,
            role=out.t(ROLE_WORDS[StaffRole(args.role)]))
    removed = clean_name_reporting(args.name).removed_text
    if removed:
        out.line(describe("name_invisible_removed", {"characters": removed}, out.lang))
    return 0


def _list_staff(run: CliRun) -> int:
    out = run.out
    accounts = staff.list_staff(run.store(), run.actor())
    tz = run.settings().tz()
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


def _account(run: CliRun, username: str) -> StaffRow:
    """The account named ``username`` (the list is an administrator's)."""
    from frontdesk.staff.accounts import clean_username

    wanted = clean_username(username)
    for row in staff.list_staff(run.store(), run.actor()):
        if row.username == wanted:
            return row
    raise DomainError("staff_not_found", username=username)


def _change_staff(run: CliRun) -> int:
    args, out, store = run.args, run.out, run.store()
    found = _account(run, args.username)
    password = _new_password(run) if args.staff_command == "reset" else ""
    change = {"reset": lambda: staff.reset_password(store, run.actor(), found.id, password,
                                                    now_utc()),
              "disable": lambda: staff.disable_staff(store, run.actor(), found.id, now_utc()),
              "enable": lambda: staff.enable_staff(store, run.actor(), found.id, now_utc())}
    change[args.staff_command]()
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
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    tz = run.settings().tz()
    where = _where(run, tz)
    if args.out:
        count = staff.export_audit(store, actor, args.out, where)
        privacy.record_export(store, actor, now_utc(), "audit", count, True,
                              file_name=str(args.out))
    else:
        rows = staff.audit_events(store, actor, since=where.since, until=where.until,
                                  staff_id=where.staff_id, learner_id=where.learner_id,
                                  action_prefix=where.action_prefix,
                                  limit=max(1, min(args.limit, 1000)))
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


def _where(run: CliRun, tz: dt.tzinfo) -> AuditFilter:
    """The filters typed, as the audit view takes them (names looked up)."""
    from frontdesk.roster import actions as roster
    from frontdesk.staff.audit_view import AuditFilter

    args = run.args
    staff_id = _account(run, args.staff).id if args.staff else None
    learner_id = (roster.learner_id_by_code(run.store(), run.actor(), args.learner)
                  if args.learner else None)
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
    from frontdesk.roster import actions as roster

    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    learner_id = roster.learner_id_by_code(store, actor, args.learner)
    done = privacy.anonymise(store, actor, learner_id, now_utc())
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
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    if args.apply:
        count = privacy.apply_retention(store, actor, args.years, now_utc())
        out.say(QT_TRANSLATE_NOOP("CLI", "Anonymised {count} learners."), count=count)
        return 0
    candidates = privacy.retention_preview(store, actor, args.years, now_utc())
    tz = run.settings().tz()
    if candidates:
        header = [out.t(QT_TRANSLATE_NOOP("CLI", "Code")), out.t(QT_TRANSLATE_NOOP("CLI", "Name")),
                  out.t(QT_TRANSLATE_NOOP("CLI", "Last activity"))]
        _print_table(out, [header, *([c.code, c.name, c.last_activity_at.astimezone(tz).date()
                                 .isoformat()] for c in candidates)])
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} learners have had no activity for {years} years. "
                                     "Nothing was changed; run again with --apply to "
                                     "anonymise them."), count=len(candidates), years=args.years)
    return 0
