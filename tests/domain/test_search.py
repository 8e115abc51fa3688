"""Learner search: pinyin, initials, phone digits, names, codes, paging."""

from __future__ import annotations

import pytest

from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.roster.search import search_learners

PEOPLE = [
    ("王喆", "13812345678"),
    ("王小明", "13900005678"),
    ("李小龙", "13700001234"),
    ("阿依古丽·买买提", "15800009999"),
    ("Anna Kowalska", None),
]


@pytest.fixture
def roster(store, actor, now):
    with store.write() as s:
        for name, phone in PEOPLE:
            add_learner(s, LearnerInput(name, phone), actor, now)
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wz", {"王喆"}),
        ("WANGZHE", {"王喆"}),
        ("wang", {"王喆", "王小明"}),
        ("ｗｚ", {"王喆"}),  # full-width, as a Chinese IME leaves it
        ("王", {"王喆", "王小明"}),
        ("小", {"王小明", "李小龙"}),  # 1–2 characters: bounded scan
        ("古丽·买", {"阿依古丽·买买提"}),  # 3+: trigram index
        ("5678", {"王喆", "王小明"}),  # last digits of the phone
        ("1381", {"王喆"}),  # first digits
        ("anna", {"Anna Kowalska"}),
        ("zzz", set()),
        ("%", set()),
        ("", {name for name, _ in PEOPLE}),
    ],
)
def test_search_finds_what_desk_staff_type(roster, query, expected):
    with roster.read() as s:
        assert {r.name for r in search_learners(s, query)} == expected


def test_search_by_card_code(roster):
    with roster.read() as s:
        code = search_learners(s, "wz")[0].code
        assert [r.name for r in search_learners(s, code.lower())] == ["王喆"]


def test_paging_returns_every_row_once(store, actor, now):
    with store.write() as s:
        for i in range(25):
            add_learner(s, LearnerInput(f"王{chr(0x4E00 + i)}"), actor, now)
    seen: list[int] = []
    with store.read() as s:
        after = 0
        while page := search_learners(s, "wang", after_id=after, limit=10):
            seen += [r.id for r in page]
            after = page[-1].id
    assert len(seen) == 25 == len(set(seen))
