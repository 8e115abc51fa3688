"""The layers hold: the windows reach the store only through ui/kit's desk
context, never catch a database driver's error, and nothing imports in a
circle. Read from the source (ast), so no window needs to be built."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests import import_graph

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
KIT = UI / "kit"

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


def _store_transactions(path: Path) -> list[str]:
    """``store.read()`` / ``….store.write()``: a transaction opened by a window itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("read", "write"):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name == "store":
                found.append(f"{_rel(path)}:{node.lineno} {ast.unparse(node)}")
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
    """The windows reach a job through its action (``DeskContext.act``), never a session."""
    offenders = [line for path in _windows()
                 for line in [*_database_imports(path), *_store_transactions(path)]]
    assert offenders == [], "\n".join(offenders)


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
        "with contextlib.suppress(Busy):\n    pass\n"
        "with context.store.read() as session:\n    pass\n",
        encoding="utf-8")
    caught = sorted(line.split(" ", 1)[1] for line in _driver_errors_caught(sample))
    assert caught == ["catches Busy", "catches Busy", "catches sqlalchemy.exc.DBAPIError"]
    assert len(_database_imports(sample)) == 3
    assert [line.split(" ", 1)[1] for line in _store_transactions(sample)] == [
        "context.store.read()"]


def test_the_translation_marker_is_defined_once():
    defined = []
    for path in sorted([*(ROOT / "frontdesk").rglob("*.py"), *UI.rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "QT_TRANSLATE_NOOP":
                defined.append(_rel(path))
            elif isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("PySide6") and \
                    any(a.name == "QT_TRANSLATE_NOOP" for a in node.names):
                defined.append(f"{_rel(path)} (PySide6's)")
    assert defined == ["frontdesk/messages.py"]


def test_no_module_imports_in_a_circle():
    """Top-level, function-level and type-checking imports alike, in frontdesk/ and ui/."""
    edges = import_graph.graph()
    found = import_graph.cycles(edges)
    assert found == [], "\n".join(" -> ".join(import_graph.a_path(edges, group))
                                  for group in found)


def test_the_import_graph_sees_imports_in_functions_and_finds_a_circle():
    edges = import_graph.graph()
    assert "ui.checkin.page" in edges["ui.shell.main_window"]
    assert "frontdesk.store.pg_backup" in edges["frontdesk.store.backup"]
    # the desk guard no longer calls back into the window that made it
    assert "ui.shell.main_window" not in edges["ui.shell.desk_guard"]
    circle = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_graph.cycles(circle) == [["a", "b", "c"]]
    assert import_graph.a_path(circle, ["a", "b", "c"]) == ["a", "b", "c", "a"]


SHEET_SIDE = ("frontdesk/documents/signin_sheet.py", "ui/checkin/paper_sheets.py")
STAFF_SIDE = ("ui/shell/sign_in.py", "frontdesk/staff/accounts.py", "frontdesk/staff/actions.py")


def _defined_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n.name for n in ast.walk(tree)
             if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
    names += [t.id for n in tree.body if isinstance(n, ast.Assign)
              for t in n.targets if isinstance(t, ast.Name)]
    return names


def _says_sign_in(name: str) -> bool:
    return re.search(r"sign_?in(?!g)", name, re.IGNORECASE) is not None


def test_the_staff_sign_in_and_the_paper_sign_in_sheet_do_not_share_a_name():
    """A name about signing in says which: the paper sheet's always says sheet."""
    mixed = []
    for rel in SHEET_SIDE:
        mixed += [f"{rel}: {n}" for n in _defined_names(ROOT / rel)
                  if _says_sign_in(n) and "sheet" not in n.lower()]
    for rel in STAFF_SIDE:
        mixed += [f"{rel}: {n}" for n in _defined_names(ROOT / rel) if "sheet" in n.lower()]
    # "signin" in one word is the sheet's spelling: wherever it is used, it says sheet.
    everywhere = [f"{_rel(p)}: {n}" for p in [*(ROOT / "frontdesk").rglob("*.py"),
                                             *UI.rglob("*.py")]
                  for n in _defined_names(p)
                  if re.search(r"[Ss]ignin(?!g)", n) and "sheet" not in n.lower()]
    assert mixed + everywhere == []
