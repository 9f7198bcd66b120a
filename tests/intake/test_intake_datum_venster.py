"""Intake dates (the talk, the leerbaarheidstoets, an appointment) at the calendar's edge or
years off are refused with a field error, in the API and the services."""

import pytest
import time_machine

from koers.intake.models import IntakeAfspraak


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-10-15 12:00 +02:00", tick=False):
        yield


def _url(traject, deel=""):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/brede-intake{deel}"


@pytest.mark.parametrize(
    "veld, waarde",
    [
        ("datum", "0001-01-01"),
        ("datum", "9999-12-31"),
        ("lbt_datum", "2019-05-01"),
    ],
)
def test_intake_date_outside_the_window_is_a_400(api, traject_weert, adviseur_weert, veld, waarde):
    response = api(adviseur_weert).put(_url(traject_weert), {veld: waarde}, format="json")
    assert response.status_code == 400
    fouten = response.json()["fouten"]
    assert list(fouten) == [veld]
    assert fouten[veld][0].startswith("Deze datum ligt te ver")


@pytest.mark.parametrize("datum", ["0001-01-01", "9999-12-31"])
def test_appointment_date_outside_the_window_is_a_400(api, traject_weert, adviseur_weert, datum):
    response = api(adviseur_weert).post(
        _url(traject_weert, "/afspraken"), {"datum": datum, "status": "gepland"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fouten"]) == ["datum"]
    assert not IntakeAfspraak.objects.exists()


def test_a_plausible_intake_date_is_kept(api, traject_weert, adviseur_weert):
    response = api(adviseur_weert).put(_url(traject_weert), {"datum": "2026-10-10"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["datum"] == "2026-10-10"
