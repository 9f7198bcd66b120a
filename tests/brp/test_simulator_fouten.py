"""Requests the BRP refuses: 400 problem+json with invalidParams as RvIG gives them, 401
without the API key, 415 for another content type."""

import httpx
import pytest

from tests.brp.simulator_hulp import GEWOON, schema_fouten, valid_bsn, vraag


def post(brp_sim, body, **kwargs):
    return httpx.post(f"{brp_sim.base_url}/personen", json=body, timeout=5, **kwargs)


def probleem(antwoord, status=400) -> dict:
    assert antwoord.status_code == status, antwoord.text
    assert antwoord.headers["content-type"].startswith("application/problem+json")
    body = antwoord.json()
    # RvIG's own names (fields[0]) and details (with a colon) go beyond the file's patterns
    assert schema_fouten("BadRequestFoutbericht", body, patronen=False) == []
    assert body["status"] == status
    assert body["instance"] == "/haalcentraal/api/brp/personen"
    return body


def params(body) -> set[tuple[str, str]]:
    return {(p["code"], p["name"]) for p in body["invalidParams"]}


@pytest.mark.parametrize(
    ("body", "verwacht"),
    [
        (vraag(["12345"], ["naam"]), {("pattern", "burgerservicenummer[0]")}),
        (vraag([valid_bsn(i) for i in range(21)], ["naam"]), {("maxItems", "burgerservicenummer")}),
        (vraag([], ["naam"]), {("minItems", "burgerservicenummer")}),
        (vraag([GEWOON], []), {("minItems", "fields")}),
        (
            vraag([GEWOON], ["naam"], gemeenteVanInschrijving="988"),
            {("pattern", "gemeenteVanInschrijving")},
        ),
        # raadplegen returns the dead anyway: the parameter is not in its schema
        (
            vraag([GEWOON], ["naam"], inclusiefOverledenPersonen=True),
            {("unknownParam", "inclusiefOverledenPersonen")},
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Haddad",
                "geboortedatum": "1990-01-01",
                "inclusiefOverledenPersonen": "ja",
                "fields": ["naam"],
            },
            {("boolean", "inclusiefOverledenPersonen")},
        ),
        (vraag([GEWOON], ["naam"], onbekend=1), {("unknownParam", "onbekend")}),
        (vraag([GEWOON], ["naam", "bestaatNiet"]), {("fields", "fields[1]")}),
        (vraag([GEWOON], ["geheimhoudingPersoonsgegevens"]), {("fields", "fields[0]")}),
        (vraag([GEWOON], ["naam.inOnderzoek"]), {("fields", "fields[0]")}),
        ({"type": "ZoekMetIets", "fields": ["naam"]}, {("value", "type")}),
    ],
)
def test_invalid_bodies_get_a_400_with_invalid_params(brp_sim, body, verwacht):
    body = probleem(post(brp_sim, body))
    assert body["code"] == "paramsValidation"
    assert body["title"] == "Een of meerdere parameters zijn niet correct."
    assert params(body) == verwacht
    assert body["detail"] == f"De foutieve parameter(s) zijn: {next(iter(verwacht))[1]}."


def test_missing_parameters_are_a_params_combination(brp_sim):
    body = probleem(post(brp_sim, {"type": "RaadpleegMetBurgerservicenummer"}))
    assert body["code"] == "paramsCombination"
    assert params(body) == {("required", "burgerservicenummer"), ("required", "fields")}
    assert all(p["reason"] == "Parameter is verplicht." for p in body["invalidParams"])


def test_unknown_and_forbidden_fields_have_rvigs_reasons(brp_sim):
    body = probleem(post(brp_sim, vraag([GEWOON], ["bestaatNiet", "rni"])))
    assert [p["reason"] for p in body["invalidParams"]] == [
        "Parameter bevat een niet bestaande veldnaam.",
        "Parameter bevat een niet toegestane veldnaam.",
    ]


def test_no_json_is_a_400_and_another_content_type_a_415(brp_sim):
    url = f"{brp_sim.base_url}/personen"
    geen_json = httpx.post(url, content=b"{", headers={"Content-Type": "application/json"})
    assert probleem(geen_json)["code"] == "paramsValidation"
    tekst = httpx.post(url, content=b"{}", headers={"Content-Type": "text/plain"})
    assert probleem(tekst, 415)["code"] == "unsupported"


def test_the_api_key_is_checked_when_the_simulator_has_one(brp_sim):
    brp_sim.sim.api_key = "geheime-sleutel"
    zonder = post(brp_sim, vraag([GEWOON], ["naam"]))
    assert probleem(zonder, 401)["code"] == "authentication"
    fout = post(brp_sim, vraag([GEWOON], ["naam"]), headers={"X-API-KEY": "andere"})
    assert fout.status_code == 401
    goed = post(brp_sim, vraag([GEWOON], ["naam"]), headers={"X-API-KEY": "geheime-sleutel"})
    assert goed.status_code == 200
    assert len(brp_sim.sim.ontvangen) == 1  # refused requests are not recorded


def test_other_paths_and_methods(brp_sim):
    assert httpx.get(f"{brp_sim.base_url}/personen").status_code == 405
    assert httpx.post(f"{brp_sim.base_url}/andere", json={}).status_code == 404
