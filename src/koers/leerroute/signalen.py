"""Signals of the leerroute for the signal engine (koers.monitoring): set-based, one query per
source over all cases, each on an index of this app. The sources return their queryset
(``values_list`` of traject_id, vervaldatum, sleutel — the engine turns the sleutel, a pk,
into text), so the engine can narrow them to the changed cases."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef

from koers.leerroute.models import Aanbod, Afschalingsvoorstel, Examenresultaat, Zroute
from koers.monitoring.signaalbron import Bron
from koers.toegang.policy import Sectie


def zroute_achter(vandaag: date):
    """Z-route hours behind the linear plan (rules.achter_vanaf). One range query on the
    partial index ``zroute_achter``. The candidates' participation hours from other apps (PVT,
    MAP, partners, duaal) are then refreshed with one query per app (they may have grown since
    the plan was last updated), so a case that caught up there does not show."""
    from koers.leerroute import services

    rijen = list(
        Zroute.objects.filter(
            achter_vanaf__lte=vandaag,
            eindgesprek_op__isnull=True,
            traject__status__in=("pip_vastgesteld", "in_uitvoering"),
        ).values_list(
            "traject_id",
            "achter_vanaf",
            "norm_cursus",
            "norm_participatie",
            "termijn_start",
            "termijn_eind",
            "cursus_uren",
            "participatie_uren",
            "participatie_modules",
        )
    )
    if not rijen:
        return []
    # participatie_uren of a Zroute row holds this app's hours + the other apps' hours of the
    # last update; that part is refreshed here for the candidates only.
    modules = services.participatie_uren_extern([r[0] for r in rijen])
    uit = []
    for tid, vanaf, norm_c, norm_p, start, eind, cursus, participatie, oud in rijen:
        if tid in modules:
            z = Zroute(
                norm_cursus=norm_c,
                norm_participatie=norm_p,
                termijn_start=start,
                termijn_eind=eind,
                cursus_uren=cursus,
            )
            nieuw = services.achter_vanaf(z, participatie=participatie - oud + modules[tid])
            if nieuw is None or nieuw > vandaag:
                continue
            vanaf = nieuw
        uit.append((tid, vanaf, ""))
    return uit


def afschaling_wacht(vandaag: date):
    """An afschalingsvoorstel waits for the adviseur's decision (partial index)."""
    return Afschalingsvoorstel.objects.filter(status=Afschalingsvoorstel.Status.OPEN).values_list(
        "traject_id", "voorgesteld_op", "pk"
    )


def aanbod_einde_zonder_resultaat(vandaag: date):
    """The planned end of an aanbod has passed and there is no exam result since its start
    (nor, in the Z-route, an eindgesprek). Range on index ``aanbod_einde``."""
    examen = Examenresultaat.objects.filter(
        traject_id=OuterRef("traject_id"), examendatum__gte=OuterRef("startdatum")
    )
    eindgesprek = Zroute.objects.filter(
        traject_id=OuterRef("traject_id"), eindgesprek_op__isnull=False
    )
    return (
        Aanbod.objects.filter(
            einddatum__lt=vandaag, traject__status__in=("pip_vastgesteld", "in_uitvoering")
        )
        .filter(~Exists(examen), ~Exists(eindgesprek))
        .values_list("traject_id", "einddatum", "pk")
    )


BRONNEN: tuple[Bron, ...] = (
    Bron(
        soort="zroute_uren_achter",
        titel="Z-route: minder uren dan gepland",
        sectie=Sectie.LEERROUTE,
        rijen=zroute_achter,
    ),
    Bron(
        soort="afschaling_besluit",
        titel="Voorstel afschalen naar A2: neem een besluit",
        sectie=Sectie.LEERROUTE,
        rijen=afschaling_wacht,
    ),
    Bron(
        soort="aanbod_einde_zonder_resultaat",
        titel="Einde van het aanbod voorbij, nog geen examenresultaat",
        sectie=Sectie.LEERROUTE,
        rijen=aanbod_einde_zonder_resultaat,
    ),
)
