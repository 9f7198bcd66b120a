"""``koers worker``: the loop that works off the DUO chain.

Each round:

1. deliver due messages from the outbox (koers.duo.outbox.lever_af), then let
   koers.duo.meldingen take DUO's ids from delivered contactpersonen;
2. handle due notifications (:func:`verwerk_notificaties`);
3. when its interval has passed, run the herstel job (koers.duo.herstel);
4. every few minutes, offer the daily run of the signal engine
   (:func:`koers.monitoring.engine.dagelijks`: it runs once a day, by one worker only);
   every minute, compute the dashboards' figures when they are stale
   (:func:`koers.sturing.kubus.actueel`, claimed by one worker only);
5. sleep briefly when there was nothing to do.

SIGTERM/SIGINT set a stop flag that is checked between items, so the worker stops after the
item it is working on; a worker killed harder leaves only leases that run out.

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
import time

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from koers.duo import handlers, herhaling, herstel, lease, meldingen, outbox
from koers.duo.client import DuoClient, DuoFout, duo_client
from koers.duo.models import Notificatie
from koers.inburgeraars.services import Weigering
from koers.toegang.policy import Sectie
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
        status=NIEUW, bsn=OuterRef("bsn"),
        registratie_datum_tijd__lt=OuterRef("registratie_datum_tijd")).exclude(bsn="")
    nieuw = (Notificatie.objects.filter(lease.aan_de_beurt(nu), status=NIEUW)
             .filter(~Exists(eerder_open)).order_by("registratie_datum_tijd", "id")
             .values_list("id", flat=True)[:max_aantal])
    opnieuw = (Notificatie.objects.filter(lease.vrij(nu), status=FOUT,
                                          volgende_poging_op__lte=nu)
               .order_by("volgende_poging_op", "id").values_list("id", flat=True)[:max_aantal])
    return list(nieuw) + list(opnieuw)


def _definitief(fout: DuoFout) -> str:
    teksten = " ".join(fout.foutteksten)
    # Without a status nothing was sent (Koers' own check of DUO's contract refused it).
    reden = (f"DUO weigert dit (HTTP {fout.status}): {teksten}"
             if teksten and fout.status is not None else fout.melding)
    return (f"{reden.rstrip('.')}. Dit verandert niet vanzelf: Koers probeert het niet "
            "opnieuw. Los eerst de oorzaak op en kies dan Opnieuw verwerken.")


def _verwerk_een(pk: int, client: DuoClient) -> bool:
    tot = lease.claim(Notificatie, pk, status=OPEN)
    if tot is None:
        return False
    notificatie = Notificatie.objects.select_related("gemeente").get(pk=pk)
    sinds = notificatie.mislukt_sinds
    pogingen = notificatie.pogingen + 1
    if not handlers.is_bekend(notificatie.gebeurtenis_id):
        lease.schrijf(Notificatie, pk, tot, status=Notificatie.Status.ONBEKEND,
                      pogingen=pogingen, verwerkt_op=timezone.now(), volgende_poging_op=None,
                      fout=f"Koers kent gebeurtenis {notificatie.gebeurtenis_id} nog niet.")
        log.warning("Notificatie %s: onbekende gebeurtenis %s", notificatie.bericht_id,
                    notificatie.gebeurtenis_id)
        return True
    try:
        with transaction.atomic():
            traject = handlers.behandel(notificatie, client)
            if traject is not None:  # processing a person's notification is logged (issue 5 §3)
                log_job(Verwerking.Handeling.LEZEN, traject, [Sectie.DUO])
            if not lease.schrijf(Notificatie, pk, tot, status=Notificatie.Status.VERWERKT,
                                 pogingen=pogingen, verwerkt_op=timezone.now(), fout="",
                                 traject=traject, mislukt_sinds=None,
                                 volgende_poging_op=None):
                # Our lease ran out and another worker took over: undo our work.
                raise _LeaseVerlopen
    except _LeaseVerlopen:
        log.warning("Notificatie %s: lease verlopen, verwerking teruggedraaid",
                    notificatie.bericht_id)
    except Weigering as weigering:
        lease.schrijf(Notificatie, pk, tot, status=FOUT, pogingen=pogingen,
                      fout=" ".join(weigering.fouten.values()), volgende_poging_op=None)
        log.warning("Notificatie %s (%s) kan niet worden verwerkt", notificatie.bericht_id,
                    notificatie.gebeurtenis_id)
    except DuoFout as fout:
        if fout.permanent:
            lease.schrijf(Notificatie, pk, tot, status=FOUT, pogingen=pogingen,
                          fout=_definitief(fout), volgende_poging_op=None)
            log.warning("Notificatie %s: DUO weigert (status %s), niet opnieuw",
                        notificatie.bericht_id, fout.status)
        else:
            _later(pk, tot, pogingen, sinds, fout.melding)
    except (IntegrityError, OperationalError) as fout:
        # A race with another worker on the same person, or a locked database: try again.
        # The exception text is not logged: a database error can quote a BSN.
        _later(pk, tot, pogingen, sinds,
               f"Tijdelijke fout in de database ({type(fout).__name__}).")
    except Exception as fout:  # noqa: BLE001 - one bad notification must not stop the worker
        log.error("Notificatie %s (%s): onverwachte fout %s", notificatie.bericht_id,
                  notificatie.gebeurtenis_id, type(fout).__name__)
        _later(pk, tot, pogingen, sinds,
               f"Onverwachte fout bij het verwerken ({type(fout).__name__}). "
               "Meld dit aan de leverancier als het blijft gebeuren.")
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
        lease.schrijf(Notificatie, pk, tot, status=FOUT, pogingen=pogingen,
                      mislukt_sinds=sinds, volgende_poging_op=None,
                      fout=f"{melding} Koers heeft het {settings.DUO_OPGEVEN_NA_UUR} uur "
                           "geprobeerd en stopt nu. Kies Opnieuw verwerken als de oorzaak "
                           "is opgelost.")
        log.error("Notificatie %s: opgegeven na %s pogingen", pk, pogingen)
        return
    volgende = nu + outbox.wachttijd(pogingen)
    if pogingen >= settings.DUO_MAX_POGINGEN:
        lease.schrijf(Notificatie, pk, tot, status=FOUT, pogingen=pogingen, mislukt_sinds=sinds,
                      volgende_poging_op=volgende,
                      fout=f"{melding} Koers probeert het zelf opnieuw.")
        return
    lease.schrijf(Notificatie, pk, tot, pogingen=pogingen, fout=melding, mislukt_sinds=sinds,
                  volgende_poging_op=volgende)


def verwerk_notificaties(*, max_aantal: int = 50, client: DuoClient | None = None,
                         stop: threading.Event | None = None) -> int:
    """Handle up to ``max_aantal`` due notifications; returns how many were attempted."""
    client = client or duo_client()
    return lease.werk_af(_te_doen(max_aantal), lambda pk: _verwerk_een(pk, client), stop)


def ronde(*, client: DuoClient | None = None, stop: threading.Event | None = None,
          herstel_nu: bool = False) -> int:
    """One pass over everything; returns the number of items worked on."""
    client = client or duo_client()
    werk = outbox.lever_af(client=client, stop=stop)
    meldingen.verwerk_contactpersonen()
    werk += verwerk_notificaties(client=client, stop=stop)
    if herstel_nu and not (stop and stop.is_set()):
        werk += herstel.herstel(client=client, stop=stop)
    return werk


SIGNALEN_INTERVAL = 10 * 60  # seconds between two offers of the daily engine run


def signalen_dagelijks() -> None:
    """The daily run of the signal engine; a failure is logged, never stops the worker."""
    from koers.monitoring.engine import dagelijks

    try:
        dagelijks()
    except Exception as fout:  # noqa: BLE001 - the loop must keep running
        log.error("Signalen berekenen mislukt: %s", type(fout).__name__)


STURING_INTERVAL = 60  # seconds between two looks at the age of the dashboards' figures


def sturing_verversen() -> None:
    """The dashboards' figures, computed again when stale (one query when they are not)."""
    from koers.sturing.kubus import actueel

    try:
        actueel(timezone.localdate())
    except Exception as fout:  # noqa: BLE001 - the loop must keep running
        log.error("Cijfers voor de sturing berekenen mislukt: %s", type(fout).__name__)


