"""Other lists of cases are logged too, read over the demo data (seeded once for the module):
one record per case shown, with the section the list shows and the channel, by ids only."""

import pytest

from koers.inburgeraars.models import Traject
from koers.organisaties.models import Gebruiker
from koers.verwerkingen import rules
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import verifieer

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(demo_per_module, db, settings):
    settings.DEMO = True
    return {
        u.username: u
        for u in Gebruiker.objects.filter(
            username__in=["adviseur-weert", "teamleider-weert", "uitkering-weert"]
        )
    }


@pytest.mark.parametrize(
    "wie, pad, sectie",
    [
        ("teamleider-weert", "/signalen/", "signalen"),
        ("uitkering-weert", "/ontzorgen/?alle=1", "ontzorgen"),
        ("adviseur-weert", "/netwerk/instroomklas/?alle=1", "netwerk"),
        ("adviseur-weert", "/api/v1/signalen?alle=true", "signalen"),
        ("adviseur-weert", "/api/v1/instroomklas", "netwerk"),
    ],
)
def test_other_lists_of_cases_are_logged(als, api, demo, wie, pad, sectie):
    user = demo[wie]
    client = api(user) if pad.startswith("/api/") else als(user)
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    rijen = list(Verwerking.objects.filter(activiteit=rules.ACTIVITEIT_LIJST))
    assert rijen, f"{pad} logged nothing"
    assert all(sectie in v.secties and v.actor_naam == wie for v in rijen)
    assert all(v.kanaal == ("api" if pad.startswith("/api/") else "ui") for v in rijen)
    # Each record names a real case of the list, by its ids (never by name).
    trajecten = dict(
        Traject.objects.filter(pk__in=[v.traject_id for v in rijen]).values_list(
            "pk", "inburgeraar_id"
        )
    )
    assert all(trajecten[v.traject_id] == v.inburgeraar_id for v in rijen)
    assert verifieer() is None
