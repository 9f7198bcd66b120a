"""The signal engine: derives every due and overdue item of all cases.

``bereken_signalen(vandaag)`` runs every source (:class:`~koers.monitoring.signaalbron.Bron`)
once: the core sources of :mod:`koers.monitoring.bronnen` and the ``BRONNEN`` of every app's
optional ``signalen`` module. Per source it does a few set-based statements, never a loop of
queries per case:

1. the source's one query (all cases);
2. one query for the current signals of that kind (``actief``);
3. the difference in memory: new items are inserted (``bulk_create``, conflicts ignored, in
   chunks), changed due dates updated (``bulk_update`` in chunks), items no longer yielded
   closed (``UPDATE … WHERE id IN (chunk)``: an open or snoozed one becomes ``vervallen``).
   A handled item that comes back with another due date is a new item and opens again.

Before the sources, one UPDATE reopens the snoozed signals whose ``uitgesteld_tot`` has come.
``bereken_voor(traject_ids)`` does the same for a few cases ("on change"): a source that
returns a ``values_list`` queryset is restricted in SQL on its first column (the traject id);
any other iterable is filtered in memory.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from koers.inburgeraars.models import Traject
from koers.inburgeraars.rules import termijn_laatste_dag
from koers.monitoring import bronnen as kern
from koers.monitoring import rules
from koers.monitoring.models import Engineloop, Signaal
from koers.monitoring.signaalbron import Bron

log = logging.getLogger(__name__)

CHUNK = 5000
LOOP_NAAM = "signalen"
LEASE = timedelta(hours=1)
LIVE = (Signaal.Status.OPEN, Signaal.Status.UITGESTELD)


def alle_bronnen() -> tuple[Bron, ...]:
    """The core sources plus those of the apps with a ``signalen`` module."""
    from koers.organisaties.koppelingen import koers_modules

    gezien: dict[str, Bron] = {b.soort: b for b in kern.BRONNEN}
    for module in koers_modules("signalen"):
        for bron in getattr(module, "BRONNEN", ()):
            gezien.setdefault(bron.soort, bron)
    return tuple(gezien.values())


def bron_van(soort: str) -> Bron | None:
    return {b.soort: b for b in alle_bronnen()}.get(soort)


@dataclass
class Uitkomst:
    nieuw: int = 0
    bijgewerkt: int = 0
    gesloten: int = 0
    heropend: int = 0
    per_bron: dict[str, float] = field(default_factory=dict)

    @property
    def totaal(self) -> int:
        return self.nieuw + self.bijgewerkt + self.gesloten + self.heropend


def _chunks(reeks: list, grootte: int = CHUNK):
    for i in range(0, len(reeks), grootte):
        yield reeks[i : i + grootte]


def _gepauzeerd(traject_ids: list[int] | None):
    qs = Traject.objects.filter(gepauzeerd_sinds__isnull=False)
    if traject_ids is not None:
        qs = qs.filter(id__in=traject_ids)
    return qs.values("id")


class _Stil:
    """The paused cases of one run, fetched at most once (the in-memory filter of every
    source that pauses and is not a queryset shares it)."""

    def __init__(self, traject_ids: list[int] | None):
        self.traject_ids = traject_ids
        self._ids: set[int] | None = None

    def ids(self) -> set[int]:
        if self._ids is None:
            self._ids = set(_gepauzeerd(self.traject_ids).values_list("id", flat=True))
        return self._ids


def _rijen(bron: Bron, vandaag: date, traject_ids: list[int] | None, stil: _Stil | None = None):
    """The source's rows, restricted to ``traject_ids`` and, for a source that pauses, to
    cases without a running tijdelijke vrijstelling: in SQL when the source is a
    ``values_list`` queryset, else in memory (one query per run for the paused cases, a
    few)."""
    rijen = bron.rijen(vandaag)
    sql = isinstance(rijen, QuerySet) and getattr(rijen, "_fields", None)
    if sql:
        veld = rijen._fields[0]
        if traject_ids is not None:
            rijen = rijen.filter(**{f"{veld}__in": traject_ids})
        if rules.signaal_staat_stil(bron_pauzeert=bron.pauzeert, gepauzeerd=True):
            rijen = rijen.exclude(**{f"{veld}__in": _gepauzeerd(traject_ids)})
        return rijen
    gevraagd = set(traject_ids) if traject_ids is not None else None
    overslaan = (stil or _Stil(traject_ids)).ids() if bron.pauzeert else set()
    return (
        r
        for r in rijen
        if (gevraagd is None or r[0] in gevraagd)
        and not rules.signaal_staat_stil(bron_pauzeert=bron.pauzeert, gepauzeerd=r[0] in overslaan)
    )


def _heropen(vandaag: date, traject_ids: list[int] | None) -> int:
    qs = Signaal.objects.filter(status=Signaal.Status.UITGESTELD, uitgesteld_tot__lte=vandaag)
    if traject_ids is not None:
        qs = qs.filter(traject_id__in=traject_ids)
    return qs.update(status=Signaal.Status.OPEN, uitgesteld_tot=None, gewijzigd_op=timezone.now())


def _verwerk(
    bron: Bron,
    rijen: Iterable[tuple[int, date, str]],
    traject_ids: list[int] | None,
    uitkomst: Uitkomst,
) -> None:
    gevonden: dict[tuple[int, str], date] = {}
    for traject_id, vervaldatum, sleutel in rijen:
        if vervaldatum is None:
            continue
        if bron.termijn_einde:
            vervaldatum = termijn_laatste_dag(vervaldatum)
        sleutel = str(sleutel or "")
        sleutel_oud = gevonden.get((traject_id, sleutel))
        if sleutel_oud is None or vervaldatum < sleutel_oud:
            gevonden[(traject_id, sleutel)] = vervaldatum
    huidig_qs = Signaal.objects.filter(soort=bron.soort, actief=True)
    if traject_ids is not None:
        huidig_qs = huidig_qs.filter(traject_id__in=traject_ids)
    huidig = {
        (t, s): (pk, d, st)
        for pk, t, s, d, st in huidig_qs.values_list(
            "id", "traject_id", "sleutel", "vervaldatum", "status"
        ).iterator(chunk_size=CHUNK)
    }

    nu = timezone.now()
    nieuw: list[Signaal] = []
    bijwerken: list[Signaal] = []
    sluit_live: list[int] = []
    sluit_afgehandeld: list[int] = []
    for sleutel, vervaldatum in gevonden.items():
        bestaand = huidig.get(sleutel)
        if bestaand is None:
            nieuw.append(
                Signaal(
                    traject_id=sleutel[0],
                    soort=bron.soort,
                    sleutel=sleutel[1],
                    vervaldatum=vervaldatum,
                )
            )
            continue
        pk, oud, status = bestaand
        if oud == vervaldatum:
            continue
        if status == Signaal.Status.AFGEHANDELD:
            # Handled before; the item is back with another due date: a new item.
            sluit_afgehandeld.append(pk)
            nieuw.append(
                Signaal(
                    traject_id=sleutel[0],
                    soort=bron.soort,
                    sleutel=sleutel[1],
                    vervaldatum=vervaldatum,
                )
            )
        else:
            bijwerken.append(Signaal(pk=pk, vervaldatum=vervaldatum, gewijzigd_op=nu))
    for sleutel, (pk, _oud, status) in huidig.items():
        if sleutel not in gevonden:
            (sluit_afgehandeld if status == Signaal.Status.AFGEHANDELD else sluit_live).append(pk)

    for ids in _chunks(sluit_live):
        uitkomst.gesloten += Signaal.objects.filter(id__in=ids, status__in=LIVE).update(
            status=Signaal.Status.VERVALLEN, actief=False, gewijzigd_op=nu
        )
    for ids in _chunks(sluit_afgehandeld):
        Signaal.objects.filter(id__in=ids).update(actief=False, gewijzigd_op=nu)
    for rijen_chunk in _chunks(bijwerken, 1000):
        Signaal.objects.bulk_update(rijen_chunk, ["vervaldatum", "gewijzigd_op"])
    uitkomst.bijgewerkt += len(bijwerken)
    for rijen_chunk in _chunks(nieuw):
        Signaal.objects.bulk_create(rijen_chunk, ignore_conflicts=True)
    uitkomst.nieuw += len(nieuw)


def _bereken(vandaag: date, traject_ids: list[int] | None) -> Uitkomst:
    from koers.monitoring.services import plan_gesprekken

    uitkomst = Uitkomst()
    plan_gesprekken(traject_ids)
    uitkomst.heropend = _heropen(vandaag, traject_ids)
    stil = _Stil(traject_ids)
    for bron in alle_bronnen():
        start = time.perf_counter()
        with transaction.atomic():
            _verwerk(bron, _rijen(bron, vandaag, traject_ids, stil), traject_ids, uitkomst)
        uitkomst.per_bron[bron.soort] = round(time.perf_counter() - start, 3)
    return uitkomst


def bereken_signalen(vandaag: date | None = None) -> Uitkomst:
    """A full run over all cases."""
    from koers.inburgeraars.services import vandaag as _vandaag

    return _bereken(vandaag or _vandaag(), None)


def bereken_voor(traject_ids: Iterable[int], vandaag: date | None = None) -> Uitkomst:
    """The same, only for these cases: services call it after a change."""
    from koers.inburgeraars.services import vandaag as _vandaag

    ids = sorted({int(i) for i in traject_ids if i is not None})
    if not ids:
        return Uitkomst()
    return _bereken(vandaag or _vandaag(), ids)


def dagelijks(vandaag: date | None = None) -> Uitkomst | None:
    """Run the engine once per day, whichever of several workers comes first.

    A conditional UPDATE on the one ``Engineloop`` row claims the day: it only matches when
    the row was not run today and no one holds a valid lease. The database runs it
    atomically, so exactly one worker sees "1 row"; a worker that dies leaves a lease that
    runs out after an hour. Returns None when there was nothing to do."""
    from koers.inburgeraars.services import vandaag as _vandaag

    vandaag = vandaag or _vandaag()
    if not Engineloop.objects.filter(naam=LOOP_NAAM).exists():
        # Another worker may make it at the same moment: then its row is the one.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            Engineloop.objects.create(naam=LOOP_NAAM)
    nu = timezone.now()
    tot = nu + LEASE
    geclaimd = (
        Engineloop.objects.filter(naam=LOOP_NAAM)
        .filter(Q(laatste_dag__isnull=True) | Q(laatste_dag__lt=vandaag))
        .filter(Q(bezig_tot__isnull=True) | Q(bezig_tot__lt=nu))
        .update(bezig_tot=tot)
    )
    if geclaimd != 1:
        return None
    start = time.perf_counter()
    try:
        uitkomst = bereken_signalen(vandaag)
    except Exception:
        Engineloop.objects.filter(naam=LOOP_NAAM, bezig_tot=tot).update(bezig_tot=None)
        raise
    duur = time.perf_counter() - start
    Engineloop.objects.filter(naam=LOOP_NAAM, bezig_tot=tot).update(
        bezig_tot=None,
        laatste_dag=vandaag,
        laatste_duur=round(duur, 3),
        laatste_aantal=uitkomst.totaal,
    )
    log.info(
        "Signalen berekend in %.1f s: %s nieuw, %s bijgewerkt, %s gesloten",
        duur,
        uitkomst.nieuw,
        uitkomst.bijgewerkt,
        uitkomst.gesloten,
    )
    return uitkomst
