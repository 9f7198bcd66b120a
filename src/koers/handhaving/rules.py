"""Rules of handhaving by the gemeente, and of DUO's boetes and verlengingen.

Plain functions over plain values; no Django. Sources:

- ``shared/DOMAIN.md`` "Rules with numbers", rows *gemeente boete* (S), *DUO boete after
  overrun (non-asiel)* (S) and *verlenging (DUO decides)* (L, inburgeren.nl);
- the Wet inburgering 2021 (Wi2021): the college may fine an inburgeraar who culpably does not
  take part in the brede intake, the PIP or its parts (startnotitie §6.9: "Eventueel leggen
  wij een boete op bij het verwijtbaar niet nakomen van de verplichtingen");
- the Algemene wet bestuursrecht (Awb): art. 4:8 (hear the person before a burdensome
  decision), art. 5:53 (a boete above €340: the person may give his view first), art. 5:10a
  (cautie before a verhoor aimed at a punitive sanction), art. 5:51 (decide within 13 weeks
  of the rapport), art. 6:7 (bezwaar within six weeks);
- ``shared/duo-m2m/RULES.md`` "Read-only APIs" for the shape of DUO's Boete and Verlenging.

Status letters as in DOMAIN.md: L = law / DUO specification, S = reliable secondary source,
P = local policy (a default the gemeente may change).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from koers.inburgeraars.rules import datum_voluit

# --- the boete of the gemeente ----------------------------------------------------------

# DOMAIN.md "gemeente boete": max €800 per boete, after a written warning (S; Wi2021).
MAX_BOETE_EUR = 800
# DOMAIN.md "gemeente boete": Divosa pattern for not attending the intake: warning → €250 →
# €250 (S). The default amount of a new boete; each gemeente sets its own in the admin
# (model Handhavingsbeleid) — P.
STANDAARD_BOETE_EUR = 250
# Awb art. 6:7: bezwaar within six weeks of the letter (L).
BEZWAARTERMIJN_WEKEN = 6
# Signal: a written warning needs a follow-up decision (a boete, or closing the case without
# one). P: Koers' default, not a number of the law or the startnotitie; four weeks give the
# person time to take part again and the adviseur time to hear him.
WAARSCHUWING_OPVOLGEN_WEKEN = 4


class Verzuim(StrEnum):
    """What the inburgeraar did not do (startnotitie §6.9; Wi2021 duties of the inburgeraar:
    take part in the brede intake, cooperate with the PIP and its parts)."""

    BREDE_INTAKE = "brede_intake"
    PIP = "pip"
    LESSEN = "lessen"
    PVT = "pvt"
    MAP = "map"
    GESPREK = "gesprek"


VERZUIM_NAMEN: dict[str, str] = {
    Verzuim.BREDE_INTAKE: "Niet verschenen bij de brede intake",
    Verzuim.PIP: "Werkt niet mee aan het PIP",
    Verzuim.LESSEN: "Niet naar de lessen",
    Verzuim.PVT: "Niet naar het PVT (participatieverklaringstraject)",
    Verzuim.MAP: "Niet naar de MAP (module arbeidsmarkt en participatie)",
    Verzuim.GESPREK: "Niet verschenen bij een gesprek",
}


def bedrag_fouten(bedrag: int | None, veld: str = "bedrag") -> dict[str, str]:
    """A boete is a whole number of euros above 0 and at most €800 (DOMAIN.md "gemeente
    boete"; Wi2021).

    Bron: DOMAIN.md "gemeente boete" (secundaire bron); het artikel van de Wi2021 met het maximum:
    niet geverifieerd.
    Status: wet
    """
    if bedrag is None:
        return {veld: "Vul het bedrag van de boete in, in hele euro's."}
    if isinstance(bedrag, bool) or not isinstance(bedrag, int):
        return {veld: "Het bedrag is een heel getal: hele euro's, zonder centen."}
    if bedrag <= 0:
        return {veld: "Het bedrag moet meer dan 0 euro zijn."}
    if bedrag > MAX_BOETE_EUR:
        return {veld: f"Een boete is hoogstens {MAX_BOETE_EUR} euro. Dat staat in de wet."}
    return {}


def waarschuwing_fouten(
    *, verzuim_datum: date, waarschuwing_datum: date | None, datum: date, vandaag: date
) -> dict[str, str]:
    """The written warning comes first, once per case, not before what it warns about.

    Bron: startnotitie §6.9 (eerst een schriftelijke waarschuwing; geen wettelijke eis: niet
    geverifieerd).
    Status: startnotitie (geen instelling).
    """
    if waarschuwing_datum is not None:
        return {"__all__": "Er is al een schriftelijke waarschuwing gestuurd in deze zaak."}
    if datum < verzuim_datum:
        return {"datum": "De waarschuwing kan niet eerder zijn dan het verzuim."}
    if datum > vandaag:
        return {"datum": "De datum van de waarschuwing kan niet in de toekomst liggen."}
    return {}


# --- each boete: its own voornemen, zienswijze or hoorzitting, and a decision in time -----


class Route(StrEnum):
    """How the person gives his view on a voornemen (Awb art. 4:8 and 5:53: schriftelijk of
    mondeling)."""

    SCHRIFTELIJK = "schriftelijk"
    HOORZITTING = "hoorzitting"


ROUTE_NAMEN: dict[str, str] = {
    Route.SCHRIFTELIJK: "Schriftelijke zienswijze",
    Route.HOORZITTING: "Hoorzitting (mondeling)",
}

# The voorschrift that was not complied with, proposed per verzuim; the adviseur may correct
# it in the voornemen. Wi2021 art. 14 (brede intake), 15 (PIP) and 16 (PVT, MAP, leerroute)
# as the duties; the gemeente's power to fine is in the Wi2021's handhaving chapter.
# Bron: niet geverifieerd — the article numbers are Koers' reading of the Wi2021 without the
# law text at hand (no wetten.overheid.nl in this environment); the gemeente's jurist checks
# them once, the field stays editable per voornemen.
VOORSCHRIFTEN: dict[str, str] = {
    Verzuim.BREDE_INTAKE: "Wet inburgering 2021, artikel 14 (meewerken aan de brede intake)",
    Verzuim.PIP: "Wet inburgering 2021, artikel 15 (meewerken aan het PIP)",
    Verzuim.LESSEN: "Wet inburgering 2021, artikel 16 (deelnemen aan de leerroute uit het PIP)",
    Verzuim.PVT: "Wet inburgering 2021, artikel 16 (deelnemen aan het PVT uit het PIP)",
    Verzuim.MAP: "Wet inburgering 2021, artikel 16 (deelnemen aan de MAP uit het PIP)",
    Verzuim.GESPREK: "Wet inburgering 2021, artikel 16 (meewerken aan de uitvoering van het "
    "PIP: voortgangsgesprek)",
}
VOORSCHRIFT_MAX = 300

# Awb art. 5:51 lid 1: decide on the boete within 13 weeks of the dagtekening of the rapport
# (here: the voornemen, which holds the rapport). A termijn van orde: passing it does not end
# the power to fine (ABRvS 4-10-2023, ECLI:NL:RVS:2023:3702), so Koers warns, not refuses.
AWB_BESLISTERMIJN_WEKEN = 13
# Signal two weeks before the 13 weeks run out (P: Koers' default, as the PIP signal).
BESLISTERMIJN_SIGNAAL_WEKEN = 2
# Time given for a written zienswijze (P: default of the gemeente setting
# Handhavingsbeleid.zienswijze_weken; the Awb sets no number).
ZIENSWIJZE_WEKEN = 2


def beslissen_uiterlijk(voornemen_datum: date) -> date:
    """The last day to decide on the boete of a voornemen.

    Bron: Awb art. 5:51 lid 1 (binnen dertien weken na de dagtekening van het rapport);
    termijn van orde (ABRvS 4-10-2023, ECLI:NL:RVS:2023:3702, via handhavingsrecht.nl).
    Status: wet
    """
    return voornemen_datum + timedelta(weeks=AWB_BESLISTERMIJN_WEKEN)


def beslistermijn_signaal_vanaf(voornemen_datum: date) -> date:
    """From this day an undecided voornemen is a signal: two weeks before the Awb period ends.

    Bron: Awb art. 5:51 lid 1 (the period); the two weeks are Koers' default.
    Status: P (the horizon only)
    """
    return beslissen_uiterlijk(voornemen_datum) - timedelta(weeks=BESLISTERMIJN_SIGNAAL_WEKEN)


def beslistermijn_signaal_voornemens_tot(vandaag: date) -> date:
    """The latest voornemen date that is a signal today: the inverse of
    :func:`beslistermijn_signaal_vanaf`, so the signal engine can select on an index.

    Bron: Awb art. 5:51 lid 1 (the period); the two weeks are Koers' default.
    Status: P (the horizon only)
    """
    return (
        vandaag
        + timedelta(weeks=BESLISTERMIJN_SIGNAAL_WEKEN)
        - timedelta(weeks=AWB_BESLISTERMIJN_WEKEN)
    )


def cautie_vereist(route: str) -> bool:
    """Whether the person must be told, before he is heard, that he need not answer.

    Bron: Awb art. 5:10a (degene die wordt verhoord met het oog op het aan hem opleggen van
    een bestraffende sanctie; vóór het verhoor wordt medegedeeld dat hij niet verplicht is
    tot antwoorden). A boete is a bestraffende sanctie; a hoorzitting on a voornemen is such a
    verhoor. A written zienswijze is no verhoor.
    Status: wet
    """
    return route == Route.HOORZITTING


def voornemen_fouten(
    *,
    waarschuwing_datum: date | None,
    open_voornemen: bool,
    datum: date | None,
    vandaag: date,
    voorschrift: str,
    bedrag: int | None,
    route: str | None,
    hoorzitting_datum: date | None,
    zienswijze_tot: date | None,
) -> dict[str, str]:
    """A voornemen (the intention to fine, with the rapport) before every boete.

    Bron: Wi2021 (written warning before a boete; DOMAIN.md "gemeente boete"); Awb art. 4:8
    and 5:53 (the person gives his view first, schriftelijk of mondeling); Awb art. 5:9 / 5:53
    (the decision names the voorschrift that was broken — Koers names it already in the
    voornemen, so the person is heard on it).
    Status: wet
    """
    if waarschuwing_datum is None:
        return {
            "__all__": "Stuur eerst een schriftelijke waarschuwing. Pas daarna kan een "
            "voornemen tot een boete."
        }
    if open_voornemen:
        return {
            "__all__": "Er loopt al een voornemen zonder besluit. Neem daar eerst een "
            "besluit over. Elke boete krijgt een eigen voornemen."
        }
    fouten: dict[str, str] = {}
    if datum is not None:
        if datum > vandaag:
            fouten["datum"] = "De datum van het voornemen kan niet in de toekomst liggen."
        elif datum < waarschuwing_datum:
            fouten["datum"] = "Het voornemen kan niet eerder zijn dan de waarschuwing."
    if not voorschrift.strip():
        fouten["voorschrift"] = (
            "Noem het voorschrift dat niet is nageleefd (het artikel van de wet)."
        )
    elif len(voorschrift) > VOORSCHRIFT_MAX:
        fouten["voorschrift"] = f"Dit is te lang: hoogstens {VOORSCHRIFT_MAX} tekens."
    fouten.update(bedrag_fouten(bedrag))
    if route not in Route.__members__.values():
        fouten["route"] = "Kies hoe de inburgeraar zijn zienswijze geeft."
    elif route == Route.HOORZITTING:
        if hoorzitting_datum is None:
            fouten["hoorzitting_datum"] = "Vul de datum van de hoorzitting in."
        elif datum is not None and hoorzitting_datum < datum:
            fouten["hoorzitting_datum"] = "De hoorzitting kan niet eerder zijn dan het voornemen."
    else:
        if zienswijze_tot is None:
            fouten["zienswijze_tot"] = "Vul in tot wanneer de inburgeraar kan reageren."
        elif datum is not None and zienswijze_tot <= datum:
            fouten["zienswijze_tot"] = "De reactietermijn moet na het voornemen eindigen."
    return fouten


def zienswijze_fouten(
    *,
    route: str,
    voornemen_datum: date,
    zienswijze_moment: date | None,
    datum: date | None,
    vandaag: date,
    niet_gereageerd: bool,
    cautie_gegeven: bool,
) -> dict[str, str]:
    """Recording the person's view on a voornemen, or that he did not react or come.

    ``zienswijze_moment`` is the hoorzitting's date or the end of the written term.
    Bron: Awb art. 4:8 / 5:53 (opportunity to give a view); Awb art. 5:10a lid 2 (cautie
    before the verhoor: a hoorzitting without it cannot be recorded as held).
    Status: wet
    """
    fouten: dict[str, str] = {}
    if datum is None:
        return fouten
    if datum > vandaag:
        fouten["datum"] = "De datum kan niet in de toekomst liggen."
    elif datum < voornemen_datum:
        fouten["datum"] = "De datum kan niet eerder zijn dan het voornemen."
    if niet_gereageerd:
        # A written term runs "tot en met" its last day; a hoorzitting is missed on its day.
        if zienswijze_moment is not None and (
            datum <= zienswijze_moment if route == Route.SCHRIFTELIJK else datum < zienswijze_moment
        ):
            wanneer = "na" if route == Route.SCHRIFTELIJK else "op of na"
            fouten["__all__"] = (
                "De inburgeraar kan nog reageren. Leg pas "
                f"{wanneer} {datum_voluit(zienswijze_moment)} vast dat hij niet "
                "reageerde of niet kwam."
            )
        return fouten
    if cautie_vereist(route) and not cautie_gegeven:
        fouten["cautie_gegeven"] = (
            "Vertel de inburgeraar vóór de hoorzitting dat hij geen "
            "antwoord hoeft te geven (cautie, artikel 5:10a Awb). "
            "Bevestig dat u dat hebt gedaan."
        )
    return fouten


def boete_voorstellen(
    *, asielmigrant: bool, uitzonderlijke_onwil: bool, geen_boete_asiel: bool = True
) -> bool:
    """Whether Koers proposes a boete at all.

    By default no boete for asielstatushouders unless the adviseur records exceptional
    unwillingness with a reason. Local policy, not law: after the 2025 rulings of the Raad
    van State on DUO's boetes for asielstatushouders (DOMAIN.md "DUO boete after overrun";
    the rulings concern DUO's boete after the termijn, not the gemeente's boete) a gemeente
    may choose to follow the same line for its own boetes.
    Bron: DOMAIN.md (S); the exact rulings: niet geverifieerd.
    Status: P — gemeente setting Handhavingsbeleid.geen_boete_asielstatushouders.
    """
    if not asielmigrant or not geen_boete_asiel:
        return True
    return uitzonderlijke_onwil


def onwil_fouten(
    *, asielmigrant: bool, reden: str, geen_boete_asiel: bool = True
) -> dict[str, str]:
    """Uitzonderlijke onwil is recorded only where the gemeente's default is no boete.

    Bron: startnotitie §6.9; rechtspraak 2025 over DUO-boetes aan asielstatushouders (DOMAIN.md;
    niet geverifieerd).
    Status: P — Handhavingsbeleid.geen_boete_asielstatushouders (beheer: Handhavingsbeleid).
    """
    if not asielmigrant or not geen_boete_asiel:
        return {
            "__all__": "Uitzonderlijke onwil legt u alleen vast bij een "
            "asielstatushouder als uw gemeente hen in principe geen boete "
            "geeft. Hier kan een boete zonder."
        }
    if not reden.strip():
        return {"reden": "Schrijf op waarom er sprake is van uitzonderlijke onwil."}
    return {}


def boete_fouten(
    *,
    bedrag: int | None,
    datum: date,
    vandaag: date,
    waarschuwing_datum: date | None,
    voornemen_datum: date | None,
    voornemen_bedrag: int | None,
    zienswijze_op: date | None,
    laatste_boete_datum: date | None,
    asielmigrant: bool,
    uitzonderlijke_onwil: bool,
    geen_boete_asiel: bool = True,
) -> dict[str, str]:
    """All rules of a boete-besluit: amount, its own voornemen with the person's view (or his
    silence) recorded, order of the dates, asielstatushouders (P).

    Bron: Wi2021 (warning first, at most €800; DOMAIN.md "gemeente boete"); Awb art. 4:8 and
    5:53 (heard on this boete before the decision); the amount not above the one in the
    voornemen, because the person was heard on that amount (Awb 4:8; Koers' reading).
    Status: wet
    """
    fouten: dict[str, str] = {}
    if not boete_voorstellen(
        asielmigrant=asielmigrant,
        uitzonderlijke_onwil=uitzonderlijke_onwil,
        geen_boete_asiel=geen_boete_asiel,
    ):
        fouten["__all__"] = (
            "Deze inburgeraar is asielstatushouder. Uw gemeente geeft "
            "asielstatushouders in principe geen boete (beleid na uitspraken "
            "van de Raad van State in 2025). Dat kan alleen bij uitzonderlijke "
            "onwil. Leg die eerst vast, met de reden."
        )
        return fouten
    if waarschuwing_datum is None:
        fouten["__all__"] = (
            "Een boete kan pas na een schriftelijke waarschuwing. Stuur eerst een waarschuwing."
        )
        return fouten
    if voornemen_datum is None:
        fouten["__all__"] = (
            "Elke boete heeft een eigen voornemen. Maak eerst een voornemen "
            "en geef de inburgeraar de kans om te reageren."
        )
        return fouten
    if zienswijze_op is None:
        fouten["__all__"] = (
            "Leg eerst de zienswijze vast: wat de inburgeraar zei of schreef, "
            "of dat hij niet reageerde."
        )
        return fouten
    fouten.update(bedrag_fouten(bedrag))
    if (
        "bedrag" not in fouten
        and voornemen_bedrag is not None
        and bedrag is not None
        and bedrag > voornemen_bedrag
    ):
        fouten["bedrag"] = (
            f"Het bedrag kan niet hoger zijn dan in het voornemen "
            f"({voornemen_bedrag} euro). Daarover is de inburgeraar gehoord."
        )
    if datum > vandaag:
        fouten["datum"] = "De datum van het besluit kan niet in de toekomst liggen."
    elif datum < zienswijze_op:
        fouten["datum"] = "Het besluit kan niet eerder zijn dan de zienswijze."
    elif laatste_boete_datum is not None and datum < laatste_boete_datum:
        fouten["datum"] = "Het besluit kan niet eerder zijn dan de vorige boete."
    return fouten


def brief_fouten(*, geen_contact: bool) -> dict[str, str]:
    """No letters to a person with whom all contact has stopped (e.g. DUO's SS111:
    overleden; koers.inburgeraars.models.Inburgeraar.geen_contact).

    Bron: RULES.md SS111 (overleden) en de andere meldingen die het contact beëindigen.
    Status: duo
    """
    if geen_contact:
        return {
            "__all__": "Koers maakt geen brief: met deze inburgeraar is geen contact meer "
            "(bijvoorbeeld omdat hij overleden is). Deze stap kan daarom niet."
        }
    return {}


def waarschuwing_te_laat_opgevolgd(waarschuwing_datum: date) -> date:
    """The day from which a warning without a follow-up decision is a signal (P).

    Bron: startnotitie §6.9.
    Status: P — geen instelling (WAARSCHUWING_OPVOLGEN_WEKEN).
    """
    return waarschuwing_datum + timedelta(weeks=WAARSCHUWING_OPVOLGEN_WEKEN)


def bezwaar_uiterlijk(brief_datum: date) -> date:
    """Awb art. 6:7: six weeks after the date of the letter.

    Bron: Awb art. 6:7 en 6:8 (bezwaartermijn zes weken na de dag van bekendmaking).
    Status: wet
    """
    return brief_datum + timedelta(weeks=BEZWAARTERMIJN_WEKEN)


# --- verlenging of the termijn (DUO decides) -------------------------------------------

# DOMAIN.md "verlenging (DUO decides)" (L, inburgeren.nl): illness of more than 3 months or
# a birth (16 weeks); the request may be made from 2.5 years into the termijn; DUO answers
# within 8 weeks.
VERLENGING_ZIEKTE_MAANDEN = 3
VERLENGING_BEVALLING_WEKEN = 16
VERLENGING_AANVRAAG_NA_MAANDEN = 30  # 2.5 years
DUO_BESLISTERMIJN_WEKEN = 8


@dataclass(frozen=True)
class Verlengingsgrond:
    code: str
    titel: str
    uitleg: str
    route: str  # "aanvraag" (the inburgeraar asks DUO) or "ambtshalve" (DUO on its own)


# Every ground for a verlenging of the inburgeringstermijn.
# Bron: Wi2021 art. 12; Bi2021 art. 4.3 and 4.4; Regeling inburgering 2021 art. 4.1 (the list
# of grounds) and art. 4.2 (niet-vrijstellende opleiding, added by Stcrt. 2022, 33825) —
# article list from rijksoverheid.nl "Verlenging inburgeringstermijn aanvragen"; the grounds'
# conditions from inburgeren.nl "Extra tijd" (ziekte, overlijden familielid, geboorte kind).
# The ambtshalve route: DUO extends on its own (RULES.md event SS103 "termijn extended ex
# officio"); its grounds in Bi2021 art. 4.4: niet geverifieerd (no law text at hand).
# Status: wet (DUO decides; Koers only shows them). DUO's own current list is fetched from
# GET /verlengingsgronden (Inburgeringstermijn API) and shown beside this one.
VERLENGINGSGRONDEN: tuple[Verlengingsgrond, ...] = (
    Verlengingsgrond(
        "ziekte",
        "Ziekte van de inburgeraar",
        f"Langer dan {VERLENGING_ZIEKTE_MAANDEN} maanden ziek, behandeld door een arts in "
        "Nederland, en daardoor niet kunnen inburgeren.",
        "aanvraag",
    ),
    Verlengingsgrond(
        "ziekte_familie",
        "Ziekte van een direct familielid",
        f"Partner, kind, ouder of schoonfamilie daarvan langer dan "
        f"{VERLENGING_ZIEKTE_MAANDEN} maanden ziek, behandeld in Nederland, en daardoor niet "
        "kunnen inburgeren.",
        "aanvraag",
    ),
    Verlengingsgrond(
        "overlijden",
        "Overlijden van een direct familielid",
        "Een direct familielid is overleden tijdens de termijn: 3 maanden extra.",
        "aanvraag",
    ),
    Verlengingsgrond(
        "bevalling",
        "Geboorte van een kind",
        f"De inburgeraar is bevallen tijdens de termijn: {VERLENGING_BEVALLING_WEKEN} weken extra.",
        "aanvraag",
    ),
    Verlengingsgrond(
        "opleiding",
        "Niet-vrijstellende opleiding",
        "Praktijkonderwijs, voortgezet speciaal onderwijs (arbeidsmarkt of dagbesteding) of "
        "een entreeopleiding (mbo 1) gevolgd tijdens de termijn (Regeling art. 4.2).",
        "aanvraag",
    ),
    Verlengingsgrond(
        "ambtshalve",
        "Ambtshalve verlenging door DUO",
        "DUO verlengt de termijn zelf, zonder aanvraag (DUO meldt dit met SS103). Welke "
        "gronden DUO daarvoor gebruikt: niet geverifieerd.",
        "ambtshalve",
    ),
)
VERLENGING_ROUTES: dict[str, str] = {
    "aanvraag": "Op aanvraag van de inburgeraar (vanaf 2,5 jaar na de start van de termijn)",
    "ambtshalve": "Ambtshalve: DUO verlengt zelf",
}


def plus_maanden(datum: date, maanden: int) -> date:
    """The same day ``maanden`` later; the last day of the month when that day is missing.

    Bron: kalenderrekenen.
    Status: techniek
    """
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar, maand = datum.year + jaar, maand + 1
    for dag in (datum.day, 30, 29, 28):
        try:
            return date(jaar, maand, dag)
        except ValueError:
            continue
    raise ValueError(datum)  # pragma: no cover - day 28 always exists


def verlenging_aanvragen_vanaf(termijn_start: date | None) -> date | None:
    """From this day the inburgeraar may ask DUO for a verlenging: 2.5 years into the
    termijn (DOMAIN.md "verlenging").

    Bron: DOMAIN.md "verlenging" (inburgeren.nl "Extra tijd"); het artikel van de Regeling
    inburgering 2021: niet geverifieerd.
    Status: wet
    """
    if termijn_start is None:
        return None
    return plus_maanden(termijn_start, VERLENGING_AANVRAAG_NA_MAANDEN)


def duo_antwoord_uiterlijk(ontvangstdatum: date) -> date:
    """DUO decides on a verlenging within 8 weeks of receiving the request (DOMAIN.md).

    Bron: DOMAIN.md "verlenging" (DUO beslist binnen 8 weken); Awb art. 4:13 lid 2.
    Status: wet
    """
    return ontvangstdatum + timedelta(weeks=DUO_BESLISTERMIJN_WEKEN)


# DUO's values of beoordelingAanvraag (RULES.md "Read-only APIs", Verlenging).
BEOORDELING_NAMEN: dict[str, str] = {
    "Toegekend": "Toegekend",
    "Afgewezen": "Afgewezen",
    "InBehandeling": "In behandeling bij DUO",
}
