"""Demo data of the PVT and MAP: several cases with activities, one signed, MAP for B1/Z."""

import pytest

from koers.demo import organisaties as organisatie_demo
from koers.demo import personen as demo_personen
from koers.duo.models import Bericht
from koers.modules import demo
from koers.modules.models import Activiteit, Afronding
from koers.pip.models import PipVersie

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_is_idempotent():
    gemeenten = organisatie_demo.seed_organisaties()
    accounts = organisatie_demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    aantallen = demo.seed(gemeenten, accounts)
    assert aantallen["pvt_activiteiten"] >= 10 and aantallen["map_activiteiten"] >= 3
    assert aantallen["pvt_ondertekend"] == 1
    assert Activiteit.objects.filter(module="pvt").values("traject").distinct().count() >= 3
    afronding = Afronding.objects.get()
    assert afronding.module == "pvt" and afronding.bericht.soort == "pvt"
    assert Bericht.objects.filter(soort="pvt").count() == 1
    map_trajecten = set(Activiteit.objects.filter(module="map").values_list("traject", flat=True))
    routes = set(
        PipVersie.objects.filter(traject__in=map_trajecten, status="vastgesteld").values_list(
            "leerroute", flat=True
        )
    )
    assert routes <= {"B", "Z"}
    assert demo.seed(gemeenten, accounts) == {
        "pvt_activiteiten": 0,
        "map_activiteiten": 0,
        "pvt_ondertekend": 0,
    }
