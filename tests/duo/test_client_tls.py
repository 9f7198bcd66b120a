"""Mutual TLS with DUO (RULES.md "Transport"): over https the client presents the PKIoverheid
client certificate and trusts only DUO's CA bundle. Proven against a real TLS server on
127.0.0.1 that demands a client certificate."""

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from koers.duo.client import DuoClient, DuoFout
from tests.duo.pki import OPENSSL, maak_pki
from tests.duo.voorbeelden import BSN, GEMEENTE_OIN

pytestmark = pytest.mark.skipif(OPENSSL is None, reason="het openssl-commando ontbreekt")

PLICHT = {"indicatorInburgeringsplicht": True, "begindatum": "2026-01-05"}


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return maak_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def andere(tmp_path_factory):
    """A second PKI that neither side trusts."""
    return maak_pki(tmp_path_factory.mktemp("andere-pki"))


class _Duo(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.clients.append(self.connection.getpeercert())
        body = json.dumps(PLICHT).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("API-Version", "1.2.2")
        self.send_header("berichtId", self.headers["berichtId"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet: the test reads what arrived, not a log."""


@pytest.fixture(scope="module")
def duo_tls(pki):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.server_cert, pki.server_key)
    context.load_verify_locations(pki.ca)
    context.verify_mode = ssl.CERT_REQUIRED  # no client certificate, no conversation
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Duo)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.clients = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _client(duo_tls, pki, **kwargs):
    opties = {
        "client_cert": str(pki.client_cert),
        "client_key": str(pki.client_key),
        "ca_bundle": str(pki.ca),
        "timeout": 5,
        **kwargs,
    }
    return DuoClient(base_url=f"https://127.0.0.1:{duo_tls.server_port}/v1", **opties)


def test_met_certificaat_en_ca_bundel_praat_koers_met_duo(duo_tls, pki):
    with _client(duo_tls, pki) as client:
        assert client.get_inburgeringsplicht(BSN, bron=GEMEENTE_OIN) == PLICHT
    subject = dict(item[0] for item in duo_tls.clients[-1]["subject"])
    assert subject["commonName"] == "Gemeente Weert"


def test_zonder_clientcertificaat_begint_koers_niet(duo_tls, pki):
    with pytest.raises(
        DuoFout, match="KOERS_DUO_CLIENT_CERT, KOERS_DUO_CLIENT_KEY ontbreekt"
    ) as fout:
        _client(duo_tls, pki, client_cert="", client_key="").get_pip(BSN, bron=GEMEENTE_OIN)
    assert fout.value.permanent is False


def test_een_server_buiten_de_ca_bundel_wordt_niet_vertrouwd(duo_tls, pki, andere):
    with pytest.raises(DuoFout, match="niet bereikbaar") as fout:
        _client(duo_tls, pki, ca_bundle=str(andere.ca)).get_inburgeringsplicht(
            BSN, bron=GEMEENTE_OIN
        )
    assert fout.value.permanent is False


def test_een_certificaat_dat_duo_niet_kent_wordt_geweigerd(duo_tls, pki, andere):
    with pytest.raises(DuoFout) as fout:
        _client(
            duo_tls, pki, client_cert=str(andere.client_cert), client_key=str(andere.client_key)
        ).get_inburgeringsplicht(BSN, bron=GEMEENTE_OIN)
    assert fout.value.permanent is False


def test_onleesbare_bestanden_zijn_een_duidelijke_fout(duo_tls, pki, tmp_path):
    with pytest.raises(DuoFout, match="kan het certificaat, de sleutel of de CA-bundel") as fout:
        _client(duo_tls, pki, client_key=str(tmp_path / "weg.key")).get_pip(BSN, bron=GEMEENTE_OIN)
    assert fout.value.permanent is False


def test_zonder_basisadres_weet_koers_niet_waar_duo_is(settings):
    settings.DUO_BASE_URL = ""
    with pytest.raises(DuoFout, match="KOERS_DUO_BASE_URL is niet ingesteld") as fout:
        DuoClient().get_pip(BSN, bron=GEMEENTE_OIN)
    assert fout.value.permanent is False
