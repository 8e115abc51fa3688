"""What came into a desk's field: a learner card, a certificate, or a look-up.

Every window that takes scans (the check-in page, the fees page's search
box, the certificate check, the locked desk) asks ``route`` and acts on the
kind it returns, so a scan is told from a typed name the same way
everywhere. The shapes are the token families' own rules:
``frontdesk.checkin.tokens`` (the ``F1`` learner prefix and the other
FrontDesk families) and ``frontdesk.certificates.verification`` (``C1``).
"""

from __future__ import annotations

import enum
import re

from frontdesk.certificates.verification import looks_like_certificate
from frontdesk.checkin.tokens import TOKEN_LENGTH, TokenProblem, classify, normalise_scan

# What a clerk types to find someone by hand: pinyin (wz, wangzhe), phone
# digits (the last four, or all eleven) or a learner's 7-character code.
_TYPED_LOOKUP = re.compile(r"^(?:[A-Za-z]{1,12}|\d{2,11}|[2-9A-Za-z]{7})$")


class ScanKind(enum.Enum):
    EMPTY = "empty"  # nothing but blanks
    LOOKUP = "lookup"  # typed by hand: pinyin, phone digits or a card's code
    CERTIFICATE = "certificate"  # a certificate's verification code (C1…)
    CARD = "card"  # a FrontDesk learner card (F1…, or a newer card family): read strictly
    OTHER = "other"  # anything else: a name in a search box, a foreign code at a scan field


def route(text: str) -> ScanKind:
    """The kind of what came into a field (scanned, or typed by the desk)."""
    folded = normalise_scan(text or "")
    if not folded:
        return ScanKind.EMPTY
    if _TYPED_LOOKUP.match((text or "").strip()):
        return ScanKind.LOOKUP
    if looks_like_certificate(folded):
        return ScanKind.CERTIFICATE
    family = classify(folded)
    if family is None or family is TokenProblem.UNSUPPORTED:
        return ScanKind.CARD
    return ScanKind.OTHER


def is_scanned_code(text: str) -> bool:
    """Whether a search box should read ``text`` as a scanned code (a card or a
    certificate) rather than as a search for a name, pinyin or phone digits."""
    return route(text) in (ScanKind.CARD, ScanKind.CERTIFICATE)


def is_whole_card(text: str) -> bool:
    """Whether a scanned code holds a whole card's worth (a scanner that sends no Enter)."""
    return is_scanned_code(text) and len(normalise_scan(text)) >= TOKEN_LENGTH
