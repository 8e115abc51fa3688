"""A learner card scanned into a search box: found, or refused with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from frontdesk.checkin.tokens import make_token, reissue_card
from frontdesk.errors import DomainError
from frontdesk.roster.lookup import learner_for_card
from frontdesk.settings import school_secret
from frontdesk.store.models import Learner


def _learner(demo_store) -> tuple[int, str, str, int, bytes]:
    with demo_store.write() as s:
        learner = s.scalars(select(Learner).order_by(Learner.id)).first()
        return learner.id, learner.code, learner.name, learner.card_version, school_secret(s)


def test_a_genuine_card_names_its_learner_even_typed_with_an_ime_on(demo_store):
    learner_id, code, _name, version, secret = _learner(demo_store)
    token = make_token(secret, code, version)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in token.lower())
    with demo_store.write() as s:
        assert learner_for_card(s, token) == learner_id
        assert learner_for_card(s, full_width, secret=secret) == learner_id


def test_a_replaced_card_says_when_it_was_replaced(demo_store, actor, now):
    learner_id, code, name, version, secret = _learner(demo_store)
    old = make_token(secret, code, version)
    with demo_store.write() as s:
        reissue_card(s, learner_id, actor, now)
    with demo_store.read() as s, pytest.raises(DomainError) as caught:
        learner_for_card(s, old, secret=secret)
    assert caught.value.code == "card_replaced"
    assert caught.value.details == {"learner_name": name, "replaced_on": "2026-12-01"}


def test_tampered_foreign_and_certificate_codes_are_refused(demo_store):
    _id, code, _name, version, secret = _learner(demo_store)
    token = make_token(secret, code, version)
    tampered = token[:-1] + ("2" if token[-1] != "2" else "3")
    other_school = make_token(bytes(32), code, version)
    # A misread (or forged) card of ours is "scan again", never "not ours".
    cases = [(tampered, "card_unreadable"), (other_school, "card_unreadable"),
             (token[:-3], "card_unreadable"), (token + token, "card_run_together"),
             ("6901234567892", "card_not_ours"), ("F2" + token[2:], "card_newer"),
             ("C1ABCDEFGHJK", "card_is_certificate"),
             (make_token(secret, "2222222", 1), "learner_not_found"),
             (make_token(secret, code, version + 1), "learner_not_found")]
    with demo_store.read() as s:
        for text, expected in cases:
            with pytest.raises(DomainError) as caught:
                learner_for_card(s, text, secret=secret)
            assert caught.value.code == expected, text
