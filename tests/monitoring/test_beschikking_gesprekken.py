"""The PIP beschikking's sentence about the voortgangsgesprekken follows the gemeente's
Gespreksbeleid (startnotitie §6.11.1; local policy)."""

import io
import re
from datetime import date

import pypdf
import pytest
import time_machine

from koers.monitoring import rules
from koers.monitoring.models import Gespreksbeleid
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.django_db


def _tekst(pip) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(pip.beschikking.pdf)))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize(
    ("jaar1", "daarna", "tekst"),
    [
        (
            3,
            6,
            "In het eerste jaar van uw inburgering praten wij elke drie maanden met u over uw "
            "voortgang. Daarna twee keer per jaar.",
        ),
        (2, 12, "wij elke twee maanden met u over uw voortgang. Daarna één keer per jaar."),
        (4, 4, "wij elke vier maanden met u over uw voortgang, ook daarna."),
        (5, 7, "wij elke 5 maanden met u over uw voortgang. Daarna elke 7 maanden."),
    ],
)
def test_gesprekken_tekst(jaar1, daarna, tekst):
    assert tekst in rules.gesprekken_tekst(jaar1, daarna)


def test_beschikking_volgt_het_gespreksbeleid(traject_weert, adviseur_weert, weert):
    Gespreksbeleid.objects.create(gemeente=weert, maanden_jaar1=2, maanden_daarna=12)
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        pip = met_vastgesteld_pip(traject_weert, adviseur_weert, dagtekening=date(2026, 10, 1))
    tekst = _tekst(pip)
    assert "elke twee maanden" in tekst and "één keer per jaar" in tekst
    assert "elke drie maanden" not in tekst


def test_beschikking_zonder_beleid_volgt_de_startnotitie(traject_weert, adviseur_weert):
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        pip = met_vastgesteld_pip(traject_weert, adviseur_weert, dagtekening=date(2026, 10, 1))
    assert "elke drie maanden" in _tekst(pip) and "twee keer per jaar" in _tekst(pip)


def test_eigen_tekst_in_het_pip_gaat_voor(traject_weert, adviseur_weert, weert):
    Gespreksbeleid.objects.create(gemeente=weert, maanden_jaar1=2, maanden_daarna=12)
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        pip = met_vastgesteld_pip(
            traject_weert,
            adviseur_weert,
            dagtekening=date(2026, 10, 1),
            voortgangsgesprekken="Wij bellen u elke maand.",
        )
    assert "Wij bellen u elke maand." in _tekst(pip)
