"""Check-in commands: learner cards, tokens, a headless check-in, sign-in sheets.

    frontdesk cards --course C0001 --out cards.pdf     (or --learner CODE, repeatable)
    frontdesk cards --learner CODE --out card.png      (one card, to send to a phone)
    frontdesk token --learner CODE
    frontdesk checkin SCAN_TEXT [--at ISO_TIME] [--lesson ID] [--choose ID]
    frontdesk reissue --learner CODE [--out card.pdf|card.png]
    frontdesk signin-sheet --lesson ID --out sheet.pdf
    frontdesk close-lessons [--at ISO_TIME]

``checkin`` exits 0 when the learner is checked in (now or before), 1 when
the scan was refused, 2 on an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.checkin import actions as checkin
from frontdesk.checkin.scan import CheckInResult, LessonRef, Outcome
from frontdesk.checkin.tokens import REFUSALS, TokenProblem
from frontdesk.commands.base import CliRun, Output, now_utc, parse_when, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, describe
from frontdesk.privacy import actions as privacy
from frontdesk.roster import actions as roster
from frontdesk.vocab import LateEntryReason

if TYPE_CHECKING:
    from frontdesk.checkin.tokens import CardData

WEEKDAYS = (
    QT_TRANSLATE_NOOP("CLI", "Mon"), QT_TRANSLATE_NOOP("CLI", "Tue"),
    QT_TRANSLATE_NOOP("CLI", "Wed"), QT_TRANSLATE_NOOP("CLI", "Thu"),
    QT_TRANSLATE_NOOP("CLI", "Fri"), QT_TRANSLATE_NOOP("CLI", "Sat"),
    QT_TRANSLATE_NOOP("CLI", "Sun"),
)


# cards ------------------------------------------------------------------------------


def _configure_cards(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", help="every learner seated on this course (code or title)")
    p.add_argument("--learner", action="append", default=[], metavar="CODE",
                   help="this learner's card (repeatable)")
    p.add_argument("--waitlisted", action="store_true",
                   help="with --course: the waiting list too")
    p.add_argument("--out", required=True,
                   help="FILE.pdf (a sheet, 10 cards a page) or FILE.png (one card)")


@subcommand("cards", "print learner cards with QR codes (PDF sheet or one PNG)",
            _configure_cards)
def _cmd_cards(run: CliRun) -> int:
    args, store, actor = run.args, run.store(), run.actor()
    if not args.course and not args.learner:
        raise DomainError("cards_nothing_chosen")
    cards: list[CardData] = []
    if args.course:
        course_id = roster.course_id_by_code(store, actor, args.course)
        cards += checkin.class_card_sheet(store, actor, course_id,
                                          include_waitlisted=args.waitlisted).cards
    ids = [roster.learner_id_by_code(store, actor, code) for code in args.learner]
    cards += checkin.learner_card_sheet(store, actor, ids).cards if ids else []
    written = _write_cards(run.out, Path(args.out), cards, run.settings().name)
    _record_cards(run, len(cards), args.out)
    return written


def _record_cards(run: CliRun, count: int, path: str) -> None:
    """Cards carry names and the tokens that check learners in: audited as an export."""
    privacy.record_export(run.store(), run.actor(), now_utc(), "cards", count, False,
                          file_name=str(path))


def _write_cards(out: Output, target: Path, cards: list[CardData], school: str) -> int:
    from frontdesk.documents.cards import render_cards_pdf, write_card_png

    if not cards:
        raise DomainError("no_cards")
    if target.suffix.lower() == ".png":
        if len(cards) != 1:
            raise DomainError("png_needs_one_card", count=len(cards))
        write_card_png(target, cards[0], school)
        out.say(QT_TRANSLATE_NOOP("CLI", "Card of {name} written to {path}."),
                name=cards[0].name, path=target)
        return 0
    pages = render_cards_pdf(target, cards, school)
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} cards on {pages} pages written to {path}."),
            count=len(cards), pages=pages, path=target)
    return 0


# token, reissue ------------------------------------------------------------------------


def _configure_learner(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learner", required=True, metavar="CODE", help="the learner's public code")


@subcommand("token", "print a learner card's token (what its QR code holds)", _configure_learner)
def _cmd_token(run: CliRun) -> int:
    card = checkin.card_token(run.store(), run.actor(), run.args.learner, now_utc())
    run.out.line(card.token)
    return 0


def _configure_reissue(p: argparse.ArgumentParser) -> None:
    _configure_learner(p)
    p.add_argument("--out", help="also print the new card: FILE.pdf or FILE.png")


@subcommand("reissue", "replace a lost learner card: the old one stops working",
            _configure_reissue)
def _cmd_reissue(run: CliRun) -> int:
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    learner_id = roster.learner_id_by_code(store, actor, args.learner)
    done = checkin.reissue_card(store, actor, learner_id, now_utc())
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "New card (version {version}) for {name} ({code}); the old card no longer works."),
        version=done.card_version, name=done.name, code=done.code)
    out.line(done.token)
    if args.out:
        cards = checkin.learner_card_sheet(store, actor, [learner_id]).cards
        written = _write_cards(out, Path(args.out), cards, run.settings().name)
        _record_cards(run, len(cards), args.out)
        return written
    return 0


def _configure_rotate_secret(p: argparse.ArgumentParser) -> None:
    p.add_argument("--yes", action="store_true",
                   help="really rotate (without it, only says what would happen)")


@subcommand("rotate-card-secret", "administrators: a new learner-card secret; every card must "
            "be printed again and old cards are refused as replaced", _configure_rotate_secret)
def _cmd_rotate_card_secret(run: CliRun) -> int:
    args, out = run.args, run.out
    if not args.yes:
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "Nothing was changed. With --yes, every learner card stops working and must "
                   "be printed again (frontdesk cards); desks that are open must be restarted."))
        return 0
    count = checkin.rotate_card_secret(run.store(), run.actor(), now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "New card secret: {count} cards to print again; old cards "
                                     "are refused as replaced."), count=count)
    return 0


# checkin -------------------------------------------------------------------------------


def _configure_checkin(p: argparse.ArgumentParser) -> None:
    p.add_argument("scan", metavar="SCAN_TEXT", help="what the scanner read (a card's token)")
    p.add_argument("--at", help="the time of the scan (ISO; default now; no zone = school's)")
    p.add_argument("--lesson", type=int, help="pin the desk to this lesson id")
    p.add_argument("--choose", type=int, help="the lesson id chosen after 'choose a lesson'")
    p.add_argument("--late-reason", metavar="WHY",
                   help="for an arrival typed in after its lesson was over (a late entry): "
                        "why, e.g. paper_sheet, desk_outage or a few words")


@subcommand("checkin", "check a learner in from a scanned code, and say what happened",
            _configure_checkin)
def _cmd_checkin(run: CliRun) -> int:
    args, out = run.args, run.out
    now = now_utc()
    result = checkin.desk_scan(run.store(), run.actor(), args.scan,
                               parse_when(args.at) if args.at else now,
                               desk_lesson_id=args.lesson, choose_lesson_id=args.choose,
                               now=now, late_reason=args.late_reason)
    say_result(out, result, run.settings().tz())
    if result.late_entry_reason is not None:
        out.say(QT_TRANSLATE_NOOP("CLI", "Entered now as a late entry ({reason}); the grid "
                                  "and the audit trail show it."),
                reason=late_reason_text(out, result.late_entry_reason))
    return 1 if result.refused else 0


_LATE_REASONS = {
    LateEntryReason.PAPER_SHEET: QT_TRANSLATE_NOOP("CLI", "paper sign-in sheet"),
    LateEntryReason.DESK_OUTAGE: QT_TRANSLATE_NOOP("CLI", "the desk was down"),
}


def late_reason_text(out: Output, reason: str) -> str:
    """A late entry's reason in words: a known one translated, else as typed."""
    known = _LATE_REASONS.get(reason)  # type: ignore[call-overload]
    return out.t(known) if known else reason


