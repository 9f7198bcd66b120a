"""What Koers asks the BRP and how it reads the answer: plain functions over plain values.

Sources: RvIG's BRP API Personen 2.7.0 (Haal Centraal), vendored at ``koers/brp/openapi/``
(cited by schema, e.g. "schema Persoon"); the Wet basisregistratie personen (Wet BRP) for
the grounds of the request and of geheimhouding. Koers asks only the fields listed in
:data:`FIELDS` (AVG art. 5 lid 1 sub c, dataminimalisatie) and logs each request with
:data:`DOEL_BRP` (AVG art. 5 lid 1 sub b, doelbinding).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from koers.verwerkingen import rules as verwerkingen_rules

# The fields Koers asks for in RaadpleegMetBurgerservicenummer (schema PersonenQuery.fields),
# each for a task of the gemeente under the Wet inburgering 2021: naam, geboorte and geslacht
# identify the person and address letters; verblijfplaats and adressering are where the
# beschikking and the invitations go; gemeenteVanInschrijving and datumInschrijvingInGemeente
# tell whether the case still belongs to this gemeente; nationaliteiten, immigratie and
# verblijfstitel support the brede intake (Wi2021 art. 14) and the doelgroep check; partners
# and kinderen the gezinssituatie of the intake and the PIP (childcare for a child under 6).
# The BRP adds inOnderzoek, geheimhoudingPersoonsgegevens, opschortingBijhouding and rni by
# itself: those may not be asked (schema PersonenQuery, description of fields).
FIELDS: tuple[str, ...] = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "geslacht",
    "nationaliteiten",
    "verblijfplaats",
    "adressering.adresregel1",
    "adressering.adresregel2",
    "adressering.adresregel3",
    "adressering.land",
    "gemeenteVanInschrijving",
    "datumInschrijvingInGemeente",
    "immigratie",
    "verblijfstitel",
    "partners.naam",
    "partners.soortVerbintenis",
    "kinderen.naam",
    "kinderen.geboorte",
)
QUERY_TYPE = "RaadpleegMetBurgerservicenummer"  # schema PersonenQuery, discriminator type
MAX_BSNS = 20  # schema RaadpleegMetBurgerservicenummer: burgerservicenummer maxItems

# The purpose every BRP request is logged with (AVG art. 5 lid 1 sub b; art. 30 lid 1 sub b).
# Ground: Wet BRP art. 3.3 (verstrekking aan een overheidsorgaan voor zijn taak; niet
# geverifieerd: het lid) for the gemeente's task under Wi2021 art. 14 and 15 (brede intake and
# PIP).
DOEL_BRP = "personalia uit de BRP voor de uitvoering van de Wet inburgering 2021"
ACTIVITEIT_BRP = verwerkingen_rules.ACTIVITEIT_BRP  # named once, with its register entry

# opschortingBijhouding.reden.code (schema OpschortingBijhouding; landelijke tabel 'Reden
# opschorting bijhouding').
OPSCHORTING_OVERLEDEN = "O"
OPSCHORTING_EMIGRATIE = "E"
OPSCHORTING_RNI = "R"  # persoonslijst aangelegd in de RNI
GEMEENTECODE_RNI = "1999"  # gemeenteVanInschrijving of a person only in the RNI

# Backoff of a failed fetch: 1, 2, 4 … minutes, at most an hour.
WACHTTIJD_EERSTE = timedelta(minutes=1)
WACHTTIJD_MAX = timedelta(hours=1)

# Koers' fields that the BRP answer fills, in the order the timeline names them.
KOERS_VELDEN = ("voornamen", "geslachtsnaam", "geboortedatum", "adres", "postcode_plaats")


class Situatie(StrEnum):
    """What the BRP says about the person that matters for the case."""

    GEWOON = ""
    OVERLEDEN = "overleden"
    GEEMIGREERD = "geemigreerd"
    ANDERE_GEMEENTE = "andere_gemeente"
    RNI = "rni"


def datum(waarde: Any) -> date | None:
    """The date of a BRP ``AbstractDatum`` (type Datum); None for a date that is partly or
    wholly unknown (JaarDatum, JaarMaandDatum, DatumOnbekend) or absent.

    Bron: BRP API Personen 2.7.0, schemas AbstractDatum, VolledigeDatum.
    Status: techniek
    """
    if not isinstance(waarde, Mapping) or waarde.get("type") != "Datum":
        return None
    try:
        return date.fromisoformat(str(waarde.get("datum", "")))
    except ValueError:
        return None


def _deel(waarde: Mapping[str, Any], sleutel: str) -> Mapping[str, Any]:
    deel = waarde.get(sleutel)
    return deel if isinstance(deel, Mapping) else {}


def _tekst(waarde: Any) -> str:
    return waarde.strip() if isinstance(waarde, str) else ""


def _code(waarde: Any) -> str:
    return _tekst(waarde.get("code")) if isinstance(waarde, Mapping) else ""


def _omschrijving(waarde: Any) -> str:
    return _tekst(waarde.get("omschrijving")) if isinstance(waarde, Mapping) else ""


def geslachtsnaam(naam: Mapping[str, Any]) -> str:
    """Koers' geslachtsnaam: the BRP's voorvoegsel and geslachtsnaam together ("van den
    Berg"), as a letter writes it.

    Bron: BRP API Personen 2.7.0, schema NaamBasis (voorvoegsel, geslachtsnaam).
    Status: techniek
    """
    return " ".join(
        p for p in (_tekst(naam.get("voorvoegsel")), _tekst(naam.get("geslachtsnaam"))) if p
    )


def persoonsgegevens(persoon: Mapping[str, Any]) -> dict[str, Any]:
    """Koers' person fields (:data:`KOERS_VELDEN`) from one BRP ``Persoon``; a field the BRP
    did not give is left out, so Koers keeps what it had.

    The address is the BRP's ``adressering`` (adresregel1 street and number, adresregel2
    postcode and woonplaats; abroad regel3 and land follow): the lines the BRP composes for
    letters.

    Bron: BRP API Personen 2.7.0, schemas Persoon, NaamPersoon, Geboorte, Adressering.
    Status: techniek
    """
    uit: dict[str, Any] = {}
    naam = _deel(persoon, "naam")
    if voornamen := _tekst(naam.get("voornamen")):
        uit["voornamen"] = voornamen
    if achternaam := geslachtsnaam(naam):
        uit["geslachtsnaam"] = achternaam
    geboorte = _deel(persoon, "geboorte")
    if geboren := datum(geboorte.get("datum")):
        uit["geboortedatum"] = geboren
    adressering = persoon.get("adressering")
    if isinstance(adressering, Mapping) and _tekst(adressering.get("adresregel1")):
        uit["adres"] = _tekst(adressering.get("adresregel1"))[:200]
        plaats = [_tekst(adressering.get("adresregel2")), _tekst(adressering.get("adresregel3"))]
        land = _omschrijving(adressering.get("land"))
        uit["postcode_plaats"] = ", ".join(p for p in (*plaats, land) if p)[:100]
    return uit


# inOnderzoek flags of the BRP (per schema) → the Koers field they make uncertain.
_ONDERZOEK = (
    ("naam", ("voornamen",), "voornamen"),
    ("naam", ("geslachtsnaam", "voorvoegsel"), "geslachtsnaam"),
    ("geboorte", ("datum",), "geboortedatum"),
    ("adressering", ("adresregel1",), "adres"),
    ("adressering", ("adresregel2", "adresregel3", "land"), "postcode_plaats"),
    ("verblijfplaats", ("type", "datumVan"), "adres"),
    ("nationaliteiten", ("nationaliteit", "type"), "nationaliteiten"),
    ("verblijfstitel", ("aanduiding", "datumIngang", "datumEinde"), "verblijfstitel"),
    ("immigratie", ("datumVestigingInNederland", "landVanwaarIngeschreven"), "immigratie"),
)


# The fields of velden_in_onderzoek that belong to the residence data (Sectie.VERBLIJF): only
# who may see those learns that they are being investigated.
VERBLIJF_VELDEN = frozenset({"nationaliteiten", "verblijfstitel", "immigratie"})


def velden_in_onderzoek(persoon: Mapping[str, Any]) -> list[str]:
    """The fields (Koers' names, plus nationaliteiten, verblijfstitel, immigratie and
    gemeente) whose value the BRP is investigating: they may be wrong, so the case page says
    so next to them.

    Bron: BRP API Personen 2.7.0, schemas NaamPersoonInOnderzoek, GeboorteInOnderzoek,
    AdresseringInOnderzoek, AdresInOnderzoek, PersoonInOnderzoek ("inOnderzoek": per field
    true when it is being investigated).
    Status: techniek
    """
    gevonden: set[str] = set()
    for groep, vlaggen, veld in _ONDERZOEK:
        deel = persoon.get(groep)
        delen = deel if isinstance(deel, list) else [deel]
        for item in delen:
            onderzoek = item.get("inOnderzoek") if isinstance(item, Mapping) else None
            if isinstance(onderzoek, Mapping) and any(onderzoek.get(v) is True for v in vlaggen):
                gevonden.add(veld)
    onderzoek = persoon.get("inOnderzoek")
    if isinstance(onderzoek, Mapping) and (
        onderzoek.get("gemeenteVanInschrijving") is True
        or onderzoek.get("datumInschrijvingInGemeente") is True
    ):
        gevonden.add("gemeente")
    volgorde = (*KOERS_VELDEN, "nationaliteiten", "verblijfstitel", "immigratie", "gemeente")
    return [v for v in volgorde if v in gevonden]


def geheimhouding(persoon: Mapping[str, Any]) -> bool:
    """Whether the person asked the gemeente not to give his data to third parties (Wet BRP
    art. 2.59: geheimhouding): Koers then leaves his address off everything it sends to
    ketenpartners. The BRP gives it unasked; 2.7.0 as a boolean, older versions as a number
    1-7 (> 0 means geheim), both are read.

    Bron: BRP API Personen 2.7.0, schema GeheimhoudingPersoonsgegevens; Wet BRP art. 2.59
    (niet geverifieerd: het artikelnummer).
    Status: wet
    """
    waarde = persoon.get("geheimhoudingPersoonsgegevens")
    if isinstance(waarde, bool):
        return waarde
    return isinstance(waarde, int) and waarde > 0


def opschorting(persoon: Mapping[str, Any]) -> tuple[str, date | None]:
    """The reason code and date of ``opschortingBijhouding``: ``("O", date)`` for a person who
    died, ``("E", date)`` for one who emigrated; ``("", None)`` when the BRP keeps the
    persoonslijst up to date.

    Bron: BRP API Personen 2.7.0, schema OpschortingBijhouding (reden: landelijke tabel 'Reden
    opschorting bijhouding').
    Status: techniek
    """
    waarde = persoon.get("opschortingBijhouding")
    if not isinstance(waarde, Mapping):
        return "", None
    return _code(waarde.get("reden"))[:1], datum(waarde.get("datum"))


def gemeente_van_inschrijving(persoon: Mapping[str, Any]) -> tuple[str, str]:
    """The code and name of the gemeente where the BRP registers the person.

    Bron: BRP API Personen 2.7.0, schema Persoon (gemeenteVanInschrijving: Waardetabel).
    Status: techniek
    """
    waarde = persoon.get("gemeenteVanInschrijving")
    return _code(waarde)[:4], _omschrijving(waarde)[:100]


def situatie(persoon: Mapping[str, Any], gemeentecode: str) -> Situatie:
    """What the BRP's answer means for a case of the gemeente ``gemeentecode``. Overlijden
    first (the case may be closed, after the adviseur confirms), then emigratie, then a
    persoonslijst in the RNI (no address in a Dutch gemeente), then registration in another
    gemeente (a verhuizing DUO has not announced yet). None of them closes a case by itself:
    DUO decides on the plicht, the adviseur on the case.

    Bron: BRP API Personen 2.7.0, schemas OpschortingBijhouding, RniDeelnemer, Persoon
    (gemeenteVanInschrijving); Wi2021 art. 2 (de plicht hangt aan inschrijving in een gemeente;
    niet geverifieerd: het lid).
    Status: techniek
    """
    reden, _datum = opschorting(persoon)
    if reden == OPSCHORTING_OVERLEDEN:
        return Situatie.OVERLEDEN
    if reden == OPSCHORTING_EMIGRATIE:
        return Situatie.GEEMIGREERD
    code, _naam = gemeente_van_inschrijving(persoon)
    if reden == OPSCHORTING_RNI or code == GEMEENTECODE_RNI or persoon.get("rni"):
        return Situatie.RNI
    if code and gemeentecode and code != gemeentecode:
        return Situatie.ANDERE_GEMEENTE
    return Situatie.GEWOON


def is_rni(persoon: Mapping[str, Any]) -> bool:
    """Whether the BRP's answer comes from the Registratie Niet-Ingezetenen.

    Bron: BRP API Personen 2.7.0, schemas Persoon (rni), OpschortingBijhouding.
    Status: techniek
    """
    return situatie(persoon, "") is Situatie.RNI


def verblijf(persoon: Mapping[str, Any]) -> dict[str, Any]:
    """The residence data for the VERBLIJF section: nationaliteiten, verblijfstitel (with its
    dates) and immigratie, as plain text and dates.

    Bron: BRP API Personen 2.7.0, schemas AbstractNationaliteit, Verblijfstitel, Immigratie.
    Status: techniek
    """
    nationaliteiten = []
    for item in persoon.get("nationaliteiten") or []:
        if not isinstance(item, Mapping):
            continue
        naam = _omschrijving(item.get("nationaliteit"))
        soort = _tekst(item.get("type"))
        nationaliteiten.append(naam or {"Staatloos": "staatloos"}.get(soort, "onbekend"))
    titel = _deel(persoon, "verblijfstitel")
    immigratie = _deel(persoon, "immigratie")
    return {
        "nationaliteiten": nationaliteiten,
        "verblijfstitel": _omschrijving(titel.get("aanduiding")),
        "verblijfstitel_ingang": datum(titel.get("datumIngang")),
        "verblijfstitel_einde": datum(titel.get("datumEinde")),
        "vestiging_in_nederland": datum(immigratie.get("datumVestigingInNederland")),
        "land_vanwaar_ingeschreven": _omschrijving(immigratie.get("landVanwaarIngeschreven")),
    }


JONG_KIND_JAREN = 6  # a child under 6: childcare matters for the PIP's planning


def leeftijd(geboren: date | None, vandaag: date) -> int | None:
    """Age in whole years on ``vandaag``.

    Bron: BRP API Personen 2.7.0, schema Leeftijd ("leeftijd in jaren op het moment van
    bevragen").
    Status: techniek
    """
    if geboren is None:
        return None
    return (
        vandaag.year - geboren.year - ((vandaag.month, vandaag.day) < (geboren.month, geboren.day))
    )


def gezin(persoon: Mapping[str, Any], vandaag: date) -> dict[str, list[dict[str, Any]]]:
    """Partners and children as the case page shows them: name, and for a child the birth
    date, the age and whether it is under :data:`JONG_KIND_JAREN`.

    Bron: BRP API Personen 2.7.0, schemas Partner, Kind, NaamGerelateerde.
    Status: techniek
    """

    def naam_van(item: Mapping[str, Any]) -> str:
        naam = _deel(item, "naam")
        return " ".join(p for p in (_tekst(naam.get("voornamen")), geslachtsnaam(naam)) if p)

    partners = [
        {"naam": naam_van(p), "verbintenis": _omschrijving(p.get("soortVerbintenis"))}
        for p in persoon.get("partners") or []
        if isinstance(p, Mapping)
    ]
    kinderen = []
    for kind in persoon.get("kinderen") or []:
        if not isinstance(kind, Mapping):
            continue
        geboorte = _deel(kind, "geboorte")
        geboren = datum(geboorte.get("datum"))
        jaren = leeftijd(geboren, vandaag)
        kinderen.append(
            {
                "naam": naam_van(kind),
                "geboortedatum": geboren,
                "leeftijd": jaren,
                "jong": jaren is not None and jaren < JONG_KIND_JAREN,
            }
        )
    return {"partners": partners, "kinderen": kinderen}


def gewijzigde_velden(oud: Mapping[str, Any], nieuw: Mapping[str, Any]) -> list[str]:
    """The names of Koers' fields whose value the BRP's answer changes (for the timeline,
    which holds field names, never the values).

    Bron: docs/development/principles.md rule 5 (de tijdlijn bewaart veldnamen).
    Status: techniek
    """
    return [veld for veld in KOERS_VELDEN if veld in nieuw and oud.get(veld) != nieuw[veld]]


def wachttijd(pogingen: int) -> timedelta:
    """How long to wait after the ``pogingen``-th failed fetch: doubling from
    :data:`WACHTTIJD_EERSTE`, at most :data:`WACHTTIJD_MAX`.

    Bron: BRP API Personen 2.7.0, responses 429 and 503 (de BRP is tijdelijk niet beschikbaar:
    later opnieuw).
    Status: techniek
    """
    stappen = max(0, pogingen - 1)
    if stappen >= 12:
        return WACHTTIJD_MAX
    return min(WACHTTIJD_EERSTE * (2**stappen), WACHTTIJD_MAX)
