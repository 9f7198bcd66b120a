"""`koers check-config` explains what the DUO connection is missing (koers.E010–E015, W010)."""

import os
import subprocess
import sys

import pytest

from koers.config.checks import check_duo
from tests.duo.pki import OPENSSL, maak_pki

HTTPS = "https://m2m.duo.nl:8443/v1"


@pytest.fixture
def duo_instellingen(settings):
    settings.DEMO = False
    settings.DUO_BASE_URL = ""
    settings.DUO_OIN = "00000001234567890000"
    settings.DUO_CLIENT_CERT = settings.DUO_CLIENT_KEY = settings.DUO_CA_BUNDLE = ""
    return settings


def _ids(problemen):
    return sorted(p.id for p in problemen)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    if OPENSSL is None:
        pytest.skip("het openssl-commando ontbreekt")
    return maak_pki(tmp_path_factory.mktemp("pki"))


def test_zonder_basisadres_buiten_demomodus(duo_instellingen):
    (probleem,) = check_duo()
    assert probleem.id == "koers.E010"
    assert "KOERS_DUO_BASE_URL ontbreekt" in probleem.msg
    assert "https://duo-host:443/v1" in probleem.hint


def test_in_demomodus_mag_het_basisadres_leeg_zijn(duo_instellingen):
    duo_instellingen.DEMO = True
    assert check_duo() == []


def test_https_zonder_certificaat_sleutel_en_ca_bundel(duo_instellingen):
    duo_instellingen.DUO_BASE_URL = HTTPS
    problemen = check_duo()
    assert _ids(problemen) == ["koers.E012"] * 3
    assert [p.msg.split(" ")[0] for p in problemen] == [
        "KOERS_DUO_CLIENT_CERT",
        "KOERS_DUO_CLIENT_KEY",
        "KOERS_DUO_CA_BUNDLE",
    ]
    assert all(p.hint.startswith("Zet KOERS_DUO_") for p in problemen)


def test_bestanden_die_niet_bestaan_of_niet_leesbaar_zijn(duo_instellingen, tmp_path):
    onleesbaar = tmp_path / "ca.pem"
    onleesbaar.write_text("geheim")
    onleesbaar.chmod(0)
    duo_instellingen.DUO_BASE_URL = HTTPS
    duo_instellingen.DUO_CLIENT_CERT = str(tmp_path / "weg.pem")
    duo_instellingen.DUO_CLIENT_KEY = str(tmp_path)  # a folder, not a file
    duo_instellingen.DUO_CA_BUNDLE = str(onleesbaar)

    problemen = check_duo()

    if os.access(onleesbaar, os.R_OK):  # root reads everything
        problemen = [p for p in problemen if "CA_BUNDLE" not in p.msg]
        assert _ids(problemen) == ["koers.E013"] * 2
    else:
        assert _ids(problemen) == ["koers.E013"] * 3
        assert "Koers mag het bestand" in problemen[2].msg
    assert "bestaat niet" in problemen[0].msg and str(tmp_path / "weg.pem") in problemen[0].msg


def test_bruikbare_bestanden_geven_geen_fout(duo_instellingen, pki):
    duo_instellingen.DUO_BASE_URL = HTTPS
    duo_instellingen.DUO_CLIENT_CERT = str(pki.client_cert)
    duo_instellingen.DUO_CLIENT_KEY = str(pki.client_key)
    duo_instellingen.DUO_CA_BUNDLE = str(pki.ca)
    assert check_duo() == []


def test_sleutel_die_niet_bij_het_certificaat_past(duo_instellingen, pki):
    duo_instellingen.DUO_BASE_URL = HTTPS
    duo_instellingen.DUO_CLIENT_CERT = str(pki.client_cert)
    duo_instellingen.DUO_CLIENT_KEY = str(pki.server_key)
    duo_instellingen.DUO_CA_BUNDLE = str(pki.ca)
    assert _ids(check_duo()) == ["koers.E015"]


@pytest.mark.parametrize("oin", ["", "1234", "0000000123456789000X", "000000012345678900001"])
def test_oin_van_duo_is_20_cijfers(duo_instellingen, oin):
    duo_instellingen.DEMO = True
    duo_instellingen.DUO_OIN = oin
    (probleem,) = check_duo()
    assert probleem.id == "koers.E014"
    assert "20 cijfers" in probleem.hint


@pytest.mark.parametrize(
    ("url", "ids"),
    [
        ("ftp://duo/v1", ["koers.E011"]),
        ("duo-host/v1", ["koers.E011"]),
        ("http://127.0.0.1:8601/v1", ["koers.W010"]),
    ],
)
def test_basisadres_moet_http_of_https_zijn(duo_instellingen, url, ids):
    duo_instellingen.DUO_BASE_URL = url
    assert _ids(check_duo()) == ids


def test_check_config_meldt_ontbrekende_duo_instellingen_met_uitleg(tmp_path):
    omgeving = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'koers.sqlite3'}",
        "KOERS_SECRET_KEY": "s" * 60,
        "KOERS_DUO_OIN": "123",
        "KOERS_DUO_CLIENT_KEY": str(tmp_path / "weg.key"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "koers.cli", "check-config"],  # noqa: S603
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "koers.E010: KOERS_DUO_BASE_URL ontbreekt" in result.stdout
    assert "koers.E013: KOERS_DUO_CLIENT_KEY: het bestand" in result.stdout
    assert "koers.E014: KOERS_DUO_OIN is geen OIN van 20 cijfers." in result.stdout
    assert "Oplossing: Zet het basisadres van DUO" in result.stdout
