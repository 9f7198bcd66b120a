"""Writing and checking the verwerkingenlogging.

:func:`log` appends one record inside the caller's transaction: a change that is rolled back
leaves no record. Records are chained: the head row (:class:`Kop`) is locked with SELECT ...
FOR UPDATE, so concurrent writers append one after the other and each record carries the hash
of the one before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from koers.verwerkingen import rules
from koers.verwerkingen.context import KANAAL
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
CONTROLE_STUK = 2000


def _velden(v: Verwerking) -> dict:
    velden = {naam: getattr(v, naam) for naam in HASH_VELDEN}
    velden["tijdstip"] = v.tijdstip.isoformat()
    return velden


# The actor of a processing by the inburgeraar himself in Mijn Inburgering: he
# is no Gebruiker, so the record names him by role; his case id is in ``inburgeraar_id``.
INBURGERAAR_ZELF = {
    "actor_id": None,
    "actor_naam": "inburgeraar zelf",
    "organisatie": "",
    "organisatie_oin": "",
    "rollen": ["inburgeraar"],
}


def _actor(user) -> dict:
    if user is INBURGERAAR_ZELF:
        return dict(INBURGERAAR_ZELF)
    if user is None or not getattr(user, "is_authenticated", False):
        return {
            "actor_id": None,
            "actor_naam": "",
            "organisatie": "",
            "organisatie_oin": "",
            "rollen": [],
        }
    organisatie = getattr(user, "organisatie", None)
    gemeente = getattr(organisatie, "gemeente", None) if organisatie is not None else None
    return {
        "actor_id": user.pk,
        "actor_naam": user.get_username(),
        "organisatie": organisatie.naam if organisatie is not None else "",
        "organisatie_oin": gemeente.oin if gemeente is not None else "",
        "rollen": sorted(str(r) for r in (user.rollen or [])),
    }


def log(
    *,
    user,
    handeling: str,
    activiteit: str,
    inburgeraar_id: int | None = None,
    traject_id: int | None = None,
    secties: Iterable[str] = (),
    kanaal: str | None = None,
    doel: str = rules.DOEL_UITVOERING,
) -> Verwerking:
    """Append one record to the chain (in the caller's transaction, if any)."""
    with transaction.atomic():
        kop, _ = Kop.objects.select_for_update().get_or_create(
            pk=1, defaults={"laatste_hash": rules.BEGIN_HASH}
        )
        v = Verwerking(
            tijdstip=timezone.now(),
            doel=doel,
            activiteit=activiteit,
            kanaal=kanaal or KANAAL.get(),
            handeling=handeling,
            inburgeraar_id=inburgeraar_id,
            traject_id=traject_id,
            secties=sorted({str(s) for s in secties}),
            vorige_hash=kop.laatste_hash,
            **_actor(user),
        )
        v.hash = rules.record_hash(_velden(v), v.vorige_hash)
        v.save(force_insert=True)
        kop.laatste_hash = v.hash
        kop.laatste_id = v.pk
        kop.save(update_fields=["laatste_hash", "laatste_id"])
    return v


def log_lezen_lijst(
    user,
    zaken: Iterable[tuple[int, int | None]],
    secties: Iterable[str],
    *,
    kanaal: str | None = None,
    activiteit: str = rules.ACTIVITEIT_LIJST,
) -> list[Verwerking]:
    """One record per case shown in a list (werkvoorraad, search results): ``zaken`` are
    ``(inburgeraar_id, traject_id)``. See :func:`log_veel`."""
    return log_veel(
        user,
        zaken,
        secties,
        handeling=Verwerking.Handeling.LEZEN,
        activiteit=activiteit,
        kanaal=kanaal,
    )


def log_veel(
    user,
    zaken: Iterable[tuple[int, int | None]],
    secties: Iterable[str],
    *,
    handeling: str,
    activiteit: str,
    kanaal: str | None = None,
    doel: str = rules.DOEL_UITVOERING,
) -> list[Verwerking]:
    """One record per case, chained, with one lock and one multi-row insert: three
    statements whatever the number of cases (on SQLite, whose driver binds at most 999
    values, every 55 rows take one more insert)."""
    zaken = list(zaken)
    if not zaken:
        return []
    with transaction.atomic():
        kop, _ = Kop.objects.select_for_update().get_or_create(
            pk=1, defaults={"laatste_hash": rules.BEGIN_HASH}
        )
        nu = timezone.now()
        gedeeld = dict(
            _actor(user),
            tijdstip=nu,
            doel=doel,
            activiteit=activiteit,
            kanaal=kanaal or KANAAL.get(),
            handeling=handeling,
            secties=sorted({str(s) for s in secties}),
        )
        vorige = kop.laatste_hash
        rijen = []
        for inburgeraar_id, traject_id in zaken:
            v = Verwerking(
                inburgeraar_id=inburgeraar_id, traject_id=traject_id, vorige_hash=vorige, **gedeeld
            )
            v.hash = vorige = rules.record_hash(_velden(v), vorige)
            rijen.append(v)
        Verwerking.objects.bulk_create(rijen)  # ids in insert order (PostgreSQL, SQLite)
        kop.laatste_hash = vorige
        kop.laatste_id = rijen[-1].pk or Verwerking.objects.values_list("id", flat=True).get(
            hash=vorige
        )
        kop.save(update_fields=["laatste_hash", "laatste_id"])
    return rijen


def zaken_van(rijen: Iterable, pad: str = "") -> list[tuple[int, int | None]]:
    """``(inburgeraar_id, traject_id)`` of the rows of a list page. ``pad`` leads from a row
    to its Traject or Inburgeraar (``"traject"``, ``"traject__inburgeraar"``; empty when the
    row is one). Reads only loaded ids: no query when the list used select_related."""
    from koers.inburgeraars.models import Inburgeraar

    zaken = []
    for rij in rijen:
        doel = rij
        for deel in filter(None, pad.split("__")):
            doel = getattr(doel, deel)
        if isinstance(doel, Inburgeraar):
            zaken.append((doel.pk, doel.huidig_traject_id))
        else:
            zaken.append((doel.inburgeraar_id, doel.pk))
    return zaken


def log_lijst(
    user,
    rijen: Iterable,
    secties: Iterable[str],
    *,
    pad: str = "",
    kanaal: str | None = None,
    activiteit: str = rules.ACTIVITEIT_LIJST,
) -> list[Verwerking]:
    """The one-line call for a list page or API list: every case shown is logged as read,
    with the sections the list shows. Constant in statements (see
    :func:`log_lezen_lijst`)."""
    return log_lezen_lijst(
        user, zaken_van(rijen, pad), secties, kanaal=kanaal, activiteit=activiteit
    )


class LogtLijst:
    """Mixin for a DRF list view: logs the cases on the page it answers. Set ``log_secties``
    and ``log_pad`` (see :func:`zaken_van`)."""

    log_secties: tuple[str, ...] = ()
    log_pad = ""

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)  # type: ignore[misc]
        if pagina is not None:
            verzoek = self.request  # type: ignore[attr-defined]
            zoekt = bool(verzoek.query_params.get("bsn"))
            log_lijst(
                verzoek.user,
                pagina,
                self.log_secties,
                pad=self.log_pad,
                kanaal=Verwerking.Kanaal.API,
                activiteit=rules.ACTIVITEIT_ZOEKEN if zoekt else rules.ACTIVITEIT_LIJST,
            )
        return pagina


