"""The BRP chain's periodic jobs for ``koers worker`` (koers.taken.planner): fetch the queued
persons every round, and refresh open cases once a minute (at most
KOERS_BRP_VERVERS_PER_MINUUT). Both are off while KOERS_BRP_BASE_URL is empty: without a BRP
connection the case shows "nog niet opgehaald" and the adviseur fills in the data."""

from __future__ import annotations

from django.conf import settings

from koers.brp import services
from koers.brp.client import BrpClient, brp_client
from koers.taken.planner import Omgeving, Taak

VERVERS_INTERVAL = 60.0  # seconds: the refresh's limit is per minute


def _client(omgeving: Omgeving) -> BrpClient:
    """One BRP client per worker process (a test passes its own as ``brp_client``)."""
    client = omgeving.opties.get("brp_client")
    if client is None:
        client = omgeving.opties["brp_client"] = brp_client()
    return client


def _aan(omgeving: Omgeving) -> bool:
    return bool(settings.BRP_BASE_URL) or omgeving.opties.get("brp_client") is not None


def ophalen(omgeving: Omgeving) -> int:
    return services.verwerk_wachtend(_client(omgeving), stop=omgeving.stop)


def verversen(omgeving: Omgeving) -> int:
    return services.ververs(_client(omgeving), stop=omgeving.stop)


def ophalen_interval(omgeving: Omgeving) -> float | None:
    return 0.0 if _aan(omgeving) else None


def ververs_interval(omgeving: Omgeving) -> float | None:
    if not _aan(omgeving) or settings.BRP_VERVERS_PER_MINUUT <= 0:
        return None
    return VERVERS_INTERVAL


TAKEN = [
    Taak("brp-ophalen", ophalen, interval=ophalen_interval),
    Taak("brp-verversen", verversen, interval=ververs_interval),
]
