"""Learner cards and sign-in sheets as printed: read back from the PDF and PNG.

The QR codes are decoded from rendered pages with zxing-cpp (as the desk's
camera would), the text with pdftotext, the fonts with pdffonts.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from frontdesk.checkin.tokens import (
    CardData,
    cards_for_course,
    cards_for_learners,
    learner_card,
    parse_token,
)
from frontdesk.checkin.tonight import signin_sheet
from frontdesk.documents.cards import (
    CARD_W,
    TEXT_LEFT,
    TEXT_WIDTH,
    NameLayout,
    name_layout,
    render_card_png,
    render_cards_pdf,
)
from frontdesk.documents.qr import qr_matrix, qr_png
from frontdesk.documents.signin_sheet import render_signin_sheet_pdf, rows_per_page
from frontdesk.errors import DomainError
from frontdesk.roster.learners import get_learner
from tests.domain.checkin_fixtures import SHENZHEN, Evening, make_evening

POPPLER = shutil.which("pdftoppm") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
MM = 72 / 25.4


@pytest.fixture
def evening(store, now) -> Evening:
    return make_evening(store, now)


def decode_qr(image: Image.Image) -> list[str]:
    import zxingcpp

    return sorted(r.text for r in zxingcpp.read_barcodes(image))


def page_images(pdf: Path, dpi: int = 100) -> list[Image.Image]:
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out)], check=True)
    return [Image.open(p) for p in sorted(pdf.parent.glob(f"{out.name}-*.png"))]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def unembedded_fonts(pdf: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [line for line in lines if line.split()[-5] != "yes"]


def many_cards(evening: Evening, n: int) -> list[CardData]:
    base = CardData(0, "ABCDEFG", "王芳", 1, "", ("AI+营销获客",))
    from frontdesk.checkin.tokens import make_token

    cards = []
    for i in range(n):
        code = "".join("23456789ABCDEFGHJKMNPQRSTUVWXYZ"[(i * 7 + k) % 31] for k in range(7))
        cards.append(dataclasses.replace(base, learner_id=i + 1, code=code, name=f"学员{i + 1}",
                                         token=make_token(evening.secret, code, 1)))
    return cards


# What a card holds ----------------------------------------------------------------


def test_cards_for_a_course_in_pinyin_order_with_verifiable_tokens(store, evening):
    with store.read() as s:
        cards = cards_for_course(s, evening.secret, evening.courses["A"])
    assert [c.name for c in cards] == ["李强", "孙艳", "王芳"]  # li, sun, wang
    assert all(c.course_titles == ("AI+营销获客",) for c in cards)
    for card in cards:
        parsed = parse_token(evening.secret, card.token)
        assert (parsed.code, parsed.card_version) == (card.code, 1)  # type: ignore[union-attr]


def test_waiting_list_cards_only_when_asked(store, evening):
    with store.read() as s:
        seated = cards_for_course(s, evening.secret, evening.courses["C"])
        everyone = cards_for_course(s, evening.secret, evening.courses["C"],
                                    include_waitlisted=True)
    assert [c.name for c in seated] == ["陈静"]
    assert sorted(c.name for c in everyone) == ["刘敏", "陈静"]


def test_a_selection_keeps_its_order_and_lists_each_learners_courses(store, evening, now):
    ids = [evening.learners["李强"], evening.learners["王芳"], evening.learners["刘敏"]]
    with store.write() as s:
        get_learner(s, evening.learners["王芳"]).anonymised_at = now
    with store.read() as s:
        cards = cards_for_learners(s, evening.secret, ids)
        with pytest.raises(DomainError) as err:
            learner_card(s, evening.secret, evening.learners["王芳"])
    assert err.value.code == "learner_not_found"
    assert [(c.name, c.course_titles) for c in cards] == [
        ("李强", ("AI+营销获客", "AI+图片设计")), ("刘敏", ("新媒体运营",))]


# The PDF sheet ----------------------------------------------------------------------


@needs_poppler
def test_card_sheet_ten_a_page_with_readable_qr_codes(evening, tmp_path):
    cards = many_cards(evening, 13)
    pdf = tmp_path / "cards.pdf"
    assert render_cards_pdf(pdf, cards, "水贝夜校") == 2
    pages = page_images(pdf)
    assert len(pages) == 2
    assert decode_qr(pages[0]) == sorted(c.token for c in cards[:10])
    assert decode_qr(pages[1]) == sorted(c.token for c in cards[10:])
    text = pdf_text(pdf)
    assert "学员1 " in text and "学员13" in text and "水贝夜校" in text
    assert f"{cards[0].code[:3]} {cards[0].code[3:]}" in text
    assert unembedded_fonts(pdf) == []


def _words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Every word pdftotext finds: (text, xMin, yMin, xMax, yMax), y from the top."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    found = []
    for line in bbox.splitlines():
        if "<word " not in line:
            continue
        numbers = [float(line.split(f'{k}="')[1].split('"')[0])
                   for k in ("xMin", "yMin", "xMax", "yMax")]
        found.append((line.split(">")[1].split("<")[0], *numbers))
    return found


LONG_NAMES = [
    "阿依古丽·买买提·艾尔肯江·努尔兰别克·热依拉",  # 23 characters, Uyghur with dots
    "阿卜杜热合曼·艾合买提江·阿不都热依木·艾则孜",  # 24
    "欧阳" * 32,  # 64, the import's maximum, no place to break
    "Maximilian Alexander von Hohenzollern-Sigmaringen Bartholomew Jr",  # 64 Latin
]


@needs_poppler
@pytest.mark.parametrize("name", LONG_NAMES)
def test_a_long_name_shrinks_then_wraps_inside_its_card(evening, tmp_path, name):
    """Never under the QR code, never over the cut line or the course line,
    every character printed whole; the QR code still reads."""
    cards = many_cards(evening, 2)
    cards[0] = dataclasses.replace(cards[0], name=name)
    pdf = tmp_path / "cards.pdf"
    render_cards_pdf(pdf, cards, "水贝夜校")
    left = (210 - 2 * CARD_W) / 2
    box_right = (left + TEXT_LEFT + TEXT_WIDTH) * MM
    top = (297 - 5 * 54) / 2  # the top row of cards, mm from the page's top
    band_foot, course_top = (top + 11) * MM, (top + 54 - 27) * MM
    words = [w for w in _words(pdf) if top * MM < w[2] < (top + 54) * MM
             and w[1] < (left + CARD_W) * MM and w[0] and w[0] in name.replace(" ", "")]
    assert "".join(w[0] for w in words) == name.replace(" ", "")  # all of it, in order
    assert len({round(w[2]) for w in words}) <= 2  # one or two lines
    for _text, x_min, y_min, x_max, y_max in words:
        assert left * MM <= x_min and x_max <= box_right + 0.5
        assert band_foot - 1 <= y_min and y_max <= course_top
    assert decode_qr(page_images(pdf)[0]) == sorted(c.token for c in cards)


@needs_poppler
def test_rare_characters_print_from_the_fallback_fonts(evening, tmp_path):
    cards = [dataclasses.replace(many_cards(evening, 1)[0], name="王𪛖䶮")]
    pdf = tmp_path / "cards.pdf"
    render_cards_pdf(pdf, cards, "水贝夜校")
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    assert "HanaMinA" in fonts and "HanaMinB" in fonts  # 䶮 and 𪛖 from the fallbacks


def test_a_card_name_layout_is_one_line_when_it_reads_and_two_when_it_must():
    width = TEXT_WIDTH * MM
    assert name_layout("王芳", width) == NameLayout(17.0, ("王芳",))
    two = name_layout(LONG_NAMES[0], width)
    assert two.lines == ("阿依古丽·买买提·艾尔肯江·", "努尔兰别克·热依拉")  # at a dot
    longest = name_layout("欧阳" * 32, width)
    assert "".join(longest.lines) == "欧阳" * 32 and len(longest.lines) == 2


def test_an_unprintable_name_is_refused_naming_the_learner(evening, tmp_path):
    cards = many_cards(evening, 3)
    cards[1] = dataclasses.replace(cards[1], name="王\U0001f9e0")  # no bundled font has it
    pdf = tmp_path / "cards.pdf"
    with pytest.raises(DomainError) as err:
        render_cards_pdf(pdf, cards, "水贝夜校")
    assert err.value.code == "unprintable_text"
    assert err.value.details["learner_code"] == cards[1].code
    assert not pdf.exists()


def test_no_cards_no_sheet(tmp_path):
    with pytest.raises(DomainError) as err:
        render_cards_pdf(tmp_path / "x.pdf", [], "水贝夜校")
    assert err.value.code == "no_cards"


# One card as PNG ------------------------------------------------------------------------


def test_single_card_png_is_card_sized_and_its_qr_reads(evening):
    card = dataclasses.replace(many_cards(evening, 1)[0], card_version=2)
    image = Image.open(io.BytesIO(render_card_png(card, "水贝夜校", dpi=300)))
    assert image.size == (1011, 638)  # 85.6 × 54 mm at 300 dpi
    assert decode_qr(image) == [card.token]


def test_qr_png_and_matrix():
    token = "F1ABCDEFG23" + "2" * 16
    assert len(qr_matrix(token)) == 25  # version 2: a small code
    image = Image.open(io.BytesIO(qr_png(token, module_px=4)))
    assert image.size == ((25 + 8) * 4,) * 2
    assert decode_qr(image) == [token]
    assert decode_qr(Image.open(io.BytesIO(qr_png("https://例子.cn/?q=1")))) == [
        "https://例子.cn/?q=1"]


# The sign-in sheet ----------------------------------------------------------------------


@needs_poppler
def test_sign_in_sheet_lists_everyone_and_paginates(store, evening, tmp_path, now):
    from frontdesk.checkin.attendance import mark_excused
    from tests.domain.checkin_fixtures import DESK

    with store.write() as s:
        mark_excused(s, evening.learners["孙艳"], evening.lessons["A"], DESK, now)
    with store.read() as s:
        sheet = signin_sheet(s, evening.lessons["A"], SHENZHEN)
    pdf = tmp_path / "sheet.pdf"
    assert render_signin_sheet_pdf(pdf, sheet, printed_at=now) == 1
    text = pdf_text(pdf)
    assert "AI+营销获客 签到表" in text
    assert "2026年12月1日（周二）19:00–21:00" in text and "A101" in text
    for name in ("李强", "孙艳", "王芳"):
        assert name in text
    assert "请假" in text and "应到 3 人" in text and "第 1/1 页" in text
    assert unembedded_fonts(pdf) == []
    crowd = dataclasses.replace(sheet, rows=sheet.rows * 30)  # 90 names
    pages = render_signin_sheet_pdf(pdf, crowd)
    assert pages == -(-(90 + 4) // rows_per_page())
    assert f"第 {pages}/{pages} 页" in pdf_text(pdf)
