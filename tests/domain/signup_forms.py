"""Sign-up exports of our own making, shaped like what 问卷星, 腾讯问卷 and 金数据
really export: their header styles, their metadata columns, their
multiple-choice separators and their submission times.

The rows are deliberately not in submission order (a clerk sorted the sheet),
and one person answers twice.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.vocab import FeeTier

# (title, code, capacity)
COURSES = [("AI+营销获客（一班）", "MKT1", 30), ("AI+营销获客（二班）", "MKT2", 30),
           ("AI+珠宝设计", "GEM", 2), ("AI+图片设计", "PIC", 30),
           ("办公软件应用（Word、Excel）", "OFF", 30)]


def add_courses(store: Store, actor: Actor, now: dt.datetime) -> None:
    with store.write() as session:
        for title, code, capacity in COURSES:
            add_course(session, CourseInput(title=title, fee_tier=FeeTier.FREE,
                                            capacity=capacity, code=code), actor, now)


# Each person: (name, phone, gender, occupation, courses, minutes after 09:00)
PEOPLE = [
    ("张三", "13912345601", "男", "会计", ["AI+珠宝设计"], 30),
    ("李四", "13912345602", "女", "电商运营", ["AI+珠宝设计", "AI+图片设计"], 5),
    ("王五", "13912345603", "男", "牙医", ["AI+营销获客(一班)"], 12),
    ("赵六", "13912345604", "女", "珠宝设计师", ["AI+珠宝设计"], 1),
    ("钱七", "13912345605", "女", "财务", ["AI+珠宝设计", "办公软件应用(Word、Excel)"], 45),
    # 孙八 answers twice: first for 图片设计 as 会计, then 营销获客（二班） as 财务.
    ("孙八", "13912345606", "男", "会计", ["AI+图片设计"], 20),
    ("孙八", "13912345606", "男", "财务", ["AI+营销获客（二班）"], 50),
]
# Not in time order: sorted by name, as a clerk might leave it.
FILE_ORDER = sorted(range(len(PEOPLE)), key=lambda i: (PEOPLE[i][0], PEOPLE[i][5]))
FIRST = dt.datetime(2026, 11, 20, 9, 0, 0)


def _write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def wjx(path: Path, people: Sequence[tuple[str, str, str, str, list[str], int]] = PEOPLE,
        *, phone: bool = True) -> Path:
    """问卷星's "按选项文本下载" .xlsx: numbered questions with colons, metadata
    columns first, times as text, multiple choices joined with ┋, and an
    emergency contact's phone beside the learner's own."""
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的姓名：",
              "2、您的手机号码：", "3、您的性别：", "4、您的职业：", "5、您想报名的课程：",
              "6、紧急联系人电话："]
    if not phone:
        header[7] = "2、您的微信号："
    rows: list[list[object]] = [header]
    for number, i in enumerate(FILE_ORDER if people is PEOPLE else range(len(people)), 1):
        name, mobile, gender, job, courses, minutes = people[i]
        when = FIRST + dt.timedelta(minutes=minutes, seconds=number)
        rows.append([number, f"{when:%Y/%m/%d} {when.hour}:{when:%M:%S}", f"{60 + number}秒",
                     "微信", "N/A", f"113.87.{number}.9(广东-深圳)", name,
                     mobile if phone else f"wx_{mobile[-4:]}", gender, job, "┋".join(courses),
                     "13800000000"])
    return _write_xlsx(path, rows)


def tencent(path: Path) -> Path:
    """腾讯问卷's CSV (UTF-8 with BOM): 编号, start and end times, answer time,
    place, then questions numbered "1." with （多选） on the multiple choice,
    whose answers are joined with commas."""
    header = ["编号", "开始答题时间", "结束答题时间", "答题时长", "地理位置国家和地区",
              "地理位置省", "地理位置市", "1.您的姓名", "2.请填写您的手机号（必填）", "3.性别",
              "4.您所在的行业", "5.报名课程（多选）"]
    lines = [header]
    for number, i in enumerate(FILE_ORDER, 1):
        name, mobile, gender, job, courses, minutes = PEOPLE[i]
        end = FIRST + dt.timedelta(minutes=minutes)
        start = end - dt.timedelta(minutes=3)
        lines.append([str(number), f"{start:%Y-%m-%d %H:%M:%S}", f"{end:%Y-%m-%d %H:%M:%S}",
                      "180", "中国", "广东省", "深圳市", name, mobile, gender, job,
                      ",".join(courses)])
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(lines)
    return path


def jinshuju(path: Path) -> Path:
    """金数据's .xlsx: answers first with plain headers (工作单位, 报名班级),
    then its own columns after them — 提交人, 提交时间 as real date cells,
    填写设备, IP, 微信昵称 and 微信性别 — and multiple choices joined with ;."""
    header = ["序号", "姓名", "手机", "性别", "工作单位", "报名班级", "提交人", "提交时间",
              "修改时间", "填写设备", "填写IP", "微信昵称", "微信性别"]
    rows: list[list[object]] = [header]
    for number, i in enumerate(FILE_ORDER, 1):
        name, mobile, gender, job, courses, minutes = PEOPLE[i]
        when = FIRST + dt.timedelta(minutes=minutes)
        rows.append([number, name, int(mobile), gender, job, ";".join(courses), "匿名", when,
                     when, "iPhone", "113.87.1.9", f"微信用户{number}", "未知"])
    return _write_xlsx(path, rows)
