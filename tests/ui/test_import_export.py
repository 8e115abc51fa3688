"""Importing a sign-up form through the preview, and exporting the roster."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from frontdesk.store.models import Enrollment, Learner
from ui.roster.import_dialog import ImportDialog
from ui.roster.page import RosterPage

FORM = (
    "姓名,手机号码,报名课程\n"
    "王喆,13812345678,C0001\n"
    ",13812345679,C0001\n"  # no name
    "李娜,1381234,C0001\n"  # bad phone
    "赵敏,13912345678,不存在的课程\n"  # unknown course
    "周杰,13712345678,\n"
)


def _learners(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Learner))


def test_preview_shows_each_problem_and_import_writes_only_good_rows(qtbot, desk, tmp_path):
    source = tmp_path / "报名表.csv"
    source.write_bytes(FORM.encode("gbk"))  # as Excel on Chinese Windows saves it
    before = _learners(desk.store)
    dialog = ImportDialog(None, desk, source)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 5
    problems = [model.data(model.index(r, 8)) for r in range(5)]
    assert problems[0] == ""
    assert "姓名" in problems[1] or "name" in problems[1].lower()
    assert "手机号" in problems[2]
    assert "不存在的课程" in problems[3]
    assert dialog.import_button.text() == "导入 2 行"
    assert _learners(desk.store) == before  # the preview writes nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "2" in dialog.summary
    assert _learners(desk.store) == before + 2
    with desk.store.read() as s:
        wang = s.scalars(select(Learner).where(Learner.phone == "13812345678")).one()
        assert s.scalar(select(func.count()).where(Enrollment.learner_id == wang.id)) == 1


def _column(model, header: str) -> int:
    from PySide6.QtCore import Qt as _Qt

    headers = [model.headerData(c, _Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def test_the_preview_shows_the_mapping_ignored_columns_and_who_waits(
    qtbot, empty_desk, tmp_path, actor, now
):
    from frontdesk.roster.importer import Field
    from tests.domain import signup_forms as forms

    forms.add_courses(empty_desk.store, actor, now)
    dialog = ImportDialog(None, empty_desk, forms.wjx(tmp_path / "问卷星.xlsx"))
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.mapping
    assert panel.boxes[Field.PHONE].currentText() == "H 2、您的手机号码："
    assert panel.boxes[Field.SUBMITTED].currentText() == "B 提交答卷时间"
    assert panel.boxes[Field.NOTE].currentText() == "（不使用）"
    assert panel.notes[Field.PHONE].text() == "优先于 L 6、紧急联系人电话："
    assert panel.ignored_label.text() == (
        "未使用的列：A 序号、C 所用时间、D 来源、E 来源详情、F 来自IP、L 6、紧急联系人电话：")
    model = dialog.model
    fate, name = _column(model, "处理"), _column(model, "姓名")
    rows = [(model.data(model.index(r, name)), model.data(model.index(r, fate)))
            for r in range(model.rowCount())]
    assert rows == [("赵六", "有座位"), ("李四", "有座位"), ("王五", "有座位"),
                    ("孙八", "有座位"), ("孙八", "并入第 3 行"), ("张三", "候补"),
                    ("钱七", "候补")]
    assert dialog.warning_label.isHidden()
    dialog.grab().save(str(tmp_path / "import_preview.png"))
    # The clerk drops the phone column: the whole import is warned about.
    panel.boxes[Field.PHONE].setCurrentIndex(0)
    assert not dialog.warning_label.isHidden()
    assert "手机号" in dialog.warning_label.text()
    assert "H 2、您的手机号码：" in panel.ignored_label.text()
    assert panel.notes[Field.PHONE].text().endswith("手动选择")


def test_a_title_without_its_class_is_asked_about(qtbot, empty_desk, tmp_path, actor, now):
    from tests.domain import signup_forms as forms

    forms.add_courses(empty_desk.store, actor, now)
    people = [("张三", "13912345601", "男", "会计", ["AI+营销获客"], 1)]
    dialog = ImportDialog(None, empty_desk, forms.wjx(tmp_path / "a.xlsx", people))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    ((question, box),) = dialog.mapping.question_boxes
    assert question.text == "AI+营销获客"
    assert [box.itemText(i) for i in range(box.count())] == [
        "（请选择）", "MKT1 AI+营销获客（一班）", "MKT2 AI+营销获客（二班）"]
    box.setCurrentIndex(2)
    assert dialog.import_button.text() == "导入 1 行"
    assert dialog.model.data(dialog.model.index(0, _column(dialog.model, "课程"))) == (
        "AI+营销获客（二班）")
    assert dialog.mapping.question_boxes == []


def test_a_name_column_nobody_recognised_can_be_pointed_at(qtbot, empty_desk, tmp_path):
    from frontdesk.roster.importer import Field

    source = tmp_path / "名单.csv"
    source.write_text("学员,联系电话\n张三,13912345678\n李四,13712345678\n", encoding="utf-8")
    dialog = ImportDialog(None, empty_desk, source)
    qtbot.addWidget(dialog)
    assert not dialog.error_label.isHidden()
    assert "A 学员" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled()
    name_box = dialog.mapping.boxes[Field.NAME]
    assert dialog.mapping.isEnabled()
    assert dialog.mapping.boxes[Field.PHONE].currentText() == "B 联系电话"
    name_box.setCurrentIndex(name_box.findText("A 学员"))
    assert dialog.error_label.isHidden()
    assert dialog.import_button.text() == "导入 2 行"
    assert dialog.mapping.notes[Field.NAME].text() == "手动选择"


def test_a_file_that_is_not_a_spreadsheet_gets_a_message(qtbot, desk, tmp_path):
    junk = tmp_path / "photo.xlsx"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    dialog = ImportDialog(None, desk, junk)
    qtbot.addWidget(dialog)
    assert not dialog.error_label.isHidden()
    assert "不是电子表格" in dialog.error_label.text() or "表格" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled()


def test_export_from_the_roster_writes_an_xlsx(qtbot, desk, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "名册.xlsx"
    monkeypatch.setattr("ui.kit.export.choose_xlsx_path", lambda _parent, _name: target)
    page = RosterPage(desk)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "ok"
    assert str(target) in page.banner.text()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "姓名"
    assert len(rows) - 1 >= _learners(desk.store)
    assert all("****" in str(r[2]) for r in rows[1:] if r[2])  # phones stay masked


def test_export_to_an_unwritable_place_says_so(qtbot, desk, tmp_path, monkeypatch):
    target = tmp_path / "no-such-folder" / "x" / "名册.xlsx"
    (tmp_path / "no-such-folder").write_text("a file, not a folder")
    monkeypatch.setattr("ui.kit.export.choose_xlsx_path", lambda _parent, _name: target)
    page = RosterPage(desk)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "error"
    assert not Path(target).exists()
