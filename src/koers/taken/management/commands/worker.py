"""``koers worker [--eenmalig]``: the periodic jobs of every app (koers.taken.planner): the DUO
chain (messages to DUO, notifications from DUO, herstel), the signal engine and the
dashboards' figures. Reads DATABASE_URL and KOERS_DUO_BASE_URL like the web server, so it can
run as its own process (or several) next to ``koers run``."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from koers.taken import planner


class Command(BaseCommand):
    help = (
        "Voer de periodieke taken uit: berichten naar DUO afleveren, notificaties van DUO "
        "verwerken, open zaken periodiek bij DUO controleren, signalen en de cijfers van "
        "de dashboards berekenen. Stopt netjes na het huidige bericht bij SIGTERM of "
        "Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--eenmalig", action="store_true", help="Eén ronde en dan stoppen (voor cron of tests)."
        )
        parser.add_argument(
            "--slaap",
            type=float,
            default=2.0,
            help="Seconden wachten als er niets te doen is (standaard 2).",
        )
        parser.add_argument(
            "--herstel-interval",
            type=float,
            default=15.0,
            help="Minuten tussen twee controles van open zaken bij DUO "
            "(standaard 15, minimaal 1; 0 = uit).",
        )
        parser.add_argument(
            "--taak",
            action="append",
            metavar="NAAM",
            help="Alleen deze taak uitvoeren (mag vaker); bijvoorbeeld een eigen worker die "
            "alleen de verwerkingenlogging verzegelt. Standaard: alle taken.",
        )

    def handle(self, *args, eenmalig, slaap, herstel_interval, taak, **options):
        if slaap <= 0:
            raise CommandError("--slaap moet groter zijn dan 0.")
        if 0 < herstel_interval < 1:
            raise CommandError("--herstel-interval is minimaal 1 minuut (of 0 voor uit).")
        # A worker with only some jobs records no heartbeat: the readiness check must not
        # count it as the worker that runs the DUO chain.
        taken = None
        if taak:
            alle = planner.gevonden_taken()
            namen = [t.naam for t in alle]
            onbekend = sorted(set(taak) - set(namen))
            if onbekend:
                raise CommandError(
                    f"Onbekende taak: {', '.join(onbekend)}. Kies uit: {', '.join(namen)}."
                )
            taken = [t for t in alle if t.naam in taak]
        stop = threading.Event()

        def _stop(signum, frame):
            self.stderr.write("Worker stopt na het huidige bericht.")
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        self.stdout.write("Worker gestart." if not eenmalig else "Worker: één ronde.")
        planner.draai(
            eenmalig=eenmalig,
            slaap=slaap,
            stop=stop,
            taken=taken,
            herstel_interval=herstel_interval,
        )
        self.stdout.write("Worker gestopt.")
