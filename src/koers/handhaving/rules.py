"""Rules of handhaving by the gemeente, and of DUO's boetes and verlengingen (issue 4 §10).

Plain functions over plain values; no Django. Sources:

- ``shared/DOMAIN.md`` "Rules with numbers", rows *gemeente boete* (S), *DUO boete after
  overrun (non-asiel)* (S) and *verlenging (DUO decides)* (L, inburgeren.nl);
- the Wet inburgering 2021 (Wi2021): the college may fine an inburgeraar who culpably does not
  take part in the brede intake, the PIP or its parts (startnotitie §6.9: "Eventueel leggen
  wij een boete op bij het verwijtbaar niet nakomen van de verplichtingen");
- the Algemene wet bestuursrecht (Awb): art. 4:8 (hear the person before a burdensome
  decision), art. 5:53 (a boete above €340: the person may give his view first), art. 6:7
  (bezwaar within six weeks);
- ``shared/duo-m2m/RULES.md`` "Read-only APIs" for the shape of DUO's Boete and Verlenging.

Status letters as in DOMAIN.md: L = law / DUO specification, S = reliable secondary source,
P = local policy (a default the gemeente may change).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

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
# one). P: Koers' default, not a number of the law or the startnotitie (issue 4 §10 asks for
# it); four weeks give the person time to take part again and the adviseur time to hear him.
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
    boete"; Wi2021)."""
    if bedrag is None:
        return {veld: "Vul het bedrag van de boete in, in hele euro's."}
    if isinstance(bedrag, bool) or not isinstance(bedrag, int):
        return {veld: "Het bedrag is een heel getal: hele euro's, zonder centen."}
    if bedrag <= 0:
        return {veld: "Het bedrag moet meer dan 0 euro zijn."}
    if bedrag > MAX_BOETE_EUR:
        return {veld: f"Een boete is hoogstens {MAX_BOETE_EUR} euro. Dat staat in de wet."}
    return {}


def waarschuwing_fouten(*, verzuim_datum: date, waarschuwing_datum: date | None,
                        datum: date, vandaag: date) -> dict[str, str]:
    """The written warning comes first, once per case, not before what it warns about."""
    if waarschuwing_datum is not None:
        return {"__all__": "Er is al een schriftelijke waarschuwing gestuurd in deze zaak."}
    if datum < verzuim_datum:
        return {"datum": "De waarschuwing kan niet eerder zijn dan het verzuim."}
    if datum > vandaag:
        return {"datum": "De datum van de waarschuwing kan niet in de toekomst liggen."}
    return {}


def hoorzitting_fouten(*, waarschuwing_datum: date | None, verslag_vastgelegd: bool,
                       datum: date) -> dict[str, str]:
    """The hoorzitting follows the written warning (DOMAIN.md "gemeente boete"), and comes
    before the boete-besluit (Awb art. 4:8 and 5:53: hear the person first)."""
    if waarschuwing_datum is None:
        return {"__all__": "Stuur eerst een schriftelijke waarschuwing. Daarna kunt u een "
                           "hoorzitting plannen."}
    if verslag_vastgelegd:
        return {"__all__": "De hoorzitting is al geweest: het verslag is vastgelegd."}
    if datum < waarschuwing_datum:
        return {"datum": "De hoorzitting kan niet eerder zijn dan de waarschuwing."}
    return {}


def verslag_fouten(*, hoorzitting_datum: date | None, vandaag: date) -> dict[str, str]:
    if hoorzitting_datum is None:
        return {"__all__": "Plan eerst de hoorzitting."}
    if hoorzitting_datum > vandaag:
        return {"__all__": "De hoorzitting is nog niet geweest. Leg het verslag vast na de "
                           "hoorzitting."}
    return {}


def boete_voorstellen(*, asielmigrant: bool, uitzonderlijke_onwil: bool) -> bool:
    """Whether Koers proposes a boete at all. Since 2025 case law, assume **no** boete for
    asielstatushouders (DOMAIN.md "DUO boete after overrun", S); the adviseur may still fine
    in a case of exceptional unwillingness that he records with a reason."""
    return not asielmigrant or uitzonderlijke_onwil


def onwil_fouten(*, asielmigrant: bool, reden: str) -> dict[str, str]:
    if not asielmigrant:
        return {"__all__": "Uitzonderlijke onwil legt u alleen vast bij een "
                           "asielstatushouder. Bij andere inburgeraars kan een boete zonder."}
    if not reden.strip():
        return {"reden": "Schrijf op waarom er sprake is van uitzonderlijke onwil."}
    return {}


