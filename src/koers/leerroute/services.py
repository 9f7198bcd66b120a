"""Write paths of the leerroute uitvoering. Each write runs in one transaction, refuses bad
input with :class:`~koers.bouwstenen.weigering.Weigering` (nothing half saved) and leaves a
LEERROUTE entry on the case timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from koers.begeleiding.models import DuaalTraject
from koers.bouwstenen.weigering import Weigering
from koers.duo import rules as duo_rules
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import registreer, vandaag, vergrendel_open
from koers.leerroute import rules
from koers.leerroute.models import (
    Aanbod,
    Afschalingsvoorstel,
    Examenresultaat,
    UrenPeriode,
    Zroute,
)
from koers.modules.selectors import participatie_uren as module_uren
from koers.partners.models import Voortgang
from koers.partners.rules import Taak as PartnerTaak
from koers.pip.models import PipVersie

NUL = Decimal(0)
SOORT = Gebeurtenis.Soort.LEERROUTE


def huidige_pip(traject: Traject, pips: list[PipVersie] | None = None) -> PipVersie | None:
    """The newest vastgesteld PIP version; from ``pips`` (the traject's versions, newest
    first) without a query when the caller already read them."""
    if pips is not None:
        return next((p for p in pips if p.status == PipVersie.Status.VASTGESTELD), None)
    return traject.pips.filter(status=PipVersie.Status.VASTGESTELD).order_by("-versie").first()


_MET = ("inburgeraar", "gemeente")  # what the writes below read of the locked traject


# -- Instellingen (DUO's list of keurmerk holders) -------------------------------------------


def instellingen_van_duo(gemeente) -> list[dict]:
    """DUO's ``GET /instellingen`` (schema Instelling), asked as this gemeente. Raises
    :class:`koers.duo.client.DuoFout`; callers show its Dutch text."""
    from koers.duo.client import duo_client

    with duo_client() as client:
        return list(client.get_instellingen(bron=gemeente.oin) or [])


def instelling_keuzes(instellingen: list[dict], leerroute: str | None) -> list[dict]:
    """The instellingen the adviseur may choose for this leerroute."""
    return [
        i for i in instellingen if not duo_rules.instelling_fouten(leerroute, _duo_instelling(i))
    ]


def _duo_instelling(instelling: dict | None) -> duo_rules.Instelling | None:
    """An entry of DUO's ``GET /instellingen`` as the DUO rules take it."""
    if instelling is None:
        return None
    return duo_rules.Instelling(
        instellingsnummer=str(instelling.get("instellingsnummer") or ""),
        bow_keurmerk=bool(instelling.get("indicatieBowKeurmerk")),
        tst_keurmerk=bool(instelling.get("indicatieTstKeurmerk")),
    )


# -- Inburgeringsaanbod ------------------------------------------------------------------------

AANBOD_VELDEN = ("instellingsnummer", "datum_aanbod", "startdatum", "einddatum", "alfabetisering")


def aanbod_fouten(pip: PipVersie, data: dict, instellingen: list[dict]) -> dict[str, str]:
    """What keeps an aanbod from being recorded under this PIP, per field: an instelling of
    DUO's list that fits the leerroute, the dates and their order, alfabetisering."""
    f: dict[str, str] = {}
    nummer = (data.get("instellingsnummer") or "").strip()
    instelling = next((i for i in instellingen if i.get("instellingsnummer") == nummer), None)
    if not nummer:
        f["instellingsnummer"] = "Kies een instelling."
    else:
        f.update(duo_rules.instelling_fouten(pip.leerroute, _duo_instelling(instelling)))
    for veld, tekst in (
        ("datum_aanbod", "Vul de datum van het aanbod in."),
        ("startdatum", "Vul de geplande startdatum in."),
        ("einddatum", "Vul de geplande einddatum in."),
    ):
        if not isinstance(data.get(veld), date):
            f[veld] = tekst
    if data.get("alfabetisering") not in ("A", "AA", "NVT"):
        f["alfabetisering"] = "Kies A, AA of NVT bij alfabetisering."
    if "startdatum" not in f and "einddatum" not in f:
        for veld, tekst in rules.aanbod_invoer_fouten(
            startdatum=data["startdatum"], einddatum=data["einddatum"]
        ).items():
            f.setdefault(veld, tekst)
    return f


