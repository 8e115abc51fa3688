"""Checking a certificate at the certificates page: scan or paste its code.

The field is the check-in page's ScanField (input method off, Enter, Tab or
a scanner's pause ends a code); the answer shows in a coloured box with the
same words as the check-in page (``verification_words``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.verification import Verification
from frontdesk.checkin.routing import ScanKind, route
from ui.certificates.check import verification_words
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.outcome_panel import LOOKS
from ui.kit.scan_field import ScanField


class VerifyBox(QWidget):
    """A scan field and the verdict on the last code scanned into it."""

    verified = Signal(object)  # the Verification, or None for a code that is no certificate

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.last: Verification | None = None
        self.kind = "idle"
        self.label = QLabel()
        self.field = ScanField()
        self.field.setObjectName("verify_field")
        self.field.setMinimumHeight(36)
        font = self.field.font()
        font.setPointSize(max(12, self.font().pointSize() + 2))
        self.field.setFont(font)
        self.field.scanned.connect(self.on_field_scanned)
        self.verdict = QFrame()
        self.verdict.setObjectName("verdict")
        self.headline = QLabel()
        self.headline.setObjectName("verdict_headline")
        self.detail = QLabel()
        self.detail.setObjectName("verdict_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QVBoxLayout(self.verdict)
        inner.setContentsMargins(12, 6, 12, 6)
        inner.addWidget(self.headline)
        inner.addWidget(self.detail)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.field, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        self._paint("idle", "", "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("Check a certificate:"))
        self.field.setPlaceholderText(self.tr("Scan the QR code on a certificate, or paste its "
                                              "code, and press Enter"))
        if self.kind == "idle":
            self.headline.setText(self.tr("Genuine, revoked or forged? Scan to find out."))

    def _paint(self, kind: str, headline: str, detail: str) -> None:
        self.kind = kind
        look = LOOKS[kind]
        self.verdict.setStyleSheet(
            f"QFrame#verdict {{ background:{look.background}; border-radius:6px; }}"
            f"QLabel {{ color:{look.foreground}; background:transparent; }}"
            "QLabel#verdict_headline { font-size:18px; font-weight:bold; }")
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def check(self, text: str) -> Verification | None:
        """Verify ``text`` and show the verdict (also what a scan does)."""
        if route(text) is not ScanKind.CERTIFICATE:
            self.last = None
            self._paint("refused", self.tr("Not a certificate code"),
                        self.tr("This is not the QR code of a FrontDesk certificate (a learner "
                                "card is checked in on the check-in page)."))
            self.verified.emit(None)
            return None
        result = self.context.act(certificate_actions.verify, text)
        self.last = result
        look, headline, detail = verification_words(result)
        self._paint(look, headline, detail)
        self.verified.emit(result)
        return result

    @Slot(str, str)
    def on_field_scanned(self, text: str, _how: str) -> None:
        self.check(text)


def export_public_key(parent: QWidget, context: DeskContext) -> Path | None:
    """Ask where, then save the school's public key (.pem); None when cancelled.

    Raises OSError when the file cannot be written.
    """

    path = printing.choose_save_path(
        parent, QCoreApplication.translate("CertificateVerify", "Export the public key"),
        "certificate-public-key.pem",
        QCoreApplication.translate("CertificateVerify", "Public keys (*.pem)"), ".pem")
    if path is None:
        return None
    pem = context.act(certificate_actions.public_key_pem)
    path.write_text(pem, encoding="ascii")
    return path
