"""The ``frontdesk`` command: subcommands go to the core CLI, no command opens
the windows. Qt is imported only when the windows are wanted."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _open_windows(args: argparse.Namespace) -> int:
    from ui.shell.app import run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    from frontdesk.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv, open_gui=_open_windows, log=True)


if __name__ == "__main__":
    sys.exit(main())