def draai(*, eenmalig: bool = False, slaap: float = 2.0, herstel_interval: float = 15.0,
          stop: threading.Event | None = None, client: DuoClient | None = None) -> None:
    """The loop of ``koers worker``. ``herstel_interval`` in minutes (0 = no herstel)."""
    stop = stop or threading.Event()
    client = client or duo_client()
    volgende_herstel = time.monotonic()
    volgende_signalen = volgende_sturing = time.monotonic()
    while not stop.is_set():
        if time.monotonic() >= volgende_signalen:
            volgende_signalen = time.monotonic() + SIGNALEN_INTERVAL
            signalen_dagelijks()
        if time.monotonic() >= volgende_sturing:
            volgende_sturing = time.monotonic() + STURING_INTERVAL
            sturing_verversen()
        herstel_nu = herstel_interval > 0 and time.monotonic() >= volgende_herstel
        if herstel_nu:
            volgende_herstel = time.monotonic() + herstel_interval * 60
        try:
            werk = ronde(client=client, stop=stop, herstel_nu=herstel_nu)
        except OperationalError:
            log.error("Database niet bereikbaar; de worker probeert het zo opnieuw")
            werk = 0
        except Exception as fout:  # noqa: BLE001 - the loop must keep running
            # Only the type: an exception text can quote personal data.
            log.error("Onverwachte fout in de worker-ronde: %s", type(fout).__name__)
            werk = 0
        if eenmalig:
            return
        if not werk:
            stop.wait(slaap)
