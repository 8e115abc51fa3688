"""Certificates' actions: who earned one, issuing, printing, revoking, checking.

Issuing spends serials in one short write; drawing the PDF happens after,
outside any write lock (see :mod:`frontdesk.documents.certificate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from frontdesk.actions import action, authorise
from frontdesk.certificates import (
    completion,
    design,
    eligibility,
    handout,
    issue,
    keys,
    publish,
    verification,
)
from frontdesk.certificates.keys import Signer
from frontdesk.staff.actor import Actor
from frontdesk.staff.roles import Action
from frontdesk.store.engine import Store

T = TypeVar("T")

standing = action(Action.ROSTER_VIEW, write=False)(eligibility.eligibility)
"""Each learner of a course and where they stand for a certificate."""
grant_exception = action(Action.CERTIFICATE_EXCEPTION)(eligibility.grant_exception)
clear_exception = action(Action.CERTIFICATE_EXCEPTION)(eligibility.clear_exception)

issue_certificates = action(Action.CERTIFICATE_ISSUE)(issue.issue_certificates)
record_print = action(Action.CERTIFICATE_ISSUE)(issue.record_print)
contents = action(Action.CERTIFICATE_ISSUE, write=False)(issue.certificate_contents)
revoke = action(Action.CERTIFICATE_REVOKE)(issue.revoke)

verify = action(Action.CHECK_IN, write=False)(verification.verify)
"""Is a scanned certificate code genuine, revoked or forged?"""
public_key_pem = action(None, write=False)(keys.public_keys_pem_or_refuse)
"""Every public key the school has signed with (PEM), for verifying offline."""

load_design = action(None, write=False)(design.load_design)
save_design = action(Action.SETTINGS)(design.save_design)

# a course's completion, which certificates wait for
progress = action(Action.ROSTER_VIEW, write=False)(completion.course_progress)
mark_finished = action(Action.COURSE_FINISH)(completion.mark_finished)
reopen = action(Action.COURSE_FINISH)(completion.reopen)

# a batch: drawn first (nothing spent; a write only because the signing key
# is made on first use), committed once the paper is made
style = action(None, write=False)(design.style_for)
prepare_batch = action(Action.CERTIFICATE_ISSUE)(handout.prepare_batch)
commit_batch = action(Action.CERTIFICATE_ISSUE)(handout.commit_batch)

# the verification page employers open from a certificate's QR code
page_status = action(Action.ROSTER_VIEW, write=False)(publish.page_status)
export_page = action(Action.CERTIFICATE_REVOKE)(publish.export_page)


def hand_out(store: Store, actor: Actor, course_id: int, enrollment_ids: Sequence[int] | None,
             clock: Callable[[], dt.datetime], draw: Callable[[handout.CertificateBatch], T],
             signer: Signer, *, discard: Callable[[T], object] = lambda _drawn: None,
             unprintable: issue.GlyphCheck | None = None,
             ) -> tuple[list[issue.IssuedCertificate], T]:
    """Issue a batch the way the paper is made: drawn outside any transaction,
    committed after (see :func:`frontdesk.certificates.handout.hand_out`)."""
    with store.read() as session:
        current = authorise(session, actor, Action.CERTIFICATE_ISSUE)
    return handout.hand_out(store, course_id, enrollment_ids, current, clock, draw, signer,
                            discard=discard, unprintable=unprintable)

# the signing key, kept outside the store (unlocked once per sign-in)
active_key_id = action(None, write=False)(keys.active_key_id)
key_state = action(Action.CERTIFICATE_ISSUE, write=False)(keys.key_state)
unlock_key = action(Action.CERTIFICATE_ISSUE)(keys.unlock)
"""The signing key, unlocked with the passphrase (set on first use)."""
rotate_key = action(Action.SETTINGS)(keys.rotate_signing_key)
"""A new signing key (the old one retires: what it signed still verifies)."""
