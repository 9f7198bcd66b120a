"""Rules about the inburgeraar and the traject: identifiers, doelgroep, lifecycle, PIP clock.

Plain functions over plain values; no ORM. Each cites its source. Sources: Wet inburgering
2021 (Wi2021), Besluit inburgering 2021 (Bi), DUO's M2M specification (shared/duo-m2m).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from collections.abc import Iterator


# The elfproef's weights of the nine BSN digits (Logius, specificatie BSN); the ninth digit
# counts negatively, so a valid BSN has a weighted sum that is a multiple of 11.
BSN_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(bsn: str) -> bool:
    """A BSN is 9 digits that pass the elfproef.

    Source: Wet algemene bepalingen burgerservicenummer art. 1 and the Logius specification
    of the BSN: sum(d_i * (9 - i)) for the first eight digits minus the ninth digit is a
    multiple of 11. ``000000000`` is not issued. Only the ASCII digits 0-9 count: ``isdigit``
    alone also accepts e.g. full-width or superscript digits.

    Bron: Wet algemene bepalingen burgerservicenummer art. 1; Logius, specificatie BSN (elfproef).
    Status: wet
    """
    if (
        not isinstance(bsn, str)
        or len(bsn) != 9
        or not bsn.isascii()
        or not bsn.isdigit()
        or bsn == "0" * 9
    ):
        return False
    return sum(int(d) * w for d, w in zip(bsn, BSN_GEWICHTEN, strict=True)) % 11 == 0


def bsn_met_controlecijfer(acht_cijfers: str) -> str | None:
    """The BSN that starts with these eight digits, or ``None`` when there is none.

    The ninth digit is the check digit that makes the number pass the elfproef of
    :func:`is_valid_bsn`. At most one digit does; none does when the weighted sum of the
    eight leaves remainder 10. Demo data, scale seeding, factories and benchmarks make their
    fictional BSNs with it.

    Bron: Logius, specificatie BSN (elfproef), omgekeerd: het controlecijfer bij acht cijfers.
    Status: techniek
    """
    if (
        not isinstance(acht_cijfers, str)
        or len(acht_cijfers) != 8
        or not acht_cijfers.isascii()
        or not acht_cijfers.isdigit()
    ):
        return None
    rest = sum(int(d) * w for d, w in zip(acht_cijfers, BSN_GEWICHTEN[:8], strict=True)) % 11
    bsn = acht_cijfers + str(rest)
    return bsn if rest < 10 and is_valid_bsn(bsn) else None


def bsns_vanaf(prefix: int) -> Iterator[str]:
    """Every valid BSN in increasing order, from the one starting with the eight-digit
    ``prefix`` (or the first one after it) up to ``999999999``.

    Bron: Logius, specificatie BSN (elfproef); zie bsn_met_controlecijfer.
    Status: techniek
    """
    while prefix <= 99_999_999:
        bsn = bsn_met_controlecijfer(f"{prefix:08d}")
        if bsn is not None:
            yield bsn
        prefix += 1


def is_valid_vnummer(vnummer: str) -> bool:
    """A V-nummer (vreemdelingennummer) is 10 ASCII digits (IND/BVV).

    Bron: IND/BVV (vreemdelingennummer van 10 cijfers; niet geverifieerd in een DUO-schema).
    Status: techniek
    """
    return (
        isinstance(vnummer, str) and len(vnummer) == 10 and vnummer.isascii() and vnummer.isdigit()
    )


class Doelgroep(StrEnum):
    """DUO's GedetailleerdeDoelgroep (API Inburgeringsplicht, schema GedetailleerdeDoelgroep)."""

    ASIELSTATUSHOUDER = "Asielstatushouder"
    GEESTELIJK_BEDIENAAR = "Geestelijk bedienaar"
    GEZINSHERENIGER = "Gezinshereniger"
    GEZINSHERENIGER_MET_ASIELSTATUSHOUDER = "Gezinshereniger met Asielstatushouder"
    GEZINSVORMER = "Gezinsvormer"
    GEZINSVORMER_MET_ASIELSTATUSHOUDER = "Gezinsvormer met Asielstatushouder"
    OVERIG = "Overig"


