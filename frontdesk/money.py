"""Money as integer fen: the fee rule, typed amounts, and display."""

from __future__ import annotations

import re
import unicodedata

from frontdesk.errors import DomainError
from frontdesk.vocab import FeeTier

_AMOUNT = re.compile(r"^(\d{1,9})(?:\.(\d{1,2}))?$")


def fee_for(tier: FeeTier, market_price_fen: int, inclusive_ratio_pct: int) -> int:
    """The fee for a course in fen.

    Free (公益) courses cost nothing. An inclusive (普惠) course costs the market
    price times the ratio, rounded half up to whole yuan: ¥999 at 30% is
    ¥299.70, charged as ¥300.
    """
    if tier is FeeTier.FREE:
        return 0
    exact_hundredths_of_fen = market_price_fen * inclusive_ratio_pct  # fen × 100
    whole_yuan = (exact_hundredths_of_fen + 5_000) // 10_000
    return whole_yuan * 100


def parse_amount(raw: str) -> int:
    """A typed amount in yuan ("300", "299.5", "￥1,200.00", "３００") to fen.

    Full-width digits and a ¥/￥ sign are accepted; negative, zero, more than
    two decimals or anything that is not a number raises ``DomainError``.
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = text.replace("¥", "").replace("元", "").replace(",", "").replace(" ", "")
    if text.startswith("-"):
        raise DomainError("amount_negative", value=raw)
    match = _AMOUNT.match(text)
    if not match:
        if re.match(r"^\d+\.\d{3,}$", text):
            raise DomainError("amount_too_many_decimals", value=raw)
        raise DomainError("amount_not_a_number", value=raw)
    yuan, cents = match.group(1), (match.group(2) or "").ljust(2, "0")
    fen = int(yuan) * 100 + int(cents)
    if fen == 0:
        raise DomainError("amount_zero", value=raw)
    return fen


def parse_counted_cash(raw: str) -> int:
    """Cash counted in the drawer at the cash-up: as :func:`parse_amount`,
    except that zero is a count (every payment that day was by wallet)."""
    try:
        return parse_amount(raw)
    except DomainError as error:
        if error.code == "amount_zero":
            return 0
        raise


def format_fen(fen: int, symbol: str = "¥") -> str:
    """¥1,234.00 (negative as -¥12.50)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{symbol}{whole:,}.{cents:02d}"
