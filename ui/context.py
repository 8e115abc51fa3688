"""What every window needs: the store, this desk, the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from frontdesk.domain.actor import Actor
from frontdesk.domain.settings import SchoolSettings, load_settings
from frontdesk.store.engine import Store

T = TypeVar("T")


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class DeskContext:
    store: Store
    desk: str = "前台1"
    clock: Callable[[], dt.datetime] = field(default=system_clock)
    staff_id: int | None = None

    @property
    def actor(self) -> Actor:
        return Actor(desk=self.desk, staff_id=self.staff_id)

    def now(self) -> dt.datetime:
        return self.clock()

    def settings(self) -> SchoolSettings:
        with self.store.read() as session:
            return load_settings(session)

    def write(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one domain operation as one transaction (commits or rolls back whole)."""
        with self.store.write() as session:
            return operation(session, *args, **kwargs)

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.store.read() as session:
            return query(session, *args, **kwargs)
