"""GUI fixtures: the app with bundled fonts and Chinese, a desk on a demo store."""

from __future__ import annotations

import pytest

from tests.conftest import FIXED_NOW
from tests.ui.arrange import ArrangingDesk


@pytest.fixture(scope="session", autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    from ui.kit import i18n
    from ui.shell.app import make_app

    make_app()
    i18n.install_language("zh_CN")
    yield qapp
    i18n.install_language("zh_CN")


@pytest.fixture
def desk(demo_store) -> ArrangingDesk:  # type: ignore[no-untyped-def]
    return ArrangingDesk(demo_store, desk="前台1", clock=lambda: FIXED_NOW)


@pytest.fixture
def empty_desk(store) -> ArrangingDesk:  # type: ignore[no-untyped-def]
    return ArrangingDesk(store, desk="前台1", clock=lambda: FIXED_NOW)


@pytest.fixture(autouse=True)
def _signing_key_passphrase(monkeypatch):  # type: ignore[no-untyped-def]
    """The signing key's passphrase dialog answers at once with the tests' passphrase:
    a modal dialog must never wait for a person in a test (tests of the dialog
    itself replace this answer with their own)."""
    from tests.domain.keys_fixtures import PASSPHRASE
    from ui.certificates.passphrase import PassphraseDialog

    monkeypatch.setattr(PassphraseDialog, "ask", lambda _parent, _new, _problem="": PASSPHRASE)
