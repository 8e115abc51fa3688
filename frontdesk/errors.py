"""Refusals the domain hands back: a stable code and the values to explain it.

The domain never builds sentences; ui/ and the CLI turn ``code`` into words
in the user's language, using ``details`` for the specifics.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A user action that was refused; nothing was written."""

    def __init__(self, code: str, /, **details: Any) -> None:
        super().__init__(code, details)
        self.code = code
        self.details = details

    def __str__(self) -> str:
        if not self.details:
            return self.code
        inner = ", ".join(f"{k}={v!r}" for k, v in self.details.items())
        return f"{self.code} ({inner})"
