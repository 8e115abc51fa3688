"""The big answer to a scan: colour, words and sound, replaced by the next scan.

Every outcome of the domain's check-in has its own colour, sound and words,
large enough to read from a step away. It is never a modal dialog: the next
scan simply replaces it. Actions that make sense for an outcome (enroll a
waitlisted learner into a free seat, take the fee, pick one of two lessons,
undo) appear as buttons under the words.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from frontdesk.checkin.scan import CheckInResult, LessonRef, Outcome
from frontdesk.checkin.tokens import TokenProblem
from frontdesk.money import format_fen
from ui.kit.sounds import Sounds


@dataclass(frozen=True)
class Look:
    background: str
    foreground: str
    sound: str


LOOKS = {
    "checked_in": Look("#1a9b4b", "#ffffff", "ok"),
    "late": Look("#e6a100", "#1f1600", "late"),
    "fee_due": Look("#d9822b", "#ffffff", "late"),
    "already": Look("#1e6fd9", "#ffffff", "notice"),
    "info": Look("#5b6b7f", "#ffffff", "notice"),
    "waitlisted": Look("#7b4fc9", "#ffffff", "notice"),
    "refused": Look("#c0392b", "#ffffff", "refused"),
    "warning": Look("#d9822b", "#ffffff", "notice"),
    "genuine": Look("#1a9b4b", "#ffffff", "ok"),
    "idle": Look("#eef1f5", "#445066", ""),
}

_STYLE = "".join(
    f'QFrame#outcome[look="{kind}"] {{ background:{look.background}; border-radius:10px; }}'
    f'QFrame#outcome[look="{kind}"] QLabel {{ color:{look.foreground}; '
    "background:transparent; }"
    for kind, look in LOOKS.items()) + (
    "QLabel#outcome_headline { font-size:34px; font-weight:bold; }"
    "QLabel#outcome_detail { font-size:20px; }")

LOOK_OF = {
    Outcome.CHECKED_IN: "checked_in",
    Outcome.LATE: "late",
    Outcome.FEE_DUE: "fee_due",
    Outcome.ALREADY_CHECKED_IN: "already",
    Outcome.NO_LESSON_NOW: "info",
    Outcome.OTHER_COURSE_TONIGHT: "info",
    Outcome.CHOOSE_LESSON: "info",
    Outcome.WAITLISTED: "waitlisted",
    Outcome.CARD_REPLACED: "refused",
    Outcome.NOT_OUR_CODE: "refused",
    Outcome.UNKNOWN_LEARNER: "refused",
    Outcome.CERTIFICATE: "info",
}


class OutcomePanel(QFrame):
    """Shows one answer; emits what the user chose to do about it."""

    enroll_requested = Signal(int, int)  # learner id, lesson id
    fee_requested = Signal(int)  # learner id
    lesson_chosen = Signal(int, int)  # learner id, lesson id
    undo_requested = Signal(int)  # attendance id

    def __init__(self, sounds: Sounds | None = None) -> None:
        super().__init__()
        self.setObjectName("outcome")
        self.sounds = sounds
        self.tz = zoneinfo.ZoneInfo("Asia/Shanghai")
        self.kind = "idle"
        self.shown: CheckInResult | None = None  # redrawn in the new language on a switch
        self._quiet = False
        self.headline = QLabel()
        self.headline.setObjectName("outcome_headline")
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel()
        self.detail.setObjectName("outcome_detail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.action_row = QHBoxLayout()
        self.action_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addLayout(self.action_row)
        self.setMinimumHeight(190)
        self.setStyleSheet(_STYLE)
        self.show_idle()

    # -- painting ------------------------------------------------------------

    def _paint(self, kind: str, headline: str, detail: str, *, sound: bool = True) -> None:
        self.kind = kind
        look = LOOKS[kind]
        if self.property("look") != kind:
            # One style sheet for every look, set once; a new look only
            # re-polishes the panel and its two labels. (Setting a style
            # sheet per scan parsed it again and re-polished the whole
            # panel: most of the time from a scan to its outcome painted.)
            self.setProperty("look", kind)
            for widget in (self, self.headline, self.detail):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self._clear_actions()
        if sound and not self._quiet and self.sounds is not None and look.sound:
            self.sounds.play(look.sound)

    def _clear_actions(self) -> None:
        while self.action_row.count() > 1:
            item = self.action_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _action(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(40)
        button.setStyleSheet("font-size:16px; padding:4px 16px;")
        button.clicked.connect(slot)
        self.action_row.insertWidget(self.action_row.count() - 1, button)
        return button

    def _time(self, value: dt.datetime | None) -> str:
        return value.astimezone(self.tz).strftime("%H:%M") if value else ""

    def time_text(self, value: dt.datetime | None) -> str:
        """A time as the desk shows it (the school's zone, hours and minutes)."""
        return self._time(value)

    def lesson_text(self, lesson: LessonRef | None) -> str:
        if lesson is None:
            return ""
        local = lesson.starts_at.astimezone(self.tz)
        weekday = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                   self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))[local.weekday()]
        room = f" · {lesson.room}" if lesson.room else ""
        return self.tr("{course} · {weekday} {date} {start}–{end}{room}").format(
            course=lesson.course_title, weekday=weekday, date=local.strftime("%m-%d"),
            start=local.strftime("%H:%M"), end=self._time(lesson.ends_at), room=room)

    def show_idle(self) -> None:
        self.shown = None
        self._paint("idle", self.tr("Ready: scan a learner card"),
                    self.tr("Or type pinyin, the last digits of a phone, or a card code, "
                            "and press Enter."), sound=False)

    def show_message(self, kind: str, headline: str, detail: str = "") -> None:
        self.shown = None
        self._paint(kind, headline, detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._quiet = True  # the same answer in other words: no second sound
            try:
                if self.shown is not None:
                    self.show_result(self.shown)
                elif self.kind == "idle":
                    self.show_idle()
            finally:
                self._quiet = False
        super().changeEvent(event)

    # -- one outcome -----------------------------------------------------------

    def show_result(self, result: CheckInResult) -> None:
        self.shown = result
        o, name = result.outcome, result.learner_name
        lesson = self.lesson_text(result.lesson)
        if o in (Outcome.CHECKED_IN, Outcome.LATE, Outcome.FEE_DUE):
            self._show_recorded(result, lesson)
        elif o is Outcome.ALREADY_CHECKED_IN:
            self._paint("already", self.tr("{name}: already checked in at {time}").format(
                name=name, time=self._time(result.at)), lesson)
        elif o is Outcome.NO_LESSON_NOW:
            detail = (self.tr("Next: {lesson}").format(lesson=lesson) if result.lesson
                      else self.tr("No more lessons of this learner's courses are planned."))
            self._paint("info", self.tr("{name}: no lesson now").format(name=name), detail)
        elif o is Outcome.OTHER_COURSE_TONIGHT:
            self._paint("info", self.tr("{name} is not on this lesson").format(name=name),
                        self.tr("Their class tonight: {lesson}").format(lesson=lesson))
        elif o is Outcome.WAITLISTED:
            self._show_waitlisted(result, lesson)
        elif o is Outcome.CHOOSE_LESSON:
            self._show_choice(result)
        elif o is Outcome.CARD_REPLACED:
            when = result.replaced_on.isoformat() if result.replaced_on else ""
            self._paint("refused", self.tr("Card replaced on {date}").format(date=when),
                        self.tr("{name} has a newer card; this old card no longer works.")
                        .format(name=name))
        elif o is Outcome.UNKNOWN_LEARNER:
            self._paint("refused", self.tr("Learner not found"),
                        self.tr("This card is genuine but its learner is not in this store."))
        else:
            self._show_unread(result.problem)

    def _show_unread(self, problem: TokenProblem | None) -> None:
        """A scan that named nobody, in words the clerk can act on."""
        if problem in (TokenProblem.MALFORMED, TokenProblem.BAD_SIGNATURE):
            self._paint("refused", self.tr("The card could not be read"),
                        self.tr("Scan it again, or look the learner up by name. "
                                "Nothing was recorded."))
        elif problem is TokenProblem.RUN_TOGETHER:
            self._paint("refused", self.tr("Two codes read as one"),
                        self.tr("Scan one card at a time. Nothing was recorded."))
        elif problem is TokenProblem.UNSUPPORTED:
            self._paint("refused", self.tr("A card from a newer FrontDesk"),
                        self.tr("Look the learner up by name. Nothing was recorded."))
        else:
            self._paint("refused", self.tr("Not a FrontDesk card"),
                        self.tr("This code is not a learner card. Nothing was recorded."))

    def _show_recorded(self, result: CheckInResult, lesson: str) -> None:
        name = result.learner_name
        if result.offline:  # kept on this desk; the store hears of it when the server is back
            lesson = "\n".join(filter(None, (lesson, self.tr(
                "Offline: kept on this desk, uploaded when the server is back."))))
        if result.outcome is Outcome.LATE:
            self._paint("late", self.tr("{name}: checked in, {n} min late").format(
                name=name, n=result.minutes_late), lesson)
        elif result.outcome is Outcome.FEE_DUE:
            self._paint("fee_due", self.tr("{name}: checked in, fee due {amount}").format(
                name=name, amount=format_fen(result.balance_fen)), lesson)
            learner_id = result.learner_id
            if learner_id is not None:
                self._action(self.tr("Take payment…"),
                             lambda: self.fee_requested.emit(learner_id))
        else:
            self._paint("checked_in", self.tr("{name}: checked in").format(name=name), lesson)
        attendance_id = result.attendance_id
        if attendance_id is not None:
            self._action(self.tr("Undo"), lambda: self.undo_requested.emit(attendance_id))

    def _show_waitlisted(self, result: CheckInResult, lesson: str) -> None:
        position = result.waitlist_position
        head = self.tr("{name} is on the waiting list, not enrolled").format(
            name=result.learner_name)
        detail = lesson
        if position:
            detail = self.tr("Place {n} on the waiting list · {lesson}").format(
                n=position, lesson=lesson)
        self._paint("waitlisted", head, detail)
        if result.can_enroll_now and result.learner_id and result.lesson:
            learner_id, lesson_id = result.learner_id, result.lesson.lesson_id
            self._action(self.tr("Seat free: enroll and check in"),
                         lambda: self.enroll_requested.emit(learner_id, lesson_id))

    def _show_choice(self, result: CheckInResult) -> None:
        self._paint("info", self.tr("{name} has two lessons now: which one?").format(
            name=result.learner_name), self.tr("Press the lesson to check in to."))
        learner_id = result.learner_id
        if learner_id is None:
            return
        for candidate in result.candidates:
            lesson_id = candidate.lesson_id
            self._action(self.lesson_text(candidate),
                         lambda _=False, lid=lesson_id: self.lesson_chosen.emit(learner_id, lid))
