"""The test database of a run: migrated once, copied for each worker of the parallel run;
and other things a run makes once for all its workers (``eenmaal``).

Migrating takes 15-25 s of CPU; with three workers on two cores, each migrating its own
database cost the suite about 45 s of wall time per database. Now the first worker migrates
a template (under a file lock, in the run's shared temporary folder) and every worker gets a
copy: ``CREATE DATABASE … TEMPLATE …`` on PostgreSQL, SQLite's backup API into the worker's
in-memory database on SQLite (as Django's own parallel runner clones an in-memory database).
"""

import contextlib
import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SJABLOON = "koers-testdatabase"


def sjabloonnaam(connection, map_: Path) -> str:
    """The template: a file in the run's folder (SQLite), or ``test_<name>_sjabloon``."""
    if connection.vendor == "sqlite":
        return str(map_ / f"{SJABLOON}.sqlite3")
    return f"test_{connection.settings_dict['NAME']}_sjabloon"


@contextlib.contextmanager
def _alleen(pad: Path):
    with open(pad, "w") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(slot, fcntl.LOCK_UN)


def run_map(config, tmp_path_factory) -> Path:
    """The folder all workers of this run share (pytest's base folder of the run)."""
    map_ = tmp_path_factory.getbasetemp()
    return map_.parent if hasattr(config, "workerinput") else map_


@contextlib.contextmanager
def _eenmaal(map_: Path, naam: str):
    """Under the run's lock for ``naam``: yields whether this worker is the first to get
    here (and makes ``naam``); the others wait until it is made. A worker that fails to make
    it leaves no mark, so the next one tries again."""
    with _alleen(map_ / f"{naam}.lock"):
        klaar = map_ / f"{naam}.klaar"
        yield not klaar.exists()
        klaar.touch()


def eenmaal(map_: Path, naam: str, maak) -> Path:
    """``map_/naam``, made by ``maak(folder)`` by the first worker that asks; the others
    wait for it and get the same folder (use a copy to change anything in it)."""
    doel = map_ / naam
    with _eenmaal(map_, naam) as eerste:
        if eerste:
            doel.mkdir(exist_ok=True)
            maak(doel)
    return doel


def gemigreerde_sqlite(config, tmp_path_factory, doel: Path) -> Path:
    """A SQLite database at ``doel`` as `koers migrate` makes it, for the Koers processes a
    test starts: migrated once per run (in a process of its own, as `make run` does) and
    copied, instead of each such test migrating (10-20 s of CPU each)."""
    bron = eenmaal(run_map(config, tmp_path_factory), "gemigreerd", _migreer_sqlite)
    doel.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bron / "koers.sqlite3", doel)
    return doel


def _migreer_sqlite(map_: Path) -> None:
    omgeving = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(map_),
        "KOERS_DATA_DIR": str(map_),
        "KOERS_DEMO": "true",
    }
    resultaat = subprocess.run(
        [sys.executable, "-m", "koers.cli", "migrate", "-v0"],  # noqa: S603
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stderr[-3000:]


def gemigreerde_postgresql(connection, config, tmp_path_factory, naam: str) -> None:
    """A new migrated PostgreSQL database ``naam`` for the Koers processes a test starts: a
    copy of the run's template, which the worker's own test database was copied from too."""
    assert _sjablonen.get(connection.alias), "de testdatabase van deze werker is niet opgezet"
    # Under the template's lock: PostgreSQL copies no template another session uses.
    with _alleen(run_map(config, tmp_path_factory) / f"{SJABLOON}.lock"):
        _maak_kopie(connection, _sjablonen[connection.alias], naam)


# The template each connection's test database was copied from (its own name is gone from the
# settings once the connection uses the copy).
_sjablonen: dict[str, str] = {}


def opzetten(connection, werker: str, map_: Path) -> str:
    """Give ``connection`` its own test database, a copy of the run's migrated template
    (made first if no worker made it yet). Returns the name to give back on teardown."""
    echte_naam = connection.settings_dict["NAME"]
    sjabloon = sjabloonnaam(connection, map_)
    _sjablonen[connection.alias] = sjabloon
    # The copy is made under the lock too: PostgreSQL copies no template another session uses.
    with _eenmaal(map_, SJABLOON) as eerste:
        if eerste:
            connection.settings_dict["TEST"]["NAME"] = sjabloon
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.close()
        if connection.vendor == "sqlite":
            _kopieer_sqlite(connection, sjabloon, werker)
        else:
            _kopieer_postgresql(
                connection, sjabloon, f"{sjabloon.removesuffix('_sjabloon')}_{werker}"
            )
    return echte_naam


def _gebruik(connection, naam: str) -> None:
    from django.conf import settings

    settings.DATABASES[connection.alias]["NAME"] = naam
    connection.settings_dict["NAME"] = naam


def _kopieer_sqlite(connection, sjabloon: str, werker: str) -> None:
    # An in-memory database, as Django's test databases on SQLite are: it lives as long as
    # the connection, which Django keeps open for it (also across live-server threads).
    _gebruik(connection, f"file:memorydb_{connection.alias}_{werker}?mode=memory&cache=shared")
    connection.ensure_connection()
    bron = sqlite3.connect(f"file:{sjabloon}?mode=ro", uri=True)
    try:
        bron.backup(connection.connection)
    finally:
        bron.close()


def _kopieer_postgresql(connection, sjabloon: str, naam: str) -> None:
    _maak_kopie(connection, sjabloon, naam)
    _gebruik(connection, naam)


def _maak_kopie(connection, sjabloon: str, naam: str) -> None:
    from django.db import OperationalError

    quote = connection.ops.quote_name
    for poging in range(5):
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(naam)}")
                cursor.execute(f"CREATE DATABASE {quote(naam)} TEMPLATE {quote(sjabloon)}")
                # A test database outlives no crash: commits need not wait for the disk.
                cursor.execute(f"ALTER DATABASE {quote(naam)} SET synchronous_commit TO off")
            break
        except OperationalError:
            # "source database is being accessed by other users": autovacuum may visit the
            # fresh template for a moment.
            if poging == 4:
                raise
            time.sleep(1)


def afbreken(connection, echte_naam: str) -> None:
    """Drop the worker's copy (nothing to do for an in-memory one). A thread a test left
    connected makes PostgreSQL refuse: a warning, as pytest-django gives (.ci/run drops
    what is left with --force)."""
    import warnings

    testnaam = connection.settings_dict["NAME"]
    try:
        connection.creation.destroy_test_db(echte_naam, verbosity=0)
    except Exception as fout:  # noqa: BLE001
        warnings.warn(
            f"De testdatabase is niet opgeruimd: {fout}{_wie_is_verbonden(connection, testnaam)}",
            stacklevel=1,
        )


def _wie_is_verbonden(connection, naam: str) -> str:
    """The sessions still on the test database: the test that opened each (its
    application_name, set in tests/conftest.py) and the last statement it ran. The warning's
    own test is only the worker's last one."""
    if connection.vendor != "postgresql":
        return ""
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT application_name, state, left(query, 300) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [naam],
        )
        return "".join(f"\n  geopend in {t} ({s}): {q}" for t, s, q in cursor.fetchall())


def sjabloon_opruimen(connection) -> None:
    """After the run (the controlling process): drop PostgreSQL's template."""
    if connection.vendor != "postgresql":
        return
    naam = sjabloonnaam(connection, Path())
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(naam)}")
