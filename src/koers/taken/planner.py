"""``koers worker``: one process that runs the periodic jobs of every app.

An app offers its jobs in a module ``taken`` with a list ``TAKEN`` of :class:`Taak`. The
worker finds them through Django's app registry, so the DUO chain, the signal engine and the
dashboards each keep their own job, and none of them (nor the worker) imports another to run
it. Adding a job is adding it to its app's ``TAKEN``.

Each round runs the jobs that are due, in the order of INSTALLED_APPS. When a job did work
the next round starts at once; otherwise the worker sleeps briefly, until the next job with an
interval of its own is due at the latest. A job marked ``lang`` (a run
over every case: the signal engine's daily run, the dashboards' figures, the herstel check at
DUO) runs in a thread of its own, so that while it works for minutes the short jobs (sealing
the log, the DUO and BRP chains) and the heartbeat keep their rhythm. A failing job is logged
by its type only (an exception's text can quote personal data) and never stops the loop.
SIGTERM/SIGINT set the stop flag, which every job checks between items, so the worker stops
after the item it is working on; a worker killed harder leaves only leases that run out.
Several workers may run side by side: each job claims its own work. Each worker records a
heartbeat (koers.taken.models.Hartslag) at the start of a round, at most every
HARTSLAG_SECONDEN, which the readiness check /gezondheid/klaar reads.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import OperationalError, connections
from django.utils import timezone
from prometheus_client import Histogram

from koers.taken.models import Hartslag

log = logging.getLogger(__name__)

# Often enough for a readiness limit of minutes, rare enough to be no write load.
HARTSLAG_SECONDEN = 10.0
# Rows of processes that stopped long ago (a restarted pod gets a new host name).
HARTSLAG_OPRUIMEN_NA = timedelta(days=1)


@dataclass(frozen=True)
class Omgeving:
    """What a job gets: the stop flag and the worker's options (``koers worker``'s flags, and
    in tests their doubles, such as a DUO client). A job may keep a shared object there."""

    stop: threading.Event
    opties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Taak:
    """A periodic job. ``uitvoeren`` returns how many items it worked on (0: nothing to do).
    ``interval``: seconds between two runs (0: every round), or a function of the options
    that gives them, ``None`` meaning the job is switched off. ``lang``: one run may take
    minutes at national scale, so the worker gives the job a thread of its own."""

    naam: str
    uitvoeren: Callable[[Omgeving], int]
    interval: float | Callable[[Omgeving], float | None] = 0.0
    lang: bool = False

    def interval_in(self, omgeving: Omgeving) -> float | None:
        return self.interval(omgeving) if callable(self.interval) else self.interval


def gevonden_taken() -> list[Taak]:
    """Every app's ``TAKEN``, in the order of INSTALLED_APPS. A ``taken`` module that fails to
    import is an error, not a job silently left out."""
    taken: list[Taak] = []
    for config in apps.get_app_configs():
        naam = f"{config.name}.taken"
        try:
            module = import_module(naam)
        except ModuleNotFoundError as fout:
            if fout.name == naam:
                continue
            raise
        taken.extend(module.TAKEN)
    return taken


# Exposed at /metrics (koers.config.metrieken): monitoring is the signal engine, sturing the
# refresh of the dashboards. A failed run is observed too.
TAAKDUUR = Histogram(
    "koers_worker_job_duration_seconds",
    "Duur van een ronde van een taak van koers worker, per taak.",
    ["job"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900),
)


def _voer_uit(taak: Taak, omgeving: Omgeving) -> int:
    try:
        with TAAKDUUR.labels(taak.naam).time():
            return taak.uitvoeren(omgeving) or 0
    except OperationalError:
        log.error("Taak %s: database niet bereikbaar; de worker probeert het zo opnieuw", taak.naam)
    except Exception as fout:  # noqa: BLE001 - the loop must keep running
        # The full traceback: the log formatters mask any BSN the exception's text quotes.
        log.exception("Taak %s mislukt: %s", taak.naam, type(fout).__name__)
    return 0


def worker_naam() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:255]


def klop(naam: str) -> None:
    """Upsert this worker's heartbeat in one statement. A failed write is logged by its type
    and never stops the loop: the readiness check then reports the worker as stale."""
    nu = timezone.now()
    try:
        Hartslag.objects.bulk_create(
            [Hartslag(worker=naam, laatst_op=nu)],
            update_conflicts=True,
            unique_fields=["worker"],
            update_fields=["laatst_op"],
        )
        Hartslag.objects.filter(laatst_op__lt=nu - HARTSLAG_OPRUIMEN_NA).delete()
    except Exception as fout:  # noqa: BLE001 - the loop must keep running
        log.error("Hartslag van de worker niet vastgelegd: %s", type(fout).__name__)


def draai(
    *,
    eenmalig: bool = False,
    slaap: float = 2.0,
    stop: threading.Event | None = None,
    taken: list[Taak] | None = None,
    **opties: Any,
) -> None:
    """The loop of ``koers worker``: the due jobs each round, until ``stop`` is set (or after
    one round with ``eenmalig``, every job in turn). The long jobs each run in a thread of their
    own beside the loop; on stop the worker waits until each has finished its current item.
    A loop given its own list of jobs (a test's) records no heartbeat: only the real set of
    jobs means the worker is alive."""
    omgeving = Omgeving(stop=stop or threading.Event(), opties=dict(opties))
    hartslag = worker_naam() if taken is None else None
    taken = gevonden_taken() if taken is None else taken
    if eenmalig:
        if hartslag:
            klop(hartslag)
        _ronde(taken, omgeving, dict.fromkeys((t.naam for t in taken), time.monotonic()))
        return
    banen = [
        threading.Thread(target=_baan, args=(taak, omgeving, slaap), name=f"taak-{taak.naam}")
        for taak in taken
        if taak.lang
    ]
    for baan in banen:
        baan.start()
    try:
        _lus([t for t in taken if not t.lang], omgeving, slaap, hartslag)
    finally:
        omgeving.stop.set()
        for baan in banen:
            baan.join()


def _ronde(taken: list[Taak], omgeving: Omgeving, volgende: dict[str, float]) -> int:
    """Run the jobs that are due; returns the work done."""
    werk = 0
    for taak in taken:
        interval = taak.interval_in(omgeving)
        if omgeving.stop.is_set() or interval is None:
            continue
        if time.monotonic() >= volgende[taak.naam]:
            volgende[taak.naam] = time.monotonic() + interval
            werk += _voer_uit(taak, omgeving)
    return werk


def _lus(taken: list[Taak], omgeving: Omgeving, slaap: float, hartslag: str | None) -> None:
    volgende = dict.fromkeys((taak.naam for taak in taken), time.monotonic())
    volgende_hartslag = time.monotonic()
    while not omgeving.stop.is_set():
        if hartslag and time.monotonic() >= volgende_hartslag:
            volgende_hartslag = time.monotonic() + HARTSLAG_SECONDEN
            klop(hartslag)
        if not _ronde(taken, omgeving, volgende):
            omgeving.stop.wait(_wachttijd(taken, omgeving, volgende, slaap))


def _wachttijd(
    taken: list[Taak], omgeving: Omgeving, volgende: dict[str, float], slaap: float
) -> float:
    """How long an idle worker sleeps: ``slaap``, or less when a job with an interval of its
    own (the sealing, every second) is due before then."""
    nu = time.monotonic()
    eerstvolgende = min(
        (volgende[t.naam] for t in taken if (t.interval_in(omgeving) or 0) > 0),
        default=nu + slaap,
    )
    return min(slaap, max(eerstvolgende - nu, 0.01))


def _baan(taak: Taak, omgeving: Omgeving, slaap: float) -> None:
    """A long job's own loop, in its own thread with its own database connection."""
    try:
        _lus([taak], omgeving, slaap, hartslag=None)
    finally:
        connections.close_all()
