"""The school's own facts, kept in the store's ``setting`` table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.staff import roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Setting


@dataclass(frozen=True)
class SchoolSettings:
    name: str = "水贝夜校"
    name_en: str = "Shuibei Night School"
    address: str = ""
    phone: str = ""
    logo_path: str = ""
    timezone: str = "Asia/Shanghai"
    # The inclusive (普惠) fee as a share of the market price, in percent.
    inclusive_ratio_pct: int = 30
    receipt_prefix: str = "SB"
    certificate_prefix: str = "SB"
    # Minutes before a lesson starts when check-in opens, and the grace after
    # the start before an arrival counts as late.
    checkin_opens_min: int = 45
    late_after_min: int = 10
    # A sign-up file with more rows than this is refused before it is read:
    # far beyond a school's scale, it is a mistake (a whole database export).
    import_row_limit: int = 200_000
    # Where the school publishes its certificate verification page (any static
    # web space); when set, a certificate's QR holds ADDRESS#CODE.
    verification_address: str = ""
    # A check-in entered after its lesson (a paper sheet typed in) is a late
    # entry: a desk may make one for lessons of the last this many days,
    # older ones need an administrator.
    late_entry_days: int = 7

    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


_INT_FIELDS = {f.name for f in dataclasses.fields(SchoolSettings) if f.type in ("int", int)}


def validate(settings: SchoolSettings) -> None:
    if not settings.name.strip():
        raise DomainError("school_name_required")
    try:
        zoneinfo.ZoneInfo(settings.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise DomainError("unknown_timezone", value=settings.timezone) from exc
    if not 0 <= settings.inclusive_ratio_pct <= 100:
        raise DomainError("ratio_out_of_range", value=settings.inclusive_ratio_pct)
    for prefix in (settings.receipt_prefix, settings.certificate_prefix):
        if not prefix.isalnum() or not prefix.isascii():
            raise DomainError("prefix_invalid", value=prefix)
    if not 0 <= settings.checkin_opens_min <= 240 or not 0 <= settings.late_after_min <= 120:
        raise DomainError("checkin_window_invalid")
    if settings.import_row_limit < 1:
        raise DomainError("import_row_limit_invalid", value=settings.import_row_limit)
    if not verification_address_ok(settings.verification_address):
        raise DomainError("verification_address_invalid", value=settings.verification_address)
    if not 0 <= settings.late_entry_days <= 365:
        raise DomainError("late_entry_days_invalid", max=365)


def verification_address_ok(address: str) -> bool:
    """Empty, or an http(s) address a QR can carry: printable ASCII, no fragment."""
    if not address:
        return True
    return (address.lower().startswith(("https://", "http://")) and len(address) <= 200
            and address.isascii() and address.isprintable() and " " not in address
            and "#" not in address and len(address.split("//", 1)[1]) > 0)


def load_settings(session: Session) -> SchoolSettings:
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    values: dict[str, object] = {}
    for field in dataclasses.fields(SchoolSettings):
        if field.name in stored:
            raw = stored[field.name]
            values[field.name] = int(raw) if field.name in _INT_FIELDS else raw
    return SchoolSettings(**values)  # type: ignore[arg-type]


def school_is_named(session: Session) -> bool:
    """Whether the school's settings were ever saved (a new store has only the
    defaults, which must not name a real school after the demo)."""
    return session.get(Setting, "name") is not None


def save_settings(session: Session, settings: SchoolSettings) -> None:
    """Validate and store every field; refuses the whole set on a bad value."""
    validate(settings)
    for field in dataclasses.fields(SchoolSettings):
        _put(session, field.name, str(getattr(settings, field.name)))


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def get_value(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value


RETIRED_CARD_SECRETS = "card_secret_retired"


def retired_card_secrets(session: Session) -> tuple[bytes, ...]:
    """Secrets of cards before the last rotations: such a card is told as replaced."""
    import json

    value = get_value(session, RETIRED_CARD_SECRETS)
    return tuple(bytes.fromhex(v) for v in json.loads(value)) if value else ()


def school_secret(session: Session) -> bytes:
    """The school's signing secret for learner cards, made once per store."""
    value = get_value(session, "card_secret")
    if value is None:
        value = secrets.token_hex(32)
        session.add(Setting(key="card_secret", value=value))
        session.flush()
    return bytes.fromhex(value)


def update_settings(
    session: Session, settings: SchoolSettings, actor: Actor, now: dt.datetime
) -> SchoolSettings:
    """Save the school's settings (all or nothing) and audit what changed."""
    roles.require(actor, roles.Action.SETTINGS)
    from frontdesk.staff import audit

    before = load_settings(session)
    save_settings(session, settings)
    changed = {k: v for k, v in dataclasses.asdict(settings).items() if getattr(before, k) != v}
    audit.record(session, actor, "settings.edit", now, entity="settings",
                 before={k: getattr(before, k) for k in changed}, after=changed)
    return settings
