"""RvIG's BRP API Personen 2.7.0 as the simulator reads it: the OpenAPI file, read from disk.

The simulator does not share Koers' reading of the file: it loads the YAML itself and checks
requests with its own code, so a misreading on one side shows up as a disagreement.

- The file: ``src/koers/brp/openapi/openapi.yaml``, RvIG's resolved specification, unchanged.
- One operation, ``POST /personen``. The body is a ``PersonenQuery`` whose ``type`` (the
  discriminator) chooses the query schema. Schemas are OpenAPI 3.1 (JSON Schema 2020-12),
  checked with openapi-schema-validator's ``OAS31Validator`` after resolving local ``$ref``.
- Errors are RFC 7807 ``application/problem+json`` in the shape RvIG answers with (its
  feature files, e.g. ``features/bevragen/persoon/geheimhouding/overzicht.feature``):
  ``title`` "Een of meerdere parameters zijn niet correct.", ``code`` ``paramsValidation``,
  ``detail`` naming the parameters, ``instance`` the path, and one ``invalidParams`` entry per
  fault. RvIG's own ``name`` values (``fields[0]``) and ``detail`` (with a colon) go beyond the
  patterns the file gives for them; the simulator answers as RvIG does.

Reasons name the parameter and the broken rule, never the value (a value can be a BSN).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema import ValidationError, validators
from openapi_schema_validator import OAS31Validator

SPEC = Path(__file__).resolve().parent.parent / "openapi" / "openapi.yaml"
INSTANCE = "/haalcentraal/api/brp/personen"
PROBLEEM = "application/problem+json"
_TYPE_400 = "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1"
PARAMS_VALIDATION = "Een of meerdere parameters zijn niet correct."
PARAMS_COMBINATION = "Minimale combinatie van parameters moet worden opgegeven."

#: RvIG's problem details per status (the examples under ``components.responses``).
PROBLEMEN = {
    401: (
        "https://datatracker.ietf.org/doc/html/rfc7235#section-3.1",
        "Niet correct geauthenticeerd.",
        "authentication",
    ),
    403: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.3",
        "U bent niet geautoriseerd voor deze operatie.",
        "autorisation",
    ),
    404: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.4",
        "Opgevraagde resource bestaat niet.",
        "notFound",
    ),
    405: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.5",
        "Gebruikte methode wordt niet ondersteund.",
        "methodNotAllowed",
    ),
    406: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.6",
        "Gevraagde contenttype wordt niet ondersteund.",
        "notAcceptable",
    ),
    415: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.13",
        "Media Type wordt niet ondersteund.",
        "unsupported",
    ),
    429: (
        "https://datatracker.ietf.org/doc/html/rfc6585#section-4",
        "Too many request",
        "tooManyRequests",
    ),
    500: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.6.1",
        "Interne server fout.",
        "serverError",
    ),
    503: (
        "https://datatracker.ietf.org/doc/html/rfc7231#section-6.6.4",
        "Bronservice BRP is tijdelijk niet beschikbaar.",
        "notAvailable",
    ),
}


class _Yaml(yaml.SafeLoader):
    """Safe YAML that keeps dates as text: a schema's values are JSON values."""


