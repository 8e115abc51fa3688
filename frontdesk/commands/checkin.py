"""Check-in commands: learner cards, tokens, a headless check-in, sign-in sheets.

    frontdesk cards --course C0001 --out cards.pdf     (or --learner CODE, repeatable)
    frontdesk cards --learner CODE --out card.png      (one card, to send to a phone)
    frontdesk token --learner CODE
    frontdesk checkin SCAN_TEXT [--at ISO_TIME] [--desk NAME] [--lesson ID] [--choose ID]
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

from frontdesk.checkin.scan import CheckInResult, LessonRef, Outcome
from frontdesk.checkin.tokens import REFUSALS, TokenProblem
from frontdesk.cli import Output, now_utc, parse_when, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, describe
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import open_store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from frontdesk.checkin.tokens import CardData

WEEKDAYS = (
    QT_TRANSLATE_NOOP("CLI", "Mon"), QT_TRANSLATE_NOOP("CLI", "Tue"),
    QT_TRANSLATE_NOOP("CLI", "Wed"), QT_TRANSLATE_NOOP("CLI", "Thu"),
    QT_TRANSLATE_NOOP("CLI", "Fri"), QT_TRANSLATE_NOOP("CLI", "Sat"),
    QT_TRANSLATE_NOOP("CLI", "Sun"),
)


def _actor(args: argparse.Namespace) -> Actor:
    desk = getattr(args, "checkin_desk", None) or args.desk or "CLI"
    return Actor(desk=desk)


def _learner_id(session: Session, code: str) -> int:
    from frontdesk.roster.learners import learner_id_by_code

    return learner_id_by_code(session, code)


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
def _cmd_cards(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.checkin.tokens import cards_for_course, cards_for_learners
    from frontdesk.roster.courses import course_by_code_or_title
    from frontdesk.settings import load_settings, school_secret

    if not args.course and not args.learner:
        raise DomainError("cards_nothing_chosen")
    store = open_store(args.db)
    with store.write() as session:  # the first card ever made creates the secret
        secret = school_secret(session)
        school = load_settings(session).name
        cards = []
        if args.course:
            course = course_by_code_or_title(session, args.course)
            if course is None:
                raise DomainError("course_not_found", course=args.course)
            cards += cards_for_course(session, secret, course.id,
                                      include_waitlisted=args.waitlisted)
        ids = [_learner_id(session, code) for code in args.learner]
        cards += cards_for_learners(session, secret, ids)
    return _write_cards(out, Path(args.out), cards, school)


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
def _cmd_token(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.checkin.tokens import learner_card
    from frontdesk.settings import school_secret

    store = open_store(args.db)
    with store.write() as session:
        card = learner_card(session, school_secret(session), _learner_id(session, args.learner))
    print(card.token)
    return 0


def _configure_reissue(p: argparse.ArgumentParser) -> None:
    _configure_learner(p)
    p.add_argument("--out", help="also print the new card: FILE.pdf or FILE.png")


@subcommand("reissue", "replace a lost learner card: the old one stops working",
            _configure_reissue)
def _cmd_reissue(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.checkin.tokens import learner_card, reissue_card
    from frontdesk.settings import load_settings, school_secret

    store = open_store(args.db)
    with store.write() as session:
        done = reissue_card(session, _learner_id(session, args.learner), _actor(args), now_utc())
        card = learner_card(session, school_secret(session), done.learner_id)
        school = load_settings(session).name
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "New card (version {version}) for {name} ({code}); the old card no longer works."),
        version=done.card_version, name=done.name, code=done.code)
    print(done.token)
    if args.out:
        return _write_cards(out, Path(args.out), [card], school)
    return 0


# checkin -------------------------------------------------------------------------------


def _configure_checkin(p: argparse.ArgumentParser) -> None:
    p.add_argument("scan", metavar="SCAN_TEXT", help="what the scanner read (a card's token)")
    p.add_argument("--at", help="the time of the scan (ISO; default now; no zone = school's)")
    p.add_argument("--desk", dest="checkin_desk", help="this desk's name (default CLI)")
    p.add_argument("--lesson", type=int, help="pin the desk to this lesson id")
    p.add_argument("--choose", type=int, help="the lesson id chosen after 'choose a lesson'")


@subcommand("checkin", "check a learner in from a scanned code, and say what happened",
            _configure_checkin)
def _cmd_checkin(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.checkin.scan import CheckInContext, check_in

    store = open_store(args.db)
    with store.write() as session:
        context = CheckInContext.load(session)
        result = check_in(session, args.scan, parse_when(args.at), _actor(args),
                          desk_lesson_id=args.lesson, choose_lesson_id=args.choose,
                          context=context)
    say_result(out, result, context.tz)
    return 1 if result.refused else 0


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
    from frontdesk.money import format_fen

    values: dict[str, object] = {
        "name": result.learner_name, "code": result.learner_code,
        "time": result.at.astimezone(tz).strftime("%H:%M") if result.at else "",
        "minutes": result.minutes_late, "amount": format_fen(result.balance_fen),
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


def _configure_signin(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lesson", type=int, required=True, help="the lesson id")
    p.add_argument("--out", required=True, help="FILE.pdf")
    p.add_argument("--blank-rows", type=int, default=4, help="empty rows for walk-ins")


@subcommand("signin-sheet", "print a lesson's paper sign-in sheet (PDF)", _configure_signin)
def _cmd_signin(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.checkin.tonight import signin_sheet
    from frontdesk.documents.signin_sheet import render_signin_pdf
    from frontdesk.settings import load_settings

    store = open_store(args.db)
    with store.read() as session:
        sheet = signin_sheet(session, args.lesson, load_settings(session).tz())
    pages = render_signin_pdf(args.out, sheet, blank_rows=args.blank_rows, printed_at=now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "Sign-in sheet of {course} ({count} learners, {pages} "
                              "pages) written to {path}."),
            course=sheet.course_title, count=len(sheet.rows), pages=pages, path=args.out)
    return 0


def _configure_close(p: argparse.ArgumentParser) -> None:
    p.add_argument("--at", help="close lessons over by this time (ISO; default now)")
    p.add_argument("--limit", type=int, default=500, help="at most this many lessons")


@subcommand("close-lessons", "mark absent who did not come to lessons that are over",
            _configure_close)
def _cmd_close(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.checkin.attendance import close_ended_lessons

    store = open_store(args.db)
    with store.write() as session:
        closed = close_ended_lessons(session, _actor(args), parse_when(args.at), limit=args.limit)
    out.say(QT_TRANSLATE_NOOP("CLI", "{lessons} lessons closed, {absent} absences recorded."),
            lessons=len(closed), absent=sum(c.absent for c in closed))
    return 0
