"""Write paths of the BRP chain: queue a fetch, fetch and apply, refresh, confirm a death.

Queue and lease (the same algorithm as koers.duo.lease, on one table):

1. A new inburgeraar gets a :class:`BrpGegevens` row due now, in the transaction that
   creates him (:func:`bij_inburgeraar_opgeslagen`, on post_save). Opening the case never
   waits for the BRP.
2. The worker reads the ids of due rows (``volgende_poging_op`` set and passed; one indexed
   query) and claims each with one conditional UPDATE (free lease only): of two workers,
   exactly one sees "1 row updated".
3. The owner asks the BRP and writes the outcome; a transient failure makes the row due
   again after :func:`koers.brp.rules.wachttijd` (doubling, at most an hour) until
   ``KOERS_BRP_MAX_POGINGEN``; a person the BRP does not know is ``niet_gevonden`` and is
   not asked again until the refresh, so there is no retry storm.

The BRP's answer wins over what Koers derived or was typed (names, date of birth, address),
but not over telefoon and email, which the BRP does not hold. The timeline gets the names of
the fields that changed, never their values.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.brp import rules
from koers.brp.client import BrpClient, BrpFout, brp_client
from koers.brp.models import BrpGegevens
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.inburgeraars.services import registreer, wijzig_status
from koers.toegang.policy import Sectie
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log

log_ = logging.getLogger(__name__)
Status = BrpGegevens.Status
BATCH = 50  # due rows read per round of the worker


@dataclass(frozen=True)
class Uitkomst:
    """What one fetch did: the row's status afterwards, the Koers fields that changed and the
    Dutch error (empty on success). ``bezet``: another worker holds the row right now."""

    status: str
    gewijzigd: list[str] = field(default_factory=list)
    fout: str = ""
    bezet: bool = False
    opnieuw_op: datetime | None = None  # a failed fetch is queued again for this moment

    @property
    def gelukt(self) -> bool:
        return not self.fout and not self.bezet


# -- queue -----------------------------------------------------------------------------------


def bij_inburgeraar_opgeslagen(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of Inburgeraar (connected in BrpConfig.ready): a new person, from DUO or by
    aanmelding, is fetched from the BRP by the worker."""
    if created and not raw:
        # A new person has no row yet: one INSERT, no lookup.
        BrpGegevens.objects.create(inburgeraar=instance, volgende_poging_op=timezone.now())


def _lease() -> timedelta:
    # Far longer than one request may take, short enough that a crashed worker's row is soon
    # taken over.
    return timedelta(seconds=max(60, 3 * settings.BRP_TIMEOUT))


def _claim(pk: int, *, alleen_als_aan_de_beurt: bool) -> datetime | None:
    nu = timezone.now()
    tot = nu + _lease()
    qs = BrpGegevens.objects.filter(Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu), pk=pk)
    if alleen_als_aan_de_beurt:
        qs = qs.filter(volgende_poging_op__lte=nu)
    return tot if qs.update(geclaimd_tot=tot) == 1 else None


def aan_de_beurt(limiet: int = BATCH) -> list[int]:
    """Ids of the rows due for a fetch, oldest first (one query on the partial index
    brp_wachtrij)."""
    return list(
        BrpGegevens.objects.filter(volgende_poging_op__lte=timezone.now())
        .order_by("volgende_poging_op", "pk")
        .values_list("pk", flat=True)[:limiet]
    )


def te_verversen(limiet: int, *, nu: datetime | None = None) -> list[int]:
    """Ids of persons with an open case whose BRP data were last asked more than
    KOERS_BRP_VERVERS_NA_DAGEN days ago, longest ago first (one query)."""
    nu = nu or timezone.now()
    grens = nu - timedelta(days=settings.BRP_VERVERS_NA_DAGEN)
    return list(
        BrpGegevens.objects.filter(
            laatste_poging_op__lt=grens,
            volgende_poging_op__isnull=True,
            inburgeraar__huidig_traject__isnull=False,
        )
        .exclude(inburgeraar__huidig_traject__status=traject_rules.Status.AFGEROND)
        .order_by("laatste_poging_op", "pk")
        .values_list("pk", flat=True)[:limiet]
    )


# -- fetch and apply ---------------------------------------------------------------------------


def _log_bevraging(inburgeraar: Inburgeraar, door) -> None:
    """The request is a read of the person's data at the BRP, logged with its purpose."""
    log(
        user=door,
        handeling=Verwerking.Handeling.LEZEN,
        activiteit=rules.ACTIVITEIT_BRP,
        inburgeraar_id=inburgeraar.pk,
        traject_id=inburgeraar.huidig_traject_id,
        secties=[Sectie.NAAM, Sectie.PERSONALIA, Sectie.VERBLIJF],
        kanaal=Verwerking.Kanaal.JOB if door is None else None,
        doel=rules.DOEL_BRP,
    )


