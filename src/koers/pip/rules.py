"""Rules of the Plan Inburgering en Participatie (PIP) and the inburgeringstermijn.

Sources: shared/duo-m2m/RULES.md "Business rules DUO applies to reports — PIP" (DUO refuses a
PIP that breaks them); DUO PIP API schema (value sets, ranges); Wi2021 art. 11 (termijn of
three years from the day after the first PIP's dagtekening), art. 15 (PIP), art. 16
(leerroute change); shared/DOMAIN.md "Rules with numbers".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from koers.inburgeraars.rules import is_asielmigrant


class Leerroute(StrEnum):
    """DUO schema Leerroute."""

    B = "B"  # B1-route
    O = "O"  # noqa: E741  onderwijsroute
    Z = "Z"  # zelfredzaamheidsroute


LEERROUTE_NAMEN = {"B": "B1-route", "O": "Onderwijsroute", "Z": "Zelfredzaamheidsroute"}
NIVEAUS = ("A2", "B1")  # DUO schema NiveauPip
ALFABETISERING = {"A": "Onderwijs voor analfabeet", "AA": "Onderwijs voor anders-gealfabetiseerde",
                  "NVT": "Niet van toepassing"}  # DUO schema Alfabetiseringsonderwijs
INTENSITEIT_MIN, INTENSITEIT_MAX = 1, 9999  # DUO schema geschatteIntensiteitB1Route
LEERROUTEWIJZIGING_MAANDEN = 18
TERMIJN_JAREN = 3


@dataclass(frozen=True)
class PipVoorstel:
    """The DUO fields of a PIP version, as plain values."""

    dagtekening: date
    leerroute: str
    niveau: str | None = None
    geschatte_intensiteit_b1_route: int | None = None
    alfabetisering: str | None = None
    mag_opleiding_afmaken: bool | None = None


@dataclass(frozen=True)
class PipContext:
    """What the rules need to know about the person and earlier PIPs."""

    doelgroep: str
    datum_start_plicht: date | None
    vestigingsdatum: date | None
    eerste_pip_dagtekening: date | None = None  # of the first vastgesteld PIP at any gemeente
    huidige_pip_dagtekening: date | None = None
    huidige_leerroute: str | None = None
    termijn_start: date | None = None
    vandaag: date | None = None


def add_months(day: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Aug + 18 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def pip_fouten(pip: PipVoorstel, ctx: PipContext) -> dict[str, str]:
    """Every rule a PIP breaks, keyed by field, in plain Dutch. Empty dict: DUO will accept it.

    DUO (RULES.md, PIP): dagtekening not before the start of the plicht, not before vestiging,
    and for a changed PIP not before the dagtekening of the first nor the current PIP; niveau
    A2 not with O; B1 not with Z; A2 with B not on the person's first PIP; the estimated
    intensity only with B and only for asielstatushouders, 1-9999 hours.
    Law (DOMAIN.md, Wi2021 art. 16): the gemeente can change the leerroute only within 18
    months of the start of the termijn.
    """
    f: dict[str, str] = {}
    if pip.leerroute not in Leerroute.__members__.values():
        f["leerroute"] = "Kies een leerroute: B1-route, onderwijsroute of Z-route."
        return f
    if pip.niveau not in (None, "", *NIVEAUS):
        f["niveau"] = "Het niveau is A2 of B1."
    if pip.alfabetisering not in (None, "", *ALFABETISERING):
        f["alfabetisering"] = "Kies A, AA of NVT bij alfabetisering."

    d = pip.dagtekening
    if ctx.datum_start_plicht and d < ctx.datum_start_plicht:
        f["dagtekening"] = (f"De dagtekening ligt voor de start van de inburgeringsplicht "
                            f"({ctx.datum_start_plicht:%d-%m-%Y}).")
    elif ctx.vestigingsdatum and d < ctx.vestigingsdatum:
        f["dagtekening"] = (f"De dagtekening ligt voor de vestiging in de gemeente "
                            f"({ctx.vestigingsdatum:%d-%m-%Y}).")
    elif ctx.eerste_pip_dagtekening and d < ctx.eerste_pip_dagtekening:
        f["dagtekening"] = (f"Een gewijzigd PIP mag niet eerder gedagtekend zijn dan het "
                            f"eerste PIP ({ctx.eerste_pip_dagtekening:%d-%m-%Y}).")
    elif ctx.huidige_pip_dagtekening and d < ctx.huidige_pip_dagtekening:
        f["dagtekening"] = (f"Een gewijzigd PIP mag niet eerder gedagtekend zijn dan het "
                            f"huidige PIP ({ctx.huidige_pip_dagtekening:%d-%m-%Y}).")
    elif ctx.vandaag and d > ctx.vandaag:
        f["dagtekening"] = "De dagtekening mag niet in de toekomst liggen."

    if pip.niveau == "A2" and pip.leerroute == Leerroute.O:
        f["niveau"] = "Niveau A2 kan niet bij de onderwijsroute."
    elif pip.niveau == "B1" and pip.leerroute == Leerroute.Z:
        f["niveau"] = "Niveau B1 kan niet bij de Z-route."
    elif (pip.niveau == "A2" and pip.leerroute == Leerroute.B
          and ctx.eerste_pip_dagtekening is None):
        f["niveau"] = ("Niveau A2 in de B1-route kan niet in het eerste PIP. Afschalen naar A2 "
                       "kan pas later, na minstens 600 lesuren.")

    intensiteit = pip.geschatte_intensiteit_b1_route
    if intensiteit is not None:
        if pip.leerroute != Leerroute.B:
            f["geschatte_intensiteit_b1_route"] = (
                "De geschatte intensiteit hoort alleen bij de B1-route.")
        elif not is_asielmigrant(ctx.doelgroep):
            f["geschatte_intensiteit_b1_route"] = (
                "De geschatte intensiteit geldt alleen voor asielstatushouders.")
        elif not INTENSITEIT_MIN <= intensiteit <= INTENSITEIT_MAX:
            f["geschatte_intensiteit_b1_route"] = (
                f"De geschatte intensiteit ligt tussen {INTENSITEIT_MIN} en {INTENSITEIT_MAX} uur.")

    if (ctx.huidige_leerroute and pip.leerroute != ctx.huidige_leerroute and ctx.termijn_start
            and (ctx.vandaag or d) > add_months(ctx.termijn_start,
                                                LEERROUTEWIJZIGING_MAANDEN)):
        f["leerroute"] = (f"De leerroute kan alleen binnen {LEERROUTEWIJZIGING_MAANDEN} maanden na "
                          f"de start van de inburgeringstermijn ({ctx.termijn_start:%d-%m-%Y}) "
                          "veranderen.")
    return f


def niveau_voor_duo(leerroute: str, niveau: str | None) -> str | None:
    """No niveau with B or O means DUO records B1 (RULES.md, PIP)."""
    if not niveau and leerroute in (Leerroute.B, Leerroute.O):
        return "B1"
    return niveau or None


def termijn(eerste_dagtekening: date) -> tuple[date, date]:
    """(start, end) of the inburgeringstermijn derived from the first PIP.

    Wi2021 art. 11: three years, starting the day after the dagtekening of the first PIP;
    later PIPs never move it. The end date is exclusive, like DUO's (DOMAIN.md). DUO's own dates
    replace these once fetched (SS102/SS103/SS104).
    """
    start = eerste_dagtekening + timedelta(days=1)
    return start, add_months(start, 12 * TERMIJN_JAREN)


def inhoud_fouten(*, doelgroep: str, leerroute: str, ontzorgen: bool, map_uren: int | None,
                  pvt_uren: int | None) -> dict[str, str]:
    """Rules on the municipal content of the PIP (DOMAIN.md "Rules with numbers").

    Financieel ontzorgen is for asielstatushouders (Participatiewet art. 56a). MAP is part of
    the B1- and Z-route, not of the onderwijsroute. The PVT takes at least 12 hours.
    """
    f: dict[str, str] = {}
    if ontzorgen and not is_asielmigrant(doelgroep):
        f["ontzorgen"] = "Financieel ontzorgen is alleen voor asielstatushouders."
    if map_uren and leerroute == Leerroute.O:
        f["map_uren"] = "De onderwijsroute heeft geen MAP."
    if pvt_uren is not None and pvt_uren < PVT_MIN_UREN:
        f["pvt_uren"] = f"Het PVT duurt minstens {PVT_MIN_UREN} uur."
    return f


PVT_MIN_UREN = 12


def pip_verwijderen_fouten(*, termijn_vastgesteld: bool,
                           uren_geregistreerd: bool) -> dict[str, str]:
    """DUO refuses to delete the current PIP once the termijn is set or course hours are
    registered (RULES.md "Business rules DUO applies to reports", PIP, last rule)."""
    f: dict[str, str] = {}
    if termijn_vastgesteld:
        f["termijn"] = ("Het PIP kan niet meer worden verwijderd: de inburgeringstermijn is al "
                        "vastgesteld.")
    if uren_geregistreerd:
        f["uren"] = ("Het PIP kan niet meer worden verwijderd: er zijn al gevolgde uren "
                     "doorgegeven.")
    return f
