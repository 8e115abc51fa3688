"""What every command of ``frontdesk`` shares: who acts on which store (a
:class:`CliRun`), the output in the user's language on any console, the
clock, ``--at`` times, and the registry ``subcommand`` fills.

Below the commands and below ``frontdesk.cli``, which imports the commands
to register them.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import os
import platform
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from frontdesk.console import prepare_console as prepare_console
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, describe, fill, translate
from frontdesk.money import format_fen
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, StoreError, demo_store_path, open_store

if TYPE_CHECKING:
    from frontdesk.settings import SchoolSettings

Command = Callable[["CliRun"], int]


MAX_DESK = 32  # the audit trail's desk column


# The console ------------------------------------------------------------------------

_GB_CODECS = frozenset({"gbk", "gb2312", "gb18030", "hz"})


def currency_sign(encoding: str | None) -> str:
    """A yuan sign ``encoding`` can carry: ￥ for the GB code pages (the
    full-width sign Chinese Windows shows), ¥ where it encodes, else CNY."""
    try:
        name = codecs.lookup(encoding or "ascii").name
    except LookupError:
        name = "ascii"
    if name in _GB_CODECS:
        return "￥"
    for sign in ("¥", "￥"):
        try:
            sign.encode(name)
        except UnicodeEncodeError:
            continue
        return sign
    return "CNY "


def format_money(fen: int, stream: IO[str] | None = None) -> str:
    """An amount as the CLI prints it, with a sign the console can show
    (documents keep :func:`frontdesk.money.format_fen`'s ¥)."""
    target = stream if stream is not None else sys.stdout
    return format_fen(fen, currency_sign(getattr(target, "encoding", None)))


def _with_console_sign(text: str, stream: IO[str]) -> str:
    """A sentence whose amounts the domain wrote with ¥, with the console's sign."""
    sign = currency_sign(getattr(stream, "encoding", None))
    return text if sign == "¥" else text.replace("¥", sign)


def _write(text: str, stream: IO[str]) -> None:
    try:
        print(text, file=stream)
    except UnicodeEncodeError:  # a stream that could not be told to escape
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)


class Output:
    """Prints in the user's language; every CLI sentence passes through here."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, text: str, **values: Any) -> str:
        return fill(translate("CLI", text, self.lang), values)

    def say(self, text: str, **values: Any) -> None:
        _write(_with_console_sign(self.t(text, **values), sys.stdout), sys.stdout)

    def line(self, text: str) -> None:
        """A line of data (a table row, a token) as it is, untranslated."""
        _write(text, sys.stdout)

    def warn(self, text: str, **values: Any) -> None:
        _write(_with_console_sign(self.t(text, **values), sys.stderr), sys.stderr)

    def money(self, fen: int) -> str:
        return format_money(fen, sys.stdout)

    def refuse(self, error: DomainError | StoreError) -> int:
        if isinstance(error, StoreError):
            message = describe(error.problem.value, {"detail": error.detail}, self.lang)
        elif error.code == "sign_in_required":
            # Not the role the refused step needed: a later step of the command
            # may need more. Signed in, a refusal names the role (role_forbidden).
            message = self.t(HOW_TO_SIGN_IN)
        else:
            message = describe(error.code, error.details, self.lang)
        _write(_with_console_sign(message, sys.stderr), sys.stderr)
        return 2


HOW_TO_SIGN_IN = QT_TRANSLATE_NOOP(
    "CLI", "This school has staff accounts: sign in with --user NAME (or set FRONTDESK_USER); "
    "the password is asked for, or read from the first line of standard input with "
    "--password-stdin.")


class CliStop(Exception):
    """A refusal of the command line itself (not of a desk job), in CLI words."""

    def __init__(self, text: str, **values: Any) -> None:
        super().__init__(text)
        self.text = text
        self.values = values


# Who is acting, on which store --------------------------------------------------------

def default_desk() -> str:
    """This desk's name when none is given: ``FRONTDESK_DESK`` or the computer's name."""
    return (os.environ.get("FRONTDESK_DESK") or platform.node() or "CLI")[:MAX_DESK]


class CliRun:
    """One run of a subcommand: its options, its words, its store and who acts.

    The store is opened when first wanted, and the staff member signed in
    then too (a sign-in is audited, failed or not).
    """

    def __init__(self, args: argparse.Namespace, out: Output) -> None:
        self.args = args
        self.out = out
        self.desk = (args.desk or default_desk())[:MAX_DESK]
        self.user: str | None = args.user or os.environ.get("FRONTDESK_USER") or None
        self._store: Store | None = None
        self._actor: Actor | None = None
        self._stdin: Iterator[str] | None = None
        self._settings: SchoolSettings | None = None

    # the store

    @property
    def db(self) -> str | None:
        """The store asked for: ``--db``, else the demo school with ``--demo``."""
        if self.args.db is None and self.args.demo:
            return str(demo_store_path())
        return self.args.db

    def store(self) -> Store:
        if self._store is None:
            if self.args.db is None and self.args.demo and self.args.command != "demo":
                self._check_demo_built()
            self._store = open_store(self.db)
        return self._store

    def _check_demo_built(self) -> None:
        if not demo_store_path().exists():
            raise CliStop(QT_TRANSLATE_NOOP(
                "CLI", "The demo school is not built yet: run “frontdesk --demo demo” first."))

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None

    # passwords

    def read_password(self, prompt: str, **values: Any) -> str:
        """The next password: a line of standard input with --password-stdin, else asked."""
        if self.args.password_stdin:
            if self._stdin is None:
                self._stdin = iter(sys.stdin.readline, "")
            line = next(self._stdin, None)
            if line is None:
                raise CliStop(QT_TRANSLATE_NOOP(
                    "CLI", "--password-stdin: standard input has no more lines (one password "
                    "a line: yours first, then a new one)."))
            return line.rstrip("\r\n")
        import getpass

        return getpass.getpass(self.out.t(prompt, **values))

    def settings(self) -> SchoolSettings:
        """The school's settings (its name, its time zone), read once."""
        if self._settings is None:
            from frontdesk.staff import actions as staff

            self._settings = staff.load_settings(self.store(), self.actor())
        return self._settings

    # who acts

    def actor(self) -> Actor:
        """The acting staff member (signed in now with --user), or the desk alone.

        The desk alone is what a school without staff accounts works as; once
        accounts exist, the actions refuse it with ``sign_in_required``.
        """
        if self._actor is None:
            self._actor = self._sign_in() if self.user else Actor(desk=self.desk)
        return self._actor

    def _sign_in(self) -> Actor:
        from frontdesk.staff import actions as staff

        assert self.user is not None
        store = self.store()
        if not staff.staff_exist(store):
            raise CliStop(QT_TRANSLATE_NOOP(
                "CLI", "This store has no staff accounts yet, so nobody can sign in: run "
                "the command without --user (or FRONTDESK_USER)."))
        password = self.read_password(QT_TRANSLATE_NOOP("CLI", "Password for {user}: "),
                                      user=self.user)
        attempt = staff.sign_in(store, self.user, password, self.desk, now_utc())
        return attempt.result().actor(self.desk)  # a refusal raises, after it was recorded


# Small helpers the commands share --------------------------------------------------


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


# Each entry adds a subcommand: name -> (help, configure(parser), command).
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Command]] = {}


def subcommand(
    name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Command], Command]:
    def register(command: Command) -> Command:
        SUBCOMMANDS[name] = (help_text, configure, command)
        return command

    return register
