"""The DUO chain's round in ``koers worker`` (koers.duo.taken runs it each round of
koers.taken.planner):

1. deliver due messages from the outbox (koers.duo.outbox.lever_af), then let
   koers.duo.meldingen take DUO's ids from delivered contactpersonen;
2. handle due notifications (:func:`verwerk_notificaties`).

The herstel job (koers.duo.herstel) is a job of its own, every ``--herstel-interval`` minutes.

Notifications are claimed like messages (koers.duo.lease). A person's notifications are
handled in DUO's order: one waits while an earlier one of the same BSN is still ``nieuw``. A
handler runs in one transaction with the notification's new status.

- A transient failure (time-out, 5xx, a locked database, an unexpected error) is retried with
  backoff (koers.duo.outbox.wachttijd). After DUO_MAX_POGINGEN attempts the notification gets
  status ``fout``, visible on the beheer page with the reason: from then on it no longer
  holds back the person's later notifications, so one stuck row never blocks the queue.
  Koers keeps retrying it by backoff, and at once when DUO turns out to be back
  (koers.duo.herhaling), for DUO_OPGEVEN_NA_UUR hours since the first failure; then it stays
  ``fout`` until beheer clicks "Opnieuw verwerken".
- A permanent failure (DUO refuses with a 4xx, or Koers' own rules refuse) gives ``fout`` at
  once, with DUO's fouttekst and the words that retrying will not help.
- Unknown gebeurtenisIds get status ``onbekend``.

Several workers may run at the same time, against SQLite or PostgreSQL.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import handlers, herhaling, lease, meldingen, outbox
from koers.duo.client import DuoClient, DuoFout, duo_client
from koers.duo.models import Notificatie
from koers.toegang.policy import Sectie
from koers.verwerkingen import tracecontext
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log_job

log = logging.getLogger(__name__)

NIEUW = Notificatie.Status.NIEUW
FOUT = Notificatie.Status.FOUT
OPEN = (NIEUW, FOUT)  # FOUT only while volgende_poging_op is set: Koers still retries it


def _te_doen(max_aantal: int) -> list[int]:
    nu = timezone.now()
    # Only a "nieuw" one holds back later ones of the same person: one in "fout" has had its
    # DUO_MAX_POGINGEN chances and must not block the person's queue.
    eerder_open = Notificatie.objects.filter(
        status=NIEUW,
        bsn=OuterRef("bsn"),
        registratie_datum_tijd__lt=OuterRef("registratie_datum_tijd"),
    ).exclude(bsn="")
    nieuw = (
        Notificatie.objects.filter(lease.aan_de_beurt(nu), status=NIEUW)
        .filter(~Exists(eerder_open))
        .order_by("registratie_datum_tijd", "id")
        .values_list("id", flat=True)[:max_aantal]
    )
    opnieuw = (
        Notificatie.objects.filter(lease.vrij(nu), status=FOUT, volgende_poging_op__lte=nu)
        .order_by("volgende_poging_op", "id")
        .values_list("id", flat=True)[:max_aantal]
    )
    return list(nieuw) + list(opnieuw)


def _definitief(fout: DuoFout) -> str:
    teksten = " ".join(fout.foutteksten)
    # Without a status nothing was sent (Koers' own check of DUO's contract refused it).
    reden = (
        f"DUO weigert dit (HTTP {fout.status}): {teksten}"
        if teksten and fout.status is not None
        else fout.melding
    )
    return (
        f"{reden.rstrip('.')}. Dit verandert niet vanzelf: Koers probeert het niet "
        "opnieuw. Los eerst de oorzaak op en kies dan Opnieuw verwerken."
    )


def _trace(notificatie: Notificatie) -> tracecontext.Trace:
    """The trace of a notification's handling: DUO's, when it sent a ``traceparent`` with the
    notification (its records then name DUO's operation and OIN as their foreign_operation),
    else a new one."""
    inkomend = tracecontext.lees_traceparent(notificatie.traceparent)
    return tracecontext.start(inkomend, oin=notificatie.bron)


def _verwerk_een(pk: int, client: DuoClient) -> bool:
    """Handle one notification as one trace (Logboek Dataverwerkingen): the handler's calls to
    DUO and its log record share the trace id."""
    tot = lease.claim(Notificatie, pk, status=OPEN)
    if tot is None:
        return False
    notificatie = Notificatie.objects.select_related("gemeente").get(pk=pk)
    with tracecontext.binnen(_trace(notificatie)):
        return _verwerk_in_trace(notificatie, tot, client)


def _verwerk_in_trace(notificatie: Notificatie, tot, client: DuoClient) -> bool:
    pk = notificatie.pk
    sinds = notificatie.mislukt_sinds
    pogingen = notificatie.pogingen + 1
    if not handlers.is_bekend(notificatie.gebeurtenis_id):
        lease.schrijf(
            Notificatie,
            pk,
            tot,
            status=Notificatie.Status.ONBEKEND,
            pogingen=pogingen,
            verwerkt_op=timezone.now(),
            volgende_poging_op=None,
            fout=f"Koers kent gebeurtenis {notificatie.gebeurtenis_id} nog niet.",
        )
        log.warning(
            "Notificatie %s: onbekende gebeurtenis %s",
            notificatie.bericht_id,
            notificatie.gebeurtenis_id,
        )
        return True
    begonnen = timezone.now()
    try:
        with transaction.atomic():
            traject = handlers.behandel(notificatie, client)
            if traject is not None:  # processing a person's notification is logged
                log_job(Verwerking.Handeling.LEZEN, traject, [Sectie.DUO], begonnen=begonnen)
            if not lease.schrijf(
                Notificatie,
                pk,
                tot,
                status=Notificatie.Status.VERWERKT,
                pogingen=pogingen,
                verwerkt_op=timezone.now(),
                fout="",
                traject=traject,
                mislukt_sinds=None,
                volgende_poging_op=None,
            ):
                # Our lease ran out and another worker took over: undo our work.
                raise _LeaseVerlopen
    except _LeaseVerlopen:
        log.warning(
            "Notificatie %s: lease verlopen, verwerking teruggedraaid", notificatie.bericht_id
        )
    except Weigering as weigering:
        lease.schrijf(
            Notificatie,
            pk,
            tot,
            status=FOUT,
            pogingen=pogingen,
            fout=" ".join(weigering.fouten.values()),
            volgende_poging_op=None,
        )
        log.warning(
            "Notificatie %s (%s) kan niet worden verwerkt",
            notificatie.bericht_id,
            notificatie.gebeurtenis_id,
        )
    except DuoFout as fout:
        if fout.permanent:
            lease.schrijf(
                Notificatie,
                pk,
                tot,
                status=FOUT,
                pogingen=pogingen,
                fout=_definitief(fout),
                volgende_poging_op=None,
            )
            log.warning(
                "Notificatie %s: DUO weigert (status %s), niet opnieuw",
                notificatie.bericht_id,
                fout.status,
            )
        else:
            _later(pk, tot, pogingen, sinds, fout.melding)
    except (IntegrityError, OperationalError) as fout:
        # A race with another worker on the same person, or a locked database: try again.
        # The exception text is not logged: a database error can quote a BSN.
        _later(pk, tot, pogingen, sinds, f"Tijdelijke fout in de database ({type(fout).__name__}).")
    except Exception as fout:  # noqa: BLE001 - one bad notification must not stop the worker
        log.error(
            "Notificatie %s (%s): onverwachte fout %s",
            notificatie.bericht_id,
            notificatie.gebeurtenis_id,
            type(fout).__name__,
        )
        _later(
            pk,
            tot,
            pogingen,
            sinds,
            f"Onverwachte fout bij het verwerken ({type(fout).__name__}). "
            "Meld dit aan de leverancier als het blijft gebeuren.",
        )
    else:
        if sinds is not None:
            herhaling.duo_weer_bereikbaar()
    return True


class _LeaseVerlopen(Exception):
    """Another worker took the row over: our outcome must not be written."""


def _later(pk: int, tot, pogingen: int, sinds, melding: str) -> None:
    """A transient failure: retry by backoff; ``fout`` (visible, no longer blocking the
    person) after DUO_MAX_POGINGEN attempts; final after the retry window."""
    nu = timezone.now()
    sinds = sinds or nu
    if herhaling.opgeven(sinds, nu):
        lease.schrijf(
            Notificatie,
            pk,
            tot,
            status=FOUT,
            pogingen=pogingen,
            mislukt_sinds=sinds,
            volgende_poging_op=None,
            fout=f"{melding} Koers heeft het {settings.DUO_OPGEVEN_NA_UUR} uur "
            "geprobeerd en stopt nu. Kies Opnieuw verwerken als de oorzaak "
            "is opgelost.",
        )
        log.error("Notificatie %s: opgegeven na %s pogingen", pk, pogingen)
        return
    volgende = nu + outbox.wachttijd(pogingen)
    if pogingen >= settings.DUO_MAX_POGINGEN:
        lease.schrijf(
            Notificatie,
            pk,
            tot,
            status=FOUT,
            pogingen=pogingen,
            mislukt_sinds=sinds,
            volgende_poging_op=volgende,
            fout=f"{melding} Koers probeert het zelf opnieuw.",
        )
        return
    lease.schrijf(
        Notificatie,
        pk,
        tot,
        pogingen=pogingen,
        fout=melding,
        mislukt_sinds=sinds,
        volgende_poging_op=volgende,
    )


def verwerk_notificaties(
    *, max_aantal: int = 50, client: DuoClient | None = None, stop: threading.Event | None = None
) -> int:
    """Handle up to ``max_aantal`` due notifications; returns how many were attempted."""
    client = client or duo_client()
    return lease.werk_af(_te_doen(max_aantal), lambda pk: _verwerk_een(pk, client), stop)


def ronde(*, client: DuoClient | None = None, stop: threading.Event | None = None) -> int:
    """One pass over the outbox and the notifications; returns the number of items worked on."""
    client = client or duo_client()
    werk = outbox.lever_af(client=client, stop=stop)
    meldingen.verwerk_contactpersonen()
    werk += verwerk_notificaties(client=client, stop=stop)
    return werk
