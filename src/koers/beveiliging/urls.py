"""Logging in through OpenID Connect, and security keys (WebAuthn). The OIDC paths start with
/inloggen, which the second-factor middleware leaves open: a half-finished staff login must
still be able to come back."""

from django.urls import path

from koers.beveiliging import oidc_views, webauthn_views

app_name = "beveiliging"

urlpatterns = [
    path("inloggen/organisatie/", oidc_views.medewerker_start, name="oidc_start"),
    path("inloggen/organisatie/terug/", oidc_views.medewerker_callback, name="oidc_callback"),
    path("inloggen/digid/", oidc_views.portaal_start, name="portaal_oidc_start"),
    path("inloggen/digid/terug/", oidc_views.portaal_callback, name="portaal_oidc_callback"),
    # Security keys (WebAuthn). The check sits under /tweede-factor, open to a half login.
    path("tweede-factor/sleutel/", webauthn_views.controleren, name="webauthn_controleren"),
    path("beveiligingssleutels/", webauthn_views.sleutels, name="sleutels"),
    path(
        "beveiligingssleutels/<int:pk>/verwijderen/",
        webauthn_views.verwijderen,
        name="sleutel_verwijderen",
    ),
]
