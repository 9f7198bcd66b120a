"""Signals of financieel ontzorgen for the engine (koers.monitoring): each source is ONE query
over all cases, on an index (see the Meta.indexes of Ontzorgen and OntzorgenMaand). The
sources return ``values_list`` querysets, so a run for a few cases filters in SQL."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import CharField, Q, Value

from koers.begeleiding import rules
from koers.begeleiding.models import Bijstand, Ontzorgen, OntzorgenMaand
from koers.inburgeraars.rules import Doelgroepindeling, Status
from koers.monitoring.signaalbron import Bron
from koers.toegang.policy import Sectie

# A missing payment shows a week before the month's deadline (P).
BETALING_HORIZON = timedelta(days=7)
GEEN_SLEUTEL = Value("", output_field=CharField())  # at most one such signal per case


def ontzorgen_einde(vandaag: date):
    """Ontzorgen ends within 4 weeks: prepare the handover to financiële zelfredzaamheid."""
    return (
        Ontzorgen.objects.filter(
            einddatum__gte=vandaag,
            einddatum__lte=vandaag + rules.SIGNAAL_VOOR_EINDE,
        )
        .annotate(sleutel=GEEN_SLEUTEL)
        .values_list("traject_id", "einddatum", "sleutel")
    )


def machtiging_ontbreekt(vandaag: date):
    """Running ontzorgen without the person's machtiging (due from the start of bijstand)."""
    return (
        Ontzorgen.objects.filter(
            machtiging_datum__isnull=True,
            einddatum__gte=vandaag,
        )
        .annotate(sleutel=GEEN_SLEUTEL)
        .values_list("traject_id", "start_bijstand", "sleutel")
    )


def betaling_ontbreekt(vandaag: date):
    """A month of the period whose payments are not all in the register by its last day;
    the key is the month (its first day)."""
    return OntzorgenMaand.objects.filter(
        compleet=False,
        uiterlijk__lte=vandaag + BETALING_HORIZON,
    ).values_list("traject_id", "uiterlijk", "maand")


def ontzorgen_ontbreekt(vandaag: date):
    """Someone whom the gemeente must (or chose to) ontzorgen receives bijstand, the 6 months
    of art. 56a run, and no ontzorgen is recorded (rules.ontzorgen_ontbreekt; the group of
    rules.komt_in_aanmerking, with the gemeente's Begeleidingsbeleid.ontzorgen_groep)."""
    groep = Q(traject__inburgeraar__doelgroep__in=rules.DOELGROEPEN_MET_ASIELVERGUNNING) | Q(
        traject__inburgeraar__doelgroepindeling=Doelgroepindeling.ASIELSTATUSHOUDER.value,
        traject__gemeente__begeleidingsbeleid__ontzorgen_groep=rules.GROEP_ASIELMIGRANTEN,
    )
    return (
        Bijstand.objects.filter(
            groep,
            start__lte=vandaag,
            ontzorgtermijn_eind__gte=vandaag,
            traject__ontzorgen__isnull=True,
        )
        .exclude(traject__status=Status.AFGEROND.value)
        .annotate(sleutel=GEEN_SLEUTEL)
        .values_list("traject_id", "start", "sleutel")
    )


BRONNEN: tuple[Bron, ...] = (
    Bron(
        "ontzorgen_ontbreekt",
        "Bijstand zonder financieel ontzorgen: ontzorgen is 6 maanden "
        "verplicht (artikel 56a Participatiewet)",
        Sectie.ONTZORGEN,
        ontzorgen_ontbreekt,
    ),
    Bron(
        "ontzorgen_einde",
        "Financieel ontzorgen stopt binnen 4 weken: regel de overgang "
        "naar financiële zelfredzaamheid",
        Sectie.ONTZORGEN,
        ontzorgen_einde,
    ),
    Bron(
        "ontzorgen_machtiging",
        "Machtiging voor financieel ontzorgen ontbreekt",
        Sectie.ONTZORGEN,
        machtiging_ontbreekt,
    ),
    Bron(
        "ontzorgen_betaling",
        "Betaling van een maand ontbreekt in het register",
        Sectie.ONTZORGEN,
        betaling_ontbreekt,
    ),
)
