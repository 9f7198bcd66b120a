"""HTTP security headers on every response, and templates that keep the strict CSP working."""

import re
from pathlib import Path

import pytest
from django.core.checks import Warning as CheckWarning

from koers.beveiliging.middleware import CSP, PERMISSIONS_POLICY
from koers.config import checks

SRC = Path(__file__).resolve().parents[2] / "src" / "koers"
# Rendered to PDF by WeasyPrint (koers.pip.beschikking), never served to a browser.
ALLEEN_PDF = {"pip/templates/pip/brief_basis.html"}


def templates():
    for pad in sorted(SRC.glob("*/templates/**/*.html")):
        naam = pad.relative_to(SRC).as_posix()
        if naam not in ALLEEN_PDF:
            yield naam, pad.read_text(encoding="utf-8")


def csp_delen(header: str) -> dict[str, str]:
    return {deel.split()[0]: deel.strip() for deel in header.split(";") if deel.strip()}


def test_strict_csp_on_the_login_page(client, db):
    response = client.get("/inloggen/")
    delen = csp_delen(response["Content-Security-Policy"])
    assert delen["default-src"] == "default-src 'self'"
    assert delen["script-src"] == "script-src 'self'"
    assert delen["style-src"] == "style-src 'self'"
    assert delen["img-src"] == "img-src 'self' data:"
    assert delen["frame-ancestors"] == "frame-ancestors 'none'"
    assert delen["form-action"] == "form-action 'self'"
    assert delen["base-uri"] == "base-uri 'none'"
    assert delen["object-src"] == "object-src 'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def test_other_headers_on_a_case_page(client, als, adviseur_weert, traject_weert):
    als(adviseur_weert)
    response = client.get(f"/inburgeraars/{traject_weert.inburgeraar_id}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CSP
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_api_answers_carry_the_headers_too(client, db):
    response = client.get("/api/v1/gemeenten")
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Content-Type-Options"] == "nosniff"


def test_swagger_page_gets_a_relaxed_policy_because_it_needs_inline_script(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<script>\s*\S", html), "Swagger UI starts with an inline script"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    # Only that page: the schema itself and everything else stay strict.
    assert client.get("/api/v1/schema/")["Content-Security-Policy"] == CSP


def test_hsts_outside_demo_mode_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/inloggen/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/inloggen/")  # plain http: never


def test_settings_never_send_hsts_in_demo_mode(monkeypatch):
    import importlib

    from koers.config import settings as koers_settings

    monkeypatch.setenv("KOERS_DEMO", "true")
    try:
        assert importlib.reload(koers_settings).SECURE_HSTS_SECONDS == 0
        monkeypatch.setenv("KOERS_DEMO", "false")
        assert importlib.reload(koers_settings).SECURE_HSTS_SECONDS == 31536000
        monkeypatch.setenv("KOERS_HSTS_SECONDS", "0")
        assert importlib.reload(koers_settings).SECURE_HSTS_SECONDS == 0
    finally:
        monkeypatch.undo()
        importlib.reload(koers_settings)


@pytest.mark.parametrize(
    ("seconden", "code"), [(0, "koers.W003"), (-1, "koers.E004"), (31536000, None)]
)
def test_check_config_explains_hsts(settings, seconden, code):
    settings.DEMO = False
    settings.SECURE_HSTS_SECONDS = seconden
    ids = {p.id for p in checks.check_configuratie()}
    hsts_ids = ids & {"koers.W003", "koers.E004"}
    assert hsts_ids == ({code} if code else set())
    if code == "koers.W003":
        melding = next(p for p in checks.check_configuratie() if p.id == code)
        assert isinstance(melding, CheckWarning) and "KOERS_HSTS_SECONDS" in melding.hint


def test_secure_cookies_outside_demo_mode():
    from django.conf import settings

    assert settings.DEMO is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_no_template_has_inline_script():
    fouten = [
        naam
        for naam, tekst in templates()
        for tag in re.findall(r"<script\b[^>]*>", tekst, flags=re.I)
        if "src=" not in tag
    ]
    assert fouten == [], "Zet JavaScript in een .js-bestand (CSP script-src 'self')"


def test_no_template_has_inline_style_or_event_handlers():
    fouten = []
    for naam, tekst in templates():
        if re.search(r"<style\b|\sstyle\s*=", tekst, flags=re.I):
            fouten.append((naam, "style"))
        if re.search(r"\son[a-z]+\s*=\s*[\"']", tekst, flags=re.I):
            fouten.append((naam, "on…="))
        if re.search(r"javascript:", tekst, flags=re.I):
            fouten.append((naam, "javascript:"))
    assert fouten == [], "Zet stijlen in koers.css en gedrag in koers.js (CSP)"


def test_the_template_scan_sees_all_apps():
    namen = {naam.split("/")[0] for naam, _ in templates()}
    assert {"web", "pip", "duo"} <= namen
