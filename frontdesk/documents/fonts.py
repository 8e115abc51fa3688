"""Bundled fonts for every PDF, and drawing text that never prints a box.

ReportLab embeds TrueType-outline fonts only, and no single font has every
character a learner's name may hold. Text is split into runs, each drawn in
the first font of the chain whose cmap has the character:

1. WenQuanYi Micro Hei: GB18030's common Chinese, Latin with diacritics (Ż).
2. Hanazono Mincho A: CJK Extension A (䶮) and compatibility ideographs.
3. Hanazono Mincho B: CJK Extension B and beyond (𠀋).

A character no font has is refused (:class:`MissingGlyphs` names it), never
drawn as an empty box. Fonts register once per process, the large fallbacks
only when a text needs them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from frontdesk.paths import resource
from frontdesk.text import printable

SANS = "FrontDeskSans"


@dataclass(frozen=True)
class FontFile:
    name: str
    filename: str
    subfont: int = 0


CHAIN = (
    FontFile(SANS, "wqy-microhei.ttc", 0),
    FontFile("FrontDeskExtA", "HanaMinA.ttf"),
    FontFile("FrontDeskExtB", "HanaMinB.ttf"),
)
_lock = threading.Lock()
_IGNORABLE = {"\u200b", "\u200c", "\u200d", "\ufeff", "\ufe0f"}


def _skipped(char: str) -> bool:
    """Characters never drawn: invisible ones, and (in a name stored before
    names were cleaned) controls, bidirectional overrides and soft hyphens,
    which would otherwise refuse a whole course's sheet or print as a dash."""
    return char in _IGNORABLE or (char != " " and not printable(char))


class MissingGlyphs(ValueError):
    """Characters that no bundled font can draw."""

    def __init__(self, characters: str) -> None:
        super().__init__(f"no bundled font has: {characters}")
        self.characters = characters


@functools.cache
def _cmap(index: int) -> frozenset[int]:
    return frozenset(_registered(index).face.charToGlyph)


@functools.cache
def _registered(index: int) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    spec = CHAIN[index]
    with _lock:
        try:
            return pdfmetrics.getFont(spec.name)
        except KeyError:
            font = TTFont(spec.name, str(resource("fonts", spec.filename)),
                          subfontIndex=spec.subfont)
            pdfmetrics.registerFont(font)
            return font


def register_base_font() -> str:
    """Register the main font (cheap: ~0.1 s, once) and return its name."""
    searchable_beyond_bmp()
    _registered(0)
    return SANS


def font_for(char: str) -> str | None:
    code = ord(char)
    for index, spec in enumerate(CHAIN):
        if code in _cmap(index):
            return spec.name
    return None


def missing_characters(text: str) -> str:
    """The characters of ``text`` that no bundled font can draw ('' if none)."""
    seen: list[str] = []
    for char in text:
        if _skipped(char) or char.isspace() or char in seen:
            continue
        if font_for(char) is None:
            seen.append(char)
    return "".join(seen)


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, piece) runs; raises MissingGlyphs."""
    missing = missing_characters(text)
    if missing:
        raise MissingGlyphs(missing)
    result: list[tuple[str, str]] = []
    for char in text:
        if _skipped(char):
            continue
        font = SANS if char.isspace() else font_for(char)
        assert font is not None
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(piece, font, size) for font, piece in runs(text))


def fit_size(text: str, max_width: float, size: float, min_size: float = 6.0) -> float:
    """The largest size ≤ ``size`` at which ``text`` fits ``max_width``."""
    width = text_width(text, size)
    if width <= max_width:
        return size
    return max(min_size, size * max_width / width)


def draw(canvas: Any, x: float, y: float, text: str, size: float, *,
         align: str = "left", max_width: float | None = None) -> float:
    """Draw ``text`` at baseline ``y``; shrinks to ``max_width`` when given.

    ``align`` is left, centre or right about ``x``. Returns the size used.
    """
    if max_width is not None:
        size = fit_size(text, max_width, size)
    pieces = runs(text)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [stringWidth(piece, font, size) for font, piece in pieces]
    total = sum(widths)
    start = x - total / 2 if align == "centre" else x - total if align == "right" else x
    for (font, piece), width in zip(pieces, widths, strict=True):
        canvas.setFont(font, size)
        canvas.drawString(start, y, piece)
        start += width
    return size


def _as_utf16(code: int) -> int:
    """A code point as the integer whose hex is its UTF-16BE (a surrogate pair above U+FFFF)."""
    if code <= 0xFFFF:
        return code
    code -= 0x10000
    return (0xD800 + (code >> 10)) << 16 | (0xDC00 + (code & 0x3FF))


@functools.cache
def searchable_beyond_bmp() -> None:
    """Make ReportLab's ToUnicode map right for characters beyond U+FFFF (𠀋).

    ReportLab writes ``<%04X>`` of the code point, five hex digits for 𠀋,
    which PDF readers drop: the name would print but not copy or search.
    ToUnicode wants UTF-16BE; formatting the surrogate pair as one integer
    gives exactly that. Applied once, when the first font is registered.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "frontdesk_utf16", False):
        return

    def make_cmap(fontname: str, subset: Sequence[int]) -> str:
        return str(original(fontname, [_as_utf16(code) for code in subset]))

    make_cmap.frontdesk_utf16 = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_cmap
