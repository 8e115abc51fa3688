"""The payment receipt (收据): one A5 landscape page, bundled font embedded.

It shows the public subsidy the learner received on an inclusive course
("市场价 ¥1,000.00 · 普惠价 ¥300.00 · 补贴 ¥700.00"), the amount in Chinese
capitals as receipts here carry it, and a reprint says 副本 COPY. Printed
words are Chinese with English beside the main ones: a receipt is the
school's document, not the desk's language setting.
"""

from __future__ import annotations

import io
from typing import Any

from frontdesk.documents import fonts
from frontdesk.documents.pages import Target, open_canvas
from frontdesk.fees.ledger import ReasonCode
from frontdesk.fees.view import ReceiptData
from frontdesk.money import format_fen
from frontdesk.vocab import FeeTier, LedgerKind, PaymentMethod

METHOD_ZH = {
    PaymentMethod.CASH: "现金",
    PaymentMethod.WECHAT: "微信支付",
    PaymentMethod.ALIPAY: "支付宝",
    PaymentMethod.UNIONPAY: "银联卡",
    PaymentMethod.BANK: "银行转账",
}
TIER_ZH = {FeeTier.FREE: "公益性课程", FeeTier.INCLUSIVE: "普惠性课程"}
KIND_ZH = {LedgerKind.PAYMENT: "缴费", LedgerKind.REFUND: "退费", LedgerKind.WAIVER: "减免",
           LedgerKind.ADJUSTMENT: "更正"}
REASON_ZH = {
    ReasonCode.WITHDRAWN: "学员退课", ReasonCode.COURSE_CANCELLED: "课程取消",
    ReasonCode.DUPLICATE: "重复缴费", ReasonCode.WRONG_AMOUNT: "金额录错",
    ReasonCode.WRONG_COURSE: "记错课程", ReasonCode.UNEMPLOYED: "待业/失业",
    ReasonCode.HARDSHIP: "生活困难", ReasonCode.DISABILITY: "残疾人",
    ReasonCode.SENIOR: "老年人", ReasonCode.OTHER: "其他",
}

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ((3, "仟"), (2, "佰"), (1, "拾"), (0, ""))
_GROUPS = ("", "万", "亿", "万亿")

def _four(n: int) -> str:
    words, zero = "", False
    for power, unit in _UNITS:
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(words)
            continue
        if zero:
            words += "零"
            zero = False
        words += _DIGITS[digit] + unit
    return words


def _yuan_words(yuan: int) -> str:
    groups = []
    while yuan:
        groups.append(yuan % 10_000)
        yuan //= 10_000
    words, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(words)
            continue
        if words and (gap or group < 1000):
            words += "零"
        words += _four(group) + _GROUPS[index]
        gap = False
    return words


def amount_in_words(fen: int) -> str:
    """The amount in Chinese financial capitals: 30000 -> 叁佰元整,
    29970 -> 贰佰玖拾玖元柒角, 100005 -> 壹仟元零伍分."""
    if fen < 0:
        return "负" + amount_in_words(-fen)
    yuan, rest = divmod(fen, 100)
    jiao, fen_part = divmod(rest, 10)
    words = _yuan_words(yuan) + "元" if yuan else ""
    if not jiao and not fen_part:
        return (words or "零元") + "整"
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif words:
        words += "零"
    if fen_part:
        words += _DIGITS[fen_part] + "分"
    return words


def subsidy_line(market_price_fen: int, fee_due_fen: int) -> str:
    """市场价 ¥1,000.00 · 普惠价 ¥300.00 · 补贴 ¥700.00"""
    subsidy = max(0, market_price_fen - fee_due_fen)
    return (f"市场价 {format_fen(market_price_fen)} · 普惠价 {format_fen(fee_due_fen)} · "
            f"补贴 {format_fen(subsidy)}")


def _page_size() -> tuple[float, float]:
    from reportlab.lib.pagesizes import A5, landscape

    width, height = landscape(A5)
    return float(width), float(height)


def _copy_marks(c: Any, width: float, height: float) -> None:
    c.saveState()
    c.setFillColorRGB(0.88, 0.88, 0.88)
    c.translate(width / 2, height / 2 - 20)
    c.rotate(22)
    fonts.draw(c, 0, 0, "副本 COPY", 64, align="centre")
    c.restoreState()
    c.saveState()
    c.setStrokeColorRGB(0.75, 0.1, 0.1)
    c.setFillColorRGB(0.75, 0.1, 0.1)
    c.setLineWidth(1.5)
    c.roundRect(width - 128, height - 62, 98, 30, 4)
    fonts.draw(c, width - 79, height - 52, "副本 COPY", 14, align="centre")
    c.restoreState()


