"""The beschikking of a vastgesteld PIP is a readable PDF letter (Wi2021 art. 15; Awb 6:7)."""

import io
import re
from datetime import date

import pypdf
import pytest
import time_machine

from koers.pip.models import Beschikking
from koers.pip.services import bewaar_concept, stel_vast
from tests.uitvoering import met_afgeronde_intake


def _tekst(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    tekst = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", tekst)


@pytest.mark.parametrize(
    ("leerroute", "naam"),
    [
        ("B", "B1-route"),
        ("O", "Onderwijsroute"),
        ("Z", "Zelfredzaamheidsroute"),
    ],
)
@time_machine.travel("2026-10-15 12:00 +02:00", tick=False)
def test_beschikking_is_leesbare_pdf(traject_weert, adviseur_weert, leerroute, naam):
    persoon = traject_weert.inburgeraar
    persoon.voornamen, persoon.geslachtsnaam = "Yusuf", "Karimi"
    persoon.save()
    met_afgeronde_intake(traject_weert, adviseur_weert)
    bewaar_concept(
        traject_weert,
        adviseur_weert,
        {
            "dagtekening": date(2026, 10, 1),
            "leerroute": leerroute,
            "niveau": "A2" if leerroute == "Z" else "B1",
            "pvt_uren": 16,
        },
    )
    pip = stel_vast(traject_weert, 1, adviseur_weert)

    beschikking = Beschikking.objects.get(pip=pip)
    pdf = bytes(beschikking.pdf)
    assert pdf.startswith(b"%PDF")
    tekst = _tekst(pdf)
    assert "Yusuf Karimi" in tekst
    assert "Weert" in tekst
    assert naam in tekst
    assert beschikking.kenmerk in tekst
    assert "bezwaar" in tekst
    assert "zes weken" in tekst  # Awb art. 6:7
    # The template's own explanation for developers is no part of the letter.
    assert "letterhead" not in tekst and "render_pdf" not in tekst


@time_machine.travel("2026-10-15 12:00 +02:00", tick=False)
def test_beschikking_drukt_turkse_letters_af(traject_weert, adviseur_weert, tmp_path, monkeypatch):
    """Names such as Yılmaz and Aydın must print whole: a blank letter in a decision is an
    error in the addressee's name. Run from another directory: the server's working
    directory must not decide whether the font can be read."""
    monkeypatch.chdir(tmp_path)
    persoon = traject_weert.inburgeraar
    persoon.voornamen, persoon.geslachtsnaam = "Ayşe Gül", "Yılmaz-Aydın"
    persoon.save()
    met_afgeronde_intake(traject_weert, adviseur_weert)
    bewaar_concept(
        traject_weert,
        adviseur_weert,
        {"dagtekening": date(2026, 10, 1), "leerroute": "B", "pvt_uren": 12},
    )
    pip = stel_vast(traject_weert, 1, adviseur_weert)

    assert "Ayşe Gül Yılmaz-Aydın" in _tekst(bytes(pip.beschikking.pdf))
