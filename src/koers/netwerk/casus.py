"""This app's section of the case page (see koers.bouwstenen.secties): instroomklas, tolken,
ervaringsdeskundigen and informele taalondersteuning, in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from koers.inburgeraars.services import vandaag
from koers.netwerk import rules
from koers.netwerk.models import InstroomklasWeek, Tolk
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "netwerk"
TITEL = gettext_lazy("Netwerk")
SECTIES = (Sectie.NETWERK,)
PLAATS = "onder"
TEMPLATE = "netwerk/casus_sectie.html"


def gegevens(traject) -> dict:
    """Everything of the netwerk part of one traject (6 queries, whatever its size)."""
    plaatsingen = list(
        traject.instroomklas_plaatsingen.order_by("-startdatum").prefetch_related(
            Prefetch("weken", queryset=InstroomklasWeek.objects.order_by("-week")), "workshops"
        )
    )
    dag = vandaag()
    for plaatsing in plaatsingen:
        gepland = sum(w.dagdelen_gepland for w in plaatsing.weken.all())
        aanwezig = sum(w.dagdelen_aanwezig for w in plaatsing.weken.all())
        plaatsing.dagdelen_gepland = gepland
        plaatsing.dagdelen_aanwezig = aanwezig
        plaatsing.percentage = rules.aanwezigheidspercentage(gepland, aanwezig)
        plaatsing.te_lang = rules.klas_te_lang(
            plaatsing.geplande_einddatum, plaatsing.einddatum, dag
        )
    boekingen = list(traject.tolkboekingen.select_related("tolk"))
    for boeking in boekingen:
        boeking.bevestigen = rules.bevestiging_nodig(boeking.status, boeking.datum, dag)
    return {
        "plaatsingen": plaatsingen,
        "open_plaatsing": next((p for p in plaatsingen if p.is_open), None),
        "boekingen": boekingen,
        "kosten_totaal": sum((b.kosten for b in boekingen), Decimal("0.00")),
        "koppelingen": list(traject.ervaringsdeskundigen.select_related("ervaringsdeskundige")),
        "verwijzingen": list(traject.taalverwijzingen.all()),
    }


def voorstel_tolken(inburgeraar) -> list[Tolk]:
    """Active tolken of the inburgeraar's gemeente who speak his ``tolk_taal`` (1 query)."""
    if not inburgeraar.tolk_taal:
        return []
    tolken = Tolk.objects.filter(gemeente_id=inburgeraar.gemeente_id, actief=True)
    return [t for t in tolken if rules.spreekt(t.talen, inburgeraar.tolk_taal)]


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    if traject is None or not policy.mag_zien(user, Sectie.NETWERK, traject):
        return None
    context = gegevens(traject)
    context.update(
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "mag_bewerken": policy.mag(user, Actie.NETWERK_BEWERKEN) and traject.is_open,
            "voorstel": voorstel_tolken(inburgeraar) if inburgeraar.tolk_nodig else [],
        }
    )
    return context
