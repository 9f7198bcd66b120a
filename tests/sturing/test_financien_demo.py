"""Demo data of Financiën: contracts per demo gemeente and kostenposten on demo cases."""

import pytest

from koers.organisaties import demo as organisatie_demo
from koers.organisaties import demo_personen
from koers.sturing import demo, financien, rules
from koers.sturing.models import Contract, Kostenpost

pytestmark = pytest.mark.django_db


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
    from django.utils import timezone

    cijfers = financien.bereken(weert.pk, timezone.localdate().year, timezone.localdate())
    # No budget is invented for a year the startnotitie has none for: financiën enters it.
    assert "uitvoering" not in cijfers.budget
    assert cijfers.gerealiseerd() > 0
