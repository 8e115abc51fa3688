"""``python -m ui.checkin``: this page on its own, over a throw-away demo school."""

from ui.checkin.page import CheckInPage
from ui.kit.preview import look_at

raise SystemExit(look_at(CheckInPage))
