"""The fees page driven as the desk drives it: find a learner, type the
amount, press Enter; refund, waive, reprint; who still owes; the cash-up.

The demo school's clock is Tuesday 2026-12-01 19:05 in Shenzhen. Its
inclusive enrollments are partly paid by the demo's payments; the learners
picked here are chosen through the domain (a positive balance), and every
assertion reads the ledger back from the store. Texts are compared through
the same translation the page uses, so the checks hold in either language.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from frontdesk.checkin.tokens import make_token, reissue_card
from frontdesk.errors import DomainError
from frontdesk.fees.cashup import cashup_report, close_day
from frontdesk.fees.view import learner_fees, outstanding
from frontdesk.money import format_fen, parse_amount
from frontdesk.settings import school_secret
from frontdesk.store.models import CashUp, Enrollment, Learner, LedgerEntry, Lesson
from frontdesk.vocab import LedgerKind, PaymentMethod
from ui.fees.dialogs import RefundDialog, WaiverDialog, amount_text
from ui.fees.page import FeesPage
from ui.kit import export, printing, widgets
from ui.kit.context import DeskContext
from ui.kit.words import describe, describe_code

TODAY = dt.date(2026, 12, 1)  # the business day at the fixed clock

# -- helpers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Owing:
    learner_id: int
    enrollment_id: int
    phone: str
    balance_fen: int


def _owing(ctx: DeskContext, *, unpaid: bool = False) -> list[Owing]:
    """Enrolled learners who still owe (with a phone to search by), through the domain."""
    rows = ctx.read(outstanding)
    return [Owing(r.learner_id, r.enrollment_id, r.phone, r.balance_fen) for r in rows
            if r.phone and (not unpaid or r.paid_fen == 0)]


def _entries(ctx: DeskContext, enrollment_id: int) -> list[LedgerEntry]:
    with ctx.store.read() as s:
        return list(s.scalars(select(LedgerEntry).where(LedgerEntry.enrollment_id == enrollment_id)
                              .order_by(LedgerEntry.id)))


def _ledger_size(ctx: DeskContext) -> int:
    with ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(LedgerEntry)) or 0


def _balance(ctx: DeskContext, learner_id: int, enrollment_id: int) -> int:
    return next(f.balance_fen for f in ctx.read(learner_fees, learner_id)
                if f.enrollment_id == enrollment_id)


def commit_text(widget, text: str) -> None:
    """Type what a keyboard has no key for (full-width digits, ¥) as an input method does."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def printed(monkeypatch) -> list[Path]:
    """Receipts sent to the printer (the print dialog is the seam)."""
    sent: list[Path] = []

    def print_pdf(parent, path, **kwargs):  # type: ignore[no-untyped-def]
        sent.append(Path(path))
        return True

    monkeypatch.setattr(printing, "print_pdf", print_pdf)
    return sent


@pytest.fixture
def page(qtbot, desk, printed):
    page = FeesPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.activate()
    qtbot.waitExposed(page)
    return page


def _find(qtbot, page: FeesPage, text: str) -> None:
    qtbot.keyClicks(page.search_edit, text)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)


def _pay(qtbot, page: FeesPage, amount: str | None) -> None:
    """Type the amount over the pre-filled balance (or keep it) and press Enter."""
    field = page.learner_panel.amount_edit
    if amount is not None:
        field.selectAll()
        qtbot.keyClicks(field, amount)
    qtbot.keyClick(field, Qt.Key.Key_Return)


# -- taking a payment --------------------------------------------------------------------


