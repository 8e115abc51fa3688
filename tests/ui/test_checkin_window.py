"""The check-in desk driven as a scanner and a clerk drive it.

The demo school's clock is Tuesday 19:05 in Shenzhen: several courses have a
lesson from 19:00 tonight. Scans arrive as key events (the scanner is a
keyboard), ended by Enter, by Tab, or by nothing at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from frontdesk.checkin.tokens import make_token, reissue_card
from frontdesk.fees.balances import balances
from frontdesk.settings import school_secret
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson, ScanLog
from frontdesk.vocab import CheckInMethod, EnrollmentStatus, FeeTier
from tests.ui.arrange import ArrangingDesk
from ui.checkin.page import CheckInPage
from ui.kit.context import DeskContext


@dataclasses.dataclass
class Seat:
    learner_id: int
    name: str
    token: str
    course_id: int
    lesson_id: int


def _seats(ctx: DeskContext, *, tier: FeeTier, status=EnrollmentStatus.ENROLLED) -> list[Seat]:
    """Learners seated on a course with a lesson open now (19:00 tonight)."""
    now = ctx.now()
    with ctx.store.write() as s:
        secret = school_secret(s)
        rows = s.execute(
            select(Learner.id, Learner.name, Learner.code, Learner.card_version,
                   Course.id, Lesson.id, Enrollment.id)
            .join(Enrollment, Enrollment.learner_id == Learner.id)
            .join(Course, Course.id == Enrollment.course_id)
            .join(Lesson, Lesson.course_id == Course.id)
            .where(Enrollment.status == status, Course.fee_tier == tier,
                   Lesson.starts_at <= now, Lesson.ends_at > now)
            .order_by(Learner.id)
        ).all()
        owed = balances(s, [r[6] for r in rows])
    counts: dict[int, int] = {}
    for row in rows:
        counts[row[0]] = counts.get(row[0], 0) + 1
    # Free courses: nothing owed; inclusive ones: only those who still owe.
    return [Seat(r[0], r[1], make_token(secret, r[2], r[3]), r[4], r[5])
            for r in rows if counts[r[0]] == 1 and (tier is FeeTier.FREE
                                                    or owed[r[6]].balance_fen > 0)]


@pytest.fixture
def page(qtbot, desk):
    page = CheckInPage(desk)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.activate()
    qtbot.waitExposed(page)
    return page


def _scan(qtbot, page: CheckInPage, text: str, end: str = "enter") -> None:
    qtbot.keyClicks(page.scan_field, text)
    if end == "enter":
        qtbot.keyClick(page.scan_field, Qt.Key.Key_Return)
    elif end == "tab":
        qtbot.keyClick(page.scan_field, Qt.Key.Key_Tab)


def _attendance(ctx: DeskContext, learner_id: int) -> list[Attendance]:
    with ctx.store.read() as s:
        return list(s.scalars(select(Attendance).where(
            Attendance.learner_id == learner_id, Attendance.voided_at.is_(None),
            Attendance.at >= ctx.now() - dt.timedelta(hours=2))))


def test_the_sounds_are_ready_before_the_first_scan(qtbot, page, desk):
    # Loaded once the page is shown, so the evening's first scan does not wait for them.
    qtbot.waitUntil(lambda: page.sounds.loaded, timeout=5_000)
    seat = _seats(desk, tier=FeeTier.FREE)[0]
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "checked_in" and page.sounds.last == "ok"


@pytest.mark.parametrize("end", ["enter", "tab"])
def test_scan_ended_by_enter_or_tab_checks_in(qtbot, page, desk, end):
    seat = _seats(desk, tier=FeeTier.FREE)[0]
    _scan(qtbot, page, seat.token, end)
    assert page.outcome.kind == "checked_in"
    assert seat.name in page.outcome.headline.text()
    assert "签到成功" in page.outcome.headline.text()
    rows = _attendance(desk, seat.learner_id)
    assert [(r.lesson_id, r.method, r.desk) for r in rows] == [
        (seat.lesson_id, CheckInMethod.SCANNER, "前台1")]
    assert page.sounds.last == "ok"
    assert page.scan_field.text() == ""


def test_scan_with_no_terminator_ends_on_a_pause(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[1]
    qtbot.keyClicks(page.scan_field, seat.token)  # as fast as a scanner types
    qtbot.waitUntil(lambda: page.outcome.kind == "checked_in", timeout=2000)
    assert len(_attendance(desk, seat.learner_id)) == 1


def test_typing_slowly_is_not_cut_off_as_a_scan(qtbot, page, desk):
    for ch in "wang":
        qtbot.keyClick(page.scan_field, ch)
        qtbot.wait(60)
    qtbot.wait(300)
    assert page.scan_field.text() == "wang"
    assert page.handled == 0


def test_scan_goes_to_the_field_while_another_control_has_focus(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[2]
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window(), timeout=2000)
    page.recent_view.setFocus()
    qtbot.waitUntil(lambda: page.recent_view.hasFocus(), timeout=2000)
    for ch in seat.token:  # the keyboard sends each key to whatever has the focus
        qtbot.keyClick(QApplication.focusWidget(), ch)
    assert page.scan_field.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert page.outcome.kind == "checked_in"
    assert len(_attendance(desk, seat.learner_id)) == 1


def test_second_scan_says_already_checked_in_with_the_time(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[0]
    _scan(qtbot, page, seat.token)
    page.scan_field.forget_last()  # a moment later, not a scanner's repeat
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "already"
    assert "19:05" in page.outcome.headline.text()
    assert len(_attendance(desk, seat.learner_id)) == 1


def test_a_scanner_repeating_a_code_is_answered_once(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[0]
    _scan(qtbot, page, seat.token)
    _scan(qtbot, page, seat.token)
    assert page.handled == 1
    assert page.outcome.kind == "checked_in"


def test_a_burst_of_scans_faster_than_the_screen_is_each_answered(qtbot, page, desk):
    seats = _seats(desk, tier=FeeTier.FREE)[:25]
    field = page.scan_field
    for seat in seats:  # queued all at once; nothing is drawn in between
        for ch in seat.token:
            QApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, 0,
                                                    Qt.KeyboardModifier.NoModifier, ch))
        QApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                                Qt.KeyboardModifier.NoModifier, "\r"))
    qtbot.waitUntil(lambda: page.handled == len(seats), timeout=5000)
    assert all(len(_attendance(desk, s.learner_id)) == 1 for s in seats)
    assert seats[-1].name in page.outcome.headline.text()


def test_fee_due_is_checked_in_and_offers_the_payment(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.INCLUSIVE)[0]
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "fee_due"
    assert "¥" in page.outcome.headline.text()
    assert len(_attendance(desk, seat.learner_id)) == 1
    buttons = {b.text(): b for b in page.outcome.findChildren(QPushButton)}
    with qtbot.waitSignal(page.fee_payment_requested) as signal:
        qtbot.mouseClick(buttons["去缴费…"], Qt.MouseButton.LeftButton)
    assert signal.args == [seat.learner_id]


def _waitlisted_seat(ctx: DeskContext, now) -> Seat:
    """A learner put on the waiting list of a full course that has a lesson now."""
    from frontdesk.roster.enrollment import enroll, seated_count
    from frontdesk.roster.learners import LearnerInput, add_learner

    tonight = _seats(ctx, tier=FeeTier.FREE)[0]
    course_id, lesson_id = tonight.course_id, tonight.lesson_id
    with ctx.store.write() as s:
        course = s.get(Course, course_id)
        course.capacity = seated_count(s, course_id)  # full
        learner = add_learner(s, LearnerInput("候补新生", "13912340000"), ctx.actor, now)
        result = enroll(s, learner.id, course_id, 30, ctx.actor, now)
        assert result.status is EnrollmentStatus.WAITLISTED
        token = make_token(school_secret(s), learner.code, learner.card_version)
        return Seat(learner.id, learner.name, token, course_id, lesson_id)


def test_waitlisted_learner_can_take_a_free_seat_in_one_click(qtbot, page, desk, now):
    seat = _waitlisted_seat(desk, now)
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "waitlisted"
    assert "候补" in page.outcome.headline.text()
    assert not any(b.text().startswith("有空位") for b in page.outcome.findChildren(QPushButton))
    with desk.store.write() as s:  # the class grows by one seat
        s.get(Course, seat.course_id).capacity += 1
    page.scan_field.forget_last()
    _scan(qtbot, page, seat.token)
    offer = [b for b in page.outcome.findChildren(QPushButton) if b.text().startswith("有空位")]
    assert len(offer) == 1
    qtbot.mouseClick(offer[0], Qt.MouseButton.LeftButton)
    assert page.outcome.kind == "checked_in"
    assert len(_attendance(desk, seat.learner_id)) == 1
    with desk.store.read() as s:
        enrollment = s.scalars(select(Enrollment).where(
            Enrollment.learner_id == seat.learner_id,
            Enrollment.course_id == seat.course_id)).one()
        assert enrollment.status is EnrollmentStatus.ENROLLED


def test_card_replaced_and_foreign_codes_are_refused_and_logged(qtbot, page, desk, now):
    seat = _seats(desk, tier=FeeTier.FREE)[3]
    with desk.store.write() as s:
        reissue_card(s, seat.learner_id, desk.actor, now - dt.timedelta(days=2))
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "refused"
    assert "2026-11-29" in page.outcome.headline.text()
    _scan(qtbot, page, "https://u.wechat.com/abc")
    assert page.outcome.kind == "refused"
    assert page.sounds.last == "refused"
    assert _attendance(desk, seat.learner_id) == []
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanLog)) >= 2


def test_forgotten_card_found_by_pinyin_and_checked_in_with_one_key(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[4]
    with desk.store.read() as s:
        code = s.get(Learner, seat.learner_id).code
    _scan(qtbot, page, code)  # the card code, typed and Enter
    assert not page.manual.results_box.isHidden()
    assert page.manual.results.rowCount() == 1
    qtbot.keyClick(page.manual.results_view, Qt.Key.Key_Return)
    assert page.outcome.kind == "checked_in"
    rows = _attendance(desk, seat.learner_id)
    assert [r.method for r in rows] == [CheckInMethod.MANUAL]


def test_undo_voids_the_last_check_in(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[5]
    _scan(qtbot, page, seat.token)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert _attendance(desk, seat.learner_id) == []
    with desk.store.read() as s:
        voided = s.scalars(select(Attendance).where(
            Attendance.learner_id == seat.learner_id,
            Attendance.voided_at.is_not(None))).all()
    assert len(voided) == 1  # voided, never deleted


def test_two_desks_scanning_the_same_learner_record_one_check_in(qtbot, desk, demo_store):
    from frontdesk.store.engine import open_store

    seat = _seats(desk, tier=FeeTier.FREE)[6]
    other_store = open_store(demo_store.sqlite_path)
    other = ArrangingDesk(other_store, desk="前台2", clock=desk.clock)
    pages = [CheckInPage(desk), CheckInPage(other)]
    for p in pages:
        qtbot.addWidget(p)
        p.show()
    for p in pages:
        _scan(qtbot, p, seat.token)
    assert sorted(p.outcome.kind for p in pages) == ["already", "checked_in"]
    assert len(_attendance(desk, seat.learner_id)) == 1
    other_store.dispose()


def test_a_card_held_to_the_camera_checks_in_once(qtbot, page, desk):
    from PySide6.QtGui import QImage

    from frontdesk.documents.qr import qr_png

    seat = _seats(desk, tier=FeeTier.FREE)[7]
    frame = QImage.fromData(qr_png(seat.token, module_px=6))
    assert page.decoder.submit(frame)
    qtbot.waitUntil(lambda: page.outcome.kind == "checked_in", timeout=5000)
    assert [r.method for r in _attendance(desk, seat.learner_id)] == [CheckInMethod.CAMERA]
    handled = page.handled
    qtbot.wait(250)  # the same card still in view, a few frames later
    assert page.decoder.submit(frame)
    assert page.decoder.wait_idle()
    qtbot.wait(50)
    assert page.handled == handled


def test_frames_arriving_while_the_decoder_is_busy_are_dropped(page):
    from PySide6.QtGui import QImage

    blank = QImage(1280, 720, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFF)
    assert page.decoder.submit(blank)
    assert not page.decoder.submit(blank)  # too soon / busy: dropped, never queued
    assert page.decoder.dropped >= 1
    assert page.decoder.wait_idle()


def test_no_camera_says_why_and_the_desk_works_on(qtbot, page, desk, monkeypatch):
    monkeypatch.setattr("ui.checkin.page.camera_problem", lambda: "no_camera")
    qtbot.mouseClick(page.camera_button, Qt.MouseButton.LeftButton)
    assert not page.camera_button.isChecked()
    assert not page.camera.running
    assert page.outcome.kind == "info"
    assert "摄像头" in page.outcome.detail.text()
    seat = _seats(desk, tier=FeeTier.FREE)[8]
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "checked_in"


def test_a_card_scanned_on_the_dashboard_brings_up_check_in(qtbot, desk):
    from ui.shell.main_window import MainWindow

    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert not isinstance(window.page(window.nav.currentRow()), CheckInPage)
    window.nav.setFocus()
    seat = _seats(desk, tier=FeeTier.FREE)[9]
    for ch in seat.token:  # what a scanner types, to whatever has the focus
        qtbot.keyClick(QApplication.focusWidget(), ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    page = window.page(window.nav.currentRow())
    assert isinstance(page, CheckInPage)
    assert page.outcome.kind == "checked_in"
    assert len(_attendance(desk, seat.learner_id)) == 1


def test_a_misread_or_doubled_card_says_what_to_do_in_plain_words(qtbot, page, desk):
    from ui.kit import i18n

    seat = _seats(desk, tier=FeeTier.FREE)[4]
    misread = seat.token[:-1] + ("2" if seat.token[-1] != "2" else "3")
    answers = {}
    for name, text in (("misread", misread), ("doubled", seat.token + seat.token),
                       ("foreign", "https://u.wechat.com/abc")):
        _scan(qtbot, page, text)
        answers[name] = page.outcome.headline.text() + " " + page.outcome.detail.text()
    assert "没能读出这张卡" in answers["misread"] and "按姓名查找" in answers["misread"]
    assert "两个码连在一起" in answers["doubled"]
    assert "不是 FrontDesk 学员卡" in answers["foreign"]
    for words in answers.values():
        assert not any(code in words for code in ("malformed", "bad_signature", "run_together"))
    assert _attendance(desk, seat.learner_id) == []
    # A language switch redraws the answer on show (and the recent scans' words).
    _scan(qtbot, page, misread)
    try:
        i18n.install_language("en")
        qtbot.waitUntil(lambda: page.outcome.headline.text() == "The card could not be read")
        qtbot.waitUntil(lambda: page.recent_model.data(page.recent_model.index(0, 3))
                        == "could not be read")
    finally:
        i18n.install_language("zh_CN")
    qtbot.waitUntil(lambda: page.outcome.headline.text() == "没能读出这张卡")


def test_english_counts_say_one_scan_and_two_scans(qtbot, page, desk):
    from ui.kit import i18n

    seats = _seats(desk, tier=FeeTier.FREE)
    try:
        i18n.install_language("en")
        _scan(qtbot, page, seats[5].token)
        qtbot.waitUntil(lambda: page.count_label.text() == "1 scan answered")
        _scan(qtbot, page, seats[6].token)
        assert page.count_label.text() == "2 scans answered"
    finally:
        i18n.install_language("zh_CN")
    qtbot.waitUntil(lambda: page.count_label.text() == "已处理 2 次扫码")


def test_a_name_is_found_as_it_is_typed_and_a_stale_nobody_goes(qtbot, page, desk):
    seat = _seats(desk, tier=FeeTier.FREE)[7]
    page.manual.name_edit.setFocus()
    qtbot.keyClicks(page.manual.name_edit, "zzzzqqq")  # nobody
    qtbot.keyClick(page.manual.name_edit, Qt.Key.Key_Return)
    assert page.outcome.headline.text() == "没有找到学员"
    page.manual.name_edit.clear()
    with desk.store.read() as s:
        pinyin = s.get(Learner, seat.learner_id).pinyin
    qtbot.keyClicks(page.manual.name_edit, pinyin)  # no Enter
    qtbot.waitUntil(lambda: page.manual.results.rowCount() > 0, timeout=3000)
    assert page.manual.name_edit.hasFocus()  # still typing
    assert page.outcome.headline.text() != "没有找到学员"


def test_each_outcome_wears_its_own_colours(qtbot):
    """The panel's colours follow the outcome from one style sheet set once:
    a new look re-polishes the panel and its words, whichever came before."""
    from PySide6.QtGui import QColor, QPalette

    from ui.kit.outcome_panel import LOOKS, OutcomePanel

    panel = OutcomePanel()
    qtbot.addWidget(panel)
    panel.resize(600, 220)
    panel.show()
    stylesheet = panel.styleSheet()
    for kind in ("checked_in", "late", "refused", "late", "idle"):
        panel._paint(kind, "王芳", "AI+营销获客", sound=False)
        image = panel.grab().toImage()
        look = LOOKS[kind]
        assert image.pixelColor(300, 200) == QColor(look.background), kind
        assert panel.headline.palette().color(QPalette.ColorRole.WindowText) == QColor(
            look.foreground), kind
    assert panel.styleSheet() == stylesheet  # never parsed again
