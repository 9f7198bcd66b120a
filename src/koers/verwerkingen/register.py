"""The register of processing activities (AVG art. 30 lid 1) per gemeente, as data.

Every gemeente has one :class:`~koers.verwerkingen.models.Verwerkingsactiviteit` per entry of
:data:`koers.verwerkingen.rules.REGISTER`: made when the gemeente is made (existing gemeenten
got them in migration 0007), and completed when the beheer page opens after a new version of
Koers brought a new entry. The privacy officer or functioneel beheerder edits the texts on the
beheer page; the codes are fixed, because every log record names one
(``Verwerking.verwerkingsactiviteit``).

Versions. An entry's texts are never overwritten without a trace: every state of them is a
:class:`~koers.verwerkingen.models.VerwerkingsactiviteitVersie` (version 1 when the entry is
made, one more per edit, :func:`wijzig`), which cannot be changed or deleted. A log record
names the version that was current when it was written (``Verwerking.
verwerkingsactiviteit_versie``), read in the same statement that writes it: one record by
a subquery in its INSERT (:func:`versie_subquery`), a list on PostgreSQL by a subquery its one
INSERT runs once (:func:`huidige_versie_sql`); on SQLite a list reads it first
(:func:`huidige_versie_id`).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from koers.organisaties.models import Gemeente
from koers.verwerkingen import rules
from koers.verwerkingen.models import Verwerkingsactiviteit, VerwerkingsactiviteitVersie


def standaard(gemeente_id: int, regel: rules.RegisterRegel) -> Verwerkingsactiviteit:
    return Verwerkingsactiviteit(
        gemeente_id=gemeente_id,
        code=regel.code,
        naam=regel.naam,
        doel=regel.doel,
        grondslag=regel.grondslag,
        grondslag_status=regel.grondslag_status,
        categorieen_betrokkenen=regel.betrokkenen,
        categorieen_gegevens=regel.gegevens,
        ontvangers=regel.ontvangers,
        bewaartermijn=regel.bewaartermijn,
    )


def _versie(regel: Verwerkingsactiviteit, op, door: str = "") -> VerwerkingsactiviteitVersie:
    """The entry's current texts as its version ``regel.versie``."""
    return VerwerkingsactiviteitVersie(
        activiteit_id=regel.pk,
        versie=regel.versie,
        geldig_vanaf=op,
        vastgesteld_door=door,
        **{veld: getattr(regel, veld) for veld in Verwerkingsactiviteit.TEKSTVELDEN},
    )


def aanvullen(gemeente_ids=None) -> int:
    """Add the missing default entries for the gemeenten (all when omitted), each with its
    version 1; an entry a gemeente has already, edited or not, stays as it is. Two queries
    when nothing is missing; returns how many were added."""
    if gemeente_ids is None:
        gemeente_ids = list(Gemeente.objects.values_list("pk", flat=True))
    bestaand = set(
        Verwerkingsactiviteit.objects.filter(gemeente_id__in=gemeente_ids).values_list(
            "gemeente_id", "code"
        )
    )
    nieuw = [
        standaard(gemeente_id, regel)
        for gemeente_id in gemeente_ids
        for regel in rules.REGISTER
        if (gemeente_id, regel.code) not in bestaand
    ]
    if not nieuw:
        return 0
    with transaction.atomic():
        Verwerkingsactiviteit.objects.bulk_create(nieuw, ignore_conflicts=True)
        zonder_versie = Verwerkingsactiviteit.objects.filter(
            gemeente_id__in=gemeente_ids, versies__isnull=True
        )
        nu = timezone.now()
        VerwerkingsactiviteitVersie.objects.bulk_create(
            [_versie(regel, nu) for regel in zonder_versie], ignore_conflicts=True
        )
    return len(nieuw)


