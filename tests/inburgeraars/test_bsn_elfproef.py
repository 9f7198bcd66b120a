"""BSN elfproef and V-nummer (Wet algemene bepalingen BSN; Logius BSN specification)."""

import pytest

from koers.inburgeraars.rules import is_valid_bsn, is_valid_vnummer


def elfproef_by_hand(bsn: str) -> bool:
    """Independent statement of the elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 ≡ 0 (mod 11)."""
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(w * int(d) for w, d in zip(weights, bsn, strict=True)) % 11 == 0


@pytest.mark.parametrize(
    "bsn",
    [
        pytest.param("111222333", id="111222333"),
        pytest.param("123456782", id="123456782"),
        pytest.param("999999990", id="999999990"),
        pytest.param("010000008", id="leading-zero"),
    ],
)
def test_geldig_bsn_doorstaat_elfproef(bsn):
    assert elfproef_by_hand(bsn)
    assert is_valid_bsn(bsn) is True


@pytest.mark.parametrize(
    "bsn",
    [
        pytest.param("123456789", id="elfproef-fails"),
        pytest.param("111222334", id="last-digit-off-by-one"),
        pytest.param("000000000", id="all-zeros-never-issued"),
        pytest.param("12345678a", id="letter"),
        pytest.param("abcdefghi", id="only-letters"),
        pytest.param("12345678", id="8-digits"),
        pytest.param("1234567820", id="10-digits"),
        pytest.param(" 23456782", id="leading-space"),
        pytest.param("123-45-678", id="separators"),
        pytest.param("", id="empty"),
        pytest.param(None, id="none"),
        pytest.param(123456782, id="int-not-str"),
        pytest.param("１２３４５６７８２", id="fullwidth-digits"),
        pytest.param("12345678²", id="superscript-digit"),
    ],
)
def test_ongeldig_bsn_wordt_geweigerd(bsn):
    assert is_valid_bsn(bsn) is False


@pytest.mark.parametrize(
    ("vnummer", "geldig"),
    [
        pytest.param("1234567890", True, id="10-digits"),
        pytest.param("0000000001", True, id="leading-zeros"),
        pytest.param("123456789", False, id="9-digits"),
        pytest.param("12345678901", False, id="11-digits"),
        pytest.param("12345678a0", False, id="letter"),
        pytest.param("", False, id="empty"),
        pytest.param(None, False, id="none"),
        pytest.param("１２３４５６７８９０", False, id="fullwidth-digits"),
    ],
)
def test_vnummer_heeft_tien_cijfers(vnummer, geldig):
    assert is_valid_vnummer(vnummer) is geldig
