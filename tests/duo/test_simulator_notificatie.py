"""The simulator sends DUO's notifications: to a tiny receiver and to Koers' own endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from koers.duo import spec
from koers.duo.models import Notificatie
from koers.duo.simulator import app
from tests.duo.simulator_hulp import (  # noqa: F401  (fixtures)
    AMIRA,
    CRANENDONCK_OIN,
    SCENARIO,
    SEMHAR,
    WEERT_OIN,
    duo_fixture,
    duo_sim_server_fixture,
)


class _Ontvanger(BaseHTTPRequestHandler):
    ontvangen: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.ontvangen.append((self.path, dict(self.headers), json.loads(body)))
        self.send_response(201)
        self.send_header("API-Version", "1.8.0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        """Quiet: the test reads what arrived, not a log."""


@pytest.fixture
def ontvanger():
    _Ontvanger.ontvangen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ontvanger)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Ontvanger.ontvangen
    server.shutdown()
    server.server_close()


def _check(ontvangen, doel_oin, gebeurtenis, bsn):
    pad, headers, body = ontvangen
    assert pad == "/duo/v1/notificaties"
    kop = {"bron": headers["bron"], "doel": headers["doel"], "berichtId": headers["berichtId"]}
    assert (
        spec.validate_request("opvoerenNotificatie", path_params={}, headers=kop, body=body) == []
    )
    assert kop["bron"] == settings.DUO_OIN
    assert kop["doel"] == doel_oin
    assert body["gebeurtenisId"] == gebeurtenis
    assert body["bsn"] == bsn


def test_notificeer_endpoint_sends_a_valid_notification_to_the_woongemeente(duo, ontvanger):
    url, ontvangen = ontvanger
    duo.sim.koers_url = url
    antwoord = duo.http.post(
        duo.beheer + "/notificeer", json={"gebeurtenisId": "SS139", "bsn": AMIRA}
    )
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json()["status"] == 201
    _check(ontvangen[0], WEERT_OIN, "SS139", AMIRA)
    assert ontvangen[0][2]["vNummer"] == 9900000001
    assert ontvangen[0][1]["berichtId"] == antwoord.json()["berichtId"]

    # A COA resident: the notification goes to the gemeente COA linked them to.
    duo.http.post(duo.beheer + "/notificeer", json={"gebeurtenisId": "SS101", "bsn": SEMHAR})
    _check(ontvangen[1], CRANENDONCK_OIN, "SS101", SEMHAR)


def test_notificeer_refuses_what_duo_would_never_send(duo, ontvanger):
    url, ontvangen = ontvanger
    duo.sim.koers_url = url
    fout = duo.http.post(
        duo.beheer + "/notificeer", json={"gebeurtenisId": "ss-139!", "bsn": AMIRA}
    )
    assert fout.status_code == 400
    assert "Notificatie-API" in fout.json()["fout"]
    onbekend = duo.http.post(
        duo.beheer + "/notificeer", json={"gebeurtenisId": "SS139", "gemeentecode": "9999"}
    )
    assert onbekend.status_code == 400
    assert ontvangen == []


def test_the_page_lists_persons_and_its_form_sends(duo, ontvanger):
    url, ontvangen = ontvanger
    duo.sim.koers_url = url
    pagina = duo.http.get(duo.beheer + "/")
    assert pagina.status_code == 200
    assert "Amira Al-Hassan" in pagina.text
    assert 'action="/_sim/notificeer"' in pagina.text
    # Its content sits in a main landmark (axe "region"), like every page of Koers.
    assert pagina.text.count("<main>") == 1 and "<h1>DUO-simulator</h1>" in pagina.text
    assert pagina.text.index("<main>") < pagina.text.index("<h1>") < pagina.text.index("</main>")
    assert "<script" not in pagina.text  # plain HTML, no external assets
    assert 'src="http' not in pagina.text and 'href="http' not in pagina.text
    verstuurd = duo.http.post(
        duo.beheer + "/notificeer",
        data={
            "bsn": AMIRA,
            "gebeurtenisId": "SS102",
            "gebeurtenisId_anders": "",
            "gemeentecode": "",
        },
    )
    assert verstuurd.status_code == 303
    assert "status+201" in verstuurd.headers["Location"]
    _check(ontvangen[0], WEERT_OIN, "SS102", AMIRA)


def test_cli_notificeer(tmp_path, ontvanger):
    url, ontvangen = ontvanger
    bestand = tmp_path / "scenario.json"
    bestand.write_text(json.dumps(SCENARIO), encoding="utf-8")
    call_command(
        "duo-sim",
        "--scenario",
        str(bestand),
        "--koers-url",
        url,
        "notificeer",
        "ss139",
        "--bsn",
        AMIRA,
        "--gemeente",
        "0988",
    )
    _check(ontvangen[0], WEERT_OIN, "SS139", AMIRA)
    with pytest.raises(CommandError, match="niet bereikbaar"):
        call_command(
            "duo-sim",
            "--scenario",
            str(bestand),
            "--koers-url",
            "http://127.0.0.1:9",
            "notificeer",
            "SS139",
            "--bsn",
            AMIRA,
        )


@pytest.mark.django_db(transaction=True)
def test_notification_reaches_koers_live_endpoint(live_server, weert):
    data = app.scenario.normaliseer(SCENARIO, app.date.today(), settings.DUO_OIN)
    sim = app.Simulator(data, koers_url=live_server.url, duo_oin=settings.DUO_OIN)
    resultaat = sim.notificeer("SS139", bsn=AMIRA)
    assert resultaat.status == 201, resultaat.antwoord
    notificatie = Notificatie.objects.get()
    assert (notificatie.gemeente, notificatie.gebeurtenis_id, notificatie.bsn) == (
        weert,
        "SS139",
        AMIRA,
    )
    assert str(notificatie.bericht_id) == resultaat.bericht_id