class Doelgroepindeling(StrEnum):
    """DUO's two-way Doelgroepindeling (API Inburgeringsplicht, schema Doelgroepindeling)."""

    ASIELSTATUSHOUDER = "Asielstatushouder"
    GEZINSMIGRANT_EN_OVERIGE_MIGRANT = "Gezinsmigrant en overige migrant"


class AsielrechtenWijziging(StrEnum):
    """DUO schema AsielrechtenWijzigingVerblijfsdoel (API Inburgeringsplicht)."""

    ASIELRECHTEN_TOEGEKEND = "Asielrechten toegekend"
    BEHOUD_ASIELRECHTEN = "Behoud asielrechten"
    BEHOUD_GEZINSRECHTEN = "Op verzoek behoud rechten van gezins- en overige migrant"
    GEZINSRECHTEN_TOEGEKEND = "Op verzoek rechten van gezins- en overige migrant toegekend"


_ASIEL = {
    Doelgroep.ASIELSTATUSHOUDER,
    Doelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER,
    Doelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER,
}


def doelgroepindeling(doelgroep: str) -> Doelgroepindeling:
    """The provisional two-way indeling, derived from the detailed doelgroep.

    Only for a case DUO has not answered about yet (a manual aanmelding): DUO's own
    ``Doelgroep.indeling`` replaces it as soon as it comes in, because DUO can keep asylum
    rights for a gezinsvormer after a change of verblijfsdoel or grant them to someone else
    (API Inburgeringsplicht, Doelgroep.asielrechtenWijzigingVerblijfsdoel). Decisions never call
    this: they use the stored ``Inburgeraar.doelgroepindeling``.
    Bron: Wi2021 art. 1 (definition of *asielmigrant*: the holder of an asylum permit and the
    family member who joined or formed a family with such a holder); DUO schema Doelgroep.
    Status: wet (voorlopig tot DUO antwoordt)
    Raises ValueError for a value DUO does not define.
    """
    doelgroep = Doelgroep(doelgroep)
    if doelgroep in _ASIEL:
        return Doelgroepindeling.ASIELSTATUSHOUDER
    return Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT


def is_asielmigrant(indeling: str) -> bool:
    """Whether a doelgroepindeling (DUO's, or the provisional one) is the asylum group.

    Takes the INDELING, never the detailed doelgroep: a ValueError for anything else makes a
    call site that still passes the detailed doelgroep fail loudly.
    Bron: DUO schema Doelgroepindeling (API Inburgeringsplicht).
    Status: duo
    """
    return Doelgroepindeling(indeling) is Doelgroepindeling.ASIELSTATUSHOUDER


class Status(StrEnum):
    AANGEMELD = "aangemeld"
    BREDE_INTAKE = "brede_intake"
    PIP_VASTGESTELD = "pip_vastgesteld"
    IN_UITVOERING = "in_uitvoering"
    AFGEROND = "afgerond"


class Afrondingsreden(StrEnum):
    VOLDAAN = "voldaan"
    VRIJGESTELD = "vrijgesteld"
    ONTHEVEN = "ontheven"
    VERHUISD = "verhuisd"
    VERTROKKEN = "vertrokken"
    OVERLEDEN = "overleden"
    INGETROKKEN = "ingetrokken"


