"""Learner cards from the roster and the courses page, as the desk makes them.

The print and save dialogs are replaced by their seams (``ui.kit.printing``,
``OutputDialog.ask``, ``widgets.confirm``); the PDFs are read back with
pdftotext and the card images decoded with zxing-cpp, as a phone's camera
at the desk would read them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from frontdesk.checkin.scan import RECORDED, Outcome
from frontdesk.checkin.tokens import make_token
from frontdesk.roster.courses import course_summaries
from frontdesk.settings import school_secret
from frontdesk.store.models import Course, Enrollment, Learner, Lesson
from frontdesk.vocab import EnrollmentStatus
from ui.checkin.page import CheckInPage
from ui.courses.page import CoursesPage
from ui.kit import printing, widgets
from ui.kit.context import DeskContext
from ui.kit.output import Output, OutputChoice, OutputDialog
from ui.roster.page import RosterPage

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def decode_png(path: Path) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(Image.open(path))]


def current_token(ctx: DeskContext, learner_id: int) -> str:
    with ctx.store.write() as s:
        learner = s.get(Learner, learner_id)
        assert learner is not None
        return make_token(school_secret(s), learner.code, learner.card_version)


@pytest.fixture
def roster(qtbot, desk) -> RosterPage:
    page = RosterPage(desk)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def click_row(qtbot, page: RosterPage, row: int, *, add: bool = False) -> None:
    view = page.table
    rect = view.visualRect(page.model.index(row, 1))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def find_and_select(qtbot, page: RosterPage, code: str) -> None:
    """Type the learner's card code in the search box and click the one found."""
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, code)
    qtbot.waitUntil(lambda: page.model.query == code, timeout=2000)
    assert page.model.rowCount() == 1
    click_row(qtbot, page, 0)


def save_to(monkeypatch, target: Path) -> list[str]:
    """The save dialog answers ``target``; returns the titles it was asked with."""
    asked: list[str] = []

    def choose(_parent, title, _name, _kinds, _suffix):  # type: ignore[no-untyped-def]
        asked.append(title)
        return target

    monkeypatch.setattr(printing, "choose_save_path", choose)
    return asked


def answer_output(monkeypatch, choice: OutputChoice | None) -> list[str]:
    """The print-or-save question answers ``choice``; returns the texts it showed."""
    shown: list[str] = []

    def ask(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        shown.append(text)
        return choice

    monkeypatch.setattr(OutputDialog, "ask", ask)
    return shown


@needs_poppler
def test_print_cards_for_three_selected_learners(qtbot, roster, desk, monkeypatch, tmp_path):
    for row, add in ((0, False), (1, True), (2, True)):
        click_row(qtbot, roster, row, add=add)
    chosen = roster.selected_ids()
    assert len(chosen) == 3
    assert roster.cards_button.isEnabled()
    assert roster.cards_button.print_action.isEnabled()
    assert not roster.cards_button.image_action.isEnabled()  # one learner only
    shown = answer_output(monkeypatch, OutputChoice(Output.PDF))
    target = tmp_path / "cards.pdf"
    save_to(monkeypatch, target)

    roster.cards_button.print_action.trigger()

    assert "3" in shown[0]
    text = pdf_text(target)
    with desk.store.read() as s:
        names = [s.get(Learner, i).name for i in chosen]
    for name in names:
        assert name in text
    assert roster.banner.kind == "ok"
    assert str(target) in roster.banner.text()


def test_cards_sent_to_the_printer(qtbot, roster, monkeypatch, tmp_path):
    click_row(qtbot, roster, 0)
    click_row(qtbot, roster, 1, add=True)
    answer_output(monkeypatch, OutputChoice(Output.PRINT))
    printed: list[bytes] = []

    def print_pdf(_parent, path, **_kwargs):  # type: ignore[no-untyped-def]
        printed.append(Path(path).read_bytes())  # the temporary file goes afterwards
        return True

    monkeypatch.setattr(printing, "print_pdf", print_pdf)
    roster.cards_button.print_action.trigger()
    assert len(printed) == 1 and printed[0].startswith(b"%PDF")
    assert roster.banner.kind == "ok"


def test_nothing_selected_offers_no_cards(roster):
    assert roster.selected_ids() == []
    assert not roster.cards_button.isEnabled()


def test_card_image_decodes_to_the_learners_token(qtbot, roster, desk, monkeypatch, tmp_path):
    with desk.store.read() as s:
        learner = s.scalars(select(Learner).order_by(Learner.id).limit(1)).one()
        learner_id, code = learner.id, learner.code
    find_and_select(qtbot, roster, code)
    assert roster.cards_button.image_action.isEnabled()
    target = tmp_path / "card.png"
    save_to(monkeypatch, target)

    roster.cards_button.image_action.trigger()

    assert decode_png(target) == [current_token(desk, learner_id)]
    assert roster.banner.kind == "ok"


def _seated_tonight(ctx: DeskContext) -> tuple[int, str]:
    """A learner seated on a free course with a lesson open now (19:00 tonight)."""
    from frontdesk.vocab import FeeTier

    now = ctx.now()
    with ctx.store.read() as s:
        rows = s.execute(
            select(Learner.id, Learner.code)
            .join(Enrollment, Enrollment.learner_id == Learner.id)
            .join(Course, Course.id == Enrollment.course_id)
            .join(Lesson, Lesson.course_id == Course.id)
            .where(Enrollment.status == EnrollmentStatus.ENROLLED,
                   Course.fee_tier == FeeTier.FREE,
                   Lesson.starts_at <= now, Lesson.ends_at > now)
            .order_by(Learner.id)
        ).all()
    counts: dict[int, int] = {}
    for learner_id, _code in rows:
        counts[learner_id] = counts.get(learner_id, 0) + 1
    return next((lid, code) for lid, code in rows if counts[lid] == 1)


def test_reissue_refuses_the_old_card_and_the_new_one_checks_in(qtbot, roster, desk,
                                                                 monkeypatch, tmp_path):
    learner_id, code = _seated_tonight(desk)
    old_token = current_token(desk, learner_id)
    find_and_select(qtbot, roster, code)
    asked: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _p, title, text: asked.append(text) or True)
    answer_output(monkeypatch, OutputChoice(Output.IMAGE))
    target = tmp_path / "new card.png"
    save_to(monkeypatch, target)

    roster.cards_button.reissue_action.trigger()

    assert code in asked[0]
    new_token = current_token(desk, learner_id)
    assert new_token != old_token
    assert decode_png(target) == [new_token]  # the new card, ready for the phone
    assert roster.banner.kind == "ok"
    assert "2026-12-01" in roster.banner.text()  # "card replaced on <date>"

    desk_page = CheckInPage(desk)
    qtbot.addWidget(desk_page)
    for token, expected in ((old_token, {Outcome.CARD_REPLACED}), (new_token, RECORDED)):
        qtbot.keyClicks(desk_page.scan_field, token)
        qtbot.keyClick(desk_page.scan_field, Qt.Key.Key_Return)
        assert desk_page.last_result is not None
        assert desk_page.last_result.outcome in expected
        assert desk_page.last_result.learner_id == learner_id


