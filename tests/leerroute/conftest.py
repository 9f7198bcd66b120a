"""Shared setup of the leerroute tests: a day in the termijn, DUO's list of instellingen, and
cases in each leerroute past their PIP."""

from datetime import date

import pytest
import time_machine

from koers.leerroute import services
from tests.factories import InburgeraarFactory, TrajectFactory

VANDAAG = date(2027, 6, 1)  # the termijn of the PIP of 1 October 2026 runs since 2 October
BOW, BOW2, TST, GEEN = "1000000001", "1000000002", "1000000003", "1000000009"
INSTELLINGEN = [
    {
        "instellingsnummer": BOW,
        "naam": "Taalcentrum",
        "indicatieBowKeurmerk": True,
        "indicatieTstKeurmerk": False,
    },
    {
        "instellingsnummer": BOW2,
        "naam": "Taalschool",
        "indicatieBowKeurmerk": True,
        "indicatieTstKeurmerk": False,
    },
    {
        "instellingsnummer": TST,
        "naam": "Vakcollege",
        "indicatieBowKeurmerk": False,
        "indicatieTstKeurmerk": True,
    },
    {
        "instellingsnummer": GEEN,
        "naam": "Zonder keurmerk",
        "indicatieBowKeurmerk": False,
        "indicatieTstKeurmerk": False,
    },
]


@pytest.fixture(autouse=True)
def dag(request, settings):
    """Most tests run on VANDAAG. A module with ``ECHTE_TIJD = True`` (the simulator test) runs on
    the real day: the simulator's scenario is dated from the real today, for all tests."""
    if getattr(request.module, "ECHTE_TIJD", False):
        yield
        return
    settings.DUO_OIN = "00000001234567890000"
    with time_machine.travel("2027-06-01 12:00 +02:00", tick=False):
        yield


@pytest.fixture(autouse=True)
def duo_instellingen(request, monkeypatch):
    """DUO's GET /instellingen (the simulator test talks to the real simulator instead)."""
    if getattr(request.module, "ECHTE_TIJD", False):
        return None
    monkeypatch.setattr(services, "instellingen_van_duo", lambda gemeente: INSTELLINGEN)
    return INSTELLINGEN


def _traject(gemeente, adviseur, leerroute, doelgroep="Asielstatushouder"):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=gemeente, doelgroep=doelgroep),
        adviseur=adviseur,
        pip_vastgesteld__leerroute=leerroute,
    )


@pytest.fixture
def b1(weert, adviseur_weert):
    return _traject(weert, adviseur_weert, "B")


@pytest.fixture
def zroute(weert, adviseur_weert):
    return _traject(weert, adviseur_weert, "Z")


@pytest.fixture
def zroute_gezin(weert, adviseur_weert):
    return _traject(weert, adviseur_weert, "Z", doelgroep="Gezinsvormer")


@pytest.fixture
def onderwijs(weert, adviseur_weert):
    return _traject(weert, adviseur_weert, "O")


@pytest.fixture
def b1_cranendonck(cranendonck, adviseur_cranendonck):
    return _traject(cranendonck, adviseur_cranendonck, "B")


def uren(traject, door, soort="taal", gevolgd="100", gepland="100", **extra):
    data = {
        "soort": soort,
        "periode_start": date(2027, 1, 1),
        "periode_eind": date(2027, 3, 31),
        "uren_gepland": gepland,
        "uren_gevolgd": gevolgd,
        "aanwezigheid": 90,
        **extra,
    }
    return services.bewaar_uren(traject, door, data)


def aanbod(traject, door, nummer=BOW, melden=True, **extra):
    data = {
        "instellingsnummer": nummer,
        "datum_aanbod": date(2026, 10, 5),
        "startdatum": date(2026, 11, 1),
        "einddatum": date(2027, 10, 1),
        "alfabetisering": "NVT",
        **extra,
    }
    return services.bewaar_aanbod(traject, door, data, instellingen=INSTELLINGEN, melden=melden)
