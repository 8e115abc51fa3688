"""The store's vocabulary in the desk's words, once for every page:
enrollment status, fee tier and payment method."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.vocab import EnrollmentStatus, FeeTier, PaymentMethod

STATUSES = {
    EnrollmentStatus.ENROLLED: QT_TRANSLATE_NOOP("EnrollmentStatus", "Enrolled"),
    EnrollmentStatus.WAITLISTED: QT_TRANSLATE_NOOP("EnrollmentStatus", "Waiting list"),
    EnrollmentStatus.WITHDRAWN: QT_TRANSLATE_NOOP("EnrollmentStatus", "Withdrawn"),
    EnrollmentStatus.COMPLETED: QT_TRANSLATE_NOOP("EnrollmentStatus", "Completed"),
}
METHODS = {
    PaymentMethod.CASH: QT_TRANSLATE_NOOP("Fees", "Cash"),
    PaymentMethod.WECHAT: QT_TRANSLATE_NOOP("Fees", "WeChat Pay"),
    PaymentMethod.ALIPAY: QT_TRANSLATE_NOOP("Fees", "Alipay"),
    PaymentMethod.UNIONPAY: QT_TRANSLATE_NOOP("Fees", "UnionPay card"),
    PaymentMethod.BANK: QT_TRANSLATE_NOOP("Fees", "Bank transfer"),
}
TIERS = {
    FeeTier.FREE: QT_TRANSLATE_NOOP("Fees", "Free"),
    FeeTier.INCLUSIVE: QT_TRANSLATE_NOOP("Fees", "Inclusive"),
}


def status_text(status: EnrollmentStatus, position: int | None = None) -> str:
    if status is EnrollmentStatus.WAITLISTED and position is not None:
        return QCoreApplication.translate("EnrollmentStatus", "Waiting list #{n}").format(
            n=position)
    return QCoreApplication.translate("EnrollmentStatus", str(STATUSES[status]))


def method_text(method: PaymentMethod | None) -> str:
    return QCoreApplication.translate("Fees", str(METHODS[method])) if method is not None else ""


def tier_text(tier: FeeTier) -> str:
    return QCoreApplication.translate("Fees", str(TIERS[tier]))
