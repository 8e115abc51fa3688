"""Certificates' actions: who earned one, issuing, printing, revoking, checking.

Issuing spends serials in one short write; drawing the PDF happens after,
outside any write lock (see :mod:`frontdesk.documents.certificate`).
"""

from __future__ import annotations

from frontdesk.actions import action
from frontdesk.certificates import design, eligibility, issue, signing, verification
from frontdesk.staff.roles import Action

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
public_key_pem = action(None, write=False)(signing.public_key_pem)

load_design = action(None, write=False)(design.load_design)
save_design = action(Action.SETTINGS)(design.save_design)
