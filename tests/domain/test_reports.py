"""Reports against a school counted by eye (tests/domain/report_fixtures.py).

Every figure asserted here can be checked against the tables in that
module's docstring: November holds C1's four lessons and C2's first two.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from frontdesk.certificates.eligibility import ReasonCode, eligibility
from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.reports.at_risk import Risk, at_risk
from frontdesk.reports.attendance_grid import LessonState, Mark, course_grid, learner_history
from frontdesk.reports.dashboard import current_term, dashboard, tonight_summary
from frontdesk.reports.followup import OutcomeCounts
from frontdesk.reports.funder import funder_report
from frontdesk.reports.term import DateRange, date_range, term_figures
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import AuditEvent
from frontdesk.vocab import EnrollmentStatus, FeeTier, PaymentMethod
from tests.domain.report_fixtures import FIXED_NOW, TZ, School, build_school

P, L, E, A = Mark.PRESENT, Mark.LATE, Mark.EXCUSED, Mark.ABSENT
NOVEMBER = DateRange(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def built(template_path: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Store, School]]:
    """One school for every read-only test of this module (it takes a second to build)."""
    path = tmp_path_factory.mktemp("reports") / "school.sqlite3"
    shutil.copyfile(template_path, path)
    store = open_store(path)
    school = build_school(store)
    yield store, school
    store.dispose()


@pytest.fixture
def store(built: tuple[Store, School]) -> Store:
    return built[0]


@pytest.fixture
def school(built: tuple[Store, School]) -> School:
    return built[1]


def test_november_figures_count_by_hand(store: Store) -> None:
    with store.read() as s:
        term = term_figures(s, NOVEMBER, FIXED_NOW, TZ)
    t = term.totals
    assert (t.courses, t.lessons, t.attended, t.learner_minutes) == (2, 6, 11, 1230)
    assert t.learner_hours == 20.5
    assert (t.enrollments, t.learners, t.subsidy_fen, t.certificates) == (5, 4, 140_000, 2)
    assert t.outcomes == OutcomeCounts(job=1, study=1)  # A's job outlived her missed call
    c1, c2 = term.courses  # C3's only November lesson was cancelled
    assert (c1.code, c1.present, c1.late, c1.excused, c1.absent) == ("C1", 6, 2, 1, 2)
    assert (c1.seated, c1.capacity, c1.waitlisted, c1.lessons_held) == (3, 3, 0, 4)
    assert c1.attendance_rate == pytest.approx(8 / 12)
    assert (c1.learner_minutes, c1.subsidy_fen) == (960, 0)
    assert [(w.week_start.day, w.attended, w.expected) for w in c1.weeks] == [
        (2, 3, 3), (9, 1, 3), (16, 2, 3), (23, 2, 3)]
    assert (c2.code, c2.present, c2.late, c2.absent, c2.learner_minutes) == ("C2", 2, 1, 1, 270)
    assert (c2.seated, c2.waitlisted, c2.subsidy_fen) == (2, 1, 140_000)
    assert [(w.week_start, w.lessons, w.attended, w.expected) for w in term.weeks][-1] == (
        dt.date(2026, 11, 23), 3, 5, 7)


def test_free_and_inclusive_shares(store: Store) -> None:
    with store.read() as s:
        term = term_figures(s, NOVEMBER, FIXED_NOW, TZ)
    free, inclusive = term.tier(FeeTier.FREE), term.tier(FeeTier.INCLUSIVE)
    assert (free.courses, free.enrollments, free.learners, free.subsidy_fen) == (1, 3, 3, 0)
    assert (inclusive.courses, inclusive.enrollments, inclusive.learners,
            inclusive.subsidy_fen) == (1, 2, 2, 140_000)


def test_a_lesson_counts_once_it_has_started(store: Store) -> None:
    december = DateRange(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    with store.read() as s:
        before = term_figures(s, december, FIXED_NOW - dt.timedelta(minutes=10), TZ)
        now = term_figures(s, december, FIXED_NOW, TZ)
    assert before.totals.courses == 0
    c2, c3 = now.courses
    assert (c2.lessons_scheduled, c2.lessons_held, c2.present) == (2, 1, 1)
    assert (c3.lessons_scheduled, c3.lessons_held, c3.held) == (5, 0, False)
    assert (now.totals.courses, now.totals.enrollments, now.totals.subsidy_fen) == (1, 2, 140_000)
    assert now.totals.outcomes == OutcomeCounts(business=1)


def test_funder_report_of_november(store: Store) -> None:
    with store.read() as s:
        report = funder_report(s, NOVEMBER, FIXED_NOW, TZ)
    assert report.learners_served == 4  # A, B, C, E
    assert (report.served(FeeTier.FREE), report.served(FeeTier.INCLUSIVE)) == (3, 2)
    assert [(r.category, r.fee_tier, r.courses, r.lessons, r.enrollments, r.attended,
             r.learner_minutes, r.subsidy_fen, r.finished_enrollments, r.completed,
             r.certificates) for r in report.rows] == [
        ("AI+营销", FeeTier.INCLUSIVE, 1, 2, 2, 3, 270, 140_000, 0, 0, 0),
        ("AI+设计", FeeTier.FREE, 1, 4, 3, 8, 960, 0, 3, 2, 2)]
    # C1 ended on 23 November: A (4) and B (3 of the 3 needed) completed, C (1) did not.
    assert (report.finished_courses, report.finished_enrollments, report.completed,
            report.withdrawn) == (1, 3, 2, 1)
    assert report.completion_rate == pytest.approx(2 / 3)


@pytest.mark.parametrize("period", [
    NOVEMBER, DateRange(dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    DateRange(dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
])
def test_funder_totals_equal_the_dashboard_for_the_same_range(store: Store,
                                                              period: DateRange) -> None:
    with store.read() as s:
        report = funder_report(s, period, FIXED_NOW, TZ)
        board = dashboard(s, FIXED_NOW, TZ, period)
    assert report.totals == board.term.totals
    assert report.totals.courses > 0


def test_completion_agrees_with_the_certificates_rule(store: Store, school: School) -> None:
    with store.read() as s:
        report = funder_report(s, NOVEMBER, FIXED_NOW, TZ)
        rows = eligibility(s, school.c1, FIXED_NOW)
    met = [r for r in rows if r.status is not EnrollmentStatus.WITHDRAWN
           and not any(x.code == ReasonCode.ATTENDANCE_SHORT for x in r.reasons)]
    assert [r.learner_name for r in met] == ["李娜", "王喆"]
    assert report.completion[0].completed == len(met)


def test_a_range_must_run_forwards() -> None:
    with pytest.raises(DomainError) as refused:
        date_range(dt.date(2026, 12, 1), dt.date(2026, 11, 1))
    assert refused.value.code == "report_range_invalid"
    assert date_range(dt.date(2026, 11, 1), dt.date(2026, 11, 1)).days == 1


def test_tonight_on_the_dashboard(store: Store) -> None:
    with store.read() as s:
        tonight = tonight_summary(s, FIXED_NOW, TZ)
    (lesson,) = tonight.lessons
    assert (lesson.course_code, lesson.checked_in, lesson.enrolled, lesson.capacity) == (
        "C2", 1, 2, 2)
    fees = tonight.fees
    assert (fees.business_date, fees.payments_fen, fees.refunds_fen, fees.net_fen) == (
        dt.date(2026, 12, 1), 40_000, 5_000, 35_000)
    by_method = {m.method: m.net_fen for m in fees.methods}
    assert (by_method[PaymentMethod.CASH], by_method[PaymentMethod.WECHAT]) == (5_000, 30_000)
    assert [(w.code, w.waitlisted, w.free_seats) for w in tonight.waiting] == [("C2", 1, 0)]


def test_the_current_term_spans_the_courses_running_this_week(store: Store) -> None:
    with store.read() as s:
        term = current_term(s, FIXED_NOW, TZ)
        summer = current_term(s, FIXED_NOW + dt.timedelta(days=60), TZ)
    # Only C2 (24 Nov – 3 Dec) has a lesson this week: C1 has ended, and
    # C3's lesson on Monday was cancelled (it starts on 8 December).
    assert (term.start, term.end) == (dt.date(2026, 11, 24), dt.date(2026, 12, 3))
    # Saturday 30 January, no course that week: the 13 weeks to the Sunday after next.
    assert (summer.start, summer.end, summer.days) == (dt.date(2026, 11, 9),
                                                       dt.date(2027, 2, 7), 91)


def test_course_grid_shows_each_lesson_as_recorded(store: Store, school: School) -> None:
    with store.read() as s:
        grid = course_grid(s, school.c1, FIXED_NOW)
    assert [lesson.state for lesson in grid.lessons] == [LessonState.CLOSED] * 3 + [
        LessonState.OPEN]
    assert [(r.learner_name, r.marks, r.attended, r.needs) for r in grid.rows] == [
        ("阿依古丽·买买提", (L, A, A, None), 1, 3),  # the open lesson: not (yet) arrived
        ("李娜", (P, E, P, P), 3, 3),
        ("王喆", (P, P, P, L), 4, 3),
        ("张伟", (None, None, None, None), 0, 3),
    ]
    assert grid.rows[3].status is EnrollmentStatus.WITHDRAWN
    assert [grid.count(i, P) + grid.count(i, L) for i in range(4)] == [3, 1, 2, 2]


def test_learner_history_over_every_course(store: Store, school: School) -> None:
    with store.read() as s:
        history = learner_history(s, school.a, FIXED_NOW)
    c2, c1 = history  # newest first
    assert (c2.course_code, [lesson.mark for lesson in c2.lessons]) == ("C2", [P, L, P])
    assert (c2.attended, c2.held, c2.balance_fen, c2.certificate_serial) == (3, 3, 5_000, None)
    assert (c1.course_code, [lesson.mark for lesson in c1.lessons]) == ("C1", [P, P, P, L])
    assert c1.certificate_serial is not None and c1.balance_fen == 0


def test_at_risk_list(store: Store, school: School) -> None:
    with store.read() as s:
        rows = at_risk(s, FIXED_NOW)
        strict = at_risk(s, FIXED_NOW, slack=0)
        full = at_risk(s, FIXED_NOW, course_id=school.c2, full_phone=True)
    # C2 needs 4 of its 4 lessons; one is left. C3 needs 4 of 5, none held yet.
    assert [(r.learner_name, r.course_code, r.risk, r.attended, r.remaining, r.spare, r.phone)
            for r in rows] == [
        ("陈思远", "C2", Risk.CANNOT_REACH, 1, 1, -2, "137****5678"),
        ("王喆", "C2", Risk.ONLY_JUST, 3, 1, 0, "138****5678"),
        ("张伟", "C3", Risk.ONLY_JUST, 0, 5, 1, "136****5678")]
    assert [r.learner_name for r in strict] == ["陈思远", "王喆"]
    assert [r.phone for r in full] == ["13712345678", "13812345678"]


def _poppler(*tool: str) -> None:
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} not installed")


def test_funder_pdf_prints_the_figures_in_chinese(store: Store, tmp_path: Path) -> None:
    from frontdesk.documents.report_pdf import write_funder_pdf

    _poppler("pdftotext")
    with store.read() as s:
        report = funder_report(s, NOVEMBER, FIXED_NOW, TZ)
    path = tmp_path / "funder.pdf"
    assert write_funder_pdf(report, path, printed_at=FIXED_NOW, course_detail=True) == 1
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("水贝夜校 办学情况报告", "2026-11-01 至 2026-11-30", "20.5 人·小时",
                     "¥1,400.00", "66.7%", "AI+营销获客", "就业 1"):
        assert expected in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)


def test_grid_pdf_and_xlsx(store: Store, school: School, tmp_path: Path) -> None:
    from frontdesk.documents.report_pdf import write_grid_pdf
    from frontdesk.documents.report_xlsx import write_grid_xlsx

    _poppler("pdftotext")
    with store.read() as s:
        grid = course_grid(s, school.c1, FIXED_NOW)
    write_grid_pdf(grid, tmp_path / "grid.pdf", TZ, printed_at=FIXED_NOW)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "grid.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "C1 AI+图片设计 出勤表" in text and "张伟（已退课）" in text
    write_grid_xlsx(grid, tmp_path / "grid.xlsx", TZ)
    sheet = openpyxl.load_workbook(tmp_path / "grid.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3:7] == ("11-02 19:00", "11-09 19:00", "11-16 19:00", "11-23 19:00")
    assert rows[1][1:] == ("阿依古丽·买买提", "在读", "L", "A", "A", None, 1, 3)


def test_funder_xlsx_sums_like_the_report(store: Store, tmp_path: Path) -> None:
    from frontdesk.documents.report_xlsx import write_funder_xlsx

    with store.read() as s:
        report = funder_report(s, NOVEMBER, FIXED_NOW, TZ)
    write_funder_xlsx(report, tmp_path / "funder.xlsx")
    book = openpyxl.load_workbook(tmp_path / "funder.xlsx")
    summary = {row[0]: row[1] for row in book["概要"].iter_rows(min_row=2, values_only=True)}
    assert summary["服务学员（人）"] == 4 and summary["学时（人·小时）"] == 20.5
    assert Decimal(str(summary["普惠课程补贴"])) == Decimal("1400")
    total = list(book["按类别与类型"].iter_rows(values_only=True))[-1]
    assert total[:6] == ("合计", None, 2, 6, 5, 11)
    assert [row[0] for row in book["课程明细"].iter_rows(min_row=2, values_only=True)] == [
        "C1", "C2"]


def test_cli_reports(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert store.sqlite_path is not None
    db = ["--db", str(store.sqlite_path), "--lang", "en", "report"]
    at = ["--at", "2026-12-01T19:05"]
    out = tmp_path / "funder.xlsx"
    assert main([*db, "funder", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out),
                 *at]) == 0
    assert "2 courses, 6 lessons, 4 learners served, 20.5 learner-hours, subsidy ¥1,400.00." \
        in capsys.readouterr().out
    assert out.exists()
    assert main([*db, "at-risk", *at]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cannot_reach\tC2\t") and "137****5678" in lines[0]
    assert lines[-1] == "3 learners at risk."
    assert main([*db, "attendance", "--course", "C1", "--out", str(tmp_path / "g.pdf"), *at]) == 0
    assert "\tLAA·\t1/3" in capsys.readouterr().out
    assert main([*db, "funder", "--from", "2026-11-30", "--to", "2026-11-01", "--out",
                 str(out)]) == 2
    assert "ends (2026-11-01) before it starts" in capsys.readouterr().err


def test_cli_at_risk_export_is_recorded(store: Store, tmp_path: Path) -> None:
    assert store.sqlite_path is not None
    path = tmp_path / "risk.xlsx"
    assert main(["--db", str(store.sqlite_path), "--lang", "en", "report", "at-risk", "--out",
                 str(path), "--at", "2026-12-01T19:05"]) == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [row[4:6] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("陈思远", "137****5678"), ("王喆", "138****5678"), ("张伟", "136****5678")]
    with store.read() as s:
        event = s.execute(select(AuditEvent.action, AuditEvent.after)
                          .where(AuditEvent.action == "export.at_risk")).one()
    assert '"rows": 3' in (event.after or "")
