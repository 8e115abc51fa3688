"""Learner-card tokens: their shape, reading them back, and what is refused."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.checkin.tokens import (
    CERTIFICATE_PREFIXES,
    LEARNER_PREFIX,
    MAX_CARD_VERSION,
    TOKEN_LENGTH,
    ParsedToken,
    TokenProblem,
    make_token,
    normalise_scan,
    parse_token,
    sign,
)
from frontdesk.roster.learners import CODE_ALPHABET

SECRET = bytes(range(32))
codes = st.text(alphabet=CODE_ALPHABET, min_size=7, max_size=7)
versions = st.integers(min_value=1, max_value=MAX_CARD_VERSION)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(codes, versions)
def test_a_token_is_short_upper_case_letters_and_digits(code, version):
    token = make_token(SECRET, code, version)
    assert len(token) == TOKEN_LENGTH <= 32
    assert token.startswith(LEARNER_PREFIX)
    assert set(token) <= set(string.ascii_uppercase + string.digits)


@given(codes, versions)
def test_a_token_reads_back_to_its_learner_and_card(code, version):
    token = make_token(SECRET, code, version)
    assert parse_token(SECRET, token) == ParsedToken(code, version, token)


@given(codes, versions, st.sampled_from([str.lower, str.upper, full_width, str.swapcase]),
       st.sampled_from(["", " ", "\t", "\r\n", "\u3000", "\u200b", "\ufeff "]))
def test_keyboard_accidents_are_undone(code, version, change, pad):
    token = make_token(SECRET, code, version)
    assert parse_token(SECRET, pad + change(token) + pad) == ParsedToken(code, version, token)


def test_version_one_and_two_give_different_tokens():
    assert make_token(SECRET, "ABCDEFG", 1) != make_token(SECRET, "ABCDEFG", 2)


@pytest.mark.parametrize(("code", "version"), [("ABCDEF", 1), ("ABCDEF0", 1), ("ABCDEFG", 0),
                                                 ("ABCDEFG", MAX_CARD_VERSION + 1)])
def test_nothing_unreadable_is_ever_made(code, version):
    with pytest.raises(ValueError):
        make_token(SECRET, code, version)


def test_each_problem_is_told_apart():
    token = make_token(SECRET, "ABCDEFG", 3)
    assert parse_token(SECRET, "") is TokenProblem.EMPTY
    assert parse_token(SECRET, "   ") is TokenProblem.EMPTY
    assert parse_token(SECRET, "6901234567892") is TokenProblem.FOREIGN  # a barcode
    assert parse_token(SECRET, "王芳") is TokenProblem.FOREIGN
    for prefix in CERTIFICATE_PREFIXES:
        assert parse_token(SECRET, prefix + "ABCDEFGH234567") is TokenProblem.CERTIFICATE
    assert parse_token(SECRET, "F2" + token[2:]) is TokenProblem.UNSUPPORTED
    assert parse_token(SECRET, token[:-1]) is TokenProblem.MALFORMED  # cut short
    assert parse_token(SECRET, token + token) is TokenProblem.RUN_TOGETHER  # no Enter between
    assert parse_token(SECRET, token + token[:10]) is TokenProblem.MALFORMED  # not two whole
    assert parse_token(SECRET, (token * 12)) is TokenProblem.RUN_TOGETHER  # past MAX_SCAN
    assert parse_token(SECRET, token[:5] + "0" + token[6:]) is TokenProblem.MALFORMED
    assert parse_token(b"other school", token) is TokenProblem.BAD_SIGNATURE


def test_swapping_the_code_or_the_version_breaks_the_signature():
    token = make_token(SECRET, "ABCDEFG", 1)
    other_code = token[:2] + "ABCDEFH" + token[9:]
    newer_card = token[:9] + "24" + token[11:]
    assert parse_token(SECRET, other_code) is TokenProblem.BAD_SIGNATURE
    assert parse_token(SECRET, newer_card) is TokenProblem.BAD_SIGNATURE


@given(codes, versions, st.data())
def test_any_changed_character_is_refused(code, version, data):
    token = make_token(SECRET, code, version)
    index = data.draw(st.integers(min_value=0, max_value=len(token) - 1))
    replacement = data.draw(st.sampled_from(CODE_ALPHABET + "01FCOIL"))
    changed = token[:index] + replacement + token[index + 1:]
    result = parse_token(SECRET, changed)
    if changed == token:
        assert isinstance(result, ParsedToken)
    else:
        assert not isinstance(result, ParsedToken)


@given(st.text(max_size=600))
def test_any_text_gives_a_problem_or_a_genuine_token_and_never_raises(text):
    result = parse_token(SECRET, text)
    assert isinstance(result, ParsedToken | TokenProblem)
    if isinstance(result, ParsedToken):
        assert make_token(SECRET, result.code, result.card_version) == normalise_scan(text)


def test_certificate_codes_and_learner_cards_do_not_share_signatures():
    payload = "ABCDEFG23"
    assert sign(SECRET, b"frontdesk/learner-card", payload) != sign(SECRET, b"certificate",
                                                                      payload)
    assert len(sign(SECRET, b"x", payload, chars=10)) == 10
