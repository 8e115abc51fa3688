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

import io
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QMenu, QWidget

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.tokens import CardData
from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseSummary
from frontdesk.staff.roles import Action
from ui.kit import printing, widgets
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.output import Notice, Output, OutputDialog, deliver_pdf, file_name
from ui.kit.widgets import Banner, TranslatedButton
from ui.kit.words import describe
from ui.kit.worker import off_thread

T = TypeVar("T")
CARDS_PER_PAGE = 10  # frontdesk.documents.cards.PER_PAGE (not imported: ReportLab loads late)



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
        said = deliver_pdf(parent, pdf, file_name(name, "cards"), output)
    except DomainError as error:
        return Notice("error", describe(error))
    except OSError as error:
        text = QCoreApplication.translate("Cards", "The cards could not be made: {reason}")
        return Notice("error", text.format(reason=error.strerror or error))
    if said is None:
        return None
    text = QCoreApplication.translate("Cards", "{n} learner cards: {done}")
    return Notice("ok", text.format(n=len(cards), done=said))


def print_learner_cards(parent: QWidget, context: DeskContext, learner_ids: list[int],
                        output: Output | None = None) -> Notice | None:
    """Cards for the roster's selection: ask print or save (unless told), then do it."""
    try:
        sheet = context.act(checkin_actions.learner_card_sheet, learner_ids)
        cards, school = sheet.cards, sheet.school
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
        sheet = context.act(checkin_actions.class_card_sheet, course.id,
                            include_waitlisted=choice.option)
        cards, school = sheet.cards, sheet.school
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
        sheet = context.act(checkin_actions.learner_card_sheet, [learner_id])
        cards, school = sheet.cards, sheet.school
        if not cards:
            raise DomainError("learner_not_found", learner_id=learner_id)
        card = cards[0]
        path = printing.choose_save_path(
            parent, QCoreApplication.translate("Cards", "Save the card as an image"),
            file_name(f"{card.name} {card.code}", "cards") + ".png",
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
        cards = context.act(checkin_actions.learner_card_sheet, [learner_id]).cards
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
        done = context.act(checkin_actions.reissue_card, learner_id, context.now())
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
    "CourseCardsButton", "RosterCardsButton", "print_course_cards", "print_learner_cards",
    "reissue_interactively", "save_card_image",
]
