"""Rules of the Plan Inburgering en Participatie (PIP) and the inburgeringstermijn.

Sources: shared/duo-m2m/RULES.md "Business rules DUO applies to reports — PIP" (DUO refuses a
PIP that breaks them); DUO PIP API schema (value sets, ranges); Wi2021 art. 11 (termijn of
three years from the day after the first PIP's dagtekening), art. 15 (PIP); the 18-month limit
on a leerroute change (law, article not verified); Participatiewet art. 56a (ontzorgen);
shared/DOMAIN.md "Rules with numbers". Koers' own input checks are marked as such.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from koers.inburgeraars.rules import Doelgroep, datum_voluit, is_asielmigrant


class Leerroute(StrEnum):
    """DUO schema Leerroute."""

    B = "B"  # B1-route
    O = "O"  # noqa: E741  onderwijsroute
    Z = "Z"  # zelfredzaamheidsroute


LEERROUTE_NAMEN = {"B": "B1-route", "O": "Onderwijsroute", "Z": "Zelfredzaamheidsroute"}
NIVEAUS = ("A2", "B1")  # DUO schema NiveauPip
ALFABETISERING = {
    "A": "Onderwijs voor analfabeet",
    "AA": "Onderwijs voor anders-gealfabetiseerde",
    "NVT": "Niet van toepassing",
}  # DUO schema Alfabetiseringsonderwijs
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
    """What the rules need to know about the person and earlier PIPs.

    ``doelgroep`` is the doelgroepindeling (DUO's Doelgroep.indeling). The PIP fields combine
    Koers' own vastgesteld versions with DUO's current PIP (``eerder_pip``), which after a
    move is the earlier gemeente's: DUO counts the first PIP at any gemeente.
    """

    doelgroep: str
    datum_start_plicht: date | None
    vestigingsdatum: date | None
    eerste_pip_dagtekening: date | None = None  # of the first vastgesteld PIP at any gemeente
    huidige_pip_dagtekening: date | None = None
    huidige_leerroute: str | None = None
    termijn_start: date | None = None
    vandaag: date | None = None


@dataclass(frozen=True)
class EerderPip:
    """DUO's current PIP (API PIP, getPipByBsn), possibly of an earlier gemeente."""

    gemeentecode: str
    dagtekening: date
    leerroute: str
    niveau: str | None = None


def met_eerder_pip(ctx: PipContext, eerder: EerderPip | None) -> PipContext:
    """The context with DUO's PIP taken into account (a person who moved, SS121).

    DUO's "first PIP" means the first at any gemeente, so a PIP DUO already holds makes the
    new gemeente's PIP a changed PIP: no refusal of A2 with B (the person may have been
    afgeschaald at the earlier gemeente), the dagtekening not before DUO's current PIP, and
    the leerroute change rule measured from DUO's termijn and DUO's leerroute.
    Bron: DUO RULES.md "Business rules DUO applies to reports — PIP" (first PIP at any
    gemeente; not before the initial nor the current PIP); API PIP getPipByBsn ("Dit kan
    ook een PIP van een voorgaande gemeente betreffen"); RULES.md event SS121.
    Status: duo
    """
    if eerder is None:
        return ctx
    eerste = ctx.eerste_pip_dagtekening
    eerste = eerder.dagtekening if eerste is None else min(eerste, eerder.dagtekening)
    huidig = ctx.huidige_pip_dagtekening
    if huidig is None or eerder.dagtekening > huidig:
        return replace(
            ctx,
            eerste_pip_dagtekening=eerste,
            huidige_pip_dagtekening=eerder.dagtekening,
            huidige_leerroute=eerder.leerroute,
        )
    return replace(ctx, eerste_pip_dagtekening=eerste)


def standaard_leerroute(eigen_leerroute: str | None, eerder: EerderPip | None) -> str | None:
    """The leerroute a new PIP starts from: the gemeente's own latest PIP, else the earlier
    gemeente's (the new gemeente keeps the leerroute of the earlier PIP).
    Bron: issue "Verhuizing (SS121)"; DUO RULES.md SS121 (fetch PIP and termijn); Wet
    inburgering 2021 (the leerroute changes only by a decision of the college, see
    :func:`leerroute_wijziging_fouten`) — bron: niet geverifieerd: the article (believed art. 16
    or 17 Wi2021) could not be read here.
    Status: wet
    """
    if eigen_leerroute:
        return eigen_leerroute
    return eerder.leerroute if eerder is not None else None


def add_months(day: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Aug + 18 → 28/29 Feb).

    Bron: kalenderrekenen.
    Status: techniek
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def pip_fouten(pip: PipVoorstel, ctx: PipContext) -> dict[str, str]:
    """Every rule a PIP breaks, keyed by field, in plain Dutch: DUO's
    (:func:`pip_duo_fouten`), the law's limit on changing the leerroute
    (:func:`leerroute_wijziging_fouten`) and Koers' own input check
    (:func:`pip_invoer_fouten`). Empty dict: Koers can vaststellen it and DUO will accept it.

    Bron: see the three rules it combines.
    Status: duo (and wet, techniek: see the three rules)
    """
    f = pip_duo_fouten(pip, ctx)
    if "leerroute" in f and pip.leerroute not in Leerroute.__members__.values():
        return f
    for extra in (leerroute_wijziging_fouten(pip, ctx), pip_invoer_fouten(pip, ctx.vandaag)):
        for veld, tekst in extra.items():
            f.setdefault(veld, tekst)
    return f


def pip_duo_fouten(pip: PipVoorstel, ctx: PipContext) -> dict[str, str]:
    """The rules DUO applies to a PIP report, keyed by field, in plain Dutch.

    DUO (RULES.md, PIP): dagtekening not before the start of the plicht, not before vestiging,
    and for a changed PIP not before the dagtekening of the first nor the current PIP; niveau
    A2 not with O; B1 not with Z; A2 with B not on the person's first PIP; the estimated
    intensity only with B and only for asielstatushouders, 1-9999 hours.

    Bron: RULES.md "Business rules DUO applies to reports — PIP"; DUO API PIP (waardenlijsten,
    geschatteIntensiteitB1Route).
    Status: duo
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
        f["dagtekening"] = (
            f"Kies een dagtekening op of na de start van de inburgeringsplicht "
            f"({datum_voluit(ctx.datum_start_plicht)})."
        )
    elif ctx.vestigingsdatum and d < ctx.vestigingsdatum:
        f["dagtekening"] = (
            f"Kies een dagtekening op of na de vestiging in de gemeente "
            f"({datum_voluit(ctx.vestigingsdatum)})."
        )
    elif ctx.eerste_pip_dagtekening and d < ctx.eerste_pip_dagtekening:
        f["dagtekening"] = (
            "Kies een dagtekening op of na die van het eerste PIP "
            f"({datum_voluit(ctx.eerste_pip_dagtekening)}): een gewijzigd PIP kan niet eerder "
            "gedagtekend zijn."
        )
    elif ctx.huidige_pip_dagtekening and d < ctx.huidige_pip_dagtekening:
        f["dagtekening"] = (
            "Kies een dagtekening op of na die van het huidige PIP "
            f"({datum_voluit(ctx.huidige_pip_dagtekening)}): een gewijzigd PIP kan niet eerder "
            "gedagtekend zijn."
        )

    if pip.niveau == "A2" and pip.leerroute == Leerroute.O:
        f["niveau"] = "Niveau A2 kan niet bij de onderwijsroute."
    elif pip.niveau == "B1" and pip.leerroute == Leerroute.Z:
        f["niveau"] = "Niveau B1 kan niet bij de Z-route."
    elif pip.niveau == "A2" and pip.leerroute == Leerroute.B and ctx.eerste_pip_dagtekening is None:
        f["niveau"] = (
            "Niveau A2 in de B1-route kan niet in het eerste PIP. Afschalen naar A2 "
            "kan pas later, na minstens 600 lesuren."
        )

    intensiteit = pip.geschatte_intensiteit_b1_route
    if intensiteit is not None:
        if pip.leerroute != Leerroute.B:
            f["geschatte_intensiteit_b1_route"] = (
                "De geschatte intensiteit hoort alleen bij de B1-route."
            )
        elif not is_asielmigrant(ctx.doelgroep):
            f["geschatte_intensiteit_b1_route"] = (
                "De geschatte intensiteit geldt alleen voor asielstatushouders."
            )
        elif not INTENSITEIT_MIN <= intensiteit <= INTENSITEIT_MAX:
            f["geschatte_intensiteit_b1_route"] = (
                f"Vul een geschatte intensiteit in van {INTENSITEIT_MIN} "
                f"tot en met {INTENSITEIT_MAX} uur."
            )
    return f


def leerroute_wijziging_fouten(pip: PipVoorstel, ctx: PipContext) -> dict[str, str]:
    """The college can change the leerroute only within 18 months of the start of the
    inburgeringstermijn (measured on the day of the decision: today, else the dagtekening).
    Not a rule DUO applies to the PIP report (RULES.md has none): it limits the college.

    Bron: Wet inburgering 2021 — bron: niet geverifieerd: DOMAIN.md "Rules with numbers" gives
    the 18 months as a rule of the law (marked S, secondary); the article and lid that set it
    could not be read here (believed to be the article on changing the leerroute, art. 16 or
    17 Wi2021 — art. 17 lid 3 is the afschalen to A2 per Schulinck — or the Besluit
    inburgering 2021).
    Status: wet
    """
    if (
        ctx.huidige_leerroute
        and pip.leerroute != ctx.huidige_leerroute
        and ctx.termijn_start
        and (ctx.vandaag or pip.dagtekening)
        > add_months(ctx.termijn_start, LEERROUTEWIJZIGING_MAANDEN)
    ):
        return {
            "leerroute": (
                f"De leerroute kan alleen binnen {LEERROUTEWIJZIGING_MAANDEN} "
                f"maanden na de start van de inburgeringstermijn "
                f"({datum_voluit(ctx.termijn_start)}) veranderen."
            )
        }
    return {}


def pip_invoer_fouten(pip: PipVoorstel, vandaag: date | None) -> dict[str, str]:
    """Koers' own input check: the dagtekening of a PIP to vaststellen is not in the future.

    Not a rule of DUO (RULES.md "PIP" has no such rule) nor of the law: the dagtekening is the
    date of the beschikking Koers makes when the adviseur vaststelt, so a later date is a
    typing error that would also start the inburgeringstermijn (Wi2021 art. 11) on a wrong day.
    Bron: controle op invoer (geen DUO-regel, geen wetsregel).
    Status: techniek
    """
    if vandaag and pip.dagtekening > vandaag:
        return {"dagtekening": "De dagtekening mag niet in de toekomst liggen."}
    return {}


def niveau_voor_duo(leerroute: str, niveau: str | None) -> str | None:
    """No niveau with B or O means DUO records B1 (RULES.md, PIP).

    Bron: RULES.md "PIP".
    Status: duo
    """
    if not niveau and leerroute in (Leerroute.B, Leerroute.O):
        return "B1"
    return niveau or None


def termijn(eerste_dagtekening: date) -> tuple[date, date]:
    """(start, end) of the inburgeringstermijn derived from the first PIP.

    Wi2021 art. 11: three years, starting the day after the dagtekening of the first PIP;
    later PIPs never move it. The end date is exclusive, like DUO's (DOMAIN.md). DUO's own dates
    replace these once fetched (SS102/SS103/SS104).

    Bron: Wi2021 art. 11 lid 1-2 (drie jaar vanaf de dag na de dagtekening van het eerste PIP); DUO
    API Inburgeringstermijn (einddatum exclusief).
    Status: wet
    """
    start = eerste_dagtekening + timedelta(days=1)
    return start, add_months(start, 12 * TERMIJN_JAREN)


# Who is ontzorgd. Art. 56a Participatiewet obliges ontzorgen for holders of an asylum permit
# (GROEP_WET); a gemeente may choose to ontzorgen everyone in DUO's doelgroepindeling
# "Asielstatushouder" as well (GROEP_ASIELMIGRANTEN), a setting of the gemeente:
# begeleiding.Begeleidingsbeleid.ontzorgen_groep.
GROEP_WET = "wet"
GROEP_ASIELMIGRANTEN = "asielmigranten"

# DUO's detailed doelgroep that stands for an asylum residence permit. DUO sets the detailed
# doelgroep "o.a. met behulp van het verblijfsdoel" (API Inburgeringsplicht, schema
# GedetailleerdeDoelgroep); "Gezinshereniger/Gezinsvormer met Asielstatushouder" hold a
# regular permit to live with a holder.
DOELGROEPEN_MET_ASIELVERGUNNING: frozenset[str] = frozenset({Doelgroep.ASIELSTATUSHOUDER.value})


def valt_onder_art_56a(gedetailleerde_doelgroep: str) -> bool:
    """Whether the law itself obliges the gemeente to ontzorgen this inburgeringsplichtige
    (once he receives bijstand): he holds an asylum residence permit.

    Art. 56a names inburgeringsplichtigen with a "verblijfsvergunning asiel voor bepaalde
    tijd"; nareizigers with a permit derived from the holder's asylum permit fall under it,
    family members with a REGULAR permit do not, even though the Wi2021 counts them as
    asielstatushouder (Schulinck, "Ontzorgen van inburgeringsplichtige asielstatushouders met
    recht op bijstand" and "Het nieuwe inburgeringsstelsel"). So the test is the permit, which
    DUO's detailed doelgroep reflects, not the Wi2021 doelgroepindeling.

    Bron: art. 56a lid 1 Participatiewet — niet geverifieerd: the article's text could not be
    read here; this is the reading of two Schulinck commentaries (secondary source). That DUO
    puts a nareiziger with a derived asylum permit in "Asielstatushouder" is assumed (also
    niet geverifieerd).
    Status: wet
    """
    return gedetailleerde_doelgroep in DOELGROEPEN_MET_ASIELVERGUNNING


def in_ontzorgen_groep(
    gedetailleerde_doelgroep: str, indeling: str, groep: str = GROEP_WET
) -> bool:
    """Whether financieel ontzorgen can be for this person (bijstand aside): the law's group
    (art. 56a, :func:`valt_onder_art_56a`) or, when the gemeente chose
    ``GROEP_ASIELMIGRANTEN``, everyone in DUO's doelgroepindeling "Asielstatushouder" (family
    members with a regular permit, people given asylum rights). The wider group rests on the
    gemeente's own choice (for example budgetbeheer under art. 57 Participatiewet, niet
    geverifieerd), not on art. 56a. The PIP (:func:`inhoud_fouten`) and the begeleiding app
    (begeleiding.rules.komt_in_aanmerking) both use it.

    Bron: art. 56a Participatiewet (see :func:`valt_onder_art_56a`); startnotitie §6.5.
    Status: wet for the art. 56a group; P for the wider group
    (begeleiding.Begeleidingsbeleid.ontzorgen_groep)
    """
    if valt_onder_art_56a(gedetailleerde_doelgroep):
        return True
    return groep == GROEP_ASIELMIGRANTEN and bool(indeling) and is_asielmigrant(indeling)


def inhoud_fouten(
    *,
    gedetailleerde_doelgroep: str,
    doelgroep: str,
    leerroute: str,
    ontzorgen: bool,
    map_uren: int | None,
    pvt_uren: int | None,
    ontzorgen_groep: str = GROEP_WET,
) -> dict[str, str]:
    """Rules on the municipal content of the PIP (DOMAIN.md "Rules with numbers").

    Financieel ontzorgen only for the group :func:`in_ontzorgen_groep` names (``doelgroep`` is
    the doelgroepindeling; ``ontzorgen_groep`` the gemeente's choice, the law's group unless
    told). MAP is part of the B1- and Z-route, not of the onderwijsroute. The PVT takes at
    least 12 hours.

    Bron: Participatiewet art. 56a (niet geverifieerd, see :func:`valt_onder_art_56a`); Wi2021
    art. 8 lid 3; Bi2021 art. 3.1.
    Status: wet; the wider group for ontzorgen is P
    (begeleiding.Begeleidingsbeleid.ontzorgen_groep)
    """
    f: dict[str, str] = {}
    if ontzorgen and not in_ontzorgen_groep(gedetailleerde_doelgroep, doelgroep, ontzorgen_groep):
        if is_asielmigrant(doelgroep):
            f["ontzorgen"] = (
                "Financieel ontzorgen is verplicht voor wie een verblijfsvergunning "
                "asiel heeft (artikel 56a Participatiewet). Deze inburgeraar heeft "
                "een reguliere verblijfsvergunning, en uw gemeente heeft gekozen "
                "deze groep niet te ontzorgen."
            )
        else:
            f["ontzorgen"] = "Financieel ontzorgen is alleen voor asielstatushouders."
    if map_uren and leerroute == Leerroute.O:
        f["map_uren"] = "De onderwijsroute heeft geen MAP."
    if pvt_uren is not None and pvt_uren < PVT_MIN_UREN:
        f["pvt_uren"] = f"Het PVT duurt minstens {PVT_MIN_UREN} uur."
    return f


PVT_MIN_UREN = 12
