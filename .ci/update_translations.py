"""Refresh the translation sources and compile them.

    python .ci/update_translations.py          # lupdate + lrelease
    python .ci/update_translations.py --check  # fail if a string is untranslated

lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP string from ui/
and the core's CLI and messages into resources/translations/*.ts (keeping
the translations already there); lrelease compiles them to .qm.
"""

from __future__ import annotations

import argparse
import shutil
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
    # The one beside this Python first: a venv's tools work without activating it.
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.is_file():
        return str(beside)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6")
    return found


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
