"""``koers brp-sim``: start the BRP simulator (BRP API Personen 2.7.0 of RvIG).

    koers brp-sim [--host 127.0.0.1] [--port 8602] [--scenario FILE] [--api-key KEY]

The simulator keeps its persons in memory; it never uses Koers' database. No request is
logged: bodies hold BSNs.
"""

import contextlib

from django.core.management.base import BaseCommand, CommandError

from koers.brp.simulator import app, scenario


class Command(BaseCommand):
    help = (
        "Start de BRP-simulator (BRP API Personen van RvIG) op "
        "http://127.0.0.1:8602/haalcentraal/api/brp."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Adres (standaard 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8602, help="Poort (standaard 8602).")
        parser.add_argument(
            "--scenario",
            help="Scenariobestand (JSON). Standaard het demoscenario dat past bij de "
            "DUO-simulator en `koers seed`.",
        )
        parser.add_argument(
            "--api-key",
            help="Vraag deze API-sleutel in de header X-API-KEY; zonder de juiste sleutel "
            "antwoordt de simulator met 401.",
        )

    def handle(self, *args, **opties):
        try:
            data = scenario.laad(opties["scenario"])
        except scenario.ScenarioFout as exc:
            raise CommandError(str(exc)) from exc
        sim = app.Simulator(data, api_key=opties["api_key"] or None)
        try:
            server = app.maak_server(sim, opties["host"], opties["port"])
        except OSError as exc:
            raise CommandError(
                f"De BRP-simulator kan niet starten op {opties['host']}:"
                f"{opties['port']}: {exc.strerror}. Draait hij al?"
            ) from exc
        basis = f"http://{opties['host']}:{server.server_address[1]}"
        self.stdout.write(
            f"BRP-simulator draait op {basis}{app.BASIS} ({len(sim.personen)} personen"
            f"{', met API-sleutel' if sim.api_key else ''}). Beheer: {basis}/_sim/ . "
            "Stoppen: Ctrl+C."
        )
        self.stdout.flush()
        try:
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is the way to stop it
                server.serve_forever()
        finally:
            server.server_close()
