"""The Z-route of an asielstatushouder in a real browser, end to end against the real DUO
simulator over HTTP: brede intake, PIP (Z-route), inburgeringsaanbod, course and participation
hours, PVT (signed), MAP (eindgesprek), the Z-route eindgesprek and its completion, the hours
reported — and DUO (the simulator) holds every date and total. axe-core on every page."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import timezone

from koers.duo import outbox
from koers.duo.client import DuoClient
from koers.duo.models import Bericht
from koers.inburgeraars.rules import Doelgroep
from koers.leerroute.models import Zroute
from tests.browser.conftest import assert_accessible, inloggen, open_tab, screenshot
from tests.browser.test_walkthrough_pip import vul_intake_in
from tests.duo.simulator_hulp import (  # noqa: F401
    AMIRA,
    BOW,
    WEERT_OIN,
    duo_fixture,
    duo_sim_server_fixture,
)
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser

# The simulator's scenario is dated from the real today (tests/duo/simulator_hulp.py): Amira's
# inburgeringsplicht starts 130 days ago and she settled in Weert 120 days ago. The browser
# talks to a live server, so Koers runs on the real day too (no time_machine). The PIP rules
# allow a dagtekening in the past (not before the plicht or the vestiging, not in the future),
# so the adviseur dates the PIP 110 days ago and the termijn started 109 days ago: every later
# step (aanbod, hours, PVT, MAP, eindgesprek, completion) has a past date inside the termijn.
DAGTEKENING = 110


def _dag(dagen_geleden: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=dagen_geleden)


@pytest.fixture
def keten(duo, settings):
    """Koers asks the simulator (e.g. DUO's list of instellingen on the aanbod page)."""
    settings.DUO_BASE_URL = duo.base_url
    return duo


@pytest.fixture
def amira(weert, adviseur, keten):
    """Amira Al-Hassan as Koers knows her after DUO's notice: an asielstatushouder in Weert,
    the same BSN, plicht and vestiging as at DUO."""
    inburgeraar = InburgeraarFactory(
        gemeente=weert,
        bsn=AMIRA,
        voornamen="Amira",
        geslachtsnaam="Al-Hassan",
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        vestigingsdatum=_dag(120),
        talen=["Arabisch"],
    )
    TrajectFactory(
        inburgeraar=inburgeraar,
        adviseur=adviseur,
        datum_start_plicht=_dag(130),
        datum_start_pip_termijn=_dag(120),
    )
    return inburgeraar


def _lever_af(duo) -> None:
    """What the worker does: deliver the outbox to DUO. Nothing may be refused."""
    with DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN) as client:
        outbox.lever_af(client=client)
    niet_af = [
        (b.soort, b.status, b.foutteksten)
        for b in Bericht.objects.exclude(status=Bericht.Status.AFGELEVERD)
    ]
    assert not niet_af, niet_af


def _klik(page, selector: str) -> None:
    """Click a link or a submit button and wait for the page it leads to (the same URL
    again after a POST on the case page, so waiting for the URL is not enough)."""
    with page.expect_navigation():
        page.locator(selector).click()


def _naar_casus(page, inburgeraar) -> None:
    """Back on the case's dossier (its overview or one of its tabs) after an action."""
    page.wait_for_url(re.compile(rf"/inburgeraars/{inburgeraar.pk}/(dossier/[a-z-]+/)?(#.*)?$"))
    assert_accessible(page)


def _geen_fout(page) -> None:
    assert page.locator("#foutsamenvatting").count() == 0, page.locator(
        "#foutsamenvatting"
    ).inner_text()


