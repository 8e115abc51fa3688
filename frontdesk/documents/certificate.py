"""Completion certificates as PDF: one file with a page per learner, or a file each.

Drawn with ReportLab through :mod:`frontdesk.documents.fonts`, so the
bundled CJK fonts are embedded as subsets and a name no font has is refused
(``DomainError("certificate_missing_glyph")``) before anything is written,
never printed as a box. A batch registers its fonts once, draws the static
backdrop and each course's block once as form XObjects, and draws each QR
code as a single vector path. Output is written to a temporary file and
moved into place, so a cancelled or failed batch leaves no partial file.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontdesk.certificates.design import CertificateDesign, CertificateStyle
from frontdesk.certificates.issue import CertificateContent
from frontdesk.documents import fonts
from frontdesk.documents.certificate_layouts import (
    GEOMETRY,
    PAGE_H,
    PAGE_W,
    Geometry,
    check_printable,
    colour,
    course_values,
    date_en,
    date_zh,
    draw_frame,
    draw_image,
    text,
)
from frontdesk.errors import DomainError

Progress = Callable[[int, int], None]  # (done, total)
Cancel = Callable[[], bool]  # True to stop


@dataclass(frozen=True)
class RenderResult:
    files: list[Path]  # what was written (empty when cancelled)
    pages: int
    cancelled: bool = False


def style_of(style: CertificateStyle | str) -> CertificateStyle:
    """A style, or a layout name with the built-in words."""
    if isinstance(style, str):
        if style not in GEOMETRY:
            raise DomainError("certificate_layout_unknown", value=style)
        return CertificateStyle(CertificateDesign(layout=style))
    if style.layout not in GEOMETRY:
        raise DomainError("certificate_layout_unknown", value=style.layout)
    return style


# QR code ----------------------------------------------------------------------


_ALPHANUMERIC = re.compile(r"^[0-9A-Z $%*+\-./:]*$")


def _qr_version(data: str) -> int:
    """The smallest version holding ``data`` in one alphanumeric segment at level M."""
    from qrcode import util
    from qrcode.constants import ERROR_CORRECT_M

    payload = 11 * (len(data) // 2) + 6 * (len(data) % 2)
    for version in range(1, 41):
        needed = 4 + util.length_in_bits(util.MODE_ALPHA_NUM, version) + payload
        if needed <= util.BIT_LIMIT_TABLE[ERROR_CORRECT_M][version]:
            return version
    raise ValueError("too long for a QR code")


def _qr_matrix(data: str) -> list[list[bool]]:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    if not _ALPHANUMERIC.match(data):  # not a verification code (a preview, a test)
        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2)
        qr.add_data(data)
        qr.make(fit=True)
        return qr.get_matrix()
    # The version computed up front and a fixed mask skip qrcode's trial
    # encodings and its pure-Python mask scoring (together ~8 ms a code);
    # every mask is valid QR and decodes the same.
    qr = qrcode.QRCode(version=_qr_version(data), error_correction=ERROR_CORRECT_M, border=0,
                       mask_pattern=2)
    qr.add_data(qrcode.util.QRData(data, mode=qrcode.util.MODE_ALPHA_NUM), optimize=0)
    qr.make(fit=False)
    return qr.get_matrix()


@functools.lru_cache(maxsize=4096)
def _qr_path(data: str) -> tuple[int, Any]:
    """Module count and one path of the dark modules (runs merged), per code text.

    The path is written in whole module units (the caller scales it), as
    ReportLab's own number formatting is pure Python here and was half the
    cost of a page.
    """
    from reportlab.pdfgen.pathobject import PDFPathObject

    matrix = _qr_matrix(data)
    code: list[str] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                code.append(f"{start} {y} {x - start} 1 re")
            else:
                x += 1
    return len(matrix), PDFPathObject(code)


def draw_qr(canvas: Any, data: str, x: float, y: float, size: float) -> None:
    """A QR code with its quiet zone in the square (x, y, size), as vectors."""
    count, path = _qr_path(data)
    module = size / (count + 8)
    canvas.setFillColor(colour("#FFFFFF"))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.saveState()
    canvas.translate(x + 4 * module, y + size - 4 * module)
    canvas.scale(module, -module)
    canvas.setFillColor(colour("#000000"))
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


# Pages ------------------------------------------------------------------------


class CertificatePages:
    """Draws certificate pages onto one canvas; forms are made once per canvas."""

    def __init__(self, canvas: Any, style: CertificateStyle) -> None:
        self.canvas = canvas
        self.style = style
        self.geometry: Geometry = GEOMETRY[style.layout]
        self._forms: dict[object, str] = {}
        self._images: dict[str, Any] = {}

    def page(self, item: CertificateContent) -> None:
        """One certificate page (ends the page)."""
        c, g = self.canvas, self.geometry
        backdrop = self._form("backdrop", self._backdrop)
        course = self._form(tuple(course_values(item, False).items()), lambda: self._course(item))
        seal = self._form("seal", self._seal) if self.style.design.seal_path else None
        c.doForm(backdrop)
        c.doForm(course)
        text(c, g.x, g.name, item.learner_name, g.align)
        self._issue_lines(item)
        draw_qr(c, item.qr_text, *g.qr)
        if seal:
            c.doForm(seal)
        c.showPage()

    def _form(self, key: object, draw: Callable[[], None]) -> str:
        name = self._forms.get(key)
        if name is None:
            name = f"fd{len(self._forms)}"
            self.canvas.beginForm(name, 0, 0, PAGE_W, PAGE_H)
            draw()
            self.canvas.endForm()
            self._forms[key] = name
        return name

    def image(self, path: str) -> Any:
        if path not in self._images:
            from reportlab.lib.utils import ImageReader

            try:
                self._images[path] = ImageReader(path)
            except OSError as exc:
                raise DomainError("certificate_image_unreadable", path=path) from exc
        return self._images[path]

    def _backdrop(self) -> None:
        c, g, s, t = self.canvas, self.geometry, self.style, self.style.design.texts
        draw_frame(c, s.layout)
        if s.logo_path:
            draw_image(c, self.image(s.logo_path), g.logo)
        text(c, g.school_x, g.school_zh, s.school_name, g.school_align)
        text(c, g.school_x, g.school_en, s.school_name_en, g.school_align)
        for line, value in ((g.title_zh, t.title_zh), (g.title_en, t.title_en),
                            (g.intro_zh, t.intro_zh), (g.intro_en, t.intro_en)):
            text(c, g.x, line, value, g.align)
        x0, x1, y = g.name_rule
        c.setStrokeColor(g.accent)
        c.setLineWidth(0.8)
        c.line(x0, y, x1, y)
        self._labels()
        self._signatures()

    def _labels(self) -> None:
        c, g, t = self.canvas, self.geometry, self.style.design.texts
        vx, vy, valign = g.verify_at
        c.setFillColor(g.caption_colour)
        fonts.draw(c, vx, vy, t.verify_zh, 9, align=valign, max_width=150)
        fonts.draw(c, vx, vy - 11, t.verify_en, 7.5, align=valign, max_width=150)
        c.setFillColor("#555555")
        for (x, y, align), zh, en in ((g.serial_at, t.serial_zh, t.serial_en),
                                      (g.issued_at, t.issued_zh, t.issued_en)):
            label = " / ".join(v for v in (zh, en) if v)
            fonts.draw(c, x, y, label, 9, align=align, max_width=170)

    def _signatures(self) -> None:
        c, g, t = self.canvas, self.geometry, self.style.design.texts
        labels = ((t.signature_1_zh, t.signature_1_en), (t.signature_2_zh, t.signature_2_en))
        for path, (cx, y), (zh, en) in zip(self.style.design.signature_paths, g.signatures,
                                          labels, strict=True):
            # The line is drawn whenever the style names the signer: it is where the
            # principal signs by hand when there is no signature image.
            if not (path or zh or en):
                continue
            if path:
                draw_image(c, self.image(path), (cx - 55, y + 3, 110, 44), centre=True)
            c.setStrokeColor("#555555")
            c.setLineWidth(0.6)
            c.line(cx - 60, y, cx + 60, y)
            c.setFillColor("#333333")
            fonts.draw(c, cx, y - 13, zh, 10, align="centre", max_width=120)
            c.setFillColor("#666666")
            fonts.draw(c, cx, y - 24, en, 7.5, align="centre", max_width=120)

    def _seal(self) -> None:
        cx, cy, size = self.geometry.seal
        box = (cx - size / 2, cy - size / 2, size, size)
        draw_image(self.canvas, self.image(self.style.design.seal_path), box, centre=True)

    def _course(self, item: CertificateContent) -> None:
        c, g, t = self.canvas, self.geometry, self.style.design.texts
        zh, en = course_values(item, False), course_values(item, True)
        for line, value in ((g.body_zh, t.body_zh.format(**zh)),
                            (g.body_en, t.body_en.format(**en)),
                            (g.dates_zh, t.dates_zh.format(**zh)),
                            (g.dates_en, t.dates_en.format(**en))):
            text(c, g.x, line, value, g.align)

    def _issue_lines(self, item: CertificateContent) -> None:
        c, g = self.canvas, self.geometry
        ix, iy, ialign = g.issued_at
        c.setFillColor(colour("#111111"))
        fonts.draw(c, ix, iy - 18, date_zh(item.issued_on), 13, align=ialign, max_width=170)
        sx, sy, salign = g.serial_at
        fonts.draw(c, sx, sy - 18, item.serial, 12, align=salign, max_width=170)
        c.setFillColor(colour("#555555"))
        fonts.draw(c, ix, iy - 31, date_en(item.issued_on), 9, align=ialign, max_width=170)


# Files ------------------------------------------------------------------------


def _canvas(target: Any, style: CertificateStyle, title: str) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_base_font()
    # The initial font names our own: no unembedded Helvetica in the file.
    canvas = Canvas(target, pagesize=(PAGE_W, PAGE_H), initialFontName=fonts.SANS)
    canvas.setTitle(title)
    canvas.setAuthor(style.school_name)
    canvas.setCreator("FrontDesk")
    canvas.setSubject(f"{style.design.texts.title_zh} {style.design.texts.title_en}")
    return canvas


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path``, moved over it only when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".partial", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class _Cancelled(Exception):
    pass


def _pages(items: Sequence[CertificateContent], progress: Progress | None,
           cancel: Cancel | None) -> Iterator[tuple[int, CertificateContent]]:
    """Each item, stopping (raising _Cancelled) when asked, reporting after each."""
    total = len(items)
    for index, item in enumerate(items):
        if cancel is not None and cancel():
            raise _Cancelled
        yield index, item
        if progress is not None:
            progress(index + 1, total)


def render_certificates(
    path: str | os.PathLike[str], items: Sequence[CertificateContent],
    layout: CertificateStyle | str = "classic", progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RenderResult:
    """One PDF with a page per certificate, in the order given.

    ``progress(done, total)`` is called after each page; when ``cancel()``
    returns True the batch stops and no file is left behind (an existing
    file at ``path`` is kept as it was).
    """
    style = style_of(layout)
    check_printable(items, style)
    target = Path(path)
    try:
        with _atomic(target) as temporary:
            canvas = _canvas(str(temporary), style, _title(items, style))
            pages = CertificatePages(canvas, style)
            for _, item in _pages(items, progress, cancel):
                pages.page(item)
            canvas.save()
    except _Cancelled:
        return RenderResult([], 0, cancelled=True)
    return RenderResult([target], len(items))


def render_certificate_bytes(item: CertificateContent,
                             layout: CertificateStyle | str = "classic") -> bytes:
    """One certificate as PDF bytes (for a preview or a print job)."""
    import io

    style = style_of(layout)
    check_printable([item], style)
    buffer = io.BytesIO()
    canvas = _canvas(buffer, style, _title([item], style))
    CertificatePages(canvas, style).page(item)
    canvas.save()
    return buffer.getvalue()


def sample_content(today: dt.date) -> CertificateContent:
    """A made-up certificate for the settings preview (its QR verifies as nothing)."""
    return CertificateContent(
        0, "SB-2026-0001", "欧阳明月", "AI+短视频拍摄与剪辑（周一班）", 32,
        today - dt.timedelta(days=55), today - dt.timedelta(days=1), "黄晓敏", today,
        "C1SAMPLE")


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def file_name(item: CertificateContent) -> str:
    """``SB-2026-0045 张三.pdf``: sorts by serial, safe on every file system."""
    name = _UNSAFE.sub("_", item.learner_name).strip(" .") or "certificate"
    return f"{item.serial} {name}.pdf"


def render_certificate_files(
    target: str | os.PathLike[str], items: Sequence[CertificateContent],
    layout: CertificateStyle | str = "classic", progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RenderResult:
    """One PDF per certificate, into a folder or (target ending in .zip) a zip file.

    On cancel, the files written by this batch are removed (a zip is never
    written at all).
    """
    style = style_of(layout)
    check_printable(items, style)
    destination = Path(target)
    if destination.suffix.lower() == ".zip":
        return _render_zip(destination, items, style, progress, cancel)
    destination.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for _, item in _pages(items, progress, cancel):
            path = destination / file_name(item)
            path.write_bytes(render_certificate_bytes(item, style))
            written.append(path)
    except BaseException as error:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(error, _Cancelled):
            return RenderResult([], 0, cancelled=True)
        raise
    return RenderResult(written, len(written))


def _render_zip(destination: Path, items: Sequence[CertificateContent], style: CertificateStyle,
                progress: Progress | None, cancel: Cancel | None) -> RenderResult:
    try:
        with _atomic(destination) as temporary, zipfile.ZipFile(temporary, "w") as archive:
            for _, item in _pages(items, progress, cancel):
                # PDFs are compressed already; storing them saves time for nothing lost.
                archive.writestr(file_name(item), render_certificate_bytes(item, style))
    except _Cancelled:
        return RenderResult([], 0, cancelled=True)
    return RenderResult([destination], len(items))


def _title(items: Sequence[CertificateContent], style: CertificateStyle) -> str:
    head = style.design.texts.title_zh
    if len(items) == 1:
        return f"{head} {items[0].serial} {items[0].learner_name}"
    courses = dict.fromkeys(i.course_title for i in items)
    return f"{head} {' / '.join(courses)}" if len(courses) <= 3 else head
