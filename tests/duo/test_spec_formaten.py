"""The OpenAPI 3.0 details spec.py validates exactly: formats, ECMA-262 patterns, nullable,
additionalProperties, $ref resolution, strict JSON."""

import pytest

from koers.duo import spec
from koers.duo.simulator import contract


@pytest.mark.parametrize(
    ("waarde", "geldig"),
    [
        ("2026-02-28", True),
        ("2024-02-29", True),
        ("2026-02-29", False),
        ("2026-2-28", False),
        ("2026-02-28T00:00:00", False),
        ("２０２６-02-28", False),
        ("20260228", False),
    ],
)
def test_date(waarde, geldig):
    assert (spec.schema_fouten({"type": "string", "format": "date"}, waarde) == []) is geldig


@pytest.mark.parametrize(
    ("waarde", "geldig"),
    [
        ("2026-03-01T10:15:00Z", True),
        ("2026-03-01T10:15:00.123+01:00", True),
        ("2026-03-01t10:15:00z", True),
        ("2026-03-01T10:15:00", False),
        ("2026-03-01 10:15:00Z", False),
        ("2026-03-01T25:15:00Z", False),
        ("2026-03-01", False),
        ("２０２６-03-01T10:15:00Z", False),
        ("2026-03-01T10:15:60Z", False),
        ("2026-03-01T10:15:00+24:00", False),
    ],
)
def test_date_time(waarde, geldig):
    fouten = spec.schema_fouten({"type": "string", "format": "date-time"}, waarde)
    assert (fouten == []) is geldig


@pytest.mark.parametrize(
    ("waarde", "geldig"),
    [
        ("3fa85f64-5717-4562-b3fc-2c963f66afa6", True),
        ("3FA85F64-5717-4562-B3FC-2C963F66AFA6", True),
        ("3fa85f6457174562b3fc2c963f66afa6", False),
        ("{3fa85f64-5717-4562-b3fc-2c963f66afa6}", False),
        ("urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6", False),
        ("", False),
        ("3fa85f64-5717-4562-b3fc-2c96-3f66afa6", False),  # uuid.UUID ignores the extra hyphen
    ],
)
def test_uuid(waarde, geldig):
    assert (spec.schema_fouten({"type": "string", "format": "uuid"}, waarde) == []) is geldig


def test_int32_en_int64():
    assert spec.schema_fouten({"type": "integer", "format": "int32"}, 2**31 - 1) == []
    assert spec.schema_fouten({"type": "integer", "format": "int32"}, 2**31) == [
        "body: is geen geldige int32"
    ]
    assert spec.schema_fouten({"type": "integer", "format": "int64"}, 2**63) != []


def test_integer_is_geen_boolean_of_kommagetal():
    assert spec.schema_fouten({"type": "integer"}, True) != []
    assert spec.schema_fouten({"type": "integer"}, 1.5) != []


PATRONEN = [
    (r"\d{9}", "123456782", True),
    (r"\d{9}", "١٢٣٤٥٦٧٨٩", False),  # \d is ASCII in ECMA-262, not every Unicode digit
    (r"[\d]{3}", "١٢٣", False),
    (r"^\d{1,10}$", "12\n", False),  # $ is the very end, not before a final newline
    (r"^[\s'.\p{L}\p{Pd}]{0,100}$", "Éva O'Brien-Ελένη", True),
    (r"^[\s'.\p{L}\p{Pd}]{0,100}$", "Eva2", False),
    (r"[\s'‘.\p{L}\p{Pd}]{0,100}", "‘t Hooft–Çelik", True),  # en dash is Pd
    (r"^[\s'‘.\p{L}\p{Pd}]{0,100}$", "Jan_Smit", False),  # _ is Pc, not Pd
    (r"^\p{Lu}", "Émile", True),
    (r"^\p{Lu}", "émile", False),
    (r"^[\s\p{L}]+$", "Eva\u00a0Smit", True),  # no-break space is \s in ECMA-262
    (r"^[\s\p{L}]+$", "Eva\x1cSmit", False),  # a file separator is not
    (r"^(\d{1,3}\,\d{2})$", "12,50", True),
]


@pytest.mark.parametrize(("patroon", "waarde", "geldig"), PATRONEN)
def test_patronen_volgen_ecma_262(patroon, waarde, geldig):
    fouten = spec.schema_fouten({"type": "string", "pattern": patroon}, waarde)
    assert (fouten == []) is geldig
    assert all(waarde not in fout for fout in fouten)


@pytest.mark.parametrize(("patroon", "waarde", "geldig"), PATRONEN)
def test_simulator_leest_patronen_net_zo(patroon, waarde, geldig):
    fouten = contract.schema_fouten({"type": "string", "pattern": patroon}, waarde)
    assert (fouten == []) is geldig


def test_een_onleesbaar_patroon_in_het_contract_is_een_duidelijke_fout():
    with pytest.raises(ValueError, match="ongeldig patroon in DUO's contract"):
        spec.schema_fouten({"type": "string", "pattern": r"\p{Geenletter}"}, "x")


def test_nullable_en_refs_worden_opgelost():
    document = {
        "components": {
            "schemas": {
                "Kleur": {"type": "string", "enum": ["rood"], "nullable": True},
                "Ding": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["kleur"],
                    "properties": {"kleur": {"$ref": "#/components/schemas/Kleur"}},
                },
            }
        }
    }
    schema = spec.resolve({"$ref": "#/components/schemas/Ding"}, document)
    assert spec.schema_fouten(schema, {"kleur": None}) == []
    assert spec.schema_fouten(schema, {"kleur": "rood"}) == []
    assert spec.schema_fouten(schema, {"kleur": "blauw"}) == [
        "body.kleur: moet een van rood, None zijn"
    ]
    assert spec.schema_fouten(schema, {"kleur": "rood", "extra": 1}) == [
        "body: bevat velden die niet zijn toegestaan"
    ]
    with pytest.raises(ValueError, match="kringverwijzing"):
        spec.resolve({"$ref": "#/a"}, {"a": {"$ref": "#/a"}})


def test_gedeclareerde_velden_buiten_het_schema_zijn_toegestaan_zoals_openapi_zegt():
    body = {"dagtekeningPip": "2026-03-01", "leerroute": "B", "nieuwVeldVanDuo": True}
    assert spec.request_fouten("postPipByBsn", path_params={"bsn": "123456782"}, body=body) == []


@pytest.mark.parametrize(
    "tekst", ['{"a": 1, "a": 2}', '{"a": NaN}', "[Infinity]", "{'a': 1}", '{"a": 1} x', b'\xff"a"']
)
def test_strikte_json_weigert_wat_geen_json_is(tekst):
    with pytest.raises(ValueError):
        spec.parse_json(tekst)


def test_strikte_json_leest_gewone_json():
    assert spec.parse_json(b'[{"fouttekst": "\\u00e9"}]') == [{"fouttekst": "é"}]
