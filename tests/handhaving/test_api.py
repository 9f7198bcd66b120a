"""The handhaving API: the whole path, field errors, PDFs, access and a constant number of
queries for the list."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.handhaving import services
from koers.handhaving.models import Boetebesluit, Handhavingszaak
from tests.handhaving.conftest import hoor, zaak_tot_hoorzitting

pytestmark = pytest.mark.django_db


def _url(naam, traject, **kwargs):
    return reverse(f"api:handhaving-{naam}", kwargs={"pk": traject.inburgeraar.pk, **kwargs})


def test_hele_weg_via_api(api, adviseur_weert, gezin_weert):
    client = api(adviseur_weert)
    antwoord = client.post(
        _url("zaken", gezin_weert),
        {"verzuim": "lessen", "datum": "2026-11-01", "omschrijving": "Niet naar de les."},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    zaak_id = antwoord.json()["id"]
    assert antwoord["Location"].endswith(f"/handhaving/{zaak_id}")
    assert antwoord.json()["stand"] == "Verzuim vastgelegd"

    def post(stap, data):
        a = client.post(_url(stap, gezin_weert, zaak_id=zaak_id), data, format="json")
        assert a.status_code == 200, a.json()
        return a.json()

    post("waarschuwing", {"datum": "2026-11-02"})
    data = post(
        "voornemen",
        {
            "datum": "2026-11-03",
            "voorschrift": "Wi2021 artikel 16",
            "bedrag": 250,
            "route": "hoorzitting",
            "hoorzitting_datum": "2026-11-18",
            "hoorzitting_plaats": "Stadhuis",
        },
    )
    voornemen = data["voornemens"][0]
    assert voornemen["cautie_vereist"] is True
    assert voornemen["beslissen_uiterlijk"] == "2027-02-02"  # Awb 5:51: 13 weeks
    # Without the cautie (Awb 5:10a) the hoorzitting is not recorded: 400.
    zonder = client.post(
        _url("zienswijze", gezin_weert, zaak_id=zaak_id),
        {"datum": "2026-11-18", "aanwezig": "Yusuf", "zienswijze": "Had geen oppas."},
        format="json",
    )
    assert zonder.status_code == 400 and "cautie_gegeven" in zonder.json()["fouten"]
    post(
        "zienswijze",
        {
            "datum": "2026-11-18",
            "cautie_gegeven": True,
            "aanwezig": "Yusuf",
            "zienswijze": "Had geen oppas.",
        },
    )
    data = post("boete", {"datum": "2026-11-20", "bedrag": 250, "motivering": "Geen reden."})
    assert data["stand"] == "Boete opgelegd"
    assert [(b["bedrag"], b["voorschrift"]) for b in data["boetes"]] == [(250, "Wi2021 artikel 16")]
    assert [b["soort"] for b in data["brieven"]] == ["waarschuwing", "voornemen", "boete"]
    pdf = client.get(data["brieven"][-1]["url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    lijst = client.get(_url("zaken", gezin_weert)).json()
    assert [z["id"] for z in lijst] == [zaak_id]
    assert client.get(_url("zaak", gezin_weert, zaak_id=zaak_id)).json()["id"] == zaak_id


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"datum": "2026-11-20", "bedrag": 900, "motivering": "x"}, "bedrag"),
        ({"datum": "2026-11-20", "bedrag": 0, "motivering": "x"}, "bedrag"),
        ({"datum": "2026-11-20", "bedrag": "veel", "motivering": "x"}, "bedrag"),
        ({"datum": "2026-11-21", "bedrag": 250, "motivering": "x"}, "datum"),
        ({"datum": "morgen", "bedrag": 250, "motivering": "x"}, "datum"),
        ({"datum": "2026-11-20", "bedrag": 250}, "motivering"),
    ],
)
def test_boete_foute_invoer_400(api, adviseur_weert, gezin_weert, data, veld):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    antwoord = api(adviseur_weert).post(
        _url("boete", gezin_weert, zaak_id=zaak.pk), data, format="json"
    )
    assert antwoord.status_code == 400
    assert veld in antwoord.json()["fouten"]
    assert not Boetebesluit.objects.exists()


def test_volgorde_en_asiel_400(api, adviseur_weert, asiel_weert):
    client = api(adviseur_weert)
    zaak = services.open_zaak(
        asiel_weert,
        adviseur_weert,
        {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"},
    )
    boete = {"datum": "2026-11-20", "bedrag": 250, "motivering": "x"}
    antwoord = client.post(_url("boete", asiel_weert, zaak_id=zaak.pk), boete, format="json")
    assert antwoord.status_code == 400
    assert "asielstatushouder" in antwoord.json()["fouten"]["__all__"][0]
    antwoord = client.post(
        _url("voornemen", asiel_weert, zaak_id=zaak.pk),
        {
            "datum": "2026-11-20",
            "voorschrift": "Wi2021",
            "bedrag": 250,
            "route": "schriftelijk",
            "zienswijze_tot": "2026-12-04",
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert "waarschuwing" in antwoord.json()["fouten"]["__all__"][0]
    antwoord = client.post(
        _url("zienswijze", asiel_weert, zaak_id=zaak.pk),
        {"datum": "2026-11-20", "niet_gereageerd": True},
        format="json",
    )
    assert antwoord.status_code == 400
    assert "geen voornemen" in antwoord.json()["fouten"]["__all__"][0]


def test_verzuim_foute_invoer(api, adviseur_weert, gezin_weert):
    antwoord = api(adviseur_weert).post(
        _url("zaken", gezin_weert), {"verzuim": "fietsen", "datum": "2026-13-01"}, format="json"
    )
    assert antwoord.status_code == 400
    assert set(antwoord.json()["fouten"]) == {"verzuim", "datum", "omschrijving"}
    assert not Handhavingszaak.objects.exists()


def test_teamleider_leest_adviseur_handelt(api, teamleider_weert, adviseur_weert, gezin_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    client = api(teamleider_weert)
    assert client.get(_url("zaken", gezin_weert)).status_code == 200
    assert client.get(_url("duo-boetes", gezin_weert)).status_code == 200
    brief = zaak.brieven.first()
    assert client.get(_url("brief", gezin_weert, brief_id=brief.pk)).status_code == 200
    assert (
        client.post(
            _url("zaken", gezin_weert),
            {"verzuim": "map", "datum": "2026-11-01", "omschrijving": "x"},
            format="json",
        ).status_code
        == 403
    )
    assert (
        client.post(
            _url("afsluiten", gezin_weert, zaak_id=zaak.pk), {"toelichting": "x"}, format="json"
        ).status_code
        == 403
    )
    assert client.post(_url("duo-boetes", gezin_weert)).status_code == 403


def test_beleid_403_andere_gemeente_404(
    api, beleid, adviseur_cranendonck, adviseur_weert, gezin_weert
):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    assert api(beleid).get(_url("zaken", gezin_weert)).status_code == 404
    buiten = api(adviseur_cranendonck)
    assert buiten.get(_url("zaken", gezin_weert)).status_code == 404
    assert buiten.get(_url("zaak", gezin_weert, zaak_id=zaak.pk)).status_code == 404
    assert (
        buiten.post(_url("boete", gezin_weert, zaak_id=zaak.pk), {}, format="json").status_code
        == 404
    )
    assert api().get(_url("zaken", gezin_weert)).status_code in (401, 403)


def test_onbekende_zaak_en_brief_404(api, adviseur_weert, gezin_weert, asiel_weert):
    zaak = zaak_tot_hoorzitting(asiel_weert, adviseur_weert)
    client = api(adviseur_weert)
    assert client.get(_url("zaak", gezin_weert, zaak_id=zaak.pk)).status_code == 404
    brief = zaak.brieven.first()
    assert client.get(_url("brief", gezin_weert, brief_id=brief.pk)).status_code == 404
    assert (
        client.post(
            _url("waarschuwing", gezin_weert, zaak_id=zaak.pk),
            {"datum": "2026-11-01"},
            format="json",
        ).status_code
        == 404
    )


def test_lijst_constant_aantal_queries(
    api, adviseur_weert, gezin_weert, django_assert_max_num_queries
):
    client = api(adviseur_weert)
    zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        assert len(client.get(_url("zaken", gezin_weert)).json()) == 1
    for _ in range(5):
        zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
        hoor(zaak, adviseur_weert)
        services.besluit_boete(
            zaak, adviseur_weert, {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
        )
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get(_url("zaken", gezin_weert)).json()) == 6


def test_duo_get_zonder_opvraging(api, adviseur_weert, gezin_weert):
    client = api(adviseur_weert)
    boetes = client.get(_url("duo-boetes", gezin_weert)).json()
    assert boetes == {"opgehaald_op": None, "boetes": []}
    verlengingen = client.get(_url("duo-verlengingen", gezin_weert)).json()
    assert verlengingen["verlenging_aanvragen_vanaf"] == "2028-07-15"
    # Every ground of the Regeling with its route, also before DUO was asked.
    routes = {g["code"]: g["route"] for g in verlengingen["gronden"]}
    assert routes["ambtshalve"] == "ambtshalve" and routes["ziekte"] == "aanvraag"
    assert verlengingen["duo_gronden"] == []
