"""API rate limits: per user (token) and per address without a login, answered with a Dutch
429 in the API's error shape and a Retry-After header."""

import pytest
import time_machine
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from koers.bouwstenen.api_fouten import te_veel_verzoeken

START = "2026-10-01 10:00:00+02:00"


@pytest.fixture(autouse=True)
def schone_teller(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def klok():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def met_token(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_user_over_his_rate_gets_a_dutch_429_with_retry_after(settings, adviseur_weert, klok):
    settings.KOERS_API_RATE_GEBRUIKER = "3/min"
    alice = met_token(adviseur_weert)
    antwoorden = [alice.get("/api/v1/gemeenten") for _ in range(4)]
    assert [a.status_code for a in antwoorden] == [200, 200, 200, 429]
    te_veel = antwoorden[-1]
    assert te_veel.json() == {"detail": "Te veel verzoeken. Probeer het over 60 seconden opnieuw."}
    assert te_veel["Retry-After"] == "60"

    klok.shift(45)
    assert alice.get("/api/v1/gemeenten")["Retry-After"] == "15"
    klok.shift(16)  # the first calls fell out of the minute
    assert alice.get("/api/v1/gemeenten").status_code == 200


def test_two_tokens_count_apart(settings, adviseur_weert, collega_weert, klok):
    settings.KOERS_API_RATE_GEBRUIKER = "2/min"
    alice, bob = met_token(adviseur_weert), met_token(collega_weert)
    assert [alice.get("/api/v1/gemeenten").status_code for _ in range(3)] == [200, 200, 429]
    assert [bob.get("/api/v1/gemeenten").status_code for _ in range(3)] == [200, 200, 429]


def test_calls_without_login_are_limited_per_address(settings, db, klok):
    settings.KOERS_API_RATE_IP = "2/min"
    client = APIClient()
    codes = [client.get("/api/v1/gemeenten", REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)]
    assert codes == [401, 401, 429]
    te_veel = client.get("/api/v1/gemeenten", REMOTE_ADDR="192.0.2.1")
    assert te_veel.json()["detail"].startswith("Te veel verzoeken. Probeer het over ")
    assert int(te_veel["Retry-After"]) > 0
    # Another address has its own budget.
    assert client.get("/api/v1/gemeenten", REMOTE_ADDR="192.0.2.2").status_code == 401


def test_behind_the_proxy_the_forwarded_address_counts(settings, db, klok):
    """The client cannot dodge the limit by writing his own X-Forwarded-For entry: only the
    last one, added by the proxy, counts."""
    settings.BEVEILIGING_ACHTER_PROXY = True
    settings.KOERS_API_RATE_IP = "1/min"
    client = APIClient()
    eerste = client.get(
        "/api/v1/gemeenten", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9"
    )
    tweede = client.get(
        "/api/v1/gemeenten", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.9"
    )
    anders = client.get(
        "/api/v1/gemeenten", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert (eerste.status_code, tweede.status_code, anders.status_code) == (401, 429, 401)


def test_the_user_rate_does_not_apply_per_address(settings, adviseur_weert, collega_weert, klok):
    """Colleagues behind one gemeente proxy share an address, not a budget."""
    settings.KOERS_API_RATE_IP = "1/min"
    alice, bob = met_token(adviseur_weert), met_token(collega_weert)
    codes = [c.get("/api/v1/gemeenten").status_code for c in (alice, bob, alice, bob)]
    assert codes == [200, 200, 200, 200]


@pytest.mark.parametrize(
    ("wacht", "tekst"),
    [
        (1, "Te veel verzoeken. Probeer het over 1 seconde opnieuw."),
        (0.2, "Te veel verzoeken. Probeer het over 1 seconde opnieuw."),
        (30, "Te veel verzoeken. Probeer het over 30 seconden opnieuw."),
        (None, "Te veel verzoeken. Probeer het later opnieuw."),
    ],
)
def test_message(wacht, tekst):
    assert te_veel_verzoeken(wacht) == tekst


def test_a_wrong_rate_is_reported_and_the_default_stays(monkeypatch):
    from koers.config import settings as instellingen

    monkeypatch.setenv("KOERS_API_RATE_IP", "veel")
    fouten_voor = len(instellingen.CONFIG_ERRORS)
    try:
        assert instellingen._api_rate("KOERS_API_RATE_IP", "300/min") == "300/min"
        assert "KOERS_API_RATE_IP" in instellingen.CONFIG_ERRORS[-1]
    finally:
        del instellingen.CONFIG_ERRORS[fouten_voor:]
    monkeypatch.setenv("KOERS_API_RATE_IP", "50/hour")
    assert instellingen._api_rate("KOERS_API_RATE_IP", "300/min") == "50/hour"
