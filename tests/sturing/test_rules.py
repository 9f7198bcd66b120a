"""The rules of the dashboards: prognosis, periods and small-cell suppression (table-driven)."""

from datetime import date

import pytest

from koers.sturing import rules
from koers.sturing.rules import Periode


@pytest.mark.parametrize(
    ("taakstelling", "prognose"),
    [
        (0, 0),
        (1, 1),
        (7, 4),
        (8, 4),
        (16, 8),
        (19, 10),
        (39, 20),
        (70, 35),
    ],
)
def test_prognose_is_half_the_taakstelling_rounded_half_up(taakstelling, prognose):
    assert rules.prognose_inburgeringsplichtig(taakstelling) == prognose


def test_b1_expectation_of_szw_is_sixty_percent():
    assert rules.B1_VERWACHTING_SZW * 100 == 60


@pytest.mark.parametrize(
    ("sleutel", "verwacht"),
    [
        ("2021", Periode(2021)),
        ("2021-1", Periode(2021, 1)),
        ("2021-2", Periode(2021, 2)),
        ("", Periode(2026)),
        (None, Periode(2026)),
        ("2021-3", Periode(2026)),
        ("abc", Periode(2026)),
        ("1999", Periode(2026)),
        ("20x1-1", Periode(2026)),
    ],
)
def test_periode_from_filter_value_falls_back_to_this_year(sleutel, verwacht):
    assert rules.periode_uit_sleutel(sleutel, date(2026, 11, 29)) == verwacht


def test_periode_bounds_are_half_open():
    assert (Periode(2021, 1).start, Periode(2021, 1).eind) == (date(2021, 1, 1), date(2021, 7, 1))
    assert (Periode(2021, 2).start, Periode(2021, 2).eind) == (date(2021, 7, 1), date(2022, 1, 1))
    assert (Periode(2021).start, Periode(2021).eind) == (date(2021, 1, 1), date(2022, 1, 1))
    assert Periode(2021).halfjaren() == [Periode(2021, 1), Periode(2021, 2)]
    assert Periode(2021, 2).naam == "2e helft 2021"


@pytest.mark.parametrize(
    ("aantal", "klein"),
    [
        (None, False),
        (0, False),
        (1, True),
        (2, True),
        (4, True),
        (5, False),
        (23, False),
    ],
)
def test_threshold_rule(aantal, klein):
    assert rules.is_klein(aantal) is klein


@pytest.mark.parametrize(
    ("teller", "noemer", "zichtbaar"),
    [
        (None, 4, False),  # average over 4 cases
        (None, 5, True),
        (3, 10, False),  # 3 persons counted
        (7, 10, False),  # 3 persons not counted
        (5, 10, True),
        (0, 10, True),  # nobody: nobody to recognise
        (10, 10, True),
        (2, 100, False),
        (98, 100, False),
        (0, 0, False),
        (None, None, False),
    ],
)
def test_derived_figures_need_five_cases_on_both_sides(teller, noemer, zichtbaar):
    assert rules.afgeleid_zichtbaar(teller, noemer) is zichtbaar


@pytest.mark.parametrize(
    ("tabel", "opties", "verwacht"),
    [
        # Nothing small: nothing hidden.
        ([[10], [20], [30]], {"kolomtotaal": True}, [[False], [False], [False]]),
        # Zero stays visible; without a total line no secondary suppression.
        ([[0], [2], [30]], {}, [[False], [True], [False]]),
        # One small part beside a total: the smallest other non-zero part goes too.
        ([[2], [10], [30], [42]], {"kolomtotaal": True}, [[True], [True], [False], [False]]),
        # Two small parts already protect each other.
        ([[2], [3], [30], [35]], {"kolomtotaal": True}, [[True], [True], [False], [False]]),
        # The only other part is zero: then the total is hidden.
        ([[2], [0], [2]], {"kolomtotaal": True}, [[True], [False], [True]]),
        ([[3], [0], [0], [30]], {"kolomtotaal": True}, [[True], [False], [False], [True]]),
        # Rows with a total in the last column; hiding in a row spreads into the columns.
        (
            [[2, 10, 12], [10, 10, 20]],
            {"rijtotaal": True},
            [[True, True, False], [False, False, False]],
        ),
        (
            [[2, 10, 12], [10, 10, 20], [12, 20, 32]],
            {"rijtotaal": True, "kolomtotaal": True},
            [[True, True, False], [True, True, False], [False, False, False]],
        ),
    ],
)
def test_primary_and_secondary_suppression(tabel, opties, verwacht):
    assert rules.onderdruk(tabel, **opties) == verwacht


def test_suppression_for_another_reason_also_gets_a_secondary_cell():
    # 30 of Weert's 28 + 2 elsewhere: the 30 is hidden by the difference rule.
    verborgen = rules.onderdruk(
        [[30], [10], [40]], kolomtotaal=True, ook=[[True], [False], [False]]
    )
    assert verborgen == [[True], [True], [False]]


@pytest.mark.parametrize(
    ("totaal", "eigen", "verbergen"),
    [
        (25, 23, True),  # Nederweert's two Turkse nieuwkomers beside Weert's 23
        (23, 23, False),  # nobody elsewhere
        (30, 23, False),
        (None, 3, False),
    ],
)
def test_aggregate_hides_a_small_difference_with_own_gemeente(totaal, eigen, verbergen):
    assert rules.verschil_onderdrukken(totaal, eigen) is verbergen


def test_percentage():
    assert str(rules.percentage(1, 3)) == "33.3"
    assert str(rules.percentage(2, 3)) == "66.7"
    assert rules.percentage(0, 0) is None
