"""The rules of the ketenpartners, table-driven (startnotitie §4.2.1, §6.10)."""

from decimal import Decimal

import pytest

from koers.partners import rules
from koers.partners.rules import Status as S
from koers.partners.rules import Taak as T


def test_de_tabel_van_de_startnotitie_noemt_elke_taak_in_volgorde():
    assert list(rules.STARTNOTITIE) == list(T)
    assert set(rules.TAAK_NAMEN) == set(T) == set(rules.TAAK_SECTIES)


@pytest.mark.parametrize(
    ("taak", "schaal", "uitvoerder"),
    [
        (T.BREDE_INTAKE, "lokaal", "gemeente"),
        (T.PIP, "lokaal", "gemeente"),
        (T.MONITORING, "lokaal", "gemeente"),
        (T.MAATSCHAPPELIJKE_BEGELEIDING, "lokaal", "vluchtelingenwerk"),
        (T.B1_ROUTE, "subregionaal", "taalaanbieder"),
        (T.ONDERWIJSROUTE, "regionaal", "taalaanbieder"),
        (T.MAP, "subregionaal", "werkkom"),
        (T.BEGELEIDING_NAAR_WERK, "subregionaal", "werkkom"),
        (T.HANDHAVING, "lokaal", "gemeente"),
    ],
)
def test_startnotitie(taak, schaal, uitvoerder):
    assert rules.STARTNOTITIE[taak][:2] == (schaal, uitvoerder)


@pytest.mark.parametrize(
    ("taken", "verwacht"),
    [
        ([T.MAP], {"naam", "verwijzingen", "modules"}),
        (
            [T.BEGELEIDING_NAAR_WERK],
            {"naam", "personalia", "traject", "verwijzingen", "modules", "begeleiding"},
        ),
        ([T.B1_ROUTE], {"naam", "personalia", "traject", "verwijzingen", "leerroute"}),
        (
            [T.MAATSCHAPPELIJKE_BEGELEIDING],
            {"naam", "personalia", "traject", "verwijzingen", "begeleiding"},
        ),
        ([T.MAP, T.PVT], {"naam", "verwijzingen", "modules"}),
        ([T.PVT], {"naam", "verwijzingen", "modules"}),
        ([T.PIP], set()),
        ([], set()),
    ],
)
def test_secties_voor_taken(taken, verwacht):
    assert rules.secties_voor_taken(taken) == verwacht


@pytest.mark.parametrize("taak", list(T))
def test_een_partner_ziet_nooit_gezondheid_of_geld(taak):
    assert not rules.secties_voor_taken([taak]) & rules.NOOIT_VOOR_PARTNER


@pytest.mark.parametrize("taak", list(T))
def test_een_partner_krijgt_nooit_de_brede_intake(taak):
    assert {"intake", "intake_werk"} <= rules.NOOIT_VOOR_PARTNER
    assert not rules.secties_voor_taken([taak]) & {"intake", "intake_werk"}
    assert not rules.secties_voor_taken(list(T)) & {"intake", "intake_werk"}


def test_alleen_taken_naar_werk_tonen_de_werkonderwerpen_bij_de_verwijzing():
    assert {T.MAP, T.BEGELEIDING_NAAR_WERK} == rules.WERK_INTAKE_TAKEN


@pytest.mark.parametrize(
    ("taak", "soort", "keurmerk", "open_al", "veld"),
    [
        (T.MAP, "werkkom", False, False, None),
        (T.BEGELEIDING_NAAR_WERK, "werkkom", False, False, None),
        (T.MAP, "taalaanbieder", True, False, "organisatie"),
        (T.B1_ROUTE, "taalaanbieder", True, False, None),
        (T.B1_ROUTE, "taalaanbieder", False, False, "organisatie"),
        (T.Z_ROUTE, "taalaanbieder", False, False, "organisatie"),
        (T.ONDERWIJSROUTE, "taalaanbieder", False, False, None),
        (T.PIP, "werkkom", False, False, "taak"),
        (T.HANDHAVING, "overig", False, False, "taak"),
        (T.MAP, "werkkom", False, True, "taak"),
        ("onbekend", "werkkom", False, False, "taak"),
    ],
)
def test_verwijs_fouten(taak, soort, keurmerk, open_al, veld):
    fouten = rules.verwijs_fouten(taak, soort, keurmerk, open_al)
    assert (next(iter(fouten)) if fouten else None) == veld


@pytest.mark.parametrize(
    ("van", "naar", "mag"),
    [
        (S.AANGEBODEN, S.GEACCEPTEERD, True),
        (S.AANGEBODEN, S.AFGEWEZEN, True),
        (S.AANGEBODEN, S.LOPEND, False),
        (S.GEACCEPTEERD, S.LOPEND, True),
        (S.GEACCEPTEERD, S.AFGEWEZEN, False),
        (S.LOPEND, S.LOPEND, True),
        (S.LOPEND, S.AFGESLOTEN, True),
        (S.AFGESLOTEN, S.LOPEND, False),
        (S.AFGEWEZEN, S.GEACCEPTEERD, False),
    ],
)
def test_overgangen(van, naar, mag):
    assert (rules.overgang_fout(van, naar) is None) is mag


@pytest.mark.parametrize(
    ("uren", "gepland", "aanwezig", "velden"),
    [
        (Decimal("6"), 4, 3, set()),
        (Decimal("0"), 0, 0, set()),
        (Decimal("-1"), None, None, {"uren"}),
        (Decimal("201"), None, None, {"uren"}),
        (None, 4, 5, {"afspraken_aanwezig"}),
        (None, None, 2, {"afspraken_gepland"}),
        (None, 101, 1, {"afspraken_gepland"}),
    ],
)
def test_voortgang_fouten(uren, gepland, aanwezig, velden):
    assert set(rules.voortgang_fouten(uren, gepland, aanwezig)) == velden


def test_aanwezigheidspercentage():
    assert rules.aanwezigheidspercentage(4, 3) == 75
    assert rules.aanwezigheidspercentage(0, 0) is None
