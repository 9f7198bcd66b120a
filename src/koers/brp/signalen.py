"""What the BRP reports that asks the adviseur to act, for the signal engine
(koers.monitoring.engine reads ``BRONNEN``; koers.monitoring.signaalbron describes the
contract). The BRP chain sits below monitoring and may not import it, so a source here is a
plain object with the same fields (soort, titel, sectie, rijen, pauzeert, termijn_einde,
kenmerk, tab).

Each source is ONE query over all cases (a values_list QuerySet on the partial index
``brp_situatie``; its first column is the traject id, so the engine can narrow it to the
changed cases), due on the day the BRP reports the situation from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Value

from koers.brp import rules
from koers.brp.models import BrpGegevens
from koers.inburgeraars.rules import Status
from koers.toegang.policy import Sectie


@dataclass(frozen=True)
class Bron:
    """The shape of koers.monitoring.signaalbron.Bron, kept here without the import."""

    soort: str
    titel: str
    sectie: Sectie
    rijen: Callable[[date], Iterable[tuple[int, date, str]]]
    pauzeert: bool = False
    termijn_einde: bool = False
    kenmerk: str = ""
    tab: str = ""


def _met_situatie(situatie: rules.Situatie):
    def rijen(vandaag: date):
        return (
            BrpGegevens.objects.filter(
                situatie=situatie.value,
                situatie_sinds__isnull=False,
                inburgeraar__huidig_traject__isnull=False,
            )
            .exclude(inburgeraar__huidig_traject__status=Status.AFGEROND)
            .annotate(sleutel=Value(""))
            .values_list("inburgeraar__huidig_traject_id", "situatie_sinds", "sleutel")
        )

    rijen.__name__ = f"brp_{situatie.value}"
    return rijen


BRONNEN: tuple[Bron, ...] = (
    Bron(
        soort="brp_overleden",
        titel="De BRP meldt dat deze persoon is overleden: bevestig en sluit het traject af",
        sectie=Sectie.PERSONALIA,
        rijen=_met_situatie(rules.Situatie.OVERLEDEN),
    ),
    Bron(
        soort="brp_geemigreerd",
        titel="De BRP meldt vertrek naar het buitenland: ga na of de plicht nog loopt",
        sectie=Sectie.PERSONALIA,
        rijen=_met_situatie(rules.Situatie.GEEMIGREERD),
    ),
    Bron(
        soort="brp_andere_gemeente",
        titel="Volgens de BRP woont deze persoon in een andere gemeente: ga na of DUO de "
        "verhuizing kent",
        sectie=Sectie.PERSONALIA,
        rijen=_met_situatie(rules.Situatie.ANDERE_GEMEENTE),
    ),
    Bron(
        soort="brp_rni",
        titel="De BRP kent deze persoon alleen als niet-ingezetene (RNI): ga na waar hij woont",
        sectie=Sectie.PERSONALIA,
        rijen=_met_situatie(rules.Situatie.RNI),
    ),
)
