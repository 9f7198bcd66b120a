"""The simulator's own reading of DUO's contract (RULES.md + OpenAPI files), over real HTTP.

Each test states a rule from RULES.md or an OpenAPI file and checks that the simulator — which
shares no code with Koers — answers as DUO would: DUO's indeling decides, "first PIP" means at
any gemeente, the termijn's einddatum is exclusive, an empty date with verwijtbaar is fine.
"""

from datetime import date, timedelta

import pytest

from koers.duo.simulator import scenario
from koers.duo.simulator.rules import plus_maanden
from tests.duo.simulator_hulp import (  # noqa: F401  (fixtures)
    AMIRA,
    BILAL,
    BOW,
    DAWIT,
    HAMID,
    LINA,
    MEHMET,
    NEDERWEERT_OIN,
    NOUR,
    RANIA,
    SAMIRA,
    SCENARIO,
    YARA,
    duo_fixture,
    duo_sim_server_fixture,
    geldig,
)


def _dag(dagen: int) -> str:
    return (date.today() + timedelta(days=dagen)).isoformat()


def _fouten(antwoord) -> list[str]:
    assert antwoord.status_code == 400, antwoord.text
    return [f["fouttekst"] for f in antwoord.json()]


# ---------------------------------------------------------------- doelgroep


def test_duo_indeling_is_served_as_stated_not_derived(duo):
    yara = duo.call("getDoelgroepByBsn", bsn=YARA)
    assert geldig("getDoelgroepByBsn", yara) == []
    assert yara.json() == {
        "gedetailleerdeDoelgroep": "Gezinsvormer",
        "indeling": "Asielstatushouder",
        "asielrechtenWijzigingVerblijfsdoel": "Behoud asielrechten",
        "begindatum": _dag(-40),
    }
    historie = duo.call("getDoelgroephistorieByBsn", bsn=YARA)
    assert geldig("getDoelgroephistorieByBsn", historie) == []
    assert [h["indeling"] for h in historie.json()] == ["Asielstatushouder"] * 2
    assert duo.call("getDoelgroepByBsn", bsn=DAWIT).json()["indeling"] == (
        "Gezinsmigrant en overige migrant"
    )


def test_missing_indeling_comes_from_the_simulators_own_table():
    def persoon(**doelgroep):
        return {
            "bsn": "123456782",
            "gemeente": "0988",
            "plicht": {"indicatorInburgeringsplicht": True},
            "doelgroep": {"begindatum": "vandaag", **doelgroep},
        }

    def indeling(**doelgroep):
        data = scenario.normaliseer(
            {"gemeenten": SCENARIO["gemeenten"], "personen": [persoon(**doelgroep)]}, date.today()
        )
        p = data["personen"]["123456782"]
        assert p["doelgroepHistorie"] == [
            {"indeling": p["doelgroep"]["indeling"], "begindatum": date.today().isoformat()}
        ]
        return p["doelgroep"]["indeling"]

    assert indeling(gedetailleerdeDoelgroep="Gezinsvormer met Asielstatushouder") == (
        "Asielstatushouder"
    )
    assert indeling(gedetailleerdeDoelgroep="Gezinsvormer") == "Gezinsmigrant en overige migrant"
    assert indeling(
        gedetailleerdeDoelgroep="Gezinsvormer",
        asielrechtenWijzigingVerblijfsdoel="Behoud asielrechten",
    ) == ("Asielstatushouder")
    assert indeling(
        gedetailleerdeDoelgroep="Asielstatushouder", indeling="Gezinsmigrant en overige migrant"
    ) == ("Gezinsmigrant en overige migrant")


def test_a_scenario_value_duo_never_sends_is_refused():
    """asielrechtenWijzigingVerblijfsdoel is an enum of four texts in the Inburgeringsplicht
    API, not a boolean; a scenario saying ``true`` is wrong, and said to be."""
    ruw = {
        "gemeenten": SCENARIO["gemeenten"],
        "personen": [
            {
                "bsn": "123456782",
                "gemeente": "0988",
                "naam": "Test",
                "plicht": {"indicatorInburgeringsplicht": True},
                "doelgroep": {
                    "gedetailleerdeDoelgroep": "Gezinsvormer",
                    "indeling": "Asielstatushouder",
                    "asielrechtenWijzigingVerblijfsdoel": True,
                },
            }
        ],
    }
    with pytest.raises(scenario.ScenarioFout, match="asielrechtenWijzigingVerblijfsdoel"):
        scenario.normaliseer(ruw, date.today())


