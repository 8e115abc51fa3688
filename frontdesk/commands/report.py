"""Report commands: the funder report, attendance, at-risk, no-shows, follow-ups.

Thin callers of :mod:`frontdesk.reports.actions`, the actions the dashboard
uses, then the documents are drawn from what they returned:

    frontdesk report funder --from 2026-01-01 --to 2026-12-31 --out 2026.pdf
    frontdesk report attendance --course C0004 --out grid.xlsx
    frontdesk report at-risk [--course C0004] [--full-phone]
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.commands.base import CliRun, Output, now_utc, parse_when, subcommand
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.reports import actions as reports
from frontdesk.roster import actions as roster

if TYPE_CHECKING:
    from frontdesk.reports.attendance_grid import HistoryCourse
    from frontdesk.settings import SchoolSettings


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def _suffix(out: Output, path: str | None, allowed: tuple[str, ...]) -> str | None:
    """The output file's suffix, or None (after saying so) when it is not allowed."""
    suffix = Path(path).suffix.lower() if path else ""
    if path and suffix not in allowed:
        out.say(QT_TRANSLATE_NOOP("CLI", "Choose a file ending in {suffixes}."),
                suffixes=" / ".join(allowed))
        return None
    return suffix


def _course_id(run: CliRun, text: str) -> int:
    return roster.course_id_by_code(run.store(), run.actor(), text)


def _add_at(p: argparse.ArgumentParser) -> None:
    p.add_argument("--at", help="as of this time, ISO (default: now; no zone: the school's)")


def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    funder = sub.add_parser("funder", help="the funder report of a date range (.pdf or .xlsx)")
    funder.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD")
    funder.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD")
    funder.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx")
    funder.add_argument("--courses", action="store_true",
                        help="add a line per course to the PDF (the .xlsx always has them)")
    _add_at(funder)
    attendance = sub.add_parser("attendance", help="a course's grid, a lesson's sheet, or a "
                                                   "learner's history")
    which = attendance.add_mutually_exclusive_group(required=True)
    which.add_argument("--course", help="course code or title: the learner × lesson grid")
    which.add_argument("--lesson", type=int, help="lesson id: its sign-in sheet with who came")
    which.add_argument("--learner", help="learner code: their history over every course")
    attendance.add_argument("--out", help="write the grid or a learner's history as .pdf or "
                                          ".xlsx (a lesson: .pdf)")
    _add_at(attendance)
    risk = sub.add_parser("at-risk", help="who can no longer, or only just, reach the "
                                          "certificate threshold")
    risk.add_argument("--course", help="one course (code or title)")
    risk.add_argument("--slack", type=int, default=1,
                      help="lessons to spare that still count as only just (default 1)")
    risk.add_argument("--full-phone", action="store_true",
                      help="whole phone numbers (admins only; default: 138****5678)")
    risk.add_argument("--out", help="write the list as .xlsx")
    _add_at(risk)
    shows = sub.add_parser("no-shows", help="learners who missed lessons of free courses")
    shows.add_argument("--since", type=_day, help="from this date (default: 90 days ago)")
    shows.add_argument("--min", type=int, default=1, help="at least this many (default 1)")
    shows.add_argument("--full-phone", action="store_true", help="whole phone numbers")
    calls = sub.add_parser("followups", help="who is due an outcome follow-up call")
    calls.add_argument("--weeks", type=int, default=12,
                       help="weeks after the course ended (default 12)")
    calls.add_argument("--window", type=int, default=8,
                       help="courses that ended within this many weeks before that (default 8)")
    calls.add_argument("--full-phone", action="store_true", help="whole phone numbers")
    _add_at(calls)


@subcommand("report", "reports: funder, attendance, at-risk, no-shows, follow-ups", _configure)
def _cmd_report(run: CliRun) -> int:
    run.actor()
    return _HANDLERS[run.args.report](run)


