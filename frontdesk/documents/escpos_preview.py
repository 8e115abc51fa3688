"""A picture of what a thermal printer would print from an ESC/POS byte stream.

Text lines are drawn with the bundled font in the printer's fixed 12×24 cells
(a stand-in for its built-in font; a Chinese character takes two cells),
raster images are pasted as sent, a cut is a dashed line and a drawer kick a
grey note. For the printer test page on screen and for looking at receipts in
tests; the paper is what counts.
"""

from __future__ import annotations

import io
from typing import Any

from frontdesk.documents.escpos_receipt import (
    DOTS,
    FONT_DOTS,
    LINE_DOTS,
    Printed,
    decode,
    display_width,
)

MARGIN = 16


def _height(item: Printed) -> int:
    if item.kind == "text":
        return LINE_DOTS * (2 if item.double else 1) + 4
    if item.kind == "image" and item.raster is not None:
        return item.raster.height + 4
    if item.kind == "feed":
        return LINE_DOTS * item.lines
    return 20


def preview_image(stream: bytes, width_mm: int) -> Any:
    """A Pillow image (greyscale) of the printed paper."""
    from PIL import Image, ImageDraw, ImageFont

    from frontdesk.paths import resource

    width = DOTS[width_mm]
    items = decode(stream).items
    path = str(resource("fonts", "wqy-microhei.ttc"))
    small = ImageFont.truetype(path, LINE_DOTS - 2)
    large = ImageFont.truetype(path, 2 * LINE_DOTS - 4)
    paper = Image.new("L", (width + 2 * MARGIN, sum(map(_height, items)) + 2 * MARGIN), 255)
    draw = ImageDraw.Draw(paper)
    y = MARGIN
    for item in items:
        h = _height(item)
        if item.kind == "text":
            font = large if item.double else small
            cell = FONT_DOTS * (2 if item.double else 1)
            length = display_width(item.text) * cell
            x = MARGIN + {"left": 0, "centre": (width - length) // 2,
                          "right": width - length}[item.align]
            for char in item.text:
                w = display_width(char) * cell
                for dx in (0, 1) if item.bold else (0,):
                    draw.text((x + dx + w / 2, y + h - 6), char, font=font, fill=0, anchor="ms")
                x += w
        elif item.kind == "image" and item.raster is not None:
            raster = item.raster
            bits = Image.frombytes("1", (raster.width, raster.height), raster.bits)
            paper.paste(Image.eval(bits.convert("L"), lambda v: 255 - v), (MARGIN, y + 2))
        elif item.kind == "cut":
            for x in range(0, width + 2 * MARGIN, 12):
                draw.line((x, y + 10, x + 6, y + 10), fill=90, width=2)
        elif item.kind == "drawer":
            draw.text((MARGIN, y + 14), "[钱箱弹开 drawer]", font=small, fill=140, anchor="ls")
        y += h
    return paper


def preview_png(stream: bytes, width_mm: int) -> bytes:
    buffer = io.BytesIO()
    preview_image(stream, width_mm).save(buffer, format="PNG")
    return buffer.getvalue()