def haal_op(
    pk: int,
    client: BrpClient | None = None,
    *,
    door=None,
    alleen_als_aan_de_beurt: bool = True,
) -> Uitkomst:
    """Fetch one person from the BRP and apply the answer. ``pk`` is the inburgeraar's id.
    Claims the row first; a row someone else holds is left alone (``bezet``)."""
    tot = _claim(pk, alleen_als_aan_de_beurt=alleen_als_aan_de_beurt)
    if tot is None:
        status = BrpGegevens.objects.filter(pk=pk).values_list("status", flat=True).first()
        return Uitkomst(status=status or Status.WACHTEND, bezet=True)
    inburgeraar = Inburgeraar.objects.select_related("gemeente", "huidig_traject").get(pk=pk)
    client = client or brp_client()
    _log_bevraging(inburgeraar, door)
    try:
        persoon = client.raadpleeg_een(inburgeraar.bsn)
    except BrpFout as fout:
        return _mislukt(pk, tot, fout)
    nu = timezone.now()
    if persoon is None:
        BrpGegevens.objects.filter(pk=pk, geclaimd_tot=tot).update(
            geclaimd_tot=None,
            status=Status.NIET_GEVONDEN,
            volgende_poging_op=None,
            pogingen=0,
            fout="",
            laatste_poging_op=nu,
        )
        return Uitkomst(status=Status.NIET_GEVONDEN)
    with transaction.atomic():
        gegevens = BrpGegevens.objects.select_for_update().get(pk=pk)
        if gegevens.geclaimd_tot != tot:  # our lease ran out and another took over
            return Uitkomst(status=gegevens.status, bezet=True)
        inburgeraar = Inburgeraar.objects.select_for_update().get(pk=pk)
        gewijzigd = _pas_toe(gegevens, inburgeraar, persoon, door=door, nu=nu)
    return Uitkomst(status=Status.OPGEHAALD, gewijzigd=gewijzigd)


def _mislukt(pk: int, tot: datetime, fout: BrpFout) -> Uitkomst:
    nu = timezone.now()
    pogingen = (
        BrpGegevens.objects.filter(pk=pk).values_list("pogingen", flat=True).first() or 0
    ) + 1
    opnieuw = not fout.permanent and pogingen < settings.BRP_MAX_POGINGEN
    opnieuw_op = nu + rules.wachttijd(pogingen) if opnieuw else None
    BrpGegevens.objects.filter(pk=pk, geclaimd_tot=tot).update(
        geclaimd_tot=None,
        status=Status.FOUT,
        pogingen=pogingen,
        fout=fout.melding[:500],
        laatste_poging_op=nu,
        volgende_poging_op=opnieuw_op,
    )
    log_.warning("BRP-gegevens %s: ophalen mislukt (status %s)", pk, fout.status)
    return Uitkomst(status=Status.FOUT, fout=fout.melding, opnieuw_op=opnieuw_op)


def _pas_toe(
    gegevens: BrpGegevens, inburgeraar: Inburgeraar, persoon: dict, *, door, nu: datetime
) -> list[str]:
    """Store the answer and copy the BRP's fields onto the person; one timeline entry with the
    names of what changed. Call inside a transaction with both rows locked."""
    eerste_keer = gegevens.opgehaald_op is None
    nieuw = rules.persoonsgegevens(persoon)
    oud = {veld: getattr(inburgeraar, veld) for veld in rules.KOERS_VELDEN}
    gewijzigd = rules.gewijzigde_velden(oud, nieuw)
    for veld in gewijzigd:
        setattr(inburgeraar, veld, nieuw[veld])
    geheim = rules.geheimhouding(persoon)
    markeringen = []
    if geheim != inburgeraar.geheimhouding_persoonsgegevens:
        markeringen.append("geheimhouding" if geheim else "geheimhouding opgeheven")
    inburgeraar.geheimhouding_persoonsgegevens = geheim
    inburgeraar.persoonsgegevens_aanvullen = False
    inburgeraar.save()

    reden, opschort_datum = rules.opschorting(persoon)
    code, naam = rules.gemeente_van_inschrijving(persoon)
    situatie = rules.situatie(persoon, inburgeraar.gemeente.gemeentecode)
    onderzoek = rules.velden_in_onderzoek(persoon)
    if situatie != gegevens.situatie:
        gegevens.situatie_sinds = opschort_datum or timezone.localdate(nu)
        if situatie:
            markeringen.append(f"de BRP meldt: {gegevens_situatie_tekst(situatie)}")
    if not situatie:
        gegevens.situatie_sinds = None
    # The timeline is read with PERSONALIA: the residence fields stay out of it.
    nieuw_onderzoek = sorted(
        set(onderzoek) - set(gegevens.in_onderzoek or []) - rules.VERBLIJF_VELDEN
    )
    if nieuw_onderzoek:
        markeringen.append("in onderzoek bij de BRP: " + ", ".join(nieuw_onderzoek))
    gegevens.status = Status.OPGEHAALD
    gegevens.antwoord = {k: v for k, v in persoon.items() if k != "burgerservicenummer"}
    gegevens.in_onderzoek = onderzoek
    gegevens.opschorting_reden = reden
    gegevens.opschorting_datum = opschort_datum
    gegevens.gemeente_van_inschrijving = code
    gegevens.gemeente_van_inschrijving_naam = naam
    gegevens.rni = situatie == rules.Situatie.RNI
    gegevens.situatie = situatie.value
    gegevens.opgehaald_op = nu
    gegevens.laatste_poging_op = nu
    gegevens.volgende_poging_op = None
    gegevens.pogingen = 0
    gegevens.fout = ""
    gegevens.geclaimd_tot = None
    gegevens.save()

    traject = inburgeraar.huidig_traject
    if traject is not None and (gewijzigd or markeringen or eerste_keer):
        if eerste_keer:
            omschrijving = "Persoonsgegevens opgehaald uit de BRP"
        else:
            omschrijving = "Gegevens uit de BRP bijgewerkt"
        delen = []
        if gewijzigd:
            delen.append(", ".join(gewijzigd))
        delen += markeringen
        if delen:
            omschrijving += ": " + "; ".join(delen)
        elif eerste_keer:
            omschrijving += ": geen wijzigingen"
        registreer(traject, Gebeurtenis.Soort.BRP, omschrijving[:500], door)
    return gewijzigd


