"""Signals of handhaving for the signal engine (koers.monitoring): each source is ONE query
over all cases, on a partial index of Handhavingszaak or Boetevoornemen. All of them stand
still while DUO's tijdelijke vrijstelling runs (``Bron.pauzeert``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from koers.handhaving import rules
from koers.handhaving.models import Boetevoornemen, Handhavingszaak
from koers.intake.models import IntakeAfspraak
from koers.monitoring.signaalbron import Bron
from koers.toegang.policy import Sectie


def hoorzitting_zonder_verslag(vandaag: date):
    """A hoorzitting on a voornemen before today of which nothing is recorded (no verslag,
    no "niet verschenen"). Due on the day of the hoorzitting (index voornemen_open)."""
    return (
        Boetevoornemen.objects.filter(
            afgehandeld_op__isnull=True,
            route=rules.Route.HOORZITTING,
            hoorzitting_datum__lt=vandaag,
            zienswijze_op__isnull=True,
        )
        .values_list("zaak__traject_id", "hoorzitting_datum", "id")
        .iterator()
    )


def beslistermijn(vandaag: date):
    """A voornemen without a decision whose 13 weeks (Awb art. 5:51) end within two weeks
    or have passed (index voornemen_open). Due on the last day of the 13 weeks."""
    grens = rules.beslistermijn_signaal_voornemens_tot(vandaag)
    rijen = (
        Boetevoornemen.objects.filter(
            afgehandeld_op__isnull=True,
            datum__lte=grens,
        )
        .values_list("zaak__traject_id", "datum", "id")
        .iterator()
    )
    return (
        (traject_id, rules.beslissen_uiterlijk(datum), voornemen_id)
        for traject_id, datum, voornemen_id in rijen
    )


def waarschuwing_zonder_besluit(vandaag: date):
    """A written warning of more than four weeks ago (rules.WAARSCHUWING_OPVOLGEN_WEKEN, P)
    without a follow-up decision: no boete and not closed (index
    handhaving_waarschuwing_open). Due four weeks after the warning."""
    grens = vandaag - timedelta(weeks=rules.WAARSCHUWING_OPVOLGEN_WEKEN)
    rijen = (
        Handhavingszaak.objects.filter(
            waarschuwing_datum__isnull=False,
            waarschuwing_datum__lt=grens,
            besluit_op__isnull=True,
        )
        .values_list("traject_id", "waarschuwing_datum", "id")
        .iterator()
    )
    return (
        (traject_id, rules.waarschuwing_te_laat_opgevolgd(datum), zaak_id)
        for traject_id, datum, zaak_id in rijen
    )


def intake_niet_verschenen(vandaag: date):
    """The person did not come to an intake appointment, and no handhavingszaak about the
    brede intake was opened since (koers.intake: non-appearance feeds handhaving). Due on
    the day of the appointment; one signal per appointment."""
    zaak_sindsdien = Handhavingszaak.objects.filter(
        traject_id=OuterRef("traject_id"),
        verzuim=rules.Verzuim.BREDE_INTAKE,
        datum__gte=OuterRef("datum"),
    )
    return (
        IntakeAfspraak.objects.filter(status=IntakeAfspraak.Status.NIET_VERSCHENEN)
        .exclude(traject__status="afgerond")
        .filter(~Exists(zaak_sindsdien))
        .values_list("traject_id", "datum", "id")
        .iterator()
    )


def _rijen(query):
    """``(traject_id, vervaldatum, sleutel)`` with the zaak's or voornemen's id as sleutel."""

    def rijen(vandaag: date):
        return ((traject_id, datum, str(sleutel)) for traject_id, datum, sleutel in query(vandaag))

    return rijen


BRONNEN: tuple[Bron, ...] = (
    Bron(
        soort="handhaving_hoorzitting_verslag",
        titel="Hoorzitting geweest, maar nog geen verslag",
        sectie=Sectie.HANDHAVING,
        rijen=_rijen(hoorzitting_zonder_verslag),
        pauzeert=True,
    ),
    Bron(
        soort="handhaving_waarschuwing_opvolgen",
        titel="Waarschuwing langer dan 4 weken geleden, nog geen besluit",
        sectie=Sectie.HANDHAVING,
        rijen=_rijen(waarschuwing_zonder_besluit),
        pauzeert=True,
    ),
    Bron(
        soort="handhaving_beslistermijn",
        titel="Besluit over de boete: de 13 weken (artikel 5:51 Awb) lopen bijna af",
        # The Awb period does not stand still during DUO's tijdelijke vrijstelling: its
        # signal keeps running (the adviseur may decide to drop the boete).
        sectie=Sectie.HANDHAVING,
        rijen=_rijen(beslistermijn),
        pauzeert=False,
    ),
    Bron(
        soort="handhaving_intake_niet_verschenen",
        titel="Niet verschenen bij de brede intake: handhaving overwegen",
        sectie=Sectie.HANDHAVING,
        rijen=_rijen(intake_niet_verschenen),
        pauzeert=True,
    ),
)
