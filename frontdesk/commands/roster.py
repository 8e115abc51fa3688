"""Roster commands: import learners from a sign-up list, export the roster."""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Sequence

from frontdesk.commands.base import CliRun, Output, now_utc, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, describe
from frontdesk.privacy import actions as privacy
from frontdesk.roster import actions as roster
from frontdesk.roster.importer import Field, ImportPreview, ImportRow, Level
from frontdesk.roster.sheet_headers import parse_map_option
from frontdesk.text import mask_phone

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
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="feed a field from a column, by letter or header (手机=F, 课程=-: none); "
                        "remembered for files with the same headers once committed")
    p.add_argument("--course-as", action="append", default=[], metavar="ANSWER=CODE",
                   help="read a course answer as this course (AI+营销获客=C0012)")


# Field names as the preview prints them.
FIELD_LABELS = {
    Field.NAME: QT_TRANSLATE_NOOP("CLI", "Name"), Field.PHONE: QT_TRANSLATE_NOOP("CLI", "Phone"),
    Field.GENDER: QT_TRANSLATE_NOOP("CLI", "Gender"),
    Field.OCCUPATION: QT_TRANSLATE_NOOP("CLI", "Occupation"),
    Field.NOTE: QT_TRANSLATE_NOOP("CLI", "Note"), Field.COURSE: QT_TRANSLATE_NOOP("CLI", "Course"),
    Field.CONSENT: QT_TRANSLATE_NOOP("CLI", "Follow-up consent"),
    Field.SUBMITTED: QT_TRANSLATE_NOOP("CLI", "Submitted"),
}


def _course_choices(texts: Sequence[str]) -> dict[str, str]:
    choices = {}
    for text in texts:
        answer, sep, code = text.rpartition("=")
        if not sep or not answer.strip() or not code.strip():
            raise DomainError("import_map_invalid", value=text, fields="ANSWER=CODE")
        choices[answer.strip()] = code.strip()
    return choices


@subcommand("import", "import learners from an .xlsx or .csv sign-up list", _configure_import)
def cmd_import(run: CliRun) -> int:
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    overrides = dict(parse_map_option(text) for text in args.map)
    preview = roster.preview_import(store, actor, args.file, default_course=args.course,
                                    overrides=overrides,
                                    course_choices=_course_choices(args.course_as))
    _print_columns(preview, out)
    _print_preview(preview, out)
    if not args.commit:
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "Nothing was written. Run again with --commit to import the accepted rows."))
        return 0
    result = roster.commit_import(store, actor, preview, preview.accepted_rows, now_utc(),
                                  run.settings().inclusive_ratio_pct)
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "Imported: {added} new learners, {reused} already on the roster, "
        "{enrollments} enrollments ({waitlisted} on the waiting list)."),
        added=result.learners_added, reused=result.learners_reused,
        enrollments=result.enrollments_added, waitlisted=result.waitlisted)
    for skipped in result.skipped:
        out.say(QT_TRANSLATE_NOOP("CLI", "Row {row} was skipped: {problems}"), row=skipped.row,
                problems=" ".join(describe(p.code, p.details, out.lang) for p in skipped.problems))
    return 0


