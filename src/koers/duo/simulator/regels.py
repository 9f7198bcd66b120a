"""The business rules DUO applies to a gemeente's reports, as the simulator applies them.

Written from shared/duo-m2m/RULES.md ("Business rules DUO applies to reports", cited per
function) and the OpenAPI files only. Koers has its own reading of the same rules
(koers.duo.rules, koers.pip.rules); this module deliberately does not use it, so a misreading
on Koers' side makes DUO (the simulator) refuse, as the real DUO would.

Each ``*_fouten`` function takes the person as the simulator holds them (see scenario.py) and
the report, and returns DUO's foutteksten (Dutch, at most 200 characters each); an empty list
means DUO accepts. Where the simulator applies a rule the contract does not state in so many
words, the docstring says "Afgeleid" and why.
"""

from __future__ import annotations

from datetime import date, timedelta

from koers.duo.simulator.rules import huidige_pip, is_asielstatushouder, plus_maanden

UREN_SOORTEN = (
    "TaallesEnKnmBredeIntake",
    "ParticipatieactiviteitenBredeIntake",
    "ParticipatieAlsTaalles",
)  # GevolgdeUren API, schema Gemeente
DATUMVELD = {
    "map": "datumEindgesprekMap",
    "pvt": "datumOndertekeningPvt",
    "zroute": "datumAfrondingZroute",
}  # MAP-PVT-Zroute API, schemas Resultaat*
TERMIJN_JAREN = 3
NEE_MAANDEN = 2


