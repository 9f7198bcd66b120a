"""The ketenpartner API: the flow for adviseur and partner, 400 with Dutch field errors,
404 outside reach, the taakverdeling."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.partners import services
from koers.partners.models import Taakverdeling, Verwijzing
from koers.verwerkingen.models import Verwerking
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def test_flow_via_de_api(zaak, werkkom, wim, adviseur_weert, api):
    adviseur = api(adviseur_weert)
    pad = f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/verwijzingen"
    antwoord = adviseur.post(
        pad, {"taak": "map", "organisatie_id": werkkom.pk, "vraag": "Graag de MAP."}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.content
    v = antwoord.json()
    assert (v["taak"], v["status"], v["organisatie"]) == ("map", "aangeboden", "Werk.Kom")
    partner = api(wim)
    lijst = partner.get("/api/v1/verwijzingen").json()["results"]
    assert [r["id"] for r in lijst] == [v["id"]]
    assert lijst[0]["naam"] == zaak.inburgeraar.volledige_naam
    assert partner.post(f"/api/v1/verwijzingen/{v['id']}/accepteren").status_code == 200
    rapport = partner.post(
        f"/api/v1/verwijzingen/{v['id']}/voortgang",
        {
            "datum": "2026-11-10",
            "uren": "6.5",
            "afspraken_gepland": 4,
            "afspraken_aanwezig": 3,
            "resultaten": "Cv gemaakt.",
        },
        format="json",
    )
    assert rapport.status_code == 201, rapport.content
    assert rapport.json()["uren"] == "6.5"
    casus = adviseur.get(pad).json()
    assert (
        casus[0]["status"] == "lopend" and casus[0]["rapportages"][0]["resultaten"] == "Cv gemaakt."
    )
    assert partner.get(pad).status_code == 200
    dicht = partner.post(
        f"/api/v1/verwijzingen/{v['id']}/afsluiten", {"resultaat": "behaald"}, format="json"
    )
    assert dicht.status_code == 200 and dicht.json()["status"] == "afgesloten"
    assert partner.get("/api/v1/verwijzingen").json()["results"] == []
    assert adviseur.get(f"/api/v1/verwijzingen/{v['id']}").json()["resultaat"] == "behaald"
    # The partner's reads are in the verwerkingenlogging, channel API.
    assert Verwerking.objects.filter(actor_id=wim.pk, handeling="lezen", kanaal="api").exists()


def test_fouten_zijn_400_met_velden(zaak, werkkom, taalcentrum, wim, adviseur_weert, api, verwijs):
    adviseur = api(adviseur_weert)
    pad = f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/verwijzingen"
    for body, veld in [
        ({"taak": "pip", "organisatie_id": werkkom.pk}, "taak"),
        ({"taak": "map", "organisatie_id": taalcentrum.pk}, "organisatie"),
        ({"taak": "map", "organisatie_id": 999999}, "organisatie_id"),
        ({"taak": "vliegen", "organisatie_id": werkkom.pk}, "taak"),
        ({"taak": "map"}, "organisatie_id"),
    ]:
        antwoord = adviseur.post(pad, body, format="json")
        assert antwoord.status_code == 400, body
        assert veld in antwoord.json()["fouten"], antwoord.json()
    assert not Verwijzing.objects.exists()
    v = verwijs(zaak, werkkom)
    partner = api(wim)
    antwoord = partner.post(
        f"/api/v1/verwijzingen/{v.pk}/voortgang",
        {"datum": "2026-11-10", "uren": "2"},
        format="json",
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"]["__all__"] == ["Accepteer de verwijzing eerst."]
    antwoord = partner.post(f"/api/v1/verwijzingen/{v.pk}/afwijzen", {"reden": ""}, format="json")
    assert antwoord.status_code == 400 and "reden" in antwoord.json()["fouten"]
    antwoord = partner.post(f"/api/v1/verwijzingen/{v.pk}/accepteren")
    assert antwoord.status_code == 200
    antwoord = partner.post(
        f"/api/v1/verwijzingen/{v.pk}/voortgang",
        {"datum": "2026-11-10", "uren": "999"},
        format="json",
    )
    assert antwoord.status_code == 400 and "uren" in antwoord.json()["fouten"]


def test_partner_verwijst_niet_via_de_api(zaak, werkkom, wim, verwijs, api):
    v = verwijs(zaak, werkkom)
    partner = api(wim)
    partner.post(f"/api/v1/verwijzingen/{v.pk}/accepteren")
    antwoord = partner.post(
        f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/verwijzingen",
        {"taak": "pvt", "organisatie_id": werkkom.pk},
        format="json",
    )
    assert antwoord.status_code == 403
    antwoord = partner.post(f"/api/v1/verwijzingen/{v.pk}/intrekken", {}, format="json")
    assert antwoord.status_code == 400
    assert Verwijzing.objects.count() == 1


def test_status_filter(zaak, werkkom, verwijs, adviseur_weert, api):
    verwijs(zaak, werkkom)
    client = api(adviseur_weert)
    assert len(client.get("/api/v1/verwijzingen?status=aangeboden").json()["results"]) == 1
    assert client.get("/api/v1/verwijzingen?status=lopend").json()["results"] == []
    assert client.get("/api/v1/verwijzingen?status=onzin").json()["results"] == []


def test_taakverdeling_api(weert, werkkom, adviseur_weert, beleid, financien, wim, api):
    Taakverdeling.objects.create(
        gemeente=weert, taak="begeleiding_naar_werk", schaal="subregionaal", uitvoerder=werkkom
    )
    Taakverdeling.objects.create(
        gemeente=weert, taak="pip", schaal="lokaal", uitvoerder=weert.organisatie
    )
    for user in (adviseur_weert, beleid):
        rijen = api(user).get("/api/v1/taakverdeling").json()
        assert [r["taak"] for r in rijen] == ["pip", "begeleiding_naar_werk"]
        assert rijen[1]["uitvoerder"] == "Werk.Kom" and rijen[1]["verwijsbaar"] is True
        assert rijen[0]["verwijsbaar"] is False
    for user in (financien, wim):
        assert api(user).get("/api/v1/taakverdeling").status_code == 403


def test_api_lijst_heeft_een_vast_aantal_queries(weert, werkkom, wim, adviseur_weert, api):
    def maak(aantal):
        for _ in range(aantal):
            traject = TrajectFactory(
                inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur_weert
            )
            v = services.verwijs(traject, adviseur_weert, taak="map", organisatie=werkkom)
            services.accepteer(v, wim)
            services.rapporteer(v, wim, datum=dt.date(2026, 11, 10), uren=Decimal("1"))

    client = api(wim)
    maak(2)
    client.get("/api/v1/verwijzingen")
    with CaptureQueriesContext(connection) as weinig:
        client.get("/api/v1/verwijzingen")
    maak(6)
    with CaptureQueriesContext(connection) as veel:
        assert len(client.get("/api/v1/verwijzingen").json()["results"]) == 8
    assert len(veel) == len(weinig)