# The traject's lifecycle (DOMAIN.md "The traject, step by step"). A case can be closed from
# every open status, because plicht can end at any moment (SS106-SS111 in RULES.md).
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.AANGEMELD: frozenset({Status.BREDE_INTAKE, Status.AFGEROND}),
    Status.BREDE_INTAKE: frozenset({Status.PIP_VASTGESTELD, Status.AFGEROND}),
    Status.PIP_VASTGESTELD: frozenset({Status.IN_UITVOERING, Status.AFGEROND}),
    Status.IN_UITVOERING: frozenset({Status.AFGEROND}),
    Status.AFGEROND: frozenset(),
}
# The timeline steps (Gebeurtenis.Soort) that carry out the PIP: the first of them moves a
# traject from "PIP vastgesteld" to "in uitvoering" (DOMAIN.md "The traject, step by step",
# step 4 Uitvoering: leerroute, PVT, MAP, begeleiding, ontzorgen). Not the netwerk steps: an
# instroomklas or a tolk comes before the route starts as well.
UITVOERING_STAPPEN = frozenset({"leerroute", "module", "begeleiding", "ontzorgen"})


def _(tekst: str) -> str:
    """Marks a label for makemessages; the page translates it. Not Django's gettext, which
    needs the settings: these rules are read without them (benchmarks, the simulator's
    tests)."""
    return tekst


class Fase(StrEnum):
    """Where a case stands on the way the law lays out (DOMAIN.md "The traject, step by
    step"): the traject's status, refined inside the brede intake by what blocks the next
    status (the PIP is only vastgesteld on an afgeronde intake, koers.pip.services)."""

    AANMELDING = "aanmelding"
    INTAKE = "intake"  # the brede intake is open
    PIP_OPSTELLEN = "pip_opstellen"  # intake afgerond, no PIP yet
    PIP_VASTSTELLEN = "pip_vaststellen"  # a concept PIP waits
    UITVOERING = "uitvoering"
    AFGEROND = "afgerond"


def fase(status: str, *, intake_afgerond: bool, heeft_pip_concept: bool) -> Fase:
    """The case's phase, from its status (TRANSITIONS) and, during the brede intake, from the
    two conditions that stand between it and "PIP vastgesteld".

    Bron: DOMAIN.md "The traject, step by step" (aanmelding, brede intake, PIP, uitvoering);
    Wi2021 art. 14 (brede intake) en art. 15 (PIP, op basis van de brede intake);
    koers.pip.services.stel_vast.
    Status: wet (de volgorde); de fasen binnen de brede intake zijn Koers' indeling.
    """
    if status == Status.AANGEMELD:
        return Fase.AANMELDING
    if status == Status.BREDE_INTAKE:
        if not intake_afgerond:
            return Fase.INTAKE
        return Fase.PIP_VASTSTELLEN if heeft_pip_concept else Fase.PIP_OPSTELLEN
    if status in (Status.PIP_VASTGESTELD, Status.IN_UITVOERING):
        return Fase.UITVOERING
    return Fase.AFGEROND


@dataclass(frozen=True)
class Stap:
    """An action of the dossier's "Volgende stap": a page of the case by its URL name (which
    takes the inburgeraar's id), shown to whoever may do ``actie`` (a koers.toegang Actie)."""

    id: str  # the HTML id of its button
    label: str
    pagina: str
    actie: str


_INTAKE = Stap("naar-intake", _("Brede intake invullen"), "web:intake", "intake_bewerken")
# What moves a case forward in each phase: the step that leads to the next status comes first.
# Uitvoering is the leerroute's hours, the voortgangsgesprekken and the modules (the same
# steps as UITVOERING_STAPPEN, from the apps that record them).
VOLGENDE_STAPPEN: dict[Fase, tuple[Stap, ...]] = {
    Fase.AANMELDING: (_INTAKE,),
    Fase.INTAKE: (
        Stap("naar-intake", _("Brede intake afronden"), "web:intake", "intake_bewerken"),
        Stap("naar-pip", _("PIP voorbereiden"), "web:pip", "pip_bewerken"),
    ),
    Fase.PIP_OPSTELLEN: (Stap("naar-pip", _("PIP opstellen"), "web:pip", "pip_bewerken"),),
    Fase.PIP_VASTSTELLEN: (Stap("naar-pip", _("PIP vaststellen"), "web:pip", "pip_vaststellen"),),
    Fase.UITVOERING: (
        Stap("stap-uren", _("Uren vastleggen"), "leerroute:uren", "leerroute_bewerken"),
        Stap(
            "stap-gesprek",
            _("Gesprek vastleggen"),
            "monitoring:gesprek_nieuw",
            "gesprek_voeren",
        ),
        Stap("stap-pip", _("PIP wijzigen"), "web:pip", "pip_bewerken"),
    ),
    Fase.AFGEROND: (),
}


