"""The beschikking in Mijn plan and Documenten, only his own; B1 wording: dates written out in
every language, no bytes, no "0 uur gedaan"; the adviseur's Dutch marked inside Arabic."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.modules.models import Activiteit
from koers.pip.models import Beschikking
from koers.portaal import services
from koers.verwerkingen.models import Verwerking
from tests.beveiliging.test_upload_structuur import echte_pdf
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.portaal.conftest import portaal_login
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.django_db

PAD = "/mijn/documenten/besluit-1.pdf"


def test_the_beschikking_is_under_plan_and_documenten_and_downloads_logged(ik, met_pip):
    beschikking = Beschikking.objects.get(pip__traject=met_pip)
    for pagina in ("/mijn/plan/", "/mijn/documenten/"):
        html = ik.get(pagina).content.decode()
        assert 'id="beschikking-1"' in html and f'href="{PAD}"' in html
        assert "Besluit over uw plan van 1 oktober 2026 (PDF)" in html
    voor = Verwerking.objects.count()
    antwoord = ik.get(PAD)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content == bytes(beschikking.pdf)
    assert f'filename="{beschikking.kenmerk}.pdf"' in antwoord["Content-Disposition"]
    assert "no-store" in antwoord["Cache-Control"]
    log = Verwerking.objects.order_by("-id").first()
    assert Verwerking.objects.count() == voor + 1
    assert log.kanaal == "portaal" and log.handeling == "lezen" and log.secties == ["pip"]
    assert log.inburgeraar_id == met_pip.inburgeraar_id


def test_only_his_own_beschikking(client, met_pip, weert, adviseur_weert, nu):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur_weert)
    portaal_login(client, ander.inburgeraar)
    assert client.get(PAD).status_code == 404  # met_pip's letter is version 1 too
    assert 'id="beschikking-' not in client.get("/mijn/documenten/").content.decode()
    met_vastgesteld_pip(ander, adviseur_weert, op_de_dag=True)
    assert client.get(PAD).content == bytes(Beschikking.objects.get(pip__traject=ander).pdf)
    assert client.get("/mijn/documenten/besluit-2.pdf").status_code == 404


def test_without_login_the_beschikking_asks_to_log_in(client, met_pip):
    antwoord = client.get(PAD)
    assert antwoord.status_code == 302 and "/mijn/inloggen/" in antwoord["Location"]


def test_documents_show_no_file_size(ik, met_pip, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.bewaar_document(
        met_pip.inburgeraar,
        SimpleUploadedFile("diploma.pdf", echte_pdf(), content_type="application/pdf"),
        "diploma",
    )
    html = ik.get("/mijn/documenten/").content.decode()
    assert "diploma.pdf" in html and "bytes" not in html and "KB" not in html
    assert "Gestuurd op 4 november 2026" in html


def test_no_zero_hours_done(ik, met_pip, adviseur_weert):
    html = ik.get("/mijn/voortgang/").content.decode()
    assert "0 uur gedaan" not in html
    assert '<dd id="pvt-status">Nog niet begonnen</dd>' in html
    Activiteit.objects.create(
        traject=met_pip,
        module="pvt",
        datum=met_pip.pips.first().dagtekening,
        uren=Decimal("3"),
        soort="bijeenkomst",
        omschrijving="Les",
        door=adviseur_weert,
    )
    assert "Bezig: 3 uur gedaan" in ik.get("/mijn/voortgang/").content.decode()


@pytest.mark.parametrize(
    ("taal", "datum"),
    [
        ("nl", "1 oktober 2026"),
        ("en", "1 October 2026"),
        ("ar", "1 أكتوبر 2026"),
        ("ti", "1 ጥቅምቲ 2026"),
        ("tr", "1 Ekim 2026"),
        ("uk", "1 жовтня 2026"),
    ],
)
def test_dates_are_written_out_in_every_language(ik, met_pip, taal, datum):
    ik.post("/mijn/taal/", {"taal": taal})
    html = ik.get("/mijn/plan/").content.decode()
    assert datum in html, taal
    assert "01-10-2026" not in html and "Oct. 1, 2026" not in html


def test_the_adviseurs_dutch_is_marked_left_to_right_in_arabic(ik, met_pip, adviseur_weert):
    services.beantwoord(adviseur_weert, met_pip.inburgeraar, "Tot donderdag!")
    services.stuur_bericht(met_pip.inburgeraar, "شكرا")
    ik.post("/mijn/taal/", {"taal": "ar"})
    html = ik.get("/mijn/berichten/").content.decode()
    assert 'dir="rtl"' in html
    assert '<p class="portaal-bericht__tekst" dir="ltr" lang="nl">Tot donderdag!</p>' in html
    assert '<p class="portaal-bericht__tekst" dir="auto">شكرا</p>' in html
    plan = ik.get("/mijn/plan/").content.decode()
    assert '<dd dir="ltr" lang="nl">Lid worden van een sportclub.</dd>' in plan


def test_tigrinya_pages_use_the_shipped_font(ik):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("portaal/portaal.css")).read_text(encoding="utf-8")
    assert ':lang(ti) { font-family: "Koers Noto Sans Ethiopic"' in css
    for gewicht in (400, 700):
        pad = f"portaal/fonts/noto-sans-ethiopic-ethiopic-{gewicht}-normal.woff2"
        assert f'url("{pad.removeprefix("portaal/")}")' in css
        assert Path(finders.find(pad)).read_bytes()[:4] == b"wOF2"
    assert "Open Font License" in Path(finders.find("portaal/fonts/OFL.txt")).read_text()