def _funder(run: CliRun) -> int:
    from frontdesk.documents.fonts import MissingGlyphs
    from frontdesk.reports.term import date_range

    args, out = run.args, run.out
    suffix = _suffix(out, args.out, (".pdf", ".xlsx"))
    if suffix is None:
        return 2
    at = parse_when(args.at)
    report = reports.funder_report(run.store(), run.actor(), date_range(args.start, args.end),
                                   at, run.settings().tz())
    try:
        if suffix == ".pdf":
            from frontdesk.documents.report_pdf import write_funder_pdf

            write_funder_pdf(report, args.out, printed_at=at, course_detail=args.courses)
        else:
            from frontdesk.documents.report_xlsx import write_funder_xlsx

            write_funder_xlsx(report, args.out)
    except MissingGlyphs as error:
        return _unprintable(out, error.characters)
    t = report.totals
    out.say(QT_TRANSLATE_NOOP("CLI", "{courses} courses, {lessons} lessons, {learners} learners "
                                     "served, {hours} learner-hours, subsidy {subsidy}."),
            courses=t.courses, lessons=t.lessons, learners=report.learners_served,
            hours=f"{t.learner_hours:,.1f}", subsidy=out.money(t.subsidy_fen))
    out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=args.out)
    return 0


def _unprintable(out: Output, characters: str) -> int:
    out.say(QT_TRANSLATE_NOOP("CLI", "The report cannot be drawn: no bundled font has "
                                     "{characters}."), characters=characters)
    return 2


def _attendance(run: CliRun) -> int:
    if run.args.lesson is not None:
        return _lesson_sheet(run)
    if run.args.learner:
        return _learner(run)
    return _grid(run)


def _grid(run: CliRun) -> int:
    from frontdesk.documents.fonts import MissingGlyphs

    args, out = run.args, run.out
    suffix = _suffix(out, args.out, (".pdf", ".xlsx"))
    if suffix is None:
        return 2
    at = parse_when(args.at)
    grid = reports.course_grid(run.store(), run.actor(), _course_id(run, args.course), at)
    settings = run.settings()
    tz = settings.tz()
    for row in grid.rows:
        marks = "".join(str(m) if m else "·" for m in row.marks)
        out.line(f"{row.learner_code}\t{row.learner_name}\t{marks}\t{row.attended}/{row.needs}")
    try:
        if suffix == ".pdf":
            from frontdesk.documents.report_pdf import write_grid_pdf

            write_grid_pdf(grid, args.out, tz, school_name=settings.name, printed_at=at)
        elif suffix == ".xlsx":
            from frontdesk.documents.report_xlsx import write_grid_xlsx

            write_grid_xlsx(grid, args.out, tz)
    except MissingGlyphs as error:
        return _unprintable(out, error.characters)
    out.say(QT_TRANSLATE_NOOP("CLI", "{course}: {learners} learners, {lessons} lessons."),
            course=grid.course_title, learners=len(grid.rows), lessons=len(grid.lessons))
    if args.out:
        out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=args.out)
    return 0


def _lesson_sheet(run: CliRun) -> int:
    from frontdesk.documents.signin_sheet import render_signin_sheet_pdf

    args, out = run.args, run.out
    if _suffix(out, args.out, (".pdf",)) is None:
        return 2
    sheet = reports.lesson_sheet(run.store(), run.actor(), args.lesson, run.settings().tz())
    for row in sheet.rows:
        when = f"{row.at.astimezone(sheet.starts_local.tzinfo):%H:%M}" if row.at else ""
        out.line(f"{row.code}\t{row.name}\t{row.status.value if row.status else ''}\t{when}")
    if args.out:
        render_signin_sheet_pdf(args.out, sheet, blank_rows=0, printed_at=parse_when(args.at))
        out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=args.out)
    return 0


def _learner(run: CliRun) -> int:
    args, out = run.args, run.out
    suffix = _suffix(out, args.out, (".pdf", ".xlsx"))
    if suffix is None:
        return 2
    at = parse_when(args.at)
    store, actor = run.store(), run.actor()
    learner_id = roster.learner_id_by_code(store, actor, args.learner)
    learner = roster.get_learner(store, actor, learner_id)
    history = reports.learner_history(store, actor, learner_id, at)
    for h in history:
        marks = "".join(str(lesson.mark) if lesson.mark else "·" for lesson in h.lessons)
        out.line(f"{h.course_code}\t{h.course_title}\t{h.status.value if h.status else ''}\t"
                 f"{h.attended}/{h.needs}\t{marks}\t{out.money(h.balance_fen)}\t"
                 f"{h.certificate_serial or ''}")
    out.say(QT_TRANSLATE_NOOP("CLI", "{name}: {courses} courses."), name=learner.name,
            courses=len(history))
    if args.out:
        return _save_history(out, args.out, suffix, learner.name, learner.code, history,
                             run.settings(), at)
    return 0


