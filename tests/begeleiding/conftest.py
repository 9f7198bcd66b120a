"""The cast of the begeleiding tests: the named users of tests/conftest.py plus the
uitkeringsadministratie of Weert and Cranendonck, and a running ontzorgen in Weert.
Time stands still on 15 November 2026."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.begeleiding import services
from tests.factories import GebruikerFactory

NU = dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC)
VANDAAG = NU.date()
START = dt.date(2026, 10, 1)  # start of bijstand: ontzorgen until 31 March 2027


@pytest.fixture(autouse=True)
def _vandaag(time_machine):
    time_machine.move_to(NU, tick=False)


@pytest.fixture
def uitkering_weert(weert):
    return GebruikerFactory(
        username="ursula",
        gemeente=weert,
        rollen=["uitkeringsadministratie"],
        first_name="Ursula",
        last_name="Uitkering",
    )


@pytest.fixture
def uitkering_cranendonck(cranendonck):
    return GebruikerFactory(
        username="ulrich", gemeente=cranendonck, rollen=["uitkeringsadministratie"]
    )


@pytest.fixture
def ontzorgen_weert(traject_weert, adviseur_weert):
    return services.bewaar_ontzorgen(
        traject_weert,
        adviseur_weert,
        {
            "start_bijstand": START,
            "machtiging_datum": START,
            "machtiging_posten": ["huur", "energie_water", "zorgverzekering"],
        },
    )


@pytest.fixture
def ontzorgen_cranendonck(traject_cranendonck, adviseur_cranendonck):
    return services.bewaar_ontzorgen(
        traject_cranendonck, adviseur_cranendonck, {"start_bijstand": START}
    )


def betaling(
    maand=START,
    post="huur",
    bedrag="612.50",
    betaald_op=dt.date(2026, 10, 1),
    begunstigde="Wonen Weert",
) -> dict:
    return {
        "maand": maand,
        "post": post,
        "bedrag": Decimal(bedrag),
        "betaald_op": betaald_op,
        "begunstigde": begunstigde,
    }
