"""Rules of the netwerk part: instroomklas, tolken, ervaringsdeskundigen and
informele taalondersteuning. Plain functions and constants, no Django.

Sources: startnotitie §7.6 (ervaringsdeskundigen), §7.7 (tolken), §7.8 (instroomklas),
§7.9 (informele taalondersteuning); DOMAIN.md "Figures of the startnotitie" (tolken are paid
from the SPUK). Numbers marked "P" are choices of Koers (project), not of the law.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

# --- instroomklas (startnotitie §7.8) -------------------------------------------------------

# "Workshops, bijvoorbeeld over omgaan met geld, leren fietsen, etc." (startnotitie §7.8);
# the other topics are the usual practical themes of the first months (P).
WORKSHOPS: tuple[tuple[str, str], ...] = (
    ("omgaan_met_geld", "Omgaan met geld"),
    ("leren_fietsen", "Leren fietsen"),
    ("digitale_vaardigheden", "Digitale vaardigheden en DigiD"),
    ("gezondheidszorg", "De zorg in Nederland (huisarts, zorgverzekering)"),
    ("wonen", "Wonen: huur, afval en buren"),
    ("werk", "Werken in Nederland"),
    ("onderwijs", "School en kinderopvang"),
    ("overig", "Andere workshop"),
)
WORKSHOP_SLEUTELS = frozenset(s for s, _ in WORKSHOPS)

# The instroomklas meets on "verschillende dagdelen" (startnotitie §7.8); a week has at most
# 10 dagdelen (5 days, morning and afternoon) (P).
MAX_DAGDELEN_PER_WEEK = 10


def week_van(datum: date) -> date:
    """The Monday of the week of ``datum``: attendance is recorded per week.

    Bron: kalenderrekenen.
    Status: techniek
    """
    return datum - timedelta(days=datum.weekday())


def aanwezigheid_fouten(gepland: int, aanwezig: int) -> dict[str, str]:
    """Attendance of one week: 0..10 dagdelen planned, at most as many attended.

    Bron: startnotitie §7.8; controle op invoer.
    Status: techniek
    """
    fouten = {}
    if not 0 <= gepland <= MAX_DAGDELEN_PER_WEEK:
        fouten["dagdelen_gepland"] = (
            f"Een week heeft 0 tot en met {MAX_DAGDELEN_PER_WEEK} dagdelen."
        )
    if aanwezig < 0:
        fouten["dagdelen_aanwezig"] = "Het aantal dagdelen kan niet negatief zijn."
    elif aanwezig > gepland and not fouten:
        fouten["dagdelen_aanwezig"] = (
            "Er kunnen niet meer dagdelen aanwezig zijn dan er gepland waren."
        )
    return fouten


def aanwezigheidspercentage(gepland: int, aanwezig: int) -> int | None:
    """Attended dagdelen as a whole percentage (rounded half up); None without any planned.

    Bron: rekenregel.
    Status: techniek
    """
    if gepland <= 0:
        return None
    return int(
        (Decimal(aanwezig) * 100 / Decimal(gepland)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    )


def plaatsing_fouten(
    startdatum: date | None, geplande_einddatum: date | None, einddatum: date | None = None
) -> dict[str, str]:
    """The instroomklas runs "totdat instroom in de voor hem/haar bepaalde route mogelijk is"
    (§7.8): the planned end is the expected route start, after the start.

    Bron: startnotitie §7.8.
    Status: startnotitie
    """
    fouten = {}
    if startdatum is None:
        fouten["startdatum"] = "Vul de datum in waarop de inburgeraar in de klas begon."
    if geplande_einddatum is None:
        fouten["geplande_einddatum"] = "Vul in wanneer de leerroute naar verwachting begint."
    elif startdatum is not None and geplande_einddatum <= startdatum:
        fouten["geplande_einddatum"] = "De geplande einddatum moet na de startdatum liggen."
    if einddatum is not None and startdatum is not None and einddatum < startdatum:
        fouten["einddatum"] = "De einddatum kan niet voor de startdatum liggen."
    return fouten


def klas_te_lang(geplande_einddatum: date, einddatum: date | None, vandaag: date) -> bool:
    """Signal: still in the klas after the planned end, so the route
    should have started.

    Bron: startnotitie §7.8.
    Status: startnotitie
    """
    return einddatum is None and geplande_einddatum < vandaag


# --- tolken (startnotitie §7.7) --------------------------------------------------------------


class TolkSoort(StrEnum):
    TELEFONISCH = "telefonisch"
    TER_PLAATSE = "ter_plaatse"
    VIDEO = "video"


class GesprekSoort(StrEnum):
    BREDE_INTAKE = "brede_intake"
    PIP_GESPREK = "pip_gesprek"
    VOORTGANGSGESPREK = "voortgangsgesprek"
    EINDGESPREK = "eindgesprek"
    HOORZITTING = "hoorzitting"
    OVERIG = "overig"


class BoekingStatus(StrEnum):
    GEPLAND = "gepland"
    GEWEEST = "geweest"
    GEANNULEERD = "geannuleerd"


# A booking lasts 1 minute up to 8 hours (one working day) (P).
MIN_DUUR_MINUTEN = 1
MAX_DUUR_MINUTEN = 8 * 60
# Tariff per hour: more than €0, at most €500 (a typo guard, P).
MAX_TARIEF = Decimal("500.00")
CENT = Decimal("0.01")


def normaliseer_taal(taal: str) -> str:
    """A language name in one spelling, so a search ignores case and spaces.

    Bron: schrijfwijze van talen.
    Status: techniek
    """
    return " ".join(taal.split()).casefold()


def spreekt(talen: list[str], taal: str) -> bool:
    """Whether a tolk with ``talen`` speaks ``taal`` (case and spaces do not matter).

    Bron: schrijfwijze van talen.
    Status: techniek
    """
    gezocht = normaliseer_taal(taal or "")
    return bool(gezocht) and any(normaliseer_taal(t) == gezocht for t in talen)


def tarief_fouten(tarief: Decimal | None) -> dict[str, str]:
    """A tariff is a positive amount in euros and cents.

    Bron: startnotitie §7.7; controle op invoer.
    Status: techniek
    """
    if tarief is None:
        return {"tarief_per_uur": "Vul het tarief per uur in."}
    if tarief <= 0:
        return {"tarief_per_uur": "Het tarief per uur moet meer dan 0 euro zijn."}
    if tarief > MAX_TARIEF:
        return {"tarief_per_uur": f"Het tarief per uur is hooguit {MAX_TARIEF} euro."}
    return {}


def duur_fouten(duur_minuten: int | None) -> dict[str, str]:
    """A booking lasts at least a minute and at most a working day.

    Bron: startnotitie §7.7.
    Status: P — geen instelling (1 minuut tot 8 uur).
    """
    if duur_minuten is None or not MIN_DUUR_MINUTEN <= duur_minuten <= MAX_DUUR_MINUTEN:
        return {
            "duur_minuten": f"De duur is {MIN_DUUR_MINUTEN} tot en met {MAX_DUUR_MINUTEN} minuten."
        }
    return {}


def kosten(tarief_per_uur: Decimal, duur_minuten: int, status: str) -> Decimal:
    """Cost of a tolk booking: the tariff per hour times the duration, per minute, rounded
    half up to whole cents. A cancelled booking costs nothing (P: Koers records only what the
    gemeente pays from the SPUK for tolken, DOMAIN.md "Figures of the startnotitie").

    Bron: startnotitie §7.7; DOMAIN.md "Figures of the startnotitie" (tolken uit de SPUK).
    Status: P — het uurtarief van de tolk (Tolk.tarief_per_uur, bij de tolk ingevuld).
    """
    if status == BoekingStatus.GEANNULEERD:
        return Decimal("0.00")
    bedrag = Decimal(tarief_per_uur) * Decimal(duur_minuten) / Decimal(60)
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


# A booking can go from gepland to geweest or geannuleerd; geweest and geannuleerd are final,
# except that a mistaken "geannuleerd" may not be undone (P).
BOEKING_OVERGANGEN: dict[str, frozenset[str]] = {
    BoekingStatus.GEPLAND: frozenset({BoekingStatus.GEWEEST, BoekingStatus.GEANNULEERD}),
    BoekingStatus.GEWEEST: frozenset(),
    BoekingStatus.GEANNULEERD: frozenset(),
}


def statuswijziging_fouten(van: str, naar: str, datum: date, vandaag: date) -> dict[str, str]:
    """Why a booking cannot get this status.

    Bron: verloop van een boeking.
    Status: techniek
    """
    if naar == van:
        return {}
    if naar not in BOEKING_OVERGANGEN.get(van, frozenset()):
        return {"status": "Deze boeking is al afgesloten. De status kan niet meer veranderen."}
    if naar == BoekingStatus.GEWEEST and datum > vandaag:
        return {"status": "Een gesprek in de toekomst kan nog niet geweest zijn."}
    return {}


def bevestiging_nodig(status: str, datum: date, vandaag: date) -> bool:
    """Signal: a booking in the past that is still 'gepland' — confirm it took place.

    Bron: startnotitie §7.7.
    Status: startnotitie
    """
    return status == BoekingStatus.GEPLAND and datum < vandaag


# --- ervaringsdeskundigen (startnotitie §7.6) ------------------------------------------------


class Rol(StrEnum):
    """ "Voorlichter, bemiddelaar, verkenner en adviseur" (startnotitie §7.6)."""

    VOORLICHTER = "voorlichter"
    BEMIDDELAAR = "bemiddelaar"
    VERKENNER = "verkenner"
    ADVISEUR = "adviseur"


def rollen_fouten(rollen: list[str]) -> dict[str, str]:
    """The roles of an ervaringsdeskundige or taalmaatje must be known ones.

    Bron: startnotitie §7.6 en §7.9.
    Status: startnotitie
    """
    if not rollen:
        return {"rollen": "Kies ten minste een rol."}
    if any(r not in Rol.__members__.values() for r in rollen):
        return {"rollen": "Kies rollen uit: voorlichter, bemiddelaar, verkenner, adviseur."}
    return {}


def koppeling_fouten(
    rol: str, rollen: list[str], sinds: date | None, tot: date | None = None
) -> dict[str, str]:
    """Why a person cannot be linked to this ervaringsdeskundige or taalmaatje.

    Bron: startnotitie §7.6 en §7.9.
    Status: startnotitie
    """
    fouten = {}
    if rol not in rollen:
        fouten["rol"] = "Deze ervaringsdeskundige heeft die rol niet in het netwerk."
    if sinds is None:
        fouten["sinds"] = "Vul in sinds wanneer."
    elif tot is not None and tot < sinds:
        fouten["tot"] = "De einddatum kan niet voor de begindatum liggen."
    return fouten


# --- informele taalondersteuning (startnotitie §7.9) -----------------------------------------


class TaalSoort(StrEnum):
    BIBLIOTHEEK = "bibliotheek"  # bibliotheek / Taalhuis
    TAALMAATJE = "taalmaatje"
    VLUCHTELINGENWERK = "vluchtelingenwerk"
    OVERIG = "overig"


class VerwijzingStatus(StrEnum):
    VERWEZEN = "verwezen"
    GESTART = "gestart"
    AFGEROND = "afgerond"
    GESTOPT = "gestopt"


# At most 40 hours a week (a full-time week) (P).
MAX_UREN_PER_WEEK = Decimal("40")
MAX_UREN_TOTAAL = Decimal("5000")

# §7.9: inburgeraars are excluded from the aanpak laaggeletterdheid paid from the WEB-gelden
# (including at bibliotheken). Shown as a warning when referring to a bibliotheek.
WEB_GELDEN_WAARSCHUWING = (
    "Let op: het taalaanbod voor laaggeletterden dat met WEB-geld wordt betaald, is niet "
    "voor inburgeraars. Vraag de bibliotheek naar aanbod voor nieuwkomers."
)


def uren_fouten(uren_per_week: Decimal | None, uren_totaal: Decimal | None) -> dict[str, str]:
    """Hours are a positive number within the bound.

    Bron: controle op invoer.
    Status: techniek
    """
    fouten = {}
    if uren_per_week is not None:
        if uren_per_week < 0:
            fouten["uren_per_week"] = "Het aantal uren kan niet negatief zijn."
        elif uren_per_week > MAX_UREN_PER_WEEK:
            fouten["uren_per_week"] = f"Hooguit {MAX_UREN_PER_WEEK} uur per week."
    if uren_totaal is not None:
        if uren_totaal < 0:
            fouten["uren_totaal"] = "Het aantal uren kan niet negatief zijn."
        elif uren_totaal > MAX_UREN_TOTAAL:
            fouten["uren_totaal"] = f"Hooguit {MAX_UREN_TOTAAL} uur in totaal."
    return fouten


def verwijzing_fouten(soort: str, organisatie: str) -> dict[str, str]:
    """A referral to other informal language support names the organisation.

    Bron: startnotitie §7.6 en §7.9.
    Status: startnotitie
    """
    if soort == TaalSoort.OVERIG and not (organisatie or "").strip():
        return {"organisatie": "Vul de naam van de organisatie in."}
    return {}
