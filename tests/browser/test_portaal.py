"""Mijn Inburgering in a real browser on a phone (360 px): the demo login, the overview,
the plan, appointments, a message and an uploaded document, in Dutch; then in Arabic,
right-to-left with the layout mirrored. axe-core and the CSP on every page, both languages."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from koers.demo.personen import demo_bsns
from koers.portaal.models import Bericht, Document
from tests.beveiliging.test_upload_structuur import echte_pdf
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.browser

PDF = echte_pdf()
BREEDTE = 360
PAGINAS = (
    "menu-overzicht",
    "menu-plan",
    "menu-afspraken",
    "menu-voortgang",
    "menu-documenten",
    "menu-berichten",
    "menu-wie-bekeek",
)


def _dag(dagen_geleden: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=dagen_geleden)


@pytest.fixture
def yonas(weert):
    weert.telefoon = "14 0495"
    weert.save()
    adviseur = GebruikerFactory(
        username="adviseur-weert",
        first_name="Anouk",
        last_name="Jansen",
        email="a.jansen@weert.example",
        organisatie=weert.organisatie,
        rollen=["adviseur"],
    )
    inburgeraar = InburgeraarFactory(
        bsn=demo_bsns()[0],
        gemeente=weert,
        voornamen="Yonas",
        geslachtsnaam="Tesfay",
        vestigingsdatum=_dag(130),
        talen=["Tigrinya"],
    )
    traject = TrajectFactory(
        inburgeraar=inburgeraar,
        adviseur=adviseur,
        datum_start_plicht=_dag(120),
        datum_start_pip_termijn=_dag(110),
    )
    met_vastgesteld_pip(
        traject,
        adviseur,
        dagtekening=_dag(30),
        doelen={"meedoen": "Vrijwilligerswerk bij de voedselbank."},
    )
    return inburgeraar


def _naar(page, menu_id):
    page.click(f"#{menu_id}")
    page.wait_for_load_state()


def _nav_links(page):
    doos = page.locator("#menu-overzicht").bounding_box()
    return doos["x"] + doos["width"] / 2


def test_portaal_on_a_phone_in_dutch_and_arabic(page, yonas):
    page.set_viewport_size({"width": BREEDTE, "height": 800})

    # Login: an anonymous visitor goes to the portal login, then the demo login.
    page.goto("/mijn/")
    assert "/mijn/inloggen/" in page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
    page.click("#naar-demo-inlog")
    assert "Alleen voor de demo — geen echte DigiD" in page.content()
    assert_accessible(page)
    page.fill("#id_bsn", "123")
    page.click("#demo-inloggen")
    assert "Een BSN heeft 9 cijfers." in page.locator("#foutsamenvatting").inner_text()
    assert_accessible(page)
    page.fill("#id_bsn", yonas.bsn)
    page.click("#demo-inloggen")
    page.wait_for_url("**/mijn/")
    assert "Welkom, Yonas" in page.content()
    assert "Anouk Jansen" in page.locator("#contactpersoon").inner_text()
    screenshot(page, "portaal-overzicht")
    assert_accessible(page)

    # No horizontal scrolling on a 360 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= BREEDTE

    _naar(page, "menu-plan")
    assert "B1-route" in page.locator("#leerroute").inner_text()
    assert "Vrijwilligerswerk bij de voedselbank." in page.locator("#doelen").inner_text()
    assert_accessible(page)

    _naar(page, "menu-afspraken")
    assert page.locator("#komende-afspraken li").count() >= 1
    with page.expect_download() as download:
        page.click("#alle-ics")
    inhoud = Path(download.value.path()).read_bytes()
    assert inhoud.startswith(b"BEGIN:VCALENDAR\r\n") and b"BEGIN:VEVENT" in inhoud
    assert_accessible(page)

    _naar(page, "menu-berichten")
    page.click("#bericht-sturen")  # empty: a Dutch error, nothing sent
    assert "Schrijf eerst een bericht." in page.locator("#foutsamenvatting").inner_text()
    page.fill("#id_tekst", "Mag mijn les op donderdag?")
    page.click("#bericht-sturen")
    assert "Uw bericht is verstuurd." in page.content()
    assert "Mag mijn les op donderdag?" in page.locator("#berichten-lijst").inner_text()
    assert Bericht.objects.filter(inburgeraar=yonas, richting="van_inburgeraar").count() == 1
    assert_accessible(page)

    _naar(page, "menu-documenten")
    page.select_option("#id_soort", "diploma")
    page.set_input_files(
        "#id_bestand", files=[{"name": "diploma.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("#document-sturen")
    assert "Uw document is verstuurd naar uw adviseur." in page.content()
    assert "diploma.pdf" in page.locator("#mijn-documenten").inner_text()
    assert Document.objects.filter(inburgeraar=yonas).count() == 1
    assert_accessible(page)

    for menu in ("menu-voortgang", "menu-wie-bekeek"):
        _naar(page, menu)
        assert_accessible(page)

    # In Dutch the menu starts on the left.
    assert _nav_links(page) < BREEDTE / 2

    # Arabic: right-to-left, the layout mirrored.
    page.select_option("#taal-keuze", "ar")
    page.click("#taal-kiezen")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "من اطّلع على ملفي" in page.locator("h1").inner_text()
    assert _nav_links(page) > BREEDTE / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= BREEDTE
    screenshot(page, "portaal-arabisch")
    for menu in PAGINAS:
        _naar(page, menu)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert_accessible(page)
    assert "خطتي" in page.locator("#menu-plan").inner_text()
