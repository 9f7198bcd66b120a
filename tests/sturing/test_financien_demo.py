"""Demo data of Financiën: contracts per demo gemeente and kostenposten on demo cases."""

import pytest
from django.utils import timezone

from koers.demo import organisaties as organisatie_demo
from koers.demo import personen as demo_personen
from koers.organisaties.models import Budget, Taakstelling
from koers.sturing import demo, financien, rules
from koers.sturing.models import Contract, Kostenpost

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_is_idempotent_and_amounts_follow_the_contracts():
    gemeenten = organisatie_demo.seed_organisaties()
    accounts = organisatie_demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    aantallen = demo.seed(gemeenten, accounts)
    assert aantallen["contracten"] == 9  # 3 gemeenten × taal, MAP, tolken
    assert aantallen["kostenposten"] > 0
    weert = gemeenten["0988"]
    assert {c.voorziening for c in Contract.objects.filter(gemeente=weert)} == {
        "leerroute",
        "map",
        "tolken",
    }
    assert Contract.objects.get(gemeente=weert, voorziening="map").aanbieder.naam == "Werk.Kom"
    for post in Kostenpost.objects.select_related("contract", "traject"):
        assert post.bedrag == rules.kostenbedrag(post.contract.tarief, post.aantal)
        assert post.gemeente_id == post.traject.gemeente_id
        assert post.traject.inburgeraar.bsn in demo_personen.demo_bsns()
    assert set(demo.seed(gemeenten, accounts).values()) == {0}
    cijfers = financien.bereken(weert.pk, timezone.localdate().year, timezone.localdate())
    # The current year has a budget and a taakstelling, so its dashboards are not empty, and
    # nothing is overspent in the demo.
    assert set(cijfers.budget) == {"uitvoering", "spuk"}
    assert cijfers.gerealiseerd() > 0
    budget = financien.tabellen(cijfers, onderdrukken=True)[0]
    assert all(c.waarde is None or c.waarde >= 0 for r in budget.rijen for c in r.cellen)
    assert set(
        Taakstelling.objects.filter(gemeente=weert, jaar=timezone.localdate().year).values_list(
            "halfjaar", flat=True
        )
    ) == {1, 2}


@pytest.mark.parametrize("vandaag", ["2027-01-02", "2031-08-15"])
def test_the_demo_years_follow_today(vandaag, time_machine):
    time_machine.move_to(f"{vandaag} 10:00 +01:00", tick=False)
    jaar = int(vandaag[:4])
    gemeenten = organisatie_demo.seed_organisaties()
    demo.seed_dit_jaar(gemeenten, timezone.localdate())
    assert len(organisatie_demo.TAAKSTELLING) == 3
    for code in organisatie_demo.TAAKSTELLING:
        gemeente = gemeenten[code]
        assert Budget.objects.filter(gemeente=gemeente, jaar=jaar).count() == 2
        assert Taakstelling.objects.filter(gemeente=gemeente, jaar=jaar).count() == 2
    assert demo.seed_dit_jaar(gemeenten, timezone.localdate()) == 0  # idempotent
