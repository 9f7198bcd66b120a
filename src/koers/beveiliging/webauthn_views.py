"""Security keys (WebAuthn) for staff: add and remove them, and use one instead of the code
from the app in the second step of logging in."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from koers.beveiliging import inlogpogingen, inschrijven, webauthn_sleutels
from koers.beveiliging.inlogpagina import geblokkeerd
from koers.beveiliging.models import WebAuthnSleutel
from koers.bouwstenen.clientadres import client_ip
from koers.bouwstenen.schermen import veilige_volgende
from koers.organisaties.tweede_factor import heeft_tweede_factor_nodig


@never_cache
@login_required
@require_POST
def controleren(request):
    """The second step with a security key: the signed answer from the browser."""
    user = request.user
    volgende = veilige_volgende(request)
    if not heeft_tweede_factor_nodig(request):
        return redirect(volgende)
    # A wrong answer counts like a wrong code, counted before the check.
    poging = inlogpogingen.reserveer(user.get_username(), client_ip(request))
    if poging is None:
        auth.logout(request)
        return geblokkeerd(request)
    try:
        sleutel = webauthn_sleutels.controleer(request, user, request.POST.get("credential", ""))
    except webauthn_sleutels.SleutelFout as fout:
        if poging.mislukt():
            auth.logout(request)
            return geblokkeerd(request)
        messages.error(request, fout.melding)
        return redirect(reverse("web:tweede_factor") + "?" + urlencode({"next": volgende}))
    poging.terugnemen()
    otp_login(request, sleutel)
    inlogpogingen.registreer_geslaagd(user.get_username())
    return redirect(volgende)


@never_cache
@login_required
def sleutels(request):
    """The user's own security keys; adding one needs a finished login (both factors, or the
    organisation's SSO with its own second factor), which TweedeFactorMiddleware already
    demands on this path. A first factor is linked with an inschrijfcode on the second-factor
    page instead."""
    user = request.user
    if inschrijven.code_nodig(request):
        # Not reachable through the middleware; kept so that a change there cannot open
        # a way to link a first factor with a password alone.
        return redirect(reverse("web:tweede_factor"))
    fout = None
    if request.method == "POST":
        try:
            with transaction.atomic():
                sleutel = webauthn_sleutels.registreer(
                    request, user, request.POST.get("credential", ""), request.POST.get("naam", "")
                )
                inschrijven.vastleggen(
                    request, user, soort="beveiligingssleutel", naam=sleutel.name
                )
        except webauthn_sleutels.SleutelFout as error:
            fout = error.melding
        else:
            messages.success(
                request,
                _(
                    "De sleutel „%(naam)s” is gekoppeld. U kunt hem "
                    "voortaan gebruiken bij het inloggen."
                )
                % {"naam": sleutel.name},
            )
            return redirect("beveiliging:sleutels")
    return render(
        request,
        "beveiliging/sleutels.html",
        {
            "sleutels": webauthn_sleutels.sleutels_van(user),
            "opties": webauthn_sleutels.registratie_opties(request, user),
            "fouten": [{"href": None, "tekst": str(fout)}] if fout else [],
        },
        status=400 if fout else 200,
    )


@never_cache
@login_required
@require_POST
def verwijderen(request, pk: int):
    sleutel = get_object_or_404(WebAuthnSleutel, pk=pk, user=request.user)
    sleutel.delete()
    messages.success(request, _("De sleutel „%(naam)s” is verwijderd.") % {"naam": sleutel.name})
    return redirect("beveiliging:sleutels")
