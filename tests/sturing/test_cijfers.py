"""The set-based figures against the hand-made dataset of conftest.py (expected numbers worked
out by hand there)."""

import pytest

from koers.sturing import cijfers
from koers.sturing.rules import Periode
from tests.sturing.conftest import VANDAAG

H1 = Periode(2026, 1)
JAAR = Periode(2026)


def test_aantallen_of_weert_in_the_first_half_year(gegevens):
    weert = gegevens["weert"].pk
    per = cijfers.bereken("aantallen", [weert], H1, None, VANDAAG)
    assert per[weert] == {
        "totaal": 5,
        "asiel": 3,
        "gezin": 2,
        "turks": 1,
        "status_aangemeld": 1,
        "status_brede_intake": 1,
        "status_pip_vastgesteld": 1,
        "status_in_uitvoering": 1,
        "status_afgerond": 1,
        "route_B": 1,
        "route_O": 0,
        "route_Z": 1,
        "route_geen": 3,
    }


def test_aantallen_per_gemeente_and_by_doelgroep(gegevens):
    ids = [gegevens[g].pk for g in ("weert", "nederweert", "cranendonck", "roermond")]
    per = cijfers.bereken("aantallen", ids, H1, None, VANDAAG)
    assert {g: v["totaal"] for g, v in per.items()} == {ids[0]: 5, ids[1]: 2, ids[3]: 6}
    assert cijfers.som(per, ids)["asiel"] == 3 + 6
    turks = cijfers.bereken("aantallen", ids, H1, "turks", VANDAAG)
    assert {g: v["totaal"] for g, v in turks.items()} == {ids[0]: 1, ids[1]: 2}
    gezin = cijfers.bereken("aantallen", ids, H1, "gezin", VANDAAG)
    assert cijfers.som(gezin, ids)["totaal"] == 2 + 2
    # The second half year holds none of them.
    assert cijfers.bereken("aantallen", ids, Periode(2026, 2), None, VANDAAG) == {}


def test_taakstelling_and_housing(gegevens):
    weert, nederweert = gegevens["weert"].pk, gegevens["nederweert"].pk
    assert cijfers.taakstelling([weert, nederweert], 2026) == {
        weert: {"h1": 39, "h2": 39},
        nederweert: {"h1": 14},
    }
    # W1 (15 Jan) and W2 (20 Feb) in the 1st half, W5 (1 Aug) in the 2nd; W6 in 2025.
    # Nederweert's two are gezinsmigranten: not counted as housed asielstatushouders.
    for periode, verwacht in ((H1, 2), (Periode(2026, 2), 1), (JAAR, 3), (Periode(2025), 1)):
        per = cijfers.bereken("gevestigd", [weert, nederweert], periode, None, VANDAAG)
        assert per == {weert: {"gevestigd": verwacht}}


def test_doorlooptijden_of_weert(gegevens):
    weert = gegevens["weert"].pk
    d = cijfers.bereken("doorlooptijden", [weert], H1, None, VANDAAG)[weert]
    assert d["pip_tijdig"] == 1  # W1
    assert d["pip_te_laat"] == 2  # W2 after its deadline, W3 without a PIP past it
    assert (d["intake_n"], d["intake_duur"]) == (3, 20 + 10 + 10)
    assert (d["pip_n"], d["pip_duur"]) == (2, 40 + 92)
    assert d["afgerond"] == 1 and d["reden_vertrokken"] == 1 and d["reden_voldaan"] == 0


def test_gesprekken_on_time(gegevens):
    weert = gegevens["weert"].pk
    # Planned in 2026 and due before 15 Nov: 1 May (held 10 May, on time), 5 May (held the
    # same day), 1 Aug (held 20 Aug: 19 days late), 15 Sep (not held). 20 Nov is not due yet.
    assert cijfers.bereken("gesprekken", [weert], JAAR, None, VANDAAG)[weert] == {
        "gepland": 4,
        "op_tijd": 2,
        "niet_gehouden": 1,
        "gesprek_trajecten": 2,
    }


def test_ontzorgen_zroute_and_exams(gegevens):
    weert = gegevens["weert"].pk
    assert cijfers.bereken("ontzorgen", [weert], JAAR, None, VANDAAG)[weert] == {
        "beeindigd": 2,
        "cursus_afgerond": 1,
    }
    # Both ended on or after 1 July.
    assert cijfers.bereken("ontzorgen", [weert], H1, None, VANDAAG) == {}
    assert cijfers.bereken("zroute", [weert], None, None, VANDAAG)[weert] == {
        "lopend": 1,
        "achter": 1,
    }
    examens = cijfers.bereken("examens", [weert], JAAR, None, VANDAAG)[weert]
    assert {k: v for k, v in examens.items() if v} == {
        "KNM_Geslaagd": 1,
        "LE_Gezakt": 1,
        "LE_Geslaagd": 1,
    }


def test_change_in_positieve_gezondheid_per_intervention(gegevens):
    weert = gegevens["weert"].pk
    per = cijfers.bereken("gezondheid", [weert], JAAR, None, VANDAAG)[weert]
    # taal: W1 5 → 7 on six dimensions (+12), W2 4 → 3 on one dimension (−1): 11 over 7.
    assert per["taal_som"] == pytest.approx(11) and per["taal_n"] == 7
    assert per["taal_trajecten"] == 2
    # gezondheid: W2 only, −1 on one dimension. werk: W1's last gesprek has no next one.
    assert per["gezondheid_som"] == pytest.approx(-1) and per["gezondheid_n"] == 1
    assert "werk_n" not in per
    # The doelgroep filter applies: the gezinsmigranten of Weert have no gesprekken.
    assert cijfers.bereken("gezondheid", [weert], JAAR, "gezin", VANDAAG) == {}


def test_persons_are_not_added_over_half_years():
    """A person with gesprekken in both half years is one person in the year: the larger
    half year counts (a lower bound), events and sums are added."""
    rijen = {
        (1, 2026, 1, True, False): {"taal_trajecten": 3, "taal_n": 6, "taal_som": 4},
        (1, 2026, 2, True, False): {"taal_trajecten": 4, "taal_n": 8, "taal_som": -2},
        (1, 2026, 2, False, True): {"taal_trajecten": 2, "taal_n": 2, "taal_som": 1},
        (2, None, None, False, False): {"lopend": 7},
    }
    assert cijfers.per_gemeente(rijen, None, JAAR) == {
        1: {"taal_trajecten": 4 + 2, "taal_n": 16, "taal_som": 3},
        2: {"lopend": 7},
    }
    assert cijfers.per_gemeente(rijen, "asiel", H1) == {
        1: {"taal_trajecten": 3, "taal_n": 6, "taal_som": 4}
    }
    assert cijfers.per_gemeente(rijen, "turks", JAAR) == {
        1: {"taal_trajecten": 2, "taal_n": 2, "taal_som": 1}
    }
    # A snapshot belongs to every period.
    assert cijfers.per_gemeente(rijen, "gezin", Periode(2030, 1)) == {2: {"lopend": 7}}