def transition_errors(current: str, new: str, reden: str | None) -> list[str]:
    """Why a status change is not allowed (empty list: allowed).

    A closed traject needs its reason; a closed traject stays closed (a resumed plicht opens a
    new traject, RULES.md SS130). An unknown target status (from a form or API client) is
    refused like any impossible change; an unknown current status is a programming error
    (ValueError).

    Bron: RULES.md SS130 (een hervatte plicht opent een nieuw traject); DOMAIN.md "The traject, step
    by step".
    Status: duo
    """
    current_status = Status(current)
    if new not in Status.__members__.values():
        return [f"Onbekende status: {new}."]
    new_status = Status(new)
    errors = []
    if new_status not in TRANSITIONS[current_status]:
        errors.append(
            f"Een traject met status '{current_status.value}' kan niet naar '{new_status.value}'."
        )
    if new_status is Status.AFGEROND and not reden:
        errors.append("Kies een reden om het traject af te ronden.")
    if new_status is not Status.AFGEROND and reden:
        errors.append("Een reden hoort alleen bij afronden.")
    if reden and reden not in Afrondingsreden.__members__.values():
        errors.append(f"Onbekende reden: {reden}.")
    return errors


class DatumBuitenBereik(ValueError):
    """Date arithmetic would leave the calendar Python can hold (year 1 to 9999)."""


def _plus(dag: date, verschil: timedelta) -> date:
    try:
        return dag + verschil
    except OverflowError:
        raise DatumBuitenBereik(f"{dag.isoformat()} + {verschil.days} dagen") from None


# The plausibility windows for dates people type in, defined once so that forms, API
# serializers and services refuse the same dates with the same words (P: Koers' own choice).
# Wet inburgering 2021, art. 49: in force 1-1-2022; no plicht of this law starts earlier.
WET_INBURGERING_START = date(2022, 1, 1)
# P: a date of birth further back is a typing error.
MAX_LEEFTIJD_JAREN = 120
# P: how far ahead a plicht start or a planned date may lie.
JAREN_VOORUIT = 2
# P: preparation (instroomklas, intake) may come up to a year before the plicht starts.
JAREN_VOOR_PLICHT = 1
# P: any date Koers stores at all, far inside Python's calendar, so a deadline or a "+1 day"
# computed from it can never overflow.
KALENDER_MIN = date(1900, 1, 1)
# P: the other end of that window.
KALENDER_MAX = date(2199, 12, 31)


def jaren_verschoven(dag: date, jaren: int) -> date:
    """The same day ``jaren`` years later (earlier when negative); 29 February becomes 28.

    Bron: de kalender (rekenhulp voor de vensters hieronder).
    Status: techniek
    """
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:
        if dag.year + jaren < 1 or dag.year + jaren > 9999:
            raise DatumBuitenBereik(f"{dag.isoformat()} + {jaren} jaar") from None
        return dag.replace(year=dag.year + jaren, day=28)


_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def datum_voluit(dag: date | None) -> str:
    """A date in Dutch words, ``1 januari 2022``, whatever language the screen is in: texts
    on the case's timeline and in refusals are Dutch. ``onbekend`` when there is none. The
    same text as the screens' date filter (koers.bouwstenen.weergave.datum) in Dutch.

    Bron: schrijfwijze van datums in Nederlandse tekst (Taalunie).
    Status: techniek
    """
    if not dag:
        return "onbekend"
    return f"{dag.day} {_MAANDEN[dag.month - 1]} {dag.year}"


