"""QR codes for every document: one vector path in a PDF, or a PNG image.

ReportLab's own ``QrCodeWidget`` draws each module as its own shape and is
the slow part of a page (~30 pages/s). Here the matrix from the ``qrcode``
package becomes a single path of horizontal runs, written in module units
and scaled by the canvas, so a page with a QR costs little more than text.

Codes made of QR's alphanumeric characters (learner tokens, certificate
codes) take a fast path: the version is computed up front and the mask is
fixed, skipping ``qrcode``'s trial encodings and its pure-Python mask
scoring. Any mask is valid QR and reads the same.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Literal

Level = Literal["L", "M", "Q", "H"]
QUIET_ZONE = 4  # modules of white around a code, as the standard asks
_ALPHANUMERIC = re.compile(r"^[0-9A-Z $%*+\-./:]+$")
_FIXED_MASK = 2


def _level(level: Level) -> int:
    from qrcode import constants

    return {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M,
            "Q": constants.ERROR_CORRECT_Q, "H": constants.ERROR_CORRECT_H}[level]


def _alphanumeric_version(data: str, level: int) -> int:
    """The smallest version holding ``data`` as one alphanumeric segment."""
    from qrcode import util

    payload = 11 * (len(data) // 2) + 6 * (len(data) % 2)
    for version in range(1, 41):
        needed = 4 + util.length_in_bits(util.MODE_ALPHA_NUM, version) + payload
        if needed <= util.BIT_LIMIT_TABLE[level][version]:
            return version
    raise ValueError("too long for a QR code")


@functools.lru_cache(maxsize=4096)
def qr_matrix(data: str, level: Level = "M") -> tuple[tuple[bool, ...], ...]:
    """The modules of ``data``'s QR code (True = dark), without a quiet zone."""
    import qrcode
    from qrcode import util

    if not data:
        raise ValueError("no data for a QR code")
    correction = _level(level)
    if _ALPHANUMERIC.match(data):
        qr = qrcode.QRCode(version=_alphanumeric_version(data, correction),
                           error_correction=correction, border=0, mask_pattern=_FIXED_MASK)
        qr.add_data(util.QRData(data, mode=util.MODE_ALPHA_NUM), optimize=0)
        qr.make(fit=False)
    else:
        qr = qrcode.QRCode(error_correction=correction, border=0, mask_pattern=_FIXED_MASK)
        qr.add_data(data)
        qr.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in qr.get_matrix())


def dark_runs(matrix: tuple[tuple[bool, ...], ...]) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules."""
    runs = []
    for y, row in enumerate(matrix):
        x, width = 0, len(row)
        while x < width:
            if row[x]:
                start = x
                while x < width and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return runs


@functools.lru_cache(maxsize=4096)
def _path(data: str, level: Level) -> tuple[int, Any]:
    """Module count and one path of the dark runs, in module units (y down).

    Each run is a little taller than its row, so neighbouring rows overlap
    and no hairline seam shows between them when a viewer anti-aliases.
    """
    from reportlab.pdfgen.pathobject import PDFPathObject

    matrix = qr_matrix(data, level)
    ops = [f"{x} {y} {n} 1.02 re" for y, x, n in dark_runs(matrix)]
    return len(matrix), PDFPathObject(ops)


def draw_qr(canvas: Any, data: str, x: float, y: float, size: float, *,
            level: Level = "M", quiet_zone: int = QUIET_ZONE) -> None:
    """Draw ``data`` as a QR code filling the square at (x, y) (lower left)
    of side ``size`` points, quiet zone included, painted white first."""
    count, path = _path(data, level)
    module = size / (count + 2 * quiet_zone)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.translate(x + quiet_zone * module, y + size - quiet_zone * module)
    canvas.scale(module, -module)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def qr_image(data: str, *, module_px: int = 8, level: Level = "M",
             quiet_zone: int = QUIET_ZONE) -> Any:
    """The QR code as a black-and-white Pillow image (mode "1")."""
    from PIL import Image, ImageDraw

    matrix = qr_matrix(data, level)
    side = (len(matrix) + 2 * quiet_zone) * module_px
    image = Image.new("1", (side, side), 1)
    draw = ImageDraw.Draw(image)
    for y, x, n in dark_runs(matrix):
        left = (x + quiet_zone) * module_px
        top = (y + quiet_zone) * module_px
        draw.rectangle((left, top, left + n * module_px - 1, top + module_px - 1), fill=0)
    return image


def qr_png(data: str, *, module_px: int = 8, level: Level = "M") -> bytes:
    """The QR code as PNG bytes (to send, or to place in another document)."""
    import io

    buffer = io.BytesIO()
    qr_image(data, module_px=module_px, level=level).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


__all__ = ["QUIET_ZONE", "dark_runs", "draw_qr", "qr_image", "qr_matrix", "qr_png"]
