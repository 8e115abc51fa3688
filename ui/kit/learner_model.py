"""The learner table: a thin model over search pages, fast at 100,000 rows.

Rows arrive a page at a time (``canFetchMore``/``fetchMore``) from the
domain's search; ``data()`` only reads what is already in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from frontdesk.roster.search import PAGE, LearnerRow
from frontdesk.text import mask_phone

Fetch = Callable[[str, int, int], list[LearnerRow]]
Index = QModelIndex | QPersistentModelIndex


class LearnerTableModel(QAbstractTableModel):
    COLUMNS = ("code", "name", "phone", "gender", "occupation")

    def __init__(self, fetch: Fetch, *, mask_phones: bool = True, page: int = PAGE) -> None:
        super().__init__()
        self._fetch = fetch
        self._page = page
        self._rows: list[LearnerRow] = []
        self._query = ""
        self._more = False
        self.mask_phones = mask_phones

    def set_query(self, query: str) -> None:
        """Show the first page of learners matching ``query``."""
        self.beginResetModel()
        self._query = query
        self._rows = self._fetch(query, 0, self._page)
        self._more = len(self._rows) == self._page
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self._query)

    @property
    def query(self) -> str:
        return self._query

    def row_at(self, row: int) -> LearnerRow:
        return self._rows[row]

    def row_of(self, learner_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == learner_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._fetch(self._query, self._rows[-1].id, self._page)
        self._more = len(page) == self._page
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "phone":
                return mask_phone(row.phone) if self.mask_phones else (row.phone or "")
            return getattr(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {
            "code": self.tr("Card code"),
            "name": self.tr("Name"),
            "phone": self.tr("Mobile"),
            "gender": self.tr("Gender"),
            "occupation": self.tr("Occupation"),
        }[self.COLUMNS[section]]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
