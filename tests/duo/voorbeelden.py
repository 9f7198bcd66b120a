"""Valid and broken DUO messages, constructed from a (resolved) OpenAPI schema.

Used by the table-driven spec tests, which walk DUO's files in ``shared/duo-m2m`` (beside the
repository) so that every operation DUO publishes is covered without listing it by hand.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from koers.duo import spec

#: DUO's folder beside the repository root (…/work/main → …/work/shared/duo-m2m).
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "duo-m2m"
SHARED_API = SHARED / "API"
SHARED_ONTBREEKT = f"DUO's definities ontbreken naast de repository ({SHARED_API.resolve()})"

GEMEENTE_OIN = "00000001001234567890"  # Weert, as in tests/conftest.py
DUO_OIN = "00000001234567890000"
BSN = "123456782"

#: A value that matches each pattern used in DUO's files. A new pattern in a new file makes
#: :func:`voorbeeld` fail with a clear message: add a sample here.
PATRONEN: dict[str, str] = {
    r"\d{9}": BSN,
    r"\d{4}": "0988",
    r"^[0-9A-Z]{1,6}$": "SS101",
    r"^\d{1,10}$": "12345",
    r"([1-9]{1}[0-9]{3}[A-Z]{2})": "6001AB",
    r"([0-9]{2}[A-Z]{2})": "12AB",
    r"^(\d{1,3}\,\d{2})$": "12,50",
    r"[\s'‘.\p{L}\p{Pd}]{0,100}": "Fatima el-Amrani",
    r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$": "+31 6 12345678",
    spec.SEMVER: "1.0.0",
}


class OnbekendPatroon(LookupError):
    """A pattern in DUO's files for which no example value is known yet."""


def voorbeeld(schema: dict[str, Any], *, volledig: bool = True) -> Any:
    """A valid instance of ``schema``: with every property (``volledig``) or only the
    required ones."""
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object":
        properties = schema.get("properties", {})
        names = list(properties) if volledig else schema.get("required", [])
        return {name: voorbeeld(properties[name], volledig=volledig) for name in names}
    if kind == "array":
        return [
            voorbeeld(schema["items"], volledig=volledig)
            for _ in range(max(1, schema.get("minItems", 1)))
        ]
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 1), min(1, schema.get("maximum", 1)))
    if kind == "boolean":
        return True
    if kind == "string":
        formats = {
            "date": "2026-03-01",
            "date-time": "2026-03-01T10:15:00+01:00",
            "uuid": str(uuid.uuid4()),
        }
        if schema.get("format") in formats:
            return formats[schema["format"]]
        if "pattern" in schema:
            try:
                return PATRONEN[schema["pattern"]]
            except KeyError:
                raise OnbekendPatroon(
                    f"Geen voorbeeld voor patroon {schema['pattern']!r}: "
                    "voeg er een toe aan PATRONEN."
                ) from None
        length = max(schema.get("minLength", 1), 1)
        return "x" * min(length, schema.get("maxLength", length))
    raise AssertionError(f"Onbekend schema: {schema}")


def fout_type(schema: dict[str, Any]) -> Any:
    """A value of the wrong type (or outside the enum) for ``schema``."""
    if "enum" in schema:
        return "GEEN-WAARDE-UIT-DE-LIJST"
    return {
        "object": "tekst",
        "array": {"geen": "lijst"},
        "integer": "1",
        "number": "1",
        "boolean": "ja",
        "string": 12345,
    }[schema["type"]]


def headers(bericht_id: str | None = None) -> dict[str, str]:
    return {"bron": GEMEENTE_OIN, "doel": DUO_OIN, "berichtId": bericht_id or str(uuid.uuid4())}


def pad_parameters(operation: spec.Operation) -> dict[str, Any]:
    return {p.name: voorbeeld(p.schema) for p in operation.path_params}


@dataclass(frozen=True)
class GedeeldeOperatie:
    """One operation as DUO's shared file describes it, with every $ref resolved."""

    api: str
    method: str
    path: str
    operation_id: str
    body_schema: dict[str, Any] | None
    parameters: tuple[dict[str, Any], ...]

    def __str__(self):
        return self.operation_id


def gedeelde_operaties() -> list[GedeeldeOperatie]:
    """Every operation in DUO's shared files (read from there, not from our copy)."""
    found = []
    for bestand in sorted(SHARED_API.glob("*/openapi.yml")):
        document = spec.load_document(bestand)
        for path, item in document["paths"].items():
            for method, op in item.items():
                if method not in {"get", "put", "post", "delete", "patch"}:
                    continue
                op = spec.resolve(op, document)
                body = op.get("requestBody")
                found.append(
                    GedeeldeOperatie(
                        api=bestand.parent.name,
                        method=method.upper(),
                        path=path,
                        operation_id=op["operationId"],
                        body_schema=body["content"]["application/json"]["schema"] if body else None,
                        parameters=tuple(op.get("parameters", [])),
                    )
                )
    return found
