"""The DUO chain's periodic jobs for ``koers worker`` (koers.taken.planner): deliver the
outbox and handle DUO's notifications every round; the herstel job every
``--herstel-interval`` minutes."""

from __future__ import annotations

from koers.duo import herstel, worker
from koers.duo.client import DuoClient, duo_client
from koers.taken.planner import Omgeving, Taak


def _client(omgeving: Omgeving) -> DuoClient:
    """One DUO client per worker process (a test passes its own as ``duo_client``)."""
    client = omgeving.opties.get("duo_client")
    if client is None:
        client = omgeving.opties["duo_client"] = duo_client()
    return client


def keten(omgeving: Omgeving) -> int:
    return worker.ronde(client=_client(omgeving), stop=omgeving.stop)


def herstellen(omgeving: Omgeving) -> int:
    return herstel.herstel(client=_client(omgeving), stop=omgeving.stop)


def herstel_interval(omgeving: Omgeving) -> float | None:
    minuten = omgeving.opties.get("herstel_interval", 15.0)
    return minuten * 60 if minuten > 0 else None


TAKEN = [
    Taak("duo-keten", keten),
    Taak("duo-herstel", herstellen, interval=herstel_interval, lang=True),
]
