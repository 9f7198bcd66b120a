"""Rules of the voortgangsgesprekken and the signal engine (issue 4 §8 and §9).

Plain functions and constants, no Django. Sources:

- shared/DOMAIN.md "Rules with numbers", row *voortgangsgesprekken*: every 3 months in year 1,
  then 2 per year, from the PIP (status **P**: local policy of the startnotitie §6.11.1, no
  legal minimum; the gemeente can change both intervals in ``Gespreksbeleid``).
- shared/DOMAIN.md row *PIP vastgesteld within*: 10 weeks (Wi2021 art. 15, Bi 5.3); Koers
  warns from two weeks before the deadline (koers.inburgeraars.rules.PIP_WAARSCHUWING,
  issue 2 §5).
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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# --- voortgangsgesprekken ------------------------------------------------------------------

MAANDEN_JAAR1 = 3  # DOMAIN.md voortgangsgesprekken (P): every 3 months in year 1
MAANDEN_DAARNA = 6  # DOMAIN.md voortgangsgesprekken (P): then 2 per year
MAANDEN_MIN, MAANDEN_MAX = 1, 12  # a gemeente's setting stays between monthly and yearly
TERMIJN_MAANDEN = 36  # DOMAIN.md inburgeringstermijn: 3 years (Wi2021 art. 11)
GESPREK_WAARSCHUWING = timedelta(weeks=2)  # signal a gesprek two weeks ahead (P, like PIP)


def plus_maanden(dag: date, maanden: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = dag.month - 1 + maanden
    jaar, maand = dag.year + index // 12, index % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def gespreksdata(dagtekening: date, *, eind: date, maanden_jaar1: int = MAANDEN_JAAR1,
                 maanden_daarna: int = MAANDEN_DAARNA) -> list[date]:
    """The planned voortgangsgesprekken of a PIP: every ``maanden_jaar1`` months in the first
    year after the dagtekening (the interval that follows a gesprek is the one of the year
    that gesprek falls in), then every ``maanden_daarna`` months, before ``eind`` (the
    exclusive end of the termijn). Each date is counted from the dagtekening itself, so a
    clamped month end (31 → 30) does not drift."""
    if not (MAANDEN_MIN <= maanden_jaar1 <= MAANDEN_MAX
            and MAANDEN_MIN <= maanden_daarna <= MAANDEN_MAX):
        raise ValueError("Een interval ligt tussen 1 en 12 maanden.")
    data: list[date] = []
    maanden = 0
    while True:
        maanden += maanden_jaar1 if maanden < 12 else maanden_daarna
        dag = plus_maanden(dagtekening, maanden)
        if dag >= eind:
            return data
        data.append(dag)


# A gesprek held at most 6 weeks before a planned one takes that planned one's place (P: half
# the shortest interval of the startnotitie, 3 months); held earlier, it is an extra gesprek.
VERVROEGD_MAX = timedelta(weeks=6)


def vervult_planning(gepland_op: date, gehouden_op: date) -> bool:
    """Whether a gesprek held on ``gehouden_op`` is the one planned on ``gepland_op``: a
    planned gesprek that is due or overdue always; one still ahead only within 6 weeks."""
    return gepland_op <= gehouden_op + VERVROEGD_MAX


def interval_fouten(maanden_jaar1, maanden_daarna) -> dict[str, str]:
    fouten = {}
    for veld, waarde in (("maanden_jaar1", maanden_jaar1), ("maanden_daarna", maanden_daarna)):
        if isinstance(waarde, bool) or not isinstance(waarde, int) or not (
                MAANDEN_MIN <= waarde <= MAANDEN_MAX):
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
OMSCHRIJVING_MAX = 1000
SCORE_MIN, SCORE_MAX = 0, 10  # Positieve Gezondheid, as koers.intake.rules


def score_fout(score) -> str | None:
    if score is None:
        return None
    if isinstance(score, bool) or not isinstance(score, int) or not (
            SCORE_MIN <= score <= SCORE_MAX):
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
    either side has no change (``None``). Measurements are taken in date order."""
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

PIP_HORIZON = timedelta(weeks=2)  # DOMAIN.md PIP 10 weeks; warn 2 weeks ahead (issue 2 §5)
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
    """A snooze needs a date after today (at most a year ahead) and a reason."""
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
    reden = (reden or "").strip()
    if not reden:
        return {"reden": "Schrijf kort de reden op."}
    if len(reden) > REDEN_MAX:
        return {"reden": f"De reden is te lang: hooguit {REDEN_MAX} tekens."}
    return {}


def urgentie(vervaldatum: date, vandaag: date) -> str:
    """``te_laat`` after the due date, else ``bijna`` (every signal is due soon)."""
    return "te_laat" if vandaag > vervaldatum else "bijna"
