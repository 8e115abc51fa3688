"""Where things go on a certificate page, for each layout the school can choose.

A4 landscape. Each layout draws in three layers, so a batch draws the
unchanging parts once: the backdrop (border, titles, labels, signatures: one
form XObject per document), the course block (one form per course), and per
page only the name, issue date, serial and QR code. The seal is its own form,
drawn last so it lies over the date as a stamp does.

Also here: the texts a page prints (checked against the fonts before any
drawing) and a fix to ReportLab's text layer for characters beyond U+FFFF.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from frontdesk.certificates.design import CertificateStyle
from frontdesk.certificates.issue import CertificateContent
from frontdesk.documents import fonts
from frontdesk.errors import DomainError

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape, in points
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def date_zh(value: dt.date | None) -> str:
    return "—" if value is None else f"{value.year}年{value.month}月{value.day}日"


def date_en(value: dt.date | None) -> str:
    return "—" if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class Line:
    """A line of text: baseline ``y``, size, colour; shrinks to ``width``."""

    y: float
    size: float
    colour: str = "#222222"
    width: float = 640.0


@dataclass(frozen=True)
class Geometry:
    x: float  # centre (align "centre") or left edge (align "left") of the text column
    align: str
    school_x: float
    school_align: str
    school_width: float
    school_zh: Line
    school_en: Line
    title_zh: Line
    title_en: Line
    intro_zh: Line
    intro_en: Line
    name: Line
    name_rule: tuple[float, float, float]  # x0, x1, y of the line under the name
    body_zh: Line
    body_en: Line
    dates_zh: Line
    dates_en: Line
    logo: tuple[float, float, float, float]  # x, y, max width, max height
    qr: tuple[float, float, float]  # x, y, size (quiet zone included)
    verify_at: tuple[float, float, str]  # x, y of the first caption line, align
    caption_colour: str
    serial_at: tuple[float, float, str]  # x, y of the label, align
    issued_at: tuple[float, float, str]
    signatures: tuple[tuple[float, float], tuple[float, float]]  # centre x, line y
    seal: tuple[float, float, float]  # centre x, centre y, size
    accent: str


CLASSIC = Geometry(
    x=PAGE_W / 2, align="centre", school_x=PAGE_W / 2, school_align="centre", school_width=520,
    school_zh=Line(515, 18, "#333333"), school_en=Line(497, 10, "#666666"),
    title_zh=Line(432, 46, "#9E1B1B"), title_en=Line(404, 18, "#9E1B1B"),
    intro_zh=Line(362, 14), intro_en=Line(346, 10, "#666666"),
    name=Line(300, 36, "#111111", 440), name_rule=(PAGE_W / 2 - 240, PAGE_W / 2 + 240, 289),
    body_zh=Line(258, 14), body_en=Line(240, 11, "#444444"),
    dates_zh=Line(214, 12), dates_en=Line(198, 10, "#666666"),
    logo=(52, 470, 130, 70), qr=(42, 44, 112), verify_at=(156, 128, "left"),
    caption_colour="#444444", serial_at=(156, 84, "left"), issued_at=(670, 120, "centre"),
    signatures=((360, 86), (500, 86)), seal=(670, 100, 104), accent="#B08D57",
)

MODERN = Geometry(
    x=280, align="left", school_x=115, school_align="centre", school_width=190,
    school_zh=Line(420, 16, "#FFFFFF"), school_en=Line(402, 9, "#DCE6EE"),
    title_zh=Line(480, 42, "#12395B"), title_en=Line(450, 16, "#C8963E"),
    intro_zh=Line(382, 13), intro_en=Line(366, 9, "#666666"),
    name=Line(315, 38, "#111111", 500), name_rule=(280, 780, 302),
    body_zh=Line(266, 13, width=520), body_en=Line(248, 10, "#444444", 520),
    dates_zh=Line(222, 11, width=520), dates_en=Line(207, 9, "#666666", 520),
    logo=(50, 455, 130, 80), qr=(45, 78, 140), verify_at=(115, 60, "centre"),
    caption_colour="#FFFFFF", serial_at=(280, 130, "left"), issued_at=(740, 130, "centre"),
    signatures=((455, 86), (585, 86)), seal=(740, 110, 100), accent="#C8963E",
)

GEOMETRY = {"classic": CLASSIC, "modern": MODERN}


@functools.cache
def colour(value: str) -> Any:
    """A parsed colour: ReportLab parses a hex string anew on every use."""
    from reportlab.lib.colors import HexColor

    return HexColor(value)


def text(canvas: Any, x: float, line: Line, value: str, align: str) -> None:
    """One line of text through the font chain (shrinks, never boxes)."""
    if not value:
        return
    canvas.setFillColor(colour(line.colour))
    fonts.draw(canvas, x, line.y, value, line.size, align=align, max_width=line.width)


def draw_frame(canvas: Any, layout: str) -> None:
    """The layout's own ornament: a double border, or a coloured band."""
    if layout == "modern":
        canvas.setFillColor("#12395B")
        canvas.rect(0, 0, 230, PAGE_H, stroke=0, fill=1)
        canvas.setFillColor("#C8963E")
        canvas.rect(230, 0, 6, PAGE_H, stroke=0, fill=1)
        canvas.setStrokeColor("#C8963E")
        canvas.setLineWidth(0.8)
        canvas.line(280, 438, 380, 438)
        return
    canvas.setFillColor("#FFFDF6")
    canvas.rect(0, 0, PAGE_W, PAGE_H, stroke=0, fill=1)
    canvas.setStrokeColor("#9E1B1B")
    canvas.setLineWidth(3)
    canvas.rect(22, 22, PAGE_W - 44, PAGE_H - 44, stroke=1, fill=0)
    canvas.setStrokeColor("#B08D57")
    canvas.setLineWidth(0.8)
    canvas.rect(32, 32, PAGE_W - 64, PAGE_H - 64, stroke=1, fill=0)
    canvas.setFillColor("#B08D57")
    for cx, cy in ((32, 32), (PAGE_W - 32, 32), (32, PAGE_H - 32), (PAGE_W - 32, PAGE_H - 32)):
        canvas.rect(cx - 5, cy - 5, 10, 10, stroke=0, fill=1)


