"""DUO's GedetailleerdeDoelgroep → two-way Doelgroepindeling (Wi2021 art. 1, asielmigrant)."""

import pytest

from koers.inburgeraars.rules import Doelgroep, doelgroepindeling, is_asielmigrant

ASIEL = "Asielstatushouder"
GEZINS_OVERIG = "Gezinsmigrant en overige migrant"

CASES = [
    ("Asielstatushouder", ASIEL),
    ("Gezinshereniger met Asielstatushouder", ASIEL),
    ("Gezinsvormer met Asielstatushouder", ASIEL),
    ("Gezinshereniger", GEZINS_OVERIG),
    ("Gezinsvormer", GEZINS_OVERIG),
    ("Geestelijk bedienaar", GEZINS_OVERIG),
    ("Overig", GEZINS_OVERIG),
]


@pytest.mark.parametrize(("doelgroep", "indeling"), CASES, ids=[c[0] for c in CASES])
def test_doelgroepindeling(doelgroep, indeling):
    assert doelgroepindeling(doelgroep) == indeling
    assert is_asielmigrant(doelgroepindeling(doelgroep).value) is (indeling == ASIEL)


def test_is_asielmigrant_neemt_alleen_de_indeling():
    assert is_asielmigrant(ASIEL) and not is_asielmigrant(GEZINS_OVERIG)
    with pytest.raises(ValueError):
        is_asielmigrant("Gezinsvormer met Asielstatushouder")


def test_alle_zeven_duo_waarden_zijn_gedekt():
    assert {c[0] for c in CASES} == {d.value for d in Doelgroep}
    assert len(CASES) == 7


@pytest.mark.parametrize(
    "waarde",
    [
        pytest.param("Vluchteling", id="unknown"),
        pytest.param("asielstatushouder", id="wrong-case"),
        pytest.param("", id="empty"),
    ],
)
def test_onbekende_doelgroep_geeft_valueerror(waarde):
    with pytest.raises(ValueError):
        doelgroepindeling(waarde)
