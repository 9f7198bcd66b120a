"""The PVT and MAP API: 200/201/204, 400 with Dutch field errors and nothing saved, 403, 404."""

from datetime import date
from decimal import Decimal

import pytest

from koers.duo.models import Bericht
from koers.modules.models import Activiteit, Afronding
from tests.modules.conftest import activiteit, map_activiteit, pvt_klaar

pytestmark = pytest.mark.django_db


def _url(traject, pad=""):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/{pad}"


ACT = {
    "datum": "2026-11-20",
    "uren": 2.5,
    "soort": "excursie",
    "omschrijving": "Bezoek aan het stadhuis",
    "kernwaarden": ["participatie"],
}


def test_stand_pvt(api, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert, uren=Decimal(5))
    antwoord = api(adviseur_weert).get(_url(zaak, "pvt"))
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["module"] == "pvt" and data["uren_gedaan"] == 5.0
    assert data["uren_gepland"] == 16 and data["uren_nog"] == 11.0
    assert data["minimum_uren"] == 12.0 and data["kernwaarde_gedaan"] is False
    assert data["termijn_eind"] == "2029-10-02" and data["afronding"] is None
    assert data["activiteiten"][0]["soort"] == "workshop"


def test_stand_map_onderwijsroute(api, adviseur_weert, zaak_o):
    data = api(adviseur_weert).get(_url(zaak_o, "map")).json()
    assert data["van_toepassing"] is False and data["minimum_uren"] is None


