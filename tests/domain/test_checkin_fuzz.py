"""Throwing bad scans at the check-in service (Hypothesis).

Truncated, mutated, re-cased, full-width, concatenated and random texts:
no exception escapes, nothing but a genuine token (after the keyboard
accidents a scanner makes are undone) is ever accepted, and a refused scan
writes its scan-log row and nothing else.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.checkin.scan import Outcome
from frontdesk.checkin.tokens import make_token, normalise_scan
from frontdesk.roster.learners import CODE_ALPHABET
from frontdesk.store.engine import Store, open_store
from tests.conftest import FIXED_NOW
from tests.domain.checkin_fixtures import Evening, counts, local, make_evening, scan

NAMES = ("王芳", "李强", "孙艳", "张伟", "陈静", "刘敏", "吴军", "赵涛")
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def school(template_path, tmp_path_factory) -> Iterator[tuple[Store, Evening]]:
    path = tmp_path_factory.mktemp("fuzz") / "store.sqlite3"
    shutil.copyfile(template_path, path)
    store = open_store(path)
    evening = make_evening(store, FIXED_NOW)
    yield store, evening
    store.dispose()


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def damaged(draw: st.DrawFn, evening: Evening) -> str:
    token = evening.token(draw(st.sampled_from(NAMES)))
    other = evening.token(draw(st.sampled_from(NAMES)))
    kind = draw(st.sampled_from(["cut", "swap", "insert", "delete", "join", "join_spaced",
                                 "forge", "recase", "wide", "pad", "old_card"]))
    i = draw(st.integers(min_value=0, max_value=len(token) - 1))
    ch = draw(st.sampled_from(CODE_ALPHABET + "01OIL fF\u3000\x00é中"))
    if kind == "cut":
        return token[:i]
    if kind == "swap":
        return token[:i] + ch + token[i + 1:]
    if kind == "insert":
        return token[:i] + ch + token[i:]
    if kind == "delete":
        return token[:i] + token[i + 1:]
    if kind == "join":
        return token + other
    if kind == "join_spaced":
        return token + draw(st.sampled_from(["\n", " ", "\t", "\r"])) + other
    if kind == "forge":
        tail = draw(st.text(alphabet=CODE_ALPHABET, min_size=16, max_size=16))
        return token[:-16] + tail
    if kind == "recase":
        return draw(st.sampled_from([str.lower, str.swapcase, str.title]))(token)
    if kind == "wide":
        return full_width(token)
    if kind == "pad":
        return draw(st.sampled_from([" ", "\r\n", "\t", "\u3000"])) + token + "\n"
    return make_token(evening.secret, evening.codes[NAMES[i % len(NAMES)]], 2)


def check_one(store: Store, evening: Evening, text: str) -> None:
    genuine = {evening.token(name): name for name in NAMES}
    before = counts(store)
    result = scan(store, text, local(19, 5))  # raising here fails the test
    after = counts(store)
    normalised = normalise_scan(text)
    if result.recorded:
        assert normalised in genuine, f"accepted {text!r}"
        assert result.learner_name == genuine[normalised]
        assert after == {**before, "attendance": before["attendance"] + 1,
                         "audit_event": before["audit_event"] + 1}
    else:
        assert after == {**before, "scan_log": before["scan_log"] + 1}, f"wrote for {text!r}"
    if normalised not in genuine:
        assert result.outcome in (Outcome.NOT_OUR_CODE, Outcome.CERTIFICATE,
                                  Outcome.UNKNOWN_LEARNER)
        assert result.learner_id is None


@FUZZ
@given(data=st.data())
def test_damaged_tokens(school, data):
    store, evening = school
    check_one(store, evening, data.draw(damaged(evening)))


@FUZZ
@given(text=st.text(max_size=80))
def test_random_text(school, text):
    store, evening = school
    check_one(store, evening, text)


@FUZZ
@given(text=st.text(alphabet=CODE_ALPHABET + "F1C", min_size=20, max_size=34))
def test_random_text_that_looks_like_ours(school, text):
    store, evening = school
    check_one(store, evening, "F1" + text)


@FUZZ
@given(text=st.binary(max_size=60))
def test_bytes_a_confused_scanner_might_type(school, text):
    store, evening = school
    check_one(store, evening, text.decode("latin-1"))


def test_every_learner_scanned_in_every_disguise_is_checked_in_once(school):
    store, evening = school
    for name in NAMES:
        token = evening.token(name)
        for disguise in (token.lower(), full_width(token), f" {token}\r\n", token):
            check_one(store, evening, disguise)
