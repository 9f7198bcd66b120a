"""Login throttling: lock-out after repeated failures, for a username and for a client address.

Policy (P): BIO 9.4.2 ("beveiligde inlogprocedure") and the NCSC guidance on authentication
ask to limit guessing. Koers blocks a username after ``MAX_PER_GEBRUIKERSNAAM`` failures within
``VENSTER`` for ``BLOKKADEDUUR``; a client address gets a higher limit, because several
colleagues may share one address behind the gemeente's proxy. Both the password and the
second-factor code count. A successful login clears the username's failures.

The answer is the same whether or not the username exists, so a blocked page reveals nothing.

Counting under parallel requests: an attempt is counted *before* the password or code is
checked (:func:`reserveer`), while the username's and the address's rows in
:class:`~koers.beveiliging.models.InlogSleutel` are locked. So of many simultaneous guesses at
most the limit are ever checked; the others get the block message without a check. A right
guess takes its count back (:meth:`Poging.terugnemen`).

Why not django-axes: axes asks "is this client locked?" before authenticating and records the
failure afterwards, so simultaneous guesses all pass the question before any is recorded (the
race this module closes; the axes project keeps it open as a known issue, jazzband/django-axes
#592 "Lockout doesn't kick in if spamming requests quickly", labelled "wont fix"). It also
has one limit for all lock-out parameters, where Koers has 5 per username and 20 per address,
and it counts only password failures, where Koers counts second-factor codes and
inschrijfcodes too.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from prometheus_client import Counter

from koers.beveiliging.models import Blokkade, InlogSleutel, MisluktePoging, Soort

logger = logging.getLogger("koers.beveiliging")

# P: 5 attempts in 15 minutes, then 15 minutes locked (BIO 9.4.2, NCSC "beperk het aantal
# inlogpogingen"). Short enough for a colleague who mistyped, long enough to stop guessing.
MAX_PER_GEBRUIKERSNAAM = 5
# P: per client address 20 in 15 minutes: catches one address trying many usernames without
# locking out a whole office that shares an address.
MAX_PER_IP = 20
VENSTER = timedelta(minutes=15)
BLOKKADEDUUR = timedelta(minutes=15)
# Failed attempts are personal data (username, address); keep them only as long as useful.
BEWAARTERMIJN = timedelta(days=1)

GEBRUIKERSNAAM = str(Soort.GEBRUIKERSNAAM)
IP = str(Soort.IP)

MELDING = _("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")

_LIMIET: dict[str, int] = {GEBRUIKERSNAAM: MAX_PER_GEBRUIKERSNAAM, IP: MAX_PER_IP}

# Exposed at /metrics (koers.config.metrieken): counts only, never a username or address.
MISLUKTE_INLOGGINGEN = Counter(
    "koers_login_failures_total",
    "Mislukte inlogpogingen (wachtwoord, tweede factor, inschrijfcode of SSO).",
)
BLOKKADES = Counter(
    "koers_login_lockouts_total",
    "Inlogblokkades, per soort sleutel (gebruikersnaam of ip).",
    ["key_type"],
)


def normaliseer(gebruikersnaam: str) -> str:
    """'Alice ' and 'alice' count together."""
    return (gebruikersnaam or "").strip().casefold()[:150]


def _sleutels(gebruikersnaam: str, ip: str) -> list[tuple[str, str]]:
    sleutels = []
    if naam := normaliseer(gebruikersnaam):
        sleutels.append((GEBRUIKERSNAAM, naam))
    if ip:
        sleutels.append((IP, ip))
    return sleutels


def is_geblokkeerd(gebruikersnaam: str, ip: str) -> bool:
    sleutels = _sleutels(gebruikersnaam, ip)
    if not sleutels:
        return False
    return Blokkade.objects.filter(_voorwaarde(sleutels), tot__gt=timezone.now()).exists()


def _herkenbaar(sleutel: str) -> str:
    """For the log: recognisable across lines without writing the username or address."""
    return hashlib.sha256(sleutel.encode()).hexdigest()[:12]


def _blokkeer(soort: str, sleutel: str, tot) -> None:
    try:
        with transaction.atomic():
            Blokkade.objects.update_or_create(soort=soort, sleutel=sleutel, defaults={"tot": tot})
    except IntegrityError:  # another process made the row at the same moment
        Blokkade.objects.filter(soort=soort, sleutel=sleutel).update(tot=tot)


def _voorwaarde(sleutels: list[tuple[str, str]]) -> Q:
    voorwaarde = Q()
    for soort, sleutel in sleutels:
        voorwaarde |= Q(soort=soort, sleutel=sleutel)
    return voorwaarde


def _zorg_voor_sleutels(sleutels: list[tuple[str, str]], nu) -> None:
    """Make the keys' rows before the transaction that locks them: inserting while holding a
    lock could wait on a parallel insert of the same key that waits on us."""
    for soort, sleutel in sleutels:
        # Touched now, so the clean-up of day-old rows cannot remove it before we lock it. One
        # row per statement: an UPDATE of both rows would lock them in the table's order and
        # could deadlock with a request that holds one of them in the locking transaction.
        if InlogSleutel.objects.filter(soort=soort, sleutel=sleutel).update(laatst=nu):
            continue
        # A parallel request may make the same row at the same moment; then it is there.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            InlogSleutel.objects.create(soort=soort, sleutel=sleutel, laatst=nu)


def _vergrendel(sleutels: list[tuple[str, str]]) -> None:
    """Lock the rows of these keys until the caller's transaction ends, always in the same
    order (no deadlock between two requests). PostgreSQL waits on the row lock; SQLite runs
    write transactions one at a time (IMMEDIATE) already."""
    vergrendeld = (
        InlogSleutel.objects.select_for_update()
        .filter(_voorwaarde(sleutels))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(list(vergrendeld)) != len(sleutels):
        raise RuntimeError("inlogpogingen: sleutel verdwenen tijdens het vergrendelen")


class Poging:
    """One attempt, counted before the password or code is checked."""

    def __init__(self, gebruikersnaam: str, ip: str, ids: list[int]) -> None:
        self.gebruikersnaam = gebruikersnaam
        self.ip = ip
        self._ids = ids

    def terugnemen(self) -> None:
        """The guess was right, or was no guess after all: it is no failure."""
        MisluktePoging.objects.filter(pk__in=self._ids).delete()

    def mislukt(self) -> bool:
        """The guess was wrong: the count stays. True if a limit is now reached."""
        MISLUKTE_INLOGGINGEN.inc()
        return _blokkeer_wat_vol_is(self.gebruikersnaam, self.ip, timezone.now())


def reserveer(gebruikersnaam: str, ip: str) -> Poging | None:
    """Count one attempt before it is checked; None if blocked (then do not check it)."""
    nu = timezone.now()
    sleutels = _sleutels(gebruikersnaam, ip)
    if not sleutels:
        return Poging(gebruikersnaam, ip, [])
    _ruim_op(nu)
    _zorg_voor_sleutels(sleutels, nu)
    with transaction.atomic():
        _vergrendel(sleutels)
        if Blokkade.objects.filter(_voorwaarde(sleutels), tot__gt=nu).exists():
            return None
        for soort, sleutel in sleutels:
            if _aantal(soort, sleutel, nu) >= _LIMIET[soort]:
                return None
        ids = [
            MisluktePoging.objects.create(soort=soort, sleutel=sleutel, tijdstip=nu).pk
            for soort, sleutel in sleutels
        ]
    return Poging(gebruikersnaam, ip, ids)


def _ruim_op(nu) -> None:
    """Outside the locking transaction: the clean-up must not hold up other logins."""
    MisluktePoging.objects.filter(tijdstip__lt=nu - BEWAARTERMIJN).delete()
    InlogSleutel.objects.filter(laatst__lt=nu - BEWAARTERMIJN).delete()


def _aantal(soort: str, sleutel: str, nu) -> int:
    return MisluktePoging.objects.filter(
        soort=soort, sleutel=sleutel, tijdstip__gt=nu - VENSTER
    ).count()


def _blokkeer_wat_vol_is(gebruikersnaam: str, ip: str, nu) -> bool:
    geblokkeerd = False
    for soort, sleutel in _sleutels(gebruikersnaam, ip):
        aantal = _aantal(soort, sleutel, nu)
        if aantal >= _LIMIET[soort]:
            _blokkeer(soort, sleutel, nu + BLOKKADEDUUR)
            BLOKKADES.labels(soort).inc()
            logger.warning(
                "Inlogblokkade: %s %s na %d mislukte pogingen", soort, _herkenbaar(sleutel), aantal
            )
            geblokkeerd = True
    return geblokkeerd


def registreer_mislukt(gebruikersnaam: str, ip: str) -> bool:
    """Count one failed attempt that was checked elsewhere (the organisation's SSO); block
    what passed its limit. True if now blocked."""
    MISLUKTE_INLOGGINGEN.inc()
    nu = timezone.now()
    sleutels = _sleutels(gebruikersnaam, ip)
    _ruim_op(nu)
    if not sleutels:
        return False
    _zorg_voor_sleutels(sleutels, nu)
    with transaction.atomic():
        _vergrendel(sleutels)
        for soort, sleutel in sleutels:
            MisluktePoging.objects.create(soort=soort, sleutel=sleutel, tijdstip=nu)
    return _blokkeer_wat_vol_is(gebruikersnaam, ip, nu)


def registreer_geslaagd(gebruikersnaam: str) -> None:
    """A full login (both factors) clears the username's failures. The address keeps its
    count: one valid account must not reset the guessing of others from the same address."""
    naam = normaliseer(gebruikersnaam)
    MisluktePoging.objects.filter(soort=GEBRUIKERSNAAM, sleutel=naam).delete()
    Blokkade.objects.filter(soort=GEBRUIKERSNAAM, sleutel=naam).delete()


def blokkade_opgeheven(sender, instance, **kwargs) -> None:
    """A block lifted by the beheerder (deleted in the admin) also clears its count;
    otherwise the attempts still in the window would refuse the next login at once."""
    MisluktePoging.objects.filter(soort=instance.soort, sleutel=instance.sleutel).delete()
