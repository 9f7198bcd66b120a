"""Rules of the voortgangsgesprekken and the signal engine.

Plain functions and constants, no Django. Sources:

- shared/DOMAIN.md "Rules with numbers", row *voortgangsgesprekken*: every 3 months in year 1,
  then 2 per year, from the PIP (status **P**: local policy of the startnotitie §6.11.1, no
  legal minimum; the gemeente can change both intervals in ``Gespreksbeleid``).
- shared/DOMAIN.md row *PIP vastgesteld within*: 10 weeks (Wi2021 art. 15, Bi 5.3); Koers
  warns from two weeks before the deadline (koers.inburgeraars.rules.PIP_WAARSCHUWING,
  P).
- shared/DOMAIN.md row *verwijtbaar flag with MAP/PVT to DUO*: "Nee" only in the last 2
  months of the termijn (RULES.md) — the 2-month window; the 6-month warning is the horizon
  of the startnotitie's signal-driven approach (§7.2, **P**).
- shared/DOMAIN.md row *inburgeringstermijn*: 3 years from the day after the first PIP's
  dagtekening (Wi2021 art. 11).
- Startnotitie §6.11.2 and §7.2: the effect of an intervention is measured as the change of
  the Positieve Gezondheid scores (six dimensions, 0-10) between the measurement before and
  the one after it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from koers.intake.rules import is_gezondheid_dimensie

# --- voortgangsgesprekken ------------------------------------------------------------------

MAANDEN_JAAR1 = 3  # DOMAIN.md voortgangsgesprekken (P): every 3 months in year 1
MAANDEN_DAARNA = 6  # DOMAIN.md voortgangsgesprekken (P): then 2 per year
MAANDEN_MIN, MAANDEN_MAX = 1, 12  # a gemeente's setting stays between monthly and yearly
GESPREK_WAARSCHUWING = timedelta(weeks=2)  # signal a gesprek two weeks ahead (P, like PIP)


def plus_maanden(dag: date, maanden: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Aug + 6 → 28/29 Feb).

    Bron: kalenderrekenen.
    Status: techniek
    """
    index = dag.month - 1 + maanden
    jaar, maand = dag.year + index // 12, index % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def gespreksdata(
    dagtekening: date,
    *,
    eind: date,
    maanden_jaar1: int = MAANDEN_JAAR1,
    maanden_daarna: int = MAANDEN_DAARNA,
) -> list[date]:
    """The planned voortgangsgesprekken of a PIP: every ``maanden_jaar1`` months in the first
    year after the dagtekening (the interval that follows a gesprek is the one of the year
    that gesprek falls in), then every ``maanden_daarna`` months, before ``eind`` (the
    exclusive end of the termijn). Each date is counted from the dagtekening itself, so a
    clamped month end (31 → 30) does not drift.

    Bron: startnotitie §6.11.1; DOMAIN.md "voortgangsgesprekken" (geen wettelijk minimum).
    Status: P — Gespreksbeleid.maanden_jaar1 en maanden_daarna (beheer: Gespreksbeleid).
    """
    if not (
        MAANDEN_MIN <= maanden_jaar1 <= MAANDEN_MAX and MAANDEN_MIN <= maanden_daarna <= MAANDEN_MAX
    ):
        raise ValueError("Een interval ligt tussen 1 en 12 maanden.")
    data: list[date] = []
    maanden = 0
    while True:
        maanden += maanden_jaar1 if maanden < 12 else maanden_daarna
        dag = plus_maanden(dagtekening, maanden)
        if dag >= eind:
            return data
        data.append(dag)


