"""Finding a learner from what was typed or scanned into a desk's search box.

A search box at the fees desk takes a name, pinyin or phone digits, and a
learner card scanned into it. Which one it is, ``frontdesk.checkin.routing``
says (the same answer every window gets). A card is read as strictly as at
check-in:
a replaced, tampered or foreign card is refused, never guessed at.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.checkin.resolve import holder_by_code
from frontdesk.checkin.tokens import REFUSALS, TokenProblem, parse_token
from frontdesk.errors import DomainError
from frontdesk.settings import load_settings, retired_card_secrets, school_secret


def learner_for_card(session: Session, text: str, *, secret: bytes | None = None) -> int:
    """The id of the learner whose card was scanned.

    Refuses a certificate's code ("card_is_certificate"), a code that is not
    a FrontDesk card ("card_not_ours"), one of ours misread ("card_unreadable"),
    two run together ("card_run_together"), a newer FrontDesk's ("card_newer"), an older card
    of a learner who has a new one ("card_replaced") and a genuine card
    whose learner is not in this store ("learner_not_found"). Without
    ``secret`` the school's secret is read (made on first use: call it in a
    write session then).
    """
    parsed = parse_token(secret if secret is not None else school_secret(session), text,
                         retired_card_secrets(session))
    if isinstance(parsed, TokenProblem):
        raise DomainError(REFUSALS[parsed])
    holder = holder_by_code(session, parsed.code)
    if holder is None or parsed.card_version > holder.card_version:
        raise DomainError("learner_not_found", code=parsed.code)
    if parsed.card_version < holder.card_version:
        replaced = holder.card_replaced_at
        day = replaced.astimezone(load_settings(session).tz()).date() if replaced else None
        raise DomainError("card_replaced", learner_name=holder.name,
                          replaced_on=day.isoformat() if day else "")
    return holder.id
