"""Linking a second factor (app or security key): the first one needs an inschrijfcode.

Outside demo mode a password alone must not be enough to link a new second factor, or a
stolen password would be a full account. So the first link asks for a one-time code that
functioneel beheer makes for this medewerker (admin or ``koers inschrijfcode``) and hands over
by another channel. The code lasts ``GELDIG`` and works once; only its hash is stored.
Who logged in through the organisation's SSO with a second factor there needs no code, and
whoever has a linked factor adds another after logging in with it.

Every link (first or extra, app or key) is written to the verwerkingenlog and mailed to the
medewerker, so an unexpected link does not go unnoticed.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from koers.beveiliging.models import Inschrijfcode
from koers.organisaties.tweede_factor import SSO_MFA_SESSION_KEY, heeft_bevestigd_apparaat
from koers.verwerkingen import rules as verwerkingen_rules
from koers.verwerkingen import services as verwerkingen

logger = logging.getLogger("koers.beveiliging")

# P: three days to pass the code on and use it, over a weekend; short enough that a code
# found later in a mailbox is worthless.
GELDIG = timedelta(hours=72)
# 16 characters from 31 that cannot be mistaken for each other (no 0/O, 1/I/L): 79 bits.
_TEKENS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_LENGTE = 16
SESSIE_SLEUTEL = "koers_inschrijfcode"
DOEL = "informatiebeveiliging (BIO 9.4.2: beveiligde inlogprocedure)"


def _hash(code: str) -> str:
    return hashlib.sha256(normaliseer(code).encode()).hexdigest()


def normaliseer(code: str) -> str:
    """'abcd-efgh jkmn' and 'ABCDEFGHJKMN' are the same code."""
    return "".join(teken for teken in (code or "").upper() if teken.isalnum())[:64]


def nieuwe_code(
    gebruiker, *, door=None, bewaard: Inschrijfcode | None = None
) -> tuple[str, Inschrijfcode]:
    """A new code for this medewerker (in ``bewaard`` if given: the admin's own object); its
    text is returned once and never stored."""
    code = "".join(secrets.choice(_TEKENS) for _ in range(_LENGTE))
    bewaard = bewaard or Inschrijfcode()
    bewaard.gebruiker = gebruiker
    bewaard.code_hash = _hash(code)
    bewaard.aangemaakt_door = door
    bewaard.geldig_tot = timezone.now() + GELDIG
    bewaard.save()
    logger.info("Inschrijfcode gemaakt voor gebruiker %s", gebruiker.pk)
    return "-".join(code[i : i + 4] for i in range(0, _LENGTE, 4)), bewaard


def maak_code(gebruiker, *, door=None) -> str:
    return nieuwe_code(gebruiker, door=door)[0]


def code_nodig(request) -> bool:
    """Whether linking a first factor here needs an inschrijfcode."""
    if settings.DEMO:
        return False  # `make run`: the demo keeps its easy path
    user = request.user
    if request.session.get(SSO_MFA_SESSION_KEY) == user.pk:
        return False
    return not heeft_bevestigd_apparaat(user)


def _geldig(gebruiker):
    return Inschrijfcode.objects.filter(
        gebruiker=gebruiker, gebruikt_op__isnull=True, geldig_tot__gt=timezone.now()
    )


def controleer(request, code: str) -> bool:
    """A right code lets this session link one factor; it is used up only by the link."""
    gevonden = _geldig(request.user).filter(code_hash=_hash(code)).first()
    if gevonden is None:
        return False
    request.session[SESSIE_SLEUTEL] = gevonden.pk
    return True


def toegelaten(request) -> bool:
    """The session showed a code that is still unused and valid."""
    pk = request.session.get(SESSIE_SLEUTEL)
    return pk is not None and _geldig(request.user).filter(pk=pk).exists()


def verbruik(request) -> bool:
    """Use the session's code up, in the caller's transaction. False if it was used or
    expired meanwhile (a second tab, or beheer withdrew it)."""
    pk = request.session.get(SESSIE_SLEUTEL)
    if pk is None:
        return False
    bijgewerkt = _geldig(request.user).filter(pk=pk).update(gebruikt_op=timezone.now())
    return bijgewerkt == 1


def vastleggen(request, user, *, soort: str, naam: str) -> None:
    """Log the new factor and tell the medewerker by mail (after the commit: no mail about a
    link that was rolled back)."""
    verwerkingen.log(
        user=user,
        handeling="wijzigen",
        kanaal="ui",
        doel=DOEL,
        activiteit=f"{verwerkingen_rules.ACTIVITEIT_TWEEDE_FACTOR} ({soort})",
    )
    logger.info("Tweede factor gekoppeld (%s) voor gebruiker %s", soort, user.pk)
    request.session.pop(SESSIE_SLEUTEL, None)
    transaction.on_commit(lambda: _mail(user, soort, naam))


def _mail(user, soort: str, naam: str) -> None:
    if not user.email:
        logger.warning("Tweede factor gekoppeld, maar gebruiker %s heeft geen e-mailadres", user.pk)
        return
    moment = date_format(timezone.localtime(), "j F Y \\o\\m H:i")
    tekst = (
        f"Beste {user.get_full_name() or user.get_username()},\n\n"
        f"Op {moment} is aan uw Koers-account een nieuwe {soort} gekoppeld "
        f"(„{naam}”). Daarmee kunt u voortaan inloggen.\n\n"
        "Hebt u dit zelf gedaan? Dan hoeft u niets te doen.\n"
        "Hebt u dit niet zelf gedaan? Neem dan meteen contact op met functioneel beheer "
        "van uw organisatie. Iemand anders kan dan in uw account komen.\n\n"
        "Dit bericht is automatisch verstuurd door Koers."
    )
    try:
        send_mail("Koers: nieuwe tweede factor gekoppeld", tekst, None, [user.email])
    except OSError:
        # The link itself stands; the log above already recorded it.
        logger.exception("Mail over nieuwe tweede factor niet verstuurd (gebruiker %s)", user.pk)
