"""An adviseur's morning: the werkvoorraad shows that an inburgeraar wrote in Mijn Inburgering
(a marker on his row and a number in the menu); the adviseur opens the case, takes the next
steps of its phase (hours, a voortgangsgesprek), then reads and answers the message, and the
marker is gone, on the case and on the werkvoorraad. axe-core on every page: nothing serious
or critical, no landmark or heading-order issue."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from koers.inburgeraars.models import Inburgeraar
from koers.leerroute.models import UrenPeriode
from koers.monitoring.models import Signaal, Voortgangsgesprek
from koers.portaal import services
from koers.portaal.models import Bericht
from tests.browser.conftest import assert_accessible, inloggen, open_tab, structuurfouten
from tests.browser.test_walkthrough_pip import zaak  # noqa: F401  (fixture)
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.browser

VRAAG = "Mag mijn les op donderdag? Ik moet dinsdag werken."


def _goed(page):
    assert_accessible(page)
    structuur = structuurfouten(page)
    assert structuur == [], page.url


@pytest.fixture
def met_bericht(zaak, adviseur):  # noqa: F811
    traject = Inburgeraar.objects.get(pk=zaak.pk).huidig_traject
    met_vastgesteld_pip(traject, adviseur, dagtekening=timezone.localdate() - dt.timedelta(days=1))
    inburgeraar = Inburgeraar.objects.get(pk=zaak.pk)
    services.stuur_bericht(inburgeraar, VRAAG)  # a live server's requests commit: at once
    return inburgeraar


def test_the_adviseurs_morning(page, met_bericht):
    traject = met_bericht.huidig_traject
    assert Signaal.objects.filter(traject=traject, soort="portaal_bericht", actief=True).exists()

    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    expect(page.locator(f"#nieuw-{met_bericht.pk}")).to_have_text("Nieuw bericht")
    expect(page.locator("#menu-portaal-aantal")).to_have_text("1")
    _goed(page)

    # The menu leads to the signals page with only what came from the portal.
    page.locator("#menu-portaal").click()
    page.wait_for_url(re.compile(r"/signalen/\?"))
    expect(page.locator("#signalen-lijst")).to_contain_text("Nieuw bericht van de inburgeraar")
    _goed(page)

    # The morning starts at the case: the header says there is something new.
    page.goto("/")
    page.locator("#werkvoorraad-tabel a", has_text="Tesfaye").first.click()
    page.wait_for_url(re.compile(rf"/inburgeraars/{met_bericht.pk}/$"))
    expect(page.locator("#kop-nieuw-berichten")).to_contain_text("1 nieuw in Mijn Inburgering")
    expect(page.locator("#tab-berichten-nieuw")).to_contain_text("1")
    _goed(page)

    # Volgende stap: the hours of the leerroute.
    page.locator("#stap-uren").click()
    page.wait_for_url(re.compile(r"/leerroute/uren/$"))
    _goed(page)
    vandaag = timezone.localdate()
    page.locator("#id_soort").select_option("taal")
    page.locator("#id_periode_start").fill(vandaag.replace(day=1).isoformat())
    page.locator("#id_periode_eind").fill(vandaag.isoformat())
    page.locator("#id_uren_gepland").fill("20")
    page.locator("#id_uren_gevolgd").fill("18")
    page.locator("#uren-opslaan").click()
    expect(page.locator(".koers-meldingen")).to_contain_text("De uren zijn opgeslagen.")
    assert UrenPeriode.objects.filter(traject=traject).count() == 1
    _goed(page)

    # Volgende stap: a voortgangsgesprek held today.
    page.goto(f"/inburgeraars/{met_bericht.pk}/")
    page.locator("#stap-gesprek").click()
    page.locator("#gesprek-opslaan").wait_for()
    _goed(page)
    page.locator("#id_verslag").fill("Gaat goed met de lessen. Vraag over donderdag besproken.")
    page.locator("#gesprek-opslaan").click()
    page.wait_for_url(re.compile(r"/dossier/gesprekken/"))
    expect(page.locator(".koers-meldingen")).to_contain_text("is opgeslagen")
    assert Voortgangsgesprek.objects.filter(traject=traject, gehouden_op=vandaag).exists()
    _goed(page)

    # The message from the portal: read on the Mijn Inburgering tab, then answered.
    open_tab(page, "berichten")
    expect(page.locator("#portaal-berichten")).to_contain_text("Mag mijn les op donderdag?")
    _goed(page)
    page.locator("#naar-portaal-berichten").click()
    page.locator("#antwoord-form").wait_for()
    expect(page.locator("#medewerker-berichten")).to_contain_text(VRAAG)
    _goed(page)
    page.locator("#id_tekst").fill("Ja, donderdag kan. Ik geef het door aan de taalschool.")
    page.locator("#antwoord-sturen").click()
    expect(page.locator(".koers-meldingen")).to_contain_text("Uw bericht is verstuurd.")
    assert Bericht.objects.filter(inburgeraar=met_bericht, richting="van_gemeente").count() == 1
    assert not Bericht.objects.filter(
        inburgeraar=met_bericht, richting="van_inburgeraar", gelezen_op__isnull=True
    ).exists()
    _goed(page)

    # The marker is gone at once: on the case, in the menu and on the werkvoorraad.
    page.goto(f"/inburgeraars/{met_bericht.pk}/")
    expect(page.locator("#kop-nieuw-berichten")).to_have_count(0)
    expect(page.locator("#tab-berichten-nieuw")).to_have_count(0)
    page.goto("/")
    page.locator("#werkvoorraad-tabel").wait_for()
    expect(page.locator(f"#nieuw-{met_bericht.pk}")).to_have_count(0)
    expect(page.locator("#menu-portaal-aantal")).to_have_count(0)
    assert not Signaal.objects.filter(
        traject=traject, soort="portaal_bericht", status=Signaal.Status.OPEN, actief=True
    ).exists()
