"""Reports as A4 PDFs: the funder report and a course's attendance grid.

Text goes through :func:`frontdesk.documents.fonts.draw` (the bundled CJK
font chain, embedded as subsets), rows straight onto the canvas by
:class:`pages.Pages`, as the cash-up: a table that runs over a page carries
on under its repeated header.
The words are Chinese with an English gloss: the street office reads these.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from frontdesk.documents import fonts
from frontdesk.documents.pages import MARGIN, Look, Pages, Target, a4, open_canvas
from frontdesk.money import format_fen
from frontdesk.reports.attendance_grid import CourseGrid, HistoryCourse, LessonState, Mark
from frontdesk.reports.followup import OutcomeCounts
from frontdesk.reports.funder import FunderReport, FunderRow
from frontdesk.reports.term import CourseInRange
from frontdesk.vocab import EnrollmentStatus, FeeTier, LateEntryReason, OutcomeKind

TIER_ZH = {FeeTier.FREE: "公益", FeeTier.INCLUSIVE: "普惠"}
OUTCOME_ZH = {OutcomeKind.JOB: "就业", OutcomeKind.BUSINESS: "创业",
              OutcomeKind.STUDY: "升学深造", OutcomeKind.NO_CHANGE: "暂无变化",
              OutcomeKind.UNREACHABLE: "未联系上"}
MARK_ZH = {Mark.PRESENT: "出勤", Mark.LATE: "迟到", Mark.EXCUSED: "请假", Mark.ABSENT: "缺勤"}
NO_CATEGORY = "未分类"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def hours(minutes: int) -> str:
    return f"{minutes / 60:,.1f}"


# The funder report ---------------------------------------------------------------

SUMMARY_COLUMNS = (("项目 Item", 250.0, "left"), ("数值 Figure", 273.0, "left"))
CATEGORY_COLUMNS = (("类别", 78.0, "left"), ("类型", 30.0, "left"), ("课程", 30.0, "right"),
                    ("课次", 36.0, "right"), ("报名", 38.0, "right"), ("出勤人次", 48.0, "right"),
                    ("学时", 50.0, "right"), ("补贴", 66.0, "right"), ("结课报名", 42.0, "right"),
                    ("结业", 32.0, "right"), ("结业率", 38.0, "right"), ("证书", 35.0, "right"))
TIER_COLUMNS = (("类型 Tier", 83.0, "left"), ("课程 Courses", 80.0, "right"),
                ("报名人次 Enrollments", 100.0, "right"), ("在册学员 Enrolled", 80.0, "right"),
                ("服务学员 Served", 80.0, "right"), ("补贴 Subsidy", 100.0, "right"))
COURSE_COLUMNS = (("编号", 40.0, "left"), ("课程", 150.0, "left"), ("类型", 30.0, "left"),
                  ("容量", 32.0, "right"), ("报名", 32.0, "right"), ("课次", 32.0, "right"),
                  ("出勤率", 44.0, "right"), ("学时", 50.0, "right"), ("补贴", 113.0, "right"))


NOTES = (
    "说明：课次、出勤与学时只计统计期间内已开课且未取消的课次；出勤含迟到。",
    "学时 = 出勤课次 × 课次时长。报名人次与在册学员指统计期间内开课课程的在读学员。",
    "结业率按结业证书的规则（出勤标准，或管理员特批并已发证），计本期结课（最后一次课或管理员标记结课在统计期间内）的课程。",
    "补贴 = 普惠课程市场价减学费，计在读报名。回访按学员计，以期间内最后一次回访结果为准。",
)


def outcome_line(outcomes: OutcomeCounts) -> str:
    parts = [f"{OUTCOME_ZH[k]} {outcomes.count(k)}" for k in OutcomeKind]
    return f"回访 {outcomes.learners} 人：" + " · ".join(parts)


def _summary_rows(r: FunderReport) -> list[tuple[str, str]]:
    t = r.totals
    tiers = {share.fee_tier: share.courses for share in r.tiers}
    finished = (f"{percent(r.completion_rate)}（{r.completed} / {r.finished_enrollments}，"
                f"本期结课 {r.finished_courses} 门，退课 {r.withdrawn} 人）")
    job_rate = percent(t.outcomes.job_or_business / r.learners_served
                       if r.learners_served else None)
    return [
        ("开班课程 Courses held", f"{t.courses:,} 门（公益 {tiers[FeeTier.FREE]:,} · "
                                  f"普惠 {tiers[FeeTier.INCLUSIVE]:,}）"),
        ("上课课次 Lessons held", f"{t.lessons:,} 次"),
        ("报名人次 Enrollments", f"{t.enrollments:,} 人次（{t.learners:,} 人）"),
        ("服务学员 Learners served", f"{r.learners_served:,} 人（公益 "
                                    f"{r.served(FeeTier.FREE):,} · 普惠 "
                                    f"{r.served(FeeTier.INCLUSIVE):,}）"),
        ("出勤人次 Attendances", f"{t.attended:,}"),
        ("学时 Learner-hours", f"{hours(t.learner_minutes)} 人·小时"),
        ("结业率 Completion", finished),
        ("颁发证书 Certificates", f"{t.certificates} 份"),
        ("普惠课程补贴 Subsidy", format_fen(t.subsidy_fen)),
        ("就业创业 Job or business", f"{t.outcomes.job_or_business} 人"
                                     f"（占服务学员 {job_rate}）"),
        ("回访结果 Follow-up", outcome_line(t.outcomes)),
    ]


def _category_cells(row: FunderRow) -> list[str]:
    return [row.category or NO_CATEGORY, TIER_ZH[row.fee_tier], f"{row.courses:,}",
            f"{row.lessons:,}", f"{row.enrollments:,}", f"{row.attended:,}",
            hours(row.learner_minutes), format_fen(row.subsidy_fen),
            f"{row.finished_enrollments:,}", f"{row.completed:,}", percent(row.completion_rate),
            f"{row.certificates:,}"]


def _category_table(p: Pages, r: FunderReport) -> None:
    p.heading("按类别与类型 By category and tier")
    p.header(CATEGORY_COLUMNS)
    for row in r.rows:
        p.row(_category_cells(row), CATEGORY_COLUMNS)
    t = r.totals
    p.row(["合计", "", f"{t.courses:,}", f"{t.lessons:,}", f"{t.enrollments:,}",
           f"{t.attended:,}", hours(t.learner_minutes), format_fen(t.subsidy_fen),
           f"{r.finished_enrollments:,}", f"{r.completed:,}", percent(r.completion_rate),
           f"{t.certificates:,}"], CATEGORY_COLUMNS, total=True)


def _tier_table(p: Pages, r: FunderReport) -> None:
    p.heading("公益与普惠 Free and inclusive")
    p.header(TIER_COLUMNS)
    for share in r.tiers:
        p.row([TIER_ZH[share.fee_tier], f"{share.courses:,}", f"{share.enrollments:,}",
               f"{share.learners:,}", f"{r.served(share.fee_tier):,}",
               format_fen(share.subsidy_fen)], TIER_COLUMNS)


def _course_cells(c: CourseInRange) -> list[str]:
    return [c.code, c.title, TIER_ZH[c.fee_tier], str(c.capacity), str(c.seated),
            str(c.lessons_held), percent(c.attendance_rate), hours(c.learner_minutes),
            format_fen(c.subsidy_fen)]


def write_funder_pdf(report: FunderReport, target: Target, *,
                     printed_at: dt.datetime | None = None, course_detail: bool = False) -> int:
    """Draw the funder report into ``target``; returns the number of pages.

    ``course_detail`` adds one line per course held (a year of a big school
    runs to dozens of pages: the .xlsx carries it too)."""
    r, tz = report, ZoneInfo(report.timezone)
    period = f"{r.range.start.isoformat()} 至 {r.range.end.isoformat()}"
    width, height = a4()
    c = open_canvas(target, f"办学情况报告 {period}", r.school_name, width, height)
    p = Pages(c, width, height, f"{r.school_name} 办学情况报告 {period}")
    fonts.draw(c, MARGIN, p.y - 20, f"{r.school_name} 办学情况报告", 20,
               max_width=p.width - 2 * MARGIN - 130)
    fonts.draw(c, p.width - MARGIN, p.y - 16, "Funder report", 10, align="right")
    p.y -= 34
    line = f"统计期间 {period} · 数据截至 {r.at.astimezone(tz):%Y-%m-%d %H:%M}"
    if printed_at is not None:
        line += f" · 打印于 {printed_at.astimezone(tz):%Y-%m-%d %H:%M}"
    p.text(line, 9.5, gap=22)
    p.heading("总体情况 Summary")
    for label, value in _summary_rows(r):
        p.row([label, value], SUMMARY_COLUMNS, size=9.5)
    _category_table(p, r)
    _tier_table(p, r)
    p.need(40)
    p.y -= 8
    for note in NOTES:
        p.text(note, 8, gap=13)
    if course_detail and r.courses:
        p.heading(f"课程明细 Courses（{len(r.courses)} 门）")
        p.header(COURSE_COLUMNS)
        for course in r.courses:
            p.row(_course_cells(course), COURSE_COLUMNS)
    pages = p.finish()
    c.save()
    return pages


def funder_pdf(report: FunderReport, *, printed_at: dt.datetime | None = None,
               course_detail: bool = False) -> bytes:
    buffer = io.BytesIO()
    write_funder_pdf(report, buffer, printed_at=printed_at, course_detail=course_detail)
    return buffer.getvalue()


# A course's attendance grid ----------------------------------------------------------

LESSONS_PER_PAGE = 20
STATUS_NOTE = {EnrollmentStatus.WITHDRAWN: "（已退课）", EnrollmentStatus.WAITLISTED: "（候补）",
               None: "（候补补位）"}
STATE_MARK = {LessonState.UPCOMING: "未上", LessonState.CANCELLED: "取消",
              LessonState.OPEN: "", LessonState.CLOSED: ""}


def _grid_columns(count: int, width: float) -> list[tuple[str, float, str]]:
    fixed = [("序号", 26.0, "right"), ("姓名", 120.0, "left"), ("学员号", 56.0, "left")]
    tail = [("出勤", 34.0, "right"), ("需出勤", 38.0, "right")]
    left = width - 2 * MARGIN - sum(w for _t, w, _r in fixed + tail)
    each = min(left / max(count, 1), 40.0)
    return fixed + [("", each, "centre")] * count + tail


def write_grid_pdf(grid: CourseGrid, target: Target, tz: ZoneInfo, *, school_name: str = "",
                   printed_at: dt.datetime | None = None) -> int:
    """The learner × lesson grid (P/L/E/A) of a course, landscape A4; a
    course with more than 20 lessons continues on further pages. Returns pages."""
    width, height = a4(landscape=True)
    c = open_canvas(target, f"{grid.course_title} 出勤表", school_name, width, height)
    # 13 pt rows: a class of 30 fits one landscape page.
    p = Pages(c, width, height, f"{grid.course_code} {grid.course_title} 出勤表",
              Look(row_height=13.0))
    blocks = [range(i, min(i + LESSONS_PER_PAGE, len(grid.lessons)))
              for i in range(0, max(len(grid.lessons), 1), LESSONS_PER_PAGE)]
    for n, block in enumerate(blocks):
        if n:
            p.need(p.height)  # a fresh page for the next lessons
        _grid_heading(p, grid, tz, printed_at)
        _grid_block(p, grid, list(block), tz)
    _late_entries(p, grid, tz)
    pages = p.finish()
    c.save()
    return pages


def _grid_heading(p: Pages, grid: CourseGrid, tz: ZoneInfo,
                  printed_at: dt.datetime | None) -> None:
    fonts.draw(p.c, MARGIN, p.y - 18, f"{grid.course_code} {grid.course_title} 出勤表", 16,
               max_width=p.width - 2 * MARGIN - 160)
    fonts.draw(p.c, p.width - MARGIN, p.y - 14, "Attendance grid", 10, align="right")
    p.y -= 28
    rule = f"结业标准：出勤不少于已上课次的 {grid.threshold_pct}%"
    rule += "（请假计入）" if grid.excused_counts else "（请假不计入）"
    stamp = f"截至 {grid.at.astimezone(tz):%Y-%m-%d %H:%M}"
    if printed_at is not None:
        stamp += f" · 打印于 {printed_at.astimezone(tz):%Y-%m-%d %H:%M}"
    legend = " ".join(f"{m.value} {MARK_ZH[m]}" for m in Mark)
    if grid.late_entries:
        legend += " · * 课后补录"
    p.text(f"{rule} · {legend} · 空白：未到或尚未关闭 · {stamp}", 8.5, gap=18)


def _grid_block(p: Pages, grid: CourseGrid, block: list[int], tz: ZoneInfo) -> None:
    columns = _grid_columns(len(block), p.width)
    dates = [f"{grid.lessons[i].starts_at.astimezone(tz):%m/%d}" for i in block]
    states = [STATE_MARK[grid.lessons[i].state] for i in block]
    p.row(["", "", "", *dates, "", ""], columns, header=True, size=7.5)
    p.row(["序号", "姓名", "学员号", *states, "出勤", "需出勤"], columns, header=True, size=7.5)
    for number, row in enumerate(grid.rows, start=1):
        seated = row.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
        marks = [grid.mark_text(row, i) for i in block]
        p.row([str(number), row.learner_name + STATUS_NOTE.get(row.status, ""),
               row.learner_code, *marks, str(row.attended), str(row.needs) if seated else ""],
              columns, size=8.5)
    came = [str(grid.count(i, Mark.PRESENT) + grid.count(i, Mark.LATE)) for i in block]
    p.row(["", "出勤人数", "", *came, "", ""], columns, total=True, size=8)


# A learner's history --------------------------------------------------------------

HISTORY_COLUMNS = (("编号", 44.0, "left"), ("课程", 150.0, "left"), ("状态", 52.0, "left"),
                   ("出勤/需出勤", 60.0, "right"), ("课次 P L E A", 110.0, "left"),
                   ("欠费", 56.0, "right"), ("证书", 51.0, "left"))
HISTORY_STATUS = {EnrollmentStatus.ENROLLED: "在读", EnrollmentStatus.COMPLETED: "已结业",
                  EnrollmentStatus.WITHDRAWN: "已退课", EnrollmentStatus.WAITLISTED: "候补",
                  None: "候补补位"}


def history_cells(h: HistoryCourse) -> list[str]:
    """One course of a learner's history, as the PDF and the workbook show it."""
    marks = " ".join(str(lesson.mark) if lesson.mark else "·" for lesson in h.lessons)
    return [h.course_code, h.course_title, HISTORY_STATUS.get(h.status, ""),
            f"{h.attended}/{h.needs}", marks, format_fen(h.balance_fen) if h.balance_fen else "",
            h.certificate_serial or ""]