def _save_history(out: Output, path: str, suffix: str, name: str, code: str,
                  history: list[HistoryCourse], settings: SchoolSettings,
                  at: dt.datetime) -> int:
    from frontdesk.documents.fonts import MissingGlyphs

    try:
        if suffix == ".pdf":
            from frontdesk.documents.report_pdf import write_history_pdf

            write_history_pdf(name, code, history, path, settings.tz(),
                              school_name=settings.name, at=at)
        else:
            from frontdesk.documents.report_xlsx import write_history_xlsx

            write_history_xlsx(name, code, history, path)
    except MissingGlyphs as error:
        return _unprintable(out, error.characters)
    out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=path)
    return 0


def _at_risk(run: CliRun) -> int:
    from frontdesk.privacy.personal_data import check_export

    args, out = run.args, run.out
    if _suffix(out, args.out, (".xlsx",)) is None:
        return 2
    actor = run.actor()
    if args.out or args.full_phone:
        check_export(actor, full_phone=args.full_phone)
    at = parse_when(args.at)
    course_id = _course_id(run, args.course) if args.course else None
    rows = reports.at_risk_list(run.store(), actor, at, course_id=course_id, slack=args.slack,
                                full_phone=args.full_phone)
    for r in rows:
        out.line(f"{r.risk.value}\t{r.course_code}\t{r.learner_code}\t{r.learner_name}\t"
                 f"{r.phone}\t{r.attended}/{r.held}\t{r.remaining}\t{r.needs}")
    if args.out:
        from frontdesk.documents.report_xlsx import write_at_risk_xlsx

        write_at_risk_xlsx(rows, args.out)
        out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=args.out)
    if args.out or args.full_phone:  # a list of phone numbers left the store
        _record_phones(run, "at_risk", len(rows), args.full_phone, args.out or "")
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} learners at risk."), count=len(rows))
    return 0


def _no_shows(run: CliRun) -> int:
    args, out = run.args, run.out
    _check_phones(run, args.full_phone)
    now = parse_when(None)
    tz = run.settings().tz()
    day = args.since or (now.astimezone(tz).date() - dt.timedelta(days=90))
    since = dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    rows = reports.no_show_list(run.store(), run.actor(), since, min_count=args.min,
                                full_phone=args.full_phone)
    for r in rows:
        out.line(f"{r.learner_code}\t{r.learner_name}\t{r.phone}\t{r.no_shows}\t{r.courses}")
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} learners missed lessons of free courses."),
            count=len(rows))
    if args.full_phone:
        _record_phones(run, "no_shows", len(rows), True)
    return 0


def _followups(run: CliRun) -> int:
    args, out = run.args, run.out
    _check_phones(run, args.full_phone)
    rows = reports.followups_due(run.store(), run.actor(), parse_when(args.at), args.weeks,
                                 window_weeks=args.window, full_phone=args.full_phone)
    for r in rows:
        out.line(f"{r.course_code}\t{r.learner_code}\t{r.learner_name}\t{r.phone}\t"
                 f"{r.course_ended_at:%Y-%m-%d}\t{r.attempts}")
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} follow-up calls due."), count=len(rows))
    if args.full_phone:
        _record_phones(run, "followups", len(rows), True)
    return 0


def _check_phones(run: CliRun, full_phone: bool) -> None:
    """Whole phone numbers are an administrator's (refused before anything is read)."""
    from frontdesk.privacy.personal_data import check_export

    if full_phone:
        check_export(run.actor(), full_phone=True)


def _record_phones(run: CliRun, kind: str, rows: int, full_phone: bool, path: str = "") -> None:
    """Audit a list of learners' phone numbers printed or written (``export.<kind>``)."""
    from frontdesk.privacy import actions as privacy

    privacy.record_export(run.store(), run.actor(), now_utc(), kind, rows, full_phone,
                          file_name=str(path))


_HANDLERS: dict[str, Callable[[CliRun], int]] = {
    "funder": _funder, "attendance": _attendance, "at-risk": _at_risk,
    "no-shows": _no_shows, "followups": _followups,
}