def gespreksdata_traject(
    start: date,
    *,
    eind: date,
    gehouden: Iterable[date] = (),
    pauzes: Iterable[tuple[date, date]] = (),
    gesloten: Iterable[date] = (),
    maanden_jaar1: int = MAANDEN_JAAR1,
    maanden_daarna: int = MAANDEN_DAARNA,
) -> list[date]:
    """The planned voortgangsgesprekken of a traject: the rhythm of :func:`gespreksdata`
    counted from the start of the traject (the dagtekening of its first vastgesteld PIP),
    not from each new PIP version; each date on or after an ended tijdelijke vrijstelling
    (``pauzes``: its first and last-plus-one day) moves by the pause's length; planned
    dates already held, and missed ones the adviseur closed (``gesloten``), are left out;
    and all before ``eind``.

    A new PIP version does not move the rhythm: "in het eerste jaar" is the first year of
    the traject. The first PIP is the start because a voortgangsgesprek is about the PIP
    ("met als onderlegger de PIP") and cannot be held before it.
    Bron: startnotitie §6.11.1 ("In het eerste jaar vindt elke drie maanden een uitgebreid
    voortgangsgesprek plaats"); the first PIP as start: Koers' reading; the pause: RULES.md
    SS109 ("pause the case").
    Status: P — Gespreksbeleid.maanden_jaar1 en maanden_daarna (beheer: Gespreksbeleid).
    """
    stil = sorted((van, tot) for van, tot in pauzes if tot > van)
    extra = sum(((tot - van) for van, tot in stil), timedelta())
    open_: list[date] = []
    for dag in gespreksdata(
        start, eind=eind + extra, maanden_jaar1=maanden_jaar1, maanden_daarna=maanden_daarna
    ):
        for van, tot in stil:
            if dag >= van:
                dag += tot - van
        if dag < eind:
            open_.append(dag)
    dicht = set(gesloten)
    open_ = [dag for dag in open_ if dag not in dicht]
    # Each held gesprek fills the nearest date it can (dichtstbijzijnde_planning), as
    # recording a gesprek does; one far from every date is an extra gesprek and fills none.
    for gehouden_op in sorted(gehouden):
        gevuld = dichtstbijzijnde_planning(open_, gehouden_op)
        if gevuld is not None:
            open_.remove(gevuld)
    return open_


def signaal_staat_stil(*, bron_pauzeert: bool, gepauzeerd: bool) -> bool:
    """Whether a case's signal of a source is left out today: while DUO's tijdelijke
    vrijstelling runs the case is paused, so the signals about its PIP, termijn, gesprekken
    and the handhaving steps (sources with ``Bron.pauzeert``) lapse; they come back with the
    resumed dates. The Awb beslistermijn of a boete (art. 5:51) does not pause.

    Bron: RULES.md event catalogue SS109 ("pause the case"), SS129/SS130 (resume).
    Status: duo
    """
    return bron_pauzeert and gepauzeerd


_KEER = {
    1: "elke maand",
    2: "elke twee maanden",
    3: "elke drie maanden",
    4: "elke vier maanden",
    6: "twee keer per jaar",
    12: "één keer per jaar",
}


def gesprekken_tekst(maanden_jaar1: int, maanden_daarna: int) -> str:
    """The sentence of the PIP beschikking about the voortgangsgesprekken, from the gemeente's
    intervals (B1 Dutch), counted from the start of the traject.

    Bron: startnotitie §6.11.1; the intervals are the gemeente's Gespreksbeleid.
    Status: P — Gespreksbeleid.maanden_jaar1 en maanden_daarna (beheer: Gespreksbeleid).
    """

    def keer(maanden: int) -> str:
        return _KEER.get(maanden, f"elke {maanden} maanden")

    tekst = (
        f"In het eerste jaar van uw inburgering praten wij {keer(maanden_jaar1)} met u "
        "over uw voortgang."
    )
    if maanden_daarna == maanden_jaar1:
        return tekst[:-1] + ", ook daarna."
    return f"{tekst} Daarna {keer(maanden_daarna)}."


# A gesprek held at most 6 weeks before a planned one takes that planned one's place (P: half
# the shortest interval of the startnotitie, 3 months); held earlier, it is an extra gesprek.
VERVROEGD_MAX = timedelta(weeks=6)


def vervult_planning(gepland_op: date, gehouden_op: date) -> bool:
    """Whether a gesprek held on ``gehouden_op`` is the one planned on ``gepland_op``: a
    planned gesprek that is due or overdue always; one still ahead only within 6 weeks.

    Bron: startnotitie §6.11.1.
    Status: P — geen instelling (6 weken).
    """
    return gepland_op <= gehouden_op + VERVROEGD_MAX


