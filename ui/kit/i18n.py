"""Language: Simplified Chinese by default, English on request, remembered.

Switching installs the other translator; Qt then sends every widget a
LanguageChange event and each window re-runs its ``retranslate_ui()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from frontdesk.paths import resource

LANGUAGES = ("zh_CN", "en")
DEFAULT = "zh_CN"
_installed: list[QTranslator] = []
_current = [DEFAULT]


def remembered_language() -> str:
    value = QSettings().value("ui/language", DEFAULT)
    return value if value in LANGUAGES else DEFAULT


def remember_language(lang: str) -> None:
    QSettings().setValue("ui/language", lang)


def current_language() -> str:
    return _current[0]


def install_language(lang: str) -> None:
    """Install the translators for ``lang`` (English is the source language)."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current[0] = lang
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # English is the source language; its .qm holds only plural forms ("1 course").
    ours = QTranslator(app)
    if ours.load(str(resource("translations", f"frontdesk_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    if lang == "en":
        return
    qt_own = QTranslator(app)  # Qt's standard buttons and dialogs
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
