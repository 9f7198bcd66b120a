"""The lock-out holds when the guesses come all at once: of 18 simultaneous wrong passwords
at most 5 are checked at all, then even the right password is refused.

Meaningful on PostgreSQL (each thread has its own connection and the requests really run
side by side). The SQLite test database (shared in-memory cache) refuses parallel writers
with "table is locked", so there the same requests run one after another and the test checks
the outcome without the race.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging.models import MisluktePoging, Soort
from tests.factories import GebruikerFactory, GemeenteFactory

WACHTWOORD = "geheim-wachtwoord-123"
MELDING = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."
PARALLEL = 18


@pytest.fixture
def alice(transactional_db):
    gemeente = GemeenteFactory(naam="Weert", gemeentecode="0988", oin="00000001001234567890")
    gebruiker = GebruikerFactory(
        username="alice", organisatie=gemeente.organisatie, rollen=["adviseur"]
    )
    TOTPDevice.objects.create(user=gebruiker, name="telefoon", confirmed=True)
    return gebruiker


@pytest.fixture
def geteld(monkeypatch):
    """How many passwords were really checked."""
    teller = {"aantal": 0}
    slot = threading.Lock()
    echt = ModelBackend.authenticate

    def tellend(self, request, username=None, password=None, **kwargs):
        with slot:
            teller["aantal"] += 1
        return echt(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", tellend)
    return teller


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_are_checked_at_most_five_times(alice, geteld):
    naast_elkaar = PARALLEL if connection.vendor == "postgresql" else 1
    start = threading.Barrier(naast_elkaar)

    def raad(nummer: int):
        try:
            client = Client()
            start.wait(timeout=30)
            response = client.post(
                "/inloggen/",
                {"username": "alice", "password": f"fout-{nummer}"},
                REMOTE_ADDR="10.0.0.1",
            )
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=naast_elkaar) as pool:
        antwoorden = list(pool.map(raad, range(PARALLEL)))

    assert len(antwoorden) == PARALLEL
    assert geteld["aantal"] <= 5
    assert (
        MisluktePoging.objects.filter(soort=Soort.GEBRUIKERSNAAM, sleutel="alice").count()
        == geteld["aantal"]
    )
    geweigerd = [html for status, html in antwoorden if status == 429]
    assert len(geweigerd) >= PARALLEL - 5
    assert all(MELDING in html for html in geweigerd)

    # Locked: the right password is not even checked.
    voor = geteld["aantal"]
    response = Client().post(
        "/inloggen/", {"username": "alice", "password": WACHTWOORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert MELDING in response.content.decode()
    assert geteld["aantal"] == voor