def _uren(
    page, inburgeraar, *, soort, van, tot, uren, intake=False, aanbod=None, eerst_te_veel=False
):
    _klik(page, "#leerroute-uren-link")
    page.locator("#urenformulier").wait_for()
    assert_accessible(page)
    if eerst_te_veel:  # a typing error: more than a period can hold is refused, in Dutch
        page.locator("#id_soort").select_option(soort)
        page.locator("#id_periode_start").fill(_dag(van).isoformat())
        page.locator("#id_periode_eind").fill(_dag(tot).isoformat())
        page.locator("#id_uren_gepland").fill("7820")
        page.locator("#id_uren_gevolgd").fill("7820")
        _klik(page, "#uren-opslaan")
        page.locator("#foutsamenvatting").wait_for()
        fout = page.locator("#foutsamenvatting").inner_text()
        assert "'Uren gevolgd' kan niet groter zijn dan" in fout, fout
        assert_accessible(page)
    page.locator("#id_soort").select_option(soort)
    if aanbod:
        keuze = page.locator("#id_aanbod option", has_text=aanbod)
        page.locator("#id_aanbod").select_option(keuze.get_attribute("value"))
    page.locator("#id_periode_start").fill(_dag(van).isoformat())
    page.locator("#id_periode_eind").fill(_dag(tot).isoformat())
    page.locator("#id_uren_gepland").fill(uren)
    page.locator("#id_uren_gevolgd").fill(uren)
    page.locator("#id_aanwezigheid").fill("95")
    if intake:
        page.locator("#id_tijdens_brede_intake").check()
    _klik(page, "#uren-opslaan")
    _naar_casus(page, inburgeraar)


def _activiteit(page, *, dagen_geleden, uren, soort, omschrijving, kernwaarde=None):
    formulier = page.locator("#activiteitformulier")
    formulier.locator("#id_datum").fill(_dag(dagen_geleden).isoformat())
    formulier.locator("#id_uren").fill(uren)
    formulier.locator(f"input[name='soort'][value='{soort}']").check()
    formulier.locator("#id_omschrijving").fill(omschrijving)
    if kernwaarde:
        formulier.locator(f"input[name='kernwaarden'][value='{kernwaarde}']").check()
    _klik(page, "#activiteit-opslaan")
    page.locator("#activiteiten-tabel").wait_for()
    _geen_fout(page)
    assert_accessible(page)


