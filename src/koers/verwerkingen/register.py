"""The register of processing activities (AVG art. 30 lid 1) per gemeente, as data.

Every gemeente has one :class:`~koers.verwerkingen.models.Verwerkingsactiviteit` per entry of
:data:`koers.verwerkingen.rules.REGISTER`: made when the gemeente is made (existing gemeenten
got them in migration 0007), and completed when the beheer page opens after a new version of
Koers brought a new entry. The
privacy officer or functioneel beheerder edits the texts on the beheer page; the codes are
fixed, because every log record names one (``Verwerking.verwerkingsactiviteit``).
"""

from __future__ import annotations

from django.db.models.signals import post_save

from koers.organisaties.models import Gemeente
from koers.verwerkingen import rules
from koers.verwerkingen.models import Verwerkingsactiviteit


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


def aanvullen(gemeente_ids=None) -> int:
    """Add the missing default entries for the gemeenten (all when omitted); an entry a
    gemeente has already, edited or not, stays as it is. Two queries; returns how many were
    added."""
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
    Verwerkingsactiviteit.objects.bulk_create(nieuw, ignore_conflicts=True)
    return len(nieuw)


def _nieuwe_gemeente(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        aanvullen([instance.pk])


def verbind() -> None:
    post_save.connect(_nieuwe_gemeente, sender=Gemeente, dispatch_uid="verwerkingen_register")
