"""Paginated tables drawn top-down onto a ReportLab canvas: the cash-up, the reports.

Rows go straight onto the canvas (no Platypus tables): a busy evening of
500 entries renders well inside a second. A table that runs over a page
carries on under its repeated header, below the document's running title
marked （续）; every page is numbered 第 N 页 at its foot. Text goes through
:func:`frontdesk.documents.fonts.draw`, the only way to draw it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from frontdesk.documents import fonts

MARGIN = 36.0
GREY = (0.92, 0.92, 0.92)

Target = str | os.PathLike[str] | BinaryIO  # where a document goes: a path or a binary file
Columns = Sequence[tuple[str, float, str]]  # (title, width, align: left, right, centre)


def canvas_target(target: Target) -> str | BinaryIO:
    """ReportLab takes a file name or a binary file, not a Path."""
    return os.fspath(target) if isinstance(target, (str, os.PathLike)) else target


@dataclass(frozen=True, slots=True)
class Look:
    """One kind of document's spacing, in points."""

    row_height: float = 15.0
    cell_size: float = 8.5  # text size of a row unless the call says
    bottom: float = 46.0  # no row reaches below this
    continued: float = 24.0  # height of the running title on a continued page
    heading_room: float = 56.0  # a heading keeps this much below it on its page
    above_heading: float = 10.0
    below_heading: float = 22.0
    rules: bool = True  # a hairline under every row


def a4(*, landscape: bool = False) -> tuple[float, float]:
    """A4's width and height in points, turned on its side for ``landscape``."""
    from reportlab.lib.pagesizes import A4

    width, height = float(A4[0]), float(A4[1])
    return (height, width) if landscape else (width, height)


def open_canvas(target: Target, title: str, author: str, width: float,
                height: float) -> Any:
    """A compressed canvas of ``width`` × ``height`` points with our base font."""
    from reportlab.pdfgen import canvas

    base = fonts.register_base_font()
    # The initial font goes into every page's preamble: make it the embedded
    # one, or pdffonts lists a Helvetica that is not embedded.
    c = canvas.Canvas(canvas_target(target), pagesize=(width, height), pageCompression=1,
                      initialFontName=base)
    c.setTitle(title)
    c.setAuthor(author)
    return c


class Pages:
    """A top-down cursor over pages that starts a new page when one is full."""

    def __init__(self, canvas: Any, width: float, height: float, running_title: str,
                 look: Look = Look()) -> None:
        self.c, self.width, self.height = canvas, width, height
        self.running_title = running_title
        self.look = look
        self.page = 1
        self.y = height - MARGIN

    def need(self, space: float, repeat: Columns | None = None) -> None:
        """Start a new page unless ``space`` is left; carry on under ``repeat``'s header."""
        if self.y - space >= self.look.bottom:
            return
        self._page_number()
        self.c.showPage()
        self.page += 1
        self.y = self.height - MARGIN
        fonts.draw(self.c, MARGIN, self.y - 10, f"{self.running_title}（续）", 9,
                   max_width=self.width - 2 * MARGIN)
        self.y -= self.look.continued
        if repeat:
            self.header(repeat)

    def _page_number(self) -> None:
        fonts.draw(self.c, self.width / 2, 24, f"第 {self.page} 页", 8, align="centre")

    def finish(self) -> int:
        """Number and close the last page; returns the number of pages."""
        self._page_number()
        self.c.showPage()
        return self.page

    def text(self, text: str, size: float = 10, *, gap: float = 16, x: float = MARGIN) -> None:
        self.need(gap)
        fonts.draw(self.c, x, self.y - size, text, size, max_width=self.width - 2 * MARGIN)
        self.y -= gap

    def heading(self, text: str) -> None:
        self.need(self.look.heading_room)
        self.y -= self.look.above_heading
        fonts.draw(self.c, MARGIN, self.y - 12, text, 12)
        self.y -= self.look.below_heading

    def header(self, columns: Columns, *, size: float | None = None) -> None:
        """The columns' titles on a grey band."""
        self.row([title for title, _w, _a in columns], columns, header=True, size=size)

    def row(self, cells: Sequence[str], columns: Columns, *, header: bool = False,
            total: bool = False, size: float | None = None) -> None:
        """One row; a header or a total on a grey band. A header is not repeated
        over itself when it starts a page."""
        h, size = self.look.row_height, size or self.look.cell_size
        self.need(h, None if header else columns)
        x, baseline = MARGIN, self.y - h + (h - size) / 2 + 1.5
        if header or total:
            self.c.setFillColorRGB(*GREY)
            self.c.rect(MARGIN, self.y - h, sum(w for _t, w, _a in columns), h, stroke=0,
                        fill=1)
            self.c.setFillColorRGB(0, 0, 0)
        for text, (_title, width, align) in zip(cells, columns, strict=True):
            if text:
                at = {"left": x + 3, "right": x + width - 3}.get(align, x + width / 2)
                fonts.draw(self.c, at, baseline, text, size, align=align, max_width=width - 6)
            x += width
        if self.look.rules:
            self.c.setStrokeColorRGB(0.75, 0.75, 0.75)
            self.c.setLineWidth(0.3)
            self.c.line(MARGIN, self.y - h, x, self.y - h)
        self.y -= h
