"""RvIG's BRP API Personen 2.7.0 as schema validators: Koers checks what it sends and what
it receives against the vendored specification (``openapi/openapi.yaml``, OpenAPI 3.1).

The file is loaded once per process; one validator per schema (openapi-schema-validator's
``OAS31Validator``, JSON Schema 2020-12 as OpenAPI 3.1 reads it) resolves the file's local
``$ref`` through a ``referencing`` registry. The ``discriminator`` of the abstract schemas is
an annotation in OpenAPI 3.1, not a rule: the request is checked against the concrete
schema of its ``type`` (``RaadpleegMetBurgerservicenummer``) and the answer against the
concrete answer schema.

Error texts name the place and the rule that was broken (``$.personen[0].naam.voornamen:
pattern``), never the value, so they can be logged and stored without leaking a BSN or a
name.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema import ValidationError
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PAD = Path(__file__).resolve().parent / "openapi" / "openapi.yaml"
SPEC_URI = "urn:koers:brp:openapi"
MAX_FOUTEN = 10  # enough to tell what is wrong; an answer of 20 persons could give hundreds


@functools.cache
def document() -> dict[str, Any]:
    """The specification, loaded once per process."""
    with SPEC_PAD.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def versie() -> str:
    return str(document()["info"]["version"])


@functools.cache
def _registry() -> Registry:
    resource = Resource.from_contents(document(), default_specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


@functools.cache
def validator(schema: str) -> OAS31Validator:
    """The validator of one schema of ``components/schemas``, built once per process."""
    if schema not in document()["components"]["schemas"]:
        raise KeyError(f"de BRP API kent geen schema {schema!r}")
    return OAS31Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/{schema}"},
        registry=_registry(),
        format_checker=oas31_format_checker,
    )


def _pad(fout: ValidationError) -> str:
    return fout.json_path


def fouten(schema: str, waarde: Any) -> list[str]:
    """What is wrong with ``waarde`` against ``schema``; empty when it is valid. Each item is
    ``<place>: <rule>`` and never quotes the value."""
    gevonden = sorted(validator(schema).iter_errors(waarde), key=lambda f: list(f.absolute_path))
    uit: list[str] = []
    for fout in gevonden:
        # allOf/anyOf report their inner errors as context; the innermost names the rule.
        diepste = fout
        while diepste.context:
            diepste = min(diepste.context, key=lambda f: len(f.absolute_path))
        tekst = f"{_pad(diepste)}: {diepste.validator}"
        if tekst not in uit:
            uit.append(tekst)
        if len(uit) >= MAX_FOUTEN:
            break
    return uit


def verzoek_fouten(body: Any) -> list[str]:
    """A ``POST /personen`` body: the concrete schema of its ``type``."""
    soort = body.get("type") if isinstance(body, dict) else None
    if soort not in document()["components"]["schemas"]:
        return ["$.type: onbekend type vraag"]
    return fouten(str(soort), body)


def antwoord_fouten(body: Any, soort: str = "RaadpleegMetBurgerservicenummer") -> list[str]:
    """A 200 answer to a ``soort`` query: ``<soort>Response``, with the same ``type``."""
    if not isinstance(body, dict) or body.get("type") != soort:
        return ["$.type: is niet het type van de vraag"]
    return fouten(f"{soort}Response", body)


def probleem_fouten(status: int, body: Any) -> list[str]:
    """An error answer (RFC 7807): ``BadRequestFoutbericht`` for 400, else ``Foutbericht``."""
    return fouten("BadRequestFoutbericht" if status == 400 else "Foutbericht", body)
