"""The verwerkingenlogging's job for ``koers worker`` (koers.taken.planner): every round, seal
the records written since the last one (koers.verwerkingen.keten), so the unsealed window
stays a few seconds wide. One sealer at a time: a second worker skips while the first holds
the head row."""

from __future__ import annotations

from koers.taken.planner import Omgeving, Taak
from koers.verwerkingen import keten


def verzegelen(omgeving: Omgeving) -> int:
    return keten.verzegel(stop=omgeving.stop)


TAKEN = [Taak("verwerkingen-verzegelen", verzegelen)]
