"""Chinese for the few words of Qt's own dialogs that Qt's translation lacks.

Qt's qtbase_zh_CN.qm (shipped with PySide6) translates "Look in:" but not
the file dialog's "&Look in:" it shows, nor "Files of &type:". Marked here,
they go into FrontDesk's own .ts under Qt's contexts, and FrontDesk's
translator answers where Qt's has nothing (see ``ui.kit.i18n``).
"""

from __future__ import annotations

from frontdesk.messages import QT_TRANSLATE_NOOP

QT_WORDS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Computer"),
    QT_TRANSLATE_NOOP("QPrintPreviewDialog", "Close"),
)

QT_FILE_KINDS = (
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)
