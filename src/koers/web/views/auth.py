"""Inloggen, the second factor (TOTP with django-otp) and uitloggen."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import inlogpogingen, webauthn_sleutels
from koers.organisaties.tweede_factor import (
    DEMO_SKIP_SESSION_KEY,
    heeft_tweede_factor_nodig,
    mag_tweede_factor_overslaan,
    totp_device,
)
from koers.web.forms import CodeForm, InlogForm
from koers.web.views.common import veilige_volgende


def _inlogpagina(request, form, fouten, *, status: int = 200):
    return render(request, "web/login.html", {
        "form": form, "next": request.GET.get("next", ""), "fouten": fouten,
        "oidc_aan": settings.KOERS_OIDC_ENABLED}, status=status)


def inlogpagina_met_melding(request, melding, *, status: int, gebruikersnaam: str = ""):
    """The login page with one message in the error summary (also for the SSO login)."""
    form = InlogForm(request, initial={"username": gebruikersnaam})
    return _inlogpagina(request, form, [{"href": None, "tekst": str(melding)}], status=status)


def geblokkeerd(request, gebruikersnaam: str = ""):
    """The same answer whether or not the username exists (429: too many requests)."""
    return inlogpagina_met_melding(request, inlogpogingen.MELDING, status=429,
                                   gebruikersnaam=gebruikersnaam)


def _verkeerd_wachtwoord(form) -> bool:
    """A wrong username or password; not an empty field (that is no guess)."""
    return any(fout.code == "invalid_login" for fout in form.non_field_errors().as_data())


@sensitive_post_parameters("password")
@never_cache
def inloggen(request):
    if request.user.is_authenticated and not heeft_tweede_factor_nodig(request):
        return redirect(veilige_volgende(request))
    form = InlogForm(request, data=request.POST or None)
    if request.method == "POST":
        gebruikersnaam = request.POST.get("username", "")
        ip = inlogpogingen.client_ip(request)
        # Blocked: the password is not even checked, so a right guess shows nothing either.
        if inlogpogingen.is_geblokkeerd(gebruikersnaam, ip):
            return geblokkeerd(request, gebruikersnaam)
        if form.is_valid():
            user = form.get_user()
            auth.login(request, user)
            volgende = veilige_volgende(request)
            if mag_tweede_factor_overslaan(user):
                request.session[DEMO_SKIP_SESSION_KEY] = True
                inlogpogingen.registreer_geslaagd(user.get_username())
                return redirect(volgende)
            # The failures are cleared only after the second factor: a stolen password must
            # not reset the count of wrong codes.
            return redirect(reverse("web:tweede_factor") + "?" + urlencode({"next": volgende}))
        if _verkeerd_wachtwoord(form) and inlogpogingen.registreer_mislukt(gebruikersnaam, ip):
            return geblokkeerd(request, gebruikersnaam)
    return _inlogpagina(request, form, form.fout_samenvatting)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@sensitive_post_parameters("code")
@never_cache
@login_required
def tweede_factor(request):
    user = request.user
    volgende = veilige_volgende(request)
    if not heeft_tweede_factor_nodig(request):
        return redirect(volgende)
    if mag_tweede_factor_overslaan(user):
        request.session[DEMO_SKIP_SESSION_KEY] = True
        return redirect(volgende)

    device = totp_device(user, confirmed=True)
    instellen = device is None
    if instellen:
        device = totp_device(user, confirmed=False) or TOTPDevice.objects.create(
            user=user, name="Koers", confirmed=False)
    form = CodeForm(request.POST or None)
    ip = inlogpogingen.client_ip(request)
    if request.method == "POST" and inlogpogingen.is_geblokkeerd(user.get_username(), ip):
        # Wrong codes count like wrong passwords: blocked, the half-done login ends.
        auth.logout(request)
        return geblokkeerd(request, "")
    if request.method == "POST" and form.is_valid():
        toegestaan, _info = device.verify_is_allowed()
        if not toegestaan:
            form.add_error("code", _("U hebt te vaak een verkeerde code ingevuld. Wacht even "
                                     "en probeer het dan opnieuw."))
        elif device.verify_token(form.cleaned_data["code"]):
            if instellen:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            inlogpogingen.registreer_geslaagd(user.get_username())
            if instellen:
                messages.success(request, _("Uw app is gekoppeld. Vanaf nu vraagt Koers bij "
                                            "het inloggen om een code uit deze app."))
            return redirect(volgende)
        else:
            if inlogpogingen.registreer_mislukt(user.get_username(), ip):
                auth.logout(request)
                return geblokkeerd(request, "")
            form.add_error("code", _("Deze code klopt niet. Vul de code in die uw app nu "
                                     "laat zien."))
    # A linked security key (WebAuthn) may stand in for the code.
    context = {"form": form, "instellen": instellen, "next": volgende,
               "webauthn_opties": webauthn_sleutels.inlog_opties(request, user)}
    if instellen:
        context.update({
            "geheim": base64.b32encode(device.bin_key).decode(),
            "otpauth_url": device.config_url,
            "qr_svg": _qr_svg(device.config_url),
        })
    return render(request, "web/tweede_factor.html", context)


@require_POST
def uitloggen(request):
    auth.logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("web:login")
