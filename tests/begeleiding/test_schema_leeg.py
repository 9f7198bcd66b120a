"""Begeleiding without a partner and a case without bijstand answer with null, which the
committed schema allows; sending bijstand without a start stays a 400."""

from koers.begeleiding.models import Bijstand
from tests.api.test_fuzz_schema import schemafouten
from tests.begeleiding.test_api import pad


def test_begeleiding_without_partner_matches_the_schema(api, adviseur_weert, traject_weert):
    response = api(adviseur_weert).get(pad(traject_weert, "begeleiding"))
    assert response.status_code == 200
    assert response.json()["partner_naam"] is None
    assert schemafouten("get", "/api/v1/inburgeraars/{id}/begeleiding", response) == []


def test_no_bijstand_matches_the_schema(api, adviseur_weert, traject_weert):
    response = api(adviseur_weert).get(pad(traject_weert, "bijstand"))
    assert response.status_code == 200
    assert response.json()["start"] is None and response.json()["ontzorgtermijn_eind"] is None
    assert schemafouten("get", "/api/v1/inburgeraars/{id}/bijstand", response) == []


def test_bijstand_with_an_empty_start_is_refused(api, adviseur_weert, traject_weert):
    response = api(adviseur_weert).put(
        pad(traject_weert, "bijstand"), {"start": None}, format="json"
    )
    assert response.status_code == 400
    assert "start" in response.json()["fouten"]
    assert not Bijstand.objects.exists()
