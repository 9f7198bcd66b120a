"""Mijn Inburgering on a phone 390 px wide in Dutch, Arabic and Tigrinya: no page scrolls
sideways, the beschikking is under Documenten and downloads, dates are written out, the
adviseur's Dutch stays left-to-right inside Arabic, and Tigrinya is drawn with the font Koers
ships (the machine has no Ethiopic font of its own). axe-core on every page: nothing serious or
critical, no landmark or heading-order issue."""

import pytest
from playwright.sync_api import expect

from koers.pip.models import Beschikking
from koers.portaal import services
from tests.browser.conftest import STRUCTUUR, assert_accessible, axe_violations, structuurfouten
from tests.browser.test_portaal import PAGINAS, yonas  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

BREEDTE = 390
FONT = "Koers Noto Sans Ethiopic"


def _goed(page):
    assert_accessible(page)
    structuur = structuurfouten(page)
    assert structuur == [], (
        page.url,
        [
            [n["target"] for n in v["nodes"][:3]]
            for v in axe_violations(page, minimum=("moderate",))
            if v["id"] in STRUCTUUR
        ],
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= BREEDTE, page.url


def _taal(page, code):
    page.select_option("#taal-keuze", code)
    page.click("#taal-kiezen")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == code


def _elke_pagina(page):
    for menu in PAGINAS:
        page.click(f"#{menu}")
        page.wait_for_load_state()
        _goed(page)


def _ethiopisch_geladen(page) -> list[str]:
    """The faces of the shipped font that the page loaded (after the fonts settled)."""
    return page.evaluate(
        """async (naam) => {
            await document.fonts.ready;
            return [...document.fonts]
                .filter((f) => f.family.replace(/["']/g, "") === naam && f.status === "loaded")
                .map((f) => f.weight);
        }""",
        FONT,
    )


def test_the_portal_in_dutch_arabic_and_tigrinya_on_a_phone(page, yonas):  # noqa: F811
    adviseur = yonas.huidig_traject.adviseur
    services.beantwoord(adviseur, yonas, "Tot donderdag in het gemeentehuis.")
    kenmerk = Beschikking.objects.get(pip__traject=yonas.huidig_traject).kenmerk
    page.set_viewport_size({"width": BREEDTE, "height": 800})
    page.goto("/mijn/inloggen/demo/")
    page.fill("#id_bsn", yonas.bsn)
    page.click("#demo-inloggen")
    page.wait_for_url("**/mijn/")

    # Dutch: every page, the beschikking under Documenten.
    _elke_pagina(page)
    page.click("#menu-documenten")
    page.wait_for_load_state()
    link = page.locator("#mijn-beschikkingen a").first
    expect(link).to_contain_text("Besluit over uw plan van")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{kenmerk}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Arabic: right-to-left; the adviseur's Dutch marked left-to-right.
    _taal(page, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    _elke_pagina(page)
    page.click("#menu-berichten")
    page.wait_for_load_state()
    tekst = page.locator(".portaal-bericht--gemeente .portaal-bericht__tekst").first
    assert tekst.get_attribute("dir") == "ltr" and tekst.get_attribute("lang") == "nl"
    assert tekst.evaluate("e => getComputedStyle(e).direction") == "ltr"

    # Tigrinya: the Ethiopic script with the shipped font, dates in Tigrinya.
    _taal(page, "ti")
    _elke_pagina(page)
    page.click("#menu-documenten")
    page.wait_for_load_state()
    expect(page.locator("#mijn-beschikkingen")).to_contain_text("PDF")
    familie = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert familie.startswith(f'"{FONT}"')
    assert "400" in _ethiopisch_geladen(page)
    assert page.evaluate("(naam) => document.fonts.check(`16px \"${naam}\"`, 'ሰነዳት')", FONT)