def _when(out: Output, at: dt.datetime | None, tz: dt.tzinfo) -> str:
    if at is None:
        return ""
    local = at.astimezone(tz)
    return f"{out.t(WEEKDAYS[local.weekday()])} {local:%Y-%m-%d %H:%M}"


def _lesson_values(out: Output, lesson: LessonRef | None, tz: dt.tzinfo) -> dict[str, object]:
    if lesson is None:
        return {"course": "", "when": "", "room": "", "lesson_id": ""}
    return {"course": lesson.course_title, "when": _when(out, lesson.starts_at, tz),
            "room": lesson.room or "—", "lesson_id": lesson.lesson_id}


_WORDS = {
    Outcome.CHECKED_IN: QT_TRANSLATE_NOOP(
        "CLI", "Checked in: {name} ({code}), {course}, at {time}."),
    Outcome.LATE: QT_TRANSLATE_NOOP(
        "CLI", "Checked in, late by {minutes} min: {name} ({code}), {course}, at {time}."),
    Outcome.FEE_DUE: QT_TRANSLATE_NOOP(
        "CLI", "Checked in, but {amount} is still due: {name} ({code}), {course}."),
    Outcome.ALREADY_CHECKED_IN: QT_TRANSLATE_NOOP(
        "CLI", "Already checked in at {time}: {name} ({code}), {course}. No second record."),
    Outcome.WAITLISTED: QT_TRANSLATE_NOOP(
        "CLI", "{name} ({code}) is on the waiting list of {course}, not enrolled."),
    Outcome.OTHER_COURSE_TONIGHT: QT_TRANSLATE_NOOP(
        "CLI", "{name} ({code}) is not on this lesson; their course tonight is {course}, "
        "{when}, room {room}."),
    Outcome.CARD_REPLACED: QT_TRANSLATE_NOOP(
        "CLI", "This card of {name} ({code}) was replaced on {date}; use the new card."),
    Outcome.UNKNOWN_LEARNER: QT_TRANSLATE_NOOP(
        "CLI", "A FrontDesk card, but learner {code} is not in this store."),
    Outcome.CERTIFICATE: QT_TRANSLATE_NOOP(
        "CLI", "This is a certificate code, not a learner card: check it with “frontdesk verify”."),
    Outcome.CHOOSE_LESSON: QT_TRANSLATE_NOOP(
        "CLI", "{name} ({code}) has more than one lesson open now; run again with --choose:"),
}


