"""The signal engine's job for ``koers worker`` (koers.taken.planner): every few minutes it
offers the daily run, which runs once a day, by one worker only (koers.monitoring.engine)."""

from __future__ import annotations

from koers.monitoring.engine import dagelijks
from koers.taken.planner import Omgeving, Taak

AANBOD_INTERVAL = 10 * 60  # seconds between two offers of the daily run


def signalen(omgeving: Omgeving) -> int:
    dagelijks()
    return 0  # a daily run is no reason to skip the worker's sleep


TAKEN = [Taak("signalen", signalen, interval=AANBOD_INTERVAL, lang=True)]
