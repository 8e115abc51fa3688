"""The dashboard as the desk sees it, on the school counted by eye.

tests/domain/report_fixtures.py has the tables: tonight (Tuesday 1 December,
19:05) only C2 AI+营销获客 has a lesson, 王喆 is in, 陈思远 not yet; the
desk took ¥100 cash and ¥300 WeChat and refunded ¥50 cash today; 张伟 waits
for C2. November holds C1's four lessons and C2's first two.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from frontdesk.checkin.scan import check_in_learner
from frontdesk.reports.term import DateRange
from frontdesk.vocab import OutcomeKind
from tests.domain.report_fixtures import ACTOR, School, local
from tests.ui.report_school import school, school_desk, school_template  # noqa: F401
from ui.checkin.page import CheckInPage
from ui.dashboard.page import DashboardPage
from ui.kit import charts
from ui.kit.context import DeskContext
from ui.kit.words import describe_code
from ui.reports.page import ReportsPage
from ui.reports.words import outcome_text
from ui.shell.main_window import MainWindow

NOVEMBER = DateRange(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def _open(qtbot, ctx: DeskContext) -> DashboardPage:  # type: ignore[no-untyped-def]
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.term_shown, timeout=20_000):
        page.show()
        page.activate()
    return page


def _show_range(qtbot, page: DashboardPage, period: DateRange) -> None:  # type: ignore[no-untyped-def]
    for edit, day in ((page.from_edit, period.start), (page.to_edit, period.end)):
        edit.setDate(QDate(day.year, day.month, day.day))
    with qtbot.waitSignal(page.term_shown, timeout=20_000):
        qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def page(qtbot, school_desk: DeskContext) -> DashboardPage:  # noqa: F811
    page = _open(qtbot, school_desk)
    yield page
    page.shutdown()


def _tile(page: DashboardPage, key: str) -> str:
    return page.tiles[key].value_label.text()


def test_tonight_fills_as_learners_arrive(page: DashboardPage, school_desk: DeskContext,  # noqa: F811
                                          school: School) -> None:  # noqa: F811
    panel = page.tonight_panel
    model = panel.lessons_model
    assert [(r.course_code, r.checked_in, r.enrolled, r.capacity) for r in model.rows] == [
        ("C2", 1, 2, 2)]
    assert model.index(0, 3).data() == "1 / 2 / 2"
    assert "1" in panel.here_label.text() and "2" in panel.here_label.text()
    # ¥400 taken less ¥50 refunded; 3 ledger entries.
    assert "¥350.00" in panel.fees_label.text() and "¥50.00" in panel.fees_label.text()
    assert [(w.code, w.waitlisted) for w in panel.waiting_model.rows] == [("C2", 1)]
    with school_desk.store.write() as s:
        check_in_learner(s, school.e, local(12, 1, 19, 6), ACTOR)
    page.on_refresh_timer_timeout()  # the page's 10-second tick
    assert model.index(0, 3).data() == "2 / 2 / 2"


def test_the_term_opens_on_the_courses_running_this_week(page: DashboardPage) -> None:
    # C2 runs this week: its first lesson to its last (the domain's current_term).
    assert page.term is not None
    assert (page.term.range.start, page.term.range.end) == (dt.date(2026, 11, 24),
                                                            dt.date(2026, 12, 3))
    assert page.from_edit.date() == QDate(2026, 11, 24)


def test_while_the_term_is_read_its_dates_show_a_dash_not_a_made_up_day(
        qtbot, school_desk: DeskContext) -> None:  # noqa: F811
    page = DashboardPage(school_desk)
    qtbot.addWidget(page)
    assert [e.text() for e in (page.from_edit, page.to_edit)] == ["—", "—"]
    with qtbot.waitSignal(page.term_shown, timeout=20_000):
        page.show()
        page.activate()
    assert page.from_edit.text() == "2026-11-24" and page.to_edit.text() == "2026-12-03"
    page.shutdown()


def test_november_in_figures(qtbot, page: DashboardPage) -> None:
    _show_range(qtbot, page, NOVEMBER)
    shown = {key: _tile(page, key) for key in page.tiles}
    assert shown == {"courses": "2", "lessons": "6", "enrollments": "5", "learners": "4",
                     "attended": "11", "hours": "20.5", "subsidy": "¥1,400.00",
                     "certificates": "2", "job_or_business": "1", "followed_up": "2",
                     "rate": "68.8%"}  # 11 of 16 expected (C1 3 × 4, C2 2 × 2)


def test_november_in_charts(qtbot, page: DashboardPage, school: School) -> None:  # noqa: F811
    _show_range(qtbot, page, NOVEMBER)
    weekly = page.attendance_box.data
    assert weekly is not None and weekly.categories == ("11/02", "11/09", "11/16", "11/23")
    assert weekly.series[0].values == pytest.approx((1.0, 1 / 3, 2 / 3, 5 / 7))
    page.course_box.setCurrentIndex(page.course_box.findData(school.c1))
    weekly = page.attendance_box.data
    assert weekly is not None and weekly.series[0].values == pytest.approx(
        (1.0, 1 / 3, 2 / 3, 2 / 3))
    capacity = page.capacity_box.data
    assert capacity is not None
    rows = dict(zip(capacity.categories, zip(*(s.values for s in capacity.series),
                                             strict=True), strict=True))
    assert rows == {"C1 AI+图片设计": (3, 0, 0), "C2 AI+营销获客": (2, 0, 1)}
    courses, learners = page.tier_courses_box.data, page.tier_learners_box.data
    assert courses is not None and courses.series[0].values == (1, 1)
    assert learners is not None and learners.series[0].values == (3, 2)
    outcomes = page.outcomes_box.data
    assert outcomes is not None
    counted = dict(zip(outcomes.categories, outcomes.series[0].values, strict=True))
    assert counted[outcome_text(OutcomeKind.JOB)] == 1
    assert counted[outcome_text(OutcomeKind.STUDY)] == 1
    assert sum(counted.values()) == 2


def test_charts_use_the_app_font(page: DashboardPage) -> None:
    family = QApplication.font().family()
    for box in page.charts:
        chart = box.view.chart()
        assert chart.titleFont().family() == family
        assert chart.legend().font().family() == family
        for axis in chart.axes():
            assert axis.labelsFont().family() == family


def test_each_chart_saves_as_png(qtbot, monkeypatch, page: DashboardPage, tmp_path) -> None:
    for box in page.charts:
        target = tmp_path / f"{box.objectName()}.png"
        monkeypatch.setattr(charts, "choose_png_path", lambda parent, name, t=target: t)
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
        image = QImage(str(target))
        assert not image.isNull() and image.width() >= 200 and image.height() >= 200
        assert page.banner.kind == "ok" and str(target) in page.banner.text()


def test_a_range_that_runs_backwards_is_refused(qtbot, page: DashboardPage) -> None:
    shown = page.term
    page.from_edit.setDate(QDate(2026, 12, 1))
    page.to_edit.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "error"
    assert page.banner.text() == describe_code(
        "report_range_invalid", {"start": "2026-12-01", "end": "2026-11-01"})
    assert page.term is shown and not page.loading


def test_dashboard_and_funder_report_show_the_same_figures(qtbot, desk: DeskContext) -> None:
    dashboard = _open(qtbot, desk)
    reports = ReportsPage(desk)
    qtbot.addWidget(reports)
    reports.show()
    reports.activate()
    assert dashboard.term is not None
    funder = reports.funder
    funder.set_range(dashboard.term.range)
    qtbot.mouseClick(funder.make_button, Qt.MouseButton.LeftButton)
    assert funder.report is not None and funder.report.range == dashboard.term.range
    keys = [key for key in dashboard.tiles if key != "rate"]
    assert {key: funder.figure(key) for key in keys} == {key: _tile(dashboard, key)
                                                         for key in keys}
    assert _tile(dashboard, "courses") not in ("", "0")  # the demo school holds courses
    dashboard.shutdown()


def test_the_main_window_opens_on_the_dashboard(qtbot, desk: DeskContext) -> None:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert window.factories[0] is DashboardPage and window.factories[1] is CheckInPage
    page = window.page(0)
    assert isinstance(page, DashboardPage) and window.stack.currentIndex() == 0
    # Tonight is on screen at once; the term arrives from its worker thread.
    assert page.tonight is not None
    qtbot.waitUntil(lambda: page.term is not None, timeout=20_000)
    window.close()


def test_without_qtcharts_the_bars_are_painted(qtbot, page: DashboardPage) -> None:
    # An install with PySide6-Essentials only has no QtCharts: the same data, painted.
    painted = charts.PaintedChart()
    qtbot.addWidget(painted)
    painted.resize(500, 300)
    data = page.outcomes_box.data
    assert data is not None
    painted.set_data(data)
    assert sum(v or 0 for v in data.series[0].values) > 0
    image = painted.grab().toImage()
    bar = data.series[0].colour
    coloured = {(x, y) for x in range(0, 500, 4) for y in range(0, 300, 4)
                if image.pixelColor(x, y).name() == bar}
    assert coloured  # the bars are there, in the series' colour


def test_a_failed_store_check_warns_until_an_administrator_has_looked(
        qtbot, school_desk: DeskContext) -> None:  # noqa: F811
    import sqlite3

    from frontdesk.store.check import check_and_remember
    from frontdesk.vocab import StaffRole

    store = school_desk.store
    assert store.sqlite_path is not None
    store.dispose()
    raw = sqlite3.connect(store.sqlite_path, isolation_level=None)
    raw.execute("DROP TRIGGER ledger_entry_no_update")
    raw.execute("UPDATE ledger_entry SET amount_fen = 1 WHERE id = 2")
    raw.close()
    assert check_and_remember(store, school_desk.now())
    from frontdesk.staff.accounts import create_first_admin

    admin = school_desk.write(create_first_admin, "admin", "管理员", "Correct-Horse-9",
                              school_desk.now())
    school_desk.sign_in_as(admin)
    school_desk.role = StaffRole.DESK
    page = _open(qtbot, school_desk)
    warning = page.store_check
    assert warning.isVisible()
    word = QApplication.translate("Domain", "Ledger entry")
    assert describe_code("chain_row_changed", {"what": word, "row_id": 2}) in warning.label.text()
    assert not warning.button.isVisible()  # a desk sees the warning, only an admin clears it
    page.grab().save(str(Path(os.environ.get("FRONTDESK_SHOTS", "/tmp")) / "store_check.png"))
    school_desk.role = StaffRole.ADMIN
    page.retranslate_ui()
    assert warning.button.isVisible()
    qtbot.mouseClick(warning.button, Qt.MouseButton.LeftButton)
    assert not warning.isVisible()
    page.refresh_tonight()
    assert not warning.isVisible()
    page.shutdown()
