"""Uploads are read whole by a real parser: a good header on a damaged file is not enough."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from koers.beveiliging.uploads import controleer_upload


def echte_pdf(paginas: int = 2) -> bytes:
    schrijver = PdfWriter()
    for _ in range(paginas):
        schrijver.add_blank_page(width=595, height=842)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def echte_afbeelding(formaat: str) -> bytes:
    uit = io.BytesIO()
    # Noise rather than one colour: compressed, a plain image is too small to cut in half.
    Image.effect_noise((64, 64), 64).convert("RGB").save(uit, formaat)
    return uit.getvalue()


def echte_png() -> bytes:
    return echte_afbeelding("PNG")


def echte_jpg() -> bytes:
    return echte_afbeelding("JPEG")


def _fout(naam: str, inhoud: bytes, toegestaan=("pdf", "png", "jpg", "jpeg")) -> ValidationError:
    with pytest.raises(ValidationError) as fout:
        controleer_upload(SimpleUploadedFile(naam, inhoud), set(toegestaan))
    return fout.value


@pytest.mark.parametrize(
    "naam, inhoud",
    [
        ("diploma.pdf", echte_pdf()),
        ("pas.png", echte_png()),
        ("Foto.JPG", echte_jpg()),
        ("scan.jpeg", echte_jpg()),
    ],
)
def test_a_whole_file_passes_and_is_rewound(naam, inhoud):
    bestand = SimpleUploadedFile(naam, inhoud)
    assert controleer_upload(bestand, {"pdf", "png", "jpg", "jpeg"}) is bestand
    assert bestand.read() == inhoud


def test_a_pdf_with_a_good_header_and_broken_body_is_refused():
    pdf = echte_pdf()
    kapot = pdf[:20] + b"\x00garbage\x00" * 50 + pdf[-40:]
    fout = _fout("diploma.pdf", kapot)
    assert fout.code == "beschadigd"
    assert "Dit PDF-bestand is beschadigd of niet compleet" in fout.messages[0]


def test_a_pdf_cut_off_halfway_is_refused():
    pdf = echte_pdf()
    assert _fout("diploma.pdf", pdf[: len(pdf) // 2]).code == "beschadigd"


def test_a_pdf_with_only_a_header_is_refused():
    assert _fout("diploma.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").code == "beschadigd"


def test_a_truncated_png_is_refused():
    png = echte_png()
    fout = _fout("pas.png", png[: len(png) // 2])
    assert fout.code == "beschadigd"
    assert "Dit PNG-bestand is beschadigd" in fout.messages[0]


def test_a_png_with_a_damaged_chunk_is_refused():
    png = bytearray(echte_png())
    png[40] ^= 0xFF  # inside the image data: its checksum no longer matches
    assert _fout("pas.png", bytes(png)).code == "beschadigd"


def test_a_truncated_jpg_is_refused():
    jpg = echte_jpg()
    assert _fout("foto.jpg", jpg[: len(jpg) // 2]).code == "beschadigd"


def test_a_png_renamed_to_jpg_is_refused_on_its_header():
    assert _fout("foto.jpg", echte_png()).code == "inhoud"
