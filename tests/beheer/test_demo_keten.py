"""`koers demo` (make run) as a user meets it: the commands of the README's second terminal
work while it runs, and Ctrl+C or SIGTERM leaves no process and no port behind."""

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dotenv import dotenv_values

from koers.config import env
from tests import testdatabase

pytestmark = pytest.mark.slow

STARTTIJD = 90


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _poort_is_vrij(poort: int) -> bool:
    """Free for the next `make run`: nothing listens. Connections closed a moment ago may
    linger in TIME_WAIT; the servers bind with SO_REUSEADDR, so this check does too."""
    if _luistert(poort):
        return False
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", poort))
        except OSError:
            return False
    return True


def _luistert(poort: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", poort), timeout=0.5):
            return True
    except OSError:
        return False


def _ouders() -> dict[int, int]:
    """pid -> parent pid of every living process, from /proc."""
    ouders = {}
    for item in Path("/proc").iterdir():
        if not item.name.isdigit():
            continue
        try:
            stat = (item / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name may hold spaces and parentheses; the fields follow the last ")".
        velden = stat.rpartition(")")[2].split()
        if velden[0] != "Z":
            ouders[int(item.name)] = int(velden[1])
    return ouders


def _nakomelingen(pid: int) -> set[int]:
    ouders = _ouders()
    gevonden: set[int] = set()
    nieuw = {pid}
    while nieuw:
        nieuw = {kind for kind, ouder in ouders.items() if ouder in nieuw} - gevonden
        gevonden |= nieuw
    return gevonden


def _leeft(pid: int) -> bool:
    return pid in _ouders()


def _koers(omgeving: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "koers.cli", *args],
        env=omgeving,  # noqa: S603
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        **kwargs,
    )


@pytest.fixture
def demomap(request, tmp_path_factory, tmp_path):
    """A data directory with a migrated and seeded SQLite database, as `make run` makes it:
    made once per run (the parallel workers share it), each test a copy of its own."""

    def migreer_en_seed(map_: Path) -> None:
        testdatabase.gemigreerde_sqlite(request.config, tmp_path_factory, map_ / "koers.sqlite3")
        resultaat = _koers(_omgeving(map_, KOERS_DEMO="true"), "seed")
        assert resultaat.returncode == 0, resultaat.stderr[-3000:]

    bron = testdatabase.eenmaal(
        testdatabase.run_map(request.config, tmp_path_factory), "demo-keten", migreer_en_seed
    )
    map_ = tmp_path / "demo"
    shutil.copytree(bron, map_)
    return map_


def _omgeving(map_: Path, **extra) -> dict:
    """Only what a user's shell has: no KOERS_* variable unless given here."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(map_),
        "KOERS_DATA_DIR": str(map_),
        **extra,
    }


def _start_demo(map_: Path, poorten: dict) -> subprocess.Popen:
    # Its own process group, as `make run` in a terminal: Ctrl+C goes to that whole group.
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "koers.cli",
            "demo",
            "--sim-port",
            str(poorten["sim"]),
            "--brp-sim-port",
            str(poorten["brp"]),
            "--sim-state",
            str(map_ / "duo-sim.json"),
        ],
        env=_omgeving(
            map_, KOERS_DEMO="true", KOERS_PORT=str(poorten["web"]), KOERS_WEB_WORKERS="2"
        ),
        stdin=subprocess.DEVNULL,
        stdout=open(map_ / "demo.log", "a"),  # noqa: SIM115  (closed with the process)
        stderr=subprocess.STDOUT,
        process_group=0,
    )


def _wacht_tot_alles_luistert(demo: subprocess.Popen, map_: Path, poorten: dict) -> None:
    deadline = time.monotonic() + STARTTIJD
    while not all(_luistert(p) for p in poorten.values()):
        assert demo.poll() is None, (map_ / "demo.log").read_text()[-3000:]
        assert time.monotonic() < deadline, (map_ / "demo.log").read_text()[-3000:]
        time.sleep(0.3)


def _stop(demo: subprocess.Popen, hoe: str) -> None:
    if hoe == "ctrl-c":
        os.killpg(demo.pid, signal.SIGINT)
    else:
        demo.send_signal(signal.SIGTERM)  # as a service manager stops only the main process
    demo.wait(timeout=60)


def _stop_en_controleer(demo: subprocess.Popen, map_: Path, poorten: dict, hoe: str) -> None:
    """Stops the running demo as a user or a service manager does and checks that no
    process and no port is left."""
    # DUO simulator, BRP simulator, worker, gunicorn and its two workers.
    deadline = time.monotonic() + 30
    while len(kinderen := _nakomelingen(demo.pid)) < 6 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(kinderen) >= 6, kinderen
    # A browser keeps its connection open; the web server must stop all the same.
    browser = http.client.HTTPConnection("127.0.0.1", poorten["web"], timeout=10)
    browser.request("GET", "/gezondheid/live")
    browser.getresponse().read()

    _stop(demo, hoe)
    browser.close()

    assert demo.returncode == 0, (map_ / "demo.log").read_text()[-3000:]
    over = {pid for pid in kinderen if _leeft(pid)}
    assert not over, f"nog actief: {over}"
    bezet = [naam for naam, poort in poorten.items() if not _poort_is_vrij(poort)]
    assert not bezet, f"poorten nog bezet: {bezet}"


def test_sigterm_laat_geen_proces_en_geen_poort_achter(demomap):
    """As a service manager stops it: SIGTERM to the main process only. (Ctrl+C: below.)"""
    poorten = {"web": _vrije_poort(), "sim": _vrije_poort(), "brp": _vrije_poort()}
    demo = _start_demo(demomap, poorten)
    try:
        _wacht_tot_alles_luistert(demo, demomap, poorten)
        _stop_en_controleer(demo, demomap, poorten, "sigterm")
    finally:
        _opruimen(demo)


def test_valt_een_onderdeel_uit_dan_stopt_alles_ook_wat_het_zelf_startte(demomap):
    poorten = {"web": _vrije_poort(), "sim": _vrije_poort(), "brp": _vrije_poort()}
    demo = _start_demo(demomap, poorten)
    try:
        _wacht_tot_alles_luistert(demo, demomap, poorten)
        deadline = time.monotonic() + 30
        while len(kinderen := _nakomelingen(demo.pid)) < 6 and time.monotonic() < deadline:
            time.sleep(0.2)
        ouders = _ouders()
        gunicorn = next(pid for pid in kinderen if ouders[pid] == demo.pid and _is_gunicorn(pid))
        gunicorn_workers = {pid for pid in kinderen if ouders[pid] == gunicorn}
        assert gunicorn_workers

        # The master dies without stopping its workers: they still hold the web port.
        os.kill(gunicorn, signal.SIGKILL)
        demo.wait(timeout=60)

        assert demo.returncode != 0
        assert "Webserver is gestopt" in (demomap / "demo.log").read_text()
        assert not {pid for pid in kinderen if _leeft(pid)}
        assert all(_poort_is_vrij(poort) for poort in poorten.values())
    finally:
        _opruimen(demo)


def _is_gunicorn(pid: int) -> bool:
    try:
        return b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _opruimen(demo: subprocess.Popen) -> None:
    """After a failed assertion: no process of the test may outlive it."""
    if demo.poll() is None:
        for pid in _nakomelingen(demo.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        demo.kill()
    demo.wait()


def test_een_tweede_terminal_werkt_en_ctrl_c_laat_niets_achter(demomap):
    """While `make run` runs, the README's commands work in a second terminal without any
    exported variable; then Ctrl+C stops everything and leaves no process and no port."""
    poorten = {"web": _vrije_poort(), "sim": _vrije_poort(), "brp": _vrije_poort()}
    demo = _start_demo(demomap, poorten)
    try:
        _wacht_tot_alles_luistert(demo, demomap, poorten)
        tweede_terminal = _omgeving(demomap)  # KOERS_DATA_DIR only: the checkout's var/

        instellingen = dotenv_values(demomap / env.DEMO_SETTINGS_FILE)
        assert instellingen["KOERS_DEMO"] == "true"
        assert instellingen["KOERS_DUO_BASE_URL"] == f"http://127.0.0.1:{poorten['sim']}/v1"

        token = _koers(tweede_terminal, "api-token", "adviseur-weert")
        assert token.returncode == 0, token.stderr[-3000:]
        assert len(token.stdout.strip()) == 40

        notificatie = _koers(
            tweede_terminal,
            "duo-sim",
            "--koers-url",
            f"http://127.0.0.1:{poorten['web']}",
            "--state",
            str(demomap / "duo-sim.json"),
            "notificeer",
            "SS139",
            "--bsn",
            "999980002",
        )
        assert notificatie.returncode == 0, notificatie.stdout + notificatie.stderr
        assert "Koers antwoordde met status 201" in notificatie.stdout

        controle = _koers(tweede_terminal, "check-config")
        assert controle.returncode == 0, controle.stdout + controle.stderr

        _stop_en_controleer(demo, demomap, poorten, "ctrl-c")
    finally:
        _opruimen(demo)