def test_reissue_not_confirmed_changes_nothing(qtbot, roster, desk, monkeypatch):
    learner_id, code = _seated_tonight(desk)
    before = current_token(desk, learner_id)
    find_and_select(qtbot, roster, code)
    monkeypatch.setattr(widgets, "confirm", lambda *_a: False)
    roster.cards_button.reissue_action.trigger()
    assert current_token(desk, learner_id) == before
    assert not roster.banner.isVisible()


@needs_poppler
def test_class_cards_with_the_waiting_list(qtbot, desk, monkeypatch, tmp_path):
    page = CoursesPage(desk)
    qtbot.addWidget(page)
    page.show()
    assert not page.cards_button.isEnabled()  # no course chosen yet
    course = max(desk.read(course_summaries), key=lambda c: (c.waiting, c.seated))
    assert course.waiting > 0
    page.select_course(course.id)
    assert page.cards_button.isEnabled()
    answer_output(monkeypatch, OutputChoice(Output.PDF, option=True))
    target = tmp_path / "class.pdf"
    save_to(monkeypatch, target)

    qtbot.mouseClick(page.cards_button, Qt.MouseButton.LeftButton)

    with desk.store.read() as s:
        listed = dict(s.execute(select(Enrollment.status, func.count()).where(
            Enrollment.course_id == course.id).group_by(Enrollment.status)).all())
        waiting = s.scalars(select(Learner.name).join(Enrollment).where(
            Enrollment.course_id == course.id,
            Enrollment.status == EnrollmentStatus.WAITLISTED)).all()
    assert listed[EnrollmentStatus.WAITLISTED] == course.waiting
    text = pdf_text(target)
    assert all(name in text for name in waiting)
    assert f"{course.seated + course.waiting}" in page.banner.text()


def test_output_dialog_answers_the_button_clicked(qtbot):
    dialog = OutputDialog(None, "Cards", "3 cards", option="with the waiting list")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.option_box.isVisible()
    box = dialog.option_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(dialog.choice_buttons[Output.PDF], Qt.MouseButton.LeftButton)
    assert dialog.choice() == OutputChoice(Output.PDF, True)

    cancelled = OutputDialog(None, "Cards", "3 cards")
    qtbot.addWidget(cancelled)
    cancelled.show()
    qtbot.mouseClick(cancelled.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert cancelled.choice() is None


def test_a_file_that_cannot_be_written_is_said(qtbot, roster, monkeypatch, tmp_path):
    click_row(qtbot, roster, 0)
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    save_to(monkeypatch, blocker / "card.png")
    roster.cards_button.image_action.trigger()
    assert roster.banner.kind == "error"
    assert "学员卡图片未能保存" in roster.banner.text()
    assert not (blocker / "card.png").exists()
