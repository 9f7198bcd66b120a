"""A traject past its intake or its PIP: where everything after the PIP (startnotitie chapters 6
and 7, the uitvoering apps) starts. The factory traits ``TrajectFactory(intake_afgerond=True)``
and ``TrajectFactory(pip_vastgesteld=True)`` call these for a new case; a fixture that already
has its case (``traject_weert``) calls them directly."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

from koers.intake.services import bewaar, rond_af
from koers.pip.services import bewaar_concept, stel_vast
from tests.intake.gegevens import volledige_intake

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def met_afgeronde_intake(traject, door, **gegevens):
    """The complete intake of ``tests.intake.gegevens`` (fields overridden by ``gegevens``),
    saved and afgerond through the services. Returns the BredeIntake."""
    bewaar(traject, door, volledige_intake(**gegevens))
    return rond_af(traject, door)


def met_vastgesteld_pip(
    traject,
    door,
    *,
    leerroute: str = "B",
    dagtekening: date = date(2026, 10, 1),
    op_de_dag: bool = False,
    **pip,
):
    """Afgeronde intake and a vastgesteld first PIP through the services; the termijn starts
    the day after ``dagtekening``. Call inside ``time_machine.travel`` at or after it, or pass
    ``op_de_dag=True`` to make it at 10:00 on the dagtekening itself. Returns the PipVersie;
    ``traject`` is refreshed."""
    if op_de_dag:
        with time_machine.travel(datetime.combine(dagtekening, time(10), AMSTERDAM), tick=False):
            return met_vastgesteld_pip(
                traject, door, leerroute=leerroute, dagtekening=dagtekening, **pip
            )
    met_afgeronde_intake(traject, door)
    gegevens = {
        "dagtekening": dagtekening,
        "leerroute": leerroute,
        "niveau": "A2" if leerroute == "Z" else ("" if leerroute == "O" else "B1"),
        "pvt_uren": 16,
        **pip,
    }
    bewaar_concept(traject, door, gegevens)
    versie = stel_vast(traject, traject.pips.order_by("-versie").first().versie, door)
    traject.refresh_from_db()
    return versie
