"""``koers demo``: the whole chain in one command (used by ``make run``).

Starts, as child processes: the DUO simulator (``koers duo-sim``, only when KOERS_DUO_BASE_URL
is not set; Koers then talks to it on http://127.0.0.1:8601/v1), the BRP simulator (``koers
brp-sim``, only when KOERS_BRP_BASE_URL is not set; Koers then asks it on
http://127.0.0.1:8602/haalcentraal/api/brp), the worker (``koers worker``) and the web server
(``koers run``).

Stopping: Ctrl+C, SIGTERM, SIGHUP or the end of any one child stops them all. Each child runs
in a process group of its own, so a gunicorn worker or anything else a child started belongs to
that group: the signal this command received is passed on to every group, and what is still
running after :data:`STOP_SECONDEN` (or at a second Ctrl+C) is killed, group and all. Nothing
stays behind on the ports. Only a SIGKILL of this command itself leaves the children running.

The settings the children run with (demo mode, the simulators' addresses, the port) are written
to ``<KOERS_DATA_DIR>/demo.env``, where :mod:`koers.config.env` finds them for every later
``koers`` command, e.g. ``koers api-token`` in a second terminal.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError

SIM_PORT = 8601
BRP_SIM_PORT = 8602
STATE_FILE = "var/duo-sim.json"
# Longer than gunicorn's --graceful-timeout (koers run), so a graceful stop can finish.
STOP_SECONDEN = 25
# The settings that make a later `koers` command talk to this demo (koers.config.env).
DEMO_INSTELLINGEN = (
    "KOERS_DEMO",
    "KOERS_PORT",
    "KOERS_DUO_BASE_URL",
    "KOERS_BRP_BASE_URL",
    "DATABASE_URL",
)


class _Stoppen(Exception):
    """A stop signal arrived while the chain was starting or running."""


class Command(BaseCommand):
    help = (
        "Start Koers met de DUO-keten: webserver, worker en (als KOERS_DUO_BASE_URL leeg "
        "is) de DUO-simulator, en (als KOERS_BRP_BASE_URL leeg is) de BRP-simulator. "
        "Stoppen: Ctrl+C stopt alles samen."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--sim-port",
            type=int,
            default=SIM_PORT,
            help=f"Poort van de DUO-simulator (standaard {SIM_PORT}).",
        )
        parser.add_argument(
            "--sim-state",
            default=STATE_FILE,
            help=f"Bestand waarin de simulator bewaart wat Koers meldde (standaard {STATE_FILE}).",
        )
        parser.add_argument(
            "--brp-sim-port",
            type=int,
            default=BRP_SIM_PORT,
            help=f"Poort van de BRP-simulator (standaard {BRP_SIM_PORT}).",
        )

    def handle(self, *args, sim_port, sim_state, brp_sim_port, **options):
        koers = [sys.executable, "-m", "koers.cli"]  # fixed argv: no shell, no user input
        env = dict(os.environ)
        # As this process understood them, also when they came from an earlier demo.env.
        env["KOERS_DEMO"] = "true" if settings.DEMO else "false"
        env["KOERS_PORT"] = str(settings.PORT)
        # The worker and the web processes write their metrics into one directory, so /metrics
        # shows the worker's jobs and DUO calls too; it must be set before they start.
        metrieken = settings.DATA_DIR / "metrieken"
        metrieken.mkdir(parents=True, exist_ok=True)
        env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrieken.resolve()))
        self._processen: list[tuple[str, subprocess.Popen]] = []
        self._stopsignaal: int | None = None
        self._haast = False

        # The handler only notes the signal: raising from it could leave a child started but
        # not yet in the list. Explicitly installed: a background start may ignore SIGINT.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._op_signaal)
        try:
            if os.environ.get("KOERS_DUO_BASE_URL"):
                self.stdout.write(
                    f"DUO: {os.environ['KOERS_DUO_BASE_URL']} "
                    "(KOERS_DUO_BASE_URL is gezet; geen simulator)."
                )
            else:
                env["KOERS_DUO_BASE_URL"] = f"http://127.0.0.1:{sim_port}/v1"
                if os.path.dirname(sim_state):
                    os.makedirs(os.path.dirname(sim_state), exist_ok=True)
                sim = self._start(
                    "DUO-simulator",
                    [
                        *koers,
                        "duo-sim",
                        "--port",
                        str(sim_port),
                        "--state",
                        sim_state,
                        "--koers-url",
                        f"http://127.0.0.1:{settings.PORT}",
                    ],
                    env,
                )
                self._wacht_op_poort(sim_port, sim)
            if os.environ.get("KOERS_BRP_BASE_URL"):
                self.stdout.write(
                    f"BRP: {os.environ['KOERS_BRP_BASE_URL']} "
                    "(KOERS_BRP_BASE_URL is gezet; geen simulator)."
                )
            else:
                env["KOERS_BRP_BASE_URL"] = f"http://127.0.0.1:{brp_sim_port}/haalcentraal/api/brp"
                brp = self._start(
                    "BRP-simulator", [*koers, "brp-sim", "--port", str(brp_sim_port)], env
                )
                self._wacht_op_poort(brp_sim_port, brp, "De BRP-simulator")
            if "worker" in get_commands():
                self._start("Worker", [*koers, "worker"], env)
            else:
                self.stderr.write(
                    "Let op: `koers worker` ontbreekt; berichten naar DUO "
                    "blijven in de wachtrij staan."
                )
            self._start("Webserver", [*koers, "run"], env)
            self._schrijf_demo_instellingen(env)
            while True:
                self._bij_stopsignaal_stoppen()
                for naam, proces in self._processen:
                    if proces.poll() is not None:
                        raise CommandError(
                            f"{naam} is gestopt (code {proces.returncode}); "
                            "de andere onderdelen stoppen ook."
                        )
                time.sleep(0.2)
        except _Stoppen:
            self.stdout.write("Koers stopt…")
        finally:
            self._stop_alles()

    def _op_signaal(self, signum, frame):
        if self._stopsignaal is None:
            self._stopsignaal = signum
        else:
            self._haast = True  # a second Ctrl+C: do not wait for a graceful stop

    def _bij_stopsignaal_stoppen(self) -> None:
        if self._stopsignaal is not None:
            raise _Stoppen

    def _start(self, naam: str, argv: list[str], env: dict) -> subprocess.Popen:
        self._bij_stopsignaal_stoppen()
        proces = subprocess.Popen(  # noqa: S603  (fixed argv, no shell)
            argv, env=env, stdin=subprocess.DEVNULL, process_group=0
        )
        self._processen.append((naam, proces))
        return proces

    def _stop_alles(self) -> None:
        signum = self._stopsignaal or signal.SIGTERM
        # Web server first, simulators last: the web server may still be calling them.
        for _, proces in reversed(self._processen):
            if proces.poll() is None:
                _signaleer_groep(proces, signum)
        deadline = time.monotonic() + STOP_SECONDEN
        while (
            not self._haast
            and time.monotonic() < deadline
            and any(proces.poll() is None for _, proces in self._processen)
        ):
            time.sleep(0.1)
        for naam, proces in self._processen:
            if proces.poll() is None:
                self.stderr.write(f"{naam} reageert niet; wordt afgebroken.")
        # Always, also for a child that stopped by itself: what it started may still run
        # (a gunicorn worker outlives a master that died).
        for _, proces in self._processen:
            _signaleer_groep(proces, signal.SIGKILL)
            try:
                proces.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.stderr.write(f"Proces {proces.pid} stopt niet, ook niet na SIGKILL.")

    def _schrijf_demo_instellingen(self, env: dict) -> None:
        """The settings of this demo for every later `koers` command (koers.config.env)."""
        # Where koers.config.env (a layer above this app) looks: <KOERS_DATA_DIR>/demo.env.
        pad = settings.DATA_DIR / "demo.env"
        pad.parent.mkdir(parents=True, exist_ok=True)
        regels = [
            "# Geschreven door `koers demo` (make run): de instellingen van deze demo. Elke",
            "# `koers`-opdracht in deze map leest ze; een variabele in de omgeving gaat voor.",
            "# Weghalen mag: dan geldt weer alleen de omgeving (zoals in productie).",
        ]
        regels += [f"{naam}={env[naam]}" for naam in DEMO_INSTELLINGEN if env.get(naam)]
        # Only readable by the owner: DATABASE_URL may hold a password.
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as bestand:
            bestand.write("\n".join(regels) + "\n")

    def _wacht_op_poort(
        self, port: int, proces: subprocess.Popen, naam: str = "De DUO-simulator"
    ) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            self._bij_stopsignaal_stoppen()
            if proces.poll() is not None:
                raise CommandError(f"{naam} startte niet (zie de melding hierboven).")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"{naam} antwoordt niet op poort {port}.")


def _signaleer_groep(proces: subprocess.Popen, signum: int) -> None:
    """``signum`` to the child's whole process group (it leads the group: process_group=0)."""
    # ProcessLookupError: the group is empty, everything in it has stopped.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proces.pid, signum)
