"""Errors outside DRF's reach still answer API clients in JSON, never an HTML page."""


def test_onbekende_url_onder_api_geeft_json_404(client, db):
    for pad in ("/api/v1/inburgeraars/abc", "/api/v1/bestaat-niet"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 404
        assert antwoord["Content-Type"] == "application/json"
        assert antwoord.json() == {"detail": "Niet gevonden."}


def test_onbekende_pagina_geeft_nederlandse_foutpagina(client):
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    assert "text/html" in antwoord["Content-Type"]