@transaction.atomic
def bewaar_aanbod(
    traject: Traject, door, data: dict, *, instellingen: list[dict], melden: bool = True
) -> Aanbod:
    """Record the aanbod (one per instelling: a new one for the same instelling replaces it,
    as at DUO) and, for an asielstatushouder with ``melden``, queue the report to DUO."""
    from koers.duo import meldingen

    traject = vergrendel_open(traject, select_related=_MET)
    pip = huidige_pip(traject)
    if pip is None:
        raise Weigering({"__all__": "Stel eerst het PIP vast. Het aanbod hoort bij het PIP."})
    f = aanbod_fouten(pip, data, instellingen)
    if f:
        raise Weigering(f)
    nummer = (data.get("instellingsnummer") or "").strip()
    instelling = next((i for i in instellingen if i.get("instellingsnummer") == nummer), None)
    assert instelling is not None  # aanbod_fouten refused an instelling not on the list
    keurmerk = rules.gebruikt_keurmerk(
        pip.leerroute,
        bow=bool(instelling.get("indicatieBowKeurmerk")),
        tst=bool(instelling.get("indicatieTstKeurmerk")),
    )
    assert keurmerk is not None  # instelling_fouten refused an instelling without one
    aanbod = Aanbod.objects.filter(traject=traject, instellingsnummer=nummer).first() or Aanbod(
        traject=traject, instellingsnummer=nummer, aangemaakt_door=door
    )
    aanbod.instelling_naam = str(instelling.get("naam") or nummer)[:128]
    aanbod.keurmerk = keurmerk
    aanbod.datum_aanbod = data["datum_aanbod"]
    aanbod.startdatum = data["startdatum"]
    aanbod.einddatum = data["einddatum"]
    aanbod.alfabetisering = data["alfabetisering"]
    if melden and traject.inburgeraar.is_asielmigrant:
        # The course a taalschakeltraject must follow: the person's aanbod elsewhere.
        cursus_laatste_lesdagen = tuple(
            Aanbod.objects.filter(traject=traject)
            .exclude(instellingsnummer=nummer)
            .values_list("einddatum", flat=True)
        )
        try:
            aanbod.bericht = meldingen.meld_inburgeringsaanbod(
                traject,
                instellingsnummer=nummer,
                alfabetisering=aanbod.alfabetisering,
                datum_aanbod=aanbod.datum_aanbod,
                startdatum=aanbod.startdatum,
                laatste_lesdag=aanbod.einddatum,
                instelling=_duo_instelling(instelling),
                cursus_laatste_lesdagen=cursus_laatste_lesdagen,
            )
        except Weigering as w:  # DUO's refusal on the field the adviseur filled in
            raise Weigering({AANBOD_DUO_VELDEN.get(k, k): v for k, v in w.fouten.items()}) from w
    aanbod.save()
    gemeld = " en gemeld bij DUO" if aanbod.bericht_id else ""
    registreer(
        traject,
        SOORT,
        f"Inburgeringsaanbod bij {aanbod.instelling_naam} vastgelegd"
        f"{gemeld} ({datum_voluit(aanbod.startdatum)} tot en met "
        f"{datum_voluit(aanbod.einddatum)})",
        door,
    )
    zroute_bijwerken(traject)
    return aanbod


# DUO's field names (schema Inburgeringsaanbod) → the fields of Koers' form and API.
AANBOD_DUO_VELDEN = {
    "datum_inburgeringsaanbod": "datum_aanbod",
    "verwachte_startdatum_opleiding": "startdatum",
    "verwachte_einddatum_opleiding": "einddatum",
    "indicator_alfabetiseringsonderwijs": "alfabetisering",
}


# -- Hours -------------------------------------------------------------------------------------


def _decimaal(waarde) -> Decimal | None:
    if waarde is None or waarde == "" or isinstance(waarde, bool):
        return None
    try:
        d = Decimal(str(waarde).replace(",", "."))
    except InvalidOperation:
        return None
    return d.quantize(Decimal("0.1")) if d.is_finite() else None


