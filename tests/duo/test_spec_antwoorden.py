"""Answers are checked against DUO's definitions: status documented, API-Version present and
semver, body as documented; 400/403 bodies as the Foutmelding list of RULES.md."""

import pytest

from koers.duo import spec

API = {"API-Version": "1.2.0"}
PIP = {"gemeentecode": "0988", "pip": {"dagtekeningPip": "2026-03-01", "leerroute": "B"}}


def test_geldig_antwoord():
    assert spec.response_fouten("getPipByBsn", 200, headers=API, body=PIP) == []
    assert spec.response_fouten("postPipByBsn", 201, headers=API) == []
    assert (
        spec.response_fouten(
            "deleteInburgeringsaanbodByBsnAndInstellingsnumer",
            204,
            headers={"api-version": "1.2.0"},
        )
        == []
    )


def test_ongedocumenteerde_status():
    assert spec.response_fouten("postPipByBsn", 200, headers=API) == [
        "status 200 is niet gedocumenteerd voor postPipByBsn"
    ]
    assert spec.response_fouten("getExamenresultatenByBsn", 503, headers=API) != []


@pytest.mark.parametrize(
    ("kop", "fout"),
    [
        ({}, "header API-Version: verplicht, ontbreekt"),
        ({"API-Version": "1.2"}, "header API-Version: voldoet niet aan het patroon"),
        ({"API-Version": "v1.2.0"}, "header API-Version: voldoet niet aan het patroon"),
    ],
)
def test_api_version_verplicht_en_semver(kop, fout):
    fouten = spec.response_fouten("getPipByBsn", 200, headers=kop, body=PIP)
    assert len(fouten) == 1 and fouten[0].startswith(fout)


def test_body_moet_aan_het_schema_voldoen():
    assert spec.response_fouten("getPipByBsn", 200, headers=API, body=None) == [
        "body: verplicht, ontbreekt"
    ]
    fouten = spec.response_fouten(
        "getPipByBsn", 200, headers=API, body={"gemeentecode": "988", "pip": {"leerroute": "X"}}
    )
    assert fouten == [
        "body.gemeentecode: moet minstens 4 tekens lang zijn",
        "body.gemeentecode: voldoet niet aan het patroon \\d{4}",
        "body.pip.dagtekeningPip: verplicht, ontbreekt",
        "body.pip.leerroute: moet een van B, O, Z zijn",
    ]
    assert spec.response_fouten("postPipByBsn", 201, headers=API, body={"x": 1}) == [
        "body: status 201 heeft geen body"
    ]
    assert spec.validate_response(
        "getVrijstellingenByBsn", 200, headers=API, body=[{"GeheleVrijstelling": {"oordeel": "Ja"}}]
    ) == [
        "body[0].GeheleVrijstelling.oordeel: moet een van Toekenning, Afwijzing zijn",
        "body[0].GeheleVrijstelling.reden: verplicht, ontbreekt",
    ]


def test_foutmeldingen_bij_400_en_403():
    fout = [{"fouttekst": "Dagtekening ligt voor de start van de inburgeringsplicht."}]
    assert spec.response_fouten("postPipByBsn", 403, headers=API, body=fout) == []
    # 400 has no documented body; RULES.md describes the same Foutmelding list
    assert spec.response_fouten("postPipByBsn", 400, headers=API, body=fout) == []
    assert spec.response_fouten("postPipByBsn", 400, headers=API) == []
    assert spec.response_fouten(
        "postPipByBsn", 400, headers=API, body=[{"fouttekst": "x" * 201}]
    ) == ["body[0].fouttekst: mag hoogstens 200 tekens lang zijn"]
    assert spec.response_fouten("postPipByBsn", 403, headers=API, body=[{}] * 51) != []


def test_boete_en_verlenging_antwoorden():
    assert (
        spec.response_fouten(
            "getBoetesByBsn", 200, headers=API, body=[{"bedrag": 340, "datum": "2026-01-15"}]
        )
        == []
    )
    assert spec.response_fouten(
        "getBoetesByBsn",
        200,
        headers=API,
        body=[{"bedrag": 0, "datum": "2026-01-15"}, {"bedrag": 10000, "datum": "15-01-2026"}],
    ) == [
        "body[0].bedrag: moet minstens 1 zijn",
        "body[1].bedrag: mag hoogstens 9999 zijn",
        "body[1].datum: is geen geldige date",
    ]
    verlenging = {"beoordelingAanvraag": "InBehandeling", "ontvangstdatum": "2026-01-15"}
    assert (
        spec.response_fouten(
            "getVerlengingenByBsn",
            200,
            headers=API,
            body=[
                verlenging,
                {
                    **verlenging,
                    "beoordelingAanvraag": "Toegekend",
                    "datumBeoordeling": "2026-02-01",
                },
            ],
        )
        == []
    )
    assert spec.response_fouten(
        "getVerlengingenByBsn", 200, headers=API, body=[{"beoordelingAanvraag": "Toekenning"}]
    ) == [
        "body[0].beoordelingAanvraag: moet een van Toegekend, Afgewezen, InBehandeling zijn",
        "body[0].ontvangstdatum: verplicht, ontbreekt",
    ]
