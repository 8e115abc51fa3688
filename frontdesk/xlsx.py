"""Writing .xlsx workbooks the one way FrontDesk does: openpyxl's write-only mode.

Used by the documents (fees, reports) and by the domain's exports (roster,
audit trail), so it sits below both and imports neither. openpyxl is
imported inside the functions: it costs start-up time, and most runs of the
desk never write a spreadsheet.

Cells are typed as they are written: a ``Decimal`` is money, a ``datetime``
a local time (Excel has no time zones), a :class:`Shown` carries its own
format. A sheet's header row is frozen so it stays in view.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from frontdesk.text import printable

MONEY = '"¥"#,##0.00'
PERCENT = "0.0%"
MINUTE = "yyyy-mm-dd hh:mm"

T = TypeVar("T")


def yuan(fen: int) -> Decimal:
    """Fen as an exact decimal of yuan (never a float), for a money cell."""
    return Decimal(fen) / 100


@dataclass(frozen=True, slots=True)
class Shown:
    """A number with the format to show it in (a rate, hours)."""

    value: float
    number_format: str


@dataclass(frozen=True, slots=True)
class Formats:
    """How one workbook shows money and times, and whether every string is text."""

    money: str = MONEY
    moment: str = MINUTE
    # Names and notes come from sign-up forms: one typed as "=HYPERLINK(...)"
    # must stay text in every workbook FrontDesk writes, never become a formula.
    strings_as_text: bool = True


DEFAULT = Formats()


def new_book() -> Any:
    from openpyxl import Workbook

    return Workbook(write_only=True)


def add_sheet(book: Any, title: str, header: Sequence[str], widths: Sequence[int], *,
              bold_header: bool = True) -> Any:
    """A new sheet with its column widths, its header row written and frozen."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if not bold_header:
        sheet.append(list(header))
        return sheet
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
        cells.append(cell)
    sheet.append(cells)
    return sheet


def add_row(sheet: Any, values: Iterable[Any], formats: Formats = DEFAULT) -> None:
    """One row, each value typed by what it is (see the module's note)."""
    sheet.append([_cell(sheet, value, formats) for value in values])


def _cell(sheet: Any, value: Any, formats: Formats) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        # A control character in a stored name would make openpyxl refuse the
        # whole workbook; names are cleaned on entry, this guards older rows.
        value = printable(value, keep="\n\r\t")

    # A plain value needs no cell of its own: openpyxl types it as it writes.
    if isinstance(value, Shown):
        cell = WriteOnlyCell(sheet, value=value.value)
        cell.number_format = value.number_format
    elif isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = formats.money
    elif isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = formats.moment
    elif isinstance(value, str) and formats.strings_as_text:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
    else:
        return value
    return cell


def save_atomically(target: Path, fill: Callable[[Any], T]) -> T:
    """Fill a new workbook, save it beside ``target`` and rename it over it.

    A failure never leaves half a file where the last good one was. The
    scratch file is made first, so a folder that cannot be written is found
    before a long export, not after it. Raises what ``fill`` raises, or
    OSError (e.g. the old file is open in Excel: Windows refuses the rename).
    """
    scratch = _scratch_beside(target)
    try:
        book = new_book()
        try:
            result = fill(book)
            book.save(scratch)
        finally:
            for sheet in book.worksheets:
                _discard(sheet)
        os.replace(scratch, target)
        return result
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(scratch)


def _scratch_beside(target: Path) -> str:
    """An empty file in the target's folder, so the final rename is one step."""
    handle, scratch = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx.part",
                                       dir=target.parent)
    os.close(handle)
    return scratch


def _discard(sheet: Any) -> None:
    """Close a sheet that was not saved and remove openpyxl's own scratch file."""
    if getattr(sheet, "closed", True):
        return
    with contextlib.suppress(Exception):
        sheet.close()
        sheet._writer.cleanup()
