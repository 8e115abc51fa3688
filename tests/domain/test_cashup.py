"""The daily cash-up (日结) of a hand-countable evening, closing it, and its documents."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from frontdesk.documents.cashup_pdf import write_cashup_pdf
from frontdesk.documents.fees_xlsx import write_cashup_xlsx
from frontdesk.errors import DomainError
from frontdesk.fees.cashup import cashup_report, close_day, desks_for_day
from frontdesk.fees.ledger import Reason, ReasonCode, refund, take_payment, waive
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Staff
from frontdesk.vocab import PaymentMethod, StaffRole
from tests.domain.fees_fixtures import footprint, make_school

DAY = dt.date(2026, 12, 1)
CASH, WECHAT, ALIPAY = PaymentMethod.CASH, PaymentMethod.WECHAT, PaymentMethod.ALIPAY


@pytest.fixture
def evening(store, actor, now):
    """Two desks, two cashiers, one evening:

    前台1 张敏: cash ¥300, WeChat ¥100, refund ¥50 cash of the cash payment.
    前台2 李强: Alipay ¥200, cash ¥40, a ¥100 waiver.
    """
    school = make_school(store, actor, now)
    with store.write() as s:
        for username, name in (("zhangmin", "张敏"), ("liqiang", "李强")):
            s.add(Staff(username=username, display_name=name, role=StaffRole.CASHIER,
                        password_hash="-", created_at=now))
    desk1 = Actor(desk="前台1", staff_id=1, role=StaffRole.CASHIER, name="张敏")
    desk2 = Actor(desk="前台2", staff_id=2, role=StaffRole.CASHIER, name="李强")
    e0, e1, e2 = school.enrollment_ids
    at = [now - dt.timedelta(minutes=m) for m in (50, 40, 30, 20, 10, 5)]
    with store.write() as s:
        cash = take_payment(s, e0, 30_000, CASH, desk1, at[0])
    with store.write() as s:
        take_payment(s, e1, 10_000, WECHAT, desk1, at[1], reference="4200000001")
    with store.write() as s:
        refund(s, cash.entry_id, 5_000, Reason(ReasonCode.WRONG_AMOUNT, "多收"), desk1, at[2])
    with store.write() as s:
        take_payment(s, e2, 20_000, ALIPAY, desk2, at[3], reference="2026000001")
    with store.write() as s:
        waive(s, e2, 10_000, Reason(ReasonCode.UNEMPLOYED), desk2, at[4])
    with store.write() as s:
        take_payment(s, e1, 4_000, CASH, desk2, at[5])
    return desk1, desk2


def test_the_evening_totals_per_method_desk_and_staff(store, evening):
    with store.read() as s:
        report = cashup_report(s, DAY)
    cash, wechat, alipay = report.method(CASH), report.method(WECHAT), report.method(ALIPAY)
    assert (cash.payments, cash.payments_fen, cash.refunds, cash.refunds_fen, cash.net_fen) == (
        2, 34_000, 1, 5_000, 29_000)
    assert (wechat.net_fen, alipay.net_fen) == (10_000, 20_000)
    assert (report.payments_fen, report.refunds_fen, report.waived_fen, report.net_fen) == (
        64_000, 5_000, 10_000, 59_000)
    assert report.expected_cash_fen == 29_000
    assert [(g.desk, g.staff_name, g.method(CASH).net_fen, g.net_fen, g.waived_fen, g.entries)
            for g in report.by_staff] == [("前台1", "张敏", 25_000, 35_000, 0, 3),
                                          ("前台2", "李强", 4_000, 24_000, 10_000, 3)]
    assert [r.reverses_receipt_no for r in report.refunds] == ["SB2026-000001"]
    assert [w.reason for w in report.waivers] == [Reason(ReasonCode.UNEMPLOYED)]
    assert not report.closed and report.counted_cash_fen is None


def test_one_desk_only(store, evening):
    with store.read() as s:
        report = cashup_report(s, DAY, "前台2")
    assert len(report.entries) == 3 and report.expected_cash_fen == 4_000
    assert {e.desk for e in report.entries} == {"前台2"}


def test_a_difference_needs_a_note_and_is_recorded(store, evening, now):
    desk1, _ = evening
    before = footprint(store)
    with pytest.raises(DomainError) as err, store.write() as s:
        close_day(s, DAY, "前台1", 24_000, " ", desk1, now)
    assert err.value.code == "cashup_note_required"
    assert err.value.details["difference"] == "-¥10.00"
    assert footprint(store) == before
    with store.write() as s:
        closing = close_day(s, DAY, "前台1", 24_000, "找零少了10元", desk1, now)
    assert (closing.expected_cash_fen, closing.counted_cash_fen, closing.difference_fen) == (
        25_000, 24_000, -1_000)
    with store.read() as s:
        mine, everyone = cashup_report(s, DAY, "前台1"), cashup_report(s, DAY)
        desks = desks_for_day(s, DAY)
    assert mine.closed and mine.difference_fen == -1_000
    assert [c.staff_name for c in mine.closings] == ["张敏"]
    assert not everyone.closed  # 前台2 is still open
    assert [(d.desk, d.entries, d.closed) for d in desks] == [("前台1", 3, True),
                                                              ("前台2", 3, False)]


def test_closing_the_school_covers_the_desks_still_open(store, evening, now):
    desk1, desk2 = evening
    with store.write() as s:
        close_day(s, DAY, "前台1", 25_000, "", desk1, now)
    with store.write() as s:
        whole = close_day(s, DAY, None, 4_000, "", desk2, now)
    assert (whole.desk, whole.expected_cash_fen, whole.difference_fen) == ("", 4_000, 0)
    for who, desk in ((desk2, "前台2"), (desk1, None)):
        with pytest.raises(DomainError, match="day_closed"), store.write() as s:
            close_day(s, DAY, desk, 0, "", who, now)
        with pytest.raises(DomainError, match="day_closed"), store.write() as s:
            take_payment(s, 1, 100, CASH, who, now)
    with store.read() as s:
        report = cashup_report(s, DAY)
    assert report.closed and report.counted_cash_fen == 29_000 and report.difference_fen == 0


@pytest.mark.parametrize(("day", "counted", "code"), [
    (DAY + dt.timedelta(days=1), 0, "date_in_future"),
    (DAY, -1, "amount_negative"),
    (DAY, 12.5, "amount_not_a_number"),
])
def test_closing_refusals_write_nothing(store, actor, now, day, counted, code):
    before = footprint(store)
    with pytest.raises(DomainError) as err, store.write() as s:
        close_day(s, day, "前台1", counted, "", actor, now)
    assert err.value.code == code and footprint(store) == before


def test_an_empty_evening_closes_at_zero(store, actor, now):
    with store.write() as s:
        closing = close_day(s, DAY, "前台1", 0, "", actor, now)
    assert closing.expected_cash_fen == 0 and closing.difference_fen == 0


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _fonts_embedded(path: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert lines, "no fonts at all"
    return [line.split()[-5] for line in lines]  # the 'emb' column


def test_the_cashup_pdf_shows_the_drawer_and_every_entry(store, evening, now, tmp_path):
    desk1, _ = evening
    with store.write() as s:
        close_day(s, DAY, "前台1", 24_000, "找零少了10元", desk1, now)
        report = cashup_report(s, DAY)
    path = tmp_path / "cashup.pdf"
    write_cashup_pdf(report, path, printed_at=now)
    words = _pdf_text(path)
    for expected in ("水贝夜校 日结报告", "营业日 2026-12-01", "应有现金 Expected ¥290.00",
                     "差额 -¥10.00", "找零少了10元", "张敏", "李强", "SB2026-000003",
                     "待业/失业", "金额录错：多收", "打印于 2026-12-01 19:05"):
        assert expected in " ".join(words.split()), expected
    assert set(_fonts_embedded(path)) == {"yes"}


def test_a_busy_evening_of_500_entries_prints_on_several_pages(store, actor, now, tmp_path):
    school = make_school(store, actor, now - dt.timedelta(days=1), learners=250)
    for n, enrollment_id in enumerate(school.enrollment_ids * 2):
        with store.write() as s:
            take_payment(s, enrollment_id, 10_000, WECHAT if n % 2 else CASH, actor,
                         now - dt.timedelta(seconds=500 - n),
                         reference=f"42{n:08d}" if n % 2 else None)
    with store.read() as s:
        report = cashup_report(s, DAY)
    assert len(report.entries) == 500
    path = tmp_path / "busy.pdf"
    write_cashup_pdf(report, path)
    pages = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                           text=True).stdout
    assert int(pages.split("Pages:")[1].split()[0]) >= 10
    text = _pdf_text(path)
    assert "SB2026-000001" in text and "SB2026-000500" in text and "第 10 页" in text


def test_the_cashup_workbook(store, evening, tmp_path):
    import openpyxl

    with store.read() as s:
        report = cashup_report(s, DAY)
    path = tmp_path / "cashup.xlsx"
    write_cashup_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "按前台与收款人", "明细"]
    summary = {row[0]: row[1:] for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["现金"][:5] == (2, 340, 1, 50, 290)
    assert summary["应有现金"][1] == 290
    entries = list(book["明细"].iter_rows(min_row=2, values_only=True))
    assert len(entries) == 6
    assert [e[9] for e in entries] == [300, 100, -50, 200, 100, 40]
    assert book["明细"]["J2"].number_format == '"¥"#,##0.00'


def test_the_demo_schools_money_reconciles(demo_store, now):
    """add_demo_payments: fees within bounds, receipts gap-free, every past
    evening closed with its expected cash, tonight still open."""
    import random

    from sqlalchemy import func, select

    from frontdesk.demo.fees import add_demo_payments
    from frontdesk.fees.balances import balances
    from frontdesk.settings import load_settings
    from frontdesk.store.models import CashUp, Enrollment, LedgerEntry

    with demo_store.write() as s:
        if not s.scalar(select(func.count()).select_from(LedgerEntry)):
            add_demo_payments(s, random.Random(7), now, load_settings(s))
    with demo_store.read() as s:
        ids = list(s.scalars(select(Enrollment.id).where(Enrollment.fee_due_fen > 0)))
        found = balances(s, ids).values()
        receipts = sorted(s.scalars(select(LedgerEntry.receipt_no)
                                    .where(LedgerEntry.receipt_no.is_not(None))))
        closings = s.scalars(select(CashUp)).all()
        tonight = cashup_report(s, DAY)
        checked = [(c, cashup_report(s, c.business_date, c.desk)) for c in closings[:10]]
    assert all(0 <= b.balance_fen <= b.fee_due_fen for b in found)
    assert any(b.paid_fen for b in found) and any(b.waived_fen for b in found)
    assert any(not b.settled for b in found)  # someone still to call
    assert receipts == [f"SB2026-{n:06d}" for n in range(1, len(receipts) + 1)]
    assert closings and all(c.business_date < DAY for c in closings)
    assert tonight.entries and not tonight.closed
    for closing, report in checked:
        assert closing.expected_cash_fen == report.expected_cash_fen
    assert sum(c.counted_cash_fen != c.expected_cash_fen for c in closings) <= 1


def test_the_dashboard_shows_the_cash_ups_totals(store, evening, now):
    """The dashboard adds up today's fees in one grouped sum rather than
    reading the report's lines: the figures stay the report's, with a refund,
    a waiver and a correction in the day, and another day's entry left out."""
    from zoneinfo import ZoneInfo

    from frontdesk.fees.ledger import adjust
    from frontdesk.reports.dashboard import fees_today

    desk1, _desk2 = evening
    admin = Actor(desk="前台1", role=StaffRole.ADMIN)
    with store.write() as s:
        waiver = cashup_report(s, DAY).waivers[0]
        adjust(s, waiver.entry_id, -2_000, Reason(ReasonCode.OTHER, "减免多给了"), admin, now)
    with store.write() as s:  # tomorrow's first payment is tomorrow's
        take_payment(s, waiver_enrollment(s, waiver.entry_id), 1_000, CASH, desk1,
                     now + dt.timedelta(days=1))
    tz = ZoneInfo("Asia/Shanghai")
    with store.read() as s:
        report, fees = cashup_report(s, DAY), fees_today(s, now, tz)
    assert fees.business_date == DAY
    assert (fees.payments_fen, fees.refunds_fen, fees.waived_fen, fees.entries) == (
        report.payments_fen, report.refunds_fen, report.waived_fen, len(report.entries))
    assert fees.methods == report.methods
    assert fees.net_fen == report.net_fen == 59_000
    assert (fees.refunds_fen, fees.waived_fen, len(report.adjustments), fees.entries) == (
        5_000, 10_000, 1, 7)


def waiver_enrollment(session, entry_id):  # type: ignore[no-untyped-def]
    from frontdesk.store.models import LedgerEntry

    entry = session.get(LedgerEntry, entry_id)
    return entry.enrollment_id