def datum_kort(dag: date | None) -> str:
    """A date as ``31-12-2026``, or ``onbekend`` when there is none: the short form, for
    dense tables only (koers.bouwstenen.weergave.DATUM_KORT writes the same).

    Bron: schrijfwijze van datums in Nederlandse tekst (dag-maand-jaar).
    Status: techniek
    """
    return f"{dag:%d-%m-%Y}" if dag else "onbekend"


def kalender_fout(dag: date | None) -> str | None:
    """Why a date cannot be meant at all (None: it can).

    Bron: Koers' eigen keuze (geen datum in een inburgeringsdossier ligt vóór 1900 of na 2199).
    Status: P — geen instelling (KALENDER_MIN, KALENDER_MAX).
    """
    if dag is None or KALENDER_MIN <= dag <= KALENDER_MAX:
        return None
    return (
        f"Deze datum kan niet kloppen. Vul een datum in tussen {datum_voluit(KALENDER_MIN)} en "
        f"{datum_voluit(KALENDER_MAX)}."
    )


def geboortedatum_fout(geboortedatum: date | None, vandaag: date) -> str | None:
    """A date of birth is not in the future and at most 120 years ago.

    Bron: Koers' eigen keuze (plausibiliteit; de wet noemt geen grens).
    Status: P — geen instelling (MAX_LEEFTIJD_JAREN).
    """
    if geboortedatum is None:
        return None
    if geboortedatum > vandaag:
        return "De geboortedatum kan niet in de toekomst liggen."
    if geboortedatum < jaren_verschoven(vandaag, -MAX_LEEFTIJD_JAREN):
        return (
            f"Deze geboortedatum ligt meer dan {MAX_LEEFTIJD_JAREN} jaar geleden. "
            "Controleer de datum."
        )
    return None


def vestigingsdatum_fout(dag: date | None, vandaag: date) -> str | None:
    """The date of settlement in the gemeente: a real calendar date, not more than two years
    ahead (a settlement may be registered before it happens).

    Bron: Koers' eigen keuze (plausibiliteit).
    Status: P — geen instelling (KALENDER_MIN, JAREN_VOORUIT).
    """
    if dag is None:
        return None
    if dag > jaren_verschoven(vandaag, JAREN_VOORUIT):
        return f"Deze datum ligt meer dan {JAREN_VOORUIT} jaar in de toekomst. Controleer de datum."
    return kalender_fout(dag)


def plicht_start_fout(start: date | None, vandaag: date) -> str | None:
    """The inburgeringsplicht under the Wi2021 starts on or after 1 January 2022 (the law's
    entry into force) and is not registered more than two years ahead.

    Bron: Wi2021 art. 49 (inwerkingtreding 1 januari 2022); de twee jaar vooruit zijn
    Koers' eigen keuze.
    Status: P — geen instelling (WET_INBURGERING_START, JAREN_VOORUIT).
    """
    if start is None:
        return None
    if start < WET_INBURGERING_START:
        return (
            "De inburgeringsplicht van de Wet inburgering 2021 begint niet vóór "
            f"{datum_voluit(WET_INBURGERING_START)}."
        )
    if start > jaren_verschoven(vandaag, JAREN_VOORUIT):
        return f"Deze datum ligt meer dan {JAREN_VOORUIT} jaar in de toekomst. Controleer de datum."
    return None


def uitvoering_venster(vandaag: date, plicht_start: date | None) -> tuple[date, date]:
    """The window (inclusive) for dates in the execution of a traject: the start of the PIP
    clock, the PIP's dagtekening, hours periods and activity dates. From one year before the
    plicht started (preparation, e.g. an instroomklas, may come first; without a known start
    the law's start counts) to two years after today (planning ahead).

    Bron: Koers' eigen keuze (plausibiliteit).
    Status: P — geen instelling (JAREN_VOOR_PLICHT, JAREN_VOORUIT).
    """
    begin = max(plicht_start or WET_INBURGERING_START, KALENDER_MIN)
    return (jaren_verschoven(begin, -JAREN_VOOR_PLICHT), jaren_verschoven(vandaag, JAREN_VOORUIT))


