"""Learners and instructors: adding, editing, finding the same person twice."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.domain import audit
from frontdesk.domain.actor import Actor
from frontdesk.domain.errors import DomainError
from frontdesk.domain.text import clean_name, normalise_mobile, pinyin_keys
from frontdesk.store.models import Instructor, Learner

# Letters and digits that cannot be misread for one another on a card.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 7
MAX_NAME = 64


@dataclass(frozen=True)
class LearnerInput:
    name: str
    phone: str | None = None
    gender: str = ""
    occupation: str = ""
    note: str = ""
    followup_consent: bool = False


@dataclass(frozen=True)
class CleanLearner:
    name: str
    phone: str | None
    gender: str
    occupation: str
    note: str
    followup_consent: bool


def clean_learner(data: LearnerInput) -> CleanLearner:
    """Validate what was typed; raises DomainError with the first problem."""
    name = clean_name(data.name)
    if not name:
        raise DomainError("name_required")
    if len(name) > MAX_NAME:
        raise DomainError("name_too_long", max=MAX_NAME)
    phone = normalise_mobile(data.phone)
    return CleanLearner(
        name=name,
        phone=phone,
        gender=data.gender.strip(),
        occupation=data.occupation.strip()[:64],
        note=data.note.strip(),
        followup_consent=data.followup_consent,
    )


def new_learner_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def find_duplicate(
    session: Session, name: str, phone: str | None, *, exclude_id: int | None = None
) -> Learner | None:
    """The learner with the same name and phone: the same person."""
    if not phone:
        return None
    query = select(Learner).where(
        Learner.name == name, Learner.phone == phone, Learner.anonymised_at.is_(None)
    )
    if exclude_id is not None:
        query = query.where(Learner.id != exclude_id)
    return session.scalars(query.limit(1)).first()


def _unique_code(session: Session) -> str:
    while True:
        code = new_learner_code()
        taken = session.scalar(select(func.count()).where(Learner.code == code))
        if not taken:
            return code


def add_learner(session: Session, data: LearnerInput, actor: Actor, now: dt.datetime) -> Learner:
    """Add a learner; the same name and phone as an existing one is refused
    with ``duplicate_learner`` naming the existing record."""
    clean = clean_learner(data)
    existing = find_duplicate(session, clean.name, clean.phone)
    if existing is not None:
        raise DomainError(
            "duplicate_learner", learner_id=existing.id, code=existing.code, name=existing.name
        )
    full, initials = pinyin_keys(clean.name)
    learner = Learner(
        code=_unique_code(session),
        name=clean.name,
        phone=clean.phone,
        phone_tail=clean.phone[::-1] if clean.phone else None,
        pinyin=full,
        initials=initials,
        gender=clean.gender,
        occupation=clean.occupation,
        note=clean.note,
        followup_consent=clean.followup_consent,
        followup_consent_at=now if clean.followup_consent else None,
        card_version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(learner)
    session.flush()
    audit.record(
        session, actor, "learner.add", now, entity="learner", entity_id=learner.id,
        learner_id=learner.id, after={"name": learner.name},
    )
    return learner


def update_learner(
    session: Session, learner_id: int, data: LearnerInput, actor: Actor, now: dt.datetime
) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    clean = clean_learner(data)
    existing = find_duplicate(session, clean.name, clean.phone, exclude_id=learner_id)
    if existing is not None:
        raise DomainError(
            "duplicate_learner", learner_id=existing.id, code=existing.code, name=existing.name
        )
    before = {"name": learner.name, "phone": learner.phone, "occupation": learner.occupation}
    full, initials = pinyin_keys(clean.name)
    learner.name = clean.name
    learner.phone = clean.phone
    learner.phone_tail = clean.phone[::-1] if clean.phone else None
    learner.pinyin, learner.initials = full, initials
    learner.gender, learner.occupation, learner.note = clean.gender, clean.occupation, clean.note
    if clean.followup_consent and not learner.followup_consent:
        learner.followup_consent_at = now
    learner.followup_consent = clean.followup_consent
    learner.updated_at = now
    audit.record(
        session, actor, "learner.edit", now, entity="learner", entity_id=learner.id,
        learner_id=learner.id, before=before,
        after={"name": learner.name, "phone": learner.phone, "occupation": learner.occupation},
    )
    return learner


def get_learner(session: Session, learner_id: int) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    return learner


def learner_by_code(session: Session, code: str) -> Learner | None:
    return session.scalars(select(Learner).where(Learner.code == code.upper())).first()


@dataclass(frozen=True)
class InstructorInput:
    name: str
    phone: str | None = None
    title: str = ""
    bio: str = ""


def _clean_instructor(data: InstructorInput) -> InstructorInput:
    name = clean_name(data.name)
    if not name:
        raise DomainError("name_required")
    return InstructorInput(
        name=name, phone=normalise_mobile(data.phone), title=data.title.strip(), bio=data.bio.strip()
    )


def add_instructor(
    session: Session, data: InstructorInput, actor: Actor, now: dt.datetime
) -> Instructor:
    clean = _clean_instructor(data)
    same = session.scalars(
        select(Instructor).where(Instructor.name == clean.name, Instructor.phone == clean.phone)
    ).first()
    if same is not None and clean.phone:
        raise DomainError("duplicate_instructor", instructor_id=same.id, name=same.name)
    instructor = Instructor(**asdict(clean), created_at=now)
    session.add(instructor)
    session.flush()
    audit.record(session, actor, "instructor.add", now, entity="instructor",
                 entity_id=instructor.id, after={"name": instructor.name})
    return instructor


def update_instructor(
    session: Session, instructor_id: int, data: InstructorInput, actor: Actor, now: dt.datetime
) -> Instructor:
    instructor = session.get(Instructor, instructor_id)
    if instructor is None:
        raise DomainError("instructor_not_found", instructor_id=instructor_id)
    clean = _clean_instructor(data)
    before = {"name": instructor.name, "phone": instructor.phone}
    for key, value in asdict(clean).items():
        setattr(instructor, key, value)
    audit.record(session, actor, "instructor.edit", now, entity="instructor",
                 entity_id=instructor.id, before=before, after={"name": instructor.name})
    return instructor


def list_instructors(session: Session) -> list[Instructor]:
    return list(session.scalars(select(Instructor).order_by(Instructor.name)))
