"""The PIP's dagtekening lies within the execution window (koers.inburgeraars.rules
.uitvoering_venster): a date nobody can mean is refused on the draft already, web and API."""

from datetime import date

import pytest
import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from koers.bouwstenen.weigering import Weigering
from koers.pip.models import PipVersie
from koers.pip.services import bewaar_concept
from tests.pip.test_pip_vaststellen import geldig


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-10-15 12:00 +02:00", tick=False):
        yield


@pytest.mark.parametrize(
    "dagtekening", [date(1, 1, 1), date(2024, 1, 1), date(2028, 10, 16), date(9999, 12, 31)]
)
def test_an_implausible_dagtekening_is_refused_on_the_draft(
    traject_weert, adviseur_weert, dagtekening
):
    with pytest.raises(Weigering) as weigering:
        bewaar_concept(traject_weert, adviseur_weert, geldig(dagtekening=dagtekening))
    assert set(weigering.value.fouten) == {"dagtekening"}
    assert "Vul een datum in" in weigering.value.fouten["dagtekening"]
    assert not PipVersie.objects.exists()


def test_a_dagtekening_inside_the_window_is_a_draft(traject_weert, adviseur_weert):
    # One year before the plicht (1 June 2026 in the factory) is still plausible.
    pip = bewaar_concept(traject_weert, adviseur_weert, geldig(dagtekening=date(2025, 6, 1)))
    assert pip.dagtekening == date(2025, 6, 1)


def test_api_gives_400_on_the_field(traject_weert, adviseur_weert):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=adviseur_weert)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(
        f"/api/v1/inburgeraars/{traject_weert.inburgeraar_id}/pips",
        {"dagtekening": "9999-12-31", "leerroute": "B"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["fouten"]) == ["dagtekening"]
