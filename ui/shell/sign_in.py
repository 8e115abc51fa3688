"""Signing in: the sign-in box, the first administrator, one's own password, the lock screen.

Every sign-in, good or bad, is one domain call that commits its audit event
(a failed attempt is kept although the user is refused), then the refusal is
shown under the fields. The lock screen covers the whole window; while it is
up the desk can still answer card scans when the desk is set to allow it,
but nothing else: no look-up by name, no buttons of the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.staff import accounts as staff_domain
from frontdesk.staff import actions as staff_actions
from frontdesk.staff.accounts import SignedIn
from frontdesk.vocab import StaffRole
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.kit.icons import icon
from ui.kit.outcome_panel import OutcomePanel
from ui.kit.scan_field import ScanField
from ui.kit.words import describe

ERROR_STYLE = "color: #c0392b; font-weight: bold;"


def role_text(role: StaffRole | None) -> str:
    """A role in the desk's words."""
    if role is None:
        return QCoreApplication.translate("Staff", "no accounts")
    return {
        StaffRole.DESK: QCoreApplication.translate("Staff", "Desk"),
        StaffRole.CASHIER: QCoreApplication.translate("Staff", "Cashier"),
        StaffRole.ADMIN: QCoreApplication.translate("Staff", "Administrator"),
    }[role]


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(staff_domain.MAX_PASSWORD)
    return edit


def same_password(first: QLineEdit, second: QLineEdit) -> str:
    """The new password typed twice; refuses two that differ."""
    if first.text() != second.text():
        raise DomainError("password_mismatch")
    return first.text()


