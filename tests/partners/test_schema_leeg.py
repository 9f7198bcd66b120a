"""A referral without a result yet answers ``resultaat: ""``, which the committed schema
allows (a blank choice); the fuzz pass meets it only if its data happens to hold one."""

import json

import pytest

from tests.api.test_fuzz_schema import schemafouten

pytestmark = pytest.mark.django_db


def test_an_open_referral_without_result_matches_the_schema(zaak, werkkom, wim, verwijs, api):
    verwijzing = verwijs(zaak, werkkom)
    assert verwijzing.resultaat == ""

    response = api(wim).get(f"/api/v1/verwijzingen/{verwijzing.pk}")
    assert response.status_code == 200
    assert response.json()["resultaat"] == ""
    assert schemafouten("get", "/api/v1/verwijzingen/{id}", response) == []
    # The check does look at the field: a result outside the choices breaks the schema.
    response.content = json.dumps({**response.json(), "resultaat": "onzin"}).encode()
    assert schemafouten("get", "/api/v1/verwijzingen/{id}", response) != []

    lijst = api(wim).get("/api/v1/verwijzingen")
    assert [r["resultaat"] for r in lijst.json()["results"]] == [""]
    assert schemafouten("get", "/api/v1/verwijzingen", lijst) == []
