"""Sign-up exports as 问卷星, 腾讯问卷 and 金数据 really make them: columns mapped
by meaning, warnings on the whole import, courses read as people write them,
first come first served, and a person who answered twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.errors import DomainError
from frontdesk.roster.enrollment import course_enrollments
from frontdesk.roster.importer import Field, ImportPreview, commit_import, preview_import
from frontdesk.roster.sheet_headers import field_for_header, parse_map_option
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Course, Learner
from frontdesk.vocab import EnrollmentStatus
from tests.domain import signup_forms as forms


@pytest.fixture
def school(store: Store, actor: Actor, now: dt.datetime) -> Store:
    forms.add_courses(store, actor, now)
    return store


def preview(store: Store, path: Path, **kwargs: object) -> ImportPreview:
    with store.read() as session:
        return preview_import(session, path, **kwargs)  # type: ignore[arg-type]


def commit(store: Store, result: ImportPreview, actor: Actor, now: dt.datetime) -> None:
    with store.write() as session:
        commit_import(session, result, result.accepted_rows, actor, now, 30)


def mapping(result: ImportPreview) -> dict[str, str]:
    return {f.value: result.columns.describe(i) for f, i in result.columns.fields.items()}


FORMS: dict[str, tuple[Callable[[Path], Path], str, dict[str, str], list[str], list[str]]] = {
    # form: (builder, file name, field -> column, rival columns, ignored columns)
    "问卷星": (forms.wjx, "wjx.xlsx", {
        "submitted": "B 提交答卷时间", "name": "G 1、您的姓名：", "phone": "H 2、您的手机号码：",
        "gender": "I 3、您的性别：", "occupation": "J 4、您的职业：",
        "course": "K 5、您想报名的课程："},
        ["L 6、紧急联系人电话："],
        ["A 序号", "C 所用时间", "D 来源", "E 来源详情", "F 来自IP", "L 6、紧急联系人电话："]),
    "腾讯问卷": (forms.tencent, "tencent.csv", {
        "submitted": "C 结束答题时间", "name": "H 1.您的姓名",
        "phone": "I 2.请填写您的手机号（必填）", "gender": "J 3.性别",
        "occupation": "K 4.您所在的行业", "course": "L 5.报名课程（多选）"},
        [],
        ["A 编号", "B 开始答题时间", "D 答题时长", "E 地理位置国家和地区", "F 地理位置省",
         "G 地理位置市"]),
    "金数据": (forms.jinshuju, "jinshuju.xlsx", {
        "name": "B 姓名", "phone": "C 手机", "gender": "D 性别", "occupation": "E 工作单位",
        "course": "F 报名班级", "submitted": "H 提交时间"},
        ["M 微信性别"],
        ["A 序号", "G 提交人", "I 修改时间", "J 填写设备", "K 填写IP", "L 微信昵称",
         "M 微信性别"]),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_each_form_maps_every_field_and_lists_what_it_ignores(
    tmp_path: Path, school: Store, form: str
) -> None:
    build, name, fields, rivals, ignored = FORMS[form]
    result = preview(school, build(tmp_path / name))
    assert mapping(result) == fields
    assert [result.columns.describe(i) for f in Field
            for i in result.columns.rivals.get(f, ())] == rivals
    assert [result.columns.describe(i) for i in result.columns.ignored] == ignored
    assert result.warnings == ()


@pytest.mark.parametrize("form", list(FORMS))
def test_each_form_imports_in_submission_order_with_nothing_dropped(
    tmp_path: Path, school: Store, actor: Actor, now: dt.datetime, form: str
) -> None:
    build, name, *_ = FORMS[form]
    result = preview(school, build(tmp_path / name))
    # The preview lists everyone by submission time, not by row: who sits, who waits.
    order = [(r.values.name, r.accepted, sorted(c.code for c in r.courses),
              sorted(c.code for c in r.courses if c.id in r.waitlisted)) for r in result.rows]
    assert order == [
        ("赵六", True, ["GEM"], []),
        ("李四", True, ["GEM", "PIC"], []),
        ("王五", True, ["MKT1"], []),
        ("孙八", True, ["MKT2"], []),  # first answered at 9:20; the 9:50 answer is used
        ("孙八", False, [], []),  # the 9:20 answer, shown as replaced
        ("张三", True, ["GEM"], ["GEM"]),
        ("钱七", True, ["GEM", "OFF"], ["GEM"]),
    ]
    replaced = result.rows[4]
    assert replaced.replaced_by == result.rows[3].row
    assert [p.code for p in result.rows[3].problems] == ["answers_merged"]
    assert len(result.rows) == len(forms.PEOPLE)  # every row shown

    commit(school, result, actor, now)
    with school.read() as session:
        people = session.execute(select(Learner.name, Learner.phone, Learner.gender,
                                        Learner.occupation).order_by(Learner.id)).all()
        assert [tuple(p) for p in people] == [
            ("赵六", "13912345604", "女", "珠宝设计师"), ("李四", "13912345602", "女", "电商运营"),
            ("王五", "13912345603", "男", "牙医"), ("孙八", "13912345606", "男", "财务"),
            ("张三", "13912345601", "男", "会计"), ("钱七", "13912345605", "女", "财务")]
        gem = session.scalars(select(Course.id).where(Course.code == "GEM")).one()
        seats = course_enrollments(session, gem)
    assert {r.learner_name for r in seats if r.status is EnrollmentStatus.ENROLLED} == {
        "赵六", "李四"}
    assert [(r.learner_name, r.waitlist_position) for r in seats
            if r.status is EnrollmentStatus.WAITLISTED] == [("张三", 1), ("钱七", 2)]


def test_a_file_without_a_phone_column_warns_on_the_whole_import(
    tmp_path: Path, school: Store
) -> None:
    result = preview(school, forms.wjx(tmp_path / "nophone.xlsx", phone=False))
    assert [w.code for w in result.warnings] == ["no_phone_column"]
    assert "phone" not in mapping(result)
    assert "H 2、您的微信号：" in [result.columns.describe(i) for i in result.columns.ignored]
    # The emergency contact's phone is not taken for the learner's own.
    assert "L 6、紧急联系人电话：" in [result.columns.describe(i) for i in result.columns.ignored]


def test_a_file_without_a_course_column_says_rows_go_in_without_enrollment(
    tmp_path: Path, school: Store
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("姓名,手机\n张三,13912345678\n", encoding="utf-8")
    assert [w.code for w in preview(school, path).warnings] == ["no_course_column"]
    chosen = preview(school, path, default_course="PIC")
    assert chosen.warnings == ()
    assert [c.code for c in chosen.rows[0].courses] == ["PIC"]


def test_an_unknown_course_title_is_a_row_error_naming_it(tmp_path: Path, school: Store) -> None:
    people = [("张三", "13912345601", "男", "会计", ["AI+烹饪"], 1)]
    row = preview(school, forms.wjx(tmp_path / "u.xlsx", people)).rows[0]
    assert not row.accepted
    assert [(p.code, dict(p.details)) for p in row.problems] == [
        ("unknown_course", {"value": "AI+烹饪"})]


def test_a_title_without_its_class_asks_which_class(tmp_path: Path, school: Store) -> None:
    people = [("张三", "13912345601", "男", "会计", ["AI+营销获客"], 1),
              ("李四", "13912345602", "女", "会计", ["ai＋营销获客 (二班)"], 2)]
    path = forms.wjx(tmp_path / "a.xlsx", people)
    result = preview(school, path)
    first, second = result.rows
    assert [(p.code, dict(p.details)) for p in first.problems] == [("course_ambiguous", {
        "value": "AI+营销获客", "choices": "AI+营销获客（一班）、AI+营销获客（二班）"})]
    assert [c.code for c in second.courses] == ["MKT2"]  # widths, case and spaces aside
    assert [(q.text, [c.code for c in q.candidates]) for q in result.questions] == [
        ("AI+营销获客", ["MKT1", "MKT2"])]
    settled = preview(school, path, course_choices={"AI+营销获客": "MKT2"})
    assert [c.code for c in settled.rows[0].courses] == ["MKT2"]
    assert settled.questions == ()


def test_one_class_only_is_read_as_that_class_with_a_notice(
    tmp_path: Path, school: Store, actor: Actor, now: dt.datetime
) -> None:
    from frontdesk.roster.courses import CourseInput, add_course
    from frontdesk.vocab import FeeTier

    with school.write() as session:
        add_course(session, CourseInput(title="人形机器人应用【周末班】", fee_tier=FeeTier.FREE,
                                        capacity=30, code="BOT"), actor, now)
    people = [("张三", "13912345601", "男", "会计", ["人形机器人应用"], 1),
              ("李四", "13912345602", "女", "会计", ["办公软件应用"], 2)]
    robot, office = preview(school, forms.wjx(tmp_path / "o.xlsx", people)).rows
    assert [c.code for c in robot.courses] == ["BOT"]
    assert [(p.code, dict(p.details)) for p in robot.problems] == [("course_read_as", {
        "value": "人形机器人应用", "course_title": "人形机器人应用【周末班】"})]
    assert [c.code for c in office.courses] == []  # "（Word、Excel）" is no class
    assert [p.code for p in office.problems] == ["unknown_course"]


@pytest.mark.parametrize("answer", ["AI+珠宝设计┋AI+图片设计", "AI+珠宝设计,AI+图片设计",
                                    "AI+珠宝设计；AI+图片设计", "GEM, pic",
                                    "AI+珠宝设计|AI+图片设计"])
def test_several_courses_in_one_answer_are_one_enrollment_each(
    tmp_path: Path, school: Store, answer: str
) -> None:
    path = tmp_path / "m.csv"
    path.write_text(f'姓名,手机,报名课程\n张三,13912345678,"{answer}"\n', encoding="utf-8")
    assert [c.code for c in preview(school, path).rows[0].courses] == ["GEM", "PIC"]


def test_a_separator_inside_brackets_does_not_split(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "b.csv"
    path.write_text("姓名,手机,课程\n张三,13912345678,办公软件应用(Word、Excel)┋AI+图片设计\n",
                    encoding="utf-8")
    assert [c.code for c in preview(school, path).rows[0].courses] == ["OFF", "PIC"]


def test_a_field_can_be_pointed_at_any_column_and_is_remembered(
    tmp_path: Path, school: Store, actor: Actor, now: dt.datetime
) -> None:
    path = forms.wjx(tmp_path / "w.xlsx")
    # The clerk takes the emergency phone for the learner's, and drops the gender.
    chosen = preview(school, path, overrides={Field.PHONE: "L", Field.GENDER: None})
    assert mapping(chosen)["phone"] == "L 6、紧急联系人电话："
    assert "gender" not in mapping(chosen)
    assert "H 2、您的手机号码：" in [chosen.columns.describe(i) for i in chosen.columns.ignored]
    commit(school, chosen, actor, now)
    # Next week's export of the same form maps itself the same way.
    again = preview(school, forms.wjx(tmp_path / "next.xlsx"))
    assert again.sheet.remembered
    assert mapping(again) == mapping(chosen)
    # A different form is not affected.
    assert mapping(preview(school, forms.jinshuju(tmp_path / "j.xlsx")))["gender"] == "D 性别"


def test_a_column_can_be_named_by_letter_number_or_header(tmp_path: Path,
                                                          school: Store) -> None:
    path = forms.wjx(tmp_path / "w.xlsx")
    for ref in ("l", "12", "6、紧急联系人电话："):
        assert mapping(preview(school, path, overrides={Field.PHONE: ref}))["phone"] == (
            "L 6、紧急联系人电话：")
    with pytest.raises(DomainError) as refused:
        preview(school, path, overrides={Field.PHONE: "Z"})
    assert refused.value.code == "import_map_unknown_column"
    assert "H 2、您的手机号码：" in refused.value.details["columns"]


def test_map_options_as_typed_on_the_command_line() -> None:
    assert parse_map_option("手机=F") == (Field.PHONE, "F")
    assert parse_map_option("course = -") == (Field.COURSE, None)
    assert parse_map_option("提交时间=B") == (Field.SUBMITTED, "B")
    for bad in ("手机", "年龄=C"):
        with pytest.raises(DomainError) as refused:
            parse_map_option(bad)
        assert refused.value.code == "import_map_invalid"


@pytest.mark.parametrize(("header", "field"), [
    ("2、您的手机号码：", Field.PHONE), ("您的手机号码", Field.PHONE), ("联系方式", Field.PHONE),
    ("请填写您的手机号（必填）", Field.PHONE), ("Q3. Mobile phone*", Field.PHONE),
    ("5、您想报名的课程：", Field.COURSE), ("报名班级", Field.COURSE), ("意向班次", Field.COURSE),
    ("3、您的性别：", Field.GENDER), ("所在行业", Field.OCCUPATION),
    ("工作单位（选填）", Field.OCCUPATION), ("您的职业", Field.OCCUPATION),
    ("提交答卷时间", Field.SUBMITTED), ("1、您的姓名：", Field.NAME),
    ("紧急联系人电话", None), ("姓名拼音", None), ("序号", None), ("来自IP", None),
    ("所用时间", None), ("您的上班时间", None),
])
def test_headers_by_meaning(header: str, field: Field | None) -> None:
    assert field_for_header(header) is field