@transaction.atomic
def bewaar_uren(traject: Traject, door, data: dict, *, rij_id: int | None = None) -> UrenPeriode:
    """Record the hours of one period as the provider reports them (or correct row
    ``rij_id``). Afterwards the Z-route plan is brought up to date and, in the B1-route, Koers
    proposes afschalen when the rule is met."""
    traject = vergrendel_open(traject, select_related=_MET)
    rij = None
    if rij_id is not None:
        rij = UrenPeriode.objects.filter(traject=traject, pk=rij_id).first()
        if rij is None:
            raise Weigering({"__all__": "Deze uren horen niet bij dit traject."})
    aanwezigheid = data.get("aanwezigheid")
    periode = rules.Periode(
        soort=data.get("soort") or "",
        start=data.get("periode_start"),
        eind=data.get("periode_eind"),
        gepland=_decimaal(data.get("uren_gepland")),
        gevolgd=_decimaal(data.get("uren_gevolgd")),
        aanwezigheid=aanwezigheid if isinstance(aanwezigheid, int) else None,
        tijdens_brede_intake=bool(data.get("tijdens_brede_intake")),
    )
    f = rules.periode_fouten(periode, vandaag=vandaag())
    if aanwezigheid is not None and not isinstance(aanwezigheid, int):
        f["aanwezigheid"] = "De aanwezigheid is een heel getal van 0 tot en met 100."
    aanbod = None
    if data.get("aanbod"):
        aanbod = (
            Aanbod.objects.filter(traject=traject, pk=data["aanbod"]).first()
            if str(data["aanbod"]).isdigit()
            else None
        )
        if aanbod is None:
            f["aanbod"] = "Dit aanbod hoort niet bij dit traject."
    if len(data.get("opmerking") or "") > 500:
        f["opmerking"] = "De opmerking is hoogstens 500 tekens."
    if len(data.get("aanbieder") or "") > 128:
        f["aanbieder"] = "De naam van de aanbieder is hoogstens 128 tekens."
    if f:
        raise Weigering(f)
    nieuw = rij is None
    # periode_fouten refused the step when one of these is missing.
    assert periode.start is not None and periode.eind is not None
    assert periode.gepland is not None and periode.gevolgd is not None
    rij = rij or UrenPeriode(traject=traject, aangemaakt_door=door)
    rij.aanbod, rij.soort = aanbod, periode.soort
    rij.periode_start, rij.periode_eind = periode.start, periode.eind
    rij.uren_gepland, rij.uren_gevolgd = periode.gepland, periode.gevolgd
    rij.aanwezigheid = periode.aanwezigheid
    rij.tijdens_brede_intake = periode.tijdens_brede_intake
    rij.aanbieder = (data.get("aanbieder") or "")[:128] or (
        aanbod.instelling_naam if aanbod else ""
    )
    rij.opmerking = data.get("opmerking") or ""
    rij.save()
    registreer(
        traject,
        SOORT,
        ("" if nieuw else "Gecorrigeerd: ")
        + f"{rules.UREN_SOORT_NAMEN[rules.UrenSoort(rij.soort)]}: "
        f"{rij.uren_gevolgd} van {rij.uren_gepland} uur gevolgd "
        f"({datum_voluit(rij.periode_start)} tot {datum_voluit(rij.periode_eind)})",
        door,
    )
    zroute_bijwerken(traject)
    _misschien_afschalen(traject)
    return rij


@dataclass(frozen=True)
class Totalen:
    taal: Decimal
    knm: Decimal
    schakel_taal: Decimal
    schakel_overig: Decimal
    participatie_eigen: Decimal  # this app's rows (incl. during the brede intake)
    intake_taal_knm: Decimal  # language + KNM during the brede intake (not for the Z-route)
    lesuren_keurmerk: Decimal  # followed NT2 hours at a BoW provider
    lesuren_gepland_keurmerk: Decimal
    gepland: Decimal
    gevolgd: Decimal

    @property
    def zroute_cursus(self) -> Decimal:
        return self.taal + self.knm - self.intake_taal_knm

    @property
    def aanwezigheid(self) -> Decimal | None:
        return rules.aanwezigheid(self.gevolgd, self.gepland)


def _s(soort: str, **extra) -> Sum:
    return Sum("uren_gevolgd", filter=Q(soort=soort, **extra))


def totalen(traject_id: int) -> Totalen:
    """All sums of a traject's hours in one query."""
    S = rules.UrenSoort
    r = UrenPeriode.objects.filter(traject_id=traject_id).aggregate(
        taal=_s(S.TAAL),
        knm=_s(S.KNM),
        schakel_taal=_s(S.SCHAKEL_TAAL),
        schakel_overig=_s(S.SCHAKEL_OVERIG),
        participatie_eigen=_s(S.PARTICIPATIE),
        intake_taal_knm=Sum(
            "uren_gevolgd",
            filter=Q(soort__in=rules.ZROUTE_CURSUS_SOORTEN, tijdens_brede_intake=True),
        ),
        lesuren_keurmerk=_s(S.TAAL, aanbod__keurmerk=rules.Keurmerk.BOW),
        lesuren_gepland_keurmerk=Sum(
            "uren_gepland", filter=Q(soort=S.TAAL, aanbod__keurmerk=rules.Keurmerk.BOW)
        ),
        gepland=Sum("uren_gepland"),
        gevolgd=Sum("uren_gevolgd"),
    )
    return Totalen(**{k: v or NUL for k, v in r.items()})