def test_activiteit_toevoegen_wijzigen_verwijderen(api, adviseur_weert, zaak):
    client = api(adviseur_weert)
    antwoord = client.post(_url(zaak, "pvt/activiteiten"), ACT, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["uren"] == 2.5 and data["module"] == "pvt"
    assert antwoord["Location"].endswith(f"/pvt/activiteiten/{data['id']}")
    detail = _url(zaak, f"pvt/activiteiten/{data['id']}")
    assert client.get(detail).json()["omschrijving"] == "Bezoek aan het stadhuis"
    antwoord = client.patch(detail, {"uren": 3}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["uren"] == 3.0
    assert client.get(_url(zaak, f"map/activiteiten/{data['id']}")).status_code == 404
    assert client.delete(detail).status_code == 204
    assert not Activiteit.objects.exists()


@pytest.mark.parametrize(
    ("body", "veld", "tekst"),
    [
        ({"uren": -3}, "uren", "Het aantal uren moet meer dan 0 zijn."),
        ({"uren": 30}, "uren", "Een activiteit duurt hooguit 24 uur."),
        ({"uren": "veel"}, "uren", "Vul bij de uren een getal in"),
        ({"uren": 1.25}, "uren", "hooguit 1 cijfer na de komma"),
        ({"datum": "2026-12-24"}, "datum", "De datum mag niet in de toekomst liggen."),
        ({"datum": "24-12-2026"}, "datum", "Vul een geldige datum in"),
        ({"soort": "werkbezoek"}, "soort", "Kies een soort activiteit: workshop, excursie"),
        ({"soort": "feest"}, "soort", "Kies een soort uit de lijst."),
        ({"kernwaarden": ["moed"]}, "kernwaarden.0", "Kies alleen uit vrijheid"),
        ({"omschrijving": ""}, "omschrijving", "Beschrijf kort"),
        ({"omschrijving": "a\x00b"}, "omschrijving", "nul-teken"),
        ({"omschrijving": "x" * 501}, "omschrijving", "te lang"),
        ({"uren": "NaN"}, "uren", ""),
        ({"uren": "Infinity"}, "uren", ""),
        ({"uren": "1e999"}, "uren", ""),
        ({"datum": "0000-00-00"}, "datum", "Vul een geldige datum in"),
        ({"kernwaarden": "vrijheid"}, "kernwaarden", ""),
        ({"kernwaarden": ["vrijheid"] * 5}, "kernwaarden", "hooguit één keer"),
    ],
)
def test_foute_activiteit_400(api, adviseur_weert, zaak, body, veld, tekst):
    antwoord = api(adviseur_weert).post(
        _url(zaak, "pvt/activiteiten"), {**ACT, **body}, format="json"
    )
    assert antwoord.status_code == 400
    fouten = antwoord.json()["fouten"]
    assert any(tekst in t for t in fouten[veld]), fouten
    assert not Activiteit.objects.exists()


def test_map_activiteit_en_eindgesprek(api, adviseur_weert, zaak):
    client = api(adviseur_weert)
    antwoord = client.post(
        _url(zaak, "map/activiteiten"),
        {
            "datum": "2026-11-10",
            "uren": 4,
            "soort": "werkbezoek",
            "omschrijving": "Werkbezoek bij een zorginstelling",
            "uitvoerder": "Werk.Kom",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    antwoord = client.post(
        _url(zaak, "map/eindgesprek"),
        {"datum": "2026-11-28", "samenvatting": "Wil in de zorg werken."},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    data = antwoord.json()
    assert data["afronding"]["uitvoerder"] == "Werk.Kom"
    assert data["afronding"]["gemeld_aan_duo"] is True
    assert data["afronding"]["duo_status"] == "wachtend"
    assert Bericht.objects.get(soort="map").body == {"datumEindgesprekMap": "2026-11-28"}


def test_ondertekenen(api, adviseur_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    antwoord = api(adviseur_weert).post(
        _url(zaak, "pvt/ondertekenen"), {"datum": "2026-11-25"}, format="json"
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["afronding"]["datum"] == "2026-11-25"
    assert Bericht.objects.get(soort="pvt").body == {"datumOndertekeningPvt": "2026-11-25"}


@pytest.mark.parametrize(
    ("termijn_eind", "body", "veld", "tekst"),
    [
        (date(2029, 10, 2), {"verwijtbaar": "Nee"}, "verwijtbaar", "dan leeg"),
        (date(2026, 11, 22), {}, "verwijtbaar", "Geef aan of dat verwijtbaar is"),
        (date(2026, 11, 22), {"verwijtbaar": "ja"}, "verwijtbaar", "Verwijtbaar is Ja of Nee"),
        (date(2029, 10, 2), {"datum": "2026-12-25"}, "datum", "toekomst"),
        (date(2029, 10, 2), {"datum": None}, "datum", "Vul de datum in."),
    ],
)
def test_ondertekenen_400_niets_opgeslagen(
    api, adviseur_weert, zaak, termijn_eind, body, veld, tekst
):
    pvt_klaar(zaak, adviseur_weert)
    zaak.termijn_eind = termijn_eind
    zaak.save(update_fields=["termijn_eind"])
    antwoord = api(adviseur_weert).post(
        _url(zaak, "pvt/ondertekenen"), {"datum": "2026-11-25", **body}, format="json"
    )
    assert antwoord.status_code == 400
    assert any(tekst in t for t in antwoord.json()["fouten"][veld]), antwoord.json()
    assert not Afronding.objects.exists() and not Bericht.objects.filter(soort="pvt").exists()


def test_ondertekenen_te_weinig_uren(api, adviseur_weert, zaak):
    antwoord = api(adviseur_weert).post(
        _url(zaak, "pvt/ondertekenen"), {"datum": "2026-11-25"}, format="json"
    )
    assert antwoord.status_code == 400
    assert set(antwoord.json()["fouten"]) == {"uren", "kernwaarden"}


def test_later_melden(api, adviseur_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    client = api(adviseur_weert)
    antwoord = client.post(
        _url(zaak, "pvt/ondertekenen"), {"datum": "2026-11-25", "melden": False}, format="json"
    )
    assert antwoord.json()["afronding"]["gemeld_aan_duo"] is False
    antwoord = client.post(_url(zaak, "pvt/melden"), {}, format="json")
    assert antwoord.status_code == 200
    assert antwoord.json()["afronding"]["gemeld_aan_duo"] is True
    assert client.post(_url(zaak, "pvt/melden"), {}, format="json").status_code == 400


def test_andere_gemeente_404(api, adviseur_cranendonck, zaak):
    client = api(adviseur_cranendonck)
    assert client.get(_url(zaak, "pvt")).status_code == 404
    assert client.post(_url(zaak, "pvt/activiteiten"), ACT, format="json").status_code == 404
    assert not Activiteit.objects.exists()


@pytest.mark.parametrize("gebruiker", ["beleid", "financien"])
def test_beleid_en_financien_zien_niets(api, zaak, request, gebruiker):
    client = api(request.getfixturevalue(gebruiker))
    assert client.get(_url(zaak, "pvt")).status_code in (403, 404)
    assert client.post(_url(zaak, "map/activiteiten"), ACT, format="json").status_code in (403, 404)
    assert not Activiteit.objects.exists()


def test_teamleider_leest_maar_schrijft_niet(api, teamleider_weert, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert)
    client = api(teamleider_weert)
    assert client.get(_url(zaak, "pvt/activiteiten")).status_code == 200
    assert client.post(_url(zaak, "pvt/activiteiten"), ACT, format="json").status_code == 403
    assert (
        client.post(
            _url(zaak, "pvt/ondertekenen"), {"datum": "2026-11-25"}, format="json"
        ).status_code
        == 403
    )
    assert Activiteit.objects.count() == 1


def test_niet_ingelogd(api, zaak):
    assert api().get(_url(zaak, "pvt")).status_code == 401


def test_lijst_aantal_queries_constant(api, adviseur_weert, zaak, django_assert_max_num_queries):
    client = api(adviseur_weert)
    map_activiteit(zaak, adviseur_weert)
    client.get(_url(zaak, "map/activiteiten"))
    with django_assert_max_num_queries(10) as een:
        assert len(client.get(_url(zaak, "map/activiteiten")).json()) == 1
    for dag in range(6, 26):
        map_activiteit(zaak, adviseur_weert, datum=date(2026, 11, dag))
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get(_url(zaak, "map/activiteiten")).json()) == 21
    with django_assert_max_num_queries(len(een.captured_queries) + 3):
        client.get(_url(zaak, "map"))
