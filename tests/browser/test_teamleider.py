"""A teamleider's morning: the caseload per adviseur from the menu, then five cases ticked in
the werkvoorraad and assigned to one adviseur at once; every page accessible (axe-core:
nothing serious or critical, and no landmark or heading-order issue)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from koers.inburgeraars import rules
from koers.inburgeraars.models import Traject
from tests.browser.conftest import assert_accessible, inloggen, structuurfouten
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def team(weert, adviseur):
    """Tessa leads Weert's team; six new cases wait without an adviseur, and Anouk has one."""
    GebruikerFactory(
        username="teamleider-weert",
        first_name="Tessa",
        last_name="Leider",
        gemeente=weert,
        rollen=["teamleider"],
        demo_account=True,
    )
    vandaag = dt.date.today()
    nieuw = [
        TrajectFactory(
            inburgeraar=InburgeraarFactory(gemeente=weert, geslachtsnaam=f"Nieuw{i}"),
            datum_start_pip_termijn=vandaag - rules.PIP_TERMIJN + dt.timedelta(days=20 + i),
        )
        for i in range(6)
    ]
    TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, geslachtsnaam="Eigen"),
        adviseur=adviseur,
        datum_start_pip_termijn=vandaag - rules.PIP_TERMIJN - dt.timedelta(days=3),
    )
    return nieuw


def test_een_teamleider_wijst_vijf_zaken_toe(page, team, adviseur):
    inloggen(page, "teamleider-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    assert_accessible(page)
    assert structuurfouten(page) == []
    # A filter still applies as soon as it is chosen (htmx); the assign controls do not.
    page.locator("#filters #id_adviseur").select_option("geen")
    page.wait_for_url(re.compile(r"adviseur=geen"))
    expect(page.locator("#werkvoorraad-tabel tbody tr")).to_have_count(6)

    # The caseload: Anouk has one case, overdue; six wait for an adviseur.
    page.locator("#menu-caseload").click()
    page.wait_for_url(re.compile(r"/caseload/$"))
    expect(page.locator("h1")).to_have_text("Caseload per adviseur")
    rij = page.locator(f"#caseload-{adviseur.pk}")
    expect(rij.locator("td").nth(0)).to_have_text("1")
    expect(rij.locator("td").nth(1)).to_have_text("1")
    expect(page.locator("#caseload-geen td").nth(0)).to_have_text("6")
    assert_accessible(page)
    assert structuurfouten(page) == []

    # To the cases without an adviseur, tick five and give them to Anouk.
    page.locator("#caseload-geen a").first.click()
    page.wait_for_url(re.compile(r"/\?adviseur=geen$"))
    for traject in team[:5]:
        page.locator(f"#kies-{traject.pk}").check()
    page.get_by_label("Toewijzen aan (verplicht)", exact=True).select_option(label="Anouk Janssen")
    assert_accessible(page)
    page.locator("#toewijzen-knop").click()
    page.wait_for_url(re.compile(r"/\?adviseur=geen$"))
    expect(page.locator(".utrecht-alert__message")).to_have_text(
        "5 zaken zijn toegewezen aan Anouk Janssen."
    )
    expect(page.locator("#werkvoorraad-tabel tbody tr")).to_have_count(1)  # one left
    assert_accessible(page)
    assert structuurfouten(page) == []
    assert Traject.objects.filter(adviseur=adviseur).count() == 6

    # Without a choice of adviseur nothing happens, and the page says what to do.
    page.locator(f"#kies-{team[5].pk}").check()
    page.locator("#toewijzen-knop").click()
    expect(page.locator(".utrecht-alert__message")).to_have_text(
        "Kies bij 'Toewijzen aan' de adviseur die de zaken krijgt."
    )
    assert Traject.objects.get(pk=team[5].pk).adviseur is None

    page.locator("#menu-caseload").click()
    page.wait_for_url(re.compile(r"/caseload/$"))
    expect(page.locator(f"#caseload-{adviseur.pk} td").nth(0)).to_have_text("6")
    expect(page.locator("#caseload-geen td").nth(0)).to_have_text("1")
