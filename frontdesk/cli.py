"""``frontdesk`` on the command line: admin tasks over the same domain calls.

With no subcommand, ``frontdesk`` opens the windows; the launcher in ui/
passes its opener in, so this core module never imports Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import DatabaseError

from frontdesk import __version__
from frontdesk.errors import DomainError
from frontdesk.messages import cli_language, describe, translate
from frontdesk.store.engine import (
    DAMAGE_SIGNS,
    Store,
    StoreError,
    StoreProblem,
    open_store,
    require_existing_store,
)

GuiOpener = Callable[[argparse.Namespace], int]
Command = Callable[[argparse.Namespace, "Output"], int]


class Output:
    """Prints in the user's language; every CLI sentence passes through here."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, text: str, **values: Any) -> str:
        from frontdesk.messages import fill

        return fill(translate("CLI", text, self.lang), values)

    def say(self, text: str, **values: Any) -> None:
        print(self.t(text, **values))

    def refuse(self, error: DomainError | StoreError) -> int:
        if isinstance(error, StoreError):
            message = describe(error.problem.value, {"detail": error.detail}, self.lang)
        else:
            message = describe(error.code, error.details, self.lang)
        print(message, file=sys.stderr)
        return 2


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_when(value: str | None) -> dt.datetime:
    """``--at`` as an ISO time; a time without zone is in the school's zone later."""
    if value is None:
        return now_utc()
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        from zoneinfo import ZoneInfo

        parsed = parsed.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return parsed.astimezone(dt.UTC)


def _cmd_demo(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.demo.school import build_demo

    store = _open(args)
    summary = build_demo(store, learners=args.learners, seed=args.seed)
    out.say(
        QT_TRANSLATE_NOOP(
            "CLI",
            "Demo school ready: {learners} learners, {courses} courses, {lessons} lessons, "
            "{enrollments} enrollments ({waitlisted} waiting), {attendance} check-ins, "
            "{payments} fee entries.",
        ),
        learners=summary.learners, courses=summary.courses, lessons=summary.lessons,
        enrollments=summary.enrollments, waitlisted=summary.waitlisted,
        attendance=summary.attendance, payments=summary.ledger_entries,
    )
    out.say(QT_TRANSLATE_NOOP("CLI", "Store: {url}"), url=store.url)
    return 0


def _open(args: argparse.Namespace) -> Store:
    return open_store(args.db)


# Each entry adds a subcommand: name -> (help, configure(parser), command).
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Command]] = {}


def subcommand(
    name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Command], Command]:
    def register(command: Command) -> Command:
        SUBCOMMANDS[name] = (help_text, configure, command)
        return command

    return register


def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learners", type=int, default=3000, help="how many learners (default 3000)")
    p.add_argument("--seed", type=int, default=2026, help="random seed, for a repeatable school")


subcommand("demo", "build a demo school in an empty store", _configure_demo)(_cmd_demo)


def _load_subcommands() -> None:
    # Commands of each area live beside their domain code; importing the
    # module registers them.
    import frontdesk.commands  # noqa: F401


def build_parser() -> argparse.ArgumentParser:
    _load_subcommands()
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="FrontDesk: roster, QR check-in, fees and certificates for a night school. "
        "With no command, opens the desk's windows.",
    )
    parser.add_argument("--version", action="version", version=f"FrontDesk {__version__}")
    parser.add_argument("--db", help="store: a file path or a database URL (or FRONTDESK_DB)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: remembered)")
    parser.add_argument("--desk", help="this desk's name, e.g. 前台1")
    parser.add_argument("--demo", action="store_true",
                        help="open the windows on the demo school (built on first use)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the windows (the default)")
    for name, (help_text, configure, _command) in sorted(SUBCOMMANDS.items()):
        configure(sub.add_parser(name, help=help_text))
    return parser


def main(argv: Sequence[str] | None = None, open_gui: GuiOpener | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(args.lang or cli_language())
    if args.command in (None, "gui"):
        if open_gui is None:
            out.say(QT_TRANSLATE_NOOP(
                "CLI", "The windows are not available here; see frontdesk --help."))
            return 2
        return open_gui(args)
    _help, _configure, command = SUBCOMMANDS[args.command]
    try:
        if args.command not in CREATES_A_STORE:
            require_existing_store(args.db)
        return command(args, out)
    except (DomainError, StoreError) as error:
        return out.refuse(error)
    except OSError as error:  # a file given on the command line: a folder, unreadable…
        return out.refuse(StoreError(StoreProblem.CANNOT_OPEN, _os_detail(error)))
    except DatabaseError as error:  # what the store layer did not name (never a traceback)
        detail = str(error.orig)
        damaged = any(sign in detail.lower() for sign in DAMAGE_SIGNS)
        return out.refuse(StoreError(
            StoreProblem.DAMAGED if damaged else StoreProblem.CANNOT_OPEN, detail))
    except UnicodeDecodeError as error:  # text in the store that is not UTF-8: damage
        return out.refuse(StoreError(StoreProblem.DAMAGED, str(error)))


# Only these make a store where there is none; every other command refuses
# a path with no FrontDesk store ("no FrontDesk store at PATH").
CREATES_A_STORE = frozenset({"demo", "init"})


def _os_detail(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return where + (error.strerror or str(error))


if __name__ == "__main__":
    sys.exit(main())