class SignInForm(QWidget):
    """User name, password and a button; emits ``signed_in`` after a good sign-in."""

    signed_in = Signal(object)  # SignedIn

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_edit.setMaxLength(staff_domain.MAX_USERNAME)
        self.password_edit = password_edit()
        self.password_edit.setObjectName("password")
        # Enter in the user name goes on to the password, and no further: the
        # dialog's default button would otherwise try a sign-in with no password.
        self.username_edit.installEventFilter(self)
        self.password_edit.returnPressed.connect(self.on_sign_in_button_clicked)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.on_sign_in_button_clicked)
        self.form = QFormLayout()
        self.username_label, self.password_label = QLabel(), QLabel()
        self.form.addRow(self.username_label, self.username_edit)
        self.form.addRow(self.password_label, self.password_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate_ui()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.username_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.password_edit.setFocus()
            return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.username_label.setText(self.tr("User name:"))
        self.password_label.setText(self.tr("Password:"))
        self.sign_in_button.setText(self.tr("Sign in"))

    def fix_user(self, username: str | None) -> None:
        """Lock the user name to ``username`` (unlocking), or let any be typed (None)."""
        self.username_edit.setText(username or "")
        self.username_edit.setReadOnly(username is not None)
        self.clear()

    def clear(self) -> None:
        self.password_edit.clear()
        self.error_label.hide()

    def focus(self) -> None:
        empty = not self.username_edit.text() and not self.username_edit.isReadOnly()
        (self.username_edit if empty else self.password_edit).setFocus()

    @Slot()
    def on_sign_in_button_clicked(self) -> None:
        ctx = self.context
        # Nobody acts yet: signing in is the one job before an actor exists.
        attempt = staff_actions.sign_in(ctx.store, self.username_edit.text(),
                                        self.password_edit.text(), ctx.desk, ctx.now())
        self.password_edit.clear()
        try:
            who = attempt.result()
        except DomainError as error:
            self.error_label.setText(describe(error))
            self.error_label.show()
            self.password_edit.setFocus()
            return
        self.error_label.hide()
        self.signed_in.emit(who)


class SignInDialog(QDialog):
    """Who is at the desk? Asked at start when the school has staff accounts."""

    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        super().__init__(parent)
        self.result_value: SignedIn | None = None
        self.setWindowIcon(icon("frontdesk"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form = SignInForm(context, self)
        self.form.signed_in.connect(self.on_form_signed_in)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        school = context.settings().name
        self.setWindowTitle(self.tr("Sign in — FrontDesk"))
        self.heading.setText(self.tr("<h3>{school}</h3><p>Desk {desk}: sign in to start.</p>")
                             .format(school=school, desk=context.desk))
        self.form.focus()

    @Slot(object)
    def on_form_signed_in(self, who: SignedIn) -> None:
        self.result_value = who
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> SignedIn | None:
        dialog = cls(parent, context)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


def sign_in_at_start(context: DeskContext) -> bool:
    """Ask who is at the desk when the school has staff accounts; False if they cancel.

    Without accounts the desk works as before sign-in existed (role None).
    """
    if not staff_actions.staff_exist(context.store):
        return True
    context.requires_sign_in = True
    who = SignInDialog.ask(None, context)
    if who is None:
        return False
    context.sign_in_as(who)
    return True


class FirstAdminDialog(FormDialog[tuple[str, str, str], SignedIn]):
    """The school's first account, an administrator, who is then signed in."""

    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        self.context = context
        super().__init__(parent, self._create)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form.insertRow(0, self.intro)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_edit.setMaxLength(staff_domain.MAX_USERNAME)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("display_name")
        self.password_edit, self.repeat_edit = password_edit(), password_edit()
        self.password_edit.setObjectName("password")
        self.repeat_edit.setObjectName("repeat")
        for widget in (self.username_edit, self.name_edit, self.password_edit, self.repeat_edit):
            self.add_row(widget)
        self.setWindowTitle(self.tr("Create the first administrator"))
        self.intro.setText(self.tr(
            "This school has no staff accounts yet. Create the first administrator: "
            "they can then add accounts for the desk staff. From then on everyone signs in, "
            "and each can do only what their role allows.") + " " + self.tr(
            "A password needs at least {min} characters.").format(min=staff_domain.MIN_PASSWORD))
        self.set_labels(self.tr("User name:"), self.tr("Full name:"), self.tr("Password:"),
                        self.tr("Password again:"))
        self.setMinimumWidth(460)

    def value(self) -> tuple[str, str, str]:
        return (self.username_edit.text(), self.name_edit.text(),
                same_password(self.password_edit, self.repeat_edit))

    def _create(self, value: tuple[str, str, str]) -> SignedIn:
        ctx = self.context
        username, name, password = value
        return staff_actions.create_first_admin(ctx.store, username, name, password, ctx.now(),
                                                desk=ctx.desk)

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> SignedIn | None:
        result: SignedIn | None = cls.run(cls(parent, context))
        return result


class ChangePasswordDialog(FormDialog[tuple[str, str], None]):
    """The signed-in staff member changes their own password."""

    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        self.context = context
        super().__init__(parent, self._change)
        self.old_edit = password_edit()
        self.new_edit, self.repeat_edit = password_edit(), password_edit()
        for widget in (self.old_edit, self.new_edit, self.repeat_edit):
            self.add_row(widget)
        self.setWindowTitle(self.tr("Change my password"))
        self.set_labels(self.tr("Current password:"), self.tr("New password:"),
                        self.tr("New password again:"))

    def value(self) -> tuple[str, str]:
        return self.old_edit.text(), same_password(self.new_edit, self.repeat_edit)

    def _change(self, value: tuple[str, str]) -> None:
        ctx = self.context
        ctx.act(staff_actions.change_own_password, value[0], value[1], ctx.now())

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> bool:
        dialog = cls(parent, context)
        return dialog.exec() == QDialog.DialogCode.Accepted


class LockScreen(QWidget):
    """Covers the window: the password of who is signed in (or anyone's, once signed out).

    With ``scans`` on, a scan field answers learner cards as the check-in
    page does (``scanned`` is handled by whoever owns the page) and shows
    the answer here, without its buttons.
    """

    scanned = Signal(str)
    signed_in = Signal(object)  # SignedIn
    someone_else = Signal()

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.context = context
        self.mode = "locked"  # or "signed_out"
        self._init_parts()
        self._init_layout()
        self.retranslate_ui()

    def _init_parts(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("lock_title")
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 10)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.scan_label = QLabel()
        self.scan_field = ScanField()
        self.scan_field.setObjectName("lock_scan_field")
        self.scan_field.scanned.connect(self.on_scan_field_scanned)
        self.outcome = OutcomePanel(None)  # the check-in page plays the sound
        self.outcome.setMinimumHeight(140)
        self.form = SignInForm(self.context, self)
        self.form.signed_in.connect(self.signed_in)
        self.other_button = QPushButton()
        self.other_button.setObjectName("someone_else")
        self.other_button.setFlat(True)
        self.other_button.clicked.connect(self.someone_else)

    def _init_layout(self) -> None:
        self.scan_box = QWidget()
        scan = QVBoxLayout(self.scan_box)
        scan.setContentsMargins(0, 0, 0, 0)
        scan.addWidget(self.scan_label)
        scan.addWidget(self.scan_field)
        scan.addWidget(self.outcome)
        card = QWidget()
        card.setMaximumWidth(720)
        column = QVBoxLayout(card)
        column.addStretch(1)
        heading = QHBoxLayout()
        lock_icon = QLabel()
        lock_icon.setPixmap(icon("lock").pixmap(48, 48))
        heading.addWidget(lock_icon)
        heading.addWidget(self.title, 1)
        lock_icon.setFixedSize(56, 56)
        column.addLayout(heading)
        column.addWidget(self.subtitle)
        column.addSpacing(12)
        column.addWidget(self.form)
        column.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignRight)
        column.addSpacing(24)
        column.addWidget(self.scan_box)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 3)
        outer.addStretch(1)

    def retranslate_ui(self) -> None:
        ctx = self.context
        if self.mode == "locked":
            self.title.setText(self.tr("Locked"))
            self.subtitle.setText(self.tr(
                "{name} is signed in at desk {desk}. Type the password to go on.").format(
                    name=ctx.staff_name, desk=ctx.desk))
        else:
            self.title.setText(self.tr("Nobody is signed in"))
            self.subtitle.setText(self.tr("Desk {desk}: sign in to use FrontDesk.").format(
                desk=ctx.desk))
        self.other_button.setText(self.tr("Someone else: sign in as another person…"))
        self.scan_label.setText(self.tr("Learners can still check in: scan a card here."))
        self.form.retranslate_ui()
        if self.outcome.kind == "idle":
            self.outcome.show_message("idle", self.tr("Ready: scan a learner card"))

    def show_mode(self, mode: str, *, scans: bool) -> None:
        """Show the screen as "locked" (this staff member's password) or "signed_out"."""
        self.mode = mode
        self.form.fix_user(self.context.username if mode == "locked" else None)
        self.other_button.setVisible(mode == "locked")
        self.scan_box.setVisible(scans)
        self.outcome.show_message("idle", "")
        self.retranslate_ui()

    def focus(self) -> None:
        # The password, for whoever comes back to the desk: a card scanned meanwhile
        # is taken out of the key stream by the application's scan catcher.
        self.form.focus()

    def show_answer(self, kind: str, headline: str, detail: str) -> None:
        self.outcome.show_message(kind, headline, detail)

    @Slot(str, str)
    def on_scan_field_scanned(self, text: str, _how: str) -> None:
        self.scanned.emit(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