def draw_image(canvas: Any, image: Any, box: tuple[float, float, float, float],
               centre: bool = False) -> None:
    """An image (ImageReader) fitted into ``box`` (x, y, w, h) keeping its shape."""
    x, y, w, h = box
    iw, ih = image.getSize()
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    if centre:
        x, y = x + (w - dw) / 2, y + (h - dh) / 2
    canvas.drawImage(image, x, y, dw, dh, mask="auto")


# Texts --------------------------------------------------------------------------


def course_values(item: CertificateContent, english: bool) -> dict[str, str]:
    fmt = date_en if english else date_zh
    return {"course": item.course_title, "hours": str(item.hours),
            "start": fmt(item.start_date), "end": fmt(item.end_date),
            "instructor": item.instructor_name or "—"}


def page_texts(item: CertificateContent, style: CertificateStyle) -> list[str]:
    """Every text a page of ``item`` prints (to check glyphs before drawing)."""
    t = style.design.texts
    zh, en = course_values(item, False), course_values(item, True)
    return [item.learner_name, style.school_name, style.school_name_en,
            t.body_zh.format(**zh), t.dates_zh.format(**zh),
            t.body_en.format(**en), t.dates_en.format(**en)]


def static_texts(style: CertificateStyle) -> list[str]:
    t = style.design.texts
    return [t.title_zh, t.title_en, t.intro_zh, t.intro_en, t.issued_zh, t.issued_en,
            t.serial_zh, t.serial_en, t.verify_zh, t.verify_en, t.signature_1_zh,
            t.signature_1_en, t.signature_2_zh, t.signature_2_en]


def check_printable(items: Sequence[CertificateContent], style: CertificateStyle) -> None:
    """Refuse, naming text and characters, anything no bundled font can draw."""
    checked: set[str] = set()
    for value in [*static_texts(style), *(v for i in items for v in page_texts(i, style))]:
        if value in checked:
            continue
        checked.add(value)
        missing = fonts.missing_characters(value)
        if missing:
            raise DomainError("certificate_missing_glyph", text=value, characters=missing)


# Fonts --------------------------------------------------------------------------


