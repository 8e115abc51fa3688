"""Where FrontDesk's bundled resources are, in a checkout and when installed.

In a source checkout they sit in ``resources/`` beside the package; an
installed wheel carries the same folder as ``frontdesk/resources``.
"""

from __future__ import annotations

import functools
from importlib import resources as _ir
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


@functools.cache
def resources_dir() -> Path:
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