def participatie_uren_extern(traject_ids: list[int]) -> dict[int, Decimal]:
    """The participation hours of a traject recorded in OTHER apps, per traject, in three
    queries whatever the number of cases: PVT and MAP activities (koers.modules), hours a
    ketenpartner reported on a referral for maatschappelijke begeleiding or begeleiding naar
    werk (koers.partners), and hours worked in a duaal traject (koers.begeleiding). Which
    hours count: :func:`koers.leerroute.rules.telt_als_participatieactiviteit`. Every id asked
    for is in the answer."""
    uren = {pk: NUL for pk in traject_ids}
    if not traject_ids:
        return uren
    for pk, totaal in module_uren(traject_ids).items():
        uren[pk] += totaal
    partner = (
        Voortgang.objects.filter(
            verwijzing__traject_id__in=traject_ids,
            verwijzing__taak__in=PARTNER_TAKEN,
            uren__isnull=False,
        )
        .order_by()
        .values_list("verwijzing__traject_id")
        .annotate(t=Sum("uren"))
    )
    duaal = (
        DuaalTraject.objects.filter(traject_id__in=traject_ids, uren_gewerkt__isnull=False)
        .order_by()
        .values_list("traject_id")
        .annotate(t=Sum("uren_gewerkt"))
    )
    for pk, totaal in [*partner, *duaal]:
        uren[pk] += Decimal(totaal or 0)
    return uren


# Referral tasks of koers.partners whose hours are participatieactiviteiten (DUO: "waaronder
# activiteiten voor maatschappelijke begeleiding en de Participatiewet"). The MAP and PVT
# referrals are left out: their hours are the activities of koers.modules.
PARTNER_TAKEN = (
    PartnerTaak.MAATSCHAPPELIJKE_BEGELEIDING.value,
    PartnerTaak.BEGELEIDING_NAAR_WERK.value,
)


# -- Afschalen B1 → A2 -------------------------------------------------------------------------


def afschaaltoets(
    traject: Traject, pip: PipVersie | None = None, t: Totalen | None = None
) -> rules.Afschaaltoets:
    pip = pip if pip is not None else huidige_pip(traject)
    t = t or totalen(traject.pk)
    return rules.afschalen_toets(
        leerroute=pip.leerroute if pip else None,
        niveau=(pip.niveau or "B1") if pip else None,
        lesuren_keurmerk=t.lesuren_keurmerk,
        lesuren_gepland_keurmerk=t.lesuren_gepland_keurmerk,
    )


def _misschien_afschalen(traject: Traject) -> Afschalingsvoorstel | None:
    """Propose afschalen once the rule is met and nothing was proposed before (after a
    rejection the adviseur can ask again with :func:`stel_afschaling_voor`)."""
    if traject.afschalingsvoorstellen.exists():
        return None
    if not afschaaltoets(traject).mogelijk:
        return None
    return _nieuw_voorstel(traject)


def _nieuw_voorstel(traject: Traject) -> Afschalingsvoorstel:
    t = totalen(traject.pk)
    voorstel = Afschalingsvoorstel.objects.create(
        traject=traject,
        voorgesteld_op=vandaag(),
        lesuren=t.lesuren_keurmerk,
        aanwezigheid=rules.aanwezigheid(t.lesuren_keurmerk, t.lesuren_gepland_keurmerk),
    )
    registreer(
        traject,
        SOORT,
        f"Koers stelt voor het PIP af te schalen naar A2: "
        f"{voorstel.lesuren} lesuren gevolgd bij een instelling met keurmerk",
    )
    return voorstel


@transaction.atomic
def stel_afschaling_voor(traject: Traject, door=None) -> Afschalingsvoorstel:
    traject = vergrendel_open(traject, select_related=_MET)
    if traject.afschalingsvoorstellen.filter(status=Afschalingsvoorstel.Status.OPEN).exists():
        raise Weigering(
            {"__all__": "Er is al een voorstel om af te schalen. Neem daar eerst een besluit over."}
        )
    toets = afschaaltoets(traject)
    if not toets.mogelijk:
        raise Weigering({"__all__": " ".join(toets.redenen)})
    return _nieuw_voorstel(traject)


