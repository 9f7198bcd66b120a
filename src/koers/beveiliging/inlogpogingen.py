"""Login throttling: lock-out after repeated failures, for a username and for a client address.

Policy (P): BIO 9.4.2 ("beveiligde inlogprocedure") and the NCSC guidance on authentication
ask to limit guessing. Koers blocks a username after ``MAX_PER_GEBRUIKERSNAAM`` failures within
``VENSTER`` for ``BLOKKADEDUUR``; a client address gets a higher limit, because several
colleagues may share one address behind the gemeente's proxy. Both the password and the
second-factor code count. A successful login clears the username's failures.

The answer is the same whether or not the username exists, so a blocked page reveals nothing.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.beveiliging.models import Blokkade, MisluktePoging, Soort

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


def normaliseer(gebruikersnaam: str) -> str:
    """'Alice ' and 'alice' count together."""
    return (gebruikersnaam or "").strip().casefold()[:150]


def client_ip(request) -> str:
    """The client's address. Behind the TLS proxy (KOERS_BEHIND_TLS_PROXY) that is the last
    address the proxy added to X-Forwarded-For; otherwise REMOTE_ADDR. Earlier entries of the
    header are set by the client and cannot be trusted."""
    if getattr(settings, "BEVEILIGING_ACHTER_PROXY", False):
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        laatste = doorgestuurd.split(",")[-1].strip()
        if laatste:
            return laatste[:150]
    return (request.META.get("REMOTE_ADDR") or "")[:150]


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
    voorwaarde = Q()
    for soort, sleutel in sleutels:
        voorwaarde |= Q(soort=soort, sleutel=sleutel)
    return Blokkade.objects.filter(voorwaarde, tot__gt=timezone.now()).exists()


def _herkenbaar(sleutel: str) -> str:
    """For the log: recognisable across lines without writing the username or address."""
    return hashlib.sha256(sleutel.encode()).hexdigest()[:12]


def _blokkeer(soort: str, sleutel: str, tot) -> None:
    try:
        with transaction.atomic():
            Blokkade.objects.update_or_create(soort=soort, sleutel=sleutel,
                                              defaults={"tot": tot})
    except IntegrityError:  # another process made the row at the same moment
        Blokkade.objects.filter(soort=soort, sleutel=sleutel).update(tot=tot)


def registreer_mislukt(gebruikersnaam: str, ip: str) -> bool:
    """Count one failed attempt; block what passed its limit. True if now blocked."""
    nu = timezone.now()
    sleutels = _sleutels(gebruikersnaam, ip)
    with transaction.atomic():
        MisluktePoging.objects.filter(tijdstip__lt=nu - BEWAARTERMIJN).delete()
        MisluktePoging.objects.bulk_create(
            [MisluktePoging(soort=soort, sleutel=sleutel, tijdstip=nu)
             for soort, sleutel in sleutels])
    geblokkeerd = False
    for soort, sleutel in sleutels:
        aantal = MisluktePoging.objects.filter(
            soort=soort, sleutel=sleutel, tijdstip__gt=nu - VENSTER).count()
        if aantal >= _LIMIET[soort]:
            _blokkeer(soort, sleutel, nu + BLOKKADEDUUR)
            logger.warning("Inlogblokkade: %s %s na %d mislukte pogingen", soort,
                           _herkenbaar(sleutel), aantal)
            geblokkeerd = True
    return geblokkeerd


def registreer_geslaagd(gebruikersnaam: str) -> None:
    """A full login (both factors) clears the username's failures. The address keeps its
    count: one valid account must not reset the guessing of others from the same address."""
    naam = normaliseer(gebruikersnaam)
    MisluktePoging.objects.filter(soort=GEBRUIKERSNAAM, sleutel=naam).delete()
    Blokkade.objects.filter(soort=GEBRUIKERSNAAM, sleutel=naam).delete()
