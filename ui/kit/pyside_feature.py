"""PySide6 reads the source of every module imported after it, to see whether
the module says "PySide6" (for its optional ``__feature__`` switches), and it
reads them through ``inspect.getsource``: every line of every module then stays
in ``linecache`` for the life of the program. For FrontDesk that is some 600
modules, about 23 MB of a desk's memory and time at every start.

:func:`check_without_keeping_sources` makes the same check (the same words
found in the same source) without keeping the lines. Should a PySide6 release
rename what is replaced here, nothing is replaced and everything still works.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _mentions_pyside(module: ModuleType) -> bool:
    """Whether ``module``'s source names PySide6 (False without a source)."""
    spec = getattr(module, "__spec__", None)
    loader = getattr(module, "__loader__", None) or getattr(spec, "loader", None)
    get_source = getattr(loader, "get_source", None)
    if get_source is None:
        return False
    try:
        source = get_source(module.__name__)
    except Exception:  # as PySide6's own check: a module it cannot read does not use it
        return False
    return isinstance(source, str) and "PySide6" in source


def check_without_keeping_sources() -> bool:
    """Replace PySide6's check (True when it was found and replaced)."""
    import PySide6  # noqa: F401  (loads shiboken's support modules)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _mentions_pyside)  # noqa: B010
    return True
