"""Fixtures of the PVT and MAP tests: a case of Weert past its PIP, on a frozen day."""

import datetime as dt
from datetime import date
from decimal import Decimal

import pytest

from koers.modules import services
from tests.uitvoering import met_vastgesteld_pip

VANDAAG = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def vandaag(time_machine):
    time_machine.move_to(VANDAAG, tick=False)
    return VANDAAG.date()


@pytest.fixture
def zaak(vandaag, traject_weert, adviseur_weert):
    """B1-route, PIP dagtekening 1 October 2026: termijn 2 October 2026 – 2 October 2029."""
    met_vastgesteld_pip(
        traject_weert,
        adviseur_weert,
        leerroute="B",
        dagtekening=date(2026, 10, 1),
        pvt_uren=16,
        map_uren=40,
    )
    return traject_weert


@pytest.fixture
def zaak_o(vandaag, traject_weert, adviseur_weert):
    met_vastgesteld_pip(traject_weert, adviseur_weert, leerroute="O", dagtekening=date(2026, 10, 1))
    return traject_weert


@pytest.fixture
def zaak_cranendonck(vandaag, traject_cranendonck, adviseur_cranendonck):
    met_vastgesteld_pip(
        traject_cranendonck, adviseur_cranendonck, leerroute="B", dagtekening=date(2026, 10, 1)
    )
    return traject_cranendonck


def activiteit(traject, door, **kw):
    data = {
        "module": "pvt",
        "datum": date(2026, 11, 2),
        "uren": Decimal(4),
        "soort": "workshop",
        "omschrijving": "Workshop vrijheid",
        "kernwaarden": [],
        "uitvoerder": "",
    }
    data.update(kw)
    return services.voeg_activiteit_toe(traject, door, data)


def pvt_klaar(traject, door):
    """12 hours of PVT up to 20 November 2026, one excursion on a kernwaarde."""
    activiteit(traject, door, datum=date(2026, 11, 2), uren=Decimal(4))
    activiteit(
        traject,
        door,
        datum=date(2026, 11, 10),
        uren=Decimal(4),
        soort="excursie",
        omschrijving="Excursie naar de gemeenteraad",
        kernwaarden=["participatie"],
    )
    activiteit(traject, door, datum=date(2026, 11, 20), uren=Decimal(4))


def map_activiteit(traject, door, **kw):
    data = {
        "module": "map",
        "soort": "werkbezoek",
        "omschrijving": "Werkbezoek",
        "uitvoerder": "Werk.Kom",
        "datum": date(2026, 11, 5),
        "uren": Decimal(3),
    }
    data.update(kw)
    return services.voeg_activiteit_toe(traject, door, data)
