"""The audit trail as an admin reads it, and personal data leaving or being erased."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from frontdesk.privacy import personal_data as privacy
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.roster.search import search_learners
from frontdesk.staff import accounts as staff_domain
from frontdesk.staff.accounts import SignedIn
from frontdesk.staff.audit_view import audit_events
from frontdesk.vocab import StaffRole
from ui.kit import export, widgets
from ui.kit.context import DeskContext
from ui.kit.learner_picker import LearnerPicker
from ui.roster.page import RosterPage
from ui.staff.audit_model import AuditModel, action_text
from ui.staff.audit_page import AuditPage

PASSWORD = "night-school-1"


@pytest.fixture
def admin(desk: DeskContext) -> SignedIn:
    who = desk.write(staff_domain.create_first_admin, "boss", "Wang Li", PASSWORD, desk.now(),
                     desk=desk.desk)
    desk.sign_in_as(who)
    return who


def _learner(ctx: DeskContext, name: str, phone: str) -> int:
    with ctx.store.write() as s:
        return add_learner(s, LearnerInput(name, phone), ctx.actor, ctx.now()).id


def _column(model: AuditModel, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _choose(box, data) -> None:  # type: ignore[no-untyped-def]
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


@pytest.fixture
def page(qtbot, desk, admin):  # type: ignore[no-untyped-def]
    page = AuditPage(desk)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_filters_by_action_and_learner_and_exports(qtbot, qtmodeltester, desk, admin, monkeypatch,
                                                  tmp_path):
    first = _learner(desk, "陈晓燕", "13800001111")
    second = _learner(desk, "林海", "13800002222")
    for learner_id in (first, second):
        desk.write(privacy.set_followup_consent, learner_id, True, desk.actor, desk.now())
    desk.write(staff_domain.sign_in, "boss", "a wrong one", desk.desk, desk.now())
    page = AuditPage(desk)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)

    _choose(page.action_box, "learner.consent")
    assert _column(page.model, 3) == [action_text("learner.consent")] * 2
    assert set(_column(page.model, 4)) == {
        f"{name} ({code})" for name, code in
        desk.read(lambda s: [(r.learner_name, r.learner_code) for r in audit_events(
            s, action_prefix="learner.consent")])}
    assert all(s == "Wang Li" for s in _column(page.model, 1))

    monkeypatch.setattr(LearnerPicker, "ask", classmethod(lambda cls, *a: first))
    qtbot.mouseClick(page.learner_button, Qt.MouseButton.LeftButton)
    assert len(_column(page.model, 4)) == 1 and _column(page.model, 4)[0].startswith("陈晓燕")
    assert page.learner_button.text().startswith("陈晓燕")

    page.on_clear_learner_clicked()
    _choose(page.action_box, "staff.")
    assert action_text("staff.sign_in_failed") in _column(page.model, 3)
    assert action_text("learner.consent") not in _column(page.model, 3)

    target = tmp_path / "trail.xlsx"
    monkeypatch.setattr(export, "choose_xlsx_path", lambda *a: target)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "ok"
    sheet = openpyxl.load_workbook(target).active
    actions = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert actions == [r.action for r in desk.read(audit_events, action_prefix="staff.")
                       if r.action != "export.audit"]
    recorded = desk.read(audit_events, action_prefix="export.audit")
    assert [(e.staff_id, (e.after or {}).get("rows")) for e in recorded] == [
        (admin.staff_id, len(actions))]


def test_date_range_and_staff_filter(qtbot, desk, admin, page):
    clerk_row = desk.write(staff_domain.add_staff, "clerk", "Li Na", StaffRole.DESK, PASSWORD,
                           desk.actor, desk.now())
    desk.write(staff_domain.sign_in, "clerk", PASSWORD, desk.desk, desk.now())
    page.activate()
    _choose(page.staff_box, clerk_row.id)
    assert _column(page.model, 3) == [action_text("staff.sign_in")]
    # The day before yesterday holds nothing of the clerk's.
    page.to_edit.setDate(page.to_edit.date().addDays(-2))
    assert page.model.rowCount() == 0


def test_pages_through_a_long_trail(qtbot, desk, admin, page):
    for _ in range(260):
        desk.write(staff_domain.sign_out, desk.actor, desk.now())
    page.activate()
    assert page.model.rowCount() == 200 and page.model.canFetchMore()
    page.model.fetchMore()
    ids = [row.id for row in page.model.rows]
    assert len(ids) >= 261 and ids == sorted(set(ids), reverse=True)


def test_roster_export_is_recorded_in_the_trail(qtbot, desk, admin, monkeypatch, tmp_path):
    roster = RosterPage(desk)
    qtbot.addWidget(roster)
    monkeypatch.setattr(export, "choose_xlsx_path", lambda *a: tmp_path / "r.xlsx")
    qtbot.mouseClick(roster.export_button, Qt.MouseButton.LeftButton)
    assert roster.banner.kind == "ok"
    events = desk.read(audit_events, action_prefix="export.")
    assert [(e.action, e.staff_id, (e.after or {}).get("full_phone")) for e in events] == [
        ("export.roster", admin.staff_id, False)]


def test_anonymising_from_the_roster_asks_first(qtbot, desk, admin, monkeypatch):
    learner_id = _learner(desk, "周可欣", "13900003333")
    roster = RosterPage(desk)
    qtbot.addWidget(roster)
    roster.select_learner(learner_id)
    code = roster.model.row_at(roster.model.row_of(learner_id)).code
    asked: list[str] = []

    def confirm(_parent, _title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(widgets, "confirm", confirm)
    answer = False
    qtbot.mouseClick(roster.anonymise_button, Qt.MouseButton.LeftButton)
    assert "周可欣" in asked[0]
    assert roster.model.row_of(learner_id) is not None  # said no: nothing happened

    answer = True
    qtbot.mouseClick(roster.anonymise_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert roster.banner.kind == "ok" and f"已匿名-{code}" in roster.banner.text()
    assert roster.model.row_of(learner_id) is None
    assert desk.read(search_learners, "周可欣") == []
    # The audit trail names the learner as the roster does now.
    page = AuditPage(desk)
    qtbot.addWidget(page)
    _choose(page.action_box, "learner.anonymise")
    assert _column(page.model, 4) == [f"已匿名-{code} ({code})"]


def test_a_desk_account_cannot_anonymise_or_import(qtbot, desk, admin):
    desk.write(staff_domain.add_staff, "clerk", "Li Na", StaffRole.DESK, PASSWORD, desk.actor,
               desk.now())
    desk.sign_in_as(desk.write(staff_domain.sign_in, "clerk", PASSWORD, desk.desk,
                               desk.now()).result())
    roster = RosterPage(desk)
    qtbot.addWidget(roster)
    roster.show()
    assert roster.export_button.isVisible()
    assert not roster.anonymise_button.isVisible() and not roster.import_button.isVisible()


def test_the_trail_and_the_backups_speak_in_words_not_codes(qtbot):
    import datetime as dt

    from frontdesk.staff.audit_view import AuditRow
    from frontdesk.store.backup import BackupKind
    from ui.staff.audit_model import action_text, change_text
    from ui.staff.backups import kind_text

    def row(action: str, after: dict) -> AuditRow:
        return AuditRow(1, dt.datetime(2026, 12, 1, tzinfo=dt.UTC), None, "", "前台1", action,
                        "", None, None, "", "", None, after)

    payment = row("ledger.payment", {"amount_fen": 30000, "method": "cash"})
    assert change_text(payment) == "金额: ¥300.00; 付款方式: 现金"
    checkin = row("attendance.checkin", {"enrollment_id": 9, "exception": None})
    assert action_text(checkin.action) == "签到"
    assert change_text(checkin) == "报名记录号: 9; 例外: —"
    assert kind_text(BackupKind.START) == "启动时"
