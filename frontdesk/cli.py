"""``frontdesk`` on the command line: admin tasks over the same desk actions.

With no subcommand, ``frontdesk`` opens the windows; the launcher in ui/
passes its opener in, so this core module never imports Qt.

The global options (``--db``, ``--lang``, ``--desk``, ``--demo``,
``--user``, ``--password-stdin``) are accepted before or after the
subcommand. Once the school has staff accounts, a command acts as the staff
member signed in with ``--user NAME`` (or ``FRONTDESK_USER``), the password
asked for or read from standard input; the actions refuse anyone else.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from frontdesk import __version__
from frontdesk.console import prepare_console
from frontdesk.messages import QT_TRANSLATE_NOOP, cli_language, translate
from frontdesk.text import printable

if TYPE_CHECKING:
    from frontdesk.commands.base import CliRun

GuiOpener = Callable[[argparse.Namespace], int]


def _cmd_demo(run: CliRun) -> int:
    from frontdesk.demo import actions as demo

    out, store = run.out, run.store()
    summary = demo.build(store, run.actor(), learners=run.args.learners, seed=run.args.seed)
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


def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learners", type=int, default=3000, help="how many learners (default 3000)")
    p.add_argument("--seed", type=int, default=2026, help="random seed, for a repeatable school")


def _load_subcommands() -> None:
    # Each area's commands live in frontdesk.commands; importing it registers
    # them. Only a command run pays for it: opening the windows never does
    # (the store layer and every command's module are no part of a first paint).
    import frontdesk.commands  # noqa: F401
    from frontdesk.commands.base import subcommand

    subcommand("demo", "build a demo school in an empty store", _configure_demo)(_cmd_demo)


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


def add_global_options(p: argparse.ArgumentParser, *, after_command: bool) -> None:
    """The options of every run. After a subcommand their defaults are
    suppressed, so one typed before the subcommand is kept."""
    def kw(default: object) -> dict[str, object]:
        return {"default": argparse.SUPPRESS if after_command else default}

    p.add_argument("--db", help="store: a file path or a database URL (or FRONTDESK_DB)",
                   **kw(None))  # type: ignore[arg-type]
    p.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: remembered)",
                   **kw(None))  # type: ignore[arg-type]
    p.add_argument("--desk", help="this desk's name, e.g. 前台1 (default: FRONTDESK_DESK or "
                   "the computer's name)", **kw(None))  # type: ignore[arg-type]
    p.add_argument("--demo", action="store_true",
                   help="use the demo school (the windows build it on first use; on the "
                   "command line: frontdesk --demo demo)", **kw(False))  # type: ignore[arg-type]
    p.add_argument("--user", metavar="NAME",
                   help="sign in as this staff account (or FRONTDESK_USER)",
                   **kw(None))  # type: ignore[arg-type]
    p.add_argument("--password-stdin", action="store_true",
                   help="read passwords from standard input, one a line: yours first, then "
                   "a new one (staff add, staff reset)", **kw(False))  # type: ignore[arg-type]


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every subcommand's parser, nested ones too (``staff add``, ``report funder``)."""
    seen: set[int] = set()
    for action in parser._actions:  # argparse keeps no public list of subparsers
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    yield sub
                    yield from _subparsers(sub)


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
    add_global_options(parser, after_command=False)
    if not with_commands:
        return parser
    from frontdesk.commands.base import SUBCOMMANDS

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the windows (the default)")
    for name, (help_text, configure, _command) in sorted(SUBCOMMANDS.items()):
        configure(sub.add_parser(name, help=help_text))
    for subparser in _subparsers(parser):
        add_global_options(subparser, after_command=True)
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
    prepare_console()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = window_args(argv) if open_gui is not None else None
    if args is not None and open_gui is not None:
        if log:
            from frontdesk.logs import start_logging

            start_logging(command="windows")
        return open_gui(args)
    return _run_command(build_parser().parse_args(argv), log)


def _run_command(args: argparse.Namespace, log: bool) -> int:
    from sqlalchemy.exc import DatabaseError

    from frontdesk.commands.base import SUBCOMMANDS, CliRun, CliStop, Output
    from frontdesk.errors import DomainError
    from frontdesk.store.engine import (
        DAMAGE_SIGNS,
        StoreError,
        StoreProblem,
        require_existing_store,
    )

    out = Output(args.lang or cli_language())
    if log:
        from frontdesk.logs import start_logging

        start_logging(command=args.command or "windows")
    if args.command in (None, "gui"):
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "The windows are not available here; see frontdesk --help."))
        return 2
    _help, _configure, command = SUBCOMMANDS[args.command]
    run = CliRun(args, out)
    with (contextlib.redirect_stdout(_Terminal(sys.stdout)),
          contextlib.redirect_stderr(_Terminal(sys.stderr))):
        try:
            if args.command not in CREATES_A_STORE and not (args.demo and args.db is None):
                require_existing_store(run.db)
            return command(run)
        except (DomainError, StoreError) as error:
            return out.refuse(error)
        except CliStop as stop:
            out.warn(stop.text, **stop.values)
            return 2
        except KeyboardInterrupt:
            out.warn(QT_TRANSLATE_NOOP("CLI", "Stopped; nothing more was done."))
            return 130
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
        finally:
            run.close()


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
