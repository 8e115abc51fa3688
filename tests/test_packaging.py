"""A plain ``pip install .`` gives a working FrontDesk: fonts, icons,
translations and migrations travel inside the wheel and are found there."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import frontdesk, ui
    from frontdesk.paths import resources_dir, resource
    target = Path(sys.argv[1]).resolve()
    assert Path(frontdesk.__file__).resolve().is_relative_to(target), frontdesk.__file__
    assert resources_dir().resolve().is_relative_to(target), resources_dir()
    for name in ("fonts/wqy-microhei.ttc", "fonts/HanaMinB.ttf", "fonts/LICENSE-hanazono.txt",
                 "translations/frontdesk_zh_CN.qm", "sounds/ok.wav", "icons/roster.svg",
                 "verify_page/index.html", "verify_page/verify.js", "verify_page/nacl.min.js",
                 "verify_page/tweetnacl-LICENSE.txt"):
        assert resource(*name.split("/")).stat().st_size > 0, name
    from frontdesk.store.engine import open_store
    from frontdesk.demo.school import build_demo
    store = open_store(Path(sys.argv[2]) / "school.sqlite3")
    build_demo(store, learners=30)
    from ui.shell.app import make_app
    from ui.kit import i18n
    from ui.kit.context import DeskContext
    from ui.shell.main_window import MainWindow
    app = make_app()
    i18n.install_language("zh_CN")
    window = MainWindow(DeskContext(store))
    window.show()
    app.processEvents()
    from ui.roster.page import RosterPage
    print(window.nav.item(window.factories.index(RosterPage)).text())
    """
)



def test_the_installed_wheel_works_outside_the_checkout(tmp_path: Path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(wheels)], check=True, capture_output=True, timeout=300)
    target = tmp_path / "site"
    wheel = next(wheels.glob("frontdesk-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    env = dict(os.environ, PYTHONPATH=str(target), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHECK, str(target), str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "名册"


def test_a_frozen_build_reads_resources_and_migrations_from_its_bundle(tmp_path, monkeypatch):
    """PyInstaller sets sys.frozen and sys._MEIPASS; then nothing comes from the checkout."""
    from frontdesk import paths

    bundle = tmp_path / "_internal"
    (bundle / "resources" / "fonts").mkdir(parents=True)
    (bundle / "resources" / "fonts" / "wqy-microhei.ttc").write_bytes(b"font")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    paths.resources_dir.cache_clear()
    try:
        assert paths.resource("fonts", "wqy-microhei.ttc") == \
            bundle / "resources" / "fonts" / "wqy-microhei.ttc"
        assert paths.migrations_dir() == bundle / "frontdesk" / "store" / "migrations"
    finally:
        monkeypatch.undo()
        paths.resources_dir.cache_clear()
    assert not paths.resources_dir().is_relative_to(bundle)
    assert (paths.migrations_dir() / "script.py.mako").is_file()


def test_version_names_the_store_and_the_data_and_log_folders(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), FRONTDESK_LANG="en")
    env.pop("FRONTDESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "ui.shell.launcher", "--db",
         "postgresql+psycopg://desk:secret@server/school", "--version"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    from frontdesk import __version__

    data = tmp_path / "data" / "FrontDesk"
    assert done.stdout.splitlines() == [
        f"FrontDesk {__version__}",
        "Store: postgresql+psycopg://desk:***@server/school",
        f"Data folder: {data}",
        f"Log folder: {data / 'logs'}",
    ]