def uitvoering_datum_fout(
    dag: date | None, vandaag: date, plicht_start: date | None = None
) -> str | None:
    """Why a date in the execution of a traject is implausible (see uitvoering_venster).

    Bron: Koers' eigen keuze (plausibiliteit).
    Status: P — geen instelling.
    """
    if dag is None:
        return None
    begin, eind = uitvoering_venster(vandaag, plicht_start)
    if dag < begin:
        return f"Deze datum ligt te ver terug. Vul een datum in vanaf {datum_voluit(begin)}."
    if dag > eind:
        return (
            f"Deze datum ligt te ver in de toekomst. Vul een datum in tot en met "
            f"{datum_voluit(eind)}."
        )
    return None


PIP_TERMIJN = timedelta(weeks=10)
PIP_VERLENGING_DERDEN = timedelta(weeks=2)
PIP_WAARSCHUWING = timedelta(weeks=2)


def pip_uiterlijk(
    klok_start: date | None, derde_informatie_ontvangen: date | None = None
) -> date | None:
    """The last day to vaststellen the PIP.

    Ten weeks from the start of the clock (Wi2021 art. 15 jo. Bi art. 5.3; the clock starts on
    DUO's notice SS139, RULES.md event catalogue). The only extension: when the gemeente needed
    information from a third party, two weeks after its receipt when that ends later (Bi 5.3).

    Raises DatumBuitenBereik (a ValueError) when the deadline falls outside the calendar;
    input is checked against KALENDER_MIN/KALENDER_MAX first, so that means a bug.

    Bron: Wi2021 art. 15; Bi2021 art. 5.3 (10 weken; 2 weken na informatie van derden).
    Status: wet
    """
    if klok_start is None:
        return None
    deadline = _plus(klok_start, PIP_TERMIJN)
    if derde_informatie_ontvangen is not None:
        deadline = max(deadline, _plus(derde_informatie_ontvangen, PIP_VERLENGING_DERDEN))
    return deadline


def klok_na_pauze(dag: date | None, gepauzeerd_sinds: date, hervat_op: date) -> date | None:
    """A date of a running clock (the start of the PIP's 10 weeks, or the receipt of a third
    party's information) after DUO's tijdelijke vrijstelling ended: the clock stood still,
    so the days that were left when the pause began run on from the day it ended. A date
    before the pause moves by the pause's length; one during the pause moves to its end.

    Bron: RULES.md event catalogue SS109 ("pause the case"), SS129/SS130 (exemption
    withdrawn). That the PIP's 10 weeks (Wi2021 art. 15) stand still and continue with the
    days left: niet geverifieerd — Koers' reading of "pause"; no text on it found.
    Status: duo (the pause); the remaining-days rule: niet geverifieerd
    """
    if dag is None or hervat_op <= gepauzeerd_sinds:
        return dag
    if dag >= gepauzeerd_sinds:
        return max(dag, hervat_op)
    return _plus(dag, hervat_op - gepauzeerd_sinds)


class Urgentie(StrEnum):
    TE_LAAT = "te_laat"
    BIJNA = "bijna"
    OP_TIJD = "op_tijd"
    GEEN = "geen"


@dataclass(frozen=True)
class Deadline:
    datum: date | None
    urgentie: Urgentie


def deadline_urgentie(deadline: date | None, vandaag: date) -> Urgentie:
    """Overdue after the deadline day; a warning from two weeks before it.

    Bron: startnotitie §7.2 (werken met signalen); de twee weken vooraf zijn een keuze van Koers.
    Status: P — geen instelling (PIP_WAARSCHUWING).
    """
    if deadline is None:
        return Urgentie.GEEN
    if vandaag > deadline:
        return Urgentie.TE_LAAT
    if vandaag >= _plus(deadline, -PIP_WAARSCHUWING):
        return Urgentie.BIJNA
    return Urgentie.OP_TIJD


