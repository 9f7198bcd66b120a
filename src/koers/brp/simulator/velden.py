"""``fields``: which parts of a person the BRP returns, as the Haal Centraal BRP API does it.

Written from the specification's description of ``fields`` and RvIG's feature files
(``features/bevragen/persoon/**/fields*.feature``, ``geheimhouding/overzicht.feature``):

- A field is a dotted path through the person's schema (``naam``, ``naam.voornamen``,
  ``verblijfplaats.verblijfadres.postcode``, ``kinderen.naam``); a path that names an object
  returns the whole object. Through lists the path goes on into every item.
- A date (AbstractDatum) is returned whole when it or any path below it is asked.
- The BRP adds what it always delivers: ``geheimhoudingPersoonsgegevens``,
  ``opschortingBijhouding`` and ``verificatie`` when the person has them, the ``rni``
  deelnemers of the categories of the asked fields, and, in every returned object, the
  ``inOnderzoek`` flags of the returned fields with their ``datumIngangOnderzoek``.
  Asking one of these automatic fields, or a path that does not exist, is a 400.
- A discriminated object (verblijfplaats, nationaliteiten) keeps its ``type``.
"""

from __future__ import annotations

import functools
from typing import Any

from koers.brp.simulator import contract

#: Fields the BRP always delivers itself; asking them is a 400 ("niet toegestane veldnaam").
AUTOMATISCH = frozenset(
    {"inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}
)
_DATUM = "AbstractDatum"
#: RNI categories (the "categorie" of a RniDeelnemer) and the top-level fields they cover.
RNI_CATEGORIEEN = {
    "Persoon": {"aNummer", "burgerservicenummer", "geboorte", "geslacht", "leeftijd", "naam"},
    "Nationaliteit": {"nationaliteiten"},
    "Overlijden": {"overlijden"},
    "Verblijfplaats": {"verblijfplaats", "adressering", "immigratie"},
}


def _eigenschappen(
    knoop: dict, gezien: frozenset[str]
) -> dict[str, list[tuple[dict, frozenset[str]]]]:
    """The properties of a schema through ``$ref``, ``allOf`` and the subtypes of its
    discriminator, each with every schema it has in some subtype (``verblijfadres`` is
    binnenland, buitenland or a locatie) and the schema names on the way (to stop cycles)."""
    if "$ref" in knoop:
        naam = contract.naam_van(knoop["$ref"])
        if naam in gezien:
            return {}
        return _eigenschappen(contract.ruw_schema(naam), gezien | {naam})
    gevonden: dict[str, list] = {k: [(v, gezien)] for k, v in knoop.get("properties", {}).items()}
    delen = list(knoop.get("allOf", []))
    delen += [
        {"$ref": ref}
        for ref in knoop.get("discriminator", {}).get("mapping", {}).values()
        if contract.naam_van(ref) not in gezien
    ]
    for deel in delen:
        for k, v in _eigenschappen(deel, gezien).items():
            gevonden.setdefault(k, []).extend(v)
    return gevonden


def _is_datum(knoop: dict) -> bool:
    return "$ref" in knoop and contract.naam_van(knoop["$ref"]) == _DATUM


def _paden(knoop: dict, gezien: frozenset[str], prefix: str, uit: dict[str, str]) -> None:
    if knoop.get("type") == "array" and "items" in knoop:
        knoop = knoop["items"]
    if _is_datum(knoop):
        return
    for naam, schemas in _eigenschappen(knoop, gezien).items():
        pad = f"{prefix}{naam}"
        if naam in AUTOMATISCH:
            uit[pad] = "automatisch"
            continue
        for kind, kind_gezien in schemas:
            uit[pad] = "datum" if _is_datum(kind) else "veld"
            _paden(kind, kind_gezien, pad + ".", uit)


@functools.cache
def paden(persoon_schema: str) -> dict[str, str]:
    """Every field path of a person schema → "veld", "datum" or "automatisch"."""
    uit: dict[str, str] = {}
    _paden({"$ref": f"#/components/schemas/{persoon_schema}"}, frozenset(), "", uit)
    return uit


def controleer(fields: list[str], persoon_schema: str) -> list[dict]:
    """invalidParams for the ``fields`` that do not exist or may not be asked."""
    bekend = paden(persoon_schema)
    fouten = []
    for index, veld in enumerate(fields):
        if not isinstance(veld, str):
            continue  # the schema check reports it
        soort = bekend.get(veld)
        if soort is None:
            delen = veld.split(".")
            # anything below a date returns the whole date, even a path that is not there
            if any(bekend.get(".".join(delen[:i])) == "datum" for i in range(1, len(delen))):
                continue
            if any(bekend.get(".".join(delen[:i])) == "automatisch" for i in range(1, len(delen))):
                soort = "automatisch"
        if soort == "automatisch":
            fouten.append(
                contract.invalid_param(
                    "fields", f"fields[{index}]", "Parameter bevat een niet toegestane veldnaam."
                )
            )
        elif soort is None:
            fouten.append(
                contract.invalid_param(
                    "fields", f"fields[{index}]", "Parameter bevat een niet bestaande veldnaam."
                )
            )
    return fouten


def boom(fields: list[str], persoon_schema: str) -> dict:
    """The asked paths as a tree: ``{"naam": {"voornamen": None}, "verblijfplaats": None}``;
    ``None`` returns the whole value (a shorter path wins over a longer one)."""
    bekend = paden(persoon_schema)
    wortel: dict = {}
    for veld in fields:
        delen = veld.split(".")
        for i in range(1, len(delen)):
            if bekend.get(".".join(delen[:i])) == "datum":
                delen = delen[:i]
                break
        knoop = wortel
        for deel in delen[:-1]:
            if deel in knoop and knoop[deel] is None:
                break
            knoop = knoop.setdefault(deel, {})
        else:
            knoop[delen[-1]] = None
    return wortel


def filter_waarde(waarde: Any, knoop: dict) -> Any:
    """``waarde`` reduced to the asked paths, with the ``inOnderzoek`` of what is returned."""
    if isinstance(waarde, list):
        items = [filter_waarde(item, knoop) for item in waarde]
        return [i for i in items if i not in (None, {}, [])]
    if not isinstance(waarde, dict) or "langFormaat" in waarde:
        return waarde  # a date is returned whole
    uit: dict = {}
    for naam, sub in knoop.items():
        if naam not in waarde:
            continue
        gefilterd = waarde[naam] if sub is None else filter_waarde(waarde[naam], sub)
        if gefilterd not in (None, {}, []):
            uit[naam] = gefilterd
    if not uit:
        return {}
    if "type" in waarde:
        uit = {"type": waarde["type"], **uit}
    onderzoek = _onderzoek(waarde.get("inOnderzoek"), uit)
    if onderzoek:
        uit["inOnderzoek"] = onderzoek
    return uit


def _onderzoek(onderzoek: Any, uit: dict) -> dict:
    """The flags of ``onderzoek`` for the returned fields, with the dates of the onderzoek."""
    if not isinstance(onderzoek, dict):
        return {}
    vlaggen = {k: v for k, v in onderzoek.items() if isinstance(v, bool) and k in uit}
    if not vlaggen:
        return {}
    datums = {k: v for k, v in onderzoek.items() if k.startswith("datumIngangOnderzoek")}
    return {**vlaggen, **datums}


def persoon_voor_antwoord(persoon: dict, fields: list[str], persoon_schema: str) -> dict:
    """One person as the BRP returns it for ``fields``: the asked fields plus what the BRP
    always adds."""
    uit = filter_waarde(persoon, boom(fields, persoon_schema)) or {}
    uit.pop("type", None)
    if persoon.get("geheimhoudingPersoonsgegevens"):
        uit["geheimhoudingPersoonsgegevens"] = True
    for veld in ("opschortingBijhouding", "verificatie"):
        if persoon.get(veld):
            uit[veld] = persoon[veld]
    gevraagd = {f.split(".", 1)[0] for f in fields}
    rni = [
        deelnemer
        for deelnemer in persoon.get("rni") or []
        if RNI_CATEGORIEEN.get(deelnemer.get("categorie", ""), set()) & gevraagd
    ]
    if rni and "rni" in paden(persoon_schema):
        uit["rni"] = rni
    return uit
