"""Check-in's actions: a scan at the desk, check-in by hand, voids, lessons.

Every window and command that checks a learner in goes through these (see
:mod:`frontdesk.actions` for what an action does before and after the job).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from frontdesk.actions import action
from frontdesk.checkin import attendance, offline, resolve, scan, standby, tokens, tonight
from frontdesk.roster.learners import learner_id_by_code
from frontdesk.settings import school_secret
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.staff.roles import Action

# the scan path and check-in by hand
desk_scan = action(Action.CHECK_IN)(scan.check_in)
"""A scan (or typed code) at the desk becomes an outcome: checked in, late, refused…"""
check_in_by_hand = action(Action.CHECK_IN)(scan.check_in_learner)
enroll_and_check_in = action(Action.ENROLLMENT_EDIT)(scan.enroll_and_check_in)
next_lesson = action(Action.CHECK_IN, write=False)(resolve.next_lesson)

# corrections and the lesson's end
void = action(Action.CHECK_IN)(attendance.void_attendance)
undo_last = action(Action.CHECK_IN)(attendance.undo_last)
excuse = action(Action.CHECK_IN)(attendance.mark_excused)
close_lesson = action(Action.CHECK_IN)(attendance.close_lesson)
close_ended_lessons = action(Action.CHECK_IN)(attendance.close_ended_lessons)
record_paper_sheet = action(Action.CHECK_IN)(attendance.record_paper_checkins)
"""Type in a lesson's paper sign-in sheet after the fact."""

# standby seats (候补补位)
standby_offer = action(Action.CHECK_IN)(standby.standby_offer)
seat_standby = action(Action.CHECK_IN)(standby.seat_standby)

# what the desk shows beside the scan field
tonight_lessons = action(Action.CHECK_IN, write=False)(tonight.tonight)
recent_scans = action(Action.CHECK_IN, write=False)(tonight.recent_scans)
lesson_roll = action(Action.CHECK_IN, write=False)(tonight.lesson_roll)
signin_sheet = action(Action.CHECK_IN, write=False)(tonight.signin_sheet)
"""What a lesson's paper sign-in sheet lists (the PDF is drawn outside the store)."""

# learner cards
learner_card = action(Action.ROSTER_VIEW, write=False)(tokens.learner_card)
cards_for_learners = action(Action.ROSTER_VIEW, write=False)(tokens.cards_for_learners)
cards_for_course = action(Action.ROSTER_VIEW, write=False)(tokens.cards_for_course)
reissue_card = action(Action.LEARNER_EDIT)(tokens.reissue_card)
learner_card_sheet = action(Action.ROSTER_VIEW)(tokens.learner_cards)
"""A selection's cards with the school's name (a write: the secret is made on first use)."""
class_card_sheet = action(Action.ROSTER_VIEW)(tokens.class_cards)

desk_settings = action(Action.CHECK_IN)(scan.CheckInContext.load)
"""What every scan at this desk needs (the card secret, opening and late times,
the zone), read once per desk; a write because the secret is made on first use."""

# a door desk that keeps checking in while the server is away
take_snapshot = action(Action.CHECK_IN, write=False)(offline.take_snapshot)
"""Write what check-in needs for the next 24 hours to the desk's snapshot file."""
upload_offline_scan = action(Action.CHECK_IN)(offline.upload_scan)
"""Record one scan from the desk's outbox, exactly once, keeping the earlier arrival."""


@action(Action.ROSTER_VIEW)
def card_token(session: Session, code: str, actor: Actor, now: dt.datetime) -> tokens.CardData:
    """A learner's card by their code, token included. Whoever holds the
    token can check the learner in, so showing it is audited."""
    learner_id = learner_id_by_code(session, code)
    card = tokens.learner_card(session, school_secret(session), learner_id)
    audit.record(session, actor, "learner.card_token", now, entity="learner",
                 entity_id=learner_id, learner_id=learner_id)
    return card
rotate_card_secret = action(Action.SETTINGS)(tokens.rotate_card_secret)
"""A new card secret: every card re-issued, every card printed before refused as replaced."""