def deadline_bereik(urgentie: str, vandaag: date) -> tuple[date | None, date | None]:
    """The deadlines (inclusive bounds, ``None`` = open) that have this urgency on ``vandaag``.

    The set-based twin of :func:`deadline_urgentie`, so that lists filter on an index instead
    of deciding per row. ``GEEN`` has no range: it means "no deadline" (filter on null).

    Bron: de verzamelvorm van deadline_urgentie.
    Status: techniek
    """
    urgentie = Urgentie(urgentie)
    if urgentie is Urgentie.TE_LAAT:
        return None, _plus(vandaag, -timedelta(days=1))
    if urgentie is Urgentie.BIJNA:
        return vandaag, _plus(vandaag, PIP_WAARSCHUWING)
    if urgentie is Urgentie.OP_TIJD:
        return _plus(vandaag, PIP_WAARSCHUWING + timedelta(days=1)), None
    raise ValueError("Urgentie 'geen' heeft geen datumbereik.")


def volgende_deadline(status: str, pip_deadline: date | None) -> date | None:
    """The date the werkvoorraad sorts on: the PIP deadline until the PIP is vastgesteld.

    Bron: Wi2021 art. 15 (de PIP-termijn is de eerstvolgende wettelijke deadline).
    Status: techniek
    """
    if Status(status) in (Status.AANGEMELD, Status.BREDE_INTAKE):
        return pip_deadline
    return None


@overload
def termijn_laatste_dag(einddatum: date) -> date: ...
@overload
def termijn_laatste_dag(einddatum: None) -> None: ...
def termijn_laatste_dag(einddatum: date | None) -> date | None:
    """The last day of the inburgeringstermijn: the day before DUO's ``einddatum``.

    DUO's einddatum is exclusive (API Inburgeringstermijn, schemas Inburgeringstermijn and
    Inburgeringstermijnhistorie: "De datum die het einde van de periode aangeeft (exclusief)").
    Koers stores that value unchanged (``Traject.termijn_eind``); every text that says "tot en
    met" or "moet klaar zijn op" shows this day instead.

    Bron: DUO API Inburgeringstermijn, schema Inburgeringstermijn.einddatum; DOMAIN.md
    "DUO's termijn end date".
    Status: duo
    """
    return _plus(einddatum, -timedelta(days=1)) if einddatum else None


# DUO schema ExamenonderdeelWI2021Inburgering (API Examen), in the order screens show them.
EXAMENONDERDELEN = ("LE", "LU", "SC", "SP", "KNM")
EXAMENONDERDEEL_NAMEN = {
    "LE": "Lezen",
    "LU": "Luisteren",
    "SC": "Schrijven",
    "SP": "Spreken",
    "KNM": "Kennis van de Nederlandse Maatschappij",
}


def uren_belastbaarheid(ontheffingen: list[dict]) -> int | None:
    """The participation hours a person can manage, from DUO's list of Ontheffingen.

    The most recent *granted* GedeeltelijkeOntheffing with urenBelastbaarheidParticipatie-
    activiteit counts: 0 = cannot take part in participatieactiviteiten, >0 = at most that
    many hours. None: no such decision (a refusal or a partial ontheffing for an exam part
    without hours changes nothing).
    Bron: DUO API Ontheffing, schema GedeeltelijkeOntheffing (oordeel AanvraagOordeel
    "Toekenning"/"Afwijzing"; urenBelastbaarheidParticipatieactiviteit 0-9999).
    Status: duo
    """
    toegekend = []
    for item in ontheffingen:
        g = (item or {}).get("GedeeltelijkeOntheffing") if isinstance(item, dict) else None
        if not g or g.get("oordeel") != "Toekenning":
            continue
        uren = g.get("urenBelastbaarheidParticipatieactiviteit")
        if isinstance(uren, bool) or not isinstance(uren, int) or not 0 <= uren <= 9999:
            continue
        toegekend.append((g.get("datumOordeel") or "", uren))
    if not toegekend:
        return None
    return max(toegekend)[1]