def dichtstbijzijnde_planning(geplande: Iterable[date], gehouden_op: date) -> date | None:
    """The planned date a gesprek held on ``gehouden_op`` takes the place of: of the open
    planned dates it may fill (:func:`vervult_planning`), the nearest one; on a tie the
    earlier. ``None`` when it fills none: then it is an extra gesprek. The nearest, not the
    oldest: a gesprek held today is today's planned one, and an older slot that was missed
    stays open until the adviseur closes it with a reason.

    Bron: startnotitie §6.11.1 (the rhythm of the gesprekken).
    Status: P — geen instelling (het dichtstbijzijnde geplande gesprek).
    """
    kandidaten = [dag for dag in geplande if vervult_planning(dag, gehouden_op)]
    if not kandidaten:
        return None
    return min(kandidaten, key=lambda dag: (abs((dag - gehouden_op).days), dag))


def sluiten_fouten(gepland_op: date, reden: str, vandaag: date) -> dict[str, str]:
    """A planned voortgangsgesprek that was missed may be closed, with the reason why it did
    not take place; one still ahead is not closed but held, or moved by a new planning.

    Bron: startnotitie §6.11.1 (the rhythm of the gesprekken) and §7.2 (werken met
    signalen: afhandelen met een reden).
    Status: P — geen instelling (alleen een gesprek dat te laat is).
    """
    fouten = {}
    if gepland_op >= vandaag:
        fouten["__all__"] = (
            "Alleen een gepland gesprek dat te laat is, kunt u sluiten. "
            "Leg dit gesprek vast als het gevoerd is."
        )
    fouten.update(reden_fouten(reden))
    return fouten


def interval_fouten(maanden_jaar1, maanden_daarna) -> dict[str, str]:
    """A gemeente's gesprek intervals stay between monthly and yearly.

    Bron: startnotitie §6.11.1.
    Status: P — controle op Gespreksbeleid (beheer).
    """
    fouten = {}
    for veld, waarde in (("maanden_jaar1", maanden_jaar1), ("maanden_daarna", maanden_daarna)):
        if (
            isinstance(waarde, bool)
            or not isinstance(waarde, int)
            or not (MAANDEN_MIN <= waarde <= MAANDEN_MAX)
        ):
            fouten[veld] = f"Kies een aantal maanden van {MAANDEN_MIN} tot en met {MAANDEN_MAX}."
    return fouten


# Progress on one PIP goal (startnotitie §6.11.1 "voortgang op de doelen in kaart brengen").
VOORTGANG: dict[str, str] = {
    "niet_gestart": "Nog niet begonnen",
    "achter": "Loopt achter",
    "op_schema": "Gaat goed",
    "bereikt": "Bereikt",
}

# Kinds of intervention (startnotitie §6.11.1 "vaststellen van de benodigde interventie";
# the partners of §6.4-6.8 and §7.6-7.8).
INTERVENTIES: dict[str, str] = {
    "taal": "Extra taalondersteuning",
    "begeleiding": "Maatschappelijke begeleiding",
    "financieel": "Hulp bij geld (schulden, budget)",
    "gezondheid": "Zorg: huisarts, GGZ of AMW",
    "werk": "Werk of participatie (Werk.Kom)",
    "netwerk": "Sociaal netwerk, buddy of ervaringsdeskundige",
    "tolk": "Tolk",
    "overig": "Anders",
}
# The kinds of intervention that are care for the person's health: that he gets one says
# something about his health.
GEZONDHEID_INTERVENTIES: frozenset[str] = frozenset({"gezondheid"})


def gesprek_zonder_gezondheid(
    voortgang: dict, subdoelen: dict, interventies: list
) -> tuple[dict, dict, list]:
    """What one who may not see health data reads of a voortgangsgesprek's progress notes,
    subgoals and interventions: nothing under a health dimension of Positieve Gezondheid
    (koers.intake.rules.is_gezondheid_dimensie) and no intervention of soort gezondheid.

    Bron: AVG art. 4 punt 15 en art. 9 lid 1 (gegevens over gezondheid; een verwijzing naar
    huisarts, GGZ of AMW zegt iets over de gezondheid).
    bron: niet geverifieerd — from memory of the AVG text, as is_gezondheid_dimensie.
    Status: wet
    """
    return (
        {k: v for k, v in (voortgang or {}).items() if not is_gezondheid_dimensie(k)},
        {k: v for k, v in (subdoelen or {}).items() if not is_gezondheid_dimensie(k)},
        [
            iv
            for iv in (interventies or [])
            if not (isinstance(iv, dict) and iv.get("soort") in GEZONDHEID_INTERVENTIES)
        ],
    )


OMSCHRIJVING_MAX = 1000
SCORE_MIN, SCORE_MAX = 0, 10  # Positieve Gezondheid, as koers.intake.rules


