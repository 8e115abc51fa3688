"""Every page on the screens desks have: 1280×800, 1366×768, and 1920×1080
at 150% (Qt then lays out on 1280×720). Each size runs in its own process
(tests/ui/screens_child.py); its screenshots are kept for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("FRONTDESK_SCREENSHOTS", tempfile.gettempdir()))

SIZES = {  # name: (width, height, QT_SCALE_FACTOR)
    "1280x800": (1280, 800, None),
    "1366x768": (1366, 768, None),
    "1920x1080-150": (1920, 1080, "1.5"),
}


def _run(name: str, store: Path, tmp: Path) -> dict[str, object]:
    width, height, scale = SIZES[name]
    config = tmp / f"screen-{name}.json"
    config.write_text(json.dumps({"screens": [
        {"name": "desk", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "XDG_CONFIG_HOME": str(tmp / "config")}
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run([sys.executable, "-m", "tests.ui.screens_child", str(store), name,
                           str(SHOTS)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize("name", list(SIZES))
def test_every_page_fits_the_screen(name, demo_template_path, tmp_path):
    store = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template_path, store)
    report = _run(name, store, tmp_path)
    assert report["window_inside"], (report["window"], report["screen"])
    pages = report["pages"]
    assert isinstance(pages, dict)
    off = {page: found["off"] for page, found in pages.items() if found["off"]}
    assert off == {}, off
    checkin = pages["CheckInPage"]["cut"]
    assert checkin == {"tonight": False, "recent": False}, checkin
    # Qt's own dialogs speak Chinese too (the file dialog of "choose another store").
    words = " ".join(report["file_dialog"])  # type: ignore[arg-type]
    assert "查找范围" in words or "文件名" in words, words
    assert "Look in" not in words and "Files of type" not in words


def test_a_banner_coming_and_going_moves_nothing_under_the_pointer(qtbot, desk):
    from PySide6.QtCore import QPoint

    from ui.fees.page import FeesPage

    page = FeesPage(desk)
    qtbot.addWidget(page)
    page.resize(1130, 700)
    page.show()
    qtbot.waitExposed(page)

    def tabs_top() -> int:
        return page.tabs.mapTo(page, QPoint(0, 0)).y()

    before = tabs_top()
    page.banner.ok("收款 ¥300.00 · 现金 · 收据 SB-000123")
    qtbot.wait(50)
    assert page.banner.isVisible()
    assert tabs_top() == before
    page.banner.hide()
    qtbot.wait(50)
    assert tabs_top() == before
