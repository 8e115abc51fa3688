"""``python -m ui.reports``: this page on its own, over a throw-away demo school."""

from ui.kit.preview import look_at
from ui.reports.page import ReportsPage

raise SystemExit(look_at(ReportsPage))
