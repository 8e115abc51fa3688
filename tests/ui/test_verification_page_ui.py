"""The verification address in the settings, exporting the page from the certificates
page, the reminder after a revocation, and desks reading a QR that holds the address.

In English (the source language), so the words asserted are the words a user reads.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from frontdesk.certificates.issue import certificate_contents, issue_certificates
from frontdesk.settings import load_settings, update_settings
from frontdesk.vocab import CheckInMethod
from tests.domain.keys_fixtures import signer_of
from tests.ui.test_certificates_window import _cell, _click, _page, _scan, _select
from ui.certificates import publish as publish_ui
from ui.checkin.page import CheckInPage
from ui.kit import widgets
from ui.shell.settings_dialog import SettingsDialog

ADDRESS = "https://shuibei-yexiao.example.cn/verify/"


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    from ui.kit import i18n

    i18n.install_language("en")
    yield
    i18n.install_language("zh_CN")


def _set_address(desk, now) -> None:  # type: ignore[no-untyped-def]
    with desk.store.write() as s:
        settings = dataclasses.replace(load_settings(s), verification_address=ADDRESS)
        update_settings(s, settings, desk.actor, now)


def _issue_one(desk, now, page) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(learner's name, what the QR holds) for a newly issued certificate."""
    row = next(r for r in page.rows if r.eligible and r.certificate is None)
    with desk.store.write() as s:
        issued = issue_certificates(s, page.current_course().id, [row.enrollment_id],
                                    desk.actor, now)
        return row.learner_name, certificate_contents(s, [issued[0].certificate_id],
                                                       signer_of(s))[0].qr_text


def test_the_settings_take_a_verification_address(qtbot, desk):
    dialog = SettingsDialog(None, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.verification_edit.setText("shuibei.example.cn/verify")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert "must be a web address starting with https://" in dialog.error_label.text()
    assert desk.settings().verification_address == ""
    dialog.verification_edit.setText(f"  {ADDRESS} ")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert desk.settings().verification_address == ADDRESS


def test_export_the_page_then_a_revocation_asks_for_another(qtbot, desk, now, tmp_path,
                                                            monkeypatch):
    page = _page(qtbot, desk, "C0005")
    label = page.publish_row.label
    assert label.text() == "Verification page: never exported."
    _set_address(desk, now)
    page.activate()
    assert "A verification address is set: export the page" in label.text()
    target = tmp_path / "verify"
    monkeypatch.setattr(publish_ui, "choose_folder", lambda *a: target)
    _click(qtbot, page.publish_row.button)
    assert page.banner.kind == "ok"
    assert f"Verification page written to {target}." in page.banner.text()
    assert (target / "index.html").exists() and (target / "data.js").exists()
    assert label.text() == "Verification page last exported 2026-12-01 19:05."
    name, _ = _issue_one(desk, now, page)
    page.activate()
    monkeypatch.setattr(widgets, "confirm", lambda *a: True)
    monkeypatch.setattr(widgets, "ask_text", lambda *a, **k: "issued in error")
    _select(page, name)
    _click(qtbot, page.revoke_button)
    assert _cell(page, name, 4) == "Revoked"
    assert "Export the verification page again and upload it" in page.banner.text()
    assert "1 certificate(s) revoked since: export the page again" in label.text()
    monkeypatch.setattr(publish_ui, "choose_folder", lambda *a: tmp_path / "index.html")
    (tmp_path / "index.html").write_text("x")
    _click(qtbot, page.publish_row.button)
    assert page.banner.kind == "error" and "cannot be written to" in page.banner.text()
    assert "1 certificate(s) revoked since" in label.text()


def test_desks_read_a_qr_that_holds_the_address(qtbot, desk, now):
    _set_address(desk, now)
    page = _page(qtbot, desk, "C0005")
    name, qr_text = _issue_one(desk, now, page)
    assert qr_text.startswith(ADDRESS + "#C2")  # the code names its signing key
    page.activate()
    _scan(qtbot, page, qr_text)
    assert page.verify_box.headline.text() == "Genuine certificate"
    assert name in page.verify_box.detail.text()
    # A scanner at the check-in desk types the whole address: it is checked, not refused.
    checkin = CheckInPage(desk)
    qtbot.addWidget(checkin)
    checkin.submit(qr_text, CheckInMethod.SCANNER)
    assert checkin.outcome.headline.text() == "Genuine certificate"
    assert name in checkin.outcome.detail.text()
