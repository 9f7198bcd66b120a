"""The BRP simulator over real HTTP: RaadpleegMetBurgerservicenummer with fields, as RvIG
answers."""

import httpx
import pytest

from tests.brp.simulator_hulp import (
    ALLEEN,
    GEEMIGREERD,
    GEHEIM,
    GEWOON,
    IN_ONDERZOEK,
    KIND_JONG,
    NEDERWEERT,
    NIET_GEVONDEN,
    OVERLEDEN,
    PARTNER,
    RNI,
    SCENARIO,
    VERHUISD,
    WEERT,
    schema_fouten,
    vraag,
)

ANTWOORD = "RaadpleegMetBurgerservicenummerResponse"
ALLE_BSNS = [p["burgerservicenummer"] for p in SCENARIO["personen"]]


def post(brp_sim, body, **kwargs):
    return httpx.post(f"{brp_sim.base_url}/personen", json=body, timeout=5, **kwargs)


def personen(antwoord) -> dict[str, dict]:
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.headers["content-type"].startswith("application/json")
    assert schema_fouten(ANTWOORD, antwoord.json()) == []
    return {p["burgerservicenummer"]: p for p in antwoord.json()["personen"]}


def test_every_scenario_person_answers_with_only_the_asked_fields(brp_sim):
    gevonden = personen(
        post(brp_sim, vraag(ALLE_BSNS, ["burgerservicenummer", "naam.geslachtsnaam"]))
    )
    assert set(gevonden) == set(ALLE_BSNS)
    automatisch = {"geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}
    for bsn, persoon in gevonden.items():
        assert set(persoon) - automatisch == {"burgerservicenummer", "naam"}, bsn
        assert set(persoon["naam"]) <= {"geslachtsnaam", "inOnderzoek"}, bsn


def test_a_full_person_is_schema_valid_and_has_what_koers_needs(brp_sim):
    velden = [
        "burgerservicenummer",
        "naam",
        "geboorte",
        "geslacht",
        "leeftijd",
        "nationaliteiten",
        "verblijfplaats",
        "adressering",
        "gemeenteVanInschrijving",
        "datumInschrijvingInGemeente",
        "immigratie",
        "verblijfstitel",
        "partners",
        "kinderen",
    ]
    persoon = personen(post(brp_sim, vraag([GEWOON], velden)))[GEWOON]
    assert persoon["naam"]["volledigeNaam"] == "Rania Haddad"
    assert persoon["leeftijd"] == 30
    assert persoon["geboorte"]["datum"]["type"] == "Datum"
    assert persoon["gemeenteVanInschrijving"]["code"] == WEERT
    assert persoon["verblijfplaats"]["type"] == "Adres"
    assert persoon["verblijfplaats"]["verblijfadres"]["postcode"] == "6001AB"
    assert persoon["adressering"]["adresregel1"] == "Maaslandlaan 12"
    assert persoon["adressering"]["aanhef"] == "Geachte mevrouw Haddad"
    assert [p["burgerservicenummer"] for p in persoon["partners"]] == [PARTNER]
    assert KIND_JONG in [k["burgerservicenummer"] for k in persoon["kinderen"]]
    assert persoon["verblijfstitel"]["aanduiding"]["code"] == "27"
    assert "inOnderzoek" not in persoon


def test_a_path_into_a_list_and_a_nested_object(brp_sim):
    persoon = personen(
        post(
            brp_sim,
            vraag(
                [GEWOON],
                [
                    "burgerservicenummer",
                    "kinderen.naam.voornamen",
                    "verblijfplaats.verblijfadres.woonplaats",
                ],
            ),
        )
    )[GEWOON]
    assert persoon["kinderen"] == [{"naam": {"voornamen": "Lana"}}, {"naam": {"voornamen": "Adam"}}]
    assert persoon["verblijfplaats"] == {"type": "Adres", "verblijfadres": {"woonplaats": "Weert"}}


def test_geheimhouding_is_always_added_as_true(brp_sim):
    gevonden = personen(post(brp_sim, vraag([GEHEIM, ALLEEN], ["burgerservicenummer"])))
    assert gevonden[GEHEIM] == {
        "burgerservicenummer": GEHEIM,
        "geheimhoudingPersoonsgegevens": True,
    }
    assert gevonden[ALLEEN] == {"burgerservicenummer": ALLEEN}


def test_in_onderzoek_comes_with_the_asked_fields_only(brp_sim):
    velden = ["burgerservicenummer", "naam.voornamen", "verblijfplaats"]
    persoon = personen(post(brp_sim, vraag([IN_ONDERZOEK], velden)))[IN_ONDERZOEK]
    assert persoon["naam"]["inOnderzoek"]["voornamen"] is True
    assert "geslachtsnaam" not in persoon["naam"]["inOnderzoek"]
    assert persoon["naam"]["inOnderzoek"]["datumIngangOnderzoek"]["type"] == "Datum"
    assert persoon["verblijfplaats"]["inOnderzoek"]["type"] is True
    zonder = personen(post(brp_sim, vraag([IN_ONDERZOEK], ["burgerservicenummer", "geboorte"])))[
        IN_ONDERZOEK
    ]
    assert "inOnderzoek" not in str(zonder)


def test_raadplegen_returns_the_dead_but_a_search_only_when_asked(brp_sim):
    persoon = personen(post(brp_sim, vraag([OVERLEDEN], ["burgerservicenummer", "leeftijd"])))[
        OVERLEDEN
    ]
    assert persoon["opschortingBijhouding"]["reden"]["code"] == "O"
    assert "leeftijd" not in persoon
    zoek = {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "geslachtsnaam": "Haddou",
        "geboortedatum": persoon_geboortedatum(brp_sim),
        "fields": ["burgerservicenummer"],
    }
    assert post(brp_sim, zoek).json()["personen"] == []
    zoek["inclusiefOverledenPersonen"] = True
    assert [p["burgerservicenummer"] for p in post(brp_sim, zoek).json()["personen"]] == [OVERLEDEN]


def persoon_geboortedatum(brp_sim) -> str:
    return brp_sim.sim.personen[OVERLEDEN]["geboorte"]["datum"]["datum"]


def test_emigrated_and_rni_persons(brp_sim):
    gevonden = personen(
        post(brp_sim, vraag([GEEMIGREERD, RNI], ["burgerservicenummer", "naam", "verblijfplaats"]))
    )
    assert gevonden[GEEMIGREERD]["opschortingBijhouding"]["reden"]["code"] == "E"
    assert gevonden[GEEMIGREERD]["verblijfplaats"]["type"] == "VerblijfplaatsBuitenland"
    assert gevonden[RNI]["rni"][0]["categorie"] == "Persoon"
    alleen_adres = post(brp_sim, vraag([RNI], ["verblijfplaats.datumVan"])).json()["personen"][0]
    assert "rni" not in alleen_adres  # the deelnemer delivered category Persoon only
    assert alleen_adres["opschortingBijhouding"]["reden"]["code"] == "R"


def test_gemeente_van_inschrijving_filters(brp_sim):
    body = vraag([GEWOON, VERHUISD], ["burgerservicenummer"], gemeenteVanInschrijving=WEERT)
    assert set(personen(post(brp_sim, body))) == {GEWOON}
    body["gemeenteVanInschrijving"] = NEDERWEERT
    assert set(personen(post(brp_sim, body))) == {VERHUISD}


def test_an_unknown_bsn_is_an_empty_list_not_a_404(brp_sim):
    antwoord = post(brp_sim, vraag([NIET_GEVONDEN], ["naam"]))
    assert antwoord.json() == {"type": "RaadpleegMetBurgerservicenummer", "personen": []}
    assert personen(antwoord) == {}


def test_another_query_type_answers_from_the_scenario(brp_sim):
    antwoord = post(
        brp_sim,
        {
            "type": "ZoekMetPostcodeEnHuisnummer",
            "postcode": "6001 ab",
            "huisnummer": 12,
            "geslachtsnaam": "haddad",
            "fields": ["burgerservicenummer"],
        },
    )
    assert antwoord.status_code == 200
    assert schema_fouten("ZoekMetPostcodeEnHuisnummerResponse", antwoord.json()) == []
    assert {p["burgerservicenummer"] for p in antwoord.json()["personen"]} == {GEWOON, GEHEIM}


@pytest.mark.parametrize("bsns", [[GEWOON, GEWOON]])
def test_a_bsn_asked_twice_is_returned_once(brp_sim, bsns):
    assert list(personen(post(brp_sim, vraag(bsns, ["burgerservicenummer"])))) == [GEWOON]
