"""Read side of Mijn Inburgering: what each page shows, always of the logged-in inburgeraar
only and in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.leerroute.models import Examenresultaat
from koers.leerroute.services import totalen
from koers.modules import rules as module_rules
from koers.modules.models import Activiteit, Afronding
from koers.monitoring.models import Voortgangsgesprek
from koers.netwerk.models import Tolkboeking
from koers.pip.models import Beschikking, PipVersie
from koers.portaal import labels
from koers.portaal import rules as portaal_rules
from koers.portaal.models import Bericht
from koers.verwerkingen.models import Verwerking


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


def beschikkingen(traject) -> list[Beschikking]:
    """The beschikkingen (letters of a vastgesteld PIP) of his current traject, newest first,
    without the PDF itself: one query."""
    if traject is None:
        return []
    return list(
        Beschikking.objects.filter(pip__traject=traject)
        .select_related("pip")
        .only("id", "kenmerk", "aangemaakt_op", "pip__id", "pip__versie", "pip__dagtekening")
        .order_by("-pip__versie")
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


# What tells one line of "Wie bekeek mijn dossier" from another on the same day.
INZAGE_GROEP = ("organisatie", "organisatie_oin", "rollen", "handeling", "activiteit", "doel")


@dataclass
class Inzage:
    """One line of "Wie bekeek mijn dossier": on one day, one organisation did one kind of
    processing for one purpose, ``aantal`` times."""

    rollen: str
    handeling: str
    activiteit: str
    doel: str
    aantal: int


@dataclass
class InzageGroep:
    dag: date
    organisatie: str
    regels: list[Inzage]


def _organisatie(naam: str, oin: str) -> str:
    if not naam:
        return str(_("Koers (automatisch)"))
    # A gemeente's records carry its OIN; its name alone ("Weert") reads as a town.
    return str(_("Gemeente %(naam)s") % {"naam": naam}) if oin else naam


def inzage(inburgeraar, voor: date | None) -> tuple[list[InzageGroep], date | None]:
    """Who viewed or changed his data, per day (newest first) and organisation, each kind of
    processing once with its number: the days before ``voor``, at most
    ``rules.LOG_DAGEN_PER_PAGINA`` of them, and the day to continue before (``None``: no
    older days). His own visits to the portal are left out (he knows them). Two queries,
    grouped in the database, whatever the number of records."""
    basis = (
        Verwerking.objects.filter(inburgeraar_id=inburgeraar.pk)
        .exclude(kanaal=Verwerking.Kanaal.PORTAAL)
        .annotate(dag=TruncDate("tijdstip"))
    )
    if voor is not None:
        basis = basis.filter(dag__lt=voor)
    dagen = list(
        basis.order_by("-dag")
        .values_list("dag", flat=True)
        .distinct()[: portaal_rules.LOG_DAGEN_PER_PAGINA + 1]
    )
    ouder = dagen[-2] if len(dagen) > portaal_rules.LOG_DAGEN_PER_PAGINA else None
    dagen = dagen[: portaal_rules.LOG_DAGEN_PER_PAGINA]
    if not dagen:
        return [], None
    rijen = (
        basis.filter(dag__gte=dagen[-1])
        .values("dag", *INZAGE_GROEP)
        .annotate(aantal=Count("id"), laatste=Max("id"))
        .order_by("-dag", "organisatie", "-laatste")
    )
    groepen: dict[tuple, InzageGroep] = {}
    for r in rijen:
        sleutel = (r["dag"], r["organisatie"], r["organisatie_oin"])
        groep = groepen.get(sleutel)
        if groep is None:
            groep = groepen[sleutel] = InzageGroep(
                r["dag"], _organisatie(r["organisatie"], r["organisatie_oin"]), []
            )
        groep.regels.append(
            Inzage(
                rollen=", ".join(
                    str(labels.label(labels.ROL, rol, labels.ROL_ANDERS))
                    for rol in (r["rollen"] or [])
                )
                or "—",
                handeling=str(labels.label(labels.HANDELING, r["handeling"])),
                activiteit=str(labels.label(labels.ACTIVITEIT, r["activiteit"])),
                doel=str(labels.label(labels.DOEL, r["doel"])),
                aantal=r["aantal"],
            )
        )
    return list(groepen.values()), ouder