def test_ontheffing_vrijstelling_and_exam_facts_are_served_per_the_files(duo):
    for bsn, uren in ((HAMID, 0), (SAMIRA, 400)):
        antwoord = duo.call("getOntheffingenByBsn", bsn=bsn)
        assert geldig("getOntheffingenByBsn", antwoord) == []
        deel = antwoord.json()[0]["GedeeltelijkeOntheffing"]
        assert deel["urenBelastbaarheidParticipatieactiviteit"] == uren
    vrij = duo.call("getVrijstellingenByBsn", bsn=LINA)
    assert geldig("getVrijstellingenByBsn", vrij) == []
    assert vrij.json()[0]["TijdelijkeVrijstelling"]["einddatum"] == _dag(170)
    assert (
        duo.call("getInburgeringsplichtByBsn", bsn=LINA).json()["redenGeenInburgeringsplicht"]
        == "Tijdelijke vrijstelling"
    )
    assert duo.call("getExamennummerByBsn", bsn=LINA).json() == {"examennummer": "LBT000000010"}
    pogingen = duo.call("getGratisPogingenTegoedByBsn", bsn=NOUR)
    assert geldig("getGratisPogingenTegoedByBsn", pogingen) == []
    assert {p["onderdeel"]: p["gratisPogingenTegoed"] for p in pogingen.json()} == {
        "LE": 1,
        "SP": 2,
    }
    resultaten = duo.call("getExamenresultatenByBsn", bsn=NOUR)
    assert geldig("getExamenresultatenByBsn", resultaten) == []


# ---------------------------------------------------------------- PIP


def test_intensity_follows_duos_indeling(duo):
    body = {"dagtekeningPip": _dag(-10), "leerroute": "B", "geschatteIntensiteitB1Route": 900}
    assert duo.call("postPipByBsn", bsn=YARA, body=body).status_code == 201
    assert _fouten(duo.call("postPipByBsn", bsn=DAWIT, body=body)) == [
        "De geschatte intensiteit geldt alleen voor asielstatushouders."
    ]


def test_earlier_gemeentes_pip_is_served_and_counts_as_first_pip(duo):
    pip = duo.call("getPipByBsn", bsn=NOUR)
    assert geldig("getPipByBsn", pip) == []
    assert pip.json()["gemeentecode"] == "0946"
    assert pip.json()["pip"]["leerroute"] == "B"
    # Not the first PIP at any gemeente: A2 in the B1-route is allowed now.
    assert (
        duo.call(
            "postPipByBsn",
            bsn=NOUR,
            body={"dagtekeningPip": _dag(-5), "leerroute": "B", "niveau": "A2"},
        ).status_code
        == 201
    )
    assert duo.call("getPipByBsn", bsn=NOUR).json()["gemeentecode"] == "0988"
    # Nederweert still sees the person for a month after the new PIP.
    assert duo.call("getPipByBsn", bsn=NOUR, bron=NEDERWEERT_OIN).status_code == 200
    # Amira's first PIP ever: A2 in the B1-route is refused.
    assert (
        "eerste PIP"
        in _fouten(
            duo.call(
                "postPipByBsn",
                bsn=AMIRA,
                body={"dagtekeningPip": _dag(-5), "leerroute": "B", "niveau": "A2"},
            )
        )[0]
    )


def test_changed_pip_not_before_the_first_pip_at_another_gemeente(duo):
    te_vroeg = duo.call(
        "postPipByBsn", bsn=NOUR, body={"dagtekeningPip": _dag(-301), "leerroute": "B"}
    )
    fouten = _fouten(te_vroeg)
    assert any("eerste PIP" in f for f in fouten)
    assert any("vestiging" in f for f in fouten)


def test_future_dagtekening_is_no_duo_refusal(duo):
    """RULES.md lists no rule against a dagtekening in the future (Koers may still refuse)."""
    assert (
        duo.call(
            "postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(3), "leerroute": "Z"}
        ).status_code
        == 201
    )


