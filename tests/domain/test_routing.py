"""Every window routes what came into a field the same way: this decides it."""

from __future__ import annotations

import pytest

from frontdesk.checkin.routing import ScanKind, is_scanned_code, is_whole_card, route
from frontdesk.checkin.tokens import make_token

TOKEN = make_token(bytes(32), "ABCDEFG", 2)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # typed by hand at a desk: pinyin, phone digits, a learner's code
        ("wz", ScanKind.LOOKUP), ("wangzhe", ScanKind.LOOKUP), ("Fang", ScanKind.LOOKUP),
        ("5678", ScanKind.LOOKUP), ("13812345678", ScanKind.LOOKUP),
        ("5GHEKGB", ScanKind.LOOKUP), ("ABCDEFG", ScanKind.LOOKUP), (" wz ", ScanKind.LOOKUP),
        # a learner card, whatever the keyboard did to it
        (TOKEN, ScanKind.CARD), (TOKEN.lower(), ScanKind.CARD),
        ("".join(chr(ord(c) + 0xFEE0) for c in TOKEN), ScanKind.CARD),  # an IME left on
        ("f1abc", ScanKind.CARD), ("Ｆ１ＡＢＣ", ScanKind.CARD),
        ("F2ABCDEFG", ScanKind.CARD),  # a newer card family: read, and refused as such
        # a certificate's code
        ("C1ABCDEF", ScanKind.CERTIFICATE), ("c1abc", ScanKind.CERTIFICATE),
        # anything else
        ("张伟", ScanKind.OTHER), ("王喆", ScanKind.OTHER), ("138 0013 8000", ScanKind.OTHER),
        ("https://u.wechat.com/x", ScanKind.OTHER),
        ("", ScanKind.EMPTY), ("   ", ScanKind.EMPTY),
    ],
)
def test_route_tells_cards_certificates_and_look_ups_apart(text, kind):
    assert route(text) is kind


@pytest.mark.parametrize("text", ["张伟", "zhangwei", "zw", "1380013", "138 0013 8000",
                                  "ABCDEFG", "Fang", "", "   "])
def test_a_search_box_searches_for_names_pinyin_phone_digits_and_codes(text):
    assert not is_scanned_code(text)


@pytest.mark.parametrize("text", [TOKEN, "f1abc", "Ｆ１ＡＢＣ", "C1ABCDEF", "F2ABCDEFG"])
def test_a_search_box_reads_our_code_families_as_scans(text):
    assert is_scanned_code(text)


def test_a_whole_card_without_enter_is_a_scan_a_part_of_one_is_not():
    assert is_whole_card(TOKEN)
    assert not is_whole_card(TOKEN[:-3])
    assert not is_whole_card("wangzhe")
