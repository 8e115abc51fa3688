"""Staff at the desk: the first admin, signing in, roles in the window, shift changes, the lock.

The demo school's clock is Tuesday 19:05 in Shenzhen, with lessons open
from 19:00, so a learner card scanned now checks in.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from frontdesk.checkin.tokens import make_token
from frontdesk.errors import DomainError
from frontdesk.settings import school_secret
from frontdesk.staff import accounts as staff_domain
from frontdesk.staff.accounts import SignedIn
from frontdesk.staff.audit_view import audit_events
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson
from frontdesk.vocab import EnrollmentStatus, FeeTier, StaffRole
from ui.fees.page import FeesPage
from ui.kit.context import DeskContext
from ui.kit.desk_preferences import LOCK_MINUTES_KEY, SCAN_WHILE_LOCKED_KEY
from ui.kit.words import describe
from ui.shell.main_window import MainWindow
from ui.shell.sign_in import FirstAdminDialog, SignInDialog, SignInForm
from ui.staff.audit_page import AuditPage
from ui.staff.page import StaffPage

PASSWORD = "night-school-1"


@pytest.fixture
def desk_prefs():
    """This desk's lock preferences, put back as they were after the test."""
    settings = QSettings()
    saved = {key: settings.value(key) for key in (LOCK_MINUTES_KEY, SCAN_WHILE_LOCKED_KEY)}

    def set_prefs(minutes: float, scans: bool) -> None:
        settings.setValue(LOCK_MINUTES_KEY, minutes)
        settings.setValue(SCAN_WHILE_LOCKED_KEY, scans)

    yield set_prefs
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


def _admin(ctx: DeskContext) -> SignedIn:
    return ctx.write(staff_domain.create_first_admin, "boss", "Wang Li", PASSWORD, ctx.now(),
                     desk=ctx.desk)


def _staff(ctx: DeskContext, admin: SignedIn, username: str, name: str,
           role: StaffRole) -> SignedIn:
    ctx.write(staff_domain.add_staff, username, name, role, PASSWORD, admin.actor(ctx.desk),
              ctx.now())
    return ctx.write(staff_domain.sign_in, username, PASSWORD, ctx.desk, ctx.now()).result()


def _sign_in(qtbot, form: SignInForm, username: str | None, password: str) -> None:
    if username is not None:
        form.username_edit.clear()
        qtbot.keyClicks(form.username_edit, username)
    form.password_edit.clear()
    qtbot.keyClicks(form.password_edit, password)
    qtbot.mouseClick(form.sign_in_button, Qt.MouseButton.LeftButton)


def _token_of_someone_in_class(ctx: DeskContext) -> tuple[int, str]:
    """A learner on a free course with a lesson open now, not yet checked in, and their token."""
    now = ctx.now()
    with ctx.store.read() as s:
        here_tonight = (select(Attendance.learner_id)
                        .join(Lesson, Lesson.id == Attendance.lesson_id)
                        .where(Lesson.starts_at <= now, Lesson.ends_at > now))
        row = s.execute(
            select(Learner.id, Learner.code, Learner.card_version)
            .join(Enrollment, Enrollment.learner_id == Learner.id)
            .join(Course, Course.id == Enrollment.course_id)
            .join(Lesson, Lesson.course_id == Course.id)
            .where(Enrollment.status == EnrollmentStatus.ENROLLED,
                   Course.fee_tier == FeeTier.FREE, Lesson.starts_at <= now, Lesson.ends_at > now,
                   Learner.id.not_in(here_tonight))
            .order_by(Learner.id)).first()
        assert row is not None
        return row[0], make_token(school_secret(s), row[1], row[2])


def _tonight_staff(ctx: DeskContext, learner_id: int) -> list[int | None]:
    """Who recorded the learner's check-ins on the lessons open now."""
    now = ctx.now()
    with ctx.store.read() as s:
        return list(s.scalars(
            select(Attendance.staff_id).join(Lesson, Lesson.id == Attendance.lesson_id)
            .where(Attendance.learner_id == learner_id, Attendance.voided_at.is_(None),
                   Lesson.starts_at <= now, Lesson.ends_at > now)))


