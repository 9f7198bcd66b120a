"""API of signals and voortgangsgesprekken: 200/201/400/403/404."""

from datetime import date, timedelta

import pytest

from koers.inburgeraars import rules as traject_rules
from koers.monitoring import engine
from koers.monitoring.models import Signaal, Voortgangsgesprek
from tests.factories import InburgeraarFactory, TrajectFactory


def zaak(gemeente, adviseur, deadline):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=gemeente),
        adviseur=adviseur,
        datum_start_pip_termijn=deadline - traject_rules.PIP_TERMIJN,
    )
    traject.herbereken_deadlines()
    traject.save()
    return traject


def test_signal_list_and_per_case(
    api, weert, cranendonck, adviseur_weert, adviseur_cranendonck, op
):
    with op("2026-10-01"):
        eigen = zaak(weert, adviseur_weert, date(2026, 10, 3))
        ander = zaak(cranendonck, adviseur_cranendonck, date(2026, 10, 3))
        engine.bereken_signalen()
        client = api(adviseur_weert)
        antwoord = client.get("/api/v1/signalen", {"soort": "pip_deadline"})
        assert antwoord.status_code == 200
        rijen = antwoord.json()["results"]
        assert [r["inburgeraar"] for r in rijen] == [eigen.inburgeraar_id]
        assert rijen[0]["titel"].startswith("PIP moet")
        assert rijen[0]["vervaldatum"] == "2026-10-03"
        per_zaak = client.get(f"/api/v1/inburgeraars/{eigen.inburgeraar_id}/signalen")
        assert per_zaak.status_code == 200
        assert [r["soort"] for r in per_zaak.json()] == ["pip_deadline"]
        assert (
            client.get(f"/api/v1/inburgeraars/{ander.inburgeraar_id}/signalen").status_code == 404
        )


def test_handle_and_snooze_through_the_api(api, weert, adviseur_weert, op):
    with op("2026-10-01"):
        traject = zaak(weert, adviseur_weert, date(2026, 10, 3))
        engine.bereken_signalen()
        signaal = Signaal.objects.get(traject=traject, soort="pip_deadline")
        basis = f"/api/v1/inburgeraars/{traject.inburgeraar_id}/signalen/{signaal.pk}"
        client = api(adviseur_weert)
        fout = client.post(
            f"{basis}/uitstellen", {"uitgesteld_tot": "2026-09-01", "reden": "Wacht"}, format="json"
        )
        assert fout.status_code == 400
        assert "uitgesteld_tot" in fout.json()["fouten"]
        assert (
            client.post(
                f"{basis}/uitstellen", {"uitgesteld_tot": "morgen", "reden": "x"}, format="json"
            ).status_code
            == 400
        )
        goed = client.post(
            f"{basis}/uitstellen",
            {"uitgesteld_tot": "2026-10-10", "reden": "Wacht op tolk"},
            format="json",
        )
        assert goed.status_code == 200 and goed.json()["status"] == "uitgesteld"
        assert client.post(f"{basis}/afhandelen", {"reden": ""}, format="json").status_code == 400
        klaar = client.post(f"{basis}/afhandelen", {"reden": "Gedaan"}, format="json")
        assert klaar.status_code == 200 and klaar.json()["status"] == "afgehandeld"
        weer = client.post(f"{basis}/afhandelen", {"reden": "Nog eens"}, format="json")
        assert weer.status_code == 400
        assert (
            client.post(
                f"/api/v1/inburgeraars/{traject.inburgeraar_id}/signalen/999999/afhandelen",
                {"reden": "x"},
                format="json",
            ).status_code
            == 404
        )


GESPREK = {
    "gehouden_op": "2027-01-04",
    "voortgang": {"meedoen": {"voortgang": "achter", "toelichting": "Weinig tijd."}},
    "subdoelen": {"meedoen": "Eén keer per week sporten."},
    "positieve_gezondheid": {"meedoen": 5},
    "interventies": [{"soort": "netwerk", "omschrijving": "Buddy"}],
    "verslag": "Afspraken gemaakt.",
}