def wijzig(regel: Verwerkingsactiviteit, teksten: dict, door: str) -> bool:
    """Give the entry new texts as its next version, in one transaction: the entry (locked,
    so two edits at once become two versions) and its new version row. Texts equal to the
    current ones make no version; returns whether one was made."""
    with transaction.atomic():
        regel = Verwerkingsactiviteit.objects.select_for_update().get(pk=regel.pk)
        nieuw = {veld: teksten[veld] for veld in Verwerkingsactiviteit.TEKSTVELDEN}
        if all(getattr(regel, veld) == waarde for veld, waarde in nieuw.items()):
            return False
        nu = timezone.now()
        for veld, waarde in nieuw.items():
            setattr(regel, veld, waarde)
        regel.versie += 1
        regel.gewijzigd_op = nu
        regel.gewijzigd_door = door[:150]
        regel.save()
        _versie(regel, nu, regel.gewijzigd_door).save(force_insert=True)
    return True


def _huidige_versie(gemeente_id: int, code: str):
    """The current version of the gemeente's entry ``code`` (a queryset of at most one)."""
    return VerwerkingsactiviteitVersie.objects.filter(
        activiteit__gemeente_id=gemeente_id, activiteit__code=code
    ).order_by("-versie")[:1]


def huidige_versie_id(gemeente_id: int | None, code: str) -> int | None:
    """The id of the current version of the gemeente's entry ``code``, read now (one indexed
    query); ``None`` without a gemeente or entry. For SQLite's multi-row INSERT, whose VALUES
    would otherwise carry the same subquery in every row."""
    if gemeente_id is None:
        return None
    return _huidige_versie(gemeente_id, code).values_list("id", flat=True).first()


@functools.lru_cache(maxsize=1024)
def huidige_versie_sql(gemeente_id: int | None, code: str) -> tuple[str, tuple]:
    """The same id as a scalar subquery ``(SELECT ...)`` and its parameters, for a statement
    of many rows that Koers writes itself (the list INSERT on PostgreSQL): PostgreSQL runs an
    uncorrelated subquery once (an InitPlan), not per row. Compiled by Django from
    :func:`_huidige_versie` once per gemeente and code in a process; compiling it per call
    cost more than running it. ``("NULL", ())`` without a gemeente."""
    if gemeente_id is None:
        return "NULL", ()
    sql, params = _huidige_versie(gemeente_id, code).values("id").query.sql_with_params()
    return f"({sql})", tuple(params)


def versie_subquery(gemeente_id: int | None, code: str) -> Subquery | None:
    """The same id as a subquery for the INSERT of one log record (no round trip of its
    own); ``None`` without a gemeente."""
    if gemeente_id is None:
        return None
    return Subquery(_huidige_versie(gemeente_id, code).values("id"))


def versies(ids) -> dict[int, VerwerkingsactiviteitVersie]:
    """The versions with these ids, by id, with their entry and gemeente: one query."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {
        v.pk: v
        for v in VerwerkingsactiviteitVersie.objects.filter(pk__in=ids).select_related(
            "activiteit__gemeente"
        )
    }


def beschrijving(versie: VerwerkingsactiviteitVersie | None) -> dict | None:
    """What a log record's reader needs of its register version: which entry, which version,
    and its purpose and legal basis as they were then."""
    if versie is None:
        return None
    return {
        "code": versie.activiteit.code,
        "versie": versie.versie,
        "naam": versie.naam,
        "doel": versie.doel,
        "grondslag": versie.grondslag,
        "grondslag_status": versie.grondslag_status,
        "geldig_vanaf": versie.geldig_vanaf.isoformat(),
    }


def versie_url(versie: VerwerkingsactiviteitVersie) -> str | None:
    """The absolute address of the version in the API (koers.avg.api_register), from
    ``KOERS_BASIS_URL``; ``None`` while that is not set. Needs the version's entry and
    gemeente (:func:`versies` loads them)."""
    if not settings.BASIS_URL:
        return None
    pad = reverse(
        "api:verwerkingsactiviteit-versie",
        kwargs={
            "gemeentecode": versie.activiteit.gemeente.gemeentecode,
            "code": versie.activiteit.code,
            "versie": versie.versie,
        },
    )
    return settings.BASIS_URL + pad


def _nieuwe_gemeente(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        aanvullen([instance.pk])


def verbind() -> None:
    post_save.connect(_nieuwe_gemeente, sender=Gemeente, dispatch_uid="verwerkingen_register")