def _window(qtbot, ctx: DeskContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _row_of(window: MainWindow, page_type: type) -> int:
    return next(r for r, f in enumerate(window.factories) if issubclass(f, page_type))


# -- the first admin and signing in ------------------------------------------------

def test_first_admin_made_in_the_dialog_can_then_sign_in(qtbot, desk):
    dialog = FirstAdminDialog(None, desk)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username_edit, "Boss")
    qtbot.keyClicks(dialog.name_edit, "Wang Li")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD + "x")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == describe(DomainError("password_mismatch"))
    assert not desk.read(staff_domain.staff_exist)

    dialog.repeat_edit.clear()
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    admin = dialog.result_value
    assert admin is not None and admin.role is StaffRole.ADMIN and admin.username == "boss"

    signin = SignInDialog(None, desk)
    qtbot.addWidget(signin)
    _sign_in(qtbot, signin.form, "boss", PASSWORD)
    assert signin.result_value == admin


def test_a_wrong_password_is_told_and_kept_in_the_audit_trail(qtbot, desk):
    _admin(desk)
    signin = SignInDialog(None, desk)
    qtbot.addWidget(signin)
    _sign_in(qtbot, signin.form, "boss", "not-the-password")
    assert signin.result_value is None
    assert signin.form.error_label.text() == describe(DomainError("wrong_password"))
    assert signin.form.password_edit.text() == ""
    failed = desk.read(audit_events, action_prefix="staff.sign_in_failed")
    assert [(e.after or {}).get("username") for e in failed] == ["boss"]
    assert failed[0].desk == desk.desk


def test_five_wrong_passwords_lock_the_account(qtbot, desk):
    _admin(desk)
    form = SignInForm(desk)
    qtbot.addWidget(form)
    signed: list[SignedIn] = []
    form.signed_in.connect(signed.append)
    for _ in range(5):
        _sign_in(qtbot, form, "boss", "wrong-password")
    _sign_in(qtbot, form, "boss", PASSWORD)  # right, but too late
    assert signed == []
    # 19:05 in Shenzhen + 15 minutes
    assert "19:20" in form.error_label.text()
    assert form.error_label.text() == describe(
        DomainError("account_locked", until_time="19:20"))


# -- roles in the window ---------------------------------------------------------------

def test_a_desk_account_sees_no_staff_or_audit_page_and_no_refund(qtbot, desk):
    admin = _admin(desk)
    clerk = _staff(desk, admin, "clerk", "Li Na", StaffRole.DESK)
    desk.sign_in_as(clerk)
    window = _window(qtbot, desk)
    for page_type in (StaffPage, AuditPage):
        assert window.nav.item(_row_of(window, page_type)).isHidden()
    assert not window.settings_action.isVisible()
    fees = window.show_page(FeesPage)
    assert isinstance(fees, FeesPage)
    panel = fees.learner_panel
    assert not panel.refund_button.isVisible() and not panel.waive_button.isVisible()
    assert panel.pay_button.isVisibleTo(window)

    # An admin at the same desk sees all of it.
    desk.sign_in_as(admin)
    window.staff_changed()
    for page_type in (StaffPage, AuditPage):
        assert not window.nav.item(_row_of(window, page_type)).isHidden()
    fees = window.show_page(FeesPage)
    assert isinstance(fees, FeesPage)
    assert fees.learner_panel.refund_button.isVisible()


def test_without_accounts_the_file_menu_offers_the_first_admin(qtbot, desk, monkeypatch):
    window = _window(qtbot, desk)
    guard = window.guard
    assert guard.first_admin_action.isVisible() and not guard.switch_action.isVisible()
    assert guard.staff_label.text() == guard.tr(
        "No staff accounts yet: everyone may do everything")
    admin = _admin(desk)
    monkeypatch.setattr(FirstAdminDialog, "ask", classmethod(lambda cls, *a: admin))
    guard.first_admin_action.trigger()
    assert desk.actor.staff_id == admin.staff_id and desk.actor.role is StaffRole.ADMIN
    assert not guard.first_admin_action.isVisible() and guard.switch_action.isVisible()
    assert "Wang Li" in guard.staff_label.text()


# -- shift change ------------------------------------------------------------------------

