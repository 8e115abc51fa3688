"""The payment receipt on a thermal receipt printer (小票打印机), in ESC/POS.

58 mm and 80 mm printers print 384 and 576 dots a line (32 and 48 columns of
the built-in 12×24 font; a Chinese character takes two). Their built-in
Chinese font takes GB18030/GBK text once Chinese mode is on (``FS &``), so
ordinary lines are sent as text. A line with a character outside GBK (a name
such as 𠀋, CJK Extension B) would come out as "?" or garbage: that line is
drawn with FrontDesk's bundled fonts (:mod:`frontdesk.documents.fonts`) and
sent as a raster image (``GS v 0``), so every name prints right.

The few commands used are written here (no printer library): initialise,
Chinese mode, alignment, emphasis, character size, feed, raster image, the
cash drawer kick (``ESC p``) and a cut (``GS V``). :func:`decode` reads such a
byte stream back (tests, and :mod:`frontdesk.documents.escpos_preview`).

Like the A5 PDF, the receipt is the school's document: it is in Chinese
whatever the desk's language.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from frontdesk.documents.receipt import METHOD_ZH, TIER_ZH, amount_in_words, subsidy_line
from frontdesk.fees.view import ReceiptData
from frontdesk.money import format_fen
from frontdesk.vocab import PaymentMethod

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
DOTS = {58: 384, 80: 576}  # printable dots a line at 203 dpi
FONT_DOTS = 12  # width of a half-width character of font A; a full-width one is 24
LINE_DOTS = 24  # height of a text line
WIDTHS = tuple(DOTS)


def columns(width_mm: int) -> int:
    return DOTS[width_mm] // FONT_DOTS


def in_gbk(text: str) -> bool:
    """True when the printer's built-in GBK font has every character of ``text``."""
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def display_width(text: str) -> int:
    """Columns ``text`` takes: two for a wide (Chinese) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns."""
    lines, line, used = [], "", 0
    for char in text:
        w = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0
        line += char
        used += w
    lines.append(line)
    return lines


class EscPos:
    """An ESC/POS byte stream, built a command at a time."""

    def __init__(self, width_mm: int) -> None:
        if width_mm not in DOTS:
            raise ValueError(f"receipt printers here are 58 or 80 mm wide, not {width_mm}")
        self.width_mm = width_mm
        self.data = bytearray()
        self.data += ESC + b"@"  # initialise
        self.data += FS + b"&"  # Chinese mode: text bytes are GB18030/GBK

    @property
    def columns(self) -> int:
        return columns(self.width_mm)

    def align(self, how: str) -> EscPos:
        self.data += ESC + b"a" + bytes([{"left": 0, "centre": 1, "right": 2}[how]])
        return self

    def bold(self, on: bool) -> EscPos:
        self.data += ESC + b"E" + bytes([1 if on else 0])
        return self

    def size(self, double: bool) -> EscPos:
        n = 0x11 if double else 0x00
        self.data += GS + b"!" + bytes([n])  # half-width characters
        self.data += FS + b"!" + bytes([0x0C if double else 0x00])  # Chinese characters
        return self

    def line(self, text: str = "", *, double: bool = False) -> EscPos:
        """One line: as GBK text, or as a raster image when the printer cannot have it."""
        if in_gbk(text):
            self.data += text.encode("gb18030") + LF
        else:
            self.image(render_line(text, DOTS[self.width_mm], double=double))
        return self

    def image(self, raster: Raster) -> EscPos:
        """``GS v 0``: a 1-bit image, ``raster.width`` dots wide (a multiple of 8)."""
        row_bytes = raster.width // 8
        self.data += GS + b"v0\x00" + row_bytes.to_bytes(2, "little") \
            + raster.height.to_bytes(2, "little") + raster.bits
        return self

    def feed(self, lines: int) -> EscPos:
        self.data += ESC + b"d" + bytes([lines])
        return self

    def drawer(self) -> EscPos:
        """Kick the cash drawer on pin 2 (50 ms on, 500 ms off)."""
        self.data += ESC + b"p\x00\x19\xfa"
        return self

    def cut(self) -> EscPos:
        """Feed past the cutter and cut, leaving a hinge (GS V 66 n)."""
        self.data += GS + b"VB\x03"
        return self


@dataclass(frozen=True)
class Raster:
    width: int  # dots, a multiple of 8
    height: int
    bits: bytes  # rows top to bottom, most significant bit leftmost, 1 = black


