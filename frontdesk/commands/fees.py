"""Fees commands: pay, refund, waive, reprint a receipt, cash-up, outstanding.

Thin callers of :mod:`frontdesk.fees.actions`: each command is one action
(its own transaction, role check and audit event), then documents are drawn
from what it returned.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.commands.base import CliRun, Output, now_utc, subcommand
from frontdesk.fees import actions as fees
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.money import parse_amount, parse_counted_cash
from frontdesk.vocab import PaymentMethod

if TYPE_CHECKING:
    from frontdesk.fees.cashup import CashUpReport

METHODS = [m.value for m in PaymentMethod]


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def _save_receipt(run: CliRun, entry_id: int, path: str, *, copy: bool) -> int:
    from frontdesk.documents.fonts import MissingGlyphs
    from frontdesk.documents.receipt import write_receipt

    out, store, actor = run.out, run.store(), run.actor()
    data = (fees.reprint_receipt(store, actor, entry_id, now_utc()) if copy
            else fees.receipt(store, actor, entry_id))
    try:
        write_receipt(data, path)
    except MissingGlyphs as error:
        out.say(QT_TRANSLATE_NOOP("CLI", "The receipt cannot be drawn: no bundled font has "
                                         "{characters}."), characters=error.characters)
        return 2
    out.say(QT_TRANSLATE_NOOP("CLI", "Receipt saved: {path}"), path=path)
    return 0


def _configure_pay(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learner", required=True, help="learner code (on the card)")
    p.add_argument("--course", required=True, help="course code, e.g. C0004")
    p.add_argument("--amount", required=True, help="amount in yuan, e.g. 300 or 299.50")
    p.add_argument("--method", required=True, choices=METHODS)
    p.add_argument("--reference", help="transaction reference (needed for non-cash methods)")
    p.add_argument("--receipt-out", help="save the receipt as this PDF")


@subcommand("pay", "take a payment and number its receipt", _configure_pay)
def _cmd_pay(run: CliRun) -> int:
    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    amount = parse_amount(args.amount)
    enrollment_id = fees.find_enrollment(store, actor, args.learner, args.course)
    result = fees.pay(store, actor, enrollment_id, amount, args.method, now_utc(),
                      reference=args.reference)
    out.say(QT_TRANSLATE_NOOP("CLI", "Payment taken: {amount}, receipt {receipt_no} (entry "
                                     "{entry_id}). Balance now {balance}."),
            amount=out.money(result.amount_fen), receipt_no=result.receipt_no,
            entry_id=result.entry_id, balance=out.money(result.balance.balance_fen))
    if args.receipt_out:
        return _save_receipt(run, result.entry_id, args.receipt_out, copy=False)
    return 0


def _configure_refund(p: argparse.ArgumentParser) -> None:
    p.add_argument("--entry", type=int, required=True, help="ledger entry id of the payment")
    p.add_argument("--amount", required=True, help="amount in yuan")
    p.add_argument("--reason", required=True,
                   help="withdrawn, course_cancelled, duplicate, wrong_amount, or words")
    p.add_argument("--method", choices=METHODS, help="give back another way than it was paid")
    p.add_argument("--reference", help="the refund's transaction reference")


@subcommand("refund", "give back part or all of a payment", _configure_refund)
def _cmd_refund(run: CliRun) -> int:
    from frontdesk.fees.ledger import Reason

    args, out = run.args, run.out
    amount = parse_amount(args.amount)
    result = fees.refund(run.store(), run.actor(), args.entry, amount, Reason.parse(args.reason),
                         now_utc(), method=args.method, reference=args.reference)
    out.say(QT_TRANSLATE_NOOP("CLI", "Refunded {amount} (entry {entry_id}). Balance now "
                                     "{balance}."),
            amount=out.money(result.amount_fen), entry_id=result.entry_id,
            balance=out.money(result.balance.balance_fen))
    return 0


def _configure_waive(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learner", required=True, help="learner code")
    p.add_argument("--course", required=True, help="course code")
    p.add_argument("--amount", required=True, help="amount in yuan")
    p.add_argument("--reason", required=True,
                   help="unemployed, hardship, disability, senior, or words")


@subcommand("waive", "waive part or all of what a learner owes (减免)", _configure_waive)
def _cmd_waive(run: CliRun) -> int:
    from frontdesk.fees.ledger import Reason

    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    amount = parse_amount(args.amount)
    enrollment_id = fees.find_enrollment(store, actor, args.learner, args.course)
    result = fees.waive(store, actor, enrollment_id, amount, Reason.parse(args.reason),
                        now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "Waived {amount} (entry {entry_id}). Balance now "
                                     "{balance}."),
            amount=out.money(result.amount_fen), entry_id=result.entry_id,
            balance=out.money(result.balance.balance_fen))
    return 0


def _configure_receipt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--entry", type=int, required=True, help="ledger entry id of the payment")
    p.add_argument("--out", required=True, help="PDF file to write (marked 副本/COPY)")


@subcommand("receipt", "print a payment's receipt again (副本/COPY)", _configure_receipt)
def _cmd_receipt(run: CliRun) -> int:
    return _save_receipt(run, run.args.entry, run.args.out, copy=True)


def _configure_cashup(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=_day, help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--out", help="write the cash-up as .pdf or .xlsx")
    p.add_argument("--close", metavar="COUNTED", help="close the day with the cash counted")
    p.add_argument("--note", default="", help="note on a difference when closing")


@subcommand("cashup", "the daily cash-up (日结): report, export, close", _configure_cashup)
def _cmd_cashup(run: CliRun) -> int:
    """The day's cash-up: every desk's, or with --desk that desk's own drawer."""
    from frontdesk.fees.ledger import business_date

    args, out = run.args, run.out
    suffix = Path(args.out).suffix.lower() if args.out else ""
    if args.out and suffix not in (".pdf", ".xlsx"):
        out.say(QT_TRANSLATE_NOOP("CLI", "Choose a .pdf or .xlsx file."))
        return 2
    desk = args.desk
    now = now_utc()
    store, actor = run.store(), run.actor()
    day = args.date or business_date(run.settings(), now)
    if args.close is not None:
        closing = fees.close_day(store, actor, day, desk, parse_counted_cash(args.close),
                                 args.note, now)
        out.say(QT_TRANSLATE_NOOP("CLI", "Day closed. Expected cash {expected}, counted "
                                         "{counted}, difference {difference}."),
                expected=out.money(closing.expected_cash_fen),
                counted=out.money(closing.counted_cash_fen),
                difference=out.money(closing.difference_fen))
    report = fees.cashup_report(store, actor, day, desk)
    _print_cashup(out, report)
    if args.out:
        _write_cashup(report, args.out, suffix, now)
        out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=args.out)
    return 0


