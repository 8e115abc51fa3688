"""Smoke test of an installed FrontDesk, run by .ci/smoke_python.sh in a fresh venv.

    VENV/bin/python .ci/smoke_app.py --repo CHECKOUT --work EMPTY_DIR

Run from outside the checkout, so ``frontdesk`` and ``ui`` come from the
installed wheel. It says which PySide6 wheels the install pulled in, checks
that every Qt module FrontDesk imports is there, builds the demo school and
writes certificates with the ``frontdesk`` command, opens the windows
offscreen through the same entry point and shows each page of the main
window once, prints a certificate through FrontDesk's print path into a PDF
file, then runs the Qt soak test (tests/ui/test_soak.py). Exit status 0 when
all of that worked; 1 with the reason otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata as md
import importlib.util
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

# Every Qt module FrontDesk imports, and why.
QT_MODULES = {
    "QtCore": "everything",
    "QtGui": "everything",
    "QtWidgets": "the windows",
    "QtPrintSupport": "the print dialog",
    "QtSvg": "the icons",
    "QtPdf": "printing certificates, receipts and reports",
    "QtCharts": "the dashboard's charts",
    "QtMultimedia": "sounds and the camera",
}
PAGE_DWELL_MS = 400  # each page stays in front this long (its workers get to finish)
GUI_TIMEOUT_S = 120
WINDOW_WAIT_MS = 60_000

failures: list[str] = []


def say(text: str) -> None:
    print(f"[smoke] {text}", flush=True)


def fail(text: str) -> None:
    failures.append(text)
    print(f"[smoke] FAILED: {text}", flush=True)


def check_install(repo: Path) -> None:
    import frontdesk
    import ui

    for module in (frontdesk, ui):
        where = Path(module.__file__ or "").resolve()
        if where.is_relative_to(repo):
            fail(f"{module.__name__} imported from the checkout ({where}), not the install")
    import PySide6

    wheels = sorted(f"{d.metadata['Name']}-{d.version}" for d in md.distributions()
                    if d.metadata["Name"].lower().replace("_", "-").startswith(
                        ("pyside6", "shiboken6")))
    say(f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}, "
        f"frontdesk {frontdesk.__version__}")
    say(f"wheels: {' '.join(wheels)}")
    for name, use in QT_MODULES.items():
        try:
            importlib.import_module(f"PySide6.{name}")
        except ImportError as error:
            fail(f"PySide6.{name} ({use}) cannot be imported: {error}")


def finished_course(db: Path) -> str:
    """The code of a demo course whose lessons are all over (certificates are issued then)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "select c.code from course c join lesson les on les.course_id = c.id group by c.id"
            " having max(les.ends_at) < datetime('now') order by c.code limit 1").fetchone()
    return str(row[0]) if row else "C0001"


