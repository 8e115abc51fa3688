"""Domain refusal codes as translated sentences for the windows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from frontdesk.errors import DomainError
from frontdesk.messages import CONTEXT, MESSAGES, fill, worded
from frontdesk.store.engine import StoreError


def describe_code(code: str, details: dict[str, Any] | None = None) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return code
    return fill(QCoreApplication.translate(CONTEXT, template),
                worded(details or {}, lambda text: QCoreApplication.translate(CONTEXT, text)))


def describe(error: DomainError | StoreError) -> str:
    if isinstance(error, StoreError):
        return describe_code(error.problem.value, {"detail": error.detail})
    return describe_code(error.code, error.details)
