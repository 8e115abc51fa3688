"""Learner cards from the windows: a sheet for a selection or a class, one
card as an image for a phone, and a new card for a lost one.

The core makes the cards (``frontdesk.checkin.tokens``) and draws them
(``frontdesk.documents.cards``); this module asks what to do, draws off the
GUI thread and hands the PDF to ``ui.kit.printing`` (print with preview, or
save). Every flow returns a ``Notice`` for the page's banner, or None when
the user cancelled. Reading the cards is a write transaction only because
the school's card secret is made on first use.
"""

from __future__ import annotations

import enum
import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from frontdesk.checkin.tokens import CardData, cards_for_course, cards_for_learners, reissue_card
from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseSummary
from frontdesk.settings import load_settings, school_secret
from frontdesk.staff.roles import Action
from ui.kit import printing, widgets
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.widgets import Banner
from ui.kit.words import describe
from ui.kit.worker import run_with_progress

T = TypeVar("T")
CARDS_PER_PAGE = 10  # frontdesk.documents.cards.PER_PAGE (not imported: ReportLab loads late)



@dataclass(frozen=True)
class Notice:
    """What the page's banner says after a flow: kind is "ok", "warn" or "error"."""

    kind: str
    text: str

    def show_in(self, banner: Banner) -> None:
        {"ok": banner.ok, "warn": banner.warn}.get(self.kind, banner.error)(self.text)


class Output(enum.Enum):
    PRINT = "print"  # the print dialog, with preview
    PDF = "pdf"  # saved as a PDF file
    IMAGE = "image"  # one card as a PNG, to send to a phone


@dataclass(frozen=True)
class OutputChoice:
    output: Output
    option: bool = False  # the dialog's check box (e.g. "with the waiting list")


