"""The verification page: a static page that checks certificates in a phone's browser.

The school uploads the folder to any static web space and sets its address
in the settings; each certificate's QR then holds ``ADDRESS#CODE``. The
browser never sends the fragment (the code) to the host, so nothing about
the learner leaves the phone. The page carries only public things: the
school's name, its public keys by key id, and the revoked serials with the
list's date. It goes stale when a certificate is revoked after the export,
which :func:`page_status` tells the administrator.

Key ids: a code made today ("C1…") names no key, so the page tries each key
it holds. A code that names its key (the keyed form "C2…" the page also
reads: "C2" + base32 of the 4-byte key id, the body and the signature over
``b"FrontDesk certificate v2\\n" + key id + body``) is checked with that key
alone, and one naming a key the page lacks reads "signed by a key this page
does not know". A key's id is the first 4 bytes of the SHA-256 of its raw
public key, in hex.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.certificates.keys import public_keys
from frontdesk.certificates.signing import raw_public
from frontdesk.errors import DomainError
from frontdesk.paths import resource
from frontdesk.settings import get_value, load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Certificate, Setting

if TYPE_CHECKING:
    pass

EXPORTED_SETTING = "verification_page_exported_at"
PAGE_FILES = ("index.html", "verify.js", "nacl.min.js", "tweetnacl-LICENSE.txt")
DATA_FILE = "data.js"


@dataclass(frozen=True)
class PublishedKey:
    key_id: str  # 8 hex digits
    raw: bytes  # the 32-byte Ed25519 public key


@dataclass(frozen=True)
class PageStatus:
    """When the page was last exported, and whether it has gone stale since."""

    exported_at: dt.datetime | None
    revoked_since: int  # certificates revoked since the last export (all, if never)
    address: str  # the school's verification address ("" when unset)

    @property
    def needs_export(self) -> bool:
        """A revocation the published page does not know, or an address with no page yet."""
        if self.exported_at is None:
            return bool(self.address) or self.revoked_since > 0
        return self.revoked_since > 0


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: tuple[str, ...]
    key_ids: tuple[str, ...]
    revoked: int
    exported_at: dt.datetime


def published_keys(session: Session) -> list[PublishedKey]:
    """Every public key a certificate of this school may carry a signature of:
    the key in use and every retired one (certificates signed before a
    rotation still verify). The page names a key as a "C2" code does: the
    key id's five bytes, in hex."""
    return [PublishedKey(base64.b32decode(key_id).hex(), raw_public(key))
            for key_id, key in sorted(public_keys(session).items())]


def page_status(session: Session) -> PageStatus:
    """What the certificates page shows about the published verification page.

    A revocation is never undone, so the page is stale exactly when more
    certificates are revoked now than its list held (no clock comparison).
    """
    value = get_value(session, EXPORTED_SETTING)
    last = json.loads(value) if value else {}
    exported_at = dt.datetime.fromisoformat(last["at"]) if "at" in last else None
    revoked = session.scalar(select(func.count()).select_from(Certificate).where(
        Certificate.revoked_at.is_not(None))) or 0
    return PageStatus(exported_at, revoked - int(last.get("revoked", 0)),
                      load_settings(session).verification_address)


def page_data(session: Session, now: dt.datetime) -> dict[str, object]:
    """What data.js holds: the school, its public keys, the revoked serials and the date."""
    settings = load_settings(session)
    revoked = session.scalars(select(Certificate.serial).where(
        Certificate.revoked_at.is_not(None)).order_by(Certificate.serial)).all()
    local = now.astimezone(settings.tz())
    return {
        "format": 1,
        "school": {"name": settings.name, "name_en": settings.name_en},
        "keys": [{"id": k.key_id, "ed25519": base64.b64encode(k.raw).decode("ascii")}
                 for k in published_keys(session)],
        "revoked": list(revoked),
        "revocations_as_of": local.strftime("%Y-%m-%d %H:%M"),
        "exported_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
    }


def export_page(session: Session, folder: Path, actor: Actor, now: dt.datetime) -> ExportResult:
    """Write the page into ``folder`` (made if missing) and note when; admin only.

    Overwrites the page's own files and leaves anything else there alone.
    Refuses with ``verification_page_cannot_write`` when the folder cannot be written.
    """
    roles.require(actor, roles.Action.CERTIFICATE_REVOKE)
    data = page_data(session, now)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in PAGE_FILES:
            shutil.copyfile(resource("verify_page", name), folder / name)
        text = json.dumps(data, ensure_ascii=True, indent=1, sort_keys=True)
        (folder / DATA_FILE).write_text(f"window.FRONTDESK_PAGE = {text};\n", encoding="ascii")
    except OSError as exc:
        raise DomainError("verification_page_cannot_write", path=str(folder),
                          detail=exc.strerror or str(exc)) from exc
    revoked = len(data["revoked"])  # type: ignore[arg-type]
    stamp = json.dumps({"at": now.astimezone(dt.UTC).isoformat(), "revoked": revoked})
    row = session.get(Setting, EXPORTED_SETTING)
    if row is None:
        session.add(Setting(key=EXPORTED_SETTING, value=stamp))
    else:
        row.value = stamp
    key_ids = tuple(k["id"] for k in data["keys"])  # type: ignore[attr-defined]
    audit.record(session, actor, "certificate.publish", now, entity="certificate",
                 after={"folder": str(folder), "keys": list(key_ids), "revoked": revoked})
    return ExportResult(folder, (*PAGE_FILES, DATA_FILE), key_ids, revoked, now)