def log_job(
    handeling: str,
    traject,
    secties: Iterable[str],
    *,
    activiteit: str = rules.ACTIVITEIT_DUO,
    doel: str = rules.DOEL_DUO,
) -> Verwerking:
    """A background job (the DUO worker, retention) processed a person's data."""
    return log(
        user=None,
        handeling=handeling,
        activiteit=activiteit,
        inburgeraar_id=traject.inburgeraar_id,
        traject_id=traject.pk,
        secties=secties,
        kanaal=Verwerking.Kanaal.JOB,
        doel=doel,
    )


def log_lezen(
    user,
    inburgeraar,
    secties: Iterable[str],
    *,
    kanaal: str | None = None,
    activiteit: str = rules.ACTIVITEIT_INZIEN,
) -> Verwerking:
    traject_id = getattr(inburgeraar, "huidig_traject_id", None)
    return log(
        user=user,
        handeling=Verwerking.Handeling.LEZEN,
        activiteit=activiteit,
        inburgeraar_id=inburgeraar.pk,
        traject_id=traject_id,
        secties=secties,
        kanaal=kanaal,
    )


def log_portaal(
    inburgeraar,
    handeling: str,
    secties: Iterable[str],
    *,
    activiteit: str = rules.ACTIVITEIT_PORTAAL,
) -> Verwerking:
    """The inburgeraar read or changed his own data in Mijn Inburgering."""
    return log(
        user=INBURGERAAR_ZELF,
        handeling=handeling,
        activiteit=activiteit,
        inburgeraar_id=inburgeraar.pk,
        traject_id=getattr(inburgeraar, "huidig_traject_id", None),
        secties=secties,
        kanaal=Verwerking.Kanaal.PORTAAL,
    )


def log_wijzigen(
    user, traject, secties: Iterable[str], *, activiteit: str = rules.ACTIVITEIT_WIJZIGEN
) -> Verwerking:
    return log(
        user=user,
        handeling=Verwerking.Handeling.WIJZIGEN,
        activiteit=activiteit,
        inburgeraar_id=traject.inburgeraar_id,
        traject_id=traject.pk,
        secties=secties,
    )