def _print_columns(preview: ImportPreview, out: Output) -> None:
    """Which column feeds which field, what was passed over, what is ignored."""
    columns = preview.columns
    for field in Field:
        index = columns.column(field)
        rivals = "、".join(columns.describe(i) for i in columns.rivals.get(field, ()))
        if index is None:
            continue
        out.say(QT_TRANSLATE_NOOP("CLI", "{field} <- {column}"), field=out.t(FIELD_LABELS[field]),
                column=columns.describe(index))
        if rivals:
            out.say(QT_TRANSLATE_NOOP("CLI", "    (chosen over {rivals})"), rivals=rivals)
    ignored = "、".join(columns.describe(i) for i in columns.ignored)
    out.say(QT_TRANSLATE_NOOP("CLI", "Ignored columns: {columns}"), columns=ignored or "-")
    if columns.by_hand:
        out.say(QT_TRANSLATE_NOOP("CLI", "Chosen by hand: {fields}{remembered}"),
                fields="、".join(out.t(FIELD_LABELS[f]) for f in Field if f in columns.by_hand),
                remembered=out.t(QT_TRANSLATE_NOOP("CLI", " (remembered for this form)"))
                if preview.sheet.remembered else "")
    for warning in preview.warnings:
        out.say(QT_TRANSLATE_NOOP("CLI", "Warning: {warning}"),
                warning=describe(warning.code, warning.details, out.lang))
    for question in preview.questions:
        candidates = " ".join(f"{c.code}={c.title}" for c in question.candidates)
        out.say(QT_TRANSLATE_NOOP("CLI", "Which course is “{answer}”? {candidates} "
                                  "(answer with --course-as “{answer}=CODE”)"),
                answer=question.text, candidates=candidates)


def _result_word(row: ImportRow, out: Output) -> str:
    if row.replaced_by is not None:
        return out.t(QT_TRANSLATE_NOOP("CLI", "replaced"))
    if not row.accepted:
        return out.t(QT_TRANSLATE_NOOP("CLI", "skip"))
    if row.waitlisted:
        return out.t(QT_TRANSLATE_NOOP("CLI", "wait"))
    return out.t(QT_TRANSLATE_NOOP("CLI", "import"))


def _print_preview(preview: ImportPreview, out: Output) -> None:
    timed = Field.SUBMITTED in preview.columns.fields
    header = [out.t(QT_TRANSLATE_NOOP("CLI", "Row")),
              *([out.t(FIELD_LABELS[Field.SUBMITTED])] if timed else []),
              out.t(QT_TRANSLATE_NOOP("CLI", "Name")),
              out.t(QT_TRANSLATE_NOOP("CLI", "Phone")), out.t(QT_TRANSLATE_NOOP("CLI", "Course")),
              out.t(QT_TRANSLATE_NOOP("CLI", "Result")),
              out.t(QT_TRANSLATE_NOOP("CLI", "Problems"))]
    lines = []
    for r in preview.rows:
        v = r.values
        phone = mask_phone(v.phone) if v.phone else v.phone_text
        courses = "、".join(c.title for c in r.courses) or v.course_text
        problems = " ".join(describe(p.code, p.details, out.lang) for p in r.problems)
        lines.append([str(r.row), *([v.submitted] if timed else []), v.name, phone, courses,
                      _result_word(r, out), problems])
    _print_table(out, header, lines)
    notices = sum(1 for r in preview.rows
                  if r.accepted and any(p.level is Level.NOTICE for p in r.problems))
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "{total} rows read: {accepted} can be imported ({notices} with a notice), "
        "{replaced} replaced by a later answer of the same person, {rejected} will be skipped."),
        total=len(preview.rows), accepted=len(preview.accepted_rows), notices=notices,
        replaced=len(preview.replaced_rows), rejected=len(preview.rejected_rows))


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument("--course", metavar="CODE", help="only this course (code or title)")
    p.add_argument("--full-phone", action="store_true",
                   help="write whole phone numbers (default: masked, 138****5678)")


@subcommand("export", "export the roster to an .xlsx workbook", _configure_export)
def cmd_export(run: CliRun) -> int:
    """The roster as a workbook; full phone numbers are an administrator's, and
    every export is audited (a list of people's phones left the store)."""
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    course_id = roster.course_id_by_code(store, actor, args.course) if args.course else None
    count = roster.export_roster(store, actor, args.out, course_id=course_id,
                                 full_phone=args.full_phone)
    privacy.record_export(store, actor, now_utc(), "roster", count, args.full_phone,
                          file_name=str(args.out))
    out.say(QT_TRANSLATE_NOOP("CLI", "Wrote {count} rows to {path}."), count=count, path=args.out)
    return 0
