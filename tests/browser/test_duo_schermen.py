"""The chain's screens in a real browser, checked with axe-core: a refusal by DUO on the case
page, and the message monitor of functioneel beheer."""

import re

import pytest
from playwright.sync_api import expect

from koers.duo.models import Bericht
from tests.browser.conftest import assert_accessible, inloggen, screenshot
from tests.browser.test_walkthrough_pip import zaak  # noqa: F401  (fixture)
from tests.factories import GebruikerFactory, OrganisatieFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def geweigerd(zaak, weert):  # noqa: F811  (zaak is the imported fixture)
    return Bericht.objects.create(
        soort="pip",
        operation_id="postPipByBsn",
        methode="POST",
        pad=f"/personen/{zaak.bsn}/PIP",
        body={"dagtekeningPip": "2026-11-01", "leerroute": "B"},
        gemeente=weert,
        traject=zaak.huidig_traject,
        status=Bericht.Status.GEWEIGERD,
        pogingen=1,
        laatste_statuscode=400,
        foutteksten=["De dagtekening ligt voor de vestiging in de gemeente."],
    )


def test_adviseur_ziet_de_weigering_van_duo_op_de_zaak(page, zaak, geweigerd):  # noqa: F811
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{zaak.pk}/")
    # The overview says DUO refused a message; its link opens the DUO tab at DUO's words.
    expect(page.locator("#duo-waarschuwing")).to_contain_text("DUO heeft een melding niet verwerkt")
    assert_accessible(page)
    page.locator("#naar-duo-actie").click()
    page.wait_for_url(re.compile(rf"/inburgeraars/{zaak.pk}/dossier/duo/#duo-actie-nodig$"))
    alert = page.locator("#duo-actie-nodig")
    assert "De dagtekening ligt voor de vestiging" in alert.inner_text()
    expect(page.locator("#tab-duo")).to_have_attribute("aria-current", "page")
    assert_accessible(page)


def test_beheerder_ziet_en_verstuurt_berichten_opnieuw(page, geweigerd, db):
    org = OrganisatieFactory(naam="Koers functioneel beheer", soort="overig")
    GebruikerFactory(
        username="beheer", organisatie=org, rollen=["beheerder"], is_staff=True, demo_account=True
    )
    inloggen(page, "beheer")
    page.locator("#naar-duo-berichten").click()
    page.wait_for_url(re.compile(r"/beheer-duo/"))
    tabel = page.locator("table").first
    assert "PIP" in tabel.inner_text()
    assert geweigerd.traject.inburgeraar.bsn not in page.content()  # masked
    assert_accessible(page)
    screenshot(page, "duo-berichten")
    tabel.locator("tbody a").first.click()
    page.wait_for_url(re.compile(r"/beheer-duo/berichten/\d+/$"))
    expect(page.get_by_role("main")).to_contain_text("postPipByBsn")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Opnieuw versturen")).click()
    expect(page.get_by_text("Het bericht staat weer klaar om te versturen.")).to_be_visible()
    geweigerd.refresh_from_db()
    assert geweigerd.status == Bericht.Status.WACHTEND
