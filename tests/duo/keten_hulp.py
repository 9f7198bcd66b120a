"""Shared helpers of the keten tests: notifications as DUO stores them, DUO's answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from koers.duo.models import Notificatie

AMS = ZoneInfo("Europe/Amsterdam")
DUO_OIN = "00000001234567890000"


def notificatie(
    gemeente, gid: str, bsn: str, *, op: datetime | None = None, vnummer: str = ""
) -> Notificatie:
    return Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        bron=DUO_OIN,
        doel=gemeente.oin,
        gemeente=gemeente,
        gebeurtenis_id=gid,
        bsn=bsn,
        vnummer=vnummer,
        registratie_datum_tijd=op or datetime(2026, 9, 1, 23, 30, tzinfo=AMS),
    )


PLICHT = {
    "indicatorInburgeringsplicht": True,
    "begindatum": "2026-05-01",
    "datumKennisgevingInburgeringsplicht": "2026-05-03",
}
DOELGROEP = {
    "indeling": "Asielstatushouder",
    "begindatum": "2026-05-01",
    "gedetailleerdeDoelgroep": "Asielstatushouder",
}
TERMIJN = {"startdatum": "2026-06-01", "einddatum": "2029-06-01"}
EXAMENS = [
    {"examendatum": "2026-08-10", "resultaat": "Geslaagd", "onderdeel": "KNM", "niveau": "B1"}
]
LBT = [
    {
        "resultaat": "B1-route haalbaar",
        "behaaldeScore": "31,00",
        "benodigdeScore": "25,00",
        "datumAfname": "2026-08-20",
    }
]
VRIJSTELLINGEN = [
    {
        "TijdelijkeVrijstelling": {
            "oordeel": "Toekenning",
            "reden": "INS",
            "datumOordeel": "2026-08-01",
            "startdatum": "2026-08-01",
            "einddatum": "2027-08-01",
        }
    }
]
ONTHEFFINGEN = [
    {
        "GedeeltelijkeOntheffing": {
            "oordeel": "Toekenning",
            "datumOordeel": "2026-08-01",
            "grond": "MED",
            "examenonderdeel": "SP",
        }
    }
]
VERLENGINGEN = [
    {
        "beoordelingAanvraag": "Afgewezen",
        "datumBeoordeling": "2026-08-15",
        "ontvangstdatum": "2026-07-01",
    }
]
PIP = {
    "gemeentecode": "0946",
    "pip": {"dagtekeningPip": "2026-07-01", "leerroute": "B", "niveau": "B1"},
}


def standaard(nep):
    nep.zet("getInburgeringsplichtByBsn", (200, PLICHT))
    nep.zet("getDoelgroepByBsn", (200, DOELGROEP))
    nep.zet("getInburgeringstermijnByBsn", (200, TERMIJN))
    nep.zet("getExamenresultatenByBsn", (200, EXAMENS))
    nep.zet("getLbtResultatenByBsn", (200, LBT))
    nep.zet("getVrijstellingenByBsn", (200, VRIJSTELLINGEN))
    nep.zet("getOntheffingenByBsn", (200, ONTHEFFINGEN))
    nep.zet("getVerlengingenByBsn", (200, VERLENGINGEN))
    nep.zet("getPipByBsn", (200, PIP))
    return nep
