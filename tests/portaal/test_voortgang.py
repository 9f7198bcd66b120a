"""Voortgang: hours from the leerroute, PVT and MAP, exams and the next steps, translated
labels; Tigrinya is known to Django through the app."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import get_language_info

from koers.leerroute.models import Examenresultaat, UrenPeriode
from koers.modules.models import Activiteit, Afronding

pytestmark = pytest.mark.django_db


def test_progress_shows_hours_modules_and_exams(ik, met_pip):
    UrenPeriode.objects.create(
        traject=met_pip,
        soort="taal",
        periode_start=date(2026, 10, 1),
        periode_eind=date(2026, 10, 31),
        uren_gepland=Decimal("40"),
        uren_gevolgd=Decimal("36.5"),
    )
    Activiteit.objects.create(
        traject=met_pip,
        module="map",
        datum=date(2026, 10, 20),
        uren=Decimal("4"),
        soort="workshop",
        omschrijving="Werkbezoek",
    )
    Afronding.objects.create(traject=met_pip, module="pvt", datum=date(2026, 10, 30))
    Examenresultaat.objects.create(
        traject=met_pip,
        onderdeel="LE",
        niveau="B1",
        examendatum=date(2026, 10, 15),
        resultaat="Geslaagd",
    )
    html = ik.get("/mijn/voortgang/").content.decode()
    assert '<dd id="uren-gevolgd">36.5</dd>' in html
    assert "Klaar op 30 oktober 2026" in html  # PVT
    assert "Bezig: 4 uur gedaan" in html  # MAP
    assert "Lezen (B1)" in html and "Geslaagd" in html
    assert "Doe mee aan de MAP" in html and "Doe mee aan de PVT" not in html
    ik.post("/mijn/taal/", {"taal": "tr"})
    html = ik.get("/mijn/voortgang/").content.decode()
    assert "Okuma (B1)" in html and "Geçti" in html and "30 Ekim 2026 tarihinde tamamlandı" in html


def test_tigrinya_is_known():
    info = get_language_info("ti")
    assert info["name_local"] == "ትግርኛ" and info["bidi"] is False
