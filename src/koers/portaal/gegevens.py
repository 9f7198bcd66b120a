"""Read side of Mijn Inburgering: what each page shows, always of the logged-in inburgeraar
only and in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.leerroute.models import Examenresultaat
from koers.leerroute.services import totalen
from koers.modules import rules as module_rules
from koers.modules.models import Activiteit, Afronding
from koers.monitoring.models import Voortgangsgesprek
from koers.netwerk.models import Tolkboeking
from koers.pip.models import PipVersie
from koers.portaal import labels
from koers.portaal.models import Bericht


@dataclass
class Afspraak:
    sleutel: str  # "gesprek-12": the id in URLs and the iCal UID
    soort: str
    datum: date
    titel: str
    uitleg: str = ""
    met_tolk: bool = False

    @property
    def is_voorbij(self) -> bool:
        return self.datum < timezone.localdate()


def huidige_pip(traject) -> PipVersie | None:
    if traject is None:
        return None
    return (
        PipVersie.objects.filter(traject=traject, status=PipVersie.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )


def afspraken(inburgeraar) -> list[Afspraak]:
    """The appointments of his current traject, newest last: voortgangsgesprekken, the
    intake and tolk bookings (three queries)."""
    traject = inburgeraar.huidig_traject
    if traject is None:
        return []
    uit: list[Afspraak] = []
    tolkdata = {}
    for boeking in (
        Tolkboeking.objects.filter(traject=traject)
        .exclude(status="geannuleerd")
        .only("id", "datum", "gesprek", "voortgangsgesprek_id")
    ):
        tolkdata.setdefault(boeking.datum, boeking)
        if boeking.gesprek != "voortgangsgesprek" and boeking.gesprek != "brede_intake":
            uit.append(
                Afspraak(
                    f"tolk-{boeking.pk}",
                    "tolk",
                    boeking.datum,
                    str(labels.label(labels.TOLK_GESPREK, boeking.gesprek)),
                    _("Er is een tolk bij dit gesprek."),
                    met_tolk=True,
                )
            )
    for gesprek in Voortgangsgesprek.objects.filter(traject=traject).only(
        "id", "gepland_op", "gehouden_op"
    ):
        if gesprek.datum is None:
            continue
        uit.append(
            Afspraak(
                f"gesprek-{gesprek.pk}",
                "gesprek",
                gesprek.datum,
                str(labels.AFSPRAAK["gesprek"]),
                _("U praat met uw adviseur over hoe het gaat met uw plan."),
                met_tolk=gesprek.datum in tolkdata,
            )
        )
    from koers.intake.models import BredeIntake

    intake = BredeIntake.objects.filter(traject=traject).only("id", "datum").first()
    if intake is not None and intake.datum is not None:
        uit.append(
            Afspraak(
                f"intake-{intake.pk}",
                "intake",
                intake.datum,
                str(labels.AFSPRAAK["intake"]),
                _("Het eerste gesprek: wie bent u en wat kunt u al?"),
                met_tolk=intake.datum in tolkdata,
            )
        )
    uit.sort(key=lambda a: (a.datum, a.sleutel))
    return uit


def volgende_afspraak(lijst: list[Afspraak], vandaag: date) -> Afspraak | None:
    return next((a for a in lijst if a.datum >= vandaag), None)


@dataclass
class Voortgang:
    pip: PipVersie | None
    uren_gevolgd: Decimal = Decimal(0)
    uren_gepland: Decimal = Decimal(0)
    lesuren: Decimal = Decimal(0)
    module_uren: dict = field(default_factory=dict)  # {"pvt": Decimal, "map": Decimal}
    afgerond: dict = field(default_factory=dict)  # {"pvt": date, "map": date}
    examens: list = field(default_factory=list)
    map_nodig: bool = False

    @property
    def pvt_klaar(self) -> bool:
        return "pvt" in self.afgerond

    @property
    def map_klaar(self) -> bool:
        return "map" in self.afgerond


def voortgang(inburgeraar) -> Voortgang:
    """Hours, PVT and MAP, exams (five queries)."""
    traject = inburgeraar.huidig_traject
    pip = huidige_pip(traject)
    v = Voortgang(pip=pip)
    if traject is None:
        return v
    t = totalen(traject.pk)
    v.uren_gevolgd, v.uren_gepland = t.gevolgd, t.gepland
    v.lesuren = t.taal + t.knm + t.schakel_taal + t.schakel_overig
    v.module_uren = {
        m: Decimal(u or 0)
        for m, u in Activiteit.objects.filter(traject=traject)
        .order_by()
        .values_list("module")
        .annotate(u=Sum("uren"))
    }
    v.afgerond = dict(Afronding.objects.filter(traject=traject).values_list("module", "datum"))
    v.examens = [
        {
            "onderdeel": labels.label(labels.EXAMENONDERDEEL, e.onderdeel),
            "niveau": e.niveau,
            "datum": e.examendatum,
            "resultaat": labels.label(labels.EXAMENRESULTAAT, e.resultaat),
            "geslaagd": e.resultaat == "Geslaagd",
        }
        for e in Examenresultaat.objects.filter(traject=traject).order_by("-examendatum")
    ]
    v.map_nodig = module_rules.map_verplicht(pip.leerroute if pip else None)
    return v


def volgende_stappen(
    inburgeraar, v: Voortgang, volgende: Afspraak | None, ongelezen: int
) -> list[str]:
    """Short next steps in plain words, derived from what is known."""
    stappen = []
    if ongelezen:
        stappen.append(_("U heeft een nieuw bericht van uw adviseur. Lees het bij Berichten."))
    if v.pip is None:
        stappen.append(_("Uw adviseur maakt samen met u uw plan (PIP)."))
    else:
        if volgende is not None:
            stappen.append(_("Kom naar uw volgende afspraak. Kijk bij Afspraken."))
        if not v.pvt_klaar:
            stappen.append(_("Doe mee aan de PVT: u leert over de waarden van Nederland."))
        if v.map_nodig and not v.map_klaar:
            stappen.append(_("Doe mee aan de MAP: u leert over werk in Nederland."))
        if v.pip.leerroute == "B" and not any(e["geslaagd"] for e in v.examens):
            stappen.append(_("Ga naar uw lessen Nederlands. Daarna doet u examen."))
    return stappen


def ongelezen_van_gemeente(inburgeraar) -> int:
    return Bericht.objects.filter(
        inburgeraar=inburgeraar, richting=Bericht.Richting.VAN_GEMEENTE, gelezen_op__isnull=True
    ).count()
