"""The certificates page while a course runs and once it is over; serials spent only
when the paper is made; the progress box gone before the preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QProgressDialog
from sqlalchemy import select, text

from frontdesk.certificates.completion import course_progress
from frontdesk.certificates.eligibility import EligibilityState
from frontdesk.store.models import AuditEvent, Counter
from tests.ui.test_certificates_window import (
    NOTES,
    PRINTS,
    SERIAL,
    STATUS,
    _answer_output,
    _cell,
    _certificates,
    _click,
    _english,  # noqa: F401 (the page in English)
    _page,
    _select,
)
from ui.certificates.batch import Output
from ui.kit import printing, widgets

RUNNING = "C0001"  # this term's course, half-way through in the demo
OVER = "C0005"  # last term's, every lesson over


def _spent(store) -> int:  # type: ignore[no-untyped-def]
    with store.read() as s:
        counter = s.get(Counter, "certificate:2026")
        return counter.value if counter else 0


def test_a_running_course_shows_each_standing_and_issues_nothing(qtbot, desk):
    page = _page(qtbot, desk, RUNNING)
    progress = page.progress
    assert progress is not None and not progress.complete and 0 < progress.held < progress.planned
    assert page.rows and not any(r.eligible for r in page.rows)
    row = page.rows[0]
    assert _cell(page, row.learner_name, STATUS) == "Course running"
    words = _cell(page, row.learner_name, NOTES)
    reachable = row.attended + progress.planned - progress.held >= row.needs
    head = "On track" if reachable else "Cannot reach it"
    assert words.startswith(f"{head}: {row.attended} of {progress.held} so far, "
                            f"{progress.planned} planned; needs {row.needs}.")
    assert page.counts_label.text().startswith(
        f"Course running: {progress.held} of {progress.planned} lessons held so far.")
    assert not page.issue_all_button.isEnabled()
    _select(page, row.learner_name)
    assert not page.issue_selected_button.isEnabled()
    assert page.finish_button.isEnabled() and page.finish_button.text() == "Mark course finished…"


def test_an_early_leaver_by_exception_shows_the_reason_on_the_row(qtbot, desk, monkeypatch):
    page = _page(qtbot, desk, RUNNING)
    name = page.rows[1].learner_name
    _select(page, name)
    monkeypatch.setattr(widgets, "ask_text", lambda *a: "提前结业：调往东莞工作")
    _click(qtbot, page.grant_button)
    assert _cell(page, name, STATUS) == "Eligible (exception)"
    _answer_output(monkeypatch, Output.PRINT)
    monkeypatch.setattr(printing, "print_pdf", lambda p, path, *, confirm, **k: bool(confirm()))
    _select(page, name)
    _click(qtbot, page.issue_selected_button)
    assert _cell(page, name, SERIAL) == "SB-2026-0001"
    assert _cell(page, name, NOTES) == "By exception: 提前结业：调往东莞工作"
    assert sum(1 for r in page.rows if r.state == EligibilityState.ISSUED) == 1


def test_an_admin_marks_the_course_finished_from_the_page(qtbot, desk, monkeypatch):
    page = _page(qtbot, desk, RUNNING)
    held = page.progress.held  # type: ignore[union-attr]
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    _click(qtbot, page.finish_button)
    assert "marked finished" in page.banner.text()
    assert page.progress is not None and page.progress.complete
    assert all(r.needs == (held * 80 + 99) // 100 for r in page.rows)
    assert any(r.eligible for r in page.rows) and page.issue_all_button.isEnabled()
    assert page.finish_button.text() == "Reopen course…"
    with desk.store.read() as s:
        assert s.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "course.finished")).all() == ["course.finished"]
    _click(qtbot, page.finish_button)  # taken back: certificates wait again
    assert not any(r.eligible for r in page.rows)
    with desk.store.read() as s:
        assert not course_progress(s, page.current_course_id(), desk.now()).complete


def test_cancelling_the_preview_spends_no_serial_and_the_progress_box_is_gone(
        qtbot, desk, monkeypatch):
    page = _page(qtbot, desk, OVER)
    name = next(r.learner_name for r in page.rows if r.eligible)
    _answer_output(monkeypatch, Output.PRINT)
    boxes: list[list[QProgressDialog]] = []

    def preview_then_cancel(parent, path, *, confirm, **kwargs):  # type: ignore[no-untyped-def]
        assert printing.open_pdf(path).pageCount() == 1  # the preview shows the certificate
        qtbot.wait(500)  # past the box's minimum duration: it must not come back
        boxes.append([w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QProgressDialog) and w.isVisible()])
        return False  # the preview was closed without printing

    monkeypatch.setattr(printing, "print_pdf", preview_then_cancel)
    _select(page, name)
    _click(qtbot, page.issue_selected_button)
    assert boxes == [[]]
    assert _cell(page, name, SERIAL) == "" and _cell(page, name, STATUS) == "Eligible"
    assert page.banner.text() == "Not printed: no certificate was issued or counted."
    assert _certificates(desk.store) == [] and _spent(desk.store) == 0


def test_printing_confirmed_takes_the_serial_shown_in_the_preview(qtbot, desk, monkeypatch):
    page = _page(qtbot, desk, OVER)
    name = next(r.learner_name for r in page.rows if r.eligible)
    _answer_output(monkeypatch, Output.PRINT)
    seen: list[tuple[int, int]] = []

    def preview_then_print(parent, path, *, confirm, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((len(_certificates(desk.store)), _spent(desk.store)))  # the preview
        final = confirm()  # the print dialog was accepted
        seen.append((len(_certificates(desk.store)), _spent(desk.store)))
        assert printing.open_pdf(final).pageCount() == 1
        return True

    monkeypatch.setattr(printing, "print_pdf", preview_then_print)
    _select(page, name)
    _click(qtbot, page.issue_selected_button)
    assert seen == [(0, 0), (1, 1)]
    assert _cell(page, name, SERIAL) == "SB-2026-0001" and _cell(page, name, PRINTS) == "1"


def test_saving_draws_outside_the_write_transaction(qtbot, desk, monkeypatch, tmp_path: Path):
    import frontdesk.documents.certificate_staging as staging

    page = _page(qtbot, desk, OVER)
    target = tmp_path / "证书.pdf"
    _answer_output(monkeypatch, Output.PDF, target)
    real = staging.render_certificates
    during: list[tuple[int, bool]] = []

    def render(*args, **kwargs):  # type: ignore[no-untyped-def]
        # Another desk can write while the batch is drawn: no write lock is held.
        with desk.store.write() as s:
            s.execute(text("UPDATE setting SET value = value WHERE key = 'school_name'"))
        during.append((_spent(desk.store), target.exists()))
        return real(*args, **kwargs)

    monkeypatch.setattr(staging, "render_certificates", render)
    _click(qtbot, page.issue_all_button)
    assert during == [(0, False)]
    assert target.exists() and _spent(desk.store) == len(_certificates(desk.store)) > 0


def test_a_quick_batch_leaves_no_progress_box_to_come_back(qtbot):
    """The box's own timer must not show it again over what opens next (the preview)."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QWidget

    from ui.kit.worker import run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def work(report):  # type: ignore[no-untyped-def]
        report(0, 2)
        time.sleep(0.05)
        report(2, 2)
        return "done"

    seen: list[list[QProgressDialog]] = []

    def from_a_button() -> None:  # as a click does, inside the running event loop
        assert run_with_progress(parent, "正在制作证书…", "取消", work).result == "done"
        preview = QEventLoop()  # the preview's own loop, open twice the box's minimum time
        QTimer.singleShot(600, preview.quit)
        preview.exec()
        seen.append([w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QProgressDialog) and w.isVisible()])

    QTimer.singleShot(0, from_a_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [[]]


def test_print_pdf_confirms_only_when_printing_is_accepted(qtbot, tmp_path, monkeypatch):
    import datetime as dt

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QDialog

    from frontdesk.documents.certificate import render_certificates, sample_content

    draft, final, out = tmp_path / "draft.pdf", tmp_path / "final.pdf", tmp_path / "paper.pdf"
    render_certificates(draft, [sample_content(dt.date(2026, 12, d)) for d in (1, 2)])
    render_certificates(final, [sample_content(dt.date(2026, 12, 3))])
    answer = {"accept": False}
    confirmed: list[int] = []

    def confirm() -> Path:
        confirmed.append(1)
        return final

    class Preview(QPrintPreviewDialog):
        def exec(self):  # type: ignore[no-untyped-def]
            if not answer["accept"]:
                return QDialog.DialogCode.Rejected  # closed without printing
            self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer().setOutputFileName(str(out))
            self.paintRequested.emit(self.printer())
            return QDialog.DialogCode.Accepted

    class Chooser(QPrintDialog):
        def exec(self):  # type: ignore[no-untyped-def]
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(printing, "QPrintPreviewDialog", Preview)
    monkeypatch.setattr(printing, "QPrintDialog", Chooser)
    assert not printing.print_pdf(None, draft, preview=True, confirm=confirm)
    assert not printing.print_pdf(None, draft, preview=False, confirm=confirm)
    assert confirmed == [] and not out.exists()
    answer["accept"] = True
    assert printing.print_pdf(None, draft, preview=True, confirm=confirm)
    assert confirmed == [1] and printing.open_pdf(out).pageCount() == 1  # what was confirmed


def test_the_real_preview_paints_the_draft_and_confirms_nothing(qtbot, tmp_path):
    import datetime as dt

    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from frontdesk.documents.certificate import render_certificates, sample_content

    draft = tmp_path / "draft.pdf"
    render_certificates(draft, [sample_content(dt.date(2026, 12, 1))])
    document = printing.open_pdf(draft)
    confirmed: list[int] = []
    painter = printing._PagePainter(document, lambda: confirmed.append(1) or draft)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # outlives the dialog
    dialog = QPrintPreviewDialog(printer)
    dialog.paintRequested.connect(painter.on_preview_paint_requested)
    with qtbot.waitSignal(dialog.paintRequested):
        dialog.show()
    dialog.close()
    dialog.deleteLater()
    qtbot.wait(10)
    assert confirmed == [] and painter.error is None
    document.close()
    del printer
