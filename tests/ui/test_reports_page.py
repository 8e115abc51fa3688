"""The reports page on the school counted by eye (tests/domain/report_fixtures.py).

November holds C1's four lessons (A, B, C seated; D withdrew) and C2's first
two (A, E seated; D waits). C's two absences from C1 are no-shows. Tonight
C2 has a lesson and two left in all; C3 has five lessons to come.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from sqlalchemy import select

from frontdesk.reports.attendance_grid import Mark
from frontdesk.roster.no_shows import AttendanceRules, rules_for
from frontdesk.staff import accounts as staff_domain
from frontdesk.staff.accounts import SignedIn
from frontdesk.store.models import AuditEvent, Outcome
from frontdesk.vocab import OutcomeKind, StaffRole
from tests.domain.report_fixtures import School
from tests.ui.report_school import (  # noqa: F401
    _desk,
    school,
    school_desk,
    school_template,
    school_without_calls_template,
)
from ui.courses.attendance_rules_dialog import AttendanceRulesDialog
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.learner_picker import LearnerPicker
from ui.kit.words import describe_code
from ui.reports.followup import RecordCallDialog
from ui.reports.page import ReportsPage
from ui.reports.words import MARK_COLOURS

PASSWORD = "night-school-1"


@pytest.fixture
def page(qtbot, school_desk: DeskContext) -> ReportsPage:  # noqa: F811
    page = ReportsPage(school_desk)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.activate()
    return page


def _clerk(ctx: DeskContext) -> SignedIn:
    """Staff accounts exist; a desk clerk is signed in."""
    admin = ctx.write(staff_domain.create_first_admin, "boss", "Wang Li", PASSWORD, ctx.now(),
                      desk=ctx.desk)
    ctx.write(staff_domain.add_staff, "clerk", "Li Na", StaffRole.DESK, PASSWORD,
              admin.actor(ctx.desk), ctx.now())
    clerk = ctx.write(staff_domain.sign_in, "clerk", PASSWORD, ctx.desk, ctx.now()).result()
    ctx.sign_in_as(clerk)
    return clerk


def _audit(ctx: DeskContext, action: str) -> list[str]:
    with ctx.store.read() as s:
        return list(s.scalars(select(AuditEvent.after).where(AuditEvent.action == action)))


def _november(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    funder = page.funder
    funder.from_edit.setDate(QDate(2026, 11, 1))
    funder.to_edit.setDate(QDate(2026, 11, 30))
    qtbot.mouseClick(funder.make_button, Qt.MouseButton.LeftButton)


# -- the funder report -------------------------------------------------------------------


def test_funder_report_of_november(qtbot, page: ReportsPage) -> None:
    _november(qtbot, page)
    funder = page.funder
    figures = {key: funder.figure(key) for key in (
        "courses", "lessons", "enrollments", "learners", "attended", "hours", "subsidy",
        "certificates", "job_or_business", "followed_up", "tiers", "job_share")}
    assert figures == {"courses": "2", "lessons": "6", "enrollments": "5", "learners": "4",
                       "attended": "11", "hours": "20.5", "subsidy": "¥1,400.00",
                       "certificates": "2", "job_or_business": "1", "followed_up": "2",
                       "tiers": "1 / 1", "job_share": "25.0%"}  # 1 of the 4 served
    assert funder.figure("served").startswith("4 ")  # A, B, C, E: 3 free, 2 inclusive
    assert "3" in funder.figure("served") and "2" in funder.figure("served")
    assert funder.figure("completion").startswith("66.7%")  # A and B of C1's three
    rows = funder.category_model
    assert [(r.category, r.courses, r.lessons, r.attended) for r in rows.rows] == [
        ("AI+营销", 1, 2, 3), ("AI+设计", 1, 4, 8)]
    assert rows.index(0, 7).data() == "¥1,400.00" and rows.index(1, 8).data() == "66.7%"


def test_funder_report_saves_pdf_and_excel(qtbot, monkeypatch, page: ReportsPage,
                                           tmp_path: Path) -> None:
    funder = page.funder
    assert not funder.pdf_button.isEnabled()  # nothing to save before the report is made
    _november(qtbot, page)
    pdf, xlsx = tmp_path / "funder.pdf", tmp_path / "funder.xlsx"
    monkeypatch.setattr(printing, "choose_save_path",
                        lambda parent, title, name, kinds, suffix: pdf if suffix == ".pdf"
                        else xlsx)
    qtbot.mouseClick(funder.pdf_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page.banner.kind == "ok" and str(pdf) in page.banner.text()
    qtbot.mouseClick(funder.xlsx_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(xlsx)
    assert len(book.sheetnames) == 4
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "办学情况报告" in text and "2026-11-01 至 2026-11-30" in text


def test_funder_report_print_goes_through_the_print_seam(qtbot, monkeypatch,
                                                         page: ReportsPage) -> None:
    _november(qtbot, page)
    printed: list[bytes] = []
    monkeypatch.setattr(printing, "print_pdf",
                        lambda parent, path, **kw: printed.append(Path(path).read_bytes()))
    qtbot.mouseClick(page.funder.print_button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1 and printed[0].startswith(b"%PDF")


# -- attendance ----------------------------------------------------------------------------


def _choose(box, data: int) -> None:  # type: ignore[no-untyped-def]
    index = box.findData(data)
    assert index >= 0
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_course_grid_in_colour_and_to_excel(qtbot, monkeypatch, page: ReportsPage,
                                            school: School, school_desk: DeskContext,  # noqa: F811
                                            tmp_path: Path) -> None:
    page.show_tab(page.attendance)
    tab = page.attendance
    _choose(tab.course_box, school.c1)
    model = tab.grid_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["阿依古丽·买买提", "李娜", "王喆", "张伟"]  # by pinyin; D withdrew
    marks = [model.index(0, c).data() for c in range(3, 7)]  # C: L A A, blank on 23 Nov
    assert marks == ["L", "A", "A", ""]
    assert [model.index(2, c).data() for c in range(3, 7)] == ["P", "P", "P", "L"]  # A
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole).color().name() == \
        MARK_COLOURS[Mark.LATE]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "11/02"
    target = tmp_path / "grid.xlsx"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: target)
    qtbot.mouseClick(tab.grid_xlsx, Qt.MouseButton.LeftButton)
    assert target.exists()
    assert len(_audit(school_desk, "export.attendance")) == 1  # a list of people left the store


def test_learner_history_and_lesson_sheet(qtbot, monkeypatch, page: ReportsPage,
                                          school: School) -> None:  # noqa: F811
    page.show_tab(page.attendance)
    tab = page.attendance
    tab.mode_box.setCurrentIndex(1)
    monkeypatch.setattr(LearnerPicker, "ask", lambda *a: school.a)
    qtbot.mouseClick(tab.pick_button, Qt.MouseButton.LeftButton)
    history = {h.course_code: h for h in tab.history_model.rows}
    assert set(history) == {"C1", "C2"}
    # Newest course first: C2 (24 Nov, 26 Nov, tonight), then C1.
    assert [tab.history_model.index(r, 4).data() for r in range(2)] == ["P L P", "P P P L"]
    assert (history["C2"].attended, history["C2"].balance_fen) == (3, 5_000)
    tab.mode_box.setCurrentIndex(2)
    _choose(tab.sheet_course, school.c2)  # the latest lesson held: tonight's
    assert [(r.name, r.status is not None) for r in tab.sheet_model.rows] == [
        ("陈思远", False), ("王喆", True)]
    assert "1" in tab.sheet_label.text() and "2" in tab.sheet_label.text()


# -- at risk, no-shows ---------------------------------------------------------------------


def test_at_risk_with_masked_phones_for_a_desk_clerk(qtbot, monkeypatch, school_desk,  # noqa: F811
                                                     tmp_path: Path) -> None:
    _clerk(school_desk)
    page = ReportsPage(school_desk)
    qtbot.addWidget(page)
    assert page.rules_button.isHidden()  # the rules are an administrator's
    page.show_tab(page.at_risk)
    tab = page.at_risk
    assert [(r.learner_name, r.course_code, r.phone) for r in tab.list_model.rows] == [
        ("陈思远", "C2", "137****5678"), ("王喆", "C2", "138****5678"),
        ("张伟", "C3", "136****5678")]
    tab.view_box.setCurrentIndex(1)  # who to call: those a call can still help
    assert [(c.learner_name, c.phone, c.spare) for c in tab.call_model.rows] == [
        ("王喆", "138****5678", 0), ("张伟", "136****5678", 1)]
    assert tab.call_view.isVisibleTo(page) and not tab.list_view.isVisibleTo(page)
    target = tmp_path / "risk.xlsx"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: target)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    sheet = openpyxl.load_workbook(target).active
    phones = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert phones == ["137****5678", "138****5678", "136****5678"]
    assert ['"full_phone": false' in a for a in _audit(school_desk, "export.at_risk")] == [True]


def test_at_risk_phones_in_full_without_accounts(page: ReportsPage) -> None:
    page.show_tab(page.at_risk)
    assert [r.phone for r in page.at_risk.list_model.rows] == [
        "13712345678", "13812345678", "13612345678"]


def test_no_shows_of_free_courses(page: ReportsPage) -> None:
    page.show_tab(page.no_shows)
    tab = page.no_shows
    assert tab.since_edit.date() == QDate(2026, 9, 2)  # 90 days back
    assert [(r.learner_name, r.no_shows, r.courses) for r in tab.model.rows] == [
        ("阿依古丽·买买提", 2, 1)]
    tab.min_spin.setValue(3)
    assert tab.model.rows == []


# -- follow-up ----------------------------------------------------------------------------


@pytest.fixture
def calls_desk(school_without_calls_template, tmp_path):  # type: ignore[no-untyped-def]  # noqa: F811
    yield from _desk(school_without_calls_template[0], tmp_path)


def _answer(kind: OutcomeKind):  # type: ignore[no-untyped-def]
    """The dialog seam: pick ``kind`` and press OK, as the clerk would."""
    def run(dialog: RecordCallDialog):  # type: ignore[no-untyped-def]
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind.value))
        dialog.note_edit.setText("电话回访")
        dialog.try_accept()
        return dialog.result_value
    return run


def test_followup_list_and_recording_calls(qtbot, monkeypatch, calls_desk: DeskContext,
                                           school: School) -> None:  # noqa: F811
    page = ReportsPage(calls_desk)
    qtbot.addWidget(page)
    page.show_tab(page.followup)
    tab = page.followup
    tab.weeks_spin.setValue(0)  # C1 ended 23 November: due at once with 0 weeks
    assert sorted(d.learner_name for d in tab.model.rows) == ["李娜", "王喆"]  # C did not agree
    row = next(i for i, d in enumerate(tab.model.rows) if d.learner_name == "李娜")
    tab.view.selectRow(row)
    monkeypatch.setattr(RecordCallDialog, "run", staticmethod(_answer(OutcomeKind.UNREACHABLE)))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    li_na = next(d for d in tab.model.rows if d.learner_name == "李娜")
    assert li_na.attempts == 1  # not reached: still on the list
    tab.view.selectRow(next(i for i, d in enumerate(tab.model.rows)
                            if d.learner_name == "王喆"))
    monkeypatch.setattr(RecordCallDialog, "run", staticmethod(_answer(OutcomeKind.JOB)))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert [d.learner_name for d in tab.model.rows] == ["李娜"]
    with calls_desk.store.read() as s:
        kinds = list(s.scalars(select(Outcome.kind).order_by(Outcome.id)))
    assert kinds == [OutcomeKind.UNREACHABLE, OutcomeKind.JOB]


def test_a_call_to_a_learner_who_did_not_agree_is_refused(qtbot, calls_desk: DeskContext,
                                                          school: School) -> None:  # noqa: F811
    dialog = RecordCallDialog(None, calls_desk, school.c, school.c1)
    qtbot.addWidget(dialog)
    dialog.try_accept()
    assert dialog.result_value is None and not dialog.error_label.isHidden()
    assert dialog.error_label.text() == describe_code("followup_no_consent",
                                                      {"learner_name": "阿依古丽·买买提"})
    with calls_desk.store.read() as s:
        assert s.scalars(select(Outcome.id)).first() is None


# -- the rules -----------------------------------------------------------------------------


def test_rules_dialog_saves_a_course_s_own_rules(qtbot, school_desk: DeskContext,  # noqa: F811
                                                 school: School) -> None:  # noqa: F811
    dialog = AttendanceRulesDialog(None, school_desk, school.c1)
    qtbot.addWidget(dialog)
    assert dialog.course_id() == school.c1 and dialog.standby_spin.value() == 0
    dialog.standby_spin.setValue(15)
    dialog.demote_box.setChecked(True)
    dialog.try_accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    own = school_desk.read(rules_for, school.c1)
    assert own == AttendanceRules(standby_after_min=15, demote_no_shows=True)
    assert school_desk.read(rules_for) == AttendanceRules()  # the school's are unchanged
    again = AttendanceRulesDialog(None, school_desk, school.c1)
    qtbot.addWidget(again)
    assert again.standby_spin.value() == 15 and not again.clear_button.isHidden()
    qtbot.mouseClick(again.clear_button, Qt.MouseButton.LeftButton)
    assert school_desk.read(rules_for, school.c1) == AttendanceRules()


def test_rules_dialog_refuses_a_desk_clerk(qtbot, school_desk: DeskContext) -> None:  # noqa: F811
    _clerk(school_desk)
    dialog = AttendanceRulesDialog(None, school_desk)
    qtbot.addWidget(dialog)
    dialog.standby_spin.setValue(10)
    dialog.try_accept()
    assert dialog.error_label.text() == describe_code(
        "role_forbidden", {"action": "settings.edit", "role": "desk", "needed": "admin"})
    assert school_desk.read(rules_for).standby_after_min == 0


def test_tabs_are_named(page: ReportsPage) -> None:
    names = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert names == [QCoreApplication.translate("ReportsPage", text) for text in (
        "Funder report", "Attendance", "At risk", "No-shows", "Follow-up calls")]
    assert not page.rules_button.isHidden()  # no accounts yet: everything is allowed
    assert dt.date(2026, 11, 24) == page.funder.from_edit.date().toPython()  # the term


def test_a_backdated_check_in_shows_as_a_late_entry_in_the_grid(
        qtbot, monkeypatch, page: ReportsPage, school: School,  # noqa: F811
        school_desk: DeskContext, tmp_path: Path) -> None:  # noqa: F811
    """C's 23 Nov lesson of C1, typed in a week later from the paper sheet."""
    from frontdesk.checkin.scan import check_in_learner
    from tests.domain.report_fixtures import local
    from ui.reports.words import late_reason_text, mark_text

    done = school_desk.write(check_in_learner, school.c, local(11, 23, 19, 10), school_desk.actor,
                             lesson_id=school.c1_lessons[3], desk_lesson_id=school.c1_lessons[3],
                             now=local(11, 30, 9), late_reason="paper_sheet")
    assert done.recorded and done.late_entry_reason == "paper_sheet"
    page.show_tab(page.attendance)
    tab = page.attendance
    _choose(tab.course_box, school.c1)
    model = tab.grid_model
    assert model.index(0, 6).data() == "P*"  # C (row 0), the fourth lesson, on time
    assert model.index(2, 6).data() == "L"  # A: on time, no star
    tip = model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole)
    assert "2026-11-30 09:00" in tip and "前台1" in tip
    assert late_reason_text("paper_sheet") in tip and tip != mark_text(Mark.PRESENT)
    assert model.index(0, 6).data(Qt.ItemDataRole.FontRole).italic()
    assert "*" in tab.grid_label.text() and "1" in tab.grid_label.text()
    tab.grab().save(str(tmp_path / "grid.png"))
    target = tmp_path / "grid.pdf"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: target)
    qtbot.mouseClick(tab.grid_pdf, Qt.MouseButton.LeftButton)
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert "P*" in text and "课后补录" in text and "纸质签到表" in text
