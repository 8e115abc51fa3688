"""Late entries: a check-in written after its lesson was over.

A paper sign-in sheet typed in the next morning, a desk that was down, a
``--at`` in the past: the arrival time is the learner's, but the row is
written now. Such a row keeps the real time it was written (``recorded_at``),
who wrote it (staff, desk) and why (``late_entry_reason``), and the grid and
the audit trail show it. A desk may enter lessons of the last
``late_entry_days`` days; older lessons need an administrator. An arrival in
the future is refused.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from frontdesk.errors import DomainError
from frontdesk.staff import roles
from frontdesk.staff.actor import Actor

MAX_REASON = 200
# A desk's clock and the store's may differ a little; more is a typing mistake.
CLOCK_SLACK = dt.timedelta(minutes=2)


def refuse_future(at: dt.datetime, now: dt.datetime, tz: zoneinfo.ZoneInfo) -> None:
    """Refuse an arrival time that has not come yet."""
    if at > now + CLOCK_SLACK:
        raise DomainError("checkin_in_future", at=f"{at.astimezone(tz):%Y-%m-%d %H:%M}")


def late_entry_reason(
    lesson_starts: dt.datetime, lesson_ends: dt.datetime, reason: str | None, actor: Actor,
    now: dt.datetime, tz: zoneinfo.ZoneInfo, desk_days: int,
) -> str | None:
    """The reason to store when a check-in for this lesson, written ``now``,
    is a late entry; None when the lesson is not over yet.

    Refused: a late entry without a reason (``late_entry_reason_required``)
    and, unless the actor may enter old lessons, a lesson more than
    ``desk_days`` days back (``late_entry_needs_admin``).
    """
    if lesson_ends >= now:
        return None
    words = (reason or "").strip()
    lesson_day = lesson_starts.astimezone(tz).date()
    if not words:
        raise DomainError("late_entry_reason_required", lesson=f"{lesson_day:%Y-%m-%d}")
    if len(words) > MAX_REASON:
        raise DomainError("late_entry_reason_too_long", max=MAX_REASON)
    days_back = (now.astimezone(tz).date() - lesson_day).days
    if days_back > desk_days and not roles.allowed(actor.role, roles.Action.LATE_ENTRY_OLD):
        raise DomainError("late_entry_needs_admin", days=desk_days,
                          lesson=f"{lesson_day:%Y-%m-%d}")
    return words


__all__ = ["CLOCK_SLACK", "MAX_REASON", "late_entry_reason", "refuse_future"]
