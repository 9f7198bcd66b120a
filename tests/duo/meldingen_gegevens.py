"""Shared setup of the meldingen tests: a case of Weert with a vastgesteld PIP."""

import uuid
from datetime import date

import pytest
import time_machine

from koers.duo import spec
from koers.intake.services import bewaar, rond_af
from koers.pip.services import bewaar_concept, stel_vast
from tests.intake.gegevens import volledige_intake

VANDAAG = "2026-10-15 12:00 +02:00"
DUO_OIN = "00000001234567890000"


def geldig_pip(**kw):
    return {
        "dagtekening": date(2026, 10, 1),
        "leerroute": "B",
        "niveau": "B1",
        "geschatte_intensiteit_b1_route": 800,
        "alfabetisering": "NVT",
        "mag_opleiding_afmaken": False,
        "toelichting_leerroute": "De LBT wijst op de B1-route.",
        "doelen": {"meedoen": "Vrijwilligerswerk bij de voedselbank."},
        "pvt_uren": 16,
        "map_uren": 40,
        "ontzorgen": True,
        **kw,
    }


def intake_af(traject, adviseur):
    bewaar(traject, adviseur, volledige_intake())
    rond_af(traject, adviseur)
    traject.refresh_from_db()
    return traject


def vastgesteld(traject, adviseur, **kw):
    pip = bewaar_concept(traject, adviseur, geldig_pip(**kw))
    return stel_vast(traject, pip.versie, adviseur)


def assert_spec_geldig(bericht):
    """The queued message is exactly what DUO's OpenAPI file asks for (the shared interface:
    spec.validate_request returns the list of problems)."""
    op = spec.operation(bericht.operation_id)
    params = op.match(bericht.pad)
    assert params is not None, bericht.pad
    headers = {"bron": bericht.gemeente.oin, "doel": DUO_OIN, "berichtId": str(uuid.uuid4())}
    assert (
        spec.validate_request(
            bericht.operation_id, path_params=params, headers=headers, body=bericht.body
        )
        == []
    )


@pytest.fixture
def meldingen_dag(settings):
    """The meldingen tests run on VANDAAG against DUO_OIN."""
    settings.DUO_OIN = DUO_OIN
    with time_machine.travel(VANDAAG, tick=False):
        yield
