"""The retry buttons of functioneel beheer in a real browser, checked with axe-core: a
notification in ``fout`` with its reason and a repeated berichtId on the notifications page,
failed messages on the messages page."""

import re
import uuid

import pytest
from django.utils import timezone

from koers.duo.models import Bericht, Notificatie, NotificatieConflict
from tests.browser.conftest import assert_accessible
from tests.browser.test_walkthrough_pip import WACHTWOORD, inloggen
from tests.factories import GebruikerFactory, OrganisatieFactory, valid_bsn

pytestmark = pytest.mark.browser


@pytest.fixture
def beheer(db):
    org = OrganisatieFactory(naam="Koers functioneel beheer", soort="overig")
    return GebruikerFactory(
        username="beheer",
        organisatie=org,
        rollen=["beheerder"],
        is_staff=True,
        is_demo_account=True,
        password=WACHTWOORD,
    )


def test_beheerder_verwerkt_een_notificatie_met_fout_opnieuw(page, beheer, weert):
    n = Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        bron="00000001234567890000",
        doel=weert.oin,
        gemeente=weert,
        gebeurtenis_id="SS102",
        bsn=valid_bsn(41),
        registratie_datum_tijd=timezone.now(),
        status=Notificatie.Status.FOUT,
        pogingen=8,
        mislukt_sinds=timezone.now(),
        volgende_poging_op=timezone.now() + timezone.timedelta(hours=1),
        fout="DUO is tijdelijk niet beschikbaar (HTTP 503). Koers probeert het zelf opnieuw.",
    )
    NotificatieConflict.objects.create(
        notificatie=n, inhoud_hash="a" * 64, afwijkend={"gebeurtenis_id": "SS103"}
    )
    inloggen(page, "beheer")
    page.goto("/beheer-duo/notificaties/")
    assert "HTTP 503" in page.locator("#notificaties").inner_text()
    assert "SS103" in page.locator("#conflicten").inner_text()
    assert valid_bsn(41) not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("SS102.*opnieuw verwerken")).click()
    page.wait_for_url(re.compile(r"/beheer-duo/notificaties/$"))
    n.refresh_from_db()
    assert n.status == Notificatie.Status.NIEUW


def test_beheerder_verstuurt_alle_mislukte_meldingen_opnieuw(page, beheer, weert):
    bericht = Bericht.objects.create(
        soort="uren",
        operation_id="updateUrenTaallesEnKnmByBSN",
        methode="PUT",
        pad=f"/personen/{valid_bsn(42)}/uren/TaallesEnKnm",
        body={"uren": 3},
        gemeente=weert,
        status=Bericht.Status.MISLUKT,
        pogingen=84,
        laatste_statuscode=503,
    )
    inloggen(page, "beheer")
    page.goto("/beheer-duo/")
    assert_accessible(page)
    page.get_by_role("button", name="Alle mislukte meldingen opnieuw versturen").click()
    page.wait_for_url(re.compile(r"/beheer-duo/$"))
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.WACHTEND, 0)
