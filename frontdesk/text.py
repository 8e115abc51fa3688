"""Normalising what people type: names, phone numbers, pinyin."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from frontdesk.errors import DomainError

_SPACES = re.compile(r"\s+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")


# Characters that change how the text around them is shown, or drive the
# terminal: never part of a name. C0 and C1 controls, DEL, bidirectional
# embeddings, overrides and isolates, and lone surrogates.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters with no width that arrive in text pasted from the web: removed.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u180e\u061c")


# Tabs and line breaks from a spreadsheet cell are spacing, as a space is:
# folded into one space like any run of spaces, not refused.
_LAYOUT = frozenset("\t\n\r\x0b\x0c")


def _refused(ch: str) -> bool:
    return (unicodedata.category(ch) in ("Cc", "Cs") and ch not in _LAYOUT) or (
        ch in _BIDI_CONTROLS)


def describe_character(ch: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: how a message names an invisible character."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()


@dataclass(frozen=True)
class CleanedName:
    """A name as stored, and the invisible characters taken out of it."""

    name: str
    removed: tuple[str, ...] = ()

    @property
    def removed_text(self) -> str:
        """The removed characters, named for a notice."""
        return ", ".join(describe_character(ch) for ch in dict.fromkeys(self.removed))


def clean_name_reporting(raw: str) -> CleanedName:
    """The one cleaning of every person's name (learners, instructors, staff).

    NFC, ends trimmed, inner runs of space (tabs and line breaks of a
    spreadsheet cell too) folded to one space, middle dots typed in their
    many forms (· ・ • ‧) as U+00B7, the form used for ethnic-minority and
    foreign names in Chinese. Zero-width characters and soft hyphens are
    removed (reported in ``removed``); a control character or a bidirectional
    override or isolate raises ``DomainError("name_invisible_control")``.
    Everything else is kept exactly: diacritics, characters beyond the BMP.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    for ch in name:
        if _refused(ch):
            raise DomainError("name_invisible_control", character=describe_character(ch))
    removed = tuple(ch for ch in name if ch in _INVISIBLE)
    if removed:
        name = "".join(ch for ch in name if ch not in _INVISIBLE)
        name = unicodedata.normalize("NFC", name).strip()
    name = _SPACES.sub(" ", name)
    for dot in ("・", "•", "‧", "∙", "．"):
        name = name.replace(dot, "·")
    return CleanedName(name, removed)


def clean_name(raw: str) -> str:
    """A name as stored (see :func:`clean_name_reporting`)."""
    return clean_name_reporting(raw).name


def scrub_name(raw: str) -> str:
    """A name already stored, made clean without refusing: refused characters
    are dropped as the invisible ones are. For the store's own clean-up and
    for output that must never fail on an older row."""
    kept = "".join(ch for ch in raw if not _refused(ch))
    return clean_name(kept)


def printable(text: str, keep: str = "") -> str:
    """``text`` safe for a terminal, a spreadsheet cell or a PDF line: control,
    bidirectional and invisible characters dropped (but those in ``keep``,
    e.g. the line breaks of a note), everything else kept."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in keep or ch == " " or not (
        _refused(ch) or ch in _INVISIBLE or unicodedata.category(ch) == "Zl"
        or unicodedata.category(ch) == "Zp"))


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
