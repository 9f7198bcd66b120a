"""Health reaches a reader through text too: PIP goals under a health dimension of Positieve
Gezondheid are for who may see the health section (AVG art. 9), in the API and the PDF."""

import io
import re
from datetime import date

import pypdf
import pytest
import time_machine

from koers.intake import rules as intake_rules
from koers.intake.services import bewaar, rond_af
from koers.pip.services import bewaar_concept, stel_vast
from tests.intake.gegevens import volledige_intake
from tests.web.conftest import inloggen

DOELEN = {
    "mentaal_welbevinden": "Slaapt weer goed na gesprekken bij de GGZ",
    "lichaamsfuncties": "Rugpijn onder controle met de fysiotherapeut",
    "meedoen": "Een keer per week naar de buurtkamer",
}


def _tekst(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def pip_met_gezondheid(traject_weert, adviseur_weert):
    with time_machine.travel("2026-10-15 12:00 +02:00", tick=False):
        bewaar(traject_weert, adviseur_weert, volledige_intake())
        rond_af(traject_weert, adviseur_weert)
        bewaar_concept(
            traject_weert,
            adviseur_weert,
            {
                "dagtekening": date(2026, 10, 1),
                "leerroute": "B",
                "niveau": "B1",
                "pvt_uren": 16,
                "doelen": DOELEN,
            },
        )
        return stel_vast(traject_weert, 1, adviseur_weert)


def test_gezondheidsdimensies_zijn_dimensies():
    assert set(intake_rules.GEZONDHEID_DIMENSIES) <= set(intake_rules.DIMENSIE_SLEUTELS)
    assert intake_rules.zonder_gezondheid(DOELEN) == {"meedoen": DOELEN["meedoen"]}


def test_api_pips_zonder_gezondheidsdoelen_voor_teamleider(
    api, pip_met_gezondheid, adviseur_weert, teamleider_weert
):
    pk = pip_met_gezondheid.traject.inburgeraar_id
    response = api(teamleider_weert).get(f"/api/v1/inburgeraars/{pk}/pips")
    assert response.status_code == 200
    doelen = response.json()[0]["doelen"]
    assert doelen == {"meedoen": DOELEN["meedoen"]}
    assert b"GGZ" not in response.content and b"Rugpijn" not in response.content
    detail = api(teamleider_weert).get(f"/api/v1/inburgeraars/{pk}/pips/1")
    assert set(detail.json()["doelen"]) == {"meedoen"}

    adviseur = api(adviseur_weert).get(f"/api/v1/inburgeraars/{pk}/pips").json()
    assert adviseur[0]["doelen"] == DOELEN


def test_beschikking_pdf_zonder_gezondheidsdoelen_voor_teamleider(
    api, client, pip_met_gezondheid, adviseur_weert, teamleider_weert
):
    pk = pip_met_gezondheid.traject.inburgeraar_id
    kenmerk = pip_met_gezondheid.beschikking.kenmerk

    response = api(teamleider_weert).get(f"/api/v1/inburgeraars/{pk}/pips/1/beschikking")
    assert response.status_code == 200
    tekst = _tekst(response.content)
    assert "buurtkamer" in tekst and kenmerk in tekst
    assert "GGZ" not in tekst and "Rugpijn" not in tekst
    assert "Mentaal welbevinden" not in tekst and "Lichaamsfuncties" not in tekst

    inloggen(client, teamleider_weert)
    web = client.get(f"/inburgeraars/{pk}/pip/1/beschikking.pdf")
    assert web.status_code == 200
    assert "GGZ" not in _tekst(web.content) and "buurtkamer" in _tekst(web.content)

    adviseur = api(adviseur_weert).get(f"/api/v1/inburgeraars/{pk}/pips/1/beschikking")
    assert adviseur.content == bytes(pip_met_gezondheid.beschikking.pdf)
    assert "GGZ" in _tekst(adviseur.content) and "Rugpijn" in _tekst(adviseur.content)
