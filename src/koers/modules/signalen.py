"""Signals of the PVT and MAP for the engine of koers.monitoring. Each source is
ONE set-based query over all cases.

- PVT / MAP not done while the termijn ends within 6 months (the verwijtbaar window,
  DOMAIN.md; ``Traject.termijn_eind``); due date: the end of the termijn.
- PVT signed / MAP eindgesprek held but the date not yet reported to DUO; due date: the date
  of the signing or eindgesprek (it is due at once).
- PVT / MAP not done and DUO must hear 'verwijtbaar' without a date: in the last two months of
  the termijn ('Nee', due on the last day) and again once it is exceeded ('Ja' or 'Nee', due
  on DUO's einddatum); rules.verwijtbaar_signaal_op. One query; the due date is derived per
  row in memory for the few cases near or past their end.
"""

from __future__ import annotations

from datetime import date

from django.db.models import CharField, Exists, Max, OuterRef, Q, Subquery, Value

from koers.duo.models import Bericht
from koers.inburgeraars.models import Traject
from koers.inburgeraars.rules import Status
from koers.monitoring.signaalbron import Bron
from koers.pip.models import PipVersie
from koers.toegang.policy import Sectie

from . import rules
from .models import Afronding

LEEG = Value("", output_field=CharField())


def _niet_af_trajecten(module: rules.Module, grens: date):
    afgerond = Afronding.objects.filter(traject_id=OuterRef("pk"), module=module.value)
    trajecten = (
        Traject.objects.filter(termijn_eind__isnull=False, termijn_eind__lte=grens)
        .exclude(status=Status.AFGEROND.value)
        .filter(~Exists(afgerond))
    )
    if module is rules.Module.MAP:
        leerroute = (
            PipVersie.objects.filter(traject_id=OuterRef("pk"), status=PipVersie.Status.VASTGESTELD)
            .order_by("-versie")
            .values("leerroute")[:1]
        )
        trajecten = trajecten.annotate(route=Subquery(leerroute)).filter(
            route__in=sorted(rules.MAP_LEERROUTES)
        )
    return trajecten


def _niet_af(module: rules.Module, vandaag: date):
    return (
        _niet_af_trajecten(module, rules.signaal_grens(vandaag))
        .order_by()
        .values_list("id", "termijn_eind", LEEG)
    )


def _verwijtbaar(module: rules.Module, vandaag: date):
    geweigerd = Q(
        module_verwijtbaarheden__bericht__status__in=(
            Bericht.Status.GEWEIGERD,
            Bericht.Status.MISLUKT,
        )
    )
    laatst = Max(
        "module_verwijtbaarheden__gemeld_op",
        filter=Q(module_verwijtbaarheden__module=module.value) & ~geweigerd,
    )
    rijen = (
        _niet_af_trajecten(module, rules.verwijtbaar_signaal_grens(vandaag))
        .annotate(laatst=laatst)
        .order_by()
        .values_list("id", "termijn_eind", "laatst")
    )
    for traject_id, termijn_eind, laatst_gemeld in rijen:
        op = rules.verwijtbaar_signaal_op(vandaag, termijn_eind, laatst_gemeld)
        if op is not None:
            yield traject_id, op, ""


def pvt_verwijtbaar(vandaag: date):
    return _verwijtbaar(rules.Module.PVT, vandaag)


def map_verwijtbaar(vandaag: date):
    return _verwijtbaar(rules.Module.MAP, vandaag)


def _niet_gemeld(module: rules.Module, vandaag: date):
    return (
        Afronding.objects.filter(module=module.value, bericht__isnull=True)
        .exclude(traject__status=Status.AFGEROND.value)
        .order_by()
        .values_list("traject_id", "datum", LEEG)
    )


def pvt_niet_af(vandaag: date):
    return _niet_af(rules.Module.PVT, vandaag)


def map_niet_af(vandaag: date):
    return _niet_af(rules.Module.MAP, vandaag)


def pvt_niet_gemeld(vandaag: date):
    return _niet_gemeld(rules.Module.PVT, vandaag)


def map_niet_gemeld(vandaag: date):
    return _niet_gemeld(rules.Module.MAP, vandaag)


BRONNEN: tuple[Bron, ...] = (
    Bron(
        soort="pvt_niet_af",
        titel="PVT nog niet af, en de inburgeringstermijn eindigt binnen 6 maanden",
        sectie=Sectie.MODULES,
        rijen=pvt_niet_af,
        termijn_einde=True,
    ),
    Bron(
        soort="map_niet_af",
        titel="MAP nog niet af, en de inburgeringstermijn eindigt binnen 6 maanden",
        sectie=Sectie.MODULES,
        rijen=map_niet_af,
        termijn_einde=True,
    ),
    Bron(
        soort="pvt_niet_gemeld",
        titel="Participatieverklaring ondertekend, maar de datum is nog niet aan DUO gemeld",
        sectie=Sectie.MODULES,
        rijen=pvt_niet_gemeld,
    ),
    Bron(
        soort="map_niet_gemeld",
        titel="Eindgesprek MAP gevoerd, maar de datum is nog niet aan DUO gemeld",
        sectie=Sectie.MODULES,
        rijen=map_niet_gemeld,
    ),
    Bron(
        soort="pvt_verwijtbaar",
        titel="PVT niet af: geef aan DUO door of dat verwijtbaar is",
        sectie=Sectie.MODULES,
        rijen=pvt_verwijtbaar,
    ),
    Bron(
        soort="map_verwijtbaar",
        titel="MAP niet af: geef aan DUO door of dat verwijtbaar is",
        sectie=Sectie.MODULES,
        rijen=map_verwijtbaar,
    ),
)
