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
