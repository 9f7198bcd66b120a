"""Services of the PVT and MAP: activities, signing, eindgesprek, the DUO report."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.duo.models import Bericht
from koers.inburgeraars.models import Gebeurtenis
from koers.modules import services
from koers.modules.models import Activiteit, Afronding
from koers.modules.selectors import participatie_uren
from tests.factories import TrajectFactory
from tests.modules.conftest import activiteit, map_activiteit, pvt_klaar

pytestmark = pytest.mark.django_db


def test_activiteit_toevoegen_op_de_tijdlijn(zaak, adviseur_weert):
    a = activiteit(
        zaak, adviseur_weert, soort="excursie", kernwaarden=["vrijheid"], uren=Decimal("2.5")
    )
    assert a.uren == Decimal("2.5") and a.kernwaarden == ["vrijheid"]
    gebeurtenis = zaak.gebeurtenissen.filter(soort=Gebeurtenis.Soort.MODULE).get()
    assert "PVT: excursie op 2 november 2026, 2,5 uur" in gebeurtenis.omschrijving
    assert gebeurtenis.door == adviseur_weert


@pytest.mark.parametrize(
    ("kw", "veld"),
    [
        ({"uren": Decimal(-3)}, "uren"),
        ({"datum": date(2026, 12, 2)}, "datum"),
        ({"soort": "werkbezoek"}, "soort"),
        ({"kernwaarden": ["moed"]}, "kernwaarden"),
        ({"omschrijving": ""}, "omschrijving"),
    ],
)
def test_foute_activiteit_slaat_niets_op(zaak, adviseur_weert, kw, veld):
    with pytest.raises(Weigering) as fout:
        activiteit(zaak, adviseur_weert, **kw)
    assert veld in fout.value.fouten
    assert not Activiteit.objects.exists()
    assert not zaak.gebeurtenissen.filter(soort=Gebeurtenis.Soort.MODULE).exists()


def test_map_niet_in_de_onderwijsroute(zaak_o, adviseur_weert):
    with pytest.raises(Weigering) as fout:
        map_activiteit(zaak_o, adviseur_weert)
    assert "B1-route en de Z-route" in fout.value.fouten["__all__"]
    assert services.stand(zaak_o).map.van_toepassing is False


def test_map_niet_zonder_pip(traject_weert, adviseur_weert, vandaag):
    with pytest.raises(Weigering):
        map_activiteit(traject_weert, adviseur_weert)
    activiteit(traject_weert, adviseur_weert)  # PVT activities may come before the PIP
    assert Activiteit.objects.count() == 1


def test_wijzigen_en_verwijderen(zaak, adviseur_weert):
    a = activiteit(zaak, adviseur_weert)
    services.wijzig_activiteit(a, adviseur_weert, {"uren": Decimal(6), "module": "map"})
    a.refresh_from_db()
    assert a.uren == 6 and a.module == "pvt"  # the module does not change
    with pytest.raises(Weigering):
        services.wijzig_activiteit(a, adviseur_weert, {"uren": Decimal(-1)})
    a.refresh_from_db()
    assert a.uren == 6
    services.verwijder_activiteit(a, adviseur_weert)
    assert not Activiteit.objects.exists()
    assert zaak.gebeurtenissen.filter(omschrijving__startswith="Activiteit verwijderd").exists()


def test_pvt_ondertekenen_meldt_aan_duo(zaak, adviseur_weert):
    pvt_klaar(zaak, adviseur_weert)
    afronding = services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    bericht = afronding.bericht
    assert bericht.soort == "pvt" and bericht.operation_id == "updatePvtByBsn"
    assert bericht.body == {"datumOndertekeningPvt": "2026-11-25"}
    assert bericht.traject == zaak and afronding.gemeld_op is not None
    assert zaak.gebeurtenissen.filter(
        omschrijving__startswith="Participatieverklaring ondertekend op 25 november 2026"
    ).exists()
    # After signing the activities are closed, and a second signing is refused.
    with pytest.raises(Weigering, match="al ondertekend"):
        activiteit(zaak, adviseur_weert)
    with pytest.raises(Weigering, match="al ondertekend"):
        services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 26))
    with pytest.raises(Weigering):
        services.verwijder_activiteit(Activiteit.objects.first(), adviseur_weert)


def test_pvt_te_weinig_uren_niets_opgeslagen(zaak, adviseur_weert):
    activiteit(zaak, adviseur_weert, soort="excursie", kernwaarden=["vrijheid"], uren=8)
    with pytest.raises(Weigering) as fout:
        services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    assert "minstens 12 uur" in fout.value.fouten["uren"]
    assert not Afronding.objects.exists() and not Bericht.objects.filter(soort="pvt").exists()


def test_pvt_zonder_melden_en_later_melden(zaak, adviseur_weert):
    pvt_klaar(zaak, adviseur_weert)
    afronding = services.onderteken_pvt(
        zaak, adviseur_weert, datum=date(2026, 11, 25), melden=False
    )
    assert afronding.bericht is None
    assert not Bericht.objects.filter(soort="pvt").exists()
    afronding = services.meld_alsnog(zaak, "pvt", adviseur_weert)
    assert afronding.bericht.body == {"datumOndertekeningPvt": "2026-11-25"}
    with pytest.raises(Weigering, match="al aan DUO gemeld"):
        services.meld_alsnog(zaak, "pvt", adviseur_weert)
    with pytest.raises(Weigering, match="nog niet afgerond"):
        services.meld_alsnog(zaak, "map", adviseur_weert)


@pytest.mark.parametrize(
    ("termijn_eind", "verwijtbaar", "fout"),
    [
        # Before the end: verwijtbaar must stay empty.
        (date(2029, 10, 2), "Ja", "Laat 'verwijtbaar' dan leeg"),
        (date(2027, 1, 1), "Nee", "Laat 'verwijtbaar' dan leeg"),
        # After the end: it must be filled in.
        (date(2026, 11, 20), None, "Geef aan of dat verwijtbaar is"),
        (date(2026, 11, 20), "Misschien", "Verwijtbaar is Ja of Nee"),
    ],
)
def test_verwijtbaar_fout_niets_opgeslagen(zaak, adviseur_weert, termijn_eind, verwijtbaar, fout):
    pvt_klaar(zaak, adviseur_weert)
    zaak.termijn_eind = termijn_eind
    zaak.save(update_fields=["termijn_eind"])
    with pytest.raises(Weigering) as weigering:
        services.onderteken_pvt(
            zaak, adviseur_weert, datum=date(2026, 11, 25), verwijtbaar=verwijtbaar
        )
    assert fout in weigering.value.fouten["verwijtbaar"]
    assert not Afronding.objects.exists() and not Bericht.objects.filter(soort="pvt").exists()


@pytest.mark.parametrize("verwijtbaar", ["Ja", "Nee"])
def test_verwijtbaar_na_overschrijding(zaak, adviseur_weert, verwijtbaar):
    pvt_klaar(zaak, adviseur_weert)
    zaak.termijn_eind = date(2026, 11, 22)
    zaak.save(update_fields=["termijn_eind"])
    afronding = services.onderteken_pvt(
        zaak, adviseur_weert, datum=date(2026, 11, 25), verwijtbaar=verwijtbaar
    )
    assert afronding.bericht.body == {
        "datumOndertekeningPvt": "2026-11-25",
        "verwijtbaar": verwijtbaar,
    }


def test_ondertekening_voor_de_termijn_weigert_duo_regel(zaak, adviseur_weert):
    activiteit(
        zaak,
        adviseur_weert,
        datum=date(2026, 9, 1),
        uren=Decimal(8),
        soort="excursie",
        kernwaarden=["vrijheid"],
    )
    activiteit(zaak, adviseur_weert, datum=date(2026, 9, 2), uren=Decimal(4))
    with pytest.raises(Weigering) as fout:
        services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 9, 30))
    assert "op of na de start van de inburgeringstermijn" in fout.value.fouten["datum"]
    assert not Afronding.objects.exists()


def test_map_eindgesprek(zaak, adviseur_weert):
    map_activiteit(zaak, adviseur_weert)
    afronding = services.houd_map_eindgesprek(
        zaak,
        adviseur_weert,
        datum=date(2026, 11, 28),
        samenvatting="Wil in de zorg werken.",
        uitvoerder="Werk.Kom",
    )
    assert afronding.bericht.operation_id == "updateMapByBsn"
    assert afronding.bericht.body == {"datumEindgesprekMap": "2026-11-28"}
    assert afronding.uitvoerder == "Werk.Kom"
    with pytest.raises(Weigering, match="eindgesprek"):
        map_activiteit(zaak, adviseur_weert)
    with pytest.raises(Weigering, match="al vastgelegd"):
        services.houd_map_eindgesprek(
            zaak, adviseur_weert, datum=date(2026, 11, 28), samenvatting="x"
        )


def test_map_eindgesprek_fout(zaak_o, adviseur_weert):
    with pytest.raises(Weigering) as fout:
        services.houd_map_eindgesprek(
            zaak_o, adviseur_weert, datum=date(2026, 12, 5), samenvatting="", uitvoerder=""
        )
    assert set(fout.value.fouten) == {"__all__", "datum", "samenvatting", "uitvoerder"}
    assert not Afronding.objects.exists()


def test_stand_gepland_tegen_gedaan(zaak, adviseur_weert, django_assert_num_queries):
    activiteit(zaak, adviseur_weert, uren=Decimal(5))
    map_activiteit(zaak, adviseur_weert, uren=Decimal("2.5"))
    with django_assert_num_queries(4):
        stand = services.stand(zaak)
    assert (stand.pvt.uren, stand.pvt.gepland, stand.pvt.uren_nog) == (5, 16, 11)
    assert (stand.map.uren, stand.map.gepland, stand.map.uren_nog) == (
        Decimal("2.5"),
        40,
        Decimal("37.5"),
    )
    assert stand.leerroute == "B" and stand.termijn_eind == zaak.termijn_eind
    assert not stand.pvt.klaar_voor_ondertekening


def test_afgerond_traject_verandert_niet(zaak, adviseur_weert):
    zaak.status = "afgerond"
    zaak.save(update_fields=["status"])
    with pytest.raises(Weigering, match="afgerond"):
        activiteit(zaak, adviseur_weert)


def test_participatie_uren_in_een_query(zaak, adviseur_weert, django_assert_num_queries):
    activiteit(zaak, adviseur_weert, uren=Decimal("2.5"))
    activiteit(zaak, adviseur_weert, uren=Decimal(3))
    map_activiteit(zaak, adviseur_weert, uren=Decimal(4))
    ander = TrajectFactory()
    with django_assert_num_queries(1):
        uren = participatie_uren([zaak.pk, ander.pk])
    assert uren == {zaak.pk: Decimal("9.5"), ander.pk: Decimal(0)}
    with django_assert_num_queries(0):
        assert participatie_uren([]) == {}


def test_datum_in_verleden_blijft_na_tijd(zaak, adviseur_weert, vandaag):
    a = activiteit(zaak, adviseur_weert, datum=vandaag - timedelta(days=1))
    assert a.datum == date(2026, 11, 30)


def test_opnieuw_melden_na_weigering(zaak, adviseur_weert):
    pvt_klaar(zaak, adviseur_weert)
    afronding = services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    eerste = afronding.bericht
    with pytest.raises(Weigering, match="al aan DUO gemeld"):
        services.meld_alsnog(zaak, "pvt", adviseur_weert)
    Bericht.objects.filter(pk=eerste.pk).update(status=Bericht.Status.GEWEIGERD)
    afronding = services.meld_alsnog(zaak, "pvt", adviseur_weert)
    assert afronding.bericht != eerste
    assert Bericht.objects.filter(soort="pvt").count() == 2
