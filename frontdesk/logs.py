"""Each run's log: a rotating file in the data folder, with standard logging.

``start_logging()`` is called once by the ``frontdesk`` command (windows and
command line alike). What goes in: the start (version, frozen or not, the
command), the store opened, sign-ins (user name and desk, never a password),
errors with their traceback, and slow operations on the GUI thread. The file
is ``frontdesk.log`` in :func:`frontdesk.paths.log_dir`, rotated at 1 MB with
four old files kept, so at most 5 MB. A log folder that cannot be written
never stops FrontDesk from starting: it then logs to nowhere.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

LOGGER = "frontdesk"
LOG_FILE = "frontdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(name)s: %(message)s"

_handler: logging.Handler | None = None


def log_file() -> Path | None:
    """The file this run logs to (None before :func:`start_logging` or when it failed)."""
    if isinstance(_handler, logging.FileHandler):
        return Path(_handler.baseFilename)
    return None


def start_logging(folder: Path | None = None, command: str = "windows") -> Path | None:
    """Log this run to ``folder``/frontdesk.log (default: the data folder's logs/)."""
    global _handler
    from frontdesk import __version__
    from frontdesk.paths import log_dir

    logger = logging.getLogger(LOGGER)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    target = (folder or log_dir()) / LOG_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    frozen = "frozen" if getattr(sys, "frozen", False) else "python"
    logger.info("FrontDesk %s started (%s): %s on Python %s, %s", __version__, command, frozen,
                platform.python_version(), platform.platform(terse=True))
    return log_file()


def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux: from /proc), else None."""
    import os

    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            boot = float(uptime.read().split()[0])
        return (boot - ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def resident_mb() -> float | None:
    """This process's resident memory in MB (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def stop_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger(LOGGER).removeHandler(_handler)
        _handler.close()
        _handler = None
