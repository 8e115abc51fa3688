"""Reports as spreadsheets: the funder report, a course's grid, the at-risk list.

Counts go in as numbers and money as exact decimals of yuan (never floats),
so the street office can sum and chart them; rates as fractions formatted
as percentages. Written in openpyxl's write-only mode, words in Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from frontdesk.documents.pages import Target
from frontdesk.documents.report_pdf import (
    HISTORY_COLUMNS,
    NO_CATEGORY,
    OUTCOME_ZH,
    STATUS_NOTE,
    TIER_ZH,
    history_cells,
)
from frontdesk.reports.at_risk import AtRiskRow, Risk
from frontdesk.reports.attendance_grid import CourseGrid, HistoryCourse
from frontdesk.reports.funder import FunderReport
from frontdesk.vocab import OutcomeKind
from frontdesk.xlsx import PERCENT, Shown, add_row, add_sheet, new_book, yuan

HOURS = "#,##0.0"
RISK_ZH = {Risk.CANNOT_REACH: "已无法达标", Risk.ONLY_JUST: "勉强可达标"}


def _hours(minutes: int) -> Shown:
    # Learner-hours are a count, not money: a float is fine here.
    return Shown(minutes / 60, HOURS)


def _rate(value: float | None) -> Shown | None:
    return None if value is None else Shown(value, PERCENT)


# The funder report ------------------------------------------------------------------


def _funder_summary(book: Any, r: FunderReport) -> None:
    t = r.totals
    sheet = add_sheet(book, "概要", ("项目", "数值", "说明"), (26, 16, 50))
    for row in (
        ("统计期间", f"{r.range.start.isoformat()} 至 {r.range.end.isoformat()}", r.school_name),
        ("开班课程（门）", t.courses, "统计期间内有已上课次的课程"),
        ("上课课次（次）", t.lessons, "已开课且未取消"),
        ("报名人次", t.enrollments, "开班课程的在读报名"),
        ("在册学员（人）", t.learners, "不重复计人"),
        ("服务学员（人）", r.learners_served, "期间内至少出勤一次，不重复计人"),
        ("出勤人次", t.attended, "出勤含迟到"),
        ("学时（人·小时）", _hours(t.learner_minutes), "出勤课次 × 课次时长"),
        ("本期结课课程（门）", r.finished_courses, "最后一次课在统计期间内"),
        ("结课课程报名人次", r.finished_enrollments, ""),
        ("结业人数", r.completed, "按结业证书的出勤标准，含管理员特批已发证"),
        ("结业率", _rate(r.completion_rate), ""),
        ("退课人数", r.withdrawn, "本期结课课程"),
        ("颁发证书（份）", t.certificates, "期间内颁发且未撤销"),
        ("普惠课程补贴", yuan(t.subsidy_fen), "市场价减学费"),
        ("就业或创业（人）", t.outcomes.job_or_business, ""),
        *((f"回访：{OUTCOME_ZH[k]}", t.outcomes.count(k), "以期间内最后一次回访为准")
          for k in OutcomeKind),
    ):
        add_row(sheet, row)


def _funder_categories(book: Any, r: FunderReport) -> None:
    sheet = add_sheet(book, "按类别与类型", ("类别", "类型", "课程", "课次", "报名人次", "出勤人次",
                                             "学时", "补贴", "结课报名", "结业", "结业率", "证书"),
                      (16, 8, 8, 8, 10, 10, 10, 14, 10, 8, 9, 8))
    for row in r.rows:
        add_row(sheet, (row.category or NO_CATEGORY, TIER_ZH[row.fee_tier], row.courses,
                        row.lessons, row.enrollments, row.attended,
                        _hours(row.learner_minutes), yuan(row.subsidy_fen),
                        row.finished_enrollments, row.completed, _rate(row.completion_rate),
                        row.certificates))
    t = r.totals
    add_row(sheet, ("合计", None, t.courses, t.lessons, t.enrollments, t.attended,
                    _hours(t.learner_minutes), yuan(t.subsidy_fen), r.finished_enrollments,
                    r.completed, _rate(r.completion_rate), t.certificates))


def _funder_tiers(book: Any, r: FunderReport) -> None:
    sheet = add_sheet(book, "公益与普惠", ("类型", "课程", "报名人次", "在册学员", "服务学员",
                                           "补贴"), (10, 8, 10, 10, 10, 14))
    for share in r.tiers:
        add_row(sheet, (TIER_ZH[share.fee_tier], share.courses, share.enrollments,
                        share.learners, r.served(share.fee_tier), yuan(share.subsidy_fen)))


def _funder_courses(book: Any, r: FunderReport) -> None:
    sheet = add_sheet(book, "课程明细", ("课程编号", "课程", "类别", "类型", "容量", "报名",
                                         "候补", "课次", "出勤人次", "出勤率", "学时", "补贴",
                                         "结业", "退课"),
                      (10, 30, 12, 6, 6, 6, 6, 6, 9, 8, 9, 12, 6, 6))
    finished = {c.course_id: c for c in r.completion}
    for c in r.courses:
        done = finished.get(c.course_id)
        add_row(sheet, (c.code, c.title, c.category or NO_CATEGORY, TIER_ZH[c.fee_tier],
                        c.capacity, c.seated, c.waitlisted, c.lessons_held, c.attended,
                        _rate(c.attendance_rate),
                        _hours(c.learner_minutes), yuan(c.subsidy_fen),
                        done.completed if done else None, done.withdrawn if done else None))


def write_funder_xlsx(report: FunderReport, target: Target) -> None:
    """The funder report as a workbook: summary, by category and tier, free
    and inclusive, and every course held with its figures."""
    book = new_book()
    _funder_summary(book, report)
    _funder_categories(book, report)
    _funder_tiers(book, report)
    _funder_courses(book, report)
    book.save(target)


# Attendance and the at-risk list ----------------------------------------------------


def write_grid_xlsx(grid: CourseGrid, target: Target, tz: ZoneInfo) -> None:
    """A course's learner × lesson grid: one column per lesson (its local date
    and time), P/L/E/A in the cells (starred: a late entry), blank where nothing
    is recorded."""
    book = new_book()
    dates = [f"{lesson.starts_at.astimezone(tz):%m-%d %H:%M}" for lesson in grid.lessons]
    sheet = add_sheet(book, "出勤表", ("学员编号", "姓名", "状态", *dates, "出勤", "需出勤"),
                      (10, 16, 10, *(11 for _ in dates), 6, 7))
    for row in grid.rows:
        note = STATUS_NOTE.get(row.status, "").strip("（）") or "在读"
        add_row(sheet, (row.learner_code, row.learner_name, note,
                        *(grid.mark_text(row, i) or None for i in range(len(row.marks))),
                        row.attended,
                        row.needs if row.status is not None else None))
    book.save(target)


def write_history_xlsx(learner_name: str, learner_code: str,
                       history: Sequence[HistoryCourse], target: Target) -> None:
    """A learner's attendance over every course they sat: one row a course."""
    book = new_book()
    sheet = add_sheet(book, "出勤记录", ("学员编号", "姓名", *(t for t, _w, _a in HISTORY_COLUMNS)),
                      (10, 16, 8, 28, 8, 10, 30, 10, 14))
    for h in history:
        add_row(sheet, (learner_code, learner_name, *history_cells(h)))
    book.save(target)


def write_at_risk_xlsx(rows: Sequence[AtRiskRow], target: Target) -> None:
    """The at-risk call list, phones as the caller was allowed to see them."""
    book = new_book()
    sheet = add_sheet(book, "出勤预警", ("情况", "课程编号", "课程", "学员编号", "姓名",
                                         "电话", "已出勤", "已上课次", "剩余课次", "结业需出勤",
                                         "还可缺勤"),
                      (12, 10, 30, 10, 14, 14, 8, 8, 8, 10, 9))
    for r in rows:
        add_row(sheet, (RISK_ZH[r.risk], r.course_code, r.course_title, r.learner_code,
                        r.learner_name, r.phone, r.attended, r.held, r.remaining, r.needs,
                        r.spare))
    book.save(target)


__all__ = ["RISK_ZH", "write_at_risk_xlsx", "write_funder_xlsx", "write_grid_xlsx", "yuan"]
