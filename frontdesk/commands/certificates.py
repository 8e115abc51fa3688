"""Certificate commands: who earned one, printing them, verifying a scan, the public key."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from frontdesk.certificates.eligibility import EligibilityRow, EligibilityState
from frontdesk.certificates.selection import earned_count
from frontdesk.certificates.verification import Verification, VerificationStatus
from frontdesk.commands.base import Output, now_utc, parse_when, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, describe
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from frontdesk.certificates.keys import Signer


def _configure_certificates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code (C0001) or exact title")
    p.add_argument("--out", help="FILE.pdf (a page each), FILE.zip or FOLDER/ (a PDF each)")
    p.add_argument("--all-eligible", action="store_true",
                   help="issue a certificate to everyone eligible (and print all issued)")
    p.add_argument("--learner", action="append", default=[], metavar="CODE",
                   help="issue and print for this learner (repeatable)")
    p.add_argument("--layout", choices=("classic", "modern"),
                   help="layout (default: the school's setting)")
    p.add_argument("--at", help="judge eligibility at this time (ISO; default now)")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the signing key's passphrase from the first line of stdin "
                        "(default: ask)")


def _passphrase(args: argparse.Namespace, out: Output, *, new: bool) -> str:
    """The signing key's passphrase: from stdin, or asked (twice for a new one)."""
    import sys

    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise DomainError("signing_key_passphrase_needed")
    import getpass

    if not new:
        return getpass.getpass(out.t(QT_TRANSLATE_NOOP(
            "CLI", "Passphrase of the certificate signing key: ")))
    first = getpass.getpass(out.t(QT_TRANSLATE_NOOP(
        "CLI", "Choose a passphrase for the certificate signing key: ")))
    if getpass.getpass(out.t(QT_TRANSLATE_NOOP("CLI", "The same passphrase again: "))) != first:
        raise DomainError("password_mismatch")
    return first


def signer_for(args: argparse.Namespace, out: Output, session: Session) -> Signer:
    """The unlocked signing key for this command (asks for the passphrase once)."""
    from frontdesk.certificates.keys import KeyState, key_state, unlock

    state = key_state(session)
    if state is KeyState.ELSEWHERE:
        return unlock(session, "", _actor(args), now_utc())  # refuses, naming the key
    passphrase = _passphrase(args, out, new=state in (KeyState.NONE, KeyState.UNPROTECTED))
    return unlock(session, passphrase, _actor(args), now_utc())


def _actor(args: argparse.Namespace) -> Actor:
    return Actor(desk=args.desk or "cli")


def _state_words(out: Output, row: EligibilityRow) -> str:
    if row.certificate is not None:
        if row.state == EligibilityState.REVOKED:
            return out.t(QT_TRANSLATE_NOOP("CLI", "revoked ({serial})"),
                         serial=row.certificate.serial)
        return out.t(QT_TRANSLATE_NOOP("CLI", "issued {serial}, printed {prints}×"),
                     serial=row.certificate.serial, prints=row.certificate.print_count)
    if row.eligible:
        if row.reasons:
            return out.t(QT_TRANSLATE_NOOP("CLI", "eligible by exception: {reason}"),
                         reason=row.exception_reason)
        return out.t(QT_TRANSLATE_NOOP("CLI", "eligible"))
    return out.t(QT_TRANSLATE_NOOP("CLI", "not yet"))


def print_eligibility(out: Output, rows: list[EligibilityRow]) -> None:
    for row in rows:
        reasons = " ".join(describe(r.message_key, r.message_values(), out.lang)
                           for r in row.reasons)
        out.say(QT_TRANSLATE_NOOP(
                    "CLI", "{code}  {name}  attended {attended}/{held}  {state}  {reasons}"),
                code=row.learner_code, name=row.learner_name, attended=row.attended,
                held=row.held, state=_state_words(out, row), reasons=reasons)
    eligible = earned_count(rows)
    out.say(QT_TRANSLATE_NOOP("CLI", "{eligible} of {total} learners have earned a certificate."),
            eligible=eligible, total=len(rows))


def _chosen_ids(rows: list[EligibilityRow], codes: list[str]) -> list[int]:
    by_code = {r.learner_code: r.enrollment_id for r in rows}
    ids = []
    for code in codes:
        if code.strip().upper() not in by_code:
            raise DomainError("enrollment_not_found", learner_code=code)
        ids.append(by_code[code.strip().upper()])
    return ids


@subcommand("certificates", "list who earned a certificate; issue and print them",
            _configure_certificates)
def _cmd_certificates(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.certificates.eligibility import eligibility
    from frontdesk.roster.courses import course_by_code_or_title

    store = open_store(args.db)
    at = parse_when(args.at)
    with store.read() as session:
        course = course_by_code_or_title(session, args.course)
        if course is None:
            raise DomainError("course_not_found", course=args.course)
        course_id = course.id
        rows = eligibility(session, course_id, at)
    chosen: list[int] | None = _chosen_ids(rows, args.learner) if args.learner else None
    if not (args.all_eligible or chosen):
        print_eligibility(out, rows)
        return 0
    if not args.out:
        # A serial is spent only when the certificate is made: say where.
        raise DomainError("certificate_needs_out")
    code = _hand_out(args, out, store, course_id, chosen, at)
    with store.read() as session:
        print_eligibility(out, eligibility(session, course_id, at))
    return code


def _hand_out(args: argparse.Namespace, out: Output, store: Store, course_id: int,
              chosen: list[int] | None, at: dt.datetime) -> int:
    """Draw the certificates beside ``--out``, issue them, then move them into place."""
    from dataclasses import replace

    from frontdesk.certificates.design import style_for
    from frontdesk.certificates.eligibility import eligibility
    from frontdesk.certificates.handout import CertificateBatch, hand_out
    from frontdesk.certificates.selection import rows_to_print
    from frontdesk.documents import fonts
    from frontdesk.documents.certificate_staging import (
        Staged,
        per_learner_target,
        stage_certificates,
    )

    with store.read() as session:
        style = style_for(session)
    if args.layout:
        style = replace(style, design=replace(style.design, layout=args.layout))
    target = Path(args.out)
    per_learner = per_learner_target(target, args.out)

    def draw(batch: CertificateBatch) -> Staged:
        if not batch.contents:
            raise DomainError("certificate_nothing_to_print")
        return stage_certificates(target, batch.contents, style, per_learner=per_learner)

    # --at judges eligibility and dates new certificates; the print is counted now.
    clock: Callable[[], dt.datetime] = (lambda: at) if args.at else now_utc
    with store.write() as session:
        # Refusals first (a course still running, nothing earned): the
        # passphrase is asked for only when there is something to sign.
        rows_to_print(eligibility(session, course_id, clock(), enrollment_ids=chosen), chosen)
        signer = signer_for(args, out, session)  # unlocking may record the key (first use)
    issued, staged = hand_out(store, course_id, chosen, _actor(args), clock, draw, signer,
                              discard=Staged.discard, unprintable=fonts.missing_characters)
    files = staged.publish()
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} certificates written to {path}"),
            count=len(issued), path=target)
    return 0 if files else 1