def test_a_payment_is_a_search_an_amount_and_enter(qtbot, page, desk, printed):
    who = _owing(desk, unpaid=True)[0]
    _find(qtbot, page, who.phone)
    panel = page.learner_panel
    assert panel.learner_id == who.learner_id
    assert panel.current_fees().enrollment_id == who.enrollment_id
    assert panel.amount_edit.text() == amount_text(who.balance_fen)  # the balance, ready
    qtbot.waitUntil(panel.amount_edit.hasFocus)

    _pay(qtbot, page, "100")

    entries = _entries(desk, who.enrollment_id)
    assert [(e.kind, e.amount_fen, e.method, e.desk) for e in entries] == [
        (LedgerKind.PAYMENT, 10000, PaymentMethod.CASH, "前台1")]
    receipt_no = entries[0].receipt_no
    assert receipt_no.startswith("SB2026-")
    assert page.banner.kind == "ok"
    assert "¥100.00" in page.banner.text() and receipt_no in page.banner.text()
    saved = panel.last_receipt.path
    assert saved.name == f"{receipt_no}.pdf" and saved.parent.name == "2026"
    assert receipt_no in pdf_text(saved) and "补贴" in pdf_text(saved)
    assert printed == [saved]
    # The page shows what the store now holds: the rest is the next default.
    assert panel.amount_edit.text() == amount_text(who.balance_fen - 10000)
    assert [e.receipt_no for e in panel.entries.rows] == [receipt_no]
    assert not page.learner_panel.pay_error.isVisible()


def test_the_whole_balance_by_wallet_needs_its_reference_once(qtbot, page, desk, printed):
    first, second = _owing(desk)[:2]
    page.show_learner(first.learner_id)
    panel = page.learner_panel
    panel.print_box.setChecked(False)
    panel.method_box.setCurrentIndex(panel.method_box.findData(PaymentMethod.WECHAT))
    assert panel.reference_edit.isEnabled()

    before = len(_entries(desk, first.enrollment_id))
    _pay(qtbot, page, None)  # no reference yet
    assert panel.pay_error.text() == describe_code("reference_required", {"method": "wechat"})
    assert len(_entries(desk, first.enrollment_id)) == before

    qtbot.keyClicks(panel.reference_edit, "4200001234")
    qtbot.keyClick(panel.reference_edit, Qt.Key.Key_Return)
    paid = _entries(desk, first.enrollment_id)[before:]
    assert [(e.amount_fen, e.method, e.reference) for e in paid] == [
        (first.balance_fen, PaymentMethod.WECHAT, "4200001234")]
    assert printed == []  # printing was switched off; the receipt is still saved
    assert panel.last_receipt.path.exists()
    assert _balance(desk, first.learner_id, first.enrollment_id) == 0

    # The same transaction entered again for someone else is refused.
    page.show_learner(second.learner_id)
    panel.method_box.setCurrentIndex(panel.method_box.findData(PaymentMethod.WECHAT))
    size = _ledger_size(desk)
    qtbot.keyClicks(panel.reference_edit, "4200001234")
    qtbot.keyClick(panel.reference_edit, Qt.Key.Key_Return)
    assert panel.pay_error.isVisible()
    assert "4200001234" in panel.pay_error.text()
    assert paid[0].receipt_no in panel.pay_error.text()
    assert _ledger_size(desk) == size


def _expected(text: str) -> str:
    try:
        parse_amount(text)
    except DomainError as error:
        return describe(error)
    raise AssertionError(f"{text!r} is a valid amount")


@pytest.mark.parametrize("typed", ["-5", "0", "0.00", "1.234", "abc", "12..5", "7,50", "2 50",
                                   "1,2345"])
def test_each_bad_amount_is_explained_and_nothing_is_written(qtbot, page, desk, typed):
    who = _owing(desk)[0]
    page.show_learner(who.learner_id)
    size = _ledger_size(desk)
    _pay(qtbot, page, typed)
    assert page.learner_panel.pay_error.isVisible()
    assert page.learner_panel.pay_error.text() == _expected(typed)
    if typed == "7,50":  # a decimal comma: the desk is told what was probably meant
        assert "7.50" in page.learner_panel.pay_error.text()
    assert _ledger_size(desk) == size
    assert page.banner.kind != "ok"


def test_more_than_the_balance_is_refused(qtbot, page, desk):
    who = _owing(desk)[0]
    page.show_learner(who.learner_id)
    size = _ledger_size(desk)
    _pay(qtbot, page, amount_text(who.balance_fen + 1).replace(",", ""))
    assert page.learner_panel.pay_error.text() == describe_code(
        "amount_over_balance", {"balance": format_fen(who.balance_fen)})
    assert _ledger_size(desk) == size


@pytest.mark.parametrize(("typed", "fen"),
                         [("１２０", 12000), ("¥120", 12000), ("￥1２0.5", 12050)])
