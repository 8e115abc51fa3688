"""The check-in page: the evening rush at the desk.

A scan (or pinyin, phone digits, a card code typed and Enter) goes in the
one big field; the answer appears in the panel below, with its colour and
sound, until the next scan replaces it. No modal dialog stands in the way.
Tonight's lessons and this desk's last scans are on the right. A scan counts
its own arrival in its lesson's row from the answer it got; the lists are
read again off the GUI thread: the last scans once scanning pauses, the
whole of tonight every few seconds (so what other desks did shows too) and
after corrections. Lessons that are over are closed off the GUI thread too.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.offline import Upload
from frontdesk.checkin.routing import ScanKind, route
from frontdesk.checkin.scan import CheckInResult, Outcome
from frontdesk.checkin.tonight import LessonSummary, RecentScan
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.vocab import CheckInMethod
from ui.checkin.camera import CameraScanner, FrameDecoder, camera_problem
from ui.checkin.closing import LessonCloser
from ui.checkin.door_banner import DoorBanner
from ui.checkin.manual import ManualLookup
from ui.checkin.paper_sheets import PaperButton
from ui.checkin.side import (
    SideRead,
    SideReader,
    fit_columns,
    recent_model,
    recent_view,
    tonight_model,
    tonight_view,
)
from ui.kit import widgets
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.outcome_panel import OutcomePanel
from ui.kit.page import Page
from ui.kit.scan_field import KeyCapture, ScanField
from ui.kit.sounds import Sounds
from ui.kit.words import describe, describe_code

REFRESH_MS = 10_000  # how often the side panels look at what other desks did


class CheckInPage(Page):
    icon_name = "checkin"
    keeps_scans = True
    TITLE = QT_TRANSLATE_NOOP("Page", "Check-in")
    fee_payment_requested = Signal(int)  # learner id: the fees page takes over

    def __init__(self, context: DeskContext, *, sounds: Sounds | None = None) -> None:
        super().__init__(context)
        self.sounds = sounds if sounds is not None else Sounds(self)
        self.checkin_context = context.act(checkin_actions.desk_settings)
        self.last_result: CheckInResult | None = None
        self.handled = 0  # scans answered, for the desk's count
        self._init_scan_area()
        self._init_manual_area()
        self._init_side()
        self._init_layout()
        self.capture = KeyCapture(self, self.scan_field)
        self.retranslate_ui()
        self.refresh()

    # -- building --------------------------------------------------------------

    def _init_scan_area(self) -> None:
        self.lesson_box = QComboBox()
        self.lesson_box.setObjectName("desk_lesson")
        self.lesson_box.setMinimumWidth(320)
        self.scan_field = ScanField()
        self.scan_field.scanned.connect(self.on_scan_field_scanned)
        self.outcome = OutcomePanel(self.sounds)
        self.outcome.tz = self.checkin_context.tz
        self.outcome.enroll_requested.connect(self.on_outcome_enroll_requested)
        self.outcome.fee_requested.connect(self.fee_payment_requested)
        self.outcome.lesson_chosen.connect(self.on_outcome_lesson_chosen)
        self.outcome.undo_requested.connect(self.on_outcome_undo_requested)
        self.count_label = QLabel()
        self.decoder = FrameDecoder(self)
        self.decoder.decoded.connect(self.on_decoder_decoded)
        self.camera = CameraScanner(self.decoder, self)
        self.camera_button = QPushButton(icon("camera"), "")
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self.on_camera_button_toggled)
        self.door_banner = DoorBanner(self.context)
        self.door_banner.differences_found.connect(self.on_door_banner_differences_found)
        self.door_banner.mode_changed.connect(self.on_door_banner_mode_changed)

    def _init_manual_area(self) -> None:
        self.manual = ManualLookup(self.context)
        self.manual.check_in_requested.connect(self.on_manual_check_in_requested)
        self.manual.excuse_requested.connect(self.on_manual_excuse_requested)
        self.manual.nothing_found.connect(self.on_manual_nothing_found)
        self.manual.something_found.connect(self.on_manual_something_found)

    def _init_side(self) -> None:
        tz = self.checkin_context.tz
        self.tonight_model = tonight_model(tz)
        self.tonight_view = tonight_view(self.tonight_model)
        self.recent_model = recent_model(tz)
        self.recent_view = recent_view(self.recent_model)
        self.recent_view.selectionModel().selectionChanged.connect(self.on_recent_selection)
        self.tonight_label = QLabel()
        self.recent_label = QLabel()
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.on_undo_button_clicked)
        self.void_button = QPushButton()
        self.void_button.setEnabled(False)
        self.void_button.clicked.connect(self.on_void_button_clicked)
        self.side_reader = SideReader(self.context, lambda: self.checkin_context.tz, self)
        self.side_reader.read.connect(self.on_side_reader_read)
        self.side_reader.failed.connect(self.on_side_reader_failed)
        self._lesson_rows: dict[int, int] = {}  # lesson id: its row in tonight_model
        self.closer = LessonCloser(self.context, self)
        self.closer.closed.connect(self.on_closer_closed)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.on_refresh_timer_timeout)
        self.soon = QTimer(self, singleShot=True, interval=60)  # coalesces bursts of scans
        self.soon.timeout.connect(self.side_reader.start)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        self.desk_label = QLabel()
        top.addWidget(self.desk_label)
        top.addWidget(self.lesson_box)
        top.addStretch(1)
        top.addWidget(self.count_label)
        self.standby_button = QPushButton()  # standby seats of a full lesson (候补补位)
        self.standby_button.clicked.connect(self.on_standby_button_clicked)
        top.addWidget(self.standby_button)
        self.paper_button = PaperButton(self)  # sign-in sheets, typing them in
        top.addWidget(self.paper_button)
        top.addWidget(self.camera_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.door_banner)
        left_layout.addWidget(self.scan_field)
        left_layout.addWidget(self.outcome)
        left_layout.addWidget(self.manual, 1)
        left_layout.addStretch(0)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tonight_label)
        right_layout.addWidget(self.tonight_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recent_label, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.void_button)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.recent_view, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def retranslate_ui(self) -> None:
        self.desk_label.setText(self.tr("Desk {desk}:").format(desk=self.context.desk))
        self.scan_field.setPlaceholderText(self.tr("Scan a learner card here"))
        self.manual.retranslate_ui()
        self.standby_button.setText(self.tr("Standby seats…"))
        self.undo_button.setText(self.tr("Undo last"))
        self._update_camera_button()
        self.void_button.setText(self.tr("Void…"))
        self.tonight_label.setText(self.tr("<b>Tonight</b>"))
        self.recent_label.setText(self.tr("<b>Last scans at this desk</b>"))
        self.tonight_model.retranslate()
        self.recent_model.retranslate()
        self._fill_lesson_box(self.tonight_model.rows)
        self._update_count()
        if self.outcome.kind == "idle":
            self.outcome.show_idle()

    # -- the lesson the desk is pinned to ----------------------------------------

    def _fill_lesson_box(self, lessons: list[LessonSummary]) -> None:
        current = self.lesson_box.currentData()
        self.lesson_box.blockSignals(True)
        self.lesson_box.clear()
        self.lesson_box.addItem(self.tr("Automatic: any lesson open now"), None)
        tz = self.checkin_context.tz
        for lesson in lessons:
            if not lesson.cancelled:
                self.lesson_box.addItem(self.tr("Only {time} {course}").format(
                    time=f"{lesson.starts_at.astimezone(tz):%H:%M}",
                    course=lesson.course_title), lesson.lesson_id)
        index = self.lesson_box.findData(current)
        self.lesson_box.setCurrentIndex(max(0, index))
        self.lesson_box.blockSignals(False)

    def pinned_lesson(self) -> int | None:
        value = self.lesson_box.currentData()
        return int(value) if value is not None else None

    # -- refreshing --------------------------------------------------------------

    def refresh(self) -> None:
        """Read tonight's lessons and the last scans now (when the page is made)."""
        self.door_banner.update_text()
        if self.context.offline:
            return  # the tables keep what the store last said; scans still go on
        try:
            side = self.side_reader.read_now("all", self.context.now(), self.checkin_context.tz)
        except DomainError:  # the server went away: the banner says so
            self.door_banner.update_text()
            return
        self.on_side_reader_read(*side)

    def refresh_soon(self, kind: SideRead = "all") -> None:
        """Read the side panels again off the GUI thread once scans pause
        (``all`` after what a scan's answer does not tell: a void, a seat)."""
        self.side_reader.want(kind)
        self.soon.start()

    def _read_again(self) -> None:
        self.side_reader.want("all")
        self.side_reader.start()

    @Slot(object, object)
    def on_side_reader_read(self, lessons: object, recent: object) -> None:
        self.recent_model.set_rows(cast(list[RecentScan], recent))
        if lessons is not None:
            self._show_lessons(cast(list[LessonSummary], lessons))
        if self.side_reader.wanted is not None:
            self.soon.start()  # asked for while reading, or this read came too early

    @Slot()
    def on_side_reader_failed(self) -> None:
        self.door_banner.update_text()  # the server went away: the banner says so

    def _show_lessons(self, lessons: list[LessonSummary]) -> None:
        self.tonight_model.set_rows(lessons)
        fit_columns(self.tonight_view)
        self._lesson_rows = {lesson.lesson_id: row for row, lesson in enumerate(lessons)}
        if self.lesson_box.count() != 1 + sum(1 for x in lessons if not x.cancelled):
            self._fill_lesson_box(lessons)

    def _count_arrival(self, result: CheckInResult) -> None:
        """The lesson's row counts the arrival ``result`` recorded: no re-read."""
        row = self._lesson_rows.get(result.lesson.lesson_id) if result.lesson else None
        if row is None or not result.recorded:
            return
        lesson = self.tonight_model.rows[row]
        counted = lesson.counting(result)
        if counted is not lesson:
            self.tonight_model.set_row(row, counted)
            self.side_reader.counted()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n scan(s) answered", "", self.handled))

    def find_field(self) -> QWidget | None:
        return self.manual.name_edit

    def activate(self) -> None:
        self.door_banner.update_text()
        self._read_again()
        self.refresh_timer.start()
        qapp_capture(self.capture, True)
        self.scan_field.setFocus()
        # Right after the page is painted, not at the first scan (~40 ms).
        QTimer.singleShot(0, self.sounds.preload)

    def settings_changed(self) -> None:
        self.checkin_context = self.context.act(checkin_actions.desk_settings)
        self.outcome.tz = self.checkin_context.tz
        self.refresh_soon()

    def shutdown(self) -> None:
        self.refresh_timer.stop()
        self.soon.stop()
        qapp_capture(self.capture, False)
        self.camera.stop()
        self.decoder.shutdown()
        self.closer.stop()  # the store must not close under a write or a read in progress
        self.side_reader.wait()

    def hideEvent(self, event: QHideEvent) -> None:
        self.refresh_timer.stop()
        qapp_capture(self.capture, False)
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        qapp_capture(self.capture, True)
        self.refresh_timer.start()
        super().showEvent(event)

    @Slot()
    def on_refresh_timer_timeout(self) -> None:
        ctx = self.context
        self.door_banner.keep_in_touch()
        self.door_banner.update_text()
        if not ctx.offline:
            self.closer.start(ctx.now())
        self._read_again()

    @Slot(int)
    def on_closer_closed(self, closed: int) -> None:
        if closed:
            self.refresh_soon()

    # -- scans -------------------------------------------------------------------

    @Slot(str, str)
    def on_scan_field_scanned(self, text: str, _how: str) -> None:
        self.submit(text, CheckInMethod.SCANNER)

    @Slot(str)
    def on_decoder_decoded(self, text: str) -> None:
        self.submit(text, CheckInMethod.CAMERA)

    def _camera_problem_text(self, problem: str) -> str:
        return {
            "no_camera": self.tr("No camera found (or no permission to use it); "
                                 "the scanner and name search work as usual."),
            # QtMultimedia ships in PySide6-Addons (6.11 and 6.12 alike).
            "no_multimedia": self.tr(
                "This installation has no camera support: ask whoever installed FrontDesk "
                "to install the package {package} (pip install {package})."
            ).format(package="PySide6-Addons"),
        }[problem]

    def _update_camera_button(self) -> None:
        # The camera is looked for when asked for, not at start-up.
        self.camera_button.setText(self.tr("Camera on") if self.camera.running
                                   else self.tr("Camera"))
        self.camera_button.setToolTip(self.tr("Read learner cards with the webcam"))

    @Slot(bool)
    def on_camera_button_toggled(self, on: bool) -> None:
        if on:
            problem = camera_problem()
            if problem is not None:
                self.camera_button.blockSignals(True)
                self.camera_button.setChecked(False)
                self.camera_button.blockSignals(False)
                self.outcome.show_message("info", self.tr("No camera"),
                                          self._camera_problem_text(problem))
                return
            self.camera.start()
        else:
            self.camera.stop()
        self._update_camera_button()

    def submit(self, text: str, method: CheckInMethod) -> None:
        """Answer one scan (or one typed look-up)."""
        self.handled += 1
        self._update_count()
        kind = route(text)
        if kind is ScanKind.LOOKUP:
            self.show_search(text)
            return
        if kind is ScanKind.CERTIFICATE:
            self.verify_certificate(text)
            return
        ctx = self.context
        if ctx.door is None:
            result = ctx.act(checkin_actions.desk_scan, text, ctx.now(), method=method,
                             desk_lesson_id=self.pinned_lesson(), context=self.checkin_context)
        else:
            try:  # through the store, or from this desk's copy while the server is away
                result = ctx.door.scan(ctx.actor, text, ctx.now(), method=method,
                                       desk_lesson_id=self.pinned_lesson(),
                                       context=self.checkin_context)
            except DomainError as error:  # offline with no copy of tonight yet
                self.outcome.show_message("refused", describe(error))
                self.door_banner.update_text()
                return
            self.door_banner.update_text()
        self.show_result(result)

    @Slot(bool)
    def on_door_banner_mode_changed(self, online: bool) -> None:
        if online:
            self.refresh_soon()

    @Slot(object)
    def on_door_banner_differences_found(self, found: list[Upload]) -> None:
        lines = [self.tr("{name} ({time}): {outcome}").format(
            name=u.scan.name or u.scan.scan, time=self.outcome.time_text(u.scan.at),
            outcome=self._difference_text(u)) for u in found]
        self.outcome.show_message(
            "warning", self.tr("%n check-in(s) made offline read differently now", "",
                               len(found)), "\n".join(lines))

    def _difference_text(self, upload: Upload) -> str:
        result = upload.result
        if result is None:
            return describe_code(upload.refusal or "")
        words = {
            Outcome.CARD_REPLACED: self.tr("the card had been replaced: not recorded"),
            Outcome.WAITLISTED: self.tr("no seat (waiting list): not recorded"),
            Outcome.NO_LESSON_NOW: self.tr("no lesson of theirs then: not recorded"),
            Outcome.UNKNOWN_LEARNER: self.tr("not on the roster: not recorded"),
        }
        return words.get(result.outcome, self.tr("not recorded"))

    def show_result(self, result: CheckInResult) -> None:
        self.last_result = result
        self.outcome.show_result(result)
        self._count_arrival(result)
        self.refresh_soon("recent")

    def verify_certificate(self, text: str) -> None:
        from ui.certificates.check import show_verification

        show_verification(self.outcome, self.context, text)
        self.refresh_soon("recent")

    # -- manual look-up ----------------------------------------------------------

    def show_search(self, query: str) -> None:
        self.manual.show_search(query)

    @Slot(str)
    def on_manual_nothing_found(self, query: str) -> None:
        self.outcome.show_message("info", self.tr("No learner found"),
                                  self.tr("Nobody matches “{query}”.").format(query=query))

    @Slot()
    def on_manual_something_found(self) -> None:
        if self.outcome.headline.text() == self.tr("No learner found"):
            self.outcome.show_idle()  # not beside a list that has someone

    @Slot(int)
    def on_manual_check_in_requested(self, learner_id: int) -> None:
        ctx = self.context
        result = ctx.act(checkin_actions.check_in_by_hand, learner_id, ctx.now(),
                         desk_lesson_id=self.pinned_lesson(), context=self.checkin_context)
        self.manual.done()
        self.show_result(result)
        self.scan_field.setFocus()

    @Slot(int)
    def on_manual_excuse_requested(self, learner_id: int) -> None:
        ctx = self.context
        lesson = ctx.act(checkin_actions.next_lesson, learner_id,
                         ctx.now() - self.checkin_context.opens)
        if lesson is None:
            self.outcome.show_message("info", self.tr("No lesson to excuse"),
                                      self.tr("This learner has no coming lesson."))
            return
        reason = widgets.ask_text(self, self.tr("Excused (请假)"), self.tr(
            "Reason for missing {lesson}:").format(lesson=self.outcome.lesson_text(lesson)))
        if reason is None:
            return
        try:
            ctx.act(checkin_actions.excuse, learner_id, lesson.lesson_id,
                    ctx.now(), reason)
        except DomainError as error:
            self.outcome.show_message("refused", describe(error))
            return
        self.outcome.show_message("already", self.tr("Excused"),
                                  self.outcome.lesson_text(lesson))
        self.manual.done()
        self.refresh_soon()

    @Slot()
    def on_standby_button_clicked(self) -> None:
        from ui.checkin.standby_dialog import StandbyDialog

        if StandbyDialog.ask(self, self.context, self.pinned_lesson()):
            self.refresh_soon()
        self.scan_field.setFocus()

    # -- follow-ups of an outcome ------------------------------------------------

    @Slot(int, int)
    def on_outcome_enroll_requested(self, learner_id: int, lesson_id: int) -> None:
        ctx = self.context
        try:
            result = ctx.act(checkin_actions.enroll_and_check_in, learner_id, lesson_id,
                             ctx.now(), context=self.checkin_context)
        except DomainError as error:
            self.outcome.show_message("refused", describe(error))
            return
        self.show_result(result)
        self.refresh_soon()  # a seat taken: the course's counts change too

    @Slot(int, int)
    def on_outcome_lesson_chosen(self, learner_id: int, lesson_id: int) -> None:
        ctx = self.context
        result = ctx.act(checkin_actions.check_in_by_hand, learner_id, ctx.now(),
                         method=self.last_result.method if self.last_result
                         else CheckInMethod.SCANNER,
                         lesson_id=lesson_id, context=self.checkin_context)
        self.show_result(result)

    @Slot(int)
    def on_outcome_undo_requested(self, attendance_id: int) -> None:
        self._void(attendance_id, "undo")

    @Slot()
    def on_undo_button_clicked(self) -> None:
        ctx = self.context
        try:
            voided = ctx.act(checkin_actions.undo_last, ctx.now())
        except DomainError as error:
            self.outcome.show_message("info", describe(error))
            return
        self.outcome.show_message("info", self.tr("Undone: {name}").format(
            name=voided.learner_name), self.tr("That check-in is voided (kept, not deleted)."))
        self.scan_field.forget_last()
        self.refresh_soon()

    @Slot(QItemSelection, QItemSelection)
    def on_recent_selection(self, _a: QItemSelection, _b: QItemSelection) -> None:
        row = self._selected_recent()
        self.void_button.setEnabled(row is not None and row.attendance_id is not None
                                    and not row.voided)

    def _selected_recent(self) -> RecentScan | None:
        rows = self.recent_view.selectionModel().selectedRows()
        return self.recent_model.rows[rows[0].row()] if rows else None

    @Slot()
    def on_void_button_clicked(self) -> None:
        row = self._selected_recent()
        if row is None or row.attendance_id is None:
            return
        reason = widgets.ask_text(self, self.tr("Void a check-in"), self.tr(
            "Why is the check-in of {name} wrong?").format(name=row.learner_name))
        if reason is not None:
            self._void(row.attendance_id, reason)

    def _void(self, attendance_id: int, reason: str) -> None:
        ctx = self.context
        try:
            voided = ctx.act(checkin_actions.void, attendance_id, reason, ctx.now())
        except DomainError as error:
            self.outcome.show_message("refused", describe(error))
            return
        self.outcome.show_message("info", self.tr("Voided: {name}").format(
            name=voided.learner_name), self.tr("The check-in stays in the records, marked void."))
        self.scan_field.forget_last()
        self.refresh_soon()


def qapp_capture(capture: KeyCapture, on: bool) -> None:
    """Install or remove the window-wide key capture of the check-in page."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    if on:
        app.installEventFilter(capture)
    else:
        app.removeEventFilter(capture)

