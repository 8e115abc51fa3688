"""The certificate design dialog: layout, the school's own words, seal and
signatures, with a live preview of a made-up certificate beside them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.design import (
    CertificateDesign,
    CertificateStyle,
    CertificateTexts,
    validate_design,
)
from frontdesk.errors import DomainError
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog

PREVIEW_WIDTH = 560
PREVIEW_DELAY_MS = 250  # after the last keystroke
# The text pairs in the order they stand on the paper.
PAIRS = ("title", "intro", "body", "dates", "issued", "serial", "verify", "signature_1",
         "signature_2")


def choose_image(parent: QWidget, title: str) -> str | None:
    """Ask for a picture file; None when cancelled. A seam tests replace."""
    kinds = QCoreApplication.translate("CertificateDesign", "Images (*.png *.jpg *.jpeg)")
    path, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), kinds)
    return path or None


class _ImageRow(QWidget):
    """A thumbnail, Choose… and Remove for one image path."""

    def __init__(self, dialog: CertificateDesignDialog, path: str) -> None:
        super().__init__()
        self.dialog = dialog
        self.path = path
        self.thumb = QLabel()
        self.thumb.setFixedSize(48, 48)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border:1px solid #ccc; background:white;")
        self.choose = QPushButton()
        self.choose.clicked.connect(self.on_choose_clicked)
        self.remove = QPushButton()
        self.remove.clicked.connect(self.on_remove_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumb)
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.title = ""
        self._show()

    def _show(self) -> None:
        pixmap = QPixmap(self.path) if self.path else QPixmap()
        self.thumb.setPixmap(pixmap.scaled(46, 46, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
                             if not pixmap.isNull() else QPixmap())
        self.thumb.setText("" if not pixmap.isNull() else ("—" if not self.path else "?"))
        self.remove.setEnabled(bool(self.path))

    @Slot()
    def on_choose_clicked(self) -> None:
        path = choose_image(self, self.title)
        if path:
            self.path = path
            self._show()
            self.dialog.schedule_preview()

    @Slot()
    def on_remove_clicked(self) -> None:
        self.path = ""
        self._show()
        self.dialog.schedule_preview()


class CertificateDesignDialog(FormDialog[CertificateDesign, CertificateDesign]):
    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        self.context = context
        super().__init__(parent, self._save)
        self.current = context.act(certificate_actions.load_design)
        self.school = context.settings()
        self.preview_error: DomainError | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._init_fields()
        self._init_layout()
        self.retranslate_ui()
        self.update_preview()

    # -- building ----------------------------------------------------------------

    def _init_fields(self) -> None:
        self.layout_box = QComboBox()
        self.layout_box.addItem("", "classic")
        self.layout_box.addItem("", "modern")
        self.layout_box.setCurrentIndex(max(self.layout_box.findData(self.current.layout), 0))
        self.layout_box.currentIndexChanged.connect(self.on_layout_box_current_index_changed)
        self.text_edits: dict[str, QLineEdit] = {}
        texts = self.current.texts
        for pair in PAIRS:
            for lang in ("zh", "en"):
                edit = QLineEdit(getattr(texts, f"{pair}_{lang}"))
                edit.setCursorPosition(0)  # show a long text's beginning
                edit.setObjectName(f"{pair}_{lang}")
                edit.textEdited.connect(self.on_text_edited)
                self.text_edits[f"{pair}_{lang}"] = edit
        self.seal_row = _ImageRow(self, self.current.seal_path)
        self.signature_rows = [_ImageRow(self, p) for p in self.current.signature_paths]
        self.defaults_button = QPushButton()
        self.defaults_button.clicked.connect(self.on_defaults_clicked)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555;")
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setFixedSize(PREVIEW_WIDTH, round(PREVIEW_WIDTH * 595.28 / 841.89))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border:1px solid #bbb; background:#f4f4f4;")

    def _init_layout(self) -> None:
        grid = QGridLayout()
        self.pair_labels: dict[str, QLabel] = {}
        self.head_zh, self.head_en = QLabel(), QLabel()
        self.layout_label = QLabel()
        grid.addWidget(self.layout_label, 0, 0)
        grid.addWidget(self.layout_box, 0, 1)
        grid.addWidget(self.defaults_button, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.head_zh, 1, 1)
        grid.addWidget(self.head_en, 1, 2)
        for row, pair in enumerate(PAIRS, start=2):
            self.pair_labels[pair] = QLabel()
            grid.addWidget(self.pair_labels[pair], row, 0)
            grid.addWidget(self.text_edits[f"{pair}_zh"], row, 1)
            grid.addWidget(self.text_edits[f"{pair}_en"], row, 2)
        row = 2 + len(PAIRS)
        grid.addWidget(self.hint, row, 0, 1, 3)
        self.image_labels = [QLabel(), QLabel(), QLabel()]
        for offset, (label, widget) in enumerate(
                zip(self.image_labels, [self.seal_row, *self.signature_rows], strict=True)):
            grid.addWidget(label, row + 1 + offset, 0)
            grid.addWidget(widget, row + 1 + offset, 1, 1, 2)
        grid.setColumnMinimumWidth(1, 200)
        grid.setColumnMinimumWidth(2, 240)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        fields = QWidget()
        fields.setLayout(grid)
        columns.addWidget(fields, 1)
        columns.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(body)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Certificate design"))
        self.layout_label.setText(self.tr("Layout"))
        self.layout_box.setItemText(0, self.tr("Classic (centred, red and gold)"))
        self.layout_box.setItemText(1, self.tr("Modern (left-aligned, blue band)"))
        self.defaults_button.setText(self.tr("Restore the standard texts"))
        self.head_zh.setText(self.tr("Chinese"))
        self.head_en.setText(self.tr("English (printed below)"))
        names = (self.tr("Title"), self.tr("Before the name"), self.tr("Course line"),
                 self.tr("Dates line"), self.tr("Date of issue label"), self.tr("Serial label"),
                 self.tr("Under the QR code"), self.tr("Signature 1"), self.tr("Signature 2"))
        for pair, name in zip(PAIRS, names, strict=True):
            self.pair_labels[pair].setText(name)
        self.hint.setText(self.tr(
            "In the course and dates lines, {course}, {hours}, {start}, {end} and {instructor} "
            "are filled in for each course. The school's name and logo come from the school "
            "settings."))
        titles = (self.tr("Seal image"), self.tr("Signature 1 image"),
                  self.tr("Signature 2 image"))
        for label, image_row, title in zip(
                self.image_labels, [self.seal_row, *self.signature_rows], titles, strict=True):
            label.setText(title)
            image_row.title = title
            image_row.choose.setText(self.tr("Choose…"))
            image_row.remove.setText(self.tr("Remove"))

    # -- the design and its preview ----------------------------------------------------

    def value(self) -> CertificateDesign:
        texts = CertificateTexts(**{name: edit.text().strip()
                                    for name, edit in self.text_edits.items()})
        return CertificateDesign(
            layout=str(self.layout_box.currentData()), texts=texts,
            seal_path=self.seal_row.path,
            signature_paths=(self.signature_rows[0].path, self.signature_rows[1].path))

    def certificate_style(self) -> CertificateStyle:
        s = self.school
        return CertificateStyle(self.value(), s.name, s.name_en, s.logo_path)

    def schedule_preview(self) -> None:
        self._timer.start()

    def update_preview(self) -> bool:
        """Draw the sample certificate with the current fields; False when they are refused."""
        from frontdesk.documents.certificate import render_certificate_bytes, sample_content
        from ui.kit.printing import PdfModuleMissing, page_image

        self._timer.stop()
        style = self.certificate_style()
        try:
            validate_design(style.design)
            today = self.context.now().astimezone(self.school.tz()).date()
            pdf = render_certificate_bytes(sample_content(today), style)
        except DomainError as error:
            self.preview_error = error
            self.show_error(error)
            return False
        self.preview_error = None
        self.error_label.hide()
        try:
            image = page_image(pdf, self.preview.width() - 2)
        except PdfModuleMissing as missing:  # the design can still be saved
            self.preview.setWordWrap(True)
            self.preview.setText(str(missing))
            return True
        self.preview.setPixmap(QPixmap.fromImage(image))
        return True

    def _save(self, design: CertificateDesign) -> CertificateDesign:
        ctx = self.context
        ctx.act(certificate_actions.save_design, design, ctx.now())
        return design

    # -- slots ---------------------------------------------------------------------------

    @Slot()
    def on_timer_timeout(self) -> None:
        self.update_preview()

    @Slot(str)
    def on_text_edited(self, _text: str) -> None:
        self.schedule_preview()

    @Slot(int)
    def on_layout_box_current_index_changed(self, _index: int) -> None:
        self.update_preview()

    @Slot()
    def on_defaults_clicked(self) -> None:
        defaults = dataclasses.asdict(CertificateTexts())
        for name, edit in self.text_edits.items():
            edit.setText(defaults[name])
            edit.setCursorPosition(0)
        self.update_preview()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> CertificateDesign | None:
        dialog = cls(parent, context)
        result: CertificateDesign | None = cls.run(dialog)
        dialog.deleteLater()
        return result
