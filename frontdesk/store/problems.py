"""Why a store cannot be used: the one exception the store layer raises for it."""

from __future__ import annotations

import enum


class StoreProblem(enum.StrEnum):
    CANNOT_OPEN = "cannot_open"
    NOT_A_STORE = "not_a_store"
    NO_STORE = "no_store"  # nothing there: a mistyped path, never a new empty school
    DAMAGED = "damaged"
    NEEDS_OWNER = "needs_owner"  # a desk role cannot upgrade the schema
    NEWER_VERSION = "newer_version"
    LOCKED = "locked"
    SERVER_DOWN = "server_down"


class StoreError(Exception):
    """The store cannot be used; ``problem`` says why, ``detail`` names what."""

    def __init__(self, problem: StoreProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail
