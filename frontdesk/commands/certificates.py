"""Certificate commands: who earned one, printing them, verifying a scan, the public key."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.certificates import actions as certificates
from frontdesk.certificates.eligibility import EligibilityRow, EligibilityState
from frontdesk.certificates.selection import earned_count
from frontdesk.certificates.verification import Verification, VerificationStatus
from frontdesk.commands.base import CliRun, Output, now_utc, parse_when, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP, describe
from frontdesk.roster import actions as roster

if TYPE_CHECKING:
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


def signer_for(run: CliRun) -> Signer:
    """The unlocked signing key for this command (asks for the passphrase once)."""
    from frontdesk.certificates.keys import KeyState

    store, actor = run.store(), run.actor()
    state = certificates.key_state(store, actor)
    if state is KeyState.ELSEWHERE:
        return certificates.unlock_key(store, actor, "", now_utc())  # refuses, naming the key
    passphrase = _passphrase(run.args, run.out,
                             new=state in (KeyState.NONE, KeyState.UNPROTECTED))
    return certificates.unlock_key(store, actor, passphrase, now_utc())


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
def _cmd_certificates(run: CliRun) -> int:
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    at = parse_when(args.at)
    course_id = roster.course_id_by_code(store, actor, args.course)
    rows = certificates.standing(store, actor, course_id, at)
    chosen: list[int] | None = _chosen_ids(rows, args.learner) if args.learner else None
    if not (args.all_eligible or chosen):
        print_eligibility(out, rows)
        return 0
    if not args.out:
        # A serial is spent only when the certificate is made: say where.
        raise DomainError("certificate_needs_out")
    code = _hand_out(run, course_id, chosen, at)
    print_eligibility(out, certificates.standing(store, actor, course_id, at))
    return code


def _hand_out(run: CliRun, course_id: int, chosen: list[int] | None, at: dt.datetime) -> int:
    """Draw the certificates beside ``--out``, issue them, then move them into place."""
    from dataclasses import replace

    from frontdesk.certificates.handout import CertificateBatch
    from frontdesk.certificates.selection import rows_to_print
    from frontdesk.documents import fonts
    from frontdesk.documents.certificate_staging import (
        Staged,
        per_learner_target,
        stage_certificates,
    )

    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    style = certificates.style(store, actor)
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
    # Refusals first (a course still running, nothing earned): the passphrase
    # is asked for only when there is something to sign.
    rows_to_print(certificates.standing(store, actor, course_id, clock(), enrollment_ids=chosen),
                  chosen)
    signer = signer_for(run)
    issued, staged = certificates.hand_out(store, actor, course_id, chosen, clock, draw, signer,
                                           discard=Staged.discard,
                                           unprintable=fonts.missing_characters)
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
def _cmd_finish_course(run: CliRun) -> int:
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    now = now_utc()
    course = roster.course_by_code(store, actor, args.course)
    if course is None:
        raise DomainError("course_not_found", course=args.course)
    (certificates.reopen if args.reopen else certificates.mark_finished)(
        store, actor, course.id, now)
    progress = certificates.progress(store, actor, course.id, now)
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
def _cmd_verify(run: CliRun) -> int:
    from frontdesk.certificates.verification import verify_offline

    args, out = run.args, run.out
    if args.public_key:  # no store: anyone holding the published key may check
        result = verify_offline(Path(args.public_key).read_bytes(), args.scan)
    else:
        result = certificates.verify(run.store(), run.actor(), args.scan)
    say_verification(out, result)
    return 0 if result.genuine else 1


def _configure_export_key(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pem", help="where to write the keys")


@subcommand("export-public-key", "write every certificate public key the school has used "
            "(PEM) to publish", _configure_export_key)
def _cmd_export_key(run: CliRun) -> int:
    args, out = run.args, run.out
    pem = certificates.public_key_pem(run.store(), run.actor())
    Path(args.out).write_text(pem, encoding="ascii")
    out.say(QT_TRANSLATE_NOOP("CLI", "Public keys written to {path}"), path=args.out)
    return 0


def _configure_rotate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the new key's passphrase from the first line of stdin")


@subcommand("rotate-signing-key", "make a new certificate signing key; certificates signed "
            "with the old one still verify", _configure_rotate)
def _cmd_rotate_key(run: CliRun) -> int:
    from frontdesk.certificates.keys import key_file

    out = run.out
    passphrase = _passphrase(run.args, out, new=True)
    signer = certificates.rotate_key(run.store(), run.actor(), passphrase, now_utc())
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
def _cmd_export_page(run: CliRun) -> int:
    args, out = run.args, run.out
    result = certificates.export_page(run.store(), run.actor(), Path(args.out), now_utc())
    address = run.settings().verification_address
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "Verification page written to {path} ({keys} key(s), {revoked} revoked serial(s)). "
               "Upload everything in the folder to the school's verification address."),
        path=result.folder, keys=len(result.key_ids), revoked=result.revoked)
    if not address:
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "No verification address is set yet: until one is, certificates' QR codes "
                   "hold the bare code and do not open this page."))
    return 0

