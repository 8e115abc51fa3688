"""Refresh the translation sources and compile them.

    python .ci/update_translations.py          # lupdate + lrelease
    python .ci/update_translations.py --check  # fail if a string is untranslated

lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP string from ui/
and the core's CLI and messages into resources/translations/*.ts (keeping
the translations already there); lrelease compiles them to .qm.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGS = ("zh_CN", "en")


def sources() -> list[str]:
    files = sorted((ROOT / "ui").rglob("*.py"))
    # The core marks its few sentences (refusal messages, CLI output, rules
    # shown to staff) with QT_TRANSLATE_NOOP; collect every module that does.
    files += sorted(p for p in (ROOT / "frontdesk").rglob("*.py")
                    if "QT_TRANSLATE_NOOP(" in p.read_text(encoding="utf-8"))
    return [str(f.relative_to(ROOT)) for f in files]


def tool(name: str) -> str:
    """PySide6's ``lupdate``/``lrelease``: beside the running interpreter first.

    CI runs ``.venv/bin/python`` with no virtual environment activated, so
    the venv's ``bin`` (``Scripts`` on Windows) is not on PATH; PySide6 also
    ships the Qt tools themselves inside its package folder.
    """
    bindir = Path(sys.executable).parent
    candidates = [bindir / f"pyside6-{name}", bindir / f"pyside6-{name}.exe"]
    try:
        import PySide6

        qt_dir = Path(PySide6.__file__).parent
        candidates += [qt_dir / name, qt_dir / f"{name}.exe", qt_dir / "Qt" / "libexec" / name]
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    sys.exit(f"pyside6-{name} not found beside {sys.executable} nor in PySide6's folder: "
             "install the project into this Python (pip install -e '.[test]')")


def unfinished(ts: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    for lang in LANGS:
        ts = TRANSLATIONS / f"frontdesk_{lang}.ts"
        cmd = [tool("lupdate"), *sources(), "-no-obsolete", "-locations", "none",
               "-source-language", "en", "-target-language", lang, "-ts", str(ts)]
        if lang == "en":
            cmd.insert(-2, "-pluralonly")
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       cwd=ROOT, check=True, capture_output=True)
    missing = unfinished(TRANSLATIONS / "frontdesk_zh_CN.ts")
    for text in missing:
        print(f"untranslated: {text}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
