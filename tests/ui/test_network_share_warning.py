"""A desk that opens a SQLite store on a network share is warned, in Chinese."""

from __future__ import annotations

from frontdesk.store.engine import Store
from ui.kit import i18n
from ui.shell import app as app_module


def test_a_store_on_a_share_is_warned_about(qtbot, store: Store, monkeypatch):
    i18n.install_language("zh_CN")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(app_module.QMessageBox, "warning",
                        lambda _parent, title, text: shown.append((title, text)))
    monkeypatch.setattr("frontdesk.store.network_share.on_network_share", lambda _path: True)
    assert app_module.warn_if_on_a_share(None, store)
    [(title, text)] = shown
    assert "网络共享" in title and "PostgreSQL" in text


def test_a_store_on_the_pcs_own_disk_is_not(qtbot, store: Store, monkeypatch):
    shown: list[object] = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda *a: shown.append(a))
    assert not app_module.warn_if_on_a_share(None, store)
    assert shown == []