def test_pip_delete_blocked_by_course_hours_not_by_intake_hours(duo):
    duo.sim.state["termijnBijEerstePip"] = False
    assert (
        duo.call(
            "postPipByBsn", bsn=YARA, body={"dagtekeningPip": _dag(-10), "leerroute": "B"}
        ).status_code
        == 201
    )
    assert duo.call("updateUrenTaallesEnKnmByBSN", bsn=YARA, body={"uren": 30}).status_code == 200
    assert (
        duo.call(
            "postInburgeringsaanbodByBsnAndInstellingsnummer",
            bsn=YARA,
            instellingsnummer=BOW,
            body={"indicatorAlfabetiseringsonderwijs": "NVT", "datumInburgeringsaanbod": _dag(-5)},
        ).status_code
        == 201
    )
    assert (
        duo.call("updateUrenParticipatieAlsTaallesByBsn", bsn=YARA, body={"uren": 40}).status_code
        == 200
    )
    assert "cursusuren" in _fouten(duo.call("deletePipByBsn", bsn=YARA))[0]
    assert (
        duo.call("updateUrenParticipatieAlsTaallesByBsn", bsn=YARA, body={"uren": 0}).status_code
        == 200
    )
    assert duo.call("deletePipByBsn", bsn=YARA).status_code == 200


# ---------------------------------------------------------------- MAP and PVT


def test_empty_date_with_verwijtbaar_nee_in_the_last_two_months(duo):
    """Bilal's termijn ends in 40 days: an empty date with 'Nee' is accepted, 'Ja' is not."""
    assert duo.call("updatePvtByBsn", bsn=BILAL, body={"verwijtbaar": "Nee"}).status_code == 200
    assert duo.sim.state["personen"][BILAL]["pvt"]["verwijtbaar"] == "Nee"
    assert duo.call("getPvtByBsn", bsn=BILAL).status_code == 404  # no date to show
    assert (
        "overschreden"
        in _fouten(duo.call("updateMapByBsn", bsn=BILAL, body={"verwijtbaar": "Ja"}))[0]
    )


def test_empty_date_with_verwijtbaar_ja_after_the_termijn(duo):
    assert duo.call("updateMapByBsn", bsn=RANIA, body={"verwijtbaar": "Ja"}).status_code == 200
    assert "overschreden" in _fouten(duo.call("updatePvtByBsn", bsn=RANIA, body={}))[0]
    voor_einde = duo.call(
        "updatePvtByBsn", bsn=RANIA, body={"datumOndertekeningPvt": _dag(-20), "verwijtbaar": "Ja"}
    )
    assert "verwijtbaar moet leeg zijn" in _fouten(voor_einde)[0]
    assert (
        duo.call("updatePvtByBsn", bsn=RANIA, body={"datumOndertekeningPvt": _dag(-20)}).status_code
        == 200
    )


def test_nee_refused_when_the_termijn_ends_later_than_two_months(duo):
    termijn = duo.sim.state["personen"][BILAL]["termijn"]
    termijn["einddatum"] = plus_maanden(date.today(), 2).isoformat()
    assert duo.call("updatePvtByBsn", bsn=BILAL, body={"verwijtbaar": "Nee"}).status_code == 200
    termijn["einddatum"] = (plus_maanden(date.today(), 2) + timedelta(days=1)).isoformat()
    assert (
        "binnen twee maanden"
        in _fouten(duo.call("updateMapByBsn", bsn=BILAL, body={"verwijtbaar": "Nee"}))[0]
    )


def test_termijn_einddatum_is_exclusive(duo):
    """Inburgeringstermijn API: einddatum is "(exclusief)". On the einddatum itself the
    termijn has been exceeded; the day before it has not."""
    termijn = duo.sim.state["personen"][BILAL]["termijn"]
    termijn["einddatum"] = _dag(0)
    assert duo.call("updateMapByBsn", bsn=BILAL, body={"verwijtbaar": "Ja"}).status_code == 200
    termijn["einddatum"] = _dag(1)
    assert (
        "overschreden"
        in _fouten(duo.call("updateMapByBsn", bsn=BILAL, body={"verwijtbaar": "Ja"}))[0]
    )
    # A date on the last day (einddatum - 1) is within the termijn: no verwijtbaar needed.
    termijn["einddatum"] = _dag(0)
    assert (
        duo.call("updatePvtByBsn", bsn=BILAL, body={"datumOndertekeningPvt": _dag(-1)}).status_code
        == 200
    )


