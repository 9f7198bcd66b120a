"""Uploads checked by type and size, on the content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.beveiliging.uploads import MAX_BYTES, controleer_upload
from tests.beveiliging.test_upload_structuur import echte_jpg, echte_pdf, echte_png

PDF = echte_pdf()
PNG = echte_png()
JPG = echte_jpg()
EXE = b"MZ\x90\x00\x03\x00\x00\x00"


@pytest.mark.parametrize(
    ("naam", "inhoud", "toegestaan"),
    [
        ("diploma.pdf", PDF, {"pdf"}),
        ("Foto.JPG", JPG, {"jpg", "pdf"}),
        ("scan.jpeg", JPG, {"jpeg"}),
        ("pas.png", PNG, {"png"}),
        ("betalingen.csv", b"bsn;bedrag\n999990010;612,50\n", {"csv"}),
        ("oud.csv", "naam\nJosé\n".encode("cp1252"), {"csv"}),
    ],
)
def test_allowed_files_pass(naam, inhoud, toegestaan):
    bestand = SimpleUploadedFile(naam, inhoud)
    assert controleer_upload(bestand, toegestaan) is bestand
    assert bestand.read() == inhoud  # rewound for the caller


@pytest.mark.parametrize(
    ("naam", "inhoud", "toegestaan", "code", "tekst"),
    [
        (
            "virus.exe",
            EXE,
            {"pdf"},
            "soort",
            "Dit soort bestand kan niet. Kies een bestand van het type: pdf.",
        ),
        ("factuur.pdf", EXE, {"pdf"}, "inhoud", "De inhoud van dit bestand past niet bij de naam"),
        ("foto.png", JPG, {"png"}, "inhoud", "Kies een echt png-bestand."),
        ("lijst.csv", EXE + b"\x00\x00", {"csv"}, "inhoud", "past niet bij de naam (.csv)"),
        ("zonder-extensie", PDF, {"pdf"}, "soort", "Dit soort bestand kan niet."),
        ("leeg.pdf", b"", {"pdf"}, "leeg", "Dit bestand is leeg."),
    ],
)
def test_wrong_files_are_refused_in_dutch(naam, inhoud, toegestaan, code, tekst):
    with pytest.raises(ValidationError) as fout:
        controleer_upload(SimpleUploadedFile(naam, inhoud), toegestaan)
    assert fout.value.code == code
    assert tekst in fout.value.messages[0]


def test_too_large_is_refused():
    bestand = SimpleUploadedFile("groot.pdf", PDF + b"0" * (MAX_BYTES + 1 - len(PDF)))
    with pytest.raises(ValidationError) as fout:
        controleer_upload(bestand, {"pdf"})
    assert fout.value.code == "te_groot"
    assert fout.value.messages[0] == "Dit bestand is te groot. Het mag hoogstens 10,0\xa0MB zijn."
    assert controleer_upload(SimpleUploadedFile("klein.pdf", PDF), {"pdf"}, max_bytes=len(PDF))
