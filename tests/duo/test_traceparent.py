"""Calls to DUO and the BRP carry W3C Trace Context: the current trace with a new span, so
the other party's processing joins Koers' trace. Over real HTTP, against a tiny local server
that keeps the headers it receives (the simulators do not record this header)."""

import contextlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from koers.brp.client import BrpClient, BrpFout
from koers.duo.client import DuoClient, DuoFout
from koers.verwerkingen import tracecontext

TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-01")
GEMEENTE_OIN = "00000001001234567890"


class _Ontvanger(BaseHTTPRequestHandler):
    def _antwoord(self):
        lengte = int(self.headers.get("Content-Length") or 0)
        if lengte:
            self.rfile.read(lengte)
        self.server.ontvangen.append(dict(self.headers))
        inhoud = json.dumps({"type": "RaadpleegMetBurgerservicenummer", "personen": []})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(inhoud)))
        self.end_headers()
        self.wfile.write(inhoud.encode())

    do_GET = do_POST = _antwoord

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Ontvanger)
    srv.ontvangen = []
    draad = threading.Thread(target=srv.serve_forever, daemon=True)
    draad.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    draad.join(timeout=5)


def _basis(srv):
    return f"http://127.0.0.1:{srv.server_address[1]}"


def _duo(srv):
    # The answer need not please the client: the request was sent.
    with (
        DuoClient(base_url=_basis(srv), doel="00000001003214345000") as client,
        contextlib.suppress(DuoFout),
    ):
        client.get_verlengingsgronden(bron=GEMEENTE_OIN)


def _brp(srv):
    with BrpClient(base_url=_basis(srv), api_key="sleutel") as client, contextlib.suppress(BrpFout):
        client.raadpleeg(["999993653"])


@pytest.mark.parametrize("roep", [_duo, _brp], ids=["duo", "brp"])
def test_a_call_carries_the_current_trace_with_a_new_span(server, roep):
    with tracecontext.binnen() as trace:
        roep(server)
        roep(server)
    koppen = [TRACEPARENT.fullmatch(h.get("traceparent", "")) for h in server.ontvangen]
    assert len(koppen) == 2 and all(koppen)
    assert {k[1] for k in koppen} == {trace.trace_id}
    spans = [k[2] for k in koppen]
    assert trace.span_id not in spans and spans[0] != spans[1]


@pytest.mark.parametrize("roep", [_duo, _brp], ids=["duo", "brp"])
def test_a_call_outside_any_trace_starts_one(server, roep):
    roep(server)
    roep(server)
    koppen = [TRACEPARENT.fullmatch(h.get("traceparent", "")) for h in server.ontvangen]
    assert len(koppen) == 2 and all(koppen)
    assert koppen[0][1] != koppen[1][1]
