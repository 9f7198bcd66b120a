"""Each tab of the dossier loads in a fixed number of queries: a case with ten of each kind of
item (timeline entries, PIP versions, gesprekken, module activities, DUO messages, doelgroep
periods, intake appointments, messages and documents from the portal) costs what a case with
one of each costs, and the overview, the page a case opens on, stays within the budget of the
case page at 1,000,000 cases."""

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
from koers.portaal.models import Bericht as PortaalBericht
from koers.portaal.models import Document
from tests.uitvoering import met_vastgesteld_pip

# The overview: 3 for the session and the user, 5 to log the read, 1 for the person with his
# traject and adviseur, 2 for the phase (intake afgerond, a concept PIP), 1 for the doelgroep
# periods, 1 for the adviseurs to assign and 1 for the BRP's state.
MAX_OVERZICHT = 15
# Any other tab: the same header, plus what that one section reads (the leerroute's is the
# largest).
MAX_TAB = 20
TABS = [
    "intake",
    "pip",
    "gesprekken",
    "leerroute",
    "modules",
    "begeleiding",
    "netwerk",
    "handhaving",
    "verwijzingen",
    "berichten",
    "kosten",
    "duo",
    "tijdlijn",
]


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
        PortaalBericht.objects.create(
            inburgeraar=inburgeraar, traject=traject, richting="van_inburgeraar", tekst=f"Vraag {i}"
        )
        Document.objects.create(
            inburgeraar=inburgeraar,
            soort="diploma",
            bestand=f"portaal/{i}.pdf",
            naam=f"diploma-{i}.pdf",
            grootte=1,
            extensie="pdf",
        )


def _queries(client, traject, tab=None) -> list[str]:
    url = f"/inburgeraars/{traject.inburgeraar_id}/"
    if tab:
        url += f"dossier/{tab}/"
    client.get(url)  # sessions and caches warm
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in vastgelegd.captured_queries]


def _per_tabel(queries) -> Counter:
    return Counter(
        q.split(" FROM ", 1)[1].split()[0] if " FROM " in q else q.split()[0] for q in queries
    )


@pytest.mark.parametrize("tab", [None, *TABS])
def test_no_tab_grows_with_the_case(als, adviseur_weert, traject_weert, tab):
    met_vastgesteld_pip(traject_weert, adviseur_weert)
    client = als(adviseur_weert)
    _voeg_toe(traject_weert, adviseur_weert, 1)
    een = _queries(client, traject_weert, tab)
    _voeg_toe(traject_weert, adviseur_weert, 9, start=1)
    tien = _queries(client, traject_weert, tab)
    assert len(een) <= (MAX_OVERZICHT if tab is None else MAX_TAB), _per_tabel(een)
    assert len(tien) == len(een), _per_tabel(tien) - _per_tabel(een)
