"""The rules of the PVT (participatieverklaringstraject) and the MAP (module arbeidsmarkt en
participatie). Plain functions over plain values, no Django.

Sources, cited per rule:
- DOMAIN.md "Rules with numbers", rows PVT, MAP and "verwijtbaar flag" (shared/DOMAIN.md);
- startnotitie §6.3 (PVT: ≥ 12 uur, a fixed part is an excursion or activity on at least one
  kernwaarde) and §6.7 (MAP, carried out by Werk.Kom);
- RULES.md "MAP and PVT" (shared/duo-m2m/RULES.md) for what DUO accepts; those rules live in
  :func:`koers.duo.rules.map_pvt_fouten` and are not repeated here.

Every ``*_fouten`` function returns ``{field: Dutch text}``; an empty dict means: allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from koers.duo.rules import (
    VERWIJTBAAR_NEE_MAANDEN,
    termijn_eindigt_binnen_twee_maanden,
    termijn_overschreden,
)
from koers.inburgeraars.rules import datum_voluit, termijn_laatste_dag
from koers.pip.rules import add_months


class Module(StrEnum):
    PVT = "pvt"
    MAP = "map"


MODULES: frozenset[str] = frozenset(m.value for m in Module)


class Soort(StrEnum):
    WORKSHOP = "workshop"
    EXCURSIE = "excursie"
    ACTIVITEIT = "activiteit"
    WERKBEZOEK = "werkbezoek"
    GESPREK = "gesprek"


SOORT_NAMEN: dict[Soort, str] = {
    Soort.WORKSHOP: "Workshop",
    Soort.EXCURSIE: "Excursie",
    Soort.ACTIVITEIT: "Activiteit",
    Soort.WERKBEZOEK: "Werkbezoek",
    Soort.GESPREK: "Gesprek",
}

# The kinds of activity per module. PVT: workshops plus the excursion or activity on a
# kernwaarde the startnotitie asks for (§6.3). MAP: orientation on the labour market (§6.7).
SOORTEN: dict[Module, tuple[Soort, ...]] = {
    Module.PVT: (Soort.WORKSHOP, Soort.EXCURSIE, Soort.ACTIVITEIT),
    Module.MAP: (Soort.WORKSHOP, Soort.WERKBEZOEK, Soort.GESPREK, Soort.ACTIVITEIT),
}


class Kernwaarde(StrEnum):
    """The Dutch core values of the PVT (DOMAIN.md row PVT; startnotitie §6.3)."""

    VRIJHEID = "vrijheid"
    GELIJKWAARDIGHEID = "gelijkwaardigheid"
    SOLIDARITEIT = "solidariteit"
    PARTICIPATIE = "participatie"


KERNWAARDEN: frozenset[str] = frozenset(k.value for k in Kernwaarde)
KERNWAARDE_NAMEN: dict[Kernwaarde, str] = {k: k.value.capitalize() for k in Kernwaarde}

# Startnotitie §6.3: "een vast bestanddeel van het traject moet een excursie of activiteit
# zijn waarin aandacht is voor minimaal één van de kernwaarden" (DOMAIN.md row PVT, policy P).
KERNWAARDE_SOORTEN: frozenset[Soort] = frozenset({Soort.EXCURSIE, Soort.ACTIVITEIT})

PVT_MIN_UREN = Decimal(12)  # DOMAIN.md row PVT: ≥ 12 hours; startnotitie §6.3 "minimale duur"
# MAP in the B1- and Z-route, not in the onderwijsroute (DOMAIN.md rows MAP and onderwijsroute).
MAP_LEERROUTES: frozenset[str] = frozenset({"B", "Z"})
# Hours of one activity: more than zero, at most one whole day. A plausibility bound of Koers
# (no source in law): it keeps typing errors such as 120 instead of 12.0 out.
UREN_MIN_EXCLUSIEF = Decimal(0)
UREN_MAX = Decimal(24)
UREN_DECIMALEN = 1  # half hours and quarters rounded to tenths: 1,5 uur
OMSCHRIJVING_MAX = 500
UITVOERDER_MAX = 200
SAMENVATTING_MAX = 5000
STANDAARD_MAP_UITVOERDER = "Werk.Kom"  # startnotitie §6.7: "De invulling van de MAP komt bij
#                                         Werk.Kom te liggen"
# Signals: PVT or MAP not done while the termijn ends within 6 months (the verwijtbaar window
# of DOMAIN.md starts at 2 months; 6 gives the adviseur time to act). Local policy with no
# gemeente setting yet: modules has no per-gemeente beleid model (see signaal_grens).
SIGNAAL_MAANDEN_VOOR_EINDE = 6


def uren_tekst(u: Decimal) -> str:
    """Hours in Dutch text without trailing zeros: 2,5 (the rules' twin of the screens'
    koers.bouwstenen.weergave.getal, kept free of Django).

    Bron: STYLE.md (one number style on screens and in letters); geen wetsregel.
    Status: techniek
    """
    return f"{u.normalize():f}".replace(".", ",")


def map_verplicht(leerroute: str | None) -> bool:
    """Whether the MAP belongs to the route (DOMAIN.md row MAP: B1- and Z-route).

    Bron: Wi2021 art. 8 lid 3 (geen MAP in de onderwijsroute); DOMAIN.md rij MAP.
    Status: wet
    """
    return leerroute in MAP_LEERROUTES


@dataclass(frozen=True)
class ActiviteitGegevens:
    module: str
    datum: date | None
    uren: Decimal | None
    soort: str
    omschrijving: str
    kernwaarden: tuple[str, ...] = ()
    uitvoerder: str = ""


def activiteit_fouten(
    a: ActiviteitGegevens, *, vandaag: date, afgerond_op: date | None, leerroute: str | None
) -> dict[str, str]:
    """One PVT or MAP activity. ``afgerond_op``: the date the module was closed (PVT signed,
    MAP eindgesprek), after which its activities no longer change. ``leerroute``: of the
    current vastgesteld PIP (``None`` without one).

    Bron: startnotitie §6.3 en §6.7; controle op invoer.
    Status: techniek
    """
    f: dict[str, str] = {}
    if a.module not in MODULES:
        return {"__all__": "Kies PVT of MAP."}
    module = Module(a.module)
    if afgerond_op is not None:
        if module is Module.PVT:
            f["__all__"] = (
                "De participatieverklaring is al ondertekend. De activiteiten van "
                "het PVT kunnen niet meer veranderen."
            )
        else:
            f["__all__"] = (
                "Het eindgesprek van de MAP is al gevoerd. De activiteiten van de "
                "MAP kunnen niet meer veranderen."
            )
    if module is Module.MAP and not map_verplicht(leerroute):
        f["__all__"] = (
            "De MAP hoort bij de B1-route en de Z-route. Deze inburgeraar heeft "
            "geen vastgesteld PIP met een van die routes."
        )
    if a.datum is None:
        f["datum"] = "Vul de datum in."
    elif a.datum > vandaag:
        f["datum"] = (
            "De datum mag niet in de toekomst liggen. Vul een activiteit in als die geweest is."
        )
    if a.uren is None:
        f["uren"] = "Vul het aantal uren in."
    elif not a.uren.is_finite() or a.uren <= UREN_MIN_EXCLUSIEF:
        f["uren"] = "Het aantal uren moet meer dan 0 zijn."
    elif a.uren > UREN_MAX:
        f["uren"] = f"Een activiteit duurt hooguit {uren_tekst(UREN_MAX)} uur."
    elif a.uren != a.uren.quantize(Decimal(1).scaleb(-UREN_DECIMALEN)):
        f["uren"] = "Vul de uren in met hooguit 1 cijfer na de komma, bijvoorbeeld 1,5."
    if a.soort not in SOORTEN[module]:
        namen = ", ".join(SOORT_NAMEN[s].lower() for s in SOORTEN[module])
        f["soort"] = f"Kies een soort activiteit: {namen}."
    if not a.omschrijving.strip():
        f["omschrijving"] = "Beschrijf kort wat de inburgeraar heeft gedaan."
    elif len(a.omschrijving) > OMSCHRIJVING_MAX:
        f["omschrijving"] = f"De omschrijving is te lang: hooguit {OMSCHRIJVING_MAX} tekens."
    onbekend = [k for k in a.kernwaarden if k not in KERNWAARDEN]
    if onbekend:
        f["kernwaarden"] = (
            "Kies alleen uit de kernwaarden vrijheid, gelijkwaardigheid, "
            "solidariteit en participatie."
        )
    elif a.kernwaarden and module is Module.MAP:
        f["kernwaarden"] = "Kernwaarden horen bij het PVT, niet bij de MAP."
    elif len(set(a.kernwaarden)) != len(a.kernwaarden):
        f["kernwaarden"] = "Kies elke kernwaarde maar één keer."
    if len(a.uitvoerder) > UITVOERDER_MAX:
        f["uitvoerder"] = f"De naam van de uitvoerder is te lang: hooguit {UITVOERDER_MAX} tekens."
    return f


@dataclass(frozen=True)
class Gedaan:
    """One recorded activity, as the closing rules need it."""

    datum: date
    uren: Decimal
    soort: str
    kernwaarden: tuple[str, ...] = ()


def uren_tot_en_met(activiteiten: Iterable[Gedaan], peildatum: date) -> Decimal:
    """The hours of the activities up to and including ``datum``.

    Bron: rekenregel (uren tot en met een datum).
    Status: techniek
    """
    return sum((a.uren for a in activiteiten if a.datum <= peildatum), Decimal(0))


def telt_als_kernwaarde_activiteit(a: Gedaan) -> bool:
    """An excursion or activity on at least one kernwaarde (startnotitie §6.3).

    Bron: startnotitie §6.3.
    Status: startnotitie
    """
    return a.soort in KERNWAARDE_SOORTEN and bool(a.kernwaarden)


def pvt_ondertekenen_fouten(
    datum: date | None, activiteiten: Iterable[Gedaan], *, vandaag: date
) -> dict[str, str]:
    """Signing the participatieverklaring closes the PVT (DOMAIN.md row PVT): before it at
    least 12 hours (DOMAIN.md; startnotitie §6.3) and at least one excursion or activity on a
    kernwaarde (startnotitie §6.3, policy P). Only activities on or before the signing date
    count. DUO's own rules on the date follow in :func:`koers.duo.rules.map_pvt_fouten`.

    Bron: Bi2021 art. 3.1 (PVT minstens 12 uur); startnotitie §6.3 (excursie of activiteit over een
    kernwaarde).
    Status: wet; de kernwaarde-activiteit is startnotitie (geen instelling).
    """
    activiteiten = list(activiteiten)
    f: dict[str, str] = {}
    if datum is None:
        return {"datum": "Vul de datum van de ondertekening in."}
    if datum > vandaag:
        f["datum"] = "De datum van de ondertekening mag niet in de toekomst liggen."
        return f
    uren = uren_tot_en_met(activiteiten, datum)
    if uren < PVT_MIN_UREN:
        f["uren"] = (
            f"Voor de ondertekening zijn minstens {uren_tekst(PVT_MIN_UREN)} uur PVT nodig. "
            f"Tot en met {datum_voluit(datum)} zijn {uren_tekst(uren)} uur ingevuld."
        )
    if not any(telt_als_kernwaarde_activiteit(a) for a in activiteiten if a.datum <= datum):
        f["kernwaarden"] = (
            "Het PVT heeft minstens één excursie of activiteit over een "
            "kernwaarde nodig (vrijheid, gelijkwaardigheid, solidariteit of "
            "participatie). Vul die eerst in."
        )
    return f


def map_eindgesprek_fouten(
    datum: date | None, samenvatting: str, uitvoerder: str, *, vandaag: date, leerroute: str | None
) -> dict[str, str]:
    """The MAP ends with an eindgesprek (DOMAIN.md row MAP), in the B1- and Z-route only.

    Bron: Wi2021 art. 8; DOMAIN.md rij MAP (het eindgesprek: artikel niet geverifieerd).
    Status: wet
    """
    f: dict[str, str] = {}
    if not map_verplicht(leerroute):
        f["__all__"] = (
            "De MAP hoort bij de B1-route en de Z-route. Deze inburgeraar heeft "
            "geen vastgesteld PIP met een van die routes."
        )
    if datum is None:
        f["datum"] = "Vul de datum van het eindgesprek in."
    elif datum > vandaag:
        f["datum"] = "De datum van het eindgesprek mag niet in de toekomst liggen."
    if not samenvatting.strip():
        f["samenvatting"] = "Schrijf kort op wat er in het eindgesprek is besproken."
    elif len(samenvatting) > SAMENVATTING_MAX:
        f["samenvatting"] = f"De samenvatting is te lang: hooguit {SAMENVATTING_MAX} tekens."
    if not uitvoerder.strip():
        f["uitvoerder"] = "Vul in wie de MAP heeft uitgevoerd, bijvoorbeeld Werk.Kom."
    elif len(uitvoerder) > UITVOERDER_MAX:
        f["uitvoerder"] = f"De naam van de uitvoerder is te lang: hooguit {UITVOERDER_MAX} tekens."
    return f


# -- Verwijtbaar -------------------------------------------------------------------------------


def verwijtbaar_uitleg(termijn_eind: date | None, vandaag: date) -> str:
    """Plain Dutch for the form: when the adviseur fills in 'verwijtbaar' and what it means
    (RULES.md "MAP and PVT"; DOMAIN.md "verwijtbaar flag").

    Bron: RULES.md "MAP and PVT"; DUO API Inburgeringstermijn (einddatum exclusief).
    Status: duo
    """
    basis = (
        "Vul 'verwijtbaar' alleen in als de datum op of na het einde van de "
        "inburgeringstermijn ligt. Kies dan 'Ja' als de inburgeraar het zelf te verwijten is "
        "dat het te laat is. Kies 'Nee' als dat niet zo is, bijvoorbeeld door ziekte. "
        "Ligt de datum voor het einde van de termijn? Laat het veld dan leeg."
    )
    if termijn_eind is None:
        return basis + " Deze inburgeraar heeft nog geen einddatum van de termijn."
    # DUO's einddatum is exclusive: the person reads the day before as the end.
    laatste = datum_voluit(termijn_laatste_dag(termijn_eind))
    if vandaag >= termijn_eind:
        return basis + f" De termijn is voorbij: de laatste dag was {laatste}."
    if termijn_eind <= add_months(vandaag, 2):
        return basis + f" De termijn eindigt binnenkort: de laatste dag is {laatste}."
    return basis + f" De laatste dag van de termijn is {laatste}."


def signaal_grens(vandaag: date) -> date:
    """Termijn ends on or before this date → PVT/MAP not done is a signal.

    The 6 months are Koers' choice, not the law's nor DUO's: a gemeente could reasonably
    choose another lead time. It is not yet a gemeente setting because the modules app has no
    per-gemeente beleid model.
    Bron: startnotitie §7.2 (werken met signalen); the number is Koers' own.
    Status: P — gemeente-instelling ontbreekt (constante SIGNAAL_MAANDEN_VOOR_EINDE).
    """
    return add_months(vandaag, SIGNAAL_MAANDEN_VOOR_EINDE)


# -- Verwijtbaar without a date ----------------------------------------------------------------
TOELICHTING_MAX = 1000


def verwijtbaar_keuzes(vandaag: date, termijn_eind: date | None) -> tuple[str, ...]:
    """Which 'verwijtbaar' DUO accepts today WITHOUT a date (the module is not done): none
    before the last two months of the termijn; ``Nee`` in the last two months; ``Ja`` or
    ``Nee`` once the termijn has been exceeded. DUO's einddatum is exclusive: the last day is
    einddatum − 1 (koers.duo.rules.termijn_eindigt_binnen_twee_maanden, termijn_overschreden).
    So the gemeente tells DUO before the end that the delay is not the person's fault, and
    after the end whether it is — without waiting for the module to close.
    Bron: RULES.md "MAP and PVT" (an empty date is allowed while no Z-route completion is
    registered; 'Nee' only when the termijn ends within two months; 'Ja' only when it has been
    exceeded); DUO API Inburgeringstermijn (einddatum exclusief).
    Status: duo
    """
    if termijn_overschreden(vandaag, termijn_eind):
        return ("Ja", "Nee")
    if termijn_eindigt_binnen_twee_maanden(vandaag, termijn_eind):
        return ("Nee",)
    return ()


def verwijtbaar_zonder_datum_fouten(
    verwijtbaar: str | None,
    toelichting: str,
    *,
    module: str,
    afgerond: bool,
    leerroute: str | None,
    vandaag: date,
    termijn_eind: date | None,
) -> dict[str, str]:
    """Reporting 'verwijtbaar' for a PVT or MAP that is not done yet. A closed module reports
    its date (with 'verwijtbaar' where needed) instead: a PUT without the date would withdraw
    it (RULES.md "MAP and PVT": PUT replaces the whole resource). MAP only in the B1- and
    Z-route (DOMAIN.md row MAP). The value must be one DUO accepts today
    (:func:`verwijtbaar_keuzes`).
    Bron: RULES.md "MAP and PVT"; DOMAIN.md rows MAP and "verwijtbaar flag".
    Status: duo
    """
    f: dict[str, str] = {}
    if module not in MODULES:
        return {"__all__": "Kies PVT of MAP."}
    if afgerond:
        f["__all__"] = (
            "Deze module is al afgerond. Meld de datum aan DUO en vul daarbij "
            "'verwijtbaar' in als dat nodig is."
        )
    elif module == Module.MAP and not map_verplicht(leerroute):
        f["__all__"] = (
            "De MAP hoort bij de B1-route en de Z-route. Deze inburgeraar heeft "
            "geen vastgesteld PIP met een van die routes."
        )
    keuzes = verwijtbaar_keuzes(vandaag, termijn_eind)
    if verwijtbaar not in ("Ja", "Nee"):
        f["verwijtbaar"] = "Kies Ja of Nee."
    elif not keuzes:
        f["verwijtbaar"] = (
            "Dit kan pas in de laatste 2 maanden van de inburgeringstermijn. "
            "Daarvoor wil DUO geen 'verwijtbaar' zonder datum."
        )
    elif verwijtbaar not in keuzes:
        f["verwijtbaar"] = (
            "'Ja' kan pas als de inburgeringstermijn voorbij is. Nu kan alleen 'Nee'."
        )
    if len(toelichting or "") > TOELICHTING_MAX:
        f["toelichting"] = f"De toelichting is te lang: hooguit {TOELICHTING_MAX} tekens."
    return f


def verwijtbaar_signaal_op(
    vandaag: date, termijn_eind: date | None, laatst_gemeld_op: date | None
) -> date | None:
    """When the adviseur must tell DUO about 'verwijtbaar' for a module that is not done
    (the due date of the signal), or None when nothing is due:
    - in the last two months of the termijn, nothing reported yet → due on the termijn's last
      day (after it 'Nee' is no longer the only answer, and the person is over time);
    - the termijn exceeded and nothing reported since its end → due on DUO's einddatum (the
      first day over time): DUO needs 'Ja' or 'Nee' now, an earlier 'Nee' was about the
      last two months.
    Bron: RULES.md "MAP and PVT" (the 'Nee' and 'Ja' windows); DOMAIN.md "verwijtbaar flag".
    Status: duo
    """
    if termijn_eind is None:
        return None
    if termijn_overschreden(vandaag, termijn_eind):
        if laatst_gemeld_op is not None and laatst_gemeld_op >= termijn_eind:
            return None
        return termijn_eind
    if termijn_eindigt_binnen_twee_maanden(vandaag, termijn_eind) and laatst_gemeld_op is None:
        return termijn_laatste_dag(termijn_eind)
    return None


def verwijtbaar_signaal_grens(vandaag: date) -> date:
    """The latest DUO einddatum for which :func:`verwijtbaar_signaal_op` can be due today:
    today lies in the last two months [einddatum − 2 months, einddatum).

    Bron: RULES.md "MAP and PVT" ("Nee" alleen in de laatste twee maanden); DUO API
    Inburgeringstermijn.
    Status: duo
    """
    return add_months(vandaag, VERWIJTBAAR_NEE_MAANDEN)
