"""The happy path through the API, as a partner system would walk it."""

import pytest

from koers.inburgeraars.models import Gebeurtenis
from koers.intake import rules as intake_rules
from tests.api.conftest import nieuwe_inburgeraar, volledige_intake
from tests.factories import valid_bsn

pytestmark = pytest.mark.django_db


def test_aanmelden_intake_pip_en_beschikking(api, vandaag, adviseur_weert, weert):
    client = api(adviseur_weert)

    # Aanmelden.
    response = client.post("/api/v1/inburgeraars", nieuwe_inburgeraar(valid_bsn(1)), format="json")
    assert response.status_code == 201, response.json()
    inburgeraar = response.json()
    pk = inburgeraar["id"]
    assert response["Location"].endswith(f"/api/v1/inburgeraars/{pk}")
    assert inburgeraar["status"] == "aangemeld"
    assert inburgeraar["gemeentecode"] == "0988"
    assert inburgeraar["doelgroepindeling"] == "Asielstatushouder"
    assert inburgeraar["pip_uiterlijk"] == "2026-11-10"  # ten weeks after 1 September
    assert inburgeraar["adviseur"] is None

    # A draft intake with one topic.
    url = f"/api/v1/inburgeraars/{pk}/brede-intake"
    response = client.put(
        url,
        {
            "plaats": "azc",
            "onderwerpen": {"opleiding": {"toelichting": "Middelbare school in Aleppo."}},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    intake = response.json()
    assert intake["status"] == "concept"
    assert intake["onderwerpen"]["opleiding"] == {"toelichting": "Middelbare school in Aleppo."}
    assert client.get(f"/api/v1/inburgeraars/{pk}").json()["status"] == "brede_intake"

    # Afronden is refused with exactly what is still missing.
    response = client.post(f"{url}/afronden", format="json")
    assert response.status_code == 400
    fouten = response.json()["fouten"]
    # Only the law's minimum and the intake's date block; the startnotitie's topics and
    # Positieve Gezondheid are listed as still open but do not
    # (koers.intake.rules.ontbrekend_minimum, afronden_datum_fouten).
    assert set(fouten) == set(intake_rules.ontbrekend_minimum(intake["ontbrekend"])) | {"datum"}
    assert "onderwerpen.opleiding.hoogste_niveau" in fouten
    assert "onderwerpen.gezondheid.toelichting" in fouten
    assert "positieve_gezondheid.meedoen.score" in intake["ontbrekend"]
    assert "positieve_gezondheid.meedoen.score" not in fouten
    assert "onderwerpen.opleiding.toelichting" not in fouten
    assert "plaats" not in fouten
    assert all(isinstance(teksten, list) and teksten for teksten in fouten.values())

    # Complete it, then afronden succeeds.
    response = client.put(url, volledige_intake(), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["ontbrekend"] == {}
    response = client.post(f"{url}/afronden", format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "afgerond"

    # A PIP concept, then vaststellen.
    response = client.post(
        f"/api/v1/inburgeraars/{pk}/pips",
        {
            "dagtekening": "2026-09-30",
            "leerroute": "B",
            "niveau": "B1",
            "geschatte_intensiteit_b1_route": 600,
            "alfabetisering": "NVT",
            "doelen": {"meedoen": "Vrijwilligerswerk bij de voedselbank."},
            "pvt_uren": 12,
            "map_uren": 10,
            "ontzorgen": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pip = response.json()
    assert (pip["versie"], pip["status"], pip["fouten"]) == (1, "concept", {})
    assert pip["beschikking_url"] is None

    response = client.post(f"/api/v1/inburgeraars/{pk}/pips/1/vaststellen", format="json")
    assert response.status_code == 200, response.json()
    pip = response.json()
    assert pip["status"] == "vastgesteld"
    assert pip["vastgesteld_op"]
    assert pip["beschikking_url"].endswith(f"/api/v1/inburgeraars/{pk}/pips/1/beschikking")

    inburgeraar = client.get(f"/api/v1/inburgeraars/{pk}").json()
    assert inburgeraar["status"] == "pip_vastgesteld"
    assert (inburgeraar["termijn_start"], inburgeraar["termijn_eind"]) == (
        "2026-10-01",
        "2029-10-01",
    )

    response = client.get(pip["beschikking_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")

    # A client that asks for PDF explicitly gets it too.
    response = client.get(pip["beschikking_url"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

    soorten = set(
        Gebeurtenis.objects.filter(traject__inburgeraar_id=pk).values_list("soort", flat=True)
    )
    assert {"aangemeld", "intake_afgerond", "pip_vastgesteld"} <= soorten


def test_status_en_adviseur(api, teamleider_weert, adviseur_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    client = api(teamleider_weert)

    response = client.post(
        f"/api/v1/inburgeraars/{pk}/adviseur", {"username": "alice"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["adviseur"] == "alice"

    response = client.post(
        f"/api/v1/inburgeraars/{pk}/adviseur", {"username": "tessa"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fouten"]) == ["username"]

    response = client.post(f"/api/v1/inburgeraars/{pk}/adviseur", {"username": None}, format="json")
    assert response.status_code == 200 and response.json()["adviseur"] is None

    response = client.post(
        f"/api/v1/inburgeraars/{pk}/status", {"status": "afgerond"}, format="json"
    )
    assert response.status_code == 400
    assert "reden" in response.json()["fouten"]["status"][0]

    response = client.post(
        f"/api/v1/inburgeraars/{pk}/status",
        {"status": "afgerond", "reden": "verhuisd", "toelichting": "Naar Venlo."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["afrondingsreden"]) == (
        "afgerond",
        "verhuisd",
    )

    # The adviseur may not assign cases.
    response = api(adviseur_weert).post(
        f"/api/v1/inburgeraars/{pk}/adviseur", {"username": "alice"}, format="json"
    )
    assert response.status_code == 403


def test_gegevens_wijzigen_alleen_meegestuurde_velden(api, adviseur_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    client = api(adviseur_weert)
    voor = client.get(f"/api/v1/inburgeraars/{pk}").json()

    response = client.patch(
        f"/api/v1/inburgeraars/{pk}",
        {"telefoon": "06-12345678", "derde_informatie_ontvangen": "2026-11-05"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    na = response.json()
    assert na["telefoon"] == "06-12345678"
    assert na["voornamen"] == voor["voornamen"]
    # Ten weeks from 1 September ends on 10 November; information from a third party on
    # 5 November moves it to two weeks after that.
    assert na["pip_uiterlijk"] == "2026-11-19"
    assert client.get(f"/api/v1/inburgeraars/{pk}").json() == na


def test_pip_concept_wijzigen_en_tweede_post_geweigerd(api, vandaag, adviseur_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    client = api(adviseur_weert)
    assert (
        client.post(
            f"/api/v1/inburgeraars/{pk}/pips", {"leerroute": "Z"}, format="json"
        ).status_code
        == 201
    )

    response = client.post(f"/api/v1/inburgeraars/{pk}/pips", {"leerroute": "B"}, format="json")
    assert response.status_code == 400
    assert "versie 1" in response.json()["fouten"]["__all__"][0]

    response = client.patch(
        f"/api/v1/inburgeraars/{pk}/pips/1",
        {"toelichting_leerroute": "Past bij haar."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    pip = response.json()
    assert (pip["leerroute"], pip["toelichting_leerroute"]) == ("Z", "Past bij haar.")
    assert "dagtekening" in pip["fouten"]

    assert client.get(f"/api/v1/inburgeraars/{pk}/pips").json() == [pip]
    assert client.get(f"/api/v1/inburgeraars/{pk}/pips/2").status_code == 404
    assert client.get(f"/api/v1/inburgeraars/{pk}/pips/1/beschikking").status_code == 404


def test_gemeenten(api, beleid, weert, cranendonck):
    response = api(beleid).get("/api/v1/gemeenten")
    assert response.status_code == 200
    assert {
        "gemeentecode": "0988",
        "naam": "Weert",
        "oin": "00000001001234567890",
    } in response.json()