def test_switching_staff_changes_the_status_bar_and_who_checks_in(qtbot, desk):
    admin = _admin(desk)
    _staff(desk, admin, "cash", "Zhao Min", StaffRole.CASHIER)
    desk.sign_in_as(admin)
    window = _window(qtbot, desk)
    guard = window.guard
    assert "Wang Li" in guard.staff_label.text()

    guard.switch_action.trigger()
    assert guard.shell.currentWidget() is guard.lock_screen
    assert guard.lock_screen.mode == "signed_out"
    assert guard.staff_label.text() == guard.tr("Nobody signed in")
    assert desk.read(audit_events, action_prefix="staff.sign_out")[0].staff_id == admin.staff_id

    _sign_in(qtbot, guard.lock_screen.form, "cash", PASSWORD)
    assert guard.shell.currentWidget() is guard.body
    assert "Zhao Min" in guard.staff_label.text() and "Wang Li" not in guard.staff_label.text()
    assert window.nav.item(_row_of(window, StaffPage)).isHidden()

    learner_id, token = _token_of_someone_in_class(desk)
    checkin = window.checkin_page()
    assert checkin is not None
    qtbot.keyClicks(checkin.scan_field, token)
    qtbot.keyClick(checkin.scan_field, Qt.Key.Key_Return)
    cashier_id = desk.read(staff_domain.staff_by_username, "cash").id
    assert _tonight_staff(desk, learner_id) == [cashier_id]


# -- the idle lock ------------------------------------------------------------------------

def test_idle_lock_engages_and_a_scan_still_checks_in(qtbot, desk, desk_prefs):
    desk_prefs(0.002, True)  # about a tenth of a second
    admin = _admin(desk)
    desk.sign_in_as(admin)
    window = _window(qtbot, desk)
    guard = window.guard
    qtbot.waitUntil(lambda: guard.locked, timeout=5000)
    lock = guard.lock_screen
    assert guard.shell.currentWidget() is lock and lock.mode == "locked"
    assert not window.menuBar().isEnabled()
    assert lock.scan_field.isVisible()

    learner_id, token = _token_of_someone_in_class(desk)
    qtbot.keyClicks(lock.scan_field, token)
    qtbot.keyClick(lock.scan_field, Qt.Key.Key_Return)
    assert _tonight_staff(desk, learner_id) == [admin.staff_id]
    assert lock.outcome.kind in ("checked_in", "late")
    with desk.store.read() as s:
        name = s.get(Learner, learner_id).name
    assert name in lock.outcome.headline.text()

    # A typed name is a look-up, and look-ups wait until someone signs in.
    qtbot.keyClicks(lock.scan_field, "wang")
    qtbot.keyClick(lock.scan_field, Qt.Key.Key_Return)
    assert lock.outcome.headline.text() == guard.tr("The desk is locked")
    assert window.checkin_page().manual.results_box.isHidden()

    desk_prefs(0, True)  # no new lock while the test goes on
    _sign_in(qtbot, lock.form, None, PASSWORD)
    assert not guard.locked and guard.shell.currentWidget() is guard.body
    assert window.menuBar().isEnabled()


def test_no_scans_while_locked_when_the_desk_says_so(qtbot, desk, desk_prefs):
    desk_prefs(0.002, False)
    admin = _admin(desk)
    desk.sign_in_as(admin)
    window = _window(qtbot, desk)
    guard = window.guard
    qtbot.waitUntil(lambda: guard.locked, timeout=5000)
    lock = guard.lock_screen
    assert not lock.scan_field.isVisible()
    learner_id, token = _token_of_someone_in_class(desk)
    # The scanner types into whatever has the focus: here the password field.
    focused = window.focusWidget()
    assert focused is lock.form.password_edit
    qtbot.keyClicks(focused, token)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert _tonight_staff(desk, learner_id) == []
    assert lock.form.error_label.text() == describe(DomainError("wrong_password"))
    assert guard.locked



def test_the_lock_screen_does_not_tell_the_counter_what_a_learner_owes(qtbot, desk,
                                                                      desk_prefs):
    from tests.ui.test_checkin_window import _seats

    desk_prefs(0, True)
    admin = _admin(desk)
    desk.sign_in_as(admin)
    window = _window(qtbot, desk)
    guard = window.guard
    guard.lock()
    owing = _seats(desk, tier=FeeTier.INCLUSIVE)[0]
    guard.on_lock_screen_scanned(owing.token)
    lock = guard.lock_screen
    assert guard.checkin_page().outcome.kind == "fee_due"  # the desk's own page knows
    assert lock.outcome.kind == "fee_due" and owing.name in lock.outcome.headline.text()
    shown = lock.outcome.headline.text() + lock.outcome.detail.text()
    assert "¥" not in shown and "欠" not in shown


