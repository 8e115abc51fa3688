"""``python -m ui.fees``: this page on its own, over a throw-away demo school."""

from ui.fees.page import FeesPage
from ui.kit.preview import look_at

raise SystemExit(look_at(FeesPage))
