"""How the school's certificates look: layout, own texts, seal and signatures.

Kept in the ``setting`` table under ``certificate_*`` keys beside the
school's settings; the school's name and logo come from those settings.
The body and dates texts are templates: ``{course}``, ``{hours}``,
``{start}``, ``{end}`` and ``{instructor}`` are filled per course.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import string
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.settings import get_value, load_settings
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Setting

LAYOUTS = ("classic", "modern")
PLACEHOLDERS = frozenset({"course", "hours", "start", "end", "instructor"})
# The texts filled per course; the others print as written.
FILLED = frozenset({"body_zh", "body_en", "dates_zh", "dates_en"})
MAX_TEXT = 200
KEY_LAYOUT = "certificate_layout"
KEY_TEXT = "certificate_text"
KEY_SEAL = "certificate_seal"
KEY_SIGNATURES = ("certificate_signature_1", "certificate_signature_2")


@dataclass(frozen=True)
class CertificateTexts:
    """The words on the paper, Chinese first and English below."""

    title_zh: str = "结业证书"
    title_en: str = "Certificate of Completion"
    intro_zh: str = "兹证明"
    intro_en: str = "This is to certify that"
    body_zh: str = "参加「{course}」课程学习，共{hours}学时，成绩合格，准予结业。"
    body_en: str = "has completed the course {course} ({hours} hours of study)."
    dates_zh: str = "学习时间：{start} 至 {end}　　授课讲师：{instructor}"
    dates_en: str = "From {start} to {end}, taught by {instructor}"
    issued_zh: str = "发证日期"
    issued_en: str = "Date of issue"
    serial_zh: str = "证书编号"
    serial_en: str = "Certificate No."
    verify_zh: str = "扫码验证"
    verify_en: str = "Scan to verify"
    signature_1_zh: str = "校长"
    signature_1_en: str = "Principal"
    signature_2_zh: str = "授课讲师"
    signature_2_en: str = "Instructor"


@dataclass(frozen=True)
class CertificateDesign:
    """The certificate's own settings (the school's name and logo live elsewhere)."""

    layout: str = "classic"
    texts: CertificateTexts = field(default_factory=CertificateTexts)
    seal_path: str = ""
    signature_paths: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class CertificateStyle:
    """Everything a certificate page needs besides the learner: design plus school."""

    design: CertificateDesign = field(default_factory=CertificateDesign)
    school_name: str = "水贝夜校"
    school_name_en: str = "Shuibei Night School"
    logo_path: str = ""

    @property
    def layout(self) -> str:
        return self.design.layout


def load_design(session: Session) -> CertificateDesign:
    """The stored design; defaults for whatever was never set."""
    layout = get_value(session, KEY_LAYOUT) or "classic"
    stored = json.loads(get_value(session, KEY_TEXT) or "{}")
    known = {f.name for f in dataclasses.fields(CertificateTexts)}
    texts = CertificateTexts(**{k: str(v) for k, v in stored.items() if k in known})
    signatures = tuple(get_value(session, key) or "" for key in KEY_SIGNATURES)
    return CertificateDesign(layout if layout in LAYOUTS else "classic", texts,
                             get_value(session, KEY_SEAL) or "", (signatures[0], signatures[1]))


def style_for(session: Session) -> CertificateStyle:
    """The stored design with the school's name and logo, ready to render."""
    school = load_settings(session)
    return CertificateStyle(load_design(session), school.name, school.name_en, school.logo_path)


def validate_design(design: CertificateDesign) -> None:
    """Refuses an unknown layout, a bad template or an image that cannot be read."""
    if design.layout not in LAYOUTS:
        raise DomainError("certificate_layout_unknown", value=design.layout)
    formatter = string.Formatter()
    for item in dataclasses.fields(CertificateTexts):
        value = getattr(design.texts, item.name)
        if len(value) > MAX_TEXT:
            raise DomainError("certificate_text_too_long", field=item.name, max=MAX_TEXT)
        try:
            names = {name for _, name, _, _ in formatter.parse(value) if name is not None}
        except ValueError as exc:
            raise DomainError("certificate_text_invalid", field=item.name, value=value) from exc
        allowed = PLACEHOLDERS if item.name in FILLED else frozenset()
        if not names <= allowed:
            raise DomainError("certificate_text_invalid", field=item.name, value=value)
    for path in (design.seal_path, *design.signature_paths):
        if path:
            check_image(path)


def check_image(path: str) -> None:
    """A configured image must exist and be a picture; refuses naming the file."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(Path(path)) as image:
            image.verify()
    except (OSError, UnidentifiedImageError) as exc:
        raise DomainError("certificate_image_unreadable", path=path) from exc


def save_design(session: Session, design: CertificateDesign, actor: Actor,
                now: dt.datetime) -> None:
    """Validate and store the design; texts left at their default are not stored."""
    validate_design(design)
    before = load_design(session)
    defaults = CertificateTexts()
    changed = {f.name: getattr(design.texts, f.name) for f in dataclasses.fields(CertificateTexts)
               if getattr(design.texts, f.name) != getattr(defaults, f.name)}
    _put(session, KEY_LAYOUT, design.layout)
    _put(session, KEY_TEXT, json.dumps(changed, ensure_ascii=False, sort_keys=True))
    _put(session, KEY_SEAL, design.seal_path)
    for key, path in zip(KEY_SIGNATURES, design.signature_paths, strict=True):
        _put(session, key, path)
    session.flush()
    audit.record(session, actor, "certificate.design", now, entity="setting",
                 before=_summary(before), after=_summary(design))


def _summary(design: CertificateDesign) -> dict[str, object]:
    return {"layout": design.layout, "seal": design.seal_path,
            "signatures": list(design.signature_paths), "texts": dataclasses.asdict(design.texts)}



def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
