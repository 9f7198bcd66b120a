"""What the client sends: the URL, bron/doel/berichtId (RULES.md "Transport"), JSON, and
nothing at all when the request breaks DUO's definitions."""

import json
import uuid

import pytest

from koers.duo.client import DuoFout
from tests.duo.duo_host import BASIS, DuoHost
from tests.duo.voorbeelden import BSN, DUO_OIN, GEMEENTE_OIN

PIP = {"dagtekeningPip": "2026-03-01", "leerroute": "B", "niveau": "B1"}


@pytest.fixture
def duo(settings):
    settings.DUO_OIN = DUO_OIN
    return DuoHost(status=201)


def test_pip_melding_gaat_naar_het_pad_van_duo_met_de_headers_van_de_keten(duo):
    duo.client().call("postPipByBsn", bron=GEMEENTE_OIN, path_params={"bsn": BSN}, body=PIP)

    verzoek = duo.laatste
    assert verzoek.method == "POST"
    assert str(verzoek.url) == f"{BASIS}/personen/{BSN}/PIP"
    assert verzoek.headers["bron"] == GEMEENTE_OIN
    assert verzoek.headers["doel"] == DUO_OIN
    assert uuid.UUID(verzoek.headers["berichtId"]).version == 4
    assert verzoek.headers["Accept"] == "application/json"
    assert verzoek.headers["Content-Type"] == "application/json"
    assert json.loads(verzoek.content) == PIP


def test_elke_aanroep_krijgt_een_nieuw_bericht_id(duo):
    client = duo.client()
    for _ in range(3):
        client.call("postPipByBsn", bron=GEMEENTE_OIN, path_params={"bsn": BSN}, body=PIP)
    ids = [v.headers["berichtId"] for v in duo.verzoeken]
    assert len(set(ids)) == 3


@pytest.mark.parametrize(
    "bericht_id",
    [uuid.UUID("7d3f1f4e-0c7a-4d8e-9a59-0a4b1c2d3e4f"), "7d3f1f4e-0c7a-4d8e-9a59-0a4b1c2d3e4f"],
)
def test_een_opnieuw_verstuurd_bericht_houdt_zijn_bericht_id(duo, bericht_id):
    client = duo.client()
    for _ in range(2):
        antwoord = client.call(
            "postPipByBsn",
            bron=GEMEENTE_OIN,
            path_params={"bsn": BSN},
            body=PIP,
            bericht_id=bericht_id,
        )
        assert antwoord.bericht_id == "7d3f1f4e-0c7a-4d8e-9a59-0a4b1c2d3e4f"
    assert [v.headers["berichtId"] for v in duo.verzoeken] == [str(bericht_id)] * 2


def test_een_raadpleging_heeft_geen_body_en_geen_content_type(settings):
    duo = DuoHost(body={"indicatorInburgeringsplicht": True})
    duo.client().call("getInburgeringsplichtByBsn", bron=GEMEENTE_OIN, path_params={"bsn": BSN})
    assert duo.laatste.method == "GET"
    assert duo.laatste.content == b""
    assert "Content-Type" not in duo.laatste.headers


def test_padparameters_worden_gecodeerd_en_doel_kan_per_aanroep(duo):
    duo.status = 201
    duo.client().call(
        "postContactpersoonByBsn",
        bron=GEMEENTE_OIN,
        doel="0" * 20,
        path_params={"id": "7", "bsn": BSN},
    )
    assert duo.laatste.url.path == f"/v1/contactpersonen/7/personen/{BSN}"
    assert duo.laatste.headers["doel"] == "0" * 20


@pytest.mark.parametrize(
    ("path_params", "body", "bron", "verwacht"),
    [
        ({"bsn": BSN}, {**PIP, "leerroute": "X"}, GEMEENTE_OIN, "body.leerroute"),
        ({"bsn": BSN}, {"leerroute": "B"}, GEMEENTE_OIN, "body.dagtekeningPip"),
        ({"bsn": BSN}, None, GEMEENTE_OIN, "body: verplicht"),
        ({"bsn": "12345"}, PIP, GEMEENTE_OIN, "pad-parameter bsn"),
        ({}, PIP, GEMEENTE_OIN, "pad-parameter bsn"),
        ({"bsn": BSN}, PIP, "0988", "header bron"),
    ],
)
def test_een_ongeldig_verzoek_wordt_niet_verstuurd(duo, path_params, body, bron, verwacht):
    with pytest.raises(DuoFout) as fout:
        duo.client().call("postPipByBsn", bron=bron, path_params=path_params, body=body)

    assert duo.verzoeken == []
    assert fout.value.permanent is True
    assert fout.value.status is None
    assert any(t.startswith(verwacht) for t in fout.value.foutteksten), fout.value.foutteksten
    assert "Koers stuurt dit bericht niet" in fout.value.melding
    assert "12345" not in fout.value.melding
