"""The durable outbox: messages to DUO, stored with the change that causes them and
delivered by ``koers worker``.

- :func:`plaats` validates the request against DUO's contract (koers.duo.spec) and stores a
  :class:`~koers.duo.models.Bericht` in the caller's transaction: rolled back together with
  the change, so DUO never hears of a change Koers did not keep, and never misses one it did.
- :func:`lever_af` claims due messages with a lease (see koers.duo.lease for the algorithm)
  and delivers each with ``DuoClient.call(bericht_id=bericht.bericht_id)``: the berichtId is
  fixed when the message is queued and never changes, so DUO can recognise a retry.
  Outcomes: 2xx → ``afgeleverd``; 4xx → ``geweigerd`` with DUO's foutteksten, no retry
  (retrying cannot help, a person must correct something); timeout, connection error or
  5xx → retry after ``2 ** pogingen`` seconds (at most ``DUO_BACKOFF_MAX``) for
  ``DUO_OPGEVEN_NA_UUR`` hours since the first failure (koers.duo.herhaling), then
  ``mislukt``. Refused and failed messages are put on the case's timeline. A message that
  failed before and now arrives tells that DUO is back: the others waiting become due.
- :func:`opnieuw_versturen` puts a refused or failed message back in the queue (functioneel
  beheer, after a correction), with the same berichtId; :func:`mislukte_opnieuw_versturen`
  does so for every failed one (after an outage that outlasted the retry window).
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import herhaling, lease, spec
from koers.duo.client import DuoClient, DuoFout, duo_client
from koers.duo.models import Bericht
from koers.inburgeraars.models import Gebeurtenis
from koers.inburgeraars.services import registreer
from koers.toegang.policy import Sectie
from koers.verwerkingen import tracecontext
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log_job

log = logging.getLogger(__name__)

MAX_ANTWOORD = 10_000


def plaats(
    *, soort: str, operation_id: str, gemeente, traject=None, path_params: dict, body=None
) -> Bericht:
    """Queue a message to DUO. Must run inside the caller's ``transaction.atomic()``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.plaats hoort in de transactie van de wijziging.")
    operatie = spec.operation(operation_id)
    bericht_id = uuid.uuid4()
    headers = {"bron": gemeente.oin, "doel": settings.DUO_OIN, "berichtId": str(bericht_id)}
    fouten = spec.validate_request(
        operation_id, path_params=path_params, headers=headers, body=body
    )
    if fouten:
        raise Weigering(["DUO zou dit bericht weigeren: " + " ".join(fouten)])
    return Bericht.objects.create(
        bericht_id=bericht_id,
        soort=soort,
        operation_id=operation_id,
        methode=operatie.method,
        pad=spec.path_for(operation_id, **path_params),
        body=body,
        gemeente=gemeente,
        traject=traject,
    )


def wachttijd(pogingen: int) -> timedelta:
    """Exponential backoff: 2, 4, 8, … seconds, capped at DUO_BACKOFF_MAX."""
    return timedelta(seconds=min(2 ** min(pogingen, 30), settings.DUO_BACKOFF_MAX))


def _te_doen(max_aantal: int) -> list[int]:
    nu = timezone.now()
    return list(
        Bericht.objects.filter(lease.aan_de_beurt(nu), status=Bericht.Status.WACHTEND)
        .order_by("volgende_poging_op", "id")
        .values_list("id", flat=True)[:max_aantal]
    )


def _tekst(body) -> str:
    return "" if body is None else json.dumps(body, ensure_ascii=False)[:MAX_ANTWOORD]


def _op_tijdlijn(bericht: Bericht, omschrijving: str, toelichting: str = "") -> None:
    if bericht.traject_id is not None:
        registreer(
            bericht.traject,
            Gebeurtenis.Soort.DUO,
            omschrijving[:500],
            None,
            toelichting=toelichting,
        )


def _lever_een_af(pk: int, client: DuoClient) -> bool:
    """Deliver one message, as one trace (Logboek Dataverwerkingen): its log record and the
    ``traceparent`` of the call share the trace id, and the call names the record's operation
    as its parent, so DUO's processing can be followed back to this delivery."""
    with tracecontext.binnen():
        return _lever_af_in_trace(pk, client)


