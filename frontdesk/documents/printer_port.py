"""Sending bytes to a receipt printer: over the network, or to a device or share.

Where the printer is, as the desk's setting names it:

- ``192.168.1.50`` or ``192.168.1.50:9100`` (or ``tcp://…``): a network
  printer's raw port (9100 unless given).
- anything else is a path written to as a file: ``/dev/usb/lp0`` (a USB
  printer on Linux), ``/dev/ttyUSB0`` (serial), ``COM3`` (serial on Windows)
  or ``\\\\DESK-PC\\receipt`` (a shared printer on Windows, raw).

A printer that is off, unplugged, out of paper or that does not answer in
time raises :class:`DomainError` ``printer_unreachable`` or ``printer_no_paper``
(nothing half-sent is retried: the clerk prints a copy).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import sys

from frontdesk.errors import DomainError

log = logging.getLogger("frontdesk.printer")

RAW_PORT = 9100
TIMEOUT_S = 4.0
STATUS_PAPER = b"\x10\x04\x04"  # DLE EOT 4: the paper roll sensor
_HOST = re.compile(r"^(?:tcp://)?(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\])(?::(?P<port>\d+))?$")


def network_address(target: str) -> tuple[str, int] | None:
    """(host, port) when ``target`` names a network printer, else None (a path)."""
    text = target.strip()
    if text.startswith(("/", "\\")) or re.match(r"^(COM|LPT)\d+$", text, re.IGNORECASE):
        return None
    match = _HOST.match(text)
    if match is None or ("." not in match["host"] and not match["port"]
                         and not text.startswith("tcp://")):
        return None
    return match["host"].strip("[]"), int(match["port"] or RAW_PORT)


def send(target: str, data: bytes, timeout: float = TIMEOUT_S) -> None:
    """Send ``data`` to the printer at ``target``; raises DomainError when it cannot."""
    target = target.strip()
    if not target:
        raise DomainError("printer_not_set")
    address = network_address(target)
    try:
        if address is not None:
            _send_tcp(address, data, timeout)
        else:
            _send_file(target, data)
    except DomainError as error:
        log.warning("receipt printer %s: %s", target, error.code)
        raise
    except OSError as error:
        reason = error.strerror or type(error).__name__
        log.warning("receipt printer %s did not take %d bytes: %s", target, len(data), reason)
        raise DomainError("printer_unreachable", printer=target, reason=reason) from error
    log.info("receipt printer %s: %d bytes sent", target, len(data))


def _send_tcp(address: tuple[str, int], data: bytes, timeout: float) -> None:
    with socket.create_connection(address, timeout=timeout) as conn:
        conn.settimeout(min(timeout, 0.5))
        conn.sendall(STATUS_PAPER)
        status = b""
        with contextlib.suppress(TimeoutError, OSError):
            status = conn.recv(1)
        # A printer that answers: bits 5 and 6 set mean the roll is out.
        if status and status[0] & 0x60 == 0x60:
            raise DomainError("printer_no_paper", printer=f"{address[0]}:{address[1]}")
        conn.settimeout(timeout)
        conn.sendall(data)


def _send_file(target: str, data: bytes) -> None:
    path = target
    if sys.platform == "win32" and re.match(r"^COM\d+$", target, re.IGNORECASE):
        path = "\\\\.\\" + target
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