def _header(c: Any, data: ReceiptData, width: float, height: float) -> float:
    fonts.draw(c, width / 2, height - 46, data.school_name, 18, align="centre",
               max_width=width - 300)
    fonts.draw(c, width / 2, height - 68, "收 据  RECEIPT", 12, align="centre")
    y = height - 94
    fonts.draw(c, 36, y, f"收据号 No. {data.receipt_no}", 11)
    fonts.draw(c, width - 36, y, f"日期 Date  {data.at_local:%Y-%m-%d %H:%M}", 10, align="right")
    c.setLineWidth(0.8)
    c.line(36, y - 8, width - 36, y - 8)
    return y - 28


def _rows(data: ReceiptData) -> list[tuple[str, str]]:
    method = METHOD_ZH[data.method]
    if data.reference:
        method += f" · 交易单号 {data.reference}"
    rows = [
        ("学员 Learner", f"{data.learner_name}（{data.learner_code}）"),
        ("课程 Course", f"{data.course_title} · {data.course_code}"),
        ("类别 Tier", TIER_ZH[data.fee_tier]),
        ("支付方式 Method", method),
        ("累计已缴 / 尚欠", f"{format_fen(data.paid_to_date_fen)} / "
                          f"{format_fen(data.balance_after_fen)}"),
    ]
    if data.copy and data.refunded_since_fen:
        rows.append(("其后已退 Refunded", format_fen(data.refunded_since_fen)))
    return rows


def _body(c: Any, data: ReceiptData, y: float, width: float) -> float:
    label_x, value_x, value_width = 40.0, 150.0, width - 190.0
    fonts.draw(c, label_x, y, "本次缴费 Paid", 11)
    fonts.draw(c, value_x, y - 2, format_fen(data.amount_fen), 20)
    fonts.draw(c, width - 40, y - 1, f"大写 {amount_in_words(data.amount_fen)}", 11,
               align="right", max_width=220)
    y -= 30
    for label, value in _rows(data):
        fonts.draw(c, label_x, y, label, 10)
        fonts.draw(c, value_x, y, value, 11, max_width=value_width)
        y -= 21
    return y


def _subsidy(c: Any, data: ReceiptData, y: float, width: float) -> None:
    if data.market_price_fen <= 0:
        return
    c.saveState()
    c.setStrokeColorRGB(0.2, 0.45, 0.3)
    c.setFillColorRGB(0.93, 0.97, 0.94)
    c.roundRect(36, y - 40, width - 72, 46, 5, stroke=1, fill=1)
    c.setFillColorRGB(0.1, 0.3, 0.18)
    fonts.draw(c, 48, y - 10, "您在本课程享受的公共补贴 Public subsidy on this course", 9)
    fonts.draw(c, width / 2, y - 31, subsidy_line(data.market_price_fen, data.fee_due_fen), 13,
               align="centre", max_width=width - 100)
    c.restoreState()


def _footer(c: Any, data: ReceiptData, width: float) -> None:
    staff = f"收款人 {data.staff_name} · " if data.staff_name else ""
    fonts.draw(c, 36, 40, f"{staff}前台 {data.desk or '—'}", 10)
    fonts.draw(c, width - 36, 40, "经办签章 ____________", 10, align="right")
    contact = " · ".join(x for x in (data.school_address, data.school_phone) if x)
    if contact:
        c.setFillColorRGB(0.4, 0.4, 0.4)
        fonts.draw(c, width / 2, 20, contact, 8, align="centre", max_width=width - 72)
        c.setFillColorRGB(0, 0, 0)


def write_receipt(data: ReceiptData, target: Target) -> None:
    """Draw the receipt into ``target`` (a path or a binary file).

    Raises fonts.MissingGlyphs when a name holds a character no bundled font
    has, rather than printing an empty box.
    """
    width, height = _page_size()
    title = f"收据 {data.receipt_no}" + (" 副本" if data.copy else "")
    c = open_canvas(target, title, data.school_name, width, height)
    if data.copy:
        _copy_marks(c, width, height)
    y = _header(c, data, width, height)
    y = _body(c, data, y, width)
    _subsidy(c, data, y - 2, width)
    _footer(c, data, width)
    c.showPage()
    c.save()


def receipt_pdf(data: ReceiptData) -> bytes:
    """The receipt as PDF bytes (to print, or to save where the user chose)."""
    buffer = io.BytesIO()
    write_receipt(data, buffer)
    return buffer.getvalue()
