"""The one amount parser: what it takes, what it refuses, what it suggests."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from frontdesk.errors import DomainError
from frontdesk.money import format_fen, parse_amount, parse_amount_or_zero, parse_counted_cash

MAX_FEN = 10**11 - 1  # ¥999,999,999.99

# The accepted language, written independently of the parser: optional ¥ or
# 元, ASCII or full-width digits, groups of exactly three after a comma, and
# at most two decimals.
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       "．": ".", "，": ",", "￥": "¥", "\u3000": " "})
_LANGUAGE = re.compile(
    r"^\s*(?:¥\s*)?(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]{1,2})?(?:\s*元)?\s*$")


def _value_of(text: str) -> int:
    number = re.sub(r"[^0-9.]", "", text.translate(_FOLD))
    whole, _, cents = number.partition(".")
    return int(whole) * 100 + int(cents.ljust(2, "0"))


@given(st.integers(min_value=1, max_value=MAX_FEN), st.sampled_from(["¥", "", "￥"]),
       st.booleans(), st.booleans())
@example(fen=1, symbol="", full_width=False, yuan=False)
@example(fen=MAX_FEN, symbol="¥", full_width=True, yuan=True)
def test_every_formatted_amount_reads_back(fen, symbol, full_width, yuan):
    text = format_fen(fen, symbol=symbol if symbol != "￥" else "¥")
    if symbol == "￥":
        text = text.replace("¥", "￥")
    if full_width:
        text = "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in text)
    if yuan:
        text += "元"
    assert parse_amount(text) == fen
    assert parse_counted_cash(text) == fen


_ALPHABET = st.sampled_from([*"0123456789,. ¥元-", "０", "５", "．", "，", "￥", "٣", "५",
                             "²", "\u3000", "e", "\u200b"])


@given(st.text(_ALPHABET, max_size=14))
@example("2,5")
@example("2 50")
@example("7,50")
@example("1,2345")
@example("١٢٣")
def test_nothing_else_is_accepted(text):
    try:
        fen = parse_amount_or_zero(text)
    except DomainError as error:
        assert error.code.startswith("amount_")
        if error.code == "amount_did_you_mean":
            # A suggestion is itself an amount the parser takes.
            assert parse_amount_or_zero(error.details["suggestion"]) >= 0
        return
    assert _LANGUAGE.match(text.translate(_FOLD)), f"{text!r} was accepted"
    assert fen == _value_of(text)


@pytest.mark.parametrize(("typed", "fen"), [
    ("1,250", 125_000), ("1,250.50", 125_050), ("12,345,678.9", 1_234_567_890),
    ("300元", 30_000), ("￥ 300", 30_000), ("１，２５０", 125_000), ("0250", 25_000),
])
def test_whole_groups_of_three_are_thousands(typed, fen):
    assert parse_amount(typed) == fen


@pytest.mark.parametrize(("typed", "suggestion"), [
    ("7,50", "7.50"), ("2,5", "2.50"), ("1.250,50", "1,250.50"), ("1 250", "1,250"),
    ("12,50,000", "1,250,000"), ("٣٠٠", "300"), ("३००.५", "300.50"), (".5", "0.50"),
])
def test_separators_elsewhere_are_refused_with_the_likely_amount(typed, suggestion):
    with pytest.raises(DomainError) as err:
        parse_amount(typed)
    assert err.value.code == "amount_did_you_mean"
    assert err.value.details == {"value": typed, "suggestion": suggestion}


@pytest.mark.parametrize(("typed", "code"), [
    ("2 50", "amount_bad_separator"), ("1,2345", "amount_bad_separator"),
    (",250", "amount_bad_separator"), ("1,250,5", "amount_bad_separator"),
    ("٣x", "amount_foreign_digits"), ("²", "amount_not_a_number"),
    ("1234567890", "amount_too_large"), ("1,250.505", "amount_too_many_decimals"),
    ("¥-5", "amount_negative"), ("3\u200b00", "amount_not_a_number"),
])
def test_other_forms_are_refused(typed, code):
    with pytest.raises(DomainError) as err:
        parse_amount(typed)
    assert err.value.code == code


def test_the_suggestion_is_in_the_message_in_both_languages():
    from frontdesk.messages import describe

    with pytest.raises(DomainError) as err:
        parse_amount("7,50")
    english = describe(err.value.code, err.value.details, "en")
    chinese = describe(err.value.code, err.value.details, "zh_CN")
    assert "did you mean 7.50?" in english
    assert "7.50" in chinese and chinese != english


# The command line takes amounts through the same parser -----------------------------


@pytest.mark.parametrize(("args", "words"), [
    (["pay", "--method", "cash", "--amount", "7,50"], "did you mean 7.50?"),
    (["pay", "--method", "cash", "--amount", "2 50"], "a comma or space is out of place"),
    (["pay", "--method", "cash", "--amount", "٣٠٠"], "did you mean 300?"),
    (["waive", "--reason", "other", "--amount", "1,2345"], "a comma or space is out of place"),
    (["cashup", "--close", "1.250,50"], "did you mean 1,250.50?"),
])
def test_the_command_line_refuses_a_doubtful_amount_and_writes_nothing(store, actor, now,
                                                                      capsys, args, words):
    from frontdesk.cli import main
    from tests.domain.fees_fixtures import footprint, make_school

    school = make_school(store, actor, now)
    before = footprint(store)
    if args[0] in ("pay", "waive"):
        args = [*args, "--learner", school.learner_codes[0], "--course", school.inclusive_code]
    assert main(["--db", str(store.sqlite_path), "--lang", "en", *args]) == 2
    assert words in capsys.readouterr().err
    assert footprint(store) == before
