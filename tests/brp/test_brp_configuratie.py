"""The system checks of the BRP connection (koers check-config): ids koers.E030-E036 and
koers.W030-W031."""

import pytest

from koers.config.checks import check_brp
from tests.duo.pki import OPENSSL, maak_pki

HTTPS = "https://brp.leverancier.nl/haalcentraal/api/brp"


@pytest.fixture
def brp_instellingen(settings):
    settings.DEMO = False
    settings.BRP_BASE_URL = ""
    settings.BRP_API_KEY = ""
    settings.BRP_API_KEY_HEADER = "X-API-KEY"
    settings.BRP_CLIENT_CERT = settings.BRP_CLIENT_KEY = settings.BRP_CA_BUNDLE = ""
    settings.BRP_TIMEOUT = 10
    return settings


def _ids(problemen):
    return sorted(p.id for p in problemen)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    if OPENSSL is None:
        pytest.skip("het openssl-commando ontbreekt")
    return maak_pki(tmp_path_factory.mktemp("pki"))


def test_zonder_basisadres_een_waarschuwing_buiten_de_demo(brp_instellingen):
    assert _ids(check_brp()) == ["koers.W030"]
    brp_instellingen.DEMO = True
    assert check_brp() == []


@pytest.mark.parametrize(
    ("url", "ids"),
    [
        ("ftp://brp.example.org/", ["koers.E030"]),
        ("http://127.0.0.1:8602/haalcentraal/api/brp", ["koers.W031"]),
        (HTTPS, ["koers.E031"]),  # neither an API key nor a certificate
    ],
)
def test_basisadres(brp_instellingen, url, ids):
    brp_instellingen.BRP_BASE_URL = url
    assert _ids(check_brp()) == ids


def test_https_met_api_sleutel(brp_instellingen):
    brp_instellingen.BRP_BASE_URL = HTTPS
    brp_instellingen.BRP_API_KEY = "sleutel"
    assert check_brp() == []
    brp_instellingen.BRP_API_KEY_HEADER = "X API KEY"
    assert _ids(check_brp()) == ["koers.E036"]


def test_certificaat_zonder_sleutel_en_bestanden_die_niet_bestaan(brp_instellingen, tmp_path):
    brp_instellingen.BRP_BASE_URL = HTTPS
    brp_instellingen.BRP_CLIENT_CERT = str(tmp_path / "cert.pem")
    assert _ids(check_brp()) == ["koers.E032", "koers.E033"]


def test_bruikbare_bestanden_en_een_sleutel_die_niet_past(brp_instellingen, pki):
    brp_instellingen.BRP_BASE_URL = HTTPS
    brp_instellingen.BRP_CLIENT_CERT = str(pki.client_cert)
    brp_instellingen.BRP_CLIENT_KEY = str(pki.client_key)
    brp_instellingen.BRP_CA_BUNDLE = str(pki.ca)
    assert check_brp() == []
    brp_instellingen.BRP_CLIENT_KEY = str(pki.server_key)
    assert _ids(check_brp()) == ["koers.E034"]


def test_time_out_moet_positief_zijn(brp_instellingen):
    brp_instellingen.BRP_BASE_URL = HTTPS
    brp_instellingen.BRP_API_KEY = "sleutel"
    brp_instellingen.BRP_TIMEOUT = 0
    assert _ids(check_brp()) == ["koers.E035"]