SITUATIE_TEKST = {
    rules.Situatie.OVERLEDEN: "overleden",
    rules.Situatie.GEEMIGREERD: "geëmigreerd",
    rules.Situatie.ANDERE_GEMEENTE: "ingeschreven in een andere gemeente",
    rules.Situatie.RNI: "ingeschreven in de RNI (niet-ingezetene)",
}


def gegevens_situatie_tekst(situatie: str) -> str:
    return SITUATIE_TEKST.get(rules.Situatie(situatie), "")


# -- the worker's jobs and the adviseur's button -------------------------------------------------


def verwerk_wachtend(
    client: BrpClient | None = None, *, stop: threading.Event | None = None, limiet: int = BATCH
) -> int:
    """The fetch job: every due row, one at a time; returns how many were attempted."""
    ids = aan_de_beurt(limiet)
    if not ids:
        return 0
    client = client or brp_client()
    aantal = 0
    for pk in ids:
        if stop is not None and stop.is_set():
            break
        haal_op(pk, client)
        aantal += 1
    return aantal


def ververs(
    client: BrpClient | None = None,
    *,
    stop: threading.Event | None = None,
    limiet: int | None = None,
) -> int:
    """The refresh job: at most KOERS_BRP_VERVERS_PER_MINUUT open cases, longest unasked
    first (the worker runs it once a minute). A transient failure ends the run: the BRP is
    down, the next run goes on."""
    limiet = settings.BRP_VERVERS_PER_MINUUT if limiet is None else limiet
    if limiet <= 0:
        return 0
    ids = te_verversen(limiet)
    if not ids:
        return 0
    client = client or brp_client()
    aantal = 0
    for pk in ids:
        if stop is not None and stop.is_set():
            break
        uitkomst = haal_op(pk, client, alleen_als_aan_de_beurt=False)
        aantal += 1
        if uitkomst.opnieuw_op is not None:
            log_.warning("BRP verversen gestopt: de BRP is niet bereikbaar")
            break
    return aantal


def ververs_nu(inburgeraar: Inburgeraar, door, client: BrpClient | None = None) -> Uitkomst:
    """The adviseur's "Ververs uit BRP": ask the BRP now. On a failure the fetch stays queued
    for the worker (a transient one), and the outcome says so."""
    BrpGegevens.objects.get_or_create(inburgeraar=inburgeraar)
    return haal_op(inburgeraar.pk, client, door=door, alleen_als_aan_de_beurt=False)


def bevestig_overlijden(inburgeraar: Inburgeraar, door) -> Traject:
    """The adviseur confirms what the BRP reports: the person died. The traject closes with
    reason overleden and Koers sends him nothing more. Refused when the BRP does not report a
    death or the case is already closed."""
    traject = inburgeraar.huidig_traject
    gegevens = BrpGegevens.objects.filter(pk=inburgeraar.pk).first()
    if gegevens is None or gegevens.situatie != rules.Situatie.OVERLEDEN:
        raise Weigering({"__all__": "De BRP meldt niet dat deze persoon is overleden."})
    if traject is None or not traject.is_open:
        raise Weigering({"__all__": "Dit traject is al afgerond."})
    with transaction.atomic():
        wijzig_status(
            traject,
            traject_rules.Status.AFGEROND,
            door,
            reden=traject_rules.Afrondingsreden.OVERLEDEN,
            toelichting="Afgesloten na de melding van de BRP dat de persoon is overleden.",
        )
        Inburgeraar.objects.filter(pk=inburgeraar.pk).update(geen_contact=True)
        inburgeraar.geen_contact = True
    return traject


def brp_gegevens_voor(inburgeraar: Inburgeraar) -> BrpGegevens | None:
    return BrpGegevens.objects.filter(pk=inburgeraar.pk).first()


def wacht_op_herhaling(gegevens: BrpGegevens | None) -> bool:
    return gegevens is not None and gegevens.volgende_poging_op is not None
