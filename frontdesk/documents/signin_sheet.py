"""The paper sign-in sheet of one lesson: the fallback when power or PC fails.

An A4 table of everyone seated on the course, in pinyin order: number, name,
public code, a column for the arrival time and one for the signature. The
arrival times written on it are typed in afterwards
(``attendance.record_paper_checkins``), so the sheet asks for them. Learners
already excused print as such; a few blank rows take walk-ins. Every page
repeats the heading and says which page it is.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import IO, Any

from frontdesk.checkin.tonight import RollRow, SignInSheet
from frontdesk.documents import fonts
from frontdesk.errors import DomainError
from frontdesk.vocab import AttendanceStatus

MM = 72 / 25.4
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
ROW_H = 9.0
HEADER_H = 8.0
TOP = PAGE_H - MARGIN - 30.0  # where the table starts (mm from the bottom)
FOOT = MARGIN + 14.0  # room kept for the footer and the totals
# (key, width mm); the signature column takes what is left.
COLUMNS = (("no", 12.0), ("name", 46.0), ("code", 26.0), ("time", 26.0), ("sign", 0.0))
WEEKDAYS_ZH = "一二三四五六日"
GREY = (0.4, 0.4, 0.4)


@dataclass(frozen=True)
class SignInSheetLabels:
    title: str = "{course} 签到表"
    info: str = ("课程编号 {code}　日期 {date}（周{weekday}）{start}–{end}"
                 "　教室 {room}　讲师 {instructor}")
    date: str = "{year}年{month}月{day}日"
    no: str = "序号"
    name: str = "姓名"
    code: str = "学员号"
    time: str = "签到时间"
    sign: str = "签名"
    excused: str = "请假"
    checked_in: str = "{time} 已签到"
    totals: str = "应到 {expected} 人　　实到 ______ 人　　讲师签字 ______________"
    page: str = "第 {page}/{pages} 页"
    printed: str = "打印于 {time}"
    instruction: str = "请填写到达时间（如 19:05）并签名；此表录入系统后请交回前台。"


def rows_per_page() -> int:
    return int((TOP - HEADER_H - FOOT) // ROW_H)


def _cells(row: RollRow | None, number: int, labels: SignInSheetLabels,
           tz: dt.tzinfo) -> dict[str, str]:
    if row is None:
        return {"no": str(number), "name": "", "code": "", "time": "", "sign": ""}
    time = ""
    if row.status is AttendanceStatus.EXCUSED:
        time = labels.excused
    elif row.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE) and row.at:
        time = labels.checked_in.format(time=row.at.astimezone(tz).strftime("%H:%M"))
    return {"no": str(number), "name": row.name, "code": row.code, "time": time, "sign": ""}


def render_signin_sheet_pdf(target: str | os.PathLike[str] | IO[bytes], sheet: SignInSheet, *,
                      blank_rows: int = 4, printed_at: dt.datetime | None = None,
                      labels: SignInSheetLabels | None = None) -> int:
    """Write the sign-in sheet to ``target`` (a path or a binary file); returns pages."""
    from reportlab.pdfgen.canvas import Canvas

    labels = labels or SignInSheetLabels()
    _check_printable(sheet, labels)
    lines: list[RollRow | None] = [*sheet.rows, *([None] * blank_rows)]
    per_page = rows_per_page()
    pages = max(1, (len(lines) + per_page - 1) // per_page)
    out = os.fspath(target) if isinstance(target, str | os.PathLike) else target
    canvas = Canvas(out, pagesize=(PAGE_W * MM, PAGE_H * MM), pageCompression=1,
                    initialFontName=fonts.register_base_font())
    canvas.setTitle(labels.title.format(course=sheet.course_title))
    tz = sheet.starts_local.tzinfo or dt.UTC
    for page in range(pages):
        chunk = lines[page * per_page:(page + 1) * per_page]
        _heading(canvas, sheet, labels)
        bottom = _table(canvas, chunk, page * per_page, labels, tz)
        if page == pages - 1:
            fonts.draw(canvas, MARGIN * MM, (bottom - 8) * MM,
                       labels.totals.format(expected=len(sheet.rows)), 10)
        _footer(canvas, labels, page + 1, pages, printed_at, tz)
        canvas.showPage()
    canvas.save()
    return pages


def _check_printable(sheet: SignInSheet, labels: SignInSheetLabels) -> None:
    texts = [sheet.course_title, sheet.room, sheet.instructor_name, labels.info, labels.title,
             labels.instruction, labels.totals, *(r.name for r in sheet.rows)]
    for text in texts:
        missing = fonts.missing_characters(text)
        if missing:
            raise DomainError("unprintable_text", text=text, characters=missing)


def _heading(canvas: Any, sheet: SignInSheet, labels: SignInSheetLabels) -> None:
    start, end = sheet.starts_local, sheet.ends_local
    canvas.setFillColorRGB(0, 0, 0)
    fonts.draw(canvas, PAGE_W * MM / 2, (PAGE_H - MARGIN - 8) * MM,
               labels.title.format(course=sheet.course_title), 16, align="centre",
               max_width=(PAGE_W - 2 * MARGIN) * MM)
    date = labels.date.format(year=start.year, month=start.month, day=start.day)
    info = labels.info.format(code=sheet.course_code, date=date,
                              weekday=WEEKDAYS_ZH[start.weekday()],
                              start=start.strftime("%H:%M"), end=end.strftime("%H:%M"),
                              room=sheet.room or "—", instructor=sheet.instructor_name or "—")
    fonts.draw(canvas, PAGE_W * MM / 2, (PAGE_H - MARGIN - 17) * MM, info, 9.5,
               align="centre", max_width=(PAGE_W - 2 * MARGIN) * MM)
    canvas.setFillColorRGB(*GREY)
    fonts.draw(canvas, PAGE_W * MM / 2, (PAGE_H - MARGIN - 24) * MM, labels.instruction, 8,
               align="centre", max_width=(PAGE_W - 2 * MARGIN) * MM)


def _column_edges() -> list[tuple[str, float, float]]:
    edges, x = [], MARGIN
    for key, width in COLUMNS:
        w = width or (PAGE_W - MARGIN - x)
        edges.append((key, x, w))
        x += w
    return edges


def _table(canvas: Any, chunk: list[RollRow | None], first: int, labels: SignInSheetLabels,
           tz: dt.tzinfo) -> float:
    """Draw the header and ``chunk``'s rows; returns the table's bottom (mm)."""
    edges = _column_edges()
    width = PAGE_W - 2 * MARGIN
    canvas.setFillColorRGB(0.9, 0.9, 0.9)
    canvas.rect(MARGIN * MM, (TOP - HEADER_H) * MM, width * MM, HEADER_H * MM, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for key, x, w in edges:
        fonts.draw(canvas, (x + w / 2) * MM, (TOP - HEADER_H + 2.6) * MM, getattr(labels, key),
                   9.5, align="centre")
    y = TOP - HEADER_H
    for offset, row in enumerate(chunk):
        y -= ROW_H
        cells = _cells(row, first + offset + 1, labels, tz)
        for key, x, w in edges:
            text = cells[key]
            if not text:
                continue
            grey = key == "time" or key == "no"
            canvas.setFillColorRGB(*(GREY if grey else (0, 0, 0)))
            size = 11 if key == "name" else 9
            fonts.draw(canvas, (x + 2) * MM, (y + 3) * MM, text, size, max_width=(w - 4) * MM)
    _grid(canvas, edges, y)
    return y


def _grid(canvas: Any, edges: list[tuple[str, float, float]], bottom: float) -> None:
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.5)
    right = PAGE_W - MARGIN
    canvas.rect(MARGIN * MM, bottom * MM, (right - MARGIN) * MM, (TOP - bottom) * MM)
    canvas.setLineWidth(0.25)
    for _key, x, _w in edges[1:]:
        canvas.line(x * MM, bottom * MM, x * MM, TOP * MM)
    y = TOP - HEADER_H
    while y > bottom + 0.01:
        canvas.line(MARGIN * MM, y * MM, right * MM, y * MM)
        y -= ROW_H


def _footer(canvas: Any, labels: SignInSheetLabels, page: int, pages: int,
            printed_at: dt.datetime | None, tz: dt.tzinfo) -> None:
    canvas.setFillColorRGB(*GREY)
    fonts.draw(canvas, PAGE_W * MM / 2, MARGIN * MM / 2 + 2 * MM,
               labels.page.format(page=page, pages=pages), 8, align="centre")
    if printed_at is not None:
        when = printed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        fonts.draw(canvas, (PAGE_W - MARGIN) * MM, MARGIN * MM / 2 + 2 * MM,
                   labels.printed.format(time=when), 7, align="right")


__all__ = ["SignInSheetLabels", "render_signin_sheet_pdf", "rows_per_page"]
