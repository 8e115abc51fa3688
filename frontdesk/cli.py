"""``frontdesk`` on the command line: admin tasks over the same domain calls.

With no subcommand, ``frontdesk`` opens the windows; the launcher in ui/
passes its opener in, so this core module never imports Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from sqlalchemy.exc import DatabaseError

from frontdesk import __version__
from frontdesk.commands.base import SUBCOMMANDS, Output, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, cli_language, translate
from frontdesk.store.engine import (
    DAMAGE_SIGNS,
    Store,
    StoreError,
    StoreProblem,
    open_store,
    require_existing_store,
)
from frontdesk.text import printable

GuiOpener = Callable[[argparse.Namespace], int]


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


def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learners", type=int, default=3000, help="how many learners (default 3000)")
    p.add_argument("--seed", type=int, default=2026, help="random seed, for a repeatable school")


subcommand("demo", "build a demo school in an empty store", _configure_demo)(_cmd_demo)


def _load_subcommands() -> None:
    # Commands of each area live beside their domain code; importing the
    # module registers them.
    pass


def where_text(db: str | None, lang: str) -> str:
    """The version and the folders FrontDesk uses, for ``--version`` and Help → About."""
    from frontdesk.paths import data_dir, log_dir
    from frontdesk.store.engine import resolve_url, shown_url

    def t(text: str) -> str:
        return translate("CLI", text, lang)

    lines = [
        f"FrontDesk {__version__}",
        t(QT_TRANSLATE_NOOP("CLI", "Store: {url}")).replace("{url}", shown_url(resolve_url(db))),
        t(QT_TRANSLATE_NOOP("CLI", "Data folder: {path}")).replace("{path}", str(data_dir())),
        t(QT_TRANSLATE_NOOP("CLI", "Log folder: {path}")).replace("{path}", str(log_dir())),
    ]
    return "\n".join(lines)


class _VersionAction(argparse.Action):
    """``--version``: the version, the store (``--db`` given before it counts) and the folders."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        lang = getattr(namespace, "lang", None) or cli_language()
        print(where_text(getattr(namespace, "db", None), lang))
        parser.exit()


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The ``frontdesk`` parser; without commands (and without -h), the options the
    windows take, for a start that does not import every command's module."""
    if with_commands:
        _load_subcommands()
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="FrontDesk: roster, QR check-in, fees and certificates for a night school. "
        "With no command, opens the desk's windows.",
        add_help=with_commands,
    )
    parser.add_argument("--version", action=_VersionAction,
                        help="show the version, the store and the data and log folders")
    parser.add_argument("--db", help="store: a file path or a database URL (or FRONTDESK_DB)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: remembered)")
    parser.add_argument("--desk", help="this desk's name, e.g. 前台1")
    parser.add_argument("--demo", action="store_true",
                        help="open the windows on the demo school (built on first use)")
    if not with_commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the windows (the default)")
    for name, (help_text, configure, _command) in sorted(SUBCOMMANDS.items()):
        configure(sub.add_parser(name, help=help_text))
    return parser


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` asks for the windows (no command, or ``gui``), else None."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    args, rest = build_parser(with_commands=False).parse_known_args(list(argv))
    if rest not in ([], ["gui"]):
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None, open_gui: GuiOpener | None = None,
         log: bool = False) -> int:
    """Run one command; ``log`` (the ``frontdesk`` program) logs the run to the data folder."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = window_args(argv) if open_gui is not None else None
    if args is None:
        args = build_parser().parse_args(argv)
    out = Output(args.lang or cli_language())
    if log:
        from frontdesk.logs import start_logging

        start_logging(command=args.command or "windows")
    if args.command in (None, "gui"):
        if open_gui is None:
            out.say(QT_TRANSLATE_NOOP(
                "CLI", "The windows are not available here; see frontdesk --help."))
            return 2
        return open_gui(args)
    _help, _configure, command = SUBCOMMANDS[args.command]
    with (contextlib.redirect_stdout(_Terminal(sys.stdout)),
          contextlib.redirect_stderr(_Terminal(sys.stderr))):
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
        except Exception:
            import logging

            logging.getLogger("frontdesk.cli").exception("frontdesk %s failed", args.command)
            raise


# Only these make a store where there is none; every other command refuses
# a path with no FrontDesk store ("no FrontDesk store at PATH").
CREATES_A_STORE = frozenset({"demo", "init"})


def _os_detail(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return where + (error.strerror or str(error))


class _Terminal:
    """A text stream that never passes a control or bidirectional character
    to the terminal: an ESC in an old stored name or a file name must not
    drive it. Line breaks and tabs are the output's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text, keep="\n\t"))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


if __name__ == "__main__":
    sys.exit(main())
