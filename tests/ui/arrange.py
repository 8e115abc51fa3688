"""A desk for tests: the windows' DeskContext, plus ``write``/``read`` to
arrange the store (and look at it) behind the windows' back. The windows
themselves reach the store only through actions (``DeskContext.act``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ui.kit.context import DeskContext

T = TypeVar("T")


class ArrangingDesk(DeskContext):
    def write(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.store.write() as session:
            return operation(session, *args, **kwargs)

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.store.read() as session:
            return query(session, *args, **kwargs)
