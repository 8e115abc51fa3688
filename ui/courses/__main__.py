"""``python -m ui.courses``: this page on its own, over a throw-away demo school."""

from ui.courses.page import CoursesPage
from ui.kit.preview import look_at

raise SystemExit(look_at(CoursesPage))
