"""Health endpoints for the platform (Kubernetes probes, a load balancer, monitoring).

``/gezondheid/live``: the process answers; touches nothing else, so a slow database never
gets a healthy pod restarted. ``/gezondheid/klaar``: Koers can do its work: the database
answers, every migration is applied, a worker is alive, the DUO outbox is not stuck, the
verwerkingenlogging is sealed in time and, with the export on, reaches its Logboek
Dataverwerkingen in time.

The checks are django-health-check backends (:class:`health_check.base.HealthCheck`; the
database check is the library's own). The library's view is not used: it renders each check's
repr and error text (more than an anonymous caller may see), answers 500 instead of 503, and
runs synchronous checks in an executor thread, where each request would open a database
connection of its own. The thin views below run the same checks in the request's thread and
answer only names and ok/fout.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import HealthCheckException, ServiceUnavailable

from koers.duo import outbox
from koers.taken.models import Hartslag
from koers.verwerkingen import keten, otlp

log = logging.getLogger(__name__)

# Aliases whose migrations were found complete: that stays true for the life of the process
# (a deploy with new migrations starts new processes), and building the plan costs far more
# than the rest of the readiness check.
_migraties_klaar: set[str] = set()


@dataclasses.dataclass
class Migraties(HealthCheck):
    """Every migration the code knows is applied to the database."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self) -> None:
        if self.alias in _migraties_klaar:
            return
        executor = MigrationExecutor(connections[self.alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise ServiceUnavailable("Migraties niet toegepast")
        _migraties_klaar.add(self.alias)


@dataclasses.dataclass
class Worker(HealthCheck):
    """Some ``koers worker`` recorded a heartbeat within the limit (the youngest counts)."""

    def run(self) -> None:
        seconden = settings.GEZONDHEID_WORKER_MAX_SECONDEN
        if seconden <= 0:
            return
        grens = timezone.now() - timedelta(seconds=seconden)
        if not Hartslag.objects.filter(laatst_op__gte=grens).exists():
            raise ServiceUnavailable("Geen recente hartslag van de worker")


@dataclasses.dataclass
class DuoUitgaand(HealthCheck):
    """No message waiting to go to DUO is older than the limit. Messages DUO refused or that
    failed after every attempt are not waiting any more: beheer handles those."""

    def run(self) -> None:
        minuten = settings.GEZONDHEID_DUO_MAX_MINUTEN
        if minuten <= 0:
            return
        grens = timezone.now() - timedelta(minutes=minuten)
        oudste = outbox.oudste_wachtende()
        if oudste is not None and oudste < grens:
            raise ServiceUnavailable("Bericht naar DUO wacht te lang")


@dataclasses.dataclass
class VerwerkingenVerzegeld(HealthCheck):
    """No record of the verwerkingenlogging waits for its seal longer than the limit: the
    sealer of ``koers worker`` keeps up (koers.verwerkingen.keten)."""

    def run(self) -> None:
        minuten = settings.GEZONDHEID_VERWERKINGEN_MAX_MINUTEN
        if minuten <= 0:
            return
        oudste = keten.open_venster().oudste
        if oudste is not None and oudste < timezone.now() - timedelta(minutes=minuten):
            raise ServiceUnavailable("Verwerkingen wachten te lang op hun zegel")


@dataclasses.dataclass
class LdvExportBij(HealthCheck):
    """With the export to a Logboek Dataverwerkingen on, no sealed record waits longer than the
    limit for the logbook's confirmation: the logbook is reachable and the export keeps up
    (koers.verwerkingen.otlp). Off, and no query, while the export is off."""

    def run(self) -> None:
        minuten = settings.GEZONDHEID_LDV_EXPORT_MAX_MINUTEN
        if minuten <= 0 or not otlp.aan():
            return
        oudste = otlp.oudste_wachtende()
        if oudste is not None and oudste < timezone.now() - timedelta(minutes=minuten):
            raise ServiceUnavailable("Verwerkingen wachten te lang op het logboek")


def controles() -> dict[str, HealthCheck]:
    """The readiness checks by the name the response shows, in the order they run."""
    return {
        "database": Database(),
        "migraties": Migraties(),
        "worker": Worker(),
        "duo": DuoUitgaand(),
        "verwerkingen": VerwerkingenVerzegeld(),
        "ldv-export": LdvExportBij(),
    }


def _in_orde(naam: str, controle: HealthCheck) -> bool:
    try:
        controle.run()
    except HealthCheckException:
        log.warning("Gezondheidscontrole %s: fout", naam)
        return False
    except Exception as fout:  # noqa: BLE001 - a broken check is a failed check, not a 500
        # The type only: an exception's text can quote a query and its parameters.
        log.error("Gezondheidscontrole %s: fout (%s)", naam, type(fout).__name__)
        return False
    return True


def _antwoord(inhoud: dict, status: int = 200) -> JsonResponse:
    antwoord = JsonResponse(inhoud, status=status)
    add_never_cache_headers(antwoord)
    return antwoord


@csrf_exempt
@require_safe
def live(request):
    return _antwoord({"status": "ok"})


# What one web process needs to serve a page: the Kubernetes readinessProbe of the web pods
# asks only this (/gezondheid/web). The chain checks (worker, DUO, the log's seal and export)
# are about the installation, not about this pod: taking every web pod out of service because
# DUO or a logbook is down would make Koers itself unreachable.
WEB_CONTROLES = ("database", "migraties")


def _gereedheid(namen=None):
    uitkomst = {
        naam: _in_orde(naam, controle)
        for naam, controle in controles().items()
        if namen is None or naam in namen
    }
    if all(uitkomst.values()):
        return _antwoord({"status": "ok"})
    return _antwoord(
        {
            "status": "fout",
            "controles": {naam: "ok" if goed else "fout" for naam, goed in uitkomst.items()},
        },
        status=503,
    )


@csrf_exempt
@require_safe
@transaction.non_atomic_requests
def klaar(request):
    """The whole installation: every check (for monitoring and alerts)."""
    return _gereedheid()


@csrf_exempt
@require_safe
@transaction.non_atomic_requests
def web(request):
    """This web process can serve pages (the web pods' readinessProbe)."""
    return _gereedheid(WEB_CONTROLES)
