"""Reading a sign-up file row by row, without holding it in memory.

* A .csv is decoded with one encoding throughout: UTF-8 (with or without a
  BOM), UTF-16 (Excel's "Unicode text") or GB18030 (which reads GBK). A file
  that mixes them — a UTF-8 sheet with GBK lines pasted in — is refused with
  the first line that does not fit, instead of being read as garbage: UTF-8
  bytes are nearly always *valid* GB18030, so validity alone cannot tell.
* An .xlsx is scanned once, cheaply, for the rows that hold a value, so a
  sheet with a million formatted but empty rows costs a second, not minutes.
* Either way the rows are counted before any is read, and a file beyond the
  school's scale is refused up front with its count.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from frontdesk.errors import DomainError

DELIMITERS = (",", "\t", ";")
HEADER_SCAN_ROWS = 10  # a title row or two may sit above the header


@dataclass(frozen=True)
class SheetFile:
    """Where a file's rows are and how to read them again."""

    path: Path
    kind: str  # "xlsx" or "csv"
    encoding: str | None = None
    delimiter: str | None = None
    worksheet: int = 0  # xlsx: which sheet
    last_row: int | None = None  # xlsx: the last row holding a value
    data_rows: int = 0  # rows holding something, the header included

    def records(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(row number as in the file, cells as text) for every row with a value."""
        if self.kind == "xlsx":
            yield from _xlsx_records(self)
        else:
            yield from _csv_records(self)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed into a number cell
    if isinstance(value, dt.datetime):  # Excel keeps times as fractions of a day
        return (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def open_sheet_files(path: str | Path, row_limit: int) -> list[SheetFile]:
    """The readable sheets of ``path`` (one for a .csv), counted and checked.

    Refuses with ``import_file_not_found``, ``import_cannot_read``,
    ``import_empty``, ``import_old_excel``, ``import_not_a_spreadsheet``,
    ``import_unreadable_encoding``, ``import_mixed_encoding`` or
    ``import_too_many_rows``.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except FileNotFoundError as exc:
        raise DomainError("import_file_not_found", path=str(path)) from exc
    except OSError as exc:
        raise DomainError("import_cannot_read", path=str(path), detail=exc.strerror) from exc
    if head.startswith(b"PK\x03\x04"):
        sheets = _xlsx_sheets(path)
    elif head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Excel 97-2003 .xls (or an old .doc)
        raise DomainError("import_old_excel")
    elif not head.strip():
        raise DomainError("import_empty")
    else:
        sheets = [_csv_sheet(path, head, row_limit)]
    sheets = [s for s in sheets if s.data_rows > 1]
    if not sheets:
        raise DomainError("import_empty")
    for sheet in sheets:
        if sheet.data_rows - 1 > row_limit:
            raise DomainError("import_too_many_rows", rows=sheet.data_rows - 1, limit=row_limit)
    return sheets


# CSV -----------------------------------------------------------------------


def _csv_sheet(path: Path, head: bytes, row_limit: int) -> SheetFile:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        encoding = "utf-16"
        _check_utf16(path)
    else:
        controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 13))
        if b"\x00" in head or controls > len(head) // 100:
            raise DomainError("import_not_a_spreadsheet")
        encoding = _one_encoding(path)
    rows = _count_lines(path, encoding, row_limit)
    with path.open(encoding=encoding, newline="") as f:
        sample = [line for _n, line in zip(range(HEADER_SCAN_ROWS * 2), f, strict=False)]
    return SheetFile(path, "csv", encoding, _sniff_delimiter(sample), data_rows=rows)


def _blank(line: str | bytes) -> bool:
    if isinstance(line, str):
        return not line.strip(" \t\r\n,;\"'")
    return not line.strip(b" \t\r\n,;\"'")


def _count_lines(path: Path, encoding: str, row_limit: int) -> int:
    """Lines holding something: counted exactly only when the quick count of
    line ends says the file may be over the limit."""
    if encoding != "utf-16":
        ends = 0
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                ends += chunk.count(b"\n")
        if ends <= row_limit:
            return ends + 1
        with path.open("rb") as f:
            return sum(1 for line in f if not _blank(line))
    with path.open(encoding=encoding, newline="") as text:
        return sum(1 for line in text if not _blank(line))


