"""``python -m ui.dashboard``: this page on its own, over a throw-away demo school."""

from ui.dashboard.page import DashboardPage
from ui.kit.preview import look_at

raise SystemExit(look_at(DashboardPage))