def score_fout(score) -> str | None:
    """Why a Positieve Gezondheid score is not allowed (None: allowed).

    Bron: startnotitie §6.11.2 (Positieve Gezondheid, 0-10).
    Status: startnotitie
    """
    if score is None:
        return None
    if (
        isinstance(score, bool)
        or not isinstance(score, int)
        or not (SCORE_MIN <= score <= SCORE_MAX)
    ):
        return f"Een score is een heel getal van {SCORE_MIN} tot en met {SCORE_MAX}."
    return None


@dataclass(frozen=True)
class Meting:
    """One measurement of Positieve Gezondheid: the intake or a voortgangsgesprek."""

    datum: date
    scores: dict[str, int | None]
    interventies: tuple[str, ...] = ()  # kinds decided at this measurement


@dataclass(frozen=True)
class Effect:
    datum: date  # of the measurement where the interventions were decided
    interventies: tuple[str, ...]
    na: date  # the next measurement
    verschil: dict[str, int | None]  # per dimension: after minus before


def effecten(metingen: Sequence[Meting], dimensies: Sequence[str]) -> list[Effect]:
    """The effect of each measurement's interventions: the change per dimension from that
    measurement to the next one (startnotitie §6.11.2). A dimension without a score on
    either side has no change (``None``). Measurements are taken in date order.

    Bron: startnotitie §6.11.2.
    Status: startnotitie
    """
    reeks = sorted(metingen, key=lambda m: m.datum)
    uit: list[Effect] = []
    for voor, na in zip(reeks, reeks[1:], strict=False):
        if not voor.interventies:
            continue
        verschil: dict[str, int | None] = {}
        for d in dimensies:
            a, b = voor.scores.get(d), na.scores.get(d)
            verschil[d] = b - a if isinstance(a, int) and isinstance(b, int) else None
        uit.append(Effect(voor.datum, voor.interventies, na.datum, verschil))
    return uit


# --- signalen: horizons ----------------------------------------------------------------------

PIP_HORIZON = timedelta(weeks=2)  # DOMAIN.md PIP 10 weeks; warn 2 weeks ahead
GESPREK_HORIZON = GESPREK_WAARSCHUWING
TERMIJN_MAANDEN_WAARSCHUWING = 6  # startnotitie §7.2 signal-driven approach (P)
TERMIJN_MAANDEN_VERWIJTBAAR = 2  # DOMAIN.md verwijtbaar flag: the last 2 months (L)


class SignaalStatus:
    OPEN = "open"
    UITGESTELD = "uitgesteld"
    AFGEHANDELD = "afgehandeld"
    VERVALLEN = "vervallen"


REDEN_MAX = 500
UITSTEL_MAX_DAGEN = 366  # a snooze of more than a year hides work: refused (P)


def uitstel_fouten(tot: date | None, reden: str, vandaag: date) -> dict[str, str]:
    """A snooze needs a date after today (at most a year ahead) and a reason.

    Bron: startnotitie §7.2 (werken met signalen: uitstellen); controle op invoer.
    Status: techniek
    """
    fouten = {}
    if tot is None:
        fouten["uitgesteld_tot"] = "Vul een datum in."
    elif tot <= vandaag:
        fouten["uitgesteld_tot"] = "Kies een datum na vandaag."
    elif tot > vandaag + timedelta(days=UITSTEL_MAX_DAGEN):
        fouten["uitgesteld_tot"] = "U kunt een signaal hooguit een jaar uitstellen."
    fouten.update(reden_fouten(reden))
    return fouten


def reden_fouten(reden: str) -> dict[str, str]:
    """A closed signal needs a reason.

    Bron: startnotitie §7.2 (werken met signalen); controle op invoer.
    Status: techniek
    """
    reden = (reden or "").strip()
    if not reden:
        return {"reden": "Schrijf kort de reden op."}
    if len(reden) > REDEN_MAX:
        return {"reden": f"De reden is te lang: hooguit {REDEN_MAX} tekens."}
    return {}


def urgentie(vervaldatum: date, vandaag: date) -> str:
    """``te_laat`` after the due date, else ``bijna`` (every signal is due soon).

    Bron: startnotitie §7.2 (werken met signalen).
    Status: techniek
    """
    return "te_laat" if vandaag > vervaldatum else "bijna"
