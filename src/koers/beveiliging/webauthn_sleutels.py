"""WebAuthn (security keys and passkeys) as a second factor for staff, beside the TOTP app.

Koers is the relying party: its host name is the RP id and its own address the origin, both
taken from the request (Django has checked the host against ALLOWED_HOSTS). The challenge of
each ceremony lives in the session, is used once and lasts five minutes. The verification
itself is done by the ``webauthn`` library (py_webauthn): client data, RP id hash, user
presence, signature against the stored public key, and the signature counter (a counter that
goes back means a cloned key: refused).

Attestation is not asked ("none"): Koers does not limit which make of key a gemeente buys.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from koers.beveiliging.models import WebAuthnSleutel

logger = logging.getLogger("koers.beveiliging.webauthn")

RP_NAAM = "Koers"
# P: five minutes to touch the key; the browser's own timeout is one minute.
GELDIG_SECONDEN = 300
TIMEOUT_MS = 60000
MAX_SLEUTELS = 10  # P: enough for a spare key and a phone; stops endless registrations

_REGISTRATIE = "koers_webauthn_registratie"
_INLOGGEN = "koers_webauthn_inloggen"

NIET_GELUKT = _(
    "Dat lukte niet met uw beveiligingssleutel. Probeer het opnieuw, of vul de code uit uw app in."
)
VERLOPEN = _("Dat duurde te lang. Probeer het opnieuw.")


class SleutelFout(Exception):
    def __init__(self, melding, reden: str) -> None:
        super().__init__(reden)
        self.melding = melding
        self.reden = reden


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_bytes(tekst: str) -> bytes:
    return base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))


def rp_id(request) -> str:
    """Koers' host name without port (WebAuthn's RP id is a domain)."""
    return urlsplit(origin(request)).hostname or ""


def origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def sleutels_van(user):
    return WebAuthnSleutel.objects.filter(user=user, confirmed=True).order_by("aangemaakt")


def _bewaar_challenge(request, sleutel: str, challenge: bytes) -> None:
    request.session[sleutel] = {
        "challenge": _b64url(challenge),
        "tot": time.time() + GELDIG_SECONDEN,
    }


def _neem_challenge(request, sleutel: str) -> bytes:
    """The session's challenge, removed: each one works once."""
    bewaard = request.session.pop(sleutel, None)
    if not isinstance(bewaard, dict):
        raise SleutelFout(VERLOPEN, "geen_challenge")
    if time.time() > float(bewaard.get("tot", 0)):
        raise SleutelFout(VERLOPEN, "challenge_verlopen")
    return _b64url_bytes(bewaard["challenge"])


def _descriptors(user) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(id=_b64url_bytes(s.credential_id)) for s in sleutels_van(user)
    ]


def registratie_opties(request, user) -> str:
    """Options for ``navigator.credentials.create()`` as JSON; the challenge goes to the
    session."""
    opties = generate_registration_options(
        rp_id=rp_id(request),
        rp_name=RP_NAAM,
        user_name=user.get_username(),
        user_id=str(user.pk).encode(),
        user_display_name=user.get_full_name() or user.get_username(),
        timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    _bewaar_challenge(request, _REGISTRATIE, opties.challenge)
    return options_to_json(opties)


def _credential(tekst: str) -> dict[str, Any]:
    try:
        credential = json.loads(tekst)
    except (TypeError, ValueError):
        raise SleutelFout(NIET_GELUKT, "geen_json") from None
    if not isinstance(credential, dict):
        raise SleutelFout(NIET_GELUKT, "geen_json")
    return credential


def registreer(request, user, credential_json: str, naam: str) -> WebAuthnSleutel:
    """Verify the new key's answer and store its public key."""
    challenge = _neem_challenge(request, _REGISTRATIE)
    if sleutels_van(user).count() >= MAX_SLEUTELS:
        raise SleutelFout(
            _("U hebt al %(aantal)d sleutels. Verwijder er eerst een.") % {"aantal": MAX_SLEUTELS},
            "te_veel",
        )
    try:
        geverifieerd = verify_registration_response(
            credential=_credential(credential_json),
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
        )
    except WebAuthnException as error:
        logger.warning("WebAuthn: registratie afgewezen (%s)", type(error).__name__)
        raise SleutelFout(NIET_GELUKT, "registratie_afgewezen") from None
    try:
        with transaction.atomic():
            return WebAuthnSleutel.objects.create(
                user=user,
                name=(naam or "").strip()[:64] or str(_("Beveiligingssleutel")),
                confirmed=True,
                credential_id=_b64url(geverifieerd.credential_id),
                public_key=geverifieerd.credential_public_key,
                sign_count=geverifieerd.sign_count,
            )
    except IntegrityError:  # the same key twice (its credential id is unique)
        raise SleutelFout(_("Deze sleutel is al gekoppeld."), "bestaat_al") from None


def inlog_opties(request, user) -> str | None:
    """Options for ``navigator.credentials.get()`` as JSON, or None without keys."""
    descriptors = _descriptors(user)
    if not descriptors:
        return None
    opties = generate_authentication_options(
        rp_id=rp_id(request),
        timeout=TIMEOUT_MS,
        allow_credentials=descriptors,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    _bewaar_challenge(request, _INLOGGEN, opties.challenge)
    return options_to_json(opties)


def controleer(request, user, credential_json: str) -> WebAuthnSleutel:
    """The user's key that signed this assertion; its counter moves on."""
    challenge = _neem_challenge(request, _INLOGGEN)
    credential = _credential(credential_json)
    credential_id = credential.get("rawId") or credential.get("id")
    if not isinstance(credential_id, str):
        raise SleutelFout(NIET_GELUKT, "geen_id")
    with transaction.atomic():
        sleutel = (
            WebAuthnSleutel.objects.select_for_update()
            .filter(user=user, confirmed=True, credential_id=credential_id)
            .first()
        )
        if sleutel is None:
            logger.warning("WebAuthn: onbekende sleutel bij inloggen")
            raise SleutelFout(NIET_GELUKT, "onbekende_sleutel")
        try:
            geverifieerd = verify_authentication_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=rp_id(request),
                expected_origin=origin(request),
                credential_public_key=bytes(sleutel.public_key),
                credential_current_sign_count=sleutel.sign_count,
            )
        except WebAuthnException as error:
            logger.warning("WebAuthn: inloggen afgewezen (%s)", type(error).__name__)
            raise SleutelFout(NIET_GELUKT, "inloggen_afgewezen") from None
        sleutel.sign_count = geverifieerd.new_sign_count
        sleutel.laatst_gebruikt = timezone.now()
        sleutel.save(update_fields=["sign_count", "laatst_gebruikt"])
    return sleutel
