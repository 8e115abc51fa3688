"""Money as integer fen: the fee rule, typed amounts, and display."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from frontdesk.errors import DomainError
from frontdesk.vocab import FeeTier

_MAX_YUAN_DIGITS = 9
_PLAIN = re.compile(r"^([0-9]+)(?:\.([0-9]{1,2}))?$")
_GROUPED = re.compile(r"^([1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.([0-9]{1,2}))?$")
_TOO_MANY_DECIMALS = re.compile(r"^(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)\.[0-9]{3,}$")
_MINUS = ("-", "−")
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                             "．": ".", "，": ",", "－": "-", "￥": "¥", "\u3000": " "})


def _yuan_cents(whole: str, cents: str) -> int:
    return int(whole) * 100 + int(cents.ljust(2, "0"))


# Typed forms with a plain intent, and the amount meant. A decimal comma
# ("7,50", a European spreadsheet), European grouping ("1.250,50"), spaces
# or commas grouping by three ("1 250", "12,50,000" regrouped).
_SUGGESTIONS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], int]], ...] = (
    (re.compile(r"^([0-9]{1,9}),([0-9]{1,2})$"), lambda m: _yuan_cents(m[1], m[2])),
    (re.compile(r"^([1-9][0-9]{0,2}(?:\.[0-9]{3})+),([0-9]{1,2})$"),
     lambda m: _yuan_cents(m[1].replace(".", ""), m[2])),
    (re.compile(r"^([1-9][0-9]{0,2}(?: [0-9]{3})+)(?:\.([0-9]{1,2}))?$"),
     lambda m: _yuan_cents(m[1].replace(" ", ""), m[2] or "")),
    (re.compile(r"^([1-9][0-9,]*,[0-9]{3})(?:\.([0-9]{1,2}))?$"),
     lambda m: _yuan_cents(m[1].replace(",", ""), m[2] or "")),
    (re.compile(r"^\.([0-9]{1,2})$"), lambda m: _yuan_cents("0", m[1])),
    (re.compile(r"^([0-9]+)\.$"), lambda m: _yuan_cents(m[1], "")),
)


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


def _ascii_digits(text: str) -> str:
    """Full-width digits, point, comma and minus as their ASCII forms.

    Only these; anything else (other scripts' digits, superscripts) is left
    as typed, so the grammar refuses it rather than NFKC quietly folding it.
    """
    return text.translate(_FULL_WIDTH)


def _strip_symbols(text: str) -> str:
    text = text.strip()
    if text.startswith("¥"):
        text = text[1:].lstrip()
    if text.endswith("元"):
        text = text[:-1].rstrip()
    return text


def _to_fen(yuan_digits: str, cents: str | None, raw: str) -> int:
    if len(yuan_digits.lstrip("0")) > _MAX_YUAN_DIGITS:
        raise DomainError("amount_too_large", value=raw)
    return int(yuan_digits) * 100 + int((cents or "").ljust(2, "0"))


def _shown(fen: int) -> str:
    text = format_fen(fen, symbol="")
    return text[:-3] if text.endswith(".00") else text


def _suggestion(number: str) -> str | None:
    """What a typed number most likely meant, in the accepted form, or None."""
    if _foreign_digit(number):
        folded = "".join(str(unicodedata.decimal(ch)) if _foreign_digit(ch) else ch
                         for ch in number)
        try:
            return _shown(_parse_number(folded, folded))
        except DomainError:
            return None
    for pattern, rewrite in _SUGGESTIONS:
        match = pattern.match(number)
        if match:
            fen = rewrite(match)
            return _shown(fen) if fen < 10**(_MAX_YUAN_DIGITS + 2) else None
    return None


def _foreign_digit(text: str) -> bool:
    return any(unicodedata.decimal(ch, None) is not None and not ch.isascii() for ch in text)


def _parse_number(number: str, raw: str) -> int:
    match = _PLAIN.match(number) or _GROUPED.match(number)
    if match:
        return _to_fen(match.group(1).replace(",", ""), match.group(2), raw)
    if _TOO_MANY_DECIMALS.match(number):
        raise DomainError("amount_too_many_decimals", value=raw)
    suggestion = _suggestion(number)
    if suggestion is not None:
        raise DomainError("amount_did_you_mean", value=raw, suggestion=suggestion)
    if _foreign_digit(number):
        raise DomainError("amount_foreign_digits", value=raw)
    if any(ch in ", \u3000\t" for ch in number) and any(ch.isdigit() for ch in number):
        raise DomainError("amount_bad_separator", value=raw)
    raise DomainError("amount_not_a_number", value=raw)


def parse_amount(raw: str) -> int:
    """A typed amount in yuan to fen: the one parser for every amount.

    Accepted: ASCII or full-width digits, an optional ¥ (￥) before or 元
    after, at most two decimals, and thousands separators only in whole
    groups of three ("1,250", "１,２５０.５０"). Everything else raises
    ``DomainError``: a comma or space anywhere else, other scripts' digits,
    a sign, zero. Where the intent is plain, the error carries it as
    ``suggestion`` ("7,50" -> did you mean 7.50?), but nothing is guessed.
    """
    fen = parse_amount_or_zero(raw)
    if fen == 0:
        raise DomainError("amount_zero", value=raw)
    return fen


def parse_amount_or_zero(raw: str) -> int:
    """As :func:`parse_amount`, except that zero is an amount (a free
    course's market price, an empty cash drawer)."""
    text = _ascii_digits(raw or "")
    number = _strip_symbols(text)
    if number[:1] in _MINUS:
        raise DomainError("amount_negative", value=raw)
    return _parse_number(number, raw)


def parse_counted_cash(raw: str) -> int:
    """Cash counted in the drawer at the cash-up: as :func:`parse_amount`,
    except that zero is a count (every payment that day was by wallet)."""
    return parse_amount_or_zero(raw)


def format_fen(fen: int, symbol: str = "¥") -> str:
    """¥1,234.00 (negative as -¥12.50)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{symbol}{whole:,}.{cents:02d}"
