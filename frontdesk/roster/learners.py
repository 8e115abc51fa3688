"""Learners and instructors: adding, editing, finding the same person twice.

The rules of a new learner live here once, for the learner dialog
(:func:`add_learner`) and the import's batches alike: what is typed is
cleaned by :func:`clean_learner`, its columns are :func:`learner_values`, the
same person is :func:`find_duplicate` / :func:`find_duplicates` and the audit
event is :func:`learner_added`.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, select, tuple_
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Instructor, Learner
from frontdesk.text import (
    clean_name,
    clean_name_reporting,
    fold_code,
    normalise_mobile,
    pinyin_keys,
)

# Letters and digits that cannot be misread for one another on a card.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 7
MAX_NAME = 64
_PER_QUERY = 400  # values (or name-phone pairs) per IN (...): under any driver's limit


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
    # Invisible characters taken out of the typed name, named for a notice.
    name_removed: str = ""


@dataclass(frozen=True)
class KnownLearner:
    """A learner on the roster, as a duplicate look-up reports them."""

    id: int
    code: str
    name: str


def clean_learner(data: LearnerInput) -> CleanLearner:
    """Validate what was typed; raises DomainError with the first problem."""
    cleaned = clean_name_reporting(data.name)
    name = cleaned.name
    if not name:
        raise DomainError("name_required")
    if len(name) > MAX_NAME:
        raise DomainError("name_too_long", max=MAX_NAME)
    phone = normalise_mobile(data.phone)
    return CleanLearner(
        name_removed=cleaned.removed_text,
        name=name,
        phone=phone,
        gender=data.gender.strip(),
        occupation=data.occupation.strip()[:64],
        note=data.note.strip(),
        followup_consent=data.followup_consent,
    )


# An import names the same few thousand people's names many times over.
_pinyin_keys = functools.lru_cache(maxsize=8192)(pinyin_keys)


def _search_columns(name: str, phone: str | None) -> dict[str, Any]:
    """The columns search reads, derived from the name and phone."""
    full, initials = _pinyin_keys(name)
    return {"phone_tail": phone[::-1] if phone else None, "pinyin": full, "initials": initials}


def learner_values(clean: CleanLearner, code: str, now: dt.datetime) -> dict[str, Any]:
    """Every column of a new learner with card ``code``, added at ``now``."""
    return {
        "code": code, "name": clean.name, "phone": clean.phone,
        **_search_columns(clean.name, clean.phone),
        "gender": clean.gender, "occupation": clean.occupation, "note": clean.note,
        "followup_consent": clean.followup_consent,
        "followup_consent_at": now if clean.followup_consent else None,
        "card_version": 1, "card_replaced_at": None, "anonymised_at": None,
        "created_at": now, "updated_at": now,
    }


def learner_added(learner_id: int, name: str) -> audit.Event:
    """The audit event of a new learner."""
    return audit.Event("learner.add", "learner", learner_id, learner_id, after={"name": name})


def new_learner_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_learner_codes(session: Session, count: int) -> list[str]:
    """``count`` different card codes, none already on the roster."""
    codes: set[str] = set()
    while len(codes) < count:
        wanted = sorted({new_learner_code() for _ in range(count - len(codes))} - codes)
        codes.update(wanted)
        for start in range(0, len(wanted), _PER_QUERY):
            chunk = wanted[start : start + _PER_QUERY]
            codes.difference_update(session.scalars(select(Learner.code).where(
                Learner.code.in_(chunk))))
    return sorted(codes)


def _same_person(pairs: Collection[tuple[str, str]]) -> ColumnElement[bool]:
    """The rule for "the same person": a learner, not anonymised, with one of
    these (name, phone) pairs. The phone IN is there for the planner: it
    reaches the rows through the phone index, where the pair alone would scan."""
    return and_(
        Learner.phone.in_(sorted({phone for _name, phone in pairs})),
        tuple_(Learner.name, Learner.phone).in_(sorted(pairs)),
        Learner.anonymised_at.is_(None),
    )


def find_duplicate(
    session: Session, name: str, phone: str | None, *, exclude_id: int | None = None
) -> Learner | None:
    """The learner with the same name and phone: the same person. Without a
    phone nobody can tell, so nobody is."""
    if not phone:
        return None
    query = select(Learner).where(_same_person([(name, phone)]))
    if exclude_id is not None:
        query = query.where(Learner.id != exclude_id)
    return session.scalars(query.order_by(Learner.id).limit(1)).first()


def find_duplicates(
    session: Session, pairs: Iterable[tuple[str, str | None]]
) -> dict[tuple[str, str], KnownLearner]:
    """For each (name, phone), the learner :func:`find_duplicate` finds, by
    the same rule, in one query per few hundred pairs. Pairs without a phone,
    or whose person is not on the roster, are not in the answer."""
    wanted = sorted({(name, phone) for name, phone in pairs if phone})
    found: dict[tuple[str, str], KnownLearner] = {}
    for start in range(0, len(wanted), _PER_QUERY):
        query = select(Learner.id, Learner.code, Learner.name, Learner.phone).where(
            _same_person(wanted[start : start + _PER_QUERY])).order_by(Learner.id)
        for learner_id, code, name, phone in session.execute(query):
            found.setdefault((name, phone or ""), KnownLearner(learner_id, code, name))
    return found


def _refuse_duplicate(existing: Learner | None) -> None:
    if existing is not None:
        raise DomainError(
            "duplicate_learner", learner_id=existing.id, code=existing.code, name=existing.name
        )


def add_learner(session: Session, data: LearnerInput, actor: Actor, now: dt.datetime) -> Learner:
    """Add a learner; the same name and phone as an existing one is refused
    with ``duplicate_learner`` naming the existing record."""
    clean = clean_learner(data)
    _refuse_duplicate(find_duplicate(session, clean.name, clean.phone))
    learner = Learner(**learner_values(clean, new_learner_codes(session, 1)[0], now))
    session.add(learner)
    session.flush()
    audit.record_event(session, actor, now, learner_added(learner.id, learner.name))
    return learner


def update_learner(
    session: Session, learner_id: int, data: LearnerInput, actor: Actor, now: dt.datetime
) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    clean = clean_learner(data)
    _refuse_duplicate(find_duplicate(session, clean.name, clean.phone, exclude_id=learner_id))
    before = {"name": learner.name, "phone": learner.phone, "occupation": learner.occupation}
    learner.name = clean.name
    learner.phone = clean.phone
    for column, value in _search_columns(clean.name, clean.phone).items():
        setattr(learner, column, value)
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
    """The learner whose card code is ``code`` as typed or scanned (full-width,
    spaces and case folded); an anonymised learner is found by nobody."""
    wanted = fold_code(code)
    if not wanted:
        return None
    return session.scalars(select(Learner).where(
        Learner.code == wanted, Learner.anonymised_at.is_(None))).first()


def learner_id_by_code(session: Session, code: str) -> int:
    """:func:`learner_by_code`'s id, refusing ``learner_not_found``."""
    learner = learner_by_code(session, code)
    if learner is None:
        raise DomainError("learner_not_found", code=fold_code(code))
    return learner.id


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
        name=name, phone=normalise_mobile(data.phone), title=data.title.strip(),
        bio=data.bio.strip(),
    )


def add_instructor(
    session: Session, data: InstructorInput, actor: Actor, now: dt.datetime
) -> Instructor:
    roles.require(actor, roles.Action.INSTRUCTOR_EDIT)
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
    roles.require(actor, roles.Action.INSTRUCTOR_EDIT)
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
