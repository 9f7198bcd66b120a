"""The summary table (:class:`~koers.sturing.models.Kengetal`): computed set-based from the
cases, read by the dashboards.

``ververs`` runs every source of :data:`koers.sturing.cijfers.BRONNEN` once over all
gemeenten (a fixed number of grouped queries, whatever the number of cases) and replaces the
table in one transaction. The worker (``koers worker``) calls :func:`actueel` every minute:
when the figures are older than ``KOERS_STURING_VERVERSEN_MINUTEN`` (default 15; 0 = always
compute, for tests) or of another day, the worker that claims the work computes them, and
``koers sturing-bijwerken`` does the same from a timer. A page reads the figures there are
and computes them itself only when there are none, or when they are more than
:data:`PAGINA_MARGE` times too old (no worker running): a user should not wait for a
computation at a million cases.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from koers.organisaties.models import Gemeente
from koers.sturing import cijfers
from koers.sturing.models import Kengetal, Verversing

CLAIM = dt.timedelta(minutes=10)  # a computation that takes longer is assumed to have died
PAGINA_MARGE = 2


def _ververs_na(marge: int = 1) -> dt.timedelta | None:
    minuten = settings.KOERS_STURING_VERVERSEN_MINUTEN
    return None if minuten <= 0 else dt.timedelta(minutes=minuten * marge)


def ververs(vandaag: dt.date | None = None) -> Verversing:
    """Compute every figure of every gemeente again and replace the table."""
    vandaag = vandaag or timezone.localdate()
    begin = time.perf_counter()
    ids = list(Gemeente.objects.values_list("pk", flat=True))
    rijen = [
        Kengetal(
            bron=bron,
            gemeente_id=gemeente,
            jaar=jaar,
            halfjaar=half,
            asiel=asiel,
            turks=turks,
            waarden={k: v for k, v in waarden.items() if v},
        )
        for bron, functie in cijfers.BRONNEN.items()
        for (gemeente, jaar, half, asiel, turks), waarden in functie(ids, None, vandaag).items()
    ]
    with transaction.atomic():
        Kengetal.objects.all().delete()
        Kengetal.objects.bulk_create(rijen, batch_size=1000)
        verversing, _nieuw = Verversing.objects.update_or_create(
            pk=1,
            defaults={
                "berekend_op": timezone.now(),
                "peildatum": vandaag,
                "duur": round(time.perf_counter() - begin, 3),
                "bezig_tot": None,
            },
        )
    return verversing


def actueel(vandaag: dt.date, *, marge: int = 1) -> Verversing | None:
    """The figures' state, computed first when older than ``marge`` times the setting (or of
    another day) and this caller claims the work."""
    nu = timezone.now()
    verversing = Verversing.objects.filter(pk=1).first()
    na = _ververs_na(marge)
    if (
        verversing is not None
        and verversing.berekend_op is not None
        and na is not None
        and verversing.peildatum == vandaag
        and verversing.berekend_op >= nu - na
    ):
        return verversing
    if verversing is None:
        verversing, _nieuw = Verversing.objects.get_or_create(pk=1)
    geclaimd = (
        Verversing.objects.filter(pk=1)
        .filter(Q(bezig_tot__isnull=True) | Q(bezig_tot__lt=nu))
        .update(bezig_tot=nu + CLAIM)
    )
    if geclaimd:
        try:
            return ververs(vandaag)
        except BaseException:
            # Let the next request try again instead of waiting for the claim to expire.
            Verversing.objects.filter(pk=1).update(bezig_tot=None)
            raise
    return verversing if verversing.berekend_op is not None else None


def lees(gemeente_ids, jaar: int) -> dict[str, cijfers.Rijen]:
    """The rows of one year (both half years) and the snapshots, per source. One query."""
    uit: dict[str, cijfers.Rijen] = {bron: {} for bron in cijfers.BRONNEN}
    for bron, gemeente, j, half, asiel, turks, waarden in Kengetal.objects.filter(
        Q(jaar=jaar) | Q(jaar__isnull=True), gemeente_id__in=list(gemeente_ids)
    ).values_list("bron", "gemeente_id", "jaar", "halfjaar", "asiel", "turks", "waarden"):
        if bron in uit:
            uit[bron][(gemeente, j, half, asiel, turks)] = waarden
    return uit
