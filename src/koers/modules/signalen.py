"""Signals of the PVT and MAP for the engine of koers.monitoring (issue 4 §9). Each source is
ONE set-based query over all cases.

- PVT / MAP not done while the termijn ends within 6 months (the verwijtbaar window,
  DOMAIN.md; ``Traject.termijn_eind``); due date: the end of the termijn.
- PVT signed / MAP eindgesprek held but the date not yet reported to DUO; due date: the date
  of the signing or eindgesprek (it is due at once).
"""

from __future__ import annotations

from datetime import date

from django.db.models import CharField, Exists, OuterRef, Subquery, Value

from koers.inburgeraars.models import Traject
from koers.inburgeraars.rules import Status
from koers.monitoring.signaalbron import Bron
from koers.pip.models import PipVersie
from koers.toegang.policy import Sectie

from . import rules
from .models import Afronding

LEEG = Value("", output_field=CharField())


def _niet_af(module: rules.Module, vandaag: date):
    afgerond = Afronding.objects.filter(traject_id=OuterRef("pk"), module=module.value)
    trajecten = (Traject.objects
                 .filter(termijn_eind__isnull=False,
                         termijn_eind__lte=rules.signaal_grens(vandaag))
                 .exclude(status=Status.AFGEROND.value)
                 .filter(~Exists(afgerond)))
    if module is rules.Module.MAP:
        leerroute = (PipVersie.objects
                     .filter(traject_id=OuterRef("pk"), status=PipVersie.Status.VASTGESTELD)
                     .order_by("-versie").values("leerroute")[:1])
        trajecten = trajecten.annotate(route=Subquery(leerroute)).filter(
            route__in=sorted(rules.MAP_LEERROUTES))
    return trajecten.order_by().values_list("id", "termijn_eind", LEEG)


def _niet_gemeld(module: rules.Module, vandaag: date):
    return (Afronding.objects
            .filter(module=module.value, bericht__isnull=True)
            .exclude(traject__status=Status.AFGEROND.value)
            .order_by().values_list("traject_id", "datum", LEEG))


def pvt_niet_af(vandaag: date):
    return _niet_af(rules.Module.PVT, vandaag)


def map_niet_af(vandaag: date):
    return _niet_af(rules.Module.MAP, vandaag)


def pvt_niet_gemeld(vandaag: date):
    return _niet_gemeld(rules.Module.PVT, vandaag)


def map_niet_gemeld(vandaag: date):
    return _niet_gemeld(rules.Module.MAP, vandaag)


BRONNEN: tuple[Bron, ...] = (
    Bron(soort="pvt_niet_af",
         titel="PVT nog niet af, en de inburgeringstermijn eindigt binnen 6 maanden",
         sectie=Sectie.MODULES, rijen=pvt_niet_af),
    Bron(soort="map_niet_af",
         titel="MAP nog niet af, en de inburgeringstermijn eindigt binnen 6 maanden",
         sectie=Sectie.MODULES, rijen=map_niet_af),
    Bron(soort="pvt_niet_gemeld",
         titel="Participatieverklaring ondertekend, maar de datum is nog niet aan DUO gemeld",
         sectie=Sectie.MODULES, rijen=pvt_niet_gemeld),
    Bron(soort="map_niet_gemeld",
         titel="Eindgesprek MAP gevoerd, maar de datum is nog niet aan DUO gemeld",
         sectie=Sectie.MODULES, rijen=map_niet_gemeld),
)
