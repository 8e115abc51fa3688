"""Certificate commands: who earned one, printing them, verifying a scan, the public key."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.certificates.eligibility import EligibilityRow, EligibilityState
from frontdesk.certificates.verification import Verification, VerificationStatus
from frontdesk.cli import QT_TRANSLATE_NOOP, CliRun, Output, now_utc, parse_when, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import describe
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store

if TYPE_CHECKING:
    from frontdesk.certificates.design import CertificateStyle
    from frontdesk.certificates.issue import CertificateContent


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
    eligible = sum(1 for r in rows if r.eligible or r.state == EligibilityState.ISSUED)
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
    from frontdesk.certificates.design import style_for
    from frontdesk.certificates.eligibility import eligibility
    from frontdesk.certificates.issue import certificate_contents, issue_certificates
    from frontdesk.documents import fonts
    from frontdesk.roster.courses import course_by_code_or_title

    args, out = run.args, run.out
    store, actor = run.store(), run.actor()
    at = parse_when(args.at)
    with store.write() as session:
        course = course_by_code_or_title(session, args.course)
        if course is None:
            raise DomainError("course_not_found", course=args.course)
        rows = eligibility(session, course.id, at)
        chosen: list[int] | None = _chosen_ids(rows, args.learner) if args.learner else None
        if args.all_eligible or chosen:
            issue_certificates(session, course.id, chosen, actor, at,
                               unprintable=fonts.missing_characters)
            rows = eligibility(session, course.id, at)
        print_eligibility(out, rows)
        if not args.out:
            return 0
        wanted = set(chosen) if chosen else None
        ids = [r.certificate.certificate_id for r in rows
               if r.certificate is not None and not r.certificate.revoked
               and (wanted is None or r.enrollment_id in wanted)]
        items = certificate_contents(session, ids)
        style = style_for(session)
    return _write(args, out, store, actor, items, style)


def _write(args: argparse.Namespace, out: Output, store: Store, actor: Actor,
           items: list[CertificateContent], style: CertificateStyle) -> int:
    from dataclasses import replace

    from frontdesk.certificates.issue import record_print
    from frontdesk.documents.certificate import render_certificate_files, render_certificates

    if args.layout:
        style = replace(style, design=replace(style.design, layout=args.layout))
    if not items:
        out.say(QT_TRANSLATE_NOOP("CLI", "No issued certificate to print."))
        return 1
    target = Path(args.out)
    per_learner = (target.suffix.lower() == ".zip" or target.is_dir()
                   or args.out.endswith(("/", "\\")))
    render = render_certificate_files if per_learner else render_certificates
    result = render(target, items, style)
    with store.write() as session:
        record_print(session, [i.certificate_id for i in items], actor, now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} certificates written to {path}"),
            count=len(items), path=target)
    return 0 if result.files else 1


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
    from frontdesk.certificates.verification import verify, verify_offline

    args, out = run.args, run.out
    if args.public_key:
        result = verify_offline(Path(args.public_key).read_bytes(), args.scan)
    else:
        run.actor()
        with run.store().read() as session:
            result = verify(session, args.scan)
    say_verification(out, result)
    return 0 if result.genuine else 1


def _configure_export_key(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pem", help="where to write the key")


@subcommand("export-public-key", "write the school's certificate public key (PEM) to publish",
            _configure_export_key)
def _cmd_export_key(run: CliRun) -> int:
    from frontdesk.certificates.signing import public_key_pem

    args, out = run.args, run.out
    run.actor()
    with run.store().write() as session:
        pem = public_key_pem(session)
    Path(args.out).write_text(pem, encoding="ascii")
    out.say(QT_TRANSLATE_NOOP("CLI", "Public key written to {path}"), path=args.out)
    return 0
