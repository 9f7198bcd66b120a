"""The API of begeleiding, ontzorgen and duale trajecten."""

import datetime as dt
from decimal import Decimal

from koers.begeleiding import services
from koers.begeleiding.models import Betaling, ChecklistItem, DuaalTraject, Ontzorgen
from tests.begeleiding.conftest import START
from tests.factories import InburgeraarFactory, OrganisatieFactory, TrajectFactory


def pad(traject, deel):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/{deel}"


def test_begeleiding_lezen_en_opslaan(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    leeg = client.get(pad(traject_weert, "begeleiding"))
    assert leeg.status_code == 200
    assert len(leeg.json()["checklist"]) == 11 and leeg.json()["zelfredzaamheid_laatst"] is None
    partner = OrganisatieFactory(naam="VluchtelingenWerk", soort="vluchtelingenwerk")
    antwoord = client.put(
        pad(traject_weert, "begeleiding"),
        {
            "partner": partner.pk,
            "zelfredzaamheid": 3,
            "zelfredzaamheid_datum": "2026-11-01",
            "checklist": [
                {"onderwerp": "huisarts", "status": "klaar", "datum": "2026-10-20", "door": "VWN"}
            ],
        },
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    data = antwoord.json()
    assert data["partner_naam"] == "VluchtelingenWerk"
    assert data["voorgestelde_contacten_per_maand"] == 2
    huisarts = next(i for i in data["checklist"] if i["onderwerp"] == "huisarts")
    assert huisarts["status"] == "klaar" and huisarts["titel"].startswith("Ingeschreven")


def test_begeleiding_fout_is_alles_of_niets(api, adviseur_weert, traject_weert):
    antwoord = api(adviseur_weert).put(
        pad(traject_weert, "begeleiding"),
        {"vrijwilliger": "Anna", "checklist": [{"onderwerp": "huisarts", "status": "klaar"}]},
        format="json",
    )
    assert antwoord.status_code == 400
    assert "checklist.huisarts.datum" in antwoord.json()["fouten"]
    assert not ChecklistItem.objects.exists()
    assert api(adviseur_weert).get(pad(traject_weert, "begeleiding")).json()["vrijwilliger"] == ""


def test_begeleiding_foute_score_en_gemeente_als_partner(api, adviseur_weert, traject_weert, weert):
    antwoord = api(adviseur_weert).put(
        pad(traject_weert, "begeleiding"),
        {"zelfredzaamheid": 9, "partner": weert.organisatie.pk},
        format="json",
    )
    assert antwoord.status_code == 400
    assert set(antwoord.json()["fouten"]) == {"zelfredzaamheid", "partner"}


def test_voorlichting_toevoegen(api, adviseur_weert, traject_weert):
    antwoord = api(adviseur_weert).post(
        pad(traject_weert, "begeleiding/voorlichting"),
        {"onderwerp": "verkeer", "datum": "2026-11-02", "door": "Fietsdocent"},
        format="json",
    )
    assert antwoord.status_code == 201 and antwoord.json()["titel"] == "Verkeer en fietsen"
    fout = api(adviseur_weert).post(
        pad(traject_weert, "begeleiding/voorlichting"),
        {"onderwerp": "verkeer", "datum": "2027-01-02"},
        format="json",
    )
    assert fout.status_code == 400 and "datum" in fout.json()["fouten"]


def test_ontzorgen_starten_en_lezen(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    assert client.get(pad(traject_weert, "ontzorgen")).status_code == 404
    antwoord = client.put(
        pad(traject_weert, "ontzorgen"),
        {
            "start_bijstand": "2026-10-01",
            "machtiging_datum": "2026-10-01",
            "machtiging_posten": ["huur", "energie_water", "zorgverzekering"],
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["einddatum"] == "2027-03-31"
    assert len(antwoord.json()["maanden"]) == 6
    antwoord = client.put(
        pad(traject_weert, "ontzorgen"), {"einde_bijstand": "2026-12-15"}, format="json"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["einddatum"] == "2026-12-15" and antwoord.json()["vroeg_beeindigd"]


def test_ontzorgen_foute_invoer(api, adviseur_weert, traject_weert):
    antwoord = api(adviseur_weert).put(
        pad(traject_weert, "ontzorgen"),
        {"start_bijstand": "2026-02-30", "machtiging_posten": ["taxi"]},
        format="json",
    )
    assert antwoord.status_code == 400 and "start_bijstand" in antwoord.json()["fouten"]
    antwoord = api(adviseur_weert).put(
        pad(traject_weert, "ontzorgen"),
        {
            "start_bijstand": "2026-10-01",
            "machtiging_posten": ["taxi"],
            "cursus_status": "misschien",
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert {"machtiging_posten", "cursus_status"} <= set(antwoord.json()["fouten"])
    antwoord = api(adviseur_weert).put(pad(traject_weert, "ontzorgen"), {}, format="json")
    assert antwoord.status_code == 400 and "start_bijstand" in antwoord.json()["fouten"]
    assert not Ontzorgen.objects.exists()


def test_betaling_een_en_batch(api, uitkering_weert, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    client = api(uitkering_weert)
    een = client.post(
        pad(traject, "ontzorgen/betalingen"),
        {
            "maand": "2026-10-01",
            "post": "huur",
            "bedrag": "612.50",
            "betaald_op": "2026-10-01",
            "begunstigde": "Wonen Weert",
        },
        format="json",
    )
    assert een.status_code == 201, een.json()
    assert een.json()[0]["bron"] == "api"
    batch = client.post(
        pad(traject, "ontzorgen/betalingen"),
        [
            {
                "maand": "2026-10-15",
                "post": "energie_water",
                "bedrag": "145.00",
                "betaald_op": "2026-10-03",
                "begunstigde": "Energie",
            },
            {
                "maand": "2026-10-01",
                "post": "zorgverzekering",
                "bedrag": "138.20",
                "betaald_op": "2026-10-01",
                "begunstigde": "Zorg",
            },
        ],
        format="json",
    )
    assert batch.status_code == 201 and len(batch.json()) == 2
    assert ontzorgen_weert.maanden.get(maand=START).compleet
    lijst = client.get(pad(traject, "ontzorgen/betalingen"))
    assert [b["post"] for b in lijst.json()] == ["energie_water", "huur", "zorgverzekering"]


def test_batch_met_een_foute_betaling_slaat_niets_op(api, uitkering_weert, ontzorgen_weert):
    antwoord = api(uitkering_weert).post(
        pad(ontzorgen_weert.traject, "ontzorgen/betalingen"),
        [
            {
                "maand": "2026-11-01",
                "post": "huur",
                "bedrag": "612.50",
                "betaald_op": "2026-11-01",
                "begunstigde": "Wonen Weert",
            },
            {
                "maand": "2026-11-01",
                "post": "huur",
                "bedrag": "99999.00",
                "betaald_op": "2026-11-01",
                "begunstigde": "Wonen Weert",
            },
        ],
        format="json",
    )
    assert antwoord.status_code == 400
    fouten = antwoord.json()["fouten"]
    assert "1.bedrag" in fouten and "1.post" in fouten and "0.post" not in fouten
    assert not Betaling.objects.exists()
    vorm = api(uitkering_weert).post(
        pad(ontzorgen_weert.traject, "ontzorgen/betalingen"),
        [{"maand": "x", "post": "huur"}],
        format="json",
    )
    assert vorm.status_code == 400 and "0.maand" in vorm.json()["fouten"]
    tekst = api(uitkering_weert).post(
        pad(ontzorgen_weert.traject, "ontzorgen/betalingen"), "12", format="json"
    )
    assert tekst.status_code == 400


def test_duaal(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    antwoord = client.post(
        pad(traject_weert, "duaal"),
        {
            "werkgever": "Bakkerij",
            "start": "2026-10-01",
            "uren_per_week": 16,
            "jobcoach": "Ruben",
            "buddy": "Piet",
            "beschikking_nummer": "PW-7",
            "beschikking_datum": "2026-09-28",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    duaal_id = antwoord.json()["id"]
    gewijzigd = client.patch(
        pad(traject_weert, f"duaal/{duaal_id}"), {"uren_gewerkt": 120}, format="json"
    )
    assert gewijzigd.status_code == 200 and gewijzigd.json()["uren_gewerkt"] == 120
    fout = client.patch(
        pad(traject_weert, f"duaal/{duaal_id}"), {"uren_per_week": 50}, format="json"
    )
    assert fout.status_code == 400 and "uren_per_week" in fout.json()["fouten"]
    assert client.get(pad(traject_weert, "duaal")).json()[0]["werkgever"] == "Bakkerij"
    assert client.get(pad(traject_weert, "duaal/999999")).status_code == 404
    assert DuaalTraject.objects.get().uren_per_week == 16


def test_duaal_van_ander_traject_niet_bereikbaar(api, adviseur_weert, traject_weert, weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    duaal = services.bewaar_duaal(
        ander, adviseur_weert, {"werkgever": "X", "start": dt.date(2026, 10, 1), "uren_per_week": 8}
    )
    assert api(adviseur_weert).get(pad(traject_weert, f"duaal/{duaal.pk}")).status_code == 404


def test_lijsten_met_vast_aantal_queries(
    api, adviseur_weert, ontzorgen_weert, django_assert_max_num_queries
):
    traject = ontzorgen_weert.traject
    client = api(adviseur_weert)
    services.bewaar_duaal(
        traject,
        adviseur_weert,
        {"werkgever": "A", "start": dt.date(2026, 10, 1), "uren_per_week": 8},
    )
    services.registreer_betalingen(
        ontzorgen_weert,
        adviseur_weert,
        [
            {
                "maand": START,
                "post": "huur",
                "bedrag": Decimal("612.50"),
                "betaald_op": START,
                "begunstigde": "W",
            }
        ],
    )
    gemeten = {}
    for deel in ("duaal", "ontzorgen/betalingen", "begeleiding"):
        with django_assert_max_num_queries(20) as een:
            assert client.get(pad(traject, deel)).status_code == 200
        gemeten[deel] = len(een.captured_queries)
    for i in range(5):
        services.bewaar_duaal(
            traject,
            adviseur_weert,
            {"werkgever": f"B{i}", "start": dt.date(2026, 10, 1), "uren_per_week": 8},
        )
        services.voeg_voorlichting_toe(
            traject, adviseur_weert, {"onderwerp": "zorg", "datum": dt.date(2026, 11, 1)}
        )
    services.registreer_betalingen(
        ontzorgen_weert,
        adviseur_weert,
        [
            {
                "maand": dt.date(2026, 11, 1),
                "post": p,
                "bedrag": Decimal("100"),
                "betaald_op": START,
                "begunstigde": "W",
            }
            for p in ("huur", "energie_water", "zorgverzekering")
        ],
    )
    for deel, aantal in gemeten.items():
        with django_assert_max_num_queries(aantal):
            assert client.get(pad(traject, deel)).status_code == 200


def test_bijstand_vastleggen_en_lezen(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    leeg = client.get(pad(traject_weert, "bijstand")).json()
    assert leeg["start"] is None and leeg["ontzorgen_in_aanmerking"]
    assert not leeg["ontzorgen_ontbreekt"]
    antwoord = client.put(pad(traject_weert, "bijstand"), {"start": "2026-10-01"}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["ontzorgtermijn_eind"] == "2027-03-31"
    assert antwoord.json()["ontzorgen_ontbreekt"] is True
    # Ontzorgen then starts from the recorded bijstand.
    assert client.put(pad(traject_weert, "ontzorgen"), {}, format="json").status_code == 201
    assert client.get(pad(traject_weert, "bijstand")).json()["ontzorgen_ontbreekt"] is False


def test_bijstand_foute_datums_geven_400(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    antwoord = client.put(
        pad(traject_weert, "bijstand"),
        {"start": "2026-10-01", "einde": "2026-09-01"},
        format="json",
    )
    assert antwoord.status_code == 400 and "einde" in antwoord.json()["fouten"]
    antwoord = client.put(pad(traject_weert, "bijstand"), {"start": "2026-02-30"}, format="json")
    assert antwoord.status_code == 400 and "start" in antwoord.json()["fouten"]
    assert client.get(pad(traject_weert, "bijstand")).json()["start"] is None


def test_bijstand_niet_voor_de_teamleider(api, teamleider_weert, traject_weert):
    client = api(teamleider_weert)
    assert client.get(pad(traject_weert, "bijstand")).status_code == 403
    assert (
        client.put(
            pad(traject_weert, "bijstand"), {"start": "2026-10-01"}, format="json"
        ).status_code
        == 403
    )


def test_ontzorgen_weigert_gezinslid_met_reguliere_vergunning(api, adviseur_weert, weert):
    from tests.factories import InburgeraarFactory, TrajectFactory

    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert, doelgroep="Gezinshereniger met Asielstatushouder"
        )
    )
    antwoord = api(adviseur_weert).put(
        pad(traject, "ontzorgen"), {"start_bijstand": "2026-10-01"}, format="json"
    )
    assert antwoord.status_code == 400
    assert "artikel 56a" in " ".join(antwoord.json()["fouten"]["__all__"])