def _check_utf16(path: Path) -> None:
    decoder = codecs.getincrementaldecoder("utf-16")()
    line = 1
    with path.open("rb") as f:
        try:
            while chunk := f.read(_CHUNK):
                line += decoder.decode(chunk).count("\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise DomainError("import_unreadable_encoding", line=line) from exc


def _one_encoding(path: Path) -> str:
    """UTF-8 when the whole file is valid UTF-8 (GBK text hardly ever is);
    otherwise GB18030, when every line reads in it and none is UTF-8 Chinese."""
    with path.open("rb") as f:
        bom = f.read(3) == codecs.BOM_UTF8
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    return _gbk_or_refuse(path, bom)


def _gbk_or_refuse(path: Path, bom: bool) -> str:
    utf8_fails = gbk_fails = utf8_line = None  # the first line of each
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if line.isascii():
                continue
            try:
                text: str | None = line.decode("utf-8")
            except UnicodeDecodeError:
                text = None
                utf8_fails = utf8_fails or number
            if (text is not None and utf8_line is None and _CJK.search(text)
                    and not _common_gb(line)):
                utf8_line = number
            if gbk_fails is None:
                try:
                    line.decode("gb18030")
                except UnicodeDecodeError:
                    gbk_fails = number
    if bom:
        utf8_line = 1
    gbk_breaks = min((n for n in (gbk_fails, utf8_line) if n), default=None)
    if gbk_breaks is None:
        return "gb18030"
    assert utf8_fails is not None  # the file is not valid UTF-8
    # Each encoding reads the file up to a line; the one that reads further is
    # the file's, and the line where it stops is the one to fix.
    stop, encoding = (gbk_breaks, "GBK") if gbk_breaks > utf8_fails else (utf8_fails, "UTF-8")
    if utf8_line is None or stop == gbk_fails == utf8_fails:  # no encoding reads that line
        raise DomainError("import_unreadable_encoding", line=stop)
    raise DomainError("import_mixed_encoding", line=stop, encoding=encoding)


_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


def _common_gb(line: bytes) -> bool:
    """Whether a line reads as GB18030 within GB2312, the characters nearly
    every GBK export keeps to. UTF-8 Chinese read as GB18030 falls outside
    it (李明 -> 鏉庢槑): that is how a UTF-8 line in a GBK file is told."""
    try:
        line.decode("gb18030").encode("gb2312")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
    return True


def _sniff_delimiter(sample: Sequence[str]) -> str:
    """The delimiter that splits the first lines into the most, evenly."""
    from frontdesk.roster.sheet_headers import field_for_header

    def score(delimiter: str) -> tuple[int, int]:
        rows = list(csv.reader(sample, delimiter=delimiter))
        known = max((sum(field_for_header(c) is not None for c in r) for r in rows), default=0)
        return known, max((len(r) for r in rows), default=0)

    return max(DELIMITERS, key=score)


def _csv_records(sheet: SheetFile) -> Iterator[tuple[int, tuple[str, ...]]]:
    with sheet.path.open(encoding=sheet.encoding, newline="") as f:
        for number, row in enumerate(csv.reader(f, delimiter=sheet.delimiter or ","), start=1):
            cells = tuple(cell.strip() for cell in row)
            if any(cells):
                yield number, cells


# XLSX ------------------------------------------------------------------------

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_CHUNK = 1 << 20


def _xlsx_sheets(path: Path) -> list[SheetFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                raise DomainError("import_not_a_spreadsheet")  # .docx, .pptx, a plain zip
            return [SheetFile(path, "xlsx", worksheet=i, last_row=last, data_rows=rows)
                    for i, part in enumerate(_worksheet_parts(archive))
                    for rows, last in [_count_xlsx_rows(archive, part)]]
    except DomainError:
        raise
    except Exception as exc:  # a damaged archive fails in many ways
        raise DomainError("import_not_a_spreadsheet") from exc


def _worksheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The worksheets' parts in the workbook's order, as openpyxl lists them."""
    book = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
    parts = []
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if "worksheets/" in part:
            parts.append(part)
    return parts


def _count_xlsx_rows(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """(rows holding a value, the last such row's number), reading the sheet's
    XML as bytes: a row holds a value when it has a <v> or an inline string."""
    rows = last = 0
    tail = b""
    marks: tuple[bytes, bytes, bytes] | None = None  # </row>, <v>, <is> with the prefix used
    with archive.open(part) as xml:
        while chunk := xml.read(_CHUNK):
            data = tail + chunk
            if marks is None:
                found = re.search(rb"<(\w+:)?sheetData\b", data)
                if found is None:
                    tail = data
                    continue
                prefix = found.group(1) or b""
                marks = (b"</%srow>" % prefix, b"<%sv>" % prefix, b"<%sis>" % prefix)
            close, value, inline = marks
            pieces = data.split(close)
            tail = pieces.pop()
            for piece in pieces:
                if value in piece or inline in piece:
                    rows += 1
                    numbers = _ROW_NUMBER.findall(piece)
                    last = int(numbers[-1]) if numbers else last + 1
    return rows, last


def _xlsx_records(sheet: SheetFile) -> Iterator[tuple[int, tuple[str, ...]]]:
    import openpyxl

    source = sheet.path.open("rb")  # a file object: openpyxl would judge a path by its name
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # a damaged archive fails in many ways inside openpyxl
        source.close()
        raise DomainError("import_not_a_spreadsheet") from exc
    try:
        worksheet = book.worksheets[sheet.worksheet]
        # Some writers record a wrong used range; read what is really there,
        # and stop at the last row holding a value.
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(values_only=True, max_row=sheet.last_row or 1)
        for number, row in enumerate(rows, start=1):
            cells = tuple(cell_text(c) for c in row)
            if any(cells):
                yield number, cells
    finally:
        book.close()
        source.close()


def sample_records(sheet: SheetFile) -> list[tuple[int, tuple[str, ...]]]:
    """The first few rows, where the header is looked for."""
    records = sheet.records()
    try:
        return [r for _n, r in zip(range(HEADER_SCAN_ROWS), records, strict=False)]
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()