def besluit_fouten(aanvaard: bool | None, reden: str) -> dict[str, str]:
    """What is wrong with a decision on an afschalingsvoorstel: a choice, and a reason (of at
    most 1000 characters) when it is rejected."""
    reden = (reden or "").strip()
    if aanvaard is None:
        return {"besluit": "Kies: aanvaarden of afwijzen."}
    if len(reden) > 1000:
        return {"reden": "De reden is hoogstens 1000 tekens."}
    if not aanvaard and not reden:
        return {"reden": "Schrijf op waarom u het voorstel afwijst."}
    return {}


@transaction.atomic
def besluit_afschaling(
    traject: Traject, voorstel_id, door, *, aanvaard: bool | None, reden: str = ""
) -> Afschalingsvoorstel:
    """Accept: a new PIP concept with level A2 (the adviseur then vaststelt it as usual).
    Reject: with a reason."""
    from koers.pip import services as pip_services

    traject = vergrendel_open(traject, select_related=_MET)
    voorstel = (
        traject.afschalingsvoorstellen.select_for_update().filter(pk=voorstel_id).first()
        if str(voorstel_id).isdigit()
        else None
    )
    if voorstel is None:
        raise Weigering({"__all__": "Dit voorstel bestaat niet."})
    if voorstel.status != Afschalingsvoorstel.Status.OPEN:
        raise Weigering({"__all__": "Over dit voorstel is al besloten."})
    reden = (reden or "").strip()
    if fouten := besluit_fouten(aanvaard, reden):
        raise Weigering(fouten)
    if aanvaard:
        pip = huidige_pip(traject)
        if pip is None or pip.leerroute != "B":
            raise Weigering({"__all__": "Het huidige PIP is geen B1-route."})
        if traject.pips.filter(status=PipVersie.Status.CONCEPT).exists():
            raise Weigering(
                {"__all__": "Er is al een PIP-concept. Stel dat eerst vast of pas het zelf aan."}
            )
        data = {veld: getattr(pip, veld) for veld in pip_services.INHOUD_VELDEN}
        data.update(
            niveau="A2",
            dagtekening=vandaag(),
            toelichting_leerroute=(
                (pip.toelichting_leerroute + "\n\n" if pip.toelichting_leerroute else "")
                + f"Afgeschaald naar A2 na {voorstel.lesuren} lesuren bij een instelling met "
                f"keurmerk. {reden}"
            ).strip(),
        )
        voorstel.pip = pip_services.bewaar_concept(traject, door, data)
    voorstel.status = (
        Afschalingsvoorstel.Status.AANVAARD if aanvaard else Afschalingsvoorstel.Status.AFGEWEZEN
    )
    voorstel.reden = reden
    voorstel.besloten_door = door
    voorstel.besloten_op = timezone.now()
    voorstel.save()
    registreer(
        traject,
        SOORT,
        "Voorstel om af te schalen naar A2 aanvaard: nieuw PIP-concept met niveau A2"
        if aanvaard
        else "Voorstel om af te schalen naar A2 afgewezen",
        door,
        toelichting=reden,
    )
    return voorstel


# -- Exams -------------------------------------------------------------------------------------

EXAMEN_VELDEN = ("onderdeel", "niveau", "examendatum", "resultaat", "reden_geen_resultaat")


def examen_fouten(data: dict, *, duo: bool = False) -> dict[str, str]:
    f: dict[str, str] = {}
    onderdelen = rules.DUO_ONDERDELEN if duo else tuple(rules.EXAMENONDERDELEN)
    if data.get("onderdeel") not in onderdelen:
        f["onderdeel"] = "Kies het examenonderdeel."
    if (data.get("niveau") or "") not in ("", *rules.EXAMENNIVEAUS):
        f["niveau"] = "Kies A2, B1 of B2."
    if not isinstance(data.get("examendatum"), date):
        f["examendatum"] = "Vul de examendatum in."
    elif not duo and data["examendatum"] > vandaag():
        f["examendatum"] = "Een uitslag kan niet in de toekomst liggen."
    if data.get("resultaat") not in rules.EXAMENRESULTATEN:
        f["resultaat"] = "Kies geslaagd, gezakt of geen resultaat."
    reden = data.get("reden_geen_resultaat") or ""
    if reden and reden not in rules.REDENEN_GEEN_RESULTAAT:
        f["reden_geen_resultaat"] = "Kies een reden uit de lijst."
    elif reden and data.get("resultaat") != "Geen":
        f["reden_geen_resultaat"] = "Een reden hoort alleen bij 'geen resultaat'."
    return f


