"""Certificate PDFs as a reader sees them: rendered, searched, scanned."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from frontdesk.certificates.design import CertificateDesign, CertificateStyle
from frontdesk.certificates.issue import (
    CertificateContent,
    certificate_contents,
    issue_certificates,
    revoke,
)
from frontdesk.certificates.verification import VerificationStatus, verify
from frontdesk.documents.certificate import (
    render_certificate_bytes,
    render_certificate_files,
    render_certificates,
    sample_content,
)
from frontdesk.documents.certificate_layouts import CLASSIC, PAGE_H
from frontdesk.errors import DomainError
from frontdesk.store.engine import Store
from tests.domain.test_certificates import flip
from tests.domain.test_eligibility import ADMIN, School

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")

NAMES = ["张喆", "王堃", "李䶮", "陈𠀋", "阿依古丽·买买提", "Żaneta Nowak",
         "Maximilian Alexander von Habsburg-Lothringen", "欧阳明月"]
TODAY = dt.date(2026, 12, 1)


def items(names: list[str] = NAMES) -> list[CertificateContent]:
    base = sample_content(TODAY)
    return [dataclasses.replace(base, learner_name=name, serial=f"SB-2026-{n:04d}",
                                certificate_id=n) for n, name in enumerate(names, 1)]


def page_image(pdf: Path, page: int, dpi: int) -> Image.Image:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(prefix)], check=True)
    return Image.open(prefix.with_suffix(".png")).convert("L")


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_every_name_prints_with_embedded_fonts_and_copies_back(tmp_path: Path) -> None:
    pdf = tmp_path / "names.pdf"
    result = render_certificates(pdf, items(), "classic")
    assert result.files == [pdf] and result.pages == len(NAMES)
    report = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert report, "no fonts at all"
    for line in report:
        name, *_, emb, sub, _uni, _obj, _gen = line.split()
        assert (emb, sub) == ("yes", "yes"), line  # embedded, as a subset
    assert any("WenQuanYi" in line for line in report)
    assert any("HanaMinA" in line for line in report)  # 䶮 and 𠀋 come from the fallback
    for page, name in enumerate(NAMES, 1):
        # The text layer gives the name back, beyond the BMP too (𠀋 is U+2000B).
        assert name in pdf_text(pdf, page)


def dark_columns(image: Image.Image, top_pt: float, bottom_pt: float, dpi: int) -> list[int]:
    """x (in points) of columns with ink between two heights (points from the bottom)."""
    scale = dpi / 72
    top, bottom = int((PAGE_H - top_pt) * scale), int((PAGE_H - bottom_pt) * scale)
    inside = int(40 * scale)  # within the border
    band = image.crop((inside, top, image.width - inside, bottom))
    box = band.point(lambda v: 255 if v < 110 else 0).getbbox()
    return [] if box is None else [round((box[0] + inside) / scale),
                                   round((box[2] + inside) / scale)]


@pytest.mark.parametrize("name", [
    "李四", "阿依古丽·买买提·艾力·阿不都热合曼",
    "Maximilian Alexander Wolfgang Amadeus von Habsburg-Lothringen"])
def test_a_name_fits_its_box_by_shrinking(tmp_path: Path, name: str) -> None:
    pdf = tmp_path / "one.pdf"
    render_certificates(pdf, items([name]), "classic")
    left, right = dark_columns(page_image(pdf, 1, 72), CLASSIC.name.y + 40, CLASSIC.name.y - 8,
                               72)
    x0, x1, _ = CLASSIC.name_rule
    assert x0 <= left < right <= x1  # inside the line under the name
    assert right - left <= CLASSIC.name.width + 2
    if len(name) > 10:
        assert right - left > CLASSIC.name.width * 0.9  # shrunk just enough, not to a dot


def test_a_character_no_font_has_is_refused_naming_it(tmp_path: Path) -> None:
    pdf = tmp_path / "bad.pdf"
    with pytest.raises(DomainError) as err:
        render_certificates(pdf, items(["张三", "李\U00030000"]), "classic")
    assert err.value.code == "certificate_missing_glyph"
    assert err.value.details == {"text": "李\U00030000", "characters": "\U00030000"}
    assert not pdf.exists()


def issued(store: Store, now: dt.datetime) -> tuple[School, list[CertificateContent]]:
    school = School(store, now).course(held=4)
    for name in ("陈𠀋", "阿依古丽·买买提"):
        school.learner(name, attended=4)
    with store.write() as s:
        ids = [c.certificate_id for c in issue_certificates(s, school.course_id, None, ADMIN, now)]
        return school, certificate_contents(s, ids)


def scan(pdf: Path, page: int) -> str:
    import zxingcpp

    found = zxingcpp.read_barcodes(page_image(pdf, page, 150))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    return str(found[0].text)


@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_qr_scanned_from_the_printed_page_verifies(store: Store, now: dt.datetime,
                                                   tmp_path: Path, layout: str) -> None:
    school, contents = issued(store, now)
    pdf = tmp_path / "issued.pdf"
    render_certificates(pdf, contents, layout)
    text = scan(pdf, 1)
    assert text == contents[0].verification_code
    with store.read() as s:
        result = verify(s, text)
        assert result.status is VerificationStatus.GENUINE
        assert (result.learner_name, result.serial) == ("阿依古丽·买买提", "SB-2026-0001")
        assert verify(s, flip(text, -12)).status is VerificationStatus.FORGED
    with store.write() as s:
        revoke(s, contents[1].certificate_id, "issued in error", ADMIN, now)
    with store.read() as s:
        assert verify(s, scan(pdf, 2)).status is VerificationStatus.REVOKED
    assert school.course_id


def test_progress_is_reported_and_cancel_leaves_no_file(tmp_path: Path) -> None:
    pdf = tmp_path / "batch.pdf"
    seen: list[tuple[int, int]] = []
    render_certificates(pdf, items()[:3], "modern", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    before = pdf.read_bytes()
    done: list[int] = []
    result = render_certificates(pdf, items(), "classic", progress=lambda d, t: done.append(d),
                                 cancel=lambda: len(done) >= 2)
    assert result.cancelled and result.files == [] and done == [1, 2]
    assert pdf.read_bytes() == before  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch.pdf"]  # no partial left


def test_one_pdf_per_learner_in_a_folder_or_zip(tmp_path: Path) -> None:
    folder = tmp_path / "certificates"
    result = render_certificate_files(folder, items()[:3], "classic")
    assert [p.name for p in result.files] == [
        "SB-2026-0001 张喆.pdf", "SB-2026-0002 王堃.pdf", "SB-2026-0003 李䶮.pdf"]
    assert "王堃" in pdf_text(result.files[1])
    archive = tmp_path / "certificates.zip"
    render_certificate_files(archive, items()[3:5], "modern")
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == ["SB-2026-0004 陈𠀋.pdf", "SB-2026-0005 阿依古丽·买买提.pdf"]
        assert z.read(z.namelist()[0]).startswith(b"%PDF")
    stopped = tmp_path / "stopped"
    calls: list[int] = []
    result = render_certificate_files(stopped, items(), "classic",
                                      progress=lambda d, t: calls.append(d),
                                      cancel=lambda: len(calls) >= 2)
    assert result.cancelled and list(stopped.iterdir()) == []
    result = render_certificate_files(tmp_path / "stopped.zip", items(), "classic",
                                      cancel=lambda: True)
    assert result.cancelled and not (tmp_path / "stopped.zip").exists()


def test_backdrop_course_and_seal_are_drawn_once_per_file(tmp_path: Path) -> None:
    seal, signature, logo = (tmp_path / f"{n}.png" for n in ("seal", "signature", "logo"))
    Image.new("RGBA", (200, 200), (200, 20, 20, 160)).save(seal)
    Image.new("RGBA", (300, 100), (20, 20, 90, 255)).save(signature)
    Image.new("RGB", (200, 100), (30, 90, 160)).save(logo)
    style = CertificateStyle(CertificateDesign("classic", seal_path=str(seal),
                                               signature_paths=(str(signature), "")),
                             logo_path=str(logo))
    pdf = tmp_path / "styled.pdf"
    render_certificates(pdf, items()[:4], style)
    raw = pdf.read_bytes()
    assert raw.count(b"/Subtype /Form") == 3  # backdrop, the course block, the seal
    assert "张喆" in pdf_text(pdf, 1) and "Principal" in pdf_text(pdf, 1)
    image = page_image(pdf, 1, 36).convert("L")
    assert image.getpixel((int(CLASSIC.seal[0] / 2), int((PAGE_H - CLASSIC.seal[1]) / 2))) < 200


def test_unreadable_image_is_refused(tmp_path: Path) -> None:
    style = CertificateStyle(CertificateDesign("classic", seal_path=str(tmp_path / "gone.png")))
    with pytest.raises(DomainError) as err:
        render_certificates(tmp_path / "x.pdf", items()[:1], style)
    assert err.value.code == "certificate_image_unreadable"
    assert not (tmp_path / "x.pdf").exists()


def test_preview_bytes_and_unknown_layout() -> None:
    assert render_certificate_bytes(sample_content(TODAY), "modern").startswith(b"%PDF")
    with pytest.raises(DomainError) as err:
        render_certificate_bytes(sample_content(TODAY), "baroque")
    assert err.value.code == "certificate_layout_unknown"


@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_signature_lines_named_by_the_style_are_drawn_without_images(tmp_path: Path,
                                                                     layout: str) -> None:
    from frontdesk.documents.certificate_layouts import MODERN

    pdf = tmp_path / f"signatures-{layout}.pdf"
    render_certificates(pdf, items(["张伟"]), layout)  # the default style: no images
    words = pdf_text(pdf)
    assert "校长" in words and "授课讲师" in words
    assert "Principal" in words and "Instructor" in words
    dpi = 144
    image = page_image(pdf, 1, dpi)
    for cx, y in (CLASSIC if layout == "classic" else MODERN).signatures:
        row = round((PAGE_H - y) * dpi / 72)
        for x in (cx - 50, cx, cx + 50):  # along the line a signer signs on
            column = round(x * dpi / 72)
            darkest = min(image.getpixel((column, r)) for r in range(row - 2, row + 3))
            assert darkest < 160, (layout, x, y)
