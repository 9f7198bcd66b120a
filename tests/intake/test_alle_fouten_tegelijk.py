"""The intake appointment form shows the errors of its fields and of the service's check in
one response, not the check's only after a second submit; nothing is saved."""

import pytest
import time_machine

from koers.intake.models import IntakeAfspraak
from tests.foutsamenvatting import bevat_beide


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-10-15 12:00 +02:00", tick=False):
        yield


def test_afspraak(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/intake/afspraak/",
        {
            "afspraak-datum": "2026-10-16",  # the check: whether he came, not before the day
            "afspraak-status": "niet_verschenen",
            "afspraak-toelichting": "x" * 10001,  # the field: too long
        },
    )
    bevat_beide(antwoord, "'Toelichting' is te lang", "op of na de dag van de afspraak")
    assert not IntakeAfspraak.objects.exists()