@transaction.atomic
def bewaar_examen(traject: Traject, door, data: dict) -> Examenresultaat:
    """An exam result entered by hand (e.g. one the person brings along)."""
    traject = vergrendel_open(traject, select_related=_MET)
    f = examen_fouten(data)
    if f:
        raise Weigering(f)
    examen, _ = Examenresultaat.objects.update_or_create(
        traject=traject,
        onderdeel=data["onderdeel"],
        niveau=data.get("niveau") or "",
        examendatum=data["examendatum"],
        defaults={
            "resultaat": data["resultaat"],
            "reden_geen_resultaat": data.get("reden_geen_resultaat") or "",
            "bron": Examenresultaat.Bron.HANDMATIG,
        },
    )
    registreer(
        traject,
        SOORT,
        f"Examenresultaat {examen.onderdeel} {examen.niveau} ingevoerd: {examen.resultaat}".replace(
            "  ", " "
        ),
        door,
    )
    return examen


def bewaar_duo_examens(traject: Traject, uitslagen) -> int:
    """Store DUO's exam results (API Examen, schema Examenresultaat) as rows; called by the
    SS199 handler inside its transaction. Idempotent: a known row is updated. Returns the
    number of new or changed rows."""
    aantal = 0
    for r in uitslagen or []:
        data = {
            "onderdeel": r.get("onderdeel"),
            "niveau": r.get("niveau") or "",
            "examendatum": _datum(r.get("examendatum")),
            "resultaat": r.get("resultaat"),
            "reden_geen_resultaat": r.get("redenGeenResultaat") or "",
        }
        if examen_fouten(data, duo=True):
            continue  # DUO's file forbids it; the timeline entry still shows DUO's text
        rij, nieuw = Examenresultaat.objects.get_or_create(
            traject=traject,
            onderdeel=data["onderdeel"],
            niveau=data["niveau"],
            examendatum=data["examendatum"],
            defaults={
                "resultaat": data["resultaat"],
                "reden_geen_resultaat": data["reden_geen_resultaat"],
                "bron": Examenresultaat.Bron.DUO,
            },
        )
        if nieuw:
            aantal += 1
        elif (rij.resultaat, rij.reden_geen_resultaat, rij.bron) != (
            data["resultaat"],
            data["reden_geen_resultaat"],
            Examenresultaat.Bron.DUO,
        ):
            rij.resultaat = data["resultaat"]
            rij.reden_geen_resultaat = data["reden_geen_resultaat"]
            rij.bron = Examenresultaat.Bron.DUO
            rij.save()
            aantal += 1
    return aantal


def _datum(waarde) -> date | None:
    try:
        return date.fromisoformat(waarde) if waarde else None
    except (TypeError, ValueError):
        return None


# -- Z-route -----------------------------------------------------------------------------------


def zroute_norm(traject: Traject) -> rules.ZrouteNorm:
    """The norm of this person: DUO's doelgroepindeling and partial ontheffing."""
    ib = traject.inburgeraar
    return rules.zroute_norm(ib.doelgroepindeling, ib.uren_belastbaarheid_participatie)


def zroute_bijwerken(traject: Traject, pip: PipVersie | None = None) -> Zroute | None:
    """Bring the traject's Z-route plan up to date (norm, termijn, hours, ``achter_vanaf``).
    Creates it when the current PIP is the Z-route. Runs on every change of the case
    (``traject_gewijzigd``, see apps.py): new hours here or in another app (PVT, MAP,
    begeleiding, partners), a new PIP, new termijn dates, DUO's partial ontheffing."""
    pip = pip if pip is not None else huidige_pip(traject)
    zroute = Zroute.objects.filter(traject=traject).first()
    if pip is None or pip.leerroute != "Z":
        if zroute is not None and zroute.achter_vanaf is not None:
            zroute.achter_vanaf = None  # no longer in the Z-route: no signal
            zroute.save(update_fields=["achter_vanaf", "gewijzigd_op"])
        return zroute
    norm = zroute_norm(traject)
    t = totalen(traject.pk)
    modules = participatie_uren_extern([traject.pk]).get(traject.pk, NUL)
    zroute = zroute or Zroute(traject=traject)
    zroute.participatie_modules = modules
    zroute.norm_cursus, zroute.norm_participatie = norm.cursus, norm.participatie
    zroute.termijn_start, zroute.termijn_eind = traject.termijn_start, traject.termijn_eind
    zroute.cursus_uren = t.zroute_cursus
    zroute.participatie_uren = t.participatie_eigen + modules
    zroute.achter_vanaf = achter_vanaf(zroute)
    zroute.save()
    return zroute


