"""The PVT and MAP pages: add, change and delete activities, sign, eindgesprek, report to DUO;
bad input gives Dutch errors and saves nothing; access through the policy."""

from datetime import date
from decimal import Decimal

import pytest

from koers.duo.models import Bericht
from koers.modules.models import Activiteit, Afronding
from tests.modules.conftest import activiteit, map_activiteit, pvt_klaar

pytestmark = pytest.mark.django_db


def _url(traject, module="pvt", stap=""):
    return f"/inburgeraars/{traject.inburgeraar_id}/modules/{module}/{stap}"


def _post_activiteit(**kw):
    data = {
        "datum": "2026-11-20",
        "uren": "2,5",
        "soort": "excursie",
        "omschrijving": "Bezoek aan het stadhuis",
        "kernwaarden": ["participatie"],
        "uitvoerder": "Vluchtelingenwerk",
    }
    data.update(kw)
    return data


def test_pagina_toont_stand(als, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert, uren=Decimal(5), omschrijving="Workshop over vrijheid")
    html = als(adviseur_weert).get(_url(zaak)).content.decode()
    assert "Participatieverklaringstraject (PVT)" in html
    assert "Workshop over vrijheid" in html
    assert 'id="uren-gedaan">5 uur' in html and 'id="uren-nog">11 uur' in html
    assert 'id="uren-gepland">16 uur' in html
    assert 'id="activiteitformulier"' in html and 'id="afrondformulier"' in html
    assert "Vul &#x27;verwijtbaar&#x27; alleen in" in html
    assert "<caption" in html and 'scope="col"' in html


def test_activiteit_toevoegen(als, adviseur_weert, zaak):
    antwoord = als(adviseur_weert).post(_url(zaak), _post_activiteit())
    assert antwoord.status_code == 302
    a = Activiteit.objects.get()
    assert (a.uren, a.soort, a.kernwaarden, a.module) == (
        Decimal("2.5"),
        "excursie",
        ["participatie"],
        "pvt",
    )


@pytest.mark.parametrize(
    ("kw", "tekst"),
    [
        ({"uren": "-3"}, "Het aantal uren moet meer dan 0 zijn."),
        ({"uren": "drie"}, "Vul bij &#x27;Aantal uren&#x27; een getal in"),
        ({"uren": "30"}, "Een activiteit duurt hooguit 24 uur."),
        ({"datum": "2026-12-24"}, "De datum mag niet in de toekomst liggen."),
        ({"datum": "31-02-2026"}, "geldige datum"),
        (
            {"soort": "werkbezoek"},
            "Kies bij &#x27;Soort activiteit&#x27; een van de mogelijkheden.",
        ),
        ({"omschrijving": ""}, "Vul &#x27;Omschrijving&#x27; in."),
        ({"kernwaarden": ["moed"]}, "Kies bij &#x27;Kernwaarden&#x27; een van de mogelijkheden."),
    ],
)
def test_foute_invoer_nederlandse_fout_niets_opgeslagen(als, adviseur_weert, zaak, kw, tekst):
    antwoord = als(adviseur_weert).post(_url(zaak), _post_activiteit(**kw))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="foutsamenvatting"' in html
    assert tekst in html
    assert not Activiteit.objects.exists()


def test_map_in_onderwijsroute_weigert(als, adviseur_weert, zaak_o):
    client = als(adviseur_weert)
    html = client.get(_url(zaak_o, "map")).content.decode()
    assert 'id="map-niet-van-toepassing"' in html and 'id="activiteitformulier"' not in html
    antwoord = client.post(
        _url(zaak_o, "map"), _post_activiteit(soort="werkbezoek", kernwaarden=[])
    )
    assert "B1-route en de Z-route" in antwoord.content.decode()
    assert not Activiteit.objects.exists()


def test_wijzigen_en_verwijderen(als, adviseur_weert, zaak):
    a = activiteit(zaak, adviseur_weert)
    client = als(adviseur_weert)
    url = f"/inburgeraars/{zaak.inburgeraar_id}/modules/activiteiten/{a.pk}/"
    assert client.get(url).status_code == 200
    antwoord = client.post(url, _post_activiteit(uren="-1"))
    assert "Het aantal uren moet meer dan 0 zijn." in antwoord.content.decode()
    a.refresh_from_db()
    assert a.uren == 4
    assert client.post(url, _post_activiteit(uren="6")).status_code == 302
    a.refresh_from_db()
    assert a.uren == 6 and a.soort == "excursie"
    verwijder = url + "verwijderen/"
    assert "Wilt u deze activiteit verwijderen" in client.get(verwijder).content.decode()
    assert client.post(verwijder).status_code == 302
    assert not Activiteit.objects.exists()


