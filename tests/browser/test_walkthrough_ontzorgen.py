"""A B1-route case of an asielstatushouder with financieel ontzorgen, in a real browser:
brede intake and PIP (B1-route, ontzorgen), maatschappelijke begeleiding (practical help,
voorlichting, the suggested intensity), ontzorgen (start of bijstand, machtiging, a payment
by hand and a refused one), the uitkeringsadministratie (the overview, the sample CSV, a
refused and a good import; no intake or PIP), the signal "ontzorgen stopt" on the case page
handled with a reason, and financiële zelfredzaamheid. axe-core on every page."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as datumformaat
from playwright.sync_api import expect

from koers.begeleiding import rules as ontzorgen_rules
from koers.begeleiding.models import Betaling, ChecklistItem, Ontzorgen, Voorlichting
from koers.inburgeraars.rules import Doelgroep
from koers.monitoring.engine import bereken_signalen
from koers.monitoring.models import Signaal
from tests.browser.conftest import assert_accessible, inloggen, open_tab, screenshot
from tests.browser.test_walkthrough_pip import vul_intake_in
from tests.browser.test_walkthrough_zroute import _dag, _geen_fout, _klik, _naar_casus
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser

# The live server runs on the real day (no time_machine), so every date is relative to
# today: Samir settled in Weert 200 days ago; the PIP is dated 170 days ago (the PIP rules
# allow a past dagtekening, not before the plicht nor the vestiging).
DAGTEKENING = 170


def _nl(datum: dt.date, formaat: str = "j F Y") -> str:
    with translation.override("nl"):
        return datumformaat(datum, formaat)


@pytest.fixture
def uitkering(weert):
    """The uitkeringsadministratie of Weert: only name/BSN and the ontzorgen register."""
    return GebruikerFactory(
        username="uitkering-weert",
        first_name="Kim",
        last_name="Wouters",
        gemeente=weert,
        rollen=["uitkeringsadministratie"],
        demo_account=True,
    )


@pytest.fixture
def samir(weert, adviseur):
    inburgeraar = InburgeraarFactory(
        gemeente=weert,
        voornamen="Samir",
        geslachtsnaam="Haidari",
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        vestigingsdatum=_dag(200),
        talen=["Dari"],
    )
    TrajectFactory(
        inburgeraar=inburgeraar,
        adviseur=adviseur,
        datum_start_plicht=_dag(210),
        datum_start_pip_termijn=_dag(200),
    )
    return inburgeraar


def _start_bijstand() -> dt.date:
    """About five and a half months ago: ontzorgen (6 months) stops in about two weeks, so
    within the 4 weeks of the signal."""
    return ontzorgen_rules.plus_maanden(timezone.localdate(), -6) + dt.timedelta(days=15)


def _uitloggen(page) -> None:
    _klik(page, "#uitloggen")


def _csv(bsn: str, regels: list[tuple]) -> bytes:
    kop = "bsn;maand;post;bedrag;betaald_op;begunstigde\n"
    return (kop + "".join(";".join([bsn, *map(str, r)]) + "\n" for r in regels)).encode()


def _upload(page, naam: str, inhoud: bytes) -> None:
    page.locator("#id_bestand").set_input_files(
        files=[{"name": naam, "mimeType": "text/csv", "buffer": inhoud}]
    )
    _klik(page, "#import-starten")


def test_b1_route_met_financieel_ontzorgen(page, samir, uitkering):
    vandaag = timezone.localdate()
    start = _start_bijstand()
    einde = ontzorgen_rules.einddatum(start, None)
    maanden = ontzorgen_rules.betaalmaanden(start, einde)
    assert vandaag < einde <= vandaag + ontzorgen_rules.SIGNAAL_VOOR_EINDE

    # == 1. The adviseur: brede intake and PIP (B1-route, ontzorgen).
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{samir.pk}/")
    assert "Haidari" in page.locator("h1").inner_text()
    assert_accessible(page)
    _klik(page, "#naar-intake")
    assert_accessible(page)
    vul_intake_in(page)  # zelfredzaamheid: 4 of 4
    page.locator("#id_datum").fill(_dag(DAGTEKENING + 5).isoformat())
    _klik(page, "#intake-afronden")
    _naar_casus(page, samir)
    assert "afgerond" in page.locator("#intake").inner_text().lower()

    _klik(page, "#naar-pip")
    assert_accessible(page)
    page.locator("#id_dagtekening").fill(_dag(DAGTEKENING).isoformat())
    page.locator("input[name='leerroute'][value='B']").check()
    page.locator("#id_pvt_uren").fill("12")
    page.locator("#id_map_uren").fill("6")
    page.locator("#id_doelen-meedoen").fill("Vrijwilligerswerk bij de voedselbank.")
    page.locator("#id_ontzorgen").check()
    page.locator("#id_ontzorgen_toelichting").fill(
        "Huur, energie en zorgverzekering uit de bijstand."
    )
    _klik(page, "#pip-opslaan")
    page.locator("#vaststellen").wait_for()
    assert_accessible(page)
    page.get_by_label("Ik heb het PIP met de inburgeraar besproken").check()
    _klik(page, "#pip-vaststellen")
    _naar_casus(page, samir)
    open_tab(page, "overzicht")
    assert "PIP vastgesteld" in page.locator("#traject").inner_text()
    open_tab(page, "begeleiding")
    ontzorgen_sectie = page.locator("#ontzorgen").inner_text()
    assert "Nog geen financieel ontzorgen vastgelegd" in ontzorgen_sectie, ontzorgen_sectie

    # == 2. Maatschappelijke begeleiding: practical help, voorlichting, intensity.
    _klik(page, "#naar-begeleiding")
    page.locator("#checklistformulier").wait_for()
    assert_accessible(page)
    voorstel = page.locator("#intensiteit-voorstel").inner_text()
    assert "4 van 4" in voorstel, voorstel
    assert re.search(r"Voorstel: 1 contact(en)? per maand", voorstel), voorstel
    assert "brede intake" in voorstel and "bouw de begeleiding af" in voorstel, voorstel
    page.locator("#id_huurcontract-status").select_option("klaar")
    page.locator("#id_huurcontract-datum").fill(_dag(150).isoformat())
    page.locator("#id_huurcontract-door").fill("VluchtelingenWerk")
    page.locator("#id_zorgverzekering-status").select_option("bezig")
    _klik(page, "#checklist-opslaan")
    page.wait_for_url(re.compile(r"/begeleiding/(#.*)?$"))
    _geen_fout(page)
    assert_accessible(page)
    assert page.locator("#id_huurcontract-status").input_value() == "klaar"
    assert page.locator("#id_zorgverzekering-status").input_value() == "bezig"
    page.locator("#id_voorlichting-onderwerp").select_option("geldzaken")
    page.locator("#id_voorlichting-datum").fill(_dag(140).isoformat())
    page.locator("#id_voorlichting-door").fill("Ervaringsdeskundige Farid")
    _klik(page, "#voorlichting-toevoegen")
    page.locator("#voorlichtingen").wait_for()
    _geen_fout(page)
    assert "Geldzaken en post van instanties" in page.locator("#voorlichtingen").inner_text()
    # A new estimate: less zelfredzaam than at the intake, so more contact.
    page.locator("#id_vrijwilliger").fill("Marieke (taalmaatje)")
    page.locator("#id_zelfredzaamheid").select_option("2")
    page.locator("#id_zelfredzaamheid_datum").fill(_dag(30).isoformat())
    _klik(page, "#begeleiding-opslaan")
    page.locator("#intensiteit-voorstel").wait_for()
    _geen_fout(page)
    assert_accessible(page)
    assert "Voorstel: 4 contacten per maand" in page.locator("#intensiteit-voorstel").inner_text()
    screenshot(page, "ontzorgen-begeleiding")
    assert dict(
        ChecklistItem.objects.filter(traject__inburgeraar=samir)
        .exclude(status="todo")
        .values_list("onderwerp", "status")
    ) == {"huurcontract": "klaar", "zorgverzekering": "bezig"}
    assert Voorlichting.objects.filter(traject__inburgeraar=samir).count() == 1
    page.goto(f"/inburgeraars/{samir.pk}/")
    _naar_casus(page, samir)
    open_tab(page, "begeleiding")
    assert "1 van 11" in page.locator("#begeleiding-checklist").inner_text()
    assert "voorstel: 4" in page.locator("#begeleiding-intensiteit").inner_text()

    # == 3. Ontzorgen: start of bijstand, the machtiging, a payment by hand, a refused one.
    _klik(page, "#naar-ontzorgen")
    page.locator("#ontzorgen-nog-niet").wait_for()
    assert_accessible(page)
    page.locator("#id_start_bijstand").fill(start.isoformat())
    _klik(page, "#ontzorgen-opslaan")
    page.locator("#ontzorgen-samenvatting").wait_for()
    _geen_fout(page)
    assert_accessible(page)
    assert page.locator("#ontzorgen-eind").inner_text() == _nl(einde)
    expect(page.locator("#machtiging-ontbreekt")).to_be_visible()
    expect(page.locator("#ontzorgen-einde-signaal")).to_be_visible()  # ends within 4 weeks
    assert page.locator("#betalingen-register tbody tr").count() == len(maanden)
    page.locator("#id_machtiging_datum").fill(start.isoformat())
    _klik(page, "#ontzorgen-opslaan")
    page.locator("#ontzorgen-samenvatting").wait_for()
    _geen_fout(page)
    assert page.locator("#machtiging-ontbreekt").count() == 0
    assert page.locator("#ontzorgen-machtiging").inner_text().startswith(_nl(start))

    eerste = maanden[0]
    page.locator("#id_betaling-maand").select_option(eerste.isoformat())
    page.locator("#id_betaling-post").select_option("huur")
    page.locator("#id_betaling-bedrag").fill("612,50")
    page.locator("#id_betaling-betaald_op").fill(start.isoformat())
    page.locator("#id_betaling-begunstigde").fill("Wonen Weert")
    _klik(page, "#betaling-opslaan")
    page.locator("#betalingen-register").wait_for()
    _geen_fout(page)
    assert_accessible(page)
    assert "612,50" in page.locator(f"#maand-{eerste:%Y-%m}-huur").inner_text()
    # A typing error: a negative amount is refused in Dutch, and nothing is saved.
    page.locator("#id_betaling-maand").select_option(eerste.isoformat())
    page.locator("#id_betaling-post").select_option("energie_water")
    page.locator("#id_betaling-bedrag").fill("-145,00")
    page.locator("#id_betaling-betaald_op").fill(start.isoformat())
    page.locator("#id_betaling-begunstigde").fill("Energiebedrijf Zuid")
    _klik(page, "#betaling-opslaan")
    samenvatting = page.locator("#foutsamenvatting")
    samenvatting.wait_for()
    assert "Het bedrag moet groter zijn dan 0 euro." in samenvatting.inner_text()
    assert samenvatting.locator("a[href='#id_betaling-bedrag']").count() == 1
    assert_accessible(page)
    screenshot(page, "ontzorgen-betaling-fout")
    assert list(
        Betaling.objects.filter(ontzorgen__traject__inburgeraar=samir).values_list(
            "post", flat=True
        )
    ) == ["huur"]
    assert "Nog niet betaald" in page.locator(f"#maand-{eerste:%Y-%m}-energie_water").inner_text()
    _uitloggen(page)

    # == 4. The uitkeringsadministratie: overview, sample CSV, imports; no intake or PIP.
    inloggen(page, "uitkering-weert")
    page.locator("#menu-ontzorgen").wait_for()
    assert_accessible(page)
    _klik(page, "#menu-ontzorgen")
    page.locator("#ontzorgen-lijst").wait_for()
    assert_accessible(page)
    rij = page.locator("#ontzorgen-lijst tbody tr")
    assert rij.count() == 1
    assert samir.bsn in rij.inner_text() and "(binnen 4 weken)" in rij.inner_text()
    with page.expect_download() as download_info:
        page.locator("#voorbeeld-csv").click()
    download = download_info.value
    assert download.suggested_filename == "betalingen-voorbeeld.csv"
    voorbeeld = Path(download.path()).read_text(encoding="utf-8")
    assert voorbeeld.startswith("bsn;maand;post;bedrag;betaald_op;begunstigde\n")
    assert len(voorbeeld.strip().splitlines()) > 1

    # Three months of payments (the first month's huur was paid by hand already).
    goed = []
    for maand in maanden[:3]:
        for post, bedrag, aan in (
            ("huur", "612,50", "Wonen Weert"),
            ("energie_water", "145,00", "Energiebedrijf Zuid"),
            ("zorgverzekering", "138,20", "Zorgverzekeraar Limburg"),
        ):
            if (maand, post) != (eerste, "huur"):
                betaald_op = max(maand, start)  # not before the bijstand started
                goed.append((f"{maand:%Y-%m}", post, bedrag, betaald_op.isoformat(), aan))
    fout = [
        *goed[:2],
        (f"{maanden[1]:%Y-%m}", "boodschappen", "-20,00", maanden[1].isoformat(), "Supermarkt"),
    ]
    _upload(page, "betalingen-fout.csv", _csv(samir.bsn, fout))
    samenvatting = page.locator("#foutsamenvatting")
    samenvatting.wait_for()
    tekst = samenvatting.inner_text()
    assert "Er is niets geïmporteerd" in tekst, tekst
    assert "Regel 4:" in tekst and "Kies huur, energie_water of zorgverzekering." in tekst, tekst
    assert "Regel 2:" not in tekst and "Regel 3:" not in tekst, tekst
    assert_accessible(page)
    assert Betaling.objects.filter(ontzorgen__traject__inburgeraar=samir).count() == 1

    _upload(page, "betalingen.csv", _csv(samir.bsn, goed))
    page.locator("#ontzorgen-lijst").wait_for()
    _geen_fout(page)
    assert f"{len(goed)} betalingen geïmporteerd." in page.locator(".koers-meldingen").inner_text()
    assert_accessible(page)
    assert Betaling.objects.filter(ontzorgen__traject__inburgeraar=samir).count() == 9
    _klik(page, f"#ontzorgen-lijst a:has-text('{samir.geslachtsnaam}')")
    page.locator("#betalingen-register").wait_for()
    assert_accessible(page)
    for maand in maanden[:3]:
        rij = page.locator(f"#maand-{maand:%Y-%m}")
        assert rij.locator("td").last.inner_text() == "Ja", rij.inner_text()
        assert "138,20" in page.locator(f"#maand-{maand:%Y-%m}-zorgverzekering").inner_text()
    assert "Nog niet betaald" in page.locator(f"#maand-{maanden[3]:%Y-%m}-huur").inner_text()
    screenshot(page, "ontzorgen-register")

    # Need to know: the case page holds name and ontzorgen, nothing of intake, PIP or DUO.
    page.goto(f"/inburgeraars/{samir.pk}/")
    assert_accessible(page)
    open_tab(page, "begeleiding")
    page.locator("#ontzorgen").wait_for()
    assert_accessible(page)
    for sectie in (
        "#intake",
        "#pip",
        "#begeleiding",
        "#duo",
        "#signalen",
        "#naar-intake",
        "#naar-pip",
        "#tab-intake",
        "#tab-pip",
        "#tab-duo",
        "#tab-tijdlijn",
    ):
        assert page.locator(sectie).count() == 0, sectie
    for tab in ("intake", "pip", "duo", "tijdlijn"):
        antwoord = page.request.get(f"/inburgeraars/{samir.pk}/dossier/{tab}/")
        assert antwoord.status == 404, (tab, antwoord.status)
    for pad in ("intake/", "pip/", "begeleiding/"):
        antwoord = page.request.get(f"/inburgeraars/{samir.pk}/{pad}")
        assert antwoord.status in (403, 404), (pad, antwoord.status)
    _uitloggen(page)

    # == 5. The adviseur again: the signal engine, the signal handled, zelfredzaamheid.
    bereken_signalen()  # what the worker does daily; the live server shares the database
    signaal = Signaal.objects.get(
        traject__inburgeraar=samir, soort="ontzorgen_einde", status=Signaal.Status.OPEN
    )
    assert signaal.vervaldatum == einde
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    page.goto(f"/inburgeraars/{samir.pk}/")
    _naar_casus(page, samir)
    open_tab(page, "gesprekken")
    rij = page.locator(f"#signaal-{signaal.pk}")
    assert "Financieel ontzorgen stopt binnen 4 weken" in rij.inner_text()
    assert _nl(einde) in rij.inner_text()
    acties = page.locator(f"#signaal-acties-{signaal.pk}")
    acties.locator("summary").click()
    acties.locator(f"#id_a{signaal.pk}-reden").fill("Cursus 'omgaan met geld' bij AMW aangevraagd.")
    _klik(page, f"#afhandelen-{signaal.pk}")
    _naar_casus(page, samir)
    assert page.locator(f"#signaal-{signaal.pk}").count() == 0
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.AFGEHANDELD
    bereken_signalen()  # the handled signal stays handled
    page.reload()
    assert page.locator(f"#signaal-{signaal.pk}").count() == 0
    assert "ontzorgen stopt" not in (
        page.locator("#signalen-tabel").inner_text().lower()
        if page.locator("#signalen-tabel").count()
        else ""
    )

    open_tab(page, "begeleiding")
    expect(page.locator("#casus-ontzorgen-einde")).to_be_visible()
    _klik(page, "#naar-ontzorgen")
    page.locator("#zelfredzaamheid").wait_for()
    page.locator("#id_cursus_status").select_option("aangemeld")
    page.locator("#id_cursus_start").fill((einde + dt.timedelta(days=7)).isoformat())
    _klik(page, "#ontzorgen-opslaan")
    page.locator("#ontzorgen-samenvatting").wait_for()
    _geen_fout(page)
    assert_accessible(page)
    assert page.locator("#id_cursus_status").input_value() == "aangemeld"
    assert page.locator("#id_cursus_aanbieder").input_value() == ontzorgen_rules.CURSUS_AANBIEDER
    ontzorgen = Ontzorgen.objects.get(traject__inburgeraar=samir)
    assert (ontzorgen.cursus_status, ontzorgen.machtiging_datum) == ("aangemeld", start)
    page.goto(f"/inburgeraars/{samir.pk}/")
    _naar_casus(page, samir)
    open_tab(page, "tijdlijn")
    tijdlijn = page.locator("#tijdlijn").inner_text()
    for stap in (
        "Financieel ontzorgen gestart",
        "Machtiging vastgelegd",
        "betalingen geregistreerd (CSV-import)",
        "Praktische hulp bijgewerkt",
        "Voorlichting gegeven",
    ):
        assert stap in tijdlijn, stap
