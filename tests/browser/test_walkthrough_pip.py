"""The adviseur's walk-through in a real browser: log in, find a case, complete the brede
intake, vaststellen the PIP and download the beschikking — accessible on every page."""

import contextlib
import datetime as dt
import re
import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from koers.intake import rules as intake_rules
from koers.pip.models import Beschikking
from tests.browser.conftest import WACHTWOORD, assert_accessible, inloggen, open_tab, screenshot
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.browser
__all__ = ["WACHTWOORD", "inloggen"]  # also imported from here by tests/duo


@pytest.fixture
def zaak(weert, adviseur):
    vandaag = timezone.localdate()
    inburgeraar = InburgeraarFactory(
        gemeente=weert,
        voornamen="Yonas",
        geslachtsnaam="Tesfaye",
        vestigingsdatum=vandaag - dt.timedelta(days=80),
        talen=["Tigrinya"],
    )
    TrajectFactory(
        inburgeraar=inburgeraar,
        adviseur=adviseur,
        datum_start_plicht=vandaag - dt.timedelta(days=80),
        datum_start_pip_termijn=vandaag - dt.timedelta(days=60),
    )
    # Some other cases so the werkvoorraad has something to sort and search.
    for naam in ("Haddad", "Yilmaz", "Kovalenko"):
        TrajectFactory(
            inburgeraar=InburgeraarFactory(gemeente=weert, geslachtsnaam=naam), adviseur=adviseur
        )
    return inburgeraar


def vul_intake_in(page):
    page.locator("#id_plaats").select_option("gemeente")
    page.locator("#id_datum").fill(timezone.localdate().isoformat())
    page.locator("#id_lbt_uitslag").select_option("B1-route haalbaar")
    page.locator("#id_lbt_score").fill("31")
    page.get_by_label("Ik heb aangeboden om zonder partner te praten").check()
    for onderwerp in intake_rules.ONDERWERPEN:
        for veld in onderwerp.velden:
            veld_id = f"id_onderwerpen-{onderwerp.sleutel}-{veld.naam}"
            if veld.soort == "keuze":
                page.locator(f"#{veld_id}").select_option(veld.keuzes[-1][0])
            elif veld.soort == "getal":
                page.locator(f"#{veld_id}").fill("0")
            elif veld.soort == "janee":
                page.locator(
                    f"input[name='onderwerpen-{onderwerp.sleutel}-{veld.naam}'][value='nee']"
                ).check()
        page.locator(f"#id_onderwerpen-{onderwerp.sleutel}-toelichting").fill(
            f"Besproken: {onderwerp.titel.lower()}."
        )
    for score, dimensie in enumerate(intake_rules.DIMENSIES, start=4):
        page.locator(f"#id_positieve_gezondheid-{dimensie.sleutel}-score").fill(str(score))


