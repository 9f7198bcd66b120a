"""The verwerkingenlogging's jobs for ``koers worker`` (koers.taken.planner):

- every second, seal the records written since the last time (koers.verwerkingen.keten), so
  the unsealed window stays a few seconds wide. Not every round: a round that seals the few
  records of the last milliseconds pays a transaction, the head row's lock and update and
  two statements for them; once a second those are shared by hundreds of records (at
  1,000,000 trajecten under 16 clients the window stayed under 2,000 records and 2 s).
  One sealer at a time: a second worker skips while the first holds the head row;
- when ``KOERS_LDV_OTLP_ENDPOINT`` is set, send the sealed records to the Logboek
  Dataverwerkingen (koers.verwerkingen.otlp). After a failed export the job pauses, twice as
  long each time up to five minutes, so a collector that is down does not hold up the
  worker's other jobs every round; nothing is lost meanwhile (the cursor waits)."""

from __future__ import annotations

import time

from koers.taken.planner import Omgeving, Taak
from koers.verwerkingen import keten, otlp


def verzegelen(omgeving: Omgeving) -> int:
    return keten.verzegel(stop=omgeving.stop)


def exporteren(omgeving: Omgeving) -> int:
    staat = omgeving.opties.setdefault("ldv_export", {"pauze": 0.0, "niet_voor": 0.0})
    if time.monotonic() < staat["niet_voor"]:
        return 0
    exporter = omgeving.opties.get("ldv_exporter")
    if exporter is None:
        exporter = omgeving.opties["ldv_exporter"] = otlp.exporter()
    uitkomst = otlp.exporteer(exporter)
    if uitkomst.gelukt:
        staat["pauze"] = 0.0
    else:
        staat["pauze"] = min(max(staat["pauze"] * 2, otlp.PAUZE_MIN), otlp.PAUZE_MAX)
        staat["niet_voor"] = time.monotonic() + staat["pauze"]
    return uitkomst.verstuurd


def export_interval(omgeving: Omgeving) -> float | None:
    return 0.0 if otlp.aan() else None


TAKEN = [
    Taak("verwerkingen-verzegelen", verzegelen, interval=keten.ZEGEL_INTERVAL),
    Taak("verwerkingen-exporteren", exporteren, interval=export_interval),
]
