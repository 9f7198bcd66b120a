"""Error reports to Sentry (koers.config.sentry), over real HTTP: a small local server takes
the SDK's envelopes the way Sentry does (``POST /api/<project>/envelope/``). A person's BSN
and name, planted where Sentry collects them (the exception, the URL, the form, the query
string, a header, a cookie, the frames' variables, a log line's fields), reach it only
without Koers' filter; with it, the report still names the error but neither the BSN nor
the name."""

from __future__ import annotations

import gzip
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
import sentry_sdk
from django.test import Client
from sentry_sdk.envelope import Envelope

from koers.config import env, sentry
from koers.config.logformat import GEMASKEERD
from koers.inburgeraars import services
from koers.taken import planner
from koers.taken.planner import Taak
from tests import test_geen_persoonsgegevens_in_logs as geplant
from tests.conftest import inloggen

BSN, VOORNAAM, ACHTERNAAM = geplant.BSN, geplant.VOORNAAM, geplant.ACHTERNAAM
AANMELDING = {
    "bsn": BSN,
    "voornamen": VOORNAAM,
    "geslachtsnaam": ACHTERNAAM,
    "geboortedatum": "1990-03-04",
    "doelgroep": "Asielstatushouder",
    "talen": "Tigrinya",
    "datum_start_pip_termijn": "2026-09-15",
}
PROJECT = "42"


class _Ontvanger(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the name http.server calls
        ruw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            ruw = gzip.decompress(ruw)
        self.server.ontvangen.append((self.path, ruw))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


class SentryServer:
    """What arrived at the local Sentry, as raw bytes and as events."""

    def __init__(self):
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), _Ontvanger)
        self.http.ontvangen = []
        self.dsn = f"http://publiekesleutel@127.0.0.1:{self.http.server_port}/{PROJECT}"

    @property
    def ontvangen(self) -> list[tuple[str, bytes]]:
        return self.http.ontvangen

    def ruw(self) -> str:
        return "\n".join(ruw.decode("utf-8", "replace") for _pad, ruw in self.ontvangen)

    def events(self) -> list[dict]:
        return [
            item.payload.json
            for _pad, ruw in self.ontvangen
            for item in Envelope.deserialize(ruw).items
            if item.type == "event"
        ]


@pytest.fixture
def sentry_server():
    server = SentryServer()
    draad = threading.Thread(target=server.http.serve_forever, daemon=True)
    draad.start()
    yield server
    server.http.shutdown()
    server.http.server_close()


@pytest.fixture
def uit_na_afloop():
    """Whatever a test starts, Sentry is off again afterwards for the rest of the suite, and
    no breadcrumb of an earlier test (the control's are unfiltered) reaches a later event."""
    _kruimels_weg()
    yield
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)  # a client that records nothing
    _kruimels_weg()


def _kruimels_weg():
    for scope in (
        sentry_sdk.get_global_scope(),
        sentry_sdk.get_isolation_scope(),
        sentry_sdk.get_current_scope(),
    ):
        scope.clear_breadcrumbs()


def _versturen():
    sentry_sdk.flush(timeout=10)