def verifieer(stuk: int = CONTROLE_STUK) -> int | None:
    """Walk the chain in id order (in chunks); the id of the first record whose hash or link
    is wrong, or ``None`` when the chain is intact. A removed record breaks the link of the
    next one; a removed tail is caught by the head row. The head is read first, so records
    written while the check runs are left for the next check.

    Runs removed after their bewaartermijn (:mod:`koers.verwerkingen.logbewaring`) are
    stepped over by their two end hashes; each must be announced by a record in the chain,
    else the check reports the run's first id."""
    kop = Kop.objects.filter(pk=1).first()
    grens = kop.laatste_id if kop is not None else 0
    vorige = rules.BEGIN_HASH
    laatste_id = 0
    gezien: dict[str, int] = {}  # removed runs passed, "van-tot" -> van_id
    gemeld: set[str] = set()  # runs announced by a chained record

    def over(gat: Weggehaald, tot: int | None) -> bool:
        nonlocal vorige
        if gat.begin_hash != vorige or (tot is not None and gat.tot_id >= tot):
            return False
        gezien[f"{gat.van_id}-{gat.tot_id}"] = gat.van_id
        vorige = gat.eind_hash
        return True

    while True:
        rijen = list(
            Verwerking.objects.filter(id__gt=laatste_id, id__lte=grens).order_by("id")[:stuk]
        )
        tot = rijen[-1].pk if len(rijen) == stuk else grens
        gaten = deque(
            Weggehaald.objects.filter(van_id__gt=laatste_id, van_id__lte=tot).order_by("van_id")
        )
        for v in rijen:
            while gaten and gaten[0].van_id < v.pk:
                gat = gaten.popleft()
                if not over(gat, v.pk):
                    return gat.van_id
            if v.vorige_hash != vorige or rules.record_hash(_velden(v), vorige) != v.hash:
                return v.pk
            if v.activiteit == rules.ACTIVITEIT_LOG_OPSCHONEN:
                gemeld.update(v.secties)
            vorige = v.hash
            laatste_id = v.pk
        if len(rijen) < stuk:
            for gat in gaten:
                if not over(gat, None):
                    return gat.van_id
            break
    if kop is not None and kop.laatste_hash != vorige:
        return grens
    niet_gemeld = [van for naam, van in gezien.items() if naam not in gemeld]
    if niet_gemeld:
        return min(niet_gemeld)
    # A record the head does not know of (put in behind its back). The newest id is read
    # before the head: a writer commits its record and the head together.
    nieuwste = Verwerking.objects.order_by("-id").values_list("id", flat=True).first()
    kop = Kop.objects.filter(pk=1).first()
    if nieuwste is not None and (kop is None or nieuwste > kop.laatste_id):
        return nieuwste
    return None


def te_anonimiseren(vandaag, *, gemeente=None):
    """Dry-run of the retention rule: the closed trajecten whose bewaartermijn has passed,
    as ``(gemeente, traject_id, inburgeraar_id, afgerond_op, vanaf)``, oldest first. Changes
    nothing. A person with another, still open or recent traject is skipped: only his last
    traject counts; a person already anonymised too. ``gemeente``: only its cases. Three
    queries, whatever the number of cases."""
    import datetime as dt

    from django.db.models import F, Max, Q

    from koers.inburgeraars.models import Traject
    from koers.inburgeraars.rules import Status
    from koers.organisaties.models import Gemeente
    from koers.verwerkingen.models import Bewaartermijn

    termijnen = dict(Bewaartermijn.objects.values_list("gemeente_id", "jaren"))
    # The latest possible cut-off: the shortest period; exact per gemeente below.
    kortste = min([rules.BEWAARTERMIJN_JAREN, *termijnen.values()])
    grens = dt.datetime.combine(
        vandaag.replace(year=vandaag.year - kortste), dt.time.max, timezone.get_current_timezone()
    )
    rijen = (
        Traject.objects.filter(
            status=Status.AFGEROND,
            inburgeraar__huidig_traject_id=F("pk"),
            inburgeraar__geanonimiseerd__isnull=True,
        )
        .annotate(
            afgerond_op=Max(
                "gebeurtenissen__op", filter=Q(gebeurtenissen__naar_status=Status.AFGEROND)
            )
        )
        .filter(afgerond_op__lte=grens)
        .filter(**({"gemeente": gemeente} if gemeente is not None else {}))
        .values_list("gemeente_id", "pk", "inburgeraar_id", "afgerond_op")
        .order_by("afgerond_op", "pk")
    )
    namen = dict((g.pk, g.naam) for g in Gemeente.objects.select_related("organisatie"))
    uit = []
    for gemeente_id, traject_id, inburgeraar_id, afgerond_op in rijen.iterator(chunk_size=2000):
        datum = timezone.localdate(afgerond_op)
        vanaf = rules.anonimiseren_vanaf(
            datum, termijnen.get(gemeente_id, rules.BEWAARTERMIJN_JAREN)
        )
        if vanaf <= vandaag:
            uit.append((namen.get(gemeente_id, ""), traject_id, inburgeraar_id, datum, vanaf))
    return uit
