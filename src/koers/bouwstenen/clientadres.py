"""The address of the client of a request, as the login lock-out and the API limits count it."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The client's address. Behind the TLS proxy (KOERS_BEHIND_TLS_PROXY) that is the last
    address the proxy added to X-Forwarded-For; otherwise REMOTE_ADDR. Earlier entries of the
    header are set by the client and cannot be trusted."""
    if getattr(settings, "BEVEILIGING_ACHTER_PROXY", False):
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        laatste = doorgestuurd.split(",")[-1].strip()
        if laatste:
            return laatste[:150]
    return (request.META.get("REMOTE_ADDR") or "")[:150]
