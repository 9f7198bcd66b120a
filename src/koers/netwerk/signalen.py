"""Due and overdue items of the netwerk part for the signal engine.

Each source is ONE query over all cases (a values_list QuerySet, so the engine can narrow it
to the changed cases; the sleutel is the row's id) that reads a partial index:
``instroomklas_open_eind`` (open stays by planned end) and ``tolkboeking_gepland_datum``
(planned bookings by date).
"""

from __future__ import annotations

from datetime import date

from koers.inburgeraars.rules import Status
from koers.monitoring.signaalbron import Bron
from koers.netwerk import rules
from koers.netwerk.models import InstroomklasPlaatsing, Tolkboeking
from koers.toegang.policy import Sectie


def instroomklas_te_lang(vandaag: date):
    """Still in the instroomklas after the planned end: the leerroute should have started
    (startnotitie §7.8). Due on the planned end date."""
    return (
        InstroomklasPlaatsing.objects.filter(einddatum=None, geplande_einddatum__lt=vandaag)
        .exclude(traject__status=Status.AFGEROND)
        .values_list("traject_id", "geplande_einddatum", "id")
    )


def tolkboeking_bevestigen(vandaag: date):
    """A tolk booking in the past that is still 'gepland': confirm it took place (or cancel
    it), so the cost is right."""
    return (
        Tolkboeking.objects.filter(status=rules.BoekingStatus.GEPLAND, datum__lt=vandaag)
        .exclude(traject__status=Status.AFGEROND)
        .values_list("traject_id", "datum", "id")
    )


BRONNEN: tuple[Bron, ...] = (
    Bron(
        soort="instroomklas_te_lang",
        titel="Nog in de instroomklas na de geplande einddatum: laat de leerroute beginnen",
        sectie=Sectie.NETWERK,
        rijen=instroomklas_te_lang,
    ),
    Bron(
        soort="tolkboeking_bevestigen",
        titel="Tolkboeking staat nog op gepland: geef aan of het gesprek geweest is",
        sectie=Sectie.NETWERK,
        rijen=tolkboeking_bevestigen,
    ),
)