def _configure_finish(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code (C0001) or exact title")
    p.add_argument("--reopen", action="store_true",
                   help="take back a 'finished' mark made by mistake")


@subcommand("finish-course", "mark a course finished before its last planned lesson (admin): "
            "certificates are then judged over the lessons held", _configure_finish)
def _cmd_finish_course(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.certificates.completion import course_progress, mark_finished, reopen
    from frontdesk.roster.courses import course_by_code_or_title

    now = now_utc()
    with open_store(args.db).write() as session:
        course = course_by_code_or_title(session, args.course)
        if course is None:
            raise DomainError("course_not_found", course=args.course)
        (reopen if args.reopen else mark_finished)(session, course.id, _actor(args), now)
        progress = course_progress(session, course.id, now)
    if args.reopen:
        out.say(QT_TRANSLATE_NOOP("CLI", "{code} is running again: {held} of {planned} lessons "
                                         "held."), code=course.code, held=progress.held,
                planned=progress.planned)
    else:
        out.say(QT_TRANSLATE_NOOP("CLI", "{code} is marked finished after {held} of {planned} "
                                         "lessons; certificates are judged over those held."),
                code=course.code, held=progress.held, planned=progress.planned)
    return 0


def _configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("scan", metavar="SCAN_TEXT", help="the text of a certificate's QR code")
    p.add_argument("--public-key", metavar="FILE.pem",
                   help="check with this public key alone, without the store")


def say_verification(out: Output, result: Verification) -> None:
    status = result.status
    if status in (VerificationStatus.GENUINE, VerificationStatus.UNKNOWN_SERIAL,
                  VerificationStatus.REVOKED):
        issued = result.issued_on.isoformat() if result.issued_on else ""
        values = {"serial": result.serial, "name": result.learner_name,
                  "course": result.course_title, "date": issued,
                  "reason": result.revoke_reason or ""}
        text = {
            VerificationStatus.GENUINE: QT_TRANSLATE_NOOP(
                "CLI", "Genuine: certificate {serial}, issued to {name} for {course} on {date}."),
            VerificationStatus.REVOKED: QT_TRANSLATE_NOOP(
                "CLI", "REVOKED: certificate {serial} of {name} ({course}) was revoked: {reason}"),
            VerificationStatus.UNKNOWN_SERIAL: QT_TRANSLATE_NOOP(
                "CLI", "Signed by this school, but {serial} ({name}) is not in this store."),
        }[status]
        out.say(text, **values)
        return
    out.say({
        VerificationStatus.FORGED: QT_TRANSLATE_NOOP(
            "CLI", "FORGED: this certificate code was not signed by this school, or was altered."),
        VerificationStatus.UNREADABLE: QT_TRANSLATE_NOOP(
            "CLI", "The code is cut short or garbled; scan it again."),
        VerificationStatus.NOT_A_CERTIFICATE: QT_TRANSLATE_NOOP(
            "CLI", "This is not a certificate code."),
    }[status])


@subcommand("verify", "check a certificate's QR code: genuine, revoked or forged",
            _configure_verify)
def _cmd_verify(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.certificates.verification import verify, verify_offline

    if args.public_key:
        result = verify_offline(Path(args.public_key).read_bytes(), args.scan)
    else:
        with open_store(args.db).read() as session:
            result = verify(session, args.scan)
    say_verification(out, result)
    return 0 if result.genuine else 1


def _configure_export_key(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pem", help="where to write the keys")


@subcommand("export-public-key", "write every certificate public key the school has used "
            "(PEM) to publish", _configure_export_key)
def _cmd_export_key(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.certificates.keys import public_keys_pem

    with open_store(args.db).read() as session:
        pem = public_keys_pem(session)
    if not pem:
        raise DomainError("signing_key_none_yet")
    Path(args.out).write_text(pem, encoding="ascii")
    out.say(QT_TRANSLATE_NOOP("CLI", "Public keys written to {path}"), path=args.out)
    return 0


def _configure_rotate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the new key's passphrase from the first line of stdin")


@subcommand("rotate-signing-key", "make a new certificate signing key; certificates signed "
            "with the old one still verify", _configure_rotate)
def _cmd_rotate_key(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.certificates.keys import key_file, rotate_signing_key

    store = open_store(args.db)
    try:
        passphrase = _passphrase(args, out, new=True)
        with store.write() as session:
            signer = rotate_signing_key(session, passphrase, _actor(args), now_utc())
    finally:
        store.dispose()
    out.say(QT_TRANSLATE_NOOP("CLI", "New signing key {key_id}, kept in {path}. Export the "
                                     "public keys again and publish them."),
            key_id=signer.key_id, path=key_file(signer.key_id))
    return 0


def _configure_export_page(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="DIR",
                   help="folder to write the page into (made if missing)")


@subcommand("export-verification-page",
            "write the static page that checks certificates in a phone's browser",
            _configure_export_page)
def _cmd_export_page(args: argparse.Namespace, out: Output) -> int:
    from frontdesk.certificates.publish import export_page

    with open_store(args.db).write() as session:
        result = export_page(session, Path(args.out), _actor(args), now_utc())
        address = _address(session)
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "Verification page written to {path} ({keys} key(s), {revoked} revoked serial(s)). "
               "Upload everything in the folder to the school's verification address."),
        path=result.folder, keys=len(result.key_ids), revoked=result.revoked)
    if not address:
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "No verification address is set yet: until one is, certificates' QR codes "
                   "hold the bare code and do not open this page."))
    return 0


def _address(session: Session) -> str:
    from frontdesk.settings import load_settings

    return load_settings(session).verification_address