def test_the_first_administrator_box_says_the_password_rule_and_fits_its_error(qtbot, desk):
    dialog = FirstAdminDialog(None, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "密码至少需要 8 个字符" in dialog.intro.text()
    dialog.username_edit.setText("admin")
    dialog.name_edit.setText("王丽")
    dialog.password_edit.setText("short")
    dialog.repeat_edit.setText("short")
    dialog.try_accept()
    qtbot.waitUntil(dialog.error_label.isVisible)
    intro = dialog.intro
    assert intro.height() >= intro.heightForWidth(intro.width())  # not clipped
    assert dialog.error_label.height() >= dialog.error_label.heightForWidth(
        dialog.error_label.width())


def _chinese_words_left(window: MainWindow) -> list[str]:
    """The buttons, tabs, boxes and hints of every built page still in Chinese (none
    of them shows a learner's data, so after a switch to English none should be)."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLineEdit, QTabWidget

    def chinese(text: str) -> bool:
        text = text.replace(window.context.desk or "", "")  # the desk's name is data
        return any("\u4e00" <= ch <= "\u9fff" for ch in text)

    left = []
    for page in window.pages:
        for widget in page.findChildren(QAbstractButton):
            if chinese(widget.text()):
                left.append(f"{type(page).__name__} button {widget.text()!r}")
        for box in page.findChildren(QGroupBox):
            if chinese(box.title()):
                left.append(f"{type(page).__name__} box {box.title()!r}")
        for tabs in page.findChildren(QTabWidget):
            left += [f"{type(page).__name__} tab {tabs.tabText(i)!r}"
                     for i in range(tabs.count()) if chinese(tabs.tabText(i))]
        for edit in page.findChildren(QLineEdit):
            if chinese(edit.placeholderText()):
                left.append(f"{type(page).__name__} hint {edit.placeholderText()!r}")
    return left


def test_a_language_change_with_nobody_signed_in_relabels_every_page_without_reading(
        qtbot, desk):
    """Pages built for the last person keep their rows through a sign-out; a language
    change then relabels what they show. It reads nothing: with nobody signed in the
    store would refuse, and the refusal would escape the event handler."""
    from ui.kit import i18n
    from ui.reports.page import ReportsPage
    from ui.roster.page import RosterPage

    admin = _admin(desk)
    desk.sign_in_as(admin)
    window = _window(qtbot, desk)
    for row in range(window.nav.count()):  # every page built and shown once
        window.nav.setCurrentRow(row)
    learner_id, _token = _token_of_someone_in_class(desk)
    pages = {type(page): page for page in window.pages}
    fees, roster, reports = pages[FeesPage], pages[RosterPage], pages[ReportsPage]
    assert isinstance(fees, FeesPage) and isinstance(roster, RosterPage)
    assert isinstance(reports, ReportsPage)
    for tab in range(fees.tabs.count()):
        fees.tabs.setCurrentIndex(tab)
    for tab in range(reports.tabs.count()):
        reports.tabs.setCurrentIndex(tab)
    fees.show_learner(learner_id)
    roster.enrollments.show_learner(learner_id)
    with desk.store.read() as s:
        learner_name = s.get(Learner, learner_id).name
    heading = fees.learner_panel.heading.text()
    assert heading.startswith(learner_name)
    audit = pages[AuditPage]
    assert isinstance(audit, AuditPage)
    courses_before = [fees.outstanding.course_box.itemText(i)
                      for i in range(1, fees.outstanding.course_box.count())]
    assert courses_before, "the demo school has inclusive courses"

    assert len(_chinese_words_left(window)) > 50  # the pages speak Chinese to begin with
    window.guard.switch_action.trigger()
    assert window.guard.lock_screen.mode == "signed_out"
    try:
        i18n.install_language("en")
        qtbot.wait(50)  # the LanguageChange events Qt posts to every window
        assert fees.tabs.tabText(1) == "Outstanding"
        assert fees.outstanding.course_box.itemText(0) == "The whole school"
        assert [fees.outstanding.course_box.itemText(i)
                for i in range(1, fees.outstanding.course_box.count())] == courses_before
        assert fees.learner_panel.heading.text() == heading
        assert fees.cashup.desk_box.itemText(fees.cashup.desk_box.count() - 1) == \
            "All desks (whole school)"
        assert roster.enrollments.withdraw_button.text() == "Withdraw"
        assert roster.enrollments.heading.text().startswith(learner_name)
        assert roster.enrollments.table.rowCount() > 0
        assert "repeat no-show" in reports.no_shows.note.text()
        assert audit.staff_box.itemText(0) == "Everyone"
        assert "Wang Li (boss)" in [audit.staff_box.itemText(i)
                                    for i in range(audit.staff_box.count())]
        assert _chinese_words_left(window) == []
    finally:
        i18n.install_language("zh_CN")
        qtbot.wait(50)
