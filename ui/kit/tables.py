"""The read-only table the pages show their rows in."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

FEES_ROW_HEIGHT = 26  # the fees window's tables are dense


def read_only_table(model: QAbstractItemModel, object_name: str, *,
                    multi: bool = False, select_rows: bool = True, fit: bool = False,
                    stretch: int | None = None, row_height: int | None = None) -> QTableView:
    """A table over ``model`` that selects whole rows (several with ``multi``,
    none with ``select_rows`` False), is never edited in place and has no row
    numbers. ``fit`` sizes columns to their contents (small tables only);
    column ``stretch`` (else the last) takes the room left."""
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if not select_rows:
        mode = QAbstractItemView.SelectionMode.NoSelection
    elif multi:
        mode = QAbstractItemView.SelectionMode.ExtendedSelection
    else:
        mode = QAbstractItemView.SelectionMode.SingleSelection
    view.setSelectionMode(mode)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit
                                else QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
