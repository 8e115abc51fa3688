"""The verification page on the certificates page: when it was exported, and exporting it.

A row under the tool buttons (an admin's: the domain refuses other roles)
says when the school's verification page was last exported, and turns into
a reminder when a certificate was revoked since, because phones reading the
published page would still see that certificate as genuine.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.publish import ExportResult, PageStatus
from frontdesk.errors import DomainError
from ui.certificates.batch import choose_folder
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.words import describe


class PublishRow(QWidget):
    """The page's state in one line, and its export button."""

    exported = Signal(str)  # what to tell the user (the page shows it in its banner)
    failed = Signal(str)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.status: PageStatus | None = None
        self.label = QLabel()
        self.label.setObjectName("verification_page_status")
        self.label.setWordWrap(True)
        self.button = QPushButton(icon("export"), "")
        self.button.setObjectName("export_verification_page")
        self.button.clicked.connect(self.on_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("Export verification page…"))
        self.button.setToolTip(self.tr(
            "Write the page that lets an employer check a certificate with a phone, to upload "
            "to the school's verification address."))
        self._show()

    def refresh(self) -> None:
        self.status = self.context.act(certificate_actions.page_status)
        self._show()

    def _show(self) -> None:
        status = self.status
        if status is None:
            return
        if status.exported_at is None:
            text = self.tr("Verification page: never exported.")
        else:
            when = status.exported_at.astimezone(self.context.settings().tz())
            text = self.tr("Verification page last exported {when}.").format(
                when=when.strftime("%Y-%m-%d %H:%M"))
        if status.revoked_since:
            text += " " + self.tr(
                "{n} certificate(s) revoked since: export the page again and upload it, or "
                "phones will still read them as genuine.").format(n=status.revoked_since)
        elif status.needs_export:
            text += " " + self.tr("A verification address is set: export the page and upload "
                                  "it there.")
        colour = "#B26A00" if status.needs_export else "#555555"
        self.label.setStyleSheet(f"QLabel {{ color:{colour}; }}")
        self.label.setText(text)

    def export_to(self, folder: Path) -> ExportResult | None:
        """Export into ``folder``; a refusal is reported through ``failed``."""
        ctx = self.context
        try:
            result = ctx.act(certificate_actions.export_page, folder, ctx.now())
        except DomainError as error:
            self.failed.emit(describe(error))
            return None
        finally:
            self.refresh()
        self.exported.emit(self.tr(
            "Verification page written to {path}. Upload everything in that folder to the "
            "school's verification address.").format(path=result.folder))
        return result

    @Slot()
    def on_button_clicked(self) -> None:
        folder = choose_folder(self, self.tr("Folder for the verification page"))
        if folder is not None:
            self.export_to(folder)