def frontdesk_command(*args: str, stdin: str | None = None) -> str:
    exe = Path(sys.executable).with_name("frontdesk")
    started = time.monotonic()
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=600,
                          input=stdin)
    took = time.monotonic() - started
    if done.returncode != 0:
        fail(f"frontdesk {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    else:
        last = done.stdout.strip().splitlines()[-1:] or [""]
        say(f"frontdesk {' '.join(args)}: {last[0]} ({took:.1f} s)")
    return done.stdout


def printing_module() -> Any:
    for name in ("ui.kit.printing",):
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name not in (name, name.rpartition(".")[0]):
                raise
    raise ModuleNotFoundError("FrontDesk's printing module")


def run_windows(db: Path, certificate: Path, work: Path) -> None:
    """Open FrontDesk through its ``frontdesk`` entry point and show every page once."""
    from PySide6.QtCore import QTimer, qInstallMessageHandler
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication, QMainWindow

    qt_messages: list[str] = []
    qInstallMessageHandler(lambda _kind, _context, text: qt_messages.append(text))
    errors: list[str] = []
    default_hook = sys.excepthook

    def on_error(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        # An exception in a slot: Qt would print it and carry on; here it fails the run.
        errors.append("".join(traceback.format_exception(kind, value, tb)))
        default_hook(kind, value, tb)

    sys.excepthook = on_error
    app = QApplication([sys.argv[0]])  # the entry point's make_app() takes this one over
    if b"svg" not in QImageReader.supportedImageFormats():
        fail("Qt cannot read SVG: the icons would be missing")

    shown: list[str] = []

    def main_window() -> Any:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMainWindow) and hasattr(widget, "factories"):
                return widget
        return None

    def finish() -> None:
        window = main_window()
        if window is not None:
            window.close()
        app.quit()

    def print_certificate(window: Any) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printing = printing_module()
        target = work / "certificate-printed.pdf"
        document = printing.open_pdf(certificate)
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # a light file, same path
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printing.match_page(printer, document)
        pages = printing.paint_pdf(printer, document)
        image = printing.page_image(document, 400)
        expected = document.pageCount()
        document.close()
        if pages != expected or not target.is_file() \
                or not target.read_bytes().startswith(b"%PDF") or image.isNull():
            fail(f"printing the certificate gave {pages} pages in {target}")
        else:
            say(f"certificate printed through QtPdf: {pages} pages, "
                f"{target.stat().st_size // 1024} KB")

    def walk(row: int = 0, waited_ms: int = 0) -> None:
        window = main_window()
        if window is None and waited_ms < WINDOW_WAIT_MS:
            # The main window's frame shows first; the window itself once the store is open.
            QTimer.singleShot(200, lambda: walk(row, waited_ms + 200))
            return
        if window is None:
            fail("no main window after start")
            finish()
            return
        nav = window.nav
        while row < nav.count() and nav.item(row).isHidden():
            row += 1
        if row < nav.count():
            nav.setCurrentRow(row)
            page = window.stack.currentWidget()
            shown.append(f"{type(page).__name__}「{nav.item(row).text()}」")
            QTimer.singleShot(PAGE_DWELL_MS, lambda: walk(row + 1))
            return
        try:
            print_certificate(window)
        except Exception:
            errors.append(traceback.format_exc())
        finish()

    def timed_out() -> None:
        fail(f"the windows did not finish within {GUI_TIMEOUT_S} s")
        finish()

    QTimer.singleShot(500, walk)
    QTimer.singleShot(GUI_TIMEOUT_S * 1000, timed_out)
    entry = md.entry_points(group="console_scripts", name="frontdesk")
    main = next(iter(entry)).load()
    started = time.monotonic()
    code = main(["--db", str(db)])
    took = time.monotonic() - started
    sys.excepthook = default_hook
    say(f"windows open {took:.1f} s, exit code {code}; pages shown: {', '.join(shown)}")
    if code != 0:
        fail(f"the windows exited with {code}")
    window_pages = len(shown)
    if window_pages < 5:
        fail(f"only {window_pages} pages were shown")
    for error in errors:
        fail(f"exception while the windows were open:\n{error}")
    noteworthy = [m for m in qt_messages if "propagateSizeHints" not in m]
    if noteworthy:
        say(f"{len(noteworthy)} Qt messages, e.g.: " + " | ".join(noteworthy[:3]))


def run_soak(repo: Path) -> None:
    path = repo / "tests" / "ui" / "test_soak.py"
    spec = importlib.util.spec_from_file_location("frontdesk_soak", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    started = time.monotonic()
    try:
        module.test_twenty_thousand_qt_calls_do_not_abort()
    except AssertionError as error:
        fail(f"Qt soak test: {error}")
        return
    say(f"Qt soak test passed ({time.monotonic() - started:.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, required=True, help="the checkout (for the soak test)")
    parser.add_argument("--work", type=Path, required=True, help="an empty folder to work in")
    args = parser.parse_args()
    repo, work = args.repo.resolve(), args.work.resolve()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    check_install(repo)
    db = work / "school.sqlite3"
    certificate = work / "certificates.pdf"
    frontdesk_command("--db", str(db), "demo")
    # A finished course's certificates; the signing key is made on first use with
    # the passphrase given on standard input.
    frontdesk_command("--db", str(db), "certificates", "--course", finished_course(db),
                      "--all-eligible", "--out", str(certificate), "--passphrase-stdin",
                      stdin="smoke passphrase 2026\n")
    if not certificate.is_file():
        fail("no certificate PDF was written")
        return 1
    run_windows(db, certificate, work)
    run_soak(repo)
    if failures:
        say(f"{len(failures)} problem(s)")
        return 1
    say("all well")
    return 0


if __name__ == "__main__":
    sys.exit(main())