def achter_vanaf(z: Zroute, participatie: Decimal | None = None) -> date | None:
    if z.termijn_start is None or z.termijn_eind is None:
        return None
    data = [
        d
        for d in (
            rules.achter_vanaf(
                Decimal(z.cursus_uren),
                Decimal(z.norm_cursus),
                termijn_start=z.termijn_start,
                termijn_eind=z.termijn_eind,
            ),
            rules.achter_vanaf(
                participatie if participatie is not None else Decimal(z.participatie_uren),
                Decimal(z.norm_participatie),
                termijn_start=z.termijn_start,
                termijn_eind=z.termijn_eind,
            ),
        )
        if d is not None
    ]
    return min(data) if data else None


def _vereist_zroute(traject: Traject) -> Zroute:
    pip = huidige_pip(traject)
    if pip is None or pip.leerroute != "Z":
        raise Weigering(
            {"__all__": "Deze inburgeraar volgt de Z-route niet volgens het huidige PIP."}
        )
    zroute = zroute_bijwerken(traject, pip)
    assert zroute is not None
    return zroute


def eindgesprek_fouten(traject: Traject, data: dict) -> dict[str, str]:
    """What keeps the Z-route's eindgesprek from being recorded, per field: a date not in the
    future and not before the termijn, whether the agreements were kept, a conclusion."""
    f: dict[str, str] = {}
    datum = data.get("datum")
    if not isinstance(datum, date):
        f["datum"] = "Vul de datum van het eindgesprek in."
    elif datum > vandaag():
        f["datum"] = "Kies een datum van het eindgesprek die niet in de toekomst ligt."
    elif traject.termijn_start and datum < traject.termijn_start:
        f["datum"] = "Kies een datum op of na de start van de inburgeringstermijn."
    if data.get("afspraken_nagekomen") not in (True, False):
        f["afspraken_nagekomen"] = "Geef aan of de afspraken uit het PIP zijn nagekomen."
    conclusie = (data.get("conclusie") or "").strip()
    if not conclusie:
        f["conclusie"] = "Schrijf de conclusie van het eindgesprek op."
    elif len(conclusie) > 5000:
        f["conclusie"] = "De conclusie is hoogstens 5000 tekens."
    return f


@transaction.atomic
def bewaar_eindgesprek(traject: Traject, door, data: dict) -> Zroute:
    traject = vergrendel_open(traject, select_related=_MET)
    zroute = _vereist_zroute(traject)
    f = eindgesprek_fouten(traject, data)
    if zroute.afgerond_op is not None:
        f["__all__"] = "De afronding is al aan DUO gemeld. Het eindgesprek ligt vast."
    if f:
        raise Weigering(f)
    datum = data.get("datum")
    conclusie = (data.get("conclusie") or "").strip()
    zroute.eindgesprek_op = datum
    zroute.afspraken_nagekomen = data["afspraken_nagekomen"]
    zroute.conclusie = conclusie
    zroute.eindgesprek_door = door
    zroute.save()
    registreer(
        traject,
        SOORT,
        f"Eindgesprek Z-route op {datum_voluit(datum)}: afspraken "
        f"{'nagekomen' if zroute.afspraken_nagekomen else 'niet nagekomen'}",
        door,
        toelichting=conclusie,
    )
    return zroute


@dataclass(frozen=True)
class ZrouteVolgorde:
    """What DUO has of the PVT and MAP: their accepted dates (the Z-route completion waits
    for both, koers.duo.rules.zroute_volgorde_fouten)."""

    pvt: date | None
    map: date | None

    @property
    def klaar(self) -> bool:
        return self.pvt is not None and self.map is not None


def zroute_volgorde(traject: Traject) -> ZrouteVolgorde:
    from koers.duo import meldingen

    return ZrouteVolgorde(
        pvt=meldingen.datum_door_duo_verwerkt(traject, "pvt"),
        map=meldingen.datum_door_duo_verwerkt(traject, "map"),
    )


