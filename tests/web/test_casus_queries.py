"""The case page loads in a fixed number of queries: a case with ten of each kind of item
(timeline entries, PIP versions, gesprekken, module activities, DUO messages, doelgroep periods,
intake appointments) costs what a case with one of each costs."""

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.duo.models import Bericht
from koers.inburgeraars.models import Doelgroepperiode, Gebeurtenis
from koers.intake.models import IntakeAfspraak
from koers.modules import rules as module_rules
from koers.modules.models import Activiteit
from koers.monitoring.models import Voortgangsgesprek
from koers.pip.models import PipVersie
from tests.uitvoering import met_vastgesteld_pip

# The case page with every section an adviseur sees: 3 for the session and the user, 5 to log
# the read, 9 for the person, traject, intake, PIP, timeline and DUO, and 25 for the sections
# of the uitvoering apps (monitoring 3, leerroute 6, modules 3, begeleiding 3, netwerk 4,
# handhaving 3, portaal 2, partners 1).
MAX_QUERIES = 42


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-02 10:00:00+02:00", tick=False):
        yield


def _voeg_toe(traject, door, n: int, start: int = 0) -> None:
    """``n`` items of each kind the case page lists."""
    inburgeraar = traject.inburgeraar
    for i in range(start, start + n):
        Gebeurtenis.objects.create(
            traject=traject, soort="status", door=door, omschrijving=f"Stap {i}"
        )
        PipVersie.objects.create(
            traject=traject,
            versie=100 + i,
            status=PipVersie.Status.VASTGESTELD,
            leerroute="B",
            vastgesteld_op=dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC),
        )
        Voortgangsgesprek.objects.create(traject=traject, gepland_op=dt.date(2027, 1, 1 + i))
        Activiteit.objects.create(
            traject=traject,
            module=module_rules.Module.PVT,
            datum=dt.date(2026, 10, 1),
            uren=2,
            soort=module_rules.SOORTEN[module_rules.Module.PVT][0],
            omschrijving=f"Bijeenkomst {i}",
            door=door,
        )
        Bericht.objects.create(
            soort="pip",
            operation_id="postPipByBsn",
            methode="POST",
            pad=f"/personen/{i}",
            gemeente=traject.gemeente,
            traject=traject,
            status=Bericht.Status.GEWEIGERD,
            foutteksten=["Onbekend"],
        )
        Doelgroepperiode.objects.create(
            inburgeraar=inburgeraar, indeling="Asiel", begindatum=dt.date(2020 + i, 1, 1)
        )
        IntakeAfspraak.objects.create(
            traject=traject, datum=dt.date(2026, 9, 1 + i), status="verschenen"
        )


def _queries(client, traject) -> list[str]:
    client.get(f"/inburgeraars/{traject.inburgeraar_id}/")  # sessions and caches warm
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(f"/inburgeraars/{traject.inburgeraar_id}/")
    assert response.status_code == 200
    return [q["sql"] for q in vastgelegd.captured_queries]


def _per_tabel(queries) -> Counter:
    return Counter(
        q.split(" FROM ", 1)[1].split()[0] if " FROM " in q else q.split()[0] for q in queries
    )


def test_the_case_page_does_not_grow_with_the_case(als, adviseur_weert, traject_weert):
    met_vastgesteld_pip(traject_weert, adviseur_weert)
    client = als(adviseur_weert)
    _voeg_toe(traject_weert, adviseur_weert, 1)
    een = _queries(client, traject_weert)
    _voeg_toe(traject_weert, adviseur_weert, 9, start=1)
    tien = _queries(client, traject_weert)
    assert len(een) <= MAX_QUERIES, _per_tabel(een)
    assert len(tien) == len(een), _per_tabel(tien) - _per_tabel(een)
