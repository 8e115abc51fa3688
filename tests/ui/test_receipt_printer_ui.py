"""The desk's thermal receipt printer from the windows: a payment prints its
receipt (and opens the drawer for cash), a printer that is off costs only a
copy, and the settings dialog's test page reaches the printer."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from frontdesk.documents.escpos_receipt import decode
from frontdesk.store.models import LedgerEntry
from frontdesk.vocab import LedgerKind, PaymentMethod
from tests.domain.test_escpos_receipt import FakePrinter
from tests.ui.test_fees_window import _entries, _find, _owing, _pay, _select_entry
from ui.fees import receipts
from ui.fees.page import FeesPage
from ui.kit import printing
from ui.shell.settings_dialog import SettingsDialog


@pytest.fixture
def pdf_prints(monkeypatch) -> list[object]:
    sent: list[object] = []
    monkeypatch.setattr(printing, "print_pdf", lambda parent, path, **kw: sent.append(path))
    return sent


@pytest.fixture
def thermal():
    """Sets this desk's receipt printer; the desk goes back to A5 PDFs afterwards."""
    def use(target: str, width: int = 58, drawer: bool = True) -> None:
        receipts.remember_receipt_printer(receipts.ReceiptPrinter(width, target, drawer))

    yield use
    QSettings().remove("receipt_printer")


@pytest.fixture
def page(qtbot, desk, pdf_prints):
    page = FeesPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.activate()
    qtbot.waitExposed(page)
    return page


def _closed_port() -> int:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.close()
    return port


def test_a_cash_payment_prints_on_the_receipt_printer_and_opens_the_drawer(
        qtbot, page, desk, thermal, pdf_prints):
    printer = FakePrinter()
    thermal(f"127.0.0.1:{printer.port}", 58, drawer=True)
    who = _owing(desk, unpaid=True)[0]
    _find(qtbot, page, who.phone)
    _pay(qtbot, page, "100")
    printer.close()
    [entry] = _entries(desk, who.enrollment_id)
    printed = decode(bytes(printer.received))
    assert printed.kinds()[0] == "drawer" and printed.kinds()[-1] == "cut"
    assert f"收据号：{entry.receipt_no}" in printed.texts()
    assert "实收 ￥100.00" in printed.texts()
    assert "大写：壹佰元整" in printed.texts()
    assert page.banner.kind == "ok" and entry.receipt_no in page.banner.text()
    assert pdf_prints == []  # the thermal printer, not the A5 print dialog
    assert page.learner_panel.last_receipt.path.is_file()  # the A5 PDF is still kept


def test_a_printer_that_is_off_still_takes_the_money_and_a_copy_prints_later(
        qtbot, page, desk, thermal):
    thermal(f"127.0.0.1:{_closed_port()}", 80, drawer=True)
    who = _owing(desk, unpaid=True)[0]
    _find(qtbot, page, who.phone)
    _pay(qtbot, page, "100")
    [entry] = _entries(desk, who.enrollment_id)  # money first
    assert (entry.kind, entry.amount_fen, entry.method) == (
        LedgerKind.PAYMENT, 10000, PaymentMethod.CASH)
    assert page.banner.kind == "warn"
    assert "没有响应" in page.banner.text() and "补打收据" in page.banner.text()
    assert entry.receipt_no in page.banner.text()

    printer = FakePrinter()  # switched on again
    thermal(f"127.0.0.1:{printer.port}", 80, drawer=True)
    page.learner_panel.reload()
    _select_entry(page, who.enrollment_id, entry.id)
    qtbot.mouseClick(page.learner_panel.reprint_button, Qt.MouseButton.LeftButton)
    printer.close()
    printed = decode(bytes(printer.received))
    assert printed.texts()[1] == "收 据（副本 COPY）"
    assert f"收据号：{entry.receipt_no}" in printed.texts()
    assert "drawer" not in printed.kinds()  # a copy takes no money
    assert page.banner.kind == "ok"
    with desk.store.read() as s:
        assert len(s.scalars(select(LedgerEntry).where(
            LedgerEntry.enrollment_id == who.enrollment_id)).all()) == 1


def test_the_settings_dialog_chooses_the_printer_and_prints_a_test_page(qtbot, desk, thermal):
    dialog = SettingsDialog(None, desk)
    qtbot.addWidget(dialog)
    assert dialog.printer_box.currentText() == "A5 PDF，用系统打印机"
    assert not dialog.test_page_button.isEnabled()
    dialog.printer_box.setCurrentIndex(dialog.printer_box.findData(80))
    assert dialog.test_page_button.isEnabled()
    qtbot.mouseClick(dialog.test_page_button, Qt.MouseButton.LeftButton)
    assert dialog.printer_note.text() == "请先填写打印机地址。"
    printer = FakePrinter()
    dialog.printer_edit.setText(f"127.0.0.1:{printer.port}")
    dialog.drawer_box.setChecked(True)
    qtbot.mouseClick(dialog.test_page_button, Qt.MouseButton.LeftButton)
    printer.close()
    printed = decode(bytes(printer.received))
    assert "打印测试" in printed.texts() and "纸宽 80 mm，每行 48 个字符" in printed.texts()
    assert len(printed.images()) == 1
    assert dialog.printer_note.text() == f"测试页已发送到 127.0.0.1:{printer.port}。"
    dialog.try_accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert receipts.receipt_printer() == receipts.ReceiptPrinter(
        80, f"127.0.0.1:{printer.port}", True)
