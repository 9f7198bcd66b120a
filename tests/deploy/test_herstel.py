"""The back-up and restore of docs/beheer/opschalen.md, done for real: the demo seeded into a
PostgreSQL database of its own, ``pg_dump -Fc``, ``pg_restore`` into a fresh database, and
then Koers on the restored database in production mode: ``koers check-config --deploy`` and
``koers verwerkingen-controleren`` (the hash chain of the verwerkingenlogging survived
intact) both pass. Both databases are dropped afterwards.

It needs the PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and the client tools, as
.ci/run has them; it runs in the SQLite and the PostgreSQL run of the suite alike, because it
makes its own databases. Outside CI, without a reachable PostgreSQL, it is skipped; in CI
that is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

pytestmark = pytest.mark.slow

KOERS = str(Path(sys.executable).parent / "koers")
SERVER = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
PG_URL = "postgres://postgres@127.0.0.1:5432/"


def _pg(gereedschap: str, *argumenten: str, **opties) -> subprocess.CompletedProcess:
    """A PostgreSQL client tool (psql, pg_dump, ...) against the server of the suite."""
    pad = shutil.which(gereedschap) or gereedschap
    return subprocess.run([pad, *SERVER, *argumenten], timeout=120, **opties)


def _postgres_bereikbaar() -> bool:
    nodig = ("pg_isready", "pg_dump", "pg_restore", "psql", "createdb", "dropdb")
    if not all(shutil.which(gereedschap) for gereedschap in nodig):
        return False
    return _pg("pg_isready", "-q", check=False).returncode == 0


@pytest.fixture
def postgres():
    if not _postgres_bereikbaar():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL op 127.0.0.1:5432 of pg_dump/pg_restore ontbreekt in CI")
        pytest.skip("PostgreSQL op 127.0.0.1:5432 (of pg_dump) is er niet")


@pytest.fixture
def databases(postgres):
    """Two databases of this process's own: the original and the restored copy."""
    namen = (f"koers_herstel_bron_{os.getpid()}", f"koers_herstel_doel_{os.getpid()}")
    for naam in namen:
        _pg("dropdb", "--if-exists", "--force", naam, check=True)
        _pg("createdb", naam, check=True)
    yield namen
    for naam in namen:
        _pg("dropdb", "--if-exists", "--force", naam, check=True)


def _omgeving(**waarden: str) -> dict[str, str]:
    """A clean environment: none of the caller's KOERS_* or DATABASE_URL leaks in."""
    basis = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {**basis, **waarden}


def _koers(*opdracht: str, omgeving: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [KOERS, *opdracht], env=omgeving, capture_output=True, text=True, timeout=120, check=False
    )


def _pkioverheid_nabootsing(map_: Path) -> dict[str, str]:
    """A certificate and key for the mutual TLS with DUO (self-signed, also the CA bundle):
    check-config reads the files and checks that certificate and key belong together."""
    sleutel = ec.generate_private_key(ec.SECP256R1())
    naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "koers.gemeente.example")])
    nu = dt.datetime.now(dt.UTC)
    certificaat = (
        x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - dt.timedelta(days=1))
        .not_valid_after(nu + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(sleutel, hashes.SHA256())
    )
    pem = certificaat.public_bytes(serialization.Encoding.PEM)
    (map_ / "tls.crt").write_bytes(pem)
    (map_ / "ca.crt").write_bytes(pem)
    (map_ / "tls.key").write_bytes(
        sleutel.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return {
        "KOERS_DUO_CLIENT_CERT": str(map_ / "tls.crt"),
        "KOERS_DUO_CLIENT_KEY": str(map_ / "tls.key"),
        "KOERS_DUO_CA_BUNDLE": str(map_ / "ca.crt"),
    }


def _aantal(database: str, tabel: str) -> int:
    vraag = f"SELECT count(*) FROM {tabel}"  # noqa: S608 - the tests' own table names
    uit = _pg("psql", "-d", database, "-Atc", vraag, capture_output=True, text=True, check=True)
    return int(uit.stdout)


def test_een_back_up_van_de_demo_is_te_herstellen_en_klopt(databases, tmp_path):
    bron, doel = databases
    demo = _omgeving(KOERS_DEMO="true", DATABASE_URL=PG_URL + bron, KOERS_DATA_DIR=str(tmp_path))
    # The demo, with every record of the log sealed into the chain (as a running worker
    # does), so the restored chain can be checked whole.
    for opdracht in (
        ("migrate", "--noinput"),
        ("seed",),
        ("verwerkingen-controleren", "--verzegelen"),
    ):
        gedaan = _koers(*opdracht, omgeving=demo)
        assert gedaan.returncode == 0, gedaan.stderr

    # The commands of the guide: a dump in the custom format, restored into a fresh database.
    dump = tmp_path / "koers.dump"
    _pg("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", bron, check=True)
    _pg("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={doel}", str(dump), check=True)
    for tabel in ("inburgeraars_inburgeraar", "verwerkingen_verwerking", "pip_beschikking"):
        assert _aantal(doel, tabel) == _aantal(bron, tabel) > 0

    productie = _omgeving(
        DATABASE_URL=PG_URL + doel,
        KOERS_DEMO="false",
        KOERS_SECRET_KEY=secrets.token_urlsafe(50),
        KOERS_ALLOWED_HOSTS="koers.gemeente.example",
        KOERS_BEHIND_TLS_PROXY="true",
        KOERS_DATA_DIR=str(tmp_path),
        KOERS_DUO_BASE_URL="https://duo.example/v1",
        KOERS_DUO_OIN="00000001234567890000",
        **_pkioverheid_nabootsing(tmp_path),
    )
    controle = _koers("check-config", "--deploy", omgeving=productie)
    assert controle.returncode == 0, controle.stdout + controle.stderr
    assert "0 fout(en)" in controle.stdout and "productiemodus" in controle.stdout

    keten = _koers("verwerkingen-controleren", omgeving=productie)
    assert keten.returncode == 0, keten.stdout + keten.stderr
    verwerkingen = _aantal(doel, "verwerkingen_verwerking")
    assert f"De keten is in orde ({verwerkingen} verwerkingen)." in keten.stdout
    assert "Alle verwerkingen zijn verzegeld." in keten.stdout

    # The check can fail: one record changed behind Koers' back (a superuser who switches the
    # log's triggers off) breaks the chain.
    _pg(
        "psql",
        "-d",
        doel,
        "-c",
        "SET session_replication_role = replica; "
        "UPDATE verwerkingen_verwerking SET activiteit = activiteit || '.' "
        "WHERE id = (SELECT min(id) FROM verwerkingen_verwerking)",
        check=True,
        capture_output=True,
    )
    verbroken = _koers("verwerkingen-controleren", omgeving=productie)
    assert verbroken.returncode == 1
    assert "De keten is verbroken" in verbroken.stderr
