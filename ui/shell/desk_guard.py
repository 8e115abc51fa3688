"""Who works the desk, for the main window: sign-in, shift changes, the idle lock.

The guard owns the File menu's staff actions, the staff line of the status
bar and the lock screen, which it puts over the whole window (the window's
body and the lock screen share one stack, so the pages underneath are
hidden, not merely covered). While locked, card scans go to the check-in
page's own ``submit`` when this desk allows it, so a scan while locked is
exactly a scan at the desk; only the answer is shown on the lock screen.

The desk's own preferences live in QSettings (they belong to this
computer, not to the school): ``desk/lock_minutes`` (idle minutes before
the lock, 0 = never; default 10) and ``desk/scan_while_locked`` (default on).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QStackedWidget,
)

from frontdesk.checkin.routing import ScanKind, route
from frontdesk.errors import DomainError
from frontdesk.staff import actions as staff_actions
from frontdesk.staff.accounts import SignedIn
from frontdesk.store.engine import StoreError
from frontdesk.vocab import CheckInMethod
from ui.kit.context import DeskContext
from ui.kit.desk_preferences import lock_minutes, scan_while_locked
from ui.kit.icons import icon
from ui.shell.sign_in import ChangePasswordDialog, FirstAdminDialog, LockScreen, role_text

if TYPE_CHECKING:
    from ui.checkin.page import CheckInPage

LONGEST_WAIT_MS = 60_000  # a changed setting is noticed within a minute


_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
})


class IdleWatch(QObject):
    """Emits ``idle`` after the desk's idle minutes without a key, click or move.

    Input only notes the time (it arrives by the hundred a second); the
    timer then wakes at most once a minute to compare, and re-reads the
    setting each time, so a changed setting applies without a restart.
    """

    idle = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._last = time.monotonic()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.on_timer_timeout)
        self.armed = False

    def arm(self) -> None:
        self.armed = True
        self._last = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._wait()

    def disarm(self) -> None:
        self.armed = False
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _wait(self) -> None:
        minutes = lock_minutes()
        if minutes <= 0:
            self._timer.start(LONGEST_WAIT_MS)  # off for now: look again later
            return
        left_ms = minutes * 60_000 - (time.monotonic() - self._last) * 1000
        self._timer.start(max(1, min(int(left_ms), LONGEST_WAIT_MS)))

    @Slot()
    def on_timer_timeout(self) -> None:
        if not self.armed:
            return
        minutes = lock_minutes()
        if minutes > 0 and time.monotonic() - self._last >= minutes * 60:
            self.idle.emit()
        else:
            self._wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last = time.monotonic()
        return False


class DeskGuard(QObject):
    """Sign-in state of one main window; see the module notes.

    The window says where its check-in page is (``checkin_page``) and hears
    ``staff_changed`` (someone else works the desk: build the pages again)
    and ``came_back`` (the same person unlocked: refresh the page shown).
    """

    staff_changed = Signal()
    came_back = Signal()

    def __init__(self, window: QMainWindow, context: DeskContext,
                 checkin_page: Callable[[], CheckInPage | None]) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.checkin_page = checkin_page
        self.locked = False
        self._init_actions()
        self._init_lock()
        self.staff_label = QLabel()
        self.staff_label.setObjectName("staff_label")
        window.statusBar().addWidget(self.staff_label)
        self.idle = IdleWatch(self)
        self.idle.idle.connect(self.lock)
        self.update_state()

    def _init_actions(self) -> None:
        def action(name: str, slot: object) -> QAction:
            a = QAction(self.window)
            a.setObjectName(name)
            a.triggered.connect(slot)
            return a

        self.first_admin_action = action("first_admin", self.on_first_admin_triggered)
        self.switch_action = action("switch_staff", self.on_switch_triggered)
        self.lock_action = action("lock_now", self.lock)
        self.lock_action.setIcon(icon("lock"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.password_action = action("change_password", self.on_password_triggered)

    def add_to_menu(self, menu: QMenu) -> None:
        """Put the staff actions at the top of ``menu`` (the File menu)."""
        staff = [self.first_admin_action, self.switch_action, self.lock_action,
                 self.password_action]
        if not menu.actions():
            menu.addActions(staff)
            menu.addSeparator()
            return
        first = menu.actions()[0]
        menu.insertActions(first, staff)
        menu.insertSeparator(first)

    def _init_lock(self) -> None:
        self.lock_screen = LockScreen(self.context)
        self.lock_screen.signed_in.connect(self.on_lock_screen_signed_in)
        self.lock_screen.someone_else.connect(self.on_switch_triggered)
        self.lock_screen.scanned.connect(self.on_lock_screen_scanned)
        self.shell = QStackedWidget()
        self.shell.setObjectName("shell")
        body = self.window.takeCentralWidget()
        assert body is not None, "the window builds its body first"
        self.body = body
        self.shell.addWidget(self.body)
        self.shell.addWidget(self.lock_screen)
        self.window.setCentralWidget(self.shell)

    def retranslate_ui(self) -> None:
        self.first_admin_action.setText(self.tr("Create the first &administrator…"))
        self.switch_action.setText(self.tr("S&witch staff…"))
        self.lock_action.setText(self.tr("&Lock now"))
        self.password_action.setText(self.tr("Change my &password…"))
        ctx = self.context
        if ctx.signed_in:
            text = self.tr("Signed in: {name} ({role})").format(
                name=ctx.staff_name, role=role_text(ctx.role))
        elif ctx.requires_sign_in:
            text = self.tr("Nobody signed in")
        else:
            text = self.tr("No staff accounts yet: everyone may do everything")
        self.staff_label.setText(text)

    def update_state(self) -> None:
        """Show the actions that make sense now, and arm the idle lock when someone is in."""
        ctx = self.context
        self.first_admin_action.setVisible(not ctx.requires_sign_in)
        for action in (self.switch_action, self.lock_action, self.password_action):
            action.setVisible(ctx.signed_in)
        if ctx.signed_in and not self.locked:
            self.idle.arm()
        else:
            self.idle.disarm()
        self.retranslate_ui()

    # -- locking ---------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Cover the window until the signed-in staff member types their password."""
        if not self.context.signed_in:
            return
        self._show_lock("locked")

    def _show_lock(self, mode: str) -> None:
        self.locked = True
        self.idle.disarm()
        _close_dialogs()
        self.lock_screen.show_mode(mode, scans=scan_while_locked())
        self.shell.setCurrentWidget(self.lock_screen)
        self.window.menuBar().setEnabled(False)
        self.lock_screen.focus()
        self.retranslate_ui()

    def _unlock(self) -> None:
        self.locked = False
        self.window.menuBar().setEnabled(True)
        self.shell.setCurrentWidget(self.body)
        self.update_state()

    @Slot(object)
    def on_lock_screen_signed_in(self, who: SignedIn) -> None:
        ctx = self.context
        same = who.staff_id == ctx.staff_id and who.role is ctx.role
        ctx.sign_in_as(who)
        self._unlock()
        if same:  # back from a lock: refresh what other desks did meanwhile
            self.came_back.emit()
        else:  # someone else: pages are built again for their role
            self.staff_changed.emit()

    @Slot()
    def on_switch_triggered(self) -> None:
        """A shift change: the one at the desk signs out; the next one signs in."""
        self.sign_out()
        self._show_lock("signed_out")

    def sign_out(self) -> None:
        ctx = self.context
        if not ctx.signed_in:
            return
        # Leaving must work even when the store is gone; only the record is lost then.
        with contextlib.suppress(DomainError, StoreError):
            ctx.act(staff_actions.sign_out, ctx.now())
        ctx.sign_out()
        self.update_state()

    # -- scans while locked ------------------------------------------------------

    @Slot(str)
    def on_lock_screen_scanned(self, text: str) -> None:
        if not scan_while_locked():
            return
        if route(text) is ScanKind.LOOKUP:
            self.lock_screen.show_answer("info", self.tr("The desk is locked"), self.tr(
                "Only learner cards are answered while the desk is locked."))
            return
        page = self.checkin_page()
        if page is None:
            return
        page.submit(text, CheckInMethod.SCANNER)
        answer = page.outcome
        headline = answer.headline.text()
        result = page.last_result
        if answer.kind == "fee_due" and result is not None:
            # What a learner owes is not for everyone at the counter to read.
            headline = self.tr("{name}: checked in").format(name=result.learner_name)
            self.lock_screen.show_answer(answer.kind, headline, self.tr(
                "Please see the desk about the fees when it is free."))
            return
        self.lock_screen.show_answer(answer.kind, headline, answer.detail.text())

    # -- the other actions -------------------------------------------------------

    @Slot()
    def on_first_admin_triggered(self) -> None:
        who = FirstAdminDialog.ask(self.window, self.context)
        if who is not None:
            self.context.sign_in_as(who)
            self.staff_changed.emit()
            self.update_state()

    @Slot()
    def on_password_triggered(self) -> None:
        if ChangePasswordDialog.ask(self.window, self.context):
            self.window.statusBar().showMessage(self.tr("Your password is changed."), 8000)

    def shutdown(self) -> None:
        """The window is closing: whoever was signed in leaves the desk."""
        self.idle.disarm()
        self.sign_out()


def _close_dialogs() -> None:
    """Cancel open dialogs (they may show a learner's details) before locking.

    A progress dialog is long work under way: it stays, and the lock shows
    when the work is done with it.
    """
    for _ in range(8):  # dialogs opened from dialogs; never loop forever
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or isinstance(dialog, QProgressDialog):
            return
        dialog.reject()
