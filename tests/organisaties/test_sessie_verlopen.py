"""A session expires after the idle time (KOERS_SESSION_IDLE_MINUTES), counted from the last
activity to the minute, without a database write on every click."""

import datetime as dt

import time_machine
from django.contrib.sessions.models import Session

from tests.organisaties.test_beheer_scherm import _met_tweede_factor

START = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def _verloopt(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_activiteit_verlengt_de_sessie_hooguit_eens_per_minuut(client, adviseur_weert, settings):
    with time_machine.travel(START, tick=False) as reis:
        _met_tweede_factor(client, adviseur_weert)
        client.get("/")
        eerst = _verloopt(client)
        assert eerst == START + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)

        reis.shift(dt.timedelta(seconds=30))
        client.get("/")
        assert _verloopt(client) == eerst  # no write for this click

        reis.shift(dt.timedelta(seconds=40))
        client.get("/")
        assert _verloopt(client) == START + dt.timedelta(seconds=70 + settings.SESSION_COOKIE_AGE)


def test_na_de_inactieve_tijd_moet_u_opnieuw_inloggen(client, adviseur_weert, settings):
    with time_machine.travel(START, tick=False) as reis:
        _met_tweede_factor(client, adviseur_weert)
        assert client.get("/").status_code == 200
        reis.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        antwoord = client.get("/")
        assert antwoord.status_code == 302
        assert antwoord["Location"].startswith("/inloggen/")
