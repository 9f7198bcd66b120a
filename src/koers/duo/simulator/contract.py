"""DUO's published contract as the simulator reads it: the OpenAPI files, read from disk.

The simulator does not share Koers' reading of the files (koers.duo.spec): it loads the YAML
itself and validates requests and answers with its own code, so a misreading on one side shows
up as a disagreement instead of passing silently.

- The files: ``src/koers/duo/openapi/*/openapi.yml``, the vendored copy of DUO's published
  definitions (``shared/duo-m2m/API``). Boete and Verlenging are not in that folder; RULES.md
  ("Read-only APIs") describes them, and :func:`_afgeleide_documenten` writes them down in the
  shape of DUO's other read-only APIs.
- Schemas are OpenAPI 3.0 (JSON Schema draft 4 plus ``nullable``): checked with
  openapi-schema-validator's ``OAS30Validator`` after resolving local ``$ref``, with a stricter
  ``uuid`` format. Patterns are ECMA-262 (read with ``regex``), so
  ``\\d`` means ASCII digits and an unanchored pattern only has to match somewhere
  (``search``), as OpenAPI prescribes.
- RULES.md "Transport": every request carries ``bron`` and ``doel`` (20-digit OINs) and
  ``berichtId`` (a UUID); functional errors are a list of ``{"fouttekst"}`` (at most 200 chars).

Error texts name the place and the broken rule, never the value (a value can be a BSN).
"""

from __future__ import annotations

import functools
import json
import re
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import regex
import yaml
from jsonschema import ValidationError, validators
from openapi_schema_validator import OAS30Validator

OPENAPI_DIR = Path(__file__).resolve().parent.parent / "openapi"
JSON = "application/json"
OIN = re.compile(r"[0-9]{20}")  # RULES.md "Transport": bron and doel are 20-digit OINs
FOUTMELDINGEN = {  # RULES.md "Transport": the body of a 400/403 that documents none
    "type": "array",
    "items": {
        "type": "object",
        "required": ["fouttekst"],
        "properties": {"fouttekst": {"type": "string", "maxLength": 200}},
    },
}


@dataclass(frozen=True, eq=False)
class Operatie:
    """One operation of one DUO API, with every ``$ref`` resolved."""

    api: str
    versie: str  # info.version of its file: the API-Version header of every answer
    operation_id: str
    methode: str
    pad: str  # relative to /v1, e.g. /personen/{bsn}/PIP
    parameters: tuple[dict, ...]
    body_schema: dict | None
    body_verplicht: bool
    antwoorden: dict[int, dict]  # status -> {"schema": ... | None, "headers": {...}}

    def parameters_in(self, plaats: str) -> list[dict]:
        return [p for p in self.parameters if p["in"] == plaats]

    @functools.cached_property
    def _regex(self) -> re.Pattern[str]:
        delen = re.split(r"\{([^}]+)\}", self.pad)
        return re.compile(
            "^"
            + "".join(
                re.escape(d) if i % 2 == 0 else f"(?P<{d}>[^/]+)" for i, d in enumerate(delen)
            )
            + "$"
        )

    def past(self, pad: str) -> dict[str, str] | None:
        gevonden = self._regex.match(pad)
        return (
            None if gevonden is None else {k: unquote(v) for k, v in gevonden.groupdict().items()}
        )


# ---------------------------------------------------------------- loading


class _Yaml(yaml.SafeLoader):
    """Safe YAML that keeps dates as text: a schema's values are JSON values."""


