"""DUO's interface definitions as Python objects, and validation of messages against them.

The OpenAPI 3.0 files in ``openapi/`` are verbatim copies of DUO's published definitions
(``shared/duo-m2m/API``; a test keeps them identical). Two read-only APIs DUO announced but did
not publish in that folder, **Boete** and **Verlenging**, are defined below from RULES.md
("Read-only APIs") with the same header convention; they are marked ``afgeleid=True``.

Everything that sends or receives a DUO message validates it here — the client before it sends
and after it receives, the Notificatie endpoint on arrival, the simulator both ways:

- :func:`operation` / :func:`operations` — the operations by ``operationId``;
  :func:`find_operation` matches a concrete method + path (``/personen/123456782/PIP``).
- :func:`validate_request` (= :func:`request_fouten`) — path parameters, headers and body;
  returns the list of problems, empty when the request is valid.
- :func:`validate_response` (= :func:`response_fouten`) — status, headers and body of an
  answer, likewise.
- :func:`path_for` — the concrete path; :func:`parse_json` — strict JSON.

Schemas are validated with openapi-schema-validator's ``OAS30Validator`` (OpenAPI 3.0's
reading of JSON Schema: ``nullable``, ``int32``/``int64``) after resolving every local ``$ref``.
Two things are Koers' own: ``uuid`` is checked more strictly than the library does, and
patterns are read as ECMA-262 with the ``regex`` module (``\\d`` is ASCII, ``$`` is the very
end, ``\\p{L}`` is supported). openapi-core's whole-request validators are not used: its spec
check rejects DUO's ``\\p{L}`` patterns (it compiles them with ``re``) and it builds its
schema validators again for every request, about ten times slower.

Error texts name the place and the rule that was broken, never the value itself, so they can
be logged and stored without leaking a BSN.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import regex
import yaml
from jsonschema import ValidationError, validators
from openapi_schema_validator import OAS30Validator

OPENAPI_DIR = Path(__file__).resolve().parent / "openapi"

JSON = "application/json"
SEMVER = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-]"
    r"[0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
OIN_PATTERN = r"^[0-9]{20}$"  # RULES.md "Transport": bron and doel are 20-digit OINs

#: RULES.md "Transport": functional errors are a JSON list of ``{"fouttekst": ...}``, each at
#: most 200 characters. Used for 400/403 answers whose file declares no body.
FOUTMELDINGEN_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["fouttekst"],
        "properties": {"fouttekst": {"type": "string", "maxLength": 200}},
    },
}


class SpecFout(ValueError):
    """A message does not match DUO's interface definition (raised by :meth:`Operation.pad`
    for missing path parameters). ``fouten`` lists every problem."""

    def __init__(self, operation_id: str, fouten: list[str]):
        self.operation_id = operation_id
        self.fouten = fouten
        super().__init__(f"{operation_id}: " + "; ".join(fouten))


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "path" | "header" | "query"
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class Response:
    status: int
    description: str
    schema: dict[str, Any] | None  # None: no body documented
    headers: dict[str, tuple[bool, dict[str, Any]]]  # name -> (required, schema)


@dataclass(frozen=True, eq=False)  # one object per operation: compared and hashed by identity
class Operation:
    api: str  # folder name under openapi/, e.g. "PIP"
    api_version: str  # info.version of the file, e.g. "1.2.0"
    operation_id: str
    method: str  # upper case
    path: str  # relative to the base URL (which carries /v1), e.g. "/personen/{bsn}/PIP"
    summary: str
    parameters: tuple[Parameter, ...]
    request_schema: dict[str, Any] | None
    request_required: bool
    responses: dict[int, Response] = field(repr=False)
    afgeleid: bool = False  # defined from RULES.md, not from a DUO file

    @property
    def path_params(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def header_params(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "header")

    def documented(self, status: int) -> bool:
        return status in self.responses

    def pad(self, params: Mapping[str, Any] | None = None) -> str:
        """The concrete path, e.g. ``pad({"bsn": "123456782"})`` → ``/personen/123456782/PIP``.
        Values are percent-encoded; a missing parameter raises :class:`SpecFout`."""
        params = params or {}
        missing = [p.name for p in self.path_params if params.get(p.name) in (None, "")]
        if missing:
            raise SpecFout(
                self.operation_id, [f"pad-parameter {name} ontbreekt" for name in missing]
            )
        return re.sub(r"\{([^}]+)\}", lambda m: quote(str(params[m.group(1)]), safe=""), self.path)

    def match(self, pad: str) -> dict[str, str] | None:
        """The path parameters when ``pad`` fits this operation's path template, else None."""
        found = _path_regex(self.path).match(pad)
        if not found:
            return None
        return {name: unquote(value) for name, value in found.groupdict().items()}


