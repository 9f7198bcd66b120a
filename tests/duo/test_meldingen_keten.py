"""End to end over real HTTP to the DUO simulator: vaststellen queues the PIP, the outbox
delivers it, DUO (the simulator, applying the same rules) accepts it or refuses it, and a
refusal shows on the case page with DUO's fouttekst. The contactpersoon gets DUO's id and is
linked to the person."""

from datetime import date, timedelta

import pytest
from django.conf import settings

from koers.duo import meldingen, outbox
from koers.duo.client import DuoClient
from koers.duo.models import Bericht, Contactpersoon
from koers.inburgeraars.services import wijs_adviseur_toe
from tests.duo.meldingen_gegevens import intake_af, vastgesteld
from tests.duo.simulator_hulp import AMIRA, duo_fixture, duo_sim_server_fixture  # noqa: F401
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.web.conftest import inloggen


@pytest.fixture
def client_duo(duo):
    return DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN)


@pytest.fixture
def amira(weert, adviseur_weert):
    """Amira lives in Weert at DUO since 120 days ago; Koers knows no vestigingsdatum yet."""
    vandaag = date.today()
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, bsn=AMIRA, vestigingsdatum=None),
        datum_start_plicht=vandaag - timedelta(days=130),
        datum_start_pip_termijn=vandaag - timedelta(days=30),
    )
    return intake_af(traject, adviseur_weert)


def test_pip_wordt_afgeleverd(amira, adviseur_weert, client_duo, duo):
    vastgesteld(amira, adviseur_weert, dagtekening=date.today() - timedelta(days=1))
    assert outbox.lever_af(client=client_duo) == 1
    bericht = Bericht.objects.get(soort="pip")
    assert bericht.status == Bericht.Status.AFGELEVERD, bericht.laatste_antwoord
    assert bericht.laatste_statuscode == 201
    pip = duo.call("getPipByBsn", bsn=AMIRA).json()
    assert pip["pip"]["leerroute"] == "B"


def test_geweigerde_pip_staat_op_de_casus(amira, adviseur_weert, client_duo, client):
    """Koers does not know the vestigingsdatum; DUO does, and refuses a dagtekening before
    it. The adviseur sees DUO's words on the case page."""
    vastgesteld(amira, adviseur_weert, dagtekening=date.today() - timedelta(days=125))
    outbox.lever_af(client=client_duo)
    bericht = Bericht.objects.get(soort="pip")
    assert bericht.status == Bericht.Status.GEWEIGERD
    assert bericht.laatste_statuscode == 400 and bericht.foutteksten
    html = (
        inloggen(client, adviseur_weert)
        .get(f"/inburgeraars/{amira.inburgeraar.pk}/dossier/duo/")
        .content.decode()
    )
    alert = html[html.index('id="duo-actie-nodig"') :]
    assert bericht.foutteksten[0] in alert


def test_contactpersoon_krijgt_id_en_wordt_gekoppeld(
    amira, adviseur_weert, teamleider_weert, weert, client_duo
):
    weert.telefoon = "0495 575 000"
    weert.save()
    adviseur_weert.email = "alice@weert.nl"
    adviseur_weert.save()
    wijs_adviseur_toe(amira, adviseur_weert, teamleider_weert)
    outbox.lever_af(client=client_duo)
    assert meldingen.verwerk_contactpersonen() == 1
    cp = Contactpersoon.objects.get()
    assert cp.duo_id
    outbox.lever_af(client=client_duo)
    koppel = Bericht.objects.get(operation_id="postContactpersoonByBsn")
    assert koppel.status == Bericht.Status.AFGELEVERD, koppel.laatste_antwoord