def boete_fouten(*, bedrag: int | None, datum: date, vandaag: date,
                 waarschuwing_datum: date | None, hoorzitting_datum: date | None,
                 laatste_boete_datum: date | None, asielmigrant: bool,
                 uitzonderlijke_onwil: bool) -> dict[str, str]:
    """All rules of a boete-besluit: amount, order of the steps, asielstatushouders."""
    fouten: dict[str, str] = {}
    if not boete_voorstellen(asielmigrant=asielmigrant,
                             uitzonderlijke_onwil=uitzonderlijke_onwil):
        fouten["__all__"] = ("Deze inburgeraar is asielstatushouder. Sinds uitspraken van "
                             "rechters in 2025 krijgen asielstatushouders in principe geen "
                             "boete. Dat kan alleen bij uitzonderlijke onwil. Leg die eerst "
                             "vast, met de reden.")
        return fouten
    if waarschuwing_datum is None:
        fouten["__all__"] = ("Een boete kan pas na een schriftelijke waarschuwing. Stuur "
                             "eerst een waarschuwing.")
        return fouten
    if hoorzitting_datum is None:
        fouten["__all__"] = ("Bied eerst een hoorzitting aan. De inburgeraar mag vertellen "
                             "wat hij ervan vindt voordat u besluit.")
        return fouten
    fouten.update(bedrag_fouten(bedrag))
    if datum > vandaag:
        fouten["datum"] = "De datum van het besluit kan niet in de toekomst liggen."
    elif datum < waarschuwing_datum:
        fouten["datum"] = "Het besluit kan niet eerder zijn dan de waarschuwing."
    elif datum < hoorzitting_datum:
        fouten["datum"] = "Het besluit kan niet eerder zijn dan de hoorzitting."
    elif laatste_boete_datum is not None and datum < laatste_boete_datum:
        fouten["datum"] = "Het besluit kan niet eerder zijn dan de vorige boete."
    return fouten


def brief_fouten(*, geen_contact: bool) -> dict[str, str]:
    """No letters to a person with whom all contact has stopped (e.g. DUO's SS111:
    overleden; koers.inburgeraars.models.Inburgeraar.geen_contact)."""
    if geen_contact:
        return {"__all__": "Koers maakt geen brief: met deze inburgeraar is geen contact meer "
                           "(bijvoorbeeld omdat hij overleden is). Deze stap kan daarom niet."}
    return {}


def waarschuwing_te_laat_opgevolgd(waarschuwing_datum: date) -> date:
    """The day from which a warning without a follow-up decision is a signal (P)."""
    return waarschuwing_datum + timedelta(weeks=WAARSCHUWING_OPVOLGEN_WEKEN)


def bezwaar_uiterlijk(brief_datum: date) -> date:
    """Awb art. 6:7: six weeks after the date of the letter."""
    return brief_datum + timedelta(weeks=BEZWAARTERMIJN_WEKEN)


# --- verlenging of the termijn (DUO decides) -------------------------------------------

# DOMAIN.md "verlenging (DUO decides)" (L, inburgeren.nl): illness of more than 3 months or
# a birth (16 weeks); the request may be made from 2.5 years into the termijn; DUO answers
# within 8 weeks.
VERLENGING_ZIEKTE_MAANDEN = 3
VERLENGING_BEVALLING_WEKEN = 16
VERLENGING_AANVRAAG_NA_MAANDEN = 30  # 2.5 years
DUO_BESLISTERMIJN_WEKEN = 8

VERLENGINGSGRONDEN: tuple[str, ...] = (
    f"ziekte of een beperking die langer dan {VERLENGING_ZIEKTE_MAANDEN} maanden duurt",
    f"een bevalling (verlof van {VERLENGING_BEVALLING_WEKEN} weken)",
)


def plus_maanden(datum: date, maanden: int) -> date:
    """The same day ``maanden`` later; the last day of the month when that day is missing."""
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
    termijn (DOMAIN.md "verlenging")."""
    if termijn_start is None:
        return None
    return plus_maanden(termijn_start, VERLENGING_AANVRAAG_NA_MAANDEN)


def duo_antwoord_uiterlijk(ontvangstdatum: date) -> date:
    """DUO decides on a verlenging within 8 weeks of receiving the request (DOMAIN.md)."""
    return ontvangstdatum + timedelta(weeks=DUO_BESLISTERMIJN_WEKEN)


# DUO's values of beoordelingAanvraag (RULES.md "Read-only APIs", Verlenging).
BEOORDELING_NAMEN: dict[str, str] = {
    "Toegekend": "Toegekend",
    "Afgewezen": "Afgewezen",
    "InBehandeling": "In behandeling bij DUO",
}
