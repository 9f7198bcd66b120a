"""The builders for MAP, PVT, Z-route, gevolgde uren and inburgeringsaanbod: a spec-valid body
when DUO's rules hold, a Weigering and nothing queued when they do not."""

from datetime import date

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.duo import meldingen
from koers.duo import rules as duo_rules
from koers.duo.models import Bericht
from koers.duo.rules import Instelling
from tests.duo.meldingen_gegevens import (  # noqa: F401  (meldingen_dag is a fixture)
    assert_spec_geldig,
    intake_af,
    meldingen_dag,
    vastgesteld,
)

pytestmark = pytest.mark.usefixtures("meldingen_dag")


@pytest.fixture
def traject(traject_weert, adviseur_weert):
    """PIP (B1-route) of 1 October 2026; termijn 2 October 2026 - 2 October 2029."""
    intake_af(traject_weert, adviseur_weert)
    vastgesteld(traject_weert, adviseur_weert)
    traject_weert.refresh_from_db()
    Bericht.objects.all().delete()  # the PIP melding is not what these tests look at
    return traject_weert


def test_map_melding(traject):
    bericht = meldingen.meld_map(traject, date(2026, 10, 14))
    assert (bericht.operation_id, bericht.methode) == ("updateMapByBsn", "PUT")
    assert bericht.pad == f"/personen/{traject.inburgeraar.bsn}/map"
    assert bericht.body == {"datumEindgesprekMap": "2026-10-14"}
    assert_spec_geldig(bericht)


def test_map_intrekken_stuurt_lege_body(traject):
    meldingen.meld_map(traject, date(2026, 10, 14))
    bericht = meldingen.meld_map(traject, None)
    assert bericht.body == {}
    assert_spec_geldig(bericht)


def test_pvt_melding(traject):
    bericht = meldingen.meld_pvt(traject, date(2026, 10, 14))
    assert bericht.operation_id == "updatePvtByBsn"
    assert bericht.body == {"datumOndertekeningPvt": "2026-10-14"}
    assert_spec_geldig(bericht)


@pytest.mark.parametrize(
    "datum, verwijtbaar, veld",
    [
        (date(2026, 10, 1), None, "datum"),  # before the termijn start
        (date(2026, 10, 16), None, "datum"),  # in the future
        (date(2026, 10, 14), "Ja", "verwijtbaar"),  # termijn not exceeded
    ],
)
def test_pvt_regels_weigeren_en_niets_klaar(traject, datum, verwijtbaar, veld):
    with pytest.raises(Weigering) as e:
        meldingen.meld_pvt(traject, datum, verwijtbaar)
    assert veld in e.value.fouten
    assert not Bericht.objects.exists()


def test_map_van_andere_gemeente_niet_wijzigen(traject):
    with pytest.raises(Weigering) as e:
        meldingen.meld_map(traject, date(2026, 10, 14), eerdere_datum_door_deze_gemeente=False)
    assert "andere gemeente" in e.value.fouten["__all__"]
    assert not Bericht.objects.exists()


def test_map_zonder_pip_geweigerd(traject_cranendonck, settings):
    with pytest.raises(Weigering):
        meldingen.meld_map(traject_cranendonck, date(2026, 10, 14))
    assert not Bericht.objects.exists()


def test_zroute(traject, adviseur_weert):
    with pytest.raises(Weigering):  # the current PIP is a B1-route
        meldingen.meld_zroute(traject, date(2026, 10, 14), eindgesprek_op=date(2026, 10, 10))
    vastgesteld(
        traject,
        adviseur_weert,
        dagtekening=date(2026, 10, 2),
        leerroute="Z",
        niveau="A2",
        geschatte_intensiteit_b1_route=None,
    )
    Bericht.objects.all().delete()
    # The plicht is leerroute + PVT + MAP: the completion waits for DUO to accept both dates,
    # else DUO would refuse them afterwards (RULES.md "MAP and PVT").
    with pytest.raises(Weigering) as e:
        meldingen.meld_zroute(traject, date(2026, 10, 14), eindgesprek_op=date(2026, 10, 10))
    assert "PVT" in e.value.fouten["__all__"] and "MAP" in e.value.fouten["__all__"]
    meldingen.meld_pvt(traject, date(2026, 10, 9))
    meldingen.meld_map(traject, date(2026, 10, 12))
    with pytest.raises(Weigering):  # queued, not yet accepted by DUO
        meldingen.meld_zroute(traject, date(2026, 10, 14), eindgesprek_op=date(2026, 10, 10))
    Bericht.objects.update(status=Bericht.Status.AFGELEVERD)
    with pytest.raises(Weigering) as e:  # not before the MAP date DUO holds
        meldingen.meld_zroute(traject, date(2026, 10, 11), eindgesprek_op=date(2026, 10, 10))
    assert "12 oktober 2026" in e.value.fouten["datum"]
    bericht = meldingen.meld_zroute(traject, date(2026, 10, 14), eindgesprek_op=date(2026, 10, 10))
    assert bericht.body == {"datumAfrondingZroute": "2026-10-14"}
    assert_spec_geldig(bericht)
    # after the Z-route completion a MAP date cannot be emptied, nor lie after it
    with pytest.raises(Weigering):
        meldingen.meld_map(traject, None)
    with pytest.raises(Weigering):
        meldingen.meld_map(traject, date(2026, 10, 15))
    assert Bericht.objects.count() == 3


