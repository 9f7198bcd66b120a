"""How long Koers keeps trying when DUO is down, and what happens when DUO is back.

A transient failure (time-out, no connection, 5xx) is retried with capped exponential backoff
(koers.duo.outbox.wachttijd) for KOERS_DUO_OPGEVEN_NA_UUR hours, counted from the first failure
of the current series (``mislukt_sinds``). Only then does a message become ``mislukt`` and a
notification a final ``fout``: both wait for beheer's "Opnieuw" button.

With the backoff capped at an hour, a message could wait up to an hour after DUO is back. So
when a row that failed before succeeds, DUO is evidently back, and every row still waiting
for a retry becomes due at once (:func:`duo_weer_bereikbaar`). That happens at most once a
minute per process: a partial outage (one operation failing, another working) cannot turn
into a loop that hammers DUO.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from koers.duo.models import Bericht, Notificatie

VERVROEG_INTERVAL = 60.0  # seconds between two pull-forwards in one process

_slot = threading.Lock()
_laatst_vervroegd: float | None = None


def venster() -> timedelta:
    """How long a series of transient failures is retried (KOERS_DUO_OPGEVEN_NA_UUR)."""
    return timedelta(hours=settings.DUO_OPGEVEN_NA_UUR)


def opgeven(mislukt_sinds: datetime | None, nu: datetime) -> bool:
    """Whether the retry window of a series that began at ``mislukt_sinds`` has passed."""
    return mislukt_sinds is not None and nu - mislukt_sinds >= venster()


def vervroeg(nu: datetime | None = None) -> int:
    """Make every row that waits for a retry after a transient failure due now."""
    nu = nu or timezone.now()
    aantal = Bericht.objects.filter(
        status=Bericht.Status.WACHTEND, volgende_poging_op__gt=nu
    ).update(volgende_poging_op=nu)
    aantal += Notificatie.objects.filter(
        status__in=(Notificatie.Status.NIEUW, Notificatie.Status.FOUT), volgende_poging_op__gt=nu
    ).update(volgende_poging_op=nu)
    return aantal


def duo_weer_bereikbaar() -> int:
    """Called when a row that failed before has now succeeded (see the module docstring)."""
    global _laatst_vervroegd
    with _slot:
        klok = time.monotonic()
        if _laatst_vervroegd is not None and klok - _laatst_vervroegd < VERVROEG_INTERVAL:
            return 0
        _laatst_vervroegd = klok
    return vervroeg()


def vergeet() -> None:
    """Forget the last pull-forward (tests start from a clean process state)."""
    global _laatst_vervroegd
    with _slot:
        _laatst_vervroegd = None
