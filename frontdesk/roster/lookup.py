"""Finding a learner from what was typed or scanned into a desk's search box.

A search box at the fees desk takes a name, pinyin or phone digits, and a
learner card scanned into it. A card is told apart by its token family (the
``F1`` prefix, or another FrontDesk prefix): no name, pinyin or phone
number starts that way. A card is then read as strictly as at check-in:
a replaced, tampered or foreign card is refused, never guessed at.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from frontdesk.checkin.resolve import holder_by_code
from frontdesk.checkin.tokens import (
    ParsedToken,
    TokenProblem,
    classify,
    normalise_scan,
    parse_token,
)
from frontdesk.errors import DomainError
from frontdesk.settings import load_settings, retired_card_secrets, school_secret

_SEARCHES = (TokenProblem.EMPTY, TokenProblem.FOREIGN)
# What a clerk types at the check-in desk to find someone by hand: pinyin
# (wz, wangzhe), phone digits (the last four, or all eleven) or a card code.
_TYPED_SEARCH = re.compile(r"^(?:[A-Za-z]{1,12}|\d{2,11}|[2-9A-Za-z]{7})$")


def looks_like_search(text: str) -> bool:
    """Whether what came into the check-in field is a look-up typed by hand
    rather than a scanned code (which is checked in, or refused as not ours)."""
    return bool(_TYPED_SEARCH.match((text or "").strip()))


def is_card_scan(text: str) -> bool:
    """Whether ``text`` is meant as a scanned card (of any FrontDesk kind),
    not as a search for a name, pinyin or phone digits."""
    return classify(normalise_scan(text or "")) not in _SEARCHES


def learner_for_card(session: Session, text: str, *, secret: bytes | None = None) -> int:
    """The id of the learner whose card was scanned.

    Refuses a certificate's code ("card_is_certificate"), a code that is not
    a genuine learner card of this school ("card_not_ours"), an older card
    of a learner who has a new one ("card_replaced") and a genuine card
    whose learner is not in this store ("learner_not_found"). Without
    ``secret`` the school's secret is read (made on first use: call it in a
    write session then).
    """
    parsed = parse_token(secret if secret is not None else school_secret(session), text,
                         retired_card_secrets(session))
    if parsed is TokenProblem.CERTIFICATE:
        raise DomainError("card_is_certificate")
    if not isinstance(parsed, ParsedToken):
        raise DomainError("card_not_ours", problem=parsed.value)
    holder = holder_by_code(session, parsed.code)
    if holder is None or parsed.card_version > holder.card_version:
        raise DomainError("learner_not_found", code=parsed.code)
    if parsed.card_version < holder.card_version:
        replaced = holder.card_replaced_at
        day = replaced.astimezone(load_settings(session).tz()).date() if replaced else None
        raise DomainError("card_replaced", learner_name=holder.name,
                          replaced_on=day.isoformat() if day else "")
    return holder.id