def test_zroute_van_intake_tot_afronding_bij_duo(page, amira, keten):
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{amira.pk}/")
    assert "Al-Hassan" in page.locator("h1").inner_text()
    assert_accessible(page)

    # -- Brede intake: the leerbaarheidstoets points to the Z-route.
    _klik(page, "#naar-intake")
    vul_intake_in(page)
    page.locator("#id_datum").fill(_dag(DAGTEKENING + 5).isoformat())
    page.locator("#id_lbt_uitslag").select_option("B1-route niet haalbaar")
    page.locator("#id_lbt_score").fill("12")
    assert_accessible(page)
    _klik(page, "#intake-afronden")
    _naar_casus(page, amira)
    assert "afgerond" in page.locator("#intake").inner_text().lower()

    # -- PIP: Z-route, niveau A2, 12 hours PVT and 6 hours MAP; vaststellen.
    _klik(page, "#naar-pip")
    page.locator("#id_dagtekening").fill(_dag(DAGTEKENING).isoformat())
    page.locator("input[name='leerroute'][value='Z']").check()
    page.locator("#id_niveau").select_option("A2")
    page.locator("#id_pvt_uren").fill("12")
    page.locator("#id_map_uren").fill("6")
    page.locator("#id_doelen-meedoen").fill("Vrijwilligerswerk bij de voedselbank.")
    _klik(page, "#pip-opslaan")
    page.locator("#vaststellen").wait_for()
    assert page.locator("#pip-waarschuwingen").count() == 0
    assert_accessible(page)
    page.get_by_label("Ik heb het PIP met de inburgeraar besproken").check()
    _klik(page, "#pip-vaststellen")
    _naar_casus(page, amira)
    open_tab(page, "overzicht")
    assert "PIP vastgesteld" in page.locator("#traject").inner_text()
    open_tab(page, "leerroute")
    assert "Zelfredzaamheidsroute, niveau A2" in page.locator("#leerroute-pip").inner_text()
    _lever_af(keten)  # the PIP: DUO now knows the Z-route and sets the termijn
    termijn = keten.call("getInburgeringstermijnByBsn", bsn=AMIRA).json()
    assert termijn["startdatum"] == _dag(DAGTEKENING - 1).isoformat()

    # -- The lessons have started: the adviseur sets the case to "In uitvoering".
    open_tab(page, "overzicht")
    page.locator("#statusformulier #id_status").select_option("in_uitvoering")
    _klik(page, "#status-opslaan")
    _naar_casus(page, amira)
    assert page.locator("#traject-status").inner_text() == "In uitvoering"

    # -- Inburgeringsaanbod at an instelling from DUO's list (reported: asielstatushouder).
    open_tab(page, "leerroute")
    _klik(page, "#leerroute-aanbod-link")
    page.locator("#id_instellingsnummer").select_option(BOW)
    page.locator("#id_datum_aanbod").fill(_dag(DAGTEKENING - 5).isoformat())
    page.locator("#id_startdatum").fill(_dag(DAGTEKENING - 10).isoformat())
    page.locator("#id_einddatum").fill(_dag(-400).isoformat())
    page.locator("input[name='alfabetisering'][value='NVT']").check()
    assert page.locator("#id_melden").is_checked()
    assert_accessible(page)
    _klik(page, "#aanbod-opslaan")
    _naar_casus(page, amira)
    assert "Gemeld" in page.locator("#leerroute-aanbod").inner_text()

    # -- Hours as the providers report them: 12 language hours during the intake (they do
    # not count for the Z-route), 700 NT2 + 100 KNM course hours, 782 participation hours
    # (with 12 PVT + 6 MAP hours below: 800).
    _uren(
        page, amira, soort="taal", van=DAGTEKENING + 8, tot=DAGTEKENING + 1, uren="12", intake=True
    )
    _uren(page, amira, soort="taal", van=DAGTEKENING - 10, tot=2, uren="700", aanbod="Taalcentrum")
    _uren(page, amira, soort="knm", van=DAGTEKENING - 10, tot=2, uren="100", aanbod="Taalcentrum")
    _uren(
        page,
        amira,
        soort="participatie",
        van=DAGTEKENING - 5,
        tot=2,
        uren="782",
        eerst_te_veel=True,
    )
    voortgang = page.locator("#leerroute-voortgang").inner_text()
    assert "800" in voortgang and "782" in voortgang
    screenshot(page, "zroute-uren")

    # -- PVT: a workshop and an excursion on a kernwaarde (12 hours), then the signature.
    open_tab(page, "modules")
    _klik(page, "#modules-pvt a")
    page.locator("#activiteitformulier").wait_for()
    assert_accessible(page)
    _activiteit(
        page,
        dagen_geleden=60,
        uren="6",
        soort="workshop",
        omschrijving="Workshop over gelijke rechten",
    )
    _activiteit(
        page,
        dagen_geleden=50,
        uren="6",
        soort="excursie",
        omschrijving="Bezoek aan de gemeenteraad",
        kernwaarde="participatie",
    )
    assert page.locator("#kernwaarde-gedaan").inner_text() == "Ja"
    assert page.locator("#nog-niet-klaar").count() == 0
    page.locator("#afronden-datum").fill(_dag(40).isoformat())
    assert page.locator("#afronden-melden").is_checked()
    _klik(page, "#afronden-opslaan")
    page.locator("#afronding-gegevens").wait_for()
    _geen_fout(page)
    assert_accessible(page)
    assert "Ja, op" in page.locator("#afronding-duo").inner_text()
    screenshot(page, "zroute-pvt")

    # -- MAP: a work visit by Werk.Kom, then the eindgesprek.
    page.goto(f"/inburgeraars/{amira.pk}/modules/map/")
    page.locator("#activiteitformulier").wait_for()
    assert_accessible(page)
    _activiteit(
        page,
        dagen_geleden=30,
        uren="6",
        soort="werkbezoek",
        omschrijving="Werkbezoek bij een zorginstelling",
    )
    page.locator("#afronden-datum").fill(_dag(20).isoformat())
    page.locator("#afronden-samenvatting").fill(
        "Wil in de zorg werken. Start met een vrijwilligersplek."
    )
    _klik(page, "#afronden-opslaan")
    page.locator("#afronding-gegevens").wait_for()
    _geen_fout(page)
    assert_accessible(page)
    _lever_af(keten)  # aanbod, PVT and MAP dates
    page.goto(f"/inburgeraars/{amira.pk}/modules/map/")
    assert "Status: Afgeleverd" in page.locator("#afronding-duo").inner_text()
    assert page.locator("#duo-geweigerd").count() == 0
    assert_accessible(page)

    # -- Z-route: the eindgesprek (agreements met), then the completion to DUO.
    page.goto(f"/inburgeraars/{amira.pk}/dossier/leerroute/")
    _klik(page, "#leerroute-zroute-link")
    page.locator("#eindgesprekformulier").wait_for()
    uren_tabel = page.locator("#zroute-uren").inner_text()
    assert uren_tabel.count("800") >= 3, uren_tabel  # 800 course, 800 participation, norms
    assert_accessible(page)
    page.locator("#eindgesprekformulier #id_datum").fill(_dag(10).isoformat())
    page.locator("#eindgesprekformulier input[name='afspraken_nagekomen'][value='ja']").check()
    page.locator("#id_conclusie").fill(
        "Alle afspraken uit het PIP zijn nagekomen: 800 uur les en 800 uur meedoen."
    )
    _klik(page, "#eindgesprek-opslaan")
    page.locator("#afrondingformulier").wait_for()
    _geen_fout(page)
    assert str(_dag(20).day) in page.locator("#pvt-map-bij-duo").inner_text()  # DUO has both
    assert_accessible(page)
    screenshot(page, "zroute-eindgesprek")
    page.locator("#afrondingformulier #id_datum").fill(_dag(5).isoformat())
    _klik(page, "#zroute-afronden")
    _naar_casus(page, amira)
    eindgesprek = page.locator("#zroute-eindgesprek").inner_text()
    assert "De afspraken uit het PIP zijn nagekomen." in eindgesprek
    assert "Afronding gemeld bij DUO" in eindgesprek

    # -- The hours DUO keeps: whole hours, running totals.
    _klik(page, "#uren-melden")
    _naar_casus(page, amira)
    _lever_af(keten)  # Z-route completion and the hours

    # -- DUO (the simulator, asked over HTTP) holds it all.
    with DuoClient(base_url=keten.base_url, doel=settings.DUO_OIN) as client:
        assert client.get_pvt(AMIRA, bron=WEERT_OIN) == {
            "datumOndertekeningPvt": _dag(40).isoformat()
        }
        assert client.get_map(AMIRA, bron=WEERT_OIN) == {
            "datumEindgesprekMap": _dag(20).isoformat()
        }
        uren = client.get_gevolgde_uren(AMIRA, bron=WEERT_OIN)
    weert = next(u for u in uren if u["gemeentecode"] == "0988")
    assert weert["TaallesEnKnmBredeIntake"] == {"uren": 12}
    assert weert["ParticipatieactiviteitenBredeIntake"] == {"uren": 800}
    persoon = keten.http.get(f"{keten.beheer}/personen/{AMIRA}").json()  # no GET at DUO
    assert persoon["zroute"]["datumAfrondingZroute"] == _dag(5).isoformat()
    assert (
        persoon["aanbod"][BOW]["verwachteStartdatumOpleiding"] == _dag(DAGTEKENING - 10).isoformat()
    )
    zroute = Zroute.objects.get(traject__inburgeraar=amira)
    assert (zroute.cursus_uren, zroute.participatie_uren) == (800, 800)

    # -- The case page says so, with no refusal anywhere.
    page.goto(f"/inburgeraars/{amira.pk}/")
    assert_accessible(page)
    assert page.locator("#traject-status").inner_text() == "In uitvoering"
    assert page.locator("#duo-waarschuwing").count() == 0
    open_tab(page, "duo")
    assert page.locator("#duo-actie-nodig").count() == 0
    assert page.locator("#duo-geweigerd").count() == 0
    berichten = page.locator("#duo-berichten").inner_text()
    assert "Geweigerd" not in berichten and "Mislukt" not in berichten
    open_tab(page, "modules")
    pvt_rij = page.locator("#modules-pvt").inner_text()
    map_rij = page.locator("#modules-map").inner_text()
    assert "12" in pvt_rij and "Afgeleverd" in pvt_rij, pvt_rij
    assert "6" in map_rij and "Afgeleverd" in map_rij, map_rij
    open_tab(page, "leerroute")
    voortgang = page.locator("#leerroute-voortgang").inner_text()
    assert "100%" in voortgang and "Achter op plan" not in voortgang, voortgang
    open_tab(page, "tijdlijn")
    tijdlijn = page.locator("#tijdlijn").inner_text()
    for stap in (
        "Participatieverklaring ondertekend",
        "Eindgesprek MAP gevoerd",
        "Eindgesprek Z-route",
        "Afronding van de Z-route",
        "Gevolgde uren gemeld bij DUO",
    ):
        assert stap in tijdlijn, stap
