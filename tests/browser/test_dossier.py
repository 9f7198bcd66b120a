"""The dossier as an adviseur works in it: from the werkvoorraad to the case, the header with
the next step in view, every tab its own page (bookmarkable, back button), each page accessible
(axe-core: nothing serious or critical, and no landmark or heading-order issue) and, on a phone
390 px wide, without horizontal scrolling."""

import re

import pytest
from playwright.sync_api import expect

from koers.inburgeraars.models import Inburgeraar
from tests.browser.conftest import assert_accessible, inloggen, open_tab, structuurfouten
from tests.browser.test_walkthrough_pip import zaak  # noqa: F401  (fixture)
from tests.dossier import tabs
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.browser

BREEDTE = 390


@pytest.fixture
def in_uitvoering(zaak, adviseur):  # noqa: F811
    traject = Inburgeraar.objects.get(pk=zaak.pk).huidig_traject
    met_vastgesteld_pip(traject, adviseur, op_de_dag=False)
    return zaak


def test_het_dossier_van_werkvoorraad_tot_elk_tabblad(page, in_uitvoering):
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.locator("#werkvoorraad-tabel a", has_text="Tesfaye").first.click()
    page.wait_for_url(re.compile(rf"/inburgeraars/{in_uitvoering.pk}/$"))
    kop = page.locator("#dossierkop")
    expect(kop.locator("h1")).to_contain_text("Tesfaye")
    expect(kop.locator("#kop-status")).to_have_text("PIP vastgesteld")
    # The phase decides the next step: after the PIP come hours, a gesprek, the PIP itself.
    expect(kop.locator("#volgende-stap-titel")).to_be_visible()
    assert kop.locator("#stap-uren").is_visible() and kop.locator("#stap-gesprek").is_visible()
    assert_accessible(page)
    assert structuurfouten(page) == []

    aangeboden = [t for t in tabs(page.content()) if t != "overzicht"]
    assert {"intake", "pip", "leerroute", "gesprekken", "tijdlijn", "duo"} <= set(aangeboden)
    for sleutel in aangeboden:
        open_tab(page, sleutel)
        assert page.locator("main h2").count() >= 1, sleutel
        expect(page.locator("#dossierkop h1")).to_contain_text("Tesfaye")
        assert_accessible(page)
        assert structuurfouten(page) == [], sleutel

    # Each tab is its own page: the back button returns to the previous tab.
    page.go_back()
    page.wait_for_url(re.compile(rf"/dossier/{aangeboden[-2]}/$"))
    expect(page.locator(f"#tab-{aangeboden[-2]}")).to_have_attribute("aria-current", "page")

    # The next step leads to its page: the hours of the leerroute.
    page.locator("#stap-uren").click()
    page.wait_for_url(re.compile(r"/leerroute/uren/$"))


def test_het_dossier_op_een_telefoon_scrollt_niet_opzij(page, in_uitvoering):
    page.set_viewport_size({"width": BREEDTE, "height": 800})
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{in_uitvoering.pk}/")
    breedtes = {}
    for sleutel in ["overzicht", *(t for t in tabs(page.content()) if t != "overzicht")]:
        if sleutel != "overzicht":
            open_tab(page, sleutel)
        breedtes[sleutel] = page.evaluate("document.documentElement.scrollWidth")
    assert len(breedtes) > 5
    assert {t: b for t, b in breedtes.items() if b > BREEDTE} == {}


# What an outside tryout measured on the single dossier page before it had tabs and a header:
# about 11,500 px high, with "Uren vastleggen" some 6,000 px down.
VOORHEEN_HOOGTE = 11_500
SCHERM = {"width": 1280, "height": 800}


def _hoogte(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def _klikken_naar(page, pk, stap_id: str, doel: re.Pattern) -> int:
    """The clicks it takes from the werkvoorraad to a task's form: the case, then the step in
    the header, which must be in the first screen (no scrolling)."""
    klikken = 0
    page.goto("/")
    page.locator("#werkvoorraad-tabel a", has_text="Tesfaye").first.click()
    klikken += 1
    page.wait_for_url(re.compile(rf"/inburgeraars/{pk}/$"))
    vak = page.locator(f"#{stap_id}").bounding_box()
    assert vak is not None and vak["y"] + vak["height"] <= SCHERM["height"], (stap_id, vak)
    page.locator(f"#{stap_id}").click()
    klikken += 1
    page.wait_for_url(doel)
    return klikken


def test_het_dossier_is_kort_en_de_taken_van_elke_dag_zijn_twee_klikken_weg(page, in_uitvoering):
    page.set_viewport_size(SCHERM)
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{in_uitvoering.pk}/")
    hoogtes = {"overzicht": _hoogte(page)}
    for sleutel in (t for t in tabs(page.content()) if t != "overzicht"):
        open_tab(page, sleutel)
        hoogtes[sleutel] = _hoogte(page)
    print("dossier heights (px):", hoogtes)
    # The overview fits a few screens; no tab comes near the old single page.
    assert hoogtes["overzicht"] <= 4 * SCHERM["height"], hoogtes
    assert max(hoogtes.values()) < VOORHEEN_HOOGTE / 2, hoogtes

    pk = in_uitvoering.pk
    klikken = {
        "uren": _klikken_naar(page, pk, "stap-uren", re.compile(r"/leerroute/uren/$")),
        "gesprek": _klikken_naar(page, pk, "stap-gesprek", re.compile(r"/gesprekken/nieuw/")),
    }
    assert klikken == {"uren": 2, "gesprek": 2}
