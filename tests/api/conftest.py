"""Helpers for the API tests. The ``api(user)`` client (a real DRF token) lives in
tests/conftest.py; it is imported here too for the test modules that import it from here."""

import datetime as dt

import pytest

from koers.inburgeraars.rules import bsn_met_controlecijfer
from koers.intake import rules as intake_rules
from tests.conftest import api  # noqa: F401

VANDAAG = dt.datetime(2026, 10, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def vandaag(time_machine):
    time_machine.move_to(VANDAAG, tick=False)
    return VANDAAG.date()


def volledige_intake() -> dict:
    """An intake body that answers everything the rules ask for."""
    onderwerpen = {}
    for onderwerp in intake_rules.ONDERWERPEN:
        antwoord = {"toelichting": f"Besproken: {onderwerp.titel.lower()}."}
        for veld in onderwerp.velden:
            if veld.soort == "keuze":
                antwoord[veld.naam] = veld.keuzes[0][0]
            elif veld.soort == "getal":
                antwoord[veld.naam] = veld.min
            elif veld.soort == "janee":
                antwoord[veld.naam] = False
        onderwerpen[onderwerp.sleutel] = antwoord
    return {
        "datum": "2026-09-10",
        "plaats": "gemeente",
        "tolk_gebruikt": True,
        "tolk_taal": "Arabisch",
        "gesprek_zonder_partner_aangeboden": True,
        "lbt_uitslag": "B1-route haalbaar",
        "lbt_score": 31,
        "lbt_datum": "2026-09-01",
        "onderwerpen": onderwerpen,
        "positieve_gezondheid": {
            d.sleutel: {"score": 7, "toelichting": "Gaat redelijk."} for d in intake_rules.DIMENSIES
        },
    }


def nieuwe_inburgeraar(bsn: str, gemeentecode: str = "0988", **extra) -> dict:
    return {
        "bsn": bsn,
        "voornamen": "Yusuf",
        "geslachtsnaam": "Haddad",
        "geboortedatum": "1988-03-02",
        "gemeentecode": gemeentecode,
        "doelgroep": "Asielstatushouder",
        "talen": ["Arabisch", "Engels"],
        "vestigingsdatum": "2026-06-01",
        "datum_start_plicht": "2026-06-01",
        "datum_start_pip_termijn": "2026-09-01",
        **extra,
    }


def snel_bsn(n: int) -> str:
    """A distinct valid BSN per ``n`` in constant time (factories' valid_bsn counts up)."""
    while True:
        bsn = bsn_met_controlecijfer(f"{20000000 + n:08d}")
        if bsn:
            return bsn
        n += 10_000_000  # another prefix for the same n; never collides with a plain one