def test_full_width_digits_and_a_yuan_sign_are_accepted(qtbot, page, desk, typed, fen):
    who = _owing(desk, unpaid=True)[0]
    page.show_learner(who.learner_id)
    field = page.learner_panel.amount_edit
    field.clear()
    commit_text(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert [e.amount_fen for e in _entries(desk, who.enrollment_id)] == [fen]


def test_a_closed_day_takes_no_payment(qtbot, page, desk):
    who = _owing(desk)[0]
    expected = desk.read(cashup_report, TODAY, "前台1").expected_cash_fen
    desk.write(close_day, TODAY, "前台1", expected, "", desk.actor, desk.now())
    page.show_learner(who.learner_id)
    size = _ledger_size(desk)
    _pay(qtbot, page, None)
    assert page.learner_panel.pay_error.text() == describe_code(
        "day_closed", {"business_date": "2026-12-01", "desk": "前台1"})
    assert _ledger_size(desk) == size


# -- refunds, waivers, copies ------------------------------------------------------------


def _answer(monkeypatch, dialog_type, fill) -> list:  # type: ignore[no-untyped-def]
    """Replace the dialog's ask() seam: build the real dialog, let ``fill`` type
    into it as a person would, press OK; answer what the dialog answers."""
    shown: list = []

    def ask(cls, parent, *args):  # type: ignore[no-untyped-def]
        dialog = cls(parent, *args)
        shown.append(dialog)
        fill(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result_value

    monkeypatch.setattr(dialog_type, "ask", classmethod(ask))
    return shown


def _choose_reason(dialog, code: str, note: str = "") -> None:  # type: ignore[no-untyped-def]
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData(code))
    if note:
        commit_text(dialog.note_edit, note)


def _paid_learner(ctx: DeskContext) -> tuple[int, int, int, int]:
    """(learner, enrollment, payment entry, amount) of a demo payment that can be refunded."""
    with ctx.store.read() as s:
        payment = s.scalars(select(LedgerEntry).where(LedgerEntry.kind == LedgerKind.PAYMENT,
                                                      LedgerEntry.amount_fen >= 10000)
                            .order_by(LedgerEntry.id)).first()
        return payment.learner_id, payment.enrollment_id, payment.id, payment.amount_fen


def _select_entry(page: FeesPage, enrollment_id: int, entry_id: int) -> None:
    panel = page.learner_panel
    panel.enrollments_view.selectRow(
        next(i for i, f in enumerate(panel.enrollments.rows) if f.enrollment_id == enrollment_id))
    panel.entries_view.selectRow(next(i for i, e in enumerate(panel.entries.rows)
                                      if e.id == entry_id))


def test_a_partial_refund_of_one_payment(qtbot, page, desk, monkeypatch):
    learner_id, enrollment_id, payment_id, paid = _paid_learner(desk)
    balance = _balance(desk, learner_id, enrollment_id)
    page.show_learner(learner_id)
    _select_entry(page, enrollment_id, payment_id)
    panel = page.learner_panel
    assert panel.refund_button.isEnabled()

    def too_much_then_part(dialog):  # type: ignore[no-untyped-def]
        assert dialog.amount_edit.text() == amount_text(paid)  # all that is left, by default
        dialog.amount_edit.selectAll()
        qtbot.keyClicks(dialog.amount_edit, amount_text(paid + 100).replace(",", ""))
        _choose_reason(dialog, "withdrawn")
        dialog.try_accept()
        assert dialog.error_label.text() == describe_code(
            "refund_over_paid", {"available": format_fen(paid)})
        assert len(_entries(desk, enrollment_id)) == before
        dialog.amount_edit.selectAll()
        qtbot.keyClicks(dialog.amount_edit, "50")

    before = len(_entries(desk, enrollment_id))
    _answer(monkeypatch, RefundDialog, too_much_then_part)
    qtbot.mouseClick(panel.refund_button, Qt.MouseButton.LeftButton)

    refund = _entries(desk, enrollment_id)[-1]
    assert (refund.kind, refund.amount_fen, refund.reverses_id, refund.reason) == (
        LedgerKind.REFUND, 5000, payment_id, "withdrawn")
    assert len(_entries(desk, enrollment_id)) == before + 1
    assert _balance(desk, learner_id, enrollment_id) == balance + 5000
    assert "¥50.00" in page.banner.text()
    shown = {e.id: e for e in panel.entries.rows}
    assert shown[payment_id].refundable_fen == paid - 5000
    assert panel.current_entry().id == refund.id


def test_a_waiver_needs_a_reason_and_stays_within_the_balance(qtbot, page, desk, monkeypatch):
    who = _owing(desk)[0]
    page.show_learner(who.learner_id)
    panel = page.learner_panel
    refusals: list[str] = []

    def fill(dialog):  # type: ignore[no-untyped-def]
        assert dialog.amount_edit.text() == amount_text(who.balance_fen)
        dialog.amount_edit.selectAll()
        qtbot.keyClicks(dialog.amount_edit, "50")
        dialog.try_accept()  # no reason chosen
        refusals.append(dialog.error_label.text())
        _choose_reason(dialog, "other")
        dialog.try_accept()  # "other" needs words
        refusals.append(dialog.error_label.text())
        _choose_reason(dialog, "unemployed", "失业登记证")

    _answer(monkeypatch, WaiverDialog, fill)
    qtbot.mouseClick(panel.waive_button, Qt.MouseButton.LeftButton)
    assert refusals == [describe_code("reason_required"), describe_code("reason_note_required")]
    waiver = _entries(desk, who.enrollment_id)[-1]
    assert (waiver.kind, waiver.amount_fen, waiver.reason) == (
        LedgerKind.WAIVER, 5000, "unemployed: 失业登记证")
    assert _balance(desk, who.learner_id, who.enrollment_id) == who.balance_fen - 5000
    assert panel.amount_edit.text() == amount_text(who.balance_fen - 5000)
    assert panel.current_fees().waived_fen >= 5000


def test_a_reprinted_receipt_says_copy(qtbot, page, desk, printed):
    learner_id, enrollment_id, payment_id, _paid = _paid_learner(desk)
    page.show_learner(learner_id)
    _select_entry(page, enrollment_id, payment_id)
    qtbot.mouseClick(page.learner_panel.reprint_button, Qt.MouseButton.LeftButton)
    with desk.store.read() as s:
        receipt_no = s.get(LedgerEntry, payment_id).receipt_no
    copy = page.learner_panel.last_receipt.path
    assert copy.name == f"{receipt_no} 副本.pdf"
    text = pdf_text(copy)
    assert "副本" in text and "COPY" in text and receipt_no in text
    assert printed == [copy]
    assert receipt_no in page.banner.text()


# -- finding the learner by card -----------------------------------------------------------


def test_a_card_scanned_into_the_search_box_opens_the_learner(qtbot, page, desk, now):
    who = _owing(desk)[0]
    with desk.store.write() as s:
        learner = s.get(Learner, who.learner_id)
        token = make_token(school_secret(s), learner.code, learner.card_version)
    _find(qtbot, page, token)
    assert page.learner_panel.learner_id == who.learner_id
    assert page.learner_panel.amount_edit.text() == amount_text(who.balance_fen)
    assert not page.search_error.isVisible()

    desk.write(reissue_card, who.learner_id, desk.actor, now)
    page.learner_panel.show_learner(None)
    page.search_edit.clear()
    _find(qtbot, page, token)  # the old card
    assert page.learner_panel.learner_id is None
    assert page.search_error.isVisible()
    assert page.search_error.text() == describe_code(
        "card_replaced", {"learner_name": learner.name, "replaced_on": "2026-12-01"})


def test_a_scanner_that_sends_no_enter_is_read_when_the_card_is_whole(qtbot, page, desk):
    who = _owing(desk)[1]
    with desk.store.write() as s:
        learner = s.get(Learner, who.learner_id)
        token = make_token(school_secret(s), learner.code, learner.card_version)
    qtbot.keyClicks(page.search_edit, token)  # and nothing after it
    qtbot.waitUntil(lambda: page.learner_panel.learner_id == who.learner_id)
    assert page.search_edit.text() == learner.code


def test_switching_language_retranslates_the_page(qtbot, page):
    from ui.kit import i18n

    chinese = page.tabs.tabText(2)
    try:
        i18n.install_language("en")  # Qt posts LanguageChange to every widget
        qtbot.waitUntil(lambda: page.tabs.tabText(2) == "Daily cash-up", timeout=2000)
        assert page.learner_panel.method_box.itemText(0) == "Cash"
    finally:
        i18n.install_language("zh_CN")
    qtbot.waitUntil(lambda: page.tabs.tabText(2) == chinese, timeout=2000)


def test_several_matches_leave_the_choice_to_the_desk(qtbot, page, desk):
    _find(qtbot, page, "1")  # every mobile number starts with 1
    assert page.results.rowCount() > 1
    assert page.results_view.selectionModel().selectedRows()[0].row() == 0
    first = page.results.row_at(0).id
    assert page.learner_panel.learner_id == first
    page.results_view.selectRow(1)
    assert page.learner_panel.learner_id == page.results.row_at(1).id


# -- who still owes --------------------------------------------------------------------------


def test_outstanding_per_course_with_masked_phones_and_export(qtbot, page, desk, tmp_path,
                                                               monkeypatch):
    page.tabs.setCurrentWidget(page.outstanding)
    panel = page.outstanding
    everyone = desk.read(outstanding)
    assert len(panel.model.rows) == len(everyone)
    total = format_fen(sum(r.balance_fen for r in everyone))
    assert total in panel.total_label.text()
    course_id = everyone[0].course_id
    panel.course_box.setCurrentIndex(panel.course_box.findData(course_id))
    assert {r.course_id for r in panel.model.rows} == {course_id}
    phone = panel.model.rows[0].phone
    shown = panel.model.index(0, 3).data()
    assert shown != phone and shown[:3] == phone[:3] and "****" in shown

    target = tmp_path / "owing.xlsx"
    monkeypatch.setattr(export, "choose_xlsx_path", lambda *a: target)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(values) == len(panel.model.rows) + 1  # and a total
    assert values[0][4] == shown  # masked unless the desk asks for full numbers

    panel.view.selectRow(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.learner_tab
    assert page.learner_panel.learner_id == panel.model.rows[0].learner_id


# -- the daily cash-up -----------------------------------------------------------------------


def test_cash_up_with_a_counted_difference_needs_a_note(qtbot, page, desk, monkeypatch,
                                                        tmp_path):
    who = _owing(desk, unpaid=True)[0]
    page.show_learner(who.learner_id)
    _pay(qtbot, page, "100")  # ¥100 more cash in the drawer tonight
    page.tabs.setCurrentWidget(page.cashup)
    panel = page.cashup
    report = desk.read(cashup_report, TODAY, "前台1")
    assert report.expected_cash_fen >= 10000
    assert panel.expected_label.text() == format_fen(report.expected_cash_fen)
    assert len(panel.entries.rows) == len(report.entries)
    cash_row = next(m for m in panel.methods.rows if m.method is PaymentMethod.CASH)
    assert cash_row.payments_fen == report.method(PaymentMethod.CASH).payments_fen

    short = report.expected_cash_fen - 1000
    qtbot.keyClicks(panel.counted_edit, amount_text(short).replace(",", ""))
    assert format_fen(1000) in panel.difference_label.text()
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert panel.close_error.text() == describe_code(
        "cashup_note_required", {"difference": format_fen(-1000)})
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(CashUp)
                        .where(CashUp.business_date == TODAY)) == 0

    commit_text(panel.note_edit, "少了十元，已报告")
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    with desk.store.read() as s:
        closing = s.scalars(select(CashUp).where(CashUp.business_date == TODAY)).one()
    assert (closing.desk, closing.expected_cash_fen, closing.counted_cash_fen, closing.note) == (
        "前台1", report.expected_cash_fen, short, "少了十元，已报告")
    assert not panel.close_button.isEnabled()
    assert "少了十元" in panel.status_label.text()
    assert page.banner.kind == "ok"

    pdf, xlsx = tmp_path / "cashup.pdf", tmp_path / "cashup.xlsx"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: pdf)
    monkeypatch.setattr(export, "choose_xlsx_path", lambda *a: xlsx)
    qtbot.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.xlsx_button, Qt.MouseButton.LeftButton)
    assert "日结" in pdf_text(pdf) and "少了十元" in pdf_text(pdf)
    from openpyxl import load_workbook

    assert load_workbook(xlsx).sheetnames[0] == "汇总"

    # The day is closed: the fees tab now refuses money dated today at this desk.
    page.show_learner(who.learner_id)
    size = _ledger_size(desk)
    _pay(qtbot, page, "1")
    assert page.learner_panel.pay_error.text() == describe_code(
        "day_closed", {"business_date": "2026-12-01", "desk": "前台1"})
    assert _ledger_size(desk) == size


