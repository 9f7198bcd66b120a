"""The simulator recognises a retry: a report sent again with a berichtId it already applied
gets the same answer and is not applied twice; ``/_sim/verwerkt`` shows it."""

import uuid
from datetime import date

from tests.duo.simulator_hulp import AMIRA, duo_fixture, duo_sim_server_fixture  # noqa: F401


def _pip():
    return {"dagtekeningPip": date.today().isoformat(), "leerroute": "B"}


def _pips(duo):
    return duo.http.get(f"{duo.beheer}/personen/{AMIRA}").json()["pips"]


def test_zelfde_berichtid_wordt_een_keer_verwerkt(duo):
    bericht_id = str(uuid.uuid4())
    eerste = duo.call("postPipByBsn", bsn=AMIRA, body=_pip(), bericht_id=bericht_id)
    tweede = duo.call("postPipByBsn", bsn=AMIRA, body=_pip(), bericht_id=bericht_id)
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert tweede.headers["berichtId"] == bericht_id
    assert len(_pips(duo)) == 1
    assert duo.sim.toegepast == [("postPipByBsn", bericht_id)]
    verwerkt = duo.http.get(f"{duo.beheer}/verwerkt").json()
    assert verwerkt == {bericht_id: {"operationId": "postPipByBsn", "status": 201, "herhaald": 1}}
    # Both arrivals are in the list of received requests.
    assert [o["berichtId"] for o in duo.sim.ontvangen] == [bericht_id, bericht_id]


def test_nieuw_berichtid_is_een_nieuwe_melding(duo):
    for _ in range(2):
        assert duo.call("postPipByBsn", bsn=AMIRA, body=_pip()).status_code == 201
    assert len(_pips(duo)) == 2
    assert len(duo.sim.toegepast) == 2


def test_geweigerde_melding_wordt_niet_onthouden(duo):
    bericht_id = str(uuid.uuid4())
    fout = duo.call(
        "postPipByBsn",
        bsn=AMIRA,
        body={"dagtekeningPip": "2000-01-01", "leerroute": "B"},
        bericht_id=bericht_id,
    )
    assert fout.status_code == 400
    # After a correction the gemeente may send it again under the same berichtId.
    assert (
        duo.call("postPipByBsn", bsn=AMIRA, body=_pip(), bericht_id=bericht_id).status_code == 201
    )
    assert duo.sim.toegepast == [("postPipByBsn", bericht_id)]


def test_reset_vergeet_de_verwerkte_berichtids(duo):
    bericht_id = str(uuid.uuid4())
    duo.call("postPipByBsn", bsn=AMIRA, body=_pip(), bericht_id=bericht_id)
    duo.http.post(f"{duo.beheer}/reset")
    assert duo.sim.verwerkt == {} and duo.sim.toegepast == []
