"""A broken install that lacks an optional Qt module starts, and says what to install.

QtPdf (printing, previews) ships in PySide6-Addons up to 6.11 and in its own
wheel, PySide6-Pdf, from 6.12; QtMultimedia (camera) in PySide6-Addons. The
missing module is simulated the way Python sees one: ``None`` in
``sys.modules`` makes its import raise ImportError.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from frontdesk.documents.certificate import render_certificates, sample_content
from ui.kit import i18n, printing


@pytest.fixture
def no_qtpdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """ui.kit.printing imported again on an install without PySide6.QtPdf."""
    monkeypatch.setitem(sys.modules, "PySide6.QtPdf", None)
    importlib.reload(printing)
    assert printing.QPdfDocument is None
    yield
    monkeypatch.undo()
    importlib.reload(printing)
    assert printing.QPdfDocument is not None


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    path = tmp_path / "certificate.pdf"
    render_certificates(path, [sample_content(dt.date(2026, 12, 1))])
    return path


def _warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _parent, title, text, *a: shown.append((title, text)))
    return shown


@pytest.mark.parametrize(("version", "package"), [((6, 11, 3), "PySide6-Addons"),
                                                  ((6, 12, 0), "PySide6-Pdf")])
def test_the_package_named_is_the_one_that_carries_qtpdf(monkeypatch, version, package):
    import PySide6

    monkeypatch.setattr(PySide6, "__version_info__", (*version, "", ""))
    assert printing.qt_pdf_package() == package


def test_printing_without_qtpdf_says_in_chinese_which_package_to_install(
        qtbot, no_qtpdf, certificate, monkeypatch):
    shown = _warnings(monkeypatch)
    assert printing.print_pdf(None, certificate) is False  # not printed, no traceback
    package = printing.qt_pdf_package()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "无法打印"
    assert text.startswith("打印和预览需要 Qt 的 PDF 模块")
    assert f"pip install {package}" in text
    with pytest.raises(printing.PdfModuleMissing, match=package):
        printing.page_image(certificate, 200)


def test_the_same_message_in_english(qtbot, no_qtpdf, certificate, monkeypatch):
    shown = _warnings(monkeypatch)
    i18n.install_language("en")
    try:
        assert printing.print_pdf(None, certificate) is False
    finally:
        i18n.install_language("zh_CN")
    assert shown[0][0] == "Cannot print"
    assert "install the package PySide6-" in shown[0][1]


def test_certificate_design_preview_without_qtpdf_says_what_is_missing(
        qtbot, no_qtpdf, desk):
    from ui.certificates.design_dialog import CertificateDesignDialog

    dialog = CertificateDesignDialog(None, desk)
    qtbot.addWidget(dialog)
    assert dialog.update_preview()  # the design itself is fine and can be saved
    assert printing.qt_pdf_package() in dialog.preview.text()


def test_checkin_without_qtmultimedia_names_the_package(qtbot, desk, monkeypatch):
    from ui.checkin.camera import camera_problem
    from ui.checkin.page import CheckInPage

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    assert camera_problem() == "no_multimedia"
    page = CheckInPage(desk)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.camera_button, Qt.MouseButton.LeftButton)
    assert not page.camera_button.isChecked()
    assert "摄像头" in page.outcome.detail.text()
    assert "pip install PySide6-Addons" in page.outcome.detail.text()
