"""Financiën in a real browser: financiën opens the dashboard from the menu, reads the
budget chart with its table, adds a contract (a refusal first); the adviseur registers a
cost on his case from the case page. axe-core and the CSP on every page.

The dashboard's tables depend on the year and on what is before or after today, so the
walk-through runs on fixed days (the first and the last of a year) instead of today's date."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from koers.organisaties.models import Budget
from koers.sturing.models import Contract, Kostenpost
from tests.browser.conftest import assert_accessible, inloggen, open_tab
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser


def _gebruiker(weert, username, rol):
    return GebruikerFactory(
        username=username,
        gemeente=weert,
        rollen=[rol],
        first_name="Fien",
        last_name="Financiën",
        demo_account=True,
    )


@pytest.mark.parametrize(
    "vandaag",
    [dt.datetime(2026, 1, 2, 9, 0, tzinfo=dt.UTC), dt.datetime(2027, 12, 31, 15, 0, tzinfo=dt.UTC)],
    ids=["begin-jaar", "eind-jaar"],
)
def test_financien_reads_the_dashboard_and_adds_a_contract(page, weert, time_machine, vandaag):
    time_machine.move_to(vandaag, tick=True)
    jaar = timezone.localdate().year
    assert jaar == vandaag.year
    Budget.objects.create(gemeente=weert, jaar=jaar, stroom="uitvoering", bedrag=Decimal("5000"))
    _gebruiker(weert, "financien", "financien")
    inloggen(page, "financien")
    page.locator("#menu-financien").click()
    expect(page.locator("h1")).to_have_text(f"Financiën: Weert, {jaar}")
    grafiek = page.locator("svg#budget-grafiek")
    assert grafiek.get_attribute("role") == "img"
    assert "€ 5.000,00" in page.locator("#tabel-budget").inner_text()
    assert_accessible(page)
    # The monthly table is wider than a phone: its scrolling box is a named region that a
    # keyboard user reaches with Tab and scrolls with the arrow keys.
    maanden = page.locator("#sectie-per-maand .koers-tabel-container")
    assert maanden.get_attribute("role") == "region"
    assert maanden.get_attribute("tabindex") == "0"
    page.set_viewport_size({"width": 390, "height": 800})
    maanden.focus()
    gefocust = page.evaluate("document.activeElement.getAttribute('aria-labelledby')")
    assert gefocust == "per-maand-tabel"
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert maanden.evaluate("el => el.scrollLeft") > 0
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator("#contract-nieuw").click()
    page.locator("#id_aanbieder_naam").fill("Tolkdienst Zuid")
    page.locator("#id_voorziening").select_option("tolken")
    page.locator("#id_eenheid").select_option("uur")
    page.locator("#id_tarief").fill("-4")
    page.locator("#id_geldig_van").fill(f"{jaar}-01-01")
    page.locator("#contract-bewaren").click()
    expect(page.locator("#foutsamenvatting")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_tarief").fill("48,00")
    page.locator("#contract-bewaren").click()
    expect(page.locator("#tabel-contracten")).to_contain_text("Tolkdienst Zuid")
    assert Contract.objects.get().tarief == Decimal("48.00")

    # The SPUK is entered when it becomes known; "125.000" is read the Dutch way.
    page.locator("#budget-invullen").click()
    assert_accessible(page)
    page.locator("#id_stroom").select_option("spuk")
    page.locator("#id_bedrag").fill("125.000")
    page.locator("#budget-bewaren").click()
    assert "€ 125.000,00" in page.locator("#tabel-budget").inner_text()
    assert Budget.objects.get(gemeente=weert, jaar=jaar, stroom="spuk").bedrag == 125000


def test_adviseur_registers_a_cost_from_the_case_page(page, weert):
    adviseur = _gebruiker(weert, "adviseur", "adviseur")
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur)
    contract = Contract.objects.create(
        gemeente=weert,
        aanbieder_naam="Taalschool",
        voorziening="leerroute",
        eenheid="uur",
        tarief=Decimal("60"),
        geldig_van=dt.date(2020, 1, 1),
    )
    inloggen(page, "adviseur")
    page.goto(f"/inburgeraars/{traject.inburgeraar.pk}/")
    open_tab(page, "kosten")
    page.locator("#kosten-registreren").click()
    page.locator("#id_voorziening").select_option("leerroute")
    page.locator("#id_contract").select_option(str(contract.pk))
    page.locator("#id_aantal").fill("4")
    page.locator("#kosten-bewaren").click()
    assert "€ 240,00" in page.locator("#kostenposten").inner_text()
    assert Kostenpost.objects.get().bedrag == Decimal("240.00")
    assert_accessible(page)


def test_financien_pages_without_a_budget_fit_a_phone(page, weert, time_machine):
    """A year without a budget: an empty state with the way to enter it, no negative
    "nog beschikbaar"; every Financiën page passes axe and fits 390 px."""
    from tests.browser.test_sturing import controleer_pagina

    time_machine.move_to(dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC), tick=True)
    adviseur = _gebruiker(weert, "adviseur", "adviseur")
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur)
    Kostenpost.objects.create(
        traject=traject,
        gemeente=weert,
        voorziening="tolken",
        doelgroepindeling="Asielstatushouder",
        datum=dt.date(2026, 3, 1),
        bedrag=Decimal("1250"),
    )
    _gebruiker(weert, "financien", "financien")
    inloggen(page, "financien")
    page.goto("/sturing/financien/?jaar=2026")
    expect(page.locator("#geen-budget")).to_be_visible()
    budget = page.locator("#tabel-budget").inner_text()
    assert "€ 1.250,00" in budget and "€ -" not in budget
    assert "€ -" not in page.locator("#tabel-per-maand").inner_text()
    # Numbers are right-aligned.
    cel = page.locator("#tabel-budget td").first
    assert cel.evaluate("el => getComputedStyle(el).textAlign") in ("right", "end")
    controleer_pagina(page)
    for pad in ("/sturing/budget/?jaar=2026", "/sturing/contracten/nieuw/"):
        page.goto(pad)
        controleer_pagina(page)
    page.goto("/sturing/financien/?jaar=2026")
    page.locator("#budget-invullen").click()
    expect(page.locator("#id_bedrag")).to_be_visible()

    page.context.clear_cookies()
    inloggen(page, "adviseur")
    page.goto(f"/sturing/kosten/{traject.inburgeraar.pk}/")
    assert "€ 1.250,00" in page.locator("#kostenposten").inner_text()
    controleer_pagina(page)


def test_financien_reads_an_overspent_budget_and_downloads_it(page, weert, time_machine):
    """More spent than budgeted: "Nog beschikbaar" is negative. On the page the amounts have
    thousands separators and are right-aligned; in the CSV the negative amount is a number
    Dutch Excel reads ("-1250,50", not "'-1250,50"); in the XLSX every amount is a number.
    The long label of the chart wraps over lines instead of being cut off."""
    from tests.browser.test_sturing import controleer_pagina

    time_machine.move_to(dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC), tick=True)
    adviseur = _gebruiker(weert, "adviseur", "adviseur")
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur)
    Budget.objects.create(gemeente=weert, jaar=2026, stroom="spuk", bedrag=Decimal("1000"))
    for voorziening, indeling, bedrag in (
        ("tolken", "Asielstatushouder", "2250.50"),
        # A gezinsmigrant's leerroute: booked, but no stream of the gemeente pays it.
        ("leerroute", "Gezinsmigrant", "300"),
    ):
        Kostenpost.objects.create(
            traject=traject,
            gemeente=weert,
            voorziening=voorziening,
            doelgroepindeling=indeling,
            datum=dt.date(2026, 3, 1),
            bedrag=Decimal(bedrag),
        )
    _gebruiker(weert, "financien", "financien")
    inloggen(page, "financien")
    page.goto("/sturing/financien/?jaar=2026")
    budget = page.locator("#tabel-budget").inner_text()
    assert "€ 2.250,50" in budget and "€ -1.250,50" in budget
    assert "2250,5" not in budget
    # The chart's label "Geen budget: kosten die de gemeente niet hoort te dragen" is longer
    # than a line: it takes several lines, each whole words, and none ends in "…".
    regels = [
        t.locator("tspan").all_text_contents()
        for t in page.locator("svg#budget-grafiek text[text-anchor='end']").all()
    ]
    lang = next(r for r in regels if r and r[0].startswith("Geen budget"))
    assert len(lang) >= 2
    assert " ".join(lang) == "Geen budget: kosten die de gemeente niet hoort te dragen"
    assert not any("…" in regel for r in regels for regel in r)
    controleer_pagina(page)

    with page.expect_download() as download:
        page.locator("#export-csv").click()
    tekst = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    totaal = next(r for r in rijen if r and r[0] == "Totaal" and len(r) == 4)
    assert totaal[1:] == ["1000,00", "2550,50", "-1250,50"]

    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    werkboek = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    blad = next(b for b in werkboek.worksheets if b.title.startswith("Budget"))
    rij = next(r for r in blad.iter_rows(values_only=True) if r[0] == "Totaal")
    assert rij[1:] == (1000, 2550.5, -1250.5)
    assert all(isinstance(w, int | float) for w in rij[1:])