def write_history_pdf(learner_name: str, learner_code: str, history: Sequence[HistoryCourse],
                      target: Target, tz: ZoneInfo, *, school_name: str = "",
                      at: dt.datetime) -> int:
    """A learner's attendance over every course they sat, A4; returns pages."""
    width, height = a4()
    title = f"{learner_name}（{learner_code}）出勤记录"
    c = open_canvas(target, title, school_name, width, height)
    p = Pages(c, width, height, title)
    fonts.draw(p.c, MARGIN, p.y - 18, title, 16, max_width=p.width - 2 * MARGIN - 120)
    fonts.draw(p.c, p.width - MARGIN, p.y - 14, "Attendance history", 10, align="right")
    p.y -= 28
    legend = " ".join(f"{m.value} {MARK_ZH[m]}" for m in Mark)
    p.text(f"{legend} · · 未到 · 截至 {at.astimezone(tz):%Y-%m-%d %H:%M}", 8.5, gap=18)
    p.row([t for t, _w, _a in HISTORY_COLUMNS], HISTORY_COLUMNS, header=True)
    for h in history:
        p.row(history_cells(h), HISTORY_COLUMNS)
    if not history:
        p.text("无课程记录", 9)
    pages = p.finish()
    c.save()
    return pages


LATE_REASON_ZH = {LateEntryReason.PAPER_SHEET: "纸质签到表",
                  LateEntryReason.DESK_OUTAGE: "前台系统故障"}


def _late_entries(p: Pages, grid: CourseGrid, tz: ZoneInfo) -> None:
    """Under the grid, each starred cell: whose, which lesson, written when,
    by whom and why."""
    if not grid.late_entries:
        return
    names = {row.learner_id: row.learner_name for row in grid.rows}
    p.text("* 课后补录（课次结束后录入的签到）", 9, gap=16)
    for (learner_id, index), note in sorted(grid.late_entries.items(),
                                            key=lambda item: (item[0][1], item[0][0])):
        lesson = grid.lessons[index].starts_at.astimezone(tz)
        who = " ".join(part for part in (note.staff_name, note.desk) if part) or "—"
        reason = LATE_REASON_ZH.get(note.reason, note.reason)  # type: ignore[call-overload]
        p.text(f"{names.get(learner_id, '')} · {lesson:%m/%d} 课次 · 录入于 "
               f"{note.recorded_at.astimezone(tz):%Y-%m-%d %H:%M} · {who} · 原因：{reason}",
               8.5, gap=13)


__all__ = [
    "MARK_ZH", "OUTCOME_ZH", "TIER_ZH", "funder_pdf", "hours", "outcome_line",
    "percent", "write_funder_pdf", "write_grid_pdf", "write_history_pdf",
]
