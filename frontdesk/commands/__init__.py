"""Subcommands of ``frontdesk``, one module per area of the desk.

Importing a module registers its commands with ``frontdesk.commands.base.subcommand``.
"""

from frontdesk.commands import roster  # noqa: F401
from frontdesk.commands import certificates  # noqa: F401
from frontdesk.commands import fees  # noqa: F401
from frontdesk.commands import checkin  # noqa: F401
from frontdesk.commands import staff  # noqa: F401
from frontdesk.commands import backup  # noqa: F401
from frontdesk.commands import report  # noqa: F401
