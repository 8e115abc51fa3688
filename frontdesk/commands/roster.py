"""Roster commands: import learners from a sign-up list, export the roster."""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from frontdesk.cli import QT_TRANSLATE_NOOP, CliRun, Output, now_utc, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import describe
from frontdesk.text import mask_phone

if TYPE_CHECKING:
    from frontdesk.roster.importer import ImportPreview

_COURSE_WIDTH = 30  # wider course titles push the problems column along


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each CJK character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _print_table(out: Output, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    # The last column (the problems) is left ragged.
    widths = [min(max(_width(r[i]) for r in [header, *rows]), _COURSE_WIDTH)
              for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
        out.line("  ".join([*cells, row[-1]]).rstrip())


def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the .xlsx or .csv file from the sign-up form or Excel")
    p.add_argument("--commit", action="store_true",
                   help="write the accepted rows (without it nothing is written)")
    p.add_argument("--course", metavar="CODE",
                   help="the course (code or title) for rows that name none")


@subcommand("import", "import learners from an .xlsx or .csv sign-up list", _configure_import)
def cmd_import(run: CliRun) -> int:
    from frontdesk.roster.importer import commit_import, preview_import
    from frontdesk.settings import load_settings
    from frontdesk.staff import roles

    args, out = run.args, run.out
    store, actor = run.store(), run.actor()
    roles.require(actor, roles.Action.IMPORT)  # the file is a list of people's phones
    with store.read() as session:
        preview = preview_import(session, args.file, default_course=args.course)
    _print_preview(preview, out)
    if not args.commit:
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "Nothing was written. Run again with --commit to import the accepted rows."))
        return 0
    with store.write() as session:
        ratio = load_settings(session).inclusive_ratio_pct
        result = commit_import(session, preview, preview.accepted_rows, actor, now_utc(),
                               ratio)
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "Imported: {added} new learners, {reused} already on the roster, "
        "{enrollments} enrollments ({waitlisted} on the waiting list)."),
        added=result.learners_added, reused=result.learners_reused,
        enrollments=result.enrollments_added, waitlisted=result.waitlisted)
    for skipped in result.skipped:
        out.say(QT_TRANSLATE_NOOP("CLI", "Row {row} was skipped: {problems}"), row=skipped.row,
                problems=" ".join(describe(p.code, p.details, out.lang) for p in skipped.problems))
    return 0


def _print_preview(preview: ImportPreview, out: Output) -> None:
    from frontdesk.roster.importer import Level

    header = [out.t(QT_TRANSLATE_NOOP("CLI", "Row")), out.t(QT_TRANSLATE_NOOP("CLI", "Name")),
              out.t(QT_TRANSLATE_NOOP("CLI", "Phone")), out.t(QT_TRANSLATE_NOOP("CLI", "Course")),
              out.t(QT_TRANSLATE_NOOP("CLI", "Result")),
              out.t(QT_TRANSLATE_NOOP("CLI", "Problems"))]
    ok, skip = out.t(QT_TRANSLATE_NOOP("CLI", "import")), out.t(QT_TRANSLATE_NOOP("CLI", "skip"))
    lines = []
    for r in preview.rows:
        v = r.values
        phone = mask_phone(v.phone) if v.phone else v.phone_text
        courses = "、".join(c.title for c in r.courses) or "、".join(v.course_texts)
        problems = " ".join(describe(p.code, p.details, out.lang) for p in r.problems)
        lines.append([str(r.row), v.name, phone, courses, ok if r.accepted else skip, problems])
    _print_table(out, header, lines)
    notices = sum(1 for r in preview.rows
                  if r.accepted and any(p.level is Level.NOTICE for p in r.problems))
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "{total} rows read: {accepted} can be imported ({notices} with a notice), "
        "{rejected} will be skipped."),
        total=len(preview.rows), accepted=len(preview.accepted_rows), notices=notices,
        rejected=len(preview.rejected_rows))


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument("--course", metavar="CODE", help="only this course (code or title)")
    p.add_argument("--full-phone", action="store_true",
                   help="write whole phone numbers (default: masked, 138****5678)")


@subcommand("export", "export the roster to an .xlsx workbook", _configure_export)
def cmd_export(run: CliRun) -> int:
    from frontdesk.privacy.personal_data import audit_export, check_export
    from frontdesk.roster.courses import course_by_code_or_title
    from frontdesk.roster.export import export_roster

    args, out = run.args, run.out
    store, actor = run.store(), run.actor()
    check_export(actor, full_phone=args.full_phone)
    with store.read() as session:
        course_id = None
        if args.course:
            course = course_by_code_or_title(session, args.course)
            if course is None:
                raise DomainError("course_not_found", value=args.course)
            course_id = course.id
        count = export_roster(session, args.out, course_id=course_id,
                              full_phone=args.full_phone)
    with store.write() as session:  # a list of learners' phones left the store
        audit_export(session, actor, now_utc(), "roster", count, args.full_phone,
                     file_name=str(args.out))
    out.say(QT_TRANSLATE_NOOP("CLI", "Wrote {count} rows to {path}."), count=count, path=args.out)
    return 0
