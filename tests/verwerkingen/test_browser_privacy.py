"""The privacy officer's pages in a real browser: search, the inzage downloads and the
bewaartermijn report — accessible (axe-core) and within the CSP."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine

from koers.inburgeraars import services as inburgeraar_services
from koers.verwerkingen.models import Verwerking
from tests.browser.conftest import assert_accessible, inloggen
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(weert):
    return GebruikerFactory(
        username="privacy", gemeente=weert, rollen=["privacy"], demo_account=True
    )


def test_privacy_officer_searches_exports_and_sees_the_retention_report(
    page, officer, weert, adviseur_weert
):
    persoon = InburgeraarFactory(gemeente=weert, geslachtsnaam="Tesfaye")
    TrajectFactory(inburgeraar=persoon, adviseur=adviseur_weert)
    oud = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur_weert)
    with time_machine.travel(dt.datetime(2019, 3, 1, 12), tick=False):
        inburgeraar_services.wijzig_status(
            oud, "afgerond", adviseur_weert, reden="verhuisd", toelichting="Verhuisd."
        )
    inburgeraar_services.wijzig_gegevens(persoon, adviseur_weert, telefoon="0612345678")

    inloggen(page, "privacy")
    page.locator("#menu-verwerkingen").click()
    page.get_by_label("BSN van de inburgeraar").fill(persoon.bsn)
    page.locator("#verwerkingen-zoeken").click()
    page.locator("#verwerkingen-lijst").wait_for()
    assert_accessible(page)

    with page.expect_download() as download:
        page.locator("#inzage-pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as download:
        page.locator("#inzage-json").click()
    assert b'"inburgeraars.Inburgeraar"' in Path(download.value.path()).read_bytes()
    assert Verwerking.objects.filter(inburgeraar_id=persoon.pk, kanaal="export").count() == 2

    page.locator("#naar-bewaartermijn").click()
    page.locator("#bewaartermijn-lijst").wait_for()
    assert page.locator(f"#bewaar-{oud.pk}").count() == 1
    assert_accessible(page)


def test_privacy_officer_keeps_the_register_of_processing_activities(page, officer, weert):
    inloggen(page, "privacy")
    page.locator("#menu-register").click()
    page.locator("#register-lijst").wait_for()
    assert_accessible(page)
    page.locator("#wijzig-inburgering-duo").click()
    page.locator("#register-form").wait_for()
    page.get_by_label("Naam", exact=True).fill("")
    page.locator("#register-bewaren").click()
    page.locator("#foutsamenvatting").wait_for()
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Uitwisseling met DUO")
    page.get_by_label("Status van de grondslag").fill("wet (nagekeken)")
    page.locator("#register-bewaren").click()
    page.locator("#register-lijst").wait_for()
    regel = weert.verwerkingsactiviteiten.get(code="inburgering-duo")
    assert (regel.naam, regel.grondslag_status) == ("Uitwisseling met DUO", "wet (nagekeken)")
    assert "Uitwisseling met DUO" in page.locator("#register-inburgering-duo").inner_text()
    # The edit is version 2; version 1 stays readable.
    page.locator("#versies-inburgering-duo").click()
    page.locator("#versie-2").wait_for()
    assert "Uitwisseling met DUO" in page.locator("#versie-2").inner_text()
    assert "Gegevensuitwisseling met DUO" in page.locator("#versie-1").inner_text()
    assert_accessible(page)
