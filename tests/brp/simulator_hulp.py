"""The BRP simulator on a free port for the tests, with a small scenario of its own.

Persons, each named after the one situation Koers must handle: GEWOON lives in Weert (0988)
with a partner, a child under 6 and an older child; ALLEEN has no partner or children; GEHEIM
has geheimhouding (indicatie 7); IN_ONDERZOEK has the name and the address in onderzoek;
OVERLEDEN died (opschorting O); GEEMIGREERD left for abroad (opschorting E); VERHUISD is
registered in Nederweert (0946), not in Weert; RNI is a niet-ingezetene. NIET_GEVONDEN is a
valid BSN the BRP does not know.

``valideer_antwoord`` checks an answer against RvIG's file with the test's own reading of it
(jsonschema with a registry; a discriminator dispatches to the subtype its ``type`` names), so
the simulator's reading of the file is not what judges the simulator.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jsonschema import ValidationError, validators
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.factories import valid_bsn

SPEC = Path(__file__).resolve().parents[2] / "src" / "koers" / "brp" / "openapi" / "openapi.yaml"
DUO_DEMO = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "koers"
    / "duo"
    / "simulator"
    / "scenario_demo.json"
)
WEERT, NEDERWEERT = "0988", "0946"

GEWOON, ALLEEN, GEHEIM, IN_ONDERZOEK = (
    valid_bsn(801),
    valid_bsn(802),
    valid_bsn(803),
    valid_bsn(804),
)
OVERLEDEN, GEEMIGREERD, VERHUISD, RNI = (
    valid_bsn(805),
    valid_bsn(806),
    valid_bsn(807),
    valid_bsn(808),
)
NIET_GEVONDEN = valid_bsn(809)
PARTNER, KIND_JONG, KIND_OUD = valid_bsn(810), valid_bsn(811), valid_bsn(812)


def _w(code: str, omschrijving: str) -> dict:
    return {"code": code, "omschrijving": omschrijving}


def persoon(bsn: str, voornamen: str, geslachtsnaam: str, *, gemeente=WEERT, **extra) -> dict:
    """A person registered at an address in ``gemeente`` (Weert unless told)."""
    plaats = {WEERT: "Weert", NEDERWEERT: "Nederweert"}.get(gemeente, "Weert")
    return {
        "burgerservicenummer": bsn,
        "geslacht": _w("V", "vrouw"),
        "naam": {"voornamen": voornamen, "geslachtsnaam": geslachtsnaam},
        "geboorte": {"datum": "vandaag-30j-10d", "land": _w("5034", "Syrië")},
        "nationaliteiten": [{"type": "Nationaliteit", "nationaliteit": _w("0095", "Syrische")}],
        "verblijfplaats": {
            "type": "Adres",
            "datumVan": "vandaag-100d",
            "verblijfadres": {
                "officieleStraatnaam": "Maaslandlaan",
                "korteStraatnaam": "Maaslandlaan",
                "huisnummer": 12,
                "postcode": "6001AB",
                "woonplaats": plaats,
            },
        },
        "gemeenteVanInschrijving": _w(gemeente, plaats),
        "datumInschrijvingInGemeente": "vandaag-100d",
        "immigratie": {
            "landVanwaarIngeschreven": _w("5034", "Syrië"),
            "datumVestigingInNederland": "vandaag-300d",
        },
        "verblijfstitel": {
            "aanduiding": _w("27", "Vw 2000 art. 8, onder d, asiel bepaalde tijd"),
            "datumIngang": "vandaag-300d",
        },
        **extra,
    }


def _kind(bsn: str, voornamen: str, datum: str) -> dict:
    return {
        "burgerservicenummer": bsn,
        "naam": {"voornamen": voornamen, "geslachtsnaam": "Haddad"},
        "geboorte": {"datum": datum},
    }


_in_onderzoek = persoon(IN_ONDERZOEK, "Yosef", "Gebreyesus")
_in_onderzoek["naam"]["inOnderzoek"] = {
    "voornamen": True,
    "geslachtsnaam": True,
    "datumIngangOnderzoek": "vandaag-20d",
}
_in_onderzoek["verblijfplaats"]["inOnderzoek"] = {
    "type": True,
    "datumIngangOnderzoek": "vandaag-10d",
}
_buitenland = {
    "type": "VerblijfplaatsBuitenland",
    "datumVan": "vandaag-40d",
    "verblijfadres": {"regel1": "Rue 1", "regel2": "1000 Bruxelles", "land": _w("5010", "België")},
}

SCENARIO = {
    "toelichting": "Testscenario van tests/brp/simulator_hulp.py",
    "personen": [
        persoon(
            GEWOON,
            "Rania",
            "Haddad",
            partners=[
                {
                    "burgerservicenummer": PARTNER,
                    "naam": {"voornamen": "Omar", "geslachtsnaam": "Haddad"},
                    "soortVerbintenis": _w("H", "huwelijk"),
                }
            ],
            kinderen=[
                _kind(KIND_JONG, "Lana", "vandaag-3j"),
                _kind(KIND_OUD, "Adam", "vandaag-10j"),
            ],
            simulator={"situatie": "gewoon <gezin>"},
        ),
        persoon(ALLEEN, "Hiwet", "Gebremedhin"),
        persoon(GEHEIM, "Sara", "Haddad", geheimhoudingPersoonsgegevens=7),
        _in_onderzoek,
        persoon(
            OVERLEDEN,
            "Karim",
            "Haddou",
            opschortingBijhouding={"reden": _w("O", "overlijden"), "datum": "vandaag-30d"},
            overlijden={"datum": "vandaag-30d"},
        ),
        persoon(
            GEEMIGREERD,
            "Ivan",
            "Melnyk",
            opschortingBijhouding={"reden": _w("E", "emigratie"), "datum": "vandaag-40d"},
        )
        | {"verblijfplaats": _buitenland},
        persoon(VERHUISD, "Nadia", "Karimi", gemeente=NEDERWEERT),
        persoon(
            RNI,
            "Tomasz",
            "Nowak",
            gemeente="1999",
            opschortingBijhouding={"reden": _w("R", "pl is aangelegd in de rni")},
            rni=[{"deelnemer": _w("0101", "Belastingdienst"), "categorie": "Persoon"}],
        )
        | {"verblijfplaats": _buitenland},
    ],
}


def vraag(bsns, fields, **extra) -> dict:
    return {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": list(bsns),
        "fields": list(fields),
        **extra,
    }


# ---------------------------------------------------------------- the test's reading of the file

_DOCUMENT = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
_REGISTRY = Registry().with_resource(
    "urn:brp", Resource.from_contents(_DOCUMENT, default_specification=DRAFT202012)
)


def _discriminator(validator, discriminator, waarde, schema):
    """Dispatch to the subtype only from the base schema itself (not from a subtype that
    includes the base through allOf), else the check would loop."""
    if not isinstance(waarde, dict) or "allOf" in schema:
        return
    soort = waarde.get(discriminator["propertyName"])
    doel = discriminator.get("mapping", {}).get(soort)
    if soort is not None and doel is None:
        yield ValidationError(f"onbekend type {soort!r}")
    elif doel:
        naam = doel.rsplit("/", 1)[-1]
        subtype = dict(_DOCUMENT["components"]["schemas"][naam])
        subtype["allOf"] = [_base(d) if "$ref" in d else d for d in subtype.get("allOf", [])]
        yield from validator.descend(waarde, subtype)


def _base(deel: dict) -> dict:
    naam = deel["$ref"].rsplit("/", 1)[-1]
    return {
        k: v for k, v in _DOCUMENT["components"]["schemas"][naam].items() if k != "discriminator"
    }


_Validator = validators.extend(OAS31Validator, {"discriminator": _discriminator})


def schema_fouten(schema_naam: str, waarde, *, patronen: bool = True) -> list[str]:
    schema = {"$ref": f"urn:brp#/components/schemas/{schema_naam}"}
    validator = _Validator(schema, registry=_REGISTRY, format_checker=OAS31Validator.FORMAT_CHECKER)
    return [
        f"{list(f.absolute_path)}: {f.message}"
        for f in validator.iter_errors(waarde)
        if patronen or f.validator != "pattern"
    ]


def duo_demo_bsns() -> list[str]:
    return [p["bsn"] for p in json.loads(DUO_DEMO.read_text(encoding="utf-8"))["personen"]]
