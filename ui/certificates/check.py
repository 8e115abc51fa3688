"""Saying whether a scanned certificate is genuine, revoked or forged."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.verification import Verification, VerificationStatus
from ui.kit.context import DeskContext
from ui.kit.outcome_panel import OutcomePanel


def verification_words(result: Verification) -> tuple[str, str, str]:
    """(look, headline, detail) for a verification, in the user's language."""
    status = result.status
    date = result.issued_on.isoformat() if result.issued_on else ""
    if status is VerificationStatus.GENUINE:
        return ("genuine", QCoreApplication.translate("CertificateCheck", "Genuine certificate"),
                QCoreApplication.translate(
                    "CertificateCheck", "{serial}: issued to {name} for {course} on {date}.")
                .format(serial=result.serial, name=result.learner_name,
                        course=result.course_title, date=date))
    if status is VerificationStatus.REVOKED:
        return ("refused", QCoreApplication.translate("CertificateCheck", "Revoked certificate"),
                QCoreApplication.translate(
                    "CertificateCheck", "{serial} of {name} was revoked: {reason}")
                .format(serial=result.serial, name=result.learner_name,
                        reason=result.revoke_reason or ""))
    if status is VerificationStatus.UNKNOWN_SERIAL:
        return ("info", QCoreApplication.translate(
                    "CertificateCheck", "Signed by this school, not in this store"),
                QCoreApplication.translate(
                    "CertificateCheck", "{serial}: {name}, {course}, {date}. Check the "
                    "school's main records.").format(serial=result.serial,
                                                     name=result.learner_name,
                                                     course=result.course_title, date=date))
    if status is VerificationStatus.UNREADABLE:
        return ("refused", QCoreApplication.translate("CertificateCheck", "Code unreadable"),
                QCoreApplication.translate("CertificateCheck",
                                           "The code is cut short or garbled: scan it again."))
    return ("refused", QCoreApplication.translate("CertificateCheck", "Forged certificate"),
            QCoreApplication.translate(
                "CertificateCheck", "This code was not signed by this school, or was altered."))


def show_verification(panel: OutcomePanel, context: DeskContext, text: str) -> Verification:
    # A write session: the school's key pair is made on first use.
    result = context.act(certificate_actions.verify, text)
    look, headline, detail = verification_words(result)
    panel.show_message(look, headline, detail)
    return result
