"""Documents: upload with type and size limits (Dutch errors), stored under MEDIA_ROOT, seen
by himself and by his adviseur on the case page; not by the teamleider or another gemeente."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.portaal import rules
from koers.portaal.models import Document
from koers.verwerkingen.models import Verwerking
from tests.beveiliging.test_upload_structuur import echte_pdf
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.foutsamenvatting import bevat_beide

pytestmark = pytest.mark.django_db

PDF = echte_pdf()


def _stuur(client, naam="diploma.pdf", inhoud=PDF, soort="diploma"):
    return client.post(
        "/mijn/documenten/",
        {
            "soort": soort,
            "toelichting": "Mijn diploma",
            "bestand": SimpleUploadedFile(naam, inhoud, content_type="application/pdf"),
        },
    )


def test_upload_is_stored_and_shown(ik, met_pip, settings):
    antwoord = _stuur(ik)
    assert antwoord.status_code == 302
    document = Document.objects.get()
    assert document.inburgeraar == met_pip.inburgeraar and document.traject == met_pip
    pad = settings.MEDIA_ROOT / document.bestand.name
    assert pad.read_bytes() == PDF and "diploma.pdf" not in document.bestand.name
    html = ik.get("/mijn/documenten/").content.decode()
    assert "diploma.pdf" in html and "Diploma" in html
    assert ik.get(f"/mijn/documenten/{document.pk}/").getvalue() == PDF
    laatste = Verwerking.objects.filter(handeling="wijzigen", kanaal="portaal").get()
    assert laatste.secties == ["documenten"]


@pytest.mark.parametrize(
    ("naam", "inhoud", "fout"),
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan niet."),
        ("nep.pdf", b"MZ\x90\x00 not a pdf", "De inhoud van dit bestand past niet bij de naam"),
        ("leeg.pdf", b"", "Dit bestand is leeg."),
    ],
)
def test_wrong_type_is_refused_in_dutch(ik, naam, inhoud, fout):
    antwoord = _stuur(ik, naam, inhoud)
    assert antwoord.status_code == 400
    assert fout in antwoord.content.decode()
    assert not Document.objects.exists()


def test_too_large_is_refused_in_dutch(ik, settings):
    groot = PDF + b"0" * rules.DOCUMENT_MAX_BYTES
    antwoord = _stuur(ik, "groot.pdf", groot)
    assert antwoord.status_code == 400
    assert "Dit bestand is te groot. Het mag hoogstens 5,0\xa0MB zijn." in antwoord.content.decode()
    assert not Document.objects.exists()
    assert not list(settings.MEDIA_ROOT.rglob("*.pdf"))  # nothing written to disk


def test_missing_type_is_refused(ik):
    antwoord = _stuur(ik, soort="")
    assert "Kies wat voor document het is." in antwoord.content.decode()


def test_another_persons_document_is_404(ik, weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    document = Document.objects.create(
        inburgeraar=ander.inburgeraar,
        soort="brief",
        bestand="portaal/x.pdf",
        naam="x.pdf",
        grootte=3,
        extensie="pdf",
    )
    assert ik.get(f"/mijn/documenten/{document.pk}/").status_code == 404


def test_adviseur_sees_and_opens_the_document_teamleider_does_not(
    ik, met_pip, als, adviseur_weert, teamleider_weert, adviseur_cranendonck
):
    _stuur(ik)
    document = Document.objects.get()
    pk = met_pip.inburgeraar_id
    adviseur = als(adviseur_weert)
    html = adviseur.get(f"/inburgeraars/{pk}/dossier/berichten/").content.decode()
    assert 'id="mijn-inburgering"' in html and "diploma.pdf" in html
    assert (
        adviseur.get(f"/inburgeraars/{pk}/mijn-inburgering/documenten/{document.pk}/").getvalue()
        == PDF
    )
    document.refresh_from_db()
    assert document.gezien_op is not None
    gelezen = Verwerking.objects.filter(actor_id=adviseur_weert.pk, activiteit="document inzien")
    assert gelezen.get().secties == ["documenten"]
    teamleider = als(teamleider_weert)
    assert (
        "diploma.pdf"
        not in teamleider.get(f"/inburgeraars/{pk}/dossier/berichten/").content.decode()
    )
    assert (
        teamleider.get(f"/inburgeraars/{pk}/mijn-inburgering/documenten/{document.pk}/").status_code
        == 403
    )
    buiten = als(adviseur_cranendonck)
    assert (
        buiten.get(f"/inburgeraars/{pk}/mijn-inburgering/documenten/{document.pk}/").status_code
        == 404
    )


def test_kind_and_file_errors_show_together(ik):
    # The field's error (no kind chosen) and the upload's check (a type that is not allowed)
    # in one answer, not the second only after the first is mended.
    antwoord = _stuur(ik, "virus.exe", b"MZ\x90\x00", soort="")
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "Kies wat voor document het is.", "Dit soort bestand kan niet.")
    assert not Document.objects.exists()