_Yaml.yaml_implicit_resolvers = {
    teken: [(tag, r) for tag, r in lijst if tag != "tag:yaml.org,2002:timestamp"]
    for teken, lijst in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _los_op(knoop: Any, document: dict, gezien: frozenset[str] = frozenset()) -> Any:
    """``knoop`` with local ``$ref`` replaced by their targets."""
    if isinstance(knoop, list):
        return [_los_op(k, document, gezien) for k in knoop]
    if not isinstance(knoop, dict):
        return knoop
    if "$ref" in knoop:
        ref = knoop["$ref"]
        if not ref.startswith("#/") or ref in gezien:
            raise ValueError(f"$ref {ref} kan niet worden opgelost")
        doel: Any = document
        for deel in ref[2:].split("/"):
            doel = doel[deel.replace("~1", "/").replace("~0", "~")]
        return _los_op(doel, document, gezien | {ref})
    return {k: _los_op(v, document, gezien) for k, v in knoop.items()}


def _uit_document(api: str, document: dict):
    versie = str(document["info"]["version"])
    for pad, item in document["paths"].items():
        gedeeld = _los_op(item.get("parameters", []), document)
        for methode, ruw in item.items():
            if methode not in ("get", "put", "post", "delete", "patch"):
                continue
            op = _los_op(ruw, document)
            params = {(p["name"], p["in"]): p for p in gedeeld}
            params.update({(p["name"], p["in"]): p for p in op.get("parameters", [])})
            body = op.get("requestBody")
            antwoorden = {}
            for code, antwoord in op["responses"].items():
                inhoud = (antwoord.get("content") or {}).get(JSON)
                antwoorden[int(code)] = {
                    "schema": inhoud.get("schema") if inhoud else None,
                    "headers": {
                        naam: (bool(h.get("required")), h.get("schema", {}))
                        for naam, h in (antwoord.get("headers") or {}).items()
                    },
                }
            yield Operatie(
                api=api,
                versie=versie,
                operation_id=op["operationId"],
                methode=methode.upper(),
                pad=pad,
                parameters=tuple(params.values()),
                body_schema=body["content"][JSON]["schema"] if body else None,
                body_verplicht=bool(body and body.get("required")),
                antwoorden=antwoorden,
            )


@functools.cache
def operaties() -> dict[str, Operatie]:
    """Every operation of every DUO API by operationId, read once per process."""
    documenten = [
        (p.parent.name, yaml.load(p.read_text(encoding="utf-8"), Loader=_Yaml))  # noqa: S506
        for p in sorted(OPENAPI_DIR.glob("*/openapi.yml"))
    ]
    if not documenten:
        raise RuntimeError(f"Geen OpenAPI-bestanden van DUO gevonden in {OPENAPI_DIR}.")
    documenten += list(_afgeleide_documenten().items())
    gevonden: dict[str, Operatie] = {}
    for api, document in documenten:
        for op in _uit_document(api, document):
            if op.operation_id in gevonden:
                raise ValueError(f"operationId {op.operation_id} staat er twee keer in")
            gevonden[op.operation_id] = op
    return gevonden


@functools.cache
def schemas(api: str) -> dict[str, dict]:
    """The resolved ``components.schemas`` of one API file (for checking scenario data)."""
    pad = OPENAPI_DIR / api / "openapi.yml"
    document = yaml.load(pad.read_text(encoding="utf-8"), Loader=_Yaml)  # noqa: S506
    return {naam: _los_op(s, document) for naam, s in document["components"]["schemas"].items()}


def operatie(operation_id: str) -> Operatie:
    return operaties()[operation_id]


def zoek(methode: str, pad: str) -> tuple[Operatie, dict[str, str]] | None:
    """The operation for ``methode pad`` and its path parameters; literal paths win."""
    kandidaten = sorted(
        (op for op in operaties().values() if op.methode == methode.upper()),
        key=lambda op: op.pad.count("{"),
    )
    for op in kandidaten:
        params = op.past(pad)
        if params is not None:
            return op, params
    return None


def pad_voor(operation_id: str, **params: Any) -> str:
    return re.sub(
        r"\{([^}]+)\}",
        lambda m: quote(str(params[m.group(1)]), safe=""),
        operatie(operation_id).pad,
    )


def _afgeleide_documenten() -> dict[str, dict]:
    """Boete and Verlenging from RULES.md "Read-only APIs", with the parameters and statuses of
    DUO's other read-only APIs. Replace by DUO's files once DUO publishes them."""
    params = [
        {
            "name": "bsn",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "minLength": 9, "maxLength": 9, "pattern": "\\d{9}"},
        },
        {
            "name": "bron",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "minLength": 20, "maxLength": 20},
        },
        {
            "name": "doel",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "minLength": 20, "maxLength": 20},
        },
        {
            "name": "berichtId",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "format": "uuid"},
        },
    ]
    versie_kop = {"API-Version": {"required": True, "schema": {"type": "string", "minLength": 1}}}

    def document(pad: str, operation_id: str, item: dict) -> dict:
        antwoorden: dict[str, Any] = {
            "200": {
                "description": "OK",
                "headers": versie_kop,
                "content": {JSON: {"schema": {"type": "array", "items": item}}},
            }
        }
        for code in ("400", "403", "404", "500", "503"):
            antwoorden[code] = {"description": code, "headers": versie_kop}
        return {
            "openapi": "3.0.0",
            "info": {"title": operation_id, "version": "1.0.0"},
            "paths": {
                pad: {
                    "get": {
                        "operationId": operation_id,
                        "parameters": params,
                        "responses": antwoorden,
                    }
                }
            },
        }

    return {
        "Boete": document(
            "/personen/{bsn}/boetes",
            "getBoetesByBsn",
            {
                "type": "object",
                "required": ["bedrag", "datum"],
                "properties": {
                    "bedrag": {"type": "integer", "minimum": 1, "maximum": 9999},
                    "datum": {"type": "string", "format": "date"},
                },
            },
        ),
        "Verlenging": document(
            "/personen/{bsn}/verlengingen",
            "getVerlengingenByBsn",
            {
                "type": "object",
                "required": ["beoordelingAanvraag", "ontvangstdatum"],
                "properties": {
                    "beoordelingAanvraag": {
                        "type": "string",
                        "enum": ["Toegekend", "Afgewezen", "InBehandeling"],
                    },
                    "datumBeoordeling": {"type": "string", "format": "date"},
                    "ontvangstdatum": {"type": "string", "format": "date"},
                },
            },
        ),
    }