def _lever_af_in_trace(pk: int, client: DuoClient) -> bool:
    tot = lease.claim(Bericht, pk, status=Bericht.Status.WACHTEND)
    if tot is None:
        return False  # another worker has it
    bericht = Bericht.objects.select_related("gemeente", "traject").get(pk=pk)
    operatie = spec.operation(bericht.operation_id)
    path_params = operatie.match(bericht.pad) or {}
    pogingen = bericht.pogingen + 1
    operatie_id = tracecontext.nieuwe_span_id()
    if bericht.traject_id is not None:  # the person's data goes to DUO: logged
        log_job(
            Verwerking.Handeling.LEZEN,
            bericht.traject,
            [Sectie.DUO],
            begonnen=timezone.now(),
            operation_id=operatie_id,
        )
    try:
        with tracecontext.aanroep(operatie_id):
            antwoord = client.call(
                bericht.operation_id,
                bron=bericht.gemeente.oin,
                path_params=path_params,
                body=bericht.body,
                bericht_id=bericht.bericht_id,
            )
    except DuoFout as fout:
        if fout.permanent:
            with transaction.atomic():
                if lease.schrijf(
                    Bericht,
                    pk,
                    tot,
                    status=Bericht.Status.GEWEIGERD,
                    pogingen=pogingen,
                    laatste_statuscode=fout.status,
                    foutteksten=list(fout.foutteksten),
                    laatste_antwoord=fout.melding[:MAX_ANTWOORD],
                ):
                    _op_tijdlijn(
                        bericht,
                        f"DUO weigerde het bericht '{bericht.soort}'",
                        "\n".join(fout.foutteksten) or fout.melding,
                    )
            log.info("Bericht %s geweigerd door DUO (status %s)", bericht.bericht_id, fout.status)
            return True
        nu = timezone.now()
        sinds = bericht.mislukt_sinds or nu
        if herhaling.opgeven(sinds, nu):
            with transaction.atomic():
                if lease.schrijf(
                    Bericht,
                    pk,
                    tot,
                    status=Bericht.Status.MISLUKT,
                    pogingen=pogingen,
                    laatste_statuscode=fout.status,
                    laatste_antwoord=fout.melding[:MAX_ANTWOORD],
                    volgende_poging_op=None,
                ):
                    _op_tijdlijn(
                        bericht,
                        f"Bericht '{bericht.soort}' niet bij DUO "
                        f"aangekomen na {pogingen} pogingen in "
                        f"{settings.DUO_OPGEVEN_NA_UUR} uur",
                        fout.melding,
                    )
            log.error(
                "Bericht %s mislukt na %s pogingen in %s uur",
                bericht.bericht_id,
                pogingen,
                settings.DUO_OPGEVEN_NA_UUR,
            )
            return True
        lease.schrijf(
            Bericht,
            pk,
            tot,
            pogingen=pogingen,
            laatste_statuscode=fout.status,
            laatste_antwoord=fout.melding[:MAX_ANTWOORD],
            mislukt_sinds=sinds,
            volgende_poging_op=nu + wachttijd(pogingen),
        )
        log.info(
            "Bericht %s: DUO niet bereikbaar (status %s), poging %s",
            bericht.bericht_id,
            fout.status,
            pogingen,
        )
        return True
    lease.schrijf(
        Bericht,
        pk,
        tot,
        status=Bericht.Status.AFGELEVERD,
        pogingen=pogingen,
        laatste_statuscode=antwoord.status,
        laatste_antwoord=_tekst(antwoord.body),
        foutteksten=[],
        afgeleverd_op=timezone.now(),
        mislukt_sinds=None,
        volgende_poging_op=None,
    )
    log.info("Bericht %s afgeleverd (status %s)", bericht.bericht_id, antwoord.status)
    if bericht.mislukt_sinds is not None:
        herhaling.duo_weer_bereikbaar()
    return True


def lever_af(
    *, max_aantal: int = 50, client: DuoClient | None = None, stop: threading.Event | None = None
) -> int:
    """Deliver up to ``max_aantal`` due messages; returns how many were attempted.
    ``stop`` (set by SIGTERM in the worker) ends the batch after the current message."""
    client = client or duo_client()
    return lease.werk_af(_te_doen(max_aantal), lambda pk: _lever_een_af(pk, client), stop)


# The messages beheer can queue again: refused by DUO (after a correction) or failed.
OPNIEUW_MOGELIJK = (Bericht.Status.GEWEIGERD, Bericht.Status.MISLUKT)


def oudste_wachtende():
    """When the oldest message still waiting to go to DUO was made (``None``: none waits).
    Refused or failed messages wait for beheer, not for a retry, so they do not count. One
    query on the status index; read by the health check and the metrics."""
    return Bericht.objects.filter(status=Bericht.Status.WACHTEND).aggregate(
        oudste=Min("aangemaakt_op")
    )["oudste"]


@transaction.atomic
def opnieuw_versturen(bericht: Bericht, door) -> Bericht:
    """Queue a refused or failed message again (same berichtId), e.g. after a correction."""
    bericht = Bericht.objects.select_for_update().get(pk=bericht.pk)
    if bericht.status not in OPNIEUW_MOGELIJK:
        raise Weigering(["Alleen een geweigerd of mislukt bericht kan opnieuw worden verstuurd."])
    velden = _weer_wachtend()
    for veld, waarde in velden.items():
        setattr(bericht, veld, waarde)
    bericht.save(update_fields=list(velden))
    _op_tijdlijn_opnieuw(bericht, door)
    return bericht


def _weer_wachtend() -> dict:
    """A message queued again starts a fresh series of attempts."""
    return {
        "status": Bericht.Status.WACHTEND,
        "pogingen": 0,
        "volgende_poging_op": None,
        "geclaimd_tot": None,
        "mislukt_sinds": None,
        "foutteksten": [],
    }


def _op_tijdlijn_opnieuw(bericht: Bericht, door) -> None:
    if bericht.traject_id is not None:
        registreer(
            bericht.traject,
            Gebeurtenis.Soort.DUO,
            f"Bericht '{bericht.soort}' opnieuw naar DUO gestuurd",
            door,
        )


@transaction.atomic
def mislukte_opnieuw_versturen(door, *, max_aantal: int = 1000) -> int:
    """Queue every failed message again (same berichtIds), e.g. after an outage of DUO that
    outlasted the retry window. Refused messages stay: DUO refused their content, sending
    them unchanged cannot help. One UPDATE for the messages (rows a colleague or a worker
    queued meanwhile no longer match); each case still gets its timeline entry. Returns how
    many were queued."""
    berichten = list(
        Bericht.objects.select_for_update(of=("self",))
        .select_related("traject")
        .filter(status=Bericht.Status.MISLUKT)
        .order_by("id")[:max_aantal]
    )
    Bericht.objects.filter(pk__in=[b.pk for b in berichten]).update(**_weer_wachtend())
    for bericht in berichten:
        _op_tijdlijn_opnieuw(bericht, door)
    return len(berichten)
