"""A planned gesprek has no date yet: the answer says null, and the committed schema allows
it; sending a gesprek without a date stays a 400."""

from koers.monitoring.models import Voortgangsgesprek
from tests.api.test_fuzz_schema import schemafouten
from tests.monitoring.test_api import GESPREK

LIJST = "/api/v1/inburgeraars/{id}/gesprekken"


def test_a_planned_gesprek_without_date_matches_the_schema(api, met_pip, adviseur_weert, op):
    url = f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken"
    with op("2027-01-05"):
        response = api(adviseur_weert).get(url)
    assert response.status_code == 200
    geplande = [g for g in response.json() if g["gehouden_op"] is None]
    assert geplande, "the PIP plans gesprekken that are not held yet"
    assert schemafouten("get", LIJST, response) == []


def test_a_gesprek_sent_without_a_date_is_refused(api, met_pip, adviseur_weert, op):
    url = f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken"
    with op("2027-01-05"):
        response = api(adviseur_weert).post(url, {**GESPREK, "gehouden_op": None}, format="json")
    assert response.status_code == 400
    assert response.json()["fouten"]["gehouden_op"] == ["Vul de datum van het gesprek in."]
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=False).exists()
