"""Fixtures of the sturing tests: one region (subregio Weert, Nederweert, Cranendonck in
Midden-Limburg, plus Roermond in another subregio), a small hand-made set of trajecten with
every figure of the dashboards, and a frozen today (Sunday 29 November 2026).

The expected figures are computed by hand in the tests from the list below.

Weert, opened (aangemeld) in the 1st half of 2026:
- W1 asiel, 1 Feb; intake 21 Feb (20 days); PIP (B) 13 Mar (40 days), deadline 12 Apr: on
  time; in uitvoering; gevestigd 15 Jan.
- W2 asiel, 1 Mar; intake 11 Mar (10 days); PIP (Z) 1 Jun (92 days), deadline 10 May: late;
  pip vastgesteld; gevestigd 20 Feb; Z-route behind.
- W3 gezinsvormer, Turkse nieuwkomer, 1 Apr; no intake, no PIP, deadline 10 Jun passed:
  late; aangemeld.
- W4 overig, 1 May; no PIP clock; afgerond, reason vertrokken.
- W5 asiel, 30 Jun; intake 10 Jul (10 days); clock runs to 10 Jan 2027; brede intake;
  gevestigd 1 Aug (2nd half).
Outside the cohort: W6 asiel, opened 31 Dec 2025, gevestigd 1 Dec 2025.
Nederweert: two Turkse nieuwkomers (gezinsvormer), opened 15 Feb 2026.
Roermond: six asielstatushouders opened 1 Mar 2026, gevestigd 1 Mar 2026.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from koers.begeleiding.models import Ontzorgen
from koers.inburgeraars.models import Traject
from koers.intake.models import BredeIntake
from koers.leerroute.models import Examenresultaat, Zroute
from koers.monitoring.models import Voortgangsgesprek
from koers.organisaties.models import Taakstelling
from koers.pip.models import PipVersie
from tests.factories import (
    ArbeidsmarktregioFactory,
    GemeenteFactory,
    InburgeraarFactory,
    SubregioFactory,
    TrajectFactory,
)

VANDAAG = dt.date(2026, 11, 29)
DIMENSIES = (
    "lichaamsfuncties",
    "mentaal_welbevinden",
    "zingeving",
    "kwaliteit_van_leven",
    "meedoen",
    "dagelijks_functioneren",
)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-11-29 10:00 +01:00", tick=False):
        yield


@pytest.fixture(autouse=True)
def _altijd_actueel(settings):
    """The pages compute the summary table on every request: the figures always match the
    data a test just made (koers.sturing.kubus; in production every 15 minutes)."""
    settings.KOERS_STURING_VERVERSEN_MINUTEN = 0


@pytest.fixture
def regio(weert, nederweert, cranendonck):
    """The three gemeenten in one subregio of Midden-Limburg, and Roermond beside them."""
    ams = ArbeidsmarktregioFactory(naam="Midden-Limburg")
    sub = SubregioFactory(naam="Weert, Nederweert en Cranendonck", arbeidsmarktregio=ams)
    for gemeente in (weert, nederweert, cranendonck):
        gemeente.subregio, gemeente.arbeidsmarktregio = sub, ams
        gemeente.save()
    roermond = GemeenteFactory(
        naam="Roermond",
        gemeentecode="0957",
        arbeidsmarktregio=ams,
        subregio=SubregioFactory(naam="Roermond e.o.", arbeidsmarktregio=ams),
    )
    return {
        "weert": weert,
        "nederweert": nederweert,
        "cranendonck": cranendonck,
        "roermond": roermond,
    }


def _datum(dag: str) -> dt.date:
    return dt.date.fromisoformat(dag)


def maak(
    gemeente,
    *,
    aangemeld: str,
    doelgroep="Asielstatushouder",
    turks=False,
    status="aangemeld",
    reden="",
    klok: str | None = None,
    intake: str | None = None,
    pip: str | None = None,
    leerroute="B",
    gevestigd: str | None = None,
    naam="Haddad",
):
    """One traject with the dates that matter; returns it."""
    persoon = InburgeraarFactory(
        gemeente=gemeente,
        doelgroep=doelgroep,
        turkse_nieuwkomer=turks,
        geslachtsnaam=naam,
        vestigingsdatum=_datum(gevestigd) if gevestigd else None,
    )
    traject = TrajectFactory(
        inburgeraar=persoon,
        status=status,
        afrondingsreden=reden,
        datum_start_pip_termijn=_datum(klok) if klok else None,
    )
    tz = timezone.get_current_timezone()
    moment = dt.datetime.combine(_datum(aangemeld), dt.time(12), tz)
    Traject.objects.filter(pk=traject.pk).update(aangemeld_op=moment)
    if intake:
        BredeIntake.objects.create(traject=traject, datum=_datum(intake), status="afgerond")
    if pip:
        PipVersie.objects.create(
            traject=traject,
            versie=1,
            status="vastgesteld",
            dagtekening=_datum(pip),
            leerroute=leerroute,
            vastgesteld_op=dt.datetime.combine(_datum(pip), dt.time(9), tz),
        )
    return traject


def gesprek(traject, *, gepland=None, gehouden=None, scores=None, interventies=()):
    return Voortgangsgesprek.objects.create(
        traject=traject,
        gepland_op=_datum(gepland) if gepland else None,
        gehouden_op=_datum(gehouden) if gehouden else None,
        positieve_gezondheid=scores or {},
        interventies=[{"soort": s, "omschrijving": "x"} for s in interventies],
    )


def alle(score):
    return dict.fromkeys(DIMENSIES, score)


@pytest.fixture
def gegevens(regio):
    weert, nederweert, roermond = regio["weert"], regio["nederweert"], regio["roermond"]
    w1 = maak(
        weert,
        aangemeld="2026-02-01",
        klok="2026-02-01",
        intake="2026-02-21",
        pip="2026-03-13",
        leerroute="B",
        status="in_uitvoering",
        gevestigd="2026-01-15",
        naam="Eerstenaam",
    )
    w2 = maak(
        weert,
        aangemeld="2026-03-01",
        klok="2026-03-01",
        intake="2026-03-11",
        pip="2026-06-01",
        leerroute="Z",
        status="pip_vastgesteld",
        gevestigd="2026-02-20",
        naam="Tweedenaam",
    )
    w3 = maak(
        weert,
        aangemeld="2026-04-01",
        doelgroep="Gezinsvormer",
        turks=True,
        klok="2026-04-01",
        naam="Derdenaam",
    )
    w4 = maak(
        weert,
        aangemeld="2026-05-01",
        doelgroep="Overig",
        status="afgerond",
        reden="vertrokken",
        naam="Vierdenaam",
    )
    w5 = maak(
        weert,
        aangemeld="2026-06-30",
        klok="2026-11-01",
        intake="2026-07-10",
        status="brede_intake",
        gevestigd="2026-08-01",
        naam="Vijfdenaam",
    )
    w6 = maak(
        weert, aangemeld="2025-12-31", klok="2025-12-31", gevestigd="2025-12-01", naam="Zesdenaam"
    )
    for i in range(2):
        maak(
            nederweert,
            aangemeld="2026-02-15",
            doelgroep="Gezinsvormer",
            turks=True,
            klok="2026-02-15",
            naam=f"Nederweerter{i}",
        )
    for i in range(6):
        maak(
            roermond,
            aangemeld="2026-03-01",
            gevestigd="2026-03-01",
            klok="2026-03-01",
            naam=f"Roermonder{i}",
        )
    Taakstelling.objects.create(gemeente=weert, jaar=2026, halfjaar=1, aantal=39)
    Taakstelling.objects.create(gemeente=weert, jaar=2026, halfjaar=2, aantal=39, is_schatting=True)
    Taakstelling.objects.create(gemeente=nederweert, jaar=2026, halfjaar=1, aantal=14)
    # Voortgangsgesprekken and Positieve Gezondheid.
    gesprek(w1, gepland="2026-05-01", gehouden="2026-05-10", scores=alle(5), interventies=["taal"])
    gesprek(w1, gepland="2026-08-01", gehouden="2026-08-20", scores=alle(7), interventies=["werk"])
    gesprek(w1, gepland="2026-11-20")  # not yet due (margin of two weeks)
    gesprek(
        w2,
        gepland="2026-05-05",
        gehouden="2026-05-05",
        scores=alle(4),
        interventies=["taal", "gezondheid"],
    )
    gesprek(w2, gehouden="2026-09-01", scores={"lichaamsfuncties": 3})
    gesprek(w2, gepland="2026-09-15")  # due and not held
    # Ontzorgen ended in 2026: one with the course done.
    Ontzorgen.objects.create(
        traject=w1,
        gemeente=weert,
        start_bijstand=_datum("2026-01-01"),
        einddatum=_datum("2026-07-01"),
        cursus_status="afgerond",
    )
    Ontzorgen.objects.create(
        traject=w2,
        gemeente=weert,
        start_bijstand=_datum("2026-03-01"),
        einddatum=_datum("2026-09-01"),
        cursus_status="bezig",
    )
    # Z-route of W2 behind schedule.
    Zroute.objects.create(
        traject=w2,
        norm_cursus=Decimal(800),
        norm_participatie=Decimal(800),
        achter_vanaf=_datum("2026-10-01"),
    )
    for onderdeel, datum, resultaat in (
        ("KNM", "2026-09-01", "Geslaagd"),
        ("LE", "2026-10-01", "Gezakt"),
        ("LE", "2026-11-01", "Geslaagd"),
    ):
        Examenresultaat.objects.create(
            traject=w1,
            onderdeel=onderdeel,
            niveau="B1",
            examendatum=_datum(datum),
            resultaat=resultaat,
        )
    return {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w6": w6, **regio}
