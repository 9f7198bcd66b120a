"""What the inburgeraar sends through Mijn Inburgering, as signals for his adviseur
(koers.monitoring.engine reads ``BRONNEN``; koers.monitoring.signaalbron describes the
contract): an unread message and a document not yet opened. One signal per case and kind,
due on the day the oldest unread one arrived. Who sees them follows the sections of the
messages and documents (koers.toegang.policy), so the teamleider does not.

Each source is ONE query over all cases on the partial indexes of unread messages and
unopened documents; its first column is the case (the person's current traject, where the
adviseur works), so the engine can narrow it to the changed cases. Reading clears the signal
at once: the services recompute the case after the read (koers.portaal.services)."""

from __future__ import annotations

from datetime import date

from django.db.models import CharField, Min, Value
from django.db.models.functions import TruncDate

from koers.inburgeraars.rules import Status
from koers.monitoring.signaalbron import Bron
from koers.portaal.models import Bericht, Document
from koers.toegang.policy import Sectie

BERICHT = "portaal_bericht"
DOCUMENT = "portaal_document"
SOORTEN = (BERICHT, DOCUMENT)
LEEG = Value("", output_field=CharField())


def ongelezen_berichten(vandaag: date):
    return (
        Bericht.objects.filter(
            richting=Bericht.Richting.VAN_INBURGERAAR,
            gelezen_op__isnull=True,
            inburgeraar__huidig_traject__isnull=False,
        )
        .exclude(inburgeraar__huidig_traject__status=Status.AFGEROND)
        .values("inburgeraar__huidig_traject_id")
        .annotate(eerste=Min(TruncDate("verstuurd_op")))
        .values_list("inburgeraar__huidig_traject_id", "eerste", LEEG)
    )


def ongeopende_documenten(vandaag: date):
    return (
        Document.objects.filter(gezien_op__isnull=True, inburgeraar__huidig_traject__isnull=False)
        .exclude(inburgeraar__huidig_traject__status=Status.AFGEROND)
        .values("inburgeraar__huidig_traject_id")
        .annotate(eerste=Min(TruncDate("geupload_op")))
        .values_list("inburgeraar__huidig_traject_id", "eerste", LEEG)
    )


BRONNEN: tuple[Bron, ...] = (
    Bron(
        soort=BERICHT,
        titel="Nieuw bericht van de inburgeraar in Mijn Inburgering: lees en beantwoord het",
        sectie=Sectie.BERICHTEN,
        rijen=ongelezen_berichten,
        kenmerk="Nieuw bericht",
        tab="berichten",
    ),
    Bron(
        soort=DOCUMENT,
        titel="Nieuw document van de inburgeraar in Mijn Inburgering: bekijk het",
        sectie=Sectie.DOCUMENTEN,
        rijen=ongeopende_documenten,
        kenmerk="Nieuw document",
        tab="berichten",
    ),
)
