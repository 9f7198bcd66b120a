"""Inloggen, the second factor (TOTP with django-otp) and uitloggen."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import inlogpogingen, inschrijven, webauthn_sleutels
from koers.beveiliging.inlogpagina import InlogForm, _inlogpagina, geblokkeerd
from koers.bouwstenen.clientadres import client_ip
from koers.bouwstenen.formulieren import KoersStijl
from koers.bouwstenen.schermen import veilige_volgende
from koers.organisaties.tweede_factor import (
    DEMO_SKIP_SESSION_KEY,
    heeft_tweede_factor_nodig,
    mag_tweede_factor_overslaan,
    totp_device,
)
from koers.web.forms import CodeForm


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
        ip = client_ip(request)
        # An empty field is no guess: the form only explains it, the password is not checked.
        poging = None
        if gebruikersnaam and request.POST.get("password"):
            # Counted before the check; blocked: not even checked, so a right guess shows
            # nothing either.
            poging = inlogpogingen.reserveer(gebruikersnaam, ip)
            if poging is None:
                return geblokkeerd(request, gebruikersnaam)
        if form.is_valid():
            user = form.get_user()
            poging.terugnemen()
            auth.login(request, user)
            volgende = veilige_volgende(request)
            if mag_tweede_factor_overslaan(user):
                request.session[DEMO_SKIP_SESSION_KEY] = True
                inlogpogingen.registreer_geslaagd(user.get_username())
                return redirect(volgende)
            # The failures are cleared only after the second factor: a stolen password must
            # not reset the count of wrong codes.
            return redirect(reverse("web:tweede_factor") + "?" + urlencode({"next": volgende}))
        if poging is not None:
            if not _verkeerd_wachtwoord(form):
                poging.terugnemen()
            elif poging.mislukt():
                return geblokkeerd(request, gebruikersnaam)
    return _inlogpagina(request, form, form.fout_samenvatting)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


class InschrijfcodeForm(KoersStijl, forms.Form):
    inschrijfcode = forms.CharField(
        label=_lazy("Inschrijfcode"),
        max_length=40,
        help_text=_lazy(
            "De code die u van functioneel beheer hebt gekregen, bijvoorbeeld ABCD-EFGH-JKMN-PQRS."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # After KoersStijl, which sets its general texts.
        self.fields["inschrijfcode"].error_messages["required"] = _("Vul de inschrijfcode in.")


def _inschrijfcode_stap(request, volgende: str):
    """Before the first factor is linked: the inschrijfcode from beheer."""
    user = request.user
    form = InschrijfcodeForm(request.POST if "inschrijfcode" in request.POST else None)
    if request.method == "POST" and "inschrijfcode" not in request.POST:
        # A code from an app without an inschrijfcode first: nothing is linked.
        form = InschrijfcodeForm({"inschrijfcode": ""})
    elif request.method == "POST" and form.is_valid():
        poging = inlogpogingen.reserveer(user.get_username(), client_ip(request))
        if poging is None:
            auth.logout(request)
            return geblokkeerd(request, "")
        if inschrijven.controleer(request, form.cleaned_data["inschrijfcode"]):
            poging.terugnemen()
            return redirect(reverse("web:tweede_factor") + "?" + urlencode({"next": volgende}))
        if poging.mislukt():
            auth.logout(request)
            return geblokkeerd(request, "")
        form.add_error(
            "inschrijfcode",
            _(
                "Deze inschrijfcode klopt niet, is verlopen of is al "
                "gebruikt. Vraag functioneel beheer om een nieuwe "
                "code."
            ),
        )
    return render(
        request,
        "web/inschrijfcode.html",
        {"form": form, "next": volgende},
        status=400 if form.is_bound else 200,
    )


@sensitive_post_parameters("code", "inschrijfcode")
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
    if instellen and inschrijven.code_nodig(request) and not inschrijven.toegelaten(request):
        return _inschrijfcode_stap(request, volgende)
    if instellen:
        device = totp_device(user, confirmed=False) or TOTPDevice.objects.create(
            user=user, name="Koers", confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        toegestaan, _info = device.verify_is_allowed()
        if not toegestaan:
            form.add_error(
                "code",
                _(
                    "U hebt te vaak een verkeerde code ingevuld. Wacht even "
                    "en probeer het dan opnieuw."
                ),
            )
            return _tweede_factor_pagina(request, form, device, instellen, volgende)
        # Wrong codes count like wrong passwords, counted before the check; blocked: the
        # half-done login ends.
        poging = inlogpogingen.reserveer(user.get_username(), client_ip(request))
        if poging is None:
            auth.logout(request)
            return geblokkeerd(request, "")
        if device.verify_token(form.cleaned_data["code"]):
            poging.terugnemen()
            if instellen and not _koppel_app(request, device):
                form.add_error(
                    "code",
                    _(
                        "Uw inschrijfcode is intussen gebruikt of verlopen. "
                        "Vraag functioneel beheer om een nieuwe code."
                    ),
                )
                return _tweede_factor_pagina(request, form, device, instellen, volgende)
            otp_login(request, device)
            inlogpogingen.registreer_geslaagd(user.get_username())
            if instellen:
                messages.success(
                    request,
                    _(
                        "Uw app is gekoppeld. Vanaf nu vraagt Koers bij "
                        "het inloggen om een code uit deze app."
                    ),
                )
            return redirect(volgende)
        if poging.mislukt():
            auth.logout(request)
            return geblokkeerd(request, "")
        form.add_error("code", _("Deze code klopt niet. Vul de code in die uw app nu laat zien."))
    return _tweede_factor_pagina(request, form, device, instellen, volgende)


def _koppel_app(request, device) -> bool:
    """Confirm the new app, using up the inschrijfcode in the same transaction."""
    with transaction.atomic():
        if inschrijven.code_nodig(request) and not inschrijven.verbruik(request):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        inschrijven.vastleggen(request, request.user, soort="authenticator-app", naam=device.name)
    return True


def _tweede_factor_pagina(request, form, device, instellen: bool, volgende: str):
    # A linked security key (WebAuthn) may stand in for the code.
    context = {
        "form": form,
        "instellen": instellen,
        "next": volgende,
        "webauthn_opties": webauthn_sleutels.inlog_opties(request, request.user),
    }
    if instellen:
        context.update(
            {
                "geheim": base64.b32encode(device.bin_key).decode(),
                "otpauth_url": device.config_url,
                "qr_svg": _qr_svg(device.config_url),
            }
        )
    return render(request, "web/tweede_factor.html", context)


@require_POST
def uitloggen(request):
    auth.logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("web:login")