def test_zroute_completion_then_plicht_met_then_no_more_map_pvt(duo):
    assert (
        duo.call("updateMapByBsn", bsn=BILAL, body={"datumEindgesprekMap": _dag(-3)}).status_code
        == 200
    )
    voor = duo.call("updateZrouteByBsn", bsn=BILAL, body={"datumAfrondingZroute": _dag(-4)})
    assert "eindgesprek" in _fouten(voor)[0]
    assert (
        duo.call(
            "updateZrouteByBsn", bsn=BILAL, body={"datumAfrondingZroute": _dag(-2)}
        ).status_code
        == 200
    )
    na = duo.call("updatePvtByBsn", bsn=BILAL, body={"datumOndertekeningPvt": _dag(-1)})
    assert "na de afronding van de Z-route" in _fouten(na)[0]
    assert (
        "lege datum"
        in _fouten(duo.call("updatePvtByBsn", bsn=BILAL, body={"verwijtbaar": "Nee"}))[0]
    )
    assert (
        duo.call("updatePvtByBsn", bsn=BILAL, body={"datumOndertekeningPvt": _dag(-2)}).status_code
        == 200
    )
    plicht = duo.call("getInburgeringsplichtByBsn", bsn=BILAL)
    assert geldig("getInburgeringsplichtByBsn", plicht) == []
    assert plicht.json()["redenGeenInburgeringsplicht"] == "Inburgeringsplicht voldaan"
    assert plicht.json()["indicatorInburgeringsplicht"] is False
    later = duo.call("updateMapByBsn", bsn=BILAL, body={"datumEindgesprekMap": _dag(-3)})
    assert _fouten(later) == ["De inburgeringsplicht is al voldaan via de Z-route."]


# ---------------------------------------------------------------- uren and aanbod


def test_hours_kinds_per_duos_indeling(duo):
    assert (
        duo.call(
            "updateUrenParticipatieAlsTaallesByBsn",
            bsn=MEHMET,
            bron=NEDERWEERT_OIN,
            body={"uren": 120},
        ).status_code
        == 200
    )
    assert (
        duo.call("updateUrenParticipatieactiviteiten", bsn=YARA, body={"uren": 80}).status_code
        == 200
    )
    assert _fouten(
        duo.call("updateUrenParticipatieactiviteiten", bsn=DAWIT, body={"uren": 80})
    ) == ["Uren participatieactiviteiten gelden alleen voor asielstatushouders."]
    uren = duo.call("getGevolgdeUrenByBsn", bsn=MEHMET, bron=NEDERWEERT_OIN)
    assert geldig("getGevolgdeUrenByBsn", uren) == []
    assert uren.json()[0]["ParticipatieAlsTaalles"] == {"uren": 120}


def test_aanbod_follows_duos_indeling_and_the_termijn(duo):
    body = {"indicatorAlfabetiseringsonderwijs": "NVT", "datumInburgeringsaanbod": _dag(-5)}
    for bsn in (YARA, DAWIT):
        assert (
            duo.call(
                "postPipByBsn", bsn=bsn, body={"dagtekeningPip": _dag(-10), "leerroute": "B"}
            ).status_code
            == 201
        )
    assert (
        duo.call(
            "postInburgeringsaanbodByBsnAndInstellingsnummer",
            bsn=YARA,
            instellingsnummer=BOW,
            body=body,
        ).status_code
        == 201
    )
    assert _fouten(
        duo.call(
            "postInburgeringsaanbodByBsnAndInstellingsnummer",
            bsn=DAWIT,
            instellingsnummer=BOW,
            body=body,
        )
    ) == ["Een inburgeringsaanbod is alleen voor asielstatushouders."]
    # B1-route: the datum inburgeringsaanbod starts the lessons, so it lies in the termijn
    # (which DUO started the day after the dagtekening).
    op_dagtekening = duo.call(
        "postInburgeringsaanbodByBsnAndInstellingsnummer",
        bsn=YARA,
        instellingsnummer=BOW,
        body={**body, "datumInburgeringsaanbod": _dag(-10)},
    )
    assert "buiten de inburgeringstermijn" in _fouten(op_dagtekening)[0]
