"""The dashboards' job for ``koers worker`` (koers.taken.planner): every minute, compute the
figures again when they are stale (one query when they are not; claimed by one worker only,
koers.sturing.kubus)."""

from __future__ import annotations

from django.utils import timezone

from koers.sturing.kubus import actueel
from koers.taken.planner import Omgeving, Taak

INTERVAL = 60  # seconds between two looks at the age of the figures


def ververs(omgeving: Omgeving | None = None) -> int:
    actueel(timezone.localdate())
    return 0


TAKEN = [Taak("sturing", ververs, interval=INTERVAL, lang=True)]
