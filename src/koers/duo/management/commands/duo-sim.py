"""``koers duo-sim``: start the DUO simulator, or send one notification as DUO.

    koers duo-sim [--host 127.0.0.1] [--port 8601] [--scenario FILE] [--state FILE]
                  [--koers-url http://127.0.0.1:8000]
    koers duo-sim notificeer SS139 --bsn 999990019 [--gemeente 0988 | --doel OIN]
                  [--scenario FILE] [--koers-url http://127.0.0.1:8000]

The simulator keeps its own state (in memory, optionally in --state FILE); it never uses
Koers' database. No request is logged: paths hold BSNs.
"""

import contextlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from koers.duo.simulator import app, scenario
from koers.duo.simulator.notificatie import NotificatieFout


class Command(BaseCommand):
    help = (
        "Start de DUO-simulator op http://127.0.0.1:8601/v1, of stuur met "
        "'notificeer' een notificatie van DUO naar Koers."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Adres (standaard 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8601, help="Poort (standaard 8601).")
        parser.add_argument(
            "--scenario",
            help="Scenariobestand (JSON). Standaard het demoscenario dat past bij `koers seed`.",
        )
        parser.add_argument(
            "--state",
            help="Bewaar wat gemeenten melden in dit JSON-bestand, "
            "zodat het een herstart overleeft.",
        )
        parser.add_argument(
            "--koers-url",
            default=f"http://127.0.0.1:{settings.PORT}",
            help="Adres van Koers voor notificaties (standaard http://127.0.0.1:KOERS_PORT).",
        )
        sub = parser.add_subparsers(dest="actie")
        notificeer = sub.add_parser("notificeer", help="Stuur een notificatie naar Koers.")
        notificeer.add_argument("gebeurtenis", help="gebeurtenisId, bijv. SS139")
        notificeer.add_argument("--bsn", help="BSN van de persoon (uit het scenario).")
        notificeer.add_argument(
            "--gemeente",
            help="Gemeentecode (4 cijfers) van de ontvanger. "
            "Standaard de woongemeente uit het scenario.",
        )
        notificeer.add_argument(
            "--doel", help="OIN van de ontvangende gemeente, als die niet in het scenario staat."
        )

    def handle(self, *args, actie=None, **opties):
        try:
            data, state = app.laad(
                opties["scenario"], duo_oin=settings.DUO_OIN, state_file=opties["state"]
            )
        except scenario.ScenarioFout as exc:
            raise CommandError(str(exc)) from exc
        sim = app.Simulator(
            data,
            state=state,
            koers_url=opties["koers_url"],
            state_file=opties["state"],
            duo_oin=settings.DUO_OIN,
        )
        if actie == "notificeer":
            self._notificeer(sim, opties)
            return
        try:
            server = app.maak_server(sim, opties["host"], opties["port"])
        except OSError as exc:
            raise CommandError(
                f"De DUO-simulator kan niet starten op {opties['host']}:"
                f"{opties['port']}: {exc.strerror}. Draait hij al?"
            ) from exc
        basis = f"http://{opties['host']}:{opties['port']}"
        self.stdout.write(
            f"DUO-simulator draait op {basis}{app.BASIS} "
            f"({len(sim.state['personen'])} personen). Beheer: {basis}/_sim/ . "
            "Stoppen: Ctrl+C."
        )
        self.stdout.flush()
        try:
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is the way to stop it
                server.serve_forever()
        finally:
            server.server_close()

    def _notificeer(self, sim, opties):
        try:
            resultaat = sim.notificeer(
                opties["gebeurtenis"].upper(),
                bsn=opties["bsn"],
                gemeentecode=opties["gemeente"],
                doel=opties["doel"],
            )
        except NotificatieFout as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Notificatie {opties['gebeurtenis'].upper()} verstuurd (berichtId "
            f"{resultaat.bericht_id}). Koers antwoordde met status "
            f"{resultaat.status}."
        )
        if resultaat.status != 201:
            raise CommandError(f"Koers nam de notificatie niet aan: {resultaat.antwoord[:300]}")
