"""The dry-run report of retention, per gemeente: which closed cases would be anonymised
(:func:`koers.verwerkingen.services.te_anonimiseren`) and which records of the
verwerkingenlogging would be removed (:func:`koers.verwerkingen.logbewaring.te_verwijderen`).
Changes nothing. Used by ``koers verwerkingen-bewaartermijn --dry-run`` and the privacy
officer's page "Bewaartermijn"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from koers.avg.anonimisering import te_anonimiseren
from koers.organisaties.models import Gemeente
from koers.verwerkingen import logbewaring


@dataclass
class Gemeenterapport:
    naam: str  # empty for the records about no person (the whole installation)
    zaken: list[tuple] = field(
        default_factory=list
    )  # (traject_id, inburgeraar_id, afgerond, vanaf)
    log: logbewaring.PerGemeente = field(default_factory=logbewaring.PerGemeente)


@dataclass(frozen=True)
class Rapport:
    vandaag: dt.date
    gemeenten: list[Gemeenterapport]
    reeksen: int  # runs of log records the removal would make

    @property
    def zaken(self) -> int:
        return sum(len(g.zaken) for g in self.gemeenten)

    @property
    def verwerkingen(self) -> int:
        return sum(g.log.aantal for g in self.gemeenten)


def voor_gemeente(vandaag: dt.date, gemeente: Gemeente) -> Gemeenterapport:
    """One gemeente's part, for its privacy officer's page: its cases as in :func:`rapport`,
    and its log records counted in one query (:func:`koers.verwerkingen.logbewaring.
    tel_verwijderbaar`) instead of a walk over the whole chain."""
    uit = Gemeenterapport(naam=gemeente.naam)
    for _naam, traject_id, inburgeraar_id, afgerond, vanaf in te_anonimiseren(
        vandaag, gemeente=gemeente
    ):
        uit.zaken.append((traject_id, inburgeraar_id, afgerond, vanaf))
    uit.log = logbewaring.tel_verwijderbaar(vandaag, gemeente.pk)
    return uit


def rapport(vandaag: dt.date, *, gemeente: Gemeente | None = None) -> Rapport:
    """Per gemeente (by name; the records about no person last, unless ``gemeente`` is
    given: then only that gemeente's part). Walks the chain for the runs the removal would
    make (the command's report); a page uses :func:`voor_gemeente`."""
    namen = dict(Gemeente.objects.values_list("pk", "organisatie__naam"))
    per_naam: dict[str, Gemeenterapport] = {}

    def van(naam: str) -> Gemeenterapport:
        return per_naam.setdefault(naam, Gemeenterapport(naam=naam))

    for naam, traject_id, inburgeraar_id, afgerond, vanaf in te_anonimiseren(
        vandaag, gemeente=gemeente
    ):
        van(naam).zaken.append((traject_id, inburgeraar_id, afgerond, vanaf))
    opschoning = logbewaring.te_verwijderen(vandaag)
    for gemeente_id, telling in opschoning.per_gemeente.items():
        if gemeente is not None and gemeente_id != gemeente.pk:
            continue
        van(namen.get(gemeente_id, "") if gemeente_id is not None else "").log = telling
    if gemeente is not None:
        van(gemeente.naam)
    gemeenten = sorted(per_naam.values(), key=lambda g: (g.naam == "", g.naam))
    return Rapport(vandaag=vandaag, gemeenten=gemeenten, reeksen=len(opschoning.reeksen))
