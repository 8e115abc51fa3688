"""Learner cards: A4 sheets of bank-card sized cards, and one card as PNG.

A card (85.6 × 54 mm, ISO/IEC 7810 ID-1) shows the school, the learner's
name, the course, the public code and the QR code of the signed token. Ten
cards fill an A4 page, two across and five down, edge to edge, with cut marks
in the margins: one guillotine cut per line. What is the same on every card
(band, labels, school name) is drawn once per document as a form XObject.

Every text is checked against the bundled fonts before anything is drawn: a
name no font can print is refused with the learner named, never printed as
a box. Long names shrink, then wrap to two lines, and never reach the QR
code or the next card; course titles shrink to fit their box.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from frontdesk.checkin.tokens import CardData
from frontdesk.documents import fonts
from frontdesk.documents.qr import draw_qr, qr_image
from frontdesk.errors import DomainError

MM = 72 / 25.4
CARD_W, CARD_H = 85.6, 54.0  # mm
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
PAGE_W, PAGE_H = 210.0, 297.0  # A4, mm
LEFT = (PAGE_W - COLUMNS * CARD_W) / 2
BOTTOM = (PAGE_H - ROWS * CARD_H) / 2
BAND = 11.0  # mm: the coloured band with the school's name
CORNER = 3.18  # mm: an ID-1 card's corner radius
QR_SIDE = 34.0  # mm, quiet zone included
TEXT_LEFT = 5.0
TEXT_WIDTH = CARD_W - QR_SIDE - TEXT_LEFT - 3.0
BAND_COLOUR = (0.11, 0.31, 0.52)
GREY = (0.42, 0.42, 0.42)


@dataclass(frozen=True)
class CardLabels:
    """The fixed words on a card, in the language the school prints in."""

    title: str = "学员卡"
    code: str = "学员号"
    more_courses: str = "{first} 等{n}门课程"
    reissued: str = "补发卡 第{n}版"
    scan_hint: str = "签到请出示二维码"
    page: str = "{school} · 学员卡 · 第 {page}/{pages} 页 · 沿裁切标记裁开"


def format_code(code: str) -> str:
    """ABC DEFG: a public code split for reading aloud."""
    return f"{code[:3]} {code[3:]}" if len(code) == 7 else code


def course_line(card: CardData, labels: CardLabels) -> str:
    titles = card.course_titles
    if len(titles) <= 1:
        return titles[0] if titles else ""
    return labels.more_courses.format(first=titles[0], n=len(titles))


# A name's box: left of the QR code, between the band and the course line.
NAME_SIZE = 17.0  # points, a short name
ONE_LINE_MIN = 10.0  # below this a name reads better on two lines
TWO_LINE_MAX, TWO_LINE_MIN = 13.0, 3.5
SEPARATOR_MIN = 6.0  # a break at a space or a dot is worth shrinking to this
NAME_BASELINE = 31.0  # mm, one line
TWO_LINE_BASELINE = 29.0  # mm, the second of two lines
LEADING = 1.15


@dataclass(frozen=True)
class NameLayout:
    size: float  # points
    lines: tuple[str, ...]  # one or two


def name_layout(name: str, width: float) -> NameLayout:
    """How a name fits ``width`` points: one line shrunk from 17 pt, else two
    lines (broken at a space or a middle dot when one fits, else between
    characters), else two lines cut with an ellipsis. Never wider than
    ``width``: a name never reaches the QR code or the next card."""
    size = fonts.fit_size(name, width, NAME_SIZE, min_size=ONE_LINE_MIN)
    if fonts.text_width(name, size) <= width + 0.01:
        return NameLayout(size, (name,))
    # A break at a space or a middle dot reads better, down to a readable
    # size; past that, the largest size at which any break fits.
    for at_separator in (True, False):
        size = TWO_LINE_MAX
        while size >= (SEPARATOR_MIN if at_separator else TWO_LINE_MIN):
            lines = _two_lines(name, width, size, at_separator=at_separator)
            if lines is not None:
                return NameLayout(size, lines)
            size -= 0.5
    first = _longest_prefix(name, width, TWO_LINE_MIN)
    rest = name[len(first):].lstrip()
    second = _longest_prefix(rest, width - fonts.text_width("…", TWO_LINE_MIN), TWO_LINE_MIN)
    return NameLayout(TWO_LINE_MIN, (first.rstrip(), second.rstrip() + "…"))


COURSE_SIZE, COURSE_MIN = 8.0, 5.5


def course_fit(text: str, width: float) -> tuple[float, str]:
    """The course line's size and text: shrunk, then cut with an ellipsis, so
    a long title never runs under the QR code."""
    size = fonts.fit_size(text, width, COURSE_SIZE, min_size=COURSE_MIN)
    if fonts.text_width(text, size) <= width + 0.01:
        return size, text
    return size, _longest_prefix(text, width - fonts.text_width("…", size), size) + "…"


def _longest_prefix(text: str, width: float, size: float) -> str:
    """The longest start of ``text`` that fits ``width`` at ``size`` (whole characters)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fonts.text_width(text[:middle], size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def _two_lines(name: str, width: float, size: float, *,
               at_separator: bool) -> tuple[str, str] | None:
    """``name`` as two lines that each fit: broken at a space or after a
    middle dot (the one nearest the middle that fits), or else between any
    two characters; None when it does not fit."""
    if at_separator:
        breaks = sorted((i + 1 for i, ch in enumerate(name) if ch in " ·"),
                        key=lambda i: abs(i - len(name) / 2))
        for cut in breaks:
            first, second = name[:cut].rstrip(), name[cut:].lstrip()
            if first and second and max(fonts.text_width(first, size),
                                        fonts.text_width(second, size)) <= width:
                return first, second
        return None
    first = _longest_prefix(name, width, size)
    second = name[len(first):]
    if first and fonts.text_width(second, size) <= width:
        return first, second
    return None


def check_printable(cards: Sequence[CardData], school_name: str, labels: CardLabels) -> None:
    """Refuse before drawing anything a name or title no bundled font has."""
    fixed = " ".join((school_name, labels.title, labels.code, labels.scan_hint, labels.page))
    missing = fonts.missing_characters(fixed)
    if missing:
        raise DomainError("unprintable_text", text=school_name, characters=missing)
    for card in cards:
        for text in (card.name, course_line(card, labels)):
            missing = fonts.missing_characters(text)
            if missing:
                raise DomainError("unprintable_text", text=text, characters=missing,
                                  learner_code=card.code)


# The PDF sheet -------------------------------------------------------------------


def render_cards_pdf(path: str | os.PathLike[str] | IO[bytes], cards: Sequence[CardData],
                     school_name: str, *, labels: CardLabels | None = None) -> int:
    """Write a sheet of cards (10 a page) to ``path`` (or a binary file); returns pages."""
    from reportlab.pdfgen.canvas import Canvas

    labels = labels or CardLabels()
    if not cards:
        raise DomainError("no_cards")
    check_printable(cards, school_name, labels)
    target = os.fspath(path) if isinstance(path, str | os.PathLike) else path
    canvas = Canvas(target, pagesize=(PAGE_W * MM, PAGE_H * MM), pageCompression=1,
                    initialFontName=fonts.register_base_font())
    canvas.setTitle(f"{school_name} {labels.title}")
    canvas.setAuthor(school_name)
    _backdrop_form(canvas, school_name, labels)
    pages = (len(cards) + PER_PAGE - 1) // PER_PAGE
    for page in range(pages):
        chunk = cards[page * PER_PAGE:(page + 1) * PER_PAGE]
        _page_header(canvas, school_name, labels, page + 1, pages)
        _cut_marks(canvas, (len(chunk) + COLUMNS - 1) // COLUMNS)
        for index, card in enumerate(chunk):
            row, column = divmod(index, COLUMNS)
            x = (LEFT + column * CARD_W) * MM
            y = (BOTTOM + (ROWS - 1 - row) * CARD_H) * MM
            _card(canvas, x, y, card, labels)
        canvas.showPage()
    canvas.save()
    return pages


def _backdrop_form(canvas: Any, school_name: str, labels: CardLabels) -> None:
    """What every card shares, drawn once: outline, band, school, labels."""
    w, h = CARD_W * MM, CARD_H * MM
    canvas.beginForm("card_backdrop", lowerx=0, lowery=0, upperx=w, uppery=h)
    canvas.setFillColorRGB(*BAND_COLOUR)
    canvas.roundRect(0, h - BAND * MM, w, BAND * MM, CORNER * MM, stroke=0, fill=1)
    canvas.rect(0, h - BAND * MM, w, BAND * MM / 2, stroke=0, fill=1)  # square lower corners
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.setLineWidth(0.3)
    canvas.roundRect(0, 0, w, h, CORNER * MM, stroke=1, fill=0)
    canvas.setFillColorRGB(1, 1, 1)
    title_w = fonts.text_width(labels.title, 9) + 2 * MM
    fonts.draw(canvas, TEXT_LEFT * MM, h - 7.3 * MM, school_name, 11,
               max_width=w - (TEXT_LEFT + 4) * MM - title_w)
    fonts.draw(canvas, w - 4 * MM, h - 7.1 * MM, labels.title, 9, align="right")
    canvas.setFillColorRGB(*GREY)
    fonts.draw(canvas, TEXT_LEFT * MM, 14.2 * MM, labels.code, 6.5)
    fonts.draw(canvas, w - 1.5 * MM - QR_SIDE * MM / 2, 2.2 * MM, labels.scan_hint, 5.5,
               align="centre")
    canvas.endForm()


def _card(canvas: Any, x: float, y: float, card: CardData, labels: CardLabels) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm("card_backdrop")
    canvas.setFillColorRGB(0, 0, 0)
    layout = name_layout(card.name, TEXT_WIDTH * MM)
    for y, line in zip(_name_baselines(layout), layout.lines, strict=True):
        fonts.draw(canvas, TEXT_LEFT * MM, y * MM, line, layout.size)
    canvas.setFillColorRGB(*GREY)
    course_size, course = course_fit(course_line(card, labels), TEXT_WIDTH * MM)
    fonts.draw(canvas, TEXT_LEFT * MM, 24.5 * MM, course, course_size)
    canvas.setFillColorRGB(0, 0, 0)
    fonts.draw(canvas, TEXT_LEFT * MM, 7.8 * MM, format_code(card.code), 15)
    if card.card_version > 1:
        canvas.setFillColorRGB(*GREY)
        fonts.draw(canvas, TEXT_LEFT * MM, 3.6 * MM, labels.reissued.format(n=card.card_version),
                   5.5)
    qr_x = (CARD_W - 1.5 - QR_SIDE) * MM
    draw_qr(canvas, card.token, qr_x, 4.5 * MM, QR_SIDE * MM)
    canvas.restoreState()


def _name_baselines(layout: NameLayout) -> list[float]:
    """Baselines in mm from the card's foot, top line first."""
    if len(layout.lines) == 1:
        return [NAME_BASELINE]
    step = layout.size * LEADING / MM
    return [TWO_LINE_BASELINE + step, TWO_LINE_BASELINE]


def _page_header(canvas: Any, school_name: str, labels: CardLabels, page: int,
                 pages: int) -> None:
    canvas.setFillColorRGB(*GREY)
    text = labels.page.format(school=school_name, page=page, pages=pages)
    fonts.draw(canvas, PAGE_W * MM / 2, (PAGE_H - 7) * MM, text, 7, align="centre",
               max_width=(PAGE_W - 20) * MM)


def _cut_marks(canvas: Any, rows_used: int) -> None:
    """Short lines in the margins along every cut; nothing on the cards."""
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.25)
    gap, length = 1.5, 5.0
    top = BOTTOM + ROWS * CARD_H
    low = top - rows_used * CARD_H
    for column in range(COLUMNS + 1):
        x = (LEFT + column * CARD_W) * MM
        canvas.line(x, (top + gap) * MM, x, (top + gap + length) * MM)
        canvas.line(x, (low - gap) * MM, x, (low - gap - length) * MM)
    for row in range(rows_used + 1):
        y = (top - row * CARD_H) * MM
        canvas.line((LEFT - gap) * MM, y, (LEFT - gap - length) * MM, y)
        right = LEFT + COLUMNS * CARD_W
        canvas.line((right + gap) * MM, y, (right + gap + length) * MM, y)


# One card as PNG (to send to a phone) ---------------------------------------------


@functools.cache
def _pillow_font(name: str, size: int) -> Any:
    from PIL import ImageFont

    from frontdesk.paths import resource

    spec = next(f for f in fonts.CHAIN if f.name == name)
    return ImageFont.truetype(str(resource("fonts", spec.filename)), size, index=spec.subfont)


def _draw_text_png(draw: Any, x: float, y: float, text: str, size: int, fill: Any, *,
                   max_width: float | None = None, anchor_right: bool = False,
                   min_size: int = 8) -> None:
    """Text through the same font chain as the PDFs (no boxes), baseline at y."""
    pieces = fonts.runs(text)

    def width_at(s: int) -> float:
        return sum(_pillow_font(font, s).getlength(piece) for font, piece in pieces)

    while max_width is not None and size > min_size and width_at(size) > max_width:
        size -= 1
    if anchor_right:
        x -= width_at(size)
    for font, piece in pieces:
        face = _pillow_font(font, size)
        draw.text((x, y), piece, font=face, fill=fill, anchor="ls")
        x += face.getlength(piece)


def render_card_png(card: CardData, school_name: str, *, dpi: int = 300,
                    labels: CardLabels | None = None) -> bytes:
    """One card as a PNG image (85.6 × 54 mm at ``dpi``), same design as the sheet."""
    from PIL import Image, ImageDraw

    labels = labels or CardLabels()
    check_printable([card], school_name, labels)
    px = dpi / 25.4
    w, h = round(CARD_W * px), round(CARD_H * px)
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    band = tuple(round(c * 255) for c in BAND_COLOUR)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=round(CORNER * px), fill="white",
                           outline=(190, 190, 190), width=max(1, round(px * 0.1)))
    draw.rounded_rectangle((0, 0, w - 1, round(BAND * px)), radius=round(CORNER * px), fill=band)
    draw.rectangle((0, round(BAND * px / 2), w - 1, round(BAND * px)), fill=band)
    _png_texts(draw, card, school_name, labels, px, (w, h))
    _paste_qr(image, card.token, px, h)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def _png_texts(draw: Any, card: CardData, school_name: str, labels: CardLabels, px: float,
               size: tuple[int, int]) -> None:
    """The card's words where the PDF puts them (``px`` pixels a millimetre)."""
    w, h = size
    pt = px * 25.4 / 72  # pixels per point
    grey = tuple(round(c * 255) for c in GREY)
    title_w = fonts.text_width(labels.title, 9) * pt + 2 * px
    _draw_text_png(draw, TEXT_LEFT * px, 7.3 * px, school_name, round(11 * pt), "white",
                   max_width=w - (TEXT_LEFT + 4) * px - title_w)
    _draw_text_png(draw, w - 4 * px, 7.1 * px, labels.title, round(9 * pt), "white",
                   anchor_right=True)
    layout = name_layout(card.name, TEXT_WIDTH * MM)
    for y, line in zip(_name_baselines(layout), layout.lines, strict=True):
        _draw_text_png(draw, TEXT_LEFT * px, h - y * px, line, max(1, round(layout.size * pt)),
                       "black", max_width=TEXT_WIDTH * px, min_size=1)
    course_size, course = course_fit(course_line(card, labels), TEXT_WIDTH * MM)
    _draw_text_png(draw, TEXT_LEFT * px, h - 24.5 * px, course, max(1, round(course_size * pt)),
                   grey, max_width=TEXT_WIDTH * px, min_size=1)
    _draw_text_png(draw, TEXT_LEFT * px, h - 14.2 * px, labels.code, round(6.5 * pt), grey)
    _draw_text_png(draw, TEXT_LEFT * px, h - 7.8 * px, format_code(card.code), round(15 * pt),
                   "black")
    if card.card_version > 1:
        _draw_text_png(draw, TEXT_LEFT * px, h - 3.6 * px,
                       labels.reissued.format(n=card.card_version), round(5.5 * pt), grey)
    hint_x = w - 1.5 * px - QR_SIDE * px / 2 + fonts.text_width(labels.scan_hint, 5.5) * pt / 2
    _draw_text_png(draw, hint_x, h - 2.2 * px, labels.scan_hint, round(5.5 * pt), grey,
                   anchor_right=True)


def _paste_qr(image: Any, token: str, px: float, h: int) -> None:
    side = round(QR_SIDE * px)
    probe = qr_image(token, module_px=1)
    module = max(1, side // probe.width)  # whole pixels per module: crisp edges
    qr = qr_image(token, module_px=module).convert("RGB")
    left = round((CARD_W - 1.5 - QR_SIDE) * px) + (side - qr.width) // 2
    top = h - round(4.5 * px) - side + (side - qr.height) // 2
    image.paste(qr, (left, top))


def write_card_png(path: str | os.PathLike[str], card: CardData, school_name: str,
                   *, dpi: int = 300) -> Path:
    target = Path(path)
    target.write_bytes(render_card_png(card, school_name, dpi=dpi))
    return target


__all__ = [
    "CARD_H", "CARD_W", "PER_PAGE", "CardLabels", "NameLayout", "check_printable", "course_line",
    "format_code", "name_layout", "render_card_png", "render_cards_pdf", "write_card_png",
]
