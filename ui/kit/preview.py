"""Look at one page on its own, over a throw-away demo school:
``python -m ui.checkin`` (each page package's ``__main__`` calls :func:`look_at`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ui.kit.page import Page


def look_at(page_type: type[Page], learners: int = 300) -> int:
    from frontdesk.demo.school import build_demo
    from frontdesk.store.engine import open_store
    from ui.kit import i18n
    from ui.kit.context import DeskContext
    from ui.shell.app import make_app

    app = make_app(sys.argv)
    i18n.install_language(i18n.remembered_language())
    store = open_store(Path(tempfile.mkdtemp(prefix="frontdesk-look-")) / "demo.sqlite3")
    build_demo(store, learners=learners)
    page = page_type(DeskContext(store))
    page.resize(1280, 800)
    page.show()
    page.activate()
    code = app.exec()
    store.dispose()
    return code