# ---------------------------------------------------------------- validation


def _uuid(waarde: object) -> bool:
    return not isinstance(waarde, str) or bool(
        re.fullmatch(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", waarde)
    )


#: The library's OAS 3.0 formats (int32, int64, date, date-time); uuid only in DUO's form
#: (the library's check lets extra hyphens through).
_FORMATEN = deepcopy(OAS30Validator.FORMAT_CHECKER)
_FORMATEN.checks("uuid")(_uuid)


@functools.cache
def _patroon(ecma: str) -> regex.Pattern[str]:
    """An ECMA-262 pattern in ``regex``, which knows ``\\p{..}``; ``\\d`` becomes ASCII digits
    and ``$`` the very end, as ECMA-262 means them."""
    uit, i, in_klasse = [], 0, False
    while i < len(ecma):
        teken = ecma[i]
        if teken == "\\" and i + 1 < len(ecma):
            if ecma[i + 1] == "d":
                uit.append("0-9" if in_klasse else "[0-9]")
            else:
                uit.append(ecma[i : i + 2])
            i += 2
            continue
        if teken == "[" and not in_klasse:
            in_klasse = True
        elif teken == "]" and in_klasse:
            in_klasse = False
        elif teken == "$" and not in_klasse:
            teken = r"\Z"
        uit.append(teken)
        i += 1
    return regex.compile("".join(uit))


def _pattern(validator, patroon, waarde, schema):
    if validator.is_type(waarde, "string") and not _patroon(patroon).search(waarde):
        yield ValidationError(f"voldoet niet aan het patroon {patroon}")


# The library searches patterns with ``re`` (no \\p{L}) unless ``regress`` is installed.
_Validator = validators.extend(OAS30Validator, {"pattern": _pattern})


def _plaats(prefix: str, pad) -> str:
    return prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in pad)


def _beschrijf(fout: ValidationError, prefix: str) -> str:
    regel, verwacht = fout.validator, fout.validator_value
    if regel == "required":
        veld = re.match(r"^'(.*)' is a required property$", fout.message)
        return (
            f"{_plaats(prefix, [*fout.absolute_path, veld.group(1) if veld else '?'])}: "
            "verplicht, ontbreekt"
        )
    teksten = {
        "type": f"moet van type {verwacht} zijn",
        "enum": "moet een van " + ", ".join(map(str, verwacht or [])) + " zijn"
        if isinstance(verwacht, list)
        else "",
        "format": f"is geen geldige {verwacht}",
        "pattern": f"voldoet niet aan het patroon {verwacht}",
        "minLength": f"moet minstens {verwacht} tekens lang zijn",
        "maxLength": f"mag hoogstens {verwacht} tekens lang zijn",
        "minimum": f"moet minstens {verwacht} zijn",
        "maximum": f"mag hoogstens {verwacht} zijn",
        "additionalProperties": "bevat velden die niet zijn toegestaan",
    }
    tekst = teksten.get(regel) or f"voldoet niet aan {regel}"
    return f"{_plaats(prefix, fout.absolute_path)}: {tekst}"


