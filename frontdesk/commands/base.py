"""What every command of ``frontdesk`` shares: the output in the user's
language, the clock, ``--at`` times, and the registry ``subcommand`` fills.

Below the commands and below ``frontdesk.cli``, which imports the commands
to register them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from frontdesk.errors import DomainError
from frontdesk.messages import describe, fill, translate
from frontdesk.store.engine import StoreError

Command = Callable[[argparse.Namespace, "Output"], int]


class Output:
    """Prints in the user's language; every CLI sentence passes through here."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, text: str, **values: Any) -> str:
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
