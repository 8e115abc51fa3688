"""The console the command line writes to: never a failure over a character
it cannot show. Light on purpose: ``frontdesk`` prepares it before it knows
whether it opens the windows or runs a command."""

from __future__ import annotations

import sys
from typing import IO


def _utf8_console(stream: IO[str]) -> bool:
    """Is ``stream`` a Windows console that takes UTF-8 (the console API or code page 65001)?"""
    if sys.platform != "win32" or not stream.isatty():
        return False
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    if type(raw).__name__ == "_WindowsConsoleIO":
        return True
    try:
        import ctypes

        return bool(ctypes.windll.kernel32.GetConsoleOutputCP() == 65001)
    except (AttributeError, OSError):
        return False


def prepare_console() -> None:
    """Never fail on a character the console cannot show: it is written as an
    escape (``\\U0002000b``) instead. On a Windows console that takes UTF-8,
    write UTF-8; redirected output keeps the system's code page (GBK on a
    Chinese Windows), which is what the school's scripts read."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if _utf8_console(stream):
                reconfigure(encoding="utf-8", errors="backslashreplace")
            else:
                reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass
