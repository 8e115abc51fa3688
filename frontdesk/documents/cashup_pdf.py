"""The daily cash-up (日结) as an A4 PDF: totals, the drawer, every entry.

Page one carries the totals per method, the cash expected against the cash
counted, and each desk and staff member's share; then every entry of the
day, the refunds and the waivers with their reasons, and signature lines.
Rows are drawn straight onto the canvas by :class:`pages.Pages`: a busy
evening of 500 entries renders well inside a second.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from frontdesk.documents import fonts
from frontdesk.documents.pages import MARGIN, Look, Pages, Target, a4, open_canvas
from frontdesk.documents.receipt import KIND_ZH, METHOD_ZH, REASON_ZH
from frontdesk.fees.cashup import CashUpLine, CashUpReport
from frontdesk.fees.ledger import Reason
from frontdesk.money import format_fen
from frontdesk.vocab import LedgerKind, PaymentMethod

# Tighter than the reports, and no rules between rows: a long list of money.
LOOK = Look(row_height=14.0, cell_size=8.0, bottom=50.0, continued=26.0, heading_room=48.0,
            above_heading=8.0, below_heading=20.0, rules=False)

# The list of entries; widths sum to 523.
ENTRY_COLUMNS = (("时间", 30.0, "left"), ("类型", 28.0, "left"), ("收据号", 74.0, "left"),
                 ("学员", 62.0, "left"), ("课程", 112.0, "left"), ("方式", 44.0, "left"),
                 ("参考号 / 原因", 123.0, "left"), ("金额", 50.0, "right"))
REASON_COLUMNS = (("时间", 34.0, "left"), ("学员", 80.0, "left"), ("课程", 140.0, "left"),
                  ("金额", 60.0, "right"), ("原因", 150.0, "left"), ("关联", 59.0, "left"))


def reason_text(reason: Reason | None) -> str:
    if reason is None:
        return ""
    label = REASON_ZH[reason.code]
    return f"{label}：{reason.note}" if reason.note else label


def desk_label(desk: str | None) -> str:
    return "全部前台" if desk is None else (desk or "全校")


def _summary(p: Pages, report: CashUpReport, printed_at: dt.datetime | None) -> None:
    fonts.draw(p.c, MARGIN, p.y - 18, f"{report.school_name} 日结报告", 18,
               max_width=p.width - 2 * MARGIN - 120)
    fonts.draw(p.c, p.width - MARGIN, p.y - 16, "Daily cash-up", 10, align="right")
    p.y -= 30
    line = f"营业日 {report.business_date.isoformat()} · 前台 {desk_label(report.desk)}"
    if printed_at is not None:
        line += f" · 打印于 {printed_at:%Y-%m-%d %H:%M}"
    p.text(line, 10, gap=22)
    columns = (("支付方式", 110.0, "left"), ("收款笔数", 70.0, "right"),
               ("收款金额", 90.0, "right"), ("退款笔数", 70.0, "right"),
               ("退款金额", 90.0, "right"), ("净额", 93.0, "right"))
    p.header(columns, size=9)
    for m in report.methods:
        p.row([METHOD_ZH[m.method], str(m.payments), format_fen(m.payments_fen), str(m.refunds),
               format_fen(m.refunds_fen), format_fen(m.net_fen)], columns, size=9)
    p.row(["合计", str(sum(m.payments for m in report.methods)), format_fen(report.payments_fen),
           str(sum(m.refunds for m in report.methods)), format_fen(report.refunds_fen),
           format_fen(report.net_fen)], columns, total=True, size=9)
    p.y -= 6
    p.text(f"减免合计 {format_fen(report.waived_fen)}（{len(report.waivers)} 笔） · "
           f"更正合计 {format_fen(report.adjusted_fen)}（{len(report.adjustments)} 笔）", 9)


def _drawer(p: Pages, report: CashUpReport) -> None:
    p.heading("现金核对 Cash drawer")
    p.text(f"应有现金 Expected  {format_fen(report.expected_cash_fen)}"
           "（现金收款减现金退款，不含备用金）", 10, gap=18)
    if not report.closings:
        p.text("实点现金 Counted  ________________    差额 Difference  ____________    "
               "（尚未日结 not closed）", 10, gap=18)
        return
    for closing in report.closings:
        who = f" · {closing.staff_name}" if closing.staff_name else ""
        p.text(f"{desk_label(closing.desk)}：应有 {format_fen(closing.expected_cash_fen)} · "
               f"实点 {format_fen(closing.counted_cash_fen)} · "
               f"差额 {format_fen(closing.difference_fen)}{who}", 10, gap=16)
        if closing.note:
            p.text(f"备注：{closing.note}", 9, gap=16, x=MARGIN + 12)


def _by_staff(p: Pages, report: CashUpReport) -> None:
    p.heading("按前台与收款人 By desk and staff")
    methods = list(PaymentMethod)
    columns = [("前台", 70.0, "left"), ("收款人", 70.0, "left")]
    columns += [(METHOD_ZH[m], 58.0, "right") for m in methods]
    columns += [("减免", 55.0, "right"), ("笔数", 38.0, "right")]
    p.header(columns)
    for group in report.by_staff:
        p.row([group.desk or "—", group.staff_name or "—"]
              + [format_fen(group.method(m).net_fen) for m in methods]
              + [format_fen(group.waived_fen), str(group.entries)], columns)


def _entry_cells(e: CashUpLine, tz: ZoneInfo) -> list[str]:
    detail = e.reference or ""
    if e.kind is LedgerKind.REFUND:
        detail = f"退 {e.reverses_receipt_no or ''} {reason_text(e.reason)}".strip()
    elif e.kind in (LedgerKind.WAIVER, LedgerKind.ADJUSTMENT):
        detail = reason_text(e.reason)
    amount = -e.amount_fen if e.kind is LedgerKind.REFUND else e.amount_fen
    return [f"{e.at.astimezone(tz):%H:%M}", KIND_ZH[e.kind],
            e.receipt_no or (f"#{e.corrects_id}" if e.corrects_id else ""),
            e.learner_name, e.course_title, METHOD_ZH[e.method] if e.method else "", detail,
            format_fen(amount)]


def _entries(p: Pages, report: CashUpReport, tz: ZoneInfo) -> None:
    p.heading(f"明细 Entries（{len(report.entries)} 笔）")
    p.header(ENTRY_COLUMNS)
    for entry in report.entries:
        p.row(_entry_cells(entry, tz), ENTRY_COLUMNS)


def _reasoned(p: Pages, title: str, lines: Sequence[CashUpLine], tz: ZoneInfo) -> None:
    if not lines:
        return
    p.heading(f"{title}（{len(lines)} 笔）")
    p.header(REASON_COLUMNS)
    for e in lines:
        link = e.reverses_receipt_no or (f"更正 #{e.corrects_id}" if e.corrects_id else "")
        p.row([f"{e.at.astimezone(tz):%H:%M}", e.learner_name,
               e.course_title, format_fen(e.amount_fen), reason_text(e.reason), link],
              REASON_COLUMNS)


def _signatures(p: Pages) -> None:
    p.need(60)
    p.y -= 30
    fonts.draw(p.c, MARGIN, p.y, "收款人签字 ________________", 10)
    fonts.draw(p.c, p.width / 2 + 20, p.y, "复核人签字 ________________", 10)
    p.y -= 20


def write_cashup_pdf(report: CashUpReport, target: Target, *,
                     printed_at: dt.datetime | None = None) -> None:
    """Draw the cash-up into ``target`` (a path or a binary file); times
    show in the school's zone, ``printed_at`` (aware) in the header."""
    width, height = a4()
    day, desk = report.business_date.isoformat(), desk_label(report.desk)
    c = open_canvas(target, f"日结 {day} {desk}", report.school_name, width, height)
    p = Pages(c, width, height, f"{report.school_name} 日结 {day} · {desk}", LOOK)
    tz = report.tz()
    _summary(p, report, printed_at.astimezone(tz) if printed_at else None)
    _drawer(p, report)
    _by_staff(p, report)
    _entries(p, report, tz)
    _reasoned(p, "退款明细 Refunds", report.refunds, tz)
    _reasoned(p, "减免明细 Waivers", report.waivers, tz)
    _reasoned(p, "更正明细 Corrections", report.adjustments, tz)
    _signatures(p)
    p.finish()
    c.save()


def cashup_pdf(report: CashUpReport, *, printed_at: dt.datetime | None = None) -> bytes:
    buffer = io.BytesIO()
    write_cashup_pdf(report, buffer, printed_at=printed_at)
    return buffer.getvalue()
