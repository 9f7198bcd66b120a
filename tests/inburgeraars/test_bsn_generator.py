"""The one BSN generator (``bsn_met_controlecijfer``, ``bsns_vanaf``) gives valid BSNs and
exactly the numbers the demo, the scale seed, the factories and the benchmarks always had:
the DUO simulator's demo scenario and many tests name these BSNs literally."""

import itertools
import random

import pytest

from koers.demo import personen as demo_personen
from koers.demo import schaal
from koers.inburgeraars.rules import (
    BSN_GEWICHTEN,
    bsn_met_controlecijfer,
    bsns_vanaf,
    is_valid_bsn,
)
from tests.factories import valid_bsn

# Computed with the separate generators these replaced, before the change.
FACTORIES = [
    "100000009",
    "100000010",
    "100000022",
    "100000034",
    "100000046",
    "100000058",
    "100000071",
    "100000083",
    "100000095",
    "100000101",
    "100000113",
    "100000125",
    "100000137",
    "100000149",
    "100000150",
    "100000162",
    "100000174",
    "100000186",
    "100000198",
    "100000204",
]
DEMO = [
    "999990007",
    "999990019",
    "999990020",
    "999990032",
    "999990044",
    "999990056",
    "999990068",
    "999990081",
    "999990093",
    "999990111",
    "999990123",
    "999990135",
    "999990147",
    "999990159",
    "999990160",
    "999990172",
    "999990184",
    "999990196",
    "999990202",
    "999990214",
    "999990226",
    "999990238",
    "999990251",
    "999990263",
    "999990275",
    "999990287",
    "999990299",
    "999990305",
    "999990317",
    "999990329",
    "999990330",
    "999990342",
    "999990354",
    "999990366",
    "999990378",
    "999990391",
    "999990408",
    "999990421",
    "999990433",
    "999990445",
]
SCHAAL = [
    "200000007",
    "200000019",
    "200000020",
    "200000032",
    "200000044",
    "200000056",
    "200000068",
    "200000081",
    "200000093",
    "200000111",
    "200000123",
    "200000135",
    "200000147",
    "200000159",
    "200000160",
    "200000172",
    "200000184",
    "200000196",
    "200000202",
    "200000214",
]
BENCHMARK = [
    "300000005",
    "300000017",
    "300000029",
    "300000030",
    "300000042",
    "300000054",
    "300000066",
    "300000078",
    "300000091",
    "300000108",
    "300000121",
    "300000133",
    "300000145",
    "300000157",
    "300000169",
    "300000170",
    "300000182",
    "300000194",
    "300000200",
    "300000212",
]


def _eerste(reeks, n=20):
    return list(itertools.islice(reeks, n))


def test_factories_valid_bsn_is_unchanged():
    assert [valid_bsn(i) for i in range(20)] == FACTORIES
    assert [valid_bsn(i) for i in (100, 1000, 5000)] == ["100001105", "100011007", "100054997"]


def test_demo_bsns_are_unchanged():
    assert demo_personen.demo_bsns() == DEMO
    assert len(DEMO) == len(demo_personen.PERSONEN)


def test_schaal_and_benchmark_series_are_unchanged():
    assert _eerste(bsns_vanaf(schaal.SCHAAL_PREFIX)) == SCHAAL
    assert _eerste(bsns_vanaf(30_000_000)) == BENCHMARK


def test_the_series_is_every_valid_bsn_in_order():
    """Brute force over a stretch: nothing skipped, nothing invalid, strictly increasing."""
    verwacht = [f"{n:09d}" for n in range(999_990_000, 999_992_000) if is_valid_bsn(f"{n:09d}")]
    gevonden = list(itertools.takewhile(lambda b: b < "999992000", bsns_vanaf(99_999_000)))
    assert len(gevonden) > 150
    assert gevonden == verwacht


def test_the_series_ends_at_the_last_bsn():
    assert list(bsns_vanaf(99_999_998)) == ["999999989", "999999990"]


@pytest.mark.parametrize(
    ("acht", "bsn"),
    [
        pytest.param("11122233", "111222333", id="111222333"),
        pytest.param("12345678", "123456782", id="123456782"),
        pytest.param("01000000", "010000008", id="leading-zero"),
        pytest.param("10000006", None, id="remainder-10-no-digit-fits"),
        pytest.param("00000000", None, id="000000000-never-issued"),
        pytest.param("1234567", None, id="7-digits"),
        pytest.param("123456789", None, id="9-digits"),
        pytest.param("1234567a", None, id="letter"),
        pytest.param("１２３４５６７８", None, id="fullwidth-digits"),
        pytest.param(12345678, None, id="int-not-str"),
    ],
)
def test_bsn_met_controlecijfer(acht, bsn):
    assert bsn_met_controlecijfer(acht) == bsn


def test_the_check_digit_is_the_only_one_that_passes():
    rng = random.Random(13)
    for acht in (f"{rng.randrange(1, 10**8):08d}" for _ in range(500)):
        geldig = [c for c in "0123456789" if is_valid_bsn(acht + c)]
        bsn = bsn_met_controlecijfer(acht)
        assert geldig == ([bsn[8]] if bsn else [])


def test_the_weights_are_the_elfproef():
    assert BSN_GEWICHTEN == (9, 8, 7, 6, 5, 4, 3, 2, -1)
