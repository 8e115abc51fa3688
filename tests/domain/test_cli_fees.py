"""The fees commands as typed: ``pay``, ``refund``, ``waive``, ``receipt``,
``cashup`` and ``outstanding`` (amounts, receipts written, refusals).

The school (see cli_fixtures): 王𠀋 owes ¥300 on C0001 and nothing on the
free C0002; 李娜 paid ¥300 in cash (entry 1, receipt SB2026-000001).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from frontdesk.cli import main
from frontdesk.store.engine import open_store
from frontdesk.store.models import AuditEvent, LedgerEntry
from tests.domain.cli_fixtures import NAME, CliSchool, build_cli_school


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> CliSchool:
    return build_cli_school(tmp_path_factory.mktemp("cli-fees"), accounts=False)


@pytest.fixture
def school(built: CliSchool, tmp_path: Path) -> CliSchool:
    return CliSchool(**{**built.__dict__, "path": built.copy(tmp_path / "school.sqlite3")})


@pytest.fixture
def fd(school: CliSchool, monkeypatch: pytest.MonkeyPatch,
       capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``frontdesk …`` on the school; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def run(*args: str, desk: str | None = "前台2") -> tuple[int, str, str]:
        where = ["--desk", desk] if desk else []
        code = main([*args, "--db", str(school.path), "--lang", "en", *where])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def entries(school: CliSchool) -> list[tuple[str, int, str | None]]:
    store = open_store(school.path)
    try:
        with store.read() as s:
            return [(k.value, amount, receipt) for k, amount, receipt in s.execute(
                select(LedgerEntry.kind, LedgerEntry.amount_fen, LedgerEntry.receipt_no)
                .order_by(LedgerEntry.id)).all()]
    finally:
        store.dispose()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def today() -> str:
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def test_pay_numbers_a_receipt_and_writes_it(fd, school: CliSchool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    receipt = tmp_path / "收据.pdf"
    code, out, _err = fd("pay", "--learner", school.code.lower(), "--course", "c0001",
                         "--amount", "１００.５", "--method", "cash", "--receipt-out",
                         str(receipt))
    assert code == 0
    assert out.splitlines() == [
        "Payment taken: ¥100.50, receipt SB2026-000002 (entry 2). Balance now ¥199.50.",
        f"Receipt saved: {receipt}"]
    text = pdf_text(receipt)
    assert "SB2026-000002" in text and "¥100.50" in text and f"{NAME}（{school.code}）" in text
    assert entries(school)[-1] == ("payment", 10_050, "SB2026-000002")


@pytest.mark.parametrize(("args", "words"), [
    (["--amount", "1.234", "--method", "cash"], "An amount has at most two decimals (fen)."),
    (["--amount", "-5", "--method", "cash"], None),
    (["--amount", "abc", "--method", "cash"], None),
    (["--amount", "100", "--method", "wechat"], "Enter the transaction reference of this "
                                                 "payment."),
    (["--amount", "301", "--method", "cash"], "The amount is more than the balance still "
                                               "owed (¥300.00)."),
])
def test_pay_refusals_write_nothing(fd, school: CliSchool, args: list[str],  # type: ignore[no-untyped-def]
                                    words: str | None) -> None:
    code, out, err = fd("pay", "--learner", school.code, "--course", "C0001", *args)
    assert (code, out) == (2, "")
    assert err.strip() and "Traceback" not in err
    if words:
        assert err.strip() == words
    assert len(entries(school)) == 1


def test_pay_for_someone_not_on_the_course(fd, school: CliSchool) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = fd("pay", "--learner", school.paid_code, "--course", "C0002",
                         "--amount", "10", "--method", "cash")
    assert code == 2 and err.strip()
    assert len(entries(school)) == 1


def test_refund_part_of_a_payment_then_too_much(fd, school: CliSchool) -> None:  # type: ignore[no-untyped-def]
    entry = str(school.payment_entry)
    assert fd("refund", "--entry", entry, "--amount", "100", "--reason", "withdrawn")[:2] == (
        0, "Refunded ¥100.00 (entry 2). Balance now ¥100.00.\n")
    code, _out, err = fd("refund", "--entry", entry, "--amount", "200.01", "--reason",
                         "withdrawn")
    assert (code, err.strip()) == (2, "A refund of this payment can be at most ¥200.00.")
    assert entries(school)[1:] == [("refund", 10_000, None)]


def test_waive_on_a_course_with_a_fee_but_not_on_a_free_one(fd, school: CliSchool) -> None:  # type: ignore[no-untyped-def]
    assert fd("waive", "--learner", school.code, "--course", "C0001", "--amount", "50",
              "--reason", "hardship")[:2] == (
        0, "Waived ¥50.00 (entry 2). Balance now ¥250.00.\n")
    code, _out, err = fd("waive", "--learner", school.code, "--course", "C0002", "--amount",
                         "10", "--reason", "hardship")
    assert (code, err.strip()) == (2, "The amount is more than the balance still owed "
                                      "(¥0.00).")
    assert [kind for kind, _a, _r in entries(school)] == ["payment", "waiver"]


def test_receipt_copy_of_a_payment_only(fd, school: CliSchool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "copy.pdf"
    assert fd("receipt", "--entry", str(school.payment_entry), "--out", str(copy))[:2] == (
        0, f"Receipt saved: {copy}\n")
    text = pdf_text(copy)
    assert "SB2026-000001" in text and "¥300.00" in text and "李娜" in text
    assert "副本" in text
    fd("waive", "--learner", school.code, "--course", "C0001", "--amount", "50", "--reason",
       "hardship")
    code, _out, err = fd("receipt", "--entry", "2", "--out", str(tmp_path / "no.pdf"))
    assert (code, err.strip()) == (2, "Only a payment can be refunded or have a receipt.")
    assert not (tmp_path / "no.pdf").exists()
    store = open_store(school.path)
    with store.read() as s:
        reprints = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "receipt.reprint", AuditEvent.desk == "前台2"))
    store.dispose()
    assert reprints == 1


def test_cashup_report_close_and_no_second_close(fd, school: CliSchool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fd("pay", "--learner", school.code, "--course", "C0001", "--amount", "120", "--method",
       "cash")
    fd("pay", "--learner", school.code, "--course", "C0001", "--amount", "80", "--method",
       "alipay", "--reference", "AP-1")
    code, out, _err = fd("cashup")
    assert code == 0
    assert out.splitlines()[0] == (f"Cash-up {today()}: 2 entries, payments ¥200.00, "
                                   "refunds ¥0.00, waivers ¥0.00.")
    assert "Expected cash: ¥120.00" in out
    sheet = tmp_path / "日结.xlsx"
    code, out, _err = fd("cashup", "--close", "100", "--note", "少了二十", "--out", str(sheet))
    assert code == 0
    assert out.splitlines()[0] == ("Day closed. Expected cash ¥120.00, counted ¥100.00, "
                                   "difference -¥20.00.")
    assert load_workbook(sheet, read_only=True).sheetnames
    code, _out, err = fd("cashup", "--close", "120")
    assert code == 2 and "is done" in err
    code, out, _err = fd("cashup", "--out", str(tmp_path / "x.csv"))
    assert (code, out.strip()) == (2, "Choose a .pdf or .xlsx file.")


def test_cashup_of_an_earlier_day_the_school_or_one_desk(fd, school: CliSchool) -> None:  # type: ignore[no-untyped-def]
    day = ["cashup", "--date", "2026-11-20"]
    school_wide = [
        "Cash-up 2026-11-20: 1 entries, payments ¥300.00, refunds ¥0.00, waivers ¥0.00.",
        "  cash: ¥300.00 (1 in, 0 out)",
        "Expected cash: ¥300.00"]
    code, out, _err = fd(*day, desk=None)  # no --desk: every desk
    assert (code, out.splitlines()) == (0, school_wide)
    assert fd(*day, desk="前台1")[1].splitlines() == school_wide  # where 李娜 paid
    assert fd(*day, desk="前台2")[1].splitlines()[0] == (
        "Cash-up 2026-11-20: 0 entries, payments ¥0.00, refunds ¥0.00, waivers ¥0.00.")


def test_outstanding_list_course_and_workbook(fd, school: CliSchool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = fd("outstanding")
    assert (code, out.splitlines()) == (0, [
        f"C0001\t{school.code}\t{NAME}\t13812345678\t¥300.00", "1 owing, ¥300.00 in all."])
    assert fd("outstanding", "--course", "C0002")[:2] == (0, "0 owing, ¥0.00 in all.\n")
    book = tmp_path / "欠费.xlsx"
    assert fd("outstanding", "--out", str(book))[0] == 0
    rows = list(load_workbook(book, read_only=True).active.iter_rows(values_only=True))
    assert any(NAME in row for row in rows)
    code, _out, err = fd("outstanding", "--course", "C9999")
    assert (code, err.strip()) == (2, "That course does not exist.")
