"""The first step that carries out the PIP moves the traject to "in uitvoering" by itself;
other steps (a gesprek, a signal, handhaving) do not."""

import pytest
import time_machine

from koers.inburgeraars import services
from koers.inburgeraars.models import Gebeurtenis
from tests.uitvoering import met_vastgesteld_pip


@pytest.mark.parametrize(
    ("soort", "in_uitvoering"),
    [
        (Gebeurtenis.Soort.LEERROUTE, True),
        (Gebeurtenis.Soort.MODULE, True),
        (Gebeurtenis.Soort.BEGELEIDING, True),
        (Gebeurtenis.Soort.ONTZORGEN, True),
        (Gebeurtenis.Soort.NETWERK, False),
        (Gebeurtenis.Soort.GESPREK, False),
        (Gebeurtenis.Soort.HANDHAVING, False),
        (Gebeurtenis.Soort.GEGEVENS, False),
    ],
)
@time_machine.travel("2026-10-15 12:00 +02:00", tick=False)
def test_eerste_uitvoeringsstap(traject_weert, adviseur_weert, soort, in_uitvoering):
    met_vastgesteld_pip(traject_weert, adviseur_weert)
    assert traject_weert.status == "pip_vastgesteld"
    services.registreer(traject_weert, soort, "Een stap", adviseur_weert)
    traject_weert.refresh_from_db()
    assert (traject_weert.status == "in_uitvoering") is in_uitvoering
    stappen = list(traject_weert.gebeurtenissen.filter(soort="status", naar_status="in_uitvoering"))
    assert len(stappen) == int(in_uitvoering)


def test_voor_het_pip_verandert_de_status_niet(traject_weert, adviseur_weert):
    services.registreer(traject_weert, Gebeurtenis.Soort.NETWERK, "Instroomklas", adviseur_weert)
    traject_weert.refresh_from_db()
    assert traject_weert.status == "aangemeld"
