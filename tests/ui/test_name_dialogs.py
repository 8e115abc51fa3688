"""Names pasted into the learner and instructor dialogs: invisible characters
are taken out with a notice before anything is saved; control and
text-direction characters are refused; nothing is written until the name is
clean."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import func, select

from frontdesk.store.models import Instructor, Learner
from ui.courses.instructors import InstructorDialog
from ui.roster.learner_dialog import LearnerDialog


def _paste(edit, text: str) -> None:
    """As a desk clerk pastes a name copied from a web sign-up list."""
    edit.clear()
    QApplication.clipboard().setText(text)
    edit.paste()


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def _count(desk, model) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(("pasted", "character"), [
    ("吴\u00ad六", "U+00AD"), ("吴\u200b六", "U+200B"), ("吴\ufeff六", "U+FEFF"),
    ("吴\u200d六", "U+200D"),
])
def test_invisible_characters_are_removed_with_a_notice_then_saved(qtbot, empty_desk, tmp_path,
                                                                   pasted, character):
    dialog = LearnerDialog(None, empty_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    _paste(dialog.name_edit, pasted)
    _ok(qtbot, dialog)
    assert dialog.name_edit.text() == "吴六"  # the user sees what will be stored
    assert not dialog.error_label.isHidden()
    assert "已删除姓名中的不可见字符" in dialog.error_label.text()
    assert character in dialog.error_label.text()
    assert _count(empty_desk, Learner) == 0  # nothing saved before they saw it
    if character == "U+00AD":
        dialog.grab().save(str(tmp_path / "learner_dialog_notice.png"))
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    with empty_desk.store.read() as s:
        assert s.scalars(select(Learner.name)).one() == "吴六"


@pytest.mark.parametrize("pasted", ["吴\x1b[31m六", "吴\x07六", "\u202e六吴", "吴\u2066六\u2069",
                                    "吴\x85六"])
def test_control_and_direction_characters_are_refused(qtbot, empty_desk, pasted):
    dialog = LearnerDialog(None, empty_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    _paste(dialog.name_edit, pasted)
    _ok(qtbot, dialog)
    assert "不可见的控制字符" in dialog.error_label.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _count(empty_desk, Learner) == 0
    _paste(dialog.name_edit, "吴六")
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _count(empty_desk, Learner) == 1


def test_everything_else_of_a_name_is_kept(qtbot, empty_desk):
    dialog = LearnerDialog(None, empty_desk)
    qtbot.addWidget(dialog)
    _paste(dialog.name_edit, "阿依古丽・买买提𠀋 Zoë")
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    with empty_desk.store.read() as s:
        assert s.scalars(select(Learner.name)).one() == "阿依古丽·买买提𠀋 Zoë"


def test_the_instructor_dialog_cleans_the_same_way(qtbot, empty_desk):
    dialog = InstructorDialog(None, empty_desk)
    qtbot.addWidget(dialog)
    _paste(dialog.name_edit, "林\u202e振华")
    _ok(qtbot, dialog)
    assert "不可见的控制字符" in dialog.error_label.text()
    _paste(dialog.name_edit, "林\u200b振华")
    _ok(qtbot, dialog)
    assert dialog.name_edit.text() == "林振华" and "U+200B" in dialog.error_label.text()
    assert _count(empty_desk, Instructor) == 0
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    with empty_desk.store.read() as s:
        assert s.scalars(select(Instructor.name)).one() == "林振华"
