"""Intake appointments in the browser and the API: "niet verschenen" is recorded as such, lets
the intake be closed with what is known, and feeds handhaving. Only the law's minimum blocks
afronden (Wi2021 art. 14)."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from koers.handhaving.signalen import BRONNEN
from koers.intake.models import BredeIntake, IntakeAfspraak
from koers.intake.services import bewaar, leg_afspraak_vast
from tests.intake.gegevens import volledige_intake

pytestmark = pytest.mark.django_db
# A fixed day: "today" taken at import would be yesterday for a test that runs just after
# midnight (seen at 00:00 in Amsterdam: tomorrow's appointment was then today's).
VANDAAG = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def vaste_dag():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def _signalen(traject):
    bron = next(b for b in BRONNEN if b.soort == "handhaving_intake_niet_verschenen")
    return [r for r in bron.rijen(VANDAAG) if r[0] == traject.pk]


def test_niet_verschenen_in_de_browser_en_dan_afronden(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    pk = traject_weert.inburgeraar.pk
    bewaar(traject_weert, adviseur_weert, {"plaats": "gemeente"})
    html = client.get(reverse("web:intake", args=[pk])).content.decode()
    assert 'id="afspraakformulier"' in html
    assert "Nodig volgens de wet:" in html
    antwoord = client.post(
        reverse("web:intake_afspraak", args=[pk]),
        {
            "afspraak-datum": VANDAAG.isoformat(),
            "afspraak-status": "niet_verschenen",
            "afspraak-toelichting": "Niet gekomen, niets laten weten.",
        },
    )
    assert antwoord.status_code == 302
    assert IntakeAfspraak.objects.get().status == "niet_verschenen"
    assert len(_signalen(traject_weert)) == 1  # handhaving overwegen
    html = client.get(reverse("web:intake", args=[pk])).content.decode()
    assert "Niet verschenen" in html and "niets laten weten" in html
    antwoord = client.post(
        reverse("web:intake", args=[pk]), {"actie": "afronden", "plaats": "gemeente"}
    )
    assert antwoord.status_code == 302
    assert BredeIntake.objects.get(traject=traject_weert).is_afgerond


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        ({"afspraak-datum": "", "afspraak-status": "gepland"}, "Datum van de afspraak"),
        ({"afspraak-datum": "2026-02-30", "afspraak-status": "gepland"}, "geldige datum"),
        (
            {
                "afspraak-datum": (VANDAAG + dt.timedelta(days=3)).isoformat(),
                "afspraak-status": "niet_verschenen",
            },
            "op of na de dag van de afspraak",
        ),
    ],
)
def test_afspraak_foute_invoer_in_de_browser(als, adviseur_weert, traject_weert, data, tekst):
    antwoord = als(adviseur_weert).post(
        reverse("web:intake_afspraak", args=[traject_weert.inburgeraar.pk]), data
    )
    assert antwoord.status_code == 400
    assert tekst in antwoord.content.decode()
    assert not IntakeAfspraak.objects.exists()


def test_startnotitie_onderwerpen_blokkeren_niet_op_de_casuspagina(
    als, adviseur_weert, traject_weert
):
    data = volledige_intake()
    del data["onderwerpen"]["sociaal_netwerk"]
    del data["onderwerpen"]["opleiding"]
    bewaar(traject_weert, adviseur_weert, data)
    html = (
        als(adviseur_weert)
        .get(reverse("web:casus_tab", args=[traject_weert.inburgeraar.pk, "intake"]))
        .content.decode()
    )
    blok = html.split("Nog nodig om de intake af te ronden:")[1].split("</ul>")[0]
    assert "Opleiding" in blok and "Sociaal netwerk" not in blok
    assert "Sociaal netwerk" in html.split('id="intake-verwacht"')[1].split("</p>")[0]


def test_afspraken_via_api(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    url = reverse("api:brede-intake-afspraken", kwargs={"pk": traject_weert.inburgeraar.pk})
    antwoord = client.post(
        url, {"datum": VANDAAG.isoformat(), "status": "niet_verschenen"}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == "niet_verschenen"
    assert [a["status"] for a in client.get(url).json()] == ["niet_verschenen"]
    fout = client.post(url, {"datum": VANDAAG.isoformat(), "status": "vergeten"}, format="json")
    assert fout.status_code == 400 and "status" in fout.json()["fouten"]
    morgen = (VANDAAG + dt.timedelta(days=1)).isoformat()
    fout = client.post(url, {"datum": morgen, "status": "verschenen"}, format="json")
    assert fout.status_code == 400 and "datum" in fout.json()["fouten"]
    assert IntakeAfspraak.objects.count() == 1
    # The intake closes with what is known; the law's minimum is reported as such.
    intake = client.get(reverse("api:brede-intake", kwargs={"pk": traject_weert.inburgeraar.pk}))
    assert "lbt_uitslag" in intake.json()["ontbrekend_wettelijk"]
    afronden = client.post(
        reverse("api:brede-intake-afronden", kwargs={"pk": traject_weert.inburgeraar.pk}),
        format="json",
    )
    assert afronden.status_code == 200, afronden.json()
    assert afronden.json()["status"] == "afgerond"


def test_intake_pagina_zonder_dubbele_ids(als, adviseur_weert, traject_weert):
    leg_afspraak_vast(
        traject_weert,
        adviseur_weert,
        {"datum": VANDAAG, "status": "verschenen", "toelichting": "Op tijd."},
    )
    html = (
        als(adviseur_weert)
        .get(reverse("web:intake", args=[traject_weert.inburgeraar.pk]))
        .content.decode()
    )
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'for="id_afspraak-datum"' in html
