"""The business rules DUO applies to the reports of a gemeente (a violation → HTTP 400).

Plain functions over plain values, no Django: Koers checks them before it queues a melding
(so the adviseur hears of a problem at once, not days later from DUO), and the DUO simulator
applies the very same functions, so the two can never disagree.

Sources: shared/duo-m2m/RULES.md "Business rules DUO applies to reports" (cited per rule as
RULES.md); the OpenAPI files in shared/duo-m2m/API (value ranges and patterns, cited by API
and schema); shared/DOMAIN.md "Rules with numbers" (verwijtbaar window, Z-route). DUO's PIP
rules live in koers.pip.rules and are not repeated here.

Every ``*_fouten`` function returns ``{field: Dutch text}``; an empty dict means DUO accepts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from koers.inburgeraars.rules import is_asielmigrant
from koers.pip.rules import Leerroute, add_months

VERWIJTBAAR_WAARDEN = ("Ja", "Nee")  # MAP-PVT-Zroute API, schema InburgeringJaNeeType
VERWIJTBAAR_NEE_MAANDEN = 2  # RULES.md MAP/PVT; DOMAIN.md "verwijtbaar flag"
UREN_MIN, UREN_MAX = 0, 9999  # GevolgdeUren API, schemas TaallesEnKnmBredeIntake etc.
INSTELLINGSNUMMER_LENGTE = 10  # Inburgeringsaanbod API, parameter Instellingsnummer
# Contactpersoon API, schema Contactpersoongegevens.
NAAM_MAX = 100
EMAIL_MIN, EMAIL_MAX = 4, 241
TELEFOON_MIN, TELEFOON_MAX = 3, 22
TELEFOON_PATROON = re.compile(
    r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$")
NAAM_LEESTEKENS = frozenset(" \t\n'\u2018.")


def _datum(d: date) -> str:
    return f"{d:%d-%m-%Y}"


def termijn_overschreden(peildatum: date, termijn_eind: date | None) -> bool:
    """DUO's termijn end date is exclusive (DOMAIN.md): on the end date itself the termijn is
    over."""
    return termijn_eind is not None and peildatum >= termijn_eind


def map_pvt_fouten(datum: date | None, verwijtbaar: str | None, *, vandaag: date,
                   termijn_start: date | None, termijn_eind: date | None,
                   zroute_afgerond_op: date | None, gemeente_heeft_huidig_pip: bool,
                   eerdere_datum_door_deze_gemeente: bool | None,
                   plicht_voldaan_via_zroute: bool = False) -> dict[str, str]:
    """The rules for ``PUT /personen/{bsn}/map`` and ``.../pvt`` (the same for both).

    RULES.md "MAP and PVT": a change only when this gemeente delivered the earlier date
    (``eerdere_datum_door_deze_gemeente``: ``None`` = no earlier date, ``False`` = another
    gemeente's); the gemeente holds the current PIP; the plicht is not already met via the
    Z-route; the date not before the start of the termijn, not after the Z-route completion,
    not in the future; an empty date (a withdrawal: PUT replaces the whole resource) only while
    no Z-route completion is registered. ``verwijtbaar``: without it no overschrijding; absent
    when the date lies before the termijn's end; ``Nee`` only when the termijn ends within two
    months; ``Ja`` only when the termijn has been exceeded (also DOMAIN.md "verwijtbaar flag").
    The overschrijding is judged on the date, or on today when the date is empty.
    """
    f: dict[str, str] = {}
    if eerdere_datum_door_deze_gemeente is False:
        f["__all__"] = ("Een andere gemeente heeft de datum al aan DUO doorgegeven. Alleen die "
                        "gemeente kan de datum wijzigen.")
    elif not gemeente_heeft_huidig_pip:
        f["__all__"] = ("Uw gemeente heeft niet het huidige PIP van deze inburgeraar. Daarom "
                        "kunt u deze datum niet doorgeven.")
    elif plicht_voldaan_via_zroute:
        f["__all__"] = ("De inburgeringsplicht is al voldaan via de Z-route. U kunt deze datum "
                        "niet meer doorgeven.")

    if datum is None:
        if zroute_afgerond_op is not None:
            f["datum"] = ("De datum kan niet leeg zijn: de afronding van de Z-route is al "
                          "doorgegeven.")
    elif datum > vandaag:
        f["datum"] = "De datum mag niet in de toekomst liggen."
    elif termijn_start is not None and datum < termijn_start:
        f["datum"] = (f"De datum ligt voor de start van de inburgeringstermijn "
                      f"({_datum(termijn_start)}).")
    elif zroute_afgerond_op is not None and datum > zroute_afgerond_op:
        f["datum"] = (f"De datum ligt na de afronding van de Z-route "
                      f"({_datum(zroute_afgerond_op)}).")

    overschreden = termijn_overschreden(datum or vandaag, termijn_eind)
    if verwijtbaar is None:
        if overschreden:
            f["verwijtbaar"] = ("De inburgeringstermijn is overschreden. Geef aan of dat "
                                "verwijtbaar is: Ja of Nee.")
    elif verwijtbaar not in VERWIJTBAAR_WAARDEN:
        f["verwijtbaar"] = "Verwijtbaar is Ja of Nee."
    elif datum is not None and termijn_eind is not None and datum < termijn_eind:
        f["verwijtbaar"] = ("De datum ligt voor het einde van de inburgeringstermijn. Laat "
                            "'verwijtbaar' dan leeg.")
    elif verwijtbaar == "Nee" and (
            termijn_eind is None
            or termijn_eind > add_months(vandaag, VERWIJTBAAR_NEE_MAANDEN)):
        f["verwijtbaar"] = ("'Nee' kan alleen als de inburgeringstermijn binnen "
                            f"{VERWIJTBAAR_NEE_MAANDEN} maanden eindigt.")
    elif verwijtbaar == "Ja" and not overschreden:
        f["verwijtbaar"] = "'Ja' kan alleen als de inburgeringstermijn is overschreden."
    return f


def zroute_fouten(datum: date | None, *, vandaag: date, leerroute: str | None,
                  gemeente_heeft_huidig_pip: bool, eindgesprek_op: date | None
                  ) -> dict[str, str]:
    """The rules for ``PUT /personen/{bsn}/zroute`` (``datumAfrondingZroute``).

    RULES.md "Z-route": the gemeente reports the completion after the eindgesprek — so the
    eindgesprek must have taken place and the completion cannot lie before it. DOMAIN.md
    "Rules with numbers": completion belongs to the zelfredzaamheidsroute (leerroute Z of the
    current PIP), which the gemeente holding that PIP reports. A date in the future is not a
    completion (the same rule DUO applies to MAP and PVT dates).
    """
    f: dict[str, str] = {}
    if not gemeente_heeft_huidig_pip:
        f["__all__"] = ("Uw gemeente heeft niet het huidige PIP van deze inburgeraar. Daarom "
                        "kunt u de afronding van de Z-route niet doorgeven.")
    elif leerroute != Leerroute.Z:
        f["__all__"] = "Deze inburgeraar volgt de Z-route niet volgens het huidige PIP."
    if datum is None:
        f["datum"] = "Vul de datum in waarop de Z-route is afgerond."
    elif datum > vandaag:
        f["datum"] = "De datum mag niet in de toekomst liggen."
    elif eindgesprek_op is None:
        f["datum"] = "De Z-route is pas af na het eindgesprek. Dat eindgesprek is er nog niet."
    elif datum < eindgesprek_op:
        f["datum"] = (f"De Z-route kan niet eerder af zijn dan het eindgesprek "
                      f"({_datum(eindgesprek_op)}).")
    return f


class UrenSoort(StrEnum):
    """The three running totals of API GevolgdeUren, with the operation that reports each."""

    TAALLES_KNM_BREDE_INTAKE = "taalles_knm_brede_intake"
    PARTICIPATIEACTIVITEITEN = "participatieactiviteiten"
    PARTICIPATIE_ALS_TAALLES = "participatie_als_taalles"


UREN_OPERATIES = {
    UrenSoort.TAALLES_KNM_BREDE_INTAKE: "updateUrenTaallesEnKnmByBSN",
    UrenSoort.PARTICIPATIEACTIVITEITEN: "updateUrenParticipatieactiviteiten",
    UrenSoort.PARTICIPATIE_ALS_TAALLES: "updateUrenParticipatieAlsTaallesByBsn",
}


def uren_fouten(soort: str, uren, *, doelgroep: str) -> dict[str, str]:
    """The rules for the three ``PUT .../uren/...`` reports.

    RULES.md "Gevolgde uren": running totals in whole hours. API GevolgdeUren: 0-9999 per
    total; participatieactiviteiten count for the Z-route of the asielstatushouder (schema
    ParticipatieactiviteitenBredeIntake; DOMAIN.md: gezins- en overige migranten have no 800
    participation hours). A lower total than before is allowed: it is a correction of the
    running total, which neither RULES.md nor the API forbids.
    """
    f: dict[str, str] = {}
    if soort not in UrenSoort.__members__.values():
        f["soort"] = "Kies welke uren u doorgeeft."
        return f
    if isinstance(uren, bool) or not isinstance(uren, int):
        f["uren"] = "Geef de uren door in hele uren."
    elif not UREN_MIN <= uren <= UREN_MAX:
        f["uren"] = f"Het aantal uren ligt tussen {UREN_MIN} en {UREN_MAX}."
    if soort == UrenSoort.PARTICIPATIEACTIVITEITEN and not is_asielmigrant(doelgroep):
        f["soort"] = "Uren participatieactiviteiten gelden alleen voor asielstatushouders."
    return f


@dataclass(frozen=True)
class Aanbod:
    """The DUO fields of one inburgeringsaanbod (API Inburgeringsaanbod, schema
    Inburgeringsaanbod) plus the instelling it is at."""

    instellingsnummer: str
    indicator_alfabetiseringsonderwijs: str
    datum_inburgeringsaanbod: date | None = None
    verwachte_startdatum_opleiding: date | None = None
    verwachte_einddatum_opleiding: date | None = None


@dataclass(frozen=True)
class Instelling:
    """An instelling as ``GET /instellingen`` lists it (schema Instelling)."""

    instellingsnummer: str
    bow_keurmerk: bool = False
    tst_keurmerk: bool = False


def inburgeringsaanbod_fouten(aanbod: Aanbod, *, doelgroep: str, leerroute: str | None,
                              huidige_pip_dagtekening: date | None,
                              instelling: Instelling | None, termijn_start: date | None,
                              termijn_eind: date | None) -> dict[str, str]:
    """The rules for ``POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}``.

    RULES.md "Inburgeringsaanbod": only for asielmigranten with a PIP; the instelling known to
    DUO as Blik op Werk-keurmerk holder, or as recognised TST when the person follows the
    onderwijsroute; no date before the current PIP's dagtekening; the start of the
    taalschakeltraject (the opleiding of the aanbod) not before the course end or the offer
    date; course and taalschakeltraject dates within the inburgeringstermijn (its end date is
    exclusive, and so is the einddatum opleiding: schema Inburgeringsaanbod). One offer per
    instelling: a new report replaces the old one, so that is no refusal. The schema's value
    set for the alfabetisering indicator: A, AA, NVT.
    """
    f: dict[str, str] = {}
    if not is_asielmigrant(doelgroep):
        f["__all__"] = "Een inburgeringsaanbod is alleen voor asielstatushouders."
    elif huidige_pip_dagtekening is None or leerroute is None:
        f["__all__"] = "Stel eerst het PIP vast. Het inburgeringsaanbod hoort bij het PIP."

    nummer = aanbod.instellingsnummer or ""
    if len(nummer) != INSTELLINGSNUMMER_LENGTE:
        f["instellingsnummer"] = (f"Het instellingsnummer van DUO heeft "
                                  f"{INSTELLINGSNUMMER_LENGTE} tekens.")
    elif instelling is None:
        f["instellingsnummer"] = "DUO kent deze instelling niet met een keurmerk."
    elif not (instelling.bow_keurmerk
              or (leerroute == Leerroute.O and instelling.tst_keurmerk)):
        f["instellingsnummer"] = (
            "Deze instelling heeft geen keurmerk van Blik op Werk. Bij de onderwijsroute mag "
            "het ook een erkende taalschakelinstelling zijn."
            if leerroute != Leerroute.O else
            "Deze instelling heeft geen keurmerk van Blik op Werk en is geen erkende "
            "taalschakelinstelling.")
    if aanbod.indicator_alfabetiseringsonderwijs not in ("A", "AA", "NVT"):
        f["indicator_alfabetiseringsonderwijs"] = "Kies A, AA of NVT bij alfabetisering."

    aanbod_op = aanbod.datum_inburgeringsaanbod
    start = aanbod.verwachte_startdatum_opleiding
    eind = aanbod.verwachte_einddatum_opleiding
    velden = (("datum_inburgeringsaanbod", aanbod_op), ("verwachte_startdatum_opleiding", start),
              ("verwachte_einddatum_opleiding", eind))
    for veld, d in velden:
        if d is None:
            continue
        if huidige_pip_dagtekening is not None and d < huidige_pip_dagtekening:
            f[veld] = (f"Deze datum ligt voor de dagtekening van het huidige PIP "
                       f"({_datum(huidige_pip_dagtekening)}).")
        elif veld != "datum_inburgeringsaanbod" and termijn_start is not None \
                and d < termijn_start:
            f[veld] = (f"Deze datum ligt voor de start van de inburgeringstermijn "
                       f"({_datum(termijn_start)}).")
        elif veld != "datum_inburgeringsaanbod" and termijn_eind is not None and (
                d > termijn_eind if veld == "verwachte_einddatum_opleiding"
                else d >= termijn_eind):
            f[veld] = (f"Deze datum ligt na het einde van de inburgeringstermijn "
                       f"({_datum(termijn_eind)}).")
    if start is not None and "verwachte_startdatum_opleiding" not in f:
        if aanbod_op is not None and start < aanbod_op:
            f["verwachte_startdatum_opleiding"] = (
                "De opleiding kan niet starten voor de datum van het inburgeringsaanbod.")
        elif eind is not None and eind <= start:
            f["verwachte_einddatum_opleiding"] = "De einddatum ligt na de startdatum."
    return f


def contactpersoon_fouten(naam: str, email: str, telefoonnummer: str) -> dict[str, str]:
    """The rules for a contactpersoon (API Contactpersoon, schema Contactpersoongegevens; RULES.md
    "Contactpersoon": naam, email and telefoonnummer).

    All three are required; naam at most 100 letters, spaces, apostrophes, dots and dashes;
    email 4-241 characters; telefoonnummer 3-22 characters in the schema's pattern (digits,
    an optional leading +, single spaces or dashes, an optional extension after a comma).
    """
    f: dict[str, str] = {}
    naam = naam or ""
    if not naam.strip():
        f["naam"] = "Vul de naam van de contactpersoon in."
    elif len(naam) > NAAM_MAX or not all(
            c.isalpha() or c in NAAM_LEESTEKENS or _is_streepje(c) for c in naam):
        f["naam"] = (f"De naam heeft hoogstens {NAAM_MAX} tekens: letters, spaties, punten, "
                     "apostroffen en streepjes.")
    email = email or ""
    if not email:
        f["email"] = "Vul het e-mailadres van de contactpersoon in."
    elif not EMAIL_MIN <= len(email) <= EMAIL_MAX:
        f["email"] = f"Het e-mailadres heeft {EMAIL_MIN} tot {EMAIL_MAX} tekens."
    telefoon = telefoonnummer or ""
    if not telefoon:
        f["telefoonnummer"] = "Vul het telefoonnummer van de contactpersoon in."
    elif not (TELEFOON_MIN <= len(telefoon) <= TELEFOON_MAX
              and TELEFOON_PATROON.match(telefoon)):
        f["telefoonnummer"] = ("Dit telefoonnummer kent DUO niet. Gebruik cijfers, eventueel "
                               "met + aan het begin, bijvoorbeeld 0495 575 000.")
    return f


def _is_streepje(c: str) -> bool:
    """Unicode category Pd (dash punctuation), as \\p{Pd} in DUO's pattern."""
    return unicodedata.category(c) == "Pd"
