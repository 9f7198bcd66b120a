"""``koers demo``: the whole chain in one command (used by ``make run``).

Starts, as child processes: the DUO simulator (``koers duo-sim``, only when KOERS_DUO_BASE_URL
is not set; Koers then talks to it on http://127.0.0.1:8601/v1), the BRP simulator (``koers
brp-sim``, only when KOERS_BRP_BASE_URL is not set; Koers then asks it on
http://127.0.0.1:8602/haalcentraal/api/brp), the worker (``koers worker``) and the web server
(``koers run``). Ctrl+C, SIGTERM or the end of any one of them stops them all together.
"""

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
        # The worker and the web processes write their metrics into one directory, so /metrics
        # shows the worker's jobs and DUO calls too; it must be set before they start.
        metrieken = settings.DATA_DIR / "metrieken"
        metrieken.mkdir(parents=True, exist_ok=True)
        env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrieken.resolve()))
        processen: list[tuple[str, subprocess.Popen]] = []

        def stop_alles():
            for _, proces in processen:
                if proces.poll() is None:
                    proces.terminate()
            deadline = time.monotonic() + 20
            for naam, proces in processen:
                try:
                    proces.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    self.stderr.write(f"{naam} reageert niet; wordt afgebroken.")
                    proces.kill()

        def op_signaal(signum, frame):
            raise KeyboardInterrupt

        # Explicitly: a background start may have inherited SIGINT as ignored.
        signal.signal(signal.SIGTERM, op_signaal)
        signal.signal(signal.SIGINT, op_signaal)
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
                processen.append(
                    (
                        "DUO-simulator",
                        subprocess.Popen(  # noqa: S603
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
                            env=env,
                        ),
                    )
                )
                self._wacht_op_poort(sim_port, processen[-1][1])
            if os.environ.get("KOERS_BRP_BASE_URL"):
                self.stdout.write(
                    f"BRP: {os.environ['KOERS_BRP_BASE_URL']} "
                    "(KOERS_BRP_BASE_URL is gezet; geen simulator)."
                )
            else:
                env["KOERS_BRP_BASE_URL"] = f"http://127.0.0.1:{brp_sim_port}/haalcentraal/api/brp"
                processen.append(
                    (
                        "BRP-simulator",
                        subprocess.Popen(  # noqa: S603
                            [*koers, "brp-sim", "--port", str(brp_sim_port)], env=env
                        ),
                    )
                )
                self._wacht_op_poort(brp_sim_port, processen[-1][1], "De BRP-simulator")
            if "worker" in get_commands():
                processen.append(
                    (
                        "Worker",
                        subprocess.Popen(  # noqa: S603
                            [*koers, "worker"], env=env
                        ),
                    )
                )
            else:
                self.stderr.write(
                    "Let op: `koers worker` ontbreekt; berichten naar DUO "
                    "blijven in de wachtrij staan."
                )
            processen.append(
                (
                    "Webserver",
                    subprocess.Popen(  # noqa: S603
                        [*koers, "run"], env=env
                    ),
                )
            )
            while True:
                for naam, proces in processen:
                    if proces.poll() is not None:
                        raise CommandError(
                            f"{naam} is gestopt (code {proces.returncode}); "
                            "de andere onderdelen stoppen ook."
                        )
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.stdout.write("Koers stopt…")
        finally:
            stop_alles()

    def _wacht_op_poort(
        self, port: int, proces: subprocess.Popen, naam: str = "De DUO-simulator"
    ) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if proces.poll() is not None:
                raise CommandError(f"{naam} startte niet (zie de melding hierboven).")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"{naam} antwoordt niet op poort {port}.")
