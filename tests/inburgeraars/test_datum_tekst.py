"""Dates in Dutch text come from one place: ``datum_kort`` (31-12-2026) and ``datum_voluit``
(31 december 2026) in koers.inburgeraars.rules. Their output is byte for byte what the
separate helpers they replaced wrote (``strftime("%d-%m-%Y")`` with "onbekend" for no date,
and Django's ``date_format(d, "j F Y")`` in Dutch)."""

import datetime as dt

import pytest
from django.utils import formats, translation

from koers.inburgeraars.rules import datum_kort, datum_voluit


def _elke_dag(jaar: int):
    dag = dt.date(jaar, 1, 1)
    while dag.year == jaar:
        yield dag
        dag += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("dag", "tekst"),
    [
        pytest.param(dt.date(2026, 1, 5), "05-01-2026", id="leading-zeros"),
        pytest.param(dt.date(2026, 12, 31), "31-12-2026", id="end-of-year"),
        pytest.param(dt.date(2024, 2, 29), "29-02-2024", id="leap-day"),
        pytest.param(None, "onbekend", id="none"),
    ],
)
def test_datum_kort(dag, tekst):
    assert datum_kort(dag) == tekst


def test_datum_kort_is_the_old_strftime_every_day():
    dagen = list(_elke_dag(2024))
    assert len(dagen) == 366
    assert [datum_kort(d) for d in dagen] == [d.strftime("%d-%m-%Y") for d in dagen]


@pytest.mark.parametrize(
    ("dag", "tekst"),
    [
        pytest.param(dt.date(2022, 1, 1), "1 januari 2022", id="no-leading-zero"),
        pytest.param(dt.date(2026, 3, 14), "14 maart 2026", id="maart"),
        pytest.param(dt.date(2026, 12, 31), "31 december 2026", id="december"),
    ],
)
def test_datum_voluit(dag, tekst):
    assert datum_voluit(dag) == tekst


def test_datum_voluit_is_djangos_dutch_date_format_every_day():
    dagen = list(_elke_dag(2024))
    with translation.override("nl"):
        django = [formats.date_format(d, "j F Y") for d in dagen]
    assert len(django) == 366
    assert [datum_voluit(d) for d in dagen] == django


def test_datum_voluit_stays_dutch_in_another_screen_language():
    """Timeline texts are stored once and read by Dutch colleagues."""
    with translation.override("en"):
        assert datum_voluit(dt.date(2026, 5, 1)) == "1 mei 2026"
