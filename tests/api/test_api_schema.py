"""The committed OpenAPI schema is what the code generates, and the docs page works offline."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

import koers.api

pytestmark = pytest.mark.django_db

SCHEMA = Path(koers.api.__file__).parent / "openapi.yaml"
HERGENEREREN = (
    "make schema, of: KOERS_DEMO=true .venv/bin/koers spectacular "
    "--file src/koers/api/openapi.yaml --validate --fail-on-warn"
)


def test_schema_is_actueel_en_zonder_waarschuwingen(tmp_path):
    nieuw = tmp_path / "openapi.yaml"
    # fail_on_warn: every operation must be typed; validate: valid OpenAPI 3.
    call_command("spectacular", file=str(nieuw), validate=True, fail_on_warn=True)
    assert nieuw.read_text() == SCHEMA.read_text(), (
        f"src/koers/api/openapi.yaml is niet meer actueel. Maak hem opnieuw met:\n  {HERGENEREREN}"
    )


def test_elke_operatie_heeft_een_nederlandse_omschrijving():
    schema = yaml.safe_load(SCHEMA.read_text())
    operaties = [op for pad in schema["paths"].values() for op in pad.values()]
    assert len(operaties) >= 14
    for operatie in operaties:
        assert operatie.get("summary"), operatie["operationId"]
        assert "401" in operatie["responses"], operatie["operationId"]
        if "requestBody" in operatie:
            assert "400" in operatie["responses"], operatie["operationId"]


def test_schema_en_docs_bereikbaar(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/inburgeraars/{id}/brede-intake" in response.content
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg" not in html  # served by ourselves
    assert "/static/drf_spectacular_sidecar/" in html
