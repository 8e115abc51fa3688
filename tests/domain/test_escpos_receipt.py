"""Receipts on a thermal receipt printer: the ESC/POS byte stream read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import threading

import pytest

from frontdesk.documents import printer_port
from frontdesk.documents.escpos_preview import preview_image
from frontdesk.documents.escpos_receipt import (
    DOTS,
    decode,
    printer_test_page,
    receipt_bytes,
    render_line,
)
from frontdesk.errors import DomainError
from frontdesk.fees.view import ReceiptData
from frontdesk.vocab import FeeTier, PaymentMethod

RECEIPT = ReceiptData(
    school_name="水贝夜校", school_address="深圳市罗湖区水贝二路", school_phone="0755-12345678",
    receipt_no="R2026-000123", entry_id=1, business_date=dt.date(2026, 12, 4),
    at_local=dt.datetime(2026, 12, 4, 19, 5), learner_code="F37KSJ9", learner_name="王喆",
    course_code="C0007", course_title="AI+短视频拍摄与剪辑", fee_tier=FeeTier.INCLUSIVE,
    market_price_fen=150_000, fee_due_fen=45_000, amount_fen=123_456, paid_to_date_fen=123_456,
    balance_after_fen=0, refunded_since_fen=0, method=PaymentMethod.WECHAT,
    reference="4200001234202612041234", staff_name="李娜", desk="前台1", copy=False)


@pytest.mark.parametrize("width", [58, 80])
def test_a_receipt_is_chinese_text_in_gb18030_with_a_cut(width):
    stream = receipt_bytes(RECEIPT, width, open_drawer=True)
    assert stream.startswith(b"\x1b@\x1c&")  # initialise, then Chinese mode
    assert "王喆".encode("gb18030") in stream
    printed = decode(stream)
    assert printed.chinese_mode
    texts = printed.texts()
    assert texts[0] == "水贝夜校" and texts[1] == "收 据"
    columns = DOTS[width] // 12
    assert "-" * columns in texts
    for line in ("收据号：R2026-000123", "日期：2026-12-04 19:05", "学员：王喆（F37KSJ9）",
                 "类别：普惠性课程", "实收 ￥1,234.56", "支付方式：微信支付",
                 "收款人：李娜", "前台：前台1", "  市场价 ￥1,500.00", "  普惠价 ￥450.00",
                 "  补贴 ￥1,050.00"):
        assert line in texts, line
    joined = "".join(texts)
    assert "壹仟贰佰叁拾肆元伍角陆分" in joined
    assert "4200001234202612041234" in joined
    assert "AI+短视频拍摄与剪辑" in joined and "C0007" in joined
    assert all(len(t.encode("gbk")) <= columns for t in texts)  # nothing runs off the paper
    assert printed.images() == []
    assert "drawer" not in printed.kinds()  # not a cash payment
    assert printed.kinds()[-1] == "cut"


def test_a_cash_payment_kicks_the_drawer_when_the_desk_wants_it():
    cash = dataclasses.replace(RECEIPT, method=PaymentMethod.CASH, reference=None)
    assert decode(receipt_bytes(cash, 58, open_drawer=True)).kinds()[0] == "drawer"
    assert b"\x1bp\x00" in receipt_bytes(cash, 58, open_drawer=True)
    assert "drawer" not in decode(receipt_bytes(cash, 58, open_drawer=False)).kinds()
    copy = dataclasses.replace(cash, copy=True)
    printed = decode(receipt_bytes(copy, 58, open_drawer=True))
    assert "drawer" not in printed.kinds()  # a copy takes no money
    assert printed.texts()[1] == "收 据（副本 COPY）"


@pytest.mark.parametrize("width", [58, 80])
def test_a_name_outside_gbk_is_printed_as_an_image_drawn_with_the_bundled_fonts(width):
    rare = dataclasses.replace(RECEIPT, learner_name="王𠀋")
    stream = receipt_bytes(rare, width)
    printed = decode(stream)
    assert not any("𠀋" in t or "F37KSJ9" in t for t in printed.texts())
    [image] = printed.images()
    assert image.width == DOTS[width] and image.height == 24
    assert image == render_line("学员：王𠀋（F37KSJ9）", DOTS[width])
    assert image != render_line("学员：王喆（F37KSJ9）", DOTS[width])
    black = sum(bin(b).count("1") for b in image.bits)
    assert 200 < black < image.width * image.height // 3
    kinds = printed.kinds()
    assert kinds.index("image") == printed.items.index(
        next(i for i in printed.items if i.kind == "image"))
    assert kinds[kinds.index("image") - 1] == "text"  # in its place, after the date
    assert printed.items[kinds.index("image") - 1].text == "日期：2026-12-04 19:05"
    # The rare character itself is drawn: the name's image differs from 王 alone.
    assert render_line("王𠀋", 384) != render_line("王", 384)


def test_the_receipt_preview_is_a_picture_of_the_paper(tmp_path):
    rare = dataclasses.replace(RECEIPT, learner_name="王𠀋", method=PaymentMethod.CASH,
                               reference=None)
    picture = preview_image(receipt_bytes(rare, 58, open_drawer=True), 58)
    picture.save(tmp_path / "receipt-58mm.png")
    assert picture.width == 384 + 32 and picture.height > 600
    assert picture.getextrema() == (0, 255)


def test_the_test_page_shows_the_width_and_a_rare_name_as_an_image():
    printed = decode(printer_test_page(80, "水贝夜校", "192.168.1.50:9100"))
    assert "打印测试" in printed.texts() and "纸宽 80 mm，每行 48 个字符" in printed.texts()
    assert len(printed.images()) == 1 and printed.kinds()[-1] == "cut"


class FakePrinter:
    """A network receipt printer on 127.0.0.1: answers the paper query, records bytes."""

    def __init__(self, paper: bool = True) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.paper = paper
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            query = conn.recv(3)
            assert query == b"\x10\x04\x04"
            conn.sendall(b"\x12" if self.paper else b"\x72")
            while chunk := conn.recv(65536):
                self.received += chunk

    def close(self) -> None:
        self.thread.join(timeout=5)
        self.server.close()


def test_a_network_printer_gets_the_receipt_over_tcp():
    printer = FakePrinter()
    stream = receipt_bytes(RECEIPT, 80)
    printer_port.send(f"127.0.0.1:{printer.port}", stream)
    printer.close()
    assert bytes(printer.received) == stream
    assert decode(bytes(printer.received)).kinds()[-1] == "cut"


def test_a_printer_out_of_paper_or_off_is_refused_with_a_reason():
    printer = FakePrinter(paper=False)
    with pytest.raises(DomainError) as refused:
        printer_port.send(f"127.0.0.1:{printer.port}", receipt_bytes(RECEIPT, 58))
    printer.close()
    assert refused.value.code == "printer_no_paper"
    assert printer.received == bytearray()  # nothing printed on no paper
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(DomainError) as off:
        printer_port.send(f"127.0.0.1:{port}", b"x", timeout=1)
    assert off.value.code == "printer_unreachable"
    assert off.value.details["printer"] == f"127.0.0.1:{port}"
    with pytest.raises(DomainError) as unset:
        printer_port.send("  ", b"x")
    assert unset.value.code == "printer_not_set"


def test_a_device_path_is_written_to_like_a_usb_printer(tmp_path):
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    printer_port.send(str(device), b"\x1b@hello")
    assert device.read_bytes() == b"\x1b@hello"
    with pytest.raises(DomainError) as unplugged:
        printer_port.send(str(tmp_path / "usb" / "lp9"), b"x")
    assert unplugged.value.code == "printer_unreachable"


@pytest.mark.parametrize(("target", "address"), [
    ("192.168.1.50", ("192.168.1.50", 9100)), ("192.168.1.50:9101", ("192.168.1.50", 9101)),
    ("tcp://printer", ("printer", 9100)), ("printer.local:9100", ("printer.local", 9100)),
    ("/dev/usb/lp0", None), ("COM3", None), (r"\\DESK-PC\receipt", None),
])
def test_where_the_printer_is(target, address):
    assert printer_port.network_address(target) == address