def test_a_closed_day_shows_its_count_and_zero_is_a_count(qtbot, page, desk):
    page.tabs.setCurrentWidget(page.cashup)
    panel = page.cashup
    with desk.store.read() as s:
        closed = s.scalars(select(CashUp).where(CashUp.desk == "前台1")
                           .order_by(CashUp.business_date.desc())).first()
    day = closed.business_date
    panel.date_edit.setDate(QDate(day.year, day.month, day.day))
    assert not panel.close_button.isEnabled()
    assert format_fen(closed.counted_cash_fen) in panel.status_label.text()

    panel.date_edit.setDate(panel.date_edit.maximumDate())  # tonight, still open
    assert panel.close_button.isEnabled()
    expected = desk.read(cashup_report, TODAY, "前台1").expected_cash_fen
    qtbot.keyClicks(panel.counted_edit, "0")  # every payment by wallet: an empty drawer
    assert expected > 0
    assert panel.difference_label.text() == QCoreApplication.translate(
        "CashUpPanel", "{amount} short").format(amount=format_fen(expected))


# -- check-in hands over -------------------------------------------------------------------------


def _fee_due_seat(ctx: DeskContext) -> tuple[str, int, int]:
    """A learner on an inclusive course with a lesson open now who still owes:
    (card token, learner id, enrollment id)."""
    now = ctx.now()
    owing = {o.enrollment_id: o for o in _owing(ctx)}
    with ctx.store.write() as s:
        secret = school_secret(s)
        rows = s.execute(
            select(Learner.id, Learner.code, Learner.card_version, Enrollment.id)
            .join(Enrollment, Enrollment.learner_id == Learner.id)
            .join(Lesson, Lesson.course_id == Enrollment.course_id)
            .where(Lesson.starts_at <= now, Lesson.ends_at > now,
                   Enrollment.id.in_(list(owing)))
            .order_by(Learner.id)
        ).all()
    counts: dict[int, int] = {}
    for row in rows:
        counts[row[0]] = counts.get(row[0], 0) + 1
    learner_id, code, version, enrollment_id = next(r for r in rows if counts[r[0]] == 1)
    return make_token(secret, code, version), learner_id, enrollment_id


