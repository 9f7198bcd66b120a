"""This app's section of the case page (see koers.bouwstenen.secties): the handhavingszaken and what
DUO knows about boetes and verlengingen. Four queries, whatever the size of the case."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from koers.bouwstenen.schermen import casus_url
from koers.handhaving import rules, services
from koers.handhaving.models import DuoOpvraging
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "handhaving"
TITEL = gettext_lazy("Handhaving")
SECTIES = (Sectie.HANDHAVING,)
PLAATS = "onder"
TEMPLATE = "handhaving/casus_sectie.html"


def zaken_met_stappen(traject):
    """The traject's zaken with their boetes, voornemens and letters (four queries; no PDF
    bytes)."""
    from django.db.models import Prefetch

    from koers.handhaving.models import Boetebesluit, Boetevoornemen, Brief

    return list(
        traject.handhavingszaken.prefetch_related(
            Prefetch("boetes", queryset=Boetebesluit.objects.order_by("datum", "id")),
            Prefetch("voornemens", queryset=Boetevoornemen.objects.order_by("datum", "id")),
            Prefetch(
                "brieven", queryset=Brief.objects.defer("pdf").order_by("aangemaakt_op", "id")
            ),
        )
    )


def duo_context(traject) -> dict:
    opvragingen = {o.soort: o for o in DuoOpvraging.objects.filter(traject=traject)}
    boetes = opvragingen.get(DuoOpvraging.Soort.BOETES)
    verlengingen = opvragingen.get(DuoOpvraging.Soort.VERLENGINGEN)
    gronden = opvragingen.get(DuoOpvraging.Soort.VERLENGINGSGRONDEN)
    return {
        "duo_boetes": boetes,
        "duo_boete_rijen": services.duo_boetes(boetes),
        "duo_verlengingen": verlengingen,
        "duo_verlenging_rijen": services.duo_verlengingen(verlengingen),
        "verlenging_vanaf": rules.verlenging_aanvragen_vanaf(traject.termijn_start),
        "verlengingsgronden": rules.VERLENGINGSGRONDEN,
        "verlenging_routes": rules.VERLENGING_ROUTES,
        "duo_verlengingsgronden": services.duo_verlengingsgronden(gronden),
        "duo_beslistermijn_weken": rules.DUO_BESLISTERMIJN_WEKEN,
    }


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    if traject is None or not policy.mag_zien(user, Sectie.HANDHAVING, traject):
        return None
    return {
        "inburgeraar": inburgeraar,
        "traject": traject,
        "zaken": zaken_met_stappen(traject),
        "mag_handhaven": policy.mag(user, Actie.HANDHAVEN) and traject.is_open,
        "asiel": services.is_asiel(traject),
        "geen_boete_asiel": services.geen_boete_asiel(traject),
        # After "Ophalen bij DUO" on the case page, come back to this section.
        "terug": casus_url(inburgeraar.pk, "handhaving", "handhaving"),
        **duo_context(traject),
    }
