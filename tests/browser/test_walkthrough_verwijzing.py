"""A referral to a ketenpartner in a real browser, on the demo data: the adviseur of Weert
refers Samir Haidari to Werk.Kom for the MAP; the Werk.Kom user logs in, lands on his
Verwijzingen, accepts, sees only the parts of the case the MAP needs (no intake, no
health), reports progress (first a typing error, refused in Dutch), and closes; then the
case is out of his reach, and the adviseur sees the progress on the case page and its
timeline. axe-core and the CSP check on every page."""

import re

import pytest
from playwright.sync_api import expect

from koers.demo import organisaties as demo
from koers.inburgeraars.models import Inburgeraar
from koers.organisaties.models import Gebruiker
from koers.partners.models import Verwijzing
from tests.browser.conftest import assert_accessible, open_tab
from tests.browser.test_walkthrough_zroute import _geen_fout, _klik

pytestmark = pytest.mark.browser
WACHTWOORD = demo.DEMO_WACHTWOORD


@pytest.fixture
def samir(db):
    demo.seed()
    return Inburgeraar.objects.get(voornamen="Samir", geslachtsnaam="Haidari")


def _inloggen(page, username):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    with page.expect_navigation():
        page.locator("#inloggen").click()


def test_verwijzing_naar_werkkom_voor_de_map(page, samir):
    # The adviseur refers the case from the case page.
    _inloggen(page, "adviseur-weert")
    page.goto(f"/inburgeraars/{samir.pk}/")
    assert_accessible(page)
    open_tab(page, "verwijzingen")
    expect(page.locator("#verwijzingen")).to_be_visible()
    _klik(page, "#naar-verwijzen")
    assert_accessible(page)
    page.locator("#id_taak").select_option("map")
    werkkom = Gebruiker.objects.get(username="werkkom").organisatie
    page.locator("#id_organisatie").select_option(str(werkkom.pk))
    page.locator("#id_vraag").fill("Samir wil automonteur worden. Graag de MAP.")
    _klik(page, "#verwijzen")
    page.wait_for_url(re.compile(rf"/inburgeraars/{samir.pk}/(dossier/[a-z-]+/)?(#.*)?$"))
    _geen_fout(page)
    assert_accessible(page)
    verwijzing = Verwijzing.objects.get(traject__inburgeraar=samir, taak="map")
    assert page.locator(f"#verwijzing-{verwijzing.pk}-status").inner_text() == "Aangeboden"
    open_tab(page, "tijdlijn")
    assert "Verwezen naar Werk.Kom" in page.locator("#tijdlijn").inner_text()
    _klik(page, "#uitloggen")

    # Werk.Kom: the werkvoorraad sends him to his Verwijzingen.
    _inloggen(page, "werkkom")
    page.wait_for_url(re.compile(r"/verwijzingen/$"))
    assert_accessible(page)
    _klik(page, f"#verwijzing-link-{verwijzing.pk}")
    assert_accessible(page)
    assert page.locator("#naar-casus").count() == 0  # offered: no case yet
    _klik(page, "#accepteren")
    assert_accessible(page)
    # The case page shows the MAP's parts only.
    _klik(page, "#naar-casus")
    assert_accessible(page)
    # Nothing of the brede intake in the dossier: it is the gemeente's document. No tab
    # for it, nor for the PIP, the timeline or begeleiding.
    verborgen = (
        "#onderwerp-werkervaring",
        "#onderwerp-gezondheid",
        "#onderwerp-gezinssituatie",
        "#positieve-gezondheid",
        "#pip",
        "#traject",
        "#tijdlijn",
        "#begeleiding",
        "#ontzorgen",
        "#tab-intake",
        "#tab-pip",
        "#tab-tijdlijn",
        "#tab-begeleiding",
    )
    for sectie in verborgen:
        assert page.locator(sectie).count() == 0, sectie
    open_tab(page, "modules")
    expect(page.locator("#modules")).to_be_visible()
    for sectie in verborgen:
        assert page.locator(sectie).count() == 0, sectie
    open_tab(page, "verwijzingen")
    _klik(page, f"#naar-verwijzing-{verwijzing.pk}")
    # The referral itself shows the intake topics about work that the MAP needs, no others.
    assert page.locator("#werk-onderwerp-werkervaring").count() == 1
    assert page.locator("#werk-onderwerp-gezondheid").count() == 0

    # A typing error is refused in Dutch, then the report is saved.
    page.locator("#id_voortgang-afspraken_gepland").fill("2")
    page.locator("#id_voortgang-afspraken_aanwezig").fill("3")
    _klik(page, "#voortgang-opslaan")
    assert (
        "Er kunnen niet meer afspraken bijgewoond zijn"
        in page.locator("#foutsamenvatting").inner_text()
    )
    assert_accessible(page)
    page.locator("#id_voortgang-uren").fill("6,5")
    page.locator("#id_voortgang-afspraken_gepland").fill("4")
    page.locator("#id_voortgang-afspraken_aanwezig").fill("3")
    page.locator("#id_voortgang-resultaten").fill("Cv gemaakt, twee garages bezocht.")
    _klik(page, "#voortgang-opslaan")
    _geen_fout(page)
    assert_accessible(page)
    assert "In totaal 6,5 uur." in page.locator("#voortgang-totaal").inner_text()
    page.locator("#id_afsluiten-resultaat").select_option("behaald")
    page.locator("#id_afsluiten-eindverslag").fill("MAP afgerond; stage bij een garage.")
    _klik(page, "#afsluiten-knop")
    page.wait_for_url(re.compile(r"/verwijzingen/$"))
    assert_accessible(page)
    antwoord = page.goto(f"/inburgeraars/{samir.pk}/")
    assert antwoord.status == 404
    page.goto("/verwijzingen/")
    _klik(page, "#uitloggen")

    # The adviseur sees it all on the case.
    _inloggen(page, "adviseur-weert")
    page.goto(f"/inburgeraars/{samir.pk}/")
    assert_accessible(page)
    open_tab(page, "verwijzingen")
    sectie = page.locator(f"#verwijzing-{verwijzing.pk}").inner_text()
    assert "Afgesloten" in sectie and "In totaal 6,5 uur." in sectie
    assert "Cv gemaakt, twee garages bezocht." in sectie
    assert "MAP afgerond; stage bij een garage." in sectie
    open_tab(page, "tijdlijn")
    tijdlijn = page.locator("#tijdlijn").inner_text()
    assert "Werk.Kom accepteert de verwijzing" in tijdlijn
    assert "Voortgang van Werk.Kom" in tijdlijn