def say_result(out: Output, result: CheckInResult, tz: dt.tzinfo) -> None:
    """The outcome of a check-in in words (one line, more for a choice)."""
    values: dict[str, object] = {
        "name": result.learner_name, "code": result.learner_code,
        "time": result.at.astimezone(tz).strftime("%H:%M") if result.at else "",
        "minutes": result.minutes_late, "amount": out.money(result.balance_fen),
        "date": result.replaced_on.isoformat() if result.replaced_on else "?",
        **_lesson_values(out, result.lesson, tz),
    }
    if result.outcome is Outcome.NO_LESSON_NOW:
        if result.lesson is None:
            out.say(QT_TRANSLATE_NOOP("CLI", "No lesson now for {name} ({code}), and none "
                                      "coming up."), **values)
        else:
            out.say(QT_TRANSLATE_NOOP("CLI", "No lesson now for {name} ({code}). Next: "
                                      "{course}, {when}."), **values)
        return
    if result.outcome is Outcome.NOT_OUR_CODE:
        problem = result.problem or TokenProblem.FOREIGN
        print(describe(REFUSALS[problem], {}, out.lang))
        return
    out.say(_WORDS[result.outcome], **values)
    if result.outcome is Outcome.WAITLISTED and result.can_enroll_now:
        out.say(QT_TRANSLATE_NOOP("CLI", "A seat is free: the desk can enroll and check in "
                                  "(lesson {lesson_id})."), **values)
    for lesson in result.candidates:
        out.say(QT_TRANSLATE_NOOP("CLI", "  --choose {lesson_id}   {course}, {when}, room {room}"),
                **_lesson_values(out, lesson, tz))


# sign-in sheet, closing lessons ---------------------------------------------------------


def _configure_signin_sheet(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lesson", type=int, required=True, help="the lesson id")
    p.add_argument("--out", required=True, help="FILE.pdf")
    p.add_argument("--blank-rows", type=int, default=4, help="empty rows for walk-ins")


@subcommand("signin-sheet", "print a lesson's paper sign-in sheet (PDF)", _configure_signin_sheet)
def _cmd_signin_sheet(run: CliRun) -> int:
    from frontdesk.documents.signin_sheet import render_signin_sheet_pdf

    args, out = run.args, run.out
    sheet = checkin.signin_sheet(run.store(), run.actor(), args.lesson, run.settings().tz())
    pages = render_signin_sheet_pdf(args.out, sheet, blank_rows=args.blank_rows,
                                    printed_at=now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "Sign-in sheet of {course} ({count} learners, {pages} "
                              "pages) written to {path}."),
            course=sheet.course_title, count=len(sheet.rows), pages=pages, path=args.out)
    return 0


def _configure_close(p: argparse.ArgumentParser) -> None:
    p.add_argument("--at", help="close lessons over by this time (ISO; default now)")
    p.add_argument("--limit", type=int, default=500, help="at most this many lessons")


@subcommand("close-lessons", "mark absent who did not come to lessons that are over",
            _configure_close)
def _cmd_close(run: CliRun) -> int:
    args, out = run.args, run.out
    closed = checkin.close_ended_lessons(run.store(), run.actor(), parse_when(args.at),
                                         limit=args.limit)
    out.say(QT_TRANSLATE_NOOP("CLI", "{lessons} lessons closed, {absent} absences recorded."),
            lessons=len(closed), absent=sum(c.absent for c in closed))
    return 0
