"""``python -m ui.roster``: this page on its own, over a throw-away demo school."""

from ui.kit.preview import look_at
from ui.roster.page import RosterPage

raise SystemExit(look_at(RosterPage))
