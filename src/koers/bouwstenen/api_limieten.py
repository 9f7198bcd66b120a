"""Rate limits for the API: per user (his token or session) and per client address for calls
without a login.

The rates are read from the settings on every request, not when this module is imported, so
an operator's ``KOERS_API_RATE_*`` and a test's override both take effect. The counts live in
Django's default cache: with the in-memory cache each web process counts on its own, so the
real limit is the rate times the number of processes (documented for the beheerder).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from koers.bouwstenen.clientadres import client_ip


class _TariefUitInstellingen:
    instelling = ""

    def get_rate(self):
        return getattr(settings, self.instelling, "") or None

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_ident(self, request):
        # The same client address as the login lock-out; DRF's own reading of
        # X-Forwarded-For would trust what the client wrote there.
        return client_ip(request)


class PerGebruiker(_TariefUitInstellingen, UserRateThrottle):
    """One budget per user: a token belongs to one user, so two tokens count apart."""

    scope = "gebruiker"
    instelling = "KOERS_API_RATE_GEBRUIKER"


class PerAdres(_TariefUitInstellingen, AnonRateThrottle):
    """Calls without a login, per client address."""

    scope = "adres"
    instelling = "KOERS_API_RATE_IP"
