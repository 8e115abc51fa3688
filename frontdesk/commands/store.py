"""``frontdesk verify-store``: is the store as FrontDesk wrote it?"""

from __future__ import annotations

import argparse

from frontdesk.commands.base import CliRun, now_utc, subcommand
from frontdesk.messages import QT_TRANSLATE_NOOP, RECORD_WORDS, describe, problem_details, translate
from frontdesk.store.engine import open_store


def _configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("--acknowledge", action="store_true",
                   help="after looking into a failed check, take its warning off the dashboard "
                        "(recorded in the audit trail)")


@subcommand("verify-store", "check the ledger and audit chains, the file, numbering and "
            "cash-ups; names the first broken link", _configure_verify)
def cmd_verify_store(run: CliRun) -> int:
    from frontdesk.staff import actions as staff_actions
    from frontdesk.store import actions as store_actions

    args, out, store = run.args, run.out, run.store()
    if args.acknowledge:
        staff_actions.acknowledge_store_check(store, run.actor(), now_utc())
        out.say(QT_TRANSLATE_NOOP("CLI", "The failed check was marked as looked at."))
        return 0
    problems = store_actions.verify_store(store, run.actor(), now_utc())
    if not problems:
        out.say(QT_TRANSLATE_NOOP("CLI", "The store checks out: chains, file, numbering and "
                                         "cash-ups are as FrontDesk wrote them."))
        return 0
    for p in problems:
        word = translate("Domain", RECORD_WORDS.get(p.table, p.table), out.lang)
        print(describe(p.code, problem_details(p.table, p.row_id, p.detail, word), out.lang))
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} problem(s) found. The dashboard shows a warning "
                                     "until an administrator has looked into it."),
            count=len(problems))
    return 1


def _configure_grant(p: argparse.ArgumentParser) -> None:
    p.add_argument("role", help="the desks' PostgreSQL login role, e.g. frontdesk_desk")


@subcommand("grant-desk-role", "PostgreSQL, as the tables' owner: let a desks' role add "
            "to the ledger and audit trail but never change them", _configure_grant)
def cmd_grant_desk_role(run: CliRun) -> int:
    from frontdesk.store import actions as store_actions

    args, out = run.args, run.out
    store_actions.grant_desk_role(run.store(), run.actor(), args.role)
    out.say(QT_TRANSLATE_NOOP("CLI", "Role {role} may now run a desk: it can add to the ledger "
                                     "and the audit trail, never change or remove them."),
            role=args.role)
    return 0


@subcommand("init", "create a new, empty store at --db (or upgrade the one there)",
            lambda p: None)
def cmd_init(run: CliRun) -> int:
    out = run.out
    store = open_store(run.db, create=True)  # the one command (with demo) that may make one
    store.dispose()
    out.say(QT_TRANSLATE_NOOP("CLI", "Store ready: {url}"), url=store.url)
    return 0
