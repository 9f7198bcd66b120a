"""Demo data of Mijn Inburgering: a conversation and a document for a few demo persons,
idempotent."""

import pytest

from koers.demo import organisaties as organisatie_demo
from koers.demo import personen as demo_personen
from koers.portaal import demo
from koers.portaal.models import Bericht, Document

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(settings):
    gemeenten = organisatie_demo.seed_organisaties()
    accounts = organisatie_demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    aantallen = demo.seed(gemeenten, accounts)
    assert aantallen == {
        "portaalberichten": 3 * demo.AANTAL_PERSONEN,
        "portaaldocumenten": demo.AANTAL_PERSONEN,
    }
    bsns = set(demo_personen.demo_bsns())
    assert all(b.inburgeraar.bsn in bsns for b in Bericht.objects.select_related("inburgeraar"))
    document = Document.objects.first()
    with document.bestand.open("rb") as f:
        assert f.read().startswith(b"%PDF-")
    assert Bericht.objects.filter(richting="van_gemeente", door__isnull=True).count() == 0
    assert set(demo.seed(gemeenten, accounts).values()) == {0}