@transaction.atomic
def meld_zroute_afgerond(traject: Traject, door, datum: date | None = None) -> Zroute:
    """Register the completion of the Z-route and report it to DUO (through the outbox): after
    an eindgesprek that concluded the agreements were met, with the hours of the norm, and only
    once DUO accepted the PVT and MAP dates — otherwise DUO would refuse them later (RULES.md
    "MAP and PVT"). Nothing is registered when one of these is missing."""
    from koers.duo import meldingen

    traject = vergrendel_open(traject, select_related=_MET)
    zroute = _vereist_zroute(traject)
    if zroute.afgerond_op is not None:
        raise Weigering({"__all__": "De afronding is al aan DUO gemeld."})
    f = rules.zroute_afronding_fouten(
        afspraken_nagekomen=zroute.afspraken_nagekomen if zroute.eindgesprek_op else None,
        cursus_uren=zroute.cursus_uren,
        participatie_uren=zroute.participatie_uren,
        norm=rules.ZrouteNorm(zroute.norm_cursus, zroute.norm_participatie),
    )
    if f:
        raise Weigering(f)
    datum = datum or vandaag()
    zroute.afronding_bericht = meldingen.meld_zroute(
        traject, datum, eindgesprek_op=zroute.eindgesprek_op
    )
    zroute.afgerond_op = datum
    zroute.save()
    registreer(
        traject, SOORT, f"Afronding van de Z-route ({datum_voluit(datum)}) gemeld bij DUO", door
    )
    return zroute


@dataclass(frozen=True)
class DuoUren:
    """The running totals Koers reports to DUO (API GevolgdeUren), whole hours; ``None``: this
    total is not reported for the person."""

    taalles_knm_brede_intake: int
    participatieactiviteiten: int | None
    participatie_als_taalles: int | None


def duo_uren(traject: Traject, pip: PipVersie | None = None) -> DuoUren:
    """The three totals of the GevolgdeUren API as Koers would report them now.

    - TaallesEnKnmBredeIntake: language + KNM lessons during the brede intake (every doelgroep).
    - ParticipatieactiviteitenBredeIntake: only for an asielstatushouder (the schema: "ten
      behoeve van de Z-Route ... van de Asielstatushouder") in the Z-route or still without a
      PIP (the intake hours count); every source of
      :func:`rules.telt_als_participatieactiviteit`, also during the brede intake.
    - ParticipatieAlsTaalles: lesson hours in the leerroute (:func:`rules.taaluren_leerroute`),
      once there is a PIP.
    """
    pip = pip if pip is not None else huidige_pip(traject)
    t = totalen(traject.pk)
    participatie = None
    if traject.inburgeraar.is_asielmigrant and (pip is None or pip.leerroute == "Z"):
        participatie = rules.hele_uren(
            t.participatie_eigen + participatie_uren_extern([traject.pk]).get(traject.pk, NUL)
        )
    taalles = None
    if pip is not None:
        taalles = rules.hele_uren(
            rules.taaluren_leerroute(
                taal_knm=t.taal + t.knm,
                schakel=t.schakel_taal + t.schakel_overig,
                taal_knm_brede_intake=t.intake_taal_knm,
            )
        )
    return DuoUren(
        taalles_knm_brede_intake=rules.hele_uren(t.intake_taal_knm),
        participatieactiviteiten=participatie,
        participatie_als_taalles=taalles,
    )


@transaction.atomic
def meld_uren_aan_duo(traject: Traject, door) -> list:
    """Queue every running total DUO keeps that applies to the person (:func:`duo_uren`):
    each PUT carries the whole total so far, never an increment (RULES.md "Gevolgde uren")."""
    from koers.duo import meldingen
    from koers.duo.rules import UrenSoort

    traject = vergrendel_open(traject, select_related=_MET)
    u = duo_uren(traject)
    gemeld = [
        (meldingen.meld_uren(traject, soort, uren), uren)
        for soort, uren in (
            (UrenSoort.TAALLES_KNM_BREDE_INTAKE, u.taalles_knm_brede_intake),
            (UrenSoort.PARTICIPATIEACTIVITEITEN, u.participatieactiviteiten),
            (UrenSoort.PARTICIPATIE_ALS_TAALLES, u.participatie_als_taalles),
        )
        if uren is not None
    ]
    registreer(
        traject,
        SOORT,
        "Gevolgde uren gemeld bij DUO: "
        + ", ".join(
            f"{uren} uur ({b.soort.removeprefix('uren_').replace('_', ' ')})" for b, uren in gemeld
        ),
        door,
    )
    return [b for b, _uren in gemeld]
