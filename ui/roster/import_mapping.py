"""The mapping step of an import: which column feeds which field, what is
ignored, and the course answers that need the clerk's choice.

The panel shows what the core decided; the clerk may point any field at any
column (or at none) and say which class an answer means. Each change is an
event the dialog answers by previewing again; the core remembers hand-made
choices for files with the same headers when the import is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from frontdesk.roster.course_answers import CourseQuestion
from frontdesk.roster.importer import ColumnMap, Field, ImportPreview

_NOTE_STYLE = "color: #666;"


class MappingPanel(QGroupBox):
    """Fields and their columns, one combo box each, and the course questions."""

    column_chosen = Signal(str, object)  # field value, column index or None
    course_chosen = Signal(str, str)  # answer text, course code

    def __init__(self, parent: QWidget | None, courses: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.courses = list(courses)  # (code, title) of every course
        self.labels: dict[Field, Callable[[], str]] = {
            Field.NAME: lambda: self.tr("Name"), Field.PHONE: lambda: self.tr("Mobile"),
            Field.GENDER: lambda: self.tr("Gender"),
            Field.OCCUPATION: lambda: self.tr("Occupation"), Field.NOTE: lambda: self.tr("Note"),
            Field.COURSE: lambda: self.tr("Course"),
            Field.CONSENT: lambda: self.tr("Follow-up consent"),
            Field.SUBMITTED: lambda: self.tr("Submitted at"),
        }
        self.preview: ImportPreview | None = None
        self.columns: ColumnMap | None = None
        self._init_widgets()

    def _init_widgets(self) -> None:
        self.grid = QGridLayout()
        self.field_labels: dict[Field, QLabel] = {}
        self.boxes: dict[Field, QComboBox] = {}
        self.notes: dict[Field, QLabel] = {}
        for row, field in enumerate(Field):
            self.field_labels[field] = QLabel()
            box = QComboBox()
            box.setMinimumContentsLength(16)
            box.currentIndexChanged.connect(
                lambda _i, f=field: self.on_box_current_index_changed(f))
            self.boxes[field] = box
            note = QLabel()
            note.setStyleSheet(_NOTE_STYLE)
            note.setWordWrap(True)
            note.hide()
            self.notes[field] = note
            self.grid.addWidget(self.field_labels[field], 2 * row, 0)
            self.grid.addWidget(box, 2 * row, 1)
            self.grid.addWidget(note, 2 * row + 1, 1)
        self.ignored_label = QLabel()
        self.ignored_label.setWordWrap(True)
        self.questions_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.ignored_label)
        layout.addLayout(self.questions_box)
        layout.addStretch(1)
        self.question_boxes: list[tuple[CourseQuestion, QComboBox]] = []

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Columns"))
        for field, label in self.field_labels.items():
            label.setText(self.labels[field]())
        if self.preview is not None:
            self.show_preview(self.preview)
        elif self.columns is not None:
            self.show_preview(None, self.columns)

    def show_preview(self, preview: ImportPreview | None,
                     columns: ColumnMap | None = None) -> None:
        """Show a preview's columns; without a preview, ``columns`` alone (a
        file refused for want of a name column: the clerk may point at one)."""
        self.preview = preview
        columns = preview.columns if preview is not None else columns
        self.columns = columns
        self.setEnabled(columns is not None)
        if columns is None:
            return
        for field, box in self.boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("(not used)"), None)
            for index in range(len(columns.headers)):
                if columns.headers[index]:
                    box.addItem(columns.describe(index), index)
            chosen = columns.column(field)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
            box.blockSignals(False)
            self._show_note(field, columns, preview is not None and preview.sheet.remembered)
        ignored = "、".join(columns.describe(i) for i in columns.ignored)
        self.ignored_label.setText(self.tr("Ignored columns: {columns}").format(
            columns=ignored or self.tr("none")))
        self._show_questions(preview.questions if preview is not None else ())

    def _show_note(self, field: Field, columns: ColumnMap, remembered: bool) -> None:
        notes = []
        rivals = columns.rivals.get(field, ())
        if rivals and field in columns.fields:
            notes.append(self.tr("chosen over {columns}").format(
                columns="、".join(columns.describe(i) for i in rivals)))
        elif rivals:
            notes.append(self.tr("not used: {columns} may be someone else's").format(
                columns="、".join(columns.describe(i) for i in rivals)))
        if field in columns.by_hand:
            notes.append(self.tr("remembered for this form") if remembered
                         else self.tr("chosen by hand"))
        self.notes[field].setText("；".join(notes))
        self.notes[field].setVisible(bool(notes))

    def _show_questions(self, questions: Sequence[CourseQuestion]) -> None:
        while self.questions_box.count():
            item = self.questions_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.question_boxes = []
        for question in questions:
            label = QLabel(self.tr("Which course is “{answer}”?").format(answer=question.text)
                           if not question.candidates else
                           self.tr("“{answer}”: which class?").format(answer=question.text))
            label.setWordWrap(True)
            label.setStyleSheet("color: #a12a1d;")
            box = QComboBox()
            box.addItem(self.tr("(choose)"), None)
            offered = ([(c.code, c.title) for c in question.candidates]
                       if question.candidates else self.courses)
            for code, title in offered:
                box.addItem(f"{code} {title}", code)
            box.currentIndexChanged.connect(
                lambda _i, q=question, b=box: self.on_question_chosen(q, b))
            self.questions_box.addWidget(label)
            self.questions_box.addWidget(box)
            self.question_boxes.append((question, box))

    def on_box_current_index_changed(self, field: Field) -> None:
        self.column_chosen.emit(field.value, self.boxes[field].currentData())

    def on_question_chosen(self, question: CourseQuestion, box: QComboBox) -> None:
        code = box.currentData()
        if code:
            self.course_chosen.emit(question.text, code)
