"""End to end over real HTTP to the DUO simulator: the PVT signing date and the MAP
eindgesprek date go through the outbox and DUO (the simulator, applying the same rules)
records them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings

from koers.duo import outbox
from koers.duo.client import DuoClient
from koers.duo.models import Bericht
from koers.modules import services
from tests.duo.meldingen_gegevens import intake_af, vastgesteld
from tests.duo.simulator_hulp import AMIRA, duo_fixture, duo_sim_server_fixture  # noqa: F401
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_duo(duo):
    return DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN)


@pytest.fixture
def amira(weert, adviseur_weert, client_duo):
    """Amira in Weert with a PIP (B1-route) that DUO accepted yesterday."""
    vandaag = date.today()
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, bsn=AMIRA, vestigingsdatum=None),
        datum_start_plicht=vandaag - timedelta(days=130),
        datum_start_pip_termijn=vandaag - timedelta(days=30),
    )
    intake_af(traject, adviseur_weert)
    vastgesteld(traject, adviseur_weert, dagtekening=vandaag - timedelta(days=1))
    outbox.lever_af(client=client_duo)
    assert Bericht.objects.get(soort="pip").status == Bericht.Status.AFGELEVERD
    traject.refresh_from_db()
    return traject


def _activiteit(traject, door, module, soort, kernwaarden=()):
    return services.voeg_activiteit_toe(
        traject,
        door,
        {
            "module": module,
            "datum": date.today(),
            "uren": Decimal(6),
            "soort": soort,
            "omschrijving": f"{soort} voor de test",
            "kernwaarden": list(kernwaarden),
            "uitvoerder": "Werk.Kom" if module == "map" else "",
        },
    )


def test_pvt_en_map_datum_komen_aan_bij_duo(amira, adviseur_weert, client_duo, duo):
    vandaag = date.today()
    _activiteit(amira, adviseur_weert, "pvt", "excursie", ["vrijheid"])
    _activiteit(amira, adviseur_weert, "pvt", "workshop")
    services.onderteken_pvt(amira, adviseur_weert, datum=vandaag)
    _activiteit(amira, adviseur_weert, "map", "werkbezoek")
    services.houd_map_eindgesprek(
        amira, adviseur_weert, datum=vandaag, samenvatting="Wil in de zorg werken."
    )

    assert outbox.lever_af(client=client_duo) == 2
    for soort in ("pvt", "map"):
        bericht = Bericht.objects.get(soort=soort)
        assert bericht.status == Bericht.Status.AFGELEVERD, bericht.laatste_antwoord
    ontvangen = {o["operationId"]: o for o in duo.sim.ontvangen}
    assert ontvangen["updatePvtByBsn"]["status"] in (200, 201, 204)
    assert ontvangen["updateMapByBsn"]["status"] in (200, 201, 204)

    pvt = duo.call("getPvtByBsn", bsn=AMIRA)
    assert pvt.status_code == 200
    assert pvt.json()["datumOndertekeningPvt"] == vandaag.isoformat()
    map_ = duo.call("getMapByBsn", bsn=AMIRA)
    assert map_.status_code == 200
    assert map_.json()["datumEindgesprekMap"] == vandaag.isoformat()
