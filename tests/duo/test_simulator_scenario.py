"""Scenario files: relative dates, the demo scenario against the demo data, saved state."""

import io
import json
import uuid
from datetime import date, timedelta

import pytest
from django.conf import settings

from koers.demo import organisaties as demo
from koers.demo import personen as demo_personen
from koers.demo import teksten as demo_teksten
from koers.duo import spec
from koers.duo.simulator import app, scenario
from koers.inburgeraars.rules import bsns_vanaf, doelgroepindeling, is_asielmigrant
from tests.duo.simulator_hulp import AMIRA, GET_PERSOON, SCENARIO, WEERT_OIN

NIEUWKOMERS = ("999980002", "999980014", "999980026")


def test_relative_dates():
    dag = date(2026, 1, 31)
    assert scenario.datum("vandaag", dag) == "2026-01-31"
    assert scenario.datum("vandaag-10d", dag) == "2026-01-21"
    assert scenario.datum("vandaag+2w", dag) == "2026-02-14"
    assert scenario.datum("vandaag+1m", dag) == "2026-02-28"
    assert scenario.datum("vandaag-1j", dag) == "2025-01-31"
    assert scenario.datum("2024-05-06", dag) == "2024-05-06"


def test_a_broken_scenario_says_what_is_wrong_in_dutch(tmp_path):
    bestand = tmp_path / "s.json"
    bestand.write_text('{"gemeenten": [{"code": "0988", "oin": "1"}]}', encoding="utf-8")
    with pytest.raises(scenario.ScenarioFout, match="oin \\(20 cijfers\\)"):
        scenario.lees(bestand, date.today())
    bestand.write_text("{", encoding="utf-8")
    with pytest.raises(scenario.ScenarioFout, match="geen geldige JSON"):
        scenario.lees(bestand, date.today())


def _wsgi(sim, methode, pad, headers, body=None):
    """One request straight into the WSGI app (no socket): fast for the ~700 checks below."""
    inhoud = json.dumps(body).encode() if body is not None else b""
    environ = {
        "REQUEST_METHOD": methode,
        "PATH_INFO": pad,
        "CONTENT_LENGTH": str(len(inhoud)),
        "wsgi.input": io.BytesIO(inhoud),
        **{f"HTTP_{k.upper()}": v for k, v in headers.items()},
    }
    antwoord = {}

    def start_response(status, kop):
        antwoord["status"], antwoord["headers"] = int(status.split()[0]), dict(kop)

    ruw = b"".join(sim(environ, start_response))
    return antwoord["status"], antwoord["headers"], json.loads(ruw) if ruw else None


def test_demo_scenario_matches_the_demo_data_and_every_answer_is_valid():
    data = scenario.lees(scenario.DEMO_SCENARIO, date.today(), settings.DUO_OIN)
    sim = app.Simulator(data, duo_oin=settings.DUO_OIN)
    oins = {g.code: g.oin for g in demo.GEMEENTEN}
    assert {code: g["oin"] for code, g in data["gemeenten"].items()} == oins

    reeks = bsns_vanaf(demo_personen.DEMO_BSN_PREFIX)
    for index, p in enumerate(demo_personen.PERSONEN, start=1):
        bsn = next(reeks)
        persoon = data["personen"][bsn]
        assert persoon["naam"] == f"{p.voornamen} {p.achternaam}"
        doelgroep = demo_teksten.DOELGROEPEN[p.doelgroep]
        assert persoon["doelgroep"]["gedetailleerdeDoelgroep"] == doelgroep.value
        klok = demo_personen._klokken(p, index, date.today()).klok
        assert persoon["plicht"]["begindatum"] == (klok - timedelta(days=14)).isoformat()
        if p.fase != "afgerond:verhuisd":  # moved: DUO knows the new gemeente
            assert persoon["gemeente"] == p.gemeente
            asiel = is_asielmigrant(doelgroepindeling(doelgroep))
            assert (
                persoon["vestigingsdatum"]
                == (klok if asiel else klok - timedelta(days=20)).isoformat()
            )

        bron = oins[persoon["gemeente"]]
        for operation_id in GET_PERSOON:
            status, headers, body = _wsgi(
                sim,
                "GET",
                "/v1" + spec.path_for(operation_id, bsn=bsn),
                {"bron": bron, "doel": settings.DUO_OIN, "berichtId": str(uuid.uuid4())},
            )
            assert status in (200, 404), (operation_id, body)
            assert spec.validate_response(operation_id, status, headers, body) == [], (
                operation_id,
                bsn,
            )
    # Besides the demo persons, a few newcomers Koers does not know yet: the demo sends SS139
    # for one and watches the case appear on the werkvoorraad.
    bekend = list(
        zip(
            range(len(demo_personen.PERSONEN)),
            bsns_vanaf(demo_personen.DEMO_BSN_PREFIX),
            strict=False,
        )
    )
    nieuwkomers = set(data["personen"]) - {bsn for _, bsn in bekend}
    assert nieuwkomers == set(NIEUWKOMERS)


def test_state_file_keeps_reports_across_a_restart_and_reset_returns_to_the_scenario(tmp_path):
    bestand = tmp_path / "scenario.json"
    bestand.write_text(json.dumps(SCENARIO), encoding="utf-8")
    state = tmp_path / "state.json"
    data, bewaard = app.laad(str(bestand), duo_oin=settings.DUO_OIN, state_file=str(state))
    assert bewaard is None
    sim = app.Simulator(data, duo_oin=settings.DUO_OIN, state_file=str(state))
    kop = {"bron": WEERT_OIN, "doel": settings.DUO_OIN, "berichtId": str(uuid.uuid4())}
    dagtekening = (date.today() - timedelta(days=3)).isoformat()
    status, _, _ = _wsgi(
        sim,
        "POST",
        f"/v1/personen/{AMIRA}/PIP",
        kop,
        {"dagtekeningPip": dagtekening, "leerroute": "Z"},
    )
    assert status == 201

    data, bewaard = app.laad(str(bestand), duo_oin=settings.DUO_OIN, state_file=str(state))
    herstart = app.Simulator(data, state=bewaard, duo_oin=settings.DUO_OIN, state_file=str(state))
    status, _, body = _wsgi(herstart, "GET", f"/v1/personen/{AMIRA}/PIP", kop)
    assert (status, body["pip"]["dagtekeningPip"]) == (200, dagtekening)

    herstart.reset()
    assert _wsgi(herstart, "GET", f"/v1/personen/{AMIRA}/PIP", kop)[0] == 404
    assert json.loads(state.read_text(encoding="utf-8"))["personen"][AMIRA]["pips"] == []


def test_unknown_paths_and_methods_are_404():
    data = scenario.normaliseer(SCENARIO, date.today(), settings.DUO_OIN)
    sim = app.Simulator(data, duo_oin=settings.DUO_OIN)
    assert _wsgi(sim, "GET", "/v1/bestaat/niet", {})[0] == 404
    assert _wsgi(sim, "PATCH", f"/v1/personen/{AMIRA}/PIP", {})[0] == 404
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/elders", "wsgi.input": io.BytesIO()}
    statussen = []
    tekst = b"".join(sim(environ, lambda status, kop: statussen.append(status)))
    assert statussen == ["404 Not Found"]
    assert "/_sim/" in tekst.decode()