def render_line(text: str, width: int, *, double: bool = False) -> Raster:
    """``text`` drawn with FrontDesk's bundled fonts into a 1-bit line image.

    Each run of characters is drawn in the first bundled font that has them
    (:func:`frontdesk.documents.fonts.runs`), so a name with a CJK Extension B
    character prints right. Raises fonts.MissingGlyphs when no font has one.
    """
    from PIL import Image, ImageDraw

    from frontdesk.documents import fonts

    height = LINE_DOTS * (2 if double else 1)
    pixel = height - 2
    pieces = fonts.runs(text)
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    x = 0
    for name, piece in pieces:
        font = _pil_font(name, pixel)
        draw.text((x, height - 3), piece, font=font, fill=0, anchor="ls")
        x += round(draw.textlength(piece, font=font))
    inverted = Image.eval(image.convert("L"), lambda v: 255 - v).convert("1")
    return Raster(width, height, inverted.tobytes())


@functools.cache
def _pil_font(name: str, size: int) -> Any:
    from PIL import ImageFont

    from frontdesk.documents import fonts
    from frontdesk.paths import resource

    spec = next(f for f in fonts.CHAIN if f.name == name)
    return ImageFont.truetype(str(resource("fonts", spec.filename)), size, index=spec.subfont)


# -- the receipt -------------------------------------------------------------------


def _yuan(fen: int) -> str:
    """An amount as a receipt printer's GBK font has it: ￥ (full width), not ¥."""
    return format_fen(fen).replace("¥", "￥")


def _pair(label: str, value: str, width: int) -> list[str]:
    """``label`` then ``value``, on one line when it fits, the value wrapped after."""
    one = f"{label}：{value}"
    if display_width(one) <= width:
        return [one]
    return [f"{label}："] + ["  " + part for part in wrap(value, width - 2)]


