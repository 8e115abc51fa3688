"""Spreadsheets of the fees: who still owes, and the daily cash-up.

Amounts go into cells as exact decimals of yuan (Decimal(fen) / 100), never
floats, formatted ¥#,##0.00, so a school's accountant can sum them. Written
in openpyxl's write-only mode: a whole school's list is a few thousand rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from frontdesk.documents.cashup_pdf import desk_label, reason_text
from frontdesk.documents.pages import Target
from frontdesk.documents.receipt import KIND_ZH, METHOD_ZH
from frontdesk.fees.cashup import CashUpReport
from frontdesk.fees.view import OutstandingRow
from frontdesk.vocab import PaymentMethod
from frontdesk.xlsx import add_row, add_sheet, new_book, yuan


def write_outstanding_xlsx(rows: Sequence[OutstandingRow], target: Target, *,
                           tz: Any = None) -> None:
    """Who owes what, with their phone, one row per enrollment (and a total)."""
    book = new_book()
    sheet = add_sheet(book, "欠费名单", ("课程编号", "课程", "学员编号", "姓名", "电话", "应缴",
                                         "已缴", "减免", "尚欠", "报名时间"),
                      (10, 34, 11, 14, 14, 12, 12, 12, 12, 17))
    for r in rows:
        enrolled = r.enrolled_at.astimezone(tz).replace(tzinfo=None) if r.enrolled_at and tz \
            else None
        add_row(sheet, (r.course_code, r.course_title, r.learner_code, r.learner_name,
                        r.phone or "", yuan(r.fee_due_fen), yuan(r.paid_fen),
                        yuan(r.waived_fen + r.adjusted_fen), yuan(r.balance_fen), enrolled))
    add_row(sheet, ("合计", f"{len(rows)} 人次", None, None, None,
                    yuan(sum(r.fee_due_fen for r in rows)), yuan(sum(r.paid_fen for r in rows)),
                    yuan(sum(r.waived_fen + r.adjusted_fen for r in rows)),
                    yuan(sum(r.balance_fen for r in rows)), None))
    book.save(target)


def _summary_sheet(book: Any, report: CashUpReport) -> None:
    sheet = add_sheet(book, "汇总", ("项目", "笔数", "收款", "退款笔数", "退款", "净额"),
                      (22, 10, 14, 10, 14, 14))
    add_row(sheet, ("营业日", report.business_date.isoformat()))
    add_row(sheet, ("前台", desk_label(report.desk)))
    for m in report.methods:
        add_row(sheet, (METHOD_ZH[m.method], m.payments, yuan(m.payments_fen), m.refunds,
                        yuan(m.refunds_fen), yuan(m.net_fen)))
    add_row(sheet, ("合计", sum(m.payments for m in report.methods), yuan(report.payments_fen),
                    sum(m.refunds for m in report.methods), yuan(report.refunds_fen),
                    yuan(report.net_fen)))
    add_row(sheet, ("减免合计", len(report.waivers), yuan(report.waived_fen)))
    add_row(sheet, ("更正合计", len(report.adjustments), yuan(report.adjusted_fen)))
    add_row(sheet, ("应有现金", None, yuan(report.expected_cash_fen)))
    for c in report.closings:
        add_row(sheet, (f"日结 {desk_label(c.desk)}：应有 / 实点 / 差额", None,
                        yuan(c.expected_cash_fen), None, yuan(c.counted_cash_fen),
                        yuan(c.difference_fen)))
        if c.note:
            add_row(sheet, ("备注", c.note))


def _staff_sheet(book: Any, report: CashUpReport) -> None:
    methods = list(PaymentMethod)
    sheet = add_sheet(book, "按前台与收款人",
                      ("前台", "收款人", *(METHOD_ZH[m] for m in methods), "减免", "笔数"),
                      (12, 12, 12, 12, 12, 12, 12, 12, 8))
    for g in report.by_staff:
        add_row(sheet, (g.desk, g.staff_name, *(yuan(g.method(m).net_fen) for m in methods),
                        yuan(g.waived_fen), g.entries))


def _entries_sheet(book: Any, report: CashUpReport) -> None:
    sheet = add_sheet(book, "明细", ("编号", "时间", "类型", "收据号", "学员编号", "学员",
                                     "课程", "方式", "参考号", "金额", "原因", "关联收据",
                                     "更正编号", "前台", "收款人"),
                      (8, 17, 6, 15, 10, 12, 30, 9, 30, 12, 24, 15, 9, 9, 10))
    tz = report.tz()
    for e in report.entries:
        add_row(sheet, (e.entry_id, e.at.astimezone(tz).replace(tzinfo=None), KIND_ZH[e.kind],
                        e.receipt_no or "", e.learner_code, e.learner_name, e.course_title,
                        METHOD_ZH[e.method] if e.method else "", e.reference or "",
                        yuan(e.drawer_fen if e.method else e.amount_fen), reason_text(e.reason),
                        e.reverses_receipt_no or "", e.corrects_id, e.desk, e.staff_name))


def write_cashup_xlsx(report: CashUpReport, target: Target) -> None:
    """The cash-up as a workbook: summary, per desk and staff, every entry."""
    book = new_book()
    _summary_sheet(book, report)
    _staff_sheet(book, report)
    _entries_sheet(book, report)
    book.save(target)
