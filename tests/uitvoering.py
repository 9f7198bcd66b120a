"""A traject past its PIP, the starting point of the uitvoering tests (issue 4)."""

from __future__ import annotations

from datetime import date

from koers.intake.services import bewaar, rond_af
from koers.pip.services import bewaar_concept, stel_vast
from tests.intake.gegevens import volledige_intake


def met_vastgesteld_pip(traject, door, *, leerroute: str = "B",
                        dagtekening: date = date(2026, 10, 1), **pip):
    """Afgeronde intake and a vastgesteld first PIP through the services; the termijn starts
    the day after ``dagtekening``. Call inside ``time_machine.travel`` at or after it. Returns
    the PipVersie; ``traject`` is refreshed."""
    bewaar(traject, door, volledige_intake())
    rond_af(traject, door)
    gegevens = {"dagtekening": dagtekening, "leerroute": leerroute,
                "niveau": "A2" if leerroute == "Z" else ("" if leerroute == "O" else "B1"),
                "pvt_uren": 16, **pip}
    bewaar_concept(traject, door, gegevens)
    versie = stel_vast(traject, traject.pips.order_by("-versie").first().versie, door)
    traject.refresh_from_db()
    return versie
