"""Privacy's actions: anonymising on request, retention, follow-up consent,
and the record of every export of personal data."""

from __future__ import annotations

from frontdesk.actions import action
from frontdesk.privacy import personal_data
from frontdesk.staff.roles import Action

anonymise = action(Action.ANONYMISE)(personal_data.anonymise_learner)
retention_preview = action(Action.RETENTION, write=False)(personal_data.retention_preview)
apply_retention = action(Action.RETENTION)(personal_data.apply_retention)
set_followup_consent = action(Action.CONSENT)(personal_data.set_followup_consent)
record_export = action(Action.EXPORT_MASKED)(personal_data.audit_export)
"""Audit an export of personal data (full phones need an administrator)."""
