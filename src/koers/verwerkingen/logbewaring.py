"""Removing log records after their bewaartermijn while the hash chain stays verifiable.

The rule is :func:`koers.verwerkingen.rules.log_verwijderen_vanaf`: a record about a person
goes ``log_extra_jaren`` (gemeente setting, default 2) after his case was anonymised; a
record about nobody after the case's default bewaartermijn plus those years.

How the chain survives: removable records are grouped into runs, each a stretch of sealed
records with no kept record between them in the chain (volgnummer order). Per run one
:class:`~koers.verwerkingen.models.Weggehaald` row keeps the volgnummers and the two hashes
at its ends (the ``vorige_hash`` of its first record and the ``hash`` of its last), so
:func:`koers.verwerkingen.keten.verifieer` steps over the run and still checks every record
that is left. Every run is announced by a new record in the
chain itself (activity ``ACTIVITEIT_LOG_OPSCHONEN``, the runs as ``van-tot`` in its
``secties``); a run that no chained record announces is reported as a break, so a removal
cannot be hidden by adding a run row afterwards. Announcing records hold no personal data
and are never removed.

The database allows this one DELETE only: PostgreSQL's trigger lets it through in a
transaction that set ``koers.log_opschonen``, SQLite's seal is lifted inside the transaction
(migration 0004). The chain is verified first; a broken chain is never cleaned up, so removal
cannot wash away the trace of tampering. Only sealed records are removed, and each removal
holds the head row (the sealer's lock) and seals its announcement before it commits, so the
chain it leaves behind is complete and checkable at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from koers.verwerkingen import keten, rules
from koers.verwerkingen.keten import CONTROLE_STUK, verifieer
from koers.verwerkingen.models import Bewaartermijn, Geanonimiseerd, Kop, Verwerking, Weggehaald
from koers.verwerkingen.services import log_veel

# Runs per announcing record (its ``secties``) and per transaction.
REEKSEN_PER_MELDING = 500


class KetenVerbroken(Exception):
    """The chain is broken: nothing is removed until it has been looked into."""


@dataclass(frozen=True)
class Reeks:
    van_volgnummer: int
    tot_volgnummer: int
    begin_hash: str
    eind_hash: str
    ids: tuple[int, ...]

    @property
    def aantal(self) -> int:
        return len(self.ids)


@dataclass
class PerGemeente:
    """The removable records of one gemeente's persons (``None``: records about no person):
    how many, and the first and last day they were written."""

    aantal: int = 0
    oudste: dt.date | None = None
    nieuwste: dt.date | None = None

    def tel(self, dag: dt.date) -> None:
        self.aantal += 1
        self.oudste = dag if self.oudste is None else min(self.oudste, dag)
        self.nieuwste = dag if self.nieuwste is None else max(self.nieuwste, dag)


@dataclass
class Opschoning:
    vandaag: dt.date
    reeksen: list[Reeks] = field(default_factory=list)
    uitgevoerd: bool = False
    per_gemeente: dict[int | None, PerGemeente] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        return sum(r.aantal for r in self.reeksen)


def _grens_volgnummer(vandaag: dt.date, extra: dict[int, int]) -> int:
    """No record newer than the shortest log period can be removable: walk the chain only up
    to the last sealed record before that moment (on the tijdstip index). A record written
    just before it but sealed after is left for the next day."""
    kortste = min([rules.BEWAARTERMIJN_LOG_EXTRA_JAREN, *extra.values()])
    dag = vandaag.replace(day=28) if (vandaag.month, vandaag.day) == (2, 29) else vandaag
    grens = dt.datetime.combine(
        dag.replace(year=dag.year - kortste), dt.time.max, timezone.get_current_timezone()
    )
    return (
        Verwerking.objects.filter(tijdstip__lte=grens, volgnummer__isnull=False)
        .order_by("-tijdstip", "-id")
        .values_list("volgnummer", flat=True)
        .first()
    ) or 0


def _records(tot_volgnummer: int, stuk: int) -> Iterator[list[Verwerking]]:
    laatste = 0
    while True:
        rijen = list(
            Verwerking.objects.filter(
                volgnummer__gt=laatste, volgnummer__lte=tot_volgnummer
            ).order_by("volgnummer")[:stuk]
        )
        if rijen:
            yield rijen
            laatste = rijen[-1].volgnummer
        if len(rijen) < stuk:
            return


def te_verwijderen(vandaag: dt.date, *, stuk: int = CONTROLE_STUK) -> Opschoning:
    """Dry run: the runs of log records whose bewaartermijn has passed on ``vandaag``.
    Changes nothing. One query per ``stuk`` records plus one for the persons in it."""
    extra = dict(Bewaartermijn.objects.values_list("gemeente_id", "log_extra_jaren"))
    uit = Opschoning(vandaag=vandaag)
    huidig: list[Verwerking] = []

    def sluit():
        if huidig:
            uit.reeksen.append(
                Reeks(
                    van_volgnummer=huidig[0].volgnummer,
                    tot_volgnummer=huidig[-1].volgnummer,
                    begin_hash=huidig[0].vorige_hash,
                    eind_hash=huidig[-1].hash,
                    ids=tuple(v.pk for v in huidig),
                )
            )
            huidig.clear()

    vorige_hash = None
    for rijen in _records(_grens_volgnummer(vandaag, extra), stuk):
        personen = {
            pk: (timezone.localdate(op), gemeente_id)
            for pk, op, gemeente_id in Geanonimiseerd.objects.filter(
                inburgeraar_id__in={v.inburgeraar_id for v in rijen if v.inburgeraar_id is not None}
            ).values_list("inburgeraar_id", "op", "inburgeraar__gemeente_id")
        }
        for v in rijen:
            # A run never spans an earlier run: in a verified chain two records are
            # neighbours exactly when the one's hash is the other's vorige_hash.
            if vorige_hash is not None and v.vorige_hash != vorige_hash:
                sluit()
            vorige_hash = v.hash
            if _verwijderbaar(v, personen, extra, vandaag):
                huidig.append(v)
                persoon = personen.get(v.inburgeraar_id)
                uit.per_gemeente.setdefault(persoon[1] if persoon else None, PerGemeente()).tel(
                    timezone.localdate(v.tijdstip)
                )
            else:
                sluit()
    sluit()
    return uit


def tel_verwijderbaar(vandaag: dt.date, gemeente_id: int) -> PerGemeente:
    """How many sealed records about the gemeente's anonymised persons are past their
    bewaartermijn on ``vandaag``, and from which days: the gemeente's part of
    :func:`te_verwijderen` without walking the chain (the privacy officer's page). Two
    queries, whatever the size of the log: the gemeente's term, and one count over the
    records of its anonymised persons (on the index of ``inburgeraar_id``)."""
    extra = (
        Bewaartermijn.objects.filter(gemeente_id=gemeente_id)
        .values_list("log_extra_jaren", flat=True)
        .first()
    ) or rules.BEWAARTERMIJN_LOG_EXTRA_JAREN
    tot_dag = rules.log_verwijderbaar_tot(vandaag, extra)
    grens = dt.datetime.combine(
        tot_dag + dt.timedelta(days=1), dt.time.min, timezone.get_current_timezone()
    )
    personen = Geanonimiseerd.objects.filter(
        inburgeraar__gemeente_id=gemeente_id, op__lt=grens
    ).values("inburgeraar_id")
    telling = (
        Verwerking.objects.filter(
            inburgeraar_id__in=personen, tijdstip__lt=grens, volgnummer__isnull=False
        )
        .exclude(activiteit=rules.ACTIVITEIT_LOG_OPSCHONEN)
        .aggregate(aantal=Count("id"), oudste=Min("tijdstip"), nieuwste=Max("tijdstip"))
    )
    if not telling["aantal"]:
        return PerGemeente()
    return PerGemeente(
        aantal=telling["aantal"],
        oudste=timezone.localdate(telling["oudste"]),
        nieuwste=timezone.localdate(telling["nieuwste"]),
    )


def _verwijderbaar(v: Verwerking, personen: dict, extra: dict[int, int], vandaag: dt.date) -> bool:
    if v.activiteit == rules.ACTIVITEIT_LOG_OPSCHONEN:
        return False  # the announcements keep the removed runs verifiable
    persoon = personen.get(v.inburgeraar_id)
    vanaf = rules.log_verwijderen_vanaf(
        record_datum=timezone.localdate(v.tijdstip),
        geanonimiseerd_op=persoon[0] if persoon else None,
        over_persoon=v.inburgeraar_id is not None,
        extra_jaren=extra.get(persoon[1], rules.BEWAARTERMIJN_LOG_EXTRA_JAREN)
        if persoon
        else rules.BEWAARTERMIJN_LOG_EXTRA_JAREN,
    )
    return vanaf is not None and vanaf <= vandaag


def _ontzegeld():
    """Allow the DELETE of log records for the rest of this transaction."""
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SET LOCAL koers.log_opschonen = 'ja'")
            return None
        c.execute("SELECT COUNT(*) FROM verwerkingen_zegel")
        verzegeld = c.fetchone()[0] > 0
        c.execute("DELETE FROM verwerkingen_zegel")
        return verzegeld


def _herzegel(verzegeld):
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET LOCAL koers.log_opschonen = 'nee'")
    elif verzegeld:
        with connection.cursor() as c:
            c.execute("INSERT INTO verwerkingen_zegel (id) VALUES (1)")


def opschonen(vandaag: dt.date, *, stuk: int = CONTROLE_STUK) -> Opschoning:
    """Remove the records of the dry run, ``REEKSEN_PER_MELDING`` runs per transaction, each
    batch announced by one chained record. Refuses when the chain is broken. Seals what
    waits first, as the worker would, so the chain it checks and cleans is complete."""
    keten.verzegel_alles()
    fout = verifieer(stuk)
    if fout is not None:
        raise KetenVerbroken(
            f"De keten is verbroken bij verwerking {fout}: er wordt niets weggehaald."
        )
    uit = te_verwijderen(vandaag, stuk=stuk)
    for begin in range(0, len(uit.reeksen), REEKSEN_PER_MELDING):
        _verwijder(uit.reeksen[begin : begin + REEKSEN_PER_MELDING])
    uit.uitgevoerd = True
    return uit


def _verwijder(reeksen: list[Reeks]) -> None:
    with transaction.atomic():
        kop = Kop.objects.select_for_update().get(pk=1)  # one cleaner (and sealer) at a time
        nu = timezone.now()
        verzegeld = _ontzegeld()
        with connection.cursor() as c:
            for r in reeksen:
                # No kept record lies inside a run, so the range is the run; a count that
                # differs means the log changed since the dry run: undo everything.
                c.execute(
                    "DELETE FROM verwerkingen_verwerking WHERE volgnummer BETWEEN %s AND %s",
                    [r.van_volgnummer, r.tot_volgnummer],
                )
                if c.rowcount != r.aantal:
                    raise KetenVerbroken(
                        f"Reeks {r.van_volgnummer}-{r.tot_volgnummer} is veranderd; "
                        "er is niets weggehaald."
                    )
        _herzegel(verzegeld)
        Weggehaald.objects.bulk_create(
            [
                Weggehaald(
                    van_volgnummer=r.van_volgnummer,
                    tot_volgnummer=r.tot_volgnummer,
                    begin_hash=r.begin_hash,
                    eind_hash=r.eind_hash,
                    aantal=r.aantal,
                    op=nu,
                )
                for r in reeksen
            ]
        )
        log_veel(
            None,
            [(None, None)],
            [f"{r.van_volgnummer}-{r.tot_volgnummer}" for r in reeksen],
            handeling=Verwerking.Handeling.WIJZIGEN,
            activiteit=rules.ACTIVITEIT_LOG_OPSCHONEN,
            doel=rules.DOEL_BEWAARTERMIJN,
            kanaal=Verwerking.Kanaal.JOB,
        )
        # The announcement is sealed before this commits: a check right after the removal
        # finds every run announced.
        while keten.verzegel_onder_slot(kop, keten.ZEGEL_STUK) == keten.ZEGEL_STUK:
            pass