def test_adviseur_stelt_pip_vast_en_downloadt_beschikking(page, zaak, adviseur):
    inloggen(page, "adviseur-weert")
    page.locator("#werkvoorraad-tabel").wait_for()
    assert_accessible(page)
    screenshot(page, "werkvoorraad")

    page.get_by_label("Zoek op naam of BSN").fill("tesf")
    page.locator("#zoeken").click()
    page.wait_for_url(re.compile(r"q=tesf"))
    rijen = page.locator("#werkvoorraad-tabel tbody tr")
    assert rijen.count() == 1
    rijen.first.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/inburgeraars/{zaak.pk}/(dossier/[a-z-]+/)?(#.*)?$"))
    assert "Tesfaye" in page.locator("h1").inner_text()
    assert_accessible(page)
    screenshot(page, "dossier")

    page.locator("#naar-intake").click()
    page.locator("#intake-afronden").click()  # nothing filled in: the summary says what is missing
    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_be_visible()
    assert "Opleiding" in samenvatting.inner_text()
    assert_accessible(page)
    screenshot(page, "intake-ontbreekt")

    vul_intake_in(page)
    screenshot(page, "intake")
    page.locator("#intake-afronden").click()
    page.wait_for_url(re.compile(rf"/inburgeraars/{zaak.pk}/(dossier/[a-z-]+/)?(#.*)?$"))
    assert "afgerond" in page.locator("#intake").inner_text().lower()
    assert page.locator("#intake svg[role='img']").count() == 1  # the spinnenweb

    page.locator("#naar-pip").click()
    page.locator("#id_dagtekening").fill(timezone.localdate().isoformat())
    page.locator("#id_leerroute_0").check()  # B1-route
    page.locator("#id_pvt_uren").fill("12")
    page.locator("#id_doelen-meedoen").fill("Vrijwilligerswerk bij de voetbalclub.")
    page.locator("#pip-opslaan").click()
    assert_accessible(page)
    screenshot(page, "pip")
    page.get_by_label("Ik heb het PIP met de inburgeraar besproken").check()
    page.locator("#pip-vaststellen").click()
    page.wait_for_url(re.compile(rf"/inburgeraars/{zaak.pk}/(dossier/[a-z-]+/)?(#.*)?$"))
    open_tab(page, "overzicht")
    assert "PIP vastgesteld" in page.locator("#traject").inner_text()
    expect(page.locator("#kop-status")).to_have_text("PIP vastgesteld")
    open_tab(page, "pip")

    with page.expect_download() as download_info:
        page.locator("#beschikking-1").click()
    download = download_info.value
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert bytes(Beschikking.objects.get(pip__traject__inburgeraar=zaak).pdf) == pdf
    assert_accessible(page)
    page.locator("#pip").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('pip').scrollIntoView()")
    screenshot(page, "dossier-pip-vastgesteld")
    controleer_verwerkingen(adviseur, zaak)


def controleer_verwerkingen(adviseur, zaak):
    """Every personal-data page of the walk-through is in the verwerkingenlogging (AVG art. 32,
    BIO 12.4), the hash chain verifies, and a tampered row is detected."""
    from django.db import connection, transaction

    from koers.toegang.policy import Sectie
    from koers.verwerkingen import rules as log_rules
    from koers.verwerkingen.keten import verzegel
    from koers.verwerkingen.models import Verwerking
    from koers.verwerkingen.services import verifieer
    from tests.verwerkingen.test_keten import _triggers_uit

    van_hem = Verwerking.objects.filter(inburgeraar_id=zaak.pk, actor_id=adviseur.pk)
    assert all(v.actor_naam == "adviseur-weert" and v.organisatie == "Weert" for v in van_hem)
    # The werkvoorraad: every case on the first page, then the search that found him.
    lijst = Verwerking.objects.filter(activiteit=log_rules.ACTIVITEIT_LIJST, actor_id=adviseur.pk)
    assert set(lijst.values_list("inburgeraar_id", flat=True)) == set(
        zaak.gemeente.inburgeraars.values_list("pk", flat=True)
    )
    assert all(v.secties == ["naam", "traject"] and v.kanaal == "ui" for v in lijst)
    assert lijst.filter(inburgeraar_id=zaak.pk).count() == 2
    # The case page, the intake and the PIP pages: each opening is a read with his sections.
    lezen = van_hem.filter(activiteit=log_rules.ACTIVITEIT_INZIEN, handeling="lezen")
    assert lezen.count() >= 7  # dossier, intake ×3, dossier, pip ×2, dossier, beschikking
    assert all(
        {Sectie.NAAM, Sectie.INTAKE, Sectie.GEZONDHEID, Sectie.PIP} <= set(v.secties)
        and v.kanaal == "ui"
        and v.traject_id == zaak.huidig_traject_id
        for v in lezen
    )
    # The writes: intake saved and completed, PIP saved and vastgesteld.
    schrijven = {
        json_lijst(*s)
        for s in van_hem.filter(handeling="wijzigen").values_list("secties", flat=True)
    }
    assert {json_lijst(Sectie.INTAKE), json_lijst(Sectie.PIP)} <= schrijven, schrijven
    verzegel()  # what the worker does within seconds: only sealed records are in the chain
    assert verifieer() is None

    # Tamper with one row as someone with database rights would; rolled back afterwards, so
    # the triggers and the row are as they were for the tests after this one.
    doelwit = lezen.order_by("id")[1]

    class Terug(Exception):
        """Rolls the tampering back."""

    with contextlib.suppress(Terug), transaction.atomic(), connection.cursor() as cursor:
        _triggers_uit(cursor)
        cursor.execute(
            "UPDATE verwerkingen_verwerking SET secties = '[]' WHERE id = %s", [doelwit.pk]
        )
        assert verifieer() == doelwit.pk
        raise Terug
    assert verifieer() is None


def json_lijst(*secties) -> tuple:
    return tuple(sorted(str(s) for s in secties))


def test_buiten_demomodus_vraagt_koers_de_code_uit_de_app(page, zaak, adviseur, settings):
    settings.DEMO = False
    device = TOTPDevice.objects.create(user=adviseur, name="telefoon", confirmed=True)
    inloggen(page, "adviseur-weert")
    page.wait_for_url(re.compile(r"/tweede-factor/"))
    assert_accessible(page)
    page.get_by_label("Code uit uw app").fill("000000" if totp(device.bin_key) != 0 else "111111")
    page.locator("#code-controleren").click()
    fout = page.locator("#foutsamenvatting, .utrecht-form-field-error-message").first
    expect(fout).to_be_visible()
    time.sleep(1.1)  # django-otp throttles: after a wrong code the next try waits a second
    page.get_by_label("Code uit uw app").fill(f"{totp(device.bin_key):06d}")
    page.locator("#code-controleren").click()
    page.locator("#werkvoorraad-tabel").wait_for()
