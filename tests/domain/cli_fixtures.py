"""A small school for the command-line tests, built once and copied per test.

Tuesday 2026-12-01 in Shenzhen:

=====  ====================  ==============================  ==========================
code   course                lessons (local time)            who
=====  ====================  ==============================  ==========================
C0001  AI+图片设计 (¥300)     2026-12-01 19:00–21:00           王𠀋 (owes ¥300), 李娜 (paid)
C0002  办公软件应用 (free)    2026-11-24 19:00–21:00 (over)    王𠀋 (came)
C0003  新媒体运营 (free)      2026-11-24, and 2099-01-01       nobody (a course still running)
=====  ====================  ==============================  ==========================

王𠀋's second character is in CJK Extension B: no GBK console can show it.
With ``accounts``, the school has an admin (boss), a cashier (cash) and a
desk (desk1), all with the password ``PASSWORD``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from frontdesk.checkin.scan import check_in
from frontdesk.checkin.tokens import make_token
from frontdesk.fees.ledger import take_payment
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.settings import school_secret
from frontdesk.staff.accounts import add_staff, create_first_admin
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store
from frontdesk.vocab import FeeTier, StaffRole
from tests.domain.keys_fixtures import signer_of

SHENZHEN = ZoneInfo("Asia/Shanghai")
BUILT = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
PASSWORD = "secret-2026"
NAME = "王𠀋"  # 𠀋 is U+2000B
USERS = {StaffRole.ADMIN: "boss", StaffRole.CASHIER: "cash", StaffRole.DESK: "desk1"}
CHECKIN_AT = "2026-12-01T19:05"
# typed in days after the lesson (the tests run on the real clock): a late entry
CHECKIN = ("--at", CHECKIN_AT, "--late-reason", "paper_sheet")
SCHOOL_AT = "2026-12-02T12:00"  # --at for certificates and reports


def local(day: int, hour: int, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=SHENZHEN).astimezone(dt.UTC)


@dataclass(frozen=True)
class CliSchool:
    path: Path
    token: str  # 王𠀋's card
    code: str  # 王𠀋's learner code
    paid_code: str  # 李娜's
    payment_entry: int  # 李娜's ¥300 payment
    lesson_id: int  # C0001's lesson tonight
    import_file: Path  # a sign-up sheet of one learner, beyond GBK too
    staff_ids: dict[StaffRole, int]

    def copy(self, target: Path) -> Path:
        shutil.copyfile(self.path, target)
        return target


def build_cli_school(folder: Path, *, accounts: bool) -> CliSchool:
    path = folder / "school.sqlite3"
    store = open_store(path)
    try:
        school = _fill(store, path, folder)
        with store.write() as s:  # the school's signing key, kept with a known passphrase
            signer_of(s)
        staff = _accounts(store) if accounts else {}
    finally:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.dispose()
    return CliSchool(**{**school.__dict__, "staff_ids": staff})


def _fill(store: Store, path: Path, folder: Path) -> CliSchool:
    desk = Actor(desk="前台1")
    with store.write() as s:
        secret = school_secret(s)
        paid = add_course(s, CourseInput("AI+图片设计", FeeTier.INCLUSIVE, capacity=30,
                                         market_price_fen=100_000, code="C0001"), desk, BUILT)
        free = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=30,
                                         code="C0002"), desk, BUILT)
        running = add_course(s, CourseInput("新媒体运营", FeeTier.FREE, capacity=30,
                                            code="C0003"), desk, BUILT)
        add_lesson(s, running.id, local(24, 19, 11), local(24, 21, 11), desk, BUILT)
        add_lesson(s, running.id, dt.datetime(2099, 1, 1, 11, tzinfo=dt.UTC),
                   dt.datetime(2099, 1, 1, 13, tzinfo=dt.UTC), desk, BUILT)
        lesson = add_lesson(s, paid.id, local(1, 19), local(1, 21), desk, BUILT)
        past = add_lesson(s, free.id, local(24, 19, 11), local(24, 21, 11), desk, BUILT)
        wang = add_learner(s, LearnerInput(NAME, "13812345678"), desk, BUILT)
        li = add_learner(s, LearnerInput("李娜", "13912345678"), desk, BUILT)
        enroll(s, wang.id, paid.id, 30, desk, BUILT)
        enroll(s, wang.id, free.id, 30, desk, BUILT)
        seat = enroll(s, li.id, paid.id, 30, desk, BUILT).enrollment_id
        payment = take_payment(s, seat, 30_000, "cash", desk, BUILT)
        check_in(s, make_token(secret, wang.code, 1), local(24, 19, 11), desk,
                 desk_lesson_id=past.id)
    sheet = folder / "报名表.csv"
    sheet.write_text("姓名,手机号,课程\n张𠀋,13712345678,C0002\n", encoding="utf-8-sig")
    return CliSchool(path, make_token(secret, wang.code, 1), wang.code, li.code,
                     payment.entry_id, lesson.id, sheet, {})


def _accounts(store: Store) -> dict[StaffRole, int]:
    with store.write() as s:
        boss = create_first_admin(s, USERS[StaffRole.ADMIN], "周校长", PASSWORD, BUILT,
                                  desk="前台1")
        ids = {StaffRole.ADMIN: boss.staff_id}
        for role in (StaffRole.CASHIER, StaffRole.DESK):
            ids[role] = add_staff(s, USERS[role], f"{role.value}员", role, PASSWORD,
                                  boss.actor("前台1"), BUILT).id
    return ids
