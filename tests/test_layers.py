"""The layers hold: the windows reach the store only through ui/kit's desk
context, never catch a database driver's error, and nothing imports in a
circle. Read from the source (ast), so no window needs to be built."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
KIT = UI / "kit"

# Windows that still put a job's steps together in a session of their own;
# each goes once its job's action takes the steps over. The list only shrinks.
STILL_HOLDING_A_SESSION = {"ui/certificates/batch.py", "ui/roster/cards.py"}


def _windows() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if KIT not in p.parents)


def _rel(path: Path) -> str:
    return (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).as_posix()


def _sqlalchemy_names(tree: ast.Module) -> set[str]:
    """Names bound by ``from sqlalchemy… import …`` and ``import sqlalchemy…``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            names |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names
                      if a.name.startswith("sqlalchemy")}
    return names


def _database_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("sqlalchemy") or any(a.name == "Session" for a in node.names):
                found.append(f"{_rel(path)}:{node.lineno} from {module} import "
                             + ", ".join(a.name for a in node.names))
        elif isinstance(node, ast.Import):
            found += [f"{_rel(path)}:{node.lineno} import {a.name}" for a in node.names
                      if a.name.startswith("sqlalchemy")]
    return found


def _caught_names(handler: ast.ExceptHandler) -> list[ast.expr]:
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]


def _suppressed_names(call: ast.Call) -> list[ast.expr]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return list(call.args) if name == "suppress" else []


def _driver_errors_caught(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound = _sqlalchemy_names(tree)
    found = []
    for node in ast.walk(tree):
        caught: list[ast.expr] = []
        if isinstance(node, ast.ExceptHandler):
            caught = _caught_names(node)
        elif isinstance(node, ast.Call):
            caught = _suppressed_names(node)
        for expr in caught:
            text = ast.unparse(expr)
            if text.split(".")[0] in bound or text.startswith("sqlalchemy"):
                found.append(f"{_rel(path)}:{node.lineno} catches {text}")
    return found


def test_no_window_outside_the_kit_holds_a_session_or_imports_sqlalchemy():
    offenders = [line for path in _windows() for line in _database_imports(path)]
    holding = {line.split(":")[0] for line in offenders}
    assert holding <= STILL_HOLDING_A_SESSION, "\n".join(
        line for line in offenders if line.split(":")[0] not in STILL_HOLDING_A_SESSION)
    assert holding == STILL_HOLDING_A_SESSION, (
        f"no longer holding a session, strike them off: {STILL_HOLDING_A_SESSION - holding}")


def test_no_window_catches_a_database_drivers_error():
    offenders = [line for path in sorted(UI.rglob("*.py")) for line in _driver_errors_caught(path)]
    assert offenders == []


def test_the_checks_see_what_they_look_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import contextlib\n"
        "from sqlalchemy.exc import OperationalError as Busy\n"
        "from sqlalchemy.orm import Session\n"
        "import sqlalchemy.exc\n"
        "try:\n    pass\nexcept (ValueError, Busy):\n    pass\n"
        "try:\n    pass\nexcept sqlalchemy.exc.DBAPIError:\n    pass\n"
        "with contextlib.suppress(Busy):\n    pass\n",
        encoding="utf-8")
    caught = sorted(line.split(" ", 1)[1] for line in _driver_errors_caught(sample))
    assert caught == ["catches Busy", "catches Busy", "catches sqlalchemy.exc.DBAPIError"]
    assert len(_database_imports(sample)) == 3
