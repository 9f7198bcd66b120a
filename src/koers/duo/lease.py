"""Claiming rows of the durable inbox and outbox with a lease.

Algorithm (the same for Notificatie and Bericht, on SQLite and PostgreSQL):

1. Read the ids of a few due rows (one indexed query, no lock).
2. For each id, try to claim it with one conditional UPDATE::

       UPDATE … SET geclaimd_tot = now + lease
       WHERE id = :id AND status = :open AND (geclaimd_tot IS NULL OR geclaimd_tot < now)

   The database runs the UPDATE atomically per row. When two workers race for one row,
   PostgreSQL makes the second UPDATE wait for the first to commit and then re-checks the
   WHERE clause against the new row: the lease is no longer expired, 0 rows change, the
   second worker skips the row. SQLite has one writer at a time, with the same outcome.
   Exactly one worker sees "1 row updated" and owns the row until ``geclaimd_tot``.
3. The owner does the work and writes the result with a fenced UPDATE (``WHERE id = :id AND
   geclaimd_tot = <its own lease>``): if its lease ran out and another worker took the row
   meanwhile, the stale result is dropped instead of overwriting the newer one.
4. A worker that dies keeps nothing: its lease simply expires and the row becomes due again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Model, Q
from django.utils import timezone


def vrij(nu: datetime) -> Q:
    """Rows nobody holds a valid lease on."""
    return Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu)


def aan_de_beurt(nu: datetime) -> Q:
    return (Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=nu)) & vrij(nu)


def werk_af(ids, doe, stop=None) -> int:
    """Run ``doe(pk)`` for each claimed-to-be id until ``stop`` (SIGTERM) is set; returns the
    number attempted. ``doe`` claims the row itself, so a row taken meanwhile is skipped."""
    aantal = 0
    for pk in ids:
        if stop is not None and stop.is_set():
            break
        aantal += doe(pk)
    return aantal


def duur() -> timedelta:
    """How long a claim holds (KOERS_DUO_LEASE_SECONDEN): far longer than one delivery may
    take (KOERS_DUO_TIMEOUT), short enough that a crashed worker's work is soon taken over."""
    return timedelta(seconds=settings.DUO_LEASE_SECONDEN)


def claim(
    model: type[Model], pk: int, *, status: str | tuple[str, ...], lease: timedelta | None = None
) -> datetime | None:
    """Claim one row in ``status`` (one or several); returns the lease end (the fencing token)
    or None when someone else has it or it is no longer open."""
    lease = lease or duur()
    nu = timezone.now()
    tot = nu + lease
    statussen = (status,) if isinstance(status, str) else tuple(status)
    geclaimd = model.objects.filter(vrij(nu), pk=pk, status__in=statussen).update(geclaimd_tot=tot)
    return tot if geclaimd == 1 else None


def schrijf(model: type[Model], pk: int, tot: datetime, **velden) -> bool:
    """Write the outcome only while our lease still holds (see step 3)."""
    return model.objects.filter(pk=pk, geclaimd_tot=tot).update(geclaimd_tot=None, **velden) == 1
