"""Fixtures of the netwerk tests: registers of Weert and Cranendonck, and a frozen today
(Wednesday 4 November 2026)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from koers.netwerk.models import Ervaringsdeskundige, Tolk

VANDAAG = dt.date(2026, 11, 4)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-11-04 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def tolk_weert(weert):
    return Tolk.objects.create(
        gemeente=weert,
        naam="Samira Haddou",
        talen=["Arabisch"],
        soort="ter_plaatse",
        tarief_per_uur=Decimal("60.00"),
    )


@pytest.fixture
def tolk_tigrinya(weert):
    return Tolk.objects.create(
        gemeente=weert,
        naam="Filmon Ghebre",
        talen=["Tigrinya"],
        soort="telefonisch",
        tarief_per_uur=Decimal("45.00"),
    )


@pytest.fixture
def tolk_cranendonck(cranendonck):
    return Tolk.objects.create(
        gemeente=cranendonck,
        naam="Semere Tesfay",
        talen=["Arabisch"],
        soort="video",
        tarief_per_uur=Decimal("50.00"),
    )


@pytest.fixture
def ed_weert(weert):
    return Ervaringsdeskundige.objects.create(
        gemeente=weert,
        naam="Yohannes Mehari",
        rollen=["voorlichter", "bemiddelaar"],
        talen=["Tigrinya"],
    )


@pytest.fixture
def ed_cranendonck(cranendonck):
    return Ervaringsdeskundige.objects.create(
        gemeente=cranendonck, naam="Berhane Kidane", rollen=["verkenner"], talen=["Tigrinya"]
    )
