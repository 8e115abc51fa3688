"""Subcommands of ``frontdesk``, one module per area of the desk.

Importing a module registers its commands with ``frontdesk.cli.subcommand``.
"""

from frontdesk.commands import roster  # noqa: F401
