"""The sturing dashboards in a real browser: beleid logs in, opens Sturing from the menu,
filters, reads a chart with its table (small counts as "<5"), the procesindicatoren and the
taakstelling form, and downloads the exports (CSV and XLSX, numbers as numbers); the
teamleider sees exact figures with links to the case list. axe-core (no serious or critical
violations) and the CSP on every page.

The figures are made for a fixed day (15 July 2026), not for today: the first half of a year
is then complete whatever day the suite runs."""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from koers.organisaties.models import Taakstelling
from tests.browser.conftest import assert_accessible, axe_violations, inloggen, screenshot
from tests.factories import GebruikerFactory
from tests.sturing.conftest import gesprek, maak

pytestmark = pytest.mark.browser


VANDAAG = dt.datetime(2026, 7, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def cijfers(weert, time_machine):
    """The first half of 2026 in Weert, seen on 15 July 2026: 12 asielstatushouders (10 in
    uitvoering, 2 in the brede intake) and 6 gezinsmigranten, 5 of them Turkse nieuwkomers."""
    time_machine.move_to(VANDAAG, tick=True)
    jaar = timezone.localdate().year
    assert jaar == 2026
    for i in range(12):
        dag = f"{i + 10:02d}"
        t = maak(
            weert,
            aangemeld=f"{jaar}-02-{dag}",
            klok=f"{jaar}-02-{dag}",
            intake=f"{jaar}-03-{dag}",
            pip=f"{jaar}-04-{dag}" if i < 10 else None,
            gevestigd=f"{jaar}-01-15",
            status="in_uitvoering" if i < 10 else "brede_intake",
            naam=f"Browsernaam{i}",
        )
        gesprek(
            t,
            gepland=f"{jaar}-05-01",
            gehouden=f"{jaar}-05-{dag}",
            scores={"zingeving": 4},
            interventies=["taal"],
        )
        gesprek(t, gehouden=f"{jaar}-06-01", scores={"zingeving": 6 + i % 3})
    for i in range(6):
        maak(
            weert,
            aangemeld=f"{jaar}-03-0{i + 1}",
            doelgroep="Gezinsvormer",
            turks=i < 5,
            naam=f"Browserturks{i}",
        )
    Taakstelling.objects.create(gemeente=weert, jaar=jaar, halfjaar=1, aantal=39)
    return jaar


def _gebruiker(weert, username, rol):
    return GebruikerFactory(
        username=username,
        gemeente=weert,
        rollen=[rol],
        first_name="Bea",
        last_name="Beleid",
        demo_account=True,
    )


def test_beleid_reads_the_dashboards(page, weert, cijfers):
    _gebruiker(weert, "beleid", "beleid")
    inloggen(page, "beleid")
    page.locator("#menu-sturing").click()
    page.locator("#id_periode").select_option(f"{cijfers}-1")
    page.locator("#sturing-toon").click()
    expect(page.locator("h1")).to_have_text(f"Aantallen: Weert, 1e helft {cijfers}")
    grafiek = page.locator("svg#doelgroep-grafiek")
    assert grafiek.get_attribute("role") == "img"
    assert "Asielstatushouders: 12" in grafiek.locator("desc").text_content()
    assert "Waarvan Turkse nieuwkomers: 5" in grafiek.locator("desc").text_content()
    # Two in the brede intake: shown as "<5", and so is the smallest other status.
    status = page.locator("#tabel-status").inner_text()
    assert "<5" in status and "18" in status
    assert "Browsernaam" not in page.content()
    assert page.locator("#tabel-doelgroep a").count() == 0  # no drill-down for beleid
    assert_accessible(page)
    screenshot(page, "sturing-aantallen")

    page.locator("#naar-proces").click()
    expect(page.locator("#tabel-indicatoren")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "sturing-procesindicatoren")

    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.locator("#naar-taakstelling").click()
    page.locator("#id_jaar").fill(str(cijfers))
    page.locator("#id_halfjaar").select_option("2")
    page.locator("#id_aantal").fill("-1")
    page.locator("#taakstelling-bewaren").click()
    expect(page.locator("#foutsamenvatting")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_aantal").fill("40")
    page.locator("#taakstelling-bewaren").click()
    assert "40" in page.locator("#taakstellingen").inner_text()
    assert_accessible(page)


def test_teamleider_clicks_through_to_the_cases(page, weert, cijfers):
    _gebruiker(weert, "teamleider-weert", "teamleider")
    inloggen(page, "teamleider-weert")
    page.goto(f"/sturing/?periode={cijfers}")
    link = page.locator("#tabel-status a").first
    expect(link).to_be_visible()
    assert_accessible(page)
    link.click()
    expect(page.locator("#werkvoorraad-tabel")).to_be_visible()


BREED = {"width": 1280, "height": 900}
SMAL = {"width": 390, "height": 844}


def controleer_pagina(page):
    """axe-core: no serious or critical violation and no ``region`` or ``heading-order`` of
    any impact; at 390 px wide the page does not scroll sideways (a wide table scrolls in
    its own focusable region)."""
    assert_accessible(page)
    alle = axe_violations(page, minimum=("minor", "moderate", "serious", "critical"))
    gevonden = {v["id"]: [n["target"] for n in v["nodes"]] for v in alle}
    assert not set(gevonden) & {"region", "heading-order", "landmark-unique"}, (
        f"{page.url}: {gevonden}"
    )
    page.set_viewport_size(SMAL)
    try:
        breedte, zichtbaar = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert breedte <= zichtbaar, f"{page.url} scrollt horizontaal: {breedte} > {zichtbaar}"
        assert_accessible(page)
    finally:
        page.set_viewport_size(BREED)


def test_every_sturing_page_is_accessible_and_fits_a_phone(page, weert, cijfers):
    """Beleid (suppressed figures, with the note), then the teamleider (exact figures)."""
    _gebruiker(weert, "beleid", "beleid")
    inloggen(page, "beleid")
    for pad in (
        f"/sturing/?periode={cijfers}-1",
        f"/sturing/?periode={cijfers}-1&schaal=subregio&doelgroep=turks",
        f"/sturing/procesindicatoren/?periode={cijfers}",
        "/sturing/taakstelling/",
        f"/sturing/financien/?jaar={cijfers}",
    ):
        page.goto(pad)
        controleer_pagina(page)
    # The suppression note stands beside the table that hides a figure, and says why.
    page.goto(f"/sturing/?periode={cijfers}-1")
    expect(page.locator("#uitleg-onderdrukt")).to_be_visible()
    expect(page.locator("#status-onderdrukking")).to_contain_text("1 tot en met 4 personen")
    # Chart labels wrap: every word of the longest status label is in the chart.
    labels = page.locator("svg#status-grafiek text").all_text_contents()
    assert not any("…" in label for label in labels)

    page.context.clear_cookies()
    _gebruiker(weert, "teamleider-weert", "teamleider")
    inloggen(page, "teamleider-weert")
    page.goto(f"/sturing/?periode={cijfers}-1")
    assert page.locator("#uitleg-onderdrukt").count() == 0
    controleer_pagina(page)


def _download(page, knop) -> bytes:
    with page.expect_download() as download:
        page.locator(knop).click()
    return Path(download.value.path()).read_bytes()


def _blad(werkboek, titel):
    """The sheet of a table, by the table's title (a sheet name is cut at 28 characters)."""
    return next(b for b in werkboek.worksheets if titel.startswith(b.title))


def test_beleid_downloads_the_exports_with_numbers_as_numbers(page, weert, cijfers):
    """The same figures as the page: counts are numbers in the XLSX and in the CSV, a hidden
    small count is the text "<5" in both, and the suppression rule heads the file."""
    _gebruiker(weert, "beleid", "beleid")
    inloggen(page, "beleid")
    page.goto(f"/sturing/?periode={cijfers}-1")
    controleer_pagina(page)
    op_pagina = page.locator("#tabel-doelgroep").inner_text()
    assert "12" in op_pagina

    werkboek = openpyxl.load_workbook(io.BytesIO(_download(page, "#export-xlsx")))
    assert werkboek.sheetnames[0] == "Toelichting"
    toelichting = [c for rij in werkboek["Toelichting"].iter_rows(values_only=True) for c in rij]
    assert any("1 tot en met 4" in str(c) for c in toelichting)
    doelgroep = {
        rij[0]: rij[1:]
        for rij in _blad(werkboek, "Inburgeraars per doelgroep").iter_rows(values_only=True)
        if rij and rij[0]
    }
    assert doelgroep["Asielstatushouders"][0] == 12
    assert isinstance(doelgroep["Asielstatushouders"][0], int)
    status = list(_blad(werkboek, "Inburgeraars per status").iter_rows(values_only=True))
    waarden = [w for rij in status[1:] for w in rij[1:] if w is not None]
    assert "<5" in waarden  # the two in the brede intake
    assert all(isinstance(w, int) or w in ("<5", "–") for w in waarden), waarden

    tekst = _download(page, "#export-csv").decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    asiel = next(r for r in rijen if r and r[0] == "Asielstatushouders")
    assert asiel[1] == "12"  # not "'12": a number Dutch Excel reads as a number
    assert any(r[1:2] == ["<5"] for r in rijen if r)
