"""The hash chain of the verwerkingenlogging: sealing, verifying, and the unsealed window.

Design. A request writes its records without any lock and without chain work: one INSERT in
the caller's transaction (a rollback leaves no record). The records are chained afterwards
by the sealer, a job of ``koers worker`` (:mod:`koers.verwerkingen.taken`) that runs every
second (:data:`ZEGEL_INTERVAL`), so within seconds:

- it locks the head row (:class:`~koers.verwerkingen.models.Kop`) with ``SELECT ... FOR
  UPDATE SKIP LOCKED``: one sealer at a time (a second one skips the round), and only the
  sealer and the retention ever lock that row, so a request never waits on it;
- it takes the committed unsealed records in id order (a partial index holds only them) and
  gives each the next ``volgnummer``, the ``hash`` of the record sealed before it as
  ``vorige_hash``, and its own ``hash`` over its fields and that link; then it moves the head.

The chain runs in SEAL order, not id order. A request that took a lower id but commits after
a higher one is not yet visible to the sealer, so it is simply sealed in a later round; the
chain never has to make room for it. The database allows exactly this one UPDATE per record,
the three seal columns from NULL to a value with every other column unchanged, and refuses
every other UPDATE (triggers, migration 0005); an UPDATE that finds the record sealed already
matches no row, and the sealer then undoes its round.

What is protected when: a sealed record is tamper-evident as before: :func:`verifieer` walks
the chain by volgnummer and finds a changed, removed or inserted record. An unsealed record is
append-only (triggers) but not yet in the chain: the window is kept small and visible — its
size and the age of its oldest record in ``/metrics`` (:mod:`koers.verwerkingen.metrieken`),
a readiness check (``/gezondheid/klaar``) and ``koers verwerkingen-controleren``, which
reports it apart from tampering.

Records sealed before seal order existed keep their hashes; the migration gave them their id
as volgnummer (they were chained in id order). What the hash covers is versioned per record
(``hashversie``, :data:`HASH_VELDEN_PER_VERSIE`): version 1 is :data:`HASH_VELDEN`, version 2
adds the Logboek Dataverwerkingen fields (trace and operation ids, status, ``ldv``) and the
version itself, version 3 the register code, version 4 the register entry's version. Old
records keep their version and verify as before; a new field is a new version, given to new
records only.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from koers.verwerkingen import rules
from koers.verwerkingen.models import Kop, Verwerking, Weggehaald

HASH_VELDEN = (
    "tijdstip",
    "actor_id",
    "actor_naam",
    "organisatie",
    "organisatie_oin",
    "rollen",
    "doel",
    "activiteit",
    "kanaal",
    "handeling",
    "inburgeraar_id",
    "traject_id",
    "secties",
)
# Version 2 adds the LDV fields and the version itself: a changed trace or operation id is a
# broken seal, and so is a record whose version was lowered to hide them. Records sealed
# before keep version 1 and their hash.
HASH_VELDEN_LDV = (
    *HASH_VELDEN,
    "trace_id",
    "operation_id",
    "parent_operation_id",
    "status_code",
    "ldv",
    "hashversie",
)
# Version 3 adds the register code (the processing activity of AVG art. 30).
HASH_VELDEN_REGISTER = (*HASH_VELDEN_LDV, "verwerkingsactiviteit")
# Version 4 adds the version of that register entry the record was written under.
HASH_VELDEN_REGISTERVERSIE = (*HASH_VELDEN_REGISTER, "verwerkingsactiviteit_versie")
HASH_VELDEN_PER_VERSIE = {
    1: HASH_VELDEN,
    2: HASH_VELDEN_LDV,
    3: HASH_VELDEN_REGISTER,
    4: HASH_VELDEN_REGISTERVERSIE,
}
CONTROLE_STUK = 2000
# Records sealed per transaction, and transactions per run of the job: under a steady stream
# of records the job still returns now and then, so the worker's other jobs get their turn.
ZEGEL_STUK = 1000
ZEGEL_RONDES = 50
# Seconds between two sealing runs of the worker: long enough that a run seals hundreds of
# records at once, short enough that the unsealed window stays a few seconds wide.
ZEGEL_INTERVAL = 1.0


# The round's seals as four arrays: a statement with four parameters, however many records.
# A VALUES list with four placeholders per record cost more Python (psycopg parsing the
# statement's 4,000 placeholders) than hashing the records.
ZEGEL_SQL_POSTGRES = (
    "UPDATE verwerkingen_verwerking AS v SET volgnummer = z.volgnummer, "
    "vorige_hash = z.vorige_hash, hash = z.hash "
    "FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) "
    "AS z (id, volgnummer, vorige_hash, hash) "
    "WHERE v.id = z.id AND v.volgnummer IS NULL"
)


class DubbelVerzegeld(Exception):
    """A record of this round was sealed by someone else meanwhile: the round is undone."""


def velden(v: Verwerking | dict) -> dict:
    """The fields the record's hash covers, by its hash version (an unknown version covers
    the most, so it never matches a hash made over fewer). ``v`` is a record or the dict of
    its columns that the sealer reads (``values()``: no model to build per record)."""
    rij = v if isinstance(v, dict) else vars(v)
    namen = HASH_VELDEN_PER_VERSIE.get(rij["hashversie"], HASH_VELDEN_REGISTERVERSIE)
    uit = {naam: rij[naam] for naam in namen}
    uit["tijdstip"] = rij["tijdstip"].isoformat()
    return uit


def _kop_vergrendeld() -> Kop | None:
    """The head row, locked for this transaction; ``None`` when another sealer holds it."""
    kop = Kop.objects.select_for_update(skip_locked=True).filter(pk=1).first()
    if kop is None and not Kop.objects.filter(pk=1).exists():
        try:
            with transaction.atomic():
                Kop.objects.create(pk=1, laatste_hash=rules.BEGIN_HASH)
        except IntegrityError:
            pass  # another sealer created it at the same moment
        kop = Kop.objects.select_for_update(skip_locked=True).filter(pk=1).first()
    return kop


def verzegel_alles() -> None:
    """Seal until nothing committed waits any more: what a check or the retention needs
    before it reads the whole chain, when no worker may have run (a restore, a command)."""
    while verzegel():
        continue


def verzegel(*, stop: threading.Event | None = None, rondes: int = ZEGEL_RONDES) -> int:
    """Seal the committed unsealed records, oldest id first, ``ZEGEL_STUK`` per transaction
    and at most ``rondes`` transactions. Returns how many it sealed; 0 also when another
    sealer is at work (it holds the head row)."""
    totaal = 0
    for _ in range(rondes):
        if stop is not None and stop.is_set():
            break
        with transaction.atomic():
            kop = _kop_vergrendeld()
            if kop is None:
                break
            aantal = verzegel_onder_slot(kop, ZEGEL_STUK)
        totaal += aantal
        if aantal < ZEGEL_STUK:
            break
    return totaal


def verzegel_onder_slot(kop: Kop, stuk: int = ZEGEL_STUK) -> int:
    """Seal up to ``stuk`` unsealed records after ``kop``, in the caller's transaction, which
    holds the head row locked. Moves the head."""
    # Only the columns the hash covers, as dicts: a full model per record cost the sealer
    # more than hashing it.
    rijen = list(
        Verwerking.objects.filter(volgnummer__isnull=True)
        .order_by("id")
        .values("id", *HASH_VELDEN_REGISTERVERSIE)[:stuk]
    )
    if not rijen:
        return 0
    vorige, volgnummer = kop.laatste_hash, kop.laatste_volgnummer
    zegels = []
    for rij in rijen:
        volgnummer += 1
        eigen = rules.record_hash(velden(rij), vorige)
        zegels.append((rij["id"], volgnummer, vorige, eigen))
        vorige = eigen
    if _schrijf_zegels(zegels) != len(zegels):
        raise DubbelVerzegeld("Een verwerking was al verzegeld; deze ronde is teruggedraaid.")
    kop.laatste_hash, kop.laatste_id, kop.laatste_volgnummer = vorige, rijen[-1]["id"], volgnummer
    kop.save(update_fields=["laatste_hash", "laatste_id", "laatste_volgnummer"])
    return len(rijen)


def _schrijf_zegels(zegels: list[tuple[int, int, str, str]]) -> int:
    """One UPDATE per round on PostgreSQL (the seals as arrays), one per record on SQLite. Only a
    record still unsealed matches; returns how many did."""
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(ZEGEL_SQL_POSTGRES, [list(kolom) for kolom in zip(*zegels, strict=True)])
            return c.rowcount
        c.executemany(
            "UPDATE verwerkingen_verwerking SET volgnummer = %s, vorige_hash = %s, hash = %s "
            "WHERE id = %s AND volgnummer IS NULL",
            [(nummer, vorige, eigen, pk) for pk, nummer, vorige, eigen in zegels],
        )
        return c.rowcount


@dataclass(frozen=True)
class Venster:
    """The unsealed window: how many records wait for their seal, and the moment the oldest
    of them was written (``None``: none waits)."""

    aantal: int
    oudste: dt.datetime | None

    def leeftijd(self, nu: dt.datetime | None = None) -> float:
        """Seconds since the oldest unsealed record was written (0: none waits)."""
        if self.oudste is None:
            return 0.0
        return max(((nu or timezone.now()) - self.oudste).total_seconds(), 0.0)


def open_venster() -> Venster:
    """One query on the partial index of unsealed records."""
    uit = Verwerking.objects.filter(volgnummer__isnull=True).aggregate(
        aantal=Count("id"), oudste=Min("tijdstip")
    )
    return Venster(aantal=uit["aantal"] or 0, oudste=uit["oudste"])


def verifieer(stuk: int = CONTROLE_STUK) -> int | None:
    """Walk the sealed chain in volgnummer order (in chunks); the id of the first record whose
    hash or link is wrong, or ``None`` when the chain is intact. A removed record breaks the
    link of the next one; a removed tail is caught by the head row; a record sealed behind the
    head's back lies beyond it. The head is read first, so records sealed while the check runs
    are left for the next check. Unsealed records are no part of the chain yet
    (:func:`open_venster`); one that carries a seal without a volgnummer was forged.

    Runs removed after their bewaartermijn (:mod:`koers.verwerkingen.logbewaring`) are
    stepped over by their two end hashes; each must be announced by a record in the chain,
    else the check reports the run's first volgnummer."""
    kop = Kop.objects.filter(pk=1).first()
    grens = kop.laatste_volgnummer if kop is not None else 0
    vorige = rules.BEGIN_HASH
    laatste = 0
    gezien: dict[str, int] = {}  # removed runs passed, "van-tot" -> van_volgnummer
    gemeld: set[str] = set()  # runs announced by a chained record

    def over(gat: Weggehaald, tot: int | None) -> bool:
        nonlocal vorige
        if gat.begin_hash != vorige or (tot is not None and gat.tot_volgnummer >= tot):
            return False
        gezien[f"{gat.van_volgnummer}-{gat.tot_volgnummer}"] = gat.van_volgnummer
        vorige = gat.eind_hash
        return True

    while True:
        rijen = list(
            Verwerking.objects.filter(volgnummer__gt=laatste, volgnummer__lte=grens).order_by(
                "volgnummer"
            )[:stuk]
        )
        tot = rijen[-1].volgnummer if len(rijen) == stuk else grens
        gaten = deque(
            Weggehaald.objects.filter(van_volgnummer__gt=laatste, van_volgnummer__lte=tot).order_by(
                "van_volgnummer"
            )
        )
        for v in rijen:
            while gaten and gaten[0].van_volgnummer < v.volgnummer:
                gat = gaten.popleft()
                if not over(gat, v.volgnummer):
                    return gat.van_volgnummer
            if v.vorige_hash != vorige or rules.record_hash(velden(v), vorige) != v.hash:
                return v.pk
            if v.activiteit == rules.ACTIVITEIT_LOG_OPSCHONEN:
                gemeld.update(v.secties)
            vorige = v.hash
            laatste = v.volgnummer
        if len(rijen) < stuk:
            for gat in gaten:
                if not over(gat, None):
                    return gat.van_volgnummer
            break
    if kop is not None and kop.laatste_hash != vorige:
        return kop.laatste_id
    niet_gemeld = [van for naam, van in gezien.items() if naam not in gemeld]
    if niet_gemeld:
        return min(niet_gemeld)
    return _buiten_de_keten()


def _buiten_de_keten() -> int | None:
    """A record sealed behind the head's back (beyond it), or an unsealed one that carries a
    hash. The newest volgnummer is read before the head: the sealer commits its records and
    the head together."""
    nieuwste = (
        Verwerking.objects.filter(volgnummer__isnull=False)
        .order_by("-volgnummer")
        .values_list("volgnummer", "id")
        .first()
    )
    kop = Kop.objects.filter(pk=1).first()
    if nieuwste is not None and (kop is None or nieuwste[0] > kop.laatste_volgnummer):
        return nieuwste[1]
    return (
        Verwerking.objects.filter(volgnummer__isnull=True)
        .exclude(hash__isnull=True, vorige_hash__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )


@dataclass(frozen=True)
class Controle:
    """What ``koers verwerkingen-controleren`` reports: the first broken record (``None``:
    the chain is intact), how many records are in the chain, and the unsealed window."""

    fout: int | None
    verzegeld: int
    venster: Venster


def controleer(stuk: int = CONTROLE_STUK) -> Controle:
    venster = open_venster()
    fout = verifieer(stuk)
    verzegeld = Verwerking.objects.filter(volgnummer__isnull=False).count()
    return Controle(fout=fout, verzegeld=verzegeld, venster=venster)
