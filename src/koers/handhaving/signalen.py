"""Signals of handhaving for the signal engine (koers.monitoring): each source is ONE query
over all cases, on a partial index of Handhavingszaak."""

from __future__ import annotations

from datetime import date, timedelta

from koers.handhaving import rules
from koers.handhaving.models import Handhavingszaak
from koers.monitoring.signaalbron import Bron
from koers.toegang.policy import Sectie


def hoorzitting_zonder_verslag(vandaag: date):
    """A hoorzitting planned before today of which no verslag is recorded (index
    handhaving_hoorzitting_open). Due on the day of the hoorzitting."""
    return Handhavingszaak.objects.filter(
        hoorzitting_datum__isnull=False, hoorzitting_datum__lt=vandaag,
        verslag_op__isnull=True, afgesloten_op__isnull=True,
    ).values_list("traject_id", "hoorzitting_datum", "id").iterator()


def waarschuwing_zonder_besluit(vandaag: date):
    """A written warning of more than four weeks ago (rules.WAARSCHUWING_OPVOLGEN_WEKEN, P)
    without a follow-up decision: no boete and not closed (index
    handhaving_waarschuwing_open). Due four weeks after the warning."""
    grens = vandaag - timedelta(weeks=rules.WAARSCHUWING_OPVOLGEN_WEKEN)
    rijen = Handhavingszaak.objects.filter(
        waarschuwing_datum__isnull=False, waarschuwing_datum__lt=grens,
        besluit_op__isnull=True,
    ).values_list("traject_id", "waarschuwing_datum", "id").iterator()
    return ((traject_id, rules.waarschuwing_te_laat_opgevolgd(datum), zaak_id)
            for traject_id, datum, zaak_id in rijen)


def _rijen(query):
    """``(traject_id, vervaldatum, sleutel)`` with the zaak's id as sleutel."""
    def rijen(vandaag: date):
        return ((traject_id, datum, str(zaak_id)) for traject_id, datum, zaak_id in
                query(vandaag))
    return rijen


BRONNEN: tuple[Bron, ...] = (
    Bron(soort="handhaving_hoorzitting_verslag",
         titel="Hoorzitting geweest, maar nog geen verslag",
         sectie=Sectie.HANDHAVING, rijen=_rijen(hoorzitting_zonder_verslag)),
    Bron(soort="handhaving_waarschuwing_opvolgen",
         titel="Waarschuwing langer dan 4 weken geleden, nog geen besluit",
         sectie=Sectie.HANDHAVING, rijen=_rijen(waarschuwing_zonder_besluit)),
)