def _d(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _nl(dag: date) -> str:
    return f"{dag:%d-%m-%Y}"


def _termijn(persoon: dict) -> tuple[date | None, date | None]:
    """(startdatum inclusive, einddatum EXCLUSIVE): Inburgeringstermijn API, schema
    Inburgeringstermijn: einddatum "De datum die het einde van de periode aangeeft
    (exclusief)". The last day of the termijn is einddatum − 1."""
    termijn = persoon.get("termijn") or {}
    return _d(termijn.get("startdatum")), _d(termijn.get("einddatum"))


def termijn_overschreden(peildatum: date, einddatum: date | None) -> bool:
    """The termijn is exceeded from its (exclusive) einddatum on.

    Bron: DUO OpenAPI Inburgeringstermijn/Inburgeringstermijn.einddatum ("exclusief").
    """
    return einddatum is not None and peildatum >= einddatum


# ---------------------------------------------------------------- PIP


def pip_fouten(persoon: dict, gemeentecode: str, pip: dict, vandaag: date) -> list[str]:
    """DUO's rules for ``POST /personen/{bsn}/PIP``.

    Bron: RULES.md "Business rules DUO applies to reports", **PIP**:
    - dagtekeningPip not before the start of the inburgeringsplicht; not before the person's
      settlement (vestiging) in the gemeente (checked when the reporting gemeente is the
      woongemeente DUO knows); for a changed PIP not before the dagtekening of the initial PIP
      nor of the current PIP — at any gemeente, DUO holds them all;
    - niveau A2 not with leerroute O; B1 not with Z; A2 with B not when this is the person's
      first PIP at any gemeente;
    - geschatteIntensiteitB1Route only with leerroute B and only for asielstatushouders —
      decided by DUO's own ``Doelgroep.indeling``, not by the detailed doelgroep.
    RULES.md states no rule on a dagtekening in the future nor on the moment of a leerroute
    change; the simulator applies none (those are Koers' or the law's, not DUO's refusals).
    """
    fouten: list[str] = []
    dagtekening = date.fromisoformat(pip["dagtekeningPip"])
    leerroute, niveau = pip["leerroute"], pip.get("niveau")
    pips = persoon.get("pips") or []
    start_plicht = _d((persoon.get("plicht") or {}).get("begindatum"))
    vestiging = (
        _d(persoon.get("vestigingsdatum")) if persoon.get("gemeente") == gemeentecode else None
    )
    eerste = _d(pips[0]["pip"]["dagtekeningPip"]) if pips else None
    huidig = _d(pips[-1]["pip"]["dagtekeningPip"]) if pips else None
    if start_plicht and dagtekening < start_plicht:
        fouten.append(
            f"De dagtekening van het PIP ligt voor de start van de "
            f"inburgeringsplicht ({_nl(start_plicht)})."
        )
    if vestiging and dagtekening < vestiging:
        fouten.append(
            f"De dagtekening van het PIP ligt voor de vestiging in de gemeente ({_nl(vestiging)})."
        )
    if eerste and dagtekening < eerste:
        fouten.append(
            f"Een gewijzigd PIP mag niet eerder gedagtekend zijn dan het eerste PIP "
            f"({_nl(eerste)})."
        )
    elif huidig and dagtekening < huidig:
        fouten.append(
            f"Een gewijzigd PIP mag niet eerder gedagtekend zijn dan het huidige PIP "
            f"({_nl(huidig)})."
        )
    if niveau == "A2" and leerroute == "O":
        fouten.append("Niveau A2 kan niet bij de onderwijsroute.")
    elif niveau == "B1" and leerroute == "Z":
        fouten.append("Niveau B1 kan niet bij de Z-route.")
    elif niveau == "A2" and leerroute == "B" and not pips:
        fouten.append(
            "Niveau A2 in de B1-route kan niet in het eerste PIP van deze persoon "
            "(bij geen enkele gemeente)."
        )
    if pip.get("geschatteIntensiteitB1Route") is not None:
        if leerroute != "B":
            fouten.append("De geschatte intensiteit hoort alleen bij de B1-route.")
        elif not is_asielstatushouder(persoon):
            fouten.append("De geschatte intensiteit geldt alleen voor asielstatushouders.")
    return fouten


def pip_zoals_duo(pip: dict) -> dict:
    """The PIP as DUO records it.

    Bron: RULES.md "Business rules DUO applies to reports", PIP: "No niveau with B or O → DUO
    records B1".
    """
    uit = dict(pip)
    if not uit.get("niveau") and uit["leerroute"] in ("B", "O"):
        uit["niveau"] = "B1"
    return uit


def termijn_na_eerste_pip(pip: dict, vandaag: date) -> dict:
    """The inburgeringstermijn DUO sets when the first PIP arrives (scenario setting
    ``termijnBijEerstePip``; a scenario can also state the termijn itself).

    Bron: niet geverifieerd — RULES.md says only that DUO holds the termijn (Inburgeringstermijn
    API, with an EXCLUSIVE einddatum). The simulator assumes three years from the day after
    the first PIP's dagtekening (Wi2021 as the simulator's author understands it; the law text
    was not available), so startdatum = dagtekening + 1 day and einddatum (exclusive) =
    startdatum + 3 years.
    """
    start = date.fromisoformat(pip["dagtekeningPip"]) + timedelta(days=1)
    return {
        "startdatum": start.isoformat(),
        "einddatum": plus_maanden(start, 12 * TERMIJN_JAREN).isoformat(),
        "wijzigingsdatum": vandaag.isoformat(),
    }


def pip_verwijder_fouten(persoon: dict) -> list[str]:
    """DUO's rule for ``DELETE /personen/{bsn}/PIP``.

    Bron: RULES.md "Business rules DUO applies to reports", PIP: "Deleting the current PIP is
    only possible while no inburgeringstermijn has been set and no course hours have been
    registered against the current inburgeringsaanbod." Course hours are the hours at a
    cursusinstelling within the leerroute: GevolgdeUren API, schema ParticipatieAlsTaalles
    ("door een Inburgeraar bij een Cursusinstelling in het kader van de gevolgde
    Leerroute"). Brede-intake hours and participation activities are no course hours. The
    messages do not link hours to one aanbod, so the simulator counts ParticipatieAlsTaalles
    hours while the person has an inburgeringsaanbod (afgeleid).
    """
    fouten: list[str] = []
    if persoon.get("termijn"):
        fouten.append(
            "Het PIP kan niet meer worden verwijderd: de inburgeringstermijn is al vastgesteld."
        )
    cursusuren = any(
        (uren.get("ParticipatieAlsTaalles") or {}).get("uren")
        for uren in (persoon.get("uren") or {}).values()
    )
    if cursusuren and persoon.get("aanbod"):
        fouten.append(
            "Het PIP kan niet meer worden verwijderd: er zijn al cursusuren "
            "geregistreerd bij het inburgeringsaanbod."
        )
    return fouten


# ---------------------------------------------------------------- MAP, PVT, Z-route


def map_pvt_fouten(
    soort: str, persoon: dict, gemeentecode: str, body: dict, vandaag: date
) -> list[str]:
    """DUO's rules for ``PUT .../map`` and ``PUT .../pvt`` (the same for both).

    Bron: RULES.md "Business rules DUO applies to reports", **MAP and PVT**:
    - PUT replaces the whole resource: leaving a field out withdraws it;
    - a change only when this gemeente delivered the earlier date;
    - the gemeente must hold the current PIP; the plicht must not already be met via Z-route;
    - the date not before the start of the inburgeringstermijn, not after the Z-route
      completion date, not in the future; an empty date only while no Z-route completion is
      registered;
    - without ``verwijtbaar`` there must be no overschrijding of the termijn; when the date
      lies before the termijn's end date ``verwijtbaar`` must be absent; ``Nee`` only when the
      termijn ends within two months; ``Ja`` only when the termijn has been exceeded.
    The termijn's einddatum is EXCLUSIVE (Inburgeringstermijn API, schema
    Inburgeringstermijn): the termijn is exceeded from einddatum on; "before the end date"
    means datum < einddatum; "ends within two months" means einddatum ≤ today + 2 months
    (also true once it has ended). The overschrijding is judged on the date, or on today when
    the date is empty. An EMPTY date with ``verwijtbaar`` is accepted when these rules hold.
    """
    fouten: list[str] = []
    veld = DATUMVELD[soort]
    datum = _d(body.get(veld))
    verwijtbaar = body.get("verwijtbaar")
    eerder = persoon.get(soort)
    huidig = huidige_pip(persoon)
    zroute = _d((persoon.get("zroute") or {}).get("datumAfrondingZroute"))
    start, eind = _termijn(persoon)
    if eerder and eerder.get("gemeentecode") != gemeentecode:
        fouten.append(
            "Een andere gemeente heeft deze gegevens al doorgegeven. Alleen die "
            "gemeente kan ze wijzigen."
        )
    elif huidig is None or huidig["gemeentecode"] != gemeentecode:
        fouten.append("Uw gemeente heeft niet het huidige PIP van deze persoon.")
    elif persoon.get("voldaanViaZroute"):
        fouten.append("De inburgeringsplicht is al voldaan via de Z-route.")
    if datum is None:
        if zroute:
            fouten.append(
                "Een lege datum kan niet: de afronding van de Z-route is al geregistreerd."
            )
    elif datum > vandaag:
        fouten.append("De datum mag niet in de toekomst liggen.")
    elif start and datum < start:
        fouten.append(f"De datum ligt voor de start van de inburgeringstermijn ({_nl(start)}).")
    elif zroute and datum > zroute:
        fouten.append(f"De datum ligt na de afronding van de Z-route ({_nl(zroute)}).")
    overschreden = termijn_overschreden(datum or vandaag, eind)
    if verwijtbaar is None:
        if overschreden:
            fouten.append(
                "De inburgeringstermijn is overschreden: geef verwijtbaar (Ja of Nee) mee."
            )
    elif datum is not None and eind is not None and datum < eind:
        fouten.append(
            "De datum ligt voor het einde van de inburgeringstermijn: verwijtbaar moet leeg zijn."
        )
    elif verwijtbaar == "Nee" and (eind is None or eind > plus_maanden(vandaag, NEE_MAANDEN)):
        fouten.append(
            "Verwijtbaar 'Nee' kan alleen als de inburgeringstermijn binnen twee maanden eindigt."
        )
    elif verwijtbaar == "Ja" and not termijn_overschreden(vandaag, eind):
        fouten.append("Verwijtbaar 'Ja' kan alleen als de inburgeringstermijn is overschreden.")
    return fouten


def zroute_fouten(persoon: dict, gemeentecode: str, body: dict, vandaag: date) -> list[str]:
    """DUO's rules for ``PUT /personen/{bsn}/zroute`` (``datumAfrondingZroute``).

    Bron: RULES.md "Business rules DUO applies to reports", **Z-route**: "the gemeente
    reports completion after the eindgesprek". The only eindgesprek DUO registers is the MAP's
    (schema DatumMap: "eindgesprek tussen de Inburgeraar en de Gemeente"), so a completion
    needs a registered datumEindgesprekMap and cannot lie before it.
    Afgeleid (not stated as a refusal in RULES.md): the completion belongs to the gemeente that
    holds the current PIP, with leerroute Z (schema ResultaatZroute: "De datum waarop
    Inburgeraar de Z-route afrondt"), and is not in the future (a completion has happened).
    An empty body withdraws the completion (PUT replaces the whole resource, RULES.md "MAP and
    PVT").
    """
    fouten: list[str] = []
    datum = _d(body.get("datumAfrondingZroute"))
    huidig = huidige_pip(persoon)
    eindgesprek = _d((persoon.get("map") or {}).get("datumEindgesprekMap"))
    if huidig is None or huidig["gemeentecode"] != gemeentecode:
        fouten.append("Uw gemeente heeft niet het huidige PIP van deze persoon.")
    elif huidig["pip"]["leerroute"] != "Z":
        fouten.append("Volgens het huidige PIP volgt deze persoon de Z-route niet.")
    if datum is None:
        return fouten
    if datum > vandaag:
        fouten.append("De datum mag niet in de toekomst liggen.")
    elif eindgesprek is None:
        fouten.append(
            "De Z-route wordt afgerond na het eindgesprek. DUO heeft nog geen "
            "eindgesprek geregistreerd."
        )
    elif datum < eindgesprek:
        fouten.append(
            f"De afronding van de Z-route ligt voor het eindgesprek ({_nl(eindgesprek)})."
        )
    return fouten


def voldaan_via_zroute(persoon: dict) -> date | None:
    """The day the plicht is met via the Z-route, or None.

    Bron: DUO OpenAPI Inburgeringsplicht (info): the plicht is completing the
    participatieverklaringstraject (PVT), the module Arbeidsmarkt en Participatie (MAP) and
    the B1-route exam, the onderwijsroute or the zelfredzaamheidsroute. So with the Z-route
    completed and the MAP and PVT dates registered the plicht is met, on the last of the three
    dates (afgeleid: the contract does not say which date DUO records).
    """
    datums = [_d((persoon.get(soort) or {}).get(veld)) for soort, veld in DATUMVELD.items()]
    if any(d is None for d in datums):
        return None
    return max(datums)  # type: ignore[type-var]


# ---------------------------------------------------------------- Gevolgde uren


def uren_fouten(soort: str, persoon: dict, body: dict) -> list[str]:
    """DUO's rules for the three ``PUT .../uren/...`` reports (running totals, whole hours,
    0–9999: the schema checks those).

    Bron: RULES.md "Gevolgde uren"; DUO OpenAPI GevolgdeUren/ParticipatieactiviteitenBredeIntake
    (operation summary: "participatieactiviteiten ten behoeve van de Z-Route van de
    Asielstatushouder"; the schema counts maatschappelijke begeleiding, Participatiewet
    activities and the brede-intake hours). So participatieactiviteiten only for a person whose
    DUO indeling is Asielstatushouder. The contract states no doelgroep limit for
    TaallesEnKnmBredeIntake nor for ParticipatieAlsTaalles (every inburgeraar follows language
    lessons), nor that a total may not go down; the simulator accepts those for everyone.
    """
    if soort == "ParticipatieactiviteitenBredeIntake" and not is_asielstatushouder(persoon):
        return ["Uren participatieactiviteiten gelden alleen voor asielstatushouders."]
    return []


# ---------------------------------------------------------------- Inburgeringsaanbod


def aanbod_fouten(
    persoon: dict, instellingsnummer: str, instelling: dict | None, body: dict
) -> list[str]:
    """DUO's rules for ``POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}``.

    Bron: RULES.md "Business rules DUO applies to reports", **Inburgeringsaanbod**: only for
    asielmigranten (DUO's indeling) with a PIP; the instelling known to DUO as Blik op
    Werk-keurmerk holder, or as recognised taalschakelinstelling (TST) when the person follows
    the onderwijsroute; no date before the current PIP's dagtekening; taalschakeltraject start
    not before course end or offer date; course and taalschakeltraject dates within the
    inburgeringstermijn. One offer per instelling (a new one replaces the old: no refusal).
    Reading of the schema Inburgeringsaanbod: verwachteEinddatumOpleiding is exclusive, like
    the termijn's einddatum; for the B1- and Z-route datumInburgeringsaanbod "is tevens de
    startdatum voor het taalonderwijs en KNM", so it is a course date and must lie within the
    termijn. A taalschakeltraject is an aanbod at a TST instelling in the onderwijsroute; the
    "course" it follows is the person's aanbod at a Blik op Werk instelling, if any.
    """
    fouten: list[str] = []
    huidig = huidige_pip(persoon)
    if not is_asielstatushouder(persoon):
        fouten.append("Een inburgeringsaanbod is alleen voor asielstatushouders.")
    if huidig is None:
        fouten.append("Er is nog geen PIP. Een inburgeringsaanbod kan pas met een PIP.")
        return fouten
    leerroute = huidig["pip"]["leerroute"]
    dagtekening = date.fromisoformat(huidig["pip"]["dagtekeningPip"])
    if instelling is None:
        fouten.append("DUO kent deze instelling niet.")
    elif not (
        instelling.get("indicatieBowKeurmerk")
        or (leerroute == "O" and instelling.get("indicatieTstKeurmerk"))
    ):
        fouten.append(
            "Deze instelling heeft geen keurmerk van Blik op Werk"
            + (
                " en is geen erkende taalschakelinstelling."
                if leerroute == "O"
                else ". Een taalschakelinstelling kan alleen bij de onderwijsroute."
            )
        )
    aanbod_op = _d(body.get("datumInburgeringsaanbod"))
    opl_start = _d(body.get("verwachteStartdatumOpleiding"))
    opl_eind = _d(body.get("verwachteEinddatumOpleiding"))
    if any(d and d < dagtekening for d in (aanbod_op, opl_start, opl_eind)):
        fouten.append(
            f"Een datum ligt voor de dagtekening van het huidige PIP ({_nl(dagtekening)})."
        )
    schakel = leerroute == "O" and bool(instelling and instelling.get("indicatieTstKeurmerk"))
    if schakel and opl_start:
        cursus_eind = [
            _d(a.get("verwachteEinddatumOpleiding"))
            for nummer, a in (persoon.get("aanbod") or {}).items()
            if nummer != instellingsnummer and a.get("verwachteEinddatumOpleiding")
        ]
        if aanbod_op and opl_start < aanbod_op:
            fouten.append(
                "Het taalschakeltraject kan niet starten voor de datum van het inburgeringsaanbod."
            )
        elif cursus_eind and opl_start < max(cursus_eind):
            fouten.append("Het taalschakeltraject kan niet starten voor het einde van de cursus.")
    start, eind = _termijn(persoon)
    binnen: list[tuple[date | None, bool]] = [(opl_start, False), (opl_eind, True)]
    if leerroute in ("B", "Z"):
        binnen.append((aanbod_op, False))
    for d, exclusief in binnen:
        if d is None:
            continue
        if (start and d < start) or (eind and (d > eind if exclusief else d >= eind)):
            fouten.append(
                "De datums van de cursus of het taalschakeltraject liggen buiten de "
                "inburgeringstermijn."
            )
            break
    return fouten
