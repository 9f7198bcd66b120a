"""Demo data of the netwerk part: tolken for Arabisch, Tigrinya, Turks and Oekraïens, a few
ervaringsdeskundigen, the instroomklas of Weert with several persons, referrals."""

import pytest

from koers.demo import organisaties as organisatie_demo
from koers.demo import personen as demo_personen
from koers.netwerk import demo, rules, signalen
from koers.netwerk.models import (
    Ervaringsdeskundige,
    InstroomklasPlaatsing,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    gemeenten = organisatie_demo.seed_organisaties()
    accounts = organisatie_demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    aantallen = demo.seed(gemeenten, accounts)
    assert aantallen["tolken"] == 10 and aantallen["ervaringsdeskundigen"] == 5
    weert = gemeenten["0988"]
    talen = {t for tolk in Tolk.objects.filter(gemeente=weert) for t in tolk.talen}
    assert {"Arabisch", "Tigrinya", "Turks", "Oekraïens"} <= talen
    assert InstroomklasPlaatsing.objects.filter(gemeente=weert, einddatum=None).count() >= 4
    assert Tolkboeking.objects.count() >= 5
    assert Taalverwijzing.objects.count() >= 4
    assert Ervaringsdeskundige.objects.filter(gemeente=weert).count() == 3
    # The demo shows both signals.
    from koers.inburgeraars.services import vandaag

    soorten = {b.soort for b in signalen.BRONNEN if list(b.rijen(vandaag()))}
    assert soorten == {"instroomklas_te_lang", "tolkboeking_bevestigen"}
    for boeking in Tolkboeking.objects.all():
        assert boeking.kosten == rules.kosten(
            boeking.tarief_per_uur, boeking.duur_minuten, boeking.status
        )
    assert set(demo.seed(gemeenten, accounts).values()) == {0}
