"""On a phone the main menu folds behind a "Menu" button, so a page starts in the first screen;
the button says when something new waits in the menu. From 48em up the menu is always open."""

import re

import pytest
from playwright.sync_api import expect

from koers.inburgeraars.models import Inburgeraar
from koers.portaal import services
from tests.browser.conftest import assert_accessible, inloggen, structuurfouten
from tests.browser.test_walkthrough_pip import zaak  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1280, "height": 900}


def test_het_menu_klapt_in_op_een_telefoon(page, zaak):  # noqa: F811
    services.stuur_bericht(Inburgeraar.objects.get(pk=zaak.pk), "Mag mijn les op donderdag?")
    page.set_viewport_size(TELEFOON)
    inloggen(page, "adviseur-weert")
    tabel = page.locator("#werkvoorraad-tabel")
    tabel.wait_for()
    knop = page.locator("#menuknop")
    expect(knop).to_be_visible()
    expect(knop).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#menu-portaal")).to_be_hidden()
    expect(page.locator("#menuknop-aantal")).to_have_text("1")
    # "nieuw" is for screen readers: in the button's name, not on the screen.
    expect(knop).to_have_accessible_name(re.compile(r"^Menu\s+1\s+nieuw$"))
    breedte = page.locator("#menuknop .utrecht-visually-hidden").evaluate(
        "e => e.getBoundingClientRect().width"
    )
    assert breedte <= 1, breedte
    # The page's heading is in the first screen, not below a screen of menu.
    kop = page.locator("main h1").bounding_box()
    assert kop is not None and kop["y"] + kop["height"] <= TELEFOON["height"] / 2, kop
    assert_accessible(page)
    assert structuurfouten(page) == []

    knop.click()
    expect(knop).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#menu-portaal-aantal")).to_have_text("1")
    assert_accessible(page)
    page.locator("#menu-portaal").click()
    page.wait_for_url(re.compile(r"/signalen/\?soort=portaal"))
    expect(page.locator("#menuknop")).to_have_attribute("aria-expanded", "false")

    # Wider than a phone: no button, the menu open.
    page.set_viewport_size(BUREAU)
    expect(page.locator("#menuknop")).to_be_hidden()
    expect(page.locator("#menu-portaal")).to_be_visible()
    page.set_viewport_size(TELEFOON)
    expect(page.locator("#menuknop")).to_be_visible()
    expect(page.locator("#menu-portaal")).to_be_hidden()
