"""The JSON log (``KOERS_LOG_FORMAT=json``): one object per line with the request id, user id
and roles of a request, never a BSN, name, username or IP address; the worker's full
traceback with the BSN masked; X-Request-ID taken over only when it is a plain token."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import re

import pytest
import structlog
from django.conf import settings

from koers.config.logformat import (
    GEMASKEERD,
    GeenBsnFormatter,
    JsonFormatter,
    logging_instellingen,
    zonder_persoonsgegevens,
)
from koers.taken import planner
from koers.taken.planner import Taak
from tests import test_geen_persoonsgegevens_in_logs as geplant
from tests.conftest import inloggen

# The person with a planted name, address and BSN, shared with the text-format test.
BSN, VOORNAAM, ACHTERNAAM = geplant.BSN, geplant.VOORNAAM, geplant.ACHTERNAAM
persoon = geplant.persoon

pytestmark = pytest.mark.django_db


def _logboek(formaat: str):
    """Configures the log as ``KOERS_LOG_FORMAT=formaat`` does, the console into a buffer."""
    logging.config.dictConfig(logging_instellingen(formaat, "DEBUG"))
    buffer = io.StringIO()
    soort = JsonFormatter if formaat == "json" else GeenBsnFormatter
    handlers = [h for h in logging.getLogger().handlers if isinstance(h.formatter, soort)]
    assert len(handlers) == 1
    handlers[0].setStream(buffer)
    return buffer


@pytest.fixture
def logboek():
    """``logboek(formaat)``: the console's output as a buffer; settings.LOGGING afterwards."""
    yield _logboek
    niveau = settings.LOGGING["root"]["level"]
    logging.config.dictConfig(logging_instellingen(settings.LOG_FORMAT, niveau))


def regels(buffer: io.StringIO) -> list[dict]:
    """Every line of the JSON log, each parsed (a line that is no JSON object fails)."""
    return [json.loads(regel) for regel in buffer.getvalue().splitlines() if regel]


def test_een_verzoek_geeft_json_regels_zonder_persoonsgegevens(
    logboek, client, adviseur_weert, persoon
):
    buffer = logboek("json")
    inloggen(client, adviseur_weert)
    antwoord = client.get(f"/inburgeraars/{persoon.pk}/", REMOTE_ADDR="192.0.2.44")
    assert antwoord.status_code == 200 and BSN in antwoord.content.decode()
    assert client.get(f"/inburgeraars/{BSN}/").status_code == 404
    logging.getLogger("koers.test").warning("Regel van Koers zelf voor %s", BSN)

    tekst = buffer.getvalue()
    for geheim in (BSN, VOORNAAM, ACHTERNAAM, adviseur_weert.username, "192.0.2.44"):
        assert geheim not in tekst
    alles = regels(buffer)
    klaar = [r for r in alles if r["event"] == "request_finished"]
    # The route, not the path: no case id, no BSN.
    assert [r["request"] for r in klaar] == ["GET inburgeraars/<int:pk>/"] * 2
    assert [r["code"] for r in klaar] == [200, 404]
    for regel in klaar:
        assert regel["user_id"] == adviseur_weert.pk
        assert regel["rollen"] == ["adviseur"]
        assert regel["level"] in ("info", "warning")
        assert regel["logger"] == "django_structlog.middlewares.request"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", regel["timestamp"])
        assert re.fullmatch(r"[0-9a-f]{32}", regel["request_id"])
    assert klaar[0]["request_id"] != klaar[1]["request_id"]
    # A stdlib logger's line outside a request: the same fields, no request's.
    eigen = alles[-1]
    assert eigen["event"] == f"Regel van Koers zelf voor {GEMASKEERD}"
    assert (eigen["logger"], eigen["level"]) == ("koers.test", "warning")
    assert "request_id" not in eigen


def test_structlog_velden_met_persoonsgegevens_vallen_weg(logboek):
    buffer = logboek("json")
    structlog.get_logger("koers.test").info(
        "iets", bsn=BSN, naam=VOORNAAM, adres="Straat 1", pad=f"/x/{BSN}/", aantal=3
    )
    [regel] = regels(buffer)
    assert regel["pad"] == f"/x/{GEMASKEERD}/" and regel["aantal"] == 3
    assert not {"bsn", "naam", "adres"} & set(regel)
    assert zonder_persoonsgegevens(None, "info", {"event": BSN, "user_agent": "x"}) == {
        "event": GEMASKEERD
    }


@pytest.mark.parametrize("formaat", ["json", "tekst"])
def test_de_worker_logt_de_volledige_traceback_gemaskeerd(logboek, formaat):
    buffer = logboek(formaat)

    def faalt(omgeving):
        raise ValueError(f"Sleutel (bsn)=({BSN}) bestaat al")

    planner.draai(eenmalig=True, taken=[Taak("faalt", faalt)])
    tekst = buffer.getvalue()
    assert BSN not in tekst
    assert "Taak faalt mislukt: ValueError" in tekst
    assert "Traceback (most recent call last)" in tekst
    assert f"ValueError: Sleutel (bsn)=({GEMASKEERD}) bestaat al" in tekst
    if formaat == "json":
        [regel] = [r for r in regels(buffer) if r["logger"] == "koers.taken.planner"]
        assert regel["level"] == "error" and "in faalt" in regel["exception"]


def test_x_request_id_wordt_overgenomen(logboek, client, adviseur_weert):
    buffer = logboek("json")
    inloggen(client, adviseur_weert)
    antwoord = client.get("/inburgeraars/", HTTP_X_REQUEST_ID="proxy-7f3a9c21.01")
    assert antwoord["X-Request-ID"] == "proxy-7f3a9c21.01"
    klaar = [r for r in regels(buffer) if r["event"] == "request_finished"]
    assert [r["request_id"] for r in klaar] == ["proxy-7f3a9c21.01"]


@pytest.mark.parametrize(
    "aangeboden",
    [
        'x" , "user_id": 1',  # would forge a field in a text log
        "kort",
        "a" * 65,
        f"bsn-{BSN}",  # would put a BSN in every line of the request
        "regel\nnep",
    ],
)
def test_onveilige_x_request_id_wordt_vervangen(logboek, client, aangeboden):
    buffer = logboek("json")
    antwoord = client.get("/inloggen/", HTTP_X_REQUEST_ID=aangeboden)
    nieuw = antwoord["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", nieuw)
    assert {r["request_id"] for r in regels(buffer) if "request_id" in r} == {nieuw}
    assert aangeboden not in buffer.getvalue()