def test_fee_due_at_check_in_opens_the_fees_page_with_the_learner(qtbot, desk):
    from ui.checkin.page import CheckInPage
    from ui.shell.main_window import MainWindow

    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    checkin = window.show_page(CheckInPage)
    assert isinstance(checkin, CheckInPage)
    token, learner_id, enrollment_id = _fee_due_seat(desk)
    qtbot.keyClicks(checkin.scan_field, token)
    qtbot.keyClick(checkin.scan_field, Qt.Key.Key_Return)
    assert checkin.outcome.kind == "fee_due"
    take = QCoreApplication.translate("OutcomePanel", "Take payment…")
    button = next(b for b in checkin.outcome.findChildren(QPushButton) if b.text() == take)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    fees = window.stack.currentWidget()
    assert isinstance(fees, FeesPage)
    assert window.nav.currentRow() == window.factories.index(FeesPage)
    assert fees.learner_panel.learner_id == learner_id
    assert fees.learner_panel.current_fees().enrollment_id == enrollment_id
    balance = _balance(desk, learner_id, enrollment_id)
    assert fees.learner_panel.amount_edit.text() == amount_text(balance)
    window.close()


def test_the_fees_page_is_in_the_navigation_after_check_in():
    from ui.checkin.page import CheckInPage
    from ui.shell.main_window import default_pages

    pages = default_pages()
    assert pages.index(FeesPage) == pages.index(CheckInPage) + 1