# --- loading -------------------------------------------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML without implicit timestamps: every value stays a JSON value (str, not date)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_document(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    if not str(document.get("openapi", "")).startswith("3.0"):
        raise ValueError(f"{path}: geen OpenAPI 3.0-bestand")
    return document


def resolve(node: Any, document: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` replaced by its target (a ``$ref``'s siblings are
    ignored, as OpenAPI 3.0 prescribes), so an operation's schemas are plain JSON values."""
    if isinstance(node, list):
        return [resolve(item, document, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"alleen lokale $ref wordt ondersteund: {ref}")
        if ref in seen:
            raise ValueError(f"kringverwijzing in $ref: {ref}")
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return resolve(target, document, (*seen, ref))
    return {key: resolve(value, document, seen) for key, value in node.items()}


def _operations_from(document: dict[str, Any], api: str, *, afgeleid: bool = False):
    version = str(document["info"]["version"])
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method, raw in item.items():
            if method not in {"get", "put", "post", "delete", "patch"}:
                continue
            op = resolve(raw, document)
            params = {(p["name"], p["in"]): p for p in resolve(shared, document)}
            params.update({(p["name"], p["in"]): p for p in op.get("parameters", [])})
            body = op.get("requestBody")
            responses = {}
            for code, resp in op["responses"].items():
                content = (resp.get("content") or {}).get(JSON)
                responses[int(code)] = Response(
                    status=int(code),
                    description=resp.get("description", ""),
                    schema=content.get("schema") if content else None,
                    headers={
                        name: (bool(h.get("required")), h.get("schema", {}))
                        for name, h in (resp.get("headers") or {}).items()
                    },
                )
            yield Operation(
                api=api,
                api_version=version,
                operation_id=op["operationId"],
                method=method.upper(),
                path=path,
                summary=op.get("summary", ""),
                parameters=tuple(
                    Parameter(p["name"], p["in"], bool(p.get("required")), p.get("schema", {}))
                    for p in params.values()
                ),
                request_schema=body["content"][JSON]["schema"] if body else None,
                request_required=bool(body and body.get("required")),
                responses=responses,
                afgeleid=afgeleid,
            )


@functools.cache
def operations() -> dict[str, Operation]:
    """Every operation of every API, keyed by operationId (loaded once per process)."""
    found: dict[str, Operation] = {}
    documents = [
        (p.parent.name, load_document(p), False) for p in sorted(OPENAPI_DIR.glob("*/openapi.yml"))
    ]
    documents += [(name, doc, True) for name, doc in _derived_documents().items()]
    for api, document, afgeleid in documents:
        for op in _operations_from(document, api, afgeleid=afgeleid):
            if op.operation_id in found:
                raise ValueError(f"operationId {op.operation_id} komt twee keer voor")
            found[op.operation_id] = op
    return found


def operation(operation_id: str) -> Operation:
    try:
        return operations()[operation_id]
    except KeyError:
        raise KeyError(f"DUO kent geen operatie {operation_id!r}") from None


def find_operation(method: str, pad: str) -> tuple[Operation, dict[str, str]] | None:
    """The operation serving ``method pad`` (pad relative to the base URL) and its path
    parameters, or None. Literal paths win over templated ones."""
    candidates = sorted(
        (op for op in operations().values() if op.method == method.upper()),
        key=lambda op: op.path.count("{"),
    )
    for op in candidates:
        params = op.match(pad)
        if params is not None:
            return op, params
    return None


@functools.cache
def _path_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{([^}]+)\}", template)
    vorm = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{vorm}$")


# --- Boete and Verlenging: derived from RULES.md ("Read-only APIs") --------------------------


def _derived_documents() -> dict[str, dict[str, Any]]:
    """Boete and Verlenging as minimal OpenAPI documents, in the shape of DUO's other
    read-only APIs (same parameters, same statuses, API-Version on every answer).
    Source: RULES.md "Read-only APIs"; replace with DUO's files once they are published."""
    parameters = {
        "Bsn": {
            "name": "bsn",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "minLength": 9, "maxLength": 9, "pattern": "\\d{9}"},
        },
        "Bron": {
            "name": "bron",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "minLength": 20, "maxLength": 20},
        },
        "Doel": {
            "name": "doel",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "minLength": 20, "maxLength": 20},
        },
        "BerichtId": {
            "name": "berichtId",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "format": "uuid"},
        },
    }
    api_version = {
        "required": True,
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": SEMVER},
    }
    descriptions = {
        400: "Fout verzoek",
        403: "Niet geautoriseerd",
        404: "Niet gevonden",
        500: "Interne server fout",
        503: "Service niet beschikbaar",
    }

    def document(title, path, operation_id, summary, schema_name, item_schema):
        responses: dict[str, Any] = {
            "200": {
                "description": "OK",
                "headers": {"API-Version": api_version},
                "content": {
                    JSON: {
                        "schema": {
                            "type": "array",
                            "items": {"$ref": f"#/components/schemas/{schema_name}"},
                        }
                    }
                },
            }
        }
        for code, text in descriptions.items():
            responses[str(code)] = {"description": text, "headers": {"API-Version": api_version}}
        return {
            "openapi": "3.0.0",
            "info": {
                "title": title,
                "version": "1.0.0",
                "description": "Afgeleid uit RULES.md; DUO heeft dit bestand nog niet "
                "gepubliceerd.",
            },
            "paths": {
                path: {
                    "get": {
                        "operationId": operation_id,
                        "summary": summary,
                        "parameters": [
                            {"$ref": f"#/components/parameters/{name}"}
                            for name in ("Bsn", "Bron", "BerichtId", "Doel")
                        ],
                        "responses": responses,
                    }
                }
            },
            "components": {"schemas": {schema_name: item_schema}, "parameters": parameters},
        }

    return {
        "Boete": document(
            "Boete API",
            "/personen/{bsn}/boetes",
            "getBoetesByBsn",
            "Opvragen van de definitief opgelegde boetes van een persoon.",
            "Boete",
            {
                "type": "object",
                "required": ["bedrag", "datum"],
                "properties": {
                    "bedrag": {
                        "type": "integer",
                        "format": "int32",
                        "minimum": 1,
                        "maximum": 9999,
                        "description": "Bedrag in hele euro's.",
                    },
                    "datum": {
                        "type": "string",
                        "format": "date",
                        "description": "Datum van het definitieve besluit.",
                    },
                },
            },
        ),
        "Verlenging": document(
            "Verlenging API",
            "/personen/{bsn}/verlengingen",
            "getVerlengingenByBsn",
            "Opvragen van de aanvragen tot verlenging van de inburgeringstermijn.",
            "Verlenging",
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


# --- schema validation ---------------------------------------------------------------------


def _is_uuid(instance: object) -> bool:
    """Only the hyphenated 8-4-4-4-12 form; the library's check (``uuid.UUID`` and four
    hyphens in place) also lets more hyphens through."""
    return not isinstance(instance, str) or bool(
        re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", instance)
    )


#: openapi-schema-validator's OAS 3.0 formats: int32 and int64, and from jsonschema date and
#: date-time (RFC 3339, through rfc3339-validator, which openapi-schema-validator requires);
#: uuid only in the form DUO writes.
_FORMATS = copy.deepcopy(OAS30Validator.FORMAT_CHECKER)
_FORMATS.checks("uuid")(_is_uuid)


@functools.cache
def _pattern(pattern: str) -> regex.Pattern[str]:
    """An ECMA-262 pattern (as OpenAPI means it) compiled with ``regex``, which reads
    ``\\p{..}`` Unicode properties itself. Two ECMA-262 meanings differ from Python's and are
    rewritten: ``\\d`` is ASCII only and ``$`` is the end of the text, not before a last
    newline."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            if pattern[i + 1] == "d":
                out.append("0-9" if in_class else "[0-9]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
        i += 1
    try:
        return regex.compile("".join(out))
    except regex.error as fout:
        raise ValueError(f"ongeldig patroon in DUO's contract: {fout}") from fout


def _pattern_keyword(validator, pattern, instance, schema):
    # The library searches with ``re`` (no \\p{L}) unless the optional ``regress`` is installed.
    if validator.is_type(instance, "string") and not _pattern(pattern).search(instance):
        yield ValidationError(f"does not match {pattern!r}")


def _enum_keyword(validator, enums, instance, schema):
    # ``nullable: true`` admits null next to the enum values, as Koers has always read it.
    if instance is None and schema.get("nullable") is True:
        return
    yield from OAS30Validator.VALIDATORS["enum"](validator, enums, instance, schema)


_Validator = validators.extend(OAS30Validator, {"pattern": _pattern_keyword, "enum": _enum_keyword})


def _location(prefix: str, path) -> str:
    text = prefix
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _describe(error: ValidationError, prefix: str) -> str:
    """A Dutch description of ``error`` that names the place and rule, never the value."""
    where = _location(prefix, error.absolute_path)
    rule, expected = error.validator, error.validator_value
    if rule == "enum" and error.schema.get("nullable") is True:
        expected = [*expected, None]
    if rule == "required":
        found = re.match(r"^'(.*)' is a required property$", error.message)
        name = found.group(1) if found else "?"
        return f"{_location(prefix, [*error.absolute_path, name])}: verplicht, ontbreekt"
    texts = {
        "type": lambda: f"moet van type {expected} zijn",
        "enum": lambda: "moet een van " + ", ".join(map(str, expected)) + " zijn",
        "format": lambda: f"is geen geldige {expected}",
        "pattern": lambda: f"voldoet niet aan het patroon {expected}",
        "minLength": lambda: f"moet minstens {expected} tekens lang zijn",
        "maxLength": lambda: f"mag hoogstens {expected} tekens lang zijn",
        "minimum": lambda: f"moet minstens {expected} zijn",
        "maximum": lambda: f"mag hoogstens {expected} zijn",
        "minItems": lambda: f"moet minstens {expected} elementen hebben",
        "maxItems": lambda: f"mag hoogstens {expected} elementen hebben",
        "additionalProperties": lambda: "bevat velden die niet zijn toegestaan",
    }
    text = texts.get(rule, lambda: f"voldoet niet aan {rule}")()
    return f"{where}: {text}"


def schema_fouten(schema: Mapping[str, Any], instance: Any, prefix: str = "body") -> list[str]:
    """Every way ``instance`` breaks ``schema`` (a resolved OpenAPI 3.0 schema), described.
    Each problem once: the library reports a null for a non-nullable type twice."""
    return _fouten(_Validator(schema, format_checker=_FORMATS), instance, prefix)


def _fouten(validator, instance: Any, prefix: str) -> list[str]:
    return sorted({_describe(error, prefix) for error in validator.iter_errors(instance)})


#: Validators of the contract's own schemas, built once per process: the Notificatie
#: endpoint validates every message DUO sends. Keyed by id(); the schema is kept alongside,
#: so the id cannot be reused while the entry exists.
_GEBOUWD: dict[int, tuple[Mapping[str, Any], Any]] = {}


def _contract_fouten(schema: Mapping[str, Any], instance: Any, prefix: str = "body") -> list[str]:
    """:func:`schema_fouten` for a schema of :func:`operations` (or a constant here)."""
    gebouwd = _GEBOUWD.get(id(schema))
    if gebouwd is None or gebouwd[0] is not schema:
        gebouwd = _GEBOUWD[id(schema)] = (schema, _Validator(schema, format_checker=_FORMATS))
    return _fouten(gebouwd[1], instance, prefix)


# --- requests and responses ----------------------------------------------------------------

_MISSING = object()


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _parameter_value(param: Parameter, value: Any) -> Any:
    """Path parameters arrive as text; read them as the type their schema declares."""
    if param.location == "path" and isinstance(value, str):
        kind = param.schema.get("type")
        if kind == "integer" and re.fullmatch(r"-?[0-9]+", value):
            return int(value)
    return value


def request_fouten(
    operation_id: str,
    *,
    path_params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    body: Any = _MISSING,
    params: Mapping[str, Any] | None = None,
) -> list[str]:
    """Every problem with a request for ``operation_id``: ``path_params``, ``headers`` (bron,
    doel, berichtId; checked only when ``headers`` is given) and ``body`` (None or left out
    for operations without a body). bron and doel must be 20-digit OINs (RULES.md
    "Transport"). ``params`` is an older name for ``path_params``."""
    op = operation(operation_id)
    fouten: list[str] = []
    path_params = path_params if path_params is not None else (params or {})
    for param in op.path_params:
        value = path_params.get(param.name)
        if value in (None, ""):
            fouten.append(f"pad-parameter {param.name}: verplicht, ontbreekt")
            continue
        fouten += _contract_fouten(
            param.schema, _parameter_value(param, value), f"pad-parameter {param.name}"
        )
    if headers is not None:
        for param in op.header_params:
            value = _header(headers, param.name)
            if value is None:
                if param.required:
                    fouten.append(f"header {param.name}: verplicht, ontbreekt")
                continue
            fouten += _contract_fouten(param.schema, value, f"header {param.name}")
            if param.name in ("bron", "doel") and not re.fullmatch(OIN_PATTERN, value):
                fouten.append(f"header {param.name}: moet een OIN van 20 cijfers zijn")
    if op.request_schema is None:
        if body is not _MISSING and body is not None:
            fouten.append("body: deze operatie heeft geen body")
    elif body is _MISSING or body is None:
        if op.request_required:
            fouten.append("body: verplicht, ontbreekt")
    else:
        fouten += _contract_fouten(op.request_schema, body)
    return fouten


#: ``validate_request(...)`` returns the list of problems; empty means valid.
validate_request = request_fouten


def response_fouten(
    operation_id: str, status: int, headers: Mapping[str, str], body: Any = _MISSING
) -> list[str]:
    """Every problem with an answer to ``operation_id``: the status must be documented, the
    documented headers present and valid (API-Version), and the body must match the
    documented schema (required for 2xx; absent when none is documented). For 400/403
    without a documented body, a body, when present, must be the Foutmelding list of
    RULES.md."""
    op = operation(operation_id)
    response = op.responses.get(status)
    if response is None:
        return [f"status {status} is niet gedocumenteerd voor {operation_id}"]
    fouten: list[str] = []
    for name, (required, header_schema) in response.headers.items():
        value = _header(headers, name)
        if value is None:
            if required:
                fouten.append(f"header {name}: verplicht, ontbreekt")
            continue
        fouten += _contract_fouten(header_schema, value, f"header {name}")
    schema: dict[str, Any] | None = response.schema
    if schema is None and status in (400, 403):
        schema = FOUTMELDINGEN_SCHEMA  # RULES.md "Transport"
    has_body = body is not _MISSING and body is not None
    if schema is None:
        if has_body:
            fouten.append(f"body: status {status} heeft geen body")
    elif not has_body:
        if response.schema is not None and 200 <= status < 300:
            fouten.append("body: verplicht, ontbreekt")
    else:
        fouten += _contract_fouten(schema, body)
    return fouten


#: ``validate_response(...)`` returns the list of problems; empty means valid.
validate_response = response_fouten


def path_for(operation_id: str, **path_params: Any) -> str:
    """The concrete path of ``operation_id``, e.g. ``path_for("getPipByBsn", bsn=...)``."""
    return operation(operation_id).pad(path_params)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is geen JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("dubbele sleutel in JSON-object")
        result[key] = value
    return result


def parse_json(content: bytes | str) -> Any:
    """Strict JSON (RFC 8259): UTF-8, no NaN/Infinity, no duplicate keys. Raises ValueError."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)


def json_bytes(body: Any) -> bytes:
    """``body`` as the UTF-8 JSON DUO receives (no NaN/Infinity)."""
    return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
        "utf-8"
    )
