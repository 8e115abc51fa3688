"""Unlocking the certificate signing key: the passphrase, asked once per signed-in session."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.keys import (
    MIN_PASSPHRASE,
    KeyState,
    Signer,
)
from frontdesk.errors import DomainError
from ui.kit.context import DeskContext
from ui.kit.words import describe

_RETRY = ("signing_key_passphrase_wrong", "signing_key_passphrase_short", "password_mismatch")


class PassphraseDialog(QDialog):
    """The passphrase of the signing key; a new one is typed twice."""

    def __init__(self, parent: QWidget | None, new: bool, problem: str = "") -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("Certificate signing key"))
        self.explain = QLabel(self.tr(
            "Choose a passphrase for the school's certificate signing key (at least {min} "
            "characters). Keep it safe: without it no certificate can be issued on this "
            "computer.").format(min=MIN_PASSPHRASE) if new else self.tr(
            "The passphrase of the school's certificate signing key:"))
        self.explain.setWordWrap(True)
        self.problem = QLabel(problem)
        self.problem.setObjectName("passphrase_problem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setVisible(bool(problem))
        self.first, self.second = QLineEdit(), QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.first)
        if new:
            form.addRow(self.tr("Again"), self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def passphrase(self) -> str:
        if self.new and self.first.text() != self.second.text():
            raise DomainError("password_mismatch")
        return self.first.text()

    @classmethod
    def ask(cls, parent: QWidget | None, new: bool, problem: str = "") -> str | None:
        """The passphrase typed, or None when cancelled. The seam tests replace.

        Raises DomainError("password_mismatch") when a new one was typed
        differently twice."""
        dialog = cls(parent, new, problem)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        try:
            return dialog.passphrase() if accepted else None
        finally:
            dialog.deleteLater()


def obtain_signer(parent: QWidget | None, context: DeskContext) -> Signer | None:
    """The unlocked signing key: kept for the session, asked for when first needed.

    None when the person cancels. Raises DomainError when this computer does
    not hold the key (certificates can still be verified here).
    """
    held = context.signer
    if held is not None and held.key_id == context.act(certificate_actions.active_key_id):
        return held
    state = context.act(certificate_actions.key_state)
    if state is KeyState.ELSEWHERE:
        context.act(certificate_actions.unlock_key, "", context.now())  # refuses, naming the key
    problem = ""
    while True:
        try:
            passphrase = PassphraseDialog.ask(
                parent, state in (KeyState.NONE, KeyState.UNPROTECTED), problem)
            if passphrase is None:
                return None
            signer = context.act(certificate_actions.unlock_key, passphrase, context.now())
        except DomainError as error:
            if error.code not in _RETRY:
                raise
            problem = describe(error)
            continue
        context.signer = signer
        return signer
