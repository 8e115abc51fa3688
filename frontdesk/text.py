"""Normalising what people type: names, phone numbers, pinyin."""

from __future__ import annotations

import re
import unicodedata

from frontdesk.errors import DomainError

_SPACES = re.compile(r"\s+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")


def clean_name(raw: str) -> str:
    """A name as stored: NFC, inner runs of space folded, ends trimmed.

    Middle dots typed in their many forms (· ・ • ‧) become U+00B7, the form
    used for ethnic-minority and foreign names in Chinese.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    name = _SPACES.sub(" ", name)
    for dot in ("・", "•", "‧", "∙", "．"):
        name = name.replace(dot, "·")
    return name


def normalise_mobile(raw: str | None) -> str | None:
    """Eleven mainland mobile digits, or None for an empty value.

    Full-width digits, spaces, dashes and a +86 / 0086 prefix are accepted;
    anything else raises ``DomainError("invalid_phone")``.
    """
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return None
    text = _PHONE_SEPARATORS.sub("", text)
    if text.endswith(".0"):  # a number cell from a spreadsheet
        text = text[:-2]
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.startswith("86") and len(text) == 13:
        text = text[2:]
    if not _MOBILE.match(text):
        raise DomainError("invalid_phone", value=str(raw))
    return text


def mask_phone(phone: str | None) -> str:
    """138****5678: enough for staff to confirm, not enough to copy."""
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) in lower case, for search: 王喆 -> (wangzhe, wz).

    Latin letters in a name are kept as they are, so "Anna 李" still finds by
    "anna". Polyphones take pypinyin's common reading for names.
    """
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="default") if s.strip()]
    full_parts: list[str] = []
    initials: list[str] = []
    for s in syllables:
        letters = "".join(ch for ch in s.lower() if ch.isascii() and ch.isalnum())
        if not letters:
            continue
        full_parts.append(letters)
        initials.append(letters[0])
    return "".join(full_parts), "".join(initials)


def fold_code(raw: str) -> str:
    """A typed or scanned code as stored: full-width folded (NFKC), spaces
    dropped, upper case ("ｃ０００１ " and "c0001" are both "C0001")."""
    return "".join(unicodedata.normalize("NFKC", raw or "").split()).upper()