@pytest.mark.parametrize(
    "soort, operation_id, pad",
    [
        ("taalles_knm_brede_intake", "updateUrenTaallesEnKnmByBSN", "uren/bredeintake/taallesknm"),
        (
            "participatieactiviteiten",
            "updateUrenParticipatieactiviteiten",
            "uren/participatieactiviteiten",
        ),
        (
            "participatie_als_taalles",
            "updateUrenParticipatieAlsTaallesByBsn",
            "uren/participatietaalles",
        ),
    ],
)
def test_uren(traject, soort, operation_id, pad):
    bericht = meldingen.meld_uren(traject, soort, 120)
    assert bericht.operation_id == operation_id
    assert bericht.pad == f"/personen/{traject.inburgeraar.bsn}/{pad}"
    assert bericht.body == {"uren": 120}
    assert_spec_geldig(bericht)


def test_uren_in_hele_uren(traject):
    with pytest.raises(Weigering):
        meldingen.meld_uren(traject, "participatie_als_taalles", 10.5)
    assert not Bericht.objects.exists()


BOW = Instelling("0000012345", bow_keurmerk=True)


AANBOD = {
    "instellingsnummer": "0000012345",
    "alfabetisering": "NVT",
    "datum_aanbod": None,
    "startdatum": None,
    "laatste_lesdag": None,
}


def test_inburgeringsaanbod(traject):
    """Koers records the last lesson day (inclusive); DUO's verwachteEinddatumOpleiding is
    exclusive: the message carries the day after."""
    bericht = meldingen.meld_inburgeringsaanbod(
        traject,
        **{
            **AANBOD,
            "datum_aanbod": date(2026, 10, 5),
            "startdatum": date(2026, 11, 1),
            "laatste_lesdag": date(2028, 10, 31),
        },
        instelling=BOW,
    )
    assert bericht.pad == f"/personen/{traject.inburgeraar.bsn}/Inburgeringsaanbod/0000012345"
    assert bericht.body == {
        "indicatorAlfabetiseringsonderwijs": "NVT",
        "datumInburgeringsaanbod": "2026-10-05",
        "verwachteStartdatumOpleiding": "2026-11-01",
        "verwachteEinddatumOpleiding": "2028-11-01",
    }
    assert_spec_geldig(bericht)


def test_duo_einddatum_is_de_dag_na_de_laatste_lesdag():
    assert duo_rules.duo_einddatum(date(2028, 2, 28)) == date(2028, 2, 29)
    assert duo_rules.duo_einddatum(date(2027, 12, 31)) == date(2028, 1, 1)
    assert duo_rules.duo_einddatum(None) is None


def test_inburgeringsaanbod_voor_pip_geweigerd(traject):
    with pytest.raises(Weigering) as e:
        meldingen.meld_inburgeringsaanbod(
            traject, **{**AANBOD, "datum_aanbod": date(2026, 9, 30)}, instelling=BOW
        )
    assert "datum_inburgeringsaanbod" in e.value.fouten
    assert not Bericht.objects.exists()


def test_inburgeringsaanbod_niet_voor_gezinsmigrant(traject):
    inburgeraar = traject.inburgeraar
    inburgeraar.doelgroep = "Gezinsvormer"
    inburgeraar.save()
    with pytest.raises(Weigering):
        meldingen.meld_inburgeringsaanbod(traject, **AANBOD, instelling=BOW)
    assert not Bericht.objects.exists()
