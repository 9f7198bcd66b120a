"""An adviseur refers an inburgeraar to informele taalondersteuning from the dossier: a first
try with a field error and a rule error shows both at once, on an accessible page (axe-core:
nothing serious or critical, no landmark or heading issue); the second try is saved, and a
later status change keeps the hours the browser shows."""

import re

import pytest
from playwright.sync_api import expect

from koers.netwerk.models import Taalverwijzing
from tests.browser.conftest import assert_accessible, inloggen, open_tab, structuurfouten
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser


def test_verwijzen_toont_alle_fouten_tegelijk(page, weert, adviseur):
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur)
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{traject.inburgeraar_id}/")
    open_tab(page, "netwerk")
    page.locator("#naar-netwerk").click()
    page.wait_for_url(re.compile(r"/netwerk/$"))

    formulier = page.locator("#verwijsformulier")
    formulier.locator("#id_verwijzing-soort").select_option("overig")  # without organisation
    formulier.locator("#id_verwijzing-uren_per_week").fill("veel")
    page.locator("#verwijzing-opslaan").click()

    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_contain_text("Vul bij 'Uren per week' een getal in")
    expect(samenvatting).to_contain_text("Vul de naam van de organisatie in.")
    for veld in ("organisatie", "uren_per_week"):
        expect(formulier.locator(f"#id_verwijzing-{veld}")).to_have_attribute(
            "aria-invalid", "true"
        )
    assert_accessible(page)
    assert structuurfouten(page) == []
    assert not Taalverwijzing.objects.exists()

    formulier.locator("#id_verwijzing-organisatie").fill("Taalhuis Weert")
    formulier.locator("#id_verwijzing-uren_per_week").fill("2,5")
    page.locator("#verwijzing-opslaan").click()
    expect(page.locator("#verwijzingen")).to_contain_text("Taalhuis Weert")
    assert_accessible(page)
    verwijzing = Taalverwijzing.objects.get()
    assert verwijzing.organisatie == "Taalhuis Weert" and str(verwijzing.uren_per_week) == "2.5"

    # The row's own form shows the hours written the Dutch way, and saving only a new status
    # keeps them (a number box would show "2,5" as empty and save no hours).
    rij = page.locator("#verwijzingen tbody tr").first
    uren = rij.locator(f"#id_verwijzing-{verwijzing.pk}-uren_per_week")
    expect(uren).to_have_value("2,5")
    rij.locator(f"#id_verwijzing-{verwijzing.pk}-status").select_option("gestart")
    rij.get_by_role("button", name="Bijwerken").click()
    expect(page.locator("#verwijzingen")).to_contain_text("Gestart")
    verwijzing.refresh_from_db()
    assert verwijzing.status == "gestart" and str(verwijzing.uren_per_week) == "2.5"