class LbtOverslaanGrond(StrEnum):
    """Why the gemeente does not take the leerbaarheidstoets (DUO: DELETE examennummer)."""

    HOOG_OPGELEID = "evident_b1_of_onderwijs"
    NIET_AFNEEMBAAR = "evident_niet_afneembaar"


LBT_OVERSLAAN_GRONDEN = {
    LbtOverslaanGrond.HOOG_OPGELEID: "Het is duidelijk dat de B1-route of onderwijsroute "
    "haalbaar is (bijvoorbeeld door een diploma)",
    LbtOverslaanGrond.NIET_AFNEEMBAAR: "Het is duidelijk dat de toets niet kan worden "
    "afgenomen (bijvoorbeeld analfabetisme of een "
    "medische beperking)",
}


LBT_TOELICHTING_MAX = 2000


def lbt_overslaan_fouten(
    grond: str,
    toelichting: str,
    *,
    datum: date | None,
    vandaag: date,
    lbt_uitslag_bekend: bool,
    pip_vastgesteld: bool,
    al_overgeslagen: bool,
    traject_open: bool,
) -> dict[str, str]:
    """When the gemeente may decide not to take the leerbaarheidstoets (LBT).

    The LBT is part of the brede intake (Wi2021 art. 14 lid 3, as DUO's API Leerbaarheidstoets
    cites it); so the decision comes before the PIP, and not once a result is known. DUO
    cannot take the decision back (DELETE withdraws the examennummer), so it is taken once.
    Bron: niet geverifieerd — Koers believes the Besluit inburgering 2021 (chapter 2, brede
    intake) lets the college skip the LBT when it is evident that the person can follow the
    B1-route or onderwijsroute (e.g. a diploma: the Regeling inburgering 2021 art. 2.1 lists
    diplomas, amended by Stcrt. 2022, 33825, but its link to the LBT was not checked), or
    evidently cannot take the test; the article number and wording could not be verified. DUO's
    side is verified: API Leerbaarheidstoets, DELETE /personen/{bsn}/lbt/examennummer "Aangeven
    dat de leerbaarheidstoets is overgeslagen"; RULES.md "Read-only APIs" ("DELETE = test
    skipped"). A reason is always required: Awb art. 3:46 (a decision must be motivated).
    Status: wet (niet geverifieerd)
    """
    f: dict[str, str] = {}
    if grond not in LBT_OVERSLAAN_GRONDEN:
        f["grond"] = "Kies waarom de leerbaarheidstoets niet nodig is."
    toelichting = (toelichting or "").strip()
    if not toelichting:
        f["toelichting"] = "Leg uit waarom de leerbaarheidstoets niet wordt afgenomen."
    elif len(toelichting) > LBT_TOELICHTING_MAX:
        f["toelichting"] = f"Gebruik hooguit {LBT_TOELICHTING_MAX} tekens."
    if datum is None:
        f["datum"] = "Vul de datum van het besluit in."
    elif datum > vandaag:
        f["datum"] = "De datum van het besluit kan niet in de toekomst liggen."
    elif fout := uitvoering_datum_fout(datum, vandaag):
        f["datum"] = fout
    if not traject_open:
        f["__all__"] = "Dit traject is afgerond."
    elif al_overgeslagen:
        f["__all__"] = "De gemeente heeft al besloten dat de leerbaarheidstoets niet nodig is."
    elif lbt_uitslag_bekend:
        f["__all__"] = "De leerbaarheidstoets is al gemaakt; overslaan kan niet meer."
    elif pip_vastgesteld:
        f["__all__"] = (
            "Het PIP is al vastgesteld. De leerbaarheidstoets hoort bij de brede "
            "intake, vóór het PIP."
        )
    return f
