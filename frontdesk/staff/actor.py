"""Who is acting: the desk and, once staff sign in, the staff member."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.vocab import StaffRole


@dataclass(frozen=True)
class Actor:
    desk: str = ""
    staff_id: int | None = None
    role: StaffRole | None = None
    name: str = ""


SYSTEM = Actor(desk="system", role=StaffRole.ADMIN)
