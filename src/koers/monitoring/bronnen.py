"""The engine's core sources. Each ``rijen(vandaag)`` is ONE query over all
cases, returned as a ``values_list`` queryset whose first column is the traject id, so that
the engine can restrict it to a few cases (``bereken_voor``). Horizons: ``rules``."""

from __future__ import annotations

from datetime import date

from django.db.models import CharField, DateField, F, Min, Q, Value
from django.db.models.functions import Cast, Coalesce, TruncDate

from koers.duo.models import Bericht
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Traject
from koers.monitoring import rules
from koers.monitoring.models import Voortgangsgesprek
from koers.monitoring.signaalbron import Bron
from koers.toegang.policy import Sectie

AFGEROND = traject_rules.Status.AFGEROND
PIP_FASE = (traject_rules.Status.PIP_VASTGESTELD, traject_rules.Status.IN_UITVOERING)
LEEG = Value("", output_field=CharField())


def pip_deadline(vandaag: date):
    """No vastgesteld PIP yet (status aangemeld or brede intake: then volgende_deadline is
    the PIP deadline, koers.inburgeraars.rules.volgende_deadline) and the deadline within
    two weeks or passed."""
    return Traject.objects.filter(
        status__in=(traject_rules.Status.AANGEMELD, traject_rules.Status.BREDE_INTAKE),
        volgende_deadline__lte=vandaag + rules.PIP_HORIZON,
    ).values_list("id", "volgende_deadline", LEEG)


def gesprek(vandaag: date):
    """The earliest planned, not yet held voortgangsgesprek, due within two weeks or passed.
    One signal per case: when it is held the next one takes its place."""
    return (
        Voortgangsgesprek.objects.filter(
            gehouden_op__isnull=True, gepland_op__lte=vandaag + rules.GESPREK_HORIZON
        )
        .exclude(traject__status=AFGEROND)
        .values("traject_id")
        .annotate(eerste=Min("gepland_op"))
        .values_list("traject_id", "eerste", LEEG)
    )


def _termijn(van: date | None, tot: date):
    qs = Traject.objects.filter(termijn_eind__lte=tot).exclude(status=AFGEROND)
    if van is not None:
        qs = qs.filter(termijn_eind__gt=van)
    return qs.values_list("id", "termijn_eind", LEEG)


def termijn_6_maanden(vandaag: date):
    """The termijn ends within 6 months (but not within 2: that is the next source)."""
    return _termijn(
        rules.plus_maanden(vandaag, rules.TERMIJN_MAANDEN_VERWIJTBAAR),
        rules.plus_maanden(vandaag, rules.TERMIJN_MAANDEN_WAARSCHUWING),
    )


def termijn_2_maanden(vandaag: date):
    """The last 2 months of the termijn, or past its end: the verwijtbaar window."""
    return _termijn(None, rules.plus_maanden(vandaag, rules.TERMIJN_MAANDEN_VERWIJTBAAR))


def duo_geweigerd(vandaag: date):
    """A message DUO refused, or that failed after all attempts (one signal per message)."""
    return (
        Bericht.objects.filter(
            status__in=(Bericht.Status.GEWEIGERD, Bericht.Status.MISLUKT), traject__isnull=False
        )
        .exclude(traject__status=AFGEROND)
        .values_list("traject_id", TruncDate("aangemaakt_op"), Cast("id", output_field=CharField()))
    )


def lbt_ontbreekt(vandaag: date):
    """The intake is afgerond, or the case is past its PIP, without an LBT result."""
    return (
        Traject.objects.filter(Q(intake__status="afgerond") | Q(status__in=PIP_FASE))
        .filter(Q(intake__isnull=True) | Q(intake__lbt_uitslag=""))
        .exclude(status=AFGEROND)
        .values_list(
            "id", Coalesce(F("pip_uiterlijk"), Value(vandaag), output_field=DateField()), LEEG
        )
    )


BRONNEN: tuple[Bron, ...] = (
    # These four stand still during DUO's tijdelijke vrijstelling
    # (rules.signaal_staat_stil).
    Bron(
        "pip_deadline",
        "PIP moet bijna of al vastgesteld zijn",
        Sectie.PIP,
        pip_deadline,
        pauzeert=True,
    ),
    Bron(
        "gesprek", "Voortgangsgesprek plannen of voeren", Sectie.GESPREKKEN, gesprek, pauzeert=True
    ),
    Bron(
        "termijn_6m",
        "Inburgeringstermijn eindigt binnen 6 maanden",
        Sectie.LEERROUTE,
        termijn_6_maanden,
        pauzeert=True,
        termijn_einde=True,
    ),
    Bron(
        "termijn_2m",
        "Inburgeringstermijn eindigt binnen 2 maanden (verwijtbaarheid)",
        Sectie.LEERROUTE,
        termijn_2_maanden,
        pauzeert=True,
        termijn_einde=True,
    ),
    Bron("duo_geweigerd", "Melding aan DUO geweigerd of mislukt", Sectie.DUO, duo_geweigerd),
    Bron("lbt_ontbreekt", "Uitslag leerbaarheidstoets ontbreekt", Sectie.INTAKE, lbt_ontbreekt),
)
