"""The certificates page as the desk uses it: who earned one, printing a
batch (and cancelling one), reprints, exceptions, revoking, checking a
certificate, the design dialog and the public key.

The page runs in English here (the source language), so the words asserted
are the words a user reads, whatever translations are merged later.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from frontdesk.certificates.design import load_design
from frontdesk.certificates.eligibility import clear_exception, grant_exception
from frontdesk.certificates.issue import certificate_contents, issue_certificates, revoke
from frontdesk.certificates.verification import verify_offline
from frontdesk.checkin.tokens import make_token
from frontdesk.documents.certificate import render_certificates, sample_content
from frontdesk.fees import ledger as fees
from frontdesk.money import format_fen
from frontdesk.settings import school_secret
from frontdesk.store.models import Certificate, Counter, Learner
from frontdesk.vocab import EnrollmentStatus
from ui.certificates import batch as certificate_batch
from ui.certificates import design_dialog as certificate_design_dialog
from ui.certificates.design_dialog import CertificateDesignDialog
from ui.certificates.page import CertificatesPage
from ui.kit import printing, widgets
from ui.kit.output import Output, OutputDialog
from ui.shell.main_window import MainWindow, default_pages

STATUS, SERIAL, PRINTS, NOTES = 4, 5, 7, 8


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    from ui.kit import i18n

    i18n.install_language("en")
    yield
    i18n.install_language("zh_CN")


def _page(qtbot, desk, code: str) -> CertificatesPage:
    page = CertificatesPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    course = next(c for c in page.courses if c.code == code)
    assert page.select_course(course.id)
    return page


def _cell(page: CertificatesPage, name: str, column: int) -> str:
    model = page.model
    row = next(i for i, r in enumerate(model.rows) if r.learner_name == name)
    return model.data(model.index(row, column))


def _select(page: CertificatesPage, *names: str) -> None:
    page.table.clearSelection()
    for name in names:
        row = next(i for i, r in enumerate(page.model.rows) if r.learner_name == name)
        page.table.selectionModel().select(
            page.model.index(row, 0),
            page.table.selectionModel().SelectionFlag.Select
            | page.table.selectionModel().SelectionFlag.Rows)


def _click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _certificates(store) -> list[Certificate]:
    with store.read() as s:
        return list(s.scalars(select(Certificate).order_by(Certificate.serial)))


def _answer_output(monkeypatch, output: Output, target: Path | None = None) -> list[int]:
    """The output dialog answers ``output``; the save dialogs answer ``target``."""
    asked: list[int] = []

    def ask(parent, count):  # type: ignore[no-untyped-def]
        asked.append(count)
        return output

    monkeypatch.setattr(certificate_batch, "ask_output", ask)
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: target)
    monkeypatch.setattr(certificate_batch, "choose_folder", lambda *a: target)
    return asked


def _spy_progress(monkeypatch, cancel_after: int | None = None) -> list[tuple[int, int]]:
    """Record what the progress bar was told; optionally press Cancel after a page."""
    real = certificate_batch.run_with_progress
    seen: list[tuple[int, int]] = []

    def run(parent, label, cancel_text, work):  # type: ignore[no-untyped-def]
        assert cancel_text  # the batch can be cancelled
        def watched(report):  # type: ignore[no-untyped-def]
            def spy(done: int, total: int) -> bool:
                seen.append((done, total))
                going = report(done, total)
                return going and (cancel_after is None or done < cancel_after)
            return work(spy)
        return real(parent, label, cancel_text, watched)

    monkeypatch.setattr(certificate_batch, "run_with_progress", run)
    return seen


# -- who has earned one -----------------------------------------------------------------


def test_the_table_says_who_earned_a_certificate_and_why_not(qtbot, desk, now):
    # An inclusive course of last term, over: 16 lessons held, 13 needed, a fee to pay.
    page = _page(qtbot, desk, "C0004")
    rows = page.rows
    owing = [r for r in rows if r.attended >= r.needs and r.balance_fen > 0]
    regular, unpaid = owing[0], owing[1]
    short = next(r for r in rows if r.attended < r.needs)
    earned = sum(1 for r in rows if r.eligible)
    assert _cell(page, regular.learner_name, STATUS) == "Not yet"
    with desk.store.write() as s:  # the fee is paid at the desk
        fees.take_payment(s, regular.enrollment_id, regular.balance_fen, "cash", desk.actor, now)
    page.activate()
    assert _cell(page, regular.learner_name, STATUS) == "Eligible"
    assert _cell(page, regular.learner_name, NOTES) == ""
    assert _cell(page, unpaid.learner_name, STATUS) == "Not yet"
    assert _cell(page, unpaid.learner_name, NOTES) == f"{format_fen(unpaid.balance_fen)} still due."
    assert _cell(page, short.learner_name, NOTES).startswith(
        f"Attended {short.attended} of 16 lessons, needs 13.")
    assert page.counts_label.text().startswith(
        f"{earned + 1} of {len(rows)} have earned a certificate")
    assert "16 lessons held, 13 needed" in page.counts_label.text()
    # Nothing can be printed for a learner who has not earned it.
    _select(page, short.learner_name)
    assert not page.issue_selected_button.isEnabled()
    assert page.grant_button.isEnabled()


def test_the_page_is_in_the_main_window_after_courses(qtbot, desk):
    from ui.courses.page import CoursesPage

    pages = default_pages()
    assert pages.index(CertificatesPage) == pages.index(CoursesPage) + 1
    window = MainWindow(desk, pages=[CoursesPage, CertificatesPage])
    qtbot.addWidget(window)
    page = window.show_page(CertificatesPage)
    assert isinstance(page, CertificatesPage) and page.rows
    assert window.nav.item(1).text() == "Certificates"


def test_the_course_filter_narrows_the_list(qtbot, desk):
    page = _page(qtbot, desk, "C0001")
    qtbot.keyClicks(page.filter_edit, "c0005")
    shown = [page.course_list.item(i).text() for i in range(page.course_list.count())
             if not page.course_list.item(i).isHidden()]
    assert len(shown) == 1 and shown[0].startswith("C0005")


# -- issuing and printing ---------------------------------------------------------------


def test_issue_all_earned_into_one_pdf_with_the_progress_bar(qtbot, desk, tmp_path,
                                                              monkeypatch):
    page = _page(qtbot, desk, "C0005")
    earned = [r.learner_name for r in page.rows if r.eligible]
    assert len(earned) >= 10
    target = tmp_path / "out" / "C0005.pdf"
    asked = _answer_output(monkeypatch, Output.PDF, target)
    seen = _spy_progress(monkeypatch)
    _click(qtbot, page.issue_all_button)
    assert asked == [len(earned)]
    assert seen[0] == (0, len(earned)) and seen[-1] == (len(earned), len(earned))
    assert printing.open_pdf(target).pageCount() == len(earned)
    assert list(target.parent.iterdir()) == [target]  # no partial file left beside it
    made = _certificates(desk.store)
    assert [c.serial for c in made] == [f"SB-2026-{n:04d}" for n in range(1, len(earned) + 1)]
    assert {c.learner_name for c in made} == set(earned)
    assert all(c.print_count == 1 for c in made)
    for name in earned:
        assert _cell(page, name, STATUS) == "Issued"
        assert _cell(page, name, SERIAL).startswith("SB-2026-")
        assert _cell(page, name, PRINTS) == "1"
    assert page.banner.kind == "ok" and str(target) in page.banner.text()
    assert page.counts_label.text().startswith(f"{len(earned)} of ")


@pytest.mark.parametrize("output", [Output.PDF, Output.FOLDER, Output.ZIP])
def test_cancelling_a_batch_leaves_no_file_no_serial_no_print(qtbot, desk, tmp_path,
                                                               monkeypatch, output):
    page = _page(qtbot, desk, "C0005")
    names = [r.learner_name for r in page.rows if r.eligible][:6]
    folder = tmp_path / "out"
    folder.mkdir()
    target = {Output.PDF: folder / "batch.pdf", Output.ZIP: folder / "batch.zip",
              Output.FOLDER: folder}[output]
    _answer_output(monkeypatch, output, target)
    seen = _spy_progress(monkeypatch, cancel_after=2)  # Cancel pressed after page 2
    _select(page, *names)
    _click(qtbot, page.issue_selected_button)
    assert seen[-1] == (2, 6)
    assert list(folder.iterdir()) == []
    assert _certificates(desk.store) == []
    with desk.store.read() as s:
        assert s.scalar(select(func.coalesce(func.sum(Counter.value), 0))
                        .where(Counter.name.like("certificate:%"))) == 0
    assert all(_cell(page, n, STATUS) == "Eligible" for n in names)
    assert page.banner.kind == "warn" and "Cancelled" in page.banner.text()


def test_a_pdf_each_into_a_zip(qtbot, desk, tmp_path, monkeypatch):
    import zipfile

    page = _page(qtbot, desk, "C0005")
    names = [r.learner_name for r in page.rows if r.eligible][:3]
    _answer_output(monkeypatch, Output.ZIP, tmp_path / "three.zip")
    _select(page, *names)
    _click(qtbot, page.issue_selected_button)
    with zipfile.ZipFile(tmp_path / "three.zip") as archive:
        files = sorted(archive.namelist())
    assert len(files) == 3 and all(f.startswith("SB-2026-") for f in files)
    assert {f.split(" ", 1)[1][:-4] for f in files} == set(names)


def test_print_and_reprint_keep_the_serial_and_count_prints(qtbot, desk, monkeypatch):
    page = _page(qtbot, desk, "C0005")
    name = next(r.learner_name for r in page.rows if r.eligible)
    _answer_output(monkeypatch, Output.PRINT)
    printed: list[int] = []
    answer = {"print": True}

    def print_pdf(parent, path, *, confirm, **kwargs):  # type: ignore[no-untyped-def]
        if not answer["print"]:  # the preview or the print dialog was cancelled
            return False
        printed.append(printing.open_pdf(confirm()).pageCount())  # the file to print
        return True

    monkeypatch.setattr(printing, "print_pdf", print_pdf)
    _select(page, name)
    _click(qtbot, page.issue_selected_button)
    serial = _cell(page, name, SERIAL)
    assert serial == "SB-2026-0001" and _cell(page, name, PRINTS) == "1"
    _select(page, name)
    _click(qtbot, page.issue_selected_button)  # a reprint
    assert _cell(page, name, SERIAL) == serial and _cell(page, name, PRINTS) == "2"
    answer["print"] = False  # the print dialog was cancelled: nothing counted
    _select(page, name)
    _click(qtbot, page.issue_selected_button)
    assert _cell(page, name, PRINTS) == "2" and "Not printed" in page.banner.text()
    assert printed == [1, 1]
    assert [c.serial for c in _certificates(desk.store)] == [serial]


def test_the_output_dialog_offers_four_ways(qtbot, monkeypatch):
    shown: list[OutputDialog] = []

    def exec_(dialog: OutputDialog) -> int:
        shown.append(dialog)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.choice_buttons[Output.PRINT].isDefault()
        qtbot.mouseClick(dialog.choice_buttons[Output.ZIP], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(OutputDialog, "exec", exec_)
    assert certificate_batch.ask_output(None, 12) is Output.ZIP
    dialog = shown[0]
    assert "12" in dialog.text_label.text()
    assert list(dialog.choice_buttons) == [Output.PRINT, Output.PDF, Output.FOLDER, Output.ZIP]
    assert "preview" in dialog.choice_buttons[Output.PRINT].text()


# -- admin actions -------------------------------------------------------------------------


def test_grant_and_clear_an_exception_and_a_refusal(qtbot, desk, monkeypatch):
    page = _page(qtbot, desk, "C0005")
    short = next(r for r in page.rows if not r.eligible)
    monkeypatch.setattr(widgets, "ask_text", lambda *a, **k: "x" * 201)
    _select(page, short.learner_name)
    _click(qtbot, page.grant_button)
    assert page.banner.kind == "error" and "longer than 200" in page.banner.text()
    monkeypatch.setattr(widgets, "ask_text", lambda *a, **k: "病假，已补课")
    _select(page, short.learner_name)
    _click(qtbot, page.grant_button)
    assert _cell(page, short.learner_name, STATUS) == "Eligible (exception)"
    assert _cell(page, short.learner_name, NOTES).startswith("By exception: 病假，已补课")
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    _select(page, short.learner_name)
    _click(qtbot, page.clear_button)
    assert _cell(page, short.learner_name, STATUS) == "Not yet"


def test_revoke_then_the_code_verifies_as_revoked(qtbot, desk, now, monkeypatch):
    page = _page(qtbot, desk, "C0005")
    row = next(r for r in page.rows if r.eligible)
    code = _issue(desk, now, page, row.enrollment_id)
    page.activate()
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    monkeypatch.setattr(widgets, "ask_text", lambda *a, **k: "issued in error")
    _select(page, row.learner_name)
    _click(qtbot, page.revoke_button)
    assert _cell(page, row.learner_name, STATUS) == "Revoked"
    assert ": issued in error" in _cell(page, row.learner_name, NOTES)
    _scan(qtbot, page, code)
    assert page.verify_box.headline.text() == "Revoked certificate"
    assert "issued in error" in page.verify_box.detail.text()


def test_issue_a_replacement_for_a_revoked_certificate(qtbot, desk, now, tmp_path,
                                                      monkeypatch):
    page = _page(qtbot, desk, "C0005")
    name = next(r for r in page.rows if r.eligible).learner_name
    row = next(r for r in page.rows if r.learner_name == name)
    old_code = _issue(desk, now, page, row.enrollment_id)
    page.activate()
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    monkeypatch.setattr(widgets, "ask_text", lambda *a, **k: "名字写错")
    _select(page, name)
    _click(qtbot, page.revoke_button)
    assert _cell(page, name, STATUS) == "Revoked"
    assert _cell(page, name, NOTES).endswith(
        ": 名字写错 · a replacement with a new serial can be issued")
    _select(page, name)
    assert page.issue_selected_button.text() == "Issue a replacement and print…"
    target = tmp_path / "replacement.pdf"
    asked = _answer_output(monkeypatch, Output.PDF, target)
    _click(qtbot, page.issue_selected_button)
    assert asked == [1] and printing.open_pdf(target).pageCount() == 1
    assert _cell(page, name, STATUS) == "Issued"
    assert (_cell(page, name, SERIAL), _cell(page, name, PRINTS)) == ("SB-2026-0002", "1")
    assert page.banner.kind == "ok" and "(1 newly issued)" in page.banner.text()
    assert [(c.serial, c.revoked_at is not None, c.print_count)
            for c in _certificates(desk.store)] == [("SB-2026-0001", True, 0),
                                                    ("SB-2026-0002", False, 1)]
    _select(page, name)  # now a plain reprint
    assert page.issue_selected_button.text() == "Issue and print selected…"
    assert page.revoke_button.isEnabled()
    _scan(qtbot, page, old_code)
    assert page.verify_box.headline.text() == "Revoked certificate"
    with desk.store.write() as s:
        new = s.scalars(select(Certificate).where(Certificate.serial == "SB-2026-0002")).one()
        new_code = certificate_contents(s, [new.id])[0].verification_code
    _scan(qtbot, page, new_code)
    assert page.verify_box.headline.text() == "Genuine certificate"
    assert [r.learner_name for r in page.selected_rows()] == [name]


def test_a_revoked_certificate_no_longer_earned_offers_no_replacement(qtbot, desk, now,
                                                                     monkeypatch):
    page = _page(qtbot, desk, "C0005")
    short = next(r for r in page.rows if not r.eligible and r.certificate is None
                 and r.status is not EnrollmentStatus.WITHDRAWN)
    with desk.store.write() as s:
        grant_exception(s, short.enrollment_id, "病假，已补课", desk.actor, now)
    _issue(desk, now, page, short.enrollment_id)
    with desk.store.write() as s:
        issued = s.scalars(select(Certificate)).one()
        revoke(s, issued.id, "例外批错了", desk.actor, now)
        clear_exception(s, short.enrollment_id, desk.actor, now)
    page.activate()
    _select(page, short.learner_name)
    assert _cell(page, short.learner_name, STATUS) == "Revoked"
    assert _cell(page, short.learner_name, NOTES).endswith(": 例外批错了")
    assert not page.issue_selected_button.isEnabled()
    assert page.grant_button.isEnabled()  # an admin may still make an exception
    monkeypatch.setattr(widgets, "ask_text", lambda *a, **k: "补考合格")
    _click(qtbot, page.grant_button)
    _select(page, short.learner_name)
    assert page.issue_selected_button.isEnabled()
    assert page.issue_selected_button.text() == "Issue a replacement and print…"


# -- checking a certificate -------------------------------------------------------------------


def _issue(desk, now, page: CertificatesPage, enrollment_id: int) -> str:
    course = page.current_course()
    assert course is not None
    with desk.store.write() as s:
        issued = issue_certificates(s, course.id, [enrollment_id], desk.actor, now)
        return certificate_contents(s, [issued[0].certificate_id])[0].verification_code


def _scan(qtbot, page: CertificatesPage, text: str) -> None:
    field = page.verify_box.field
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_verify_a_genuine_and_a_tampered_code(qtbot, desk, now):
    page = _page(qtbot, desk, "C0005")
    row = next(r for r in page.rows if r.eligible)
    code = _issue(desk, now, page, row.enrollment_id)
    page.activate()
    assert not page.verify_box.field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    _scan(qtbot, page, code.lower())  # Caps Lock on: still read
    box = page.verify_box
    assert box.kind == "genuine" and box.headline.text() == "Genuine certificate"
    assert row.learner_name in box.detail.text() and "SB-2026-0001" in box.detail.text()
    assert page.selected_rows() == [next(r for r in page.rows
                                         if r.enrollment_id == row.enrollment_id)]
    i = len(code) - 20  # a character of the signature, changed
    tampered = code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1:]
    _scan(qtbot, page, tampered)
    assert box.kind == "refused" and box.headline.text() == "Forged certificate"
    with desk.store.write() as s:  # a learner card scanned here by mistake
        learner = s.scalars(select(Learner).where(Learner.id == row.learner_id)).one()
        card = make_token(school_secret(s), learner.code, learner.card_version)
    _scan(qtbot, page, card)
    assert box.headline.text() == "Not a certificate code"


# -- design and public key -------------------------------------------------------------------


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_design_dialog_previews_and_saves(qtbot, desk, tmp_path, monkeypatch):
    seal = tmp_path / "seal.png"
    image = QImage(200, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("#c0392b"))
    assert image.save(str(seal))
    monkeypatch.setattr(certificate_design_dialog, "choose_image", lambda *a: str(seal))
    dialog = CertificateDesignDialog(None, desk)
    qtbot.addWidget(dialog)
    assert not dialog.preview.pixmap().isNull()
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("modern"))
    title = dialog.text_edits["title_en"]
    title.clear()
    qtbot.keyClicks(title, "Certificate of Achievement {oops}")
    assert not dialog.update_preview()  # an unknown placeholder is refused, named
    assert "{oops}" in dialog.error_label.text()
    _ok(qtbot, dialog)
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert desk.read(load_design).layout == "classic"  # nothing saved
    title.clear()
    qtbot.keyClicks(title, "Certificate of Achievement")
    qtbot.mouseClick(dialog.seal_row.choose, Qt.MouseButton.LeftButton)
    assert dialog.update_preview()
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    design = desk.read(load_design)
    assert design.layout == "modern"
    assert design.texts.title_en == "Certificate of Achievement"
    assert design.seal_path == str(seal)


def test_export_the_public_key_checks_a_code_offline(qtbot, desk, now, tmp_path,
                                                      monkeypatch):
    page = _page(qtbot, desk, "C0005")
    row = next(r for r in page.rows if r.eligible)
    code = _issue(desk, now, page, row.enrollment_id)
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: tmp_path / "key.pem")
    _click(qtbot, page.key_button)
    pem = (tmp_path / "key.pem").read_text()
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert verify_offline(pem, code).genuine
    assert str(tmp_path / "key.pem") in page.banner.text()


# -- printing.py ----------------------------------------------------------------------------


def test_printing_paints_every_page_in_landscape(qtbot, desk, now, tmp_path):
    import datetime as dt

    items = [sample_content(dt.date(2026, 12, 1)), sample_content(dt.date(2026, 12, 2))]
    source = tmp_path / "two.pdf"
    render_certificates(source, items)
    document = printing.open_pdf(source)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printing.match_page(printer, document)
    assert printer.pageLayout().orientation() is QPageLayout.Orientation.Landscape
    assert printing.paint_pdf(printer, document) == 2
    printed = printing.open_pdf(tmp_path / "printed.pdf")
    assert printed.pageCount() == 2
    size = printed.pagePointSize(0)
    assert size.width() > size.height()
    image = printing.page_image(printed, 400)
    assert image.width() == 400 and image.pixelColor(200, 140) != image.pixelColor(5, 5)


def test_save_pdf_as_writes_bytes_whole(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: tmp_path / "r.pdf")
    assert printing.save_pdf_as(None, b"%PDF-1.4 test", "receipt.pdf") == tmp_path / "r.pdf"
    assert (tmp_path / "r.pdf").read_bytes() == b"%PDF-1.4 test"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: None)
    assert printing.save_pdf_as(None, b"%PDF", "receipt.pdf") is None



@pytest.mark.parametrize("preview", [True, False])
def test_print_pdf_goes_through_the_print_dialog(qtbot, tmp_path, monkeypatch, preview):
    import datetime as dt

    from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
    from PySide6.QtWidgets import QDialog

    source, out = tmp_path / "two.pdf", tmp_path / "paper.pdf"
    render_certificates(source, [sample_content(dt.date(2026, 12, d)) for d in (1, 2)])

    def to_file(printer: QPrinter) -> None:  # the user picked "print to file"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))

    class Preview(QPrintPreviewDialog):
        def exec(self):  # type: ignore[no-untyped-def]
            to_file(self.printer())
            self.paintRequested.emit(self.printer())
            return QDialog.DialogCode.Accepted

    class Chooser(QPrintDialog):
        def exec(self):  # type: ignore[no-untyped-def]
            to_file(self.printer())
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "QPrintPreviewDialog", Preview)
    monkeypatch.setattr(printing, "QPrintDialog", Chooser)
    assert printing.print_pdf(None, source, preview=preview)
    paper = printing.open_pdf(out)
    assert paper.pageCount() == 2
    assert paper.pagePointSize(0).width() > paper.pagePointSize(0).height()
