"""Logging in through OpenID Connect: staff SSO and DigiD for Mijn Inburgering.

Staff: the verified claim is matched to an EXISTING active account; Koers never creates one,
because the roles and the gemeente of an account decide which cases someone sees, and that is
a decision of functioneel beheer in Koers, not of whoever manages the organisation's directory.
When the provider says it checked a second factor (KOERS_OIDC_MFA_ACR/_AMR), Koers skips its
own TOTP step; otherwise the user continues at that step, as after a password.

Portal: the BSN claim finds the inburgeraar; an unknown BSN gets a page that reveals nothing.
The BSN is never written to the log. The portal opens its own session when it receives
:data:`oidc.digid_ingelogd`, so this core app does not import the portal.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import auth
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from koers.beveiliging import inlogpogingen, oidc
from koers.beveiliging.inlogpagina import geblokkeerd, inlogpagina_met_melding
from koers.bouwstenen.clientadres import client_ip
from koers.bouwstenen.schermen import veilige_volgende
from koers.organisaties.models import Gebruiker
from koers.organisaties.tweede_factor import (
    DEMO_SKIP_SESSION_KEY,
    SSO_MFA_SESSION_KEY,
    mag_tweede_factor_overslaan,
)

logger = logging.getLogger("koers.beveiliging.oidc")

BACKEND = "koers.organisaties.auth.KoersBackend"
PORTAAL_START = "/mijn/"


def _aanbieder_of_404(naam: str) -> oidc.Aanbieder:
    """Switched off, the URLs do not exist."""
    aanbieder = oidc.aanbieder(naam)
    if aanbieder is None:
        raise Http404
    return aanbieder


# --- Staff --------------------------------------------------------------------------------


def _medewerker_fout(request, fout: oidc.OidcFout, ip: str, gebruikersnaam: str = ""):
    if fout.telt and inlogpogingen.registreer_mislukt(gebruikersnaam, ip):
        return geblokkeerd(request)
    return inlogpagina_met_melding(request, fout.melding, status=fout.status)


@never_cache
@require_GET
def medewerker_start(request):
    aanbieder = _aanbieder_of_404(oidc.MEDEWERKERS)
    ip = client_ip(request)
    if inlogpogingen.is_geblokkeerd("", ip):
        return geblokkeerd(request)
    try:
        return redirect(oidc.start(request, aanbieder, veilige_volgende(request)))
    except oidc.OidcFout as fout:
        return _medewerker_fout(request, fout, ip)


def _zoek_gebruiker(aanbieder: oidc.Aanbieder, waarde: str) -> Gebruiker | None:
    """The one account the claim names (case-insensitive), or None when none or several."""
    veld = "email" if aanbieder.koppelen == "email" else "username"
    gevonden = list(
        Gebruiker.objects.select_related("organisatie__gemeente").filter(
            Q(**{f"{veld}__iexact": waarde})
        )[:2]
    )
    return gevonden[0] if len(gevonden) == 1 else None


GEEN_ACCOUNT = _(
    "U kunt met dit account niet inloggen in Koers. Vraag de beheerder van Koers om een account."
)


@never_cache
@require_GET
def medewerker_callback(request):
    aanbieder = _aanbieder_of_404(oidc.MEDEWERKERS)
    ip = client_ip(request)
    if inlogpogingen.is_geblokkeerd("", ip):
        oidc.vergeet(request, aanbieder)
        return geblokkeerd(request)
    try:
        uitkomst = oidc.afronden(request, aanbieder)
    except oidc.OidcFout as fout:
        return _medewerker_fout(request, fout, ip)
    waarde = oidc.claim_waarde(uitkomst.claims, aanbieder.claim)
    if not waarde:
        logger.error("OIDC %s: claim %s ontbreekt in het ID-token", aanbieder.naam, aanbieder.claim)
        return inlogpagina_met_melding(request, oidc.VERKEERD_INGESTELD, status=400)
    gebruiker = _zoek_gebruiker(aanbieder, waarde)
    sleutel = gebruiker.get_username() if gebruiker is not None else waarde
    # A username blocked after wrong passwords stays blocked, whichever way one logs in.
    if inlogpogingen.is_geblokkeerd(sleutel, ip):
        return geblokkeerd(request)
    if gebruiker is None or not gebruiker.is_active:
        # Unknown and inactive look the same; the log says only that it happened.
        logger.warning(
            "OIDC %s: geen actief Koers-account bij het ingelogde account", aanbieder.naam
        )
        if inlogpogingen.registreer_mislukt(sleutel, ip):
            return geblokkeerd(request)
        return inlogpagina_met_melding(request, GEEN_ACCOUNT, status=403)

    auth.login(request, gebruiker, backend=BACKEND)
    volgende = uitkomst.volgende or reverse("web:werkvoorraad")
    if oidc.mfa_bevestigd(aanbieder, uitkomst.claims):
        request.session[SSO_MFA_SESSION_KEY] = gebruiker.pk
        inlogpogingen.registreer_geslaagd(gebruiker.get_username())
        logger.info("OIDC %s: ingelogd, tweede factor door de inlogdienst", aanbieder.naam)
        return redirect(volgende)
    if mag_tweede_factor_overslaan(gebruiker):
        request.session[DEMO_SKIP_SESSION_KEY] = True
        inlogpogingen.registreer_geslaagd(gebruiker.get_username())
        return redirect(volgende)
    # As after a password: the failures are cleared only after Koers' own code.
    logger.info("OIDC %s: ingelogd, tweede factor volgt in Koers", aanbieder.naam)
    return redirect(reverse("web:tweede_factor") + "?" + urlencode({"next": volgende}))


# --- Portal (DigiD) -------------------------------------------------------------------------


def _portaal_volgende(request) -> str:
    """Only a page of the portal itself; otherwise its start page."""
    volgende = request.GET.get("next", "")
    if volgende.startswith(PORTAAL_START) and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return PORTAAL_START


def _portaal_melding(request, titel, tekst, *, status: int, opnieuw: bool = False):
    return render(
        request,
        "beveiliging/portaal_melding.html",
        {"titel": titel, "tekst": tekst, "opnieuw": opnieuw},
        status=status,
    )


@never_cache
@require_GET
def portaal_start(request):
    aanbieder = _aanbieder_of_404(oidc.PORTAAL)
    try:
        return redirect(oidc.start(request, aanbieder, _portaal_volgende(request)))
    except oidc.OidcFout as fout:
        return _portaal_melding(
            request,
            _("Inloggen lukt nu niet"),
            fout.melding,
            status=fout.status,
            opnieuw=fout.opnieuw,
        )


@never_cache
@require_GET
def portaal_callback(request):
    aanbieder = _aanbieder_of_404(oidc.PORTAAL)
    try:
        uitkomst = oidc.afronden(request, aanbieder)
    except oidc.OidcFout as fout:
        return _portaal_melding(
            request,
            _("Inloggen lukt nu niet"),
            fout.melding,
            status=fout.status,
            opnieuw=fout.opnieuw,
        )
    bsn = oidc.bsn_uit(uitkomst.claims, aanbieder.claim)
    if not bsn:
        logger.error("OIDC %s: geen geldig BSN in claim %s", aanbieder.naam, aanbieder.claim)
        return _portaal_melding(
            request, _("Inloggen lukt nu niet"), oidc.VERKEERD_INGESTELD, status=400
        )
    from koers.inburgeraars.models import Inburgeraar

    inburgeraar = Inburgeraar.objects.filter(bsn=bsn).first()
    if inburgeraar is None:
        logger.info("OIDC %s: ingelogd met DigiD, geen dossier in Koers", aanbieder.naam)
        return _portaal_melding(
            request,
            _("Wij kennen u (nog) niet"),
            _(
                "U bent goed ingelogd met DigiD. Maar in Mijn Inburgering staat nog niets "
                "over u. Hebt u een brief van de gemeente over inburgeren gekregen? Neem "
                "dan contact op met de gemeente."
            ),
            status=403,
        )
    if not oidc.digid_ingelogd.send(sender=oidc.PORTAAL, request=request, inburgeraar=inburgeraar):
        logger.error(
            "OIDC %s: geen ontvanger voor de DigiD-login (portaal niet geladen)", aanbieder.naam
        )
        return _portaal_melding(
            request, _("Inloggen lukt nu niet"), oidc.VERKEERD_INGESTELD, status=400
        )
    logger.info("OIDC %s: ingelogd in Mijn Inburgering", aanbieder.naam)
    return redirect(uitkomst.volgende or PORTAAL_START)
