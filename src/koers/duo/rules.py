"""The business rules DUO applies to the reports of a gemeente (a violation → HTTP 400).

Plain functions over plain values, no Django: Koers checks them before it queues a melding
(so the adviseur hears of a problem at once, not days later from DUO). The DUO simulator does
NOT use them: it reads RULES.md on its own (koers.duo.simulator.regels), so a misreading here
shows up as a refusal in the tests that go through the simulator.

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
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from koers.inburgeraars.rules import (
    WET_INBURGERING_START,
    datum_voluit,
    is_asielmigrant,
    termijn_laatste_dag,
)
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
    r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$"
)
NAAM_LEESTEKENS = frozenset(" \t\n'\u2018.")


def termijn_overschreden(peildatum: date, termijn_eind: date | None) -> bool:
    """Whether the termijn has been exceeded on ``peildatum``.

    DUO's ``einddatum`` is exclusive (API Inburgeringstermijn, schema Inburgeringstermijn:
    "De datum die het einde van de periode aangeeft (exclusief)"): the last day is
    einddatum − 1, so on the einddatum itself the termijn is over.
    Bron: DUO API Inburgeringstermijn; RULES.md "MAP and PVT" ("Ja only when the termijn has
    been exceeded").
    Status: duo
    """
    return termijn_eind is not None and peildatum >= termijn_eind


def termijn_eindigt_binnen_twee_maanden(peildatum: date, termijn_eind: date | None) -> bool:
    """Whether "the termijn ends within two months" on ``peildatum`` (the window for
    verwijtbaar ``Nee``): ``peildatum`` lies in the last two months of the termijn or after it.

    DUO's ``einddatum`` is exclusive: the termijn is the period [startdatum, einddatum), its
    last day einddatum − 1, and its last two months the period [einddatum − 2 months,
    einddatum). So the window opens on einddatum − 2 months — NOT two months before the last
    day, which would open it one day early (a termijn of 2 months and 1 day would count).
    Without an einddatum: False.
    Bron: RULES.md "MAP and PVT" ("Nee only when the termijn ends within two months"); DUO API
    Inburgeringstermijn, schema Inburgeringstermijn.einddatum ("exclusief"); DOMAIN.md
    "verwijtbaar flag" ("Nee" only in the last 2 months of the termijn).
    Status: duo
    """
    if termijn_eind is None:
        return False
    return termijn_eind <= add_months(peildatum, VERWIJTBAAR_NEE_MAANDEN)


def map_pvt_fouten(
    datum: date | None,
    verwijtbaar: str | None,
    *,
    vandaag: date,
    termijn_start: date | None,
    termijn_eind: date | None,
    zroute_afgerond_op: date | None,
    gemeente_heeft_huidig_pip: bool,
    eerdere_datum_door_deze_gemeente: bool | None,
    plicht_voldaan_via_zroute: bool = False,
) -> dict[str, str]:
    """The rules for ``PUT /personen/{bsn}/map`` and ``.../pvt`` (the same for both).

    RULES.md "MAP and PVT": a change only when this gemeente delivered the earlier date
    (``eerdere_datum_door_deze_gemeente``: ``None`` = no earlier date, ``False`` = another
    gemeente's); the gemeente holds the current PIP; the plicht is not already met via the
    Z-route; the date not before the start of the termijn, not after the Z-route completion,
    not in the future; an empty date (a withdrawal: PUT replaces the whole resource) only while
    no Z-route completion is registered. ``verwijtbaar``: without it no overschrijding; absent
    when the date lies before the termijn's end; ``Nee`` only when the termijn ends within two
    months; ``Ja`` only when the termijn has been exceeded (also DOMAIN.md "verwijtbaar flag").
    The overschrijding is judged on the date, or on today when the date is empty. The termijn's
    einddatum is exclusive (:func:`termijn_overschreden`,
    :func:`termijn_eindigt_binnen_twee_maanden`). An empty date WITH 'verwijtbaar' is a valid
    report: DUO hears the judgement before the module is done.
    Bron: RULES.md "MAP and PVT"; DUO API MAP-PVT-Zroute (schemas ResultaatMap, ResultaatPvt).
    Status: duo
    """
    f: dict[str, str] = {}
    if eerdere_datum_door_deze_gemeente is False:
        f["__all__"] = (
            "Een andere gemeente heeft de datum al aan DUO doorgegeven. Alleen die "
            "gemeente kan de datum wijzigen."
        )
    elif not gemeente_heeft_huidig_pip:
        f["__all__"] = (
            "Uw gemeente heeft niet het huidige PIP van deze inburgeraar. Daarom "
            "kunt u deze datum niet doorgeven."
        )
    elif plicht_voldaan_via_zroute:
        f["__all__"] = (
            "De inburgeringsplicht is al voldaan via de Z-route. U kunt deze datum "
            "niet meer doorgeven."
        )

    if datum is None:
        if zroute_afgerond_op is not None:
            f["datum"] = (
                "De datum kan niet leeg zijn: de afronding van de Z-route is al doorgegeven."
            )
    elif datum > vandaag:
        f["datum"] = "De datum mag niet in de toekomst liggen."
    elif termijn_start is not None and datum < termijn_start:
        f["datum"] = (
            "Kies een datum op of na de start van de inburgeringstermijn "
            f"({datum_voluit(termijn_start)})."
        )
    elif zroute_afgerond_op is not None and datum > zroute_afgerond_op:
        f["datum"] = (
            "Kies een datum op of voor de afronding van de Z-route "
            f"({datum_voluit(zroute_afgerond_op)})."
        )

    overschreden = termijn_overschreden(datum or vandaag, termijn_eind)
    if verwijtbaar is None:
        if overschreden:
            f["verwijtbaar"] = (
                "De inburgeringstermijn is overschreden. Geef aan of dat verwijtbaar is: Ja of Nee."
            )
    elif verwijtbaar not in VERWIJTBAAR_WAARDEN:
        f["verwijtbaar"] = "Verwijtbaar is Ja of Nee."
    elif datum is not None and termijn_eind is not None and datum < termijn_eind:
        f["verwijtbaar"] = (
            "De datum ligt voor het einde van de inburgeringstermijn. Laat 'verwijtbaar' dan leeg."
        )
    elif verwijtbaar == "Nee" and not termijn_eindigt_binnen_twee_maanden(vandaag, termijn_eind):
        f["verwijtbaar"] = (
            "'Nee' kan alleen als de inburgeringstermijn binnen "
            f"{VERWIJTBAAR_NEE_MAANDEN} maanden eindigt."
        )
    elif verwijtbaar == "Ja" and not overschreden:
        f["verwijtbaar"] = "'Ja' kan alleen als de inburgeringstermijn is overschreden."
    return f


def zroute_fouten(
    datum: date | None,
    *,
    vandaag: date,
    leerroute: str | None,
    gemeente_heeft_huidig_pip: bool,
    eindgesprek_op: date | None,
) -> dict[str, str]:
    """The rules for ``PUT /personen/{bsn}/zroute`` (``datumAfrondingZroute``).

    RULES.md "Z-route": the gemeente reports the completion after the eindgesprek — so the
    eindgesprek must have taken place and the completion cannot lie before it. The eindgesprek
    is that of the Z-route itself (not the MAP's: DUO's contract does not link the two).
    DOMAIN.md "Rules with numbers": completion belongs to the zelfredzaamheidsroute (leerroute
    Z of the current PIP), which the gemeente holding that PIP reports. A date in the future is
    not a completion (the same rule DUO applies to MAP and PVT dates). The order with PVT and
    MAP: :func:`zroute_volgorde_fouten`.
    Bron: RULES.md "Z-route"; DOMAIN.md "Rules with numbers" (Z-route).
    Status: duo
    """
    f: dict[str, str] = {}
    if not gemeente_heeft_huidig_pip:
        f["__all__"] = (
            "Uw gemeente heeft niet het huidige PIP van deze inburgeraar. Daarom "
            "kunt u de afronding van de Z-route niet doorgeven."
        )
    elif leerroute != Leerroute.Z:
        f["__all__"] = "Deze inburgeraar volgt de Z-route niet volgens het huidige PIP."
    if datum is None:
        f["datum"] = "Vul de datum in waarop de Z-route is afgerond."
    elif datum > vandaag:
        f["datum"] = "De datum mag niet in de toekomst liggen."
    elif eindgesprek_op is None:
        f["datum"] = "De Z-route is pas af na het eindgesprek. Dat eindgesprek is er nog niet."
    elif datum < eindgesprek_op:
        f["datum"] = (
            f"De Z-route kan niet eerder af zijn dan het eindgesprek "
            f"({datum_voluit(eindgesprek_op)})."
        )
    return f


def zroute_volgorde_fouten(
    datum: date | None, *, pvt_datum: date | None, map_datum: date | None
) -> dict[str, str]:
    """The order of the reports that make up the plicht of a Z-route person (leerroute + PVT +
    MAP): the Z-route completion goes to DUO only AFTER DUO accepted the PVT and the MAP date,
    and not on a day before either of them.

    Koers' own order, not a refusal DUO states for ``PUT .../zroute``: DUO would accept the
    completion without PVT and MAP (RULES.md "Z-route" only asks for the eindgesprek). Koers
    holds it back because of DUO's rules for MAP and PVT: once a Z-route completion is
    registered, DUO refuses a MAP/PVT date after the completion date, refuses an empty date
    (so also 'verwijtbaar' without a date), and refuses everything when the plicht is met via
    the Z-route. Reporting the completion first would shut out the PVT or MAP for good, and
    the person could no longer meet that part of the plicht at DUO. ``pvt_datum`` and
    ``map_datum`` are the dates DUO accepted (``None``: none accepted yet, also when only
    'verwijtbaar' without a date was reported).
    Bron: RULES.md "MAP and PVT" (date not after the Z-route completion date; an empty date
    only while no Z-route completion is registered; the plicht not already met via Z-route);
    afgeleid — the order itself is Koers' consequence of these rules, not a DUO rule.
    Status: duo
    """
    f: dict[str, str] = {}
    ontbreekt = [
        naam
        for naam, d in (
            ("de participatieverklaring (PVT)", pvt_datum),
            ("het eindgesprek van de MAP", map_datum),
        )
        if d is None
    ]
    if ontbreekt:
        f["__all__"] = (
            "Meld de Z-route pas af als DUO de datum van "
            + " en ".join(ontbreekt)
            + " heeft verwerkt. Anders weigert DUO die "
            "datum later."
        )
        return f
    assert pvt_datum is not None and map_datum is not None
    laatste = max(pvt_datum, map_datum)
    if datum is not None and datum < laatste:
        f["datum"] = (
            f"De Z-route kan niet eerder af zijn dan de datum van PVT en MAP bij DUO "
            f"({datum_voluit(laatste)})."
        )
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
    running total, which neither RULES.md nor the API forbids. ``doelgroep`` is the
    doelgroepindeling (DUO's Doelgroep.indeling), not the detailed doelgroep.
    Bron: RULES.md "Gevolgde uren"; DUO API GevolgdeUren (schemas TaallesEnKnmBredeIntake,
    ParticipatieactiviteitenBredeIntake, ParticipatieAlsTaalles).
    Status: duo
    """
    f: dict[str, str] = {}
    if soort not in UrenSoort.__members__.values():
        f["soort"] = "Kies welke uren u doorgeeft."
        return f
    if isinstance(uren, bool) or not isinstance(uren, int):
        f["uren"] = "Geef de uren door in hele uren."
    elif not UREN_MIN <= uren <= UREN_MAX:
        f["uren"] = f"Vul een aantal uren in van {UREN_MIN} tot en met {UREN_MAX}."
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


def is_taalschakeltraject(leerroute: str | None, instelling: Instelling | None) -> bool:
    """An aanbod is a taalschakeltraject when the person follows the onderwijsroute and the
    instelling is a recognised taalschakelinstelling (TST).

    Reading of RULES.md "Inburgeringsaanbod": the TST keurmerk only counts in the onderwijsroute,
    so there an aanbod at a TST instelling is the taalschakeltraject (also when the instelling
    holds the Blik op Werk keurmerk too: DUO cannot tell which of the two is meant, so Koers
    applies the stricter taalschakeltraject rules).
    Bron: RULES.md "Inburgeringsaanbod"; DUO API Inburgeringsaanbod, schema Instelling
    (indicatieTstKeurmerk).
    Status: duo
    """
    return leerroute == Leerroute.O and instelling is not None and instelling.tst_keurmerk


def instelling_fouten(leerroute: str | None, instelling: Instelling | None) -> dict[str, str]:
    """The instelling of an inburgeringsaanbod: known to DUO as holder of the Blik op Werk
    keurmerk, or, when the person follows the onderwijsroute, as recognised
    taalschakelinstelling (TST). Koers also uses it to list the instellingen an adviseur may
    choose (koers.leerroute.services).

    Bron: RULES.md "Inburgeringsaanbod"; DUO API Inburgeringsaanbod, schema Instelling
    (indicatieBowKeurmerk, indicatieTstKeurmerk).
    Status: duo
    """
    if instelling is None:
        return {"instellingsnummer": "DUO kent deze instelling niet met een keurmerk."}
    if instelling.bow_keurmerk or (leerroute == Leerroute.O and instelling.tst_keurmerk):
        return {}
    return {
        "instellingsnummer": (
            "Deze instelling heeft geen keurmerk van Blik op Werk. Bij de onderwijsroute mag "
            "het ook een erkende taalschakelinstelling zijn."
            if leerroute != Leerroute.O
            else "Deze instelling heeft geen keurmerk van Blik op Werk en is geen erkende "
            "taalschakelinstelling."
        )
    }


def inburgeringsaanbod_fouten(
    aanbod: Aanbod,
    *,
    doelgroep: str,
    leerroute: str | None,
    huidige_pip_dagtekening: date | None,
    instelling: Instelling | None,
    termijn_start: date | None,
    termijn_eind: date | None,
    cursus_einddatums: tuple[date, ...] = (),
) -> dict[str, str]:
    """The rules for ``POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}``.

    RULES.md "Inburgeringsaanbod": only for asielmigranten with a PIP; the instelling known to
    DUO as Blik op Werk-keurmerk holder, or as recognised TST when the person follows the
    onderwijsroute; no date before the current PIP's dagtekening; the start of a
    taalschakeltraject (:func:`is_taalschakeltraject`) not before the end of the person's course
    nor before the offer date; course and taalschakeltraject dates within the
    inburgeringstermijn. One offer per instelling: a new report replaces the old one, so that
    is no refusal. The schema's value set for the alfabetisering indicator: A, AA, NVT.

    What the fields mean (API Inburgeringsaanbod, schema Inburgeringsaanbod):
    ``datumInburgeringsaanbod`` is the inschrijfdatum at the instelling and, for the B1- and
    the Z-route, also the start of the language lessons and KNM — so there it is a course date
    and must lie within the termijn; ``verwachteStartdatumOpleiding`` is the start of the
    course or opleiding (inclusive); ``verwachteEinddatumOpleiding`` its expected end
    (exclusive), like the termijn's ``einddatum`` (API Inburgeringstermijn): a date lies within
    the termijn when ``termijn_start <= d < termijn_eind``, an exclusive end when
    ``termijn_start <= d <= termijn_eind``.

    ``cursus_einddatums``: the (exclusive) end dates of the person's other aanbod — the course
    a taalschakeltraject follows. A taalschakeltraject may start on such an end date.

    DUO has no rule that a course starts on or after the offer date outside a
    taalschakeltraject, nor that the end lies after the start: those are not refusals here
    (the second is Koers' own input check, koers.leerroute.rules.aanbod_invoer_fouten).

    Bron: RULES.md "Inburgeringsaanbod"; DUO API Inburgeringsaanbod (schema
    Inburgeringsaanbod); DUO API Inburgeringstermijn (einddatum exclusief).
    Status: duo
    """
    f: dict[str, str] = {}
    if not is_asielmigrant(doelgroep):
        f["__all__"] = "Een inburgeringsaanbod is alleen voor asielstatushouders."
    elif huidige_pip_dagtekening is None or leerroute is None:
        f["__all__"] = "Stel eerst het PIP vast. Het inburgeringsaanbod hoort bij het PIP."

    nummer = aanbod.instellingsnummer or ""
    if len(nummer) != INSTELLINGSNUMMER_LENGTE:
        f["instellingsnummer"] = (
            f"Het instellingsnummer van DUO heeft {INSTELLINGSNUMMER_LENGTE} tekens."
        )
    else:
        f.update(instelling_fouten(leerroute, instelling))
    if aanbod.indicator_alfabetiseringsonderwijs not in ("A", "AA", "NVT"):
        f["indicator_alfabetiseringsonderwijs"] = "Kies A, AA of NVT bij alfabetisering."

    aanbod_op = aanbod.datum_inburgeringsaanbod
    start = aanbod.verwachte_startdatum_opleiding
    eind = aanbod.verwachte_einddatum_opleiding
    # (field, date, must lie within the termijn, end exclusive)
    velden = (
        ("datum_inburgeringsaanbod", aanbod_op, leerroute in (Leerroute.B, Leerroute.Z), False),
        ("verwachte_startdatum_opleiding", start, True, False),
        ("verwachte_einddatum_opleiding", eind, True, True),
    )
    for veld, d, in_termijn, exclusief in velden:
        if d is None:
            continue
        if huidige_pip_dagtekening is not None and d < huidige_pip_dagtekening:
            f[veld] = (
                f"Kies een datum op of na de dagtekening van het huidige PIP "
                f"({datum_voluit(huidige_pip_dagtekening)})."
            )
        elif in_termijn and termijn_start is not None and d < termijn_start:
            f[veld] = (
                f"Kies een datum op of na de start van de inburgeringstermijn "
                f"({datum_voluit(termijn_start)})."
            )
        elif (
            in_termijn
            and termijn_eind is not None
            and (d > termijn_eind if exclusief else d >= termijn_eind)
        ):
            # An exclusive end may equal the termijn's (exclusive) einddatum: the last lesson
            # day (what the adviseur enters, duo_einddatum) is then the
            # termijn's last day.
            f[veld] = (
                "Deze datum ligt na het einde van de inburgeringstermijn. "
                + ("De laatste lesdag" if exclusief else "De datum")
                + f" mag uiterlijk {datum_voluit(termijn_laatste_dag(termijn_eind))} zijn."
            )
        if veld == "datum_inburgeringsaanbod" and "termijn" in f.get(veld, ""):
            f[veld] += " In de B1-route en de Z-route is dit ook de eerste lesdag."
    if (
        is_taalschakeltraject(leerroute, instelling)
        and start is not None
        and "verwachte_startdatum_opleiding" not in f
    ):
        if aanbod_op is not None and start < aanbod_op:
            f["verwachte_startdatum_opleiding"] = (
                "Het taalschakeltraject kan niet starten voor de datum van het inburgeringsaanbod."
            )
        elif cursus_einddatums and start < max(cursus_einddatums):
            f["verwachte_startdatum_opleiding"] = (
                f"Het taalschakeltraject kan pas starten als de cursus is afgelopen: op "
                f"{datum_voluit(max(cursus_einddatums))} of later."
            )
    return f


def contactpersoon_fouten(naam: str, email: str, telefoonnummer: str) -> dict[str, str]:
    """The rules for a contactpersoon (API Contactpersoon, schema Contactpersoongegevens; RULES.md
    "Contactpersoon": naam, email and telefoonnummer).

    All three are required; naam at most 100 letters, spaces, apostrophes, dots and dashes;
    email 4-241 characters; telefoonnummer 3-22 characters in the schema's pattern (digits,
    an optional leading +, single spaces or dashes, an optional extension after a comma).

    Bron: RULES.md "Contactpersoon"; DUO API Contactpersoon, schema Contactpersoongegevens.
    Status: duo
    """
    f: dict[str, str] = {}
    naam = naam or ""
    if not naam.strip():
        f["naam"] = "Vul de naam van de contactpersoon in."
    elif len(naam) > NAAM_MAX or not all(
        c.isalpha() or c in NAAM_LEESTEKENS or _is_streepje(c) for c in naam
    ):
        f["naam"] = (
            f"De naam heeft hoogstens {NAAM_MAX} tekens: letters, spaties, punten, "
            "apostroffen en streepjes."
        )
    email = email or ""
    if not email:
        f["email"] = "Vul het e-mailadres van de contactpersoon in."
    elif not EMAIL_MIN <= len(email) <= EMAIL_MAX:
        f["email"] = f"Het e-mailadres heeft {EMAIL_MIN} tot {EMAIL_MAX} tekens."
    telefoon = telefoonnummer or ""
    if not telefoon:
        f["telefoonnummer"] = "Vul het telefoonnummer van de contactpersoon in."
    elif not (TELEFOON_MIN <= len(telefoon) <= TELEFOON_MAX and TELEFOON_PATROON.match(telefoon)):
        f["telefoonnummer"] = (
            "Dit telefoonnummer kent DUO niet. Gebruik cijfers, eventueel "
            "met + aan het begin, bijvoorbeeld 0495 575 000."
        )
    return f


def _is_streepje(c: str) -> bool:
    """Unicode category Pd (dash punctuation), as \\p{Pd} in DUO's pattern."""
    return unicodedata.category(c) == "Pd"


def duo_einddatum(laatste_lesdag: date | None) -> date | None:
    """DUO's ``verwachteEinddatumOpleiding`` for the last lesson day Koers records.

    Koers asks and shows the last day of the course (inclusive, "tot en met"), as an adviseur
    and an instelling read an end date; DUO's field is "de datum die het einde van de periode
    aangeeft (exclusief)": the day after. Every date of an aanbod goes to DUO through this one
    function, so the two can never drift apart.
    Bron: DUO API Inburgeringsaanbod, schema Inburgeringsaanbod (verwachteEinddatumOpleiding:
    "einde van de periode (exclusief)").
    Status: duo
    """
    return laatste_lesdag + timedelta(days=1) if laatste_lesdag is not None else None


# -- notifications from DUO ----------------------------------------------------------------

NEDERLAND = ZoneInfo("Europe/Amsterdam")
REGISTRATIE_MAX_VOORUIT_MINUTEN = 5  # P: clock drift between DUO and Koers we tolerate


def registratie_fout(
    moment: datetime,
    *,
    nu: datetime,
    max_vooruit: timedelta = timedelta(minutes=REGISTRATIE_MAX_VOORUIT_MINUTEN),
) -> str | None:
    """Why a notification's ``registratieDatumTijd`` cannot be true, or None when it can.

    ``moment`` and ``nu`` are timezone-aware. DUO registers events of the Wet inburgering
    2021, which applies from 1 January 2022 (Dutch time): an earlier moment is no event of this
    law. A moment later than ``nu`` plus a few minutes of clock drift has not happened yet:
    stored, it would count as newer than every real event of the person and win over them. A
    moment that has no UTC equivalent (year 1 or 9999 with an offset) cannot be stored at all.
    Bron: Wet inburgering 2021, art. 49 (inwerkingtreding 1 januari 2022); DUO API Notificatie,
    schema Notificatie.registratieDatumTijd ("moment van registratie bij DUO", so never in
    the future).
    Status: wet (ondergrens); P — KOERS_DUO_REGISTRATIE_MAX_VOORUIT_MINUTEN, default 5
    (bovengrens); techniek (buiten het bereik van de database).
    """
    try:
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return "registratieDatumTijd ligt buiten de datums die Koers kan bewaren."
    start = datetime(
        WET_INBURGERING_START.year,
        WET_INBURGERING_START.month,
        WET_INBURGERING_START.day,
        tzinfo=NEDERLAND,
    )
    if utc < start:
        return (
            "registratieDatumTijd ligt voor 1 januari 2022, de start van de Wet inburgering 2021."
        )
    if utc > nu.astimezone(UTC) + max_vooruit:
        return "registratieDatumTijd ligt in de toekomst."
    return None
