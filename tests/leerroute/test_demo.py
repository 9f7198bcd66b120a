"""The leerroute demo data: aanbod and hours on the demo cases in uitvoering, one B1-route
case past 600 hours with a proposal, a Z-route case behind plan; a second run adds nothing."""

import pytest

from koers.demo import organisaties as organisatie_demo
from koers.demo import personen as demo_personen
from koers.leerroute import demo, signalen
from koers.leerroute.models import Aanbod, Afschalingsvoorstel, UrenPeriode, Zroute

ECHTE_TIJD = True  # the demo is dated from the real today
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_seed(settings):
    settings.DEMO = True
    gemeenten = organisatie_demo.seed_organisaties()
    accounts = organisatie_demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    aantal = demo.seed(gemeenten, accounts)["leerroute-trajecten"]
    assert aantal >= 5
    assert Aanbod.objects.count() == aantal
    assert Afschalingsvoorstel.objects.filter(status="open").count() == 1
    assert Zroute.objects.count() >= 2
    from django.utils import timezone

    achter = [r[0] for r in signalen.zroute_achter(timezone.localdate())]
    assert len(achter) >= 1
    rijen = UrenPeriode.objects.count()
    assert demo.seed(gemeenten, accounts)["leerroute-trajecten"] == 0
    assert UrenPeriode.objects.count() == rijen
