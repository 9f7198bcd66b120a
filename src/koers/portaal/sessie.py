"""Who is logged in to Mijn Inburgering.

The inburgeraar is no staff user (no ``Gebruiker``), so his login lives under its own session
key, apart from Django's staff authentication: a staff login never opens the portal and a
portal login never opens the staff screens. The DigiD (OIDC) login in ``koers.beveiliging``
(through its ``digid_ingelogd`` signal, see :func:`na_digid`) and the demo login both end in
:func:`inloggen`.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

SESSIE_SLEUTEL = "koers_portaal_inburgeraar_id"
_CACHE_ATTR = "_koers_portaal_inburgeraar"


def inloggen(request, inburgeraar) -> None:
    """Log ``inburgeraar`` in to the portal. A new session key prevents session fixation."""
    request.session.cycle_key()
    request.session[SESSIE_SLEUTEL] = inburgeraar.pk
    setattr(request, _CACHE_ATTR, inburgeraar)


def na_digid(sender, *, request, inburgeraar, **kwargs) -> None:
    """Receiver of ``koers.beveiliging.oidc.digid_ingelogd`` (connected in the app config)."""
    inloggen(request, inburgeraar)


def uitloggen(request) -> None:
    """End the portal login. A staff login in the same browser is left alone, but the key is
    cycled so the old session id is worthless."""
    request.session.pop(SESSIE_SLEUTEL, None)
    request.session.cycle_key()
    if hasattr(request, _CACHE_ATTR):
        delattr(request, _CACHE_ATTR)


def huidige_inburgeraar(request):
    """The logged-in inburgeraar, or ``None``. Looked up once per request."""
    if hasattr(request, _CACHE_ATTR):
        return getattr(request, _CACHE_ATTR)
    from koers.inburgeraars.models import Inburgeraar

    pk = request.session.get(SESSIE_SLEUTEL) if hasattr(request, "session") else None
    inburgeraar = None
    if pk is not None:
        inburgeraar = (
            Inburgeraar.objects.select_related("gemeente", "huidig_traject").filter(pk=pk).first()
        )
        if inburgeraar is None:  # removed or anonymised meanwhile
            request.session.pop(SESSIE_SLEUTEL, None)
    setattr(request, _CACHE_ATTR, inburgeraar)
    return inburgeraar


def login_url(next_url: str | None = None) -> str:
    url = reverse("portaal:inloggen")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


def inburgeraar_vereist(view):
    """Send an anonymous visitor to the portal login; otherwise ``request.inburgeraar`` is set."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        inburgeraar = huidige_inburgeraar(request)
        if inburgeraar is None:
            return redirect(login_url(request.get_full_path()))
        request.inburgeraar = inburgeraar
        return view(request, *args, **kwargs)

    return wrapper
