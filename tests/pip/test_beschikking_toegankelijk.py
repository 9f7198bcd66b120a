"""The beschikking as a document a reader's software understands: its title, its language and
sections numbered without gaps, whichever sections the plan has."""

import io
import re
from datetime import date

import pypdf
import pytest
import time_machine

from koers.pip.services import bewaar_concept, stel_vast
from tests.uitvoering import met_afgeronde_intake


def _beschikking(traject, adviseur, leerroute):
    met_afgeronde_intake(traject, adviseur)
    bewaar_concept(
        traject,
        adviseur,
        {
            "dagtekening": date(2026, 10, 1),
            "leerroute": leerroute,
            "niveau": "A2" if leerroute == "Z" else "B1",
            "pvt_uren": 16,
        },
    )
    return stel_vast(traject, 1, adviseur).beschikking


def _hoofdstukken(reader: pypdf.PdfReader) -> list[str]:
    """The titles of the numbered sections, from the bookmarks under the letterhead."""
    titels = []

    def verzamel(items):
        for item in items:
            if isinstance(item, list):
                verzamel(item)
            elif re.match(r"\d+\. ", item.title):
                titels.append(item.title)

    verzamel(reader.outline)
    return titels


@time_machine.travel("2026-10-15 12:00 +02:00", tick=False)
def test_titel_taal_en_auteur_van_de_beschikking(traject_weert, adviseur_weert):
    beschikking = _beschikking(traject_weert, adviseur_weert, "B")

    reader = pypdf.PdfReader(io.BytesIO(bytes(beschikking.pdf)))
    titel = reader.metadata.title
    assert titel == (f"Beschikking Plan Inburgering en Participatie, kenmerk {beschikking.kenmerk}")
    assert reader.metadata.author == "Gemeente Weert"
    catalogus = reader.trailer["/Root"]
    assert catalogus["/Lang"] == "nl"
    # The viewer shows the title, not the file name.
    assert catalogus["/ViewerPreferences"]["/DisplayDocTitle"].value is True


@pytest.mark.parametrize(
    ("leerroute", "met_map"),
    [("B", True), ("O", False)],  # the onderwijsroute has no MAP section
)
@time_machine.travel("2026-10-15 12:00 +02:00", tick=False)
def test_hoofdstukken_zijn_doorlopend_genummerd(traject_weert, adviseur_weert, leerroute, met_map):
    beschikking = _beschikking(traject_weert, adviseur_weert, leerroute)

    reader = pypdf.PdfReader(io.BytesIO(bytes(beschikking.pdf)))
    titels = _hoofdstukken(reader)
    nummers = [int(t.split(".")[0]) for t in titels]
    assert len(nummers) >= 5, titels
    assert nummers == list(range(1, len(nummers) + 1)), titels
    assert titels[0] == "1. Uw leerroute"
    assert any("Module Arbeidsmarkt en Participatie" in t for t in titels) is met_map
    assert any(t.endswith(". Gesprekken over uw voortgang") for t in titels)

    tekst = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))
    for titel in titels:
        assert titel in tekst
