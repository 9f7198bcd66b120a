"""The login page as an answer, shared by every way of logging in (password, SSO, passkey):
the security views of the core answer with it as well as the login views of the shell. The
template ``web/login.html`` is found by name."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from koers.beveiliging import inlogpogingen
from koers.bouwstenen.formulieren import KoersStijl


class InlogForm(KoersStijl, AuthenticationForm):
    error_messages = {
        "invalid_login": _("De gebruikersnaam of het wachtwoord klopt niet. Probeer het opnieuw."),
        "inactive": _("Dit account is uitgeschakeld. Neem contact op met de beheerder."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].error_messages["required"] = _("Vul uw gebruikersnaam in.")
        self.fields["password"].error_messages["required"] = _("Vul uw wachtwoord in.")


def _inlogpagina(request, form, fouten, *, status: int = 200):
    return render(
        request,
        "web/login.html",
        {
            "form": form,
            "next": request.GET.get("next", ""),
            "fouten": fouten,
            "oidc_aan": settings.KOERS_OIDC_ENABLED,
        },
        status=status,
    )


def inlogpagina_met_melding(request, melding, *, status: int, gebruikersnaam: str = ""):
    """The login page with one message in the error summary (also for the SSO login)."""
    form = InlogForm(request, initial={"username": gebruikersnaam})
    return _inlogpagina(request, form, [{"href": None, "tekst": str(melding)}], status=status)


def geblokkeerd(request, gebruikersnaam: str = ""):
    """The same answer whether or not the username exists (429: too many requests)."""
    return inlogpagina_met_melding(
        request, inlogpogingen.MELDING, status=429, gebruikersnaam=gebruikersnaam
    )
