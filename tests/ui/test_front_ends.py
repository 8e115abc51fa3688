"""The windows and the command line reach a desk job through the same action.

Every action checks who acts through ``frontdesk.actions.authorise``; a spy
on it records which job ran under which permission, whichever way a front
end imported the action. The fees page is driven as the desk drives it; the
CLI runs in-process on the same store.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

import frontdesk.actions
from frontdesk.cli import main as cli_main
from frontdesk.errors import DomainError
from frontdesk.fees import actions as fees_actions
from frontdesk.fees.view import outstanding
from frontdesk.messages import describe as cli_describe
from frontdesk.staff.roles import Action
from frontdesk.store.models import Course, Enrollment, Learner, LedgerEntry
from frontdesk.vocab import EnrollmentStatus
from tests.ui.arrange import ArrangingDesk
from ui.fees.page import FeesPage
from ui.kit import printing
from ui.kit.widgets import money
from ui.kit.words import describe_code

PAY = (fees_actions.pay.job_function, fees_actions.pay.permission)  # type: ignore[attr-defined]
FEE_DUE, BALANCE, SUBSIDY = 3, 8, 9  # columns of the fees page's enrollments table


@dataclass(frozen=True)
class Place:
    learner_id: int
    enrollment_id: int
    learner_code: str
    course_code: str


@pytest.fixture
def jobs(monkeypatch) -> list[tuple[object, Action | None]]:
    """(job function, permission) of every action run while the test runs."""
    seen: list[tuple[object, Action | None]] = []
    real = frontdesk.actions.authorise

    def watching(session, actor, permission):  # type: ignore[no-untyped-def]
        job = sys._getframe(1).f_locals.get("fn")  # the action's own job function
        seen.append((job, permission))
        return real(session, actor, permission)

    monkeypatch.setattr(frontdesk.actions, "authorise", watching)
    return seen


@pytest.fixture
def page(qtbot, desk, monkeypatch):
    monkeypatch.setattr(printing, "print_pdf", lambda *a, **k: True)
    page = FeesPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.activate()
    qtbot.waitExposed(page)
    return page


def _place(desk: ArrangingDesk, *, waitlisted: bool) -> Place:
    """A place on a paying course: owing (seated, nothing paid) or on its waiting list."""
    with desk.store.read() as s:
        query = (select(Enrollment.learner_id, Enrollment.id, Learner.code, Course.code)
                 .join(Learner, Learner.id == Enrollment.learner_id)
                 .join(Course, Course.id == Enrollment.course_id)
                 .where(Enrollment.fee_due_fen > 0, Learner.anonymised_at.is_(None))
                 .order_by(Enrollment.id))
        if waitlisted:
            row = s.execute(query.where(Enrollment.status == EnrollmentStatus.WAITLISTED)).first()
        else:
            owing = {r.enrollment_id for r in outstanding(s) if r.paid_fen == 0}
            row = next(r for r in s.execute(query) if r[1] in owing)
    assert row is not None, "the demo school has such a place"
    return Place(*row)


def _ledger_size(desk: ArrangingDesk) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(LedgerEntry)) or 0


def _cli(desk: ArrangingDesk, *args: str) -> int:
    return cli_main(["--db", str(desk.store.sqlite_path), "--lang", "en", "--desk", "前台2",
                     *args])


def _pay_in_window(qtbot, page: FeesPage, place: Place, amount: str) -> None:
    page.show_learner(place.learner_id)
    panel = page.learner_panel
    row = next(i for i, f in enumerate(panel.enrollments.rows)
               if f.enrollment_id == place.enrollment_id)
    panel.enrollments_view.selectRow(row)
    panel.amount_edit.selectAll()
    qtbot.keyClicks(panel.amount_edit, amount)
    qtbot.keyClick(panel.amount_edit, Qt.Key.Key_Return)


def test_the_fees_page_takes_a_payment_through_the_pay_action(qtbot, page, desk, jobs):
    place = _place(desk, waitlisted=False)
    before = _ledger_size(desk)
    _pay_in_window(qtbot, page, place, "100")
    assert page.banner.kind == "ok"
    assert _ledger_size(desk) == before + 1
    assert PAY in jobs


def test_the_command_line_takes_a_payment_through_the_same_action(desk, jobs, capsys):
    place = _place(desk, waitlisted=False)
    before = _ledger_size(desk)
    assert _cli(desk, "pay", "--learner", place.learner_code, "--course", place.course_code,
                "--amount", "50", "--method", "cash") == 0
    assert _ledger_size(desk) == before + 1
    assert PAY in jobs


def test_a_waitlisted_learner_owes_nothing_in_the_window_and_on_the_command_line(
        qtbot, page, desk, capsys):
    place = _place(desk, waitlisted=True)
    before = _ledger_size(desk)

    # The window: no fee due, no balance, nothing to type, and the ledger's own words.
    page.show_learner(place.learner_id)
    panel = page.learner_panel
    row = next(i for i, f in enumerate(panel.enrollments.rows)
               if f.enrollment_id == place.enrollment_id)
    panel.enrollments_view.selectRow(row)
    shown = panel.enrollments
    assert shown.index(row, FEE_DUE).data() == money(0)
    assert shown.index(row, BALANCE).data() == money(0)
    assert shown.index(row, SUBSIDY).data() == money(0)  # no seat, no subsidy yet (as reported)
    assert not panel.pay_button.isEnabled() and not panel.amount_edit.isEnabled()
    assert panel.amount_edit.text() == ""
    assert panel.place_note.isVisible()
    assert panel.place_note.text() == describe_code("enrollment_waitlisted")
    # … the outstanding list leaves them out …
    page.outstanding.refresh()
    assert place.enrollment_id not in {r.enrollment_id for r in page.outstanding.model.rows}
    # … and the action the window would call refuses with the same code.
    with pytest.raises(DomainError) as refused:
        desk.act(fees_actions.pay, place.enrollment_id, 10000, "cash", desk.now())
    assert refused.value.code == "enrollment_waitlisted"

    # The command line: the same refusal in words, nothing written, not listed as owing.
    assert _cli(desk, "pay", "--learner", place.learner_code, "--course", place.course_code,
                "--amount", "100", "--method", "cash") == 2
    assert cli_describe("enrollment_waitlisted", {}, "en") in capsys.readouterr().err
    assert _cli(desk, "outstanding", "--course", place.course_code) == 0
    assert place.learner_code not in capsys.readouterr().out
    assert _ledger_size(desk) == before
