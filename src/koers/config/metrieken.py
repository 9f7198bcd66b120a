"""Prometheus metrics at ``/metrics`` (prometheus-client).

What is measured where:

- here: request latency per view (:class:`MetriekenMiddleware`) and, at scrape time, the depth
  and oldest age of the DUO outbox and inbox (:class:`DuoWachtrijCollector`);
- ``koers.duo.client``: DUO call latency and errors per operationId and outcome;
- ``koers.taken.planner``: the duration of each ``koers worker`` job (monitoring is the signal
  engine, sturing the refresh of the dashboards);
- ``koers.beveiliging.inlogpogingen``: failed logins and lock-outs.

Those three live in lower layers, which may not import this module; their metrics register in
prometheus-client's default registry, which this view exposes.

Labels never hold a raw path, a query string or any value a person typed: a path carries ids
and BSNs. A request is labelled by its URL pattern's name.

Several processes: ``koers run`` sets PROMETHEUS_MULTIPROC_DIR (see ``run.py``); every process
started with the same directory (gunicorn's workers, ``koers worker``) writes its values there
and a scrape of any web process sums them. gunicorn loads this module as its config
(``--config python:koers.config.metrieken``) for :func:`child_exit`, so it must import without
Django being set up: model imports stay inside functions.

The endpoint answers 404 while KOERS_METRICS_TOKEN is empty, and otherwise only to
``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import logging
import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from koers.verwerkingen.metrieken import VensterCollector

log = logging.getLogger(__name__)

VERZOEKDUUR = Histogram(
    "koers_http_request_duration_seconds",
    "Duur van webverzoeken, per view (naam van het URL-patroon), methode en statusklasse.",
    ["view", "method", "status"],
)

_METHODEN = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _view_naam(request) -> str:
    """The URL pattern's name (``web:traject``), never the path: that holds ids and BSNs.
    A view without a name is labelled by its dotted path, also fixed text."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<geen>"  # no pattern matched (404) or a middleware answered first
    return match.view_name or "<geen>"


class MetriekenMiddleware:
    """Observes every request's duration in :data:`VERZOEKDUUR`. Placed first, so the time
    includes the other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin = time.perf_counter()
        response = self.get_response(request)
        # An unknown method would be a label value an outsider chooses.
        methode = request.method if request.method in _METHODEN else "OTHER"
        VERZOEKDUUR.labels(
            view=_view_naam(request),
            method=methode,
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - begin)
        return response


class DuoWachtrijCollector:
    """Depth and oldest age of the DUO outbox and inbox, counted when Prometheus scrapes:
    the database is the truth, shared by every process, so nothing is kept in memory.
    Each figure is one query on the (status, volgende_poging_op) index."""

    def collect(self):
        from django.db import DatabaseError
        from django.db.models import Count
        from django.utils import timezone

        from koers.duo import inbox, outbox
        from koers.duo.models import Bericht, Notificatie

        try:
            nu = timezone.now()
            uit = dict(Bericht.objects.order_by().values_list("status").annotate(n=Count("pk")))
            oudste_uit = outbox.oudste_wachtende()
            in_ = dict(Notificatie.objects.order_by().values_list("status").annotate(n=Count("pk")))
            oudste_in = inbox.oudste_onverwerkte()
        except DatabaseError:
            # A scrape must still answer (with the process metrics) when the database is
            # away; the health endpoint reports that.
            log.warning("Metrieken: database niet bereikbaar voor de DUO-wachtrijen")
            return

        diepte = GaugeMetricFamily(
            "koers_duo_outbox_messages",
            "Berichten aan DUO (outbox), per status.",
            labels=["status"],
        )
        for status in Bericht.Status.values:
            diepte.add_metric([status], uit.get(status, 0))
        yield diepte
        yield GaugeMetricFamily(
            "koers_duo_outbox_oldest_pending_age_seconds",
            "Leeftijd in seconden van het oudste bericht aan DUO dat nog wacht op verzending "
            "(0: geen).",
            value=(nu - oudste_uit).total_seconds() if oudste_uit else 0.0,
        )
        diepte_in = GaugeMetricFamily(
            "koers_duo_inbox_notifications",
            "Notificaties van DUO (inbox), per status.",
            labels=["status"],
        )
        for status in Notificatie.Status.values:
            diepte_in.add_metric([status], in_.get(status, 0))
        yield diepte_in
        yield GaugeMetricFamily(
            "koers_duo_inbox_oldest_unprocessed_age_seconds",
            "Leeftijd in seconden van de oudste notificatie van DUO die nog niet verwerkt is "
            "(0: geen).",
            value=(nu - oudste_in).total_seconds() if oudste_in else 0.0,
        )


# Separate from the process metrics: in multiprocess mode those come from a fresh registry
# per scrape, while this collector is registered once.
_WACHTRIJEN = CollectorRegistry(auto_describe=False)
_WACHTRIJEN.register(DuoWachtrijCollector())
_WACHTRIJEN.register(VensterCollector())


def _procesmetrieken() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def _token_klopt(request, token: str) -> bool:
    soort, _, gegeven = request.headers.get("Authorization", "").partition(" ")
    if soort.lower() != "bearer" or not gegeven:
        return False
    return hmac.compare_digest(gegeven.strip().encode(), token.encode())


@csrf_exempt
@require_GET
def metrics_view(request):
    """Prometheus' scrape target. No session, no verwerkingenlogging: no personal data."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    if not _token_klopt(request, token):
        response = HttpResponse("Token ontbreekt of klopt niet.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    response = HttpResponse(
        _procesmetrieken() + generate_latest(_WACHTRIJEN), content_type=CONTENT_TYPE_LATEST
    )
    response["Cache-Control"] = "no-store"
    return response


def child_exit(server, worker) -> None:
    """gunicorn hook: a worker that stopped leaves its files; mark it dead so its live
    gauges no longer count."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
