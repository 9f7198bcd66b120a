"""Demo data: a B1-route asielstatushouder in Weert with running ontzorgen and payments,
checklists on several cases; seeding twice changes nothing."""

import pytest

from koers.begeleiding import demo as begeleiding_demo
from koers.begeleiding.models import Begeleiding, Betaling, ChecklistItem, DuaalTraject, Ontzorgen
from koers.demo import organisaties as demo
from koers.demo import personen as demo_personen
from koers.pip.models import PipVersie

pytestmark = pytest.mark.slow


def test_demo(db):
    gemeenten = demo.seed_organisaties()
    accounts = demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    eerste = begeleiding_demo.seed(gemeenten, accounts)
    assert eerste["Ontzorgen"] == 2 and eerste["Betaling"] > 5
    samir = Ontzorgen.objects.get(traject__inburgeraar__voornamen="Samir")
    assert samir.traject.gemeente.gemeentecode == "0988"
    assert (
        PipVersie.objects.filter(traject=samir.traject, status="vastgesteld")
        .latest("versie")
        .leerroute
        == "B"
    )
    assert samir.machtiging_datum and samir.betalingen.exists()
    assert samir.maanden.filter(compleet=False).exists()  # one payment is missing
    assert accounts["uitkering-weert"].rollen == ["uitkeringsadministratie"]
    assert Betaling.objects.filter(ingevoerd_door=accounts["uitkering-weert"]).exists()
    assert DuaalTraject.objects.filter(traject=samir.traject).exists()
    assert Begeleiding.objects.count() >= 5
    assert ChecklistItem.objects.values("traject").distinct().count() >= 5
    tweede = begeleiding_demo.seed(gemeenten, accounts)
    assert tweede == {"Begeleiding": 0, "Ontzorgen": 0, "Betaling": 0}
