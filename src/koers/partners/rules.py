"""Rules of the ketenpartners: the tasks of the startnotitie's table "Overzicht
schaal van samenwerking", who carries them out, which parts of a case a partner needs for a
task, and the flow of a referral (verwijzing). Plain functions and constants, no Django.

Sources: startnotitie §4.2.1 (the table), §6.3-§6.11 (the tasks), §6.10 (keurmerk Blik op
Werk), §7.5 (COA). "P" marks a choice of Koers (project policy), not of the law.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class Taak(StrEnum):
    """The rows of "Overzicht schaal van samenwerking" (startnotitie §4.2.1), in its order."""

    BREDE_INTAKE = "brede_intake"
    PIP = "pip"
    MONITORING = "monitoring"
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding"
    B1_ROUTE = "b1_route"
    ONDERWIJSROUTE = "onderwijsroute"
    Z_ROUTE = "z_route"
    MAP = "map"
    PVT = "pvt"
    ONTZORGEN = "ontzorgen"
    BEGELEIDING_NAAR_WERK = "begeleiding_naar_werk"
    HANDHAVING = "handhaving"


TAAK_NAMEN: dict[Taak, str] = {
    Taak.BREDE_INTAKE: "Brede intake (met leerbaarheidstoets)",
    Taak.PIP: "Plan Inburgering en Participatie (PIP)",
    Taak.MONITORING: "Monitoring",
    Taak.MAATSCHAPPELIJKE_BEGELEIDING: "Maatschappelijke begeleiding",
    Taak.B1_ROUTE: "B1-route, met KNM",
    Taak.ONDERWIJSROUTE: "Onderwijsroute, met KNM",
    Taak.Z_ROUTE: "Z-route, met KNM",
    Taak.MAP: "Module Arbeidsmarkt en Participatie (MAP)",
    Taak.PVT: "Participatieverklaringstraject (PVT)",
    Taak.ONTZORGEN: "(Financieel) ontzorgen en financiële zelfredzaamheid",
    Taak.BEGELEIDING_NAAR_WERK: "Begeleiding naar werk",
    Taak.HANDHAVING: "Handhaving resultaat- en inspanningsverplichting",
}


class Schaal(StrEnum):
    REGIONAAL = "regionaal"  # the arbeidsmarktregio Midden-Limburg
    SUBREGIONAAL = "subregionaal"  # Cranendonck, Nederweert and Weert
    LOKAAL = "lokaal"


SCHAAL_NAMEN: dict[Schaal, str] = {
    Schaal.REGIONAAL: "Regionaal",
    Schaal.SUBREGIONAAL: "Subregionaal",
    Schaal.LOKAAL: "Lokaal",
}

GEMEENTE = "gemeente"  # the gemeente carries out the task itself


# The table as the startnotitie fills it (§4.2.1): for each task the scale at which it is
# carried out, who carries it out (an Organisatie.Soort value, or the gemeente itself) and
# the text of the table. Where a row names more than one scale, the scale of the "uitvoering"
# is taken; "met lokale partners" for maatschappelijke begeleiding is VluchtelingenWerk in
# the current practice (P), the routes go to the contracted taalaanbieder (P), the PVT is
# carried out locally with VluchtelingenWerk (P).
STARTNOTITIE: dict[Taak, tuple[Schaal, str, str]] = {
    Taak.BREDE_INTAKE: (
        Schaal.LOKAAL,
        GEMEENTE,
        "Formats en werkprocessen uit de pilot in de subregio; de regio mag ze "
        "overnemen. Uitvoering gebeurt lokaal.",
    ),
    Taak.PIP: (
        Schaal.LOKAAL,
        GEMEENTE,
        "Formats en werkprocessen uit de pilot in de subregio; de regio mag ze "
        "overnemen. Uitvoering gebeurt lokaal.",
    ),
    Taak.MONITORING: (Schaal.LOKAAL, GEMEENTE, "Uitvoering gebeurt lokaal."),
    Taak.MAATSCHAPPELIJKE_BEGELEIDING: (
        Schaal.LOKAAL,
        "vluchtelingenwerk",
        "Uitvoering gebeurt met lokale partners.",
    ),
    Taak.B1_ROUTE: (
        Schaal.SUBREGIONAAL,
        "taalaanbieder",
        "De route wordt regionaal aanbesteed en op subregionaal niveau aangeboden.",
    ),
    Taak.ONDERWIJSROUTE: (
        Schaal.REGIONAAL,
        "taalaanbieder",
        "De route wordt regionaal aanbesteed.",
    ),
    Taak.Z_ROUTE: (
        Schaal.SUBREGIONAAL,
        "taalaanbieder",
        "De route wordt ontwikkeld en deels uitgevoerd met partners in de subregio, "
        "in afstemming met lokale partners.",
    ),
    Taak.MAP: (
        Schaal.SUBREGIONAAL,
        "werkkom",
        "De module wordt ontwikkeld en uitgevoerd door Werk.Kom in de subregio.",
    ),
    Taak.PVT: (Schaal.LOKAAL, "vluchtelingenwerk", "Uitvoering gebeurt lokaal."),
    Taak.ONTZORGEN: (Schaal.LOKAAL, GEMEENTE, "Uitvoering gebeurt lokaal."),
    Taak.BEGELEIDING_NAAR_WERK: (
        Schaal.SUBREGIONAAL,
        "werkkom",
        "De begeleiding naar werk wordt in de subregio uitgevoerd door Werk.Kom.",
    ),
    Taak.HANDHAVING: (Schaal.LOKAAL, GEMEENTE, "Uitvoering gebeurt lokaal."),
}

# Tasks the gemeente keeps: the brede intake and the PIP are the college's own steps towards
# a beschikking (Wi2021 art. 14-16), handhaving is a public-law power (Wi2021 art. 29-30),
# monitoring is the regie the law gives the gemeente (startnotitie §4.2.2 "De wet stelt dat
# de gemeenten de regie nemen"), and the ontzorgen payments are bijstand administration
# (Wi2021 art. 17). No referral to a partner for these.
ALLEEN_GEMEENTE: frozenset[Taak] = frozenset(
    {Taak.BREDE_INTAKE, Taak.PIP, Taak.MONITORING, Taak.HANDHAVING, Taak.ONTZORGEN}
)
VERWIJSBAAR: tuple[Taak, ...] = tuple(t for t in Taak if t not in ALLEEN_GEMEENTE)

# The sections of a case (koers.toegang.policy.Sectie values) a partner needs for a task,
# while the referral runs (P, need to know). Never "gezondheid", "ontzorgen",
# "berichten" or "documenten": health and finances are special-category data and the
# exchange in Mijn Inburgering is between the inburgeraar and his adviseur. Never the brede
# intake ("intake", "intake_werk") either: it is the college's own document towards the PIP
# (Wi2021 art. 14-16) and holds family, health and network answers. Name/BSN ("naam") and
# the referral itself ("verwijzingen") always. Contact details ("personalia") only for tasks
# with home visits or lessons the partner plans himself, together with the traject's status,
# adviseur and inburgeringstermijn ("traject") within which he plans his part (the API
# returns personalia and traject in one answer).
NAAM = "naam"
CONTACT = frozenset({NAAM, "personalia", "traject"})
VERWIJZINGEN = "verwijzingen"
TAAK_SECTIES: dict[Taak, frozenset[str]] = {
    Taak.MAATSCHAPPELIJKE_BEGELEIDING: CONTACT | {VERWIJZINGEN, "begeleiding"},
    Taak.B1_ROUTE: CONTACT | {VERWIJZINGEN, "leerroute"},
    Taak.ONDERWIJSROUTE: CONTACT | {VERWIJZINGEN, "leerroute"},
    Taak.Z_ROUTE: CONTACT | {VERWIJZINGEN, "leerroute"},
    Taak.MAP: frozenset({NAAM, VERWIJZINGEN, "modules"}),
    Taak.PVT: frozenset({NAAM, VERWIJZINGEN, "modules"}),
    Taak.BEGELEIDING_NAAR_WERK: CONTACT | {VERWIJZINGEN, "modules", "begeleiding"},
    # The gemeente's own tasks: nothing for a partner (they cannot be referred).
    Taak.BREDE_INTAKE: frozenset(),
    Taak.PIP: frozenset(),
    Taak.MONITORING: frozenset(),
    Taak.HANDHAVING: frozenset(),
    Taak.ONTZORGEN: frozenset(),
}
NOOIT_VOOR_PARTNER = frozenset(
    {"gezondheid", "ontzorgen", "berichten", "documenten", "intake", "intake_werk"}
)
# The tasks towards work for which the referral itself (its page and its API answer, never
# the brede intake) shows the partner the intake topics about work
# (koers.intake.rules.WERK_ONDERWERPEN), as agreed for ketenpartners: "Werk.Kom: MAP, work,
# relevant intake topics — never health" (P).
WERK_INTAKE_TAKEN: frozenset[Taak] = frozenset({Taak.MAP, Taak.BEGELEIDING_NAAR_WERK})

# The partner kinds that may carry out a task (Organisatie.Soort values). "overig" may do
# what the gemeente contracts it for (P).
PARTNER_SOORTEN: dict[Taak, frozenset[str]] = {
    Taak.MAATSCHAPPELIJKE_BEGELEIDING: frozenset({"vluchtelingenwerk", "amw", "coa", "overig"}),
    Taak.B1_ROUTE: frozenset({"taalaanbieder"}),
    Taak.ONDERWIJSROUTE: frozenset({"taalaanbieder", "overig"}),
    Taak.Z_ROUTE: frozenset({"taalaanbieder", "bibliotheek", "vluchtelingenwerk", "overig"}),
    Taak.MAP: frozenset({"werkkom", "overig"}),
    Taak.PVT: frozenset({"vluchtelingenwerk", "bibliotheek", "overig"}),
    Taak.BEGELEIDING_NAAR_WERK: frozenset({"werkkom", "overig"}),
}

# "De gemeenten zijn verplicht om een inburgeringscursus aan te bieden met het Keurmerk Blik
# op Werk Inburgeren" (startnotitie §6.10, B1-route); the Z-route is bought with the same
# requirement (P).
KEURMERK_VEREIST: frozenset[Taak] = frozenset({Taak.B1_ROUTE, Taak.Z_ROUTE})
KEURMERK_NAAM = "Keurmerk Blik op Werk Inburgeren"


def secties_voor_taken(taken) -> frozenset[str]:
    """The sections of a case a partner may see for his running referrals on it.

    Bron: AVG art. 5 lid 1 sub c (minimale gegevensverwerking); startnotitie §4.2.1.
    Status: wet; welke taak welke secties nodig heeft is P — geen instelling.
    """
    uit: set[str] = set()
    for taak in taken:
        uit |= TAAK_SECTIES.get(Taak(taak), frozenset())
    return frozenset(uit - NOOIT_VOOR_PARTNER)


# --- the referral ---------------------------------------------------------------------------


class Status(StrEnum):
    AANGEBODEN = "aangeboden"
    GEACCEPTEERD = "geaccepteerd"
    AFGEWEZEN = "afgewezen"
    LOPEND = "lopend"
    AFGESLOTEN = "afgesloten"


STATUS_NAMEN: dict[Status, str] = {
    Status.AANGEBODEN: "Aangeboden",
    Status.GEACCEPTEERD: "Geaccepteerd",
    Status.AFGEWEZEN: "Afgewezen",
    Status.LOPEND: "Lopend",
    Status.AFGESLOTEN: "Afgesloten",
}

# A referral "runs" once the partner accepted it until it is closed: only then does the
# partner reach the case (P). An offered referral shows the partner the name and the
# question in his list, no more: enough to accept or decline.
LOPEND: frozenset[Status] = frozenset({Status.GEACCEPTEERD, Status.LOPEND})
OPEN: frozenset[Status] = frozenset({Status.AANGEBODEN, Status.GEACCEPTEERD, Status.LOPEND})

OVERGANGEN: dict[Status, frozenset[Status]] = {
    Status.AANGEBODEN: frozenset({Status.GEACCEPTEERD, Status.AFGEWEZEN, Status.AFGESLOTEN}),
    Status.GEACCEPTEERD: frozenset({Status.LOPEND, Status.AFGESLOTEN}),
    Status.LOPEND: frozenset({Status.LOPEND, Status.AFGESLOTEN}),
    Status.AFGEWEZEN: frozenset(),
    Status.AFGESLOTEN: frozenset(),
}


class Resultaat(StrEnum):
    BEHAALD = "behaald"
    DEELS = "deels"
    NIET_BEHAALD = "niet_behaald"
    GESTOPT = "gestopt"
    INGETROKKEN = "ingetrokken"  # the gemeente took the referral back


RESULTAAT_NAMEN: dict[Resultaat, str] = {
    Resultaat.BEHAALD: "Doel behaald",
    Resultaat.DEELS: "Doel deels behaald",
    Resultaat.NIET_BEHAALD: "Doel niet behaald",
    Resultaat.GESTOPT: "Gestopt",
    Resultaat.INGETROKKEN: "Ingetrokken door de gemeente",
}

# Limits of a progress report (P): a report covers at most a month of work.
MAX_UREN_PER_RAPPORTAGE = Decimal("200")
MAX_AFSPRAKEN_PER_RAPPORTAGE = 100


def overgang_fout(huidig: str, nieuw: str) -> str | None:
    """Why a referral cannot go from ``huidig`` to ``nieuw`` (None: it can).

    Bron: verloop van een verwijzing.
    Status: techniek
    """
    if Status(nieuw) in OVERGANGEN[Status(huidig)]:
        return None
    if huidig == Status.AFGEWEZEN:
        return "Deze verwijzing is afgewezen. Maak zo nodig een nieuwe verwijzing."
    if huidig == Status.AFGESLOTEN:
        return "Deze verwijzing is afgesloten. U kunt er niets meer aan veranderen."
    if huidig == Status.AANGEBODEN:
        return "Accepteer de verwijzing eerst."
    return "Deze stap kan niet bij een verwijzing die al loopt."


def verwijs_fouten(
    taak: str, partner_soort: str, heeft_keurmerk: bool, heeft_open_verwijzing: bool
) -> dict[str, str]:
    """Why the gemeente cannot refer a case to this partner for this task.

    Bron: startnotitie §4.2.1 en §6.10 (keurmerk Blik op Werk).
    Status: P — Taakverdeling (beheer: Taakverdeling).
    """
    if taak not in {t.value for t in Taak}:
        return {"taak": "Kies een taak."}
    t = Taak(taak)
    if t in ALLEEN_GEMEENTE:
        return {
            "taak": "Deze taak voert de gemeente zelf uit. U kunt hiervoor niet "
            "verwijzen naar een ketenpartner."
        }
    if partner_soort not in PARTNER_SOORTEN[t]:
        return {
            "organisatie": "Deze organisatie voert deze taak niet uit. Kies een andere organisatie."
        }
    if t in KEURMERK_VEREIST and not heeft_keurmerk:
        return {
            "organisatie": f"Voor de {TAAK_NAMEN[t]} moet de taalaanbieder het "
            f"{KEURMERK_NAAM} hebben."
        }
    if heeft_open_verwijzing:
        return {"taak": "Er loopt al een verwijzing voor deze taak. Sluit die eerst af."}
    return {}


def voortgang_fouten(
    uren: Decimal | None, gepland: int | None, aanwezig: int | None
) -> dict[str, str]:
    """A progress report: hours 0..200, attendance at most the planned appointments.

    Bron: controle op invoer.
    Status: techniek
    """
    fouten = {}
    if uren is not None and not Decimal("0") <= uren <= MAX_UREN_PER_RAPPORTAGE:
        fouten["uren"] = f"Vul 0 tot en met {MAX_UREN_PER_RAPPORTAGE} uur in."
    if gepland is not None and not 0 <= gepland <= MAX_AFSPRAKEN_PER_RAPPORTAGE:
        fouten["afspraken_gepland"] = (
            f"Vul 0 tot en met {MAX_AFSPRAKEN_PER_RAPPORTAGE} afspraken in."
        )
    if aanwezig is not None:
        if aanwezig < 0:
            fouten["afspraken_aanwezig"] = "Het aantal kan niet negatief zijn."
        elif gepland is None:
            fouten["afspraken_gepland"] = "Vul ook in hoeveel afspraken er waren."
        elif aanwezig > gepland and "afspraken_gepland" not in fouten:
            fouten["afspraken_aanwezig"] = (
                "Er kunnen niet meer afspraken bijgewoond zijn dan er gepland waren."
            )
    return fouten


def aanwezigheidspercentage(gepland: int, aanwezig: int) -> int | None:
    """Attended appointments as a whole percentage; None without any planned.

    Bron: rekenregel.
    Status: techniek
    """
    if gepland <= 0:
        return None
    return round(aanwezig * 100 / gepland)