_Yaml.yaml_implicit_resolvers = {
    teken: [(tag, r) for tag, r in lijst if tag != "tag:yaml.org,2002:timestamp"]
    for teken, lijst in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@functools.cache
def document() -> dict:
    """The specification as read from disk, once per process."""
    return yaml.load(SPEC.read_text(encoding="utf-8"), Loader=_Yaml)  # noqa: S506


def ruw_schema(naam: str) -> dict:
    """``components.schemas[naam]`` with its ``$ref`` still in place."""
    return document()["components"]["schemas"][naam]


def naam_van(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _los_op(knoop: Any, gezien: frozenset[str] = frozenset()) -> Any:
    """``knoop`` with local ``$ref`` replaced by their targets (siblings of a ``$ref``, such
    as a description, are kept). A discriminator's mapping holds names, not ``$ref``; it is
    dropped where a subtype includes its base through ``allOf``, so checking a subtype does
    not dispatch back to itself."""
    if isinstance(knoop, list):
        return [_los_op(k, gezien) for k in knoop]
    if not isinstance(knoop, dict):
        return knoop
    if "$ref" in knoop:
        ref = knoop["$ref"]
        if not ref.startswith("#/components/schemas/") or ref in gezien:
            raise ValueError(f"$ref {ref} kan niet worden opgelost")
        doel = _los_op(ruw_schema(naam_van(ref)), gezien | {ref})
        rest = {k: _los_op(v, gezien) for k, v in knoop.items() if k != "$ref"}
        return {**doel, **rest} if rest else doel
    uit = {k: _los_op(v, gezien) for k, v in knoop.items()}
    if "allOf" in uit:
        uit["allOf"] = [
            {k: v for k, v in deel.items() if k != "discriminator"} for deel in uit["allOf"]
        ]
    return uit


@functools.cache
def schema(naam: str) -> dict:
    """A schema from ``components.schemas`` with every ``$ref`` resolved."""
    return _los_op(ruw_schema(naam))


def query_types() -> dict[str, str]:
    """Query ``type`` → the name of its request schema (PersonenQuery's discriminator)."""
    return {
        t: naam_van(r) for t, r in ruw_schema("PersonenQuery")["discriminator"]["mapping"].items()
    }


def antwoord_schema_naam(query_type: str) -> str:
    return naam_van(ruw_schema("PersonenQueryResponse")["discriminator"]["mapping"][query_type])


def persoon_schema_naam(query_type: str) -> str:
    """The schema of one person in the answer to ``query_type`` (Persoon, PersoonBeperkt...)."""
    antwoord = ruw_schema(antwoord_schema_naam(query_type))
    for deel in antwoord["allOf"]:
        personen = deel.get("properties", {}).get("personen")
        if personen:
            return naam_van(personen["items"]["$ref"])
    raise ValueError(f"Geen personen in het antwoordschema van {query_type}")


def toegestane_parameters(schema_naam: str) -> set[str]:
    """Every property a query schema names, through its allOf."""
    namen: set[str] = set()
    for deel in [ruw_schema(schema_naam), *ruw_schema(schema_naam).get("allOf", [])]:
        if "$ref" in deel:
            deel = ruw_schema(naam_van(deel["$ref"]))
        namen |= set(deel.get("properties", {}))
    return namen


def _discriminator(validator, discriminator, waarde, schema_data):
    """A base schema (AbstractVerblijfplaats, AbstractDatum...) holds its subtype by name in
    the discriminator's mapping: check the value against the subtype its ``type`` names."""
    if not validator.is_type(waarde, "object"):
        return
    soort = waarde.get(discriminator["propertyName"])
    if soort is None:
        return  # "required" reports it
    ref = discriminator.get("mapping", {}).get(soort)
    if ref is None:
        yield ValidationError(f"{discriminator['propertyName']} {soort!r} is geen bekend type")
        return
    yield from validator.descend(waarde, schema(naam_van(ref)))


_Validator = validators.extend(OAS31Validator, {"discriminator": _discriminator})


def fouten(schema_data: dict, waarde: Any) -> list[ValidationError]:
    """Every way ``waarde`` breaks ``schema_data``, subtypes included."""
    return list(
        _Validator(schema_data, format_checker=OAS31Validator.FORMAT_CHECKER).iter_errors(waarde)
    )


def beschrijf(fout: ValidationError) -> str:
    pad = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in fout.absolute_path)
    return f"{pad or '.'}: {fout.message[:200]}"


# ---------------------------------------------------------------- problems


def invalid_param(code: str, name: str, reason: str) -> dict:
    return {"code": code, "name": name, "reason": reason}


def _naam(pad) -> str:
    tekst = ""
    for deel in pad:
        tekst += f"[{deel}]" if isinstance(deel, int) else (f".{deel}" if tekst else str(deel))
    return tekst


def _als_invalid_param(fout: ValidationError) -> dict:
    """One jsonschema error as RvIG's invalidParam."""
    regel, verwacht = fout.validator, fout.validator_value
    if regel == "required":
        ontbreekt = fout.message.split("'")[1] if "'" in fout.message else "?"
        return invalid_param(
            "required", _naam([*fout.absolute_path, ontbreekt]), "Parameter is verplicht."
        )
    naam = _naam(fout.absolute_path)
    if regel == "type":
        teksten = {
            "array": ("array", "Parameter is geen array."),
            "boolean": ("boolean", "Waarde is geen boolean."),
            "integer": ("integer", "Waarde is geen geldig getal."),
            "string": ("string", "Waarde is geen string."),
            "object": ("object", "Waarde is geen object."),
        }
        code, reden = teksten.get(str(verwacht), ("type", f"Waarde is geen {verwacht}."))
        return invalid_param(code, naam, reden)
    teksten = {
        "pattern": f"Waarde voldoet niet aan patroon {verwacht}.",
        "maxItems": f"Array bevat meer dan {verwacht} items.",
        "minItems": f"Array bevat minder dan {verwacht} items.",
        "minimum": f"Waarde is lager dan minimum {verwacht}.",
        "maximum": f"Waarde is hoger dan maximum {verwacht}.",
        "format": "Waarde is geen geldige datum." if verwacht == "date" else "Waarde is ongeldig.",
    }
    code = "date" if regel == "format" and verwacht == "date" else str(regel)
    return invalid_param(code, naam, teksten.get(str(regel), "Waarde is ongeldig."))


def probleem(status: int, *, detail: str | None = None, title: str | None = None) -> dict:
    """RvIG's problem details for ``status`` (401, 403, 500, 503...)."""
    soort, titel, code = PROBLEMEN.get(status, PROBLEMEN[500])
    body = {
        "type": soort,
        "title": title or titel,
        "status": status,
        "instance": INSTANCE,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    return body


def bad_request(invalid_params: list[dict], *, detail: str | None = None) -> dict:
    """RvIG's 400: paramsCombination when only required parameters are missing, otherwise
    paramsValidation; the detail names every faulty parameter once."""
    alleen_verplicht = bool(invalid_params) and all(p["code"] == "required" for p in invalid_params)
    namen = list(dict.fromkeys(p["name"] for p in invalid_params))
    return {
        "type": _TYPE_400,
        "title": PARAMS_COMBINATION if alleen_verplicht else PARAMS_VALIDATION,
        "status": 400,
        "detail": detail or f"De foutieve parameter(s) zijn: {', '.join(namen)}.",
        "instance": INSTANCE,
        "code": "paramsCombination" if alleen_verplicht else "paramsValidation",
        "invalidParams": invalid_params,
    }


def controleer_query(body: Any) -> tuple[str | None, list[dict]]:
    """(query type, invalidParams) for a request body: the discriminator, the query's schema
    and the parameters it does not know. ``fields`` paths are checked by velden.py."""
    if not isinstance(body, dict):
        return None, [invalid_param("object", "body", "Body is geen JSON object.")]
    soort = body.get("type")
    if soort is None:
        return None, [invalid_param("required", "type", "Parameter is verplicht.")]
    if soort not in query_types():
        return None, [invalid_param("value", "type", "Waarde is geen geldig zoek type.")]
    schema_naam = query_types()[soort]
    gevonden = [_als_invalid_param(f) for f in fouten(schema(schema_naam), body)]
    toegestaan = toegestane_parameters(schema_naam)
    gevonden += [
        invalid_param("unknownParam", naam, "Parameter is niet verwacht.")
        for naam in body
        if naam not in toegestaan
    ]
    uniek = list({(p["code"], p["name"]): p for p in gevonden}.values())
    return soort, sorted(uniek, key=lambda p: (p["name"], p["code"]))
