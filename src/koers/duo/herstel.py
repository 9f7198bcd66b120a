"""Herstel: ask DUO again about open cases, to repair notifications Koers missed.

Run by ``koers worker`` every few minutes (``--herstel-interval``). One run takes the open
cases checked longest ago (never-checked first) in one query on the partial index
``traject_duo_herstel`` and handles at most ``DUO_HERSTEL_PER_MINUUT`` of them; the worker
runs it at most once a minute, so DUO never gets more than that many cases a minute.

Per case it fetches plicht, termijn, doelgroep (with its history) and ontheffingen:

- termijn: DUO's dates are stored when they differ (as SS102/SS103/SS104 would);
- doelgroep: DUO's indeling, detail and history replace Koers' own (as SS124/SS125 would);
- ontheffing: the hours of a granted partial ontheffing (as SS119 would);
- plicht ended: the case is closed with the reason DUO gives (as SS106/107/108/110/111
  would); a temporary exemption pauses it (as SS109 would).

Every change goes on the timeline, marked as coming from DUO's herstel. A transient DUO
failure ends the run (DUO is down; the next run goes on where this one stopped); a
permanent one for one person is logged and that case counts as checked.
"""

from __future__ import annotations

import logging
import threading
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import handlers
from koers.duo.client import DuoClient, DuoFout, duo_client
from koers.duo.models import Notificatie
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Traject
from koers.toegang.policy import Sectie
from koers.verwerkingen import tracecontext
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log_job

log = logging.getLogger(__name__)
Reden = traject_rules.Afrondingsreden

# DUO's redenGeenInburgeringsplicht (API Inburgeringsplicht) → how Koers closes the case.
# "Tijdelijke vrijstelling" does not close: it pauses (RULES.md SS109).
AFRONDING_BIJ_REDEN = {
    "Inburgeringsplicht voldaan": Reden.VOLDAAN,
    "Volledige vrijstelling": Reden.VRIJGESTELD,
    "Volledige ontheffing": Reden.ONTHEVEN,
    "Overlijden": Reden.OVERLEDEN,
    "Verblijfsdoel gewijzigd": Reden.INGETROKKEN,
    "Vertrek uit Nederland langer dan een jaar": Reden.INGETROKKEN,
    "Overig": Reden.INGETROKKEN,
}
HERSTEL = "HERSTEL"  # shown as the gebeurtenis on the timeline: "DUO (HERSTEL): …"


def te_controleren(limiet: int) -> list[int]:
    """Ids of open cases, longest unchecked first (one query)."""
    return list(
        Traject.objects.exclude(status=traject_rules.Status.AFGEROND)
        .order_by(F("duo_gecontroleerd_op").asc(nulls_first=True), "id")
        .values_list("id", flat=True)[:limiet]
    )


def _context(traject: Traject, client: DuoClient) -> handlers.Context:
    # An unsaved notification as the carrier of "who, for which gemeente, when".
    notificatie = Notificatie(
        bericht_id=uuid.uuid4(),
        gebeurtenis_id=HERSTEL,
        gemeente=traject.gemeente,
        bsn=traject.inburgeraar.bsn,
        registratie_datum_tijd=timezone.now(),
    )
    return handlers.Context(notificatie, client)


def controleer(traject: Traject, client: DuoClient) -> None:
    ctx = _context(traject, client)
    log_job(Verwerking.Handeling.LEZEN, traject, [Sectie.DUO])  # asks DUO about him (§3)
    plicht = ctx.haal("getInburgeringsplichtByBsn") or {}
    ctx.haal("getInburgeringstermijnByBsn")
    doelgroep = ctx.haal("getDoelgroepByBsn")
    # What only completes the case must not stop the check (nor, when it keeps failing,
    # every later run at this same case): ONBEKEND keeps what Koers has.
    historie = ctx.haal_aanvulling("getDoelgroephistorieByBsn")
    ontheffingen = ctx.haal_aanvulling("getOntheffingenByBsn")
    with transaction.atomic():
        traject = Traject.objects.select_related("inburgeraar", "gemeente").get(pk=traject.pk)
        if traject.is_open:
            handlers.bewaar_termijn(ctx, traject)
            handlers.bewaar_doelgroep(ctx, traject, doelgroep, historie)
            handlers.bewaar_ontheffing(ctx, traject, ontheffingen)
            reden = plicht.get("redenGeenInburgeringsplicht")
            if plicht and not plicht.get("indicatorInburgeringsplicht"):
                if reden == "Tijdelijke vrijstelling":
                    handlers.pauzeer(ctx, traject, "Gevonden bij controle bij DUO.")
                else:
                    afronding = AFRONDING_BIJ_REDEN.get(reden, Reden.INGETROKKEN)
                    handlers.sluit_traject(
                        ctx,
                        afronding,
                        f"Gevonden bij controle bij DUO: geen inburgeringsplicht meer ({reden}).",
                    )
        Traject.objects.filter(pk=traject.pk).update(duo_gecontroleerd_op=timezone.now())


def herstel(
    *,
    client: DuoClient | None = None,
    limiet: int | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Check up to ``limiet`` (default DUO_HERSTEL_PER_MINUUT) open cases; returns how many."""
    client = client or duo_client()
    limiet = settings.DUO_HERSTEL_PER_MINUUT if limiet is None else limiet
    ids = te_controleren(limiet)
    trajecten = Traject.objects.select_related("inburgeraar", "gemeente").in_bulk(ids)
    gedaan = 0
    for pk in ids:
        if stop is not None and stop.is_set():
            break
        try:
            # One trace per case (Logboek Dataverwerkingen): its record and its calls to DUO.
            with tracecontext.binnen():
                controleer(trajecten[pk], client)
        except DuoFout as fout:
            if not fout.permanent:
                log.warning("Herstel gestopt: DUO niet bereikbaar (status %s)", fout.status)
                break
            log.warning("Herstel traject %s: DUO-fout %s", pk, fout.status)
            Traject.objects.filter(pk=pk).update(duo_gecontroleerd_op=timezone.now())
        except Weigering:
            log.warning("Herstel traject %s: wijziging geweigerd", pk)
            Traject.objects.filter(pk=pk).update(duo_gecontroleerd_op=timezone.now())
        gedaan += 1
    return gedaan