def schema_fouten(schema: dict, waarde: Any, prefix: str = "body") -> list[str]:
    """Every way ``waarde`` breaks ``schema``, in Dutch."""
    return sorted(
        {
            _beschrijf(f, prefix)
            for f in _Validator(schema, format_checker=_FORMATEN).iter_errors(waarde)
        }
    )


def _kop(headers: dict, naam: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == naam.lower()), None)


_GEEN = object()


def verzoek_fouten(
    operation_id: str, *, params: dict, headers: dict | None, body: Any = _GEEN
) -> list[str]:
    """What is wrong with a request: path parameters, headers and body against the file."""
    op = operatie(operation_id)
    fouten: list[str] = []
    for p in op.parameters_in("path"):
        waarde = params.get(p["name"])
        if waarde in (None, ""):
            fouten.append(f"pad-parameter {p['name']}: verplicht, ontbreekt")
            continue
        if (
            p.get("schema", {}).get("type") == "integer"
            and isinstance(waarde, str)
            and re.fullmatch(r"-?[0-9]+", waarde)
        ):
            waarde = int(waarde)
        fouten += schema_fouten(p.get("schema", {}), waarde, f"pad-parameter {p['name']}")
    if headers is not None:
        for p in op.parameters_in("header"):
            waarde = _kop(headers, p["name"])
            if waarde is None:
                if p.get("required"):
                    fouten.append(f"header {p['name']}: verplicht, ontbreekt")
                continue
            fouten += schema_fouten(p.get("schema", {}), waarde, f"header {p['name']}")
            if p["name"] in ("bron", "doel") and not OIN.fullmatch(waarde):
                fouten.append(f"header {p['name']}: moet een OIN van 20 cijfers zijn")
    if op.body_schema is None:
        if body is not _GEEN and body is not None:
            fouten.append("body: deze operatie heeft geen body")
    elif body is _GEEN or body is None:
        if op.body_verplicht:
            fouten.append("body: verplicht, ontbreekt")
    else:
        fouten += schema_fouten(op.body_schema, body)
    return fouten


def antwoord_fouten(operation_id: str, status: int, headers: dict, body: Any = _GEEN) -> list[str]:
    """What is wrong with an answer: documented status, headers and body."""
    op = operatie(operation_id)
    antwoord = op.antwoorden.get(status)
    if antwoord is None:
        return [f"status {status} is niet gedocumenteerd voor {operation_id}"]
    fouten: list[str] = []
    for naam, (verplicht, schema) in antwoord["headers"].items():
        waarde = _kop(headers, naam)
        if waarde is None:
            if verplicht:
                fouten.append(f"header {naam}: verplicht, ontbreekt")
        else:
            fouten += schema_fouten(schema, waarde, f"header {naam}")
    schema = antwoord["schema"]
    if schema is None and status in (400, 403):
        schema = FOUTMELDINGEN
    heeft_body = body is not _GEEN and body is not None
    if schema is None:
        if heeft_body:
            fouten.append(f"body: status {status} heeft geen body")
    elif not heeft_body:
        if antwoord["schema"] is not None and 200 <= status < 300:
            fouten.append("body: verplicht, ontbreekt")
    else:
        fouten += schema_fouten(schema, body)
    return fouten


# ---------------------------------------------------------------- transport


def _geen_constante(naam: str):
    raise ValueError(f"{naam} is geen JSON")


def _uniek(paren: list[tuple[str, Any]]) -> dict:
    uit: dict = {}
    for k, v in paren:
        if k in uit:
            raise ValueError("dubbele sleutel")
        uit[k] = v
    return uit


def lees_json(inhoud: bytes) -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys (raises ValueError)."""
    return json.loads(
        inhoud.decode("utf-8"), parse_constant=_geen_constante, object_pairs_hook=_uniek
    )


def lees_body(environ) -> bytes:
    """The request body of a WSGI request (empty when there is none)."""
    try:
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    return environ["wsgi.input"].read(lengte) if lengte > 0 else b""
