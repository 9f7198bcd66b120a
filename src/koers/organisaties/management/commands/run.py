"""``koers run``: the web server. Gunicorn with KOERS_WEB_WORKERS processes of
KOERS_WEB_THREADS threads; ``--reload`` uses Django's development server instead.

No access log: URLs and query strings can hold BSNs. Outside demo mode the server refuses to
start while the system checks (``koers check-config``) report errors.

Metrics: gunicorn's workers are separate processes, so prometheus-client runs in multiprocess
mode. PROMETHEUS_MULTIPROC_DIR (default ``<KOERS_DATA_DIR>/metrieken``) is created and cleared
of the files of processes no longer running; ``koers worker`` started with the same variable
shares it. gunicorn reads ``koers.config.metrieken`` as its config for the ``child_exit`` hook.
"""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _metriekenmap() -> Path:
    """The multiprocess directory, emptied of what stopped processes left. Files of a running
    process (a ``koers worker`` started earlier with the same directory) stay: removing them
    would lose its metrics until it restarts."""
    map_ = Path(
        os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.DATA_DIR / "metrieken"
    ).resolve()
    map_.mkdir(parents=True, exist_ok=True)
    for bestand in map_.glob("*.db"):
        pid = bestand.stem.rpartition("_")[2]
        if not (pid.isdigit() and _draait(int(pid))):
            bestand.unlink(missing_ok=True)
    return map_


def _draait(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    return True


class Command(BaseCommand):
    help = (
        "Start de webserver van Koers op 127.0.0.1:KOERS_PORT (gunicorn, zonder "
        "toegangslog). Met --reload: de ontwikkelserver die herstart bij wijzigingen."
    )
    requires_system_checks: list = []  # checked below, with the demo exception

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            help="Adres:poort om op te luisteren (standaard "
            "127.0.0.1:KOERS_PORT). Achter een proxy op een "
            "andere machine bijv. 0.0.0.0:8000.",
        )
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Ontwikkelserver met automatisch herladen (niet voor productie).",
        )

    def handle(self, *args, bind, reload, **options):
        fouten = [
            p
            for p in checks.run_checks(include_deployment_checks=not settings.DEMO)
            if p.level >= checks.ERROR and not p.is_silenced()
        ]
        if fouten and not settings.DEMO:
            for p in fouten:
                self.stderr.write(f"FOUT {p.id}: {p.msg}\n    Oplossing: {p.hint or '-'}")
            raise CommandError(
                "Koers start niet: los eerst de fouten op (zie ook `koers check-config`).",
                returncode=1,
            )
        adres = bind or f"127.0.0.1:{settings.PORT}"
        self.stdout.write(
            f"Koers draait op http://{adres}/ "
            f"({'demomodus' if settings.DEMO else 'productiemodus'}). "
            "Stoppen: Ctrl+C."
        )
        if reload:
            call_command("runserver", adres)
            return
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "koers.config.wsgi:application",
            "--bind",
            adres,
            "--workers",
            str(settings.WEB_WORKERS),
            "--threads",
            str(settings.WEB_THREADS),
            "--worker-class",
            "gthread",
            "--error-logfile",
            "-",
            "--graceful-timeout",
            "20",
            "--config",
            "python:koers.config.metrieken",
        ]
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_metriekenmap())
        self.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606  (replace this process: signals reach gunicorn)
