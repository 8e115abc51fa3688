"""GUI fixtures: the app with bundled fonts and Chinese, a desk on a demo store."""

from __future__ import annotations

import pytest

from tests.conftest import FIXED_NOW
from ui.kit.context import DeskContext


@pytest.fixture(scope="session", autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    from ui.kit import i18n
    from ui.shell.app import make_app

    make_app()
    i18n.install_language("zh_CN")
    yield qapp
    i18n.install_language("zh_CN")


@pytest.fixture
def desk(demo_store) -> DeskContext:  # type: ignore[no-untyped-def]
    return DeskContext(demo_store, desk="前台1", clock=lambda: FIXED_NOW)


@pytest.fixture
def empty_desk(store) -> DeskContext:  # type: ignore[no-untyped-def]
    return DeskContext(store, desk="前台1", clock=lambda: FIXED_NOW)
