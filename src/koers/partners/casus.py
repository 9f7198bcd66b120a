"""This app's section of the case page (see koers.bouwstenen.secties): the referrals of the case to
ketenpartners with their progress reports, and for the adviseur the form to refer. A partner
sees only the referrals to his own organisation. Three queries, whatever their number."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from koers.intake.models import BredeIntake
from koers.partners import rules
from koers.partners.models import Verwijzing, Voortgang
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "verwijzingen"
TITEL = gettext_lazy("Verwijzingen")
SECTIES = (Sectie.VERWIJZINGEN,)
PLAATS = "onder"
TEMPLATE = "partners/casus_sectie.html"


def verwijzingen_van(user, traject) -> list[Verwijzing]:
    """The referrals of this traject the user may see, with their reports and totals."""
    qs = policy.verwijzingen_van_traject(user, traject)
    verwijzingen = list(
        qs.select_related("organisatie", "verwezen_door").prefetch_related(
            Prefetch("rapportages", queryset=Voortgang.objects.select_related("door"))
        )
    )
    for v in verwijzingen:
        vul_totalen(v)
    return verwijzingen


def vul_totalen(verwijzing: Verwijzing) -> None:
    """Hours and attendance over all reports (from the prefetched reports: no query)."""
    rapporten = list(verwijzing.rapportages.all())
    verwijzing.uren_totaal = sum((r.uren for r in rapporten if r.uren is not None), 0)
    gepland = sum(r.afspraken_gepland or 0 for r in rapporten)
    aanwezig = sum(r.afspraken_aanwezig or 0 for r in rapporten)
    verwijzing.afspraken_gepland = gepland
    verwijzing.afspraken_aanwezig = aanwezig
    verwijzing.percentage = rules.aanwezigheidspercentage(gepland, aanwezig)


def werk_intake(user, verwijzing) -> tuple[BredeIntake | None, tuple[str, ...]]:
    """The brede intake of the referred traject and the topics about work the referral shows
    this user (policy.werk_intake_van_verwijzing); ``(None, ())`` when it shows none. The
    health fields are not even loaded."""
    sleutels = policy.werk_intake_van_verwijzing(user, verwijzing)
    if not sleutels:
        return None, ()
    intake = (
        BredeIntake.objects.filter(traject_id=verwijzing.traject_id)
        .defer("gezondheid", "positieve_gezondheid")
        .first()
    )
    return intake, (sleutels if intake is not None else ())


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    if traject is None or not policy.mag_zien(user, Sectie.VERWIJZINGEN, traject):
        return None
    return {
        "inburgeraar": inburgeraar,
        "traject": traject,
        "verwijzingen": verwijzingen_van(user, traject),
        "is_partner": policy.is_partner(user),
        "mag_verwijzen": policy.mag(user, Actie.VERWIJZEN) and traject.is_open,
    }
