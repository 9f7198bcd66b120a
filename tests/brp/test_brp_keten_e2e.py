"""The whole chain over real HTTP: the DUO simulator announces a person (SS139) to Koers' live
server, the worker opens the case without a name, the BRP job fetches the person from the BRP
simulator, and the case page shows his name and address."""

import pytest

from koers.brp import taken
from koers.brp.client import BrpClient
from koers.brp.models import BrpGegevens
from koers.duo import worker
from koers.duo.client import DuoClient
from koers.inburgeraars.models import Inburgeraar
from koers.taken import planner
from tests.brp.simulator_hulp import persoon
from tests.duo.simulator_hulp import AMIRA, duo_fixture, duo_sim_server_fixture  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def keten(duo, brp_sim, live_server, weert, settings):
    duo.sim.koers_url = live_server.url
    settings.DUO_BASE_URL = duo.base_url
    brp_sim.sim.zet_persoon(persoon(AMIRA, "Amira", "Saleh"))
    return duo, brp_sim


def test_ss139_opent_de_zaak_en_de_brp_vult_naam_en_adres_aan(keten, als, adviseur_weert):
    duo, brp_sim = keten
    assert duo.sim.notificeer("SS139", bsn=AMIRA).status == 201
    worker.ronde(client=DuoClient(base_url=duo.base_url))
    inburgeraar = Inburgeraar.objects.get(bsn=AMIRA)
    assert inburgeraar.huidig_traject is not None
    assert inburgeraar.volledige_naam == Inburgeraar.NAAM_ONBEKEND
    pagina = als(adviseur_weert).get(f"/inburgeraars/{inburgeraar.pk}/").content.decode()
    assert "BRP: nog niet opgehaald." in pagina

    # koers worker's BRP jobs, with the real planner.
    planner.draai(eenmalig=True, taken=taken.TAKEN, brp_client=BrpClient(base_url=brp_sim.base_url))

    assert [v["burgerservicenummer"] for v in brp_sim.sim.ontvangen] == [[AMIRA]]
    assert BrpGegevens.objects.get(pk=inburgeraar.pk).status == BrpGegevens.Status.OPGEHAALD
    pagina = als(adviseur_weert).get(f"/inburgeraars/{inburgeraar.pk}/").content.decode()
    assert "<title>Amira Saleh" in pagina or "Amira Saleh" in pagina.split("</h1>")[0]
    assert "Maaslandlaan 12" in pagina
    assert "Gegevens uit de BRP, opgehaald op" in pagina
    assert Inburgeraar.NAAM_ONBEKEND not in pagina
    tijdlijn = (
        als(adviseur_weert)
        .get(f"/inburgeraars/{inburgeraar.pk}/dossier/tijdlijn/")
        .content.decode()
    )
    assert "Persoonsgegevens opgehaald uit de BRP: voornamen, geslachtsnaam" in tijdlijn
