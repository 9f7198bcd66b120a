"""Anonymising closed cases after their bewaartermijn (AVG art. 5 lid 1 sub e).

What happens to each model that holds data about a person is declared once, in
:data:`koers.verwerkingen.anonimiseren.REGELS` (an app may add its own in
``koers.<app>.anonimiseren.REGELS``, with ``anonimiseren = True`` on its AppConfig): the
free-text and special-category fields to empty, the models whose rows go altogether, and the
fields that stay because they are no personal data but the facts the sturing statistics count
(doelgroep, gemeente, leerroute, status, dates, hours). A test fails when a model linked to
Inburgeraar or Traject has a text, JSON or file field that is neither emptied nor declared
kept.

Set-based: per batch of people one UPDATE or DELETE per model, in one transaction, whatever
the batch size. The verwerkingenlogging is not touched: it is append-only and holds ids, never
names; the anonymisation itself is logged (kanaal job).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import F, Max, Q, Value
from django.db.models.functions import Cast, Concat, LPad, TruncYear
from django.utils import timezone

from koers.avg.inzage import Gekoppeld, gekoppelde_modellen
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.inburgeraars.rules import Status
from koers.organisaties.koppelingen import koers_modules
from koers.organisaties.models import Gemeente
from koers.toegang.policy import Sectie
from koers.verwerkingen import anonimiseren as centraal
from koers.verwerkingen import rules
from koers.verwerkingen.anonimiseren import NAAM_GEANONIMISEERD, REGELS, Regel
from koers.verwerkingen.models import Bewaartermijn, Geanonimiseerd, Verwerking
from koers.verwerkingen.services import log_veel

BATCH = 1000


def regels() -> dict[str, Regel]:
    """The central rules plus those of the apps that declare an ``anonimiseren`` module
    (KoersAppConfig.anonimiseren). A module that fails to import raises: skipping it would
    leave personal data in closed cases (the check koers.E060 reports it at start-up)."""
    alle = dict(REGELS)
    for module in koers_modules("anonimiseren"):
        # The central table is the base; an app's own rules override it for its models.
        if module is not centraal:
            alle.update(module.REGELS)
    return alle


def persoonlijke_velden(model) -> list[str]:
    """The fields of a model that may hold something personal: text, JSON, binary, files."""
    soorten = (
        models.CharField,
        models.TextField,
        models.JSONField,
        models.BinaryField,
        models.FileField,
    )
    return [f.name for f in model._meta.concrete_fields if isinstance(f, soorten) and not f.choices]


def _leeg(f: models.Field):
    if isinstance(f, models.JSONField):
        return f.get_default() if f.has_default() else (None if f.null else {})
    if f.null:
        return None
    if isinstance(f, models.BinaryField):
        return b""
    return ""


def _persoon(ids: Sequence[int]) -> int:
    """Identity gone in one UPDATE: the BSN becomes a marker that can never be a real BSN
    (a letter in front, fails the elfproef and the validator) but stays unique (the id), so
    the unique constraint holds; birth date keeps its year."""
    marker = Concat(
        Value("A"),
        LPad(Cast("pk", models.CharField()), 8, Value("0")),
        output_field=models.CharField(),
    )
    return Inburgeraar.objects.filter(pk__in=ids).update(
        bsn=marker,
        vnummer="",
        voornamen="",
        geslachtsnaam=NAAM_GEANONIMISEERD,
        zoeknaam=NAAM_GEANONIMISEERD.lower(),
        telefoon="",
        email="",
        adres="",
        postcode_plaats="",
        talen=[],
        tolk_taal="",
        tolk_nodig=False,
        persoonsgegevens_aanvullen=False,
        geboortedatum=TruncYear("geboortedatum", output_field=models.DateField()),
    )


def _filter(gekoppeld: Gekoppeld, ids: Sequence[int], bsns: Sequence[str]):
    qs = gekoppeld.model._default_manager.filter(**{f"{gekoppeld.naar_inburgeraar}__in": ids})
    # A DUO message about him that Koers never tied to a traject carries his BSN only.
    if bsns and any(f.name == "bsn" for f in gekoppeld.model._meta.concrete_fields):
        qs = gekoppeld.model._default_manager.filter(
            models.Q(pk__in=qs.values("pk")) | models.Q(bsn__in=bsns)
        )
    return qs


def _bestanden_weg(qs, velden: Iterable[models.Field]) -> None:
    """Files are no rows: delete them from the storage (one query for their names)."""
    velden = [f for f in velden if isinstance(f, models.FileField)]
    for f in velden:
        for naam in qs.exclude(**{f.name: ""}).values_list(f.name, flat=True).iterator():
            if naam:
                f.storage.delete(naam)


def anonimiseer_batch(ids: Sequence[int], *, traject_ids: Sequence[int] = ()) -> int:
    """Anonymise these people, in one transaction: one statement per model (children before
    parents, so a delete never meets a protected child), then the person, the marks and the
    log records. The number of statements does not depend on ``len(ids)``."""
    ids = list(ids)
    if not ids:
        return 0
    alle = regels()
    with transaction.atomic():
        bsns = list(Inburgeraar.objects.filter(pk__in=ids).values_list("bsn", flat=True))
        for gekoppeld in reversed(gekoppelde_modellen()):
            if gekoppeld.model is Inburgeraar:
                continue
            regel = alle.get(gekoppeld.label)
            if regel is None:
                if persoonlijke_velden(gekoppeld.model):
                    # Never anonymise half: a new model must be declared first (tested).
                    raise LookupError(f"Geen anonimiseerregel voor {gekoppeld.label}.")
                continue
            qs = _filter(gekoppeld, ids, bsns)
            velden = gekoppeld.model._meta.concrete_fields
            if regel.verwijderen:
                _bestanden_weg(qs, velden)
                qs.delete()
            elif regel.legen:
                te_legen = [f for f in velden if f.name in regel.legen]
                _bestanden_weg(qs, te_legen)
                qs.update(**{f.name: _leeg(f) for f in te_legen})
        aantal = _persoon(ids)
        nu = timezone.now()
        Geanonimiseerd.objects.bulk_create(
            [Geanonimiseerd(inburgeraar_id=pk, op=nu) for pk in ids], ignore_conflicts=True
        )
        zaken = list(zip(ids, list(traject_ids) or [None] * len(ids), strict=True))
        log_veel(
            None,
            zaken,
            [sectie.value for sectie in Sectie],
            handeling=Verwerking.Handeling.WIJZIGEN,
            activiteit=rules.ACTIVITEIT_ANONIMISEREN,
            doel=rules.DOEL_BEWAARTERMIJN,
            kanaal=Verwerking.Kanaal.JOB,
        )
    return aantal


def te_anonimiseren(vandaag, *, gemeente=None):
    """Dry-run of the retention rule: the closed trajecten whose bewaartermijn has passed,
    as ``(gemeente, traject_id, inburgeraar_id, afgerond_op, vanaf)``, oldest first. Changes
    nothing. A person with another, still open or recent traject is skipped: only his last
    traject counts; a person already anonymised too. ``gemeente``: only its cases. Three
    queries, whatever the number of cases."""
    termijnen = dict(Bewaartermijn.objects.values_list("gemeente_id", "jaren"))
    # The latest possible cut-off: the shortest period; exact per gemeente below.
    kortste = min([rules.BEWAARTERMIJN_JAREN, *termijnen.values()])
    grens = dt.datetime.combine(
        vandaag.replace(year=vandaag.year - kortste), dt.time.max, timezone.get_current_timezone()
    )
    rijen = (
        Traject.objects.filter(
            status=Status.AFGEROND,
            inburgeraar__huidig_traject_id=F("pk"),
            inburgeraar__geanonimiseerd__isnull=True,
        )
        .annotate(
            afgerond_op=Max(
                "gebeurtenissen__op", filter=Q(gebeurtenissen__naar_status=Status.AFGEROND)
            )
        )
        .filter(afgerond_op__lte=grens)
        .filter(**({"gemeente": gemeente} if gemeente is not None else {}))
        .values_list("gemeente_id", "pk", "inburgeraar_id", "afgerond_op")
        .order_by("afgerond_op", "pk")
    )
    namen = dict((g.pk, g.naam) for g in Gemeente.objects.select_related("organisatie"))
    uit = []
    for gemeente_id, traject_id, inburgeraar_id, afgerond_op in rijen.iterator(chunk_size=2000):
        datum = timezone.localdate(afgerond_op)
        vanaf = rules.anonimiseren_vanaf(
            datum, termijnen.get(gemeente_id, rules.BEWAARTERMIJN_JAREN)
        )
        if vanaf <= vandaag:
            uit.append((namen.get(gemeente_id, ""), traject_id, inburgeraar_id, datum, vanaf))
    return uit


@dataclass
class Uitkomst:
    aantal: int = 0
    batches: int = 0
    zaken: list = field(default_factory=list)


def anonimiseer(vandaag: dt.date, *, batch: int = BATCH) -> Uitkomst:
    """Anonymise every case the dry run (``te_anonimiseren``) lists, ``batch`` people per
    transaction: a failure leaves the batches before it done and nothing half done."""
    rijen = te_anonimiseren(vandaag)
    uitkomst = Uitkomst(zaken=rijen)
    for begin in range(0, len(rijen), batch):
        stuk = rijen[begin : begin + batch]
        uitkomst.aantal += anonimiseer_batch([r[2] for r in stuk], traject_ids=[r[1] for r in stuk])
        uitkomst.batches += 1
    return uitkomst
