"""Learner search: pinyin, initials, phone digits, names, codes, paging."""

from __future__ import annotations

import pytest

from frontdesk.roster.learners import LearnerInput, add_learner, update_learner
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
        ("小", {"王小明", "李小龙"}),  # 1–2 characters: the short keys
        ("小明", {"王小明"}),
        ("买提", {"阿依古丽·买买提"}),
        ("明王", set()),
        ("a", {"Anna Kowalska", "阿依古丽·买买提"}),  # ā, and a foreign name
        ("w", {"王喆", "王小明"}),
        ("lx", {"李小龙"}),
        ("15", {"阿依古丽·买买提"}),
        ("78", {"王喆", "王小明"}),  # the phone's last two digits
        ("9", {"阿依古丽·买买提"}),
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


def test_short_keys_follow_an_edit(roster, actor, now):
    """One or two characters find a learner by what the desk changed, not by
    what was there before."""
    with roster.write() as s:
        wz = search_learners(s, "wz")[0]
        update_learner(s, wz.id, LearnerInput("赵敏", "13612340000"), actor, now)
    with roster.read() as s:
        assert [r.name for r in search_learners(s, "敏")] == ["赵敏"]
        assert [r.name for r in search_learners(s, "zm")] == ["赵敏"]
        assert [r.name for r in search_learners(s, "00")] == ["赵敏"]
        assert "赵敏" not in {r.name for r in search_learners(s, "喆")}
        assert {r.name for r in search_learners(s, "wz")} == set()
        assert {r.name for r in search_learners(s, "78")} == {"王小明"}