def receipt_bytes(data: ReceiptData, width_mm: int, *, open_drawer: bool = False) -> bytes:
    """The receipt for a thermal printer; ``open_drawer`` kicks the cash drawer first
    (cash payments only: the caller decides)."""
    p = EscPos(width_mm)
    cols = p.columns
    if open_drawer and data.method is PaymentMethod.CASH and not data.copy:
        p.drawer()
    p.align("centre").bold(True).size(True)
    for part in wrap(data.school_name, cols // 2):
        p.line(part, double=True)
    p.size(False).line("收 据" + ("（副本 COPY）" if data.copy else "")).bold(False)
    p.align("left").line("-" * cols)
    rows = [
        ("收据号", data.receipt_no),
        ("日期", f"{data.at_local:%Y-%m-%d %H:%M}"),
        ("学员", f"{data.learner_name}（{data.learner_code}）"),
        ("课程", f"{data.course_title}（{data.course_code}）"),
        ("类别", TIER_ZH[data.fee_tier]),
    ]
    for label, value in rows:
        for text in _pair(label, value, cols):
            p.line(text)
    p.line("-" * cols)
    p.bold(True).size(True).line(f"实收 {_yuan(data.amount_fen)}", double=True)
    p.size(False).bold(False)
    for text in _pair("大写", amount_in_words(data.amount_fen), cols):
        p.line(text)
    method = [("支付方式", METHOD_ZH[data.method])]
    if data.reference:
        method.append(("交易单号", data.reference))
    method.append(("累计已缴", _yuan(data.paid_to_date_fen)))
    method.append(("尚欠", _yuan(data.balance_after_fen)))
    if data.copy and data.refunded_since_fen:
        method.append(("其后已退", _yuan(data.refunded_since_fen)))
    for label, value in method:
        for text in _pair(label, value, cols):
            p.line(text)
    if data.market_price_fen > 0:
        p.line("-" * cols)
        p.line("您在本课程享受的公共补贴：")
        line = subsidy_line(data.market_price_fen, data.fee_due_fen).replace("¥", "￥")
        for part in line.split(" · "):
            p.line("  " + part)
    p.line("-" * cols)
    for text in _pair("收款人", data.staff_name or "—", cols):
        p.line(text)
    for text in _pair("前台", data.desk or "—", cols):
        p.line(text)
    contact = " ".join(x for x in (data.school_address, data.school_phone) if x)
    if contact:
        p.align("centre")
        for part in wrap(contact, cols):
            p.line(part)
    p.feed(2).cut()
    return bytes(p.data)


def printer_test_page(width_mm: int, school_name: str, target: str) -> bytes:
    """A test page: the width's ruler, Chinese as text, a rare name as an image, a cut."""
    p = EscPos(width_mm)
    cols = p.columns
    p.align("centre").bold(True).size(True).line("打印测试", double=True).size(False)
    p.line(school_name).bold(False).align("left")
    p.line("-" * cols)
    p.line(f"纸宽 {width_mm} mm，每行 {cols} 个字符")
    p.line(f"打印机：{target}")
    p.line(("1234567890" * 5)[:cols])
    p.line("中文：壹贰叁肆伍陆柒捌玖拾元整")
    p.line("生僻字（图像）：𠀋 王𠀋")
    p.line("-" * cols)
    p.feed(2).cut()
    return bytes(p.data)


# -- reading a byte stream back ---------------------------------------------------------


@dataclass
class Printed:
    """One thing the printer does: a text line, an image, a cut, a drawer kick."""

    kind: str  # "text", "image", "cut", "drawer", "feed"
    text: str = ""
    align: str = "left"
    bold: bool = False
    double: bool = False
    raster: Raster | None = None
    lines: int = 0


@dataclass
class Decoded:
    items: list[Printed] = field(default_factory=list)
    chinese_mode: bool = False

    def texts(self) -> list[str]:
        return [i.text for i in self.items if i.kind == "text"]

    def images(self) -> list[Raster]:
        return [i.raster for i in self.items if i.kind == "image" and i.raster is not None]

    def kinds(self) -> list[str]:
        return [i.kind for i in self.items]


def decode(stream: bytes) -> Decoded:
    """Read back an ESC/POS stream made by :class:`EscPos` (unknown commands raise)."""
    out = Decoded()
    state: dict[str, Any] = {"align": "left", "bold": False, "double": False}
    text = bytearray()

    def flush_text() -> None:
        if text:
            encoding = "gb18030" if out.chinese_mode else "cp437"
            out.items.append(Printed("text", bytes(text).decode(encoding), **state))
            text.clear()

    for command, args in _commands(stream):
        if command == "text":
            text.extend(args)
            continue
        flush_text()
        if command == "LF":
            pass  # a text line ends
        elif command == "ESC @":
            state.update(align="left", bold=False, double=False)
            out.chinese_mode = False
        elif command == "FS &":
            out.chinese_mode = True
        elif command == "ESC a":
            state["align"] = ("left", "centre", "right")[args[0] % 3]
        elif command == "ESC E":
            state["bold"] = bool(args[0] & 1)
        elif command == "GS !":
            state["double"] = bool(args[0] & 0x10)
        elif command == "FS !":
            pass  # Chinese characters follow GS ! here
        elif command == "ESC d":
            out.items.append(Printed("feed", lines=args[0]))
        elif command == "ESC p":
            out.items.append(Printed("drawer"))
        elif command == "GS V":
            out.items.append(Printed("cut"))
        elif command == "GS v 0":
            row_bytes, height = args[0], args[1]
            out.items.append(Printed("image", raster=Raster(row_bytes * 8, height, args[2]),
                                     **state))
    flush_text()
    return out


def _commands(s: bytes) -> Iterator[tuple[str, Any]]:
    i = 0
    while i < len(s):
        b = s[i]
        if b == 0x0A:
            yield "LF", None
            i += 1
        elif b == 0x1B:
            c = s[i + 1]
            if c == ord("@"):
                yield "ESC @", None
                i += 2
            elif c in (ord("a"), ord("E"), ord("d")):
                yield f"ESC {chr(c)}", s[i + 2:i + 3]
                i += 3
            elif c == ord("p"):
                yield "ESC p", s[i + 2:i + 5]
                i += 5
            else:
                raise ValueError(f"unknown command ESC {c:#04x} at {i}")
        elif b == 0x1C:
            c = s[i + 1]
            if c == ord("&"):
                yield "FS &", None
                i += 2
            elif c == ord("!"):
                yield "FS !", s[i + 2:i + 3]
                i += 3
            else:
                raise ValueError(f"unknown command FS {c:#04x} at {i}")
        elif b == 0x1D:
            c = s[i + 1]
            if c == ord("!"):
                yield "GS !", s[i + 2:i + 3]
                i += 3
            elif c == ord("V"):
                m = s[i + 2]
                size = 4 if m in (65, 66, 97, 98, 103, 104) else 3
                yield "GS V", s[i + 2:i + size]
                i += size
            elif c == ord("v") and s[i + 2] == ord("0"):
                row_bytes = int.from_bytes(s[i + 4:i + 6], "little")
                height = int.from_bytes(s[i + 6:i + 8], "little")
                end = i + 8 + row_bytes * height
                if end > len(s):
                    raise ValueError(f"a raster image runs past the end at {i}")
                yield "GS v 0", (row_bytes, height, s[i + 8:end])
                i = end
            else:
                raise ValueError(f"unknown command GS {c:#04x} at {i}")
        elif b < 0x20:
            raise ValueError(f"unknown control byte {b:#04x} at {i}")
        else:
            j = i
            while j < len(s) and s[j] >= 0x20:
                j += 1
            yield "text", s[i:j]
            i = j