def test_gesprekken_get_post_put(api, met_pip, adviseur_weert, op):
    url = f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken"
    with op("2027-01-05"):
        client = api(adviseur_weert)
        lijst = client.get(url)
        assert lijst.status_code == 200
        assert [g["gepland_op"] for g in lijst.json()][:2] == ["2027-01-01", "2027-04-01"]
        nieuw = client.post(url, GESPREK, format="json")
        assert nieuw.status_code == 201, nieuw.json()
        data = nieuw.json()
        assert data["gepland_op"] == "2027-01-01"
        assert data["positieve_gezondheid"] == {"meedoen": 5}
        assert nieuw["Location"].endswith(f"/gesprekken/{data['id']}")
        detail = client.get(f"{url}/{data['id']}")
        assert detail.status_code == 200 and detail.json()["verslag"] == "Afspraken gemaakt."
        bijgewerkt = client.put(
            f"{url}/{data['id']}", {**GESPREK, "verslag": "Aangevuld."}, format="json"
        )
        assert bijgewerkt.status_code == 200 and bijgewerkt.json()["verslag"] == "Aangevuld."
        assert client.get(f"{url}/999999").status_code == 404


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"gehouden_op": "geen datum"}, "gehouden_op"),
        ({"gehouden_op": "2027-03-01"}, "gehouden_op"),
        ({"positieve_gezondheid": {"meedoen": 12}}, "positieve_gezondheid.meedoen"),
        ({"positieve_gezondheid": {"geluk": 5}}, "positieve_gezondheid.geluk"),
        ({"voortgang": {"meedoen": {"voortgang": "super"}}}, "voortgang.meedoen.voortgang"),
        ({"interventies": [{"soort": "toverij"}]}, "interventies.0.soort"),
        ({"verslag": "a\x00b"}, "verslag"),
    ],
)
def test_gesprek_bad_input_400(api, met_pip, adviseur_weert, op, wijziging, veld):
    with op("2027-01-05"):
        antwoord = api(adviseur_weert).post(
            f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken",
            {**GESPREK, **wijziging},
            format="json",
        )
    assert antwoord.status_code == 400
    assert any(k.startswith(veld) for k in antwoord.json()["fouten"]), antwoord.json()
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=False).exists()


def test_teamleider_sees_no_scores_and_may_not_record(
    api, met_pip, adviseur_weert, teamleider_weert, op
):
    url = f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken"
    with op("2027-01-05"):
        gesprek = api(adviseur_weert).post(url, GESPREK, format="json").json()
        client = api(teamleider_weert)
        lijst = client.get(url).json()
        assert lijst and all("positieve_gezondheid" not in g for g in lijst)
        assert "positieve_gezondheid" not in client.get(f"{url}/{gesprek['id']}").json()
        assert client.post(url, GESPREK, format="json").status_code == 403
        assert client.put(f"{url}/{gesprek['id']}", GESPREK, format="json").status_code == 403


def test_other_gemeente_404_and_beleid_403(api, met_pip, adviseur_cranendonck, beleid, op):
    url = f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken"
    with op("2027-01-05"):
        assert api(adviseur_cranendonck).get(url).status_code == 404
        assert api(adviseur_cranendonck).post(url, GESPREK, format="json").status_code == 404
        assert api(beleid).get(url).status_code == 404
        antwoord = api(beleid).get("/api/v1/signalen")
        assert antwoord.status_code == 200 and antwoord.json()["results"] == []


def test_signal_list_query_count_is_constant(
    api, weert, adviseur_weert, op, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with op("2026-10-01"):
        for i in range(3):
            zaak(weert, adviseur_weert, date(2026, 10, 1) + timedelta(days=i))
        engine.bereken_signalen()
        client = api(adviseur_weert)
        client.get("/api/v1/signalen")
        with CaptureQueriesContext(connection) as klein:
            client.get("/api/v1/signalen")
        for i in range(20):
            zaak(weert, adviseur_weert, date(2026, 10, 1) + timedelta(days=i % 10))
        engine.bereken_signalen()
        with django_assert_max_num_queries(len(klein.captured_queries)):
            assert len(client.get("/api/v1/signalen").json()["results"]) == 23