@pytest.fixture
def aanmelden_faalt(live_server, transactional_db, adviseur_weert, weert, monkeypatch, settings):
    """Over HTTP to a real server: the page to register a person, whose service fails with
    an error that quotes the BSN, posted with the person's name and BSN in the form, the
    query string, a header and a cookie."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False  # plain http here

    def meld_aan(**gegevens):
        persoon = {"naam": f"{gegevens['voornamen']} {gegevens['geslachtsnaam']}"}
        logging.getLogger("koers.proef").info(
            "Aanmelden van %s", gegevens["bsn"], extra={"naam": persoon["naam"], "bsn": BSN}
        )
        raise RuntimeError(f"Sleutel (bsn)=({gegevens['bsn']}) bestaat al")

    monkeypatch.setattr(services, "meld_aan", meld_aan)
    sessie = inloggen(Client(), adviseur_weert).cookies["sessionid"].value

    def versturen():
        with httpx.Client(base_url=live_server.url, cookies={"sessionid": sessie}) as http:
            assert http.get("/inburgeraars/nieuw/").status_code == 200
            http.cookies.set("laatst_gezocht", ACHTERNAAM)
            antwoord = http.post(
                f"/inburgeraars/nieuw/?zoek={ACHTERNAAM}&bsn={BSN}",
                data={
                    **AANMELDING,
                    "gemeente": weert.pk,
                    "csrfmiddlewaretoken": http.cookies["csrftoken"],
                },
                headers={"X-Zoekterm": VOORNAAM},
            )
        assert antwoord.status_code == 500
        _versturen()

    return versturen


def test_zonder_filter_komen_bsn_en_naam_wel_in_sentry(
    sentry_server, uit_na_afloop, aanmelden_faalt
):
    # The control: the planted data does reach the envelope when nothing filters it, so the
    # next test can fail.
    sentry_sdk.init(dsn=sentry_server.dsn, include_local_variables=True)
    aanmelden_faalt()
    ruw = sentry_server.ruw()
    assert BSN in ruw and VOORNAAM in ruw and ACHTERNAAM in ruw


def test_een_fout_in_een_pagina_gaat_zonder_bsn_en_naam_naar_sentry(
    sentry_server, uit_na_afloop, aanmelden_faalt, adviseur_weert
):
    sentry.start(sentry_server.dsn, omgeving="test", sample_rate=1.0, release="koers@test")
    aanmelden_faalt()

    assert {pad for pad, _ruw in sentry_server.ontvangen} == {f"/api/{PROJECT}/envelope/"}
    ruw = sentry_server.ruw()
    for geheim in (BSN, VOORNAAM, ACHTERNAAM, adviseur_weert.username):
        assert geheim not in ruw
    [event] = [e for e in sentry_server.events() if "exception" in e]
    [fout] = event["exception"]["values"]
    assert fout["type"] == "RuntimeError"
    assert fout["value"] == f"Sleutel (bsn)=({GEMASKEERD}) bestaat al"
    assert all("vars" not in frame for frame in fout["stacktrace"]["frames"])
    assert any(frame["function"] == "aanmelden" for frame in fout["stacktrace"]["frames"])
    assert event["request"]["url"].endswith("/inburgeraars/nieuw/")
    assert event["request"]["method"] == "POST"
    assert not {"data", "query_string", "cookies"} & set(event["request"])
    assert "X-Zoekterm" not in event["request"]["headers"]
    assert event["environment"] == "test" and event["release"] == "koers@test"
    assert event.get("user", {}) in ({}, {"id": str(adviseur_weert.pk)})
    [kruimel] = [k for k in event["breadcrumbs"]["values"] if k.get("category") == "koers.proef"]
    assert kruimel["message"] == f"Aanmelden van {GEMASKEERD}"
    assert not {"naam", "bsn"} & set(kruimel.get("data", {}))


@pytest.mark.django_db
def test_een_mislukte_taak_van_de_worker_gaat_zonder_bsn_en_naam_naar_sentry(
    sentry_server, uit_na_afloop
):
    sentry.start(sentry_server.dsn, omgeving="test", sample_rate=1.0)

    def faalt(omgeving):
        persoon = {"naam": f"{VOORNAAM} {ACHTERNAAM}", "bsn": BSN}  # a frame's variable
        raise ValueError(f"Sleutel (bsn)=({persoon['bsn']}) bestaat al")

    planner.draai(eenmalig=True, taken=[Taak("faalt", faalt)])
    _versturen()

    ruw = sentry_server.ruw()
    assert BSN not in ruw and VOORNAAM not in ruw and ACHTERNAAM not in ruw
    [event] = sentry_server.events()
    assert event["logger"] == "koers.taken.planner"
    assert event["logentry"]["message"] == "Taak %s mislukt: %s"
    [fout] = event["exception"]["values"]
    assert (fout["type"], fout["value"]) == (
        "ValueError",
        f"Sleutel (bsn)=({GEMASKEERD}) bestaat al",
    )
    assert all("vars" not in frame for frame in fout["stacktrace"]["frames"])


def test_koers_start_sentry_uit_de_omgeving(sentry_server):
    """The settings start Sentry when KOERS_SENTRY_DSN is set; a separate process, so the
    settings are read as at a real start."""
    omgeving = {
        **os.environ,
        "KOERS_DEMO": "true",
        "KOERS_SENTRY_DSN": sentry_server.dsn,
        "KOERS_SENTRY_SAMPLE_RATE": "1",
        "DJANGO_SETTINGS_MODULE": "koers.config.settings",
    }
    omgeving.pop("KOERS_SENTRY_OMGEVING", None)
    script = (
        "import django, logging, sentry_sdk; django.setup(); "
        f"logging.getLogger('koers.proef').error('Geen zaak bij %s', '{BSN}'); "
        "sentry_sdk.flush(timeout=10)"
    )
    subprocess.run([sys.executable, "-c", script], env=omgeving, check=True, timeout=60)

    assert BSN not in sentry_server.ruw()
    [event] = sentry_server.events()
    assert event["environment"] == "demo"
    assert event["release"].startswith("koers@")
    assert event["logentry"]["message"] == "Geen zaak bij %s"
    assert event["logentry"]["params"] == [GEMASKEERD]


def test_zonder_dsn_staat_sentry_uit():
    from django.conf import settings

    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()


@pytest.mark.parametrize("waarde", ["2", "-0.1", "veel"])
def test_een_onjuiste_sample_rate_is_een_configuratiefout(monkeypatch, waarde):
    monkeypatch.setenv("KOERS_SENTRY_SAMPLE_RATE", waarde)
    with pytest.raises(env.ConfigError, match="KOERS_SENTRY_SAMPLE_RATE"):
        sentry.sample_rate("KOERS_SENTRY_SAMPLE_RATE")


def test_een_onjuiste_dsn_is_een_configuratiefout():
    with pytest.raises(env.ConfigError, match="KOERS_SENTRY_DSN"):
        sentry.start("geen-adres", omgeving="test", sample_rate=1.0)
    assert not sentry_sdk.get_client().is_active()


def test_de_filter_is_die_van_het_logboek():
    event = {
        "message": f"BSN {BSN}",
        "extra": {"naam": VOORNAAM, "aantal": 3},
        "request": {
            "url": f"https://koers.example/x/{BSN}/?zoek={ACHTERNAAM}",
            "method": "GET",
            "query_string": f"zoek={ACHTERNAAM}",
            "data": {"voornamen": VOORNAAM},
            "cookies": {"c": ACHTERNAAM},
            "headers": {"Content-Type": "text/html", "User-Agent": "x", "Referer": ACHTERNAAM},
        },
        "user": {"id": "7", "username": "alice", "ip_address": "192.0.2.1"},
    }
    assert sentry.voor_verzenden(event, {}) == {
        "message": f"BSN {GEMASKEERD}",
        "extra": {"aantal": 3},
        "request": {
            "url": f"https://koers.example/x/{GEMASKEERD}/",
            "method": "GET",
            "headers": {"Content-Type": "text/html"},
        },
        "user": {"id": "7"},
    }
    kruimel = {
        "category": "httplib",
        "data": {"url": f"https://duo/v1/personen/{BSN}?x=1", "http.query": "x=1"},
    }
    assert sentry.voor_kruimel(kruimel, {}) == {
        "category": "httplib",
        "data": {"url": f"https://duo/v1/personen/{GEMASKEERD}"},
    }
