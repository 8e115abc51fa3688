"""Where FrontDesk's bundled resources are, and where it keeps the school's data.

Resources: in a source checkout they sit in ``resources/`` beside the
package; an installed wheel carries the same folder as
``frontdesk/resources``; a frozen build (PyInstaller, packaging/) carries it
as ``resources/`` inside its bundle folder (``sys._MEIPASS``). This module is
the one way to reach them, so nothing is read from a source tree that a desk
PC does not have.

Data: the store, the logs and the automatic backups live in the user's data
folder (platformdirs), never beside the program, so an uninstaller or an
update leaves them alone.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources as _ir
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def frozen_bundle() -> Path | None:
    """The frozen build's bundle folder, or None when running from Python."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return None


@functools.cache
def resources_dir() -> Path:
    bundle = frozen_bundle()
    if bundle is not None:
        return bundle / "resources"
    if (_CHECKOUT / "fonts").is_dir():
        return _CHECKOUT
    return Path(str(_ir.files("frontdesk.resources")))


def resource(*parts: str) -> Path:
    """Path of a bundled file, e.g. ``resource("fonts", "wqy-microhei.ttc")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        missing = "/".join(parts)
        raise FileNotFoundError(f"FrontDesk resource missing: {missing} under {resources_dir()}")
    return path


def migrations_dir() -> Path:
    """The Alembic scripts (env.py, script.py.mako, versions/*.py), loaded by file path."""
    bundle = frozen_bundle()
    if bundle is not None:
        return bundle / "frontdesk" / "store" / "migrations"
    return Path(__file__).resolve().parent / "store" / "migrations"


def data_dir() -> Path:
    """The user's FrontDesk data folder (the default store lives here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("FrontDesk", appauthor=False))


def log_dir() -> Path:
    """Where each run's log file is kept: ``logs/`` in the data folder."""
    return data_dir() / "logs"
