"""Inloggen, the second factor (TOTP with django-otp) and uitloggen."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
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

from koers.organisaties.tweede_factor import (
    DEMO_SKIP_SESSION_KEY,
    heeft_tweede_factor_nodig,
    mag_tweede_factor_overslaan,
    totp_device,
)
from koers.web.forms import CodeForm, InlogForm
from koers.web.views.common import veilige_volgende


@sensitive_post_parameters("password")
@never_cache
def inloggen(request):
    if request.user.is_authenticated and not heeft_tweede_factor_nodig(request):
        return redirect(veilige_volgende(request))
    form = InlogForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        auth.login(request, user)
        volgende = veilige_volgende(request)
        if mag_tweede_factor_overslaan(user):
            request.session[DEMO_SKIP_SESSION_KEY] = True
            return redirect(volgende)
        return redirect(reverse("web:tweede_factor") + "?" + urlencode({"next": volgende}))
    return render(request, "web/login.html", {
        "form": form, "next": request.GET.get("next", "")})


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
            if instellen:
                messages.success(request, _("Uw app is gekoppeld. Vanaf nu vraagt Koers bij "
                                            "het inloggen om een code uit deze app."))
            return redirect(volgende)
        else:
            form.add_error("code", _("Deze code klopt niet. Vul de code in die uw app nu "
                                     "laat zien."))
    context = {"form": form, "instellen": instellen, "next": volgende}
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