def _write_cashup(report: CashUpReport, path: str, suffix: str, now: dt.datetime) -> None:
    if suffix == ".pdf":
        from frontdesk.documents.cashup_pdf import write_cashup_pdf

        write_cashup_pdf(report, path, printed_at=now)
    else:
        from frontdesk.documents.fees_xlsx import write_cashup_xlsx

        write_cashup_xlsx(report, path)


def _print_cashup(out: Output, report: CashUpReport) -> None:
    out.say(QT_TRANSLATE_NOOP("CLI", "Cash-up {date}: {entries} entries, payments {payments}, "
                                     "refunds {refunds}, waivers {waivers}."),
            date=report.business_date.isoformat(), entries=len(report.entries),
            payments=out.money(report.payments_fen), refunds=out.money(report.refunds_fen),
            waivers=out.money(report.waived_fen))
    for m in report.methods:
        if m.payments or m.refunds:
            out.say(QT_TRANSLATE_NOOP("CLI", "  {method}: {net} ({payments} in, {refunds} out)"),
                    method=m.method.value, net=out.money(m.net_fen), payments=m.payments,
                    refunds=m.refunds)
    out.say(QT_TRANSLATE_NOOP("CLI", "Expected cash: {expected}"),
            expected=out.money(report.expected_cash_fen))
    for c in report.closings:
        out.say(QT_TRANSLATE_NOOP("CLI", "Closed ({desk}): counted {counted}, difference "
                                         "{difference}. {note}"),
                desk=c.desk or "*", counted=out.money(c.counted_cash_fen),
                difference=out.money(c.difference_fen), note=c.note)


def _configure_outstanding(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", help="one course code (default: the whole school)")
    p.add_argument("--out", help="write the list as .xlsx")


@subcommand("outstanding", "who still owes, with their phone", _configure_outstanding)
def _cmd_outstanding(run: CliRun) -> int:
    from frontdesk.roster import actions as roster

    args, out, store, actor = run.args, run.out, run.store(), run.actor()
    course_id = roster.course_id_by_code(store, actor, args.course) if args.course else None
    rows = fees.outstanding(store, actor, course_id)
    tz = run.settings().tz()
    if args.out:
        from frontdesk.documents.fees_xlsx import write_outstanding_xlsx

        write_outstanding_xlsx(rows, args.out, tz=tz)
        out.say(QT_TRANSLATE_NOOP("CLI", "Saved: {path}"), path=args.out)
    else:
        for r in rows:
            out.line(f"{r.course_code}\t{r.learner_code}\t{r.learner_name}\t{r.phone or ''}\t"
                     f"{out.money(r.balance_fen)}")
    out.say(QT_TRANSLATE_NOOP("CLI", "{count} owing, {total} in all."),
            count=len(rows), total=out.money(sum(r.balance_fen for r in rows)))
    return 0
