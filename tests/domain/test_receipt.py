"""Receipts: gap-free numbers across desks, and the printed page."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.documents.fonts import MissingGlyphs
from frontdesk.documents.receipt import (
    amount_in_words,
    receipt_pdf,
    subsidy_line,
    write_receipt,
)
from frontdesk.errors import DomainError
from frontdesk.fees.ledger import take_payment
from frontdesk.fees.view import receipt_data, reprint_receipt
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import open_store
from frontdesk.store.models import Counter, LedgerEntry
from frontdesk.vocab import PaymentMethod
from tests.domain.fees_fixtures import FEE, make_school

SUBSIDY = "市场价 ¥1,000.00 · 普惠价 ¥300.00 · 补贴 ¥700.00"


@pytest.mark.parametrize(("fen", "words"), [
    (30_000, "叁佰元整"), (29_970, "贰佰玖拾玖元柒角"), (100_005, "壹仟元零伍分"),
    (1_000_000, "壹万元整"), (1_000_500, "壹万零伍元整"), (101_000, "壹仟零壹拾元整"),
    (123_456_789, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"), (50, "伍角"), (5, "伍分"),
    (10_000_000_500, "壹亿零伍元整"), (120_000, "壹仟贰佰元整"), (0, "零元整"),
    (123_456, "壹仟贰佰叁拾肆元伍角陆分"), (10_010_000, "壹拾万零壹佰元整"),
    (100_000_100, "壹佰万零壹元整"), (10_001_000_000, "壹亿零壹万元整"), (1_010, "壹拾元壹角"),
    (100_050, "壹仟元伍角"), (-45_000, "负肆佰伍拾元整"),
])
def test_amounts_in_chinese_capitals(fen, words):
    assert amount_in_words(fen) == words


def test_the_subsidy_line():
    assert subsidy_line(100_000, 30_000) == SUBSIDY


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return " ".join(out.split())


def _fonts(path: Path) -> list[tuple[str, str]]:
    lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines]


def _paid(store, actor, now, **kw):
    school = make_school(store, actor, now)
    with store.write() as s:
        result = take_payment(s, school.enrollment_ids[0], FEE, PaymentMethod.WECHAT, actor, now,
                              reference="4200000123", **kw)
        return school, result


def test_the_receipt_shows_the_payment_and_the_public_subsidy(store, actor, now, tmp_path):
    _school, paid = _paid(store, actor, now)
    with store.read() as s:
        data = receipt_data(s, paid.entry_id)
    path = tmp_path / "receipt.pdf"
    write_receipt(data, path)
    words = _text(path)
    for expected in (SUBSIDY, "水贝夜校", "收据号 No. SB2026-000001", "2026-12-01 19:05", "王喆",
                     "AI+图片设计", "普惠性课程", "¥300.00", "叁佰元整", "微信支付",
                     "交易单号 4200000123", "前台 前台1"):
        assert expected in words, expected
    assert "副本" not in words and "COPY" not in words
    fonts = _fonts(path)
    assert fonts and all(embedded == "yes" for _name, embedded in fonts), fonts


def test_a_reprint_says_copy(store, actor, now, tmp_path):
    _school, paid = _paid(store, actor, now)
    with store.write() as s:
        data = reprint_receipt(s, paid.entry_id, actor, now)
    path = tmp_path / "copy.pdf"
    path.write_bytes(receipt_pdf(data))
    words = _text(path)
    assert "副本 COPY" in words and SUBSIDY in words


def test_a_name_outside_the_common_set_prints_from_the_fallback_font(store, actor, now, tmp_path):
    import dataclasses

    _school, paid = _paid(store, actor, now)
    with store.read() as s:
        data = dataclasses.replace(receipt_data(s, paid.entry_id), learner_name="王𠀋")
    path = tmp_path / "rare.pdf"
    write_receipt(data, path)
    # The glyph comes from the embedded Hanazono fallback. (pdftotext cannot
    # map characters beyond the BMP back out of ReportLab's ToUnicode table,
    # so the text check stops at the first character.)
    fonts = _fonts(path)
    assert any("HanaMin" in name for name, _emb in fonts), fonts
    assert all(embedded == "yes" for _name, embedded in fonts)
    assert "王" in _text(path)
    with pytest.raises(MissingGlyphs):
        write_receipt(dataclasses.replace(data, learner_name="王\U000e0100\U0010fffd"),
                      tmp_path / "never.pdf")


def test_receipt_numbers_are_gap_free_across_two_desks_at_once(store, actor, now):
    """Two stores on one SQLite file, as two desk processes: every payment
    gets the next number, a refused one takes none."""
    school = make_school(store, actor, now, learners=40)
    path = store.sqlite_path
    halves = (school.enrollment_ids[:20], school.enrollment_ids[20:])
    taken: list[list[str]] = [[], []]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def desk(index: int) -> None:
        desk_store = open_store(path)
        who = Actor(desk=f"前台{index + 1}")
        try:
            start.wait()
            for enrollment_id in halves[index]:
                with desk_store.write() as s:
                    taken[index].append(take_payment(s, enrollment_id, 10_000,
                                                     PaymentMethod.CASH, who, now).receipt_no)
                with pytest.raises(DomainError, match="amount_over_balance"), \
                        desk_store.write() as s:
                    take_payment(s, enrollment_id, FEE, PaymentMethod.CASH, who, now)
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)
        finally:
            desk_store.dispose()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    every = sorted(taken[0] + taken[1])
    assert every == [f"SB2026-{n:06d}" for n in range(1, 41)]
    assert all(half == sorted(half) for half in taken)  # each desk's own run climbs
    with store.read() as s:
        assert s.scalar(select(Counter.value).where(Counter.name == "receipt:2026")) == 40
        assert sorted(s.scalars(select(LedgerEntry.receipt_no))) == every


def test_a_new_year_starts_again_at_one(store, actor, now):
    school = make_school(store, actor, now)
    with store.write() as s:
        take_payment(s, school.enrollment_ids[0], 100, PaymentMethod.CASH, actor, now)
    january = dt.datetime(2027, 1, 2, 11, 0, tzinfo=dt.UTC)
    with store.write() as s:
        again = take_payment(s, school.enrollment_ids[0], 100, PaymentMethod.CASH, actor, january)
    assert again.receipt_no == "SB2027-000001"


def _two_desks(url: str, work) -> list[object]:
    """Run ``work(store, desk_index, barrier)`` on two desks at once, each with
    its own engine; returns what each returned or raised."""
    results: list[object] = [None, None]
    barrier = threading.Barrier(2)

    def desk(index: int) -> None:
        desk_store = open_store(url)
        try:
            results[index] = work(desk_store, index, barrier)
        except BaseException as exc:  # compared by the test
            results[index] = exc
        finally:
            desk_store.dispose()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.postgres
def test_two_desks_on_postgresql_never_share_or_skip_a_number(pg_store, actor, now):
    school = make_school(pg_store, actor, now, learners=40)
    halves = (school.enrollment_ids[:20], school.enrollment_ids[20:])

    def work(store, index, barrier):
        who, numbers = Actor(desk=f"前台{index + 1}"), []
        barrier.wait()
        for enrollment_id in halves[index]:
            with store.write() as s:
                numbers.append(take_payment(s, enrollment_id, 100, PaymentMethod.CASH, who,
                                            now).receipt_no)
            with pytest.raises(DomainError, match="amount_over_balance"), store.write() as s:
                take_payment(s, enrollment_id, FEE, PaymentMethod.CASH, who, now)
        return numbers

    first, second = _two_desks(pg_store.url, work)
    assert isinstance(first, list) and isinstance(second, list), (first, second)
    assert sorted(first + second) == [f"SB2026-{n:06d}" for n in range(1, 41)]


@pytest.mark.postgres
def test_two_desks_on_postgresql_racing_for_one_reference_or_one_balance(pg_store, actor, now):
    school = make_school(pg_store, actor, now, learners=3)

    def same_reference(store, index, barrier):
        barrier.wait()
        with store.write() as s:
            return take_payment(s, school.enrollment_ids[index], 100, PaymentMethod.WECHAT,
                                Actor(desk=f"前台{index + 1}"), now, reference="4200777")

    def whole_fee(store, index, barrier):
        barrier.wait()
        with store.write() as s:
            return take_payment(s, school.enrollment_ids[2], FEE, PaymentMethod.CASH,
                                Actor(desk=f"前台{index + 1}"), now)

    for work, code in ((same_reference, "duplicate_reference"), (whole_fee, "amount_over_balance")):
        results = _two_desks(pg_store.url, work)
        refused = [r for r in results if isinstance(r, BaseException)]
        assert len(refused) == 1, results
        assert isinstance(refused[0], DomainError) and refused[0].code == code
    with pg_store.read() as s:
        assert sorted(s.scalars(select(LedgerEntry.receipt_no))) == [
            "SB2026-000001", "SB2026-000002"]
