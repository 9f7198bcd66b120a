"""meld_aan: a new inburgeraar with his first traject (status aangemeld) in one transaction."""

from datetime import date

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.inburgeraars.services import meld_aan, wijzig_gegevens
from tests.factories import InburgeraarFactory, valid_bsn


def _gegevens(**extra):
    return {
        "bsn": valid_bsn(1),
        "voornamen": "Yusuf",
        "geslachtsnaam": "Karimi",
        "geboortedatum": date(1988, 3, 4),
        "doelgroep": "Asielstatushouder",
        "vestigingsdatum": date(2026, 6, 1),
        **extra,
    }


def test_aanmelden_maakt_persoon_traject_en_tijdlijn(weert, adviseur_weert):
    persoon = meld_aan(
        gemeente=weert,
        door=adviseur_weert,
        adviseur=adviseur_weert,
        datum_start_pip_termijn=date(2026, 9, 1),
        **_gegevens(),
    )

    persoon.refresh_from_db()
    assert persoon.bsn == valid_bsn(1)
    assert persoon.gemeente == weert
    assert persoon.zoeknaam == "karimi yusuf"
    traject = persoon.huidig_traject
    assert traject.inburgeraar == persoon
    assert traject.gemeente == weert
    assert traject.status == "aangemeld"
    assert traject.adviseur == adviseur_weert
    assert traject.pip_uiterlijk == date(2026, 11, 10)  # ten weeks
    assert traject.volgende_deadline == date(2026, 11, 10)
    entry = traject.gebeurtenissen.get()
    assert entry.soort == Gebeurtenis.Soort.AANGEMELD
    assert entry.door == adviseur_weert
    assert entry.naar_status == "aangemeld"
    assert "Weert" in entry.omschrijving


def test_dubbel_bsn_wordt_geweigerd_en_niets_opgeslagen(weert, cranendonck, adviseur_weert):
    bestaand = InburgeraarFactory(gemeente=cranendonck, bsn=valid_bsn(1))
    with pytest.raises(Weigering) as exc:
        meld_aan(gemeente=weert, door=adviseur_weert, **_gegevens())
    assert set(exc.value.fouten) == {"bsn"}
    assert "al een inburgeraar" in exc.value.fouten["bsn"]
    assert list(Inburgeraar.objects.all()) == [bestaand]
    assert not Traject.objects.exists()
    assert not Gebeurtenis.objects.exists()


@pytest.mark.parametrize(
    "bsn",
    [
        pytest.param("123456789", id="elfproef"),
        pytest.param("000000000", id="zeros"),
        pytest.param("12345678", id="8-digits"),
    ],
)
def test_ongeldig_bsn_wordt_geweigerd(weert, adviseur_weert, bsn):
    with pytest.raises(Weigering) as exc:
        meld_aan(gemeente=weert, door=adviseur_weert, **_gegevens(bsn=bsn))
    assert "bsn" in exc.value.fouten
    assert not Inburgeraar.objects.exists()
    assert not Traject.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("vnummer", "12345"),
        ("doelgroep", "Vluchteling"),
    ],
)
def test_ongeldige_persoonsgegevens_worden_geweigerd(weert, adviseur_weert, veld, waarde):
    with pytest.raises(Weigering) as exc:
        meld_aan(gemeente=weert, door=adviseur_weert, **_gegevens(**{veld: waarde}))
    assert set(exc.value.fouten) == {veld}
    assert not Inburgeraar.objects.exists()


@pytest.mark.parametrize(
    "veld", ["bsn", "voornamen", "geslachtsnaam", "geboortedatum", "doelgroep"]
)
def test_verplicht_gegeven_ontbreekt(weert, adviseur_weert, veld):
    data = _gegevens()
    del data[veld]
    with pytest.raises(Weigering) as exc:
        meld_aan(gemeente=weert, door=adviseur_weert, **data)
    assert veld in exc.value.fouten
    assert not Inburgeraar.objects.exists()
    assert not Traject.objects.exists()


def test_gegevens_wijzigen_herberekent_deadline_en_noemt_alleen_veldnamen(
    traject_weert, adviseur_weert
):
    persoon = traject_weert.inburgeraar
    wijzig_gegevens(
        persoon, adviseur_weert, telefoon="0612345678", derde_informatie_ontvangen=date(2026, 11, 9)
    )
    traject_weert.refresh_from_db()
    assert traject_weert.pip_uiterlijk == date(2026, 11, 23)
    entry = traject_weert.gebeurtenissen.get(soort=Gebeurtenis.Soort.GEGEVENS)
    assert "telefoon" in entry.omschrijving
    assert "0612345678" not in entry.omschrijving


def test_gegevens_wijzigen_naar_bsn_van_ander_wordt_geweigerd(traject_weert, adviseur_weert):
    ander = InburgeraarFactory(gemeente=traject_weert.gemeente)
    persoon = traject_weert.inburgeraar
    oud = persoon.bsn
    with pytest.raises(Weigering) as exc:
        wijzig_gegevens(persoon, adviseur_weert, bsn=ander.bsn)
    assert "bsn" in exc.value.fouten
    persoon.refresh_from_db()
    assert persoon.bsn == oud