class OutputDialog(QDialog):
    """What to make: print, save as PDF (or a card image); a check box if asked."""

    def __init__(self, parent: QWidget | None, title: str, text: str,
                 choices: Sequence[Output] = (Output.PRINT, Output.PDF),
                 option: str | None = None, cancel: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: Output | None = None
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setMinimumWidth(380)
        self.has_option = option is not None
        self.option_box = QCheckBox(option or "")
        self.option_box.setVisible(self.has_option)
        self.extra = QVBoxLayout()
        self.buttons = QDialogButtonBox()
        self.choice_buttons: dict[Output, QPushButton] = {}
        for output in choices:
            button = self.buttons.addButton(self.choice_text(output),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _=False, o=output: self.choose(o))
            self.choice_buttons[output] = button
        self.choice_buttons[choices[0]].setDefault(True)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if cancel:
            close.setText(cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        layout.addLayout(self.extra)
        layout.addWidget(self.option_box)
        layout.addWidget(self.buttons)

    @staticmethod
    def choice_text(output: Output) -> str:
        return {Output.PRINT: QCoreApplication.translate("Cards", "Print…"),
                Output.PDF: QCoreApplication.translate("Cards", "Save as PDF…"),
                Output.IMAGE: QCoreApplication.translate("Cards", "Card image (PNG)…")}[output]

    def choose(self, output: Output) -> None:
        self.chosen = output
        self.accept()

    def choice(self) -> OutputChoice | None:
        if self.chosen is None:
            return None
        return OutputChoice(self.chosen, self.has_option and self.option_box.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str,
            choices: Sequence[Output] = (Output.PRINT, Output.PDF),
            option: str | None = None, cancel: str | None = None) -> OutputChoice | None:
        dialog = cls(parent, title, text, choices, option, cancel)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


# Doing it -------------------------------------------------------------------------


def off_thread(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """``work()`` on a worker thread behind a progress dialog; raises what it raised."""
    outcome = run_with_progress(parent, label, None, lambda _report: work())
    if outcome.error is not None:
        raise outcome.error
    result: T = outcome.result
    return result


def deliver_pdf(parent: QWidget | None, pdf: bytes, name: str, output: Output) -> str | None:
    """Print (with preview) or save the PDF; the sentence for the banner, None if cancelled.

    Raises OSError when the file cannot be written or read back.
    """
    if output is Output.PRINT:
        with tempfile.TemporaryDirectory(prefix="frontdesk-print-") as folder:
            target = Path(folder) / (name + ".pdf")
            target.write_bytes(pdf)
            printed = printing.print_pdf(parent, target)
        return QCoreApplication.translate("Cards", "Sent to the printer.") if printed else None
    path = printing.save_pdf_as(parent, pdf, name + ".pdf")
    if path is None:
        return None
    return QCoreApplication.translate("Cards", "Saved to {path}.").format(path=path)


def _selection(session: Session, learner_ids: list[int]) -> tuple[list[CardData], str]:
    return cards_for_learners(session, school_secret(session), learner_ids), \
        load_settings(session).name


def _class(session: Session, course_id: int, waitlisted: bool) -> tuple[list[CardData], str]:
    secret = school_secret(session)
    cards = cards_for_course(session, secret, course_id, include_waitlisted=waitlisted)
    return cards, load_settings(session).name


def sheet_text(count: int) -> str:
    pages = (count + CARDS_PER_PAGE - 1) // CARDS_PER_PAGE
    text = QCoreApplication.translate(
        "Cards", "{n} learner cards on {pages} A4 pages (10 a page, cut along the marks).")
    return text.format(n=count, pages=pages)


def deliver_cards(parent: QWidget | None, cards: list[CardData], school: str, name: str,
                  output: Output) -> Notice | None:
    """Draw the sheet off the GUI thread, then print or save it."""
    from frontdesk.documents.cards import render_cards_pdf

    def draw() -> bytes:
        buffer = io.BytesIO()
        render_cards_pdf(buffer, cards, school)
        return buffer.getvalue()

    try:
        label = QCoreApplication.translate("Cards", "Drawing {n} learner cards…")
        label = label.format(n=len(cards))
        pdf = off_thread(parent, label, draw)
        said = deliver_pdf(parent, pdf, printing_name(name), output)
    except DomainError as error:
        return Notice("error", describe(error))
    except OSError as error:
        text = QCoreApplication.translate("Cards", "The cards could not be made: {reason}")
        return Notice("error", text.format(reason=error.strerror or error))
    if said is None:
        return None
    text = QCoreApplication.translate("Cards", "{n} learner cards: {done}")
    return Notice("ok", text.format(n=len(cards), done=said))


def printing_name(text: str) -> str:
    """A file name from ``text``: no characters a file system refuses."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text)
    return cleaned.strip(" .") or "cards"


def print_learner_cards(parent: QWidget, context: DeskContext, learner_ids: list[int],
                        output: Output | None = None) -> Notice | None:
    """Cards for the roster's selection: ask print or save (unless told), then do it."""
    try:
        cards, school = context.write(_selection, learner_ids)
    except DomainError as error:
        return Notice("error", describe(error))
    if not cards:
        return Notice("error", describe(DomainError("no_cards")))
    if output is None:
        title = QCoreApplication.translate("Cards", "Print learner cards")
        choice = OutputDialog.ask(parent, title, sheet_text(len(cards)))
        if choice is None:
            return None
        output = choice.output
    name = cards[0].name + " " + cards[0].code if len(cards) == 1 else \
        QCoreApplication.translate("Cards", "learner cards ({n})").format(n=len(cards))
    return deliver_cards(parent, cards, school, name, output)


def print_course_cards(parent: QWidget, context: DeskContext,
                       course: CourseSummary) -> Notice | None:
    """Cards for a course's class list (and its waiting list if asked)."""
    option = QCoreApplication.translate("Cards", "Also the {n} on the waiting list")
    text = QCoreApplication.translate(
        "Cards", "Learner cards for everyone seated on {course} ({n} learners).")
    choice = OutputDialog.ask(
        parent, QCoreApplication.translate("Cards", "Print class cards"),
        text.format(course=course.title, n=course.seated),
        option=option.format(n=course.waiting) if course.waiting else None)
    if choice is None:
        return None
    try:
        cards, school = context.write(_class, course.id, choice.option)
    except DomainError as error:
        return Notice("error", describe(error))
    if not cards:
        return Notice("error", describe(DomainError("no_cards")))
    name = QCoreApplication.translate("Cards", "learner cards {code} {title}").format(
        code=course.code, title=course.title)
    return deliver_cards(parent, cards, school, name, choice.output)


def save_card_image(parent: QWidget, context: DeskContext, learner_id: int) -> Notice | None:
    """One card as a PNG where the user says, to send to the learner's phone."""
    from frontdesk.documents.cards import render_card_png

    try:
        cards, school = context.write(_selection, [learner_id])
        if not cards:
            raise DomainError("learner_not_found", learner_id=learner_id)
        card = cards[0]
        path = printing.choose_save_path(
            parent, QCoreApplication.translate("Cards", "Save the card as an image"),
            printing_name(f"{card.name} {card.code}") + ".png",
            QCoreApplication.translate("Cards", "PNG images (*.png)"), ".png")
        if path is None:
            return None
        png = off_thread(parent, QCoreApplication.translate("Cards", "Drawing the card…"),
                         lambda: render_card_png(card, school))
        path.write_bytes(png)
    except DomainError as error:
        return Notice("error", describe(error))
    except OSError as error:
        text = QCoreApplication.translate("Cards", "The card image could not be saved: {reason}")
        return Notice("error", text.format(reason=error.strerror or error))
    text = QCoreApplication.translate("Cards",
                                      "Card of {name} saved to {path}: send it to their phone.")
    return Notice("ok", text.format(name=card.name, path=path))


def reissue_interactively(parent: QWidget, context: DeskContext,
                          learner_id: int) -> Notice | None:
    """A lost card: confirm, make the new card, then offer to print it at once."""
    try:
        cards, _school = context.write(_selection, [learner_id])
    except DomainError as error:
        return Notice("error", describe(error))
    if not cards:
        return Notice("error", describe(DomainError("learner_not_found", learner_id=learner_id)))
    old = cards[0]
    question = QCoreApplication.translate(
        "Cards", "Make a new card for {name} ({code})? The card they have now stops working at "
        "once: scanning it will say it was replaced.")
    if not widgets.confirm(parent, QCoreApplication.translate("Cards", "Re-issue a card"),
                           question.format(name=old.name, code=old.code)):
        return None
    try:
        done = context.write(reissue_card, learner_id, context.actor, context.now())
    except DomainError as error:
        return Notice("error", describe(error))
    day = done.replaced_at.astimezone(context.settings().tz()).date().isoformat()
    said = QCoreApplication.translate(
        "Cards", "{name} has a new card (version {n}). The old card no longer works: scanning "
        "it says “card replaced on {date}”.").format(name=done.name, n=done.card_version, date=day)
    followed = _print_new_card(parent, context, learner_id, said)
    return Notice(followed.kind if followed else "ok",
                  said + (" " + followed.text if followed else ""))


def _print_new_card(parent: QWidget, context: DeskContext, learner_id: int,
                    said: str) -> Notice | None:
    question = said + "\n\n" + QCoreApplication.translate("Cards", "Print the new card now?")
    title = QCoreApplication.translate("Cards", "Print the new card")
    choice = OutputDialog.ask(parent, title, question, (Output.PRINT, Output.PDF, Output.IMAGE),
                              cancel=QCoreApplication.translate("Cards", "Later"))
    if choice is None:
        return None
    if choice.output is Output.IMAGE:
        return save_card_image(parent, context, learner_id)
    return print_learner_cards(parent, context, [learner_id], choice.output)


# The buttons the pages show ---------------------------------------------------------


class TranslatedButton(QPushButton):
    """A button that sets its own texts again when the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Set the texts; each button names its own."""


class RosterCardsButton(TranslatedButton):
    """"Cards" with a menu: print the selection's cards, one card as an image,
    re-issue a lost card. Enabled per selection (``update_enabled``)."""

    def __init__(self, context: DeskContext, selected_ids: Callable[[], list[int]],
                 banner: Banner) -> None:
        super().__init__(icon("checkin"), "")
        self.setObjectName("cards")
        self.context = context
        self.selected_ids = selected_ids
        self.banner = banner
        menu = QMenu(self)
        self.print_action = menu.addAction("", self.on_print_action_triggered)
        self.image_action = menu.addAction("", self.on_image_action_triggered)
        menu.addSeparator()
        self.reissue_action = menu.addAction("", self.on_reissue_action_triggered)
        self.reissue_action.setVisible(context.may(Action.LEARNER_EDIT))
        menu.aboutToShow.connect(self.update_enabled)
        self.setMenu(menu)
        self.retranslate_ui()
        self.update_enabled()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Cards"))
        self.print_action.setText(self.tr("Print cards of the selected learners…"))
        self.image_action.setText(self.tr("Card image (PNG) to send to a phone…"))
        self.reissue_action.setText(self.tr("Re-issue a lost card…"))

    @Slot()
    def update_enabled(self) -> None:
        n = len(self.selected_ids())
        self.print_action.setEnabled(n > 0)
        self.image_action.setEnabled(n == 1)
        self.reissue_action.setEnabled(n == 1)
        self.setEnabled(n > 0)

    def _one(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def _show(self, notice: Notice | None) -> None:
        if notice is not None:
            notice.show_in(self.banner)

    @Slot()
    def on_print_action_triggered(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._show(print_learner_cards(self.window(), self.context, ids))

    @Slot()
    def on_image_action_triggered(self) -> None:
        learner_id = self._one()
        if learner_id is not None:
            self._show(save_card_image(self.window(), self.context, learner_id))

    @Slot()
    def on_reissue_action_triggered(self) -> None:
        learner_id = self._one()
        if learner_id is not None:
            self._show(reissue_interactively(self.window(), self.context, learner_id))


class CourseCardsButton(TranslatedButton):
    """"Print class cards…" under a course's class list."""

    def __init__(self, context: DeskContext, current_course: Callable[[], Any],
                 banner: Banner) -> None:
        super().__init__(icon("checkin"), "")
        self.setObjectName("class_cards")
        self.context = context
        self.current_course = current_course
        self.banner = banner
        self.clicked.connect(self.on_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Print class cards…"))

    @Slot()
    def on_clicked(self) -> None:
        course = self.current_course()
        if course is not None:
            notice = print_course_cards(self.window(), self.context, course)
            if notice is not None:
                notice.show_in(self.banner)


__all__ = [
    "CourseCardsButton", "Notice", "Output", "OutputChoice", "OutputDialog", "RosterCardsButton",
    "TranslatedButton",
    "deliver_pdf", "off_thread", "print_course_cards", "print_learner_cards",
    "reissue_interactively", "save_card_image",
]