def test_activiteit_van_andere_zaak_404(
    als, adviseur_weert, zaak, zaak_cranendonck, adviseur_cranendonck
):
    a = activiteit(zaak_cranendonck, adviseur_cranendonck)
    client = als(adviseur_weert)
    url = f"/inburgeraars/{zaak.inburgeraar_id}/modules/activiteiten/{a.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "verwijderen/").status_code == 404
    assert Activiteit.objects.filter(pk=a.pk).exists()


def test_ondertekenen_en_melden(als, adviseur_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    antwoord = als(adviseur_weert).post(
        _url(zaak, stap="afronden/"), {"datum": "2026-11-25", "melden": "on"}
    )
    assert antwoord.status_code == 302
    afronding = Afronding.objects.get()
    assert afronding.bericht.body == {"datumOndertekeningPvt": "2026-11-25"}
    html = als(adviseur_weert).get(_url(zaak)).content.decode()
    assert 'id="afronding-datum">25 november 2026' in html
    assert 'id="activiteitformulier"' not in html and 'id="meldformulier"' not in html


@pytest.mark.parametrize(
    ("termijn_eind", "post", "tekst"),
    [
        (date(2029, 10, 2), {"verwijtbaar": "Ja"}, "Laat &#x27;verwijtbaar&#x27; dan leeg."),
        (date(2026, 11, 22), {}, "Geef aan of dat verwijtbaar is: Ja of Nee."),
        (date(2026, 11, 22), {"verwijtbaar": "Soms"}, "Kies bij &#x27;Verwijtbaar&#x27; een van"),
        (date(2029, 10, 2), {"datum": "2026-12-25"}, "mag niet in de toekomst liggen"),
        (date(2029, 10, 2), {"datum": ""}, "Vul &#x27;Datum van de ondertekening&#x27; in."),
    ],
)
def test_ondertekenen_fout_niets_opgeslagen(als, adviseur_weert, zaak, termijn_eind, post, tekst):
    pvt_klaar(zaak, adviseur_weert)
    zaak.termijn_eind = termijn_eind
    zaak.save(update_fields=["termijn_eind"])
    data = {"datum": "2026-11-25", "melden": "on", **post}
    antwoord = als(adviseur_weert).post(_url(zaak, stap="afronden/"), data)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="foutsamenvatting"' in html and tekst in html
    assert not Afronding.objects.exists() and not Bericht.objects.filter(soort="pvt").exists()


def test_ondertekenen_te_weinig_uren(als, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert)
    html = (
        als(adviseur_weert)
        .post(_url(zaak, stap="afronden/"), {"datum": "2026-11-25", "melden": "on"})
        .content.decode()
    )
    assert "minstens 12 uur PVT nodig" in html
    assert "excursie of activiteit over een kernwaarde" in html
    assert not Afronding.objects.exists()


def test_eindgesprek_zonder_melden_dan_melden(als, adviseur_weert, zaak):
    map_activiteit(zaak, adviseur_weert)
    client = als(adviseur_weert)
    antwoord = client.post(
        _url(zaak, "map", "afronden/"),
        {"datum": "2026-11-28", "uitvoerder": "Werk.Kom", "samenvatting": "Wil in de zorg."},
    )
    assert antwoord.status_code == 302
    afronding = Afronding.objects.get()
    assert afronding.bericht is None and afronding.samenvatting == "Wil in de zorg."
    html = client.get(_url(zaak, "map")).content.decode()
    assert 'id="meldformulier"' in html and "Nog niet" in html
    antwoord = client.post(_url(zaak, "map", "melden/"), {"verwijtbaar": "Nee"})
    assert "Laat &#x27;verwijtbaar&#x27; dan leeg." in antwoord.content.decode()
    afronding.refresh_from_db()
    assert afronding.bericht is None
    assert client.post(_url(zaak, "map", "melden/"), {}).status_code == 302
    afronding.refresh_from_db()
    assert afronding.bericht.body == {"datumEindgesprekMap": "2026-11-28"}


def test_eindgesprek_fouten(als, adviseur_weert, zaak):
    html = (
        als(adviseur_weert)
        .post(
            _url(zaak, "map", "afronden/"),
            {"datum": "2026-11-28", "uitvoerder": "", "samenvatting": ""},
        )
        .content.decode()
    )
    assert "Vul &#x27;Uitvoerder van de MAP&#x27; in." in html
    assert "Vul &#x27;Samenvatting van het eindgesprek&#x27; in." in html
    assert not Afronding.objects.exists()


def test_onbekende_module_404(als, adviseur_weert, zaak):
    assert als(adviseur_weert).get(_url(zaak, "xyz")).status_code == 404


def test_casuspagina_toont_sectie(als, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert, uren=Decimal(5))
    html = (
        als(adviseur_weert)
        .get(f"/inburgeraars/{zaak.inburgeraar_id}/dossier/modules/")
        .content.decode()
    )
    assert 'id="modules"' in html and 'id="modules-pvt"' in html
    assert _url(zaak) in html


def test_andere_gemeente_404(als, adviseur_cranendonck, zaak):
    client = als(adviseur_cranendonck)
    assert client.get(_url(zaak)).status_code == 404
    assert client.post(_url(zaak), _post_activiteit()).status_code == 404
    assert client.post(_url(zaak, stap="afronden/"), {"datum": "2026-11-25"}).status_code == 404
    assert not Activiteit.objects.exists()


def test_beleid_ziet_niets(als, beleid, zaak):
    client = als(beleid)
    assert client.get(_url(zaak)).status_code == 404
    assert client.post(_url(zaak), _post_activiteit()).status_code == 404
    assert not Activiteit.objects.exists()


def test_teamleider_leest_maar_schrijft_niet(als, teamleider_weert, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert, omschrijving="Workshop vrijheid")
    client = als(teamleider_weert)
    html = client.get(_url(zaak)).content.decode()
    assert "Workshop vrijheid" in html and 'id="activiteitformulier"' not in html
    assert client.post(_url(zaak), _post_activiteit()).status_code == 403
    assert client.post(_url(zaak, stap="afronden/"), {"datum": "2026-11-25"}).status_code == 403
    assert client.post(_url(zaak, stap="melden/"), {}).status_code == 403
    assert Activiteit.objects.count() == 1
    casus = client.get(f"/inburgeraars/{zaak.inburgeraar_id}/dossier/modules/").content.decode()
    assert 'id="modules"' in casus


def test_aantal_queries_constant(als, adviseur_weert, zaak, django_assert_max_num_queries):
    client = als(adviseur_weert)
    activiteit(zaak, adviseur_weert)
    client.get(_url(zaak))
    with django_assert_max_num_queries(14) as een:
        client.get(_url(zaak))
    for dag in range(3, 25):
        activiteit(zaak, adviseur_weert, datum=date(2026, 11, dag), uren=Decimal(1))
    with django_assert_max_num_queries(len(een.captured_queries)):
        client.get(_url(zaak))


def test_geweigerde_melding_opnieuw_melden(als, adviseur_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    client = als(adviseur_weert)
    client.post(_url(zaak, stap="afronden/"), {"datum": "2026-11-25", "melden": "on"})
    Bericht.objects.filter(soort="pvt").update(
        status=Bericht.Status.GEWEIGERD, foutteksten=["De datum klopt niet."]
    )
    html = client.get(_url(zaak)).content.decode()
    assert 'id="duo-geweigerd"' in html and "De datum klopt niet." in html
    assert 'id="meldformulier"' in html
    assert client.post(_url(zaak, stap="melden/"), {}).status_code == 302
    assert Bericht.objects.filter(soort="pvt", status=Bericht.Status.WACHTEND).count() == 1


@pytest.mark.parametrize(("invoer", "uren"), [("2,5", "2.5"), ("1.5", "1.5"), ("3", "3")])
def test_uren_met_komma_of_punt(als, adviseur_weert, zaak, invoer, uren):
    assert als(adviseur_weert).post(_url(zaak), _post_activiteit(uren=invoer)).status_code == 302
    assert Activiteit.objects.get().uren == Decimal(uren)
