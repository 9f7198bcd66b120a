"""The settings file `koers demo` leaves in the data directory: every `koers` command of that
demo finds it, a production installation is not affected by it."""

import os
import subprocess
import sys

import pytest

from koers.config import env

DEMO_ENV = (
    "KOERS_DEMO=true\n"
    "KOERS_PORT=8000\n"
    "KOERS_DUO_BASE_URL=http://127.0.0.1:8601/v1\n"
    "KOERS_BRP_BASE_URL=http://127.0.0.1:8602/haalcentraal/api/brp\n"
)


@pytest.fixture
def datamap(tmp_path, monkeypatch):
    """A data directory; the process looks like a user's shell (no secret key, no database)."""
    monkeypatch.setenv("KOERS_DATA_DIR", str(tmp_path))
    # PYTEST_VERSION keeps the demo of the checkout out of the test run; here it is the subject.
    for naam in (
        "KOERS_SECRET_KEY",
        "KOERS_DEMO",
        "KOERS_DUO_BASE_URL",
        "DATABASE_URL",
        "PYTEST_VERSION",
    ):
        monkeypatch.delenv(naam, raising=False)
    return tmp_path


def test_zonder_bestand_geldt_de_standaard(datamap):
    assert env.raw("KOERS_DEMO") == "false"
    assert env.raw("KOERS_DUO_BASE_URL") == ""


def test_de_instellingen_van_de_demo_worden_gevonden(datamap):
    (datamap / "demo.env").write_text(DEMO_ENV)

    assert env.as_bool("KOERS_DEMO") is True
    assert env.raw("KOERS_DUO_BASE_URL") == "http://127.0.0.1:8601/v1"
    assert env.raw("KOERS_HSTS_SECONDS") == "31536000"  # not in the file: the default


def test_de_omgeving_gaat_voor(datamap, monkeypatch):
    (datamap / "demo.env").write_text(DEMO_ENV)
    monkeypatch.setenv("KOERS_DUO_BASE_URL", "https://duo.example/v1")

    assert env.raw("KOERS_DUO_BASE_URL") == "https://duo.example/v1"


def test_een_installatie_met_een_eigen_geheime_sleutel_negeert_het_bestand(datamap, monkeypatch):
    (datamap / "demo.env").write_text(DEMO_ENV)
    monkeypatch.setenv("KOERS_SECRET_KEY", "s" * 60)

    assert env.raw("KOERS_DEMO") == "false"


def test_het_bestand_geldt_alleen_voor_de_database_van_de_demo(datamap, monkeypatch):
    (datamap / "demo.env").write_text(
        DEMO_ENV + "DATABASE_URL=postgres://koers@127.0.0.1:5432/demo\n"
    )
    assert env.raw("KOERS_DEMO") == "false"  # this shell names no database: not the demo's

    monkeypatch.setenv("DATABASE_URL", "postgres://koers@127.0.0.1:5432/demo")
    assert env.raw("KOERS_DEMO") == "true"
    assert env.raw("DATABASE_URL") == "postgres://koers@127.0.0.1:5432/demo"

    monkeypatch.setenv("DATABASE_URL", "postgres://koers@db.example:5432/productie")
    assert env.raw("KOERS_DEMO") == "false"


def test_een_testrun_negeert_het_bestand(datamap, monkeypatch):
    (datamap / "demo.env").write_text(DEMO_ENV)
    monkeypatch.setenv("PYTEST_VERSION", "9")

    assert env.raw("KOERS_DEMO") == "false"


def _api_token(datamap) -> subprocess.CompletedProcess:
    """`koers api-token adviseur-weert` as typed in a second terminal."""
    return subprocess.run(
        [sys.executable, "-m", "koers.cli", "api-token", "adviseur-weert"],
        env={  # noqa: S603
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(datamap),
            "KOERS_DATA_DIR": str(datamap),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_zonder_demobestand_weigert_koers_zonder_echte_instellingen(datamap):
    resultaat = _api_token(datamap)

    assert resultaat.returncode != 0
    assert "SystemCheckError" in resultaat.stderr
    assert "KOERS_SECRET_KEY" in resultaat.stderr
    assert "KOERS_DUO_BASE_URL" in resultaat.stderr


def test_met_demobestand_werkt_de_opdracht_zonder_export(datamap):
    """Past the system checks with the file; the (empty) database answers next."""
    (datamap / "demo.env").write_text(DEMO_ENV)

    resultaat = _api_token(datamap)

    assert "SystemCheckError" not in resultaat.stderr
    assert "KOERS_SECRET_KEY" not in resultaat.stderr
