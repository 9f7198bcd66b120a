"""The BRP simulator's scenarios: the demo covers every person of the DUO demo, dates and
derived fields as the BRP gives them, and a wrong scenario is refused in Dutch."""

import os
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest

from koers.brp.simulator import scenario
from tests.brp.simulator_hulp import GEWOON, SCENARIO, duo_demo_bsns, schema_fouten, vraag

DAG = date(2026, 12, 6)


@pytest.fixture(scope="module")
def demo():
    return scenario.laad(None, DAG)["personen"]


def test_the_demo_has_a_person_for_every_bsn_of_the_duo_demo(demo):
    bsns = duo_demo_bsns()
    assert len(bsns) > 30
    assert [b for b in bsns if b not in demo] == []


def test_demo_persons_live_where_duo_says_and_settled_when_duo_says():
    import json

    duo = json.loads(
        (Path(scenario.__file__).parents[2] / "duo/simulator/scenario_demo.json").read_text()
    )
    demo = scenario.laad(None, DAG)["personen"]
    verschillen = []
    for p in duo["personen"]:
        brp = demo[p["bsn"]]
        if brp["gemeenteVanInschrijving"]["code"] != p["gemeente"]:
            verschillen.append(p["bsn"])
        if brp["datumInschrijvingInGemeente"]["datum"] != scenario.iso(p["vestigingsdatum"], DAG):
            verschillen.append(p["bsn"])
    assert verschillen == []


def test_the_demo_has_every_situation_and_a_child_under_six(demo):
    situaties = {p["simulator"]["situatie"] for p in demo.values()}
    assert {
        "geheimhouding",
        "naam in onderzoek",
        "adres in onderzoek",
        "overleden",
        "geemigreerd",
        "andere gemeente",
        "rni",
        "gezin",
    } <= situaties
    kinderen = [k for p in demo.values() for k in p.get("kinderen", [])]
    assert any(
        date.fromisoformat(k["geboorte"]["datum"]["datum"]).year > DAG.year - 6 for k in kinderen
    )


def test_every_demo_person_is_a_valid_brp_person_with_a_valid_bsn(demo):
    fouten = {
        bsn: schema_fouten("Persoon", {k: v for k, v in p.items() if k != "simulator"})
        for bsn, p in demo.items()
    }
    assert {b: f for b, f in fouten.items() if f} == {}
    assert all(scenario.elfproef(b) for b in demo)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("vandaag-30j", {"type": "Datum", "datum": "1996-12-06", "langFormaat": "6 december 1996"}),
        (
            "vandaag-1m-5d",
            {"type": "Datum", "datum": "2026-11-01", "langFormaat": "1 november 2026"},
        ),
        ("1990", {"type": "JaarDatum", "jaar": 1990, "langFormaat": "1990"}),
        (
            "1990-05",
            {"type": "JaarMaandDatum", "jaar": 1990, "maand": 5, "langFormaat": "mei 1990"},
        ),
        ("onbekend", {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}),
    ],
)
def test_dates_become_the_brps_date_objects(tekst, verwacht):
    assert scenario.datum_object(tekst, DAG) == verwacht


def test_the_age_is_counted_on_the_day_itself():
    p = scenario.laad(SCENARIO, DAG)["personen"][GEWOON]
    assert p["geboorte"]["datum"]["datum"] == "1996-11-26"  # vandaag-30j-10d
    assert scenario.leeftijd(p, DAG) == 30
    assert scenario.leeftijd(p, date(2027, 11, 25)) == 30
    assert scenario.leeftijd(p, date(2027, 11, 26)) == 31


@pytest.mark.parametrize(
    ("persoon", "melding"),
    [
        ({"burgerservicenummer": "123456789"}, "elfproef"),
        ({"burgerservicenummer": "999990007", "leeftijd": "oud"}, "schema Persoon"),
        (
            {"burgerservicenummer": "999990007", "verblijfplaats": {"type": "Kasteel"}},
            "schema Persoon",
        ),
        ({"burgerservicenummer": "999990007", "geboorte": {"datum": "gisteren"}}, "geen geldige"),
    ],
)
def test_a_wrong_person_is_refused_in_dutch(persoon, melding):
    with pytest.raises(scenario.ScenarioFout, match=melding):
        scenario.laad({"personen": [persoon]}, DAG)


def test_the_command_starts_and_answers(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    koers = Path(sys.executable).with_name("koers")
    proces = subprocess.Popen(  # noqa: S603
        [str(koers), "brp-sim", "--port", str(poort), "--api-key", "sleutel"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "KOERS_DEMO": "true"},
    )
    try:
        url = f"http://127.0.0.1:{poort}/haalcentraal/api/brp/personen"
        for _ in range(100):
            try:
                antwoord = httpx.post(
                    url, json=vraag(["999990007"], ["naam"]), headers={"X-API-KEY": "sleutel"}
                )
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        else:
            pytest.fail(f"brp-sim startte niet: {proces.stderr.read1().decode()}")
        assert antwoord.status_code == 200
        assert antwoord.json()["personen"][0]["naam"]["volledigeNaam"] == "Amira Al-Hassan"
        assert httpx.post(url, json=vraag(["999990007"], ["naam"])).status_code == 401
    finally:
        proces.terminate()
        proces.wait(timeout=10)
